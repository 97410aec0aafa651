//! Articles written in Markdown: YAML front matter and a CommonMark body,
//! compiled to the article JSON the reader fetches (and back again).
//!
//! Native only: the publisher tool, the build and the tests use it; the
//! browser only ever sees the JSON it produces.
//!
//! ```text
//! ---
//! title: Headline
//! published: 2021-04-02T09:00:00+09:00
//! ---
//! A paragraph with *emphasis*, **strong** and [a link](/article/other).
//!
//! {#q1 feedback="What does this mean to you?"}
//! > A pull quote.
//! > — Who said it
//! ```
//!
//! Everything the reader cannot show (raw HTML, tables, footnotes, a link
//! the link rule refuses, an image without alt text, …) is a [`Problem`]
//! with its line and column, never something silently dropped. The output
//! goes through the same strict validator as hand-written JSON.

mod attributes;
mod body;
mod commands;
mod export;
mod front_matter;
mod image_size;
pub(crate) use image_size::upright_size;
pub(crate) mod media;
pub(crate) mod sources;

use std::fmt;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::{validate_article, Article, Block, Image, MAX_CONTENT_BYTES};

pub use commands::{check_sources, export_command, new_command, validate_sources, write_sources, SourceReport};
pub use export::{export_markdown, export_parsed, Exported};
pub use image_size::{image_size, ImageSizeError};
pub use media::{recognize_embed, Embed};
pub use sources::{
    compile_dir, generated_json_path, markdown_sources, new_article_text, slug_from_headline, CompiledFile, DirCompile,
};

/// One thing wrong with a Markdown source, where it is (1-based line, and
/// column in characters), and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// What can go wrong around the compiler: files that cannot be read or
/// written, and sources with problems (each reported as `file:line:column`).
#[derive(Debug, Error)]
pub enum MarkdownError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    /// With the warnings found beside the problems, printed after them.
    #[error("{}", located(path, problems, warnings))]
    Problems { path: PathBuf, problems: Vec<Problem>, warnings: Vec<Problem> },
    #[error("{path}: {reason}")]
    Export { path: PathBuf, reason: String },
    #[error(
        "{}: not read: a Markdown article is named after its slug with a lowercase .md, so rename it `{}`",
        path.display(),
        md_name(path)
    )]
    Misnamed { path: PathBuf },
    #[error(
        "{}: not read: articles are the files of the articles folder itself, not of folders inside it, so move \
         it there as `{}` (its pictures go to the site's images/ folder)",
        path.display(),
        nested_name(path)
    )]
    Nested { path: PathBuf },
    #[error("could not write JSON: {0}")]
    Encode(#[from] serde_json::Error),
    #[error("{0}")]
    Usage(String),
}

/// Where a source found in a folder inside `articles/` belongs: a page
/// bundle's `x/index.md` is the article `x.md`.
fn nested_name(path: &Path) -> String {
    let stem = path.file_stem().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let folder = path.parent().and_then(Path::file_name).map(|n| n.to_string_lossy().into_owned());
    match folder {
        Some(folder) if stem == "index" || stem == "_index" => format!("articles/{folder}.md"),
        _ => format!("articles/{stem}.md"),
    }
}

