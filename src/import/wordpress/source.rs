//! A WordPress site as the importer needs it, whichever way it was read
//! (REST API or WXR export file).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Everything read from the site.
#[derive(Debug, Default, Clone)]
pub struct Site {
    /// The site's home URL, without a trailing slash (`https://example.com/blog`).
    pub home: String,
    /// The language its posts are written in, as WordPress names it in its
    /// feeds (`de-DE`), if it said.
    pub language: Option<String>,
    pub posts: Vec<Post>,
    pub media: BTreeMap<u64, Media>,
    pub categories: BTreeMap<u64, Term>,
    pub tags: BTreeMap<u64, Term>,
    pub comments: Vec<SourceComment>,
    /// Post content is stored block markup (WXR, or REST with `context=edit`),
    /// not the HTML WordPress renders.
    pub raw: bool,
    /// Whether comment meta (wpDiscuz's feedback form id, votes) was visible.
    pub comment_meta: bool,
    /// Posts read but not published (drafts, private, scheduled, …).
    pub unpublished: Vec<Unpublished>,
    /// Reusable blocks' stored markup, by number (stored markup only).
    pub reusable: BTreeMap<u64, String>,
    /// What the report should say of the files themselves (text that was
    /// not in the character set the export declares).
    pub notes: Vec<String>,
    /// Published pages the source holds that were not read (no --pages).
    pub pages_left: BTreeSet<u64>,
    /// Published posts of other kinds not read (not in --post-types): id →
    /// kind.
    pub kinds_left: BTreeMap<u64, String>,
}

impl Site {
    /// Adds another file of the same site's export (a large export comes
    /// split in several): what both hold (the same post, term or comment
    /// in two files) is kept once. Of a post in two files, exported at two
    /// times, the copy changed last is the post: its text, or that it was
    /// trashed or taken back to a draft since.
    pub fn merge(&mut self, other: Site) -> Result<(), String> {
        if !self.home.is_empty() && !other.home.is_empty() && self.home != other.home {
            return Err(format!(
                "it is an export of another site ({}, not {}): import each site on its own",
                other.home, self.home
            ));
        }
        if self.home.is_empty() {
            self.home = other.home;
        }
        if self.language.is_none() {
            self.language = other.language;
        }
        self.pages_left.extend(other.pages_left);
        self.kinds_left.extend(other.kinds_left);
        // When each post's copy here was changed last, published or not.
        let mut changed: HashMap<u64, String> = self.posts.iter().map(|p| (p.id, p.modified_gmt.clone())).collect();
        changed.extend(self.unpublished.iter().map(|p| (p.id, p.modified_gmt.clone())));
        let theirs = other
            .posts
            .iter()
            .map(|p| (p.id, &p.slug, &p.modified_gmt))
            .chain(other.unpublished.iter().map(|p| (p.id, &p.slug, &p.modified_gmt)));
        for (id, slug, modified) in theirs {
            let Some(was) = changed.get(&id).filter(|was| was.trim() != modified.trim()) else { continue };
            let last = if modified.trim() > was.trim() { modified } else { was };
            self.notes.push(format!(
                "{slug}: the post is in two of the files, changed at two times: the copy of {} (GMT) is imported",
                last.trim()
            ));
        }
        let newer = |id: u64, modified: &str| changed.get(&id).is_none_or(|was| modified.trim() > was.trim());
        let (posts, unpublished): (Vec<Post>, Vec<Unpublished>) = (
            other.posts.into_iter().filter(|p| newer(p.id, &p.modified_gmt)).collect(),
            other.unpublished.into_iter().filter(|p| newer(p.id, &p.modified_gmt)).collect(),
        );
        let replaced: HashSet<u64> = posts.iter().map(|p| p.id).chain(unpublished.iter().map(|p| p.id)).collect();
        self.posts.retain(|p| !replaced.contains(&p.id));
        self.unpublished.retain(|p| !replaced.contains(&p.id));
        self.posts.extend(posts);
        self.unpublished.extend(unpublished);
        let comments: HashSet<u64> = self.comments.iter().map(|c| c.id).collect();
        self.comments.extend(other.comments.into_iter().filter(|c| !comments.contains(&c.id)));
        for (id, media) in other.media {
            self.media.entry(id).or_insert(media);
        }
        for (id, term) in other.categories {
            self.categories.entry(id).or_insert(term);
        }
        for (id, term) in other.tags {
            self.tags.entry(id).or_insert(term);
        }
        for (id, markup) in other.reusable {
            self.reusable.entry(id).or_insert(markup);
        }
        self.notes.extend(other.notes);
        self.posts.sort_by_key(|p| std::cmp::Reverse(p.id));
        self.comments.sort_by_key(|c| c.id);
        self.raw &= other.raw;
        self.comment_meta &= other.comment_meta;
        Ok(())
    }
}

