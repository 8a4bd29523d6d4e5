//! The change journal in `data/.mercato/undo/`: before every change, the old
//! content of each file it touches is written down. It serves twice:
//!
//! - **Crash safety.** An entry is first written as `NNNNNN.pending.json`,
//!   then the data files, then the entry is renamed to `NNNNNN.json`. A
//!   pending entry found later means a writer died half-way: its before
//!   images are put back, so a change spanning several files is all or
//!   nothing.
//! - **Undo.** `mercato undo` puts back the before images of the latest
//!   entry, if the files are still as that change left them, and forgets it.
//!
//! The journal is mercato's own: git-ignored, never shared.

use super::atomic;
use crate::error::{Error, Result, Rule};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The journal's directory, relative to the data directory.
pub const DIR: &str = ".mercato/undo";
/// How many changes can be undone.
const KEEP: u64 = 100;

/// One file as it was before a change, and a fingerprint of what the change wrote.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileImage {
    /// Relative to the data directory, with `/` separators.
    pub path: String,
    /// The content before, written out; none if the change created the
    /// file, or if it is `kept`.
    pub before: Option<String>,
    /// The file in the journal's directory holding the content before: a
    /// hard link to the old file, which the change replaced by a new one
    /// (writes rename a new file into place), so the old content stays as
    /// it was without being copied. A rumour add at 100,000 players copied
    /// and escaped 300 KB into its entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kept: Option<String>,
    /// FNV-1a of the content the change wrote.
    pub after: String,
}

/// One change.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    /// The command that made it.
    pub command: String,
    pub as_of: NaiveDate,
    pub files: Vec<FileImage>,
    /// Directories the change created (removed again by undo when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub created_dirs: Vec<String>,
}

/// A change as listed by `mercato log`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogLine {
    pub seq: u64,
    pub command: String,
    pub as_of: NaiveDate,
    pub files: Vec<String>,
}

pub fn fingerprint(bytes: &[u8]) -> String {
    format!("{:016x}", crate::model::ids::fnv1a(bytes))
}

fn dir(data: &Path) -> PathBuf {
    data.join(DIR)
}

fn entry_path(data: &Path, seq: u64, pending: bool) -> PathBuf {
    let suffix = if pending { ".pending.json" } else { ".json" };
    dir(data).join(format!("{seq:06}{suffix}"))
}

/// The sequence numbers of entries, oldest first, and whether each is pending.
fn entries(data: &Path) -> Result<Vec<(u64, bool)>> {
    let dir = dir(data);
    let read = match std::fs::read_dir(&dir) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut found: Vec<(u64, bool)> = read
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let (stem, pending) = match name.strip_suffix(".pending.json") {
                Some(stem) => (stem.to_string(), true),
                None => (name.strip_suffix(".json")?.to_string(), false),
            };
            stem.parse().ok().map(|seq| (seq, pending))
        })
        .collect();
    found.sort();
    Ok(found)
}

/// The file that remembers the highest sequence number ever given, so that
/// a number is never given twice, even after its change was undone: `log`
/// and `undo` name a change unambiguously.
fn last_seq_path(data: &Path) -> PathBuf {
    dir(data).join("last-seq")
}

/// The next sequence number: one more than any entry's and than any given before.
fn next_seq(data: &Path) -> Result<u64> {
    let newest_entry = entries(data)?.last().map_or(0, |(seq, _)| *seq);
    Ok(newest_entry.max(given_before(data)) + 1)
}

/// The highest number given to a change whose entry is gone (undone, or
/// rolled back after a crash); 0 if none.
fn given_before(data: &Path) -> u64 {
    std::fs::read_to_string(last_seq_path(data))
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or(0)
}

/// Writes down that `seq` was given, before its entry goes: the next change
/// gets a new number. Only then is it needed, so a change does not pay
/// for it (two fsyncs).
fn remember_given(data: &Path, seq: u64) -> Result<()> {
    if seq > given_before(data) {
        atomic::write_atomic(&last_seq_path(data), format!("{seq}\n").as_bytes())?;
    }
    Ok(())
}

