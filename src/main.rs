//! The browser entry point: mount the app into `#app`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use linernotes::app::App;
    use linernotes::config::AppConfig;
    use leptos::prelude::*;

    linernotes::browser::install_panic_hook();
    let config = AppConfig::new(&linernotes::browser::base_path());
    let Some(root) = linernotes::browser::app_root() else {
        web_sys::console::error_1(&"linernotes: the page has no #app element".into());
        return;
    };
    // Clear the loading note in the same task as mounting, so nothing is
    // painted in between.
    root.replace_children_with_node_0();
    leptos::mount::mount_to(root, move || view! { <App config /> }).forget();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("linernotes runs in the browser: build it with `trunk build`.");
}
