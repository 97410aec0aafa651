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
pub use drafts::{DraftStore, LikedComments, OwnComments};
pub use entry::CommentEntry;
pub use error::CommentError;
pub use isso::{Isso, Posted};
pub use store::{use_comments, Chunks, CommentStore, PassageFeedback, ThreadState, FIRST_PAGE, PASSAGE_FIRST};

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

    #[test]
    fn the_servers_reason_is_read_from_its_error_page() {
        let werkzeug = "<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>Website not Django-conform</p>\n";
        assert_eq!(isso::reason(werkzeug), "Website not Django-conform");
        assert_eq!(isso::reason("<p>text is too long &amp; <b>bold</b></p>"), "text is too long & bold");
        assert_eq!(isso::reason("plain reason\nsecond line"), "plain reason");
        assert_eq!(isso::reason("<html><body></body></html>"), "no reason given");
        assert_eq!(isso::reason("<p>one line<br>and the next</p>"), "one line and the next");
        assert_eq!(isso::reason(""), "no reason given");
        // The sentence it goes into ends itself: no second full stop.
        assert_eq!(
            isso::reason("<p>The requested URL was not found on the server. </p>"),
            "The requested URL was not found on the server"
        );
    }

    #[test]
    fn a_stored_comment_is_found_by_its_source_and_escaped_name() {
        use crate::model::{Comment, CommentDraft};
        let stored: Comment = serde_json::from_value(serde_json::json!({
            "id": 7, "text": "See [the video](https://example.com/v) and *listen*.\n\n> quoted",
            "author": "Ana &amp; Bo", "created": 1000.0, "mode": 1, "likes": 0
        }))
        .unwrap();
        let draft = CommentDraft {
            author: "Ana & Bo ".into(),
            text: "See [the video](https://example.com/v) and *listen*.\r\n\r\n> quoted\n".into(),
            ..Default::default()
        };
        let sent = |since: f64, until: f64| compose::Sent { since, until, texts: Vec::new() };
        let posted = |text: &str, sent: &compose::Sent| compose::is_posted(&stored, &draft.author, text, sent);
        assert!(posted(&draft.text, &sent(999.0, 1100.0)));
        assert!(!posted(&draft.text, &sent(1010.0, 1100.0)), "posted before this attempt");
        assert!(!posted(&draft.text, &sent(800.0, 990.0)), "stored after the last send's wait: another reader's");
        assert!(
            !posted("See the video and listen. quoted", &sent(999.0, 1100.0)),
            "the same words with other markup are another comment"
        );
    }

    #[test]
    fn only_what_the_server_refused_is_not_worth_retrying() {
        assert!(CommentError::Server(500).is_ambiguous(), "a 500 may come after the write");
        assert!(CommentError::BadResponse.is_ambiguous());
        assert!(!CommentError::Refused("3 direct responses".into()).can_retry());
        assert!(!CommentError::Rejected("text too long".into()).can_retry());
        assert!(CommentError::Timeout.can_retry());
        assert_eq!(
            compose::PostStatus::Failed(CommentError::Refused("3 direct responses".into())).button_label(),
            "Post comment"
        );
    }
}
