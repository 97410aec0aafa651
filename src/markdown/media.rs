//! Service addresses that become blocks when they stand alone on a line:
//! a video page becomes a video block with the provider's id.

use crate::model::VideoId;

/// A recognised service address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Embed {
    /// A video: provider name as in the JSON (`youtube`) and its id.
    Video { provider: String, id: String },
}

/// The parts of an `http(s)` URL that matter here.
struct Url<'a> {
    host: String,
    path: &'a str,
    query: &'a str,
}

fn split_url(url: &str) -> Option<Url<'_>> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        url.get(8..)?
    } else if lower.starts_with("http://") {
        url.get(7..)?
    } else {
        return None;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest.get(..host_end)?.to_ascii_lowercase();
    let host = host.split(':').next().unwrap_or("").to_string();
    let tail = rest.get(host_end..).unwrap_or("");
    let tail = tail.split('#').next().unwrap_or("");
    let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
    Some(Url { host, path, query })
}

fn query_value<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query.split('&').find_map(|pair| pair.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
}

/// What a service address stands for: `None` when the host is no service we
/// know; `Some(Err(reason))` when it is one, but the address names nothing
/// the reader can play.
pub fn recognize_embed(url: &str) -> Option<Result<Embed, String>> {
    let parts = split_url(url)?;
    let host = parts.host.trim_start_matches("www.").trim_start_matches("m.").trim_start_matches("music.");
    let youtube = |id: &str| match VideoId::parse("youtube", id) {
        Some(_) => Ok(Embed::Video { provider: "youtube".into(), id: id.to_string() }),
        None => Err(format!("`{id}` is not a YouTube video id (11 letters, digits, - or _)")),
    };
    match host {
        "youtu.be" => {
            let id = parts.path.trim_start_matches('/').split('/').next().unwrap_or("");
            Some(if id.is_empty() { Err("this YouTube address names no video".into()) } else { youtube(id) })
        }
        "youtube.com" | "youtube-nocookie.com" => {
            let mut segments = parts.path.trim_start_matches('/').split('/');
            let first = segments.next().unwrap_or("");
            let id = match first {
                "watch" => query_value(parts.query, "v"),
                "embed" | "shorts" | "live" | "v" => segments.next(),
                _ => None,
            };
            Some(match id {
                Some(id) if !id.is_empty() => youtube(id),
                _ => Err("this YouTube address names no video: use the video's own address (…/watch?v=…)".into()),
            })
        }
        _ => None,
    }
}

/// The address a writer would paste for this embed, as the exporter writes it.
pub(crate) fn embed_url(embed: &Embed) -> String {
    match embed {
        Embed::Video { provider, id } if provider == "youtube" => format!("https://www.youtube.com/watch?v={id}"),
        Embed::Video { provider, id } => format!("{provider}:{id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn video(id: &str) -> Option<Result<Embed, String>> {
        Some(Ok(Embed::Video { provider: "youtube".into(), id: id.into() }))
    }

    #[test]
    fn every_common_youtube_address_gives_the_id() {
        for url in [
            "https://www.youtube.com/watch?v=zFT3f9biz68",
            "https://youtube.com/watch?feature=share&v=zFT3f9biz68&t=42",
            "http://m.youtube.com/watch?v=zFT3f9biz68",
            "https://music.youtube.com/watch?v=zFT3f9biz68",
            "https://youtu.be/zFT3f9biz68?si=abc",
            "https://www.youtube.com/embed/zFT3f9biz68",
            "https://www.youtube-nocookie.com/embed/zFT3f9biz68?autoplay=1",
            "https://www.youtube.com/shorts/zFT3f9biz68",
            "https://www.youtube.com/live/zFT3f9biz68",
            "HTTPS://WWW.YOUTUBE.COM/watch?v=zFT3f9biz68#t=1",
        ] {
            assert_eq!(recognize_embed(url), video("zFT3f9biz68"), "{url}");
        }
    }

    #[test]
    fn other_addresses_are_not_videos() {
        assert_eq!(recognize_embed("https://example.com/watch?v=zFT3f9biz68"), None);
        assert_eq!(recognize_embed("/article/film-out"), None);
        assert_eq!(recognize_embed("javascript:alert(1)"), None);
        assert!(matches!(recognize_embed("https://www.youtube.com/@bts"), Some(Err(_))));
        assert!(matches!(recognize_embed("https://youtu.be/short"), Some(Err(_))));
        assert!(matches!(recognize_embed("https://www.youtube.com/watch?v=<script>x"), Some(Err(_))));
    }

    #[test]
    fn the_exported_address_is_recognised_again() {
        let embed = Embed::Video { provider: "youtube".into(), id: "zFT3f9biz68".into() };
        assert_eq!(recognize_embed(&embed_url(&embed)), Some(Ok(embed)));
    }
}
