use leptos::prelude::*;

use crate::components::{Announcer, HeadingFocus, RouteAnnouncer, SiteFooter, SiteHeader, SkipLink};
use crate::config::AppConfig;
use crate::content;
use crate::model::{Article, Index, LoadError, Seed, Site};
use crate::pages::{ArticlePage, CategoryPage, EmbedArticlePage, HomePage, NotFoundPage, SearchPage};
use crate::router::{Location, Route};
use crate::search::SearchIndex;

/// The site-wide data every page may need, loaded once per visit, or
/// taken from the page itself when it was prerendered.
#[derive(Clone, Copy)]
pub struct Catalog {
    site: RwSignal<Option<Site>>,
    /// Whether the deployed site.json was read (or could not be): the
    /// settings are then final.
    settled: RwSignal<bool>,
    /// Created on first need: with a seed, the index is fetched only once a
    /// page needs more of it than the seed holds (after a navigation).
    index: StoredValue<Option<LocalResource<Result<Index, LoadError>>>>,
    owner: StoredValue<Option<Owner>>,
    config: StoredValue<AppConfig>,
    seed: StoredValue<Seed>,
}

/// The language of the site's articles, where there is a catalog.
pub fn site_language() -> Option<String> {
    use_context::<Catalog>().and_then(|c| c.language())
}

/// The `lang` and `dir` of text the site or an article wrote (an article,
/// its card): its own language, or else the site's, and right to left
/// where that language is written so. Read once, not tracked: a reactive
/// attribute on every card and comment costs an effect each when the app
/// adopts a page, and a site that changes its language after the build is
/// marked anew on the next page the reader opens.
pub fn text_marks(own: Option<String>) -> (Option<String>, Option<&'static str>) {
    let lang = own.or_else(|| untrack(site_language));
    let dir = lang.as_deref().filter(|l| crate::model::is_right_to_left(l)).map(|_| "rtl");
    (lang, dir)
}

/// The language an article is written in, for what its readers write
/// under it (provided by the article's page).
#[derive(Clone)]
pub struct ArticleLanguage(pub Option<String>);

/// The language readers most likely write in here: the article's, where
/// there is one on the page, or the site's.
pub fn readers_language() -> Option<String> {
    use_context::<ArticleLanguage>().and_then(|l| l.0).or_else(|| untrack(site_language))
}

