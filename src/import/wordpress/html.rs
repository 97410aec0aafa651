//! WordPress post HTML → typed blocks, through an allow-list. The HTML is
//! parsed by a real HTML5 parser (html5ever, via scraper); only text,
//! emphasis, strong and links that pass the link rule come out of it, in
//! the block kinds the reader knows. Anything else is left out with a note:
//! nothing is passed through as HTML.

use ego_tree::NodeRef;
use scraper::{node::Element, Html, Node};

use super::footnotes;
use super::shortcode::{self, FeedbackForm, FEEDBACK_TAG};
use crate::model::{
    not_a_player, parse_service_url, AudioFields, AudioSource, Inline, NotAPlayer, SafeHref, ServiceUrl,
};

/// A block before its id is given and its image is fetched.
#[derive(Debug, Clone, PartialEq)]
pub enum Draft {
    Paragraph(Vec<Inline>),
    Heading(u8, String),
    Quote(Vec<Inline>, Option<String>),
    Lyrics(Vec<String>, Option<String>),
    /// A video or music player, with the text the post gives for it (a
    /// caption, the player's title) to find its title and artist in.
    Embed {
        service: ServiceUrl,
        label: Option<String>,
    },
    Image(ImageRef),
    List(Numbering, Vec<Vec<Inline>>),
}

/// How a list is numbered: `<ol start="6" reversed>` counts down from 6.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Numbering {
    pub ordered: bool,
    pub start: Option<i32>,
    pub reversed: bool,
}

/// An image as the post names it; the importer finds the file, its size
/// and its alt text from the media library.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ImageRef {
    pub src: String,
    pub attachment: Option<u64>,
    pub alt: String,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// Captioned as the media library has it, when the post gives none
    /// (what WordPress's `[gallery]` shows).
    pub library_caption: bool,
    /// Where the picture led (its `<a>`), as the article keeps it; none
    /// when it led to the picture itself (a larger copy, its attachment page).
    pub link: Option<String>,
}

/// A passage that carries a wpDiscuz feedback form, by block index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackMark {
    pub block: usize,
    pub form: FeedbackForm,
}

/// The blocks of one post, its feedback passages, and what was left out.
#[derive(Debug, Default)]
pub struct Mapped {
    pub blocks: Vec<Draft>,
    pub feedback: Vec<FeedbackMark>,
    pub notes: Vec<String>,
    /// The anchors headings had (`<h2 id="part-2">`), by block: links to
    /// `…/#part-2` and tables of contents lead there.
    pub anchors: Vec<(usize, String)>,
}

/// Turns a link as the post wrote it into the one the article keeps (links
/// to the site's own posts become `/article/{slug}`).
pub trait Links {
    fn rewrite(&self, href: &str) -> String;

    /// Whether `href`, as rewritten, still leads to the old site (a tag or
    /// author archive, a page not imported, a file): it breaks when the old
    /// site goes, so the report names it.
    fn stays_on_old_site(&self, _href: &str) -> bool {
        false
    }

    /// Whether `href` (as the post wrote it) is the attachment page of the
    /// picture `image` itself, which the media library knows.
    fn is_attachment_page(&self, _href: &str, _image: &ImageRef) -> bool {
        false
    }
}

/// Links kept as written (for tests and for comments).
pub struct KeepLinks;

impl Links for KeepLinks {
    fn rewrite(&self, href: &str) -> String {
        href.to_string()
    }
}

/// How the content was stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// What WordPress renders (`content.rendered`).
    Rendered,
    /// What WordPress stores (WXR, `context=edit`): block markup, or
    /// classic-editor text whose blank lines are paragraphs.
    Stored,
}

/// Maps a post's HTML to draft blocks.
pub fn map_post(html: &str, flavour: Flavour, links: &dyn Links) -> Mapped {
    let mut notes = Vec::new();
    let mut html = html.replace("\r\n", "\n");
    let mut autop = false;
    if flavour == Flavour::Stored {
        html = drop_custom_html_blocks(&html, &mut notes);
        html = mark_links_to_the_picture(&html);
        // Classic-editor posts (no block comments) get wpautop when
        // WordPress renders them, whatever tags they hold: a blank line in
        // the text between their block elements ends a paragraph, next to
        // a `<p style=…>` or a `<pre>` too.
        autop = !html.contains("<!-- wp:");
    }
    let expanded = shortcode::expand(&html);
    notes.extend(expanded.notes);
    let doc = Html::parse_fragment(&expanded.html);
    let mut mapper = Mapper {
        links,
        flavour,
        autop,
        forms: expanded.feedback,
        out: Mapped::default(),
        loose: Vec::new(),
        pending: Vec::new(),
        named: Vec::new(),
    };
    mapper.out.notes = notes;
    mapper.blocks(*doc.root_element());
    mapper.flush();
    mapper.finish_pending();
    mapper.out
}

