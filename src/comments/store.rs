//! The comments of one article, as one store: what the comment server said
//! (its settings, the thread page by page, the counts of the feedback
//! threads) and the reader's intents (sort, view all, retry, post, like,
//! edit, delete). Components render it and call its methods; none of them
//! talks to the comment server.
//!
//! The store is asleep until the comment area comes near the screen or the
//! reader reaches for it (a passage marker, a link to the comments): a
//! reader who never gets there costs the comment server nothing.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::app::Catalog;
use crate::model::{Comment, CommentService, ServerConfig, SortOrder, Thread};

use super::{article_thread, feedback_thread, CommentError, DraftStore, Isso, LikedComments, OwnComments, Posted};

/// Top-level comments per page, as the first screen shows them.
pub const FIRST_PAGE: usize = 10;
/// Pages fetched by "View all comments".
const MORE_PAGE: usize = 100;
/// Comments rendered per task, so a long thread never blocks the page for
/// more than a few milliseconds at a time.
const RENDER_CHUNK: usize = 20;

/// Rendered slices of the thread, each keyed once and never rebuilt, so
/// appending the 5,000th comment costs what appending the 20th did.
pub type Chunks = Vec<(usize, Arc<Vec<Comment>>)>;

/// How many of a passage's comments are read (and shown) before the reader
/// asks for all: a passage that went viral may hold thousands.
pub const PASSAGE_FIRST: usize = 10;

/// A passage's feedback as read so far: its first comments, oldest first,
/// or all of them, and how many the server holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PassageFeedback {
    pub comments: Vec<Comment>,
    pub total: usize,
    /// The comments the reader posted this visit: shown even when the list
    /// shows only its first comments, so a new one never seems lost.
    pub posted: Vec<i64>,
}

impl PassageFeedback {
    /// Whether every comment the server holds is here.
    pub fn complete(&self) -> bool {
        self.comments.len() >= self.total
    }
}

/// A passage's feedback as loaded, once it has come (or failed to).
pub type Loaded = RwSignal<Option<Result<PassageFeedback, CommentError>>>;

/// The first page of the thread, with the sort order and version it was
/// asked with.
/// With the page, the reader's own recent comments it lacks (a cache may
/// hand out the thread as it was before them), already put in.
type FirstPage = Option<(SortOrder, u32, Result<(Thread, Vec<Comment>), CommentError>)>;

/// Where the thread stands.
#[derive(Debug, Clone, PartialEq)]
pub enum ThreadState {
    /// Not asked for yet: the comment area is not near.
    Asleep,
    Loading,
    Failed(CommentError),
    Ready,
}

impl ThreadState {
    /// The thread's read has come back, with the thread or a failure (and
    /// with the server's settings, when it reached the server).
    pub fn is_settled(&self) -> bool {
        matches!(self, ThreadState::Ready | ThreadState::Failed(_))
    }
}

/// The pages of the thread shown so far.
#[derive(Debug, Clone, Default, PartialEq)]
struct Pages {
    chunks: Chunks,
    /// Top-level comments received.
    loaded: usize,
    /// Top-level comments the server holds, as it last said.
    total: usize,
    /// Top-level comments not received yet.
    hidden: i64,
}

