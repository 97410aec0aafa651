//! The CommonMark body, compiled block by block into the article's typed
//! blocks. Constructs the reader has no place for are recognised (tables,
//! footnotes, task lists and strikethrough are parsed on purpose) so each
//! can be reported where it is, with what to write instead.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{BrokenLink, CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag};

use super::attributes::{self, Attribute, Attributes};
use super::image_size::{locate_image, resolve_image};
use super::media::{
    address_hint, is_short_link, not_a_player_address, raw_html_problem, recognize_embed, service_without_player,
    unused_video_parameters, Embed,
};
use super::{Context, LineIndex, Problem};
use crate::model::{AudioFields, AudioKind, AudioProvider, AudioSource, Block, Feedback, Image, Inline, SafeHref};

/// The attributes only a video or music player takes.
const PLAYER_ATTRIBUTES: [&str; 7] = ["artist", "artwork", "artwork_alt", "kind", "bandcamp_id", "poster", "title"];

/// The body's blocks and the passages that invite feedback.
pub(crate) struct Body {
    pub body: Vec<Block>,
    pub feedback: Vec<Feedback>,
    /// What compiles, but not quite as the writer may expect (a video's
    /// start time, which the block cannot hold).
    pub warnings: Vec<Problem>,
}

/// The extensions are on so that what they parse can be refused by name.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

/// One element of the parsed document, with its byte range and children.
struct Node<'a> {
    kind: Kind<'a>,
    range: Range<usize>,
    children: Vec<Node<'a>>,
}

enum Kind<'a> {
    Tag(Tag<'a>),
    Event(Event<'a>),
}

fn tree(text: &str) -> Vec<Node<'_>> {
    fn attach<'a>(stack: &mut [Node<'a>], roots: &mut Vec<Node<'a>>, node: Node<'a>) {
        match stack.last_mut() {
            Some(parent) => parent.children.push(node),
            None => roots.push(node),
        }
    }
    let mut stack: Vec<Node<'_>> = Vec::new();
    let mut roots = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => stack.push(Node { kind: Kind::Tag(tag), range, children: Vec::new() }),
            Event::End(_) => {
                if let Some(node) = stack.pop() {
                    attach(&mut stack, &mut roots, node);
                }
            }
            other => attach(&mut stack, &mut roots, Node { kind: Kind::Event(other), range, children: Vec::new() }),
        }
    }
    while let Some(node) = stack.pop() {
        attach(&mut stack, &mut roots, node);
    }
    roots
}

/// An attribute line: where it is, and what it says.
struct AttributeLine {
    range: Range<usize>,
    attributes: Attributes,
}

/// Finds the attribute lines (`{…}` alone on a line, indented by at most
/// three spaces as any block start may be, outside code and HTML blocks)
/// and blanks them out, so the blocks below parse as if they were not
/// there. Offsets stay the same.
fn take_attribute_lines(text: &str, base: usize, problems: &mut Vec<(usize, String)>) -> (String, Vec<AttributeLine>) {
    let mut protected: Vec<Range<usize>> = Vec::new();
    let mut containers: Vec<(Range<usize>, &str)> = Vec::new();
    let mut paragraphs: Vec<Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => protected.push(range),
            Event::Start(Tag::List(_)) => containers.push((range, "a list")),
            Event::Start(Tag::BlockQuote(_)) => containers.push((range, "a quote")),
            Event::Start(Tag::Paragraph) => paragraphs.push(range),
            _ => {}
        }
    }
    let mut found = Vec::new();
    let mut bytes = text.as_bytes().to_vec();
    let mut start = 0;
    while start < text.len() {
        let end = text.get(start..).and_then(|s| s.find('\n')).map_or(text.len(), |i| start + i);
        let (indent, line) = block_indent(text.get(start..end).unwrap_or(""));
        let at = start + indent;
        let is_protected = protected.iter().any(|r| r.contains(&start));
        let inside = containers.iter().find(|(r, _)| r.start < start && start < r.end).map(|(_, kind)| *kind);
        let in_quote = containers.iter().any(|(r, kind)| *kind == "a quote" && r.start <= start && start < r.end);
        if in_quote && !is_protected {
            // `> {#id}`: after the quote's own marks, an attribute line
            // would be published as the quote's text.
            let (marks, rest) = quote_marks(line);
            if marks > 0 && attributes::looks_like_attributes(rest) {
                problems.push((
                    base + at + marks,
                    "this attribute line is inside a quote: attributes go on a line of their own directly above \
                     the quote's first line, after a blank line"
                        .to_string(),
                ));
                start = end + 1;
                continue;
            }
        }
        if is_protected
            || !(attributes::looks_like_attributes(line) || attributes::looks_like_unclosed_attributes(line))
        {
            start = end + 1;
            continue;
        }
        let below_attributes = text
            .get(..start.saturating_sub(1))
            .and_then(|before| before.rsplit('\n').next())
            .is_some_and(|above| attributes::looks_like_attributes(block_indent(above).1));
        if let Some(message) = shortcode_problem(line) {
            // Whatever is around it: a shortcode is not an attribute line.
            problems.push((base + at, message));
        } else if inside.is_none() && !below_attributes && paragraphs.iter().any(|r| r.start < start && start < r.end) {
            // Right below a paragraph's line, it reads as the paragraph's
            // own (some Markdown tools put attributes after their block),
            // yet here attributes are for the block below: say which.
            problems.push((
                base + at,
                "this attribute line is right below a line of text: attributes go on a line of their own directly \
                 above the block they are for, after a blank line"
                    .to_string(),
            ));
        } else if let Some(kind) = inside {
            // Blanked out, the line would split the list or quote around it
            // and give its attributes to another block.
            problems.push((
                base + at,
                format!(
                    "this attribute line is inside {kind}: attributes go on a line of their own directly above the \
                     block they are for (for {kind}, above its first line), after a blank line"
                ),
            ));
        } else if attributes::looks_like_attributes(line) {
            match attributes::parse(line, base + at) {
                Ok(attributes) => found.push(AttributeLine { range: start..end, attributes }),
                Err((at, message)) => problems.push((at, message)),
            }
        } else {
            // Published as text, `{#ok` would show the reader the markup
            // meant for the block below it.
            let line = line.trim_end();
            problems.push((
                base + at,
                format!(
                    "this attribute line has no closing brace: write `{line}}}` (or `\\{line}` to start a paragraph \
                     with a brace)"
                ),
            ));
        }
        if inside.is_none() {
            for b in bytes.get_mut(start..end).into_iter().flatten() {
                *b = b' ';
            }
        }
        start = end + 1;
    }
    // Whole lines became spaces, so the text is still UTF-8.
    let blanked = String::from_utf8(bytes).unwrap_or_else(|_| text.to_string());
    (blanked, found)
}

/// The web address that starts a text, if it is one.
fn bare_address(rest: &str) -> Option<&str> {
    let end = rest.find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>')).unwrap_or(rest.len());
    // A sentence's full stop or a closing bracket after the address is not part of it.
    let address = rest.get(..end)?.trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
    (address.len() > "https://".len()).then_some(address)
}

/// What to say of a Hugo or Jekyll shortcode (`{{< youtube ID >}}`,
/// `{% youtube ID %}`), which editors bring from those tools: it is read
/// as neither, so say what is, with the address for the two video ones.
fn shortcode_problem(line: &str) -> Option<String> {
    let inner = line
        .trim_end()
        .strip_prefix("{{<")
        .or_else(|| line.strip_prefix("{{%"))
        .or_else(|| line.strip_prefix("{%"))?
        .trim_end_matches(['}', '>', '%', ' ']);
    let mut words = inner.split_whitespace();
    let name = words.next().unwrap_or_default().to_ascii_lowercase();
    let words: Vec<&str> = words.collect();
    let named = |key: &str| {
        words.iter().find_map(|w| w.strip_prefix(key)?.strip_prefix('=').map(|v| v.trim_matches(['"', '\''])))
    };
    let id = named("id")
        .or_else(|| words.iter().map(|w| w.trim_matches(['"', '\''])).find(|w| !w.is_empty() && !w.contains('=')));
    let example = match (name.as_str(), id) {
        ("youtube", Some(id)) => format!(": write [Its title](https://www.youtube.com/watch?v={id}) alone on its line"),
        ("vimeo", Some(id)) => format!(": write [Its title](https://vimeo.com/{id}) alone on its line"),
        ("spotify", Some(id)) => {
            let kind = named("type").unwrap_or("track");
            format!(": write [Its title](https://open.spotify.com/{kind}/{id}) alone on its line")
        }
        ("figure" | "img" | "image" | "picture", _) => format!(
            ": a picture is written ![What it shows]({}) on a line of its own, with its caption as its title \
             (see Writing an article in the README)",
            named("src").unwrap_or("images/…")
        ),
        (closing, _) if closing.starts_with('/') => {
            ": write what was between it and its opening shortcode as plain Markdown, and remove both".to_string()
        }
        ("youtube" | "vimeo" | "spotify" | "soundcloud" | "bandcamp" | "audio" | "video" | "embed", _) => {
            ": a player is its address alone on a line, [Its title](https://…) (see Players in the README)".to_string()
        }
        _ => ": write what it shows as plain Markdown (a paragraph, a quote, a list), and remove it".to_string(),
    };
    Some(format!("shortcodes such as `{}` are not read here{example}", line.trim_end()))
}

/// Every line of text holds its text runs: a text node, and the soft
/// breaks and text nodes right after it.
/// Whether a rule of the site's `_redirects` (Netlify's and Cloudflare's
/// form: `FROM TO [STATUS]`, `:name` for one segment, `*` for the rest)
/// sends `path` (without its leading `/`) somewhere.
fn redirected(root: &std::path::Path, path: &str) -> bool {
    let Ok(rules) = std::fs::read_to_string(root.join("_redirects")) else { return false };
    let asked: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    rules.lines().filter_map(|line| line.split_whitespace().next()).filter(|from| from.starts_with('/')).any(|from| {
        let rule: Vec<&str> = from.trim_start_matches('/').trim_end_matches('/').split('/').collect();
        let mut asked = asked.iter();
        for part in &rule {
            if *part == "*" {
                return true;
            }
            match asked.next() {
                Some(seg) if part.starts_with(':') || part == seg => {}
                _ => return false,
            }
        }
        asked.next().is_none()
    })
}

fn text_runs(nodes: &[Node<'_>]) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut open = false;
    for node in nodes {
        let text = matches!(node.kind, Kind::Event(Event::Text(_) | Event::SoftBreak));
        match runs.last_mut() {
            Some(run) if text && open => run.end = node.range.end,
            _ if text => runs.push(node.range.clone()),
            _ => {}
        }
        open = text;
    }
    runs
}

/// The shortcodes WordPress itself and the common music plugins register.
const WORDPRESS_SHORTCODES: [&str; 12] = [
    "embed",
    "caption",
    "wp_caption",
    "gallery",
    "audio",
    "video",
    "playlist",
    "youtube",
    "vimeo",
    "soundcloud",
    "spotify",
    "bandcamp",
];

/// Where WordPress shortcodes open in a text, and their names.
fn wordpress_shortcodes(text: &str) -> Vec<(usize, &'static str)> {
    text.match_indices('[')
        .filter_map(|(at, _)| {
            let rest = text.get(at + 1..)?;
            // `[name key="value"]`, or `[name]…[/name]`: brackets in prose
            // (`the [video edit]`) have neither.
            let name = WORDPRESS_SHORTCODES.iter().find(|name| {
                rest.strip_prefix(**name).is_some_and(|after| match after.strip_prefix(']') {
                    Some(inside) => inside.contains(&format!("[/{name}]")),
                    None => after.starts_with(' ') && after.split(']').next().is_some_and(|a| a.contains('=')),
                })
            })?;
            Some((at, *name))
        })
        .collect()
}

/// What to write instead of a WordPress shortcode, with the address an
/// `[embed]` holds.
fn shortcode_advice(name: &str, written: &str) -> String {
    let end = written.find(']').map_or(written.len(), |i| i + 1);
    let opening = written.get(..end).unwrap_or(written);
    let shown = if opening.chars().count() > 40 {
        format!("{}…]", opening.chars().take(38).collect::<String>())
    } else {
        opening.to_string()
    };
    let advice = match name {
        "embed" => {
            let inside = written.get(end..).and_then(|r| r.split("[/embed]").next()).map(str::trim);
            match inside.filter(|a| a.starts_with("http")) {
                Some(address) => format!("write [Its title]({address}) alone on its line"),
                None => "write [Its title](https://…) alone on its line".to_string(),
            }
        }
        "caption" | "wp_caption" => {
            "write the image on a line of its own with its caption as its title, ![what it shows](images/….jpg \"The caption\")"
                .to_string()
        }
        "gallery" => "write each image on a line of its own, ![what it shows](images/….jpg)".to_string(),
        "audio" | "video" | "playlist" => "the reader plays music and video from a service's player: link the \
                                          track or video alone on its line, [Its title](https://…) (see Players in \
                                          the README)"
            .to_string(),
        _ => "a player is its address alone on a line, [Its title](https://…) (see Players in the README)".to_string(),
    };
    format!("`{shown}` is a WordPress shortcode, which Markdown publishes as written: {advice}")
}

/// How many bytes of quote marks (`>` and the spaces around them) start
/// a line, and the rest of it.
fn quote_marks(line: &str) -> (usize, &str) {
    let rest = line.trim_start_matches(['>', ' ']);
    (line.len() - rest.len(), rest)
}

/// Reference links (`[words][label]`, `[words][]`) whose label no
/// `[label]: address` line defines: where each is, and its label. A
/// bracket in the text alone (`[laughs]`) is words, not a link, and is not
/// listed.
fn unresolved_references(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let record = |link: BrokenLink<'_>| {
        let mut span = link.span;
        if link.link_type == LinkType::Collapsed && text.get(span.end..).is_some_and(|rest| rest.starts_with("[]")) {
            // The span ends before the empty brackets that made it a link.
            span.end += 2;
        }
        if matches!(link.link_type, LinkType::Reference | LinkType::Collapsed) {
            found.push((span, link.reference.to_string()));
        }
        None
    };
    Parser::new_with_broken_link_callback(text, options(), Some(record)).for_each(drop);
    found
}