fn md_name(path: &Path) -> String {
    path.with_extension("md").file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn located(path: &Path, problems: &[Problem], warnings: &[Problem]) -> String {
    let problems = problems.iter().map(|p| format!("{}:{p}", path.display()));
    let warnings =
        warnings.iter().map(|w| format!("{}:{}:{}: warning: {}", path.display(), w.line, w.column, w.message));
    problems.chain(warnings).collect::<Vec<_>>().join("\n")
}

/// What the compiler needs to know beyond the text: the article's slug (its
/// file name), the site folder that image paths are relative to, and, when
/// known, the slugs of the site's articles (so `related` can be checked).
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The slug the file name gives (`film-out.md` → `film-out`).
    pub slug: String,
    /// The folder the site is served from (`public/`, or a built `dist/`).
    pub site_root: PathBuf,
    /// The folder of the source file, for image paths starting with `./` or `../`.
    pub source_dir: PathBuf,
    /// Every article slug of the site, if known (shared by every file of a
    /// folder, not copied for each).
    pub known_slugs: Option<std::sync::Arc<[String]>>,
    /// The names of the site's sections (its `site.json`), if known: a
    /// category spelt otherwise makes a section of its own.
    pub sections: Option<Vec<String>>,
    /// The slugs of the site's section pages (`site.json`'s, and those its
    /// articles were in when last indexed), if known: a link to
    /// `/category/…` is checked against them.
    pub section_slugs: Option<Vec<String>>,
    /// The time of the run, if known: an article dated after it (a slip of
    /// the year) is listed at once anyway, first of all.
    pub now: Option<crate::model::Timestamp>,
}

/// The time of this run (to the minute, as `publish new` dates an
/// article), for [`Context::now`].
pub fn now() -> Option<crate::model::Timestamp> {
    crate::model::Timestamp::parse(&sources::now_utc()).ok()
}

/// A compiled article: the value, and its JSON exactly as the publisher
/// tool writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    pub article: Article,
    pub json: String,
    /// What compiled, but perhaps not as the writer expects (a video's
    /// start time, which the block cannot hold); printed, never fatal.
    pub warnings: Vec<Problem>,
}

/// The article JSON as written to `{slug}.json`: pretty, with a final newline.
pub fn article_json(article: &Article) -> Result<String, serde_json::Error> {
    let mut json = serde_json::to_string_pretty(article)?;
    json.push('\n');
    Ok(json)
}

/// Compiles one Markdown article. Every problem is reported at once, each
/// with its line and column in `source`.
pub fn compile(source: &str, context: &Context) -> Result<Compiled, Vec<Problem>> {
    compile_reporting(source, context).map_err(|refused| refused.problems)
}

/// A source that does not compile: its problems, and the warnings found
/// beside them, so a writer fixing the one sees the other in the same run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Refused {
    pub problems: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

impl Refused {
    fn only(problems: Vec<Problem>) -> Self {
        Refused { problems, warnings: Vec::new() }
    }
}