/// Removes `<!-- wp:html -->` blocks (the "Custom HTML" block) from stored
/// block markup: their content is arbitrary markup by design. One that holds
/// a player's embed code (where editors paste a Bandcamp or YouTube iframe)
/// keeps that iframe alone, which becomes the player, as WordPress's
/// rendered HTML does.
fn drop_custom_html_blocks(html: &str, notes: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!-- wp:html") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        match after.find("<!-- /wp:html -->") {
            Some(end) => {
                let inner = after[..end].split_once("-->").map(|(_, inner)| inner).unwrap_or_default();
                match player_iframe(inner) {
                    Some(iframe) => {
                        out.push('\n');
                        out.push_str(&iframe);
                        out.push('\n');
                    }
                    None => push_note(notes, "custom HTML block left out"),
                }
                rest = &after[end + "<!-- /wp:html -->".len()..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The attribute that says a link leads to the picture it holds.
const SELF_LINK: &str = "data-ln-self-link";

/// Marks the links of image and gallery blocks whose settings say they lead
/// to the picture itself ("Link to: Attachment Page" or "Media File"):
/// the address alone does not always say so (an attachment page at the
/// site's root, `/sax-player/`, looks like any page).
fn mark_links_to_the_picture(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!-- wp:") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after.find("-->") else { break };
        let opening = &after[..end + 3];
        out.push_str(opening);
        rest = &after[end + 3..];
        let name =
            opening["<!-- wp:".len()..].split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or_default();
        let attrs = opening.split_once('{').map(|(_, a)| a).unwrap_or_default();
        let to_picture = |key: &str| {
            ["attachment", "media", "file", "post"].iter().any(|v| attrs.contains(&format!("\"{key}\":\"{v}\"")))
        };
        let marked = match name {
            "image" => to_picture("linkDestination"),
            "gallery" => to_picture("linkTo"),
            _ => false,
        };
        if !marked || opening.ends_with("/-->") {
            continue;
        }
        let closing = format!("<!-- /wp:{name} -->");
        let Some(close) = rest.find(&closing) else { continue };
        out.push_str(&rest[..close].replace("<a ", &format!("<a {SELF_LINK} ")));
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// The iframe of a custom HTML block that is a player's embed code and
/// nothing more: one iframe of a service the reader knows, with at most the
/// links embed codes put inside or around it for browsers without frames
/// (SoundCloud's "Artist · Track", Bandcamp's "Title by Artist"), in
/// elements that only lay them out. Words of the post's own around it would
/// be lost, so such a block is not one; so would a link elsewhere (a shop's
/// pre-order page): only a link to the player's own service is its fallback.
fn player_iframe(inner: &str) -> Option<String> {
    const LAYOUT: [&str; 14] =
        ["html", "div", "p", "span", "a", "br", "small", "center", "figure", "strong", "em", "b", "i", "noscript"];
    let doc = Html::parse_fragment(inner);
    let mut iframes = Vec::new();
    let mut links = Vec::new();
    for node in doc.root_element().descendants().skip(1) {
        match node.value() {
            Node::Element(el) if el.name() == "iframe" => iframes.push(node),
            Node::Element(el) if !LAYOUT.contains(&el.name()) => return None,
            Node::Text(text) => {
                let separator = text.chars().all(|c| c.is_whitespace() || "·|•-–—:".contains(c));
                if separator || node.ancestors().filter_map(element).any(|e| e.name() == "iframe") {
                    continue;
                }
                let link = node.ancestors().filter_map(element).find(|e| e.name() == "a");
                links.push(link.and_then(|a| a.attr("href")).map(str::to_string)?);
            }
            _ => {}
        }
    }
    let [iframe] = iframes.as_slice() else { return None };
    let src = element(*iframe)?.attr("src")?;
    let family = service_family(src)?;
    if links.iter().any(|href| service_family(href).as_deref() != Some(family.as_str())) {
        return None;
    }
    // A player the reader cannot show is kept too: its report line says
    // what to put instead, which "custom HTML" would not.
    if parse_service_url(src).is_none() && not_a_player(src).is_none() {
        return None;
    }
    scraper::ElementRef::wrap(*iframe).map(|e| e.html())
}

/// The service an address belongs to, by the last two labels of its host
/// (`paper-moons.bandcamp.com` and `bandcamp.com/EmbeddedPlayer` are one),
/// with the other domains a service embeds or shortens its links from.
fn service_family(url: &str) -> Option<String> {
    let host = host_of(url)?;
    let labels: Vec<&str> = host.trim_end_matches('.').rsplit('.').take(2).collect();
    let family = labels.into_iter().rev().collect::<Vec<_>>().join(".");
    Some(match family.as_str() {
        "youtu.be" | "youtube-nocookie.com" => "youtube.com".to_string(),
        _ => family,
    })
}

/// Classic text within a paragraph: wpautop shows a single newline as a
/// line break.
fn push_lines(current: &mut Vec<Piece>, text: &str, style: &Style) {
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            current.push(Piece::Break);
        }
        if !line.is_empty() {
            current.push(Piece::Text(line.to_string(), style.clone()));
        }
    }
}

/// `text` in superscript (`up`) or subscript characters, when every one of
/// them has such a form (digits, + − = ( ), and for superscripts a few
/// letters such as the "st" of 1st); otherwise `None`, and it stays as is.
fn shifted_text(text: &str, up: bool) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let (from, to) = if up {
        ("0123456789+-−=()nistdrh", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱˢᵗᵈʳʰ")
    } else {
        ("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎")
    };
    text.chars().map(|c| from.chars().position(|f| f == c).and_then(|i| to.chars().nth(i))).collect()
}

fn push_note(notes: &mut Vec<String>, note: impl Into<String>) {
    let note = note.into();
    if !notes.contains(&note) {
        notes.push(note);
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Style {
    em: bool,
    strong: bool,
    href: Option<String>,
}

#[derive(Debug, Clone)]
enum Piece {
    Text(String, Style),
    Break,
    /// A block found inside running text (an image in a paragraph).
    Block(Draft),
    Feedback(usize),
}

/// Inline pieces taken apart: the blocks found among them (images), the
/// feedback marks, and the text.
struct Parts {
    blocks: Vec<Draft>,
    marks: Vec<usize>,
    text: Vec<Piece>,
}

fn parts(pieces: Vec<Piece>) -> Parts {
    let mut parts = Parts { blocks: Vec::new(), marks: Vec::new(), text: Vec::new() };
    for piece in pieces {
        match piece {
            Piece::Block(draft) => parts.blocks.push(draft),
            Piece::Feedback(i) => parts.marks.push(i),
            other => parts.text.push(other),
        }
    }
    parts
}

/// Elements whose content is never text for the reader.
const DROPPED: [&str; 24] = [
    "script", "style", "template", "noscript", "object", "embed", "svg", "math", "form", "input", "button", "select",
    "textarea", "video", "audio", "canvas", "map", "head", "title", "meta", "link", "applet", "frameset", "frame",
];
/// Elements that only hold other blocks (columns, groups, covers, …).
const CONTAINERS: [&str; 10] =
    ["div", "section", "article", "main", "header", "footer", "aside", "center", "hgroup", "address"];
/// Inline elements whose text is kept (their own meaning is not).
const TRANSPARENT_INLINE: [&str; 25] = [
    "span", "code", "kbd", "samp", "small", "sub", "sup", "mark", "abbr", "time", "q", "s", "del", "strike", "ins",
    "u", "bdi", "bdo", "data", "font", "label", "ruby", "rb", "tt", "big",
];

struct Mapper<'a> {
    links: &'a dyn Links,
    flavour: Flavour,
    autop: bool,
    forms: Vec<FeedbackForm>,
    out: Mapped,
    /// Text and inline elements met between blocks, not yet a paragraph.
    loose: Vec<Piece>,
    /// Feedback forms waiting for the next block.
    pending: Vec<usize>,
    /// Places named in classic markup (`<a name="part-2">`, a `span` or a
    /// paragraph's `id`) since the last block: the next block's anchors.
    named: Vec<String>,
}

fn element(node: NodeRef<'_, Node>) -> Option<&Element> {
    node.value().as_element()
}

fn has_class(el: &Element, class: &str) -> bool {
    el.classes().any(|c| c == class)
}

fn has_class_prefix(el: &Element, prefix: &str) -> bool {
    el.classes().any(|c| c.starts_with(prefix))
}

/// A picture that stands for characters typed: WordPress turns `:)` into
/// its smiley image and emoji into Twemoji images (`wp-smiley`, `emoji`,
/// from `wp-includes/images/smilies/` or `s.w.org`), each with the
/// characters as its alt text. The characters are what the writer wrote.
fn is_typed_picture(el: &Element) -> bool {
    has_class(el, "wp-smiley")
        || has_class(el, "emoji")
        || el.attr("src").is_some_and(|src| {
            src.contains("/wp-includes/images/smilies/") || src.contains("s.w.org/images/core/emoji/")
        })
}

/// A picture drawn at the size of a line's words (a rating's stars, an
/// icon): at most 64 pixels wide or high, by its attributes or its style.
fn is_line_sized(el: &Element) -> bool {
    let px = |v: &str| v.trim().trim_end_matches("px").trim().parse::<f64>().ok();
    let style = el.attr("style").unwrap_or_default();
    let styled = style.split(';').filter_map(|decl| decl.split_once(':')).find_map(|(k, v)| {
        matches!(k.trim().to_ascii_lowercase().as_str(), "width" | "height" | "max-width" | "max-height")
            .then(|| px(v))
            .flatten()
    });
    let sized = ["width", "height"].iter().filter_map(|a| el.attr(a).and_then(px)).reduce(f64::min);
    [styled, sized].into_iter().flatten().any(|size| size > 0.0 && size <= 64.0)
}

impl Mapper<'_> {
    fn note(&mut self, note: impl Into<String>) {
        push_note(&mut self.out.notes, note);
    }

    /// The words a picture in running text stands for, when it is part of
    /// the sentence rather than a picture of its own: a smiley or emoji
    /// (its characters, no report line), or a picture the size of a line's
    /// words with words beside it (its alt text, with a report line: an
    /// article's pictures are blocks, and one would split the sentence).
    /// `Some(None)` when such a picture has no words (left out; a
    /// line-sized one with a report line), `None` for a picture of its own.
    fn picture_as_words(&mut self, node: NodeRef<'_, Node>, el: &Element) -> Option<Option<String>> {
        let alt = el.attr("alt").map(collapse).filter(|a| !a.is_empty());
        if is_typed_picture(el) {
            return Some(alt);
        }
        let in_a_sentence = node.parent().is_some_and(|p| !text_of(p).is_empty());
        if !(in_a_sentence && is_line_sized(el)) {
            return None;
        }
        let file = el.attr("src").and_then(|s| s.rsplit('/').next()).unwrap_or_default().to_string();
        match &alt {
            Some(words) => self.note(format!("small picture {file} inside a sentence kept as its alt text, “{words}”")),
            None => self.note(format!("small picture {file} inside a sentence left out: it has no alt text")),
        }
        Some(alt)
    }

    /// Notes why a service's address names no player the reader can show,
    /// and what to do; `false` when it is none of those addresses.
    /// WordPress's rendered page names every SoundCloud track by number,
    /// also one the post gives by its page address, which only the stored
    /// post keeps: the advice to give that address would be no help there.
    fn unsupported(&mut self, url: &str, title: Option<&str>) -> bool {
        let rendered_by_number =
            self.flavour == Flavour::Rendered && not_a_player(url) == Some(NotAPlayer::SoundCloudByNumber);
        match unsupported_player(url) {
            Some(_) if rendered_by_number => {
                let named = title.map(|t| format!(" “{t}”")).unwrap_or_default();
                self.note(format!(
                    "SoundCloud player{named} left out: WordPress's page names the track by number \
                     (api.soundcloud.com/tracks/…), also where the post gives its page address, and the public \
                     REST API shows only that page; import with --user, or from the export, which keep the \
                     address the post gives (a player pasted as embed code needs the track's page address, \
                     soundcloud.com/artist/track, on a line of its own instead)"
                ));
                true
            }
            Some(why) => {
                self.note(why);
                true
            }
            None => false,
        }
    }

    /// A YouTube playlist's own address, which no video block can play, as
    /// a paragraph that links it (readers can still open it), with a note;
    /// `false` for any other address.
    fn playlist_link(&mut self, url: &str) -> bool {
        let url = url.trim();
        if not_a_player(url) != Some(NotAPlayer::YouTubePlaylist) || url.contains("/embed/") {
            return false;
        }
        let Some(href) = crate::model::SafeHref::parse(url).map(|_| url.to_string()) else { return false };
        self.note(playlist_note(url));
        let link = Inline { text: url.to_string(), em: false, strong: false, href: Some(href) };
        self.emit(Draft::Paragraph(vec![link]));
        true
    }

    /// An image's caption is text alone (the model's `caption` holds no
    /// link), so a link in it (a designer's site, a shop) keeps its words
    /// and loses its address: the report names it, for an editor to put
    /// it in the text if it matters.
    fn caption_links(&mut self, figcaption: NodeRef<'_, Node>) {
        for a in figcaption.descendants().filter_map(element).filter(|e| e.name() == "a") {
            let href = a.attr("href").map(str::trim).unwrap_or_default();
            if !href.is_empty() {
                self.note(format!(
                    "link to {href} in an image's caption left out (a caption holds no link); its words kept"
                ));
            }
        }
    }

    /// The image `node` (an `<img>`), with the link around it.
    fn picture(&mut self, node: NodeRef<'_, Node>, caption: Option<&str>) -> Draft {
        let Some(el) = element(node) else { return Draft::Image(ImageRef::default()) };
        let mut image = image_ref(el, caption);
        image.link = self.image_link(node, &image);
        Draft::Image(image)
    }

    /// Where a picture leads: the nearest link around it, rewritten as a
    /// text link is. "Link to: Media File" and "Attachment Page" lead to
    /// the picture itself, which the article already shows: none.
    fn image_link(&mut self, node: NodeRef<'_, Node>, image: &ImageRef) -> Option<String> {
        let a = node.ancestors().filter_map(element).find(|a| a.name() == "a")?;
        if a.attr(SELF_LINK).is_some() {
            return None;
        }
        let raw = a.attr("href")?.trim();
        let path = raw.split(['?', '#']).next().unwrap_or_default().to_ascii_lowercase();
        // An image file (a PDF in the uploads is somewhere else to go).
        let is_picture = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg"].iter().any(|e| path.ends_with(e))
            || raw.contains("attachment_id=");
        if raw.is_empty() || raw.starts_with('#') || is_picture || self.links.is_attachment_page(raw, image) {
            return None;
        }
        let href = self.links.rewrite(raw);
        if SafeHref::parse(&href).is_none() {
            let shown: String = raw.chars().take(40).collect();
            self.note(format!(
                "image link `{shown}` removed (not an http, https, mailto or site link); the image kept"
            ));
            return None;
        }
        if self.links.stays_on_old_site(&href) {
            self.note(format!("link to {href} still leads to the old site (nothing imported is there)"));
        }
        Some(href)
    }

    fn emit(&mut self, draft: Draft) {
        let index = self.out.blocks.len();
        for form in std::mem::take(&mut self.pending) {
            self.mark(index, form);
        }
        for anchor in std::mem::take(&mut self.named) {
            self.out.anchors.push((index, anchor));
        }
        self.out.blocks.push(draft);
    }

    fn mark(&mut self, block: usize, form: usize) {
        if let Some(form) = self.forms.get(form).cloned() {
            self.out.feedback.push(FeedbackMark { block, form });
        }
    }

    fn finish_pending(&mut self) {
        // A passage that produced no block of its own belongs to the one before.
        if let Some(last) = self.out.blocks.len().checked_sub(1) {
            for form in std::mem::take(&mut self.pending) {
                self.mark(last, form);
            }
        } else if !self.pending.is_empty() {
            self.note("inline-feedback passage with no text left out");
        }
    }

    fn blocks(&mut self, parent: NodeRef<'_, Node>) {
        for node in parent.children() {
            match node.value() {
                Node::Text(text) => self.loose.push(Piece::Text(text.to_string(), Style::default())),
                Node::Element(el) => self.block_element(node, el),
                _ => {}
            }
        }
    }

    fn block_element(&mut self, node: NodeRef<'_, Node>, el: &Element) {
        let name = el.name();
        match name {
            "p" => {
                self.flush();
                if let Some(id) = el.attr("id").map(str::trim).filter(|id| !id.is_empty()) {
                    self.named.push(id.to_string());
                }
                let pieces = self.inline_pieces(node, &Style::default());
                self.paragraphs(pieces);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading(node, name);
            }
            "blockquote" => {
                self.flush();
                self.quote(node, None);
            }
            "figure" => {
                self.flush();
                self.figure(node, el);
            }
            "pre" => {
                self.flush();
                if has_class(el, "wp-block-verse") {
                    self.verse(node);
                } else {
                    self.note("preformatted or code block left out");
                }
            }
            "ul" | "ol" => {
                self.flush();
                self.list(node, name == "ol");
            }
            "iframe" => {
                self.flush();
                if let Some(player) = self.iframe_embed(node) {
                    self.emit(player);
                }
            }
            "img" => {
                // Classic text, outside any paragraph: a smiley is part of
                // the running words there too.
                if let Some(words) = self.picture_as_words(node, el) {
                    self.loose.extend(words.into_iter().map(|w| Piece::Text(w, Style::default())));
                    return;
                }
                self.flush();
                let picture = self.picture(node, None);
                self.emit(picture);
            }
            "a" if node.descendants().any(|d| element(d).is_some_and(|e| e.name() == "img")) => {
                // A linked image: the image keeps the link (see `image_link`).
                self.flush();
                self.blocks(node);
                self.flush();
            }
            "table" => {
                self.flush();
                self.note("table left out");
            }
            // A break typed in classic text, outside any paragraph, ends its
            // line there as it does inside one.
            "br" => self.loose.push(Piece::Break),
            "hr" => {
                self.flush();
                self.note("separator (a horizontal line between parts) left out: an article has none");
            }
            "wbr" => {}
            // The reader has no folded parts, nor term lists: their words
            // are kept as paragraphs, each summary or term a bold line above
            // what it opens or names.
            "details" => {
                self.flush();
                self.bold_lines_above(node, "summary");
                self.note("details block shown open: its summary is a bold line above its text");
            }
            "dl" => {
                self.flush();
                self.bold_lines_above(node, "dt");
                self.note("definition list shown as paragraphs: each term a bold line above its description");
            }
            "ln-left-out" => {}
            _ if name == FEEDBACK_TAG => {
                let index = el.attr("data-i").and_then(|i| i.parse::<usize>().ok());
                let holds_blocks = node.children().any(|c| element(c).is_some_and(|e| is_block_name(e.name())));
                if holds_blocks {
                    self.flush();
                    if let Some(i) = index {
                        self.pending.push(i);
                    }
                    self.blocks(node);
                    self.flush();
                } else {
                    let pieces = self.inline_pieces(node, &Style::default());
                    if let Some(i) = index {
                        self.loose.push(Piece::Feedback(i));
                    }
                    self.loose.extend(pieces);
                }
            }
            // WordPress stores a file block as a `div`: a link to a file on
            // the old site and a download button, nothing for a reader here.
            "div" if has_class(el, "wp-block-file") => {
                self.flush();
                self.note("file block left out");
            }
            _ if CONTAINERS.contains(&name) => {
                self.flush();
                self.blocks(node);
                self.flush();
            }
            _ if DROPPED.contains(&name) => {
                self.flush();
                self.note(format!("<{name}> left out"));
            }
            _ if is_inline_name(name) => {
                let pieces = self.inline_pieces_of_element(node, el, &Style::default());
                self.loose.extend(pieces);
            }
            _ => {
                self.flush();
                self.note(format!("<{name}> left out"));
            }
        }
    }

    /// The blocks of a `details` or `dl`, whose `title` children (`summary`,
    /// `dt`) are each a bold paragraph. A list's groups of a term and its
    /// description may sit in a `div` of their own.
    fn bold_lines_above(&mut self, parent: NodeRef<'_, Node>, title: &str) {
        for child in parent.children() {
            match child.value() {
                Node::Element(el) if el.name() == title => {
                    self.flush();
                    let pieces = self.inline_pieces(child, &Style { strong: true, ..Style::default() });
                    self.paragraphs(pieces);
                }
                Node::Element(el) if el.name() == "dd" => {
                    self.flush();
                    self.blocks(child);
                    self.flush();
                }
                Node::Element(el) if el.name() == "div" && title == "dt" => self.bold_lines_above(child, title),
                Node::Element(el) => self.block_element(child, el),
                Node::Text(text) => self.loose.push(Piece::Text(text.to_string(), Style::default())),
                _ => {}
            }
        }
        self.flush();
    }

    /// Turns the loose text gathered so far into paragraphs.
    fn flush(&mut self) {
        let loose = std::mem::take(&mut self.loose);
        if loose.is_empty() {
            return;
        }
        if !self.autop {
            self.paragraphs(loose);
            return;
        }
        // As WordPress's wpautop: a blank line ends a paragraph.
        let mut current = Vec::new();
        let mut loose = loose.into_iter().peekable();
        while let Some(piece) = loose.next() {
            match piece {
                Piece::Text(text, style) => {
                    let ends_run =
                        loose.peek().is_none_or(|next| matches!(next, Piece::Text(t, _) if t.starts_with('\n')));
                    match self.embed_lines(&text, current.is_empty(), ends_run) {
                        // Text and players in turn: each player ends the
                        // paragraph before it.
                        Some(parts) => {
                            for (before, player) in parts {
                                self.autop_text(&mut current, before, &style);
                                if let Some(player) = player {
                                    let done = std::mem::take(&mut current);
                                    self.paragraphs(done);
                                    if let Some(player) = player {
                                        self.emit(player);
                                    }
                                }
                            }
                        }
                        None => self.autop_text(&mut current, text, &style),
                    }
                }
                other => current.push(other),
            }
        }
        self.paragraphs(current);
    }

    /// Adds text to the paragraph being gathered; a blank line in it ends
    /// that paragraph and starts the next.
    fn autop_text(&mut self, current: &mut Vec<Piece>, text: String, style: &Style) {
        if text.contains("\n\n") || blank_line(&text) {
            let mut parts = split_blank_lines(&text).into_iter().peekable();
            while let Some(part) = parts.next() {
                push_lines(current, &part, style);
                if parts.peek().is_some() {
                    let done = std::mem::take(current);
                    self.paragraphs(done);
                }
            }
        } else {
            push_lines(current, &text, style);
        }
    }

    /// WordPress's autoembed, in the classic editor's text: a service's
    /// address alone on its line becomes its player (it runs before
    /// wpautop, so inside a paragraph too). Splits `text` into runs of
    /// text, each followed by what its address line became (`Some(Some)`
    /// a player, `Some(None)` an embed left out with a note, `None` the
    /// text's end); `None` when no line is such an address. `at_start`:
    /// nothing precedes `text` in its paragraph; `at_end`: nothing follows.
    #[allow(clippy::type_complexity)]
    fn embed_lines(
        &mut self,
        text: &str,
        at_start: bool,
        at_end: bool,
    ) -> Option<Vec<(String, Option<Option<Draft>>)>> {
        let lines: Vec<&str> = text.split('\n').collect();
        let last = lines.len() - 1;
        let is_address = |k: usize, line: &str| {
            let url = line.trim();
            (k > 0 || at_start)
                && (k < last || at_end)
                && url.starts_with("http")
                && !url.contains(char::is_whitespace)
                && (parse_service_url(url).is_some() || embed_service(url).is_some())
        };
        if !lines.iter().enumerate().any(|(k, l)| is_address(k, l)) {
            return None;
        }
        let mut parts = Vec::new();
        let mut before = String::new();
        for (k, line) in lines.iter().enumerate() {
            if is_address(k, line) {
                let url = line.trim();
                let player = match self.service_embed(url, None, None) {
                    Some(player) => Some(player),
                    // Said already, as what to do about it.
                    None if parse_service_url(url).is_some() => None,
                    None if self.unsupported(url, None) => None,
                    None => {
                        let service = embed_service(url).unwrap_or_else(|| "an unknown service".into());
                        self.embed_link(url, &service, None)
                    }
                };
                parts.push((std::mem::take(&mut before), Some(player)));
            } else {
                if k > 0 {
                    before.push('\n');
                }
                before.push_str(line);
            }
        }
        parts.push((before, None));
        Some(parts)
    }

    /// One paragraph's pieces: images and videos inside it become blocks of
    /// their own, a lone video URL becomes a video.
    fn paragraphs(&mut self, pieces: Vec<Piece>) {
        let mut run = Vec::new();
        let mut marks = Vec::new();
        for piece in pieces {
            match piece {
                Piece::Block(draft) => {
                    self.paragraph(std::mem::take(&mut run), &mut marks);
                    self.emit(draft);
                }
                Piece::Feedback(i) => marks.push(i),
                other => run.push(other),
            }
        }
        self.paragraph(run, &mut marks);
        self.pending.append(&mut marks);
    }

    /// Lines a writer broke by hand (`<br>`, or single newlines in the
    /// classic editor: lyrics, a poem, an interview's Q and A) would run
    /// together in one paragraph, which holds no line breaks: each line is
    /// a paragraph of its own, and a service's URL on a line of its own is a
    /// player, as WordPress makes it.
    fn paragraph(&mut self, run: Vec<Piece>, marks: &mut Vec<usize>) {
        let mut lines: Vec<Vec<Piece>> = vec![Vec::new()];
        for piece in run {
            match piece {
                Piece::Break => lines.push(Vec::new()),
                other => lines.last_mut().map_or((), |line| line.push(other)),
            }
        }
        // A line with no words (a break at a paragraph's end) is no line.
        let has_words = |line: &Vec<Piece>| line.iter().any(|p| matches!(p, Piece::Text(t, _) if !t.trim().is_empty()));
        let lines: Vec<Vec<Piece>> = lines.into_iter().filter(has_words).collect();
        if lines.len() > 2 {
            self.note(format!("lines broken by hand kept as {} paragraphs", lines.len()));
        }
        for line in lines {
            self.line_paragraph(line, marks);
        }
    }

    fn line_paragraph(&mut self, run: Vec<Piece>, marks: &mut Vec<usize>) {
        let content = inlines(run, " ");
        if content.iter().all(|i| i.text.trim().is_empty()) {
            return;
        }
        self.pending.append(marks);
        let text = crate::model::plain_text(&content);
        let lone_url = content.len() == 1 && !text.contains(' ') && text.starts_with("http");
        if lone_url {
            // WordPress makes a player of a service's URL on a line of its own.
            if let Some(player) = self.service_embed(&text, None, None) {
                self.emit(player);
                return;
            }
            if let Some(service) = embed_service(&text) {
                // A player's address it could not make one of was reported,
                // with what to put instead.
                if parse_service_url(&text).is_some() {
                    self.note(format!("embed of {service} left out"));
                } else if let Some(link) = self.embed_link(&text, &service, None) {
                    self.emit(link);
                }
                return;
            }
            // WordPress makes no player of it either: as a link it still
            // leads somewhere, which its bare text would not.
            if content.iter().all(|i| i.href.is_none()) && self.playlist_link(&text) {
                return;
            }
            if not_a_player(&text) == Some(NotAPlayer::YouTubePlaylist) {
                self.note(playlist_note(&text));
            }
        }
        self.emit(Draft::Paragraph(content));
    }

    fn heading(&mut self, node: NodeRef<'_, Node>, name: &str) {
        let anchor = element(node).and_then(|el| el.attr("id")).map(str::to_string);
        let Parts { blocks, mut marks, text } = parts(self.inline_pieces(node, &Style::default()));
        for _ in blocks {
            self.note("image inside a heading left out");
        }
        let content = inlines(text, " ");
        // A heading is words only: its link's words stay, where it led goes.
        let mut hrefs: Vec<&str> = Vec::new();
        for href in content.iter().filter_map(|i| i.href.as_deref()) {
            if !hrefs.contains(&href) {
                hrefs.push(href);
            }
        }
        for href in hrefs {
            push_note(
                &mut self.out.notes,
                format!("link to {href} in a heading left out (a heading holds no links); its words kept"),
            );
        }
        let text = crate::model::plain_text(&content);
        if text.trim().is_empty() {
            return;
        }
        self.pending.append(&mut marks);
        // The article's own title is its only h1: a heading 1 in a post's
        // body is one level below it.
        let level = match name {
            "h1" | "h2" => 2,
            "h3" => 3,
            "h4" => 4,
            "h5" => 5,
            _ => 6,
        };
        if let Some(anchor) = anchor {
            self.out.anchors.push((self.out.blocks.len(), anchor));
        }
        self.emit(Draft::Heading(level, text));
    }

    fn quote(&mut self, node: NodeRef<'_, Node>, caption: Option<String>) {
        /// The `<cite>` that is all a paragraph holds (a dash before it aside).
        fn only_cite(p: NodeRef<'_, Node>) -> Option<NodeRef<'_, Node>> {
            let mut cite = None;
            for child in p.children() {
                match child.value() {
                    Node::Element(el) if el.name() == "cite" && cite.is_none() => cite = Some(child),
                    Node::Text(text) if text.trim().trim_start_matches(['—', '–', '-', '~']).trim().is_empty() => {}
                    Node::Comment(_) => {}
                    _ => return None,
                }
            }
            cite
        }

        /// A paragraph that is only a dash and a name (`— Somebody`), as a
        /// classic quote's last line often credits it: the name.
        fn dashed_credit(p: NodeRef<'_, Node>) -> Option<String> {
            let text = text_of(p);
            let name = text.strip_prefix('—').or_else(|| text.strip_prefix('–')).or_else(|| text.strip_prefix("--"))?;
            let name = name.trim();
            // A sentence after a dash is more of the quote's words.
            (!name.is_empty() && name.chars().count() <= 80 && !name.ends_with(['.', '!', '?']))
                .then(|| name.to_string())
        }

        let mut cite = caption;
        let mut pieces = Vec::new();
        // An image block inside the quote: its own figure, caption and all,
        // after the quote (its caption is not the quote's words).
        let mut figures = Vec::new();
        let mut after_block = false;
        let paragraphs: Vec<NodeRef<'_, Node>> = node
            .children()
            .filter(|c| {
                element(*c).is_some_and(|e| e.name() == "p") && !text_of(*c).is_empty() && only_cite(*c).is_none()
            })
            .collect();
        let dashed = paragraphs
            .last()
            .filter(|_| paragraphs.len() > 1)
            .and_then(|last| dashed_credit(*last).map(|name| (last.id(), name)));
        let spoken = paragraphs.len() - usize::from(dashed.is_some());
        if spoken > 1 {
            self.note(format!("quote of {spoken} paragraphs joined into one (a quote holds one paragraph)"));
        }
        for child in node.children() {
            if let Some((_, name)) = dashed.as_ref().filter(|(id, _)| *id == child.id()) {
                cite = Some(name.clone());
                continue;
            }
            if let Some(el) = element(child) {
                // WordPress's display wraps a classic quote's closing
                // `<cite>` in a paragraph of its own: still the credit.
                let credit = match el.name() {
                    "cite" | "footer" | "figcaption" => Some(child),
                    "p" => only_cite(child),
                    _ => None,
                };
                if let Some(credit) = credit {
                    let text = text_of(credit);
                    if !text.is_empty() {
                        cite = Some(text);
                    }
                    continue;
                }
                if el.name() == "figure"
                    && !child.descendants().any(|d| element(d).is_some_and(|e| e.name() == "blockquote"))
                {
                    figures.push((child, el));
                    continue;
                }
            }
            let mut inner = match element(child) {
                Some(el) => self.inline_pieces_of_element(child, el, &Style::default()),
                None => self.inline_pieces_of_node(child, &Style::default()),
            };
            // A block's end is a line's end on the page, whether or not the
            // markup has white space there (a tweet's `</p>&mdash; Name`).
            let block = element(child).is_some_and(|e| is_block_name(e.name()));
            if !pieces.is_empty() && (block || after_block) {
                pieces.push(Piece::Text(" ".into(), Style::default()));
            }
            after_block = block;
            pieces.append(&mut inner);
        }
        let Parts { blocks: images, mut marks, text } = parts(pieces);
        let content = inlines(text, " ");
        if content.iter().any(|i| !i.text.trim().is_empty()) {
            self.pending.append(&mut marks);
            self.emit(Draft::Quote(content, cite.map(without_dash).filter(|c| !c.is_empty())));
        }
        for image in images {
            self.emit(image);
        }
        for (figure, el) in figures {
            self.figure(figure, el);
        }
    }

    fn verse(&mut self, node: NodeRef<'_, Node>) {
        let pieces = self.inline_pieces(node, &Style::default());
        let mut marks = Vec::new();
        let mut text = String::new();
        for p in pieces {
            match p {
                Piece::Text(t, _) => text.push_str(&t),
                Piece::Break => text.push('\n'),
                Piece::Feedback(i) => marks.push(i),
                Piece::Block(_) => self.note("image inside a verse left out"),
            }
        }
        let lines: Vec<String> = text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
        let start = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
        let end = lines.iter().rposition(|l| !l.is_empty()).map(|e| e + 1).unwrap_or(start);
        let lines = lines.get(start..end).map(<[String]>::to_vec).unwrap_or_default();
        if lines.is_empty() {
            return;
        }
        self.pending.append(&mut marks);
        self.emit(Draft::Lyrics(lines, None));
    }

    fn list(&mut self, node: NodeRef<'_, Node>, ordered: bool) {
        let el = element(node);
        let numbering = Numbering {
            ordered,
            start: el.and_then(|el| el.attr("start")).and_then(|s| s.trim().parse().ok()).filter(|_| ordered),
            reversed: ordered && el.is_some_and(|el| el.attr("reversed").is_some()),
        };
        let mut items = Vec::new();
        let mut marks = Vec::new();
        let mut extra = Vec::new();
        self.list_items(node, &mut items, &mut marks, &mut extra, 0);
        if !items.is_empty() {
            self.pending.append(&mut marks);
            self.emit(Draft::List(numbering, items));
        }
        for d in extra {
            self.emit(d);
        }
    }

    fn list_items(
        &mut self,
        list: NodeRef<'_, Node>,
        items: &mut Vec<Vec<Inline>>,
        marks: &mut Vec<usize>,
        extra: &mut Vec<Draft>,
        depth: usize,
    ) {
        for li in list.children() {
            if element(li).is_none_or(|e| e.name() != "li") {
                continue;
            }
            let mut pieces = Vec::new();
            let mut nested = Vec::new();
            for child in li.children() {
                match element(child) {
                    Some(el) if matches!(el.name(), "ul" | "ol") => nested.push(child),
                    Some(el) => {
                        // Two paragraphs in one item are two sentences, not one word.
                        if !pieces.is_empty() && is_block_name(el.name()) {
                            pieces.push(Piece::Text(" ".into(), Style::default()));
                        }
                        pieces.extend(self.inline_pieces_of_element(child, el, &Style::default()))
                    }
                    None => pieces.extend(self.inline_pieces_of_node(child, &Style::default())),
                }
            }
            let Parts { blocks, marks: mut found, text } = parts(pieces);
            extra.extend(blocks);
            marks.append(&mut found);
            let item = inlines(text, " ");
            if item.iter().any(|i| !i.text.trim().is_empty()) {
                items.push(item);
            }
            for list in nested {
                if depth == 0 {
                    self.note("nested list flattened");
                }
                self.list_items(list, items, marks, extra, depth + 1);
            }
        }
    }

    fn figure(&mut self, node: NodeRef<'_, Node>, el: &Element) {
        let caption = node
            .children()
            .find(|c| element(*c).is_some_and(|e| e.name() == "figcaption"))
            .map(text_of)
            .filter(|t| !t.is_empty());
        if has_class(el, "wp-block-pullquote") {
            if let Some(bq) = node.descendants().find(|d| element(*d).is_some_and(|e| e.name() == "blockquote")) {
                self.quote(bq, caption);
            }
            return;
        }
        if has_class(el, "wp-block-embed") || has_class_prefix(el, "wp-block-embed-") {
            self.embed_figure(node, caption);
            return;
        }
        if has_class(el, "wp-block-table")
            || node.descendants().any(|d| element(d).is_some_and(|e| e.name() == "table"))
        {
            self.note("table left out");
            return;
        }
        if has_class(el, "wp-block-gallery") || has_class(el, "gallery") || has_class(el, "blocks-gallery-grid") {
            self.gallery(node);
            return;
        }
        if let Some(bq) = node.children().find(|c| element(*c).is_some_and(|e| e.name() == "blockquote")) {
            self.quote(bq, caption);
            return;
        }
        if has_class(el, "wp-block-audio") || has_class(el, "wp-block-video") {
            self.media_file(node, if has_class(el, "wp-block-audio") { "audio" } else { "video" }, caption);
            return;
        }
        if has_class(el, "wp-block-file") {
            self.note("file block left out");
            return;
        }
        let img = node.descendants().find(|d| element(*d).is_some_and(|e| e.name() == "img"));
        match img {
            Some(img) => {
                if let Some(figcaption) =
                    node.children().find(|c| element(*c).is_some_and(|e| e.name() == "figcaption"))
                {
                    self.caption_links(figcaption);
                }
                let picture = self.picture(img, caption.as_deref());
                self.emit(picture);
            }
            None => {
                self.blocks(node);
                self.flush();
            }
        }
    }

    /// An audio or video block's file: the reader has no player for files,
    /// so it stays on the old site, and its caption, which says what it is,
    /// becomes a paragraph that links to it there.
    fn media_file(&mut self, node: NodeRef<'_, Node>, kind: &str, caption: Option<String>) {
        let src = node
            .descendants()
            .filter_map(element)
            .filter(|e| matches!(e.name(), "audio" | "video" | "source"))
            .find_map(|e| e.attr("src").map(str::trim).filter(|s| !s.is_empty()))
            .map(|raw| self.links.rewrite(raw))
            .filter(|href| SafeHref::parse(href).is_some());
        let Some(caption) = caption else {
            match src {
                Some(src) => self.note(format!("{kind} file {src} left out (the reader has no player for files)")),
                None => self.note(format!("{kind} block left out (the reader has no player for files)")),
            }
            return;
        };
        match src {
            Some(src) => {
                self.note(format!(
                    "{kind} file {src} not moved (the reader has no player for files): its caption is a paragraph that links to it on the old site"
                ));
                self.emit(Draft::Paragraph(vec![Inline { text: caption, em: false, strong: false, href: Some(src) }]));
            }
            None => {
                self.note(format!(
                    "{kind} block left out (the reader has no player for files): its caption is a paragraph"
                ));
                self.emit(Draft::Paragraph(vec![Inline { text: caption, em: false, strong: false, href: None }]));
            }
        }
    }

    fn gallery(&mut self, node: NodeRef<'_, Node>) {
        let mut pictures = Vec::new();
        for d in node.descendants() {
            if element(d).is_none_or(|e| e.name() != "img") {
                continue;
            }
            // The caption of the image's own figure (not the gallery's).
            let figcaption = d
                .ancestors()
                .take_while(|a| a.id() != node.id())
                .find(|a| element(*a).is_some_and(|e| e.name() == "figure"))
                .and_then(|f| f.children().find(|c| element(*c).is_some_and(|e| e.name() == "figcaption")));
            if let Some(figcaption) = figcaption {
                self.caption_links(figcaption);
            }
            let caption = figcaption.map(text_of).filter(|t| !t.is_empty());
            pictures.push(self.picture(d, caption.as_deref()));
        }
        let caption = node.children().find(|c| element(*c).is_some_and(|e| e.name() == "figcaption"));
        // The gallery's own caption (what the pictures are, whose photos)
        // goes under its last picture, as it stood under them all; when that
        // picture has a caption of its own, it is a paragraph below them.
        let mut below = None;
        if let Some(caption) = caption.filter(|c| !text_of(*c).is_empty()) {
            match pictures.last_mut() {
                Some(Draft::Image(last))
                    if last.caption.is_none() && last.credit.is_none() && !last.library_caption =>
                {
                    self.caption_links(caption);
                    (last.caption, last.credit) = split_credit(&text_of(caption));
                }
                _ => below = Some(self.inline_pieces(caption, &Style::default())),
            }
        }
        for picture in pictures {
            self.emit(picture);
        }
        if let Some(pieces) = below {
            self.paragraphs(pieces);
        }
    }

    fn embed_figure(&mut self, node: NodeRef<'_, Node>, caption: Option<String>) {
        let iframe = node.descendants().find(|d| element(*d).is_some_and(|e| e.name() == "iframe"));
        let url = match iframe.and_then(element) {
            Some(f) => f.attr("src").unwrap_or_default().to_string(),
            None => node
                .descendants()
                .filter_map(element)
                .find(|e| has_class(e, "wp-block-embed__wrapper"))
                .map(|_| text_of(node).split_whitespace().next().unwrap_or_default().to_string())
                .unwrap_or_default(),
        };
        let title = iframe.and_then(element).and_then(|f| f.attr("title")).map(collapse).filter(|t| !t.is_empty());
        let named = title.clone();
        let label = caption.clone();
        match self.service_embed(&url, caption.or(title), iframe) {
            Some(player) => self.emit(player),
            None if parse_service_url(&url).is_some() => {}
            None if self.playlist_link(&url) => {}
            None if self.unsupported(&url, named.as_deref()) => {}
            None => {
                let what =
                    embed_service(&url).unwrap_or_else(|| host_of(&url).unwrap_or_else(|| "an unknown service".into()));
                if let Some(link) = self.embed_link(&url, &what, label.as_deref()) {
                    self.emit(link);
                }
            }
        }
    }

    /// A post on a service this reader has no player for (a tweet, an
    /// Instagram picture, a TikTok) as a link to it, its caption the link's
    /// words: what WordPress shows of an embed it cannot fetch. A player's
    /// own frame address (`…/embed/…`) leads to no page a reader can use,
    /// and is left out; the report says which.
    fn embed_link(&mut self, url: &str, service: &str, caption: Option<&str>) -> Option<Draft> {
        let url = url.trim();
        let page = (url.starts_with("https://") || url.starts_with("http://"))
            && !url.contains("/embed")
            && crate::model::SafeHref::parse(url).is_some();
        if !page {
            self.note(format!("embed of {service} left out"));
            return None;
        }
        self.note(format!("embed of {service} kept as a link to it (the reader shows no {service} posts)"));
        let text = caption.map(str::trim).filter(|c| !c.is_empty()).unwrap_or(url).to_string();
        Some(Draft::Paragraph(vec![Inline { text, em: false, strong: false, href: Some(url.to_string()) }]))
    }

    fn iframe_embed(&mut self, node: NodeRef<'_, Node>) -> Option<Draft> {
        let el = element(node)?;
        let src = el.attr("src").unwrap_or_default();
        let title = el.attr("title").map(collapse).filter(|t| !t.is_empty());
        let named = title.clone();
        let player = self.service_embed(src, title, Some(node));
        if player.is_none() && parse_service_url(src).is_none() && !self.unsupported(src, named.as_deref()) {
            let host = host_of(src).unwrap_or_else(|| "an unknown host".into());
            self.note(format!("iframe from {host} left out"));
        }
        player
    }

    /// The player a service's URL names, or `None` (with a note when the
    /// service is known but the URL is not enough). `iframe` is the player's
    /// iframe, whose content is Bandcamp's link to its page.
    fn service_embed(&mut self, url: &str, label: Option<String>, iframe: Option<NodeRef<'_, Node>>) -> Option<Draft> {
        match parse_service_url(url)? {
            ServiceUrl::BandcampPlayer { kind, id } => {
                let link = iframe.and_then(|f| bandcamp_link(&text_of(f)));
                let source = link.as_ref().and_then(|(href, _)| {
                    AudioSource::parse(AudioFields {
                        provider: "bandcamp",
                        kind: kind.as_str(),
                        audio_id: Some(id.as_str()),
                        storefront: None,
                        url: Some(href),
                    })
                    .ok()
                });
                match source {
                    Some(source) => Some(Draft::Embed {
                        service: ServiceUrl::Audio(source),
                        label: label.or(link.map(|(_, text)| text)).filter(|t| !t.is_empty()),
                    }),
                    None => {
                        self.note("Bandcamp player left out: its embed code does not link its album or track page");
                        None
                    }
                }
            }
            ServiceUrl::BandcampPage(_) => {
                self.note("Bandcamp page left out: its player needs the number in Bandcamp's embed code");
                None
            }
            service => {
                // The same words the Markdown compiler has for them.
                if matches!(service, ServiceUrl::Video(_)) {
                    for unused in crate::markdown::media::unused_video_parameters(url) {
                        self.note(format!("video {}: {unused}", url.trim()));
                    }
                }
                Some(Draft::Embed { service, label })
            }
        }
    }

    fn inline_pieces(&mut self, node: NodeRef<'_, Node>, style: &Style) -> Vec<Piece> {
        let mut out = Vec::new();
        for child in node.children() {
            out.extend(self.inline_pieces_of_node(child, style));
        }
        out
    }

    fn inline_pieces_of_node(&mut self, node: NodeRef<'_, Node>, style: &Style) -> Vec<Piece> {
        match node.value() {
            Node::Text(t) => vec![Piece::Text(t.to_string(), style.clone())],
            Node::Element(el) => self.inline_pieces_of_element(node, el, style),
            _ => Vec::new(),
        }
    }

    fn inline_pieces_of_element(&mut self, node: NodeRef<'_, Node>, el: &Element, style: &Style) -> Vec<Piece> {
        let name = el.name();
        // A place a table of contents or another page links to, as the
        // classic editor and its plugins name one: the block it is in (or,
        // between blocks, the next) keeps the name.
        if let Some(place) = place_name(el) {
            self.named.push(place);
        }
        let mut inner = style.clone();
        match name {
            "em" | "i" | "cite" | "dfn" | "var" => inner.em = true,
            "strong" | "b" => inner.strong = true,
            "sup" if el.attr("data-fn").is_some() || has_class(el, "fn") => {
                // A footnote's number: its link leads to the notes, which
                // are a list at the end of the article.
                return vec![Piece::Text(footnotes::mark(&text_of(node)), style.clone())];
            }
            // H₂O, E=mc², 1ˢᵗ: a number or sign raised or lowered keeps its
            // place in Unicode's own forms (text has no <sup>).
            "sup" | "sub" => {
                let text = text_of(node);
                if let Some(shifted) = shifted_text(&text, name == "sup") {
                    return vec![Piece::Text(shifted, style.clone())];
                }
            }
            "a" if is_footnote_backlink(el, node) || is_heading_anchor(el, node) => return Vec::new(),
            "a" => {
                inner.href = None;
                if let Some(raw) = el.attr("href") {
                    let href = self.links.rewrite(raw);
                    if SafeHref::parse(&href).is_some() {
                        if self.links.stays_on_old_site(&href) {
                            self.note(format!(
                                "link to {href} still leads to the old site (nothing imported is there)"
                            ));
                        }
                        inner.href = Some(href);
                    } else {
                        let shown: String = raw.chars().take(40).collect();
                        self.note(format!(
                            "link `{shown}` removed (not an http, https, mailto or site link); its text kept"
                        ));
                    }
                }
            }
            "br" => return vec![Piece::Break],
            "img" => {
                if let Some(words) = self.picture_as_words(node, el) {
                    return words.into_iter().map(|w| Piece::Text(w, style.clone())).collect();
                }
                return vec![Piece::Block(self.picture(node, None))];
            }
            "iframe" => return self.iframe_embed(node).map(Piece::Block).into_iter().collect(),
            "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "figure" | "figcaption"
            | "section" | "pre" => {}
            _ if name == FEEDBACK_TAG => {
                let mut out = Vec::new();
                if let Some(i) = el.attr("data-i").and_then(|i| i.parse::<usize>().ok()) {
                    out.push(Piece::Feedback(i));
                }
                out.extend(self.inline_pieces(node, style));
                return out;
            }
            _ if DROPPED.contains(&name) => {
                self.note(format!("<{name}> left out"));
                return Vec::new();
            }
            "code" | "kbd" | "samp" | "tt"
                if node.parent().and_then(|p| element(p)).is_none_or(|p| p.name() != "pre") =>
            {
                self.note("inline code shown as plain text (the page has no code style)");
            }
            // "moved from <s>May</s> June" would read "moved from May June":
            // the article has no strikethrough, so the publisher rewords it.
            "s" | "del" | "strike" => {
                let words = text_of(node);
                if !words.is_empty() {
                    self.note(format!(
                        "struck-out words “{words}” shown as plain text (the article has no strikethrough): reword the sentence so it reads right without them"
                    ));
                }
            }
            // Text has no <q>: its quotation marks are written out, as the
            // browser showed them.
            "q" => {
                let mut out = vec![Piece::Text("“".into(), style.clone())];
                out.extend(self.inline_pieces(node, &inner));
                out.push(Piece::Text("”".into(), style.clone()));
                return out;
            }
            // A reading above its word (`東京` read `とうきょう`) goes in
            // brackets after it, as browsers without ruby show it.
            "rt" if node
                .parent()
                .is_none_or(|ruby| !ruby.children().any(|c| element(c).is_some_and(|e| e.name() == "rp"))) =>
            {
                let mut out = vec![Piece::Text(" (".into(), style.clone())];
                out.extend(self.inline_pieces(node, &inner));
                out.push(Piece::Text(")".into(), style.clone()));
                return out;
            }
            _ if TRANSPARENT_INLINE.contains(&name) => {}
            "ul" | "ol" | "table" | "dl" => {
                self.note(format!("<{name}> inside running text left out"));
                return Vec::new();
            }
            _ => {}
        }
        self.inline_pieces(node, &inner)
    }
}

/// The "↩︎" link after a footnote, back to its number in the text: the
/// Footnotes block's (`#…-link`), or a classic plugin's or Markdown
/// converter's (`#fnref1`, "↩", "↑", "^"). The article's notes are a list
/// without such places to go back to.
fn is_footnote_backlink(el: &Element, node: NodeRef<'_, Node>) -> bool {
    let text = text_of(node);
    let text = text.trim().trim_end_matches(['\u{fe0e}', '\u{fe0f}']).trim();
    el.attr("href").is_some_and(|h| h.trim().starts_with('#')) && matches!(text, "↩" | "↑" | "^" | "⤴" | "↵")
}

/// A heading's link to its own place with no words (`#`, `¶`, `§`, `🔗`),
/// as anchor plugins and themes add: the article's headings have their own.
/// The place an inline element names: an `<a name>` or `<a id>` (the
/// classic editor's anchors) or a `span`'s `id` (where table-of-contents
/// plugins put theirs), but not the `more-12` span WordPress renders for
/// its "more" mark, which an export holds only as a comment.
fn place_name(el: &Element) -> Option<String> {
    let name = match el.name() {
        "a" => el.attr("id").or_else(|| el.attr("name")),
        "span" => el.attr("id"),
        _ => None,
    }?
    .trim();
    let more = name.strip_prefix("more-").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    (!name.is_empty() && !more).then(|| name.to_string())
}

/// A credit without the dash an editor typed before it (`<cite>— Fairuz`):
/// the page draws one before every credit.
fn without_dash(credit: String) -> String {
    let words = ["—", "―", "–", "- "].iter().find_map(|dash| credit.trim_start().strip_prefix(dash));
    match words.map(str::trim_start).filter(|w| !w.is_empty() && !w.starts_with('-')) {
        Some(words) => words.to_string(),
        None => credit,
    }
}

fn is_heading_anchor(el: &Element, node: NodeRef<'_, Node>) -> bool {
    el.attr("href").is_some_and(|h| h.trim().starts_with('#'))
        && !text_of(node).chars().any(char::is_alphanumeric)
        && node.ancestors().filter_map(element).any(|a| matches!(a.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
}

fn is_block_name(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "figure"
            | "pre"
            | "ul"
            | "ol"
            | "table"
            | "div"
            | "section"
            | "iframe"
            | "hr"
    )
}

fn is_inline_name(name: &str) -> bool {
    matches!(name, "a" | "em" | "i" | "strong" | "b" | "cite" | "dfn" | "var")
        || TRANSPARENT_INLINE.contains(&name)
        || name == FEEDBACK_TAG
}

fn blank_line(text: &str) -> bool {
    let mut lines = text.split('\n');
    lines.next();
    let mut middle: Vec<&str> = lines.collect();
    middle.pop();
    middle.iter().any(|l| l.trim().is_empty())
}

/// Splits at blank lines (a newline, optional spaces, a newline).
fn split_blank_lines(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut blank_run = false;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() && line.ends_with('\n') && parts.last().is_some_and(|p| p.ends_with('\n')) {
            blank_run = true;
            continue;
        }
        if blank_run {
            parts.push(String::new());
            blank_run = false;
        }
        if let Some(last) = parts.last_mut() {
            last.push_str(line);
        }
    }
    parts
}

/// Pieces of running text → inline runs: whitespace collapsed as a browser
/// would, neighbours with the same style merged, ends trimmed.
fn inlines(pieces: Vec<Piece>, line_break: &str) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    let mut last_space = true;
    for piece in pieces {
        let (text, style) = match piece {
            Piece::Text(t, s) => (t, s),
            Piece::Break => (line_break.to_string(), out.last().map(style_of).unwrap_or_default()),
            _ => continue,
        };
        let mut collapsed = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            // A no-break space next to a space (the classic editor's
            // "&nbsp; " after a sentence) is one space, as a browser shows it.
            let nbsp_by_space =
                c == '\u{a0}' && (last_space || chars.peek().is_some_and(|n| n.is_whitespace() && *n != '\u{a0}'));
            if (c.is_whitespace() && c != '\u{a0}') || nbsp_by_space {
                if !last_space {
                    collapsed.push(' ');
                    last_space = true;
                }
            } else if c.is_control() {
                // Invisible control characters pasted from word processors
                // (U+001A, U+0008) mean nothing on the page.
                continue;
            } else {
                collapsed.push(c);
                last_space = false;
            }
        }
        if collapsed.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(prev) if style_of(prev) == style => prev.text.push_str(&collapsed),
            _ => out.push(Inline { text: collapsed, em: style.em, strong: style.strong, href: style.href }),
        }
    }
    if let Some(last) = out.last_mut() {
        let trimmed = last.text.trim_end().len();
        last.text.truncate(trimmed);
    }
    out.retain(|i| !i.text.is_empty());
    out
}

