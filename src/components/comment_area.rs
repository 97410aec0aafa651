use leptos::children::ViewFn;
use leptos::html::{Section, H2};
use leptos::prelude::*;

use crate::comments::{use_comments, CommentError, CommentStore, ThreadState};
use crate::deferred::{self, CodeUnavailable};

use super::CommentsUnavailable;

/// The comment area under the article: count, sort order, the first page
/// of comments with "View all comments", the form, and a filter for the
/// inline feedback left on passages of the article. It asks the comment
/// server nothing until it comes near the screen, and fetches the code of
/// everything under its heading (`CommentThread`) a little before, so a
/// reader who scrolls on finds the thread, not its loading note.
#[component]
pub fn CommentArea(
    /// The passages that invite feedback: block id and a short excerpt.
    passages: Vec<(String, String)>,
    /// Whether new comments are accepted.
    #[prop(default = true)]
    open: bool,
) -> impl IntoView {
    let Some(store) = use_comments() else {
        return ().into_any();
    };
    view! {
        <Show when=move || store.enabled()>
            <CommentSection store passages=passages.clone() open />
        </Show>
    }
    .into_any()
}

#[component]
fn CommentSection(store: CommentStore, passages: Vec<(String, String)>, open: bool) -> impl IntoView {
    let section = NodeRef::<Section>::new();
    let title = NodeRef::<H2>::new();

    // The thread's code: fetched when the area is two screens or so away,
    // or at the latest when the store wakes; a failed fetch is tried again
    // when the store wakes and from the Retry button.
    let thread = RwSignal::new(None::<Result<ViewFn, CodeUnavailable>>);
    let fetching = StoredValue::new(false);
    let passages = StoredValue::new(passages);
    let fetch_code = move || {
        if fetching.get_value() || matches!(thread.get_untracked(), Some(Ok(_))) {
            return;
        }
        fetching.set_value(true);
        leptos::task::spawn_local(async move {
            let code = deferred::comment_thread(store, passages.get_value(), open, title).await;
            fetching.set_value(false);
            thread.set(Some(code));
        });
    };

    let watching = StoredValue::new_local(Vec::new());
    Effect::new(move |_| {
        if let Some(el) = section.get() {
            // `#comments` in the address, and the area came after the page.
            crate::browser::reveal_fragment();
            // A link to one comment: its thread is read now, not when the
            // reader happens to scroll near it.
            if crate::browser::address_names_comment() {
                store.wake();
            }
            let watches = [
                crate::browser::when_near(&el, "1200px", fetch_code),
                crate::browser::when_near(&el, "600px", move || store.wake()),
            ];
            watching.set_value(watches.into_iter().flatten().collect());
        }
    });
    // An in-page link to a comment (the browser's to follow) that is not
    // on the page yet: noted, and looked for as a link from elsewhere is.
    let on_hash = window_event_listener(leptos::ev::hashchange, move |_| {
        crate::browser::note_fragment_at_start();
        if crate::browser::pending_comment().is_some() {
            store.look_for_linked();
        }
    });
    on_cleanup(move || on_hash.remove());
    let asked = RwSignal::new(0u32);
    // The code fetched again, and the thread's first read, which needed it.
    let retry_code = move || {
        thread.set(None);
        asked.update(|n| *n += 1);
        store.retry();
    };
    // Back online after a read that could not reach the server (or its
    // code that could not be downloaded): read again, as the article
    // itself is, without waiting for the reader to press Retry.
    let on_online = window_event_listener(leptos::ev::online, move |_| {
        if !store.is_awake() {
            return;
        }
        if matches!(thread.get_untracked(), Some(Err(_))) {
            retry_code();
        } else if matches!(
            untrack(|| store.state()),
            ThreadState::Failed(CommentError::Unreachable | CommentError::Timeout)
        ) || matches!(untrack(|| store.sort_error()), Some(CommentError::Unreachable | CommentError::Timeout))
        {
            store.retry();
        }
    });
    on_cleanup(move || on_online.remove());
    Effect::new(move |_| {
        asked.track();
        if store.is_awake() {
            if matches!(thread.get_untracked(), Some(Err(_))) {
                thread.set(None);
            }
            fetch_code();
        }
    });

    let heading = move || match store.state() {
        ThreadState::Ready => match store.total() {
            // Closed with none: the area says only that it is closed.
            0 if !open => "Comments".to_string(),
            1 => "1 comment".to_string(),
            n => format!("{n} comments"),
        },
        _ => "Comments".to_string(),
    };

    view! {
        <section
            class=if open { "comments comments--open" } else { "comments" }
            id="comments"
            aria-labelledby="comments-title"
            node_ref=section
        >
            <h2 class="comments__title" id="comments-title" tabindex="-1" node_ref=title>{heading}</h2>
            {move || match thread.get() {
                // Fetched (or failed) early: nothing shows before the thread
                // is being read, and a failure is tried again then.
                _ if !store.is_awake() => view! { <p class="comments__status">"Loading comments…"</p> }.into_any(),
                Some(Ok(code)) => code.run(),
                Some(Err(error)) => view! {
                    <CommentsUnavailable
                        reason=error.to_string()
                        on_retry=Callback::new(move |()| {
                            retry_code();
                            // The button goes: focus comes to the heading.
                            if let Some(heading) = title.get_untracked() {
                                crate::browser::refocus_if_lost(heading.into(), 1);
                            }
                        })
                    />
                }
                .into_any(),
                None => view! { <p class="comments__status">"Loading comments…"</p> }.into_any(),
            }}
        </section>
    }
}
