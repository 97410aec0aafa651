//! Comments as Isso stores them, the form's rules (the same as Isso's, so
//! the reader hears about a problem before posting), and the allow-list for
//! the HTML Isso returns.

use serde::{Deserialize, Serialize};

use super::SafeHref;

/// One comment from Isso. Its `text` is HTML rendered by the server; it only
/// reaches the page through [`Markup`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Comment {
    pub id: i64,
    #[serde(default)]
    pub parent: Option<i64>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    /// 1 accepted, 2 awaiting moderation, 4 deleted (kept for its replies).
    #[serde(default = "accepted")]
    pub mode: u8,
    /// Seconds since the epoch.
    #[serde(default)]
    pub created: f64,
    #[serde(default)]
    pub modified: Option<f64>,
    #[serde(default)]
    pub likes: i64,
    #[serde(default)]
    pub replies: Vec<Comment>,
    #[serde(default)]
    pub total_replies: usize,
    #[serde(default)]
    pub hidden_replies: i64,
}

fn accepted() -> u8 {
    1
}

impl Comment {
    /// The name to show: Isso allows anonymous comments. Isso stores names
    /// HTML-escaped; they reach the page as text, so the escapes are undone.
    pub fn author_name(&self) -> String {
        self.author
            .as_deref()
            .map(unescape_html)
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .unwrap_or_else(|| "Anonymous".to_string())
    }

    /// The author's website, only if it is an `http`/`https` URL.
    pub fn author_link(&self) -> Option<String> {
        match self.website.as_deref().map(unescape_html).as_deref().and_then(SafeHref::parse) {
            Some(SafeHref::Web(url)) => Some(url),
            _ => None,
        }
    }

    pub fn is_deleted(&self) -> bool {
        self.mode == 4
    }

    pub fn is_pending(&self) -> bool {
        self.mode == 2
    }
}

/// One page of a thread: `GET /?uri=…`. Isso sends its public settings
/// with every page, which saves the page a request for them.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Thread {
    #[serde(default)]
    pub config: Option<ServerConfig>,
    #[serde(default)]
    pub total_replies: usize,
    #[serde(default)]
    pub hidden_replies: i64,
    /// Required: every page Isso sends has it, and an answer without it
    /// (`{}` from a misconfigured proxy) is not "no comments yet".
    pub replies: Vec<Comment>,
}

impl Thread {
    /// Takes out of a page that may be older than they are (a cache's copy)
    /// the comments the reader deleted since, each known by its id and time
    /// (Isso may give a freed id to someone else's new comment): one that
    /// replies hang from stays as deleted, as Isso keeps it; any other goes.
    pub fn drop_deleted(&mut self, gone: &[(i64, f64)]) {
        let is_gone = |c: &Comment| gone.iter().any(|(id, created)| c.id == *id && c.created == *created);
        let mut dropped = 0;
        for top in &mut self.replies {
            let before = top.replies.len();
            top.replies.retain(|r| !is_gone(r));
            dropped += before - top.replies.len();
            if is_gone(top) && !top.is_deleted() && !top.replies.is_empty() {
                top.mode = 4;
                top.text.clear();
                top.author = None;
                top.website = None;
                dropped += 1;
            }
        }
        let before = self.replies.len();
        self.replies.retain(|c| !(is_gone(c) && c.replies.is_empty()));
        dropped += before - self.replies.len();
        self.total_replies = self.total_replies.saturating_sub(dropped);
    }

