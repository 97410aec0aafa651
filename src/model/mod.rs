//! The JSON contract (schema 1) as plain Rust types, with the rules that
//! guard them. Nothing here touches the browser, so `cargo test` on the host
//! covers all of it, and the native prerender and publisher tools share it.

mod article;
mod audio;
mod comment;
mod comment_html;
mod date;
mod embed;
mod error;
mod index;
mod language;
mod page_digest;
mod parse;
mod player;
pub mod search;
mod seed;
mod service_url;
mod site;
mod url;
mod validate;
mod video;

pub use article::{
    block_id_problem, excerpt, is_valid_block_id, list_number_width, plain_text, step_heading_levels, Article, Author,
    Block, BlockIdProblem, Category, CommentSettings, Feedback, Image, Inline, ListItem,
};
pub use audio::{
    AppleMusicId, AudioError, AudioField, AudioFields, AudioKind, AudioProvider, AudioSource, BandcampId, BandcampPage,
    SoundCloudUrl, SpotifyId, Storefront,
};
pub use comment::{
    comment_href, normalize_website, relative_time, unescape_html, AllowedTag, Comment, CommentDraft, Field,
    FieldError, Markup, ServerConfig, SortOrder, Thread, TEXT_MIN,
};
pub use comment_html::{decode_entities, parse_comment_html};
pub use date::{iso_time, Timestamp};
pub use embed::EmbedParts;
pub use error::LoadError;
pub use index::{Card, Index, Thumbnail};
pub use language::{is_right_to_left, language_runs, language_runs_within, language_tag, not_a_language_tag};
pub use page_digest::{html_digest, is_void, text_digest, PageDigest};
pub use parse::{parse_article, parse_index, parse_site, Parsed, SkippedBlock, MAX_CONTENT_BYTES};
pub use player::{Player, Unavailable};
pub use seed::{escape_for_script, parse_seed, write_seed, Seed, SEED_ELEMENT_ID};
pub use service_url::{not_a_player, parse_service_url, NotAPlayer, ServiceUrl};
pub use site::{CarouselSettings, CommentService, EmbedSettings, Section, Site, SEARCH_DESCRIPTION};
pub use url::{encode_query_value, image_src_allowed, service_image_host, SafeHref};
pub use validate::{is_valid_slug, validate_article, validate_index, Problem};
pub use video::{VideoId, VideoProvider};

/// Which build rendered a page: the same for the prerendered HTML and the
/// app of one build (a hash of the sources, from `build.rs`), so the app
/// adopts only pages its own build wrote.
pub const BUILD_ID: &str = env!("LINERNOTES_BUILD_ID");

/// The only article schema version this reader understands.
pub const SCHEMA_VERSION: u64 = 1;
