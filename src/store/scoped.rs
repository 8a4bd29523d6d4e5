//! Scoped reads and changes: a command says what it is about (a player, a
//! club, a window of contract ends) and the store loads only that, through
//! the [`Index`]: the clubs and sources, the players concerned with their
//! rumours in brief, every shard's track records, and in full only the
//! rumour shards asked for. Without an index (turned off, or a read-only
//! directory) the same
//! plans run on the world read whole, so answers never depend on it.

use super::dir::Store;
use super::files::{FileKey, shard_of};
use super::index::Index;
use super::journal;
use super::snapshot::Snapshot;
use crate::error::{Error, Result};
use crate::model::{Club, ClubId, PlayerId, RumourId};
use crate::world::World;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashSet};

pub use super::index::RumourQuery;

/// The key of the track records summed over the shards not read in full
/// (not a shard name: reading a shard never drops it).
const OTHER_SHARDS: &str = "*";

/// The latest day a plan without an as-of date sees (dates are compared as
/// `YYYY-MM-DD` text in the index, where `NaiveDate::MAX` would print as
/// `+262142-12-31` and sort first).
const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a valid date");

/// What a command reads.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    /// Players read: their records, and their rumours in brief.
    pub players: BTreeSet<PlayerId>,
    /// Players whose rumours are read in full. A read holds only theirs
    /// (the shard is scanned, not built); a change reads their shards
    /// whole, since it may write them.
    pub rumours_of: BTreeSet<PlayerId>,
    /// Also every player with a contract (or one cut short) ending between
    /// these days, inclusive (a superset of a window of expiries), with his
    /// open rumours in brief (a read as of a past day also gets those with
    /// news after it, as every read does).
    pub ending: Option<(NaiveDate, NaiveDate)>,
    /// Clubs read in full besides those the records read name (a read
    /// holds only those; a change holds every club).
    pub clubs: BTreeSet<ClubId>,
    /// Every club read in full (a question about leagues).
    pub all_clubs: bool,
    /// The players' records without their rumours in brief, for views that
    /// show none (a squad, a player list): a fifth of a page's time.
    pub without_rumours: bool,
}

impl Scope {
    /// One player, his rumours read in full.
    pub fn player(id: &PlayerId) -> Scope {
        Scope {
            players: BTreeSet::from([id.clone()]),
            rumours_of: BTreeSet::from([id.clone()]),
            ..Scope::default()
        }
    }
}

/// Finding records while planning a scoped read: in the index, or in the
/// world read whole when there is no index.
pub enum Lookup<'a> {
    Index {
        store: &'a Store,
        index: &'a Index,
        /// Sources (clubs are found in the index).
        people: &'a World,
        /// The day the command sees the world as of.
        day: NaiveDate,
    },
    Whole(&'a World),
}

