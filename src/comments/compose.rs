//! A comment being written: the draft (kept per thread in local storage
//! until the server confirms it), the form's checks, and where the post
//! stands. The form component renders it and sends it the reader's input.

use leptos::prelude::*;

use crate::model::{CommentDraft, Field, FieldError};

use super::{CommentError, CommentStore, DraftStore, Isso, Posted};

/// Where a post stands. A failed post keeps the text; after a failure that
/// leaves it unknown whether the server stored the comment, the draft
/// remembers when it was sent, so the next post first looks for it.
#[derive(Debug, Clone, PartialEq)]
pub enum PostStatus {
    Idle,
    Posting,
    /// Posting, and the server is taking its time: still waited for.
    Slow,
    Failed(CommentError),
    /// Restored after a reload while a post's answer was still missing.
    Unconfirmed,
    /// Waiting out the server's rate limit, in seconds.
    Waiting(u32),
    /// The server was busy: not posted; Retry works again after this many
    /// seconds (as its `Retry-After` asked).
    Busy(u32),
    /// A rate limit's wait is over: posting works again.
    Ready,
    /// A send whose answer went missing had arrived after all, with the
    /// text as it was then; the form keeps the reader's changes since.
    ArrivedAsFirstSent,
    Done {
        pending: bool,
    },
}

impl PostStatus {
    /// What the form's live region says.
    pub fn message(&self) -> Option<String> {
        match self {
            // The server may have stored it before the answer went missing.
            PostStatus::Failed(error) if error.is_ambiguous() => Some(format!(
                "Your comment may not have been posted: {error}. Your text is kept; press Retry: it is posted only \
                 if it did not arrive."
            )),
            PostStatus::Failed(error) if error.can_retry() => {
                Some(format!("Your comment was not posted: {error}. Your text is kept; press Retry."))
            }
            PostStatus::Failed(error) => Some(format!("Your comment was not posted: {error}. Your text is kept.")),
            PostStatus::Unconfirmed => Some(
                "Your last comment may not have reached the server. Press Retry: it is posted only if it is not there yet."
                    .to_string(),
            ),
            // Said once, not every second: the time left is shown beside
            // (`countdown`), outside the live region.
            PostStatus::Waiting(_) => {
                Some("Too many comments at once. You can post again when the time below is up.".to_string())
            }
            PostStatus::Busy(_) => Some(
                "Your comment was not posted: the comment server is busy. Your text is kept; Retry works again \
                 when the time below is up."
                    .to_string(),
            ),
            PostStatus::Ready => Some("You can post again.".to_string()),
            PostStatus::ArrivedAsFirstSent => Some(
                "Your comment had arrived after all, as you first wrote it; it is in the thread. Your changes since \
                 are still here: post them as a new comment if you want them too."
                    .to_string(),
            ),
            PostStatus::Done { pending: true } => Some("Thanks! Your comment is awaiting moderation.".to_string()),
            PostStatus::Done { pending: false } => Some("Your comment was posted.".to_string()),
            PostStatus::Posting => Some("Posting your comment…".to_string()),
            PostStatus::Slow => Some(
                "Still posting: the comment server is slow to answer. Your text is kept; please keep this page open."
                    .to_string(),
            ),
            PostStatus::Idle => None,
        }
    }

    /// The time left of a wait, for the reader to look at (a live region
    /// reading every second of it would drown everything else).
    pub fn countdown(&self) -> Option<String> {
        match self {
            PostStatus::Waiting(secs @ 1..) | PostStatus::Busy(secs @ 1..) => Some(format!("{} left", seconds(*secs))),
            _ => None,
        }
    }

    pub fn button_label(&self) -> &'static str {
        match self {
            PostStatus::Posting | PostStatus::Slow => "Posting…",
            PostStatus::Failed(error) if !error.can_retry() => "Post comment",
            PostStatus::Failed(_) | PostStatus::Unconfirmed | PostStatus::Busy(_) => "Retry",
            _ => "Post comment",
        }
    }
}

/// One comment form's state.
#[derive(Clone, Copy)]
pub struct Composer {
    store: CommentStore,
    thread: StoredValue<String>,
    parent: Option<i64>,
    key: StoredValue<String>,
    pub draft: RwSignal<CommentDraft>,
    pub errors: RwSignal<Vec<FieldError>>,
    pub status: RwSignal<PostStatus>,
    /// Which post is in flight: the slow-server notice is about that one.
    attempt: StoredValue<u32>,
    /// Whether drafts survive a reload in this browser (known once live).
    pub storage_ok: RwSignal<bool>,
    /// The id of the comment this form last posted, for a way to it: in a
    /// long thread it may show far from the form.
    pub posted: RwSignal<Option<i64>>,
    on_posted: Option<Callback<Posted>>,
}

