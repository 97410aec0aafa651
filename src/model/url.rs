/// A link target that passed the link rule: `http`, `https`, `mailto`, or a
/// path on this site. Content can say anything in `href`; only a
/// `SafeHref` ever reaches an `<a>` element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SafeHref {
    /// A path on this site, such as `/article/film-out`. The view prefixes
    /// the site's base path, so content never needs to know where it is hosted.
    Site(String),
    /// An absolute `http`/`https` URL.
    Web(String),
    /// A `mailto:` address.
    Mail(String),
}

impl SafeHref {
    /// Applies the rule the way a browser would read the attribute: browsers
    /// drop tabs and newlines anywhere in a URL and trim control characters
    /// and spaces at its ends, so `" java\tscript:…"` is a script URL to
    /// them, and must be one to us too.
    pub fn parse(raw: &str) -> Option<SafeHref> {
        let cleaned: String = raw.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
        let s = cleaned.trim_matches(|c: char| c <= ' ');
        if s.is_empty() || s.chars().any(|c| c.is_control()) {
            return None;
        }
        if let Some(path) = s.strip_prefix('/') {
            // `//host` and `/\host` leave the site (browsers read `\` as `/`).
            if path.starts_with('/') || path.starts_with('\\') {
                return None;
            }
            return Some(SafeHref::Site(s.to_string()));
        }
        let colon = s.find(':')?;
        let scheme = &s[..colon];
        let valid_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !valid_scheme {
            return None;
        }
        let rest = &s[colon + 1..];
        match scheme.to_ascii_lowercase().as_str() {
            "http" | "https" => {
                let host = rest.strip_prefix("//")?;
                let host_end = host.find(['/', '?', '#', '\\']).unwrap_or(host.len());
                if host[..host_end].is_empty() || host.contains('\\') {
                    return None;
                }
                Some(SafeHref::Web(s.to_string()))
            }
            "mailto" if !rest.is_empty() => Some(SafeHref::Mail(s.to_string())),
            _ => None,
        }
    }

    /// Whether the link stays on this site (and so the router handles it).
    pub fn is_site(&self) -> bool {
        matches!(self, SafeHref::Site(_))
    }

    /// The `href` to put in the page, given the site's base path (`/` or
    /// `/magazine/`).
    pub fn resolve(&self, base: &str) -> String {
        match self {
            SafeHref::Site(path) => format!("{}{}", base.trim_end_matches('/'), path),
            SafeHref::Web(url) | SafeHref::Mail(url) => url.clone(),
        }
    }
}

/// The image rule, as [`SafeHref`] is the link rule: an image may come from
/// this site (`images/x.svg`, `/images/x.svg`), from an `https:` address, or
/// be a `data:image/…` URL. Anything else (`data:text/html`, `javascript:`,
/// `http:`, `//elsewhere`) is not shown.
/// Hosts of the services' own image servers: cover art or a poster from
/// there would tell the service about every reader before anyone presses
/// play, so the players never show it.
/// (`youtube.com` for `img.youtube.com`, YouTube's other thumbnail server;
/// `ggpht.com` for its channels' pictures.)
const SERVICE_IMAGE_HOSTS: [&str; 9] = [
    "scdn.co",
    "spotifycdn.com",
    "mzstatic.com",
    "sndcdn.com",
    "bcbits.com",
    "ytimg.com",
    "youtube.com",
    "ggpht.com",
    "vimeocdn.com",
];

/// The host of `src` if it is one of the services' image servers.
pub fn service_image_host(src: &str) -> Option<String> {
    let rest = src.trim().split_once("//").map(|(_, rest)| rest)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default().rsplit('@').next().unwrap_or_default();
    let host = host.split(':').next().unwrap_or_default().to_ascii_lowercase();
    SERVICE_IMAGE_HOSTS.iter().any(|h| host == *h || host.ends_with(&format!(".{h}"))).then_some(host)
}

pub fn image_src_allowed(raw: &str) -> bool {
    let src = raw.trim();
    if src.is_empty() || src.chars().any(|c| c.is_control() || c == '\\') {
        return false;
    }
    let lower = src.get(..11).unwrap_or(src).to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("https://") {
        return !rest.starts_with('/') && src.len() > "https://".len();
    }
    if let Some(mime) = src.get(..11).filter(|p| p.eq_ignore_ascii_case("data:image/")).map(|_| &src[11..]) {
        let end = mime.find([';', ',']).unwrap_or(mime.len());
        return end > 0
            && mime[..end].bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
            && mime[end..].contains(',');
    }
    if src.starts_with("//") {
        return false;
    }
    // A path on this site has no scheme: no `:` before its first `/`, `?` or `#`.
    let head = src.split(['/', '?', '#']).next().unwrap_or_default();
    !head.contains(':')
}

