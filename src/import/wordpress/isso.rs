//! Comments into Isso's SQLite database (schema version 5, Isso 0.12 to
//! 0.14), in one transaction. Isso's own `isso import` keys threads by the
//! old permalink and knows nothing of feedback threads, so the rows are
//! written here the way Isso's own `Comments.add` writes them.

use std::collections::HashMap;
use std::path::Path;

use ego_tree::NodeRef;
use rusqlite::{params, Connection, OptionalExtension};
use scraper::{Html, Node};
use sha2::{Digest, Sha256};

use super::error::ImportError;

/// Isso's `PRAGMA user_version` this writer knows.
pub const SCHEMA_VERSION: i64 = 5;

/// One comment ready for Isso.
pub struct IssoComment {
    pub wp_id: u64,
    pub wp_parent: u64,
    pub uri: String,
    pub title: String,
    pub created: f64,
    pub pending: bool,
    pub text: String,
    pub author: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub likes: i64,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub inserted: usize,
    pub updated: usize,
    pub kept_deleted: usize,
}

fn isso_err(path: &Path) -> impl Fn(rusqlite::Error) -> ImportError + '_ {
    move |e| ImportError::Isso { path: path.to_path_buf(), reason: e.to_string() }
}

/// Isso's bloom filter of voters (256 bytes, 11 probes of sha256), holding
/// one address, as Isso writes it for a new comment.
fn voters(addr: &str) -> Vec<u8> {
    let mut array = vec![0u8; 256];
    let digest = Sha256::digest(addr.as_bytes());
    // The digest as a big integer; each probe is its low 11 bits, then shift by 11.
    let mut bits: Vec<bool> = Vec::with_capacity(256);
    for byte in digest.iter().rev() {
        for i in 0..8 {
            bits.push(byte >> i & 1 == 1);
        }
    }
    for k in 0..11 {
        let mut probe = 0usize;
        for b in 0..11 {
            if bits.get(k * 11 + b).copied().unwrap_or(false) {
                probe |= 1 << b;
            }
        }
        if let Some(slot) = array.get_mut(probe / 8) {
            *slot |= 1 << (probe % 8);
        }
    }
    array
}

fn create_schema(con: &Connection) -> rusqlite::Result<()> {
    // The same tables Isso 0.14 creates on first start (isso/db/*.py).
    con.execute_batch(
        "CREATE TABLE IF NOT EXISTS preferences (key VARCHAR PRIMARY KEY, value VARCHAR);
         CREATE TABLE IF NOT EXISTS threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
         CREATE TABLE IF NOT EXISTS comments (
             tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
             created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
             text VARCHAR NOT NULL, author VARCHAR, email VARCHAR, website VARCHAR,
             likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL,
             notification INTEGER DEFAULT 0);
         CREATE TRIGGER IF NOT EXISTS remove_stale_threads AFTER DELETE ON comments BEGIN
             DELETE FROM threads WHERE id NOT IN (SELECT tid FROM comments); END;
         PRAGMA user_version = 5;",
    )
}

/// What is at the Isso database's path.
enum Found {
    /// A new or empty file: Isso's tables are created.
    Empty,
    /// Isso's own database, at the schema version this tool writes.
    Isso,
}

