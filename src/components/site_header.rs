use leptos::prelude::*;

use crate::app::use_config;
use crate::app::Catalog;
use crate::config::AppConfig;

use super::SiteSearch;

/// The masthead: site name, section links, and the search button.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let config = use_config();
    let catalog = use_context::<Catalog>();
    let location = crate::router::use_location();
    let site = move || catalog.map(|c| c.site()).unwrap_or_default();
    let home = config.href("/");
    let config_for_nav = config.clone();
    let sections = move || {
        let current = location.path();
        let site = site();
        // The sections' names are the site's words, in its language.
        let lang = site.language().map(str::to_string);
        site.sections
            .into_iter()
            .map(|section| {
                let path = AppConfig::category_path(&section.slug);
                let here = current.trim_end_matches('/') == path;
                view! {
                    <li>
                        <a
                            class="site-header__section"
                            href=config_for_nav.href(&path)
                            aria-current=here.then_some("page")
                            lang=lang.clone()
                        >
                            {section.name}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-header__name" href=home lang=crate::app::site_language>
                    {move || site().name}
                </a>
                <nav class="site-header__nav" aria-label="Sections">
                    <ul class="site-header__sections">{sections}</ul>
                </nav>
                <SiteSearch />
            </div>
        </header>
    }
}
