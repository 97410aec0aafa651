use leptos::prelude::*;

use crate::model::{AllowedTag, Markup};

/// A comment's text after the allow-list, rendered as elements and text
/// nodes. There is no path from here to raw HTML.
#[component]
pub fn CommentText(
    /// The allow-listed tree of the comment's text.
    markup: Vec<Markup>,
) -> impl IntoView {
    render(markup)
}

fn render(nodes: Vec<Markup>) -> AnyView {
    nodes
        .into_iter()
        .map(|node| match node {
            Markup::Text(text) => text.into_any(),
            Markup::Element { tag, href, children } => {
                let inner = render(children);
                match tag {
                    AllowedTag::P => view! { <p>{inner}</p> }.into_any(),
                    AllowedTag::Br => view! { <br /> }.into_any(),
                    AllowedTag::Em => view! { <em>{inner}</em> }.into_any(),
                    AllowedTag::Strong => view! { <strong>{inner}</strong> }.into_any(),
                    AllowedTag::Code => view! { <code>{inner}</code> }.into_any(),
                    AllowedTag::Del => view! { <del>{inner}</del> }.into_any(),
                    // A long line scrolls sideways: keyboards must reach it.
                    AllowedTag::Pre => view! { <pre tabindex="0">{inner}</pre> }.into_any(),
                    AllowedTag::Blockquote => view! { <blockquote>{inner}</blockquote> }.into_any(),
                    AllowedTag::Ul => view! { <ul>{inner}</ul> }.into_any(),
                    AllowedTag::Ol => view! { <ol>{inner}</ol> }.into_any(),
                    AllowedTag::Li => view! { <li>{inner}</li> }.into_any(),
                    // A link opens in a new tab, which keeps the reader's
                    // place and draft, unless it names a place on this
                    // very page (another comment, quoted by its address).
                    AllowedTag::A => match href {
                        Some(href) if crate::browser::names_place_on_this_page(&href) => {
                            view! { <a href=href rel="nofollow ugc">{inner}</a> }.into_any()
                        }
                        Some(href) => view! {
                            <a href=href rel="nofollow ugc noopener" target="_blank">{inner}</a>
                        }
                        .into_any(),
                        None => inner,
                    },
                }
            }
        })
        .collect_view()
        .into_any()
}