/// Tells an empty database from Isso's, and refuses anything else: another
/// program's database must never get Isso's tables, nor an older or newer
/// Isso's a schema it does not expect.
fn inspect(con: &Connection, path: &Path) -> Result<Found, ImportError> {
    let err = isso_err(path);
    let mut stmt = con
        .prepare("SELECT name FROM sqlite_master WHERE type IN ('table','view','index','trigger') AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .map_err(&err)?;
    let names: Vec<String> = stmt.query_map([], |r| r.get(0)).map_err(&err)?.collect::<Result<_, _>>().map_err(&err)?;
    let version: i64 = con.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(&err)?;
    let refuse = |reason: String| Err(ImportError::Isso { path: path.to_path_buf(), reason });
    let isso_tables = ["comments", "threads"].iter().all(|t| names.iter().any(|n| n == t));
    // Isso's tables, its trigger, and this tool's own table: anything
    // else belongs to another program sharing the file.
    let known = ["preferences", "threads", "comments", "remove_stale_threads", "linernotes_wordpress_import"];
    let foreign: Vec<&str> = names.iter().map(String::as_str).filter(|n| !known.contains(n)).collect();
    if names.is_empty() && version == 0 {
        Ok(Found::Empty)
    } else if isso_tables && foreign.is_empty() && version == SCHEMA_VERSION {
        Ok(Found::Isso)
    } else if isso_tables && foreign.is_empty() {
        refuse(format!("schema version {version}; this tool writes version {SCHEMA_VERSION} (Isso 0.12 to 0.14): start and stop that Isso once to migrate it"))
    } else {
        let tables = if names.is_empty() { "no tables".to_string() } else { foreign.join(", ") };
        refuse(format!(
            "not an Isso database (schema version {version}, {tables}); give Isso's own comments database or a new file"
        ))
    }
}

/// Refuses, before anything is written, a database at `path` that is
/// neither empty nor Isso's (a missing one is fine: it will be created).
pub fn check(path: &Path) -> Result<(), ImportError> {
    if !path.exists() {
        return Ok(());
    }
    let con = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(isso_err(path))?;
    inspect(&con, path).map(|_| ())
}

/// Writes the comments (parents before replies) into the database at
/// `path`, creating it if it does not exist. A comment imported before
/// (same WordPress site and comment id) is updated, never added twice.
pub fn write(path: &Path, site: &str, comments: &[IssoComment]) -> Result<Written, ImportError> {
    let err = isso_err(path);
    let mut con = Connection::open(path).map_err(&err)?;
    con.busy_timeout(std::time::Duration::from_secs(10)).map_err(&err)?;
    if let Found::Empty = inspect(&con, path)? {
        create_schema(&con).map_err(&err)?;
    }
    let tx = con.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(&err)?;
    tx.execute(
        "CREATE TABLE IF NOT EXISTS linernotes_wordpress_import (site TEXT NOT NULL, wp_comment INTEGER NOT NULL, comment INTEGER NOT NULL, PRIMARY KEY (site, wp_comment))",
        [],
    )
    .map_err(&err)?;
    let voters = voters("0.0.0.0");
    let mut written = Written::default();
    // WordPress id → (Isso id, thread uri, Isso parent) of what is written so far.
    let mut placed: HashMap<u64, (i64, String, Option<i64>)> = HashMap::new();
    for c in parents_first(comments) {
        let tid: i64 = match tx
            .query_row("SELECT id FROM threads WHERE uri = ?", [&c.uri], |r| r.get(0))
            .optional()
            .map_err(&err)?
        {
            Some(id) => id,
            None => {
                tx.execute("INSERT INTO threads (uri, title) VALUES (?, ?)", params![c.uri, c.title]).map_err(&err)?;
                tx.last_insert_rowid()
            }
        };
        // Isso keeps one level of replies: a reply to a reply hangs from its top-level comment.
        let parent =
            placed.get(&c.wp_parent).filter(|(_, uri, _)| *uri == c.uri).map(|(id, _, top)| top.unwrap_or(*id));
        let mode = if c.pending { 2 } else { 1 };
        let known: Option<i64> = tx
            .query_row(
                "SELECT comment FROM linernotes_wordpress_import WHERE site = ? AND wp_comment = ?",
                params![site, c.wp_id as i64],
                |r| r.get(0),
            )
            .optional()
            .map_err(&err)?;
        let id = match known {
            Some(id) => {
                let n = tx
                    .execute(
                        "UPDATE comments SET tid=?, parent=?, created=?, mode=?, text=?, author=?, email=?, website=?, likes=? WHERE id=?",
                        params![tid, parent, c.created, mode, c.text, c.author, c.email, c.website, c.likes, id],
                    )
                    .map_err(&err)?;
                if n == 0 {
                    // Deleted in Isso since the last import: a moderator's choice stands.
                    written.kept_deleted += 1;
                    continue;
                }
                written.updated += 1;
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO comments (tid, parent, created, modified, mode, remote_addr, text, author, email, website, likes, dislikes, voters, notification)
                     VALUES (?, ?, ?, NULL, ?, '0.0.0.0', ?, ?, ?, ?, ?, 0, ?, 0)",
                    params![tid, parent, c.created, mode, c.text, c.author, c.email, c.website, c.likes, voters],
                )
                .map_err(&err)?;
                let id = tx.last_insert_rowid();
                tx.execute(
                    "INSERT INTO linernotes_wordpress_import (site, wp_comment, comment) VALUES (?, ?, ?)",
                    params![site, c.wp_id as i64, id],
                )
                .map_err(&err)?;
                written.inserted += 1;
                id
            }
        };
        placed.insert(c.wp_id, (id, c.uri.clone(), parent));
    }
    tx.commit().map_err(&err)?;
    Ok(written)
}

