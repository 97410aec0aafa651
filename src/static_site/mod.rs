//! The files a production build adds around the app: each prerendered
//! page's document and head tags, the feed, the sitemap and robots.txt.
//! Plain string building from the model, tested on the host; the page
//! bodies themselves come from the app's components (`src/bin/prerender.rs`).

mod document;
mod feeds;
mod head;
mod mount;
mod oembed;
#[cfg(feature = "ssr")]
mod render;

pub use document::{
    embed_page, fill_template, public_url, shell_page, shell_template, with_noscript, Sources, TemplateError,
};
pub use feeds::{atom_feed, robots_txt, sitemap};
pub use head::{article_head, hero_preload, listing_head, Head};
pub use mount::mount_manifest;
pub use oembed::{iframe_snippet, oembed_json, oembed_path, EMBED_HEIGHT, EMBED_WIDTH};
#[cfg(feature = "ssr")]
pub use render::render_app;

use crate::config::AppConfig;
use crate::model::Site;

/// Absolute addresses for a site published at `origin` under `config.base`.
#[derive(Debug, Clone)]
pub struct SiteUrls {
    pub origin: String,
    pub config: AppConfig,
}

impl SiteUrls {
    /// `None` when `site.json` names no usable origin.
    pub fn new(site: &Site, config: &AppConfig) -> Option<Self> {
        Some(SiteUrls { origin: site.origin()?.to_string(), config: config.clone() })
    }

    /// A route (`/article/x`) as the absolute URL of its built page,
    /// `https://…/article/x/` (see [`AppConfig::folder_address`]).
    pub fn page(&self, path: &str) -> String {
        format!("{}{}", self.origin, AppConfig::folder_address(&self.config.href(path)))
    }

    /// A route as an absolute URL in the form the feed's entry ids have
    /// always had (no trailing slash): a feed reader keys its entries by
    /// these, and a changed id would bring every article back as new.
    pub fn id(&self, path: &str) -> String {
        let href = self.config.href(path);
        format!("{}{}", self.origin, if href.is_empty() { "/" } else { &href })
    }

    /// A file of the site (`images/x.svg`, `feed.xml`) as an absolute URL.
    pub fn file(&self, src: &str) -> String {
        let asset = self.config.asset(src);
        if asset.starts_with('/') {
            format!("{}{}", self.origin, asset)
        } else {
            asset
        }
    }
}

/// Text for an HTML attribute or XML element. Characters XML 1.0 does not
/// allow (control characters other than tab and line breaks, U+FFFE and
/// U+FFFF: a YAML `"\a"`, a word processor's soft return) are left out: one
/// of them would make the whole feed unreadable to a feed reader.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() && c <= '\u{1f}' => {}
            '\u{fffe}' | '\u{ffff}' => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_absolute_under_the_base() {
        let site: Site = serde_json::from_str(r#"{"name":"x","origin":"https://mag.example/"}"#).unwrap();
        let urls = SiteUrls::new(&site, &AppConfig::new("/magazine/")).unwrap();
        assert_eq!(urls.page("/article/a"), "https://mag.example/magazine/article/a/");
        assert_eq!(urls.id("/article/a"), "https://mag.example/magazine/article/a");
        assert_eq!(urls.page("/"), "https://mag.example/magazine/");
        assert_eq!(urls.file("images/a.svg"), "https://mag.example/magazine/images/a.svg");
        assert_eq!(urls.file("https://cdn.example/a.svg"), "https://cdn.example/a.svg");
        let root = SiteUrls::new(&site, &AppConfig::new("/")).unwrap();
        assert_eq!(root.page("/"), "https://mag.example/");
    }

    #[test]
    fn odd_origins_are_refused() {
        for origin in ["", "mag.example", "javascript:alert(1)", "https://", "https://a.example/path"] {
            let site = Site { origin: Some(origin.into()), ..Site::default() };
            assert!(SiteUrls::new(&site, &AppConfig::new("/")).is_none(), "{origin}");
        }
    }

    #[test]
    fn escaping_covers_attributes_and_elements() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn characters_xml_refuses_are_left_out() {
        assert_eq!(escape("Bell\u{7}\u{0}\u{b}\u{1b} and\u{ffff}\u{fffe} end"), "Bell and end");
        assert_eq!(escape("tab\tline\nreturn\r\u{85}é\u{fffd}"), "tab\tline\nreturn\r\u{85}é\u{fffd}");
    }
}
