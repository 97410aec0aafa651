//! The import command end to end on small WordPress exports: what it
//! writes into a content folder that already holds the publisher's own
//! articles, and what the report says about posts it leaves out.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

const SITE: &str = "https://mag.example";

/// A WordPress export (WXR) holding `items`.
fn export(items: &[String]) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Mag</title><link>{SITE}</link><wp:base_blog_url>{SITE}</wp:base_blog_url>
{}
</channel></rss>"#,
        items.join("\n")
    )
}

/// One post of the export; `extra` is more of the item's XML (comments,
/// dates).
struct Item<'a> {
    id: u64,
    slug: &'a str,
    status: &'a str,
    content: &'a str,
    date_gmt: &'a str,
    extra: &'a str,
}

impl Default for Item<'_> {
    fn default() -> Self {
        Item {
            id: 0,
            slug: "",
            status: "publish",
            content: "<p>Words.</p>",
            date_gmt: "2024-05-01 10:00:00",
            extra: "",
        }
    }
}

fn item(i: Item) -> String {
    let Item { id, slug, status, content, date_gmt, extra } = i;
    format!(
        r#"<item><title>Post {id}</title><link>{SITE}/{slug}/</link><dc:creator>editor</dc:creator>
<content:encoded><![CDATA[{content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{id}</wp:post_id><wp:post_date_gmt>{date_gmt}</wp:post_date_gmt><wp:post_modified_gmt>{date_gmt}</wp:post_modified_gmt>
<wp:comment_status>open</wp:comment_status><wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status>
<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>{extra}</item>"#
    )
}

/// One page of the export (WordPress's Pages, which `--pages` imports).
fn page(i: Item) -> String {
    item(i).replace("<wp:post_type>post</wp:post_type>", "<wp:post_type>page</wp:post_type>")
}

/// An approved comment (the XML that goes in an item's `extra`).
fn comment(id: u64, parent: u64, date_gmt: &str) -> String {
    format!(
        "<wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_author>Reader {id}</wp:comment_author>\
         <wp:comment_author_email>r{id}@example.com</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>\
         <wp:comment_date_gmt>{date_gmt}</wp:comment_date_gmt><wp:comment_content>Comment {id}.</wp:comment_content>\
         <wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>\
         <wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )
}

/// The report's lines as `post: reason`.
fn report_lines(dir: &Path) -> Vec<String> {
    let report: serde_json::Value =
        serde_json::from_str(&read(&dir.join("import-report.json"))).expect("the report is JSON");
    report["downgrades"]
        .as_array()
        .map(|d| {
            d.iter()
                .map(|d| format!("{}: {}", d["post"].as_str().unwrap_or("?"), d["reason"].as_str().unwrap_or("?")))
                .collect()
        })
        .unwrap_or_default()
}

/// A scratch folder with a content folder holding the sample articles
/// named in `own` (the publisher's, as the repository has them).
fn scratch(name: &str, own: &[&str]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("linernotes-wp-import-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let articles = dir.join("public/content/articles");
    std::fs::create_dir_all(&articles).expect("a scratch folder");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/content/articles");
    for file in own {
        std::fs::copy(sample.join(file), articles.join(file)).expect("a sample article");
    }
    dir
}

/// Runs the import of `xml`; returns the exit code and what it printed.
fn import(dir: &Path, xml: &str, more: &[&str]) -> (i32, String) {
    let wxr = dir.join("export.xml");
    std::fs::write(&wxr, xml).expect("the export is written");
    let path = |p: &str| dir.join(p).to_string_lossy().into_owned();
    let out = Command::new(env!("CARGO_BIN_EXE_publish"))
        .args(["import-wordpress", "--wxr", &path("export.xml"), "--out", &path("public")])
        .args(["--cache", &path("cache"), "--report", &path("import-report.json")])
        .args(more)
        .output()
        .expect("the tool runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_publisher_own_articles_are_never_overwritten_or_removed() {
    let own = ["night-bus-sessions.json", "film-out.md", "film-out.json"];
    let dir = scratch("clash", &own);
    let articles = dir.join("public/content/articles");
    let before: Vec<String> = own.iter().map(|f| read(&articles.join(f))).collect();
    let posts = [
        item(Item { id: 12, slug: "night-bus-sessions", content: "<p>From WordPress.</p>", ..Item::default() }),
        item(Item { id: 13, slug: "film-out", content: "<p>Also from WordPress.</p>", ..Item::default() }),
    ];
    let (code, text) = import(&dir, &export(&posts), &[]);
    assert_eq!(code, 0, "{text}");
    for (file, text) in own.iter().zip(&before) {
        assert_eq!(&read(&articles.join(file)), text, "{file} was changed");
    }
    assert!(read(&articles.join("night-bus-sessions-12.json")).contains("From WordPress."));
    assert!(read(&articles.join("film-out-13.json")).contains("Also from WordPress."));
    let report = read(&dir.join("import-report.json"));
    for line in ["slug `night-bus-sessions` is taken by an article", "slug `film-out` is taken by an article"] {
        assert!(report.contains(line), "missing {line:?} in {report}");
    }
    let redirects = read(&dir.join("public/_redirects"));
    assert!(redirects.lines().any(|l| l == "/night-bus-sessions/ /article/night-bus-sessions-12 301"), "{redirects}");

    // An export with no posts at all (Pages only, say) is refused whole.
    let (code, text) = import(&dir, &export(&[]), &[]);
    assert_ne!(code, 0, "{text}");
    assert!(text.contains("the source lists no posts, yet 2 article(s) came from earlier imports"), "{text}");
    assert!(articles.join("night-bus-sessions-12.json").exists() && articles.join("film-out-13.json").exists());

    // The posts are gone from WordPress: the import removes what it wrote, only.
    let other = [item(Item { id: 40, slug: "still-here", ..Item::default() })];
    let (code, text) = import(&dir, &export(&other), &[]);
    assert_eq!(code, 0, "{text}");
    for (file, text) in own.iter().zip(&before) {
        assert_eq!(&read(&articles.join(file)), text, "{file} was changed by the re-import");
    }
    assert!(!articles.join("night-bus-sessions-12.json").exists());
    assert!(!articles.join("film-out-13.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_imported_article_rewritten_in_markdown_keeps_its_post_addresses_and_comments() {
    let dir = scratch("taken-over", &[]);
    let articles = dir.join("public/content/articles");
    let db = dir.join("comments.db");
    let db_path = db.to_string_lossy().into_owned();
    let isso = ["--isso-db", db_path.as_str()];
    let extra = comment(31, 0, "2024-05-02 10:00:00");
    let posts = [item(Item {
        id: 21,
        slug: "kamasi-oslo",
        content: "<p>From WordPress.</p>",
        extra: &extra,
        ..Item::default()
    })];
    let (code, text) = import(&dir, &export(&posts), &isso);
    assert_eq!(code, 0, "{text}");

    // The editor takes the article over: Markdown from its JSON, then edited.
    let content = dir.join("public/content").to_string_lossy().into_owned();
    let out = Command::new(env!("CARGO_BIN_EXE_publish")).args(["export-md", "kamasi-oslo", &content]).output();
    assert!(out.as_ref().is_ok_and(|o| o.status.success()), "{out:?}");
    let md = articles.join("kamasi-oslo.md");
    std::fs::write(&md, read(&md).replace("From WordPress.", "Rewritten by the editor.")).expect("the edit");
    let out = Command::new(env!("CARGO_BIN_EXE_publish")).args(["index", &content]).output();
    assert!(out.as_ref().is_ok_and(|o| o.status.success()), "{out:?}");

    // The same export again: one article, the editor's, with its old
    // address and its comment.
    let (code, text) = import(&dir, &export(&posts), &isso);
    assert_eq!(code, 0, "{text}");
    let files: Vec<String> = std::fs::read_dir(&articles)
        .expect("the articles")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!files.iter().any(|f| f.starts_with("kamasi-oslo-")), "{files:?}");
    assert!(read(&articles.join("kamasi-oslo.json")).contains("Rewritten by the editor."));
    assert!(read(&md).contains("Rewritten by the editor."));
    let redirects = read(&dir.join("public/_redirects"));
    assert!(redirects.lines().any(|l| l == "/kamasi-oslo/ /article/kamasi-oslo 301"), "{redirects}");
    let threads: Vec<String> = rusqlite::Connection::open(&db)
        .and_then(|c| {
            c.prepare("SELECT t.uri FROM comments c JOIN threads t ON t.id = c.tid")?
                .query_map([], |r| r.get(0))?
                .collect()
        })
        .expect("Isso's database");
    assert_eq!(threads, ["/article/kamasi-oslo"]);
    assert!(
        report_lines(&dir).iter().any(|l| l.starts_with("kamasi-oslo: left as it is: written in Markdown")),
        "{text}"
    );
    let index = read(&dir.join("public/content/index.json"));
    assert_eq!(index.matches("kamasi-oslo").count(), 1, "{index}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_comment_link_to_a_post_leads_to_the_new_site_that_site_json_names() {
    let dir = scratch("comment-links", &[]);
    std::fs::write(dir.join("public/site.json"), r#"{ "name": "Mag", "origin": "https://new.example" }"#)
        .expect("site.json");
    let extra = comment(41, 0, "2024-05-02 10:00:00").replace(
        "<wp:comment_content>Comment 41.</wp:comment_content>",
        &format!("<wp:comment_content><![CDATA[See <a href=\"{SITE}/first-post/\">the first one</a>.]]></wp:comment_content>"),
    );
    let posts = [
        item(Item { id: 1, slug: "first-post", ..Item::default() }),
        item(Item { id: 2, slug: "second-post", extra: &extra, ..Item::default() }),
    ];
    let db = dir.join("comments.db");
    let (code, text) = import(&dir, &export(&posts), &["--isso-db", &db.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    let stored: String = rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("SELECT text FROM comments", [], |r| r.get(0)))
        .expect("the comment");
    assert_eq!(stored, "See [the first one](https://new.example/article/first-post).");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_post_left_out_unpublished_has_a_report_line_and_so_do_its_comments() {
    let dir = scratch("unpublished", &[]);
    let two = format!("{}{}", comment(41, 0, "2024-05-02 10:00:00"), comment(42, 41, "2024-05-02 11:00:00"));
    let posts = [
        item(Item { id: 1, slug: "on-air", ..Item::default() }),
        item(Item { id: 2, slug: "half-written", status: "draft", extra: &two, ..Item::default() }),
        item(Item { id: 3, slug: "for-the-editors", status: "private", ..Item::default() }),
        item(Item { id: 4, slug: "next-week", status: "future", ..Item::default() }),
        item(Item { id: 5, slug: "", status: "pending", ..Item::default() }),
    ];
    let (code, text) = import(&dir, &export(&posts), &[]);
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("nothing was left out"), "{text}");
    let lines = report_lines(&dir);
    for want in [
        "half-written: draft left out",
        "half-written: 2 comments left out with the post (it was not imported)",
        "for-the-editors: private post left out",
        "next-week: scheduled post left out (not published yet)",
        "post-5: post awaiting review left out (not published)",
    ] {
        assert!(lines.iter().any(|l| l == want), "missing {want:?} in {lines:#?}");
    }
    assert!(dir.join("public/content/articles/on-air.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_published_post_with_a_zero_utc_date_takes_the_date_the_export_gives_elsewhere() {
    let dir = scratch("zero-date", &[]);
    let zero = "0000-00-00 00:00:00";
    let posts = [
        item(Item {
            id: 1,
            slug: "zero-gmt",
            date_gmt: zero,
            extra: "<pubDate>Wed, 01 May 2024 10:00:00 +0000</pubDate><wp:post_date>2024-05-01 12:00:00</wp:post_date>",
            ..Item::default()
        }),
        item(Item {
            id: 2,
            slug: "local-only",
            date_gmt: zero,
            extra: "<wp:post_date>2024-05-03 08:30:00</wp:post_date>",
            ..Item::default()
        }),
    ];
    let (code, text) = import(&dir, &export(&posts), &[]);
    assert_eq!(code, 0, "{text}");
    let article = |slug: &str| -> serde_json::Value {
        serde_json::from_str(&read(&dir.join(format!("public/content/articles/{slug}.json")))).expect("an article")
    };
    // The pubDate's instant, at the local time the site showed (two hours ahead).
    assert_eq!(article("zero-gmt")["published"], "2024-05-01T12:00:00+02:00");
    assert_eq!(article("local-only")["published"], "2024-05-03T08:30:00Z");
    let lines = report_lines(&dir);
    assert!(
        lines.iter().any(|l| l.starts_with("zero-gmt: no UTC date in the export") && l.contains("pubDate")),
        "{lines:#?}"
    );
    assert!(lines.iter().any(|l| l.starts_with("local-only: ") && l.contains("taken as UTC")), "{lines:#?}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn article(dir: &Path, slug: &str) -> serde_json::Value {
    serde_json::from_str(&read(&dir.join(format!("public/content/articles/{slug}.json")))).expect("an article")
}

#[test]
fn a_post_the_reader_would_refuse_leaves_no_redirect_comment_or_featured_entry() {
    let dir = scratch("refused", &[]);
    // Over the reader's 2 MB limit for an article file.
    let long = "<p>The chorus comes back twice, each time a little louder.</p>\n".repeat(40_000);
    let sticky = format!("{}<wp:is_sticky>1</wp:is_sticky>", comment(51, 0, "2024-05-02 10:00:00"));
    // The other post, and a comment on it, link to the one left out.
    let kept = format!(r#"<p>Read <a href="{SITE}/too-long/#coda">the long one</a> first.</p>"#);
    let reply = comment(52, 0, "2024-05-02 11:00:00")
        .replace("Comment 52.", &format!(r#"See &lt;a href="{SITE}/too-long/"&gt;the long one&lt;/a&gt;."#));
    let posts = [
        item(Item { id: 1, slug: "kept", content: &kept, extra: &reply, ..Item::default() }),
        item(Item { id: 2, slug: "too-long", content: &long, extra: &sticky, ..Item::default() })
            .replace("<wp:is_sticky>0</wp:is_sticky>", ""),
    ];
    let db = dir.join("comments.db");
    let (code, text) = import(&dir, &export(&posts), &["--isso-db", &db.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    assert!(report_lines(&dir).iter().any(|l| l.starts_with("too-long: post left out")), "{text}");
    assert!(!dir.join("public/content/articles/too-long.json").exists());
    let redirects = read(&dir.join("public/_redirects"));
    assert!(redirects.contains("/kept/ /article/kept 301") && !redirects.contains("too-long"), "{redirects}");
    let index = read(&dir.join("public/content/index.json"));
    assert!(!index.contains("too-long"), "{index}");
    let threads: i64 = rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("SELECT count(*) FROM threads WHERE uri LIKE '%too-long%'", [], |r| r.get(0)))
        .expect("Isso's database");
    assert_eq!(threads, 0);
    // Links to it keep its old address, as a draft's do, and say so.
    let link = &article(&dir, "kept")["body"][0]["content"][1]["href"];
    assert_eq!(link, &format!("{SITE}/too-long/#coda"));
    let lines = report_lines(&dir);
    assert!(
        lines.iter().any(|l| l
            == &format!("kept: link to {SITE}/too-long/ still leads to the old site: the post too-long was left out")),
        "{lines:#?}"
    );
    let text: String = rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("SELECT text FROM comments WHERE text LIKE '%long one%'", [], |r| r.get(0)))
        .expect("the comment");
    assert!(text.contains(&format!("({SITE}/too-long/)")), "{text}");
    let check = Command::new(env!("CARGO_BIN_EXE_publish"))
        .args(["validate", &dir.join("public/content").to_string_lossy()])
        .output()
        .expect("the tool runs");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_reusable_block_shows_where_the_post_names_it() {
    let dir = scratch("reusable", &[]);
    let block = r#"<item><title>Tour dates</title><wp:post_id>77</wp:post_id><wp:post_type>wp_block</wp:post_type><wp:status>publish</wp:status>
<content:encoded><![CDATA[<!-- wp:paragraph -->
<p>Tour dates: Leeds in May, Porto in June.</p>
<!-- /wp:paragraph -->]]></content:encoded></item>"#;
    let content = "<!-- wp:paragraph -->\n<p>Before.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:block {\"ref\":77} /-->\n\n<!-- wp:block {\"ref\":78} /-->";
    let posts = [block.to_string(), item(Item { id: 1, slug: "on-tour", content, ..Item::default() })];
    let (code, text) = import(&dir, &export(&posts), &[]);
    assert_eq!(code, 0, "{text}");
    let body = article(&dir, "on-tour")["body"].to_string();
    assert!(body.contains("Before.") && body.contains("Tour dates: Leeds in May, Porto in June."), "{body}");
    let lines = report_lines(&dir);
    assert_eq!(lines, ["on-tour: reusable block 78 left out: the site did not give its content"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn footnotes_come_with_their_words_from_the_post_field_or_a_report_line_says_they_did_not() {
    let dir = scratch("footnotes", &[]);
    let content = "<!-- wp:paragraph -->\n<p>Cut live<sup data-fn=\"f1\" class=\"fn\"><a href=\"#f1\" id=\"f1-link\">1</a></sup>.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:footnotes /-->";
    let meta = r#"<wp:postmeta><wp:meta_key>footnotes</wp:meta_key><wp:meta_value><![CDATA[[{"content":"In one take, says the engineer.","id":"f1"}]]]></wp:meta_value></wp:postmeta>"#;
    let posts = [
        item(Item { id: 1, slug: "with-notes", content, extra: meta, ..Item::default() }),
        item(Item { id: 2, slug: "without-notes", content, ..Item::default() }),
    ];
    let (code, text) = import(&dir, &export(&posts), &[]);
    assert_eq!(code, 0, "{text}");
    let body = article(&dir, "with-notes")["body"].to_string();
    assert!(body.contains("Cut live¹.") && body.contains("In one take, says the engineer."), "{body}");
    assert!(article(&dir, "without-notes")["body"].to_string().contains("Cut live¹."));
    let lines = report_lines(&dir);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("without-notes: footnotes left out"), "{lines:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn what_an_export_holds_is_kept_a_written_excerpt_a_comment_without_a_date_a_child_section() {
    let dir = scratch("kept", &[]);
    let terms = r#"<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>music</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>Music</wp:cat_name></wp:category>
<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>jazz</wp:category_nicename><wp:category_parent>music</wp:category_parent><wp:cat_name>Jazz</wp:cat_name></wp:category>"#;
    let extra = format!(
        "<category domain=\"category\" nicename=\"jazz\"><![CDATA[Jazz]]></category>{}{}",
        comment(61, 0, "0000-00-00 00:00:00"),
        comment(62, 61, "2024-05-03 10:00:00")
    );
    let post = item(Item {
        id: 1,
        slug: "back-again",
        content: "<p>After a long wait, the band is back. See the <a href=\"https://mag.example/category/music/jazz/\">jazz archive</a>.</p>",
        extra: &extra,
        ..Item::default()
    })
    .replace("<excerpt:encoded><![CDATA[]]>", "<excerpt:encoded><![CDATA[After a long wait, the band is back.]]>");
    let db = dir.join("comments.db");
    let (code, text) = import(&dir, &export(&[terms.to_string(), post]), &["--isso-db", &db.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    let a = article(&dir, "back-again");
    assert_eq!(
        a["dek"], "After a long wait, the band is back.",
        "a written excerpt is the dek, even when the text opens with it"
    );
    assert!(a["body"].to_string().contains("\"href\":\"/category/jazz\""), "{}", a["body"]);
    let redirects = read(&dir.join("public/_redirects"));
    assert!(redirects.lines().any(|l| l == "/category/music/jazz/ /category/jazz 301"), "{redirects}");
    let db = rusqlite::Connection::open(&db).expect("Isso's database");
    let comments: i64 = db.query_row("SELECT count(*) FROM comments", [], |r| r.get(0)).expect("comments");
    let replies: i64 =
        db.query_row("SELECT count(*) FROM comments WHERE parent IS NOT NULL", [], |r| r.get(0)).expect("replies");
    assert_eq!((comments, replies), (2, 1), "the comment without a date and its reply are both kept, nested");
    assert!(report_lines(&dir).iter().any(|l| l.starts_with("back-again: comment 61 has no date")), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_report_names_the_sections_the_header_does_not_list() {
    let dir = scratch("sections", &[]);
    std::fs::write(dir.join("public/site.json"), r#"{"name":"Mag","sections":[{"slug":"reviews","name":"Reviews"}]}"#)
        .expect("the settings");
    let terms = r#"<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>reviews</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>Reviews</wp:cat_name></wp:category>
<wp:category><wp:term_id>6</wp:term_id><wp:category_nicename>jazz</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>Jazz &amp; "Soul"</wp:cat_name></wp:category>"#;
    let posts = [
        item(Item {
            id: 1,
            slug: "night-set",
            extra: "<category domain=\"category\" nicename=\"jazz\"><![CDATA[Jazz & \"Soul\"]]></category>",
            ..Item::default()
        }),
        item(Item {
            id: 2,
            slug: "day-set",
            extra: "<category domain=\"category\" nicename=\"reviews\"><![CDATA[Reviews]]></category>",
            ..Item::default()
        }),
    ];
    let (code, text) = import(&dir, &export(&[terms.to_string(), posts.join("\n")]), &[]);
    assert_eq!(code, 0, "{text}");
    let report: serde_json::Value = serde_json::from_str(&read(&dir.join("import-report.json"))).expect("the report");
    let notes: Vec<&str> =
        report["notes"].as_array().map(|n| n.iter().filter_map(|n| n.as_str()).collect()).unwrap_or_default();
    assert_eq!(notes.len(), 1, "{notes:#?}");
    assert!(notes[0].starts_with("1 section(s) of the imported articles are not in site.json's"), "{notes:#?}");
    // What to paste, as JSON (the name's quote mark escaped).
    assert!(notes[0].ends_with(r#"such as {"name":"Jazz & \"Soul\"","slug":"jazz"}"#), "{notes:#?}");
    assert!(text.contains("not in site.json"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn wordpress_s_untouched_uncategorized_is_no_section_and_its_address_leads_home() {
    let dir = scratch("uncategorized", &[]);
    let terms = r#"<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>uncategorized</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>Uncategorized</wp:cat_name></wp:category>
<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>reviews</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>Reviews</wp:cat_name></wp:category>"#;
    let default = "<category domain=\"category\" nicename=\"uncategorized\"><![CDATA[Uncategorized]]></category>";
    let both = format!("{default}<category domain=\"category\" nicename=\"reviews\"><![CDATA[Reviews]]></category>");
    let posts = [
        item(Item { id: 1, slug: "filed-nowhere", extra: default, ..Item::default() }),
        item(Item { id: 2, slug: "filed-twice", extra: &both, ..Item::default() }),
    ];
    let (code, text) = import(&dir, &export(&[terms.to_string(), posts.join("\n")]), &[]);
    assert_eq!(code, 0, "{text}");
    let nowhere = article(&dir, "filed-nowhere");
    assert!(nowhere.get("category").is_none_or(serde_json::Value::is_null), "{nowhere}");
    assert!(nowhere.get("tags").is_none_or(|t| t.as_array().is_some_and(Vec::is_empty)), "{nowhere}");
    let twice = article(&dir, "filed-twice");
    assert_eq!(twice["category"]["slug"], "reviews");
    assert!(!twice.to_string().contains("Uncategorized"), "{twice}");
    let redirects = read(&dir.join("public/_redirects"));
    assert!(redirects.lines().any(|l| l == "/category/uncategorized/ / 301"), "{redirects}");
    let report: serde_json::Value = serde_json::from_str(&read(&dir.join("import-report.json"))).expect("the report");
    let notes = report["notes"].to_string();
    assert!(notes.contains("1 article(s) have no section"), "{notes}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_post_in_two_categories_keeps_the_second_as_a_tag_and_several_files_import_as_one() {
    let dir = scratch("two-categories", &[]);
    let terms = r#"<wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>reviews</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>Reviews</wp:cat_name></wp:category>
<wp:category><wp:term_id>6</wp:term_id><wp:category_nicename>live</wp:category_nicename><wp:category_parent>reviews</wp:category_parent><wp:cat_name>Live</wp:cat_name></wp:category>"#;
    let extra = "<category domain=\"category\" nicename=\"live\"><![CDATA[Live]]></category><category domain=\"category\" nicename=\"reviews\"><![CDATA[Reviews]]></category><category domain=\"post_tag\" nicename=\"folk\"><![CDATA[Folk]]></category>";
    let first = item(Item { id: 1, slug: "night-set", extra, ..Item::default() });
    let second = item(Item { id: 2, slug: "day-set", ..Item::default() });
    // A split export: two files, one run.
    let other = dir.join("export-2.xml");
    std::fs::write(&other, export(&[second])).unwrap();
    let (code, text) = import(&dir, &export(&[terms.to_string(), first]), &["--wxr", &other.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    let a = article(&dir, "night-set");
    assert_eq!(a["category"]["name"], "Reviews");
    assert_eq!(a["tags"], serde_json::json!(["Folk", "Live"]));
    assert_eq!(article(&dir, "day-set")["title"], "Post 2", "the second file's post is imported too");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_heading_keeps_its_anchor_and_links_to_it_lead_there() {
    let dir = scratch("anchors", &[]);
    let first = item(Item {
        id: 1,
        slug: "long-interview",
        content: "<p>Opening.</p><h2 id=\"part-2\">Part two</h2><p>More.</p><h2 id=\"main\">Not an id the page can give</h2><p>End.</p>",
        ..Item::default()
    });
    let link = format!("<p>Read <a href=\"{SITE}/long-interview/#part-2\">part two</a>.</p>");
    let second = item(Item { id: 2, slug: "pointer", content: &link, ..Item::default() });
    let (code, text) = import(&dir, &export(&[first, second]), &[]);
    assert_eq!(code, 0, "{text}");
    let a = article(&dir, "long-interview");
    let ids: Vec<String> =
        a["body"].as_array().unwrap().iter().map(|b| b["id"].as_str().unwrap().to_string()).collect();
    assert!(ids.contains(&"part-2".to_string()), "{ids:?}");
    assert!(!ids.contains(&"main".to_string()), "the page's own ids stay the page's: {ids:?}");
    assert!(article(&dir, "pointer")["body"].to_string().contains("\"href\":\"/article/long-interview#part-2\""));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_table_of_contents_leads_to_its_headings_and_a_link_to_no_part_keeps_only_its_text() {
    let dir = scratch("own-fragments", &[]);
    let content = "<ul><li><a href=\"#part-2\">Part two</a></li><li><a href=\"#nowhere\">Part three</a></li></ul>\
                   <p>Cut live<a href=\"#fn1\">[1]</a>.</p><h2 id=\"part-2\">Part two</h2><p>More.</p>\
                   <ol><li id=\"fn1\">According to the engineer. <a href=\"#fnref1\">↩</a></li></ol>";
    let (code, text) =
        import(&dir, &export(&[item(Item { id: 1, slug: "contents", content, ..Item::default() })]), &[]);
    assert_eq!(code, 0, "{text}");
    let body = article(&dir, "contents")["body"].to_string();
    assert!(body.contains("\"href\":\"/article/contents#part-2\""), "{body}");
    for gone in ["#nowhere", "#fn1"] {
        assert!(!body.contains(gone), "a link to no part of the article goes: {body}");
    }
    assert!(body.contains("Part three") && body.contains("[1]"), "their text stays: {body}");
    // A classic footnote's way back goes with its link: the note's list has nowhere to go back to.
    assert!(body.contains("According to the engineer.") && !body.contains('↩'), "{body}");
    let lines = report_lines(&dir);
    for fragment in ["nowhere", "fn1"] {
        assert!(
            lines
                .iter()
                .any(|l| l.contains(&format!("link to #{fragment} removed: no part of the article has that name"))),
            "{lines:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_post_renamed_in_wordpress_keeps_its_earlier_address_on_every_later_run() {
    let dir = scratch("renamed", &[]);
    let before = [item(Item { id: 1, slug: "first-name", ..Item::default() })];
    assert_eq!(import(&dir, &export(&before), &[]).0, 0);
    let after = [item(Item { id: 1, slug: "second-name", ..Item::default() })];
    let (code, text) = import(&dir, &export(&after), &[]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("moved (their old address redirects): first-name → second-name"), "{text}");
    assert!(!text.contains("removed"), "{text}");
    for run in 0..2 {
        let redirects = read(&dir.join("public/_redirects"));
        assert!(
            redirects.lines().any(|l| l == "/article/first-name /article/second-name 301"),
            "run {run}: {redirects}"
        );
        assert!(!dir.join("public/content/articles/first-name.json").exists());
        assert_eq!(import(&dir, &export(&after), &[]).0, 0);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_post_moved_to_another_category_keeps_its_old_permalink() {
    let dir = scratch("recategorised", &[]);
    let at = |path: &str| {
        item(Item { id: 1, slug: "blocks-extra", ..Item::default() })
            .replace(&format!("<link>{SITE}/blocks-extra/</link>"), &format!("<link>{SITE}{path}</link>"))
    };
    assert_eq!(import(&dir, &export(&[at("/music/jazz/blocks-extra/")]), &[]).0, 0);
    for run in 0..2 {
        let (code, text) = import(&dir, &export(&[at("/rnb/blocks-extra/")]), &[]);
        assert_eq!(code, 0, "{text}");
        let redirects = read(&dir.join("public/_redirects"));
        for rule in
            ["/music/jazz/blocks-extra/ /article/blocks-extra 301", "/rnb/blocks-extra/ /article/blocks-extra 301"]
        {
            assert!(redirects.lines().any(|l| l == rule), "run {run}: {rule} in {redirects}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_link_that_still_leads_to_the_old_site_is_named_in_the_report() {
    let dir = scratch("old-links", &[]);
    let content = format!(
        "<p>More on <a href=\"{SITE}/tag/saxophone/\">saxophones</a> and <a href=\"{SITE}/\">the home page</a>.</p>"
    );
    let (code, text) =
        import(&dir, &export(&[item(Item { id: 1, slug: "links", content: &content, ..Item::default() })]), &[]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(
        report_lines(&dir),
        [format!("links: link to {SITE}/tag/saxophone/ still leads to the old site (nothing imported is there)")]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_post_moved_to_another_date_keeps_the_address_of_its_old_date() {
    let dir = scratch("old-date", &[]);
    let post = item(Item {
        id: 9,
        slug: "redated",
        extra: "<wp:post_date>2024-05-01 10:00:00</wp:post_date>\
                <wp:postmeta><wp:meta_key>_wp_old_date</wp:meta_key><wp:meta_value>2024-04-28</wp:meta_value></wp:postmeta>",
        ..Item::default()
    })
    .replace(&format!("<link>{SITE}/redated/</link>"), &format!("<link>{SITE}/2024/05/01/redated/</link>"));
    let (code, text) = import(&dir, &export(&[post]), &[]);
    assert_eq!(code, 0, "{text}");
    let redirects = read(&dir.join("public/_redirects"));
    for line in ["/2024/05/01/redated/ /article/redated 301", "/2024/04/28/redated/ /article/redated 301"] {
        assert!(redirects.lines().any(|l| l == line), "{line} in {redirects}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_run_without_pages_keeps_the_pages_an_earlier_run_imported() {
    let dir = scratch("pages-kept", &[]);
    let page = page(Item { id: 3, slug: "about", content: "<p>Who we are.</p>", ..Item::default() });
    let xml = export(&[item(Item { id: 7, slug: "film-out", ..Item::default() }), page]);
    let (code, text) = import(&dir, &xml, &["--pages"]);
    assert_eq!(code, 0, "{text}");
    let about = dir.join("public/content/articles/about.json");
    assert!(about.is_file(), "{text}");
    let redirects = read(&dir.join("public/_redirects"));
    // Without --pages, the page is still in the export: nothing is taken down.
    let (code, text) = import(&dir, &xml, &[]);
    assert_ne!(code, 0, "{text}");
    assert!(text.contains("1 page(s) that WordPress still has (about)") && text.contains("--pages"), "{text}");
    assert!(about.is_file(), "the page stays");
    assert_eq!(read(&dir.join("public/_redirects")), redirects, "and so do its redirects");
    // With --pages again, all is as it was.
    let (code, text) = import(&dir, &xml, &["--pages"]);
    assert_eq!(code, 0, "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A copy of a site's uploads folder holding one 600-px red square, at `path` in it.
fn uploads_with_a_red_square(dir: &Path, path: &str) -> PathBuf {
    let uploads = dir.join("uploads");
    let file = uploads.join(path);
    std::fs::create_dir_all(file.parent().expect("a folder in the copy")).expect("the uploads copy");
    std::fs::write(
        &file,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><rect width="600" height="600" fill="red"/></svg>"#,
    )
    .expect("the picture");
    uploads
}

#[test]
fn images_of_a_site_that_does_not_answer_fail_the_import_or_come_from_a_copy_of_its_uploads() {
    // The export names the site's own picture; the site (mag.example) is
    // never reachable, as an old host that is already gone.
    let dir = scratch("uploads", &[]);
    let xml = export(&[item(Item {
        id: 7,
        slug: "with-a-cover",
        content: r#"<p>Words.</p><figure class="wp-block-image"><img src="https://mag.example/wp-content/uploads/2024/05/caf%C3%A9-cover-300x300.svg" alt="A red cover"/></figure>"#,
        ..Item::default()
    })]);
    let (code, text) = import(&dir, &xml, &[]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("1 of the site's images was not imported: mag.example did not answer"), "{text}");
    assert!(text.contains("--uploads"), "{text}");
    // The article was written all the same, without the picture.
    assert!(!read(&dir.join("public/content/articles/with-a-cover.json")).contains("images/wp/"));

    // With a copy of wp-content/uploads, nothing is asked of the site. The
    // original (no size suffix) is what is read.
    let uploads = uploads_with_a_red_square(&dir, "2024/05/café-cover.svg");
    let (code, text) = import(&dir, &xml, &["--uploads", &uploads.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    let article = article(&dir, "with-a-cover");
    let image = article["body"].as_array().and_then(|b| b.iter().find(|b| b["type"] == "image")).cloned();
    let image = image.unwrap_or_else(|| panic!("{article}"));
    assert!(image["src"].as_str().is_some_and(|s| s.starts_with("images/wp/") && s.ends_with(".svg")), "{image}");
    assert_eq!((image["width"].as_u64(), image["height"].as_u64()), (Some(600), Some(600)));

    // A folder that is not there is refused before anything runs.
    let (code, text) = import(&dir, &xml, &["--uploads", &dir.join("nowhere").to_string_lossy()]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("not a folder"), "{text}");
}

#[test]
fn the_site_at_its_www_name_is_the_same_site_for_its_images_and_links() {
    // The export's home is mag.example; the post was written when the site
    // answered at www.mag.example, which is as gone as the bare name.
    let dir = scratch("www", &[]);
    let xml = export(&[
        item(Item { id: 7, slug: "film-out", content: "<p>The first.</p>", ..Item::default() }),
        item(Item {
            id: 8,
            slug: "with-a-cover",
            content: r#"<p>See <a href="https://www.mag.example/?p=7">the first</a>.</p><figure class="wp-block-image"><img src="https://www.mag.example/wp-content/uploads/2024/05/cover-300x300.svg" alt="A red cover"/></figure>"#,
            ..Item::default()
        }),
    ]);
    let uploads = uploads_with_a_red_square(&dir, "2024/05/cover.svg");
    let (code, text) = import(&dir, &xml, &["--uploads", &uploads.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    let article = read(&dir.join("public/content/articles/with-a-cover.json"));
    assert!(article.contains("\"/article/film-out\""), "{article}");
    assert!(article.contains("images/wp/"), "the picture from the copy: {article}");
    assert!(!article.contains("www.mag.example"), "{article}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_photo_wordpress_scaled_down_comes_as_the_copy_wordpress_shows_or_its_original_when_that_is_gone() {
    // A 3000-px upload: WordPress keeps it and serves a 2560-px `-scaled`
    // copy as the attachment's file; the post shows a 1024-px copy.
    let dir = scratch("scaled", &[]);
    let svg = |w: u32, h: u32| {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}"><rect width="{w}" height="{h}" fill="teal"/></svg>"#
        )
    };
    let metadata = r#"a:4:{s:5:"width";i:2560;s:6:"height";i:1365;s:4:"file";s:24:"2024/05/field-scaled.svg";s:14:"original_image";s:9:"field.svg";}"#;
    let attachment = format!(
        r#"<item><title>Field</title><wp:post_id>40</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>{SITE}/wp-content/uploads/2024/05/field-scaled.svg</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key><wp:meta_value><![CDATA[{metadata}]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[A field at dusk]]></wp:meta_value></wp:postmeta></item>"#
    );
    let post = item(Item {
        id: 41,
        slug: "field",
        content: r#"<figure class="wp-block-image"><img src="https://mag.example/wp-content/uploads/2024/05/field-1024x546.svg" alt="A field at dusk" class="wp-image-40"/></figure>"#,
        ..Item::default()
    });
    let xml = export(&[attachment, post]);
    let uploads = dir.join("uploads");
    std::fs::create_dir_all(uploads.join("2024/05")).expect("the uploads copy");
    for (name, w, h) in [("field.svg", 3000, 1600), ("field-scaled.svg", 2560, 1365), ("field-1024x546.svg", 1024, 546)]
    {
        std::fs::write(uploads.join("2024/05").join(name), svg(w, h)).expect("a picture");
    }
    let size = |dir: &Path| {
        let article = article(dir, "field");
        let image = article["body"].as_array().and_then(|b| b.iter().find(|b| b["type"] == "image")).cloned();
        let image = image.unwrap_or_else(|| panic!("{article}"));
        (image["width"].as_u64(), image["height"].as_u64())
    };
    let (code, text) = import(&dir, &xml, &["--uploads", &uploads.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(size(&dir), (Some(2560), Some(1365)), "the copy WordPress shows, not the 3000-px original");
    // Each old address of the picture leads to its file now: the copy the
    // post showed, the one WordPress served, and the original.
    let src = article(&dir, "field")["body"][0]["src"].as_str().map(String::from);
    let src = src.unwrap_or_else(|| panic!("{}", article(&dir, "field")));
    let redirects = read(&dir.join("public/_redirects"));
    for old in ["field-1024x546.svg", "field-scaled.svg", "field.svg"] {
        let rule = format!("/wp-content/uploads/2024/05/{old} /{src} 301\n");
        assert!(redirects.contains(&rule), "{rule} in {redirects}");
    }
    let nginx = read(&dir.join("wordpress-redirects.nginx.conf"));
    assert!(nginx.contains(&format!("\"/wp-content/uploads/2024/05/field.svg\" \"/{src}\";")), "{nginx}");

    // The scaled copy was deleted from the old site: the original it was made from.
    std::fs::remove_file(uploads.join("2024/05/field-scaled.svg")).expect("the copy goes");
    let (code, text) = import(&dir, &xml, &["--uploads", &uploads.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(size(&dir), (Some(3000), Some(1600)));
}

#[test]
fn a_tag_whose_name_is_only_markup_is_left_out_with_a_report_line() {
    let dir = scratch("markup-tag", &[]);
    let extra = "<category domain=\"post_tag\" nicename=\"script\"><![CDATA[<script>alert(43)</script>]]></category>\
                 <category domain=\"post_tag\" nicename=\"folk\"><![CDATA[Folk]]></category>";
    let (code, text) = import(&dir, &export(&[item(Item { id: 3, slug: "tagged", extra, ..Item::default() })]), &[]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(article(&dir, "tagged")["tags"], serde_json::json!(["Folk"]));
    assert!(
        report_lines(&dir).iter().any(|l| l.contains("tag `script` left out: its name has no text to show")),
        "{:?}",
        report_lines(&dir)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_tag_archive_leads_to_a_search_for_the_tag() {
    let dir = scratch("tag-archive", &[]);
    let extra = "<category domain=\"post_tag\" nicename=\"back-number\"><![CDATA[back number]]></category>\
                 <category domain=\"post_tag\" nicename=\"%e3%82%b7%e3%83%86%e3%82%a3\"><![CDATA[シティ]]></category>\
                 <category domain=\"post_tag\" nicename=\"script\"><![CDATA[<script>alert(43)</script>]]></category>";
    let (code, text) = import(&dir, &export(&[item(Item { id: 3, slug: "tagged", extra, ..Item::default() })]), &[]);
    assert_eq!(code, 0, "{text}");
    let redirects = read(&dir.join("public/_redirects"));
    for rule in [
        "/tag/back-number/ /search?q=back%20number 301",
        "/tag/back-number /search?q=back%20number 301",
        "/tag/back-number/feed/ /feed.xml 301",
        // As WordPress writes the escapes, and as browsers do.
        "/tag/%e3%82%b7%e3%83%86%e3%82%a3/ /search?q=%E3%82%B7%E3%83%86%E3%82%A3 301",
        "/tag/%E3%82%B7%E3%83%86%E3%82%A3/ /search?q=%E3%82%B7%E3%83%86%E3%82%A3 301",
    ] {
        assert!(redirects.lines().any(|l| l == rule), "{rule} in {redirects}");
    }
    assert!(!redirects.contains("/tag/script"), "a tag with no name to search for: {redirects}");
    let nginx = read(&dir.join("wordpress-redirects.nginx.conf"));
    assert!(nginx.contains("\"/tag/シティ\" \"/search?q=%E3%82%B7%E3%83%86%E3%82%A3\";"), "{nginx}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_author_archive_leads_to_a_search_for_the_name_and_the_comment_feed_to_the_feed() {
    let dir = scratch("author-archive", &[]);
    // The export names the author by login; WordPress's archive slug is
    // made of it, the byline of the display name.
    let author = "<wp:author><wp:author_login><![CDATA[editor]]></wp:author_login>\
                  <wp:author_display_name><![CDATA[Aki Morimoto]]></wp:author_display_name></wp:author>";
    let (code, text) =
        import(&dir, &export(&[author.to_string(), item(Item { id: 3, slug: "signed", ..Item::default() })]), &[]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(article(&dir, "signed")["authors"], serde_json::json!([{ "name": "Aki Morimoto", "url": null }]));
    let redirects = read(&dir.join("public/_redirects"));
    for rule in [
        "/author/editor/ /search?q=Aki%20Morimoto 301",
        "/author/editor /search?q=Aki%20Morimoto 301",
        "/author/editor/feed/ /feed.xml 301",
        "/comments/feed/ /feed.xml 301",
    ] {
        assert!(redirects.lines().any(|l| l == rule), "{rule} in {redirects}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn with_pages_a_page_is_an_unlisted_article_and_the_index_lists_only_the_posts() {
    let dir = scratch("pages", &[]);
    let page = page(Item { id: 4, slug: "about", content: "<p>Who we are.</p>", ..Item::default() });
    let xml = export(&[item(Item { id: 3, slug: "news-item", ..Item::default() }), page]);
    let (code, text) = import(&dir, &xml, &["--pages"]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(article(&dir, "about")["unlisted"], serde_json::json!(true));
    assert_eq!(article(&dir, "news-item").get("unlisted"), None, "a post is listed");
    let index = read(&dir.join("public/content/index.json"));
    assert!(index.contains("\"news-item\"") && !index.contains("\"about\""), "{index}");
    // Without --pages, no page at all.
    let dir2 = scratch("no-pages", &[]);
    let (code, text) = import(&dir2, &xml, &[]);
    assert_eq!(code, 0, "{text}");
    assert!(!dir2.join("public/content/articles/about.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&dir2);
}

#[test]
fn alt_text_that_stands_in_for_a_missing_one_is_named_in_the_report() {
    let dir = scratch("stand-in-alt", &[]);
    let uploads = dir.join("uploads");
    std::fs::create_dir_all(uploads.join("2024/05")).expect("the uploads copy");
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30"/></svg>"#;
    std::fs::write(uploads.join("2024/05/stage.svg"), svg).expect("the picture");
    let content = r#"<figure class="wp-block-image"><img src="https://mag.example/wp-content/uploads/2024/05/stage.svg" alt=""/><figcaption>The stage at dusk.</figcaption></figure>"#;
    let xml = export(&[item(Item { id: 4, slug: "stage", content, ..Item::default() })]);
    let (code, text) = import(&dir, &xml, &["--uploads", &uploads.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    let a = article(&dir, "stage");
    let image = a["body"].as_array().and_then(|b| b.iter().find(|b| b["type"] == "image")).cloned();
    assert_eq!(image.map(|i| i["alt"].clone()), Some(serde_json::json!("The stage at dusk.")), "{a}");
    assert!(
        report_lines(&dir).iter().any(|l| l == "stage: image stage.svg has no alt text: its caption stands in, so a screen reader hears it twice; write alt text for it"),
        "{:?}",
        report_lines(&dir)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_page_named_as_a_folder_of_the_new_site_gets_no_redirect_that_would_catch_its_pages() {
    let dir = scratch("new-site-folder", &["night-bus-sessions.json"]);
    let page = |id, slug| {
        item(Item { id, slug, ..Item::default() })
            .replace("<wp:post_type>post</wp:post_type>", "<wp:post_type>page</wp:post_type>")
    };
    let xml = export(&[page(4, "article"), page(5, "oembed"), item(Item { id: 6, slug: "on-air", ..Item::default() })]);
    let (code, text) = import(&dir, &xml, &["--pages"]);
    assert_eq!(code, 0, "{text}");
    assert!(dir.join("public/content/articles/article.json").exists());
    let redirects = read(&dir.join("public/_redirects"));
    for line in redirects.lines().filter(|l| !l.starts_with('#')) {
        let from = line.split_whitespace().next().unwrap_or_default();
        assert!(!from.starts_with("/article") && !from.starts_with("/oembed"), "{line} in {redirects}");
    }
    assert!(redirects.lines().any(|l| l == "/on-air/:page /article/on-air 301"), "{redirects}");
    assert!(redirects.lines().any(|l| l == "/ page_id=4 /article/article 301"), "{redirects}");
    let nginx = read(&dir.join("wordpress-redirects.nginx.conf"));
    assert!(!nginx.contains("\"/article\"") && !nginx.contains("\"/article/\""), "{nginx}");
    let lines = report_lines(&dir);
    assert!(
        lines.iter().any(|l| l
            == "article: no redirect from /article/ to /article/article: `/article/` is a folder of the new site, and a rule there would take readers away from its pages"),
        "{lines:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A picture in the media library, attached to no post: WordPress shows its
/// attachment page at the site's root, `/{slug}/`.
fn attachment(id: u64, slug: &str, file: &str) -> String {
    format!(
        r#"<item><title>{slug}</title><link>{SITE}/{slug}/</link>
<wp:post_id>{id}</wp:post_id><wp:post_name>{slug}</wp:post_name><wp:status>inherit</wp:status><wp:post_parent>0</wp:post_parent>
<wp:post_type>attachment</wp:post_type><wp:attachment_url>{SITE}/wp-content/uploads/2024/05/{file}</wp:attachment_url>
<excerpt:encoded><![CDATA[]]></excerpt:encoded></item>"#
    )
}

#[test]
fn a_picture_link_to_its_own_attachment_page_at_the_site_root_is_dropped() {
    let dir = scratch("attachment-page", &[]);
    let uploads = dir.join("uploads");
    std::fs::create_dir_all(uploads.join("2024/05")).expect("the uploads copy");
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30"/></svg>"#;
    for file in ["sax.svg", "drums.svg", "keys.svg"] {
        std::fs::write(uploads.join("2024/05").join(file), svg).expect("the picture");
    }
    let up = "https://mag.example/wp-content/uploads/2024/05";
    let classic = format!(
        "[caption id=\"attachment_4\" align=\"alignnone\" width=\"40\"]<a href=\"{SITE}/sax-player/\"><img class=\"wp-image-4 size-full\" src=\"{up}/sax.svg\" alt=\"Sax\" width=\"40\" height=\"30\" /></a> The sax.[/caption]\n\n\
         <a href=\"/drum-kit/\"><img class=\"attachment-thumbnail size-thumbnail\" src=\"{up}/drums-150x150.svg\" alt=\"Drums\" /></a>\n\n\
         <a href=\"https://shop.example/keys\"><img class=\"wp-image-8\" src=\"{up}/keys.svg\" alt=\"Keys\" /></a>"
    );
    // The block's setting says where its link leads, whatever the address.
    let block = format!(
        "<!-- wp:image {{\"id\":8,\"linkDestination\":\"attachment\"}} -->\n\
         <figure class=\"wp-block-image\"><a href=\"{SITE}/keys-on-stage/\"><img src=\"{up}/keys.svg\" alt=\"Keys\" class=\"wp-image-8\"/></a></figure>\n\
         <!-- /wp:image -->\n\n\
         <!-- wp:image {{\"id\":4,\"linkDestination\":\"attachment\"}} -->\n\
         <figure class=\"wp-block-image\"><a href=\"{SITE}/sax-player/\"><img src=\"{up}/sax.svg\" alt=\"Sax\"/></a></figure>\n\
         <!-- /wp:image -->\n\n\
         <!-- wp:image {{\"id\":6,\"linkDestination\":\"custom\"}} -->\n\
         <figure class=\"wp-block-image\"><a href=\"https://shop.example/drums\"><img src=\"{up}/drums.svg\" alt=\"Drums\" class=\"wp-image-6\"/></a></figure>\n\
         <!-- /wp:image -->"
    );
    let xml = export(&[
        attachment(4, "sax-player", "sax.svg"),
        attachment(6, "drum-kit", "drums.svg"),
        attachment(8, "keys", "keys.svg"),
        item(Item { id: 10, slug: "classic-pictures", content: &classic, ..Item::default() }),
        item(Item { id: 11, slug: "block-pictures", content: &block, ..Item::default() }),
    ]);
    let (code, text) = import(&dir, &xml, &["--uploads", &uploads.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    let links = |slug: &str| -> Vec<serde_json::Value> {
        let a = article(&dir, slug);
        a["body"]
            .as_array()
            .map(|b| b.iter().filter(|b| b["type"] == "image").map(|b| b["link"].clone()).collect())
            .unwrap_or_default()
    };
    let none = serde_json::Value::Null;
    assert_eq!(links("classic-pictures"), [none.clone(), none.clone(), serde_json::json!("https://shop.example/keys")]);
    assert_eq!(links("block-pictures"), [none.clone(), none, serde_json::json!("https://shop.example/drums")]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_picture_uploaded_to_a_draft_keeps_its_link_to_the_post_of_the_same_slug() {
    let dir = scratch("attached-picture", &[]);
    let uploads = dir.join("uploads");
    std::fs::create_dir_all(uploads.join("2024/05")).expect("the uploads copy");
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30"/></svg>"#;
    for file in ["kamasi.svg", "harbour.svg"] {
        std::fs::write(uploads.join("2024/05").join(file), svg).expect("the picture");
    }
    let up = "https://mag.example/wp-content/uploads/2024/05";
    // Uploaded while the review was a draft: the picture took its slug, and
    // its attachment page is below the review.
    let kamasi = attachment(7, "kamasi-oslo", "kamasi.svg")
        .replace(
            "<link>https://mag.example/kamasi-oslo/</link>",
            "<link>https://mag.example/kamasi-oslo/kamasi-oslo/</link>",
        )
        .replace("<wp:post_parent>0</wp:post_parent>", "<wp:post_parent>20</wp:post_parent>");
    // A picture whose attachment page the export does not give.
    let harbour =
        attachment(9, "harbour", "harbour.svg").replace("<link>https://mag.example/harbour/</link>", "<link></link>");
    let roundup = format!(
        "<p>The month's best.</p>\n\n\
         <a href=\"{SITE}/kamasi-oslo/\"><img class=\"wp-image-7\" src=\"{up}/kamasi.svg\" alt=\"Kamasi\" /></a>\n\n\
         <a href=\"{SITE}/kamasi-oslo/kamasi-oslo/\"><img class=\"wp-image-7\" src=\"{up}/kamasi.svg\" alt=\"Kamasi\" /></a>\n\n\
         <a href=\"{SITE}/harbour/\"><img class=\"wp-image-9\" src=\"{up}/harbour.svg\" alt=\"Harbour\" /></a>"
    );
    let xml = export(&[
        kamasi,
        harbour,
        item(Item { id: 20, slug: "kamasi-oslo", ..Item::default() }),
        item(Item { id: 21, slug: "harbour", ..Item::default() }),
        item(Item { id: 22, slug: "may-round-up", content: &roundup, ..Item::default() }),
    ]);
    let (code, text) = import(&dir, &xml, &["--uploads", &uploads.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    let a = article(&dir, "may-round-up");
    let links: Vec<serde_json::Value> = a["body"]
        .as_array()
        .map(|b| b.iter().filter(|b| b["type"] == "image").map(|b| b["link"].clone()).collect())
        .unwrap_or_default();
    assert_eq!(
        links,
        [serde_json::json!("/article/kamasi-oslo"), serde_json::Value::Null, serde_json::json!("/article/harbour")],
        "{a}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn sticky_posts_are_featured_newest_first_as_wordpress_shows_them() {
    let dir = scratch("sticky", &[]);
    let sticky = |id, slug, date_gmt| {
        item(Item { id, slug, date_gmt, ..Item::default() })
            .replace("<wp:is_sticky>0</wp:is_sticky>", "<wp:is_sticky>1</wp:is_sticky>")
    };
    // The export lists its items by id; WordPress shows sticky posts by date.
    let posts = [
        sticky(1, "festival-diary", "2024-05-03 10:00:00"),
        sticky(2, "spring-preview", "2024-03-01 10:00:00"),
        sticky(3, "album-of-the-month", "2024-04-15 10:00:00"),
        item(Item { id: 4, slug: "news-in-brief", date_gmt: "2024-06-01 10:00:00", ..Item::default() }),
    ];
    let (code, text) = import(&dir, &export(&posts), &[]);
    assert_eq!(code, 0, "{text}");
    let index: serde_json::Value = serde_json::from_str(&read(&dir.join("public/content/index.json"))).expect("JSON");
    let featured: Vec<&str> =
        index["featured"].as_array().expect("featured").iter().filter_map(|s| s.as_str()).collect();
    assert_eq!(
        featured.get(..3),
        Some(&["festival-diary", "album-of-the-month", "spring-preview"][..]),
        "{featured:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn with_plain_permalinks_a_section_tag_author_or_feed_by_query_leads_where_its_path_would() {
    let dir = scratch("plain-archives", &[]);
    let head = "<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[editor]]></wp:author_login>\
                <wp:author_display_name><![CDATA[Aki Morimoto]]></wp:author_display_name></wp:author>\
                <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>jazz</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>Jazz</wp:cat_name></wp:category>";
    let plain = |i: Item| {
        let (id, slug) = (i.id, i.slug);
        item(i).replace(&format!("<link>{SITE}/{slug}/</link>"), &format!("<link>{SITE}/?p={id}</link>"))
    };
    let extra = "<category domain=\"category\" nicename=\"jazz\"><![CDATA[Jazz]]></category>\
                 <category domain=\"post_tag\" nicename=\"live\"><![CDATA[live]]></category>";
    let content = format!(
        "<p>More <a href=\"{SITE}/?cat=3\">jazz</a>, <a href=\"{SITE}/?tag=live\">live sets</a>, \
         <a href=\"{SITE}/index.php?author=2\">by Aki</a>, and <a href=\"{SITE}/?feed=rss2\">the feed</a>.</p>"
    );
    let posts = [
        head.to_string(),
        plain(Item { id: 1, slug: "night-set", extra, ..Item::default() }),
        plain(Item { id: 2, slug: "pointers", content: &content, ..Item::default() }),
    ];
    let (code, text) = import(&dir, &export(&posts), &[]);
    assert_eq!(code, 0, "{text}");
    let body = article(&dir, "pointers")["body"].to_string();
    for href in ["/category/jazz", "/search?q=live", "/search?q=Aki%20Morimoto", "/feed.xml"] {
        assert!(body.contains(&format!("\"href\":\"{href}\"")), "{href} in {body}");
    }
    assert!(report_lines(&dir).iter().all(|l| !l.contains("old site")), "{:?}", report_lines(&dir));
    let redirects = read(&dir.join("public/_redirects"));
    for rule in [
        "/ p=1 /article/night-set 301",
        "/ cat=3 /category/jazz 301",
        "/ tag=live /search?q=live 301",
        "/ author=2 /search?q=Aki%20Morimoto 301",
        "/ feed=rss2 /feed.xml 301",
        "/index.php feed=rss2 /feed.xml 301",
    ] {
        assert!(redirects.lines().any(|l| l == rule), "{rule} in {redirects}");
    }
    let nginx = read(&dir.join("wordpress-redirects.nginx.conf"));
    for line in ["    \"/?cat=3\" \"/category/jazz\";", "    \"/index.php?author=2\" \"/search?q=Aki%20Morimoto\";"] {
        assert!(nginx.contains(line), "{line} in {nginx}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn another_kind_of_post_is_named_in_the_report_and_imported_with_post_types() {
    let dir = scratch("post-types", &[]);
    let review = item(Item {
        id: 12,
        slug: "album-of-the-week",
        extra: &comment(61, 0, "2024-05-02 10:00:00"),
        ..Item::default()
    })
    .replace("<wp:post_type>post</wp:post_type>", "<wp:post_type>review</wp:post_type>")
    .replace(
        &format!("<link>{SITE}/album-of-the-week/</link>"),
        &format!("<link>{SITE}/reviews/album-of-the-week/</link>"),
    );
    // WordPress's own records and a plugin's settings are no one's reading.
    let menu = item(Item { id: 13, slug: "13", ..Item::default() })
        .replace("<wp:post_type>post</wp:post_type>", "<wp:post_type>nav_menu_item</wp:post_type>")
        .replace(&format!("<link>{SITE}/13/</link>"), &format!("<link>{SITE}/?p=13</link>"));
    let xml = export(&[item(Item { id: 7, slug: "film-out", ..Item::default() }), review, menu]);
    let (code, text) = import(&dir, &xml, &[]);
    assert_eq!(code, 0, "{text}");
    let lines = report_lines(&dir);
    let named: Vec<&String> = lines.iter().filter(|l| l.contains("of the kind")).collect();
    assert_eq!(named.len(), 1, "{lines:#?}");
    assert!(
        named[0].contains("1 post(s) of the kind `review` left out (“Post 12”)")
            && named[0].contains("--post-types review")
    );
    assert!(!dir.join("public/content/articles/album-of-the-week.json").exists());

    let db = dir.join("comments.db");
    let (code, text) = import(&dir, &xml, &["--post-types", "review", "--isso-db", &db.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(article(&dir, "album-of-the-week")["title"], "Post 12");
    let redirects = read(&dir.join("public/_redirects"));
    assert!(
        redirects.lines().any(|l| l == "/reviews/album-of-the-week/ /article/album-of-the-week 301"),
        "{redirects}"
    );
    let comments: i64 = rusqlite::Connection::open(&db)
        .and_then(|c| {
            c.query_row(
                "SELECT count(*) FROM comments JOIN threads ON comments.tid = threads.id WHERE threads.uri LIKE '%album-of-the-week%'",
                [],
                |r| r.get(0),
            )
        })
        .expect("Isso's database");
    assert_eq!(comments, 1);
    assert!(!report_lines(&dir).iter().any(|l| l.contains("of the kind")));
    // A run without it after one with it changes nothing, and says why.
    let (code, text) = import(&dir, &xml, &[]);
    assert_ne!(code, 0, "{text}");
    assert!(text.contains("1 post(s) of other kinds that WordPress still has (album-of-the-week)"), "{text}");
    assert!(text.contains("--post-types review"), "{text}");
    assert!(dir.join("public/content/articles/album-of-the-week.json").is_file());
    let (code, text) = import(&dir, &xml, &["--post-types", "page"]);
    assert_ne!(code, 0);
    assert!(text.contains("--pages imports pages"), "{text}");
    // Pages and another kind both imported, then a run with neither flag:
    // one message names both, so the next run is the right one.
    let about = page(Item { id: 3, slug: "about", content: "<p>Who we are.</p>", ..Item::default() });
    let with_page = xml.replace("</channel>", &format!("{about}</channel>"));
    let (code, text) = import(&dir, &with_page, &["--pages", "--post-types", "review"]);
    assert_eq!(code, 0, "{text}");
    let (code, text) = import(&dir, &with_page, &[]);
    assert_ne!(code, 0, "{text}");
    assert!(
        text.contains("1 page(s) that WordPress still has (about), and 1 post(s) of other kinds that WordPress still has (album-of-the-week)")
            && text.contains("run it with --pages --post-types review to keep them"),
        "{text}"
    );
    let (code, text) = import(&dir, &with_page, &["--pages", "--post-types", "review"]);
    assert_eq!(code, 0, "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_link_to_a_picture_brought_over_leads_to_its_copy_in_posts_and_comments() {
    // One post shows the picture; another (before it, by id) links to the
    // full-size file, as "see the poster" links do; a comment does too.
    let dir = scratch("picture-links", &[]);
    let uploads = uploads_with_a_red_square(&dir, "2024/05/poster.svg");
    let shown = format!(
        r#"<figure class="wp-block-image"><img src="{SITE}/wp-content/uploads/2024/05/poster-300x300.svg" alt="A red poster"/></figure>"#
    );
    let linking = format!(r#"<p>See <a href="{SITE}/wp-content/uploads/2024/05/poster.svg">the poster</a>.</p>"#);
    let remark = comment(71, 0, "2024-05-02 10:00:00").replace(
        "Comment 71.",
        &format!(r#"&lt;a href="{SITE}/wp-content/uploads/2024/05/poster-300x300.svg"&gt;Big&lt;/a&gt;"#),
    );
    let xml = export(&[
        item(Item { id: 1, slug: "linking", content: &linking, extra: &remark, ..Item::default() }),
        item(Item { id: 2, slug: "showing", content: &shown, ..Item::default() }),
    ]);
    let db = dir.join("comments.db");
    let (code, text) =
        import(&dir, &xml, &["--uploads", &uploads.to_string_lossy(), "--isso-db", &db.to_string_lossy()]);
    assert_eq!(code, 0, "{text}");
    let src = article(&dir, "showing")["body"][0]["src"].as_str().map(str::to_string).unwrap_or_default();
    assert!(src.starts_with("images/wp/"), "{src}");
    assert_eq!(article(&dir, "linking")["body"][0]["content"][1]["href"], format!("/{src}"));
    let lines = report_lines(&dir);
    assert!(!lines.iter().any(|l| l.contains("still leads to the old site")), "{lines:#?}");
    let text: String = rusqlite::Connection::open(&db)
        .and_then(|c| c.query_row("SELECT text FROM comments", [], |r| r.get(0)))
        .expect("the comment");
    assert!(text.contains(&format!("({SITE}/{src})")), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_post_in_two_files_of_an_export_is_its_copy_changed_last_whatever_the_order() {
    let dir = scratch("two-copies", &[]);
    let older = item(Item { id: 4, slug: "tour-diary", content: "<p>Before the tour.</p>", ..Item::default() });
    let later = |xml: String| {
        xml.replace(
            "<wp:post_modified_gmt>2024-05-01 10:00:00</wp:post_modified_gmt>",
            "<wp:post_modified_gmt>2024-06-01 09:30:00</wp:post_modified_gmt>",
        )
    };
    let newer = later(item(Item { id: 4, slug: "tour-diary", content: "<p>After the tour.</p>", ..Item::default() }));
    let trashed = later(item(Item { id: 4, slug: "tour-diary", status: "trash", ..Item::default() }));
    let files = |first: &str, second: &str| {
        let other = dir.join("export-2.xml");
        std::fs::write(&other, export(&[second.to_string()])).expect("the second file");
        import(&dir, &export(&[first.to_string()]), &["--wxr", &other.to_string_lossy()])
    };
    for (first, second) in [(&older, &newer), (&newer, &older)] {
        let (code, text) = files(first, second);
        assert_eq!(code, 0, "{text}");
        assert_eq!(article(&dir, "tour-diary")["body"][0]["content"][0]["text"], "After the tour.");
        let lines = report_lines(&dir);
        assert!(lines.iter().any(|l| l.contains("tour-diary: the post is in two of the files") && l.contains("2024-06-01 09:30:00")), "{lines:#?}");
    }
    // Trashed since the first file was exported: taken down, not imported.
    let (code, text) = files(&older, &trashed);
    assert_eq!(code, 0, "{text}");
    assert!(!dir.join("public/content/articles/tour-diary.json").exists(), "{text}");
    assert!(report_lines(&dir).iter().any(|l| l == "tour-diary: post in the trash left out"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn classic_anchors_name_the_parts_a_table_of_contents_and_other_posts_lead_to() {
    let dir = scratch("classic-anchors", &[]);
    // As the classic editor and table-of-contents plugins write them.
    let content =
        "<ul><li><a href=\"#s1\">One</a></li><li><a href=\"#s2\">Two</a></li><li><a href=\"#s3\">Three</a></li>\
                   <li><a href=\"#Part_four\">Four</a></li></ul>\
                   <h2><a name=\"s1\"></a>Part one</h2><p>First.</p>\
                   <a name=\"s2\"></a><h2>Part two</h2><p>Second.</p>\
                   <p><a id=\"s3\"></a>Third, with no heading.</p>\
                   <h2><span class=\"ez-toc-section\" id=\"Part_four\"></span>Part four</h2><p>Fourth.</p>";
    let other = format!("<p>See <a href=\"{SITE}/contents/#s2\">part two</a>.</p>");
    let posts = [
        item(Item { id: 1, slug: "contents", content, ..Item::default() }),
        item(Item { id: 2, slug: "pointer", content: &other, ..Item::default() }),
    ];
    let (code, text) = import(&dir, &export(&posts), &[]);
    assert_eq!(code, 0, "{text}");
    let body = article(&dir, "contents")["body"].clone();
    let id_of = |words: &str| {
        body.as_array()
            .and_then(|b| b.iter().find(|b| b.to_string().contains(words)))
            .map(|b| b["id"].as_str().unwrap_or_default().to_string())
            .unwrap_or_default()
    };
    assert_eq!((id_of("Part one").as_str(), id_of("Part two").as_str()), ("s1", "s2"));
    assert_eq!(id_of("Third, with no heading"), "s3");
    let four = id_of("Part four");
    let toc = body[0].to_string();
    for href in
        ["/article/contents#s1", "/article/contents#s2", "/article/contents#s3", &format!("/article/contents#{four}")]
    {
        assert!(toc.contains(&format!("\"href\":\"{href}\"")), "{href} in {toc}");
    }
    assert_eq!(article(&dir, "pointer")["body"][0]["content"][1]["href"], "/article/contents#s2");
    let lines = report_lines(&dir);
    assert!(!lines.iter().any(|l| l.contains("no part of the article has that name")), "{lines:#?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_byline_of_several_people_names_each_of_them_in_its_order() {
    // Co-Authors Plus: an `author` term per person, users and guests.
    let dir = scratch("coauthors", &[]);
    let user = |login: &str, name: &str| {
        format!(
            "<wp:author><wp:author_login><![CDATA[{login}]]></wp:author_login>\
             <wp:author_display_name><![CDATA[{name}]]></wp:author_display_name></wp:author>"
        )
    };
    let guest = item(Item {
        id: 40,
        slug: "cap-guest-writer",
        extra: "<wp:postmeta><wp:meta_key>cap-user_login</wp:meta_key><wp:meta_value>guest-writer</wp:meta_value></wp:postmeta>\
                <wp:postmeta><wp:meta_key>cap-display_name</wp:meta_key><wp:meta_value>Maren Holt</wp:meta_value></wp:postmeta>",
        ..Item::default()
    })
    .replace("<wp:post_type>post</wp:post_type>", "<wp:post_type>guest-author</wp:post_type>");
    let byline = "<category domain=\"author\" nicename=\"cap-jo-smith\"><![CDATA[jo.smith]]></category>\
                  <category domain=\"author\" nicename=\"cap-guest-writer\"><![CDATA[guest-writer]]></category>\
                  <category domain=\"author\" nicename=\"cap-nobody\"><![CDATA[nobody]]></category>";
    let xml = export(&[
        user("editor", "Edda Tor"),
        user("jo.smith", "Jo Smith"),
        item(Item { id: 1, slug: "two-writers", extra: byline, ..Item::default() }),
        item(Item { id: 2, slug: "one-writer", ..Item::default() }),
        guest,
    ]);
    let (code, text) = import(&dir, &xml, &[]);
    assert_eq!(code, 0, "{text}");
    let names = |slug: &str| {
        article(&dir, slug)["authors"].as_array().map(|a| a.iter().map(|a| a["name"].to_string()).collect::<Vec<_>>())
    };
    assert_eq!(names("two-writers"), Some(vec!["\"Jo Smith\"".to_string(), "\"Maren Holt\"".to_string()]));
    assert_eq!(names("one-writer"), Some(vec!["\"Edda Tor\"".to_string()]));
    let lines = report_lines(&dir);
    assert!(lines.iter().any(|l| l.starts_with("two-writers: byline `nobody` left out")), "{lines:#?}");
    assert!(!lines.iter().any(|l| l.contains("guest-author") || l.contains("cap-guest-writer")), "{lines:#?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_tags_that_differ_only_in_case_are_one() {
    let dir = scratch("tag-case", &[]);
    let extra = "<category domain=\"post_tag\" nicename=\"k-pop\"><![CDATA[K-Pop]]></category>\
                 <category domain=\"post_tag\" nicename=\"k-pop-2\"><![CDATA[k-pop]]></category>";
    let (code, text) = import(&dir, &export(&[item(Item { id: 1, slug: "idols", extra, ..Item::default() })]), &[]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(article(&dir, "idols")["tags"], serde_json::json!(["K-Pop"]));
    // Run again on the same export: the summary says nothing changed.
    let (code, text) = import(&dir, &export(&[item(Item { id: 1, slug: "idols", extra, ..Item::default() })]), &[]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("imported 1 articles (all as they were)"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_shortcode_in_a_written_excerpt_leaves_only_its_words_in_the_dek() {
    let dir = scratch("excerpt-shortcode", &[]);
    let post = item(Item { id: 1, slug: "dek", ..Item::default() }).replace(
        "<excerpt:encoded><![CDATA[]]></excerpt:encoded>",
        "<excerpt:encoded><![CDATA[[caption id=\"attachment_5\" width=\"300\"]A night at the pier.[/caption] Ten songs, one ferry.]]></excerpt:encoded>",
    );
    let (code, text) = import(&dir, &export(&[post]), &[]);
    assert_eq!(code, 0, "{text}");
    let dek = article(&dir, "dek")["dek"].as_str().unwrap_or_default().to_string();
    assert!(!dek.contains('[') && dek.contains("Ten songs, one ferry."), "{dek}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_article_whose_post_went_back_to_a_draft_is_taken_down_and_said_to_be() {
    let dir = scratch("back-to-draft", &[]);
    let (code, text) = import(&dir, &export(&[item(Item { id: 5, slug: "second-thoughts", ..Item::default() })]), &[]);
    assert_eq!(code, 0, "{text}");
    let draft = item(Item { id: 5, slug: "second-thoughts", status: "draft", ..Item::default() });
    let (code, text) = import(&dir, &export(&[item(Item { id: 6, slug: "other", ..Item::default() }), draft]), &[]);
    assert_eq!(code, 0, "{text}");
    assert!(!dir.join("public/content/articles/second-thoughts.json").exists());
    assert!(text.contains("taken down (no longer published in WordPress): second-thoughts (draft left out)"), "{text}");
    assert!(!text.contains("removed ("), "not said to be gone from WordPress: {text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_address_another_post_took_over_is_named_in_the_report() {
    let dir = scratch("slug-taken-over", &[]);
    let (code, text) = import(&dir, &export(&[item(Item { id: 21, slug: "edited-story", ..Item::default() })]), &[]);
    assert_eq!(code, 0, "{text}");
    // Trashed, and a new post given its slug.
    let xml = export(&[
        item(Item { id: 21, slug: "edited-story", status: "trash", ..Item::default() }),
        item(Item { id: 36, slug: "edited-story", content: "<p>Other words.</p>", ..Item::default() }),
    ]);
    let (code, text) = import(&dir, &xml, &[]);
    assert_eq!(code, 0, "{text}");
    let lines = report_lines(&dir);
    assert!(
        lines.iter().any(|l| l == "edited-story: /article/edited-story now holds post 36: post 21, whose article it was, is no longer on the site"),
        "{lines:#?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
