//! What the publisher tool does with Markdown sources: `index` compiles
//! them, `validate` and `check` report on them, `new` and `export-md`
//! write them. Problems print as `file:line:column: what to do`.

use std::path::{Path, PathBuf};

use super::export::{export_parsed, Exported};
use super::sources::{
    compile_dir, context_for, known_slugs, new_article_text, now_utc, slug_from_headline, unspelt_words, CompiledFile,
    DirCompile,
};
use super::{compile, Context, MarkdownError};
use crate::model::{is_valid_slug, parse_article, parse_site, Article};

/// What `validate` found in the Markdown sources.
#[derive(Debug, Default)]
pub struct SourceReport {
    /// How many problems were printed.
    pub problems: usize,
    /// The JSON files that are compiled from a source (their problems are
    /// the source's, reported with its lines).
    pub generated: Vec<PathBuf>,
}

impl SourceReport {
    /// Whether `path` is compiled from a Markdown source.
    pub fn generates(&self, path: &Path) -> bool {
        self.generated.iter().any(|g| g == path)
    }
}

/// Prints a source's problems (to stderr when `to_stderr`); returns how many.
fn print_failure(error: &MarkdownError, to_stderr: bool) -> usize {
    if to_stderr {
        eprintln!("{error}");
    } else {
        println!("{error}");
    }
    match error {
        MarkdownError::Problems { problems, .. } => problems.len(),
        _ => 1,
    }
}

