use leptos::children::ViewFn;
use leptos::html::Div;
use leptos::prelude::*;

use crate::comments::use_comments;

use crate::deferred::{self, CodeUnavailable};

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
    // A link to a comment on this passage (Isso's reply notifications
    // write one): the panel opens for it.
    // (After the page is adopted: the prerendered page has it closed.)
    Effect::new(move |_| {
        if crate::browser::pending_passage_comment().is_some_and(|(b, _)| block.with_value(|mine| b == *mine)) {
            set_open.set(true);
        }
    });
    let count = move || thread.with_value(|t| store.count(t));
    let panel_id = move || format!("feedback-{}", block.get_value());
    let prompt_text = StoredValue::new(prompt.unwrap_or_else(|| "What do you think of this passage?".to_string()));
    // The panel's form and comments: their code is fetched when the reader
    // first opens it, and again on the next opening if that failed.
    let panel = RwSignal::new(None::<Result<ViewFn, CodeUnavailable>>);
    Effect::new(move |_| {
        if open.get() && !matches!(panel.get_untracked(), Some(Ok(_))) {
            panel.set(None);
            leptos::task::spawn_local(async move {
                let code = deferred::passage_panel(block.get_value(), prompt_text.get_value()).await;
                panel.set(Some(code));
            });
        }
    });
    view! {
        <Show when=move || store.enabled()>
            // Escape closes the panel from its button as from inside it.
            <div
                class="feedback-marker"
                node_ref=marker
                on:keydown=move |ev| {
                    // Not the Escape that cancels an input method's
                    // composition in the panel's comment box.
                    if ev.key() == "Escape" && !ev.is_composing() && open.get_untracked() {
                        ev.stop_propagation();
                        set_open.set(false);
                        if let Some(button) = button.get_untracked() {
                            crate::browser::focus(&button);
                        }
                    }
                }
            >
                <button
                    type="button"
                    class="feedback-marker__button"
                    lang="en"
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
                    // A drawn speech bubble, not an emoji: a system without
                    // an emoji font would show an empty box.
                    <svg class="feedback-marker__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d="M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Z"></path>
                    </svg>
                    <span class="feedback-marker__count" aria-hidden="true">
                        {move || count().map(|n| n.to_string()).unwrap_or_default()}
                    </span>
                </button>
                <Show when=move || open.get()>
                    <div class="feedback-marker__panel" id=panel_id>
                        <p class="feedback-marker__prompt">{prompt_text.get_value()}</p>
                        {move || match panel.get() {
                            Some(Ok(code)) => code.run(),
                            Some(Err(error)) => view! {
                                <p role="alert">{format!("The feedback form is unavailable right now: {error}. Close and open it again to retry.")}</p>
                            }
                            .into_any(),
                            None => view! { <p role="status">"Loading feedback…"</p> }.into_any(),
                        }}
                    </div>
                </Show>
            </div>
        </Show>
    }
    .into_any()
}
