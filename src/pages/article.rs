use leptos::prelude::*;

use crate::app::{use_config, Catalog};
use crate::comments::CommentStore;
use crate::components::{ArticleView, CommentArea, FeaturedCarousel, LoadErrorMessage, LoadingNote, PageMeta};
use crate::model::Article;

use crate::content;
use crate::model::LoadError;
use crate::pages::NotFoundPage;

/// `/article/:slug`: the article, or a clear message about why it cannot be shown.
#[component]
pub fn ArticlePage(
    /// The article's slug, from the address.
    slug: String,
) -> impl IntoView {
    let config = use_config();
    let catalog = use_context::<Catalog>();
    let slug = StoredValue::new(slug);
    let seeded = move |slug: &str| catalog.and_then(|c| c.seeded_article(slug));
    let article = LocalResource::new(move || {
        let config = config.clone();
        let slug = slug.get_value();
        let seeded = seeded(&slug);
        async move {
            match seeded {
                Some(article) => Ok(article),
                None => content::load_article(&config, &slug).await,
            }
        }
    });
    let content = move || {
        Suspend::new(async move {
            match article.await {
                Ok(article) => loaded(article, true),
                // Reached by a link, with its data missing or broken: the
                // server may still hold the page as built (a partial upload).
                Err(error) if !error.is_transient() && crate::browser::load_from_server_if_moved() => {
                    view! { <LoadingNote what="the article" titled=true /> }.into_any()
                }
                Err(LoadError::NotFound) => view! { <NotFoundPage /> }.into_any(),
                Err(error) => {
                    let slug = slug.get_value();
                    crate::browser::warn(&format!("linernotes: article “{slug}”: {error}"));
                    view! {
                        <PageMeta title="Article unavailable" description="" />
                        <LoadErrorMessage
                            what=format!("the article “{slug}”")
                            error
                            as_page=true
                            on_retry=Callback::new(move |_| article.refetch())
                        />
                    }
                    .into_any()
                }
            }
        })
    };
    // The prerendered article renders at once, with no loading state in
    // between, so the app takes over the page without changing it.
    match seeded(&slug.get_value()) {
        Some(article) => loaded(article, false),
        None => view! {
            <Transition fallback=|| view! { <LoadingNote what="the article" titled=true /> }>{content}</Transition>
        }
        .into_any(),
    }
}

/// The page for an article in hand, fetched (`progressive`: a long one is
/// rendered a part at a time) or carried by the prerendered page.
fn loaded(article: Article, progressive: bool) -> AnyView {
    let description = article.summary();
    view! {
        <PageMeta title=article.title.clone() description />
        <ArticleWithComments article progressive />
    }
    .into_any()
}

/// The Featured carousel under an article: it waits for the index on its
/// own, so the article never waits for it, and a broken index costs only
/// this section.
#[component]
pub(crate) fn Featured(slug: String, related: Vec<String>) -> impl IntoView {
    let catalog = use_context::<Catalog>();
    if let Some(catalog) = catalog {
        if let Some(index) = catalog.seeded_index(&crate::config::AppConfig::article_path(&slug)) {
            let cards: Vec<_> = index.carousel_for(&slug, &related).into_iter().cloned().collect();
            // Rebuilt only if the deployed site.json changes the carousel's
            // settings from those the page was built with.
            let settings = Memo::new(move |_| catalog.site().carousel);
            return (move || view! { <FeaturedCarousel cards=cards.clone() settings=settings.get() /> }).into_any();
        }
    }
    let cards = move || {
        let slug = slug.clone();
        let related = related.clone();
        Suspend::new(async move {
            let catalog = catalog?;
            // The article stands without its carousel; say why it is missing.
            let index = catalog
                .index()
                .await
                .map_err(|e| crate::browser::warn(&format!("linernotes: no Featured stories: {e}")))
                .ok()?;
            let settings = catalog.site().carousel;
            let cards: Vec<_> = index.carousel_for(&slug, &related).into_iter().cloned().collect();
            Some(view! { <FeaturedCarousel cards settings /> })
        })
    };
    view! { <Suspense fallback=|| ()>{cards}</Suspense> }.into_any()
}

/// The article, its comment area and the Featured carousel, sharing one
/// comments context (so the passage markers and the comment area agree).
#[component]
fn ArticleWithComments(article: Article, progressive: bool) -> impl IntoView {
    let slug = article.slug.clone();
    let passages = article.feedback_blocks();
    CommentStore::provide(slug.clone(), article.title.clone(), passages);
    let passages = article.feedback_passages();
    let open = article.comments.open;
    let related = article.related.clone();
    provide_context(crate::app::ArticleLanguage(article.language.clone()));
    // A fetched article was not on the page when the address named one of
    // its passages: show it now.
    Effect::new(move |_| crate::browser::reveal_fragment());
    view! {
        <ArticleView article progressive />
        <CommentArea passages open />
        <Featured slug related />
    }
}