fn style_of(i: &Inline) -> Style {
    Style { em: i.em, strong: i.strong, href: i.href.clone() }
}

/// The report line of a YouTube playlist's address, kept as a link.
fn playlist_note(url: &str) -> String {
    format!(
        "YouTube playlist {url} kept as a link: a video block plays one video (put one video's address on a line of \
         its own for a player)"
    )
}

/// What the report says about an address that belongs to a music or video
/// service but names no player, and what the publisher can do about it.
fn unsupported_player(url: &str) -> Option<String> {
    let why = match not_a_player(url)? {
        NotAPlayer::YouTubePlaylist => {
            "YouTube playlist player left out: a video block plays one video; link the playlist instead".into()
        }
        NotAPlayer::YouTubeLiveStream => {
            "YouTube channel live-stream player left out: a video block needs the video's own address".into()
        }
        NotAPlayer::UnlistedVimeo => "unlisted Vimeo video left out: its address carries a private key, which a \
                                      video block does not keep; link it instead"
            .into(),
        NotAPlayer::SoundCloudByNumber => "SoundCloud player left out: it names the track by number; put the \
                                           track's page address (soundcloud.com/artist/track) on a line of its own"
            .into(),
        NotAPlayer::ShortLink { full } => format!(
            "embed of a short link left out: open it in a browser and put the full address it leads to (such as \
             {full}) on a line of its own"
        ),
        NotAPlayer::OldITunes => "old iTunes player left out: put the music.apple.com address of the album, song \
                                  or playlist on a line of its own"
            .into(),
        NotAPlayer::Podcast => "Spotify podcast player left out: podcast episodes and shows have no player here; \
                                link them instead"
            .into(),
        NotAPlayer::MistypedId { service, rule } => {
            format!("{service} player left out: its id looks cut short or mistyped ({rule})")
        }
        NotAPlayer::AppleMusicWithoutCountry => "Apple Music player left out: its address has no country; put the \
                                                 music.apple.com/{country}/… address on a line of its own"
            .into(),
    };
    Some(why)
}

