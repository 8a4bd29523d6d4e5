//! Reading every shard without holding the world: `check` and `export` go
//! through the shard files a few at a time, so their memory is that of a
//! few shards (plus the ids they must remember), whatever the world's size.

use super::Store;
use crate::error::{Error, Result};
use crate::world::World;
use serde::de::DeserializeOwned;
use std::path::PathBuf;

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
    pub fn each_shard<T: DeserializeOwned + Send>(
        &self,
        sub: &str,
        mut each: impl FnMut(PathBuf, Result<Vec<T>>),
    ) -> Vec<Error> {
        let mut problems = Vec::new();
        let files = self.shard_files(sub, &mut problems);
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        for batch in files.chunks(SHARDS_PER_CORE * cores) {
            for (path, records) in self.read_files::<T>(batch, sub) {
                each(path, records);
            }
        }
        problems
    }

    /// As [`Store::each_shard`], stopping at the first error (of the
    /// listing, a shard, or `each`).
    pub fn try_each_shard<T: DeserializeOwned + Send>(
        &self,
        sub: &str,
        mut each: impl FnMut(Vec<T>) -> Result<()>,
    ) -> Result<()> {
        let mut failed = None;
        let listing = self.each_shard::<T>(sub, |_, records| {
            if failed.is_none()
                && let Err(e) = records.and_then(&mut each)
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
        let failed = store.try_each_shard::<Player>("players", |_| Ok(()));
        assert!(
            matches!(failed, Err(crate::Error::Parse { .. })),
            "{failed:?}"
        );
    }
}
