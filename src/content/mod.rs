//! Where articles come from: static JSON files next to the app. All I/O of
//! content lives here; pages get typed results or a [`LoadError`].

use crate::config::AppConfig;
use crate::model::{self, Article, Index, LoadError, Parsed, Site};

#[cfg(target_arch = "wasm32")]
mod http;

/// Fetches and parses one article. An invalid slug is "not found" without a
/// request, so odd URLs never turn into odd file paths.
pub async fn load_article(config: &AppConfig, slug: &str) -> Result<Article, LoadError> {
    if !model::is_valid_slug(slug) {
        return Err(LoadError::NotFound);
    }
    let url = format!("{}articles/{slug}.json", config.content);
    let text = get_text(&url).await?;
    let parsed = model::parse_article(&text)?;
    Ok(report_skipped(parsed, &format!("article “{slug}”")))
}

pub async fn load_index(config: &AppConfig) -> Result<Index, LoadError> {
    let text = get_text(&format!("{}index.json", config.content)).await?;
    Ok(report_skipped(model::parse_index(&text)?, "index.json"))
}

/// One file of the search index (`search/index.json`, `search/terms-f.json`…).
pub async fn load_search_file<T: serde::de::DeserializeOwned>(config: &AppConfig, name: &str) -> Result<T, LoadError> {
    let text = get_text(&format!("{}search/{name}", config.content)).await?;
    serde_json::from_str(&text).map_err(|e| LoadError::from_json(&e))
}

pub async fn load_site(config: &AppConfig) -> Result<Site, LoadError> {
    let text = get_text(&format!("{}site.json", config.base)).await?;
    model::parse_site(&text)
}

/// One console warning for each part the tolerant parser left out, so a
/// publisher sees it and the reader does not.
fn report_skipped<T>(parsed: Parsed<T>, what: &str) -> T {
    for skipped in &parsed.skipped {
        crate::browser::warn(&format!("linernotes: {what}: {skipped}"));
    }
    parsed.value
}

#[cfg(target_arch = "wasm32")]
async fn get_text(url: &str) -> Result<String, LoadError> {
    http::get_text(url).await
}

#[cfg(not(target_arch = "wasm32"))]
async fn get_text(_url: &str) -> Result<String, LoadError> {
    // Native renders receive their content up front; they never fetch.
    Err(LoadError::Network("no network outside the browser".into()))
}
