//! The app mounted in an element of another site's page (see `mount.js`):
//! one article's chosen parts, without the router, so the host's links and
//! address stay the host's.

use leptos::prelude::*;

use crate::app::Catalog;
use crate::components::{Announcer, HeadingFocus, LoadErrorMessage};
use crate::config::AppConfig;
use crate::content;
use crate::model::{EmbedParts, LoadError, Seed};
use crate::pages::embed::EmbeddedArticle;
use crate::search::SearchIndex;

/// One mounted article.
#[component]
pub fn MountedArticle(config: AppConfig, slug: String, parts: EmbedParts) -> impl IntoView {
    provide_context(Catalog::load(&config, Seed::default()));
    provide_context(config.clone());
    provide_context(Announcer::new());
    let focus = HeadingFocus::never();
    provide_context(focus);
    provide_context(SearchIndex::new());
    let for_load = config.clone();
    let slug_for_load = slug.clone();
    let article = LocalResource::new(move || {
        let config = for_load.clone();
        let slug = slug_for_load.clone();
        async move { content::load_article(&config, &slug).await }
    });
    // The site's front page, for a reader a missing article leaves with nothing to read.
    let home = StoredValue::new(config.href("/"));
    let content = move || {
        let slug = slug.clone();
        Suspend::new(async move {
            match article.await {
                Ok(article) => view! { <EmbeddedArticle article parts framed=false /> }.into_any(),
                Err(LoadError::NotFound) => view! {
                    <p class="embed__loading" role="alert">{format!("The article “{slug}” was not found.")}</p>
                    <p class="embed__credit"><a href=home.get_value()>"Read linernotes"</a></p>
                }
                .into_any(),
                Err(error) => view! {
                    <LoadErrorMessage
                        what=format!("the article “{slug}”")
                        error
                        on_retry=Callback::new(move |_| {
                            focus.ask();
                            article.refetch();
                        })
                    />
                }
                .into_any(),
            }
        })
    };
    view! {
        <div class="site-main site-main--embed">
            <Transition fallback=|| view! { <p class="embed__loading" role="status">"Loading the article…"</p> }>
                {content}
            </Transition>
        </div>
    }
}
