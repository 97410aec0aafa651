//! An article as Markdown: the front matter and body a writer would have
//! written, such that compiling it gives the same article back. Whatever
//! Markdown cannot say exactly is named in the warnings.

use std::collections::HashSet;

use super::attributes::quote;
use super::body::{reparse_inlines, starts_with_dash, tidy};
use super::image_size::resolve_image;
use super::media::{block_address, recognize_embed};
use super::sources::slug_from_headline;
use super::{compile, Context};
use crate::model::{Article, Block, Feedback, Image, Inline, Parsed, SafeHref, SkippedBlock};

/// The Markdown text, and what did not carry over exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub markdown: String,
    pub warnings: Vec<String>,
    /// Whether every part of the JSON is in the Markdown. Parts the
    /// reader's parser skipped (an unknown block type, an image without
    /// its size) are not: each is named in `warnings`.
    pub complete: bool,
}

/// Writes an article as Markdown. `context` gives the site folder, so image
/// sizes that match the files are left to be read from them again.
pub fn export_markdown(article: &Article, context: &Context) -> Exported {
    export(article, &[], context)
}

/// Writes an article read from JSON as Markdown, naming each part the
/// parser skipped: the Markdown cannot carry what was never read, and the
/// editor would otherwise lose it without a word.
pub fn export_parsed(parsed: &Parsed<Article>, context: &Context) -> Exported {
    export(&parsed.value, &parsed.skipped, context)
}

fn export(article: &Article, skipped: &[SkippedBlock], context: &Context) -> Exported {
    let mut warnings: Vec<String> =
        skipped.iter().map(|s| format!("{s}; the Markdown leaves it out, as the reader does")).collect();
    let indices = json_indices(article.body.len(), skipped);
    let mut out = String::from("---\n");
    front_matter(article, context, &mut out);
    out.push_str("---\n");
    let explicit = explicit_ids(&article.body);
    let mut carried = Vec::new();
    // Two lists of one kind in a row would be read back as one list: the
    // second takes the other mark, which starts a list of its own.
    let mut other_mark = false;
    for (n, block) in article.body.iter().enumerate() {
        other_mark = match (n.checked_sub(1).and_then(|p| article.body.get(p)), block) {
            (Some(Block::List { ordered: before, .. }), Block::List { ordered, .. }) if before == ordered => {
                !other_mark
            }
            _ => false,
        };
        let i = indices.get(n).copied().unwrap_or(n);
        out.push('\n');
        let mut attrs = Vec::new();
        if explicit.contains(&n) {
            attrs.push(format!("#{}", block.id()));
        }
        if let Some(feedback) = block_feedback(&article.feedback, block.id(), &mut warnings) {
            attrs.push(match &feedback.prompt {
                Some(prompt) => format!("feedback={}", quote(prompt)),
                None => "feedback".to_string(),
            });
            carried.push(feedback);
        }
        let text = block_markdown(block, i, context, other_mark, &mut attrs, &mut warnings);
        if !attrs.is_empty() {
            out.push_str(&format!("{{{}}}\n", attrs.join(" ")));
        }
        out.push_str(&text);
        out.push('\n');
    }
    for (i, feedback) in article.feedback.iter().enumerate() {
        if !article.body.iter().any(|b| b.id() == feedback.block) {
            warnings.push(format!("feedback[{i}]: no block has the id `{}`, so it is left out", feedback.block));
        }
    }
    check_round_trip(article, &indices, &carried, &out, context, &mut warnings);
    Exported { markdown: out, warnings, complete: skipped.is_empty() }
}

/// The feedback a block's attribute line carries: its first entry. An
/// attribute line asks one question, so a later entry on the same block is
/// named and left out; a blank prompt is read back as the default question.
fn block_feedback(all: &[Feedback], block: &str, warnings: &mut Vec<String>) -> Option<Feedback> {
    let mut entries = all.iter().enumerate().filter(|(_, f)| f.block == block);
    let (first_index, first) = entries.next()?;
    for (i, _) in entries {
        warnings.push(format!(
            "feedback[{i}]: block `{block}` already asks feedback[{first_index}]'s question, and a block asks one \
             question in Markdown, so this one is left out"
        ));
    }
    let prompt = match first.prompt.as_deref().map(str::trim) {
        Some("") => {
            warnings.push(format!(
                "feedback[{first_index}]: its prompt is blank, so the Markdown asks the default question"
            ));
            None
        }
        prompt => prompt.map(str::to_string),
    };
    Some(Feedback { block: block.to_string(), prompt })
}

