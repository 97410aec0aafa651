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
    pub fn set_page_meta(_title: &str, _description: &str) {}
    pub fn warn(message: &str) {
        eprintln!("warning: {message}");
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use imp::*;
