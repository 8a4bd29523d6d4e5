//! What a command holds of the data directory: a [`World`], and what the
//! store read of it — which rumour shards in full, which player shards
//! whole, whether every club — so that it reads the rest on demand and
//! never writes a file it did not read whole (as jj's transactions wrap a
//! repository). The world itself knows records, not files.

use super::files::{FileKey, shard_of};
use crate::model::{Player, Rumour, SourceId, TrackRecord};
use crate::world::World;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::{Deref, DerefMut};

/// A world and what was read of it.
#[derive(Debug, Default)]
pub struct Snapshot {
    world: World,
    /// The rumour shards read in full; `None` when all are.
    rumours_read: Option<BTreeSet<String>>,
    /// The player shards read whole; `None` when all are. A scoped read
    /// (see `store::scoped`) holds only some players, and must not write a
    /// player file it did not read whole.
    players_read: Option<BTreeSet<String>>,
    /// Whether only some clubs are held (a scoped read or change): then the
    /// clubs file, which holds every club, must not be written.
    clubs_partial: bool,
}

impl Deref for Snapshot {
    type Target = World;
    fn deref(&self) -> &World {
        &self.world
    }
}

impl DerefMut for Snapshot {
    fn deref_mut(&mut self) -> &mut World {
        &mut self.world
    }
}

impl Snapshot {
    /// A world read whole.
    pub fn whole(world: World) -> Snapshot {
        Snapshot {
            world,
            ..Snapshot::default()
        }
    }

    /// A world whose rumours are held in brief: no rumour shard is read in
    /// full yet, every player shard whole.
    pub(crate) fn brief(world: World) -> Snapshot {
        Snapshot {
            world,
            rumours_read: Some(BTreeSet::new()),
            ..Snapshot::default()
        }
    }

    /// The world, done with reading.
    pub fn into_world(self) -> World {
        self.world
    }

    /// Says that the player shards are read in part (none whole yet).
    pub(crate) fn players_in_part(&mut self) {
        self.players_read = Some(BTreeSet::new());
    }

    /// Says that only some clubs are held.
    pub(crate) fn clubs_in_part(&mut self) {
        self.clubs_partial = true;
    }

    /// Whether every club is in memory.
    pub fn clubs_whole(&self) -> bool {
        !self.clubs_partial
    }

    /// Whether a rumour shard is read in full.
    pub fn is_loaded(&self, shard: &str) -> bool {
        self.rumours_read.as_ref().is_none_or(|l| l.contains(shard))
    }

    /// Whether every player of a shard is in memory.
    pub fn players_loaded(&self, shard: &str) -> bool {
        self.players_read.as_ref().is_none_or(|l| l.contains(shard))
    }

    /// Adds the rumours of a shard read in full and marks it so: its track
    /// records now come from its rumours.
    pub(crate) fn add_shard(&mut self, shard: &str, rumours: Vec<Rumour>) {
        for rumour in rumours {
            self.world.insert_rumour(rumour);
        }
        self.world.count_here(|p| shard_of(p) == shard);
        if let Some(l) = self.rumours_read.as_mut() {
            l.insert(shard.to_string());
        }
        self.world.drop_counted_elsewhere(shard);
    }

    /// Records the track records earned in a shard read only in brief.
    pub(crate) fn set_tally(&mut self, shard: &str, tally: BTreeMap<SourceId, TrackRecord>) {
        self.world.count_elsewhere(shard, tally);
    }

    /// The rumour shards that hold a rumour that looks different on `day`
    /// (something in it is dated later) and are not read in full yet: their
    /// indexed summaries and track records do not hold on that day.
    pub fn shards_changed_after(&self, day: NaiveDate) -> BTreeSet<String> {
        self.world
            .summaries()
            .filter(|s| !s.is_final_on(day))
            .map(|s| shard_of(&s.player))
            .filter(|shard| !self.is_loaded(shard))
            .collect()
    }

    /// The files that must be written to persist the changes made so far.
    pub fn changed_files(&self) -> BTreeSet<FileKey> {
        changed_files(&self.world)
    }

    /// Fills in a player shard read in part with the players of its file
    /// the world does not hold (untouched, since they were not read), so
    /// that it can be written whole. Refused (false) if a player of the
    /// shard was removed: the file would bring him back.
    pub(crate) fn complete_players(&mut self, shard: &str, from_file: Vec<Player>) -> bool {
        let removed = self
            .world
            .touched()
            .players
            .iter()
            .any(|p| shard_of(p) == shard && !self.world.players.contains_key(p));
        if removed {
            return false;
        }
        for player in from_file {
            self.world
                .players
                .entry(player.id.clone())
                .or_insert(player);
        }
        if let Some(loaded) = &mut self.players_read {
            loaded.insert(shard.to_string());
        }
        true
    }
}

/// The files a world's changes touched.
pub fn changed_files(world: &World) -> BTreeSet<FileKey> {
    let touched = world.touched();
    let mut files = BTreeSet::new();
    if touched.clubs {
        files.insert(FileKey::Clubs);
    }
    if touched.sources {
        files.insert(FileKey::Sources);
    }
    files.extend(
        touched
            .players
            .iter()
            .map(|p| FileKey::Players(shard_of(p))),
    );
    files.extend(
        touched
            .rumours_of
            .iter()
            .map(|p| FileKey::Rumours(shard_of(p))),
    );
    files
}

/// The players of each shard, sorted by id (one pass over all players).
pub fn players_by_shard(world: &World) -> BTreeMap<String, Vec<&Player>> {
    let mut shards: BTreeMap<String, Vec<&Player>> = BTreeMap::new();
    for p in world.players.values() {
        shards.entry(shard_of(&p.id)).or_default().push(p);
    }
    shards
}

/// The rumours of each shard, sorted by id (one pass over all rumours).
pub fn rumours_by_shard(world: &World) -> BTreeMap<String, Vec<&Rumour>> {
    let mut shards: BTreeMap<String, Vec<&Rumour>> = BTreeMap::new();
    for r in world.rumours.values() {
        shards.entry(shard_of(&r.player)).or_default().push(r);
    }
    shards
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Club;

    #[test]
    fn a_put_record_marks_its_file() {
        let mut w = World::default();
        w.put_club(Club::new("liverpool".into(), "Liverpool"));
        assert!(changed_files(&w).contains(&FileKey::Clubs));
        w.forget_changes();
        assert!(changed_files(&w).is_empty());
    }
}