/// The index each block had in the JSON's `body`, so warnings name the
/// block the editor sees there: a skipped block leaves a gap.
fn json_indices(count: usize, skipped: &[SkippedBlock]) -> Vec<usize> {
    let gaps: HashSet<usize> = skipped
        .iter()
        .filter_map(|s| match s {
            SkippedBlock::UnknownType { index, .. } | SkippedBlock::Malformed { index, .. } => Some(*index),
            SkippedBlock::Field { .. } => None,
        })
        .collect();
    (0..).filter(|i| !gaps.contains(i)).take(count).collect()
}

/// Which blocks need their id written: those whose id is not the one the
/// compiler would give them anyway (`p1`, `p2`, `h1`, …).
fn explicit_ids(body: &[Block]) -> HashSet<usize> {
    let mut explicit: HashSet<usize> = HashSet::new();
    loop {
        let taken: HashSet<&str> = explicit.iter().filter_map(|&i| body.get(i)).map(Block::id).collect();
        let mut used: HashSet<String> = HashSet::new();
        let mut counters: std::collections::HashMap<&str, u32> = Default::default();
        let mut grew = false;
        for (i, block) in body.iter().enumerate() {
            if explicit.contains(&i) {
                continue;
            }
            let prefix = prefix(block);
            let auto = loop {
                let n = counters.entry(prefix).or_insert(0);
                *n += 1;
                let candidate = format!("{prefix}{n}");
                if !taken.contains(candidate.as_str()) && !used.contains(&candidate) {
                    break candidate;
                }
            };
            if auto != block.id() {
                explicit.insert(i);
                grew = true;
            }
            used.insert(auto);
        }
        if !grew {
            return explicit;
        }
    }
}

fn prefix(block: &Block) -> &'static str {
    match block {
        Block::Paragraph { .. } => "p",
        Block::Heading { .. } => "h",
        Block::Quote { .. } => "q",
        Block::Lyrics { .. } | Block::List { .. } => "l",
        Block::Video { .. } => "v",
        Block::Audio { .. } => "a",
        Block::Image { .. } => "i",
    }
}

