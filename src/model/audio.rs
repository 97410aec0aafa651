//! Music from streaming services: the identifiers of an `audio` block, each
//! a newtype that holds only what its service's syntax allows (so it can go
//! into a URL without escaping or surprises), and the URLs built from them.

use thiserror::Error;

use super::encode_query_value;

/// The music services this reader can play.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudioProvider {
    Spotify,
    AppleMusic,
    SoundCloud,
    Bandcamp,
}

impl AudioProvider {
    pub const ALL: [AudioProvider; 4] =
        [AudioProvider::Spotify, AudioProvider::AppleMusic, AudioProvider::SoundCloud, AudioProvider::Bandcamp];

    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "spotify" => Some(AudioProvider::Spotify),
            "apple_music" => Some(AudioProvider::AppleMusic),
            "soundcloud" => Some(AudioProvider::SoundCloud),
            "bandcamp" => Some(AudioProvider::Bandcamp),
            _ => None,
        }
    }

    /// The service's name, as readers know it.
    pub fn name(self) -> &'static str {
        match self {
            AudioProvider::Spotify => "Spotify",
            AudioProvider::AppleMusic => "Apple Music",
            AudioProvider::SoundCloud => "SoundCloud",
            AudioProvider::Bandcamp => "Bandcamp",
        }
    }

    /// The value of the block's `provider` field.
    pub fn key(self) -> &'static str {
        match self {
            AudioProvider::Spotify => "spotify",
            AudioProvider::AppleMusic => "apple_music",
            AudioProvider::SoundCloud => "soundcloud",
            AudioProvider::Bandcamp => "bandcamp",
        }
    }

    /// The origin the player is framed from: what the page's `frame-src` must allow.
    pub fn frame_origin(self) -> &'static str {
        match self {
            AudioProvider::Spotify => "https://open.spotify.com",
            AudioProvider::AppleMusic => "https://embed.music.apple.com",
            AudioProvider::SoundCloud => "https://w.soundcloud.com",
            AudioProvider::Bandcamp => "https://bandcamp.com",
        }
    }

    /// The service's own search, for a block whose identifier cannot be used.
    pub fn search_url(self, query: &str) -> String {
        let mut url = String::from(match self {
            AudioProvider::Spotify => "https://open.spotify.com/search/",
            AudioProvider::AppleMusic => "https://music.apple.com/search?term=",
            AudioProvider::SoundCloud => "https://soundcloud.com/search?q=",
            AudioProvider::Bandcamp => "https://bandcamp.com/search?q=",
        });
        url.push_str(&encode_query_value(query));
        url
    }

    /// The kinds of thing the service embeds.
    pub fn kinds(self) -> &'static [AudioKind] {
        match self {
            AudioProvider::Bandcamp => &[AudioKind::Track, AudioKind::Album],
            _ => &[AudioKind::Track, AudioKind::Album, AudioKind::Playlist],
        }
    }
}

/// What an audio block plays: one track, an album, or a playlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudioKind {
    Track,
    Album,
    Playlist,
}

impl AudioKind {
    pub fn parse(kind: &str) -> Option<Self> {
        match kind.trim().to_ascii_lowercase().as_str() {
            "track" => Some(AudioKind::Track),
            "album" => Some(AudioKind::Album),
            "playlist" => Some(AudioKind::Playlist),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AudioKind::Track => "track",
            AudioKind::Album => "album",
            AudioKind::Playlist => "playlist",
        }
    }
}

/// The identifying fields of an `audio` block, for [`AudioError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudioField {
    AudioId,
    Storefront,
    Url,
}

impl AudioField {
    pub fn name(self) -> &'static str {
        match self {
            AudioField::AudioId => "audio_id",
            AudioField::Storefront => "storefront",
            AudioField::Url => "url",
        }
    }
}

/// Why an audio block's identifiers cannot make a player, naming the field
/// at fault. The explanations are built only when an error is shown (by
/// the publisher's validator), so the reader's app carries none of their
/// text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum AudioError {
    #[error("is not a music service this reader can play (spotify, apple_music, soundcloud or bandcamp)")]
    UnknownProvider,
    #[error("is not something {} embeds ({})", .0.name(), kinds_text(*.0))]
    Kind(AudioProvider),
    #[error("{} needs `{}`: {}", .0.name(), .1.name(), hint(*.0, *.1))]
    Missing(AudioProvider, AudioField),
    #[error("is not {}", expected(*.0, *.1))]
    Invalid(AudioProvider, AudioField),
    #[error("is the page of another kind of thing than the block's `kind` says")]
    KindMismatch(AudioProvider),
}

