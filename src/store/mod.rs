//! The JSON files under `data/` and the one store derived from them: reads
//! and changes under the lock, each change one journaled write. Where each
//! record lives is in `files.rs`, the file format in `format.rs`, reading in
//! `load.rs`, what a command read in `snapshot.rs`, the index in `index/`.
//!
//! Layout (documented in the README):
//! ```text
//! data/clubs.json          every club
//! data/sources.json        every source
//! data/players/XX.json     players whose id hashes to shard XX (00..ff), with their contracts
//! data/rumours/XX.json     rumours about those same players, with reports and history
//! ```
//! Each file is `{"version": N, "kind": K, "records": [...]}`, records sorted by id,
//! pretty-printed with a trailing newline, so `git diff data/` reads like a
//! changelog and two people editing different players touch different files.

pub mod atomic;
mod dir;
pub mod files;
mod fix;
mod format;
pub mod index;
pub mod journal;
mod load;
pub mod lock;
pub mod migrate;
mod parallel;
pub mod scoped;
pub mod snapshot;
mod stream;

use crate::error::{Error, Result};
use crate::world::World;
use std::collections::BTreeMap;

pub use dir::Store;
pub use files::{FileKey, relative_path, shard_of};
pub use fix::{Fixed, Moved, Twice};
pub use format::{
    FORMAT_VERSION, Placed, check_places, decode, encode, misplaced, read_records,
    read_records_as_found,
};
pub use snapshot::Snapshot;

impl Store {
    /// Loads the world for reading, under the shared lock. A change a
    /// killed writer left half-done is rolled back first.
    pub fn read(&self) -> Result<World> {
        self.recover_if_needed()?;
        let _lock = self.lock_for_reading()?;
        self.load()
    }

    /// Like [`Store::read`], with rumours in brief (see [`Store::load_index`]);
    /// `then` reads the shards it needs while the lock is still held.
    pub fn read_index<T>(
        &self,
        then: impl FnOnce(&Store, &mut Snapshot) -> Result<T>,
    ) -> Result<(World, T)> {
        self.recover_if_needed()?;
        let _lock = self.lock_for_reading()?;
        let mut read = self.load_index()?;
        let result = then(self, &mut read)?;
        Ok((read.into_world(), result))
    }

    /// The world as it stood on `day` (see [`World::view_as_of`]), rumours
    /// in brief; `then` reads the shards it needs, which are cut to `day`
    /// as they are read. Shards whose indexed summaries do not hold on `day`
    /// (something in them is dated later) are read in full first.
    pub fn read_as_of<T>(
        &self,
        day: chrono::NaiveDate,
        then: impl FnOnce(&Store, &mut Snapshot) -> Result<T>,
    ) -> Result<(World, T)> {
        self.read_index(|store, read| {
            let stale = read.shards_changed_after(day);
            store.load_rumour_shards(read, stale.iter().map(String::as_str))?;
            read.view_as_of(day);
            then(store, read)
        })
    }

    /// Rolls back changes a killed writer left half-done, if any.
    pub fn recover_if_needed(&self) -> Result<()> {
        if journal::has_pending(&self.dir) {
            let _lock = self.lock_for_writing()?;
            journal::recover(&self.dir)?;
        }
        Ok(())
    }

    /// A read-modify-write under the exclusive lock: loads the world, lets
    /// `edit` change it, and writes the files it touched as one journaled
    /// change. Nothing is written unless `edit` succeeds.
    pub fn change<T>(
        &self,
        command: &str,
        as_of: chrono::NaiveDate,
        edit: impl FnOnce(&mut Snapshot) -> Result<T>,
    ) -> Result<(World, T)> {
        self.refuse_read_only()?;
        let _lock = self.lock_for_writing()?;
        journal::recover(&self.dir)?;
        let mut read = self.load_index()?;
        let result = edit(&mut read)?;
        // The index catches up with the files written when next opened.
        self.save(&mut read, command, as_of)?;
        Ok((read.into_world(), result))
    }

