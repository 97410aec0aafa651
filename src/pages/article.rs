use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::app::use_config;
use crate::components::{ArticleView, LoadErrorMessage, LoadingNote, PageMeta};
use crate::content;
use crate::model::LoadError;
use crate::pages::NotFoundPage;

/// `/article/:slug`: the article, or a clear message about why it cannot be shown.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let config = use_config();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let article = LocalResource::new(move || {
        let config = config.clone();
        let slug = slug.get();
        async move { content::load_article(&config, &slug).await }
    });
    let content = move || {
        Suspend::new(async move {
            match article.await {
                Ok(article) => {
                    let description = article.summary();
                    view! {
                        <PageMeta title=article.title.clone() description />
                        <ArticleView article />
                    }
                    .into_any()
                }
                Err(LoadError::NotFound) => view! { <NotFoundPage /> }.into_any(),
                Err(error) => {
                    let slug = slug.get_untracked();
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
    view! {
        <Transition fallback=|| view! { <LoadingNote what="the article" /> }>{content}</Transition>
    }
}