/// Text as a URL query value (`q=sigur%20r%C3%B3s`).
pub fn encode_query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{encode_query_value, image_src_allowed, SafeHref};

    #[test]
    fn the_services_image_servers_are_known() {
        use super::service_image_host;
        for src in [
            "https://i.ytimg.com/vi/x/hqdefault.jpg",
            "https://i.scdn.co/image/ab67",
            "//is1-ssl.mzstatic.com/a.jpg",
            "https://user@I1.SNDCDN.com:443/x.jpg",
            "https://img.youtube.com/vi/zFT3f9biz68/maxresdefault.jpg",
            "https://yt3.ggpht.com/a/photo.jpg",
        ] {
            assert!(service_image_host(src).is_some(), "{src}");
        }
        for src in [
            "images/cover.svg",
            "/images/cover.svg",
            "https://cdn.example/ytimg.com.jpg",
            "https://notytimg.com/x.jpg",
            "data:image/png;base64,AA",
        ] {
            assert_eq!(service_image_host(src), None, "{src}");
        }
    }

    #[test]
    fn accepts_web_mail_and_site_links() {
        let cases = [
            ("https://example.com/a?b=c#d", SafeHref::Web("https://example.com/a?b=c#d".into())),
            ("HTTP://EXAMPLE.COM", SafeHref::Web("HTTP://EXAMPLE.COM".into())),
            ("  https://example.com  ", SafeHref::Web("https://example.com".into())),
            ("mailto:letters@linernotes.example", SafeHref::Mail("mailto:letters@linernotes.example".into())),
            ("/article/film-out", SafeHref::Site("/article/film-out".into())),
            ("/category/news?page=2#top", SafeHref::Site("/category/news?page=2#top".into())),
            ("/", SafeHref::Site("/".into())),
        ];
        for (raw, want) in cases {
            assert_eq!(SafeHref::parse(raw), Some(want), "{raw:?}");
        }
    }

    #[test]
    fn refuses_everything_else() {
        let refused = [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " javascript:alert(1)",
            "\tjavascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            "\u{0}javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "javascript&#58;alert(1)",
            "javascript&colon;alert(1)",
            "&#106;avascript:alert(1)",
            "%6Aavascript:alert(1)",
            "jav&#x09;ascript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
            "ftp://example.com/",
            "blob:https://example.com/uuid",
            "//evil.example/",
            "/\\evil.example/",
            "\\\\evil.example\\",
            "https:evil.example",
            "https:///path-only",
            "http://",
            "https://evil.example\\@good.example",
            "mailto:",
            "relative/path",
            "../up",
            "#fragment",
            "",
            "   ",
            "https://exa\u{7f}mple.com",
        ];
        for raw in refused {
            assert_eq!(SafeHref::parse(raw), None, "{raw:?} must not become a link");
        }
    }

    #[test]
    fn site_links_carry_the_base_path() {
        let link = SafeHref::parse("/article/film-out").unwrap();
        assert_eq!(link.resolve("/"), "/article/film-out");
        assert_eq!(link.resolve("/magazine/"), "/magazine/article/film-out");
        let web = SafeHref::parse("https://example.com/").unwrap();
        assert_eq!(web.resolve("/magazine/"), "https://example.com/");
    }

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode_query_value("sigur rós&x=1"), "sigur%20r%C3%B3s%26x%3D1");
        assert_eq!(encode_query_value("a-b_c.d~"), "a-b_c.d~");
    }

    #[test]
    fn image_sources_follow_the_image_rule() {
        for good in [
            "images/film-out.svg",
            "/images/film-out.svg",
            "images/a b.png",
            "https://cdn.example/a.png",
            "HTTPS://CDN.EXAMPLE/A.PNG",
            "data:image/png;base64,iVBORw0KGgo=",
            "data:image/svg+xml,%3Csvg%3E",
            "../images/up.svg",
        ] {
            assert!(image_src_allowed(good), "{good:?} should be allowed");
        }
        for bad in [
            "",
            "  ",
            "data:text/html,<script>alert(1)</script>",
            "data:image/png",
            "data:,plain",
            "DATA:TEXT/HTML;base64,PHNjcmlwdD4=",
            "javascript:alert(1)",
            "http://cdn.example/a.png",
            "//evil.example/a.png",
            "https:///a.png",
            "https://",
            "ftp://example.com/a.png",
            "images\\a.png",
            "blob:https://example.com/uuid",
            "images/a.png\u{0}",
            "data:image/<x>,1",
        ] {
            assert!(!image_src_allowed(bad), "{bad:?} must not be an image source");
        }
    }
}
