use leptos::prelude::*;

use crate::model::Inline;

use super::RichText;

/// A pull quote: words set large, with who said them.
#[component]
pub fn PullQuote(
    /// The block id, kept as the element id so passages can be linked to.
    id: String,
    /// The quoted words.
    content: Vec<Inline>,
    /// Who said them, if known.
    cite: Option<String>,
) -> impl IntoView {
    view! {
        <figure class="pull-quote" id=id>
            <blockquote class="pull-quote__text">
                <p><RichText content /></p>
            </blockquote>
            {cite.map(|c| view! { <figcaption class="pull-quote__cite">{c}</figcaption> })}
        </figure>
    }
}
