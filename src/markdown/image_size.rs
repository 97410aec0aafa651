//! Image sizes read from the files, so the page reserves each image's box:
//! PNG, JPEG, WebP and AVIF by their headers (`imagesize`), SVG by the root
//! element's `width`, `height` and `viewBox`.

use std::path::{Component, Path, PathBuf};

use thiserror::Error;

use super::Context;
use crate::model::image_src_allowed;

#[derive(Debug, Error)]
pub enum ImageSizeError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path} is not a PNG, JPEG, WebP, AVIF or SVG image the size can be read from")]
    Unsupported { path: PathBuf },
    #[error("{path} is damaged: its size cannot be read")]
    Corrupted { path: PathBuf },
    #[error("{path}: the <svg> element has no width and height, nor a viewBox, to take the size from")]
    SvgWithoutSize { path: PathBuf },
}

/// Larger files are not images an article should carry.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The width and height in pixels of the image file at `path`.
pub fn image_size(path: &Path) -> Result<(u32, u32), ImageSizeError> {
    let io = |source| ImageSizeError::Io { path: path.to_path_buf(), source };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_BYTES {
        return Err(ImageSizeError::Unsupported { path: path.to_path_buf() });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let is_svg = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("svg"))
        || bytes.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|&b| b == b'<');
    if is_svg {
        let text = String::from_utf8_lossy(&bytes);
        return svg_size(&text).ok_or_else(|| ImageSizeError::SvgWithoutSize { path: path.to_path_buf() });
    }
    match imagesize::blob_size(&bytes) {
        Ok(size) => match (u32::try_from(size.width), u32::try_from(size.height)) {
            (Ok(w), Ok(h)) if w > 0 && h > 0 => Ok(upright_size(&bytes, (w, h))),
            _ => Err(ImageSizeError::Corrupted { path: path.to_path_buf() }),
        },
        Err(imagesize::ImageError::NotSupported) => Err(ImageSizeError::Unsupported { path: path.to_path_buf() }),
        Err(_) => Err(ImageSizeError::Corrupted { path: path.to_path_buf() }),
    }
}

/// The size an SVG declares on its root element, in CSS pixels.
/// The size a browser shows a raster image at: a phone's JPEG is often
/// stored on its side with an EXIF orientation that turns it upright
/// (5 to 8: a quarter turn), and browsers follow it, so its box is the
/// stored height wide.
pub(crate) fn upright_size(bytes: &[u8], (width, height): (u32, u32)) -> (u32, u32) {
    match jpeg_orientation(bytes) {
        Some(5..=8) => (height, width),
        _ => (width, height),
    }
}

/// The EXIF orientation of a JPEG: in its APP1 segment, tag 0x0112 of the
/// first image directory. `None` for anything else, or a header that does
/// not read (the stored size stands).
fn jpeg_orientation(bytes: &[u8]) -> Option<u16> {
    let mut at = 2;
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    // The segments before the image data; EXIF comes first in practice.
    while let [0xFF, marker, high, low, ..] = *bytes.get(at..at + 4)? {
        let len = usize::from(u16::from_be_bytes([high, low]));
        if marker == 0xDA || len < 2 {
            return None;
        }
        let segment = bytes.get(at + 4..at + 2 + len)?;
        if marker == 0xE1 {
            if let Some(tiff) = segment.strip_prefix(b"Exif\0\0") {
                return tiff_orientation(tiff);
            }
        }
        at += 2 + len;
    }
    None
}

fn tiff_orientation(tiff: &[u8]) -> Option<u16> {
    let big = match tiff.get(..2)? {
        b"MM" => true,
        b"II" => false,
        _ => return None,
    };
    let u16_at = |i: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(i..i + 2)?.try_into().ok()?;
        Some(if big { u16::from_be_bytes(b) } else { u16::from_le_bytes(b) })
    };
    let u32_at = |i: usize| -> Option<usize> {
        let b: [u8; 4] = tiff.get(i..i + 4)?.try_into().ok()?;
        usize::try_from(if big { u32::from_be_bytes(b) } else { u32::from_le_bytes(b) }).ok()
    };
    let directory = u32_at(4)?;
    let entries = usize::from(u16_at(directory)?);
    (0..entries.min(512)).find_map(|n| {
        let entry = directory.checked_add(2 + 12 * n)?;
        (u16_at(entry)? == 0x0112).then(|| u16_at(entry + 8)).flatten()
    })
}