/// The comments in their order, except that a reply comes after the
/// comment it answers even when it is dated earlier (a clock set wrong, an
/// edited date): the reply needs its parent's Isso id to hang from it.
fn parents_first(comments: &[IssoComment]) -> Vec<&IssoComment> {
    let by_id: HashMap<u64, &IssoComment> = comments.iter().map(|c| (c.wp_id, c)).collect();
    let mut done = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(comments.len());
    for c in comments {
        // The comment and those of its ancestors not yet out, nearest first;
        // `done` also stops a loop of parents in broken data.
        let mut chain = Vec::new();
        let mut next = Some(c);
        while let Some(cur) = next.filter(|cur| done.insert(cur.wp_id)) {
            chain.push(cur);
            next = by_id.get(&cur.wp_parent).copied().filter(|_| cur.wp_parent != 0);
        }
        out.extend(chain.into_iter().rev());
    }
    out
}

/// Comment HTML (or WordPress's stored text, where blank lines are
/// paragraphs and single newlines line breaks) → the Markdown Isso stores.
pub fn to_markdown(html: &str, stored: bool) -> String {
    let html = if stored { autop(html) } else { html.to_string() };
    let doc = Html::parse_fragment(&html);
    let mut out = String::new();
    blocks(*doc.root_element(), &mut out, "");
    let mut out = out.trim().to_string();
    while out.contains("  \n ") {
        out = out.replace("  \n ", "  \n");
    }
    out.replace(" \n\n", "\n\n")
}