impl Lookup<'_> {
    /// Sources (and, without an index, everything). Clubs are found with
    /// [`Lookup::find_club`] and [`Lookup::club`].
    pub fn world(&self) -> &World {
        match self {
            Lookup::Index { people, .. } => people,
            Lookup::Whole(world) => world,
        }
    }

    /// As [`World::find_club`], over every club.
    pub fn find_club(&self, query: &str) -> Result<ClubId> {
        match self {
            Lookup::Index { index, .. } => {
                // An exact id always wins: no name is looked at.
                if index.has_club(query.trim())? {
                    return Ok(ClubId(query.trim().to_string()));
                }
                // The clubs the query's words could match, else (for "did
                // you mean") every club's names.
                let named = |clubs: Vec<crate::model::Club>| {
                    let mut names = World::default();
                    for club in clubs {
                        names.clubs.insert(club.id.clone(), club);
                    }
                    names.find_club(query)
                };
                match named(index.club_candidates(query)?) {
                    Err(Error::NotFound { .. }) => named(index.club_names()?),
                    found => found,
                }
            }
            Lookup::Whole(world) => world.find_club(query),
        }
    }

    /// One club in full.
    pub fn club(&self, id: &ClubId) -> Result<Option<Club>> {
        match self {
            Lookup::Index { index, .. } => Ok(index.clubs([id.as_str()])?.pop()),
            Lookup::Whole(world) => Ok(world.clubs.get(id).cloned()),
        }
    }

    /// The players with a rumour that can pass `wanted` on the day read:
    /// a list then reads only theirs. Without an index the world is already
    /// seen as of the day, and its summaries say it exactly.
    pub fn players_with_rumours(&self, wanted: &RumourQuery) -> Result<BTreeSet<PlayerId>> {
        match self {
            Lookup::Index { index, day, .. } => Ok(index
                .players_with_rumours(wanted, &day.to_string())?
                .into_iter()
                .map(PlayerId)
                .collect()),
            Lookup::Whole(world) => Ok(world
                .summaries()
                .filter(|r| {
                    wanted.club.as_ref().is_none_or(|c| r.is_about_club(c))
                        && wanted.status.is_none_or(|s| r.status == s)
                        && (!wanted.open || r.status.is_open())
                        && wanted
                            .since
                            .is_none_or(|since| r.last.is_some_and(|d| d >= since))
                })
                .map(|r| r.player.clone())
                .collect()),
        }
    }

    /// The players with news between `since` and the day read (see
    /// [`Index::players_with_news`]); without an index, every player.
    pub fn players_with_news(&self, since: NaiveDate) -> Result<BTreeSet<PlayerId>> {
        match self {
            Lookup::Index { index, day, .. } => Ok(index
                .players_with_news(&since.to_string(), &day.to_string())?
                .into_iter()
                .map(PlayerId)
                .collect()),
            Lookup::Whole(world) => Ok(world.players.keys().cloned().collect()),
        }
    }

    /// The players with one of these folded words in a name, an alias or
    /// the id (see [`crate::extract::name_words`]).
    pub fn players_with_words(&self, words: &[String]) -> Result<BTreeSet<PlayerId>> {
        match self {
            Lookup::Index { index, .. } => Ok(index
                .players_with_words(words)?
                .into_iter()
                .map(PlayerId)
                .collect()),
            Lookup::Whole(world) => {
                let wanted: HashSet<&str> = words.iter().map(String::as_str).collect();
                Ok(world
                    .players
                    .values()
                    .filter(|p| {
                        std::iter::once(&p.name)
                            .chain(&p.aliases)
                            .any(|n| crate::names::fold(n).split(' ').any(|w| wanted.contains(w)))
                    })
                    .map(|p| p.id.clone())
                    .collect())
            }
        }
    }

    /// As [`World::find_player`], over every player.
    pub fn find_player(&self, query: &str) -> Result<PlayerId> {
        match self {
            Lookup::Whole(world) => world.find_player(query),
            // Longer than any name: nothing to ask the index (see names::resolve).
            Lookup::Index { .. } if query.chars().count() > crate::text::MAX_NAME => {
                World::default().find_player(query)
            }
            Lookup::Index { index, .. } => {
                // An exact id always wins: no name is looked at.
                if index.has_player(query.trim())? {
                    return Ok(PlayerId(query.trim().to_string()));
                }
                let found = self.players_named(index, query, false)?.find_player(query);
                match found {
                    Err(Error::NotFound { .. }) => {
                        self.players_named(index, query, true)?.find_player(query)
                    }
                    found => found,
                }
            }
        }
    }

    /// As [`World::find_rumour_or_player`]: the rumour, and its player.
    pub fn find_rumour_or_player(&self, query: &str) -> Result<(RumourId, PlayerId)> {
        let index = match self {
            Lookup::Whole(world) => {
                let id = world.find_rumour_or_player(query)?;
                let player = world
                    .summary(&id)
                    .map(|s| s.player.clone())
                    .ok_or_else(|| Error::Internal(format!("rumour {id} vanished")))?;
                return Ok((id, player));
            }
            Lookup::Index {
                index,
                day,
                people,
                store,
            } => (index, *day, people, store),
        };
        let (index, day, people, store) = index;
        let wanted = query.trim().to_ascii_lowercase();
        if !wanted.is_empty() {
            match index
                .rumours_starting(&wanted, &day.to_string())?
                .as_slice()
            {
                [] => {}
                [(id, player)] => return Ok((RumourId(id.clone()), PlayerId(player.clone()))),
                many => {
                    return Err(Error::Ambiguous {
                        kind: "rumour",
                        query: query.to_string(),
                        candidates: many.iter().map(|(id, _)| id.clone()).collect(),
                    });
                }
            }
        }
        // Not an id: a player's one rumour, found as the world finds it.
        let mut world = self.players_named(index, query, false)?;
        if matches!(world.find_player(query), Err(Error::NotFound { .. })) {
            world = self.players_named(index, query, true)?;
        }
        // Club names, for an ambiguity listing his rumours' moves.
        world.clubs.clone_from(&people.clubs);
        if let Ok(player) = world.find_player(query) {
            // His rumours as they stood on the day: read in full, since
            // an "open" rumour then may be done now.
            let mut read = Snapshot::brief(world);
            store.load_rumour_shards(&mut read, [shard_of(&player).as_str()])?;
            world = read.into_world();
            world.view_as_of(day);
        }
        let named = world.clubs_named();
        for club in index.clubs(named.iter().map(ClubId::as_str))? {
            world.clubs.insert(club.id.clone(), club);
        }
        let id = world.find_rumour_or_player(query)?;
        let player = world
            .summary(&id)
            .map(|s| s.player.clone())
            .ok_or_else(|| Error::Internal(format!("rumour {id} vanished")))?;
        Ok((id, player))
    }

    /// The players whose rumours can be on the first page (`limit` long) of
    /// a `rumour list` with `filter`, and how many rumours pass, when the
    /// index can tell (see [`Index::recent_page`]): the default order (last
    /// report first), filtered at most by status or openness. Else `None`,
    /// and the list reads every rumour that can pass.
    pub fn recent_page(
        &self,
        filter: &crate::query::rumours::RumourFilter,
        limit: usize,
    ) -> Result<Option<(BTreeSet<PlayerId>, usize)>> {
        let Lookup::Index { index, day, .. } = self else {
            return Ok(None);
        };
        let by_status_alone = filter.player.is_none()
            && filter.club.is_none()
            && filter.since.is_none()
            && filter.source.is_none()
            && filter.min_tier.is_none()
            && filter.min_fee_eur.is_none();
        if !by_status_alone || filter.sort != crate::query::rumours::SortBy::Recent {
            return Ok(None);
        }
        let wanted = RumourQuery {
            status: filter.status,
            open: filter.open,
            ..RumourQuery::default()
        };
        Ok(index
            .recent_page(&wanted, &(*day).min(LAST_DAY).to_string(), limit)?
            .map(|(ids, total)| (ids.into_iter().map(PlayerId).collect(), total)))
    }

    /// The first `limit` players in `player list` order and how many there
    /// are: a page read without the others.
    pub fn players_page(&self, limit: usize) -> Result<(BTreeSet<PlayerId>, usize)> {
        match self {
            Lookup::Index { index, .. } => {
                let (ids, total) = index.players_page(limit)?;
                Ok((ids.into_iter().map(PlayerId).collect(), total))
            }
            Lookup::Whole(world) => {
                let mut keys: Vec<(String, &PlayerId)> = world
                    .players
                    .values()
                    .map(|p| (crate::names::list_key(&p.name, p.id.as_str()), &p.id))
                    .collect();
                keys.sort_unstable();
                let page = keys.iter().take(limit).map(|(_, id)| (*id).clone());
                Ok((page.collect(), keys.len()))
            }
        }
    }

    /// The first `limit` clubs in `club list` order (by name) and how many
    /// there are.
    pub fn clubs_page(&self, limit: usize) -> Result<(Vec<ClubId>, usize)> {
        let mut keys: Vec<(String, ClubId)> = match self {
            Lookup::Index { index, .. } => index
                .club_names()?
                .into_iter()
                .map(|c| (crate::names::fold(&c.name), c.id))
                .collect(),
            Lookup::Whole(world) => world
                .clubs
                .values()
                .map(|c| (crate::names::fold(&c.name), c.id.clone()))
                .collect(),
        };
        keys.sort_unstable();
        let total = keys.len();
        Ok((
            keys.into_iter().take(limit).map(|(_, id)| id).collect(),
            total,
        ))
    }

    /// Players with any contract with the club (or signed from it): everyone
    /// who can be in its squad on some day, which is all a squad, a squad
    /// count or a club's timeline needs (a third of [`Lookup::players_of_club`]
    /// in a big world, where rumours name many more).
    pub fn players_contracted_with(&self, club: &ClubId) -> Result<BTreeSet<PlayerId>> {
        match self {
            Lookup::Index { index, .. } => Ok(index
                .players_contracted_with(club.as_str())?
                .into_iter()
                .map(PlayerId)
                .collect()),
            Lookup::Whole(world) => Ok(world
                .players
                .values()
                .filter(|p| {
                    p.contracts
                        .iter()
                        .any(|c| &c.club == club || c.signed_from.as_ref() == Some(club))
                })
                .map(|p| p.id.clone())
                .collect()),
        }
    }

    /// Players with any contract with the club (or signed from it), or a
    /// rumour from or to it, or named in its depth orders.
    pub fn players_of_club(&self, club: &ClubId) -> Result<BTreeSet<PlayerId>> {
        let mut ids = self.players_contracted_with(club)?;
        match self {
            Lookup::Index { index, .. } => ids.extend(
                index
                    .players_in_rumours_about(club.as_str())?
                    .into_iter()
                    .map(PlayerId),
            ),
            Lookup::Whole(world) => ids.extend(
                world
                    .summaries()
                    .filter(|s| s.is_about_club(club))
                    .map(|s| s.player.clone()),
            ),
        }
        if let Some(c) = self.club(club)? {
            ids.extend(c.depth.values().flatten().cloned());
        }
        Ok(ids)
    }

    /// A world of the players whose names could match `query` (or of every
    /// player, for suggestions after a miss).
    fn players_named(&self, index: &Index, query: &str, all: bool) -> Result<World> {
        let mut world = World::default();
        let players = if all {
            index.all_players()?
        } else {
            let mut found = index.players([query.trim()])?;
            found.extend(index.name_candidates(query)?);
            found
        };
        for p in players {
            world.players.insert(p.id.clone(), p);
        }
        Ok(world)
    }
}

