//! Property tests of the Markdown compiler: any text, and the sample
//! articles with arbitrary lines spliced in, compile to an article or to
//! problems with a place inside the file, never a panic; any text in any
//! field survives JSON → Markdown → JSON.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

use linernotes::markdown::{compile, export_markdown, Context};
use linernotes::model::{parse_article, Block, Feedback, Inline};
use proptest::prelude::*;

const FILM_OUT_MD: &str = include_str!("../public/content/articles/film-out.md");

fn config() -> ProptestConfig {
    ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() }
}

fn context() -> Context {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Context {
        slug: "film-out".into(),
        site_root: root.join("public"),
        source_dir: root.join("public/content/articles"),
        known_slugs: None,
        sections: None,
        section_slugs: None,
        now: None,
    }
}

/// Problems point inside the file: a line that exists, a column within it.
fn check_places(source: &str) {
    if let Err(problems) = compile(source, &context()) {
        assert!(!problems.is_empty());
        let lines: Vec<&str> = source.split('\n').collect();
        for p in problems {
            let line = lines.get(p.line - 1).unwrap_or_else(|| panic!("line {} of {}", p.line, lines.len()));
            assert!(p.column >= 1 && p.column <= line.chars().count() + 1, "{p} in {line:?}");
        }
    }
}

/// Lines that touch every construct and its edges.
fn markdown_line() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[#>*_`~\\[\\]()!{}<>|&=+:;\"'\\\\ a-z0-9-]{0,24}",
        Just("```lyrics".to_string()),
        Just("```".to_string()),
        Just("---".to_string()),
        Just("{#x feedback=\"q\"}".to_string()),
        Just("{".to_string()),
        Just("> — ".to_string()),
        Just("- [ ] x".to_string()),
        Just("| a | b |".to_string()),
        Just("|---|---|".to_string()),
        Just("![a](images/film-out.svg \"c\")".to_string()),
        Just("https://youtu.be/zFT3f9biz68".to_string()),
        Just("<div>".to_string()),
        Just("    code".to_string()),
        Just("[^1]: note".to_string()),
    ]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_text_compiles_or_reports_problems_inside_the_file(text in any::<String>()) {
        check_places(&text);
        check_places(&format!("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\n---\n{text}"));
        check_places(&format!("---\n{text}\n---\nBody.\n"));
    }

    #[test]
    fn the_sample_with_lines_spliced_in_never_panics(
        at in 0usize..60,
        lines in prop::collection::vec(markdown_line(), 1..6),
    ) {
        let mut all: Vec<String> = FILM_OUT_MD.lines().map(str::to_string).collect();
        let at = at.min(all.len());
        for (i, line) in lines.into_iter().enumerate() {
            all.insert(at + i, line);
        }
        check_places(&all.join("\n"));
    }

    #[test]
    fn any_text_in_any_field_survives_json_markdown_json(text in "\\PC{1,40}", other in "[ -~]{1,20}") {
        let text = text.trim().to_string();
        prop_assume!(!text.is_empty());
        let json = r#"{"schema":1,"slug":"film-out","title":"T","published":"2021-04-02T09:00:00Z","body":[]}"#;
        let mut article = parse_article(json).unwrap().value;
        article.title = text.clone();
        article.dek = Some(other.trim().to_string()).filter(|d| !d.is_empty());
        article.tags = vec![text.clone(), other.trim().to_string()].into_iter().filter(|t| !t.is_empty()).collect();
        let run = |t: &str, em: bool, strong: bool, href: Option<&str>| Inline {
            text: t.to_string(), em, strong, href: href.map(str::to_string),
        };
        article.body = vec![
            Block::Paragraph { id: "p1".into(), content: vec![run(&text, false, false, None)] },
            Block::Paragraph {
                id: "p2".into(),
                content: vec![run("a ", false, false, None), run(&text, true, false, None), run(" b", false, false, None)],
            },
            Block::Heading { id: "h1".into(), level: 3, text: text.split_whitespace().collect::<Vec<_>>().join(" ") },
            Block::Quote { id: "q1".into(), content: vec![run(&text, false, true, None)], cite: Some(other.trim().to_string()).filter(|c| !c.is_empty()) },
            Block::List { id: "l1".into(), ordered: false, start: None, reversed: false, items: vec![vec![run(&text, false, false, Some("/article/x"))]] },
        ];
        article.feedback = vec![Feedback { block: "q1".into(), prompt: Some(text.clone()) }];
        let context = Context { known_slugs: None, ..context() };
        let exported = export_markdown(&article, &context);
        let back = compile(&exported.markdown, &context);
        match back {
            Ok(compiled) if exported.warnings.is_empty() => {
                prop_assert_eq!(compiled.article.title, article.title.clone());
                prop_assert_eq!(&compiled.article.body[0], &article.body[0], "{}", exported.markdown);
                prop_assert_eq!(&compiled.article.body[2], &article.body[2], "{}", exported.markdown);
                prop_assert_eq!(&compiled.article.feedback, &article.feedback);
            }
            // Whatever does not come back exactly must be said.
            Ok(_) => {}
            Err(problems) => prop_assert!(!exported.warnings.is_empty(), "unannounced problems {problems:?}\n{}", exported.markdown),
        }
    }
}

#[test]
fn the_spliced_sample_is_the_real_source() {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content/articles/film-out.md");
    assert_eq!(std::fs::read_to_string(path).unwrap(), FILM_OUT_MD);
    assert!(compile(FILM_OUT_MD, &context()).is_ok());
}
