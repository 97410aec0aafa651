//! Images: the copy WordPress shows as the full image (the upload, or its
//! `-scaled` copy past 2560 px), downloaded once under a content-hash name,
//! with its real width and height.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::error::ImportError;
use super::html::{html_to_text, same_host, split_url, ImageRef};
use super::http::Client;
use super::source::{Media, Site};
use crate::model::{image_src_allowed, Image};

pub struct Images {
    /// Where files go (`…/images/wp/`), and the path articles use for it.
    dir: PathBuf,
    public_prefix: String,
    host: String,
    by_url: HashMap<String, Result<(String, u32, u32), String>>,
    pub remote: bool,
    /// A copy of the site's `wp-content/uploads` folder (`--uploads`): the
    /// site's own images are read from it, not downloaded.
    pub uploads: Option<PathBuf>,
    /// The site's own images that could not be downloaded because the site
    /// did not answer (not a missing file): the import is incomplete.
    /// Each by its original's address (a resized copy tried after it is
    /// the same picture).
    pub unreachable: std::collections::BTreeSet<String>,
    /// Image files written that the output did not hold yet, whether just
    /// fetched or read from the request cache (which the summary counts on
    /// its own): not a count of downloads.
    pub downloaded: usize,
    pub written: Vec<String>,
    /// The site's own images by their old addresses (every copy of a
    /// picture that was asked for: the one shown, the original, the size a
    /// post used) → the path of the file now (`images/wp/…`), for the
    /// redirects.
    pub moved: std::collections::BTreeMap<String, String>,
    /// Report lines about the image just resolved (where its alt text came from).
    notes: Vec<String>,
}

impl Images {
    pub fn new(dir: &Path, public_prefix: &str, site: &Site) -> Result<Images, ImportError> {
        std::fs::create_dir_all(dir).map_err(ImportError::io(dir))?;
        Ok(Images {
            dir: dir.to_path_buf(),
            public_prefix: public_prefix.to_string(),
            host: split_url(&site.home).map(|(_, h, _)| h).unwrap_or_default(),
            by_url: HashMap::new(),
            remote: true,
            uploads: None,
            unreachable: Default::default(),
            downloaded: 0,
            written: Vec::new(),
            moved: Default::default(),
            notes: Vec::new(),
        })
    }

