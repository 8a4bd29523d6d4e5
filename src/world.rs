//! The whole transfer world in memory, and which of its files a change touched.

use crate::error::{Error, Result};
use crate::model::{
    Club, ClubId, MoveKind, Player, PlayerId, Rumour, RumourId, RumourSummary, Source, SourceId,
    TrackRecord,
};
use crate::names::{self, Candidate};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

// Where records live (files and shards) is the store's business.
use crate::store::{FileKey, shard_of};

/// Every record, keyed by id, plus the set of files changed since loading.
#[derive(Debug, Default, Clone)]
pub struct World {
    pub clubs: BTreeMap<ClubId, Club>,
    pub sources: BTreeMap<SourceId, Source>,
    pub players: BTreeMap<PlayerId, Player>,
    /// The rumours read in full (every rumour, or the shards a command
    /// needed: see [`crate::Store::load_rumour_shards`]). Change them through
    /// [`World::put_rumour`], which keeps the summaries right.
    pub rumours: BTreeMap<RumourId, Rumour>,
    /// Every rumour in brief, read in full or not.
    summaries: BTreeMap<RumourId, RumourSummary>,
    /// The rumours of each player, so a player's stories are found without a scan.
    by_player: HashMap<PlayerId, Vec<RumourId>>,
    /// The rumour shards read in full; `None` when all are.
    loaded: Option<BTreeSet<String>>,
    /// The player shards read whole; `None` when all are. A scoped read
    /// (see `store::scoped`) holds only some players, and must not write
    /// a player file it did not read whole.
    players_loaded: Option<BTreeSet<String>>,
    /// Whether only some clubs are held (a scoped read or change): then the
    /// clubs file, which holds every club, must not be written.
    clubs_partial: bool,
    /// The players removed since the world was read (a shard read in part
    /// can only be completed from its file if none of its players went).
    removed_players: BTreeSet<PlayerId>,
    /// Track records earned in the shards read only in brief (from the cache).
    tallies: BTreeMap<String, BTreeMap<SourceId, TrackRecord>>,
    changed: BTreeSet<FileKey>,
    /// The day the world is seen as of, once [`World::view_as_of`] has cut
    /// away what came later. Such a world is for reading only.
    view: Option<NaiveDate>,
}

impl World {
    /// The files that must be written to persist the changes made so far.
    pub fn changed_files(&self) -> &BTreeSet<FileKey> {
        &self.changed
    }

    /// Forgets the changes (after they were written).
    pub fn mark_saved(&mut self) {
        self.changed.clear();
    }

    pub(crate) fn touch(&mut self, key: FileKey) {
        self.changed.insert(key);
    }

    /// Inserts or replaces a club.
    pub fn put_club(&mut self, club: Club) {
        self.touch(FileKey::Clubs);
        self.clubs.insert(club.id.clone(), club);
    }

    /// Inserts or replaces a source.
    pub fn put_source(&mut self, source: Source) {
        self.touch(FileKey::Sources);
        self.sources.insert(source.id.clone(), source);
    }

    /// Inserts or replaces a player.
    pub fn put_player(&mut self, player: Player) {
        self.touch(FileKey::Players(shard_of(&player.id)));
        let id = player.id.clone();
        let old = self.players.insert(id.clone(), player);
        if old.is_none_or(|old| old.contracts != self.players[&id].contracts) {
            self.refresh_origins(&id);
        }
    }