/// [`compile`], with the warnings of a source that does not compile.
pub fn compile_reporting(source: &str, context: &Context) -> Result<Compiled, Refused> {
    let source = &unix_line_ends(source);
    let lines = LineIndex::new(source);
    let controls = control_characters(source, &lines);
    if !controls.is_empty() {
        return Err(Refused::only(controls));
    }
    let split = front_matter::split(source).map_err(|p| Refused::only(vec![p]))?;
    let mut problems = Vec::new();
    let mut fields = front_matter::read(source, &split, context, &lines, &mut problems);
    // The article's own section has a page once it is published, even
    // when it is the first article in it.
    let with_own_section;
    let body_context = match (fields.as_ref().and_then(|f| f.category_slug()), &context.section_slugs) {
        (Some(own), Some(slugs)) if !slugs.contains(&own) => {
            let mut slugs = slugs.clone();
            slugs.push(own);
            with_own_section = Context { section_slugs: Some(slugs), ..context.clone() };
            &with_own_section
        }
        _ => context,
    };
    let mut blocks = body::compile(source, split.body_start, body_context, &lines, &mut problems);
    // In the order of the file, as an editor reads it: the front matter's
    // and the body's are found in two passes.
    problems.sort_by_key(|p| (p.line, p.column));
    let mut warnings = blocks.as_mut().map(|b| std::mem::take(&mut b.warnings)).unwrap_or_default();
    if let Some(fields) = fields.as_mut() {
        if let Some(sections) = &context.sections {
            fields.spell_category_as(sections);
        }
        warnings.extend(field_warnings(fields, source, &lines, context));
    }
    // `publish new`'s own paragraph, left in (outside a comment).
    if let Some(at) = source.find(sources::TEMPLATE_OPENING) {
        let before = &source[..at];
        if before.matches("<!--").count() == before.matches("-->").count() {
            warnings.push(
                lines.problem(
                    at,
                    "this is still the paragraph `publish new` wrote: write the article's own opening, or it is \
                 published as it stands (and becomes the summary where there is no `dek`)"
                        .to_string(),
                ),
            );
        }
    }
    warnings.sort_by_key(|w| (w.line, w.column));
    let (Some(fields), Some(blocks)) = (fields, blocks) else {
        return Err(Refused { problems, warnings });
    };
    let no_text = blocks.body.is_empty();
    let article = fields.into_article(blocks.body, blocks.feedback);
    // Also beside the file's problems, so one run shows all there is to fix.
    warnings.extend(marks_in_plain_text(&article, source, split.yaml_start, &lines));
    warnings.sort_by_key(|w| (w.line, w.column));
    if !problems.is_empty() {
        return Err(Refused { problems, warnings });
    }
    if no_text {
        // The reader would show the headline and "its text could not be shown".
        let problem = lines
            .problem(split.body_start, "the article has no text: write at least a paragraph below the front matter");
        return Err(Refused { problems: vec![problem], warnings });
    }
    let json = match article_json(&article) {
        Ok(json) => json,
        Err(e) => {
            let problem = Problem { line: 1, column: 1, message: format!("could not write the JSON: {e}") };
            return Err(Refused { problems: vec![problem], warnings });
        }
    };
    if json.len() > MAX_CONTENT_BYTES {
        return Err(Refused { problems: vec![too_large(source.len(), json.len())], warnings });
    }
    // The same strict rules as hand-written JSON: anything left is a gap in
    // this compiler, still reported rather than published.
    let left: Vec<Problem> = validate_article(&json)
        .into_iter()
        .map(|p| Problem { line: 1, column: 1, message: format!("the compiled article is refused: {p}") })
        .collect();
    if left.is_empty() {
        Ok(Compiled { article, json, warnings })
    } else {
        Err(Refused { problems: left, warnings })
    }
}

/// Emphasis, links or HTML written in a field that is plain text (a
/// title, a dek, a caption, a credit, a player's title): shown to readers
/// as written, marks and all. Each is warned about where its words are.
fn marks_in_plain_text(article: &Article, source: &str, from: usize, lines: &LineIndex<'_>) -> Vec<Problem> {
    let mut fields: Vec<(&str, &str)> = vec![("title", &article.title)];
    fields.extend(article.dek.as_deref().map(|d| ("dek", d)));
    let mut images: Vec<(&str, &Image)> = article.hero.iter().map(|h| ("the hero's", h)).collect();
    for block in &article.body {
        match block {
            Block::Image { image, .. } => images.push(("an image's", image)),
            Block::Audio { title, artist, artwork, .. } => {
                fields.push(("a player's title", title));
                fields.push(("a player's artist", artist));
                images.extend(artwork.iter().map(|a| ("a player's artwork", a)));
            }
            Block::Video { title, .. } => fields.push(("a player's title", title)),
            _ => {}
        }
    }
    let mut found = Vec::new();
    for (whose, image) in &images {
        found.extend(image.caption.as_deref().map(|c| (format!("{whose} caption"), c)));
        found.extend(image.credit.as_deref().map(|c| (format!("{whose} credit"), c)));
        found.push((format!("{whose} alt text"), image.alt.as_str()));
    }
    found.extend(fields.into_iter().map(|(what, text)| (what.to_string(), text)));
    found
        .into_iter()
        .filter_map(|(what, text)| {
            let marks = markup_in(text)?;
            let at = source.get(from..).and_then(|s| s.find(marks)).map_or(from, |i| from + i);
            Some(lines.problem(
                at,
                format!(
                    "{what} is plain text: `{marks}` is shown as written, marks and all (italics, bold and links \
                     are for the article's text)"
                ),
            ))
        })
        .collect()
}

