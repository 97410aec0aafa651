use leptos::html::{Div, Section};
use leptos::prelude::*;

use crate::model::{Card, CarouselSettings};

use super::{ArticleCard, CardList};

/// A site may ask for a slow slide show, not one whose timer cannot be set
/// (the browser's limit is about 24 days).
const MAX_INTERVAL_SECONDS: u32 = 3_600;

/// "Featured": related and featured stories under the article, as a
/// carousel following the WAI-ARIA pattern. The track is a native scroller
/// with scroll snapping, so touch, trackpads and Tab work without script;
/// the Previous/Next buttons and arrow keys move it a page or a card at a
/// time. It never moves by itself unless the publisher asks, and then it
/// pauses while the pointer or focus is inside and does not start by itself
/// under reduced motion. Its behaviour is wired only when it nears the
/// screen; until then it is the prerendered markup.
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
        if let Some(el) = track.try_get_untracked().flatten() {
            let left = el.scroll_left();
            let max = el.scroll_width() - el.client_width();
            set_at_start.set(left <= 1);
            set_at_end.set(left >= max - 1);
        }
    };
    let rotation = Rotation::new(settings);
    // Nothing but the markup until the carousel comes near the screen: the
    // ends depend on the layout (a ResizeObserver reports them, and later
    // resizes), and a slide show only starts where the reader can see it.
    let near = RwSignal::new(false);
    let watching = StoredValue::new_local(Vec::new());
    Effect::new(move |_| {
        if let Some(el) = region.get() {
            let watch = crate::browser::when_near(&el, "300px", move || near.set(true));
            watching.update_value(|w| w.extend(watch));
        }
    });
    Effect::new(move |_| {
        if !near.get() {
            return;
        }
        if let Some(el) = track.try_get_untracked().flatten() {
            let watch = crate::browser::watch_size(&el, update_ends);
            watching.update_value(|w| w.extend(watch));
        }
        rotation.start(track);
    });
    let on_resize = window_event_listener(leptos::ev::resize, move |_| {
        if near.get_untracked() {
            update_ends()
        }
    });
    on_cleanup(move || on_resize.remove());

    let show_rotation = rotation.offered;
    let live = move || if rotation.running() { "off" } else { "polite" };
    // What Previous or Next brought into view, said once the track rests:
    // the cards only scroll, so nothing in the track changes for its live
    // region to read.
    let (in_view, set_in_view) = signal(String::new());
    let paged = StoredValue::new(false);
    let settling = StoredValue::new(None::<TimeoutHandle>);
    let on_scroll = move || {
        update_ends();
        if let Some(earlier) = settling.get_value() {
            earlier.clear();
        }
        let rested = move || {
            let Some(el) = track.try_get_untracked().flatten() else { return };
            let Some((first, last)) = crate::browser::fully_visible_children(&el) else { return };
            crate::browser::skip_links_before(&el, first);
            if paged.get_value() {
                paged.set_value(false);
                set_in_view.set(cards_in_view(first + 1, last + 1, count));
            }
        };
        settling.set_value(set_timeout_with_handle(rested, std::time::Duration::from_millis(SETTLE_MS)).ok());
    };
    on_cleanup(move || {
        if let Some(Some(pending)) = settling.try_get_value() {
            pending.clear();
        }
    });
    let page_by = move |pages: i32| {
        paged.set_value(true);
        page(track, pages);
    };

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
            on:keydown=move |ev| {
                // A card moved by the arrow keys names itself as it takes
                // focus; the range Previous or Next said is not in view now.
                if on_arrow_key(ev, track) {
                    set_in_view.set(String::new());
                }
            }
            on:pointerenter=move |_| rotation.hold(Hold::Pointer, true)
            on:pointerleave=move |_| rotation.hold(Hold::Pointer, false)
            on:focusin=move |_| rotation.hold(Hold::Focus, true)
            on:focusout=move |ev| {
                // Also runs as the carousel is taken down: the browser moves
                // focus out of a card link it removes when the reader follows
                // it, after this view's signals are gone. So the region comes
                // from the event, and the hold is set only where it still is.
                if !crate::browser::focus_stays_in_target(&ev) {
                    rotation.hold(Hold::Focus, false);
                }
            }
        >
            <div class="featured-carousel__head">
                <h2 class="section-title featured-carousel__title" id="featured-title">"Featured"</h2>
                <div class="featured-carousel__controls">
                    {show_rotation.then(|| view! {
                        <button
                            type="button"
                            class="featured-carousel__button featured-carousel__rotation"
                            on:click=move |_| rotation.toggle()
                        >
                            {move || if rotation.enabled() { "Stop slide show" } else { "Start slide show" }}
                        </button>
                    })}
                    <button
                        type="button"
                        class="featured-carousel__button"
                        aria-controls="featured-track"
                        aria-disabled=move || at_start.get().to_string()
                        on:click=move |_| {
                            if !at_start.get_untracked() {
                                page_by(-1);
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
                                page_by(1);
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
                on:scroll=move |_| on_scroll()
                // With focus among the cards (Shift+Tab from the page's foot,
                // a click), every card is in the Tab order, so Shift+Tab goes
                // back card by card; once focus leaves, the cards scrolled
                // past are out of it again, as after Next.
                on:focusin=move |_| {
                    if let Some(el) = track.try_get_untracked().flatten() {
                        crate::browser::skip_links_before(&el, 0);
                    }
                }
                on:focusout=move |ev| {
                    if crate::browser::focus_stays_in_target(&ev) {
                        return;
                    }
                    if let Some(el) = track.try_get_untracked().flatten() {
                        if let Some((first, _)) = crate::browser::fully_visible_children(&el) {
                            crate::browser::skip_links_before(&el, first);
                        }
                    }
                }
            >
                {slides}
            </div>
            <p class="visually-hidden" role="status">{move || in_view.get()}</p>
        </section>
    }
    .into_any()
}

