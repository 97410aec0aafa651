//! The Markdown compiler, construct by construct and problem by problem,
//! and the round trip (JSON → Markdown → JSON) on every sample article.

use std::path::{Path, PathBuf};

use super::sources::{context_for, known_slugs, slug_from_headline};
use super::*;
use crate::model::{parse_article, Author, Block, Category, Feedback, Image, Inline};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn content_dir() -> PathBuf {
    root().join("public/content")
}

fn context() -> Context {
    let dir = content_dir();
    context_for(&dir.join("articles/test-article.md"), &dir, Some(known_slugs(&dir).unwrap()))
}

const FRONT: &str = "---\ntitle: A test\npublished: 2021-04-02T09:00:00Z\n---\n";

/// The body of an article with the minimal front matter (the body starts on line 5).
fn body(markdown: &str) -> Result<Vec<Block>, Vec<Problem>> {
    compile(&format!("{FRONT}{markdown}"), &context()).map(|c| c.article.body)
}

fn plain(text: &str) -> Inline {
    Inline { text: text.into(), em: false, strong: false, href: None }
}

fn problems(source: &str) -> Vec<(usize, usize, String)> {
    match compile(source, &context()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.into_iter().map(|p| (p.line, p.column, p.message)).collect(),
    }
}

/// Asserts exactly one problem, at this place, whose message says `says`.
fn assert_problem(source: &str, line: usize, column: usize, says: &str) {
    let found = problems(source);
    assert!(
        found.len() == 1 && found[0].0 == line && found[0].1 == column && found[0].2.contains(says),
        "expected one problem at {line}:{column} saying “{says}” for\n{source}\nfound {found:#?}"
    );
}

