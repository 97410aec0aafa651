use leptos::prelude::*;

use crate::app::Catalog;
use crate::components::{CardList, LoadErrorMessage, LoadingNote, PageHeading, PageMeta};
use crate::model::Index;

/// The front page: featured stories first, then everything, newest first.
#[component]
pub fn HomePage() -> impl IntoView {
    let catalog = use_context::<Catalog>();
    let content = move || {
        Suspend::new(async move {
            let Some(catalog) = catalog else {
                return view! { <LoadingNote what="the stories" titled=true /> }.into_any();
            };
            match catalog.index().await {
                Ok(index) => stories(index),
                Err(error) => view! {
                    <PageMeta title="" description=catalog.site().description() />
                    <LoadErrorMessage
                        what="the list of stories"
                        error
                        on_retry=Callback::new(move |_| catalog.reload_index())
                    />
                }
                .into_any(),
            }
        })
    };
    // A prerendered front page renders from the cards it carries, at once.
    let seeded = catalog.and_then(|c| c.seeded_index("/"));
    view! {
        <div class="home">
            <PageHeading class="visually-hidden">"Latest stories"</PageHeading>
            {match seeded {
                Some(index) => stories(index),
                None => view! {
                    <Transition fallback=|| view! { <LoadingNote what="the stories" titled=true /> }>{content}</Transition>
                }
                .into_any(),
            }}
        </div>
    }
}

/// Featured stories, then the rest, newest first. The page's title is set
/// here, with what it shows, so that it follows the loading note's.
fn stories(index: Index) -> AnyView {
    let featured: Vec<_> = index.featured_cards().into_iter().cloned().collect();
    let featured_slugs: Vec<String> = featured.iter().map(|c| c.slug.clone()).collect();
    let latest: Vec<_> =
        index.newest_first().into_iter().filter(|c| !featured_slugs.contains(&c.slug)).cloned().collect();
    // The first list on the page opens it: its first picture loads at once.
    let latest_leads = featured.is_empty();
    let description = use_context::<Catalog>().map(|c| c.site()).unwrap_or_default().description();
    view! {
        <PageMeta title="" description=description />
        {(!featured.is_empty()).then(|| view! {
            <section class="home__section" aria-labelledby="home-featured">
                <h2 class="section-title" id="home-featured">"Featured"</h2>
                <CardList cards=featured featured=true heading_level=3 lead=true />
            </section>
        })}
        {(!latest.is_empty()).then(|| view! {
            <section class="home__section" aria-labelledby="home-latest">
                <h2 class="section-title" id="home-latest">"Latest"</h2>
                <CardList cards=latest heading_level=3 lead=latest_leads />
            </section>
        })}
        // A new magazine, before its first article is published.
        {(latest_leads && index.articles.is_empty()).then(|| view! {
            <p class="article__empty">"No stories have been published yet."</p>
        })}
    }
    .into_any()
}
