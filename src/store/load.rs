//! Reading the data files into a [`World`]: whole, leniently (for
//! `check`), with rumours in brief from the index, or the rumour
//! shards a command asks for.

use super::atomic;
use super::dir::Store;
use super::files::{FileKey, duplicate, shard_name, shard_of};
use super::format::{self, Placed, read_records};
use super::index::Index;
use super::parallel::on_all_cores;
use super::snapshot::Snapshot;
use crate::error::{Error, Result};
use crate::model::Rumour;
use crate::world::World;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

impl Store {
    /// Loads everything; the first unreadable file is an error.
    pub fn load(&self) -> Result<World> {
        let (world, mut problems) = self.load_lenient();
        if problems.is_empty() {
            Ok(world)
        } else {
            Err(problems.swap_remove(0))
        }
    }

    /// Loads everything that can be read, and says what could not.
    pub fn load_lenient(&self) -> (World, Vec<Error>) {
        let mut world = World::default();
        let mut problems = Vec::new();
        self.load_people(&mut world, &mut problems);
        let rumours = self.shard_files("rumours", &mut problems);
        let mut all = BTreeMap::new();
        self.read_into(
            &rumours,
            "rumours",
            &mut all,
            |r: &Rumour| r.id.clone(),
            &mut problems,
        );
        for rumour in all.into_values() {
            world.insert_rumour(rumour);
        }
        (world, problems)
    }

    /// Reads clubs, sources and players (with their contracts) into `world`.
    pub(super) fn load_people(&self, world: &mut World, problems: &mut Vec<Error>) {
        self.load_clubs_and_sources(world, problems);
        let players = self.shard_files("players", problems);
        self.read_into(
            &players,
            "players",
            &mut world.players,
            |p| p.id.clone(),
            problems,
        );
    }

    /// Reads clubs and sources into `world`.
    pub(super) fn load_clubs_and_sources(&self, world: &mut World, problems: &mut Vec<Error>) {
        let clubs = [self.path_of(&FileKey::Clubs)];
        self.read_into(
            &clubs,
            "clubs",
            &mut world.clubs,
            |c| c.id.clone(),
            problems,
        );
        self.load_sources(world, problems);
    }

    /// Reads sources into `world`.
    pub(super) fn load_sources(&self, world: &mut World, problems: &mut Vec<Error>) {
        let sources = [self.path_of(&FileKey::Sources)];
        self.read_into(
            &sources,
            "sources",
            &mut world.sources,
            |s| s.id.clone(),
            problems,
        );
    }

    /// Loads clubs, sources, players and every rumour in brief: the
    /// summaries and each shard's track records come from the index, which
    /// is brought up to date first. Commands then read the shards they need
    /// with [`Store::load_rumour_shards`]. Without an index (turned off, a
    /// read-only directory, or one that fails) every rumour shard is read
    /// in full instead: the same world, more slowly.
    pub fn load_index(&self) -> Result<Snapshot> {
        let mut problems = Vec::new();
        let mut world = World::default();
        self.load_people(&mut world, &mut problems);
        if let Some(first) = problems.into_iter().next() {
            return Err(first);
        }
        let mut world = Snapshot::brief(world);
        if let Some(index) = Index::open(self)? {
            match briefs_from_index(&index, &mut world) {
                // Never trusted, never fatal: drop it and read the JSON;
                // the next command builds it again.
                Err(Error::Index(_)) => {
                    drop(index);
                    if let Some(path) = self.index_path() {
                        super::index::forget(path);
                    }
                }
                done => return done.map(|()| world),
            }
        }
        let mut problems = Vec::new();
        let files = self.shard_files("rumours", &mut problems);
        if let Some(first) = problems.into_iter().next() {
            return Err(first);
        }
        for (path, records) in self.read_files::<Rumour>(&files, "rumours") {
            let rumours = records?;
            let mut seen = HashSet::new();
            for rumour in &rumours {
                if world.summary(&rumour.id).is_some() || !seen.insert(&rumour.id) {
                    return Err(duplicate(&path, "rumour", rumour.id.as_str()));
                }
            }
            world.add_shard(&shard_name(&path), rumours);
        }
        Ok(world)
    }

