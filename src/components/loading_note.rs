use leptos::prelude::*;

/// What stands in for content while it loads. Announced politely, and kept
/// the height of a few lines so the footer does not jump up and down.
#[component]
pub fn LoadingNote(
    /// What is loading, e.g. "the article".
    #[prop(into)]
    what: String,
    /// It stands for the whole page: the tab says it loads too, rather
    /// than keep the title of the page the reader left.
    #[prop(optional)]
    titled: bool,
) -> impl IntoView {
    if titled {
        let catalog = use_context::<crate::app::Catalog>();
        let title = format!("Loading {what}…");
        Effect::new(move |_| {
            let site = catalog.map(|c| c.site()).unwrap_or_default();
            crate::browser::set_title(&site.page_title(&title));
        });
    }
    view! {
        <p class="loading-note" role="status">
            {format!("Loading {what}…")}
        </p>
    }
}
