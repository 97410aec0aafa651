//! WordPress's footnotes (the Footnotes block, WordPress 6.3 and later).
//! In the stored markup a paragraph holds only the note's number
//! (`<sup data-fn="…" class="fn"><a href="#…">1</a></sup>`), and the notes
//! block is an empty `<!-- wp:footnotes /-->`: the notes' words are in the
//! post's `footnotes` field (a JSON list of `{"id", "content"}`), which
//! WordPress puts in place when it shows the post. So does the import.

use serde::Deserialize;

#[derive(Deserialize)]
struct Note {
    #[serde(default)]
    id: String,
    #[serde(default)]
    content: String,
}

/// `content` with its footnotes block replaced by the notes from the
/// post's `footnotes` field (`meta`), as the list WordPress shows, and a
/// report line when the block is there but its notes are not.
pub fn expand(content: &str, meta: Option<&str>) -> (String, Option<String>) {
    let Some(start) = content.find("<!-- wp:footnotes") else {
        return (content.to_string(), None);
    };
    let Some(end) = content.get(start..).and_then(|rest| rest.find("-->")).map(|i| start + i + 3) else {
        return (content.to_string(), None);
    };
    let notes: Vec<Note> = meta.and_then(|m| serde_json::from_str(m).ok()).unwrap_or_default();
    let notes: Vec<&Note> = notes.iter().filter(|n| !n.content.trim().is_empty()).collect();
    let has_marks = content.contains("data-fn=");
    if notes.is_empty() {
        let note = has_marks.then(|| {
            "footnotes left out: WordPress gave the post without their words (they are in its `footnotes` field); \
             their numbers stay in the text"
                .to_string()
        });
        return (format!("{}{}", &content[..start], &content[end..]), note);
    }
    let mut list = String::from("<ol class=\"wp-block-footnotes\">");
    for note in notes {
        // The id only names the list item; the words are WordPress's markup,
        // which the mapping reads like the rest of the post.
        let id: String = note.id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        list.push_str(&format!("<li id=\"{id}\">{}</li>", note.content));
    }
    list.push_str("</ol>");
    (format!("{}{list}{}", &content[..start], &content[end..]), None)
}

/// A footnote's number in superscript digits (`12` → `¹²`), so that
/// "live¹" does not read as "live1"; anything but digits in brackets.
pub fn mark(number: &str) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let number = number.trim();
    if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) {
        number.bytes().map(|b| DIGITS[usize::from(b - b'0')]).collect()
    } else {
        format!("[{number}]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORED: &str = "<!-- wp:paragraph -->\n<p>Live<sup data-fn=\"a1\" class=\"fn\"><a href=\"#a1\" \
                          id=\"a1-link\">1</a></sup>.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:footnotes /-->";

    #[test]
    fn the_notes_block_gets_the_notes_from_the_post_field() {
        let (out, note) = expand(STORED, Some(r#"[{"content":"In <em>one</em> take.","id":"a1"}]"#));
        assert!(
            out.ends_with("<ol class=\"wp-block-footnotes\"><li id=\"a1\">In <em>one</em> take.</li></ol>"),
            "{out}"
        );
        assert!(!out.contains("wp:footnotes"), "{out}");
        assert_eq!(note, None);
    }

    #[test]
    fn without_the_field_the_report_says_the_notes_were_left_out() {
        for meta in [None, Some(""), Some("not json"), Some("[]")] {
            let (out, note) = expand(STORED, meta);
            assert!(!out.contains("wp:footnotes"), "{out}");
            assert!(note.is_some_and(|n| n.starts_with("footnotes left out")), "{meta:?}");
        }
        assert_eq!(expand("<p>No notes.</p>", None), ("<p>No notes.</p>".to_string(), None));
    }

    #[test]
    fn numbers_become_superscript() {
        assert_eq!(mark("1"), "¹");
        assert_eq!(mark(" 12 "), "¹²");
        assert_eq!(mark("a"), "[a]");
    }
}
