//! `mercato check`: every problem in a data directory, each with its file.

use crate::conflicts;
use crate::error::Error;
use crate::model::{
    Club, ClubId, Contract, MoveKind, Player, PlayerId, Rumour, RumourId, Source, Status,
    source::TIERS,
};
use crate::store::Store;
use crate::store::{FileKey, shard_of};
use crate::world::World;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub file: String,
    pub message: String,
}

/// Reads the whole directory, a few shards at a time (memory holds a few
/// shards and the ids, whatever the world's size), and lists every problem
/// found, in file order.
pub fn check(store: &Store, as_of: NaiveDate) -> Vec<Problem> {
    let (people, mut unreadable) = store.load_clubs_and_sources_lenient();
    let mut found = Found::new(store);
    // Each player's contracts (club, signing day): a done move must have
    // signed one, and one that is off no longer may.
    let mut players: HashMap<PlayerId, Vec<(ClubId, Option<NaiveDate>)>> = HashMap::new();
    let mut in_shards = Vec::new();
    let listing = store.each_shard_as_found::<Player>("players", |path, read| {
        let mut shard = World::default();
        let read = read.unwrap_or_else(|e| {
            in_shards.push(e);
            Vec::new()
        });
        in_shards.extend(crate::store::misplaced(&path, &read));
        for player in read {
            let clubs = player
                .contracts
                .iter()
                .map(|c| (c.club.clone(), c.signed))
                .collect();
            if players.insert(player.id.clone(), clubs).is_some() {
                in_shards.push(duplicate(&path, "player", player.id.as_str()));
            }
            shard.players.insert(player.id.clone(), player);
        }
        found.conflicts(conflicts::list(&shard));
        for player in shard.players.values() {
            found.player(player, &people.clubs, as_of);
        }
    });
    unreadable.extend(listing);
    found.conflicts(conflicts::list(&people));
    let has_player = |id: &PlayerId| players.contains_key(id);
    let signed_with = |id: &PlayerId, club: &ClubId| -> Vec<Option<NaiveDate>> {
        players.get(id).map_or(Vec::new(), |contracts| {
            contracts
                .iter()
                .filter(|(c, _)| c == club)
                .map(|(_, signed)| *signed)
                .collect()
        })
    };
    for club in people.clubs.values() {
        found.club(club, &has_player);
    }
    for source in people.sources.values() {
        found.source(source);
    }
    let mut rumour_ids: HashSet<RumourId> = HashSet::new();
    let listing = store.each_shard_as_found::<Rumour>("rumours", |path, read| {
        let rumours = read.unwrap_or_else(|e| {
            in_shards.push(e);
            Vec::new()
        });
        in_shards.extend(crate::store::misplaced(&path, &rumours));
        // As in the whole-world check: a file's conflicts first.
        if rumours.iter().any(|r| !r.conflicts.is_empty()) {
            found.conflicts(rumour_conflicts(store, &people, &rumours));
        }
        for rumour in &rumours {
            if !rumour_ids.insert(rumour.id.clone()) {
                in_shards.push(duplicate(&path, "rumour", rumour.id.as_str()));
            }
            found.rumour(rumour, &has_player, &people);
            found.done_without_contract(rumour, &signed_with);
        }
    });
    unreadable.extend(listing);
    unreadable.extend(in_shards);
    let mut problems: Vec<Problem> = unreadable
        .iter()
        .map(|e| unreadable_file(store, e))
        .collect();
    // A file that cannot be read leaves its records out of the world: every
    // reference to them would be reported as unknown, once per reference,
    // burying the one problem that matters. Those are left out.
    let unread = |name: &str| {
        unreadable.iter().any(|e| match e {
            Error::Parse { path, .. }
            | Error::NewerFormat { path, .. }
            // Clubs and sources are read checked: an id twice leaves the file out.
            | Error::OutOfPlace { path, kind: "club" | "source", .. }
            | Error::Io { path, .. } => path.to_string_lossy().replace('\\', "/").contains(name),
            _ => false,
        })
    };
    let (clubs, sources, players) = (
        unread("clubs.json"),
        unread("sources.json"),
        unread("players/"),
    );
    problems.extend(found.problems.into_iter().filter(|p| {
        !(clubs && p.message.contains("unknown club")
            || sources && p.message.contains("unknown source")
            || players && p.message.contains("unknown player"))
    }));
    problems.sort_by(|a, b| a.file.cmp(&b.file));
    problems
}

