//! The import command's HTTP client against a small real HTTP server on
//! loopback that answers the way broken or busy WordPress sites do: a REST
//! API behind a login, an HTML page instead of JSON, and a 429 with
//! `Retry-After` before the answer.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server answers: status, content type, extra headers, body.
type Answer = (u16, &'static str, Vec<(&'static str, String)>, String);

/// Serves `answer(path, times this path was asked before)` until the test
/// ends; returns the site's address and the requests it saw.
fn site(answer: fn(&str, usize) -> Answer) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let address = format!("http://{}/", listener.local_addr().expect("its address"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("a second handle"));
            let mut request = String::new();
            let _ = reader.read_line(&mut request);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
            let before = {
                let mut log = log.lock().expect("the log");
                let n = log.iter().filter(|p| **p == path).count();
                log.push(path.clone());
                n
            };
            let (status, kind, headers, body) = answer(&path, before);
            let mut head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            let _ = stream.write_all(format!("{head}\r\n{body}").as_bytes());
        }
    });
    (address, seen)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("linernotes-wp-client-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("public/content/articles")).expect("a scratch folder");
    dir
}

fn import(dir: &Path, url: &str) -> (i32, String) {
    import_with(dir, url, &[])
}

fn import_with(dir: &Path, url: &str, more: &[&str]) -> (i32, String) {
    let path = |p: &str| dir.join(p).to_string_lossy().into_owned();
    let out = Command::new(env!("CARGO_BIN_EXE_publish"))
        .args(["import-wordpress", "--rest", url, "--out", &path("public"), "--cache", &path("cache")])
        .args(["--report", &path("report.json"), "--no-remote-images"])
        .args(more)
        .output()
        .expect("the tool runs");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

const JSON: &str = "application/json; charset=UTF-8";
const HTML: &str = "text/html; charset=UTF-8";

#[test]
fn a_rest_api_behind_a_login_is_named_with_its_status() {
    let (url, _) = site(|_, _| (401, JSON, vec![], r#"{"code":"rest_not_logged_in"}"#.into()));
    let dir = scratch("login");
    let (code, text) = import(&dir, &url);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains(&format!("{url}wp-json/ answered with status 401 (the site refuses")), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_html_page_instead_of_the_api_says_there_is_no_rest_api() {
    let (url, seen) = site(|_, _| (200, HTML, vec![], "<!doctype html><title>Maintenance</title>".into()));
    let dir = scratch("html");
    let (code, text) = import(&dir, &url);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("no WordPress REST API at this address"), "{text}");
    // Both ways in were tried: pretty permalinks, then `?rest_route=`.
    assert_eq!(*seen.lock().expect("the log"), ["/wp-json/", "/?rest_route=/"]);
    // A wrong answer is not kept: the next run asks again.
    let (code, _) = import(&dir, &url);
    assert_eq!(code, 1);
    assert_eq!(seen.lock().expect("the log").len(), 4);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_busy_site_is_asked_again_after_retry_after_and_the_answer_is_kept() {
    let (url, seen) = site(|path, before| {
        let list = |body: &str| (200, JSON, vec![("X-WP-TotalPages", "1".to_string())], body.to_string());
        match path {
            "/wp-json/" => (200, JSON, vec![], r#"{"namespaces":["oembed/1.0","wp/v2"]}"#.into()),
            p if p.starts_with("/wp-json/wp/v2/posts") && before == 0 => {
                (429, JSON, vec![("Retry-After", "1".to_string())], r#"{"code":"too_many"}"#.into())
            }
            p if p.starts_with("/wp-json/wp/v2/posts") => list(
                r#"[{"id":7,"slug":"busy-day","status":"publish","link":"http://x.example/busy-day/",
                    "title":{"rendered":"A busy day"},"content":{"rendered":"<p>The site was busy.</p>"},
                    "excerpt":{"rendered":""},"date_gmt":"2024-05-01T10:00:00","modified_gmt":"2024-05-01T10:00:00"}]"#,
            ),
            _ => list("[]"),
        }
    });
    let dir = scratch("busy");
    let started = Instant::now();
    let (code, text) = import(&dir, &url);
    assert_eq!(code, 0, "{text}");
    assert!(started.elapsed() >= Duration::from_secs(1), "waited as Retry-After said");
    let posts: Vec<String> =
        seen.lock().expect("the log").iter().filter(|p| p.starts_with("/wp-json/wp/v2/posts")).cloned().collect();
    assert_eq!(posts.len(), 2, "{posts:?}");
    let article = std::fs::read_to_string(dir.join("public/content/articles/busy-day.json")).unwrap_or_default();
    assert!(article.contains("The site was busy."), "{article}");
    // A re-run is answered from the cache: the site is not asked again.
    let asked = seen.lock().expect("the log").len();
    let (code, text) = import(&dir, &url);
    assert_eq!(code, 0, "{text}");
    assert_eq!(seen.lock().expect("the log").len(), asked);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The address of the site of `an_address_below_the_site…` (known once it listens).
static HOME: std::sync::OnceLock<String> = std::sync::OnceLock::new();

#[test]
fn an_address_below_the_site_is_read_as_the_site_wordpress_says_it_is() {
    // WordPress answers its API below any path of its host: an address
    // with a path the site does not have still finds it.
    let (url, _) = site(|path, _| {
        let home = HOME.get().cloned().unwrap_or_default();
        let list = |body: String| (200, JSON, vec![("X-WP-TotalPages", "1".to_string())], body);
        match path {
            "/nonexistent/wp-json/" => (200, JSON, vec![], format!(r#"{{"namespaces":["wp/v2"],"home":"{home}"}}"#)),
            p if p.starts_with("/nonexistent/wp-json/wp/v2/posts") => list(format!(
                r#"[{{"id":7,"slug":"tagged","status":"publish","link":"{home}tagged/",
                    "title":{{"rendered":"Tagged"}},"content":{{"rendered":"<p>See <a href=\"/tag/embeds/\">more on embeds</a>.</p>"}},
                    "excerpt":{{"rendered":""}},"date_gmt":"2024-05-01T10:00:00","modified_gmt":"2024-05-01T10:00:00"}}]"#
            )),
            p if p.starts_with("/nonexistent/") => list("[]".into()),
            _ => (404, HTML, vec![], "<!doctype html><title>Not found</title>".into()),
        }
    });
    let _ = HOME.set(url.clone());
    let dir = scratch("below");
    let (code, text) = import(&dir, &format!("{url}nonexistent/"));
    assert_eq!(code, 0, "{text}");
    let site = url.trim_end_matches('/');
    assert!(
        text.contains(&format!("the site's address is {site}, as WordPress gives it, not {site}/nonexistent")),
        "{text}"
    );
    let article = std::fs::read_to_string(dir.join("public/content/articles/tagged.json")).unwrap_or_default();
    assert!(article.contains(&format!(r#""href": "{site}/tag/embeds/""#)), "{article}");
    assert!(!article.contains("nonexistent"), "{article}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A page of `count` posts numbered from `first`, as WordPress lists them.
fn posts(first: usize, count: usize) -> String {
    let posts: Vec<String> = (first..first + count)
        .map(|n| {
            format!(
                r#"{{"id":{n},"slug":"post-{n}","status":"publish","link":"http://x.example/post-{n}/",
                    "title":{{"rendered":"Post {n}"}},"content":{{"rendered":"<p>Words of post {n}.</p>"}},
                    "excerpt":{{"rendered":""}},"date_gmt":"2024-05-01T10:00:00","modified_gmt":"2024-05-01T10:00:00"}}"#
            )
        })
        .collect();
    format!("[{}]", posts.join(","))
}

#[test]
fn listings_without_their_page_count_are_read_to_the_end() {
    // A proxy that strips `X-WP-TotalPages` (and `X-WP-Total`): 200 posts in
    // two full pages, and the third page is WordPress's 400 for a page past
    // the last. Stopping after the first page would import half the site,
    // and a re-run would take the other half for deleted.
    let (url, seen) = site(|path, _| {
        let page = |n: usize| path.contains(&format!("&page={n}")) || path.ends_with(&format!("page={n}"));
        match path {
            "/wp-json/" => (200, JSON, vec![], r#"{"namespaces":["wp/v2"]}"#.into()),
            p if p.starts_with("/wp-json/wp/v2/posts") && page(1) => (200, JSON, vec![], posts(1, 100)),
            p if p.starts_with("/wp-json/wp/v2/posts") && page(2) => (200, JSON, vec![], posts(101, 100)),
            p if p.starts_with("/wp-json/wp/v2/posts") => {
                (400, JSON, vec![], r#"{"code":"rest_post_invalid_page_number"}"#.into())
            }
            _ => (200, JSON, vec![], "[]".into()),
        }
    });
    let dir = scratch("uncounted");
    let (code, text) = import(&dir, &url);
    assert_eq!(code, 0, "{text}");
    let articles = std::fs::read_dir(dir.join("public/content/articles")).map(|d| d.count()).unwrap_or(0);
    assert_eq!(articles, 200, "{text}");
    let asked: Vec<String> =
        seen.lock().expect("the log").iter().filter(|p| p.starts_with("/wp-json/wp/v2/posts")).cloned().collect();
    assert_eq!(asked.len(), 3, "{asked:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bylines_the_api_hides_are_reported_not_dropped_in_silence() {
    // Security plugins hide `/wp/v2/users` from anonymous readers: the
    // embedded author is an error, not a name.
    let (url, _) = site(|path, _| {
        let list = |body: &str| (200, JSON, vec![("X-WP-TotalPages", "1".to_string())], body.to_string());
        match path {
            "/wp-json/" => (200, JSON, vec![], r#"{"namespaces":["wp/v2"]}"#.into()),
            p if p.starts_with("/wp-json/wp/v2/posts") => list(
                r#"[{"id":7,"slug":"hidden-byline","status":"publish","link":"http://x.example/hidden-byline/","author":3,
                    "title":{"rendered":"A hidden byline"},"content":{"rendered":"<p>Who wrote this?</p>"},
                    "excerpt":{"rendered":""},"date_gmt":"2024-05-01T10:00:00","modified_gmt":"2024-05-01T10:00:00",
                    "_embedded":{"author":[{"code":"rest_user_invalid_id","message":"Invalid user ID.","data":{"status":404}}]}}]"#,
            ),
            _ => list("[]"),
        }
    });
    let dir = scratch("hidden-author");
    let (code, text) = import(&dir, &url);
    assert_eq!(code, 0, "{text}");
    let report = std::fs::read_to_string(dir.join("report.json")).unwrap_or_default();
    assert!(report.contains("1 post(s) name an author the REST API does not show"), "{report}");
    assert!(report.contains("import with --user"), "{report}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_feed_that_cannot_be_read_is_reported_as_the_language_left_unsaid() {
    // A site with its feeds turned off (a plugin does it): the feed names
    // the site's language, and without it the articles name none.
    let (url, _) = site(|path, _| {
        let list = |body: &str| (200, JSON, vec![("X-WP-TotalPages", "1".to_string())], body.to_string());
        match path {
            "/wp-json/" => (200, JSON, vec![], r#"{"namespaces":["wp/v2"]}"#.into()),
            "/?feed=rss2" => (404, HTML, vec![], "<!doctype html><title>Not found</title>".into()),
            _ => list("[]"),
        }
    });
    let dir = scratch("no-feed");
    let (code, text) = import(&dir, &url);
    assert_eq!(code, 0, "{text}");
    let report = std::fs::read_to_string(dir.join("report.json")).unwrap_or_default();
    assert!(report.contains("the site's language could not be read from its feed"), "{report}");
    assert!(report.contains("status 404"), "{report}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn over_rest_a_run_without_pages_keeps_the_pages_an_earlier_run_imported() {
    let (url, _) = site(|path, _| {
        let list = |body: &str| (200, JSON, vec![("X-WP-TotalPages", "1".to_string())], body.to_string());
        let entry = |id: u64, slug: &str, title: &str| {
            format!(
                r#"{{"id":{id},"slug":"{slug}","status":"publish","link":"http://x.example/{slug}/","author":0,
                    "title":{{"rendered":"{title}"}},"content":{{"rendered":"<p>Words of {title}.</p>"}},
                    "excerpt":{{"rendered":""}},"date_gmt":"2024-05-01T10:00:00","modified_gmt":"2024-05-01T10:00:00"}}"#
            )
        };
        match path {
            "/wp-json/" => (200, JSON, vec![], r#"{"namespaces":["wp/v2"]}"#.into()),
            p if p.starts_with("/wp-json/wp/v2/posts") => list(&format!("[{}]", entry(7, "film-out", "Film Out"))),
            p if p.starts_with("/wp-json/wp/v2/pages") => list(&format!("[{}]", entry(3, "about", "About us"))),
            _ => list("[]"),
        }
    });
    let dir = scratch("rest-pages");
    let (code, text) = import_with(&dir, &url, &["--pages"]);
    assert_eq!(code, 0, "{text}");
    let about = dir.join("public/content/articles/about.json");
    assert!(about.is_file(), "{text}");
    // Without --pages WordPress still lists the page: nothing is taken down.
    let (code, text) = import(&dir, &url);
    assert_ne!(code, 0, "{text}");
    assert!(text.contains("1 page(s) that WordPress still has (about)") && text.contains("--pages"), "{text}");
    assert!(about.is_file(), "{text}");
    // On a site the import never took pages from, they are named, not refused.
    let fresh = scratch("rest-pages-named");
    let (code, text) = import(&fresh, &url);
    assert_eq!(code, 0, "{text}");
    let report = std::fs::read_to_string(fresh.join("report.json")).unwrap_or_default();
    assert!(report.contains("1 page(s) left out (“About us”): --pages imports them"), "{report}");
    for d in [dir, fresh] {
        let _ = std::fs::remove_dir_all(&d);
    }
}

#[test]
fn over_rest_another_kind_of_post_is_named_and_imported_with_post_types() {
    let (url, _) = site(|path, _| {
        let list = |body: &str| (200, JSON, vec![("X-WP-TotalPages", "1".to_string())], body.to_string());
        let entry = |id: u64, slug: &str, at: &str| {
            format!(
                r#"[{{"id":{id},"slug":"{slug}","status":"publish","link":"http://x.example/{at}{slug}/","author":0,
                    "title":{{"rendered":"Title {id}"}},"content":{{"rendered":"<p>Words of {id}.</p>"}},
                    "excerpt":{{"rendered":""}},"date_gmt":"2024-05-01T10:00:00","modified_gmt":"2024-05-01T10:00:00"}}]"#
            )
        };
        match path {
            "/wp-json/" => (200, JSON, vec![], r#"{"namespaces":["wp/v2"]}"#.into()),
            p if p.starts_with("/wp-json/wp/v2/types") => (
                200,
                JSON,
                vec![],
                r#"{"post":{"slug":"post","rest_base":"posts"},"page":{"slug":"page","rest_base":"pages"},
                    "wp_block":{"slug":"wp_block","rest_base":"blocks"},"review":{"slug":"review","rest_base":"reviews"}}"#
                    .into(),
            ),
            p if p.starts_with("/wp-json/wp/v2/posts") => list(&entry(7, "film-out", "")),
            p if p.starts_with("/wp-json/wp/v2/reviews") => list(&entry(12, "album-of-the-week", "reviews/")),
            _ => list("[]"),
        }
    });
    let dir = scratch("rest-kinds");
    let (code, text) = import(&dir, &url);
    assert_eq!(code, 0, "{text}");
    let report = std::fs::read_to_string(dir.join("report.json")).unwrap_or_default();
    assert!(
        report.contains("other kinds of posts (1 of the kind `review`)") && report.contains("--post-types review"),
        "{report}"
    );
    let review = dir.join("public/content/articles/album-of-the-week.json");
    assert!(!review.exists());
    let (code, text) = import_with(&dir, &url, &["--post-types", "review"]);
    assert_eq!(code, 0, "{text}");
    assert!(review.is_file(), "{text}");
    let redirects = std::fs::read_to_string(dir.join("public/_redirects")).unwrap_or_default();
    assert!(
        redirects.lines().any(|l| l == "/reviews/album-of-the-week/ /article/album-of-the-week 301"),
        "{redirects}"
    );
    // Without it again, the reviews WordPress still has are not taken down.
    let (code, text) = import(&dir, &url);
    assert_ne!(code, 0, "{text}");
    assert!(text.contains("(album-of-the-week)") && text.contains("--post-types review"), "{text}");
    assert!(review.is_file());
    let (code, text) = import_with(&dir, &url, &["--post-types", "podcast"]);
    assert_ne!(code, 0);
    assert!(text.contains("no kind of posts called that (it shows review)"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn signed_in_the_posts_wordpress_does_not_show_are_named_or_said_not_to_be_listed() {
    let run = |answer: fn(&str, usize) -> Answer, name: &str| {
        let (url, _) = site(answer);
        let dir = scratch(name);
        let path = |p: &str| dir.join(p).to_string_lossy().into_owned();
        let out = Command::new(env!("CARGO_BIN_EXE_publish"))
            .args(["import-wordpress", "--rest", &url, "--user", "editor", "--out", &path("public")])
            .args(["--cache", &path("cache"), "--report", &path("report.json"), "--no-remote-images"])
            .env("LINERNOTES_WP_APP_PASSWORD", "abcd efgh")
            .output()
            .expect("the tool runs");
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{text}");
        let report = std::fs::read_to_string(dir.join("report.json")).unwrap_or_default();
        let _ = std::fs::remove_dir_all(&dir);
        report
    };
    fn lists(path: &str, any: bool) -> Answer {
        let body = |items: &[(u64, &str, &str)]| {
            let items: Vec<String> = items
                .iter()
                .map(|(id, slug, status)| {
                    format!(
                        r#"{{"id":{id},"slug":"{slug}","status":"{status}","link":"http://x.example/{slug}/","author":0,"title":{{"raw":"T{id}","rendered":"T{id}"}},"content":{{"raw":"<p>W{id}.</p>","rendered":"<p>W{id}.</p>"}},"excerpt":{{"raw":"","rendered":""}},"date_gmt":"2024-05-01T10:00:00","modified_gmt":"2024-05-01T10:00:00"}}"#
                    )
                })
                .collect();
            (200, JSON, vec![("X-WP-TotalPages", "1".to_string())], format!("[{}]", items.join(",")))
        };
        match path {
            "/wp-json/" => (200, JSON, vec![], r#"{"namespaces":["wp/v2"]}"#.into()),
            p if p.starts_with("/wp-json/wp/v2/posts") && p.contains("status=any") => match any {
                true => body(&[(7, "film-out", "publish"), (8, "half-written", "draft")]),
                false => (400, JSON, vec![], r#"{"code":"rest_invalid_param"}"#.into()),
            },
            p if p.starts_with("/wp-json/wp/v2/posts") => body(&[(7, "film-out", "publish")]),
            _ => body(&[]),
        }
    }
    let report = run(|path, _| lists(path, true), "signed-in-any");
    assert!(report.contains("half-written") && report.contains("draft left out"), "{report}");
    let report = run(|path, _| lists(path, false), "signed-in-published");
    assert!(report.contains("this user may not list unpublished posts"), "{report}");
    assert!(report.contains("\"articles\": 1"), "{report}");
}

#[test]
fn a_byline_plugin_the_rest_api_does_not_show_is_named_with_the_way_round_it() {
    let (url, _) = site(|path, _| match path {
        "/wp-json/" => (200, JSON, vec![], r#"{"namespaces":["wp/v2","coauthors/v1"]}"#.into()),
        _ => (200, JSON, vec![("X-WP-TotalPages", "1".to_string())], "[]".into()),
    });
    let dir = scratch("byline-plugin");
    let (code, text) = import(&dir, &url);
    assert_eq!(code, 0, "{text}");
    let report = std::fs::read_to_string(dir.join("report.json")).unwrap_or_default();
    assert!(report.contains("several people per post (Co-Authors Plus)") && report.contains("--wxr"), "{report}");
    let _ = std::fs::remove_dir_all(&dir);
}