/// Visible text of a subtree, whitespace collapsed (script and style left out).
pub fn text_of(node: NodeRef<'_, Node>) -> String {
    let mut text = String::new();
    collect_text(node, &mut text);
    collapse(&text)
}

fn collect_text(node: NodeRef<'_, Node>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(el) if DROPPED.contains(&el.name()) => {}
            Node::Element(el) if el.name() == "br" => out.push(' '),
            // Blocks are lines apart on the page, with white space between
            // them in the markup or not.
            Node::Element(el) if is_block_name(el.name()) || el.name() == "li" => {
                out.push(' ');
                collect_text(child, out);
                out.push(' ');
            }
            Node::Element(_) => collect_text(child, out),
            _ => {}
        }
    }
}

/// A post's text as WordPress's automatic excerpt reads it: every tag
/// stripped, the fallback an iframe holds for browsers without frames
/// (Bandcamp's "Title by Artist") as text, and with `figures`, what figures
/// hold (block posts' excerpts leave out images and embeds, classic posts'
/// keep an iframe's fallback). Without `figures`, a figure that holds a
/// quote or a table stays: WordPress keeps pull quotes and tables.
pub fn text_as_excerpt_reads_it(html: &str, figures: bool) -> String {
    fn kept_by_excerpt(figure: NodeRef<'_, Node>) -> bool {
        figure.descendants().any(|d| d.value().as_element().is_some_and(|e| matches!(e.name(), "blockquote" | "table")))
    }
    fn walk(node: NodeRef<'_, Node>, figures: bool, out: &mut String) {
        for child in node.children() {
            match child.value() {
                Node::Text(t) if node.value().as_element().is_some_and(|e| e.name() == "iframe") => {
                    out.push_str(&html_to_text(t));
                }
                Node::Text(t) => out.push_str(t),
                Node::Element(el) if matches!(el.name(), "script" | "style" | "template") => {}
                Node::Element(el) if !figures && el.name() == "figure" && !kept_by_excerpt(child) => {}
                Node::Element(_) => walk(child, figures, out),
                _ => {}
            }
            out.push(' ');
        }
    }
    let doc = Html::parse_fragment(html);
    let mut out = String::new();
    walk(*doc.root_element(), figures, &mut out);
    collapse(&out)
}