impl AudioError {
    /// The block field the problem is in.
    pub fn field(&self) -> &'static str {
        match self {
            AudioError::UnknownProvider => "provider",
            AudioError::Kind(_) => "kind",
            AudioError::Missing(_, field) | AudioError::Invalid(_, field) => field.name(),
            AudioError::KindMismatch(_) => "url",
        }
    }
}

fn kinds_text(provider: AudioProvider) -> &'static str {
    match provider {
        AudioProvider::Bandcamp => "a track or an album",
        AudioProvider::SoundCloud => "a track, an album or a playlist (a set)",
        _ => "a track, an album or a playlist",
    }
}

/// Where to find a field's value, for a publisher who left it out.
fn hint(provider: AudioProvider, field: AudioField) -> &'static str {
    match (provider, field) {
        (AudioProvider::Spotify, _) => "the 22 characters after /track/, /album/ or /playlist/ in its link",
        (AudioProvider::AppleMusic, AudioField::Storefront) => "the country code in its link, such as `us`",
        (AudioProvider::AppleMusic, _) => "the number at the end of its link (or the `pl.…` id of a playlist)",
        (AudioProvider::SoundCloud, _) => "the address of the track or set on soundcloud.com",
        (AudioProvider::Bandcamp, AudioField::AudioId) => "the number after `album=` or `track=` in its embed code",
        (AudioProvider::Bandcamp, _) => "the address of the album or track page",
    }
}

fn expected(provider: AudioProvider, field: AudioField) -> &'static str {
    match (provider, field) {
        (AudioProvider::Spotify, _) => "a Spotify id (22 letters and digits)",
        (AudioProvider::AppleMusic, AudioField::Storefront) => "a two-letter storefront code",
        (AudioProvider::AppleMusic, _) => {
            "an Apple Music id (digits, or `pl.` and letters, digits or hyphens for a playlist)"
        }
        (AudioProvider::SoundCloud, _) => "a soundcloud.com/{artist}/{track} or /{artist}/sets/{set} address",
        (AudioProvider::Bandcamp, AudioField::AudioId) => "a Bandcamp id (digits)",
        (AudioProvider::Bandcamp, _) => "an {artist}.bandcamp.com/album/… or /track/… address",
    }
}

