//! The data a prerendered page carries for the app that takes it over, in a
//! non-executing `<script type="application/json">`: the app renders its
//! first view from it instead of fetching the same files again.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::{parse_article, parse_index, parse_site, Article, Index, LoadError, Parsed, Site};

/// The `id` of the script element that holds the seed.
pub const SEED_ELEMENT_ID: &str = "linernotes-seed";

/// What one prerendered page was built from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Seed {
    /// The route the page was rendered for, without the site's base path:
    /// `/`, `/article/film-out`, `/category/news`.
    pub path: String,
    pub site: Option<Site>,
    /// The cards this page shows (all of them on the front page, a section's
    /// on its page, the carousel's under an article), not the whole index.
    pub index: Option<Index>,
    pub article: Option<Article>,
}

impl Seed {
    /// The index part, if it was made for the route at `path`.
    pub fn index_for(&self, path: &str) -> Option<&Index> {
        self.index.as_ref().filter(|_| self.path == path)
    }

    pub fn article_for(&self, slug: &str) -> Option<&Article> {
        self.article.as_ref().filter(|a| a.slug == slug)
    }
}

#[derive(Deserialize)]
struct RawSeed<'a> {
    path: String,
    #[serde(borrow, default)]
    site: Option<&'a RawValue>,
    #[serde(borrow, default)]
    index: Option<&'a RawValue>,
    #[serde(borrow, default)]
    article: Option<&'a RawValue>,
}

/// Reads a seed with the same tolerant parsers as the fetched files, so a
/// page behaves the same whether its article came inline or over the network.
pub fn parse_seed(text: &str) -> Result<Parsed<Seed>, LoadError> {
    let raw: RawSeed = serde_json::from_str(text).map_err(|e| LoadError::from_json(&e))?;
    let mut skipped = Vec::new();
    let site = raw.site.map(|s| parse_site(s.get())).transpose()?;
    let index = match raw.index {
        Some(text) => {
            let parsed = parse_index(text.get())?;
            skipped.extend(parsed.skipped);
            Some(parsed.value)
        }
        None => None,
    };
    let article = match raw.article {
        Some(text) => {
            let parsed = parse_article(text.get())?;
            skipped.extend(parsed.skipped);
            Some(parsed.value)
        }
        None => None,
    };
    Ok(Parsed { value: Seed { path: raw.path, site, index, article }, skipped })
}

/// Writes a seed for a page. The site and article go in as the publisher
/// wrote them; every `<` is escaped, so no text in them can close the script
/// element early.
pub fn write_seed(
    path: &str,
    site_json: &str,
    index: Option<&Index>,
    article_json: Option<&str>,
) -> Result<String, serde_json::Error> {
    let mut out = String::from("{\"path\":");
    out.push_str(&serde_json::to_string(path)?);
    out.push_str(",\"site\":");
    out.push_str(&compact(site_json)?);
    if let Some(index) = index {
        out.push_str(",\"index\":");
        out.push_str(&serde_json::to_string(index)?);
    }
    if let Some(article) = article_json {
        out.push_str(",\"article\":");
        out.push_str(&compact(article)?);
    }
    out.push('}');
    Ok(escape_for_script(&out))
}

/// Re-serializes JSON without its whitespace (and checks it is JSON).
fn compact(json: &str) -> Result<String, serde_json::Error> {
    let value: serde_json::Value = serde_json::from_str(json.trim_start_matches('\u{feff}'))?;
    serde_json::to_string(&value)
}

/// `<`, `>` and `&` as JSON escapes: the result is the same JSON, and it can
/// sit inside any HTML element without ending it or starting a comment.
pub fn escape_for_script(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = r#"{"name": "linernotes", "comments": "none"}"#;
    const ARTICLE: &str = r#"{
        "schema": 1, "slug": "a", "title": "A </script><script>alert(1)</script>",
        "published": "2025-01-02T03:04:05Z",
        "body": [{"type": "paragraph", "id": "p1", "content": [{"text": "x < y & z"}]}, {"type": "hologram"}]
    }"#;

    #[test]
    fn a_seed_round_trips_through_its_script_text() {
        let index = Index::default();
        let text = write_seed("/article/a", SITE, Some(&index), Some(ARTICLE)).unwrap();
        assert!(!text.contains('<'), "{text}");
        let parsed = parse_seed(&text).unwrap();
        let seed = parsed.value;
        assert_eq!(seed.path, "/article/a");
        assert_eq!(seed.site.unwrap().name, "linernotes");
        let article = seed.article.unwrap();
        assert_eq!(article.title, "A </script><script>alert(1)</script>");
        assert_eq!(parsed.skipped.len(), 1, "the unknown block is reported, as when fetched");
    }

    #[test]
    fn parts_are_used_only_for_their_own_route() {
        let text = write_seed("/category/news", SITE, Some(&Index::default()), None).unwrap();
        let seed = parse_seed(&text).unwrap().value;
        assert!(seed.index_for("/category/news").is_some());
        assert!(seed.index_for("/").is_none());
        assert!(seed.article_for("a").is_none());
    }

    #[test]
    fn a_broken_seed_is_an_error_not_a_panic() {
        assert!(parse_seed("").is_err());
        assert!(parse_seed("{\"path\": 3}").is_err());
        assert!(parse_seed("{\"path\": \"/\", \"article\": {\"schema\": 1}}").is_err());
        assert!(write_seed("/", "{not json", None, None).is_err());
    }
}