pub(crate) fn svg_size(text: &str) -> Option<(u32, u32)> {
    let attrs = root_svg_attributes(text)?;
    let get = |name: &str| attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let width = get("width").and_then(length);
    let height = get("height").and_then(length);
    let view_box = get("viewBox").and_then(|v| {
        let numbers: Vec<f64> = v
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        match numbers.as_slice() {
            [_, _, w, h] if *w > 0.0 && *h > 0.0 => Some((*w, *h)),
            _ => None,
        }
    });
    let (w, h) = match (width, height, view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (None, None, Some(size)) => size,
        _ => return None,
    };
    let px = |v: f64| (v.is_finite() && v >= 0.5 && v < f64::from(u32::MAX)).then(|| v.round() as u32);
    Some((px(w)?, px(h)?))
}

/// A length in CSS pixels; relative units (`%`, `em`) give none.
fn length(value: &str) -> Option<f64> {
    let value = value.trim();
    let bytes = value.as_bytes();
    let mut end = bytes.iter().take_while(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+')).count();
    // An exponent only when digits follow: the `e` of `em` is a unit.
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let digits_at = if matches!(bytes.get(end + 1), Some(b'+' | b'-')) { end + 2 } else { end + 1 };
        if bytes.get(digits_at).is_some_and(u8::is_ascii_digit) {
            end = digits_at + bytes.iter().skip(digits_at).take_while(|b| b.is_ascii_digit()).count();
        }
    }
    let n: f64 = value.get(..end)?.parse().ok()?;
    let scale = match value.get(end..)?.trim() {
        "" | "px" => 1.0,
        "pt" => 96.0 / 72.0,
        "pc" => 16.0,
        "in" => 96.0,
        "cm" => 96.0 / 2.54,
        "mm" => 96.0 / 25.4,
        _ => return None,
    };
    (n > 0.0).then_some(n * scale)
}

/// The attributes of the first `<svg …>` start tag, after any prolog,
/// comments and doctype.
fn root_svg_attributes(text: &str) -> Option<Vec<(String, String)>> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            rest = after.split_once("?>")?.1;
        } else if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->")?.1;
        } else if let Some(after) = rest.strip_prefix("<!") {
            rest = after.split_once('>')?.1;
        } else {
            break;
        }
    }
    let tag = rest.strip_prefix("<svg")?;
    if !tag.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/') {
        return None;
    }
    let mut attrs = Vec::new();
    let mut s = tag;
    loop {
        s = s.trim_start();
        if s.is_empty() || s.starts_with('>') || s.starts_with("/>") {
            return Some(attrs);
        }
        let name_end = s.find(|c: char| c == '=' || c.is_whitespace() || c == '>' || c == '/')?;
        let name = s.get(..name_end)?.to_string();
        s = s.get(name_end..)?.trim_start();
        let Some(after_eq) = s.strip_prefix('=') else {
            attrs.push((name, String::new()));
            continue;
        };
        let after_eq = after_eq.trim_start();
        let quote = after_eq.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let body = after_eq.get(1..)?;
        let (value, after) = body.split_once(quote)?;
        attrs.push((name, value.to_string()));
        s = after;
    }
}

/// An image path as the article JSON keeps it, and its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ResolvedImage {
    pub src: String,
    pub width: u32,
    pub height: u32,
}

/// Checks an image path and finds its size: from `width`/`height` when both
/// are given, else from the file (one given keeps the file's proportions).
/// Paths are relative to the site (`images/x.svg`), or to the Markdown file
/// when they start with `./` or `../`; other sites' images need both sizes.
pub(crate) fn resolve_image(
    src: &str,
    width: Option<u32>,
    height: Option<u32>,
    context: &Context,
) -> Result<ResolvedImage, String> {
    let src = src.trim();
    if src.is_empty() {
        return Err("the image has no path: write ![what it shows](images/x.svg)".into());
    }
    let lower = src.to_ascii_lowercase();
    if lower.starts_with("http://") {
        return Err(format!("`{src}` is not a secure address: images from other sites need https://"));
    }
    if lower.starts_with("https://") {
        if !image_src_allowed(src) {
            return Err(format!("`{src}` is not a usable web address"));
        }
        return match (width, height) {
            (Some(width), Some(height)) => Ok(ResolvedImage { src: src.to_string(), width, height }),
            _ => Err(format!(
                "`{src}` is on another site, so its size cannot be read: give width and height (or copy it into images/)"
            )),
        };
    }
    let (relative, path) = locate(src, context)?;
    let (width, height) = match (width, height) {
        (Some(w), Some(h)) => (w, h),
        (given_w, given_h) => {
            let (fw, fh) = image_size(&path).map_err(|e| e.to_string())?;
            match (given_w, given_h) {
                (Some(w), None) => (w, scaled(fh, w, fw)),
                (None, Some(h)) => (scaled(fw, h, fh), h),
                _ => (fw, fh),
            }
        }
    };
    Ok(ResolvedImage { src: relative, width, height })
}

