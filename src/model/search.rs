//! Full-text search over the articles: the index the publisher tool writes
//! and the ranking the app runs, both here so the ranking is tested on the
//! host.
//!
//! The index is split so a query loads only what it needs: a small manifest,
//! one file of terms per first character (a query for "film" loads `f`), and
//! the result cards in files of [`DOCS_PER_SHARD`], fetched for the results
//! shown. Documents are numbered newest first, so a lower number is newer.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{plain_text, Article, Block};

/// Result cards per file of documents: small, since a query's results are
/// spread over the files (newest first helps: ties favour low numbers).
pub const DOCS_PER_SHARD: usize = 50;
/// A term file bigger than this (raw JSON) is split by the first two
/// characters of its terms, so a query for "sigur" loads `si`, not all of `s`.
pub const SPLIT_ABOVE: usize = 24 * 1024;
/// The file version this reader understands.
pub const SEARCH_VERSION: u32 = 1;

/// Where in an article a term occurs, as bits: a term in the title ranks
/// above one in the tags and bylines (which name the artists and writers),
/// above the dek, above the body.
pub mod field {
    pub const BODY: u8 = 1;
    pub const DEK: u8 = 2;
    pub const TAGS: u8 = 4;
    pub const TITLE: u8 = 8;
}

/// `content/search/index.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// How many documents there are.
    pub docs: usize,
    pub docs_per_shard: usize,
    /// The term files that exist, by key (see [`shard_key`]).
    pub term_shards: Vec<String>,
}

/// One term file: each term with its postings, `[doc, fields, doc, fields,
/// …]`, the document numbers written as the gap from the previous one
/// (small numbers compress well).
pub type TermShard = BTreeMap<String, Vec<u32>>;

/// One result card, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    pub slug: String,
    pub title: String,
    #[serde(default)]
    pub category: Option<String>,
    /// `2021-04-02T09:00:00+09:00`, as published.
    pub published: String,
    /// The dek or the opening of the body, for the snippet.
    #[serde(default)]
    pub text: String,
    /// The article's own language, when it is not the site's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// The whole index, as the publisher tool writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchFiles {
    pub manifest: Manifest,
    pub terms: BTreeMap<String, TermShard>,
    pub docs: Vec<Vec<Doc>>,
}

/// Lower case, without diacritics, full-width Latin as ASCII, ligatures as
/// their letters: what the reader types and what the article says meet
/// here ("Beyonce" finds "Beyoncé", "ＢＴＳ" finds "BTS", "ﬁlm" finds "film").
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Full-width ASCII forms; typographic ligatures (a word pasted from
        // a PDF or a typeset page) as their letters.
        let c = match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            n @ 0xFB00..=0xFB06 => {
                out.push_str(["ff", "fi", "fl", "ffi", "ffl", "st", "st"][(n - 0xFB00) as usize]);
                continue;
            }
            _ => c,
        };
        for lower in c.to_lowercase() {
            match strip_mark(lower) {
                Some(plain) => out.push_str(plain),
                None if is_combining_mark(lower) => {}
                None => out.push(lower),
            }
        }
    }
    out
}

/// Combining diacritical marks, as in text typed in decomposed form.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF)
}

/// The Latin letters with diacritics that music names use, without them.
fn strip_mark(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ẽ' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Scripts written without spaces between words: found by substring, so
/// they are indexed as single characters and pairs of characters.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF   // Hiragana, Katakana
        | 0x3400..=0x4DBF // CJK Extension A
        | 0x4E00..=0x9FFF // CJK Unified Ideographs
        | 0xF900..=0xFAFF // CJK Compatibility Ideographs
        | 0x1100..=0x11FF // Hangul Jamo
        | 0x3130..=0x318F // Hangul Compatibility Jamo
        | 0xAC00..=0xD7AF // Hangul Syllables
        | 0xFF66..=0xFF9F // Half-width Katakana
    )
}

