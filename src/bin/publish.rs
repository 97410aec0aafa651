//! The publisher's tool: checks content against the contract and builds the
//! index from the article files. Shares `model` with the app, so what it
//! accepts is exactly what the reader can show.
//!
//! ```text
//! publish validate [CONTENT_DIR]   report every problem, exit 1 if any
//! publish index [CONTENT_DIR]      write CONTENT_DIR/index.json and CONTENT_DIR/search/
//! publish check [CONTENT_DIR]      exit 1 if index.json or search/ is stale
//! publish import-wordpress (--rest URL | --wxr FILE) [...]   see the README
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use linernotes::catalog::{
    build_index, read_content_dir, search_files, search_is_current, write_search, ContentDir, ToolError,
};
use linernotes::model::{validate_article, validate_index};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("import-wordpress") {
        return linernotes::import::wordpress::main(args.get(1..).unwrap_or_default());
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

fn usage() -> ExitCode {
    eprintln!("usage: publish (validate|index|check) [CONTENT_DIR]\n       publish import-wordpress (--rest URL | --wxr FILE) [...]");
    ExitCode::from(2)
}

fn validate(dir: &Path) -> Result<bool, ToolError> {
    let content = read_content_dir(dir)?;
    let mut count = 0;
    for file in &content.articles {
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
            let slugs: Vec<&str> = content.articles.iter().filter_map(|a| a.file_slug()).collect();
            for problem in validate_index(text, &slugs) {
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

fn fresh_index(content: &ContentDir) -> Result<String, ToolError> {
    let index = build_index(content)?;
    let mut json = serde_json::to_string_pretty(&index).map_err(ToolError::Encode)?;
    json.push('\n');
    Ok(json)
}

fn write_index(dir: &Path) -> Result<bool, ToolError> {
    let content = read_content_dir(dir)?;
    let json = fresh_index(&content)?;
    let path = content.index_path();
    let search = search_files(&content)?;
    std::fs::write(&path, json).map_err(|source| ToolError::Io { path: path.clone(), source })?;
    println!("wrote {}", path.display());
    let dir = write_search(&content, &search)?;
    println!("wrote {} ({} files)", dir.display(), search.len());
    Ok(true)
}

fn check(dir: &Path) -> Result<bool, ToolError> {
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
    Ok(index_ok && search_ok)
}
