use leptos::prelude::*;

use crate::app::use_config;
use crate::config::AppConfig;
use crate::model::Article;

use super::{ArticleFigure, BodyBlock, FeedbackMarker, PageHeading, PublishedDate};

/// The article itself: its header (category, headline, dek, byline, date),
/// hero image, body and tags. Pure: it renders what it is given, the same in
/// the browser and natively.
#[component]
pub fn ArticleView(
    /// The article to show.
    article: Article,
) -> impl IntoView {
    let config = use_config();
    let byline = article.byline();
    let Article { title, dek, category, tags, published, updated, hero, body, feedback, .. } = article;
    let category = category.map(|c| {
        let href = config.href(&AppConfig::category_path(&c.slug));
        view! { <p class="article__category"><a href=href>{c.name}</a></p> }
    });
    let updated = updated.filter(|u| u > &published);
    view! {
        <article class="article">
            <header class="article__header">
                {category}
                <PageHeading class="article__title">{title}</PageHeading>
                {dek.map(|d| view! { <p class="article__dek">{d}</p> })}
                <p class="article__meta">
                    {byline.map(|b| view! { <span class="article__byline">"By " {b}</span> })}
                    <PublishedDate date=published />
                    {updated.map(|u| view! { <PublishedDate date=u label="Updated" /> })}
                </p>
            </header>
            {hero.map(|image| view! { <ArticleFigure image class="figure--hero" eager=true /> })}
            <div class="article__body">
                {body
                    .into_iter()
                    .map(|block| {
                        // Passages that invite feedback carry a marker (when
                        // the site has a comment service).
                        match feedback.iter().find(|f| f.block == block.id()) {
                            Some(f) => {
                                let id = block.id().to_string();
                                let prompt = f.prompt.clone();
                                view! {
                                    <div class="feedback-passage">
                                        <BodyBlock block />
                                        <FeedbackMarker block=id prompt />
                                    </div>
                                }
                                .into_any()
                            }
                            None => view! { <BodyBlock block /> }.into_any(),
                        }
                    })
                    .collect_view()}
            </div>
            {(!tags.is_empty()).then(|| view! {
                <footer class="article__tags">
                    <h2 class="visually-hidden">"Tags"</h2>
                    <ul class="tag-list" role="list">
                        {tags.into_iter().map(|t| view! { <li class="tag">{t}</li> }).collect_view()}
                    </ul>
                </footer>
            })}
        </article>
    }
}
