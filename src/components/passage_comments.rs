use leptos::prelude::*;

use crate::comments::{use_comments, CommentError, CommentStore, PASSAGE_FIRST};

use super::CommentItem;

/// A passage's comments, oldest first: the first few the store read, and
/// "Show all N comments on this passage", which reads the rest once (a
/// passage that went viral may hold thousands) and then shows fewer or all,
/// as the reader last chose, also when the panel is opened again. What the
/// reader posted this visit shows either way.
/// It follows the store's list as comments are posted, so the button keeps
/// its place and the reader's focus.
#[component]
pub fn PassageComments(
    /// The block id of the passage.
    block: String,
) -> impl IntoView {
    let Some(store) = use_comments() else {
        return ().into_any();
    };
    let thread = StoredValue::new(store.passage_thread(&block));
    let loaded = store.passage_comments(&block);
    // Read in place: a passage shown in full may hold thousands of comments.
    let total = Memo::new(move |_| loaded.with(|l| l.as_ref().and_then(|r| r.as_ref().ok()).map_or(0, |f| f.total)));
    let complete =
        Memo::new(move |_| loaded.with(|l| l.as_ref().and_then(|r| r.as_ref().ok()).is_none_or(|f| f.complete())));
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let block = StoredValue::new(block);
    let in_full = move || block.with_value(|b| store.passage_in_full(b));
    let all_shown = move || complete.get() && in_full();
    let toggle = move |_: ()| {
        if complete.get_untracked() {
            let all = !untrack(in_full);
            block.with_value(|b| store.set_passage_in_full(b, all));
            return;
        }
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            let read = store.passage_read_all(&block.get_value()).await;
            busy.set(false);
            match read {
                Ok(()) => block.with_value(|b| store.set_passage_in_full(b, true)),
                Err(error) => failed.set(Some(error.to_string())),
            }
        });
    };
    // A link named one of this passage's comments: all of them are read
    // if it is not among the first, and the page goes to it once it is
    // shown; to the passage itself if it is not there (deleted since).
    Effect::new(move |_| {
        let Some((named, id)) = crate::browser::pending_passage_comment() else { return };
        if block.with_value(|b| *b != named) {
            return;
        }
        let found = loaded.with(|l| match l {
            Some(Ok(feedback)) => Some(feedback.comments.iter().position(|c| c.id == id)),
            _ => None,
        });
        match found {
            None => {}
            Some(Some(at)) if at >= PASSAGE_FIRST && !untrack(all_shown) => toggle(()),
            Some(Some(_)) => crate::browser::reveal_fragment(),
            Some(None) if !complete.get() => toggle(()),
            Some(None) => crate::browser::reveal_instead(&named),
        }
    });
    view! {
        <ol class="comment-list" role="list">
            {move || {
                let all = all_shown();
                let shown: Vec<_> = loaded.with(|l| match l {
                    Some(Ok(feedback)) => feedback
                        .comments
                        .iter()
                        .enumerate()
                        .filter(|(i, c)| all || *i < PASSAGE_FIRST || feedback.posted.contains(&c.id))
                        .map(|(_, c)| c.clone())
                        .collect(),
                    _ => Vec::new(),
                });
                shown.into_iter().map(|comment| view! { <CommentItem comment thread=thread.get_value() /> }).collect_view()
            }}
        </ol>
        <Show when=move || { total.get() > PASSAGE_FIRST }>
            <button
                type="button"
                class="button button--quiet"
                aria-expanded=move || all_shown().to_string()
                aria-busy=move || busy.get().to_string()
                on:click=move |_| toggle(())
            >
                {move || {
                    if all_shown() {
                        "Show fewer comments".to_string()
                    } else if busy.get() {
                        "Loading all comments…".to_string()
                    } else {
                        format!("Show all {} comments on this passage", total.get())
                    }
                }}
            </button>
        </Show>
        {move || failed.get().map(|error| view! {
            <p class="form-error" role="alert">
                {format!("The rest of this feedback could not be loaded: {error}. Press the button to try again.")}
            </p>
        })}
    }
    .into_any()
}

/// What a passage's place shows, before its comments: drawn anew only when
/// this changes (the list comes, empties or fails), so `PassageComments`
/// within follows the list itself.
#[derive(Debug, Clone, PartialEq)]
pub enum PassageState {
    Loading,
    Empty,
    Comments,
    Unavailable(CommentError),
}

impl PassageState {
    pub fn of(store: CommentStore, block: &str) -> Memo<PassageState> {
        let loaded = store.passage_comments(block);
        Memo::new(move |_| match loaded.get() {
            None => PassageState::Loading,
            Some(Ok(feedback)) if feedback.comments.is_empty() => PassageState::Empty,
            Some(Ok(_)) => PassageState::Comments,
            Some(Err(e)) => PassageState::Unavailable(e),
        })
    }
}
