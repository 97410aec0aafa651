//! One comment on the page: its text, likes, replies, and what the reader
//! may do with it (like once, reply, edit or delete their own while the
//! server allows). The comment component renders it.

use leptos::prelude::*;

use crate::model::{Comment, Markup};

use super::{parse_comment_html, CommentError, CommentStore};

/// Isso lets an author change a comment for 15 minutes (its `max-age`).
const EDIT_WINDOW_SECONDS: f64 = 15.0 * 60.0;

/// Seconds left to edit a comment posted at `created`, seen at `now`; none
/// once the window has closed. The comment server's clock and the reader's
/// may disagree by days: the window never runs longer than its length (a
/// timer that long cannot even be set).
fn edit_seconds_left(now: f64, created: f64) -> Option<f64> {
    let left = EDIT_WINDOW_SECONDS - (now - created);
    // Also false for a time that is not a number.
    if left > 0.0 {
        Some(left.min(EDIT_WINDOW_SECONDS))
    } else {
        None
    }
}

#[derive(Clone, Copy)]
pub struct CommentEntry {
    store: CommentStore,
    /// The thread it is in: the article's, or a passage's.
    thread: StoredValue<String>,
    pub id: i64,
    /// When it was posted: with the id, which comment a remembered like was for.
    created: f64,
    /// Awaiting moderation: not in any count.
    pending: bool,
    pub text: RwSignal<Vec<Markup>>,
    pub likes: RwSignal<i64>,
    pub liked: RwSignal<bool>,
    pub deleted: RwSignal<bool>,
    pub replies: RwSignal<Vec<Comment>>,
    /// How many of the replies shown came in the server's pages: where the
    /// next page starts (the reader's own new replies are not in that count).
    fetched: StoredValue<u32>,
    /// Replies the server holds that are not shown yet.
    pub hidden_replies: RwSignal<i64>,
    pub loading_replies: RwSignal<bool>,
    /// Something the reader should know about their last action.
    pub note: RwSignal<Option<String>>,
    /// Whether the reader wrote it, recently enough to edit or delete it
    /// (known once the page is live).
    pub own: RwSignal<bool>,
    pub editing: RwSignal<bool>,
    /// Set when an edit was saved, for those who hear the page: the editor
    /// closes the same way when it is cancelled.
    pub saved: RwSignal<bool>,
    pub saving: RwSignal<bool>,
    pub edit_error: RwSignal<Option<CommentError>>,
    pub replying: RwSignal<bool>,
}

impl CommentEntry {
    pub fn new(store: CommentStore, comment: &Comment, thread: &str) -> Self {
        let entry = CommentEntry {
            store,
            thread: StoredValue::new(thread.to_string()),
            id: comment.id,
            created: comment.created,
            pending: comment.is_pending(),
            text: RwSignal::new(parse_comment_html(&comment.text)),
            likes: RwSignal::new(comment.likes),
            liked: RwSignal::new(false),
            deleted: RwSignal::new(comment.is_deleted()),
            replies: RwSignal::new(comment.replies.clone()),
            fetched: StoredValue::new(u32::try_from(comment.replies.len()).unwrap_or(u32::MAX)),
            hidden_replies: RwSignal::new(comment.hidden_replies.max(0)),
            loading_replies: RwSignal::new(false),
            note: RwSignal::new(None),
            own: RwSignal::new(false),
            editing: RwSignal::new(false),
            saved: RwSignal::new(false),
            saving: RwSignal::new(false),
            edit_error: RwSignal::new(None),
            replying: RwSignal::new(false),
        };
        let (id, created) = (comment.id, comment.created);
        Effect::new(move |_| {
            if store.liked().contains(id, created) {
                entry.liked.set(true);
                // A cache's older copy may not count the reader's like yet:
                // at least theirs is there.
                if entry.likes.get_untracked() < 1 {
                    entry.likes.set(1);
                }
            }
            let left = edit_seconds_left(crate::browser::now_seconds(), created);
            let own = store.own().contains(id) && left.is_some();
            entry.own.set(own);
            if let (true, Some(left)) = (own, left) {
                // The server stops taking edits then: so do the buttons.
                set_timeout(
                    move || {
                        entry.own.try_set(false);
                    },
                    std::time::Duration::from_secs_f64(left),
                );
            }
        });
        entry
    }

