use serde::{Deserialize, Serialize};

use super::{SafeHref, Timestamp};

/// One article, as the reader sees it. Built by [`super::parse_article`],
/// which has already dropped the blocks it could not understand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub schema: u64,
    pub slug: String,
    pub title: String,
    #[serde(default)]
    pub dek: Option<String>,
    #[serde(default)]
    pub category: Option<Category>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub authors: Vec<Author>,
    pub published: Timestamp,
    #[serde(default)]
    pub updated: Option<Timestamp>,
    #[serde(default)]
    pub hero: Option<Image>,
    pub body: Vec<Block>,
    #[serde(default)]
    pub feedback: Vec<Feedback>,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub comments: CommentSettings,
    /// The language its text is written in (`de`, `pt-BR`), when it is not
    /// the site's (`site.json`'s `language`). Always a well-formed tag:
    /// [`super::parse_article`] leaves out any other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// A page that stands alone (an About page, a masthead): at its address
    /// and in the sitemap, but in no list, search, carousel or feed. Only
    /// the publisher's tools act on it (the index leaves the page out), so
    /// the reader's `.wasm` does not read it.
    #[cfg(not(target_arch = "wasm32"))]
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unlisted: bool,
}

impl Article {
    /// The language of the article's text: its own, or else the site's.
    pub fn language<'a>(&'a self, site: &'a super::Site) -> Option<&'a str> {
        self.language.as_deref().or_else(|| site.language())
    }

