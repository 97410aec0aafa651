//! Isso returns comment text as HTML. It is parsed by the browser's inert
//! `DOMParser` (no scripts run, nothing loads) and walked into an
//! allow-listed [`Markup`] tree; the view renders that tree as elements and
//! text nodes. The HTML itself never reaches the page.

use crate::model::Markup;

#[cfg(target_arch = "wasm32")]
pub fn parse_comment_html(html: &str) -> Vec<Markup> {
    use crate::model::{comment_href, AllowedTag};
    use web_sys::{DomParser, Node, SupportedType};

    fn walk(node: &Node, depth: usize, out: &mut Vec<Markup>) {
        let children = node.child_nodes();
        for i in 0..children.length() {
            let Some(child) = children.item(i) else { continue };
            match child.node_type() {
                Node::TEXT_NODE => {
                    if let Some(text) = child.text_content() {
                        out.push(Markup::Text(text));
                    }
                }
                Node::ELEMENT_NODE => {
                    let name = child.node_name();
                    if AllowedTag::is_dropped_with_content(&name) {
                        continue;
                    }
                    // Deeply nested markup is flattened rather than recursed into.
                    match AllowedTag::from_name(&name).filter(|_| depth < 32) {
                        Some(tag) => {
                            let href = if tag == AllowedTag::A {
                                use wasm_bindgen::JsCast;
                                child
                                    .dyn_ref::<web_sys::Element>()
                                    .and_then(|el| el.get_attribute("href"))
                                    .and_then(|h| comment_href(&h))
                            } else {
                                None
                            };
                            let mut inner = Vec::new();
                            walk(&child, depth + 1, &mut inner);
                            out.push(Markup::Element { tag, href, children: inner });
                        }
                        // Unknown elements keep their text, lose themselves.
                        None => walk(&child, depth + 1, out),
                    }
                }
                _ => {}
            }
        }
    }

    let Ok(parser) = DomParser::new() else {
        return vec![Markup::Text(html.to_string())];
    };
    let Ok(doc) = parser.parse_from_string(html, SupportedType::TextHtml) else {
        return vec![Markup::Text(html.to_string())];
    };
    let mut out = Vec::new();
    if let Some(body) = doc.body() {
        walk(&body, 0, &mut out);
    }
    out
}

/// Outside the browser there is no inert parser: keep the text only.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_comment_html(html: &str) -> Vec<Markup> {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    vec![Markup::Text(text)]
}