/// The open conflicts of a rumour shard's rumours, named as `conflicts`
/// names them (player and clubs): the players are read for their names.
fn rumour_conflicts(
    store: &Store,
    people: &World,
    rumours: &[Rumour],
) -> Vec<conflicts::OpenConflict> {
    let mut world = World::default();
    world.clubs.clone_from(&people.clubs);
    for rumour in rumours.iter().filter(|r| !r.conflicts.is_empty()) {
        let path = store.path_of(&FileKey::Players(shard_of(&rumour.player)));
        if let Ok(players) = crate::store::read_records::<Player>(&path, "players") {
            world.players.extend(
                players
                    .into_iter()
                    .filter(|p| p.id == rumour.player)
                    .map(|p| (p.id.clone(), p)),
            );
        }
    }
    for rumour in rumours {
        world.insert_rumour(rumour.clone());
    }
    // The players are only there for their names.
    let mut open = conflicts::list(&world);
    open.retain(|c| c.kind == "rumour");
    open
}

/// A file that could not be read, as a problem.
fn unreadable_file(store: &Store, e: &Error) -> Problem {
    match e {
        Error::Parse {
            path,
            line,
            column,
            message,
        } => Problem {
            file: path.display().to_string(),
            message: format!(
                "cannot be read at line {line}, column {column}: {}",
                crate::error::without_position(message, *line, *column)
            ),
        },
        Error::NewerFormat { path, .. } | Error::Io { path, .. } => Problem {
            file: path.display().to_string(),
            message: e
                .to_string()
                .replacen(&format!("{}: ", path.display()), "", 1),
        },
        Error::OutOfPlace { path, .. } => Problem {
            file: path.display().to_string(),
            message: format!(
                "{}; {}",
                e.to_string()
                    .replacen(&format!("{}: ", path.display()), "", 1),
                e.hint()
                    .unwrap_or_default()
                    .replacen("nothing was changed; ", "", 1)
            ),
        },
        _ => Problem {
            file: store.dir().display().to_string(),
            message: e.to_string(),
        },
    }
}

/// A duplicate id, as reading the whole world reports it.
fn duplicate(path: &std::path::Path, kind: &'static str, id: &str) -> Error {
    Error::OutOfPlace {
        path: path.to_path_buf(),
        kind,
        id: id.to_string(),
        belongs: None,
    }
}

/// The problems of references and dates in a loaded world.
pub fn check_world(store: &Store, world: &World, as_of: NaiveDate) -> Vec<Problem> {
    let mut found = Found::new(store);
    found.conflicts(conflicts::list(world));
    let has_player = |id: &PlayerId| world.players.contains_key(id);
    for club in world.clubs.values() {
        found.club(club, &has_player);
    }
    for source in world.sources.values() {
        found.source(source);
    }
    for player in world.players.values() {
        found.player(player, &world.clubs, as_of);
    }
    let signed_with = |id: &PlayerId, club: &ClubId| -> Vec<Option<NaiveDate>> {
        world
            .players
            .get(id)
            .map_or(Vec::new(), |p| p.signings_with(club))
    };
    for rumour in world.rumours.values() {
        found.rumour(rumour, &has_player, world);
        found.done_without_contract(rumour, &signed_with);
    }
    found.problems
}

