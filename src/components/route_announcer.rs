use leptos::prelude::*;

/// What the live region says. The first page of a visit is not announced
/// (the screen reader reads it anyway); later pages are.
#[derive(Clone, Copy)]
pub struct Announcer {
    message: RwSignal<String>,
    /// The path of the page last named, `None` before the first.
    last_path: RwSignal<Option<String>>,
    /// Whether the reader has left the visit's first page.
    navigated: RwSignal<bool>,
}

impl Announcer {
    pub fn new() -> Self {
        Announcer {
            message: RwSignal::new(String::new()),
            last_path: RwSignal::new(None),
            navigated: RwSignal::new(false),
        }
    }

    /// Names the page at `path` after a navigation. The visit's first page
    /// is not named (a screen reader reads a new page as it loads), nor a
    /// page named again at the same path: `site.json` arriving after the
    /// page, or a page's loading state giving way to its content, is not a
    /// new page. Returns whether the reader has navigated since the first
    /// page.
    pub fn announce(&self, path: String, title: String) -> bool {
        let last = self.last_path.get_untracked();
        if last.as_deref() != Some(path.as_str()) {
            if last.is_some() {
                self.navigated.set(true);
                self.message.set(title);
            }
            self.last_path.set(Some(path));
        }
        self.navigated.get_untracked()
    }
}

impl Default for Announcer {
    fn default() -> Self {
        Self::new()
    }
}

/// A polite live region, visually hidden, that names each new page.
#[component]
pub fn RouteAnnouncer() -> impl IntoView {
    let announcer = use_context::<Announcer>().unwrap_or_default();
    view! {
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
            {move || announcer.message.get()}
        </div>
    }
}
