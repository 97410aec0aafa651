//! Block attributes: a line such as `{#q1 feedback="What does this mean to
//! you?"}` directly above a block gives it an id, makes it an
//! inline-feedback passage, or adds what the block type takes (a video's
//! `poster`, an image's `credit`, `width` and `height`).

use crate::model::{block_id_problem, BlockIdProblem};

/// One `key` or `key="value"` of an attribute line, with its byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attribute {
    pub key: String,
    pub value: Option<String>,
    pub offset: usize,
}

/// A parsed attribute line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Attributes {
    /// `#id`, with its offset.
    pub id: Option<(String, usize)>,
    pub items: Vec<Attribute>,
    /// Where the line starts.
    pub offset: usize,
}

impl Attributes {
    pub(crate) fn get(&self, key: &str) -> Option<&Attribute> {
        self.items.iter().find(|a| a.key == key)
    }
}

/// Whether a line is meant as attributes: it starts with `{` and ends with `}`.
pub(crate) fn looks_like_attributes(line: &str) -> bool {
    let line = line.trim_end();
    line.starts_with('{') && line.ends_with('}') && line.len() >= 2
}

/// Whether a line is an attribute line missing its closing `}`: it starts
/// with `{` and has no `}`, and what follows reads as attributes (`{#id`,
/// `{.class`, `{key=`, or one word alone such as `{feedback`). Prose that
/// happens to start with a brace (`{sic} …`, `{this aside`) is left as text,
/// so only what can only be a mistyped attribute line is refused.
pub(crate) fn looks_like_unclosed_attributes(line: &str) -> bool {
    let line = line.trim_end();
    let Some(rest) = line.strip_prefix('{') else { return false };
    if rest.contains('}') {
        return false;
    }
    let word = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let first_word_len = rest.find(|c: char| !word(c)).unwrap_or(rest.len());
    let lone_word = first_word_len > 0 && first_word_len == rest.len();
    let key_value = first_word_len > 0 && rest.get(first_word_len..).is_some_and(|r| r.starts_with('='));
    let marked = rest.strip_prefix(['#', '.']).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()));
    marked || key_value || lone_word
}

/// Why `id` cannot be a block's id, when it cannot (the model's rule, in
/// the editor's words): its shape, or an id the page uses for its own parts
/// (the reader would rename the block).
pub(crate) fn id_problem(id: &str) -> Option<String> {
    Some(match block_id_problem(id)? {
        BlockIdProblem::Shape => {
            format!("`#{id}` is not a block id: start with a letter, then letters, digits, - or _, 64 at most")
        }
        BlockIdProblem::PageOwn => format!(
            "`#{id}` is an id the page uses for its own parts (the skip link, comments, search, the carousel): \
             choose another"
        ),
    })
}

