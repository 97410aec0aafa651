use leptos::prelude::*;

use crate::comments::{Chunks, CommentEntry};

use super::CommentItem;

/// Comments in chunks that only grow (a thread's pages, a comment's
/// replies): each chunk is drawn once, by its key, so the comments already
/// shown keep what the reader was doing in them (an open reply form, the
/// button focus goes back to) when more come. The thread and the replies
/// share this one keyed list, and so its code.
#[component]
pub fn CommentChunks(
    /// The chunks, each keyed for as long as it is shown.
    each: Signal<Chunks>,
    /// The thread they belong to.
    #[prop(into)]
    thread: String,
    /// The top-level comment, for a list of its replies.
    #[prop(optional)]
    top: Option<CommentEntry>,
) -> impl IntoView {
    view! {
        <For
            each=move || each.get()
            key=|(key, _)| *key
            children=move |(_, slice)| {
                slice
                    .iter()
                    .cloned()
                    .map(|comment| match top {
                        Some(top) => view! { <CommentItem comment thread=thread.clone() top /> }.into_any(),
                        None => view! { <CommentItem comment thread=thread.clone() /> }.into_any(),
                    })
                    .collect_view()
            }
        />
    }
}
