use leptos::prelude::*;

use crate::comments::{use_comments, CommentError};

/// Why a passage's feedback cannot be shown, with a way to read it again;
/// it is also read again when the browser is back online. No way is
/// offered where the page's policy keeps the comment server out: nothing
/// the reader does changes that.
#[component]
pub fn FeedbackUnavailable(
    /// The block id of the passage.
    block: String,
    error: CommentError,
) -> impl IntoView {
    let store = use_comments();
    let lasting = matches!(error, CommentError::Blocked);
    let block = StoredValue::new(block);
    let retry = move |ev: leptos::ev::MouseEvent| {
        let Some(store) = store else { return };
        // The button goes while the feedback loads: the first control of
        // its place (the passage's link, or the panel's form) takes focus.
        crate::browser::keep_focus_within(ev.current_target(), ".feedback-list__item, .feedback-marker__panel");
        block.with_value(|b| store.retry_passage(b));
    };
    // Back online after a read that could not reach the server: read
    // again without waiting for the reader to press Retry.
    if !lasting {
        let on_online = window_event_listener(leptos::ev::online, move |_| {
            if let Some(store) = store {
                block.with_value(|b| store.retry_passage(b));
            }
        });
        on_cleanup(move || on_online.remove());
    }
    view! {
        <div class="feedback-unavailable" role="alert">
            <p>{format!("This feedback is unavailable: {error}.")}</p>
            {(!lasting).then(|| view! {
                <button type="button" class="button button--quiet" on:click=retry>
                    "Retry loading this feedback"
                </button>
            })}
        </div>
    }
}
