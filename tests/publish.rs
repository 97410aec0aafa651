//! The publisher tool as a publisher runs it: its exit codes and messages on
//! good and broken content directories.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::Command;

fn publish(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_publish")).args(args).output().expect("the tool runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("linernotes-publish-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    dir
}

#[test]
fn the_samples_pass() {
    let dir = fixture("public/content");
    let (ok, text) = publish(&["validate", dir.to_str().unwrap()]);
    assert!(ok, "{text}");
    let (ok, text) = publish(&["check", dir.to_str().unwrap()]);
    assert!(ok, "{text}");
}

#[test]
fn broken_files_are_reported_with_file_field_and_reason() {
    let dir = fixture("e2e/fixtures/content");
    let (ok, text) = publish(&["validate", dir.to_str().unwrap()]);
    assert!(!ok, "{text}");
    assert!(text.contains("truncated.json:"), "{text}");
    assert!(text.contains("html-instead.json:"), "{text}");
    assert!(text.contains("missing-title.json:") && text.contains("title"), "{text}");
    assert!(text.contains("odd-blocks.json:") && text.contains("body["), "{text}");
    assert!(!text.contains("panicked"), "{text}");
}

#[test]
fn index_writes_the_index_and_search_files_and_check_sees_staleness() {
    let dir = scratch("index");
    let sample = fixture("public/content/articles/film-out.json");
    std::fs::copy(&sample, dir.join("articles/film-out.json")).unwrap();
    let (ok, text) = publish(&["check", dir.to_str().unwrap()]);
    assert!(!ok, "no index yet: {text}");
    let (ok, text) = publish(&["index", dir.to_str().unwrap()]);
    assert!(ok, "{text}");
    assert!(dir.join("index.json").is_file());
    assert!(dir.join("search/index.json").is_file());
    assert!(dir.join("search/docs-0.json").is_file());
    let (ok, text) = publish(&["check", dir.to_str().unwrap()]);
    assert!(ok, "{text}");
    // A new article makes both stale.
    let mut other = std::fs::read_to_string(&sample).unwrap().replace("\"film-out\"", "\"film-out-2\"");
    other = other.replace("Film Out", "Film Out Again");
    std::fs::write(dir.join("articles/film-out-2.json"), other).unwrap();
    let (ok, text) = publish(&["check", dir.to_str().unwrap()]);
    assert!(!ok, "{text}");
    assert!(text.contains("search is stale"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn index_warns_of_what_a_json_article_holds_that_the_reader_cannot_read() {
    let dir = scratch("index-warns");
    let sample = fixture("public/content/articles/film-out.json");
    std::fs::copy(&sample, dir.join("articles/film-out.json")).unwrap();
    let (ok, text) = publish(&["index", dir.to_str().unwrap()]);
    assert!(ok && !text.contains("warning"), "{text}");
    let bad = std::fs::read_to_string(&sample).unwrap().replacen("\"body\"", "\"language\": \"de_DE\", \"body\"", 1);
    std::fs::write(dir.join("articles/film-out.json"), bad).unwrap();
    let (ok, text) = publish(&["index", dir.to_str().unwrap()]);
    // Still written: the reader shows the article without what it cannot read.
    assert!(ok, "{text}");
    assert!(text.contains("warning:") && text.contains("film-out.json") && text.contains("`de_DE`"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unlisted_page_is_left_out_of_the_index_and_search() {
    let dir = scratch("unlisted");
    let sample = fixture("public/content/articles/film-out.json");
    std::fs::copy(&sample, dir.join("articles/film-out.json")).unwrap();
    let about = r#"{"schema":1,"slug":"about","title":"About the masthead","published":"2020-01-01T00:00:00Z",
        "unlisted":true,"body":[{"type":"paragraph","id":"p1","content":[{"text":"Who we are."}]}]}"#;
    std::fs::write(dir.join("articles/about.json"), about).unwrap();
    let (ok, text) = publish(&["index", dir.to_str().unwrap()]);
    assert!(ok, "{text}");
    let index = std::fs::read_to_string(dir.join("index.json")).unwrap();
    assert!(index.contains("\"film-out\"") && !index.contains("\"about\""), "{index}");
    let docs = std::fs::read_to_string(dir.join("search/docs-0.json")).unwrap();
    assert!(!docs.contains("masthead") && docs.contains("film-out"), "{docs}");
    assert!(
        !dir.join("search/terms-m.json").exists() || {
            let terms = std::fs::read_to_string(dir.join("search/terms-m.json")).unwrap();
            !terms.contains("masthead")
        }
    );
    let (ok, text) = publish(&["validate", dir.to_str().unwrap()]);
    assert!(ok, "an unlisted page is valid: {text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_missing_directory_or_a_broken_file_is_an_error_not_a_panic() {
    let (ok, text) = publish(&["index", "/nonexistent/linernotes"]);
    assert!(!ok);
    assert!(text.contains("error:"), "{text}");
    let dir = scratch("broken");
    std::fs::write(dir.join("articles/bad.json"), "{\"schema\": 1, \"slug\": \"bad\"").unwrap();
    let (ok, text) = publish(&["index", dir.to_str().unwrap()]);
    assert!(!ok);
    assert!(text.contains("bad.json") && !text.contains("panicked"), "{text}");
    let (ok, _) = publish(&["bogus"]);
    assert!(!ok);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A copy of the sample site's content and images, to change freely.
fn sample_site(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("linernotes-publish-site-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&fixture("public/content"), &dir.join("content"));
    copy_dir(&fixture("public/images"), &dir.join("images"));
    std::fs::copy(fixture("public/site.json"), dir.join("site.json")).unwrap();
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn index_compiles_markdown_and_check_notices_a_stale_compiled_file() {
    let site = sample_site("compile");
    let content = site.join("content");
    let dir = content.to_str().unwrap();
    let (ok, text) = publish(&["check", dir]);
    assert!(ok, "the copied samples are current: {text}");

    // An edit to the source makes its JSON (and the search files) stale.
    let source = content.join("articles/film-out.md");
    let json = content.join("articles/film-out.json");
    let md = std::fs::read_to_string(&source).unwrap();
    std::fs::write(&source, md.replace("moves at a walking pace", "moves at a slow walking pace")).unwrap();
    let (ok, text) = publish(&["check", dir]);
    assert!(!ok && text.contains("film-out.json is stale"), "{text}");
    let (ok, text) = publish(&["validate", dir]);
    assert!(!ok && text.contains("film-out.json: not what"), "{text}");

    let (ok, text) = publish(&["index", dir]);
    assert!(ok, "{text}");
    assert!(std::fs::read_to_string(&json).unwrap().contains("moves at a slow walking pace"));
    let (ok, text) = publish(&["check", dir]);
    assert!(ok, "{text}");
    let (ok, text) = publish(&["validate", dir]);
    assert!(ok, "{text}");
    let _ = std::fs::remove_dir_all(&site);
}

#[test]
fn a_renamed_md_names_the_json_it_left_behind() {
    let site = sample_site("renamed");
    let content = site.join("content");
    let dir = content.to_str().unwrap();
    let articles = content.join("articles");
    std::fs::rename(articles.join("film-out.md"), articles.join("film-out-single.md")).unwrap();
    let (ok, text) = publish(&["index", dir]);
    assert!(ok, "{text}");
    assert!(articles.join("film-out-single.json").is_file());
    let warning = "film-out.json: has no Markdown source and holds the article";
    assert!(text.contains(&format!("warning: {}", articles.join("film-out.json").display())), "{text}");
    assert!(text.contains(warning) && text.contains("film-out-single.md"), "{text}");
    let (ok, text) = publish(&["validate", dir]);
    assert!(!ok && text.contains(warning), "{text}");
    // Deleted as told, the site is whole again.
    std::fs::remove_file(articles.join("film-out.json")).unwrap();
    let (ok, text) = publish(&["index", dir]);
    assert!(ok && !text.contains("has no Markdown source"), "{text}");
    // The old name's place in the featured list is given up, and said so.
    assert!(text.contains("`featured` names `film-out`, which is no article here"), "{text}");
    let (ok, text) = publish(&["index", dir]);
    assert!(ok && !text.contains("warning"), "{text}");
    let _ = std::fs::remove_dir_all(&site);
}

#[test]
fn a_new_md_never_replaces_another_article_of_the_same_name() {
    let site = sample_site("replace");
    let content = site.join("content");
    let dir = content.to_str().unwrap();
    // A hand-written or imported article, and a new Markdown file given its
    // name by mistake: another headline, another date.
    let json = content.join("articles/kestrel-and-the-lamps.json");
    let before = std::fs::read_to_string(&json).unwrap();
    std::fs::write(
        content.join("articles/kestrel-and-the-lamps.md"),
        "---\ntitle: Something else\npublished: 2026-01-01T09:00:00Z\n---\nOne line.\n",
    )
    .unwrap();
    for command in ["validate", "check", "index"] {
        let (ok, text) = publish(&[command, dir]);
        assert!(!ok && text.contains("kestrel-and-the-lamps.json: holds another article"), "{command}: {text}");
        assert!(!text.contains("panicked"), "{text}");
    }
    assert_eq!(std::fs::read_to_string(&json).unwrap(), before, "the article is kept");

    // The same article with a new headline is an edit: it is written.
    let article = linernotes::model::parse_article(&before).unwrap().value;
    std::fs::write(
        content.join("articles/kestrel-and-the-lamps.md"),
        format!("---\ntitle: A new headline\npublished: {}\n---\nOne line.\n", article.published),
    )
    .unwrap();
    let (ok, text) = publish(&["index", dir]);
    assert!(ok, "{text}");
    assert!(std::fs::read_to_string(&json).unwrap().contains("A new headline"));

    // So is a new headline and a new date over the same text, in one edit.
    std::fs::remove_file(content.join("articles/kestrel-and-the-lamps.md")).unwrap();
    std::fs::write(&json, &before).unwrap();
    let (ok, text) = publish(&["export-md", "kestrel-and-the-lamps", dir]);
    assert!(ok, "{text}");
    let md = content.join("articles/kestrel-and-the-lamps.md");
    let source = std::fs::read_to_string(&md).unwrap();
    let published = format!("published: {}", article.published);
    assert!(source.contains(&published), "{source}");
    let source = source.replacen(&published, "published: 2030-02-03T10:00:00Z", 1).replacen(
        &format!("title: {}", article.title),
        "title: Rewritten and moved",
        1,
    );
    assert!(source.contains("Rewritten and moved"), "{source}");
    std::fs::write(&md, source).unwrap();
    let (ok, text) = publish(&["index", dir]);
    assert!(ok, "{text}");
    assert!(std::fs::read_to_string(&json).unwrap().contains("Rewritten and moved"));
    let _ = std::fs::remove_dir_all(&site);
}

#[test]
fn broken_markdown_is_reported_all_at_once_with_file_line_and_column_and_nothing_is_written() {
    let site = sample_site("broken");
    let content = site.join("content");
    let dir = content.to_str().unwrap();
    let source = content.join("articles/film-out.md");
    let json = content.join("articles/film-out.json");
    let before = std::fs::read_to_string(&json).unwrap();
    let md = std::fs::read_to_string(&source).unwrap();
    let broken = md.replace("tags: [", "tags: {").replace("Soundtracks]", "Soundtracks}")
        + "\n<div>raw</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nA [bad link](javascript:alert(1)).\n";
    std::fs::write(&source, &broken).unwrap();
    let line_of = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let (ok, text) = publish(&["validate", dir]);
    assert!(!ok, "{text}");
    let path = source.display().to_string();
    for expected in [
        format!("{path}:{}:7: `tags` should be a list", line_of("tags: {")),
        format!("{path}:{}:1: raw HTML", line_of("<div>")),
        format!("{path}:{}:1: tables", line_of("| a | b |")),
        format!("{path}:{}:3: the link `javascript:alert(1)` is refused", line_of("[bad link]")),
    ] {
        assert!(text.contains(&expected), "missing “{expected}” in\n{text}");
    }
    assert!(text.contains("4 problem(s) found"), "{text}");

    let (ok, text) = publish(&["index", dir]);
    assert!(!ok && text.contains("nothing written"), "{text}");
    assert_eq!(std::fs::read_to_string(&json).unwrap(), before, "the last good JSON is kept");
    assert!(!text.contains("panicked"), "{text}");
    let _ = std::fs::remove_dir_all(&site);
}

#[test]
fn new_writes_a_dated_article_from_the_template_that_compiles() {
    let site = sample_site("new");
    let content = site.join("content");
    let dir = content.to_str().unwrap();
    let today = |offset: u64| {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() - offset;
        let days = (secs / 86_400) as i64;
        // Days to a civil date (the same algorithm the tool uses, kept here
        // so the test does not trust it).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        format!("{:04}-{m:02}-{d:02}", yoe + era * 400 + i64::from(m <= 2))
    };
    let (ok, text) = publish(&["new", "Björk’s “Homogenic” at 25", dir]);
    assert!(ok, "{text}");
    let path = content.join("articles/bjorks-homogenic-at-25.md");
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.contains("title: \"Björk’s “Homogenic” at 25\""), "{md}");
    assert!(
        md.contains(&format!("published: {}T", today(0))) || md.contains(&format!("published: {}T", today(60))),
        "{md}"
    );
    assert!(md.contains("# one of: News, Featured, Discovery, Reviews"), "{md}");
    // Its example link leads somewhere on every magazine, not to one of our samples.
    assert!(!md.contains("/article/"), "{md}");

    let (ok, text) = publish(&["index", dir]);
    assert!(ok, "the new article compiles as it is: {text}");
    assert!(
        text.contains("warning: this is still the paragraph `publish new` wrote"),
        "and says what is left to write: {text}"
    );
    let json = std::fs::read_to_string(content.join("articles/bjorks-homogenic-at-25.json")).unwrap();
    assert!(json.contains("\"title\": \"Björk’s “Homogenic” at 25\""), "{json}");
    assert!(!json.contains("What else an article can hold"), "the guide in the comment is not published");
    assert!(std::fs::read_to_string(content.join("index.json")).unwrap().contains("bjorks-homogenic-at-25"));

    let (ok, text) = publish(&["new", "Björk’s “Homogenic” at 25", dir]);
    assert!(!ok && text.contains("already exists"), "{text}");
    let (ok, text) = publish(&["new", "シグナル", dir]);
    assert!(!ok && text.contains("--slug"), "{text}");
    let (ok, text) = publish(&["new", "方大同 and 시티팝", dir]);
    assert!(!ok && text.contains("/article/and, without 方大同 시티팝") && text.contains("--slug"), "{text}");
    assert!(!content.join("articles/and.md").exists());
    // A word the address spells in part is in it: no refusal.
    let (ok, text) = publish(&["new", "BTS의 Değişen Sesler", dir]);
    assert!(ok, "{text}");
    let (ok, text) = publish(&["new", "シグナル", dir, "--slug", "signal"]);
    assert!(ok && content.join("articles/signal.md").is_file(), "{text}");
    let _ = std::fs::remove_dir_all(&site);
}

#[test]
fn export_md_writes_a_source_that_compiles_to_the_same_json() {
    let site = sample_site("export");
    let content = site.join("content");
    let dir = content.to_str().unwrap();
    let json = content.join("articles/tidewater-hymns-review.json");
    let before = std::fs::read_to_string(&json).unwrap();

    let (ok, text) = publish(&["export-md", "tidewater-hymns-review", dir, "--stdout"]);
    assert!(ok && text.starts_with("---\ntitle: "), "{text}");
    assert!(!content.join("articles/tidewater-hymns-review.md").exists(), "--stdout writes no file");

    let (ok, text) = publish(&["export-md", "tidewater-hymns-review", dir]);
    assert!(ok && text.contains("byte for byte"), "{text}");
    assert!(content.join("articles/tidewater-hymns-review.md").is_file());
    let (ok, text) = publish(&["index", dir]);
    assert!(ok, "{text}");
    assert_eq!(std::fs::read_to_string(&json).unwrap(), before);
    let (ok, text) = publish(&["check", dir]);
    assert!(ok, "{text}");

    let (ok, text) = publish(&["export-md", "tidewater-hymns-review", dir]);
    assert!(!ok && text.contains("already exists"), "{text}");
    let (ok, text) = publish(&["export-md", "no-such-article", dir]);
    assert!(!ok && text.contains("no-such-article.json") && text.contains("there is no article"), "{text}");

    // Markdown that would not compile is not made the source: the site
    // keeps building from the JSON while the editor fixes it.
    let odd = content.join("articles/odd-author.json");
    let with_bad_author =
        before.replacen("\"authors\": [", "\"authors\": [{\"name\": \"X\", \"url\": \"javascript:x\"}, ", 1);
    assert_ne!(with_bad_author, before, "the sample names its authors");
    std::fs::write(&odd, with_bad_author.replace("\"slug\": \"tidewater-hymns-review\"", "\"slug\": \"odd-author\""))
        .unwrap();
    let (ok, text) = publish(&["export-md", "odd-author", dir]);
    assert!(!ok && text.contains("does not compile yet") && text.contains(".odd-author.md"), "{text}");
    assert!(content.join("articles/.odd-author.md").is_file());
    assert!(!content.join("articles/odd-author.md").exists());
    // The editor's fixes in that draft are not written over by a second export.
    let draft = content.join("articles/.odd-author.md");
    let fixed = std::fs::read_to_string(&draft).unwrap() + "\nA paragraph the editor added.\n";
    std::fs::write(&draft, &fixed).unwrap();
    let (ok, text) = publish(&["export-md", "odd-author", dir]);
    assert!(!ok && text.contains(".odd-author.md") && text.contains("may hold your fixes"), "{text}");
    assert!(!text.contains("  "), "one space between words: {text}");
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), fixed);
    let _ = std::fs::remove_dir_all(&site);
}

#[test]
fn a_draft_rewritten_whole_after_index_is_still_its_own_article() {
    let site = sample_site("rewrite");
    let content = site.join("content");
    let dir = content.to_str().unwrap();
    let md = content.join("articles/working-title.md");
    std::fs::write(&md, "---\ntitle: Working title\npublished: 2026-01-01T09:00:00Z\n---\nNotes to self.\n").unwrap();
    let (ok, text) = publish(&["index", dir]);
    assert!(ok, "{text}");
    // Headline, date and every word changed: still what this .md compiled to.
    std::fs::write(
        &md,
        "---\ntitle: The finished review\npublished: 2026-02-14T18:30:00Z\n---\nThe band played for two hours.\n",
    )
    .unwrap();
    for command in ["validate", "check"] {
        let (_, text) = publish(&[command, dir]);
        assert!(!text.contains("holds another article"), "{command}: {text}");
    }
    let (ok, text) = publish(&["index", dir]);
    assert!(ok, "{text}");
    let json = std::fs::read_to_string(content.join("articles/working-title.json")).unwrap();
    assert!(json.contains("The finished review"), "{json}");
    // Its source deleted, the article is still published: said so.
    std::fs::remove_file(&md).unwrap();
    let (ok, text) = publish(&["index", dir]);
    assert!(ok && text.contains("working-title.md is gone, and the article is still published"), "{text}");
    // A .json edited by hand since is another's again, and kept.
    let edited = json.replace("The finished review", "Edited by hand");
    std::fs::write(content.join("articles/working-title.json"), &edited).unwrap();
    std::fs::write(&md, "---\ntitle: Other words\npublished: 2027-03-01T09:00:00Z\n---\nSomething else.\n").unwrap();
    let (ok, text) = publish(&["index", dir]);
    assert!(!ok && text.contains("holds another article"), "{text}");
    assert_eq!(std::fs::read_to_string(content.join("articles/working-title.json")).unwrap(), edited);
    let _ = std::fs::remove_dir_all(&site);
}

#[test]
fn index_says_which_featured_slugs_it_leaves_out_and_why() {
    let dir = scratch("featured");
    for name in ["film-out", "tidewater-hymns-review"] {
        std::fs::copy(
            fixture(&format!("public/content/articles/{name}.json")),
            dir.join(format!("articles/{name}.json")),
        )
        .unwrap();
    }
    let about = r#"{"schema":1,"slug":"about","title":"About the masthead","published":"2020-01-01T00:00:00Z",
        "unlisted":true,"body":[{"type":"paragraph","id":"p1","content":[{"text":"Who we are."}]}]}"#;
    std::fs::write(dir.join("articles/about.json"), about).unwrap();
    std::fs::write(
        dir.join("index.json"),
        r#"{"articles":[],"featured":["film-out","nope","about","film-out","tidewater-hymns-review"]}"#,
    )
    .unwrap();
    let (ok, text) = publish(&["index", dir.to_str().unwrap()]);
    assert!(ok, "{text}");
    assert!(text.contains("`nope`, which is no article here"), "{text}");
    assert!(text.contains("`about`, which is unlisted"), "{text}");
    assert!(text.contains("`film-out` twice"), "{text}");
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    assert_eq!(index["featured"], serde_json::json!(["film-out", "tidewater-hymns-review"]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn help_prints_the_usage_and_a_closed_pipe_is_no_panic() {
    let (ok, text) = publish(&["--help"]);
    assert!(ok && text.starts_with("usage: publish"), "{text}");
    let (ok, text) = publish(&["import-wordpress", "--help"]);
    assert!(ok && text.contains("--wxr FILE [--wxr FILE …]"), "{text}");
    // `publish validate | head -0`: the reader of the output is gone before
    // the tool writes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_publish"))
        .args(["validate", fixture("public/content").to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the tool runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("it ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "{stderr}");
}