/// A post the site has but does not show: it is left out, with why.
#[derive(Debug, Clone)]
pub struct Unpublished {
    pub id: u64,
    pub slug: String,
    pub reason: String,
    /// When it was last changed, as `Post::modified_gmt`.
    pub modified_gmt: String,
}

/// Why a post with WordPress status `status` is left out.
pub fn unpublished_reason(status: &str) -> String {
    match status.trim() {
        "draft" | "auto-draft" => "draft left out".into(),
        "pending" => "post awaiting review left out (not published)".into(),
        "private" => "private post left out".into(),
        "future" => "scheduled post left out (not published yet)".into(),
        "trash" => "post in the trash left out".into(),
        other => format!("post with status `{other}` left out (not published)"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostKind {
    Post,
    Page,
    /// Another kind of post a theme or plugin made (`--post-types`): an
    /// article like a post, at an address of its own kind's shape.
    Custom,
}

#[derive(Debug, Clone, Default)]
pub struct Post {
    pub id: u64,
    pub kind: Option<PostKind>,
    /// As WordPress stores it (non-ASCII slugs are percent-encoded).
    pub slug: String,
    pub link: String,
    /// Title as HTML (entities, maybe markup).
    pub title: String,
    pub content: String,
    pub excerpt: String,
    /// `YYYY-MM-DD HH:MM:SS` in UTC.
    pub date_gmt: String,
    pub modified_gmt: String,
    /// The same in the site's time zone, as WordPress showed them.
    pub date_local: String,
    pub modified_local: String,
    pub author: Option<String>,
    /// Everyone the byline names, in its order, where a plugin (Co-Authors
    /// Plus, PublishPress Authors) gives a post several; empty when the
    /// byline is `author` alone.
    pub coauthors: Vec<String>,
    /// The author's address on the old site, `/author/{slug}/` (WordPress's
    /// "nicename").
    pub author_slug: Option<String>,
    /// The author's number, which names the archive on a site with plain
    /// permalinks (`/?author=2`).
    pub author_id: Option<u64>,
    pub featured_media: Option<u64>,
    pub sticky: bool,
    pub categories: Vec<u64>,
    pub tags: Vec<u64>,
    pub comments_open: bool,
    pub old_slugs: Vec<String>,
    /// Dates the post was published on before (`_wp_old_date`,
    /// `YYYY-MM-DD` in the site's time zone): WordPress still answers its
    /// permalinks dated so.
    pub old_dates: Vec<String>,
    /// Video titles WordPress cached from oEmbed, by video URL found in them.
    pub oembed_html: Vec<String>,
    pub protected: bool,
    /// The post's `footnotes` field (WordPress 6.3 and later): the words of
    /// its notes, as JSON, which the stored markup leaves out.
    pub footnotes: Option<String>,
    /// What the reading had to guess (a date from another field), for the report.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Media {
    pub id: u64,
    /// The file WordPress serves as the attachment (maybe `-scaled`).
    pub url: String,
    /// The original upload, when WordPress scaled it down.
    pub original_url: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub alt: String,
    /// Caption as HTML.
    pub caption: String,
    pub title: String,
    /// Its attachment page, as WordPress links it (below the post it is
    /// attached to, or at the site's root, `/{slug}/`, when it is not).
    pub link: String,
    pub slug: String,
}

impl Media {
    /// The original upload's URL.
    pub fn original(&self) -> &str {
        self.original_url.as_deref().unwrap_or(&self.url)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Term {
    pub id: u64,
    pub slug: String,
    pub name: String,
    /// A child category's parent, by slug: WordPress links its archive
    /// as `/category/{parent}/{slug}/`.
    pub parent: String,
}

/// Ids from here on are the import's own, for terms an export names only
/// on its posts.
pub const OWN_TERM_IDS: u64 = u64::MAX / 2;

impl Term {
    /// WordPress's own default category, as it comes untouched: a post the
    /// editor filed nowhere is in it. It is no section of the magazine (a
    /// default renamed by the publisher, "Music", is one).
    pub fn is_untouched_default(&self) -> bool {
        self.slug == "uncategorized"
            && super::html::html_to_text(&self.name).trim().eq_ignore_ascii_case("uncategorized")
    }

    /// The id WordPress gave it, if it has one.
    pub fn wordpress_id(&self) -> Option<u64> {
        Some(self.id).filter(|id| *id > 0 && *id < OWN_TERM_IDS)
    }

    /// Its archive's path under `/category/` as WordPress links it: its
    /// ancestors' slugs, then its own (`music/jazz`).
    pub fn archive_path(&self, terms: &BTreeMap<u64, Term>) -> String {
        let mut path = vec![self.slug.as_str()];
        let mut parent = self.parent.as_str();
        // A loop in a broken export ends at the first repeat.
        while !parent.is_empty() && !path.contains(&parent) && path.len() < 16 {
            path.push(parent);
            parent = terms.values().find(|t| t.slug == parent).map(|t| t.parent.as_str()).unwrap_or_default();
        }
        path.reverse();
        path.join("/")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStatus {
    Approved,
    Pending,
}

#[derive(Debug, Clone)]
pub struct SourceComment {
    pub id: u64,
    pub post: u64,
    pub parent: u64,
    pub author: String,
    pub email: String,
    pub url: String,
    /// `YYYY-MM-DD HH:MM:SS` in UTC.
    pub date_gmt: String,
    /// HTML (rendered) or the stored text (raw: line breaks not yet paragraphs).
    pub content: String,
    pub status: CommentStatus,
    /// wpDiscuz's `wpdiscuz_feedback_form_id`: the feedback passage it answers.
    pub feedback: Option<String>,
    pub likes: i64,
}

/// `2021-04-02 09:00:00` or `2021-04-02T09:00:00` (UTC) as RFC 3339.
pub fn rfc3339_utc(date: &str) -> Option<String> {
    let d = date.trim().replace(' ', "T");
    let d = d.trim_end_matches('Z');
    let ok = d.len() == 19 && d.as_bytes().get(10) == Some(&b'T') && !d.starts_with("0000");
    ok.then(|| format!("{d}Z"))
}

/// A post's date as its site showed it: the local time with the site's
/// offset from UTC then (`2024-03-15T00:00:00+01:00`), made of WordPress's
/// UTC and local dates, so a post of a minute past midnight in Berlin is
/// dated that day, not the day before. The UTC date alone where the two do
/// not make an offset a time zone can have (or make none: `Z`).
pub fn rfc3339_local(gmt: &str, local: &str) -> Option<String> {
    let utc = rfc3339_utc(gmt)?;
    let as_utc = |text: &str| crate::model::Timestamp::parse(text).ok().map(|t| t.sort_key());
    let Some(local) = rfc3339_utc(local) else { return Some(utc) };
    let (Some(at_local), Some(at_utc)) = (as_utc(&local), as_utc(&utc)) else { return Some(utc) };
    let minutes = at_local - at_utc;
    let same_seconds = local.get(17..19) == utc.get(17..19);
    if minutes == 0 || minutes.abs() > 14 * 60 || minutes % 15 != 0 || !same_seconds {
        return Some(utc);
    }
    let sign = if minutes < 0 { '-' } else { '+' };
    let (hours, rest) = (minutes.abs() / 60, minutes.abs() % 60);
    Some(format!("{}{sign}{hours:02}:{rest:02}", local.trim_end_matches('Z')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_post_is_dated_as_its_site_showed_it() {
        // Berlin in winter, a minute past midnight: the day WordPress showed.
        let dated = |gmt: &str, local: &str| rfc3339_local(gmt, local);
        assert_eq!(dated("2024-03-14 23:01:00", "2024-03-15 00:01:00").as_deref(), Some("2024-03-15T00:01:00+01:00"));
        assert_eq!(dated("2024-03-15 03:00:00", "2024-03-14 22:30:00").as_deref(), Some("2024-03-14T22:30:00-04:30"));
        assert_eq!(dated("2024-03-15 10:00:00", "2024-03-15 15:45:00").as_deref(), Some("2024-03-15T15:45:00+05:45"));
        // A site on UTC, or a missing or impossible local date: UTC, as before.
        let utc = ["2024-03-15 10:00:00", "", "0000-00-00 00:00:00", "2024-03-16 10:00:00", "2024-03-15 10:07:00"];
        for local in utc.into_iter().chain(["2024-03-15 11:00:30"]) {
            assert_eq!(dated("2024-03-15 10:00:00", local).as_deref(), Some("2024-03-15T10:00:00Z"), "{local}");
        }
        assert_eq!(dated("0000-00-00 00:00:00", "2024-03-15 10:00:00"), None);
    }
}