/// Checks a path to an image of this site and gives it as the article JSON
/// keeps it (relative to the site, with `/`): the file must be there.
pub(crate) fn locate_image(src: &str, context: &Context) -> Result<String, String> {
    locate(src, context).map(|(address, _)| address)
}

/// The image's address as the JSON keeps it, and its file.
fn locate(src: &str, context: &Context) -> Result<(String, PathBuf), String> {
    let src = src.trim();
    if src.to_ascii_lowercase().starts_with("data:") {
        return Err("images are files: put it in images/ and write its path, such as images/x.svg".into());
    }
    if src.is_empty() || src.starts_with("//") || src.contains(':') || src.contains('\\') || src.contains('?') {
        return Err(format!("`{src}` is not an image path: write a path such as images/x.svg"));
    }
    if src.contains('#') || !image_src_allowed(src) {
        return Err(format!("`{src}` is not an image path: write a path such as images/x.svg"));
    }
    // The path is part of an address (`my%20photo.svg`), so the file is
    // looked for under its decoded name; the JSON keeps the address.
    let Some(decoded) = decode_path(src) else {
        return Err(format!("`{src}` is not an image path: write a path such as images/x.svg"));
    };
    // `/images/x.svg` is a path on this site too: kept as written.
    if let Some(rooted) = decoded.strip_prefix('/') {
        let path = context.site_root.join(rooted);
        if Path::new(rooted).components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(format!("`{src}` leaves the site folder: keep images in images/"));
        }
        if let Some(named) = named_otherwise(&context.site_root, rooted) {
            return Err(case_advice(src, &format!("/{named}")));
        }
        if !path.is_file() {
            return Err(format!("there is no image at `{src}` (looked for {})", path.display()));
        }
        return Ok((src.to_string(), path));
    }
    let (relative, address) = if decoded.starts_with("./") || decoded.starts_with("../") {
        let full = normalize(&context.source_dir.join(&decoded));
        let root = normalize(&context.site_root);
        match full.strip_prefix(&root) {
            Ok(inside) => {
                let relative = inside.components().filter_map(|c| c.as_os_str().to_str()).collect::<Vec<_>>().join("/");
                let address = encode_path(&relative);
                (relative, address)
            }
            Err(_) => return Err(format!("`{src}` is outside the site folder: keep images in images/")),
        }
    } else {
        if Path::new(&decoded).components().any(|c| !matches!(c, Component::Normal(_))) {
            return Err(format!("`{src}` leaves the site folder: keep images in images/"));
        }
        (decoded.clone(), src.to_string())
    };
    let path = context.site_root.join(&relative);
    if let Some(named) = named_otherwise(&context.site_root, &relative) {
        return Err(case_advice(&relative, &named));
    }
    if !path.is_file() {
        return Err(format!("there is no image at `{relative}` (looked for {})", path.display()));
    }
    Ok((address, path))
}

