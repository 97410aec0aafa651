//! Local storage for drafts, for the ids of the reader's own comments and
//! for the comments they liked.
//! Storage can be missing (private modes, blocked by policy): then nothing
//! is kept and the view says so, but typing and posting still work.

use serde::{Deserialize, Serialize};

use crate::model::{Comment, CommentDraft};

use crate::browser::{storage_available, storage_get as get, storage_remove as remove, storage_set as set};

const DRAFT_PREFIX: &str = "linernotes:draft:";
const OWN_KEY: &str = "linernotes:own-comments";
const LIKED_KEY: &str = "linernotes:liked-comments";

/// A storage key for one site. Articles mounted in another site's page
/// share that page's storage with every magazine it mounts: their keys
/// carry the magazine's address (`scope`, `AppConfig::storage_scope`), so
/// one's drafts and comments are not another's. On the magazine's own
/// pages `scope` is empty.
fn scoped(key: &str, scope: &str) -> String {
    if scope.is_empty() {
        key.to_string()
    } else {
        format!("{key}@{scope}")
    }
}

/// One site's drafts, one per thread (and per reply target).
#[derive(Debug, Clone, Default)]
pub struct DraftStore {
    scope: String,
}

impl DraftStore {
    pub fn new(scope: &str) -> Self {
        DraftStore { scope: scope.to_string() }
    }

    /// Whether drafts survive a reload here.
    pub fn available() -> bool {
        storage_available()
    }

    fn key(&self, key: &str) -> String {
        scoped(&format!("{DRAFT_PREFIX}{key}"), &self.scope)
    }

    pub fn load(&self, key: &str) -> Option<CommentDraft> {
        serde_json::from_str(&get(&self.key(key))?).ok()
    }

    /// Saves the draft; returns false if it could not be kept.
    pub fn save(&self, key: &str, draft: &CommentDraft) -> bool {
        match serde_json::to_string(draft) {
            Ok(json) => set(&self.key(key), &json),
            Err(_) => false,
        }
    }

    /// Only after the server confirmed the comment `sent`, and only if the
    /// draft kept is that comment: another tab on the same article may have
    /// saved a draft of its own there since.
    pub fn clear(&self, key: &str, sent: &str) {
        if self.load(key).is_none_or(|kept| kept.text.trim() == sent.trim()) {
            remove(&self.key(key));
        }
    }
}

/// The comments posted from this browser: their ids, which the reader may
/// edit or delete while the server allows it, and, for a while, the comments
/// themselves, so the page can show them even where a cache in front of the
/// server still answers with a thread from before they were posted.
#[derive(Debug, Clone, Default)]
pub struct OwnComments {
    scope: String,
}

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
    /// Deleted by the reader: kept a while, so a cache's older copy of the
    /// thread does not show it again after a reload.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    deleted: bool,
}

impl OwnComments {
    pub fn new(scope: &str) -> Self {
        OwnComments { scope: scope.to_string() }
    }

    fn all(&self) -> Vec<Own> {
        get(&scoped(OWN_KEY, &self.scope)).and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default()
    }

    fn store(&self, all: &[Own]) {
        if let Ok(json) = serde_json::to_string(all) {
            set(&scoped(OWN_KEY, &self.scope), &json);
        }
    }

