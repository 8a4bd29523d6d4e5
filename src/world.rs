//! The transfer world in memory, the questions asked of it, and which of its
//! records a change touched. Where records live (files, shards) and what was
//! read of them is the store's business (see the store's `Snapshot`).

use crate::error::{Error, Result};
use crate::model::{
    Club, ClubId, MoveKind, Player, PlayerId, Rumour, RumourId, RumourSummary, Source, SourceId,
    TrackRecord,
};
use crate::names::{self, Candidate};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// The records a world's changes touched since it was read (or since its
/// changes were last written): what must be written to persist them.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Touched {
    pub clubs: bool,
    pub sources: bool,
    /// Players put or removed.
    pub players: BTreeSet<PlayerId>,
    /// The players whose rumours were put or removed.
    pub rumours_of: BTreeSet<PlayerId>,
}

impl Touched {
    /// Whether nothing was touched.
    pub fn is_empty(&self) -> bool {
        *self == Touched::default()
    }
}

/// Every record held, keyed by id, plus what its changes touched.
#[derive(Debug, Default, Clone)]
pub struct World {
    pub clubs: BTreeMap<ClubId, Club>,
    pub sources: BTreeMap<SourceId, Source>,
    pub players: BTreeMap<PlayerId, Player>,
    /// The rumours held in full (every rumour, or those a command needed:
    /// see `Store::load_rumour_shards`). Change them through
    /// [`World::put_rumour`], which keeps the summaries right.
    pub rumours: BTreeMap<RumourId, Rumour>,
    /// Every rumour in brief, read in full or not.
    summaries: BTreeMap<RumourId, RumourSummary>,
    /// The rumours of each player, so a player's stories are found without a scan.
    by_player: HashMap<PlayerId, Vec<RumourId>>,
    /// The track records earned by rumours not counted from those held in
    /// full (held in brief, or counted here already), in groups the reader
    /// chose (the store's are files), so one group can be dropped when its
    /// rumours come to be held and counted in full.
    counted_elsewhere: BTreeMap<String, BTreeMap<SourceId, TrackRecord>>,
    /// The players whose rumours held in full are already counted in
    /// `counted_elsewhere` (held for display only).
    tallied_players: HashSet<PlayerId>,
    touched: Touched,
    /// The day the world is seen as of, once [`World::view_as_of`] has cut
    /// away what came later. Such a world is for reading only.
    view: Option<NaiveDate>,
}

impl World {
    /// The records the changes made so far touched.
    pub fn touched(&self) -> &Touched {
        &self.touched
    }

    /// Whether anything was changed since the world was read or written.
    pub fn has_changes(&self) -> bool {
        !self.touched.is_empty()
    }

    /// Forgets the changes (after they were written).
    pub fn forget_changes(&mut self) {
        self.touched = Touched::default();
    }

    /// Inserts or replaces a club.
    pub fn put_club(&mut self, club: Club) {
        self.touched.clubs = true;
        self.clubs.insert(club.id.clone(), club);
    }

    /// Inserts or replaces a source.
    pub fn put_source(&mut self, source: Source) {
        self.touched.sources = true;
        self.sources.insert(source.id.clone(), source);
    }

    /// Inserts or replaces a player.
    pub fn put_player(&mut self, player: Player) {
        self.touched.players.insert(player.id.clone());
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
        self.touched.rumours_of.insert(rumour.player.clone());
        self.insert_rumour(rumour);
    }

    /// Removes a player (his rumours stay: remove or move them first).
    pub fn remove_player(&mut self, id: &PlayerId) -> Option<Player> {
        let player = self.players.remove(id)?;
        self.touched.players.insert(id.clone());
        Some(player)
    }

    /// Removes a club.
    pub fn remove_club(&mut self, id: &ClubId) -> Option<Club> {
        let club = self.clubs.remove(id)?;
        self.touched.clubs = true;
        Some(club)
    }

    /// Removes a source.
    pub fn remove_source(&mut self, id: &SourceId) -> Option<Source> {
        let source = self.sources.remove(id)?;
        self.touched.sources = true;
        Some(source)
    }

    /// Removes a rumour, from the rumours held in full and in brief, and
    /// marks its player's rumours as changed. A rumour moving to another
    /// player is removed here, then put back: both players' rumours get
    /// rewritten.
    pub fn remove_rumour(&mut self, id: &RumourId) -> Option<Rumour> {
        let summary = self.summaries.remove(id)?;
        if let Some(ids) = self.by_player.get_mut(&summary.player) {
            ids.retain(|r| r != id);
            if ids.is_empty() {
                self.by_player.remove(&summary.player);
            }
        }
        self.touched.rumours_of.insert(summary.player.clone());
        self.rumours.remove(id)
    }

    /// Adds a rumour as read (nothing to write). In a world seen
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
    /// read in full (see `Store::read_as_of`). The world can no
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

    /// Adds a rumour as read, held for display only: its track records are
    /// counted in a group of [`World::count_elsewhere`] already.
    pub(crate) fn insert_rumour_counted_elsewhere(&mut self, rumour: Rumour) {
        self.tallied_players.insert(rumour.player.clone());
        self.insert_rumour(rumour);
    }

    /// Says that the rumours of the players `which` picks, now held in
    /// full, are counted from them (their group of track records was
    /// dropped).
    pub(crate) fn count_here(&mut self, which: impl Fn(&PlayerId) -> bool) {
        self.tallied_players.retain(|p| !which(p));
    }

    /// Records the track records earned by a group of rumours held only in
    /// brief (or for display only).
    pub(crate) fn count_elsewhere(&mut self, group: &str, tally: BTreeMap<SourceId, TrackRecord>) {
        self.counted_elsewhere.insert(group.to_string(), tally);
    }

    /// Drops a group of track records: its rumours are now held and counted
    /// in full.
    pub(crate) fn drop_counted_elsewhere(&mut self, group: &str) {
        self.counted_elsewhere.remove(group);
    }

    /// Every source's track record over all rumours: counted from the
    /// rumours held in full, and taken as read for the others.
    pub fn track_records(&self) -> BTreeMap<SourceId, TrackRecord> {
        // Rumours held for display only (see
        // `Store::load_rumours_of_players`) are counted elsewhere already.
        let mut records = crate::model::summary::tally(
            self.rumours
                .values()
                .filter(|r| !self.tallied_players.contains(&r.player)),
        );
        for tally in self.counted_elsewhere.values() {
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
                return Err(Error::Missing {
                    kind: "rumour",
                    reason: format!("{} has no rumours", self.player_name(&player)),
                });
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
    fn putting_a_record_marks_it_touched() {
        let mut w = World::default();
        w.put_club(Club::new("liverpool".into(), "Liverpool"));
        assert!(w.touched().clubs && w.has_changes());
        w.forget_changes();
        assert!(!w.has_changes());
    }
}