/// The first emphasis (`*Homogenic*`, `**so**`, `_x_`), link
/// (`[words](address)`) or HTML tag (`<b>`) written in `text`.
fn markup_in(text: &str) -> Option<&str> {
    let link = text.find("](").and_then(|close| {
        let open = text.get(..close)?.rfind('[')?;
        let end = text.get(close..)?.find(')')? + close + 1;
        Some(open..end)
    });
    let tag = text.char_indices().find_map(|(i, c)| {
        let rest = text.get(i + 1..)?;
        let name = rest.strip_prefix('/').unwrap_or(rest);
        let letters = name.chars().take_while(char::is_ascii_alphabetic).count();
        let closes = name.get(letters..).is_some_and(|r| r.starts_with('>') || r.starts_with(' ') && r.contains('>'));
        (c == '<' && letters > 0 && closes).then(|| i..i + 1 + rest.find('>').unwrap_or(0) + 1)
    });
    let emphasis = ['*', '_'].into_iter().find_map(|mark| {
        text.char_indices().find_map(|(i, c)| {
            let run = text.get(i..)?.chars().take_while(|m| *m == mark).count();
            let inner_start = i + run;
            let opens = c == mark
                && text.get(..i).is_none_or(|b| !b.ends_with(mark))
                && text.get(inner_start..)?.chars().next().is_some_and(|n| !n.is_whitespace());
            if !opens {
                return None;
            }
            let closer: String = std::iter::repeat_n(mark, run).collect();
            let inner_end = text.get(inner_start..)?.find(&closer)? + inner_start;
            let inner = text.get(inner_start..inner_end)?;
            // Inside a word (`M*A*S*H`, `snake_case`) the marks are the word's.
            let word_inside = text.get(..i).is_some_and(|b| b.ends_with(char::is_alphanumeric))
                || text.get(inner_end + run..).is_some_and(|a| a.starts_with(char::is_alphanumeric));
            (!inner.is_empty() && !inner.ends_with(char::is_whitespace) && !word_inside).then_some(i..inner_end + run)
        })
    });
    [link, tag, emphasis].into_iter().flatten().min_by_key(|r| r.start).and_then(|r| text.get(r))
}

/// What the front matter's fields compile to but may not be what the
/// writer meant: a category that is none of the site's sections, a date in
/// the future, a hero from another site.
fn field_warnings(
    fields: &front_matter::Fields,
    source: &str,
    lines: &LineIndex<'_>,
    context: &Context,
) -> Vec<Problem> {
    let mut warnings = Vec::new();
    let at_field = |name: &str| source.find(&format!("\n{name}:")).map_or(0, |i| i + 1);
    if let (Some(category), Some(sections)) = (&fields.category_name(), &context.sections) {
        if let Some(message) = section_warning(category, sections) {
            warnings.push(lines.problem(at_field("category"), message));
        }
    }
    if context.now.as_ref().is_some_and(|now| fields.published() > now) {
        warnings.push(lines.problem(
            at_field("published"),
            format!(
                "`published` is in the future ({}): a static site shows the article at once, dated then, first \
                 on the home page and in the feed; if the year is a slip, correct it, and if the article is \
                 for later, publish it then",
                fields.published().canonical()
            ),
        ));
    }
    // Nothing on a magazine's site was published before printing did; a
    // year like 0000 or 202 is a slip the page would show as written.
    let year: i32 = fields.published().ymd().get(..4).and_then(|y| y.parse().ok()).unwrap_or(i32::MAX);
    if year < 1900 {
        warnings.push(lines.problem(
            at_field("published"),
            format!(
                "`published` is in the year {year} ({}): the page shows that date; if the year is a slip, correct it",
                fields.published().canonical()
            ),
        ));
    }
    if let Some(message) = fields.hero_src().and_then(body::foreign_image_warning) {
        warnings.push(lines.problem(at_field("hero"), message));
    }
    warnings
}