/// Parses `{#id key="value" key=value flag}`. `offset` is the byte offset of
/// the `{` in the file; errors carry the offset of what is wrong.
pub(crate) fn parse(line: &str, offset: usize) -> Result<Attributes, (usize, String)> {
    let text = line.trim_end();
    let inner = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .ok_or((offset, "attributes are written between { and }".to_string()))?;
    let mut attrs = Attributes { offset, ..Default::default() };
    let bytes = inner.as_bytes();
    let mut i = 0;
    let at = |i: usize| offset + 1 + i;
    while i < bytes.len() {
        let Some(&b) = bytes.get(i) else { break };
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if b == b'#' {
            i += 1;
            while bytes.get(i).is_some_and(|c| !c.is_ascii_whitespace()) {
                i += 1;
            }
            let id = inner.get(start + 1..i).unwrap_or("");
            if let Some(problem) = id_problem(id) {
                return Err((at(start), problem));
            }
            if attrs.id.is_some() {
                return Err((at(start), "a block has one id: remove one of the #ids".into()));
            }
            attrs.id = Some((id.to_string(), at(start)));
            continue;
        }
        while bytes.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_') {
            i += 1;
        }
        if i == start {
            let found = inner.get(start..).and_then(|s| s.chars().next()).unwrap_or(' ');
            let hint = match found {
                '.' => ": classes are not used here",
                '“' | '”' | '‘' | '’' => ": write values in straight quotes (\"…\")",
                // kramdown's `{: #id}`, which it also reads on the line
                // below a block; here a line of attributes is for the block
                // below it, and a heading takes its id at its line's end.
                ':' if start == 0 => {
                    ": kramdown's `{: …}` is read here only at the end of a subheading's line \
                     (`## Songs {: #songs}`); on a line of its own, attributes are written `{#id}` and go \
                     above their block"
                }
                _ => "",
            };
            let found = super::shown(&found.to_string());
            return Err((at(start), format!("unexpected `{found}` in the attributes{hint}")));
        }
        let key = inner.get(start..i).unwrap_or("").to_string();
        let mut value = None;
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            match bytes.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    i += 1;
                    let mut out = String::new();
                    let mut closed = false;
                    while let Some(c) = inner.get(i..).and_then(|s| s.chars().next()) {
                        i += c.len_utf8();
                        if c == '\\' {
                            if let Some(next) = inner.get(i..).and_then(|s| s.chars().next()) {
                                i += next.len_utf8();
                                out.push(next);
                            }
                        } else if c as u32 == u32::from(q) {
                            closed = true;
                            break;
                        } else {
                            out.push(c);
                        }
                    }
                    if !closed {
                        return Err((at(start), format!("the value of `{key}` has no closing quote")));
                    }
                    value = Some(out);
                }
                Some(&c) if !c.is_ascii_whitespace() => {
                    let from = i;
                    if inner.get(from..).is_some_and(|s| s.starts_with(['“', '‘', '«'])) {
                        return Err((at(from), "write values in straight quotes (\"…\")".into()));
                    }
                    while bytes.get(i).is_some_and(|c| !c.is_ascii_whitespace()) {
                        i += 1;
                    }
                    value = Some(inner.get(from..i).unwrap_or("").to_string());
                }
                _ => return Err((at(start), format!("`{key}=` needs a value, such as {key}=\"…\""))),
            }
        }
        if attrs.items.iter().any(|a| a.key == key) {
            return Err((at(start), format!("`{key}` is given twice")));
        }
        attrs.items.push(Attribute { key, value, offset: at(start) });
    }
    Ok(attrs)
}

/// Writes a value for an attribute line, quoted when it needs to be.
pub(crate) fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_id_flags_and_quoted_values() {
        let attrs = parse(r#"{#q1 feedback="What does \"this\" mean?" width=800}"#, 10).unwrap();
        assert_eq!(attrs.id, Some(("q1".into(), 11)));
        assert_eq!(attrs.get("feedback").and_then(|a| a.value.clone()).as_deref(), Some("What does \"this\" mean?"));
        assert_eq!(attrs.get("width").and_then(|a| a.value.clone()).as_deref(), Some("800"));
        let flag = parse("{feedback}", 0).unwrap();
        assert_eq!(flag.get("feedback").map(|a| a.value.is_none()), Some(true));
    }

    #[test]
    fn refuses_what_it_cannot_read_with_the_place() {
        assert_eq!(parse("{#1abc}", 0).unwrap_err().0, 1);
        assert!(parse(r#"{feedback="open}"#, 0).unwrap_err().1.contains("closing quote"));
        assert!(parse("{.lead}", 0).unwrap_err().1.contains("classes"));
        assert!(parse("{feedback=“curly”}", 0).unwrap_err().1.contains("straight quotes"));
        assert!(parse("{#a #b}", 0).unwrap_err().1.contains("one id"));
        assert!(parse("{x=1 x=2}", 0).unwrap_err().1.contains("twice"));
    }

    #[test]
    fn only_what_reads_as_attributes_is_an_unclosed_attribute_line() {
        for line in ["{#ok", "{.lead", "{broken", "{feedback=\"Why?", "{#q1 feedback=\"Why?\"", "{feedback  "] {
            assert!(looks_like_unclosed_attributes(line), "{line}");
        }
        for line in ["{sic} a quote", "{this aside goes on", "{ spaced", "{", "{#1", "{#ok}", "text {#ok", " {#ok"] {
            assert!(!looks_like_unclosed_attributes(line), "{line}");
        }
    }

    #[test]
    fn quotes_round_trip() {
        let value = r#"a "quoted" \ word"#;
        let line = format!("{{feedback={}}}", quote(value));
        assert_eq!(parse(&line, 0).unwrap().get("feedback").unwrap().value.as_deref(), Some(value));
    }
}
