//! A careful HTTP client: retries with backoff, honours 429 and
//! `Retry-After`, and keeps every successful response on disk so an
//! interrupted run resumes and a re-run works offline.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use super::error::ImportError;

/// A response body with the headers the importer reads.
pub struct Fetched {
    pub body: Vec<u8>,
    pub content_type: String,
    pub total_pages: Option<u32>,
}

pub struct Client {
    agent: ureq::Agent,
    cache: PathBuf,
    auth: Option<String>,
    /// Ask the site again for listings (not for files, which do not change
    /// under the same URL).
    pub refresh: bool,
    pub requests: u64,
    pub cache_hits: u64,
    pub offline: bool,
}

const ATTEMPTS: u32 = 5;
/// The content type a cached redirect answer is stored under.
const REDIRECT: &str = "linernotes/redirect";

impl Client {
    pub fn new(cache: &Path, auth: Option<(String, String)>) -> Result<Client, ImportError> {
        std::fs::create_dir_all(cache).map_err(ImportError::io(cache))?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            // A large listing may take long to arrive; a site that never
            // starts answering is given up on sooner, five times over.
            .timeout_global(Some(Duration::from_secs(120)))
            .timeout_connect(Some(Duration::from_secs(20)))
            .timeout_recv_response(Some(Duration::from_secs(45)))
            .http_status_as_error(false)
            .user_agent("linernotes-publish (WordPress import)")
            .build()
            .into();
        let auth = auth.map(|(user, password)| format!("Basic {}", base64(&format!("{user}:{password}"))));
        Ok(Client {
            agent,
            cache: cache.to_path_buf(),
            auth,
            refresh: false,
            requests: 0,
            cache_hits: 0,
            offline: false,
        })
    }

    fn entry(&self, url: &str) -> PathBuf {
        let mut hash = Sha256::new();
        hash.update(url.as_bytes());
        hash.update(self.auth.as_deref().unwrap_or_default().as_bytes());
        let hex: String = hash.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect();
        self.cache.join(&hex[..2]).join(hex)
    }

    /// GET, from the cache when it holds the answer (`listing` answers are
    /// asked again with `refresh`).
    pub fn get(&mut self, url: &str, listing: bool) -> Result<Fetched, ImportError> {
        let entry = self.entry(url);
        if !(listing && self.refresh) {
            if let Some(hit) = read_entry(&entry) {
                self.cache_hits += 1;
                return Ok(hit);
            }
        }
        if self.offline {
            return Err(ImportError::Network { url: url.into(), reason: "not in the cache, and --offline".into() });
        }
        let fetched = self.fetch(url)?;
        write_entry(&entry, &fetched).map_err(ImportError::io(&entry))?;
        Ok(fetched)
    }

