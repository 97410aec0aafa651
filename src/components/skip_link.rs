use leptos::prelude::*;

/// The first thing Tab reaches: jumps past the header to the page content.
/// Focus is moved by hand: a router would read `#main` as a navigation.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = move |ev: leptos::ev::MouseEvent| {
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            let main = document().get_element_by_id("main").and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(main) = main {
                ev.prevent_default();
                crate::browser::focus(&main);
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = ev;
    };
    view! { <a class="skip-link" href="#main" on:click=skip>"Skip to content"</a> }
}
