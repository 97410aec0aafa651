//! Reading WordPress's export file (WXR), streamed: one item at a time,
//! never the whole document as a tree.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::Path;

use quick_xml::errors::SyntaxError;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::error::ImportError;
use super::progress::Progress;
use super::source::{
    rfc3339_utc, unpublished_reason, CommentStatus, Media, Post, PostKind, Site, SourceComment, Term, Unpublished,
};

pub struct WxrOptions {
    pub pages: bool,
    pub post_types: Vec<String>,
    pub include_pending: bool,
}

#[derive(Default)]
struct Item {
    fields: HashMap<String, String>,
    categories: Vec<(String, String)>,
    meta: Vec<(String, String)>,
    comments: Vec<HashMap<String, String>>,
}

/// Whether an export's item of another kind is one readers were shown: a
/// theme's or plugin's posts (`review`, `podcast`) have an address of
/// their own, where WordPress's own records (menus, templates, styles)
/// and a plugin's settings (forms, fields, orders) have none, or only a
/// query (`?post_type=…`, `?p=12`).
fn is_readers_kind(kind: &str, link: &str) -> bool {
    const RECORDS: [&str; 17] = [
        "nav_menu_item",
        "revision",
        "custom_css",
        "customize_changeset",
        "oembed_cache",
        "user_request",
        "wpcf7_contact_form",
        "acf-field",
        "acf-field-group",
        "shop_order",
        "shop_coupon",
        "product_variation",
        "elementor_library",
        "wpforms",
        "feedback",
        "jp_mem_plan",
        "guest-author",
    ];
    if kind.starts_with("wp_") || RECORDS.contains(&kind) {
        return false;
    }
    super::html::split_url(link.trim()).is_some_and(|(_, _, path)| {
        !path.contains('?') && !path.split('#').next().unwrap_or_default().trim_matches('/').is_empty()
    })
}

pub fn read_file(path: &Path, options: &WxrOptions, progress: &mut Progress) -> Result<Site, ImportError> {
    let file = std::fs::File::open(path).map_err(ImportError::io(path))?;
    let mut input = std::io::BufReader::with_capacity(1 << 16, file);
    // A compressed export (WordPress.com mails a .zip; hosts gzip backups)
    // is bytes, not XML: say so rather than "malformed XML".
    let start = input.fill_buf().map_err(ImportError::io(path))?;
    let packed = if start.starts_with(&[0x1f, 0x8b]) {
        Some("gzip-compressed: unpack it first (gunzip)")
    } else if start.starts_with(b"PK\x03\x04") {
        Some("a zip archive: unzip it and import the .xml file(s) inside, each with --wxr")
    } else {
        None
    };
    if let Some(what) = packed {
        return Err(ImportError::Wxr { path: path.to_path_buf(), reason: format!("the file is {what}") });
    }
    read(input, path, options, progress)
}