/// A no-break space after a block's mark (`##\u{a0}Title`, `-\u{a0}item`,
/// `>\u{a0}quote`), as word processors and a Mac's Option-space write it:
/// read as the space Markdown needs there. Each becomes as many plain
/// spaces as it has bytes, so every offset into the text stays. Fenced
/// blocks (code, lyrics) keep theirs.
fn plain_spaces_after_marks(text: &str) -> String {
    const NO_BREAK: [char; 2] = ['\u{a0}', '\u{202f}'];
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<&str> = None;
    for line in text.split_inclusive('\n') {
        let start = line.trim_start();
        if let Some(mark) = fence {
            if start.starts_with(mark) {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if let Some(mark) = ["```", "~~~"].into_iter().find(|m| start.starts_with(m)) {
            fence = Some(mark);
            out.push_str(line);
            continue;
        }
        let mut rest = line;
        let take = |out: &mut String, rest: &mut &str, len: usize| {
            out.push_str(rest.get(..len).unwrap_or_default());
            *rest = rest.get(len..).unwrap_or_default();
            if let Some(space) = rest.chars().next().filter(|c| NO_BREAK.contains(c)) {
                out.extend(std::iter::repeat_n(' ', space.len_utf8()));
                *rest = rest.get(space.len_utf8()..).unwrap_or_default();
            }
        };
        // Quote marks, each with its space; then the block's own mark.
        loop {
            let spaces = rest.len() - rest.trim_start_matches(' ').len();
            if rest.get(spaces..).is_some_and(|r| r.starts_with('>')) {
                take(&mut out, &mut rest, spaces + 1);
            } else {
                break;
            }
        }
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let after = rest.get(spaces..).unwrap_or_default();
        let hashes = after.chars().take_while(|c| *c == '#').count();
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        let mark = if (1..=6).contains(&hashes) {
            hashes
        } else if after.starts_with(['-', '*', '+']) {
            1
        } else if (1..=9).contains(&digits) && after.get(digits..).is_some_and(|r| r.starts_with(['.', ')'])) {
            digits + 1
        } else {
            0
        };
        if mark > 0 {
            take(&mut out, &mut rest, spaces + mark);
        }
        out.push_str(rest);
    }
    out
}

/// `[label]: address` lines no link uses: Markdown shows none of them, so
/// a line written as a note (`[Update]: Postponed.`) would be lost.
/// Where each is, in the order of the text.
fn unused_definitions(text: &str) -> Vec<Range<usize>> {
    let key = |label: &str| label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let mut parser = Parser::new_ext(text, options());
    let used: std::collections::HashSet<String> = parser
        .by_ref()
        .filter_map(|event| match event {
            Event::Start(Tag::Link { link_type, id, .. } | Tag::Image { link_type, id, .. })
                if matches!(link_type, LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut) =>
            {
                Some(key(&id))
            }
            _ => None,
        })
        .collect();
    let mut unused: Vec<Range<usize>> = parser
        .reference_definitions()
        .iter()
        .filter(|(label, _)| !used.contains(&key(label)))
        .map(|(_, def)| def.span.clone())
        .collect();
    unused.sort_by_key(|span| span.start);
    unused
}

/// The indentation a block start may have (up to three spaces; four make
/// a code block), and the rest of the line.
/// Whether a line (its indent taken off) starts a list item: `-`, `+`,
/// `*` or `1.`/`1)` and a space.
fn starts_list_item(line: &str) -> bool {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let after = if digits > 0 && digits <= 9 {
        line.get(digits..).and_then(|r| r.strip_prefix(['.', ')']))
    } else {
        line.strip_prefix(['-', '+', '*'])
    };
    after.is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
}

fn block_indent(line: &str) -> (usize, &str) {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent <= 3 {
        (indent, line.get(indent..).unwrap_or(line))
    } else {
        (0, line)
    }
}

/// What the braces at the end of a subheading say.
enum HeadingId {
    /// No id: the heading's text ends some other way.
    None,
    /// An id, the braces as the heading's text ends with them, and where it is.
    Given { id: String, suffix: String, offset: usize },
    /// Braces meant as an id that cannot be one; the problem is reported.
    Refused,
}

#[derive(Clone, Default)]
struct Format {
    em: bool,
    strong: bool,
    href: Option<String>,
}

/// A block before its id is known.
struct Draft {
    block: Block,
    prefix: &'static str,
    attributes: Option<Attributes>,
    /// An id written after a heading (`## Title {#id}`).
    heading_id: Option<(String, usize)>,
    /// Where the block starts in the file.
    offset: usize,
    /// A service address and its title: the block is made once the
    /// attributes (artist, Bandcamp number, …) are known.
    embed: Option<(Embed, String)>,
    /// The address of a paragraph that is one link and nothing else: with
    /// a player's attributes above it, it was meant as a player.
    link: Option<String>,
}

struct Compiler<'c, 'a> {
    text: &'c str,
    base: usize,
    lines: &'c LineIndex<'a>,
    context: &'c Context,
    problems: &'c mut Vec<Problem>,
    warnings: Vec<Problem>,
    /// Links to a block of this article (`#id`), with where they are.
    fragments: Vec<(String, usize)>,
    /// Other articles read for the passages links name (`/article/x#id`):
    /// their title and block ids, once each however many links name them.
    others: std::collections::HashMap<String, Option<(String, Vec<String>)>>,
}

/// Compiles the body (the text from `body_start`). Problems go to
/// `problems`; the body comes back with its warnings even then, so a
/// writer sees both (the caller refuses a body with problems).
pub(crate) fn compile(
    source: &str,
    body_start: usize,
    context: &Context,
    lines: &LineIndex<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Body> {
    let text = &plain_spaces_after_marks(source.get(body_start..).unwrap_or(""));
    let mut attribute_problems = Vec::new();
    let (blanked, attribute_lines) = take_attribute_lines(text, body_start, &mut attribute_problems);
    for (at, message) in attribute_problems {
        problems.push(lines.problem(at, message));
    }
    let roots = tree(&blanked);
    let problems_before = problems.len();
    let mut compiler = Compiler {
        text: &blanked,
        base: body_start,
        lines,
        context,
        problems,
        warnings: Vec::new(),
        fragments: Vec::new(),
        others: std::collections::HashMap::new(),
    };
    for (range, label) in unresolved_references(&blanked) {
        let written = blanked.get(range.clone()).unwrap_or_default().to_string();
        compiler.warn(
            range.start,
            format!(
                "`{written}` is shown as written, brackets and all: no line `[{label}]: address` below says where \
                 it leads (add one, or write [words to click](address))"
            ),
        );
    }
    for span in unused_definitions(&blanked) {
        let written = blanked.get(span.clone()).unwrap_or_default().trim().to_string();
        compiler.warn(
            span.start,
            format!(
                "`{written}` is not shown: Markdown reads a line `[label]: …` as where links labelled so lead, \
                 and no link here uses it; to show the line as text, write `\\[` at its start"
            ),
        );
    }
    let mut drafts = Vec::new();
    // The attributes waiting for a block, and where their line ends.
    let mut pending: Option<(Attributes, usize)> = None;
    let mut lines_left = attribute_lines.into_iter().peekable();
    let mut above: Option<&Node<'_>> = None;
    for node in &roots {
        if let Some(above) = above {
            compiler.check_interruption(above, node);
        }
        compiler.check_lazy_lines(node);
        above = Some(node);
        while let Some(line) = lines_left.next_if(|l| l.range.start < node.range.start) {
            if pending.is_some() {
                compiler
                    .report_at(line.attributes.offset, "one attribute line per block: merge the two lines into one");
            }
            pending = Some((line.attributes, line.range.end));
        }
        let produced = compiler.block(node);
        // Blanked out, a line between two lists (or two paragraphs of one
        // list item) made one list of them: its attributes would go to the
        // block after the list.
        // (A list's range takes in the blank lines after it: not those.)
        let end = node.range.start + compiler.raw(&node.range).trim_end().len();
        while let Some(line) = lines_left.next_if(|l| l.range.start < end) {
            let message = if matches!(node.kind, Kind::Tag(Tag::List(_))) {
                "this attribute line is between the items of a list, which stay one list around it: put it above \
                 the list's first line, or, for a list of its own below it, start that list with another mark (`*` \
                 for `-`, `1)` for `1.`)"
            } else {
                "this attribute line is inside the block around it: put it above that block's first line"
            };
            compiler.report_at(line.attributes.offset, message);
        }
        let comment = matches!(node.kind, Kind::Tag(Tag::HtmlBlock))
            && is_only_comments(&node.children.iter().map(|c| compiler.raw(&c.range)).collect::<String>());
        if !comment {
            let attributes = pending.take().map(|(attributes, line_end)| {
                // Across a blank line they still go to the block below,
                // where a writer used to attributes after a block (as in
                // kramdown) meant the one above: say which they went to.
                let between = compiler.text.get(line_end..node.range.start).unwrap_or("");
                if between.matches('\n').count() > 1 {
                    compiler.warn_at(
                        attributes.offset,
                        "a blank line separates these attributes from the block they are for, the one below: \
                         put them directly above it",
                    );
                }
                attributes
            });
            if let Some(mut draft) = produced {
                draft.attributes = attributes;
                draft.offset = body_start + node.range.start;
                drafts.push(draft);
            }
        }
    }
    for line in lines_left.chain(pending.map(|(attributes, _)| AttributeLine { range: 0..0, attributes })) {
        compiler.report_at(
            line.attributes.offset,
            "these attributes have no block below them: put them on the line above a block",
        );
    }
    // The page steps subheadings down one level at a time; say where that
    // shows one at another level than written. Not while the body has
    // problems: a heading refused for one (`## The *Blue* Album`) would
    // make the next seem to skip a level.
    let refused = compiler.problems.len() > problems_before;
    let written: Vec<&Draft> = drafts.iter().filter(|d| !refused && matches!(d.block, Block::Heading { .. })).collect();
    let mut headings: Vec<Block> = written.iter().map(|d| d.block.clone()).collect();
    crate::model::step_heading_levels(&mut headings);
    for (n, (draft, shown)) in written.into_iter().zip(&headings).enumerate() {
        if let (Block::Heading { level: written, .. }, Block::Heading { level: shown, .. }) = (&draft.block, shown) {
            if written != shown {
                let (hashes, as_shown) = ("#".repeat(usize::from(*written)), "#".repeat(usize::from(*shown)));
                let after = if n == 0 { "the headline" } else { "the subheading above it" };
                compiler.warn_at(
                    draft.offset,
                    format!(
                        "`{hashes}` skips a level after {after}: the page shows it as `{as_shown}` \
                         (headings go down one level at a time, for screen readers' list of them)"
                    ),
                );
            }
        }
    }
    compiler.finish(drafts)
}

impl Compiler<'_, '_> {
    fn report(&mut self, body_offset: usize, message: impl Into<String>) {
        self.report_at(self.base + body_offset, message);
    }

    fn warn(&mut self, body_offset: usize, message: impl Into<String>) {
        self.warnings.push(self.lines.problem(self.base + body_offset, message));
    }

    fn warn_at(&mut self, offset: usize, message: impl Into<String>) {
        self.warnings.push(self.lines.problem(offset, message));
    }

    fn report_at(&mut self, offset: usize, message: impl Into<String>) {
        self.problems.push(self.lines.problem(offset, message));
    }

    /// Whether the line break at `range` falls between two characters of
    /// a script written without spaces between words.
    fn joins_without_space(&self, range: &Range<usize>) -> bool {
        let before = self.text.get(..range.start).and_then(last_shown_char);
        let after = self.text.get(range.end..).and_then(first_shown_char);
        before.is_some_and(is_unspaced_script) && after.is_some_and(is_unspaced_script)
    }

    /// `*NSYNC and sh*t`, `M*A*S*H`: an asterisk inside a word opens or
    /// closes emphasis there, and readers see italics where the writer
    /// meant the asterisk. Letters of a script without capitals (Chinese,
    /// Japanese, Korean, Arabic: `これは**重要な**アルバム`) touch their
    /// marks by the script's own rules, and the emphasis is meant.
    fn check_inside_word(&mut self, node: &Node<'_>) {
        let word = |c: char| c.is_ascii_digit() || c.is_uppercase() || c.is_lowercase();
        let before = self.text.get(..node.range.start).and_then(|b| b.chars().next_back());
        let after = self.text.get(node.range.end..).and_then(|a| a.chars().next());
        if !(before.is_some_and(word) || after.is_some_and(word)) {
            return;
        }
        let raw = self.raw(&node.range);
        let mark: String = raw.chars().take_while(|c| *c == '*' || *c == '_').collect();
        let (kind, shown) = if mark.len() >= 2 { ("bold", "**") } else { ("italics", "*") };
        let written: String = raw.chars().take(40).collect();
        let written = if written.len() < raw.len() { format!("{written}…") } else { written };
        self.warn(
            node.range.start,
            format!(
                "`{written}` is shown in {kind} without its asterisks, as a `{shown}` touching a word on both \
                 sides opens or closes {kind} (`M*A*S*H`, `*NSYNC`): write `\\*` for an asterisk that is shown"
            ),
        );
    }

    /// `**` or `__` that Markdown could not pair (`**bold **and`, as some
    /// editors write it) reaches readers as written: the first in a
    /// block's text, and where it is.
    fn literal_marks(&self, nodes: &[Node<'_>]) -> Option<(usize, &'static str)> {
        // Markdown gives each unpaired mark a text of its own: join the
        // texts that follow one another.
        let mut runs: Vec<Range<usize>> = Vec::new();
        for node in nodes {
            match &node.kind {
                Kind::Event(Event::Text(_)) => match runs.last_mut() {
                    Some(run) if run.end == node.range.start => run.end = node.range.end,
                    _ => runs.push(node.range.clone()),
                },
                Kind::Tag(Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. }) => {}
                _ => {
                    if let Some(found) = self.literal_marks(&node.children) {
                        return Some(found);
                    }
                }
            }
        }
        runs.into_iter().find_map(|run| {
            let raw = self.raw(&run);
            ["**", "__"].into_iter().find_map(|mark| {
                raw.match_indices(mark)
                    .map(|(i, _)| run.start + i)
                    .find(|at| !self.is_escaped(*at))
                    .map(|at| (at, mark))
            })
        })
    }

    /// `{{ page.title }}`, `{% include x %}`: a template's placeholder
    /// from the tool the text came from, which nothing fills in here.
    fn template_placeholder(&self, nodes: &[Node<'_>]) -> Option<(usize, String)> {
        nodes.iter().find_map(|node| match &node.kind {
            Kind::Event(Event::Text(_)) => {
                let raw = self.raw(&node.range);
                [("{{", "}}"), ("{%", "%}")].into_iter().find_map(|(open, close)| {
                    let start = raw.find(open)?;
                    let end = start + raw[start..].find(close)? + close.len();
                    Some((node.range.start + start, raw[start..end].chars().take(40).collect()))
                })
            }
            _ => self.template_placeholder(&node.children),
        })
    }

    fn check_literal_marks(&mut self, nodes: &[Node<'_>]) {
        if let Some((at, written)) = self.template_placeholder(nodes) {
            self.warn(
                at,
                format!(
                    "`{written}` is a template's placeholder (Hugo, Jekyll), which nothing fills in here: it is \
                     published as written; write the words it stood for"
                ),
            );
        }
        if let Some((at, mark)) = self.literal_marks(nodes) {
            let (kind, example) =
                if mark == "**" { ("bold", "**bold** and, not **bold **and") } else { ("bold", "__bold__ and") };
            let escaped: String = mark.chars().map(|c| format!("\\{c}")).collect();
            self.warn(
                at,
                format!(
                    "`{mark}` is shown as written: Markdown did not pair it to make {kind}, as an opening mark \
                     goes right before a word and a closing one right after it (`{example}`); write `{escaped}` \
                     if it is meant to be seen"
                ),
            );
        }
    }

    /// `## Songs in the key of C #`: Markdown takes the `#` at the end of a
    /// subheading for a closing mark and leaves it out. Closing marks as
    /// many as the opening ones (`## Title ##`) are written on purpose.
    fn check_closing_hashes(&mut self, node: &Node<'_>) {
        let raw = self.raw(&node.range).trim_end();
        let opening = raw.trim_start().chars().take_while(|c| *c == '#').count();
        if opening == 0 || raw.contains('\n') {
            return;
        }
        let without = raw.trim_end_matches('#');
        let closing = raw.len() - without.len();
        let content_end = node.children.last().map_or(0, |c| c.range.end);
        // The hashes are a closing mark only when they are not the text's own.
        if closing == 0
            || closing == opening
            || !without.ends_with([' ', '\t'])
            || content_end > node.range.start + without.len()
        {
            return;
        }
        let hashes = "#".repeat(closing);
        let escaped = format!("\\{hashes}");
        self.warn(
            node.range.start + without.len(),
            format!(
                "the `{hashes}` at the end of this subheading is read as a closing mark and not shown: write \
                 `{escaped}` to show it"
            ),
        );
    }

    /// A cite is a name; one that starts with a small letter is most
    /// likely the quote's sentence going on after a dash
    /// (`— the engine was the metronome — and it shows.`).
    fn check_cite(&mut self, name: &str, at: usize, what: &str) {
        if name.chars().next().is_some_and(char::is_lowercase) {
            self.warn(
                at,
                format!(
                    "this last line was shown as the {what}'s credit, “{name}”, as it starts with a dash: if it \
                     continues the {what}, join it to the line above"
                ),
            );
        }
    }

    /// A wrapped line that starts with `- `, `+ `, `> ` or `1. ` right
    /// under a line of text starts a list or a quote there, cutting the
    /// sentence in two. A list of several items, a quote of several lines
    /// or text that ends with `:` (`Tracklist:`) is most likely meant so.
    fn check_interruption(&mut self, above: &Node<'_>, node: &Node<'_>) {
        if !matches!(above.kind, Kind::Tag(Tag::Paragraph)) {
            return;
        }
        let raw = self.raw(&node.range);
        let kind = match node.kind {
            Kind::Tag(Tag::List(_)) if node.children.len() == 1 => "a list",
            Kind::Tag(Tag::BlockQuote(_)) if raw.lines().filter(|l| l.trim_start().starts_with('>')).count() == 1 => {
                "a quote"
            }
            _ => return,
        };
        let text_above = self.raw(&above.range).trim_end();
        if text_above.ends_with(':') {
            return;
        }
        let gap = self.text.get(above.range.start + text_above.len()..node.range.start).unwrap_or("");
        if gap.matches('\n').count() != 1 {
            return;
        }
        let mark = raw.split_whitespace().next().unwrap_or_default().to_string();
        let what = if kind == "a list" { "a list was" } else { "a quote was" };
        self.warn(
            node.range.start,
            format!(
                "`{mark}` at the start of a line right under a line of text starts {kind} there, cutting the \
                 sentence in two: if the line continues the text above, join it to that line; if {what} meant, put \
                 a blank line above it"
            ),
        );
    }

    /// A line of text right under a list's last item or a quote's last
    /// line, with no blank line between, is read as more of that item or
    /// quote (Markdown's "lazy" lines): the sentence the editor meant as the
    /// next paragraph goes into the list, or the quote, after its credit.
    fn check_lazy_lines(&mut self, node: &Node<'_>) {
        let (kind, cure) = match node.kind {
            Kind::Tag(Tag::List(_)) => ("the list item above", "indent it to keep it in the item"),
            Kind::Tag(Tag::BlockQuote(_)) => ("the quote above", "start it with `>` to keep it in the quote"),
            _ => return,
        };
        let mut start = node.range.start;
        let end = node.range.end.min(self.text.len());
        let mut first = true;
        while start < end {
            let line_end = self.text.get(start..end).and_then(|s| s.find('\n')).map_or(end, |i| start + i);
            let line = self.text.get(start..line_end).unwrap_or("");
            let (indent, rest) = block_indent(line);
            let lazy = match node.kind {
                // Not a line of the quote's own, with its `>`.
                Kind::Tag(Tag::BlockQuote(_)) => !rest.trim().is_empty() && !rest.starts_with('>'),
                // At the list's own margin, and not an item of it.
                _ => !first && indent == 0 && !rest.trim().is_empty() && !starts_list_item(rest),
            };
            if lazy {
                let shown: String = rest.trim().chars().take(30).collect();
                self.warn(
                    start,
                    format!(
                        "“{shown}” is right under {kind}, with no blank line between, so it is read as part of it: \
                         to start a new paragraph, put a blank line above it; or {cure}"
                    ),
                );
                return;
            }
            first = false;
            start = line_end + 1;
        }
    }

    /// Whether `range` is all its source line holds (but spaces).
    fn alone_on_its_line(&self, range: &Range<usize>) -> bool {
        let start = self.text.get(..range.start).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
        let end = self.text.get(range.end..).and_then(|t| t.find('\n')).map_or(self.text.len(), |i| range.end + i);
        self.text.get(start..end).is_some_and(|line| line.trim() == self.raw(range).trim())
    }

    fn raw(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or("")
    }

    fn block(&mut self, node: &Node<'_>) -> Option<Draft> {
        let at = node.range.start;
        let draft = |block: Block, prefix: &'static str| Draft {
            block,
            prefix,
            attributes: None,
            heading_id: None,
            offset: 0,
            embed: None,
            link: None,
        };
        match &node.kind {
            Kind::Tag(Tag::Paragraph) => self.paragraph(node),
            Kind::Tag(Tag::Heading { level, .. }) => self.heading(node, *level),
            Kind::Tag(Tag::BlockQuote(Some(_))) => {
                self.report(at, "callouts (> [!NOTE]) are not shown: write a plain pull quote or a paragraph");
                None
            }
            // Obsidian's kinds (`> [!quote] Title`, `> [!tip]-`) are not
            // GitHub's five, which the parser knows: the marker would be
            // published as words.
            Kind::Tag(Tag::BlockQuote(None)) if opens_callout(self.raw(&node.range)) => {
                self.report(
                    at,
                    "callouts (> [!quote], > [!info] …) are not shown, and their marker would be printed as words: \
                     write a plain pull quote (> the words, then > — Who said them) or a paragraph",
                );
                None
            }
            Kind::Tag(Tag::BlockQuote(None)) => self.quote(node).map(|b| draft(b, "q")),
            Kind::Tag(Tag::CodeBlock(kind)) => self.code_block(node, kind).map(|b| draft(b, "l")),
            Kind::Tag(Tag::List(start)) => self.list(node, *start).map(|b| draft(b, "l")),
            Kind::Tag(Tag::HtmlBlock) => {
                let html: String = node.children.iter().map(|c| self.raw(&c.range)).collect();
                if let Some(open) = unclosed_comment(self.raw(&node.range)) {
                    self.report(
                        at + open,
                        "this comment is not closed: end it with --> (until then, everything after it is part of \
                         the comment)",
                    );
                } else if let Some(words) = words_after_comment(&html) {
                    self.report(
                        at,
                        format!(
                            "`{words}` is not shown: text on the line of a comment that starts it belongs to the \
                             comment's block; put the text on a line of its own"
                        ),
                    );
                } else if !is_only_comments(&html) {
                    self.report(at, raw_html_problem(&html));
                }
                None
            }
            Kind::Tag(Tag::Table(_)) => {
                self.report(at, "tables are not shown: write the rows as a list, or as paragraphs");
                None
            }
            Kind::Tag(Tag::FootnoteDefinition(_)) => {
                self.report(at, "footnotes are not shown: put the note in the text, in brackets");
                None
            }
            Kind::Event(Event::Rule) => {
                self.report(at, "a horizontal rule (---, ***) is not shown: start a new section with a ## subheading");
                None
            }
            _ => {
                self.report(at, "this is not something an article can show: write paragraphs, ## subheadings, > quotes, ```lyrics, lists or images");
                None
            }
        }
    }

    /// A paragraph, or the image or video it stands for when that is all it holds.
    fn paragraph(&mut self, node: &Node<'_>) -> Option<Draft> {
        let draft = |block: Block, prefix: &'static str| Draft {
            block,
            prefix,
            attributes: None,
            heading_id: None,
            offset: 0,
            embed: None,
            link: None,
        };
        let meaningful: Vec<&Node<'_>> = node.children.iter().filter(|c| !self.is_blank(c)).collect();
        // `![Sleeve](x.png){width=300}`, as kramdown and pandoc write it.
        if let [image, after @ ..] = meaningful.as_slice() {
            let written: String = after.iter().map(|n| self.raw(&n.range)).collect();
            let written = written.trim();
            if matches!(image.kind, Kind::Tag(Tag::Image { .. }))
                && written.starts_with('{')
                && written.ends_with('}')
                && !written.contains('\n')
            {
                self.report(
                    image.range.end,
                    format!("attributes go on a line of their own directly above the image: `{written}`, then the image's line"),
                );
                return None;
            }
        }
        let mut link = None;
        if let [only] = meaningful.as_slice() {
            match &only.kind {
                Kind::Tag(Tag::Image { dest_url, title, .. }) => {
                    return self.image(only, dest_url, title).map(|b| draft(b, "i"));
                }
                Kind::Tag(Tag::Link { dest_url, link_type, title, .. })
                    if !matches!(link_type, LinkType::Email | LinkType::Autolink)
                        && self.only_image(only).is_some() =>
                {
                    // [![what it shows](images/x.svg)](https://shop.example/): a picture that leads somewhere.
                    if !title.trim().is_empty() {
                        self.report(only.range.start, link_title_problem(title));
                        return None;
                    }
                    // A part of this article, as a text link may lead to.
                    let href = match dest_url.strip_prefix('#') {
                        Some(id) => {
                            self.fragments.push((id.to_string(), self.base + only.range.start));
                            format!("/article/{}#{id}", self.context.slug)
                        }
                        None => dest_url.to_string(),
                    };
                    if SafeHref::parse(&href).is_none() {
                        self.report(
                            only.range.start,
                            format!(
                                "the image's link `{dest_url}` is refused: links may be http://, https://, mailto: or a path on this site such as /article/film-out"
                            ),
                        );
                        return None;
                    }
                    if !dest_url.starts_with('#') {
                        self.check_article_link(&href, only.range.start);
                        self.check_section_link(&href, only.range.start);
                        self.check_file_link(&href, only.range.start);
                    }
                    let image = self.only_image(only)?;
                    let Kind::Tag(Tag::Image { dest_url: src, title: caption, .. }) = &image.kind else { return None };
                    let block = match self.image(image, src, caption)? {
                        Block::Image { id, image, .. } => Block::Image { id, image, link: Some(href) },
                        other => other,
                    };
                    return Some(draft(block, "i"));
                }
                Kind::Tag(Tag::Link { dest_url, link_type, title, .. }) => {
                    if let Some(Ok(embed)) = recognize_embed(dest_url) {
                        if !title.trim().is_empty() {
                            self.report(only.range.start, link_title_problem(title));
                            return None;
                        }
                        let titled = !matches!(link_type, LinkType::Autolink);
                        return self.embed(only, embed, dest_url, titled);
                    }
                    if let Some(service) = service_without_player(dest_url) {
                        self.warn(
                            only.range.start,
                            format!(
                                "{service} has no player here, so this is published as a link: for a player, use \
                                 the same video's or music's address on YouTube, Vimeo, Spotify, Apple Music, SoundCloud or \
                                 Bandcamp"
                            ),
                        );
                    }
                    link = Some(dest_url.to_string());
                }
                _ => {}
            }
        }
        // `[The video](https://youtu.be/…).`: the full stop makes it a
        // link among words, where the writer meant a player.
        if let [first, rest @ ..] = meaningful.as_slice() {
            let after: String = rest.iter().map(|n| self.raw(&n.range)).collect();
            let punctuation = !after.trim().is_empty()
                && rest.iter().all(|n| matches!(n.kind, Kind::Event(Event::Text(_))))
                && after.trim().chars().all(|c| c.is_ascii_punctuation() || "…–—".contains(c));
            if let Kind::Tag(Tag::Link { dest_url, .. }) = &first.kind {
                if punctuation && matches!(recognize_embed(dest_url), Some(Ok(_))) {
                    let after = after.trim();
                    self.warn(
                        first.range.start,
                        format!(
                            "a player's link must be alone on its line: with `{after}` after it, this is published \
                             as a link among words, not a player (remove the `{after}` for the player)"
                        ),
                    );
                }
            }
        }
        // A player's link alone on its line, yet right under or over a line
        // of text with no blank line between: one paragraph, so a link
        // among words.
        if meaningful.len() > 1 {
            let on_own_line = meaningful.iter().find(|n| {
                matches!(&n.kind, Kind::Tag(Tag::Link { dest_url, .. }) if matches!(recognize_embed(dest_url), Some(Ok(_))))
                    && self.alone_on_its_line(&n.range)
            });
            if let Some(link) = on_own_line {
                self.warn(
                    link.range.start,
                    "this player's link is alone on its line, but a line of text right above or below it, with no \
                     blank line between, makes it a link among words, not a player: put a blank line above and \
                     below it for the player",
                );
            }
        }
        let raw = self.raw(&node.range).trim().to_string();
        let raw = raw.as_str();
        let lower = raw.get(..8).unwrap_or(raw).to_ascii_lowercase();
        let all_text = meaningful.iter().all(|c| matches!(c.kind, Kind::Event(Event::Text(_))));
        if all_text
            && !raw.contains(char::is_whitespace)
            && (lower.starts_with("https://") || lower.starts_with("http://"))
        {
            match recognize_embed(raw) {
                Some(Ok(embed)) => return self.embed(node, embed, raw, false),
                // An address writers often mistake for a player's: say what to paste instead.
                Some(Err(_)) if address_hint(raw).is_some() => self.report(node.range.start, not_a_player_address(raw)),
                Some(Err(reason)) => self.report(node.range.start, reason),
                None if is_short_link(raw) => self.report(node.range.start, not_a_player_address(raw)),
                None => self.report(
                    node.range.start,
                    "an address alone on its line is neither a link nor a video: write [words to click](address)",
                ),
            }
            return None;
        }
        let content = self.inline_block(&node.children, "a paragraph")?;
        if content.is_empty() {
            return None;
        }
        // Markdown that did not read as Markdown reaches readers as written.
        let text = crate::model::plain_text(&content);
        if let Some(written) = unread_link(&text) {
            let address = written.split_once("](").map_or("", |(_, a)| a.trim_end_matches(')'));
            let why = if address.contains(' ') {
                // The fix, shown on the address as written.
                let fixed = address.trim().replace(' ', "%20");
                format!("an address cannot hold spaces: write %20 for each ({fixed}), or put the address in <…>")
            } else {
                "Markdown could not read it as a link or an image".to_string()
            };
            self.warn(node.range.start, format!("`{written}` is shown as written: {why}"));
        }
        let hashes = raw.chars().take_while(|c| *c == '#').count();
        if (2..=6).contains(&hashes) && raw.get(hashes..).is_some_and(|rest| !rest.starts_with(char::is_whitespace)) {
            let mark = raw.get(..hashes).unwrap_or_default();
            self.warn(
                node.range.start,
                format!(
                    "a line starting with `{mark}` and no space after it is shown as text: a subheading has a space \
                     after its # marks (`{mark} Title`)"
                ),
            );
        }
        if text.starts_with("#######") {
            self.warn(
                node.range.start,
                "a line starting with seven # or more is shown as text: subheadings have two to six (## to ######)",
            );
        }
        Some(Draft { link, ..draft(Block::Paragraph { id: String::new(), content }, "p") })
    }

    /// The image a link holds, when it holds nothing else.
    fn only_image<'n>(&self, link: &'n Node<'n>) -> Option<&'n Node<'n>> {
        match link.children.iter().filter(|c| !self.is_blank(c)).collect::<Vec<_>>().as_slice() {
            [image] if matches!(image.kind, Kind::Tag(Tag::Image { .. })) => Some(image),
            _ => None,
        }
    }

    fn is_blank(&self, node: &Node<'_>) -> bool {
        match &node.kind {
            Kind::Event(Event::Text(t)) => t.trim().is_empty(),
            Kind::Event(Event::SoftBreak) => true,
            Kind::Event(Event::InlineHtml(h) | Event::Html(h)) => is_only_comments(h),
            _ => false,
        }
    }

    fn image(&mut self, node: &Node<'_>, src: &str, title: &str) -> Option<Block> {
        let mut alt = flat_text(&node.children).trim().to_string();
        // The description is read aloud as plain words: marks and links in
        // it go (their words stay), as in the other plain-text fields.
        let marked = node.children.iter().find(|c| {
            matches!(c.kind, Kind::Tag(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }))
                || matches!(c.kind, Kind::Event(Event::Code(_)))
        });
        if let Some(marked) = marked {
            let what = if matches!(marked.kind, Kind::Tag(Tag::Link { .. })) {
                "a link in it is left out, its words kept"
            } else {
                "marks in it are left out, their words kept"
            };
            self.warn(
                marked.range.start,
                format!("an image's description is plain text, read aloud as it is: {what} (`{alt}`)"),
            );
        }
        // Obsidian's `![alt|300](…)` sizes the image; here the size would be
        // read aloud as part of the alt text.
        if let Some((kept, size)) = alt.rsplit_once('|') {
            let is_size = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
            let size = size.trim();
            if size.split_once('x').map_or(is_size(size), |(w, h)| is_size(w) && is_size(h)) {
                self.warn(
                    node.range.start,
                    format!(
                        "`|{size}` is Obsidian's image size, which is not read here: an image takes the width of \
                         the text, or of its file if narrower; it was left out of the alt text"
                    ),
                );
                alt = kept.trim().to_string();
            }
        }
        if alt.is_empty() {
            self.report(
                node.range.start,
                "an image needs alt text, for readers who cannot see it: ![what the image shows](path)",
            );
            return None;
        }
        let caption = Some(title.trim().to_string()).filter(|t| !t.is_empty());
        Some(Block::Image {
            id: String::new(),
            image: Image { src: src.to_string(), alt, width: 0, height: 0, caption, credit: None },
            link: None,
        })
    }

    fn embed(&mut self, node: &Node<'_>, embed: Embed, address: &str, titled: bool) -> Option<Draft> {
        if matches!(embed, Embed::Video(_)) {
            for unused in unused_video_parameters(address) {
                self.warn(node.range.start, unused);
            }
        }
        let title =
            if titled { self.plain(&node.children, node.range.start, "a player's title")? } else { String::new() };
        let prefix = if matches!(embed, Embed::Video(_)) { "v" } else { "a" };
        Some(Draft {
            block: Block::Paragraph { id: String::new(), content: Vec::new() },
            prefix,
            attributes: None,
            heading_id: None,
            offset: 0,
            embed: Some((embed, title)),
            link: None,
        })
    }

    fn heading(&mut self, node: &Node<'_>, level: HeadingLevel) -> Option<Draft> {
        let at = node.range.start;
        // `Text` with `---` or `===` right under it: Markdown underlines the
        // text into a heading, where the writer most likely meant a rule.
        let raw = self.raw(&node.range).trim_end();
        let underline = raw.rfind('\n').map(|i| (i + 1, raw.get(i + 1..).unwrap_or("")));
        if let Some((start, line)) = underline {
            let (indent, mark) = block_indent(line);
            if !mark.is_empty() && (mark.chars().all(|c| c == '-') || mark.chars().all(|c| c == '=')) {
                let message = if mark.starts_with('=') {
                    format!(
                        "`{mark}` right under a line of text underlines it, so the text above was read as a \
                         headline, and the headline is the front matter's `title`: write `## Its text` for a \
                         subheading, or remove the `{mark}`"
                    )
                } else {
                    format!(
                        "`{mark}` right under a line of text underlines it, so the text above was read as a \
                         subheading: write `## Its text` for a subheading, or remove the `{mark}` (rules are not \
                         part of an article)"
                    )
                };
                self.report(at + start + indent, message);
                return None;
            }
        }
        let level = match level {
            HeadingLevel::H1 => {
                self.report(
                    at,
                    "the headline is the front matter's `title`: start subheadings with ## (levels ## to ######)",
                );
                return None;
            }
            HeadingLevel::H2 => 2,
            HeadingLevel::H3 => 3,
            HeadingLevel::H4 => 4,
            HeadingLevel::H5 => 5,
            HeadingLevel::H6 => 6,
        };
        self.check_closing_hashes(node);
        let mut text = self.plain(&node.children, at, "a subheading")?;
        let heading_id = match self.heading_id(node) {
            HeadingId::Given { id, suffix, offset } => match text.strip_suffix(suffix.as_str()) {
                Some(rest) => {
                    text = rest.trim_end().to_string();
                    Some((id, offset))
                }
                None => None,
            },
            HeadingId::None => None,
            HeadingId::Refused => return None,
        };
        if text.is_empty() {
            self.report(at, "this subheading has no text");
            return None;
        }
        Some(Draft {
            block: Block::Heading { id: String::new(), level, text },
            prefix: "h",
            attributes: None,
            heading_id,
            offset: 0,
            embed: None,
            link: None,
        })
    }

    /// The id written at the end of a subheading, `## Title {#id}` (also
    /// `{ #id }`, and after a Setext title), as other site generators write
    /// it: the id, the braces as the heading's text ends with them, and
    /// where the id is. Braces that only hold a wrong id or more than an
    /// id are a problem rather than text readers would see.
    fn heading_id(&mut self, node: &Node<'_>) -> HeadingId {
        let (Some(first), Some(last)) = (node.children.first(), node.children.last()) else { return HeadingId::None };
        let content_start = first.range.start;
        let content = self.text.get(content_start..last.range.end).unwrap_or("").trim_end();
        let Some(open) = content.rfind('{') else { return HeadingId::None };
        let Some(suffix) = content.get(open..) else { return HeadingId::None };
        let Some(inner) = suffix.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else { return HeadingId::None };
        // `{: #id}` is kramdown's (Jekyll's) way; `{-}`, pandoc's mark
        // for an unnumbered heading, is no id.
        let inner = inner.trim();
        let inner = inner.strip_prefix(':').map_or(inner, str::trim_start);
        let at = content_start + open;
        if self.is_escaped(at) || !(inner.starts_with(['#', '.']) || inner == "-") {
            return HeadingId::None;
        }
        let mut words = inner.split_whitespace();
        let id = words.next().and_then(|w| w.strip_prefix('#'));
        let extra: Vec<&str> = words.collect();
        match id.map(|id| (id, attributes::id_problem(id))) {
            Some((id, None)) if extra.is_empty() => {
                let suffix = suffix.split_whitespace().collect::<Vec<_>>().join(" ");
                HeadingId::Given { id: id.to_string(), suffix, offset: self.base + at }
            }
            Some((_, Some(problem))) => {
                self.report(at, problem);
                HeadingId::Refused
            }
            _ => {
                let extra = if id.is_some() { extra.join(" ") } else { inner.to_string() };
                self.report(
                    at,
                    format!("a subheading's braces hold its id alone, such as {{#songs}}: remove `{extra}`"),
                );
                HeadingId::Refused
            }
        }
    }

    fn quote(&mut self, node: &Node<'_>) -> Option<Block> {
        let at = node.range.start;
        let shape = "a pull quote is one paragraph, with an optional last line `— Who said it`";
        if node.children.iter().any(|c| matches!(c.kind, Kind::Tag(Tag::List(_)))) {
            self.report(at, format!("{shape}; start the cite with — (an em dash), as - starts a list"));
            return None;
        }
        let paragraphs: Vec<&Node<'_>> = node.children.iter().filter(|c| !self.is_blank(c)).collect();
        if paragraphs.iter().any(|p| !matches!(p.kind, Kind::Tag(Tag::Paragraph))) {
            self.report(at, shape);
            return None;
        }
        let (quote_nodes, cite_nodes): (&[Node<'_>], Option<&[Node<'_>]>) = match paragraphs.as_slice() {
            [one] => match one.children.iter().rposition(|c| matches!(c.kind, Kind::Event(Event::SoftBreak))) {
                Some(i) if starts_with_dash(&flat_text(one.children.get(i + 1..).unwrap_or(&[]))) => {
                    (one.children.get(..i).unwrap_or(&[]), one.children.get(i + 1..))
                }
                _ => (&one.children, None),
            },
            [one, two] if starts_with_dash(&flat_text(&two.children)) => (&one.children, Some(&two.children)),
            _ => {
                self.report(at, shape);
                return None;
            }
        };
        let content = self.inline_block(quote_nodes, "a pull quote")?;
        if content.is_empty() {
            self.report(at, "this pull quote has no text");
            return None;
        }
        let cite = match cite_nodes {
            Some(nodes) => {
                let text = self.plain(nodes, nodes.first().map_or(at, |n| n.range.start), "a cite")?;
                let name = strip_dash(&text);
                if name.is_empty() {
                    self.report(at, "the cite line has only a dash: write who said it after —");
                    return None;
                }
                let line_at = nodes.first().map_or(at, |n| n.range.start);
                self.check_cite(&name, line_at, "quote");
                Some(name)
            }
            None => None,
        };
        Some(Block::Quote { id: String::new(), content, cite })
    }

    fn code_block(&mut self, node: &Node<'_>, kind: &CodeBlockKind<'_>) -> Option<Block> {
        let at = node.range.start;
        let info = match kind {
            CodeBlockKind::Indented => {
                self.report(
                    at,
                    "text indented by four spaces is a code block, which is not shown: remove the indentation",
                );
                return None;
            }
            CodeBlockKind::Fenced(info) => info.trim(),
        };
        if let Some(fence) = unclosed_fence(self.raw(&node.range)) {
            // Markdown runs an unclosed fence to the end of the file: every
            // heading, player and paragraph below would become its lines.
            self.report(
                at,
                format!("this {fence}{info} block is never closed, so everything below it would be in it: end it with a line of {fence}"),
            );
            return None;
        }
        if !info.eq_ignore_ascii_case("lyrics") {
            let named = if info.is_empty() { String::new() } else { format!(" (`{info}`)") };
            self.report(
                at,
                format!("code blocks{named} are not shown: for lines kept as written, mark the block ```lyrics"),
            );
            return None;
        }
        let content: String = node.children.iter().map(|c| self.raw(&c.range)).collect();
        // Lines are kept as written: a writer's `*word*` would show its
        // asterisks on the page.
        if let Some(line_start) = emphasis_marks_at(&content) {
            let start = node.children.first().map_or(at, |c| c.range.start + line_start);
            self.warn(
                start,
                "lyrics are shown as written: the asterisks around a word show on the page (a lyric quote is in italics already)",
            );
        }
        let mut lines: Vec<String> = content.lines().map(|l| l.trim_end().to_string()).collect();
        while lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        let mut cite = None;
        if lines.len() > 1 && lines.last().is_some_and(|l| starts_with_dash(l)) {
            cite = lines.pop().map(|l| strip_dash(&l)).filter(|c| !c.is_empty());
            if let Some(name) = &cite {
                // Where the cite line starts: the last line of the block's text.
                let written = node.children.iter().rev().find(|c| !self.raw(&c.range).trim().is_empty());
                let line_at = written.map_or(at, |c| {
                    let raw = self.raw(&c.range).trim_end();
                    let start = raw.rfind('\n').map_or(0, |i| i + 1);
                    let indent = raw.get(start..).map_or(0, |l| l.len() - l.trim_start().len());
                    c.range.start + start + indent
                });
                self.check_cite(name, line_at, "lyric quote");
            }
            while lines.last().is_some_and(String::is_empty) {
                lines.pop();
            }
        }
        let leading = lines.iter().take_while(|l| l.is_empty()).count();
        lines.drain(..leading);
        if lines.is_empty() {
            self.report(at, "this lyric quote has no lines");
            return None;
        }
        Some(Block::Lyrics { id: String::new(), lines, cite })
    }

    fn list(&mut self, node: &Node<'_>, start: Option<u64>) -> Option<Block> {
        let mut items = Vec::new();
        let mut ok = true;
        for item in &node.children {
            let inner: Vec<&Node<'_>> = item.children.iter().filter(|c| !self.is_blank(c)).collect();
            if let Some(nested) = inner.iter().find(|c| matches!(c.kind, Kind::Tag(Tag::List(_)))) {
                self.report(nested.range.start, "lists inside lists are not shown: make it one list, or a paragraph");
                ok = false;
                continue;
            }
            if let Some(task) = inner.iter().find(|c| matches!(c.kind, Kind::Event(Event::TaskListMarker(_)))) {
                self.report(task.range.start, "task-list boxes ([ ], [x]) are not shown: write the item as text");
                ok = false;
                continue;
            }
            let paragraphs = inner.iter().filter(|c| matches!(c.kind, Kind::Tag(Tag::Paragraph))).count();
            let blocks = inner.iter().filter(|c| is_block(c)).count();
            let content = if paragraphs == 1 && blocks == 1 {
                inner.first().and_then(|p| self.inline_block(&p.children, "a list item"))
            } else if blocks == 0 {
                self.inline_block(&item.children, "a list item")
            } else {
                self.report(
                    item.range.start,
                    "a list item is one line of text: quotes, code or several paragraphs are not shown inside it",
                );
                None
            };
            match content {
                Some(content) if !content.is_empty() => items.push(content),
                Some(_) => {
                    self.report(item.range.start, "this list item is empty: remove it");
                    ok = false;
                }
                None => ok = false,
            }
        }
        // `1986. The year the band formed.` is a list of one item, numbered 1986.
        if let Some(n) = start.filter(|&n| n > 1 && items.len() == 1 && ok) {
            let raw = self.raw(&node.range);
            let digits = raw.len() - raw.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let delimiter = raw.get(digits..digits + 1).unwrap_or(".");
            self.warn(
                node.range.start,
                format!(
                    "`{n}{delimiter}` at the start of a line was read as a numbered list of one item, counting \
                     from {n}: for a sentence that starts with a number, write `{n}\\{delimiter}`"
                ),
            );
        }
        // CommonMark numbers a list from its first item's number.
        let from = start.and_then(|n| i32::try_from(n).ok()).filter(|&n| n != 1);
        ok.then_some(Block::List { id: String::new(), ordered: start.is_some(), start: from, reversed: false, items })
    }

    /// Inline content: runs of text with emphasis and links, merged and trimmed.
    fn inline_block(&mut self, nodes: &[Node<'_>], what: &str) -> Option<Vec<Inline>> {
        let mut out = Vec::new();
        let before = self.problems.len();
        self.inlines(nodes, &Format::default(), &mut out, what);
        if self.problems.len() > before {
            return None;
        }
        self.check_literal_marks(nodes);
        Some(tidy(out))
    }

    fn inlines(&mut self, nodes: &[Node<'_>], format: &Format, out: &mut Vec<Inline>, what: &str) {
        self.report_comment_marks(nodes);
        self.report_obsidian(nodes);
        self.report_wordpress_shortcodes(nodes);
        for node in nodes {
            let at = node.range.start;
            let push = |out: &mut Vec<Inline>, text: &str| {
                out.push(Inline {
                    text: text.to_string(),
                    em: format.em,
                    strong: format.strong,
                    href: format.href.clone(),
                })
            };
            if matches!(node.kind, Kind::Tag(Tag::Emphasis | Tag::Strong)) {
                self.check_inside_word(node);
            }
            match &node.kind {
                Kind::Event(Event::Text(text)) => {
                    // `&#x7;`: the file is free of control characters, the text not.
                    if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\t')) {
                        self.report(
                            at,
                            format!(
                                "a character reference here writes a control character (U+{:04X}), which a page \
                                 cannot show: take it out",
                                c as u32
                            ),
                        );
                    }
                    // `[^1]` with no note of that name below: Markdown shows
                    // it as written.
                    let rest = self.text.get(at..).unwrap_or_default();
                    if let Some(label) = rest.strip_prefix("[^").and_then(|r| r.split_once(']')).map(|(l, _)| l) {
                        if !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
                            self.report(
                                at,
                                format!(
                                    "`[^{label}]` is a footnote mark, and footnotes are not shown: put the note in \
                                     the text, in brackets"
                                ),
                            );
                        }
                    }
                    // Other tools link a bare address; here it stays text.
                    if format.href.is_none() {
                        // Read from the written text, not this run's: Markdown
                        // cuts a run at `~` or `_` (`example.edu/~mira/`).
                        let raw = self.raw(&node.range);
                        let start = raw.find("https://").or_else(|| raw.find("http://")).map(|i| at + i);
                        let written = start.and_then(|start| Some((start, bare_address(self.text.get(start..)?)?)));
                        // After `](` it is link syntax Markdown did not read, which has its own warning.
                        // Inside a WordPress shortcode it is the shortcode's problem.
                        let unread = |start: usize| {
                            self.text.get(..start).is_some_and(|b| {
                                b.ends_with("](") || !wordpress_shortcodes(b.rsplit('\n').next().unwrap_or(b)).is_empty()
                            })
                        };
                        if let Some((_, address)) = written.filter(|(start, _)| !unread(*start)) {
                            let address = address.to_string();
                            self.warn(
                                at,
                                format!(
                                    "`{address}` is shown as text, not as a link: write <{address}> or [words to \
                                     click]({address})"
                                ),
                            );
                        }
                    }
                    push(out, text)
                }
                // A line wrapped between two Chinese or Japanese characters
                // joins them without a space, as these scripts write none.
                Kind::Event(Event::SoftBreak) if self.joins_without_space(&node.range) => {}
                Kind::Event(Event::SoftBreak) => push(out, " "),
                Kind::Event(Event::HardBreak) => self.report(
                    at,
                    format!("a line break inside {what} is not shown: start a new paragraph, or use ```lyrics for lines kept as written"),
                ),
                Kind::Event(Event::Code(_)) => self.report(
                    at,
                    "inline code (`…`) is not shown: write it as plain text, or in *italics*",
                ),
                Kind::Event(Event::InlineHtml(html) | Event::Html(html)) => {
                    // A closing tag belongs to the opening one, already reported.
                    if !is_only_comments(html) && !html.starts_with("</") {
                        self.report(at, raw_html_problem(html));
                    }
                }
                Kind::Event(Event::FootnoteReference(_)) => {
                    self.report(at, "footnotes are not shown: put the note in the text, in brackets")
                }
                Kind::Event(Event::TaskListMarker(_)) => {
                    self.report(at, "task-list boxes ([ ], [x]) are not shown: write the item as text")
                }
                Kind::Tag(Tag::Emphasis) => {
                    let inner = Format { em: true, ..format.clone() };
                    self.inlines(&node.children, &inner, out, what);
                }
                Kind::Tag(Tag::Strong) => {
                    let inner = Format { strong: true, ..format.clone() };
                    self.inlines(&node.children, &inner, out, what);
                }
                Kind::Tag(Tag::Strikethrough) => {
                    // `~20 at the door~`: one tilde each side strikes too.
                    let single = !self.raw(&node.range).starts_with("~~");
                    let message = if single {
                        "strikethrough (~…~) is not shown: a `~` meaning “about” is written `\\~` (`\\~20 at \
                         the door`); otherwise say it in words, or remove it"
                    } else {
                        "strikethrough (~~…~~) is not shown: say it in words, or remove it"
                    };
                    self.report(at, message)
                }
                Kind::Tag(Tag::Link { link_type, dest_url, title, .. }) => {
                    let href = match link_type {
                        LinkType::Email => format!("mailto:{dest_url}"),
                        _ => dest_url.to_string(),
                    };
                    if !title.trim().is_empty() {
                        self.report(at, link_title_problem(title));
                    }
                    // A link to a part of this article (a table of
                    // contents): its address on the site, checked once the
                    // blocks have their ids.
                    let own_part = href.starts_with('#');
                    let href = match href.strip_prefix('#') {
                        Some(id) => {
                            self.fragments.push((id.to_string(), self.base + at));
                            format!("/article/{}#{id}", self.context.slug)
                        }
                        None => href,
                    };
                    if SafeHref::parse(&href).is_none() {
                        let empty_mail = href.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("mailto:"))
                            && href[7..].trim().is_empty();
                        self.report(
                            at,
                            if empty_mail {
                                "the link `mailto:` names no address: write one, such as mailto:letters@example.com"
                                    .to_string()
                            } else {
                                format!(
                                    "the link `{href}` is refused: links may be http://, https://, mailto: or a path on this site such as /article/film-out"
                                )
                            },
                        );
                        continue;
                    }
                    if flat_text(&node.children).trim().is_empty() {
                        self.report(at, "this link has no text to click: write [words](address)");
                        continue;
                    }
                    if !own_part {
                        self.check_article_link(&href, at);
                        self.check_section_link(&href, at);
                        self.check_file_link(&href, at);
                    }
                    let inner = Format { href: Some(href), ..format.clone() };
                    self.inlines(&node.children, &inner, out, what);
                }
                Kind::Tag(Tag::Image { .. }) if format.href.is_some() => self.report(
                    at,
                    "an image that is a link goes on a line of its own, with nothing else in the link: \
                     [![what it shows](images/x.svg)](https://example.com/)",
                ),
                Kind::Tag(Tag::Image { .. }) => self.report(
                    at,
                    "an image goes on a line of its own, as its own paragraph: ![what it shows](images/x.svg \"Caption\")",
                ),
                _ => self.report(at, format!("this is not shown inside {what}: write plain text, *emphasis*, **strong** or [links](address)")),
            }
        }
    }

    /// A comment that does not end in the paragraph it starts in is not
    /// a comment to CommonMark: its `<!--` and `-->` reach the page as text,
    /// showing readers a note meant for the writer. A mark written escaped
    /// (`\<!--`, `--\>`) is meant to be seen, and is left alone.
    /// A link to an article of this site that has no file here is most
    /// likely a typo (or a story not written yet): the reader would land on
    /// "not found". A part of this article is checked with its other links.
    fn check_article_link(&mut self, href: &str, at: usize) {
        let Some(rest) = href.strip_prefix("/article/") else { return };
        let (path, fragment) = rest.split_once('#').map_or((rest, None), |(p, f)| (p, Some(f)));
        let slug = path.split(['?', '/']).next().unwrap_or_default();
        if slug == self.context.slug {
            if let Some(id) = fragment.filter(|id| !id.is_empty()) {
                self.fragments.push((id.to_string(), self.base + at));
            }
            return;
        }
        let Some(known) = &self.context.known_slugs else { return };
        if !known.iter().any(|k| k == slug) {
            self.warn(
                at,
                format!(
                    "the link `{href}` leads to no article of this site (there is no articles/{slug}.md or .json): \
                     check the address"
                ),
            );
            return;
        }
        // A passage of another article (`other_article`).
        let Some(id) = fragment.filter(|id| !id.is_empty()) else { return };
        if crate::model::block_id_problem(id) == Some(crate::model::BlockIdProblem::PageOwn) {
            // The page's own parts (`#comments`) are there on every article.
            return;
        }
        let article = match self.others.get(slug) {
            Some(read) => read.clone(),
            None => {
                let read = self.other_article(slug);
                self.others.insert(slug.to_string(), read.clone());
                read
            }
        };
        let Some((title, ids)) = article else {
            return;
        };
        if !ids.iter().any(|b| b == id) {
            self.warn(
                at,
                format!(
                    "the link `{href}` leads to no passage of “{title}”: it has no block with the id `{id}`, so the \
                     reader lands at its top (check the id after the #)"
                ),
            );
        }
    }

    /// Another article's title and block ids: as its Markdown says now
    /// (compiled alone, its own links unchecked, so two articles that link
    /// each other end there), or else as its JSON does.
    fn other_article(&self, slug: &str) -> Option<(String, Vec<String>)> {
        let source = self.context.source_dir.join(format!("{slug}.md"));
        let alone = super::Context { slug: slug.to_string(), known_slugs: None, ..self.context.clone() };
        let from_markdown = || {
            let text = std::fs::read_to_string(&source).ok()?;
            super::compile(&text, &alone).ok().map(|compiled| compiled.article)
        };
        let from_json = || {
            let file = self.context.source_dir.join(format!("{slug}.json"));
            std::fs::read_to_string(&file).ok().and_then(|t| crate::model::parse_article(&t).ok()).map(|a| a.value)
        };
        let article = from_markdown().or_else(from_json)?;
        Some((article.title, article.body.iter().map(|b| b.id().to_string()).collect()))
    }

    /// A link to a section page the site does not have (a slug spelt
    /// otherwise, a WordPress category not brought across) lands on "not
    /// found", as a missing article does.
    fn check_section_link(&mut self, href: &str, at: usize) {
        let Some(rest) = href.strip_prefix("/category/") else { return };
        let slug = rest.split(['?', '#', '/']).next().unwrap_or_default();
        let Some(known) = &self.context.section_slugs else { return };
        if slug.is_empty() || known.iter().any(|k| k == slug) {
            return;
        }
        let mut sections = known.clone();
        sections.sort();
        sections.dedup();
        let choices = if sections.is_empty() { "none yet".to_string() } else { sections.join(", ") };
        self.warn(
            at,
            format!("the link `{href}` leads to no section of this site (its sections: {choices}): check the address"),
        );
    }

    /// A link to a file of the site (`/files/press-kit.pdf`, a page kept
    /// beside the app) that is neither in the site folder nor redirected
    /// by its `_redirects` lands on "not found", as a missing article does.
    /// Addresses the build writes or the app answers are not files here.
    fn check_file_link(&mut self, href: &str, at: usize) {
        const BUILT: [&str; 11] = [
            "",
            "article",
            "category",
            "search",
            "embed",
            "oembed",
            "feed.xml",
            "sitemap.xml",
            "robots.txt",
            "mount.json",
            "404.html",
        ];
        let Some(path) = href.strip_prefix('/').filter(|p| !p.starts_with('/')) else { return };
        let path = path.split(['?', '#']).next().unwrap_or_default();
        if BUILT.contains(&path.split('/').next().unwrap_or_default()) {
            return;
        }
        let root = &self.context.site_root;
        if !root.is_dir() {
            return;
        }
        let Some(decoded) = super::image_size::decode_path(path) else { return };
        if std::path::Path::new(&decoded).components().any(|c| !matches!(c, std::path::Component::Normal(_))) {
            return;
        }
        let file = root.join(&decoded);
        if file.is_file() || file.join("index.html").is_file() || redirected(root, path) {
            return;
        }
        self.warn(
            at,
            format!(
                "the link `{href}` leads to no file of this site (there is no {} in {}, and no rule of its _redirects \
                 for it): check the address, or leave it if your host serves that address itself",
                decoded.trim_end_matches('/'),
                root.display()
            ),
        );
    }

    /// Obsidian's own syntax is text to Markdown: a `%% private note %%`
    /// would be published for every reader to see, and `[[a page]]` or
    /// `![[sleeve.png]]` shown with its brackets.
    fn report_obsidian(&mut self, nodes: &[Node<'_>]) {
        for run in text_runs(nodes) {
            let raw = self.raw(&run).to_string();
            let comments: Vec<usize> =
                raw.match_indices("%%").map(|(i, _)| run.start + i).filter(|at| !self.is_escaped(*at)).collect();
            for at in comments.into_iter().step_by(2) {
                self.report(
                    at,
                    "`%% … %%` is an Obsidian comment, which Markdown publishes as text for every reader to see: \
                     write the note as <!-- … --> instead",
                );
            }
            let mut from = 0;
            while let Some(open) = raw.get(from..).and_then(|r| r.find("[[")).map(|i| from + i) {
                let Some(close) = raw.get(open..).and_then(|r| r.find("]]")).map(|i| open + i + 2) else { break };
                from = close;
                if self.is_escaped(run.start + open) {
                    continue;
                }
                let embed = open > 0 && raw.get(open - 1..open) == Some("!");
                let start = if embed { open - 1 } else { open };
                let written = raw.get(start..close).unwrap_or_default();
                let inner = raw.get(open + 2..close - 2).unwrap_or_default();
                let (target, words) = inner.split_once('|').unwrap_or((inner, inner));
                let message = if embed {
                    // `![[images/x.svg]]` names its folder already.
                    let path = if target.contains('/') { target.to_string() } else { format!("images/{target}") };
                    format!(
                        "`{written}` is an Obsidian embed, which Markdown shows as written: write an image on a line \
                         of its own, ![what it shows]({path})"
                    )
                } else {
                    // A note named as an article's slug is that article.
                    let slug = target.split('#').next().unwrap_or_default().trim();
                    let known = self.context.known_slugs.as_ref().is_some_and(|k| k.iter().any(|s| s == slug));
                    let slug = if known { slug } else { "slug-of-the-article" };
                    format!(
                        "`{written}` is an Obsidian link, which Markdown shows as written: write a Markdown link, \
                         [{words}](/article/{slug}) or [{words}](https://…)"
                    )
                };
                self.report(run.start + start, message);
            }
        }
    }

    /// WordPress's shortcodes come along when a post is pasted from its
    /// editor: `[embed]…[/embed]`, `[caption …]`, `[gallery …]` would be
    /// published as written, brackets and all.
    fn report_wordpress_shortcodes(&mut self, nodes: &[Node<'_>]) {
        for run in text_runs(nodes) {
            let raw = self.raw(&run).to_string();
            for (open, shortcode) in wordpress_shortcodes(&raw) {
                if !self.is_escaped(run.start + open) {
                    self.report(run.start + open, shortcode_advice(shortcode, raw.get(open..).unwrap_or_default()));
                }
            }
        }
    }

    fn report_comment_marks(&mut self, nodes: &[Node<'_>]) {
        // Text is split into several events around `<`, so a mark is looked
        // for across each run of adjacent text events.
        let mut run: Vec<(&str, usize)> = Vec::new();
        for node in nodes.iter().map(Some).chain([None]) {
            if let Some(Node { kind: Kind::Event(Event::Text(text)), range, .. }) = node {
                run.push((text, range.start));
                continue;
            }
            for (offset, mark) in comment_marks(&run) {
                if self.text.get(offset..offset + mark.len()) != Some(mark) || self.is_escaped(offset) {
                    continue;
                }
                let message = if mark == "<!--" {
                    "this comment does not end in its paragraph, so readers would see it as text: end it with --> \
                     before the next blank line, or put the comment on lines of its own"
                } else {
                    "this --> ends no comment (a comment ends in the paragraph it starts in), so readers would see \
                     it as text: remove it, or write --\\> to show the arrow"
                };
                self.report(offset, message);
            }
            run.clear();
        }
    }

    fn is_escaped(&self, offset: usize) -> bool {
        let before = self.text.get(..offset).unwrap_or("");
        (before.len() - before.trim_end_matches('\\').len()) % 2 == 1
    }

    /// Text without formatting (headings, titles, cites); formatting is a problem.
    fn plain(&mut self, nodes: &[Node<'_>], at: usize, what: &str) -> Option<String> {
        let mut out = Vec::new();
        let before = self.problems.len();
        self.inlines(nodes, &Format::default(), &mut out, what);
        if self.problems.len() > before {
            return None;
        }
        self.check_literal_marks(nodes);
        if let Some(formatted) = out.iter().find(|i| i.em || i.strong || i.href.is_some()) {
            let kind = if formatted.href.is_some() { "a link" } else { "emphasis" };
            self.report(
                nodes.first().map_or(at, |n| n.range.start),
                format!("{what} is plain text: remove {kind} from it"),
            );
            return None;
        }
        Some(out.iter().map(|i| i.text.as_str()).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
    }

    /// Gives each block its id, applies the attributes and resolves images.
    fn finish(&mut self, drafts: Vec<Draft>) -> Option<Body> {
        let mut explicit: HashMap<String, usize> = HashMap::new();
        for draft in &drafts {
            let ids = draft.attributes.as_ref().and_then(|a| a.id.clone()).into_iter().chain(draft.heading_id.clone());
            let ids: Vec<(String, usize)> = ids.collect();
            if ids.len() > 1 {
                if let Some((_, at)) = ids.get(1) {
                    self.report_at(*at, "this block already has an id above it: keep one");
                }
            }
            if let Some((id, at)) = ids.into_iter().next() {
                if explicit.insert(id.clone(), at).is_some() {
                    self.report_at(at, format!("the id `{id}` is used twice: block ids are unique in an article"));
                }
            }
        }
        let mut used: HashSet<String> = HashSet::new();
        let mut counters: HashMap<&str, u32> = HashMap::new();
        let mut body = Vec::new();
        let mut feedback = Vec::new();
        for draft in drafts {
            let given = draft.attributes.as_ref().and_then(|a| a.id.clone()).or(draft.heading_id.clone());
            let id = match given {
                Some((id, _)) => id,
                None => loop {
                    let n = counters.entry(draft.prefix).or_insert(0);
                    *n += 1;
                    let candidate = format!("{}{}", draft.prefix, n);
                    if !explicit.contains_key(&candidate) && !used.contains(&candidate) {
                        break candidate;
                    }
                },
            };
            used.insert(id.clone());
            let applied = match draft.embed {
                Some((embed, title)) => {
                    self.apply_embed(embed, title, draft.attributes.as_ref(), &id, draft.offset, &mut feedback)
                }
                None => self.apply(
                    draft.block,
                    draft.attributes.as_ref(),
                    draft.link.as_deref(),
                    &id,
                    draft.offset,
                    &mut feedback,
                ),
            };
            let Some(block) = applied else { continue };
            body.push(block);
        }
        for (id, at) in std::mem::take(&mut self.fragments) {
            if id.is_empty() {
                self.report_at(
                    at,
                    "the link `#` alone leads nowhere: write the id of a block after it (`#tour`), or remove the link",
                );
            } else if !used.contains(&id) {
                self.report_at(
                    at,
                    format!(
                        "the link `#{id}` leads to no block of this article: give one that id, with {{#{id}}} on \
                         the line above it or `## Heading {{#{id}}}`"
                    ),
                );
            }
        }
        Some(Body { body, feedback, warnings: std::mem::take(&mut self.warnings) })
    }

    /// The block with its id and what its attributes say.
    fn apply(
        &mut self,
        block: Block,
        attributes: Option<&Attributes>,
        link: Option<&str>,
        id: &str,
        at: usize,
        feedback: &mut Vec<Feedback>,
    ) -> Option<Block> {
        let empty = Attributes::default();
        let attrs = attributes.unwrap_or(&empty);
        let (kind, allowed): (&str, &[&str]) = match &block {
            Block::Video { .. } | Block::Audio { .. } => ("a player", &["feedback"]),
            Block::Image { .. } => ("an image", &["feedback", "credit", "width", "height"]),
            Block::Paragraph { .. } => ("a paragraph", &["feedback"]),
            Block::Heading { .. } => ("a subheading", &["feedback"]),
            Block::Quote { .. } => ("a pull quote", &["feedback"]),
            Block::Lyrics { .. } => ("a lyric quote", &["feedback"]),
            Block::List { .. } => ("a list", &["feedback"]),
        };
        let mut ok = true;
        let mut meant_as_player = false;
        for attr in &attrs.items {
            if !allowed.contains(&attr.key.as_str()) {
                match link {
                    // One report for the address, not one per attribute.
                    Some(_) if meant_as_player => {}
                    Some(address) if PLAYER_ATTRIBUTES.contains(&attr.key.as_str()) => {
                        self.report_at(attr.offset, not_a_player_address(address));
                        meant_as_player = true;
                    }
                    _ => {
                        let takes = allowed.iter().map(|k| format!("{k}=\"…\"")).collect::<Vec<_>>().join(", ");
                        let hint = unquoted_hint(&attrs.items, attr);
                        self.report_at(attr.offset, format!("{kind} takes #id, {takes}; not `{}`{hint}", attr.key));
                    }
                }
                ok = false;
            }
        }
        // A link alone on its line to a music or video service, which the
        // players cannot read (a typo in the id, a short link, a page of the
        // service): published as a link, but the writer most likely meant
        // a player, and nothing else would tell them.
        if let Some(address) = link.filter(|_| !meant_as_player) {
            let reason = match recognize_embed(address) {
                Some(Err(_)) if address_hint(address).is_some() => Some(not_a_player_address(address)),
                Some(Err(reason)) => Some(reason),
                None if is_short_link(address) => Some(not_a_player_address(address)),
                _ => None,
            };
            if let Some(reason) = reason {
                self.warn_at(at, format!("this link alone on its line is published as a link, not a player: {reason}"));
            }
        }
        let value = |key: &str| attrs.get(key).map(|a| (a.value.clone().unwrap_or_default(), a.offset));
        if let Some((prompt, _)) = value("feedback") {
            let prompt = prompt.trim().to_string();
            feedback.push(Feedback { block: id.to_string(), prompt: Some(prompt).filter(|p| !p.is_empty()) });
        }
        let block = match block {
            Block::Paragraph { content, .. } => Block::Paragraph { id: id.into(), content },
            Block::Heading { level, text, .. } => Block::Heading { id: id.into(), level, text },
            Block::Quote { content, cite, .. } => Block::Quote { id: id.into(), content, cite },
            Block::Lyrics { lines, cite, .. } => Block::Lyrics { id: id.into(), lines, cite },
            Block::List { ordered, start, reversed, items, .. } => {
                Block::List { id: id.into(), ordered, start, reversed, items }
            }
            block @ (Block::Video { .. } | Block::Audio { .. }) => block,
            Block::Image { image, link, .. } => {
                let mut number = |key: &str| match value(key) {
                    Some((v, at)) => match v.trim().parse::<u32>() {
                        Ok(n) if n > 0 => Some(n),
                        _ => {
                            self.report_at(at, format!("{key} is a whole number of pixels above 0, such as {key}=800"));
                            ok = false;
                            None
                        }
                    },
                    None => None,
                };
                let (width, height) = (number("width"), number("height"));
                let credit = value("credit").map(|(c, _)| c.trim().to_string()).filter(|c| !c.is_empty());
                match resolve_image(&image.src, width, height, self.context) {
                    Ok(resolved) => {
                        if let Some(message) = foreign_image_warning(&resolved.src) {
                            self.warn_at(at, message);
                        }
                        Block::Image {
                            id: id.into(),
                            image: Image {
                                src: resolved.src,
                                width: resolved.width,
                                height: resolved.height,
                                credit,
                                ..image
                            },
                            link,
                        }
                    }
                    Err(reason) => {
                        self.report_at(at, reason);
                        return None;
                    }
                }
            }
        };
        ok.then_some(block)
    }
}

impl Compiler<'_, '_> {
    /// A video or music player from its address, its title and its attributes.
    fn apply_embed(
        &mut self,
        embed: Embed,
        title: String,
        attributes: Option<&Attributes>,
        id: &str,
        at: usize,
        feedback: &mut Vec<Feedback>,
    ) -> Option<Block> {
        let empty = Attributes::default();
        let attrs = attributes.unwrap_or(&empty);
        let video = matches!(embed, Embed::Video(_));
        let (kind, allowed): (&str, &[&str]) = if video {
            ("a video", &["feedback", "poster", "title"])
        } else {
            ("a music player", &["feedback", "title", "artist", "artwork", "artwork_alt", "kind", "bandcamp_id"])
        };
        let mut ok = true;
        for attr in &attrs.items {
            if !allowed.contains(&attr.key.as_str()) {
                let takes = allowed.iter().map(|k| format!("{k}=\"…\"")).collect::<Vec<_>>().join(", ");
                let hint = unquoted_hint(&attrs.items, attr);
                self.report_at(attr.offset, format!("{kind} takes #id, {takes}; not `{}`{hint}", attr.key));
                ok = false;
            }
        }
        let value =
            |key: &str| attrs.get(key).map(|a| (a.value.clone().unwrap_or_default().trim().to_string(), a.offset));
        if let Some((prompt, _)) = value("feedback") {
            feedback.push(Feedback { block: id.to_string(), prompt: Some(prompt).filter(|p| !p.is_empty()) });
        }
        let title = match (title.is_empty(), value("title")) {
            (false, Some((_, at))) => {
                self.report_at(at, "the title is already in [brackets]: keep one");
                ok = false;
                title
            }
            (true, Some((given, _))) => given,
            (_, None) => title,
        };
        if title.is_empty() {
            self.report_at(
                at,
                format!("{kind} needs a title: write it as [Title](address), or add title=\"…\" on the line above"),
            );
            ok = false;
        }
        let block = match embed {
            Embed::Video(video) => {
                let poster = match value("poster") {
                    Some((src, at)) => match locate_image(&src, self.context) {
                        Ok(src) => Some(src),
                        Err(reason) => {
                            self.report_at(at, format!("poster: {reason}"));
                            ok = false;
                            None
                        }
                    },
                    None => None,
                };
                Block::Video {
                    id: id.into(),
                    provider: video.provider().key().into(),
                    video_id: video.as_str().into(),
                    title,
                    poster,
                }
            }
            other => {
                let Some((artist, _)) = value("artist").filter(|(a, _)| !a.is_empty()) else {
                    self.report_at(
                        at,
                        "a music player needs artist=\"…\" on the line above (for a playlist, whoever chose it)",
                    );
                    return None;
                };
                let source = match other {
                    Embed::Audio(source) => source,
                    Embed::BandcampPage(page) => {
                        let Some((number, number_at)) = value("bandcamp_id") else {
                            self.report_at(at, "a Bandcamp page needs bandcamp_id=\"…\": the number after album= or track= in the page's Share / Embed code");
                            return None;
                        };
                        let fields = AudioFields {
                            provider: "bandcamp",
                            kind: page.kind().as_str(),
                            audio_id: Some(&number),
                            storefront: None,
                            url: Some(page.as_str()),
                        };
                        match AudioSource::parse(fields) {
                            Ok(source) => source,
                            Err(_) => {
                                self.report_at(
                                    number_at,
                                    "bandcamp_id is the number after album= or track= in the page's Share / Embed code",
                                );
                                return None;
                            }
                        }
                    }
                    _ => {
                        self.report_at(at, "write the album's or track's page address, with bandcamp_id=\"…\" from its embed code above it");
                        return None;
                    }
                };
                let provider = source.provider();
                // The address says what it plays (a Spotify /track/ is a
                // track); only a SoundCloud set leaves open whether it is an
                // album or a playlist, which is what `kind` is for.
                let address_kind = source.kind();
                let open_kinds: &[AudioKind] = match &source {
                    AudioSource::SoundCloud { url, .. } if url.is_set() => &[AudioKind::Album, AudioKind::Playlist],
                    _ => &[],
                };
                let mut block = Embed::Audio(source).into_block(id.into(), title, artist)?;
                if let (Some((wanted, kind_at)), Block::Audio { kind, .. }) = (value("kind"), &mut block) {
                    match AudioKind::parse(&wanted).filter(|k| provider.kinds().contains(k)) {
                        Some(k) if k == address_kind || open_kinds.contains(&k) => *kind = k.as_str().to_string(),
                        Some(k) => {
                            self.report_at(
                                kind_at,
                                format!(
                                    "this {} address is {}, not {}: remove kind=\"{}\" (the address says what it \
                                     plays), or link the {}'s own address",
                                    provider.name(),
                                    with_article(address_kind),
                                    with_article(k),
                                    k.as_str(),
                                    k.as_str()
                                ),
                            );
                            ok = false;
                        }
                        None => {
                            let kinds: Vec<&str> = provider.kinds().iter().map(|k| k.as_str()).collect();
                            self.report_at(
                                kind_at,
                                format!("kind is one of {} on {}", kinds.join(", "), provider.name()),
                            );
                            ok = false;
                        }
                    }
                }
                if let (Some((src, src_at)), Block::Audio { artwork, .. }) = (value("artwork"), &mut block) {
                    let alt = value("artwork_alt").map(|(a, _)| a).filter(|a| !a.is_empty());
                    match (resolve_image(&src, None, None, self.context), alt) {
                        (Ok(resolved), Some(alt)) => {
                            *artwork = Some(Image {
                                src: resolved.src,
                                alt,
                                width: resolved.width,
                                height: resolved.height,
                                caption: None,
                                credit: None,
                            })
                        }
                        (Err(reason), _) => {
                            // A player's artwork has no width or height of
                            // its own to give: its size comes from the file.
                            let reason = reason.replace(
                                "give width and height (or copy it into images/)",
                                "copy it into images/ and name it there (artwork=\"images/cover.jpg\")",
                            );
                            self.report_at(src_at, format!("artwork: {reason}"));
                            ok = false;
                        }
                        (_, None) => {
                            self.report_at(src_at, "artwork needs artwork_alt=\"…\": what the cover shows");
                            ok = false;
                        }
                    }
                }
                if let (None, Some((_, alt_at))) = (value("artwork"), value("artwork_alt")) {
                    self.warn_at(
                        alt_at,
                        "artwork_alt describes the cover, and there is no artwork=\"…\" to show: add the cover, or \
                         remove artwork_alt",
                    );
                }
                let _ = AudioProvider::ALL;
                block
            }
        };
        ok.then_some(block)
    }
}

fn link_title_problem(title: &str) -> String {
    format!("link titles (\"{title}\") are not shown: remove it, or say it in the text")
}

/// "a track", "an album", "a playlist".
fn with_article(kind: AudioKind) -> String {
    let name = kind.as_str();
    let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {name}")
}

fn is_block(node: &Node<'_>) -> bool {
    matches!(
        node.kind,
        Kind::Tag(
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_)
        ) | Kind::Event(Event::Rule)
    )
}

/// `{artist=Mira Holm}`: a bare word after a value is most likely the
/// value's next word, which needs quotes around the whole value.
fn unquoted_hint(items: &[Attribute], attr: &Attribute) -> String {
    let at = items.iter().position(|a| std::ptr::eq(a, attr)).unwrap_or(0);
    let before = at.checked_sub(1).and_then(|i| items.get(i));
    match before {
        Some(Attribute { key, value: Some(value), .. }) if attr.value.is_none() => {
            format!(" (if `{}` is part of `{key}`, quote the value: {key}=\"{value} {}\")", attr.key, attr.key)
        }
        _ => String::new(),
    }
}

/// Whether a quote opens with a callout's marker, `[!kind]`, as Obsidian
/// writes them (any kind, folded with `-` or `+`).
fn opens_callout(quote: &str) -> bool {
    let first = quote.lines().next().unwrap_or("").trim_start();
    let Some(rest) = first.strip_prefix('>').map(str::trim_start).and_then(|r| r.strip_prefix("[!")) else {
        return false;
    };
    rest.find(']')
        .is_some_and(|end| end > 0 && rest[..end].chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_'))
}

/// The last character a reader sees in `text`, a line of source: behind
/// the marks that close emphasis, code and a link (`**強調**`,
/// `[リンク](https://…)` end in `調` and `ク`).
fn last_shown_char(text: &str) -> Option<char> {
    let mut rest = text.trim_end();
    loop {
        if let Some(inside) = rest.strip_suffix(')') {
            // An address's own brackets come in pairs (`a_(b)`).
            let paired = |url: &str| url.matches('(').count() == url.matches(')').count();
            if let Some(open) = inside.rfind("](").filter(|&open| paired(&inside[open + 2..])) {
                rest = &inside[..open];
                continue;
            }
        }
        let bare = rest.trim_end_matches(['*', '_', '~', '`', ']']);
        if bare.len() == rest.len() {
            return rest.chars().next_back();
        }
        rest = bare;
    }
}

/// The first character a reader sees in `text`: after the marks that open
/// emphasis, code or a link.
fn first_shown_char(text: &str) -> Option<char> {
    text.trim_start().trim_start_matches(['*', '_', '~', '`', '[']).chars().next()
}

/// Chinese and Japanese (Han, kana, their punctuation and full-width
/// forms): written without spaces between words, so a line wrapped in
/// the source joins without one. (Korean writes spaces.)
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3040..=0x30FF | 0x3100..=0x312F | 0x31F0..=0x31FF | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFF60 | 0x20000..=0x2FA1F)
}

/// The text of inline nodes, formatting ignored (for alt text and tests of shape).
fn flat_text(nodes: &[Node<'_>]) -> String {
    let mut out = String::new();
    for node in nodes {
        match &node.kind {
            Kind::Event(Event::Text(t) | Event::Code(t)) => out.push_str(t),
            Kind::Event(Event::SoftBreak | Event::HardBreak) => out.push(' '),
            _ => out.push_str(&flat_text(&node.children)),
        }
    }
    out
}

/// The dashes a cite line may start with: an em dash, a horizontal bar, or two hyphens.
const DASHES: [&str; 4] = ["—", "―", "–", "--"];

/// Link or image syntax left in a paragraph's text, as written (from its
/// `[` or `![` to the `)` after its `](`): what Markdown did not read.
fn unread_link(text: &str) -> Option<String> {
    let middle = text.find("](")?;
    let open = text.get(..middle)?.rfind('[')?;
    let open = if text.get(..open)?.ends_with('!') { open - 1 } else { open };
    let close = text.get(middle..)?.find(')').map_or(text.len(), |c| middle + c + 1);
    Some(text.get(open..close)?.to_string())
}

/// The opening fence of a fenced block that has no closing one (it then
/// runs to the end of the file), or `None` when it is closed. `raw` is the
/// block's source, fences included; inside a quote its lines keep their `>`.
fn unclosed_fence(raw: &str) -> Option<String> {
    let unquote = |line: &str| line.trim_start_matches(['>', ' ', '\t']).to_string();
    let mut lines = raw.lines().map(unquote);
    let first = lines.next()?;
    let mark = first.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let opening = first.chars().take_while(|c| *c == mark).count();
    let closed = lines.rfind(|l| !l.trim().is_empty()).is_some_and(|last| {
        let last = last.trim_end();
        last.chars().all(|c| c == mark) && last.chars().count() >= opening
    });
    (!closed).then(|| mark.to_string().repeat(opening))
}

/// What to say of an image from another site, which the strict header
/// keeps off the page.
pub(crate) fn foreign_image_warning(src: &str) -> Option<String> {
    let host = src.strip_prefix("https://").and_then(|r| r.split('/').next())?;
    Some(format!(
        "an image from another site shows only where the Content-Security-Policy lets it in (`img-src \
         https://{host}`); the README's header allows this site's own images: copy it into images/, or add its \
         host to your header"
    ))
}

/// Where the first line that marks a word as Markdown emphasis (`*word*`,
/// `**word**`) starts, in lines kept as written.
fn emphasis_marks_at(text: &str) -> Option<usize> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let chars: Vec<char> = line.chars().collect();
        let opens = chars.windows(2).position(|w| w[0] == '*' && w[1].is_alphanumeric());
        let closes = chars.windows(2).rposition(|w| w[0].is_alphanumeric() && w[1] == '*');
        if let (Some(open), Some(close)) = (opens, closes) {
            if close >= open {
                return Some(start);
            }
        }
        start += line.len();
    }
    None
}

/// Whether the last line of lyrics or a quote is its credit: `— Who`,
/// `― Who` or `-- Who`; and, where a name follows (a capital, a digit, or
/// a letter of a script without capitals: `——宇多田ヒカル`), `– Who` and a
/// tight `—Who`, as house styles write them. The doubled dash `——` is the
/// credit dash of Chinese and Japanese. A spaced en dash is also the
/// sentence dash of a wrapped line (`– and then we started again`), which
/// stays text.
pub(crate) fn starts_with_dash(text: &str) -> bool {
    let text = text.trim_start();
    let spaced = |d: &str| text.strip_prefix(d).filter(|rest| rest.starts_with(char::is_whitespace));
    let named = |rest: &str| {
        rest.trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || (c.is_alphabetic() && !c.is_lowercase()))
    };
    let tight = text.strip_prefix(['—', '―']).map(|rest| rest.trim_start_matches(['—', '―']));
    ["——", "—", "―", "--"].iter().any(|d| spaced(d).is_some())
        || spaced("–").is_some_and(named)
        || tight.is_some_and(|rest| !rest.starts_with(char::is_whitespace) && named(rest))
}

fn strip_dash(text: &str) -> String {
    let text = text.trim();
    let rest = DASHES.iter().find_map(|d| text.strip_prefix(d)).unwrap_or(text);
    // `——` (Chinese and Japanese) is one dash.
    rest.trim_start_matches(['—', '―']).trim().to_string()
}

/// Each `<!--` and `-->` in a run of text events (their text, and where
/// each starts in the body), with its offset in the body.
fn comment_marks(run: &[(&str, usize)]) -> Vec<(usize, &'static str)> {
    let mut joined = String::new();
    let mut starts = Vec::new();
    for (text, offset) in run {
        starts.push((joined.len(), *offset));
        joined.push_str(text);
    }
    let source_offset = |at: usize| {
        let (joined_start, offset) = starts.iter().rev().find(|(start, _)| *start <= at).copied().unwrap_or((0, 0));
        offset + (at - joined_start)
    };
    let mut marks: Vec<(usize, &'static str)> = Vec::new();
    for mark in ["<!--", "-->"] {
        marks.extend(joined.match_indices(mark).map(|(at, _)| (source_offset(at), mark)));
    }
    marks.sort_unstable();
    marks
}

/// Where the first `<!--` without its `-->` starts in an HTML block.
fn unclosed_comment(html: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let open = from + html.get(from..)?.find("<!--")?;
        match html.get(open + 4..).and_then(|rest| rest.find("-->")) {
            Some(close) => from = open + 4 + close + 3,
            None => return Some(open),
        }
    }
}

/// Words (no HTML) after the comments a block starts with, on their line:
/// `<!-- note --> Visible text.`
fn words_after_comment(html: &str) -> Option<String> {
    let mut rest = html.trim_start();
    let mut after = None;
    while let Some(open) = rest.strip_prefix("<!--") {
        let (_, tail) = open.split_once("-->")?;
        after = Some(tail);
        rest = tail.trim_start_matches([' ', '\t']);
    }
    let line = after.map(|_| rest.lines().next().unwrap_or_default().trim())?;
    (!line.is_empty() && !line.contains('<')).then(|| line.chars().take(40).collect())
}

fn is_only_comments(html: &str) -> bool {
    let mut rest = html.trim_start();
    while !rest.is_empty() {
        let Some(after) = rest.strip_prefix("<!--") else { return false };
        let Some((_, tail)) = after.split_once("-->") else { return false };
        rest = tail.trim_start();
    }
    true
}

/// Adjacent runs with the same formatting become one; the block's text is
/// trimmed at both ends.
pub(crate) fn tidy(runs: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(runs.len());
    for run in runs {
        match out.last_mut() {
            Some(last) if last.em == run.em && last.strong == run.strong && last.href == run.href => {
                last.text.push_str(&run.text)
            }
            _ => out.push(run),
        }
    }
    if let Some(first) = out.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = out.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    out.retain(|run| !run.text.is_empty());
    out
}

/// The inline runs of one paragraph of Markdown, or `None` when it is not
/// one plain paragraph (the exporter checks what it writes with this).
pub(crate) fn reparse_inlines(markdown: &str) -> Option<Vec<Inline>> {
    let roots = tree(markdown);
    let [node] = roots.as_slice() else { return None };
    if !matches!(node.kind, Kind::Tag(Tag::Paragraph)) {
        return None;
    }
    let context = Context {
        slug: String::new(),
        site_root: Default::default(),
        source_dir: Default::default(),
        known_slugs: None,
        sections: None,
        section_slugs: None,
        now: None,
    };
    let lines = LineIndex::new(markdown);
    let mut problems = Vec::new();
    let mut compiler = Compiler {
        text: markdown,
        base: 0,
        lines: &lines,
        context: &context,
        problems: &mut problems,
        warnings: Vec::new(),
        fragments: Vec::new(),
        others: std::collections::HashMap::new(),
    };
    compiler.inline_block(&node.children, "a paragraph")
}