impl Store {
    /// The day of the newest dated fact in the data (a report, a status
    /// change, a signing), from the index as the command just left it;
    /// `None` without one, or when the world is empty. Only a hint reads it.
    pub fn newest_fact(&self) -> Option<NaiveDate> {
        Index::open_as_left(self)?
            .newest_fact()
            .ok()
            .flatten()
            .and_then(|d| d.parse().ok())
    }

    /// Reads what `plan` says a command is about, as of `day`, under the
    /// shared lock; `plan` finds records through a [`Lookup`] and returns
    /// the [`Scope`] with its own result.
    pub fn read_scoped<T>(
        &self,
        day: NaiveDate,
        plan: impl Fn(&Lookup) -> Result<(Scope, T)>,
    ) -> Result<(World, T)> {
        self.recover_if_needed()?;
        let _lock = self.lock_for_reading()?;
        let (mut read, scope, t, scoped) = self.load_scoped(Some(day), plan)?;
        if !scoped {
            let players = scope.rumours_of.iter().cloned().collect();
            self.load_rumours_of_players(&mut read, &players)?;
        }
        Ok((read.into_world(), t))
    }

    /// A scoped read-modify-write under the exclusive lock: the scope's
    /// players, and the rumour shards of [`Scope::rumours_of`] in full
    /// (they may be written); then as [`Store::change`].
    pub fn change_scoped<P, T>(
        &self,
        command: &str,
        as_of: NaiveDate,
        plan: impl Fn(&Lookup) -> Result<(Scope, P)>,
        edit: impl FnOnce(&mut World, P) -> Result<T>,
    ) -> Result<(World, T)> {
        self.refuse_read_only()?;
        let _lock = self.lock_for_writing()?;
        journal::recover(&self.dir)?;
        // The players' shards are not read here: if the change writes one,
        // saving completes it from its file (see `Store::save`).
        let (mut world, scope, p, _) = self.load_scoped(None, plan)?;
        let shards: BTreeSet<String> = scope.rumours_of.iter().map(shard_of).collect();
        self.load_rumour_shards(&mut world, shards.iter().map(String::as_str))?;
        let result = edit(&mut world, p)?;
        self.save(&mut world, command, as_of)?;
        Ok((world.into_world(), result))
    }