    /// Puts the reader's own recent comments into a page that may be older
    /// than they are (a cache's copy): a reply goes under its comment if that
    /// is on the page; a top-level comment the page lacks is returned, for
    /// the page to show as the reader's new one. Nothing is ever shown twice.
    ///
    /// A comment is only missing from a page that would hold it: the first
    /// page of the newest holds the reader's recent ones, a page in another
    /// `order` only when nothing is held back after it. Otherwise it comes
    /// with the rest, where its order puts it.
    pub fn merge_own(&mut self, own: Vec<Comment>, order: SortOrder) -> Vec<Comment> {
        let on_page =
            |page: &Thread, id: i64| page.replies.iter().any(|c| c.id == id || c.replies.iter().any(|r| r.id == id));
        let would_hold = |hidden: i64| order == SortOrder::Newest || hidden <= 0;
        let mut missing: Vec<Comment> = Vec::new();
        // Replies to a comment the page lacks too (the reader answered their
        // own fresh comment): they go with it, once it is known.
        let mut with_missing = Vec::new();
        for comment in own {
            if on_page(self, comment.id) {
                // An edit the older page has not seen: the reader's text.
                for shown in self.replies.iter_mut() {
                    let found = if shown.id == comment.id {
                        Some(shown)
                    } else {
                        shown.replies.iter_mut().find(|r| r.id == comment.id)
                    };
                    if let Some(found) = found {
                        if comment.modified > found.modified.or(Some(found.created)) {
                            found.text = comment.text.clone();
                            found.modified = comment.modified;
                        }
                        break;
                    }
                }
                continue;
            }
            match comment.parent {
                None if would_hold(self.hidden_replies) => missing.push(comment),
                None => {}
                Some(parent) => {
                    if let Some(top) = self.replies.iter_mut().find(|c| c.id == parent) {
                        if !would_hold(top.hidden_replies) {
                            continue;
                        }
                        add_reply(top, comment, order);
                    } else {
                        with_missing.push(comment);
                    }
                }
            }
        }
        for reply in with_missing {
            if let Some(top) = missing.iter_mut().find(|c| Some(c.id) == reply.parent) {
                if !top.replies.iter().any(|r| r.id == reply.id) {
                    add_reply(top, reply, order);
                }
            }
        }
        missing
    }
}

/// A reply where the order puts it: first when newest come first.
fn add_reply(top: &mut Comment, reply: Comment, order: SortOrder) {
    match order {
        SortOrder::Newest => top.replies.insert(0, reply),
        _ => top.replies.push(reply),
    }
    top.total_replies = top.total_replies.saturating_add(1);
}

/// The server's public settings: `GET /config`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ServerConfig {
    #[serde(default, rename = "reply-notifications")]
    pub reply_notifications: bool,
    #[serde(default, rename = "require-email")]
    pub require_email: bool,
    #[serde(default, rename = "require-author")]
    pub require_author: bool,
    #[serde(default)]
    pub feed: bool,
}

/// How the thread is ordered (Isso's `sort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Newest,
    Oldest,
    Top,
}

impl SortOrder {
    pub const ALL: [SortOrder; 3] = [SortOrder::Newest, SortOrder::Oldest, SortOrder::Top];

    pub fn param(self) -> &'static str {
        match self {
            SortOrder::Newest => "newest",
            SortOrder::Oldest => "oldest",
            SortOrder::Top => "upvotes",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Newest => "Newest first",
            SortOrder::Oldest => "Oldest first",
            SortOrder::Top => "Most liked",
        }
    }

    pub fn from_param(p: &str) -> SortOrder {
        match p {
            "oldest" => SortOrder::Oldest,
            "upvotes" => SortOrder::Top,
            _ => SortOrder::Newest,
        }
    }
}

/// What the reader typed. Drafts are saved as this, per thread.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CommentDraft {
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub notify: bool,
    /// When this text was sent without an answer coming back (a timeout, a
    /// dropped connection): the server may have stored it, so the next post
    /// looks for it first, even after a reload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at: Option<f64>,
    /// When the last of those sends went: the server stores a comment
    /// within the wait for its answer, so one stored later is another's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tried_at: Option<f64>,
    /// The text as first sent without an answer: the reader may have
    /// changed it since (a typo), and the server may hold this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_text: Option<String>,
}

/// Which field a problem belongs to, so the message sits next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Author,
    Email,
    Website,
    Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: &'static str,
}

pub const TEXT_MIN: usize = 3;
pub const TEXT_MAX: usize = 65_535;
pub const FIELD_MAX: usize = 254;

impl CommentDraft {
    /// The server surely holds none of it (refused, or confirmed and
    /// done with): nothing to look for before the next send.
    pub fn not_sent(&mut self) {
        self.sent_at = None;
        self.tried_at = None;
        self.sent_text = None;
    }

