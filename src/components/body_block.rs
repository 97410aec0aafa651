use leptos::prelude::*;

use crate::model::{Block, SafeHref};

use super::{player_for, ArticleFigure, LyricQuote, PullQuote, RichText};

/// One block of the article body, in the element that fits it.
#[component]
pub fn BodyBlock(
    /// The block to render.
    block: Block,
) -> impl IntoView {
    match block {
        Block::Paragraph { id, content } => view! { <p id=id><RichText content /></p> }.into_any(),
        Block::Heading { id, level, text } => match level {
            3 => view! { <h3 id=id class="article__subheading">{text}</h3> }.into_any(),
            4 => view! { <h4 id=id class="article__subheading">{text}</h4> }.into_any(),
            5 => view! { <h5 id=id class="article__subheading">{text}</h5> }.into_any(),
            6 => view! { <h6 id=id class="article__subheading">{text}</h6> }.into_any(),
            _ => view! { <h2 id=id class="article__subheading">{text}</h2> }.into_any(),
        },
        Block::Quote { id, content, cite } => view! { <PullQuote id content cite /> }.into_any(),
        Block::Lyrics { id, lines, cite } => view! { <LyricQuote id lines cite /> }.into_any(),
        Block::Video { .. } | Block::Audio { .. } => player_for(&block).into_any(),
        Block::Image { id, image, link } => {
            let link = link.as_deref().and_then(SafeHref::parse);
            view! { <ArticleFigure image id link class="figure--body" /> }.into_any()
        }
        Block::List { id, ordered, start, reversed, items } => {
            let width = crate::model::list_number_width(start, reversed, items.len());
            let items = items.into_iter().map(|item| view! { <li><RichText content=item /></li> }).collect_view();
            if ordered {
                // Room for numbers of three figures and more (a list of years).
                let class = match width {
                    0..=2 => "article__list",
                    3 => "article__list article__list--digits-3",
                    4 => "article__list article__list--digits-4",
                    _ => "article__list article__list--digits-5",
                };
                view! { <ol id=id class=class start=start reversed=reversed>{items}</ol> }.into_any()
            } else {
                view! { <ul id=id class="article__list">{items}</ul> }.into_any()
            }
        }
    }
}
