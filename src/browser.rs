//! Every place the app touches browser APIs directly. Components call these
//! functions and read the same on both sides: in the browser they act;
//! natively (the prerenderer, host tests) they do nothing or report that
//! nothing is there. None of them decides what a first render shows: what
//! depends on the browser (storage, reduced motion, the reader's locale) is
//! read in effects, after the page is live, so the prerendered page and the
//! app's first render are the same.

/// What a request asks for.
pub struct FetchRequest<'a> {
    pub method: &'a str,
    pub url: &'a str,
    /// A JSON body.
    pub body: Option<String>,
    /// Send cookies (the comment server's edit cookie) cross-origin.
    pub credentials: bool,
    /// Give up after this long.
    pub timeout_ms: u32,
    /// Refuse an answer larger than this, before reading it if the server
    /// says its length.
    pub max_bytes: Option<usize>,
    /// Abort when the view that asked is cleaned up (the reader left).
    pub abort_on_cleanup: bool,
}

/// An answer, read whole.
pub struct FetchResponse {
    pub status: u16,
    pub retry_after: Option<u32>,
    pub content_type: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// No answer: offline, refused, blocked by a policy, or cut off.
    Network(String),
    Timeout,
    TooLarge(usize),
    /// The view that asked went away.
    Aborted,
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use std::cell::Cell;
    use std::rc::Rc;

    use leptos::prelude::on_cleanup;
    use send_wrapper::SendWrapper;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    use super::{FetchError, FetchRequest, FetchResponse};

    fn window() -> Option<web_sys::Window> {
        web_sys::window()
    }

    fn document() -> Option<web_sys::Document> {
        window()?.document()
    }

    /// The site's base path, from the `<meta name="public-url">` Trunk writes.
    pub fn base_path() -> String {
        document()
            .and_then(|d| d.query_selector("meta[name='public-url']").ok().flatten())
            .and_then(|m| m.get_attribute("content"))
            .unwrap_or_else(|| "/".to_string())
    }

    pub fn app_root() -> Option<web_sys::HtmlElement> {
        document()?.get_element_by_id("app")?.dyn_into().ok()
    }

    /// The two parts of the site inside `#app` (see `App`), when the page
    /// has exactly those.
    pub fn site_parts(root: &web_sys::HtmlElement) -> Option<(web_sys::HtmlElement, web_sys::HtmlElement)> {
        let children = root.children();
        if children.length() != 2 {
            return None;
        }
        let part = |i| -> Option<web_sys::HtmlElement> {
            let el = children.item(i)?;
            (el.tag_name() == "DIV" && el.class_name() == crate::app::SITE_PART_CLASS).then_some(())?;
            el.dyn_into().ok()
        };
        Some((part(0)?, part(1)?))
    }

    /// The text of the prerendered page's seed, if it has one.
    pub fn seed_text() -> Option<String> {
        document()?.get_element_by_id(crate::model::SEED_ELEMENT_ID)?.text_content()
    }

    /// What a prerendered page says about itself (`data-ln-*` on `#app`):
    /// the build that rendered it and the digests of its markup and seed.
    pub fn page_marks(root: &web_sys::Element) -> Option<(String, String, String)> {
        Some((
            root.get_attribute("data-ln-build")?,
            root.get_attribute("data-ln-digest")?,
            root.get_attribute("data-ln-seed")?,
        ))
    }

    /// The digest of the nodes under `root` as the page holds them now, the
    /// same way the prerenderer computed it from the markup it wrote. A
    /// long article has thousands of nodes: the walk goes a slice at a time,
    /// each a few milliseconds, so no task is long on a slow phone (edits
    /// made in between are seen by the `ChangeWatch` started before it).
    pub async fn dom_digest(root: &web_sys::Element) -> String {
        let mut walk = DomWalk::new(root);
        while !walk.advance(SLICE_MS) {
            sleep(0).await;
        }
        walk.digest.finish()
    }

    /// How long one slice of the walk may run.
    const SLICE_MS: f64 = 8.0;

    /// Depth-first, without recursion: each element's children, then its close.
    struct DomWalk {
        digest: crate::model::PageDigest,
        stack: Vec<(Option<web_sys::Node>, Option<String>)>,
    }

    impl DomWalk {
        fn new(root: &web_sys::Element) -> Self {
            DomWalk { digest: crate::model::PageDigest::default(), stack: vec![(root.first_child(), None)] }
        }

        /// Walks on for about `budget_ms`; true once every node is read.
        fn advance(&mut self, budget_ms: f64) -> bool {
            use web_sys::Node;
            let clock = window().and_then(|w| w.performance());
            let start = clock.as_ref().map_or(0.0, |c| c.now());
            let mut steps = 0u32;
            while let Some((node, closing)) = self.stack.pop() {
                steps += 1;
                if steps.is_multiple_of(64) && clock.as_ref().is_some_and(|c| c.now() - start > budget_ms) {
                    self.stack.push((node, closing));
                    return false;
                }
                let Some(node) = node else {
                    if let Some(name) = closing {
                        self.digest.close(&name);
                    }
                    continue;
                };
                self.stack.push((node.next_sibling(), closing));
                match node.node_type() {
                    Node::ELEMENT_NODE => {
                        let name = node.unchecked_ref::<web_sys::Element>().local_name().to_ascii_lowercase();
                        self.digest.open(&name);
                        if !crate::model::is_void(&name) {
                            self.stack.push((node.first_child(), Some(name)));
                        }
                    }
                    Node::TEXT_NODE => self.digest.text(&node.node_value().unwrap_or_default()),
                    Node::COMMENT_NODE => self.digest.comment(&node.node_value().unwrap_or_default()),
                    _ => {}
                }
            }
            true
        }
    }

