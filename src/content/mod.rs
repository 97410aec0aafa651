//! Where articles come from: static JSON files next to the app. All I/O of
//! content lives here; pages get typed results or a [`LoadError`].

use crate::browser::{self, FetchError, FetchRequest};
use crate::config::AppConfig;
use crate::model::{self, Article, Index, LoadError, Parsed, Site};

/// Fetches and parses one article. An invalid slug is "not found" without a
/// request, so odd URLs never turn into odd file paths.
pub async fn load_article(config: &AppConfig, slug: &str) -> Result<Article, LoadError> {
    if !model::is_valid_slug(slug) {
        return Err(LoadError::NotFound);
    }
    let url = format!("{}articles/{slug}.json", config.content);
    let text = get_text(&url).await?;
    let parsed = model::parse_article(&text)?;
    if parsed.value.slug != slug {
        return Err(LoadError::OtherArticle(parsed.value.slug));
    }
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

/// How long a content request may take before the reader is told and
/// offered Retry.
pub const CONTENT_TIMEOUT_MS: u32 = 15_000;

/// GETs a content file. The request is aborted if the view that asked for
/// it is cleaned up (the reader navigated away), so no stale work runs on;
/// it gives up after [`CONTENT_TIMEOUT_MS`], and refuses a file past
/// [`model::MAX_CONTENT_BYTES`] before reading it when the host says its size.
async fn get_text(url: &str) -> Result<String, LoadError> {
    let response = browser::fetch(FetchRequest {
        method: "GET",
        url,
        body: None,
        credentials: false,
        timeout_ms: CONTENT_TIMEOUT_MS,
        max_bytes: Some(model::MAX_CONTENT_BYTES),
        abort_on_cleanup: true,
    })
    .await
    .map_err(|error| match error {
        FetchError::Timeout => LoadError::Timeout,
        FetchError::TooLarge(bytes) => LoadError::TooLarge { bytes, limit: model::MAX_CONTENT_BYTES },
        FetchError::Network(reason) => LoadError::Network(reason),
        FetchError::Aborted => LoadError::Network("the request was cancelled".into()),
    })?;
    match response.status {
        200..=299 => {}
        404 | 410 => return Err(LoadError::NotFound),
        status => return Err(LoadError::Http(status)),
    }
    // Files-only hosts answer a missing file with their HTML 404 page, and
    // some with status 200: that is not article data. A host that answers
    // every address with this app's own page (a single-page app's
    // fallback, `/* /index.html 200`) does so for a file that is not
    // there: to the reader, the article is missing, not broken.
    if response.content_type.contains("text/html") {
        let own_page = response.text.contains(&format!("id=\"{}\"", model::SEED_ELEMENT_ID));
        return Err(if own_page { LoadError::NotFound } else { LoadError::NotJson });
    }
    Ok(response.text)
}
