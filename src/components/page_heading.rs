use std::cell::Cell;

use leptos::html::H1;
use leptos::prelude::*;

thread_local! {
    // The first heading of a visit is where the reader already is; every
    // later one comes from a navigation (or a retry) and takes focus.
    static SEEN_FIRST_HEADING: Cell<bool> = const { Cell::new(false) };
}

/// The page's `<h1>`. After a navigation it takes focus, so keyboard and
/// screen-reader users start reading at the new page instead of wherever the
/// link was.
#[component]
pub fn PageHeading(
    /// Extra class names for styling by the page.
    #[prop(optional, into)]
    class: String,
    children: Children,
) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    Effect::new(move |_| {
        if let Some(el) = heading.get() {
            if SEEN_FIRST_HEADING.with(|seen| seen.replace(true)) {
                // The heading may still be in a fragment that is about to be
                // inserted; focus it once it is in the document.
                request_animation_frame(move || {
                    if crate::browser::is_connected(&el) {
                        crate::browser::focus(&el);
                    }
                });
            }
        }
    });
    let class = if class.is_empty() { "page-heading".to_string() } else { format!("page-heading {class}") };
    view! {
        <h1 class=class tabindex="-1" node_ref=heading>
            {children()}
        </h1>
    }
}
