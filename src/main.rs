//! The browser entry point: adopt the prerendered page when it is exactly
//! what this build renders, otherwise mount the app into `#app`.

#[cfg(target_arch = "wasm32")]
fn main() {
    use leptos::prelude::*;
    use linernotes::browser;
    use linernotes::config::AppConfig;

    browser::install_panic_hook();
    browser::install_executor();
    // Started by mount.js inside another site's page: mount there instead.
    if let Some(requests) = browser::mount_requests() {
        use linernotes::model::{is_valid_slug, EmbedParts};
        use linernotes::mounted::MountedArticle;
        for request in requests {
            let (Some(config), true) = (AppConfig::remote(&request.src), is_valid_slug(&request.article)) else {
                browser::error("linernotes: data-linernotes-mount needs an http(s) address and data-article a slug");
                continue;
            };
            let slug = request.article;
            let parts = EmbedParts::parse(Some(&request.parts));
            // mount.js put a plain link there for readers the app never
            // reaches; the article takes its place.
            request.element.set_text_content(None);
            request.element.set_class_name("ln-mount");
            leptos::mount::mount_to(request.element, move || view! { <MountedArticle config slug parts /> }).forget();
        }
        return;
    }
    // The page is readable already: each step of the takeover (check the
    // markup, read the seed, adopt) is a task of its own, so the browser
    // answers the reader between them.
    wasm_bindgen_futures::spawn_local(start());
}