/// Prints what compiled but may not be what the writer meant, as
/// `file:line:column: warning: …` (to stderr when `to_stderr`).
fn print_warnings(file: &CompiledFile, to_stderr: bool) {
    for warning in &file.warnings {
        let line =
            format!("{}:{}:{}: warning: {}", file.source.display(), warning.line, warning.column, warning.message);
        if to_stderr {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
    }
}

fn stale(output: &Path, json: &str) -> bool {
    std::fs::read_to_string(output).map_or(true, |current| current != json)
}

/// What `output` holds when it is another article than the one its source
/// compiles to (neither the headline nor the date is the same, and most of
/// their words differ): a file written by hand or imported, which a new
/// `.md` of the same name would silently replace. An edited headline and
/// date over the same text is the same article.
fn replaces_another(file: &CompiledFile, record: &WrittenRecord) -> Option<String> {
    let current = std::fs::read_to_string(&file.output).ok()?;
    // What this tool wrote from the .md last time is its own to replace,
    // however much the writer has rewritten since (a `publish new` draft
    // that became another story).
    if record.holds(&file.output, &current) {
        return None;
    }
    let old = parse_article(&current).ok()?.value;
    let new = parse_article(&file.json).ok()?.value;
    if old.title == new.title || old.published == new.published || crate::model::search::shared_words(&old, &new) >= 0.5
    {
        return None;
    }
    Some(format!(
        "{}: holds another article (“{}”, published {}), which {} would replace: give the .md another file name, \
         or delete the .json if that article should go, or was compiled from this .md before a rewrite \
         (`publish export-md` turns a .json into Markdown)",
        file.output.display(),
        old.title,
        old.published.long_date(),
        file.source.display()
    ))
}

/// The record of what `index` wrote from Markdown: one line per compiled
/// file, its name and the digest of what was written. A hidden file beside
/// the articles (kept out of the built site), so a `.json` the tool wrote is
/// told from one written by hand or imported.
const WRITTEN_RECORD: &str = ".compiled";

fn record_line(output: &Path, json: &str) -> Option<String> {
    let name = output.file_name()?.to_str()?;
    Some(format!("{name} {}", crate::model::text_digest(json)))
}

/// The record of a content folder's articles, read once a run.
struct WrittenRecord(std::collections::HashSet<String>);

impl WrittenRecord {
    fn read(content_dir: &Path) -> Self {
        let text = std::fs::read_to_string(content_dir.join("articles").join(WRITTEN_RECORD)).unwrap_or_default();
        WrittenRecord(text.lines().map(str::to_string).collect())
    }

    /// Whether `current` is what was last written to `output` from its source.
    fn holds(&self, output: &Path, current: &str) -> bool {
        record_line(output, current).is_some_and(|line| self.0.contains(&line))
    }
}

/// Notes in each folder's record what was just written there; a record
/// that cannot be written only costs the check above its shortcut.
fn record_written(written: &[&CompiledFile]) {
    let mut folders: std::collections::BTreeMap<&Path, Vec<&CompiledFile>> = std::collections::BTreeMap::new();
    for file in written {
        if let Some(folder) = file.output.parent() {
            folders.entry(folder).or_default().push(file);
        }
    }
    for (folder, files) in folders {
        let path = folder.join(WRITTEN_RECORD);
        let names: Vec<String> =
            files.iter().filter_map(|f| Some(f.output.file_name()?.to_str()?.to_string())).collect();
        let mut lines: Vec<String> = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .lines()
            .filter(|l| !names.iter().any(|n| l.split(' ').next() == Some(n.as_str())))
            .map(str::to_string)
            .collect();
        lines.extend(files.iter().filter_map(|f| record_line(&f.output, &f.json)));
        lines.sort();
        let _ = std::fs::write(&path, lines.join("\n") + "\n");
    }
}

/// Articles this tool compiled from a `.md` that is gone: the `.json` is
/// still published. Deleting the source alone does not take an article
/// down, which a writer may not know.
fn sources_gone(content_dir: &Path, record: &WrittenRecord, renamed: &[String]) -> Vec<String> {
    let articles = content_dir.join("articles");
    let mut names: Vec<&str> = record.0.iter().filter_map(|line| line.split(' ').next()).collect();
    names.sort_unstable();
    names
        .into_iter()
        .map(|name| articles.join(name))
        .filter(|json| json.is_file() && !json.with_extension("md").exists())
        // A rename is said by `left_behind`, with the new name.
        .filter(|json| !renamed.iter().any(|message| message.contains(&json.display().to_string())))
        .map(|json| {
            format!(
                "{}: its source {} is gone, and the article is still published from this file: delete it too to \
                 take the article down, or `publish export-md` to write its source again",
                json.display(),
                json.with_extension("md").display()
            )
        })
        .collect()
}

/// A compiled article a renamed source left behind: a `.json` with no `.md`
/// beside it holding the article a source now compiles to under another
/// name (most of its words, or its headline and date), which the site
/// would list twice.
fn left_behind(result: &DirCompile) -> Vec<String> {
    let compiled: Vec<(&CompiledFile, Article)> =
        result.compiled.iter().filter_map(|f| Some((f, parse_article(&f.json).ok()?.value))).collect();
    let folders: std::collections::BTreeSet<&Path> = compiled.iter().filter_map(|(f, _)| f.output.parent()).collect();
    let marks: Vec<String> = compiled
        .iter()
        .flat_map(|(_, a)| [serde_json::to_string(&a.title).ok(), Some(format!("\"{}\"", a.published.as_str()))])
        .flatten()
        .collect();
    let mut out = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else { continue };
        let mut orphans: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.with_extension("md").exists())
            .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
            .collect();
        orphans.sort();
        for path in orphans {
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            // Most of a folder (an imported magazine's thousands) is no twin:
            // only a file holding a compiled article's headline or date as
            // written is read as an article, on every build and save.
            if !marks.iter().any(|m| text.contains(m.as_str())) {
                continue;
            }
            let Ok(old) = parse_article(&text) else { continue };
            let old = old.value;
            let twin = compiled.iter().find(|(_, new)| {
                (old.title == new.title && old.published == new.published)
                    || crate::model::search::shared_words(&old, new) >= 0.6
            });
            if let Some((file, _)) = twin {
                out.push(format!(
                    "{}: has no Markdown source and holds the article {} compiles to (“{}”), so the site lists it \
                     twice: if the .md was renamed, delete this .json",
                    path.display(),
                    file.source.display(),
                    old.title
                ));
            }
        }
    }
    out
}