/// The comments of one article.
#[derive(Clone, Copy)]
pub struct CommentStore {
    slug: StoredValue<String>,
    title: StoredValue<String>,
    /// Whose drafts and comments these are in the browser's storage: empty
    /// on the magazine's own pages, its address when mounted in another
    /// site's page (see `drafts::scoped`).
    scope: StoredValue<String>,
    isso: Signal<Option<Isso>>,
    awake: RwSignal<bool>,
    /// The server's public settings, as the last thread page brought them.
    server: RwSignal<Option<ServerConfig>>,
    counts: RwSignal<HashMap<String, i64>>,
    /// A passage marker neared the screen: its count is wanted before the
    /// reader can open it.
    counts_wanted: RwSignal<bool>,
    /// The feedback threads, for their counts.
    passages: StoredValue<Vec<String>>,
    sort: RwSignal<SortOrder>,
    /// Bumped to load the thread again (Retry, after a change).
    version: RwSignal<u32>,
    first: LocalResource<FirstPage>,
    pages: RwSignal<Pages>,
    /// The reader's own new comments, shown where they look next until the
    /// server's pages hold them, and, newest first, those others posted
    /// while "View all" paged past where they went.
    fresh: RwSignal<Vec<Comment>>,
    /// Replies the reader posted since the page on hand was read: the
    /// server's total, which counts replies too, does not hold them yet.
    replies_posted: RwSignal<usize>,
    /// The reader's own comments deleted since the page on hand was read.
    deleted: RwSignal<usize>,
    /// The ids of the comments the reader deleted this visit.
    gone: StoredValue<Vec<i64>>,
    /// Counts the reader's deletions this visit, so views of `gone` follow it.
    deletions: RwSignal<u32>,
    loading_more: RwSignal<bool>,
    /// Why the last "View all comments" stopped short, until the next try.
    more_error: RwSignal<Option<CommentError>>,
    /// Each load of the first page starts a new generation; a "view all"
    /// still fetching pages for an older one stops.
    generation: StoredValue<u64>,
    /// The order of the list on the page (`pages`): the last first page
    /// that came, which a failed change of order leaves in place.
    shown: RwSignal<Option<SortOrder>>,
    /// The inline feedback of the passages opened so far, by thread.
    passage_threads: StoredValue<HashMap<String, Loaded>>,
    /// The passages whose comments the reader asked to see all of (kept
    /// when their panel is closed and opened again).
    in_full: RwSignal<Vec<String>>,
    owner: StoredValue<Option<Owner>>,
    /// Numbers the forms of this article in the order they are rendered,
    /// the same natively and in the browser.
    forms: StoredValue<u32>,
    /// Bumped when the address comes to name a comment not on the page
    /// (an in-page link to `#comment-12`), for the list to look for it.
    linked: RwSignal<u32>,
    /// A top-level comment whose folded replies hold the comment a link
    /// names: its item opens them.
    unfold: RwSignal<Option<i64>>,
}

impl CommentStore {
    /// Sets up the comments of one article from the site's settings and
    /// provides them to the page; with no comment service every comment part
    /// of the page stays absent.
    pub fn provide(slug: String, title: String, passages: Vec<String>) -> Self {
        let catalog = use_context::<Catalog>();
        let isso = Signal::derive(move || match catalog.map(|c| c.site().comments) {
            Some(CommentService::Isso { endpoint }) => Some(Isso::new(&endpoint)),
            _ => None,
        });
        let awake = RwSignal::new(false);
        let sort = RwSignal::new(SortOrder::Newest);
        let version = RwSignal::new(0u32);
        let thread = article_thread(&slug);
        let scope = crate::app::use_config().storage_scope().to_string();
        let own = OwnComments::new(&scope);
        let first = LocalResource::new(move || {
            let isso = isso.get().filter(|_| awake.get());
            let order = sort.get();
            let asked = version.get();
            let thread = thread.clone();
            let own = own.clone();
            async move {
                let isso = isso?;
                // Read by the comments' own code, fetched with the first read.
                let page = match crate::deferred::first_page(isso, own, thread, order).await {
                    Ok(read) => read.await,
                    Err(_) => Err(CommentError::CodeUnavailable),
                };
                Some((order, asked, page))
            }
        });
        let store = CommentStore {
            slug: StoredValue::new(slug),
            title: StoredValue::new(title),
            scope: StoredValue::new(scope),
            isso,
            awake,
            server: RwSignal::new(None),
            counts: RwSignal::new(HashMap::new()),
            counts_wanted: RwSignal::new(false),
            passages: StoredValue::new(passages),
            sort,
            version,
            first,
            pages: RwSignal::new(Pages::default()),
            fresh: RwSignal::new(Vec::new()),
            replies_posted: RwSignal::new(0),
            deleted: RwSignal::new(0),
            gone: StoredValue::new(Vec::new()),
            deletions: RwSignal::new(0),
            loading_more: RwSignal::new(false),
            unfold: RwSignal::new(None),
            more_error: RwSignal::new(None),
            generation: StoredValue::new(0),
            shown: RwSignal::new(None),
            passage_threads: StoredValue::new(HashMap::new()),
            in_full: RwSignal::new(Vec::new()),
            linked: RwSignal::new(0),
            owner: StoredValue::new(Owner::current()),
            forms: StoredValue::new(0),
        };
        // A new first page replaces every page shown before it.
        Effect::new(move |_| {
            if let Some(Some((order, _, Ok((page, missing))))) = first.get() {
                store.generation.update_value(|g| *g += 1);
                store.shown.set(Some(order));
                store.loading_more.set(false);
                let before: Vec<i64> = store.fresh.with_untracked(|f| f.iter().map(|c| c.id).collect());
                let mut fresh: Vec<Comment> = store.fresh.get_untracked();
                fresh.retain(|c| missing.iter().any(|m| m.id == c.id));
                fresh.extend(missing.into_iter().filter(|c| !before.contains(&c.id)));
                store.fresh.set(fresh);
                store.replies_posted.set(0);
                store.deleted.set(0);
                if page.config.is_some() && store.server.get_untracked() != page.config {
                    store.server.set(page.config.clone());
                }
                store.pages.set(Pages {
                    loaded: page.replies.len(),
                    total: page.total_replies,
                    hidden: page.hidden_replies,
                    chunks: vec![(0, Arc::new(page.replies))],
                });
            }
        });
        // The counts come in one request, once the store wakes or a marker
        // nears the screen, and again after a retry.
        Effect::new(move |asked: Option<Option<u32>>| {
            let asked = asked.flatten();
            if !(awake.get() || store.counts_wanted.get()) {
                return asked;
            }
            let now = version.get();
            if asked != Some(now) {
                store.load_counts();
            }
            Some(now)
        });
        provide_context(store);
        store
    }

