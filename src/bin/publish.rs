//! The publisher's tool: checks content against the contract and builds the
//! index from the article files. Shares `model` with the app, so what it
//! accepts is exactly what the reader can show.
//!
//! ```text
//! publish validate [CONTENT_DIR]   report every problem, exit 1 if any
//! publish index [CONTENT_DIR]      compile articles/*.md to .json, write index.json and search/
//! publish check [CONTENT_DIR]      exit 1 if a compiled .json, index.json or search/ is stale
//! publish new "Headline" [CONTENT_DIR] [--slug SLUG]   start articles/{slug}.md, dated now
//! publish export-md SLUG [CONTENT_DIR] [--stdout]      write articles/{slug}.md from its .json
//! publish import-wordpress (--rest URL | --wxr FILE) [...]   see the README
//! ```
//!
//! A native tool: built for wasm32 (as `--all-targets` does there), it is
//! an empty program.

#[cfg(not(target_arch = "wasm32"))]
use std::path::{Path, PathBuf};
#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
use linernotes::catalog::{
    build_index, featured_left_out, read_content_dir, search_files, search_is_current, write_search, ContentDir,
    ToolError,
};
#[cfg(not(target_arch = "wasm32"))]
use linernotes::markdown;
#[cfg(not(target_arch = "wasm32"))]
use linernotes::model::{parse_article, validate_article, validate_index};

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing to a closed pipe (`| head -1`) would
    // be a panic with a backtrace; the default action ends the tool quietly.
    // SAFETY: called first, before any other thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    if matches!(args.first().map(String::as_str), Some("--help" | "-h" | "help")) {
        print!("{}", USAGE);
        return ExitCode::SUCCESS;
    }
    if args.first().map(String::as_str) == Some("import-wordpress") {
        return linernotes::import::wordpress::main(args.get(1..).unwrap_or_default());
    }
    let markdown_command = match args.split_first() {
        Some((command, rest)) if command == "new" => Some(markdown::new_command(rest)),
        Some((command, rest)) if command == "export-md" => Some(markdown::export_command(rest)),
        _ => None,
    };
    if let Some(result) = markdown_command {
        return match result {
            Ok(true) => ExitCode::SUCCESS,
            Ok(false) => ExitCode::FAILURE,
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::FAILURE
            }
        };
    }
    let (command, dir) = match args.as_slice() {
        [command] => (command.as_str(), PathBuf::from("public/content")),
        [command, dir] => (command.as_str(), PathBuf::from(dir)),
        _ => return usage(),
    };
    let result = match command {
        "validate" => validate(&dir),
        "index" => write_index(&dir),
        "check" => check(&dir),
        _ => return usage(),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str = "usage: publish (validate|index|check) [CONTENT_DIR]
       publish new \"Headline\" [CONTENT_DIR] [--slug SLUG]
       publish export-md SLUG [CONTENT_DIR] [--stdout]
       publish import-wordpress (--rest URL | --wxr FILE [--wxr FILE …]) [...]   (--help for its options)
";

#[cfg(not(target_arch = "wasm32"))]
fn usage() -> ExitCode {
    eprint!("{USAGE}");
    ExitCode::from(2)
}

#[cfg(not(target_arch = "wasm32"))]
fn validate(dir: &Path) -> Result<bool, ToolError> {
    let sources = markdown::validate_sources(dir).map_err(ToolError::Markdown)?;
    let content = read_content_dir(dir)?;
    let mut count = sources.problems;
    for file in content.articles.iter().filter(|f| !sources.generates(&f.path)) {
        for problem in validate_article(&file.text) {
            println!("{}: {problem}", file.path.display());
            count += 1;
        }
        if let Some(slug) = file.declared_slug() {
            if Some(slug.as_str()) != file.file_slug() {
                println!("{}: slug: `{slug}` does not match the file name", file.path.display());
                count += 1;
            }
        }
    }
    match &content.index_text {
        Some(text) => {
            // A page that stands alone has no card; every other article has one.
            let (mut slugs, mut unlisted) = (Vec::new(), Vec::new());
            for file in &content.articles {
                let Some(slug) = file.file_slug() else { continue };
                match parse_article(&file.text) {
                    Ok(parsed) if !parsed.value.listed() => unlisted.push(slug),
                    _ => slugs.push(slug),
                }
            }
            for problem in validate_index(text, &slugs, &unlisted) {
                println!("{}: {problem}", content.index_path().display());
                count += 1;
            }
        }
        None => {
            println!("{}: missing (run `publish index`)", content.index_path().display());
            count += 1;
        }
    }
    if count == 0 {
        println!("{} articles and the index are valid", content.articles.len());
    } else {
        println!("{count} problem(s) found");
    }
    Ok(count == 0)
}

#[cfg(not(target_arch = "wasm32"))]
fn fresh_index(content: &ContentDir) -> Result<String, ToolError> {
    let index = build_index(content)?;
    let mut json = serde_json::to_string_pretty(&index).map_err(ToolError::Encode)?;
    json.push('\n');
    Ok(json)
}

#[cfg(not(target_arch = "wasm32"))]
fn write_index(dir: &Path) -> Result<bool, ToolError> {
    if !markdown::write_sources(dir).map_err(ToolError::Markdown)? {
        return Ok(false);
    }
    let content = read_content_dir(dir)?;
    // Markdown is checked as it compiles; an article written as JSON would
    // otherwise go out with its problems unsaid (the build runs this step
    // with its output hidden, so they go to stderr).
    let mut warned = 0;
    for file in content.articles.iter().filter(|f| !f.path.with_extension("md").exists()) {
        for problem in validate_article(&file.text) {
            eprintln!("warning: {}: {problem}", file.path.display());
            warned += 1;
        }
    }
    if warned > 0 {
        eprintln!("warning: {warned} problem(s) in articles written as JSON: the reader shows them without what it cannot read");
    }
    let index = build_index(&content)?;
    for message in featured_left_out(&content, &index.featured) {
        eprintln!("warning: {}: {message}", content.index_path().display());
    }
    let json = fresh_index(&content)?;
    let path = content.index_path();
    let search = search_files(&content)?;
    std::fs::write(&path, json).map_err(|source| ToolError::Io { path: path.clone(), source })?;
    println!("wrote {}", path.display());
    let dir = write_search(&content, &search)?;
    println!("wrote {} ({} files)", dir.display(), search.len());
    Ok(true)
}

#[cfg(not(target_arch = "wasm32"))]
fn check(dir: &Path) -> Result<bool, ToolError> {
    let sources_ok = markdown::check_sources(dir).map_err(ToolError::Markdown)?;
    let content = read_content_dir(dir)?;
    let json = fresh_index(&content)?;
    let index_ok = content.index_text.as_deref() == Some(json.as_str());
    if index_ok {
        println!("{} is up to date", content.index_path().display());
    } else {
        println!("{} is stale: run `publish index`", content.index_path().display());
    }
    let search_ok = search_is_current(&content, &search_files(&content)?);
    if search_ok {
        println!("{} is up to date", content.dir.join("search").display());
    } else {
        println!("{} is stale: run `publish index`", content.dir.join("search").display());
    }
    Ok(sources_ok && index_ok && search_ok)
}

#[cfg(target_arch = "wasm32")]
fn main() {}
