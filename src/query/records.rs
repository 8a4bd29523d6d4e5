//! Players, clubs and sources as shown in lists and detail views.

use crate::model::{Conflicts, Foot, Player, Position, Source};
use crate::names::{fold, list_key};
use crate::query::likelihood::{TrackRecord, track_records};
use crate::world::World;
use chrono::NaiveDate;
use serde::Serialize;

/// A contract as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractView {
    pub club: String,
    pub club_id: String,
    /// The day it was signed (it exists from then).
    pub signed: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    /// The last day; null when not known.
    pub end: Option<NaiveDate>,
    /// The day a move cut it short, if one did.
    pub terminated: Option<NaiveDate>,
    pub loan: bool,
    pub signed_from: Option<String>,
    /// Whether this is a contract the player is under on the as-of date.
    pub current: bool,
}

/// A player as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlayerView {
    pub id: String,
    pub name: String,
    /// Other names he answers to (a former spelling, a merged duplicate's name).
    pub aliases: Vec<String>,
    pub born: Option<NaiveDate>,
    pub age: Option<u32>,
    pub nationality: Option<String>,
    pub position: Position,
    pub also: Vec<Position>,
    pub caps: Option<u32>,
    pub foot: Option<Foot>,
    pub notes: Option<String>,
    /// The club he plays for on the as-of date.
    pub club: Option<String>,
    pub contract_end: Option<NaiveDate>,
    pub loan: bool,
    /// His next club: a contract elsewhere that starts after the as-of date
    /// (an agreed move, a pre-contract).
    pub joins: Option<NextMove>,
    /// Where he was last seen, when he plays nowhere on the as-of date
    /// (retired, gone from the leagues a dataset covers, a free agent).
    pub last_seen: Option<LastSeen>,
    pub contracts: Vec<ContractView>,
    /// Fields left conflicted by a git merge (see `mercato conflicts`); the
    /// values above are the current branch's meanwhile.
    #[serde(skip_serializing_if = "Conflicts::is_empty")]
    pub conflicts: Conflicts,
}

/// A move that is agreed and has not happened yet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextMove {
    pub club: String,
    pub club_id: String,
    /// The first day at the new club.
    pub on: NaiveDate,
    pub loan: bool,
}

/// The last club of a player who plays nowhere now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LastSeen {
    pub club: String,
    pub club_id: String,
    /// His last day there.
    pub until: NaiveDate,
    /// The season that day belongs to, "2015-16" (a season ends on 30 June).
    pub season: String,
}

/// The season a day belongs to: July to June, "2015-16".
pub fn season_of(day: NaiveDate) -> String {
    use chrono::Datelike;
    let first = if day.month() >= 7 {
        day.year()
    } else {
        day.year() - 1
    };
    format!("{first}-{:02}", (first + 1).rem_euclid(100))
}

/// The earliest contract elsewhere (or a loan) that starts after `as_of`.
fn next_move(world: &World, p: &Player, as_of: NaiveDate) -> Option<NextMove> {
    let (c, on) = p.next_move(as_of)?;
    Some(NextMove {
        club: world.club_name(&c.club).to_string(),
        club_id: c.club.to_string(),
        on,
        loan: c.loan,
    })
}

/// The contract that ended last, for a player under none on `as_of`.
fn last_seen(world: &World, p: &Player, as_of: NaiveDate) -> Option<LastSeen> {
    let (until, c) = p
        .contracts
        .iter()
        .filter(|c| p.started_by(c, as_of))
        .filter_map(|c| Some((c.last_day().filter(|d| *d < as_of)?, c)))
        .max_by_key(|(day, _)| *day)?;
    Some(LastSeen {
        club: world.club_name(&c.club).to_string(),
        club_id: c.club.to_string(),
        until,
        season: season_of(until),
    })
}

/// The view of one player on `as_of`.
pub fn player_view(world: &World, p: &Player, as_of: NaiveDate) -> PlayerView {
    let playing = p.playing_contract(as_of);
    let current: Vec<_> = p.current_contracts(as_of).collect();
    PlayerView {
        id: p.id.to_string(),
        name: p.name.clone(),
        aliases: p.aliases.clone(),
        born: p.born,
        age: p.age_on(as_of),
        nationality: p.nationality.clone(),
        position: p.position,
        also: p.also.clone(),
        caps: p.caps,
        foot: p.foot,
        notes: p.notes.clone(),
        club: playing.map(|c| world.club_name(&c.club).to_string()),
        contract_end: p.contract_end_on(as_of),
        loan: playing.is_some_and(|c| c.loan),
        joins: next_move(world, p, as_of),
        last_seen: match playing {
            Some(_) => None,
            None => last_seen(world, p, as_of),
        },
        conflicts: p.conflicts.clone(),
        contracts: p
            .contracts
            .iter()
            .map(|c| ContractView {
                club: world.club_name(&c.club).to_string(),
                club_id: c.club.to_string(),
                signed: c.signed,
                start: c.start,
                end: c.end,
                terminated: c.terminated,
                loan: c.loan,
                signed_from: c
                    .signed_from
                    .as_ref()
                    .map(|f| world.club_name(f).to_string()),
                current: p.in_force_on(c, as_of) && current.iter().any(|cur| std::ptr::eq(*cur, c)),
            })
            .collect(),
    }
}

