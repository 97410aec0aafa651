use leptos::prelude::*;

use crate::app::use_config;
use crate::model::{Image, SafeHref};

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
    /// Where the picture leads when pressed, if anywhere.
    #[prop(default = None)]
    link: Option<SafeHref>,
) -> impl IntoView {
    let config = use_config();
    let Image { src, alt, width, height, caption, credit } = image;
    let has_words = caption.is_some() || credit.is_some();
    // A link is named by its picture's alt text; a picture without one
    // (decorative) leaves the link its caption, or where it goes, as name.
    let link_name = alt.trim().is_empty().then(|| match (&caption, &link) {
        (Some(caption), _) if !caption.trim().is_empty() => caption.clone(),
        (_, Some(SafeHref::Web(url))) => format!("Open {}", url.split('/').nth(2).unwrap_or(url)),
        _ => "Open the linked page".to_string(),
    });
    let picture = view! {
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
    };
    let picture = match link {
        Some(href) => {
            let rel = (!matches!(href, SafeHref::Site(_))).then_some("noopener");
            view! { <a class="figure__link" href=href.resolve(&config.base) rel=rel aria-label=link_name>{picture}</a> }
                .into_any()
        }
        None => picture.into_any(),
    };
    view! {
        <figure class=format!("figure {class}") id=id>
            {picture}
            {has_words.then(|| view! {
                <figcaption class="figure__caption">
                    {caption.map(|c| view! { <span class="figure__caption-text">{c}</span> })}
                    {credit.map(|c| view! { <span class="figure__credit">{c}</span> })}
                </figcaption>
            })}
        </figure>
    }
}
