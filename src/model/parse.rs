//! Tolerant parsing for the reader: a broken block or optional field costs
//! that part only; a broken required field is an error naming the field.
//!
//! One decoding path: the document is read once into borrowed raw slices
//! (`RawValue`, no `serde_json::Value` tree), and each field is then decoded
//! from its own slice into its type, so a bad field is caught alone. No
//! internally tagged, untagged or flattened derives are involved: those make
//! serde buffer every value before decoding it, which costs time and, in the
//! shipped `.wasm`, bytes.

use std::fmt;

use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::json_reason;
use super::{
    image_src_allowed, is_valid_block_id, Article, Block, Card, CommentSettings, Feedback, Image, Index, Inline,
    LoadError, SafeHref, Site, SCHEMA_VERSION,
};

/// A parsed value and what had to be left out of it on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    pub value: T,
    pub skipped: Vec<SkippedBlock>,
}

/// Something the parser dropped instead of failing: logged once each as a
/// console warning, caught as a problem by the strict validator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkippedBlock {
    UnknownType { index: usize, kind: String },
    Malformed { index: usize, kind: String, reason: String },
    Field { field: String, reason: String },
}

impl fmt::Display for SkippedBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkippedBlock::UnknownType { index, kind } => {
                write!(f, "body[{index}]: unknown block type `{kind}` skipped")
            }
            SkippedBlock::Malformed { index, kind, reason } => {
                write!(f, "body[{index}]: `{kind}` block skipped: {reason}")
            }
            SkippedBlock::Field { field, reason } => write!(f, "`{field}` left out: {reason}"),
        }
    }
}

/// The largest content file the reader accepts. A real article is a few
/// kilobytes to a few hundred; a file past this is refused before it is
/// parsed, so a broken or hostile file cannot freeze the reader's tab.
pub const MAX_CONTENT_BYTES: usize = 2 * 1024 * 1024;

type Raw<'a> = Option<&'a RawValue>;

/// Reads a whole document into `T` (a struct of raw fields), with errors
/// that say whether the data is cut short, not JSON, or not an object.
fn document<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, LoadError> {
    if text.len() > MAX_CONTENT_BYTES {
        return Err(LoadError::TooLarge { bytes: text.len(), limit: MAX_CONTENT_BYTES });
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    // Hosts and proxies answer a missing file with their HTML error page.
    if trimmed.starts_with('<') {
        return Err(LoadError::NotJson);
    }
    // Valid JSON that is not an object (serde would read a list into a
    // struct, field by field).
    if let Some(kind) = json_kind(trimmed) {
        return match serde_json::from_str::<serde::de::IgnoredAny>(trimmed) {
            Ok(_) => Err(LoadError::WrongShape(format!("it holds {kind}, not an object"))),
            Err(err) => Err(LoadError::from_json(&err)),
        };
    }
    // Every field is read as raw JSON, so a type error here is about the
    // document itself: a field given twice.
    serde_json::from_str(trimmed).map_err(|err| LoadError::from_json(&err))
}

/// What a JSON document that is not an object holds, in words.
fn json_kind(text: &str) -> Option<&'static str> {
    match text.bytes().next()? {
        b'{' => None,
        b'[' => Some("a list"),
        b'"' => Some("a string"),
        b'n' => Some("null"),
        b't' | b'f' => Some("true or false"),
        _ => Some("a number"),
    }
}

/// A field that must be there.
fn required<'a, T: Deserialize<'a>>(raw: Raw<'a>, field: &str) -> Result<T, LoadError> {
    let raw = raw.ok_or_else(|| LoadError::MissingField(field.into()))?;
    serde_json::from_str(raw.get())
        .map_err(|err| LoadError::InvalidField { field: field.into(), reason: json_reason(&err) })
}

/// A field that may be missing; if it cannot be read it is left out and
/// reported.
fn optional<'a, T: Deserialize<'a> + Default>(raw: Raw<'a>, field: &str, skipped: &mut Vec<SkippedBlock>) -> T {
    match raw.map(|raw| serde_json::from_str(raw.get())) {
        None => T::default(),
        Some(Ok(value)) => value,
        Some(Err(err)) => {
            skipped.push(SkippedBlock::Field { field: field.into(), reason: json_reason(&err) });
            T::default()
        }
    }
}

/// The tags with something to read: an empty one would be an empty pill.
/// Each left out is reported, as every other field the reader skips.
fn with_text_only(tags: Vec<String>, skipped: &mut Vec<SkippedBlock>) -> Vec<String> {
    let mut kept = Vec::with_capacity(tags.len());
    for (i, tag) in tags.into_iter().enumerate() {
        if has_text(&tag) {
            kept.push(tag);
        } else {
            skipped.push(SkippedBlock::Field { field: format!("tags[{i}]"), reason: "it is empty".into() });
        }
    }
    kept
}

fn non_empty(field: &str, value: String) -> Result<String, LoadError> {
    if value.trim().is_empty() {
        Err(LoadError::InvalidField { field: field.into(), reason: "it is empty".into() })
    } else {
        Ok(value)
    }
}