/// Two permanent contracts in force on the same days (more than the one day
/// a move hands over on): at two clubs, or twice at one club from the same
/// day. Each named with the commands that fix it.
fn overlaps(player: &Player, clubs: &BTreeMap<ClubId, Club>) -> Vec<String> {
    let club_name = |id: &ClubId| clubs.get(id).map_or(id.to_string(), |k| k.name.clone());
    let name = |c: &Contract| format!("{} until {}", club_name(&c.club), c.end_text());
    let span = |c: &Contract| (player.start_of(c), c.last_day());
    let permanent: Vec<&Contract> = player.contracts.iter().filter(|c| !c.loan).collect();
    let mut found = Vec::new();
    for (i, a) in permanent.iter().enumerate() {
        for b in &permanent[i + 1..] {
            let ((a0, a1), (b0, b1)) = (span(a), span(b));
            // The overlap runs from the later start to the earlier end.
            let from = a0.max(b0);
            let to = match (a1, b1) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
            let days = match (from, to) {
                (Some(f), Some(t)) => (t - f).num_days(),
                _ => i64::MAX,
            };
            if a.club == b.club {
                // A renewal follows on, or takes over from its signing day;
                // one with neither a start nor a signing day is a guess.
                let later = if (a0, a.signed) <= (b0, b.signed) {
                    b
                } else {
                    a
                };
                if later.start.is_none() && later.signed.is_none() {
                    found.push(format!(
                        "two contracts with {club}, the later one ({}) with neither a start nor a signing day: it reads as a renewal from {}; if it is one, date it with `mercato contract edit {id} --club {cid} --until {end} --signed DAY`, else remove it with `mercato contract remove {id} --club {cid} --until {end}`",
                        name(later),
                        player.start_of(later).map_or("always".to_string(), |d| d.to_string()),
                        club = club_name(&a.club),
                        cid = a.club,
                        end = later.end_text(),
                        id = player.id
                    ));
                    continue;
                }
                if a0 != b0 {
                    continue;
                }
            }
            if days < 1 {
                continue;
            }
            found.push(format!(
                "two contracts in force at once: {} and {}{}; fix the dates with `mercato contract edit {id} --club CLUB --until END --start DAY` (or --end), or remove the wrong one with `mercato contract remove {id} --club CLUB --until END`",
                name(a),
                name(b),
                from.map_or(String::new(), |d| format!(" (both from {d})")),
                id = player.id
            ));
        }
    }
    found
}

/// Problems found so far, each with its file.
struct Found<'a> {
    store: &'a Store,
    problems: Vec<Problem>,
}

impl<'a> Found<'a> {
    fn new(store: &'a Store) -> Self {
        Found {
            store,
            problems: Vec::new(),
        }
    }

    fn report(&mut self, key: FileKey, message: String) {
        self.problems.push(Problem {
            file: self.store.path_of(&key).display().to_string(),
            message,
        });
    }

    /// Each open merge conflict, with the command that ends it.
    fn conflicts(&mut self, open: Vec<conflicts::OpenConflict>) {
        use crate::model::conflict::{RECORD, describe};
        for c in open {
            let what = if c.field == RECORD {
                "removed on one side of a merge and changed on the other".to_string()
            } else {
                format!(
                    "conflict on {}: ours {} (shown), theirs {}, base {}",
                    c.field,
                    describe(&c.field, c.ours.as_ref()),
                    describe(&c.field, c.theirs.as_ref()),
                    describe(&c.field, c.base.as_ref())
                )
            };
            self.problems.push(Problem {
                file: self.store.dir().join(&c.file).display().to_string(),
                message: format!(
                    "{} '{}' ({}): {what}; choose with `mercato resolve {} {} --take ours|theirs`",
                    c.kind, c.record, c.name, c.record, c.field
                ),
            });
        }
    }

    fn club(&mut self, club: &Club, has_player: &dyn Fn(&PlayerId) -> bool) {
        if let Err(e) = crate::text::name("name", &club.name) {
            self.report(FileKey::Clubs, format!("club '{}': {e}", club.id));
        }
        for (slot, order) in &club.depth {
            for id in order.iter().filter(|id| !has_player(id)) {
                self.report(
                    FileKey::Clubs,
                    format!(
                        "club '{}': {slot} order names unknown player '{id}'",
                        club.id
                    ),
                );
            }
        }
    }

