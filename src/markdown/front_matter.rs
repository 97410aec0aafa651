//! The front matter: YAML between `---` lines, read into the article's
//! fields with the position of every value, so each problem names its line.
//!
//! Scalars are read as written (no YAML type guessing): `title: 1999` is the
//! title "1999", and only the fields that are numbers or yes/no read them so.

use std::borrow::Cow;

use saphyr::{MarkedYaml, ScalarStyle, YamlData, YamlLoader};
use saphyr_parser::Parser;

use super::image_size::resolve_image;
use super::sources::slug_from_headline;
use super::{Context, LineIndex, Problem};
use crate::model::{
    is_valid_slug, Article, Author, Block, Category, CommentSettings, Feedback, Image, SafeHref, Timestamp,
    SCHEMA_VERSION,
};

/// Where the front matter and the body are in the file (byte offsets).
pub(crate) struct Split {
    pub yaml_start: usize,
    yaml_end: usize,
    pub body_start: usize,
}

const EXAMPLE: &str = "start the file with\n---\ntitle: Headline\npublished: 2021-04-02T09:00:00+09:00\n---";

/// Finds the `---` lines around the front matter.
pub(crate) fn split(source: &str) -> Result<Split, Problem> {
    let start = if source.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut lines = line_spans(source, start);
    let missing = |message: String| Problem { line: 1, column: 1, message };
    let Some((first_start, first_end, after_first)) = lines.next() else {
        return Err(missing(format!("the file is empty: {EXAMPLE}")));
    };
    let first = source.get(first_start..first_end).unwrap_or("").trim_end();
    if first == "+++" {
        return Err(missing("front matter is YAML between `---` lines, not TOML between `+++`".into()));
    }
    if first != "---" {
        // Blank lines above a front matter that is there: say just that.
        if first.trim().is_empty() && source.get(start..).is_some_and(|s| s.trim_start().starts_with("---")) {
            return Err(missing(
                "the front matter's `---` must be the file's first line: remove the blank lines above it".into(),
            ));
        }
        return Err(missing(format!("an article starts with its front matter: {EXAMPLE}")));
    }
    for (line_start, line_end, after) in lines {
        let line = source.get(line_start..line_end).unwrap_or("").trim_end();
        if line == "---" || line == "..." {
            return Ok(Split { yaml_start: after_first, yaml_end: line_start, body_start: after });
        }
    }
    Err(missing("the front matter has no closing `---` line: end it with a line of three hyphens".into()))
}

/// (start, end without the newline, start of the next line) of each line from `from`.
fn line_spans(source: &str, from: usize) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut at = from;
    std::iter::from_fn(move || {
        if at >= source.len() {
            return None;
        }
        let rest = source.get(at..)?;
        let (end, next) = match rest.find('\n') {
            Some(i) => (at + i, at + i + 1),
            None => (source.len(), source.len()),
        };
        let line = (at, end.min(source.len()), next);
        at = next;
        Some(line)
    })
}

/// The article's fields, read from the front matter.
pub(crate) struct Fields {
    slug: String,
    title: String,
    dek: Option<String>,
    category: Option<Category>,
    tags: Vec<String>,
    authors: Vec<Author>,
    published: Timestamp,
    updated: Option<Timestamp>,
    hero: Option<Image>,
    related: Vec<String>,
    comments: CommentSettings,
    language: Option<String>,
    unlisted: bool,
}

impl Fields {
    pub(crate) fn category_name(&self) -> Option<String> {
        self.category.as_ref().map(|c| c.name.clone())
    }

    pub(crate) fn category_slug(&self) -> Option<String> {
        self.category.as_ref().map(|c| c.slug.clone())
    }

    pub(crate) fn published(&self) -> &Timestamp {
        &self.published
    }

    pub(crate) fn hero_src(&self) -> Option<&str> {
        self.hero.as_ref().map(|h| h.src.as_str())
    }

    /// The site's own spelling of the section, when the category differs
    /// from one of its sections in capitals only (`reviews`, `REVIEWS`):
    /// it is that section, and its cards say its name as the header does.
    pub(crate) fn spell_category_as(&mut self, sections: &[String]) {
        let Some(category) = self.category.as_mut() else { return };
        let lower = category.name.to_lowercase();
        if let Some(name) = sections.iter().find(|s| s.to_lowercase() == lower && **s != category.name) {
            if crate::markdown::sources::slug_from_headline(name).as_deref() == Some(category.slug.as_str()) {
                category.name = name.clone();
            }
        }
    }

    pub(crate) fn into_article(self, body: Vec<Block>, feedback: Vec<Feedback>) -> Article {
        Article {
            schema: SCHEMA_VERSION,
            slug: self.slug,
            title: self.title,
            dek: self.dek,
            category: self.category,
            tags: self.tags,
            authors: self.authors,
            published: self.published,
            updated: self.updated,
            hero: self.hero,
            body,
            feedback,
            related: self.related,
            comments: self.comments,
            language: self.language,
            unlisted: self.unlisted,
        }
    }
}

/// The fields an article's front matter may have.
pub(crate) const FIELDS: [&str; 15] = [
    "title",
    "slug",
    "dek",
    "category",
    "tags",
    "authors",
    "published",
    "updated",
    "hero",
    "related",
    "comments",
    "schema",
    "feedback",
    "unlisted",
    "language",
];

