use thiserror::Error;

use super::{escape, Head};
use crate::model::{html_digest, text_digest, SEED_ELEMENT_ID};

#[derive(Debug, Error, PartialEq, Eq)]
pub enum TemplateError {
    #[error("the page template has no {0}")]
    Missing(&'static str),
}

const APP_OPEN: &str = "<div id=\"app\">";

/// The base path Trunk wrote into the template's `<meta name="public-url">`.
pub fn public_url(template: &str) -> Option<String> {
    let marker = "<meta name=\"public-url\" content=\"";
    let start = template.find(marker)? + marker.len();
    let end = template[start..].find('"')? + start;
    Some(template[start..end].to_string())
}

/// A prerendered page: the built `index.html` with this page's title,
/// description and head tags, the rendered app in `#app` (in place of the
/// loading note), and the seed right after it. `#app` carries what the app
/// checks before adopting the page: the build that rendered it and digests
/// of its markup and its seed.
///
/// `sources` name the files the page was built from, each by its address
/// and its text: the site's settings (`site.json`), and the data file it
/// shows (an article's JSON, or `index.json` for a list of stories).
/// `boot.js` reads the deployed files while the app downloads, and a page
/// whose files changed after the build is rendered anew from them.
pub fn fill_template(
    template: &str,
    head: &Head,
    app_html: &str,
    seed_json: &str,
    sources: &Sources,
) -> Result<String, TemplateError> {
    let mut page = template.to_string();

    let title_start = page.find("<title>").ok_or(TemplateError::Missing("<title>"))?;
    let title_end = page[title_start..].find("</title>").ok_or(TemplateError::Missing("</title>"))? + title_start;
    page.replace_range(title_start..title_end + "</title>".len(), &format!("<title>{}</title>", escape(&head.title)));

    let description = "<meta name=\"description\" content=\"";
    let tag = format!("{description}{}\">", escape(&head.description));
    match page.find(description) {
        Some(start) => {
            let end = page[start..].find('>').ok_or(TemplateError::Missing("end of the description tag"))? + start;
            page.replace_range(start..=end, &tag);
        }
        None => head_insert(&mut page, &format!("{tag}\n"))?,
    }
    head_insert(&mut page, &head.tags)?;

    // The page is readable without the app: neither the .wasm nor its JS
    // glue is preloaded (boot.js fetches both, with their integrity, once
    // the page has loaded), so a slow network carries the article, its
    // stylesheet and its images first.
    page = page.replacen("<link rel=\"preload\" href=", "<link rel=\"linernotes-wasm\" href=", 1);
    page = page.replacen("<link rel=\"modulepreload\" href=", "<link rel=\"linernotes-glue\" href=", 1);
    let open = page.find(APP_OPEN).ok_or(TemplateError::Missing("<div id=\"app\">"))? + APP_OPEN.len();
    let body_end = page.rfind("</body>").ok_or(TemplateError::Missing("</body>"))?;
    let close = page[..body_end].rfind("</div>").ok_or(TemplateError::Missing("end of <div id=\"app\">"))?;
    if close < open {
        return Err(TemplateError::Missing("end of <div id=\"app\">"));
    }
    let seed = format!("\n<script type=\"application/json\" id=\"{SEED_ELEMENT_ID}\">{seed_json}</script>");
    page.replace_range(close.., &format!("</div>{seed}\n{}", &page[body_end..]));
    // The app's markup starts right after the element's `>`: no whitespace
    // may come between (it would be a node the app does not expect).
    page.replace_range(open..close, app_html);
    let mut marks = format!(
        " data-ln-build=\"{}\" data-ln-digest=\"{}\" data-ln-seed=\"{}\"",
        crate::model::BUILD_ID,
        html_digest(app_html),
        text_digest(seed_json)
    );
    for (name, file) in [("settings", sources.settings), ("source", sources.data)] {
        if let Some((address, text)) = file {
            marks.push_str(&format!(
                " data-ln-{name}=\"{}\" data-ln-{name}-digest=\"{}\"",
                escape(address),
                source_digest(text)
            ));
        }
    }
    page.insert_str(open - 1, &marks);
    Ok(page)
}

/// The files a prerendered page was built from (see [`fill_template`]), each
/// as its address and its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sources<'a> {
    /// `site.json`.
    pub settings: Option<(&'a str, &'a str)>,
    /// The article's JSON, or `index.json`.
    pub data: Option<(&'a str, &'a str)>,
}