/// A piece of folded text: a word, or a run of CJK characters.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Word(String),
    Cjk(Vec<char>),
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut cjk = Vec::new();
    for c in fold(text).chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(Piece::Word(std::mem::take(&mut word)));
            }
            cjk.push(c);
        } else if c.is_alphanumeric() {
            if !cjk.is_empty() {
                out.push(Piece::Cjk(std::mem::take(&mut cjk)));
            }
            word.push(c);
        } else if c == '\'' || c == '’' {
            // "Don't" and "Dont" are the same word to a reader.
        } else {
            if !word.is_empty() {
                out.push(Piece::Word(std::mem::take(&mut word)));
            }
            if !cjk.is_empty() {
                out.push(Piece::Cjk(std::mem::take(&mut cjk)));
            }
        }
    }
    if !word.is_empty() {
        out.push(Piece::Word(word));
    }
    if !cjk.is_empty() {
        out.push(Piece::Cjk(cjk));
    }
    out
}

/// An umlaut as German writes it without one.
fn spelt_out(c: char) -> Option<&'static str> {
    match c {
        'ä' | 'Ä' => Some("ae"),
        'ö' | 'Ö' => Some("oe"),
        'ü' | 'Ü' => Some("ue"),
        _ => None,
    }
}

/// The index terms of a text: its words, and every character and pair of
/// characters of its CJK runs. A word with an umlaut is also indexed as
/// German writes it without one ("Überraschung" as "ueberraschung", beside
/// "uberraschung"), the way a reader types it on a keyboard that lacks it.
pub fn terms(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    if text.chars().any(|c| spelt_out(c).is_some()) {
        let mut german = String::with_capacity(text.len() + 8);
        for c in text.chars() {
            match spelt_out(c) {
                Some(letters) => german.push_str(letters),
                None => german.push(c),
            }
        }
        for piece in pieces(&german) {
            if let Piece::Word(w) = piece {
                out.insert(w);
            }
        }
    }
    for piece in pieces(text) {
        match piece {
            Piece::Word(w) => {
                out.insert(w);
            }
            Piece::Cjk(chars) => {
                for (i, c) in chars.iter().enumerate() {
                    out.insert(c.to_string());
                    if let Some(next) = chars.get(i + 1) {
                        out.insert([*c, *next].iter().collect());
                    }
                }
            }
        }
    }
    out
}

/// What a query asks for: every part must match somewhere in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryTerm {
    pub text: String,
    /// Words match as prefixes too ("beyon" finds "beyoncé" while typing);
    /// CJK pairs match exactly, which together makes a substring search.
    pub prefix: bool,
}

/// How much of a query the search page's heading and messages repeat.
pub const SHOWN_QUERY_CHARS: usize = 80;

/// A query as the page repeats it (in its heading, title and messages): a
/// pasted page of text, or a shared link with one, would fill the screen
/// and be read out whole, so past `max` characters it is cut and marked.
pub fn shown_query(query: &str, max: usize) -> String {
    // Direction marks from a shared link must not turn the sentence around
    // the query (`Results for “abc”fed`): they go, and right-to-left words
    // are isolated as names in a byline are.
    let query: String =
        query.chars().filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')).collect();
    if query.chars().count() <= max {
        return crate::model::article::isolated(&query);
    }
    let start: String = query.chars().take(max).collect();
    crate::model::article::isolated(&format!("{}…", start.trim_end()))
}

pub fn query_terms(query: &str) -> Vec<QueryTerm> {
    let mut out: Vec<QueryTerm> = Vec::new();
    for piece in pieces(query) {
        match piece {
            // One letter is too short to stand for every word it starts.
            Piece::Word(w) => {
                let prefix = w.chars().count() > 1;
                out.push(QueryTerm { text: w, prefix });
            }
            Piece::Cjk(chars) if chars.len() == 1 => out.push(QueryTerm { text: chars[0].to_string(), prefix: false }),
            Piece::Cjk(chars) => {
                for pair in chars.windows(2) {
                    out.push(QueryTerm { text: pair.iter().collect(), prefix: false });
                }
            }
        }
    }
    let mut seen = BTreeSet::new();
    out.retain(|t| seen.insert(t.text.clone()));
    out
}

/// The longest file key: terms are grouped by at most this many first characters.
const MAX_KEY: usize = 4;

/// The term file a term lives in before any split: its first character,
/// with characters outside ASCII letters and digits spread over a few
/// buckets by code point (`_0` to `_f`).
pub fn shard_key(term: &str) -> String {
    match term.chars().next() {
        Some(c) if c.is_ascii_alphanumeric() => c.to_string(),
        Some(c) => format!("_{:x}", (c as u32) % 16),
        None => "_".to_string(),
    }
}

