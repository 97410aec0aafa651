//! Strict checks for publishers and tests: everything the tolerant parser
//! would quietly leave out is a problem here, with the field that has it.

use std::collections::HashSet;
use std::fmt;

use super::{
    parse_article, parse_index, service_image_host, Article, AudioError, AudioField, AudioSource, Block, Image, Index,
    Inline, SafeHref, SkippedBlock, VideoId, VideoProvider,
};

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
    let mut problems: Vec<Problem> = parsed
        .skipped
        .iter()
        .map(|s| match s {
            SkippedBlock::Field { field, reason } => problem(field.clone(), reason.clone()),
            other => problem("body", other.to_string()),
        })
        .collect();
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
    // Block ids and feedback on missing blocks: the parser reports them
    // (and what the reader shows instead), among what it left out.
    for (i, block) in article.body.iter().enumerate() {
        let at = format!("body[{i}]");
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
            Block::Video { provider, .. } if VideoProvider::parse(provider).is_none() => problems.push(problem(
                format!("{at}.provider"),
                format!("`{provider}` is not a video service this reader can play (youtube or vimeo)"),
            )),
            Block::Video { provider, video_id, .. } if VideoId::parse(provider, video_id).is_none() => problems
                .push(problem(format!("{at}.video_id"), format!("`{video_id}` is not a valid {provider} video id"))),
            Block::Video { poster: Some(poster), .. } => check_service_image(&format!("{at}.poster"), poster, problems),
            Block::Audio { provider, kind, audio_id, storefront, url, title, artist, artwork, .. } => {
                if let Some(Err(err)) = block.audio_fields().map(AudioSource::parse) {
                    let value = match err {
                        AudioError::Missing(..) => None,
                        AudioError::UnknownProvider => Some(provider.as_str()),
                        AudioError::Kind(_) => Some(kind.as_str()),
                        AudioError::Invalid(_, field) => match field {
                            AudioField::AudioId => audio_id.as_deref(),
                            AudioField::Storefront => storefront.as_deref(),
                            AudioField::Url => url.as_deref(),
                        },
                        AudioError::KindMismatch(_) => url.as_deref(),
                    };
                    let reason = match value {
                        Some(value) => format!("`{value}` {err}"),
                        None => err.to_string(),
                    };
                    problems.push(problem(format!("{at}.{}", err.field()), reason));
                }
                for (field, value) in [("title", title), ("artist", artist)] {
                    if value.trim().is_empty() {
                        problems.push(problem(format!("{at}.{field}"), "is empty"));
                    }
                }
                if let Some(artwork) = artwork {
                    check_artwork(&format!("{at}.artwork"), artwork, problems);
                }
            }
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
    for (i, slug) in article.related.iter().enumerate() {
        if slug == &article.slug {
            problems.push(problem(format!("related[{i}]"), "an article cannot relate to itself"));
        }
    }
}

fn check_artwork(field: &str, artwork: &Image, problems: &mut Vec<Problem>) {
    if artwork.alt.trim().is_empty() {
        problems.push(problem(format!("{field}.alt"), "every image needs alt text"));
    }
    check_service_image(&format!("{field}.src"), &artwork.src, problems);
}

fn check_service_image(field: &str, src: &str, problems: &mut Vec<Problem>) {
    if let Some(host) = service_image_host(src) {
        problems.push(problem(
            field,
            format!(
                "`{host}` is the service's image server: publish your own file with the site (readers never load it)"
            ),
        ));
    }
}

/// Checks `index.json` against the articles it lists (by slug): every
/// article of `article_slugs` has a card, and no page of `unlisted` has one.
pub fn validate_index(text: &str, article_slugs: &[&str], unlisted: &[&str]) -> Vec<Problem> {
    let parsed = match parse_index(text) {
        Ok(parsed) => parsed,
        Err(err) => return vec![problem("(file)", err.to_string())],
    };
    let mut problems: Vec<Problem> = parsed.skipped.iter().map(|s| problem("articles", s.to_string())).collect();
    check_index(&parsed.value, article_slugs, unlisted, &mut problems);
    problems
}

