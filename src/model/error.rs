use thiserror::Error;

/// What can go wrong between asking for a piece of content and holding it.
/// Each variant becomes a message the reader understands; none of them is
/// flattened into "not found".
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    #[error("it is missing from the site")]
    NotFound,
    #[error("the network request failed{}", network_detail(.0))]
    Network(String),
    #[error("the server answered with status {0}")]
    Http(u16),
    #[error("the server sent a web page instead of the data asked for")]
    NotJson,
    #[error("the data is cut short (it ends at line {line}, column {column})")]
    Truncated { line: usize, column: usize },
    #[error("the data is not valid JSON (line {line}, column {column}: {reason})")]
    Malformed { line: usize, column: usize, reason: String },
    #[error("the required field `{0}` is missing")]
    MissingField(String),
    #[error("the field `{field}` is invalid: {reason}")]
    InvalidField { field: String, reason: String },
    /// Valid JSON of the wrong shape: `null`, a list where an object is
    /// expected, a field given twice.
    #[error("the data is not what this file should hold ({0})")]
    WrongShape(String),
    #[error("it is too large to show ({bytes} bytes; the limit is {limit})")]
    TooLarge { bytes: usize, limit: usize },
    #[error("the server did not answer in time")]
    Timeout,
    #[error("it uses schema {0}, and this reader understands schema 1")]
    UnsupportedSchema(u64),
    /// The file at an article's address names another article: shown, it
    /// would take that article's comments and feedback with it.
    #[error("its file holds another article (“{0}”)")]
    OtherArticle(String),
}

/// The browser's own words for a failed request, when they add anything
/// ("Failed to fetch" says no more than the message around it).
fn network_detail(reason: &str) -> String {
    let generic =
        ["", "request failed", "failed to fetch", "load failed", "networkerror when attempting to fetch resource."];
    if generic.contains(&reason.trim().to_ascii_lowercase().as_str()) {
        String::new()
    } else {
        format!(" ({reason})")
    }
}

impl LoadError {
    /// Whether trying again might help: worth a Retry button.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            LoadError::Network(_) | LoadError::Timeout | LoadError::Http(500..=599) | LoadError::Http(408 | 429)
        )
    }

    pub(crate) fn from_json(err: &serde_json::Error) -> LoadError {
        let (line, column) = (err.line(), err.column());
        match err.classify() {
            serde_json::error::Category::Eof => LoadError::Truncated { line, column },
            serde_json::error::Category::Data => LoadError::WrongShape(json_reason(err)),
            _ => LoadError::Malformed { line, column, reason: json_reason(err) },
        }
    }
}

/// serde_json's message, for a reader: without its " at line X column Y"
/// (we say where ourselves, or a position inside a field's own slice would
/// mislead), and reading well in the shipped `.wasm`, which prints no `{:?}`
/// output (`-Zfmt-debug=none`, see `.cargo/config.toml`): serde's
/// `string "x", expected …` reads `string , expected …` there.
pub(crate) fn json_reason(err: &serde_json::Error) -> String {
    readable(&err.to_string())
}

fn readable(message: &str) -> String {
    let message = message.rsplit_once(" at line ").map(|(r, _)| r).unwrap_or(message);
    message.replace(" , ", ", ")
}

#[cfg(test)]
mod tests {
    use super::readable;

    #[test]
    fn messages_read_well_without_debug_output() {
        assert_eq!(readable("invalid type: string , expected u64"), "invalid type: string, expected u64");
        assert_eq!(readable("invalid type: string \"1\", expected u64"), "invalid type: string \"1\", expected u64");
        assert_eq!(readable("expected value at line 1 column 2"), "expected value");
    }

    #[test]
    fn a_network_failure_names_its_cause_only_when_the_browser_gives_one() {
        use super::LoadError;
        assert_eq!(LoadError::Network("Failed to fetch".into()).to_string(), "the network request failed");
        assert_eq!(LoadError::Network("request failed".into()).to_string(), "the network request failed");
        assert_eq!(
            LoadError::Network("net::ERR_NAME_NOT_RESOLVED".into()).to_string(),
            "the network request failed (net::ERR_NAME_NOT_RESOLVED)"
        );
    }
}