/// Whitespace runs as one space, ends trimmed.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// HTML (a title, an excerpt, a caption) → its text.
pub fn html_to_text(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    text_of(*doc.root_element())
}

fn image_ref(el: &Element, caption: Option<&str>) -> ImageRef {
    // Lazy-loading plugins put the image's address in `data-lazy-src` or
    // `data-src` and a placeholder (often a `data:` GIF) in `src`: the
    // address is what their script would show.
    let src = ["data-lazy-src", "data-src", "src", "data-orig-file"]
        .iter()
        .filter_map(|a| el.attr(a).map(str::trim))
        .find(|s| !s.is_empty() && !s.get(..5).is_some_and(|head| head.eq_ignore_ascii_case("data:")))
        .unwrap_or_default()
        .to_string();
    let attachment = el
        .classes()
        .find_map(|c| c.strip_prefix("wp-image-").and_then(|n| n.parse::<u64>().ok()))
        .or_else(|| el.attr("data-ln-attachment").and_then(|n| n.parse().ok()))
        .or_else(|| el.attr("data-id").and_then(|n| n.trim().parse().ok()));
    let (caption, credit) = match caption {
        Some(c) => split_credit(c),
        None => (None, None),
    };
    ImageRef {
        src,
        attachment,
        alt: el.attr("alt").map(collapse).unwrap_or_default(),
        width: el.attr("width").and_then(|w| w.trim().parse().ok()),
        height: el.attr("height").and_then(|h| h.trim().parse().ok()),
        caption,
        credit,
        library_caption: el.attr("data-ln-library-caption").is_some(),
        link: None,
    }
}

