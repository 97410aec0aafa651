//! Local storage for drafts and for the ids of the reader's own comments.
//! Storage can be missing (private modes, blocked by policy): then nothing
//! is kept and the view says so, but typing and posting still work.

use serde::{Deserialize, Serialize};

use crate::model::{Comment, CommentDraft};

const DRAFT_PREFIX: &str = "linernotes:draft:";
const OWN_KEY: &str = "linernotes:own-comments";

use crate::browser::{storage_available, storage_get as get, storage_remove as remove, storage_set as set};

/// Drafts, one per thread (and per reply target).
#[derive(Debug, Clone, Copy, Default)]
pub struct DraftStore;

impl DraftStore {
    /// Whether drafts survive a reload here.
    pub fn available() -> bool {
        storage_available()
    }

    pub fn load(key: &str) -> Option<CommentDraft> {
        serde_json::from_str(&get(&format!("{DRAFT_PREFIX}{key}"))?).ok()
    }

    /// Saves the draft; returns false if it could not be kept.
    pub fn save(key: &str, draft: &CommentDraft) -> bool {
        match serde_json::to_string(draft) {
            Ok(json) => set(&format!("{DRAFT_PREFIX}{key}"), &json),
            Err(_) => false,
        }
    }

    /// Only after the server confirmed the comment.
    pub fn clear(key: &str) {
        remove(&format!("{DRAFT_PREFIX}{key}"));
    }
}

/// The comments posted from this browser: their ids, which the reader may
/// edit or delete while the server allows it, and, for a while, the comments
/// themselves, so the page can show them even where a cache in front of the
/// server still answers with a thread from before they were posted.
#[derive(Debug, Clone, Copy, Default)]
pub struct OwnComments;

/// How long a posted comment is kept whole to merge into older answers:
/// well past any cache's lifetime for a thread.
const KEEP_WHOLE_SECONDS: f64 = 30.0 * 60.0;

#[derive(Serialize, Deserialize)]
struct Own {
    id: i64,
    created: f64,
    #[serde(default)]
    thread: String,
    #[serde(default)]
    comment: Option<Comment>,
}

impl OwnComments {
    fn all() -> Vec<Own> {
        get(OWN_KEY).and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default()
    }

    fn store(all: &[Own]) {
        if let Ok(json) = serde_json::to_string(all) {
            set(OWN_KEY, &json);
        }
    }

    pub fn remember(thread: &str, comment: &Comment) {
        let now = crate::browser::now_seconds();
        let mut all = Self::all();
        all.retain(|own| own.id != comment.id);
        for own in &mut all {
            if now - own.created > KEEP_WHOLE_SECONDS {
                own.comment = None;
            }
        }
        all.push(Own {
            id: comment.id,
            created: comment.created,
            thread: thread.to_string(),
            comment: Some(comment.clone()),
        });
        // Only recent ones can still be changed; keep the list short.
        if all.len() > 50 {
            all.drain(..all.len() - 50);
        }
        Self::store(&all);
    }

    pub fn forget(id: i64) {
        let mut all = Self::all();
        all.retain(|own| own.id != id);
        Self::store(&all);
    }

    pub fn contains(id: i64) -> bool {
        Self::all().iter().any(|own| own.id == id)
    }

    /// The reader's recent comments in `thread`, oldest first.
    pub fn recent(thread: &str) -> Vec<Comment> {
        let now = crate::browser::now_seconds();
        Self::all()
            .into_iter()
            .filter(|own| own.thread == thread && now - own.created <= KEEP_WHOLE_SECONDS)
            .filter_map(|own| own.comment)
            .collect()
    }
}
