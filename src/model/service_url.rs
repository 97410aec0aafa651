//! The public addresses of the video and music services, read into the
//! identifiers of `video` and `audio` blocks: what an importer (Markdown, a
//! WordPress embed, a pasted link) needs to turn a service's URL into a block.

use super::{
    AudioKind, AudioSource, BandcampId, BandcampPage, Block, SoundCloudUrl, SpotifyId, Storefront, VideoId,
    VideoProvider,
};

/// What a service URL identifies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceUrl {
    Video(VideoId),
    Audio(AudioSource),
    /// A Bandcamp album or track page. It gives the "Listen on Bandcamp"
    /// link but not the player, which needs the album's or track's number:
    /// Bandcamp shows it only in the page's Share / Embed code
    /// (`album=1234567890`). Pair it with a [`ServiceUrl::BandcampPlayer`]
    /// (or that number) to make an [`AudioSource::Bandcamp`].
    BandcampPage(BandcampPage),
    /// Bandcamp's `EmbeddedPlayer` address: the number, but not the page
    /// the link should lead to.
    BandcampPlayer {
        kind: AudioKind,
        id: BandcampId,
    },
}

impl ServiceUrl {
    /// The block for this URL, with the title and artist the importer found
    /// (the artist is left out of videos). `None` for the two halves of a
    /// Bandcamp embed, which make a block only together.
    pub fn into_block(self, id: String, title: String, artist: String) -> Option<Block> {
        let audio =
            |provider: &str, kind: AudioKind, audio_id: Option<&str>, storefront: Option<&str>, url: Option<&str>| {
                Block::Audio {
                    id: id.clone(),
                    provider: provider.into(),
                    kind: kind.as_str().into(),
                    audio_id: audio_id.map(Into::into),
                    storefront: storefront.map(Into::into),
                    url: url.map(Into::into),
                    title: title.clone(),
                    artist: artist.clone(),
                    artwork: None,
                }
            };
        let block = match &self {
            ServiceUrl::Video(video) => Block::Video {
                id: id.clone(),
                provider: video.provider().key().into(),
                video_id: video.as_str().into(),
                title: title.clone(),
                poster: None,
            },
            ServiceUrl::Audio(source) => {
                let provider = source.provider().key();
                match source {
                    AudioSource::Spotify { kind, id } => audio(provider, *kind, Some(id.as_str()), None, None),
                    AudioSource::AppleMusic { kind, storefront, id } => {
                        audio(provider, *kind, Some(id.as_str()), Some(storefront.as_str()), None)
                    }
                    AudioSource::SoundCloud { kind, url } => audio(provider, *kind, None, None, Some(url.as_str())),
                    AudioSource::Bandcamp { kind, id, page } => {
                        audio(provider, *kind, Some(id.as_str()), None, Some(page.as_str()))
                    }
                }
            }
            ServiceUrl::BandcampPage(_) | ServiceUrl::BandcampPlayer { .. } => return None,
        };
        Some(block)
    }
}