    /// Sets the club each of the player's rumours (those in memory) is a
    /// move from: the club he played for on its first report's day, as his
    /// contracts now say. Called whenever his contracts change, so that a
    /// contract entered after the story (a world back-filled) is seen by it.
    /// A renewal keeps its club; a departure keeps its old club when the
    /// contracts name none that day; a transfer is then from no club.
    fn refresh_origins(&mut self, player: &PlayerId) {
        let Some(p) = self.players.get(player) else {
            return;
        };
        let mut changed = Vec::new();
        for rumour in self.rumours_of(player) {
            let Some(day) = rumour.first_reported() else {
                continue;
            };
            let then = p.as_of(day);
            let club = match (rumour.kind, &rumour.to) {
                (MoveKind::Renewal, _) => continue,
                (MoveKind::Transfer, Some(to)) => then.club_on_apart_from(day, to),
                // A departure is from somewhere: it keeps its club when no
                // contract covers the day.
                _ => match then.club_on(day) {
                    Some(club) => Some(club),
                    None => continue,
                },
            };
            if rumour.from.as_ref() != club {
                let mut r = rumour.clone();
                r.from = club.cloned();
                changed.push((rumour.from.clone(), r));
            }
        }
        if changed.is_empty() {
            return;
        }
        let mut record = p.clone();
        for (old_from, r) in changed {
            // The contract its done move signed came from there too (unless
            // someone said otherwise).
            for c in record.contracts.iter_mut() {
                let signed_by_it = Some(&c.club) == r.to.as_ref()
                    && c.signed.is_some_and(|d| {
                        r.history
                            .iter()
                            .any(|h| h.date == d && h.status == crate::model::Status::Done)
                    });
                if signed_by_it && (c.signed_from.is_none() || c.signed_from == old_from) {
                    c.signed_from.clone_from(&r.from);
                }
            }
            self.put_rumour(r);
        }
        if record != self.players[player] {
            self.players.insert(player.clone(), record);
        }
    }

    /// Inserts or replaces a rumour.
    pub fn put_rumour(&mut self, rumour: Rumour) {
        self.touch(FileKey::Rumours(shard_of(&rumour.player)));
        self.insert_rumour(rumour);
    }

    /// Removes a player (his rumours stay: remove or move them first).
    pub fn remove_player(&mut self, id: &PlayerId) -> Option<Player> {
        let player = self.players.remove(id)?;
        self.removed_players.insert(id.clone());
        self.touch(FileKey::Players(shard_of(id)));
        Some(player)
    }

    /// Removes a club.
    pub fn remove_club(&mut self, id: &ClubId) -> Option<Club> {
        let club = self.clubs.remove(id)?;
        self.touch(FileKey::Clubs);
        Some(club)
    }

    /// Removes a source.
    pub fn remove_source(&mut self, id: &SourceId) -> Option<Source> {
        let source = self.sources.remove(id)?;
        self.touch(FileKey::Sources);
        Some(source)
    }

    /// Removes a rumour, from the rumours read in full and from the index,
    /// and marks its player's shard as changed. A rumour moving to another
    /// player is removed here, then put back: both shards get rewritten.
    pub fn remove_rumour(&mut self, id: &RumourId) -> Option<Rumour> {
        let summary = self.summaries.remove(id)?;
        if let Some(ids) = self.by_player.get_mut(&summary.player) {
            ids.retain(|r| r != id);
            if ids.is_empty() {
                self.by_player.remove(&summary.player);
            }
        }
        self.touch(FileKey::Rumours(shard_of(&summary.player)));
        self.rumours.remove(id)
    }

    /// Adds a rumour read from a file (nothing to write). In a world seen
    /// as of a day, it is added as it stood that day, or not at all.
    pub(crate) fn insert_rumour(&mut self, rumour: Rumour) {
        let rumour = match self.view {
            Some(day) => match rumour.as_of(day) {
                Some(r) => r,
                None => {
                    self.forget_rumour(&rumour.id);
                    return;
                }
            },
            None => rumour,
        };
        self.insert_summary(RumourSummary::of(&rumour));
        self.rumours.insert(rumour.id.clone(), rumour);
    }

    /// Drops a rumour from memory (not from the files).
    fn forget_rumour(&mut self, id: &RumourId) {
        self.rumours.remove(id);
        if let Some(old) = self.summaries.remove(id)
            && let Some(ids) = self.by_player.get_mut(&old.player)
        {
            ids.retain(|x| x != id);
        }
    }