/// The digest `boot.js` computes of a data file as the host serves it:
/// FNV-1a (32 bits) of its UTF-8 bytes, a byte-order mark left out (the
/// browser drops it when it decodes the text), as eight hex digits. It
/// tells a changed file from the one a page was built with; nothing
/// depends on it being hard to forge.
pub fn source_digest(text: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.trim_start_matches('\u{feff}').bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{hash:08x}")
}

/// The app shell (`404.html`, the embed pages): the built `index.html` with
/// a seed of the site's settings only, so the app has them even where
/// `site.json` cannot be fetched (an embed then still sizes its frame). It
/// has no rendered markup and no marks, so it is never adopted.
pub fn shell_page(template: &str, seed_json: &str) -> Result<String, TemplateError> {
    let mut page = wasm_integrity_as_data(&shell_template(template));
    let body_end = page.rfind("</body>").ok_or(TemplateError::Missing("</body>"))?;
    page.insert_str(
        body_end,
        &format!("<script type=\"application/json\" id=\"{SEED_ELEMENT_ID}\">{seed_json}</script>\n"),
    );
    Ok(page)
}

/// The shell with `inner` as what a reader without JavaScript sees. Then
/// every address the build did not render (a page not found, an article
/// published since) is this page: links to the pages it did render (the
/// front page, the sections) leave that reader somewhere to go.
pub fn with_noscript(page: &str, inner: &str) -> String {
    let Some(start) = page.find("<noscript>").map(|i| i + "<noscript>".len()) else { return page.to_string() };
    let Some(end) = page[start..].find("</noscript>").map(|i| start + i) else { return page.to_string() };
    format!("{}{}{}", &page[..start], inner, &page[end..])
}

/// The shell at an embed's address (`embed/article/{slug}/`): a frame for
/// other sites' pages, which search engines are asked to leave out (the
/// article has its own page, and its canonical address).
pub fn embed_page(shell: &str) -> Result<String, TemplateError> {
    let mut page = shell.to_string();
    head_insert(&mut page, "<meta name=\"robots\" content=\"noindex\">\n")?;
    Ok(page)
}

/// The built `index.html` as Trunk wrote it, from a shell written by
/// [`shell_page`] (a second run starts from `404.html`).
pub fn shell_template(page: &str) -> String {
    let page = &in_wasm_preload(page, " data-integrity=\"", " integrity=\"");
    let open = format!("<script type=\"application/json\" id=\"{SEED_ELEMENT_ID}\">");
    let Some(start) = page.find(&open) else { return page.to_string() };
    let Some(end) = page[start..].find("</script>").map(|i| start + i + "</script>".len()) else {
        return page.to_string();
    };
    let end = if page[end..].starts_with('\n') { end + 1 } else { end };
    format!("{}{}", &page[..start], &page[end..])
}

/// The shell preloads the `.wasm` (it has nothing to show before the app),
/// but a preload of `as="fetch"` cannot check integrity, and Chromium says
/// so in the console of every shell page and embed. The hash moves to
/// `data-integrity`, where `boot.js` reads it for its own fetch, which
/// checks it and still takes the preloaded file.
fn wasm_integrity_as_data(page: &str) -> String {
    in_wasm_preload(page, " integrity=\"", " data-integrity=\"")
}