    /// The checks Isso makes, in the reader's words. Lengths count
    /// characters as Isso (Python) does, not bytes.
    pub fn check(&self, config: &ServerConfig) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let text_len = self.text.trim_end().chars().count();
        if text_len < TEXT_MIN {
            errors.push(FieldError { field: Field::Text, message: "Write at least 3 characters." });
        } else if self.text.chars().count() > TEXT_MAX {
            errors.push(FieldError { field: Field::Text, message: "Keep your comment under 65,535 characters." });
        }
        if config.require_author && self.author.trim().is_empty() {
            errors.push(FieldError { field: Field::Author, message: "Enter your name." });
        }
        if self.email.chars().count() > FIELD_MAX {
            errors.push(FieldError { field: Field::Email, message: "Use an email address of at most 254 characters." });
        } else if config.require_email && self.email.trim().is_empty() {
            errors.push(FieldError { field: Field::Email, message: "Enter your email address." });
        } else if self.notify && self.email.trim().is_empty() {
            // Asked to be told of replies, with nowhere to tell them.
            errors.push(FieldError {
                field: Field::Email,
                message: "Enter your email address to be notified of replies.",
            });
        } else if !self.email.trim().is_empty() && !self.email.contains('@') {
            errors.push(FieldError { field: Field::Email, message: "Enter an email address like name@example.com." });
        }
        let website = self.website.trim();
        if website.chars().count() > FIELD_MAX {
            errors.push(FieldError { field: Field::Website, message: "Use a web address of at most 254 characters." });
        } else if !website.is_empty()
            && (!matches!(SafeHref::parse(&normalize_website(website)), Some(SafeHref::Web(_)))
                || !is_public_address(&normalize_website(website)))
        {
            errors.push(FieldError { field: Field::Website, message: "Enter a web address like https://example.com." });
        }
        errors
    }
}

/// Undoes the escaping Isso applies to names and websites (`html.escape`).
pub fn unescape_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// What Isso takes as a website: a host with a domain (or `localhost`),
/// no name or password before it, and no spaces.
fn is_public_address(url: &str) -> bool {
    let Some((_, rest)) = url.split_once("://") else { return false };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once(':').map_or(authority, |(host, port)| {
        if port.chars().all(|c| c.is_ascii_digit()) {
            host
        } else {
            authority
        }
    });
    !url.chars().any(char::is_whitespace)
        && !authority.contains('@')
        && (host.eq_ignore_ascii_case("localhost")
            || host.split('.').filter(|label| !label.is_empty()).count() >= 2
            || host.starts_with('['))
}

/// Readers type `example.com`; Isso wants a URL.
pub fn normalize_website(website: &str) -> String {
    let w = website.trim();
    // `example.com:8080` is a host and a port, not a scheme.
    let has_scheme = w.split_once(':').is_some_and(|(scheme, rest)| {
        !scheme.is_empty()
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && !rest.starts_with(|c: char| c.is_ascii_digit())
    });
    if w.is_empty() || has_scheme {
        w.to_string()
    } else {
        format!("https://{w}")
    }
}

/// The elements a comment may contain; everything else is unwrapped to its
/// text (or dropped with its content, for `script`, `style` and the like).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllowedTag {
    P,
    Br,
    Em,
    Strong,
    Code,
    Pre,
    Blockquote,
    Ul,
    Ol,
    Li,
    A,
    /// Struck-out words (Isso makes `~~these~~` a `del`): shown struck,
    /// as a correction reads.
    Del,
}

impl AllowedTag {
    pub fn from_name(name: &str) -> Option<AllowedTag> {
        Some(match name.to_ascii_lowercase().as_str() {
            "p" => AllowedTag::P,
            "br" => AllowedTag::Br,
            "em" | "i" => AllowedTag::Em,
            "strong" | "b" => AllowedTag::Strong,
            "code" => AllowedTag::Code,
            "pre" => AllowedTag::Pre,
            "blockquote" => AllowedTag::Blockquote,
            "ul" => AllowedTag::Ul,
            "ol" => AllowedTag::Ol,
            "li" => AllowedTag::Li,
            "a" => AllowedTag::A,
            "del" | "s" | "strike" => AllowedTag::Del,
            _ => return None,
        })
    }

    /// Elements whose content is never text for the reader.
    pub fn is_dropped_with_content(name: &str) -> bool {
        matches!(
            name.to_ascii_lowercase().as_str(),
            "script"
                | "style"
                | "template"
                | "iframe"
                | "object"
                | "embed"
                | "noscript"
                | "svg"
                | "math"
                | "head"
                | "title"
        )
    }
}

/// A comment's text after the allow-list: a tree of allowed elements and
/// text. Links keep only an `href` that passes the link rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Markup {
    Text(String),
    Element { tag: AllowedTag, href: Option<String>, children: Vec<Markup> },
}

