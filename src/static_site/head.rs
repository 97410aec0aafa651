use serde_json::json;

use super::{escape, SiteUrls};
use crate::config::AppConfig;
use crate::model::{escape_for_script, Article, Site};

/// What goes into a prerendered page's `<head>` besides Trunk's links.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub title: String,
    pub description: String,
    /// Canonical link, Open Graph and Twitter tags, feed link, JSON-LD.
    pub tags: String,
}

/// The head of an article page: link previews and `NewsArticle` data.
pub fn article_head(site: &Site, urls: Option<&SiteUrls>, article: &Article) -> Head {
    let title = site.page_title(&article.title);
    let description = article.summary();
    let mut tags = String::new();
    let Some(urls) = urls else {
        return Head { title, description, tags };
    };
    let url = urls.page(&AppConfig::article_path(&article.slug));
    let image = article.hero.as_ref().map(|hero| (urls.file(&hero.src), hero));
    // A page that stands alone (About, a masthead) is a page of the site,
    // not a news story.
    let story = article.listed();
    common_tags(&mut tags, site, urls, &url, if story { "article" } else { "website" }, &article.title, &description);
    if story {
        meta_property(&mut tags, "article:published_time", &article.published.canonical());
        if let Some(updated) = &article.updated {
            meta_property(&mut tags, "article:modified_time", &updated.canonical());
        }
        if let Some(category) = &article.category {
            meta_property(&mut tags, "article:section", &category.name);
        }
        for tag in &article.tags {
            meta_property(&mut tags, "article:tag", tag);
        }
    }
    match &image {
        Some((src, hero)) => {
            meta_property(&mut tags, "og:image", src);
            meta_property(&mut tags, "og:image:width", &hero.width.to_string());
            meta_property(&mut tags, "og:image:height", &hero.height.to_string());
            meta_property(&mut tags, "og:image:alt", &hero.alt);
            meta_name(&mut tags, "twitter:card", "summary_large_image");
            meta_name(&mut tags, "twitter:image", src);
            meta_name(&mut tags, "twitter:image:alt", &hero.alt);
        }
        None => meta_name(&mut tags, "twitter:card", "summary"),
    }
    tags.push_str(&format!(
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}\" title=\"{}\">\n",
        escape(&urls.file(&super::oembed_path(&article.slug))),
        escape(&article.title)
    ));
    meta_name(&mut tags, "twitter:title", &article.title);
    meta_name(&mut tags, "twitter:description", &description);

    let authors: Vec<_> = article
        .authors
        .iter()
        .map(|a| match a.link().filter(|l| !l.is_site()) {
            Some(link) => json!({"@type": "Person", "name": a.name, "url": link.resolve("/")}),
            None => json!({"@type": "Person", "name": a.name}),
        })
        .collect();
    let mut data = if story {
        json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "description": description,
            "datePublished": article.published.canonical(),
            "dateModified": article.updated.as_ref().unwrap_or(&article.published).canonical(),
            "publisher": {"@type": "Organization", "name": site.name, "url": urls.page("/")},
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "url": url,
        })
    } else {
        json!({
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": article.title,
            "description": description,
            "dateModified": article.updated.as_ref().unwrap_or(&article.published).canonical(),
            "publisher": {"@type": "Organization", "name": site.name, "url": urls.page("/")},
            "url": url,
        })
    };
    // An article that names no author says nothing of one (not an empty list).
    if !authors.is_empty() {
        data["author"] = json!(authors);
    }
    if let Some((src, hero)) = &image {
        data["image"] = json!([{"@type": "ImageObject", "url": src, "width": hero.width, "height": hero.height}]);
    }
    if let Some(category) = article.category.as_ref().filter(|_| story) {
        data["articleSection"] = json!(category.name);
    }
    if story && !article.tags.is_empty() {
        data["keywords"] = json!(article.tags.join(", "));
    }
    if let Some(language) = article.language(site) {
        data["inLanguage"] = json!(language);
        og_locale(&mut tags, language);
    }
    tags.push_str("<script type=\"application/ld+json\">");
    tags.push_str(&escape_for_script(&data.to_string()));
    tags.push_str("</script>\n");
    Head { title, description, tags }
}

/// Asks for the hero image with the page's first bytes: it is the largest
/// paint, and would otherwise wait for the body to be parsed.
pub fn hero_preload(config: &AppConfig, article: &Article) -> String {
    match &article.hero {
        Some(hero) => format!(
            "<link rel=\"preload\" as=\"image\" href=\"{}\" fetchpriority=\"high\">\n",
            escape(&config.asset(&hero.src))
        ),
        None => String::new(),
    }
}

/// The head of the front page or a section page.
pub fn listing_head(site: &Site, urls: Option<&SiteUrls>, path: &str, title: &str, description: &str) -> Head {
    let full = site.page_title(title);
    let mut tags = String::new();
    if let Some(urls) = urls {
        let url = urls.page(path);
        let og_title = if title.is_empty() { site.name.as_str() } else { title };
        common_tags(&mut tags, site, urls, &url, "website", og_title, description);
        meta_name(&mut tags, "twitter:card", "summary");
        meta_name(&mut tags, "twitter:title", og_title);
        meta_name(&mut tags, "twitter:description", description);
        if let Some(language) = site.language() {
            og_locale(&mut tags, language);
        }
    }
    Head { title: full, description: description.to_string(), tags }
}

/// Link previews name a locale as `de_DE`, and only with a region.
fn og_locale(tags: &mut String, language: &str) {
    if let Some((lang, region)) = language.split_once('-').filter(|(_, r)| r.len() == 2) {
        meta_property(tags, "og:locale", &format!("{}_{}", lang.to_ascii_lowercase(), region.to_ascii_uppercase()));
    }
}

