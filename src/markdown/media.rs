//! Service addresses that become blocks when they stand alone on a line: a
//! video (YouTube, Vimeo) or music (Spotify, Apple Music, SoundCloud,
//! Bandcamp), read by the model's [`parse_service_url`], so Markdown accepts
//! exactly the addresses the other importers do.

use crate::model::{not_a_player, parse_service_url, AudioSource, Block, NotAPlayer, ServiceUrl, VideoId};

/// A recognised service address.
pub type Embed = ServiceUrl;

/// Hosts of the services the reader plays.
const SERVICE_HOSTS: [&str; 8] = [
    "youtube.com",
    "youtu.be",
    "youtube-nocookie.com",
    "vimeo.com",
    "spotify.com",
    "apple.com",
    "soundcloud.com",
    "bandcamp.com",
];

fn host(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"))?;
    Some(rest.split(['/', '?', '#', ':']).next().unwrap_or("").to_string())
}

/// Music services with no player here, by host: a link to one alone on its
/// line looks like a player to its writer, yet is published as a link.
const OTHER_SERVICES: [(&str, &str); 9] = [
    ("tidal.com", "Tidal"),
    ("deezer.com", "Deezer"),
    ("music.amazon.com", "Amazon Music"),
    ("audiomack.com", "Audiomack"),
    ("mixcloud.com", "Mixcloud"),
    ("twitch.tv", "Twitch"),
    ("dailymotion.com", "Dailymotion"),
    ("dai.ly", "Dailymotion"),
    ("tiktok.com", "TikTok"),
];

/// The name of a music service the players do not cover, for its address.
pub(crate) fn service_without_player(url: &str) -> Option<&'static str> {
    let host = host(url)?;
    OTHER_SERVICES.iter().find(|(h, _)| host == *h || host.ends_with(&format!(".{h}"))).map(|(_, name)| *name)
}

/// What a service address stands for: `None` when the host is no service we
/// know; `Some(Err(reason))` when it is one, but the address names nothing
/// the reader can play.
pub fn recognize_embed(url: &str) -> Option<Result<Embed, String>> {
    if let Some(service) = parse_service_url(url) {
        return Some(Ok(service));
    }
    let host = host(url)?;
    let known = SERVICE_HOSTS.iter().any(|h| host == *h || host.ends_with(&format!(".{h}")));
    known.then(|| {
        let hint = address_hint(url).unwrap_or_default();
        Err(format!(
            "`{}` names no video or music the page can play. {hint}Use the address of the video, track, album \
             or playlist itself",
            url.trim()
        ))
    })
}

/// Whether an address is a service's short link (`spotify.link/…`).
pub(crate) fn is_short_link(url: &str) -> bool {
    matches!(not_a_player(url.trim()), Some(NotAPlayer::ShortLink { .. }))
}

/// Why an address written as a player (with `artist`, `poster`, … above
/// it) is not one: what the players read and, for the addresses writers
/// most often paste instead (short links, old iTunes links, podcasts,
/// unlisted Vimeo videos), what to write.
pub(crate) fn not_a_player_address(url: &str) -> String {
    let url = super::shown(url.trim());
    let url = url.as_str();
    let hint = address_hint(url).unwrap_or_default();
    format!(
        "`{url}` is not an address the players recognise. {hint}They play YouTube and Vimeo videos, and \
         Spotify, Apple Music, SoundCloud and Bandcamp tracks, albums and playlists, from the addresses listed \
         under Players in the README"
    )
}