/// The `.wasm`'s preload link with `from` replaced by `to`.
fn in_wasm_preload(page: &str, from: &str, to: &str) -> String {
    let Some(start) = page.find("<link rel=\"preload\" href=") else { return page.to_string() };
    let Some(end) = page[start..].find('>').map(|i| start + i) else { return page.to_string() };
    let tag = &page[start..end];
    if !tag.contains(".wasm\"") {
        return page.to_string();
    }
    format!("{}{}{}", &page[..start], tag.replacen(from, to, 1), &page[end..])
}

fn head_insert(page: &mut String, tags: &str) -> Result<(), TemplateError> {
    let at = page.find("</head>").ok_or(TemplateError::Missing("</head>"))?;
    page.insert_str(at, tags);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<!doctype html>\n<html><head><title>linernotes</title>\n<meta name=\"description\" content=\"old\">\n<meta name=\"public-url\" content=\"/magazine/\"></head>\n<body>\n<div id=\"app\">\n<p>Loading…</p>\n<noscript><p>x</p></noscript>\n</div>\n</body>\n</html>\n";

    #[test]
    fn the_shell_says_what_a_reader_without_javascript_can_read_each_time_it_is_built() {
        let once = with_noscript(TEMPLATE, "<p><a href=\"/magazine/\">The front page</a></p>");
        assert!(once.contains("<noscript><p><a href=\"/magazine/\">The front page</a></p></noscript>"), "{once}");
        assert_eq!(with_noscript(&once, "<p><a href=\"/magazine/\">The front page</a></p>"), once);
        assert_eq!(with_noscript("<p>no such element</p>", "x"), "<p>no such element</p>");
    }

    #[test]
    fn the_page_gets_its_head_body_and_seed() {
        let head = Head {
            title: "A & B".into(),
            description: "d\"q".into(),
            tags: "<link rel=\"canonical\" href=\"x\">\n".into(),
        };
        let page = fill_template(TEMPLATE, &head, "<main>hi</main>", "{\"path\":\"/\"}", &Sources::default()).unwrap();
        assert!(page.contains("<title>A &amp; B</title>"));
        assert!(page.contains("<meta name=\"description\" content=\"d&quot;q\">"));
        assert!(!page.contains("old"));
        assert!(page.contains("<link rel=\"canonical\" href=\"x\">\n</head>"));
        let app = format!(
            "<div id=\"app\" data-ln-build=\"{}\" data-ln-digest=\"{}\" data-ln-seed=\"{}\"><main>hi</main></div>",
            crate::model::BUILD_ID,
            html_digest("<main>hi</main>"),
            text_digest("{\"path\":\"/\"}")
        );
        assert!(
            page.contains(&format!(
                "{app}\n<script type=\"application/json\" id=\"linernotes-seed\">{{\"path\":\"/\"}}</script>\n</body>"
            )),
            "{page}"
        );
        assert!(!page.contains("Loading…"));
        assert_eq!(public_url(TEMPLATE).as_deref(), Some("/magazine/"));
    }

    #[test]
    fn the_page_names_the_files_it_was_built_from_with_the_digests_boot_computes() {
        let head = Head { title: String::new(), description: String::new(), tags: String::new() };
        let sources = Sources {
            settings: Some(("/magazine/site.json", "{}")),
            data: Some(("/magazine/content/a&b.json", "{\"é\":1}")),
        };
        let page = fill_template(TEMPLATE, &head, "<main>hi</main>", "{}", &sources).unwrap();
        assert!(
            page.contains(
                " data-ln-settings=\"/magazine/site.json\" data-ln-settings-digest=\"5465b825\" data-ln-source=\"/magazine/content/a&amp;b.json\" data-ln-source-digest=\"43de742e\"><main>"
            ),
            "{page}"
        );
        // The same values boot.js gets (FNV-1a 32 of the UTF-8 bytes).
        assert_eq!(source_digest(""), "811c9dc5");
        assert_eq!(source_digest("a"), "e40c292c");
        assert_eq!(source_digest("\u{feff}{\"é\":1}"), source_digest("{\"é\":1}"));
        assert_ne!(source_digest("{\"title\":\"A\"}"), source_digest("{\"title\":\"B\"}"));
    }

    #[test]
    fn the_shell_carries_the_settings_once_however_often_it_is_written() {
        let shell = shell_page(TEMPLATE, "{\"path\":\"\",\"site\":{}}").unwrap();
        assert!(shell.contains("<p>Loading…</p>"), "{shell}");
        assert!(shell.ends_with(
            "</div>\n<script type=\"application/json\" id=\"linernotes-seed\">{\"path\":\"\",\"site\":{}}</script>\n</body>\n</html>\n"
        ));
        assert!(!shell.contains("data-ln-build"), "never adopted: {shell}");
        assert_eq!(shell_template(&shell), TEMPLATE);
        let again = shell_page(&shell, "{\"path\":\"\"}").unwrap();
        assert_eq!(again.matches("linernotes-seed").count(), 1, "{again}");
    }

    #[test]
    fn an_embed_page_is_the_shell_kept_out_of_search() {
        let shell = shell_page(TEMPLATE, "{}").unwrap();
        let embed = embed_page(&shell).unwrap();
        assert!(embed.contains("<meta name=\"robots\" content=\"noindex\">\n</head>"), "{embed}");
        assert_eq!(embed.replace("<meta name=\"robots\" content=\"noindex\">\n", ""), shell);
    }

    #[test]
    fn the_shell_preloads_the_wasm_with_its_hash_where_boot_reads_it() {
        let template = TEMPLATE.replace(
            "</head>",
            "<link rel=\"modulepreload\" href=\"/a.js\" integrity=\"sha384-j\"><link rel=\"preload\" href=\"/a_bg.wasm\" crossorigin=\"anonymous\" integrity=\"sha384-w\" as=\"fetch\"></head>",
        );
        let shell = shell_page(&template, "{}").unwrap();
        assert!(shell.contains("<link rel=\"modulepreload\" href=\"/a.js\" integrity=\"sha384-j\">"), "{shell}");
        assert!(
            shell.contains(
                "<link rel=\"preload\" href=\"/a_bg.wasm\" crossorigin=\"anonymous\" data-integrity=\"sha384-w\" as=\"fetch\">"
            ),
            "{shell}"
        );
        // A second run starts from the shell: the template comes back as built.
        assert_eq!(shell_template(&shell), template);
        assert_eq!(shell_page(&shell, "{}").unwrap(), shell);
    }

    #[test]
    fn the_app_files_are_named_but_not_preloaded() {
        let template = TEMPLATE.replace(
            "</head>",
            "<link rel=\"modulepreload\" href=\"/a.js\" integrity=\"sha384-j\"><link rel=\"preload\" href=\"/a_bg.wasm\" integrity=\"sha384-w\" as=\"fetch\"><link rel=\"preload\" as=\"image\" href=\"/hero.svg\"></head>",
        );
        let head = Head { title: String::new(), description: String::new(), tags: String::new() };
        let page = fill_template(&template, &head, "", "{}", &Sources::default()).unwrap();
        assert!(page.contains("<link rel=\"linernotes-glue\" href=\"/a.js\" integrity=\"sha384-j\">"), "{page}");
        assert!(page.contains("<link rel=\"linernotes-wasm\" href=\"/a_bg.wasm\" integrity=\"sha384-w\""), "{page}");
        assert!(!page.contains("modulepreload"));
        assert!(page.contains("<link rel=\"preload\" as=\"image\" href=\"/hero.svg\">"), "the hero is still preloaded");
    }

    #[test]
    fn a_template_without_the_mount_point_is_an_error() {
        let head = Head { title: String::new(), description: String::new(), tags: String::new() };
        assert_eq!(
            fill_template(
                "<html><head><title></title></head><body></body></html>",
                &head,
                "",
                "{}",
                &Sources::default()
            ),
            Err(TemplateError::Missing("<div id=\"app\">"))
        );
    }
}
