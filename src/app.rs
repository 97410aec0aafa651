use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::{Announcer, HeadingFocus, RouteAnnouncer, SiteFooter, SiteHeader, SkipLink};
use crate::config::AppConfig;
use crate::content;
use crate::model::{Article, Index, LoadError, Seed, Site};
use crate::pages::{ArticlePage, CategoryPage, EmbedArticlePage, HomePage, NotFoundPage, SearchPage};
use crate::search::SearchIndex;

/// The site-wide data every page may need, loaded once per visit, or
/// taken from the page itself when it was prerendered.
#[derive(Clone, Copy)]
pub struct Catalog {
    site: RwSignal<Option<Site>>,
    /// Created on first need: with a seed, the index is fetched only once a
    /// page needs more of it than the seed holds (after a navigation).
    index: StoredValue<Option<LocalResource<Result<Index, LoadError>>>>,
    owner: StoredValue<Option<Owner>>,
    config: StoredValue<AppConfig>,
    seed: StoredValue<Seed>,
}

impl Catalog {
    pub(crate) fn load(config: &AppConfig, seed: Seed) -> Self {
        let site = RwSignal::new(seed.site.clone());
        // A prerendered page carries the settings it was built with; the
        // deployed site.json still wins (a publisher may switch the comment
        // service without a rebuild), but an identical copy changes nothing.
        let for_site = config.clone();
        Effect::new(move |_| {
            let config = for_site.clone();
            leptos::task::spawn_local(async move {
                match content::load_site(&config).await {
                    Ok(fresh) => {
                        if site.get_untracked().as_ref() != Some(&fresh) {
                            site.set(Some(fresh));
                        }
                    }
                    // Keep what the page carried: a missing or broken
                    // site.json (a blip, a bad deploy) must not switch off
                    // comments or empty the header.
                    Err(error) => {
                        crate::browser::warn(&format!("linernotes: site.json could not be read ({error}); keeping the settings the page came with"));
                    }
                }
            });
        });

        // A page without a seed (the app shell) needs the index at once;
        // a prerendered one only after a navigation, if at all.
        let unseeded = seed.path.is_empty();
        let catalog = Catalog {
            site,
            index: StoredValue::new(None),
            owner: StoredValue::new(Owner::current()),
            config: StoredValue::new(config.clone()),
            seed: StoredValue::new(seed),
        };
        if unseeded {
            // Start at once, alongside site.json.
            catalog.index_resource();
        }
        catalog
    }

    fn index_resource(&self) -> LocalResource<Result<Index, LoadError>> {
        if let Some(resource) = self.index.get_value() {
            return resource;
        }
        let config = self.config.get_value();
        let create = move || {
            LocalResource::new(move || {
                let config = config.clone();
                async move { content::load_index(&config).await }
            })
        };
        // Owned by the app, not by the page that first asked, so it lives
        // for the whole visit.
        let resource = match self.owner.get_value() {
            Some(owner) => owner.with(create),
            None => create(),
        };
        self.index.set_value(Some(resource));
        resource
    }

    /// The site settings, or the defaults while they load or if they are
    /// broken: the header must work in every case.
    pub fn site(&self) -> Site {
        self.site.get().unwrap_or_default()
    }

    /// The index, once loaded.
    pub async fn index(&self) -> Result<Index, LoadError> {
        self.index_resource().await
    }

    pub fn reload_index(&self) {
        self.index_resource().refetch();
    }

    /// The cards the prerendered page for `path` was built with, if this
    /// visit started on that page.
    pub fn seeded_index(&self, path: &str) -> Option<Index> {
        self.seed.with_value(|seed| seed.index_for(path).cloned())
    }

    /// The article, if this visit started on its prerendered page.
    pub fn seeded_article(&self, slug: &str) -> Option<Article> {
        self.seed.with_value(|seed| seed.article_for(slug).cloned())
    }
}

/// The app's configuration, or the root-hosted default when a component is
/// rendered on its own (in tests).
pub fn use_config() -> AppConfig {
    use_context::<AppConfig>().unwrap_or_else(|| AppConfig::new("/"))
}

/// The whole site: header, the page for the current route, footer.
#[component]
pub fn App(
    /// Where the site is hosted and where its content lives.
    config: AppConfig,
    /// What a prerendered page was built from, to render its first view
    /// without fetching it again.
    #[prop(optional)]
    seed: Seed,
) -> impl IntoView {
    let router_base = config.router_base();
    provide_context(Catalog::load(&config, seed));
    provide_context(config);
    provide_context(Announcer::new());
    provide_context(HeadingFocus::site());
    provide_context(SearchIndex::new());

    view! {
        <Router base=router_base>
            <Layout />
        </Router>
    }
}

/// The site's frame around the routed page; an embedded article (shown in
/// another site's iframe) gets no header, footer or skip link.
#[component]
fn Layout() -> impl IntoView {
    let config = use_config();
    let location = use_location();
    let embed_prefix = config.href("/embed/");
    let embedded = Memo::new(move |_| location.pathname.get().starts_with(&embed_prefix));
    view! {
        <Show when=move || !embedded.get()>
            <SkipLink />
            <SiteHeader />
        </Show>
        <main id="main" class=move || if embedded.get() { "site-main site-main--embed" } else { "site-main" } tabindex="-1">
            <Routes fallback=|| view! { <NotFoundPage /> }>
                <Route path=path!("/") view=HomePage />
                <Route path=path!("/article/:slug") view=ArticlePage />
                <Route path=path!("/category/:slug") view=CategoryPage />
                <Route path=path!("/search") view=SearchPage />
                <Route path=path!("/embed/article/:slug") view=EmbedArticlePage />
            </Routes>
        </main>
        <Show when=move || !embedded.get()>
            <SiteFooter />
        </Show>
        <RouteAnnouncer />
    }
}