impl Markup {
    /// The text a reader would read, for tests and previews.
    pub fn plain_text(nodes: &[Markup]) -> String {
        let mut out = String::new();
        for node in nodes {
            match node {
                Markup::Text(t) => out.push_str(t),
                Markup::Element { tag: AllowedTag::Br, .. } => out.push('\n'),
                Markup::Element { children, .. } => out.push_str(&Markup::plain_text(children)),
            }
        }
        out
    }

    /// Whether a comment is long enough to show folded, with a button for
    /// the rest: one reader's essay should not push the thread off screen.
    /// Counted in characters and in lines (paragraphs, list items, breaks),
    /// as a column of short lines is as tall as a long paragraph.
    pub fn is_long(nodes: &[Markup]) -> bool {
        fn measure(nodes: &[Markup], chars: &mut usize, lines: &mut usize) {
            for node in nodes {
                match node {
                    Markup::Text(t) => *chars += t.chars().count(),
                    Markup::Element { tag, children, .. } => {
                        if matches!(tag, AllowedTag::P | AllowedTag::Br | AllowedTag::Li) {
                            *lines += 1;
                        }
                        measure(children, chars, lines);
                    }
                }
            }
        }
        let (mut chars, mut lines) = (0, 0);
        measure(nodes, &mut chars, &mut lines);
        chars > FOLD_CHARS || lines > FOLD_LINES
    }
}

/// A comment longer than this many characters shows folded.
pub const FOLD_CHARS: usize = 1_200;
/// Or with more lines than this.
pub const FOLD_LINES: usize = 12;

/// An `href` from comment HTML, if the link rule allows it and it leaves no
/// doubt where it goes (comments may not link into the site's own paths
/// under the reader's nose, so only web and mail links survive).
pub fn comment_href(raw: &str) -> Option<String> {
    match SafeHref::parse(raw)? {
        SafeHref::Web(url) | SafeHref::Mail(url) => Some(url),
        SafeHref::Site(_) => None,
    }
}