    /// Whether the home page, sections, carousels, search and the feed show
    /// it (see `unlisted`, which the reader's `.wasm` does not read).
    pub fn listed(&self) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        return !self.unlisted;
        #[cfg(target_arch = "wasm32")]
        true
    }

    /// The text for `<meta name="description">` and link previews: the dek,
    /// or failing that the opening paragraph.
    pub fn summary(&self) -> String {
        if let Some(dek) = self.dek.as_deref().filter(|d| !d.trim().is_empty()) {
            return dek.trim().to_string();
        }
        self.body
            .iter()
            .find_map(|block| match block {
                Block::Paragraph { content, .. } => Some(plain_text(content)),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Whether the block with this id carries an inline-feedback prompt.
    pub fn feedback_for(&self, block_id: &str) -> Option<&Feedback> {
        self.feedback.iter().find(|f| f.block == block_id)
    }

    /// The blocks that invite feedback, each once (a file may ask twice on
    /// one; its first question is the one shown).
    pub fn feedback_blocks(&self) -> Vec<String> {
        let mut blocks: Vec<String> = Vec::new();
        for f in &self.feedback {
            if !blocks.contains(&f.block) {
                blocks.push(f.block.clone());
            }
        }
        blocks
    }

    /// The passages that invite feedback, each with a short excerpt of its
    /// text (for the comment area's feedback filter).
    pub fn feedback_passages(&self) -> Vec<(String, String)> {
        self.feedback_blocks()
            .into_iter()
            .filter_map(|id| {
                let block = self.body.iter().find(|b| b.id() == id)?;
                let text = match block {
                    Block::Paragraph { content, .. } | Block::Quote { content, .. } => plain_text(content),
                    Block::Lyrics { lines, .. } => lines.join(" / "),
                    Block::Heading { text, .. } => text.clone(),
                    Block::Video { title, .. } => title.clone(),
                    Block::Image { image, .. } => image.alt.clone(),
                    Block::Audio { title, artist, .. } => format!("{title}, {artist}"),
                    Block::List { items, .. } => items.first().map(|i| plain_text(i)).unwrap_or_default(),
                };
                Some((id, excerpt(&text, 80)))
            })
            .collect()
    }

    /// "A, B and C" (the byline's names), or `None` when the article names
    /// no author.
    pub fn byline(&self) -> Option<String> {
        let parts = self.byline_parts();
        (!parts.is_empty()).then(|| parts.iter().map(|p| p.text.as_str()).collect())
    }

    /// The byline's names as text, each linked to its author's page
    /// (`url`, which the view shows as a link only if it passes the link
    /// rule), with ", " and " and " between them.
    pub fn byline_parts(&self) -> Vec<Inline> {
        let authors: Vec<&Author> = self.authors.iter().filter(|a| !a.name.trim().is_empty()).collect();
        let text = |text: String, href: Option<String>| Inline { text, em: false, strong: false, href };
        let mut parts = Vec::new();
        for (i, author) in authors.iter().enumerate() {
            if i > 0 {
                parts.push(text(if i + 1 == authors.len() { " and " } else { ", " }.to_string(), None));
            }
            parts.push(text(isolated(author.name.trim()), author.url.clone()));
        }
        parts
    }
}

/// A name set apart from the words around it (Unicode's first-strong
/// isolate) when it holds right-to-left letters or direction controls: an
/// Arabic name keeps its place in "By A, B and C", and a stray override
/// character in one name cannot turn the rest of the line around.
pub(crate) fn isolated(name: &str) -> String {
    let directional = name.chars().any(|c| {
        matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    });
    if directional {
        format!("\u{2068}{name}\u{2069}")
    } else {
        name.to_string()
    }
}

/// At most `max` characters, cut at a word and marked with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

/// The concatenated text of a run of inline pieces.
pub fn plain_text(content: &[Inline]) -> String {
    content.iter().map(|i| i.text.as_str()).collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

impl Author {
    /// The author's page, when it passes the link rule.
    pub fn link(&self) -> Option<SafeHref> {
        self.url.as_deref().and_then(SafeHref::parse)
    }
}

/// An image with its intrinsic size, so the page reserves its box before the
/// file arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
    #[serde(default)]
    pub caption: Option<String>,
    #[serde(default)]
    pub credit: Option<String>,
}

/// A run of text with its emphasis and, optionally, a link. The link is kept
/// as written; the view asks [`Inline::link`] whether it may become one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inline {
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub em: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub href: Option<String>,
}

impl Inline {
    pub fn link(&self) -> Option<SafeHref> {
        self.href.as_deref().and_then(SafeHref::parse)
    }
}

/// One item of a list block: a run of inline pieces.
pub type ListItem = Vec<Inline>;

/// A block of the article body. The `type` field of the JSON picks the variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    Paragraph {
        id: String,
        content: Vec<Inline>,
    },
    Heading {
        id: String,
        #[serde(default = "default_heading_level")]
        level: u8,
        text: String,
    },
    Quote {
        id: String,
        content: Vec<Inline>,
        #[serde(default)]
        cite: Option<String>,
    },
    Lyrics {
        id: String,
        lines: Vec<String>,
        #[serde(default)]
        cite: Option<String>,
    },
    Video {
        id: String,
        provider: String,
        video_id: String,
        title: String,
        #[serde(default)]
        poster: Option<String>,
    },
    Image {
        id: String,
        #[serde(flatten)]
        image: Image,
        /// Where the picture leads when pressed (a record's shop, a larger
        /// view); kept as written, the view asks [`SafeHref::parse`].
        #[serde(default, skip_serializing_if = "Option::is_none")]
        link: Option<String>,
    },
    /// A track, album or playlist on a music service. Which of `audio_id`,
    /// `storefront` and `url` it needs depends on the provider (see
    /// [`super::AudioSource::parse`]).
    Audio {
        id: String,
        provider: String,
        kind: String,
        // Written only when present: the schema allows each identifier only
        // for the services that use it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        audio_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        storefront: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        url: Option<String>,
        title: String,
        artist: String,
        /// The publisher's own cover image, never the service's.
        #[serde(default, skip_serializing_if = "Option::is_none", serialize_with = "artwork_fields")]
        artwork: Option<Image>,
    },
    List {
        id: String,
        #[serde(default)]
        ordered: bool,
        /// The number of an ordered list's first item, when it is not 1 (a
        /// list that carries on after a picture, say).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<i32>,
        /// An ordered list that counts down, as a top ten does.
        #[serde(default, skip_serializing_if = "is_false")]
        reversed: bool,
        items: Vec<ListItem>,
    },
}