    /// The counts of the passages' threads: one small read each, all at
    /// once, each the same for every reader (so a cache can answer it).
    fn load_counts(self) {
        let Some(isso) = self.isso.get_untracked() else { return };
        let slug = self.slug.get_value();
        let own = self.own();
        for block in self.passages.get_value() {
            let thread = feedback_thread(&slug, &block);
            let isso = isso.clone();
            // A cache may still count the passage as it was before the
            // reader's own latest comments on it.
            let mine = own.recent_shown_top_level(&thread);
            leptos::task::spawn_local(async move {
                if let Ok(count) = isso.count(&thread).await {
                    self.counts.update(|c| {
                        c.insert(thread, count.max(i64::try_from(mine).unwrap_or(i64::MAX)));
                    });
                }
            });
        }
    }

    /// A prefix for the ids of a new form's fields, or of a comment's parts
    /// (a comment may show twice: in a passage's panel and in the feedback
    /// list), unique on the page.
    pub fn form_id(&self) -> String {
        let n = self.forms.get_value();
        self.forms.set_value(n + 1);
        // Apart from the comments' own ids (`comment-{id}`), which count from
        // the same small numbers.
        format!("comment-form-{n}")
    }

    /// A passage marker is near the screen: fetch the counts (only).
    pub fn want_counts(&self) {
        if !self.counts_wanted.get_untracked() {
            self.counts_wanted.set(true);
        }
    }

    /// Whether the site has a comment service.
    pub fn enabled(&self) -> bool {
        self.isso.get().is_some()
    }

    /// The address now names a comment the page does not show yet: the
    /// thread is read, and the list looks for it (see `CommentList`).
    pub fn look_for_linked(&self) {
        self.wake();
        self.linked.update(|n| *n = n.wrapping_add(1));
    }

    /// Tracks what the list shows and [`CommentStore::look_for_linked`],
    /// without copying the list.
    pub fn track_shown(&self) {
        self.pages.track();
        self.fresh.track();
        self.linked.track();
    }

    /// The reader is near the comments or reached for them: from now on the
    /// store may ask the comment server.
    pub fn wake(&self) {
        if !self.awake.get_untracked() {
            self.awake.set(true);
        }
    }

    pub fn is_awake(&self) -> bool {
        self.awake.get()
    }

    pub fn slug(&self) -> String {
        self.slug.get_value()
    }

    /// The article's own thread.
    pub fn thread(&self) -> String {
        article_thread(&self.slug.get_value())
    }

    /// The thread of a passage's inline feedback.
    pub fn passage_thread(&self, block: &str) -> String {
        feedback_thread(&self.slug.get_value(), block)
    }

    /// The server's settings, or the defaults until they arrive.
    pub fn server(&self) -> ServerConfig {
        self.server.get().unwrap_or_default()
    }

    /// The thread's Atom feed, for "Follow this thread".
    pub fn feed_url(&self, thread: &str) -> Option<String> {
        self.isso.get_untracked().map(|isso| isso.feed_url(thread))
    }

    pub fn count(&self, thread: &str) -> Option<i64> {
        self.counts.with(|c| c.get(thread).copied())
    }

    /// The inline feedback left on all passages, once any count is known
    /// (with the server down, none is: that is not zero).
    pub fn feedback_total(&self) -> Option<i64> {
        let slug = self.slug.get_value();
        let known: Vec<i64> = self
            .passages
            .with_value(|blocks| blocks.iter().filter_map(|b| self.count(&feedback_thread(&slug, b))).collect());
        (!known.is_empty()).then(|| known.iter().sum())
    }

