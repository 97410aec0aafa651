//! Reusable blocks (`<!-- wp:block {"ref":N} /-->`): the stored markup
//! holds only a reference, and the block's own content is a post of type
//! `wp_block`. WordPress shows it in place; so does the import.

use std::collections::BTreeMap;

/// Nested references deeper than this are left out (a block can name
/// itself in a broken export).
const MAX_DEPTH: usize = 8;

/// The numbers of the reusable blocks `content` names.
pub fn references(content: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut rest = content;
    while let Some((reference, after)) = next_reference(rest) {
        if let Some(id) = reference.id {
            out.push(id);
        }
        rest = after;
    }
    out
}

/// `content` with each reference replaced by its block's markup, and a note
/// for each one that cannot be.
pub fn expand(content: &str, blocks: &BTreeMap<u64, String>) -> (String, Vec<String>) {
    let mut notes = Vec::new();
    let out = expand_at(content, blocks, &mut notes, 0);
    (out, notes)
}

fn expand_at(content: &str, blocks: &BTreeMap<u64, String>, notes: &mut Vec<String>, depth: usize) -> String {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(at) = rest.find("<!-- wp:block ") {
        out.push_str(&rest[..at]);
        let Some((reference, after)) = next_reference(&rest[at..]) else {
            out.push_str(&rest[at..]);
            return out;
        };
        match reference.id.and_then(|id| blocks.get(&id).map(|markup| (id, markup))) {
            Some((_, markup)) if depth < MAX_DEPTH => {
                out.push('\n');
                out.push_str(&expand_at(markup, blocks, notes, depth + 1));
                out.push('\n');
            }
            Some((id, _)) => {
                notes.push(format!("reusable block {id} left out: it holds itself, or blocks nested too deep"))
            }
            None => notes.push(match reference.id {
                Some(id) => format!("reusable block {id} left out: the site did not give its content"),
                None => "reusable block without a number left out".into(),
            }),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The blocks in stored markup that hold no content of their own: written
/// as one self-closing comment (`<!-- wp:latest-posts /-->`, a plugin's
/// `<!-- wp:acf/tracklist {…} /-->`), drawn by WordPress, the theme or a
/// plugin each time the page is shown. Each name once, in order.
pub fn drawn_blocks(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("<!-- wp:") {
        let start = &rest[at + "<!-- wp:".len()..];
        let Some(end) = start.find("-->") else { break };
        let name: String =
            start.chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_')).collect();
        let self_closing = start[..end].trim_end().ends_with('/');
        if self_closing && !name.is_empty() && !matches!(name.as_str(), "block" | "footnotes") && !names.contains(&name)
        {
            names.push(name);
        }
        rest = &start[end + 3..];
    }
    names
}

struct Reference {
    id: Option<u64>,
}

/// The first reference in `text` and the text after it. Self-closing
/// (`/-->`), or, from older editors, opening and closing comments.
fn next_reference(text: &str) -> Option<(Reference, &str)> {
    let at = text.find("<!-- wp:block ")?;
    let start = &text[at + "<!-- wp:block ".len()..];
    let end = start.find("-->")?;
    let attributes = start[..end].trim_end().trim_end_matches('/').trim();
    let id = serde_json::from_str::<serde_json::Value>(attributes).ok().and_then(|v| v.get("ref")?.as_u64());
    let mut after = &start[end + 3..];
    if !start[..end].trim_end().ends_with('/') {
        if let Some(close) = after.find("<!-- /wp:block -->") {
            after = &after[close + "<!-- /wp:block -->".len()..];
        }
    }
    Some((Reference { id }, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_drawn_when_the_page_is_shown_are_named() {
        let text = "<!-- wp:paragraph --><p>A</p><!-- /wp:paragraph -->\n<!-- wp:acf/tracklist {\"data\":{\"tracks\":\"a\"}} /-->\n<!-- wp:latest-posts /--><!-- wp:acf/tracklist /--><!-- wp:separator --><hr/><!-- /wp:separator -->";
        assert_eq!(drawn_blocks(text), ["acf/tracklist", "latest-posts"]);
    }

    fn blocks() -> BTreeMap<u64, String> {
        BTreeMap::from([
            (77, "<!-- wp:paragraph -->\n<p>Tour dates: May and June.</p>\n<!-- /wp:paragraph -->".to_string()),
            (78, "<!-- wp:block {\"ref\":77} /-->".to_string()),
            (79, "<!-- wp:block {\"ref\":79} /-->".to_string()),
        ])
    }

    #[test]
    fn a_reference_becomes_its_blocks_content() {
        let (out, notes) = expand("<p>Before.</p>\n<!-- wp:block {\"ref\":77} /-->\n<p>After.</p>", &blocks());
        assert!(
            out.contains("<p>Before.</p>")
                && out.contains("Tour dates: May and June.")
                && out.contains("<p>After.</p>")
        );
        assert!(!out.contains("wp:block "), "{out}");
        assert!(notes.is_empty());
        let (nested, _) = expand("<!-- wp:block {\"ref\":78} /-->", &blocks());
        assert!(nested.contains("Tour dates"), "{nested}");
        assert_eq!(references("<!-- wp:block {\"ref\":78} /--> <!-- wp:block {\"ref\":5} /-->"), vec![78, 5]);
    }

    #[test]
    fn what_cannot_be_shown_is_named() {
        let (out, notes) = expand("<!-- wp:block {\"ref\":12} /--><p>Kept.</p>", &blocks());
        assert_eq!(out, "<p>Kept.</p>");
        assert_eq!(notes, vec!["reusable block 12 left out: the site did not give its content"]);
        let (_, notes) = expand("<!-- wp:block {\"ref\":79} /-->", &blocks());
        assert_eq!(notes.len(), 1, "a block holding itself ends: {notes:?}");
        let (out, _) = expand("<!-- wp:block {\"ref\":77} -->old<!-- /wp:block --><p>x</p>", &blocks());
        assert!(out.contains("Tour dates") && !out.contains("old") && out.contains("<p>x</p>"), "{out}");
    }
}
