//! Reading a site through its public REST API (`/wp-json/wp/v2/…`).

use serde_json::Value;

use super::error::ImportError;
use super::http::Client;
use super::progress::Progress;
use super::source::{unpublished_reason, CommentStatus, Media, Post, PostKind, Site, SourceComment, Term, Unpublished};

pub struct RestOptions {
    pub pages: bool,
    pub post_types: Vec<String>,
    pub authenticated: bool,
    pub include_pending: bool,
}

fn s(v: &Value, path: &[&str]) -> String {
    let mut cur = v;
    for key in path {
        match cur.get(key) {
            Some(next) => cur = next,
            None => return String::new(),
        }
    }
    match cur {
        Value::String(text) => text.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

fn n(v: &Value, key: &str) -> u64 {
    v.get(key).and_then(Value::as_u64).unwrap_or(0)
}

fn ids(v: &Value, key: &str) -> Vec<u64> {
    v.get(key).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_u64).collect()).unwrap_or_default()
}

/// Finds the API root: `/wp-json/`, or `?rest_route=` on sites without
/// pretty permalinks; and the site's own address, as its index gives it.
fn api_root(client: &mut Client, home: &str) -> Result<(String, Option<String>, Vec<String>), ImportError> {
    let pretty = format!("{home}/wp-json/");
    let first = client.json(&pretty, true);
    let (root, index) = match first {
        Ok((v, _)) => (format!("{home}/wp-json"), v),
        Err(ImportError::Status { status: 404, .. }) | Err(ImportError::NotJson { .. }) => {
            let plain = format!("{home}/?rest_route=/");
            let (v, _) = client.json(&plain, true).map_err(|e| match e {
                ImportError::NotJson { .. } => ImportError::NoApi { url: pretty.clone(), answer: "a web page".into() },
                ImportError::Status { status: 404, .. } => {
                    ImportError::NoApi { url: pretty.clone(), answer: "status 404".into() }
                }
                other => other,
            })?;
            (format!("{home}/?rest_route="), v)
        }
        Err(other) => return Err(other),
    };
    let namespaces: Vec<String> = index
        .get("namespaces")
        .and_then(Value::as_array)
        .map(|ns| ns.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default();
    let has_v2 = namespaces.iter().any(|n| n == "wp/v2");
    if !has_v2 {
        return Err(ImportError::BadJson { url: pretty, reason: "the REST API does not offer wp/v2".into() });
    }
    let own = index
        .get("home")
        .and_then(Value::as_str)
        .map(|h| h.trim().trim_end_matches('/').to_string())
        .filter(|h| h.starts_with("http://") || h.starts_with("https://"));
    Ok((root, own, namespaces))
}

/// The language the site's feed declares (`<language>de-DE</language>`):
/// the REST API does not say it without an administrator's login. A site
/// without a feed is imported all the same, its language unmarked, and
/// the report says why. The feed is asked again with `--refresh`, as
/// listings are: the site's language may have changed.
fn feed_language(client: &mut Client, home: &str) -> Result<Option<String>, String> {
    let url = format!("{home}/?feed=rss2");
    let feed = client.get(&url, true).map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&feed.body);
    let channel = &text[..text.find("<item").unwrap_or(text.len())];
    let Some((_, rest)) = channel.split_once("<language>") else {
        return Err(format!("{url} names none"));
    };
    let tag = rest.split_once("</language>").map_or("", |(tag, _)| tag);
    Ok(crate::model::language_tag(tag).map(str::to_string))
}

fn endpoint(root: &str, route: &str, query: &str) -> String {
    if root.ends_with("rest_route=") {
        format!("{root}/wp/v2/{route}&{query}")
    } else {
        format!("{root}/wp/v2/{route}?{query}")
    }
}

/// The most WordPress gives in one page of a listing.
const PER_PAGE: usize = 100;

