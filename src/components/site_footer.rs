use leptos::prelude::*;

use crate::app::Catalog;

/// The footer: what the site is, and a way back to the top of the site.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let catalog = use_context::<Catalog>();
    let config = crate::app::use_config();
    let site = move || catalog.map(|c| c.site()).unwrap_or_default();
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <p class="site-footer__name" lang=crate::app::site_language>
                    <a href=config.href("/")>{move || site().name}</a>
                </p>
                // The site's own words, in its language (the default is ours).
                <p class="site-footer__tagline" lang=move || site().tagline.and_then(|_| crate::app::site_language())>
                    {move || site().tagline.unwrap_or_else(|| "Notes on the music we love.".into())}
                </p>
            </div>
        </footer>
    }
}
