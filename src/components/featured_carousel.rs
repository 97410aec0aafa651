use leptos::html::{Div, Section};
use leptos::prelude::*;

use crate::model::{Card, CarouselSettings};

use super::{ArticleCard, CardList};

/// "Featured": related and featured stories under the article, as a
/// carousel following the WAI-ARIA pattern. The track is a native scroller
/// with scroll snapping, so touch, trackpads and Tab work without script;
/// the Previous/Next buttons and arrow keys move it a page or a card at a
/// time. It never moves by itself unless the publisher asks, and then it
/// pauses while the pointer or focus is inside and never runs under
/// reduced motion.
#[component]
pub fn FeaturedCarousel(
    /// The stories, in order.
    cards: Vec<Card>,
    /// The publisher's rotation settings from `site.json`.
    #[prop(optional)]
    settings: CarouselSettings,
) -> impl IntoView {
    if cards.len() < 2 {
        // One story needs no carousel chrome; none needs no section.
        return (!cards.is_empty())
            .then(|| {
                view! {
                    <section class="featured-list" aria-labelledby="featured-title">
                        <h2 class="section-title" id="featured-title">"Featured"</h2>
                        <CardList cards heading_level=3 />
                    </section>
                }
            })
            .into_any();
    }

    let count = cards.len();
    let track = NodeRef::<Div>::new();
    let region = NodeRef::<Section>::new();
    let (at_start, set_at_start) = signal(true);
    let (at_end, set_at_end) = signal(false);

    let update_ends = move || {
        if let Some(el) = track.get_untracked() {
            let left = el.scroll_left();
            let max = el.scroll_width() - el.client_width();
            set_at_start.set(left <= 1);
            set_at_end.set(left >= max - 1);
        }
    };
    // The ends depend on the layout, known only once the track is in the
    // page and sized; a ResizeObserver reports both (and later resizes).
    Effect::new(move |_| {
        if let Some(el) = track.get() {
            watch_size(&el, update_ends);
        }
    });
    let on_resize = window_event_listener(leptos::ev::resize, move |_| update_ends());
    on_cleanup(move || on_resize.remove());

    let rotation = Rotation::new(settings, track);
    let show_rotation = rotation.available;
    let live = move || if rotation.running() { "off" } else { "polite" };

    let slides = cards
        .into_iter()
        .enumerate()
        .map(|(i, card)| {
            view! {
                <div
                    class="featured-carousel__slide"
                    role="group"
                    aria-roledescription="slide"
                    aria-label=format!("{} of {count}", i + 1)
                >
                    <ArticleCard card heading_level=3 compact=true />
                </div>
            }
        })
        .collect_view();

    view! {
        <section
            class="featured-carousel"
            node_ref=region
            aria-roledescription="carousel"
            aria-labelledby="featured-title"
            on:keydown=move |ev| on_arrow_key(ev, track)
            on:pointerenter=move |_| rotation.hold(Hold::Pointer, true)
            on:pointerleave=move |_| rotation.hold(Hold::Pointer, false)
            on:focusin=move |_| rotation.hold(Hold::Focus, true)
            on:focusout=move |ev| {
                let leaving = region.get_untracked().is_some_and(|r| !contains_related(&r, &ev));
                if leaving {
                    rotation.hold(Hold::Focus, false);
                }
            }
        >
            <div class="featured-carousel__head">
                <h2 class="section-title featured-carousel__title" id="featured-title">"Featured"</h2>
                <div class="featured-carousel__controls">
                    <Show when=move || show_rotation>
                        <button
                            type="button"
                            class="featured-carousel__button featured-carousel__rotation"
                            on:click=move |_| rotation.toggle()
                        >
                            {move || if rotation.enabled() { "Stop slide show" } else { "Start slide show" }}
                        </button>
                    </Show>
                    <button
                        type="button"
                        class="featured-carousel__button"
                        aria-controls="featured-track"
                        aria-disabled=move || at_start.get().to_string()
                        on:click=move |_| {
                            if !at_start.get_untracked() {
                                page(track, -1);
                            }
                        }
                    >
                        <span aria-hidden="true">"←"</span>
                        <span class="visually-hidden">"Previous stories"</span>
                    </button>
                    <button
                        type="button"
                        class="featured-carousel__button"
                        aria-controls="featured-track"
                        aria-disabled=move || at_end.get().to_string()
                        on:click=move |_| {
                            if !at_end.get_untracked() {
                                page(track, 1);
                            }
                        }
                    >
                        <span aria-hidden="true">"→"</span>
                        <span class="visually-hidden">"Next stories"</span>
                    </button>
                </div>
            </div>
            <div
                class="featured-carousel__track"
                id="featured-track"
                node_ref=track
                aria-live=live
                on:scroll=move |_| update_ends()
            >
                {slides}
            </div>
        </section>
    }
    .into_any()
}

#[cfg(target_arch = "wasm32")]
fn watch_size(el: &web_sys::HtmlDivElement, on_change: impl Fn() + 'static) {
    use send_wrapper::SendWrapper;
    use wasm_bindgen::prelude::*;
    let callback = Closure::<dyn FnMut()>::new(on_change);
    let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) else {
        return;
    };
    observer.observe(el);
    let held = SendWrapper::new((observer, callback));
    on_cleanup(move || held.0.disconnect());
}

