//! Importers of real football data: Transfermarkt's public dataset and
//! Wyscout-style league exports. Both map rows onto the model, keep the
//! source's ids so that a re-import updates instead of duplicating, report bad
//! rows with their line number and import the rest.

pub mod download;
mod importer;
pub mod transfermarkt;
mod transfers;
pub mod wyscout;

use crate::clubnames;
use crate::model::{Club, ClubId, Contract, Player, PlayerId};
use crate::names::fold;
use crate::world::World;
use serde::Serialize;
use std::collections::HashMap;

/// What happened to the records of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
}

/// A row that could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    pub file: String,
    pub line: u64,
    pub message: String,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    pub clubs: Counts,
    pub players: Counts,
    /// Rows of a transfers file: new (the move changed the history),
    /// unchanged (already there), skipped.
    pub transfers: Counts,
    /// Clubs of the files taken for clubs already in the world, and why
    /// (those matched by their external id are not listed).
    pub matches: Vec<ClubMatch>,
    /// Rows skipped, and why.
    pub problems: Vec<RowProblem>,
    /// Rows imported without part of what they said, and why.
    pub warnings: Vec<RowProblem>,
}

impl ImportReport {
    /// Records a row that was skipped, and why.
    pub(crate) fn skip(&mut self, players: bool, file: &str, line: u64, message: String) {
        if players {
            self.players.skipped += 1;
        } else {
            self.clubs.skipped += 1;
        }
        self.problems.push(RowProblem {
            file: file.to_string(),
            line,
            message,
        });
    }
}

/// Why a club of a file was taken for a club of the world.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchedBy {
    /// The same id in the same source.
    ExternalId,
    /// The same name (accents and case aside), or the club's id.
    Name,
    /// One of the club's aliases.
    Alias,
    /// The same name without legal and filler words ("Liverpool Football Club").
    LegalName,
    /// Two names of one club in the list of well-known names ("RasenBallsport Leipzig").
    KnownName,
}

impl MatchedBy {
    /// How the reason reads in a table.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::ExternalId => "external id",
            MatchedBy::Name => "name",
            MatchedBy::Alias => "alias",
            MatchedBy::LegalName => "name without legal words",
            MatchedBy::KnownName => "known name",
        }
    }
}

/// A club of a file taken for a club already in the world.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClubMatch {
    pub file: String,
    pub line: u64,
    /// The name in the file.
    pub name: String,
    /// The club it was taken for.
    pub club: String,
    pub club_id: String,
    pub by: MatchedBy,
}

/// Called with the number of rows read so far, for a progress bar.
pub type Progress<'a> = &'a dyn Fn(u64);

/// Finds records by external id or by name, once per import.
pub(crate) struct Matcher {
    clubs_by_external: HashMap<(String, String), ClubId>,
    /// Folded names, with whether the name is the club's own (else an alias
    /// or its id); the first club to claim a name keeps it.
    clubs_by_name: HashMap<String, (ClubId, MatchedBy)>,
    /// By the name without legal words ("Liverpool Football Club" → "liverpool");
    /// `None` where two clubs share the key.
    clubs_by_key: HashMap<String, Option<ClubId>>,
    /// By well-known club ([`clubnames::KNOWN_CLUBS`]); `None` where two
    /// clubs of the world are names of one known club.
    clubs_by_known: HashMap<usize, Option<ClubId>>,
    /// The systems each club already has an id in.
    club_systems: HashMap<ClubId, Vec<String>>,
    players_by_external: HashMap<(String, String), PlayerId>,
    players_by_name_born: HashMap<(String, Option<chrono::NaiveDate>), PlayerId>,
    /// The systems each player already has an id in.
    player_systems: HashMap<PlayerId, Vec<String>>,
}

/// Puts `club` under `key`, or marks the key as shared by two clubs.
fn claim<K: std::hash::Hash + Eq>(map: &mut HashMap<K, Option<ClubId>>, key: K, club: &ClubId) {
    let entry = map.entry(key).or_insert_with(|| Some(club.clone()));
    if entry.as_ref() != Some(club) {
        *entry = None;
    }
}

impl Matcher {
    pub(crate) fn new(world: &World) -> Matcher {
        let mut m = Matcher {
            clubs_by_external: HashMap::new(),
            clubs_by_name: HashMap::new(),
            club_systems: HashMap::new(),
            clubs_by_key: HashMap::new(),
            clubs_by_known: HashMap::new(),
            players_by_external: HashMap::new(),
            players_by_name_born: HashMap::new(),
            player_systems: HashMap::new(),
        };
        for club in world.clubs.values() {
            m.remember_club(club);
        }
        for player in world.players.values() {
            m.remember_player(player);
        }
        m
    }

