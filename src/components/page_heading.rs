use leptos::html::H1;
use leptos::prelude::*;

/// Which page headings take focus, per app: the first heading of a visit is
/// where the reader already is; every later one comes from a navigation (or
/// a retry) and takes focus. An article mounted in a host's page never
/// moves the host's focus.
#[derive(Clone, Copy)]
pub struct HeadingFocus {
    seen_first: StoredValue<bool>,
    never: bool,
    asked: StoredValue<bool>,
}

impl HeadingFocus {
    /// For the site: focus follows navigation.
    pub fn site() -> Self {
        HeadingFocus { seen_first: StoredValue::new(false), never: false, asked: StoredValue::new(false) }
    }

    /// For a host's page: never, unless the reader asks for it (`ask`).
    pub fn never() -> Self {
        HeadingFocus { seen_first: StoredValue::new(false), never: true, asked: StoredValue::new(false) }
    }

    /// The next heading takes focus: the reader pressed a button (Retry)
    /// that its page replaces, and their focus would be lost with it.
    pub fn ask(&self) {
        self.asked.set_value(true);
    }

    /// Whether the heading now appearing should take focus.
    fn takes_focus(&self) -> bool {
        let seen = self.seen_first.get_value();
        self.seen_first.set_value(true);
        seen && !self.never
    }

    /// Whether `ask` was called since the last heading appeared.
    fn was_asked(&self) -> bool {
        let asked = self.asked.get_value();
        self.asked.set_value(false);
        asked
    }
}

/// The page's `<h1>`. After a navigation it takes focus, so keyboard and
/// screen-reader users start reading at the new page instead of wherever the
/// link was (or the place of the page the link named, once it is there).
#[component]
pub fn PageHeading(
    /// Extra class names for styling by the page.
    #[prop(optional, into)]
    class: String,
    children: Children,
) -> impl IntoView {
    let heading = NodeRef::<H1>::new();
    let focus = use_context::<HeadingFocus>();
    Effect::new(move |_| {
        if let Some(el) = heading.get() {
            if focus.is_some_and(|f| f.was_asked()) {
                // Only if focus went with the button pressed: a retry made
                // by itself (back online) takes nothing from a host's page.
                crate::browser::refocus_if_lost(el.clone().into(), 1);
            }
            if focus.is_some_and(|f| f.takes_focus()) {
                // The heading may still be in a fragment that is about to be
                // inserted; focus it once it is in the document.
                // A link to a passage (`/article/x#h2`) puts focus there.
                request_animation_frame(move || {
                    if crate::browser::is_connected(&el) && !crate::browser::focus_fragment_target() {
                        crate::browser::focus_in_place(&el);
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
