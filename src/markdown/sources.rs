//! Markdown sources in a content folder: `articles/{slug}.md`, each compiled
//! to `articles/{slug}.json` beside it (the file the reader fetches).

use std::path::{Path, PathBuf};

use super::{compile_reporting, Context, LineIndex, MarkdownError, Problem, Refused};

/// A source and the JSON it compiles to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledFile {
    pub source: PathBuf,
    pub output: PathBuf,
    pub json: String,
    /// What compiled, but perhaps not as the writer expects.
    pub warnings: Vec<Problem>,
}

/// Every source of a content folder, compiled: what compiled, and what did
/// not (each with all of its problems).
#[derive(Debug, Default)]
pub struct DirCompile {
    pub compiled: Vec<CompiledFile>,
    pub failed: Vec<MarkdownError>,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> MarkdownError + '_ {
    move |source| MarkdownError::Io { path: path.to_path_buf(), source }
}

fn article_files(content_dir: &Path, extension: &str) -> Result<Vec<PathBuf>, MarkdownError> {
    files_where(content_dir, |e| e == extension)
}

/// The visible files of the articles folder whose extension passes `keep`, sorted.
fn files_where(content_dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>, MarkdownError> {
    let dir = content_dir.join("articles");
    let entries = std::fs::read_dir(&dir).map_err(io(&dir))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        // Hidden files (`.draft.md`, macOS's `._film-out.md`) are what
        // editors and systems leave behind, never articles.
        .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
        .filter(|p| p.is_file() && p.extension().and_then(|e| e.to_str()).is_some_and(&keep))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Markdown files of the articles folder under another name than
/// `{slug}.md` (`x.MD`, `x.markdown`). The build, the dev loop and the
/// importer know sources by `.md` alone, so such a file would be left out
/// of the site without a word: it is reported instead, to be renamed.
pub(crate) fn misnamed_sources(content_dir: &Path) -> Result<Vec<PathBuf>, MarkdownError> {
    files_where(content_dir, |e| e != "md" && (e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown")))
}

/// Markdown files in folders inside the articles folder (`articles/2025/`,
/// a Hugo page bundle's `articles/x/index.md`): only the folder's own
/// files are articles, so these are reported rather than left out
/// without a word. Hidden folders are an editor's or a system's.
pub(crate) fn nested_sources(content_dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
                continue;
            }
            if path.is_dir() && depth < 4 {
                walk(&path, depth + 1, out);
            } else if depth > 0
                && path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&content_dir.join("articles"), 0, &mut out);
    out.sort();
    out
}

/// The Markdown sources of a content folder (`articles/*.md`), sorted.
pub fn markdown_sources(content_dir: &Path) -> Result<Vec<PathBuf>, MarkdownError> {
    article_files(content_dir, "md")
}

/// The JSON file a source compiles to.
pub fn generated_json_path(source: &Path) -> PathBuf {
    source.with_extension("json")
}

/// Every article slug of a content folder, JSON or Markdown.
pub(crate) fn known_slugs(content_dir: &Path) -> Result<Vec<String>, MarkdownError> {
    let mut slugs: Vec<String> = article_files(content_dir, "json")?
        .into_iter()
        .chain(article_files(content_dir, "md")?)
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
        .collect();
    slugs.sort();
    slugs.dedup();
    Ok(slugs)
}

/// What the compiler needs for a source file of this content folder.
pub(crate) fn context_for(source: &Path, content_dir: &Path, known: Option<Vec<String>>) -> Context {
    Context {
        slug: source.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string(),
        source_dir: source.parent().map(Path::to_path_buf).unwrap_or_default(),
        ..site_context(content_dir, known)
    }
}

/// What every source of a content folder shares, read once: the site's
/// root, its articles' slugs, its sections (`site.json`) and the slugs of
/// its section pages.
fn site_context(content_dir: &Path, known: Option<Vec<String>>) -> Context {
    let site = content_dir
        .parent()
        .and_then(|root| std::fs::read_to_string(root.join("site.json")).ok())
        .and_then(|text| crate::model::parse_site(&text).ok());
    Context {
        site_root: content_dir.parent().map(Path::to_path_buf).unwrap_or_default(),
        known_slugs: known.map(Into::into),
        sections: site.as_ref().map(|site| site.sections.iter().map(|s| s.name.clone()).collect()),
        section_slugs: section_slugs(site.as_ref(), content_dir),
        now: super::now(),
        ..Context::default()
    }
}

/// The slugs of the site's section pages, as the build makes them: those
/// of `site.json`, and those the articles were in when the folder was
/// last indexed (`index.json`). None when neither can be read.
fn section_slugs(site: Option<&crate::model::Site>, content_dir: &Path) -> Option<Vec<String>> {
    let index = std::fs::read_to_string(content_dir.join("index.json"))
        .ok()
        .and_then(|text| crate::model::parse_index(&text).ok());
    if site.is_none() && index.is_none() {
        return None;
    }
    let mut slugs: Vec<String> = site.into_iter().flat_map(|s| &s.sections).map(|s| s.slug.clone()).collect();
    if let Some(index) = index {
        slugs.extend(index.value.section_slugs().into_iter().map(str::to_string));
    }
    slugs.sort();
    slugs.dedup();
    Some(slugs)
}

/// Compiles one source file of a content folder; `site` is what every file
/// of the folder shares (slugs, sections), read once.
fn compile_file(source: &Path, site: &Context) -> Result<CompiledFile, MarkdownError> {
    let bytes = std::fs::read(source).map_err(io(source))?;
    let text = decode(&bytes).map_err(|problem| MarkdownError::Problems {
        path: source.to_path_buf(),
        problems: vec![problem],
        warnings: Vec::new(),
    })?;
    let context = Context {
        slug: source.file_stem().and_then(|s| s.to_str()).unwrap_or("").to_string(),
        source_dir: source.parent().map(Path::to_path_buf).unwrap_or_default(),
        ..site.clone()
    };
    match compile_reporting(text, &context) {
        Ok(compiled) => Ok(CompiledFile {
            source: source.to_path_buf(),
            output: generated_json_path(source),
            json: compiled.json,
            warnings: compiled.warnings,
        }),
        Err(Refused { problems, warnings }) => {
            Err(MarkdownError::Problems { path: source.to_path_buf(), problems, warnings })
        }
    }
}

/// The text of a source file, which must be UTF-8 (as the JSON it
/// compiles to is). Editors on some systems still save Latin-1 or UTF-16,
/// so the problem names the encoding and the line of the first byte that
/// is not UTF-8, and says how to save the file.
pub(crate) fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    let save = "save it as UTF-8 (in most editors: Save As, or the encoding in the status bar, then UTF-8)";
    // UTF-16 without its byte-order mark is valid UTF-8 full of NUL bytes.
    let nuls = bytes.iter().take(200).filter(|b| **b == 0).count();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || nuls > 10 {
        return Err(Problem { line: 1, column: 1, message: format!("the file is saved as UTF-16: {save}") });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let valid = bytes.get(..error.valid_up_to()).unwrap_or(&[]);
            // Everything before the bad byte is UTF-8, so it counts lines and characters.
            let before = std::str::from_utf8(valid).unwrap_or("");
            let (line, column) = LineIndex::new(before).locate(before.len());
            let byte = bytes.get(error.valid_up_to()).copied().unwrap_or(0);
            let message = format!(
                "the file is not UTF-8 (Latin-1 or Windows-1252, perhaps): byte 0x{byte:02X} here is not UTF-8: {save}"
            );
            Err(Problem { line, column, message })
        }
    }
}