/// An image the page can show: a size to reserve, and an address that
/// follows the image rule.
fn check_image(image: &Image) -> Result<(), String> {
    if image.width == 0 || image.height == 0 {
        Err("an image needs its width and height".into())
    } else if !image_src_allowed(&image.src) {
        Err(format!("`{}` is not an image address of this site, https: or data:image/", image.src))
    } else {
        Ok(())
    }
}

#[derive(Deserialize)]
struct RawArticle<'a> {
    #[serde(borrow, default)]
    schema: Raw<'a>,
    #[serde(borrow, default)]
    slug: Raw<'a>,
    #[serde(borrow, default)]
    title: Raw<'a>,
    #[serde(borrow, default)]
    dek: Raw<'a>,
    #[serde(borrow, default)]
    category: Raw<'a>,
    #[serde(borrow, default)]
    tags: Raw<'a>,
    #[serde(borrow, default)]
    authors: Raw<'a>,
    #[serde(borrow, default)]
    published: Raw<'a>,
    #[serde(borrow, default)]
    updated: Raw<'a>,
    #[serde(borrow, default)]
    hero: Raw<'a>,
    #[serde(borrow, default)]
    body: Raw<'a>,
    #[serde(borrow, default)]
    feedback: Raw<'a>,
    #[serde(borrow, default)]
    related: Raw<'a>,
    #[serde(borrow, default)]
    comments: Raw<'a>,
    #[serde(borrow, default)]
    language: Raw<'a>,
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(borrow, default)]
    unlisted: Raw<'a>,
}

/// Reads one article. Unknown block types and malformed blocks are skipped
/// and reported in [`Parsed::skipped`]; unknown fields are ignored.
pub fn parse_article(text: &str) -> Result<Parsed<Article>, LoadError> {
    let raw: RawArticle = document(text)?;
    let mut skipped = Vec::new();

    let schema: u64 = required(raw.schema, "schema")?;
    if schema != SCHEMA_VERSION {
        return Err(LoadError::UnsupportedSchema(schema));
    }
    let slug = non_empty("slug", required(raw.slug, "slug")?)?;
    let title = non_empty("title", required(raw.title, "title")?)?;
    let published = required(raw.published, "published")?;
    let raw_body: Vec<&RawValue> = required(raw.body, "body")?;

    let mut body = Vec::with_capacity(raw_body.len());
    let mut places = Vec::with_capacity(raw_body.len());
    for (index, raw) in raw_body.into_iter().enumerate() {
        match parse_block(raw.get(), index, &mut skipped) {
            Ok(block) => {
                body.push(block);
                places.push(index);
            }
            Err(skip) => skipped.push(skip),
        }
    }
    settle_block_ids(&mut body, &places, &mut skipped);

    let mut hero: Option<Image> = optional(raw.hero, "hero", &mut skipped);
    if let Some(Err(reason)) = hero.as_ref().map(check_image) {
        skipped.push(SkippedBlock::Field { field: "hero".into(), reason });
        hero = None;
    }

    // `"comments": false` is how a publisher closes them (front matter
    // spells it so too): a bare bool stands for `{ "open": … }`.
    let comments: Option<CommentSettings> = match raw.comments.map(|r| r.get().trim()) {
        Some("false") => Some(CommentSettings { open: false }),
        Some("true") => Some(CommentSettings { open: true }),
        _ => optional(raw.comments, "comments", &mut skipped),
    };
    let feedback = on_blocks(optional(raw.feedback, "feedback", &mut skipped), &body, &mut skipped);
    let language: Option<String> = optional(raw.language, "language", &mut skipped);
    let language = language.and_then(|tag| match super::language_tag(&tag) {
        Some(tag) => Some(tag.to_string()),
        None => {
            skipped.push(SkippedBlock::Field { field: "language".into(), reason: super::not_a_language_tag(&tag) });
            None
        }
    });
    let article = Article {
        schema,
        slug,
        title,
        dek: optional(raw.dek, "dek", &mut skipped),
        category: optional(raw.category, "category", &mut skipped),
        tags: with_text_only(optional(raw.tags, "tags", &mut skipped), &mut skipped),
        authors: optional(raw.authors, "authors", &mut skipped),
        published,
        updated: optional(raw.updated, "updated", &mut skipped),
        hero,
        body,
        feedback,
        related: optional(raw.related, "related", &mut skipped),
        comments: comments.unwrap_or_default(),
        language,
        #[cfg(not(target_arch = "wasm32"))]
        unlisted: optional(raw.unlisted, "unlisted", &mut skipped),
    };
    Ok(Parsed { value: article, skipped })
}

