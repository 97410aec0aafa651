use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{Announcer, RouteAnnouncer, SiteFooter, SiteHeader, SkipLink};
use crate::config::AppConfig;
use crate::content;
use crate::model::{Index, LoadError, Site};
use crate::pages::{ArticlePage, CategoryPage, HomePage, NotFoundPage};

/// The site-wide data every page may need, loaded once per visit.
#[derive(Clone, Copy)]
pub struct Catalog {
    site: LocalResource<Result<Site, LoadError>>,
    index: LocalResource<Result<Index, LoadError>>,
}

impl Catalog {
    fn load(config: &AppConfig) -> Self {
        let for_site = config.clone();
        let for_index = config.clone();
        Catalog {
            site: LocalResource::new(move || {
                let config = for_site.clone();
                async move { content::load_site(&config).await }
            }),
            index: LocalResource::new(move || {
                let config = for_index.clone();
                async move { content::load_index(&config).await }
            }),
        }
    }

    /// The site settings, or the defaults while they load or if they are
    /// broken: the header must work in every case.
    pub fn site(&self) -> Site {
        self.site.get().and_then(Result::ok).unwrap_or_default()
    }

    /// The index, once loaded.
    pub async fn index(&self) -> Result<Index, LoadError> {
        self.index.await
    }

    pub fn reload_index(&self) {
        self.index.refetch();
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
) -> impl IntoView {
    let router_base = config.router_base();
    provide_context(Catalog::load(&config));
    provide_context(config);
    provide_context(Announcer::new());

    view! {
        <Router base=router_base>
            <SkipLink />
            <SiteHeader />
            <main id="main" class="site-main" tabindex="-1">
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/article/:slug") view=ArticlePage />
                    <Route path=path!("/category/:slug") view=CategoryPage />
                </Routes>
            </main>
            <SiteFooter />
            <RouteAnnouncer />
        </Router>
    }
}
