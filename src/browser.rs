//! The few places the app touches browser APIs directly. Each function is a
//! no-op outside the browser, so components that call them from effects
//! still render natively.

#[cfg(target_arch = "wasm32")]
mod imp {
    use wasm_bindgen::JsCast;

    fn document() -> Option<web_sys::Document> {
        web_sys::window()?.document()
    }

    /// The site's base path, from the `<meta name="public-url">` Trunk writes.
    pub fn base_path() -> String {
        document()
            .and_then(|d| d.query_selector("meta[name='public-url']").ok().flatten())
            .and_then(|m| m.get_attribute("content"))
            .unwrap_or_else(|| "/".to_string())
    }

    pub fn set_page_meta(title: &str, description: &str) {
        let Some(doc) = document() else { return };
        doc.set_title(title);
        if let Ok(Some(meta)) = doc.query_selector("meta[name='description']") {
            let _ = meta.set_attribute("content", description);
        }
    }

    pub fn warn(message: &str) {
        web_sys::console::warn_1(&message.into());
    }

    pub fn focus(element: &web_sys::HtmlElement) {
        let _ = element.focus();
    }

    /// The text of the prerendered page's seed, if it has one.
    pub fn seed_text() -> Option<String> {
        document()?.get_element_by_id(crate::model::SEED_ELEMENT_ID)?.text_content()
    }

    const FOCUSABLE: &str = "a[href], button, input, select, textarea, [tabindex]";

    /// Where focus is inside `root`, as a position among its focusable
    /// elements, so it can be put back on the same control after the app
    /// replaces the prerendered nodes with identical ones.
    pub fn focus_position(root: &web_sys::Element) -> Option<u32> {
        let active = document()?.active_element()?;
        if !root.contains(Some(&active)) {
            return None;
        }
        let all = root.query_selector_all(FOCUSABLE).ok()?;
        (0..all.length()).find(|&i| all.item(i).is_some_and(|n| n == *active.unchecked_ref::<web_sys::Node>()))
    }

    /// The page's scroll position, to put back after the takeover: taking a
    /// focused control out of the page makes the browser lay it out
    /// without its content, which scrolls to the top.
    pub fn scroll_position() -> Option<(f64, f64)> {
        let window = web_sys::window()?;
        Some((window.scroll_x().ok()?, window.scroll_y().ok()?))
    }

    pub fn restore_scroll(position: Option<(f64, f64)>) {
        if let (Some(window), Some((x, y))) = (web_sys::window(), position) {
            if window.scroll_x().ok() != Some(x) || window.scroll_y().ok() != Some(y) {
                window.scroll_to_with_x_and_y(x, y);
            }
        }
    }

    pub fn restore_focus(root: &web_sys::Element, position: Option<u32>) {
        let Some(position) = position else { return };
        let target = root
            .query_selector_all(FOCUSABLE)
            .ok()
            .and_then(|all| all.item(position))
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = target {
            // The page is already where the reader left it.
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = el.focus_with_options(&options);
        }
    }

