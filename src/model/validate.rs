//! Strict checks for publishers and tests: everything the tolerant parser
//! would quietly leave out is a problem here, with the field that has it.

use std::collections::HashSet;
use std::fmt;

use super::{parse_article, parse_index, Article, Block, Index, Inline, SafeHref, VideoId};

/// One thing wrong with a content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

fn problem(field: impl Into<String>, reason: impl Into<String>) -> Problem {
    Problem { field: field.into(), reason: reason.into() }
}

/// A slug is what goes into URLs and file names: lowercase letters, digits
/// and single hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 120
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// Checks an article file's text: everything the reader would skip or drop
/// is reported.
pub fn validate_article(text: &str) -> Vec<Problem> {
    let parsed = match parse_article(text) {
        Ok(parsed) => parsed,
        Err(err) => return vec![problem("(file)", err.to_string())],
    };
    let mut problems: Vec<Problem> = parsed.skipped.iter().map(|s| problem("body", s.to_string())).collect();
    check_article(&parsed.value, &mut problems);
    problems
}

fn check_inlines(field: &str, content: &[Inline], problems: &mut Vec<Problem>) {
    if content.iter().all(|i| i.text.trim().is_empty()) {
        problems.push(problem(field, "has no text"));
    }
    for (i, inline) in content.iter().enumerate() {
        if let Some(href) = &inline.href {
            if SafeHref::parse(href).is_none() {
                problems.push(problem(
                    format!("{field}[{i}].href"),
                    format!("`{href}` is not an http, https, mailto or site-relative link"),
                ));
            }
        }
    }
}

fn check_article(article: &Article, problems: &mut Vec<Problem>) {
    if !is_valid_slug(&article.slug) {
        problems.push(problem("slug", "use lowercase letters, digits and single hyphens"));
    }
    if let Some(hero) = &article.hero {
        if hero.alt.trim().is_empty() {
            problems.push(problem("hero.alt", "every image needs alt text"));
        }
    }
    for (i, author) in article.authors.iter().enumerate() {
        if author.url.is_some() && author.link().is_none() {
            problems.push(problem(format!("authors[{i}].url"), "not an allowed link"));
        }
    }
    let mut ids = HashSet::new();
    for (i, block) in article.body.iter().enumerate() {
        let at = format!("body[{i}]");
        if block.id().trim().is_empty() {
            problems.push(problem(format!("{at}.id"), "every block needs an id"));
        } else if !ids.insert(block.id()) {
            problems.push(problem(format!("{at}.id"), format!("`{}` is used twice", block.id())));
        }
        match block {
            Block::Paragraph { content, .. } | Block::Quote { content, .. } => {
                check_inlines(&format!("{at}.content"), content, problems)
            }
            Block::Heading { text, .. } if text.trim().is_empty() => {
                problems.push(problem(format!("{at}.text"), "is empty"))
            }
            Block::Lyrics { lines, .. } if lines.is_empty() => {
                problems.push(problem(format!("{at}.lines"), "has no lines"))
            }
            Block::Video { provider, video_id, .. } if VideoId::parse(provider, video_id).is_none() => problems
                .push(problem(format!("{at}.video_id"), format!("`{video_id}` is not a valid {provider} video id"))),
            Block::Image { image, .. } if image.alt.trim().is_empty() => {
                problems.push(problem(format!("{at}.alt"), "every image needs alt text"))
            }
            Block::List { items, .. } => {
                if items.is_empty() {
                    problems.push(problem(format!("{at}.items"), "has no items"));
                }
                for (j, item) in items.iter().enumerate() {
                    check_inlines(&format!("{at}.items[{j}]"), item, problems);
                }
            }
            _ => {}
        }
    }
    for (i, feedback) in article.feedback.iter().enumerate() {
        if !ids.contains(feedback.block.as_str()) {
            problems.push(problem(format!("feedback[{i}].block"), format!("no block has the id `{}`", feedback.block)));
        }
    }
    for (i, slug) in article.related.iter().enumerate() {
        if slug == &article.slug {
            problems.push(problem(format!("related[{i}]"), "an article cannot relate to itself"));
        }
    }
}

/// Checks `index.json` against the articles it lists (by slug).
pub fn validate_index(text: &str, article_slugs: &[&str]) -> Vec<Problem> {
    let parsed = match parse_index(text) {
        Ok(parsed) => parsed,
        Err(err) => return vec![problem("(file)", err.to_string())],
    };
    let mut problems: Vec<Problem> = parsed.skipped.iter().map(|s| problem("articles", s.to_string())).collect();
    check_index(&parsed.value, article_slugs, &mut problems);
    problems
}

fn check_index(index: &Index, article_slugs: &[&str], problems: &mut Vec<Problem>) {
    let listed: HashSet<&str> = index.articles.iter().map(|c| c.slug.as_str()).collect();
    for slug in article_slugs {
        if !listed.contains(slug) {
            problems.push(problem("articles", format!("the article `{slug}` has no card")));
        }
    }
    for (i, card) in index.articles.iter().enumerate() {
        if !article_slugs.contains(&card.slug.as_str()) {
            problems.push(problem(format!("articles[{i}].slug"), format!("no article file for `{}`", card.slug)));
        }
        if let Some(thumb) = &card.thumbnail {
            if thumb.alt.trim().is_empty() || thumb.width == 0 || thumb.height == 0 {
                problems.push(problem(format!("articles[{i}].thumbnail"), "needs alt text, width and height"));
            }
        }
    }
    for (i, slug) in index.featured.iter().enumerate() {
        if !listed.contains(slug.as_str()) {
            problems.push(problem(format!("featured[{i}]"), format!("no card for `{slug}`")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_url_rule() {
        for good in ["film-out", "a", "bts-the-best-2021"] {
            assert!(is_valid_slug(good), "{good}");
        }
        for bad in ["", "Film-Out", "film out", "film--out", "-x", "x-", "../etc", "film_out"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn strict_validation_reports_what_the_reader_skips() {
        let text = r#"{"schema":1,"slug":"s","title":"T","published":"2021-04-02T09:00:00Z",
            "body":[
              {"type":"hologram","id":"x"},
              {"type":"paragraph","id":"p1","content":[{"text":"a","href":"javascript:alert(1)"}]},
              {"type":"video","id":"v1","provider":"youtube","video_id":"nope","title":"t"},
              {"type":"paragraph","id":"p1","content":[{"text":"dup"}]}],
            "feedback":[{"block":"missing"}]}"#;
        let fields: Vec<String> = validate_article(text).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["body", "body[0].content[0].href", "body[1].video_id", "body[2].id", "feedback[0].block"]);
    }
}