const CREDIT_WORDS: [&str; 16] = [
    "photo:",
    "photograph:",
    "photos:",
    "credit:",
    "illustration:",
    "image:",
    "picture:",
    // Magazines in other languages write their credits so too.
    "foto:",
    "fotos:",
    "bild:",
    "photo :",
    "photos :",
    "crédit :",
    "crédit:",
    "ilustración:",
    "ilustração:",
];

/// "The stage. Photo: Rosa Lindqvist" → ("The stage.", "Photo: Rosa Lindqvist").
pub fn split_credit(text: &str) -> (Option<String>, Option<String>) {
    let text = collapse(text);
    let lower = text.to_lowercase();
    let at = CREDIT_WORDS
        .iter()
        .filter_map(|w| lower.rfind(w))
        .chain(lower.rfind('©'))
        .filter(|&i| i == 0 || lower[..i].ends_with(' '))
        .max();
    // Lowercasing can change byte lengths; only split where both agree.
    match at.filter(|&i| lower.len() == text.len() && text.is_char_boundary(i)) {
        Some(i) => {
            let caption = text[..i].trim().to_string();
            let credit = text[i..].trim().to_string();
            ((!caption.is_empty()).then_some(caption), (!credit.is_empty()).then_some(credit))
        }
        None => ((!text.is_empty()).then_some(text), None),
    }
}