    pub fn sort(&self) -> SortOrder {
        self.sort.get()
    }

    pub fn set_sort(&self, order: SortOrder) {
        if self.sort.get_untracked() != order {
            self.sort.set(order);
        } else if untrack(|| self.sort_error()).is_some() {
            // The same order chosen again after it failed: try it again.
            self.retry();
        }
    }

    /// Why the last change of order failed; the list keeps the order it
    /// had (a thread on the screen is not thrown away for a failed sort).
    pub fn sort_error(&self) -> Option<CommentError> {
        let (sort, version, shown) = (self.sort.get(), self.version.get(), self.shown.get());
        // Read in place: the page on hand is not copied to be looked at.
        self.first.with(|first| match first {
            Some(Some((order, asked, Err(error))))
                if *order == sort && *asked == version && shown.is_some_and(|shown| shown != *order) =>
            {
                Some(error.clone())
            }
            _ => None,
        })
    }

    /// The order of the comments on the page: the chosen one, unless
    /// changing to it failed.
    pub fn shown_sort(&self) -> SortOrder {
        match self.sort_error() {
            Some(_) => self.shown.get().unwrap_or_else(|| self.sort.get()),
            None => self.sort.get(),
        }
    }

    pub fn state(&self) -> ThreadState {
        if !self.awake.get() {
            return ThreadState::Asleep;
        }
        let (sort, version, shown) = (self.sort.get(), self.version.get(), self.shown.get());
        // Read in place: the page on hand is not copied to be looked at.
        self.first.with(|first| match first {
            // The page on hand was asked for another sort order or before a
            // retry: the new one is on its way.
            Some(Some((order, asked, _))) if *order != sort || *asked != version => ThreadState::Loading,
            // A failed change of order keeps the list it had.
            Some(Some((order, _, Err(_)))) if shown.is_some_and(|shown| shown != *order) => ThreadState::Ready,
            Some(Some((_, _, Err(error)))) => ThreadState::Failed(error.clone()),
            Some(Some((_, _, Ok(_)))) => ThreadState::Ready,
            _ => ThreadState::Loading,
        })
    }

    fn state_untracked(&self) -> ThreadState {
        untrack(|| self.state())
    }

    /// Loads the thread again (after a failure).
    pub fn retry(&self) {
        self.version.update(|v| *v = v.wrapping_add(1));
    }

    /// Every comment in the thread, replies too (as the server counts
    /// them), the reader's new ones included.
    pub fn total(&self) -> usize {
        self.pages
            .with(|p| p.total)
            .saturating_add(self.fresh.with(|f| f.iter().filter(|c| !c.is_pending()).count()))
            .saturating_add(self.replies_posted.get())
            .saturating_sub(self.deleted.get())
    }

    /// Why "View all comments" stopped short, if it did.
    pub fn more_error(&self) -> Option<CommentError> {
        self.more_error.get()
    }

    /// Top-level comments not shown yet.
    pub fn hidden(&self) -> i64 {
        self.pages.with(|p| p.hidden)
    }

    pub fn is_empty(&self) -> bool {
        self.pages.with(|p| p.loaded == 0) && self.fresh.with(Vec::is_empty)
    }

    pub fn chunks(&self) -> Chunks {
        self.pages.with(|p| p.chunks.clone())
    }

    /// The reader's own new comments, newest last.
    pub fn fresh(&self) -> Vec<Comment> {
        self.fresh.get()
    }

    /// This site's stored drafts.
    pub fn drafts(&self) -> DraftStore {
        self.scope.with_value(|scope| DraftStore::new(scope))
    }

    /// The ids (and, for a while, the text) of this site's comments posted from this browser.
    pub fn own(&self) -> OwnComments {
        self.scope.with_value(|scope| OwnComments::new(scope))
    }

    /// This site's comments liked from this browser.
    pub fn liked(&self) -> LikedComments {
        self.scope.with_value(|scope| LikedComments::new(scope))
    }

    pub fn loading_more(&self) -> bool {
        self.loading_more.get()
    }