/// Reads a service's public URL (as a reader would copy it from the
/// service, or as it appears in an embed code):
///
/// - YouTube: `youtube.com/watch?v=…`, `youtu.be/…`, `/embed/…`, `/shorts/…`,
///   `youtube-nocookie.com/embed/…`;
/// - Vimeo: `vimeo.com/{number}`, `player.vimeo.com/video/{number}` (not
///   unlisted videos, whose address carries a private hash);
/// - Spotify: `open.spotify.com/{track|album|playlist}/{id}` (also with
///   `intl-xx/` or `embed/`), and `spotify:{kind}:{id}`;
/// - Apple Music: `music.apple.com/{storefront}/{album|song|playlist}/[name/]{id}`,
///   an album link with `?i={song}` being that song;
/// - SoundCloud: `soundcloud.com/{artist}/{track}` and `/{artist}/sets/{set}`
///   (a set is read as a playlist; say `album` yourself when it is one), and
///   `w.soundcloud.com/player/?url=…` naming such a page;
/// - Bandcamp: `{artist}.bandcamp.com/{album|track}/{name}` and
///   `bandcamp.com/EmbeddedPlayer/…`, each half of what a block needs.
///
/// Anything else, including these hosts with unexpected paths, is `None`.
pub fn parse_service_url(url: &str) -> Option<ServiceUrl> {
    if let Some(uri) = url.trim().strip_prefix("spotify:") {
        let (kind, id) = uri.split_once(':')?;
        return spotify(kind, id);
    }
    let parts = UrlParts::parse(url)?;
    let segments = parts.segments.as_slice();
    let video = |provider, id: &str| VideoId::of(provider, id).map(ServiceUrl::Video);
    match parts.host.as_str() {
        "youtube.com" | "www.youtube.com" | "m.youtube.com" | "music.youtube.com" => match segments {
            ["watch"] => video(VideoProvider::YouTube, parts.query_value("v")?),
            ["embed" | "shorts" | "live" | "v", id] => video(VideoProvider::YouTube, id),
            _ => None,
        },
        "youtu.be" => match segments {
            [id] => video(VideoProvider::YouTube, id),
            _ => None,
        },
        "youtube-nocookie.com" | "www.youtube-nocookie.com" => match segments {
            ["embed", id] => video(VideoProvider::YouTube, id),
            _ => None,
        },
        "vimeo.com" | "www.vimeo.com" => match segments {
            // A video as a showcase, group or album lists it, or as its
            // owner's page manages it.
            [id]
            | ["channels", _, id]
            | ["showcase" | "album", _, "video", id]
            | ["groups", _, "videos", id]
            | ["manage", "videos", id] => video(VideoProvider::Vimeo, id),
            _ => None,
        },
        "player.vimeo.com" => match segments {
            ["video", id] if parts.query_value("h").is_none() => video(VideoProvider::Vimeo, id),
            _ => None,
        },
        "open.spotify.com" | "play.spotify.com" => {
            let segments = match segments {
                [intl, rest @ ..] if intl.starts_with("intl-") => rest,
                _ => segments,
            };
            match segments {
                // (`user/{name}/playlist/{id}`: the form older links keep.)
                ["embed", kind, id] | [kind, id] | ["user", _, kind @ "playlist", id] => spotify(kind, id),
                _ => None,
            }
        }
        "music.apple.com" | "embed.music.apple.com" | "geo.music.apple.com" => apple_music(&parts),
        "soundcloud.com" | "www.soundcloud.com" | "m.soundcloud.com" => soundcloud(segments),
        "w.soundcloud.com" => match segments {
            ["player"] => {
                let inner = percent_decode(parts.query_value("url")?)?;
                let inner = UrlParts::parse(&inner)?;
                match inner.host.as_str() {
                    "soundcloud.com" | "www.soundcloud.com" | "m.soundcloud.com" => soundcloud(&inner.segments),
                    _ => None,
                }
            }
            _ => None,
        },
        "bandcamp.com" => match segments {
            ["EmbeddedPlayer", params @ ..] => bandcamp_player(params),
            _ => None,
        },
        host if host.ends_with(".bandcamp.com") => BandcampPage::parse(url).map(ServiceUrl::BandcampPage),
        _ => None,
    }
}

fn spotify(kind: &str, id: &str) -> Option<ServiceUrl> {
    let kind = match kind {
        "track" => AudioKind::Track,
        "album" => AudioKind::Album,
        "playlist" => AudioKind::Playlist,
        _ => return None,
    };
    Some(ServiceUrl::Audio(AudioSource::Spotify { kind, id: SpotifyId::parse(id)? }))
}

fn apple_music(parts: &UrlParts<'_>) -> Option<ServiceUrl> {
    let (storefront, kind, id) = match parts.segments.as_slice() {
        [storefront, kind, _, id] | [storefront, kind, id] => (*storefront, *kind, *id),
        _ => return None,
    };
    let storefront = Storefront::parse(storefront)?;
    let (kind, id) = match (kind, parts.query_value("i")) {
        ("album", Some(song)) => (AudioKind::Track, song),
        ("album", None) => (AudioKind::Album, id),
        ("song", _) => (AudioKind::Track, id),
        ("playlist", _) => (AudioKind::Playlist, id),
        _ => return None,
    };
    let id = super::AppleMusicId::parse(kind, id)?;
    Some(ServiceUrl::Audio(AudioSource::AppleMusic { kind, storefront, id }))
}

fn soundcloud(segments: &[&str]) -> Option<ServiceUrl> {
    let url = SoundCloudUrl::from_segments(segments)?;
    let kind = if url.is_set() { AudioKind::Playlist } else { AudioKind::Track };
    Some(ServiceUrl::Audio(AudioSource::SoundCloud { kind, url }))
}

