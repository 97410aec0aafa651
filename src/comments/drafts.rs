//! Local storage for drafts and for the ids of the reader's own comments.
//! Storage can be missing (private modes, blocked by policy): then nothing
//! is kept and the view says so, but typing and posting still work.

use crate::model::CommentDraft;

const DRAFT_PREFIX: &str = "linernotes:draft:";
const OWN_KEY: &str = "linernotes:own-comments";

#[cfg(target_arch = "wasm32")]
thread_local! {
    // Whether storage accepts writes, probed once: drafts are saved on
    // every keystroke, and the probe costs two writes.
    static WRITABLE: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
}

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let writable = WRITABLE.with(|w| match w.get() {
        Some(known) => known,
        None => {
            // Some browsers hand out a storage that throws on every write.
            let ok = storage.set_item("linernotes:probe", "1").is_ok();
            let _ = storage.remove_item("linernotes:probe");
            w.set(Some(ok));
            ok
        }
    });
    writable.then_some(storage)
}

#[cfg(target_arch = "wasm32")]
fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

#[cfg(target_arch = "wasm32")]
fn set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

#[cfg(target_arch = "wasm32")]
fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn get(_key: &str) -> Option<String> {
    None
}

#[cfg(not(target_arch = "wasm32"))]
fn set(_key: &str, _value: &str) -> bool {
    false
}

#[cfg(not(target_arch = "wasm32"))]
fn remove(_key: &str) {}

/// Drafts, one per thread (and per reply target).
#[derive(Debug, Clone, Copy, Default)]
pub struct DraftStore;

impl DraftStore {
    /// Whether drafts survive a reload here.
    pub fn available() -> bool {
        #[cfg(target_arch = "wasm32")]
        {
            storage().is_some()
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            false
        }
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
