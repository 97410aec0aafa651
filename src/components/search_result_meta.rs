use leptos::prelude::*;

use crate::model::search::Doc;
use crate::model::Timestamp;

/// Category and date of a search result, on one line.
#[component]
pub fn SearchResultMeta(doc: Doc) -> impl IntoView {
    let date = Timestamp::parse(&doc.published).ok();
    view! {
        <span class="search-result__meta">
            {doc.category.map(|c| view! { <span class="search-result__category">{c}</span> })}
            {date.map(|d| view! { <time lang="en" datetime=d.as_str().to_string()>{d.long_date()}</time> })}
        </span>
    }
}
