use leptos::prelude::*;

use crate::app::Catalog;
use crate::components::{CardList, LoadErrorMessage, LoadingNote, PageHeading, PageMeta};
use crate::config::AppConfig;
use crate::model::{Index, Site};
use crate::pages::NotFoundPage;

/// One section's stories, newest first.
#[component]
pub fn CategoryPage(
    /// The section's slug, from the address.
    slug: String,
) -> impl IntoView {
    let catalog = use_context::<Catalog>();
    let slug = StoredValue::new(slug);
    let content = move || {
        let slug = slug.get_value();
        // A section the page's own settings do not name may be one the
        // deployed site.json added after the build (its header links it):
        // that is waited for, and only then, so a known section is drawn once.
        let site = catalog.and_then(|c| {
            let site = untrack(|| c.site());
            match site.sections.iter().any(|s| s.slug == slug) {
                true => Some(site),
                false => c.deployed_site(),
            }
        });
        Suspend::new(async move {
            let (Some(catalog), Some(site)) = (catalog, site) else {
                return view! { <LoadingNote what="this section" titled=true /> }.into_any();
            };
            match catalog.index().await {
                Ok(index) => section(&slug, &index, &site),
                Err(error) => view! {
                    <PageMeta title="Section unavailable" description="" />
                    <LoadErrorMessage
                        what="this section's list of stories"
                        error
                        as_page=true
                        on_retry=Callback::new(move |_| catalog.reload_index())
                    />
                }
                .into_any(),
            }
        })
    };
    move || {
        let slug = slug.get_value();
        // A prerendered section page renders from the cards it carries, at once.
        // The deployed settings arriving later do not build it again (its
        // heading would take focus as if the reader had come to a new page).
        match catalog.and_then(|c| c.seeded_index(&AppConfig::category_path(&slug)).map(|i| (c, i))) {
            Some((catalog, index)) => section(&slug, &index, &untrack(|| catalog.site())),
            None => view! {
                <Transition fallback=|| view! { <LoadingNote what="this section" titled=true /> }>{content}</Transition>
            }
            .into_any(),
        }
    }
}

/// The section's heading and cards, or "not found" for a section that
/// neither the site nor any article names.
fn section(slug: &str, index: &Index, site: &Site) -> AnyView {
    let name = site.sections.iter().find(|s| s.slug == slug).map(|s| s.name.clone()).or_else(|| {
        index
            .articles
            .iter()
            .find_map(|c| c.category.as_ref().filter(|cat| cat.slug == slug).map(|cat| cat.name.clone()))
    });
    let Some(name) = name else {
        return view! { <NotFoundPage /> }.into_any();
    };
    let cards: Vec<_> = index.in_category(slug).into_iter().cloned().collect();
    let lang = site.language().map(str::to_string);
    let description = format!("The latest {name} stories.");
    let empty_note = format!("There are no {name} stories yet.");
    view! {
        <PageMeta title=name.clone() description />
        <section class="category">
            // The section's name is the site's word, in its language.
            <PageHeading>
                <span lang=lang>{name}</span>
            </PageHeading>
            {if cards.is_empty() {
                view! { <p>{empty_note}</p> }.into_any()
            } else {
                view! { <CardList cards lead=true /> }.into_any()
            }}
        </section>
    }
    .into_any()
}
