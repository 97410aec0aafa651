use leptos::prelude::*;

use crate::app::use_config;
use crate::config::AppConfig;
use crate::model::Card;

use super::PublishedDate;

/// One story in a list: thumbnail, category, linked title, dek and date.
/// The whole card is clickable through its title link, so there is one tab
/// stop and one accessible name per card.
#[component]
pub fn ArticleCard(
    /// The story to show.
    card: Card,
    /// Larger treatment for featured stories.
    #[prop(optional)]
    featured: bool,
    /// The heading level of the title (2 on a page of cards, 3 under a section heading).
    #[prop(default = 2)]
    heading_level: u8,
    /// Only image, category and title (for the carousel).
    #[prop(optional)]
    compact: bool,
    /// Its picture is on the first screen: loaded at once, not when near.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let config = use_config();
    let href = config.href(&AppConfig::article_path(&card.slug));
    // `publish index` copies a well-formed language from the article.
    let (lang, dir) = crate::app::text_marks(card.language);
    let class = if featured { "article-card article-card--featured" } else { "article-card" };
    let title = view! { <a class="article-card__link" href=href>{card.title}</a> };
    let title = if heading_level <= 2 {
        view! { <h2 class="article-card__title">{title}</h2> }.into_any()
    } else {
        view! { <h3 class="article-card__title">{title}</h3> }.into_any()
    };
    view! {
        <article class=class lang=lang dir=dir>
            {card.thumbnail.map(|t| view! {
                <img
                    class="article-card__image"
                    src=config.asset(&t.src)
                    alt=t.alt
                    width=t.width
                    height=t.height
                    loading=if eager { "eager" } else { "lazy" }
                    fetchpriority=eager.then_some("high")
                    decoding="async"
                />
            })}
            <div class="article-card__text">
                {card.category.map(|c| view! { <p class="article-card__category">{c.name}</p> })}
                {title}
                {(!compact).then(|| view! {
                    {card.dek.map(|d| view! { <p class="article-card__dek">{d}</p> })}
                    <PublishedDate date=card.published />
                })}
            </div>
        </article>
    }
}
