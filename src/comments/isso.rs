use serde::{Deserialize, Serialize};

use crate::browser::{self, FetchError, FetchRequest};
use crate::model::{decode_entities, Comment, CommentDraft, SortOrder, Thread};

use super::{encode_component, CommentError};

/// A comment the server accepted: shown at once (201) or held for
/// moderation (202).
#[derive(Debug, Clone, PartialEq)]
pub struct Posted {
    pub comment: Comment,
    pub pending: bool,
    /// Found on the server after an answer went missing, as the reader
    /// first wrote it, not as the form holds it now (they changed it since).
    pub as_first_sent: bool,
}

/// How many held-back replies one "Show more replies" asks for.
const REPLIES_PAGE: usize = 50;

/// A client for one Isso server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Isso {
    endpoint: String,
}

impl Isso {
    pub fn new(endpoint: &str) -> Self {
        Isso { endpoint: endpoint.trim_end_matches('/').to_string() }
    }

    /// The thread's Atom feed, for "Follow this thread".
    pub fn feed_url(&self, thread: &str) -> String {
        format!("{}/feed?uri={}", self.endpoint, encode_component(thread))
    }

    /// One page of top-level comments (with their replies).
    pub async fn thread(
        &self,
        thread: &str,
        sort: SortOrder,
        limit: Option<usize>,
        offset: usize,
    ) -> Result<Thread, CommentError> {
        self.fetch_thread(thread, sort, Read { limit, offset, ..Read::default() }).await
    }

    /// Replies to one comment, from `offset` on: those a thread page held
    /// back (it carries only the first few of each comment's replies).
    pub async fn replies(
        &self,
        thread: &str,
        parent: i64,
        sort: SortOrder,
        offset: usize,
    ) -> Result<Thread, CommentError> {
        self.fetch_thread(
            thread,
            sort,
            Read { limit: Some(REPLIES_PAGE), offset, parent: Some(parent), ..Read::default() },
        )
        .await
    }

    /// The comments posted after `after` (seconds since the epoch), newest
    /// first, for checking whether a post was stored: the address names that
    /// moment, so no cache in between has an old answer for it.
    /// With `source`, each comment's text is what its author typed (Isso's
    /// `plain=1`), not the HTML it renders.
    pub async fn thread_since(&self, thread: &str, after: f64, source: bool) -> Result<Thread, CommentError> {
        let read = Read { limit: Some(50), after: Some(after), source, ..Read::default() };
        self.fetch_thread(thread, SortOrder::Newest, read).await
    }

    /// What the author typed (their Markdown), for editing it: a comment
    /// page carries only the HTML Isso made of it.
    pub async fn source(&self, id: i64) -> Result<String, CommentError> {
        let reply = send("GET", &format!("{}/id/{id}?plain=1", self.endpoint), None).await?;
        let comment: Comment = serde_json::from_str(&reply.expect_ok()?).map_err(|_| CommentError::BadResponse)?;
        Ok(comment.text)
    }

    /// Whether comment `id` is still on the server: Isso answers 404 for
    /// one deleted with no replies, before it looks at who asks. Any other
    /// answer (403 for an edit window past, say) is not taken for a no.
    pub async fn exists(&self, id: i64) -> Result<bool, CommentError> {
        let reply = send("GET", &format!("{}/id/{id}?plain=1", self.endpoint), None).await?;
        Ok(reply.status != 404)
    }

    /// How many comments a thread has (what the thread itself shows: replies
    /// included, comments awaiting moderation not), by a read every reader
    /// shares, so a cache in front of the server can answer it.
    pub async fn count(&self, thread: &str) -> Result<i64, CommentError> {
        let url = format!("{}/?uri={}&limit=0", self.endpoint, encode_component(thread));
        // Only the count: decoding a whole thread here would keep that
        // decoder in the main .wasm (it belongs with the comments' code).
        #[derive(serde::Deserialize)]
        struct Count {
            total_replies: i64,
        }
        let page: Count = serde_json::from_str(&send("GET", &url, None).await?.expect_ok()?)
            .map_err(|_| CommentError::BadResponse)?;
        Ok(page.total_replies)
    }

