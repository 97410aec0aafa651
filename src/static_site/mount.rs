use serde_json::json;

/// The value of `name="…"` in one tag's text.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

/// `mount.json`: where `mount.js` finds the app's files (as Trunk named and
/// hashed them), relative to the site's base, with their integrity hashes.
pub fn mount_manifest(template: &str, base: &str) -> Option<String> {
    let tags: Vec<&str> = template.split("<link").skip(1).map(|t| t.split('>').next().unwrap_or_default()).collect();
    let find = |rel: &str, suffix: &str| {
        tags.iter()
            .find(|t| attribute(t, "rel") == Some(rel) && attribute(t, "href").is_some_and(|h| h.ends_with(suffix)))
    };
    let relative = |href: &str| href.strip_prefix(base).unwrap_or(href.trim_start_matches('/')).to_string();
    let js = find("modulepreload", ".js")?;
    let wasm = find("preload", ".wasm")?;
    let css = find("stylesheet", ".css")?;
    // The site's language and direction go with the article: in a host page
    // of another language or direction it must not take on the host's.
    let html = template.split("<html").nth(1).map(|t| t.split('>').next().unwrap_or_default()).unwrap_or_default();
    let data = json!({
        "lang": attribute(html, "lang").unwrap_or("en"),
        "dir": attribute(html, "dir").unwrap_or("ltr"),
        "js": relative(attribute(js, "href")?),
        "js_integrity": attribute(js, "integrity").unwrap_or_default(),
        "wasm": relative(attribute(wasm, "href")?),
        "wasm_integrity": attribute(wasm, "integrity").unwrap_or_default(),
        "css": relative(attribute(css, "href")?),
        "css_integrity": attribute(css, "integrity").unwrap_or_default(),
    });
    Some(format!("{data}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_names_the_hashed_files() {
        let template = r#"<html lang="en"><head><link rel="stylesheet" href="/m/main-1.css" integrity="sha384-c"/>
<link rel="modulepreload" href="/m/app-2.js" crossorigin="anonymous" integrity="sha384-j"><link rel="preload" href="/m/app-2_bg.wasm" crossorigin="anonymous" integrity="sha384-w" as="fetch" type="application/wasm"></head>"#;
        let data: serde_json::Value = serde_json::from_str(&mount_manifest(template, "/m/").unwrap()).unwrap();
        assert_eq!(data["js"], "app-2.js");
        assert_eq!(data["wasm"], "app-2_bg.wasm");
        assert_eq!(data["wasm_integrity"], "sha384-w");
        assert_eq!(data["css"], "main-1.css");
        assert_eq!((data["lang"].as_str(), data["dir"].as_str()), (Some("en"), Some("ltr")));
        assert!(mount_manifest("<head></head>", "/").is_none());
    }
}