    /// The world a plan asks for: from the index when there is one (then
    /// `true`), else read whole (rumours in brief).
    ///
    /// Seen as of `day`, the world is cut to that day before `plan` runs
    /// (without an index) or right after the records are read (with one):
    /// the rumour shards with anything dated later are read in full first,
    /// so that track records and statuses are those of the day.
    fn load_scoped<T>(
        &self,
        day: Option<NaiveDate>,
        plan: impl Fn(&Lookup) -> Result<(Scope, T)>,
    ) -> Result<(Snapshot, Scope, T, bool)> {
        let index = Index::open(self)?;
        if let Some(index) = index {
            // A plan only looks things up: it can run again on the JSON.
            match self.load_from_index(&index, day, &plan) {
                Err(Error::Index(_)) => {
                    // Never trusted, never fatal: drop it, answer from the
                    // JSON; the next command builds it again.
                    drop(index);
                    if let Some(path) = self.index_path() {
                        super::index::forget(path);
                    }
                }
                done => return done,
            }
        }
        let mut world = self.load_index()?;
        if let Some(day) = day {
            let stale = world.shards_changed_after(day);
            self.load_rumour_shards(&mut world, stale.iter().map(String::as_str))?;
            world.view_as_of(day);
        }
        let (scope, t) = plan(&Lookup::Whole(&world))?;
        Ok((world, scope, t, false))
    }

