use std::time::Duration;

use leptos::children::ViewFn;
use leptos::ev::{KeyboardEvent, MouseEvent};
use leptos::html::{Dialog, Input, A};
use leptos::prelude::*;

use crate::app::use_config;
use crate::config::AppConfig;
use crate::deferred;
use crate::model::search::{shown_query, SHOWN_QUERY_CHARS};
use crate::model::{encode_query_value, LoadError};
use crate::search::{use_search_index, Results};

use super::search_options::option_id;

/// Results shown in the dialog; the search page shows more.
const DIALOG_RESULTS: usize = 8;
/// Typing pauses this long before a query runs.
const DEBOUNCE: Duration = Duration::from_millis(150);
/// A search still under way after this long is said to be searching.
const SLOW: Duration = Duration::from_millis(400);

/// The header's search link and the search dialog it opens: a field with
/// live results, arrow keys through them, Enter to open one, Escape or
/// "Close search" to go back. Without JavaScript the link leads to the
/// search page instead. "/" opens it from anywhere on the page.
#[component]
pub fn SiteSearch() -> impl IntoView {
    let config = use_config();
    let index = use_search_index();
    let location = crate::router::use_location();
    let dialog = NodeRef::<Dialog>::new();
    let trigger = NodeRef::<A>::new();
    let input = NodeRef::<Input>::new();
    let query = RwSignal::new(String::new());
    let results = RwSignal::new(None::<Result<Results, LoadError>>);
    let busy = RwSignal::new(false);
    // A search taking long (a slow network): the results shown are the
    // last words', and the status says it is searching.
    let slow = RwSignal::new(false);
    let selected = RwSignal::new(None::<usize>);
    let generation = StoredValue::new(0u32);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let leaving = StoredValue::new(false);
    // What had focus when the dialog opened ("/" mid-article): it gets it
    // back on close, and the page stays where the reader was.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);

    let show = move || {
        let Some(el) = dialog.get_untracked() else { return };
        if el.open() {
            return;
        }
        leaving.set_value(false);
        opener.set_value(crate::browser::focused_element());
        // The words stay (selected, to type over); the arrows start again.
        selected.set(None);
        let _ = el.show_modal();
        if let Some(field) = input.get_untracked() {
            let _ = field.focus();
            field.select();
        }
    };
    let close = move || {
        if let Some(el) = dialog.get_untracked() {
            el.close();
        }
    };

    // Whether `target` (`/search?q=…`, an article's path) is the page the
    // reader is on: a search page is that page only with the same words.
    let is_here = move |target: &str| untrack(|| location.address()) == target;
    let go = move |path: String| {
        if is_here(&path) {
            // The page the reader is on: nothing to load, so focus goes
            // back to the search button, as on any close.
            close();
            return;
        }
        leaving.set_value(true);
        close();
        location.navigate(&path);
    };
    let go_to_doc = {
        move |i: usize| {
            let slug = results.with_untracked(|r| {
                r.as_ref().and_then(|r| r.as_ref().ok()).and_then(|r| r.docs.get(i)).map(|d| d.slug.clone())
            });
            if let Some(slug) = slug {
                go(AppConfig::article_path(&slug));
            }
        }
    };
    let all_results_path = move || format!("/search?q={}", encode_query_value(query.get().trim()));

    // The options' code comes with the search's; if it could not be had,
    // the search could not be made either.
    let option_list = RwSignal::new(None::<ViewFn>);
    // What the status says of the results, worded by the search's own code.
    let found_text = RwSignal::new(String::new());
    let choose = Callback::new(go_to_doc);
    let config_for_run = config.clone();
    let run = move |text: String| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        let config = config_for_run.clone();
        busy.set(true);
        set_timeout(
            move || {
                if generation.try_get_value() == Some(mine) && busy.get_untracked() {
                    slow.set(true);
                }
            },
            SLOW,
        );
        leptos::task::spawn_local(async move {
            let found = index.search(&config, &text, DIALOG_RESULTS).await;
            let (found, list) = match found {
                Ok(r) => match deferred::search_options(r.clone(), config, selected, choose).await {
                    Ok((list, status)) => (Ok(r), Some((list, status))),
                    Err(error) => (Err(LoadError::Network(error.to_string())), None),
                },
                Err(error) => (Err(error), None),
            };
            let (list, status) = list.unzip();
            // A slower answer to an older query never replaces a newer one.
            if generation.get_value() == mine {
                results.set(Some(found));
                option_list.set(list);
                found_text.set(status.unwrap_or_default());
                selected.set(None);
                busy.set(false);
                slow.set(false);
            }
        });
    };

    // Leaving the page closes the dialog; so does another search on the
    // search page. That page stays, and takes no focus of its own, so focus
    // goes back as on any close.
    Effect::new(move |previous: Option<(String, String)>| {
        if previous.is_none() {
            // Only once the app runs does the link open a dialog and "/"
            // open it: before (or without JavaScript), it is a plain link.
            if let Some(link) = trigger.get_untracked() {
                let _ = link.set_attribute("aria-haspopup", "dialog");
                let _ = link.set_attribute("aria-keyshortcuts", "/");
            }
        }
        let here = (location.path(), location.address());
        if let Some((path, _)) = previous.filter(|p| *p != here) {
            leaving.set_value(path != here.0);
            close();
        }
        here
    });

    // "/" opens search unless the reader is typing somewhere.
    let on_slash = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if ev.key() != "/" || ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.default_prevented() {
            return;
        }
        let typing =
            ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()).is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || el.closest("[contenteditable]").ok().flatten().is_some()
            });
        if !typing {
            ev.prevent_default();
            show();
        }
    });
    on_cleanup(move || on_slash.remove());

    // Back online after a search could not be made (its code or index out
    // of reach): it is made again, as a page that failed to load is.
    let run_again = run.clone();
    let on_online = window_event_listener(leptos::ev::online, move |_| {
        let failed = results.with_untracked(|r| matches!(r, Some(Err(LoadError::Network(_)))));
        let text = query.get_untracked();
        if failed && !text.trim().is_empty() {
            run_again(text);
        }
    });
    on_cleanup(move || on_online.remove());

    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        query.set(text.clone());
        // The highlighted result was one of the words before: Enter now
        // searches these.
        selected.set(None);
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        let run = run.clone();
        timer.set_value(set_timeout_with_handle(move || run(text), DEBOUNCE).ok());
    };

    let count = move || results.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map(|r| r.docs.len()).unwrap_or(0));
    let on_keydown = {
        // While an input method composes (Japanese, Chinese, Korean), its
        // arrows pick a candidate, Enter takes it and Escape drops it: none
        // of them is the search's.
        move |ev: KeyboardEvent| match ev.key().as_str() {
            _ if ev.is_composing() => {}
            "ArrowDown" | "ArrowUp" => {
                ev.prevent_default();
                let n = count();
                if n == 0 {
                    return;
                }
                let down = ev.key() == "ArrowDown";
                selected.update(|s| {
                    *s = Some(match (*s, down) {
                        (None, true) => 0,
                        (None, false) => n - 1,
                        (Some(i), true) => (i + 1) % n,
                        (Some(i), false) => (i + n - 1) % n,
                    })
                });
            }
            // Closes at once, even with text in the field (which a search
            // field would otherwise clear first).
            "Escape" => {
                ev.prevent_default();
                close();
            }
            "Enter" => {
                ev.prevent_default();
                match selected.get_untracked() {
                    Some(i) => go_to_doc(i),
                    None if !query.get_untracked().trim().is_empty() => go(all_results_path()),
                    None => {}
                }
            }
            _ => {}
        }
    };

    // Keep the selected result in view as the arrows move through a long list.
    Effect::new(move |_| {
        if let Some(i) = selected.get() {
            scroll_option_into_view(i);
        }
    });

    let on_close = move |_| {
        if let Some(handle) = timer.get_value() {
            handle.clear();
        }
        if !leaving.get_value() {
            let back = opener
                .get_value()
                .filter(|el| el.is_connected())
                .or_else(|| trigger.get_untracked().map(web_sys::HtmlElement::from));
            if let Some(el) = back {
                crate::browser::focus_in_place(&el);
            }
        }
    };

    let status = move || {
        if busy.get() && (slow.get() || results.with(Option::is_none)) {
            return "Searching…".to_string();
        }
        match results.get() {
            None => String::new(),
            Some(Err(crate::model::LoadError::NotFound)) => {
                "Search is unavailable right now: the site's search index is missing.".to_string()
            }
            Some(Err(error)) => format!("Search is unavailable right now: {error}."),
            Some(Ok(_)) => found_text.get(),
        }
    };
    let options = move || option_list.get().map(|list| list.run());
    let has_results = move || count() > 0;
    let config_for_all = config.clone();

    view! {
        <a
            class="site-header__search"
            href=config.href("/search")
            node_ref=trigger
            on:click=move |ev: MouseEvent| {
                if ev.button() == 0 && !ev.ctrl_key() && !ev.meta_key() && !ev.shift_key() {
                    ev.prevent_default();
                    show();
                }
            }
        >
            "Search"
        </a>
        <dialog
            class="search-dialog"
            aria-labelledby="search-dialog-title"
            node_ref=dialog
            on:close=on_close
            // A click on the dimmed page around the dialog closes it.
            on:click=move |ev| {
                if crate::browser::is_backdrop_click(&ev) {
                    close();
                }
            }
        >
            <div class="search-dialog__head">
                <h2 class="search-dialog__title" id="search-dialog-title">"Search articles"</h2>
                <button type="button" class="button button--quiet" on:click=move |_| close()>
                    "Close search"
                </button>
            </div>
            <form class="search-dialog__form" role="search" on:submit=move |ev| ev.prevent_default()>
                <label class="visually-hidden" for="search-dialog-input">"Search articles"</label>
                <input
                    id="search-dialog-input"
                    class="search-field"
                    type="search"
                    role="combobox"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="Artists, titles, words…"
                    aria-autocomplete="list"
                    aria-controls="search-dialog-results"
                    aria-expanded=move || has_results().to_string()
                    aria-activedescendant=move || selected.get().map(option_id)
                    aria-describedby="search-dialog-status"
                    node_ref=input
                    on:input=on_input
                    on:keydown=on_keydown
                />
            </form>
            <p class="search-dialog__status" id="search-dialog-status" role="status">{status}</p>
            <ul
                class="search-dialog__results"
                id="search-dialog-results"
                role="listbox"
                aria-label="Results"
                aria-busy=move || slow.get().to_string()
                data-query=move || results.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map(|r| r.query.clone()))
            >
                {options}
            </ul>
            // No way on to a results page that would only repeat that search
            // is unavailable, or that it found nothing.
            <Show
                when=move || {
                    !query.get().trim().is_empty()
                        && !results.with(|r| match r {
                            Some(Err(_)) => true,
                            Some(Ok(r)) => r.total == 0 && r.query == query.get().trim(),
                            None => false,
                        })
                }
                fallback=|| ()
            >
                <p class="search-dialog__all">
                    <a
                        href={
                            let config = config_for_all.clone();
                            move || config.href(&all_results_path())
                        }
                        on:click=move |ev: MouseEvent| {
                            // This very search: nothing to load; the dialog closes as Escape does.
                            if is_here(&all_results_path()) && ev.button() == 0 && !ev.ctrl_key() && !ev.meta_key() && !ev.shift_key() {
                                ev.prevent_default();
                                close();
                            } else {
                                leaving.set_value(true);
                            }
                        }
                    >
                        {move || format!("See all results for “{}”", shown_query(query.get().trim(), SHOWN_QUERY_CHARS))}
                    </a>
                </p>
            </Show>
        </dialog>
    }
}

fn scroll_option_into_view(i: usize) {
    crate::browser::scroll_into_view_by_id(&option_id(i));
}
