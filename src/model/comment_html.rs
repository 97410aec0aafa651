//! Comment HTML, as Isso returns it, read into the allow-listed [`Markup`]
//! tree without a browser: a small tolerant tokenizer for the HTML a comment
//! server produces (and whatever an old database holds), not a general HTML5
//! parser. Nothing here ever becomes HTML again; the view renders the tree
//! as elements and text nodes.
//!
//! Why not the browser's `DOMParser`: it is inert (nothing runs), but it
//! parses in a document under the page's Content-Security-Policy, and markup
//! such as `<img onerror=…>` or `<style>` makes the browser report policy
//! violations for a page that did nothing wrong.

use super::{comment_href, AllowedTag, Markup};

/// Deeper nesting than this is flattened into its parent.
const MAX_DEPTH: usize = 32;

/// Elements whose content is text up to their end tag, whatever it looks
/// like (markup inside them is not markup).
const RAW_TEXT: [&str; 7] = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed"];

/// Reads comment HTML into the allow-listed tree: allowed elements keep
/// their structure (links only with an `href` that passes the link rule),
/// unknown elements give up their tags but keep their text, and elements
/// whose content is never text for a reader (`script`, `style`, …) go
/// entirely.
pub fn parse_comment_html(html: &str) -> Vec<Markup> {
    let mut tree = Tree::default();
    let mut rest = html;
    // Inside an element that is dropped with everything in it (`<svg>`,
    // `<noscript>`…): its name and how deep in it we are.
    let mut dropping: Option<(String, usize)> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if dropping.is_none() {
                tree.text(&decode_entities(rest));
            }
            break;
        };
        if lt > 0 && dropping.is_none() {
            tree.text(&decode_entities(&rest[..lt]));
        }
        rest = &rest[lt..];
        rest = match tag(rest) {
            Some(Token::Start { name, rest: after, self_closing, .. }) if dropping.is_some() => {
                if let Some((dropped, depth)) = dropping.as_mut() {
                    if *dropped == name && !self_closing {
                        *depth += 1;
                    }
                }
                after
            }
            Some(Token::End { name, rest: after }) if dropping.is_some() => {
                if let Some((dropped, depth)) = dropping.as_mut() {
                    if *dropped == name {
                        *depth -= 1;
                        if *depth == 0 {
                            dropping = None;
                        }
                    }
                }
                after
            }
            Some(Token::Start { name, href, alt, rest: after, .. }) if name == "img" => {
                // The page shows no image from a comment: its words stand in,
                // as a link to it when its address passes the link rule.
                tree.image(alt.as_deref().map(str::trim).unwrap_or_default(), href);
                after
            }
            Some(Token::Start { name, href, rest: after, self_closing, .. }) => {
                if RAW_TEXT.contains(&name.as_str()) && !self_closing {
                    skip_raw_text(after, &name)
                } else if AllowedTag::is_dropped_with_content(&name) {
                    if !self_closing {
                        dropping = Some((name, 1));
                    }
                    after
                } else {
                    tree.open(&name, href, self_closing);
                    after
                }
            }
            Some(Token::End { name, rest: after }) => {
                tree.close(&name);
                after
            }
            Some(Token::Other { rest: after }) => after,
            // A `<` that starts no tag is text, as browsers read it.
            None => {
                tree.text("<");
                &rest[1..]
            }
        };
    }
    tree.finish()
}

enum Token<'a> {
    Start {
        name: String,
        /// An `a`'s `href`, or an `img`'s `src`, when it passes the link rule.
        href: Option<String>,
        /// An `img`'s `alt`.
        alt: Option<String>,
        self_closing: bool,
        rest: &'a str,
    },
    End {
        name: String,
        rest: &'a str,
    },
    /// A comment, doctype or processing instruction: nothing for the reader.
    Other {
        rest: &'a str,
    },
}

