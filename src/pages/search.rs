use leptos::prelude::*;

use crate::app::use_config;
use crate::components::{LoadErrorMessage, LoadingNote, PageHeading, PageMeta};
use crate::deferred;
use crate::model::search::{shown_query, SHOWN_QUERY_CHARS};
use crate::model::{encode_query_value, LoadError};
use crate::search::use_search_index;

/// Results on the search page: enough to scroll through, not the whole site.
const PAGE_RESULTS: usize = 20;

/// How much of a query the page's title repeats.
const TITLE_QUERY_CHARS: usize = 60;

/// `/search?q=…`: the same results as the dialog, at an address that can be
/// shared and reloaded. Its form works without JavaScript too (a plain GET).
#[component]
pub fn SearchPage() -> impl IntoView {
    let config = use_config();
    let index = use_search_index();
    let location = crate::router::use_location();
    let query = Memo::new(move |_| location.query("q").unwrap_or_default().trim().to_string());
    let config_for_search = config.clone();
    let results = LocalResource::new(move || {
        let config = config_for_search.clone();
        let query = query.get();
        async move { index.search(&config, &query, PAGE_RESULTS).await }
    });
    let field = NodeRef::<leptos::html::Input>::new();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = field.get_untracked().map(|f| f.value()).unwrap_or_default();
        let path = format!("/search?q={}", encode_query_value(text.trim()));
        location.navigate(&path);
    };
    let config_for_list = config.clone();
    // Another search from this page's own form keeps its path, so no page
    // is announced: this line, there from the start, says what was found
    // (a region added with its words is not heard by every screen reader).
    let said = RwSignal::new(String::new());
    let list = move || {
        let config = config_for_list.clone();
        Suspend::new(async move {
            match results.await {
                Ok(r) if r.query.is_empty() => {
                    said.set(String::new());
                    view! { <p class="search-page__hint">"Type an artist, a title or any words from an article."</p> }.into_any()
                }
                Ok(r) if r.total == 0 => {
                    let none = format!(
                        "No articles match “{}”. Try fewer words, another spelling, or browse the sections above.",
                        shown_query(&r.query, SHOWN_QUERY_CHARS)
                    );
                    said.set(none);
                    ().into_any()
                }
                // The list's code comes with the search's.
                Ok(r) => match deferred::search_result_list(r, config).await {
                    Ok((list, status)) => {
                        said.set(status);
                        list.run()
                    }
                    Err(error) => {
                        let error = LoadError::Network(error.to_string());
                        view! {
                            <LoadErrorMessage what="search results" error on_retry=Callback::new(move |_| results.refetch()) />
                        }
                        .into_any()
                    }
                },
                // The index, not the results, is what is missing.
                Err(LoadError::NotFound) => view! {
                    <p class="search-page__hint" role="alert">"Search is unavailable right now: the site's search index is missing."</p>
                }
                .into_any(),
                Err(error) => view! {
                    <LoadErrorMessage what="search results" error on_retry=Callback::new(move |_| results.refetch()) />
                }
                .into_any(),
            }
        })
    };
    let title = move || {
        let q = query.get();
        if q.is_empty() {
            "Search".to_string()
        } else {
            // A tab shows a few words; a pasted text would fill the history.
            format!("Search: {}", shown_query(&q, TITLE_QUERY_CHARS))
        }
    };
    view! {
        {move || view! { <PageMeta title=title() description=crate::model::SEARCH_DESCRIPTION /> }}
        <section class="search-page">
            <PageHeading>{move || {
                let q = query.get();
                if q.is_empty() { "Search".to_string() } else { format!("Results for “{}”", shown_query(&q, SHOWN_QUERY_CHARS)) }
            }}</PageHeading>
            <form class="search-page__form" role="search" action=config.href("/search") method="get" on:submit=on_submit>
                <label for="search-page-input">"Search articles"</label>
                <div class="search-page__row">
                    <input
                        id="search-page-input"
                        class="search-field"
                        type="search"
                        name="q"
                        autocomplete="off"
                        prop:value=move || query.get()
                        node_ref=field
                    />
                    <button type="submit" class="button">"Search"</button>
                </div>
            </form>
            // Text only inside <noscript>: with scripting on, browsers keep its
            // content as one text node, which is what the app then adopts.
            <noscript class="search-page__hint">"Search results need JavaScript, which is turned off in this browser: browse the sections above instead."</noscript>
            // No loading note for an empty query: the page as prerendered
            // (and read without JavaScript) must not promise results.
            <p class="search-page__count" role="status">{move || said.get()}</p>
            <Transition fallback=move || {
                (!query.get().is_empty()).then(|| view! { <LoadingNote what="search results" /> })
            }>{list}</Transition>
        </section>
    }
}
