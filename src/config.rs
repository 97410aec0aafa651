/// Where the app lives and where its content comes from. Read once at start
/// (from the page in the browser, from arguments in native tools) and
/// provided as context, so components never guess URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppConfig {
    /// The site's base path, always with a trailing slash: `/` or `/magazine/`.
    pub base: String,
    /// Where `index.json` and `articles/` live, with a trailing slash.
    pub content: String,
}

impl AppConfig {
    pub fn new(base: &str) -> Self {
        let base = normalize_base(base);
        let content = format!("{base}content/");
        AppConfig { base, content }
    }

    /// A site at an absolute address, for the app mounted in another site's
    /// page: its links and content then point back to that site. `None`
    /// unless it is an http(s) address.
    pub fn remote(url: &str) -> Option<Self> {
        let url = url.trim();
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
        let host = rest.split('/').next().unwrap_or_default();
        if host.is_empty() || url.contains("..") || url.chars().any(|c| c.is_whitespace() || c == '"' || c == '<') {
            return None;
        }
        let base = if url.ends_with('/') { url.to_string() } else { format!("{url}/") };
        let content = format!("{base}content/");
        Some(AppConfig { base, content })
    }

    /// What the reader's stored drafts and own comments are keyed under,
    /// besides the article: nothing on the site's own pages (the keys
    /// readers already have), the site's address when it is mounted in
    /// another site's page, where two magazines can share one storage.
    pub fn storage_scope(&self) -> &str {
        if self.base.starts_with('/') {
            ""
        } else {
            &self.base
        }
    }

    /// A path on this site (`/article/x`) as an `href` under the base.
    pub fn href(&self, path: &str) -> String {
        format!("{}{}", self.base.trim_end_matches('/'), path)
    }

    /// A file published with the site (`images/x.svg`), or an absolute URL as is.
    pub fn asset(&self, src: &str) -> String {
        // The checks that let the address in read it without the spaces
        // around it (`" images/a.svg "`): so does the page.
        let src = src.trim();
        if src.contains("://") || src.get(..5).is_some_and(|scheme| scheme.eq_ignore_ascii_case("data:")) {
            src.to_string()
        } else if let Some(path) = src.strip_prefix('/') {
            format!("{}{}", self.base, path)
        } else {
            format!("{}{}", self.base, src)
        }
    }

    /// A page's address as the web should know it (canonical link,
    /// sitemap, feed, oEmbed): its folder, `/article/x/`, which every static
    /// host serves from `article/x/index.html` without a redirect (many
    /// answer `/article/x` with a redirect to it).
    pub fn folder_address(href: &str) -> String {
        if href.ends_with('/') {
            href.to_string()
        } else {
            format!("{href}/")
        }
    }

    pub fn article_path(slug: &str) -> String {
        format!("/article/{slug}")
    }

    pub fn category_path(slug: &str) -> String {
        format!("/category/{slug}")
    }
}

/// `magazine` → `/magazine/`; anything odd → `/`.
pub fn normalize_base(base: &str) -> String {
    let trimmed = base.trim().trim_matches('/');
    if trimmed.is_empty() || trimmed.contains("://") || trimmed.contains("..") {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalized() {
        assert_eq!(normalize_base(""), "/");
        assert_eq!(normalize_base("/"), "/");
        assert_eq!(normalize_base("/magazine"), "/magazine/");
        assert_eq!(normalize_base("magazine/"), "/magazine/");
        assert_eq!(normalize_base("/a/b/"), "/a/b/");
        assert_eq!(normalize_base("https://evil.example/"), "/");
    }

    #[test]
    fn remote_sites_give_absolute_links() {
        let cfg = AppConfig::remote("https://cdn.example/magazine").unwrap();
        assert_eq!(cfg.href("/article/a"), "https://cdn.example/magazine/article/a");
        assert_eq!(cfg.asset("images/a.svg"), "https://cdn.example/magazine/images/a.svg");
        assert_eq!(cfg.content, "https://cdn.example/magazine/content/");
        for bad in ["", "javascript:alert(1)", "ftp://x/", "https://", "https://a/../b", "https://a/\"x"] {
            assert!(AppConfig::remote(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn only_a_mounted_site_scopes_its_stored_keys() {
        assert_eq!(AppConfig::new("/magazine/").storage_scope(), "");
        assert_eq!(AppConfig::new("/").storage_scope(), "");
        let remote = AppConfig::remote("https://cdn.example/magazine").unwrap();
        assert_eq!(remote.storage_scope(), "https://cdn.example/magazine/");
    }

    #[test]
    fn hrefs_and_assets_live_under_the_base() {
        let cfg = AppConfig::new("/magazine/");
        assert_eq!(cfg.href("/article/film-out"), "/magazine/article/film-out");
        assert_eq!(cfg.href("/"), "/magazine/");
        assert_eq!(cfg.asset("images/a.svg"), "/magazine/images/a.svg");
        assert_eq!(cfg.asset("/images/a.svg"), "/magazine/images/a.svg");
        assert_eq!(cfg.asset(" images/a.svg \n"), "/magazine/images/a.svg");
        assert_eq!(cfg.asset("https://cdn.example/a.svg"), "https://cdn.example/a.svg");
        assert_eq!(cfg.asset("DATA:image/png;base64,AA=="), "DATA:image/png;base64,AA==");
        assert_eq!(cfg.content, "/magazine/content/");
    }
}
