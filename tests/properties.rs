//! Property tests: every parser that reads outside data, fed arbitrary
//! strings and arbitrary JSON (and samples with arbitrary parts swapped in),
//! returns a value or a typed error and never panics. A panic in the reader
//! kills the page; in the publisher tool or the prerenderer, a whole run.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use linernotes::catalog::{build_index, search_files, ArticleFile, ContentDir};
use linernotes::model::search::{highlight, query_terms};
use linernotes::model::{
    html_digest, image_src_allowed, parse_article, parse_comment_html, parse_index, parse_seed, parse_site,
    validate_article, validate_index, SafeHref, Timestamp, VideoId,
};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

const FILM_OUT: &str = include_str!("../public/content/articles/film-out.json");
const INDEX: &str = include_str!("../public/content/index.json");
const SITE: &str = include_str!("../public/site.json");

fn config() -> ProptestConfig {
    ProptestConfig { cases: 192, failure_persistence: None, ..ProptestConfig::default() }
}

/// Any JSON value, a few levels deep, with the strings and numbers parsers
/// trip on: huge, negative, fractional, non-ASCII, empty.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        Just(json!(u64::MAX)),
        any::<String>().prop_map(Value::String),
        "[a-z]{0,8}".prop_map(Value::String),
        Just(json!("2021-04-02T09:00:00é0000")),
        Just(json!("javascript:alert(1)")),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(("[a-z_]{1,10}", inner), 0..6)
                .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Text that looks a little like JSON, so the parser gets past its first byte.
fn jsonish() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[\\[\\]{}\":,0-9a-z \\\\.eE+-]{0,120}",]
}

/// `base` with the value at one of its keys (at any depth) replaced.
fn mutate(base: &Value, pick: usize, with: Value) -> Value {
    fn paths(v: &Value, here: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    here.push(k.clone());
                    out.push(here.clone());
                    paths(child, here, out);
                    here.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    here.push(i.to_string());
                    out.push(here.clone());
                    paths(child, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }
    let mut all = Vec::new();
    paths(base, &mut Vec::new(), &mut all);
    let mut out = base.clone();
    if let Some(path) = all.get(pick % all.len().max(1)) {
        let pointer = format!("/{}", path.join("/"));
        if let Some(slot) = out.pointer_mut(&pointer) {
            *slot = with;
        }
    }
    out
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn article_parsing_never_panics(text in jsonish(), value in json_value()) {
        let _ = parse_article(&text);
        let _ = parse_article(&value.to_string());
        let _ = validate_article(&text);
        let _ = validate_article(&value.to_string());
    }

    #[test]
    fn sample_articles_with_any_part_replaced_never_panic(pick in any::<usize>(), with in json_value()) {
        let base: Value = serde_json::from_str(FILM_OUT).unwrap();
        let text = mutate(&base, pick, with).to_string();
        if let Ok(parsed) = parse_article(&text) {
            // What parses renders: every block it kept has an id and passes
            // the rules the views rely on.
            for block in &parsed.value.body {
                let _ = block.id();
            }
        }
        let _ = validate_article(&text);
    }

    #[test]
    fn index_site_and_seed_parsing_never_panic(text in jsonish(), value in json_value(), pick in any::<usize>()) {
        let _ = parse_index(&text);
        let _ = parse_index(&value.to_string());
        let _ = validate_index(&value.to_string(), &["film-out"], &[]);
        let _ = parse_site(&text);
        let _ = parse_site(&value.to_string());
        let _ = parse_seed(&text);
        let _ = parse_seed(&value.to_string());
        let index: Value = serde_json::from_str(INDEX).unwrap();
        let _ = parse_index(&mutate(&index, pick, value.clone()).to_string());
        let site: Value = serde_json::from_str(SITE).unwrap();
        let _ = parse_site(&mutate(&site, pick, value.clone()).to_string());
        let seed = json!({ "path": "/article/film-out", "site": site, "article": serde_json::from_str::<Value>(FILM_OUT).unwrap() });
        let _ = parse_seed(&mutate(&seed, pick, value).to_string());
    }

    #[test]
    fn dates_never_panic(text in any::<String>(), tail in any::<String>()) {
        let _ = Timestamp::parse(&text);
        // A valid start keeps the parser going into the tail.
        if let Ok(t) = Timestamp::parse(&format!("2021-04-02T09:00:00{tail}")) {
            let _ = (t.long_date(), t.ymd(), t.sort_key());
        }
    }

    #[test]
    fn links_images_and_video_ids_never_panic(text in any::<String>(), provider in "[a-zA-Z]{0,10}") {
        if let Some(link) = SafeHref::parse(&text) {
            let _ = link.resolve("/magazine/");
        }
        let _ = image_src_allowed(&text);
        if let Some(id) = VideoId::parse(&provider, &text) {
            let _ = (id.embed_url(), id.watch_url());
        }
    }

    #[test]
    fn search_queries_never_panic(query in any::<String>(), text in any::<String>()) {
        let terms = query_terms(&query);
        let _ = highlight(&text, &terms);
    }

    #[test]
    fn comment_markup_and_page_digests_never_panic(html in any::<String>(), tags in "(<[a-z/!]{0,3}[ a-z=\"'>]{0,6}|&[#a-z0-9]{0,6};?|[a-z ]{0,4}){0,24}") {
        let _ = parse_comment_html(&html);
        let _ = parse_comment_html(&tags);
        let _ = html_digest(&html);
        let _ = html_digest(&tags);
    }

    #[test]
    fn the_publisher_tool_never_panics_on_a_broken_file(text in jsonish(), value in json_value(), pick in any::<usize>()) {
        let base: Value = serde_json::from_str(FILM_OUT).unwrap();
        let articles = vec![
            ArticleFile { path: PathBuf::from("articles/film-out.json"), text: FILM_OUT.to_string() },
            ArticleFile { path: PathBuf::from("articles/broken.json"), text },
            ArticleFile { path: PathBuf::from("articles/odd.json"), text: mutate(&base, pick, value).to_string() },
        ];
        let content = ContentDir { dir: PathBuf::from("content"), articles, index_text: Some(INDEX.to_string()) };
        // Errors name the file; nothing panics.
        let _ = build_index(&content);
        let _ = search_files(&content);
    }
}
