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
