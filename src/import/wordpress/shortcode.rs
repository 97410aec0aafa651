//! WordPress shortcodes, read tolerantly: in rendered content, shortcodes no
//! plugin handled come out texturized (`id=&#8221;fb1&#8243;`), so quotes
//! of any kind delimit values. Run on the HTML text before it is parsed.

/// A wpDiscuz inline-feedback passage: its form id and the question asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackForm {
    pub id: String,
    pub question: String,
}

/// The HTML with shortcodes turned into markup the mapper knows (or
/// removed), the feedback forms found (`<ln-feedback data-i="N">` marks
/// each passage), and a note for each shortcode left out.
pub struct Expanded {
    pub html: String,
    pub feedback: Vec<FeedbackForm>,
    pub notes: Vec<String>,
}

/// The element that marks an inline-feedback passage in expanded HTML.
pub const FEEDBACK_TAG: &str = "ln-feedback";

pub fn expand(html: &str) -> Expanded {
    let mut out = String::with_capacity(html.len());
    let mut feedback = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('[') {
        out.push_str(&rest[..at]);
        let from = &rest[at..];
        // `[[name]]` is WordPress's way to write a shortcode as text.
        if from.starts_with("[[") {
            if let Some(end) = from.find("]]") {
                out.push_str(&from[1..end + 1]);
                rest = &from[end + 2..];
                continue;
            }
        }
        let Some(tag) = Tag::parse(from) else {
            out.push('[');
            rest = &from[1..];
            continue;
        };
        let after = &from[tag.len..];
        let closing = format!("[/{}]", tag.name);
        let close_at = if tag.closing { None } else { find_ci(after, &closing) };
        match (tag.name.as_str(), tag.closing) {
            ("wpdiscuz-feedback", false) => {
                let attrs = attributes(&tag.attrs);
                let (inner, skip) = match close_at {
                    Some(c) => (&after[..c], c + closing.len()),
                    None => ("", 0),
                };
                let index = feedback.len();
                feedback.push(FeedbackForm { id: attr(&attrs, "id"), question: attr(&attrs, "question") });
                out.push_str(&format!("<{FEEDBACK_TAG} data-i=\"{index}\">{inner}</{FEEDBACK_TAG}>"));
                rest = &after[skip..];
            }
            ("caption" | "wp_caption", false) if close_at.is_some() => {
                let c = close_at.unwrap_or(0);
                let inner = &after[..c];
                let attrs = attributes(&tag.attrs);
                let split = image_end(inner);
                let (image, text) = inner.split_at(split);
                let text = match attr(&attrs, "caption") {
                    t if !t.is_empty() => t,
                    _ => text.trim().to_string(),
                };
                out.push_str(&format!(
                    "\n\n<figure class=\"wp-caption\">{image}<figcaption>{text}</figcaption></figure>\n\n"
                ));
                rest = &after[c + closing.len()..];
            }
            ("embed", false) if close_at.is_some() => {
                let c = close_at.unwrap_or(0);
                out.push_str(&format!("\n\n<p>{}</p>\n\n", after[..c].trim()));
                rest = &after[c + closing.len()..];
            }
            ("gallery", false) => {
                let attrs = attributes(&tag.attrs);
                // WordPress reads `include` as it reads `ids` (older posts and
                // plugins write it).
                let ids: Vec<u64> = ["ids", "include"]
                    .iter()
                    .map(|name| attr(&attrs, name))
                    .find(|list| !list.trim().is_empty())
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|s| s.trim().parse::<u64>().ok())
                    .collect();
                if ids.is_empty() {
                    // WordPress shows the images attached to the post; the
                    // export does not say which a reader saw.
                    let note = "gallery of the post's attached images left out (a [gallery] without ids)".to_string();
                    if !notes.contains(&note) {
                        notes.push(note);
                    }
                } else {
                    out.push_str("\n\n<figure class=\"wp-block-gallery\">");
                    for id in ids {
                        out.push_str(&format!("<img data-ln-attachment=\"{id}\" data-ln-library-caption alt=\"\">"));
                    }
                    out.push_str("</figure>\n\n");
                }
                rest = after;
            }
            ("youtube" | "vimeo" | "spotify" | "soundcloud" | "bandcamp", false) => {
                // Jetpack's player shortcodes: the address on a line of its
                // own, which becomes the player as WordPress's own embeds do.
                match player_address(&tag.name, &tag.attrs) {
                    Ok(url) => {
                        let url = url.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
                        out.push_str(&format!("\n\n<p>{url}</p>\n\n"));
                    }
                    Err(note) => {
                        if !notes.contains(&note) {
                            notes.push(note);
                        }
                    }
                }
                rest = match close_at {
                    Some(c) => &after[c + closing.len()..],
                    None => after,
                };
            }
            _ if tag.looks_like_shortcode(close_at.is_some()) => {
                // Between an opening and a closing tag there is text, which
                // stays; a tag on its own leaves nothing.
                let inner = close_at.map(|c| &after[..c]).unwrap_or_default();
                let kept = if inner.trim().is_empty() { "" } else { " (its text kept)" };
                let note = format!("shortcode [{}] left out{kept}", tag.name);
                // A closing tag's opening one has said it.
                if !tag.closing && !notes.contains(&note) {
                    notes.push(note);
                }
                rest = after;
            }
            _ => {
                out.push('[');
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    Expanded { html: out, feedback, notes }
}

struct Tag {
    name: String,
    attrs: String,
    closing: bool,
    len: usize,
}

impl Tag {
    fn parse(from: &str) -> Option<Tag> {
        let body = from.get(1..)?;
        let (closing, body) = match body.strip_prefix('/') {
            Some(b) => (true, b),
            None => (false, body),
        };
        let name_len = body.bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_').count();
        if name_len == 0 {
            return None;
        }
        let name = body[..name_len].to_ascii_lowercase();
        let tail = &body[name_len..];
        // `[youtube=https://…]` is Jetpack's other way to write its players.
        if !(tail.starts_with(']')
            || tail.starts_with(' ')
            || tail.starts_with('/')
            || tail.starts_with('\u{a0}')
            || tail.starts_with('='))
        {
            return None;
        }
        let end = tail.find(']')?;
        let attrs = &tail[..end];
        if attrs.len() > 4000 || attrs.contains('[') || attrs.contains('\n') {
            return None;
        }
        Some(Tag {
            name,
            attrs: attrs.trim_end_matches('/').to_string(),
            closing,
            len: 1 + usize::from(closing) + name_len + end + 1,
        })
    }

    /// `[sic]` and `[Verse 1]` are text; a tag with attributes, a closing
    /// tag, or a name no sentence uses is a shortcode.
    fn looks_like_shortcode(&self, has_close: bool) -> bool {
        self.attrs.contains('=') || self.closing || has_close || self.name.contains(['-', '_'])
    }
}

/// The address a Jetpack player shortcode plays (`[youtube URL]`,
/// `[youtube=URL]`, `[vimeo 123]`, `[spotify id="spotify:track:…"]`,
/// `[soundcloud url="…"]`), or the report line when it names none the
/// reader can use (Bandcamp's gives numbers only, not the page's address).
fn player_address(name: &str, raw: &str) -> Result<String, String> {
    let attrs = attributes(raw.trim_start_matches([' ', '=']));
    let first = decode_entities(raw.trim_start_matches([' ', '=']).split_whitespace().next().unwrap_or(""));
    let named = |key: &str| Some(attr(&attrs, key)).filter(|v| !v.is_empty());
    let address = match name {
        "youtube" if first.starts_with("http") => Some(first.clone()),
        "youtube" if first.len() == 11 => Some(format!("https://www.youtube.com/watch?v={first}")),
        "vimeo" => {
            let id = named("id").unwrap_or_else(|| first.clone());
            if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
                Some(format!("https://vimeo.com/{id}"))
            } else {
                Some(id).filter(|a| a.starts_with("http"))
            }
        }
        "spotify" => {
            let id = named("id").unwrap_or_else(|| first.clone());
            match id.split(':').collect::<Vec<_>>().as_slice() {
                ["spotify", kind, id] => Some(format!("https://open.spotify.com/{kind}/{id}")),
                _ => Some(id).filter(|a| a.starts_with("http")),
            }
        }
        "soundcloud" => named("url").or_else(|| Some(first.clone())).filter(|a| a.starts_with("http")),
        _ => None,
    };
    address.ok_or_else(|| match name {
        "bandcamp" => "Bandcamp player shortcode left out: it names the album or track by number only, not its page \
                       address; add the player to the article with the page address and that number"
            .to_string(),
        _ => format!("[{name}] player shortcode left out: it names no address the reader can play"),
    })
}

fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_ascii_lowercase().find(&needle.to_ascii_lowercase())
}

