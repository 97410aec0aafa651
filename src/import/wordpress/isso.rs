//! Comments into Isso's SQLite database (schema version 5, Isso 0.12 to
//! 0.14), in one transaction. Isso's own `isso import` keys threads by the
//! old permalink and knows nothing of feedback threads, so the rows are
//! written here the way Isso's own `Comments.add` writes them.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use ego_tree::NodeRef;
use rusqlite::{params, Connection, OptionalExtension};
use scraper::{Html, Node};
use sha2::{Digest, Sha256};

use super::error::ImportError;
use super::html::Links;

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

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written {
    pub inserted: usize,
    /// Comments whose stored fields changed (a re-run that changed
    /// nothing updates nothing).
    pub updated: usize,
    pub kept_deleted: usize,
    /// Comments this tool put in Isso earlier that the site no longer
    /// lists, taken down now.
    pub taken_down: Vec<TakenDown>,
}

/// A comment taken down from Isso: the site no longer lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenDown {
    pub wp_id: u64,
    /// Its thread (`/article/{slug}`, maybe with `#{block}`).
    pub uri: String,
    pub author: Option<String>,
}

/// What the import last wrote for a comment, kept beside it: a re-run
/// changes in Isso only what changed in WordPress since then, so what was
/// done in Isso meanwhile (a moderator's approval or edit, readers' likes)
/// stands.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Imported {
    uri: String,
    parent: Option<i64>,
    created: f64,
    mode: i64,
    text: String,
    author: Option<String>,
    email: Option<String>,
    website: Option<String>,
    likes: i64,
}

impl Imported {
    /// The comment's columns, but its thread (`tid`, from `uri`).
    fn columns(&self) -> [(&'static str, rusqlite::types::Value); 8] {
        use rusqlite::types::Value;
        let text = |v: &Option<String>| v.clone().map_or(Value::Null, Value::Text);
        [
            ("parent", self.parent.map_or(Value::Null, Value::Integer)),
            ("created", Value::Real(self.created)),
            ("mode", Value::Integer(self.mode)),
            ("text", Value::Text(self.text.clone())),
            ("author", text(&self.author)),
            ("email", text(&self.email)),
            ("website", text(&self.website)),
            ("likes", Value::Integer(self.likes)),
        ]
    }

    fn read(json: Option<String>) -> Option<Imported> {
        serde_json::from_str(&json?).ok()
    }
}

/// Which comments an import may take down: those it put in Isso earlier
/// that the source no longer lists. Only on the threads of the posts this
/// run imported (a post left out of this run, or gone, keeps its comments:
/// it may come back, and nothing shows its thread meanwhile), and a comment
/// awaiting moderation only when this run could list those (anonymous REST
/// and a run without `--include-pending` cannot tell a pending comment from
/// a trashed one, and Isso does not show it anyway).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    /// Thread slugs (`/article/{slug}`) of the posts this run imported,
    /// with the slugs those posts had before.
    pub threads: std::collections::BTreeSet<String>,
    pub pending_listed: bool,
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
        // A new database: its folder must be there to hold it, or the
        // import would stop after writing the site, with its comments left.
        let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        return match folder.metadata() {
            Ok(meta) if meta.is_dir() => Ok(()),
            _ => Err(ImportError::Isso {
                path: path.to_path_buf(),
                reason: format!("its folder {} does not exist: create it, or name another place", folder.display()),
            }),
        };
    }
    let con = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(isso_err(path))?;
    inspect(&con, path).map(|_| ())
}