impl Catalog {
    pub(crate) fn load(config: &AppConfig, seed: Seed) -> Self {
        let site = RwSignal::new(seed.site.clone());
        let settled = RwSignal::new(false);
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
                settled.set(true);
            });
        });

        // A page without a seed (the app shell) needs the index at once;
        // a prerendered one only after a navigation, if at all.
        let unseeded = seed.path.is_empty();
        let catalog = Catalog {
            site,
            settled,
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

    /// The language of the site's articles, once known: what marks text the
    /// site wrote or its readers did, in pages whose own words are English.
    pub fn language(&self) -> Option<String> {
        self.site.with(|site| site.as_ref().and_then(|s| s.language().map(str::to_string)))
    }

    /// The site settings, once known (from the page's seed or site.json).
    pub fn known_site(&self) -> Option<Site> {
        self.site.get()
    }

    /// The site settings once the deployed site.json was read, or could
    /// not be (then the page's own): what may change after the build.
    pub fn deployed_site(&self) -> Option<Site> {
        self.settled.get().then(|| self.known_site()).flatten()
    }

    /// The index, once loaded.
    pub async fn index(&self) -> Result<Index, LoadError> {
        self.index_resource().await
    }

    pub fn reload_index(&self) {
        self.index_resource().refetch();
    }

    /// Asks for the index again if the last answer was a failure.
    fn retry_failed_index(&self) {
        if let Some(resource) = self.index.get_value() {
            if matches!(*resource.read_untracked(), Some(Err(_))) {
                resource.refetch();
            }
        }
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

/// What every part of the site shares, made once per visit: where the
/// reader is, the site's data, the live region, heading focus and the
/// search index.
#[derive(Clone)]
pub struct SiteState {
    config: AppConfig,
    location: Location,
    catalog: Catalog,
    announcer: Announcer,
    focus: HeadingFocus,
    search: SearchIndex,
}

impl SiteState {
    /// `address` is the path and query to render, base included; in the
    /// browser, the page's own. Links are not followed yet: see
    /// [`SiteState::follow_links`].
    pub fn new(config: AppConfig, seed: Seed, address: Option<String>) -> Self {
        let address = address.unwrap_or_else(crate::browser::current_address);
        let location = Location::new(&config, &address);
        let catalog = Catalog::load(&config, seed);
        // A list of stories that could not be read (offline, a 503) is asked
        // for again by the next page, not replayed for the rest of the visit.
        Effect::new(move |_| {
            location.path();
            catalog.retry_failed_index();
        });
        SiteState {
            config,
            location,
            catalog,
            announcer: Announcer::new(),
            focus: HeadingFocus::site(),
            search: SearchIndex::new(),
        }
    }

    /// From here on, the site's links and Back and Forward change pages in
    /// place.
    pub fn follow_links(&self) {
        self.location.follow();
    }

    fn provide(&self) {
        provide_context(self.location);
        provide_context(self.catalog);
        provide_context(self.config.clone());
        provide_context(self.announcer);
        provide_context(self.focus);
        provide_context(self.search);
    }
}

/// The class of the two boxes `App` renders in `#app`, which the browser
/// looks for to adopt each on its own.
pub const SITE_PART_CLASS: &str = "site-part";

/// The whole site: header, the page for the current route, footer. It is
/// two parts, side by side in `#app` (each a `display: contents` box), so
/// the browser can adopt a prerendered page one part per task.
#[component]
pub fn App(
    /// Where the site is hosted and where its content lives.
    config: AppConfig,
    /// What a prerendered page was built from, to render its first view
    /// without fetching it again.
    #[prop(optional)]
    seed: Seed,
    /// The address to render (path and query, base included); in the
    /// browser, the page's own.
    #[prop(optional)]
    address: Option<String>,
) -> impl IntoView {
    let state = SiteState::new(config, seed, address);
    state.follow_links();
    let top = state.clone();
    view! {
        <div class=SITE_PART_CLASS>
            <SiteTop state=top />
        </div>
        <div class=SITE_PART_CLASS>
            <SitePage state />
        </div>
    }
}

/// Whether the current route is an embedded article (shown in another
/// site's iframe): no header, footer or skip link.
fn embedded_route() -> Memo<bool> {
    let location = crate::router::use_location();
    Memo::new(move |_| matches!(location.route(), Route::EmbedArticle(_)))
}

/// The first part of the site: the skip link and the masthead.
#[component]
pub fn SiteTop(state: SiteState) -> impl IntoView {
    state.provide();
    let embedded = embedded_route();
    view! {
        <Show when=move || !embedded.get()>
            <SkipLink />
            <SiteHeader />
        </Show>
    }
}

/// The second part: the page for the current route, the footer, and the
/// live region that names each new page.
#[component]
pub fn SitePage(state: SiteState) -> impl IntoView {
    state.provide();
    let location = crate::router::use_location();
    let route = Memo::new(move |_| location.route());
    let embedded = embedded_route();
    view! {
        <main id="main" class=move || if embedded.get() { "site-main site-main--embed" } else { "site-main" } tabindex="-1">
            {move || match route.get() {
                Route::Home => view! { <HomePage /> }.into_any(),
                Route::Article(slug) => view! { <ArticlePage slug /> }.into_any(),
                Route::Category(slug) => view! { <CategoryPage slug /> }.into_any(),
                Route::Search => view! { <SearchPage /> }.into_any(),
                Route::EmbedArticle(slug) => view! { <EmbedArticlePage slug /> }.into_any(),
                Route::NotFound => view! { <NotFoundPage /> }.into_any(),
            }}
        </main>
        <Show when=move || !embedded.get()>
            <SiteFooter />
        </Show>
        <RouteAnnouncer />
    }
}