    pub fn remember(&self, thread: &str, comment: &Comment) {
        let now = crate::browser::now_seconds();
        let mut all = self.all();
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
            deleted: false,
        });
        // Only recent ones can still be changed; keep the list short.
        if all.len() > 50 {
            all.drain(..all.len() - 50);
        }
        self.store(&all);
    }

    /// The reader's edit of a comment kept whole: merged into an older page
    /// in place of the text it had.
    pub fn edited(&self, comment: &Comment) {
        let mut all = self.all();
        if let Some(kept) = all.iter_mut().find(|own| own.id == comment.id).and_then(|own| own.comment.as_mut()) {
            kept.text = comment.text.clone();
            kept.modified = comment.modified;
            self.store(&all);
        }
    }

    /// The reader deleted it: no longer theirs to change, and left out of
    /// an older copy of its thread.
    pub fn deleted(&self, id: i64) {
        let mut all = self.all();
        for own in all.iter_mut().filter(|own| own.id == id) {
            own.deleted = true;
            own.comment = None;
        }
        self.store(&all);
    }

    pub fn contains(&self, id: i64) -> bool {
        self.all().iter().any(|own| own.id == id && !own.deleted)
    }

    /// The reader's comments in `thread` deleted recently (id and time):
    /// a cache may still hold them.
    pub fn recently_deleted(&self, thread: &str) -> Vec<(i64, f64)> {
        let now = crate::browser::now_seconds();
        self.all()
            .into_iter()
            .filter(|own| own.deleted && own.thread == thread && now - own.created <= KEEP_WHOLE_SECONDS)
            .map(|own| (own.id, own.created))
            .collect()
    }

    /// How many of the reader's recent comments in `thread` are top-level
    /// and not awaiting moderation: what a passage's count must reach. It
    /// reads only what counting needs, so the passage markers never carry
    /// the decoding of whole comments (that is the comments' own code).
    pub fn recent_shown_top_level(&self, thread: &str) -> usize {
        #[derive(Deserialize)]
        struct Glance {
            created: f64,
            #[serde(default)]
            thread: String,
            #[serde(default)]
            comment: Option<GlanceComment>,
        }
        #[derive(Deserialize)]
        struct GlanceComment {
            #[serde(default)]
            parent: Option<i64>,
            #[serde(default)]
            mode: u8,
        }
        let now = crate::browser::now_seconds();
        let all: Vec<Glance> =
            get(&scoped(OWN_KEY, &self.scope)).and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default();
        all.into_iter()
            .filter(|own| own.thread == thread && now - own.created <= KEEP_WHOLE_SECONDS)
            .filter_map(|own| own.comment)
            .filter(|c| c.parent.is_none() && c.mode != 2)
            .count()
    }

    /// The reader's recent comments in `thread`, oldest first.
    pub fn recent(&self, thread: &str) -> Vec<Comment> {
        let now = crate::browser::now_seconds();
        self.all()
            .into_iter()
            .filter(|own| own.thread == thread && now - own.created <= KEEP_WHOLE_SECONDS)
            .filter_map(|own| own.comment)
            .collect()
    }
}

/// The comments liked from this browser. Isso counts one like per reader
/// but never says whose, so the page remembers which it sent, to show them
/// pressed after a reload. Each is kept with its time of posting: Isso may
/// give a deleted comment's id to a new one, which the reader has not liked.
#[derive(Debug, Clone, Default)]
pub struct LikedComments {
    scope: String,
}

/// How many likes are remembered (the oldest go first).
const LIKES_KEPT: usize = 500;

impl LikedComments {
    pub fn new(scope: &str) -> Self {
        LikedComments { scope: scope.to_string() }
    }

    fn all(&self) -> Vec<(i64, f64)> {
        get(&scoped(LIKED_KEY, &self.scope)).and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_default()
    }

    pub fn contains(&self, id: i64, created: f64) -> bool {
        self.all().contains(&(id, created))
    }

    pub fn remember(&self, id: i64, created: f64) {
        let mut all = self.all();
        all.retain(|&(kept, _)| kept != id);
        all.push((id, created));
        if all.len() > LIKES_KEPT {
            all.drain(..all.len() - LIKES_KEPT);
        }
        if let Ok(json) = serde_json::to_string(&all) {
            set(&scoped(LIKED_KEY, &self.scope), &json);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::scoped;

    #[test]
    fn keys_are_scoped_only_away_from_the_magazines_own_pages() {
        assert_eq!(scoped("linernotes:own-comments", ""), "linernotes:own-comments");
        assert_eq!(
            scoped("linernotes:draft:/article/film-out", "https://a.example/"),
            "linernotes:draft:/article/film-out@https://a.example/"
        );
        assert_ne!(scoped("k", "https://a.example/"), scoped("k", "https://b.example/"));
    }
}
