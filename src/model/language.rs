//! Stretches of an article's text in a script that names its language.
//!
//! An article is in the site's language (`<html lang>`), but a review of a
//! K-pop or a Japanese release quotes titles and names in their own script.
//! A screen reader reads such a stretch with the page's voice (or skips it)
//! unless it is marked with its language (WCAG 3.1.2, language of parts).
//! Only scripts that name one language are marked: Hangul is Korean, and
//! kana, with the kanji among it, Japanese. Kanji alone could be Chinese or
//! Japanese, and Cyrillic or Arabic several languages, so they stay unmarked.

/// What a character says about its language.
#[derive(Clone, Copy, PartialEq)]
enum Script {
    Hangul,
    Kana,
    /// Kanji and CJK punctuation: joins a stretch, names no language.
    Han,
    Space,
    Other,
}

fn script(c: char) -> Script {
    match c {
        '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{A960}'..='\u{A97F}' | '\u{AC00}'..='\u{D7FF}' => {
            Script::Hangul
        }
        // The middle dot, the long-vowel mark and the voicing marks name
        // nothing alone.
        '\u{3099}'..='\u{309C}' | '\u{30FB}' | '\u{30FC}' => Script::Han,
        '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => Script::Kana,
        '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' => {
            Script::Han
        }
        c if c.is_whitespace() => Script::Space,
        _ => Script::Other,
    }
}

/// `text` cut into runs, each with the language its script names, if any
/// (`"ko"`, `"ja"`). A run spans the spaces between its words; text with
/// no such run is one run with none.
pub fn language_runs(text: &str) -> Vec<(&str, Option<&'static str>)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut runs = Vec::new();
    // Where the unmarked text not yet in `runs` starts.
    let mut plain_from = 0;
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if matches!(script(c), Script::Space | Script::Other) {
            i += 1;
            continue;
        }
        // The stretch of CJK characters from here, with the spaces between
        // them; `last` is its last character.
        let (mut kana, mut hangul, mut last) = (false, false, i);
        for (j, &(_, next)) in chars.iter().enumerate().skip(i) {
            match script(next) {
                Script::Other => break,
                Script::Space => {}
                found => {
                    last = j;
                    kana |= found == Script::Kana;
                    hangul |= found == Script::Hangul;
                }
            }
        }
        let end = chars[last].0 + chars[last].1.len_utf8();
        let lang = if kana {
            Some("ja")
        } else if hangul {
            Some("ko")
        } else {
            None
        };
        if lang.is_some() {
            if plain_from < start {
                runs.push((&text[plain_from..start], None));
            }
            runs.push((&text[start..end], lang));
            plain_from = end;
        }
        i = last + 1;
    }
    if plain_from < text.len() || runs.is_empty() {
        runs.push((&text[plain_from..], None));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_and_japanese_stretches_are_marked_and_the_rest_is_not() {
        assert_eq!(
            language_runs("BTS (방탄소년단) sang it in Japanese as シグナル."),
            vec![
                ("BTS (", None),
                ("방탄소년단", Some("ko")),
                (") sang it in Japanese as ", None),
                ("シグナル", Some("ja")),
                (".", None)
            ]
        );
    }

    #[test]
    fn a_stretch_spans_its_spaces_and_takes_its_kanji() {
        assert_eq!(language_runs("방탄 소년단 live"), vec![("방탄 소년단", Some("ko")), (" live", None)]);
        assert_eq!(language_runs("「東京の夜」 again"), vec![("「東京の夜」", Some("ja")), (" again", None)]);
    }

    #[test]
    fn text_that_names_no_language_is_one_unmarked_run() {
        assert_eq!(language_runs("Plain English, café and Ωmega."), vec![("Plain English, café and Ωmega.", None)]);
        // Kanji alone may be Chinese or Japanese; a middle dot names nothing.
        assert_eq!(language_runs("The 東京 sessions・live"), vec![("The 東京 sessions・live", None)]);
        assert_eq!(language_runs(""), vec![("", None)]);
    }
}
