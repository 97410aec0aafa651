//! The sample content, checked by the same rules the reader and the
//! publisher tool use.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use linernotes::catalog::{build_index, read_content_dir};
use linernotes::model::{parse_article, parse_site, validate_article, validate_index, Block};

fn content() -> linernotes::catalog::ContentDir {
    read_content_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content").as_path())
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn every_sample_article_parses_and_validates_strictly() {
    let content = content();
    assert!(content.articles.len() >= 8);
    for file in &content.articles {
        let problems = validate_article(&file.text);
        assert!(problems.is_empty(), "{}: {problems:?}", file.path.display());
        let article = parse_article(&file.text).unwrap().value;
        assert_eq!(Some(article.slug.as_str()), file.file_slug());
    }
}

#[test]
fn index_is_valid_and_up_to_date() {
    let content = content();
    let slugs: Vec<&str> = content.articles.iter().filter_map(|a| a.file_slug()).collect();
    let text = content.index_text.as_deref().expect("index.json exists");
    assert_eq!(validate_index(text, &slugs, &[]), vec![]);
    let mut fresh = serde_json::to_string_pretty(&build_index(&content).unwrap()).unwrap();
    fresh.push('\n');
    assert!(fresh == text, "index.json is stale: run `cargo run --bin publish -- index`");
    let index = linernotes::model::parse_index(text).unwrap().value;
    assert!(index.featured.len() >= 6, "at least six featured stories");
}

#[test]
fn categories_cover_every_section() {
    let content = content();
    let site = parse_site(include_str!("../public/site.json")).unwrap();
    for section in &site.sections {
        let count = content
            .articles
            .iter()
            .filter_map(|f| parse_article(&f.text).ok())
            .filter(|a| a.value.category.as_ref().is_some_and(|c| c.slug == section.slug))
            .count();
        assert!(count >= 1, "no article in {}", section.name);
    }
}

#[test]
fn film_out_has_what_the_story_needs() {
    let article = parse_article(include_str!("../public/content/articles/film-out.json")).unwrap().value;
    let count = |pred: fn(&Block) -> bool| article.body.iter().filter(|b| pred(b)).count();
    assert_eq!(count(|b| matches!(b, Block::Heading { .. })), 2);
    assert_eq!(count(|b| matches!(b, Block::Quote { .. })), 1);
    assert_eq!(count(|b| matches!(b, Block::Lyrics { .. })), 1);
    assert_eq!(count(|b| matches!(b, Block::Video { .. })), 1);
    assert_eq!(count(|b| matches!(b, Block::Audio { .. })), 1);
    assert!(article.hero.is_some());
    assert_eq!(article.feedback.len(), 2);
}

#[test]
fn samples_play_every_service_with_their_own_artwork() {
    let content = content();
    let mut players = Vec::new();
    for file in &content.articles {
        let article = parse_article(&file.text).unwrap().value;
        for block in &article.body {
            if let Some(player) = block.player() {
                let player = player.unwrap_or_else(|e| panic!("{}: {e:?}", article.slug));
                players.push(player.provider);
            }
            if let Block::Audio { artwork, .. } = block {
                let artwork = artwork.as_ref().expect("sample music has artwork");
                assert!(!artwork.src.contains("://"), "{}: artwork is published with the site", article.slug);
                let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("public").join(&artwork.src);
                assert!(path.is_file(), "{} is missing", path.display());
            }
        }
    }
    players.sort_unstable();
    players.dedup();
    assert_eq!(players, ["apple_music", "bandcamp", "soundcloud", "spotify", "vimeo", "youtube"]);
}

#[test]
fn search_index_is_up_to_date() {
    let content = content();
    let files = linernotes::catalog::search_files(&content).unwrap();
    assert!(
        linernotes::catalog::search_is_current(&content, &files),
        "public/content/search/ is stale: run `cargo run --bin publish -- index`"
    );
}

#[test]
fn the_markdown_samples_compile_to_their_json() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content");
    let result = linernotes::markdown::compile_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    let failed: Vec<String> = result.failed.iter().map(ToString::to_string).collect();
    assert_eq!(failed, Vec::<String>::new());
    assert!(result.compiled.len() >= 2, "the sample site uses both kinds");
    for file in &result.compiled {
        let on_disk = std::fs::read_to_string(&file.output).unwrap();
        assert!(on_disk == file.json, "{} is stale: run `cargo run --bin publish -- index`", file.output.display());
    }
}