    /// Report lines about the images resolved since the last call.
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }

    /// The article image for a reference, or why it is left out.
    pub fn resolve(&mut self, client: &mut Client, site: &Site, r: &ImageRef) -> Result<Image, String> {
        // `/wp-content/…` is on the site itself.
        let written = match split_url(&site.home) {
            Some((scheme, host, _)) if r.src.trim().starts_with('/') && !r.src.trim().starts_with("//") => {
                format!("{scheme}://{host}{}", r.src.trim())
            }
            _ => r.src.trim().to_string(),
        };
        let media = r.attachment.and_then(|id| site.media.get(&id)).or_else(|| find_media(site, &written));
        // The copy WordPress serves as the full image: the upload itself,
        // or, for a photo past WordPress's big-image threshold (2560 px),
        // the `-scaled` copy it made; an original from a camera can weigh
        // many megabytes that no reader's screen needs. Then the original,
        // if that copy is gone; then the copy the post shows.
        let mut tries: Vec<String> = match media {
            Some(m) => vec![m.url.clone(), m.original().to_string()],
            None => vec![original_of(&written)],
        };
        tries.push(written.clone());
        tries.retain(|u| !u.trim().is_empty());
        // The copy the post shows is often the library's own address: each
        // is tried, and named, once.
        let mut seen = std::collections::HashSet::new();
        tries.retain(|u| seen.insert(u.clone()));
        let Some(first) = tries.first().cloned() else {
            return Err(match r.attachment {
                Some(id) => format!("image {id} is not in the media library the site gave"),
                None => "image without a source".into(),
            });
        };
        let mut failed = Vec::new();
        // What a try says of the image (where its alt text came from) is
        // said once: by the try that worked, or else by the first.
        let mut first_notes: Option<Vec<String>> = None;
        for url in &tries {
            let before = self.notes.len();
            match self.resolve_at(client, url, r, media) {
                Ok(image) => {
                    if image.src.starts_with(&self.public_prefix) {
                        let own = |u: &&String| split_url(u).is_some_and(|(_, h, _)| same_host(&h, &self.host));
                        for old in tries.iter().filter(own) {
                            self.moved.insert(old.clone(), image.src.clone());
                        }
                    }
                    return Ok(image);
                }
                Err(e) => {
                    let said: Vec<String> = self.notes.drain(before..).collect();
                    first_notes.get_or_insert(said);
                    failed.push(e);
                }
            }
        }
        self.notes.extend(first_notes.unwrap_or_default());
        let mut failed = failed.into_iter();
        let why = failed.next().unwrap_or_else(|| format!("image {first} could not be read"));
        let others: Vec<&str> = tries.iter().skip(1).map(String::as_str).collect();
        Err(if others.is_empty() { why } else { format!("{why} (tried {} too)", others.join(", ")) })
    }

    fn resolve_at(
        &mut self,
        client: &mut Client,
        url: &str,
        r: &ImageRef,
        media: Option<&Media>,
    ) -> Result<Image, String> {
        let url = url.to_string();
        let own = split_url(&url).is_some_and(|(_, h, _)| same_host(&h, &self.host));
        if !own && !image_src_allowed(&url) {
            // Kept where it is, it would have to follow the reader's image rule.
            return Err(format!("image {url} is hosted elsewhere, and not over https"));
        }
        let (caption, credit) = match (&r.caption, media) {
            (None, Some(m)) if r.library_caption && !m.caption.trim().is_empty() => {
                super::html::split_credit(&html_to_text(&m.caption))
            }
            _ => (r.caption.clone(), r.credit.clone()),
        };
        // Alt text the publisher wrote, in the post or the media library;
        // else what stands in for it, named in the report so an editor can
        // write the real thing.
        let written_alt = [r.alt.clone(), media.map(|m| m.alt.clone()).unwrap_or_default()]
            .into_iter()
            .find(|a| !a.trim().is_empty());
        let name = url.rsplit('/').next().unwrap_or(&url).to_string();
        let alt = match written_alt {
            Some(alt) => alt,
            None => match (caption.clone().filter(|c| !c.trim().is_empty()), media.map(|m| html_to_text(&m.title))) {
                (Some(caption), _) => {
                    self.notes.push(format!(
                        "image {name} has no alt text: its caption stands in, so a screen reader hears it twice; write alt text for it"
                    ));
                    caption
                }
                (None, Some(title)) if !title.trim().is_empty() => {
                    self.notes.push(format!(
                        "image {name} has no alt text: its media title `{title}` stands in; check that it says what the picture shows"
                    ));
                    title
                }
                _ => return Err(format!("image {url} has no alt text, caption or title")),
            },
        };
        if !own && !self.remote {
            return match (r.width, r.height) {
                (Some(w), Some(h)) if w > 0 && h > 0 => {
                    Ok(Image { src: url, alt, width: w, height: h, caption, credit })
                }
                _ => Err(format!("image {url} is hosted elsewhere and its size is not known (not downloaded)")),
            };
        }
        let stored = match self.by_url.get(&url) {
            Some(done) => done.clone(),
            None => {
                let done = self.store(client, &url, own, media);
                self.by_url.insert(url.clone(), done.clone());
                done
            }
        };
        let (src, width, height) = stored?;
        Ok(Image { src, alt, width, height, caption, credit })
    }

    fn store(
        &mut self,
        client: &mut Client,
        url: &str,
        own: bool,
        media: Option<&Media>,
    ) -> Result<(String, u32, u32), String> {
        let fetched = match self.local_copy(url, own) {
            Some(read) => read?,
            None => match client.get(url, false) {
                Ok(got) => got.body,
                Err(error) => {
                    if own && !client.offline && matches!(error, ImportError::Network { .. }) {
                        self.unreachable.insert(original_of(url));
                    }
                    return Err(error.to_string());
                }
            },
        };
        let size = image_size(&fetched).or_else(|| media.and_then(|m| Some((m.width?, m.height?))));
        let Some((width, height)) = size.filter(|(w, h)| *w > 0 && *h > 0) else {
            return Err(format!("{url}: not an image whose size can be read"));
        };
        if !own {
            // Hosted elsewhere: kept where it is, with its measured size.
            return Ok((url.to_string(), width, height));
        }
        let ext = extension(&fetched).ok_or_else(|| format!("{url}: unknown image format"))?;
        let hash: String = Sha256::digest(&fetched).iter().take(8).map(|b| format!("{b:02x}")).collect();
        let name = format!("{hash}.{ext}");
        let path = self.dir.join(&name);
        if !path.exists() {
            let tmp = self.dir.join(format!(".{name}.partial"));
            std::fs::write(&tmp, &fetched)
                .and_then(|_| std::fs::rename(&tmp, &path))
                .map_err(|e| format!("{}: {e}", path.display()))?;
            self.downloaded += 1;
        }
        self.written.push(name.clone());
        Ok((format!("{}{name}", self.public_prefix), width, height))
    }

    /// The file under `--uploads` for an image in the site's own
    /// `/wp-content/uploads/`, when a copy was given.
    fn local_copy(&self, url: &str, own: bool) -> Option<Result<Vec<u8>, String>> {
        let dir = self.uploads.as_ref().filter(|_| own)?;
        let (_, _, path) = split_url(url)?;
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let (_, inside) = path.split_once("/wp-content/uploads/")?;
        let inside = percent_encoding::percent_decode_str(inside).decode_utf8_lossy();
        // Only a path inside the folder given, never out of it.
        let parts: Vec<&str> = inside.split('/').collect();
        if parts.iter().any(|p| p.is_empty() || *p == "." || *p == ".." || p.contains('\\')) {
            return Some(Err(format!("{url}: not a file name to look for under --uploads")));
        }
        let file = parts.iter().fold(dir.clone(), |path, part| path.join(part));
        Some(std::fs::read(&file).map_err(|e| format!("{url}: not in the --uploads copy ({}: {e})", file.display())))
    }
}

