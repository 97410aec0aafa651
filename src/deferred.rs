//! Code the first screen does not need: the comments' lists and forms, and
//! the search (decoding and ranking its index, and showing its results). The release build (`split`
//! feature) cuts each part out of the main `.wasm` into a file of its own,
//! which the browser fetches the first time the reader nears the comments,
//! opens a passage's feedback or searches (see the README's "How it is
//! built"). Without the feature (tests, the prerenderer) the same functions
//! are called directly.
//!
//! The comment parts return their view as a function, which the component
//! that waited for it keeps in a signal and renders like any other child;
//! the search returns its future.

use std::future::Future;
use std::pin::Pin;

use leptos::children::ViewFn;
use leptos::html::H2;
use leptos::prelude::*;

use crate::comments::{CommentError, CommentStore, Isso, OwnComments, FIRST_PAGE};
use crate::components::{CommentThread, PassagePanel, SearchOptions, SearchResultList};
use crate::config::AppConfig;
use crate::model::{Comment, LoadError, SortOrder, Thread};
use crate::search::{Results, SearchIndex};

/// A first page of comments, with the reader's own recent ones it lacks
/// put in (and returned), read by the comments' own code.
pub type ThreadRead = Pin<Box<dyn Future<Output = Result<(Thread, Vec<Comment>), CommentError>>>>;

/// A search under way, made by the search's own code.
pub type Search = Pin<Box<dyn Future<Output = Result<Results, LoadError>>>>;

/// The code of a deferred part could not be fetched: the network dropped,
/// or the site was deployed again and the old file is gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "this part of the app could not be downloaded: check the connection, or reload the page if the site was updated since it was opened"
)]
pub struct CodeUnavailable;

#[cfg(all(feature = "split", target_arch = "wasm32"))]
impl From<leptos::wasm_split::SplitLoaderError> for CodeUnavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        CodeUnavailable
    }
}

/// Calls a split point: through the loader of its file in the release
/// build, directly everywhere else.
macro_rules! split_call {
    ($name:ident($($arg:expr),*)) => {{
        #[cfg(all(feature = "split", target_arch = "wasm32"))]
        let called = split::$name($($arg),*).await;
        #[cfg(not(all(feature = "split", target_arch = "wasm32")))]
        let called = split::$name($($arg),*);
        called
    }};
}

/// The comment area's toolbar, thread and form, under its heading.
pub async fn comment_thread(
    store: CommentStore,
    passages: Vec<(String, String)>,
    open: bool,
    title: NodeRef<H2>,
) -> Result<ViewFn, CodeUnavailable> {
    split_call!(comment_thread(store, passages, open, title))
}

/// A passage's feedback panel: its form and its comments.
pub async fn passage_panel(block: String, prompt: String) -> Result<ViewFn, CodeUnavailable> {
    split_call!(passage_panel(block, prompt))
}

/// The first page of an article's thread, in `order` (`CommentStore`): the
/// decoding of the thread and of the reader's own comments is the comments'
/// code.
pub async fn first_page(
    isso: Isso,
    own: OwnComments,
    thread: String,
    order: SortOrder,
) -> Result<ThreadRead, CodeUnavailable> {
    split_call!(first_page(isso, own, thread, order))
}

/// A search of the site's index (`SearchIndex::search`).
pub async fn search(
    index: SearchIndex,
    config: AppConfig,
    query: String,
    limit: usize,
) -> Result<Search, CodeUnavailable> {
    split_call!(search(index, config, query, limit))
}

/// The search dialog's results, as options (`SiteSearch`).
pub async fn search_options(
    results: Results,
    config: AppConfig,
    selected: RwSignal<Option<usize>>,
    choose: Callback<usize>,
) -> Result<(ViewFn, String), CodeUnavailable> {
    split_call!(search_options(results, config, selected, choose))
}

/// The search page's list of results (`SearchPage`), and what its status
/// region says of them.
pub async fn search_result_list(results: Results, config: AppConfig) -> Result<(ViewFn, String), CodeUnavailable> {
    split_call!(search_result_list(results, config))
}

mod split {
    use super::*;

    #[cfg_attr(
        all(feature = "split", target_arch = "wasm32"),
        leptos::wasm_split::wasm_split(comments, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    pub fn comment_thread(
        store: CommentStore,
        passages: Vec<(String, String)>,
        open: bool,
        title: NodeRef<H2>,
    ) -> Result<ViewFn, CodeUnavailable> {
        Ok(ViewFn::from(move || view! { <CommentThread store passages=passages.clone() open title /> }))
    }

    #[cfg_attr(
        all(feature = "split", target_arch = "wasm32"),
        leptos::wasm_split::wasm_split(comments, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    pub fn passage_panel(block: String, prompt: String) -> Result<ViewFn, CodeUnavailable> {
        Ok(ViewFn::from(move || view! { <PassagePanel block=block.clone() prompt=prompt.clone() /> }))
    }

    #[cfg_attr(
        all(feature = "split", target_arch = "wasm32"),
        leptos::wasm_split::wasm_split(search, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    pub fn search(
        index: SearchIndex,
        config: AppConfig,
        query: String,
        limit: usize,
    ) -> Result<Search, CodeUnavailable> {
        Ok(Box::pin(index.search_now(config, query, limit)))
    }

    #[cfg_attr(
        all(feature = "split", target_arch = "wasm32"),
        leptos::wasm_split::wasm_split(comments, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    pub fn first_page(
        isso: Isso,
        own: OwnComments,
        thread: String,
        order: SortOrder,
    ) -> Result<ThreadRead, CodeUnavailable> {
        Ok(Box::pin(async move {
            let mut page = isso.thread(&thread, order, Some(FIRST_PAGE), 0).await?;
            page.drop_deleted(&own.recently_deleted(&thread));
            let missing = page.merge_own(own.recent(&thread), order);
            Ok((page, missing))
        }))
    }

    #[cfg_attr(
        all(feature = "split", target_arch = "wasm32"),
        leptos::wasm_split::wasm_split(search, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    pub fn search_options(
        results: Results,
        config: AppConfig,
        selected: RwSignal<Option<usize>>,
        choose: Callback<usize>,
    ) -> Result<(ViewFn, String), CodeUnavailable> {
        let status = crate::components::found_status(&results);
        Ok((
            ViewFn::from(
                move || view! { <SearchOptions results=results.clone() config=config.clone() selected choose /> },
            ),
            status,
        ))
    }

    #[cfg_attr(
        all(feature = "split", target_arch = "wasm32"),
        leptos::wasm_split::wasm_split(search, wasm_split_path = ::leptos::wasm_split, fallible)
    )]
    pub fn search_result_list(results: Results, config: AppConfig) -> Result<(ViewFn, String), CodeUnavailable> {
        let status = crate::components::found_status(&results);
        Ok((ViewFn::from(move || view! { <SearchResultList results=results.clone() config=config.clone() /> }), status))
    }
}