/// Compiles every source of a content folder, in memory.
pub fn compile_dir(content_dir: &Path) -> Result<DirCompile, MarkdownError> {
    let site = site_context(content_dir, Some(known_slugs(content_dir)?));
    let mut result = DirCompile::default();
    for path in misnamed_sources(content_dir)? {
        result.failed.push(MarkdownError::Misnamed { path });
    }
    for path in nested_sources(content_dir) {
        result.failed.push(MarkdownError::Nested { path });
    }
    for source in markdown_sources(content_dir)? {
        match compile_file(&source, &site) {
            Ok(file) => result.compiled.push(file),
            Err(error) => result.failed.push(error),
        }
    }
    Ok(result)
}

/// A slug from a headline: lowercase ASCII letters and digits joined by
/// single hyphens, accents folded (`Björk’s “Homogenic”` → `bjorks-homogenic`).
/// `None` when nothing is left (a headline in another script).
pub fn slug_from_headline(headline: &str) -> Option<String> {
    let mut slug = String::new();
    let mut gap = false;
    for c in headline.chars().flat_map(char::to_lowercase) {
        // A combining mark is part of the letter before it: `İ` lowercases
        // to `i` and a combining dot, and a decomposed `é` is `e` and an
        // accent. Neither is a gap between words.
        if matches!(c, '\'' | '’' | '‘' | 'ʼ') || is_combining_mark(c) {
            continue;
        }
        let folded = fold(c);
        if folded.is_empty() {
            gap = true;
            continue;
        }
        if gap && !slug.is_empty() {
            slug.push('-');
        }
        gap = false;
        slug.push_str(folded);
    }
    // Long headlines make long addresses: cut at a word, as editors would.
    if slug.len() > 80 {
        let cut = slug.get(..80).unwrap_or(&slug);
        slug = cut.rsplit_once('-').map_or(cut, |(head, _)| head).to_string();
    }
    (!slug.is_empty()).then_some(slug)
}