/// Whether two hosts (as `split_url` gives them) are one site: a site
/// moved to or from `www.` keeps links and images written both ways.
pub fn same_host(a: &str, b: &str) -> bool {
    a.strip_prefix("www.").unwrap_or(a) == b.strip_prefix("www.").unwrap_or(b)
}

/// Scheme, host and the rest of an absolute URL (`//host` counts as http).
pub fn split_url(url: &str) -> Option<(String, String, String)> {
    let url = url.trim();
    let (scheme, rest) = if let Some(r) = url.strip_prefix("//") {
        ("http".to_string(), r)
    } else {
        let (s, r) = url.split_once("://")?;
        (s.to_ascii_lowercase(), r)
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].rsplit('@').next().unwrap_or_default().to_ascii_lowercase();
    if host.is_empty() {
        return None;
    }
    Some((scheme, host, rest[end..].to_string()))
}

fn host_of(url: &str) -> Option<String> {
    split_url(url).map(|(_, host, _)| host)
}

/// The link Bandcamp's embed code puts inside its iframe (for browsers
/// without frames): the album or track page, and "Title by Artist".
fn bandcamp_link(fallback: &str) -> Option<(String, String)> {
    let doc = Html::parse_fragment(fallback);
    doc.root_element().descendants().find_map(|d| {
        let a = element(d).filter(|e| e.name() == "a")?;
        Some((a.attr("href")?.trim().to_string(), text_of(d)))
    })
}