/// Reads the tag at the start of `s` (which starts with `<`).
fn tag(s: &str) -> Option<Token<'_>> {
    let body = &s[1..];
    if let Some(comment) = body.strip_prefix("!--") {
        let end = comment.find("-->").map(|i| i + 3).unwrap_or(comment.len());
        return Some(Token::Other { rest: &comment[end..] });
    }
    if body.starts_with(['!', '?']) {
        let end = body.find('>').map(|i| i + 1).unwrap_or(body.len());
        return Some(Token::Other { rest: &body[end..] });
    }
    let (closing, body) = match body.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, body),
    };
    if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = body.find(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').unwrap_or(body.len());
    let name = body[..name_len].to_ascii_lowercase();
    let (attrs, rest) = attributes(&body[name_len..]);
    if closing {
        return Some(Token::End { name, rest });
    }
    let value = |key: &str| attrs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
    let link = if name == "img" { "src" } else { "href" };
    let href = value(link).and_then(comment_href);
    let alt = value("alt").map(str::to_string);
    let self_closing = value("/").is_some();
    Some(Token::Start { name, href, alt, self_closing, rest })
}

/// The attributes up to the tag's `>` (quoted values may hold `>`), and
/// what follows the tag. A lone `/` is recorded as an attribute named `/`.
fn attributes(s: &str) -> (Vec<(String, String)>, &str) {
    let mut attrs = Vec::new();
    let mut rest = s;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace());
        if rest.is_empty() {
            return (attrs, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (attrs, after);
        }
        if let Some(after) = rest.strip_prefix('/') {
            if after.starts_with('>') {
                attrs.push(("/".to_string(), String::new()));
            }
            rest = after;
            continue;
        }
        let name_len = rest
            .char_indices()
            .skip(1)
            .find(|&(_, c)| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .map(|(i, _)| i)
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start_matches(|c: char| c.is_ascii_whitespace());
            let (raw, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let end = inner.find(q).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or_default())
                }
                _ => {
                    let end = after.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = decode_entities(raw);
            rest = next;
        }
        attrs.push((name, value));
    }
}

/// Skips the content of an element such as `<script>` up to its end tag.
fn skip_raw_text<'a>(s: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(i) = s[from..].find("</") {
        let at = from + i;
        let candidate = &s[at + 2..];
        let matches = candidate.get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
            && candidate[name.len()..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/');
        if matches {
            let end = candidate.find('>').map(|j| at + 2 + j + 1).unwrap_or(s.len());
            return &s[end..];
        }
        from = at + 2;
    }
    ""
}

/// The open allowed elements, innermost last, each with what it holds so far.
#[derive(Default)]
struct Tree {
    root: Vec<Markup>,
    open: Vec<(AllowedTag, Option<String>, Vec<Markup>)>,
}