    /// Fetches the rest of the thread, page by page, each shown as it
    /// arrives. A change of sort order (or a retry) stops it.
    pub fn view_all(&self) {
        if self.loading_more.get_untracked() || self.pages.with_untracked(|p| p.hidden) <= 0 {
            return;
        }
        let Some(isso) = self.isso.get_untracked() else { return };
        let store = *self;
        let thread = self.thread();
        let order = untrack(|| self.shown_sort());
        let generation = self.generation.get_value();
        // Also false once the reader has left the article (the store is gone).
        let current = move || {
            store.generation.try_get_value() == Some(generation)
                && store.sort.try_get_untracked().is_some()
                && untrack(|| store.shown_sort()) == order
        };
        self.loading_more.set(true);
        self.more_error.set(None);
        leptos::task::spawn_local(async move {
            while current() && store.pages.with_untracked(|p| p.hidden) > 0 {
                let offset = store.pages.with_untracked(|p| p.loaded);
                let mut page = isso.thread(&thread, order, Some(MORE_PAGE), offset).await;
                if !current() {
                    return;
                }
                // Comments already shown are not shown twice (new ones
                // arriving while the reader pages shift the offsets), and a
                // page of nothing new (a server that ignores the offset)
                // stops the loop; "View all" stays to try again.
                if let Ok(page) = page.as_mut() {
                    let received = page.replies.len();
                    store.pages.with_untracked(|p| {
                        page.replies.retain(|c| !p.chunks.iter().any(|(_, chunk)| chunk.iter().any(|s| s.id == c.id)))
                    });
                    if received > 0 && page.replies.is_empty() {
                        break;
                    }
                }
                match page {
                    Ok(page) if !page.replies.is_empty() => {
                        store.pages.update(|p| p.loaded += page.replies.len());
                        for slice in page.replies.chunks(RENDER_CHUNK) {
                            if !current() {
                                return;
                            }
                            store.fresh.update(|f| f.retain(|c| !slice.iter().any(|s| s.id == c.id)));
                            store.pages.update(|p| {
                                let key = p.chunks.len();
                                p.chunks.push((key, Arc::new(slice.to_vec())));
                            });
                            crate::browser::sleep(0).await;
                        }
                        store.pages.update(|p| p.hidden = page.hidden_replies);
                    }
                    Ok(_) => store.pages.update(|p| p.hidden = 0),
                    Err(error) => {
                        store.more_error.set(Some(error));
                        break;
                    }
                }
            }
            // Newest first, comments posted since the first page went above
            // it, where paging by offset never reaches: ask for them by time.
            let complete = store.pages.with_untracked(|p| p.hidden <= 0) && store.more_error.get_untracked().is_none();
            if current() && complete && order == SortOrder::Newest {
                store.catch_up(&isso, &thread).await;
            }
            if current() {
                store.loading_more.set(false);
            }
        });
    }

    /// Shows, first, the top-level comments posted since the newest one shown.
    async fn catch_up(&self, isso: &Isso, thread: &str) {
        let newest = self.pages.with_untracked(|p| {
            p.chunks.iter().flat_map(|(_, chunk)| chunk.iter()).map(|c| c.created).fold(0.0, f64::max)
        });
        if newest <= 0.0 {
            return;
        }
        // A comment that could not be read now is not an error worth a
        // message: the list is as complete as "View all" promised.
        let Ok(page) = isso.thread_since(thread, newest, false).await else { return };
        if self.sort.try_get_untracked().is_none() {
            return;
        }
        let mut new: Vec<Comment> =
            page.replies.into_iter().filter(|c| c.parent.is_none() && !self.shows(c.id)).collect();
        if new.is_empty() {
            return;
        }
        // Kept oldest first, as the reader's own new ones are; the list
        // shows them newest first.
        new.sort_by(|a, b| a.created.total_cmp(&b.created));
        self.fresh.update(|f| f.extend(new));
    }

    /// The inline feedback on one passage, loaded the first time it is asked
    /// for (the reader opened the passage's marker or the feedback filter).
    /// A read that failed is made again when the passage is asked for anew
    /// (its panel opened again).
    pub fn passage_comments(&self, block: &str) -> Loaded {
        let thread = self.passage_thread(block);
        if let Some(existing) = self.passage_threads.with_value(|m| m.get(&thread).copied()) {
            if existing.with_untracked(|l| matches!(l, Some(Err(_)))) {
                self.read_passage(thread, existing);
            }
            return existing;
        }
        let create = || RwSignal::new(None);
        let signal = match self.owner.get_value() {
            Some(owner) => owner.with(create),
            None => create(),
        };
        self.passage_threads.update_value(|m| {
            m.insert(thread.clone(), signal);
        });
        self.wake();
        self.read_passage(thread, signal);
        signal
    }

