//! Tolerant parsing for the reader: a broken block or optional field costs
//! that part only; a broken required field is an error naming the field.

use std::fmt;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{Article, Block, Card, CommentSettings, Index, LoadError, Site, SCHEMA_VERSION};

/// A parsed value and what had to be left out of it on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    pub value: T,
    pub skipped: Vec<SkippedBlock>,
}

/// Something the parser dropped instead of failing: logged once each as a
/// console warning, caught as a problem by the strict validator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkippedBlock {
    UnknownType { index: usize, kind: String },
    Malformed { index: usize, kind: String, reason: String },
    Field { field: String, reason: String },
}

impl fmt::Display for SkippedBlock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkippedBlock::UnknownType { index, kind } => {
                write!(f, "body[{index}]: unknown block type `{kind}` skipped")
            }
            SkippedBlock::Malformed { index, kind, reason } => {
                write!(f, "body[{index}]: `{kind}` block skipped: {reason}")
            }
            SkippedBlock::Field { field, reason } => write!(f, "`{field}` left out: {reason}"),
        }
    }
}

fn parse_object(text: &str) -> Result<Map<String, Value>, LoadError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    // Hosts and proxies answer a missing file with their HTML error page.
    if trimmed.starts_with('<') {
        return Err(LoadError::NotJson);
    }
    match serde_json::from_str::<Value>(trimmed) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => {
            Err(LoadError::InvalidField { field: "(document)".into(), reason: "expected an object of fields".into() })
        }
        Err(err) => Err(LoadError::from_json(&err)),
    }
}

fn required<T: DeserializeOwned>(obj: &Map<String, Value>, field: &str) -> Result<T, LoadError> {
    match obj.get(field) {
        None | Some(Value::Null) => Err(LoadError::MissingField(field.into())),
        Some(v) => {
            T::deserialize(v).map_err(|e| LoadError::InvalidField { field: field.into(), reason: e.to_string() })
        }
    }
}

fn optional<T: DeserializeOwned + Default>(
    obj: &Map<String, Value>,
    field: &str,
    skipped: &mut Vec<SkippedBlock>,
) -> T {
    match obj.get(field) {
        None | Some(Value::Null) => T::default(),
        Some(v) => T::deserialize(v).unwrap_or_else(|e| {
            skipped.push(SkippedBlock::Field { field: field.into(), reason: e.to_string() });
            T::default()
        }),
    }
}

fn non_empty(field: &str, value: String) -> Result<String, LoadError> {
    if value.trim().is_empty() {
        Err(LoadError::InvalidField { field: field.into(), reason: "it is empty".into() })
    } else {
        Ok(value)
    }
}

/// Reads one article. Unknown block types and malformed blocks are skipped
/// and reported in [`Parsed::skipped`]; unknown fields are ignored.
pub fn parse_article(text: &str) -> Result<Parsed<Article>, LoadError> {
    let obj = parse_object(text)?;
    let mut skipped = Vec::new();

    let schema: u64 = required(&obj, "schema")?;
    if schema != SCHEMA_VERSION {
        return Err(LoadError::UnsupportedSchema(schema));
    }
    let slug = non_empty("slug", required(&obj, "slug")?)?;
    let title = non_empty("title", required(&obj, "title")?)?;
    let published = required(&obj, "published")?;
    let raw_body: Vec<Value> = required(&obj, "body")?;

    let mut body = Vec::with_capacity(raw_body.len());
    for (index, raw) in raw_body.into_iter().enumerate() {
        let kind = raw.get("type").and_then(Value::as_str).unwrap_or("").to_string();
        if !Block::KNOWN_TYPES.contains(&kind.as_str()) {
            skipped.push(SkippedBlock::UnknownType { index, kind });
            continue;
        }
        match serde_json::from_value::<Block>(raw) {
            Ok(block) => match check_block(&block) {
                Ok(()) => body.push(block),
                Err(reason) => skipped.push(SkippedBlock::Malformed { index, kind, reason }),
            },
            Err(e) => skipped.push(SkippedBlock::Malformed { index, kind, reason: e.to_string() }),
        }
    }

    let mut hero: Option<super::Image> = optional(&obj, "hero", &mut skipped);
    if hero.as_ref().is_some_and(|h| h.width == 0 || h.height == 0) {
        skipped.push(SkippedBlock::Field { field: "hero".into(), reason: "no size".into() });
        hero = None;
    }

    let comments: Option<CommentSettings> = optional(&obj, "comments", &mut skipped);
    let article = Article {
        schema,
        slug,
        title,
        dek: optional(&obj, "dek", &mut skipped),
        category: optional(&obj, "category", &mut skipped),
        tags: optional(&obj, "tags", &mut skipped),
        authors: optional(&obj, "authors", &mut skipped),
        published,
        updated: optional(&obj, "updated", &mut skipped),
        hero,
        body,
        feedback: optional(&obj, "feedback", &mut skipped),
        related: optional(&obj, "related", &mut skipped),
        comments: comments.unwrap_or_default(),
    };
    Ok(Parsed { value: article, skipped })
}

/// The few rules serde cannot express, which would otherwise reach the page
/// as a broken element.
fn check_block(block: &Block) -> Result<(), String> {
    match block {
        Block::Heading { level, .. } if !(2..=6).contains(level) => {
            Err(format!("heading level {level} is not between 2 and 6"))
        }
        Block::Image { image, .. } if image.width == 0 || image.height == 0 => {
            Err("an image needs its width and height".into())
        }
        _ => Ok(()),
    }
}