fn read_entry(path: &Path) -> Result<Entry> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    serde_json::from_slice(&bytes).map_err(|e| Error::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Whether a writer died half-way through a change (readers then ask a
/// writer to recover before they read).
pub fn has_pending(data: &Path) -> bool {
    entries(data).is_ok_and(|e| e.iter().any(|(_, pending)| *pending))
}

/// Puts back the before images of changes a dead writer left half-done.
/// Must be called under the exclusive lock.
pub fn recover(data: &Path) -> Result<usize> {
    let mut recovered = 0;
    for (seq, pending) in entries(data)? {
        if !pending {
            continue;
        }
        let path = entry_path(data, seq, true);
        // An entry cut short by the crash was written before any data file:
        // nothing to put back.
        if let Ok(entry) = read_entry(&path) {
            restore(data, &entry)?;
        }
        remember_given(data, seq)?;
        forget(data, seq, true)?;
        recovered += 1;
    }
    Ok(recovered)
}

/// Links `path` (a regular file) as `kept`; false if there is no such file
/// or it cannot be linked (a symlink, a file system without hard links):
/// then its content is written into the entry.
fn keep_by_link(path: &Path, kept: &Path) -> bool {
    let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    if !regular {
        return false;
    }
    // Its content must survive a power cut as a copy would: a file git or
    // an editor wrote a moment ago may not be on disk yet (for one mercato
    // wrote, this costs nothing).
    if std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .is_err()
    {
        return false;
    }
    // A leftover of a change that died before its entry was written.
    let _ = std::fs::remove_file(kept);
    std::fs::hard_link(path, kept).is_ok()
}

/// A file's content before a change (`None`: the change created it).
fn content_before(data: &Path, file: &FileImage) -> Result<Option<Vec<u8>>> {
    match (&file.kept, &file.before) {
        (Some(kept), _) => {
            let path = dir(data).join(kept);
            std::fs::read(&path)
                .map(Some)
                .map_err(|e| Error::io(&path, e))
        }
        (None, before) => Ok(before.as_ref().map(|b| b.as_bytes().to_vec())),
    }
}

/// Deletes an entry, then the files it keeps: killed in between, the
/// entry is gone and the kept files are only leftovers (an entry whose kept
/// files were gone could never be rolled back).
fn forget(data: &Path, seq: u64, pending: bool) -> Result<()> {
    let path = entry_path(data, seq, pending);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&path, e)),
        _ => {}
    }
    forget_kept(data, |s| s == seq);
    Ok(())
}

/// Deletes the kept files of the changes `gone` says.
fn forget_kept(data: &Path, gone: impl Fn(u64) -> bool) {
    let Ok(read) = std::fs::read_dir(dir(data)) else {
        return;
    };
    for e in read.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let seq = name
            .strip_suffix(".before")
            .and_then(|n| n.split('.').next())
            .and_then(|n| n.parse::<u64>().ok());
        if seq.is_some_and(&gone) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn restore(data: &Path, entry: &Entry) -> Result<()> {
    for file in entry.files.iter().rev() {
        let path = data.join(&file.path);
        match content_before(data, file)? {
            Some(content) => atomic::write_atomic(&path, &content)?,
            None => match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(&path, e)),
            },
        }
    }
    for created in entry.created_dirs.iter().rev() {
        // Only if empty: remove_dir refuses otherwise, which is what we want.
        let _ = std::fs::remove_dir(data.join(created));
    }
    Ok(())
}

