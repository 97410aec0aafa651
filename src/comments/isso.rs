use crate::model::{Comment, CommentDraft, ServerConfig, SortOrder, Thread};

use super::{encode_component, CommentError};

/// A comment the server accepted: shown at once (201) or held for
/// moderation (202).
#[derive(Debug, Clone, PartialEq)]
pub struct Posted {
    pub comment: Comment,
    pub pending: bool,
}

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

    pub async fn config(&self) -> Result<ServerConfig, CommentError> {
        let text = http::send("GET", &format!("{}/config", self.endpoint), None).await?.expect_ok()?;
        let envelope: crate::model::ServerConfigEnvelope =
            serde_json::from_str(&text).map_err(|_| CommentError::BadResponse)?;
        Ok(envelope.config)
    }

    /// One page of top-level comments (with their replies).
    pub async fn thread(
        &self,
        thread: &str,
        sort: SortOrder,
        limit: Option<usize>,
        offset: usize,
    ) -> Result<Thread, CommentError> {
        let mut url =
            format!("{}/?uri={}&sort={}&offset={offset}", self.endpoint, encode_component(thread), sort.param());
        if let Some(limit) = limit {
            url.push_str(&format!("&limit={limit}"));
        }
        let reply = http::send("GET", &url, None).await?;
        // A thread nobody has commented on yet does not exist for Isso.
        if reply.status == 404 {
            return Ok(Thread::default());
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
        let body = serde_json::json!({
            "text": draft.text,
            "author": optional(&draft.author),
            "email": optional(&draft.email),
            "website": optional(&crate::model::normalize_website(&draft.website)),
            "parent": parent,
            "title": title,
            "notification": if draft.notify { 1 } else { 0 },
        });
        let url = format!("{}/new?uri={}", self.endpoint, encode_component(thread));
        let reply = http::send("POST", &url, Some(body.to_string())).await?;
        let pending = reply.status == 202;
        let comment: Comment = serde_json::from_str(&reply.expect_ok()?).map_err(|_| CommentError::BadResponse)?;
        Ok(Posted { pending: pending || comment.is_pending(), comment })
    }

    pub async fn like(&self, id: i64) -> Result<i64, CommentError> {
        let reply = http::send("POST", &format!("{}/id/{id}/like", self.endpoint), Some("{}".into())).await?;
        let value: serde_json::Value =
            serde_json::from_str(&reply.expect_ok()?).map_err(|_| CommentError::BadResponse)?;
        value.get("likes").and_then(|l| l.as_i64()).ok_or(CommentError::BadResponse)
    }

    pub async fn edit(&self, id: i64, text: &str) -> Result<Comment, CommentError> {
        let body = serde_json::json!({ "text": text }).to_string();
        let reply = http::send("PUT", &format!("{}/id/{id}", self.endpoint), Some(body)).await?;
        serde_json::from_str(&reply.expect_ok()?).map_err(|_| CommentError::BadResponse)
    }

    pub async fn delete(&self, id: i64) -> Result<(), CommentError> {
        http::send("DELETE", &format!("{}/id/{id}", self.endpoint), None).await?.expect_ok()?;
        Ok(())
    }

    /// Comment counts for several threads in one request.
    pub async fn counts(&self, threads: &[String]) -> Result<Vec<i64>, CommentError> {
        let body = serde_json::to_string(threads).map_err(|_| CommentError::BadResponse)?;
        let reply = http::send("POST", &format!("{}/count", self.endpoint), Some(body)).await?;
        serde_json::from_str(&reply.expect_ok()?).map_err(|_| CommentError::BadResponse)
    }
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
            403 => Err(CommentError::Forbidden),
            400..=499 => Err(CommentError::Rejected(first_line(&self.text))),
            status => Err(CommentError::Server(status)),
        }
    }
}

/// Isso answers errors with a short text or an HTML page: keep a readable line.
fn first_line(text: &str) -> String {
    let line: String = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('<'))
        .unwrap_or("no reason given")
        .chars()
        .take(160)
        .collect();
    line
}

#[cfg(target_arch = "wasm32")]
mod http {
    use std::cell::Cell;
    use std::rc::Rc;

    use gloo_net::http::{Method, RequestBuilder};
    use web_sys::RequestCredentials;

    use super::{CommentError, Reply};

    const TIMEOUT_MS: u32 = 12_000;

    pub async fn send(method: &str, url: &str, body: Option<String>) -> Result<Reply, CommentError> {
        let controller = web_sys::AbortController::new().map_err(|_| CommentError::Unreachable)?;
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            gloo_timers::callback::Timeout::new(TIMEOUT_MS, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let method = match method {
            "POST" => Method::POST,
            "PUT" => Method::PUT,
            "DELETE" => Method::DELETE,
            _ => Method::GET,
        };
        // Credentials carry Isso's edit cookie; Isso's CORS answer allows them
        // for the origins in its `host` setting.
        let builder = RequestBuilder::new(url)
            .method(method)
            .credentials(RequestCredentials::Include)
            .abort_signal(Some(&controller.signal()));
        let request = match body {
            Some(body) => builder.header("Content-Type", "application/json").body(body),
            None => builder.build(),
        }
        .map_err(|_| CommentError::Unreachable)?;
        let outcome = request.send().await;
        let response = match outcome {
            Ok(r) => r,
            Err(_) if timed_out.get() => return Err(CommentError::Timeout),
            Err(_) => return Err(CommentError::Unreachable),
        };
        let status = response.status();
        let retry_after = response.headers().get("retry-after").and_then(|v| v.trim().parse().ok());
        let text = match response.text().await {
            Ok(t) => t,
            Err(_) if timed_out.get() => return Err(CommentError::Timeout),
            Err(_) => return Err(CommentError::Unreachable),
        };
        drop(timer);
        Ok(Reply { status, retry_after, text })
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod http {
    use super::{CommentError, Reply};

    pub async fn send(_method: &str, _url: &str, _body: Option<String>) -> Result<Reply, CommentError> {
        Err(CommentError::Unreachable)
    }
}