/// Writes the comments (parents before replies) into the database at
/// `path`, creating it if it does not exist. A comment imported before
/// (same WordPress site and comment id) is updated, never added twice; one
/// imported before that the site no longer lists is taken down, within
/// `scope` (see [`Scope`]).
pub fn write(path: &Path, site: &str, comments: &[IssoComment], scope: &Scope) -> Result<Written, ImportError> {
    let err = isso_err(path);
    let mut con = Connection::open(path).map_err(&err)?;
    con.busy_timeout(std::time::Duration::from_secs(10)).map_err(&err)?;
    if let Found::Empty = inspect(&con, path)? {
        create_schema(&con).map_err(&err)?;
    }
    let tx = con.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(&err)?;
    // `taken_down`: this tool took the comment down (the site stopped
    // listing it), so it comes back if the site lists it again; a comment a
    // moderator deleted in Isso stays deleted.
    tx.execute(
        "CREATE TABLE IF NOT EXISTS linernotes_wordpress_import (site TEXT NOT NULL, wp_comment INTEGER NOT NULL, comment INTEGER NOT NULL, taken_down INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (site, wp_comment))",
        [],
    )
    .map_err(&err)?;
    // A database an earlier version of this tool wrote lacks the columns
    // added since.
    for (column, kind) in [("taken_down", "INTEGER NOT NULL DEFAULT 0"), ("imported", "TEXT")] {
        let has: i64 = tx
            .query_row(
                "SELECT count(*) FROM pragma_table_info('linernotes_wordpress_import') WHERE name = ?",
                [column],
                |r| r.get(0),
            )
            .map_err(&err)?;
        if has == 0 {
            tx.execute(&format!("ALTER TABLE linernotes_wordpress_import ADD COLUMN {column} {kind}"), [])
                .map_err(&err)?;
        }
    }
    let voters = voters("0.0.0.0");
    let mut written = Written::default();
    // WordPress id → (Isso id, thread uri, Isso parent) of what is written so far.
    let mut placed: HashMap<u64, (i64, String, Option<i64>)> = HashMap::new();
    // Threads whose title this run has set: once each, not once a comment.
    let mut titled: HashSet<i64> = HashSet::new();
    for c in parents_first(comments) {
        let tid: i64 = match tx
            .query_row("SELECT id FROM threads WHERE uri = ?", [&c.uri], |r| r.get(0))
            .optional()
            .map_err(&err)?
        {
            Some(id) => {
                // A post retitled since: Isso names the thread in its
                // notification mails and its admin by this title.
                if titled.insert(id) {
                    tx.execute(
                        "UPDATE threads SET title = ? WHERE id = ? AND title IS NOT ?",
                        params![c.title, id, c.title],
                    )
                    .map_err(&err)?;
                }
                id
            }
            None => {
                tx.execute("INSERT INTO threads (uri, title) VALUES (?, ?)", params![c.uri, c.title]).map_err(&err)?;
                let id = tx.last_insert_rowid();
                titled.insert(id);
                id
            }
        };
        // Isso keeps one level of replies: a reply to a reply hangs from its top-level comment.
        let parent =
            placed.get(&c.wp_parent).filter(|(_, uri, _)| *uri == c.uri).map(|(id, _, top)| top.unwrap_or(*id));
        let mode = if c.pending { 2 } else { 1 };
        let now = Imported {
            uri: c.uri.clone(),
            parent,
            created: c.created,
            mode,
            text: c.text.clone(),
            author: c.author.clone(),
            email: c.email.clone(),
            website: c.website.clone(),
            likes: c.likes,
        };
        let record = serde_json::to_string(&now).unwrap_or_default();
        let known: Option<(i64, bool, Option<String>)> = tx
            .query_row(
                "SELECT comment, taken_down, imported FROM linernotes_wordpress_import WHERE site = ? AND wp_comment = ?",
                params![site, c.wp_id as i64],
                |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0, r.get(2)?)),
            )
            .optional()
            .map_err(&err)?;
        let known = known.map(|(id, taken_down, imported)| (id, taken_down, Imported::read(imported)));
        // The row as Isso has it now, when it has it.
        let current = match &known {
            Some((id, _, _)) => tx
                .query_row("SELECT mode FROM comments WHERE id = ?", [id], |r| r.get::<_, Option<i64>>(0))
                .optional()
                .map_err(&err)?,
            None => None,
        };
        let id = match (known, current) {
            // Deleted in Isso since the last import (gone, or kept empty as
            // Isso keeps a deleted comment with replies): a moderator's
            // choice stands.
            (Some((_, false, _)), None) | (Some((_, false, _)), Some(Some(4))) => {
                written.kept_deleted += 1;
                continue;
            }
            // Still there, or taken down by this tool and emptied in place
            // (its replies kept it): updated only where WordPress changed
            // something since the last run. A comment this tool emptied
            // gets all of it back; one recorded by an earlier version of
            // this tool, with no record of what it wrote, gets what
            // differs.
            (Some((id, taken_down, last)), Some(_)) => {
                use rusqlite::types::Value;
                let last = last.as_ref().filter(|_| !taken_down);
                let mut columns: Vec<(&'static str, Value)> = Vec::new();
                if last.is_none_or(|last| last.uri != now.uri) {
                    columns.push(("tid", Value::Integer(tid)));
                }
                let before = last.map(Imported::columns);
                for (i, (name, value)) in now.columns().into_iter().enumerate() {
                    let unchanged = before.as_ref().and_then(|b| b.get(i)).is_some_and(|(_, old)| *old == value);
                    if !unchanged {
                        columns.push((name, value));
                    }
                }
                let mut n = 0;
                if !columns.is_empty() {
                    let set: Vec<String> = columns.iter().map(|(name, _)| format!("{name} = ?")).collect();
                    let same: Vec<String> = columns.iter().map(|(name, _)| format!("{name} IS ?")).collect();
                    let sql =
                        format!("UPDATE comments SET {} WHERE id = ? AND NOT ({})", set.join(", "), same.join(" AND "));
                    let mut values: Vec<Value> = columns.iter().map(|(_, v)| v.clone()).collect();
                    values.push(Value::Integer(id));
                    values.extend(columns.iter().map(|(_, v)| v.clone()));
                    n = tx.execute(&sql, rusqlite::params_from_iter(values)).map_err(&err)?;
                }
                tx.execute(
                    "UPDATE linernotes_wordpress_import SET taken_down = 0, imported = ? WHERE site = ? AND wp_comment = ?",
                    params![record, site, c.wp_id as i64],
                )
                .map_err(&err)?;
                written.updated += n;
                id
            }
            // New, or taken down by this tool and gone since: added.
            (known, _) => {
                tx.execute(
                    "INSERT INTO comments (tid, parent, created, modified, mode, remote_addr, text, author, email, website, likes, dislikes, voters, notification)
                     VALUES (?, ?, ?, NULL, ?, '0.0.0.0', ?, ?, ?, ?, ?, 0, ?, 0)",
                    params![tid, parent, c.created, mode, c.text, c.author, c.email, c.website, c.likes, voters],
                )
                .map_err(&err)?;
                let id = tx.last_insert_rowid();
                let sql = if known.is_some() {
                    "UPDATE linernotes_wordpress_import SET comment = ?3, taken_down = 0, imported = ?4 WHERE site = ?1 AND wp_comment = ?2"
                } else {
                    "INSERT INTO linernotes_wordpress_import (site, wp_comment, comment, imported) VALUES (?1, ?2, ?3, ?4)"
                };
                tx.execute(sql, params![site, c.wp_id as i64, id, record]).map_err(&err)?;
                written.inserted += 1;
                id
            }
        };
        placed.insert(c.wp_id, (id, c.uri.clone(), parent));
    }
    written.taken_down = take_down(&tx, site, comments, scope).map_err(&err)?;
    tx.commit().map_err(&err)?;
    Ok(written)
}