/// The combining diacritical marks (accents written after their letter).
pub(crate) fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The headline's words of which a slug can spell nothing (no Latin letter
/// or digit it knows: 方大同, 시티팝), which its address would silently
/// leave out. A word it spells in part (`BTS의`, `Değişen`) is in it.
pub fn unspelt_words(headline: &str) -> Vec<&str> {
    headline
        .split_whitespace()
        .filter(|word| {
            let mut letters = word.chars().filter(|c| c.is_alphanumeric()).peekable();
            letters.peek().is_some() && letters.all(|c| c.to_lowercase().all(|l| fold(l).is_empty()))
        })
        .collect()
}

/// A lowercase character as slug letters: ASCII as is, Latin letters
/// without their accents, anything else nothing.
pub(crate) fn fold(c: char) -> &'static str {
    const ASCII: [&str; 36] = [
        "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v",
        "w", "x", "y", "z", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9",
    ];
    match c {
        'a'..='z' => ASCII.get(c as usize - 'a' as usize).copied().unwrap_or(""),
        '0'..='9' => ASCII.get(26 + c as usize - '0' as usize).copied().unwrap_or(""),
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ł' | 'ľ' | 'ĺ' => "l",
        'ñ' | 'ń' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'þ' => "th",
        _ => "",
    }
}

/// The first words of `publish new`'s paragraph, to be written over.
pub const TEMPLATE_OPENING: &str = "The opening paragraph goes here:";

