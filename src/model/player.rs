//! What the one player facade needs from a `video` or `audio` block,
//! whatever the service: checked URLs, the service's name, and the
//! permissions its iframe gets.

use super::{AudioFields, AudioProvider, AudioSource, Block, VideoId, VideoProvider};

/// A player that can be put in the page, built only from checked ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Player {
    /// The service's name: "Spotify", "YouTube".
    pub service: &'static str,
    /// The provider key (`apple_music`) and what it plays (`video`, `track`,
    /// `album`, `playlist`): they size the player's box.
    pub provider: &'static str,
    pub kind: &'static str,
    /// The official embed player, framed only after the reader presses play.
    pub embed_url: String,
    /// The service's own page: "Watch on …" or "Listen on …".
    pub page_url: String,
    /// The iframe's `allow` list.
    pub allow: &'static str,
}

impl Player {
    pub fn is_video(&self) -> bool {
        self.kind == "video"
    }
}

impl From<&VideoId> for Player {
    fn from(video: &VideoId) -> Self {
        let provider = video.provider();
        Player {
            service: provider.name(),
            provider: provider.key(),
            kind: "video",
            embed_url: video.embed_url(),
            page_url: video.watch_url(),
            allow: video.allow(),
        }
    }
}

impl From<&AudioSource> for Player {
    fn from(source: &AudioSource) -> Self {
        let provider = source.provider();
        Player {
            service: provider.name(),
            provider: provider.key(),
            kind: source.kind().as_str(),
            embed_url: source.embed_url(),
            page_url: source.page_url(),
            allow: source.allow(),
        }
    }
}

/// A block whose player cannot be built: the facade says so, and, when the
/// service is known, links to a search for the title there instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unavailable {
    pub service: Option<&'static str>,
    pub search_url: Option<String>,
}

impl Block {
    /// An `audio` block's identifiers, as its service's rules read them.
    pub fn audio_fields(&self) -> Option<AudioFields<'_>> {
        match self {
            Block::Audio { provider, kind, audio_id, storefront, url, .. } => Some(AudioFields {
                provider,
                kind,
                audio_id: audio_id.as_deref(),
                storefront: storefront.as_deref(),
                url: url.as_deref(),
            }),
            _ => None,
        }
    }

    /// The player of a `video` or `audio` block; `None` for other blocks.
    pub fn player(&self) -> Option<Result<Player, Unavailable>> {
        match self {
            Block::Video { provider, video_id, title, .. } => {
                let known = VideoProvider::parse(provider);
                Some(VideoId::parse(provider, video_id).map(|v| Player::from(&v)).ok_or_else(|| Unavailable {
                    service: known.map(VideoProvider::name),
                    search_url: known.map(|p| p.search_url(title)),
                }))
            }
            Block::Audio { provider, title, artist, .. } => {
                let fields = self.audio_fields()?;
                let known = AudioProvider::parse(provider);
                Some(AudioSource::parse(fields).map(|s| Player::from(&s)).map_err(|_| Unavailable {
                    service: known.map(AudioProvider::name),
                    search_url: known.map(|p| p.search_url(&format!("{artist} {title}"))),
                }))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn audio(provider: &str, audio_id: Option<&str>, url: Option<&str>) -> Block {
        Block::Audio {
            id: "a1".into(),
            provider: provider.into(),
            kind: "album".into(),
            audio_id: audio_id.map(Into::into),
            storefront: Some("jp".into()),
            url: url.map(Into::into),
            title: "Film Out".into(),
            artist: "BTS".into(),
            artwork: None,
        }
    }

    #[test]
    fn good_blocks_give_players() {
        let player = audio("apple_music", Some("1562580573"), None).player().unwrap().unwrap();
        assert_eq!(
            player,
            Player {
                service: "Apple Music",
                provider: "apple_music",
                kind: "album",
                embed_url: "https://embed.music.apple.com/jp/album/1562580573".into(),
                page_url: "https://music.apple.com/jp/album/1562580573".into(),
                allow: "encrypted-media",
            }
        );
        assert!(!player.is_video());
        let video = Block::Video {
            id: "v1".into(),
            provider: "vimeo".into(),
            video_id: "76979871".into(),
            title: "t".into(),
            poster: None,
        };
        let player = video.player().unwrap().unwrap();
        assert!(player.is_video());
        assert_eq!(player.service, "Vimeo");
    }

    #[test]
    fn bad_ids_give_a_search_on_the_service_and_never_a_player() {
        let unavailable = audio("spotify", Some("\"><script>"), None).player().unwrap().unwrap_err();
        assert_eq!(
            unavailable,
            Unavailable {
                service: Some("Spotify"),
                search_url: Some("https://open.spotify.com/search/BTS%20Film%20Out".into())
            }
        );
        let unknown = audio("tidal", Some("1"), None).player().unwrap().unwrap_err();
        assert_eq!(unknown, Unavailable { service: None, search_url: None });
        let video = Block::Video {
            id: "v1".into(),
            provider: "youtube".into(),
            video_id: "bad\"><script>".into(),
            title: "Film Out".into(),
            poster: None,
        };
        let unavailable = video.player().unwrap().unwrap_err();
        assert_eq!(unavailable.search_url.as_deref(), Some("https://www.youtube.com/results?search_query=Film%20Out"));
        let paragraph = Block::Paragraph { id: "p".into(), content: vec![] };
        assert!(paragraph.player().is_none());
    }
}