/// Artwork is written as the schema has it: an image with no caption or credit.
fn artwork_fields<S: serde::Serializer>(artwork: &Option<Image>, serializer: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Artwork<'a> {
        src: &'a str,
        alt: &'a str,
        width: u32,
        height: u32,
    }
    match artwork {
        Some(image) => serializer.serialize_some(&Artwork {
            src: &image.src,
            alt: &image.alt,
            width: image.width,
            height: image.height,
        }),
        None => serializer.serialize_none(),
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn default_heading_level() -> u8 {
    2
}

/// How many characters the widest number of an ordered list takes (its
/// first or last, with a minus sign): a list from 1986 needs more room for
/// its numbers than one from 1, or they run off a phone's screen.
pub fn list_number_width(start: Option<i32>, reversed: bool, len: usize) -> usize {
    let len = i64::try_from(len).unwrap_or(i64::MAX);
    // A countdown with no start counts down to 1, as browsers number it.
    let first = match start {
        Some(n) => i64::from(n),
        None if reversed => len,
        None => 1,
    };
    let last = if reversed { first.saturating_sub(len - 1) } else { first.saturating_add(len - 1) };
    let width = |n: i64| n.unsigned_abs().to_string().len() + usize::from(n < 0);
    width(first).max(width(last))
}

impl Block {
    /// The block types this reader renders; anything else is skipped.
    pub const KNOWN_TYPES: [&'static str; 8] =
        ["paragraph", "heading", "quote", "lyrics", "video", "image", "audio", "list"];

    pub fn id(&self) -> &str {
        match self {
            Block::Paragraph { id, .. }
            | Block::Heading { id, .. }
            | Block::Quote { id, .. }
            | Block::Lyrics { id, .. }
            | Block::Video { id, .. }
            | Block::Image { id, .. }
            | Block::Audio { id, .. }
            | Block::List { id, .. } => id,
        }
    }

    pub fn set_id(&mut self, new: String) {
        match self {
            Block::Paragraph { id, .. }
            | Block::Heading { id, .. }
            | Block::Quote { id, .. }
            | Block::Lyrics { id, .. }
            | Block::Video { id, .. }
            | Block::Image { id, .. }
            | Block::Audio { id, .. }
            | Block::List { id, .. } => *id = new,
        }
    }
}

/// Ids the page gives its own parts. A block is a link target by its id
/// (`#p7`), so one of these would take a part's place: "Skip to content"
/// or the comments link would lead to the block.
const PAGE_IDS: [&str; 15] = [
    "app",
    "main",
    "boot-note",
    "comments",
    "comments-title",
    "featured-title",
    "featured-track",
    "home-featured",
    "home-latest",
    "linernotes-seed",
    "search-dialog-input",
    "search-dialog-results",
    "search-dialog-status",
    "search-dialog-title",
    "search-page-input",
];

/// Why a text cannot be a block's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockIdProblem {
    /// Not a letter, then letters, digits, `-` or `_` (at most 64).
    Shape,
    /// One of the page's own ids, or of the forms it makes (`comment-12`,
    /// `passage-comment-12`, `comment-form-…`, `edit-12`, `feedback-…`,
    /// `search-…`).
    PageOwn,
}

/// Why `id` cannot be a block's id, when it cannot.
pub fn block_id_problem(id: &str) -> Option<BlockIdProblem> {
    let mut chars = id.chars();
    let shaped = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && id.len() <= 64;
    let numbered =
        |prefix: &str| id.strip_prefix(prefix).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if !shaped {
        Some(BlockIdProblem::Shape)
    } else if PAGE_IDS.contains(&id)
        // A comment (`comment-12`), its text (`comment-12-text`), a form's fields (`comment-form-0-text`).
        || id.strip_prefix("comment-").is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()) || rest.starts_with("form-"))
        || numbered("edit-")
        || numbered("passage-comment-")
        || id.starts_with("feedback-")
        || id.starts_with("search-")
    {
        Some(BlockIdProblem::PageOwn)
    } else {
        None
    }
}

pub fn is_valid_block_id(id: &str) -> bool {
    block_id_problem(id).is_none()
}

/// The heading levels a page shows for `body`: each subheading at most one
/// level below the one before it (the headline is level 1), as the
/// document outline wants (screen readers list headings by level; axe
/// calls a skipped level an error). An article written `##` then `####`,
/// or imported so from a theme's styling, shows `h2` then `h3`.
pub fn step_heading_levels(body: &mut [Block]) {
    // The headings still open above this one: (level written, level shown).
    // Siblings written alike stay siblings.
    let mut open: Vec<(u8, u8)> = Vec::new();
    for block in body {
        if let Block::Heading { level, .. } = block {
            while open.last().is_some_and(|(written, _)| *written >= *level) {
                open.pop();
            }
            let shown = open.last().map_or(2, |(_, shown)| shown + 1).min(6);
            open.push((*level, shown));
            *level = shown;
        }
    }
}