/// Where the image (or the link around it) ends in a `[caption]`'s content.
fn image_end(inner: &str) -> usize {
    let lower = inner.to_ascii_lowercase();
    let trimmed = lower.trim_start();
    if trimmed.starts_with("<a") {
        return lower.find("</a>").map(|i| i + 4).unwrap_or(0);
    }
    match lower.find("<img") {
        Some(i) => lower[i..].find('>').map(|j| i + j + 1).unwrap_or(0),
        None => 0,
    }
}

fn attr(attrs: &[(String, String)], name: &str) -> String {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

const QUOTES: [char; 8] = ['"', '\'', '“', '”', '″', '′', '‘', '’'];

/// `key="value"` pairs, with any kind of quote (straight, curly, primes).
pub fn attributes(raw: &str) -> Vec<(String, String)> {
    let text = decode_entities(raw);
    let mut out = Vec::new();
    let mut rest = text.as_str();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace());
        let key_len = rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).unwrap_or(rest.len());
        if key_len == 0 {
            break;
        }
        let key = rest[..key_len].to_ascii_lowercase();
        rest = rest[key_len..].trim_start();
        let Some(after_eq) = rest.strip_prefix('=') else {
            out.push((key, String::new()));
            continue;
        };
        rest = after_eq.trim_start();
        let value;
        match rest.chars().next() {
            Some(q) if QUOTES.contains(&q) => {
                let body = &rest[q.len_utf8()..];
                let end = body.find(|c: char| QUOTES.contains(&c)).unwrap_or(body.len());
                value = body[..end].to_string();
                let skip = body[end..].chars().next().map(|c| c.len_utf8()).unwrap_or(0);
                rest = &body[end + skip..];
            }
            _ => {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                value = rest[..end].to_string();
                rest = &rest[end..];
            }
        }
        out.push((key, value));
    }
    out
}

