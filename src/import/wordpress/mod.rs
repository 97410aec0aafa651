//! `publish import-wordpress`: a WordPress site (REST API or WXR export)
//! into linernotes content, its comments into Isso, its old addresses into
//! redirect files.
//!
//! The HTML → blocks mapping ([`html`]) is plain Rust tested on fixtures;
//! the rest reads the site ([`rest`], [`wxr`]), fetches images
//! ([`images`]), writes Isso's database ([`isso`]) and the files.

pub mod error;
pub mod footnotes;
pub mod html;
pub mod http;
pub mod images;
pub mod isso;
pub mod links;
pub mod progress;
pub mod rest;
pub mod reusable;
pub mod shortcode;
pub mod source;
pub mod wxr;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use error::ImportError;
use html::{Draft, Flavour, Numbering};
use progress::Progress;
use source::{rfc3339_local, rfc3339_utc, CommentStatus, Post, PostKind, Site};

use crate::model::{
    parse_service_url, validate_article, Article, Author, Block, Category, CommentSettings, Feedback, ServiceUrl,
    Timestamp,
};

/// What the command line asked for.
#[derive(Debug, Clone)]
pub struct Options {
    pub rest: Option<String>,
    /// One export, or the several files a large site's export is split
    /// into (WordPress.com, or exports filtered by date or category), read
    /// as one site.
    pub wxr: Vec<PathBuf>,
    pub user: Option<String>,
    pub pages: bool,
    /// Other kinds of posts a theme or plugin made (`review`, `podcast`),
    /// imported as posts.
    pub post_types: Vec<String>,
    pub out: PathBuf,
    pub report: PathBuf,
    pub cache: PathBuf,
    pub isso_db: Option<PathBuf>,
    pub include_pending: bool,
    pub strict: bool,
    pub refresh: bool,
    pub offline: bool,
    pub remote_images: bool,
    pub uploads: Option<PathBuf>,
    pub base: String,
}

pub const USAGE: &str =
    "usage: publish import-wordpress (--rest URL | --wxr FILE [--wxr FILE …]) [--user NAME] [--pages]
       [--post-types TYPE,…] [--out DIR] [--isso-db FILE] [--include-pending] [--report FILE] [--cache DIR]
       [--refresh] [--offline] [--no-remote-images] [--uploads DIR] [--base PATH] [--strict]";

impl Options {
    pub fn parse(args: &[String]) -> Result<Options, ImportError> {
        let mut o = Options {
            rest: None,
            wxr: Vec::new(),
            user: None,
            pages: false,
            post_types: Vec::new(),
            out: PathBuf::from("public"),
            report: PathBuf::from("import-report.json"),
            cache: PathBuf::from(".wordpress-cache"),
            isso_db: None,
            include_pending: false,
            strict: false,
            refresh: false,
            offline: false,
            remote_images: true,
            uploads: None,
            base: "/".into(),
        };
        let mut it = args.iter();
        while let Some(arg) = it.next() {
            let mut value = |name: &str| {
                it.next().cloned().ok_or_else(|| ImportError::Usage(format!("{name} needs a value\n{USAGE}")))
            };
            match arg.as_str() {
                "--rest" => o.rest = Some(value("--rest")?),
                "--wxr" => o.wxr.push(PathBuf::from(value("--wxr")?)),
                "--user" => o.user = Some(value("--user")?),
                "--out" => o.out = PathBuf::from(value("--out")?),
                "--report" => o.report = PathBuf::from(value("--report")?),
                "--cache" => o.cache = PathBuf::from(value("--cache")?),
                "--isso-db" => o.isso_db = Some(PathBuf::from(value("--isso-db")?)),
                "--base" => o.base = value("--base")?,
                "--pages" => o.pages = true,
                "--post-types" => {
                    for kind in value("--post-types")?.split(',').map(str::trim).filter(|k| !k.is_empty()) {
                        if matches!(kind, "post" | "page" | "attachment") || kind.starts_with("wp_") {
                            return Err(ImportError::Usage(format!(
                                "--post-types names the site's other kinds of posts (such as review), not `{kind}`{}",
                                if kind == "page" { ": --pages imports pages" } else { "" }
                            )));
                        }
                        o.post_types.push(kind.to_string());
                    }
                }
                "--include-pending" => o.include_pending = true,
                "--strict" => o.strict = true,
                "--refresh" => o.refresh = true,
                "--offline" => o.offline = true,
                "--no-remote-images" => o.remote_images = false,
                "--uploads" => o.uploads = Some(PathBuf::from(value("--uploads")?)),
                other => return Err(ImportError::Usage(format!("unknown option `{other}`\n{USAGE}"))),
            }
        }
        if o.rest.is_some() != o.wxr.is_empty() {
            return Err(ImportError::Usage(format!(
                "give one source: --rest URL, or --wxr FILE (once for each file of a split export)\n{USAGE}"
            )));
        }
        if let Some(url) = &o.rest {
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                return Err(ImportError::Usage(format!("--rest needs the site's http(s) address, not `{url}`")));
            }
        }
        if let Some(dir) = &o.uploads {
            if !dir.is_dir() {
                return Err(ImportError::Usage(format!(
                    "--uploads {}: not a folder (give the copy of the site's wp-content/uploads)",
                    dir.display()
                )));
            }
        }
        if !o.base.starts_with('/') {
            return Err(ImportError::Usage("--base is the site's path, such as / or /magazine/".into()));
        }
        Ok(o)
    }
}

/// One thing that did not come across as it was.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Downgrade {
    pub post: String,
    pub wp_id: u64,
    pub reason: String,
}

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub source: String,
    pub articles: usize,
    pub articles_removed: Vec<String>,
    /// Of the articles written, those whose file was already so.
    pub articles_unchanged: usize,
    /// Articles taken down because their post is no longer published (a
    /// draft again, private, trashed): `slug (why)`.
    pub articles_unpublished: Vec<String>,
    /// Articles whose slug changed since the last run, `old → new`; the
    /// old address redirects.
    pub articles_moved: Vec<String>,
    pub images: usize,
    pub images_downloaded: usize,
    /// The site's own images left out because the site did not answer.
    pub images_unreachable: Vec<String>,
    pub comments_imported: usize,
    pub comments_updated: usize,
    pub comments_pending: usize,
    /// Anonymous REST lists no comment awaiting moderation, so a count of
    /// them would read as "none": the summary says they were not visible.
    pub comments_pending_hidden: bool,
    pub comments_skipped: usize,
    /// Comments an earlier run put in Isso that the site no longer lists
    /// as approved (trashed, spam, deleted, unapproved), taken down now:
    /// `{post}: comment {id} by {author}`.
    pub comments_taken_down: Vec<String>,
    /// What the run could not know and the publisher should (not a
    /// downgrade of any post: `--strict` does not count these).
    pub notes: Vec<String>,
    pub redirects: usize,
    pub requests: u64,
    pub cache_hits: u64,
    pub featured: Vec<String>,
    pub downgrades: Vec<Downgrade>,
}

/// `content/.wordpress-import.json`: the articles the import owns, and
/// the addresses its articles had before (kept, so their redirects stay
/// on every later run).
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
enum Manifest {
    Owned {
        /// Slug → the WordPress post it came from.
        articles: BTreeMap<String, u64>,
        /// A former slug → the post that had it.
        #[serde(default)]
        former: BTreeMap<String, u64>,
        /// Each permalink path a post has had on the old site (they change
        /// with its category or date when the permalinks name them).
        #[serde(default)]
        permalinks: BTreeMap<String, u64>,
    },
    /// Slugs alone, from before the posts were kept.
    Slugs(Vec<String>),
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest::Slugs(Vec::new())
    }
}

impl Manifest {
    fn slugs(&self) -> Vec<String> {
        match self {
            Manifest::Owned { articles, .. } => articles.keys().cloned().collect(),
            Manifest::Slugs(slugs) => slugs.clone(),
        }
    }

    /// The old site's permalink paths post `id` had in earlier runs.
    fn permalinks_of(&self, id: u64) -> Vec<&str> {
        match self {
            Manifest::Owned { permalinks, .. } => {
                permalinks.iter().filter(|(_, i)| **i == id).map(|(p, _)| p.as_str()).collect()
            }
            Manifest::Slugs(_) => Vec::new(),
        }
    }

    /// Every slug post `id` had in earlier runs.
    fn slugs_of(&self, id: u64) -> Vec<&str> {
        match self {
            Manifest::Owned { articles, former, .. } => {
                articles.iter().chain(former).filter(|(_, i)| **i == id).map(|(s, _)| s.as_str()).collect()
            }
            Manifest::Slugs(_) => Vec::new(),
        }
    }
}