/// Writes `files` (relative path, new content) as one change: journal entry
/// first, then the files, then the entry is committed.
pub fn apply(
    data: &Path,
    command: &str,
    as_of: NaiveDate,
    files: &[(String, Vec<u8>)],
) -> Result<()> {
    let seq = next_seq(data)?;
    let mut images = Vec::with_capacity(files.len());
    let mut created_dirs = Vec::new();
    // Where the old files are linked (see `FileImage::kept`).
    let _ = std::fs::create_dir_all(dir(data));
    for (i, (rel, bytes)) in files.iter().enumerate() {
        let path = data.join(rel);
        let kept_name = format!("{seq:06}.{i}.before");
        let kept = keep_by_link(&path, &dir(data).join(&kept_name)).then_some(kept_name);
        let before = match kept {
            Some(_) => None,
            None => match std::fs::read(&path) {
                Ok(old) => Some(String::from_utf8(old).map_err(|_| {
                    Error::Corrupt(format!(
                        "{}: not UTF-8 text; refusing to replace it",
                        path.display()
                    ))
                })?),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(Error::io(&path, e)),
            },
        };
        if let Some(parent) = Path::new(rel)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            && !data.join(parent).exists()
        {
            created_dirs.push(parent.to_string_lossy().replace('\\', "/"));
        }
        images.push(FileImage {
            path: rel.clone(),
            before,
            kept,
            after: fingerprint(bytes),
        });
    }
    created_dirs.dedup();
    let entry = Entry {
        seq,
        command: command.to_string(),
        as_of,
        files: images,
        created_dirs,
    };
    let pending = entry_path(data, seq, true);
    let encoded = serde_json::to_vec(&entry)
        .map_err(|e| Error::Internal(format!("cannot encode the journal entry: {e}")))?;
    atomic::write_atomic(&pending, &encoded)?;
    for (rel, bytes) in files {
        atomic::write_atomic(&data.join(rel), bytes)?;
    }
    let committed = entry_path(data, seq, false);
    std::fs::rename(&pending, &committed).map_err(|e| Error::io(&committed, e))?;
    prune(data, seq)
}

/// Forgets changes older than the last `KEEP`.
fn prune(data: &Path, newest: u64) -> Result<()> {
    let mut kept = std::collections::BTreeSet::new();
    for (seq, pending) in entries(data)? {
        if !pending && seq + KEEP <= newest {
            let _ = std::fs::remove_file(entry_path(data, seq, false));
        } else {
            kept.insert(seq);
        }
    }
    // The kept files of the entries gone, and leftovers of killed writers.
    forget_kept(data, |seq| !kept.contains(&seq));
    Ok(())
}

/// The changes that can be undone, newest first.
pub fn log(data: &Path) -> Result<Vec<LogLine>> {
    let mut lines = Vec::new();
    for (seq, pending) in entries(data)?.into_iter().rev() {
        if pending {
            continue;
        }
        let entry = read_entry(&entry_path(data, seq, false))?;
        lines.push(LogLine {
            seq: entry.seq,
            command: entry.command,
            as_of: entry.as_of,
            files: entry.files.into_iter().map(|f| f.path).collect(),
        });
    }
    Ok(lines)
}

/// Reverts the latest change, if every file it wrote is still as it left
/// it (or already back as it was). Returns what was undone.
pub fn undo(data: &Path) -> Result<LogLine> {
    let Some((seq, _)) = entries(data)?
        .into_iter()
        .rev()
        .find(|(_, pending)| !pending)
    else {
        return Err(Error::rule(Rule::NoChange, "nothing to undo"));
    };
    let path = entry_path(data, seq, false);
    let entry = read_entry(&path)?;
    for file in &entry.files {
        let current = std::fs::read(data.join(&file.path)).ok();
        let as_left = current.as_deref().map(fingerprint).as_deref() == Some(file.after.as_str());
        let as_before = current == content_before(data, file)?;
        if !as_left && !as_before {
            return Err(Error::Conflict(format!(
                "{} has changed since `{}` (by git or by hand); undoing would lose that change",
                file.path, entry.command
            )));
        }
    }
    restore(data, &entry)?;
    // The journal (git-ignored, never shared) keeps `last-seq`, so the next
    // change gets a new number; the data files are exactly as before.
    remember_given(data, seq)?;
    forget(data, seq, false)?;
    Ok(LogLine {
        seq: entry.seq,
        command: entry.command,
        as_of: entry.as_of,
        files: entry.files.into_iter().map(|f| f.path).collect(),
    })
}
