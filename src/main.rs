//! The browser entry point: mount the app into `#app`, taking over the
//! prerendered page when there is one.

#[cfg(target_arch = "wasm32")]
fn main() {
    use leptos::prelude::*;
    use linernotes::app::App;
    use linernotes::browser;
    use linernotes::config::AppConfig;
    use linernotes::model::{parse_seed, Seed};

    browser::install_panic_hook();
    // Started by mount.js inside another site's page: mount there instead.
    if let Some(requests) = browser::mount_requests() {
        use linernotes::model::{is_valid_slug, EmbedParts};
        use linernotes::mounted::MountedArticle;
        for request in requests {
            let (Some(config), true) = (AppConfig::remote(&request.src), is_valid_slug(&request.article)) else {
                web_sys::console::error_1(
                    &"linernotes: data-linernotes-mount needs an http(s) address and data-article a slug".into(),
                );
                continue;
            };
            let slug = request.article;
            let parts = EmbedParts::parse(Some(&request.parts));
            request.element.set_class_name("ln-mount");
            leptos::mount::mount_to(request.element, move || view! { <MountedArticle config slug parts /> }).forget();
        }
        return;
    }
    let config = AppConfig::new(&browser::base_path());
    let Some(root) = browser::app_root() else {
        web_sys::console::error_1(&"linernotes: the page has no #app element".into());
        return;
    };
    // A prerendered page says what it was built from; a page without one
    // (404.html, for routes published after the build) loads everything.
    let seed = match browser::seed_text().map(|text| parse_seed(&text)) {
        Some(Ok(parsed)) => {
            for skipped in &parsed.skipped {
                browser::warn(&format!("linernotes: prerendered data: {skipped}"));
            }
            parsed.value
        }
        Some(Err(error)) => {
            browser::warn(&format!(
                "linernotes: the page's prerendered data is unusable ({error}); loading it instead"
            ));
            Seed::default()
        }
        None => Seed::default(),
    };
    // Swap the prerendered nodes for live ones in one task, so nothing is
    // painted in between; the reader's focus goes back to the same control.
    let focus = browser::focus_position(&root);
    let scroll = browser::scroll_position();
    root.replace_children_with_node_0();
    leptos::mount::mount_to(root.clone(), move || view! { <App config seed /> }).forget();
    // The routed page fills in during this task's microtasks; put the
    // reader back before the next frame is painted.
    let live = root.clone();
    request_animation_frame(move || {
        browser::restore_scroll(scroll);
        browser::restore_focus(&live, focus);
    });
    // For embedders' scripts and tests: the page is live from here on.
    let _ = root.set_attribute("data-app", "live");
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("linernotes runs in the browser: build it with `trunk build`.");
}
