use leptos::prelude::*;

use crate::app::use_config;
use crate::config::AppConfig;
use crate::model::{Article, Block};

/// Blocks of a long article rendered at once; the rest follow in parts.
const FIRST_BLOCKS: usize = 40;
const BLOCKS_PER_TASK: usize = 40;

use super::{ArticleFigure, BodyBlock, FeedbackMarker, PageHeading, PublishedDate, RichText};

/// The article itself: its header (category, headline, dek, byline, date),
/// hero image, body and tags. Pure: it renders what it is given, the same in
/// the browser and natively.
#[component]
pub fn ArticleView(
    /// The article to show.
    article: Article,
    /// Render a long body a part at a time (an article fetched in the
    /// browser); a prerendered one is always whole, as it was built.
    #[prop(optional)]
    progressive: bool,
) -> impl IntoView {
    let config = use_config();
    let byline = article.byline_parts();
    // The page's own words are English; the article's are in its language.
    let (lang, dir) = crate::app::text_marks(article.language.clone());
    let Article { title, dek, category, tags, published, updated, hero, body, feedback, .. } = article;
    let category = category.map(|c| {
        let href = config.href(&AppConfig::category_path(&c.slug));
        view! { <p class="article__category"><a href=href>{c.name}</a></p> }
    });
    let updated = updated.filter(|u| u > &published);
    let feedback = StoredValue::new(feedback);
    let block_view = move |block: Block| {
        // Passages that invite feedback carry a marker (when the site has a
        // comment service).
        match feedback.with_value(|f| f.iter().find(|f| f.block == block.id()).map(|f| f.prompt.clone())) {
            Some(prompt) => {
                let id = block.id().to_string();
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
    };
    let mut first = body;
    crate::model::step_heading_levels(&mut first);
    let rest = if progressive && first.len() > FIRST_BLOCKS { first.split_off(FIRST_BLOCKS) } else { Vec::new() };
    view! {
        <article class="article" lang=lang dir=dir>
            <header class="article__header">
                {category}
                <PageHeading class="article__title">{title}</PageHeading>
                {dek.map(|d| view! { <p class="article__dek">{d}</p> })}
                // The reader's own words ("By", the date) are English,
                // whatever the article's language.
                <p class="article__meta" lang="en">
                    // Each name links to its author's page where the article gives one.
                    {(!byline.is_empty()).then(|| view! { <span class="article__byline" dir="ltr">"By " <RichText content=byline /></span> })}
                    <PublishedDate date=published />
                    {updated.map(|u| view! { <PublishedDate date=u label="Updated" /> })}
                </p>
            </header>
            {hero.map(|image| view! { <ArticleFigure image class="figure--hero" eager=true /> })}
            <div class="article__body">
                {first.is_empty().then(|| view! {
                    // Every block was left out (unknown kinds, broken ones):
                    // the reader is told, not left with a headline alone.
                    <p class="article__empty" lang="en">
                        "The text of this article could not be shown: its file holds nothing this reader can display."
                    </p>
                })}
                {first.into_iter().map(block_view).collect_view()}
                {(!rest.is_empty()).then(|| {
                    // A very long article fetched in the browser: the rest of
                    // its blocks follow a few at a time, between tasks, so
                    // reading can start and the page stays responsive.
                    let later = RwSignal::new(Vec::<(usize, Vec<Block>)>::new());
                    leptos::task::spawn_local(async move {
                        for (i, chunk) in rest.chunks(BLOCKS_PER_TASK).enumerate() {
                            crate::browser::sleep(0).await;
                            later.update(|l| l.push((i, chunk.to_vec())));
                        }
                        // A passage the address names may be in the last part.
                        crate::browser::sleep(0).await;
                        crate::browser::reveal_fragment();
                    });
                    view! {
                        <For
                            each=move || later.get()
                            key=|(i, _)| *i
                            children=move |(_, chunk)| chunk.into_iter().map(block_view).collect_view()
                        />
                    }
                })}
            </div>
            {(!tags.is_empty()).then(|| view! {
                <footer class="article__tags">
                    <h2 class="visually-hidden" lang="en">"Tags"</h2>
                    <ul class="tag-list" role="list">
                        {tags.into_iter().map(|t| view! { <li class="tag">{t}</li> }).collect_view()}
                    </ul>
                </footer>
            })}
        </article>
    }
}