    /// Reads a passage's first comments into `signal`, which shows it loading meanwhile.
    fn read_passage(&self, thread: String, signal: Loaded) {
        let Some(isso) = self.isso.get_untracked() else { return };
        signal.set(None);
        let own = self.own();
        leptos::task::spawn_local(async move {
            let result = isso
                .thread(&thread, SortOrder::Oldest, Some(PASSAGE_FIRST), 0)
                .await
                .map(|page| passage_page(page, &own, &thread));
            if !signal.is_disposed() {
                signal.set(Some(result));
            }
        });
    }

    /// Reads one passage's feedback again after it failed.
    pub fn retry_passage(&self, block: &str) {
        let thread = self.passage_thread(block);
        if let Some(signal) = self.passage_threads.with_value(|m| m.get(&thread).copied()) {
            self.read_passage(thread, signal);
        }
    }

    /// Whether the reader asked to see all of a passage's comments.
    pub fn passage_in_full(&self, block: &str) -> bool {
        self.in_full.with(|blocks| blocks.iter().any(|b| b == block))
    }

    pub fn set_passage_in_full(&self, block: &str, all: bool) {
        self.in_full.update(|blocks| {
            blocks.retain(|b| b != block);
            if all {
                blocks.push(block.to_string());
            }
        });
    }

    /// Reads all of a passage's feedback, when the reader asks for it. The
    /// first comments stay shown if the read fails.
    pub async fn passage_read_all(&self, block: &str) -> Result<(), CommentError> {
        let thread = self.passage_thread(block);
        let isso = self.isso.get_untracked().ok_or(CommentError::Unreachable)?;
        let page = isso.thread(&thread, SortOrder::Oldest, None, 0).await?;
        let mut feedback = passage_page(page, &self.own(), &thread);
        if let Some(signal) = self.passage_threads.with_value(|m| m.get(&thread).copied()) {
            signal.update(|loaded| {
                if let Some(Ok(before)) = loaded {
                    feedback.posted = std::mem::take(&mut before.posted);
                }
                *loaded = Some(Ok(feedback));
            });
        }
        Ok(())
    }

    /// Posts a comment into `thread` (a reply when `parent` is given). After
    /// an answer that never arrived (a timeout, a dropped connection, even
    /// across a reload), it first looks for the comment in the thread, so a
    /// retry never stores it twice.
    pub async fn post(
        &self,
        thread: String,
        parent: Option<i64>,
        draft: crate::model::CommentDraft,
        earlier: Option<super::compose::Sent>,
    ) -> Result<Posted, CommentError> {
        let isso = self.isso.get_untracked().ok_or(CommentError::Unreachable)?;
        // The reader may leave the article while the post is on its way: what
        // is kept in storage is settled all the same, the page only if it
        // is still there.
        let own = self.own();
        if let Some(earlier) = earlier {
            if let Some(found) = self.find_sent(thread.clone(), parent, &draft, earlier, false).await? {
                return Ok(found);
            }
        }
        let posted = isso.post(&thread, &self.title.get_value(), parent, &draft).await?;
        own.remember(&thread, &posted.comment);
        Ok(self.posted(&thread, parent, posted, false))
    }

    /// The comment that earlier sends of `draft`, whose answers went
    /// missing, left on the server, if they did. `counted`: it was sent
    /// before this page was opened, so the counts read since hold it.
    pub async fn find_sent(
        &self,
        thread: String,
        parent: Option<i64>,
        draft: &crate::model::CommentDraft,
        earlier: super::compose::Sent,
        counted: bool,
    ) -> Result<Option<Posted>, CommentError> {
        let isso = self.isso.get_untracked().ok_or(CommentError::Unreachable)?;
        let found = super::compose::find_posted(&isso, &thread, draft, &earlier).await?;
        // Not the reader's to change: the server's answer, with the cookie
        // that lets them edit it, never came.
        Ok(found.map(|(comment, as_first_sent)| {
            self.posted(&thread, parent, Posted { comment, pending: false, as_first_sent }, counted)
        }))
    }

    /// Whether the article's comments are still on the page.
    pub fn alive(&self) -> bool {
        self.slug.try_with_value(|_| ()).is_some()
    }

