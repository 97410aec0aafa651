use leptos::prelude::*;

use super::Announcer;

/// Sets `document.title` and the meta description for the current page, and
/// announces the title to screen readers after a navigation. After one, the
/// head's link-preview tags, written for the first page, follow too (see
/// `browser::set_preview_tags`). Renders nothing.
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
        let site = catalog.map(|c| c.site()).unwrap_or_default();
        let full = site.page_title(&title);
        crate::browser::set_page_meta(&full, &description);
        let Some(announcer) = announcer else { return };
        if announcer.announce(crate::browser::current_path(), full) {
            let short = if title.is_empty() { site.name.as_str() } else { title.as_str() };
            crate::browser::set_preview_tags(site.origin(), short, &description);
        }
    });
}
