//! Local storage for drafts and for the ids of the reader's own comments.
//! Storage can be missing (private modes, blocked by policy): then nothing
//! is kept and the view says so, but typing and posting still work.

use crate::model::CommentDraft;

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

/// Ids (with creation time) of comments posted from this browser, which the
/// reader may edit or delete while Isso allows it.
#[derive(Debug, Clone, Copy, Default)]
pub struct OwnComments;

impl OwnComments {
    fn all() -> Vec<(i64, f64)> {
        get(OWN_KEY).and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default()
    }

    pub fn remember(id: i64, created: f64) {
        let mut all = Self::all();
        all.retain(|(i, _)| *i != id);
        all.push((id, created));
        // Only recent ones can still be changed; keep the list short.
        if all.len() > 50 {
            all.drain(..all.len() - 50);
        }
        if let Ok(json) = serde_json::to_string(&all) {
            set(OWN_KEY, &json);
        }
    }

    pub fn forget(id: i64) {
        let mut all = Self::all();
        all.retain(|(i, _)| *i != id);
        if let Ok(json) = serde_json::to_string(&all) {
            set(OWN_KEY, &json);
        }
    }

    pub fn contains(id: i64) -> bool {
        Self::all().iter().any(|(i, _)| *i == id)
    }
}
