//! Browser tests: components mounted in headless Chromium, asserted on the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use linernotes::components::{ArticleView, RichText};
use linernotes::model::{parse_article, Inline};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FILM_OUT: &str = include_str!("../public/content/articles/film-out.json");

fn fresh_root() -> web_sys::HtmlElement {
    let document = document();
    let root = document.create_element("div").unwrap().unchecked_into::<web_sys::HtmlElement>();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
async fn article_renders_headline_subheadings_quote_and_lyric_lines() {
    let article = parse_article(FILM_OUT).unwrap().value;
    let root = fresh_root();
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <ArticleView article /> });
    tick().await;

    assert_eq!(texts(&root, "h1"), ["BTS release “Film Out”, a ballad written with back number’s Iyori Shimizu"]);
    assert_eq!(
        texts(&root, "h2.article__subheading"),
        ["A slow song about someone who stays", "On the way to “BTS, The Best”"]
    );
    let quote = texts(&root, ".pull-quote blockquote");
    assert_eq!(quote.len(), 1);
    assert!(quote[0].starts_with("It is a song about memory"), "{quote:?}");
    assert_eq!(
        texts(&root, ".lyric-quote__line"),
        [
            "The reel runs out, the screen goes white,",
            "your shadow stays behind the light,",
            "I play the scene again tonight."
        ]
    );
    // Every image reserves its box and has alt text; only the video poster
    // is decorative (alt=""), since the play button names the video.
    // Music artwork is the publisher's cover, with its own alt text.
    let images = root.query_selector_all("img").unwrap();
    assert!(images.length() >= 2);
    for i in 0..images.length() {
        let img = images.item(i).unwrap().unchecked_into::<web_sys::Element>();
        assert!(img.get_attribute("width").is_some() && img.get_attribute("height").is_some());
        let alt = img.get_attribute("alt").expect("alt attribute");
        let poster = img.closest(".player--video").ok().flatten().is_some();
        assert!(!alt.is_empty() || poster, "{}", img.outer_html());
    }
    assert_eq!(
        texts(&root, ".player__play"),
        ["Play BTS “Film Out” official music video on YouTube", "Play Film Out by BTS on Spotify"]
    );
    assert_eq!(texts(&root, ".player__caption a"), ["Watch on YouTube", "Listen on Spotify"]);
    let labels = root.query_selector_all(".player__caption a").unwrap();
    let labels: Vec<String> = (0..labels.length())
        .filter_map(|i| labels.item(i)?.dyn_into::<web_sys::Element>().ok()?.get_attribute("aria-label"))
        .collect();
    assert_eq!(labels, ["Watch on YouTube: BTS “Film Out” official music video", "Listen on Spotify: Film Out by BTS"]);
    // Nothing of the services' is in the page before play.
    assert_eq!(root.query_selector_all("iframe").unwrap().length(), 0);
    root.remove();
}

#[wasm_bindgen_test]
async fn hostile_links_and_markup_stay_text() {
    let content = vec![
        Inline { text: "<img src=x onerror=alert(1)>".into(), em: false, strong: false, href: None },
        Inline { text: "click".into(), em: false, strong: false, href: Some(" JaVaScRiPt:alert(1)".into()) },
        Inline { text: "safe".into(), em: true, strong: false, href: Some("/article/film-out".into()) },
    ];
    let root = fresh_root();
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <p><RichText content /></p> });
    tick().await;

    assert_eq!(root.query_selector_all("img").unwrap().length(), 0, "markup in text must stay text");
    assert_eq!(root.text_content().unwrap_or_default(), "<img src=x onerror=alert(1)>clicksafe");
    let links = root.query_selector_all("a").unwrap();
    assert_eq!(links.length(), 1, "only the site link becomes a link");
    let link = links.item(0).unwrap().unchecked_into::<web_sys::Element>();
    assert_eq!(link.get_attribute("href").as_deref(), Some("/article/film-out"));
    assert_eq!(link.text_content().as_deref(), Some("safe"));
    root.remove();
}

#[wasm_bindgen_test]
fn comment_html_allow_list_keeps_text_and_drops_the_rest() {
    use linernotes::comments::parse_comment_html;
    use linernotes::model::{AllowedTag, Markup};

    fn tags(nodes: &[Markup], out: &mut Vec<AllowedTag>) {
        for node in nodes {
            if let Markup::Element { tag, children, .. } = node {
                out.push(*tag);
                tags(children, out);
            }
        }
    }
    fn hrefs(nodes: &[Markup], out: &mut Vec<String>) {
        for node in nodes {
            if let Markup::Element { href, children, .. } = node {
                out.extend(href.clone());
                hrefs(children, out);
            }
        }
    }

    // (input, the text a reader sees, the links that survive)
    let cases: &[(&str, &str, &[&str])] = &[
        ("<p>Hello <em>there</em></p>", "Hello there", &[]),
        ("<script>alert(1)</script><p>after</p>", "after", &[]),
        ("<img src=x onerror=alert(1)>caption", "caption", &[]),
        ("<a href=\"javascript:alert(1)\">click</a>", "click", &[]),
        ("<a href=\" JaVaScRiPt:alert(1)\">click</a>", "click", &[]),
        ("<a href=\"data:text/html,x\">data</a>", "data", &[]),
        ("<a href=\"https://ok.example/\" onclick=\"alert(1)\">fine</a>", "fine", &["https://ok.example/"]),
        ("<a href=\"/article/x\">site path</a>", "site path", &[]),
        ("<iframe src=\"https://evil.example/\"></iframe>left", "left", &[]),
        ("<style>body{display:none}</style>shown", "shown", &[]),
        ("<svg><script>alert(1)</script></svg>ok", "ok", &[]),
        ("<div onmouseover=alert(1)><b>bold</b></div>", "bold", &[]),
        ("<p>line<br>break</p>", "line\nbreak", &[]),
        ("&lt;script&gt;not a tag&lt;/script&gt;", "<script>not a tag</script>", &[]),
        ("<form action=\"https://evil.example\"><input value=x><button>go</button></form>", "go", &[]),
        ("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>y", "y", &[]),
        ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>z", "z", &[]),
    ];
    for (input, text, links) in cases {
        let markup = parse_comment_html(input);
        assert_eq!(Markup::plain_text(&markup), *text, "{input}");
        let mut found = Vec::new();
        hrefs(&markup, &mut found);
        assert_eq!(found, *links, "{input}");
        let mut seen = Vec::new();
        tags(&markup, &mut seen);
        // Every element that survived is on the allow-list by construction;
        // check the tree is what the reader would expect for the safe cases.
        if *input == "<p>Hello <em>there</em></p>" {
            assert_eq!(seen, [AllowedTag::P, AllowedTag::Em]);
        }
    }
}
