//! Content as files on disk, for the native tools (publisher tool, tests,
//! and the prerenderer): read a content directory and build its index.

use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::model::{self, search, Card, Index, LoadError, Thumbnail};

#[derive(Debug, Error)]
pub enum ToolError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: {source}")]
    Content { path: PathBuf, source: LoadError },
    #[error("could not write JSON: {0}")]
    Encode(serde_json::Error),
    /// A Markdown source that could not be read or compiled.
    #[cfg(not(target_arch = "wasm32"))]
    #[error(transparent)]
    Markdown(crate::markdown::MarkdownError),
}

/// One article file, as read.
pub struct ArticleFile {
    pub path: PathBuf,
    pub text: String,
}

impl ArticleFile {
    /// The slug the file name gives (`film-out.json` → `film-out`).
    pub fn file_slug(&self) -> Option<&str> {
        self.path.file_stem().and_then(|s| s.to_str())
    }

    /// The slug written inside the file, if it can be read.
    pub fn declared_slug(&self) -> Option<String> {
        model::parse_article(&self.text).ok().map(|p| p.value.slug)
    }
}

/// A content directory: `articles/*.json` and `index.json`.
pub struct ContentDir {
    pub dir: PathBuf,
    pub articles: Vec<ArticleFile>,
    pub index_text: Option<String>,
}

impl ContentDir {
    pub fn index_path(&self) -> PathBuf {
        self.dir.join("index.json")
    }
}

fn read(path: &Path) -> Result<String, ToolError> {
    std::fs::read_to_string(path).map_err(|source| ToolError::Io { path: path.to_path_buf(), source })
}

/// Reads every `articles/*.json` (sorted by name) and `index.json` if present.
pub fn read_content_dir(dir: &Path) -> Result<ContentDir, ToolError> {
    let articles_dir = dir.join("articles");
    let entries =
        std::fs::read_dir(&articles_dir).map_err(|source| ToolError::Io { path: articles_dir.clone(), source })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        // Hidden files (macOS's `._film-out.json`) are droppings, not articles.
        .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let articles = paths
        .into_iter()
        .map(|path| Ok(ArticleFile { text: read(&path)?, path }))
        .collect::<Result<Vec<_>, ToolError>>()?;
    let index_path = dir.join("index.json");
    let index_text = if index_path.exists() { Some(read(&index_path)?) } else { None };
    Ok(ContentDir { dir: dir.to_path_buf(), articles, index_text })
}

/// The index for a content directory: a card per listed article, newest first, and
/// the featured order kept from the current `index.json` (the publisher
/// edits that list by hand), minus slugs that no longer exist.
pub fn build_index(content: &ContentDir) -> Result<Index, ToolError> {
    let mut cards = Vec::new();
    for file in &content.articles {
        let article = model::parse_article(&file.text)
            .map_err(|source| ToolError::Content { path: file.path.clone(), source })?
            .value;
        if !article.listed() {
            continue;
        }
        cards.push(Card {
            thumbnail: article.hero.as_ref().map(|h| Thumbnail {
                src: h.src.clone(),
                alt: h.alt.clone(),
                width: h.width,
                height: h.height,
            }),
            dek: article.dek.clone(),
            category: article.category.clone(),
            published: article.published.clone(),
            tags: article.tags.clone(),
            language: article.language.clone(),
            title: article.title.clone(),
            slug: article.slug,
        });
    }
    cards.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug)));
    let featured = match &content.index_text {
        Some(text) => model::parse_index(text)
            .map_err(|source| ToolError::Content { path: content.index_path(), source })?
            .value
            .featured
            .into_iter()
            .filter(|slug| cards.iter().any(|c| &c.slug == slug))
            .fold(Vec::new(), |mut kept: Vec<String>, slug| {
                if !kept.contains(&slug) {
                    kept.push(slug);
                }
                kept
            }),
        None => Vec::new(),
    };
    Ok(Index { articles: cards, featured })
}

/// What a fresh index leaves out of the featured list the publisher wrote
/// in `index.json`, each with why: said as `index` writes, as the list is
/// edited by hand and a slot lost without a word is not noticed.
pub fn featured_left_out(content: &ContentDir, kept: &[String]) -> Vec<String> {
    let Some(written) = content.index_text.as_deref().and_then(|t| model::parse_index(t).ok()) else {
        return Vec::new();
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for slug in &written.value.featured {
        if seen.contains(&slug.as_str()) {
            out.push(format!("`featured` names `{slug}` twice: it is kept once"));
            continue;
        }
        seen.push(slug);
        if kept.contains(slug) {
            continue;
        }
        let article = content.articles.iter().find_map(|f| {
            let parsed = model::parse_article(&f.text).ok()?.value;
            (parsed.slug == *slug).then_some(parsed)
        });
        out.push(match article {
            Some(_) => format!(
                "`featured` names `{slug}`, which is unlisted: it is left out of the featured list (add it again \
                 when the article is listed)"
            ),
            None => format!("`featured` names `{slug}`, which is no article here: it is left out of the featured list"),
        });
    }
    out
}

/// The search index of a content directory, as files: name (under
/// `search/`) and JSON text.
pub fn search_files(content: &ContentDir) -> Result<Vec<(String, String)>, ToolError> {
    let mut articles = Vec::new();
    for file in &content.articles {
        let article = model::parse_article(&file.text)
            .map_err(|source| ToolError::Content { path: file.path.clone(), source })?
            .value;
        if article.listed() {
            articles.push(article);
        }
    }
    let built = search::build(&articles);
    let json = |value: &dyn erased::Json| value.to_json().map_err(ToolError::Encode);
    let mut files = vec![("index.json".to_string(), json(&built.manifest)?)];
    for (key, shard) in &built.terms {
        files.push((format!("terms-{key}.json"), json(shard)?));
    }
    for (i, docs) in built.docs.iter().enumerate() {
        files.push((format!("docs-{i}.json"), json(docs)?));
    }
    Ok(files)
}

mod erased {
    /// Compact JSON with a final newline, for any of the search files.
    pub trait Json {
        fn to_json(&self) -> Result<String, serde_json::Error>;
    }
    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> Result<String, serde_json::Error> {
            let mut text = serde_json::to_string(self)?;
            text.push('\n');
            Ok(text)
        }
    }
}

/// Whether `search/` holds exactly these files.
pub fn search_is_current(content: &ContentDir, files: &[(String, String)]) -> bool {
    let dir = content.dir.join("search");
    let present: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(Result::ok).filter_map(|e| e.file_name().into_string().ok()).collect(),
        Err(_) => return false,
    };
    present.len() == files.len()
        && files.iter().all(|(name, text)| std::fs::read_to_string(dir.join(name)).is_ok_and(|t| &t == text))
}

/// Replaces `search/` with these files.
pub fn write_search(content: &ContentDir, files: &[(String, String)]) -> Result<PathBuf, ToolError> {
    let dir = content.dir.join("search");
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ToolError::Io { path, source }
    };
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(io(&dir))?;
    }
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(io(&path))?;
    }
    Ok(dir)
}