fn common_tags(tags: &mut String, site: &Site, urls: &SiteUrls, url: &str, kind: &str, title: &str, description: &str) {
    tags.push_str(&format!("<link rel=\"canonical\" href=\"{}\">\n", escape(url)));
    tags.push_str(&format!(
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"{}\">\n",
        escape(&site.name),
        escape(&urls.file("feed.xml"))
    ));
    meta_property(tags, "og:type", kind);
    meta_property(tags, "og:site_name", &site.name);
    meta_property(tags, "og:title", title);
    meta_property(tags, "og:description", description);
    meta_property(tags, "og:url", url);
}

fn meta_property(tags: &mut String, property: &str, content: &str) {
    tags.push_str(&format!("<meta property=\"{property}\" content=\"{}\">\n", escape(content)));
}

fn meta_name(tags: &mut String, name: &str, content: &str) {
    tags.push_str(&format!("<meta name=\"{name}\" content=\"{}\">\n", escape(content)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_article;

    fn site() -> Site {
        serde_json::from_str(r#"{"name":"linernotes","origin":"https://mag.example"}"#).unwrap()
    }

    fn article() -> Article {
        parse_article(
            r#"{"schema":1,"slug":"a","title":"Quotes \" & </script>","dek":"A <b>dek</b>",
            "published":"2025-01-02T03:04:05Z","authors":[{"name":"Ana"}],
            "hero":{"src":"images/a.svg","alt":"Art","width":1200,"height":675},
            "body":[{"type":"paragraph","id":"p1","content":[{"text":"x"}]}]}"#,
        )
        .unwrap()
        .value
    }

    #[test]
    fn article_heads_carry_previews_and_structured_data() {
        let site = site();
        let urls = SiteUrls::new(&site, &AppConfig::new("/")).unwrap();
        let head = article_head(&site, Some(&urls), &article());
        assert_eq!(head.title, "Quotes \" & </script> · linernotes");
        assert!(head.tags.contains(r#"<link rel="canonical" href="https://mag.example/article/a/">"#));
        assert!(head.tags.contains(r#"<meta property="og:image" content="https://mag.example/images/a.svg">"#));
        assert!(head.tags.contains(r#"<meta property="og:title" content="Quotes &quot; &amp; &lt;/script&gt;">"#));
        assert!(head.tags.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
        // The JSON-LD cannot end its script element early, and is JSON.
        let start = head.tags.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
        let end = head.tags[start..].find("</script>").unwrap() + start;
        let data: serde_json::Value = serde_json::from_str(&head.tags[start..end]).unwrap();
        assert_eq!(data["@type"], "NewsArticle");
        assert_eq!(data["headline"], "Quotes \" & </script>");
        assert_eq!(data["author"][0]["name"], "Ana");
        assert_eq!(data["image"][0]["width"], 1200);
    }

    /// The JSON-LD of a head.
    fn structured_data(head: &Head) -> serde_json::Value {
        let start = head.tags.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
        let end = head.tags[start..].find("</script>").unwrap() + start;
        serde_json::from_str(&head.tags[start..end]).unwrap()
    }

    #[test]
    fn an_article_names_its_language_to_search_engines_and_previews() {
        let (mut site, urls) = (site(), SiteUrls::new(&site(), &AppConfig::new("/")).unwrap());
        let head = article_head(&site, Some(&urls), &article());
        assert!(structured_data(&head).get("inLanguage").is_none());
        assert!(!head.tags.contains("og:locale"), "{}", head.tags);
        site.language = Some("pt-BR".into());
        let head = article_head(&site, Some(&urls), &article());
        assert_eq!(structured_data(&head)["inLanguage"], "pt-BR");
        assert!(head.tags.contains(r#"<meta property="og:locale" content="pt_BR">"#), "{}", head.tags);
        let mut own = article();
        own.language = Some("ja".into());
        let head = article_head(&site, Some(&urls), &own);
        assert_eq!(structured_data(&head)["inLanguage"], "ja");
        assert!(!head.tags.contains("og:locale"), "{}", head.tags);
        // The home page and the sections are in the site's language too.
        let head = listing_head(&site, Some(&urls), "/", "", "Notes.");
        assert!(head.tags.contains(r#"<meta property="og:locale" content="pt_BR">"#), "{}", head.tags);
    }

    #[test]
    fn a_page_that_stands_alone_is_a_web_page_and_no_author_is_no_empty_list() {
        let site = site();
        let urls = SiteUrls::new(&site, &AppConfig::new("/")).unwrap();
        let mut about = article();
        about.unlisted = true;
        about.authors.clear();
        let head = article_head(&site, Some(&urls), &about);
        assert!(head.tags.contains(r#"<meta property="og:type" content="website">"#), "{}", head.tags);
        assert!(!head.tags.contains("article:published_time"), "{}", head.tags);
        let data = structured_data(&head);
        assert_eq!(data["@type"], "WebPage");
        assert_eq!(data["name"], "Quotes \" & </script>");
        assert!(data.get("author").is_none() && data.get("headline").is_none(), "{data}");
        // A story without a byline: still an article, with no empty author list.
        let mut story = article();
        story.authors.clear();
        let data = structured_data(&article_head(&site, Some(&urls), &story));
        assert_eq!(data["@type"], "NewsArticle");
        assert!(data.get("author").is_none(), "{data}");
    }

    #[test]
    fn without_an_origin_only_title_and_description_are_set() {
        let site = Site::default();
        let head = article_head(&site, None, &article());
        assert_eq!(head.description, "A <b>dek</b>");
        assert!(head.tags.is_empty());
    }
}
