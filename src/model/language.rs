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
/// no such run is one run with none. One pass, with no copy of the text: it
/// runs on every piece of an article's text as the page is rendered.
pub fn language_runs(text: &str) -> Vec<(&str, Option<&'static str>)> {
    language_runs_within(text, false)
}

/// The same, in text written in Chinese (`chinese`): its hanzi are its
/// own language's, never a Japanese name's, so only the kana of a name
/// such as 宇多田ヒカル are marked Japanese, not the paragraph around it.
pub fn language_runs_within<'a>(text: &'a str, chinese: bool) -> Vec<(&'a str, Option<&'static str>)> {
    /// A stretch of CJK characters, with the spaces between them: where it
    /// starts, where its last character ends, and the language its Hangul
    /// or kana name (a stretch that holds both is cut in two, below).
    struct Stretch {
        start: usize,
        end: usize,
        lang: Option<&'static str>,
        /// Where its last Hangul or kana character ends.
        named_end: usize,
        /// Where the kanji after that character start, if any: they go
        /// with the kana or Hangul that follow them.
        han_from: Option<usize>,
    }
    let mut runs = Vec::new();
    // Where the unmarked text not yet in `runs` starts.
    let mut plain_from = 0;
    let mut close =
        |start: usize, end: usize, lang: Option<&'static str>, runs: &mut Vec<(&'a str, Option<&'static str>)>| {
            if lang.is_some() {
                if plain_from < start {
                    runs.push((&text[plain_from..start], None));
                }
                runs.push((&text[start..end], lang));
                plain_from = end;
            }
        };
    let mut open: Option<Stretch> = None;
    for (at, c) in text.char_indices() {
        let found = match script(c) {
            Script::Han if chinese => Script::Other,
            found => found,
        };
        let lang = match found {
            Script::Space => continue,
            Script::Other => {
                if let Some(stretch) = open.take() {
                    close(stretch.start, stretch.end, stretch.lang, &mut runs);
                }
                continue;
            }
            Script::Hangul => Some("ko"),
            Script::Kana => Some("ja"),
            Script::Han => None,
        };
        let next = at + c.len_utf8();
        // Korean then Japanese (or the other way) in one stretch of
        // characters: each part takes its own language.
        if let (Some(stretch), Some(lang)) = (open.as_ref(), lang) {
            if stretch.lang.is_some_and(|l| l != lang) {
                let start = stretch.han_from.unwrap_or(at);
                close(stretch.start, stretch.named_end, stretch.lang, &mut runs);
                open = Some(Stretch { start, end: next, lang: Some(lang), named_end: next, han_from: None });
                continue;
            }
        }
        let stretch = open.get_or_insert(Stretch { start: at, end: at, lang: None, named_end: at, han_from: None });
        stretch.end = next;
        if lang.is_some() {
            stretch.lang = lang;
            stretch.named_end = next;
            stretch.han_from = None;
        } else if stretch.han_from.is_none() && stretch.lang.is_some() {
            stretch.han_from = Some(at);
        }
    }
    if let Some(stretch) = open {
        close(stretch.start, stretch.end, stretch.lang, &mut runs);
    }
    if plain_from < text.len() || runs.is_empty() {
        runs.push((&text[plain_from..], None));
    }
    runs
}

/// `tag` without its surrounding spaces, if it is a well-formed language
/// tag (BCP 47): a language of two or three letters, then subtags of one to
/// eight letters or digits (`de`, `pt-BR`, `zh-Hant-TW`). It goes into
/// `lang` and `xml:lang`, where a wrong value is worse than none: a screen
/// reader would read the text with a voice for a language it is not in.
pub fn language_tag(tag: &str) -> Option<&str> {
    let tag = tag.trim();
    let mut subtags = tag.split('-');
    let language = subtags.next()?;
    let language_ok = (2..=3).contains(&language.len()) && language.chars().all(|c| c.is_ascii_alphabetic());
    let rest_ok = subtags.all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()));
    (language_ok && rest_ok && tag.len() <= 35).then_some(tag)
}