/// The path of the file `relative` names but for letter case
/// (`images/Film-Out.svg` for `images/film-out.svg`), when no file has the
/// name as written. An editor's Mac or Windows finds the file either way;
/// the web server, and the build on Linux, does not. Every image of every
/// article is checked on each compile (the dev loop's too), so folders are
/// listed only when they must be: when the file is not there as written,
/// or when this system also finds it under other capitals.
fn named_otherwise(root: &Path, relative: &str) -> Option<String> {
    if root.join(relative).is_file() {
        let flipped: String = relative
            .chars()
            .map(|c| if c.is_ascii_lowercase() { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect();
        if flipped == relative || !root.join(&flipped).is_file() {
            return None;
        }
    }
    list_named(root, relative)
}

/// [`named_otherwise`]'s walk: each folder of the path listed, each part
/// matched as written or else ignoring capitals.
fn list_named(root: &Path, relative: &str) -> Option<String> {
    let mut dir = root.to_path_buf();
    let mut found = Vec::new();
    let mut differs = false;
    for part in relative.split('/').filter(|p| !p.is_empty()) {
        let names: Vec<String> =
            std::fs::read_dir(&dir).ok()?.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
        let name = match names.iter().find(|n| *n == part) {
            Some(exact) => exact.clone(),
            None => {
                differs = true;
                names.into_iter().find(|n| n.to_lowercase() == part.to_lowercase())?
            }
        };
        dir.push(&name);
        found.push(name);
    }
    (differs && dir.is_file()).then(|| found.join("/"))
}

fn case_advice(written: &str, named: &str) -> String {
    format!(
        "the image is `{named}`, not `{written}`: web servers tell capital letters apart, so write the path as the \
         file is named (or rename the file)"
    )
}

/// A path of an address, percent-decoded (`my%20photo.svg` → `my photo.svg`).
/// `None` when a `%` is not followed by two hex digits, the bytes are not
/// UTF-8, or it encodes a separator (`%2F`, `%5C`) or a control character,
/// which would name another file than the address does.
pub(crate) fn decode_path(src: &str) -> Option<String> {
    let bytes = src.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b != b'%' {
            out.push(b);
            i += 1;
            continue;
        }
        let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
        let byte = u8::from_str_radix(hex, 16).ok()?;
        if matches!(byte, b'/' | b'\\') || byte.is_ascii_control() {
            return None;
        }
        out.push(byte);
        i += 3;
    }
    String::from_utf8(out).ok()
}

/// A site path as an address: bytes other than letters, digits, `/` and
/// `-._~` percent-encoded, so the reader fetches the file by its name.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `value * numerator / denominator`, rounded, at least 1.
fn scaled(value: u32, numerator: u32, denominator: u32) -> u32 {
    let d = u64::from(denominator.max(1));
    let n = u64::from(value) * u64::from(numerator);
    u32::try_from((n + d / 2) / d).unwrap_or(u32::MAX).max(1)
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes_come_from_width_height_or_viewbox() {
        let cases = [
            (r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675">"#, Some((1200, 675))),
            (r#"<?xml version="1.0"?><!-- a --><!DOCTYPE svg><svg viewBox="0 0 800 600">"#, Some((800, 600))),
            (r#"<svg width="400px" viewBox="0,0,800,600">"#, Some((400, 300))),
            (r#"<svg height='300' viewBox='0 0 800 600'>"#, Some((400, 300))),
            (r#"<svg width="100%" height="100%" viewBox="0 0 1200 675">"#, Some((1200, 675))),
            (r#"<svg width="2in" height="1in">"#, Some((192, 96))),
            (r#"<svg width="10em" height="5em">"#, None),
            (r#"<svg>"#, None),
            (r#"<svgx width="1" height="1">"#, None),
            (r#"<html><svg width="1" height="1">"#, None),
            (r#"<svg width="-5" height="5">"#, None),
            (r#"<svg width="1e3" height="5e2">"#, Some((1000, 500))),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(svg_size(text), want, "{text}");
        }
    }

    #[test]
    fn a_path_whose_letter_case_differs_from_the_file_names_the_file() {
        let site = std::env::temp_dir().join(format!("linernotes-case-{}", std::process::id()));
        std::fs::create_dir_all(site.join("images/Live")).unwrap();
        std::fs::create_dir_all(site.join("content/articles")).unwrap();
        std::fs::write(site.join("images/Live/film-out.svg"), r#"<svg width="4" height="3">"#).unwrap();
        let context = Context {
            slug: "x".into(),
            site_root: site.clone(),
            source_dir: site.join("content/articles"),
            ..Context::default()
        };
        let found = |src: &str| locate_image(src, &context);
        let results =
            [found("images/live/Film-Out.svg"), found("/images/Live/FILM-OUT.svg"), found("images/Live/film-out.svg")];
        std::fs::remove_dir_all(&site).unwrap();
        assert_eq!(
            results[0],
            Err("the image is `images/Live/film-out.svg`, not `images/live/Film-Out.svg`: web servers tell capital \
                 letters apart, so write the path as the file is named (or rename the file)"
                .into())
        );
        assert!(results[1].as_ref().is_err_and(|e| e.contains("is `/images/Live/film-out.svg`")), "{:?}", results[1]);
        assert_eq!(results[2].as_deref(), Ok("images/Live/film-out.svg"));
    }

    #[test]
    fn a_percent_encoded_path_finds_the_file_and_stays_an_address() {
        let site = std::env::temp_dir().join(format!("linernotes-pct-{}", std::process::id()));
        std::fs::create_dir_all(site.join("images")).unwrap();
        std::fs::create_dir_all(site.join("content/articles")).unwrap();
        std::fs::write(site.join("images/my photo.svg"), r#"<svg width="4" height="3">"#).unwrap();
        let context = Context {
            slug: "x".into(),
            site_root: site.clone(),
            source_dir: site.join("content/articles"),
            known_slugs: None,
            sections: None,
            section_slugs: None,
            now: None,
        };
        let found = |src: &str| locate_image(src, &context);
        let results = [
            found("images/my%20photo.svg"),
            found("../../images/my%20photo.svg"),
            found("/images/my%20photo.svg"),
            found("images%2Fmy%20photo.svg"),
            found("images/my%2"),
        ];
        let size = resolve_image("images/my%20photo.svg", None, None, &context).map(|r| (r.width, r.height));
        std::fs::remove_dir_all(&site).unwrap();
        assert_eq!(results[0].as_deref(), Ok("images/my%20photo.svg"));
        assert_eq!(results[1].as_deref(), Ok("images/my%20photo.svg"));
        assert_eq!(results[2].as_deref(), Ok("/images/my%20photo.svg"));
        assert!(results[3].as_ref().is_err_and(|e| e.contains("is not an image path")), "{:?}", results[3]);
        assert!(results[4].as_ref().is_err_and(|e| e.contains("is not an image path")), "{:?}", results[4]);
        assert_eq!(size, Ok((4, 3)));
    }

    #[test]
    fn the_sample_images_have_sizes() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/images");
        assert_eq!(image_size(&dir.join("film-out.svg")).unwrap(), (1200, 675));
    }

    #[test]
    fn a_jpeg_turned_by_its_exif_orientation_is_measured_upright() {
        // SOI, an APP1 with a one-entry EXIF directory (orientation), then
        // the frame header: stored 4032 × 3024.
        let jpeg = |big: bool, orientation: u16| {
            let u16b = |v: u16| if big { v.to_be_bytes() } else { v.to_le_bytes() };
            let u32b = |v: u32| if big { v.to_be_bytes() } else { v.to_le_bytes() };
            let mut tiff = if big { b"MM".to_vec() } else { b"II".to_vec() };
            tiff.extend(u16b(42));
            tiff.extend(u32b(8));
            tiff.extend(u16b(1));
            tiff.extend(u16b(0x0112));
            tiff.extend(u16b(3));
            tiff.extend(u32b(1));
            tiff.extend(u16b(orientation));
            tiff.extend([0, 0]);
            tiff.extend(u32b(0));
            let mut app1 = b"Exif\0\0".to_vec();
            app1.extend(tiff);
            let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
            out.extend(u16::try_from(app1.len() + 2).unwrap().to_be_bytes());
            out.extend(app1);
            out.extend([0xFF, 0xC0, 0, 17, 8]);
            out.extend(3024u16.to_be_bytes());
            out.extend(4032u16.to_be_bytes());
            out.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
            out.extend([0xFF, 0xD9]);
            out
        };
        let dir = std::env::temp_dir().join(format!("ln-exif-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (big, orientation, size) in
            [(true, 6, (3024, 4032)), (false, 8, (3024, 4032)), (false, 1, (4032, 3024)), (true, 3, (4032, 3024))]
        {
            let path = dir.join("phone.jpg");
            std::fs::write(&path, jpeg(big, orientation)).unwrap();
            assert_eq!(image_size(&path).unwrap(), size, "orientation {orientation}");
        }
        // A header cut short keeps the stored size.
        let cut = &jpeg(true, 6)[..20];
        assert_eq!(upright_size(cut, (4032, 3024)), (4032, 3024));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn raster_headers_are_read_and_broken_files_are_errors() {
        let dir = std::env::temp_dir().join(format!("linernotes-imagesize-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // A 3×2 PNG header (signature, IHDR).
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];
        png.extend_from_slice(&3u32.to_be_bytes());
        png.extend_from_slice(&2u32.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0, 0, 0, 0, 0]);
        std::fs::write(dir.join("a.png"), &png).unwrap();
        assert_eq!(image_size(&dir.join("a.png")).unwrap(), (3, 2));
        // Cut before the size: an error, never a panic.
        for n in 0..24 {
            std::fs::write(dir.join("cut.png"), &png[..n]).unwrap();
            assert!(image_size(&dir.join("cut.png")).is_err(), "{n} bytes");
        }
        std::fs::write(dir.join("notes.txt"), "plain words").unwrap();
        let text = image_size(&dir.join("notes.txt"));
        assert!(matches!(text, Err(ImageSizeError::Unsupported { .. } | ImageSizeError::Corrupted { .. })), "{text:?}");
        assert!(matches!(image_size(&dir.join("missing.png")), Err(ImageSizeError::Io { .. })));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
