//! Slugs, links between posts, and the redirects that keep every old
//! address working.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::html::{same_host, split_url, Links};
use super::source::{Post, Site, Term};
use crate::model::is_valid_slug;

/// The linernotes slug of each imported post, and why it changed.
pub struct Slugs {
    pub by_id: BTreeMap<u64, String>,
    pub changed: BTreeMap<u64, String>,
}

/// Percent-decodes a slug (`%e3%82%b7` → `シ`); invalid sequences stay.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes.get(i), bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (Some(b'%'), Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (Some(b), _, _) => {
                out.push(*b);
                i += 1;
            }
            _ => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The section a WordPress category becomes: its slug when that is a
/// linernotes slug, otherwise one made of the slug (`hip_hop` → `hip-hop`)
/// or else of its name, or, for a name in a script with no Latin letters
/// (`ニュース`), `section-{id}` from WordPress's own id; `None` without one.
pub fn section_slug(slug: &str, name: &str, id: Option<u64>) -> Option<String> {
    if is_valid_slug(slug) {
        return Some(slug.to_string());
    }
    [slugify(&percent_decode(slug)), slugify(name)]
        .into_iter()
        .find(|s| !s.is_empty())
        .or_else(|| id.map(|id| format!("section-{id}")))
}

/// The slug of an author's archive that WordPress makes of a login
/// (`sanitize_title` of its first 50 characters): lower case, `.` and
/// spaces as hyphens, other marks dropped, other scripts percent-encoded.
pub fn nicename(login: &str) -> String {
    let mut out = String::new();
    for c in login.trim().chars().take(50) {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '_' => out.push(c.to_ascii_lowercase()),
            '-' | '.' => out.push('-'),
            c if c.is_whitespace() => out.push('-'),
            c if !c.is_ascii() => {
                let mut bytes = [0; 4];
                for b in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("%{b:02x}"));
                }
            }
            _ => {}
        }
    }
    let mut collapsed = String::with_capacity(out.len());
    for c in out.chars() {
        if !(c == '-' && collapsed.ends_with('-')) {
            collapsed.push(c);
        }
    }
    collapsed.trim_matches('-').to_string()
}

/// Lowercase ASCII letters, digits and single hyphens, accents folded as
/// `publish new` folds them (`café` → `cafe`, not `caf`): the address is
/// for good.
pub fn slugify(text: &str) -> String {
    use crate::markdown::sources::{fold, is_combining_mark};
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_combining_mark(c) {
            continue;
        }
        let folded = fold(c);
        if !folded.is_empty() {
            out.push_str(folded);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut s = out.trim_end_matches('-').to_string();
    s.truncate(100);
    s.trim_end_matches('-').to_string()
}

/// Gives every post a valid, unique linernotes slug: its own when it is
/// one, otherwise a cleaned form (or `post-{id}`), with `-{id}` on a
/// clash. `reserved` are the slugs of articles the import does not own
/// (the publisher's own): a post never takes one. Posts are taken by id,
/// so both sources give the same answer.
pub fn assign_slugs(posts: &[&Post], reserved: &BTreeSet<String>) -> Slugs {
    assign_slugs_keeping(posts, reserved, &BTreeMap::new())
}

/// As [`assign_slugs`], except that the posts in `kept` (WordPress id →
/// slug) keep the slug they have: an article an earlier import wrote and
/// the publisher has since taken over (rewritten in Markdown). It is the
/// same article, so its old addresses and comments still lead to it.
pub fn assign_slugs_keeping(posts: &[&Post], reserved: &BTreeSet<String>, kept: &BTreeMap<u64, String>) -> Slugs {
    let mut sorted: Vec<&Post> = posts.to_vec();
    sorted.sort_by_key(|p| p.id);
    let mut taken: HashSet<String> = reserved.iter().cloned().collect();
    let mut by_id = BTreeMap::new();
    let mut changed = BTreeMap::new();
    for post in &sorted {
        if let Some(slug) = kept.get(&post.id) {
            taken.insert(slug.clone());
            by_id.insert(post.id, slug.clone());
        }
    }
    for post in &sorted {
        if by_id.contains_key(&post.id) {
            continue;
        }
        if is_valid_slug(&post.slug) && taken.insert(post.slug.clone()) {
            by_id.insert(post.id, post.slug.clone());
        }
    }
    for post in &sorted {
        if by_id.contains_key(&post.id) {
            continue;
        }
        let decoded = percent_decode(&post.slug);
        let mut base = slugify(&decoded);
        if base.is_empty() {
            base = slugify(&super::html::html_to_text(&post.title));
        }
        if base.is_empty() {
            base = format!("post-{}", post.id);
        }
        let mut slug = base.clone();
        if !is_valid_slug(&slug) || taken.contains(&slug) {
            slug = format!("{base}-{}", post.id);
        }
        let reason = if reserved.contains(&base) {
            format!("slug `{decoded}` is taken by an article not imported from WordPress; now `{slug}`")
        } else if taken.contains(&base) {
            format!("slug `{decoded}` is taken; now `{slug}`")
        } else {
            format!("slug `{decoded}` is not a linernotes slug; now `{slug}`")
        };
        taken.insert(slug.clone());
        changed.insert(post.id, reason);
        by_id.insert(post.id, slug);
    }
    Slugs { by_id, changed }
}

/// Where links to the old site lead now.
pub struct LinkMap {
    host: String,
    /// The site's path prefix (`/blog`), or empty.
    prefix: String,
    by_id: HashMap<u64, String>,
    by_path: HashMap<String, String>,
    by_slug: HashMap<String, String>,
    /// Category slugs (decoded, in lower case, as addresses are read) →
    /// their sections.
    categories: HashMap<String, String>,
    /// Tag and author archives of the imported posts (decoded, lower-case
    /// path, no slash) → the search that stands in for them, as their
    /// redirects lead.
    searches: HashMap<String, String>,
    /// Archives and feeds by query (`?cat=3`, `?tag=live`): (key, value
    /// decoded and in lower case) → where they lead now.
    queries: HashMap<(String, String), String>,
    origin: String,
    /// Old addresses the site's own redirects led to an imported post:
    /// (path as linked, prefix included; the post's slug).
    learned: Vec<(String, String)>,
}

/// Whether two links name the same page of the site at `home`: a path
/// alone is read on its host; case, escapes and the trailing slash aside.
pub fn same_address(a: &str, b: &str, home: &str) -> bool {
    let home_host = split_url(home).map(|(_, host, _)| host).unwrap_or_default();
    let parts = |link: &str| {
        let link = link.trim().split('#').next().unwrap_or_default();
        match split_url(link) {
            Some((_, host, path)) => (host, normalize_path(&path)),
            None if link.starts_with('/') && !link.starts_with("//") => (home_host.clone(), normalize_path(link)),
            None => (String::new(), String::new()),
        }
    };
    let (a, b) = (parts(a), parts(b));
    !a.1.is_empty() && same_host(&a.0, &b.0) && a.1 == b.1
}

/// The post's permalink `path` as it was dated before (`_wp_old_date`):
/// the year, month and day in it that are the post's date, in that order
/// (as `/%year%/%monthnum%/%day%/%postname%/` writes them), replaced by an
/// old date's. Nothing for a permalink without its date.
fn old_dated(post: &Post, path: &str) -> Vec<String> {
    let parts = |date: &str| -> Option<[String; 3]> {
        let date = date.trim().get(..10)?;
        let mut it = date.split('-').map(str::to_string);
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        (y.len() == 4 && m.len() == 2 && d.len() == 2 && date.bytes().filter(u8::is_ascii_digit).count() == 8)
            .then_some([y, m, d])
    };
    let Some(now) = parts(&post.date_local) else { return Vec::new() };
    let segments: Vec<&str> = path.split('/').collect();
    // The year's segment, never the last (the post's own name).
    let Some(year) = segments.iter().take(segments.len().saturating_sub(1)).position(|s| *s == now[0]) else {
        return Vec::new();
    };
    let mut olds = Vec::new();
    for old in post.old_dates.iter().filter_map(|d| parts(d)) {
        let mut moved: Vec<String> = segments.iter().map(|s| s.to_string()).collect();
        for (i, (was, becomes)) in now.iter().zip(&old).enumerate() {
            let at = year + i;
            if at + 1 >= moved.len() || moved[at] != *was {
                break;
            }
            moved[at] = becomes.clone();
        }
        let moved = moved.join("/");
        if moved != path && !olds.contains(&moved) {
            olds.push(moved);
        }
    }
    olds
}

/// A path without its leading `/index.php` (WordPress's permalinks on a
/// host without rewriting, `/index.php/category/news/`): what follows is
/// read as the same address would be without it.
fn without_index_php(path: &str) -> &str {
    match path.strip_prefix("/index.php") {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
        _ => path,
    }
}

fn normalize_path(path: &str) -> String {
    let decoded = percent_decode(path).to_lowercase();
    let trimmed = decoded.trim_end_matches('/');
    if trimmed.is_empty() {
        "/".into()
    } else {
        trimmed.to_string()
    }
}

impl LinkMap {
    pub fn new(site: &Site, posts: &[&Post], slugs: &Slugs) -> LinkMap {
        let (scheme, host, prefix) = split_url(&site.home).unwrap_or_default();
        let prefix = prefix.trim_end_matches('/').to_string();
        let mut map = LinkMap {
            host,
            prefix,
            by_id: HashMap::new(),
            by_path: HashMap::new(),
            by_slug: HashMap::new(),
            categories: site
                .categories
                .values()
                .filter_map(|c| {
                    // WordPress's untouched default is no section: its
                    // posts are on the front page (an empty section here).
                    let section = match c.is_untouched_default() {
                        true => String::new(),
                        false => section_slug(&c.slug, &super::html::html_to_text(&c.name), c.wordpress_id())?,
                    };
                    // Looked up by the decoded path, as links are read.
                    Some((percent_decode(&c.slug).to_lowercase(), section))
                })
                .collect(),
            searches: HashMap::new(),
            queries: query_archives(site, posts)
                .into_iter()
                .map(|(key, value, to)| ((key.to_string(), percent_decode(&value).to_lowercase()), to))
                .collect(),
            origin: String::new(),
            learned: Vec::new(),
        };
        map.origin = format!("{scheme}://{}", map.host);
        for (path, name) in archives(site, posts) {
            let to = format!("/search?q={}", crate::model::encode_query_value(&name));
            map.searches.insert(normalize_path(&path), to);
        }
        for post in posts {
            let Some(slug) = slugs.by_id.get(&post.id) else { continue };
            map.by_id.insert(post.id, slug.clone());
            if let Some(path) = map.own_path(&post.link) {
                map.by_path.insert(normalize_path(&path), slug.clone());
            }
            for old in std::iter::once(&post.slug).chain(post.old_slugs.iter()) {
                map.by_slug.insert(percent_decode(old).to_lowercase(), slug.clone());
            }
        }
        // As the redirects do: a permalink stays its post's, and of two
        // posts the first by id keeps an address.
        for (id, paths) in category_addresses(site, posts) {
            let Some(slug) = slugs.by_id.get(&id) else { continue };
            let paths: Vec<String> = paths.iter().filter_map(|p| map.own_path(p)).collect();
            for path in paths {
                map.by_path.entry(normalize_path(&path)).or_insert_with(|| slug.clone());
            }
        }
        map
    }

    /// The path and query of a link to this site (relative to its prefix),
    /// or `None` for a link elsewhere.
    fn own_path(&self, href: &str) -> Option<String> {
        let href = href.trim();
        let rest = if href.starts_with('/') && !href.starts_with("//") {
            href.to_string()
        } else {
            let (scheme, host, rest) = split_url(href)?;
            if !matches!(scheme.as_str(), "http" | "https") || !same_host(&host, &self.host) {
                return None;
            }
            rest
        };
        let rest = rest.split('#').next().unwrap_or_default();
        // A site in a folder of its host (`/blog`): the rest of the host
        // (`/shop/`) is another site's.
        let rest = match rest.strip_prefix(&self.prefix) {
            Some(inside) if self.prefix.is_empty() || inside.is_empty() || inside.starts_with(['/', '?']) => inside,
            _ => return None,
        };
        Some(if rest.is_empty() || rest.starts_with('?') { format!("/{rest}") } else { rest.to_string() })
    }

    /// The article a link to the old site means, if any.
    pub fn article_for(&self, href: &str) -> Option<&str> {
        self.article_at(href, true)
    }

    /// The same, by the link's address alone (`by_slug` false): not by the
    /// post's slug at the end of an address the site no longer has (its
    /// old date, a category it left), which WordPress may redirect.
    fn article_at(&self, href: &str, by_slug: bool) -> Option<&str> {
        let rest = self.own_path(href)?;
        let (path, query) = rest.split_once('?').unwrap_or((&rest, ""));
        for pair in query.split('&') {
            if let Some(id) = pair.strip_prefix("p=").or_else(|| pair.strip_prefix("page_id=")) {
                if let Some(slug) = id.parse::<u64>().ok().and_then(|id| self.by_id.get(&id)) {
                    return Some(slug);
                }
            }
        }
        let path = normalize_path(path);
        let path = path.strip_suffix("/feed").unwrap_or(&path);
        if let Some(slug) = self.by_path.get(path) {
            return Some(slug);
        }
        // A page below a post: its comments' second page, its part 2, an
        // image's attachment page.
        if let Some(slug) =
            path.rsplit_once('/').filter(|(_, last)| !last.is_empty()).and_then(|(post, _)| self.by_path.get(post))
        {
            return Some(slug);
        }
        let first = without_index_php(path).trim_start_matches('/').split('/').next().unwrap_or_default();
        if matches!(first, "category" | "tag" | "author" | "wp-content" | "wp-admin" | "wp-json" | "feed") {
            return None;
        }
        let last = path.rsplit('/').next().unwrap_or_default();
        self.by_slug.get(last).map(String::as_str).filter(|_| by_slug)
    }

    /// Forgets the article `slug`: its post was left out after its links
    /// were mapped (too large, nothing in it could be shown), so links to
    /// it keep the old site's address from now on, as a draft's do.
    pub fn forget(&mut self, slug: &str) {
        self.by_id.retain(|_, s| s != slug);
        self.by_path.retain(|_, s| s != slug);
        self.by_slug.retain(|_, s| s != slug);
        self.learned.retain(|(_, s)| s != slug);
    }

    /// Whether a link names an imported post itself: not a page below one
    /// (its comments' second page, an image's attachment page), which
    /// [`LinkMap::article_for`] also leads to the post.
    pub fn is_post_address(&self, href: &str) -> bool {
        let Some(rest) = self.own_path(href) else { return false };
        let path = normalize_path(rest.split('?').next().unwrap_or_default());
        let below_post = path.rsplit_once('/').is_some_and(|(post, last)| {
            !last.is_empty() && self.by_path.contains_key(if post.is_empty() { "/" } else { post })
        });
        !below_post && self.article_for(href).is_some()
    }
}

/// Paths on the old site that are never a post.
const NOT_POSTS: [&str; 9] =
    ["category", "tag", "author", "wp-content", "wp-admin", "wp-includes", "wp-json", "feed", "comments"];

impl LinkMap {
    /// Links in the posts to the old site that lead to no imported post (an
    /// address by an old slug, say), as absolute URLs to ask the site about.
    pub fn unmatched(&self, posts: &[&Post]) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for post in posts {
            for href in hrefs(&post.content) {
                let Some(rest) = self.own_path(&href) else { continue };
                // A link that names a post only by its slug, at an address
                // the site no longer has (the post moved to another date or
                // category since), is asked too: its redirect is kept.
                if rest.contains('?') || self.article_at(&href, false).is_some() {
                    continue;
                }
                let path = normalize_path(&rest);
                let first = without_index_php(&path).trim_start_matches('/').split('/').next().unwrap_or_default();
                if path == "/" || NOT_POSTS.contains(&first) {
                    continue;
                }
                out.insert(format!("{}{}{}", self.origin, self.prefix, rest));
            }
        }
        out
    }

    /// Records that the old-site address `url` redirects to `location`;
    /// when that is an imported post, links to `url` lead to it from now on
    /// (and it gets a redirect of its own). Returns the post's slug.
    pub fn learn(&mut self, url: &str, location: &str) -> Option<String> {
        let slug = self.article_for(location)?.to_string();
        let rest = self.own_path(url)?;
        let path = rest.split('?').next().unwrap_or_default().trim_end_matches('/').to_string();
        self.by_path.insert(normalize_path(&path), slug.clone());
        self.learned.push((format!("{}{path}", self.prefix), slug.clone()));
        Some(slug)
    }

    /// What [`LinkMap::learn`] found: (old path, slug).
    pub fn learned(&self) -> &[(String, String)] {
        &self.learned
    }
}

