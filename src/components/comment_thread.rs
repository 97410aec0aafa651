use leptos::html::H2;
use leptos::prelude::*;

use crate::comments::{CommentError, CommentStore, ThreadState};
use crate::model::{Comment, SortOrder};

use super::{
    CommentChunks, CommentForm, CommentItem, CommentsUnavailable, FeedbackUnavailable, PassageComments, PassageState,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    All,
    Feedback,
}

/// Everything of the comment area under its heading: the sort order, the
/// filter for inline feedback, the thread as it loads, and the form. Its
/// code is loaded when the area nears the screen (`crate::deferred`).
#[component]
pub fn CommentThread(
    store: CommentStore,
    /// The passages that invite feedback: block id and a short excerpt.
    passages: Vec<(String, String)>,
    /// Whether new comments are accepted.
    open: bool,
    /// The area's heading, where focus goes when a pressed button goes away.
    title: NodeRef<H2>,
) -> impl IntoView {
    let filter = RwSignal::new(Filter::All);
    // `#comments` in the address, and the thread came after the page.
    Effect::new(move |_| crate::browser::reveal_fragment());

    // Retry and "View all comments" go away once they have done their work,
    // with focus on them: it comes to the heading rather than to nowhere.
    // Only after the reader pressed one: the thread also loads as it nears
    // the screen, and that must not move focus or the page.
    let acted = StoredValue::new(false);
    Effect::new(move |was: Option<(u8, bool)>| {
        let stage = match store.state() {
            ThreadState::Asleep => 0,
            ThreadState::Loading => 1,
            ThreadState::Failed(_) => 2,
            ThreadState::Ready => 3,
        };
        let now = (stage, store.hidden() > 0);
        if was.is_some_and(|was| was != now) && acted.get_value() {
            acted.set_value(false);
            if let Some(heading) = title.get_untracked() {
                crate::browser::refocus_if_lost(heading.into(), 1);
            }
        }
        now
    });

    // A reader already past the heading (at Featured, at the page's foot)
    // keeps what they see while the thread fills the area above them.
    // Started before this view is in the page: its own arrival counts.
    let keeper = title.get_untracked().and_then(|heading| {
        let area = heading.parent_element()?;
        crate::browser::keep_place_past(&area, &heading, move || untrack(|| store.state()).is_settled())
    });
    let _keeper = StoredValue::new_local(keeper);

    let has_passages = !passages.is_empty();
    let passages = StoredValue::new(passages);
    let thread = store.thread();

    // A closed thread with no comment has nothing to sort or filter.
    let closed_and_empty = move || !open && matches!(store.state(), ThreadState::Ready) && store.is_empty();
    // A page whose security policy leaves the comment server out can
    // neither read nor post: no form to write into, nor order to choose.
    let blocked = move || matches!(store.state(), ThreadState::Failed(CommentError::Blocked));

    view! {
            <div class="comments__toolbar" hidden=move || closed_and_empty() || blocked()>
                <label class="comments__sort">
                    "Sort "
                    <select on:change:target=move |ev| store.set_sort(SortOrder::from_param(&ev.target().value()))>
                        // The property as well as the attribute: once a reader
                        // has picked an option, its attribute no longer moves
                        // the menu, and an order that fails, then succeeds on
                        // Try again, must show in it.
                        {SortOrder::ALL
                            .into_iter()
                            .map(|o| {
                                let shown = move || store.shown_sort() == o;
                                view! { <option value=o.param() selected=shown prop:selected=shown>{o.label()}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                {move || store.sort_error().map(|error| {
                    let again = error.can_retry();
                    view! {
                        <div class="comments__sort-error" role="status">
                            <p>{format!("The comments could not be put in that order: {error}. They stay as they were.")}</p>
                            {again.then(|| view! {
                                <button type="button" class="button" on:click=move |_| store.retry()>
                                    "Try that order again"
                                </button>
                            })}
                        </div>
                    }
                })}
                {has_passages.then(|| view! {
                    <div class="comments__filter" role="group" aria-label="Show">
                        <button
                            type="button"
                            class="comments__filter-button"
                            aria-pressed=move || (filter.get() == Filter::All).to_string()
                            on:click=move |_| filter.set(Filter::All)
                        >
                            "All comments"
                        </button>
                        <button
                            type="button"
                            class="comments__filter-button"
                            aria-pressed=move || (filter.get() == Filter::Feedback).to_string()
                            on:click=move |_| {
                                store.wake();
                                filter.set(Filter::Feedback)
                            }
                        >
                            {move || match store.feedback_total() {
                                Some(n) => format!("Inline feedback ({n})"),
                                None => "Inline feedback".to_string(),
                            }}
                        </button>
                    </div>
                })}
            </div>
            {move || match (filter.get(), store.state()) {
                (Filter::Feedback, _) => view! {
                    <FeedbackList store passages=passages.get_value() />
                    <button type="button" class="button button--quiet" on:click=move |_| filter.set(Filter::All)>
                        "View all comments"
                    </button>
                }
                .into_any(),
                (Filter::All, ThreadState::Asleep) => view! { <p class="comments__status">"Loading comments…"</p> }.into_any(),
                (Filter::All, ThreadState::Loading) => view! { <p class="comments__status" role="status">"Loading comments…"</p> }.into_any(),
                (Filter::All, ThreadState::Failed(error)) => view! {
                    <CommentsUnavailable
                        lasting=matches!(error, CommentError::Blocked)
                        reason=error.to_string()
                        on_retry=Callback::new(move |()| {
                            acted.set_value(true);
                            store.retry();
                        })
                    />
                }
                .into_any(),
                (Filter::All, ThreadState::Ready) => view! { <CommentList store open acted /> }.into_any(),
            }}
            // The form comes with the thread's first read, which brings the
            // server's settings (the reply-notification box, the feed link):
            // shown before, it would grow under a reader when they came.
            {if open {
                view! { <Show when=move || store.state().is_settled() && !blocked()><CommentForm thread=thread.clone() /></Show> }
                    .into_any()
            } else {
                view! { <p class="comments__closed">"Comments are closed for this article."</p> }.into_any()
            }}
    }
}

/// The thread as loaded so far, with the reader's own new comments where
/// they will look for them, and "View all comments" while more are held back.
#[component]
fn CommentList(
    store: CommentStore,
    open: bool,
    /// Set when the reader presses "View all comments".
    acted: StoredValue<bool>,
) -> impl IntoView {
    let thread = store.thread();
    let newest_first = move || store.shown_sort() == SortOrder::Newest;
    let fresh_items = {
        let thread = thread.clone();
        move || {
            let mut list = store.fresh();
            if newest_first() {
                list.reverse();
            }
            items(list, &thread)
        }
    };
    let fresh_items_end = fresh_items.clone();
    // A link to one comment (`#comment-12`): shown once the page holding
    // it is here; until then, the next pages are read. Not in the whole
    // thread (deleted since, a wrong number), the reader is taken to a
    // note that says so, where it would have been.
    let (missing, set_missing) = signal(false);
    // The comment last looked for among folded replies: looked for once.
    let searched = StoredValue::new(None::<i64>);
    Effect::new(move |_| {
        store.track_shown();
        let loading = store.loading_more();
        let Some(id) = crate::browser::pending_comment() else { return };
        // Found in the page's DOM, nested replies too, within a few frames.
        crate::browser::reveal_fragment();
        if store.shows(id) {
            return;
        }
        if untrack(|| store.hidden()) > 0 {
            store.view_all();
        } else if !loading
            && untrack(|| store.state() == ThreadState::Ready && store.more_error().is_none())
            && searched.get_value() != Some(id)
        {
            // Not on a page: a reply folded under its comment, or gone.
            searched.set_value(Some(id));
            leptos::task::spawn_local(async move {
                if store.find_folded(id).await.is_none() && crate::browser::pending_comment() == Some(id) {
                    set_missing.set(true);
                    crate::browser::reveal_instead("comment-missing");
                }
            });
        }
    });
    view! {
        {move || missing.get().then(|| view! {
            <p class="comments__missing" id="comment-missing" tabindex="-1">
                "The comment this link leads to is not here: it may have been deleted."
            </p>
        })}
        // Closed, the thread's last words say so; "No comments." would repeat it.
        {move || (open && store.is_empty()).then(|| view! {
            <p class="comments__empty">"No comments yet. Start the conversation."</p>
        })}
        <ol class="comment-list" role="list">
            // The reader's own new comments: first when newest come first,
            // last otherwise.
            {move || newest_first().then(fresh_items.clone())}
            <CommentChunks each=Signal::derive(move || store.chunks()) thread=thread.clone() />
            {move || (!newest_first()).then(fresh_items_end.clone())}
        </ol>
        <Show when=move || { store.hidden() > 0 }>
            <button
                type="button"
                class="button button--quiet comments__more"
                aria-busy=move || store.loading_more().to_string()
                on:click=move |_| {
                    acted.set_value(true);
                    store.view_all();
                }
            >
                {move || {
                    if store.loading_more() {
                        "Loading comments…".to_string()
                    } else {
                        format!("View all comments ({} more)", store.hidden())
                    }
                }}
            </button>
            {move || {
                store
                    .more_error()
                    .map(|e| {
                        view! {
                            <p class="form-error comments__more-error" role="alert">
                                {format!("More comments could not be loaded: {e}. Press “View all comments” to try again.")}
                            </p>
                        }
                    })
            }}
        </Show>
    }
}

fn items(list: Vec<Comment>, thread: &str) -> impl IntoView {
    list.into_iter().map(|comment| view! { <CommentItem comment thread=thread.to_string() /> }).collect_view()
}

/// The inline feedback of every passage, each under the passage it is about.
#[component]
fn FeedbackList(store: CommentStore, passages: Vec<(String, String)>) -> impl IntoView {
    view! {
        <ol class="feedback-list" role="list">
            {passages
                .into_iter()
                .map(|(block, excerpt)| {
                    let state = PassageState::of(store, &block);
                    let passage = StoredValue::new(block.clone());
                    view! {
                        <li class="feedback-list__item">
                            <p class="feedback-list__passage">
                                <a href=format!("#{block}")>{format!("On “{excerpt}”")}</a>
                            </p>
                            {move || match state.get() {
                                PassageState::Loading => view! { <p role="status">"Loading feedback…"</p> }.into_any(),
                                PassageState::Empty => {
                                    view! { <p class="comments__empty">"No feedback on this passage yet."</p> }.into_any()
                                }
                                PassageState::Comments => view! { <PassageComments block=passage.get_value() /> }.into_any(),
                                PassageState::Unavailable(error) => {
                                    view! { <FeedbackUnavailable block=passage.get_value() error /> }.into_any()
                                }
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