    /// Writes every file the world's changes touched, referenced records
    /// first (clubs, sources, players, then rumours), as one journaled change.
    fn save(&self, world: &mut Snapshot, command: &str, as_of: chrono::NaiveDate) -> Result<()> {
        let changed: Vec<FileKey> = world.changed_files().into_iter().collect();
        if changed.is_empty() {
            return Ok(());
        }
        if let Some(day) = world.view_date() {
            // A world cut to a day has lost what came later.
            return Err(Error::Internal(format!(
                "a world seen as of {day} cannot be saved; nothing was written"
            )));
        }
        if changed.contains(&FileKey::Clubs) && !world.clubs_whole() {
            return Err(Error::Internal(
                "clubs.json changed without being read whole; nothing was written".to_string(),
            ));
        }
        // A scoped change reads only its players: their shards are
        // completed from the files now, when one must be written.
        for key in &changed {
            if let FileKey::Players(shard) = key
                && !world.players_loaded(shard)
            {
                let others = read_records::<crate::model::Player>(&self.path_of(key), "players")?;
                world.complete_players(shard, others);
            }
        }
        for key in &changed {
            if let FileKey::Players(shard) = key
                && !world.players_loaded(shard)
            {
                return Err(Error::Internal(format!(
                    "players/{shard}.json changed without being read whole; nothing was written"
                )));
            }
            if let FileKey::Rumours(shard) = key
                && !world.is_loaded(shard)
                && self.path_of(key).exists()
            {
                // Writing a shard read only in brief would drop its rumours.
                return Err(Error::Internal(format!(
                    "rumours/{shard}.json changed without being read; nothing was written"
                )));
            }
        }
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        for (name, content) in [
            (".gitignore", dir::GITIGNORE),
            (".gitattributes", dir::GITATTRIBUTES),
        ] {
            if !self.dir.join(name).exists() {
                files.push((name.to_string(), content.as_bytes().to_vec()));
            }
        }
        // Every store written has a clubs.json, so one without is damaged.
        if !changed.contains(&FileKey::Clubs) && !self.path_of(&FileKey::Clubs).exists() {
            let none: [&crate::model::Club; 0] = [];
            files.push((relative_path(&FileKey::Clubs), encode("clubs", &none)?));
        }
        // Group records by shard once, not once per changed shard.
        let players = if changed.iter().any(|k| matches!(k, FileKey::Players(_))) {
            snapshot::players_by_shard(world)
        } else {
            BTreeMap::new()
        };
        let rumours = if changed.iter().any(|k| matches!(k, FileKey::Rumours(_))) {
            snapshot::rumours_by_shard(world)
        } else {
            BTreeMap::new()
        };
        for key in &changed {
            let bytes = match key {
                FileKey::Clubs => encode("clubs", &world.clubs.values().collect::<Vec<_>>()),
                FileKey::Sources => encode("sources", &world.sources.values().collect::<Vec<_>>()),
                FileKey::Players(shard) => {
                    encode("players", players.get(shard).map_or(&[][..], Vec::as_slice))
                }
                FileKey::Rumours(shard) => {
                    encode("rumours", rumours.get(shard).map_or(&[][..], Vec::as_slice))
                }
            }?;
            files.push((relative_path(key), bytes));
        }
        for dir in ["", "players", "rumours", journal::DIR] {
            atomic::remove_leftovers(&self.dir.join(dir));
        }
        journal::apply(&self.dir, command, as_of, &files)?;
        world.forget_changes();
        Ok(())
    }

    /// The changes that `undo` can revert, newest first.
    pub fn log(&self) -> Result<Vec<journal::LogLine>> {
        let _lock = self.lock_for_reading()?;
        journal::log(&self.dir)
    }