/// The first `n` characters of a term, if they are all ASCII letters or
/// digits: the key of its file when its group was split that far.
fn ascii_prefix(term: &str, n: usize) -> Option<&str> {
    let end = term.char_indices().nth(n).map(|(i, _)| i).unwrap_or(term.len());
    let prefix = &term[..end];
    (prefix.chars().count() == n && prefix.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(prefix)
}

/// Splits a group of terms that is too big by one more character of its
/// terms, again and again up to [`MAX_KEY`]; terms no longer than the key
/// stay in the key's own file.
fn split_into(key: String, shard: TermShard, out: &mut BTreeMap<String, TermShard>) {
    let depth = key.chars().count();
    let size = serde_json::to_string(&shard).map(|s| s.len()).unwrap_or(0);
    if size <= SPLIT_ABOVE || depth >= MAX_KEY || key.starts_with('_') {
        out.insert(key, shard);
        return;
    }
    let mut children: BTreeMap<String, TermShard> = BTreeMap::new();
    let mut own = TermShard::new();
    for (term, postings) in shard {
        match ascii_prefix(&term, depth + 1) {
            Some(child) => {
                children.entry(child.to_string()).or_default().insert(term, postings);
            }
            None => {
                own.insert(term, postings);
            }
        }
    }
    if !own.is_empty() {
        out.insert(key, own);
    }
    for (child, shard) in children {
        split_into(child, shard, out);
    }
}

impl Manifest {
    fn has(&self, key: &str) -> bool {
        self.term_shards.binary_search_by(|k| k.as_str().cmp(key)).is_ok()
    }

    /// The file that holds `term` itself, if the index has one.
    pub fn key_for(&self, term: &str) -> Option<String> {
        let longest = (1..=MAX_KEY.min(term.chars().count()))
            .rev()
            .filter_map(|n| ascii_prefix(term, n))
            .find(|key| self.has(key))
            .map(str::to_string);
        longest.or_else(|| Some(shard_key(term)).filter(|key| self.has(key)))
    }

    /// The files a part of a query needs: the one holding the term, and for
    /// a prefix, the files of longer keys that start with it ("be" while
    /// typing needs `bel`, `ben`… once `b` was split that far).
    pub fn keys_for(&self, part: &QueryTerm) -> Vec<String> {
        let mut keys: Vec<String> = self.key_for(&part.text).into_iter().collect();
        if part.prefix {
            let longer: Vec<String> = self
                .term_shards
                .iter()
                .filter(|k| k.len() > part.text.len() && k.starts_with(part.text.as_str()) && !keys.contains(k))
                .cloned()
                .collect();
            keys.extend(longer);
        }
        keys
    }

    /// Every term file a query needs.
    pub fn shards_for(&self, query: &[QueryTerm]) -> BTreeSet<String> {
        query.iter().flat_map(|t| self.keys_for(t)).collect()
    }
}

/// How much of two articles' words they share, from 0 to 1 (the words
/// both hold, over the words either holds): a rewritten headline and date
/// leave most of an article's words as they were; another article on the
/// same band shares far fewer.
pub fn shared_words(a: &Article, b: &Article) -> f64 {
    let (a, b) = (article_terms(a), article_terms(b));
    let both = a.keys().filter(|k| b.contains_key(*k)).count();
    let either = a.len() + b.len() - both;
    if either == 0 {
        return 1.0;
    }
    both as f64 / either as f64
}

/// What an article contributes to the index: every term with the fields it
/// occurs in.
fn article_terms(article: &Article) -> BTreeMap<String, u8> {
    let mut out: BTreeMap<String, u8> = BTreeMap::new();
    let mut add = |text: &str, bit: u8| {
        for term in terms(text) {
            *out.entry(term).or_default() |= bit;
        }
    };
    add(&article.title, field::TITLE);
    for tag in &article.tags {
        add(tag, field::TAGS);
    }
    // A writer's name is looked for as an artist's is (an old author
    // archive of an imported site leads to a search for it).
    for author in &article.authors {
        add(&author.name, field::TAGS);
    }
    if let Some(dek) = &article.dek {
        add(dek, field::DEK);
    }
    for block in &article.body {
        match block {
            Block::Paragraph { content, .. } => add(&plain_text(content), field::BODY),
            Block::Quote { content, cite, .. } => {
                add(&plain_text(content), field::BODY);
                add(cite.as_deref().unwrap_or_default(), field::BODY);
            }
            Block::Heading { text, .. } => add(text, field::BODY),
            Block::Lyrics { lines, cite, .. } => {
                add(&lines.join("\n"), field::BODY);
                add(cite.as_deref().unwrap_or_default(), field::BODY);
            }
            Block::Video { title, .. } => add(title, field::BODY),
            Block::Audio { title, artist, .. } => {
                add(title, field::BODY);
                add(artist, field::BODY);
            }
            Block::Image { image, .. } => {
                add(image.caption.as_deref().unwrap_or_default(), field::BODY);
            }
            Block::List { items, .. } => {
                for item in items {
                    add(&plain_text(item), field::BODY);
                }
            }
        }
    }
    out
}

/// Builds the index of a set of articles (in any order).
pub fn build(articles: &[Article]) -> SearchFiles {
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.slug.cmp(&b.slug)));

    let mut grouped: BTreeMap<String, TermShard> = BTreeMap::new();
    let mut last_doc: BTreeMap<String, u32> = BTreeMap::new();
    for (doc, article) in sorted.iter().enumerate() {
        let doc = doc as u32;
        for (term, fields) in article_terms(article) {
            let postings = grouped.entry(shard_key(&term)).or_default().entry(term.clone()).or_default();
            let gap = match last_doc.insert(term, doc) {
                Some(previous) => doc - previous,
                None => doc,
            };
            postings.push(gap);
            postings.push(fields as u32);
        }
    }
    let mut terms: BTreeMap<String, TermShard> = BTreeMap::new();
    for (key, shard) in grouped {
        split_into(key, shard, &mut terms);
    }
    let docs: Vec<Doc> = sorted
        .iter()
        .map(|a| Doc {
            slug: a.slug.clone(),
            title: a.title.clone(),
            category: a.category.as_ref().map(|c| c.name.clone()),
            published: a.published.as_str().to_string(),
            text: super::excerpt(&a.summary(), 200),
            language: a.language.clone(),
        })
        .collect();
    SearchFiles {
        manifest: Manifest {
            version: SEARCH_VERSION,
            docs: docs.len(),
            docs_per_shard: DOCS_PER_SHARD,
            term_shards: terms.keys().cloned().collect(),
        },
        terms,
        docs: docs.chunks(DOCS_PER_SHARD).map(<[Doc]>::to_vec).collect(),
    }
}