impl Composer {
    /// A form for `thread` (a reply to `parent` when given). It starts empty,
    /// natively and in the browser alike; the reader's draft comes back from
    /// storage once the page is live.
    pub fn new(store: CommentStore, thread: String, parent: Option<i64>, on_posted: Option<Callback<Posted>>) -> Self {
        let key = match parent {
            Some(id) => format!("{thread}>{id}"),
            None => thread.clone(),
        };
        let composer = Composer {
            store,
            thread: StoredValue::new(thread),
            parent,
            key: StoredValue::new(key),
            draft: RwSignal::new(CommentDraft::default()),
            errors: RwSignal::new(Vec::new()),
            status: RwSignal::new(PostStatus::Idle),
            attempt: StoredValue::new(0),
            storage_ok: RwSignal::new(true),
            posted: RwSignal::new(None),
            on_posted,
        };
        Effect::new(move |_| composer.restore());
        composer
    }

    fn restore(&self) {
        self.storage_ok.set(DraftStore::available());
        let drafts = self.store.drafts();
        let restored = drafts.load(&self.key.get_value()).unwrap_or_else(|| CommentDraft {
            // Name, email and website carry over from the reader's last comment.
            text: String::new(),
            notify: false,
            sent_at: None,
            tried_at: None,
            sent_text: None,
            ..drafts.load("identity").unwrap_or_default()
        });
        let earlier = Sent::of(&restored);
        if restored != CommentDraft::default() {
            self.draft.set(restored.clone());
        }
        let Some(earlier) = earlier else { return };
        self.status.set(PostStatus::Unconfirmed);
        // Looked for at once: a reader back after a lost answer, whose
        // comment is in the thread they see, is not asked to Retry it.
        let this = *self;
        leptos::task::spawn_local(async move {
            let found = this.store.find_sent(this.thread.get_value(), this.parent, &restored, earlier, true).await;
            // Not over words the reader has typed meanwhile: Retry then
            // looks again, with them.
            let untouched = this.draft.try_with_untracked(|d| d.text == restored.text) == Some(true);
            if let Ok(Some(posted)) = found {
                if untouched && this.status.try_get_untracked() == Some(PostStatus::Unconfirmed) {
                    this.finish(posted, &restored);
                }
            }
        });
    }

    /// The server's checks, known before posting.
    fn check(&self) -> Vec<FieldError> {
        self.draft.with_untracked(|d| d.check(&self.store.server()))
    }

    /// The reader changed a field.
    pub fn edit(&self, change: impl FnOnce(&mut CommentDraft)) {
        self.draft.update(change);
        self.save();
        // A new comment under way: the last one's news is old.
        if matches!(self.status.get_untracked(), PostStatus::Done { .. } | PostStatus::Ready) {
            self.status.set(PostStatus::Idle);
        }
        if !self.errors.with_untracked(Vec::is_empty) {
            self.errors.set(self.check());
        }
    }

    fn save(&self) {
        self.draft.with_untracked(|d| self.store.drafts().save(&self.key.get_value(), d));
    }

    /// Saves what a post did to the draft (sent, not sent), unless another
    /// tab on this thread has typed since: its text, the last typed, is
    /// what the shared draft keeps. This tab saves on every change, so a
    /// text in storage other than its own is another tab's.
    fn save_unless_other_tab(&self) {
        let key = self.key.get_value();
        let drafts = self.store.drafts();
        let other = drafts.load(&key).is_some_and(|kept| {
            self.draft.with_untracked(|d| {
                !kept.text.trim().is_empty() && kept.text != d.text && kept.sent_text.as_ref() != Some(&d.text)
            })
        });
        if !other {
            self.save();
        }
    }

    /// Another tab changed the drafts: if it emptied the one this tab shares
    /// (it posted its own comment, or its reader cleared the box), the text
    /// still in this tab's box is kept again, so a reload does not lose it.
    pub fn keep_after_other_tab(&self) {
        if matches!(self.status.get_untracked(), PostStatus::Posting | PostStatus::Slow) {
            return;
        }
        let ours = self.draft.with_untracked(|d| !d.text.trim().is_empty());
        let kept = self.store.drafts().load(&self.key.get_value()).is_some_and(|d| !d.text.trim().is_empty());
        if ours && !kept {
            self.save();
        }
    }