    /// Tells the page that embeds this one (in an iframe) how tall the
    /// content is, whenever that changes, so it can size the frame. Only a
    /// parent whose origin `site.json` allows hears anything, and the
    /// message names that origin, so the browser delivers it nowhere else.
    pub fn report_height(content: &web_sys::HtmlDivElement, allowed: crate::model::EmbedSettings) {
        let Some(window) = web_sys::window() else { return };
        let Some(parent) = window.parent().ok().flatten() else { return };
        if parent == window {
            return;
        }
        let Some(origin) = parent_origin(&window) else {
            warn("linernotes: embedded, but the embedding page's origin is unknown: not reporting the height");
            return;
        };
        if !allowed.allows(&origin) {
            warn(&format!(
                "linernotes: {origin} is not in site.json's embed.allowed_origins: not reporting the height"
            ));
            return;
        }
        let last = std::rc::Rc::new(std::cell::Cell::new(-1.0f64));
        let measure = {
            let content = content.clone();
            move || {
                let rect = content.get_bounding_client_rect();
                let scroll = web_sys::window().and_then(|w| w.scroll_y().ok()).unwrap_or(0.0);
                let height = (rect.bottom() + scroll).ceil();
                if height != last.get() && height.is_finite() {
                    last.set(height);
                    let message = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&message, &"type".into(), &"linernotes:height".into());
                    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
                    let _ = parent.post_message(&message, &origin);
                }
            }
        };
        measure();
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(measure);
        if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            observer.observe(content);
            if let Some(doc) = document().and_then(|d| d.document_element()) {
                observer.observe(&doc);
            }
        }
        // The observer lives as long as the page.
        callback.forget();
    }

    /// The origin of the page this one is framed in: the browser's own
    /// record where it keeps one, else the referrer.
    fn parent_origin(window: &web_sys::Window) -> Option<String> {
        let from_ancestors = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into())
            .ok()
            .filter(|list| !list.is_undefined())
            .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
            .and_then(|first| first.as_string());
        let from_referrer = || {
            let referrer = document()?.referrer();
            let url = web_sys::Url::new(&referrer).ok()?;
            Some(url.origin())
        };
        from_ancestors.or_else(from_referrer).filter(|o| !o.is_empty() && o != "null")
    }

    /// What `mount.js` asks for when the app runs inside another site's page.
    pub struct MountRequest {
        pub element: web_sys::HtmlElement,
        pub src: String,
        pub article: String,
        pub parts: String,
    }

    /// The elements `mount.js` prepared (`window.linernotesMount`), if any.
    pub fn mount_requests() -> Option<Vec<MountRequest>> {
        let window = web_sys::window()?;
        let list = js_sys::Reflect::get(&window, &"linernotesMount".into()).ok()?;
        let list: js_sys::Array = list.dyn_into().ok()?;
        let text = |item: &wasm_bindgen::JsValue, key: &str| {
            js_sys::Reflect::get(item, &key.into()).ok().and_then(|v| v.as_string()).unwrap_or_default()
        };
        Some(
            list.iter()
                .filter_map(|item| {
                    let element = js_sys::Reflect::get(&item, &"element".into()).ok()?.dyn_into().ok()?;
                    Some(MountRequest {
                        element,
                        src: text(&item, "src"),
                        article: text(&item, "article"),
                        parts: text(&item, "parts"),
                    })
                })
                .collect(),
        )
    }

    /// If anything panics anyway, replace the page with a short message and
    /// a way to reload, instead of leaving a page that silently stopped.
    pub fn install_panic_hook() {
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&format!("linernotes stopped: {info}").into());
            show_crash_message();
        }));
    }

    fn show_crash_message() -> Option<()> {
        let doc = document()?;
        let body = doc.body()?;
        let main = doc.create_element("main").ok()?;
        main.set_class_name("crash");
        let heading = doc.create_element("h1").ok()?;
        heading.set_text_content(Some("Something went wrong"));
        let text = doc.create_element("p").ok()?;
        text.set_text_content(Some("This page stopped working. Reloading usually helps. "));
        let reload = doc.create_element("a").ok()?;
        let href = web_sys::window()?.location().href().ok()?;
        reload.set_attribute("href", &href).ok()?;
        reload.set_text_content(Some("Reload the page"));
        text.append_child(&reload).ok()?;
        main.append_child(&heading).ok()?;
        main.append_child(&text).ok()?;
        body.replace_children_with_node_1(&main);
        Some(())
    }

    pub fn app_root() -> Option<web_sys::HtmlElement> {
        document()?.get_element_by_id("app")?.dyn_into().ok()
    }
}

#[cfg(target_arch = "wasm32")]
pub use imp::*;

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn report_height(_content: &web_sys::HtmlDivElement, _allowed: crate::model::EmbedSettings) {}
    pub fn set_page_meta(_title: &str, _description: &str) {}
    pub fn warn(message: &str) {
        eprintln!("warning: {message}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use imp::*;