    /// Every club the players, rumours and summaries held name: what a
    /// world read in part needs to print its clubs' names.
    pub fn clubs_named(&self) -> BTreeSet<ClubId> {
        let mut named = BTreeSet::new();
        for p in self.players.values() {
            for c in &p.contracts {
                named.insert(c.club.clone());
                named.extend(c.signed_from.iter().cloned());
            }
        }
        // Only the rumours of the players held: a change holds whole the
        // rumour shards it may write, and the other players' rumours there
        // are not printed.
        for r in self.rumours.values() {
            if self.players.contains_key(&r.player) {
                named.extend(r.from.iter().chain(&r.to).cloned());
            }
        }
        for s in self.summaries.values() {
            if self.players.contains_key(&s.player) {
                named.extend(s.from.iter().chain(&s.to).cloned());
            }
        }
        named
    }

    /// The day this world is seen as of, if it was cut to one.
    pub fn view_date(&self) -> Option<NaiveDate> {
        self.view
    }

    /// Shows the world as it stood on `day`: contracts signed later, reports
    /// and status changes dated later, and rumours first reported later are
    /// cut away, so every question asked afterwards is answered as it would
    /// have been on that day. The rumours that change by this must have been
    /// read in full (see [`crate::Store::read_as_of`]). The world can no
    /// longer be saved.
    pub fn view_as_of(&mut self, day: NaiveDate) {
        self.view = Some(day);
        for player in self.players.values_mut() {
            if player.contracts.iter().any(|c| c.changes_after(day)) {
                *player = player.as_of(day);
            }
        }
        let changing: Vec<RumourId> = self
            .rumours
            .values()
            .filter(|r| !r.is_final_on(day))
            .map(|r| r.id.clone())
            .collect();
        let full: Vec<Rumour> = changing
            .iter()
            .filter_map(|id| self.rumours.remove(id))
            .collect();
        let late: Vec<RumourId> = self
            .summaries
            .values()
            .filter(|s| s.first.is_some_and(|first| first > day))
            .map(|s| s.id.clone())
            .collect();
        for id in late {
            self.forget_rumour(&id);
        }
        for rumour in full {
            self.insert_rumour(rumour);
        }
    }

    /// Adds what is known of a rumour that is not read in full.
    pub(crate) fn insert_summary(&mut self, summary: RumourSummary) {
        if let Some(old) = self.summaries.get(&summary.id)
            && old.player != summary.player
            && let Some(ids) = self.by_player.get_mut(&old.player)
        {
            ids.retain(|id| id != &summary.id);
        }
        // Kept in id order, as the files hold them: a player's rumours list
        // the same whatever order they were read in (a read as of a past
        // day adds some later).
        let ids = self.by_player.entry(summary.player.clone()).or_default();
        if let Err(at) = ids.binary_search(&summary.id) {
            ids.insert(at, summary.id.clone());
        }
        self.summaries.insert(summary.id.clone(), summary);
    }

    /// The rumour shards that hold a rumour that looks different on `day`
    /// (something in it is dated later) and are not read in full yet: their
    /// cached summaries and track records do not hold on that day.
    pub fn shards_changed_after(&self, day: NaiveDate) -> BTreeSet<String> {
        self.summaries
            .values()
            .filter(|s| !s.is_final_on(day))
            .map(|s| shard_of(&s.player))
            .filter(|shard| !self.is_loaded(shard))
            .collect()
    }

    /// Says which rumour shards are read in full (`None`: all of them).
    pub(crate) fn set_loaded(&mut self, loaded: Option<BTreeSet<String>>) {
        self.loaded = loaded;
    }

    /// Says which player shards are read whole (`None`: all of them).
    pub(crate) fn set_players_loaded(&mut self, loaded: Option<BTreeSet<String>>) {
        self.players_loaded = loaded;
    }

    /// Says that only some clubs are held.
    pub(crate) fn set_clubs_partial(&mut self) {
        self.clubs_partial = true;
    }

    /// Whether every club is in memory.
    pub fn clubs_whole(&self) -> bool {
        !self.clubs_partial
    }