    fn remember_club(&mut self, club: &Club) {
        self.club_systems
            .insert(club.id.clone(), club.external_ids.keys().cloned().collect());
        for (system, id) in &club.external_ids {
            self.clubs_by_external
                .insert((system.clone(), id.clone()), club.id.clone());
        }
        let names = std::iter::once((&club.name, MatchedBy::Name))
            .chain(club.aliases.iter().map(|a| (a, MatchedBy::Alias)));
        for (name, by) in names {
            self.clubs_by_name
                .entry(fold(name))
                .or_insert_with(|| (club.id.clone(), by));
        }
        self.clubs_by_name
            .entry(fold(club.id.as_str()))
            .or_insert_with(|| (club.id.clone(), MatchedBy::Name));
        let mut keys: Vec<String> = std::iter::once(&club.name)
            .chain(&club.aliases)
            .map(|n| clubnames::key(n))
            .filter(|k| !k.is_empty())
            .collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            claim(&mut self.clubs_by_key, key, &club.id);
        }
        let mut known: Vec<usize> = std::iter::once(&club.name)
            .chain(&club.aliases)
            .filter_map(|n| clubnames::known(n))
            .collect();
        known.sort_unstable();
        known.dedup();
        for group in known {
            claim(&mut self.clubs_by_known, group, &club.id);
        }
    }

    /// The club with this external id, or else one of these names (a club
    /// that already has another id in the same system is another club), and
    /// why. Names are tried as they are, then without legal words, then as
    /// well-known names.
    pub(crate) fn club(
        &self,
        system: &str,
        external: &str,
        names: &[&str],
    ) -> Option<(ClubId, MatchedBy)> {
        if let Some(id) = self
            .clubs_by_external
            .get(&(system.to_string(), external.to_string()))
        {
            return Some((id.clone(), MatchedBy::ExternalId));
        }
        let free = |id: &ClubId| {
            !self
                .club_systems
                .get(id)
                .is_some_and(|systems| systems.iter().any(|s| s == system))
        };
        let by_name = names
            .iter()
            .filter_map(|n| self.clubs_by_name.get(&fold(n)))
            .find(|(id, _)| free(id))
            .cloned();
        let by_key = || {
            names
                .iter()
                .filter_map(|n| self.clubs_by_key.get(&clubnames::key(n))?.as_ref())
                .find(|id| free(id))
                .map(|id| (id.clone(), MatchedBy::LegalName))
        };
        let by_known = || {
            names
                .iter()
                .filter_map(|n| self.clubs_by_known.get(&clubnames::known(n)?)?.as_ref())
                .find(|id| free(id))
                .map(|id| (id.clone(), MatchedBy::KnownName))
        };
        by_name.or_else(by_key).or_else(by_known)
    }

    fn remember_player(&mut self, player: &Player) {
        self.player_systems.insert(
            player.id.clone(),
            player.external_ids.keys().cloned().collect(),
        );
        for (system, id) in &player.external_ids {
            self.players_by_external
                .insert((system.clone(), id.clone()), player.id.clone());
        }
        self.players_by_name_born
            .entry((fold(&player.name), player.born))
            .or_insert_with(|| player.id.clone());
    }

    /// The player with this external id, or else this name and date of birth.
    pub(crate) fn player(
        &self,
        system: &str,
        external: &str,
        name: &str,
        born: Option<chrono::NaiveDate>,
    ) -> Option<PlayerId> {
        self.players_by_external
            .get(&(system.to_string(), external.to_string()))
            .or_else(|| {
                // A namesake born the same day who already has another id in
                // this system is another player.
                born.and_then(|_| self.players_by_name_born.get(&(fold(name), born)))
                    .filter(|id| {
                        !self
                            .player_systems
                            .get(*id)
                            .is_some_and(|systems| systems.iter().any(|s| s == system))
                    })
            })
            .cloned()
    }
}

/// Where a row is: the file as shown, and its line.
pub(crate) type At<'a> = (&'a str, u64);

