//! The app's HTML for one route, rendered natively with the same components
//! the browser runs, from the data the page will carry.

use std::sync::Arc;

use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;

use crate::app::App;
use crate::config::AppConfig;
use crate::model::Seed;

/// Renders the route at `path` (under the site's base) as the browser will
/// find it: the markup, with the markers the app needs to adopt it.
pub fn render_app(config: &AppConfig, path: &str, seed: Seed) -> String {
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    let url = config.href(path);
    let config = config.clone();
    owner.with(move || {
        provide_context(RequestUrl::new(if url.is_empty() { "/" } else { &url }));
        view! { <App config seed /> }.to_html()
    })
}