    /// The page's bookkeeping after a post the server confirmed.
    fn posted(&self, thread: &str, parent: Option<i64>, posted: Posted, counted: bool) -> Posted {
        if !self.alive() {
            return posted;
        }
        if thread == self.thread() && matches!(self.state_untracked(), ThreadState::Failed(_)) {
            // The thread could not be read, yet the server took the post: it
            // is back, so read the thread again (the reader's own comment
            // comes with it, or is merged in from what they posted).
            self.retry();
            return posted;
        }
        if !posted.pending && !counted {
            self.counts.update(|c| *c.entry(thread.to_string()).or_insert(0) += 1);
        }
        let id = posted.comment.id;
        // A comment the reader deleted this visit may have left its id to
        // this one: the deleted one on the page is not this comment.
        let reused = self.gone.try_update_value(|g| {
            let had = g.contains(&id);
            g.retain(|gone| *gone != id);
            had
        }) == Some(true);
        if reused && self.fresh.with_untracked(|f| f.iter().any(|c| c.id == id)) {
            self.fresh.update(|f| f.retain(|c| c.id != id));
            if thread == self.thread() {
                self.deleted.update(|n| *n = n.saturating_sub(1));
            }
        }
        let (on_page, shown_as_reply) = self.on_page(id);
        let shown = !reused && on_page;
        if parent.is_some() && thread == self.thread() && !posted.pending && !shown_as_reply {
            self.replies_posted.update(|n| *n += 1);
        }
        if parent.is_none() && thread == self.thread() && !shown {
            // The newest comment is shown in place, at the top for "newest",
            // at the end otherwise, so the reader sees it where they look.
            // (A retry that found it already stored may find it on the page.)
            self.fresh.update(|f| f.push(posted.comment.clone()));
        } else if let Some(list) = self.passage_threads.with_value(|m| m.get(thread).copied()) {
            if parent.is_none() {
                // Its feedback could not be read, yet the server took the
                // post: it is back, so read it again (the post comes with it).
                if list.with_untracked(|l| matches!(l, Some(Err(_)))) {
                    self.read_passage(thread.to_string(), list);
                    return posted;
                }
                list.update(|l| {
                    if let Some(Ok(feedback)) = l {
                        if reused && feedback.comments.iter().any(|c| c.id == id) {
                            feedback.comments.retain(|c| c.id != id);
                            feedback.total = feedback.total.saturating_sub(1);
                        }
                        if !feedback.comments.iter().any(|c| c.id == id) {
                            feedback.comments.push(posted.comment.clone());
                            feedback.total += 1;
                        }
                        if !feedback.posted.contains(&id) {
                            feedback.posted.push(id);
                        }
                    }
                });
            }
        }
        posted
    }

    /// Whether the reader deleted comment `id` this visit (and no new
    /// comment has taken its id since).
    pub fn deleted_this_visit(&self, id: i64) -> bool {
        self.deletions.track();
        self.gone.with_value(|g| g.contains(&id))
    }

    /// Whether comment `id` is on the page, top-level or a reply.
    pub fn shows(&self, id: i64) -> bool {
        let (top, reply) = self.on_page(id);
        top || reply
    }

    /// Whether comment `id` is on the page as a top-level comment (in a
    /// page of the thread, or posted this visit), and as a reply.
    fn on_page(&self, id: i64) -> (bool, bool) {
        let (top, reply) = self.pages.with_untracked(|p| {
            let comments = || p.chunks.iter().flat_map(|(_, c)| c.iter());
            (comments().any(|c| c.id == id), comments().any(|c| c.replies.iter().any(|r| r.id == id)))
        });
        (top || self.fresh.with_untracked(|f| f.iter().any(|c| c.id == id)), reply)
    }

    /// Looks for comment `id` among the replies the thread's pages folded
    /// away (Isso sends a page's replies only up to a few per comment): a
    /// reply's own link, from a notification, leads there. Asks for one
    /// comment's folded replies at a time, in the order shown, and at most
    /// for the first hundred with any; says whose replies hold it.
    pub async fn find_folded(&self, id: i64) -> Option<i64> {
        let folded: Vec<(i64, usize)> = self.pages.with_untracked(|p| {
            p.chunks
                .iter()
                .flat_map(|(_, c)| c.iter())
                .filter(|c| c.hidden_replies > 0)
                .map(|c| (c.id, c.replies.len()))
                .take(100)
                .collect()
        });
        for (parent, mut offset) in folded {
            // A comment's folded replies come a page at a time.
            for _ in 0..20 {
                let page = self.more_replies(parent, offset).await.ok()?;
                if page.replies.iter().any(|r| r.id == id) {
                    self.unfold.set(Some(parent));
                    return Some(parent);
                }
                if page.replies.is_empty() || page.hidden_replies <= 0 {
                    break;
                }
                offset += page.replies.len();
            }
        }
        None
    }

    /// The comment whose folded replies are to be opened, if any.
    pub fn unfold_wanted(&self) -> Option<i64> {
        self.unfold.get()
    }