    /// Likes the comment, once.
    pub fn like(&self) {
        if self.liked.get_untracked() {
            return;
        }
        self.liked.set(true);
        let this = *self;
        leptos::task::spawn_local(async move {
            let before = this.likes.get_untracked();
            match this.store.like(this.id).await {
                // Isso counts one like per reader and none on the reader's
                // own comment, and answers with the count as it stands.
                Ok(count) if count <= before => {
                    this.likes.set(count);
                    this.liked.set(false);
                    this.note.set(Some(
                        "The comment server did not count this like: it takes one like from each reader, and none for a comment of their own."
                            .to_string(),
                    ));
                }
                // A note of an earlier try that failed goes with it.
                Ok(count) => {
                    this.likes.set(count);
                    this.note.set(None);
                    this.store.liked().remember(this.id, this.created);
                }
                Err(e) => {
                    this.liked.set(false);
                    this.note.set(Some(format!("Could not like this comment: {e}.")));
                }
            }
        });
    }

    pub fn delete(&self) {
        let this = *self;
        leptos::task::spawn_local(async move {
            match this.store.delete(this.id, &this.thread.get_value(), this.pending).await {
                Ok(()) => {
                    this.note.set(None);
                    this.deleted.set(true);
                }
                // Deleted already, from another tab: what the reader wanted.
                Err(CommentError::Forbidden) if this.store.deleted_elsewhere(this.id).await => this.gone(None),
                Err(e) => this.note.set(Some(format!("Could not delete: {e}."))),
            }
        });
    }

    /// What the reader typed for this comment (their Markdown), for the
    /// editor: `None` if the server cannot say, and the editor keeps the
    /// text as shown.
    pub async fn source(&self) -> Option<String> {
        self.store.source(self.id).await.ok()
    }

    /// Saves an edit; the editor closes when the server has it, and stays
    /// open with the reason if not.
    pub fn save_edit(&self, text: String) {
        if self.saving.get_untracked() {
            return;
        }
        self.saving.set(true);
        let this = *self;
        leptos::task::spawn_local(async move {
            match this.store.edit(this.id, text).await {
                Ok(updated) => {
                    this.text.set(parse_comment_html(&updated.text));
                    this.edit_error.set(None);
                    this.note.set(None);
                    this.saved.set(true);
                    this.editing.set(false);
                }
                Err(CommentError::Forbidden) if this.store.deleted_elsewhere(this.id).await => {
                    this.gone(Some("Your change was not saved: the comment had been deleted in another tab or window."))
                }
                Err(e) => this.edit_error.set(Some(e)),
            }
            this.saving.set(false);
        });
    }

    /// The comment was deleted from another tab or window since this page
    /// showed it: shown as deleted, with no controls left to press.
    fn gone(&self, note: Option<&str>) {
        self.editing.set(false);
        self.edit_error.set(None);
        self.own.set(false);
        self.deleted.set(true);
        self.note.set(note.map(str::to_string));
    }

    /// Shows the replies the thread page held back, a page at a time.
    pub fn show_more_replies(&self) {
        if self.loading_replies.get_untracked() {
            return;
        }
        self.loading_replies.set(true);
        let this = *self;
        leptos::task::spawn_local(async move {
            let offset = this.fetched.get_value() as usize;
            match this.store.more_replies(this.id, offset).await {
                Ok(page) => {
                    let more = u32::try_from(page.replies.len()).unwrap_or(u32::MAX);
                    this.fetched.update_value(|n| *n = n.saturating_add(more));
                    this.add_replies(page.replies);
                    this.hidden_replies.set(page.hidden_replies.max(0));
                    this.note.set(None);
                    // A link to one of them waits for it to be on the page.
                    crate::browser::reveal_fragment();
                }
                Err(e) => this.note.set(Some(format!("Could not load the replies: {e}."))),
            }
            this.loading_replies.set(false);
        });
    }

    /// A reply the reader just posted under this comment.
    pub fn add_reply(&self, reply: Comment) {
        self.add_replies([reply]);
    }

    /// Replies to show after those shown, each once.
    fn add_replies(&self, replies: impl IntoIterator<Item = Comment>) {
        self.replies.update(|shown| {
            for reply in replies {
                if !shown.iter().any(|c| c.id == reply.id) {
                    shown.push(reply);
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::edit_seconds_left;

    #[test]
    fn the_edit_window_is_never_longer_than_its_length() {
        assert_eq!(edit_seconds_left(1_000.0, 1_000.0), Some(900.0));
        assert_eq!(edit_seconds_left(1_300.0, 1_000.0), Some(600.0));
        assert_eq!(edit_seconds_left(1_900.0, 1_000.0), None);
        // A server whose clock is ahead by a month, or a time from nowhere.
        assert_eq!(edit_seconds_left(1_000.0, 1_000.0 + 30.0 * 86_400.0), Some(900.0));
        assert_eq!(edit_seconds_left(1_000.0, 1e20), Some(900.0));
        assert_eq!(edit_seconds_left(1_000.0, f64::NAN), None);
        assert_eq!(edit_seconds_left(1_000.0, f64::NEG_INFINITY), None);
    }
}
