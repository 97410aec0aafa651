use leptos::prelude::*;

use crate::app::use_config;
use crate::components::{PageHeading, PageMeta};

/// Every path the site does not know, and articles that do not exist.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let config = use_config();
    view! {
        <PageMeta title="Page not found" description="This page does not exist." />
        <section class="not-found">
            <PageHeading>"Page not found"</PageHeading>
            <p>"We looked everywhere, but there is nothing at this address. It may have moved, or the link may have a typo."</p>
            <p><a class="button" href=config.href("/")>"Go to the home page"</a></p>
        </section>
    }
}