    /// Reads rumour shards in full into a world loaded with [`Store::load_index`].
    pub fn load_rumour_shards<'a>(
        &self,
        world: &mut Snapshot,
        shards: impl IntoIterator<Item = &'a str>,
    ) -> Result<()> {
        let wanted: Vec<PathBuf> = shards
            .into_iter()
            .filter(|s| !world.is_loaded(s))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|s| self.path_of(&FileKey::Rumours(s.to_string())))
            .collect();
        for (path, records) in self.read_files::<Rumour>(&wanted, "rumours") {
            world.add_shard(&shard_name(&path), records?);
        }
        Ok(())
    }

    /// Reads in full the rumours of some players, for display only: the
    /// shards are parsed but only these players' rumours are kept, and the
    /// shards are not marked as read whole (so nothing can write them).
    pub fn load_rumours_of_players(
        &self,
        world: &mut Snapshot,
        players: &HashSet<crate::model::PlayerId>,
    ) -> Result<()> {
        let shards: BTreeSet<String> = players.iter().map(shard_of).collect();
        let wanted: Vec<PathBuf> = shards
            .iter()
            .filter(|s| !world.is_loaded(s))
            .map(|s| self.path_of(&FileKey::Rumours(s.clone())))
            .collect();
        let kept = on_all_cores(&wanted, |path| format::read_rumours_of(path, players));
        for rumours in kept {
            for rumour in rumours? {
                world.insert_rumour_counted_elsewhere(rumour);
            }
        }
        Ok(())
    }

    /// Reads every rumour shard in full.
    pub fn load_all_rumours(&self, world: &mut Snapshot) -> Result<()> {
        let mut problems = Vec::new();
        let shards: Vec<String> = self
            .shard_files("rumours", &mut problems)
            .iter()
            .map(|p| shard_name(p))
            .collect();
        if let Some(first) = problems.into_iter().next() {
            return Err(first);
        }
        self.load_rumour_shards(world, shards.iter().map(String::as_str))
    }

    /// Reads in full the rumours about one player.
    pub fn load_rumours_of(
        &self,
        world: &mut Snapshot,
        player: &crate::model::PlayerId,
    ) -> Result<()> {
        self.load_rumour_shards(world, [shard_of(player).as_str()])
    }

    /// Reads files into a map by id; a duplicate id is a problem (the last
    /// copy wins so that `check` can still look at it).
    pub(super) fn read_into<T, K>(
        &self,
        paths: &[PathBuf],
        kind: &str,
        map: &mut BTreeMap<K, T>,
        id: impl Fn(&T) -> K,
        problems: &mut Vec<Error>,
    ) where
        T: DeserializeOwned + Placed + Send,
        K: Ord + std::fmt::Display,
    {
        for (path, records) in self.read_files::<T>(paths, kind) {
            match records {
                Ok(records) => {
                    for record in records {
                        let key = id(&record);
                        if map.contains_key(&key) {
                            problems.push(duplicate(&path, T::KIND, &key.to_string()));
                        }
                        map.insert(key, record);
                    }
                }
                Err(e) => problems.push(e),
            }
        }
    }

    /// The shard files of a sub-directory, sorted; temp files are skipped.
    pub(super) fn shard_files(&self, sub: &str, problems: &mut Vec<Error>) -> Vec<PathBuf> {
        let dir = self.dir.join(sub);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
            Err(e) => {
                problems.push(Error::io(&dir, e));
                return Vec::new();
            }
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with(atomic::TEMP_PREFIX) && n.ends_with(".json"))
            })
            .collect();
        files.sort();
        files
    }

    /// Reads and parses files, in parallel when there are many. A missing
    /// file is an empty collection.
    pub(super) fn read_files<T: DeserializeOwned + Placed + Send>(
        &self,
        paths: &[PathBuf],
        kind: &str,
    ) -> Vec<(PathBuf, Result<Vec<T>>)> {
        on_all_cores(paths, |p| (p.clone(), read_records(p, kind)))
    }
}

/// Every rumour in brief and each shard's track records, from the index,
/// into a world holding no rumour shard in full. The index holds each
/// rumour id once (it refuses one id in two files when refreshed).
fn briefs_from_index(index: &Index, world: &mut Snapshot) -> Result<()> {
    index.begin_reading()?;
    for summary in index.all_summaries()? {
        world.insert_summary(summary);
    }
    for (shard, tally) in index.tallies_by_shard()? {
        world.set_tally(&shard, tally);
    }
    Ok(())
}