/// Gives each block an id the page can use: a block whose id is not one
/// (`""`, `x y`, the page's own `main`) or repeats an earlier one is shown
/// with `b{n}` (its place in the file's `body`, from 1), so links,
/// feedback and the page's own parts each find one element.
fn settle_block_ids(body: &mut [Block], places: &[usize], skipped: &mut Vec<SkippedBlock>) {
    let mut seen = std::collections::HashSet::new();
    let taken: std::collections::HashSet<String> = body.iter().map(|b| b.id().to_string()).collect();
    for (block, &index) in body.iter_mut().zip(places) {
        let id = block.id();
        if is_valid_block_id(id) && seen.insert(id.to_string()) {
            continue;
        }
        let why = if is_valid_block_id(id) { "it is used twice" } else { "it cannot be a block's id on the page" };
        let mut new = format!("b{}", index + 1);
        while taken.contains(&new) || seen.contains(&new) {
            new.push('x');
        }
        skipped.push(SkippedBlock::Field {
            field: format!("body[{index}].id"),
            reason: format!("`{id}`: {why}; shown as `{new}`"),
        });
        seen.insert(new.clone());
        block.set_id(new);
    }
}

/// Feedback asked on blocks the article has (a question on a missing one
/// would have no place, yet ask the comment server for its thread).
fn on_blocks(mut feedback: Vec<Feedback>, body: &[Block], skipped: &mut Vec<SkippedBlock>) -> Vec<Feedback> {
    feedback.retain(|f| {
        let found = body.iter().any(|b| b.id() == f.block);
        if !found {
            skipped.push(SkippedBlock::Field {
                field: "feedback".into(),
                reason: format!("block `{}` is not in the article", f.block),
            });
        }
        found
    });
    feedback
}

/// Running text, one part at a time: a part that is not text (`null`, a
/// number) costs that part, not the paragraph.
fn inline_content(
    raw: Raw<'_>,
    name: &str,
    index: usize,
    skipped: &mut Vec<SkippedBlock>,
) -> Result<Vec<Inline>, String> {
    let parts: Vec<&RawValue> = field(raw, name)?;
    let mut content = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        match serde_json::from_str::<Inline>(part.get()) {
            Ok(inline) => content.push(inline),
            Err(err) => skipped
                .push(SkippedBlock::Field { field: format!("body[{index}].{name}[{i}]"), reason: json_reason(&err) }),
        }
    }
    Ok(content)
}

/// Every field any block type has, raw: each block type then reads only its
/// own, so a field it does not use can hold anything.
#[derive(Deserialize)]
struct RawBlock<'a> {
    #[serde(rename = "type", borrow, default)]
    block_type: Raw<'a>,
    #[serde(borrow, default)]
    id: Raw<'a>,
    #[serde(borrow, default)]
    content: Raw<'a>,
    #[serde(borrow, default)]
    level: Raw<'a>,
    #[serde(borrow, default)]
    text: Raw<'a>,
    #[serde(borrow, default)]
    cite: Raw<'a>,
    #[serde(borrow, default)]
    lines: Raw<'a>,
    #[serde(borrow, default)]
    provider: Raw<'a>,
    #[serde(borrow, default)]
    video_id: Raw<'a>,
    #[serde(borrow, default)]
    title: Raw<'a>,
    #[serde(borrow, default)]
    poster: Raw<'a>,
    #[serde(borrow, default)]
    src: Raw<'a>,
    #[serde(borrow, default)]
    alt: Raw<'a>,
    #[serde(borrow, default)]
    width: Raw<'a>,
    #[serde(borrow, default)]
    height: Raw<'a>,
    #[serde(borrow, default)]
    caption: Raw<'a>,
    #[serde(borrow, default)]
    credit: Raw<'a>,
    #[serde(borrow, default)]
    link: Raw<'a>,
    #[serde(borrow, default)]
    ordered: Raw<'a>,
    #[serde(borrow, default)]
    start: Raw<'a>,
    #[serde(borrow, default)]
    reversed: Raw<'a>,
    #[serde(borrow, default)]
    items: Raw<'a>,
    #[serde(borrow, default)]
    kind: Raw<'a>,
    #[serde(borrow, default)]
    audio_id: Raw<'a>,
    #[serde(borrow, default)]
    storefront: Raw<'a>,
    #[serde(borrow, default)]
    url: Raw<'a>,
    #[serde(borrow, default)]
    artist: Raw<'a>,
    #[serde(borrow, default)]
    artwork: Raw<'a>,
}

/// A field of a block: missing or unreadable, it says which and why.
fn field<'a, T: Deserialize<'a>>(raw: Raw<'a>, name: &str) -> Result<T, String> {
    match raw {
        None => Err(format!("missing field `{name}`")),
        Some(raw) => serde_json::from_str(raw.get()).map_err(|err| format!("`{name}`: {}", json_reason(&err))),
    }
}

/// A field of a block that may be left out (`null` counts as left out).
fn maybe<'a, T: Deserialize<'a>>(raw: Raw<'a>, name: &str) -> Result<Option<T>, String> {
    raw.map(|raw| field(Some(raw), name)).transpose()
}

/// What a video without a title is called on its play button.
const UNTITLED_VIDEO: &str = "Untitled video";

