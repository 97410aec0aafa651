//! The comment service: the Isso client, drafts kept in local storage, the
//! list of the reader's own comments. Isso's HTML becomes views through the
//! allow-list in `model::parse_comment_html`. All comment I/O lives here.

mod compose;
mod drafts;
mod entry;
mod error;
mod isso;
mod store;

pub use crate::model::parse_comment_html;
pub use compose::{Composer, PostStatus};
pub use drafts::{DraftStore, OwnComments};
pub use entry::CommentEntry;
pub use error::CommentError;
pub use isso::{Isso, Posted};
pub use store::{use_comments, Chunks, CommentStore, ThreadState, FIRST_PAGE};

/// The Isso thread of an article: its path relative to the site's base, so
/// moving the site to another host or sub-path keeps its comments.
pub fn article_thread(slug: &str) -> String {
    format!("/article/{slug}")
}

/// The thread of one inline-feedback passage.
pub fn feedback_thread(slug: &str, block: &str) -> String {
    format!("/article/{slug}#{block}")
}

/// Percent-encodes a query value (RFC 3986 unreserved characters pass).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_are_keyed_by_site_relative_paths() {
        assert_eq!(article_thread("film-out"), "/article/film-out");
        assert_eq!(feedback_thread("film-out", "q1"), "/article/film-out#q1");
        assert_eq!(encode_component("/article/film-out#q1"), "%2Farticle%2Ffilm-out%23q1");
        assert_eq!(encode_component("é"), "%C3%A9");
    }
}
