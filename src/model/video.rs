/// The video providers this reader can play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoProvider {
    YouTube,
}

impl VideoProvider {
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "youtube" => Some(VideoProvider::YouTube),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            VideoProvider::YouTube => "YouTube",
        }
    }
}

/// A video id that matches its provider's syntax, so it can be put into a
/// URL without escaping or surprises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoId {
    provider: VideoProvider,
    id: String,
}

impl VideoId {
    /// YouTube ids are 11 characters of `A-Z a-z 0-9 _ -`.
    pub fn parse(provider: &str, id: &str) -> Option<VideoId> {
        let provider = VideoProvider::parse(provider)?;
        let ok = match provider {
            VideoProvider::YouTube => {
                id.len() == 11 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            }
        };
        ok.then(|| VideoId { provider, id: id.to_string() })
    }

    pub fn provider(&self) -> VideoProvider {
        self.provider
    }

    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// The player, from the provider's privacy-enhanced domain.
    pub fn embed_url(&self) -> String {
        match self.provider {
            VideoProvider::YouTube => {
                format!("https://www.youtube-nocookie.com/embed/{}?autoplay=1&playsinline=1", self.id)
            }
        }
    }

    /// The provider's own page, for readers who prefer to watch there.
    pub fn watch_url(&self) -> String {
        match self.provider {
            VideoProvider::YouTube => format!("https://www.youtube.com/watch?v={}", self.id),
        }
    }

    /// The provider's standard thumbnail, used when the block names no poster.
    pub fn thumbnail_url(&self) -> String {
        match self.provider {
            VideoProvider::YouTube => format!("https://i.ytimg.com/vi/{}/hqdefault.jpg", self.id),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn youtube_ids_follow_the_provider_syntax() {
        for good in ["dQw4w9WgXcQ", "abc_DEF-123", "___________", "-----------"] {
            assert!(VideoId::parse("youtube", good).is_some(), "{good}");
        }
        for bad in [
            "",
            "short",
            "twelve_chars",
            "abc def 123",
            "abc\"def'123",
            "abc/def?123",
            "abcdefghij\u{e9}",
            "<script>x</s",
            "dQw4w9WgXcQ&list=1",
        ] {
            assert!(VideoId::parse("youtube", bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn unknown_providers_have_no_ids() {
        assert!(VideoId::parse("vimeo", "dQw4w9WgXcQ").is_none());
        assert!(VideoId::parse("", "dQw4w9WgXcQ").is_none());
        assert!(VideoId::parse("YouTube", "dQw4w9WgXcQ").is_some());
    }

    #[test]
    fn urls_use_the_privacy_enhanced_player() {
        let id = VideoId::parse("youtube", "dQw4w9WgXcQ").unwrap();
        assert_eq!(id.embed_url(), "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&playsinline=1");
        assert_eq!(id.watch_url(), "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
    }
}
