/// The video providers this reader can play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VideoProvider {
    YouTube,
    Vimeo,
}

impl VideoProvider {
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "youtube" => Some(VideoProvider::YouTube),
            "vimeo" => Some(VideoProvider::Vimeo),
            _ => None,
        }
    }

    /// The service's name, as readers know it.
    pub fn name(self) -> &'static str {
        match self {
            VideoProvider::YouTube => "YouTube",
            VideoProvider::Vimeo => "Vimeo",
        }
    }

    /// The value of the block's `provider` field.
    pub fn key(self) -> &'static str {
        match self {
            VideoProvider::YouTube => "youtube",
            VideoProvider::Vimeo => "vimeo",
        }
    }

    /// The origin the player is framed from: what the page's `frame-src` must allow.
    pub fn frame_origin(self) -> &'static str {
        match self {
            VideoProvider::YouTube => "https://www.youtube-nocookie.com",
            VideoProvider::Vimeo => "https://player.vimeo.com",
        }
    }

    /// The service's own search, for a block whose id cannot be used.
    pub fn search_url(self, query: &str) -> String {
        let mut url = String::from(match self {
            VideoProvider::YouTube => "https://www.youtube.com/results?search_query=",
            VideoProvider::Vimeo => "https://vimeo.com/search?q=",
        });
        url.push_str(&super::encode_query_value(query));
        url
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
    /// YouTube ids are 11 characters of `A-Z a-z 0-9 _ -`; Vimeo ids are
    /// numbers (up to 12 digits, no leading zero).
    pub fn parse(provider: &str, id: &str) -> Option<VideoId> {
        // Spaces around a pasted id are the paste's, not the id's.
        Self::of(VideoProvider::parse(provider)?, id.trim())
    }

    pub fn of(provider: VideoProvider, id: &str) -> Option<VideoId> {
        let ok = match provider {
            // `/embed/videoseries?list=…` (a playlist) and
            // `/embed/live_stream?channel=…` are eleven characters too.
            VideoProvider::YouTube => {
                id.len() == 11
                    && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
                    && !matches!(id, "videoseries" | "live_stream")
            }
            VideoProvider::Vimeo => super::audio::is_number(id, 12),
        };
        ok.then(|| VideoId { provider, id: id.to_string() })
    }

    pub fn provider(&self) -> VideoProvider {
        self.provider
    }

    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// The player, from the provider's privacy-enhanced domain (YouTube) or
    /// with its do-not-track switch on (Vimeo). It starts playing at once:
    /// the reader has just pressed play.
    pub fn embed_url(&self) -> String {
        match self.provider {
            VideoProvider::YouTube => {
                format!("https://www.youtube-nocookie.com/embed/{}?autoplay=1&playsinline=1", self.id)
            }
            VideoProvider::Vimeo => format!("https://player.vimeo.com/video/{}?dnt=1&autoplay=1", self.id),
        }
    }

    /// The provider's own page, for readers who prefer to watch there.
    pub fn watch_url(&self) -> String {
        match self.provider {
            VideoProvider::YouTube => format!("https://www.youtube.com/watch?v={}", self.id),
            VideoProvider::Vimeo => format!("https://vimeo.com/{}", self.id),
        }
    }

    /// The iframe's `allow` list: what the player needs and nothing more.
    /// Full screen comes from the `allowfullscreen` attribute.
    pub fn allow(&self) -> &'static str {
        match self.provider {
            VideoProvider::YouTube => "accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture",
            VideoProvider::Vimeo => "autoplay; picture-in-picture",
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
    fn vimeo_ids_are_plain_numbers() {
        // Spaces around a pasted id are the paste's.
        for good in ["76979871", "1", "123456789012", " 76979871 "] {
            assert!(VideoId::parse("vimeo", good).is_some(), "{good}");
        }
        for bad in [
            "",
            "0",
            "0123",
            "1234567890123",
            "76979871?autoplay=0",
            "76979871/abcdef",
            "7697987l",
            "-76979871",
            "+76979871",
            "7697 9871",
            "٣٤٥",
            "dQw4w9WgXcQ",
            "../76979871",
        ] {
            assert!(VideoId::parse("vimeo", bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn unknown_providers_have_no_ids() {
        assert!(VideoId::parse("dailymotion", "x7tgad0").is_none());
        assert!(VideoId::parse("", "dQw4w9WgXcQ").is_none());
        assert!(VideoId::parse("YouTube", "dQw4w9WgXcQ").is_some());
        assert!(VideoId::parse(" Vimeo ", "76979871").is_some());
    }

    #[test]
    fn urls_use_the_privacy_enhanced_players() {
        let id = VideoId::parse("youtube", "dQw4w9WgXcQ").unwrap();
        assert_eq!(id.embed_url(), "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&playsinline=1");
        assert_eq!(id.watch_url(), "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
        let id = VideoId::parse("vimeo", "76979871").unwrap();
        assert_eq!(id.embed_url(), "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1");
        assert_eq!(id.watch_url(), "https://vimeo.com/76979871");
        assert!(id.embed_url().starts_with(id.provider().frame_origin()));
    }

    #[test]
    fn search_links_carry_the_query_as_text() {
        assert_eq!(
            VideoProvider::YouTube.search_url("Film Out & more"),
            "https://www.youtube.com/results?search_query=Film%20Out%20%26%20more"
        );
        assert_eq!(VideoProvider::Vimeo.search_url("a\"><b"), "https://vimeo.com/search?q=a%22%3E%3Cb");
    }
}