    pub fn error_for(&self, field: Field) -> Option<&'static str> {
        self.errors.with(|e| e.iter().find(|e| e.field == field).map(|e| e.message))
    }

    pub fn busy(&self) -> bool {
        matches!(self.status.get(), PostStatus::Posting | PostStatus::Slow)
    }

    /// The reader pressed Post (or Retry). Returns the first field with a
    /// problem, for the form to move focus there; otherwise the post is on
    /// its way. While a post is in flight, further presses do nothing.
    pub fn submit(&self) -> Option<Field> {
        if matches!(
            self.status.get_untracked(),
            PostStatus::Posting | PostStatus::Slow | PostStatus::Waiting(_) | PostStatus::Busy(1..)
        ) {
            return None;
        }
        let problems = self.check();
        let first = problems.first().map(|p| p.field);
        self.errors.set(problems);
        if first.is_some() {
            // The last post's news is not about this attempt.
            if matches!(self.status.get_untracked(), PostStatus::Done { .. }) {
                self.status.set(PostStatus::Idle);
            }
            return first;
        }
        let this = *self;
        let mut current = self.draft.get_untracked();
        let sent_before = current.sent_at;
        // What earlier sends without an answer may have left on the server:
        // looked for first, by the text now and as first sent.
        let earlier = Sent::of(&current);
        // Marked as sent before it goes: if the answer never comes, even a
        // reload knows to look for it first.
        let now = crate::browser::now_seconds();
        current.sent_at = Some(sent_before.map_or(now, |t| t.min(now)));
        current.tried_at = Some(now);
        if sent_before.is_none() || current.sent_text.is_none() {
            current.sent_text = Some(current.text.clone());
        }
        self.draft.set(current.clone());
        self.save_unless_other_tab();
        self.status.set(PostStatus::Posting);
        let (status, attempts) = (self.status, self.attempt);
        attempts.update_value(|n| *n = n.wrapping_add(1));
        let attempt = attempts.get_value();
        set_timeout(
            move || {
                let same = attempts.try_get_value() == Some(attempt);
                if same && status.try_get_untracked() == Some(PostStatus::Posting) {
                    status.try_set(PostStatus::Slow);
                }
            },
            std::time::Duration::from_millis(u64::from(super::isso::SLOW_POST_MS)),
        );
        // What storage keeps is settled even if the reader has left the
        // article (and this form) by the time the server answers.
        let (drafts, key) = (self.store.drafts(), self.key.get_value());
        leptos::task::spawn_local(async move {
            let result = this.store.post(this.thread.get_value(), this.parent, current.clone(), earlier).await;
            if this.key.try_with_value(|_| ()).is_none() {
                match &result {
                    Ok(_) => forget_sent(&drafts, &key, &current),
                    Err(error) if !error.is_ambiguous() => {
                        if let Some(mut kept) = drafts.load(&key).filter(|kept| kept.text == current.text) {
                            kept.not_sent();
                            drafts.save(&key, &kept);
                        }
                    }
                    Err(_) => {}
                }
                return;
            }
            match result {
                Ok(posted) => this.finish(posted, &current),
                Err(CommentError::RateLimited(secs)) => {
                    this.unsent();
                    this.wait_then_allow(secs);
                }
                Err(CommentError::Busy(secs)) => {
                    this.unsent();
                    this.busy_for(secs);
                }
                Err(error) => {
                    if !error.is_ambiguous() {
                        this.unsent();
                    }
                    this.status.set(PostStatus::Failed(error));
                }
            }
        });
        None
    }

    /// The server surely did not store it: nothing to look for next time.
    fn unsent(&self) {
        self.draft.update(CommentDraft::not_sent);
        self.save_unless_other_tab();
    }

    /// A post the server confirmed: the draft goes, the identity stays.
    /// When what the server holds is the text as first sent, the reader's
    /// changes since stay in the form, to post or drop as they choose.
    fn finish(&self, posted: Posted, sent: &CommentDraft) {
        self.posted.set((!posted.pending).then_some(posted.comment.id));
        if posted.as_first_sent {
            self.draft.update(CommentDraft::not_sent);
            self.save_unless_other_tab();
            self.status.set(PostStatus::ArrivedAsFirstSent);
        } else {
            forget_sent(&self.store.drafts(), &self.key.get_value(), sent);
            self.draft.update(|d| {
                d.text.clear();
                d.not_sent();
            });
            self.status.set(PostStatus::Done { pending: posted.pending });
        }
        if let Some(callback) = self.on_posted {
            callback.run(posted);
        }
    }

    /// Counts down the server's `Retry-After` before posting works again.
    fn wait_then_allow(&self, secs: u32) {
        if secs == 0 {
            self.status.set(PostStatus::Ready);
            return;
        }
        self.status.set(PostStatus::Waiting(secs));
        let this = *self;
        set_timeout(move || this.wait_then_allow(secs.saturating_sub(1)), std::time::Duration::from_secs(1));
    }

    /// Counts down a busy server's `Retry-After`; then Retry works.
    fn busy_for(&self, secs: u32) {
        if secs == 0 {
            self.status.set(PostStatus::Failed(CommentError::Busy(0)));
            return;
        }
        self.status.set(PostStatus::Busy(secs));
        let this = *self;
        set_timeout(move || this.busy_for(secs - 1), std::time::Duration::from_secs(1));
    }

    pub fn feed_url(&self) -> Option<String> {
        self.store.feed_url(&self.thread.get_value())
    }
}

