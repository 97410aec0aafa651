use leptos::prelude::*;

use crate::comments::use_comments;

use super::{CommentForm, CommentItem};

/// How many of a passage's comments show before "Show all".
const FIRST_SHOWN: usize = 10;

/// What a passage's open feedback panel holds under its question: the form,
/// then the passage's comments. Its code is loaded the first time a reader
/// opens a panel (`crate::deferred`).
#[component]
pub fn PassagePanel(
    /// The block id of the passage.
    block: String,
    /// The question the panel asks, as the form's label.
    prompt: String,
) -> impl IntoView {
    let Some(store) = use_comments() else {
        return ().into_any();
    };
    let thread = StoredValue::new(store.passage_thread(&block));
    let comments = store.passage_comments(&block);
    let comments = move || comments.get();
    let all = RwSignal::new(false);
    view! {
        // The form comes first: a busy passage's comments
        // would push it far below the passage.
        <CommentForm thread=thread.get_value() text_label=prompt.clone() />
        {move || comments().map(|result| match result {
            Ok(list) => {
                let total = list.len();
                let shown = if all.get() { total } else { total.min(FIRST_SHOWN) };
                view! {
                    <ol class="comment-list" role="list">
                        {list
                            .into_iter()
                            .take(shown)
                            .map(|c| view! { <CommentItem comment=c thread=thread.get_value() /> })
                            .collect_view()}
                    </ol>
                    {(total > FIRST_SHOWN).then(|| view! {
                        <button
                            type="button"
                            class="button button--quiet"
                            aria-expanded=move || all.get().to_string()
                            on:click=move |_| all.update(|a| *a = !*a)
                        >
                            {move || if all.get() {
                                "Show fewer comments".to_string()
                            } else {
                                format!("Show all {total} comments on this passage")
                            }}
                        </button>
                    })}
                }
                .into_any()
            }
            Err(e) => view! { <p role="alert">{format!("This feedback is unavailable: {e}.")}</p> }.into_any(),
        })}
    }
    .into_any()
}
