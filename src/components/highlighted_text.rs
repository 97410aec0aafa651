use leptos::prelude::*;

use crate::model::search::{highlight, QueryTerm};

/// Text with the words a search matched in `<mark>`, built as views.
#[component]
pub fn HighlightedText(text: String, terms: Vec<QueryTerm>) -> impl IntoView {
    highlight(&text, &terms)
        .into_iter()
        .map(|(run, marked)| if marked { view! { <mark>{run}</mark> }.into_any() } else { run.into_any() })
        .collect_view()
}
