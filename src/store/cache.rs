//! A derived, rebuildable cache of rumour summaries, so that a command about
//! one player does not read every rumour. It lives outside the data directory
//! (in `$MERCATO_CACHE_DIR`, else `$XDG_CACHE_HOME/mercato`, else
//! `~/.cache/mercato`; `MERCATO_NO_CACHE=1` turns it off), so `data/` only
//! ever holds what people wrote. It is never trusted blindly: the entry of a
//! rumour shard is used only while the shard file's size, modification time
//! and inode are exactly as recorded; anything else is read again from the
//! file. Losing the cache, or failing to write it, only costs time.
//!
//! One cache file per rumour shard, so a change rewrites one small file.

use super::atomic;
use crate::model::{Rumour, RumourSummary, SourceId, TrackRecord};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Bumped whenever what an entry means changes, so older entries are rebuilt
/// (5: signing dates, last change, and track records counting only reports
/// made before the outcome).
const VERSION: u32 = 5;

/// What identifies one state of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub len: u64,
    pub modified_ns: i128,
    pub inode: u64,
}

impl Fingerprint {
    pub fn of(path: &Path) -> Option<Fingerprint> {
        let meta = std::fs::metadata(path).ok()?;
        let modified_ns = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Fingerprint {
            len: meta.len(),
            modified_ns,
            inode,
        })
    }
}

/// The summaries of one rumour shard, valid for one state of its file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedShard {
    pub version: u32,
    pub fingerprint: Fingerprint,
    pub summaries: Vec<RumourSummary>,
    /// The track records its rumours earn each source.
    pub tallies: BTreeMap<SourceId, TrackRecord>,
}

impl CachedShard {
    /// The cache entry for a shard's rumours.
    pub fn of(fingerprint: Fingerprint, rumours: &[&Rumour]) -> CachedShard {
        CachedShard {
            version: VERSION,
            fingerprint,
            summaries: rumours.iter().map(|r| RumourSummary::of(r)).collect(),
            tallies: crate::model::summary::tally(rumours.iter().copied()),
        }
    }
}

/// Where the cache of `data` lives, if there is anywhere to put it.
pub fn dir_for(data: &Path) -> Option<PathBuf> {
    if std::env::var_os("MERCATO_NO_CACHE").is_some_and(|v| !v.is_empty()) {
        return None;
    }
    let base = std::env::var_os("MERCATO_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("mercato")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/mercato")))?;
    let canonical = data.canonicalize().ok()?;
    let key = crate::model::ids::fnv1a(canonical.to_string_lossy().as_bytes());
    Some(base.join(format!("{key:016x}")).join("rumours"))
}

/// The cached entry of one shard, if it is still valid for `fingerprint`.
pub fn read(dir: &Path, shard: &str, fingerprint: Fingerprint) -> Option<CachedShard> {
    let file = dir.join(format!("{shard}.json"));
    let bytes = std::fs::read(file).ok()?;
    let entry: CachedShard = serde_json::from_slice(&bytes).ok()?;
    (entry.version == VERSION && entry.fingerprint == fingerprint).then_some(entry)
}

/// Saves one shard's entry; failures are ignored (the next command rebuilds it).
pub fn write(dir: &Path, shard: &str, entry: &CachedShard) {
    if let Ok(bytes) = serde_json::to_vec(entry) {
        let _ = atomic::write_atomic(&dir.join(format!("{shard}.json")), &bytes);
    }
}

/// Forgets one shard's entry (its file is gone).
pub fn forget(dir: &Path, shard: &str) {
    let _ = std::fs::remove_file(dir.join(format!("{shard}.json")));
}