fn block_markdown(
    block: &Block,
    index: usize,
    context: &Context,
    other_mark: bool,
    attrs: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> String {
    let at = format!("body[{index}]");
    match block {
        Block::Paragraph { content, .. } => {
            let mut text = inline_markdown(content, &at, warnings);
            // An address alone on its line would be read as a video (or refused).
            let lower = text.to_ascii_lowercase();
            if !text.contains(char::is_whitespace) && (lower.starts_with("http://") || lower.starts_with("https://")) {
                text = text.replacen(':', "\\:", 1);
            }
            let only_link = content.iter().all(|i| i.href == content.first().and_then(|f| f.href.clone()));
            if only_link
                && content.first().and_then(|f| f.href.as_deref()).and_then(recognize_embed).is_some_and(|r| r.is_ok())
            {
                warnings.push(format!("{at}: a paragraph that is only a link to a video reads as the video itself: add words around the link"));
            }
            text
        }
        Block::Heading { level, text, .. } => {
            let level = usize::from((*level).clamp(2, 6));
            let mut escaped = escape_text(text.trim());
            if escaped.ends_with('#') {
                escaped.insert(escaped.len() - 1, '\\');
            }
            if escaped.ends_with('}') {
                if let Some(open) = escaped.rfind('{') {
                    escaped.insert(open, '\\');
                }
            }
            format!("{} {}", "#".repeat(level), escaped)
        }
        Block::Quote { content, cite, .. } => {
            let mut text = format!("> {}", inline_markdown(content, &at, warnings));
            // An empty cite is no cite to a reader; `> —` alone would join the quote.
            if let Some(cite) = cite.as_deref().filter(|c| !c.trim().is_empty()) {
                text.push_str(&format!("\n> — {}", escape_text(cite.trim())));
            }
            text
        }
        Block::Lyrics { lines, cite, .. } => {
            if lines.first().is_some_and(|l| l.trim().is_empty()) || lines.last().is_some_and(|l| l.trim().is_empty()) {
                warnings.push(format!("{at}: blank lines at the start or end of a lyric quote are left out"));
            }
            if cite.is_none() && lines.len() > 1 && lines.last().is_some_and(|l| starts_with_dash(l)) {
                warnings.push(format!("{at}: the last line starts with a dash, so it reads as the song's credit"));
            }
            let longest =
                lines.iter().map(|l| l.trim_start().chars().take_while(|c| *c == '`').count()).max().unwrap_or(0);
            let fence = "`".repeat(longest.max(2) + 1);
            let mut text = format!("{fence}lyrics\n");
            for line in lines {
                text.push_str(line.trim_end());
                text.push('\n');
            }
            if let Some(cite) = cite {
                text.push_str(&format!("— {}\n", cite.trim()));
            }
            text.push_str(&fence);
            text
        }
        Block::Video { provider, title, .. } | Block::Audio { provider, title, .. } => {
            if let Block::Video { poster: Some(poster), .. } = block {
                attrs.push(format!("poster={}", quote(poster)));
            }
            let Some((url, extra)) = block_address(block) else {
                warnings.push(format!("{at}: its `{provider}` identifiers break the service's rules, so it has no address to write; fix it by hand"));
                return escape_line_start(&escape_text(title.trim()));
            };
            if let Block::Audio { artist, artwork, .. } = block {
                attrs.push(format!("artist={}", quote(artist)));
                if let Some(art) = artwork {
                    attrs.push(format!("artwork={} artwork_alt={}", quote(&art.src), quote(&art.alt)));
                    if !size_matches_file(art, context) {
                        warnings.push(format!(
                            "{at}: the artwork's size differs from its file's, which the Markdown reads"
                        ));
                    }
                }
            }
            for (key, value) in extra {
                attrs.push(format!("{key}={}", quote(&value)));
            }
            format!("[{}]({})", escape_text(title.trim()), destination(&url))
        }
        Block::Image { image, link, .. } => {
            if let Some(credit) = &image.credit {
                attrs.push(format!("credit={}", quote(credit)));
            }
            if !size_matches_file(image, context) {
                attrs.push(format!("width={} height={}", image.width, image.height));
            }
            let caption = image.caption.as_deref().map(|c| format!(" {}", title(c))).unwrap_or_default();
            let picture = format!("![{}]({}{caption})", escape_text(image.alt.trim()), destination(&image.src));
            match link {
                Some(link) => format!("[{picture}]({})", destination(link)),
                None => picture,
            }
        }
        Block::List { ordered, start, reversed, items, .. } => {
            if *reversed {
                warnings.push(format!("{at}: Markdown has no list that counts down, so this one counts up"));
            }
            // CommonMark takes a list's numbering from its first number, and
            // a number has at most nine digits.
            let first = start.unwrap_or(1).clamp(0, 999_999_999 - items.len() as i32);
            if start.is_some_and(|s| s != first) {
                warnings.push(format!(
                    "{at}: Markdown cannot number a list from {}, so it starts at {first}",
                    start.unwrap_or(1)
                ));
            }
            let mut text = String::new();
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    text.push('\n');
                }
                let marker = match (*ordered, other_mark) {
                    (true, false) => format!("{}. ", first as usize + n),
                    (true, true) => format!("{}) ", first as usize + n),
                    (false, false) => "- ".to_string(),
                    (false, true) => "* ".to_string(),
                };
                text.push_str(&marker);
                text.push_str(&inline_markdown(item, &format!("{at}.items[{n}]"), warnings));
            }
            text
        }
    }
}

fn size_matches_file(image: &Image, context: &Context) -> bool {
    resolve_image(&image.src, None, None, context).is_ok_and(|r| r.width == image.width && r.height == image.height)
}