pub fn read<R: BufRead>(
    input: R,
    path: &Path,
    options: &WxrOptions,
    progress: &mut Progress,
) -> Result<Site, ImportError> {
    let bad = |reason: String| ImportError::Wxr { path: path.to_path_buf(), reason };
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut site = Site { raw: true, comment_meta: true, ..Site::default() };
    let mut item: Option<Item> = None;
    let mut comment: Option<HashMap<String, String>> = None;
    let mut pair: (String, String) = Default::default();
    let mut term: HashMap<String, String> = HashMap::new();
    let mut category_attr: Option<(String, String)> = None;
    let mut authors: HashMap<String, String> = HashMap::new();
    let mut author_ids: HashMap<String, u64> = HashMap::new();
    let mut author: HashMap<String, String> = HashMap::new();
    let mut nicenames: HashMap<(String, String), u64> = HashMap::new();
    let mut items: Vec<Item> = Vec::new();
    let mut saw_rss = false;
    // Declared Latin-1 (or Windows-1252): every byte is one letter.
    let mut single_byte = false;
    // Bytes that were not UTF-8 in a file that says it is.
    let mut mended = 0usize;
    // Comments awaiting moderation, left out without --include-pending.
    let mut awaiting = 0usize;
    // Published pingbacks and trackbacks: the reader shows readers' words
    // only, but the publisher should know how many notices of links go.
    let mut pings = 0usize;
    // Published pages the run leaves out (`--pages` imports them).
    let mut pages_left: Vec<String> = Vec::new();
    // Published posts of other kinds (a theme's or plugin's `review`), by
    // kind: their titles (`--post-types` imports them).
    let mut kinds_left: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut closed_rss = false;
    // Each item's own terms (slug and name): an export of "Posts" only
    // lists no terms in its channel, and these are all there is.
    let mut item_terms: Vec<(String, String, String)> = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            // Markup left open at the end of the file (a CDATA section, a
            // tag): the export was cut short, like one that ends early.
            Err(quick_xml::Error::Syntax(
                SyntaxError::UnclosedCData
                | SyntaxError::UnclosedTag
                | SyntaxError::UnclosedComment
                | SyntaxError::UnclosedPIOrXmlDecl
                | SyntaxError::UnclosedDoctype,
            )) if saw_rss => {
                let inside = stack.last().cloned().unwrap_or_else(|| "rss".into());
                return Err(ImportError::WxrCut { path: path.to_path_buf(), inside });
            }
            Err(e) => return Err(bad(format!("malformed XML near byte {}: {e}", reader.buffer_position()))),
        };
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                text.clear();
                match name.as_str() {
                    "rss" => saw_rss = true,
                    "item" => item = Some(Item::default()),
                    "wp:comment" if item.is_some() => comment = Some(HashMap::new()),
                    "category" if item.is_some() => {
                        let mut domain = String::new();
                        let mut nicename = String::new();
                        for a in e.attributes().flatten() {
                            let value = a.unescape_value().map(|v| v.into_owned()).unwrap_or_default();
                            match a.key.as_ref() {
                                b"domain" => domain = value,
                                b"nicename" => nicename = value,
                                _ => {}
                            }
                        }
                        category_attr = Some((domain, nicename));
                    }
                    _ => {}
                }
                stack.push(name);
            }
            Event::End(_) => {
                let name = stack.pop().unwrap_or_default();
                closed_rss |= name == "rss" && stack.is_empty();
                let value = std::mem::take(&mut text);
                let parent = stack.last().map(String::as_str).unwrap_or_default();
                match (parent, name.as_str()) {
                    (_, "item") => {
                        if let Some(done) = item.take() {
                            items.push(done);
                            progress.set("posts", items.len());
                        }
                    }
                    ("wp:postmeta", "wp:meta_key") | ("wp:commentmeta", "wp:meta_key") => pair.0 = value,
                    ("wp:postmeta", "wp:meta_value") | ("wp:commentmeta", "wp:meta_value") => pair.1 = value,
                    (_, "wp:postmeta") => {
                        if let Some(it) = item.as_mut() {
                            it.meta.push(std::mem::take(&mut pair));
                        }
                    }
                    (_, "wp:commentmeta") => {
                        if let Some(c) = comment.as_mut() {
                            let (k, v) = std::mem::take(&mut pair);
                            c.insert(format!("meta:{k}"), v);
                        }
                    }
                    (_, "wp:comment") => {
                        if let (Some(it), Some(c)) = (item.as_mut(), comment.take()) {
                            it.comments.push(c);
                        }
                    }
                    ("wp:comment", field) => {
                        if let Some(c) = comment.as_mut() {
                            c.insert(field.to_string(), value);
                        }
                    }
                    ("item", "category") => {
                        if let (Some(it), Some((domain, nicename))) = (item.as_mut(), category_attr.take()) {
                            item_terms.push((domain.clone(), nicename.clone(), value));
                            it.categories.push((domain, nicename));
                        }
                    }
                    ("item", field) => {
                        if let Some(it) = item.as_mut() {
                            it.fields.insert(field.to_string(), value);
                        }
                    }
                    ("channel", "wp:base_blog_url") => site.home = value.trim().trim_end_matches('/').to_string(),
                    ("channel", "language") => site.language = crate::model::language_tag(&value).map(str::to_string),
                    ("channel", "link") if site.home.is_empty() => {
                        site.home = value.trim().trim_end_matches('/').to_string()
                    }
                    ("wp:category" | "wp:tag", field) => {
                        term.insert(field.to_string(), value);
                    }
                    ("channel", "wp:category" | "wp:tag") => {
                        let id = term.get("wp:term_id").and_then(|i| i.trim().parse::<u64>().ok()).unwrap_or(0);
                        let (slug_key, name_key, map, domain) = if name == "wp:category" {
                            ("wp:category_nicename", "wp:cat_name", &mut site.categories, "category")
                        } else {
                            ("wp:tag_slug", "wp:tag_name", &mut site.tags, "post_tag")
                        };
                        let slug = term.get(slug_key).cloned().unwrap_or_default();
                        nicenames.insert((domain.to_string(), slug.clone()), id);
                        let parent = term.get("wp:category_parent").map(|p| p.trim().to_string()).unwrap_or_default();
                        map.insert(
                            id,
                            Term { id, slug, name: term.get(name_key).cloned().unwrap_or_default(), parent },
                        );
                        term.clear();
                    }
                    ("wp:author", field) => {
                        author.insert(field.to_string(), value);
                    }
                    ("channel", "wp:author") => {
                        let login = author.get("wp:author_login").cloned().unwrap_or_default();
                        let display = author.get("wp:author_display_name").cloned().unwrap_or_else(|| login.clone());
                        if let Some(id) = author.get("wp:author_id").and_then(|i| i.trim().parse().ok()) {
                            author_ids.insert(login.clone(), id);
                        }
                        authors.insert(login, display);
                        author.clear();
                    }
                    _ => {}
                }
            }
            Event::Decl(e) => {
                let declared =
                    e.encoding().and_then(Result::ok).map(|c| String::from_utf8_lossy(&c).to_ascii_lowercase());
                match declared.as_deref() {
                    None | Some("utf-8" | "utf8") => {}
                    // Older sites whose database is Latin-1 export in it;
                    // browsers read that label as Windows-1252, and so does this.
                    Some("iso-8859-1" | "latin1" | "latin-1" | "windows-1252" | "cp1252" | "us-ascii" | "ascii") => {
                        single_byte = true;
                    }
                    Some(other) => {
                        return Err(bad(format!(
                            "the export is in the `{other}` character set, which this import does not read: convert \
                             it to UTF-8 (iconv -f {other} -t utf-8) and import that"
                        )))
                    }
                }
            }
            Event::Text(e) => text.push_str(&decode(&e, single_byte, &mut mended)),
            Event::CData(e) => text.push_str(&decode(&e, single_byte, &mut mended)),
            Event::GeneralRef(e) => {
                let name = String::from_utf8_lossy(&e).into_owned();
                text.push_str(&super::shortcode::decode_entities(&format!("&{name};")));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_rss || site.home.is_empty() {
        return Err(bad("no <rss> channel with a site address (wp:base_blog_url)".into()));
    }
    // An export that timed out or was cut short in transfer ends early;
    // taken as whole, every post after the cut would look deleted.
    if !closed_rss {
        let inside = stack.last().cloned().unwrap_or_else(|| "rss".into());
        return Err(ImportError::WxrCut { path: path.to_path_buf(), inside });
    }
    // Bylines of several people (Co-Authors Plus, PublishPress Authors): an
    // `author` term per person, named by the login (`cap-` and the
    // nicename its slug), a user's display name in the channel's authors,
    // a guest's in the `guest-author` post of that login.
    let byline_terms: HashMap<String, String> = item_terms
        .iter()
        .filter(|(d, _, _)| d == "author")
        .map(|(_, nice, name)| (nice.clone(), name.clone()))
        .collect();
    let guests: HashMap<String, String> = items
        .iter()
        .filter(|it| it.fields.get("wp:post_type").is_some_and(|t| t == "guest-author"))
        .filter_map(|it| {
            let meta = |k: &str| it.meta.iter().find(|(key, _)| key == k).map(|(_, v)| v.trim().to_string());
            Some((meta("cap-user_login")?, meta("cap-display_name").filter(|n| !n.is_empty())?))
        })
        .collect();
    let byline_name = |nicename: &str| -> Option<String> {
        let login = byline_terms.get(nicename).map(|l| l.trim().to_string()).unwrap_or_default();
        let slug = nicename.strip_prefix("cap-").unwrap_or(nicename);
        authors
            .get(&login)
            .or_else(|| guests.get(&login))
            .or_else(|| authors.iter().find(|(l, _)| super::links::nicename(l) == slug).map(|(_, name)| name))
            .or_else(|| guests.iter().find(|(l, _)| super::links::nicename(l) == slug).map(|(_, name)| name))
            .cloned()
    };
    // Terms the channel did not list get an id of their own, past any
    // WordPress gave.
    let mut next_id = super::source::OWN_TERM_IDS;
    for (domain, nicename, name) in item_terms {
        let key = (domain.clone(), nicename.clone());
        if nicename.is_empty() || nicenames.contains_key(&key) {
            continue;
        }
        let map = match domain.as_str() {
            "category" => &mut site.categories,
            "post_tag" => &mut site.tags,
            _ => continue,
        };
        next_id += 1;
        nicenames.insert(key, next_id);
        map.insert(next_id, Term { id: next_id, slug: nicename, name, ..Term::default() });
    }

    for it in items {
        let f = |k: &str| it.fields.get(k).cloned().unwrap_or_default();
        let meta = |k: &str| it.meta.iter().filter(|(key, _)| key == k).map(|(_, v)| v.clone()).collect::<Vec<_>>();
        let id = f("wp:post_id").trim().parse::<u64>().unwrap_or(0);
        match f("wp:post_type").as_str() {
            "attachment" => {
                let metadata = meta("_wp_attachment_metadata").into_iter().next().unwrap_or_default();
                let url = f("wp:attachment_url");
                let original = php_string(&metadata, "original_image");
                site.media.insert(
                    id,
                    Media {
                        id,
                        original_url: original.and_then(|o| url.rsplit_once('/').map(|(dir, _)| format!("{dir}/{o}"))),
                        url,
                        width: php_int(&metadata, "width"),
                        height: php_int(&metadata, "height"),
                        alt: meta("_wp_attachment_image_alt").into_iter().next().unwrap_or_default(),
                        caption: f("excerpt:encoded"),
                        title: f("title"),
                        link: f("link"),
                        slug: f("wp:post_name"),
                    },
                );
            }
            "wp_block" => {
                site.reusable.insert(id, f("content:encoded"));
            }
            kind if matches!(kind, "post" | "page") || options.post_types.iter().any(|t| t == kind) => {
                if kind == "page" && !options.pages {
                    if f("wp:status") == "publish" {
                        pages_left.push(super::html::html_to_text(&f("title")));
                        site.pages_left.insert(id);
                    }
                    continue;
                }
                let status = f("wp:status");
                if status != "publish" {
                    let slug =
                        Some(f("wp:post_name")).filter(|s| !s.is_empty()).unwrap_or_else(|| format!("post-{id}"));
                    site.unpublished.push(Unpublished {
                        id,
                        slug,
                        reason: unpublished_reason(&status),
                        modified_gmt: f("wp:post_modified_gmt"),
                    });
                }
                let of = |domain: &str| {
                    it.categories
                        .iter()
                        .filter(|(d, _)| d == domain)
                        .filter_map(|(_, nice)| nicenames.get(&(domain.to_string(), nice.clone())).copied())
                        .collect::<Vec<_>>()
                };
                let (date_gmt, date_note) = publication_date(&f("wp:post_date_gmt"), &f("pubDate"), &f("wp:post_date"));
                let creator = f("dc:creator");
                let byline: Vec<&String> =
                    it.categories.iter().filter(|(d, _)| d == "author").map(|(_, nice)| nice).collect();
                let mut coauthors = Vec::new();
                let mut unknown = Vec::new();
                for nice in byline {
                    match byline_name(nice) {
                        Some(name) if !coauthors.contains(&name) => coauthors.push(name),
                        Some(_) => {}
                        None => unknown.push(byline_terms.get(nice).cloned().unwrap_or_else(|| nice.clone())),
                    }
                }
                // An unpublished post's comments are still read: the report
                // counts them among what was left out.
                let published = status == "publish";
                site.posts.extend(published.then(|| {
                    Post {
                        id,
                        kind: Some(match kind {
                            "page" => PostKind::Page,
                            "post" => PostKind::Post,
                            _ => PostKind::Custom,
                        }),
                        slug: f("wp:post_name"),
                        link: f("link"),
                        title: f("title"),
                        content: f("content:encoded"),
                        excerpt: f("excerpt:encoded"),
                        date_gmt,
                        modified_gmt: f("wp:post_modified_gmt"),
                        date_local: f("wp:post_date"),
                        modified_local: f("wp:post_modified"),
                        author: authors.get(&creator).cloned().or(Some(creator.clone()).filter(|c| !c.is_empty())),
                        // The export has the login, not the archive's slug,
                        // which WordPress makes of the login.
                        author_slug: Some(super::links::nicename(&creator)).filter(|n| !n.is_empty()),
                        coauthors,
                        author_id: author_ids.get(&creator).copied(),
                        featured_media: meta("_thumbnail_id").first().and_then(|t| t.trim().parse().ok()),
                        sticky: f("wp:is_sticky").trim() == "1",
                        categories: of("category"),
                        tags: of("post_tag"),
                        comments_open: f("wp:comment_status") != "closed",
                        old_slugs: meta("_wp_old_slug"),
                        old_dates: meta("_wp_old_date"),
                        oembed_html: it
                            .meta
                            .iter()
                            .filter(|(k, _)| k.starts_with("_oembed_") && !k.starts_with("_oembed_time_"))
                            .map(|(_, v)| v.clone())
                            .collect(),
                        protected: !f("wp:post_password").is_empty(),
                        footnotes: meta("footnotes").into_iter().next(),
                        notes: date_note
                            .into_iter()
                            .chain(unknown.iter().map(|login| {
                                format!(
                                    "byline `{login}` left out: the export names no user or guest author of that \
                                     login, so no name to show"
                                )
                            }))
                            .collect(),
                    }
                }));
                for c in &it.comments {
                    let g = |k: &str| c.get(k).cloned().unwrap_or_default();
                    if !matches!(g("wp:comment_type").trim(), "" | "comment") {
                        if matches!(g("wp:comment_type").trim(), "pingback" | "trackback")
                            && g("wp:comment_approved").trim() == "1"
                        {
                            pings += 1;
                        }
                        continue;
                    }
                    let status = match g("wp:comment_approved").trim() {
                        "1" => CommentStatus::Approved,
                        "0" if options.include_pending => CommentStatus::Pending,
                        "0" => {
                            awaiting += 1;
                            continue;
                        }
                        _ => continue,
                    };
                    site.comments.push(SourceComment {
                        id: g("wp:comment_id").trim().parse().unwrap_or(0),
                        post: id,
                        parent: g("wp:comment_parent").trim().parse().unwrap_or(0),
                        author: g("wp:comment_author"),
                        email: g("wp:comment_author_email"),
                        url: g("wp:comment_author_url"),
                        date_gmt: comment_date(&g("wp:comment_date_gmt"), &g("wp:comment_date")),
                        content: g("wp:comment_content"),
                        status,
                        feedback: c.get("meta:wpdiscuz_feedback_form_id").cloned().filter(|f| !f.is_empty()),
                        likes: c.get("meta:wpdiscuz_votes").and_then(|v| v.trim().parse().ok()).unwrap_or(0),
                    });
                }
            }
            kind => {
                if f("wp:status") == "publish" && is_readers_kind(kind, &f("link")) {
                    kinds_left.entry(kind.to_string()).or_default().push(super::html::html_to_text(&f("title")));
                    site.kinds_left.insert(id, kind.to_string());
                }
            }
        }
    }
    for (kind, titles) in &kinds_left {
        let named: Vec<String> = titles.iter().take(3).map(|t| format!("“{t}”")).collect();
        let more = if titles.len() > 3 { ", …" } else { "" };
        site.notes.push(format!(
            "{}: {} post(s) of the kind `{kind}` left out ({}{more}), with their comments and addresses: \
             --post-types {kind} imports them as articles",
            path.display(),
            titles.len(),
            named.join(", ")
        ));
    }
    site.posts.sort_by_key(|p| std::cmp::Reverse(p.id));
    site.comments.sort_by_key(|c| c.id);
    if !pages_left.is_empty() {
        let named: Vec<String> = pages_left.iter().take(3).map(|t| format!("“{t}”")).collect();
        let more = if pages_left.len() > 3 { ", …" } else { "" };
        site.notes.push(format!(
            "{}: {} page(s) left out ({}{more}): --pages imports them, as articles that stand alone",
            path.display(),
            pages_left.len(),
            named.join(", ")
        ));
    }
    if awaiting > 0 {
        site.notes.push(format!(
            "{}: {awaiting} comment(s) awaiting moderation left out: --include-pending imports them, held for \
             moderation in Isso",
            path.display()
        ));
    }
    if pings > 0 {
        site.notes.push(format!(
            "{}: {pings} published pingback(s) and trackback(s) left out: the reader shows readers' comments only",
            path.display()
        ));
    }
    if mended > 0 {
        site.notes.push(format!(
            "{}: {mended} byte(s) of text were not UTF-8 although the export says it is; they were read as \
             Windows-1252 (Latin-1), which older sites often wrote: check accented letters in the articles",
            path.display()
        ));
    }
    Ok(site)
}