/// The `href` values of the links in some HTML, entities decoded (a scan,
/// not a parse: it only picks addresses to ask about).
fn hrefs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("href=") {
        rest = &rest[at + 5..];
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
        rest = &rest[1..];
        let Some(end) = rest.find(quote) else { break };
        out.push(super::shortcode::decode_entities(&rest[..end]));
        rest = &rest[end..];
    }
    out
}

impl Links for LinkMap {
    fn rewrite(&self, href: &str) -> String {
        if let Some(slug) = self.article_for(href) {
            // A link to a part of a post (`#part-2`) keeps it: headings keep
            // their anchors as ids.
            return match href.split_once('#').map(|(_, f)| f).filter(|f| crate::model::is_valid_block_id(f)) {
                Some(fragment) => format!("/article/{slug}#{fragment}"),
                None => format!("/article/{slug}"),
            };
        }
        match self.own_path(href) {
            Some(rest) => {
                let (path, query) = rest.split_once('?').unwrap_or((&rest, ""));
                let path = normalize_path(path);
                let path = normalize_path(without_index_php(&path));
                if let Some(search) = self.searches.get(&path) {
                    return search.clone();
                }
                if path == "/" {
                    let pairs: Vec<(&str, String)> = query
                        .split('&')
                        .filter_map(|pair| pair.split_once('='))
                        .map(|(k, v)| (k, percent_decode(v).to_lowercase()))
                        .collect();
                    // A search keeps its words (`+` is a space there).
                    let words = crate::router::query_value(query, "s").unwrap_or_default();
                    if !words.trim().is_empty() {
                        return format!("/search?q={}", crate::model::encode_query_value(words.trim()));
                    }
                    // A section's feed (`?cat=3&feed=rss2`) is the feed.
                    for key in QUERY_KEYS {
                        let found = pairs
                            .iter()
                            .filter(|(k, _)| *k == key)
                            .find_map(|(k, v)| self.queries.get(&(k.to_string(), v.clone())));
                        if let Some(to) = found {
                            return to.clone();
                        }
                    }
                }
                match path.strip_prefix("/category/") {
                    // A child category is linked with its parents' slugs first.
                    // The section keeps the category's slug only where that is a
                    // linernotes slug (`hip_hop` is `hip-hop`).
                    Some(cat)
                        if self.categories.contains_key(&cat.rsplit('/').next().unwrap_or_default().to_lowercase()) =>
                    {
                        let slug = cat.rsplit('/').next().unwrap_or_default().to_lowercase();
                        match self.categories.get(&slug).map_or(slug.as_str(), String::as_str) {
                            "" => "/".to_string(),
                            section => format!("/category/{section}"),
                        }
                    }
                    // Anything else on the old site (uploads, pages not
                    // imported) stays where it is.
                    _ => format!("{}{}{}", self.origin, self.prefix, rest),
                }
            }
            // A path outside the site's folder stays on its host, which
            // the new site is not.
            None if href.trim().starts_with('/') && !href.trim().starts_with("//") && !self.prefix.is_empty() => {
                format!("{}{}", self.origin, href.trim())
            }
            None => href.trim().to_string(),
        }
    }

    fn stays_on_old_site(&self, href: &str) -> bool {
        // Rewritten links to the new site start with `/`; the old site's
        // own home page is not worth a line.
        href.starts_with("http") && self.own_path(href).is_some_and(|rest| rest != "/")
    }
}

/// One old address and where it leads now.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Redirect {
    /// `rank` orders the rules by how often such addresses are met (hosts
    /// that read only so many rules keep the ones that matter).
    Path { rank: u8, from: String, to: String },
    /// `{path}?p={id}`, and for a page `{path}?page_id={id}` too (its
    /// plain permalink; posts and pages share one series of ids).
    Id { path: String, id: u64, to: String, page: bool },
    /// `{path}?{key}={value}`: an archive or feed by query, as a site with
    /// plain permalinks names them (`/?cat=3`, `/?feed=rss2`).
    Query { path: String, key: &'static str, value: String, to: String },
    /// `{path}?s={words}` → `{to}?q={words}`: a search on the old site (its
    /// search form, a bookmark, a link shared), whatever its permalinks.
    Search { path: String, to: String },
}

/// Permalinks, old-slug addresses and category archives as WordPress
/// writes them (with the trailing slash).
const RANK_LINKED: u8 = 0;
/// The same without the trailing slash.
const RANK_BARE: u8 = 1;
/// A post's comment feed.
const RANK_FEED: u8 = 2;
/// The pages below a post: its comments split into pages
/// (`/comment-page-2/`), the post itself in parts (`/2/`), its `/amp/` and
/// `/embed/` forms, the attachment pages of its images
/// (`/2021/04/film-out/cover/`). One rule a post, `{permalink}/:page`,
/// for any one segment below it.
const RANK_PAGES: u8 = 3;
/// Tag and author archives (`/tag/bts/`, `/author/aki/`, with and without
/// the slash, and their feeds), which lead to a search for the tag or the
/// author's name: the new site has no pages of either.
const RANK_TAGS: u8 = 4;
/// The site's own images at their old addresses (`/wp-content/uploads/…`),
/// where other sites and image searches link them: one rule a file, last,
/// as a host that reads only so many rules should drop these first.
const RANK_FILES: u8 = 5;
/// The one path segment a page rule stands for.
pub const PAGE_SEGMENT: &str = ":page";

/// A path as a browser sends it: letters outside ASCII, spaces and the
/// like percent-encoded (`/café 1.jpg` → `/caf%C3%A9%201.jpg`), escapes
/// already there kept. A `_redirects` rule matches the address as sent,
/// and a space would end the rule's first field.
fn encode_path(path: &str) -> String {
    // The URL standard's path set: what a browser escapes in a path.
    const PATH: &percent_encoding::AsciiSet =
        &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'{').add(b'}');
    percent_encoding::utf8_percent_encode(path, PATH).to_string()
}

/// `%e3%82` → `%E3%82`.
fn upper_escapes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut after_percent = 0;
    for c in path.chars() {
        if c == '%' {
            after_percent = 2;
            out.push(c);
        } else if after_percent > 0 {
            after_percent -= 1;
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// What the build writes at the new site's root: its folders and files.
/// An old address in one of them, or a pattern below one, would catch the
/// new site's own pages (a page with the slug `article` made
/// `/article/:page` a rule for every article).
const NEW_SITE_ROOT: &[&str] = &[
    "article",
    "category",
    "search",
    "images",
    "content",
    "embed",
    "oembed",
    "index.html",
    "404.html",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
    "site.json",
    "mount.js",
    "mount.json",
    "embed.js",
    "favicon.svg",
    "_redirects",
    "_headers",
];
/// The endings of the files the build names by their content hash
/// (`boot-ba09e6c43304c586.js`, `linernotes-53aace4172623e59_bg.wasm`);
/// its other root files are named one by one in `NEW_SITE_ROOT`.
const HASHED_FILE_TYPES: &[&str] = &["js", "wasm", "css", "svg"];

/// Whether a root file's name is one the build gives a script, style or
/// icon: `{name}-{16 hex digits}` (and `_bg` for the app's wasm). An old
/// page that ends in `.html` (`/%postname%.html` permalinks) is no such
/// file, and keeps its redirect.
fn is_hashed_build_file(name: &str) -> bool {
    let Some((stem, ext)) = name.rsplit_once('.') else { return false };
    if !HASHED_FILE_TYPES.contains(&ext.to_ascii_lowercase().as_str()) {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(name, hash)| !name.is_empty() && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}
/// Folders the build fills with pages of its own, whatever the publisher's
/// public folder holds.
const BUILT_FOLDERS: &[&str] = &["article", "category", "search", "embed", "oembed"];
/// Files and folders the build writes inside `content/` (the articles'
/// JSON is the publisher's, copied from the public folder).
const BUILT_FILES: &[&str] = &["content/index.json", "content/search"];
/// Folders with one page for each article or section, and nothing deeper:
/// an old address two levels down (`/article/old-name`, a renamed article;
/// `/category/music/jazz`, a child category) is no page of the new site.
const PAGE_FOLDERS: &[&str] = &["article", "category"];

/// The new site, as far as the redirects need it: an old address that is
/// one of its live pages must keep leading there.
pub struct NewSite<'a> {
    /// The path the site lives under (`/`, `/magazine/`).
    pub base: &'a str,
    /// Sections that hold articles (their archives get redirects).
    pub sections: &'a BTreeSet<String>,
    /// Every article's slug: the imported ones and the publisher's own.
    pub articles: &'a BTreeSet<String>,
    /// The site's own images: old address → the file's path on the new
    /// site, from its base (`images/wp/…`).
    pub images: &'a BTreeMap<String, String>,
    /// The names at the root of the publisher's public folder, which the
    /// build copies to the site's root with its own.
    pub root: &'a BTreeSet<String>,
    /// The publisher's public folder, to ask whether a file is there.
    pub public: Option<&'a std::path::Path>,
}

/// The rules, and the report lines about old addresses left without one
/// (by WordPress post id; 0 for the site).
#[derive(Debug, Default)]
pub struct Redirects {
    pub rules: Vec<Redirect>,
    pub notes: Vec<(u64, String)>,
}

/// Collects path rules: one target for each old address, never a rule
/// from an address to itself or from a live page of the new site.
struct PathRules {
    prefix: String,
    out: BTreeSet<Redirect>,
    /// Decoded old path (no trailing slash) → where it leads.
    claimed: HashMap<String, String>,
    /// Decoded paths (no trailing slash) the new site serves itself.
    live: HashSet<String>,
    /// The new site's path (`/magazine`, or empty at the host's root).
    base: String,
    /// Names at the new site's root that are its own (see `NEW_SITE_ROOT`).
    root: HashSet<String>,
    /// The files the importer writes (`images/wp/…`, from the base).
    targets: HashSet<String>,
    /// The publisher's public folder, which the build copies to the root.
    public: Option<std::path::PathBuf>,
    notes: Vec<(u64, String)>,
}

impl PathRules {
    fn add(&mut self, post: u64, path: &str, to: &str, feed: bool) {
        let ranks = if feed { (RANK_FEED, RANK_FEED) } else { (RANK_LINKED, RANK_BARE) };
        self.add_ranked(post, path, to, ranks);
    }

    /// `add`, with the ranks of the address with and without its slash.
    fn add_ranked(&mut self, post: u64, path: &str, to: &str, (slashed, bare): (u8, u8)) {
        let path = path.split(['?', '#']).next().unwrap_or_default().trim_end_matches('/');
        if path.is_empty() || path == self.prefix {
            return;
        }
        let key = percent_decode(path);
        // The old address is the new one, with or without the slash: the
        // host serves the page at both (prerendered pages are folders, and
        // hosts add the slash themselves), so any rule there would loop.
        if key == percent_decode(to.trim_end_matches('/')) {
            return;
        }
        if let Some(why) = self.new_site_folder(&key) {
            self.notes.push((post, format!("no redirect from {path}/ to {to}: {why}")));
            return;
        }
        if self.live.contains(&key) {
            self.notes
                .push((post, format!("no redirect from {path}/ to {to}: that address is a page of the new site")));
            return;
        }
        match self.claimed.get(&key) {
            Some(kept) if kept != to => {
                self.notes
                    .push((post, format!("no redirect from {path}/ to {to}: that address already leads to {kept}")));
                return;
            }
            Some(_) => {}
            None => {
                self.claimed.insert(key, to.to_string());
            }
        }
        // WordPress writes percent-escapes in lower case, browsers in upper case.
        let upper = upper_escapes(path);
        for path in std::iter::once(path).chain((upper != path).then_some(upper.as_str())) {
            self.out.insert(Redirect::Path { rank: slashed, from: format!("{path}/"), to: to.to_string() });
            self.out.insert(Redirect::Path { rank: bare, from: path.to_string(), to: to.to_string() });
        }
    }

    /// A file's old address (no trailing-slash twin: a file has none).
    fn add_file(&mut self, path: &str, to: &str) {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        if path.is_empty() || path.ends_with('/') {
            return;
        }
        let key = percent_decode(path);
        if key == percent_decode(to) {
            return;
        }
        let why = match self.claimed.get(&key) {
            Some(kept) if kept == to => return,
            Some(kept) => Some(format!("that address already leads to {kept}")),
            None if self.live.contains(&key) => Some("that address is a page of the new site".to_string()),
            None => self.new_site_file(&key),
        };
        if let Some(why) = why {
            self.notes.push((0, format!("no redirect from {path} to {to}: {why}")));
            return;
        }
        self.claimed.insert(key, to.to_string());
        let path = encode_path(path);
        let upper = upper_escapes(&path);
        for path in std::iter::once(path.as_str()).chain((upper != path).then_some(upper.as_str())) {
            self.out.insert(Redirect::Path { rank: RANK_FILES, from: path.to_string(), to: to.to_string() });
        }
    }

    /// Why a rule at `key` (decoded, no trailing slash), or a pattern below
    /// it, would catch addresses of the new site: it is the site's home, or
    /// in a folder or file the build writes at its root (an article's or a
    /// section's own page is `live`, checked apart).
    fn new_site_folder(&self, key: &str) -> Option<String> {
        if !self.base.is_empty() && key == self.base {
            return Some("that address is the new site's home, and every page of it is below".to_string());
        }
        let rel = key.strip_prefix(&format!("{}/", self.base))?;
        let mut segments = rel.split('/');
        let first = segments.next().unwrap_or_default();
        let deeper = segments.next().is_some();
        let built_file = !deeper && is_hashed_build_file(first);
        let own = self.root.contains(first) || built_file;
        if !own || (deeper && PAGE_FOLDERS.contains(&first)) {
            return None;
        }
        let base = &self.base;
        Some(if first.contains('.') {
            format!("`{base}/{first}` is a file of the new site, and a rule there would hide it")
        } else {
            format!(
                "`{base}/{first}/` is a folder of the new site, and a rule there would take readers away from its pages"
            )
        })
    }

    /// Why a rule for the one file at `key` (decoded) would hide a file of
    /// the new site: only when the new site has that very file (the build's
    /// own, one the importer writes, one in the publisher's public folder,
    /// or a page of a folder the build fills). An old upload at
    /// `/content/uploads/…` or `/images/2019/…` is no file of the new site,
    /// though its folder has the name of one, and keeps its rule.
    fn new_site_file(&self, key: &str) -> Option<String> {
        let base = &self.base;
        if !base.is_empty() && key == base {
            return Some("that address is the new site's home".to_string());
        }
        let rel = key.strip_prefix(&format!("{base}/"))?;
        let first = rel.split('/').next().unwrap_or_default();
        let deeper = rel.contains('/');
        let built = if deeper {
            BUILT_FOLDERS.contains(&first) || BUILT_FILES.iter().any(|f| rel == *f || rel.starts_with(&format!("{f}/")))
        } else {
            NEW_SITE_ROOT.contains(&first) || self.root.contains(first) || is_hashed_build_file(first)
        };
        let own = self.targets.contains(rel)
            || self.public.as_ref().is_some_and(|public| {
                rel.split('/').all(|s| !s.is_empty() && s != "." && s != "..") && public.join(rel).is_file()
            });
        (built || own).then(|| format!("`{base}/{rel}` is a file of the new site, and a rule there would hide it"))
    }

    /// The later pages of an archive at `path` (`/page/2/`,
    /// `/category/reviews/page/2/`): the new site's list or search has no
    /// pages by number, so each leads where the archive's first page does.
    /// One rule an archive, `{path}/page/:page`, as for a post's pages.
    fn add_paged(&mut self, path: &str, to: &str) {
        let path = path.split(['?', '#']).next().unwrap_or_default().trim_end_matches('/');
        if self.new_site_folder(&percent_decode(&format!("{path}/page"))).is_some() {
            return;
        }
        let upper = upper_escapes(path);
        for path in std::iter::once(path).chain((upper != path).then_some(upper.as_str())) {
            for from in [format!("{path}/page/{PAGE_SEGMENT}/"), format!("{path}/page/{PAGE_SEGMENT}")] {
                self.out.insert(Redirect::Path { rank: RANK_PAGES, from, to: to.to_string() });
            }
        }
    }

    /// The pages below a post's permalink, when the permalink itself got
    /// its rule to `to` (not a page of the new site, not another post's).
    fn add_pages(&mut self, path: &str, to: &str) {
        let path = path.split(['?', '#']).next().unwrap_or_default().trim_end_matches('/');
        if self.claimed.get(&percent_decode(path)).map(String::as_str) != Some(to) {
            return;
        }
        let upper = upper_escapes(path);
        for path in std::iter::once(path).chain((upper != path).then_some(upper.as_str())) {
            for from in [format!("{path}/{PAGE_SEGMENT}/"), format!("{path}/{PAGE_SEGMENT}")] {
                self.out.insert(Redirect::Path { rank: RANK_PAGES, from, to: to.to_string() });
            }
        }
    }
}

/// The category a post's article takes as its section: its first by id
/// that is not WordPress's untouched "Uncategorized" (a post only in that
/// one has no section, as the editor gave it none).
pub fn section_term<'a>(site: &'a Site, post: &Post) -> Option<&'a Term> {
    let mut cats: Vec<&Term> = post.categories.iter().filter_map(|id| site.categories.get(id)).collect();
    cats.sort_by_key(|c| c.id);
    cats.into_iter().find(|c| !c.is_untouched_default())
}