/// How long the track must rest before the cards in view are named (after
/// Previous or Next) and the Tab order starts at the first of them.
const SETTLE_MS: u64 = 300;

/// "Stories 3 to 4 of 7", the cards in view (numbered from 1).
fn cards_in_view(first: usize, last: usize, count: usize) -> String {
    if first >= last {
        format!("Story {first} of {count}")
    } else {
        format!("Stories {first} to {last} of {count}")
    }
}

/// Scrolls the track by `pages` of its own width (snapping lands on a card).
fn page(track: NodeRef<Div>, pages: i32) {
    if let Some(el) = track.try_get_untracked().flatten() {
        scroll_by(&el, pages * el.client_width());
    }
}

/// Scrolls by the width of one slide.
fn step(track: NodeRef<Div>, cards: i32) {
    if let Some(el) = track.try_get_untracked().flatten() {
        let width = el.first_element_child().map(|slide| slide.client_width()).unwrap_or_else(|| el.client_width());
        scroll_by(&el, cards * width);
    }
}

fn scroll_by(el: &web_sys::HtmlDivElement, dx: i32) {
    crate::browser::scroll_by(el, dx);
}

/// Left and Right move a card at a time while focus is in the carousel. If a
/// card link has focus, focus follows to the next card, which comes to the
/// start of the view.
fn on_arrow_key(ev: leptos::ev::KeyboardEvent, track: NodeRef<Div>) -> bool {
    let dir = match ev.key().as_str() {
        "ArrowLeft" => -1,
        "ArrowRight" => 1,
        _ => return false,
    };
    ev.prevent_default();
    if !crate::browser::focus_sibling_link(ev.target(), ".featured-carousel__slide", dir) {
        step(track, dir);
    }
    true
}

#[derive(Clone, Copy)]
enum Hold {
    Pointer,
    Focus,
}

/// Automatic rotation, only when the publisher asked. It starts by itself
/// only once the carousel is near the screen and only if the reader has not
/// asked for reduced motion; either way the reader can start or stop it.
#[derive(Clone, Copy)]
struct Rotation {
    offered: bool,
    interval_seconds: u32,
    enabled: RwSignal<bool>,
    pointer_inside: RwSignal<bool>,
    focus_inside: RwSignal<bool>,
}

impl Rotation {
    fn new(settings: CarouselSettings) -> Self {
        // Off in the first render, natively and in the browser alike: the
        // reader's motion preference is known only in the browser.
        Rotation {
            offered: settings.auto_rotate,
            interval_seconds: settings.interval_seconds.clamp(3, MAX_INTERVAL_SECONDS),
            enabled: RwSignal::new(false),
            pointer_inside: RwSignal::new(false),
            focus_inside: RwSignal::new(false),
        }
    }

    /// Starts the timer (once the carousel is near), and the slide show
    /// itself unless the reader prefers reduced motion.
    fn start(self, track: NodeRef<Div>) {
        if !self.offered {
            return;
        }
        if !crate::browser::prefers_reduced_motion() {
            self.enabled.set(true);
        }
        let handle = set_interval_with_handle(
            move || {
                if self.running_untracked() {
                    advance(track);
                }
            },
            std::time::Duration::from_secs(u64::from(self.interval_seconds)),
        );
        if let Ok(handle) = handle {
            on_cleanup(move || handle.clear());
        }
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

    /// Start is the reader's own request: it runs at once, though the
    /// pointer and focus are on the button (in the carousel). They hold
    /// it again once they leave and come back, or move to a card.
    fn toggle(&self) {
        self.enabled.update(|on| *on = !*on);
        if self.enabled.get_untracked() {
            self.pointer_inside.set(false);
            self.focus_inside.set(false);
        }
    }

    fn hold(&self, why: Hold, inside: bool) {
        let held = match why {
            Hold::Pointer => self.pointer_inside,
            Hold::Focus => self.focus_inside,
        };
        // `try_set` does nothing once the carousel is gone (see focusout).
        held.try_set(inside);
    }
}

/// One page on, back to the first at the end.
fn advance(track: NodeRef<Div>) {
    if let Some(el) = track.try_get_untracked().flatten() {
        let max = el.scroll_width() - el.client_width();
        if el.scroll_left() >= max - 1 {
            scroll_by(&el, -el.scroll_width());
        } else {
            page(track, 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::cards_in_view;

    #[test]
    fn the_cards_in_view_are_named_by_their_numbers() {
        assert_eq!(cards_in_view(3, 4, 7), "Stories 3 to 4 of 7");
        assert_eq!(cards_in_view(7, 7, 7), "Story 7 of 7");
    }
}