    /// A read as of `day`: the rumours with news after it look different
    /// then. They are read out of their shards; the track records move
    /// back to the day (what they count now out, what they counted then
    /// in), and those about the players read go into the world in full, to
    /// be cut to the day with it.
    fn back_to(
        &self,
        world: &mut Snapshot,
        index: &Index,
        day: NaiveDate,
        track: &mut std::collections::BTreeMap<crate::model::SourceId, crate::model::TrackRecord>,
    ) -> Result<()> {
        let later = index.rumours_with_news_after(&day.to_string())?;
        let mut by_shard: std::collections::BTreeMap<String, HashSet<RumourId>> =
            Default::default();
        for (id, shard) in later {
            by_shard.entry(shard).or_default().insert(RumourId(id));
        }
        // Each at its span when the index knows it (a handful of rumours
        // in a dozen shards, for a day a few weeks back), else scanned out.
        let mut shards = Vec::new();
        for (shard, ids) in by_shard {
            let spans = index.spans(&shard)?;
            let at: Option<Vec<_>> = ids
                .iter()
                .map(|id| spans.get(id.as_str()).map(|span| (id.clone(), *span)))
                .collect();
            shards.push((shard, ids, at));
        }
        let read = super::parallel::on_all_cores(&shards, |(shard, ids, at)| {
            let path = self.path_of(&FileKey::Rumours(shard.clone()));
            match at
                .as_deref()
                .and_then(|at| super::format::read_rumour_spans(&path, at))
            {
                Some(rumours) => Ok(rumours),
                None => super::format::read_rumours_where(&path, |_, id| ids.contains(id)),
            }
        });
        for rumours in read {
            let rumours = rumours?;
            crate::model::summary::recount_on(track, &rumours.iter().collect::<Vec<_>>(), day);
            for rumour in rumours {
                if world.players.contains_key(&rumour.player) {
                    world.insert_rumour_counted_elsewhere(rumour);
                }
            }
        }
        Ok(())
    }