/// What to paste instead of an address writers often mistake for a
/// player's (a short link, an old iTunes link, a podcast, an unlisted
/// Vimeo video, a playlist), when it is one of those.
pub(crate) fn address_hint(url: &str) -> Option<String> {
    let hint = match not_a_player(url.trim())? {
        NotAPlayer::ShortLink { full } => {
            format!("It is a short link: open it in a browser and paste the full address it leads to, such as {full}. ")
        }
        NotAPlayer::OldITunes => {
            "It is an old iTunes address: paste the music.apple.com address of the album, song or playlist. ".into()
        }
        NotAPlayer::Podcast => "Podcast episodes and shows have no player here. ".into(),
        NotAPlayer::UnlistedVimeo => "It is an unlisted Vimeo video (the part after the number is its private \
                                      hash), which the player does not support. "
            .into(),
        NotAPlayer::YouTubePlaylist => {
            "It is a YouTube playlist: the player plays one video, so paste one video's address, or link the \
             playlist with [words to click](address). "
                .into()
        }
        NotAPlayer::YouTubeLiveStream => {
            "It is a channel's live stream: paste the address of the stream's own video (youtube.com/watch?v=…). "
                .into()
        }
        NotAPlayer::SoundCloudByNumber => "It names the track by number: paste the track's page address \
                                           (soundcloud.com/artist/track). "
            .into(),
        NotAPlayer::MistypedId { service, rule } => {
            format!("Its {service} id looks cut short or mistyped ({rule}): copy the address again. ")
        }
        NotAPlayer::AppleMusicWithoutCountry => "It has no country: Apple Music addresses start with one, as in \
                                                 music.apple.com/us/album/… (copy it again from Share). "
            .into(),
    };
    Some(hint)
}

/// What a video address says that a video block cannot hold: a start
/// time (`t=`, `start=`, `#t=`) or a playlist (`list=`). The address still
/// plays its video, so each is a note for the writer, not a problem.
pub(crate) fn unused_video_parameters(url: &str) -> Vec<String> {
    let (rest, fragment) = url.trim().split_once('#').unwrap_or((url.trim(), ""));
    let query = rest.split_once('?').map_or("", |(_, q)| q);
    let mut notes = Vec::new();
    for pair in query.split('&').chain(fragment.split('&')) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let note = match key.to_ascii_lowercase().as_str() {
            "t" | "start" | "time_continue" => format!(
                "the video will start at the beginning: a video block has no start time, so `{pair}` in the \
                 address is not used (say the moment in the text, such as “from 0:42”)"
            ),
            "list" if !value.is_empty() => {
                format!("`{pair}` in the address is not used: the player plays this one video, not the playlist")
            }
            _ => continue,
        };
        notes.push(note);
    }
    notes
}

