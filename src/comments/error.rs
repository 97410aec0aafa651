use thiserror::Error;

/// What can go wrong talking to the comment server, each said so a reader
/// knows whether to wait, retry or fix something.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CommentError {
    #[error("the comment server could not be reached")]
    Unreachable,
    /// The page's Content-Security-Policy (`connect-src`) does not name the
    /// comment server: no request leaves, and trying again cannot help.
    #[error("this page’s security policy does not let it reach the comment server")]
    Blocked,
    /// The server answers, but not to this page (a request without CORS
    /// gets through): its list of sites (Isso's `host`) leaves this one out.
    /// A network that dropped just then looks the same, so Retry stays.
    #[error("the comment server does not take requests from this site (its settings do not name it)")]
    NotForThisSite,
    #[error("the comment server did not answer in time")]
    Timeout,
    #[error("too many comments at once; please wait {0} seconds")]
    RateLimited(u32),
    /// Turned away for now (503), to try again after this many seconds.
    #[error("the comment server is busy right now")]
    Busy(u32),
    #[error("the comment server refused this: {0}")]
    Rejected(String),
    /// Isso refuses a change (403) past its edit window, and also when the
    /// browser does not send the cookie it set on posting (another browser,
    /// cleared cookies, a comment server on another site that the browser
    /// keeps no cookie for): the reader is told both.
    #[error(
        "the comment server does not let this browser change it (changes are taken only for a while after posting, and from the browser that posted it)"
    )]
    Forbidden,
    /// A new comment the server would not take (Isso's guard: too many
    /// comments from one reader on an article, or new comments closed).
    #[error("the comment server did not accept it ({0})")]
    Refused(String),
    /// The endpoint in `site.json` answers, but no comment server is
    /// there (a wrong path): nothing a reader's Retry can mend.
    #[error("no comment server answers at the address this site gives for it")]
    NoServerHere,
    #[error("the comment server had a problem (status {0})")]
    Server(u16),
    #[error("the comment server sent an answer this page cannot read")]
    BadResponse,
    /// The comments' own code could not be downloaded (`crate::deferred`).
    #[error("this part of the app could not be downloaded: check the connection, or reload the page if the site was updated since it was opened")]
    CodeUnavailable,
}

impl CommentError {
    /// After these, the server may or may not have stored the comment: look
    /// before posting again.
    /// A server error or an unreadable answer may come after the comment
    /// was written to the database, so those count too.
    pub fn is_ambiguous(&self) -> bool {
        matches!(
            self,
            CommentError::Timeout
                | CommentError::Unreachable
                | CommentError::NotForThisSite
                | CommentError::Server(_)
                | CommentError::BadResponse
        )
    }

    /// Whether sending the same again can succeed: not when the server
    /// refused what was sent, which must change first.
    pub fn can_retry(&self) -> bool {
        !matches!(
            self,
            CommentError::Rejected(_)
                | CommentError::Refused(_)
                | CommentError::Forbidden
                | CommentError::Blocked
                | CommentError::NoServerHere
        )
    }
}

#[cfg(test)]
mod tests {
    use super::CommentError;

    #[test]
    fn every_message_reads_as_one_sentence_part() {
        // Each ends a sentence of the view's ("Not saved: {e}."), so it
        // starts in lower case, has no full stop of its own, and none of
        // the spaces a wrapped line of source can leave in it.
        let all = [
            CommentError::Unreachable,
            CommentError::Blocked,
            CommentError::NotForThisSite,
            CommentError::Timeout,
            CommentError::RateLimited(30),
            CommentError::Busy(10),
            CommentError::Rejected("no text".into()),
            CommentError::Forbidden,
            CommentError::Refused("closed".into()),
            CommentError::Server(500),
            CommentError::BadResponse,
            CommentError::CodeUnavailable,
        ];
        for e in all {
            let message = e.to_string();
            assert!(!message.contains("  "), "{e:?}: {message:?}");
            assert!(message.starts_with(char::is_lowercase), "{e:?}: {message:?}");
            assert!(!message.ends_with('.'), "{e:?}: {message:?}");
        }
    }
}