/// Decodes the character references WordPress writes (`&#8221;`, `&#x201d;`,
/// `&quot;`, `&amp;`, …), as the reader decodes them in comments. Unknown
/// ones stay as written.
pub use crate::model::decode_entities;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_shortcodes_are_read_straight_or_texturized() {
        let raw =
            expand(r#"<p>[wpdiscuz-feedback id="fb1" question="Why?" opened="0"]the passage[/wpdiscuz-feedback]</p>"#);
        let rendered = expand("<p>[wpdiscuz-feedback id=&#8221;fb1&#8243; question=&#8221;Why?&#8221; opened=&#8221;0&#8243;]the passage[/wpdiscuz-feedback]</p>");
        for e in [&raw, &rendered] {
            assert_eq!(e.feedback, vec![FeedbackForm { id: "fb1".into(), question: "Why?".into() }]);
            assert_eq!(e.html, "<p><ln-feedback data-i=\"0\">the passage</ln-feedback></p>");
        }
    }

    #[test]
    fn a_gallery_lists_its_images_or_says_it_was_left_out() {
        let e = expand(r#"[gallery ids="101, 102" columns="2"]"#);
        assert_eq!(e.html.matches("data-ln-library-caption").count(), 2, "{}", e.html);
        let e = expand(r#"[gallery include="6,8" link="file"]"#);
        assert_eq!(e.html.matches("data-ln-library-caption").count(), 2, "{}", e.html);
        assert!(e.html.contains(r#"data-ln-attachment="6""#) && e.html.contains(r#"data-ln-attachment="8""#));
        assert!(e.notes.is_empty(), "{:?}", e.notes);
        let e = expand(r#"[gallery columns="3" link="file"]"#);
        assert!(!e.html.contains("<img"), "{}", e.html);
        assert!(e.notes.iter().any(|n| n.contains("[gallery] without ids")), "{:?}", e.notes);
    }

    #[test]
    fn captions_become_figures_and_unknown_shortcodes_go_with_a_note() {
        let e =
            expand(r#"[caption id="attachment_7" width="300"]<img src="a.png" alt="A"> Tapes. Photo: Aki[/caption]"#);
        assert!(e.html.contains(r#"<figure class="wp-caption"><img src="a.png" alt="A"><figcaption>Tapes. Photo: Aki</figcaption></figure>"#), "{}", e.html);
        let e = expand("a [gallery-slider speed=\"3\"] b [sic] c [note]kept[/note] [[escaped]]");
        assert_eq!(e.html, "a  b [sic] c kept [escaped]");
        assert_eq!(e.notes, ["shortcode [gallery-slider] left out", "shortcode [note] left out (its text kept)"]);
        // A pair with nothing between them kept nothing.
        let e = expand(r#"Listen: [audio mp3="https://mag.example/demo.mp3"][/audio]"#);
        assert_eq!(e.notes, ["shortcode [audio] left out"]);
    }

    #[test]
    fn jetpack_player_shortcodes_become_their_address_on_a_line_of_its_own() {
        let cases = [
            (
                "[youtube https://www.youtube.com/watch?v=oHg5SJYRHA0&amp;t=4]",
                "https://www.youtube.com/watch?v=oHg5SJYRHA0&amp;t=4",
            ),
            ("[youtube=https://youtu.be/oHg5SJYRHA0]", "https://youtu.be/oHg5SJYRHA0"),
            ("[vimeo 76979871]", "https://vimeo.com/76979871"),
            (
                "[spotify id=\"spotify:track:4iV5W9uYEdYUVa79Axb7Rh\" width=\"300\"/]",
                "https://open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh",
            ),
            (
                "[soundcloud url=\"https://api.soundcloud.com/tracks/293\" params=\"\"/]",
                "https://api.soundcloud.com/tracks/293",
            ),
        ];
        for (shortcode, address) in cases {
            let e = expand(&format!("Before.\n{shortcode}\nAfter."));
            assert_eq!(e.html, format!("Before.\n\n\n<p>{address}</p>\n\n\nAfter."), "{shortcode}");
            assert!(e.notes.is_empty(), "{shortcode}: {:?}", e.notes);
        }
        let e = expand("[bandcamp width=350 height=470 album=2788289736 size=large]");
        assert_eq!(e.html, "");
        assert!(e.notes[0].starts_with("Bandcamp player shortcode left out"), "{:?}", e.notes);
        // A tag on its own has no text to keep, and says so.
        assert_eq!(expand("[audio mp3=\"a.mp3\"]").notes, ["shortcode [audio] left out"]);
    }

    #[test]
    fn broken_brackets_are_text() {
        for text in ["[", "[/", "a ] b [", "[[x", "[wpdiscuz-feedback id=\"x\"", "[caption]no end"] {
            let e = expand(text);
            assert!(
                e.html.contains('[') || e.html.is_empty() || e.html.contains("ln-feedback"),
                "{text:?} → {}",
                e.html
            );
        }
        assert_eq!(decode_entities("&#8220;a&#8221; &amp; &bogus; &#xZZ;"), "“a” & &bogus; &#xZZ;");
    }
}