/// Whether a reader would see any of `text`: not only spaces, nor only
/// invisible characters (zero-width spaces and joiners, soft hyphens).
fn has_text(text: &str) -> bool {
    text.chars()
        .any(|c| !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'))
}

/// Text blocks with nothing to read are left out, as empty boxes.
fn with_text(content: Vec<Inline>) -> Result<Vec<Inline>, String> {
    if content.iter().any(|i| has_text(&i.text)) {
        Ok(content)
    } else {
        Err("it has no text".into())
    }
}

fn parse_block(text: &str, index: usize, skipped: &mut Vec<SkippedBlock>) -> Result<Block, SkippedBlock> {
    let raw: RawBlock = match serde_json::from_str(text) {
        Ok(raw) => raw,
        // Not an object (or a field given twice): nothing to tell its type by.
        Err(err) => {
            let kind = String::new();
            return Err(match text.trim_start().starts_with('{') {
                true => SkippedBlock::Malformed { index, kind, reason: json_reason(&err) },
                false => SkippedBlock::UnknownType { index, kind },
            });
        }
    };
    let kind: String = raw.block_type.and_then(|t| serde_json::from_str(t.get()).ok()).unwrap_or_default();
    if !Block::KNOWN_TYPES.contains(&kind.as_str()) {
        return Err(SkippedBlock::UnknownType { index, kind });
    }
    let block = (|| -> Result<Block, String> {
        let id: String = field(raw.id, "id")?;
        Ok(match kind.as_str() {
            "paragraph" => {
                Block::Paragraph { id, content: with_text(inline_content(raw.content, "content", index, skipped)?)? }
            }
            "heading" => {
                let level = maybe(raw.level, "level")?.unwrap_or(2);
                if !(2..=6).contains(&level) {
                    return Err(format!("heading level {level} is not between 2 and 6"));
                }
                let text: String = field(raw.text, "text")?;
                if !has_text(&text) {
                    return Err("it has no text".into());
                }
                Block::Heading { id, level, text }
            }
            "quote" => {
                let content = with_text(inline_content(raw.content, "content", index, skipped)?)?;
                Block::Quote { id, content, cite: maybe(raw.cite, "cite")? }
            }
            "lyrics" => {
                let lines: Vec<String> = field(raw.lines, "lines")?;
                if !lines.iter().any(|l| has_text(l)) {
                    return Err("it has no lines".into());
                }
                Block::Lyrics { id, lines, cite: maybe(raw.cite, "cite")? }
            }
            "video" => {
                let mut poster: Option<String> = maybe(raw.poster, "poster")?;
                if let Some(bad) = poster.take_if(|p| !image_src_allowed(p)) {
                    skipped.push(SkippedBlock::Field {
                        field: format!("body[{index}].poster"),
                        reason: format!("`{bad}` is not an image address of this site, https: or data:image/"),
                    });
                }
                let mut title: String = field(raw.title, "title")?;
                if !has_text(&title) {
                    // Its play button and frame are named by it.
                    skipped.push(SkippedBlock::Field {
                        field: format!("body[{index}].title"),
                        reason: format!("it is empty; shown as “{UNTITLED_VIDEO}”"),
                    });
                    title = UNTITLED_VIDEO.to_string();
                }
                Block::Video {
                    id,
                    provider: field(raw.provider, "provider")?,
                    video_id: field(raw.video_id, "video_id")?,
                    title,
                    poster,
                }
            }
            "image" => {
                let image = Image {
                    src: field(raw.src, "src")?,
                    alt: field(raw.alt, "alt")?,
                    width: field(raw.width, "width")?,
                    height: field(raw.height, "height")?,
                    caption: maybe(raw.caption, "caption")?,
                    credit: maybe(raw.credit, "credit")?,
                };
                check_image(&image)?;
                // A link that cannot be followed costs the link only: the
                // picture still shows.
                let mut link: Option<String> = maybe(raw.link, "link").unwrap_or_else(|reason| {
                    skipped.push(SkippedBlock::Field { field: format!("body[{index}].link"), reason });
                    None
                });
                if let Some(bad) = link.take_if(|l| SafeHref::parse(l).is_none()) {
                    skipped.push(SkippedBlock::Field {
                        field: format!("body[{index}].link"),
                        reason: format!(
                            "`{bad}` is not a link this page follows (a path of this site, http:, https: or mailto:)"
                        ),
                    });
                }
                Block::Image { id, image, link }
            }
            "audio" => {
                // Artwork that cannot be shown costs the artwork only: the
                // facade draws its placeholder instead.
                let mut artwork: Option<Image> = maybe(raw.artwork, "artwork").unwrap_or_else(|reason| {
                    skipped.push(SkippedBlock::Field { field: format!("body[{index}].artwork"), reason });
                    None
                });
                if let Some(Err(reason)) = artwork.as_ref().map(check_image) {
                    skipped.push(SkippedBlock::Field { field: format!("body[{index}].artwork"), reason });
                    artwork = None;
                }
                Block::Audio {
                    id,
                    provider: field(raw.provider, "provider")?,
                    kind: field(raw.kind, "kind")?,
                    audio_id: maybe(raw.audio_id, "audio_id")?,
                    storefront: maybe(raw.storefront, "storefront")?,
                    url: maybe(raw.url, "url")?,
                    title: field(raw.title, "title")?,
                    artist: field(raw.artist, "artist")?,
                    artwork,
                }
            }
            _ => {
                let items = field::<Vec<Vec<Inline>>>(raw.items, "items")?;
                if !items.iter().flatten().any(|i| has_text(&i.text)) {
                    return Err("it has no items".into());
                }
                let ordered = maybe(raw.ordered, "ordered")?.unwrap_or(false);
                // A numbering the reader cannot use costs the list nothing:
                // it is numbered from 1, upwards.
                let start = maybe(raw.start, "start").ok().flatten().filter(|_| ordered);
                let reversed = ordered && maybe(raw.reversed, "reversed").ok().flatten().unwrap_or(false);
                Block::List { id, ordered, start, reversed, items }
            }
        })
    })();
    block.map_err(|reason| SkippedBlock::Malformed { index, kind, reason })
}

#[derive(Deserialize)]
struct RawIndex<'a> {
    #[serde(borrow, default)]
    articles: Raw<'a>,
    #[serde(borrow, default)]
    featured: Raw<'a>,
}

