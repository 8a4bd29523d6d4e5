//! Reading every shard without holding the world: `check` and `export` go
//! through the shard files a few at a time, so their memory is that of a
//! few shards (plus the ids they must remember), whatever the world's size.

use super::dir::Store;
use super::files::{FileKey, duplicate, shard_name, shard_of};
use super::format::{Placed, read_records, read_records_as_found};
use super::parallel::on_all_cores;
use crate::error::{Error, Result};
use crate::model::{PlayerId, Rumour};
use crate::world::World;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// Shards parsed at once per core: enough to keep the cores busy, few
/// enough that memory stays flat.
const SHARDS_PER_CORE: usize = 2;

impl Store {
    /// Clubs and sources (two small files), and what could not be read.
    pub fn load_clubs_and_sources_lenient(&self) -> (World, Vec<Error>) {
        let mut world = World::default();
        let mut problems = Vec::new();
        self.load_clubs_and_sources(&mut world, &mut problems);
        (world, problems)
    }

    /// Hands every shard file of `sub` (`"players"` or `"rumours"`) to
    /// `each`, parsed, in file order, a few shards at a time. Returns what
    /// kept the directory from being listed (a shard that cannot be parsed
    /// is handed to `each` as an error).
    pub fn each_shard<T: DeserializeOwned + Placed + Send>(
        &self,
        sub: &str,
        each: impl FnMut(PathBuf, Result<Vec<T>>),
    ) -> Vec<Error> {
        let mut problems = Vec::new();
        let files = self.shard_files(sub, &mut problems);
        in_batches(&files, sub, read_records::<T>, each);
        problems
    }

    /// As [`Store::each_shard`], handing over a file with a record out of
    /// place or twice as it is: `check` names every such record (see
    /// [`super::format::misplaced`]) and still checks the rest.
    pub fn each_shard_as_found<T: DeserializeOwned + Send>(
        &self,
        sub: &str,
        each: impl FnMut(PathBuf, Result<Vec<T>>),
    ) -> Vec<Error> {
        let mut problems = Vec::new();
        let files = self.shard_files(sub, &mut problems);
        in_batches(&files, sub, read_records_as_found::<T>, each);
        problems
    }

    /// Reads `files` with `read` a few at a time, handing each to `each` in order.
    fn in_batches<T: DeserializeOwned + Placed + Send>(
        &self,
        files: &[PathBuf],
        sub: &str,
        each: impl FnMut(PathBuf, Result<Vec<T>>),
    ) {
        in_batches(files, sub, read_records::<T>, each);
    }

    /// As [`Store::each_shard`], stopping at the first error (of the
    /// listing, a shard, or `each`).
    pub fn try_each_shard<T: DeserializeOwned + Placed + Send>(
        &self,
        sub: &str,
        mut each: impl FnMut(&Path, Vec<T>) -> Result<()>,
    ) -> Result<()> {
        let mut failed = None;
        let listing = self.each_shard::<T>(sub, |path, records| {
            if failed.is_none()
                && let Err(e) = records.and_then(|records| each(&path, records))
            {
                failed = Some(e);
            }
        });
        match listing.into_iter().chain(failed).next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl Store {
    /// A world of the rumours a filter keeps, as they stood on `day`, read
    /// shard by shard under the shared lock (memory holds a few shards and
    /// the answer): `plan` looks names up among the clubs and sources and
    /// returns the filter. The world holds the clubs and sources, the kept
    /// rumours with their players' other rumours (a story's context), those
    /// players, and every shard's track records, tallied on the way.
    pub fn read_rumours_where<F, T>(
        &self,
        day: NaiveDate,
        plan: impl FnOnce(&World) -> Result<(F, T)>,
    ) -> Result<(World, T)>
    where
        F: Fn(&World, &Rumour) -> bool,
    {
        self.recover_if_needed()?;
        let _lock = self.lock_for_reading()?;
        let (mut world, mut problems) = self.load_clubs_and_sources_lenient();
        if !problems.is_empty() {
            return Err(problems.swap_remove(0));
        }
        let (keep, t) = plan(&world)?;
        let mut kept = Vec::new();
        let mut tallies = Vec::new();
        let mut ids = HashSet::new();
        self.try_each_shard::<Rumour>("rumours", |path, rumours| {
            // One id in two files: the list would show a copy and lose the other.
            if let Some(twice) = rumours.iter().find(|r| !ids.insert(r.id.clone())) {
                return Err(duplicate(path, "rumour", twice.id.as_str()));
            }
            let rumours: Vec<Rumour> = rumours.iter().filter_map(|r| r.as_of(day)).collect();
            tallies.push((shard_name(path), crate::model::summary::tally(&rumours)));
            // A player's rumours all live in his shard.
            let players: HashSet<PlayerId> = rumours
                .iter()
                .filter(|r| keep(&world, r))
                .map(|r| r.player.clone())
                .collect();
            kept.extend(rumours.into_iter().filter(|r| players.contains(&r.player)));
            Ok(())
        })?;
        let players: HashSet<PlayerId> = kept.iter().map(|r| r.player.clone()).collect();
        let shards: BTreeSet<String> = players.iter().map(shard_of).collect();
        let paths: Vec<PathBuf> = shards
            .iter()
            .map(|s| self.path_of(&FileKey::Players(s.clone())))
            .collect();
        let mut failed = None;
        self.in_batches::<crate::model::Player>(&paths, "players", |_, read| match read {
            Ok(read) => {
                let wanted = read.into_iter().filter(|p| players.contains(&p.id));
                world.players.extend(wanted.map(|p| (p.id.clone(), p)));
            }
            Err(e) => {
                failed.get_or_insert(e);
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        // No shard is held whole: track records come from the tallies.
        for (shard, tally) in tallies {
            world.count_elsewhere(&shard, tally);
        }
        for rumour in kept {
            world.insert_rumour_counted_elsewhere(rumour);
        }
        world.view_as_of(day);
        Ok((world, t))
    }
}

/// Reads `files` with `read` a few at a time, handing each to `each` in order.
fn in_batches<T: Send>(
    files: &[PathBuf],
    sub: &str,
    read: fn(&Path, &str) -> Result<Vec<T>>,
    mut each: impl FnMut(PathBuf, Result<Vec<T>>),
) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    for batch in files.chunks(SHARDS_PER_CORE * cores) {
        let read = on_all_cores(batch, |p| (p.clone(), read(p, sub)));
        for (path, records) in read {
            each(path, records);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Player;
    use crate::store::Store;

    #[test]
    fn every_shard_is_handed_over_in_file_order() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::init(dir.path()).unwrap();
        let as_of = chrono::NaiveDate::from_ymd_opt(2025, 10, 20).unwrap();
        store
            .change("test", as_of, |w| {
                for i in 0..40 {
                    let p: Player = serde_json::from_value(serde_json::json!({
                        "id": format!("player-{i}"), "name": format!("Player {i}"), "position": "CB"
                    }))
                    .unwrap();
                    w.put_player(p);
                }
                Ok(())
            })
            .unwrap();
        let mut seen = Vec::new();
        let mut players = 0;
        let problems = store.each_shard::<Player>("players", |path, records| {
            seen.push(path);
            players += records.unwrap().len();
        });
        assert!(problems.is_empty());
        assert_eq!(players, 40);
        let mut sorted = seen.clone();
        sorted.sort();
        assert_eq!(seen, sorted);
        std::fs::write(&seen[0], "{").unwrap();
        let failed = store.try_each_shard::<Player>("players", |_, _| Ok(()));
        assert!(
            matches!(failed, Err(crate::Error::Parse { .. })),
            "{failed:?}"
        );
    }
}
