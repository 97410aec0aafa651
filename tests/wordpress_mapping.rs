//! The WordPress HTML → blocks mapping on fixtures (block markup, classic
//! text, hostile markup), and the import command's failure messages.
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;
use std::process::Command;

use linernotes::import::wordpress::footnotes;
use linernotes::import::wordpress::html::{map_post, Draft, Flavour, KeepLinks, Numbering};
use linernotes::model::{parse_service_url, Inline, SafeHref, ServiceUrl};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wordpress").join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text(content: &[Inline]) -> String {
    linernotes::model::plain_text(content)
}

fn service(url: &str) -> ServiceUrl {
    parse_service_url(url).unwrap_or_else(|| panic!("{url} is a service URL"))
}

/// Each block as its text: a paragraph's words, a list as `ordered: item | item`.
fn paragraphs_and_lists(blocks: &[Draft]) -> Vec<String> {
    blocks
        .iter()
        .map(|b| match b {
            Draft::Paragraph(content) => text(content),
            Draft::List(numbering, items) => {
                format!("{}: {}", numbering.ordered, items.iter().map(|i| text(i)).collect::<Vec<_>>().join(" | "))
            }
            other => format!("other: {other:?}"),
        })
        .collect()
}

fn t(s: &str) -> Inline {
    Inline { text: s.into(), em: false, strong: false, href: None }
}

#[test]
fn hostile_markup_leaves_only_text_and_safe_links() {
    let mapped = map_post(&fixture("hostile.html"), Flavour::Rendered, &KeepLinks);
    let mut texts = Vec::new();
    for block in &mapped.blocks {
        match block {
            Draft::Paragraph(content) => {
                for i in content {
                    if let Some(href) = &i.href {
                        assert!(matches!(SafeHref::parse(href), Some(SafeHref::Web(_))), "unsafe link kept: {href}");
                    }
                }
                texts.push(text(content));
            }
            Draft::Heading(_, h) => texts.push(h.clone()),
            Draft::Image(img) => assert_eq!(img.src, "https://tracker.example/p.gif"),
            other => panic!("unexpected block {other:?}"),
        }
    }
    assert_eq!(
        texts,
        [
            "Before a script link, another, data, relative and safe.",
            "Hover text stays text.",
            "<script>alert(10)</script> as text",
            "A heading with an image",
        ]
    );
    let all = format!("{:?}", mapped.blocks);
    for bad in ["alert(6)", "owned", "alert(9)", "display:none", "moving", "cell"] {
        assert!(!all.contains(bad), "{bad} leaked: {all}");
    }
    for note in [
        "<script> left out",
        "iframe from tracker.example left out",
        "<svg> left out",
        "<marquee> left out",
        "table left out",
    ] {
        assert!(mapped.notes.iter().any(|n| n == note), "missing note {note:?} in {:?}", mapped.notes);
    }
    assert_eq!(mapped.notes.iter().filter(|n| n.starts_with("link `")).count(), 4, "{:?}", mapped.notes);
}

#[test]
fn classic_editor_text_becomes_paragraphs_figures_and_videos() {
    let mapped = map_post(&fixture("classic.txt"), Flavour::Stored, &KeepLinks);
    let kinds: Vec<String> = mapped
        .blocks
        .iter()
        .map(|b| match b {
            Draft::Paragraph(c) => format!("p:{}", text(c)),
            Draft::Heading(l, h) => format!("h{l}:{h}"),
            Draft::Quote(c, _) => format!("q:{}", text(c)),
            Draft::Embed { service: ServiceUrl::Video(video), .. } => format!("v:{}", video.as_str()),
            Draft::Image(i) => format!("i:{}|{:?}|{:?}|{:?}", i.attachment.unwrap_or(0), i.caption, i.credit, i.width),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "p:First paragraph, plain text.",
            // WordPress shows the single newline as a line break: a line each.
            "p:Second paragraph with emphasis and a line",
            "p:break inside it.",
            "i:7|Some(\"Tapes at the label.\")|Some(\"Photo: Aki Morimoto\")|Some(300)",
            "v:M7lc1UVf-VE",
            "h2:A heading",
            "p:Straight after the heading.",
            "q:A quoted line.",
            "p:The last paragraph.",
        ]
    );
    assert_eq!(mapped.feedback.len(), 1);
    assert_eq!(mapped.feedback[0].block, 8);
    assert_eq!(mapped.feedback[0].form.question, "Agree?");
}