    async fn fetch_thread(&self, thread: &str, sort: SortOrder, read: Read) -> Result<Thread, CommentError> {
        let Read { limit, offset, after, parent, source } = read;
        let mut url =
            format!("{}/?uri={}&sort={}&offset={offset}", self.endpoint, encode_component(thread), sort.param());
        if let Some(limit) = limit {
            url.push_str(&format!("&limit={limit}"));
        }
        if let Some(after) = after {
            url.push_str(&format!("&after={}", after.max(0.0) as u64));
        }
        if let Some(parent) = parent {
            url.push_str(&format!("&parent={parent}"));
        }
        if source {
            url.push_str("&plain=1");
        }
        let reply = match send("GET", &url, None).await {
            // Up, but it did not let this page read it: Isso's `host`
            // setting does not name the page's site (a host page that
            // mounts an article, a new domain). Its `/config` answers
            // anyone, with no error to log.
            Err(CommentError::Unreachable)
                if browser::answers_without_cors(&format!("{}/config", self.endpoint)).await =>
            {
                return Err(CommentError::NotForThisSite);
            }
            reply => reply?,
        };
        // A thread nobody has commented on yet does not exist for Isso
        // (before 0.13). So does no Isso at all, at an address that names
        // none (a path left out of the endpoint): its settings, which every
        // Isso answers with, tell the two apart.
        if reply.status == 404 {
            let settings = send("GET", &format!("{}/config", self.endpoint), None).await?;
            return if settings.status == 404 { Err(CommentError::NoServerHere) } else { Ok(Thread::default()) };
        }
        serde_json::from_str(&reply.expect_ok()?).map_err(|_| CommentError::BadResponse)
    }

    pub async fn post(
        &self,
        thread: &str,
        title: &str,
        parent: Option<i64>,
        draft: &CommentDraft,
    ) -> Result<Posted, CommentError> {
        let optional = |s: &str| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        };
        let body = NewComment {
            text: &draft.text,
            author: optional(&draft.author),
            email: optional(&draft.email),
            website: optional(&crate::model::normalize_website(&draft.website)),
            parent,
            title,
            notification: u8::from(draft.notify),
        };
        let body = serde_json::to_string(&body).map_err(|_| CommentError::BadResponse)?;
        let url = format!("{}/new?uri={}", self.endpoint, encode_component(thread));
        // A new comment is waited for longer than a read: a retry made
        // while the server is still storing the first would store it twice.
        let reply = send_within("POST", &url, Some(body), POST_TIMEOUT_MS).await?;
        // Isso's own rate limit answers a new comment with 403.
        if reply.status == 403 && reply.text.contains("ratelimit") {
            return Err(CommentError::RateLimited(reply.retry_after.unwrap_or(60)));
        }
        // Any other 403 to a new comment is the server's guard saying no,
        // which has nothing to do with editing.
        if reply.status == 403 {
            return Err(CommentError::Refused(reason(&reply.text)));
        }
        let pending = reply.status == 202;
        let comment: Comment = serde_json::from_str(&reply.expect_ok()?).map_err(|_| CommentError::BadResponse)?;
        Ok(Posted { pending: pending || comment.is_pending(), comment, as_first_sent: false })
    }

    pub async fn like(&self, id: i64) -> Result<i64, CommentError> {
        let reply = send("POST", &format!("{}/id/{id}/like", self.endpoint), Some("{}".into())).await?;
        let answer: Likes = serde_json::from_str(&reply.expect_ok()?).map_err(|_| CommentError::BadResponse)?;
        Ok(answer.likes)
    }

    pub async fn edit(&self, id: i64, text: &str) -> Result<Comment, CommentError> {
        let body = serde_json::to_string(&Edit { text }).map_err(|_| CommentError::BadResponse)?;
        let reply = send("PUT", &format!("{}/id/{id}", self.endpoint), Some(body)).await?;
        serde_json::from_str(&reply.expect_ok()?).map_err(|_| CommentError::BadResponse)
    }

    pub async fn delete(&self, id: i64) -> Result<(), CommentError> {
        send("DELETE", &format!("{}/id/{id}", self.endpoint), None).await?.expect_ok()?;
        Ok(())
    }
}

