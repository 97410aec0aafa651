use leptos::prelude::*;

use crate::model::Timestamp;

/// A date as a `<time>` element, written the reader's way in the browser.
#[component]
pub fn PublishedDate(
    /// The moment to show.
    date: Timestamp,
    /// Words before the date, such as "Updated".
    #[prop(optional, into)]
    label: String,
) -> impl IntoView {
    let text = crate::browser::locale_date(date.ymd()).unwrap_or_else(|| date.long_date());
    let text = if label.is_empty() { text } else { format!("{label} {text}") };
    view! { <time class="published-date" datetime=date.as_str().to_string()>{text}</time> }
}