fn autop(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let lower = p.to_ascii_lowercase();
            if ["<ul", "<ol", "<blockquote", "<p", "<pre", "<h"].iter().any(|t| lower.starts_with(t)) {
                p.to_string()
            } else {
                format!("<p>{}</p>", p.replace('\n', "<br>\n"))
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn blocks(node: NodeRef<'_, Node>, out: &mut String, prefix: &str) {
    let mut inline = String::new();
    let flush = |inline: &mut String, out: &mut String| {
        let text = inline.trim().to_string();
        if !text.is_empty() {
            out.push_str(prefix);
            out.push_str(&text.replace('\n', &format!("\n{prefix}")));
            out.push_str("\n\n");
        }
        inline.clear();
    };
    for child in node.children() {
        match child.value() {
            Node::Element(el) => match el.name() {
                "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    flush(&mut inline, out);
                    inlines(child, &mut inline);
                    flush(&mut inline, out);
                }
                "blockquote" => {
                    flush(&mut inline, out);
                    blocks(child, out, &format!("{prefix}> "));
                }
                "ul" | "ol" => {
                    flush(&mut inline, out);
                    let ordered = el.name() == "ol";
                    let mut n = 0;
                    for li in child.children().filter(|c| c.value().as_element().is_some_and(|e| e.name() == "li")) {
                        n += 1;
                        let mut item = String::new();
                        inlines(li, &mut item);
                        let marker = if ordered { format!("{n}. ") } else { "- ".to_string() };
                        out.push_str(&format!("{prefix}{marker}{}\n", item.trim().replace('\n', " ")));
                    }
                    out.push('\n');
                }
                "pre" => {
                    flush(&mut inline, out);
                    let code = child
                        .descendants()
                        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                        .collect::<String>();
                    out.push_str(&format!("```\n{}\n```\n\n", code.trim_end().replace("```", "` ` `")));
                }
                "script" | "style" | "template" | "iframe" | "object" | "svg" | "form" => {}
                _ => inlines_of(child, &mut inline),
            },
            Node::Text(t) => inline.push_str(&escape(&t.replace('\n', " "))),
            _ => {}
        }
    }
    flush(&mut inline, out);
}

fn inlines(node: NodeRef<'_, Node>, out: &mut String) {
    for child in node.children() {
        inlines_of(child, out);
    }
}

fn inlines_of(node: NodeRef<'_, Node>, out: &mut String) {
    match node.value() {
        Node::Text(t) => out.push_str(&escape(&t.replace('\n', " "))),
        Node::Element(el) => match el.name() {
            "br" => out.push_str("  \n"),
            "em" | "i" => wrap(node, out, "*"),
            "strong" | "b" => wrap(node, out, "**"),
            "code" => {
                let text: String =
                    node.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect();
                out.push_str(&format!("`{}`", text.replace('`', "'")));
            }
            "a" => {
                let mut text = String::new();
                inlines(node, &mut text);
                let href = el.attr("href").unwrap_or_default().trim();
                let safe = crate::model::SafeHref::parse(href).is_some_and(|h| !h.is_site());
                let plain: String =
                    node.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect();
                if !safe {
                    out.push_str(&text);
                } else if plain.trim() == href {
                    // WordPress links bare URLs; Isso's Markdown does the same.
                    out.push_str(href);
                } else {
                    out.push_str(&format!("[{}]({})", text.trim(), href.replace(')', "%29").replace(' ', "%20")));
                }
            }
            // The reader shows no image from a comment: its words, linked to it.
            "img" => {
                let alt = el.attr("alt").map(str::trim).unwrap_or_default();
                let src = el.attr("src").unwrap_or_default().trim();
                let web = crate::model::SafeHref::parse(src).is_some_and(|h| !h.is_site() && src.starts_with("http"));
                let words = if alt.is_empty() { "image" } else { alt };
                if web {
                    out.push_str(&format!("[{}]({})", escape(words), src.replace(')', "%29").replace(' ', "%20")));
                } else {
                    out.push_str(&escape(alt));
                }
            }
            "script" | "style" | "template" | "iframe" | "object" | "svg" | "form" => {}
            _ => inlines(node, out),
        },
        _ => {}
    }
}

fn wrap(node: NodeRef<'_, Node>, out: &mut String, mark: &str) {
    let mut inner = String::new();
    inlines(node, &mut inner);
    if inner.trim().is_empty() {
        out.push_str(&inner);
    } else {
        out.push_str(&format!("{mark}{}{mark}", inner.trim()));
    }
}

/// Escapes what Markdown would read as markup in plain text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#') {
            out.push('\\');
        } else if line_start && matches!(c, '-' | '+') && chars.peek().is_some_and(|n| n.is_whitespace()) {
            // "- thanks" at a line's start is a comment's text, not a list.
            out.push('\\');
        }
        out.push(c);
        if line_start && c.is_ascii_digit() {
            // "1. numbered?": keep the number, not an ordered list.
            let mut digits = String::new();
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                digits.push(d);
            }
            out.push_str(&digits);
            if let Some(mark) = chars.next_if(|m| matches!(m, '.' | ')')) {
                out.push('\\');
                out.push(mark);
            }
            line_start = false;
            continue;
        }
        line_start = c == '\n' || (line_start && c.is_whitespace());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_in_a_comment_keeps_its_words_and_its_address() {
        assert_eq!(
            to_markdown(
                r#"<p>Look <img src="https://photos.example/a.jpg" alt="the stage"> and <img src="/x.png" alt="a sketch"><img src="data:x"></p>"#,
                false
            ),
            "Look [the stage](https://photos.example/a.jpg) and a sketch"
        );
    }

    #[test]
    fn a_comment_that_starts_like_a_list_stays_text() {
        assert_eq!(
            escape("1. numbered?\n- dash\nin 2. the middle - fine"),
            "1\\. numbered?\n\\- dash\nin 2. the middle - fine"
        );
        assert_eq!(escape("2026 was good"), "2026 was good");
    }

    #[test]
    fn comment_html_and_stored_text_give_the_same_markdown() {
        let rendered = "<p>Same here. The last chorus is <em>the</em> moment.<br />\nI did not expect it.</p>\n";
        let stored = "Same here. The last chorus is <em>the</em> moment.\nI did not expect it.";
        let want = "Same here. The last chorus is *the* moment.  \nI did not expect it.";
        assert_eq!(to_markdown(rendered, false), want);
        assert_eq!(to_markdown(stored, true), want);
        let rendered = "<p>Two.</p>\n<p>And a list:</p>\n<ul>\n<li>first</li>\n<li>second</li>\n</ul>\n";
        let stored = "Two.\n\nAnd a list:\n<ul><li>first</li><li>second</li></ul>";
        assert_eq!(to_markdown(rendered, false), "Two.\n\nAnd a list:\n\n- first\n- second");
        assert_eq!(to_markdown(stored, true), "Two.\n\nAnd a list:\n\n- first\n- second");
    }

    #[test]
    fn links_and_markup_are_kept_only_as_markdown() {
        let md = to_markdown(
            r#"<p>See <a href="https://lea.example/notes">my *notes*</a>, <a href="javascript:alert(1)">this</a> and <a href="https://x.example/" rel="nofollow ugc">https://x.example/</a><script>alert(2)</script> <img src=x onerror=alert(3)></p>"#,
            false,
        );
        assert_eq!(md, r"See [my \*notes\*](https://lea.example/notes), this and https://x.example/");
    }

    #[test]
    fn a_database_that_is_not_isso_is_refused_and_left_as_it_was() {
        let dir = std::env::temp_dir().join(format!("linernotes-isso-foreign-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let foreign = dir.join("other.db");
        let con = Connection::open(&foreign).expect("a database");
        con.execute_batch("CREATE TABLE x (a INTEGER); PRAGMA user_version = 4;").expect("another program's schema");
        drop(con);
        for result in [check(&foreign), write(&foreign, "https://mag.example", &[]).map(|_| ())] {
            let message = result.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(message.contains("not an Isso database (schema version 4, x)"), "{message}");
        }
        let con = Connection::open(&foreign).expect("the database again");
        let version: i64 = con.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("its version");
        let tables: i64 = con.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)).expect("its tables");
        assert_eq!((version, tables), (4, 1), "untouched");

        let isso_like = dir.join("old-isso.db");
        let con = Connection::open(&isso_like).expect("a database");
        con.execute_batch(
            "CREATE TABLE threads (id INTEGER); CREATE TABLE comments (id INTEGER); PRAGMA user_version = 3;",
        )
        .expect("an older Isso");
        drop(con);
        assert!(check(&isso_like)
            .err()
            .is_some_and(|e| e.to_string().contains("schema version 3; this tool writes version 5")));

        let fresh = dir.join("new.db");
        assert!(check(&fresh).is_ok() && !fresh.exists(), "a missing database is fine and not created by the check");
        assert_eq!(write(&fresh, "https://mag.example", &[]).ok(), Some(Written::default()));
        assert!(check(&fresh).is_ok(), "what the tool created is Isso's");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_reply_dated_before_its_parent_still_hangs_from_it() {
        let dir = std::env::temp_dir().join(format!("linernotes-isso-order-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let db = dir.join("comments.db");
        let comment = |wp_id: u64, wp_parent: u64, created: f64| IssoComment {
            wp_id,
            wp_parent,
            uri: "/article/film-out".into(),
            title: "Film Out".into(),
            created,
            pending: false,
            text: format!("Comment {wp_id}."),
            author: None,
            email: None,
            website: None,
            likes: 0,
        };
        // Sorted by date, as the import sorts them: the replies come first.
        let comments = [comment(3, 2, 50.0), comment(2, 1, 100.0), comment(1, 0, 200.0)];
        assert_eq!(write(&db, "https://mag.example", &comments).ok().map(|w| w.inserted), Some(3));
        let con = Connection::open(&db).expect("the database");
        let parent_of = |text: &str| -> Option<i64> {
            con.query_row("SELECT parent FROM comments WHERE text = ?", [text], |r| r.get(0)).expect("the comment")
        };
        let top: i64 =
            con.query_row("SELECT id FROM comments WHERE text = 'Comment 1.'", [], |r| r.get(0)).expect("it");
        assert_eq!(parent_of("Comment 1."), None);
        assert_eq!(parent_of("Comment 2."), Some(top));
        // A reply to a reply hangs from the top-level comment, as Isso keeps it.
        assert_eq!(parent_of("Comment 3."), Some(top));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn voters_blob_matches_isso_for_one_address() {
        let blob = voters("0.0.0.0");
        assert_eq!(blob.len(), 256);
        let set: u32 = blob.iter().map(|b| b.count_ones()).sum();
        assert!((1..=11).contains(&set), "{set}");
    }
}