/// Runs the import; returns the report (the caller decides the exit code).
pub fn run(options: &Options) -> Result<Report, ImportError> {
    let mut progress = Progress::new();
    let auth = match &options.user {
        Some(user) => {
            let password = std::env::var("LINERNOTES_WP_APP_PASSWORD").map_err(|_| {
                ImportError::Usage("--user needs the application password in LINERNOTES_WP_APP_PASSWORD".into())
            })?;
            Some((user.clone(), password))
        }
        None => None,
    };
    // A database that is not Isso's is refused before anything is written.
    if let Some(db) = &options.isso_db {
        isso::check(db)?;
    }
    let mut client = http::Client::new(&options.cache, auth.clone())?;
    client.refresh = options.refresh;
    client.offline = options.offline;
    let site = match (&options.rest, &options.wxr) {
        (Some(url), _) => {
            let opts = rest::RestOptions {
                pages: options.pages,
                post_types: options.post_types.clone(),
                authenticated: auth.is_some(),
                include_pending: options.include_pending,
            };
            rest::read(&mut client, url, &opts, &mut progress)?
        }
        (None, paths) => {
            let opts = wxr::WxrOptions {
                pages: options.pages,
                post_types: options.post_types.clone(),
                include_pending: options.include_pending,
            };
            let mut site: Option<source::Site> = None;
            for path in paths {
                let part = wxr::read_file(path, &opts, &mut progress)?;
                site = Some(match site {
                    None => part,
                    Some(mut whole) => {
                        whole.merge(part).map_err(|reason| ImportError::Wxr { path: path.clone(), reason })?;
                        whole
                    }
                });
            }
            site.ok_or_else(|| ImportError::Usage(USAGE.into()))?
        }
    };
    progress.step(&format!(
        "read {} posts, {} media, {} comments",
        site.posts.len(),
        site.media.len(),
        site.comments.len()
    ));
    let mut report = Report {
        source: options
            .rest
            .clone()
            .unwrap_or_else(|| options.wxr.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")),
        ..Report::default()
    };
    for post in &site.unpublished {
        report.downgrades.push(Downgrade { post: post.slug.clone(), wp_id: post.id, reason: post.reason.clone() });
    }
    let content = options.out.join("content");
    let articles_dir = content.join("articles");
    let manifest_path = content.join(".wordpress-import.json");
    // What an earlier run wrote: each article's slug and its post's id (a
    // list of slugs alone from before ids were kept).
    let manifest: Manifest =
        std::fs::read_to_string(&manifest_path).ok().and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
    // An article an earlier run wrote that now has a Markdown file of its
    // own was taken over by the publisher (`publish export-md`, then
    // edited): the Markdown is the article now, and the import leaves it
    // as it is, but it is still its post's article, so the post's old
    // addresses and comments still lead to it.
    let taken_over: BTreeMap<u64, String> = match &manifest {
        Manifest::Owned { articles, .. } => articles
            .iter()
            .filter(|(slug, _)| articles_dir.join(format!("{slug}.md")).exists())
            .map(|(slug, id)| (*id, slug.clone()))
            .collect(),
        Manifest::Slugs(_) => BTreeMap::new(),
    };
    // What the post says is not what the site shows for one taken over:
    // nothing to report on how it maps.
    // (Unless it lists one an earlier run imported as taken back since:
    // trashed, a draft again.)
    let taken_back = site.unpublished.iter().any(|p| !manifest.slugs_of(p.id).is_empty());
    if site.posts.is_empty() && !manifest.slugs().is_empty() && !taken_back {
        return Err(ImportError::NoPosts { earlier: manifest.slugs().len() });
    }
    if let Manifest::Owned { articles, .. } = &manifest {
        // (One the publisher took over in Markdown stays whatever the run.)
        let pages: Vec<String> = articles
            .iter()
            .filter(|(slug, id)| site.pages_left.contains(id) && !taken_over.contains_key(id) && !slug.is_empty())
            .map(|(slug, _)| slug.clone())
            .collect();
        let kinds: BTreeMap<&String, &String> = articles
            .iter()
            .filter(|(slug, id)| !taken_over.contains_key(id) && !slug.is_empty())
            .filter_map(|(slug, id)| Some((slug, site.kinds_left.get(id)?)))
            .collect();
        if !pages.is_empty() || !kinds.is_empty() {
            return Err(ImportError::LeftOut {
                pages,
                posts: kinds.keys().map(|s| s.to_string()).collect(),
                kinds: kinds.values().map(|k| k.to_string()).collect::<BTreeSet<_>>().into_iter().collect(),
            });
        }
    }
    let mut downgrade = |post: &Post, slug: &str, reason: String| {
        if !taken_over.contains_key(&post.id) {
            report.downgrades.push(Downgrade { post: slug.to_string(), wp_id: post.id, reason });
        }
    };

    let mut posts: Vec<&Post> = Vec::new();
    for post in &site.posts {
        if post.protected {
            downgrade(post, &post.slug, "password-protected post left out".into());
        } else {
            posts.push(post);
        }
    }
    let previous = manifest.slugs();
    // The publisher's own articles: those an earlier import did not write,
    // and any written in Markdown (the import only writes JSON; the JSON
    // next to a Markdown file is compiled from it).
    let present = article_slugs(&articles_dir)?;
    let own: BTreeSet<String> = present
        .iter()
        .filter(|s| !previous.contains(s) || articles_dir.join(format!("{s}.md")).exists())
        .cloned()
        .collect();
    let slugs = links::assign_slugs_keeping(&posts, &own, &taken_over);
    for (id, reason) in &slugs.changed {
        if let Some(post) = posts.iter().find(|p| p.id == *id) {
            downgrade(post, slugs.by_id.get(id).map(String::as_str).unwrap_or_default(), reason.clone());
        }
    }
    let mut link_map = links::LinkMap::new(&site, &posts, &slugs);
    let mut site_notes = site.notes.clone();
    if let Some(language) = site.language.as_deref().filter(|tag| !is_english(tag)) {
        report.notes.push(format!(
            "the site is in {language}, as WordPress says: each article is marked so (\"language\"); set \
             \"language\": \"{language}\" in site.json too, for its feed and readers' comments"
        ));
    }
    if options.rest.is_some() {
        // WordPress keeps a renamed post's old slugs (`_wp_old_slug`) but
        // its REST API shows none of them, with or without --user: only
        // the old addresses the posts link are found below. Once a run,
        // as it is true of every post.
        report.notes.push(REST_OLD_SLUGS.to_string());
        // The REST API does not tell old slugs; WordPress's own redirect
        // for each link that leads nowhere does.
        for url in link_map.unmatched(&posts) {
            match client.redirect_of(&url) {
                Ok(Some(location)) => {
                    link_map.learn(&url, &location);
                }
                Ok(None) => {}
                Err(e) => site_notes.push(format!("could not ask where the link {url} leads now: {e}")),
            }
        }
    }

    // Everything is written aside first, then swapped in.
    let staging = options.out.join(".wordpress-import");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(ImportError::io(&staging))?;
    }
    let staged_articles = staging.join("articles");
    std::fs::create_dir_all(&staged_articles).map_err(ImportError::io(&staged_articles))?;
    let image_dir = options.out.join("images/wp");
    let mut images = images::Images::new(&image_dir, "images/wp/", &site)?;
    images.remote = options.remote_images;
    images.uploads = options.uploads.clone();

    let mut articles: BTreeMap<u64, Article> = BTreeMap::new();
    let mut feedback_blocks: BTreeMap<(u64, String), String> = BTreeMap::new();
    let flavour = if site.raw { Flavour::Stored } else { Flavour::Rendered };
    for (n, post) in posts.iter().enumerate() {
        progress.set("articles", n + 1);
        let Some(slug) = slugs.by_id.get(&post.id).cloned() else { continue };
        for note in &post.notes {
            downgrade(post, &slug, note.clone());
        }
        // The stored markup holds references WordPress fills in when it
        // shows the post (reusable blocks, the footnotes' words); the
        // rendered one has them already.
        let content = if site.raw {
            let (content, reusable_notes) = reusable::expand(&post.content, &site.reusable);
            let (content, footnote_note) = footnotes::expand(&content, post.footnotes.as_deref());
            for note in reusable_notes.into_iter().chain(footnote_note) {
                downgrade(post, &slug, note);
            }
            for name in reusable::drawn_blocks(&content) {
                downgrade(
                    post,
                    &slug,
                    format!(
                        "block `{name}` left out: WordPress, the theme or a plugin draws it when the page is shown, \
                         and the post holds none of its content"
                    ),
                );
            }
            content
        } else {
            post.content.clone()
        };
        let mapped = html::map_post(&content, flavour, &OwnLinks { map: &link_map, slug: &slug, site: &site });
        for note in &mapped.notes {
            downgrade(post, &slug, note.clone());
        }
        let mut body = Vec::new();
        let mut index_of = Vec::new();
        // How many players of each service the post has had so far.
        let mut players: BTreeMap<&'static str, usize> = BTreeMap::new();
        for draft in mapped.blocks {
            let block = match draft {
                Draft::Image(r) => {
                    let resolved = images.resolve(&mut client, &site, &r);
                    for note in images.take_notes() {
                        downgrade(post, &slug, note);
                    }
                    match resolved {
                        Ok(image) => {
                            // An attachment page below the post leads back to it.
                            let link = r.link.clone().filter(|l| l.trim_end_matches('/') != format!("/article/{slug}"));
                            Some(Block::Image { id: String::new(), image, link })
                        }
                        Err(reason) => {
                            downgrade(post, &slug, format!("image left out: {reason}"));
                            None
                        }
                    }
                }
                Draft::Paragraph(content) => Some(Block::Paragraph { id: String::new(), content }),
                Draft::Heading(level, text) => Some(Block::Heading { id: String::new(), level, text }),
                Draft::Quote(content, cite) => Some(Block::Quote { id: String::new(), content, cite }),
                Draft::Lyrics(lines, cite) => Some(Block::Lyrics { id: String::new(), lines, cite }),
                Draft::List(Numbering { ordered, start, reversed }, items) => {
                    Some(Block::List { id: String::new(), ordered, start, reversed, items })
                }
                Draft::Embed { service, label } => {
                    let (name, host) = player_of(&service);
                    let nth = players.entry(name).or_insert(0);
                    let label = label.or_else(|| oembed_title(post, &service, host, *nth));
                    *nth += 1;
                    match player_block(service, label, post.author.as_deref().map(html::html_to_text).as_deref()) {
                        Ok((block, note)) => {
                            if let Some(note) = note {
                                downgrade(post, &slug, note);
                            }
                            Some(block)
                        }
                        Err(reason) => {
                            downgrade(post, &slug, reason);
                            None
                        }
                    }
                }
            };
            index_of.push(block.as_ref().map(|_| body.len()));
            if let Some(b) = block {
                body.push(b);
            }
        }
        assign_ids(&mut body);
        // A heading's own anchor stays its id, so old links to
        // `…/#part-2` (a redirect keeps the fragment) still lead there.
        // An anchor that cannot be an id here (`#2024`, the page's own
        // `#comments`) leaves the heading its made id: the post's own links
        // to it follow it there.
        let mut renamed: BTreeMap<String, String> = BTreeMap::new();
        // A block named twice (an `<a name>` in a heading with an id of its
        // own) keeps its first name; links to the second follow it there.
        let mut named: BTreeSet<usize> = BTreeSet::new();
        for (at, anchor) in &mapped.anchors {
            let Some(Some(i)) = index_of.get(*at) else { continue };
            let taken = body.iter().any(|b| b.id() == anchor);
            let Some(block) = body.get_mut(*i) else { continue };
            if crate::model::is_valid_block_id(anchor) && !taken && named.insert(*i) {
                block.set_id(anchor.clone());
            } else if !taken {
                renamed.entry(anchor.clone()).or_insert_with(|| block.id().to_string());
            }
        }
        for note in settle_own_fragments(&mut body, &slug, &renamed) {
            downgrade(post, &slug, note);
        }
        let mut feedback = Vec::new();
        for mark in &mapped.feedback {
            let Some(Some(i)) = index_of.get(mark.block) else { continue };
            let Some(block) = body.get(*i) else { continue };
            let id = block.id().to_string();
            feedback_blocks.insert((post.id, mark.form.id.clone()), id.clone());
            if feedback.iter().any(|f: &Feedback| f.block == id) {
                downgrade(post, &slug, format!("second feedback question on block {id} left out"));
                continue;
            }
            let prompt = Some(mark.form.question.trim().to_string()).filter(|q| !q.is_empty());
            feedback.push(Feedback { block: id, prompt });
        }
        match build_article(&site, post, &slug, body, feedback, &mut client, &mut images) {
            Ok((article, notes)) => {
                for note in notes {
                    downgrade(post, &slug, note);
                }
                articles.insert(post.id, article);
            }
            Err(reason) => downgrade(post, &slug, format!("post left out: {reason}")),
        }
    }
    progress.step(&format!("mapped {} articles", articles.len()));

    // Each article is checked by the reader's own strict validator. A post
    // refused here is left out of everything built after: the index, its
    // redirects, the sections, its comments.
    let mut refused = Vec::new();
    for (id, article) in &articles {
        if taken_over.contains_key(id) {
            continue;
        }
        let json = serde_json::to_string_pretty(article).map_err(|e| ImportError::Content(e.to_string()))? + "\n";
        let problems = validate_article(&json);
        if !problems.is_empty() {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            report.downgrades.push(Downgrade {
                post: article.slug.clone(),
                wp_id: *id,
                reason: format!("post left out: {}", list.join("; ")),
            });
            refused.push(*id);
        }
    }
    for id in refused {
        articles.remove(&id);
    }
    // The other posts' links were mapped before these were known to be
    // left out: an article that is not written must not be linked.
    let left_out: Vec<(&str, &str)> = posts
        .iter()
        .filter(|p| !articles.contains_key(&p.id) && !taken_over.contains_key(&p.id))
        .filter_map(|p| Some((slugs.by_id.get(&p.id)?.as_str(), p.link.trim())))
        .collect();
    for (slug, _) in &left_out {
        link_map.forget(slug);
    }
    for (id, article) in articles.iter_mut().filter(|(id, _)| !taken_over.contains_key(id)) {
        for note in keep_old_addresses(&mut article.body, &left_out) {
            report.downgrades.push(Downgrade { post: article.slug.clone(), wp_id: *id, reason: note });
        }
        // A link to a picture the import brought over (the full-size file
        // under a photo) leads to its copy: the old site's is gone with it.
        // Which pictures came over is known only now, after every post.
        let mut moved_links = Vec::new();
        for_each_link(&mut article.body, |href| {
            let Some(old) = href.clone() else { return };
            if let Some(copy) = images::copy_of(&images.moved, &old) {
                *href = Some(format!("/{copy}"));
                moved_links.push(old);
            }
        });
        if !moved_links.is_empty() {
            report.downgrades.retain(|d| {
                d.wp_id != *id
                    || !moved_links.iter().any(|old| {
                        d.reason == format!("link to {old} still leads to the old site (nothing imported is there)")
                    })
            });
        }
    }

    // Write each article aside.
    let mut written = Vec::new();
    for (id, article) in &articles {
        if taken_over.contains_key(id) {
            report.downgrades.push(Downgrade {
                post: article.slug.clone(),
                wp_id: *id,
                reason: "left as it is: written in Markdown since an earlier import, so WordPress's changes to the \
                         post are not taken (its old addresses and comments still lead to it)"
                    .into(),
            });
            continue;
        }
        let json = serde_json::to_string_pretty(article).map_err(|e| ImportError::Content(e.to_string()))? + "\n";
        let path = staged_articles.join(format!("{}.json", article.slug));
        std::fs::write(&path, json).map_err(ImportError::io(&path))?;
        written.push(article.slug.clone());
    }
    report.articles = written.len();
    for reason in site_notes {
        report.downgrades.push(Downgrade { post: String::new(), wp_id: 0, reason });
    }
    report.images = images.written.iter().collect::<BTreeSet<_>>().len();
    report.images_downloaded = images.downloaded;
    report.images_unreachable = images.unreachable.iter().cloned().collect();

    let sections: BTreeSet<String> =
        articles.values().filter_map(|a| a.category.as_ref().map(|c| c.slug.clone())).collect();
    let unfiled = articles.values().filter(|a| a.category.is_none() && a.listed()).count();
    if unfiled > 0 {
        report.notes.push(format!(
            "{unfiled} article(s) have no section: their posts were filed only in WordPress's untouched \
             \"Uncategorized\" (or in no category); they show on the front page and in search, and the old \
             category's address leads to the front page"
        ));
    }
    // The header lists the sections site.json names: the publisher decides
    // which, and in what order, but should know which the import made.
    if let Some(listed) = std::fs::read_to_string(options.out.join("site.json"))
        .ok()
        .and_then(|text| crate::model::parse_site(&text).ok())
        .map(|site| site.sections.into_iter().map(|s| s.slug).collect::<BTreeSet<String>>())
    {
        let names: BTreeMap<&str, &str> =
            articles.values().filter_map(|a| a.category.as_ref()).map(|c| (c.slug.as_str(), c.name.as_str())).collect();
        let unlisted: Vec<String> = names
            .iter()
            .filter(|(slug, _)| !listed.contains(**slug))
            .map(|(slug, name)| serde_json::json!({ "slug": slug, "name": name }).to_string())
            .collect();
        if !unlisted.is_empty() {
            report.notes.push(format!(
                "{} section(s) of the imported articles are not in site.json's \"sections\", so not in the \
                 header (their pages work): add those the header should show, such as {}",
                unlisted.len(),
                unlisted.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    // After the swap: the publisher's own articles and what this run wrote
    // (an earlier import's article whose post is gone will be removed).
    let mut live = own.clone();
    live.extend(written.iter().cloned());
    // A post whose slug changed since the last run (renamed in WordPress,
    // or a clash that is gone) keeps its new-site address too: readers
    // and other sites have linked it since.
    let moved: Vec<(String, String, u64)> = articles
        .iter()
        .flat_map(|(id, article)| {
            let olds = manifest.slugs_of(*id);
            olds.into_iter()
                .filter(|old| *old != article.slug && !live.contains(*old))
                .map(|old| (old.to_string(), article.slug.clone(), *id))
                .collect::<Vec<_>>()
        })
        .collect();
    let base = options.base.trim_end_matches('/');
    let mut learned = link_map.learned().to_vec();
    learned.extend(moved.iter().map(|(old, new, _)| (format!("{base}/article/{old}"), new.clone())));
    // A permalink an earlier run redirected keeps its redirect after the
    // post moved to another category or date: readers and search engines
    // still have it.
    let mut permalinks: BTreeMap<String, u64> = BTreeMap::new();
    for (id, article) in &articles {
        let now = posts.iter().find(|p| p.id == *id).and_then(|p| links::permalink_path(&p.link));
        for old in manifest.permalinks_of(*id) {
            if Some(old) != now.as_deref() {
                learned.push((old.to_string(), article.slug.clone()));
                permalinks.insert(old.to_string(), *id);
            }
        }
        if let Some(now) = now {
            permalinks.insert(now, *id);
        }
    }
    // The publisher's own files and folders are copied to the site's root
    // with the build's: no old address may lead away from them.
    let root: BTreeSet<String> = std::fs::read_dir(&options.out)
        .map(|dir| dir.flatten().filter_map(|e| e.file_name().to_str().map(str::to_string)).collect())
        .unwrap_or_default();
    let planned = links::redirects(
        &site,
        &posts.iter().filter(|p| articles.contains_key(&p.id)).copied().collect::<Vec<_>>(),
        &slugs,
        &learned,
        &links::NewSite {
            base: &options.base,
            sections: &sections,
            articles: &live,
            images: &images.moved,
            root: &root,
            public: Some(&options.out),
        },
    );
    for (id, reason) in planned.notes {
        let post = slugs.by_id.get(&id).cloned().unwrap_or_default();
        report.downgrades.push(Downgrade { post, wp_id: id, reason });
    }
    let all_redirects = planned.rules;
    report.redirects = all_redirects.len();
    let netlify = links::netlify_redirects(&all_redirects);
    let nginx = links::nginx_map(&all_redirects);

    // Swap in: articles (removing those an earlier import wrote that are
    // gone now), the index, the redirects.
    std::fs::create_dir_all(&articles_dir).map_err(ImportError::io(&articles_dir))?;
    for slug in &written {
        let from = staged_articles.join(format!("{slug}.json"));
        let to = articles_dir.join(format!("{slug}.json"));
        // Said in the summary: a re-run that changed nothing says so.
        if std::fs::read(&from).ok().is_some_and(|new| std::fs::read(&to).ok().as_ref() == Some(&new)) {
            report.articles_unchanged += 1;
        }
        std::fs::rename(&from, &to).map_err(ImportError::io(&to))?;
    }
    // Only what the import wrote: never the JSON compiled from a Markdown
    // article of the same slug.
    for slug in previous.iter().filter(|s| !written.contains(s) && !own.contains(*s)) {
        let path = articles_dir.join(format!("{slug}.json"));
        if path.exists() {
            std::fs::remove_file(&path).map_err(ImportError::io(&path))?;
            // One WordPress still has, unpublished, is said to be so.
            let unpublished = match &manifest {
                Manifest::Owned { articles, .. } => {
                    articles.get(slug).and_then(|id| site.unpublished.iter().find(|p| p.id == *id))
                }
                Manifest::Slugs(_) => None,
            };
            match (moved.iter().find(|(old, _, _)| old == slug), unpublished) {
                (Some((old, new, _)), _) => report.articles_moved.push(format!("{old} → {new}")),
                (None, Some(post)) => report.articles_unpublished.push(format!("{slug} ({})", post.reason)),
                (None, None) => report.articles_removed.push(slug.clone()),
            }
        }
    }
    // An address that now holds another post's article (the one it held
    // was trashed, and a new post took its slug): readers who kept it
    // find other words there, which the publisher should know.
    if let Manifest::Owned { articles: before, .. } = &manifest {
        let holder: BTreeMap<&str, u64> = articles.iter().map(|(id, a)| (a.slug.as_str(), *id)).collect();
        for (slug, was) in before {
            let now = holder.get(slug.as_str()).copied();
            if let Some(now) = now.filter(|now| now != was && !articles.contains_key(was)) {
                report.downgrades.push(Downgrade {
                    post: slug.clone(),
                    wp_id: now,
                    reason: format!(
                        "/article/{slug} now holds post {now}: post {was}, whose article it was, is no longer on the site"
                    ),
                });
            }
        }
    }
    let manifest_before = manifest;
    let manifest = Manifest::Owned {
        articles: articles
            .iter()
            .filter(|(id, a)| written.contains(&a.slug) || taken_over.contains_key(id))
            .map(|(id, a)| (a.slug.clone(), *id))
            .collect(),
        former: moved.iter().map(|(old, _, id)| (old.clone(), *id)).collect(),
        permalinks: permalinks.into_iter().filter(|(_, id)| articles.contains_key(id)).collect(),
    };
    write_atomic(&manifest_path, &(serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n"))?;
    // Newest first, as WordPress shows its sticky posts, whichever order
    // the source listed them in (an export goes by id, REST by date).
    let mut sticky: Vec<(f64, u64, String)> = posts
        .iter()
        .filter(|p| p.sticky)
        .filter_map(|p| Some((epoch_seconds(&articles.get(&p.id)?.published), p.id, slugs.by_id.get(&p.id)?.clone())))
        .collect();
    sticky.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    let sticky: Vec<String> = sticky.into_iter().map(|(_, _, slug)| slug).collect();
    report.featured = write_index(&content, &sticky)?;
    let redirects_path = options.out.join("_redirects");
    let existing = std::fs::read_to_string(&redirects_path).unwrap_or_default();
    write_atomic(&redirects_path, &replace_section(&existing, &netlify))?;
    let nginx_path = options.report.with_file_name("wordpress-redirects.nginx.conf");
    write_atomic(&nginx_path, &nginx)?;
    let _ = std::fs::remove_dir_all(&staging);

    // Comments into Isso, in one transaction.
    let titles: BTreeMap<u64, (String, String)> = articles
        .values()
        .filter_map(|a| {
            posts
                .iter()
                .find(|p| slugs.by_id.get(&p.id) == Some(&a.slug))
                .map(|p| (p.id, (a.slug.clone(), a.title.clone())))
        })
        .collect();
    // Anonymous REST lists no pending comments, whatever was asked.
    report.comments_pending_hidden = options.rest.is_some() && options.user.is_none();
    let mut isso_comments = Vec::new();
    // Where the new site lives, as site.json says: a magazine moving to
    // another domain gets links to it in its comments, not to the old one.
    let origin = std::fs::read_to_string(options.out.join("site.json"))
        .ok()
        .and_then(|text| crate::model::parse_site(&text).ok())
        .and_then(|site| site.origin);
    let comment_links = CommentLinks::new(&link_map, &images.moved, &site.home, &options.base, origin.as_deref());
    let mut feedback_unseen = false;
    // Comments whose post was left out, by post.
    let mut orphaned: BTreeMap<u64, usize> = BTreeMap::new();
    for c in &site.comments {
        let Some((slug, title)) = titles.get(&c.post) else {
            report.comments_skipped += 1;
            *orphaned.entry(c.post).or_insert(0) += 1;
            continue;
        };
        let date = |text: &str| rfc3339_utc(text).and_then(|d| Timestamp::parse(&d).ok()).map(|t| epoch_seconds(&t));
        // A comment with no date at all is kept, dated as its article:
        // its words and its replies are worth more than the hour.
        let Some(created) = date(&c.date_gmt).or_else(|| {
            let published = articles.get(&c.post).map(|a| epoch_seconds(&a.published))?;
            report.downgrades.push(Downgrade {
                post: slug.clone(),
                wp_id: c.post,
                reason: format!("comment {} has no date (`{}`); dated as its article", c.id, c.date_gmt),
            });
            Some(published)
        }) else {
            report.comments_skipped += 1;
            continue;
        };
        let uri = match c.feedback.as_ref().and_then(|f| feedback_blocks.get(&(c.post, f.clone()))) {
            Some(block) => format!("/article/{slug}#{block}"),
            None => {
                if c.feedback.is_some() {
                    report.downgrades.push(Downgrade {
                        post: slug.clone(),
                        wp_id: c.post,
                        reason: format!(
                            "feedback comment {} names a passage the post no longer has; put in the main thread",
                            c.id
                        ),
                    });
                }
                format!("/article/{slug}")
            }
        };
        if !site.comment_meta && posts.iter().any(|p| p.id == c.post && p.content.contains("wpdiscuz-feedback")) {
            feedback_unseen = true;
        }
        if c.status == CommentStatus::Pending {
            report.comments_pending += 1;
        }
        let text = isso::to_markdown(&c.content, site.raw, &comment_links);
        isso_comments.push(isso::IssoComment {
            wp_id: c.id,
            wp_parent: c.parent,
            uri,
            title: title.clone(),
            created,
            pending: c.status == CommentStatus::Pending,
            text,
            author: Some(html::html_to_text(&c.author)).filter(|a| !a.is_empty()),
            email: Some(c.email.trim().to_string()).filter(|e| !e.is_empty()),
            website: Some(c.url.trim().to_string()).filter(|u| {
                crate::model::SafeHref::parse(u).is_some_and(|h| !h.is_site() && !u.starts_with("mailto:"))
            }),
            likes: c.likes.max(0),
        });
    }
    for (id, n) in orphaned {
        let post = slugs
            .by_id
            .get(&id)
            .cloned()
            .or_else(|| site.unpublished.iter().find(|p| p.id == id).map(|p| p.slug.clone()))
            .or_else(|| site.posts.iter().find(|p| p.id == id).map(|p| p.slug.clone()))
            .unwrap_or_default();
        let comments = if n == 1 { "1 comment".to_string() } else { format!("{n} comments") };
        report.downgrades.push(Downgrade {
            post,
            wp_id: id,
            reason: format!("{comments} left out with the post (it was not imported)"),
        });
    }
    if feedback_unseen {
        report.downgrades.push(Downgrade {
            post: String::new(),
            wp_id: 0,
            reason: "the REST API hides comment meta, so inline-feedback comments went into the main threads (expose `wpdiscuz_feedback_form_id` or import from a WXR export)".into(),
        });
    }
    isso_comments.sort_by(|a, b| a.created.total_cmp(&b.created).then(a.wp_id.cmp(&b.wp_id)));
    match &options.isso_db {
        Some(db) => {
            // The threads of the posts this run imported, under every
            // slug they have had: only there may a comment the site no
            // longer lists be taken down.
            let mut threads: BTreeSet<String> = titles.values().map(|(slug, _)| slug.clone()).collect();
            for id in titles.keys() {
                threads.extend(manifest_before.slugs_of(*id).into_iter().map(str::to_string));
            }
            // Anonymous REST lists no pending comments, whatever was asked.
            let pending_listed = options.include_pending && !report.comments_pending_hidden;
            let scope = isso::Scope { threads, pending_listed };
            let done = isso::write(db, &site.home, &isso_comments, &scope)?;
            report.comments_imported = done.inserted;
            report.comments_updated = done.updated;
            for gone in done.taken_down {
                let post = gone.uri.strip_prefix("/article/").unwrap_or(&gone.uri);
                let post = post.split('#').next().unwrap_or_default();
                let by = gone.author.map(|a| format!(" by {a}")).unwrap_or_default();
                report.comments_taken_down.push(format!("{post}: comment {}{by}", gone.wp_id));
            }
        }
        None if !isso_comments.is_empty() => report.downgrades.push(Downgrade {
            post: String::new(),
            wp_id: 0,
            reason: format!("{} comments not imported: no --isso-db given", isso_comments.len()),
        }),
        None => {}
    }
    report.requests = client.requests;
    report.cache_hits = client.cache_hits;
    report.downgrades.sort();
    report.downgrades.dedup();
    let json = serde_json::to_string_pretty(&report).map_err(|e| ImportError::Content(e.to_string()))? + "\n";
    write_atomic(&options.report, &json)?;
    Ok(report)
}

/// What a REST import cannot redirect, and what to do about it.
const REST_OLD_SLUGS: &str = "the REST API does not give the old slugs of renamed posts, nor the old dates of \
    posts whose date changed (WordPress keeps them as `_wp_old_slug` and `_wp_old_date`): their old addresses get \
    redirects only where a post links them. The export file has them all: import from it (Tools → Export → All \
    content, then --wxr FILE) to redirect every old address of a renamed or re-dated post";

/// The service's name and the host its players are framed from.
fn player_of(service: &ServiceUrl) -> (&'static str, &'static str) {
    let (name, origin) = match service {
        ServiceUrl::Video(v) => (v.provider().name(), v.provider().frame_origin()),
        ServiceUrl::Audio(a) => (a.provider().name(), a.provider().frame_origin()),
        ServiceUrl::BandcampPage(_) | ServiceUrl::BandcampPlayer { .. } => ("Bandcamp", "https://bandcamp.com"),
    };
    (name, origin.trim_start_matches("https://"))
}

/// The title WordPress gave the player it made of an embed (its oEmbed
/// answer, in the rendered post or the export's cache): the player of the
/// same video or music, or else the `nth` player from the service's host
/// (SoundCloud's name its track by number, not by its page).
fn oembed_title(post: &Post, service: &ServiceUrl, host: &str, nth: usize) -> Option<String> {
    let mut frames = Vec::new();
    for h in &post.oembed_html {
        let doc = scraper::Html::parse_fragment(h);
        let Ok(sel) = scraper::Selector::parse("iframe[title]") else { continue };
        for f in doc.select(&sel) {
            let title = html::collapse(f.attr("title").unwrap_or_default());
            if !title.is_empty() {
                frames.push((f.attr("src").unwrap_or_default().to_string(), title));
            }
        }
    }
    let same = frames.iter().find(|(src, _)| parse_service_url(src).as_ref() == Some(service));
    let on_host = || {
        let hosted: Vec<&(String, String)> =
            frames.iter().filter(|(src, _)| html::split_url(src).is_some_and(|(_, h, _)| h == host)).collect();
        hosted.get(nth).copied()
    };
    same.or_else(on_host).map(|(_, title)| title.clone())
}

/// A player's title and artist in the text the post gives: "Title by
/// Artist" (how SoundCloud and Bandcamp title their players), or "Artist –
/// Title" (a caption); Spotify's "Spotify Embed: " is taken off.
fn title_and_artist(label: &str) -> (String, Option<String>) {
    let label = html::collapse(label);
    let label = label.strip_prefix("Spotify Embed:").map(str::trim).unwrap_or(&label).to_string();
    let pair = |a: &str, b: &str| {
        (!a.trim().is_empty() && !b.trim().is_empty()).then(|| (a.trim().to_string(), b.trim().to_string()))
    };
    if let Some((title, artist)) = label.rsplit_once(" by ").and_then(|(t, a)| pair(t, a)) {
        return (title, Some(artist));
    }
    for dash in [" – ", " — ", " - "] {
        if let Some((artist, title)) = label.split_once(dash).and_then(|(a, t)| pair(a, t)) {
            return (title, Some(artist));
        }
    }
    (label, None)
}

/// The block for a player, with a note when something had to be made up;
/// or why it is left out. `curator` stands in for the artist of a playlist
/// the post names no maker of: the post's author.
fn player_block(
    service: ServiceUrl,
    label: Option<String>,
    curator: Option<&str>,
) -> Result<(Block, Option<String>), String> {
    let (name, _) = player_of(&service);
    match &service {
        ServiceUrl::Video(video) => {
            let id = video.as_str().to_string();
            let (title, note) = match label.filter(|l| !l.trim().is_empty()) {
                Some(title) => (html::collapse(&title), None),
                None => {
                    let title = format!("Video on {name}");
                    (title.clone(), Some(format!("video {id}: no title known; called “{title}”")))
                }
            };
            service
                .into_block(String::new(), title, String::new())
                .map(|b| (b, note))
                .ok_or_else(|| format!("video {id} left out"))
        }
        _ => {
            // Each line names its player: a post may have several.
            let (address, playlist) = match &service {
                ServiceUrl::Audio(a) => (a.page_url(), a.kind() == crate::model::AudioKind::Playlist),
                _ => (String::new(), false),
            };
            let (title, artist) = label.as_deref().map(title_and_artist).unwrap_or_default();
            let left_out = |why: &str| format!("{name} player {address} left out: {why}");
            // A playlist's "artist" is whoever chose it, which a post
            // rarely says: the post's author put it there.
            let (artist, note) = match (artist, curator.filter(|c| !c.trim().is_empty())) {
                (Some(artist), _) => (artist, None),
                (None, Some(curator)) if playlist => {
                    let note = format!(
                        "{name} playlist {address}: no one named as having made it; shown as chosen by {curator}, \
                         the post's author (change its `artist` if someone else did)"
                    );
                    (curator.trim().to_string(), Some(note))
                }
                (None, _) if playlist => {
                    return Err(left_out("the post names no one who made it, and has no author to name instead"))
                }
                (None, _) => {
                    return Err(left_out(
                        "the post does not name its artist (a caption such as “Title by Artist” does)",
                    ))
                }
            };
            let (title, note) = match (title.is_empty(), playlist) {
                (false, _) => (title, note),
                (true, true) => {
                    let title = format!("Playlist on {name}");
                    let called = format!("{name} playlist {address}: no title known; called “{title}”");
                    (title, Some(note.map_or(called.clone(), |n| format!("{n}; {called}"))))
                }
                (true, false) => return Err(left_out("the post does not name its title")),
            };
            service
                .into_block(String::new(), title, artist)
                .map(|b| (b, note))
                .ok_or_else(|| left_out("its address names no player"))
        }
    }
}

/// A headline made of a post's first words: its first sentence when that
/// is short, else the words that fit in about sixty characters, and "…".
fn title_from_text(body: &[Block]) -> Option<String> {
    let text = body.iter().find_map(|block| match block {
        Block::Paragraph { content, .. } => {
            Some(crate::model::plain_text(content).trim().to_string()).filter(|t| !t.is_empty())
        }
        _ => None,
    })?;
    let sentence_end = text.char_indices().find(|(_, c)| matches!(c, '.' | '!' | '?')).map(|(i, c)| i + c.len_utf8());
    if let Some(end) = sentence_end.filter(|end| text[..*end].chars().count() <= 80) {
        return Some(text[..end].trim_end_matches('.').to_string());
    }
    let mut title = String::new();
    for word in text.split_whitespace() {
        if !title.is_empty() && title.chars().count() + word.chars().count() > 60 {
            return Some(format!("{}…", title.trim_end_matches([',', ';', ':'])));
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    Some(title)
}

fn build_article(
    site: &Site,
    post: &Post,
    slug: &str,
    body: Vec<Block>,
    feedback: Vec<Feedback>,
    client: &mut http::Client,
    images: &mut images::Images,
) -> Result<(Article, Vec<String>), String> {
    let mut notes = Vec::new();
    if body.is_empty() {
        return Err("nothing in the post could be shown".into());
    }
    let mut title = html::html_to_text(&post.title);
    if title.is_empty() {
        // WordPress shows an untitled post (an aside, a status) with its
        // text alone; an article needs a headline, so its first words are
        // one, and the report says so.
        title = title_from_text(&body).ok_or_else(|| "no title, and no text to make one of".to_string())?;
        notes.push(format!("no title in WordPress: called “{title}” (its first words); give it a headline"));
    }
    let published = rfc3339_local(&post.date_gmt, &post.date_local)
        .and_then(|d| Timestamp::parse(&d).ok())
        .ok_or_else(|| format!("no publication date (`{}`)", post.date_gmt))?;
    let updated = rfc3339_local(&post.modified_gmt, &post.modified_local)
        .and_then(|d| Timestamp::parse(&d).ok())
        .filter(|u| u > &published);
    // A shortcode in a written excerpt (`[caption]…[/caption]`) is not
    // words of the dek: its text is, as in the post.
    let excerpt = html::html_to_text(&shortcode::expand(&post.excerpt).html);
    // The public REST API makes an excerpt from the text when none was
    // written; only a written one is a dek. The export and the stored
    // fields hold only what the editor wrote, even when it repeats the
    // opening sentence.
    let dek = Some(excerpt).filter(|e| !e.is_empty() && (site.raw || !is_generated_excerpt(e, &post.content)));
    let mut cats: Vec<&source::Term> = post.categories.iter().filter_map(|id| site.categories.get(id)).collect();
    cats.sort_by_key(|c| c.id);
    let category = links::section_term(site, post).and_then(|c| {
        let name = html::html_to_text(&c.name);
        if crate::model::is_valid_slug(&c.slug) {
            return Some(Category { slug: c.slug.clone(), name });
        }
        let decoded = links::percent_decode(&c.slug);
        let Some(slug) = links::section_slug(&c.slug, &name, c.wordpress_id()) else {
            notes.push(format!("section `{decoded}` left out: no address can be made of its slug or name"));
            return None;
        };
        notes.push(format!("section `{decoded}` is at /category/{slug}"));
        Some(Category { slug, name })
    });
    let mut tags: Vec<String> = Vec::new();
    for tag in post.tags.iter().filter_map(|id| site.tags.get(id)) {
        let name = html::html_to_text(&tag.name);
        if name.trim().is_empty() {
            // Markup alone (`<script>…</script>`) leaves nothing to show.
            notes.push(format!("tag `{}` left out: its name has no text to show", links::percent_decode(&tag.slug)));
        } else if !tags.iter().any(|t| t.to_lowercase() == name.to_lowercase()) {
            // "K-Pop" and "k-pop", two tags in WordPress, are one here,
            // as the Markdown compiler reads them.
            tags.push(name);
        }
    }
    // An article has one section; the post's other categories ("Live"
    // below "Reviews") stay with it as tags rather than vanish.
    for other in &cats {
        let name = html::html_to_text(&other.name);
        let is_section = category.as_ref().is_some_and(|c| c.name == name);
        if !other.is_untouched_default() && !is_section && !tags.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
            tags.push(name);
        }
    }
    tags.sort();
    let mut hero = match post.featured_media {
        Some(id) => {
            let media = site.media.get(&id);
            let r = html::ImageRef {
                src: media.map(|m| m.url.clone()).unwrap_or_default(),
                attachment: Some(id),
                caption: media.map(|m| html::html_to_text(&m.caption)).filter(|c| !c.is_empty()),
                ..html::ImageRef::default()
            };
            let (caption, credit) = r.caption.as_deref().map(html::split_credit).unwrap_or((None, None));
            let resolved = images.resolve(client, site, &html::ImageRef { caption, credit, ..r });
            notes.extend(images.take_notes());
            match resolved {
                Ok(image) => Some(image),
                Err(reason) => {
                    notes.push(format!("featured image left out: {reason}"));
                    None
                }
            }
        }
        None => None,
    };
    let mut body = body;
    if drop_repeated_hero(&mut body, hero.as_mut(), &feedback) {
        notes.push("the featured image also opened the text: shown once, as the hero".to_string());
    }
    Ok((
        Article {
            schema: crate::model::SCHEMA_VERSION,
            slug: slug.to_string(),
            title,
            dek,
            category,
            tags,
            authors: match post.coauthors.is_empty() {
                true => post.author.iter().map(|a| Author { name: html::html_to_text(a), url: None }).collect(),
                false => post.coauthors.iter().map(|a| Author { name: html::html_to_text(a), url: None }).collect(),
            },
            published,
            updated,
            hero,
            body,
            feedback,
            related: Vec::new(),
            comments: CommentSettings { open: post.comments_open },
            // The page's own language is English; only another is marked.
            language: site.language.clone().filter(|tag| !is_english(tag)),
            // A page (About, a masthead) is not news: at its address, in no list.
            unlisted: post.kind == Some(PostKind::Page),
        },
        notes,
    ))
}

/// `en`, `en-GB`: the language the reader's pages are in already.
fn is_english(tag: &str) -> bool {
    tag.split('-').next().is_some_and(|language| language.eq_ignore_ascii_case("en"))
}

/// The links of one post: a link to a part of the post itself (`#part-2`,
/// a table of contents, a footnote's number) becomes a link to that part of
/// its article, which [`settle_own_fragments`] checks once the blocks have
/// their ids; every other link as the site's map says.
struct OwnLinks<'a> {
    map: &'a links::LinkMap,
    slug: &'a str,
    site: &'a Site,
}

impl html::Links for OwnLinks<'_> {
    fn rewrite(&self, href: &str) -> String {
        match href.trim().strip_prefix('#').filter(|f| !f.is_empty()) {
            Some(fragment) => format!("/article/{}#{fragment}", self.slug),
            None => self.map.rewrite(href),
        }
    }

    fn stays_on_old_site(&self, href: &str) -> bool {
        self.map.stays_on_old_site(href)
    }

    /// By the picture's number (its `wp-image-N` class, its block's `id`, a
    /// gallery's ids) or its file, its attachment page as the media library
    /// links it. Only when the library does not say is the page taken to be
    /// at the site's root by its slug, where WordPress shows the page of a
    /// picture not attached to a post: a picture uploaded to a draft takes
    /// the post's slug, and `/{slug}/` is then the post, which a round-up's
    /// picture may well lead to. A post's own address is never the page.
    fn is_attachment_page(&self, href: &str, image: &html::ImageRef) -> bool {
        let media = image
            .attachment
            .and_then(|id| self.site.media.get(&id))
            .or_else(|| images::find_media(self.site, &image.src));
        let Some(media) = media else { return false };
        let page = match (media.link.trim(), media.slug.trim()) {
            ("", "") => return false,
            ("", slug) => format!("{}/{slug}/", self.site.home.trim_end_matches('/')),
            (link, _) => link.to_string(),
        };
        links::same_address(href, &page, &self.site.home) && !self.map.is_post_address(href)
    }
}

/// The links of a comment, as an article's lead (a post's old address to
/// its article, a tag's archive to its search), but absolute: the reader
/// shows a comment's links only to other sites (a path in a comment would
/// be read on the old site by whatever else shows Isso's comments), so a
/// new-site path is given the site's own host, which the redirects take
/// to be the new site's.
struct CommentLinks<'a> {
    map: &'a links::LinkMap,
    /// The pictures brought over: a link to one leads to its copy.
    images: &'a BTreeMap<String, String>,
    /// `https://mag.example/magazine/`: the new site's origin (site.json's,
    /// else the old site's host), and its base.
    root: String,
}

impl<'a> CommentLinks<'a> {
    fn new(
        map: &'a links::LinkMap,
        images: &'a BTreeMap<String, String>,
        home: &str,
        base: &str,
        origin: Option<&str>,
    ) -> CommentLinks<'a> {
        let base = base.trim_end_matches('/');
        let new_site =
            origin.and_then(html::split_url).filter(|(scheme, _, _)| matches!(scheme.as_str(), "http" | "https"));
        let root = match new_site.or_else(|| html::split_url(home)) {
            Some((scheme, host, _)) => format!("{scheme}://{host}{base}/"),
            None => String::new(),
        };
        CommentLinks { map, images, root }
    }
}

impl html::Links for CommentLinks<'_> {
    fn rewrite(&self, href: &str) -> String {
        let to = self.map.rewrite(href);
        let to = match images::copy_of(self.images, &to) {
            Some(copy) => format!("/{copy}"),
            None => to,
        };
        match to.strip_prefix('/') {
            Some(path) if !path.starts_with('/') && !self.root.is_empty() => format!("{}{path}", self.root),
            _ => to,
        }
    }
}

/// Every link of an article's text and pictures.
fn for_each_link(body: &mut [Block], mut visit: impl FnMut(&mut Option<String>)) {
    for block in body.iter_mut() {
        match block {
            Block::Paragraph { content, .. } | Block::Quote { content, .. } => {
                content.iter_mut().for_each(|inline| visit(&mut inline.href))
            }
            Block::List { items, .. } => items.iter_mut().flatten().for_each(|inline| visit(&mut inline.href)),
            Block::Image { link, .. } => visit(link),
            _ => {}
        }
    }
}

/// Links to the articles of posts left out, `(slug, old permalink)`, lead
/// to the post's old address again (with the part of it they named), as a
/// link to a draft does, with a report line: the article is not written.
/// One whose post has no address left loses its link and keeps its text.
fn keep_old_addresses(body: &mut [Block], left_out: &[(&str, &str)]) -> Vec<String> {
    let mut notes = BTreeSet::new();
    for_each_link(body, |href| {
        let Some(rest) = href.as_deref().and_then(|h| h.strip_prefix("/article/")) else { return };
        let (slug, fragment) = rest.split_once('#').map_or((rest, None), |(s, f)| (s, Some(f)));
        let Some((slug, old)) = left_out.iter().find(|(s, _)| *s == slug) else { return };
        if old.is_empty() {
            notes.insert(format!("link to {slug} removed: that post was left out, and had no address; its text kept"));
            *href = None;
        } else {
            notes.insert(format!("link to {old} still leads to the old site: the post {slug} was left out"));
            *href = Some(match fragment {
                Some(f) => format!("{old}#{f}"),
                None => old.to_string(),
            });
        }
    });
    notes.into_iter().collect()
}

/// A link to a part of the article itself leads there only when a block
/// has that id (a heading keeps its anchor); any other keeps its text and
/// loses the link, which would lead nowhere, with a report line.
fn settle_own_fragments(body: &mut [Block], slug: &str, renamed: &BTreeMap<String, String>) -> Vec<String> {
    let ids: BTreeSet<String> = body.iter().map(|b| b.id().to_string()).collect();
    let own = format!("/article/{slug}#");
    let mut missing = BTreeSet::new();
    let mut moved = BTreeSet::new();
    let mut settle = |href: &mut Option<String>| {
        let Some(fragment) = href.as_deref().and_then(|h| h.strip_prefix(&own)).map(str::to_string) else {
            return;
        };
        if ids.contains(&fragment) {
            return;
        }
        match renamed.get(&fragment) {
            Some(id) => {
                *href = Some(format!("{own}{id}"));
                moved.insert((fragment, id.clone()));
            }
            None => {
                missing.insert(fragment);
                *href = None;
            }
        }
    };
    for_each_link(body, &mut settle);
    let moved = moved.into_iter().map(|(anchor, id)| {
        let why = match crate::model::block_id_problem(&anchor) {
            Some(crate::model::BlockIdProblem::PageOwn) => "the page's own parts use that name",
            Some(crate::model::BlockIdProblem::Shape) => "an id here starts with a letter",
            None if ids.contains(&anchor) => "another part of the article has it",
            None => "that part has another name already",
        };
        format!(
            "the part anchored #{anchor} is #{id} here ({why}): the post's links to it lead there; \
             links from elsewhere to #{anchor} open the article at its top"
        )
    });
    let missing = missing
        .into_iter()
        .map(|f| format!("link to #{f} removed: no part of the article has that name; its text kept"));
    moved.chain(missing).collect()
}

/// Whether an excerpt (as text) is the one WordPress makes from the opening
/// words of the post's HTML. WordPress strips the tags, which glues words
/// at a `<br>` or a `<sup>` ("start?A:", "5th"), keeps an iframe's fallback
/// text, and ends a long text with " […]": compared without spaces and
/// punctuation, the excerpt is where the text begins (with or without its
/// figures), or else its words come in the text's order (the cut also
/// leaves out shortcodes such as captions).
fn is_generated_excerpt(excerpt: &str, content_html: &str) -> bool {
    let excerpt = excerpt.trim();
    let excerpt =
        ["[…]", "[&hellip;]", "[...]", "…"].iter().fold(excerpt, |e, end| e.strip_suffix(end).unwrap_or(e).trim_end());
    let compact =
        |text: &str| -> String { text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect() };
    let short = compact(excerpt);
    if short.is_empty() {
        return false;
    }
    let texts = [true, false].map(|figures| html::text_as_excerpt_reads_it(content_html, figures));
    if texts.iter().any(|t| compact(t).starts_with(&short)) {
        return true;
    }
    let words: Vec<String> = excerpt.split_whitespace().map(compact).filter(|w| !w.is_empty()).collect();
    let mut content = texts[0].split_whitespace().map(compact);
    words.iter().all(|w| content.any(|c| c == *w))
}

/// Many themes show the featured image above the text, and posts often
/// open with the same picture: the article shows it once, as its hero.
/// Whether the body's first block went (not when readers are asked about
/// it, or when it is all the text there is).
fn drop_repeated_hero(body: &mut Vec<Block>, hero: Option<&mut crate::model::Image>, feedback: &[Feedback]) -> bool {
    let (Some(hero), Some(Block::Image { id, image, link })) = (hero, body.first()) else {
        return false;
    };
    // A picture that leads somewhere (a shop, a larger view) keeps its
    // place: a hero has no link. What its caption says goes to the hero.
    let repeated =
        image.src == hero.src && link.is_none() && !feedback.iter().any(|f| &f.block == id) && body.len() > 1;
    let fills = |mine: &mut Option<String>, theirs: &Option<String>| {
        if mine.as_deref().is_none_or(|m| m.trim().is_empty()) {
            mine.clone_from(theirs);
        }
    };
    if repeated {
        fills(&mut hero.caption, &image.caption);
        fills(&mut hero.credit, &image.credit);
        if hero.alt.trim().is_empty() {
            hero.alt.clone_from(&image.alt);
        }
        body.remove(0);
    }
    repeated
}

/// Block ids from each block's content, so they stay the same across runs
/// and sources (and feedback threads keep their comments); a repeat gets
/// `-2`, `-3`.
fn assign_ids(body: &mut [Block]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for block in body.iter_mut() {
        let prefix = match block {
            Block::Paragraph { .. } => "p",
            Block::Heading { .. } => "h",
            Block::Quote { .. } => "q",
            Block::Lyrics { .. } => "ly",
            Block::Video { .. } => "v",
            Block::Audio { .. } => "a",
            Block::Image { .. } => "i",
            Block::List { .. } => "l",
        };
        let json = serde_json::to_string(block).unwrap_or_default();
        let hash: String = Sha256::digest(json.as_bytes()).iter().take(3).map(|b| format!("{b:02x}")).collect();
        let base = format!("{prefix}-{hash}");
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let id = if *n == 1 { base } else { format!("{base}-{n}") };
        match block {
            Block::Paragraph { id: slot, .. }
            | Block::Heading { id: slot, .. }
            | Block::Quote { id: slot, .. }
            | Block::Lyrics { id: slot, .. }
            | Block::Video { id: slot, .. }
            | Block::Audio { id: slot, .. }
            | Block::Image { id: slot, .. }
            | Block::List { id: slot, .. } => *slot = id,
        }
    }
}

/// The slugs of the articles in a content folder, JSON or Markdown.
fn article_slugs(dir: &Path) -> Result<BTreeSet<String>, ImportError> {
    let mut slugs = BTreeSet::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(slugs),
        Err(e) => return Err(ImportError::Io { path: dir.to_path_buf(), source: e }),
    };
    for entry in entries {
        let path = entry.map_err(ImportError::io(dir))?.path();
        let article = path.extension().is_some_and(|e| e == "json" || e == "md");
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()).filter(|_| article) {
            slugs.insert(stem.to_string());
        }
    }
    Ok(slugs)
}

