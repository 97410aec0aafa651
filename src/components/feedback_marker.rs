use leptos::html::Div;
use leptos::prelude::*;

use crate::comments::use_comments;

use super::{CommentForm, CommentItem};

/// How many of a passage's comments show before "Show all".
const FIRST_SHOWN: usize = 10;

/// The small marker after a passage that invites feedback: shows how many
/// readers answered and opens that passage's own thread and form in place.
/// Its count is asked for as it nears the screen, before it can be opened.
#[component]
pub fn FeedbackMarker(
    /// The block id of the passage.
    #[prop(into)]
    block: String,
    /// The publisher's question about the passage.
    #[prop(into)]
    prompt: Option<String>,
) -> impl IntoView {
    let Some(store) = use_comments() else {
        return ().into_any();
    };
    let thread = StoredValue::new(store.passage_thread(&block));
    let block = StoredValue::new(block);
    let (open, set_open) = signal(false);
    let marker = NodeRef::<Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    let watching = StoredValue::new_local(None);
    Effect::new(move |_| {
        if let Some(el) = marker.get() {
            watching.set_value(crate::browser::when_near(&el, "400px", move || store.want_counts()));
        }
    });
    let count = move || thread.with_value(|t| store.count(t));
    let comments = move || open.get().then(|| store.passage_comments(&block.get_value()).get()).flatten();
    let panel_id = move || format!("feedback-{}", block.get_value());
    let all = RwSignal::new(false);
    let prompt_text = StoredValue::new(prompt.unwrap_or_else(|| "What do you think of this passage?".to_string()));
    view! {
        <Show when=move || store.enabled()>
            <div class="feedback-marker" node_ref=marker>
                <button
                    type="button"
                    class="feedback-marker__button"
                    node_ref=button
                    aria-expanded=move || open.get().to_string()
                    aria-controls=panel_id
                    // Every marker has the same name; the passage it follows
                    // tells them apart.
                    aria-describedby=block.get_value()
                    aria-label=move || {
                        // The visible count leads the name, so speech input
                        // users can say what they see.
                        match count() {
                            None => "Comments: leave feedback on this passage".to_string(),
                            Some(0) => "0 comments: leave feedback on this passage".to_string(),
                            Some(1) => "1 comment: feedback on this passage".to_string(),
                            Some(n) => format!("{n} comments: feedback on this passage"),
                        }
                    }
                    on:click=move |_| set_open.update(|o| *o = !*o)
                >
                    <span aria-hidden="true">"💬 "</span>
                    <span class="feedback-marker__count" aria-hidden="true">
                        {move || count().map(|n| n.to_string()).unwrap_or_default()}
                    </span>
                </button>
                <Show when=move || open.get()>
                    // Escape closes the panel, as it opens: from its button.
                    <div
                        class="feedback-marker__panel"
                        id=panel_id
                        on:keydown=move |ev| {
                            // Not the Escape that cancels an input method's
                            // composition in the panel's comment box.
                            if ev.key() == "Escape" && !ev.is_composing() {
                                ev.stop_propagation();
                                set_open.set(false);
                                if let Some(button) = button.get_untracked() {
                                    crate::browser::focus(&button);
                                }
                            }
                        }
                    >
                        <p class="feedback-marker__prompt">{prompt_text.get_value()}</p>
                        // The form comes first: a busy passage's comments
                        // would push it far below the passage.
                        <CommentForm thread=thread.get_value() text_label=prompt_text.get_value() />
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
                    </div>
                </Show>
            </div>
        </Show>
    }
    .into_any()
}