#[cfg(target_arch = "wasm32")]
async fn start() {
    use linernotes::browser;
    use linernotes::config::AppConfig;
    use linernotes::model::{parse_seed, Seed};

    browser::sleep(0).await;
    let config = AppConfig::new(&browser::base_path());
    let Some(root) = browser::app_root() else {
        browser::error("linernotes: the page has no #app element");
        return;
    };
    // A prerendered page says what it was built from; a page without one
    // (404.html, for routes published after the build) loads everything.
    browser::note_fragment_at_start();
    let seed_text = browser::seed_text();
    // From here until the page is adopted, any edit to it is seen: the
    // check below takes several tasks on a long article.
    let watch = browser::ChangeWatch::new(&root);
    let markup = markup_matches(&root, seed_text.as_deref()).await;
    let watch = if markup.is_ok() { watch } else { None };
    browser::mark("linernotes:checked");
    browser::sleep(0).await;

    let seed = match seed_text.as_deref().map(parse_seed) {
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
    let verdict = markup.and_then(|()| route_matches(&config, &seed));
    browser::mark("linernotes:seed-read");
    browser::sleep(0).await;

    let verdict = verdict.and_then(|()| unchanged(watch.as_ref()));
    match verdict {
        Ok(()) => adopt(root.clone(), config, seed, watch).await,
        Err(why) => {
            drop(watch);
            let shell = why.is_none();
            if let Some(why) = why {
                browser::warn(&format!("linernotes: {why}; rendering the page anew"));
            }
            replace(root.clone(), config, seed);
            if shell {
                // The app shell (or a search's empty page) had nothing for
                // the browser to scroll back to on a reload: the reader's
                // place comes from its history entry, once the page is tall
                // enough again.
                browser::return_to_remembered_place();
            }
        }
    }
    browser::mark("linernotes:live");
    // For embedders' scripts and tests: the page is live from here on.
    let _ = root.set_attribute("data-app", "live");
}

/// Whether the markup in `#app` is exactly what this build wrote from the
/// seed the page carries, so the app can take its nodes over as they are.
/// `Err(None)`: not a prerendered page; `Err(Some(why))`: one that differs.
#[cfg(target_arch = "wasm32")]
async fn markup_matches(root: &web_sys::HtmlElement, seed_text: Option<&str>) -> Result<(), Option<String>> {
    use linernotes::browser;
    use linernotes::model::{text_digest, BUILD_ID};

    let (build, digest, seed_digest) = browser::page_marks(root).ok_or(None)?;
    let seed_text = seed_text.ok_or(None)?;
    if build != BUILD_ID {
        return Err(Some(format!("the page was built by another release ({build}, this is {BUILD_ID})")));
    }
    if text_digest(seed_text) != seed_digest {
        return Err(Some("the page's data is not what it was built with".into()));
    }
    if browser::dom_digest(root).await != digest {
        return Err(Some("the page's content was changed after it was built".into()));
    }
    Ok(())
}

/// Whether the seed was built for this address: the path under the site's
/// base, with or without a trailing slash, and no query the app reads (a
/// search changes what the page shows; a tracking tag does not).
/// `Err(None)` for a search's address, which is rendered anew by design.
#[cfg(target_arch = "wasm32")]
fn route_matches(config: &linernotes::config::AppConfig, seed: &linernotes::model::Seed) -> Result<(), Option<String>> {
    use linernotes::browser;

    if seed.path.is_empty() {
        return Err(Some("the page's prerendered data names no page".into()));
    }
    let (route, query) = linernotes::router::split_address(&config.base, &browser::current_address());
    let route = if route.len() > 1 { route.trim_end_matches('/') } else { route.as_str() };
    if route != seed.path {
        let here = if query.is_empty() { route.to_string() } else { format!("{route}?{query}") };
        return Err(Some(format!("the page was built for {}, not {here}", seed.path)));
    }
    // A search's own address (`/search?q=…`, a bookmark, an old site's
    // search led here): its page was built empty, and rendering it with the
    // results is what it is for, not a fault to warn of. As with the app
    // shell, the browser had no place in it to restore.
    if linernotes::router::query_shapes_page(&query) {
        return Err(None);
    }
    Ok(())
}

/// Whether the page is as it was checked: nothing has edited it since.
#[cfg(target_arch = "wasm32")]
fn unchanged(watch: Option<&linernotes::browser::ChangeWatch>) -> Result<(), Option<String>> {
    match watch {
        Some(watch) if !watch.changed() => Ok(()),
        _ => Err(Some("the page was changed while the app started".to_string())),
    }
}

/// Takes over the prerendered nodes as they are: no second build of the
/// page, and focus, scroll and selection stay where the reader left them.
/// The site's two parts are adopted in two tasks (the masthead, then the
/// page), and effects and loads wait for a third, so no task is long; the
/// page part is watched until its turn, and rendered anew if it changed.
#[cfg(all(target_arch = "wasm32", feature = "hydrate"))]
async fn adopt(
    root: web_sys::HtmlElement,
    config: linernotes::config::AppConfig,
    seed: linernotes::model::Seed,
    edits: Option<linernotes::browser::ChangeWatch>,
) {
    use leptos::prelude::*;
    use linernotes::app::{SitePage, SiteState, SiteTop};
    use linernotes::browser;

    let Some((top, page)) = browser::site_parts(&root) else {
        replace(root, config, seed);
        return;
    };
    browser::hold_spawned();
    // The visit's state belongs to neither part: both read it, and it
    // lives as long as the page.
    let owner = Owner::new();
    let state = owner.with(|| SiteState::new(config, seed, None));
    std::mem::forget(owner);

    let top_state = state.clone();
    leptos::mount::hydrate_from(top, move || view! { <SiteTop state=top_state /> }).forget();
    browser::mark("linernotes:adopted-top");
    browser::sleep(0).await;

    let page_state = state.clone();
    let verdict = unchanged(edits.as_ref());
    drop(edits);
    state.follow_links();
    match verdict {
        Ok(()) => {
            leptos::mount::hydrate_from(page, move || view! { <SitePage state=page_state /> }).forget();
            browser::mark("linernotes:adopted");
            browser::sleep(0).await;
            browser::release_spawned().await;
        }
        Err(why) => {
            if let Some(why) = why {
                browser::warn(&format!("linernotes: {why}; rendering the page anew"));
            }
            browser::release_spawned_now();
            render_anew(&root, page, move || view! { <SitePage state=page_state /> });
        }
    }
}

#[cfg(all(target_arch = "wasm32", not(feature = "hydrate")))]
async fn adopt(
    root: web_sys::HtmlElement,
    config: linernotes::config::AppConfig,
    seed: linernotes::model::Seed,
    _edits: Option<linernotes::browser::ChangeWatch>,
) {
    replace(root, config, seed);
}

/// Renders the app afresh in place of whatever `#app` holds.
#[cfg(target_arch = "wasm32")]
fn replace(root: web_sys::HtmlElement, config: linernotes::config::AppConfig, seed: linernotes::model::Seed) {
    use leptos::prelude::*;
    use linernotes::app::App;
    render_anew(&root, root.clone(), move || view! { <App config seed /> });
}

/// Renders `view` in place of whatever `target` holds (`#app`, or the page
/// part inside it), in one task so nothing is painted in between, then puts
/// the reader's focus and scroll back where they were.
#[cfg(target_arch = "wasm32")]
fn render_anew<V: leptos::prelude::IntoView + 'static>(
    root: &web_sys::HtmlElement,
    target: web_sys::HtmlElement,
    view: impl FnOnce() -> V + 'static,
) {
    use linernotes::browser;
    let focus = browser::focus_position(root);
    let scroll = browser::scroll_position();
    target.replace_children_with_node_0();
    leptos::mount::mount_to(target, view).forget();
    // The routed page fills in during this task's microtasks; put the
    // reader back before the next frame is painted.
    let root = root.clone();
    leptos::prelude::request_animation_frame(move || {
        browser::restore_scroll(scroll);
        browser::restore_focus(&root, focus);
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("linernotes runs in the browser: build it with `trunk build`.");
}
