use leptos::prelude::*;

use super::Announcer;

/// Sets `document.title` and the meta description for the current page, and
/// announces the title to screen readers after a navigation. Renders nothing.
#[component]
pub fn PageMeta(
    /// The page's own title; the site name is added after it.
    #[prop(into)]
    title: String,
    /// The text for `<meta name="description">`.
    #[prop(into)]
    description: String,
) -> impl IntoView {
    let announcer = use_context::<Announcer>();
    let catalog = use_context::<crate::app::Catalog>();
    Effect::new(move |_| {
        let full = catalog.map(|c| c.site()).unwrap_or_default().page_title(&title);
        crate::browser::set_page_meta(&full, &description);
        if let Some(announcer) = announcer {
            announcer.announce(full);
        }
    });
}