/// The copy (`images/wp/….png`) of a picture of the old site a link leads
/// to, if the import brought it over: `moved` maps the old addresses each
/// picture was read at to its copy. A link to a resized copy WordPress
/// made leads to the copy of its upload.
pub fn copy_of<'a>(moved: &'a std::collections::BTreeMap<String, String>, href: &str) -> Option<&'a str> {
    let href = href.trim();
    if !href.starts_with("http") {
        return None;
    }
    let bare = href.split(['?', '#']).next().unwrap_or_default();
    [href.to_string(), bare.to_string(), original_of(bare)].iter().find_map(|h| moved.get(h)).map(String::as_str)
}

/// `photo-1024x768.jpg` and `photo-scaled.jpg` → `photo.jpg`.
pub fn original_of(url: &str) -> String {
    let url = url.trim();
    let (path, query) = url.split_once('?').map(|(p, q)| (p, Some(q))).unwrap_or((url, None));
    let _ = query;
    let Some((stem, ext)) = path.rsplit_once('.') else { return path.to_string() };
    if ext.contains('/') {
        return path.to_string();
    }
    let mut stem = stem.strip_suffix("-scaled").unwrap_or(stem);
    if let Some((head, size)) = stem.rsplit_once('-') {
        if let Some((w, h)) = size.split_once('x') {
            if !w.is_empty()
                && !h.is_empty()
                && w.bytes().all(|b| b.is_ascii_digit())
                && h.bytes().all(|b| b.is_ascii_digit())
            {
                stem = head;
            }
        }
    }
    format!("{stem}.{ext}")
}

/// The media library's entry for a picture a post shows by its file: the
/// upload of that very name first (`banner-1200x630.png` may be an upload
/// of its own, not a copy of `banner.png`), then the upload a resized or
/// scaled copy was made from.
pub fn find_media<'a>(site: &'a Site, src: &str) -> Option<&'a Media> {
    let path = |u: &str| split_url(u).map(|(_, _, p)| p).unwrap_or_else(|| u.to_string());
    let exact = path(src.trim().split(['?', '#']).next().unwrap_or_default());
    if exact.is_empty() {
        return None;
    }
    if let Some(media) = site.media.values().find(|m| path(&m.url) == exact || path(m.original()) == exact) {
        return Some(media);
    }
    let want = path(&original_of(src));
    site.media.values().find(|m| path(&original_of(&m.url)) == want || path(m.original()) == want)
}

fn extension(bytes: &[u8]) -> Option<&'static str> {
    if is_svg(bytes) {
        return Some("svg");
    }
    match imagesize::image_type(bytes).ok()? {
        imagesize::ImageType::Png => Some("png"),
        imagesize::ImageType::Jpeg => Some("jpg"),
        imagesize::ImageType::Gif => Some("gif"),
        imagesize::ImageType::Webp => Some("webp"),
        imagesize::ImageType::Heif(_) => Some("avif"),
        _ => None,
    }
}

