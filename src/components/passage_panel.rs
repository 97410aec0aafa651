use leptos::prelude::*;

use crate::comments::{use_comments, CommentError};

use super::{CommentForm, FeedbackUnavailable, InPanel, PassageComments, PassageState};

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
    provide_context(InPanel);
    let thread = store.passage_thread(&block);
    let state = PassageState::of(store, &block);
    let block = StoredValue::new(block);
    view! {
        // The form comes first: a busy passage's comments
        // would push it far below the passage. None where the page's
        // security policy leaves the comment server out: it cannot post.
        <Show when=move || !matches!(state.get(), PassageState::Unavailable(CommentError::Blocked))>
            <CommentForm thread=thread.clone() text_label=prompt.clone() />
        </Show>
        {move || match state.get() {
            PassageState::Comments => view! { <PassageComments block=block.get_value() /> }.into_any(),
            PassageState::Unavailable(error) => {
                view! { <FeedbackUnavailable block=block.get_value() error /> }.into_any()
            }
            PassageState::Loading | PassageState::Empty => ().into_any(),
        }}
    }
    .into_any()
}