/// Paragraph texts and headings of a mapped post, in order.
fn outline(html: &str, flavour: Flavour) -> Vec<String> {
    map_post(html, flavour, &KeepLinks)
        .blocks
        .iter()
        .map(|b| match b {
            Draft::Paragraph(c) => text(c),
            Draft::Heading(_, h) => format!("## {h}"),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn classic_text_keeps_its_blank_line_paragraphs_next_to_its_own_tags() {
    let stored = [
        "First paragraph.\n\nSecond paragraph.\n\n<p style=\"text-align: center;\">A centered line.</p>\n\nThird paragraph.",
        "First paragraph.\n\nSecond paragraph.\n\n<pre>some code</pre>\n\nThird paragraph.",
        "First paragraph.\n\nSecond paragraph.\n\n<P>A centered line.</P>\n\nThird paragraph.",
    ];
    // What WordPress renders of the first (wpautop), as the REST API gives it.
    let rendered = "<p>First paragraph.</p>\n<p>Second paragraph.</p>\n<p style=\"text-align: center;\">A centered line.</p>\n<p>Third paragraph.</p>\n";
    let expected = ["First paragraph.", "Second paragraph.", "A centered line.", "Third paragraph."];
    assert_eq!(outline(stored[0], Flavour::Stored), expected);
    assert_eq!(outline(rendered, Flavour::Rendered), expected);
    assert_eq!(outline(stored[1], Flavour::Stored), ["First paragraph.", "Second paragraph.", "Third paragraph."]);
    assert_eq!(outline(stored[2], Flavour::Stored), expected);
    // Block markup is not classic text: its paragraphs are its own.
    let blocks = "<!-- wp:paragraph -->\n<p>One\n\ntwo.</p>\n<!-- /wp:paragraph -->";
    assert_eq!(outline(blocks, Flavour::Stored), ["One two."]);
}

#[test]
fn a_video_start_time_the_block_cannot_hold_is_reported() {
    let mapped = map_post("<p>https://youtu.be/zFT3f9biz68?t=42</p>", Flavour::Rendered, &KeepLinks);
    assert!(matches!(mapped.blocks.as_slice(), [Draft::Embed { .. }]), "{:?}", mapped.blocks);
    assert!(
        mapped
            .notes
            .iter()
            .any(|n| n.starts_with("video https://youtu.be/zFT3f9biz68?t=42: the video will start at the beginning")),
        "{:?}",
        mapped.notes
    );
}

#[test]
fn stray_spaces_and_control_characters_from_editors_go() {
    let out = outline("<p>One sentence.&nbsp; Another\u{1a} one, 10&nbsp;km away.</p>", Flavour::Rendered);
    assert_eq!(out, ["One sentence. Another one, 10\u{a0}km away."]);
}

#[test]
fn raised_and_lowered_numbers_keep_their_place() {
    let out =
        outline("<p>H<sub>2</sub>O, E=mc<sup>2</sup>, the 21<sup>st</sup> and x<sup>a+b</sup>.</p>", Flavour::Rendered);
    assert_eq!(out, ["H₂O, E=mc², the 21ˢᵗ and xa+b."]);
}

#[test]
fn lines_broken_by_hand_stay_lines() {
    // Lyrics in a paragraph block, and classic text whose single newlines
    // WordPress shows as line breaks (an interview's Q and A).
    let block = "<!-- wp:paragraph --><p>Lyrics as a paragraph:<br>line one<br/>line two<br>line three</p><!-- /wp:paragraph -->";
    assert_eq!(outline(block, Flavour::Stored), ["Lyrics as a paragraph:", "line one", "line two", "line three"]);
    let mapped = map_post(block, Flavour::Stored, &KeepLinks);
    assert!(mapped.notes.iter().any(|n| n.contains("kept as 4 paragraphs")), "{:?}", mapped.notes);
    let classic = "Q: Why the harbour?\nA: <em>Because it\nnever sleeps.</em>\n\nNext paragraph.";
    assert_eq!(
        outline(classic, Flavour::Stored),
        ["Q: Why the harbour?", "A: Because it", "never sleeps.", "Next paragraph."]
    );
    // A break at a paragraph's end is no line of its own.
    assert_eq!(outline("<p>One line.<br></p>", Flavour::Rendered), ["One line."]);
}

#[test]
fn a_service_address_on_its_own_line_inside_classic_text_becomes_its_player() {
    // WordPress's autoembed reads the text line by line, before wpautop.
    let stored = "Listen here:\nhttps://www.youtube.com/watch?v=zFT3f9biz68\nIt is good.\n\nNot this one: https://www.youtube.com/watch?v=zFT3f9biz68 in a sentence.";
    let out = outline(stored, Flavour::Stored);
    assert_eq!(out.len(), 4, "{out:#?}");
    assert_eq!(out[0], "Listen here:");
    assert!(out[1].starts_with("Embed { service: Video"), "{out:#?}");
    assert_eq!(out[2], "It is good.");
    assert!(out[3].starts_with("Not this one:"), "{out:#?}");
    // A service the reader does not play is a link to it, and reported.
    let mapped =
        map_post("Watch:\nhttps://www.dailymotion.com/video/x7tgad0\nThen read on.", Flavour::Stored, &KeepLinks);
    assert!(mapped.notes.iter().any(|n| n.starts_with("embed of Dailymotion kept as a link")), "{:?}", mapped.notes);
    let url = "https://www.dailymotion.com/video/x7tgad0";
    let link = Draft::Paragraph(vec![Inline { href: Some(url.into()), ..t(url) }]);
    assert!(mapped.blocks.contains(&link), "{:#?}", mapped.blocks);
    // An embed block of a social post keeps its caption, as the link's words.
    let url = "https://twitter.com/linernotes/status/1";
    let block = format!(
        r#"<!-- wp:embed {{"url":"{url}","type":"rich","providerNameSlug":"twitter"}} -->
<figure class="wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter"><div class="wp-block-embed__wrapper">
{url}
</div><figcaption class="wp-element-caption">The DJ announced the set on X.</figcaption></figure>
<!-- /wp:embed -->"#
    );
    let mapped = map_post(&block, Flavour::Stored, &KeepLinks);
    assert_eq!(
        mapped.blocks,
        [Draft::Paragraph(vec![Inline { href: Some(url.into()), ..t("The DJ announced the set on X.") }])]
    );
    assert!(mapped.notes.iter().any(|n| n.starts_with("embed of Twitter kept as a link")), "{:?}", mapped.notes);
}

#[test]
fn block_markup_maps_every_kind_and_marks_feedback() {
    let mapped = map_post(&fixture("blocks.html"), Flavour::Stored, &KeepLinks);
    let b = &mapped.blocks;
    assert_eq!(b.len(), 6, "{b:#?}");
    match &b[0] {
        Draft::Paragraph(c) => {
            assert!(c.contains(&Inline { text: "strong".into(), em: false, strong: true, href: None }));
            assert!(c.iter().any(|i| i.href.as_deref() == Some("https://mag.example/2021/04/film-out/")));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(b[1], Draft::Quote(vec![t("Frames you keep rewinding.")], Some("Aki Morimoto".into())));
    assert_eq!(b[2], Draft::Lyrics(vec!["The reel runs out,".into(), "the screen goes white.".into()], None));
    assert_eq!(
        b[3],
        Draft::Embed { service: service("https://youtu.be/zFT3f9biz68"), label: Some("The official video".into()) }
    );
    match &b[4] {
        Draft::Image(i) => {
            assert_eq!(
                (i.attachment, i.caption.as_deref(), i.credit.as_deref()),
                (Some(9), Some("Front."), Some("Illustration: linernotes"))
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        b[5],
        Draft::List(Numbering { ordered: true, ..Numbering::default() }, vec![vec![t("One")], vec![t("Two")]])
    );
    assert_eq!(mapped.feedback.len(), 1);
    assert_eq!((mapped.feedback[0].block, mapped.feedback[0].form.id.as_str()), (1, "q1"));
    assert!(mapped.notes.contains(&"custom HTML block left out".to_string()), "{:?}", mapped.notes);
}

#[test]
fn music_and_video_embeds_become_players_with_what_the_post_says_of_them() {
    let mapped = map_post(&fixture("players.html"), Flavour::Stored, &KeepLinks);
    let embed = |url: &str, label: Option<&str>| Draft::Embed { service: service(url), label: label.map(Into::into) };
    assert_eq!(
        mapped.blocks,
        [
            embed("https://open.spotify.com/album/1DFixLWuPkv3KT3TnV35m3", Some("Paper Moons – Low Tide (Live)")),
            embed("https://soundcloud.com/kestrel-lamps/harbour-lights", None),
            embed("https://vimeo.com/76979871", None),
            Draft::Embed {
                // Bandcamp's player names the number, its link inside the iframe the page.
                service: ServiceUrl::Audio(
                    linernotes::model::AudioSource::parse(linernotes::model::AudioFields {
                        provider: "bandcamp",
                        kind: "album",
                        audio_id: Some("2916489213"),
                        storefront: None,
                        url: Some("https://paper-moons.bandcamp.com/album/low-tide-live"),
                    })
                    .expect("a Bandcamp album"),
                ),
                label: Some("Low Tide (Live) by Paper Moons".into()),
            },
            embed("https://music.apple.com/jp/album/film-out/1562580573?i=1562580574", None),
            // A service with no player here stays a link to its page, as
            // WordPress shows an embed it cannot fetch.
            Draft::Paragraph(vec![Inline {
                href: Some("https://www.mixcloud.com/linernotes/night-bus-mix/".into()),
                ..t("https://www.mixcloud.com/linernotes/night-bus-mix/")
            }]),
        ]
    );
    for note in [
        "embed of Mixcloud kept as a link to it (the reader shows no Mixcloud posts)",
        "Bandcamp page left out: its player needs the number in Bandcamp's embed code",
    ] {
        assert!(mapped.notes.iter().any(|n| n == note), "missing note {note:?} in {:?}", mapped.notes);
    }
}

fn publish(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_publish")).args(args).output().expect("the tool runs");
    (
        out.status.code().unwrap_or(-1),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
    )
}

#[test]
fn failures_name_what_failed_and_exit_1() {
    let dir = std::env::temp_dir().join(format!("linernotes-wp-fail-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let cache = dir.join("cache");
    let out = dir.join("public");
    // Nothing listens on this port of the loopback address.
    let (code, text) = publish(&[
        "import-wordpress",
        "--rest",
        "http://127.0.0.1:9/",
        "--cache",
        cache.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("could not reach http://127.0.0.1:9/wp-json/"), "{text}");
    let bad = dir.join("export.xml");
    std::fs::write(&bad, "<html><body>Error 502</body></html>").unwrap();
    let (code, text) = publish(&["import-wordpress", "--wxr", bad.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("not a WordPress export file"), "{text}");
    let (code, text) = publish(&["import-wordpress", "--wxr", dir.join("missing.xml").to_str().unwrap()]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("missing.xml"), "{text}");
    let (code, text) = publish(&["import-wordpress", "--rest", "ftp://x"]);
    assert_eq!(code, 2, "{text}");
    assert!(!text.contains("panicked"));
    assert!(
        !out.join("content/articles").exists() || std::fs::read_dir(out.join("content/articles")).unwrap().count() == 0
    );
}

#[test]
fn headings_keep_their_level_below_the_title() {
    let html = "<h1>One</h1><h2>Two</h2><h3>Three</h3><h4>Four</h4><h5>Five</h5><h6>Six</h6>";
    let mapped = map_post(html, Flavour::Rendered, &KeepLinks);
    let levels: Vec<(u8, &str)> = mapped
        .blocks
        .iter()
        .filter_map(|b| match b {
            Draft::Heading(level, text) => Some((*level, text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(levels, vec![(2, "One"), (2, "Two"), (3, "Three"), (4, "Four"), (5, "Five"), (6, "Six")]);
}

#[test]
fn a_lazy_loaded_image_is_the_image_its_script_would_show() {
    let html = r#"<figure class="wp-block-image"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="https://mag.example/wp-content/uploads/stage.jpg" alt="The stage" class="lazyload"></figure>
<p><img src="https://mag.example/placeholder.gif" data-lazy-src="https://mag.example/wp-content/uploads/tape.jpg" alt="Tapes"></p>"#;
    let mapped = map_post(html, Flavour::Rendered, &KeepLinks);
    let srcs: Vec<&str> = mapped
        .blocks
        .iter()
        .filter_map(|b| match b {
            Draft::Image(i) => Some(i.src.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        srcs,
        ["https://mag.example/wp-content/uploads/stage.jpg", "https://mag.example/wp-content/uploads/tape.jpg"]
    );
}

#[test]
fn players_the_reader_cannot_show_say_what_to_do_instead() {
    let html = r#"<iframe src="https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG" title="A playlist"></iframe>
<iframe src="https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/293&amp;color=%23ff5500"></iframe>
<figure class="wp-block-embed is-provider-spotify"><div class="wp-block-embed__wrapper">
https://spotify.link/AbCdEf123
</div></figure>
<iframe src="https://embed.podcasts.apple.com/x"></iframe>
<iframe src="https://itunes.apple.com/us/album/x/id1562580573"></iframe>"#;
    let mapped = map_post(html, Flavour::Rendered, &KeepLinks);
    assert!(mapped.blocks.is_empty(), "{:?}", mapped.blocks.len());
    assert!(mapped.notes.iter().any(|n| n.starts_with("YouTube playlist player left out")), "{:?}", mapped.notes);
    assert!(mapped.notes.iter().any(|n| n.contains("soundcloud.com/artist/track")), "{:?}", mapped.notes);
    assert!(
        mapped
            .notes
            .iter()
            .any(|n| n.starts_with("embed of a short link left out") && n.contains("https://open.spotify.com/track/…")),
        "{:?}",
        mapped.notes
    );
    assert!(mapped.notes.iter().any(|n| n.starts_with("old iTunes player left out")), "{:?}", mapped.notes);
    assert!(mapped.notes.contains(&"iframe from embed.podcasts.apple.com left out".to_string()), "{:?}", mapped.notes);
}

#[test]
fn blocks_inside_blocks_keep_their_own_words() {
    let html = r#"<ul><li><p>First thought.</p><p>Second thought.</p></li></ul>
<blockquote class="wp-block-quote"><p>The room went quiet.</p><figure class="wp-block-image"><img src="https://mag.example/wp-content/uploads/room.jpg" alt="The room"><figcaption>The room, after. Photo: Ines</figcaption></figure><cite>A reader</cite></blockquote>
<div class="wp-block-file"><a href="https://mag.example/wp-content/uploads/interview.mp3">interview.mp3</a><a href="https://mag.example/wp-content/uploads/interview.mp3" class="wp-block-file__button" download>Download</a></div>"#;
    let mapped = map_post(html, Flavour::Rendered, &KeepLinks);
    let shown: Vec<String> = mapped
        .blocks
        .iter()
        .map(|b| match b {
            Draft::List(_, items) => format!("list: {}", items.iter().map(|i| text(i)).collect::<Vec<_>>().join(" | ")),
            Draft::Quote(content, cite) => format!("quote: {} — {}", text(content), cite.clone().unwrap_or_default()),
            Draft::Image(i) => format!("image: {} ({:?}, {:?})", i.alt, i.caption, i.credit),
            _ => "other".into(),
        })
        .collect();
    assert_eq!(
        shown,
        [
            "list: First thought. Second thought.",
            "quote: The room went quiet. — A reader",
            "image: The room (Some(\"The room, after.\"), Some(\"Photo: Ines\"))",
        ]
    );
    assert!(mapped.notes.contains(&"file block left out".to_string()), "{:?}", mapped.notes);
}

#[test]
fn a_bandcamp_page_or_an_unlisted_vimeo_on_its_own_line_gets_one_line_that_says_why() {
    let classic = "Before.\n\nhttps://paper-moons.bandcamp.com/album/low-tide-live\n\nhttps://vimeo.com/76979871/abcdef1234\n\nAfter.";
    let mapped = map_post(classic, Flavour::Stored, &KeepLinks);
    assert_eq!(
        mapped.notes,
        [
            "Bandcamp page left out: its player needs the number in Bandcamp's embed code",
            "unlisted Vimeo video left out: its address carries a private key, which a video block does not keep; link it instead",
        ]
    );
}

#[test]
fn footnotes_keep_their_number_in_the_text_and_their_words_in_a_list_at_the_end() {
    let stored = r##"<!-- wp:paragraph -->
<p>The band cut it live<sup data-fn="a1b2" class="fn"><a href="#a1b2" id="a1b2-link">1</a></sup> in one take.</p>
<!-- /wp:paragraph -->
<!-- wp:footnotes /-->"##;
    let (stored, note) = footnotes::expand(stored, Some(r#"[{"content":"According to the engineer.","id":"a1b2"}]"#));
    assert_eq!(note, None);
    let rendered = r##"<p>The band cut it live<sup data-fn="a1b2" class="fn"><a href="#a1b2" id="a1b2-link">1</a></sup> in one take.</p>
<ol class="wp-block-footnotes"><li id="a1b2">According to the engineer. <a href="#a1b2-link" aria-label="Jump to footnote reference 1">↩︎</a></li></ol>"##;
    for (html, flavour) in [(stored.as_str(), Flavour::Stored), (rendered, Flavour::Rendered)] {
        let mapped = map_post(html, flavour, &KeepLinks);
        let shown = paragraphs_and_lists(&mapped.blocks);
        assert_eq!(shown, ["The band cut it live¹ in one take.", "true: According to the engineer."], "{flavour:?}");
        assert_eq!(mapped.notes, Vec::<String>::new(), "{flavour:?}");
    }
}

#[test]
fn a_countdown_keeps_its_numbers() {
    // A top ten split by a picture: the second list carries on from 5, down.
    let html = "<!-- wp:list {\"ordered\":true,\"reversed\":true,\"start\":10} -->\n<ol reversed start=\"10\"><li>Ten</li><li>Nine</li></ol>\n<!-- /wp:list -->\n\n<!-- wp:list {\"ordered\":true,\"start\":3} -->\n<ol start=\"3\"><li>Three</li></ol>\n<!-- /wp:list -->\n\n<ol start=\"three\"><li>Plain</li></ol><ul start=\"4\" reversed><li>Dot</li></ul>";
    let mapped = map_post(html, Flavour::Stored, &KeepLinks);
    let numbering: Vec<Numbering> = mapped
        .blocks
        .iter()
        .filter_map(|b| match b {
            Draft::List(numbering, _) => Some(*numbering),
            _ => None,
        })
        .collect();
    assert_eq!(
        numbering,
        vec![
            Numbering { ordered: true, start: Some(10), reversed: true },
            Numbering { ordered: true, start: Some(3), reversed: false },
            Numbering { ordered: true, start: None, reversed: false },
            Numbering { ordered: false, start: None, reversed: false },
        ]
    );
}

#[test]
fn a_classic_quote_keeps_its_credit_when_wordpress_wraps_it_in_a_paragraph() {
    // How WordPress displays (anonymous REST) a classic quote ending in <cite>.
    let html =
        "<blockquote><p>Music is the space between the notes.</p>\n<p>— <cite>Claude Debussy</cite></p></blockquote>\n\
                <blockquote><p>Read <cite>The Rest Is Noise</cite> for more.</p></blockquote>";
    let mapped = map_post(html, Flavour::Rendered, &KeepLinks);
    let quotes: Vec<(String, Option<String>)> = mapped
        .blocks
        .iter()
        .filter_map(|b| match b {
            Draft::Quote(content, cite) => Some((text(content), cite.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        quotes,
        vec![
            ("Music is the space between the notes.".to_string(), Some("Claude Debussy".to_string())),
            ("Read The Rest Is Noise for more.".to_string(), None),
        ]
    );
}

#[test]
fn a_break_typed_as_a_tag_splits_the_paragraph_from_every_source() {
    for (html, flavour) in [
        ("<p>Words and a <br /> break too.</p>", Flavour::Rendered),
        ("Words and a <br /> break too.", Flavour::Stored),
        ("<!-- wp:freeform -->\nWords and a <br /> break too.\n<!-- /wp:freeform -->", Flavour::Stored),
        ("<!-- wp:paragraph -->\n<p>Words and a <br> break too.</p>\n<!-- /wp:paragraph -->", Flavour::Stored),
    ] {
        let shown = paragraphs_and_lists(&map_post(html, flavour, &KeepLinks).blocks);
        assert_eq!(shown, ["Words and a", "break too."], "{html}");
    }
}

#[test]
fn inline_code_is_kept_as_text_with_a_report_line() {
    let mapped = map_post("<p>Type <code>npm install</code> first.</p>", Flavour::Rendered, &KeepLinks);
    assert_eq!(mapped.blocks, [Draft::Paragraph(vec![t("Type npm install first.")])]);
    assert!(
        mapped.notes.contains(&"inline code shown as plain text (the page has no code style)".to_string()),
        "{:?}",
        mapped.notes
    );
    // A block of code is a block's matter, not this line's.
    let block = map_post("<pre><code>let x = 1;</code></pre>", Flavour::Rendered, &KeepLinks);
    assert!(!block.notes.iter().any(|n| n.starts_with("inline code")), "{:?}", block.notes);
}

#[test]
fn an_image_keeps_its_custom_link_and_drops_one_to_the_picture_itself() {
    let html = r#"<figure class="wp-block-image"><a href="https://shop.example/record"><img src="https://mag.example/wp-content/uploads/sleeve.jpg" alt="The sleeve"></a><figcaption>On vinyl.</figcaption></figure>
<figure class="wp-block-image"><a href="https://mag.example/wp-content/uploads/stage.jpg"><img src="https://mag.example/wp-content/uploads/stage-1024x683.jpg" alt="The stage"></a></figure>
<figure class="wp-block-image"><a href="https://mag.example/?attachment_id=12"><img src="https://mag.example/wp-content/uploads/tape.jpg" alt="Tapes"></a></figure>
<p><a href="javascript:alert(1)"><img src="https://mag.example/wp-content/uploads/x.jpg" alt="X"></a></p>
[gallery]<a href="mailto:shop@mag.example"><img src="https://mag.example/wp-content/uploads/y.jpg" alt="Y"></a>
<p><a href="https://mag.example/wp-content/uploads/press-kit.pdf"><img src="https://mag.example/wp-content/uploads/kit.jpg" alt="Kit"></a></p>"#;
    let mapped = map_post(html, Flavour::Rendered, &KeepLinks);
    let links: Vec<(&str, Option<&str>)> = mapped
        .blocks
        .iter()
        .filter_map(|b| match b {
            Draft::Image(i) => Some((i.alt.as_str(), i.link.as_deref())),
            _ => None,
        })
        .collect();
    assert_eq!(
        links,
        [
            ("The sleeve", Some("https://shop.example/record")),
            ("The stage", None),
            ("Tapes", None),
            ("X", None),
            ("Y", Some("mailto:shop@mag.example")),
            // A file that is not the picture is somewhere else to go.
            ("Kit", Some("https://mag.example/wp-content/uploads/press-kit.pdf")),
        ]
    );
    assert!(mapped.notes.iter().any(|n| n.contains("image link `javascript:alert(1)` removed")), "{:?}", mapped.notes);
}

#[test]
fn a_custom_html_block_holding_a_player_embed_code_becomes_the_player_whatever_the_source() {
    let stored = fixture("custom-html-players.html");
    let mapped = map_post(&stored, Flavour::Stored, &KeepLinks);
    let players: Vec<&Draft> = mapped.blocks.iter().filter(|b| matches!(b, Draft::Embed { .. })).collect();
    assert_eq!(players.len(), 4, "{:#?}", mapped.blocks);
    assert!(
        matches!(players[1], Draft::Embed { service: got, label }
            if *got == service("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
                && label.as_deref() == Some("Harbour Lights (Official Video)")),
        "{:?}",
        players[1]
    );
    assert!(
        matches!(players[2], Draft::Embed { service: got, .. } if *got == service("https://soundcloud.com/kestrel-lamps/harbour-lights"))
    );
    // Rendered HTML (anonymous REST) shows each block's markup as it is:
    // the stored blocks give the same players.
    let rendered = stored.lines().filter(|l| !l.starts_with("<!--")).collect::<Vec<_>>().join("\n");
    let from_rendered = map_post(&rendered, Flavour::Rendered, &KeepLinks);
    let rendered_players: Vec<&Draft> =
        from_rendered.blocks.iter().filter(|b| matches!(b, Draft::Embed { .. })).collect();
    assert_eq!(players, rendered_players[..4]);
    // Embed codes carry their fallback link; it is the player's, not a paragraph.
    assert_eq!(
        paragraphs_and_lists(&mapped.blocks).iter().filter(|p| !p.starts_with("other")).collect::<Vec<_>>(),
        ["Before.", "After."]
    );
    // Words of the post's own, a script, two players in one block: custom
    // HTML, left out as before.
    assert_eq!(mapped.notes, ["custom HTML block left out"]);
    let widget = "<!-- wp:html -->\n<script src=\"https://widgets.example/a.js\"></script>\n<!-- /wp:html -->";
    let mapped = map_post(widget, Flavour::Stored, &KeepLinks);
    assert!(mapped.blocks.is_empty() && mapped.notes == ["custom HTML block left out"], "{mapped:?}");
}

#[test]
fn a_custom_html_block_with_a_link_elsewhere_beside_a_player_is_left_out_with_its_line() {
    let block = |inner: &str| format!("<!-- wp:html -->\n{inner}\n<!-- /wp:html -->");
    let bandcamp = r#"<iframe src="https://bandcamp.com/EmbeddedPlayer/album=1/"><a href="https://paper-moons.bandcamp.com/album/low-tide">Low Tide by Paper Moons</a></iframe>"#;
    let youtube = r#"<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"></iframe>"#;
    // The post's own words, a link to a shop: the player alone would lose them.
    for player in [bandcamp, youtube] {
        let preorder =
            block(&format!(r#"<p><a href="https://shop.example/preorder">Pre-order the album</a></p>{player}"#));
        let mapped = map_post(&preorder, Flavour::Stored, &KeepLinks);
        assert!(mapped.blocks.is_empty(), "{player}: {:#?}", mapped.blocks);
        assert_eq!(mapped.notes, ["custom HTML block left out"]);
    }
    // The service's own fallback link, on the artist's page there or a short
    // link of the service, stays the player's.
    for fallback in [
        format!(r#"{bandcamp}<p><a href="https://paper-moons.bandcamp.com/">Paper Moons</a></p>"#),
        format!(r#"{youtube}<p><a href="https://youtu.be/dQw4w9WgXcQ">Watch on YouTube</a></p>"#),
    ] {
        let mapped = map_post(&block(&fallback), Flavour::Stored, &KeepLinks);
        assert!(matches!(mapped.blocks.as_slice(), [Draft::Embed { .. }]), "{fallback}: {:#?}", mapped.blocks);
        assert!(mapped.notes.is_empty(), "{:?}", mapped.notes);
    }
}

#[test]
fn struck_words_and_a_heading_link_are_reported_and_a_tweet_keeps_the_space_after_its_text() {
    // The article has no strikethrough: the words stay, and the report names them.
    let struck = map_post(
        "<p>The tour moved from <s>May</s> June, <del>two</del> three nights, <strike>Bergen</strike> Oslo.</p>",
        Flavour::Rendered,
        &KeepLinks,
    );
    assert_eq!(
        struck.blocks,
        [Draft::Paragraph(vec![t("The tour moved from May June, two three nights, Bergen Oslo.")])]
    );
    for words in ["May", "two", "Bergen"] {
        let line = format!(
            "struck-out words “{words}” shown as plain text (the article has no strikethrough): reword the sentence so it reads right without them"
        );
        assert!(struck.notes.contains(&line), "{line:?} in {:?}", struck.notes);
    }
    // A heading holds words only: its link goes, with a line.
    let heading = map_post(
        "<!-- wp:heading -->\n<h2>Read <a href=\"https://example.org/interview\">the interview</a></h2>\n<!-- /wp:heading -->",
        Flavour::Stored,
        &KeepLinks,
    );
    assert_eq!(heading.blocks, [Draft::Heading(2, "Read the interview".into())]);
    assert_eq!(
        heading.notes,
        ["link to https://example.org/interview in a heading left out (a heading holds no links); its words kept"]
    );
    // An anchor plugin's link to the heading itself: no stray "#", no line.
    let anchored = map_post(
        "<h2 id=\"track-list\">Track list <a class=\"anchor\" href=\"#track-list\" aria-hidden=\"true\">#</a></h2>",
        Flavour::Rendered,
        &KeepLinks,
    );
    assert_eq!(anchored.blocks, [Draft::Heading(2, "Track list".into())]);
    assert!(anchored.notes.is_empty(), "{:?}", anchored.notes);
    // A tweet's embed code as the export stores it (no white space after
    // `</p>`) and as WordPress displays it: the same words.
    let tweet = "<blockquote class=\"twitter-tweet\"><p lang=\"en\" dir=\"ltr\">Oslo, we are coming back. Tour dates below.</p>&mdash; Kamasi (@kamasi) <a href=\"https://twitter.com/kamasi/status/1\">May 1, 2021</a></blockquote>";
    let shown = tweet.replace("</p>&mdash;", "</p>\n&mdash;");
    for (html, flavour) in [(tweet.to_string(), Flavour::Stored), (shown, Flavour::Rendered)] {
        let mapped = map_post(&html, flavour, &KeepLinks);
        let Some(Draft::Quote(content, _)) = mapped.blocks.first() else { panic!("{:?}", mapped.blocks) };
        assert_eq!(
            text(content),
            "Oslo, we are coming back. Tour dates below. — Kamasi (@kamasi) May 1, 2021",
            "{html}"
        );
    }
    // A caption in two paragraphs reads as two sentences.
    let figure = map_post(
        "<figure><img src=\"https://mag.example/a.jpg\" alt=\"A\"><figcaption><p>First night.</p><p>Second night.</p></figcaption></figure>",
        Flavour::Rendered,
        &KeepLinks,
    );
    let Some(Draft::Image(image)) = figure.blocks.first() else { panic!("{:?}", figure.blocks) };
    assert_eq!(image.caption.as_deref(), Some("First night. Second night."));
}

#[test]
fn a_gallery_caption_goes_under_its_last_picture_and_a_file_caption_links_to_the_file() {
    let picture = |n: u32, caption: &str| {
        format!(
            "<!-- wp:image {{\"id\":{n}}} -->\n<figure class=\"wp-block-image\"><img src=\"https://mag.example/wp-content/uploads/jazzhouse-{n}.jpg\" alt=\"Night {n}\" class=\"wp-image-{n}\"/>{caption}</figure>\n<!-- /wp:image -->\n"
        )
    };
    let gallery = |last: &str| {
        format!(
            "<!-- wp:gallery -->\n<figure class=\"wp-block-gallery has-nested-images\">{}{}<figcaption class=\"blocks-gallery-caption\">Three nights at the Jazzhouse. Photos: Dana Kowalski</figcaption></figure>\n<!-- /wp:gallery -->",
            picture(1, ""),
            picture(2, last)
        )
    };
    let captions = |blocks: &[Draft]| -> Vec<String> {
        blocks
            .iter()
            .map(|b| match b {
                Draft::Image(i) => format!("image: {:?} {:?}", i.caption, i.credit),
                Draft::Paragraph(content) => format!("paragraph: {}", text(content)),
                other => format!("other: {other:?}"),
            })
            .collect()
    };
    let mapped = map_post(&gallery(""), Flavour::Stored, &KeepLinks);
    assert_eq!(
        captions(&mapped.blocks),
        ["image: None None", "image: Some(\"Three nights at the Jazzhouse.\") Some(\"Photos: Dana Kowalski\")"]
    );
    assert!(mapped.notes.is_empty(), "{:?}", mapped.notes);
    // The last picture has a caption of its own: the gallery's is a paragraph below.
    let own = "<figcaption class=\"wp-element-caption\">The encore.</figcaption>";
    let mapped = map_post(&gallery(own), Flavour::Stored, &KeepLinks);
    assert_eq!(
        captions(&mapped.blocks),
        [
            "image: None None",
            "image: Some(\"The encore.\") None",
            "paragraph: Three nights at the Jazzhouse. Photos: Dana Kowalski"
        ]
    );

    // An audio or video file: its caption links to it on the old site.
    let audio = "<!-- wp:audio {\"id\":40} -->\n<figure class=\"wp-block-audio\"><audio controls src=\"https://mag.example/wp-content/uploads/2021/05/truth.mp3\"></audio><figcaption class=\"wp-element-caption\">Listen to the lead single, \"Truth\"</figcaption></figure>\n<!-- /wp:audio -->\n\n\
                 <!-- wp:video {\"id\":41} -->\n<figure class=\"wp-block-video\"><video controls src=\"https://mag.example/wp-content/uploads/2021/05/soundcheck.mp4\"></video><figcaption>The soundcheck</figcaption></figure>\n<!-- /wp:video -->\n\n\
                 <!-- wp:audio {\"id\":42} -->\n<figure class=\"wp-block-audio\"><audio controls src=\"https://mag.example/wp-content/uploads/2021/05/b-side.mp3\"></audio></figure>\n<!-- /wp:audio -->";
    for flavour in [Flavour::Stored, Flavour::Rendered] {
        let mapped = map_post(audio, flavour, &KeepLinks);
        let link = |text: &str, href: &str| {
            Draft::Paragraph(vec![Inline { text: text.into(), em: false, strong: false, href: Some(href.into()) }])
        };
        assert_eq!(
            mapped.blocks,
            [
                link(
                    "Listen to the lead single, \"Truth\"",
                    "https://mag.example/wp-content/uploads/2021/05/truth.mp3"
                ),
                link("The soundcheck", "https://mag.example/wp-content/uploads/2021/05/soundcheck.mp4"),
            ]
        );
        assert_eq!(
            mapped.notes,
            [
                "audio file https://mag.example/wp-content/uploads/2021/05/truth.mp3 not moved (the reader has no player for files): its caption is a paragraph that links to it on the old site",
                "video file https://mag.example/wp-content/uploads/2021/05/soundcheck.mp4 not moved (the reader has no player for files): its caption is a paragraph that links to it on the old site",
                "audio file https://mag.example/wp-content/uploads/2021/05/b-side.mp3 left out (the reader has no player for files)",
            ]
        );
    }
}