/// The one warning a source with no problems gets.
fn the_warning(source: &str) -> Problem {
    let compiled = compile(source, &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    warning.clone()
}

/// The cites of the quotes in a body.
fn quote_cites(markdown: &str) -> Vec<Option<String>> {
    body(markdown)
        .unwrap()
        .into_iter()
        .filter_map(|b| match b {
            Block::Quote { cite, .. } => Some(cite),
            _ => None,
        })
        .collect()
}

const EVERYTHING: &str = r#"---
title: A test article
dek: Its standfirst.
category: Reviews
tags: [Test, "Sigur Rós", "back number"]
authors:
  - Aki Morimoto
  - name: Ren Takahara
    url: https://example.com/ren
published: 2021-04-02T09:00:00+09:00
updated: 2021-04-03T10:00:00Z
hero:
  src: images/film-out.svg
  alt: A strip of film.
  caption: A caption.
  credit: "Illustration: linernotes"
related: [film-out, city-pop-afterlife]
comments: false
---
Plain, *emphasis*, **strong**, ***both*** and [a *link*](/article/film-out), <https://example.com>, <letters@example.com>.
A soft break joins lines &amp; entities decode.

## A subheading

### Level three {#custom}

{#q9 feedback="What does this mean to you?"}
> A pull quote
> over two lines.
> — Aki Morimoto, linernotes

```lyrics
First line,
second line.

Second verse.
— Song, artist
```

{poster="images/film-out-poster.svg"}
[Video title](https://youtu.be/zFT3f9biz68)

{credit="Photo: us" feedback}
[![A record](images/liner-note.svg "A caption")](https://shop.example/a-record)

- One
- **Two**

1. First
2. Second

<!-- an editor's note, not published -->

##### Level five
###### Level six
"#;

#[test]
fn every_construct_compiles_to_its_block() {
    let article = compile(EVERYTHING, &context()).unwrap_or_else(|p| panic!("{p:#?}")).article;
    assert_eq!(article.slug, "test-article");
    assert_eq!(article.dek.as_deref(), Some("Its standfirst."));
    assert_eq!(article.category, Some(Category { slug: "reviews".into(), name: "Reviews".into() }));
    assert_eq!(article.tags, ["Test", "Sigur Rós", "back number"]);
    assert_eq!(
        article.authors,
        [
            Author { name: "Aki Morimoto".into(), url: None },
            Author { name: "Ren Takahara".into(), url: Some("https://example.com/ren".into()) }
        ]
    );
    assert_eq!(article.published.as_str(), "2021-04-02T09:00:00+09:00");
    assert_eq!(article.updated.as_ref().map(|t| t.as_str()), Some("2021-04-03T10:00:00Z"));
    assert_eq!(
        article.hero,
        Some(Image {
            src: "images/film-out.svg".into(),
            alt: "A strip of film.".into(),
            width: 1200,
            height: 675,
            caption: Some("A caption.".into()),
            credit: Some("Illustration: linernotes".into()),
        })
    );
    assert_eq!(article.related, ["film-out", "city-pop-afterlife"]);
    assert!(!article.comments.open);

    let link =
        |text: &str, href: &str, em: bool| Inline { text: text.into(), em, strong: false, href: Some(href.into()) };
    let expected = vec![
        Block::Paragraph {
            id: "p1".into(),
            content: vec![
                plain("Plain, "),
                Inline { em: true, ..plain("emphasis") },
                plain(", "),
                Inline { strong: true, ..plain("strong") },
                plain(", "),
                Inline { em: true, strong: true, ..plain("both") },
                plain(" and "),
                link("a ", "/article/film-out", false),
                link("link", "/article/film-out", true),
                plain(", "),
                link("https://example.com", "https://example.com", false),
                plain(", "),
                link("letters@example.com", "mailto:letters@example.com", false),
                plain(". A soft break joins lines & entities decode."),
            ],
        },
        Block::Heading { id: "h1".into(), level: 2, text: "A subheading".into() },
        Block::Heading { id: "custom".into(), level: 3, text: "Level three".into() },
        Block::Quote {
            id: "q9".into(),
            content: vec![plain("A pull quote over two lines.")],
            cite: Some("Aki Morimoto, linernotes".into()),
        },
        Block::Lyrics {
            id: "l1".into(),
            lines: vec!["First line,".into(), "second line.".into(), "".into(), "Second verse.".into()],
            cite: Some("Song, artist".into()),
        },
        Block::Video {
            id: "v1".into(),
            provider: "youtube".into(),
            video_id: "zFT3f9biz68".into(),
            title: "Video title".into(),
            poster: Some("images/film-out-poster.svg".into()),
        },
        Block::Image {
            id: "i1".into(),
            image: Image {
                src: "images/liner-note.svg".into(),
                alt: "A record".into(),
                width: 1200,
                height: 675,
                caption: Some("A caption".into()),
                credit: Some("Photo: us".into()),
            },
            link: Some("https://shop.example/a-record".into()),
        },
        Block::List {
            id: "l2".into(),
            ordered: false,
            start: None,
            reversed: false,
            items: vec![vec![plain("One")], vec![Inline { strong: true, ..plain("Two") }]],
        },
        Block::List {
            id: "l3".into(),
            ordered: true,
            start: None,
            reversed: false,
            items: vec![vec![plain("First")], vec![plain("Second")]],
        },
        Block::Heading { id: "h2".into(), level: 5, text: "Level five".into() },
        Block::Heading { id: "h3".into(), level: 6, text: "Level six".into() },
    ];
    assert_eq!(article.body, expected);
    assert_eq!(
        article.feedback,
        [
            Feedback { block: "q9".into(), prompt: Some("What does this mean to you?".into()) },
            Feedback { block: "i1".into(), prompt: None }
        ]
    );
}

#[test]
fn the_compiled_json_passes_the_strict_validator_and_reads_back() {
    let compiled = compile(EVERYTHING, &context()).unwrap();
    assert_eq!(crate::model::validate_article(&compiled.json), vec![]);
    assert_eq!(parse_article(&compiled.json).unwrap().value, compiled.article);
    assert!(compiled.json.ends_with("}\n"));
}

#[test]
fn video_titles_posters_and_addresses() {
    let video = |blocks: Vec<Block>| match blocks.into_iter().next() {
        Some(Block::Video { video_id, title, poster, .. }) => (video_id, title, poster),
        other => panic!("not a video: {other:?}"),
    };
    // A bare address alone on its line, titled by its attributes.
    let (id, title, _) =
        video(body("{title=\"Live at the hall\"}\nhttps://www.youtube.com/watch?v=zFT3f9biz68&t=30\n").unwrap());
    assert_eq!((id.as_str(), title.as_str()), ("zFT3f9biz68", "Live at the hall"));
    // An autolink, the same.
    let (_, title, _) = video(body("{title=\"T\"}\n<https://youtu.be/zFT3f9biz68>\n").unwrap());
    assert_eq!(title, "T");
    // A link to a video inside a sentence stays a link.
    let blocks = body("Watch [the video](https://youtu.be/zFT3f9biz68) first.\n").unwrap();
    assert!(matches!(&blocks[0], Block::Paragraph { content, .. } if content.len() == 3));
    // A link to a channel alone is a link, not a video.
    assert!(matches!(
        &body("[Our channel](https://www.youtube.com/@linernotes)\n").unwrap()[0],
        Block::Paragraph { .. }
    ));
}

#[test]
fn ids_are_numbered_per_kind_around_the_ones_given() {
    let blocks = body("{#p2}\nFirst.\n\nSecond.\n\nThird.\n\n```lyrics\nA\n```\n\n- item\n").unwrap();
    let ids: Vec<&str> = blocks.iter().map(Block::id).collect();
    assert_eq!(ids, ["p2", "p1", "p3", "l1", "l2"]);
}

#[test]
fn image_sizes_come_from_the_file_unless_given() {
    let image = |markdown: &str| match body(markdown).unwrap_or_else(|p| panic!("{p:#?}")).into_iter().next() {
        Some(Block::Image { image, .. }) => (image.src, image.width, image.height),
        other => panic!("not an image: {other:?}"),
    };
    assert_eq!(image("![A sleeve](images/liner-note-sleeve.svg)"), ("images/liner-note-sleeve.svg".into(), 800, 800));
    assert_eq!(image("{width=400}\n![A film](images/film-out.svg)"), ("images/film-out.svg".into(), 400, 225));
    assert_eq!(image("{width=10 height=20}\n![A film](images/film-out.svg)"), ("images/film-out.svg".into(), 10, 20));
    // Relative to the Markdown file, as editors' previews resolve it.
    assert_eq!(image("![A film](../../images/film-out.svg)"), ("images/film-out.svg".into(), 1200, 675));
    assert_eq!(image("![A film](/images/film-out.svg)"), ("/images/film-out.svg".into(), 1200, 675));
    assert_eq!(
        image("{width=640 height=360}\n![Remote](https://example.com/a.jpg)"),
        ("https://example.com/a.jpg".into(), 640, 360)
    );
}

#[test]
fn every_unsupported_construct_is_a_problem_at_its_line_and_column() {
    let cases: &[(&str, usize, usize, &str)] = &[
        ("<div>hi</div>\n", 5, 1, "raw HTML"),
        ("Text with <b>bold</b>.\n", 5, 11, "raw HTML"),
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", 5, 1, "tables"),
        ("See [x](javascript:alert(1)) now.\n", 5, 5, "`javascript:alert(1)` is refused"),
        ("Mail [me](mailto:) now.\n", 5, 6, "names no address"),
        ("![](images/film-out.svg)\n", 5, 1, "alt text"),
        ("# Title\n", 5, 1, "`title`"),
        ("Text.\n\n***\n", 7, 1, "horizontal rule"),
        ("```\nlet x = 1;\n```\n", 5, 1, "code blocks"),
        ("```rust\nlet x = 1;\n```\n", 5, 1, "(`rust`)"),
        ("    indented\n", 5, 5, "four spaces"),
        ("Use `code` here.\n", 5, 5, "inline code"),
        ("line one\\\nline two\n", 5, 9, "line break"),
        ("Was ~~gone~~.\n", 5, 5, "strikethrough"),
        ("- [ ] task\n", 5, 3, "task-list"),
        ("- a\n  - b\n", 6, 3, "lists inside lists"),
        ("> one\n>\n> two\n>\n> three\n", 5, 1, "one paragraph"),
        ("> quote\n> - Name\n", 5, 1, "em dash"),
        ("> [!NOTE]\n> careful\n", 5, 1, "callouts"),
        ("> [!quote] Leonard Cohen\n> There is a crack in everything.\n", 5, 1, "callouts"),
        ("> [!tip]-\n> Folded.\n", 5, 1, "marker would be printed"),
        ("![A](images/missing.svg)\n", 5, 1, "no image at `images/missing.svg`"),
        ("![A](http://example.com/a.jpg)\n", 5, 1, "need https://"),
        ("![A](data:image/png;base64,iVBORw0KGgo=)\n", 5, 1, "images are files"),
        ("![A](../../../etc/passwd.svg)\n", 5, 1, "outside the site folder"),
        ("![A](https://example.com/a.jpg)\n", 5, 1, "give width and height"),
        ("https://example.com/page\n", 5, 1, "neither a link nor a video"),
        ("https://www.youtube.com/@bts\n", 5, 1, "names no video"),
        ("https://youtu.be/zFT3f9biz68\n", 5, 1, "needs a title"),
        ("[](https://example.com)\n", 5, 1, "no text to click"),
        ("[a](https://example.com \"Title\")\n", 5, 1, "link titles"),
        ("## *Emphasis* heading\n", 5, 4, "plain text"),
        ("> quote\n> — *Name*\n", 6, 3, "plain text"),
        ("text ![img](images/film-out.svg) inline\n", 5, 6, "line of its own"),
        ("```lyrics\n```\n", 5, 1, "no lines"),
        ("<!-- TODO write this -->\n", 5, 1, "the article has no text"),
        (
            "<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/zFT3f9biz68?si=abc&amp;start=3\" title=\"YouTube video player\" allowfullscreen></iframe>\n",
            5,
            1,
            "a player's embed code is not shown (the page never renders HTML): write its address alone on a line: [Title](https://www.youtube.com/embed/zFT3f9biz68?si=abc&start=3)",
        ),
        (
            "<iframe style=\"border: 0; width: 350px;\" src=\"https://bandcamp.com/EmbeddedPlayer/album=1234567890/size=large/tracklist=false/\" seamless><a href=\"https://paper-moons.bandcamp.com/album/low-tide-live\">Low Tide Live by Paper Moons</a></iframe>\n",
            5,
            1,
            "{artist=\"…\" bandcamp_id=\"1234567890\"} then [Title](https://paper-moons.bandcamp.com/album/low-tide-live)",
        ),
        ("```lyrics\nSalt on the rail\n\n## Next\n\nText.\n", 5, 1, "never closed"),
        ("~~~lyrics\nA line\n```\n", 5, 1, "never closed"),
        ("Text.\n\n{#x}\n", 7, 1, "no block below"),
        ("{#p1}\nA\n\n{#p1}\nB\n", 8, 2, "used twice"),
        ("{feedbak=\"x\"}\nA\n", 5, 2, "not `feedbak`"),
        ("{artist=\"Björk\"\u{a0}title=\"Jóga\"}\nA\n", 5, 16, "unexpected `U+00A0` in the attributes"),
        ("{#1x}\nA\n", 5, 2, "not a block id"),
        ("{#comments}\nA\n", 5, 2, "the page uses for its own parts"),
        ("## Heading {#main}\n", 5, 12, "the page uses for its own parts"),
        ("{width=wide}\n![A](images/film-out.svg)\n", 5, 2, "whole number"),
        ("{poster=\"images/nope.svg\"}\n[T](https://youtu.be/zFT3f9biz68)\n", 5, 2, "poster"),
        ("{#a}\n{#b}\nText\n", 6, 1, "one attribute line per block"),
        ("Text.\n{#x}\n\nMore.\n", 6, 1, "right below a line of text"),
        ("Text.\n{feedback=\"Why?\"}\n> Quote.\n", 6, 1, "right below a line of text"),
        ("> Quote.\n> {#q}\n", 6, 3, "inside a quote"),
        ("> {#q}\n> Quote.\n", 5, 3, "inside a quote"),
        ("{feedback=\"open}\nText\n", 5, 2, "closing quote"),
        ("Text[^1].\n\n[^1]: the note\n", 5, 5, "footnotes"),
        ("[Film Out](https://open.spotify.com/track/4FilmOutLinernotesDemo)\n", 5, 1, "needs artist"),
        ("{artist=\"A\" kind=\"album\"}\n[T](https://kestrel-and-the-lamps.bandcamp.com/track/x)\n", 6, 1, "bandcamp_id"),
        ("{artist=\"A\" kind=\"single\"}\n[T](https://open.spotify.com/track/4FilmOutLinernotesDemo)\n", 5, 13, "kind is one of"),
        ("{artist=\"A\" artwork=\"images/film-out.svg\"}\n[T](https://open.spotify.com/track/4FilmOutLinernotesDemo)\n", 5, 13, "artwork_alt"),
        ("{artist=\"A\" poster=\"images/film-out.svg\"}\n[T](https://open.spotify.com/track/4FilmOutLinernotesDemo)\n", 5, 13, "not `poster`"),
        ("https://open.spotify.com/artist/x\n", 5, 1, "names no video or music"),
    ];
    for (markdown, line, column, says) in cases {
        // Footnotes are reported twice (reference and definition): check the first.
        let source = format!("{FRONT}{markdown}");
        let found = problems(&source);
        if says == &"footnotes" {
            assert_eq!(found.len(), 2, "{found:#?}");
            assert_eq!((found[0].0, found[0].1), (*line, *column), "{found:#?}");
            continue;
        }
        assert_problem(&source, *line, *column, says);
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let source = "---\ntitle: [not, text]\npublished: yesterday\ncomments: maybe\n---\n<b>x</b>\n\n# Headline\n";
    let found = problems(source);
    let places: Vec<(usize, usize)> = found.iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(places, [(2, 8), (3, 12), (4, 11), (6, 1), (8, 1)], "{found:#?}");
}

#[test]
fn problems_are_reported_in_the_order_of_the_file() {
    // The fields are read in the article's order, not the file's.
    let source = "---\ncomments: maybe\npublished: yesterday\ntitle: [not, text]\n---\n<b>x</b>\n";
    let found = problems(source);
    let places: Vec<(usize, usize)> = found.iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(places, [(2, 11), (3, 12), (4, 8), (6, 1)], "{found:#?}");
}

#[test]
fn an_attribute_line_without_its_closing_brace_is_a_problem_not_text() {
    assert_problem(&format!("{FRONT}A\n\n{{#ok\n"), 7, 1, "no closing brace: write `{#ok}`");
    assert_problem(&format!("{FRONT}A\n\n{{broken\nF\n"), 7, 1, "write `{broken}`");
    assert_problem(&format!("{FRONT}{{feedback=\"Why?\"\n> A quote.\n"), 5, 1, "`{feedback=\"Why?\"}`");
    // Prose that starts with a brace is still prose, and `\{` escapes one.
    for (markdown, text) in [
        ("{sic} the words were hers.\n", "{sic} the words were hers."),
        ("{this aside goes on\n", "{this aside goes on"),
        ("\\{#ok\n", "{#ok"),
    ] {
        let blocks = body(markdown).unwrap_or_else(|p| panic!("{markdown}: {p:#?}"));
        assert_eq!(blocks, [Block::Paragraph { id: "p1".into(), content: vec![plain(text)] }], "{markdown}");
    }
}

#[test]
fn a_kind_the_address_contradicts_is_a_problem_at_the_attribute() {
    let spotify = "[Title](https://open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh)";
    assert_problem(
        &format!("{FRONT}{{kind=\"album\" artist=\"A\"}}\n{spotify}\n"),
        5,
        2,
        "this Spotify address is a track, not an album: remove kind=\"album\"",
    );
    let track = "[Title](https://soundcloud.com/paper-moons-duo/overdue-live-at-the-library)";
    let found = problems(&format!("{FRONT}Intro.\n\n{{artist=\"A\" kind=\"album\"}}\n{track}\n"));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].0, found[0].1), (7, 13), "{found:#?}");
    assert!(found[0].2.starts_with("this SoundCloud address is a track, not an album"), "{found:#?}");
    // What the address leaves open, or says again, is accepted.
    let set = "[Title](https://soundcloud.com/paper-moons-duo/sets/live)";
    for (markdown, want) in [
        (format!("{{artist=\"A\" kind=\"album\"}}\n{set}\n"), "album"),
        (format!("{{artist=\"A\"}}\n{set}\n"), "playlist"),
        (format!("{{artist=\"A\" kind=\"track\"}}\n{spotify}\n"), "track"),
    ] {
        let blocks = body(&markdown).unwrap_or_else(|p| panic!("{markdown}: {p:#?}"));
        assert!(matches!(&blocks[..], [Block::Audio { kind, .. }] if kind == want), "{markdown}: {blocks:#?}");
    }
}

#[test]
fn a_player_whose_address_the_players_do_not_read_says_so() {
    for (attributes, url, says) in [
        ("artist=\"A\"", "https://spotify.link/AbCdEf123", "short link"),
        ("artist=\"A\" artwork=\"images/x.svg\"", "https://spoti.fi/3xYz", "short link"),
        ("artist=\"A\"", "https://on.soundcloud.com/AbCd", "short link"),
        ("artist=\"A\"", "https://itunes.apple.com/us/album/x/id1562580573", "old iTunes address"),
        ("artist=\"A\" kind=\"track\"", "https://open.spotify.com/episode/4iV5W9uYEdYUVa79Axb7Rh", "Podcast"),
        ("poster=\"images/film-out-poster.svg\"", "https://vimeo.com/76979871/abcdef1234", "unlisted Vimeo"),
    ] {
        let source = format!("{FRONT}{{{attributes}}}\n[Title]({url})\n");
        assert_problem(&source, 5, 2, &format!("`{url}` is not an address the players recognise"));
        assert_problem(&source, 5, 2, says);
    }
    assert_problem(&format!("{FRONT}https://spotify.link/AbCdEf123\n"), 5, 1, "paste the full address");
    // Attributes no block takes, above a paragraph, still say what a paragraph takes.
    assert_problem(&format!("{FRONT}{{credit=\"x\"}}\n[Title](https://example.com)\n"), 5, 2, "a paragraph takes");
}

#[test]
fn control_characters_are_refused_where_they_are() {
    let found = problems(&format!("{FRONT}A bell\x07 rings.\n\nAn escape \x1b[31m and a NUL \0.\n"));
    let places: Vec<(usize, usize)> = found.iter().map(|p| (p.0, p.1)).collect();
    assert_eq!(places, [(5, 7), (7, 11)], "{found:#?}");
    assert!(found[0].2.contains("control character (U+0007)"), "{found:#?}");
    // Tabs and Windows line ends are text.
    assert!(body("A\ttab.\r\n").is_ok());
}

#[test]
fn front_matter_problems_name_the_field_and_its_place() {
    let cases: &[(&str, usize, usize, &str)] = &[
        ("Just text\n", 1, 1, "starts with its front matter"),
        ("+++\ntitle = 'x'\n+++\n", 1, 1, "not TOML"),
        ("---\ntitle: x\n", 1, 1, "no closing `---`"),
        ("---\npublished: 2021-04-02T09:00:00Z\n---\nText\n", 1, 1, "needs `title: …`"),
        ("---\ntitle: T\n---\nText\n", 1, 1, "needs `published: …`"),
        ("---\ntitle:\npublished: 2021-04-02T09:00:00Z\n---\n", 2, 6, "`title` is empty"),
        ("---\ntitle: [a, b]\npublished: 2021-04-02T09:00:00Z\n---\n", 2, 8, "not a list"),
        ("---\ntitle: T\npublished: 2021-04-02\n---\n", 3, 12, "time zone"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nupdated: soon\n---\n", 4, 10, "`updated`"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nupdated: 2020-04-03T09:00:00Z\n---\n", 4, 10, "is before `published`"),
        ("---\ntitle: @at work\npublished: 2021-04-02T09:00:00Z\n---\n", 2, 8, "in quotes"),
        ("---\ntitle: `Film Out`\npublished: 2021-04-02T09:00:00Z\n---\n", 2, 8, "in quotes"),
        ("---\ntitle: Film Out: a ballad\npublished: 2021-04-02T09:00:00Z\n---\n", 2, 16, "as in `title: \"Film Out: a ballad\"`"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\ntags: {a: b}\n---\n", 4, 7, "should be a list"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\ncomments: maybe\n---\n", 4, 11, "true or false"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\ncomments: \"true\"\n---\n", 4, 11, "true or false"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nhero: images/film-out.svg\n---\n", 4, 7, "set of fields"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nhero:\n  src: images/film-out.svg\n---\n", 5, 3, "needs `alt`"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nhero:\n  src: images/film-out.svg\n  alt: A\n  width: wide\n---\n", 7, 10, "whole number"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nhero:\n  src: images/none.svg\n  alt: A\n---\n", 5, 8, "no image"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nhero:\n  src: x.svg\n  alt: A\n  size: 3\n---\n", 7, 3, "no field `size`"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nauthors:\n  - name: A\n    url: javascript:x\n---\n", 6, 10, "is refused"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nauthors:\n  - url: https://example.com\n---\n", 5, 5, "needs a `name`"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nrelated: [no-such-article]\n---\n", 4, 11, "no article `no-such-article`"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nrelated: [Bad Slug]\n---\n", 4, 11, "not an article slug"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nrelated: [test-article]\n---\n", 4, 11, "itself"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\ncategory: シグナル\n---\n", 4, 11, "no slug"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\ncategory: { name: N, slug: Bad }\n---\n", 4, 11, "category.slug"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nauthor: Aki\n---\n", 4, 1, "did you mean `authors`"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\ndate: 2021-04-02\n---\n", 4, 1, "did you mean `published`"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\ncatgory: News\n---\n", 4, 1, "did you mean `category`"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nauthors:\n\t- Aki\n---\n", 5, 1, "never tabs"),
        ("---\ntitle: T\n\tdek: x\npublished: 2021-04-02T09:00:00Z\n---\n", 3, 1, "this line starts with a tab"),
        ("---\ntitle:\tTabs\npublished: 2021-04-02T09:00:00Z\n---\n", 2, 1, "a tab after `title:`: YAML wants a space"),
        ("---\ntitle:\u{a0}Pasted\npublished: 2021-04-02T09:00:00Z\n---\n", 2, 1, "a no-break space after `title:`"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nauthors:\n\u{a0}\u{a0}- Aki\n---\n", 5, 1, "starts with a no-break space"),
        ("---\ntitle: T\ntitle: U\npublished: 2021-04-02T09:00:00Z\n---\n", 3, 1, "`title` is written twice"),
        ("---\ntitle: \"Unterminated\npublished: 2021-04-02T09:00:00Z\n---\n", 2, 8, "ends with the same quote mark"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nauthors: [Aki, aki]\n---\n", 4, 16, "`aki` is already in `authors`"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nrelated: [film-out, film-out]\n---\n", 4, 21, "already in `related`"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nmood: calm\n---\n", 4, 1, "comments, unlisted"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\ndraft: true\n---\n", 4, 1, "keep an unfinished article out"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nslug: other\n---\n", 4, 7, "rename the file"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nschema: 2\n---\n", 4, 9, "`schema` is 1"),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nfeedback: [q1]\n---\n", 4, 11, "line above"),
        ("---\ntitle: \"unclosed\npublished: 2021-04-02T09:00:00Z\n---\n", 2, 8, "not valid YAML"),
        ("---\ntitle: T\ntitle: U\npublished: 2021-04-02T09:00:00Z\n---\n", 3, 1, "not valid YAML"),
        ("---\ntitle: X: the sequel\npublished: 2021-04-02T09:00:00Z\n---\n", 2, 9, "goes in quotes, as in `title: \"X: the sequel\"`"),
        ("---\n- a list\n---\n", 2, 1, "should be fields"),
        ("\n\n---\ntitle: T\npublished: 2021-04-02T09:00:00Z\n---\nText\n", 1, 1, "remove the blank lines above it"),
        (
            "---\ntitle: “Harbour Lights: an album”\npublished: 2021-04-02T09:00:00Z\n---\n",
            2,
            23,
            "as in `title: \"Harbour Lights: an album\"`",
        ),
        (
            "---\ntitle: Why Blue went to #1 again\npublished: 2021-04-02T09:00:00Z\n---\n",
            2,
            8,
            "would be “Why Blue went to”: put the whole value in quotes, as in `title: \"Why Blue went to #1 again\"`",
        ),
        ("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nhero:\n  src: images/film-out.svg\n  alt: Photo #3: the band\n---\n", 6, 8, "would be “Photo”"),
        // An item of a list is quoted on its own, not the whole list.
        (
            "---\ntitle: T\npublished: 2021-04-02T09:00:00Z\ntags:\n  - Blue #1\n  - Folk\n---\n",
            5,
            5,
            "would be “Blue”: put the item in quotes, as in `\"Blue #1\"`",
        ),
        // A title that starts with brackets, and quote marks inside quotes.
        (
            "---\ntitle: [Live] Paper Moons at the library\npublished: 2021-04-02T09:00:00Z\n---\n",
            2,
            15,
            "a value that starts with `[` goes in quotes, as in `title: \"[Live] Paper Moons at the library\"`",
        ),
        (
            "---\ntitle: T\ndek: 'Don't stop'\npublished: 2021-04-02T09:00:00Z\n---\n",
            3,
            11,
            "not valid YAML: the value goes on after its closing quote mark: inside '…' an apostrophe is written twice, as in `dek: 'Don''t stop'`, or the value goes in double quotes: `dek: \"Don't stop\"`",
        ),
        (
            "---\ntitle: \"Quoted \"inner\" title\"\npublished: 2021-04-02T09:00:00Z\n---\n",
            2,
            17,
            "is written \\\", as in `title: \"Quoted \\\"inner\\\" title\"`, or the value goes in single quotes: `title: 'Quoted \"inner\" title'`",
        ),
    ];
    for (source, line, column, says) in cases {
        assert_problem(source, *line, *column, says);
    }
}

#[test]
fn a_comment_written_as_one_is_not_part_of_the_value() {
    let source =
        "---\ntitle: T\ncategory: Reviews  # one of: News, Reviews\npublished: 2021-04-02T09:00:00Z\n---\nText.\n";
    let compiled = compile(source, &context()).unwrap();
    assert_eq!(compiled.article.category.map(|c| c.name).as_deref(), Some("Reviews"));
}

#[test]
fn a_list_written_without_brackets_is_refused_with_the_list_form() {
    let start = "---\ntitle: T\npublished: 2021-04-02T09:00:00Z\n";
    assert_problem(
        &format!("{start}tags: Folk, Jazz, Field recording\n---\nText.\n"),
        4,
        7,
        "`tags` should be a list, such as `tags: [Folk, Jazz, Field recording]`",
    );
    assert_problem(
        &format!("{start}authors: Aki Morimoto, Ren Takahara\n---\nText.\n"),
        4,
        10,
        "`authors: [Aki Morimoto, Ren Takahara]`",
    );
    assert_problem(
        &format!("{start}related: film-out, city-pop-afterlife\n---\nText.\n"),
        4,
        10,
        "`related: [film-out, city-pop-afterlife]`",
    );
    // In brackets, a quoted name keeps its comma; one name alone is a list of one.
    let listed = format!("{start}tags: [\"Earth, Wind & Fire\", Folk]\nauthors: Aki Morimoto\n---\nText.\n");
    let article = compile(&listed, &context()).unwrap_or_else(|p| panic!("{p:#?}")).article;
    assert_eq!(article.tags, ["Earth, Wind & Fire", "Folk"]);
    assert_eq!(article.authors, [Author { name: "Aki Morimoto".into(), url: None }]);
}

#[test]
fn front_matter_reads_scalars_as_written() {
    let source = "---\ntitle: 1999\ndek: yes\ntags: [2021, true]\npublished: 2021-04-02T09:00:00Z\ncategory: { slug: news, name: News }\nauthors: Aki Morimoto\ncomments: { open: true }\nschema: 1\nslug: test-article\n---\nText.\n";
    let article = compile(source, &context()).unwrap_or_else(|p| panic!("{p:#?}")).article;
    assert_eq!(article.title, "1999");
    assert_eq!(article.dek.as_deref(), Some("yes"));
    assert_eq!(article.tags, ["2021", "true"]);
    assert_eq!(article.authors, [Author { name: "Aki Morimoto".into(), url: None }]);
    assert!(article.comments.open);
}

#[test]
fn a_file_name_that_is_no_slug_is_a_problem() {
    let mut context = context();
    context.slug = "Not A Slug".into();
    let found = compile(&format!("{FRONT}Text.\n"), &context).unwrap_err();
    assert!(found[0].message.contains("not a slug"), "{found:#?}");
}

/// Every sample article, exported to Markdown and compiled again, is the
/// same article and the same JSON text; and exporting that gives the same
/// Markdown.
#[test]
fn every_sample_round_trips_json_markdown_json() {
    let dir = content_dir();
    let known = known_slugs(&dir).unwrap();
    let mut count = 0;
    for entry in std::fs::read_dir(dir.join("articles")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let article = parse_article(&text).unwrap().value;
        let context = context_for(&path.with_extension("md"), &dir, Some(known.clone()));
        let exported = export_markdown(&article, &context);
        assert_eq!(exported.warnings, Vec::<String>::new(), "{}", path.display());
        let compiled = compile(&exported.markdown, &context)
            .unwrap_or_else(|p| panic!("{}: {p:#?}\n{}", path.display(), exported.markdown));
        assert_eq!(compiled.article, article, "{}", path.display());
        // The same JSON: equal as JSON values (a hand-written file may order
        // an object's keys its own way), and equal as text when the file is
        // in the standard layout, as every compiled one is.
        let value = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
        assert_eq!(value(&compiled.json), value(&text), "{}: the JSON differs", path.display());
        let standard = crate::markdown::article_json(&article).unwrap() == text;
        if standard || path.with_extension("md").exists() {
            assert_eq!(compiled.json, text, "{}: the JSON text differs", path.display());
        }
        assert_eq!(export_markdown(&compiled.article, &context).markdown, exported.markdown);
        count += 1;
    }
    assert!(count >= 10, "{count} samples");
}

#[test]
fn text_that_looks_like_markdown_survives_the_round_trip() {
    let awkward = [
        "*stars* and _underscores_ and `ticks` and [brackets] and <tags> and \\ backslashes",
        "# not a heading",
        "1984. A year, not a list",
        "- not a list",
        "> not a quote",
        "{#not-attributes}",
        "AT&T &amp; friends",
        "https://www.youtube.com/watch?v=zFT3f9biz68",
        "Wow!",
        "~~not struck~~ | pipes |",
        "+ plus",
        "=== equals",
        "<!-- not a comment -->",
        "an arrow --> and a dash",
        "%% not a comment %% and [[not a link]]",
    ];
    let dir = content_dir();
    let context = context_for(&dir.join("articles/awkward.md"), &dir, Some(known_slugs(&dir).unwrap()));
    for text in awkward {
        let base =
            parse_article(r#"{"schema":1,"slug":"awkward","title":"T","published":"2021-04-02T09:00:00Z","body":[]}"#)
                .unwrap()
                .value;
        let runs = vec![
            vec![plain(text)],
            vec![Inline { strong: true, ..plain("Iyori") }, Inline { em: true, ..plain("back") }, plain(text)],
            vec![
                Inline { em: true, ..plain("Film") },
                plain("s and "),
                Inline { href: Some("/a".into()), ..plain(text) },
            ],
        ];
        for content in runs {
            let mut article = base.clone();
            article.title = text.to_string();
            article.body = vec![
                Block::Paragraph { id: "p1".into(), content: content.clone() },
                Block::Heading { id: "h1".into(), level: 2, text: text.to_string() },
                Block::Quote { id: "q1".into(), content: content.clone(), cite: Some(text.to_string()) },
                Block::List {
                    id: "l1".into(),
                    ordered: true,
                    start: None,
                    reversed: false,
                    items: vec![content.clone()],
                },
                Block::Image {
                    id: "i1".into(),
                    image: Image {
                        src: "images/film-out.svg".into(),
                        alt: text.into(),
                        width: 1200,
                        height: 675,
                        caption: Some(text.into()),
                        credit: Some(text.into()),
                    },
                    link: Some("https://shop.example/a (b) <c>".into()),
                },
            ];
            article.feedback = vec![Feedback { block: "q1".into(), prompt: Some(text.into()) }];
            let exported = export_markdown(&article, &context);
            assert_eq!(exported.warnings, Vec::<String>::new(), "{text}\n{}", exported.markdown);
            let back = compile(&exported.markdown, &context)
                .unwrap_or_else(|p| panic!("{text}: {p:#?}\n{}", exported.markdown))
                .article;
            assert_eq!(back, article, "{text}\n{}", exported.markdown);
        }
    }
}

#[test]
fn white_space_at_a_blocks_ends_is_left_out_without_a_warning() {
    let mut article = compile(&format!("{FRONT}Text.\n"), &context()).unwrap().article;
    let lead = vec![plain("    four spaces lead "), Inline { em: true, ..plain("here ") }, plain("  ")];
    article.body = vec![
        Block::Paragraph { id: "p1".into(), content: lead.clone() },
        Block::Quote { id: "q1".into(), content: lead.clone(), cite: None },
        Block::List { id: "l1".into(), ordered: false, start: None, reversed: false, items: vec![lead] },
    ];
    let exported = export_markdown(&article, &context());
    assert_eq!(exported.warnings, Vec::<String>::new(), "{}", exported.markdown);
    assert!(exported.markdown.contains("\nfour spaces lead *here*\n"), "{}", exported.markdown);
    let back = compile(&exported.markdown, &context()).unwrap().article;
    assert_eq!(back.body.len(), 3);
}

#[test]
fn a_cite_takes_an_en_dash_or_a_tight_em_dash_and_lyrics_take_the_spaced_ones() {
    let cites = quote_cites(
        "> One.\n> – Third Person\n\n> Two.\n> —Nospace Person\n\n> Three.\n>\n> -- Fourth\n\n> Four.\n> —\n> is still the quote\n\n\
         > We stayed until the tape ran out\n> – and then we started again.\n\n> Six.\n> —and on\n",
    );
    assert_eq!(
        cites,
        [Some("Third Person".into()), Some("Nospace Person".into()), Some("Fourth".into()), None, None, None]
    );
    let lyrics =
        body("```lyrics\nA line\n—and the night\n– Song, en dash\n```\n\n```lyrics\nRun to the river\n– run to the sea\n```\n")
            .unwrap();
    assert!(matches!(&lyrics[1], Block::Lyrics { lines, cite: None, .. } if lines.len() == 2), "{lyrics:?}");
    assert!(
        matches!(&lyrics[0], Block::Lyrics { lines, cite: Some(cite), .. }
            if cite == "Song, en dash" && lines.last().map(String::as_str) == Some("—and the night")),
        "{lyrics:?}"
    );
}

#[test]
fn a_date_written_with_a_space_or_small_letters_is_published_in_the_usual_form() {
    let article = compile(
        "---\ntitle: T\npublished: 2026-11-20 21:30:00+01:00\nupdated: 2026-11-21t09:00:00z\n---\nText.\n",
        &context(),
    )
    .unwrap()
    .article;
    assert_eq!(article.published.as_str(), "2026-11-20T21:30:00+01:00");
    assert_eq!(article.updated.as_ref().map(|u| u.as_str()), Some("2026-11-21T09:00:00Z"));
}

#[test]
fn a_link_to_an_article_the_site_does_not_have_is_a_warning() {
    let compiled =
        compile(&format!("{FRONT}See [this](/article/no-such-story) and [that](/article/film-out#q1).\n"), &context())
            .unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert_eq!((warning.line, warning.column), (5, 5));
    assert!(warning.message.contains("no articles/no-such-story.md"), "{}", warning.message);
    // This article's own address with a part it lacks is the same problem as `#part`.
    let own = format!("{FRONT}{{#intro}}\nSee [below](/article/test-article#nowhere).\n");
    assert_problem(&own, 6, 5, "nowhere");
}

#[test]
fn attributes_across_a_blank_line_go_below_with_a_warning() {
    // Written after a paragraph, kramdown-style, with a blank line on each side.
    let compiled =
        compile(&format!("{FRONT}The first paragraph.\n\n{{#first}}\n\nThe second paragraph.\n"), &context()).unwrap();
    assert_eq!(compiled.article.body[1].id(), "first");
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert_eq!((warning.line, warning.column), (7, 1));
    assert!(warning.message.contains("a blank line separates these attributes"), "{}", warning.message);
    // Directly above, nothing to say.
    let direct = compile(&format!("{FRONT}The first paragraph.\n\n{{#second}}\nThe second.\n"), &context()).unwrap();
    assert!(direct.warnings.is_empty(), "{:#?}", direct.warnings);
}

#[test]
fn a_bare_address_in_the_text_is_a_warning() {
    let compiled = compile(&format!("{FRONT}Her label's page is https://example.org/mira.\n"), &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert!(warning.message.starts_with("`https://example.org/mira` is shown as text"), "{}", warning.message);
    assert!(compile(&format!("{FRONT}See <https://example.org/mira>.\n"), &context()).unwrap().warnings.is_empty());
    // The whole address, where Markdown cuts the text at `~` or `_`; and in brackets in prose.
    for (written, address) in [
        ("See https://www.example.edu/~mira/ for dates.", "https://www.example.edu/~mira/"),
        ("Watch (https://www.example.org/watch?v=_x1_y).", "https://www.example.org/watch?v=_x1_y"),
    ] {
        let compiled = compile(&format!("{FRONT}{written}\n"), &context()).unwrap();
        let [warning] = compiled.warnings.as_slice() else { panic!("{written}: {:#?}", compiled.warnings) };
        assert!(warning.message.starts_with(&format!("`{address}` is shown as text")), "{}", warning.message);
    }
}

#[test]
fn a_music_service_without_a_player_is_a_link_with_a_warning() {
    let compiled =
        compile(&format!("{FRONT}[Harbour Lights](https://tidal.com/browse/album/123456)\n"), &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert!(warning.message.starts_with("Tidal has no player here"), "{}", warning.message);
    assert!(matches!(&compiled.article.body[0], Block::Paragraph { content, .. } if content[0].href.is_some()));
}

#[test]
fn a_shortcode_from_another_tool_says_what_to_write() {
    assert_problem(
        &format!("{FRONT}{{{{< youtube zFT3f9biz68 >}}}}\n"),
        5,
        1,
        "[Its title](https://www.youtube.com/watch?v=zFT3f9biz68)",
    );
    assert_problem(&format!("{FRONT}{{% vimeo 76979871 %}}\n"), 5, 1, "https://vimeo.com/76979871");
    assert_problem(&format!("{FRONT}{{{{< spotify type=\"track\" >}}}}\n"), 5, 1, "see Players in the README");
    assert_problem(
        &format!("{FRONT}{{{{< spotify type=\"album\" id=\"1ATL5GLyefJaxhQzSPVrLX\" >}}}}\n"),
        5,
        1,
        "https://open.spotify.com/album/1ATL5GLyefJaxhQzSPVrLX",
    );
    assert_problem(
        &format!("{FRONT}{{{{< figure src=\"/images/a.jpg\" caption=\"A\" >}}}}\n"),
        5,
        1,
        "![What it shows](/images/a.jpg)",
    );
    // A notice's content under its opening, and its closing line right
    // below text: each is said to be a shortcode, with no player advice.
    let source = format!("{FRONT}{{{{% notice tip %}}}}\nKeep the tape dry.\n{{{{% /notice %}}}}\n");
    let found = problems(&source);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].2.contains("plain Markdown") && !found[0].2.contains("player"), "{}", found[0].2);
    assert_eq!(found[1].0, 7);
    assert!(found[1].2.contains("between it and its opening shortcode"), "{}", found[1].2);
    // A template's placeholder inside text is published as written: said.
    let warning = the_warning(&format!("{FRONT}Welcome to {{{{ site.title }}}}, readers.\n"));
    assert!(warning.message.contains("`{{ site.title }}` is a template's placeholder"), "{warning:?}");
}

#[test]
fn lists_in_a_row_stay_lists_of_their_own() {
    let json = r#"{"schema":1,"slug":"x","title":"T","published":"2021-04-02T09:00:00Z","body":[
        {"type":"list","id":"l1","ordered":true,"start":7,"items":[[{"text":"seven"}]]},
        {"type":"list","id":"l2","ordered":true,"items":[[{"text":"one"}]]},
        {"type":"list","id":"l3","ordered":true,"start":10,"items":[[{"text":"ten"}]]},
        {"type":"list","id":"l4","items":[[{"text":"a"}]]},
        {"type":"list","id":"l5","items":[[{"text":"b"}]]}],
        "feedback":[{"block":"l5","prompt":"Q?"}]}"#;
    let article = parse_article(json).unwrap().value;
    let dir = content_dir();
    let context = context_for(&dir.join("articles/x.md"), &dir, Some(known_slugs(&dir).unwrap()));
    let exported = export_markdown(&article, &context);
    assert_eq!(exported.warnings, Vec::<String>::new(), "{}", exported.markdown);
    assert!(exported.markdown.contains("\n7. seven\n\n1) one\n\n10. ten\n\n- a\n\n{feedback=\"Q?\"}\n* b\n"));
    assert_eq!(compile(&exported.markdown, &context).unwrap().article, article);
}

#[test]
fn export_says_what_differs_only_where_a_warning_says_it() {
    let mut article = compile(&format!("{FRONT}Two runs.\n"), &context()).unwrap().article;
    article.body = vec![Block::Paragraph { id: "p1".into(), content: vec![plain("Two "), plain("runs.")] }];
    let json = article_json(&article).unwrap();
    let exported = export_markdown(&article, &context());
    assert_eq!(exported.warnings, Vec::<String>::new());
    let note = commands::round_trip_note(&json, &article, &exported, &context());
    assert!(note.starts_with("it compiles to the same text for the reader"), "{note}");

    article.body = vec![Block::Paragraph { id: "p1".into(), content: vec![plain("A line\nbreak.")] }];
    let json = article_json(&article).unwrap();
    let exported = export_markdown(&article, &context());
    assert!(!exported.warnings.is_empty());
    let note = commands::round_trip_note(&json, &article, &exported, &context());
    assert!(note.contains("the warnings above say where"), "{note}");
}

#[test]
fn export_writes_ids_sizes_and_links_only_when_needed() {
    let json = r#"{"schema":1,"slug":"x","title":"T","published":"2021-04-02T09:00:00Z","body":[
        {"type":"paragraph","id":"intro","content":[{"text":"A"}]},
        {"type":"paragraph","id":"p1","content":[{"text":"B"}]},
        {"type":"image","id":"i1","src":"images/film-out.svg","alt":"A","width":600,"height":300},
        {"type":"image","id":"i2","src":"images/film-out.svg","alt":"B","width":1200,"height":675}],
        "authors":[{"name":"A","url":"https://example.com/a"}],
        "category":{"slug":"sounds","name":"Noise & Sounds"}}"#;
    let article = parse_article(json).unwrap().value;
    let dir = content_dir();
    let context = context_for(&dir.join("articles/x.md"), &dir, Some(known_slugs(&dir).unwrap()));
    let exported = export_markdown(&article, &context);
    let md = &exported.markdown;
    assert!(md.contains("{#intro}\nA\n"), "{md}");
    assert!(md.contains("\nB\n"), "{md}");
    assert!(md.contains("{width=600 height=300}\n![A](images/film-out.svg)"), "{md}");
    assert!(md.contains("\n![B](images/film-out.svg)\n"), "{md}");
    assert!(md.contains("authors:\n  - name: A\n    url: https://example.com/a\n"), "{md}");
    assert!(md.contains("category: { slug: sounds, name: Noise & Sounds }"), "{md}");
    assert_eq!(compile(md, &context).unwrap().article, article);
}

#[test]
fn the_readme_example_compiles_and_uses_every_construct() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("````markdown\n").expect("the README has a Markdown example") + "````markdown\n".len();
    let end = start + readme[start..].find("\n````").unwrap() + 1;
    let example = &readme[start..end];
    let article = compile(example, &context()).unwrap_or_else(|p| panic!("{p:#?}")).article;
    let kinds: Vec<&str> = article
        .body
        .iter()
        .map(|b| match b {
            Block::Paragraph { .. } => "paragraph",
            Block::Heading { .. } => "heading",
            Block::Quote { .. } => "quote",
            Block::Lyrics { .. } => "lyrics",
            Block::Video { .. } => "video",
            Block::Audio { .. } => "audio",
            Block::Image { .. } => "image",
            Block::List { ordered: false, .. } => "list",
            Block::List { ordered: true, .. } => "ordered list",
        })
        .collect();
    for kind in ["paragraph", "heading", "quote", "lyrics", "video", "audio", "image", "list", "ordered list"] {
        assert!(kinds.contains(&kind), "the README example has no {kind}: {kinds:?}");
    }
    assert_eq!(article.feedback.len(), 3);
    assert!(article.hero.is_some() && article.updated.is_some() && !article.related.is_empty());
}

