use super::{escape, SiteUrls};
use crate::config::AppConfig;
use crate::model::{Article, Site, Timestamp};

/// Entries in the Atom feed: enough for a reader's feed app to catch up.
const FEED_ENTRIES: usize = 20;

/// `sitemap.xml`: every page of the site, with the date it last changed.
pub fn sitemap(urls: &SiteUrls, pages: &[(String, Option<Timestamp>)]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, modified) in pages {
        out.push_str(&format!("  <url><loc>{}</loc>", escape(&urls.page(path))));
        if let Some(modified) = modified {
            out.push_str(&format!("<lastmod>{}</lastmod>", modified.canonical()));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots_txt(urls: &SiteUrls) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", urls.file("sitemap.xml"))
}

/// `feed.xml`: the latest listed articles as an Atom 1.0 feed, newest first.
pub fn atom_feed(site: &Site, urls: &SiteUrls, articles: &[Article]) -> String {
    // An unlisted page has its address and its place in the sitemap, but
    // is no news to a feed reader.
    let mut latest: Vec<&Article> = articles.iter().filter(|a| a.listed()).collect();
    latest.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug)));
    latest.truncate(FEED_ENTRIES);
    let changed = |a: &Article| a.updated.clone().unwrap_or_else(|| a.published.clone());
    let updated = latest.iter().map(|a| changed(a)).max();

    let home = urls.page("/");
    let mut out =
        // Media RSS's thumbnail is the picture feed readers show beside an
        // entry (Atom has none of its own).
        String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" \
             xmlns:media=\"http://search.yahoo.com/mrss/\"",
        );
    // The language its text is in, for feed readers that read aloud,
    // translate or pick a font; an entry in another says so itself.
    let site_language = site.language();
    if let Some(language) = site_language {
        out.push_str(&format!(" xml:lang=\"{}\"", escape(language)));
    }
    out.push_str(">\n");
    out.push_str(&format!("  <title>{}</title>\n", escape(&site.name)));
    if let Some(tagline) = &site.tagline {
        out.push_str(&format!("  <subtitle>{}</subtitle>\n", escape(tagline)));
    }
    out.push_str(&format!("  <id>{}</id>\n", escape(&home)));
    out.push_str(&format!("  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape(&home)));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(&urls.file("feed.xml"))
    ));
    out.push_str(&format!(
        "  <updated>{}</updated>\n",
        updated.as_ref().map_or_else(|| "1970-01-01T00:00:00Z".to_string(), Timestamp::canonical)
    ));
    // Atom wants an author for every entry; the site stands in for
    // articles that name none.
    out.push_str(&format!("  <author><name>{}</name></author>\n", escape(&site.name)));
    for article in latest {
        let url = urls.page(&AppConfig::article_path(&article.slug));
        match article.language.as_deref().filter(|own| Some(*own) != site_language) {
            Some(own) => out.push_str(&format!("  <entry xml:lang=\"{}\">\n", escape(own))),
            None => out.push_str("  <entry>\n"),
        }
        out.push_str(&format!("    <title>{}</title>\n", escape(&article.title)));
        out.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape(&url)));
        out.push_str(&format!("    <id>{}</id>\n", escape(&urls.id(&AppConfig::article_path(&article.slug)))));
        out.push_str(&format!("    <published>{}</published>\n", article.published.canonical()));
        out.push_str(&format!("    <updated>{}</updated>\n", changed(article).canonical()));
        for author in &article.authors {
            out.push_str(&format!("    <author><name>{}</name></author>\n", escape(&author.name)));
        }
        if let Some(category) = &article.category {
            out.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                escape(&category.slug),
                escape(&category.name)
            ));
        }
        let summary = article.summary();
        if !summary.is_empty() {
            out.push_str(&format!("    <summary>{}</summary>\n", escape(&summary)));
        }
        if let Some(hero) = &article.hero {
            out.push_str(&format!(
                "    <media:thumbnail url=\"{}\" width=\"{}\" height=\"{}\"/>\n",
                escape(&urls.file(&hero.src)),
                hero.width,
                hero.height
            ));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_article;

    fn article(slug: &str, published: &str) -> Article {
        parse_article(&format!(
            r#"{{"schema":1,"slug":"{slug}","title":"T & {slug}","published":"{published}",
            "body":[{{"type":"paragraph","id":"p","content":[{{"text":"<x>"}}]}}]}}"#
        ))
        .unwrap()
        .value
    }

    fn urls() -> (Site, SiteUrls) {
        let site: Site = serde_json::from_str(r#"{"name":"l & n","origin":"https://mag.example"}"#).unwrap();
        let urls = SiteUrls::new(&site, &AppConfig::new("/m/")).unwrap();
        (site, urls)
    }

    #[test]
    fn the_feed_names_the_sites_language_and_an_entry_its_own() {
        let (mut site, urls) = urls();
        let mut korean = article("ko", "2024-01-01T00:00:00Z");
        korean.language = Some("ko".into());
        let mut german = article("de", "2023-01-01T00:00:00Z");
        german.language = Some("de".into());
        let feed = atom_feed(&site, &urls, &[korean.clone(), german.clone()]);
        assert!(feed.contains("xmlns:media=\"http://search.yahoo.com/mrss/\">\n"), "{feed}");
        assert_eq!(feed.matches("<entry xml:lang=").count(), 2, "{feed}");
        site.language = Some("de".into());
        let feed = atom_feed(&site, &urls, &[korean, german]);
        assert!(feed.contains("xmlns:media=\"http://search.yahoo.com/mrss/\" xml:lang=\"de\">\n"), "{feed}");
        assert_eq!(feed.matches("<entry xml:lang=\"ko\">").count(), 1, "{feed}");
        assert_eq!(feed.matches("<entry>").count(), 1, "{feed}");
    }

    #[test]
    fn the_feed_lists_newest_first_and_escapes_text() {
        let (site, urls) = urls();
        let feed =
            atom_feed(&site, &urls, &[article("old", "2020-01-01T00:00:00Z"), article("new", "2024-01-01T00:00:00Z")]);
        let new = feed.find("https://mag.example/m/article/new").unwrap();
        let old = feed.find("https://mag.example/m/article/old").unwrap();
        assert!(new < old);
        assert!(feed.contains("<title>l &amp; n</title>"));
        assert!(feed.contains("<summary>&lt;x&gt;</summary>"));
        assert!(feed.contains("<updated>2024-01-01T00:00:00Z</updated>"));
        // Linked at the page's folder, which hosts serve without a redirect;
        // known by the id it has always had.
        assert!(feed.contains(r#"<link rel="alternate" type="text/html" href="https://mag.example/m/article/new/"/>"#));
        assert!(feed.contains("<id>https://mag.example/m/article/new</id>"), "{feed}");
    }

    #[test]
    fn an_entry_with_a_hero_carries_its_picture_for_feed_readers() {
        let (site, urls) = urls();
        let mut pictured = article("pictured", "2024-01-01T00:00:00Z");
        pictured.hero = crate::model::parse_article(
            r#"{"schema":1,"slug":"x","title":"x","published":"2024-01-01T00:00:00Z",
            "hero":{"src":"images/a.jpg","alt":"A","width":1200,"height":675},
            "body":[{"type":"paragraph","id":"p","content":[{"text":"x"}]}]}"#,
        )
        .unwrap()
        .value
        .hero;
        let feed = atom_feed(&site, &urls, &[pictured, article("plain", "2020-01-01T00:00:00Z")]);
        assert!(feed.contains(r#"xmlns:media="http://search.yahoo.com/mrss/""#), "{feed}");
        assert!(
            feed.contains(r#"<media:thumbnail url="https://mag.example/m/images/a.jpg" width="1200" height="675"/>"#),
            "{feed}"
        );
        assert_eq!(feed.matches("<media:thumbnail").count(), 1, "none for an article without a picture");
    }

    #[test]
    fn an_unlisted_page_is_no_news_to_the_feed() {
        let (site, urls) = urls();
        let mut about = article("about", "2025-01-01T00:00:00Z");
        about.unlisted = true;
        let feed = atom_feed(&site, &urls, &[article("news", "2024-01-01T00:00:00Z"), about]);
        assert!(feed.contains("article/news") && !feed.contains("article/about"), "{feed}");
        assert!(feed.contains("<updated>2024-01-01T00:00:00Z</updated>"), "{feed}");
    }

    #[test]
    fn the_sitemap_and_robots_use_absolute_urls() {
        let (_, urls) = urls();
        let map =
            sitemap(&urls, &[("/".into(), None), ("/article/a".into(), Timestamp::parse("2024-01-01T00:00:00Z").ok())]);
        assert!(map.contains("<loc>https://mag.example/m/</loc>"));
        assert!(map.contains("<loc>https://mag.example/m/article/a/</loc><lastmod>2024-01-01T00:00:00Z</lastmod>"));
        assert_eq!(robots_txt(&urls), "User-agent: *\nAllow: /\n\nSitemap: https://mag.example/m/sitemap.xml\n");
    }
}
