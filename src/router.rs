//! The site's own router: which page an address names, links that change
//! the page without a reload, Back and Forward. The site has five kinds of
//! page and plain links; a general-purpose router cost the `.wasm` about a
//! tenth of its size for matching this small.

use leptos::prelude::*;

use crate::config::AppConfig;

/// A page of the site, as its address names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Article(String),
    Category(String),
    Search,
    EmbedArticle(String),
    NotFound,
}

impl Route {
    /// Reads a path under the site's base (`/article/film-out`), with or
    /// without a trailing slash.
    pub fn parse(path: &str) -> Route {
        let trimmed = path.trim_end_matches('/');
        let parts: Vec<&str> = trimmed.split('/').skip(1).collect();
        match parts.as_slice() {
            [] => Route::Home,
            ["article", slug] if !slug.is_empty() => Route::Article((*slug).to_string()),
            ["category", slug] if !slug.is_empty() => Route::Category((*slug).to_string()),
            ["search"] => Route::Search,
            ["embed", "article", slug] if !slug.is_empty() => Route::EmbedArticle((*slug).to_string()),
            _ => Route::NotFound,
        }
    }
}

/// What [`split_address`] gives for an address outside the site's base: a
/// path no route matches.
const OUTSIDE_BASE: &str = "/../outside";

/// Splits an address under the site's base into its path (from the base,
/// with a leading `/`) and its query (without `?`); the fragment goes.
pub fn split_address(base: &str, address: &str) -> (String, String) {
    let address = address.split('#').next().unwrap_or_default();
    let (path, query) = address.split_once('?').unwrap_or((address, ""));
    let base = base.trim_end_matches('/');
    // An address outside the base (a host that answers every path with the
    // magazine's 404.html) names no page of the site.
    let Some(path) = path.strip_prefix(base) else {
        return (OUTSIDE_BASE.to_string(), query.to_string());
    };
    let path = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
    // A static host serves `/article/x/index.html` as `/article/x/`: so do
    // we, for bookmarks and links that name the file.
    let path = match path.strip_suffix("index.html") {
        Some(folder) if folder.ends_with('/') => folder.to_string(),
        _ => path,
    };
    (decode_component(&path, false), query.to_string())
}

/// The query keys the app reads: the search on `/search`, the parts of an
/// embed. Any other (`utm_source`, `fbclid`, a newsletter's tag) leaves the
/// page as it is, so a page reached with one is still adopted as built.
const PAGE_QUERY_KEYS: [&str; 2] = ["q", "parts"];

/// Whether a query changes what a page shows (see `PAGE_QUERY_KEYS`).
pub fn query_shapes_page(query: &str) -> bool {
    PAGE_QUERY_KEYS.iter().any(|key| query_value(query, key).is_some())
}

/// The value of `key` in a query string (`q=sigur+r%C3%B3s`), decoded.
pub fn query_value(query: &str, key: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (decode_component(k, true) == key).then(|| decode_component(v, true))
    })
}

