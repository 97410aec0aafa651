use std::path::PathBuf;

use thiserror::Error;

/// What stops an import. Each message names what failed; the tool prints it
/// and exits with status 1.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("{0}")]
    Usage(String),
    #[error("could not reach {url}: {reason}")]
    Network { url: String, reason: String },
    #[error("{url} answered with status {status}{hint}")]
    Status { url: String, status: u16, hint: String },
    #[error("{url} sent an HTML page instead of JSON (is the REST API turned off, or behind a login?)")]
    NotJson { url: String },
    /// Neither of WordPress's ways in (`/wp-json/`, `?rest_route=/`) is there.
    #[error("no WordPress REST API at this address, with or without pretty permalinks ({url} answered with {answer}): is it the WordPress site's own address, with its REST API on? (or import its WXR export with --wxr)")]
    NoApi { url: String, answer: String },
    #[error("{url} sent JSON this tool cannot read: {reason}")]
    BadJson { url: String, reason: String },
    #[error("{path}: not a WordPress export file: {reason}")]
    Wxr { path: PathBuf, reason: String },
    /// An export that stops early: nothing is imported, so no article
    /// after the cut is taken for deleted.
    #[error("{path}: the export is cut short (the file stops inside <{inside}> and never closes </rss>); nothing was imported: export it again")]
    WxrCut { path: PathBuf, inside: String },
    /// A source with no posts at all, where earlier runs imported some:
    /// far more likely the wrong export (Pages or Media only) than a
    /// magazine that deleted every post, so nothing is taken for deleted.
    #[error(
        "the source lists no posts, yet {earlier} article(s) came from earlier imports: nothing was changed (an export of Pages or Media only? export \"All content\" or \"Posts\"); to take them down, delete their files"
    )]
    NoPosts { earlier: usize },
    /// Articles an earlier run imported that this one, without the flags it
    /// had, would take for gone, though WordPress still has their posts:
    /// pages (`--pages`) and posts of other kinds (`--post-types`), both
    /// named at once, so one more run is enough.
    #[error("{}", left_out(.pages, .posts, .kinds))]
    LeftOut { pages: Vec<String>, posts: Vec<String>, kinds: Vec<String> },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("Isso database {path}: {reason}")]
    Isso { path: PathBuf, reason: String },
    #[error("the content directory: {0}")]
    Content(String),
}

impl ImportError {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> ImportError {
        let path = path.into();
        move |source| ImportError::Io { path, source }
    }
}

/// The message of [`ImportError::LeftOut`].
fn left_out(pages: &[String], posts: &[String], kinds: &[String]) -> String {
    let mut what = Vec::new();
    let mut flags = Vec::new();
    if !pages.is_empty() {
        what.push(format!("{} page(s) that WordPress still has ({})", pages.len(), pages.join(", ")));
        flags.push("--pages".to_string());
    }
    if !posts.is_empty() {
        what.push(format!("{} post(s) of other kinds that WordPress still has ({})", posts.len(), posts.join(", ")));
        flags.push(format!("--post-types {}", kinds.join(",")));
    }
    format!(
        "an earlier import brought in {}: nothing was changed; run it with {} to keep them, or delete their files to take them down",
        what.join(", and "),
        flags.join(" ")
    )
}
