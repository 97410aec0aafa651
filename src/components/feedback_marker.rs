use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::comments::feedback_thread;
use crate::model::{Comment, SortOrder};

use super::{CommentForm, CommentItem, CommentsContext};

/// The small marker after a passage that invites feedback: shows how many
/// readers answered and opens that passage's own thread and form in place.
#[component]
pub fn FeedbackMarker(
    /// The block id of the passage.
    #[prop(into)]
    block: String,
    /// The publisher's question about the passage.
    #[prop(into)]
    prompt: Option<String>,
) -> impl IntoView {
    let Some(ctx) = use_context::<CommentsContext>() else {
        return ().into_any();
    };
    let thread = feedback_thread(&ctx.slug, &block);
    let (open, set_open) = signal(false);
    let comments = RwSignal::new(None::<Vec<Comment>>);
    let isso = ctx.isso;
    let thread_for_count = StoredValue::new(thread.clone());
    let counts_for_label = ctx.counts;
    let count = move || thread_for_count.with_value(|t| counts_for_label.with(|c| c.get(t).copied())).unwrap_or(0);
    let thread_for_load = thread.clone();
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        let Some(isso) = isso.get() else { return };
        let thread = thread_for_load.clone();
        spawn_local(async move {
            if let Ok(t) = isso.thread(&thread, SortOrder::Oldest, None, 0).await {
                comments.set(Some(t.replies));
            }
        });
    });
    let panel_id = StoredValue::new(format!("feedback-{block}"));
    let prompt_text = StoredValue::new(prompt.unwrap_or_else(|| "What do you think of this passage?".to_string()));
    let thread_for_form = StoredValue::new(thread.clone());
    let thread_for_list = StoredValue::new(thread.clone());
    let counts = ctx.counts;
    let label_count = count;
    view! {
        <Show when=move || isso.get().is_some()>
            <div class="feedback-marker">
                <button
                    type="button"
                    class="feedback-marker__button"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=panel_id.get_value()
                    aria-label=move || {
                        // The visible count leads the name, so speech
                        // input users can say what they see.
                        match label_count() {
                            0 => "0 comments: leave feedback on this passage".to_string(),
                            1 => "1 comment: feedback on this passage".to_string(),
                            n => format!("{n} comments: feedback on this passage"),
                        }
                    }
                    on:click=move |_| set_open.update(|o| *o = !*o)
                >
                    <span aria-hidden="true">"💬 "</span>
                    <span class="feedback-marker__count" aria-hidden="true">{count}</span>
                </button>
                <Show when=move || open.get()>
                    <div class="feedback-marker__panel" id=panel_id.get_value()>
                        <p class="feedback-marker__prompt">{prompt_text.get_value()}</p>
                        {move || comments.get().map(|list| {
                            let thread = thread_for_list.get_value();
                            view! {
                                <ol class="comment-list" role="list">
                                    {list.into_iter().map(|c| view! { <CommentItem comment=c thread=thread.clone() /> }).collect_view()}
                                </ol>
                            }
                        })}
                        <CommentForm
                            thread=thread_for_form.get_value()
                            text_label=prompt_text.get_value()
                            on_posted={
                                let thread = thread_for_form.get_value();
                                Callback::new(move |posted: crate::comments::Posted| {
                                    if !posted.pending {
                                        counts.update(|c| *c.entry(thread.clone()).or_insert(0) += 1);
                                    }
                                    comments.update(|c| c.get_or_insert_with(Vec::new).push(posted.comment));
                                })
                            }
                        />
                    </div>
                </Show>
            </div>
        </Show>
    }
    .into_any()
}
