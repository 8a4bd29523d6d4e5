//! A derived, rebuildable cache of rumour summaries, so that a command about
//! one player does not read every rumour. It lives outside the data directory
//! (in `$MERCATO_CACHE_DIR`, else `$XDG_CACHE_HOME/mercato`, else
//! `~/.cache/mercato`), so `data/` only ever holds what people wrote, and is
//! never trusted blindly: each rumour shard's entry is used only while the
//! file's size, modification time and inode are exactly as recorded;
//! anything else is read again from the file. Losing the cache, or failing
//! to write it, only costs time.

use super::atomic;
use crate::model::{Rumour, RumourSummary, SourceId, TrackRecord};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const VERSION: u32 = 2;

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
    pub fingerprint: Fingerprint,
    pub summaries: Vec<RumourSummary>,
    /// The track records its rumours earn each source.
    pub tallies: BTreeMap<SourceId, TrackRecord>,
}

impl CachedShard {
    /// The cache entry for a shard's rumours.
    pub fn of(fingerprint: Fingerprint, rumours: &[&Rumour]) -> CachedShard {
        CachedShard {
            fingerprint,
            summaries: rumours.iter().map(|r| RumourSummary::of(r)).collect(),
            tallies: crate::model::summary::tally(rumours.iter().copied()),
        }
    }
}

/// The cache of one data directory.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Cache {
    pub version: u32,
    pub shards: BTreeMap<String, CachedShard>,
}

/// Where the cache of `data` lives, if there is anywhere to put it.
fn file_for(data: &Path) -> Option<PathBuf> {
    if std::env::var_os("MERCATO_NO_CACHE").is_some_and(|v| !v.is_empty()) {
        return None;
    }
    let base = std::env::var_os("MERCATO_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("mercato")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/mercato")))?;
    let canonical = data.canonicalize().ok()?;
    let key = crate::model::ids::fnv1a(canonical.to_string_lossy().as_bytes());
    Some(base.join(format!("{key:016x}")).join("rumours.json"))
}

/// The cache, or an empty one when there is none or it cannot be read.
pub fn read(data: &Path) -> Cache {
    file_for(data)
        .and_then(|f| std::fs::read(f).ok())
        .and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok())
        .filter(|c| c.version == VERSION)
        .unwrap_or_default()
}

/// Saves the cache; failures are ignored (the next command rebuilds it).
pub fn write(data: &Path, cache: &mut Cache) {
    cache.version = VERSION;
    if let Some(file) = file_for(data)
        && let Ok(bytes) = serde_json::to_vec(cache)
    {
        let _ = atomic::write_atomic(&file, &bytes);
    }
}