    /// Fills in a player shard read in part with the players of its file
    /// the world does not hold (untouched, since they were not read), so
    /// that it can be written whole. Refused (false) if a player of the
    /// shard was removed: the file would bring him back.
    pub(crate) fn complete_players(&mut self, shard: &str, from_file: Vec<Player>) -> bool {
        if self.removed_players.iter().any(|p| shard_of(p) == shard) {
            return false;
        }
        for player in from_file {
            self.players.entry(player.id.clone()).or_insert(player);
        }
        if let Some(loaded) = &mut self.players_loaded {
            loaded.insert(shard.to_string());
        }
        true
    }

    /// Whether every player of a shard is in memory.
    pub fn players_loaded(&self, shard: &str) -> bool {
        self.players_loaded
            .as_ref()
            .is_none_or(|l| l.contains(shard))
    }

    /// Whether a rumour shard is read in full.
    pub fn is_loaded(&self, shard: &str) -> bool {
        self.loaded.as_ref().is_none_or(|l| l.contains(shard))
    }

    /// Marks a shard as read in full: its track records now come from its rumours.
    pub(crate) fn mark_loaded(&mut self, shard: &str) {
        if let Some(l) = self.loaded.as_mut() {
            l.insert(shard.to_string());
        }
        self.tallies.remove(shard);
    }

    /// Records the track records earned in a shard read only in brief.
    pub(crate) fn set_tally(&mut self, shard: &str, tally: BTreeMap<SourceId, TrackRecord>) {
        self.tallies.insert(shard.to_string(), tally);
    }

    /// Every source's track record over all rumours: counted from the
    /// rumours read in full, and taken from the cache for the others.
    pub fn track_records(&self) -> BTreeMap<SourceId, TrackRecord> {
        // Rumours read from a shard that is not read whole (see
        // `Store::load_rumours_of_players`) are already in its cached tally.
        let mut records = crate::model::summary::tally(
            self.rumours
                .values()
                .filter(|r| self.is_loaded(&shard_of(&r.player))),
        );
        for tally in self.tallies.values() {
            for (source, record) in tally {
                records.entry(source.clone()).or_default().add(record);
            }
        }
        records
    }

    /// Every rumour in brief.
    pub fn summaries(&self) -> impl Iterator<Item = &RumourSummary> {
        self.summaries.values()
    }

    /// One rumour in brief.
    pub fn summary(&self, id: &RumourId) -> Option<&RumourSummary> {
        self.summaries.get(id)
    }