/// The categories of the imported posts that are no post's section (a
/// second category, "Björk" beside "Music"): the articles carry them as
/// tags, so their archives lead where a tag's does, to a search.
fn tag_categories<'a>(site: &'a Site, posts: &[&Post]) -> Vec<&'a Term> {
    let sections: BTreeSet<u64> = posts
        .iter()
        .filter_map(|p| section_term(site, p))
        .filter(|c| section_slug(&c.slug, &super::html::html_to_text(&c.name), c.wordpress_id()).is_some())
        .map(|c| c.id)
        .collect();
    let ids: BTreeSet<u64> = posts.iter().flat_map(|p| p.categories.iter().copied()).collect();
    ids.iter()
        .filter(|id| !sections.contains(id))
        .filter_map(|id| site.categories.get(id))
        .filter(|c| !c.is_untouched_default() && !c.slug.trim().is_empty())
        .filter(|c| !super::html::html_to_text(&c.name).trim().is_empty())
        .collect()
}

/// The tag and author archives of the imported posts, at WordPress's
/// default bases (from the site's prefix: `/tag/bts`, `/author/aki`), and
/// the archives of the categories they carry as tags (`/category/bjork`,
/// and a child's as WordPress links it, `/category/music/bjork`), each
/// with the name a search for it looks for: the new site has no such pages.
fn archives(site: &Site, posts: &[&Post]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let tags: BTreeSet<u64> = posts.iter().flat_map(|p| p.tags.iter().copied()).collect();
    for tag in tags.iter().filter_map(|id| site.tags.get(id)) {
        let name = super::html::html_to_text(&tag.name);
        if !name.trim().is_empty() && !tag.slug.trim().is_empty() {
            out.push((format!("/tag/{}", tag.slug.trim()), name.trim().to_string()));
        }
    }
    for cat in tag_categories(site, posts) {
        let name = super::html::html_to_text(&cat.name).trim().to_string();
        let full = cat.archive_path(&site.categories);
        out.push((format!("/category/{}", full.trim()), name.clone()));
        if full != cat.slug {
            out.push((format!("/category/{}", cat.slug.trim()), name));
        }
    }
    let authors: BTreeMap<&str, &str> = posts
        .iter()
        .filter_map(|p| Some((p.author_slug.as_deref()?.trim(), p.author.as_deref()?.trim())))
        .filter(|(slug, name)| !slug.is_empty() && !name.is_empty())
        .collect();
    for (slug, name) in authors {
        let name = super::html::html_to_text(name);
        if !name.trim().is_empty() {
            out.push((format!("/author/{slug}"), name.trim().to_string()));
        }
    }
    out
}

/// The query keys of the site's archives and feeds, the one that wins
/// first (`?cat=3&feed=rss2` is a section's feed, and the new site has one).
const QUERY_KEYS: [&str; 4] = ["feed", "cat", "tag", "author"];
/// The feeds WordPress names by `?feed=`.
const QUERY_FEEDS: [&str; 6] = ["rss2", "rss", "atom", "rdf", "comments-rss2", "comments-atom"];

