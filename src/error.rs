//! The library's error type. Every variant is something a user can act on;
//! the CLI prints it once, with its [`Error::hint`], and exits with its
//! [`Error::exit_code`]. [`Error::kind`] sorts the variants into a few kinds
//! with stable names, so a caller, a test or a script can tell a duplicate
//! from a date rule from a merge refusal without reading the message.

use std::path::PathBuf;

/// What went wrong, with enough context to fix it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no {kind} matches '{}'{}", crate::visible::shown(.query), did_you_mean(.suggestions))]
    NotFound {
        kind: &'static str,
        query: String,
        suggestions: Vec<String>,
    },

    #[error("'{}' matches several {kind}s: {}; say which", crate::visible::shown(.query), .candidates.join(", "))]
    Ambiguous {
        kind: &'static str,
        query: String,
        candidates: Vec<String>,
    },

    /// A record that is not there, in words the form above cannot hold
    /// ("Konaté has no contract with Bayern Munich"): a not-found kind.
    #[error("{reason}")]
    Missing { kind: &'static str, reason: String },

    /// A pick that fits several records, in words ("Konaté has 2 contracts
    /// with Liverpool; say which with --until END"): an ambiguous kind.
    #[error("{reason}")]
    Unclear { kind: &'static str, reason: String },

    /// A source name that is not known but resembles one: likely a typo,
    /// which would otherwise count as a second, independent source.
    #[error("'{}' is not a known source{}", crate::visible::shown(.query), did_you_mean(.suggestions))]
    SourceTypo {
        query: String,
        suggestions: Vec<String>,
    },

    /// The derived index failed a query (corrupt, half-written, another
    /// schema): never shown to users, the store drops it and reads the JSON.
    #[error("the index failed: {0}")]
    Index(String),

    /// A value the library refuses (exit 1; clap refuses the values it can
    /// check alone with exit 2): an empty or invisible
    /// name, a URL without a scheme, a tier out of range, a year 25.
    #[error("{reason}")]
    Invalid {
        /// What the value is for ("player name", "tier", "report number").
        what: String,
        /// The whole message: names the value and why it cannot be.
        reason: String,
    },

    /// A change that would make the data wrong: dates out of order, a
    /// contract that cannot be, a record removed while others refer to it.
    #[error("{reason}")]
    Rule {
        /// Which rule the change breaks.
        rule: Rule,
        /// The whole message: what breaks it and, where it helps, how to go on.
        reason: String,
    },

    /// A record that is there already: a name or id taken, a report or a
    /// contract recorded twice.
    #[error("{reason}")]
    Duplicate {
        /// The kind of record ("player", "club", "source", "report", "contract").
        kind: &'static str,
        /// The whole message: which record is there already.
        reason: String,
    },

    /// Two versions that cannot both stand: a record with open merge
    /// conflicts, two sides of a git merge that do not join.
    #[error("{0}")]
    Conflict(String),

    /// A file that cannot be read as what it should be (a bundle, a data
    /// file being merged, an import's CSV): not a mercato file, broken, or
    /// holding a record twice. The message names the file where it knows it.
    #[error("{0}")]
    Corrupt(String),

    /// Something outside mercato that it needs failed or is missing: git,
    /// a git work tree, the network.
    #[error("{0}")]
    External(String),

    /// A guard that should never fire: a bug in mercato, not in the input.
    #[error("internal error: {0}")]
    Internal(String),

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

/// Which rule of the data a change would break ([`Error::Rule`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Dates in order: nothing after the as-of date or before birth, a
    /// story's changes in the order they came, a contract after the last.
    Dates,
    /// A contract that can be: not from the club it is with, a loan to
    /// another club, an end after its start.
    Contract,
    /// A rumour's status moves on: not to what it is already.
    Status,
    /// A done deal's terms fit its move (a departure has no contract, a
    /// renewal is no loan, `--to` only for a departure).
    Deal,
    /// A report tells of a move: to another club, from a club he has,
    /// credited to a source that does not repeat itself.
    Report,
    /// A record is removed only when nothing refers to it, and a rumour
    /// keeps at least one report.
    References,
    /// A depth order names players of the club's squad.
    Squad,
    /// A merge joins two records into one that can be.
    Merge,
    /// A correction changes something.
    NoChange,
}

impl Rule {
    /// A stable snake_case name, for scripts and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Dates => "dates",
            Rule::Contract => "contract",
            Rule::Status => "status",
            Rule::Deal => "deal",
            Rule::Report => "report",
            Rule::References => "references",
            Rule::Squad => "squad",
            Rule::Merge => "merge",
            Rule::NoChange => "no_change",
        }
    }
}