/// The weight of the best field in `fields`: one title match outweighs any
/// number of tag matches, and so on down.
fn field_weight(fields: u8) -> u32 {
    if fields & field::TITLE != 0 {
        1000
    } else if fields & field::TAGS != 0 {
        100
    } else if fields & field::DEK != 0 {
        10
    } else if fields & field::BODY != 0 {
        1
    } else {
        0
    }
}

/// A ranked result: the document number and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    pub score: u32,
}

/// Ranks the documents that match every part of the query, best first,
/// newer first among equals. `shards` answers, for a part of the query, the
/// loaded files it needs (see [`Manifest::keys_for`]).
pub fn rank<'a>(query: &[QueryTerm], shards: impl Fn(&QueryTerm) -> Vec<&'a TermShard>) -> Vec<Hit> {
    if query.is_empty() {
        return Vec::new();
    }
    let mut total: BTreeMap<u32, u32> = BTreeMap::new();
    for (i, part) in query.iter().enumerate() {
        // For each document, the best way this part matches it.
        let mut best: BTreeMap<u32, u32> = BTreeMap::new();
        for terms in shards(part) {
            let exact = terms.get_key_value(part.text.as_str());
            let prefixed = terms
                .range(part.text.clone()..)
                .take_while(|(term, _)| part.prefix && term.starts_with(part.text.as_str()));
            for (term, postings) in exact.into_iter().chain(prefixed) {
                let is_exact = term == &part.text;
                let mut doc = 0u32;
                for pair in postings.chunks_exact(2) {
                    doc = doc.saturating_add(pair[0]);
                    let mut weight = field_weight(pair[1] as u8) * 10;
                    if !is_exact {
                        // A whole word beats the start of a longer one.
                        weight = weight * 9 / 10;
                    }
                    let entry = best.entry(doc).or_default();
                    *entry = (*entry).max(weight);
                }
            }
        }
        if i == 0 {
            total = best;
        } else {
            total = total.into_iter().filter_map(|(doc, score)| best.get(&doc).map(|b| (doc, score + b))).collect();
        }
        if total.is_empty() {
            break;
        }
    }
    let mut hits: Vec<Hit> = total.into_iter().map(|(doc, score)| Hit { doc, score }).collect();
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
    hits
}