/// `publish validate`: prints every problem of every source, and each
/// generated JSON file that is not what its source compiles to.
pub fn validate_sources(dir: &Path) -> Result<SourceReport, MarkdownError> {
    let result = compile_dir(dir)?;
    let record = WrittenRecord::read(dir);
    let mut report = SourceReport::default();
    for error in &result.failed {
        report.problems += print_failure(error, false);
        if let MarkdownError::Problems { path, .. } = error {
            report.generated.push(path.with_extension("json"));
        }
    }
    let renamed = left_behind(&result);
    for message in &renamed {
        println!("{message}");
        report.problems += 1;
    }
    for message in sources_gone(dir, &record, &renamed) {
        println!("warning: {message}");
    }
    for file in &result.compiled {
        print_warnings(file, false);
        report.generated.push(file.output.clone());
        if let Some(message) = replaces_another(file, &record) {
            println!("{message}");
            report.problems += 1;
        } else if stale(&file.output, &file.json) {
            if file.output.exists() {
                println!(
                    "{}: not what {} compiles to: run `publish index` (edit the .md; the .json is written from it)",
                    file.output.display(),
                    file.source.display()
                );
            } else {
                println!(
                    "{}: not written yet: run `publish index`, which compiles {} to it (the site publishes the .json)",
                    file.output.display(),
                    file.source.display()
                );
            }
            report.problems += 1;
        }
    }
    Ok(report)
}

/// `publish index`, first step: compiles every source and writes the JSON
/// files that changed. With any problem, prints them all and writes nothing.
pub fn write_sources(dir: &Path) -> Result<bool, MarkdownError> {
    let result = compile_dir(dir)?;
    if !result.failed.is_empty() {
        let count: usize = result.failed.iter().map(|e| print_failure(e, true)).sum();
        eprintln!("{count} problem(s) in Markdown sources: nothing written");
        return Ok(false);
    }
    let record = WrittenRecord::read(dir);
    let replacing: Vec<String> = result.compiled.iter().filter_map(|f| replaces_another(f, &record)).collect();
    if !replacing.is_empty() {
        for message in &replacing {
            eprintln!("{message}");
        }
        eprintln!("{} article(s) would be replaced by another: nothing written", replacing.len());
        return Ok(false);
    }
    let renamed = left_behind(&result);
    for message in &renamed {
        eprintln!("warning: {message}");
    }
    for message in sources_gone(dir, &record, &renamed) {
        eprintln!("warning: {message}");
    }
    let mut written = Vec::new();
    for file in &result.compiled {
        print_warnings(file, true);
        if stale(&file.output, &file.json) {
            if let Err(source) = std::fs::write(&file.output, &file.json) {
                record_written(&written);
                return Err(MarkdownError::Io { path: file.output.clone(), source });
            }
            println!("compiled {} to {}", file.source.display(), file.output.display());
            written.push(file);
        } else if !record.holds(&file.output, &file.json) {
            // Up to date, but from before the record was kept.
            written.push(file);
        }
    }
    record_written(&written);
    Ok(true)
}

/// `publish check`: whether every source compiles and its JSON is current.
pub fn check_sources(dir: &Path) -> Result<bool, MarkdownError> {
    let result = compile_dir(dir)?;
    let record = WrittenRecord::read(dir);
    let mut ok = true;
    for error in &result.failed {
        print_failure(error, false);
        ok = false;
    }
    for file in &result.compiled {
        if let Some(message) = replaces_another(file, &record) {
            println!("{message}");
            ok = false;
        } else if stale(&file.output, &file.json) {
            println!(
                "{} is stale: run `publish index` (its source is {})",
                file.output.display(),
                file.source.display()
            );
            ok = false;
        }
    }
    if ok && !result.compiled.is_empty() {
        println!("{} Markdown article(s) are compiled and up to date", result.compiled.len());
    }
    Ok(ok)
}

fn usage(text: &str) -> MarkdownError {
    MarkdownError::Usage(text.to_string())
}

