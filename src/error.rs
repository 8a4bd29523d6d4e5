//! The library's error type. Every variant is something a user can act on;
//! the CLI prints it once and maps it to exit code 1.

use std::path::PathBuf;

/// What went wrong, with enough context to fix it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no {kind} matches '{}'{}", crate::text::shown(.query), did_you_mean(.suggestions))]
    NotFound {
        kind: &'static str,
        query: String,
        suggestions: Vec<String>,
    },

    #[error("'{}' matches several {kind}s: {}; say which", crate::text::shown(.query), .candidates.join(", "))]
    Ambiguous {
        kind: &'static str,
        query: String,
        candidates: Vec<String>,
    },

    /// A source name that is not known but resembles one: likely a typo,
    /// which would otherwise count as a second, independent source.
    #[error("'{}' is not a known source{}", crate::text::shown(.query), did_you_mean(.suggestions))]
    SourceTypo {
        query: String,
        suggestions: Vec<String>,
    },

    /// The derived index failed a query (corrupt, half-written, another
    /// schema): never shown to users, the store drops it and reads the JSON.
    #[error("the index failed: {0}")]
    Index(String),

    /// A change that would make the data wrong; the message says why.
    #[error("{0}")]
    Refused(String),

    #[error("{}:{line}:{column}: {}", .path.display(), without_position(.message, *.line, *.column))]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },

    /// A record in a file that is not its place (another shard's), or an
    /// id twice: valid JSON that would lose a copy if read or rewritten.
    #[error("{}: {kind} '{id}' {}", .path.display(), out_of_place(.belongs))]
    OutOfPlace {
        path: PathBuf,
        kind: &'static str,
        id: String,
        /// The file it belongs in; `None` when the id is there twice.
        belongs: Option<String>,
    },

    #[error("{}: written by a newer mercato (format version {found}, this one reads up to {supported}); upgrade mercato", .path.display())]
    NewerFormat {
        path: PathBuf,
        found: u32,
        supported: u32,
    },

    #[error("{}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("data directory {}: {reason}", .path.display())]
    DataDir { path: PathBuf, reason: String },

    #[error("data directory {} is busy: another mercato is writing to it (waited {waited_ms} ms); try again", .path.display())]
    Busy { path: PathBuf, waited_ms: u64 },
}

fn did_you_mean(suggestions: &[String]) -> String {
    match suggestions {
        [] => String::new(),
        [one] => format!("; did you mean '{one}'?"),
        many => format!("; did you mean one of: {}?", many.join(", ")),
    }
}

fn out_of_place(belongs: &Option<String>) -> String {
    match belongs {
        Some(file) => format!("is out of place: its shard is {file}"),
        None => "appears more than once".to_string(),
    }
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A hint to print under the error, where one helps.
    pub fn hint(&self) -> Option<String> {
        match self {
            Error::NotFound { kind, .. } => Some(match *kind {
                "player" => "list players with `mercato player list`, add one with `mercato player add`".into(),
                "club" => "list clubs with `mercato club list`, add one with `mercato club add`".into(),
                "source" => "list sources with `mercato source list`".into(),
                "rumour" => "list rumours and their ids with `mercato rumour list`".into(),
                _ => return None,
            }),
            Error::SourceTypo { query, .. } => Some(format!(
                "nothing was recorded; if '{}' is another outlet, add --new-source to create it", crate::text::shown(query)
            )),
            Error::Parse { .. } => Some(
                "the file was left untouched; fix it by hand (or `git checkout` it), then run `mercato check`".into(),
            ),
            Error::OutOfPlace { belongs: Some(file), .. } => Some(format!(
                "nothing was changed; `mercato check --fix` moves it to {file} (`mercato undo` reverts that)"
            )),
            Error::OutOfPlace { belongs: None, .. } => Some(
                "nothing was changed; keep one copy by hand, merging what differs (`mercato check --fix` shows every copy), then run `mercato check`".into(),
            ),
            Error::DataDir { .. } => Some(
                "pass --data-dir DIR (or set MERCATO_DATA_DIR), or create one with `mercato init DIR`".into(),
            ),
            _ => None,
        }
    }
}

/// serde's message without the " at line L column C" it ends with, which
/// the path:line:column before it already says.
pub fn without_position(message: &str, line: usize, column: usize) -> &str {
    message
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(message)
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