/// Inline runs as Markdown, checked by parsing them back; `_` for emphasis
/// where `*` would run into a neighbouring delimiter.
fn inline_markdown(runs: &[Inline], at: &str, warnings: &mut Vec<String>) -> String {
    if runs.iter().any(|r| r.text.contains(['\n', '\r'])) {
        warnings.push(format!("{at}: line breaks inside the text become spaces"));
    }
    let mut refused: Vec<&str> = Vec::new();
    for href in runs.iter().filter_map(|r| r.href.as_deref()).filter(|h| !allowed_href(h)) {
        if !refused.contains(&href) {
            refused.push(href);
            warnings.push(format!(
                "{at}: the link `{href}` is refused by the link rule (http://, https://, mailto: or a path on this \
                 site), so the reader shows its words as plain text; the Markdown writes them without the link"
            ));
        }
    }
    let mut runs: Vec<Inline> = runs.iter().map(|r| readable(r, r.text.replace(['\n', '\r'], " "))).collect();
    trim_edges(&mut runs);
    let want = comparable(&runs);
    let mut first = None;
    for em in ['*', '_'] {
        let text = render(&runs, em);
        if reparse_inlines(&text).is_some_and(|back| comparable(&back) == want) {
            return text;
        }
        first.get_or_insert(text);
    }
    warnings.push(format!("{at}: the emphasis could not be written exactly; check it in the Markdown"));
    first.unwrap_or_default()
}

fn allowed_href(href: &str) -> bool {
    SafeHref::parse(href).is_some()
}

/// A run with this text, as a reader sees it: a link the link rule refuses
/// is shown as plain text.
fn readable(run: &Inline, text: String) -> Inline {
    Inline { text, href: run.href.clone().filter(|h| allowed_href(h)), ..run.clone() }
}

/// Takes the white space off a block's two ends, which a reader never sees
/// and Markdown cannot keep (four spaces would start a code block).
fn trim_edges(runs: &mut [Inline]) {
    for run in runs.iter_mut() {
        run.text = run.text.trim_start().to_string();
        if !run.text.is_empty() {
            break;
        }
    }
    for run in runs.iter_mut().rev() {
        run.text = run.text.trim_end().to_string();
        if !run.text.is_empty() {
            break;
        }
    }
}

/// Runs as a reader sees them: spaces at the edge of emphasis or a link
/// count as plain spaces, and a refused link is plain text.
fn comparable(runs: &[Inline]) -> Vec<Inline> {
    let mut runs = runs.to_vec();
    trim_edges(&mut runs);
    let mut out = Vec::new();
    for run in &runs {
        let run = &readable(run, run.text.clone());
        let (lead, core, trail) = edges(&run.text);
        if core.is_empty() {
            out.push(Inline { text: run.text.clone(), em: false, strong: false, href: None });
            continue;
        }
        out.push(Inline { text: lead.to_string(), em: false, strong: false, href: None });
        out.push(Inline { text: core.to_string(), ..run.clone() });
        out.push(Inline { text: trail.to_string(), em: false, strong: false, href: None });
    }
    tidy(out.into_iter().filter(|r| !r.text.is_empty()).collect())
}

fn render(runs: &[Inline], em: char) -> String {
    let mut out = String::new();
    let mut i = 0;
    while let Some(run) = runs.get(i) {
        match &run.href {
            Some(href) => {
                let end = i + runs.iter().skip(i).take_while(|r| r.href.as_ref() == Some(href)).count();
                let inner = runs.get(i..end).unwrap_or(&[]).iter().map(|r| formatted(r, em)).collect::<String>();
                // Spaces at the link's edges go outside it.
                let (lead, core, trail) = edges(&inner);
                out.push_str(&format!("{lead}[{core}]({}){trail}", destination(href)));
                i = end;
            }
            None => {
                out.push_str(&formatted(run, em));
                i += 1;
            }
        }
    }
    escape_line_start(&out)
}

/// Leading spaces, the text, trailing spaces.
fn edges(text: &str) -> (&str, &str, &str) {
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len().max(start);
    (text.get(..start).unwrap_or(""), text.get(start..end).unwrap_or(""), text.get(end..).unwrap_or(""))
}

fn formatted(run: &Inline, em: char) -> String {
    let (lead, core, trail) = edges(&run.text);
    if core.is_empty() {
        return run.text.clone();
    }
    let mut open = String::new();
    if run.strong {
        open.push_str("**");
    }
    if run.em {
        open.push(em);
    }
    let close: String = open.chars().rev().collect();
    format!("{lead}{open}{}{close}{trail}", escape_text(core))
}