/// An article as the tolerant parser reads it, for the export tests.
fn parsed(json: &str) -> crate::model::Parsed<crate::model::Article> {
    parse_article(json).unwrap()
}

#[test]
fn export_names_every_part_the_parser_skipped_and_never_claims_the_same_article() {
    let json = r#"{"schema":1,"slug":"x","title":"T","published":"2021-04-02T09:00:00Z",
        "tags":"Folk","hero":{"src":"images/film-out.svg","alt":"x"},"body":[
        {"type":"paragraph","id":"p1","content":[{"text":"One"}]},
        {"type":"image","id":"i1","src":"images/film-out.svg","alt":"A picture"},
        {"type":"pullquote","id":"x1","content":[{"text":"Future block"}]}]}"#;
    let parsed = parsed(json);
    let exported = export_parsed(&parsed, &context());
    for named in ["`tags`", "`hero`", "body[1]: `image`", "body[2]: unknown block type `pullquote`"] {
        assert!(exported.warnings.iter().any(|w| w.contains(named)), "{named} in {:#?}", exported.warnings);
    }
    assert!(!exported.complete);
    let note = commands::round_trip_note(json, &parsed.value, &exported, &context());
    assert!(!note.contains("same"), "{note}");
    assert!(note.contains("left out"), "{note}");
}