fn check_index(index: &Index, article_slugs: &[&str], unlisted: &[&str], problems: &mut Vec<Problem>) {
    let listed: HashSet<&str> = index.articles.iter().map(|c| c.slug.as_str()).collect();
    for slug in article_slugs {
        if !listed.contains(slug) {
            problems.push(problem("articles", format!("the article `{slug}` has no card")));
        }
    }
    for (i, card) in index.articles.iter().enumerate() {
        if unlisted.contains(&card.slug.as_str()) {
            problems.push(problem(
                format!("articles[{i}].slug"),
                format!("`{}` is unlisted: it has no card (run `publish index`)", card.slug),
            ));
        } else if !article_slugs.contains(&card.slug.as_str()) {
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
        assert_eq!(fields, ["body", "body[3].id", "feedback", "body[0].content[0].href", "body[1].video_id"]);
    }

    #[test]
    fn an_empty_tag_is_a_problem() {
        let text = r#"{"schema":1,"slug":"s","title":"T","published":"2021-04-02T09:00:00Z","tags":["Folk"," "],"body":[
              {"type":"paragraph","id":"p1","content":[{"text":"a"}]}]}"#;
        let fields: Vec<String> = validate_article(text).into_iter().map(|p| p.field).collect();
        assert_eq!(fields, ["tags[1]"]);
    }

    #[test]
    fn audio_problems_name_their_field() {
        let text = r#"{"schema":1,"slug":"s","title":"T","published":"2021-04-02T09:00:00Z",
            "body":[
              {"type":"audio","id":"a1","provider":"spotify","kind":"album","audio_id":"4iV5W9uYEdYUVa79Axb7Rh",
               "title":"Fine","artist":"Band",
               "artwork":{"src":"images/a.svg","alt":"A cover","width":600,"height":600}},
              {"type":"audio","id":"a2","provider":"spotify","kind":"album","audio_id":"nope","title":"T","artist":"A"},
              {"type":"audio","id":"a3","provider":"apple_music","kind":"album","audio_id":"1562580573","title":"T","artist":"A"},
              {"type":"audio","id":"a4","provider":"napster","kind":"album","title":"T","artist":"A"},
              {"type":"audio","id":"a5","provider":"soundcloud","kind":"track","url":"https://soundcloud.com/a/b","title":" ","artist":"A",
               "artwork":{"src":"https://i1.sndcdn.com/artworks-x.jpg","alt":"","width":500,"height":500}},
              {"type":"audio","id":"a7","provider":"bandcamp","kind":"album","audio_id":"1","url":"https://a.bandcamp.com/album/b","title":"T","artist":"A",
               "artwork":{"src":"images/a.svg","alt":"A cover","width":0,"height":500}},
              {"type":"audio","id":"a6","provider":"bandcamp","kind":"playlist","audio_id":"1","url":"https://a.bandcamp.com/album/b","title":"T","artist":"A"},
              {"type":"video","id":"v1","provider":"dailymotion","video_id":"x7tgad0","title":"t"},
              {"type":"video","id":"v2","provider":"vimeo","video_id":"76979871","title":"t"}]}"#;
        let mut problems = validate_article(text);
        // What the parser leaves out comes first: the artwork without a size.
        assert_eq!(problems.remove(0).to_string(), "body[5].artwork: an image needs its width and height");
        assert_eq!(problems[0].to_string(), "body[1].audio_id: `nope` is not a Spotify id (22 letters and digits)");
        assert_eq!(
            problems[1].to_string(),
            "body[2].storefront: Apple Music needs `storefront`: the country code in its link, such as `us`"
        );
        let fields: Vec<String> = problems.into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "body[1].audio_id",
                "body[2].storefront",
                "body[3].provider",
                "body[4].title",
                "body[4].artwork.alt",
                "body[4].artwork.src",
                "body[6].kind",
                "body[7].provider"
            ]
        );
    }
}