/// Positional arguments, and `--name VALUE` options by name.
type Arguments<'a> = (Vec<&'a str>, Vec<(String, &'a str)>);

/// Splits `args` into positional arguments and the value of `--name VALUE` options.
fn options<'a>(args: &'a [String], names: &[&str]) -> Result<Arguments<'a>, MarkdownError> {
    let mut positional = Vec::new();
    let mut found = Vec::new();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if let Some(name) = arg.strip_prefix("--") {
            if !names.contains(&name) {
                return Err(usage(&format!("unknown option `{arg}`")));
            }
            if name == "stdout" {
                found.push((name.to_string(), ""));
                continue;
            }
            let value = iter.next().ok_or_else(|| usage(&format!("`{arg}` needs a value")))?;
            found.push((name.to_string(), value.as_str()));
        } else {
            positional.push(arg.as_str());
        }
    }
    Ok((positional, found))
}

/// `publish new "Headline" [CONTENT_DIR] [--slug SLUG]`: writes
/// `articles/{slug}.md` from the template, dated now.
pub fn new_command(args: &[String]) -> Result<bool, MarkdownError> {
    let (positional, opts) = options(args, &["slug"])?;
    let (headline, dir) = match positional.as_slice() {
        [headline] => (*headline, PathBuf::from("public/content")),
        [headline, dir] => (*headline, PathBuf::from(dir)),
        _ => return Err(usage("publish new \"Headline\" [CONTENT_DIR] [--slug SLUG]")),
    };
    if headline.trim().is_empty() {
        return Err(usage("the headline is empty: publish new \"Headline\""));
    }
    let slug = match opts.iter().find(|(k, _)| k == "slug") {
        Some((_, slug)) => slug.to_string(),
        None => {
            let slug = slug_from_headline(headline).ok_or_else(|| {
                usage("the headline gives no slug for the address (it has no Latin letters or digits): add --slug my-slug")
            })?;
            let unspelt = unspelt_words(headline);
            if !unspelt.is_empty() {
                // `/article/and` for "方大同 and 시티팝" names nothing.
                return Err(usage(&format!(
                    "the address would be /article/{slug}, without {}, which have no Latin letters: choose it with \
                     --slug (such as --slug {slug})",
                    unspelt.join(" ")
                )));
            }
            slug
        }
    };
    if !is_valid_slug(&slug) {
        return Err(usage(&format!("`{slug}` is not a slug: use lowercase letters, digits and single hyphens")));
    }
    let articles = dir.join("articles");
    let path = articles.join(format!("{slug}.md"));
    for taken in [&path, &articles.join(format!("{slug}.json"))] {
        if taken.exists() {
            return Err(MarkdownError::Export {
                path: taken.clone(),
                reason: "already exists: choose another headline or --slug".into(),
            });
        }
    }
    if !articles.is_dir() {
        return Err(MarkdownError::Io {
            path: articles.clone(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no articles folder here"),
        });
    }
    let sections: Vec<String> = dir
        .parent()
        .and_then(|site| std::fs::read_to_string(site.join("site.json")).ok())
        .and_then(|text| parse_site(&text).ok())
        .map(|site| site.sections.into_iter().map(|s| s.name).collect())
        .unwrap_or_default();
    let text = new_article_text(headline, &now_utc(), &sections);
    std::fs::write(&path, text).map_err(|source| MarkdownError::Io { path: path.clone(), source })?;
    println!("wrote {}", path.display());
    println!("edit it, then run `publish index` (scripts/dev.sh does that on every save)");
    Ok(true)
}

/// `publish export-md SLUG [CONTENT_DIR] [--stdout]`: writes
/// `articles/{slug}.md` from `articles/{slug}.json`, which from then on is
/// compiled from it.
pub fn export_command(args: &[String]) -> Result<bool, MarkdownError> {
    let (positional, opts) = options(args, &["stdout"])?;
    let (slug, dir) = match positional.as_slice() {
        [slug] => (*slug, PathBuf::from("public/content")),
        [slug, dir] => (*slug, PathBuf::from(dir)),
        _ => return Err(usage("publish export-md SLUG [CONTENT_DIR] [--stdout]")),
    };
    let to_stdout = opts.iter().any(|(k, _)| k == "stdout");
    let json_path = dir.join("articles").join(format!("{slug}.json"));
    let md_path = json_path.with_extension("md");
    if !is_valid_slug(slug) {
        return Err(usage(&format!("`{slug}` is not an article slug")));
    }
    if !json_path.is_file() {
        return Err(MarkdownError::Export {
            path: json_path,
            reason: format!("there is no article `{slug}` here to export (`publish export-md` reads its .json)"),
        });
    }
    let text =
        std::fs::read_to_string(&json_path).map_err(|source| MarkdownError::Io { path: json_path.clone(), source })?;
    let parsed =
        parse_article(&text).map_err(|e| MarkdownError::Export { path: json_path.clone(), reason: e.to_string() })?;
    if !to_stdout && md_path.exists() {
        return Err(MarkdownError::Export {
            path: md_path,
            reason: "already exists: it is the article's source already (use --stdout to see the export)".into(),
        });
    }
    let known = known_slugs(&dir)?;
    let context = context_for(&md_path, &dir, Some(known));
    let exported = export_parsed(&parsed, &context);
    for warning in &exported.warnings {
        eprintln!("{}: warning: {warning}", json_path.display());
    }
    if to_stdout {
        print!("{}", exported.markdown);
        return Ok(true);
    }
    if compile(&exported.markdown, &context).is_err() {
        // As the source, Markdown that does not compile would stop every
        // later `publish index`: it waits under a name publish ignores.
        let draft = md_path.with_file_name(format!(".{slug}.md"));
        // A draft from an earlier export may hold the writer's fixes.
        if draft.exists() && std::fs::read_to_string(&draft).ok().as_deref() != Some(exported.markdown.as_str()) {
            return Err(MarkdownError::Export {
                path: draft,
                reason: format!(
                    "already exists, from an earlier export, and may hold your fixes: finish it and rename it to {}, or \
                     delete it to export again",
                    md_path.display()
                ),
            });
        }
        std::fs::write(&draft, &exported.markdown)
            .map_err(|source| MarkdownError::Io { path: draft.clone(), source })?;
        println!(
            "wrote {}, which does not compile yet (the warnings above say where), so the article is still \
             published from {}: fix the Markdown, then rename it to {} and run `publish index`",
            draft.display(),
            json_path.display(),
            md_path.display()
        );
        return Ok(false);
    }
    std::fs::write(&md_path, &exported.markdown)
        .map_err(|source| MarkdownError::Io { path: md_path.clone(), source })?;
    println!("wrote {}: it is now the source of {}", md_path.display(), json_path.display());
    println!("{}", round_trip_note(&text, &parsed.value, &exported, &context));
    Ok(true)
}

/// What `export-md` says of the Markdown it wrote, compiled again. Every
/// difference a reader would see is one of the export's warnings; what is
/// left without one is how a paragraph's text is cut into runs, and
/// where the spaces around emphasis and links fall.
pub(crate) fn round_trip_note(json: &str, article: &Article, exported: &Exported, context: &Context) -> &'static str {
    match compile(&exported.markdown, context) {
        Ok(_) if !exported.complete => {
            "it compiles to the article without the parts the warnings above say are left out; put them back in \
             the Markdown by hand if they matter, then run `publish index`"
        }
        Ok(compiled) if compiled.json == json => "it compiles to the same JSON, byte for byte",
        Ok(compiled) if compiled.article == *article => {
            "it compiles to the same article; `publish index` rewrites the JSON in the standard layout"
        }
        Ok(_) if exported.warnings.is_empty() => {
            "it compiles to the same text for the reader (runs of text are joined, and spaces at the edges of \
             emphasis or links move outside them); `publish index` writes it"
        }
        Ok(_) => {
            "it compiles to a slightly different article (the warnings above say where); `publish index` writes it"
        }
        Err(_) => "fix the problems above, then run `publish index`",
    }
}
