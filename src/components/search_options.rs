use leptos::prelude::*;

use crate::config::AppConfig;
use crate::model::search::{shown_query, SHOWN_QUERY_CHARS};
use crate::search::Results;

use super::{HighlightedText, SearchResultMeta};

/// What the search dialog's status says of its results. It comes with the
/// search's code, as the options do.
pub fn found_status(results: &Results) -> String {
    match results.total {
        _ if results.query.is_empty() => String::new(),
        0 => format!(
            "No articles match “{}”. Try fewer words, or another spelling.",
            shown_query(&results.query, SHOWN_QUERY_CHARS)
        ),
        1 => "1 article found.".to_string(),
        n if n > results.docs.len() => format!("{n} articles found; the best {} are shown.", results.docs.len()),
        n => format!("{n} articles found."),
    }
}

/// The search dialog's results, as options of its list box: the words
/// found are marked, the arrow keys' choice is `selected`, and a click (or
/// Enter, in the dialog) opens one through `choose`. Its code comes with
/// the search's (`crate::deferred`).
#[component]
pub fn SearchOptions(
    results: Results,
    config: AppConfig,
    /// The option the arrow keys are on.
    selected: RwSignal<Option<usize>>,
    /// Opens the result at this place.
    choose: Callback<usize>,
) -> impl IntoView {
    let terms = results.terms;
    results
        .docs
        .into_iter()
        .enumerate()
        .map(|(i, doc)| {
            let terms = terms.clone();
            let href = config.href(&AppConfig::article_path(&doc.slug));
            let tab_href = href.clone();
            // The story's language, as on its card.
            let lang = doc.language.clone().or_else(crate::app::site_language);
            view! {
                <li
                    role="option"
                    id=option_id(i)
                    class="search-result search-result--option"
                    lang=lang
                    aria-selected=move || (selected.get() == Some(i)).to_string()
                    // An option is not a link, but a reader's ways to
                    // open a link in a new tab or window still work.
                    on:click=move |ev| {
                        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
                            crate::browser::open_elsewhere(&href);
                        } else {
                            choose.run(i)
                        }
                    }
                    on:auxclick=move |ev| {
                        if ev.button() == 1 {
                            ev.prevent_default();
                            crate::browser::open_elsewhere(&tab_href);
                        }
                    }
                >
                    <span class="search-result__title">
                        <HighlightedText text=doc.title.clone() terms=terms.clone() />
                    </span>
                    <SearchResultMeta doc=doc.clone() />
                    <span class="search-result__snippet">
                        <HighlightedText text=doc.text.clone() terms />
                    </span>
                </li>
            }
        })
        .collect_view()
}

/// The id of the option at `i`, for the field's `aria-activedescendant`.
pub fn option_id(i: usize) -> String {
    format!("search-option-{i}")
}
