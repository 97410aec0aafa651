use leptos::prelude::*;

use crate::config::AppConfig;
use crate::search::Results;

use super::{HighlightedText, SearchResultMeta};

/// The search page's results, each as a link with the words found marked
/// (the page says how many were found). Its code comes with the search's
/// (`crate::deferred`).
#[component]
pub fn SearchResultList(results: Results, config: AppConfig) -> impl IntoView {
    let terms = results.terms;
    let items = results
        .docs
        .into_iter()
        .map(|doc| {
            let href = config.href(&AppConfig::article_path(&doc.slug));
            let terms = terms.clone();
            view! {
                <li class="search-result" lang=doc.language.clone().or_else(crate::app::site_language)>
                    <a class="search-result__title" href=href>
                        <HighlightedText text=doc.title.clone() terms=terms.clone() />
                    </a>
                    <SearchResultMeta doc=doc.clone() />
                    <p class="search-result__snippet">
                        <HighlightedText text=doc.text.clone() terms />
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <ol class="search-page__results" role="list">{items}</ol>
    }
}