/// The name of a music or video service the reader cannot show yet.
fn embed_service(url: &str) -> Option<String> {
    let host = host_of(url)?;
    let host = host.trim_start_matches("www.");
    let name = match host {
        "open.spotify.com" | "spotify.com" => "Spotify",
        "music.apple.com" | "embed.music.apple.com" => "Apple Music",
        "soundcloud.com" | "w.soundcloud.com" => "SoundCloud",
        h if h.ends_with("bandcamp.com") => "Bandcamp",
        "vimeo.com" | "player.vimeo.com" => "Vimeo",
        "twitter.com" | "x.com" => "Twitter",
        "instagram.com" => "Instagram",
        "tiktok.com" => "TikTok",
        "mixcloud.com" => "Mixcloud",
        "on.soundcloud.com" => "SoundCloud",
        // More of WordPress's own embed providers, and music services
        // readers paste.
        "dailymotion.com" | "dai.ly" => "Dailymotion",
        "tidal.com" | "listen.tidal.com" => "Tidal",
        "deezer.com" | "link.deezer.com" => "Deezer",
        "audiomack.com" => "Audiomack",
        "reverbnation.com" => "ReverbNation",
        "ted.com" => "TED",
        "flickr.com" | "flic.kr" => "Flickr",
        "imgur.com" => "Imgur",
        "reddit.com" => "Reddit",
        "tumblr.com" => "Tumblr",
        "facebook.com" => "Facebook",
        "twitch.tv" => "Twitch",
        _ => return None,
    };
    Some(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(html: &str, flavour: Flavour) -> (Vec<Draft>, Vec<String>) {
        let mapped = map_post(html, flavour, &KeepLinks);
        (mapped.blocks, mapped.notes)
    }

    #[test]
    fn a_soundcloud_player_wordpress_names_by_number_says_what_helps_where_it_was_read() {
        // As WordPress renders a track given by its page address, and as the
        // stored post holds a pasted embed code.
        let iframe = r#"<figure class="wp-block-embed is-provider-soundcloud"><div class="wp-block-embed__wrapper"><iframe title="Harbour Lights by Kestrel Lamps" src="https://w.soundcloud.com/player/?visual=true&amp;url=https%3A%2F%2Fapi.soundcloud.com%2Ftracks%2F1234567&amp;show_artwork=true"></iframe></div></figure>"#;
        let (blocks, rendered) = notes(iframe, Flavour::Rendered);
        assert!(blocks.is_empty());
        assert!(
            rendered.iter().any(|n| n.starts_with("SoundCloud player “Harbour Lights by Kestrel Lamps” left out")
                && n.contains("--user")
                && n.contains("export")),
            "{rendered:?}"
        );
        let (_, stored) = notes(&format!("<!-- wp:html -->{iframe}<!-- /wp:html -->"), Flavour::Stored);
        assert!(stored.iter().any(|n| n.contains("put the track's page address")), "{stored:?}");
        assert!(!stored.iter().any(|n| n.contains("--user")), "{stored:?}");
    }

    fn words(blocks: &[Draft]) -> Vec<String> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Draft::Paragraph(c) => {
                    Some(c.iter().map(|i| if i.strong { format!("**{}**", i.text) } else { i.text.clone() }).collect())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_quotation_keeps_its_marks_and_a_reading_comes_in_brackets_after_its_word() {
        let (blocks, _) = notes(
            "<p>She called it <q>a <em>ferry</em> record</q>.</p><p><ruby>東京<rt>とうきょう</rt></ruby> and <ruby>大阪<rp>(</rp><rt>おおさか</rt><rp>)</rp></ruby></p>",
            Flavour::Rendered,
        );
        assert_eq!(words(&blocks), ["She called it “a ferry record”.", "東京 (とうきょう) and 大阪(おおさか)"]);
    }

    #[test]
    fn a_details_block_and_a_definition_list_keep_their_words_as_bold_lines_above_their_text() {
        let details = "<!-- wp:details --><details class=\"wp-block-details\"><summary>What is on the deluxe edition?</summary>\
                       <!-- wp:paragraph --><p>Two demos and a <em>live</em> take.</p><!-- /wp:paragraph --></details><!-- /wp:details -->";
        let (blocks, said) = notes(details, Flavour::Stored);
        assert_eq!(words(&blocks), ["**What is on the deluxe edition?**", "Two demos and a live take."]);
        assert!(said.iter().any(|n| n.starts_with("details block shown open")), "{said:?}");
        let list = "<dl><dt>Producer</dt><dd>Ana Ruiz</dd><div><dt>Mixed by</dt><dd><p>Ola Berg</p><p>at Studio 9</p></dd></div></dl>";
        let (blocks, said) = notes(list, Flavour::Rendered);
        assert_eq!(words(&blocks), ["**Producer**", "Ana Ruiz", "**Mixed by**", "Ola Berg", "at Studio 9"]);
        assert!(said.iter().any(|n| n.starts_with("definition list shown as paragraphs")), "{said:?}");
    }

    #[test]
    fn a_youtube_playlist_on_a_line_of_its_own_is_a_link_with_a_report_line() {
        let url = "https://www.youtube.com/playlist?list=PL1234567890ABCDEF";
        for (html, flavour) in [
            (format!("<p>{url}</p>"), Flavour::Rendered),
            (format!("Before.\n\n{url}\n\nAfter."), Flavour::Stored),
            (
                format!(
                    "<!-- wp:embed {{\"url\":\"{url}\"}} -->\n<figure class=\"wp-block-embed is-provider-youtube\"><div class=\"wp-block-embed__wrapper\">\n{url}\n</div></figure>\n<!-- /wp:embed -->"
                ),
                Flavour::Stored,
            ),
        ] {
            let (blocks, notes) = notes(&html, flavour);
            let linked = blocks.iter().any(|b| {
                matches!(b, Draft::Paragraph(c) if c.len() == 1 && c[0].href.as_deref() == Some(url) && c[0].text == url)
            });
            assert!(linked, "{html}: {}", blocks.len());
            assert!(notes.iter().any(|n| n.starts_with(&format!("YouTube playlist {url} kept as a link"))), "{notes:?}");
        }
    }

    #[test]
    fn a_quote_of_several_paragraphs_is_joined_with_a_report_line_and_a_dashed_last_line_is_its_cite() {
        for (html, flavour) in [
            (
                "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><p>Quote para one.</p><p>Quote para two.</p><cite>Ana</cite></blockquote>\n<!-- /wp:quote -->",
                Flavour::Stored,
            ),
            ("<blockquote><p>Quote para one.</p><p>Quote para two.</p><p>— Ana</p></blockquote>", Flavour::Rendered),
        ] {
            let (blocks, said) = notes(html, flavour);
            match blocks.as_slice() {
                [Draft::Quote(content, cite)] => {
                    assert_eq!(content.iter().map(|i| i.text.as_str()).collect::<String>(), "Quote para one. Quote para two.");
                    assert_eq!(cite.as_deref(), Some("Ana"), "{html}");
                }
                other => panic!("{html}: {}", other.len()),
            }
            assert!(said.iter().any(|n| n.starts_with("quote of 2 paragraphs joined")), "{said:?}");
        }
        // A dash that opens a sentence is the quote's own words.
        let (blocks, said) =
            notes("<blockquote><p>One.</p><p>— and then it ended.</p></blockquote>", Flavour::Rendered);
        assert!(matches!(blocks.as_slice(), [Draft::Quote(_, None)]), "{}", blocks.len());
        assert!(said.iter().any(|n| n.starts_with("quote of 2 paragraphs")), "{said:?}");
        // One paragraph: nothing to say, also with its credit in a paragraph of its own.
        for html in [
            "<blockquote><p>Only one.</p><p>— Ana</p></blockquote>",
            "<blockquote><p>Only one.</p><p><cite>Ana</cite></p></blockquote>",
            // The dash typed in the credit: the page draws its own.
            "<blockquote class=\"wp-block-quote\"><p>Only one.</p><cite>— Ana</cite></blockquote>",
            "<blockquote><p>Only one.</p><cite>- Ana</cite></blockquote>",
        ] {
            let (blocks, said) = notes(html, Flavour::Rendered);
            assert!(said.is_empty(), "{html}: {said:?}");
            assert!(matches!(blocks.as_slice(), [Draft::Quote(_, Some(c))] if c == "Ana"), "{html}");
        }
        let (_, said) = notes("<p>Part one.</p><hr class=\"wp-block-separator\"><p>Part two.</p>", Flavour::Rendered);
        assert!(said.iter().any(|n| n.starts_with("separator")), "{said:?}");
    }

    #[test]
    fn a_smiley_or_a_line_sized_picture_in_a_sentence_keeps_the_sentence_whole() {
        let text = |blocks: &[Draft]| -> Vec<String> {
            blocks
                .iter()
                .map(|b| match b {
                    Draft::Paragraph(c) => c.iter().map(|i| i.text.as_str()).collect::<String>(),
                    Draft::Image(_) => "[image]".to_string(),
                    _ => "[other]".to_string(),
                })
                .collect()
        };
        let smiley = r#"<img src="https://mag.example/wp-includes/images/smilies/simple-smile.png" alt=":)" class="wp-smiley" style="height: 1em; max-height: 1em;" />"#;
        let emoji = r#"<img draggable="false" role="img" class="emoji" alt="🎷" src="https://s.w.org/images/core/emoji/14.0.0/svg/1f3b7.svg">"#;
        for flavour in [Flavour::Rendered, Flavour::Stored] {
            let html = format!("<p>What a night {smiley} and that sax {emoji} too.</p>");
            let (blocks, notes) = notes(&html, flavour);
            assert_eq!(text(&blocks), ["What a night :) and that sax 🎷 too."], "{flavour:?}");
            assert!(notes.is_empty(), "{notes:?}");
        }
        // Classic text, with no paragraph of its own.
        let (blocks, _) = notes(&format!("Loved it {smiley}\n\nNext paragraph."), Flavour::Stored);
        assert_eq!(text(&blocks), ["Loved it :)", "Next paragraph."]);

        let stars = r#"<p>Rated <img src="https://mag.example/wp-content/uploads/4stars.png" style="width:60px" alt="four stars"> by our critic.</p>"#;
        let (blocks, said) = notes(stars, Flavour::Rendered);
        assert_eq!(text(&blocks), ["Rated four stars by our critic."]);
        assert!(said.iter().any(|n| n.contains("4stars.png") && n.contains("“four stars”")), "{said:?}");
        // A picture of its own size stays a picture, even in a sentence.
        let photo = r#"<p>Backstage: <img src="https://mag.example/wp-content/uploads/b.jpg" width="600" height="400" alt="The band backstage"></p>"#;
        assert_eq!(text(&notes(photo, Flavour::Rendered).0), ["Backstage:", "[image]"]);
    }

    #[test]
    fn a_link_in_a_caption_keeps_its_words_and_is_named_in_the_report() {
        let html = "[caption id=\"attachment_9\" width=\"600\"]<img src=\"https://mag.example/wp-content/uploads/sleeve.jpg\" alt=\"The sleeve\" width=\"600\" height=\"600\"> The sleeve, designed by <a href=\"https://artist.example/\">Halla Studio</a>.[/caption]";
        let (blocks, notes) = notes(html, Flavour::Stored);
        match blocks.as_slice() {
            [Draft::Image(i)] => assert_eq!(i.caption.as_deref(), Some("The sleeve, designed by Halla Studio.")),
            other => panic!("{}", other.len()),
        }
        assert!(notes.iter().any(|n| n.contains("https://artist.example/") && n.contains("caption")), "{notes:?}");
    }

    #[test]
    fn a_start_time_in_a_rendered_player_is_reported_as_in_the_address() {
        // YouTube's oEmbed answer turns `t=90s` into `start=90`.
        let html = r#"<figure class="wp-block-embed is-provider-youtube"><div class="wp-block-embed__wrapper"><iframe title="A player demonstration video" src="https://www.youtube.com/embed/M7lc1UVf-VE?start=90&amp;feature=oembed"></iframe></div></figure>"#;
        let (blocks, notes) = notes(html, Flavour::Rendered);
        assert_eq!(blocks.len(), 1);
        assert!(notes.iter().any(|n| n.contains("`start=90`")), "{notes:?}");
    }

    #[test]
    fn a_credit_is_told_from_its_caption_in_the_magazines_language() {
        for (text, caption, credit) in [
            ("The stage. Photo: Rosa Lindqvist", "The stage.", "Photo: Rosa Lindqvist"),
            ("Der Keller um zwei Uhr. Foto: Piet de Vries", "Der Keller um zwei Uhr.", "Foto: Piet de Vries"),
            ("La scène. Photo : Léa Martin", "La scène.", "Photo : Léa Martin"),
            ("El escenario. Ilustración: Ana Ruiz", "El escenario.", "Ilustración: Ana Ruiz"),
        ] {
            assert_eq!(split_credit(text), (Some(caption.to_string()), Some(credit.to_string())), "{text}");
        }
        assert_eq!(split_credit("Fotografie in the rain"), (Some("Fotografie in the rain".to_string()), None));
    }
}
