use serde::{Deserialize, Serialize};

use super::{Category, Timestamp};

/// `content/index.json`: every article's card, and the featured slugs in the
/// order the publisher wants them shown.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Index {
    #[serde(default)]
    pub articles: Vec<Card>,
    #[serde(default)]
    pub featured: Vec<String>,
}

/// What a list of articles shows of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub slug: String,
    pub title: String,
    #[serde(default)]
    pub dek: Option<String>,
    #[serde(default)]
    pub category: Option<Category>,
    pub published: Timestamp,
    #[serde(default)]
    pub thumbnail: Option<Thumbnail>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// The article's own language, when it is not the site's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thumbnail {
    pub src: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
}

impl Index {
    /// Every card, newest first.
    pub fn newest_first(&self) -> Vec<&Card> {
        let mut cards: Vec<&Card> = self.articles.iter().collect();
        cards.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug)));
        cards
    }

    pub fn card(&self, slug: &str) -> Option<&Card> {
        self.articles.iter().find(|c| c.slug == slug)
    }

    /// The featured cards in the publisher's order, skipping slugs that name
    /// no article.
    pub fn featured_cards(&self) -> Vec<&Card> {
        let mut seen = Vec::new();
        self.featured
            .iter()
            .filter(|slug| {
                let fresh = !seen.contains(slug);
                seen.push(*slug);
                fresh
            })
            .filter_map(|slug| self.card(slug))
            .collect()
    }

    /// The sections the articles are in, each once, by slug.
    pub fn section_slugs(&self) -> Vec<&str> {
        let mut slugs: Vec<&str> =
            self.articles.iter().filter_map(|c| c.category.as_ref()).map(|c| c.slug.as_str()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        slugs
    }

    /// The cards of one section, newest first.
    pub fn in_category(&self, category: &str) -> Vec<&Card> {
        self.newest_first()
            .into_iter()
            .filter(|c| c.category.as_ref().is_some_and(|cat| cat.slug == category))
            .collect()
    }

    /// The cards for an article's "Featured" carousel: its related stories
    /// first, then the site's featured ones; never the article itself, never
    /// a card twice, never a slug the index does not know.
    pub fn carousel_for(&self, current: &str, related: &[String]) -> Vec<&Card> {
        let mut picked: Vec<&Card> = Vec::new();
        for slug in related.iter().chain(self.featured.iter()) {
            if slug == current || picked.iter().any(|c| &c.slug == slug) {
                continue;
            }
            if let Some(card) = self.card(slug) {
                picked.push(card);
            }
        }
        picked
    }

    /// The part of the index that names only these cards, with the featured
    /// order kept: what a prerendered page carries, so a page with five
    /// cards does not ship five thousand.
    pub fn only(&self, cards: &[&Card]) -> Index {
        let keep = |slug: &String| cards.iter().any(|c| &c.slug == slug);
        Index {
            articles: self.articles.iter().filter(|c| keep(&c.slug)).cloned().collect(),
            featured: self.featured.iter().filter(|s| keep(s)).cloned().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(slug: &str, published: &str, category: &str) -> Card {
        Card {
            slug: slug.into(),
            title: slug.to_uppercase(),
            dek: None,
            category: Some(Category { slug: category.into(), name: category.into() }),
            published: Timestamp::parse(published).unwrap(),
            thumbnail: None,
            tags: vec![],
            language: None,
        }
    }

    fn index() -> Index {
        Index {
            articles: vec![
                card("a", "2021-01-01T00:00:00Z", "news"),
                card("b", "2022-01-01T00:00:00Z", "reviews"),
                card("c", "2020-01-01T00:00:00Z", "news"),
                card("d", "2023-01-01T00:00:00Z", "discovery"),
            ],
            featured: vec!["d".into(), "a".into(), "ghost".into(), "d".into(), "b".into()],
        }
    }

    fn slugs(cards: Vec<&Card>) -> Vec<&str> {
        cards.into_iter().map(|c| c.slug.as_str()).collect()
    }

    #[test]
    fn lists_newest_first_and_by_category() {
        let index = index();
        assert_eq!(slugs(index.newest_first()), ["d", "b", "a", "c"]);
        assert_eq!(slugs(index.in_category("news")), ["a", "c"]);
        assert!(index.in_category("nothing").is_empty());
        assert_eq!(index.section_slugs(), ["discovery", "news", "reviews"]);
    }

    #[test]
    fn featured_keeps_order_and_skips_unknown_and_repeated() {
        assert_eq!(slugs(index().featured_cards()), ["d", "a", "b"]);
    }

    #[test]
    fn carousel_puts_related_first_and_never_the_current_article() {
        let index = index();
        let related = vec!["c".to_string(), "a".to_string(), "nope".to_string()];
        assert_eq!(slugs(index.carousel_for("a", &related)), ["c", "d", "b"]);
        assert_eq!(slugs(index.carousel_for("d", &[])), ["a", "b"]);
        assert_eq!(slugs(index.carousel_for("x", &["x".into()])), ["d", "a", "b"]);
    }

    #[test]
    fn a_part_of_the_index_gives_the_same_carousel_and_lists() {
        let full = index();
        let related = vec!["c".to_string()];
        let carousel = full.carousel_for("a", &related);
        let part = full.only(&carousel);
        assert_eq!(part.carousel_for("a", &related), carousel);
        let news = full.in_category("news");
        assert_eq!(full.only(&news).in_category("news"), news);
        assert!(part.articles.len() < full.articles.len() || carousel.len() == full.articles.len());
    }
}
