use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// `site.json`: what the publisher configures without touching code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub name: String,
    #[serde(default)]
    pub tagline: Option<String>,
    /// Where the site is published (`https://linernotes.example`), for
    /// canonical links, link previews, the feed and the sitemap, which all
    /// need absolute addresses. The path comes from the build's base path.
    #[serde(default)]
    pub origin: Option<String>,
    /// The language the site's articles are written in (`de`, `pt-BR`): it
    /// marks their text, cards and comments, and the feed. The reader's own
    /// words around them (buttons, labels) stay in English, the page's
    /// language. Read through [`Site::language`].
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Where articles and the index live, relative to the site's base path
    /// or absolute (`https://cdn.example/content/`).
    #[serde(default = "default_content_base")]
    pub content_base: String,
    #[serde(default)]
    pub comments: CommentService,
    #[serde(default)]
    pub carousel: CarouselSettings,
    #[serde(default)]
    pub embed: EmbedSettings,
}

/// What the search page says of itself to search engines and previews (in
/// no site's name: the page's title carries it).
pub const SEARCH_DESCRIPTION: &str = "Search the articles by artist, title or any word.";

impl Site {
    /// What the front page says of the site to search engines and link
    /// previews: its tagline, in the site's own words and language, or
    /// else a line about a music magazine.
    pub fn description(&self) -> String {
        match self.tagline.as_deref().map(str::trim) {
            Some(tagline) if !tagline.is_empty() => tagline.to_string(),
            _ => "News, features, discoveries and reviews about the music you love.".to_string(),
        }
    }

    /// A page's `<title>`: the page's own title and the site's name, or the
    /// site's name alone for the front page.
    pub fn page_title(&self, title: &str) -> String {
        if title.is_empty() {
            self.name.clone()
        } else {
            format!("{title} · {}", self.name)
        }
    }

    /// The articles' language, if `language` is a well-formed tag.
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref().and_then(super::language_tag)
    }

    /// The origin without a trailing slash, if it is an http(s) address.
    pub fn origin(&self) -> Option<&str> {
        let origin = self.origin.as_deref()?.trim().trim_end_matches('/');
        let rest = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"))?;
        (!rest.is_empty() && !rest.contains('/')).then_some(origin)
    }
}

fn default_content_base() -> String {
    "content/".to_string()
}

impl Default for Site {
    /// What the page shows while `site.json` is loading or if it is broken:
    /// a usable header, no comments.
    fn default() -> Self {
        Site {
            name: "linernotes".to_string(),
            tagline: None,
            origin: None,
            language: None,
            sections: Vec::new(),
            content_base: default_content_base(),
            comments: CommentService::None,
            carousel: CarouselSettings::default(),
            embed: EmbedSettings::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub slug: String,
    pub name: String,
}

/// The comment server, or none. `"none"` and `{"provider": "none"}` both
/// switch comments off.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(tag = "provider", rename_all = "lowercase")]
pub enum CommentService {
    #[default]
    None,
    Isso {
        endpoint: String,
    },
}

impl<'de> Deserialize<'de> for CommentService {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A hand-written visitor rather than `untagged`: serde would buffer
        // the value to try each shape, which costs bytes in the `.wasm`.
        struct Service;
        impl<'de> Visitor<'de> for Service {
            type Value = CommentService;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("\"none\" or {\"provider\": …}")
            }
            fn visit_str<E: de::Error>(self, word: &str) -> Result<CommentService, E> {
                match word {
                    "none" => Ok(CommentService::None),
                    _ => Err(E::custom(format!("unknown comment provider `{word}`"))),
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CommentService, A::Error> {
                let (mut provider, mut endpoint) = (None::<String>, None::<String>);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "provider" => provider = Some(map.next_value()?),
                        // Spaces pasted around the address are not part of it.
                        "endpoint" => endpoint = Some(map.next_value::<String>()?.trim().to_string()),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                match provider.as_deref() {
                    Some("none") => Ok(CommentService::None),
                    Some("isso") => match endpoint {
                        // Without a scheme the address would be read as a
                        // path of the site, whose 404 looks like an empty
                        // thread.
                        Some(endpoint)
                            if !["http://", "https://"]
                                .iter()
                                .any(|scheme| endpoint.trim().to_ascii_lowercase().starts_with(scheme)) =>
                        {
                            Err(de::Error::custom(format!(
                                "the comment server's endpoint `{endpoint}` must be an http:// or https:// address"
                            )))
                        }
                        Some(endpoint) => Ok(CommentService::Isso { endpoint }),
                        None => Err(de::Error::missing_field("endpoint")),
                    },
                    Some(other) => Err(de::Error::custom(format!("unknown comment provider `{other}`"))),
                    None => Err(de::Error::missing_field("provider")),
                }
            }
        }
        d.deserialize_any(Service)
    }
}

/// How the Featured carousel behaves. It never moves by itself unless the
/// publisher asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarouselSettings {
    #[serde(default)]
    pub auto_rotate: bool,
    #[serde(default = "default_interval")]
    pub interval_seconds: u32,
}

fn default_interval() -> u32 {
    7
}

impl Default for CarouselSettings {
    fn default() -> Self {
        CarouselSettings { auto_rotate: false, interval_seconds: default_interval() }
    }
}

/// Which pages may frame the embed route.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EmbedSettings {
    #[serde(default)]
    pub allowed_origins: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_service_reads_both_spellings() {
        let none: Site = serde_json::from_str(r#"{"name":"x","comments":"none"}"#).unwrap();
        assert_eq!(none.comments, CommentService::None);
        let none: Site = serde_json::from_str(r#"{"name":"x","comments":{"provider":"none"}}"#).unwrap();
        assert_eq!(none.comments, CommentService::None);
        let isso: Site =
            serde_json::from_str(r#"{"name":"x","comments":{"provider":"isso","endpoint":"http://127.0.0.1:8080"}}"#)
                .unwrap();
        assert_eq!(isso.comments, CommentService::Isso { endpoint: "http://127.0.0.1:8080".into() });
        let padded: Site =
            serde_json::from_str(r#"{"name":"x","comments":{"provider":"isso","endpoint":" http://127.0.0.1:8080 "}}"#)
                .unwrap();
        assert_eq!(padded.comments, CommentService::Isso { endpoint: "http://127.0.0.1:8080".into() });
        assert!(serde_json::from_str::<Site>(r#"{"name":"x","comments":"disqus"}"#).is_err());
        // An address without its scheme would be read as a path of the site.
        let bare = serde_json::from_str::<Site>(
            r#"{"name":"x","comments":{"provider":"isso","endpoint":"comments.example.com"}}"#,
        );
        assert!(bare.is_err_and(|e| e.to_string().contains("must be an http:// or https:// address")));
    }
}