impl Tree {
    fn children(&mut self) -> &mut Vec<Markup> {
        match self.open.last_mut() {
            Some((_, _, children)) => children,
            None => &mut self.root,
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let children = self.children();
        match children.last_mut() {
            Some(Markup::Text(previous)) => previous.push_str(text),
            _ => children.push(Markup::Text(text.to_string())),
        }
    }

    /// An image as words: its `alt` (or "image"), linked to it when `href`
    /// is one; nothing when it has neither.
    fn image(&mut self, alt: &str, href: Option<String>) {
        let words = if alt.is_empty() { "image" } else { alt };
        match href {
            // A link cannot hold a link: inside one, the words alone.
            Some(href) if !self.open.iter().any(|(t, _, _)| *t == AllowedTag::A) => {
                self.open.push((AllowedTag::A, Some(href), Vec::new()));
                self.text(words);
                self.close("a");
            }
            _ if !alt.is_empty() => self.text(alt),
            _ => {}
        }
    }

    fn open(&mut self, name: &str, href: Option<String>, self_closing: bool) {
        let Some(tag) = AllowedTag::from_name(name) else { return };
        // The end tags HTML implies: a block closes an open paragraph, a
        // list item closes the item before it.
        match tag {
            AllowedTag::P | AllowedTag::Ul | AllowedTag::Ol | AllowedTag::Pre | AllowedTag::Blockquote => {
                self.close_implied(AllowedTag::P, &[AllowedTag::Blockquote, AllowedTag::Li])
            }
            AllowedTag::Li => self.close_implied(AllowedTag::Li, &[AllowedTag::Ul, AllowedTag::Ol]),
            _ => {}
        }
        if tag == AllowedTag::Br {
            self.children().push(Markup::Element { tag, href: None, children: Vec::new() });
        } else if !self_closing && self.open.len() < MAX_DEPTH {
            self.open.push((tag, href, Vec::new()));
        }
    }

    /// Closes an open `tag` unless one of `scope` is nearer.
    fn close_implied(&mut self, tag: AllowedTag, scope: &[AllowedTag]) {
        let found = self.open.iter().rposition(|(t, _, _)| *t == tag || scope.contains(t));
        if let Some(at) = found.filter(|&at| self.open[at].0 == tag) {
            self.pop_to(at);
        }
    }

    fn close(&mut self, name: &str) {
        let Some(tag) = AllowedTag::from_name(name) else { return };
        if let Some(at) = self.open.iter().rposition(|(t, _, _)| *t == tag) {
            self.pop_to(at);
        }
    }

    /// Closes every element from the innermost out to the one at `at`.
    fn pop_to(&mut self, at: usize) {
        while self.open.len() > at {
            if let Some((tag, href, children)) = self.open.pop() {
                self.children().push(Markup::Element { tag, href, children });
            }
        }
    }

    fn finish(mut self) -> Vec<Markup> {
        self.pop_to(0);
        self.root
    }
}

/// Named character references a comment is likely to hold; others stay as
/// written, as browsers leave unknown ones.
const ENTITIES: [(&str, char); 24] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("eacute", 'é'),
    ("egrave", 'è'),
    ("aacute", 'á'),
    ("uuml", 'ü'),
    ("ouml", 'ö'),
    ("times", '×'),
];

