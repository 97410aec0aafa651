//! A fingerprint of a prerendered page's markup, so the app adopts a page
//! only if it is exactly what the build rendered (a mismatch while adopting
//! would stop the app). The prerenderer computes it from the HTML it writes;
//! the browser computes it from the DOM it finds; both feed the same tokens
//! into the same hash: each element's name as it opens and (unless it is
//! void) as it closes, each text node's text, each comment's text.
//! Attributes are left out: adopting keeps the page's nodes and sets their
//! attributes anyway.

/// HTML elements that never have content or an end tag.
const VOID: [&str; 14] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Elements whose content is text up to their end tag. `noscript` is one
/// too where it matters: where scripts run, which is where the app runs.
const RAW_TEXT: [&str; 5] = ["noscript", "script", "style", "textarea", "title"];

pub fn is_void(name: &str) -> bool {
    VOID.contains(&name)
}

/// FNV-1a over the page's tokens.
#[derive(Debug, Clone, Copy)]
pub struct PageDigest(u64);

impl Default for PageDigest {
    fn default() -> Self {
        PageDigest(0xcbf2_9ce4_8422_2325)
    }
}

impl PageDigest {
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn token(&mut self, kind: u8, text: &str) {
        self.bytes(&[kind]);
        self.bytes(text.as_bytes());
        self.bytes(&[0xff]);
    }

    /// An element opens (its name in lowercase).
    pub fn open(&mut self, name: &str) {
        self.token(b'<', name);
    }

    /// A non-void element closes.
    pub fn close(&mut self, name: &str) {
        self.token(b'>', name);
    }

    pub fn text(&mut self, text: &str) {
        if !text.is_empty() {
            self.token(b't', text);
        }
    }

    pub fn comment(&mut self, text: &str) {
        self.token(b'!', text);
    }

    pub fn finish(self) -> String {
        format!("{:016x}", self.0)
    }
}

/// The digest of a text, for the page's seed.
pub fn text_digest(text: &str) -> String {
    let mut digest = PageDigest::default();
    digest.bytes(text.as_bytes());
    digest.finish()
}

/// The digest of markup as the prerenderer writes it (well-formed, escaped
/// by the renderer), read the way a browser builds its DOM from it.
pub fn html_digest(html: &str) -> String {
    let mut digest = PageDigest::default();
    let mut rest = html;
    // Text nodes as the parser makes them: neighbouring character data is
    // one node, with line endings normalized.
    let mut text = String::new();
    let flush = |text: &mut String, digest: &mut PageDigest| {
        if !text.is_empty() {
            let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
            digest.text(&super::decode_entities(&normalized));
            text.clear();
        }
    };
    while let Some(lt) = rest.find('<') {
        text.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            flush(&mut text, &mut digest);
            let end = comment.find("-->").unwrap_or(comment.len());
            digest.comment(&comment[..end]);
            rest = comment.get(end + 3..).unwrap_or_default();
        } else if let Some(bogus) = rest.strip_prefix("<!") {
            flush(&mut text, &mut digest);
            let end = bogus.find('>').unwrap_or(bogus.len());
            digest.comment(&bogus[..end]);
            rest = bogus.get(end + 1..).unwrap_or_default();
        } else if let Some(end_tag) = rest.strip_prefix("</") {
            flush(&mut text, &mut digest);
            let end = end_tag.find('>').unwrap_or(end_tag.len());
            digest.close(&end_tag[..end].trim().to_ascii_lowercase());
            rest = end_tag.get(end + 1..).unwrap_or_default();
        } else if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            flush(&mut text, &mut digest);
            let body = &rest[1..];
            let name_end = body.find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/').unwrap_or(body.len());
            let name = body[..name_end].to_ascii_lowercase();
            let (tag_end, self_closing) = tag_end(&body[name_end..]);
            rest = body[name_end..].get(tag_end..).unwrap_or_default();
            digest.open(&name);
            if is_void(&name) {
                continue;
            }
            if self_closing {
                digest.close(&name);
            } else if RAW_TEXT.contains(&name.as_str()) {
                let close = format!("</{name}");
                let end = rest.find(&close).unwrap_or(rest.len());
                let content = &rest[..end];
                if name == "textarea" || name == "title" {
                    text.push_str(content);
                } else if !content.is_empty() {
                    digest.text(content);
                }
                rest = &rest[end..];
            }
        } else {
            text.push('<');
            rest = &rest[1..];
        }
    }
    text.push_str(rest);
    flush(&mut text, &mut digest);
    digest.finish()
}

/// Where a start tag ends (just past its `>`), quoted attribute values
/// skipped, and whether it closed itself (`/>`).
fn tag_end(s: &str) -> (usize, bool) {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return (i + 1, previous == '/'),
            _ => {}
        }
        previous = c;
    }
    (s.len(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_hand(build: impl FnOnce(&mut PageDigest)) -> String {
        let mut d = PageDigest::default();
        build(&mut d);
        d.finish()
    }

    #[test]
    fn markup_and_the_tree_it_makes_give_the_same_digest() {
        let html = r#"<main class="a"><h1 tabindex="-1">Fish &amp; chips &lt;3</h1><!><p>one<!>two</p><img src="x.svg" alt="a > b"><svg viewBox="0 0 1 1"><path d="M0"/></svg><!--<() />--><textarea id="t"></textarea></main>"#;
        let tree = by_hand(|d| {
            d.open("main");
            d.open("h1");
            d.text("Fish & chips <3");
            d.close("h1");
            d.comment("");
            d.open("p");
            d.text("one");
            d.comment("");
            d.text("two");
            d.close("p");
            d.open("img");
            d.open("svg");
            d.open("path");
            d.close("path");
            d.close("svg");
            d.comment("<() />");
            d.open("textarea");
            d.close("textarea");
            d.close("main");
        });
        assert_eq!(html_digest(html), tree);
    }

    #[test]
    fn any_change_to_text_or_structure_changes_the_digest() {
        let base = html_digest("<p>Film Out</p><p>back number</p>");
        for changed in [
            "<p>Film Out!</p><p>back number</p>",
            "<p>Film Out</p>",
            "<div>Film Out</div><p>back number</p>",
            "<p>Film Out<p>back number</p></p>",
        ] {
            assert_ne!(html_digest(changed), base, "{changed}");
        }
        assert_eq!(html_digest("<p class=\"x\">Film Out</p><p>back number</p>"), base, "attributes are not part of it");
    }

    #[test]
    fn noscript_content_is_one_text_node_as_where_scripts_run() {
        let tree = by_hand(|d| {
            d.open("noscript");
            d.text("<p>Turn on &amp; reload</p>");
            d.close("noscript");
        });
        assert_eq!(html_digest("<noscript><p>Turn on &amp; reload</p></noscript>"), tree);
    }

    #[test]
    fn odd_input_never_panics() {
        for html in ["<", "<a", "</", "<!--", "<!", "<p x='>", "é<é>", "<textarea>a</b>", "a\r\nb"] {
            let _ = html_digest(html);
        }
        assert_eq!(text_digest("seed"), text_digest("seed"));
        assert_ne!(text_digest("seed"), text_digest("seed "));
    }
}