/// The few kinds of [`Error`], for a caller that acts on the kind rather
/// than the message; [`ErrorKind::name`] is stable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// No record answers to the name (or it looks like a typo of one).
    NotFound,
    /// Several records answer to the name.
    Ambiguous,
    /// A value that cannot be.
    Invalid,
    /// A change that would break a rule of the data.
    Rule,
    /// A record that is there already.
    Duplicate,
    /// Versions that cannot both stand.
    Conflict,
    /// A file that cannot be read as what it should be.
    Corrupt,
    /// A file written by a newer mercato.
    NewerFormat,
    /// Reading or writing a file failed.
    Io,
    /// No usable data directory.
    DataDir,
    /// Another mercato is writing.
    Busy,
    /// Git or the network failed or is missing.
    External,
    /// A bug in mercato.
    Internal,
}

impl ErrorKind {
    /// A stable snake_case name, for scripts and JSON.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not_found",
            ErrorKind::Ambiguous => "ambiguous",
            ErrorKind::Invalid => "invalid",
            ErrorKind::Rule => "rule",
            ErrorKind::Duplicate => "duplicate",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::NewerFormat => "newer_format",
            ErrorKind::Io => "io",
            ErrorKind::DataDir => "data_dir",
            ErrorKind::Busy => "busy",
            ErrorKind::External => "external",
            ErrorKind::Internal => "internal",
        }
    }
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

    /// A value that cannot be; `reason` is the whole message.
    pub fn invalid(what: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::Invalid {
            what: what.into(),
            reason: reason.into(),
        }
    }

    /// A change that breaks `rule`; `reason` is the whole message.
    /// A record that is not there; `reason` is the whole message.
    pub fn missing(kind: &'static str, reason: impl Into<String>) -> Error {
        Error::Missing {
            kind,
            reason: reason.into(),
        }
    }

    /// A pick that fits several records; `reason` is the whole message.
    pub fn unclear(kind: &'static str, reason: impl Into<String>) -> Error {
        Error::Unclear {
            kind,
            reason: reason.into(),
        }
    }

    pub fn rule(rule: Rule, reason: impl Into<String>) -> Error {
        Error::Rule {
            rule,
            reason: reason.into(),
        }
    }

    /// A `kind` of record that is there already; `reason` is the whole message.
    pub fn duplicate(kind: &'static str, reason: impl Into<String>) -> Error {
        Error::Duplicate {
            kind,
            reason: reason.into(),
        }
    }

    /// Which kind of error this is: the one place variants are sorted.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound { .. } | Error::SourceTypo { .. } | Error::Missing { .. } => {
                ErrorKind::NotFound
            }
            Error::Ambiguous { .. } | Error::Unclear { .. } => ErrorKind::Ambiguous,
            Error::Invalid { .. } => ErrorKind::Invalid,
            Error::Rule { .. } => ErrorKind::Rule,
            Error::Duplicate { .. } => ErrorKind::Duplicate,
            Error::Conflict(_) => ErrorKind::Conflict,
            // The index is derived: a failure is a broken copy, rebuilt.
            Error::Corrupt(_)
            | Error::Parse { .. }
            | Error::OutOfPlace { .. }
            | Error::Index(_) => ErrorKind::Corrupt,
            Error::NewerFormat { .. } => ErrorKind::NewerFormat,
            Error::Io { .. } => ErrorKind::Io,
            Error::DataDir { .. } => ErrorKind::DataDir,
            Error::Busy { .. } => ErrorKind::Busy,
            Error::External(_) => ErrorKind::External,
            Error::Internal(_) => ErrorKind::Internal,
        }
    }

    /// The process exit code for this error: 1 for every library error
    /// (2, a usage error, is clap's, before the library runs). The one
    /// place to give a kind its own code.
    pub fn exit_code(&self) -> u8 {
        match self.kind() {
            ErrorKind::NotFound
            | ErrorKind::Ambiguous
            | ErrorKind::Invalid
            | ErrorKind::Rule
            | ErrorKind::Duplicate
            | ErrorKind::Conflict
            | ErrorKind::Corrupt
            | ErrorKind::NewerFormat
            | ErrorKind::Io
            | ErrorKind::DataDir
            | ErrorKind::Busy
            | ErrorKind::External
            | ErrorKind::Internal => 1,
        }
    }

    /// Whether the change was refused for what it would record (a value,
    /// a rule, a duplicate, a conflict), as opposed to a lookup, a file or
    /// a bug failing: a feed of many changes may skip a refused one and go on.
    pub fn is_refusal(&self) -> bool {
        matches!(
            self.kind(),
            ErrorKind::Invalid | ErrorKind::Rule | ErrorKind::Duplicate | ErrorKind::Conflict
        )
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
                "nothing was recorded; if '{}' is another outlet, add --new-source to create it", crate::visible::shown(query)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<(Error, &'static str)> {
        let path = || PathBuf::from("data/clubs.json");
        vec![
            (
                Error::Missing {
                    kind: "contract",
                    reason: "none".into(),
                },
                "not_found",
            ),
            (
                Error::Unclear {
                    kind: "contract",
                    reason: "two".into(),
                },
                "ambiguous",
            ),
            (
                Error::NotFound {
                    kind: "player",
                    query: "x".into(),
                    suggestions: vec![],
                },
                "not_found",
            ),
            (
                Error::SourceTypo {
                    query: "x".into(),
                    suggestions: vec![],
                },
                "not_found",
            ),
            (
                Error::Ambiguous {
                    kind: "player",
                    query: "x".into(),
                    candidates: vec![],
                },
                "ambiguous",
            ),
            (Error::invalid("tier", "tier 9 does not exist"), "invalid"),
            (Error::rule(Rule::Dates, "too late"), "rule"),
            (Error::duplicate("club", "taken"), "duplicate"),
            (Error::Conflict("open conflicts".into()), "conflict"),
            (Error::Corrupt("not a bundle".into()), "corrupt"),
            (Error::Index("gone".into()), "corrupt"),
            (
                Error::Parse {
                    path: path(),
                    line: 1,
                    column: 1,
                    message: "bad".into(),
                },
                "corrupt",
            ),
            (
                Error::OutOfPlace {
                    path: path(),
                    kind: "player",
                    id: "x".into(),
                    belongs: None,
                },
                "corrupt",
            ),
            (
                Error::NewerFormat {
                    path: path(),
                    found: 9,
                    supported: 1,
                },
                "newer_format",
            ),
            (Error::io(path(), std::io::Error::other("disk")), "io"),
            (
                Error::DataDir {
                    path: path(),
                    reason: "missing".into(),
                },
                "data_dir",
            ),
            (
                Error::Busy {
                    path: path(),
                    waited_ms: 1,
                },
                "busy",
            ),
            (Error::External("no git".into()), "external"),
            (Error::Internal("oops".into()), "internal"),
        ]
    }

    #[test]
    fn every_variant_has_a_kind_and_exits_with_1() {
        for (error, name) in every_kind() {
            assert_eq!(error.kind().name(), name, "{error:?}");
            assert_eq!(error.exit_code(), 1, "{error:?}");
        }
    }

    #[test]
    fn only_what_a_change_would_record_is_a_refusal() {
        let refusals: Vec<&str> = every_kind()
            .into_iter()
            .filter(|(e, _)| e.is_refusal())
            .map(|(_, name)| name)
            .collect();
        assert_eq!(refusals, ["invalid", "rule", "duplicate", "conflict"]);
    }

    #[test]
    fn typed_refusals_print_their_message_alone() {
        assert_eq!(
            Error::rule(Rule::Dates, "the date is late").to_string(),
            "the date is late"
        );
        assert_eq!(
            Error::Internal("rumour r1 vanished".into()).to_string(),
            "internal error: rumour r1 vanished"
        );
        assert_eq!(Rule::NoChange.name(), "no_change");
    }
}