/// `album=123/size=large/…/track=456/`: a track of an album plays as that track.
fn bandcamp_player(params: &[&str]) -> Option<ServiceUrl> {
    let value = |key: &str| params.iter().find_map(|p| p.strip_prefix(key)?.strip_prefix('='));
    let (kind, id) = match (value("track"), value("album")) {
        (Some(track), _) => (AudioKind::Track, track),
        (None, Some(album)) => (AudioKind::Album, album),
        (None, None) => return None,
    };
    Some(ServiceUrl::BandcampPlayer { kind, id: BandcampId::parse(id)? })
}

/// Why an address that belongs to a music or video service still names no
/// player: the addresses writers and old posts most often hold instead of
/// a player's. Each tool words its own advice from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAPlayer {
    /// A short link (`spotify.link/…`, `apple.co/…`) that only leads on to
    /// the service's page; `full` shows the shape of the address it leads to.
    ShortLink { full: &'static str },
    /// An old `itunes.apple.com` address.
    OldITunes,
    /// A Spotify podcast episode or show.
    Podcast,
    /// An unlisted Vimeo video: its address carries a private hash.
    UnlistedVimeo,
    /// A YouTube playlist (`/playlist`, `/embed/videoseries`).
    YouTubePlaylist,
    /// A YouTube channel's live stream (`/embed/live_stream?channel=…`).
    YouTubeLiveStream,
    /// A SoundCloud player that names its track by number
    /// (`w.soundcloud.com/player/?url=…api.soundcloud.com/tracks/…`, or
    /// the `api.soundcloud.com` address itself).
    SoundCloudByNumber,
    /// The shape of a player's address whose id is cut short or mistyped:
    /// `rule` says what the service's ids look like, with an example.
    MistypedId { service: &'static str, rule: &'static str },
    /// An Apple Music address without its country (`music.apple.com/album/…`
    /// where the players need `music.apple.com/us/album/…`).
    AppleMusicWithoutCountry,
}

/// Hosts whose addresses only lead on to a service's page, with the shape
/// of the address they lead to.
const SHORT_LINK_HOSTS: [(&str, &str); 4] = [
    ("spotify.link", "https://open.spotify.com/track/…"),
    ("spoti.fi", "https://open.spotify.com/track/…"),
    ("on.soundcloud.com", "https://soundcloud.com/artist/track"),
    ("apple.co", "https://music.apple.com/…"),
];

/// Why `url` names no player, when it is one of the addresses in
/// [`NotAPlayer`]; `None` for a player's address and for any other.
pub fn not_a_player(url: &str) -> Option<NotAPlayer> {
    let parts = UrlParts::parse(url)?;
    let is = |segment: &str, name: &str| segment.eq_ignore_ascii_case(name);
    let host = parts.host.as_str();
    if let Some((_, full)) = SHORT_LINK_HOSTS.iter().find(|(short, _)| host == *short) {
        return Some(NotAPlayer::ShortLink { full });
    }
    match (host, parts.segments.as_slice()) {
        ("itunes.apple.com", _) => Some(NotAPlayer::OldITunes),
        ("open.spotify.com", segments) if segments.iter().any(|s| is(s, "episode") || is(s, "show")) => {
            Some(NotAPlayer::Podcast)
        }
        ("youtube.com" | "www.youtube.com" | "m.youtube.com" | "music.youtube.com", [playlist])
            if is(playlist, "playlist") =>
        {
            Some(NotAPlayer::YouTubePlaylist)
        }
        ("youtube.com" | "www.youtube.com" | "youtube-nocookie.com" | "www.youtube-nocookie.com", [embed, name])
            if is(embed, "embed") =>
        {
            match name.to_ascii_lowercase().as_str() {
                "videoseries" => Some(NotAPlayer::YouTubePlaylist),
                "live_stream" => Some(NotAPlayer::YouTubeLiveStream),
                _ => None,
            }
        }
        ("vimeo.com" | "www.vimeo.com", [id, _hash]) if id.bytes().all(|b| b.is_ascii_digit()) => {
            Some(NotAPlayer::UnlistedVimeo)
        }
        ("player.vimeo.com", [video, _]) if is(video, "video") && parts.query_value("h").is_some() => {
            Some(NotAPlayer::UnlistedVimeo)
        }
        ("w.soundcloud.com", [player]) if is(player, "player") => {
            let named = parts.query_value("url").and_then(percent_decode)?;
            named.to_ascii_lowercase().contains("api.soundcloud.com").then_some(NotAPlayer::SoundCloudByNumber)
        }
        ("api.soundcloud.com", [tracks, ..]) if is(tracks, "tracks") || is(tracks, "playlists") => {
            Some(NotAPlayer::SoundCloudByNumber)
        }
        _ => mistyped(&parts),
    }
}