/// Only ASCII digits, 1 to `max` of them, without a leading zero.
pub(crate) fn is_number(s: &str, max: usize) -> bool {
    (1..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0')
}

fn is_token(s: &str, max: usize) -> bool {
    (1..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A Spotify id: 22 characters of base 62.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpotifyId(String);

impl SpotifyId {
    pub fn parse(id: &str) -> Option<SpotifyId> {
        (id.len() == 22 && id.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| SpotifyId(id.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An Apple Music storefront: the two-letter country code in its URLs
/// (`us`, `jp`), kept in lowercase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Storefront(String);

impl Storefront {
    pub fn parse(code: &str) -> Option<Storefront> {
        (code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()))
            .then(|| Storefront(code.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An Apple Music catalogue id: a number for songs and albums,
/// `pl.` and letters, digits or hyphens for playlists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppleMusicId(String);

impl AppleMusicId {
    pub fn parse(kind: AudioKind, id: &str) -> Option<AppleMusicId> {
        let ok = match kind {
            AudioKind::Playlist => id.strip_prefix("pl.").is_some_and(|rest| {
                (1..=64).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }),
            AudioKind::Track | AudioKind::Album => is_number(id, 15),
        };
        ok.then(|| AppleMusicId(id.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A public SoundCloud page, kept as its canonical URL:
/// `https://soundcloud.com/{artist}/{track}` or
/// `https://soundcloud.com/{artist}/sets/{set}`, optionally followed by the
/// `s-…` token of a private link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SoundCloudUrl {
    url: String,
    set: bool,
}

impl SoundCloudUrl {
    /// Accepts `http`/`https`, `www.` and `m.` variants, a trailing slash,
    /// a query and a fragment (all dropped); refuses anything else.
    pub fn parse(url: &str) -> Option<SoundCloudUrl> {
        let parts = super::service_url::UrlParts::parse(url)?;
        if !matches!(parts.host.as_str(), "soundcloud.com" | "www.soundcloud.com" | "m.soundcloud.com") {
            return None;
        }
        Self::from_segments(&parts.segments)
    }

    pub(crate) fn from_segments(segments: &[&str]) -> Option<SoundCloudUrl> {
        let (set, rest) = match segments {
            [user, "sets", set, rest @ ..] => ([*user, "sets", *set], rest),
            [user, track, rest @ ..] => ([*user, *track, ""], rest),
            _ => return None,
        };
        let secret = match rest {
            [] => None,
            [token] if token.starts_with("s-") && is_token(&token[2..], 64) => Some(*token),
            _ => return None,
        };
        let [user, second, third] = set;
        let is_set = second == "sets";
        let names_ok = is_token(user, 100) && if is_set { is_token(third, 200) } else { is_token(second, 200) };
        // A user page's own tabs and SoundCloud's own pages are not players.
        let reserved = ["sets", "tracks", "albums", "reposts", "likes", "popular-tracks", "followers", "following"];
        let own_pages =
            ["discover", "search", "you", "charts", "stream", "settings", "pages", "tags", "upload", "feed"];
        if !names_ok || (!is_set && reserved.contains(&second)) || own_pages.contains(&user) {
            return None;
        }
        let mut url = String::from("https://soundcloud.com/");
        url.push_str(user);
        url.push('/');
        url.push_str(second);
        if is_set {
            url.push('/');
            url.push_str(third);
        }
        if let Some(secret) = secret {
            url.push('/');
            url.push_str(secret);
        }
        Some(SoundCloudUrl { url, set: is_set })
    }

    /// Whether it is a set (an album or a playlist) rather than a track.
    pub fn is_set(&self) -> bool {
        self.set
    }

    pub fn as_str(&self) -> &str {
        &self.url
    }
}

/// A Bandcamp album or track id: the number in its embed code
/// (`album=1234567890`), which its page URL does not carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BandcampId(String);

impl BandcampId {
    pub fn parse(id: &str) -> Option<BandcampId> {
        is_number(id, 12).then(|| BandcampId(id.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A Bandcamp album or track page, `https://{artist}.bandcamp.com/album/{name}`
/// (or `/track/{name}`): where "Listen on Bandcamp" leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BandcampPage {
    url: String,
    kind: AudioKind,
}

impl BandcampPage {
    pub fn parse(url: &str) -> Option<BandcampPage> {
        let parts = super::service_url::UrlParts::parse(url)?;
        let artist = parts.host.strip_suffix(".bandcamp.com")?;
        let artist_ok = is_token(artist, 63) && !artist.contains('_') && !artist.starts_with('-');
        let (kind, name) = match parts.segments.as_slice() {
            ["album", name] => (AudioKind::Album, *name),
            ["track", name] => (AudioKind::Track, *name),
            _ => return None,
        };
        if !artist_ok || artist == "www" || !is_token(name, 200) {
            return None;
        }
        let kind_path = kind.as_str();
        Some(BandcampPage { url: format!("https://{artist}.bandcamp.com/{kind_path}/{name}"), kind })
    }

    pub fn kind(&self) -> AudioKind {
        self.kind
    }

    pub fn as_str(&self) -> &str {
        &self.url
    }
}

/// The checked identity of an audio block: everything its player and its
/// "Listen on" link are built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AudioSource {
    Spotify { kind: AudioKind, id: SpotifyId },
    AppleMusic { kind: AudioKind, storefront: Storefront, id: AppleMusicId },
    SoundCloud { kind: AudioKind, url: SoundCloudUrl },
    Bandcamp { kind: AudioKind, id: BandcampId, page: BandcampPage },
}

/// The identifying fields of an `audio` block, as written.
#[derive(Debug, Clone, Copy, Default)]
pub struct AudioFields<'a> {
    pub provider: &'a str,
    pub kind: &'a str,
    pub audio_id: Option<&'a str>,
    pub storefront: Option<&'a str>,
    pub url: Option<&'a str>,
}

impl AudioSource {
    /// Checks the block's fields against the service's rules: Spotify needs
    /// `audio_id`; Apple Music `storefront` and `audio_id`; SoundCloud `url`
    /// (the page's address); Bandcamp `audio_id` (the number from its embed
    /// code) and `url` (the album or track page).
    pub fn parse<'a>(fields: AudioFields<'a>) -> Result<AudioSource, AudioError> {
        use AudioField::{AudioId, Storefront as StorefrontField, Url};
        let provider = AudioProvider::parse(fields.provider).ok_or(AudioError::UnknownProvider)?;
        let kind =
            AudioKind::parse(fields.kind).filter(|k| provider.kinds().contains(k)).ok_or(AudioError::Kind(provider))?;
        // Spaces around a pasted id are the paste's, not the id's.
        let get = |field: AudioField, value: Option<&'a str>| {
            value.map(str::trim).filter(|v| !v.is_empty()).ok_or(AudioError::Missing(provider, field))
        };
        let invalid = |field| AudioError::Invalid(provider, field);
        match provider {
            AudioProvider::Spotify => {
                let id = SpotifyId::parse(get(AudioId, fields.audio_id)?).ok_or(invalid(AudioId))?;
                Ok(AudioSource::Spotify { kind, id })
            }
            AudioProvider::AppleMusic => {
                let storefront =
                    Storefront::parse(get(StorefrontField, fields.storefront)?).ok_or(invalid(StorefrontField))?;
                let id = AppleMusicId::parse(kind, get(AudioId, fields.audio_id)?).ok_or(invalid(AudioId))?;
                Ok(AudioSource::AppleMusic { kind, storefront, id })
            }
            AudioProvider::SoundCloud => {
                let url = SoundCloudUrl::parse(get(Url, fields.url)?).ok_or(invalid(Url))?;
                if url.is_set() == (kind == AudioKind::Track) {
                    return Err(AudioError::KindMismatch(provider));
                }
                Ok(AudioSource::SoundCloud { kind, url })
            }
            AudioProvider::Bandcamp => {
                let id = BandcampId::parse(get(AudioId, fields.audio_id)?).ok_or(invalid(AudioId))?;
                let page = BandcampPage::parse(get(Url, fields.url)?).ok_or(invalid(Url))?;
                if page.kind() != kind {
                    return Err(AudioError::KindMismatch(provider));
                }
                Ok(AudioSource::Bandcamp { kind, id, page })
            }
        }
    }

    pub fn provider(&self) -> AudioProvider {
        match self {
            AudioSource::Spotify { .. } => AudioProvider::Spotify,
            AudioSource::AppleMusic { .. } => AudioProvider::AppleMusic,
            AudioSource::SoundCloud { .. } => AudioProvider::SoundCloud,
            AudioSource::Bandcamp { .. } => AudioProvider::Bandcamp,
        }
    }

    pub fn kind(&self) -> AudioKind {
        match self {
            AudioSource::Spotify { kind, .. }
            | AudioSource::AppleMusic { kind, .. }
            | AudioSource::SoundCloud { kind, .. }
            | AudioSource::Bandcamp { kind, .. } => *kind,
        }
    }

    /// The service's official embed player.
    pub fn embed_url(&self) -> String {
        match self {
            AudioSource::Spotify { kind, id } => format!("https://open.spotify.com/embed/{}/{}", kind.as_str(), id.0),
            AudioSource::AppleMusic { kind, storefront, id } => {
                format!("https://embed.music.apple.com/{}/{}/{}", storefront.0, apple_path(*kind), id.0)
            }
            AudioSource::SoundCloud { url, .. } => {
                format!("https://w.soundcloud.com/player/?url={}&auto_play=true", encode_query_value(&url.url))
            }
            AudioSource::Bandcamp { kind, id, .. } => format!(
                "https://bandcamp.com/EmbeddedPlayer/{}={}/size=large/bgcol=ffffff/linkcol=0687f5/tracklist=false/artwork=small/transparent=true/",
                kind.as_str(),
                id.0
            ),
        }
    }

    /// The service's own page, for "Listen on …".
    pub fn page_url(&self) -> String {
        match self {
            AudioSource::Spotify { kind, id } => format!("https://open.spotify.com/{}/{}", kind.as_str(), id.0),
            AudioSource::AppleMusic { kind, storefront, id } => {
                format!("https://music.apple.com/{}/{}/{}", storefront.0, apple_path(*kind), id.0)
            }
            AudioSource::SoundCloud { url, .. } => url.url.clone(),
            AudioSource::Bandcamp { page, .. } => page.url.clone(),
        }
    }

    /// The iframe's `allow` list: what the player needs and nothing more.
    /// Spotify and Apple Music play full tracks through encrypted media;
    /// SoundCloud starts at once (`auto_play`), the reader having just
    /// pressed play; Bandcamp's player needs nothing.
    pub fn allow(&self) -> &'static str {
        match self {
            AudioSource::Spotify { .. } | AudioSource::AppleMusic { .. } => "encrypted-media",
            AudioSource::SoundCloud { .. } => "autoplay",
            AudioSource::Bandcamp { .. } => "",
        }
    }
}

/// Apple Music calls tracks songs in its URLs.
fn apple_path(kind: AudioKind) -> &'static str {
    match kind {
        AudioKind::Track => "song",
        AudioKind::Album => "album",
        AudioKind::Playlist => "playlist",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields<'a>(
        provider: &'a str,
        kind: &'a str,
        audio_id: Option<&'a str>,
        storefront: Option<&'a str>,
        url: Option<&'a str>,
    ) -> AudioFields<'a> {
        AudioFields { provider, kind, audio_id, storefront, url }
    }

    /// Strings that must never reach a URL: markup, other hosts, paths that
    /// climb, query and fragment smuggling, look-alike digits and spaces.
    const HOSTILE: [&str; 14] = [
        "",
        " ",
        "<script>alert(1)</script>",
        "\"><img src=x>",
        "../../../etc/passwd",
        "javascript:alert(1)",
        "id?autoplay=1",
        "id#frag",
        "id&url=https://evil.example",
        "https://evil.example/",
        "١٢٣٤٥",
        "12 34",
        "12\n34",
        "%2e%2e%2f",
    ];

    #[test]
    fn spotify_ids_are_22_base62_characters() {
        for good in ["4iV5W9uYEdYUVa79Axb7Rh", "0000000000000000000000", "ZZZZZZZZZZZZZZZZZZZZZZ"] {
            assert!(SpotifyId::parse(good).is_some(), "{good}");
        }
        for bad in HOSTILE.iter().copied().chain([
            "4iV5W9uYEdYUVa79Axb7R",
            "4iV5W9uYEdYUVa79Axb7Rhx",
            "4iV5W9uYEdYUVa79Axb7R-",
            "4iV5W9uYEdYUVa79Axb7R_",
            "4iV5W9uYEdYUVa79Axb7R/",
            "spotify:track:4iV5W9uYEdYUVa79Axb7Rh",
        ]) {
            assert!(SpotifyId::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn apple_music_ids_follow_their_kind() {
        for (kind, good) in [
            (AudioKind::Album, "1562580573"),
            (AudioKind::Track, "1562580574"),
            (AudioKind::Track, "9"),
            (AudioKind::Playlist, "pl.f4d106fed2bd41149aaacabb233eb5eb"),
            (AudioKind::Playlist, "pl.u-8aAVZAAfRk6YWJ"),
        ] {
            assert!(AppleMusicId::parse(kind, good).is_some(), "{kind:?} {good}");
        }
        for (kind, bad) in [
            (AudioKind::Album, "pl.f4d106fed2bd41149aaacabb233eb5eb"),
            (AudioKind::Playlist, "1562580573"),
            (AudioKind::Album, "01562580573"),
            (AudioKind::Album, "1234567890123456"),
            (AudioKind::Playlist, "pl."),
            (AudioKind::Playlist, "pl.abc/../x"),
            (AudioKind::Playlist, "pl.abc?x=1"),
            (AudioKind::Playlist, "PL.abc"),
        ] {
            assert!(AppleMusicId::parse(kind, bad).is_none(), "{kind:?} {bad:?}");
        }
        for bad in HOSTILE {
            for kind in [AudioKind::Track, AudioKind::Album, AudioKind::Playlist] {
                assert!(AppleMusicId::parse(kind, bad).is_none(), "{kind:?} {bad:?}");
            }
        }
    }

    #[test]
    fn storefronts_are_two_letters() {
        assert_eq!(Storefront::parse("jp").unwrap().as_str(), "jp");
        assert_eq!(Storefront::parse("US").unwrap().as_str(), "us");
        for bad in HOSTILE.iter().copied().chain(["usa", "u", "u1", "../", "é"]) {
            assert!(Storefront::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn soundcloud_urls_are_track_or_set_pages() {
        let cases = [
            (
                "https://soundcloud.com/kestrel-lamps/harbour-lights",
                "https://soundcloud.com/kestrel-lamps/harbour-lights",
                false,
            ),
            (
                "http://www.soundcloud.com/kestrel-lamps/harbour-lights/",
                "https://soundcloud.com/kestrel-lamps/harbour-lights",
                false,
            ),
            (
                "https://m.soundcloud.com/kestrel-lamps/harbour-lights?in=x/sets/y#t=1:00",
                "https://soundcloud.com/kestrel-lamps/harbour-lights",
                false,
            ),
            (
                "https://SoundCloud.com/Kestrel_Lamps/sets/tidewater",
                "https://soundcloud.com/Kestrel_Lamps/sets/tidewater",
                true,
            ),
            (
                "https://soundcloud.com/kestrel-lamps/demo-1/s-AbC123xyz",
                "https://soundcloud.com/kestrel-lamps/demo-1/s-AbC123xyz",
                false,
            ),
            (
                "https://soundcloud.com/kestrel-lamps/sets/b-sides/s-AbC123",
                "https://soundcloud.com/kestrel-lamps/sets/b-sides/s-AbC123",
                true,
            ),
        ];
        for (raw, canonical, set) in cases {
            let url = SoundCloudUrl::parse(raw).unwrap_or_else(|| panic!("{raw}"));
            assert_eq!((url.as_str(), url.is_set()), (canonical, set), "{raw}");
        }
        for bad in HOSTILE.iter().copied().chain([
            "https://soundcloud.com/",
            "https://soundcloud.com/kestrel-lamps",
            "https://soundcloud.com/kestrel-lamps/sets",
            "https://soundcloud.com/kestrel-lamps/sets/",
            "https://soundcloud.com/kestrel-lamps/tracks",
            "https://soundcloud.com/kestrel-lamps/likes",
            "https://soundcloud.com/discover/sets/charts-top",
            "https://soundcloud.com/you/history",
            "https://soundcloud.com/charts/top",
            "https://soundcloud.com/kestrel-lamps/harbour-lights/extra",
            "https://soundcloud.com/kestrel-lamps/harbour-lights/s-",
            "https://soundcloud.com/kestrel lamps/harbour-lights",
            "https://soundcloud.com/kestrel-lamps/harbour%20lights",
            "https://soundcloud.com/kestrel-lamps/../harbour-lights",
            "https://soundcloud.com.evil.example/kestrel-lamps/harbour-lights",
            "https://evil.example/soundcloud.com/kestrel-lamps/harbour-lights",
            "https://user@soundcloud.com/kestrel-lamps/harbour-lights",
            "https://soundcloud.com:8443/kestrel-lamps/harbour-lights",
            "https://w.soundcloud.com/kestrel-lamps/harbour-lights",
            "ftp://soundcloud.com/kestrel-lamps/harbour-lights",
            "//soundcloud.com/kestrel-lamps/harbour-lights",
            "soundcloud.com/kestrel-lamps/harbour-lights",
            "https://soundcloud.com\\kestrel-lamps\\harbour-lights",
        ]) {
            assert!(SoundCloudUrl::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn bandcamp_ids_are_numbers_and_pages_are_artist_subdomains() {
        assert!(BandcampId::parse("2916489213").is_some());
        for bad in HOSTILE.iter().copied().chain(["0", "02916489213", "1234567890123", "album=2916489213"]) {
            assert!(BandcampId::parse(bad).is_none(), "{bad:?}");
        }
        let page = BandcampPage::parse("https://paper-moons.bandcamp.com/album/low-tide-live?from=x").unwrap();
        assert_eq!(
            (page.as_str(), page.kind()),
            ("https://paper-moons.bandcamp.com/album/low-tide-live", AudioKind::Album)
        );
        let page = BandcampPage::parse("http://PaperMoons.Bandcamp.com/track/night-ferry/").unwrap();
        assert_eq!(
            (page.as_str(), page.kind()),
            ("https://papermoons.bandcamp.com/track/night-ferry", AudioKind::Track)
        );
        for bad in HOSTILE.iter().copied().chain([
            "https://bandcamp.com/album/low-tide-live",
            "https://www.bandcamp.com/album/low-tide-live",
            "https://paper-moons.bandcamp.com/",
            "https://paper-moons.bandcamp.com/music",
            "https://paper-moons.bandcamp.com/album/",
            "https://paper-moons.bandcamp.com/album/a/b",
            "https://paper_moons.bandcamp.com/album/low-tide-live",
            "https://paper-moons.bandcamp.com.evil.example/album/low-tide-live",
            "https://evil.example/paper-moons.bandcamp.com/album/low-tide-live",
            "https://a.b.bandcamp.com/album/low-tide-live",
        ]) {
            assert!(BandcampPage::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn each_service_gets_its_official_player_and_page() {
        let cases = [
            (
                fields("spotify", "track", Some("4iV5W9uYEdYUVa79Axb7Rh"), None, None),
                "https://open.spotify.com/embed/track/4iV5W9uYEdYUVa79Axb7Rh",
                "https://open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh",
            ),
            (
                fields("spotify", "playlist", Some("37i9dQZF1DXcBWIGoYBM5M"), None, None),
                "https://open.spotify.com/embed/playlist/37i9dQZF1DXcBWIGoYBM5M",
                "https://open.spotify.com/playlist/37i9dQZF1DXcBWIGoYBM5M",
            ),
            (
                fields("apple_music", "album", Some("1562580573"), Some("JP"), None),
                "https://embed.music.apple.com/jp/album/1562580573",
                "https://music.apple.com/jp/album/1562580573",
            ),
            (
                fields("apple_music", "track", Some("1562580574"), Some("us"), None),
                "https://embed.music.apple.com/us/song/1562580574",
                "https://music.apple.com/us/song/1562580574",
            ),
            (
                fields("apple_music", "playlist", Some("pl.u-8aAVZAAfRk6YWJ"), Some("gb"), None),
                "https://embed.music.apple.com/gb/playlist/pl.u-8aAVZAAfRk6YWJ",
                "https://music.apple.com/gb/playlist/pl.u-8aAVZAAfRk6YWJ",
            ),
            (
                fields("soundcloud", "track", None, None, Some("https://soundcloud.com/kestrel-lamps/harbour-lights")),
                "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fkestrel-lamps%2Fharbour-lights&auto_play=true",
                "https://soundcloud.com/kestrel-lamps/harbour-lights",
            ),
            (
                fields("soundcloud", "playlist", None, None, Some("https://soundcloud.com/kestrel-lamps/sets/tidewater")),
                "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fkestrel-lamps%2Fsets%2Ftidewater&auto_play=true",
                "https://soundcloud.com/kestrel-lamps/sets/tidewater",
            ),
            (
                fields("bandcamp", "album", Some("2916489213"), None, Some("https://paper-moons.bandcamp.com/album/low-tide-live")),
                "https://bandcamp.com/EmbeddedPlayer/album=2916489213/size=large/bgcol=ffffff/linkcol=0687f5/tracklist=false/artwork=small/transparent=true/",
                "https://paper-moons.bandcamp.com/album/low-tide-live",
            ),
            (
                fields("Bandcamp", "Track", Some("77"), None, Some("https://paper-moons.bandcamp.com/track/night-ferry")),
                "https://bandcamp.com/EmbeddedPlayer/track=77/size=large/bgcol=ffffff/linkcol=0687f5/tracklist=false/artwork=small/transparent=true/",
                "https://paper-moons.bandcamp.com/track/night-ferry",
            ),
        ];
        for (input, embed, page) in cases {
            let source = AudioSource::parse(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
            assert_eq!(source.embed_url(), embed);
            assert_eq!(source.page_url(), page);
            assert!(embed.starts_with(source.provider().frame_origin()), "{embed}");
        }
    }

    #[test]
    fn bad_fields_are_named() {
        let cases = [
            (fields("tidal", "track", Some("1"), None, None), "provider"),
            (fields("spotify", "single", Some("4iV5W9uYEdYUVa79Axb7Rh"), None, None), "kind"),
            (fields("bandcamp", "playlist", Some("1"), None, Some("https://a.bandcamp.com/album/b")), "kind"),
            (fields("spotify", "track", None, None, None), "audio_id"),
            (fields("spotify", "track", Some("  "), None, None), "audio_id"),
            (fields("spotify", "track", Some("4iV5W9uYEdYUVa79Axb7Rh\"><x"), None, None), "audio_id"),
            (fields("apple_music", "album", Some("1562580573"), None, None), "storefront"),
            (fields("apple_music", "album", Some("1562580573"), Some("japan"), None), "storefront"),
            (fields("apple_music", "playlist", Some("1562580573"), Some("jp"), None), "audio_id"),
            (fields("soundcloud", "track", Some("123"), None, None), "url"),
            (fields("soundcloud", "track", None, None, Some("https://soundcloud.com/a/sets/b")), "url"),
            (fields("soundcloud", "album", None, None, Some("https://soundcloud.com/a/b")), "url"),
            (fields("soundcloud", "track", None, None, Some("https://evil.example/a/b")), "url"),
            (fields("bandcamp", "album", None, None, Some("https://a.bandcamp.com/album/b")), "audio_id"),
            (fields("bandcamp", "album", Some("12"), None, None), "url"),
            (fields("bandcamp", "album", Some("12"), None, Some("https://a.bandcamp.com/track/b")), "url"),
            (fields("bandcamp", "album", Some("12"), None, Some("https://evil.example/album/b")), "url"),
        ];
        for (input, field) in cases {
            let err = AudioSource::parse(input).expect_err(&format!("{input:?}"));
            assert_eq!(err.field(), field, "{input:?}: {err}");
            assert!(!err.to_string().is_empty());
        }
        for hostile in HOSTILE {
            for provider in ["spotify", "apple_music", "bandcamp"] {
                let input =
                    fields(provider, "album", Some(hostile), Some("us"), Some("https://a.bandcamp.com/album/b"));
                assert_eq!(AudioSource::parse(input).map_err(|e| e.field()), Err("audio_id"), "{provider} {hostile:?}");
            }
            let input = fields("soundcloud", "track", None, None, Some(hostile));
            assert_eq!(AudioSource::parse(input).map_err(|e| e.field()), Err("url"), "{hostile:?}");
        }
    }

    #[test]
    fn players_ask_for_the_least_they_need() {
        let spotify =
            AudioSource::parse(fields("spotify", "album", Some("4iV5W9uYEdYUVa79Axb7Rh"), None, None)).unwrap();
        assert_eq!(spotify.allow(), "encrypted-media");
        let soundcloud =
            AudioSource::parse(fields("soundcloud", "track", None, None, Some("https://soundcloud.com/a/b"))).unwrap();
        assert_eq!(soundcloud.allow(), "autoplay");
        let bandcamp =
            AudioSource::parse(fields("bandcamp", "track", Some("1"), None, Some("https://a.bandcamp.com/track/b")))
                .unwrap();
        assert_eq!(bandcamp.allow(), "");
    }

    #[test]
    fn search_links_carry_the_query_as_text() {
        assert_eq!(
            AudioProvider::Spotify.search_url("BTS Film Out"),
            "https://open.spotify.com/search/BTS%20Film%20Out"
        );
        assert_eq!(
            AudioProvider::AppleMusic.search_url("a&term=b"),
            "https://music.apple.com/search?term=a%26term%3Db"
        );
        assert_eq!(AudioProvider::SoundCloud.search_url("x/../y"), "https://soundcloud.com/search?q=x%2F..%2Fy");
        assert_eq!(AudioProvider::Bandcamp.search_url("é"), "https://bandcamp.com/search?q=%C3%A9");
    }
}