/// The address a writer would paste for a video or audio block, and the
/// attributes that give back what the address does not say; `None` when
/// the block's identifiers break its service's rules.
pub(crate) fn block_address(block: &Block) -> Option<(String, Vec<(&'static str, String)>)> {
    match block {
        Block::Video { provider, video_id, .. } => Some((VideoId::parse(provider, video_id)?.watch_url(), Vec::new())),
        Block::Audio { kind, audio_id, .. } => {
            let source = AudioSource::parse(block.audio_fields()?).ok()?;
            let page = source.page_url();
            let mut attrs = Vec::new();
            if let AudioSource::Bandcamp { .. } = source {
                attrs.push(("bandcamp_id", audio_id.clone().unwrap_or_default()));
            }
            // The address alone may read as another kind (a SoundCloud set
            // is a playlist unless told it is an album).
            let read_back = match parse_service_url(&page) {
                Some(ServiceUrl::Audio(back)) => Some(back.kind()),
                Some(ServiceUrl::BandcampPage(page)) => Some(page.kind()),
                _ => None,
            };
            if read_back != Some(source.kind()) {
                attrs.push(("kind", kind.clone()));
            }
            Some((page, attrs))
        }
        _ => None,
    }
}

/// What to say of raw HTML: for a player's embed code, pasted from a
/// service's Share dialog, the Markdown that makes the same player from
/// the address in it.
pub(crate) fn raw_html_problem(html: &str) -> String {
    const PLAIN: &str = "raw HTML is not shown (the page never renders HTML): write it in Markdown";
    let Some(src) = attribute_of(html, "iframe", "src") else { return PLAIN.to_string() };
    let link = attribute_of(html, "a", "href").filter(|href| recognize_embed(href).is_some());
    let advice = match recognize_embed(&src) {
        Some(Ok(ServiceUrl::Video(_))) => format!("write its address alone on a line: [Title]({src})"),
        Some(Ok(ServiceUrl::BandcampPlayer { id, .. })) => match link {
            Some(page) => format!(
                "write the page's address alone on a line, with the number from this code above it: \
                 {{artist=\"…\" bandcamp_id=\"{}\"}} then [Title]({page})",
                id.as_str()
            ),
            None => format!(
                "write the album's or track's page address alone on a line, with {{artist=\"…\" \
                 bandcamp_id=\"{}\"}} above it",
                id.as_str()
            ),
        },
        Some(Ok(_)) => {
            format!("write its address alone on a line, with the artist above it: {{artist=\"…\"}} then [Title]({src})")
        }
        Some(Err(_)) => not_a_player_address(&src),
        None => return PLAIN.to_string(),
    };
    format!("a player's embed code is not shown (the page never renders HTML): {advice}")
}

/// The value of `name` on the first `<tag …>` in `html`, entities decoded.
fn attribute_of(html: &str, tag: &str, name: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let start = lower.find(&format!("<{tag}"))?;
    let end = lower.get(start..)?.find('>').map_or(lower.len(), |e| start + e);
    let inside = html.get(start..end)?;
    let at = inside.to_ascii_lowercase().find(&format!(" {name}="))? + name.len() + 2;
    let rest = inside.get(at..)?;
    let value = match rest.chars().next()? {
        quote @ ('"' | '\'') => rest.get(1..)?.split(quote).next()?,
        _ => rest.split([' ', '>']).next()?,
    };
    Some(crate::model::decode_entities(value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_service_address_is_recognised() {
        for url in [
            "https://www.youtube.com/watch?v=zFT3f9biz68",
            "https://youtu.be/zFT3f9biz68?si=abc",
            "https://vimeo.com/76979871",
            "https://open.spotify.com/track/4FilmOutLinernotesDemo",
            "https://soundcloud.com/paper-moons-duo/overdue-live-at-the-library",
            "https://kestrel-and-the-lamps.bandcamp.com/album/lamplight",
        ] {
            assert!(matches!(recognize_embed(url), Some(Ok(_))), "{url}");
        }
    }

    #[test]
    fn addresses_the_players_do_not_read_say_what_to_paste() {
        for (url, says) in [
            ("https://spotify.link/AbCdEf", "short link: open it in a browser"),
            ("https://spoti.fi/3xYz", "https://open.spotify.com/track/"),
            ("https://on.soundcloud.com/AbCd", "https://soundcloud.com/artist/track"),
            ("https://itunes.apple.com/us/album/x/id123", "music.apple.com"),
            ("https://open.spotify.com/episode/4iV5W9uYEdYUVa79Axb7Rh", "Podcast episodes"),
            ("https://vimeo.com/76979871/abcdef1234", "unlisted Vimeo video"),
            ("https://www.youtube.com/playlist?list=PL0123456789", "paste one video's address"),
            ("https://www.youtube.com/embed/live_stream?channel=UC0123", "the stream's own video"),
            ("https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/293", "by number"),
            ("https://example.com/song", "not an address the players recognise. They play YouTube"),
        ] {
            let message = not_a_player_address(url);
            assert!(message.starts_with(&format!("`{url}` is not an address the players recognise")), "{message}");
            assert!(message.contains(says), "{url}: {message}");
        }
    }

    #[test]
    fn other_addresses_are_not_embeds() {
        assert_eq!(recognize_embed("https://example.com/watch?v=zFT3f9biz68"), None);
        assert_eq!(recognize_embed("/article/film-out"), None);
        assert_eq!(recognize_embed("javascript:alert(1)"), None);
        assert!(matches!(recognize_embed("https://www.youtube.com/@bts"), Some(Err(_))));
        assert!(matches!(recognize_embed("https://open.spotify.com/artist/x"), Some(Err(_))));
        assert!(matches!(recognize_embed("https://www.youtube.com/watch?v=<script>x"), Some(Err(_))));
    }
}