/// A player's address with everything right but its id, or Apple Music's
/// without its country: what the writer pasted was cut short or mistyped.
fn mistyped(parts: &UrlParts<'_>) -> Option<NotAPlayer> {
    const YOUTUBE: NotAPlayer = NotAPlayer::MistypedId {
        service: "YouTube",
        rule: "a video's id is 11 letters, digits, - or _, as in youtube.com/watch?v=zFT3f9biz68",
    };
    const SPOTIFY: NotAPlayer = NotAPlayer::MistypedId {
        service: "Spotify",
        rule: "an id is 22 letters and digits, as in open.spotify.com/track/4rOoJ6Egrf8K2IrywzwOMk",
    };
    let youtube = |id: &str| VideoId::of(VideoProvider::YouTube, id).is_none().then_some(YOUTUBE);
    let segments = parts.segments.as_slice();
    match (parts.host.as_str(), segments) {
        ("youtube.com" | "www.youtube.com" | "m.youtube.com" | "music.youtube.com", ["watch"]) => {
            youtube(parts.query_value("v")?)
        }
        ("youtube.com" | "www.youtube.com" | "m.youtube.com", ["embed" | "shorts" | "live", id]) => youtube(id),
        ("youtu.be", [id]) => youtube(id),
        ("open.spotify.com" | "play.spotify.com", _) => {
            let segments = match segments {
                [intl, rest @ ..] if intl.starts_with("intl-") => rest,
                _ => segments,
            };
            match segments {
                ["embed", kind, id] | [kind, id] if matches!(*kind, "track" | "album" | "playlist") => {
                    SpotifyId::parse(id).is_none().then_some(SPOTIFY)
                }
                _ => None,
            }
        }
        ("music.apple.com" | "geo.music.apple.com", [kind, ..]) if matches!(*kind, "album" | "song" | "playlist") => {
            Some(NotAPlayer::AppleMusicWithoutCountry)
        }
        _ => None,
    }
}

/// An `http(s)` URL taken apart strictly: a host of letters, digits, dots
/// and hyphens only (no user, no port), path segments without empty or
/// dot segments, the query kept raw, the fragment dropped.
pub(crate) struct UrlParts<'a> {
    /// In lowercase.
    pub host: String,
    pub segments: Vec<&'a str>,
    query: &'a str,
}