/// Backslash-escapes what Markdown would read as syntax inside a line.
fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '~' => true,
            '!' => next.is_none() || next == Some('['),
            // `%%` opens an Obsidian comment, which the compiler refuses.
            '%' => next == Some('%'),
            // `-->` would end a comment (and, with none open, is refused).
            '>' => i >= 2 && chars.get(i - 2..i) == Some(&['-', '-']),
            '&' => entity_follows(&chars.iter().skip(i + 1).collect::<String>()),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes a first character that would start another kind of block.
fn escape_line_start(line: &str) -> String {
    let mut chars = line.chars();
    match chars.next() {
        Some(c @ ('#' | '>' | '-' | '+' | '=' | '{' | '|')) => format!("\\{c}{}", chars.as_str()),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            match line.get(digits..).and_then(|rest| rest.chars().next()) {
                Some('.' | ')') if digits <= 9 => {
                    format!("{}\\{}", line.get(..digits).unwrap_or(""), line.get(digits..).unwrap_or(""))
                }
                _ => line.to_string(),
            }
        }
        _ => line.to_string(),
    }
}

/// A link or image destination, in `<…>` when it has spaces or brackets.
fn destination(url: &str) -> String {
    let escaped = escape_entities(&url.replace('\\', "\\\\"));
    if url.contains([' ', '(', ')', '<', '>']) || url.is_empty() {
        format!("<{}>", escaped.replace('<', "\\<").replace('>', "\\>"))
    } else {
        escaped
    }
}

/// An image title (its caption), in double quotes.
fn title(text: &str) -> String {
    format!("\"{}\"", escape_entities(&text.replace('\\', "\\\\").replace('"', "\\\"")))
}

/// `&name;` would be read as a character reference: escape its `&`.
fn escape_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == '&' && text.get(i + 1..).is_some_and(entity_follows) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn entity_follows(rest: &str) -> bool {
    let name: String = rest.chars().take(33).collect();
    name.find(';').is_some_and(|end| {
        end > 0 && name.get(..end).is_some_and(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '#'))
    })
}

fn front_matter(article: &Article, context: &Context, out: &mut String) {
    let mut line = |key: &str, value: String| out.push_str(&format!("{key}: {value}\n"));
    line("title", yaml(&article.title, false));
    if let Some(dek) = &article.dek {
        line("dek", yaml(dek, false));
    }
    if let Some(category) = &article.category {
        if slug_from_headline(&category.name).as_deref() == Some(category.slug.as_str()) {
            line("category", yaml(&category.name, false));
        } else {
            line(
                "category",
                format!("{{ slug: {}, name: {} }}", yaml(&category.slug, true), yaml(&category.name, true)),
            );
        }
    }
    if !article.tags.is_empty() {
        line("tags", flow(&article.tags));
    }
    if !article.authors.is_empty() {
        let plain = article.authors.iter().all(|a| a.url.is_none());
        if plain {
            let names: Vec<String> = article.authors.iter().map(|a| a.name.clone()).collect();
            line("authors", flow(&names));
        } else {
            let mut list = String::new();
            for author in &article.authors {
                list.push_str(&format!("\n  - name: {}", yaml(&author.name, false)));
                if let Some(url) = &author.url {
                    list.push_str(&format!("\n    url: {}", yaml(url, false)));
                }
            }
            out.push_str(&format!("authors:{list}\n"));
        }
    }
    let mut line = |key: &str, value: String| out.push_str(&format!("{key}: {value}\n"));
    line("published", yaml(article.published.as_str(), false));
    if let Some(updated) = &article.updated {
        line("updated", yaml(updated.as_str(), false));
    }
    if let Some(hero) = &article.hero {
        let mut text = format!("hero:\n  src: {}\n  alt: {}\n", yaml(&hero.src, false), yaml(&hero.alt, false));
        if let Some(caption) = &hero.caption {
            text.push_str(&format!("  caption: {}\n", yaml(caption, false)));
        }
        if let Some(credit) = &hero.credit {
            text.push_str(&format!("  credit: {}\n", yaml(credit, false)));
        }
        if !size_matches_file(hero, context) {
            text.push_str(&format!("  width: {}\n  height: {}\n", hero.width, hero.height));
        }
        out.push_str(&text);
    }
    if !article.related.is_empty() {
        out.push_str(&format!("related: {}\n", flow(&article.related)));
    }
    if !article.comments.open {
        out.push_str("comments: false\n");
    }
    if let Some(language) = &article.language {
        out.push_str(&format!("language: {}\n", yaml(language, false)));
    }
    if article.unlisted {
        out.push_str("unlisted: true\n");
    }
}