/// Whether text in the language `tag` reads right to left: Arabic,
/// Hebrew, Persian, Urdu and the rest written in those scripts, unless the
/// tag names another script (`ku-Latn`, `az-Arab`).
pub fn is_right_to_left(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let language = subtags.next().unwrap_or_default().to_ascii_lowercase();
    if let Some(script) = subtags.find(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic())) {
        return ["arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"]
            .contains(&script.to_ascii_lowercase().as_str());
    }
    ["ar", "he", "iw", "fa", "ur", "yi", "ps", "sd", "ckb", "dv", "ug", "syr", "arc"].contains(&language.as_str())
}

/// Why `text` is not a language tag, and what to write instead: the same
/// words from the reader's console, `publish` and the Markdown compiler.
pub fn not_a_language_tag(text: &str) -> String {
    let hint = match text.trim().split_once('_') {
        // How locales are spelled elsewhere (`de_DE`, WordPress's own).
        Some((language, region)) => format!(": write `{language}-{region}`"),
        None => String::new(),
    };
    format!("`{text}` is not a language tag{hint} (a code such as `en`, `de`, `ja` or `pt-BR`)")
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
        // In Chinese text, a Japanese name's kana only: the hanzi are Chinese.
        assert_eq!(
            language_runs_within("与日本歌手宇多田ヒカル合作", true),
            vec![("与日本歌手宇多田", None), ("ヒカル", Some("ja")), ("合作", None)]
        );
        assert_eq!(
            language_runs_within("与日本歌手宇多田ヒカル合作", false),
            vec![("与日本歌手宇多田ヒカル合作", Some("ja"))]
        );
        assert_eq!(language_runs("「東京の夜」 again"), vec![("「東京の夜」", Some("ja")), (" again", None)]);
    }

    #[test]
    fn korean_and_japanese_side_by_side_each_keep_their_language() {
        // The kanji between them go with the kana after them.
        assert_eq!(
            language_runs("방탄소년단의 새 앨범은 日本語 タイトル「フィルムアウト」で発売."),
            vec![
                ("방탄소년단의 새 앨범은", Some("ko")),
                (" ", None),
                ("日本語 タイトル「フィルムアウト」で発売", Some("ja")),
                (".", None)
            ]
        );
        assert_eq!(
            language_runs("シグナル 방탄 live"),
            vec![("シグナル", Some("ja")), (" ", None), ("방탄", Some("ko")), (" live", None)]
        );
        // Kanji before any kana or Hangul join what follows, as before.
        assert_eq!(language_runs("東京 방탄"), vec![("東京 방탄", Some("ko"))]);
    }

    #[test]
    fn text_that_names_no_language_is_one_unmarked_run() {
        assert_eq!(language_runs("Plain English, café and Ωmega."), vec![("Plain English, café and Ωmega.", None)]);
        // Kanji alone may be Chinese or Japanese; a middle dot names nothing.
        assert_eq!(language_runs("The 東京 sessions・live"), vec![("The 東京 sessions・live", None)]);
        assert_eq!(language_runs(""), vec![("", None)]);
    }

    #[test]
    fn a_language_tag_is_well_formed_or_left_out() {
        for tag in ["de", "pt-BR", "zh-Hant-TW", "es-419", " fr "] {
            assert_eq!(language_tag(tag), Some(tag.trim()), "{tag}");
        }
        for tag in ["", "d", "deutsch", "de_DE", "en-", "-en", "en US", "\"en\"", "en-verylongsubtag", "日本語"] {
            assert_eq!(language_tag(tag), None, "{tag}");
        }
    }

    #[test]
    fn a_language_says_whether_it_reads_right_to_left() {
        for tag in ["ar", "he", "fa-IR", "ur", "az-Arab", "AR-EG"] {
            assert!(is_right_to_left(tag), "{tag}");
        }
        for tag in ["en", "de", "ja", "ku-Latn", "ar-Latn", "tr"] {
            assert!(!is_right_to_left(tag), "{tag}");
        }
    }
}