    fn fetch(&mut self, url: &str) -> Result<Fetched, ImportError> {
        // Nothing but the web is asked, and a refusal is not retried.
        let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase()).unwrap_or_default();
        if scheme != "http" && scheme != "https" {
            return Err(ImportError::Network {
                url: url.chars().take(80).collect(),
                reason: "not a web address".into(),
            });
        }
        let mut wait = Duration::from_millis(500);
        let mut last = String::new();
        for attempt in 1..=ATTEMPTS {
            self.requests += 1;
            let mut req = self.agent.get(url);
            if let Some(auth) = &self.auth {
                req = req.header("Authorization", auth);
            }
            match req.call() {
                Ok(mut res) => {
                    let status = res.status().as_u16();
                    let header = |name: &str| res.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
                    let content_type = header("content-type").unwrap_or_default();
                    let total_pages = header("x-wp-totalpages").and_then(|v| v.trim().parse().ok());
                    let retry_after = header("retry-after").and_then(|v| v.trim().parse::<u64>().ok());
                    if status == 429 || status >= 500 {
                        last = format!("status {status}");
                        if attempt < ATTEMPTS {
                            let pause = retry_after.map(|s| Duration::from_secs(s.min(120))).unwrap_or(wait);
                            std::thread::sleep(pause);
                            wait *= 2;
                            continue;
                        }
                        let hint = format!(
                            " (asked {ATTEMPTS} times; what was read is kept in the cache: running the import again later goes on from there)"
                        );
                        return Err(ImportError::Status { url: url.into(), status, hint });
                    }
                    if !(200..300).contains(&status) {
                        let hint = match status {
                            401 | 403 => " (the site refuses: check --user and LINERNOTES_WP_APP_PASSWORD, or whether the REST API is blocked)",
                            404 if url.contains("/wp-json/") || url.contains("rest_route=") => {
                                " (not found: is this a WordPress site with its REST API on?)"
                            }
                            404 => " (not found)",
                            _ => "",
                        };
                        return Err(ImportError::Status { url: url.into(), status, hint: hint.into() });
                    }
                    let body = res
                        .body_mut()
                        .with_config()
                        .limit(512 * 1024 * 1024)
                        .read_to_vec()
                        .map_err(|e| ImportError::Network { url: url.into(), reason: e.to_string() })?;
                    return Ok(Fetched { body, content_type, total_pages });
                }
                Err(err) => {
                    last = err.to_string();
                    if attempt < ATTEMPTS {
                        std::thread::sleep(wait);
                        wait *= 2;
                    }
                }
            }
        }
        Err(ImportError::Network { url: url.into(), reason: last })
    }

    /// Where the site sends a request for `url` (a 301 or 302 of its own,
    /// not followed), or `None` when it answers without redirecting. Kept
    /// in the cache like any answer, and asked again with `refresh`, as a
    /// listing is: a post renamed again redirects elsewhere.
    pub fn redirect_of(&mut self, url: &str) -> Result<Option<String>, ImportError> {
        let entry = self.entry(&format!("redirect {url}"));
        if let Some(hit) = read_entry(&entry).filter(|h| h.content_type == REDIRECT && !self.refresh) {
            self.cache_hits += 1;
            return Ok(Some(String::from_utf8_lossy(&hit.body).into_owned()).filter(|l| !l.is_empty()));
        }
        if self.offline {
            return Err(ImportError::Network { url: url.into(), reason: "not in the cache, and --offline".into() });
        }
        let mut wait = Duration::from_millis(500);
        for attempt in 1..=ATTEMPTS {
            self.requests += 1;
            let mut req = self.agent.get(url).config().max_redirects(0).build();
            if let Some(auth) = &self.auth {
                req = req.header("Authorization", auth);
            }
            let res = req.call().map_err(|e| ImportError::Network { url: url.into(), reason: e.to_string() })?;
            let status = res.status().as_u16();
            if status == 429 || status >= 500 {
                // Not an answer about the address: ask again, and never cache it.
                if attempt < ATTEMPTS {
                    std::thread::sleep(wait);
                    wait *= 2;
                }
                continue;
            }
            let location = match status {
                301 | 302 | 307 | 308 => {
                    res.headers().get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().trim().to_string()
                }
                _ => String::new(),
            };
            let fetched =
                Fetched { body: location.clone().into_bytes(), content_type: REDIRECT.into(), total_pages: None };
            write_entry(&entry, &fetched).map_err(ImportError::io(&entry))?;
            return Ok(Some(location).filter(|l| !l.is_empty()));
        }
        Ok(None)
    }

    /// GET a JSON document (refusing an HTML page).
    pub fn json(&mut self, url: &str, listing: bool) -> Result<(serde_json::Value, Option<u32>), ImportError> {
        let fetched = self.get(url, listing)?;
        let text = String::from_utf8_lossy(&fetched.body);
        let trimmed = text.trim_start_matches('\u{feff}').trim_start();
        if fetched.content_type.contains("html") || trimmed.starts_with('<') {
            // A wrong answer must not be served from the cache next time.
            let _ = std::fs::remove_file(self.entry(url));
            return Err(ImportError::NotJson { url: url.into() });
        }
        let value = serde_json::from_str(trimmed).map_err(|e| {
            let _ = std::fs::remove_file(self.entry(url));
            ImportError::BadJson { url: url.into(), reason: e.to_string() }
        })?;
        Ok((value, fetched.total_pages))
    }
}

fn read_entry(path: &Path) -> Option<Fetched> {
    let data = std::fs::read(path).ok()?;
    // Header line: content type, a tab, total pages (or empty).
    let newline = data.iter().position(|b| *b == b'\n')?;
    let head = std::str::from_utf8(data.get(..newline)?).ok()?;
    let (content_type, pages) = head.split_once('\t')?;
    Some(Fetched {
        body: data.get(newline + 1..)?.to_vec(),
        content_type: content_type.to_string(),
        total_pages: pages.parse().ok(),
    })
}

fn write_entry(path: &Path, fetched: &Fetched) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Written aside and renamed, so an interrupted run never leaves half an entry.
    let tmp = path.with_extension("partial");
    let mut file = std::fs::File::create(&tmp)?;
    let pages = fetched.total_pages.map(|p| p.to_string()).unwrap_or_default();
    file.write_all(format!("{}\t{pages}\n", fetched.content_type.replace(['\n', '\t'], " ")).as_bytes())?;
    file.write_all(&fetched.body)?;
    file.sync_all()?;
    std::fs::rename(tmp, path)
}

fn base64(text: &str) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = text.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn basic_auth_is_base64() {
        assert_eq!(super::base64("editor:abcd efgh"), "ZWRpdG9yOmFiY2QgZWZnaA==");
        assert_eq!(super::base64("ab"), "YWI=");
    }
}