/// Reads `index.json`; a card that cannot be read is skipped.
pub fn parse_index(text: &str) -> Result<Parsed<Index>, LoadError> {
    let obj = parse_object(text)?;
    let mut skipped = Vec::new();
    let raw_cards: Vec<Value> = required(&obj, "articles")?;
    let mut articles = Vec::with_capacity(raw_cards.len());
    for (index, raw) in raw_cards.into_iter().enumerate() {
        match serde_json::from_value::<Card>(raw) {
            Ok(card) => articles.push(card),
            Err(e) => skipped.push(SkippedBlock::Field { field: format!("articles[{index}]"), reason: e.to_string() }),
        }
    }
    let featured = optional(&obj, "featured", &mut skipped);
    Ok(Parsed { value: Index { articles, featured }, skipped })
}

/// Reads `site.json`.
pub fn parse_site(text: &str) -> Result<Site, LoadError> {
    let obj = parse_object(text)?;
    let _: String = required(&obj, "name")?;
    serde_json::from_value(Value::Object(obj))
        .map_err(|e| LoadError::InvalidField { field: "site.json".into(), reason: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"schema":1,"slug":"s","title":"T","published":"2021-04-02T09:00:00Z","body":[]}"#;

    fn with_body(body: &str) -> String {
        MINIMAL.replace(r#""body":[]"#, &format!(r#""body":{body}"#))
    }

    #[test]
    fn minimal_article_parses() {
        let parsed = parse_article(MINIMAL).unwrap();
        assert_eq!(parsed.value.title, "T");
        assert!(parsed.value.hero.is_none());
        assert!(parsed.value.comments.open);
        assert!(parsed.skipped.is_empty());
    }

    #[test]
    fn unknown_blocks_are_skipped_and_reported_once_each() {
        let text = with_body(
            r#"[{"type":"paragraph","id":"p1","content":[{"text":"a"}]},
                {"type":"carousel3d","id":"x"},
                {"id":"no-type"},
                {"type":"heading","id":"h1","text":"b"}]"#,
        );
        let parsed = parse_article(&text).unwrap();
        assert_eq!(parsed.value.body.len(), 2);
        assert_eq!(
            parsed.skipped,
            vec![
                SkippedBlock::UnknownType { index: 1, kind: "carousel3d".into() },
                SkippedBlock::UnknownType { index: 2, kind: "".into() },
            ]
        );
    }

    #[test]
    fn malformed_known_blocks_are_skipped_not_fatal() {
        let text = with_body(
            r#"[{"type":"image","id":"i1","src":"a.svg","alt":"a"},
                {"type":"heading","id":"h1","level":1,"text":"too big"},
                {"type":"paragraph","id":"p1","content":[{"text":"kept"}]}]"#,
        );
        let parsed = parse_article(&text).unwrap();
        assert_eq!(parsed.value.body.len(), 1);
        assert_eq!(parsed.skipped.len(), 2);
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let text = MINIMAL.replace(r#""schema":1"#, r#""schema":1,"sponsor":{"x":1}"#);
        assert!(parse_article(&text).is_ok());
    }

    #[test]
    fn missing_required_fields_are_named() {
        for field in ["schema", "slug", "title", "published", "body"] {
            let mut value: Value = serde_json::from_str(MINIMAL).unwrap();
            value.as_object_mut().unwrap().remove(field);
            let err = parse_article(&value.to_string()).unwrap_err();
            assert_eq!(err, LoadError::MissingField(field.into()), "{field}");
        }
    }

    #[test]
    fn bad_required_fields_are_named() {
        let err = parse_article(&MINIMAL.replace("2021-04-02T09:00:00Z", "soon")).unwrap_err();
        assert!(matches!(err, LoadError::InvalidField { ref field, .. } if field == "published"), "{err:?}");
        let err = parse_article(&MINIMAL.replace(r#""title":"T""#, r#""title":"  ""#)).unwrap_err();
        assert!(matches!(err, LoadError::InvalidField { ref field, .. } if field == "title"));
        let err = parse_article(&MINIMAL.replace(r#""schema":1"#, r#""schema":2"#)).unwrap_err();
        assert_eq!(err, LoadError::UnsupportedSchema(2));
    }

    #[test]
    fn broken_documents_say_what_is_wrong() {
        let truncated = &MINIMAL[..MINIMAL.len() / 2];
        assert!(matches!(parse_article(truncated), Err(LoadError::Truncated { .. })));
        assert!(matches!(parse_article(r#"{"schema":1,,}"#), Err(LoadError::Malformed { line: 1, .. })));
        assert_eq!(parse_article("<!DOCTYPE html><title>404</title>"), Err(LoadError::NotJson));
        assert_eq!(parse_article("").unwrap_err(), LoadError::Truncated { line: 1, column: 0 });
        assert!(parse_article("[1,2]").is_err());
    }

    #[test]
    fn bad_optional_fields_are_left_out() {
        let text =
            MINIMAL.replace(r#""schema":1"#, r#""schema":1,"hero":{"src":"a.svg","alt":"a"},"tags":"not-a-list""#);
        let parsed = parse_article(&text).unwrap();
        assert!(parsed.value.hero.is_none());
        assert!(parsed.value.tags.is_empty());
        assert_eq!(parsed.skipped.len(), 2);
    }

    #[test]
    fn index_skips_unreadable_cards() {
        let text = r#"{"articles":[
            {"slug":"a","title":"A","published":"2021-04-02T09:00:00Z"},
            {"slug":"b"}], "featured":["a"]}"#;
        let parsed = parse_index(text).unwrap();
        assert_eq!(parsed.value.articles.len(), 1);
        assert_eq!(parsed.skipped.len(), 1);
    }
}