#[test]
fn export_warnings_name_the_json_index_and_a_refused_link() {
    let json = r#"{"schema":1,"slug":"x","title":"T","published":"2021-04-02T09:00:00Z","body":[
        {"type":"pullquote","id":"x1","content":[{"text":"Future block"}]},
        {"type":"paragraph","id":"p1","content":[{"text":"Bad link","href":"javascript:alert(1)"}]}]}"#;
    let exported = export_parsed(&parsed(json), &context());
    let link: Vec<&String> = exported.warnings.iter().filter(|w| w.contains("`javascript:alert(1)`")).collect();
    assert!(link.len() == 1 && link[0].starts_with("body[1]: "), "{:#?}", exported.warnings);
    assert!(
        !exported.warnings.iter().any(|w| w.contains("emphasis") || w.contains("needs a fix")),
        "{:#?}",
        exported.warnings
    );
    assert!(exported.markdown.ends_with("\nBad link\n"), "{}", exported.markdown);
}

#[test]
fn export_names_a_second_feedback_entry_and_a_blank_prompt() {
    let json = r#"{"schema":1,"slug":"x","title":"T","published":"2021-04-02T09:00:00Z","body":[
        {"type":"paragraph","id":"p1","content":[{"text":"One"}]},
        {"type":"paragraph","id":"p2","content":[{"text":"Two"}]}],
        "feedback":[{"block":"p1","prompt":"First?"},{"block":"p1","prompt":"Second?"},{"block":"p2","prompt":"  "}]}"#;
    let exported = export_parsed(&parsed(json), &context());
    let warnings = &exported.warnings;
    assert!(warnings.iter().any(|w| w.starts_with("feedback[1]: ") && w.contains("left out")), "{warnings:#?}");
    assert!(warnings.iter().any(|w| w.starts_with("feedback[2]: ") && w.contains("blank")), "{warnings:#?}");
    assert!(exported.markdown.contains("{feedback=\"First?\"}\nOne\n\n{feedback}\nTwo\n"), "{}", exported.markdown);
    assert_eq!(warnings.len(), 2, "no other difference: {warnings:#?}");
}

#[test]
fn a_comment_that_would_reach_readers_as_text_is_a_problem() {
    let leak = format!("{FRONT}First para.\n\nText before <!-- note to self\n\nbefore we publish --> and after.\n");
    let found = problems(&leak);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert_eq!((found[0].0, found[0].1), (7, 13));
    assert!(found[0].2.contains("does not end in its paragraph"), "{found:#?}");
    assert_eq!((found[1].0, found[1].1), (9, 19));
    assert!(found[1].2.contains("ends no comment"), "{found:#?}");
    assert_problem(&format!("{FRONT}## A heading --> here\n"), 5, 14, "ends no comment");
    assert_problem(
        &format!("{FRONT}<!-- TODO: check the quote below -- >\n\n## Rest of the article\n"),
        5,
        1,
        "this comment is not closed",
    );
    // Written escaped, the marks are meant to be seen; a closed comment is not shown.
    let escaped = format!("{FRONT}A \\<!-- b --\\> c, and <!-- a note --> d.\n");
    assert_eq!(problems(&escaped), vec![]);
}

#[test]
fn an_attribute_line_may_be_indented_by_up_to_three_spaces() {
    let blocks = body("  {#lead feedback=\"What do you think?\"}\nPara after an indented attribute line.\n").unwrap();
    assert_eq!(blocks[0].id(), "lead");
    assert_problem(&format!("{FRONT}   {{#1bad}}\nText.\n"), 5, 5, "is not a block id");
    // Four spaces make a code block, as anywhere in CommonMark.
    assert_problem(&format!("{FRONT}Text.\n\n    {{#lead}}\n"), 7, 5, "code block");
}

#[test]
fn an_attribute_line_inside_a_list_or_quote_says_where_it_goes() {
    let list = format!("{FRONT}- item one\n{{#second feedback=\"About item two?\"}}\n- item two\n\nAfter the list.\n");
    assert_problem(&list, 6, 1, "inside a list: attributes go on a line of their own");
    let quote = format!("{FRONT}> The engine is the metronome.\n  {{feedback}}\n> — Mira Holm\n");
    assert_problem(&quote, 6, 3, "inside a quote");
    // After a blank line the attribute line ends the list, yet once it is
    // taken out the items on both sides are one list again.
    let between = format!("{FRONT}- a\n\n{{feedback=\"Q?\"}}\n- b\n\nNext para.\n");
    assert_problem(&between, 7, 1, "between the items of a list");
    let numbered = format!("{FRONT}1. one\n\n{{#second}}\n2. two\n\nLast para.\n");
    assert_problem(&numbered, 7, 1, "`1)` for `1.`");
    // Another mark starts a list of its own, which takes the attributes.
    let article = compile(&format!("{FRONT}- a\n\n{{#second feedback=\"Q?\"}}\n* b\n\nNext para.\n"), &context())
        .unwrap()
        .article;
    assert!(matches!(&article.body[0], Block::List { items, .. } if items.len() == 1));
    assert!(matches!(&article.body[1], Block::List { id, .. } if id == "second"));
    assert_eq!(article.feedback.iter().map(|f| f.block.as_str()).collect::<Vec<_>>(), ["second"]);
    let blocks = body("1. one\n\n{#second}\n2) two\n").unwrap();
    assert!(matches!(&blocks[1], Block::List { id, start: Some(2), .. } if id == "second"));
}