/// The text of a new article: front matter with the headline and the given
/// date, the site's sections to choose from, and a short guide (in a
/// comment, which is not published) to everything the body can hold.
/// Its opening words ([`TEMPLATE_OPENING`]) left in are a warning.
pub fn new_article_text(title: &str, published: &str, sections: &[String]) -> String {
    let title = title.replace(['\n', '\r'], " ");
    let title = title.trim();
    let quoted = format!("\"{}\"", title.replace('\\', "\\\\").replace('"', "\\\""));
    let category = sections.first().map(String::as_str).unwrap_or("News");
    let choices = if sections.is_empty() { String::new() } else { format!("  # one of: {}", sections.join(", ")) };
    format!(
        r#"---
title: {quoted}
dek:
category: {category}{choices}
tags: []
authors: []
published: {published}
# updated: {published}
# hero:
#   src: images/your-image.svg
#   alt: What the image shows, for readers who cannot see it
#   caption: A caption under the image
#   credit: "Photo: who made it"
related: []
---
{TEMPLATE_OPENING} *emphasis*, **strong** and [links](/) work as in any Markdown.

<!--
What else an article can hold (this note is not published):

## A subheading

{{#q1 feedback="A question for readers about this passage?"}}
> A pull quote, one paragraph.
> — Who said it

```lyrics
Lines of a lyric,
kept as written.
— Song, artist
```

[Title of the video](https://www.youtube.com/watch?v=zFT3f9biz68)

{{credit="Photo: who made it"}}
![What the image shows](images/your-image.svg "A caption")

- A list item
- Another

1. A numbered item
2. Another
-->
"#
    )
}

/// The current time in UTC, to the minute, as RFC 3339 (`2026-11-28T14:05:00Z`).
pub(crate) fn now_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    crate::model::iso_time((secs - secs % 60) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_drop_punctuation() {
        let cases = [
            ("BTS release “Film Out”", Some("bts-release-film-out")),
            ("Björk’s “Homogenic” at 25", Some("bjorks-homogenic-at-25")),
            ("  Sigur Rós — Ágætis byrjun  ", Some("sigur-ros-agaetis-byrjun")),
            ("Crème brûlée & Straße", Some("creme-brulee-strasse")),
            ("シグナル", None),
            ("", None),
        ];
        for (headline, want) in cases {
            assert_eq!(slug_from_headline(headline).as_deref(), want, "{headline}");
        }
        let long = slug_from_headline(&"word ".repeat(40)).unwrap();
        assert!(long.len() <= 80 && !long.ends_with('-'), "{long}");
        assert!(crate::model::is_valid_slug(&long));
    }

    #[test]
    fn a_file_that_is_not_utf8_names_the_line_and_the_encoding() {
        let latin1 = b"---\ntitle: Caf\xe9\npublished: 2021-04-02T09:00:00Z\n---\n";
        let problem = decode(latin1).unwrap_err();
        assert_eq!((problem.line, problem.column), (2, 11));
        assert!(problem.message.contains("byte 0xE9 here is not UTF-8: save it as UTF-8"), "{}", problem.message);
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("---\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert!(decode(&utf16).unwrap_err().message.contains("saved as UTF-16"));
        let no_mark: Vec<u8> = "---\ntitle: X\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert!(decode(&no_mark).unwrap_err().message.contains("saved as UTF-16"));
        assert_eq!(decode("---\ntitle: Café\n".as_bytes()), Ok("---\ntitle: Café\n"));
    }

    #[test]
    fn hidden_files_in_the_articles_folder_are_not_articles() {
        let dir = std::env::temp_dir().join(format!("linernotes-hidden-{}", std::process::id()));
        let articles = dir.join("articles");
        std::fs::create_dir_all(&articles).unwrap();
        for name in ["film-out.md", ".hidden.md", "._film-out.md", ".x.json"] {
            std::fs::write(articles.join(name), "not read here").unwrap();
        }
        let sources = markdown_sources(&dir).unwrap();
        let slugs = known_slugs(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(sources, [articles.join("film-out.md")]);
        assert_eq!(slugs, ["film-out"]);
    }

    #[test]
    fn a_markdown_file_not_named_dot_md_is_reported_not_skipped() {
        let dir = std::env::temp_dir().join(format!("linernotes-misnamed-{}", std::process::id()));
        let articles = dir.join("articles");
        std::fs::create_dir_all(&articles).unwrap();
        for name in ["film-out.md", "loud.MD", "long.markdown", "notes.txt", ".hidden.Markdown"] {
            std::fs::write(articles.join(name), "---\ntitle: X\n").unwrap();
        }
        for (folder, name) in [("2025", "year.md"), ("bundle", "index.md"), (".git", "HEAD.md")] {
            std::fs::create_dir_all(articles.join(folder)).unwrap();
            std::fs::write(articles.join(folder).join(name), "---\ntitle: X\n").unwrap();
        }
        let result = compile_dir(&dir).unwrap();
        let nested: Vec<String> = result
            .failed
            .iter()
            .filter(|e| matches!(e, MarkdownError::Nested { .. }))
            .map(ToString::to_string)
            .collect();
        assert_eq!(nested.len(), 2, "{nested:#?}");
        assert!(nested[0].contains("year.md: not read") && nested[0].contains("`articles/year.md`"), "{nested:#?}");
        assert!(nested[1].contains("index.md: not read") && nested[1].contains("`articles/bundle.md`"), "{nested:#?}");
        std::fs::remove_dir_all(&dir).unwrap();
        let misnamed: Vec<String> = result
            .failed
            .iter()
            .filter_map(|e| match e {
                MarkdownError::Misnamed { .. } => Some(e.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(misnamed.len(), 2, "{misnamed:#?}");
        assert!(misnamed[0].contains("long.markdown: not read") && misnamed[0].contains("`long.md`"), "{misnamed:#?}");
        assert!(misnamed[1].contains("loud.MD: not read") && misnamed[1].contains("`loud.md`"), "{misnamed:#?}");
    }

    #[test]
    fn dates_from_day_numbers() {
        let day = |n: u64| crate::model::iso_time((n * 86_400) as f64)[..10].to_string();
        assert_eq!(day(0), "1970-01-01");
        assert_eq!(day(18_719), "2021-04-02");
        assert_eq!(day(11_016), "2000-02-29");
        assert!(crate::model::Timestamp::parse(&now_utc()).is_ok());
        assert!(now_utc().ends_with(":00Z"), "to the minute");
    }
}