/// "1 second", "42 seconds".
fn seconds(n: u32) -> String {
    if n == 1 {
        "1 second".to_string()
    } else {
        format!("{n} seconds")
    }
}

/// A post the server confirmed, in storage: its draft goes (unless another
/// tab has kept a draft of its own there since), the identity stays.
fn forget_sent(drafts: &super::DraftStore, key: &str, sent: &CommentDraft) {
    drafts.clear(key, &sent.text);
    let mut identity = CommentDraft { text: String::new(), ..sent.clone() };
    identity.not_sent();
    drafts.save("identity", &identity);
}

/// Earlier sends of a comment whose answers went missing: from the first
/// (`since`) to the last one's wait (`until`), and the texts they carried.
pub struct Sent {
    pub since: f64,
    pub until: f64,
    pub texts: Vec<String>,
}

impl Sent {
    /// What a draft's earlier sends were, if it was sent with no answer.
    fn of(draft: &CommentDraft) -> Option<Sent> {
        draft.sent_at.map(|since| Sent {
            since,
            until: draft.tried_at.unwrap_or(since).max(since) + f64::from(super::isso::POST_TIMEOUT_MS) / 1000.0 + 5.0,
            texts: std::iter::once(draft.text.clone())
                .chain(draft.sent_text.clone().filter(|t| *t != draft.text))
                .collect(),
        })
    }
}

/// Looks for a comment by this author with one of the texts sent, stored
/// while those sends were on their way (seconds since the epoch), asking
/// the server itself, past any cache. Texts are compared as typed (Isso's
/// source of each comment, not its HTML, so Markdown matches), and names as
/// Isso stores them (escaped). With the comment, whether it holds the text
/// as first sent rather than the form's text now.
pub(super) async fn find_posted(
    isso: &Isso,
    thread: &str,
    draft: &CommentDraft,
    sent: &Sent,
) -> Result<Option<(crate::model::Comment, bool)>, CommentError> {
    // Each lookup names a moment of its own, earlier by the time since the
    // first send: a cache in front of Isso (which serves a stale copy while
    // it refreshes one) has no answer for it, from an earlier lookup that
    // did not find the comment yet. Newest first, an earlier moment only
    // adds older comments after the ones that matter.
    let elapsed = (crate::browser::now_seconds() - sent.since).max(0.0).floor();
    let after = sent.since - 5.0 - elapsed;
    let sources = isso.thread_since(thread, after, true).await?;
    let Some((id, text)) = flatten(sources).find_map(|c| {
        sent.texts.iter().find(|text| is_posted(&c, &draft.author, text, sent)).map(|text| (c.id, text.clone()))
    }) else {
        return Ok(None);
    };
    // Found: shown as the server renders it.
    let page = isso.thread_since(thread, after, false).await?;
    Ok(flatten(page).find(|c| c.id == id).map(|c| (c, normalize(&text) != normalize(&draft.text))))
}

fn flatten(page: crate::model::Thread) -> impl Iterator<Item = crate::model::Comment> {
    page.replies.into_iter().flat_map(|c| std::iter::once(c.clone()).chain(c.replies))
}

/// Whether `comment` (with its source text) is `text` by `author`, stored
/// while the sends in `sent` were on their way: one stored after the last
/// send's wait is another reader's, even with the same words.
pub(crate) fn is_posted(comment: &crate::model::Comment, author: &str, text: &str, sent: &Sent) -> bool {
    (sent.since - 5.0..=sent.until).contains(&comment.created)
        && crate::model::unescape_html(comment.author.as_deref().unwrap_or("")).trim() == author.trim()
        && normalize(&comment.text) == normalize(text)
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