/// A passage that invites inline feedback, by block id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub block: String,
    #[serde(default)]
    pub prompt: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentSettings {
    #[serde(default = "yes")]
    pub open: bool,
}

impl Default for CommentSettings {
    fn default() -> Self {
        CommentSettings { open: true }
    }
}

fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_ordered_lists_widest_number_is_measured() {
        assert_eq!(list_number_width(None, false, 9), 1);
        assert_eq!(list_number_width(None, false, 10), 2);
        assert_eq!(list_number_width(Some(1986), false, 3), 4);
        assert_eq!(list_number_width(Some(99), false, 2), 3);
        assert_eq!(list_number_width(None, true, 10), 2);
        assert_eq!(list_number_width(Some(100), true, 5), 3);
        assert_eq!(list_number_width(Some(2), true, 5), 2);
        assert_eq!(list_number_width(Some(-5), false, 1), 2);
        assert_eq!(list_number_width(Some(i32::MAX), false, 3), 10);
        assert_eq!(list_number_width(None, false, 0), 1);
    }

    #[test]
    fn headings_never_skip_a_level_on_the_page() {
        let heading = |level: u8| super::Block::Heading { id: String::new(), level, text: "x".into() };
        let mut body: Vec<super::Block> = [4, 6, 3, 2, 5, 5, 3].into_iter().map(heading).collect();
        super::step_heading_levels(&mut body);
        let levels: Vec<u8> = body
            .iter()
            .map(|b| match b {
                super::Block::Heading { level, .. } => *level,
                _ => 0,
            })
            .collect();
        assert_eq!(levels, [2, 3, 2, 2, 3, 3, 3]);
    }

    use super::*;

    fn with_authors(names: &[&str]) -> Article {
        let json = format!(
            r#"{{"schema":1,"slug":"s","title":"T","published":"2021-04-02T09:00:00Z","body":[],"authors":[{}]}}"#,
            names
                .iter()
                .map(|n| format!(r#"{{"name":{}}}"#, serde_json::to_string(n).unwrap_or_default()))
                .collect::<Vec<_>>()
                .join(",")
        );
        crate::model::parse_article(&json).map(|p| p.value).unwrap()
    }

    #[test]
    fn a_byline_keeps_each_name_in_its_place_whatever_direction_it_reads() {
        assert_eq!(with_authors(&[]).byline(), None);
        let mut linked = with_authors(&["Ana Folau", "Bo Lind", "Cy Park"]);
        linked.authors[1].url = Some("https://bolind.example/".into());
        let parts = linked.byline_parts();
        let parts: Vec<(&str, Option<&str>)> = parts.iter().map(|p| (p.text.as_str(), p.href.as_deref())).collect();
        assert_eq!(
            parts,
            [
                ("Ana Folau", None),
                (", ", None),
                ("Bo Lind", Some("https://bolind.example/")),
                (" and ", None),
                ("Cy Park", None)
            ]
        );
        assert_eq!(with_authors(&["Ana Folau", " ", "Bo Lind"]).byline().as_deref(), Some("Ana Folau and Bo Lind"));
        assert_eq!(
            with_authors(&["Ana", "Evil\u{202E} One", "ليلى"]).byline().as_deref(),
            Some("Ana, \u{2068}Evil\u{202E} One\u{2069} and \u{2068}ليلى\u{2069}")
        );
    }

    #[test]
    fn a_block_asked_on_twice_has_one_thread() {
        let json = r#"{"schema":1,"slug":"s","title":"T","published":"2021-04-02T09:00:00Z",
            "body":[{"type":"paragraph","id":"p1","content":[{"text":"One"}]},{"type":"paragraph","id":"p2","content":[{"text":"Two"}]}],
            "feedback":[{"block":"p2"},{"block":"p1","prompt":"First?"},{"block":"p2","prompt":"Again?"}]}"#;
        let article = crate::model::parse_article(json).map(|p| p.value).unwrap();
        assert_eq!(article.feedback_blocks(), ["p2", "p1"]);
        assert_eq!(article.feedback_passages().iter().map(|(b, _)| b.as_str()).collect::<Vec<_>>(), ["p2", "p1"]);
    }
}