    /// A player's rumours in brief.
    pub fn summaries_of<'a>(
        &'a self,
        player: &'a PlayerId,
    ) -> impl Iterator<Item = &'a RumourSummary> + 'a {
        self.by_player
            .get(player)
            .into_iter()
            .flatten()
            .filter_map(|id| self.summaries.get(id))
    }

    /// The players of each shard, sorted by id (one pass over all players).
    pub fn players_by_shard(&self) -> BTreeMap<String, Vec<&Player>> {
        let mut shards: BTreeMap<String, Vec<&Player>> = BTreeMap::new();
        for p in self.players.values() {
            shards.entry(shard_of(&p.id)).or_default().push(p);
        }
        shards
    }

    /// The rumours of each shard, sorted by id (one pass over all rumours).
    pub fn rumours_by_shard(&self) -> BTreeMap<String, Vec<&Rumour>> {
        let mut shards: BTreeMap<String, Vec<&Rumour>> = BTreeMap::new();
        for r in self.rumours.values() {
            shards.entry(shard_of(&r.player)).or_default().push(r);
        }
        shards
    }

    /// A club's display name (its id if it is unknown, which `check` reports).
    pub fn club_name<'a>(&'a self, id: &'a ClubId) -> &'a str {
        self.clubs.get(id).map_or(id.as_str(), |c| c.name.as_str())
    }

    /// A player's display name.
    pub fn player_name<'a>(&'a self, id: &'a PlayerId) -> &'a str {
        self.players
            .get(id)
            .map_or(id.as_str(), |p| p.name.as_str())
    }

    /// A source's display name.
    pub fn source_name<'a>(&'a self, id: &'a SourceId) -> &'a str {
        self.sources
            .get(id)
            .map_or(id.as_str(), |s| s.name.as_str())
    }

    /// Finds a player by name ("konate", "Van Dijk") or id; an exact id
    /// always wins, so namesakes can be named.
    pub fn find_player(&self, query: &str) -> Result<PlayerId> {
        if let Some((id, _)) = self.players.get_key_value(query.trim()) {
            return Ok(id.clone());
        }
        names::resolve(
            "player",
            query,
            self.players.values().map(|p| Candidate {
                key: p.id.clone(),
                id: p.id.as_str(),
                name: &p.name,
                aliases: p
                    .aliases
                    .iter()
                    .map(String::as_str)
                    .chain([p.id.as_str()])
                    .collect(),
            }),
        )
    }

    /// Finds a club by name, alias ("Real", "LFC") or id (an exact id always wins).
    pub fn find_club(&self, query: &str) -> Result<ClubId> {
        if let Some((id, _)) = self.clubs.get_key_value(query.trim()) {
            return Ok(id.clone());
        }
        names::resolve(
            "club",
            query,
            self.clubs.values().map(|c| Candidate {
                key: c.id.clone(),
                id: c.id.as_str(),
                name: &c.name,
                aliases: c
                    .aliases
                    .iter()
                    .map(String::as_str)
                    .chain([c.id.as_str()])
                    .collect(),
            }),
        )
    }

    /// Finds a source by name, alias or id (an exact id always wins).
    pub fn find_source(&self, query: &str) -> Result<SourceId> {
        if let Some((id, _)) = self.sources.get_key_value(query.trim()) {
            return Ok(id.clone());
        }
        // A report credited to the wrong outlet corrupts its track record
        // silently: sources answer to their whole name or an alias only.
        let named: Vec<&crate::model::Source> = self
            .sources
            .values()
            .filter(|s| {
                std::iter::once(&s.name)
                    .chain(&s.aliases)
                    .any(|n| names::same_name(n, query))
            })
            .collect();
        match named.as_slice() {
            [one] => return Ok(one.id.clone()),
            [] => {}
            many => {
                return Err(Error::Ambiguous {
                    kind: "source",
                    query: query.to_string(),
                    candidates: many
                        .iter()
                        .map(|s| format!("{} ({})", s.name, s.id))
                        .collect(),
                });
            }
        }
        // A partial name is never taken, only suggested.
        let suggestion = match self.resolve_source_loosely(query) {
            Ok(id) => vec![self.source_name(&id).to_string()],
            Err(Error::NotFound { suggestions, .. }) => suggestions,
            Err(Error::Ambiguous { candidates, .. }) => candidates,
            Err(e) => return Err(e),
        };
        Err(Error::NotFound {
            kind: "source",
            query: query.to_string(),
            suggestions: suggestion,
        })
    }

    /// The source a partial name points to, for suggestions.
    fn resolve_source_loosely(&self, query: &str) -> Result<SourceId> {
        names::resolve(
            "source",
            query,
            self.sources.values().map(|s| Candidate {
                key: s.id.clone(),
                id: s.id.as_str(),
                name: &s.name,
                aliases: s
                    .aliases
                    .iter()
                    .map(String::as_str)
                    .chain([s.id.as_str()])
                    .collect(),
            }),
        )
    }

    /// Finds a league by name among the clubs' leagues ("premiership" finds
    /// "Scottish Premiership"): a filter on a league nobody plays in is a
    /// typo, told with the closest names rather than answered with nothing.
    pub fn find_league(&self, query: &str) -> Result<String> {
        let leagues: BTreeSet<&str> = self
            .clubs
            .values()
            .filter_map(|c| c.league.as_deref())
            .collect();
        names::resolve(
            "league",
            query,
            leagues.into_iter().map(|l| Candidate {
                key: l.to_string(),
                id: l,
                name: l,
                aliases: vec![],
            }),
        )
    }

    /// Finds a rumour by its id or an unambiguous prefix of it (as git does).
    pub fn find_rumour(&self, query: &str) -> Result<RumourId> {
        let wanted = query.trim().to_ascii_lowercase();
        if wanted.is_empty() {
            return Err(Error::NotFound {
                kind: "rumour",
                query: query.to_string(),
                suggestions: vec![],
            });
        }
        let found: Vec<&RumourId> = self
            .summaries
            .range(RumourId(wanted.clone())..)
            .take_while(|(id, _)| id.as_str().starts_with(&wanted))
            .map(|(id, _)| id)
            .collect();
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::NotFound {
                kind: "rumour",
                query: query.to_string(),
                suggestions: vec![],
            }),
            many => Err(Error::Ambiguous {
                kind: "rumour",
                query: query.to_string(),
                candidates: many.iter().map(|id| id.to_string()).collect(),
            }),
        }
    }

    /// Finds a rumour by id or id prefix, or else by player: his one open
    /// rumour (rumour, talks, agreed), else his one rumour. Several are an
    /// [`Error::Ambiguous`] listing them as "id (move, status)".
    pub fn find_rumour_or_player(&self, query: &str) -> Result<RumourId> {
        let not_found = match self.find_rumour(query) {
            Err(e @ Error::NotFound { .. }) => e,
            found => return found,
        };
        let player = match self.find_player(query) {
            Ok(player) => player,
            Err(Error::NotFound { suggestions, .. }) if !suggestions.is_empty() => {
                return Err(Error::NotFound {
                    kind: "rumour",
                    query: query.to_string(),
                    suggestions,
                });
            }
            Err(e @ Error::Ambiguous { .. }) => return Err(e),
            Err(_) => return Err(not_found),
        };
        let mut all: Vec<&RumourSummary> = self.summaries_of(&player).collect();
        all.sort_by(|a, b| (a.first, &a.id).cmp(&(b.first, &b.id)));
        let open: Vec<&RumourSummary> =
            all.iter().copied().filter(|s| s.status.is_open()).collect();
        let candidates = match (open.as_slice(), all.as_slice()) {
            ([one], _) | ([], [one]) => return Ok(one.id.clone()),
            ([], []) => {
                return Err(Error::invalid(
                    "rumour",
                    format!("{} has no rumours", self.player_name(&player)),
                ));
            }
            ([], several) => several,
            (several, _) => several,
        };
        Err(Error::Ambiguous {
            kind: "rumour",
            query: query.to_string(),
            candidates: candidates
                .iter()
                .map(|s| format!("{} ({}, {})", s.id, self.describe_move(s), s.status))
                .collect(),
        })
    }

    /// "Bayern Munich → Real Madrid", "renewal at Liverpool", "leaving Real Madrid".
    pub fn describe_move(&self, summary: &RumourSummary) -> String {
        summary.kind.describe(
            summary.from.as_ref().map(|c| self.club_name(c)),
            summary.to.as_ref().map(|c| self.club_name(c)),
        )
    }

    /// The squad of a club on a day: the players whose playing contract is with it.
    pub fn squad<'a>(
        &'a self,
        club: &'a ClubId,
        day: chrono::NaiveDate,
    ) -> impl Iterator<Item = &'a Player> + 'a {
        self.players
            .values()
            .filter(move |p| p.club_on(day) == Some(club))
    }

    /// The rumours about a player, read in full (his shard must be loaded).
    pub fn rumours_of<'a>(&'a self, player: &'a PlayerId) -> impl Iterator<Item = &'a Rumour> + 'a {
        self.by_player
            .get(player)
            .into_iter()
            .flatten()
            .filter_map(|id| self.rumours.get(id))
    }
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

    #[test]
    fn putting_a_record_marks_its_file() {
        let mut w = World::default();
        w.put_club(Club::new("liverpool".into(), "Liverpool"));
        assert!(w.changed_files().contains(&FileKey::Clubs));
        w.mark_saved();
        assert!(w.changed_files().is_empty());
    }
}