/// A text node's bytes as text: UTF-8, except in an export declared
/// single-byte (Latin-1, Windows-1252), and except bytes that are not
/// UTF-8 (a post saved from another program into a UTF-8 site), which are
/// read as Windows-1252 and counted in `mended`: a letter, never "�".
fn decode(bytes: &[u8], single_byte: bool, mended: &mut usize) -> String {
    if single_byte {
        return bytes.iter().map(|b| windows_1252(*b)).collect();
    }
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                out.push_str(text);
                return out;
            }
            Err(error) => {
                let (valid, after) = rest.split_at(error.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                let bad = error.error_len().unwrap_or(after.len()).max(1).min(after.len());
                for b in after.get(..bad).unwrap_or_default() {
                    out.push(windows_1252(*b));
                }
                *mended += bad;
                rest = after.get(bad..).unwrap_or_default();
            }
        }
    }
}

/// One byte of Windows-1252 (which browsers use for Latin-1 too): the
/// bytes 0x80–0x9F are typographic quotes, dashes and a few letters.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The post's publication date in UTC (`YYYY-MM-DD HH:MM:SS`), and a note
/// when it is not the export's `post_date_gmt`. Some exports carry
/// `0000-00-00 00:00:00` there for published posts (posts made by other
/// tools, or migrated); WordPress then works the UTC date out from the
/// local one and the site's time zone for `pubDate`, so that comes next,
/// and the local `post_date` (its zone unknown) last.
fn publication_date(gmt: &str, pub_date: &str, local: &str) -> (String, Option<String>) {
    if rfc3339_utc(gmt).is_some() {
        return (gmt.trim().to_string(), None);
    }
    if let Some(date) = pub_date_utc(pub_date) {
        let note = format!("no UTC date in the export (`{}`): published at its pubDate, {date} UTC", gmt.trim());
        return (date, Some(note));
    }
    if rfc3339_utc(local).is_some() {
        let note = format!(
            "no UTC date in the export (`{}`): published at its local date, {}, taken as UTC (the export does not give the site's time zone)",
            gmt.trim(),
            local.trim()
        );
        return (local.trim().to_string(), Some(note));
    }
    (gmt.trim().to_string(), None)
}

