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
        // "article,comments", "article, comments" or "article comments".
        for name in param.unwrap_or_default().split(|c: char| c == ',' || c.is_whitespace()) {
            let slot = match name {
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
        self.allowed_origins.iter().any(|allowed| allowed == "*" || allowed.trim_end_matches('/') == origin)
    }
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
    }

    #[test]
    fn origins_are_matched_exactly_or_by_star() {
        let some = EmbedSettings { allowed_origins: vec!["https://partner.example".into()] };
        assert!(some.allows("https://partner.example"));
        assert!(!some.allows("https://partner.example.evil"));
        assert!(!some.allows("http://partner.example"));
        assert!(!some.allows("null"));
        let all = EmbedSettings { allowed_origins: vec!["*".into()] };
        assert!(all.allows("http://127.0.0.2:8000"));
        assert!(!all.allows(""));
        assert!(!EmbedSettings::default().allows("https://partner.example"));
    }
}