/// What writers of other site generators call these fields.
fn suggestion(key: &str) -> Option<&'static str> {
    Some(match key.to_ascii_lowercase().as_str() {
        "author" | "by" | "byline" => "authors",
        "date" | "pubdate" | "publishdate" | "published_at" => "published",
        "lastmod" | "modified" | "updated_at" | "last_modified_at" => "updated",
        "description" | "summary" | "subtitle" | "standfirst" | "excerpt" => "dek",
        "image" | "cover" | "featured_image" | "thumbnail" => "hero",
        "categories" | "section" => "category",
        "tag" | "keywords" => "tags",
        "headline" | "name" => "title",
        "hidden" | "unlist" => "unlisted",
        "lang" | "locale" | "inlanguage" => "language",
        _ => return None,
    })
}

/// A YAML node and where it starts in the file.
struct Node<'n, 'a> {
    yaml: &'n MarkedYaml<'a>,
    offset: usize,
}

struct Reader<'r, 'a> {
    lines: &'r LineIndex<'a>,
    /// Byte offset of the YAML text in the file.
    yaml_start: usize,
    yaml: &'a str,
    problems: &'r mut Vec<Problem>,
}

impl<'a> Reader<'_, 'a> {
    /// Whether the value at `offset` (in the file) is written between
    /// straight quotes: its curly quotes are then letters the writer meant.
    fn straight_quoted(&self, offset: usize) -> bool {
        let at = offset.checked_sub(self.yaml_start).and_then(|i| self.yaml.get(i..));
        at.is_some_and(|text| text.starts_with(['"', '\'']))
    }

    fn offset(&self, yaml: &MarkedYaml<'_>) -> usize {
        // Markers count characters from the start of the YAML text.
        let chars = yaml.span.start.index();
        self.yaml_start + self.yaml.char_indices().nth(chars).map_or(self.yaml.len(), |(i, _)| i)
    }

    fn node<'n, 'y>(&self, yaml: &'n MarkedYaml<'y>) -> Node<'n, 'y> {
        Node { yaml, offset: self.offset(yaml) }
    }

    fn report(&mut self, offset: usize, message: impl Into<String>) {
        self.problems.push(self.lines.problem(offset, message));
    }

    /// The text of a scalar, or `None` for a YAML null (`~`, `null`,
    /// nothing). In words a reader sees (a headline, a tag, a name, a
    /// caption) only nothing and `~` are null: `Null` is read as written,
    /// like `yes` and `on`, as a band may be called that.
    fn scalar(&mut self, node: &Node<'_, '_>, field: &str) -> Result<Option<String>, ()> {
        match &node.yaml.data {
            YamlData::Representation(text, style, tag) => {
                if tag.is_some() {
                    self.report(node.offset, format!("`{field}`: YAML tags (`!…`) are not used here: remove it"));
                    return Err(());
                }
                let wordy = matches!(
                    field,
                    "title" | "dek" | "tags" | "authors" | "name" | "hero.alt" | "hero.caption" | "hero.credit"
                );
                let null = match text.as_ref() {
                    "" | "~" => true,
                    "null" | "Null" | "NULL" => !wordy,
                    _ => false,
                };
                if *style == ScalarStyle::Plain && null {
                    return Ok(None);
                }
                Ok(Some(text.to_string()))
            }
            YamlData::Sequence(_) => {
                self.report(node.offset, format!("`{field}` should be one value, not a list"));
                Err(())
            }
            YamlData::Mapping(_) => {
                self.report(node.offset, format!("`{field}` should be one value, not a set of fields"));
                Err(())
            }
            _ => {
                self.report(node.offset, format!("`{field}` should be plain text"));
                Err(())
            }
        }
    }

    /// A text field: `None` when null or blank.
    fn text(&mut self, node: &Node<'_, '_>, field: &str) -> Result<Option<String>, ()> {
        // A value over several lines (`title: |`, `>`) is one line of text:
        // a headline, a dek, a caption are never broken where the file is.
        let one_line = |t: String| match t.contains('\n') {
            true => t.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" "),
            false => t.trim().to_string(),
        };
        let text = self.scalar(node, field)?.map(one_line).filter(|t| !t.is_empty());
        if let Some(line) = self.cut_by_comment(node) {
            let read = text.as_deref().unwrap_or("");
            let quoted = line.replace('\\', "\\\\").replace('"', "\\\"");
            // An item of a list is quoted on its own: `- "Blue #1"`.
            let advice = if matches!(field, "tags" | "authors" | "related") {
                format!("put the item in quotes, as in `\"{quoted}\"`")
            } else {
                format!("put the whole value in quotes, as in `{field}: \"{quoted}\"`")
            };
            self.report(
                node.offset,
                format!(
                    "`{field}`: YAML reads the words from ` #` on as a comment, so this would be “{read}”: {advice}"
                ),
            );
            return Err(());
        }
        Ok(text)
    }

    /// The whole line from a plain value's start, when YAML cut the value
    /// at a ` #` that reads as part of it (`#1`, `Club #9`). A comment
    /// written as one, `# like this`, is left alone: the template uses it.
    fn cut_by_comment(&self, node: &Node<'_, '_>) -> Option<String> {
        if !matches!(node.yaml.data, YamlData::Representation(_, ScalarStyle::Plain, _)) {
            return None;
        }
        let end_chars = node.yaml.span.end.index();
        let end = self.yaml.char_indices().nth(end_chars).map_or(self.yaml.len(), |(i, _)| i);
        let rest = self.yaml.get(end..)?.split('\n').next()?;
        let comment = rest.trim_start().strip_prefix('#')?;
        if comment.is_empty() || comment.starts_with(char::is_whitespace) {
            return None;
        }
        let start = node.offset.checked_sub(self.yaml_start)?;
        Some(self.yaml.get(start..end + rest.len())?.trim().to_string())
    }

    fn required_text(&mut self, node: &Node<'_, '_>, field: &str, example: &str) -> Result<String, ()> {
        match self.text(node, field)? {
            Some(text) => Ok(text),
            None => {
                self.report(node.offset, format!("`{field}` is empty: write {example}"));
                Err(())
            }
        }
    }

    fn number(&mut self, node: &Node<'_, '_>, field: &str) -> Result<Option<u32>, ()> {
        match self.scalar(node, field)? {
            None => Ok(None),
            Some(text) => match text.trim().parse::<u32>() {
                Ok(n) if n > 0 => Ok(Some(n)),
                _ => {
                    self.report(node.offset, format!("`{field}` should be a whole number of pixels, such as 1200"));
                    Err(())
                }
            },
        }
    }

    fn yes_no(&mut self, node: &Node<'_, '_>, field: &str) -> Result<Option<bool>, ()> {
        let quoted = matches!(&node.yaml.data, YamlData::Representation(_, style, _) if *style != ScalarStyle::Plain);
        match self.scalar(node, field)? {
            None => Ok(None),
            Some(text) if !quoted && matches!(text.as_str(), "true" | "True" | "TRUE") => Ok(Some(true)),
            Some(text) if !quoted && matches!(text.as_str(), "false" | "False" | "FALSE") => Ok(Some(false)),
            Some(_) => {
                self.report(node.offset, format!("`{field}` should be true or false"));
                Err(())
            }
        }
    }

    fn timestamp(&mut self, node: &Node<'_, '_>, field: &str) -> Result<Option<Timestamp>, ()> {
        let Some(text) = self.text(node, field)? else { return Ok(None) };
        match Timestamp::parse(&text) {
            // Written the way every reader of the JSON expects (`T`, `Z`).
            Ok(t) => Ok(Some(Timestamp::parse(&t.canonical()).unwrap_or(t))),
            Err(_) => {
                // Written right but naming no real day (`2026-02-30`): say so.
                let day = text.get(..10).filter(|d| d.len() == 10 && d.as_bytes().get(4) == Some(&b'-'));
                let real = day.is_none_or(|d| Timestamp::parse(&format!("{d}T00:00:00Z")).is_ok());
                let message = if real {
                    format!(
                        "`{field}` should be a date and time with its time zone, such as \
                         2021-04-02T09:00:00+09:00 or 2021-04-02T00:00:00Z (found `{text}`)"
                    )
                } else {
                    format!("`{field}`: there is no such day as {} (found `{text}`)", day.unwrap_or_default())
                };
                self.report(node.offset, message);
                Err(())
            }
        }
    }

    /// The items of a list field, with a problem for one value that holds
    /// commas: `tags: Folk, Jazz` is YAML for the single text "Folk, Jazz",
    /// never what the writer meant, so it is refused with the list form
    /// rather than published as one tag. One value without a comma is a
    /// list of one (`authors: Aki Morimoto`); a name with a comma goes in
    /// quotes inside the brackets.
    fn list_items<'n, 'y>(&mut self, node: &Node<'n, 'y>, field: &str) -> Result<Vec<Node<'n, 'y>>, ()> {
        if let YamlData::Representation(text, _, _) = &node.yaml.data {
            if text.contains(',') {
                let items: Vec<String> =
                    text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(list_item).collect();
                self.report(
                    node.offset,
                    format!(
                        "`{field}` should be a list, such as `{field}: [{}]`: without the brackets it is the one text \
                         `{}` (a name with a comma goes in quotes inside them: [\"Earth, Wind & Fire\"])",
                        items.join(", "),
                        text.trim()
                    ),
                );
                return Err(());
            }
        }
        Ok(self.items(node))
    }

    /// The items of a list; one value alone counts as a list of one.
    fn items<'n, 'y>(&self, node: &Node<'n, 'y>) -> Vec<Node<'n, 'y>> {
        match &node.yaml.data {
            YamlData::Sequence(items) => items.iter().map(|i| self.node(i)).collect(),
            YamlData::Representation(text, ScalarStyle::Plain, None)
                if matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL") =>
            {
                Vec::new()
            }
            _ => vec![Node { yaml: node.yaml, offset: node.offset }],
        }
    }

    /// The fields of a mapping, each key checked against `allowed`.
    fn mapping<'n, 'y>(
        &mut self,
        node: &Node<'n, 'y>,
        field: &str,
        allowed: &[&str],
        example: &str,
    ) -> Result<Vec<(String, Node<'n, 'y>)>, ()> {
        let YamlData::Mapping(map) = &node.yaml.data else {
            self.report(node.offset, format!("`{field}` should be a set of fields, such as {example}"));
            return Err(());
        };
        let mut out = Vec::new();
        let mut ok = true;
        for (key, value) in map.iter() {
            let key_offset = self.offset(key);
            let name = match &key.data {
                YamlData::Representation(text, _, None) => text.to_string(),
                _ => {
                    self.report(key_offset, format!("`{field}`: field names are plain words"));
                    ok = false;
                    continue;
                }
            };
            if !allowed.contains(&name.as_str()) {
                self.report(key_offset, format!("`{field}` has no field `{name}`: it may have {}", allowed.join(", ")));
                ok = false;
                continue;
            }
            out.push((name, self.node(value)));
        }
        if ok {
            Ok(out)
        } else {
            Err(())
        }
    }
}