    fn source(&mut self, source: &Source) {
        if let Err(e) = crate::text::name("name", &source.name) {
            self.report(FileKey::Sources, format!("source '{}': {e}", source.id));
        }
        if let Some(tier) = source.tier.filter(|t| !TIERS.contains(t)) {
            self.report(
                FileKey::Sources,
                format!("source '{}': tier {tier} is not between 1 and 5", source.id),
            );
        }
    }

    fn player(&mut self, player: &Player, clubs: &BTreeMap<ClubId, Club>, as_of: NaiveDate) {
        let key = || FileKey::Players(shard_of(&player.id));
        let who = format!("player '{}'", player.id);
        if let Err(e) = crate::text::name("name", &player.name) {
            self.report(key(), format!("{who}: {e}"));
        }
        if let Some(Err(e)) = player
            .notes
            .as_deref()
            .map(|n| crate::text::note("notes", n))
        {
            self.report(key(), format!("{who}: {e}"));
        }
        if let Some(born) = player.born.filter(|b| *b > as_of) {
            self.report(key(), format!("{who}: born {born}, after {as_of}"));
        }
        for c in &player.contracts {
            for club in std::iter::once(&c.club).chain(&c.signed_from) {
                if !clubs.contains_key(club) {
                    self.report(
                        key(),
                        format!("{who}: contract names unknown club '{club}'"),
                    );
                }
            }
            if let Some(problem) = c.problem(player.born) {
                self.report(key(), format!("{who}: {problem}"));
            }
        }
        for problem in overlaps(player, clubs) {
            self.report(key(), format!("{who}: {problem}"));
        }
    }

    /// A done transfer or renewal whose player has no contract with its
    /// club: the move says he signed, his contracts say he did not.
    /// A done move without the contract it signed, or a move called off
    /// after it was done whose contract still stands (the player would stay
    /// at the club of a move that did not happen). `signed_with` gives the
    /// signing days of a player's contracts with a club.
    fn done_without_contract(
        &mut self,
        rumour: &Rumour,
        signed_with: &dyn Fn(&PlayerId, &ClubId) -> Vec<Option<NaiveDate>>,
    ) {
        let Some(to) = rumour.to.as_ref() else {
            return;
        };
        if matches!(rumour.status, Status::Off | Status::Denied) {
            if let Some(day) = crate::deal::undone_signing(rumour, &signed_with(&rumour.player, to))
            {
                self.report(
                    FileKey::Rumours(shard_of(&rumour.player)),
                    format!(
                        "rumour '{id}' is {status} but the contract with '{to}' its done signed on {day} stands: {player} is still at '{to}'; remove it with `mercato contract remove {player} --club {to}` (or `mercato undo` the change)",
                        id = rumour.id,
                        status = rumour.status,
                        day = day,
                        player = rumour.player
                    ),
                );
            }
            return;
        }
        if rumour.status != Status::Done {
            return;
        }
        if signed_with(&rumour.player, to).is_empty() {
            self.report(
                FileKey::Rumours(shard_of(&rumour.player)),
                format!(
                    "rumour '{id}' is done but {player} has no contract with '{to}'; record it with `mercato contract set {player} --club {to} --signed DAY` (or reopen the rumour: `mercato rumour update {id} --status agreed`)",
                    id = rumour.id,
                    player = rumour.player
                ),
            );
        }
    }

