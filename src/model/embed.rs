//! What an embedded article shows, and who may hear from it.

use super::EmbedSettings;

/// The parts of an article an embed shows, from `?parts=article,video,…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmbedParts {
    pub article: bool,
    pub video: bool,
    pub comments: bool,
    pub featured: bool,
}

impl EmbedParts {
    pub const ALL: EmbedParts = EmbedParts { article: true, video: true, comments: true, featured: true };

    /// Unknown names are ignored; nothing known (or no parameter) means
    /// everything, so a typo never leaves an empty frame.
    pub fn parse(param: Option<&str>) -> EmbedParts {
        let mut parts = EmbedParts { article: false, video: false, comments: false, featured: false };
        let mut any = false;
        // "article,comments", "Article, Comments", "article;comments" or
        // "article comments", as a host's page may write `data-parts`.
        for name in param.unwrap_or_default().split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
            let slot = match name.to_ascii_lowercase().as_str() {
                "article" => &mut parts.article,
                "video" => &mut parts.video,
                "comments" => &mut parts.comments,
                "featured" => &mut parts.featured,
                _ => continue,
            };
            *slot = true;
            any = true;
        }
        if any {
            parts
        } else {
            EmbedParts::ALL
        }
    }
}

impl EmbedSettings {
    /// Whether a page at `origin` may receive messages from an embed.
    pub fn allows(&self, origin: &str) -> bool {
        let origin = origin.trim_end_matches('/');
        if origin.is_empty() || origin == "null" {
            return false;
        }
        self.allowed_origins
            .iter()
            .any(|allowed| allowed.trim() == "*" || without_default_port(allowed).eq_ignore_ascii_case(origin))
    }
}

/// An origin written by a publisher, as the browser writes it but for the
/// case of its letters: without white space, a trailing slash or the
/// scheme's default port (`https://partner.example:443/`).
fn without_default_port(origin: &str) -> &str {
    let origin = origin.trim().trim_end_matches('/');
    let default = if origin.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://")) { ":443" } else { ":80" };
    origin.strip_suffix(default).unwrap_or(origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_read_leniently() {
        assert_eq!(EmbedParts::parse(None), EmbedParts::ALL);
        assert_eq!(EmbedParts::parse(Some("")), EmbedParts::ALL);
        assert_eq!(EmbedParts::parse(Some("bogus")), EmbedParts::ALL);
        let parts = EmbedParts::parse(Some("video, comments,bogus"));
        assert_eq!(parts, EmbedParts { article: false, video: true, comments: true, featured: false });
        let parts = EmbedParts::parse(Some(" article  comments "));
        assert_eq!(parts, EmbedParts { article: true, video: false, comments: true, featured: false });
        // As `embed.js` reads a host's `data-parts`: in any case, also by `;`.
        let parts = EmbedParts::parse(Some("Article, Featured"));
        assert_eq!(parts, EmbedParts { article: true, video: false, comments: false, featured: true });
        let parts = EmbedParts::parse(Some("article;comments"));
        assert_eq!(parts, EmbedParts { article: true, video: false, comments: true, featured: false });
    }

    #[test]
    fn origins_are_matched_exactly_or_by_star() {
        let some = EmbedSettings { allowed_origins: vec!["https://partner.example".into()] };
        assert!(some.allows("https://partner.example"));
        assert!(!some.allows("https://partner.example.evil"));
        assert!(!some.allows("http://partner.example"));
        assert!(!some.allows("null"));
        // Written as a publisher might, compared as the browser writes it.
        for written in ["HTTPS://Partner.Example", "https://partner.example:443/", " https://partner.example "] {
            assert!(
                EmbedSettings { allowed_origins: vec![written.into()] }.allows("https://partner.example"),
                "{written}"
            );
        }
        let port = EmbedSettings { allowed_origins: vec!["http://partner.example:8080".into()] };
        assert!(port.allows("http://partner.example:8080"));
        assert!(!port.allows("http://partner.example"));
        let all = EmbedSettings { allowed_origins: vec!["*".into()] };
        assert!(all.allows("http://127.0.0.2:8000"));
        assert!(!all.allows(""));
        assert!(!EmbedSettings::default().allows("https://partner.example"));
    }
}
