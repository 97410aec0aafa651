use leptos::prelude::*;

/// What stands in for content while it loads. Announced politely, and kept
/// the height of a few lines so the footer does not jump up and down.
#[component]
pub fn LoadingNote(
    /// What is loading, e.g. "the article".
    #[prop(into)]
    what: String,
) -> impl IntoView {
    view! {
        <p class="loading-note" role="status">
            {format!("Loading {what}…")}
        </p>
    }
}