fn flow(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|i| yaml(i, true)).collect::<Vec<_>>().join(", "))
}

/// A YAML scalar: plain when nothing in it could be read as syntax or as
/// another type, double-quoted otherwise.
fn yaml(text: &str, in_flow: bool) -> String {
    let lower = text.to_ascii_lowercase();
    let ambiguous = matches!(lower.as_str(), "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n")
        || text.parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || lower.starts_with(".inf")
        || lower.starts_with("-.inf")
        || lower.starts_with(".nan");
    let plain = !text.is_empty()
        && !ambiguous
        && text.trim() == text
        && !text.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
        ])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(char::is_control)
        && !(in_flow && text.contains([',', '[', ']', '{', '}']));
    if plain {
        return text.to_string();
    }
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Compiles what was written and names every block that reads back
/// differently, and the feedback if it is not what the attribute lines carry.
fn check_round_trip(
    article: &Article,
    indices: &[usize],
    feedback: &[Feedback],
    markdown: &str,
    context: &Context,
    warnings: &mut Vec<String>,
) {
    match compile(markdown, context) {
        Ok(compiled) => {
            let back = compiled.article;
            for (n, (a, b)) in article.body.iter().zip(&back.body).enumerate() {
                let i = indices.get(n).copied().unwrap_or(n);
                if a != b && !same_to_a_reader(a, b) {
                    warnings.push(format!("body[{i}] ({}) reads back differently from the JSON", prefix_name(a)));
                }
            }
            if article.body.len() != back.body.len() {
                warnings.push(format!(
                    "the body has {} blocks, and reads back with {}",
                    article.body.len(),
                    back.body.len()
                ));
            }
            let fields = [
                ("title", article.title != back.title),
                ("published", article.published != back.published),
                ("updated", article.updated != back.updated),
                ("comments", article.comments != back.comments),
                ("unlisted", article.unlisted != back.unlisted),
                ("language", article.language != back.language),
                ("dek", article.dek != back.dek),
                ("category", article.category != back.category),
                ("tags", article.tags != back.tags),
                ("authors", article.authors != back.authors),
                ("hero", article.hero != back.hero),
                ("related", article.related != back.related),
                // What the attribute lines carry; what they cannot carry has its warning.
                ("feedback", feedback != back.feedback.as_slice()),
            ];
            for (name, differs) in fields {
                if differs {
                    warnings.push(format!("`{name}` reads back differently from the JSON (order or spacing)"));
                }
            }
        }
        Err(problems) => {
            for problem in problems {
                warnings.push(format!("the Markdown needs a fix at {problem}"));
            }
        }
    }
}

fn same_to_a_reader(a: &Block, b: &Block) -> bool {
    let same_runs = |c: &[Inline], d: &[Inline]| comparable(c) == comparable(d);
    match (a, b) {
        (Block::Paragraph { id: x, content: c }, Block::Paragraph { id: y, content: d }) => x == y && same_runs(c, d),
        (Block::Quote { id: x, content: c, cite: e }, Block::Quote { id: y, content: d, cite: f }) => {
            x == y && e == f && same_runs(c, d)
        }
        (
            Block::List { id: x, ordered: o, start: s, reversed: r, items: c },
            Block::List { id: y, ordered: p, start: t, reversed: u, items: d },
        ) => {
            x == y && o == p && s == t && r == u && c.len() == d.len() && c.iter().zip(d).all(|(c, d)| same_runs(c, d))
        }
        _ => false,
    }
}

fn prefix_name(block: &Block) -> &'static str {
    match block {
        Block::Paragraph { .. } => "paragraph",
        Block::Heading { .. } => "heading",
        Block::Quote { .. } => "quote",
        Block::Lyrics { .. } => "lyrics",
        Block::Video { .. } => "video",
        Block::Audio { .. } => "audio",
        Block::Image { .. } => "image",
        Block::List { .. } => "list",
    }
}