/// Reads `index.json`; a card that cannot be read is skipped, and a card
/// whose thumbnail breaks the image rule keeps its words without it.
pub fn parse_index(text: &str) -> Result<Parsed<Index>, LoadError> {
    let raw: RawIndex = document(text)?;
    let mut skipped = Vec::new();
    let raw_cards: Vec<&RawValue> = required(raw.articles, "articles")?;
    let mut articles = Vec::with_capacity(raw_cards.len());
    for (index, raw) in raw_cards.into_iter().enumerate() {
        match serde_json::from_str::<Card>(raw.get()) {
            Ok(mut card) => {
                if let Some(bad) =
                    card.thumbnail.take_if(|t| !image_src_allowed(&t.src) || t.width == 0 || t.height == 0)
                {
                    skipped.push(SkippedBlock::Field {
                        field: format!("articles[{index}].thumbnail"),
                        reason: format!("`{}` is not a usable image (address or size)", bad.src),
                    });
                }
                articles.push(card)
            }
            Err(err) => {
                skipped.push(SkippedBlock::Field { field: format!("articles[{index}]"), reason: json_reason(&err) })
            }
        }
    }
    let featured = optional(raw.featured, "featured", &mut skipped);
    Ok(Parsed { value: Index { articles, featured }, skipped })
}

