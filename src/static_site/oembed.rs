use serde_json::json;

use super::{escape, SiteUrls};
use crate::config::AppConfig;
use crate::model::Article;

/// The size the embed snippet asks for; hosts that use `embed.js` get the
/// content's real height instead.
pub const EMBED_WIDTH: u32 = 640;
pub const EMBED_HEIGHT: u32 = 900;

/// Where an article's oEmbed response lives, under the site's base path.
pub fn oembed_path(slug: &str) -> String {
    format!("oembed/{slug}.json")
}

/// The iframe snippet for an article, as copied into another site's page.
pub fn iframe_snippet(urls: &SiteUrls, article: &Article) -> String {
    format!(
        "<iframe src=\"{}\" width=\"{EMBED_WIDTH}\" height=\"{EMBED_HEIGHT}\" title=\"{}\" loading=\"lazy\" style=\"border:0;max-width:100%\" allow=\"accelerometer; autoplay; encrypted-media; fullscreen; gyroscope; picture-in-picture\"></iframe>",
        escape(&urls.page(&format!("/embed{}", AppConfig::article_path(&article.slug)))),
        escape(&article.title),
    )
}

/// A static oEmbed response (`type: "rich"`) for an article, so tools that
/// understand oEmbed embed it from its pasted URL.
pub fn oembed_json(site_name: &str, urls: &SiteUrls, article: &Article) -> String {
    let mut data = json!({
        "version": "1.0",
        "type": "rich",
        "title": article.title,
        "provider_name": site_name,
        "provider_url": urls.page("/"),
        "html": iframe_snippet(urls, article),
        "width": EMBED_WIDTH,
        "height": EMBED_HEIGHT,
        "cache_age": 86400,
    });
    if let Some(byline) = article.byline() {
        data["author_name"] = json!(byline);
    }
    if let Some(url) = article.authors.iter().find_map(|a| a.link().filter(|l| !l.is_site())) {
        data["author_url"] = json!(url.resolve("/"));
    }
    if let Some(hero) = &article.hero {
        data["thumbnail_url"] = json!(urls.file(&hero.src));
        data["thumbnail_width"] = json!(hero.width);
        data["thumbnail_height"] = json!(hero.height);
    }
    let mut text = data.to_string();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_article, Site};

    #[test]
    fn an_oembed_response_has_the_rich_fields() {
        let site: Site = serde_json::from_str(r#"{"name":"linernotes","origin":"https://mag.example"}"#).unwrap();
        let urls = SiteUrls::new(&site, &AppConfig::new("/m/")).unwrap();
        let article = parse_article(
            r#"{"schema":1,"slug":"a","title":"A \"quoted\" title","published":"2025-01-02T03:04:05Z",
            "authors":[{"name":"Ana","url":"https://ana.example"}],
            "hero":{"src":"images/a.svg","alt":"Art","width":1200,"height":675},
            "body":[{"type":"paragraph","id":"p1","content":[{"text":"x"}]}]}"#,
        )
        .unwrap()
        .value;
        let data: serde_json::Value = serde_json::from_str(&oembed_json(&site.name, &urls, &article)).unwrap();
        assert_eq!(data["version"], "1.0");
        assert_eq!(data["type"], "rich");
        assert_eq!(data["provider_url"], "https://mag.example/m/");
        assert_eq!(data["author_name"], "Ana");
        assert_eq!(data["author_url"], "https://ana.example");
        assert_eq!(data["thumbnail_url"], "https://mag.example/m/images/a.svg");
        assert_eq!(data["thumbnail_width"], 1200);
        let html = data["html"].as_str().unwrap();
        assert!(html.starts_with("<iframe src=\"https://mag.example/m/embed/article/a/\""), "{html}");
        assert!(html.contains("title=\"A &quot;quoted&quot; title\""), "{html}");
    }
}