    /// A rumour's problems; `people` holds the clubs and sources.
    fn rumour(&mut self, rumour: &Rumour, has_player: &dyn Fn(&PlayerId) -> bool, people: &World) {
        let key = || FileKey::Rumours(shard_of(&rumour.player));
        let what = format!("rumour '{}'", rumour.id);
        if !has_player(&rumour.player) {
            self.report(key(), format!("{what}: unknown player '{}'", rumour.player));
        }
        for club in rumour.from.iter().chain(&rumour.to) {
            if !people.clubs.contains_key(club) {
                self.report(key(), format!("{what}: unknown club '{club}'"));
            }
        }
        let shape_ok = match rumour.kind {
            MoveKind::Transfer => rumour.to.is_some() && rumour.to != rumour.from,
            MoveKind::Renewal => rumour.to.is_some() && rumour.to == rumour.from,
            MoveKind::Departure => rumour.to.is_none() && rumour.from.is_some(),
        };
        if !shape_ok {
            self.report(
                key(),
                format!(
                    "{what}: a {} must have {}",
                    rumour.kind,
                    match rumour.kind {
                        MoveKind::Transfer => "a destination other than the club it is from",
                        MoveKind::Renewal => "the same club as 'from' and 'to'",
                        MoveKind::Departure => "a 'from' club and no 'to'",
                    }
                ),
            );
        }
        if rumour.reports.is_empty() {
            self.report(key(), format!("{what}: has no reports"));
        }
        for r in &rumour.reports {
            if let Some(Err(e)) = r.note.as_deref().map(|n| crate::text::note("note", n)) {
                self.report(key(), format!("{what}: {e}"));
            }
            if !people.sources.contains_key(&r.source) {
                self.report(
                    key(),
                    format!("{what}: report names unknown source '{}'", r.source),
                );
            }
        }
        if rumour.reports.windows(2).any(|w| w[0].date > w[1].date) {
            self.report(key(), format!("{what}: reports are not in date order"));
        }
        if let Some(last) = rumour.history.last()
            && last.status != rumour.status
        {
            self.report(
                key(),
                format!(
                    "{what}: status is '{}' but its history ends with '{}'",
                    rumour.status, last.status
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use std::path::Path;

    /// The shipped data, copied (never touched in place).
    fn shipped_copy() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        for sub in ["", "players", "rumours"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
            for entry in std::fs::read_dir(from.join(sub)).unwrap().flatten() {
                if entry.path().extension().is_some_and(|e| e == "json") {
                    let to = dir.path().join(sub).join(entry.file_name());
                    std::fs::copy(entry.path(), to).unwrap();
                }
            }
        }
        dir
    }

    /// Edits the first record of a data file.
    fn edit_first(path: &Path, edit: impl FnOnce(&mut Value)) {
        let mut file: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        edit(&mut file["records"][0]);
        std::fs::write(path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    }

    fn first_file(dir: &Path, sub: &str) -> std::path::PathBuf {
        let mut files: Vec<_> = std::fs::read_dir(dir.join(sub))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        files.remove(0)
    }

    #[test]
    fn the_streamed_check_finds_what_the_whole_world_check_finds() {
        let dir = shipped_copy();
        let d = dir.path();
        edit_first(&d.join("clubs.json"), |club| {
            club["depth"] = json!({"CB": ["nobody-at-all"]});
        });
        edit_first(&first_file(d, "players"), |player| {
            player["contracts"][0]["club"] = json!("no-such-club");
            player["conflicts"] = json!({"caps": {"base": 1, "ours": 2, "theirs": 3}});
        });
        edit_first(&first_file(d, "rumours"), |rumour| {
            rumour["reports"][0]["source"] = json!("no-such-source");
            rumour["conflicts"] = json!({"status": {"ours": "talks", "theirs": "off"}});
        });
        let store = Store::open(d).unwrap().without_index();
        let day = NaiveDate::from_ymd_opt(2025, 10, 20).unwrap();
        let streamed = check(&store, day);
        let mut whole = check_world(&store, &store.load().unwrap(), day);
        whole.sort_by(|a, b| a.file.cmp(&b.file));
        assert_eq!(streamed, whole);
        for planted in [
            "nobody-at-all",
            "no-such-club",
            "no-such-source",
            "conflict on caps",
        ] {
            assert!(
                streamed.iter().any(|p| p.message.contains(planted)),
                "{planted}: {streamed:#?}"
            );
        }
        let rumour = streamed
            .iter()
            .find(|p| p.message.contains("conflict on status"))
            .expect("the rumour's conflict");
        // Named as `conflicts` names it: the player, read from his shard.
        assert!(!rumour.message.contains("()"), "{}", rumour.message);
    }
}