    /// The address of the page: its path and query.
    pub fn current_address() -> String {
        let Some(location) = window().map(|w| w.location()) else { return "/".into() };
        format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default())
    }

    /// The path of the page, without its query.
    pub fn current_path() -> String {
        window().and_then(|w| w.location().pathname().ok()).unwrap_or_else(|| "/".into())
    }

    /// Makes the site's own links change the page without a reload, and
    /// Back and Forward too: `on_change` gets each new address (path and
    /// query). Links that leave the site or its base path, open elsewhere
    /// (`target`, a modifier key, `download`, `rel="external"`), or only
    /// move within the page are left to the browser.
    pub fn follow_links(base: &str, on_change: impl Fn(String) + 'static) {
        let Some(window) = window() else { return };
        FIRST_PATH.with(|p| p.replace(window.location().pathname().ok()));
        let on_change = Rc::new(on_change);
        let base = base.trim_end_matches('/').to_string();
        let follow = on_change.clone();
        let on_click = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
            if ev.default_prevented()
                || ev.button() != 0
                || ev.meta_key()
                || ev.ctrl_key()
                || ev.shift_key()
                || ev.alt_key()
            {
                return;
            }
            let Some(link) = closest_to(ev.target(), "a[href]") else {
                return;
            };
            let target = link.get_attribute("target").unwrap_or_default();
            let rel = link.get_attribute("rel").unwrap_or_default();
            if !(target.is_empty() || target == "_self")
                || link.has_attribute("download")
                || rel.split_whitespace().any(|r| r == "external")
            {
                return;
            }
            let (Some(href), Some(here)) = (link.get_attribute("href"), window_location()) else { return };
            let Ok(url) = web_sys::Url::new_with_base(&href, &here.href().unwrap_or_default()) else { return };
            let path = url.pathname();
            let under_base = base.is_empty() || path == base || path.starts_with(&format!("{base}/"));
            if url.origin() != here.origin().unwrap_or_default() || !under_base {
                return;
            }
            // A link to a place on this very page is the browser's to follow.
            let same_page =
                path == here.pathname().unwrap_or_default() && url.search() == here.search().unwrap_or_default();
            if same_page && !url.hash().is_empty() {
                return;
            }
            // A file of the site (`/feed.xml`, an image, `…/index.json`) or
            // the embed view is no page of the app's: the browser opens it.
            let address = format!("{path}{}", url.search());
            let route = crate::router::Route::parse(&crate::router::split_address(&base, &address).0);
            if matches!(route, crate::router::Route::NotFound | crate::router::Route::EmbedArticle(_)) {
                return;
            }
            ev.prevent_default();
            let followed = Followed::of(&link, &href);
            // A link to the page shown (the logo on the front page) adds no
            // entry that Back would stay on, as in the browser.
            if !same_page {
                push_address_from(&format!("{address}{}", url.hash()), followed.as_ref());
            }
            follow(address);
            scroll_to_top_or(&url.hash());
        });
        let on_pop = Closure::<dyn FnMut()>::new(move || {
            let place = remembered_scroll();
            let followed = Followed::remembered();
            on_change(current_address());
            if let Some(y) = place {
                scroll_back_to(y, SCROLL_BACK_FRAMES, followed);
            }
        });
        // Where the reader is, kept in the history entry as they scroll, so
        // Back and Forward return there once the page is rendered again.
        let pending = Rc::new(Cell::new(None::<gloo_timers::callback::Timeout>));
        let on_scroll = Closure::<dyn FnMut()>::new(move || {
            let timer = gloo_timers::callback::Timeout::new(SCROLL_SETTLE_MS, remember_scroll);
            if let Some(earlier) = pending.replace(Some(timer)) {
                earlier.cancel();
            }
        });
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        }
        let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
        let _ = window.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
        // They listen for as long as the page lives.
        on_click.forget();
        on_pop.forget();
        on_scroll.forget();
    }

    thread_local! {
        /// Addresses the page's Content-Security-Policy refused to fetch.
        static BLOCKED: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
        static WATCHING_POLICY: Cell<bool> = const { Cell::new(false) };
    }

    /// Notes, from now on, what the page's Content-Security-Policy blocks
    /// (`connect-src` without the comment server, on this site or on a page
    /// that mounts an article), which a fetch reports only as a network
    /// error. Called before the first request it may concern.
    pub fn watch_policy_violations() {
        if WATCHING_POLICY.with(|w| w.replace(true)) {
            return;
        }
        let Some(document) = document() else { return };
        let on_violation = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            if let Some(uri) = js_sys::Reflect::get(&ev, &"blockedURI".into()).ok().and_then(|v| v.as_string()) {
                BLOCKED.with(|b| b.borrow_mut().push(uri));
            }
        });
        let _ =
            document.add_event_listener_with_callback("securitypolicyviolation", on_violation.as_ref().unchecked_ref());
        on_violation.forget();
    }

    /// Whether the policy blocked a request to `url`'s origin (the browser
    /// reports the address, or only its origin).
    pub fn blocked_by_policy(url: &str) -> bool {
        let origin = |u: &str| web_sys::Url::new(u).ok().map(|u| u.origin());
        let Some(wanted) = origin(url) else { return false };
        BLOCKED.with(|b| b.borrow().iter().any(|uri| origin(uri).as_ref() == Some(&wanted)))
    }

    /// Whether `url`'s server answers at all, asked without CORS (an
    /// answer the page may not read): a request that failed while this
    /// one is answered was turned down for the page's site, not lost on
    /// the way. At most five seconds.
    pub async fn answers_without_cors(url: &str) -> bool {
        let Some(window) = window() else { return false };
        let Ok(controller) = web_sys::AbortController::new() else { return false };
        let init = web_sys::RequestInit::new();
        init.set_mode(web_sys::RequestMode::NoCors);
        init.set_signal(Some(&controller.signal()));
        let Ok(request) = web_sys::Request::new_with_str_and_init(url, &init) else { return false };
        let _timer = gloo_timers::callback::Timeout::new(5_000, move || controller.abort());
        JsFuture::from(window.fetch_with_request(&request)).await.is_ok()
    }

    thread_local! {
        /// The path of the page the server sent, before any change in place.
        static FIRST_PATH: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    }

    /// When the page shown was reached in place (a link, Back) and its data
    /// cannot be read, asks the server for the page itself: a partial upload
    /// may have left the prerendered page whole while its JSON is missing or
    /// cut short. Says whether it did. The server's answer is a first page,
    /// so this happens at most once per address.
    pub fn load_from_server_if_moved() -> bool {
        let Some(location) = window_location() else { return false };
        let here = location.pathname().ok();
        if here.is_none() || FIRST_PATH.with(|p| p.borrow().is_none() || *p.borrow() == here) {
            return false;
        }
        location.reload().is_ok()
    }

    /// The key of the reader's place in a history entry's state.
    const SCROLL_KEY: &str = "linernotesScroll";
    /// A place is written once scrolling has rested this long.
    const SCROLL_SETTLE_MS: u32 = 150;
    /// How long (in frames, about two seconds) Back waits for the page to be
    /// tall enough to return to the reader's place.
    const SCROLL_BACK_FRAMES: u32 = 120;

    /// Scrolls back to the place kept in this history entry, if any (a
    /// reload, or a return to a page the app rendered).
    pub fn return_to_remembered_place() {
        if let Some(y) = remembered_scroll() {
            scroll_back_to(y, SCROLL_BACK_FRAMES, None);
        }
    }

    /// The keys of the link followed from a history entry.
    const LINK_KEY: &str = "linernotesLink";
    const LINK_NTH_KEY: &str = "linernotesLinkNth";

    /// The link a reader followed from a page, kept in its history entry:
    /// Back puts keyboard focus on it again, where the reader left, instead
    /// of on the page's heading far above the place it scrolls back to.
    struct Followed {
        href: String,
        /// Which of the page's links with this `href` it was, in order.
        nth: u32,
    }

    /// The page's links whose `href` is written `href`, in order.
    fn links_to(href: &str) -> impl Iterator<Item = web_sys::HtmlElement> + '_ {
        let all = document().and_then(|d| d.query_selector_all("a[href]").ok());
        let count = all.as_ref().map_or(0, |all| all.length());
        (0..count)
            .filter_map(move |i| all.as_ref()?.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
            .filter(move |a| a.get_attribute("href").as_deref() == Some(href))
    }

    impl Followed {
        fn of(link: &web_sys::Element, href: &str) -> Option<Followed> {
            let nth = links_to(href).take_while(|a| AsRef::<web_sys::Element>::as_ref(a) != link).count();
            Some(Followed { href: href.to_string(), nth: u32::try_from(nth).ok()? })
        }

        fn remembered() -> Option<Followed> {
            let state = history_state()?;
            let href = js_sys::Reflect::get(&state, &LINK_KEY.into()).ok()?.as_string()?;
            let nth = js_sys::Reflect::get(&state, &LINK_NTH_KEY.into()).ok()?.as_f64().unwrap_or(0.0);
            Some(Followed { href, nth: if nth.is_finite() && nth >= 0.0 { nth as u32 } else { 0 } })
        }

        /// Focuses the link, if the page still has it and focus is on
        /// nothing the reader chose since (the page, or its heading).
        fn focus(&self) {
            let Some(doc) = document() else { return };
            let resting = doc.active_element().is_none_or(|el| {
                doc.body().is_some_and(|body| el == *body.as_ref()) || el.tag_name().eq_ignore_ascii_case("h1")
            });
            if let (true, Some(link)) = (resting, links_to(&self.href).nth(self.nth as usize)) {
                focus_in_place(&link);
                // The page's place is the reader's, but a card of the
                // carousel, which starts scrolled to its first, is brought
                // into view sideways: focus must not rest where no one sees it.
                let rect = link.get_bounding_client_rect();
                let width = window().and_then(|w| w.inner_width().ok()).and_then(|w| w.as_f64()).unwrap_or(0.0);
                if rect.left() < 0.0 || rect.right() > width {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
                    options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
                    link.scroll_into_view_with_scroll_into_view_options(&options);
                }
            }
        }
    }

    fn history_state() -> Option<JsValue> {
        let state = window()?.history().ok()?.state().ok()?;
        (!state.is_null() && !state.is_undefined()).then_some(state)
    }

    /// Writes the reader's place into the current history entry, with the
    /// link followed from it (`followed`, or the one kept there before).
    fn remember_scroll_and(followed: Option<&Followed>) {
        let Some(window) = window() else { return };
        let (Ok(history), Ok(y)) = (window.history(), window.scroll_y()) else { return };
        let state = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&state, &SCROLL_KEY.into(), &y.into());
        let kept = match followed {
            Some(link) => Some((JsValue::from(link.href.as_str()), JsValue::from(link.nth))),
            None => history_state().and_then(|old| {
                let href = js_sys::Reflect::get(&old, &LINK_KEY.into()).ok().filter(|v| v.is_string())?;
                Some((href, js_sys::Reflect::get(&old, &LINK_NTH_KEY.into()).unwrap_or(JsValue::from(0))))
            }),
        };
        if let Some((href, nth)) = kept {
            let _ = js_sys::Reflect::set(&state, &LINK_KEY.into(), &href);
            let _ = js_sys::Reflect::set(&state, &LINK_NTH_KEY.into(), &nth);
        }
        let _ = history.replace_state(&state, "");
    }

    fn remember_scroll() {
        remember_scroll_and(None);
    }

    /// The place kept in the entry the browser has just returned to.
    fn remembered_scroll() -> Option<f64> {
        let state = history_state()?;
        js_sys::Reflect::get(&state, &SCROLL_KEY.into()).ok()?.as_f64().filter(|y| y.is_finite() && *y >= 0.0)
    }

    thread_local! {
        /// Set while Back is on its way to a place the page does not reach
        /// yet: the place is the reader's, not one to keep.
        static RETURNING: Cell<bool> = const { Cell::new(false) };
    }

    /// Scrolls to `y` once the page is tall enough for it: a page reached
    /// by Back may still be loading its content. After `frames` frames it
    /// goes as far as the page allows.
    /// Then focus goes back to the link followed from there, if any.
    fn scroll_back_to(y: f64, frames: u32, followed: Option<Followed>) {
        RETURNING.with(|r| r.set(true));
        leptos::prelude::request_animation_frame(move || {
            let Some(window) = window() else { return };
            let height = document().and_then(|d| d.document_element()).map(|el| f64::from(el.scroll_height()));
            let view = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
            let room = height.map(|h| h - view).unwrap_or(0.0);
            if room + 1.0 >= y || frames == 0 {
                window.scroll_to_with_x_and_y(0.0, y);
                RETURNING.with(|r| r.set(false));
                // A frame later: after the new page's heading has taken focus.
                if let Some(link) = followed {
                    leptos::prelude::request_animation_frame(move || link.focus());
                }
            } else {
                // As far as the page goes for now: what loads as the reader
                // nears it (the comments) starts loading, and the page
                // grows towards the place.
                if room > window.scroll_y().unwrap_or(0.0) + 1.0 {
                    window.scroll_to_with_x_and_y(0.0, room);
                }
                scroll_back_to(y, frames - 1, followed);
            }
        });
    }

    fn window_location() -> Option<web_sys::Location> {
        window().map(|w| w.location())
    }

    /// A new entry in the history, without loading it. The entry left
    /// keeps the reader's place there, for Back.
    pub fn push_address(address: &str) {
        push_address_from(address, None);
    }

    /// The same, keeping the link followed in the entry left.
    fn push_address_from(address: &str, followed: Option<&Followed>) {
        remember_scroll_and(followed);
        if let Some(history) = window().and_then(|w| w.history().ok()) {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(address));
        }
    }

    /// After a navigation: the top of the new page, or the place its
    /// fragment names once the page shows it.
    pub fn scroll_to_top_or(hash: &str) {
        let id = hash.trim_start_matches('#').to_string();
        let Some(window) = window() else { return };
        if id.is_empty() {
            PENDING_FRAGMENT.with(|p| p.replace(None));
            window.scroll_to_with_x_and_y(0.0, 0.0);
            return;
        }
        leptos::prelude::request_animation_frame(move || match document().and_then(|d| d.get_element_by_id(&id)) {
            Some(el) => el.scroll_into_view(),
            None => {
                window.scroll_to_with_x_and_y(0.0, 0.0);
                PENDING_FRAGMENT.with(|p| p.replace(Some(id)));
                FRAGMENT_OPENER.with(|o| o.replace(None));
            }
        });
    }

    thread_local! {
        // The place the address names (`#comments`, a passage) when it was
        // not on the page yet: a fetched article, a comment area that the
        // deployed settings switched on. Shown once it is rendered.
        static PENDING_FRAGMENT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
        // What had focus when an in-page link named that place: the link
        // itself, after a click. Focus moves on from it to the place, as
        // it would have had the place been there.
        static FRAGMENT_OPENER: std::cell::RefCell<Option<web_sys::HtmlElement>> = const { std::cell::RefCell::new(None) };
    }

    /// At start (or when an in-page link changed the fragment): the browser
    /// has already scrolled to the fragment's place if the page holds it;
    /// otherwise it is shown when it is rendered.
    pub fn note_fragment_at_start() {
        let Some(hash) = window().and_then(|w| w.location().hash().ok()) else { return };
        let id = hash.trim_start_matches('#');
        if !id.is_empty() && document().and_then(|d| d.get_element_by_id(id)).is_none() {
            PENDING_FRAGMENT.with(|p| p.replace(Some(id.to_string())));
            FRAGMENT_OPENER.with(|o| o.replace(focused_element()));
        }
    }

    /// The comment a link named (`#comment-12`), while it is not on the
    /// page yet: the comment area reads its thread at once for it, and
    /// further pages until it is there.
    pub fn pending_comment() -> Option<i64> {
        PENDING_FRAGMENT.with(|p| comment_id(p.borrow().as_deref()?))
    }

    /// The comment a link named is not in the thread: the reader is taken
    /// to `id` instead (a note saying so), once it is on the page.
    pub fn reveal_instead(id: &str) {
        PENDING_FRAGMENT.with(|p| p.replace(Some(id.to_string())));
        reveal_fragment();
    }

    /// Whether the address names one comment (`#comment-12`).
    pub fn address_names_comment() -> bool {
        let hash = window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        comment_id(hash.trim_start_matches('#')).is_some()
    }

    /// Whether `href` names a place on the page shown (this address with a
    /// fragment, `…/article/x#comment-12` in a comment on that article):
    /// such a link moves within the page instead of opening another.
    pub fn names_place_on_this_page(href: &str) -> bool {
        let Some(here) = window_location() else { return false };
        let Ok(url) = web_sys::Url::new(href) else { return false };
        // `/article/x/` (the address search engines give) is the page
        // `/article/x` is.
        let folder = |path: String| path.trim_end_matches('/').to_string();
        !url.hash().is_empty()
            && Ok(url.origin()) == here.origin()
            && Ok(folder(url.pathname())) == here.pathname().map(folder)
            && Ok(url.search()) == here.search()
    }

    /// The comment a fragment names: `comment-12` → 12.
    fn comment_id(fragment: &str) -> Option<i64> {
        fragment.strip_prefix("comment-")?.parse().ok()
    }

    /// The passage and comment a link named (`#q1#comment-12`, a comment in
    /// the feedback on passage `q1`), while it is not on the page yet: that
    /// passage's panel opens, and reads on until the comment is there.
    pub fn pending_passage_comment() -> Option<(String, i64)> {
        PENDING_FRAGMENT.with(|p| {
            let pending = p.borrow();
            let (block, comment) = pending.as_deref()?.split_once('#')?;
            Some((block.to_string(), comment_id(comment)?))
        })
    }

    /// Scrolls to the place the address names, if it was not on the page
    /// before and is now: called by what renders such places.
    pub fn reveal_fragment() {
        reveal_fragment_within(REVEAL_FRAMES);
    }

    /// How many frames a fetched page has to put the place in the document:
    /// the component that asks may run before its view is attached.
    const REVEAL_FRAMES: u32 = 30;

    fn reveal_fragment_within(frames: u32) {
        let Some(id) = PENDING_FRAGMENT.with(|p| p.borrow().clone()) else { return };
        // A passage's comment is the copy in its panel.
        let id = match id.split_once("#comment-") {
            Some((_, comment)) => format!("passage-comment-{comment}"),
            None => id,
        };
        match document().and_then(|d| d.get_element_by_id(&id)) {
            Some(el) => {
                PENDING_FRAGMENT.with(|p| p.replace(None));
                let opener = FRAGMENT_OPENER.with(|o| o.take());
                el.scroll_into_view();
                // Where the reader has not moved focus since, it goes to
                // the place too, as the page heading's did on arrival.
                let unmoved = focused_element()
                    .is_none_or(|f| f.class_list().contains("page-heading") || opener.as_ref() == Some(&f));
                if unmoved {
                    focus_place(&el);
                }
            }
            None if frames > 0 => {
                leptos::prelude::request_animation_frame(move || reveal_fragment_within(frames - 1));
            }
            None => {}
        }
    }

    /// Holds the page to one colour scheme (`light` or `dark`), as the
    /// stylesheet reads it from `<html data-color-scheme>`.
    pub fn set_color_scheme(scheme: &str) {
        if let Some(root) = document().and_then(|d| d.document_element()) {
            let _ = root.set_attribute("data-color-scheme", scheme);
        }
    }

    /// Focuses, in place, the element the address's fragment names (a
    /// passage of another article a link led to), so that Tab and a screen
    /// reader go on from there; says whether there was one.
    pub fn focus_fragment_target() -> bool {
        let Some(hash) = window().and_then(|w| w.location().hash().ok()) else { return false };
        // Block ids are ASCII slugs: the fragment is the id as written.
        let id = hash.trim_start_matches('#');
        match document().and_then(|d| d.get_element_by_id(id)).filter(|_| !id.is_empty()) {
            Some(el) => {
                focus_place(&el);
                true
            }
            None => false,
        }
    }

    /// Brings the element with this id, found inside the nearest
    /// `container` around the event's target (in a host page's shadow root
    /// too, where an address's fragment does not reach), into view, and
    /// focuses it; says whether it was there.
    pub fn show_within(from: Option<web_sys::EventTarget>, container: &str, id: &str) -> bool {
        let found =
            closest_to(from, container).and_then(|c| c.query_selector(&format!("[id=\"{id}\"]")).ok().flatten());
        let Some(el) = found else { return false };
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&options);
        focus_place(&el);
        true
    }

    /// Focuses a place of the page without scrolling: a paragraph or a
    /// section becomes focusable by script only (`tabindex="-1"`).
    fn focus_place(el: &web_sys::Element) {
        if !el.matches(FOCUSABLE).unwrap_or(false) {
            let _ = el.set_attribute("tabindex", "-1");
        }
        if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
            focus_in_place(el);
        }
    }

    /// Opens `href` in a new tab (or window, as the browser decides), with
    /// no tie back to this page.
    pub fn open_elsewhere(href: &str) {
        if let Some(w) = window() {
            let _ = w.open_with_url_and_target_and_features(href, "_blank", "noopener");
        }
    }

    pub fn set_title(title: &str) {
        if let Some(doc) = document() {
            doc.set_title(title);
        }
    }

    pub fn set_page_meta(title: &str, description: &str) {
        let Some(doc) = document() else { return };
        doc.set_title(title);
        if let Ok(Some(meta)) = doc.query_selector("meta[name='description']") {
            let _ = meta.set_attribute("content", description);
        }
    }

    /// Tags only the page they were built for knows: its image, dates,
    /// section and tags, structured data and oEmbed address.
    const BUILT_PAGE_TAGS: &str = "script[type='application/ld+json'], link[type='application/json+oembed'], \
        meta[property^='article:'], meta[property^='og:image'], meta[name^='twitter:image'], meta[property='og:type']";

    /// After a navigation in the page, its head still holds the link-preview
    /// tags the first page was built with, and a share sheet (which shares
    /// the canonical address), a read-later tool or an oEmbed lookup would
    /// take that page. The canonical address and the titles follow the page
    /// shown (`origin` is the site's, from `site.json`); what only the built
    /// page knew goes. A page opened at its own address gets its tags whole
    /// again, from its prerendered head.
    pub fn set_preview_tags(origin: Option<&str>, title: &str, description: &str) {
        let Some(doc) = document() else { return };
        if let Ok(built) = doc.query_selector_all(BUILT_PAGE_TAGS) {
            for el in (0..built.length()).filter_map(|i| built.item(i)?.dyn_into::<web_sys::Element>().ok()) {
                el.remove();
            }
        }
        let url = origin.map(|origin| format!("{origin}{}", crate::config::AppConfig::folder_address(&current_path())));
        let tags = [
            ("link[rel='canonical']", "href", url.as_deref()),
            ("meta[property='og:url']", "content", url.as_deref()),
            ("meta[property='og:title']", "content", Some(title)),
            ("meta[name='twitter:title']", "content", Some(title)),
            ("meta[property='og:description']", "content", Some(description)),
            ("meta[name='twitter:description']", "content", Some(description)),
            ("meta[name='twitter:card']", "content", Some("summary")),
        ];
        for (selector, attribute, value) in tags {
            let Ok(Some(el)) = doc.query_selector(selector) else { continue };
            match value {
                Some(value) => {
                    let _ = el.set_attribute(attribute, value);
                }
                None => el.remove(),
            }
        }
    }

    pub fn warn(message: &str) {
        web_sys::console::warn_1(&message.into());
    }

    pub fn error(message: &str) {
        web_sys::console::error_1(&message.into());
    }

    pub fn focus(element: &web_sys::HtmlElement) {
        let _ = element.focus();
    }

    /// Whether a click landed on a modal dialog's backdrop: the dialog
    /// element itself is the target, outside its own box.
    pub fn is_backdrop_click(ev: &web_sys::MouseEvent) -> bool {
        let (Some(target), Some(current)) = (ev.target(), ev.current_target()) else { return false };
        if target != current {
            return false;
        }
        let Ok(dialog) = current.dyn_into::<web_sys::Element>() else { return false };
        let rect = dialog.get_bounding_client_rect();
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        x < rect.left() || x > rect.right() || y < rect.top() || y > rect.bottom()
    }

    /// Gives `target` focus if focus was lost meanwhile (the focused control
    /// was taken out of the page), after `frames` frames: the control that
    /// replaced it may claim it first.
    pub fn refocus_if_lost(target: web_sys::HtmlElement, frames: u32) {
        leptos::prelude::request_animation_frame(move || {
            if frames > 0 {
                return refocus_if_lost(target, frames - 1);
            }
            let lost =
                document().is_some_and(|d| d.active_element().is_none_or(|el| Some(el) == d.body().map(Into::into)));
            if lost && target.is_connected() {
                let _ = target.focus();
            }
        });
    }

    /// The control pressed (`from`) is about to go: if focus is lost with
    /// it, the first control of the nearest `container` around it takes it.
    pub fn keep_focus_within(from: Option<web_sys::EventTarget>, container: &str) {
        let first = closest_to(from, container)
            .and_then(|c| c.query_selector(FOCUSABLE).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(first) = first {
            refocus_if_lost(first, 1);
        }
    }

    /// The element that has focus, unless that is the page itself.
    pub fn focused_element() -> Option<web_sys::HtmlElement> {
        let doc = document()?;
        let el = doc.active_element()?;
        if Some(&el) == doc.body().map(Into::into).as_ref() {
            return None;
        }
        el.dyn_into::<web_sys::HtmlElement>().ok()
    }

    /// Focuses without scrolling: where the page is was already decided (the
    /// top of a new page, a fragment, the place Back returns to).
    pub fn focus_in_place(element: &web_sys::HtmlElement) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }

    /// Focuses the element with this id, if there is one; says whether it did.
    pub fn focus_by_id(id: &str) -> bool {
        match document().and_then(|d| d.get_element_by_id(id)).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            Some(el) => el.focus().is_ok(),
            None => false,
        }
    }

    pub fn is_connected(element: &web_sys::Element) -> bool {
        element.is_connected()
    }

    /// Brings the element with this id into view, as little as needed.
    pub fn scroll_into_view_by_id(id: &str) {
        if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }

    /// Seconds since the epoch.
    pub fn now_seconds() -> f64 {
        js_sys::Date::now() / 1000.0
    }

    /// A moment in the reader's own language and time zone.
    pub fn locale_time(seconds: f64) -> String {
        let language = window().and_then(|w| w.navigator().language()).unwrap_or_else(|| "en".into());
        js_sys::Date::new(&JsValue::from_f64(seconds * 1000.0))
            .to_locale_string(&language, &JsValue::UNDEFINED)
            .as_string()
            .unwrap_or_default()
    }

    pub fn prefers_reduced_motion() -> bool {
        window()
            .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
            .is_some_and(|q| q.matches())
    }

    /// A User Timing mark: traces and the benchmark see where the
    /// takeover's steps fall.
    pub fn mark(name: &str) {
        if let Some(performance) = window().and_then(|w| w.performance()) {
            let _ = performance.mark(name);
        }
    }

    /// Lets the browser paint and handle input before going on.
    pub async fn sleep(ms: u32) {
        gloo_timers::future::TimeoutFuture::new(ms).await;
    }

    thread_local! {
        // Work spawned while the page is being adopted, to run after it.
        static HELD: std::cell::RefCell<Option<Vec<any_spawner::PinnedLocalFuture<()>>>> =
            const { std::cell::RefCell::new(None) };
    }

    /// Leptos's task executor: wasm-bindgen's, except that work spawned
    /// while [`hold_spawned`] is in force waits for [`release_spawned`].
    struct Executor;

    impl any_spawner::CustomExecutor for Executor {
        fn spawn(&self, fut: any_spawner::PinnedFuture<()>) {
            wasm_bindgen_futures::spawn_local(fut);
        }
        fn spawn_local(&self, fut: any_spawner::PinnedLocalFuture<()>) {
            let fut = HELD.with(|held| match held.borrow_mut().as_mut() {
                Some(held) => {
                    held.push(fut);
                    None
                }
                None => Some(fut),
            });
            if let Some(fut) = fut {
                wasm_bindgen_futures::spawn_local(fut);
            }
        }
        fn poll_local(&self) {}
    }

    /// Installs the executor; called before anything is rendered, so
    /// Leptos's own default never takes its place.
    pub fn install_executor() {
        let _ = any_spawner::Executor::init_local_custom_executor(Executor);
    }

    /// From here, effects' first runs and resource loads wait: adopting a
    /// page then only walks its nodes, and what follows runs in tasks of
    /// its own instead of lengthening that one.
    pub fn hold_spawned() {
        HELD.with(|held| *held.borrow_mut() = Some(Vec::new()));
    }

    /// Runs what waited at once, in this task: the page is being rendered
    /// anew, and must be whole before the next frame.
    pub fn release_spawned_now() {
        for fut in HELD.with(|held| held.borrow_mut().take()).unwrap_or_default() {
            wasm_bindgen_futures::spawn_local(fut);
        }
    }

    /// Runs what waited, in order, a slice per task so the browser can
    /// answer the reader in between.
    pub async fn release_spawned() {
        const PER_TASK: usize = 16;
        let held = HELD.with(|held| held.borrow_mut().take()).unwrap_or_default();
        let mut held = held.into_iter().peekable();
        while held.peek().is_some() {
            for fut in held.by_ref().take(PER_TASK) {
                wasm_bindgen_futures::spawn_local(fut);
            }
            sleep(0).await;
        }
    }

    thread_local! {
        // Whether storage accepts writes, probed once: drafts are saved on
        // every keystroke, and the probe costs two writes.
        static WRITABLE: Cell<Option<bool>> = const { Cell::new(None) };
    }

    fn storage() -> Option<web_sys::Storage> {
        let storage = window()?.local_storage().ok()??;
        let writable = WRITABLE.with(|w| match w.get() {
            Some(known) => known,
            None => {
                // Some browsers hand out a storage that throws on every write.
                let ok = storage.set_item("linernotes:probe", "1").is_ok();
                let _ = storage.remove_item("linernotes:probe");
                w.set(Some(ok));
                ok
            }
        });
        writable.then_some(storage)
    }

    pub fn storage_available() -> bool {
        storage().is_some()
    }

    pub fn storage_get(key: &str) -> Option<String> {
        storage()?.get_item(key).ok()?
    }

    pub fn storage_set(key: &str, value: &str) -> bool {
        storage().is_some_and(|s| s.set_item(key, value).is_ok())
    }

    pub fn storage_remove(key: &str) {
        if let Some(s) = storage() {
            let _ = s.remove_item(key);
        }
    }

    /// One HTTP request, with a timeout, a size limit, and an abort when the
    /// view that asked goes away.
    pub async fn fetch(request: FetchRequest<'_>) -> Result<FetchResponse, FetchError> {
        let network = |e: JsValue| FetchError::Network(e.as_string().unwrap_or_else(|| "request failed".into()));
        let controller = web_sys::AbortController::new().map_err(network)?;
        let timed_out = Rc::new(Cell::new(false));
        let cleaned_up = Rc::new(Cell::new(false));
        let timer = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            gloo_timers::callback::Timeout::new(request.timeout_ms, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        if request.abort_on_cleanup {
            let held = SendWrapper::new((controller.clone(), cleaned_up.clone()));
            on_cleanup(move || {
                held.1.set(true);
                held.0.abort();
            });
        }
        let why = move |e: JsValue| {
            if timed_out.get() {
                FetchError::Timeout
            } else if cleaned_up.get() {
                FetchError::Aborted
            } else {
                network(e)
            }
        };
        let init = web_sys::RequestInit::new();
        init.set_method(request.method);
        init.set_signal(Some(&controller.signal()));
        if request.credentials {
            init.set_credentials(web_sys::RequestCredentials::Include);
        }
        if let Some(body) = &request.body {
            let headers = web_sys::Headers::new().map_err(network)?;
            headers.set("Content-Type", "application/json").map_err(network)?;
            init.set_headers(&headers);
            init.set_body(&JsValue::from_str(body));
        }
        let req = web_sys::Request::new_with_str_and_init(request.url, &init).map_err(network)?;
        let window = window().ok_or_else(|| FetchError::Network("no window".into()))?;
        let response: web_sys::Response =
            JsFuture::from(window.fetch_with_request(&req)).await.map_err(&why)?.dyn_into().map_err(network)?;
        let header = |name: &str| response.headers().get(name).ok().flatten();
        if let Some(limit) = request.max_bytes {
            let declared = header("content-length").and_then(|l| l.trim().parse::<usize>().ok());
            if let Some(bytes) = declared.filter(|&b| b > limit) {
                controller.abort();
                return Err(FetchError::TooLarge(bytes));
            }
        }
        let text =
            JsFuture::from(response.text().map_err(network)?).await.map_err(&why)?.as_string().unwrap_or_default();
        drop(timer);
        if let Some(limit) = request.max_bytes {
            if text.len() > limit {
                return Err(FetchError::TooLarge(text.len()));
            }
        }
        Ok(FetchResponse {
            status: response.status(),
            retry_after: header("retry-after").and_then(|v| v.trim().parse().ok()),
            content_type: header("content-type").unwrap_or_default(),
            text,
        })
    }

    /// Calls `on_near` once, the first time `element` comes within `margin`
    /// (a CSS length such as "600px") of the viewport, or at once where the
    /// browser cannot tell. Returns what stops watching.
    pub fn when_near(element: &web_sys::Element, margin: &str, on_near: impl FnOnce() + 'static) -> Option<Watch> {
        // In a frame of another site's page the browser ignores the margin
        // (the frame may not learn where the page's viewport is): "near"
        // would come only once the element is in view, and the reader would
        // watch it fill. Such a frame (an embed) is loaded lazily, as it
        // nears the viewport, so its work starts with it.
        if in_foreign_frame() {
            on_near();
            return None;
        }
        let on_near = Rc::new(Cell::new(Some(on_near)));
        let fire = {
            let on_near = on_near.clone();
            move || {
                if let Some(f) = on_near.take() {
                    f();
                }
            }
        };
        let observer_slot: Rc<Cell<Option<web_sys::IntersectionObserver>>> = Rc::new(Cell::new(None));
        let slot = observer_slot.clone();
        let fire_in_callback = fire.clone();
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let near = entries
                .iter()
                .any(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().is_ok_and(|entry| entry.is_intersecting()));
            if near {
                if let Some(observer) = slot.take() {
                    observer.disconnect();
                }
                fire_in_callback();
            }
        });
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin(margin);
        match web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init) {
            Ok(observer) => {
                observer.observe(element);
                observer_slot.set(Some(observer.clone()));
                Some(Watch { observer: Some(observer), _callback: Some(callback), _resize: None })
            }
            Err(_) => {
                fire();
                None
            }
        }
    }

    /// Whether the page is in a frame of a page from another origin.
    fn in_foreign_frame() -> bool {
        let Some(window) = window() else { return false };
        match window.top() {
            Ok(Some(top)) => !js_sys::Object::is(&top, &window) && top.location().href().is_err(),
            _ => false,
        }
    }

    /// An observer that stops when dropped.
    pub struct Watch {
        observer: Option<web_sys::IntersectionObserver>,
        _callback: Option<Closure<dyn FnMut(js_sys::Array)>>,
        _resize: Option<(web_sys::ResizeObserver, Closure<dyn FnMut()>)>,
    }

    impl Drop for Watch {
        fn drop(&mut self) {
            if let Some(observer) = &self.observer {
                observer.disconnect();
            }
            if let Some((observer, _)) = &self._resize {
                observer.disconnect();
            }
        }
    }

    /// Notes any change to the nodes under `root` from now on: the page is
    /// checked in one task and adopted in a later one, and whatever edits it
    /// in between (an extension, a script of the host) must be seen.
    pub struct ChangeWatch {
        observer: web_sys::MutationObserver,
        changed: Rc<Cell<bool>>,
        _callback: Closure<dyn FnMut()>,
    }

    impl ChangeWatch {
        pub fn new(root: &web_sys::Element) -> Option<ChangeWatch> {
            let changed = Rc::new(Cell::new(false));
            let flag = changed.clone();
            // Records delivered between the tasks land here; those still
            // queued are taken in `changed()`.
            let callback = Closure::<dyn FnMut()>::new(move || flag.set(true));
            let observer = observe_every_change(root, &callback)?;
            Some(ChangeWatch { observer, changed, _callback: callback })
        }

        pub fn changed(&self) -> bool {
            self.changed.get() || self.observer.take_records().length() > 0
        }
    }

    impl Drop for ChangeWatch {
        fn drop(&mut self) {
            self.observer.disconnect();
        }
    }

    /// Calls `on_change` whenever the element's size changes (and once when
    /// it is first laid out).
    pub fn watch_size(element: &web_sys::Element, on_change: impl Fn() + 'static) -> Option<Watch> {
        let callback = Closure::<dyn FnMut()>::new(on_change);
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(element);
        Some(Watch { observer: None, _callback: None, _resize: Some((observer, callback)) })
    }

    /// Keeps what follows `area` where the reader sees it while the area
    /// fills in, for a reader already past `heading` (who jumped to the
    /// page's foot, or scrolled on to Featured): the browser's own scroll
    /// anchoring holds the area itself in place when part of it is on the
    /// screen, so what grows inside it would push Featured and the footer
    /// down under the reader. Growth below a heading the reader still sees
    /// is left to come as it does. `settled` says when the area holds what
    /// it will: a second later the keeping stops, so what the reader then
    /// opens (all comments, a reply) grows below them as it should.
    pub fn keep_place_past(
        area: &web_sys::Element,
        heading: &web_sys::Element,
        settled: impl Fn() -> bool + 'static,
    ) -> Option<PlaceKeeper> {
        let window = window()?;
        let scroll_y = Rc::new(Cell::new(window.scroll_y().unwrap_or(0.0)));
        let on_scroll = {
            let scroll_y = scroll_y.clone();
            Closure::<dyn FnMut()>::new(move || {
                if let Some(y) = web_sys::window().and_then(|w| w.scroll_y().ok()) {
                    scroll_y.set(y);
                }
            })
        };
        // A scroll listener never holds the scroll up (only touch and wheel ones can).
        window.add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref()).ok()?;
        let height = Rc::new(Cell::new(area.get_bounding_client_rect().height()));
        let settled_at = Rc::new(Cell::new(None::<f64>));
        let (area_el, heading) = (area.clone(), heading.clone());
        let check = Rc::new(move || {
            let Some(window) = web_sys::window() else { return };
            let now = window.performance().map_or(0.0, |p| p.now());
            if settled_at.get().is_some_and(|at| now - at > 1000.0) {
                return;
            }
            if settled_at.get().is_none() && settled() {
                settled_at.set(Some(now));
            }
            let new_height = area_el.get_bounding_client_rect().height();
            let grown = new_height - height.replace(new_height);
            let y = window.scroll_y().unwrap_or(0.0);
            // A reader inside the area (landed on a comment a link named)
            // is the browser's to keep, by its scroll anchoring.
            let reading_inside =
                window.document().and_then(|d| d.active_element()).is_some_and(|el| area_el.contains(Some(&el)));
            if RETURNING.with(Cell::get) || reading_inside {
                scroll_y.set(y);
                return;
            }
            // What the browser moved already (it anchors on what follows
            // when the area is wholly above the screen).
            let moved = y - scroll_y.get();
            // Where the heading's foot and the area's were on the screen
            // before the change: only a reader who sees what follows the
            // area, and not its heading, is kept (one reading inside it is
            // the browser's to keep).
            let heading_foot = heading.get_bounding_client_rect().bottom() + moved;
            let area_foot = area_el.get_bounding_client_rect().bottom() + moved - grown;
            let screen = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
            let needed = grown - moved;
            if heading_foot < 0.0 && area_foot <= screen && needed.abs() >= 1.0 {
                window.scroll_by_with_x_and_y(0.0, needed);
            }
            scroll_y.set(window.scroll_y().unwrap_or(y));
        });
        // Most growth comes with new nodes: answered in the same task,
        // before the browser paints, so nothing is seen to move (a size
        // observer answers after the frame's layout, which already counts
        // as a shift). What grows later (a font, an image) the size
        // observer still puts right.
        let on_change = {
            let check = check.clone();
            Closure::<dyn FnMut()>::new(move || check())
        };
        let mutations = observe_every_change(area, &on_change)?;
        let on_resize = Closure::<dyn FnMut()>::new(move || check());
        let sizes = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok()?;
        sizes.observe(area);
        Some(PlaceKeeper { mutations, sizes, _on_change: on_change, _on_resize: on_resize, on_scroll })
    }

    /// Calls `callback` after any change to the nodes under `root`: added or
    /// removed nodes, attributes, text.
    fn observe_every_change(
        root: &web_sys::Element,
        callback: &Closure<dyn FnMut()>,
    ) -> Option<web_sys::MutationObserver> {
        let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        let init = web_sys::MutationObserverInit::new();
        init.set_subtree(true);
        init.set_child_list(true);
        init.set_attributes(true);
        init.set_character_data(true);
        observer.observe_with_options(root, &init).ok()?;
        Some(observer)
    }

    /// Stops keeping the place when dropped.
    pub struct PlaceKeeper {
        mutations: web_sys::MutationObserver,
        sizes: web_sys::ResizeObserver,
        _on_change: Closure<dyn FnMut()>,
        _on_resize: Closure<dyn FnMut()>,
        on_scroll: Closure<dyn FnMut()>,
    }

    impl Drop for PlaceKeeper {
        fn drop(&mut self) {
            self.mutations.disconnect();
            self.sizes.disconnect();
            if let Some(window) = window() {
                let _ = window.remove_event_listener_with_callback("scroll", self.on_scroll.as_ref().unchecked_ref());
            }
        }
    }

    /// Scrolls a scroller sideways, smoothly unless the reader asked for
    /// reduced motion.
    pub fn scroll_by(element: &web_sys::Element, dx: i32) {
        let options = web_sys::ScrollToOptions::new();
        options.set_left(f64::from(dx));
        options.set_behavior(if prefers_reduced_motion() {
            web_sys::ScrollBehavior::Instant
        } else {
            web_sys::ScrollBehavior::Smooth
        });
        element.scroll_by_with_scroll_to_options(&options);
    }

    /// The element an event happened on, or its nearest ancestor, that
    /// matches `selector`: a press lands on the words inside a button.
    fn closest_to(target: Option<web_sys::EventTarget>, selector: &str) -> Option<web_sys::Element> {
        target?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok().flatten()
    }

    /// Keeps the element around `from` that matches `selector` at the
    /// height it has now, whatever it comes to hold (through the CSS object
    /// model, which a strict policy allows).
    /// Whether the browser knows it has no connection (`navigator.onLine`).
    pub fn offline() -> bool {
        web_sys::window().is_some_and(|w| !w.navigator().on_line())
    }

    /// Writes `text` in the `note` of the `container` around `from`.
    pub fn say_in(from: Option<web_sys::EventTarget>, container: &str, note: &str, text: &str) {
        if let Some(note) = closest_to(from, container).and_then(|c| c.query_selector(note).ok().flatten()) {
            note.set_text_content(Some(text));
        }
    }

    pub fn hold_height(from: Option<web_sys::EventTarget>, selector: &str) {
        let Some(element) = closest_to(from, selector).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) else {
            return;
        };
        // Layout sizes are whole 64ths of a pixel: said so exactly, and
        // without the float formatting code (kilobytes of .wasm).
        let sixty_fourths = (element.get_bounding_client_rect().height() * 64.0).round() as i64;
        if sixty_fourths > 0 {
            let _ = element.style().set_property("min-height", &format!("calc({sixty_fourths}px / 64)"));
        }
    }

    /// Moves focus from the element around `from` that matches
    /// `container_selector` to the first link of its next (`dir > 0`) or
    /// previous sibling, and brings that sibling to the start of its
    /// scroller, as Next does; says whether `from` was in such an element.
    /// `from` is the element the key was pressed on: in an article mounted
    /// in a host page, the document's active element is the shadow host.
    /// Focus itself does not scroll: under reduced motion its jump and the
    /// scroller's would add up to two cards.
    pub fn focus_sibling_link(from: Option<web_sys::EventTarget>, container_selector: &str, dir: i32) -> bool {
        let Some(slide) = closest_to(from, container_selector) else { return false };
        let Some(next) = (if dir > 0 { slide.next_element_sibling() } else { slide.previous_element_sibling() }) else {
            return true;
        };
        let Some(link) =
            next.query_selector("a").ok().flatten().and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            return false;
        };
        focus_in_place(&link);
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        options.set_inline(web_sys::ScrollLogicalPosition::Start);
        next.scroll_into_view_with_scroll_into_view_options(&options);
        true
    }

    /// Takes the links of the first `first` children of a scroller out of
    /// the Tab order, and puts the others back: after Next, Tab from the
    /// carousel's buttons goes on to the first card in view instead of the
    /// first story, scrolled out of view. Arrow keys and Previous still reach
    /// every card. While focus is in the scroller, every link is in the
    /// order, so Shift+Tab goes back card by card.
    pub fn skip_links_before(track: &web_sys::Element, first: usize) {
        let first = if track.matches(":focus-within").unwrap_or(false) { 0 } else { first };
        let children = track.children();
        for i in 0..children.length() {
            let Some(links) = children.item(i).and_then(|child| child.query_selector_all("a[href]").ok()) else {
                continue;
            };
            for link in (0..links.length()).filter_map(|j| links.item(j)?.dyn_into::<web_sys::Element>().ok()) {
                let _ = if (i as usize) < first {
                    link.set_attribute("tabindex", "-1")
                } else {
                    link.remove_attribute("tabindex")
                };
            }
        }
    }

    /// Whether focus, leaving something inside the element whose handler
    /// runs, moves to something else inside it.
    pub fn focus_stays_in_target(ev: &web_sys::FocusEvent) -> bool {
        let Some(region) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()) else {
            return false;
        };
        ev.related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|node| region.contains(Some(&node)))
    }

    /// A click on a link in an embedded article (in an iframe when
    /// `framed`, or mounted in a host page's element). A link to a place in
    /// the article (`#q1`, from the feedback list) is followed here, with no
    /// window's address changed: the host's stays the host's, and a mounted
    /// article's ids are in a shadow root, out of the browser's reach. A
    /// place this embed does not show opens in the full article
    /// (`article_href`). In a frame, every other link opens in the top
    /// window, before the browser (or the router) follows it in the frame.
    pub fn embedded_link_click(ev: &web_sys::MouseEvent, framed: bool, article_href: &str) {
        let Some(link) = closest_to(ev.target(), "a[href]") else { return };
        let href = link.get_attribute("href").unwrap_or_default();
        // The place a link names, also once its `href` was given the full
        // article's address (kept in `data-place`).
        let place = link
            .get_attribute("data-place")
            .or_else(|| href.strip_prefix('#').map(str::to_string))
            .or_else(|| place_in_article(&href, article_href));
        if let Some(id) = place.as_deref().filter(|id| !id.is_empty()) {
            // A new tab or window (Ctrl, ⌘ or Shift): the full article, at
            // that place, not the embed.
            if ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
                let _ = link.set_attribute("data-place", id);
                let _ = link.set_attribute("href", &format!("{article_href}#{id}"));
                return;
            }
            let root = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            match root.and_then(|root| element_with_id(&root, id)) {
                Some(place) => {
                    ev.prevent_default();
                    place.scroll_into_view();
                    if place.get_attribute("tabindex").is_none() {
                        let _ = place.set_attribute("tabindex", "-1");
                    }
                    if let Ok(place) = place.dyn_into::<web_sys::HtmlElement>() {
                        let _ = place.focus();
                    }
                    return;
                }
                None => {
                    let _ = link.set_attribute("data-place", id);
                    let _ = link.set_attribute("href", &format!("{article_href}#{id}"));
                }
            }
        }
        if framed && link.get_attribute("target").is_none() {
            let _ = link.set_attribute("target", "_top");
        }
    }

    /// The place named by a link to the embedded article itself, as a link
    /// in its text to one of its own headings comes out (`/article/x#far`,
    /// a full address when mounted: made as `article_href` is).
    fn place_in_article(href: &str, article_href: &str) -> Option<String> {
        Some(href.strip_prefix(article_href)?.strip_prefix('#')?.to_string())
    }

    /// The first and last of `el`'s children wholly inside its box (a
    /// scroller's cards in view), counted from 0.
    pub fn fully_visible_children(el: &web_sys::Element) -> Option<(usize, usize)> {
        let bounds = el.get_bounding_client_rect();
        let children = el.children();
        let inside = (0..children.length()).filter(|&i| {
            children.item(i).is_some_and(|child| {
                let rect = child.get_bounding_client_rect();
                rect.left() >= bounds.left() - 1.0 && rect.right() <= bounds.right() + 1.0
            })
        });
        let mut inside = inside.map(|i| i as usize);
        let first = inside.next()?;
        Some((first, inside.next_back().unwrap_or(first)))
    }

    /// The element inside `root` whose id is `id` (a shadow root has no
    /// `getElementById` of the document's).
    fn element_with_id(root: &web_sys::Element, id: &str) -> Option<web_sys::Element> {
        let all = root.query_selector_all("[id]").ok()?;
        (0..all.length()).filter_map(|i| all.item(i)?.dyn_into::<web_sys::Element>().ok()).find(|el| el.id() == id)
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
        let window = window()?;
        Some((window.scroll_x().ok()?, window.scroll_y().ok()?))
    }

    pub fn restore_scroll(position: Option<(f64, f64)>) {
        if let (Some(window), Some((x, y))) = (window(), position) {
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
        let Some(window) = window() else { return };
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
        let last = Rc::new(Cell::new(-1.0f64));
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
                    // The page's title names the frame for screen readers
                    // (embed.js titles it so, unless the host chose one).
                    let title = document().map(|d| d.title()).unwrap_or_default();
                    let _ = js_sys::Reflect::set(&message, &"title".into(), &title.into());
                    let _ = parent.post_message(&message, &origin);
                }
            }
        };
        measure();
        let callback = Closure::<dyn FnMut()>::new(measure);
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
        let window = window()?;
        let list = js_sys::Reflect::get(&window, &"linernotesMount".into()).ok()?;
        let list: js_sys::Array = list.dyn_into().ok()?;
        let text = |item: &JsValue, key: &str| {
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

    /// A panic's message, in the console. Only debug builds have one: the
    /// release .wasm stops at once, without unwinding or a message, and
    /// boot.js (or mount.js) tells the reader the page stopped.
    pub fn install_panic_hook() {
        #[cfg(debug_assertions)]
        std::panic::set_hook(Box::new(|info| error(&format!("linernotes stopped: {info}"))));
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    //! Natively there is no page: nothing to read, nothing to act on.

    use super::{FetchError, FetchRequest, FetchResponse};

    pub struct Watch;

    pub fn base_path() -> String {
        "/".to_string()
    }
    pub fn seed_text() -> Option<String> {
        None
    }
    pub fn current_address() -> String {
        "/".to_string()
    }
    pub fn follow_links(_base: &str, _on_change: impl Fn(String) + 'static) {}
    pub fn load_from_server_if_moved() -> bool {
        false
    }
    pub fn watch_policy_violations() {}
    pub fn blocked_by_policy(_url: &str) -> bool {
        false
    }
    pub async fn answers_without_cors(_url: &str) -> bool {
        false
    }
    pub fn push_address(_address: &str) {}
    pub fn scroll_to_top_or(_hash: &str) {}
    pub fn focus_fragment_target() -> bool {
        false
    }
    pub fn set_color_scheme(_scheme: &str) {}
    pub fn show_within(_from: Option<web_sys::EventTarget>, _container: &str, _id: &str) -> bool {
        false
    }
    pub fn open_elsewhere(_href: &str) {}
    pub fn set_title(_title: &str) {}
    pub fn set_page_meta(_title: &str, _description: &str) {}
    pub fn set_preview_tags(_origin: Option<&str>, _title: &str, _description: &str) {}
    pub fn fully_visible_children(_el: &web_sys::Element) -> Option<(usize, usize)> {
        None
    }
    pub fn current_path() -> String {
        "/".into()
    }
    pub fn warn(message: &str) {
        eprintln!("warning: {message}");
    }
    pub fn error(message: &str) {
        eprintln!("error: {message}");
    }
    pub fn focus(_element: &web_sys::HtmlElement) {}
    pub fn focus_in_place(_element: &web_sys::HtmlElement) {}
    pub fn refocus_if_lost(_target: web_sys::HtmlElement, _frames: u32) {}
    pub fn keep_focus_within(_from: Option<web_sys::EventTarget>, _container: &str) {}
    pub fn focused_element() -> Option<web_sys::HtmlElement> {
        None
    }
    pub fn is_backdrop_click(_ev: &web_sys::MouseEvent) -> bool {
        false
    }
    pub fn focus_by_id(_id: &str) -> bool {
        false
    }
    pub fn is_connected(_element: &web_sys::Element) -> bool {
        false
    }
    pub fn scroll_into_view_by_id(_id: &str) {}
    pub fn now_seconds() -> f64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0)
    }
    pub fn locale_time(seconds: f64) -> String {
        crate::model::iso_time(seconds)
    }
    pub fn prefers_reduced_motion() -> bool {
        false
    }
    pub fn mark(_name: &str) {}
    pub fn reveal_fragment() {}
    pub fn pending_comment() -> Option<i64> {
        None
    }
    pub fn pending_passage_comment() -> Option<(String, i64)> {
        None
    }
    pub fn reveal_instead(_id: &str) {}
    pub fn note_fragment_at_start() {}
    pub fn address_names_comment() -> bool {
        false
    }
    pub fn names_place_on_this_page(_href: &str) -> bool {
        false
    }
    pub async fn sleep(_ms: u32) {}
    pub fn storage_available() -> bool {
        false
    }
    pub fn storage_get(_key: &str) -> Option<String> {
        None
    }
    pub fn storage_set(_key: &str, _value: &str) -> bool {
        false
    }
    pub fn storage_remove(_key: &str) {}
    pub async fn fetch(_request: FetchRequest<'_>) -> Result<FetchResponse, FetchError> {
        // Native renders receive their content up front; they never fetch.
        Err(FetchError::Network("no network outside the browser".into()))
    }
    pub fn when_near(_element: &web_sys::Element, _margin: &str, _on_near: impl FnOnce() + 'static) -> Option<Watch> {
        None
    }
    pub fn watch_size(_element: &web_sys::Element, _on_change: impl Fn() + 'static) -> Option<Watch> {
        None
    }
    pub struct PlaceKeeper;
    pub fn keep_place_past(
        _area: &web_sys::Element,
        _heading: &web_sys::Element,
        _settled: impl Fn() -> bool + 'static,
    ) -> Option<PlaceKeeper> {
        None
    }
    pub fn scroll_by(_element: &web_sys::Element, _dx: i32) {}
    pub fn focus_sibling_link(_from: Option<web_sys::EventTarget>, _container_selector: &str, _dir: i32) -> bool {
        false
    }
    pub fn offline() -> bool {
        false
    }
    pub fn say_in(_from: Option<web_sys::EventTarget>, _container: &str, _note: &str, _text: &str) {}
    pub fn hold_height(_from: Option<web_sys::EventTarget>, _selector: &str) {}
    pub fn skip_links_before(_track: &web_sys::Element, _first: usize) {}
    pub fn focus_stays_in_target(_ev: &web_sys::FocusEvent) -> bool {
        false
    }
    pub fn embedded_link_click(_ev: &web_sys::MouseEvent, _framed: bool, _article_href: &str) {}
    pub fn report_height(_content: &web_sys::HtmlDivElement, _allowed: crate::model::EmbedSettings) {}
}

pub use imp::*;