/// "just now", "5 minutes ago", "3 days ago", or the date for old comments.
pub fn relative_time(created: f64, now: f64) -> String {
    let secs = (now - created).max(0.0) as u64;
    let plural = |n: u64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match secs {
        0..=59 => "just now".to_string(),
        60..=3_599 => plural(secs / 60, "minute"),
        3_600..=86_399 => plural(secs / 3_600, "hour"),
        86_400..=2_591_999 => plural(secs / 86_400, "day"),
        2_592_000..=31_535_999 => plural(secs / 2_592_000, "month"),
        _ => plural(secs / 31_536_000, "year"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_without_its_comments_is_no_thread() {
        let empty = r#"{"id": null, "total_replies": 0, "hidden_replies": 0, "replies": []}"#;
        assert_eq!(serde_json::from_str::<Thread>(empty).map(|t| t.replies.len()).ok(), Some(0));
        assert!(serde_json::from_str::<Thread>("{}").is_err(), "not an empty thread");
    }

    #[test]
    fn a_comment_folds_when_it_is_long_in_characters_or_in_lines() {
        use crate::model::parse_comment_html;
        assert!(!Markup::is_long(&parse_comment_html("<p>Short and sweet.</p>")));
        assert!(!Markup::is_long(&parse_comment_html(&format!("<p>{}</p>", "a".repeat(FOLD_CHARS)))));
        assert!(Markup::is_long(&parse_comment_html(&format!("<p>{}</p>", "a".repeat(FOLD_CHARS + 1)))));
        // Characters, not bytes: 1,000 kana are not 3,000.
        assert!(!Markup::is_long(&parse_comment_html(&format!("<p>{}</p>", "あ".repeat(1_000)))));
        let lines = |n: usize| (0..n).map(|i| format!("<p>{i}</p>")).collect::<String>();
        assert!(!Markup::is_long(&parse_comment_html(&lines(FOLD_LINES))));
        assert!(Markup::is_long(&parse_comment_html(&lines(FOLD_LINES + 1))));
        assert!(Markup::is_long(&parse_comment_html(&"x<br>".repeat(FOLD_LINES + 1))));
    }

    fn draft(text: &str) -> CommentDraft {
        CommentDraft { text: text.into(), ..Default::default() }
    }

    #[test]
    fn form_checks_match_isso() {
        let config = ServerConfig::default();
        assert_eq!(draft("ab").check(&config)[0].field, Field::Text);
        assert_eq!(draft("ab   ").check(&config).len(), 1, "Isso strips trailing space before counting");
        assert!(draft("abc").check(&config).is_empty());
        assert!(draft("日本語").check(&config).is_empty(), "characters, not bytes");
        assert_eq!(draft(&"x".repeat(65_536)).check(&config)[0].field, Field::Text);
        assert!(draft(&"x".repeat(65_535)).check(&config).is_empty());
        let long = CommentDraft { email: format!("{}@x.y", "a".repeat(251)), ..draft("hello") };
        assert_eq!(long.check(&config)[0].field, Field::Email);
        let site = CommentDraft { website: "javascript:alert(1)".into(), ..draft("hello") };
        assert_eq!(site.check(&config)[0].field, Field::Website);
        let site = CommentDraft { website: "example.com/me".into(), ..draft("hello") };
        assert!(site.check(&config).is_empty());
        // What Isso refuses is caught here, next to the field.
        for refused in ["https://intranet", "https://user@example.com", "example.com/my page"] {
            let site = CommentDraft { website: refused.into(), ..draft("hello") };
            assert_eq!(site.check(&config).first().map(|e| e.field), Some(Field::Website), "{refused}");
        }
        for taken in ["example.com:8080", "https://localhost:8080/me", "http://blog.example.org/?p=1"] {
            let site = CommentDraft { website: taken.into(), ..draft("hello") };
            assert!(site.check(&config).is_empty(), "{taken}");
        }
        assert_eq!(normalize_website("example.com:8080"), "https://example.com:8080", "a port is not a scheme");
        assert_eq!(normalize_website("HTTP://Example.com"), "HTTP://Example.com");
        let strict = ServerConfig { require_author: true, require_email: true, ..Default::default() };
        let fields: Vec<Field> = draft("hello").check(&strict).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, [Field::Author, Field::Email]);
        let notify = CommentDraft { notify: true, ..draft("hello") };
        assert_eq!(notify.check(&config)[0].field, Field::Email, "replies are told by email");
        let notify = CommentDraft { notify: true, email: "mara@example.com".into(), ..draft("hello") };
        assert!(notify.check(&config).is_empty());
    }

    #[test]
    fn author_links_are_web_only() {
        let mut c: Comment =
            serde_json::from_str(r#"{"id":1,"text":"<p>x</p>","website":"https://a.example"}"#).unwrap();
        assert_eq!(c.author_link().as_deref(), Some("https://a.example"));
        for bad in ["javascript:alert(1)", "mailto:a@b.c", "/article/x", "data:text/html,x"] {
            c.website = Some(bad.into());
            assert_eq!(c.author_link(), None, "{bad}");
        }
        assert_eq!(c.author_name(), "Anonymous");
        c.author = Some("&lt;b&gt;Tom &amp;amp; Jerry&lt;/b&gt;".into());
        assert_eq!(c.author_name(), "<b>Tom &amp; Jerry</b>", "unescaped once, shown as text");
    }

    #[test]
    fn allow_list_names() {
        assert_eq!(AllowedTag::from_name("B"), Some(AllowedTag::Strong));
        assert_eq!(AllowedTag::from_name("img"), None);
        assert!(AllowedTag::is_dropped_with_content("SCRIPT"));
        assert_eq!(comment_href("https://x.example/"), Some("https://x.example/".into()));
        assert_eq!(comment_href("javascript:alert(1)"), None);
    }

    #[test]
    fn relative_times_read_naturally() {
        assert_eq!(relative_time(1000.0, 1010.0), "just now");
        assert_eq!(relative_time(0.0, 60.0), "1 minute ago");
        assert_eq!(relative_time(0.0, 7_200.0), "2 hours ago");
        assert_eq!(relative_time(0.0, 3.0 * 86_400.0), "3 days ago");
        assert_eq!(relative_time(10.0, 0.0), "just now", "clock skew is not the future");
    }

    /// An accepted comment posted at second `id`, a reply to `parent`.
    fn comment(id: i64, parent: Option<i64>) -> Comment {
        Comment {
            id,
            parent,
            text: format!("<p>{id}</p>"),
            author: Some(format!("Reader {id}")),
            website: None,
            mode: 1,
            created: id as f64,
            modified: None,
            likes: 0,
            replies: Vec::new(),
            total_replies: 0,
            hidden_replies: 0,
        }
    }

    #[test]
    fn own_comments_merge_into_an_older_page_once() {
        let fresh_page = || {
            let mut page = Thread { replies: vec![comment(1, None), comment(2, None)], ..Default::default() };
            page.replies[0].replies.push(comment(3, Some(1)));
            page
        };
        let mut page = fresh_page();
        let own =
            vec![comment(3, Some(1)), comment(4, Some(2)), comment(5, None), comment(2, None), comment(6, Some(99))];
        let fresh = page.clone();
        let missing = page.merge_own(own.clone(), SortOrder::Newest);
        assert_eq!(missing.iter().map(|c| c.id).collect::<Vec<_>>(), [5], "only the top-level comment the page lacks");
        assert_eq!(page.replies[0].replies.len(), 1, "a reply already there is not added again");
        // An edit the page has not seen yet is shown; an older copy is not.
        let mut edited = fresh_page();
        let mut newer = comment(3, Some(1));
        newer.text = "<p>edited</p>".into();
        newer.modified = Some(100.0);
        let mut older = comment(2, None);
        older.text = "<p>older</p>".into();
        edited.merge_own(vec![newer, older], SortOrder::Newest);
        assert_eq!(edited.replies[0].replies[0].text, "<p>edited</p>");
        assert_eq!(edited.replies[1].text, "<p>2</p>");
        assert_eq!(page.replies[1].replies.iter().map(|c| c.id).collect::<Vec<_>>(), [4]);

        // Oldest first, with more held back: the reader's comment and reply
        // belong after what is held back, and come with it.
        let mut partial = fresh.clone();
        partial.hidden_replies = 15;
        partial.replies[1].hidden_replies = 4;
        assert!(partial.merge_own(own.clone(), SortOrder::Oldest).is_empty());
        assert!(partial.replies[1].replies.is_empty(), "the reply waits for “Show more replies”");
        // The whole thread on the page: the page is older than the comment.
        let mut whole = fresh;
        assert_eq!(whole.merge_own(own, SortOrder::Top).iter().map(|c| c.id).collect::<Vec<_>>(), [5]);
        assert_eq!(whole.replies[1].replies.iter().map(|c| c.id).collect::<Vec<_>>(), [4]);

        // A reply to the reader's own comment that the page lacks too comes
        // with that comment, in the page's order.
        for (order, ids) in [(SortOrder::Oldest, [7, 8]), (SortOrder::Newest, [8, 7])] {
            let mut page = fresh_page();
            let missing = page.merge_own(vec![comment(5, None), comment(7, Some(5)), comment(8, Some(5))], order);
            assert_eq!(missing.iter().map(|c| c.id).collect::<Vec<_>>(), [5]);
            assert_eq!(missing[0].replies.iter().map(|c| c.id).collect::<Vec<_>>(), ids, "{order:?}");
            assert_eq!(missing[0].total_replies, 2);
        }
    }

    #[test]
    fn threads_parse_from_isso_json() {
        let t: Thread = serde_json::from_str(r#"{"id":null,"total_replies":2,"hidden_replies":0,"replies":[
            {"id":1,"parent":null,"text":"<p>hi</p>","author":null,"website":null,"mode":1,"created":1.5,"modified":null,"likes":2,"dislikes":0,"hash":"x","total_replies":1,"hidden_replies":0,
             "replies":[{"id":2,"parent":1,"text":"<p>yo</p>","author":"B","website":null,"mode":1,"created":2.0,"modified":null,"likes":0,"dislikes":0,"hash":"y"}]}],"config":{}}"#).unwrap();
        assert_eq!(t.total_replies, 2);
        assert_eq!(t.replies[0].replies[0].author_name(), "B");
    }

    #[test]
    fn a_comment_the_reader_deleted_leaves_an_older_page() {
        let mut top = comment(5, None);
        top.replies = vec![comment(6, Some(5)), comment(7, Some(5))];
        let mut page = Thread {
            config: None,
            total_replies: 5,
            hidden_replies: 0,
            replies: vec![comment(4, None), top, comment(8, None)],
        };
        // 4 alone, and 6, go; 5 keeps its place for its reply 7, as deleted;
        // a comment with 8's id but another time is someone else's.
        let gone = [(4, 4.0), (5, 5.0), (6, 6.0), (8, 99.0)];
        page.drop_deleted(&gone);
        let ids: Vec<(i64, u8, Vec<i64>)> =
            page.replies.iter().map(|c| (c.id, c.mode, c.replies.iter().map(|r| r.id).collect())).collect();
        assert_eq!(ids, [(5, 4, vec![7]), (8, 1, vec![])]);
        assert_eq!(page.replies[0].text, "");
        assert_eq!(page.total_replies, 2);
    }
}