impl<'a> UrlParts<'a> {
    pub fn parse(url: &'a str) -> Option<UrlParts<'a>> {
        let url = url.trim();
        if url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\') {
            return None;
        }
        let scheme_end = url.find("://")?;
        if !matches!(url[..scheme_end].to_ascii_lowercase().as_str(), "http" | "https") {
            return None;
        }
        let rest = &url[scheme_end + 3..];
        let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (host, rest) = rest.split_at(host_end);
        if host.is_empty() || !host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-') {
            return None;
        }
        let rest = rest.split_once('#').map_or(rest, |(before, _)| before);
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let path = path.strip_prefix('/').unwrap_or(path);
        let path = path.strip_suffix('/').unwrap_or(path);
        let segments: Vec<&str> = if path.is_empty() { Vec::new() } else { path.split('/').collect() };
        if segments.iter().any(|s| s.is_empty() || *s == "." || *s == "..") {
            return None;
        }
        Some(UrlParts { host: host.to_ascii_lowercase(), segments, query })
    }

    /// The raw (still percent-encoded) value of a query parameter.
    pub fn query_value(&self, key: &str) -> Option<&'a str> {
        self.query.split('&').find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
    }
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(if b == b'+' { b' ' } else { b });
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn audio(url: &str) -> (String, String) {
        match parse_service_url(url) {
            Some(ServiceUrl::Audio(source)) => (source.provider().key().to_string(), source.page_url()),
            other => panic!("{url}: {other:?}"),
        }
    }

    #[test]
    fn addresses_that_name_no_player_say_why() {
        use NotAPlayer::*;
        for (url, why) in [
            ("https://spotify.link/AbCdEf123", ShortLink { full: "https://open.spotify.com/track/…" }),
            ("https://on.soundcloud.com/AbCd", ShortLink { full: "https://soundcloud.com/artist/track" }),
            ("https://itunes.apple.com/us/album/x/id1562580573", OldITunes),
            ("https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk", Podcast),
            ("https://open.spotify.com/show/4rOoJ6Egrf8K2IrywzwOMk", Podcast),
            ("https://vimeo.com/76979871/abcdef1234", UnlistedVimeo),
            ("https://player.vimeo.com/video/76979871?h=abcdef1234", UnlistedVimeo),
            ("https://www.youtube.com/playlist?list=PL0123456789", YouTubePlaylist),
            ("https://music.youtube.com/playlist?list=OLAK5uy_kAlbum0123456789", YouTubePlaylist),
            ("https://www.youtube-nocookie.com/embed/videoseries?list=PL0123456789", YouTubePlaylist),
            ("https://www.YouTube.com/Embed/VideoSeries?list=PL0123456789", YouTubePlaylist),
            ("https://www.youtube.com/embed/live_stream?channel=UC0123", YouTubeLiveStream),
            (
                "https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/293&color=%23ff5500",
                SoundCloudByNumber,
            ),
            ("https://api.soundcloud.com/tracks/293", SoundCloudByNumber),
            ("https://music.apple.com/album/porchlight/1440833098", AppleMusicWithoutCountry),
        ] {
            assert_eq!(not_a_player(url), Some(why), "{url}");
            assert!(parse_service_url(url).is_none(), "{url} is a player");
        }
        // Players, and addresses of no service, are not in the list.
        for url in [
            "https://www.youtube.com/watch?v=zFT3f9biz68&list=PL0123456789",
            "https://vimeo.com/76979871",
            "https://vimeo.com/channels/staffpicks",
            "https://player.vimeo.com/video/76979871",
            "https://w.soundcloud.com/player/?url=https%3A//soundcloud.com/artist/track",
            "https://open.spotify.com/track/4rOoJ6Egrf8K2IrywzwOMk",
            "https://example.com/playlist",
            "not an address",
        ] {
            assert_eq!(not_a_player(url), None, "{url}");
        }
        // A player's address with its id cut short or mistyped.
        for (url, service) in [
            ("https://youtu.be/zFT3f9biz6", "YouTube"),
            ("https://www.youtube.com/watch?v=zFT3f9biz68x", "YouTube"),
            ("https://www.youtube.com/shorts/zFT3", "YouTube"),
            ("https://open.spotify.com/track/abc", "Spotify"),
            ("https://open.spotify.com/intl-de/album/4rOoJ6Egrf8K2Irywzw", "Spotify"),
        ] {
            assert!(matches!(not_a_player(url), Some(MistypedId { service: s, .. }) if s == service), "{url}");
            assert!(parse_service_url(url).is_none(), "{url} is a player");
        }
    }

    #[test]
    fn video_urls_give_video_ids() {
        for (url, provider, id) in [
            ("https://www.youtube.com/watch?v=zFT3f9biz68", "youtube", "zFT3f9biz68"),
            ("https://youtube.com/watch?feature=share&v=zFT3f9biz68&t=30", "youtube", "zFT3f9biz68"),
            ("https://m.youtube.com/watch?v=zFT3f9biz68#t=1", "youtube", "zFT3f9biz68"),
            ("https://youtu.be/zFT3f9biz68?si=abc", "youtube", "zFT3f9biz68"),
            ("https://www.youtube.com/embed/zFT3f9biz68", "youtube", "zFT3f9biz68"),
            ("https://www.youtube.com/shorts/zFT3f9biz68", "youtube", "zFT3f9biz68"),
            ("https://www.youtube-nocookie.com/embed/zFT3f9biz68?autoplay=1", "youtube", "zFT3f9biz68"),
            ("HTTPS://WWW.YOUTUBE.COM/watch?v=zFT3f9biz68", "youtube", "zFT3f9biz68"),
            ("https://vimeo.com/76979871", "vimeo", "76979871"),
            ("https://vimeo.com/channels/staffpicks/76979871", "vimeo", "76979871"),
            ("https://vimeo.com/showcase/10543/video/76979871", "vimeo", "76979871"),
            ("https://vimeo.com/album/10543/video/76979871", "vimeo", "76979871"),
            ("https://vimeo.com/groups/shortfilms/videos/76979871", "vimeo", "76979871"),
            ("https://vimeo.com/manage/videos/76979871", "vimeo", "76979871"),
            ("https://player.vimeo.com/video/76979871?dnt=1", "vimeo", "76979871"),
        ] {
            match parse_service_url(url) {
                Some(ServiceUrl::Video(video)) => {
                    assert_eq!((video.provider().key(), video.as_str()), (provider, id), "{url}")
                }
                other => panic!("{url}: {other:?}"),
            }
        }
    }

    #[test]
    fn youtube_path_words_are_not_video_ids() {
        // Eleven characters each, as a video id is.
        for url in [
            "https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
            "https://www.youtube-nocookie.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
            "https://www.youtube.com/embed/live_stream?channel=UC4R8DWoMoI7CAwX8_LjQHig",
        ] {
            assert_eq!(parse_service_url(url), None, "{url}");
        }
    }

    #[test]
    fn music_urls_give_audio_sources() {
        for (url, provider, page) in [
            ("https://open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh?si=0123", "spotify", "https://open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh"),
            ("https://open.spotify.com/intl-ja/album/4iV5W9uYEdYUVa79Axb7Rh", "spotify", "https://open.spotify.com/album/4iV5W9uYEdYUVa79Axb7Rh"),
            ("https://open.spotify.com/embed/playlist/37i9dQZF1DXcBWIGoYBM5M?utm_source=generator", "spotify", "https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M"),
            ("https://open.spotify.com/user/spotify/playlist/37i9dQZF1DXcBWIGoYBM5M", "spotify", "https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M"),
            ("spotify:track:4iV5W9uYEdYUVa79Axb7Rh", "spotify", "https://open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh"),
            ("https://music.apple.com/jp/album/film-out/1562580573", "apple_music", "https://music.apple.com/jp/album/1562580573"),
            ("https://music.apple.com/jp/album/film-out/1562580573?i=1562580574", "apple_music", "https://music.apple.com/jp/song/1562580574"),
            ("https://music.apple.com/us/song/film-out/1562580574", "apple_music", "https://music.apple.com/us/song/1562580574"),
            ("https://music.apple.com/us/album/1562580573", "apple_music", "https://music.apple.com/us/album/1562580573"),
            ("https://embed.music.apple.com/gb/playlist/late-night/pl.u-8aAVZAAfRk6YWJ", "apple_music", "https://music.apple.com/gb/playlist/pl.u-8aAVZAAfRk6YWJ"),
            ("https://soundcloud.com/kestrel-lamps/harbour-lights", "soundcloud", "https://soundcloud.com/kestrel-lamps/harbour-lights"),
            ("https://soundcloud.com/kestrel-lamps/sets/tidewater?si=x", "soundcloud", "https://soundcloud.com/kestrel-lamps/sets/tidewater"),
            (
                "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fkestrel-lamps%2Fharbour-lights&color=%23ff5500",
                "soundcloud",
                "https://soundcloud.com/kestrel-lamps/harbour-lights",
            ),
        ] {
            assert_eq!(audio(url), (provider.to_string(), page.to_string()), "{url}");
        }
        let Some(ServiceUrl::Audio(set)) = parse_service_url("https://soundcloud.com/a/sets/b") else { panic!() };
        assert_eq!(set.kind(), AudioKind::Playlist);
    }

    #[test]
    fn bandcamp_urls_give_one_half_each() {
        let Some(ServiceUrl::BandcampPage(page)) =
            parse_service_url("https://paper-moons.bandcamp.com/album/low-tide-live")
        else {
            panic!("page")
        };
        assert_eq!(page.kind(), AudioKind::Album);
        assert_eq!(
            parse_service_url(
                "https://bandcamp.com/EmbeddedPlayer/album=2916489213/size=large/bgcol=ffffff/linkcol=0687f5/transparent=true/"
            ),
            Some(ServiceUrl::BandcampPlayer { kind: AudioKind::Album, id: BandcampId::parse("2916489213").unwrap() })
        );
        assert_eq!(
            parse_service_url("https://bandcamp.com/EmbeddedPlayer/v=2/album=2916489213/track=77/size=small/"),
            Some(ServiceUrl::BandcampPlayer { kind: AudioKind::Track, id: BandcampId::parse("77").unwrap() })
        );
        let half = parse_service_url("https://paper-moons.bandcamp.com/album/low-tide-live").unwrap();
        assert_eq!(half.into_block("a1".into(), "Low Tide".into(), "Paper Moons".into()), None);
    }

    #[test]
    fn everything_else_is_refused() {
        for url in [
            "",
            "not a url",
            "javascript:alert(1)",
            "spotify:artist:4iV5W9uYEdYUVa79Axb7Rh",
            "spotify:track:short",
            "https://open.spotify.com/artist/4iV5W9uYEdYUVa79Axb7Rh",
            "https://open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh/extra",
            "https://open.spotify.com.evil.example/track/4iV5W9uYEdYUVa79Axb7Rh",
            "https://evil.example/open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh",
            "https://user:pw@open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh",
            "https://open.spotify.com:444/track/4iV5W9uYEdYUVa79Axb7Rh",
            "ftp://open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh",
            "https://open.spotify.com/track/../album/4iV5W9uYEdYUVa79Axb7Rh",
            "https://music.apple.com/us/artist/bts/883131348",
            "https://music.apple.com/usa/album/x/1562580573",
            "https://music.apple.com/us/album/x/1562580573?i=abc",
            "https://music.apple.com/us/playlist/x/1562580573",
            "https://www.youtube.com/watch?v=short",
            "https://www.youtube.com/watch",
            "https://www.youtube.com/channel/UCLkAepWjdylmXSltofFvsYQ",
            "https://youtu.be/zFT3f9biz68/x",
            "https://vimeo.com/76979871/abcdef1234",
            "https://player.vimeo.com/video/76979871?h=abcdef1234",
            "https://vimeo.com/about",
            "https://soundcloud.com/kestrel-lamps",
            "https://w.soundcloud.com/player/?url=https%3A%2F%2Fapi.soundcloud.com%2Ftracks%2F293",
            "https://w.soundcloud.com/player/?url=https%3A%2F%2Fevil.example%2Fa%2Fb",
            "https://w.soundcloud.com/player/?url=%zz",
            "https://bandcamp.com/EmbeddedPlayer/size=large/",
            "https://bandcamp.com/EmbeddedPlayer/album=abc/",
            "https://bandcamp.com/discover",
            "https://example.com/watch?v=zFT3f9biz68",
        ] {
            assert_eq!(parse_service_url(url), None, "{url:?}");
        }
    }

    #[test]
    fn urls_become_blocks_that_check_out() {
        let block = parse_service_url("https://music.apple.com/jp/album/film-out/1562580573?i=1562580574")
            .and_then(|u| u.into_block("a1".into(), "Film Out".into(), "BTS".into()))
            .unwrap();
        let Block::Audio { provider, kind, audio_id, storefront, url, .. } = &block else { panic!("{block:?}") };
        assert_eq!(
            (provider.as_str(), kind.as_str(), audio_id.as_deref(), storefront.as_deref(), url.as_deref()),
            ("apple_music", "track", Some("1562580574"), Some("jp"), None)
        );
        assert!(block.player().is_some_and(|p| p.is_ok()));
        let block = parse_service_url("https://vimeo.com/76979871")
            .and_then(|u| u.into_block("v1".into(), "A film".into(), String::new()))
            .unwrap();
        assert!(
            matches!(&block, Block::Video { provider, video_id, .. } if provider == "vimeo" && video_id == "76979871")
        );
        for url in ["https://soundcloud.com/a/b", "https://open.spotify.com/album/4iV5W9uYEdYUVa79Axb7Rh"] {
            let block = parse_service_url(url).and_then(|u| u.into_block("x".into(), "t".into(), "a".into())).unwrap();
            assert!(block.player().is_some_and(|p| p.is_ok()), "{url}");
        }
    }

    #[test]
    fn percent_decoding_is_strict() {
        assert_eq!(percent_decode("a%2Fb+c").as_deref(), Some("a/b c"));
        assert_eq!(percent_decode("%C3%A9").as_deref(), Some("é"));
        for bad in ["%", "%2", "%zz", "%FF"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }
}