fn is_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(bytes.get(..bytes.len().min(1024)).unwrap_or_default()).to_ascii_lowercase();
    head.contains("<svg")
}

/// Width and height of a raster image, or of an SVG (its width and height
/// attributes, or its viewBox).
pub fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if is_svg(bytes) {
        return svg_size(&String::from_utf8_lossy(bytes));
    }
    let size = imagesize::blob_size(bytes).ok()?;
    let stored = (u32::try_from(size.width).ok()?, u32::try_from(size.height).ok()?);
    Some(crate::markdown::upright_size(bytes, stored))
}

pub fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attr = |name: &str| -> Option<String> {
        let mut rest = tag;
        while let Some(at) = rest.find(name) {
            let before = rest[..at].chars().last();
            let after = &rest[at + name.len()..];
            if before.is_some_and(char::is_whitespace) {
                if let Some(v) = after.trim_start().strip_prefix('=') {
                    let v = v.trim_start();
                    let q = v.chars().next()?;
                    if q == '"' || q == '\'' {
                        return v[1..].split(q).next().map(str::to_string);
                    }
                }
            }
            rest = after;
        }
        None
    };
    let number = |v: &str| -> Option<f64> {
        let v = v.trim().trim_end_matches("px");
        v.parse::<f64>().ok().filter(|n| n.is_finite() && *n > 0.0)
    };
    let (w, h) = (attr("width").and_then(|v| number(&v)), attr("height").and_then(|v| number(&v)));
    let view: Vec<f64> = attr("viewBox")
        .map(|v| v.split([' ', ',']).filter(|s| !s.is_empty()).filter_map(|s| s.parse().ok()).collect())
        .unwrap_or_default();
    let (vw, vh) = match view.as_slice() {
        [_, _, w, h] if *w > 0.0 && *h > 0.0 => (Some(*w), Some(*h)),
        _ => (None, None),
    };
    let (w, h) = match (w, h, vw, vh) {
        (Some(w), Some(h), _, _) => (w, h),
        (Some(w), None, Some(vw), Some(vh)) => (w, w * vh / vw),
        (None, Some(h), Some(vw), Some(vh)) => (h * vw / vh, h),
        (None, None, Some(vw), Some(vh)) => (vw, vh),
        _ => return None,
    };
    let round = |n: f64| -> Option<u32> { (n.round() >= 1.0 && n < 100_000.0).then(|| n.round() as u32) };
    Some((round(w)?, round(h)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_lead_to_the_original_upload() {
        assert_eq!(
            original_of("https://s.example/wp-content/uploads/2021/04/a-b-1024x768.jpg"),
            "https://s.example/wp-content/uploads/2021/04/a-b.jpg"
        );
        assert_eq!(original_of("https://s.example/u/photo-scaled.jpg"), "https://s.example/u/photo.jpg");
        assert_eq!(original_of("https://s.example/u/mix-2x.png"), "https://s.example/u/mix-2x.png");
        assert_eq!(original_of("https://s.example/u/1999-12.png"), "https://s.example/u/1999-12.png");
    }

    #[test]
    fn an_upload_named_like_a_resized_copy_is_found_as_itself() {
        let mut site = Site::default();
        for (id, file) in [(1, "banner.png"), (2, "banner-1200x630.png")] {
            let url = format!("https://s.example/wp-content/uploads/2024/04/{file}");
            site.media.insert(id, Media { id, url, ..Media::default() });
        }
        let found = |src: &str| find_media(&site, src).map(|m| m.id);
        assert_eq!(found("https://s.example/wp-content/uploads/2024/04/banner-1200x630.png"), Some(2));
        assert_eq!(found("/wp-content/uploads/2024/04/banner-1200x630.png?ver=2"), Some(2));
        // A copy WordPress made of the first is still the first.
        assert_eq!(found("https://s.example/wp-content/uploads/2024/04/banner-300x150.png"), Some(1));
        assert_eq!(found("https://s.example/wp-content/uploads/2024/04/banner-1200x630-300x158.png"), Some(2));
    }

    #[test]
    fn svg_sizes_come_from_attributes_or_the_view_box() {
        assert_eq!(svg_size(r#"<svg xmlns="x" width="1200" height="675">"#), Some((1200, 675)));
        assert_eq!(svg_size(r#"<?xml?><svg viewBox="0 0 800 450" xmlns="x">"#), Some((800, 450)));
        assert_eq!(svg_size(r#"<svg width="400px" viewBox="0,0,800,450">"#), Some((400, 225)));
        assert_eq!(svg_size(r#"<svg stroke-width="3" viewBox="0 0 10 10">"#), Some((10, 10)));
        assert_eq!(svg_size(r#"<svg width="100%" height="100%">"#), None);
        assert_eq!(svg_size("<svg"), None);
        assert_eq!(svg_size(r#"<svg viewBox="0 0 -5 1e309">"#), None);
    }

    #[test]
    fn an_image_elsewhere_is_kept_only_over_https() {
        let dir = std::env::temp_dir().join(format!("linernotes-images-test-{}", std::process::id()));
        let site = Site { home: "http://mag.example".into(), ..Site::default() };
        let mut images = Images::new(&dir.join("images"), "images/wp/", &site).expect("scratch folder");
        images.remote = false;
        let mut client = Client::new(&dir.join("cache"), None).expect("scratch folder");
        let plain = ImageRef {
            src: "http://cdn.example/a.png".into(),
            alt: "A".into(),
            width: Some(10),
            height: Some(10),
            ..ImageRef::default()
        };
        let refused = images.resolve(&mut client, &site, &plain).err().unwrap_or_default();
        assert!(refused.contains("not over https"), "{refused}");
        let secure = ImageRef { src: "https://cdn.example/a.png".into(), ..plain };
        assert_eq!(
            images.resolve(&mut client, &site, &secure).map(|i| i.src),
            Ok("https://cdn.example/a.png".to_string())
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_gallery_image_is_captioned_and_credited_as_the_media_library_has_it() {
        use crate::import::wordpress::source::Media;
        let dir = std::env::temp_dir().join(format!("linernotes-images-caption-{}", std::process::id()));
        let mut site = Site { home: "http://mag.example".into(), ..Site::default() };
        site.media.insert(
            7,
            Media {
                id: 7,
                url: "https://cdn.example/band.png".into(),
                caption: "<p>The band live. Photo: Sam</p>".into(),
                title: "IMG_2034".into(),
                width: Some(10),
                height: Some(10),
                ..Media::default()
            },
        );
        let mut images = Images::new(&dir.join("images"), "images/wp/", &site).expect("scratch folder");
        images.remote = false;
        let mut client = Client::new(&dir.join("cache"), None).expect("scratch folder");
        let from_gallery = ImageRef {
            attachment: Some(7),
            width: Some(10),
            height: Some(10),
            library_caption: true,
            ..ImageRef::default()
        };
        let image = images.resolve(&mut client, &site, &from_gallery).expect("kept");
        assert_eq!(image.caption.as_deref(), Some("The band live."));
        assert_eq!(image.credit.as_deref(), Some("Photo: Sam"));
        assert_eq!(image.alt, "The band live.", "the caption, not the file's title");
        // An image the post placed itself shows no caption it did not give.
        let placed = ImageRef { library_caption: false, ..from_gallery };
        assert_eq!(images.resolve(&mut client, &site, &placed).map(|i| i.caption), Ok(None));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_unreachable_image_is_reported_once_however_many_copies_were_tried() {
        let dir = std::env::temp_dir().join(format!("linernotes-images-unreachable-{}", std::process::id()));
        // A closed port: every copy fails at once.
        let site = Site { home: "http://127.0.0.1:9".into(), ..Site::default() };
        let mut images = Images::new(&dir.join("images"), "images/wp/", &site).expect("scratch folder");
        let mut client = Client::new(&dir.join("cache"), None).expect("scratch folder");
        let backstage = ImageRef {
            src: "/wp-content/uploads/2021/04/backstage-1024x683.png".into(),
            caption: Some("Backstage at the library.".into()),
            width: Some(1024),
            height: Some(683),
            ..ImageRef::default()
        };
        let why = images.resolve(&mut client, &site, &backstage).err().unwrap_or_default();
        let notes = images.take_notes();
        assert_eq!(notes.len(), 1, "{notes:#?}");
        assert!(notes[0].starts_with("image backstage.png has no alt text"), "{notes:#?}");
        // The message names each address once.
        for name in ["backstage.png", "backstage-1024x683.png"] {
            assert_eq!(why.matches(name).count(), 1, "{why}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