/// Which part of a thread one read asks for.
#[derive(Default)]
struct Read {
    limit: Option<usize>,
    offset: usize,
    /// Only comments posted after this moment (seconds since the epoch).
    after: Option<f64>,
    /// Only the replies to this comment.
    parent: Option<i64>,
    /// Each comment's text as its author typed it, not as HTML.
    source: bool,
}

/// What `POST /new` takes.
#[derive(Serialize)]
struct NewComment<'a> {
    text: &'a str,
    author: Option<String>,
    email: Option<String>,
    website: Option<String>,
    parent: Option<i64>,
    title: &'a str,
    notification: u8,
}

#[derive(Serialize)]
struct Edit<'a> {
    text: &'a str,
}

#[derive(Deserialize)]
struct Likes {
    likes: i64,
}

struct Reply {
    status: u16,
    retry_after: Option<u32>,
    text: String,
}

impl Reply {
    fn expect_ok(self) -> Result<String, CommentError> {
        match self.status {
            200..=299 => Ok(self.text),
            429 => Err(CommentError::RateLimited(self.retry_after.unwrap_or(60))),
            // A proxy in front of the server turning requests away for now.
            503 if self.retry_after.is_some() => Err(CommentError::Busy(self.retry_after.unwrap_or(30))),
            403 => Err(CommentError::Forbidden),
            400..=499 => Err(CommentError::Rejected(reason(&self.text))),
            status => Err(CommentError::Server(status)),
        }
    }
}

/// Isso answers errors with a short text or an HTML page whose reason is
/// in its first paragraph (`<p>Website not Django-conform</p>`): keep that
/// reason, as text.
pub(super) fn reason(text: &str) -> String {
    let from_paragraph = text.find("<p>").map(|start| {
        let rest = &text[start + 3..];
        &rest[..rest.find("</p>").unwrap_or(rest.len())]
    });
    let line = from_paragraph.or_else(|| text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('<')));
    // Tags dropped, entities decoded: it is shown as text. (Not with the
    // comments' HTML reader, which belongs to their own code: this runs for
    // the passage counts too.)
    let line = line.map(|l| decode_entities(&without_tags(l))).unwrap_or_default();
    let line: String = line.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(160).collect();
    // The message it goes into ends its own sentence.
    let line = line.trim_end_matches(['.', ' ']).to_string();
    if line.is_empty() {
        "no reason given".to_string()
    } else {
        line
    }
}

/// `text` with a space for each tag (a `<br>` parts words too).
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// How long a comment request may take before the reader is told.
const TIMEOUT_MS: u32 = 12_000;

/// How long a new comment is waited for; past [`SLOW_POST_MS`] the form
/// says the server is slow, and keeps waiting.
pub(crate) const POST_TIMEOUT_MS: u32 = 90_000;
pub const SLOW_POST_MS: u32 = TIMEOUT_MS;

/// Comment threads and answers are small; anything past this is not one.
const MAX_ANSWER_BYTES: usize = 8 * 1024 * 1024;

async fn send(method: &str, url: &str, body: Option<String>) -> Result<Reply, CommentError> {
    send_within(method, url, body, TIMEOUT_MS).await
}

async fn send_within(method: &str, url: &str, body: Option<String>, timeout_ms: u32) -> Result<Reply, CommentError> {
    browser::watch_policy_violations();
    let response = browser::fetch(FetchRequest {
        method,
        url,
        body,
        // Credentials carry Isso's edit cookie; Isso's CORS answer allows
        // them for the origins in its `host` setting.
        credentials: true,
        timeout_ms,
        max_bytes: Some(MAX_ANSWER_BYTES),
        abort_on_cleanup: false,
    })
    .await;
    let response = match response {
        Ok(response) => response,
        Err(FetchError::Timeout) => return Err(CommentError::Timeout),
        Err(FetchError::TooLarge(_)) => return Err(CommentError::BadResponse),
        Err(FetchError::Network(_)) => {
            // The policy's report is an event of its own, which may come
            // just after the failed fetch.
            browser::sleep(50).await;
            return Err(if browser::blocked_by_policy(url) {
                CommentError::Blocked
            } else {
                CommentError::Unreachable
            });
        }
        Err(FetchError::Aborted) => return Err(CommentError::Unreachable),
    };
    Ok(Reply { status: response.status, retry_after: response.retry_after, text: response.text })
}