    /// [`Store::load_scoped`] through the index.
    fn load_from_index<T>(
        &self,
        index: &Index,
        day: Option<NaiveDate>,
        plan: &impl Fn(&Lookup) -> Result<(Scope, T)>,
    ) -> Result<(Snapshot, Scope, T, bool)> {
        index.begin_reading()?;
        let mut world = World::default();
        let mut problems = Vec::new();
        // Clubs are found in the index; the world holds those its records
        // name (see the end).
        self.load_sources(&mut world, &mut problems);
        if let Some(first) = problems.into_iter().next() {
            return Err(first);
        }
        let (scope, t) = plan(&Lookup::Index {
            store: self,
            index,
            people: &world,
            // Dates compare as text in the index: no later day than this.
            day: day.unwrap_or(LAST_DAY),
        })?;
        for p in index.players(scope.players.iter().map(PlayerId::as_str))? {
            world.players.insert(p.id.clone(), p);
        }
        if !scope.without_rumours {
            for summary in index.summaries_of(scope.players.iter().map(PlayerId::as_str))? {
                world.insert_summary(summary);
            }
        }
        if let Some((from, to)) = scope.ending {
            let (players, summaries) =
                index.ending(&from.to_string(), &to.to_string(), day.is_some())?;
            for p in players {
                world.players.insert(p.id.clone(), p);
            }
            for summary in summaries {
                world.insert_summary(summary);
            }
        }
        // A change reads whole the shards of the players whose rumours it
        // may write; their track records come from their rumours. Every
        // other shard's come from the index, summed in one query.
        let full: BTreeSet<String> = match day {
            Some(_) => BTreeSet::new(),
            None => scope.rumours_of.iter().map(shard_of).collect(),
        };
        let mut track = index.track_records_except(&full)?;
        let mut world = Snapshot::brief(world);
        world.players_in_part();
        self.load_rumour_shards(&mut world, full.iter().map(String::as_str))?;
        if let Some(day) = day {
            self.back_to(&mut world, index, day, &mut track)?;
        }
        world.set_tally(OTHER_SHARDS, track);
        // A read: only the players' own rumours, from the other shards (not
        // marked as read whole, so their tallies stay the index's).
        let partial: HashSet<PlayerId> = scope
            .rumours_of
            .iter()
            .filter(|p| !world.is_loaded(&shard_of(p)))
            .cloned()
            .collect();
        let partial = self.load_rumours_at_spans(&mut world, index, partial, &scope.players)?;
        self.load_rumours_of_players(&mut world, &partial)?;
        // The clubs the records read name (their names are printed), those
        // the plan asked for, or every one. Many clubs named (a scan's
        // records name hundreds): one pass over them all beats a lookup
        // each.
        let named = (!scope.all_clubs && world.players.len() <= 1000).then(|| {
            let mut named = world.clubs_named();
            named.extend(scope.clubs.iter().cloned());
            named
        });
        let clubs = match named {
            Some(named) if named.len() <= 500 => {
                // Not every club: a change must not write the clubs file.
                world.clubs_in_part();
                index.clubs(named.iter().map(ClubId::as_str))?
            }
            _ => index.all_clubs()?,
        };
        for club in clubs {
            world.clubs.insert(club.id.clone(), club);
        }
        if let Some(day) = day {
            world.view_as_of(day);
        }
        Ok((world, scope, t, true))
    }

    /// Reads the rumours of `players` at the spans the index holds: a
    /// point command parses its player's rumours, not the 400 of his shard.
    /// Only for players whose rumours the world knows in brief (`briefed`,
    /// from the index); returns the players left to scan for, those of
    /// shards without spans or whose file is not as they were taken.
    fn load_rumours_at_spans(
        &self,
        world: &mut Snapshot,
        index: &Index,
        players: HashSet<PlayerId>,
        briefed: &BTreeSet<PlayerId>,
    ) -> Result<HashSet<PlayerId>> {
        let mut by_shard: BTreeMap<String, Vec<PlayerId>> = BTreeMap::new();
        let mut left = HashSet::new();
        for p in players {
            if briefed.contains(&p) {
                by_shard.entry(shard_of(&p)).or_default().push(p);
            } else {
                left.insert(p);
            }
        }
        for (shard, players) in by_shard {
            let spans = index.spans(&shard)?;
            let wanted: Option<Vec<_>> = players
                .iter()
                .flat_map(|p| world.summaries_of(p))
                .map(|s| spans.get(s.id.as_str()).map(|span| (s.id.clone(), *span)))
                .collect();
            let path = self.path_of(&FileKey::Rumours(shard));
            match wanted.and_then(|w| super::format::read_rumour_spans(&path, &w)) {
                Some(rumours) => {
                    for rumour in rumours {
                        world.insert_rumour_counted_elsewhere(rumour);
                    }
                }
                None => left.extend(players),
            }
        }
        Ok(left)
    }
}