/// Percent-decoding (and, in a query, `+` as a space). Bytes that do not
/// form UTF-8 are read as Latin-1, as older sites and forms wrote them
/// (`caf%E9` is `café`), rather than dropped from a search.
fn decode_component(text: &str, plus_is_space: bool) -> String {
    let mut bytes = Vec::with_capacity(text.len());
    let mut iter = text.bytes();
    while let Some(b) = iter.next() {
        match b {
            b'%' => {
                let hex = |c: u8| (c as char).to_digit(16);
                let mut rest = iter.clone();
                match (rest.next().and_then(hex), rest.next().and_then(hex)) {
                    (Some(hi), Some(lo)) => {
                        bytes.push((hi * 16 + lo) as u8);
                        iter = rest;
                    }
                    _ => bytes.push(b'%'),
                }
            }
            b'+' if plus_is_space => bytes.push(b' '),
            b => bytes.push(b),
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|not_utf8| not_utf8.into_bytes().into_iter().map(char::from).collect())
}

/// Where the reader is: the path under the site's base and the query.
#[derive(Clone, Copy)]
pub struct Location {
    path: RwSignal<String>,
    query: RwSignal<String>,
    base: StoredValue<String>,
}

impl Location {
    /// Starts at `address` (the full path, base included, with its query);
    /// it moves once [`Location::follow`] is called.
    pub fn new(config: &AppConfig, address: &str) -> Self {
        let (path, query) = split_address(&config.base, address);
        Location { path: RwSignal::new(path), query: RwSignal::new(query), base: StoredValue::new(config.base.clone()) }
    }

    /// In the browser, follows the site's links and the history from now
    /// on; until then a link is an ordinary page load.
    pub fn follow(&self) {
        let location = *self;
        crate::browser::follow_links(&self.base.get_value(), move |address| location.arrive(&address));
    }

    /// The address changed (a link, Back or Forward): `address` is the full
    /// path with its query, base included.
    fn arrive(&self, address: &str) {
        let (path, query) = split_address(&self.base.get_value(), address);
        if self.path.get_untracked() != path {
            self.path.set(path);
        }
        if self.query.get_untracked() != query {
            self.query.set(query);
        }
    }

    /// The path under the base: `/article/film-out`.
    pub fn path(&self) -> String {
        self.path.get()
    }

    /// The path with its query (`/search?q=city`), as a link to it is written.
    pub fn address(&self) -> String {
        let path = self.path.get();
        self.query.with(|q| if q.is_empty() { path } else { format!("{path}?{q}") })
    }

    pub fn route(&self) -> Route {
        self.path.with(|p| Route::parse(p))
    }

    /// A value of the query, decoded.
    pub fn query(&self, key: &str) -> Option<String> {
        self.query.with(|q| query_value(q, key))
    }

    /// Goes to a path on this site (`/search?q=…`), as a link would.
    pub fn navigate(&self, site_path: &str) {
        let address = format!("{}{}", self.base.get_value().trim_end_matches('/'), site_path);
        crate::browser::push_address(&address);
        self.arrive(&address);
        // As after a link: the new page starts at its top.
        crate::browser::scroll_to_top_or("");
    }
}

/// The reader's location, or the home page where there is no router (a
/// component rendered on its own, in tests).
pub fn use_location() -> Location {
    use_context::<Location>().unwrap_or_else(|| Location {
        path: RwSignal::new("/".into()),
        query: RwSignal::new(String::new()),
        base: StoredValue::new("/".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_name_their_pages() {
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("/article/film-out"), Route::Article("film-out".into()));
        assert_eq!(Route::parse("/article/film-out/"), Route::Article("film-out".into()));
        assert_eq!(Route::parse("/category/news"), Route::Category("news".into()));
        assert_eq!(Route::parse("/search"), Route::Search);
        assert_eq!(Route::parse("/embed/article/film-out"), Route::EmbedArticle("film-out".into()));
        for other in ["/article", "/article/", "/article/a/b", "/nope", "/search/x", "//article/x"] {
            assert_eq!(Route::parse(other), Route::NotFound, "{other}");
        }
    }

    #[test]
    fn only_the_queries_the_app_reads_shape_a_page() {
        for shaping in ["q=film", "q=", "q", "utm_source=news&q=a+b", "parts=article,video", "%71=x"] {
            assert!(query_shapes_page(shaping), "{shaping}");
        }
        for other in ["", "utm_source=newsletter&utm_medium=email", "fbclid=IwAR0x", "ref=home", "quality=1", "sq=2"] {
            assert!(!query_shapes_page(other), "{other}");
        }
    }

    #[test]
    fn addresses_split_under_the_base() {
        assert_eq!(split_address("/magazine/", "/magazine/article/x?q=1#top"), ("/article/x".into(), "q=1".into()));
        assert_eq!(split_address("/magazine/", "/magazine"), ("/".into(), String::new()));
        assert_eq!(split_address("/", "/search?q=a%20b"), ("/search".into(), "q=a%20b".into()));
        assert_eq!(split_address("/", "/article/caf%C3%A9"), ("/article/café".into(), String::new()));
        assert_eq!(split_address("/", "/index.html"), ("/".into(), String::new()));
        assert_eq!(
            split_address("/magazine/", "/magazine/article/x/index.html"),
            ("/article/x/".into(), String::new())
        );
        // Outside the base, a host answering every path with the magazine's
        // 404.html: no page of the site, not the page the rest would name.
        for outside in ["/", "/article/film-out", "/category/news?x=1"] {
            assert_eq!(Route::parse(&split_address("/magazine/", outside).0), Route::NotFound, "{outside}");
        }
        assert_eq!(
            split_address("/", "/article/index.html-notes"),
            ("/article/index.html-notes".into(), String::new())
        );
    }

    #[test]
    fn query_values_are_decoded() {
        assert_eq!(query_value("q=sigur+r%C3%B3s&x=1", "q").as_deref(), Some("sigur rós"));
        assert_eq!(query_value("parts=article,video", "parts").as_deref(), Some("article,video"));
        assert_eq!(query_value("a=1", "q"), None);
        assert_eq!(query_value("q=%zz%", "q").as_deref(), Some("%zz%"));
        assert_eq!(query_value("q=caf%E9+cr%E8me", "q").as_deref(), Some("café crème"));
        assert_eq!(query_value("q=caf%C3%A9", "q").as_deref(), Some("café"));
        assert_eq!(query_value("q", "q").as_deref(), Some(""));
    }
}