/// Replaces character references (`&amp;`, `&#233;`, `&#xE9;`) by their
/// characters.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.get(1..).and_then(|r| r.find(';')).filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..=e];
            let ch = match name.strip_prefix('#') {
                Some(num) => {
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse::<u32>().ok(),
                    };
                    code.map(|c| char::from_u32(c).filter(|c| *c != '\0').unwrap_or('\u{fffd}'))
                }
                None => ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c),
            }?;
            Some((ch, e + 2))
        });
        match decoded {
            Some((ch, len)) => {
                out.push(ch);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use AllowedTag::*;

    fn el(tag: AllowedTag, children: Vec<Markup>) -> Markup {
        Markup::Element { tag, href: None, children }
    }
    fn text(t: &str) -> Markup {
        Markup::Text(t.to_string())
    }

    #[test]
    fn struck_out_words_stay_struck() {
        assert_eq!(
            parse_comment_html("<p>It was <del>good</del> <s>great</s>.</p>"),
            vec![el(
                P,
                vec![text("It was "), el(Del, vec![text("good")]), text(" "), el(Del, vec![text("great")]), text(".")]
            )]
        );
    }

    #[test]
    fn isso_markup_keeps_its_structure() {
        let html = "<p>Hello <em>there</em>, <strong>you</strong>.<br>Next</p>\n<blockquote><p>quoted</p></blockquote>";
        assert_eq!(
            parse_comment_html(html),
            vec![
                el(
                    P,
                    vec![
                        text("Hello "),
                        el(Em, vec![text("there")]),
                        text(", "),
                        el(Strong, vec![text("you")]),
                        text("."),
                        el(Br, vec![]),
                        text("Next")
                    ]
                ),
                text("\n"),
                el(Blockquote, vec![el(P, vec![text("quoted")])]),
            ]
        );
        assert_eq!(
            parse_comment_html("<ul><li>one<li>two</ul><pre><code>a &lt; b</code></pre>"),
            vec![
                el(Ul, vec![el(Li, vec![text("one")]), el(Li, vec![text("two")])]),
                el(Pre, vec![el(Code, vec![text("a < b")])])
            ]
        );
    }

    #[test]
    fn links_keep_only_hrefs_that_pass_the_link_rule() {
        let parsed = parse_comment_html(
            r#"<a href="https://example.com/?a=1&amp;b=2" onclick="x()">site</a> <a href="javascript:alert(1)">bad</a> <a href='/article/x'>inside</a>"#,
        );
        assert_eq!(
            parsed,
            vec![
                Markup::Element {
                    tag: A,
                    href: Some("https://example.com/?a=1&b=2".into()),
                    children: vec![text("site")]
                },
                text(" "),
                Markup::Element { tag: A, href: None, children: vec![text("bad")] },
                text(" "),
                Markup::Element { tag: A, href: None, children: vec![text("inside")] },
            ]
        );
    }

    #[test]
    fn an_image_in_a_comment_keeps_its_words() {
        // What Isso makes of `![alt](url)`: the page shows no image, but the
        // words and where the image is are not lost.
        assert_eq!(
            parse_comment_html(r#"<p>Look: <img src="https://photos.example/stage.jpg" alt="the stage at dusk"></p>"#),
            vec![el(
                P,
                vec![
                    text("Look: "),
                    Markup::Element {
                        tag: A,
                        href: Some("https://photos.example/stage.jpg".into()),
                        children: vec![text("the stage at dusk")]
                    }
                ]
            )]
        );
        assert_eq!(parse_comment_html(r#"<img src="x" alt="a sketch">"#), vec![text("a sketch")]);
        assert_eq!(
            parse_comment_html(
                r#"<a href="https://a.example/">see <img src="https://a.example/i.png" alt="this"></a>"#
            ),
            vec![Markup::Element { tag: A, href: Some("https://a.example/".into()), children: vec![text("see this")] }]
        );
    }

    #[test]
    fn hostile_markup_leaves_text_only() {
        let cases = [
            ("<img src=x onerror=alert(1)>after", "after"),
            ("<script>alert(1)</script>ok", "ok"),
            ("<SCRIPT type=x>alert('</scr' + 'ipt>')</SCRIPT >ok", "ok"),
            ("<style>p{color:red}</style><p>ok</p>", "ok"),
            ("<svg><script>alert(1)</script></svg>ok", "ok"),
            ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>z", "z"),
            ("<svg><svg></svg>inner</svg>outer", "outer"),
            ("<iframe src=\"https://evil.example\">inside</iframe>ok", "ok"),
            ("<!-- <script>alert(1)</script> -->ok", "ok"),
            ("<div onmouseover=\"x\">kept <span>text</span></div>", "kept text"),
            ("<p title='>'>gt in attribute</p>", "gt in attribute"),
            ("a < b and c<d>e", "a < b and ce"),
            // As in browsers, a tag cut off by the end of the text is dropped.
            ("a < b and c<d", "a < b and c"),
            ("<", "<"),
            ("<a href=\"x", ""),
            ("<script>never closed", ""),
            ("&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>"),
        ];
        for (html, want) in cases {
            assert_eq!(Markup::plain_text(&parse_comment_html(html)), want, "{html:?}");
        }
    }

    #[test]
    fn character_references_are_decoded_once() {
        assert_eq!(
            decode_entities("Tom &amp;amp; Jerry &eacute;t&#233; &#x1F3B5; &bogus; & x"),
            "Tom &amp; Jerry été 🎵 &bogus; & x"
        );
        assert_eq!(decode_entities("&#0; &#xD800; &#99999999;"), "\u{fffd} \u{fffd} \u{fffd}");
    }

    #[test]
    fn unbalanced_and_deep_markup_is_closed_sensibly() {
        assert_eq!(parse_comment_html("<p>one<p>two"), vec![el(P, vec![text("one")]), el(P, vec![text("two")])]);
        assert_eq!(parse_comment_html("<em>a</strong>b</em>c"), vec![el(Em, vec![text("ab")]), text("c")]);
        let deep = "<em>".repeat(1000) + "x" + &"</em>".repeat(1000);
        let parsed = parse_comment_html(&deep);
        assert_eq!(Markup::plain_text(&parsed), "x");
    }
}