/// What to write instead, for the YAML mistakes writers make most: a value
/// with `: ` in it (`title: Live: the sequel`) reads as a field inside a
/// field, and quoting the value is the fix.
fn yaml_hint(info: &str, source: &str, offset: usize) -> String {
    if info.contains("tabs disallowed") {
        return ": YAML indents with spaces, never tabs; replace the tab with two spaces".into();
    }
    let line_start = source.get(..offset).and_then(|s| s.rfind('\n')).map_or(0, |i| i + 1);
    let line = source.get(line_start..).and_then(|s| s.lines().next()).unwrap_or("");
    let field = line.split_once(": ").map(|(key, value)| (key.trim(), value.trim())).filter(|(k, _)| !k.is_empty());
    let double = |text: &str| format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    if info.contains("duplicated key") {
        if let Some(key) = line.split(':').next().map(str::trim).filter(|k| !k.is_empty()) {
            return format!(": `{key}` is written twice; keep the one you mean and remove the other");
        }
    }
    if info.contains("quoted scalar") {
        // The same quote mark inside the value ends it early: `'Don't
        // stop'`, `"Quoted "inner" title"`.
        let inner = |quote: char| {
            field.and_then(|(key, value)| {
                let inner = value.strip_prefix(quote)?.strip_suffix(quote)?;
                inner.contains(quote).then_some((key, inner))
            })
        };
        if let Some((key, inner)) = inner('\'') {
            return format!(
                ": inside '…' an apostrophe is written twice, as in `{key}: '{}'`, or the value goes in double \
                 quotes: `{key}: {}`",
                inner.replace('\'', "''"),
                double(inner)
            );
        }
        if let Some((key, inner)) = inner('"') {
            return format!(
                ": a quote mark inside \"…\" is written \\\", as in `{key}: {}`, or the value goes in single quotes: \
                 `{key}: '{}'`",
                double(inner),
                inner.replace('\'', "''")
            );
        }
        return ": a quoted value ends with the same quote mark it starts with, on its line".into();
    }
    // `[Live] Paper Moons`: YAML reads `[…]` as a list, then finds words
    // after it. (The list fields are lists on purpose.)
    if let Some((key, value)) = field {
        let list_field = matches!(key, "tags" | "authors" | "related");
        let closed =
            (value.starts_with('[') && value.ends_with(']')) || (value.starts_with('{') && value.ends_with('}'));
        if value.starts_with(['[', '{']) && !list_field && !closed {
            let first = value.chars().next().unwrap_or('[');
            return format!(": a value that starts with `{first}` goes in quotes, as in `{key}: {}`", double(value));
        }
    }
    let quoted = field.and_then(|(key, value)| {
        // Typographic quotes around the value (pasted from a word
        // processor) are not YAML's: the fix quotes what is inside them.
        let value = value.strip_prefix(['“', '‘', '«']).and_then(|v| v.strip_suffix(['”', '’', '»'])).unwrap_or(value);
        (!value.is_empty()).then(|| format!("`{key}: {}`", double(value)))
    });
    if info.contains("mapping values are not allowed") {
        return match quoted {
            Some(fixed) => format!(": a value that contains `: ` goes in quotes, as in {fixed}"),
            None => ": a value that contains `: ` goes in quotes, such as `title: \"Live: the sequel\"`".into(),
        };
    }
    // `@` and `` ` `` are kept by YAML for later use: a value cannot
    // start with them (a handle, code in backticks) unless quoted.
    if info.contains("unexpected character") || info.contains("cannot start any plain scalar") {
        let first = source.get(offset..).and_then(|s| s.chars().next()).unwrap_or('@');
        return match quoted {
            Some(fixed) => format!(": a value that starts with `{first}` goes in quotes, as in {fixed}"),
            None => format!(": a value that starts with `{first}` goes in quotes"),
        };
    }
    String::new()
}