    /// Replies to `parent` that its thread page held back, from `offset` on.
    pub async fn more_replies(&self, parent: i64, offset: usize) -> Result<crate::model::Thread, CommentError> {
        let isso = self.isso.get_untracked().ok_or(CommentError::Unreachable)?;
        isso.replies(&self.thread(), parent, untrack(|| self.shown_sort()), offset).await
    }

    pub async fn like(&self, id: i64) -> Result<i64, CommentError> {
        self.isso.get_untracked().ok_or(CommentError::Unreachable)?.like(id).await
    }

    pub async fn edit(&self, id: i64, text: String) -> Result<Comment, CommentError> {
        let own = self.own();
        let updated = self.isso.get_untracked().ok_or(CommentError::Unreachable)?.edit(id, &text).await?;
        // A cache may hand out the old text for a while: the edit is kept too.
        own.edited(&updated);
        Ok(updated)
    }

    /// Deletes one of the reader's comments in `thread`: the article's
    /// count, or the passage's, goes down by one.
    pub async fn delete(&self, id: i64, thread: &str, pending: bool) -> Result<(), CommentError> {
        let own = self.own();
        self.isso.get_untracked().ok_or(CommentError::Unreachable)?.delete(id).await?;
        own.deleted(id);
        if !self.alive() {
            return Ok(());
        }
        // Isso may give the next comment this id (the highest one was freed).
        self.gone.update_value(|g| g.push(id));
        self.deletions.update(|n| *n = n.wrapping_add(1));
        if pending {
            // Never counted, so nothing to take off.
        } else if thread == self.thread() {
            self.deleted.update(|n| *n += 1);
        } else {
            self.counts.update(|c| {
                if let Some(n) = c.get_mut(thread) {
                    *n = (*n - 1).max(0);
                }
            });
        }
        Ok(())
    }

    /// What the author typed, to edit it as written.
    pub async fn source(&self, id: i64) -> Result<String, CommentError> {
        self.isso.get_untracked().ok_or(CommentError::Unreachable)?.source(id).await
    }

    /// After the server refused to change comment `id`: whether that is
    /// because it was deleted (from another tab or window), so the page
    /// says so rather than that the time to change it has passed.
    pub async fn deleted_elsewhere(&self, id: i64) -> bool {
        let Some(isso) = self.isso.get_untracked() else { return false };
        if isso.exists(id).await != Ok(false) {
            return false;
        }
        self.own().deleted(id);
        true
    }
}

/// The comments of the article on screen, if the page has any.
pub fn use_comments() -> Option<CommentStore> {
    use_context::<CommentStore>()
}

/// A page of a passage's thread as read: without what the reader deleted
/// since a cache kept it, and with what they posted.
fn passage_page(mut page: Thread, own: &OwnComments, thread: &str) -> PassageFeedback {
    page.drop_deleted(&own.recently_deleted(thread));
    passage_feedback(page, own.recent(thread))
}

/// A page of a passage's thread as the panel shows it: with the reader's
/// own latest comments, where a cache's older copy lacks them (as for the
/// article's thread), counted in the total.
fn passage_feedback(mut page: Thread, own: Vec<Comment>) -> PassageFeedback {
    let missing = page.merge_own(own, SortOrder::Oldest);
    let total = page.total_replies.max(page.replies.len()) + missing.len();
    page.replies.extend(missing);
    PassageFeedback { comments: page.replies, total, posted: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: i64) -> Comment {
        serde_json::from_value(serde_json::json!({ "id": id, "text": format!("<p>{id}</p>"), "created": id as f64 }))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn page(ids: std::ops::RangeInclusive<i64>, total: usize) -> Thread {
        let replies: Vec<Comment> = ids.map(comment).collect();
        let hidden = i64::try_from(total.saturating_sub(replies.len())).unwrap_or(0);
        Thread { config: None, total_replies: total, hidden_replies: hidden, replies }
    }

    #[test]
    fn a_passage_read_in_part_knows_how_many_more_there_are() {
        let first = passage_feedback(page(1..=10, 12), vec![comment(12)]);
        // The reader's own comment is among the two not read: it comes with them.
        assert_eq!((first.comments.len(), first.total, first.complete()), (10, 12, false));
        let all = passage_feedback(page(1..=12, 12), vec![comment(12)]);
        assert_eq!((all.comments.len(), all.total, all.complete()), (12, 12, true));
        // A cache's copy older than the reader's new comment: it is added, and counted.
        let stale = passage_feedback(page(1..=3, 3), vec![comment(4)]);
        assert_eq!((stale.comments.len(), stale.total, stale.complete()), (4, 4, true));
    }
}
