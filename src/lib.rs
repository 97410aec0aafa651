//! linernotes: a music-magazine article reader.
//!
//! `model` is plain data and rules, shared by the browser app and the native
//! tools; `content` does the fetching; `components` and `pages` build the
//! page and render the same natively and in the browser. `markdown` (native
//! only) compiles Markdown articles to the JSON the app reads.
#![recursion_limit = "256"]

// One build renders natively (the prerenderer) or runs in the browser,
// never both.
#[cfg(all(feature = "ssr", any(feature = "csr", feature = "hydrate")))]
compile_error!("the `ssr` feature cannot be combined with `csr` or `hydrate`");

pub mod app;
pub mod browser;
pub mod catalog;
pub mod comments;
pub mod components;
pub mod config;
pub mod content;
pub mod deferred;
#[cfg(not(target_arch = "wasm32"))]
pub mod import;
#[cfg(not(target_arch = "wasm32"))]
pub mod markdown;
pub mod model;
pub mod mounted;
pub mod pages;
pub mod router;
pub mod search;
pub mod static_site;