/// One item as written inside `[…]`, quoted when YAML would read it otherwise.
fn list_item(text: &str) -> String {
    let plain = !text.starts_with(['"', '\'', '[', '{', '#', '&', '*', '!', '|', '>', '%', '@', '-', '?'])
        && !text.contains([':', '[', ']', '{', '}', '"']);
    if plain {
        text.to_string()
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// Where a front matter has a tab, or a no-break space (invisible, as word
/// processors paste it), where YAML wants plain spaces: the start of a line
/// that begins with one (`true`), or the start of a `key:` one follows;
/// and which it is.
fn misplaced_space(yaml: &str) -> Option<(usize, bool, char)> {
    const NOT_SPACES: [char; 3] = ['\t', '\u{a0}', '\u{202f}'];
    let mut start = 0;
    for line in yaml.split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        if let Some(c) = body.chars().next().filter(|c| NOT_SPACES.contains(c)) {
            return Some((start, true, c));
        }
        let after_key = body.find(':').filter(|&i| {
            let key = &body[..i];
            !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
        });
        if let Some(c) = after_key.and_then(|i| body[i + 1..].chars().next()).filter(|c| NOT_SPACES.contains(c)) {
            return Some((start + (line.len() - body.len()), false, c));
        }
        start += line.len();
    }
    None
}

fn get<'v, 'n, 'a>(fields: &'v [(String, Node<'n, 'a>)], name: &str) -> Option<&'v Node<'n, 'a>> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

