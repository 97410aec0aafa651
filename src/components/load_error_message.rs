use leptos::prelude::*;

use crate::model::LoadError;

use super::PageHeading;

/// A failed load, said plainly: what could not be shown, why, and (when
/// trying again might help) a Retry button.
#[component]
pub fn LoadErrorMessage(
    /// What the reader was trying to see, e.g. "the article “film-out”".
    #[prop(into)]
    what: String,
    /// Why it failed.
    error: LoadError,
    /// Called by the Retry button.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
    /// Whether this message is the page's main heading.
    #[prop(optional)]
    as_page: bool,
) -> impl IntoView {
    let headline = match &error {
        LoadError::Network(_) => "We couldn’t reach the server",
        LoadError::Timeout => "The server is taking too long",
        LoadError::Http(_) => "The server had a problem",
        LoadError::TooLarge { .. } => "This content is too large to show",
        _ => "This content has a problem",
    };
    let detail = format!("We couldn’t show {what}: {error}.");
    let advice = match &error {
        LoadError::Network(_) | LoadError::Timeout => "Check your connection, then try again.",
        LoadError::Http(_) => "This is usually brief. Try again in a moment.",
        _ => "The rest of the site still works. If this keeps happening, please tell the publisher.",
    };
    // A web page, or data cut short, is often a host's passing fault (a
    // login or error page, a dropped connection) more than the file's.
    let retry =
        on_retry.filter(|_| error.is_transient() || matches!(error, LoadError::NotJson | LoadError::Truncated { .. }));
    // Until the answer comes, the button says it is at work (a message
    // that comes back unchanged would otherwise look like nothing happened).
    let (trying, set_trying) = signal(false);
    if let (Some(retry), LoadError::Network(_)) = (retry, &error) {
        // Back online: try again without waiting to be asked.
        let handle = window_event_listener(leptos::ev::online, move |_| {
            if !trying.get_untracked() {
                set_trying.set(true);
                retry.run(());
            }
        });
        on_cleanup(move || handle.remove());
    }
    view! {
        <section class="load-error" role="alert">
            {if as_page {
                view! { <PageHeading>{headline}</PageHeading> }.into_any()
            } else {
                view! { <h2 class="load-error__title">{headline}</h2> }.into_any()
            }}
            <p>{detail}</p>
            <p>{advice}</p>
            {retry.map(|retry| view! {
                <button
                    type="button"
                    class="button"
                    aria-busy=move || trying.get().to_string()
                    on:click=move |_| {
                        if !trying.get_untracked() {
                            set_trying.set(true);
                            retry.run(());
                        }
                    }
                >
                    {move || if trying.get() { "Trying again…" } else { "Retry" }}
                </button>
            })}
        </section>
    }
}
