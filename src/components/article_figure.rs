use leptos::prelude::*;

use crate::app::use_config;
use crate::model::Image;

/// An image with its reserved box, caption and credit.
#[component]
pub fn ArticleFigure(
    /// The image and its words.
    image: Image,
    /// The block id, kept as the element id.
    #[prop(optional, into)]
    id: Option<String>,
    /// Class for placement (hero or in the body).
    #[prop(into)]
    class: String,
    /// Load at once (the hero) or when near the viewport (body images).
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let config = use_config();
    let Image { src, alt, width, height, caption, credit } = image;
    let has_words = caption.is_some() || credit.is_some();
    view! {
        <figure class=format!("figure {class}") id=id>
            <img
                class="figure__image"
                src=config.asset(&src)
                alt=alt
                width=width
                height=height
                loading=if eager { "eager" } else { "lazy" }
                // The hero is the page's largest paint: ahead of the app's code.
                fetchpriority=if eager { "high" } else { "auto" }
                decoding=if eager { "auto" } else { "async" }
            />
            {has_words.then(|| view! {
                <figcaption class="figure__caption">
                    {caption.map(|c| view! { <span class="figure__caption-text">{c}</span> })}
                    {credit.map(|c| view! { <span class="figure__credit">{c}</span> })}
                </figcaption>
            })}
        </figure>
    }
}
