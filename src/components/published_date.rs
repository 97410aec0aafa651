use leptos::prelude::*;

use crate::model::Timestamp;

/// A date as a `<time>` element, in the site's language.
#[component]
pub fn PublishedDate(
    /// The moment to show.
    date: Timestamp,
    /// Words before the date, such as "Updated".
    #[prop(optional, into)]
    label: String,
) -> impl IntoView {
    // Written the same way natively and in the browser, so a prerendered
    // page does not change when the app takes it over.
    let text = date.long_date();
    let text = if label.is_empty() { text } else { format!("{label} {text}") };
    // The reader's own words (English month names, "Updated"), also
    // inside an article or card marked with another language, and read
    // left to right in a right-to-left one ("31 December 2025", not
    // "December 2025 31").
    view! { <time class="published-date" lang="en" dir="ltr" datetime=date.as_str().to_string()>{text}</time> }
}