/// A comment's date in UTC: its `comment_date_gmt`, or, where the export
/// has a zero date there, its local `comment_date` (taken as UTC, as a
/// post's is: the export does not give the site's time zone).
fn comment_date(gmt: &str, local: &str) -> String {
    if rfc3339_utc(gmt).is_none() && rfc3339_utc(local).is_some() {
        local.trim().to_string()
    } else {
        gmt.trim().to_string()
    }
}

/// `Wed, 01 May 2024 10:00:00 +0000` (how WordPress writes `pubDate`, in
/// UTC) → `2024-05-01 10:00:00`; `None` for any other form, and for the
/// dates WordPress prints for a zero date (`-0001`, 1970).
fn pub_date_utc(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let words: Vec<&str> = text.split_whitespace().collect();
    let words = match words.first() {
        Some(day) if day.ends_with(',') => words.get(1..)?,
        _ => &words[..],
    };
    let [day, month, year, time, zone] = words else { return None };
    if !matches!(*zone, "+0000" | "-0000" | "GMT" | "UT" | "UTC" | "Z") {
        return None;
    }
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? + 1;
    let day: u32 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
    let year: u32 = year.parse().ok().filter(|y| (1971..=9999).contains(y))?;
    let date = format!("{year:04}-{month:02}-{day:02} {time}");
    // The shape alone lets an hour 25 through; the reader's own parser does not.
    rfc3339_utc(&date).and_then(|d| crate::model::Timestamp::parse(&d).ok()).map(|_| date)
}