/// A text cut into runs, each marked if it matches a part of the query, for
/// highlighting as views (never as HTML).
pub fn highlight(text: &str, query: &[QueryTerm]) -> Vec<(String, bool)> {
    // Map every character of the original to its folded form, so matches
    // found in folded text land on the original characters.
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<String> = chars.iter().map(|c| fold(&c.to_string())).collect();
    // An umlaut typed as German spells it out ("ue" for "ü") marks it too,
    // as the index finds it so.
    // Built for every text, though used only where there is an umlaut:
    // building it only then costs the search module about 100 bytes more,
    // for at most a page of short snippets.
    let german: Vec<String> =
        chars.iter().map(|c| spelt_out(*c).map_or_else(|| fold(&c.to_string()), String::from)).collect();
    let foldings: Vec<&Vec<String>> =
        if chars.iter().any(|c| spelt_out(*c).is_some()) { vec![&folded, &german] } else { vec![&folded] };
    let mut marked = vec![false; chars.len()];
    for (part, folded) in query.iter().flat_map(|part| foldings.iter().map(move |f| (part, *f))) {
        let needle: Vec<char> = part.text.chars().collect();
        if needle.is_empty() {
            continue;
        }
        let mut start = 0;
        while start < chars.len() {
            // Folded text from `start`, remembering which original character
            // each folded one came from.
            let mut matched = 0;
            let mut end = start;
            'outer: while end < chars.len() && matched < needle.len() {
                for fc in folded[end].chars() {
                    if matched < needle.len() && fc == needle[matched] {
                        matched += 1;
                    } else {
                        break 'outer;
                    }
                }
                end += 1;
            }
            let word_start = start == 0 || !chars[start - 1].is_alphanumeric() || is_cjk(chars[start]);
            if matched == needle.len() && word_start && end > start {
                for m in &mut marked[start..end] {
                    *m = true;
                }
                start = end;
            } else {
                start += 1;
            }
        }
    }
    let mut runs: Vec<(String, bool)> = Vec::new();
    for (c, m) in chars.into_iter().zip(marked) {
        match runs.last_mut() {
            Some((run, mark)) if *mark == m => run.push(c),
            _ => runs.push((c.to_string(), m)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_article;

    fn article(slug: &str, published: &str, title: &str, tags: &[&str], dek: &str, body: &str) -> Article {
        let json = serde_json::json!({
            "schema": 1, "slug": slug, "title": title, "published": published, "tags": tags, "dek": dek,
            "body": [{"type": "paragraph", "id": "p1", "content": [{"text": body}]}],
        });
        parse_article(&json.to_string()).unwrap().value
    }

    fn corpus() -> Vec<Article> {
        vec![
            article("title-old", "2020-01-01T00:00:00Z", "Lantern songs", &[], "", "Nothing here."),
            article("title-new", "2024-01-01T00:00:00Z", "Lantern nights", &[], "", "Nothing here."),
            article("tag", "2025-01-01T00:00:00Z", "A festival", &["Lantern"], "", "Nothing here."),
            article("dek", "2025-02-01T00:00:00Z", "Another story", &[], "A lantern in the dek.", "Nothing."),
            article("body", "2025-03-01T00:00:00Z", "A third story", &[], "", "A lantern in the body."),
            article(
                "beyonce",
                "2023-05-01T00:00:00Z",
                "Beyoncé returns to the stage",
                &["Beyoncé"],
                "",
                "Renaissance.",
            ),
            article(
                "film-out",
                "2021-04-02T09:00:00+09:00",
                "BTS release “Film Out”",
                &["BTS", "back number"],
                "",
                "映画「シグナル」の主題歌。방탄소년단의 신곡.",
            ),
            article(
                "sigur",
                "2022-01-01T00:00:00Z",
                "Sigur Rós and the art of silence",
                &["Sigur Rós"],
                "",
                "Hopelandic.",
            ),
        ]
    }

    fn search(files: &SearchFiles, query: &str) -> Vec<String> {
        let parts = query_terms(query);
        let all = files.docs.concat();
        let lookup =
            |part: &QueryTerm| files.manifest.keys_for(part).iter().filter_map(|k| files.terms.get(k)).collect();
        rank(&parts, lookup).into_iter().map(|h| all[h.doc as usize].slug.clone()).collect()
    }

    #[test]
    fn ranking_table() {
        let files = build(&corpus());
        let table: &[(&str, &[&str])] = &[
            // Title above tags above dek above body; newer first among equals.
            ("lantern", &["title-new", "title-old", "tag", "dek", "body"]),
            // Prefixes match while typing.
            ("lant", &["title-new", "title-old", "tag", "dek", "body"]),
            ("lantern nig", &["title-new"]),
            // Case and diacritics folded, both ways.
            ("Beyonce", &["beyonce"]),
            ("BEYONCÉ", &["beyonce"]),
            ("beyonce\u{301}", &["beyonce"]),
            ("sigur ros", &["sigur"]),
            ("ＢＴＳ", &["film-out"]),
            ("ﬁlm out", &["film-out"]),
            // Japanese and Korean by substring.
            ("シグナル", &["film-out"]),
            ("グナ", &["film-out"]),
            ("방탄소년단", &["film-out"]),
            ("소년", &["film-out"]),
            ("映", &["film-out"]),
            // Every word must match.
            ("lantern beyonce", &[]),
            ("", &[]),
            ("   !!! ", &[]),
            ("zzz", &[]),
        ];
        for (query, expected) in table {
            assert_eq!(search(&files, query), *expected, "query {query:?}");
        }
    }

    #[test]
    fn a_writer_is_found_by_name_above_a_mention_in_the_text() {
        let mut by_aki = article("by-aki", "2020-01-01T00:00:00Z", "Night songs", &[], "", "Nothing here.");
        let with = serde_json::json!({
            "schema": 1, "slug": "x", "title": "x", "published": "2020-01-01T00:00:00Z", "body": [],
            "authors": [{"name": "Aki Morimoto"}],
        });
        by_aki.authors = parse_article(&with.to_string()).unwrap().value.authors;
        let mention = article("mention", "2025-01-01T00:00:00Z", "Letters", &[], "", "Aki Morimoto wrote to us.");
        let files = build(&[by_aki, mention]);
        assert_eq!(search(&files, "Aki Morimoto"), ["by-aki", "mention"]);
        assert_eq!(search(&files, "morimoto"), ["by-aki", "mention"]);
    }

    #[test]
    fn a_whole_word_ranks_above_a_longer_word_it_starts() {
        let files = build(&[
            article("longer", "2025-01-01T00:00:00Z", "Filmography", &[], "", "x"),
            article("whole", "2020-01-01T00:00:00Z", "Film", &[], "", "x"),
        ]);
        assert_eq!(search(&files, "film"), ["whole", "longer"]);
    }

    #[test]
    fn documents_are_numbered_newest_first_and_split_into_files() {
        let many: Vec<Article> = (0..(DOCS_PER_SHARD + 3))
            .map(|i| article(&format!("a{i}"), &format!("20{:02}-01-01T00:00:00Z", i % 100), "Same", &[], "", "x"))
            .collect();
        let files = build(&many);
        assert_eq!(files.docs.len(), 2);
        assert_eq!(files.manifest.docs, DOCS_PER_SHARD + 3);
        let all = files.docs.concat();
        assert!(all.windows(2).all(|w| w[0].published >= w[1].published));
        // The gaps in the postings add up to real document numbers.
        assert_eq!(search(&files, "same").len(), DOCS_PER_SHARD + 3);
    }

    #[test]
    fn queries_name_only_the_files_they_need() {
        let files = build(&corpus());
        let parts = query_terms("Film Beyoncé");
        assert_eq!(files.manifest.shards_for(&parts).into_iter().collect::<Vec<_>>(), ["b", "f"]);
        assert_eq!(shard_key("シグ"), format!("_{:x}", ('シ' as u32) % 16));
    }

    #[test]
    fn big_term_files_are_split_by_two_letters_and_still_found() {
        // Enough distinct "s" words to pass the split size.
        let many: Vec<Article> = (0..400)
            .map(|i| {
                let words: Vec<String> = (0..20).map(|j| format!("s{}x{}", i, j)).collect();
                article(&format!("a{i}"), "2020-01-01T00:00:00Z", &format!("Story {i}"), &[], "", &words.join(" "))
            })
            .collect();
        let files = build(&many);
        let keys = &files.manifest.term_shards;
        assert!(keys.iter().any(|k| k.starts_with("s1") && k.len() > 2), "{keys:?}");
        assert!(keys.iter().any(|k| k == "st"), "{keys:?}");
        assert!(!keys.iter().any(|k| k == "s"), "no unsplit s file is left");
        assert_eq!(search(&files, "s12x3"), ["a12"]);
        assert_eq!(search(&files, "story 7"), ["a7"]);
        // A prefix shorter than the split keys still finds its words.
        assert_eq!(search(&files, "s399x1").len(), 1);
        assert_eq!(search(&files, "s39").len(), 11, "a39 and a390 to a399");
        for (key, shard) in &files.terms {
            assert!(serde_json::to_string(shard).unwrap().len() < 4 * SPLIT_ABOVE, "{key}");
        }
    }

    #[test]
    fn highlights_land_on_the_original_letters() {
        let runs = highlight("Beyoncé returns; beyond", &query_terms("beyonce"));
        assert_eq!(runs, vec![("Beyoncé".to_string(), true), (" returns; beyond".to_string(), false)]);
        let runs = highlight("映画「シグナル」", &query_terms("シグナル"));
        assert_eq!(
            runs,
            vec![("映画「".to_string(), false), ("シグナル".to_string(), true), ("」".to_string(), false)]
        );
        let runs = highlight("Lanterns and lant", &query_terms("lant"));
        assert_eq!(runs.iter().filter(|r| r.1).count(), 2);
        assert_eq!(highlight("plain", &[]), vec![("plain".to_string(), false)]);
    }

    #[test]
    fn an_umlaut_is_found_spelt_out_as_german_writes_it() {
        let files = build(&[
            article("koeln", "2025-01-01T00:00:00Z", "Eine Überraschung aus Köln", &["Düsseldorf"], "", "Schön."),
            article("other", "2020-01-01T00:00:00Z", "Ueberweg", &[], "", "Queue."),
        ]);
        assert_eq!(search(&files, "ueberraschung"), ["koeln"]);
        assert_eq!(search(&files, "uberraschung"), ["koeln"]);
        assert_eq!(search(&files, "koeln"), ["koeln"]);
        assert_eq!(search(&files, "duesseldorf"), ["koeln"]);
        assert_eq!(search(&files, "schoen"), ["koeln"]);
        // Only a word that has the umlaut gains the spelling.
        assert_eq!(search(&files, "ueberweg"), ["other"]);
        assert_eq!(search(&files, "quue"), Vec::<&str>::new());
        let runs = highlight("Eine Überraschung", &query_terms("ueberraschung"));
        assert_eq!(runs, vec![("Eine ".to_string(), false), ("Überraschung".to_string(), true)]);
        let runs = highlight("Köln und Koeln", &query_terms("koeln"));
        assert_eq!(runs.iter().filter(|r| r.1).count(), 2);
    }

    #[test]
    fn a_long_query_is_repeated_cut_short() {
        assert_eq!(shown_query("film out", 80), "film out");
        assert_eq!(shown_query(&"word ".repeat(1000), 12), "word word wo…");
        assert_eq!(shown_query("ＢＴＳ ふぃるむ", 5), "ＢＴＳ ふ…");
        assert_eq!(shown_query("abc\u{202E}def", 80), "abcdef");
        assert_eq!(shown_query("שיר\u{2069}", 80), "\u{2068}שיר\u{2069}");
    }
}