#[test]
fn heading_ids_in_every_form_and_braces_that_cannot_be_one() {
    let blocks = body("## Hashed title {#hashed}\n\n## Spaced { #spaced }\n\n## Closed {#closed} ##\n").unwrap();
    let headings: Vec<(&str, &str)> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { id, text, .. } => Some((id.as_str(), text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(headings, [("hashed", "Hashed title"), ("spaced", "Spaced"), ("closed", "Closed")]);
    assert_problem(&format!("{FRONT}## Pandoc {{#ok .wide}}\n"), 5, 11, "remove `.wide`");
    assert_problem(&format!("{FRONT}## Bad {{#1bad}}\n"), 5, 8, "`#1bad` is not a block id");
    // Braces that are not an id stay text, and an escaped brace is text.
    let kept = body("## A {sic} ending {yes}\n\n## Escaped \\{#x}\n").unwrap();
    assert!(matches!(&kept[0], Block::Heading { text, .. } if text == "A {sic} ending {yes}"), "{kept:?}");
    assert!(matches!(&kept[1], Block::Heading { text, id, .. } if text == "Escaped {#x}" && id == "h2"), "{kept:?}");
}

#[test]
fn a_player_address_with_a_link_title_is_refused_and_a_start_time_is_a_warning() {
    assert_problem(
        &format!("{FRONT}[Watch](https://youtu.be/zFT3f9biz68?t=42 \"The director's cut\")\n"),
        5,
        1,
        "link titles (\"The director's cut\") are not shown",
    );
    let source = format!(
        "{FRONT}[Watch](https://www.youtube.com/watch?v=zFT3f9biz68&t=42s&list=PLabc)\n\n{{title=\"X\"}}\nhttps://youtu.be/zFT3f9biz68?start=10\n"
    );
    let compiled = compile(&source, &context()).unwrap();
    let warnings: Vec<(usize, usize, &str)> =
        compiled.warnings.iter().map(|w| (w.line, w.column, w.message.as_str())).collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(warnings[0].0 == 5 && warnings[0].2.starts_with("the video will start at the beginning"), "{warnings:#?}");
    assert!(warnings[1].0 == 5 && warnings[1].2.contains("`list=PLabc`"), "{warnings:#?}");
    assert!(warnings[2].0 == 8 && warnings[2].2.contains("`start=10`"), "{warnings:#?}");
    assert!(compile(&format!("{FRONT}[Watch](https://youtu.be/zFT3f9biz68)\n"), &context())
        .unwrap()
        .warnings
        .is_empty());
}

#[test]
fn an_article_too_long_for_the_reader_gives_both_sizes_and_the_limit() {
    let paragraph = format!("{}\n\n", "word ".repeat(200));
    let source = format!("{FRONT}{}", paragraph.repeat(2_000));
    let found = problems(&source);
    assert_eq!(found.len(), 1, "{found:#?}");
    let message = &found[0].2;
    assert!(message.starts_with("the article is too long: its Markdown (2,"), "{message}");
    assert!(message.contains("at most 2,097,152 bytes (2 MB) of JSON"), "{message}");
    assert!(message.ends_with("split it into two or more articles"), "{message}");
}

#[test]
fn a_linked_image_among_words_and_a_bare_address_that_plays_nothing_get_their_own_message() {
    assert_problem(
        &format!("{FRONT}Buy it: [![A sleeve](images/film-out.svg)](https://example.com/shop)\n"),
        5,
        10,
        "an image that is a link goes on a line of its own",
    );
    assert_problem(
        &format!("{FRONT}[![A sleeve](images/film-out.svg)](javascript:alert(1))\n"),
        5,
        1,
        "the image's link `javascript:alert(1)` is refused",
    );
    let linked = body("[![A sleeve](images/film-out.svg)](/article/art-of-the-liner-note)\n").unwrap();
    assert!(
        matches!(&linked[..], [Block::Image { link: Some(l), .. }] if l == "/article/art-of-the-liner-note"),
        "{linked:?}"
    );
    assert_problem(
        &format!("{FRONT}{{artist=\"X\"}}\nhttps://vimeo.com/123456/abcdef12\n"),
        6,
        1,
        "It is an unlisted Vimeo video",
    );
    assert_problem(&format!("{FRONT}https://itunes.apple.com/us/album/x/id123\n"), 5, 1, "It is an old iTunes address");
}

#[test]
fn every_line_end_counts_the_same_crlf_cr_and_lf() {
    let unix = format!("{FRONT}First.\n\n## A *heading*\n");
    for end in ["\r\n", "\r"] {
        let source = unix.replace('\n', end);
        assert_problem(&source, 7, 4, "a subheading is plain text");
        let fine = format!("{FRONT}First.\n\n## A heading\n").replace('\n', end);
        let blocks = body_of(&fine);
        assert_eq!(blocks.len(), 2, "{end:?}: {blocks:?}");
    }
    let lines = LineIndex::new("a\rb\r\nc\nd");
    assert_eq!([lines.locate(2), lines.locate(5), lines.locate(7)], [(2, 1), (3, 1), (4, 1)]);
}

fn body_of(source: &str) -> Vec<Block> {
    compile(source, &context()).unwrap().article.body
}

#[test]
fn a_reference_link_nothing_defines_is_a_warning_and_words_in_brackets_are_not() {
    let source = format!(
        "{FRONT}She said [laughs] and [sic], then [the label][lbl], [the tour][] and [the site][site].\n\n[site]: https://example.com/\n"
    );
    let compiled = compile(&source, &context()).unwrap();
    let warnings: Vec<(usize, usize, &str)> =
        compiled.warnings.iter().map(|w| (w.line, w.column, w.message.as_str())).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert_eq!((warnings[0].0, warnings[0].1), (5, 35), "{warnings:#?}");
    assert!(warnings[0].2.starts_with("`[the label][lbl]` is shown as written"), "{warnings:#?}");
    assert!(warnings[0].2.contains("`[lbl]: address`"), "{warnings:#?}");
    assert!(warnings[1].2.starts_with("`[the tour][]` is shown as written"), "{warnings:#?}");
}

#[test]
fn a_service_link_alone_on_its_line_that_no_player_reads_is_a_warning() {
    let cases = [
        ("[Never](https://youtu.be/dQw4w9WgXc)\n", "YouTube id looks cut short or mistyped (a video's id is 11"),
        ("[S](https://open.spotify.com/track/abc)\n", "Spotify id looks cut short or mistyped (an id is 22"),
        ("[A](https://music.apple.com/album/porchlight/1440833098)\n", "no country: Apple Music addresses start"),
        ("[C](https://api.soundcloud.com/tracks/123456)\n", "names the track by number"),
        ("[V](https://vimeo.com/channels/staffpicks)\n", "names no video"),
        ("[T](https://vimeo.com/76979871/8272103f6e)\n", "unlisted Vimeo video"),
        ("[T](https://spotify.link/AbCdEf)\n", "short link"),
    ];
    for (markdown, says) in cases {
        let compiled = compile(&format!("{FRONT}{markdown}"), &context()).unwrap();
        assert!(matches!(compiled.article.body.as_slice(), [Block::Paragraph { .. }]), "{markdown}");
        let [warning] = compiled.warnings.as_slice() else { panic!("{markdown}: {:#?}", compiled.warnings) };
        assert_eq!((warning.line, warning.column), (5, 1), "{markdown}");
        assert!(warning.message.starts_with("this link alone on its line is published as a link, not a player"));
        assert!(warning.message.contains(says), "{markdown}: {}", warning.message);
    }
    // A link inside a sentence, or to a page that is not a service's, says nothing.
    for markdown in ["See [the video](https://youtu.be/dQw4w9WgXc) here.\n", "[Site](https://example.com/)\n"] {
        let compiled = compile(&format!("{FRONT}{markdown}"), &context()).unwrap();
        assert!(compiled.warnings.is_empty(), "{markdown}: {:#?}", compiled.warnings);
    }
}

#[test]
fn a_publication_year_before_1900_is_a_warning() {
    let source = "---\ntitle: A test\npublished: 0000-01-01T00:00:00Z\n---\nText.\n";
    let compiled = compile(source, &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert_eq!(warning.line, 3);
    assert!(warning.message.starts_with("`published` is in the year 0 ("), "{}", warning.message);
    let fine = compile("---\ntitle: A test\npublished: 1969-07-20T20:17:00Z\n---\nText.\n", &context()).unwrap();
    assert!(fine.warnings.is_empty(), "{:#?}", fine.warnings);
}

#[test]
fn a_heading_refused_for_a_problem_does_not_make_the_next_seem_to_skip_a_level() {
    let source = format!("{FRONT}## The *Blue* Album\n\n### Side one\n");
    let refused = compile_reporting(&source, &context()).unwrap_err();
    assert!(!refused.problems.is_empty());
    assert!(!refused.warnings.iter().any(|w| w.message.contains("skips a level")), "{:#?}", refused.warnings);
}

#[test]
fn a_subheading_that_skips_a_level_is_a_warning_with_the_level_shown() {
    let compiled = compile(&format!("{FRONT}## Songs\n\n#### What she packed\n\n### Back\n"), &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert_eq!((warning.line, warning.column), (7, 1));
    assert!(warning.message.starts_with("`####` skips a level"), "{}", warning.message);
    assert!(warning.message.contains("shows it as `###`"), "{}", warning.message);
    // The JSON keeps what was written: the reader steps it.
    assert!(matches!(compiled.article.body.get(1), Some(Block::Heading { level: 4, .. })));
    // The first one follows the headline, not a subheading.
    let compiled = compile(
        &format!(
            "{FRONT}#### Early
"
        ),
        &context(),
    )
    .unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert!(
        warning.message.starts_with("`####` skips a level after the headline: the page shows it as `##`"),
        "{}",
        warning.message
    );
}

#[test]
fn an_image_from_another_site_is_a_warning_naming_the_header_it_needs() {
    let compiled =
        compile(&format!("{FRONT}{{width=800 height=600}}\n![A photo](https://cdn.example.com/a.jpg)\n"), &context())
            .unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert!(warning.message.contains("`img-src https://cdn.example.com`"), "{}", warning.message);
    let hero =
        "---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nhero:\n  src: https://cdn.example.com/hero.jpg\n  alt: A \
                hero\n  width: 1600\n  height: 900\n---\nText.\n";
    let compiled = compile(hero, &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert_eq!(warning.line, 4);
    assert!(warning.message.contains("`img-src https://cdn.example.com`"), "{}", warning.message);
}

#[test]
fn markdown_that_did_not_read_as_markdown_is_a_warning() {
    let cases = [
        (
            "![Sleeve](images/my photo.svg)\n",
            "`![Sleeve](images/my photo.svg)` is shown as written: an address cannot hold spaces: write %20 for \
             each (images/my%20photo.svg)",
        ),
        (
            "See [our page](https://example.com/a b).\n",
            "`[our page](https://example.com/a b)` is shown as written: an address cannot hold spaces: write %20 \
             for each (https://example.com/a%20b)",
        ),
        ("####### seven hashes\n", "seven # or more"),
    ];
    for (markdown, says) in cases {
        let compiled = compile(&format!("{FRONT}{markdown}"), &context()).unwrap();
        let [warning] = compiled.warnings.as_slice() else { panic!("{markdown}: {:#?}", compiled.warnings) };
        assert!(warning.message.starts_with(says) || warning.message.contains(says), "{markdown}: {}", warning.message);
    }
    // Brackets in running text are text.
    let compiled = compile(&format!("{FRONT}She said [laughs] (twice).\n"), &context()).unwrap();
    assert!(compiled.warnings.is_empty(), "{:#?}", compiled.warnings);
}

#[test]
fn a_category_that_is_none_of_the_sites_sections_is_a_warning() {
    let with = |category: &str| {
        let source = format!("---\ntitle: T\ncategory: {category}\npublished: 2021-04-02T09:00:00Z\n---\nText.\n");
        compile(&source, &context()).unwrap().warnings
    };
    assert!(with("Reviews").is_empty(), "{:#?}", with("Reviews"));
    let typo = with("Reviewz");
    assert_eq!((typo[0].line, typo[0].column), (3, 1));
    assert!(typo[0].message.contains("did you mean `category: Reviews`?"), "{}", typo[0].message);
    // Another case of a section's name is that section, spelt as the header spells it.
    assert!(with("reviews").is_empty(), "{:#?}", with("reviews"));
    let source = "---\ntitle: T\ncategory: REVIEWS\npublished: 2021-04-02T09:00:00Z\n---\nText.\n";
    let category = compile(source, &context()).unwrap().article.category.unwrap();
    assert_eq!((category.slug.as_str(), category.name.as_str()), ("reviews", "Reviews"));
    assert!(with("Interviews")[0].message.contains("it makes a new section"), "{:#?}", with("Interviews"));
}

#[test]
fn a_tag_written_twice_is_one_tag() {
    let source = "---\ntitle: T\ntags: [Folk, folk, Jazz, FOLK]\npublished: 2021-04-02T09:00:00Z\n---\nText.\n";
    assert_eq!(compile(source, &context()).unwrap().article.tags, ["Folk", "Jazz"]);
}

#[test]
fn a_link_to_a_block_of_the_same_article_leads_there() {
    let source = format!("{FRONT}Jump to [the tour](#tour).\n\n## On tour {{#tour}}\n\nText.\n");
    let compiled = compile(&source, &context()).unwrap();
    let Some(Block::Paragraph { content, .. }) = compiled.article.body.first() else { panic!() };
    assert_eq!(content[1].href.as_deref(), Some("/article/test-article#tour"));
    assert_problem(
        &format!("{FRONT}Jump to [the tour](#tuor).\n\n## On tour {{#tour}}\n"),
        5,
        9,
        "the link `#tuor` leads to no block",
    );
}

#[test]
fn a_list_numbered_from_another_number_keeps_it_both_ways() {
    let blocks = body("3. Three\n4. Four\n\n- Dot\n").unwrap();
    assert!(
        matches!(&blocks[0], Block::List { ordered: true, start: Some(3), reversed: false, items, .. } if items.len() == 2),
        "{blocks:?}"
    );
    assert!(matches!(&blocks[1], Block::List { ordered: false, start: None, .. }), "{blocks:?}");
    assert!(matches!(&body("1. One\n").unwrap()[0], Block::List { start: None, .. }));

    let mut article = compile(&format!("{FRONT}3. Three\n4. Four\n"), &context()).unwrap().article;
    let exported = export_markdown(&article, &context());
    assert!(exported.markdown.contains("3. Three\n4. Four"), "{}", exported.markdown);
    assert!(exported.warnings.is_empty(), "{:?}", exported.warnings);
    // A countdown has no Markdown: it is written counting up, and says so.
    if let Block::List { reversed, .. } = &mut article.body[0] {
        *reversed = true;
    }
    let exported = export_markdown(&article, &context());
    assert!(exported.warnings.iter().any(|w| w.contains("counts down")), "{:?}", exported.warnings);
}

#[test]
fn an_article_in_another_language_says_which_and_keeps_it_through_export() {
    let source = |value: &str| {
        format!("---\ntitle: Nachtfähre\npublished: 2021-04-02T09:00:00Z\nlanguage: {value}\n---\nEin Album.\n")
    };
    let compiled = compile(&source("de-AT"), &context()).map(|c| c.article);
    let article = compiled.expect("a language tag compiles");
    assert_eq!(article.language.as_deref(), Some("de-AT"));
    let exported = export_markdown(&article, &context());
    assert!(exported.markdown.contains("\nlanguage: de-AT\n"), "{}", exported.markdown);
    assert!(exported.warnings.is_empty(), "{:?}", exported.warnings);
    // WordPress's spelling of a locale gets the tag to write instead.
    let found = problems(&source("de_AT"));
    assert!(found.len() == 1 && found[0].0 == 4 && found[0].2.contains("write `de-AT`"), "{found:?}");
    let found = problems(&source("German"));
    assert!(found.len() == 1 && found[0].2.contains("not a language tag"), "{found:?}");
    // What other generators call it.
    let found = problems("---\ntitle: T\npublished: 2021-04-02T09:00:00Z\nlang: de\n---\nEin Album.\n");
    assert!(found.iter().any(|p| p.2.contains("`language`")), "{found:?}");
}

#[test]
fn a_page_that_stands_alone_says_unlisted_yes_or_no() {
    let source = |value: &str| {
        format!("---\ntitle: About us\npublished: 2021-04-02T09:00:00Z\nunlisted: {value}\n---\nWho we are.\n")
    };
    let compiled = |value: &str| compile(&source(value), &context()).map(|c| c.article.unlisted);
    assert_eq!(compiled("true").ok(), Some(true));
    assert_eq!(compiled("false").ok(), Some(false));
    assert_eq!(compile(&format!("{FRONT}Words.\n"), &context()).map(|c| c.article.unlisted).ok(), Some(false));
    let found = problems(&source("sometimes"));
    assert!(found.len() == 1 && found[0].0 == 4 && found[0].2.contains("unlisted"), "{found:?}");
    // What other generators call it.
    let found = problems("---\ntitle: About us\npublished: 2021-04-02T09:00:00Z\nhidden: true\n---\nWho we are.\n");
    assert!(found.iter().any(|p| p.2.contains("unlisted")), "{found:?}");
}

#[test]
fn text_underlined_by_dashes_or_equals_signs_is_a_problem_at_the_underline() {
    let source = format!("{FRONT}We left at dawn, and by noon the tape\nhad run out.\n---\n\nMore.\n");
    assert_problem(
        &source,
        7,
        1,
        "`---` right under a line of text underlines it, so the text above was read as a subheading",
    );
    assert_problem(&source, 7, 1, "write `## Its text` for a subheading");
    assert_problem(&source, 7, 1, "rules are not part of an article");
    assert_problem(&format!("{FRONT}Intro\n  -\n"), 6, 3, "read as a subheading");
    assert_problem(&format!("{FRONT}Setext title {{#setext}}\n---\n"), 6, 1, "read as a subheading");
    let equals = format!("{FRONT}A headline\n===\n");
    assert_problem(&equals, 6, 1, "the text above was read as a headline");
    assert_problem(&equals, 6, 1, "write `## Its text` for a subheading");
}

#[test]
fn a_wrapped_line_that_starts_a_list_or_quote_under_text_is_a_warning() {
    let warned = |markdown: &str| compile(&format!("{FRONT}{markdown}"), &context()).unwrap().warnings;
    for (markdown, mark, kind) in [
        ("We played three songs\n- and then the power went out.\n", "`-`", "starts a list"),
        ("We played three songs\n+ an encore.\n", "`+`", "starts a list"),
        ("We played three songs\n1. and then the power went out.\n", "`1.`", "starts a list"),
        ("She said it plainly\n> and then she left.\n", "`>`", "starts a quote"),
    ] {
        let found = warned(markdown);
        let [warning] = found.as_slice() else { panic!("{markdown}: {found:#?}") };
        assert_eq!((warning.line, warning.column), (6, 1), "{markdown}");
        assert!(warning.message.starts_with(mark), "{}", warning.message);
        assert!(warning.message.contains(kind), "{}", warning.message);
        assert!(warning.message.contains("join it to that line"), "{}", warning.message);
        assert!(warning.message.contains("put a blank line above it"), "{}", warning.message);
    }
    // A heading for the items, several items, a blank line or a longer quote: meant so.
    for markdown in [
        "Tracklist:\n- Harbour Lights\n",
        "We played\n- one\n- two\n",
        "We played\n\n- one\n",
        "She said\n> one\n> two\n",
    ] {
        assert!(warned(markdown).is_empty(), "{markdown}: {:#?}", warned(markdown));
    }
}

#[test]
fn a_cite_that_starts_with_a_small_letter_is_a_warning_at_its_line() {
    let compiled = compile(
        &format!(
            "{FRONT}> I only had to keep up\n> — the engine was the metronome — and it shows.\n\n```lyrics\nSalt on the \
             railing\n-- and the lights on the shore\n```\n\n> Fine.\n> — Mira Holm\n"
        ),
        &context(),
    )
    .unwrap();
    let warnings: Vec<(usize, usize, &str)> =
        compiled.warnings.iter().map(|w| (w.line, w.column, w.message.as_str())).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert_eq!((warnings[0].0, warnings[0].1), (6, 3), "{warnings:#?}");
    assert!(warnings[0].2.starts_with("this last line was shown as the quote's credit"), "{warnings:#?}");
    assert!(warnings[0].2.contains("join it to the line above"), "{warnings:#?}");
    assert_eq!((warnings[1].0, warnings[1].1), (10, 1), "{warnings:#?}");
    assert!(warnings[1].2.starts_with("this last line was shown as the lyric quote's credit"), "{warnings:#?}");
}

#[test]
fn emphasis_that_starts_or_ends_inside_a_word_is_a_warning() {
    for (markdown, column, says) in [
        (
            "Back then *NSYNC were huge, and the sh*t hit the fan.\n",
            11,
            "`*NSYNC were huge, and the sh*` is shown in italics",
        ),
        ("We watched M*A*S*H again.\n", 13, "`*A*` is shown in italics"),
        ("A **bold**word.\n", 3, "`**bold**` is shown in bold"),
    ] {
        let compiled = compile(&format!("{FRONT}{markdown}"), &context()).unwrap();
        let [warning] = compiled.warnings.as_slice() else { panic!("{markdown}: {:#?}", compiled.warnings) };
        assert_eq!((warning.line, warning.column), (5, column), "{markdown}: {warning:#?}");
        assert!(warning.message.starts_with(says), "{markdown}: {}", warning.message);
        assert!(warning.message.contains("write `\\*` for an asterisk"), "{}", warning.message);
    }
    let fine = compile(&format!("{FRONT}*Thriller*'s sleeve, **a** word and \\*NSYNC.\n"), &context()).unwrap();
    assert!(fine.warnings.is_empty(), "{:#?}", fine.warnings);
}

#[test]
fn bold_marks_markdown_could_not_pair_are_a_warning() {
    for (markdown, column, says) in [
        ("It was **bold **and loud.\n", 8, "`**` is shown as written"),
        ("## A __loud__er night\n", 6, "`__` is shown as written"),
    ] {
        let compiled = compile(&format!("{FRONT}{markdown}"), &context()).unwrap();
        let [warning] = compiled.warnings.as_slice() else { panic!("{markdown}: {:#?}", compiled.warnings) };
        assert_eq!((warning.line, warning.column), (5, column), "{markdown}: {warning:#?}");
        assert!(warning.message.starts_with(says), "{markdown}: {}", warning.message);
    }
    let fine = compile(&format!("{FRONT}It was **bold** and \\*\\* loud.\n"), &context()).unwrap();
    assert!(fine.warnings.is_empty(), "{:#?}", fine.warnings);
}

#[test]
fn obsidian_comments_links_and_embeds_are_problems() {
    let cases: &[(&str, usize, usize, &str)] = &[
        ("She smiled. %% ask her label for the date %%\n", 5, 13, "write the note as <!-- … --> instead"),
        ("%%\nprivate: not yet announced\n%%\n", 5, 1, "Obsidian comment"),
        ("- One %% maybe cut %%\n", 5, 7, "Obsidian comment"),
        ("Read our [[Night bus sessions]] story.\n", 5, 10, "[Night bus sessions](/article/"),
        ("See [[night-bus-sessions|the night bus]].\n", 5, 5, "[the night bus](/article/night-bus-sessions)"),
        ("![[sleeve.png]]\n", 5, 1, "![what it shows](images/sleeve.png)"),
        ("![[images/sleeve.png]]\n", 5, 1, "![what it shows](images/sleeve.png)"),
    ];
    for (markdown, line, column, says) in cases {
        assert_problem(&format!("{FRONT}{markdown}"), *line, *column, says);
    }
    let fine = compile(&format!("{FRONT}A 100\\%% rise, and \\[[brackets]].\n"), &context()).unwrap();
    assert!(fine.warnings.is_empty(), "{:#?}", fine.warnings);
}

#[test]
fn a_players_link_with_a_full_stop_after_it_is_a_warning() {
    for (markdown, says) in [
        ("[The video](https://youtu.be/zFT3f9biz68).\n", "with `.` after it"),
        ("[The video](https://www.youtube.com/watch?v=zFT3f9biz68) !\n", "with `!` after it"),
    ] {
        let compiled = compile(&format!("{FRONT}{markdown}"), &context()).unwrap();
        let [warning] = compiled.warnings.as_slice() else { panic!("{markdown}: {:#?}", compiled.warnings) };
        assert_eq!((warning.line, warning.column), (5, 1), "{markdown}");
        assert!(warning.message.starts_with("a player's link must be alone on its line"), "{}", warning.message);
        assert!(warning.message.contains(says), "{}", warning.message);
        assert!(matches!(compiled.article.body[0], Block::Paragraph { .. }), "{:?}", compiled.article.body);
    }
    let words = compile(&format!("{FRONT}[The video](https://youtu.be/zFT3f9biz68) is here.\n"), &context()).unwrap();
    assert!(words.warnings.is_empty(), "{:#?}", words.warnings);
}

#[test]
fn a_numbered_list_of_one_item_from_a_year_is_a_warning() {
    let compiled = compile(&format!("{FRONT}1986. The year the band formed.\n"), &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert_eq!((warning.line, warning.column), (5, 1));
    assert!(
        warning.message.starts_with("`1986.` at the start of a line was read as a numbered list"),
        "{}",
        warning.message
    );
    assert!(warning.message.contains("write `1986\\.`"), "{}", warning.message);
    for fine in ["1. One\n", "3. Three\n4. Four\n", "1986\\. The year the band formed.\n"] {
        let compiled = compile(&format!("{FRONT}{fine}"), &context()).unwrap();
        assert!(compiled.warnings.is_empty(), "{fine}: {:#?}", compiled.warnings);
    }
}

#[test]
fn a_combining_mark_does_not_split_a_word_of_the_slug() {
    for (headline, slug) in [
        ("İstanbul’da bir gece", "istanbulda-bir-gece"),
        ("Cafe\u{301} society", "cafe-society"),
        ("Bjo\u{308}rk live", "bjork-live"),
    ] {
        assert_eq!(slug_from_headline(headline).as_deref(), Some(slug), "{headline}");
    }
}

#[test]
fn hashes_a_subheading_loses_or_lacks_and_services_without_a_player_are_warnings() {
    let warned = |markdown: &str| compile(&format!("{FRONT}{markdown}"), &context()).unwrap().warnings;
    let found = warned("## Songs in the key of C #\n");
    let [warning] = found.as_slice() else { panic!("{found:#?}") };
    assert_eq!((warning.line, warning.column), (5, 26), "{warning:#?}");
    assert!(
        warning.message.starts_with("the `#` at the end of this subheading is read as a closing mark"),
        "{}",
        warning.message
    );
    assert!(warning.message.contains("write `\\#`"), "{}", warning.message);
    let found = warned("##No space\n");
    let [warning] = found.as_slice() else { panic!("{found:#?}") };
    assert!(
        warning.message.starts_with("a line starting with `##` and no space after it is shown as text"),
        "{}",
        warning.message
    );
    for fine in ["## Closed ##\n", "## Key of C \\#\n", "## C#\n", "\\##No space\n", "#1 again.\n"] {
        assert!(warned(fine).is_empty(), "{fine}: {:#?}", warned(fine));
    }
    for (address, service) in [
        ("https://www.mixcloud.com/mira/harbour-lights/", "Mixcloud"),
        ("https://www.twitch.tv/videos/123456", "Twitch"),
        ("https://www.dailymotion.com/video/x8abc12", "Dailymotion"),
        ("https://www.tiktok.com/@mira/video/7312345678901234567", "TikTok"),
    ] {
        let found = warned(&format!("[Harbour Lights]({address})\n"));
        let [warning] = found.as_slice() else { panic!("{address}: {found:#?}") };
        assert!(warning.message.starts_with(&format!("{service} has no player here")), "{}", warning.message);
    }
}

#[test]
fn obsidians_image_size_is_left_out_of_the_alt_text_with_a_warning() {
    for (markdown, size) in [
        ("![Sleeve art|300](images/film-out.svg)\n", "|300"),
        ("![Sleeve art | 640x360](images/film-out.svg)\n", "|640x360"),
    ] {
        let compiled = compile(&format!("{FRONT}{markdown}"), &context()).unwrap();
        let [warning] = compiled.warnings.as_slice() else { panic!("{markdown}: {:#?}", compiled.warnings) };
        assert!(warning.message.starts_with(&format!("`{size}` is Obsidian's image size")), "{}", warning.message);
        let [Block::Image { image, .. }] = compiled.article.body.as_slice() else {
            panic!("{:?}", compiled.article.body)
        };
        assert_eq!(image.alt, "Sleeve art");
    }
    // A bar that is part of what the image shows stays.
    let kept = compile(&format!("{FRONT}![Side A | Side B](images/film-out.svg)\n"), &context()).unwrap();
    assert!(kept.warnings.is_empty(), "{:#?}", kept.warnings);
    let [Block::Image { image, .. }] = kept.article.body.as_slice() else { panic!("{:?}", kept.article.body) };
    assert_eq!(image.alt, "Side A | Side B");
    assert_problem(&format!("{FRONT}![|300](images/film-out.svg)\n"), 5, 1, "an image needs alt text");
}

#[test]
fn wordpress_shortcodes_are_problems_that_say_what_to_write() {
    let cases: &[(&str, usize, usize, &str)] = &[
        (
            "[embed]https://youtu.be/zFT3f9biz68[/embed]\n",
            5,
            1,
            "write [Its title](https://youtu.be/zFT3f9biz68) alone",
        ),
        ("Watch: [embed]https://vimeo.com/76979871[/embed]\n", 5, 8, "[Its title](https://vimeo.com/76979871)"),
        ("[gallery ids=\"12,14,15\"]\n", 5, 1, "each image on a line of its own"),
        ("[audio mp3=\"/wp-content/uploads/preview.mp3\"][/audio]\n", 5, 1, "a service's player"),
    ];
    for (markdown, line, column, says) in cases {
        assert_problem(&format!("{FRONT}{markdown}"), *line, *column, says);
    }
    let caption = problems(&format!(
        "{FRONT}[caption id=\"attachment_9\" width=\"300\"]![Sleeve](images/film-out.svg) The sleeve[/caption]\n"
    ));
    assert!(
        caption.iter().any(|p| (p.0, p.1) == (5, 1) && p.2.contains("with its caption as its title")),
        "{caption:#?}"
    );
    // Brackets that are not a shortcode, and one written escaped, are text.
    for fine in [
        "The [embedded] mix and the [video edit] are out.\n",
        "Type \\[gallery ids=\"1\"] to show them.\n",
        "WordPress's [embed] shortcode.\n",
    ] {
        let compiled = compile(&format!("{FRONT}{fine}"), &context()).unwrap();
        assert!(compiled.warnings.is_empty(), "{fine}: {:#?}", compiled.warnings);
    }
}

#[test]
fn a_date_after_the_run_is_a_warning_with_its_line() {
    let text = "---\ntitle: A test\npublished: 2999-01-01T00:00:00Z\n---\nSoon.\n";
    let compiled = compile(text, &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert_eq!(warning.line, 3);
    assert!(warning.message.contains("`published` is in the future (2999-01-01T00:00:00Z)"), "{}", warning.message);
    // Today's and earlier dates say nothing, nor does a run that does not know the time.
    assert!(compile(&format!("{FRONT}Then.\n"), &context()).unwrap().warnings.is_empty());
    let timeless = Context { now: None, ..context() };
    assert!(compile(text, &timeless).unwrap().warnings.is_empty());
}

#[test]
fn the_paragraph_publish_new_wrote_left_in_is_a_warning() {
    let template = super::new_article_text("A new story", "2021-04-02T09:00:00Z", &[]);
    let compiled = compile(&template, &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert_eq!(warning.line, 1 + template.lines().position(|l| l.starts_with("The opening paragraph")).unwrap());
    assert!(warning.message.contains("still the paragraph `publish new` wrote"), "{}", warning.message);
    // Written over, nothing is said; the words quoted in a comment are no matter.
    let written = template.replace("The opening paragraph goes here:", "The ferry left at nine:");
    assert!(compile(&written, &context()).unwrap().warnings.is_empty());
}

#[test]
fn null_in_words_a_reader_sees_is_read_as_written() {
    let source = "---\ntitle: Null\ndek: NULL at the Roxy\ntags: [Null, True, ~]\npublished: 2021-04-02T09:00:00Z\nupdated: null\n---\nWords.\n";
    let result = compile(source, &context());
    // `~` in a list is still an empty item, and says so.
    let Err(problems) = result else { panic!("{result:?}") };
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].message.contains("`tags` has an empty item"), "{problems:#?}");
    let source = source.replace(", ~]", "]");
    let compiled = compile(&source, &context()).unwrap();
    assert_eq!(compiled.article.title, "Null");
    assert_eq!(compiled.article.dek.as_deref(), Some("NULL at the Roxy"));
    assert_eq!(compiled.article.tags, ["Null", "True"]);
    // A date's null is no date.
    assert_eq!(compiled.article.updated, None);
}

#[test]
fn a_link_to_a_passage_another_article_lacks_is_a_warning() {
    let source = format!(
        "{FRONT}See [the quote](/article/film-out#q1), [its comments](/article/film-out#comments) and [a slip](/article/film-out#nope).\n"
    );
    let compiled = compile(&source, &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert_eq!(warning.line, 5);
    assert!(
        warning.message.contains("`/article/film-out#nope` leads to no passage of “BTS release"),
        "{}",
        warning.message
    );
    assert!(warning.message.contains("no block with the id `nope`"), "{}", warning.message);
}

#[test]
fn a_link_to_hash_alone_says_it_leads_nowhere() {
    assert_problem(&format!("{FRONT}See [words](#).\n"), 5, 5, "the link `#` alone leads nowhere");
}

#[test]
fn a_link_to_a_section_the_site_does_not_have_is_a_warning() {
    let source = format!("{FRONT}Read [the reviews](/category/reviews/) and [the rest](/category/reveiws).\n");
    let compiled = compile(&source, &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert_eq!((warning.line, warning.column), (5, 44));
    assert!(warning.message.contains("`/category/reveiws` leads to no section of this site"), "{}", warning.message);
    assert!(warning.message.contains("news, reviews"), "the site's sections are named: {}", warning.message);
}

#[test]
fn a_link_to_the_articles_own_new_section_is_fine() {
    // The first article in a section gives it its page.
    let source = "---\ntitle: A test\npublished: 2021-04-02T09:00:00Z\ncategory: Interviews\n---\nMore [interviews](/category/interviews).\n";
    let compiled = compile(source, &context()).unwrap();
    // Only that the section is new, not that the link leads nowhere.
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert!(warning.message.contains("it makes a new section"), "{}", warning.message);
}

#[test]
fn a_source_with_problems_still_says_its_warnings() {
    // A date in the future (a warning) and raw HTML (a problem): the
    // writer sees both at once, not the warning only after the fix.
    let source =
        "---\ntitle: A test\npublished: 2999-04-02T09:00:00Z\n---\n<b>x</b>\n\nIt was [a review](/category/reveiws).\n";
    let refused = compile_reporting(source, &context()).unwrap_err();
    let places = |list: &[Problem]| list.iter().map(|p| (p.line, p.column)).collect::<Vec<_>>();
    assert_eq!(places(&refused.problems), [(5, 1)], "{refused:#?}");
    assert_eq!(places(&refused.warnings), [(3, 1), (7, 8)], "{refused:#?}");
    assert!(refused.warnings[0].message.contains("`published` is in the future"), "{refused:#?}");
    // As `publish` prints it: the problems, then the warnings.
    let error = MarkdownError::Problems {
        path: "articles/a-test.md".into(),
        problems: refused.problems,
        warnings: refused.warnings,
    };
    let printed = error.to_string();
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 3, "{printed}");
    assert!(lines[0].starts_with("articles/a-test.md:5:1: "), "{printed}");
    assert!(lines[1].starts_with("articles/a-test.md:3:1: warning: `published` is in the future"), "{printed}");
    assert!(lines[2].starts_with("articles/a-test.md:7:8: warning: the link `/category/reveiws`"), "{printed}");
}

#[test]
fn emphasis_marks_in_lyrics_are_a_warning_where_they_are_written() {
    let text = format!("{FRONT}```lyrics\nSalt on the railing,\nlights on the *shore*,\n```\n");
    let compiled = compile(&text, &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    let front_lines = FRONT.lines().count();
    assert_eq!((warning.line, warning.column), (front_lines + 3, 1));
    assert!(warning.message.starts_with("lyrics are shown as written"), "{}", warning.message);
    // An asterisk that marks nothing is a lyric's own.
    for line in ["Five * three", "A star*", "*", "Rated 4*"] {
        let compiled = compile(&format!("{FRONT}```lyrics\n{line}\n```\n"), &context()).unwrap();
        assert!(compiled.warnings.is_empty(), "{line}: {:#?}", compiled.warnings);
    }
}

#[test]
fn chinese_and_japanese_quotes_take_their_credit_and_their_wrapped_lines_join_without_a_space() {
    let cites =
        quote_cites("> 音楽は記憶だ。\n> ——宇多田ヒカル\n\n> A line.\n> —— Mira Holm\n\n> 음악은 기억이다.\n> — 김지수\n\n> Text.\n> —손\n");
    assert_eq!(
        cites,
        [Some("宇多田ヒカル".into()), Some("Mira Holm".into()), Some("김지수".into()), Some("손".into())]
    );
    let wrapped = body("日本語の\n文章です。\nAnd then\nEnglish.\n한국어\n문장\n").unwrap();
    assert_eq!(
        wrapped,
        [Block::Paragraph {
            id: "p1".into(),
            content: vec![plain("日本語の文章です。 And then English. 한국어 문장")]
        }]
    );
    // A line that ends or starts in emphasis, code or a link joins by the
    // letters the reader sees, not by the marks.
    for text in [
        "日本語の**強調**\nです。\n",
        "[リンク](https://example.com/a_(b))\nです。\n",
        "音楽は\n*記憶*だ。\n",
        "音楽は**記憶**\n**です**。\n",
    ] {
        let blocks = body(text).unwrap();
        let Block::Paragraph { content, .. } = &blocks[0] else { panic!("{text}") };
        let shown: String = content.iter().map(|run| run.text.as_str()).collect();
        assert!(!shown.contains(' '), "{text}: {shown:?}");
    }
}

#[test]
fn emphasis_in_a_script_without_capitals_is_meant_and_not_warned_about() {
    for text in ["これは**重要な**アルバム。\n", "**BTS**의 노래.\n", "و**نص** هنا.\n"] {
        let compiled = compile(&format!("{FRONT}{text}"), &context()).unwrap();
        assert_eq!(compiled.warnings, Vec::<crate::markdown::Problem>::new(), "{text}");
        let Block::Paragraph { content, .. } = &compiled.article.body[0] else { panic!() };
        assert!(content.iter().any(|i| i.strong), "{text}: {content:?}");
    }
    // Where letters have capitals, an asterisk inside a word still is.
    let compiled = compile(&format!("{FRONT}Fans of *NSYNC*s songs.\n"), &context()).unwrap();
    assert_eq!(compiled.warnings.len(), 1, "{:#?}", compiled.warnings);
}

#[test]
fn a_note_written_like_a_link_definition_is_a_warning_rather_than_lost() {
    let compiled = compile(
        &format!("{FRONT}Intro, see [the review][r].\n\n[Update]: Postponed.\n\n[r]: /article/film-out\n"),
        &context(),
    )
    .unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert_eq!(warning.line, 7, "{warning:?}");
    assert_eq!(
        warning.message,
        "`[Update]: Postponed.` is not shown: Markdown reads a line `[label]: …` as where links labelled so lead, and \
         no link here uses it; to show the line as text, write `\\[` at its start"
    );
    // Written as the warning says, the line is text.
    let compiled = compile(&format!("{FRONT}\\[Update]: Postponed.\n"), &context()).unwrap();
    assert_eq!(compiled.warnings, Vec::<crate::markdown::Problem>::new());
    assert_eq!(
        compiled.article.body,
        [Block::Paragraph { id: "p1".into(), content: vec![plain("[Update]: Postponed.")] }]
    );
}

#[test]
fn a_no_break_space_after_a_block_mark_reads_as_a_space() {
    let blocks =
        body("##\u{a0}Heading\n\n-\u{a0}Item one\n-\u{a0}Item two\n\n>\u{a0}Quoted.\n\n1.\u{202f}First\n").unwrap();
    assert!(matches!(&blocks[0], Block::Heading { text, .. } if text == "Heading"), "{blocks:#?}");
    assert!(matches!(&blocks[1], Block::List { items, ordered: false, .. } if items.len() == 2), "{blocks:#?}");
    assert!(matches!(&blocks[2], Block::Quote { .. }), "{blocks:#?}");
    assert!(matches!(&blocks[3], Block::List { ordered: true, .. }), "{blocks:#?}");
    // Inside a sentence, or in lyrics, it is the writer's.
    let blocks = body("Price:\u{a0}10\u{a0}€.\n\n```lyrics\n-\u{a0}a dash\nand a line\n```\n").unwrap();
    assert_eq!(blocks[0], Block::Paragraph { id: "p1".into(), content: vec![plain("Price:\u{a0}10\u{a0}€.")] });
    assert!(matches!(&blocks[1], Block::Lyrics { lines, .. } if lines[0] == "-\u{a0}a dash"), "{blocks:#?}");
}

#[test]
fn markdown_in_a_plain_text_field_is_a_warning_where_it_is_written() {
    let source = "---\ntitle: \"*Homogenic* at 25\"\ndek: Read [our review](/article/film-out) now.\npublished: 2021-04-02T09:00:00Z\n---\n\
                  {credit=\"Photo: <b>Mira</b>\"}\n![Sleeve](images/film-out-single.svg \"The album, **on vinyl**\")\n\n\
                  Text with *italics*, snake_case_words, 2 * 3 * 4 and a_b.\n";
    let compiled = compile(source, &context()).unwrap();
    let said: Vec<(usize, String)> = compiled.warnings.iter().map(|w| (w.line, w.message.clone())).collect();
    assert_eq!(said.len(), 4, "{said:#?}");
    assert!(
        said[0].0 == 2 && said[0].1.starts_with("title is plain text: `*Homogenic*` is shown as written"),
        "{said:#?}"
    );
    assert!(
        said[1].0 == 3 && said[1].1.starts_with("dek is plain text: `[our review](/article/film-out)`"),
        "{said:#?}"
    );
    assert!(said[2].0 == 6 && said[2].1.contains("credit is plain text: `<b>`"), "{said:#?}");
    assert!(said[3].0 == 7 && said[3].1.contains("caption is plain text: `**on vinyl**`"), "{said:#?}");
    // Marks inside a word, or apart from one, are the title's own.
    for title in ["M*A*S*H at 50", "2 * 3 * 4", "*NSYNC live", "snake_case_blues", "A <3 B > C"] {
        let compiled =
            compile(&format!("---\ntitle: \"{title}\"\npublished: 2021-04-02T09:00:00Z\n---\nText.\n"), &context())
                .unwrap();
        assert_eq!(compiled.warnings, Vec::<Problem>::new(), "{title}");
    }
}

#[test]
fn a_footnote_mark_without_its_note_and_a_control_character_by_reference_are_problems() {
    assert_problem(
        &format!("{FRONT}Text.[^1] More.\n"),
        5,
        6,
        "`[^1]` is a footnote mark, and footnotes are not shown",
    );
    assert_problem(&format!("{FRONT}A bell: &#x7; rings.\n"), 5, 9, "writes a control character (U+0007)");
    // A bracket and a caret that are words stay words.
    assert!(body("Smile [^_^ ] and [^ x].\n").is_ok());
}

#[test]
fn a_heading_id_written_as_kramdown_does_is_read_and_pandoc_s_mark_is_a_problem() {
    let blocks = body("## Songs {: #songs}\n\nText and [a link](#songs).\n").unwrap();
    assert!(matches!(&blocks[0], Block::Heading { id, text, .. } if id == "songs" && text == "Songs"), "{blocks:#?}");
    assert_problem(
        &format!("{FRONT}## Heading {{-}}\n"),
        5,
        12,
        "a subheading's braces hold its id alone, such as {#songs}: remove `-`",
    );
}

#[test]
fn text_after_a_comment_on_its_line_is_a_problem_that_says_so() {
    assert_problem(
        &format!("{FRONT}<!-- note --> Visible text.\n"),
        5,
        1,
        "`Visible text.` is not shown: text on the line of a comment that starts it",
    );
}

#[test]
fn an_image_that_links_is_checked_as_a_text_link_is() {
    let compiled = compile(
        &format!("{FRONT}## Songs {{#songs}}\n\n[![Sleeve](images/film-out-single.svg)](#songs)\n\n[![Sleeve](images/film-out-single.svg)](/article/no-such-story)\n"),
        &context(),
    )
    .unwrap();
    let links: Vec<Option<String>> = compiled
        .article
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Image { link, .. } => Some(link.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(links, [Some("/article/test-article#songs".into()), Some("/article/no-such-story".into())]);
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert!(warning.message.contains("leads to no article of this site"), "{}", warning.message);
    assert_eq!(warning.line, 9);
}

#[test]
fn attributes_written_after_an_image_say_where_they_go() {
    assert_problem(
        &format!("{FRONT}![Sleeve](images/film-out-single.svg){{width=300}}\n"),
        5,
        38,
        "attributes go on a line of their own directly above the image: `{width=300}`",
    );
}

#[test]
fn a_value_of_two_words_without_quotes_is_told_to_take_them() {
    let found = problems(&format!(
        "{FRONT}{{artist=Mira Holm}}\n[Harbour Lights](https://open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh)\n"
    ));
    assert!(
        found
            .iter()
            .any(|(_, _, m)| m.contains("(if `Holm` is part of `artist`, quote the value: artist=\"Mira Holm\")")),
        "{found:#?}"
    );
}

#[test]
fn artwork_alt_without_artwork_is_a_warning() {
    let warning = the_warning(&format!(
        "{FRONT}{{artist=\"Mira Holm\" artwork_alt=\"A harbour at night\"}}\n[Harbour Lights](https://open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh)\n"
    ));
    assert!(
        warning.message.starts_with("artwork_alt describes the cover, and there is no artwork"),
        "{}",
        warning.message
    );
}

#[test]
fn a_title_written_over_several_lines_is_one_line() {
    let article = compile(
        "---\ntitle: |\n  Harbour Lights:\n\n  a year at sea\ndek: >-\n  Two lines\n  of standfirst.\npublished: 2021-04-02T09:00:00Z\n---\nText.\n",
        &context(),
    )
    .unwrap()
    .article;
    assert_eq!(article.title, "Harbour Lights: a year at sea");
    assert_eq!(article.dek.as_deref(), Some("Two lines of standfirst."));
}

#[test]
fn a_link_to_a_file_the_site_does_not_have_is_a_warning() {
    let source = format!(
        "{FRONT}See [the sleeve](/images/film-out.svg), [the feed](/feed.xml), [a search](/search?q=film), \
         [home](/) and [the press kit](/files/press%20kit.pdf).\n"
    );
    let compiled = compile(&source, &context()).unwrap();
    let [warning] = compiled.warnings.as_slice() else { panic!("{:#?}", compiled.warnings) };
    assert_eq!(warning.line, 5);
    assert!(
        warning
            .message
            .contains("`/files/press%20kit.pdf` leads to no file of this site (there is no files/press kit.pdf"),
        "{}",
        warning.message
    );
}

#[test]
fn a_link_a_redirect_rule_answers_is_fine() {
    let site = std::env::temp_dir().join(format!("linernotes-redirected-{}", std::process::id()));
    std::fs::create_dir_all(site.join("content/articles")).unwrap();
    std::fs::write(
        site.join("_redirects"),
        "# old addresses\n/2021/04/film-out/ /article/film-out 301\n/tag/:tag/ /search 301\n/old/* /article/film-out 301\n/ p=11 /article/film-out 301\n",
    )
    .unwrap();
    let context = context_for(&site.join("content/articles/test-article.md"), &site.join("content"), None);
    let source = format!(
        "{FRONT}[a](/2021/04/film-out/), [b](/2021/04/film-out), [c](/tag/jazz/), [d](/old/x/y), [e](/2021/05/gone/), [f](/tag/a/b/).\n"
    );
    let compiled = compile(&source, &context).unwrap();
    let warned: Vec<_> = compiled.warnings.iter().map(|w| w.message.as_str()).collect();
    let _ = std::fs::remove_dir_all(&site);
    assert_eq!(warned.len(), 2, "{warned:#?}");
    assert!(warned[0].contains("`/2021/05/gone/` leads to no file"), "{}", warned[0]);
    assert!(warned[1].contains("`/tag/a/b/` leads to no file"), "{}", warned[1]);
}

#[test]
fn a_line_right_under_a_list_or_a_quote_is_said_to_join_it() {
    let listed = the_warning(&format!("{FRONT}- item one\n- item two\nThen a new paragraph the editor meant.\n"));
    assert_eq!(listed.line, 7);
    assert!(
        listed.message.contains("“Then a new paragraph the edito” is right under the list item above"),
        "{}",
        listed.message
    );
    assert!(listed.message.contains("put a blank line above it"), "{}", listed.message);
    let quoted =
        the_warning(&format!("{FRONT}> The engine is the metronome.\n> — Mira Holm\nAfter the quote, a sentence.\n"));
    assert_eq!(quoted.line, 7);
    assert!(quoted.message.contains("right under the quote above"), "{}", quoted.message);
    assert!(quoted.message.contains("start it with `>`"), "{}", quoted.message);
    // Written as meant: a blank line, an indented continuation, nested items.
    for fine in [
        "- item one\n- item two\n\nThen a new paragraph.\n",
        "- item one, which goes\n  on under its marker\n- item two\n",
        "1. first\n2. second\n",
        "> The engine is the metronome.\n> — Mira Holm\n\nAfter the quote.\n",
    ] {
        let compiled = compile(&format!("{FRONT}{fine}"), &context()).unwrap();
        assert_eq!(compiled.warnings, Vec::new(), "{fine}");
    }
}

#[test]
fn curly_quotes_in_a_front_matter_list_are_refused_with_the_straight_ones_to_write() {
    let source =
        "---\ntitle: A test\npublished: 2021-04-02T09:00:00Z\ntags: [“Earth, Wind & Fire”, Folk]\n---\nText.\n";
    let found = problems(source);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, 4);
    assert!(found[0].2.contains("`tags`: `“Earth` starts with a curly quote"), "{}", found[0].2);
    assert!(found[0].2.contains("straight quotes"), "{}", found[0].2);
    let source = "---\ntitle: A test\npublished: 2021-04-02T09:00:00Z\nauthors: [“Smith, Jr.”]\n---\nText.\n";
    let found = problems(source);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].2.contains("`authors`: `“Smith`"), "{}", found[0].2);
    // Straight quotes keep the comma in one item.
    let source =
        "---\ntitle: A test\npublished: 2021-04-02T09:00:00Z\ntags: [\"Earth, Wind & Fire\", Folk]\n---\nText.\n";
    let compiled = compile(source, &context()).unwrap();
    assert_eq!(compiled.article.tags, ["Earth, Wind & Fire", "Folk"]);
    // A name that starts with curly quotes, inside straight ones, is the writer's.
    for list in ["tags: [\"“Weird Al” Yankovic\", 'Folk']", "tags:\n  - '“Weird Al” Yankovic'\n  - Folk"] {
        let source = format!(
            "---\ntitle: A test\npublished: 2021-04-02T09:00:00Z\n{list}\nauthors: [\"“Doc” Watson\"]\n---\nText.\n"
        );
        let compiled = compile(&source, &context()).unwrap();
        assert_eq!(compiled.article.tags, ["“Weird Al” Yankovic", "Folk"], "{list}");
        assert_eq!(compiled.article.authors[0].name, "“Doc” Watson");
    }
}

#[test]
fn a_players_link_right_under_text_is_said_to_be_a_link_among_words() {
    for markdown in [
        "Intro about the video:\n[The video](https://youtu.be/zFT3f9biz68)\n",
        "[The video](https://youtu.be/zFT3f9biz68)\nA caption line under it.\n",
    ] {
        let warning = the_warning(&format!("{FRONT}{markdown}"));
        assert!(warning.message.contains("makes it a link among words, not a player"), "{}", warning.message);
        assert!(warning.message.contains("put a blank line above and below it"), "{}", warning.message);
    }
    // A link in a sentence is a link, and says nothing.
    let compiled =
        compile(&format!("{FRONT}See [the video](https://youtu.be/zFT3f9biz68)\nfor the dance.\n"), &context())
            .unwrap();
    assert_eq!(compiled.warnings, Vec::new());
}

#[test]
fn marks_and_links_in_an_images_description_are_said_to_go() {
    let warning = the_warning(&format!("{FRONT}![The *stage* at night](images/film-out.svg)\n"));
    assert!(warning.message.starts_with("an image's description is plain text"), "{}", warning.message);
    assert!(warning.message.contains("marks in it are left out"), "{}", warning.message);
    let warning = the_warning(&format!("{FRONT}![The stage and [a link](https://x.example)](images/film-out.svg)\n"));
    assert!(warning.message.contains("a link in it is left out"), "{}", warning.message);
}

#[test]
fn a_players_artwork_on_another_site_is_said_to_go_into_images() {
    let source = format!(
        "{FRONT}{{artist=\"Paper Moons\" artwork=\"https://cdn.example.org/cover.jpg\" artwork_alt=\"A moon of paper\"}}\n[Low Tide](https://open.spotify.com/track/4iV5W9uYEdYUVa79Axb7Rh)\n"
    );
    let found = problems(&source);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].2.contains("copy it into images/ and name it there"), "{}", found[0].2);
    assert!(!found[0].2.contains("give width and height"), "{}", found[0].2);
}

#[test]
fn a_single_tilde_meaning_about_is_told_how_to_stay() {
    assert_problem(&format!("{FRONT}Tickets ~20 at the door~ tonight.\n"), 5, 9, "is written `\\~`");
    let fine = compile(&format!("{FRONT}Tickets \\~20 at the door tonight.\n"), &context()).unwrap();
    assert!(fine.warnings.is_empty(), "{:#?}", fine.warnings);
}

#[test]
fn a_date_that_names_no_real_day_says_so() {
    assert_problem(
        "---\ntitle: A test\npublished: 2026-02-30T10:00:00Z\n---\nText.\n",
        3,
        12,
        "there is no such day as 2026-02-30",
    );
    assert_problem("---\ntitle: A test\npublished: 2 April 2021\n---\nText.\n", 3, 12, "with its time zone");
}

#[test]
fn a_passage_link_is_checked_against_the_other_articles_markdown_as_it_is_now() {
    let site = std::env::temp_dir().join(format!("linernotes-passages-{}", std::process::id()));
    let articles = site.join("content/articles");
    std::fs::create_dir_all(&articles).unwrap();
    // bbb's JSON is from before its heading's id changed; aaa links the old id.
    std::fs::write(articles.join("bbb.md"), format!("{FRONT}Opening.\n\n## Chapter {{#chapter}}\n\nText.\n")).unwrap();
    std::fs::write(
        articles.join("bbb.json"),
        r#"{"schema":1,"slug":"bbb","title":"B","published":"2021-04-02T09:00:00Z","authors":[],"body":[{"type":"heading","id":"part","level":2,"text":"Part"}]}"#,
    )
    .unwrap();
    let known = vec!["aaa".to_string(), "bbb".to_string()];
    let context = context_for(&articles.join("aaa.md"), &site.join("content"), Some(known));
    let stale = compile(&format!("{FRONT}See [the part](/article/bbb#part).\n"), &context).unwrap();
    let fresh = compile(&format!("{FRONT}See [the chapter](/article/bbb#chapter).\n"), &context).unwrap();
    let _ = std::fs::remove_dir_all(&site);
    let [warning] = stale.warnings.as_slice() else { panic!("{:#?}", stale.warnings) };
    assert!(warning.message.contains("no block with the id `part`"), "{}", warning.message);
    assert_eq!(fresh.warnings, Vec::new());
}

#[test]
fn marks_in_plain_text_fields_are_said_beside_the_files_problems() {
    let source = "---\ntitle: The *Blue* album\npublished: 2021-04-02T09:00:00Z\n---\nA ~~struck~~ word.\n";
    let refused = compile_reporting(source, &context()).unwrap_err();
    assert_eq!(refused.problems.len(), 1, "{refused:#?}");
    assert!(refused.warnings.iter().any(|w| w.line == 2 && w.message.contains("*")), "{refused:#?}");
}

#[test]
fn kramdowns_id_on_the_line_below_a_heading_is_told_where_it_goes() {
    assert_problem(
        &format!("{FRONT}## Songs\n{{: #songs}}\n\nText.\n"),
        6,
        2,
        "at the end of a subheading's line (`## Songs {: #songs}`)",
    );
}
