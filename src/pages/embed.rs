use leptos::prelude::*;

use crate::app::{use_config, Catalog};
use crate::comments::CommentStore;
use crate::components::{player_for, ArticleView, CommentArea, LoadErrorMessage, PageMeta};
use crate::config::AppConfig;
use crate::content;
use crate::model::{Article, Block, EmbedParts, LoadError};
use crate::pages::article::Featured;

/// `/embed/article/:slug?parts=…`: an article for another site's iframe, in
/// a compact layout without the site's header and footer. Its links open in
/// the top window, and it tells the embedding page its height (when that
/// page's origin is allowed in `site.json`).
#[component]
pub fn EmbedArticlePage(
    /// The article's slug, from the address.
    slug: String,
) -> impl IntoView {
    let location = crate::router::use_location();
    let config = use_config();
    let article_href = config.href(&AppConfig::article_path(&slug));
    let home = StoredValue::new(config.href("/"));
    let slug = StoredValue::new(slug);
    let parts = Memo::new(move |_| EmbedParts::parse(location.query("parts").as_deref()));
    // The embedding page may hold the article to one colour scheme (embed.js
    // passes its element's `data-color-scheme`): the stylesheet reads it on `<html>`.
    if let Some(scheme) = untrack(|| location.query("scheme")).filter(|s| s == "light" || s == "dark") {
        crate::browser::set_color_scheme(&scheme);
    }
    let article = LocalResource::new(move || {
        let config = config.clone();
        let slug = slug.get_value();
        async move { content::load_article(&config, &slug).await }
    });
    let content = move || {
        Suspend::new(async move {
            match article.await {
                Ok(article) => view! { <EmbeddedArticle article parts=parts.get_untracked() framed=true /> }.into_any(),
                // In another site's page, a frame's size: the message names
                // the article, and the frame shrinks to it.
                Err(LoadError::NotFound) => view! {
                    <SizedToFit>
                        <PageMeta title="Article not found" description="" />
                        // The frame's page is a page of its own: its one heading says what happened.
                        <div role="alert">
                            <h1 class="embed__loading embed__missing">{format!("The article “{}” was not found.", slug.get_value())}</h1>
                        </div>
                        <p class="embed__credit"><a href=home.get_value()>"Read linernotes"</a></p>
                    </SizedToFit>
                }
                .into_any(),
                Err(error) => view! {
                    <SizedToFit>
                        <LoadErrorMessage
                            what=format!("the article “{}”", slug.get_value())
                            error
                            as_page=true
                            on_retry=Callback::new(move |_| article.refetch())
                        />
                    </SizedToFit>
                }
                .into_any(),
            }
        })
    };
    view! {
        // Links in the frame lead out of it, and a place in the article is
        // shown in it (see `embedded_link_click`).
        <div on:click:capture=move |ev| crate::browser::embedded_link_click(&ev, true, &article_href)>
            <Transition fallback=|| view! { <p class="embed__loading" role="status">"Loading the article…"</p> }>
                {content}
            </Transition>
        </div>
    }
}

/// A message in a frame, which tells the embedding page its height as an
/// article does, so the frame is not left at its first size around it.
#[component]
fn SizedToFit(children: Children) -> impl IntoView {
    let root = NodeRef::<leptos::html::Div>::new();
    report_height_of(root);
    view! { <div class="embed" node_ref=root>{children()}</div> }
}

/// Reports `root`'s height to the embedding page whenever it changes, from
/// when the deployed settings are known, once: the deployed site.json may
/// allow or refuse that page after the build (until it is read, the page's
/// own settings would say otherwise; a site.json out of reach leaves them).
fn report_height_of(root: NodeRef<leptos::html::Div>) {
    let catalog = use_context::<Catalog>();
    let reporting = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(site) = catalog.and_then(|c| c.deployed_site()) else { return };
        if let (Some(el), false) = (root.get(), reporting.get_value()) {
            reporting.set_value(true);
            crate::browser::report_height(&el, site.embed);
        }
    });
}

/// The chosen parts of an article, for an iframe (`framed`: it names the
/// page, reports its height and sends links to the top window) or mounted
/// in a host page's element (none of that: the host owns its page).
#[component]
pub(crate) fn EmbeddedArticle(article: Article, parts: EmbedParts, framed: bool) -> impl IntoView {
    let config = use_config();
    let slug = article.slug.clone();
    let full = config.href(&AppConfig::article_path(&slug));
    let article_href = full.clone();
    let root = NodeRef::<leptos::html::Div>::new();
    if parts.comments {
        let passages = article.feedback_blocks();
        CommentStore::provide(slug.clone(), article.title.clone(), passages);
    }
    if framed {
        report_height_of(root);
    }
    let video = (!parts.article && parts.video)
        .then(|| article.body.iter().find(|block| matches!(block, Block::Video { .. })).and_then(player_for))
        .flatten();
    let description = article.summary();
    let title = article.title.clone();
    let passages = article.feedback_passages();
    let open = article.comments.open;
    let related = article.related.clone();
    view! {
        {framed.then(|| view! { <PageMeta title=title.clone() description /> })}
        // In a frame, the page's own wrapper sees the clicks (its error and
        // not-found messages have links too).
        <div class="embed" node_ref=root on:click:capture=move |ev| if !framed { crate::browser::embedded_link_click(&ev, false, &article_href) }>
            {if parts.article {
                view! { <ArticleView article progressive=true /> }.into_any()
            } else {
                view! {
                    <h1 class="embed__title"><a href=full.clone()>{title}</a></h1>
                    {video}
                }
                .into_any()
            }}
            {parts.comments.then(|| view! { <CommentArea passages open /> })}
            {parts.featured.then(|| view! { <Featured slug=slug.clone() related /> })}
            <p class="embed__credit">
                <a href=full>"Read it on linernotes"</a>
            </p>
        </div>
    }
}
