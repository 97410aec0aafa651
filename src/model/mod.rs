//! The JSON contract (schema 1) as plain Rust types, with the rules that
//! guard them. Nothing here touches the browser, so `cargo test` on the host
//! covers all of it, and the native prerender and publisher tools share it.

mod article;
mod comment;
mod comment_html;
mod date;
mod embed;
mod error;
mod index;
mod parse;
pub mod search;
mod seed;
mod site;
mod url;
mod validate;
mod video;

pub use article::{
    excerpt, plain_text, Article, Author, Block, Category, CommentSettings, Feedback, Image, Inline, ListItem,
};
pub use comment::{
    comment_href, normalize_website, relative_time, AllowedTag, Comment, CommentDraft, Field, FieldError, Markup,
    ServerConfig, SortOrder, Thread,
};
pub use comment_html::{decode_entities, parse_comment_html};
pub use date::{iso_time, Timestamp};
pub use embed::EmbedParts;
pub use error::LoadError;
pub use index::{Card, Index, Thumbnail};
pub use parse::{parse_article, parse_index, parse_site, Parsed, SkippedBlock, MAX_CONTENT_BYTES};
pub use seed::{escape_for_script, parse_seed, write_seed, Seed, SEED_ELEMENT_ID};
pub use site::{CarouselSettings, CommentService, EmbedSettings, Section, Site};
pub use url::{encode_query_value, image_src_allowed, SafeHref};
pub use validate::{is_valid_slug, validate_article, validate_index, Problem};
pub use video::{VideoId, VideoProvider};

/// The only article schema version this reader understands.
pub const SCHEMA_VERSION: u64 = 1;