/// Takes down what this tool put in Isso earlier and the site no longer
/// lists (trashed, spam, deleted, or no longer approved), within `scope`.
/// As Isso deletes a comment: one that replies hang from (readers' replies
/// on the new site too) stays as an empty comment in mode 4, so they keep
/// their place; any other goes, and so does an empty one left with no
/// replies. The tool's own record stays, marked, so the comment comes back
/// if the site lists it again.
fn take_down(
    tx: &rusqlite::Transaction<'_>,
    site: &str,
    comments: &[IssoComment],
    scope: &Scope,
) -> rusqlite::Result<Vec<TakenDown>> {
    let listed: std::collections::HashSet<u64> = comments.iter().map(|c| c.wp_id).collect();
    let mut stmt = tx.prepare(
        "SELECT m.wp_comment, c.id, c.mode, t.uri, c.author, m.imported FROM linernotes_wordpress_import m
         JOIN comments c ON c.id = m.comment JOIN threads t ON t.id = c.tid
         WHERE m.site = ? AND m.taken_down = 0 ORDER BY m.wp_comment",
    )?;
    // (WordPress id, Isso id, mode, thread, author, what was imported) of
    // what it put there.
    type Row = (i64, i64, Option<i64>, String, Option<String>, Option<String>);
    let rows: Vec<Row> = stmt
        .query_map([site], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
        .collect::<Result<_, _>>()?;
    drop(stmt);
    let mut out = Vec::new();
    let mut emptied = Vec::new();
    for (wp_id, id, mode, uri, author, imported) in rows {
        let wp_id = u64::try_from(wp_id).unwrap_or_default();
        let thread = uri.strip_prefix("/article/").map(|rest| rest.split('#').next().unwrap_or_default());
        let in_scope = thread.is_some_and(|slug| scope.threads.contains(slug));
        // A comment imported awaiting moderation: only a run that lists
        // such comments knows whether WordPress still has it, also when a
        // moderator has approved it in Isso since. Mode 4 is down already.
        let imported_pending = Imported::read(imported).is_some_and(|i| i.mode == 2);
        let may = match mode {
            Some(1) => !imported_pending || scope.pending_listed,
            Some(2) => scope.pending_listed,
            _ => false,
        };
        if listed.contains(&wp_id) || !in_scope || !may {
            continue;
        }
        tx.execute(
            "UPDATE comments SET mode = 4, text = '', author = NULL, email = NULL, website = NULL WHERE id = ?",
            [id],
        )?;
        tx.execute(
            "UPDATE linernotes_wordpress_import SET taken_down = 1 WHERE site = ? AND wp_comment = ?",
            params![site, wp_id as i64],
        )?;
        emptied.push(id);
        out.push(TakenDown { wp_id, uri, author });
    }
    // As Isso's own delete: an emptied comment no reply hangs from goes,
    // and then perhaps the one it hung from. Only those emptied here: an
    // empty comment a moderator left is Isso's to clear.
    loop {
        let mut removed = 0;
        for id in &emptied {
            removed += tx.execute(
                "DELETE FROM comments WHERE id = ?1 AND mode = 4 AND NOT EXISTS (SELECT 1 FROM comments WHERE parent = ?1)",
                [id],
            )?;
        }
        if removed == 0 {
            break;
        }
    }
    Ok(out)
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
/// Each link's address goes through `links`, as an article's do, so a
/// commenter's link to another post leads to its article; the words stay
/// as written.
pub fn to_markdown(html: &str, stored: bool, links: &dyn Links) -> String {
    let html = if stored { autop(html) } else { html.to_string() };
    let doc = Html::parse_fragment(&html);
    let mut out = String::new();
    blocks(*doc.root_element(), &mut out, "", links);
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

fn blocks(node: NodeRef<'_, Node>, out: &mut String, prefix: &str, links: &dyn Links) {
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
                    inlines(child, &mut inline, links, true);
                    flush(&mut inline, out);
                }
                "blockquote" => {
                    flush(&mut inline, out);
                    blocks(child, out, &format!("{prefix}> "), links);
                }
                "ul" | "ol" => {
                    flush(&mut inline, out);
                    let ordered = el.name() == "ol";
                    let mut n = 0;
                    for li in child.children().filter(|c| c.value().as_element().is_some_and(|e| e.name() == "li")) {
                        n += 1;
                        let mut item = String::new();
                        inlines(li, &mut item, links, true);
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
                _ => inlines_of(child, &mut inline, links, true),
            },
            Node::Text(t) => inline.push_str(&linked_text(&t.replace('\n', " "), links)),
            _ => {}
        }
    }
    flush(&mut inline, out);
}

/// `autolink`: whether a bare address in the text becomes a link (not
/// inside a link's own words).
fn inlines(node: NodeRef<'_, Node>, out: &mut String, links: &dyn Links, autolink: bool) {
    for child in node.children() {
        inlines_of(child, out, links, autolink);
    }
}

fn inlines_of(node: NodeRef<'_, Node>, out: &mut String, links: &dyn Links, autolink: bool) {
    match node.value() {
        Node::Text(t) if autolink => out.push_str(&linked_text(&t.replace('\n', " "), links)),
        Node::Text(t) => out.push_str(&escape(&t.replace('\n', " "))),
        Node::Element(el) => match el.name() {
            "br" => out.push_str("  \n"),
            "em" | "i" => wrap(node, out, "*", links, autolink),
            "strong" | "b" => wrap(node, out, "**", links, autolink),
            // Isso reads `~~` as struck out, and the reader shows it so.
            "del" | "s" | "strike" => wrap(node, out, "~~", links, autolink),
            "code" => {
                let text: String =
                    node.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect();
                out.push_str(&format!("`{}`", text.replace('`', "'")));
            }
            "a" => {
                let mut text = String::new();
                inlines(node, &mut text, links, false);
                let written = el.attr("href").unwrap_or_default().trim();
                let rewritten = links.rewrite(written);
                let href = rewritten.trim();
                let safe = crate::model::SafeHref::parse(href).is_some_and(|h| !h.is_site());
                let plain: String =
                    node.descendants().filter_map(|d| d.value().as_text().map(|t| t.to_string())).collect();
                if !safe {
                    out.push_str(&text);
                } else if plain.trim() == href {
                    // A bare address WordPress linked: linked as one in
                    // Markdown (Isso's own setup links none by itself).
                    out.push_str(&autolink_of(href));
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
            _ => inlines(node, out, links, autolink),
        },
        _ => {}
    }
}

fn wrap(node: NodeRef<'_, Node>, out: &mut String, mark: &str, links: &dyn Links, autolink: bool) {
    let mut inner = String::new();
    inlines(node, &mut inner, links, autolink);
    if inner.trim().is_empty() {
        out.push_str(&inner);
    } else {
        out.push_str(&format!("{mark}{}{mark}", inner.trim()));
    }
}

/// `<https://…>`: a Markdown autolink, which Isso renders as a link
/// whatever its Markdown plugins.
fn autolink_of(href: &str) -> String {
    format!("<{}>", href.replace('<', "%3C").replace('>', "%3E").replace(' ', "%20"))
}

/// Plain text, escaped, with each bare web address in it linked, as
/// WordPress shows a comment's (its stored text keeps them bare). The
/// punctuation that ends a sentence stays out of the address.
fn linked_text(text: &str, links: &dyn Links) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = ["https://", "http://"].iter().filter_map(|scheme| rest.find(scheme)).min() {
        let starts_word = rest[..at].chars().next_back().is_none_or(|c| c.is_whitespace() || "([{\"'".contains(c));
        let len =
            rest[at..].find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"')).unwrap_or(rest.len() - at);
        let mut url = &rest[at..at + len];
        // `(see https://x.example/a)`: the parenthesis closes the sentence's.
        let unbalanced = |url: &str| url.matches(')').count() > url.matches('(').count();
        while let Some(last) = url.chars().last().filter(|c| ".,;:!?'".contains(*c) || (*c == ')' && unbalanced(url))) {
            url = &url[..url.len() - last.len_utf8()];
        }
        let rewritten = links.rewrite(url);
        let safe = crate::model::SafeHref::parse(rewritten.trim()).is_some_and(|h| !h.is_site());
        let has_host = url.split_once("://").is_some_and(|(_, host)| !host.is_empty());
        let (before, linked) = if starts_word && safe && has_host {
            // The words stay as typed; an old address of the site leads
            // where it now is, as the commenter's links do.
            let link = match rewritten.trim() {
                same if same == url => autolink_of(url),
                moved => format!("[{}]({})", escape(url), moved.replace(')', "%29").replace(' ', "%20")),
            };
            (&rest[..at], Some(link))
        } else {
            (&rest[..at + len.max(1)], None)
        };
        out.push_str(&escape(before));
        match linked {
            Some(link) => {
                out.push_str(&link);
                rest = &rest[at + url.len()..];
            }
            None => rest = &rest[before.len()..],
        }
    }
    out.push_str(&escape(rest));
    out
}

/// Escapes what Markdown would read as markup in plain text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // `~~` and `^` too: Isso reads strikethrough and superscript.
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#' | '~' | '^') {
            out.push('\\');
        } else if line_start && matches!(c, '-' | '+') && chars.peek().is_some_and(|n| n.is_whitespace()) {
            // "- thanks" at a line's start is a comment's text, not a list.
            out.push('\\');
        } else if line_start && matches!(c, '=' | '-') && {
            // A line of `===` or `---` under another would make it a heading
            // (or draw a rule): it is the commenter's text.
            let rest: String = chars.clone().take_while(|n| *n != '\n').collect();
            rest.chars().all(|n| n == c || n == ' ' || n == '\t')
        } {
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
    use super::super::html::KeepLinks;
    use super::*;

    #[test]
    fn a_new_database_in_a_folder_that_is_not_there_is_refused_before_anything_is_written() {
        let missing = std::env::temp_dir().join(format!("linernotes-no-such-folder-{}", std::process::id()));
        let error = check(&missing.join("comments.db")).map(|_| ()).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("does not exist"), "{error}");
        assert!(check(&std::env::temp_dir().join("linernotes-new-comments.db")).is_ok());
        assert!(check(Path::new("comments.db")).is_ok(), "a bare name is in the working folder");
    }

    #[test]
    fn an_image_in_a_comment_keeps_its_words_and_its_address() {
        assert_eq!(
            to_markdown(
                r#"<p>Look <img src="https://photos.example/a.jpg" alt="the stage"> and <img src="/x.png" alt="a sketch"><img src="data:x"></p>"#,
                false,
                &KeepLinks
            ),
            "Look [the stage](https://photos.example/a.jpg) and a sketch"
        );
    }

    #[test]
    fn a_comment_s_underlines_and_tildes_stay_text() {
        assert_eq!(escape("Title line\n===\nand ---\n- - -\n---"), "Title line\n\\===\nand ---\n\\- - -\n\\---");
        assert_eq!(escape("~~gone~~ x^2 a-b"), "\\~\\~gone\\~\\~ x\\^2 a-b");
        assert_eq!(to_markdown("<p>moved from <del>May</del> June</p>", false, &KeepLinks), "moved from ~~May~~ June");
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
        assert_eq!(to_markdown(rendered, false, &KeepLinks), want);
        assert_eq!(to_markdown(stored, true, &KeepLinks), want);
        let rendered = "<p>Two.</p>\n<p>And a list:</p>\n<ul>\n<li>first</li>\n<li>second</li>\n</ul>\n";
        let stored = "Two.\n\nAnd a list:\n<ul><li>first</li><li>second</li></ul>";
        assert_eq!(to_markdown(rendered, false, &KeepLinks), "Two.\n\nAnd a list:\n\n- first\n- second");
        assert_eq!(to_markdown(stored, true, &KeepLinks), "Two.\n\nAnd a list:\n\n- first\n- second");
    }

    #[test]
    fn links_and_markup_are_kept_only_as_markdown() {
        let md = to_markdown(
            r#"<p>See <a href="https://lea.example/notes">my *notes*</a>, <a href="javascript:alert(1)">this</a> and <a href="https://x.example/" rel="nofollow ugc">https://x.example/</a><script>alert(2)</script> <img src=x onerror=alert(3)></p>"#,
            false,
            &KeepLinks,
        );
        assert_eq!(md, r"See [my \*notes\*](https://lea.example/notes), this and <https://x.example/>");
    }

    #[test]
    fn a_bare_address_in_a_comment_is_linked_as_wordpress_showed_it() {
        // WordPress's stored text keeps addresses bare and links them when
        // it shows the comment; Isso links only Markdown's own links.
        let stored = "Full set here: https://lea.example/live_2021?take=2&x=1. (Also http://b.example/a_(b).)\nNot this: xhttps://c.example or javascript:alert(1) or https://";
        assert_eq!(
            to_markdown(stored, true, &KeepLinks),
            "Full set here: <https://lea.example/live_2021?take=2&x=1>. (Also <http://b.example/a_(b)>.)  \nNot this: xhttps://c.example or javascript:alert(1) or https://"
        );
        // Inside a link's own words, an address stays words.
        assert_eq!(
            to_markdown(r#"<p><a href="https://d.example/">see https://d.example/ now</a></p>"#, false, &KeepLinks),
            "[see https://d.example/ now](https://d.example/)"
        );
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
        for result in [check(&foreign), write(&foreign, "https://mag.example", &[], &Scope::default()).map(|_| ())] {
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
        assert_eq!(write(&fresh, "https://mag.example", &[], &Scope::default()).ok(), Some(Written::default()));
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
        assert_eq!(write(&db, "https://mag.example", &comments, &Scope::default()).ok().map(|w| w.inserted), Some(3));
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
    fn a_comment_the_site_no_longer_lists_is_taken_down_and_comes_back_if_listed_again() {
        let dir = std::env::temp_dir().join(format!("linernotes-isso-take-down-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let db = dir.join("comments.db");
        let comment = |wp_id: u64, wp_parent: u64, slug: &str, pending: bool| IssoComment {
            wp_id,
            wp_parent,
            uri: format!("/article/{slug}"),
            title: "T".into(),
            created: wp_id as f64,
            pending,
            text: format!("Comment {wp_id}."),
            author: Some(format!("Reader {wp_id}")),
            email: Some("r@example.com".into()),
            website: None,
            likes: 0,
        };
        let scope = |pending_listed: bool| Scope { threads: ["film-out".to_string()].into(), pending_listed };
        let site = "https://mag.example";
        let all = [
            comment(1, 0, "film-out", false),
            comment(2, 1, "film-out", false),
            comment(3, 0, "film-out", false),
            comment(5, 0, "film-out", true),
            comment(9, 0, "left-out", false),
        ];
        let first = write(&db, site, &all, &scope(true)).expect("the first run");
        assert_eq!((first.inserted, first.updated), (5, 0));
        let con = Connection::open(&db).expect("the database");
        let id_of = |text: &str| -> i64 {
            con.query_row("SELECT id FROM comments WHERE text = ?", [text], |r| r.get(0)).expect("the comment")
        };
        // A reader answered comment 3 on the new site.
        con.execute(
            "INSERT INTO comments (tid, parent, created, mode, remote_addr, text, voters) SELECT tid, id, 99, 1, '1.2.3.4', 'A reader replies.', x'00' FROM comments WHERE text = 'Comment 3.'",
            [],
        )
        .expect("a reader's reply");
        let three = id_of("Comment 3.");

        // Nothing changed: nothing is updated or taken down.
        let again = write(&db, site, &all, &scope(true)).expect("a re-run");
        assert_eq!((again.inserted, again.updated, again.taken_down.len()), (0, 0, 0));

        // 1 and 3 trashed or spam; 9 is on a post this run did not import;
        // 5 still pending, but this run cannot see pending comments.
        let second = [comment(2, 1, "film-out", false)];
        let done = write(&db, site, &second, &scope(false)).expect("the second run");
        let gone: Vec<(u64, &str)> = done.taken_down.iter().map(|t| (t.wp_id, t.uri.as_str())).collect();
        assert_eq!(gone, [(1, "/article/film-out"), (3, "/article/film-out")]);
        let rows: Vec<(String, i64, Option<String>)> = con
            .prepare("SELECT text, mode, author FROM comments ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
            .expect("the rows");
        let rows: Vec<(&str, i64, Option<&str>)> =
            rows.iter().map(|(t, m, a)| (t.as_str(), *m, a.as_deref())).collect();
        assert_eq!(
            rows,
            [
                // Its parent gone from the site, the reply stands on its own; the parent goes.
                ("Comment 2.", 1, Some("Reader 2")),
                // The reader's reply keeps its place below an emptied comment, as Isso deletes one.
                ("", 4, None),
                ("Comment 5.", 2, Some("Reader 5")),
                ("Comment 9.", 1, Some("Reader 9")),
                ("A reader replies.", 1, None),
            ]
        );
        let parent: Option<i64> = con
            .query_row("SELECT parent FROM comments WHERE text = 'A reader replies.'", [], |r| r.get(0))
            .expect("the reader's reply");
        assert_eq!(parent, Some(three));
        assert!(write(&db, site, &second, &scope(false)).expect("a re-run").taken_down.is_empty(), "once");

        // A run that lists pending comments knows 5 is no longer one of them.
        let pending = write(&db, site, &second, &scope(true)).expect("a run with pending comments");
        assert_eq!(pending.taken_down.iter().map(|t| t.wp_id).collect::<Vec<_>>(), [5]);

        // Approved again in WordPress: back, 3 in its place above the reader's reply.
        let back =
            write(&db, site, &[comment(1, 0, "film-out", false), comment(3, 0, "film-out", false)], &scope(false))
                .expect("the third run");
        assert_eq!((back.inserted, back.updated), (1, 1));
        assert_eq!(id_of("Comment 3."), three);

        // A comment a moderator deleted in Isso (kept empty for its reply) stays deleted.
        con.execute("UPDATE comments SET mode = 4, text = '' WHERE id = ?", [three]).expect("a moderator deletes");
        let kept = write(&db, site, &[comment(3, 0, "film-out", false)], &scope(false)).expect("the fourth run");
        assert_eq!((kept.kept_deleted, kept.updated), (1, 0));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_re_run_keeps_what_was_done_in_isso_and_takes_what_changed_in_wordpress() {
        let dir = std::env::temp_dir().join(format!("linernotes-isso-moderated-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let db = dir.join("comments.db");
        let comment = |wp_id: u64, pending: bool, text: &str| IssoComment {
            wp_id,
            wp_parent: 0,
            uri: "/article/kamasi-oslo".into(),
            title: "T".into(),
            created: wp_id as f64,
            pending,
            text: text.into(),
            author: Some(format!("Reader {wp_id}")),
            email: None,
            website: None,
            likes: 1,
        };
        let scope = |pending_listed: bool| Scope { threads: ["kamasi-oslo".to_string()].into(), pending_listed };
        let site = "https://mag.example";
        let first =
            [comment(1, false, "Great set."), comment(2, true, "Call me on 555 0101."), comment(3, false, "Encore!")];
        write(&db, site, &first, &scope(true)).expect("the first run");
        let con = Connection::open(&db).expect("the database");
        let row = |author: &str| -> (String, i64, i64) {
            con.query_row("SELECT text, mode, likes FROM comments WHERE author = ?", [author], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .expect("the comment")
        };
        // In Isso: comment 2 approved and its number redacted, comment 1 liked by readers.
        con.execute("UPDATE comments SET mode = 1, text = 'Call me on [redacted].' WHERE author = 'Reader 2'", [])
            .expect("a moderator");
        con.execute("UPDATE comments SET likes = 7 WHERE author = 'Reader 1'", []).expect("readers");

        // The same export again, with and without its pending comments.
        for pending_listed in [true, false] {
            let listed: Vec<IssoComment> = if pending_listed {
                vec![
                    comment(1, false, "Great set."),
                    comment(2, true, "Call me on 555 0101."),
                    comment(3, false, "Encore!"),
                ]
            } else {
                vec![comment(1, false, "Great set."), comment(3, false, "Encore!")]
            };
            let again = write(&db, site, &listed, &scope(pending_listed)).expect("a re-run");
            assert_eq!((again.inserted, again.updated, again.taken_down.len()), (0, 0, 0), "{pending_listed}");
            assert_eq!(row("Reader 2"), ("Call me on [redacted].".to_string(), 1, 1));
            assert_eq!(row("Reader 1"), ("Great set.".to_string(), 1, 7));
        }

        // Edited in WordPress: the text is taken, the likes readers gave stay.
        let edited = [comment(1, false, "Great set, and a greater encore."), comment(3, false, "Encore!")];
        let done = write(&db, site, &edited, &scope(false)).expect("a run after an edit");
        assert_eq!(done.updated, 1);
        assert_eq!(row("Reader 1"), ("Great set, and a greater encore.".to_string(), 1, 7));
        // Trashed in WordPress: a run that lists pending comments takes the approved one down.
        let trashed = write(&db, site, &edited, &scope(true)).expect("a run after the trash");
        assert_eq!(trashed.taken_down.iter().map(|t| t.wp_id).collect::<Vec<_>>(), [2]);
        // Retitled in WordPress: the thread takes the new title.
        let retitled = [1, 3].map(|id| IssoComment { title: "A new title".into(), ..comment(id, false, "Encore!") });
        write(&db, site, &retitled, &scope(false)).expect("a run after a new title");
        let title: String = con
            .query_row("SELECT title FROM threads WHERE uri = '/article/kamasi-oslo'", [], |r| r.get(0))
            .expect("the thread");
        assert_eq!(title, "A new title");
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
