//! A data directory: opening and creating one, where its files are, its
//! locks, and the refusals that come before any reading or writing.

use super::files::{self, FileKey, relative_path};
use super::{atomic, lock};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What the shipped `.gitignore` of a data directory holds.
pub(super) const GITIGNORE: &str = "# Written by mercato: temp files and mercato's own undo log stay out of git.\n.tmp-*\n.mercato/\n";

/// What the `.gitattributes` of a data directory holds: data files merge
/// with `mercato merge-driver` once a clone enables it (see the README).
pub(super) const GITATTRIBUTES: &str = "# Merge data files record by record. Each clone needs the driver configured once:\n#   mercato git setup      (mercato init and the first write in a clone do it too)\n*.json merge=mercato\n";

/// A data directory.
#[derive(Debug, Clone)]
pub struct Store {
    pub(super) dir: PathBuf,
    pub(super) lock_timeout: Duration,
    /// Where the index lives (see `store::index`); none to answer from
    /// the JSON alone.
    pub(super) index: Option<PathBuf>,
}

impl Store {
    /// Opens an existing data directory.
    pub fn open(dir: impl Into<PathBuf>) -> Result<Store> {
        let dir = dir.into();
        match std::fs::metadata(&dir) {
            Ok(meta) if meta.is_dir() => {
                refuse_without_clubs(&dir)?;
                Ok(Store {
                    index: files::index_path_for(&dir),
                    dir,
                    lock_timeout: Duration::from_secs(5),
                })
            }
            Ok(_) => Err(Error::DataDir {
                path: dir,
                reason: "is not a directory".into(),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::DataDir {
                path: dir,
                reason: "does not exist".into(),
            }),
            Err(e) => Err(Error::DataDir {
                path: dir,
                reason: e.to_string(),
            }),
        }
    }

    /// Creates a data directory (and its `.gitignore`) if needed, then opens it.
    pub fn init(dir: impl Into<PathBuf>) -> Result<Store> {
        let dir = dir.into();
        if dir.exists() && !dir.is_dir() {
            return Err(Error::DataDir {
                path: dir,
                reason: "is not a directory".into(),
            });
        }
        refuse_foreign_files(&dir)?;
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let store = Store::open(&dir)?;
        store.ensure_gitignore()?;
        Ok(store)
    }

    /// Answers from the JSON alone, with no index (tests, and
    /// `MERCATO_NO_INDEX=1`).
    pub fn without_index(mut self) -> Store {
        self.index = None;
        self
    }

    /// Where the index lives, unless the store answers from the JSON alone.
    pub fn index_path(&self) -> Option<&Path> {
        self.index.as_deref()
    }

    /// How long a writer waits for another one before giving up.
    pub fn with_lock_timeout(mut self, timeout: Duration) -> Store {
        self.lock_timeout = timeout;
        self
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The path of one file of the store.
    pub fn path_of(&self, key: &FileKey) -> PathBuf {
        self.dir.join(relative_path(key))
    }

    /// Takes the shared lock: no writer can change files while it is held.
    pub fn lock_for_reading(&self) -> Result<lock::Lock> {
        lock::acquire(&self.dir, lock::Mode::Shared, self.lock_timeout)
    }

    /// Takes the exclusive lock for a read-modify-write.
    pub fn lock_for_writing(&self) -> Result<lock::Lock> {
        lock::acquire(&self.dir, lock::Mode::Exclusive, self.lock_timeout)
    }

    /// A directory without write permission is refused up front, with a clear
    /// reason, even for root (who could write anyway): read-only is a choice.
    pub(super) fn refuse_read_only(&self) -> Result<()> {
        std::fs::metadata(&self.dir).map_err(|e| Error::io(&self.dir, e))?;
        if is_read_only(&self.dir) {
            return Err(Error::DataDir {
                path: self.dir.clone(),
                reason: "is read-only; nothing was changed".into(),
            });
        }
        Ok(())
    }

    pub(super) fn ensure_gitignore(&self) -> Result<()> {
        for (name, content) in [(".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)] {
            let path = self.dir.join(name);
            if !path.exists() {
                atomic::write_atomic(&path, content.as_bytes())?;
            }
        }
        Ok(())
    }
}

/// Whether a directory is read-only by its permission bits (whoever runs).
pub(super) fn is_read_only(dir: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(dir) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.permissions().mode() & 0o222 == 0
    }
    #[cfg(not(unix))]
    {
        meta.permissions().readonly()
    }
}

/// What a data directory may hold at its top level.
const DATA_ENTRIES: &[&str] = &[
    "clubs.json",
    "sources.json",
    "players",
    "rumours",
    ".mercato",
    ".gitignore",
    ".gitattributes",
];

/// Whether the directory holds data files (sources, players, rumours).
fn holds_data(dir: &Path) -> bool {
    let has_json = |sub: &str| {
        std::fs::read_dir(dir.join(sub)).is_ok_and(|mut entries| {
            entries.any(|e| e.is_ok_and(|e| e.path().extension().is_some_and(|x| x == "json")))
        })
    };
    dir.join("sources.json").exists() || has_json("players") || has_json("rumours")
}

/// Players, rumours or sources without `clubs.json`: the file was lost
/// (every write since has written it). Reads would show club ids and
/// writes would start a new, empty club list, so nothing goes on.
fn refuse_without_clubs(dir: &Path) -> Result<()> {
    if dir.join("clubs.json").exists() || !holds_data(dir) {
        return Ok(());
    }
    Err(Error::DataDir {
        path: dir.to_path_buf(),
        reason: "holds players, rumours or sources but no clubs.json; put it back (e.g. `git checkout clubs.json`) — nothing was read or changed".into(),
    })
}

/// `init` writes into an empty directory or a data directory only: files
/// of anything else would end up mixed with the data (and in its git).
fn refuse_foreign_files(dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let foreign: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !DATA_ENTRIES.contains(&name.as_str()))
        .collect();
    match foreign.first() {
        None => Ok(()),
        Some(first) => Err(Error::DataDir {
            path: dir.to_path_buf(),
            reason: format!(
                "is not empty and not a mercato data directory (it holds {}{}); choose an empty or new directory — nothing was written",
                crate::text::shown(first),
                if foreign.len() > 1 {
                    format!(" and {} more", foreign.len() - 1)
                } else {
                    String::new()
                }
            ),
        }),
    }
}
