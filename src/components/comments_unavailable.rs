use leptos::prelude::*;

/// Why the comment area cannot show its comments (the server is down, or
/// its own code could not be downloaded), with a way to try again.
#[component]
pub fn CommentsUnavailable(
    /// What went wrong, as a clause: "the comment server could not be reached".
    reason: String,
    /// Tries again; the caller says where focus goes once the button is gone.
    on_retry: Callback<()>,
    /// Nothing the reader can do changes it (the page's policy blocks the
    /// server): no Retry, and not "right now".
    #[prop(optional)]
    lasting: bool,
) -> impl IntoView {
    let when = if lasting { "on this page" } else { "right now" };
    view! {
        <div class=if lasting { "comments__unavailable comments__unavailable--lasting" } else { "comments__unavailable" } role="alert">
            <p>{format!("Comments are unavailable {when}: {reason}. The article is still here.")}</p>
            // Named for what it retries: the form's own Retry (a post) may be on the page too.
            {(!lasting).then(|| view! {
                <button type="button" class="button" on:click=move |_| on_retry.run(())>
                    "Retry loading the comments"
                </button>
            })}
        </div>
    }
}