    /// Reverts the latest change.
    pub fn undo(&self) -> Result<journal::LogLine> {
        self.refuse_read_only()?;
        let _lock = self.lock_for_writing()?;
        journal::recover(&self.dir)?;
        journal::undo(&self.dir)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_worker_panic_is_the_callers_panic() {
        let items: Vec<u32> = (0..64).collect();
        let caught = std::panic::catch_unwind(|| {
            super::parallel::on_all_cores(&items, |&i| {
                assert!(i != 50, "worker fails on item 50");
                i
            })
        });
        assert!(caught.is_err(), "the panic was swallowed");
        assert_eq!(super::parallel::on_all_cores(&items, |&i| i * 2)[63], 126);
    }

    use super::*;
    use crate::model::Club;
    use std::path::{Path, PathBuf};

    #[test]
    fn a_broken_file_is_reported_with_line_and_column() {
        let err = decode::<Club>(
            Path::new("data/clubs.json"),
            "clubs",
            b"{\n  \"version\": 1,\n  \"records\": [ {]\n}",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("data/clubs.json:3:"), "{err}");
    }

    #[test]
    fn a_version_1_file_is_migrated() {
        let clubs = decode::<Club>(
            Path::new("clubs.json"),
            "clubs",
            br#"{"version": 1, "records": [{"id": "a", "name": "A"}]}"#,
        )
        .unwrap();
        assert_eq!(clubs[0].name, "A");
    }

    #[test]
    fn a_file_in_the_wrong_place_is_refused() {
        let err = decode::<Club>(
            Path::new("clubs.json"),
            "clubs",
            br#"{"version": 2, "kind": "sources", "records": []}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("holds sources"), "{err}");
    }

    #[test]
    fn a_newer_file_is_refused() {
        let err = decode::<Club>(
            Path::new("c.json"),
            "clubs",
            br#"{"version": 99, "records": [{"new": 1}]}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("written by a newer mercato"), "{err}");
    }

    #[test]
    fn round_trip_through_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::init(dir.path()).unwrap().without_index();
        let day = "2025-10-20".parse().unwrap();
        store
            .change("club add Liverpool", day, |w| {
                w.put_club(Club::new("liverpool".into(), "Liverpool"));
                Ok(())
            })
            .unwrap();
        let text = std::fs::read_to_string(dir.path().join("clubs.json")).unwrap();
        assert!(text.ends_with("}\n"));
        assert!(text.contains("\"version\": 2"));
        assert!(text.contains("\"kind\": \"clubs\""));
        let back = store.load().unwrap();
        assert_eq!(back.clubs.len(), 1);
        assert!(dir.path().join(".gitignore").exists());
        assert_eq!(store.log().unwrap().len(), 1);
    }

    /// A store in a temporary directory after one change ("one", adding club A).
    fn store_after_one_change() -> (tempfile::TempDir, Store, chrono::NaiveDate) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap().without_index();
        let day = "2025-10-20".parse().unwrap();
        store
            .change("one", day, |w| {
                w.put_club(Club::new("a".into(), "A"));
                Ok(())
            })
            .unwrap();
        (dir, store, day)
    }

    #[test]
    fn undo_restores_every_byte() {
        let (dir, store, day) = store_after_one_change();
        let before = snapshot(dir.path());
        store
            .change("two", day, |w| {
                w.put_club(Club::new("b".into(), "B"));
                w.put_player(crate::model::Player {
                    id: "p".into(),
                    name: "P".into(),
                    aliases: Vec::new(),
                    born: None,
                    reported_age: None,
                    nationality: None,
                    position: crate::model::Position::CB,
                    also: vec![],
                    caps: None,
                    foot: None,
                    market_value: None,
                    notes: None,
                    contracts: vec![],
                    external_ids: Default::default(),
                    conflicts: Default::default(),
                });
                Ok(())
            })
            .unwrap();
        assert_ne!(before, snapshot(dir.path()));
        assert_eq!(store.undo().unwrap().command, "two");
        assert_eq!(before, snapshot(dir.path()));
        store.undo().unwrap();
        assert!(
            snapshot(dir.path()).is_empty(),
            "{:?}",
            snapshot(dir.path()).keys()
        );
        assert!(
            store
                .undo()
                .unwrap_err()
                .to_string()
                .contains("nothing to undo")
        );
        // Numbers are never given twice: after undoing 1 and 2, the next is 3.
        store
            .change("three", day, |w| {
                w.put_club(Club::new("c".into(), "C"));
                Ok(())
            })
            .unwrap();
        assert_eq!(store.log().unwrap()[0].seq, 3);
    }

    #[test]
    fn undo_refuses_to_clobber_later_edits() {
        let (dir, store, _) = store_after_one_change();
        std::fs::write(dir.path().join("clubs.json"), "edited by hand").unwrap();
        let err = store.undo().unwrap_err().to_string();
        assert!(err.contains("has changed since"), "{err}");
    }

    #[test]
    fn a_half_done_change_is_rolled_back() {
        let (dir, store, day) = store_after_one_change();
        let before = snapshot(dir.path());
        // Simulate a writer killed after its journal entry and one of two files.
        let entry = journal::Entry {
            seq: 2,
            command: "killed".into(),
            as_of: day,
            files: vec![
                journal::FileImage {
                    path: "clubs.json".into(),
                    before: Some(std::fs::read_to_string(dir.path().join("clubs.json")).unwrap()),
                    kept: None,
                    after: "x".into(),
                },
                journal::FileImage {
                    path: "sources.json".into(),
                    before: None,
                    kept: None,
                    after: "y".into(),
                },
            ],
            created_dirs: vec![],
        };
        let pending = dir.path().join(journal::DIR).join("000002.pending.json");
        std::fs::write(&pending, serde_json::to_vec(&entry).unwrap()).unwrap();
        std::fs::write(dir.path().join("clubs.json"), "half").unwrap();
        let world = store.read().unwrap();
        assert_eq!(world.clubs.len(), 1);
        assert_eq!(before, snapshot(dir.path()));
    }

    #[test]
    fn kept_files_go_with_their_entries_and_leftovers_with_the_next_change() {
        let (dir, store, day) = store_after_one_change();
        let journal = dir.path().join(journal::DIR);
        let kept = |seq: &str| {
            std::fs::read_dir(&journal)
                .unwrap()
                .flatten()
                .filter(|e| {
                    let name = e.file_name().to_string_lossy().to_string();
                    name.starts_with(seq) && name.ends_with(".before")
                })
                .count()
        };
        // A writer killed after linking, before its entry was written.
        std::fs::write(journal.join("000077.0.before"), "old").unwrap();
        store
            .change("two", day, |w| {
                w.put_club(Club::new("b".into(), "B"));
                Ok(())
            })
            .unwrap();
        assert_eq!(kept("000002."), 1, "clubs.json kept by the second change");
        assert_eq!(kept("000077."), 0, "the leftover is gone");
        store.undo().unwrap();
        assert_eq!(kept("000002."), 0, "undone: its kept file goes with it");
    }

    #[test]
    fn a_half_done_change_is_rolled_back_from_the_old_file_it_kept() {
        let (dir, store, day) = store_after_one_change();
        let before = snapshot(dir.path());
        let journal = dir.path().join(journal::DIR);
        // The old clubs.json is kept by a hard link; the killed writer had
        // renamed a new file into its place, as every write does.
        std::fs::hard_link(
            dir.path().join("clubs.json"),
            journal.join("000002.0.before"),
        )
        .unwrap();
        let entry = journal::Entry {
            seq: 2,
            command: "killed".into(),
            as_of: day,
            files: vec![journal::FileImage {
                path: "clubs.json".into(),
                before: None,
                kept: Some("000002.0.before".into()),
                after: "x".into(),
            }],
            created_dirs: vec![],
        };
        std::fs::write(
            journal.join("000002.pending.json"),
            serde_json::to_vec(&entry).unwrap(),
        )
        .unwrap();
        std::fs::write(dir.path().join("new-clubs"), "half").unwrap();
        std::fs::rename(dir.path().join("new-clubs"), dir.path().join("clubs.json")).unwrap();
        let world = store.read().unwrap();
        assert_eq!(world.clubs.len(), 1);
        assert_eq!(before, snapshot(dir.path()));
        assert!(
            !journal.join("000002.0.before").exists(),
            "forgotten with its entry"
        );
    }

    fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                // The journal is mercato's own state, not data.
                if path.ends_with(".mercato") {
                    continue;
                }
                if path.is_dir() {
                    walk(root, &path, out);
                } else {
                    out.insert(
                        path.strip_prefix(root).unwrap().to_path_buf(),
                        std::fs::read(&path).unwrap(),
                    );
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(dir, dir, &mut out);
        out
    }

    #[test]
    fn missing_directories_are_explained() {
        let err = Store::open("/nonexistent/mercato").unwrap_err().to_string();
        assert!(err.contains("does not exist"), "{err}");
    }
}