/// What to say of a category that is none of the site's sections: a case
/// or a letter away from one is most likely that one.
fn section_warning(category: &str, sections: &[String]) -> Option<String> {
    if sections.is_empty() || sections.iter().any(|s| s == category) {
        return None;
    }
    let near = sections
        .iter()
        .find(|s| s.eq_ignore_ascii_case(category))
        .or_else(|| sections.iter().find(|s| edit_distance(&s.to_lowercase(), &category.to_lowercase()) <= 2));
    Some(match near {
        Some(section) => format!(
            "`{category}` is not one of the site's sections, so it makes a section of its own: did you mean \
             `category: {section}`?"
        ),
        None => format!(
            "`{category}` is not one of the site's sections ({}): it makes a new section, which the header \
             lists only once it is in site.json's `sections`",
            sections.join(", ")
        ),
    })
}

/// Text for a message, with the characters no one can see in an editor
/// (a no-break space, a zero-width space, a direction mark) named by their
/// code point: "unexpected ` `" says nothing.
pub(crate) fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let invisible = (c.is_whitespace() && c != ' ')
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{ad}');
        if invisible {
            out.push_str(&format!("U+{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// Levenshtein distance, for names of a few letters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// The size limit is the reader's, on the JSON it fetches, which spells out
/// every run of text and is larger than the Markdown: without both sizes
/// and the limit, an editor cannot tell how much to cut.
fn too_large(markdown_bytes: usize, json_bytes: usize) -> Problem {
    Problem {
        line: 1,
        column: 1,
        message: format!(
            "the article is too long: its Markdown ({} bytes) compiles to {} bytes of JSON, and the reader takes \
             at most {} bytes (2 MB) of JSON for one article: split it into two or more articles",
            thousands(markdown_bytes),
            thousands(json_bytes),
            thousands(MAX_CONTENT_BYTES)
        ),
    }
}

/// `2097152` as `2,097,152`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Control characters (NUL, BEL, ESC, …) are invisible in most editors and
/// mean nothing on the page, so each line holding one is a problem rather
/// than text that reaches readers. Tabs and line ends are text.
fn control_characters(source: &str, lines: &LineIndex<'_>) -> Vec<Problem> {
    let mut problems: Vec<Problem> = Vec::new();
    for (offset, c) in source.char_indices() {
        if !c.is_control() || matches!(c, '\t' | '\n' | '\r') {
            continue;
        }
        let problem = lines.problem(
            offset,
            format!(
                "a control character (U+{:04X}) is in the text, and the page cannot show it: delete it",
                u32::from(c)
            ),
        );
        if problems.last().is_none_or(|last| last.line != problem.line) {
            problems.push(problem);
        }
    }
    problems
}

/// The text with each lone `\r` (an old Mac line end) as `\n`, the line
/// end the front matter and YAML readers know. Each is one byte for one,
/// so offsets, lines and columns are still those of the file; `\r\n`
/// stays as it is.
fn unix_line_ends(source: &str) -> std::borrow::Cow<'_, str> {
    if !source.contains('\r') {
        return std::borrow::Cow::Borrowed(source);
    }
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') { '\n' } else { c });
    }
    std::borrow::Cow::Owned(out)
}

/// Byte offsets to lines and columns.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        // `\r\n`, `\r` and `\n` each end a line, as CommonMark reads them.
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(bytes.iter().enumerate().filter_map(|(i, &b)| {
            let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            ends_line.then_some(i + 1)
        }));
        LineIndex { text, starts }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub(crate) fn locate(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }

    pub(crate) fn problem(&self, offset: usize, message: impl Into<String>) -> Problem {
        let (line, column) = self.locate(offset);
        Problem { line, column, message: message.into() }
    }
}

#[cfg(test)]
mod tests;
