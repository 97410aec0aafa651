use leptos::prelude::*;

/// The first thing Tab reaches: jumps past the header to the page content.
/// Focus is moved by hand: a router would read `#main` as a navigation.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = move |ev: leptos::ev::MouseEvent| {
        if crate::browser::focus_by_id("main") {
            ev.prevent_default();
        }
    };
    view! { <a class="skip-link" href="#main" on:click=skip>"Skip to content"</a> }
}