/// The site's feed and the archives of its categories, and of the tags and
/// authors of the imported posts, by query, as a site with plain
/// permalinks links them (and any site answers them): `?feed=rss2` → the
/// feed, `?cat=3` (a category by number) → its section, `?tag=live` and
/// `?author=2` (an author by number) → the search that stands in for them.
/// (key, value as WordPress writes it, new address from the site's base.)
fn query_archives(site: &Site, posts: &[&Post]) -> Vec<(&'static str, String, String)> {
    let mut out: Vec<(&'static str, String, String)> =
        QUERY_FEEDS.iter().map(|f| ("feed", f.to_string(), "/feed.xml".to_string())).collect();
    let search = |name: &str| format!("/search?q={}", crate::model::encode_query_value(name));
    let as_tags: BTreeSet<u64> = tag_categories(site, posts).iter().map(|c| c.id).collect();
    for cat in site.categories.values() {
        let name = super::html::html_to_text(&cat.name);
        let Some(id) = cat.wordpress_id() else { continue };
        if as_tags.contains(&cat.id) {
            out.push(("cat", id.to_string(), search(name.trim())));
        } else if let Some(section) = section_slug(&cat.slug, &name, cat.wordpress_id()) {
            out.push(("cat", id.to_string(), format!("/category/{section}")));
        }
    }
    for (path, name) in archives(site, posts) {
        if let Some(slug) = path.strip_prefix("/tag/") {
            out.push(("tag", slug.to_string(), search(&name)));
        }
    }
    let authors: BTreeMap<u64, &str> = posts
        .iter()
        .filter_map(|p| Some((p.author_id?, p.author.as_deref()?.trim())))
        .filter(|(_, name)| !name.is_empty())
        .collect();
    for (id, name) in authors {
        let name = super::html::html_to_text(name);
        if !name.trim().is_empty() {
            out.push(("author", id.to_string(), search(name.trim())));
        }
    }
    out
}

/// The path of a post's permalink, without its trailing slash; none for a
/// plain permalink (`/?p=ID`), which has no path of its own, or one with an
/// empty segment (an empty slug), which is not an address anyone linked:
/// rules derived from either would catch the home page, its feed or an
/// archive. (A permalink that is the site's home path is left to the caller.)
pub fn permalink_path(link: &str) -> Option<String> {
    let (_, _, path) = split_url(link)?;
    let path = path.split(['?', '#']).next().unwrap_or_default().trim_end_matches('/').to_string();
    (!path.is_empty() && !path.contains("//")).then_some(path)
}

/// With permalinks that name the category (`/%category%/%postname%/`),
/// WordPress answers a post under each of its categories, not only the
/// one its permalink names (`/reviews/kamasi-oslo/` as well as
/// `/music/jazz/kamasi-oslo/`), and sends the post's address under a
/// child's slug alone or a parent (`/jazz/…`, `/music/…`) to the
/// permalink: readers and other sites have linked all of them. The other
/// addresses of each post (with the site's prefix, no trailing slash), by
/// post id; none when the permalinks do not name categories, which is
/// known when every post with a category has one in the same place of its
/// permalink.
pub fn category_addresses(site: &Site, posts: &[&Post]) -> BTreeMap<u64, Vec<String>> {
    let mut found = Vec::new();
    let mut place = None;
    // (Pages and other kinds of posts have addresses of their own shape.)
    for post in posts.iter().filter(|p| p.kind.is_none() || p.kind == Some(super::source::PostKind::Post)) {
        let paths: Vec<Vec<String>> = post
            .categories
            .iter()
            .filter_map(|id| site.categories.get(id))
            .map(|c| c.archive_path(&site.categories).split('/').map(str::to_string).collect())
            .filter(|p: &Vec<String>| p.iter().all(|s| !s.is_empty()))
            .collect();
        if paths.is_empty() {
            continue;
        }
        let Some(link) = permalink_path(&post.link) else { continue };
        let segments: Vec<String> = link.split('/').map(|s| percent_decode(s).to_lowercase()).collect();
        // The last segment is the post's own (`%postname%`); the longest
        // category path that fits is the one WordPress wrote.
        let at = (1..segments.len().saturating_sub(1))
            .flat_map(|start| paths.iter().map(move |p| (start, p)))
            .filter(|(start, p)| {
                start + p.len() < segments.len()
                    && segments[*start..start + p.len()]
                        .iter()
                        .zip(p.iter())
                        .all(|(a, b)| *a == percent_decode(b).to_lowercase())
            })
            .max_by_key(|(start, p)| (p.len(), std::cmp::Reverse(*start)));
        let Some((start, path)) = at else { return BTreeMap::new() };
        if *place.get_or_insert(start) != start {
            return BTreeMap::new();
        }
        found.push((post, link, start, path.len()));
    }
    let mut out = BTreeMap::new();
    for (post, link, start, len) in found {
        let raw: Vec<&str> = link.split('/').collect();
        let mut alternatives = BTreeSet::new();
        for category in post.categories.iter().filter_map(|id| site.categories.get(id)) {
            let mut term = Some(category);
            let mut seen = 0;
            // A child, then its parents: WordPress answers the address
            // under each of them, as the full path or the slug alone.
            while let Some(t) = term.filter(|_| seen < 16) {
                alternatives.insert(t.archive_path(&site.categories));
                alternatives.insert(t.slug.clone());
                term = site.categories.values().find(|p| !t.parent.is_empty() && p.slug == t.parent);
                seen += 1;
            }
        }
        let mut paths = Vec::new();
        for alternative in alternatives.iter().filter(|a| !a.trim().is_empty()) {
            let path = [&raw[..start], &[alternative.as_str()], &raw[start + len..]].concat().join("/");
            if percent_decode(&path).to_lowercase() != percent_decode(&link).to_lowercase() {
                paths.push(path);
            }
        }
        if !paths.is_empty() {
            out.insert(post.id, paths);
        }
    }
    out
}

/// Every old address of the imported posts: the permalink with and without
/// its trailing slash, its old slugs (from the export, or `learned` from
/// the site's own redirects), its `/feed/`, and `?p=ID`; and the archives
/// of the sections the articles are in. Permalinks are placed first (by
/// post id), so when two old addresses meet, the post that had it keeps it.
pub fn redirects(
    site: &Site,
    posts: &[&Post],
    slugs: &Slugs,
    learned: &[(String, String)],
    new_site: &NewSite,
) -> Redirects {
    let base = new_site.base.trim_end_matches('/');
    let (_, _, prefix) = split_url(&site.home).unwrap_or_default();
    let prefix = prefix.split(['?', '#']).next().unwrap_or_default().trim_end_matches('/').to_string();
    let mut live: HashSet<String> =
        ["search", "feed.xml", "sitemap.xml", "robots.txt"].iter().map(|p| format!("{base}/{p}")).collect();
    live.extend(new_site.articles.iter().map(|s| format!("{base}/article/{s}")));
    live.extend(new_site.sections.iter().map(|s| format!("{base}/category/{s}")));
    let mut root: HashSet<String> = NEW_SITE_ROOT.iter().map(|n| n.to_string()).collect();
    root.extend(new_site.root.iter().cloned());
    let mut rules = PathRules {
        prefix: prefix.clone(),
        out: BTreeSet::new(),
        claimed: HashMap::new(),
        live,
        base: base.to_string(),
        root,
        targets: new_site.images.values().map(|file| percent_decode(file.trim_start_matches('/'))).collect(),
        public: new_site.public.map(std::path::Path::to_path_buf),
        notes: Vec::new(),
    };

    // With permalinks by PATHINFO (`/index.php/2021/04/film-out/`, on a host
    // without rewriting), WordPress links its feeds and archives the same
    // way, and only those addresses worked.
    let pathinfo = format!("{prefix}/index.php");
    let archive = if posts
        .iter()
        .filter_map(|p| permalink_path(&p.link))
        .any(|path| path.strip_prefix(&pathinfo).is_some_and(|rest| rest.starts_with('/')))
    {
        pathinfo
    } else {
        prefix.clone()
    };
    let mut sorted: Vec<&Post> = posts.to_vec();
    sorted.sort_by_key(|p| p.id);
    // (post id, permalink path, new address) of posts with a path of their own.
    let mut pretty = Vec::new();
    let mut plain = 0;
    let mut ids = Vec::new();
    for post in &sorted {
        let Some(slug) = slugs.by_id.get(&post.id) else { continue };
        let to = format!("{base}/article/{slug}");
        for home in ["/", "/index.php"] {
            let page = post.kind == Some(super::source::PostKind::Page);
            ids.push(Redirect::Id { path: format!("{prefix}{home}"), id: post.id, to: to.clone(), page });
        }
        let Some(path) = permalink_path(&post.link).filter(|p| *p != prefix) else {
            plain += 1;
            continue;
        };
        pretty.push((post, path, to));
    }
    for (post, path, to) in &pretty {
        rules.add(post.id, path, to, false);
    }
    for (post, path, to) in &pretty {
        let Some((head, _)) = path.rsplit_once('/') else { continue };
        for old in post.old_slugs.iter().map(|o| o.trim()).filter(|o| !o.is_empty()) {
            rules.add(post.id, &format!("{head}/{old}"), to, false);
            rules.add(post.id, &format!("{head}/{old}/feed"), to, true);
        }
        for old in old_dated(post, path) {
            rules.add(post.id, &old, to, false);
            rules.add(post.id, &format!("{old}/feed"), to, true);
        }
    }
    for (path, slug) in learned {
        let to = format!("{base}/article/{slug}");
        rules.add(0, path, &to, false);
        // As an old slug from an export gets its feed's rule (the two
        // sources give the same file).
        // (Not for an address by query, `/?p=5`, whose path is the site's.)
        let bare = path.split(['?', '#']).next().unwrap_or_default().trim_end_matches('/');
        if !bare.is_empty() && bare != prefix {
            rules.add(0, &format!("{bare}/feed"), &to, true);
        }
    }
    // After every permalink and old slug: where one of these is another
    // post's address, that post keeps it.
    for (id, paths) in category_addresses(site, posts) {
        let Some(slug) = slugs.by_id.get(&id) else { continue };
        let to = format!("{base}/article/{slug}");
        for path in paths {
            rules.add_ranked(id, &path, &to, (RANK_BARE, RANK_FEED));
        }
    }
    // The site's feed, where subscribers' feed readers ask for it (the
    // new site has one feed, so a section's feed leads there too). A site
    // with plain permalinks has none at these paths (its feed is `?feed=`).
    let feed = format!("{base}/feed.xml");
    let pretty_site = !pretty.is_empty();
    if pretty_site {
        // The comments' feed too: the new site has no feed of comments, and
        // its article feed is the nearest a feed reader can keep reading.
        for path in ["feed", "feed/rss2", "feed/rss", "feed/atom", "feed/rdf", "comments/feed", "comments/feed/atom"] {
            rules.add(0, &format!("{archive}/{path}"), &feed, true);
        }
    }
    for cat in site.categories.values() {
        let name = super::html::html_to_text(&cat.name);
        if let Some(section) =
            section_slug(&cat.slug, &name, cat.wordpress_id()).filter(|s| new_site.sections.contains(s))
        {
            let to = format!("{base}/category/{section}");
            rules.add(0, &format!("{archive}/category/{}", cat.archive_path(&site.categories)), &to, false);
            // WordPress also answers a child's archive at its own slug alone.
            rules.add(0, &format!("{archive}/category/{}", cat.slug), &to, false);
            if pretty_site {
                rules.add(0, &format!("{archive}/category/{}/feed", cat.archive_path(&site.categories)), &feed, true);
                rules.add_paged(&format!("{archive}/category/{}", cat.archive_path(&site.categories)), &to);
                rules.add_paged(&format!("{archive}/category/{}", cat.slug), &to);
            }
        } else if cat.is_untouched_default() && pretty_site {
            // Its posts are articles of no section, on the front page.
            let to = format!("{base}/");
            rules.add(0, &format!("{archive}/category/{}", cat.slug), &to, false);
            rules.add_paged(&format!("{archive}/category/{}", cat.slug), &to);
        }
    }
    for (post, path, to) in &pretty {
        // A permalink in the new site's own folder got no rule: its feed,
        // a page of that folder's, gets none either.
        if rules.new_site_folder(&percent_decode(path)).is_none() {
            rules.add(post.id, &format!("{path}/feed"), to, true);
        }
    }
    for (_, path, to) in &pretty {
        rules.add_pages(path, to);
    }
    // A renamed post's old addresses were linked with their pages too
    // (`/2021/03/old-name/comment-page-2/`).
    for (post, path, to) in &pretty {
        let Some((head, _)) = path.rsplit_once('/') else { continue };
        for old in post.old_slugs.iter().map(|o| o.trim()).filter(|o| !o.is_empty()) {
            rules.add_pages(&format!("{head}/{old}"), to);
        }
        for old in old_dated(post, path) {
            rules.add_pages(&old, to);
        }
    }
    for (path, slug) in learned {
        let bare = path.split(['?', '#']).next().unwrap_or_default().trim_end_matches('/');
        if !bare.is_empty() && bare != prefix {
            rules.add_pages(bare, &format!("{base}/article/{slug}"));
        }
    }
    // A tag's archive, for the tags the imported posts carry, and an
    // author's, for their authors: a search for the tag's or the author's
    // name lists the articles that have it (search ranks tags and bylines
    // above the dek and the body).
    for (path, name) in archives(site, posts) {
        let to = format!("{base}/search?q={}", crate::model::encode_query_value(&name));
        rules.add_ranked(0, &format!("{archive}{path}"), &to, (RANK_TAGS, RANK_TAGS));
        if pretty_site {
            rules.add_ranked(0, &format!("{archive}{path}/feed"), &feed, (RANK_TAGS, RANK_TAGS));
            rules.add_paged(&format!("{archive}{path}"), &to);
        }
    }
    // The front page's later pages lead to the new front page.
    if pretty_site {
        rules.add_paged(&archive, &format!("{base}/"));
    }
    for (old, file) in new_site.images {
        if let Some((_, _, path)) = split_url(old) {
            rules.add_file(&path, &format!("{base}/{}", file.trim_start_matches('/')));
        }
    }
    // A site with plain permalinks links its feeds and archives by query,
    // at its home (and answers them at `index.php`, as `?p=`): sections
    // that hold articles only. (A site with pretty permalinks has its
    // rules at their paths.)
    // Every WordPress site searches at its home, `?s=` (its search form
    // does): the words go to the new site's search as they were asked.
    for home in ["/", "/index.php"] {
        ids.push(Redirect::Search { path: format!("{prefix}{home}"), to: format!("{base}/search") });
    }
    let by_query = if pretty_site { Vec::new() } else { query_archives(site, posts) };
    for (key, value, to) in by_query {
        if to.strip_prefix("/category/").is_some_and(|section| !new_site.sections.contains(section)) {
            continue;
        }
        for home in ["/", "/index.php"] {
            ids.push(Redirect::Query {
                path: format!("{prefix}{home}"),
                key,
                value: value.clone(),
                to: format!("{base}{to}"),
            });
        }
    }
    if plain > 0 {
        let posts = if plain == 1 { "1 post has".to_string() } else { format!("{plain} posts have") };
        rules.notes.push((
            0,
            format!(
                "{posts} no address but `?p=ID` (plain permalinks, or an empty slug): only `?p=` rules lead to them, which Netlify and nginx follow and Cloudflare Pages cannot (it matches paths only)"
            ),
        ));
    }
    let mut out = rules.out;
    out.extend(ids);
    Redirects { rules: out.into_iter().collect(), notes: rules.notes }
}

/// The `_redirects` file: one rule a line, the addresses met most often
/// first. Netlify and Cloudflare Pages read the path rules; the `?p=` rules
/// use Netlify's query syntax, which Cloudflare Pages skips as invalid
/// lines (it matches paths only).
pub fn netlify_redirects(redirects: &[Redirect]) -> String {
    let mut out = String::from("# Old WordPress addresses (written by `publish import-wordpress`).\n");
    let mut query = false;
    let mut pages = false;
    let mut tags = false;
    let mut files = false;
    let mut archives = false;
    let mut searches = false;
    // Netlify follows the first line that matches: the query lines go in the
    // order nginx and the links read them, so `?cat=3&feed=rss2` (a
    // section's feed) is the feed.
    let key_rank = |key: &str| QUERY_KEYS.iter().position(|k| *k == key).unwrap_or(QUERY_KEYS.len());
    let mut ordered: Vec<&Redirect> = redirects.iter().collect();
    ordered.sort_by_key(|r| match r {
        Redirect::Query { key, .. } => (1, key_rank(key)),
        Redirect::Search { .. } => (2, 0),
        _ => (0, 0),
    });
    for r in ordered {
        match r {
            Redirect::Path { rank, from, to } => {
                if *rank == RANK_TAGS && !tags {
                    out.push_str(
                        "# Tag and author archives, and those of categories the articles carry as tags: a search.\n",
                    );
                    tags = true;
                }
                if *rank == RANK_FILES && !files {
                    out.push_str("# The site's own images at their old addresses.\n");
                    files = true;
                }
                if *rank == RANK_PAGES && !pages {
                    out.push_str(
                        "# Pages below a post (`/comment-page-2/`, `/2/`, `/amp/`, an image's attachment page) and an archive's later pages (`/page/2/`): Cloudflare Pages counts these as dynamic rules and reads 100.\n",
                    );
                    pages = true;
                }
                out.push_str(&format!("{from} {to} 301\n"))
            }
            Redirect::Id { path, id, to, page } => {
                if !query {
                    out.push_str("# `?p=ID` addresses: Netlify only (Cloudflare Pages skips these lines).\n");
                    query = true;
                }
                out.push_str(&format!("{path} p={id} {to} 301\n"));
                if *page {
                    out.push_str(&format!("{path} page_id={id} {to} 301\n"));
                }
            }
            Redirect::Query { path, key, value, to } => {
                if !archives {
                    out.push_str(
                        "# Feeds and archives by query (`?feed=rss2`, `?cat=3`, `?tag=live`, `?author=2`): Netlify only.\n",
                    );
                    archives = true;
                }
                out.push_str(&format!("{path} {key}={value} {to} 301\n"));
            }
            Redirect::Search { path, to } => {
                if !searches {
                    out.push_str("# Searches (`?s=`), their words kept: Netlify only.\n");
                    searches = true;
                }
                out.push_str(&format!("{path} s=:s {to}?q=:s 301\n"));
            }
        }
    }
    out
}

/// A literal path inside an nginx (PCRE) pattern.
fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn nginx_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// An nginx `map` include: old path (decoded, as nginx's `$uri` is), or
/// path and `?p=` id, → new path.
pub fn nginx_map(redirects: &[Redirect]) -> String {
    let mut out = String::from(
        "# Old WordPress addresses (written by `publish import-wordpress`).\n\
         # Include this file in nginx's `http { }` block, then in the site's `server { }`:\n\
         #   if ($linernotes_wp_path) { return 301 $linernotes_wp_path; }\n\
         #   if ($linernotes_wp_id) { return 301 $linernotes_wp_id; }\n\
         #   if ($linernotes_wp_page) { return 301 $linernotes_wp_page; }\n\
         map $uri $linernotes_wp_path {\n    default \"\";\n",
    );
    let mut seen = HashSet::new();
    let mut posts = Vec::new();
    for r in redirects {
        if let Redirect::Path { rank, from, to } = r {
            let decoded = percent_decode(from);
            if *rank == RANK_PAGES {
                if let Some(post) = decoded.strip_suffix(&format!("/{PAGE_SEGMENT}")) {
                    posts.push((post.to_string(), to));
                }
            } else if seen.insert(decoded.clone()) {
                out.push_str(&format!("    {} {};\n", nginx_quote(&decoded), nginx_quote(to)));
            }
        }
    }
    // A page below a post: the post's path, then where it leads.
    out.push_str(
        "}\nmap $uri $linernotes_wp_post {\n    default \"\";\n    \"~^(?<post>.+)/[^/]+/?$\" $post;\n}\nmap $linernotes_wp_post $linernotes_wp_page {\n    default \"\";\n",
    );
    let mut seen = HashSet::new();
    for (post, to) in posts {
        if seen.insert(post.clone()) {
            out.push_str(&format!("    {} {};\n", nginx_quote(&post), nginx_quote(to)));
        }
    }
    // Feeds and archives by query, one map a key, each the one before's
    // default: `$linernotes_wp_id` holds them all, so the server's three
    // `if`s are enough.
    let keys: Vec<&str> = QUERY_KEYS
        .into_iter()
        .filter(|k| redirects.iter().any(|r| matches!(r, Redirect::Query { key, .. } if key == k)))
        .collect();
    let search: Vec<(&String, &String)> = redirects
        .iter()
        .filter_map(|r| match r {
            Redirect::Search { path, to } => Some((path, to)),
            _ => None,
        })
        .collect();
    let last = if search.is_empty() { "\"\"" } else { "$linernotes_wp_s" };
    let default = |at: usize| keys.get(at).map_or(last.to_string(), |key| format!("$linernotes_wp_{key}"));
    // `?p=ID` or a page's `?page_id=ID` (one of the two is empty).
    out.push_str(&format!("}}\nmap \"$uri?p=$arg_p$arg_page_id\" $linernotes_wp_id {{\n    default {};\n", default(0)));
    for r in redirects {
        if let Redirect::Id { path, id, to, .. } = r {
            out.push_str(&format!("    {} {};\n", nginx_quote(&format!("{path}?p={id}")), nginx_quote(to)));
        }
    }
    out.push_str("}\n");
    for (at, key) in keys.iter().enumerate() {
        out.push_str(&format!(
            "map \"$uri?{key}=$arg_{key}\" $linernotes_wp_{key} {{\n    default {};\n",
            default(at + 1)
        ));
        for r in redirects {
            if let Redirect::Query { path, key: k, value, to } = r {
                if k == key {
                    out.push_str(&format!(
                        "    {} {};\n",
                        nginx_quote(&format!("{path}?{key}={value}")),
                        nginx_quote(to)
                    ));
                }
            }
        }
        out.push_str("}\n");
    }
    // A search, last: its words (as the address has them, still escaped)
    // go along, so one pattern a home serves every search. An empty `?s=`
    // is the home page, which a missing one cannot be told from.
    if !search.is_empty() {
        out.push_str("map \"$uri?s=$arg_s\" $linernotes_wp_s {\n    default \"\";\n");
        for (path, to) in search {
            out.push_str(&format!(
                "    {} {};\n",
                nginx_quote(&format!("~^{}\\?s=(?<linernotes_wp_words>.+)$", regex_escape(path))),
                nginx_quote(&format!("{to}?q=$linernotes_wp_words"))
            ));
        }
        out.push_str("}\n");
    }
    // nginx keeps a map's keys in a hash of at most 2048 buckets of 64
    // bytes unless told more, and refuses to start when they do not fit:
    // an image's old address alone is often longer than a bucket, and a
    // magazine's thousands of addresses need more buckets.
    let mut longest = 0;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for r in redirects {
        let (len, map) = match r {
            Redirect::Path { rank, from, .. } => {
                (percent_decode(from).len(), if *rank == RANK_PAGES { "page" } else { "path" })
            }
            Redirect::Id { path, id, .. } => (format!("{path}?p={id}").len(), "id"),
            Redirect::Query { path, key, value, .. } => (format!("{path}?{key}={value}").len(), *key),
            // Patterns, not keys of the hash.
            Redirect::Search { .. } => continue,
        };
        longest = longest.max(len);
        *counts.entry(map).or_default() += 1;
    }
    let (bucket, size) = map_hash_sizes(longest, counts.into_values().max().unwrap_or(0));
    out.insert_str(
        out.find("map $uri").unwrap_or(0),
        &format!(
            "# Sizes for these maps' hashes (if the http block sets either already, keep the larger).\n\
             map_hash_bucket_size {bucket};\nmap_hash_max_size {size};\n"
        ),
    );
    out
}

/// `map_hash_bucket_size` and `map_hash_max_size` for `count` keys of at
/// most `longest` bytes: nginx stores each entry as a pointer and the key
/// (with two bytes of length, rounded up to a pointer's size) and ends a
/// bucket with a pointer; buckets for eight of the longest entries and a
/// hash twice as large as the keys leave nginx room to place every key.
fn map_hash_sizes(longest: usize, count: usize) -> (usize, usize) {
    let entry = 8 + (longest + 2).div_ceil(8) * 8;
    ((8 * entry + 8).next_power_of_two().max(64), (2 * count).next_power_of_two().max(2048))
}

#[cfg(test)]
mod tests {
    use super::*;

    static NOTHING: BTreeSet<String> = BTreeSet::new();
    static NO_IMAGES: BTreeMap<String, String> = BTreeMap::new();

    /// A new site at `base` with these sections and articles, and nothing
    /// of the publisher's own.
    fn new_site<'a>(base: &'a str, sections: &'a BTreeSet<String>, articles: &'a BTreeSet<String>) -> NewSite<'a> {
        NewSite { base, sections, articles, images: &NO_IMAGES, root: &NOTHING, public: None }
    }

    #[test]
    fn nginx_is_told_hash_sizes_that_hold_the_longest_address_and_every_address() {
        assert_eq!(map_hash_sizes(20, 10), (512, 2048));
        assert_eq!(map_hash_sizes(55, 10), (1024, 2048));
        assert_eq!(map_hash_sizes(55, 5000), (1024, 16384));
        let long = [Redirect::Path {
            rank: RANK_FILES,
            from: "/wp-content/uploads/2026/11/festival-field-1024x546.jpg".into(),
            to: "/images/wp/0011223344556677.jpg".into(),
        }];
        let map = nginx_map(&long);
        assert!(
            map.contains("map_hash_bucket_size 1024;\nmap_hash_max_size 2048;\nmap $uri $linernotes_wp_path {"),
            "{map}"
        );
    }

    #[test]
    fn links_to_the_archives_of_imported_tags_and_authors_lead_to_their_search() {
        let mut site = Site { home: "https://mag.example/blog".into(), ..Site::default() };
        site.tags.insert(5, Term { id: 5, slug: "back-number".into(), name: "back number".into(), ..Term::default() });
        site.tags.insert(6, Term { id: 6, slug: "other".into(), name: "Other".into(), ..Term::default() });
        let mut signed = post(11, "film-out", "https://mag.example/blog/2021/04/film-out/");
        signed.tags = vec![5];
        signed.author = Some("Aki Morimoto".into());
        signed.author_slug = Some("aki".into());
        let posts = [signed];
        let refs: Vec<&Post> = posts.iter().collect();
        let map = LinkMap::new(&site, &refs, &assign_slugs(&refs, &BTreeSet::new()));
        assert_eq!(map.rewrite("https://mag.example/blog/tag/back-number/"), "/search?q=back%20number");
        assert_eq!(map.rewrite("/blog/TAG/Back-Number"), "/search?q=back%20number");
        assert_eq!(map.rewrite("https://mag.example/blog/author/aki/"), "/search?q=Aki%20Morimoto");
        // A tag no imported post carries stays on the old site, and says so.
        let other = map.rewrite("https://mag.example/blog/tag/other/");
        assert_eq!(other, "https://mag.example/blog/tag/other/");
        assert!(map.stays_on_old_site(&other));
        assert!(!map.stays_on_old_site("/search?q=back%20number"));
        // The rest of the host is not the site's: its shop stays where it is.
        assert_eq!(map.rewrite("https://mag.example/shop/"), "https://mag.example/shop/");
        assert_eq!(map.rewrite("/shop/?item=4"), "https://mag.example/shop/?item=4");
        assert_eq!(map.rewrite("https://mag.example/blogroll/"), "https://mag.example/blogroll/");
        assert!(!map.stays_on_old_site("https://mag.example/shop/"));
    }

    #[test]
    fn the_later_pages_of_an_archive_lead_where_its_first_page_does() {
        let mut site = Site { home: "https://mag.example/".into(), ..Site::default() };
        site.categories.insert(3, Term { id: 3, slug: "reviews".into(), name: "Reviews".into(), ..Term::default() });
        site.tags.insert(5, Term { id: 5, slug: "k-pop".into(), name: "K-pop".into(), ..Term::default() });
        let mut review = post(11, "film-out", "https://mag.example/2021/04/film-out/");
        review.categories = vec![3];
        review.tags = vec![5];
        let posts = [review];
        let refs: Vec<&Post> = posts.iter().collect();
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let sections = BTreeSet::from(["reviews".to_string()]);
        let live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
        let all = redirects(&site, &refs, &slugs, &[], &new_site("/", &sections, &live)).rules;
        let netlify = netlify_redirects(&all);
        for line in [
            "/page/:page/ / 301",
            "/category/reviews/page/:page/ /category/reviews 301",
            "/category/reviews/page/:page /category/reviews 301",
            "/tag/k-pop/page/:page/ /search?q=K-pop 301",
        ] {
            assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
        }
        let nginx = nginx_map(&all);
        let pages = nginx.split("map $linernotes_wp_post $linernotes_wp_page {").nth(1).unwrap_or_default();
        let pages = pages.split('}').next().unwrap_or_default();
        for entry in [
            "\"/page\" \"/\";",
            "\"/category/reviews/page\" \"/category/reviews\";",
            "\"/tag/k-pop/page\" \"/search?q=K-pop\";",
        ] {
            assert!(pages.contains(entry), "missing {entry} in\n{nginx}");
        }
    }

    #[test]
    fn an_author_archive_slug_is_made_of_the_login_as_wordpress_makes_it() {
        assert_eq!(nicename("aki"), "aki");
        assert_eq!(nicename("Aki.Morimoto"), "aki-morimoto");
        assert_eq!(nicename(" rosa lindqvist "), "rosa-lindqvist");
        assert_eq!(nicename("ed_itor@example.com"), "ed_itorexample-com");
        assert_eq!(nicename("--a..b--"), "a-b");
        assert_eq!(nicename("森"), "%e6%a3%ae");
        assert_eq!(nicename("<>!"), "");
        assert_eq!(nicename(&"x".repeat(80)).len(), 50);
    }

    #[test]
    fn a_category_becomes_a_section_with_a_plain_address() {
        assert_eq!(section_slug("reviews", "Reviews", Some(3)).as_deref(), Some("reviews"));
        assert_eq!(section_slug("hip_hop", "Hip Hop", Some(3)).as_deref(), Some("hip-hop"));
        assert_eq!(
            section_slug("%e3%83%8b%e3%83%a5%e3%83%bc%e3%82%b9", "ニュース", Some(12)).as_deref(),
            Some("section-12")
        );
        assert_eq!(section_slug("%e3%83%8b", "ニュース", None), None);
    }
    use crate::import::wordpress::source::Term;

    /// The redirects of `posts`, every one imported under its own slug, at
    /// the site's root, with no sections.
    fn plan_every_post(site: &Site, posts: &[Post]) -> Redirects {
        let refs: Vec<&Post> = posts.iter().collect();
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
        redirects(site, &refs, &slugs, &[], &new_site("/", &NOTHING, &live))
    }

    fn post(id: u64, slug: &str, link: &str) -> Post {
        Post { id, slug: slug.into(), link: link.into(), title: format!("Post {id}"), ..Post::default() }
    }

    #[test]
    fn slugs_are_kept_cleaned_or_made_unique() {
        let posts = [
            post(3, "film-out", ""),
            post(4, "mixtape_vol_2", ""),
            post(5, "mixtape-vol-2", ""),
            post(6, "%e3%82%b7%e3%83%86%e3%82%a3", ""),
            post(7, "film-out", ""),
        ];
        let refs: Vec<&Post> = posts.iter().collect();
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let got: Vec<&str> = slugs.by_id.values().map(String::as_str).collect();
        assert_eq!(got, ["film-out", "mixtape-vol-2-4", "mixtape-vol-2", "post-6", "film-out-7"]);
        assert_eq!(slugs.changed.len(), 3);
        assert!(slugs.changed[&6].contains("シティ"), "{:?}", slugs.changed);
    }

    #[test]
    fn a_slug_of_the_publisher_own_article_is_never_taken() {
        let posts = [post(12, "night-bus-sessions", ""), post(13, "film-out", ""), post(14, "tidewater", "")];
        let refs: Vec<&Post> = posts.iter().collect();
        let own = BTreeSet::from(["night-bus-sessions".to_string(), "film-out".to_string()]);
        let slugs = assign_slugs(&refs, &own);
        let got: Vec<&str> = slugs.by_id.values().map(String::as_str).collect();
        assert_eq!(got, ["night-bus-sessions-12", "film-out-13", "tidewater"]);
        assert!(slugs.changed[&12].contains("taken by an article not imported"), "{:?}", slugs.changed);
        assert!(!slugs.changed.contains_key(&14));
    }

    #[test]
    fn an_imported_article_the_publisher_took_over_keeps_its_post() {
        // kamasi-oslo was imported, then rewritten in Markdown: its post is
        // still that article, not a new `kamasi-oslo-12`.
        let posts = [post(12, "kamasi-oslo", ""), post(13, "film-out", "")];
        let refs: Vec<&Post> = posts.iter().collect();
        let own = BTreeSet::from(["kamasi-oslo".to_string(), "film-out".to_string()]);
        let kept = BTreeMap::from([(12, "kamasi-oslo".to_string())]);
        let slugs = assign_slugs_keeping(&refs, &own, &kept);
        assert_eq!(slugs.by_id[&12], "kamasi-oslo");
        assert!(!slugs.changed.contains_key(&12), "{:?}", slugs.changed);
        assert_eq!(slugs.by_id[&13], "film-out-13");
    }

    #[test]
    fn accented_slugs_keep_their_letters() {
        let posts =
            [post(20, "caf%c3%a9-society", ""), post(21, "bj%C3%B6rk-homogenic", ""), post(22, "stra%c3%9fe", "")];
        let refs: Vec<&Post> = posts.iter().collect();
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let got: Vec<&str> = slugs.by_id.values().map(String::as_str).collect();
        assert_eq!(got, ["cafe-society", "bjork-homogenic", "strasse"]);
        assert_eq!(section_slug("m%c3%basica", "Música", Some(4)).as_deref(), Some("musica"));
        // A decomposed accent (e and a combining mark) folds the same.
        assert_eq!(slugify("Cafe\u{301} society"), "cafe-society");
    }

    #[test]
    fn links_home_in_every_form_lead_to_the_article() {
        let mut site = Site { home: "https://mag.example/blog".into(), ..Site::default() };
        site.categories
            .insert(1, Term { id: 1, slug: "uncategorized".into(), name: "Uncategorized".into(), ..Term::default() });
        site.categories.insert(2, Term { id: 2, slug: "news".into(), name: "News".into(), ..Term::default() });
        site.categories.insert(3, Term { id: 3, slug: "hip_hop".into(), name: "Hip Hop".into(), ..Term::default() });
        let mut renamed = post(12, "new-name", "https://mag.example/blog/2021/03/new-name/");
        renamed.old_slugs.push("old-name".into());
        let posts = [post(11, "film-out", "https://mag.example/blog/2021/04/film-out/"), renamed];
        let refs: Vec<&Post> = posts.iter().collect();
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let map = LinkMap::new(&site, &refs, &slugs);
        for href in [
            "https://mag.example/blog/2021/04/film-out/",
            "http://MAG.example/blog/2021/04/film-out",
            // The site at its `www.` name, as before or after a move.
            "https://www.mag.example/blog/2021/04/film-out/",
            "https://www.mag.example/blog/?p=11",
            "/blog/2021/04/film-out/#comments",
            "https://mag.example/blog/?p=11",
            "https://mag.example/blog/index.php?p=11&x=1",
            "https://mag.example/blog/2021/04/film-out/feed/",
            "https://mag.example/blog/2021/04/film-out/comment-page-2/#comment-5",
            "/blog/2021/04/film-out/2/",
            "/blog/2021/04/film-out/amp",
            // An image's attachment page, where "Link to: Attachment Page" led.
            "https://mag.example/blog/2021/04/film-out/film-strip-still/",
        ] {
            assert_eq!(map.rewrite(href), "/article/film-out", "{href}");
        }
        assert_eq!(map.rewrite("/blog/2021/03/old-name/"), "/article/new-name");
        assert_eq!(map.rewrite("https://mag.example/blog/category/news/"), "/category/news");
        // The section's slug, not WordPress's, where they differ.
        assert_eq!(map.rewrite("https://mag.example/blog/category/hip_hop/"), "/category/hip-hop");
        assert_eq!(map.rewrite("/blog/wp-content/uploads/a.pdf"), "https://mag.example/blog/wp-content/uploads/a.pdf");
        assert_eq!(map.rewrite("https://other.example/2021/04/film-out/"), "https://other.example/2021/04/film-out/");
        assert_eq!(
            map.rewrite("https://www2.mag.example/blog/2021/04/film-out/"),
            "https://www2.mag.example/blog/2021/04/film-out/"
        );
        assert_eq!(map.rewrite("javascript:alert(1)"), "javascript:alert(1)");

        let sections = BTreeSet::from(["news".to_string()]);
        let live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
        let all = redirects(&site, &refs, &slugs, &[], &new_site("/", &sections, &live)).rules;
        let netlify = netlify_redirects(&all);
        for line in [
            "/blog/2021/04/film-out /article/film-out 301",
            "/blog/2021/04/film-out/ /article/film-out 301",
            "/blog/2021/04/film-out/feed/ /article/film-out 301",
            "/blog/2021/03/old-name/ /article/new-name 301",
            "/blog/2021/03/old-name/feed/ /article/new-name 301",
            "/blog/ p=11 /article/film-out 301",
            "/blog/category/news/ /category/news 301",
            "/blog/feed/ /feed.xml 301",
            "/blog/feed/atom/ /feed.xml 301",
            "/blog/category/news/feed/ /feed.xml 301",
            "/blog/2021/04/film-out/:page/ /article/film-out 301",
            "/blog/2021/04/film-out/:page /article/film-out 301",
            // A renamed post's old address, with its pages.
            "/blog/2021/03/old-name/:page/ /article/new-name 301",
        ] {
            assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
        }
        // The page rules come after every rule of an exact address.
        let first_page = netlify.lines().position(|l| l.contains("/:page")).unwrap_or(0);
        assert!(
            netlify
                .lines()
                .skip(first_page)
                .all(|l| l.contains("/:page") || l.starts_with('#') || l.contains(" p=") || l.contains(" s=:s ")),
            "{netlify}"
        );
        let upper = upper_escapes("/blog/2021/07/%e3%82%b7/");
        assert_eq!(upper, "/blog/2021/07/%E3%82%B7/");
        // WordPress's untouched default category is no section: its
        // archive, and links to it, lead to the front page.
        assert_eq!(map.rewrite("https://mag.example/blog/category/uncategorized/"), "/");
        for line in ["/blog/category/uncategorized/ / 301", "/blog/category/uncategorized/page/:page/ / 301"] {
            assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
        }
        assert!(!netlify.contains("/category/hip"), "only sections that hold articles");
        let nginx = nginx_map(&all);
        assert!(nginx.contains("    \"/blog/2021/04/film-out/\" \"/article/film-out\";"), "{nginx}");
        assert!(nginx.contains("    \"/blog/?p=11\" \"/article/film-out\";"), "{nginx}");
        let pages = nginx.split("map $linernotes_wp_post $linernotes_wp_page {").nth(1).unwrap_or_default();
        let pages = pages.split('}').next().unwrap_or_default();
        assert!(pages.contains("    \"/blog/2021/04/film-out\" \"/article/film-out\";"), "{nginx}");
        assert!(!pages.contains(":page"), "{nginx}");
    }

    #[test]
    fn a_link_to_a_post_at_its_old_date_is_asked_about_though_its_slug_is_known() {
        let site = Site { home: "https://mag.example".into(), ..Site::default() };
        let mut linking = post(11, "film-out", "https://mag.example/2021/04/film-out/");
        linking.content =
            r#"<a href="/2021/03/30/record-store-day/">then</a> <a href="/2021/04/12/record-store-day/">now</a>"#
                .into();
        let posts = [linking, post(12, "record-store-day", "https://mag.example/2021/04/12/record-store-day/")];
        let refs: Vec<&Post> = posts.iter().collect();
        let mut map = LinkMap::new(&site, &refs, &assign_slugs(&refs, &BTreeSet::new()));
        // Led there by its slug all the same, but WordPress's redirect is
        // what keeps the old address working.
        assert_eq!(map.rewrite("/2021/03/30/record-store-day/"), "/article/record-store-day");
        let unmatched: Vec<String> = map.unmatched(&refs).into_iter().collect();
        assert_eq!(unmatched, ["https://mag.example/2021/03/30/record-store-day/"]);
        map.learn(&unmatched[0], "https://mag.example/2021/04/12/record-store-day/");
        assert_eq!(map.learned(), [("/2021/03/30/record-store-day".to_string(), "record-store-day".to_string())]);
        assert!(map.unmatched(&refs).is_empty());
    }

    #[test]
    fn an_old_address_learned_from_the_site_redirect_leads_to_the_article() {
        let site = Site { home: "https://mag.example/blog".into(), ..Site::default() };
        let mut linking = post(11, "film-out", "https://mag.example/blog/2021/04/film-out/");
        linking.content = concat!(
            r#"<p><a href="https://mag.example/blog/2021/03/old-name/">old</a> "#,
            r#"<a href='/blog/2021/04/film-out/'>known</a> <a href="/blog/category/news/">section</a> "#,
            r#"<a href="https://mag.example/blog/wp-content/uploads/a.pdf">file</a> <a href="https://other.example/x">away</a></p>"#
        )
        .into();
        let posts = [linking, post(12, "new-name", "https://mag.example/blog/2021/03/new-name/")];
        let refs: Vec<&Post> = posts.iter().collect();
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let mut map = LinkMap::new(&site, &refs, &slugs);
        let unmatched: Vec<String> = map.unmatched(&refs).into_iter().collect();
        assert_eq!(unmatched, ["https://mag.example/blog/2021/03/old-name/"]);
        assert_eq!(map.learn("https://mag.example/blog/2021/03/old-name/", "https://mag.example/blog/nowhere/"), None);
        assert_eq!(
            map.learn("https://mag.example/blog/2021/03/old-name/", "/blog/2021/03/new-name/").as_deref(),
            Some("new-name")
        );
        assert_eq!(map.rewrite("https://mag.example/blog/2021/03/old-name"), "/article/new-name");
        assert!(map.unmatched(&refs).is_empty());
        let live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
        let new_site = new_site("/magazine/", &NOTHING, &live);
        let all = redirects(&site, &refs, &slugs, map.learned(), &new_site).rules;
        let netlify = netlify_redirects(&all);
        assert!(netlify.lines().any(|l| l == "/blog/2021/03/old-name/ /magazine/article/new-name 301"), "{netlify}");
        // The addresses met most often come first, the query rules last.
        let first_bare = netlify.lines().position(|l| l == "/blog/2021/04/film-out /magazine/article/film-out 301");
        let last_slashed = netlify.lines().position(|l| l == "/blog/2021/04/film-out/ /magazine/article/film-out 301");
        assert!(last_slashed < first_bare, "{netlify}");
        assert!(
            netlify.trim_end().ends_with(
                "/blog/index.php p=12 /magazine/article/new-name 301\n\
                 # Searches (`?s=`), their words kept: Netlify only.\n\
                 /blog/ s=:s /magazine/search?q=:s 301\n\
                 /blog/index.php s=:s /magazine/search?q=:s 301"
            ),
            "{netlify}"
        );
    }

    /// The rules of a `_redirects` file: (old address, query included; new one).
    fn sources(netlify: &str) -> Vec<(String, String)> {
        netlify
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| match l.split_whitespace().collect::<Vec<_>>().as_slice() {
                [from, to, _] => Some((from.to_string(), to.to_string())),
                [path, query, to, _] => Some((format!("{path}?{query}"), to.to_string())),
                _ => None,
            })
            .collect()
    }

    /// Fails when one old address leads to two places.
    fn assert_one_target_each(netlify: &str) {
        let mut targets: HashMap<String, String> = HashMap::new();
        for (from, to) in sources(netlify) {
            if let Some(before) = targets.insert(from.clone(), to.clone()) {
                assert_eq!(before, to, "{from} leads to two places in\n{netlify}");
            }
        }
    }

    #[test]
    fn a_post_whose_date_changed_keeps_its_old_dated_address() {
        let site = Site { home: "https://mag.example/blog".into(), ..Site::default() };
        let mut redated = post(5, "redated", "https://mag.example/blog/2021/04/02/redated/");
        redated.date_local = "2021-04-02 09:00:00".into();
        redated.old_dates = vec!["2021-03-30".into(), "2021-04-02".into(), "not a date".into()];
        let mut undated = post(6, "undated", "https://mag.example/blog/undated/");
        undated.date_local = "2021-04-02 09:00:00".into();
        undated.old_dates = vec!["2020-01-01".into()];
        let posts = [redated, undated];
        let refs: Vec<&Post> = posts.iter().collect();
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
        let planned = redirects(&site, &refs, &slugs, &[], &new_site("/", &BTreeSet::new(), &live));
        let netlify = netlify_redirects(&planned.rules);
        for line in [
            "/blog/2021/04/02/redated/ /article/redated 301",
            "/blog/2021/03/30/redated/ /article/redated 301",
            "/blog/2021/03/30/redated/feed/ /article/redated 301",
        ] {
            assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
        }
        assert!(!netlify.contains("2020"), "an undated permalink gets no dated rule:\n{netlify}");
        assert_one_target_each(&netlify);
    }

    #[test]
    fn an_address_that_is_already_the_new_one_gets_no_rule_in_either_form() {
        let mut site = Site { home: "https://mag.example".into(), ..Site::default() };
        site.categories.insert(2, Term { id: 2, slug: "news".into(), name: "News".into(), ..Term::default() });
        site.categories.insert(3, Term { id: 3, slug: "reviews".into(), name: "Reviews".into(), ..Term::default() });
        let mut renamed = post(1, "gutenberg-post", "https://mag.example/article/gutenberg-post/");
        renamed.old_slugs.push("old-slug-name".into());
        let posts = [
            renamed,
            post(9, "under_score", "https://mag.example/article/under_score/"),
            post(10, "same-slug", "https://mag.example/article/same-slug/"),
            post(11, "same-slug", "https://mag.example/article/same-slug/"),
            post(12, "night-bus-sessions", "https://mag.example/article/night-bus-sessions/"),
        ];
        let refs: Vec<&Post> = posts.iter().collect();
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        assert_eq!(slugs.by_id[&11], "same-slug-11");
        let sections = BTreeSet::from(["news".to_string()]);
        let mut live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
        // The publisher's own article holds the slug; the post became `-12`.
        live.insert("night-bus-sessions".into());
        let mut slugs = slugs;
        slugs.by_id.insert(12, "night-bus-sessions-12".into());
        let planned = redirects(&site, &refs, &slugs, &[], &new_site("/", &sections, &live));
        let netlify = netlify_redirects(&planned.rules);
        let nginx = nginx_map(&planned.rules);
        for (from, to) in sources(&netlify) {
            assert_ne!(from.trim_end_matches('/'), to.trim_end_matches('/'), "a rule to itself in\n{netlify}");
            let live_page = live.iter().any(|s| from.trim_end_matches('/') == format!("/article/{s}"));
            assert!(!live_page, "{from} is a page of the new site, yet redirected to {to}:\n{netlify}");
        }
        for line in nginx.lines().filter(|l| l.starts_with("    \"")) {
            let quoted: Vec<&str> = line.split('"').collect();
            if let [_, from, _, to, ..] = quoted.as_slice() {
                assert_ne!(from.trim_end_matches('/'), to.trim_end_matches('/'), "{nginx}");
            }
        }
        for line in [
            "/article/old-slug-name/ /article/gutenberg-post 301",
            "/article/under_score/ /article/under-score 301",
            "/article/under_score /article/under-score 301",
            "/ p=11 /article/same-slug-11 301",
            "/ p=12 /article/night-bus-sessions-12 301",
        ] {
            assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
        }
        assert_one_target_each(&netlify);
        // A section's feed leads to the site's feed, and its later pages
        // (which the new site does not have) to the section; nothing else
        // of it moves.
        assert!(
            !netlify.lines().any(|l| l.contains("/category/") && !l.contains("/feed") && !l.contains("/page/:page")),
            "{netlify}"
        );
        let noted: Vec<&str> = planned.notes.iter().map(|(_, n)| n.as_str()).collect();
        assert!(
            noted.iter().any(|n| n.contains("/article/night-bus-sessions/ to /article/night-bus-sessions-12")),
            "{noted:?}"
        );
    }

    #[test]
    fn a_search_on_the_old_site_leads_to_the_new_search_with_its_words() {
        // Pretty or plain permalinks, a site searches at its home.
        for link in ["https://mag.example/blog/2021/04/film-out/", "https://mag.example/blog/?p=1"] {
            let site = Site { home: "https://mag.example/blog".into(), ..Site::default() };
            let posts = [post(1, "film-out", link)];
            let planned = plan_every_post(&site, &posts);
            let netlify = netlify_redirects(&planned.rules);
            for line in ["/blog/ s=:s /search?q=:s 301", "/blog/index.php s=:s /search?q=:s 301"] {
                assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
            }
            // nginx: a pattern a home, the words as the address has them,
            // the last map of the chain.
            let nginx = nginx_map(&planned.rules);
            for want in [
                "map \"$uri?s=$arg_s\" $linernotes_wp_s {\n    default \"\";\n",
                "    \"~^/blog/\\\\?s=(?<linernotes_wp_words>.+)$\" \"/search?q=$linernotes_wp_words\";\n",
                "    \"~^/blog/index\\\\.php\\\\?s=(?<linernotes_wp_words>.+)$\" \"/search?q=$linernotes_wp_words\";\n",
            ] {
                assert!(nginx.contains(want), "missing {want:?} in\n{nginx}");
            }
            let refs: Vec<&Post> = posts.iter().collect();
            let map = LinkMap::new(&site, &refs, &assign_slugs(&refs, &BTreeSet::new()));
            for (href, to) in [
                ("https://mag.example/blog/?s=city+pop", "/search?q=city%20pop"),
                ("/blog/index.php?s=Bj%C3%B6rk&paged=2", "/search?q=Bj%C3%B6rk"),
                // No words: the old home, as it is.
                ("https://mag.example/blog/?s=", "https://mag.example/blog/?s="),
            ] {
                assert_eq!(map.rewrite(href), to, "{href}");
            }
        }
    }

    #[test]
    fn plain_permalinks_get_query_rules_and_never_a_path_rule() {
        let site = Site { home: "https://mag.example".into(), ..Site::default() };
        let mut empty = post(19, "", "https://mag.example/?p=19");
        empty.old_slugs.push(String::new());
        let posts = [
            post(1, "cafe-creme", "https://mag.example/?p=1"),
            post(3, "classic-post", "https://mag.example/?p=3"),
            empty,
        ];
        let planned = plan_every_post(&site, &posts);
        let netlify = netlify_redirects(&planned.rules);
        let rules = sources(&netlify);
        let (ids, others): (Vec<_>, Vec<_>) = rules.iter().partition(|(from, _)| from.contains("?p="));
        assert_eq!(ids.len(), 6, "two `?p=` rules a post:\n{netlify}");
        // Besides, only the site's feed, by query as such a site names it,
        // and its searches.
        assert!(
            others.iter().all(|(from, to)| (from.contains("?feed=") && to == "/feed.xml")
                || (from.contains("?s=:s") && to == "/search?q=:s")),
            "{netlify}"
        );
        assert_one_target_each(&netlify);
        assert!(!rules.iter().any(|(from, _)| from.contains("/feed")), "{netlify}");
        assert!(netlify.lines().any(|l| l == "/ p=19 /article/post-19 301"), "{netlify}");
        let nginx = nginx_map(&planned.rules);
        assert!(nginx.contains("    \"/?p=1\" \"/article/cafe-creme\";"), "{nginx}");
        assert!(!nginx.contains("    \"/feed"), "{nginx}");
        assert!(
            planned.notes.iter().any(|(_, n)| n.contains("3 posts have no address but `?p=ID`")),
            "{:?}",
            planned.notes
        );
    }

    #[test]
    fn a_page_is_also_found_at_its_page_id_address() {
        let site = Site { home: "https://mag.example".into(), ..Site::default() };
        let mut about = post(7, "about", "https://mag.example/about/");
        about.kind = Some(crate::import::wordpress::source::PostKind::Page);
        let posts = [about, post(8, "news-post", "https://mag.example/2024/05/news-post/")];
        let planned = plan_every_post(&site, &posts);
        let netlify = netlify_redirects(&planned.rules);
        assert!(netlify.lines().any(|l| l == "/ page_id=7 /article/about 301"), "{netlify}");
        assert!(!netlify.contains("page_id=8"), "a post has no page_id address:\n{netlify}");
        // nginx reads either query into one key: ids are one series.
        let nginx = nginx_map(&planned.rules);
        assert!(nginx.contains("map \"$uri?p=$arg_p$arg_page_id\""), "{nginx}");
        assert!(nginx.contains("    \"/?p=7\" \"/article/about\";"), "{nginx}");
    }

    #[test]
    fn one_old_address_leads_to_one_place() {
        let site = Site { home: "https://mag.example".into(), ..Site::default() };
        let mut second = post(5, "tidewater", "https://mag.example/2024/05/tidewater/");
        // An old slug of one post that is another post's permalink.
        second.old_slugs.push("harbour".into());
        let posts = [post(4, "harbour", "https://mag.example/2024/05/harbour/"), second];
        let planned = plan_every_post(&site, &posts);
        let netlify = netlify_redirects(&planned.rules);
        assert_one_target_each(&netlify);
        assert!(netlify.lines().any(|l| l == "/2024/05/harbour/ /article/harbour 301"), "{netlify}");
        assert!(
            planned.notes.iter().any(|(id, n)| *id == 5 && n.contains("already leads to /article/harbour")),
            "{:?}",
            planned.notes
        );
    }

    /// Whether a rule's old path (a `_redirects` line's first word) would
    /// catch `address`, as Netlify matches a `:page` placeholder.
    fn catches(from: &str, address: &str) -> bool {
        let from: Vec<&str> = from.trim_end_matches('/').split('/').collect();
        let address: Vec<&str> = address.trim_end_matches('/').split('/').collect();
        from.len() == address.len() && from.iter().zip(&address).all(|(f, a)| *f == PAGE_SEGMENT || f == a)
    }

    #[test]
    fn an_old_page_in_a_folder_of_the_new_site_gets_no_rule_that_would_catch_its_pages() {
        let site = Site { home: "https://mag.example".into(), ..Site::default() };
        let page = |id, slug: &str| {
            let mut p = post(id, slug, &format!("https://mag.example/{slug}/"));
            p.kind = Some(crate::import::wordpress::source::PostKind::Page);
            p
        };
        let mut child = post(9, "photos", "https://mag.example/images/photos/");
        child.kind = Some(crate::import::wordpress::source::PostKind::Page);
        let mut renamed = post(10, "sax", "https://mag.example/2024/05/sax/");
        renamed.old_slugs.push("oembed".into());
        let posts = [
            page(1, "article"),
            page(2, "category"),
            page(3, "images"),
            page(4, "oembed"),
            page(5, "embed"),
            page(6, "search"),
            page(7, "content"),
            page(8, "press-kit"),
            child,
            renamed,
            post(11, "film-out", "https://mag.example/2024/05/film-out/"),
        ];
        let refs: Vec<&Post> = posts.iter().collect();
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let mut live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
        live.insert("night-bus-sessions".into());
        let sections = BTreeSet::from(["news".to_string()]);
        // The publisher keeps a folder of their own in the public folder.
        let root = BTreeSet::from(["press-kit".to_string()]);
        let new_site = NewSite {
            base: "/",
            sections: &sections,
            articles: &live,
            images: &BTreeMap::new(),
            root: &root,
            public: None,
        };
        let planned = redirects(&site, &refs, &slugs, &[], &new_site);
        let netlify = netlify_redirects(&planned.rules);
        let mut addresses: Vec<String> = live.iter().map(|s| format!("/article/{s}")).collect();
        addresses.extend(
            ["/category/news", "/search", "/images/wp/a.jpg", "/images/photos", "/oembed/film-out.json"]
                .map(String::from),
        );
        addresses.extend(
            ["/embed/article/film-out", "/content/index.json", "/feed.xml", "/press-kit/sheet.pdf", "/press-kit"]
                .map(String::from),
        );
        addresses.extend(
            ["/article", "/images", "/boot-ba09e6c43304c586.js", "/main-9138befd347fd781.css"].map(String::from),
        );
        for (from, to) in sources(&netlify) {
            for address in &addresses {
                assert!(!catches(&from, address), "{from} → {to} catches {address}:\n{netlify}");
            }
        }
        let nginx = nginx_map(&planned.rules);
        for bad in ["\"/article\"", "\"/images\"", "\"/search\"", "\"/oembed\"", "\"/images/photos\"", "\"/press-kit\""]
        {
            assert!(!nginx.contains(bad), "{bad} in\n{nginx}");
        }
        // Posts elsewhere keep theirs.
        assert!(netlify.lines().any(|l| l == "/2024/05/sax/:page /article/sax 301"), "{netlify}");
        assert!(netlify.lines().any(|l| l == "/2024/05/film-out/ /article/film-out 301"), "{netlify}");
        assert!(netlify.lines().any(|l| l == "/ page_id=1 /article/article 301"), "{netlify}");
        let noted: Vec<&str> = planned.notes.iter().map(|(_, n)| n.as_str()).collect();
        for want in [
            "no redirect from /article/ to /article/article: `/article/` is a folder of the new site, and a rule there would take readers away from its pages",
            "no redirect from /images/photos/ to /article/photos: `/images/` is a folder of the new site, and a rule there would take readers away from its pages",
            "no redirect from /press-kit/ to /article/press-kit: `/press-kit/` is a folder of the new site, and a rule there would take readers away from its pages",
            "no redirect from /2024/05/oembed/ to /article/sax: `/2024/05/oembed/` is a folder of the new site, and a rule there would take readers away from its pages",
        ] {
            if want.contains("2024") {
                assert!(!noted.contains(&want), "an old slug away from the root is no folder of the new site");
                continue;
            }
            assert!(noted.contains(&want), "missing {want:?} in {noted:#?}");
        }

        // Under a base, the base itself is the new site's home.
        let magazine = post(12, "magazine", "https://mag.example/magazine/");
        let planned = redirects(
            &site,
            &[&magazine],
            &assign_slugs(&[&magazine], &BTreeSet::new()),
            &[],
            &NewSite {
                base: "/magazine/",
                sections: &sections,
                articles: &live,
                images: &BTreeMap::new(),
                root: &root,
                public: None,
            },
        );
        let netlify = netlify_redirects(&planned.rules);
        for (from, to) in sources(&netlify) {
            for address in ["/magazine", "/magazine/article/film-out", "/magazine/search"] {
                assert!(!catches(&from, address), "{from} → {to} catches {address}:\n{netlify}");
            }
        }
        assert!(planned.notes.iter().any(|(_, n)| n.contains("the new site's home")), "{:?}", planned.notes);
    }

    #[test]
    fn permalinks_ending_in_html_are_old_pages_not_files_of_the_new_site() {
        for (home, base) in [("https://mag.example", "/"), ("https://mag.example/mag", "/mag/")] {
            let site = Site { home: home.into(), ..Site::default() };
            let posts = [
                post(11, "film-out", &format!("{home}/film-out.html")),
                post(12, "sitemap", &format!("{home}/sitemap.json")),
            ];
            let refs: Vec<&Post> = posts.iter().collect();
            let slugs = assign_slugs(&refs, &BTreeSet::new());
            let live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
            let new_site = new_site(base, &NOTHING, &live);
            let planned = redirects(&site, &refs, &slugs, &[], &new_site);
            let netlify = netlify_redirects(&planned.rules);
            let prefix = base.trim_end_matches('/');
            for line in [
                format!("{prefix}/film-out.html {prefix}/article/film-out 301"),
                format!("{prefix}/sitemap.json {prefix}/article/sitemap 301"),
            ] {
                assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
            }
            assert!(!planned.notes.iter().any(|(_, n)| n.contains("is a file of the new site")), "{:?}", planned.notes);
        }
        // The build's own hashed files still get no rule.
        for name in [
            "boot-ba09e6c43304c586.js",
            "linernotes-53aace4172623e59_bg.wasm",
            "main-abc032b1665ea78f.css",
            "favicon-b130a7382788a71c.svg",
        ] {
            assert!(is_hashed_build_file(name), "{name}");
        }
        for name in ["film-out.html", "feed.json", "notes.txt", "boot-ba09e6c4.js", "-ba09e6c43304c586.js", "press.svg"]
        {
            assert!(!is_hashed_build_file(name), "{name}");
        }
    }

    #[test]
    fn an_image_in_a_folder_named_as_one_of_the_new_site_keeps_its_rule_unless_the_file_is_there() {
        let site = Site { home: "https://mag.example".into(), ..Site::default() };
        let film = post(11, "film-out", "https://mag.example/2024/05/film-out/");
        let refs = [&film];
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
        let public = std::env::temp_dir().join(format!("linernotes-links-public-{}", std::process::id()));
        std::fs::create_dir_all(public.join("images/2019")).expect("scratch folder");
        std::fs::write(public.join("images/2019/logo.png"), "png").expect("scratch file");
        let images = BTreeMap::from(
            [
                // WordPress-Skeleton's uploads, at `/content/uploads/`.
                ("https://mag.example/content/uploads/2024/05/sax.jpg", "images/wp/sax.jpg"),
                ("https://mag.example/images/2019/keys.jpg", "images/wp/keys.jpg"),
                // The publisher's own file, and one the import writes.
                ("https://mag.example/images/2019/logo.png", "images/wp/logo.png"),
                ("https://mag.example/images/wp/keys.jpg", "images/wp/keys-2.jpg"),
                ("https://mag.example/content/index.json", "images/wp/index.json"),
                ("https://mag.example/images/wp/sax.jpg", "images/wp/sax.jpg"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string())),
        );
        let planned = redirects(
            &site,
            &refs,
            &slugs,
            &[],
            &NewSite {
                base: "/",
                sections: &BTreeSet::new(),
                articles: &live,
                images: &images,
                root: &BTreeSet::from(["images".to_string(), "content".to_string()]),
                public: Some(&public),
            },
        );
        let _ = std::fs::remove_dir_all(&public);
        let netlify = netlify_redirects(&planned.rules);
        for line in
            ["/content/uploads/2024/05/sax.jpg /images/wp/sax.jpg 301", "/images/2019/keys.jpg /images/wp/keys.jpg 301"]
        {
            assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
        }
        for from in ["/images/2019/logo.png ", "/images/wp/keys.jpg ", "/content/index.json ", "/images/wp/sax.jpg "] {
            assert!(!netlify.lines().any(|l| l.starts_with(from)), "{from} in\n{netlify}");
        }
        let noted: Vec<&str> = planned.notes.iter().map(|(_, n)| n.as_str()).collect();
        for want in [
            "no redirect from /images/2019/logo.png to /images/wp/logo.png: `/images/2019/logo.png` is a file of the new site, and a rule there would hide it",
            "no redirect from /images/wp/keys.jpg to /images/wp/keys-2.jpg: `/images/wp/keys.jpg` is a file of the new site, and a rule there would hide it",
            "no redirect from /content/index.json to /images/wp/index.json: `/content/index.json` is a file of the new site, and a rule there would hide it",
        ] {
            assert!(noted.contains(&want), "missing {want:?} in {noted:#?}");
        }
        // An address that is its own file needs no rule, and no line.
        assert!(!noted.iter().any(|n| n.starts_with("no redirect from /images/wp/sax.jpg")), "{noted:#?}");
    }

    #[test]
    fn an_image_named_in_another_script_or_with_a_space_is_redirected_from_the_address_a_browser_sends() {
        let site = Site { home: "https://mag.example".into(), ..Site::default() };
        let posts = [post(11, "film-out", "https://mag.example/2021/04/film-out/")];
        let refs: Vec<&Post> = posts.iter().collect();
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
        let images = BTreeMap::from(
            [
                ("https://mag.example/wp-content/uploads/2024/05/café stage.jpg", "images/wp/cafe-stage.jpg"),
                ("https://mag.example/wp-content/uploads/2024/05/%e3%82%b8.png", "images/wp/ji.png"),
            ]
            .map(|(a, b)| (a.to_string(), b.to_string())),
        );
        let sections = BTreeSet::new();
        let planned =
            redirects(&site, &refs, &slugs, &[], &NewSite { images: &images, ..new_site("/", &sections, &live) });
        let netlify = netlify_redirects(&planned.rules);
        for line in [
            "/wp-content/uploads/2024/05/caf%C3%A9%20stage.jpg /images/wp/cafe-stage.jpg 301",
            "/wp-content/uploads/2024/05/%e3%82%b8.png /images/wp/ji.png 301",
            "/wp-content/uploads/2024/05/%E3%82%B8.png /images/wp/ji.png 301",
        ] {
            assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
        }
        assert!(!netlify.contains("café"), "{netlify}");
        // nginx matches the decoded `$uri`.
        let map = nginx_map(&planned.rules);
        assert!(map.contains("\"/wp-content/uploads/2024/05/café stage.jpg\" \"/images/wp/cafe-stage.jpg\";"), "{map}");
    }

    #[test]
    fn a_link_to_a_category_with_a_slug_in_another_script_leads_to_its_section() {
        let mut site = Site { home: "https://mag.example".into(), ..Site::default() };
        let jazz = "%e3%82%b8%e3%83%a3%e3%82%ba";
        site.categories.insert(5, Term { id: 5, slug: jazz.into(), name: "ジャズ".into(), ..Term::default() });
        let posts = [post(11, "film-out", "https://mag.example/2021/04/film-out/")];
        let refs: Vec<&Post> = posts.iter().collect();
        let map = LinkMap::new(&site, &refs, &assign_slugs(&refs, &BTreeSet::new()));
        for link in [
            format!("https://mag.example/category/{jazz}/"),
            format!("/category/{}", upper_escapes(jazz)),
            "https://mag.example/category/ジャズ/".to_string(),
        ] {
            assert_eq!(map.rewrite(&link), "/category/section-5", "{link}");
        }
    }

    #[test]
    fn with_index_php_permalinks_archives_and_feeds_keep_the_prefix_as_the_posts_do() {
        let mut site = Site { home: "https://mag.example".into(), ..Site::default() };
        site.categories.insert(2, Term { id: 2, slug: "music".into(), name: "Music".into(), ..Term::default() });
        site.categories.insert(3, Term { id: 3, slug: "jazz".into(), name: "Jazz".into(), parent: "music".into() });
        site.tags.insert(5, Term { id: 5, slug: "live".into(), name: "live".into(), ..Term::default() });
        let mut film = post(11, "film-out", "https://mag.example/index.php/2021/04/film-out/");
        film.categories = vec![3];
        film.tags = vec![5];
        let refs = [&film];
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
        let sections = BTreeSet::from(["jazz".to_string()]);
        let new_site = new_site("/", &sections, &live);
        let planned = redirects(&site, &refs, &slugs, &[], &new_site);
        let netlify = netlify_redirects(&planned.rules);
        for line in [
            "/index.php/2021/04/film-out/ /article/film-out 301",
            "/index.php/feed/ /feed.xml 301",
            "/index.php/comments/feed/ /feed.xml 301",
            "/index.php/category/music/jazz/ /category/jazz 301",
            "/index.php/category/music/jazz/feed/ /feed.xml 301",
            "/index.php/tag/live/ /search?q=live 301",
        ] {
            assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
        }
        assert!(!netlify.lines().any(|l| l.starts_with("/feed") || l.starts_with("/category")), "{netlify}");
        let map = LinkMap::new(&site, &refs, &slugs);
        assert_eq!(map.rewrite("https://mag.example/index.php/category/music/jazz/"), "/category/jazz");
        assert_eq!(map.rewrite("/index.php/tag/live/"), "/search?q=live");
        assert_eq!(map.rewrite("/index.php/2021/04/film-out/#part-2"), "/article/film-out#part-2");
    }

    #[test]
    fn with_category_permalinks_a_post_is_found_under_each_of_its_categories() {
        let mut site = Site { home: "https://mag.example".into(), ..Site::default() };
        let term =
            |id, slug: &str, parent: &str| Term { id, slug: slug.into(), name: slug.into(), parent: parent.into() };
        site.categories.insert(2, term(2, "music", ""));
        site.categories.insert(3, term(3, "jazz", "music"));
        site.categories.insert(4, term(4, "reviews", ""));
        // A category named as a folder of the new site.
        site.categories.insert(5, term(5, "images", ""));
        let mut kamasi = post(11, "kamasi-oslo", "https://mag.example/music/jazz/kamasi-oslo/");
        kamasi.categories = vec![3, 4, 5];
        let mut harbour = post(12, "harbour", "https://mag.example/reviews/harbour/");
        harbour.categories = vec![4];
        let posts = [kamasi, harbour];
        let planned = plan_every_post(&site, &posts);
        let netlify = netlify_redirects(&planned.rules);
        for line in [
            "/music/jazz/kamasi-oslo/ /article/kamasi-oslo 301",
            "/reviews/kamasi-oslo/ /article/kamasi-oslo 301",
            "/reviews/kamasi-oslo /article/kamasi-oslo 301",
            "/jazz/kamasi-oslo/ /article/kamasi-oslo 301",
            "/music/kamasi-oslo/ /article/kamasi-oslo 301",
            "/reviews/harbour/ /article/harbour 301",
        ] {
            assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
        }
        assert_one_target_each(&netlify);
        for (from, to) in sources(&netlify) {
            for address in ["/images/wp/a.jpg", "/images/kamasi-oslo", "/article/kamasi-oslo", "/article/harbour"] {
                assert!(!catches(&from, address), "{from} → {to} catches {address}:\n{netlify}");
            }
        }
        assert!(
            planned.notes.iter().any(|(id, n)| *id == 11 && n.contains("no redirect from /images/kamasi-oslo/")),
            "{:?}",
            planned.notes
        );
        let refs: Vec<&Post> = posts.iter().collect();
        let map = LinkMap::new(&site, &refs, &assign_slugs(&refs, &BTreeSet::new()));
        for link in [
            "https://mag.example/reviews/kamasi-oslo/",
            "/jazz/kamasi-oslo",
            "https://mag.example/music/kamasi-oslo/comment-page-2/",
        ] {
            assert_eq!(map.rewrite(link), "/article/kamasi-oslo", "{link}");
        }

        // Date permalinks name no category: a post gets no address under one.
        let mut dated = post(13, "film-out", "https://mag.example/2021/04/film-out/");
        dated.categories = vec![4];
        assert!(category_addresses(&site, &[&dated]).is_empty());
    }

    #[test]
    fn the_archive_of_a_category_a_post_carries_as_a_tag_leads_to_the_search_its_tag_does() {
        let city = "%e3%82%b7%e3%83%86%e3%82%a3%e3%83%9d%e3%83%83%e3%83%97";
        let mut site = Site { home: "https://mag.example".into(), ..Site::default() };
        for (id, slug, name) in [
            (2, "music", "Music"),
            (4, "bjork", "Björk"),
            (5, "reviews", "Reviews"),
            (7, "jazz", "Jazz"),
            (8, city, "シティポップ"),
        ] {
            site.categories.insert(id, Term { id, slug: slug.into(), name: name.into(), ..Term::default() });
        }
        let mut review = post(11, "homogenic", "https://mag.example/2024/05/homogenic/");
        review.categories = vec![4, 5, 2];
        let mut tokyo = post(12, "tokyo-nights", "https://mag.example/2024/05/tokyo-nights/");
        tokyo.categories = vec![8, 7];
        let refs = [&review, &tokyo];
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
        let sections = BTreeSet::from(["music".to_string(), "jazz".to_string()]);
        let planned = redirects(&site, &refs, &slugs, &[], &new_site("/", &sections, &live));
        let netlify = netlify_redirects(&planned.rules);
        for line in [
            "/category/bjork/ /search?q=Bj%C3%B6rk 301",
            "/category/bjork /search?q=Bj%C3%B6rk 301",
            "/category/bjork/feed/ /feed.xml 301",
            "/category/reviews/ /search?q=Reviews 301",
            &format!("/category/{city}/ /search?q=%E3%82%B7%E3%83%86%E3%82%A3%E3%83%9D%E3%83%83%E3%83%97 301"),
            &format!(
                "/category/{}/ /search?q=%E3%82%B7%E3%83%86%E3%82%A3%E3%83%9D%E3%83%83%E3%83%97 301",
                upper_escapes(city)
            ),
        ] {
            assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
        }
        assert!(!netlify.contains("/category/jazz/ /search"), "a section's archive is the section: {netlify}");
        let map = LinkMap::new(&site, &refs, &slugs);
        assert_eq!(map.rewrite("https://mag.example/category/bjork/"), "/search?q=Bj%C3%B6rk");
        assert_eq!(
            map.rewrite("https://mag.example/category/シティポップ/"),
            map.rewrite(&format!("/category/{city}"))
        );
        assert_eq!(map.rewrite("/?cat=4"), "/search?q=Bj%C3%B6rk");
        assert_eq!(map.rewrite("/?cat=2"), "/category/music");

        // On plain permalinks, by number.
        let mut plain = review.clone();
        plain.link = "https://mag.example/?p=11".into();
        let refs = [&plain];
        let planned = redirects(&site, &refs, &slugs, &[], &new_site("/", &sections, &live));
        let netlify = netlify_redirects(&planned.rules);
        for line in ["/ cat=4 /search?q=Bj%C3%B6rk 301", "/ cat=2 /category/music 301"] {
            assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
        }
    }

    #[test]
    fn with_plain_permalinks_archives_and_feeds_by_query_lead_where_their_pretty_forms_do() {
        let mut site = Site { home: "https://mag.example".into(), ..Site::default() };
        site.categories.insert(2, Term { id: 2, slug: "music".into(), name: "Music".into(), ..Term::default() });
        site.categories.insert(3, Term { id: 3, slug: "jazz".into(), name: "Jazz".into(), parent: "music".into() });
        site.tags.insert(5, Term { id: 5, slug: "back-number".into(), name: "back number".into(), ..Term::default() });
        let mut film = post(11, "film-out", "https://mag.example/?p=11");
        film.categories = vec![3];
        film.tags = vec![5];
        film.author = Some("Aki Morimoto".into());
        film.author_id = Some(2);
        let refs = [&film];
        let slugs = assign_slugs(&refs, &BTreeSet::new());
        let live: BTreeSet<String> = slugs.by_id.values().cloned().collect();
        let sections = BTreeSet::from(["jazz".to_string()]);
        let new_site = new_site("/", &sections, &live);
        let planned = redirects(&site, &refs, &slugs, &[], &new_site);
        let netlify = netlify_redirects(&planned.rules);
        for line in [
            "/ p=11 /article/film-out 301",
            "/ cat=3 /category/jazz 301",
            "/index.php cat=3 /category/jazz 301",
            "/ tag=back-number /search?q=back%20number 301",
            "/ author=2 /search?q=Aki%20Morimoto 301",
            "/ feed=rss2 /feed.xml 301",
            "/ feed=comments-rss2 /feed.xml 301",
        ] {
            assert!(netlify.lines().any(|l| l == line), "missing {line:?} in\n{netlify}");
        }
        // A section without articles has no page to lead to.
        assert!(!netlify.contains("cat=2"), "{netlify}");
        // The `?p=` lines come first: `?p=11&feed=rss2` is the post. Then
        // the feeds: `?cat=3&feed=rss2` is the feed, as nginx and the links
        // read it.
        let first = |needle: &str| netlify.find(needle).unwrap_or(usize::MAX);
        assert!(first(" p=11 ") < first(" feed=rss2 "), "{netlify}");
        let last = |needle: &str| netlify.rfind(needle).unwrap_or(0);
        assert!(last(" feed=") < first(" cat=3 "), "{netlify}");
        assert!(last(" cat=") < first(" tag=") && last(" tag=") < first(" author="), "{netlify}");
        // nginx: all through `$linernotes_wp_id`, each map the one before's default.
        let nginx = nginx_map(&planned.rules);
        for want in [
            "map \"$uri?p=$arg_p$arg_page_id\" $linernotes_wp_id {\n    default $linernotes_wp_feed;\n",
            "map \"$uri?feed=$arg_feed\" $linernotes_wp_feed {\n    default $linernotes_wp_cat;\n",
            "map \"$uri?cat=$arg_cat\" $linernotes_wp_cat {\n    default $linernotes_wp_tag;\n",
            "map \"$uri?author=$arg_author\" $linernotes_wp_author {\n    default $linernotes_wp_s;\n",
            "    \"/?cat=3\" \"/category/jazz\";\n",
            "    \"/index.php?tag=back-number\" \"/search?q=back%20number\";\n",
        ] {
            assert!(nginx.contains(want), "missing {want:?} in\n{nginx}");
        }
        let map = LinkMap::new(&site, &refs, &slugs);
        for (link, to) in [
            ("https://mag.example/?cat=3", "/category/jazz"),
            ("/index.php?cat=3&paged=2", "/category/jazz"),
            ("https://mag.example/?tag=back-number", "/search?q=back%20number"),
            ("https://mag.example/?author=2", "/search?q=Aki%20Morimoto"),
            ("https://mag.example/?feed=rss2", "/feed.xml"),
            ("https://mag.example/?cat=3&feed=rss2", "/feed.xml"),
            ("https://mag.example/?p=11&feed=rss2", "/article/film-out"),
        ] {
            assert_eq!(map.rewrite(link), to, "{link}");
        }
        // An author or tag of no imported post stays on the old site.
        assert_eq!(map.rewrite("https://mag.example/?author=9"), "https://mag.example/?author=9");
    }
}