/// Players, optionally of one club and position, sorted by surname.
pub fn players(
    world: &World,
    club: Option<&crate::model::ClubId>,
    position: Option<Position>,
    as_of: NaiveDate,
) -> Vec<PlayerView> {
    let mut list: Vec<&Player> = world
        .players
        .values()
        .filter(|p| club.is_none_or(|c| p.club_on(as_of) == Some(c)))
        .filter(|p| position.is_none_or(|pos| p.positions().any(|x| x == pos)))
        .collect();
    list.sort_by_cached_key(|p| list_key(&p.name, p.id.as_str()));
    list.into_iter()
        .map(|p| player_view(world, p, as_of))
        .collect()
}

/// A club as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClubView {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub league: Option<String>,
    pub coach: Option<String>,
    /// Players under contract (or on loan) there on the as-of date.
    pub squad: usize,
    /// Fields left conflicted by a git merge (see `mercato conflicts`); the
    /// values above are the current branch's meanwhile.
    #[serde(skip_serializing_if = "Conflicts::is_empty")]
    pub conflicts: Conflicts,
}

/// Every club, sorted by name.
pub fn clubs(world: &World, as_of: NaiveDate) -> Vec<ClubView> {
    let mut squads: std::collections::HashMap<&crate::model::ClubId, usize> = Default::default();
    for p in world.players.values() {
        if let Some(c) = p.club_on(as_of) {
            *squads.entry(c).or_default() += 1;
        }
    }
    let mut list: Vec<ClubView> = world
        .clubs
        .values()
        .map(|c| ClubView {
            id: c.id.to_string(),
            name: c.name.clone(),
            aliases: c.aliases.clone(),
            country: c.country.clone(),
            league: c.league.clone(),
            coach: c.coach.clone(),
            squad: squads.get(&c.id).copied().unwrap_or(0),
            conflicts: c.conflicts.clone(),
        })
        .collect();
    list.sort_by_cached_key(|c| (fold(&c.name), c.id.clone()));
    list
}

/// The clubs `ids`, as [`clubs`] shows them: a page of the list, from a
/// world that holds those clubs and every player who was ever theirs.
pub fn clubs_among(world: &World, ids: &[crate::model::ClubId], as_of: NaiveDate) -> Vec<ClubView> {
    let mut list = clubs(world, as_of);
    list.retain(|c| ids.iter().any(|id| id.as_str() == c.id));
    list
}

/// A source as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceView {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    /// 1 (official) to 5 (gossip); null when unknown.
    pub tier: Option<u8>,
    /// How many reports it made.
    pub reports: usize,
    /// Settled rumours it called right, and wrong.
    pub hits: usize,
    pub misses: usize,
    /// hits / (hits + misses), null before any of its rumours was settled.
    pub hit_rate: Option<f64>,
    /// Fields left conflicted by a git merge (see `mercato conflicts`); the
    /// values above are the current branch's meanwhile.
    #[serde(skip_serializing_if = "Conflicts::is_empty")]
    pub conflicts: Conflicts,
}

/// The view of one source.
pub fn source_view(
    source: &Source,
    track: &std::collections::BTreeMap<crate::model::SourceId, TrackRecord>,
) -> SourceView {
    let record = track.get(&source.id).cloned().unwrap_or_default();
    SourceView {
        id: source.id.to_string(),
        name: source.name.clone(),
        aliases: source.aliases.clone(),
        country: source.country.clone(),
        tier: source.tier,
        reports: record.reports,
        hits: record.hits,
        misses: record.misses,
        hit_rate: record.hit_rate().map(|r| (r * 1000.0).round() / 1000.0),
        conflicts: source.conflicts.clone(),
    }
}

/// Every source, by tier (unknown last), then name.
pub fn sources(world: &World) -> Vec<SourceView> {
    let track = track_records(world);
    let mut list: Vec<SourceView> = world
        .sources
        .values()
        .map(|s| source_view(s, &track))
        .collect();
    list.sort_by_cached_key(|s| (s.tier.unwrap_or(u8::MAX), fold(&s.name)));
    list
}

/// One report of a source, for `source show`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceReport {
    pub date: NaiveDate,
    pub rumour: String,
    pub player: String,
    #[serde(rename = "move")]
    pub move_text: String,
    pub status: crate::model::Status,
    pub stance: crate::model::Stance,
    pub via: Option<String>,
    pub note: Option<String>,
}

/// Every report a source made, newest first.
pub fn source_reports(
    world: &World,
    assessor: &crate::query::rumours::Assessor,
    source: &crate::model::SourceId,
) -> Vec<SourceReport> {
    let mut out: Vec<SourceReport> = Vec::new();
    for rumour in world.rumours.values() {
        if !rumour.reports.iter().any(|r| &r.source == source) {
            continue;
        }
        let view = crate::query::rumours::view(world, assessor, rumour);
        for r in rumour.reports.iter().filter(|r| &r.source == source) {
            out.push(SourceReport {
                date: r.date,
                rumour: view.id.clone(),
                player: view.player.clone(),
                move_text: view.describe_move(),
                status: rumour.status,
                stance: r.stance,
                via: r.via.as_ref().map(|v| world.source_name(v).to_string()),
                note: r.note.clone(),
            });
        }
    }
    out.sort_by_cached_key(|r| (std::cmp::Reverse(r.date), fold(&r.player), r.rumour.clone()));
    out
}