/// Reads the front matter into the article's fields. Problems go to
/// `problems`; `None` when a field the article needs could not be read.
pub(crate) fn read(
    source: &str,
    split: &Split,
    context: &Context,
    lines: &LineIndex<'_>,
    problems: &mut Vec<Problem>,
) -> Option<Fields> {
    let yaml = source.get(split.yaml_start..split.yaml_end).unwrap_or("");
    let mut loader: YamlLoader<'_, MarkedYaml<'_>> = YamlLoader::default();
    loader.early_parse(false);
    let mut parser = Parser::new_from_str(yaml);
    let loaded = parser.load(&mut loader, true);
    let error = loaded.err().or_else(|| loader.error().cloned());
    let mut reader = Reader { lines, yaml_start: split.yaml_start, yaml, problems };
    if let Some(error) = error {
        // A tab is the most likely cause wherever the parser stopped: it
        // names the place after the tab's line, or calls it no whitespace.
        if let Some((at, indent, found)) = misplaced_space(yaml) {
            let key = yaml[at..].split(':').next().unwrap_or_default().trim();
            let message = match (indent, found) {
                (true, '\t') => "this line starts with a tab: YAML indents with spaces, never tabs; replace the tab \
                                 with spaces (two for a field under another, none for a field of its own)"
                    .to_string(),
                (false, '\t') => {
                    format!("a tab after `{key}:`: YAML wants a space there; replace the tab with one space")
                }
                (true, _) => "this line starts with a no-break space (invisible; word processors paste them): YAML \
                              indents with plain spaces; retype the line's indentation"
                    .to_string(),
                (false, _) => format!(
                    "a no-break space after `{key}:` (invisible; word processors paste them): YAML wants a plain \
                     space there; retype it"
                ),
            };
            reader.report(reader.yaml_start + at, message);
            return None;
        }
        let marker = error.marker();
        let offset = reader.yaml_start + yaml.char_indices().nth(marker.index()).map_or(yaml.len(), |(i, _)| i);
        let hint = yaml_hint(error.info(), source, offset);
        // The parser says "double-quoted" of a single-quoted value too.
        let info = match error.info() {
            info if info.contains("trailing content after") => "the value goes on after its closing quote mark",
            info => info,
        };
        reader.report(offset, format!("the front matter is not valid YAML: {info}{hint}"));
        return None;
    }
    let documents = loader.into_documents();
    let empty = MarkedYaml { span: Default::default(), data: YamlData::Mapping(Default::default()) };
    let document = match documents.first() {
        None => &empty,
        Some(doc) if matches!(&doc.data, YamlData::Representation(t, ScalarStyle::Plain, None) if t.is_empty()) => {
            &empty
        }
        Some(doc) => doc,
    };
    let YamlData::Mapping(map) = &document.data else {
        reader.report(split.yaml_start, "the front matter should be fields, one a line, such as `title: Headline`");
        return None;
    };
    let mut fields: Vec<(String, Node<'_, '_>)> = Vec::new();
    for (key, value) in map.iter() {
        let key_offset = reader.offset(key);
        let name = match &key.data {
            YamlData::Representation(text, _, None) => text.to_string(),
            _ => {
                reader.report(key_offset, "field names are plain words, such as `title`");
                continue;
            }
        };
        if !FIELDS.contains(&name.as_str()) {
            let hint = match (name.as_str(), suggestion(&name)) {
                ("draft", _) => " (keep an unfinished article out of articles/ until it is ready)".to_string(),
                (_, Some(known)) => format!(": did you mean `{known}`?"),
                _ => match FIELDS.iter().find(|f| super::edit_distance(&name.to_ascii_lowercase(), f) <= 2) {
                    // A typo: `catgory`, `tilte`, `Tags`.
                    Some(known) => format!(": did you mean `{known}`?"),
                    None => format!(
                        ": an article has {}",
                        FIELDS
                            .iter()
                            .filter(|f| !matches!(**f, "schema" | "feedback"))
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                },
            };
            reader.report(key_offset, format!("unknown field `{name}`{hint}"));
            continue;
        }
        fields.push((name, reader.node(value)));
    }
    read_fields(&mut reader, &fields, context)
}

fn read_fields(r: &mut Reader<'_, '_>, fields: &[(String, Node<'_, '_>)], context: &Context) -> Option<Fields> {
    // Missing fields are reported at the top of the file.
    let start = 0;
    let mut failed = false;

    if let Some(node) = get(fields, "schema") {
        let result = match r.scalar(node, "schema") {
            Ok(Some(v)) if v.trim() == SCHEMA_VERSION.to_string() => Ok(()),
            Ok(_) => {
                r.report(node.offset, format!("`schema` is {SCHEMA_VERSION} (or leave it out)"));
                Err(())
            }
            Err(()) => Err(()),
        };
        failed |= result.is_err();
    }

    if let Some(node) = get(fields, "slug") {
        let result = match r.text(node, "slug") {
            Ok(Some(slug)) if slug == context.slug => Ok(()),
            Ok(Some(slug)) => {
                r.report(
                    node.offset,
                    format!(
                        "`slug` is `{slug}` but the file is named `{}.md`: rename the file (or leave `slug` out)",
                        context.slug
                    ),
                );
                Err(())
            }
            Ok(None) => Ok(()),
            Err(()) => Err(()),
        };
        failed |= result.is_err();
    }
    if !is_valid_slug(&context.slug) {
        r.report(
            start,
            format!(
                "the file name `{}.md` is not a slug: name it with lowercase letters, digits and single hyphens",
                context.slug
            ),
        );
        failed = true;
    }

    let title = match get(fields, "title") {
        Some(node) => r.required_text(node, "title", "the headline").ok(),
        None => {
            r.report(start, "the front matter needs `title: …` (the headline)");
            None
        }
    };
    let dek = match get(fields, "dek") {
        Some(node) => r.text(node, "dek").map_err(|()| failed = true).ok().flatten(),
        None => None,
    };
    let category = match get(fields, "category") {
        Some(node) => read_category(r, node).map_err(|()| failed = true).ok().flatten(),
        None => None,
    };
    let mut tags = match get(fields, "tags") {
        Some(node) => read_list(r, node, "tags", "tags: [BTS, J-pop]").map_err(|()| failed = true).unwrap_or_default(),
        None => Vec::new(),
    };
    // `[Folk, folk]` is one tag, as the reader's search folds them.
    let mut seen = std::collections::HashSet::new();
    tags.retain(|t: &String| seen.insert(t.to_lowercase()));
    let authors = match get(fields, "authors") {
        Some(node) => read_authors(r, node).map_err(|()| failed = true).unwrap_or_default(),
        None => Vec::new(),
    };
    let published = match get(fields, "published") {
        Some(node) => match r.timestamp(node, "published") {
            Ok(Some(t)) => Some(t),
            Ok(None) => {
                r.report(node.offset, "`published` is empty: write the date and time, such as 2021-04-02T09:00:00Z");
                None
            }
            Err(()) => None,
        },
        None => {
            r.report(start, "the front matter needs `published: …`, such as 2021-04-02T09:00:00+09:00");
            None
        }
    };
    let updated = match get(fields, "updated") {
        Some(node) => match r.timestamp(node, "updated") {
            // The reader shows "Updated …" only after the first publication,
            // so an earlier one would vanish without a word: most often a
            // slip of the year or of the month.
            Ok(Some(updated)) if published.as_ref().is_some_and(|p| updated.is_before(p)) => {
                r.report(
                    node.offset,
                    format!(
                        "`updated` ({}) is before `published` ({}): correct the date, or remove `updated` \
                         if the article has not changed since",
                        updated.as_str(),
                        published.as_ref().map(|p| p.as_str()).unwrap_or_default()
                    ),
                );
                failed = true;
                None
            }
            Ok(updated) => updated,
            Err(()) => {
                failed = true;
                None
            }
        },
        None => None,
    };
    let hero = match get(fields, "hero") {
        Some(node) => read_hero(r, node, context).map_err(|()| failed = true).ok().flatten(),
        None => None,
    };
    let related = match get(fields, "related") {
        Some(node) => read_related(r, node, context).map_err(|()| failed = true).unwrap_or_default(),
        None => Vec::new(),
    };
    let comments = match get(fields, "comments") {
        Some(node) => read_comments(r, node).map_err(|()| failed = true).unwrap_or_default(),
        None => CommentSettings::default(),
    };
    let unlisted = match get(fields, "unlisted") {
        Some(node) => r.yes_no(node, "unlisted").map_err(|()| failed = true).ok().flatten().unwrap_or(false),
        None => false,
    };
    let language = match get(fields, "language") {
        Some(node) => read_language(r, node).map_err(|()| failed = true).ok().flatten(),
        None => None,
    };
    if let Some(node) = get(fields, "feedback") {
        r.report(
            node.offset,
            "inline feedback is set on the passage itself: put {#id feedback=\"Your question?\"} on the line above it",
        );
        failed = true;
    }
    if failed {
        return None;
    }
    Some(Fields {
        slug: context.slug.clone(),
        title: title?,
        dek,
        category,
        tags,
        authors,
        published: published?,
        updated,
        hero,
        related,
        comments,
        language,
        unlisted,
    })
}

/// `language: de`: the article's own language, when it is not the site's.
fn read_language(r: &mut Reader<'_, '_>, node: &Node<'_, '_>) -> Result<Option<String>, ()> {
    let Some(text) = r.text(node, "language")? else { return Ok(None) };
    match crate::model::language_tag(&text) {
        Some(tag) => Ok(Some(tag.to_string())),
        None => {
            r.report(node.offset, format!("`language`: {}", crate::model::not_a_language_tag(&text)));
            Err(())
        }
    }
}

fn read_list(r: &mut Reader<'_, '_>, node: &Node<'_, '_>, field: &str, example: &str) -> Result<Vec<String>, ()> {
    if matches!(node.yaml.data, YamlData::Mapping(_)) {
        r.report(node.offset, format!("`{field}` should be a list, such as `{example}`"));
        return Err(());
    }
    let mut out = Vec::new();
    let mut ok = true;
    for item in r.list_items(node, field)? {
        match r.text(&item, field) {
            Ok(Some(text)) if curly_quoted(&text) && !r.straight_quoted(item.offset) => {
                r.report(item.offset, curly_quotes_advice(field, &text));
                ok = false;
            }
            Ok(Some(text)) => out.push(text),
            Ok(None) => {
                r.report(item.offset, format!("`{field}` has an empty item: remove it"));
                ok = false;
            }
            Err(()) => ok = false,
        }
    }
    if ok {
        Ok(out)
    } else {
        Err(())
    }
}

/// A list item that starts with a curly quote (as word processors type
/// them): YAML reads it as a letter, not a quote, so a comma inside splits
/// the item in two (`[“Earth, Wind & Fire”]` is `“Earth` and `Wind & Fire”`),
/// and the marks stay in the text.
fn curly_quoted(text: &str) -> bool {
    text.starts_with(['“', '‘', '«', '„'])
}

fn curly_quotes_advice(field: &str, text: &str) -> String {
    format!(
        "`{field}`: `{text}` starts with a curly quote, which YAML reads as a letter, so a comma inside splits the \
         item and the marks stay in it: write straight quotes (\"…\") around the whole item"
    )
}

fn read_category(r: &mut Reader<'_, '_>, node: &Node<'_, '_>) -> Result<Option<Category>, ()> {
    if matches!(node.yaml.data, YamlData::Mapping(_)) {
        let fields = r.mapping(node, "category", &["slug", "name"], "{ slug: news, name: News }")?;
        let name = match get(&fields, "name") {
            Some(n) => r.required_text(n, "category.name", "the section's name, such as News")?,
            None => {
                r.report(node.offset, "`category` needs a `name`, such as { slug: news, name: News }");
                return Err(());
            }
        };
        let slug = match get(&fields, "slug") {
            Some(n) => r.required_text(n, "category.slug", "the section's slug, such as news")?,
            None => slug_from_headline(&name).unwrap_or_default(),
        };
        if !is_valid_slug(&slug) {
            r.report(
                node.offset,
                "`category.slug` should be lowercase letters, digits and single hyphens, such as news",
            );
            return Err(());
        }
        return Ok(Some(Category { slug, name }));
    }
    let Some(name) = r.text(node, "category")? else { return Ok(None) };
    match slug_from_headline(&name) {
        Some(slug) => Ok(Some(Category { slug, name })),
        None => {
            r.report(
                node.offset,
                format!(
                    "`{name}` gives no slug for the section's address: write `category: {{ slug: …, name: {name} }}`"
                ),
            );
            Err(())
        }
    }
}

fn read_authors(r: &mut Reader<'_, '_>, node: &Node<'_, '_>) -> Result<Vec<Author>, ()> {
    let mut out = Vec::new();
    let mut ok = true;
    for item in r.list_items(node, "authors")? {
        let author = if matches!(item.yaml.data, YamlData::Mapping(_)) {
            read_author_fields(r, &item)
        } else {
            match r.text(&item, "authors") {
                Ok(Some(name)) if curly_quoted(&name) && !r.straight_quoted(item.offset) => {
                    r.report(item.offset, curly_quotes_advice("authors", &name));
                    Err(())
                }
                Ok(Some(name)) => Ok(Author { name, url: None }),
                Ok(None) => {
                    r.report(item.offset, "`authors` has an empty name: remove it");
                    Err(())
                }
                Err(()) => Err(()),
            }
        };
        match author {
            // "By Aki and Aki": a name written twice is a slip.
            Ok(a) if out.iter().any(|b: &Author| b.name.trim().eq_ignore_ascii_case(a.name.trim())) => {
                r.report(item.offset, format!("`{}` is already in `authors`: remove the second", a.name.trim()));
                ok = false;
            }
            Ok(a) => out.push(a),
            Err(()) => ok = false,
        }
    }
    if ok {
        Ok(out)
    } else {
        Err(())
    }
}

fn read_author_fields(r: &mut Reader<'_, '_>, item: &Node<'_, '_>) -> Result<Author, ()> {
    let example = "{ name: Aki Morimoto, url: https://example.com/aki }";
    let fields = r.mapping(item, "authors", &["name", "url"], example)?;
    let name = match get(&fields, "name") {
        Some(n) => r.required_text(n, "authors.name", "the author's name")?,
        None => {
            r.report(item.offset, format!("an author needs a `name`: {example}"));
            return Err(());
        }
    };
    let url = match get(&fields, "url") {
        Some(n) => match r.text(n, "authors.url")? {
            Some(url) if SafeHref::parse(&url).is_some() => Some(url),
            Some(url) => {
                r.report(
                    n.offset,
                    format!(
                        "`{url}` is refused: an author's link is http, https, mailto or a site path such as /about"
                    ),
                );
                return Err(());
            }
            None => None,
        },
        None => None,
    };
    Ok(Author { name, url })
}

fn read_hero(r: &mut Reader<'_, '_>, node: &Node<'_, '_>, context: &Context) -> Result<Option<Image>, ()> {
    if let Ok(None) = r.scalar_if_scalar(node) {
        return Ok(None);
    }
    let example = "{ src: images/x.svg, alt: What the image shows }";
    let fields = r.mapping(node, "hero", &["src", "alt", "caption", "credit", "width", "height"], example)?;
    let mut failed = false;
    let src = match get(&fields, "src") {
        Some(n) => r.required_text(n, "hero.src", "the image's path, such as images/x.svg").ok().map(|s| (s, n.offset)),
        None => {
            r.report(node.offset, format!("`hero` needs `src`: {example}"));
            None
        }
    };
    let alt = match get(&fields, "alt") {
        Some(n) => r.text(n, "hero.alt").map_err(|()| failed = true).ok().flatten(),
        None => None,
    };
    if alt.is_none() && !failed {
        r.report(
            node.offset,
            "`hero` needs `alt`: a short description of what the image shows, for readers who cannot see it",
        );
        failed = true;
    }
    let caption =
        get(&fields, "caption").and_then(|n| r.text(n, "hero.caption").map_err(|()| failed = true).ok().flatten());
    let credit =
        get(&fields, "credit").and_then(|n| r.text(n, "hero.credit").map_err(|()| failed = true).ok().flatten());
    let width =
        get(&fields, "width").and_then(|n| r.number(n, "hero.width").map_err(|()| failed = true).ok().flatten());
    let height =
        get(&fields, "height").and_then(|n| r.number(n, "hero.height").map_err(|()| failed = true).ok().flatten());
    let (Some((src, src_offset)), Some(alt), false) = (src, alt, failed) else {
        return Err(());
    };
    match resolve_image(&src, width, height, context) {
        Ok(resolved) => {
            Ok(Some(Image { src: resolved.src, alt, width: resolved.width, height: resolved.height, caption, credit }))
        }
        Err(reason) => {
            r.report(src_offset, format!("`hero.src`: {reason}"));
            Err(())
        }
    }
}

fn read_related(r: &mut Reader<'_, '_>, node: &Node<'_, '_>, context: &Context) -> Result<Vec<String>, ()> {
    if matches!(node.yaml.data, YamlData::Mapping(_)) {
        r.report(node.offset, "`related` should be a list of article slugs, such as [film-out, city-pop-afterlife]");
        return Err(());
    }
    let mut out = Vec::new();
    let mut ok = true;
    for item in r.list_items(node, "related")? {
        let Ok(Some(slug)) = r.text(&item, "related") else {
            r.report(item.offset, "`related` has an empty item: remove it");
            ok = false;
            continue;
        };
        let problem = if !is_valid_slug(&slug) {
            Some(format!(
                "`{slug}` is not an article slug (lowercase letters, digits and hyphens, as in its file name)"
            ))
        } else if slug == context.slug {
            Some("an article cannot be related to itself: remove it from `related`".to_string())
        } else if context.known_slugs.as_ref().is_some_and(|known| !known.contains(&slug)) {
            Some(format!("there is no article `{slug}` (articles/{slug}.json or .md) to relate to"))
        } else if out.contains(&slug) {
            Some(format!("`{slug}` is already in `related`: remove the second"))
        } else {
            None
        };
        match problem {
            Some(message) => {
                r.report(item.offset, message);
                ok = false;
            }
            None => out.push(slug),
        }
    }
    if ok {
        Ok(out)
    } else {
        Err(())
    }
}

fn read_comments(r: &mut Reader<'_, '_>, node: &Node<'_, '_>) -> Result<CommentSettings, ()> {
    let open = if matches!(node.yaml.data, YamlData::Mapping(_)) {
        let fields = r.mapping(node, "comments", &["open"], "{ open: false }")?;
        match get(&fields, "open") {
            Some(n) => r.yes_no(n, "comments.open")?,
            None => None,
        }
    } else {
        r.yes_no(node, "comments")?
    };
    Ok(CommentSettings { open: open.unwrap_or(true) })
}

impl Reader<'_, '_> {
    /// `Ok(None)` for a null scalar, `Ok(Some)` for another scalar, `Err` for
    /// a list or mapping; reports nothing.
    fn scalar_if_scalar(&self, node: &Node<'_, '_>) -> Result<Option<Cow<'_, str>>, ()> {
        match &node.yaml.data {
            YamlData::Representation(text, ScalarStyle::Plain, None)
                if matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL") =>
            {
                Ok(None)
            }
            YamlData::Representation(text, _, _) => Ok(Some(Cow::Owned(text.to_string()))),
            _ => Err(()),
        }
    }
}