/// Reads `site.json`.
pub fn parse_site(text: &str) -> Result<Site, LoadError> {
    document::<Site>(text).map_err(|err| match err {
        LoadError::InvalidField { reason, .. } => LoadError::InvalidField { field: "site.json".into(), reason },
        other => other,
    })
}
#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const MINIMAL: &str = r#"{"schema":1,"slug":"s","title":"T","published":"2021-04-02T09:00:00Z","body":[]}"#;

    fn with_body(body: &str) -> String {
        MINIMAL.replace(r#""body":[]"#, &format!(r#""body":{body}"#))
    }

    #[test]
    fn an_articles_language_is_kept_if_it_is_a_tag_and_reported_if_not() {
        let with = |value: &str| MINIMAL.replace(r#""body":[]"#, &format!(r#""body":[],"language":{value}"#));
        let parsed = parse_article(&with(r#"" pt-BR ""#)).unwrap();
        assert_eq!(parsed.value.language.as_deref(), Some("pt-BR"));
        assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
        for bad in [r#""Portuguese""#, r#""pt_BR""#, "42"] {
            let parsed = parse_article(&with(bad)).unwrap();
            assert_eq!(parsed.value.language, None, "{bad}");
            assert!(parsed.skipped.iter().any(|s| s.to_string().starts_with("`language` left out")), "{bad}");
        }
        let site = parse_site(r#"{"name":"n","language":"ja"}"#).unwrap();
        assert_eq!(parse_article(MINIMAL).unwrap().value.language(&site), Some("ja"));
        assert_eq!(parse_article(&with(r#""ko""#)).unwrap().value.language(&site), Some("ko"));
        assert_eq!(parse_site(r#"{"name":"n","language":"Japanese"}"#).unwrap().language(), None);
    }

    #[test]
    fn minimal_article_parses() {
        let parsed = parse_article(MINIMAL).unwrap();
        assert_eq!(parsed.value.title, "T");
        assert!(parsed.value.hero.is_none());
        assert!(parsed.value.comments.open);
        assert!(parsed.skipped.is_empty());
    }

    #[test]
    fn blocks_with_nothing_to_read_are_left_out_and_an_untitled_video_is_named() {
        let text = r#"{"schema":1,"slug":"s","title":"T","published":"2026-01-01T00:00:00Z","body":[
            {"type":"paragraph","id":"p1","content":[{"text":"Kept."}]},
            {"type":"heading","id":"h1","text":"\u200b\u200b"},
            {"type":"list","id":"l1","items":[]},
            {"type":"quote","id":"q1","content":[{"text":"  "}]},
            {"type":"lyrics","id":"y1","lines":[""]},
            {"type":"paragraph","id":"p2","content":[{"text":"\u00a0"}]},
            {"type":"video","id":"v1","provider":"youtube","video_id":"zFT3f9biz68","title":""}
        ]}"#;
        let parsed = parse_article(text).unwrap();
        let ids: Vec<&str> = parsed.value.body.iter().map(|b| b.id()).collect();
        assert_eq!(ids, ["p1", "v1"]);
        assert!(matches!(&parsed.value.body[1], Block::Video { title, .. } if title == "Untitled video"));
        let reasons: Vec<String> = parsed.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(reasons.len(), 6, "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("body[1]") && r.contains("it has no text")), "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("body[6].title")), "{reasons:?}");
    }

    #[test]
    fn a_list_keeps_its_numbering_and_a_numbering_it_cannot_use_costs_it_nothing() {
        let text = with_body(
            r#"[{"type":"list","id":"l1","ordered":true,"start":10,"reversed":true,"items":[[{"text":"Ten"}]]},
                {"type":"list","id":"l2","ordered":true,"start":"ten","reversed":"yes","items":[[{"text":"One"}]]},
                {"type":"list","id":"l3","start":4,"reversed":true,"items":[[{"text":"Dot"}]]}]"#,
        );
        let parsed = parse_article(&text).unwrap();
        assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
        let numbering: Vec<(bool, Option<i32>, bool)> = parsed
            .value
            .body
            .iter()
            .map(|b| match b {
                Block::List { ordered, start, reversed, .. } => (*ordered, *start, *reversed),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(numbering, [(true, Some(10), true), (true, None, false), (false, None, false)]);
        // Written back as given, and not at all when it is the default.
        let written = serde_json::to_string(&parsed.value.body).unwrap();
        assert!(written.contains(r#""ordered":true,"start":10,"reversed":true"#), "{written}");
        assert_eq!(written.matches("start").count(), 1, "{written}");
        assert_eq!(written.matches("reversed").count(), 1, "{written}");
    }

    #[test]
    fn unknown_blocks_are_skipped_and_reported_once_each() {
        let text = with_body(
            r#"[{"type":"paragraph","id":"p1","content":[{"text":"a"}]},
                {"type":"carousel3d","id":"x"},
                {"id":"no-type"},
                {"type":"heading","id":"h1","text":"b"}]"#,
        );
        let parsed = parse_article(&text).unwrap();
        assert_eq!(parsed.value.body.len(), 2);
        assert_eq!(
            parsed.skipped,
            vec![
                SkippedBlock::UnknownType { index: 1, kind: "carousel3d".into() },
                SkippedBlock::UnknownType { index: 2, kind: "".into() },
            ]
        );
    }

    #[test]
    fn malformed_known_blocks_are_skipped_not_fatal() {
        let text = with_body(
            r#"[{"type":"image","id":"i1","src":"a.svg","alt":"a"},
                {"type":"heading","id":"h1","level":1,"text":"too big"},
                {"type":"paragraph","id":"p1","content":[{"text":"kept"}]}]"#,
        );
        let parsed = parse_article(&text).unwrap();
        assert_eq!(parsed.value.body.len(), 1);
        assert_eq!(parsed.skipped.len(), 2);
    }

    #[test]
    fn a_pasted_id_loses_its_spaces() {
        let text = with_body(
            r#"[{"type":"audio","id":"a1","provider":"spotify","kind":"album","audio_id":" 4iV5W9uYEdYUVa79Axb7Rh ",
                 "title":"T","artist":"BTS"},
                {"type":"video","id":"v1","provider":"youtube","video_id":"zFT3f9biz68 ","title":"Film Out"}]"#,
        );
        let parsed = parse_article(&text).unwrap();
        for block in &parsed.value.body {
            assert!(block.player().is_some_and(|p| p.is_ok()), "{block:?} plays");
        }
    }

    #[test]
    fn audio_blocks_keep_their_player_when_only_the_artwork_is_bad() {
        let text = with_body(
            r#"[{"type":"audio","id":"a1","provider":"spotify","kind":"track","audio_id":"4iV5W9uYEdYUVa79Axb7Rh",
                 "title":"T","artist":"A","artwork":{"src":"images/a.svg","alt":"a","width":600,"height":600}},
                {"type":"audio","id":"a2","provider":"soundcloud","kind":"track","url":"https://soundcloud.com/a/b",
                 "title":"T","artist":"A","artwork":{"src":"javascript:alert(1)","alt":"a","width":1,"height":1}},
                {"type":"audio","id":"a3","provider":"bandcamp","kind":"album","audio_id":"1",
                 "title":"T","artist":"A","artwork":{"src":"images/a.svg"}},
                {"type":"audio","id":"a4","provider":"spotify","kind":"track","audio_id":"4iV5W9uYEdYUVa79Axb7Rh","title":"T"}]"#,
        );
        let parsed = parse_article(&text).unwrap();
        let artworks: Vec<Option<&str>> = parsed
            .value
            .body
            .iter()
            .map(|b| match b {
                Block::Audio { artwork, .. } => artwork.as_ref().map(|a| a.src.as_str()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(artworks, [Some("images/a.svg"), None, None]);
        let fields: Vec<String> = parsed
            .skipped
            .iter()
            .map(|s| match s {
                SkippedBlock::Field { field, .. } => field.clone(),
                SkippedBlock::Malformed { index, reason, .. } => format!("{index}: {reason}"),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(fields, ["body[1].artwork", "body[2].artwork", "3: missing field `artist`"]);
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let text = MINIMAL.replace(r#""schema":1"#, r#""schema":1,"sponsor":{"x":1}"#);
        assert!(parse_article(&text).is_ok());
    }

    #[test]
    fn missing_required_fields_are_named() {
        for field in ["schema", "slug", "title", "published", "body"] {
            let mut value: Value = serde_json::from_str(MINIMAL).unwrap();
            value.as_object_mut().unwrap().remove(field);
            let err = parse_article(&value.to_string()).unwrap_err();
            assert_eq!(err, LoadError::MissingField(field.into()), "{field}");
        }
    }

    #[test]
    fn bad_required_fields_are_named() {
        let err = parse_article(&MINIMAL.replace("2021-04-02T09:00:00Z", "soon")).unwrap_err();
        assert!(matches!(err, LoadError::InvalidField { ref field, .. } if field == "published"), "{err:?}");
        let err = parse_article(&MINIMAL.replace(r#""title":"T""#, r#""title":"  ""#)).unwrap_err();
        assert!(matches!(err, LoadError::InvalidField { ref field, .. } if field == "title"));
        let err = parse_article(&MINIMAL.replace(r#""schema":1"#, r#""schema":2"#)).unwrap_err();
        assert_eq!(err, LoadError::UnsupportedSchema(2));
    }

    #[test]
    fn broken_documents_say_what_is_wrong() {
        let truncated = &MINIMAL[..MINIMAL.len() / 2];
        assert!(matches!(parse_article(truncated), Err(LoadError::Truncated { .. })));
        assert!(matches!(parse_article(r#"{"schema":1,,}"#), Err(LoadError::Malformed { line: 1, .. })));
        assert_eq!(parse_article("<!DOCTYPE html><title>404</title>"), Err(LoadError::NotJson));
        assert_eq!(parse_article("").unwrap_err(), LoadError::Truncated { line: 1, column: 0 });
        assert!(parse_article("[1,2]").is_err());
    }

    #[test]
    fn bad_optional_fields_are_left_out() {
        let text =
            MINIMAL.replace(r#""schema":1"#, r#""schema":1,"hero":{"src":"a.svg","alt":"a"},"tags":"not-a-list""#);
        let parsed = parse_article(&text).unwrap();
        assert!(parsed.value.hero.is_none());
        assert!(parsed.value.tags.is_empty());
        assert_eq!(parsed.skipped.len(), 2);
        let parsed =
            parse_article(&MINIMAL.replace(r#""schema":1"#, r#""schema":1,"tags":["", " \u200b", "Folk"]"#)).unwrap();
        assert_eq!(parsed.value.tags, ["Folk"]);
    }

    #[test]
    fn an_image_keeps_a_link_it_may_follow_and_loses_only_one_it_may_not() {
        let text = MINIMAL.replace(
            r#""body":[]"#,
            r#""body":[{"type":"image","id":"i1","src":"images/a.svg","alt":"a","width":1,"height":1,"link":"https://shop.example/lp"},
                       {"type":"image","id":"i2","src":"images/b.svg","alt":"b","width":1,"height":1,"link":"javascript:alert(1)"},
                       {"type":"image","id":"i3","src":"images/c.svg","alt":"c","width":1,"height":1,"link":7}]"#,
        );
        let parsed = parse_article(&text).unwrap();
        let links: Vec<_> = parsed
            .value
            .body
            .iter()
            .map(|b| match b {
                Block::Image { link, .. } => link.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(links, [Some("https://shop.example/lp".to_string()), None, None]);
        for field in ["body[1].link", "body[2].link"] {
            assert!(parsed.skipped.iter().any(|s| s.to_string().contains(field)), "{field}: {:?}", parsed.skipped);
        }
    }

    #[test]
    fn images_that_break_the_image_rule_are_left_out() {
        let text = MINIMAL.replace(
            r#""schema":1"#,
            r#""schema":1,"hero":{"src":"data:text/html,<script>alert(1)</script>","alt":"a","width":1,"height":1}"#,
        );
        let text = text.replace(
            r#""body":[]"#,
            r#""body":[{"type":"image","id":"i1","src":"javascript:alert(1)","alt":"a","width":1,"height":1},
                       {"type":"image","id":"i2","src":"images/ok.svg","alt":"a","width":1,"height":1},
                       {"type":"video","id":"v1","provider":"youtube","video_id":"zFT3f9biz68","title":"t","poster":"http://plain.example/p.jpg"}]"#,
        );
        let parsed = parse_article(&text).unwrap();
        assert!(parsed.value.hero.is_none());
        assert_eq!(parsed.value.body.iter().map(|b| b.id()).collect::<Vec<_>>(), ["i2", "v1"]);
        assert!(matches!(&parsed.value.body[1], Block::Video { poster: None, .. }), "the poster goes, the video stays");
        assert_eq!(parsed.skipped.len(), 3);
        let index = r#"{"articles":[{"slug":"a","title":"A","published":"2021-04-02T09:00:00Z",
            "thumbnail":{"src":"data:text/html,x","alt":"a","width":1,"height":1}}]}"#;
        let parsed = parse_index(index).unwrap();
        assert_eq!(parsed.value.articles.len(), 1, "the card stays");
        assert!(parsed.value.articles[0].thumbnail.is_none(), "without its thumbnail");
    }

    #[test]
    fn index_skips_unreadable_cards() {
        let text = r#"{"articles":[
            {"slug":"a","title":"A","published":"2021-04-02T09:00:00Z"},
            {"slug":"b"}], "featured":["a"]}"#;
        let parsed = parse_index(text).unwrap();
        assert_eq!(parsed.value.articles.len(), 1);
        assert_eq!(parsed.skipped.len(), 1);
    }

    #[test]
    fn comments_closed_by_a_bare_false() {
        for (value, open) in [("false", false), ("true", true), ("{\"open\": false}", false), ("{}", true)] {
            let mut article: Value = serde_json::from_str(MINIMAL).unwrap();
            article["comments"] = serde_json::from_str(value).unwrap();
            let parsed = parse_article(&article.to_string()).unwrap();
            assert_eq!(parsed.value.comments.open, open, "{value}");
            assert!(parsed.skipped.is_empty(), "{value}: {:?}", parsed.skipped);
        }
    }

    #[test]
    fn a_document_that_is_not_an_object_says_what_it_holds() {
        assert_eq!(parse_article("null").err(), Some(LoadError::WrongShape("it holds null, not an object".into())));
        assert_eq!(parse_article("[1, 2]").err(), Some(LoadError::WrongShape("it holds a list, not an object".into())));
    }

    #[test]
    fn a_part_that_is_not_text_costs_that_part_not_the_paragraph() {
        let text = with_body(
            r#"[{"type":"paragraph","id":"p1","content":[{"text":"Kept, "},null,5,"bare",{"text":"and kept."}]}]"#,
        );
        let parsed = parse_article(&text).unwrap();
        match &parsed.value.body[..] {
            [Block::Paragraph { content, .. }] => {
                assert_eq!(content.iter().map(|i| i.text.as_str()).collect::<String>(), "Kept, and kept.")
            }
            other => panic!("{other:?}"),
        }
        let fields: Vec<String> = parsed
            .skipped
            .iter()
            .map(|s| match s {
                SkippedBlock::Field { field, .. } => field.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(fields, ["body[0].content[1]", "body[0].content[2]", "body[0].content[3]"]);
    }

    #[test]
    fn every_block_gets_an_id_of_its_own_that_the_page_does_not_use() {
        let text = with_body(
            r#"[{"type":"hologram","id":"h"},
                {"type":"paragraph","id":"p1","content":[{"text":"a"}]},
                {"type":"paragraph","id":"p1","content":[{"text":"b"}]},
                {"type":"paragraph","id":"main","content":[{"text":"c"}]},
                {"type":"paragraph","id":"x y","content":[{"text":"d"}]},
                {"type":"paragraph","id":"b5","content":[{"text":"e"}]},
                {"type":"paragraph","id":"","content":[{"text":"f"}]}]"#,
        )
        .replace(r#""body""#, r#""feedback":[{"block":"p1"},{"block":"main"},{"block":"gone"}],"body""#);
        let parsed = parse_article(&text).unwrap();
        let ids: Vec<&str> = parsed.value.body.iter().map(Block::id).collect();
        assert_eq!(ids, ["p1", "b3", "b4", "b5x", "b5", "b7"]);
        let feedback: Vec<&str> = parsed.value.feedback.iter().map(|f| f.block.as_str()).collect();
        assert_eq!(feedback, ["p1"]);
        for id in ["p1", "lead", "comment-form", "h2_1"] {
            assert!(is_valid_block_id(id), "{id}");
        }
        for id in [
            "",
            "1x",
            "x y",
            "main",
            "app",
            "comments",
            "comment-12",
            "comment-12-text",
            "comment-form-0-text",
            "edit-3",
            "passage-comment-7",
            "feedback-p1",
            "search-x",
        ] {
            assert!(!is_valid_block_id(id), "{id}");
        }
    }
}