fn epoch_seconds(t: &Timestamp) -> f64 {
    // sort_key counts minutes since 1970; seconds come from the text.
    let seconds = t.as_str().get(17..19).and_then(|s| s.parse::<i64>().ok()).unwrap_or(0);
    (t.sort_key() * 60 + seconds) as f64
}

fn write_atomic(path: &Path, text: &str) -> Result<(), ImportError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(ImportError::io(dir))?;
    }
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, text).map_err(ImportError::io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(ImportError::io(path))
}

const BEGIN: &str = "# BEGIN wordpress-import";
const END: &str = "# END wordpress-import";

/// Replaces the importer's section of a `_redirects` file, keeping the rest.
fn replace_section(existing: &str, ours: &str) -> String {
    let mut kept = String::new();
    let mut inside = false;
    for line in existing.lines() {
        if line.trim() == BEGIN {
            inside = true;
        } else if line.trim() == END {
            inside = false;
        } else if !inside {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    // Our rules first: hosts apply the first rule that matches.
    format!("{BEGIN}\n{ours}{END}\n{kept}")
}

/// Rebuilds `index.json` and `search/`, with the sticky posts first in the
/// featured list.
fn write_index(content: &Path, sticky: &[String]) -> Result<Vec<String>, ImportError> {
    use crate::catalog;
    let tool = |e: catalog::ToolError| ImportError::Content(e.to_string());
    let dir = catalog::read_content_dir(content).map_err(tool)?;
    let mut index = catalog::build_index(&dir).map_err(tool)?;
    let mut featured: Vec<String> = sticky.to_vec();
    for slug in index.featured.drain(..) {
        if !featured.contains(&slug) {
            featured.push(slug);
        }
    }
    index.featured = featured.clone();
    let json = serde_json::to_string_pretty(&index).map_err(|e| ImportError::Content(e.to_string()))? + "\n";
    write_atomic(&dir.index_path(), &json)?;
    let dir = catalog::read_content_dir(content).map_err(tool)?;
    let files = catalog::search_files(&dir).map_err(tool)?;
    catalog::write_search(&dir, &files).map_err(tool)?;
    Ok(featured)
}

/// The terminal summary.
pub fn summary(report: &Report) -> String {
    let pending = if report.comments_pending_hidden {
        "pending comments not visible without --user".to_string()
    } else {
        format!("{} pending", report.comments_pending)
    };
    let articles = match report.articles_unchanged {
        0 => format!("{} articles", report.articles),
        n if n == report.articles => format!("{} articles (all as they were)", report.articles),
        n => format!("{} articles ({n} as they were)", report.articles),
    };
    let mut out = format!(
        "imported {articles}, {} images ({} new files), {} comments ({} updated, {pending}, {} taken down), {} redirects; {} requests, {} from the cache\n",
        report.images,
        report.images_downloaded,
        report.comments_imported,
        report.comments_updated,
        report.comments_taken_down.len(),
        report.redirects,
        report.requests,
        report.cache_hits
    );
    if !report.articles_moved.is_empty() {
        out.push_str(&format!("moved (their old address redirects): {}\n", report.articles_moved.join(", ")));
    }
    if !report.articles_removed.is_empty() {
        let why = if report.source.starts_with("http://") || report.source.starts_with("https://") {
            "no longer on the site"
        } else {
            "not in this export, so gone from WordPress; a split export is imported whole, with --wxr for each file"
        };
        out.push_str(&format!("removed ({why}): {}\n", report.articles_removed.join(", ")));
    }
    if !report.articles_unpublished.is_empty() {
        out.push_str(&format!(
            "taken down (no longer published in WordPress): {}\n",
            report.articles_unpublished.join(", ")
        ));
    }
    if !report.comments_taken_down.is_empty() {
        out.push_str("comments taken down from Isso (WordPress no longer lists them as approved: trashed, spam, deleted or unapproved):\n");
        for line in &report.comments_taken_down {
            out.push_str(&format!("  {line}\n"));
        }
    }
    for note in &report.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    if report.downgrades.is_empty() {
        out.push_str("nothing was left out\n");
    } else {
        out.push_str(&format!("{} downgrades:\n", report.downgrades.len()));
        for d in &report.downgrades {
            let post = if d.post.is_empty() { "(site)".to_string() } else { d.post.clone() };
            out.push_str(&format!("  {post}: {}\n", d.reason));
        }
    }
    out
}

/// `publish import-wordpress ARGS…`: exit code 0, or 1 on failure (and on
/// any downgrade with `--strict`).
pub fn main(args: &[String]) -> std::process::ExitCode {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}\n\nThe README's \"Moving from WordPress\" says what each option does.");
        return std::process::ExitCode::SUCCESS;
    }
    let options = match Options::parse(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(report) => {
            print!("{}", summary(&report));
            println!("report: {}", options.report.display());
            if let Some(first) = report.images_unreachable.first() {
                let host = html::split_url(first).map(|(_, host, _)| host).unwrap_or_default();
                let count = match report.images_unreachable.len() {
                    1 => "1 of the site's images was".to_string(),
                    n => format!("{n} of the site's images were"),
                };
                eprintln!(
                    "error: {count} not imported: {host} did not answer. The articles were written without them; \
                     run the same command again once the site answers, or add --uploads with a copy of its \
                     wp-content/uploads folder."
                );
                return std::process::ExitCode::FAILURE;
            }
            if options.strict && !report.downgrades.is_empty() {
                eprintln!("error: --strict: {} downgrades", report.downgrades.len());
                return std::process::ExitCode::FAILURE;
            }
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{
        drop_repeated_hero, is_generated_excerpt, oembed_title, player_block, title_and_artist, title_from_text, Post,
    };

    /// A scratch site for [`super::run`]: (folder, options reading `export.xml` there).
    fn scratch(name: &str) -> (std::path::PathBuf, super::Options) {
        let dir = std::env::temp_dir().join(format!("linernotes-wp-run-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("public/content/articles")).expect("a scratch folder");
        let path = |p: &str| dir.join(p).to_string_lossy().into_owned();
        let args: Vec<String> = ["--wxr", &path("export.xml"), "--out", &path("public"), "--cache", &path("cache")]
            .into_iter()
            .chain(["--report", &path("import-report.json"), "--isso-db", &path("comments.db")])
            .map(str::to_string)
            .collect();
        let options = super::Options::parse(&args).expect("the options");
        (dir, options)
    }

    /// An export of the posts `(id, slug, extra item XML)`.
    fn export(dir: &std::path::Path, terms: &str, posts: &[(u64, &str, String)]) {
        let items: String = posts
            .iter()
            .map(|(id, slug, extra)| {
                format!(
                    r#"<item><title>Post {id}</title><link>https://mag.example/{slug}/</link><dc:creator>editor</dc:creator>
<content:encoded><![CDATA[<p>Words.</p>]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{id}</wp:post_id><wp:post_date_gmt>2024-05-01 10:00:00</wp:post_date_gmt><wp:post_modified_gmt>2024-05-01 10:00:00</wp:post_modified_gmt>
<wp:comment_status>open</wp:comment_status><wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>{extra}</item>"#
                )
            })
            .collect();
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Mag</title><link>https://mag.example</link><wp:base_blog_url>https://mag.example</wp:base_blog_url>
{terms}{items}
</channel></rss>"#
        );
        std::fs::write(dir.join("export.xml"), xml).expect("the export");
    }

    fn comment(id: u64, approved: &str) -> String {
        format!(
            "<wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_author>Reader {id}</wp:comment_author>\
             <wp:comment_author_email></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>\
             <wp:comment_date_gmt>2024-05-02 10:00:0{id}</wp:comment_date_gmt><wp:comment_content>Comment {id}.</wp:comment_content>\
             <wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type>comment</wp:comment_type>\
             <wp:comment_parent>0</wp:comment_parent></wp:comment>"
        )
    }

    #[test]
    fn a_heading_whose_anchor_cannot_be_an_id_keeps_the_posts_links_and_a_post_keeps_its_local_date() {
        let (dir, options) = scratch("anchors");
        let content = r##"<content:encoded><![CDATA[<p><a href="#2024">The year</a>, <a href="#comments">what readers said</a>, <a href="#main">the main set</a>, <a href="#gone">gone</a>.</p>
<h2 id="2024">In 2024</h2><p>One.</p><h2 id="comments">On the record</h2><p>Two.</p><h2 id="main">The main set</h2><p>Three.</p><h2 id="main">The encore</h2><p>Four.</p>]]></content:encoded>
<wp:post_date>2024-05-01 12:00:00</wp:post_date><wp:post_modified>2024-05-01 12:00:00</wp:post_modified>"##;
        export(&dir, "", &[(7, "night-set", content.to_string())]);
        let report = super::run(&options).expect("the run");
        let text = std::fs::read_to_string(dir.join("public/content/articles/night-set.json")).expect("the article");
        let article = crate::model::parse_article(&text).expect("an article").value;
        assert_eq!(article.published.as_str(), "2024-05-01T12:00:00+02:00", "as the site showed it");
        let heading = |words: &str| {
            article.body.iter().find_map(|b| match b {
                crate::model::Block::Heading { id, text, .. } if text == words => Some(id.clone()),
                _ => None,
            })
        };
        let crate::model::Block::Paragraph { content, .. } = &article.body[0] else { panic!("{:?}", article.body[0]) };
        let hrefs: Vec<Option<String>> =
            content.iter().filter(|i| !i.text.starts_with(',')).map(|i| i.href.clone()).collect();
        let to = |words: &str| heading(words).map(|id| format!("/article/night-set#{id}"));
        assert_eq!(hrefs[..3], [to("In 2024"), to("On the record"), to("The main set")], "{content:?}");
        assert!(content.iter().any(|i| i.text == "gone" && i.href.is_none()), "{content:?}");
        let reasons: Vec<&str> = report.downgrades.iter().map(|d| d.reason.as_str()).collect();
        for (anchor, why) in
            [("2024", "starts with a letter"), ("comments", "page's own parts"), ("main", "page's own parts")]
        {
            assert!(
                reasons.iter().any(|r| r.contains(&format!("anchored #{anchor} is #h-")) && r.contains(why)),
                "{reasons:#?}"
            );
        }
        assert!(reasons.iter().any(|r| r.starts_with("link to #gone removed")), "{reasons:#?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_comment_trashed_in_wordpress_after_an_import_is_taken_down_on_the_next() {
        let (dir, options) = scratch("trashed-comment");
        let both = format!("{}{}", comment(1, "1"), comment(2, "1"));
        export(&dir, "", &[(7, "night-set", both)]);
        let first = super::run(&options).expect("the first run");
        assert_eq!((first.comments_imported, first.comments_taken_down.len()), (2, 0));
        let again = super::run(&options).expect("a re-run");
        assert_eq!((again.comments_imported, again.comments_updated, again.comments_taken_down.len()), (0, 0, 0));

        export(&dir, "", &[(7, "night-set", format!("{}{}", comment(1, "1"), comment(2, "trash")))]);
        let second = super::run(&options).expect("the second run");
        assert_eq!(second.comments_taken_down, ["night-set: comment 2 by Reader 2"]);
        assert!(super::summary(&second).contains("1 taken down"), "{}", super::summary(&second));
        let con = rusqlite::Connection::open(dir.join("comments.db")).expect("the database");
        let texts: Vec<String> = con
            .prepare("SELECT text FROM comments ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("the comments");
        assert_eq!(texts, ["Comment 1."]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_comment_s_links_to_another_post_lead_to_its_article_and_a_re_run_changes_nothing() {
        let (dir, options) = scratch("comment-links");
        let linking = "<wp:comment><wp:comment_id>3</wp:comment_id><wp:comment_author>Lea</wp:comment_author>\
             <wp:comment_author_email></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>\
             <wp:comment_date_gmt>2024-05-02 10:00:03</wp:comment_date_gmt><wp:comment_content><![CDATA[See \
             <a href=\"https://mag.example/night-set/\">the review</a>, <a href=\"/?p=7\">this</a>, \
             <a href=\"https://mag.example/night-set/\">https://mag.example/night-set/</a> and \
             https://mag.example/night-set/ as typed.]]></wp:comment_content>\
             <wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>\
             <wp:comment_parent>0</wp:comment_parent></wp:comment>";
        export(&dir, "", &[(7, "night-set", String::new()), (8, "day-set", linking.to_string())]);
        let first = super::run(&options).expect("the first run");
        assert_eq!(first.comments_imported, 1);
        let con = rusqlite::Connection::open(dir.join("comments.db")).expect("the database");
        let text: String = con.query_row("SELECT text FROM comments", [], |r| r.get(0)).expect("the comment");
        // Link targets lead to the article; the words, also a bare address
        // typed as text (which WordPress linked when it showed it), stay as
        // the reader wrote them.
        assert_eq!(
            text,
            "See [the review](https://mag.example/article/night-set), [this](https://mag.example/article/night-set), \
             [https://mag.example/night-set/](https://mag.example/article/night-set) and \
             [https://mag.example/night-set/](https://mag.example/article/night-set) as typed."
        );
        let again = super::run(&options).expect("a re-run");
        assert_eq!((again.comments_imported, again.comments_updated), (0, 0));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn over_anonymous_rest_the_summary_says_pending_comments_were_not_visible_rather_than_none() {
        let mut report = super::Report::default();
        assert!(super::summary(&report).contains("0 pending"), "{}", super::summary(&report));
        report.comments_pending_hidden = true;
        let summary = super::summary(&report);
        assert!(summary.contains("pending comments not visible without --user"), "{summary}");
        assert!(!summary.contains("0 pending"), "{summary}");
    }

    #[test]
    fn a_hero_that_also_opens_the_text_is_shown_once() {
        use crate::model::{Block, Feedback, Image, Inline};
        let image =
            |src: &str| Image { src: src.into(), alt: "A".into(), width: 4, height: 3, caption: None, credit: None };
        let figure = |src: &str| Block::Image { id: "i-1".into(), image: image(src), link: None };
        let text = Block::Paragraph {
            id: "p-1".into(),
            content: vec![Inline { text: "T".into(), em: false, strong: false, href: None }],
        };
        let mut hero = image("/images/wp/a.jpg");
        let mut body = vec![figure("/images/wp/a.jpg"), text.clone()];
        assert!(drop_repeated_hero(&mut body, Some(&mut hero), &[]));
        assert_eq!(body, vec![text.clone()]);
        // Another picture, a passage readers are asked about: kept.
        let mut other = vec![figure("/images/wp/b.jpg"), text.clone()];
        assert!(!drop_repeated_hero(&mut other, Some(&mut hero), &[]));
        let mut asked = vec![figure("/images/wp/a.jpg"), text.clone()];
        let feedback = [Feedback { block: "i-1".into(), prompt: None }];
        assert!(!drop_repeated_hero(&mut asked, Some(&mut hero), &feedback));
        // Its caption and credit are the hero's once it goes (a photo's
        // credit is owed); a picture that links somewhere stays.
        let captioned = Image {
            caption: Some("The whole catalogue on one shelf.".into()),
            credit: Some("Jo Doe / Agency".into()),
            ..image("/images/wp/a.jpg")
        };
        let mut body = vec![Block::Image { id: "i-1".into(), image: captioned, link: None }, text.clone()];
        let mut hero = image("/images/wp/a.jpg");
        assert!(drop_repeated_hero(&mut body, Some(&mut hero), &[]));
        assert_eq!(hero.caption.as_deref(), Some("The whole catalogue on one shelf."));
        assert_eq!(hero.credit.as_deref(), Some("Jo Doe / Agency"));
        let linked = Block::Image {
            id: "i-1".into(),
            image: image("/images/wp/a.jpg"),
            link: Some("https://shop.example/".into()),
        };
        let mut body = vec![linked, text.clone()];
        assert!(!drop_repeated_hero(&mut body, Some(&mut hero), &[]));
        assert_eq!(body.len(), 2);
    }

    #[test]
    fn an_untitled_post_is_called_by_its_first_words() {
        let paragraph = |text: &str| crate::model::Block::Paragraph {
            id: String::new(),
            content: vec![crate::model::Inline { text: text.into(), em: false, strong: false, href: None }],
        };
        assert_eq!(
            title_from_text(&[paragraph("Back from the festival. More soon.")]).as_deref(),
            Some("Back from the festival")
        );
        let long = "Twelve hours on the ferry with nothing but a cassette of harbour songs, a flask, and the rain";
        assert_eq!(
            title_from_text(&[paragraph(long)]).as_deref(),
            Some("Twelve hours on the ferry with nothing but a cassette of…")
        );
        assert_eq!(title_from_text(&[]), None);
    }
    use crate::model::{parse_service_url, Block, ServiceUrl};

    fn service(url: &str) -> ServiceUrl {
        parse_service_url(url).unwrap_or_else(|| panic!("{url}"))
    }

    #[test]
    fn players_take_title_and_artist_from_captions_and_player_titles() {
        let both = |t: &str, a: &str| (t.to_string(), Some(a.to_string()));
        assert_eq!(title_and_artist("Harbour Lights by Kestrel Lamps"), both("Harbour Lights", "Kestrel Lamps"));
        assert_eq!(title_and_artist("Stand by Me by The Quiet Ones"), both("Stand by Me", "The Quiet Ones"));
        assert_eq!(title_and_artist("Paper Moons – Low Tide (Live)"), both("Low Tide (Live)", "Paper Moons"));
        assert_eq!(title_and_artist("Spotify Embed: Low Tide (Live)"), ("Low Tide (Live)".to_string(), None));
        assert_eq!(title_and_artist("Night Bus"), ("Night Bus".to_string(), None));
        assert_eq!(title_and_artist(" by Nobody"), ("by Nobody".to_string(), None));

        let spotify = service("https://open.spotify.com/album/1DFixLWuPkv3KT3TnV35m3");
        let refused = player_block(spotify.clone(), Some("Spotify Embed: Low Tide (Live)".into()), Some("Aki")).err();
        assert!(refused.is_some_and(|r| r.contains("does not name its artist")));
        match player_block(spotify, Some("Paper Moons – Low Tide (Live)".into()), None) {
            Ok((Block::Audio { provider, kind, audio_id, title, artist, .. }, None)) => assert_eq!(
                (provider.as_str(), kind.as_str(), audio_id.as_deref(), title.as_str(), artist.as_str()),
                ("spotify", "album", Some("1DFixLWuPkv3KT3TnV35m3"), "Low Tide (Live)", "Paper Moons")
            ),
            other => panic!("{other:?}"),
        }
        match player_block(service("https://vimeo.com/76979871"), None, None) {
            Ok((Block::Video { provider, title, .. }, Some(note))) => {
                assert_eq!((provider.as_str(), title.as_str()), ("vimeo", "Video on Vimeo"));
                assert!(note.contains("no title known"), "{note}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_player_left_out_is_named_by_its_address_and_a_playlist_needs_no_artist() {
        let track = |id: &str| service(&format!("https://open.spotify.com/track/{id}"));
        let reasons: Vec<String> = ["4uLU6hMCjMI75M1A2tKUQC", "1DFixLWuPkv3KT3TnV35m3"]
            .iter()
            .filter_map(|id| player_block(track(id), Some("Spotify Embed: Night Bus".into()), Some("Aki")).err())
            .collect();
        assert_eq!(reasons.len(), 2);
        assert!(reasons[0].contains("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC"), "{}", reasons[0]);
        assert_ne!(reasons[0], reasons[1], "two players, two lines");

        let playlist = service("https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M");
        match player_block(playlist.clone(), Some("Spotify Embed: Summer Tapes".into()), Some("Aki Morimoto")) {
            Ok((Block::Audio { kind, title, artist, .. }, Some(note))) => {
                assert_eq!(
                    (kind.as_str(), title.as_str(), artist.as_str()),
                    ("playlist", "Summer Tapes", "Aki Morimoto")
                );
                assert!(note.contains("chosen by Aki Morimoto") && note.contains("37i9dQZF1DXcBWIGoYBM5M"), "{note}");
            }
            other => panic!("{other:?}"),
        }
        match player_block(playlist.clone(), None, Some("Aki Morimoto")) {
            Ok((Block::Audio { title, .. }, Some(note))) => {
                assert_eq!(title, "Playlist on Spotify");
                assert!(note.contains("no title known"), "{note}");
            }
            other => panic!("{other:?}"),
        }
        let nobody = player_block(playlist, None, None).err().unwrap_or_default();
        assert!(nobody.contains("37i9dQZF1DXcBWIGoYBM5M") && nobody.contains("no author"), "{nobody}");
    }

    #[test]
    fn a_player_title_comes_from_wordpress_own_player_of_the_same_thing_or_its_place_among_the_service() {
        let post = Post {
            oembed_html: vec![concat!(
                r#"<iframe title="First video" src="https://www.youtube.com/embed/zFT3f9biz68?feature=oembed"></iframe>"#,
                r#"<iframe title="Harbour Lights by Kestrel Lamps" src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/1"></iframe>"#,
                r#"<iframe title="Tidewater by Kestrel Lamps" src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/2"></iframe>"#,
            )
            .into()],
            ..Post::default()
        };
        let youtube = service("https://youtu.be/zFT3f9biz68");
        assert_eq!(oembed_title(&post, &youtube, "www.youtube-nocookie.com", 5).as_deref(), Some("First video"));
        let track = service("https://soundcloud.com/kestrel-lamps/tidewater");
        assert_eq!(oembed_title(&post, &track, "w.soundcloud.com", 1).as_deref(), Some("Tidewater by Kestrel Lamps"));
        assert_eq!(oembed_title(&post, &track, "w.soundcloud.com", 2), None);
        assert_eq!(oembed_title(&post, &service("https://vimeo.com/1"), "player.vimeo.com", 0), None);
    }

    #[test]
    fn only_a_written_excerpt_becomes_the_dek() {
        let text =
            "The classic editor stores paragraphs. [caption id=\"7\"] Tapes on a shelf.[/caption] The last paragraph.";
        assert!(is_generated_excerpt("The classic editor stores paragraphs. The last paragraph.", text));
        assert!(is_generated_excerpt("The classic editor stores […]", text));
        assert!(!is_generated_excerpt("Why the small print still matters.", text));
        assert!(!is_generated_excerpt("The last paragraph. The classic editor", text));
    }

    #[test]
    fn the_excerpt_wordpress_makes_is_known_where_its_stripped_tags_glue_words() {
        // As the public REST API gives it: the rendered text, and the
        // excerpt WordPress cut from it after stripping its tags.
        let content = concat!(
            "<p>Who counts the band in? Start?<br>\nA: the drummer, on the 5<sup>th</sup> take, H<sub>2</sub>O on the desk.</p>\n",
            "<p><iframe style=\"border: 0;\" src=\"https://bandcamp.com/EmbeddedPlayer/album=2916489213/size=large/\" seamless>",
            "<a href=\"https://paper-moons.bandcamp.com/album/low-tide-live\">Low Tide (Live) by Paper Moons</a></iframe></p>\n",
            "<p>“It’s the room,” says the engineer — the room and the tape.</p>\n",
            "<figure class=\"wp-block-image\"><img src=\"a.jpg\" alt=\"\"><figcaption>The desk.</figcaption></figure>\n",
            "<p>One more paragraph that goes on past the cut.</p>"
        );
        let excerpt = super::html::html_to_text(
            "<p>Who counts the band in? Start?A: the drummer, on the 5th take, H2O on the desk. Low Tide (Live) by Paper Moons “It’s the room,” says the engineer — the room and the tape. One more [&hellip;]</p>\n",
        );
        assert!(is_generated_excerpt(&excerpt, content), "{excerpt}");
        assert!(is_generated_excerpt("Who counts the band in? Start?A: the drummer", content));
        assert!(!is_generated_excerpt("The drummer counts the band in, on the fifth take.", content));
        assert!(!is_generated_excerpt("[…]", content));
        // A block post's excerpt leaves its pictures out and keeps its pull
        // quotes, and joins lines broken by `<br>`.
        let content = concat!(
            "<p>Opening words.</p>\n",
            "<figure class=\"wp-block-image\"><img src=\"a.jpg\" alt=\"\"><figcaption>A caption.</figcaption></figure>\n",
            "<figure class=\"wp-block-pullquote\"><blockquote><p>A pull quote.</p></blockquote></figure>\n",
            "<p>Verse one<br>Verse two</p>\n<p>Closing words.</p>"
        );
        assert!(is_generated_excerpt("Opening words. A pull quote. Verse oneVerse two Closing words.", content));
        assert!(!is_generated_excerpt("A pull quote, and then some words of its own.", content));
    }
}
