//! Renders every article, the front page and every section page of a built
//! site to static HTML, with the app's own components, so each page is
//! readable from its first response. Also writes the feed, the sitemap and
//! robots.txt. Runs after Trunk's build (a Trunk hook), on the built
//! directory, using the content and settings that directory will serve:
//!
//!     prerender dist
//!
//! The built `index.html` is kept as `404.html`, the app shell that renders
//! on the client any route published after the build.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use thiserror::Error;

use linernotes::catalog::{build_index, read_content_dir, ToolError};
use linernotes::config::AppConfig;
use linernotes::model::{
    parse_article, parse_index, parse_site, write_seed, Article, Index, Seed, Site, Timestamp, SEARCH_DESCRIPTION,
};
use linernotes::static_site::{
    article_head, atom_feed, embed_page, escape, fill_template, hero_preload, listing_head, mount_manifest,
    oembed_json, oembed_path, public_url, render_app, robots_txt, shell_page, shell_template, sitemap, with_noscript,
    Head, SiteUrls, Sources, TemplateError,
};

#[derive(Debug, Error)]
enum PrerenderError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Content(#[from] ToolError),
    #[error("{path}: {source}")]
    Settings { path: PathBuf, source: linernotes::model::LoadError },
    #[error("{path}: {source}")]
    Template { path: PathBuf, source: TemplateError },
    #[error("could not write the page data: {0}")]
    Seed(#[from] serde_json::Error),
}

fn read(path: &Path) -> Result<String, PrerenderError> {
    std::fs::read_to_string(path).map_err(|source| PrerenderError::Io { path: path.to_path_buf(), source })
}

fn write(path: &Path, text: &str) -> Result<(), PrerenderError> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|source| PrerenderError::Io { path: dir.to_path_buf(), source })?;
    }
    std::fs::write(path, text).map_err(|source| PrerenderError::Io { path: path.to_path_buf(), source })
}

struct Build {
    dist: PathBuf,
    template: String,
    config: AppConfig,
    site: Site,
    site_text: String,
    urls: Option<SiteUrls>,
    pages: usize,
}

impl Build {
    /// `source`: the data file the page shows, by its path under the
    /// content folder, and its text (see [`fill_template`]).
    fn page(
        &mut self,
        path: &str,
        head: &Head,
        seed: Seed,
        article_text: Option<&str>,
        source: Option<(&str, &str)>,
    ) -> Result<(), PrerenderError> {
        let seed_json = write_seed(path, &self.site_text, seed.index.as_ref(), article_text)?;
        let app = render_app(&self.config, path, seed);
        let file = self.dist.join(path.trim_start_matches('/')).join("index.html");
        let address = source.map(|(file, _)| format!("{}{file}", self.config.content));
        let settings = format!("{}site.json", self.config.base);
        let sources = Sources {
            settings: Some((&settings, &self.site_text)),
            data: address.as_deref().zip(source.map(|(_, text)| text)),
        };
        let html = fill_template(&self.template, head, &app, &seed_json, &sources)
            .map_err(|source| PrerenderError::Template { path: file.clone(), source })?;
        write(&file, &html)?;
        self.pages += 1;
        Ok(())
    }

    fn seed(&self, path: &str, index: Index, article: Option<Article>) -> Seed {
        Seed { path: path.to_string(), site: Some(self.site.clone()), index: Some(index), article }
    }
}

/// What the app shell says to a reader without JavaScript: what the page
/// may be, and the pages they can read (prerendered, they need none).
fn noscript_note(site: &Site, config: &AppConfig) -> String {
    let link =
        |path: &str, name: &str| format!("<li><a href=\"{}\">{}</a></li>", escape(&config.href(path)), escape(name));
    let mut links = link("/", "The front page");
    for section in &site.sections {
        links.push_str(&link(&AppConfig::category_path(&section.slug), &section.name));
    }
    format!(
        "<div class=\"noscript-note\"><p>This page needs JavaScript, or it is not here. These pages of {} can be read without it:</p><ul>{links}</ul></div>",
        escape(&site.name)
    )
}

