use leptos::prelude::*;

/// What the live region says. The first page of a visit is not announced
/// (the screen reader reads it anyway); later pages are.
#[derive(Clone, Copy)]
pub struct Announcer {
    message: RwSignal<String>,
    pages_seen: RwSignal<u32>,
}

impl Announcer {
    pub fn new() -> Self {
        Announcer { message: RwSignal::new(String::new()), pages_seen: RwSignal::new(0) }
    }

    pub fn announce(&self, title: String) {
        let seen = self.pages_seen.get_untracked();
        self.pages_seen.set(seen + 1);
        if seen > 0 {
            self.message.set(title);
        }
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