/// `s:5:"width";i:1200;` → 1200 (the first, top-level one: the original's).
fn php_int(serialized: &str, key: &str) -> Option<u32> {
    let marker = format!("s:{}:\"{key}\";i:", key.len());
    let at = serialized.find(&marker)? + marker.len();
    serialized[at..].split(';').next()?.parse().ok()
}

/// `s:14:"original_image";s:10:"a-1234.jpg";` → `a-1234.jpg`.
fn php_string(serialized: &str, key: &str) -> Option<String> {
    let marker = format!("s:{}:\"{key}\";s:", key.len());
    let at = serialized.find(&marker)? + marker.len();
    let rest = &serialized[at..];
    let (len, rest) = rest.split_once(':')?;
    let len: usize = len.parse().ok()?;
    rest.strip_prefix('"')?.get(..len).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_size_and_original_from_attachment_metadata() {
        let meta = r#"a:6:{s:5:"width";i:3000;s:6:"height";i:1600;s:4:"file";s:30:"2026/11/festival-field-scaled.jpg";s:5:"sizes";a:1:{s:6:"medium";a:2:{s:5:"width";i:300;s:6:"height";i:160;}}s:14:"original_image";s:18:"festival-field.jpg";}"#;
        assert_eq!(php_int(meta, "width"), Some(3000));
        assert_eq!(php_int(meta, "height"), Some(1600));
        assert_eq!(php_string(meta, "original_image").as_deref(), Some("festival-field.jpg"));
        assert_eq!(php_string("s:14:\"original_image\";s:99:\"short\";", "original_image"), None);
    }

    #[test]
    fn a_post_without_its_utc_date_takes_pub_date_then_its_local_date() {
        let zero = "0000-00-00 00:00:00";
        assert_eq!(publication_date("2024-05-01 10:00:00", "", ""), ("2024-05-01 10:00:00".into(), None));
        let (date, note) = publication_date(zero, "Wed, 01 May 2024 10:00:00 +0000", "2024-05-01 12:00:00");
        assert_eq!(date, "2024-05-01 10:00:00");
        assert!(note.is_some_and(|n| n.contains("pubDate")));
        let (date, note) = publication_date(zero, "Mon, 30 Nov -0001 00:00:00 +0000", "2024-05-01 12:00:00");
        assert_eq!(date, "2024-05-01 12:00:00");
        assert!(note.is_some_and(|n| n.contains("taken as UTC")));
        assert_eq!(publication_date(zero, "", zero), (zero.into(), None));
        assert_eq!(pub_date_utc("Thu, 01 Jan 1970 00:00:00 +0000"), None);
        assert_eq!(pub_date_utc("01 May 2024 10:00:00 +0200"), None);
        assert_eq!(pub_date_utc("Wed, 01 May 2024 25:00:00 +0000"), None);
    }

    #[test]
    fn an_export_cut_short_is_refused_whole() {
        let mut progress = Progress::quiet();
        let opts = WxrOptions { pages: false, include_pending: false, post_types: Vec::new() };
        let whole = "<rss><channel><wp:base_blog_url>https://example.com</wp:base_blog_url><item><title>A</title><wp:post_id>1</wp:post_id></item></channel></rss>";
        assert!(read(whole.as_bytes(), Path::new("export.xml"), &opts, &mut progress).is_ok());
        for cut in
            [whole.len() - 6, whole.find("</item>").unwrap_or(0) + 7, whole.find("<wp:post_id>").unwrap_or(0) + 13]
        {
            let message = read(&whole.as_bytes()[..cut], Path::new("export.xml"), &opts, &mut progress)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(message.contains("the export is cut short"), "{}: {message}", &whole[..cut]);
        }
    }

    fn one_post(declaration: &str, id: u64, title: &[u8]) -> Vec<u8> {
        let mut bytes = format!(
            "{declaration}<rss><channel><wp:base_blog_url>https://example.com</wp:base_blog_url><item><title><![CDATA["
        )
        .into_bytes();
        bytes.extend_from_slice(title);
        bytes.extend_from_slice(
            format!("]]></title><wp:post_id>{id}</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><wp:post_date_gmt>2024-03-01 10:00:00</wp:post_date_gmt></item></channel></rss>")
                .as_bytes(),
        );
        bytes
    }

    #[test]
    fn latin_1_text_keeps_its_letters() {
        let opts = WxrOptions { pages: false, include_pending: false, post_types: Vec::new() };
        let mut progress = Progress::quiet();
        // Declared: every byte is a letter (0x93/0x94 are Windows-1252's quotes).
        let declared = one_post("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", 1, b"Bj\xf6rk \x93live\x94");
        let site = read(declared.as_slice(), Path::new("export.xml"), &opts, &mut progress).unwrap();
        assert_eq!(site.posts[0].title, "Björk “live”");
        assert!(site.notes.is_empty());
        // Said to be UTF-8 but not: the same letters, and a note that says so.
        let mixed = one_post("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 1, b"Bj\xf6rk and Sigur R\xc3\xb3s");
        let site = read(mixed.as_slice(), Path::new("export.xml"), &opts, &mut progress).unwrap();
        assert_eq!(site.posts[0].title, "Björk and Sigur Rós");
        assert!(site.notes[0].contains("1 byte(s) of text were not UTF-8"), "{:?}", site.notes);
        // A character set this does not read is refused, by name.
        let other = one_post("<?xml version=\"1.0\" encoding=\"Shift_JIS\"?>", 1, b"x");
        let message = read(other.as_slice(), Path::new("export.xml"), &opts, &mut progress).err().unwrap().to_string();
        assert!(message.contains("`shift_jis` character set"), "{message}");
    }

    #[test]
    fn the_files_of_a_split_export_read_as_one_site() {
        let opts = WxrOptions { pages: false, include_pending: false, post_types: Vec::new() };
        let mut progress = Progress::quiet();
        let mut site = read(one_post("", 1, b"One").as_slice(), Path::new("a.xml"), &opts, &mut progress).unwrap();
        let other = read(one_post("", 2, b"Two").as_slice(), Path::new("b.xml"), &opts, &mut progress).unwrap();
        let again = read(one_post("", 2, b"Two").as_slice(), Path::new("c.xml"), &opts, &mut progress).unwrap();
        site.merge(other).unwrap();
        site.merge(again).unwrap();
        let titles: Vec<&str> = site.posts.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Two", "One"]);
        let mut elsewhere =
            read(one_post("", 3, b"Three").as_slice(), Path::new("d.xml"), &opts, &mut progress).unwrap();
        elsewhere.home = "https://other.example".into();
        assert!(site.merge(elsewhere).unwrap_err().contains("another site"));
    }

    #[test]
    fn the_sites_language_is_read_from_the_channel() {
        let text = |language: &str| {
            format!(
                "<rss><channel><title>T</title><language>{language}</language>\
                 <wp:base_blog_url>https://example.com</wp:base_blog_url></channel></rss>"
            )
        };
        let mut progress = Progress::quiet();
        let opts = WxrOptions { pages: false, include_pending: false, post_types: Vec::new() };
        let site = read(text("de-DE").as_bytes(), Path::new("e.xml"), &opts, &mut progress).unwrap();
        assert_eq!(site.language.as_deref(), Some("de-DE"));
        let site = read(text("Deutsch").as_bytes(), Path::new("e.xml"), &opts, &mut progress).unwrap();
        assert_eq!(site.language, None);
    }

    #[test]
    fn pages_left_out_without_pages_are_named() {
        let text = r#"<rss><channel><wp:base_blog_url>https://example.com</wp:base_blog_url>
            <item><title>Impressum</title><wp:post_id>2</wp:post_id><wp:post_type>page</wp:post_type><wp:status>publish</wp:status>
            <wp:post_date_gmt>2024-03-01 10:00:00</wp:post_date_gmt></item>
            <item><title>Draft page</title><wp:post_id>3</wp:post_id><wp:post_type>page</wp:post_type><wp:status>draft</wp:status></item>
            </channel></rss>"#;
        let mut progress = Progress::quiet();
        let opts = WxrOptions { pages: false, include_pending: false, post_types: Vec::new() };
        let site = read(text.as_bytes(), Path::new("export.xml"), &opts, &mut progress).unwrap();
        assert_eq!(
            site.notes,
            ["export.xml: 1 page(s) left out (“Impressum”): --pages imports them, as articles that stand alone"]
        );
        let opts = WxrOptions { pages: true, include_pending: false, post_types: Vec::new() };
        let site = read(text.as_bytes(), Path::new("export.xml"), &opts, &mut progress).unwrap();
        assert!(site.notes.is_empty(), "{:?}", site.notes);
        assert_eq!(site.posts.len(), 1);
    }

    #[test]
    fn comments_awaiting_moderation_left_out_are_counted() {
        let text = r#"<rss><channel><wp:base_blog_url>https://example.com</wp:base_blog_url>
            <item><title>A</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
            <wp:post_date_gmt>2024-03-01 10:00:00</wp:post_date_gmt>
            <wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_approved>0</wp:comment_approved><wp:comment_content>Held.</wp:comment_content></wp:comment>
            <wp:comment><wp:comment_id>6</wp:comment_id><wp:comment_approved>spam</wp:comment_approved><wp:comment_content>Buy.</wp:comment_content></wp:comment>
            </item></channel></rss>"#;
        // Published pingbacks are counted; one held as spam is not.
        let pinged = text.replace(
            "</item>",
            "<wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_approved>1</wp:comment_approved><wp:comment_type>pingback</wp:comment_type><wp:comment_content>[...] a link [...]</wp:comment_content></wp:comment>\
             <wp:comment><wp:comment_id>8</wp:comment_id><wp:comment_approved>spam</wp:comment_approved><wp:comment_type>trackback</wp:comment_type><wp:comment_content>Spam.</wp:comment_content></wp:comment></item>",
        );
        let mut progress = Progress::quiet();
        let opts = WxrOptions { pages: false, include_pending: false, post_types: Vec::new() };
        let site = read(text.as_bytes(), Path::new("export.xml"), &opts, &mut progress).unwrap();
        assert!(site.comments.is_empty());
        assert_eq!(site.notes.len(), 1, "{:?}", site.notes);
        assert!(
            site.notes[0].contains("1 comment(s) awaiting moderation left out: --include-pending"),
            "{:?}",
            site.notes
        );
        let opts = WxrOptions { pages: false, include_pending: true, post_types: Vec::new() };
        let site = read(text.as_bytes(), Path::new("export.xml"), &opts, &mut progress).unwrap();
        assert_eq!((site.comments.len(), site.notes.len()), (1, 0));
        let site = read(pinged.as_bytes(), Path::new("export.xml"), &opts, &mut progress).unwrap();
        assert_eq!(site.comments.len(), 1);
        assert_eq!(
            site.notes,
            ["export.xml: 1 published pingback(s) and trackback(s) left out: the reader shows readers' comments only"]
        );
    }

    #[test]
    fn a_compressed_export_is_named_as_such() {
        let dir = std::env::temp_dir().join(format!("linernotes-wxr-packed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let opts = WxrOptions { pages: false, include_pending: false, post_types: Vec::new() };
        for (name, bytes, says) in [
            ("export.xml.gz", &[0x1f_u8, 0x8b, 8, 0][..], "gzip-compressed: unpack it first"),
            ("export.zip", &b"PK\x03\x04rest"[..], "a zip archive: unzip it"),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            let message = read_file(&path, &opts, &mut Progress::quiet()).err().unwrap().to_string();
            assert!(message.contains(says), "{message}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_export_cut_inside_cdata_is_cut_short() {
        let opts = WxrOptions { pages: false, include_pending: false, post_types: Vec::new() };
        let mut progress = Progress::quiet();
        let whole = one_post("", 1, b"A title long enough");
        let cut = whole.windows(5).position(|w| w == b"A tit").unwrap() + 5;
        let message = read(&whole[..cut], Path::new("export.xml"), &opts, &mut progress).err().unwrap().to_string();
        assert!(message.contains("the export is cut short"), "{message}");
    }

    #[test]
    fn terms_named_only_on_the_posts_are_kept() {
        // What WordPress writes for Tools → Export → Posts: no term list.
        let text = r#"<rss><channel><wp:base_blog_url>https://example.com</wp:base_blog_url>
            <item><title>A</title><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type><wp:status>publish</wp:status>
            <wp:post_date_gmt>2024-03-01 10:00:00</wp:post_date_gmt>
            <category domain="category" nicename="hip-hop"><![CDATA[Hip-Hop]]></category>
            <category domain="post_tag" nicename="beyonce"><![CDATA[Beyoncé]]></category>
            <wp:comment><wp:comment_id>5</wp:comment_id><wp:comment_approved>1</wp:comment_approved>
              <wp:comment_date>2015-06-01 12:00:00</wp:comment_date><wp:comment_date_gmt>0000-00-00 00:00:00</wp:comment_date_gmt>
              <wp:comment_content>Old but kept.</wp:comment_content></wp:comment>
            </item></channel></rss>"#;
        let mut progress = Progress::quiet();
        let opts = WxrOptions { pages: false, include_pending: false, post_types: Vec::new() };
        let site = read(text.as_bytes(), Path::new("export.xml"), &opts, &mut progress).unwrap();
        let post = &site.posts[0];
        let category = post.categories.first().and_then(|id| site.categories.get(id)).unwrap();
        assert_eq!((category.slug.as_str(), category.name.as_str()), ("hip-hop", "Hip-Hop"));
        let tag = post.tags.first().and_then(|id| site.tags.get(id)).unwrap();
        assert_eq!(tag.name, "Beyoncé");
        assert_eq!(site.comments[0].date_gmt, "2015-06-01 12:00:00", "a zero UTC date falls back to the local one");
    }

    #[test]
    fn a_malformed_export_is_refused_with_a_message() {
        let mut progress = Progress::quiet();
        let opts = WxrOptions { pages: false, include_pending: false, post_types: Vec::new() };
        for text in ["<rss><channel><item></channel>", "not xml at all", "<html><body>Error</body></html>"] {
            let err = read(text.as_bytes(), Path::new("export.xml"), &opts, &mut progress).err();
            let message = err.map(|e| e.to_string()).unwrap_or_default();
            assert!(message.starts_with("export.xml: not a WordPress export file"), "{text:?}: {message}");
        }
    }
}