/// Every page of a collection (`per_page=100`, `X-WP-TotalPages`).
fn all(
    client: &mut Client,
    root: &str,
    route: &str,
    query: &str,
    mut seen: impl FnMut(usize),
) -> Result<Vec<Value>, ImportError> {
    let mut out = Vec::new();
    let mut page = 1;
    // Some proxies, caches and security plugins strip `X-WP-TotalPages`:
    // then a full page may have more after it, and a page past the last is
    // WordPress's 400 (`rest_post_invalid_page_number`), the end. Stopping
    // at the first page would take every later post for deleted.
    let mut counted = true;
    loop {
        let url = endpoint(root, route, &format!("per_page={PER_PAGE}&page={page}{query}"));
        let (value, total) = match client.json(&url, true) {
            Err(ImportError::Status { status: 400, .. }) if !counted => break,
            answer => answer?,
        };
        let Value::Array(items) = value else {
            return Err(ImportError::BadJson { url, reason: "expected a list".into() });
        };
        let full = items.len() >= PER_PAGE;
        out.extend(items);
        seen(out.len());
        counted = total.is_some();
        match total {
            Some(total) if page >= total => break,
            None if !full => break,
            _ => page += 1,
        }
    }
    Ok(out)
}

pub fn read(
    client: &mut Client,
    url: &str,
    options: &RestOptions,
    progress: &mut Progress,
) -> Result<Site, ImportError> {
    let given = url.trim().trim_end_matches('/').to_string();
    let (root, own, namespaces) = api_root(client, &given)?;
    // WordPress answers its API below any path of its host, so the address
    // given may not be the site's: links and redirects follow the site's own.
    let home = own.unwrap_or_else(|| given.clone());
    let context = if options.authenticated { "&context=edit" } else { "" };
    let mut site = Site { home: home.clone(), raw: options.authenticated, ..Site::default() };
    site.language = match feed_language(client, &home) {
        Ok(language) => language,
        Err(reason) => {
            // Without it, articles in German would be marked as English.
            site.notes.push(format!(
                "the site's language could not be read from its feed ({reason}): the articles name none, and read as the site's default"
            ));
            None
        }
    };
    // A byline plugin (Co-Authors Plus, PublishPress Authors) keeps its
    // authors where the posts' listing does not show them.
    if let Some(plugin) = namespaces.iter().find_map(|n| match n.split('/').next() {
        Some("coauthors") => Some("Co-Authors Plus"),
        Some("publishpress-authors") => Some("PublishPress Authors"),
        _ => None,
    }) {
        site.notes.push(format!(
            "the site credits several people per post ({plugin}): the REST API gives each post's first author \
             only; import from the export (--wxr) to credit each of them"
        ));
    }
    if !home.eq_ignore_ascii_case(&given) {
        site.notes.push(format!(
            "the site's address is {home}, as WordPress gives it, not {given}: its links and old addresses are read as {home}'s"
        ));
    }

    for (route, map) in [("categories", &mut site.categories), ("tags", &mut site.tags)] {
        let mut parents = Vec::new();
        for t in all(client, &root, route, "", |_| {})? {
            let id = n(&t, "id");
            parents.push((id, n(&t, "parent")));
            let term = Term {
                id,
                slug: s(&t, &["slug"]),
                name: super::html::html_to_text(&s(&t, &["name"])),
                ..Term::default()
            };
            map.insert(id, term);
        }
        for (id, parent) in parents {
            let slug = map.get(&parent).map(|p| p.slug.clone()).unwrap_or_default();
            if let Some(term) = map.get_mut(&id) {
                term.parent = slug;
            }
        }
    }

    // Only the fields read here (`_fields`): WordPress then skips building
    // the rest (avatars, links), several times faster on long listings.
    let media_query = format!("{context}&_fields=id,source_url,media_details,alt_text,caption,title,link,slug");
    for m in all(client, &root, "media", &media_query, |c| progress.set("media", c))? {
        let id = n(&m, "id");
        let url = s(&m, &["source_url"]);
        let details = m.get("media_details").cloned().unwrap_or(Value::Null);
        let original = s(&details, &["original_image"]);
        let original_url =
            (!original.is_empty()).then(|| url.rsplit_once('/').map(|(dir, _)| format!("{dir}/{original}"))).flatten();
        let caption = if options.authenticated { s(&m, &["caption", "raw"]) } else { s(&m, &["caption", "rendered"]) };
        site.media.insert(
            id,
            Media {
                id,
                width: details.get("width").and_then(Value::as_u64).and_then(|w| u32::try_from(w).ok()),
                height: details.get("height").and_then(Value::as_u64).and_then(|h| u32::try_from(h).ok()),
                url,
                original_url,
                alt: s(&m, &["alt_text"]),
                caption,
                // As stored, as the export has it (the rendered title has
                // WordPress's typographic quotes and dashes).
                title: if options.authenticated { s(&m, &["title", "raw"]) } else { s(&m, &["title", "rendered"]) },
                link: s(&m, &["link"]),
                slug: s(&m, &["slug"]),
            },
        );
    }

    let mut kinds = vec![("posts".to_string(), PostKind::Post)];
    if options.pages {
        kinds.push(("pages".to_string(), PostKind::Page));
    }
    // The site's other kinds of posts a theme or plugin made (`review`),
    // as the API lists those it shows: imported when asked for, else named.
    let mut other_kinds: Vec<(String, String)> = Vec::new();
    match client.json(&endpoint(&root, "types", ""), true) {
        Ok((Value::Object(types), _)) => {
            for (kind, about) in &types {
                let base = s(about, &["rest_base"]);
                if matches!(kind.as_str(), "post" | "page" | "attachment" | "nav_menu_item")
                    || kind.starts_with("wp_")
                    || base.is_empty()
                {
                    continue;
                }
                if options.post_types.contains(kind) {
                    kinds.push((base, PostKind::Custom));
                } else {
                    other_kinds.push((kind.clone(), base));
                }
            }
            let missing: Vec<&String> = options.post_types.iter().filter(|k| !types.contains_key(k.as_str())).collect();
            if let Some(kind) = missing.first() {
                return Err(ImportError::Usage(format!(
                    "--post-types {kind}: the site's REST API shows no kind of posts called that{}",
                    if other_kinds.is_empty() {
                        String::new()
                    } else {
                        let names: Vec<&str> = other_kinds.iter().map(|(k, _)| k.as_str()).collect();
                        format!(" (it shows {})", names.join(", "))
                    }
                )));
            }
        }
        Ok(_) | Err(_) if options.post_types.is_empty() => {}
        Ok(_) => {
            return Err(ImportError::BadJson {
                url: endpoint(&root, "types", ""),
                reason: "expected the kinds of posts".into(),
            })
        }
        Err(e) => return Err(e),
    }
    // Each kind left out, by its posts' ids (what tells one an earlier run
    // imported with --post-types from one deleted) and how many.
    let mut named = Vec::new();
    for (kind, base) in &other_kinds {
        match all(client, &root, base, "&_fields=id,status", |_| {}) {
            Ok(items) => {
                let published: Vec<u64> =
                    items.iter().filter(|p| s(p, &["status"]) == "publish").map(|p| n(p, "id")).collect();
                if !published.is_empty() {
                    named.push(format!("{} of the kind `{kind}`", published.len()));
                    site.kinds_left.extend(published.into_iter().map(|id| (id, kind.clone())));
                }
            }
            Err(e) => named.push(format!("the kind `{kind}` (its posts could not be listed: {e})")),
        }
    }
    if !named.is_empty() {
        let kinds: Vec<&str> = other_kinds.iter().map(|(k, _)| k.as_str()).collect();
        site.notes.push(format!(
            "the site has other kinds of posts ({}), left out with their comments and addresses: \
             --post-types {} imports them as articles",
            named.join(", "),
            kinds.join(",")
        ));
    }
    // Posts whose author the API would not show: security plugins hide its
    // users from anonymous readers, and their bylines would go unsaid.
    let mut hidden_authors = 0;
    for (route, kind) in kinds {
        let query = format!("&_embed=author{context}");
        let counted = match kind {
            PostKind::Post => "posts",
            PostKind::Page => "pages",
            PostKind::Custom => "other posts",
        };
        // Signed in, the posts WordPress does not show (drafts, private,
        // scheduled) are listed too, so the report names each one left
        // out, as from an export; a user who may not see them gets the
        // published ones, with a line saying so.
        let listed = match options.authenticated {
            true => match all(client, &root, &route, &format!("{query}&status=any"), |c| progress.set(counted, c)) {
                Err(ImportError::Status { status: 400 | 401 | 403, .. }) => {
                    site.notes.push(format!(
                        "{route}: this user may not list unpublished posts, so drafts, private and scheduled ones \
                         are not named here"
                    ));
                    None
                }
                answer => Some(answer?),
            },
            false => None,
        };
        let listed = match listed {
            Some(listed) => listed,
            None => all(client, &root, &route, &query, |c| progress.set(counted, c))?,
        };
        for p in listed {
            let status = s(&p, &["status"]);
            if status != "publish" {
                let slug =
                    Some(s(&p, &["slug"])).filter(|s| !s.is_empty()).unwrap_or_else(|| format!("post-{}", n(&p, "id")));
                site.unpublished.push(Unpublished {
                    id: n(&p, "id"),
                    slug,
                    reason: unpublished_reason(&status),
                    modified_gmt: s(&p, &["modified_gmt"]),
                });
                continue;
            }
            let field = |name: &str| {
                let raw = s(&p, &[name, "raw"]);
                if options.authenticated && !raw.is_empty() {
                    raw
                } else {
                    s(&p, &[name, "rendered"])
                }
            };
            let embedded_author =
                p.get("_embedded").and_then(|e| e.get("author")).and_then(Value::as_array).and_then(|a| a.first());
            let author = embedded_author.map(|a| s(a, &["name"])).filter(|n| !n.is_empty());
            if author.is_none() && n(&p, "author") > 0 {
                hidden_authors += 1;
            }
            let author_slug = embedded_author.map(|a| s(a, &["slug"])).filter(|n| !n.is_empty());
            let content = field("content");
            site.posts.push(Post {
                id: n(&p, "id"),
                kind: Some(kind),
                slug: s(&p, &["slug"]),
                link: s(&p, &["link"]),
                title: field("title"),
                // An empty stored excerpt is "none written"; the rendered one
                // would be WordPress's own cut of the text.
                excerpt: if options.authenticated {
                    s(&p, &["excerpt", "raw"])
                } else {
                    s(&p, &["excerpt", "rendered"])
                },
                protected: p.get("content").and_then(|c| c.get("protected")).and_then(Value::as_bool).unwrap_or(false),
                content,
                date_gmt: s(&p, &["date_gmt"]),
                modified_gmt: s(&p, &["modified_gmt"]),
                date_local: s(&p, &["date"]),
                modified_local: s(&p, &["modified"]),
                author,
                author_slug,
                coauthors: Vec::new(),
                author_id: Some(n(&p, "author")).filter(|a| *a > 0),
                featured_media: Some(n(&p, "featured_media")).filter(|m| *m > 0),
                sticky: p.get("sticky").and_then(Value::as_bool).unwrap_or(false),
                categories: ids(&p, "categories"),
                tags: ids(&p, "tags"),
                comments_open: s(&p, &["comment_status"]) != "closed",
                old_slugs: Vec::new(),
                old_dates: Vec::new(),
                // With the stored markup, the rendered one still carries
                // the players WordPress made of embed URLs, titles included.
                oembed_html: if options.authenticated { vec![s(&p, &["content", "rendered"])] } else { Vec::new() },
                footnotes: Some(s(&p, &["meta", "footnotes"])).filter(|f| !f.is_empty()),
                notes: Vec::new(),
            });
        }
    }

    if !options.pages {
        // Only their ids and titles: what tells a page an earlier run
        // imported with --pages from one deleted in WordPress, and names
        // what was left out.
        let query = format!("{context}&_fields=id,title,status");
        match all(client, &root, "pages", &query, |_| {}) {
            Ok(pages) => {
                let published: Vec<&Value> = pages.iter().filter(|p| s(p, &["status"]) == "publish").collect();
                site.pages_left.extend(published.iter().map(|p| n(p, "id")));
                if !published.is_empty() {
                    let named: Vec<String> = published
                        .iter()
                        .take(3)
                        .map(|p| format!("“{}”", super::html::html_to_text(&s(p, &["title", "rendered"]))))
                        .collect();
                    let more = if published.len() > 3 { ", …" } else { "" };
                    site.notes.push(format!(
                        "{} page(s) left out ({}{more}): --pages imports them, as articles that stand alone",
                        published.len(),
                        named.join(", ")
                    ));
                }
            }
            Err(e) => site.notes.push(format!(
                "the site's pages could not be listed ({e}): pages an earlier run imported with --pages are removed \
                 unless this run has --pages too"
            )),
        }
    }

    if hidden_authors > 0 {
        site.notes.push(format!(
            "{hidden_authors} post(s) name an author the REST API does not show (its users are hidden, as security plugins do for anonymous readers): their bylines are left out; import with --user, or from the WXR export, to keep them"
        ));
    }

    if options.authenticated {
        // The stored markup names reusable blocks by number (the rendered
        // one has them in place): their own stored markup, nested ones too.
        // One that cannot be read is named in the report when it is expanded.
        let mut wanted: Vec<u64> = site.posts.iter().flat_map(|p| super::reusable::references(&p.content)).collect();
        while let Some(id) = wanted.pop() {
            if site.reusable.contains_key(&id) {
                continue;
            }
            let url = endpoint(&root, &format!("blocks/{id}"), "context=edit");
            let block = client.get(&url, false).ok().and_then(|f| serde_json::from_slice::<Value>(&f.body).ok());
            if let Some(raw) = block.map(|b| s(&b, &["content", "raw"])) {
                wanted.extend(super::reusable::references(&raw));
                site.reusable.insert(id, raw);
            }
        }
    }

    let mut statuses = vec!["approve"];
    if options.include_pending && options.authenticated {
        statuses.push("hold");
    }
    for status in statuses {
        let fields = "&_fields=id,post,parent,type,author_name,author_email,author_url,date_gmt,content,meta";
        let query = format!("&status={status}&orderby=id&order=asc{context}{fields}");
        let query = if status == "approve" && !options.authenticated {
            format!("&orderby=id&order=asc{fields}")
        } else {
            query
        };
        for c in all(client, &root, "comments", &query, |c| progress.set("comments", c))? {
            if s(&c, &["type"]) != "comment" {
                continue;
            }
            let meta = c.get("meta").filter(|m| m.is_object());
            if meta.is_some_and(|m| m.get("wpdiscuz_feedback_form_id").is_some()) {
                site.comment_meta = true;
            }
            let feedback = meta.map(|m| s(m, &["wpdiscuz_feedback_form_id"])).filter(|f| !f.is_empty());
            let likes = meta.and_then(|m| m.get("wpdiscuz_votes")).and_then(Value::as_i64).unwrap_or(0);
            let content =
                if options.authenticated { s(&c, &["content", "raw"]) } else { s(&c, &["content", "rendered"]) };
            site.comments.push(SourceComment {
                id: n(&c, "id"),
                post: n(&c, "post"),
                parent: n(&c, "parent"),
                author: s(&c, &["author_name"]),
                email: s(&c, &["author_email"]),
                url: s(&c, &["author_url"]),
                date_gmt: s(&c, &["date_gmt"]),
                content,
                status: if status == "hold" { CommentStatus::Pending } else { CommentStatus::Approved },
                feedback,
                likes,
            });
        }
    }
    Ok(site)
}