#[cfg(not(target_arch = "wasm32"))]
fn watch_size(_el: &web_sys::HtmlDivElement, _on_change: impl Fn() + 'static) {}

/// Scrolls the track by `pages` of its own width (snapping lands on a card).
fn page(track: NodeRef<Div>, pages: i32) {
    if let Some(el) = track.get_untracked() {
        scroll_by(&el, pages * el.client_width());
    }
}

/// Scrolls by the width of one slide.
fn step(track: NodeRef<Div>, cards: i32) {
    if let Some(el) = track.get_untracked() {
        let width = el.first_element_child().map(|slide| slide.client_width()).unwrap_or_else(|| el.client_width());
        scroll_by(&el, cards * width);
    }
}

#[cfg(target_arch = "wasm32")]
fn scroll_by(el: &web_sys::HtmlDivElement, dx: i32) {
    let options = web_sys::ScrollToOptions::new();
    options.set_left(dx as f64);
    options.set_behavior(if prefers_reduced_motion() {
        web_sys::ScrollBehavior::Instant
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    el.scroll_by_with_scroll_to_options(&options);
}

#[cfg(not(target_arch = "wasm32"))]
fn scroll_by(_el: &web_sys::HtmlDivElement, _dx: i32) {}

#[cfg(target_arch = "wasm32")]
fn prefers_reduced_motion() -> bool {
    window().match_media("(prefers-reduced-motion: reduce)").ok().flatten().is_some_and(|q| q.matches())
}

#[cfg(not(target_arch = "wasm32"))]
fn prefers_reduced_motion() -> bool {
    true
}

/// Left and Right move a card at a time while focus is in the carousel. If a
/// card link has focus, focus follows to the next card so it stays in view.
fn on_arrow_key(ev: leptos::ev::KeyboardEvent, track: NodeRef<Div>) {
    let dir = match ev.key().as_str() {
        "ArrowLeft" => -1,
        "ArrowRight" => 1,
        _ => return,
    };
    ev.prevent_default();
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let focused_slide =
            document().active_element().and_then(|el| el.closest(".featured-carousel__slide").ok().flatten());
        if let Some(slide) = focused_slide {
            let next = if dir > 0 { slide.next_element_sibling() } else { slide.previous_element_sibling() };
            if let Some(link) = next
                .and_then(|s| s.query_selector("a").ok().flatten())
                .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = link.focus();
            }
        }
    }
    step(track, dir);
}

#[cfg(target_arch = "wasm32")]
fn contains_related(region: &web_sys::HtmlElement, ev: &leptos::ev::FocusEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
        .is_some_and(|node| region.contains(Some(&node)))
}

#[cfg(not(target_arch = "wasm32"))]
fn contains_related(_region: &web_sys::HtmlElement, _ev: &leptos::ev::FocusEvent) -> bool {
    false
}

#[derive(Clone, Copy)]
enum Hold {
    Pointer,
    Focus,
}

/// Automatic rotation, only when the publisher asked and the reader has not
/// asked for reduced motion.
#[derive(Clone, Copy)]
struct Rotation {
    available: bool,
    enabled: RwSignal<bool>,
    pointer_inside: RwSignal<bool>,
    focus_inside: RwSignal<bool>,
}

impl Rotation {
    fn new(settings: CarouselSettings, track: NodeRef<Div>) -> Self {
        let available = settings.auto_rotate && !prefers_reduced_motion();
        let rotation = Rotation {
            available,
            enabled: RwSignal::new(available),
            pointer_inside: RwSignal::new(false),
            focus_inside: RwSignal::new(false),
        };
        if available {
            let seconds = settings.interval_seconds.max(3) as u64;
            let handle = set_interval_with_handle(
                move || {
                    if rotation.running_untracked() {
                        advance(track);
                    }
                },
                std::time::Duration::from_secs(seconds),
            );
            if let Ok(handle) = handle {
                on_cleanup(move || handle.clear());
            }
        }
        rotation
    }

    fn enabled(&self) -> bool {
        self.enabled.get()
    }

    fn running(&self) -> bool {
        self.enabled.get() && !self.pointer_inside.get() && !self.focus_inside.get()
    }

    fn running_untracked(&self) -> bool {
        self.enabled.get_untracked() && !self.pointer_inside.get_untracked() && !self.focus_inside.get_untracked()
    }

    fn toggle(&self) {
        self.enabled.update(|on| *on = !*on);
    }

    fn hold(&self, why: Hold, inside: bool) {
        match why {
            Hold::Pointer => self.pointer_inside.set(inside),
            Hold::Focus => self.focus_inside.set(inside),
        }
    }
}

/// One page on, back to the first at the end.
fn advance(track: NodeRef<Div>) {
    if let Some(el) = track.get_untracked() {
        let max = el.scroll_width() - el.client_width();
        if el.scroll_left() >= max - 1 {
            scroll_by(&el, -el.scroll_width());
        } else {
            page(track, 1);
        }
    }
}