/// Finds a club of a file in the world (noting how, when it was found by a
/// name), then merges it in, or adds it. Returns its id.
pub(crate) fn link_club(
    world: &mut World,
    matcher: &mut Matcher,
    report: &mut ImportReport,
    (system, external): (&str, &str),
    names: &[&str],
    (file, line): At,
    incoming: Club,
) -> ClubId {
    let existing = matcher.club(system, external, names);
    if let Some((id, by)) = &existing
        && *by != MatchedBy::ExternalId
    {
        report.matches.push(ClubMatch {
            file: file.to_string(),
            line,
            name: incoming.name.clone(),
            club: world.club_name(id).to_string(),
            club_id: id.to_string(),
            by: *by,
        });
    }
    upsert_club(
        world,
        matcher,
        &mut report.clubs,
        existing.map(|(id, _)| id),
        incoming,
    )
}

/// Puts an imported club into the world: merged into the existing one it
/// matches, else added. Returns its id.
pub(crate) fn upsert_club(
    world: &mut World,
    matcher: &mut Matcher,
    counts: &mut Counts,
    existing: Option<ClubId>,
    incoming: Club,
) -> ClubId {
    match existing.and_then(|id| world.clubs.get(&id).cloned()) {
        Some(old) => {
            let mut merged = old.clone();
            // Imports fill in what is unknown and refresh external facts, but
            // never rename a club the user named.
            // Facts already known are kept: two sources that name a league
            // differently ("Scotland 1.", "Scottish Premiership") must not
            // undo each other on every import.
            merged.country = merged.country.or(incoming.country);
            merged.league = merged.league.or(incoming.league);
            merged.coach = incoming.coach.or(merged.coach);
            // The file's name becomes an alias: the next import, or a user,
            // finds the club by it.
            for alias in std::iter::once(incoming.name).chain(incoming.aliases) {
                if fold(&alias) != fold(&merged.name)
                    && !merged.aliases.iter().any(|a| fold(a) == fold(&alias))
                {
                    merged.aliases.push(alias);
                }
            }
            merged.external_ids.extend(incoming.external_ids);
            let id = merged.id.clone();
            if merged == old {
                counts.unchanged += 1;
            } else {
                counts.updated += 1;
                matcher.remember_club(&merged);
                world.put_club(merged);
            }
            id
        }
        None => {
            let mut club = incoming;
            let base = club.id.as_str().to_string();
            let mut n = 2;
            while world.clubs.contains_key(&club.id) {
                club.id = ClubId(format!("{base}-{n}"));
                n += 1;
            }
            counts.new += 1;
            matcher.remember_club(&club);
            let id = club.id.clone();
            world.put_club(club);
            id
        }
    }
}

/// Puts an imported player into the world: merged into the one it matches,
/// else added. A contract that is new for him is added to his history.
pub(crate) fn upsert_player(
    world: &mut World,
    matcher: &mut Matcher,
    counts: &mut Counts,
    existing: Option<PlayerId>,
    incoming: Player,
    contract: Option<Contract>,
) {
    let add_contract = |p: &mut Player| {
        let Some(c) = &contract else { return };
        let known = p
            .contracts
            .iter_mut()
            .find(|k| k.club == c.club && k.end == c.end && k.loan == c.loan);
        match known {
            // A later export that knows he has left (an old last season)
            // ends the contract it gave before.
            Some(k) => {
                if let Some(cut) = c.terminated {
                    k.terminated = Some(k.terminated.map_or(cut, |t| t.min(cut)));
                }
            }
            None => p.contracts.push(c.clone()),
        }
    };
    match existing.and_then(|id| world.players.get(&id).cloned()) {
        Some(old) => {
            let mut merged = old.clone();
            merged.born = merged.born.or(incoming.born);
            if merged.born.is_none() {
                // A newer export gives an older age: keep the first report
                // unless the two disagree about the player's age.
                let agrees = match (&merged.reported_age, &incoming.reported_age) {
                    (Some(old), Some(new)) => new
                        .on
                        .years_since(old.on)
                        .is_some_and(|years| old.age + years == new.age),
                    _ => false,
                };
                if !agrees {
                    merged.reported_age = incoming.reported_age.or(merged.reported_age);
                }
            }
            merged.nationality = merged.nationality.or(incoming.nationality);
            merged.caps = incoming.caps.or(merged.caps);
            merged.foot = merged.foot.or(incoming.foot);
            merged.market_value = incoming.market_value.or(merged.market_value);
            for p in incoming.also {
                if p != merged.position && !merged.also.contains(&p) {
                    merged.also.push(p);
                }
            }
            merged.external_ids.extend(incoming.external_ids);
            add_contract(&mut merged);
            if merged == old {
                counts.unchanged += 1;
            } else {
                counts.updated += 1;
                matcher.remember_player(&merged);
                world.put_player(merged);
            }
        }
        None => {
            let mut player = incoming;
            add_contract(&mut player);
            counts.new += 1;
            matcher.remember_player(&player);
            world.put_player(player);
        }
    }
}