fn run(dist: &Path) -> Result<String, PrerenderError> {
    let started = Instant::now();
    // The shell Trunk built is the template; it stays as 404.html, so
    // running again (after changing site.json) starts from the shell too.
    let shell = dist.join("404.html");
    let template = shell_template(&if shell.exists() { read(&shell)? } else { read(&dist.join("index.html"))? });
    let config = AppConfig::new(&public_url(&template).unwrap_or_else(|| "/".into()));
    match mount_manifest(&template, &config.base) {
        Some(manifest) => write(&dist.join("mount.json"), &manifest)?,
        None => eprintln!("prerender: warning: the page template lacks the app's links: no mount.json"),
    }

    let site_path = dist.join("site.json");
    let site_text = read(&site_path)?;
    let site = parse_site(&site_text).map_err(|source| PrerenderError::Settings { path: site_path.clone(), source })?;
    let urls = SiteUrls::new(&site, &config);
    // The shell carries the settings it was built with, as every
    // prerendered page does: the app falls back on them if `site.json`
    // cannot be fetched.
    let shell_html = shell_page(&template, &write_seed("", &site_text, None, None)?)
        .map_err(|source| PrerenderError::Template { path: shell.clone(), source })?;
    let shell_html = with_noscript(&shell_html, &noscript_note(&site, &config));
    write(&shell, &shell_html)?;
    let embed_html =
        embed_page(&shell_html).map_err(|source| PrerenderError::Template { path: shell.clone(), source })?;

    let content = read_content_dir(&dist.join("content"))?;
    let index = match &content.index_text {
        Some(text) => {
            parse_index(text).map_err(|source| PrerenderError::Settings { path: content.index_path(), source })?.value
        }
        None => build_index(&content)?,
    };

    let mut build = Build { dist: dist.to_path_buf(), template, config, site: site.clone(), site_text, urls, pages: 0 };
    let mut articles = Vec::new();
    let mut warnings = Vec::new();
    for file in &content.articles {
        // A broken article is left to the app, which explains the problem
        // to the reader; the rest of the site still builds.
        let article = match parse_article(&file.text) {
            Ok(parsed) => parsed.value,
            Err(error) => {
                warnings.push(format!("{}: not prerendered: {error}", file.path.display()));
                continue;
            }
        };
        if file.file_slug() != Some(article.slug.as_str()) {
            warnings.push(format!("{}: not prerendered: its slug is “{}”", file.path.display(), article.slug));
            continue;
        }
        let path = AppConfig::article_path(&article.slug);
        let cards = index.carousel_for(&article.slug, &article.related);
        let seed = build.seed(&path, index.only(&cards), Some(article.clone()));
        let mut head = article_head(&site, build.urls.as_ref(), &article);
        head.tags.insert_str(0, &hero_preload(&build.config, &article));
        let source = format!("articles/{}.json", article.slug);
        build.page(&path, &head, seed, Some(&file.text), Some((&source, &file.text)))?;
        if let Some(urls) = &build.urls {
            write(&dist.join(oembed_path(&article.slug)), &oembed_json(&site.name, urls, &article))?;
        }
        // The embed page renders in the browser (its parts come from the
        // query); the shell at its path makes every host answer it with 200.
        write(&dist.join("embed/article").join(&article.slug).join("index.html"), &embed_html)?;
        articles.push(article);
    }

    let head = listing_head(&site, build.urls.as_ref(), "/", "", &site.description());
    // The lists of stories come from `index.json` (when the site has one:
    // without it the lists were made here from the articles).
    let index_source = content.index_text.as_deref().map(|text| ("index.json", text));
    build.page("/", &head, build.seed("/", index.clone(), None), None, index_source)?;

    // The search page: its form works without JavaScript; results need the app.
    let head = listing_head(&site, build.urls.as_ref(), "/search", "Search", SEARCH_DESCRIPTION);
    // A form with no results is no page for a search engine's index.
    let mut head = head;
    head.tags.push_str("<meta name=\"robots\" content=\"noindex\">\n");
    let seed = Seed { path: "/search".into(), site: Some(site.clone()), index: None, article: None };
    build.page("/search", &head, seed, None, None)?;

    let mut sections: Vec<(String, String)> = site.sections.iter().map(|s| (s.slug.clone(), s.name.clone())).collect();
    for card in &index.articles {
        if let Some(category) = &card.category {
            if !sections.iter().any(|(slug, _)| slug == &category.slug) {
                sections.push((category.slug.clone(), category.name.clone()));
            }
        }
    }
    // A section in site.json that no article is in gives a page that says
    // nothing is there yet: right for a new section, a slip when the
    // articles spell it otherwise (`stoerfeuer` beside `storfeuer`).
    let used = index.section_slugs();
    for section in site.sections.iter().filter(|s| !used.contains(&s.slug.as_str())) {
        let known = if used.is_empty() { "none".to_string() } else { used.join(", ") };
        warnings.push(format!(
            "site.json's section `{}` holds no article yet: its page is empty (the articles' sections: {known})",
            section.slug
        ));
    }
    for (slug, name) in &sections {
        let path = AppConfig::category_path(slug);
        let cards = index.in_category(slug);
        let head = listing_head(&site, build.urls.as_ref(), &path, name, &format!("The latest {name} stories."));
        build.page(&path, &head, build.seed(&path, index.only(&cards), None), None, index_source)?;
    }

    match &build.urls {
        Some(urls) => {
            let newest = articles
                .iter()
                .filter(|a| a.listed())
                .map(|a| a.updated.clone().unwrap_or_else(|| a.published.clone()))
                .max();
            let mut pages: Vec<(String, Option<Timestamp>)> = vec![("/".into(), newest)];
            pages.extend(sections.iter().map(|(slug, _)| (AppConfig::category_path(slug), None)));
            pages.extend(articles.iter().map(|a| {
                (AppConfig::article_path(&a.slug), Some(a.updated.clone().unwrap_or_else(|| a.published.clone())))
            }));
            write(&dist.join("sitemap.xml"), &sitemap(urls, &pages))?;
            write(&dist.join("robots.txt"), &robots_txt(urls))?;
            write(&dist.join("feed.xml"), &atom_feed(&site, urls, &articles))?;
        }
        None => warnings.push(
            "site.json names no \"origin\" (such as \"https://example.com\"): no canonical links, feed or sitemap"
                .into(),
        ),
    }
    if let Some(language) = site.language.as_deref().filter(|_| site.language().is_none()) {
        warnings.push(format!(
            "site.json's \"language\": {}; the articles' language is not marked",
            linernotes::model::not_a_language_tag(language)
        ));
    }
    for warning in &warnings {
        eprintln!("prerender: warning: {warning}");
    }
    Ok(format!("prerendered {} pages in {} ms", build.pages, started.elapsed().as_millis()))
}

fn main() -> ExitCode {
    let dist = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("dist"));
    match run(&dist) {
        Ok(summary) => {
            eprintln!("prerender: {summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("prerender: {error}");
            ExitCode::FAILURE
        }
    }
}
