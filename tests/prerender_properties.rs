//! The prerenderer's entry point on arbitrary articles: whatever the
//! tolerant parser accepts, the build renders without a panic (a panic here
//! would stop a whole site's build). Runs with `--features ssr`.
#![cfg(feature = "ssr")]

use linernotes::config::AppConfig;
use linernotes::model::{html_digest, parse_article, parse_site, Seed};
use linernotes::static_site::render_app;
use proptest::prelude::*;
use serde_json::{json, Value};

const FILM_OUT: &str = include_str!("../public/content/articles/film-out.json");
const SITE: &str = include_str!("../public/site.json");

fn text() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<String>().prop_map(Value::String),
        Just(json!("</script><script>alert(1)</script>")),
        Just(json!("javascript:alert(1)")),
        Just(json!("")),
        any::<i64>().prop_map(|n| json!(n)),
        Just(Value::Null),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn whatever_parses_prerenders(field in 0usize..64, with in text(), base in "/|/magazine/") {
        let mut article: Value = serde_json::from_str(FILM_OUT).unwrap();
        // Swap one string-ish part of the article for something odd.
        let mut slots = Vec::new();
        fn collect(v: &Value, here: String, out: &mut Vec<String>) {
            match v {
                Value::Object(m) => for (k, c) in m { collect(c, format!("{here}/{k}"), out) },
                Value::Array(a) => for (i, c) in a.iter().enumerate() { collect(c, format!("{here}/{i}"), out) },
                _ => out.push(here),
            }
        }
        collect(&article, String::new(), &mut slots);
        if let Some(slot) = slots.get(field % slots.len()).and_then(|p| article.pointer_mut(p)) {
            *slot = with;
        }
        let Ok(parsed) = parse_article(&article.to_string()) else { return Ok(()) };
        let site = parse_site(SITE).unwrap();
        let config = AppConfig::new(&base);
        let path = format!("/article/{}", parsed.value.slug);
        let seed = Seed { path: path.clone(), site: Some(site), index: None, article: Some(parsed.value) };
        let html = render_app(&config, &path, seed);
        prop_assert!(html.contains("<h1"));
        let _ = html_digest(&html);
    }
}