/// A player id for an imported name: the slug, then with the birth year,
/// then with a counter.
pub(crate) fn new_player_id(
    world: &World,
    name: &str,
    born: Option<chrono::NaiveDate>,
) -> Option<PlayerId> {
    use chrono::Datelike;
    let base = crate::model::ids::slug(name)?;
    let year = born.map(|b| format!("-{}", b.year())).unwrap_or_default();
    std::iter::once(base.clone())
        .chain(std::iter::once(format!("{base}{year}")))
        .chain((2..100_000).map(|n| format!("{base}{year}-{n}")))
        .map(PlayerId)
        .find(|id| !world.players.contains_key(id))
}

/// "2026-06-30 00:00:00" or "2026-06-30" → a date.
pub(crate) fn parse_day(text: &str) -> Result<Option<chrono::NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let day = text.split(' ').next().unwrap_or(text);
    crate::dates::parse(day).map(Some)
}

/// Line numbers of CSV records, counted from their byte offsets (the csv
/// crate's own line count is one short on CRLF files).
struct Lines<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Lines<'a> {
        Lines {
            bytes,
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line on which the record at `position` starts.
    fn of(&mut self, position: Option<&csv::Position>) -> u64 {
        let Some(target) = position.map(|p| usize::try_from(p.byte()).unwrap_or(usize::MAX)) else {
            return 0;
        };
        let mut target = target.min(self.bytes.len());
        // On CRLF files a record's offset can point at the line break before it.
        while target < self.bytes.len() && matches!(self.bytes[target], b'\r' | b'\n') {
            target += 1;
        }
        if target < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.offset..target]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        self.offset = target;
        self.line
    }
}

/// A CSV export read whole, so that bad rows can be located by line.
pub(crate) struct CsvFile {
    /// The path, as shown in messages.
    pub(crate) name: String,
    bytes: Vec<u8>,
    headers: csv::StringRecord,
}

impl CsvFile {
    /// Reads the file and its header line.
    pub(crate) fn open(path: &std::path::Path) -> crate::Result<CsvFile> {
        let name = path.display().to_string();
        let raw = std::fs::read(path).map_err(|e| crate::Error::io(path, e))?;
        // The dataset is published gzipped: read `players.csv.gz` as it is.
        let bytes = if raw.starts_with(&[0x1f, 0x8b]) {
            let mut out = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&raw[..]), &mut out)
                .map_err(|e| {
                    crate::Error::Corrupt(format!("{name}: not a readable gzip file: {e}"))
                })?;
            out
        } else {
            raw
        };
        let headers = csv::Reader::from_reader(&bytes[..])
            .headers()
            .map_err(|e| crate::Error::Corrupt(format!("{name}: {e}")))?
            .clone();
        Ok(CsvFile {
            name,
            bytes,
            headers,
        })
    }

    /// The index of a column, or an error naming what is missing.
    pub(crate) fn column(&self, column: &str) -> crate::Result<usize> {
        self.headers
            .iter()
            .position(|h| h == column)
            .ok_or_else(|| {
                crate::Error::Corrupt(format!(
                    "{}: no column '{column}' in the header; is this the right file?",
                    self.name
                ))
            })
    }

    /// The records after the header, each with the line it starts on; a
    /// record that cannot be read comes with its error, and reading goes on.
    pub(crate) fn rows(
        &self,
    ) -> impl Iterator<Item = (u64, Result<csv::StringRecord, csv::Error>)> + '_ {
        let mut rdr = csv::Reader::from_reader(&self.bytes[..]);
        let mut lines = Lines::new(&self.bytes);
        std::iter::from_fn(move || {
            let mut record = csv::StringRecord::new();
            match rdr.read_record(&mut record) {
                Ok(false) => None,
                Ok(true) => Some((lines.of(record.position()), Ok(record))),
                Err(e) => Some((lines.of(e.position()), Err(e))),
            }
        })
    }
}
