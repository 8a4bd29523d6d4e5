//! Where things live in a data directory: the files records are kept in,
//! and the shard a player's records go to. A leaf every part of the store
//! uses.

use crate::error::Error;
use crate::model::PlayerId;
use std::path::{Path, PathBuf};

/// One file of the store. Players and their rumours are sharded by a hash of
/// the player id, so a change rewrites one small file and two people working
/// on different players rarely touch the same file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKey {
    Clubs,
    Sources,
    Players(String),
    Rumours(String),
}

/// How many shards players and rumours are spread over: 256 keeps every shard
/// small (about 400 players at 100,000) while the directory stays listable.
pub fn shard_of(player: &PlayerId) -> String {
    format!(
        "{:02x}",
        crate::model::ids::fnv1a(player.as_str().as_bytes()) >> 56
    )
}

/// Where a file lives inside the data directory, with `/` separators.
pub fn relative_path(key: &FileKey) -> String {
    match key {
        FileKey::Clubs => "clubs.json".to_string(),
        FileKey::Sources => "sources.json".to_string(),
        FileKey::Players(shard) => format!("players/{shard}.json"),
        FileKey::Rumours(shard) => format!("rumours/{shard}.json"),
    }
}

/// "ab" for `.../rumours/ab.json`.
pub fn shard_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// An id found a second time (here, in `path`).
pub fn duplicate(path: &Path, kind: &'static str, id: &str) -> Error {
    Error::OutOfPlace {
        path: path.to_path_buf(),
        kind,
        id: id.to_string(),
        belongs: None,
    }
}

/// Where the index of a data directory lives, inside it.
pub const INDEX_FILE: &str = ".mercato/index.sqlite";

/// The environment variables that make every command answer from the JSON
/// alone, with no index (`MERCATO_NO_CACHE` is the older name).
pub const JSON_ONLY_VARS: [&str; 2] = ["MERCATO_NO_INDEX", "MERCATO_NO_CACHE"];

/// Where the index of `data` lives, unless the environment asks for the JSON
/// alone (see [`JSON_ONLY_VARS`]).
pub fn index_path_for(data: &Path) -> Option<PathBuf> {
    let json_only = JSON_ONLY_VARS
        .iter()
        .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()));
    (!json_only).then(|| data.join(INDEX_FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_two_hex_digits_and_stable() {
        let s = shard_of(&PlayerId::from("ibrahima-konate"));
        assert_eq!(s.len(), 2);
        assert!(s.chars().all(|c| c.is_ascii_hexdigit()));
        assert_eq!(s, shard_of(&PlayerId::from("ibrahima-konate")));
    }
}
