//! Corrections: editing players, clubs and sources; removing records entered
//! by mistake; merging records entered twice. Like every change that adds
//! records (`edit`), each one is checked before it is made, and a refusal
//! says why; the command layer runs it through [`crate::Store::change`], so
//! it is journaled and `mercato undo` reverts it.
//!
//! Ids are identities, not names: a rename keeps the id and keeps the old
//! name as an alias, so what was written with the old name still finds the
//! record. A merge moves every reference from the duplicate to the record
//! kept, and the duplicate's name becomes an alias of it.
//!
//! Changes that touch rumours need them read in full (the command reads the
//! shards concerned first); a rumour known only in brief is refused as an
//! internal error rather than silently left behind.

use crate::deal::insert_contract;
use crate::error::{Error, Result, Rule};
use crate::model::{
    ClubId, Contract, Foot, MoveKind, PlayerId, Position, Report, Rumour, RumourId, RumourSummary,
    SourceId,
};
use crate::names::fold;
use crate::rules::{check_birth, check_tier, clean_aliases, refuse_after_as_of, refuse_taken};
use crate::text;
use crate::world::World;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

// Contracts are compared only through these helpers, so that the contract
// model can grow (signing and termination dates, an unknown end) without
// this module changing much.

/// Whether two contracts are the same one: the same club, the same end, both
/// loans or neither.
fn same_contract(a: &Contract, b: &Contract) -> bool {
    a.club == b.club && a.end == b.end && a.loan == b.loan
}

/// Completes a contract with what a copy of it entered elsewhere knows
/// (its start and signing day, the club signed from, an early end).
fn complete_contract(contract: &mut Contract, copy: &Contract) {
    fill(&mut contract.start, &copy.start);
    fill(&mut contract.signed, &copy.signed);
    fill(&mut contract.terminated, &copy.terminated);
    fill(&mut contract.signed_from, &copy.signed_from);
}

/// Puts a player's contracts back in the order [`insert_contract`] keeps,
/// after starts were filled in.
fn reorder_contracts(player: &mut crate::model::Player) {
    for contract in std::mem::take(&mut player.contracts) {
        insert_contract(player, contract);
    }
}

/// Whether a contract ends on `day`.
fn ends_on(contract: &Contract, day: NaiveDate) -> bool {
    contract.end == Some(day)
}

/// A contract in words: "Bayern Munich until 2026-06-30".
pub fn describe_contract(world: &World, contract: &Contract) -> String {
    format!(
        "{} until {}",
        world.club_name(&contract.club),
        contract.end_text()
    )
}

/// A contract's dates in words: "from 2019-07-01, signed 2019-03-14, until
/// 2028-06-30" (unknown ones say so).
pub fn describe_dates(contract: &Contract) -> String {
    let day = |d: Option<NaiveDate>| d.map_or("unknown".to_string(), |d| d.to_string());
    let mut text = format!(
        "from {}, signed {}, until {}",
        day(contract.start),
        day(contract.signed),
        day(contract.end)
    );
    if let Some(cut) = contract.terminated {
        text.push_str(&format!(" (ended {cut})"));
    }
    text
}

/// Changes to a player's details; `None` leaves a detail as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlayerChanges {
    pub name: Option<String>,
    pub born: Option<NaiveDate>,
    pub position: Option<Position>,
    /// Replaces the secondary positions.
    pub also: Option<Vec<Position>>,
    pub nationality: Option<String>,
    pub caps: Option<u32>,
    pub foot: Option<Foot>,
    /// Market value in euros.
    pub market_value: Option<u64>,
    /// Replaces the notes; an empty text removes them.
    pub notes: Option<String>,
    /// Names to add as aliases.
    pub aliases: Vec<String>,
}

/// Changes to a club's details.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClubChanges {
    pub name: Option<String>,
    pub country: Option<String>,
    pub league: Option<String>,
    pub coach: Option<String>,
    /// Names to add as aliases.
    pub aliases: Vec<String>,
}

/// Changes to a source's details.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SourceChanges {
    pub name: Option<String>,
    pub tier: Option<u8>,
    pub country: Option<String>,
    /// Names to add as aliases.
    pub aliases: Vec<String>,
}

/// What a removal removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    pub id: String,
    pub name: String,
    /// The rumours removed with a player (`--with-rumours`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rumours: Vec<String>,
}

/// Two rumours of the same move that became one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct United {
    /// The rumour that is gone...
    pub rumour: String,
    /// ...into this one.
    pub into: String,
}

/// What a merge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merged {
    pub kept: String,
    pub kept_name: String,
    pub removed: String,
    pub removed_name: String,
    /// How many references of each kind moved to the record kept
    /// ("rumours", "contracts", "reports", "status changes", "depth orders").
    pub moved: BTreeMap<&'static str, usize>,
    /// The names the kept record answers to now that it did not before.
    pub new_aliases: Vec<String>,
    pub united: Vec<United>,
}

impl Merged {
    /// "2 rumours, 1 contract" (nothing: "no references").
    pub fn moved_text(&self) -> String {
        let parts: Vec<String> = self
            .moved
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|(what, n)| {
                let what = if *n == 1 {
                    what.strip_suffix('s').unwrap_or(what)
                } else {
                    what
                };
                format!("{n} {what}")
            })
            .collect();
        if parts.is_empty() {
            "no references".into()
        } else {
            parts.join(", ")
        }
    }
}

/// Adds `alias` to `aliases` unless it is the name itself or already there.
fn add_alias(aliases: &mut Vec<String>, name: &str, alias: &str) {
    let folded = fold(alias);
    if folded != fold(name) && !aliases.iter().any(|a| fold(a) == folded) {
        aliases.push(alias.to_string());
    }
}

/// Adds a merged record's name and aliases to the kept one's; returns those
/// that were new.
fn take_names(
    aliases: &mut Vec<String>,
    name: &str,
    gone_name: &str,
    gone_aliases: &[String],
) -> Vec<String> {
    let before = aliases.len();
    for alias in std::iter::once(gone_name).chain(gone_aliases.iter().map(String::as_str)) {
        add_alias(aliases, name, alias);
    }
    aliases[before..].to_vec()
}

/// A rename: the new name, the old one kept as an alias, and the new name
/// no longer listed among the aliases.
fn rename(name: &mut String, aliases: &mut Vec<String>, new: String) {
    let old = std::mem::replace(name, new);
    add_alias(aliases, name, &old);
    let folded = fold(name);
    aliases.retain(|a| fold(a) != folded);
}

/// Fills a missing value from another record's.
fn fill<T: Clone>(value: &mut Option<T>, from: &Option<T>) {
    if value.is_none() {
        value.clone_from(from);
    }
}

fn nothing_given(what: &str) -> Error {
    Error::rule(
        Rule::NoChange,
        format!("nothing to change: no new detail given for {what}"),
    )
}

fn unchanged(what: &str) -> Error {
    Error::rule(
        Rule::NoChange,
        format!("nothing to change: {what} already has these details"),
    )
}

/// Refuses a change that needs rumours not read in full (it would lose them).
fn require_read<'a>(world: &World, ids: impl IntoIterator<Item = &'a RumourId>) -> Result<()> {
    match ids.into_iter().find(|id| !world.rumours.contains_key(*id)) {
        Some(id) => Err(Error::Internal(format!(
            "rumour {id} was not read in full; nothing was changed"
        ))),
        None => Ok(()),
    }
}

/// "10dcabc2 (Dayot Upamecano, Bayern Munich → Real Madrid)".
fn describe_rumour(world: &World, summary: &RumourSummary) -> String {
    format!(
        "{} ({}, {})",
        summary.id,
        world.player_name(&summary.player),
        world.describe_move(summary)
    )
}

/// "3 rumours: a, b, c" with at most five named.
fn listing(count_noun: (&str, &str), items: &[String]) -> String {
    const SHOWN: usize = 5;
    let noun = if items.len() == 1 {
        count_noun.0
    } else {
        count_noun.1
    };
    let mut text = format!(
        "{} {noun}: {}",
        items.len(),
        items
            .iter()
            .take(SHOWN)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
    );
    if items.len() > SHOWN {
        text.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    text
}

// ---------------------------------------------------------------- edits

/// Changes a player's details. A new name keeps the id and the old name as an
/// alias; a name and date of birth another player has are refused.
pub fn edit_player(
    world: &mut World,
    query: &str,
    changes: PlayerChanges,
    as_of: NaiveDate,
) -> Result<PlayerId> {
    let id = world.find_player(query)?;
    let before = &world.players[&id];
    if changes == PlayerChanges::default() {
        return Err(nothing_given(&before.name));
    }
    let mut player = before.clone();
    if let Some(name) = &changes.name {
        let name = text::name("player name", name)?;
        if name != player.name {
            rename(&mut player.name, &mut player.aliases, name);
        }
        player.conflicts.settle("name");
    }
    if let Some(born) = changes.born {
        check_birth(born, as_of)?;
        player.born = Some(born);
        // A known date of birth replaces an age a source gave.
        player.reported_age = None;
        player.conflicts.settle("born");
        player.conflicts.settle("reported_age");
    }
    let folded = fold(&player.name);
    let identity_changed = changes.name.is_some() || changes.born.is_some();
    if let Some(twin) = world.players.values().find(|p| {
        identity_changed
            && p.id != id
            && player.born.is_some()
            && p.born == player.born
            && fold(&p.name) == folded
    }) {
        return Err(Error::duplicate(
            "player",
            format!(
                "{} (born {}) already exists, with id '{}'; if they are one player, merge them with `mercato player merge {} {}`",
                twin.name,
                twin.born.map(|b| b.to_string()).unwrap_or_default(),
                twin.id,
                twin.id,
                id
            ),
        ));
    }
    if let Some(position) = changes.position {
        player.position = position;
        player.conflicts.settle("position");
    }
    if let Some(also) = &changes.also {
        player.conflicts.settle("also");
        player.also.clear();
        for p in also {
            if !player.also.contains(p) {
                player.also.push(*p);
            }
        }
    }
    let primary = player.position;
    player.also.retain(|p| *p != primary);
    if let Some(nationality) = &changes.nationality {
        player.nationality = Some(text::name("nationality", nationality)?);
        player.conflicts.settle("nationality");
    }
    if changes.caps.is_some() {
        player.caps = changes.caps;
        player.conflicts.settle("caps");
    }
    if changes.foot.is_some() {
        player.foot = changes.foot;
        player.conflicts.settle("foot");
    }
    if changes.market_value.is_some() {
        player.market_value = changes.market_value;
        player.conflicts.settle("market_value");
    }
    if let Some(notes) = &changes.notes {
        player.notes = text::optional_note("notes", Some(notes))?;
        player.conflicts.settle("notes");
    }
    for alias in clean_aliases(&changes.aliases)? {
        add_alias(&mut player.aliases, &player.name, &alias);
    }
    for contract in &player.contracts {
        if let Some(problem) = contract.problem(player.born) {
            return Err(Error::rule(
                Rule::Contract,
                format!(
                    "{} ({}): {problem}",
                    player.name,
                    describe_contract(world, contract)
                ),
            ));
        }
    }
    if player == *before {
        return Err(unchanged(&player.name));
    }
    world.put_player(player);
    Ok(id)
}

/// The names and aliases of the clubs other than `except`.
fn other_clubs<'a>(
    world: &'a World,
    except: &'a ClubId,
) -> impl Iterator<Item = (&'a str, Vec<&'a str>)> + 'a {
    world
        .clubs
        .values()
        .filter(move |c| &c.id != except)
        .map(|c| {
            (
                c.name.as_str(),
                c.aliases.iter().map(String::as_str).collect(),
            )
        })
}

/// The names and aliases of the sources other than `except`.
fn other_sources<'a>(
    world: &'a World,
    except: &'a SourceId,
) -> impl Iterator<Item = (&'a str, Vec<&'a str>)> + 'a {
    world
        .sources
        .values()
        .filter(move |s| &s.id != except)
        .map(|s| {
            (
                s.name.as_str(),
                s.aliases.iter().map(String::as_str).collect(),
            )
        })
}

/// Changes a club's details. A new name keeps the id and the old name as an
/// alias; a name or alias another club answers to is refused.
pub fn edit_club(world: &mut World, query: &str, changes: ClubChanges) -> Result<ClubId> {
    let id = world.find_club(query)?;
    let before = &world.clubs[&id];
    if changes == ClubChanges::default() {
        return Err(nothing_given(&before.name));
    }
    let mut club = before.clone();
    let name = changes
        .name
        .as_deref()
        .map(|n| text::name("club name", n))
        .transpose()?;
    let aliases = clean_aliases(&changes.aliases)?;
    refuse_taken("club", name.iter().chain(&aliases), other_clubs(world, &id))?;
    if let Some(name) = name {
        if name != club.name {
            rename(&mut club.name, &mut club.aliases, name);
        }
        club.conflicts.settle("name");
    }
    if let Some(country) = &changes.country {
        club.country = Some(text::name("country", country)?);
        club.conflicts.settle("country");
    }
    if let Some(league) = &changes.league {
        club.league = Some(text::name("league", league)?);
        club.conflicts.settle("league");
    }
    if let Some(coach) = &changes.coach {
        club.coach = Some(text::name("coach", coach)?);
        club.conflicts.settle("coach");
    }
    for alias in aliases {
        add_alias(&mut club.aliases, &club.name, &alias);
    }
    if club == *before {
        return Err(unchanged(&club.name));
    }
    world.put_club(club);
    Ok(id)
}

/// Changes a source's details (`source edit`, `source set`). A new name keeps
/// the id and the old name as an alias.
pub fn edit_source(world: &mut World, query: &str, changes: SourceChanges) -> Result<SourceId> {
    let id = world.find_source(query)?;
    let before = &world.sources[&id];
    if changes == SourceChanges::default() {
        return Err(nothing_given(&before.name));
    }
    let mut source = before.clone();
    if let Some(tier) = changes.tier {
        check_tier(tier)?;
        source.tier = Some(tier);
        source.conflicts.settle("tier");
    }
    let name = changes
        .name
        .as_deref()
        .map(|n| text::name("source name", n))
        .transpose()?;
    let aliases = clean_aliases(&changes.aliases)?;
    refuse_taken(
        "source",
        name.iter().chain(&aliases),
        other_sources(world, &id),
    )?;
    if let Some(name) = name {
        if name != source.name {
            rename(&mut source.name, &mut source.aliases, name);
        }
        source.conflicts.settle("name");
    }
    if let Some(country) = &changes.country {
        source.country = Some(text::name("country", country)?);
        source.conflicts.settle("country");
    }
    for alias in aliases {
        add_alias(&mut source.aliases, &source.name, &alias);
    }
    if source == *before {
        return Err(unchanged(&source.name));
    }
    world.put_source(source);
    Ok(id)
}

// ------------------------------------------------------------- removals

/// Removes a player. Refused while rumours are about him (unless
/// `with_rumours`, which removes them too) or a depth order names him.
pub fn remove_player(world: &mut World, query: &str, with_rumours: bool) -> Result<Removed> {
    let id = world.find_player(query)?;
    let name = world.player_name(&id).to_string();
    let mut summaries: Vec<&RumourSummary> = world.summaries_of(&id).collect();
    summaries.sort_by(|a, b| (a.first, &a.id).cmp(&(b.first, &b.id)));
    let rumour_ids: Vec<RumourId> = summaries.iter().map(|s| s.id.clone()).collect();
    let mut refs = Vec::new();
    if !with_rumours && !summaries.is_empty() {
        let items: Vec<String> = summaries
            .iter()
            .map(|s| describe_rumour(world, s))
            .collect();
        refs.push(format!(
            "{} (--with-rumours removes them too)",
            listing(("rumour is about him", "rumours are about him"), &items)
        ));
    }
    let orders: Vec<String> = world
        .clubs
        .values()
        .flat_map(|c| {
            c.depth
                .iter()
                .filter(|(_, order)| order.contains(&id))
                .map(|(slot, _)| format!("{} {slot}", c.name))
        })
        .collect();
    if !orders.is_empty() {
        refs.push(format!(
            "{} (set it again without him with `mercato club depth CLUB --set SLOT ...`)",
            listing(("depth order names him", "depth orders name him"), &orders)
        ));
    }
    if !refs.is_empty() {
        return Err(Error::rule(
            Rule::References,
            format!(
                "cannot remove {name} ({id}) while other records refer to him: {}; or merge him into the player he duplicates with `mercato player merge KEEP {id}`",
                refs.join("; ")
            ),
        ));
    }
    require_read(world, &rumour_ids)?;
    for rumour in &rumour_ids {
        world.remove_rumour(rumour);
    }
    world.remove_player(&id);
    Ok(Removed {
        id: id.to_string(),
        name,
        rumours: rumour_ids.iter().map(ToString::to_string).collect(),
    })
}

/// Removes a club. Refused while a contract or a rumour refers to it.
pub fn remove_club(world: &mut World, query: &str) -> Result<Removed> {
    let id = world.find_club(query)?;
    let name = world.club_name(&id).to_string();
    let contracts: Vec<String> = world
        .players
        .values()
        .flat_map(|p| {
            p.contracts
                .iter()
                .filter(|c| c.club == id || c.signed_from.as_ref() == Some(&id))
                .map(|c| format!("{} ({})", p.name, describe_contract(world, c)))
        })
        .collect();
    let mut summaries: Vec<&RumourSummary> =
        world.summaries().filter(|s| s.is_about_club(&id)).collect();
    summaries.sort_by(|a, b| (a.first, &a.id).cmp(&(b.first, &b.id)));
    let rumours: Vec<String> = summaries
        .iter()
        .map(|s| describe_rumour(world, s))
        .collect();
    let mut refs = Vec::new();
    if !contracts.is_empty() {
        refs.push(listing(("contract", "contracts"), &contracts));
    }
    if !rumours.is_empty() {
        refs.push(listing(("rumour", "rumours"), &rumours));
    }
    if !refs.is_empty() {
        return Err(Error::rule(
            Rule::References,
            format!(
                "cannot remove {name} ({id}) while other records refer to it: {}; if it duplicates another club, merge it with `mercato club merge KEEP {id}`",
                refs.join("; ")
            ),
        ));
    }
    world.remove_club(&id);
    Ok(Removed {
        id: id.to_string(),
        name,
        rumours: Vec::new(),
    })
}

/// Removes a source. Refused while a report or a status change cites it
/// (every rumour must be read in full).
pub fn remove_source(world: &mut World, query: &str) -> Result<Removed> {
    let id = world.find_source(query)?;
    let name = world.source_name(&id).to_string();
    let all: Vec<RumourId> = world.summaries().map(|s| s.id.clone()).collect();
    require_read(world, &all)?;
    let mut citing: Vec<(&RumourSummary, usize, usize)> = Vec::new();
    for summary in world.summaries() {
        let rumour = &world.rumours[&summary.id];
        let reports = rumour
            .reports
            .iter()
            .filter(|r| r.source == id || r.via.as_ref() == Some(&id))
            .count();
        let changes = rumour
            .history
            .iter()
            .filter(|h| h.source.as_ref() == Some(&id))
            .count();
        if reports + changes > 0 {
            citing.push((summary, reports, changes));
        }
    }
    if !citing.is_empty() {
        citing.sort_by(|a, b| (a.0.first, &a.0.id).cmp(&(b.0.first, &b.0.id)));
        let items: Vec<String> = citing
            .iter()
            .map(|(s, reports, changes)| {
                let mut what = Vec::new();
                if *reports > 0 {
                    what.push(crate::english::count(*reports, "report"));
                }
                if *changes > 0 {
                    what.push(crate::english::count(*changes, "status change"));
                }
                format!(
                    "{} ({}, {}; {})",
                    s.id,
                    world.player_name(&s.player),
                    world.describe_move(s),
                    what.join(" and ")
                )
            })
            .collect();
        return Err(Error::rule(
            Rule::References,
            format!(
                "cannot remove {name} ({id}) while rumours cite it: {}; if it duplicates another source, merge it with `mercato source merge KEEP {id}`",
                listing(("rumour", "rumours"), &items)
            ),
        ));
    }
    world.remove_source(&id);
    Ok(Removed {
        id: id.to_string(),
        name,
        rumours: Vec::new(),
    })
}

/// Removes a rumour (read in full).
pub fn remove_rumour(world: &mut World, id: &RumourId) -> Result<Rumour> {
    require_read(world, [id])?;
    world
        .remove_rumour(id)
        .ok_or_else(|| Error::Internal(format!("rumour {id} vanished")))
}

/// Removes the `n`th report of a rumour (1 is the oldest, as `rumour show`
/// numbers them). The only report is refused: remove the rumour instead.
pub fn remove_report(world: &mut World, id: &RumourId, n: usize) -> Result<Report> {
    require_read(world, [id])?;
    let mut rumour = world.rumours[id].clone();
    let count = rumour.reports.len();
    if count == 1 {
        return Err(Error::rule(
            Rule::References,
            format!(
                "report 1 is the only report of rumour {id}; remove the whole rumour with `mercato rumour remove {id}`"
            ),
        ));
    }
    if n == 0 || n > count {
        return Err(Error::invalid(
            "report number",
            format!(
                "rumour {id} has {}, numbered 1 (oldest) to {count} as `mercato rumour show {id}` lists them; there is no report {n}",
                crate::english::count(count, "report")
            ),
        ));
    }
    let report = rumour.reports.remove(n - 1);
    world.put_rumour(rumour);
    Ok(report)
}

/// Removes one of a player's contracts with a club: the one ending on
/// `until` when given; when he has several there and no `until` tells them
/// apart, refused with each of them.
pub fn remove_contract(
    world: &mut World,
    player: &str,
    club: &str,
    until: Option<NaiveDate>,
) -> Result<(PlayerId, Contract)> {
    let (id, at) = select_contract(world, player, club, until)?;
    let mut record = world.players[&id].clone();
    let contract = record.contracts.remove(at);
    // The contracts its move cut short run on again (their cut is its
    // start, or its signing day when it has none); the done moves still
    // standing then cut them again where they must (`deal::recut`).
    if let Some(cut) = contract.start.or(contract.signed) {
        for c in record.contracts.iter_mut() {
            if c.terminated == Some(cut) {
                c.terminated = None;
            }
        }
    }
    world.put_player(record);
    crate::deal::recut(world, &id);
    Ok((id, contract))
}

/// New dates for a contract; `None` leaves a date as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContractDates {
    pub start: Option<NaiveDate>,
    pub signed: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

/// Changes the dates of one of a player's contracts with a club (chosen as
/// `remove_contract` chooses it): the contract as it was and as it is now.
pub fn edit_contract(
    world: &mut World,
    player: &str,
    club: &str,
    until: Option<NaiveDate>,
    dates: ContractDates,
    as_of: NaiveDate,
) -> Result<(PlayerId, Contract, Contract)> {
    if dates == ContractDates::default() {
        return Err(Error::rule(
            Rule::NoChange,
            "nothing to change: give --start, --signed or --end",
        ));
    }
    let (id, at) = select_contract(world, player, club, until)?;
    let mut record = world.players[&id].clone();
    let before = record.contracts[at].clone();
    let contract = &mut record.contracts[at];
    if let Some(signed) = dates.signed {
        refuse_after_as_of("signing date", signed, as_of)?;
        contract.signed = Some(signed);
    }
    contract.start = dates.start.or(contract.start);
    contract.end = dates.end.or(contract.end);
    let after = contract.clone();
    if let Some(problem) = after.problem(record.born) {
        return Err(Error::rule(Rule::Contract, problem));
    }
    if after.start != before.start {
        // A move re-dated: what it cut short elsewhere on its old start ends
        // on the new one instead (recut below re-applies the done moves).
        if let Some(old) = before.start {
            for c in record.contracts.iter_mut() {
                if c.club != after.club && c.terminated == Some(old) {
                    c.terminated = None;
                }
            }
        }
        crate::deal::settle_move(&mut record, &after);
    }
    crate::deal::sort_contracts(&mut record.contracts);
    world.put_player(record);
    crate::deal::recut(world, &id);
    Ok((id, before, after))
}

/// Finds one of a player's contracts with a club: the one ending on `until`
/// when given, else the only one there; several are refused with the
/// `--until` that picks each.
fn select_contract(
    world: &World,
    player: &str,
    club: &str,
    until: Option<NaiveDate>,
) -> Result<(PlayerId, usize)> {
    let id = world.find_player(player)?;
    let club = world.find_club(club)?;
    let record = &world.players[&id];
    let at_club: Vec<(usize, &Contract)> = record
        .contracts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.club == club)
        .collect();
    let matching: Vec<usize> = at_club
        .iter()
        .filter(|(_, c)| until.is_none_or(|day| ends_on(c, day)))
        .map(|(at, _)| *at)
        .collect();
    let listed = || {
        at_club
            .iter()
            .map(|(_, c)| describe_contract(world, c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Copies of one contract are one choice: the last entered.
    let same = matching
        .windows(2)
        .all(|w| record.contracts[w[0]] == record.contracts[w[1]]);
    match matching.as_slice() {
        [.., at] if same => Ok((id, *at)),
        [] => {
            let wanted = until.map_or(String::new(), |day| format!(" ending on {day}"));
            let others = if at_club.is_empty() {
                String::new()
            } else {
                format!("; his contracts there: {}", listed())
            };
            Err(Error::Missing {
                kind: "contract",
                reason: format!(
                    "{} has no contract with {}{wanted}{others}",
                    record.name,
                    world.club_name(&club)
                ),
            })
        }
        _ => Err(Error::Unclear {
            kind: "contract",
            reason: format!(
                "{} has {} contracts with {} ({}); say which with --until END",
                record.name,
                matching.len(),
                world.club_name(&club),
                listed()
            ),
        }),
    }
}

// --------------------------------------------------------------- merges

/// Whether two rumours of the same move tell one story: both still open (a
/// new report would have joined either), or reported over overlapping
/// periods. A closed story and a later one stay two, as `rumour add` keeps them.
fn same_story(a: &Rumour, b: &Rumour) -> bool {
    let both_open = a.status.is_open() && b.status.is_open();
    let overlap = match (
        a.first_reported(),
        a.last_reported(),
        b.first_reported(),
        b.last_reported(),
    ) {
        (Some(a0), Some(a1), Some(b0), Some(b1)) => a0 <= b1 && b0 <= a1,
        _ => false,
    };
    both_open || overlap
}

/// The one of two rumours that stays when they become one: the first
/// reported, then the smaller id (as the git merge driver chooses).
fn first_key(r: &Rumour) -> (Option<NaiveDate>, RumourId) {
    (r.first_reported(), r.id.clone())
}

/// Puts back rumours that a merge changed (already taken out of the world):
/// each one becomes one with a rumour of the same move and story that was
/// not moved, if there is one; else it is put back as it is. Two moved
/// rumours are never united: they were distinct before the merge.
fn settle(world: &mut World, mut moved: Vec<Rumour>) -> Vec<United> {
    moved.sort_by_key(first_key);
    let mut alone: BTreeSet<RumourId> = BTreeSet::new();
    let mut united = Vec::new();
    for rumour in moved {
        let twin = world
            .rumours_of(&rumour.player)
            .filter(|o| {
                !alone.contains(&o.id)
                    && o.is_same_move(&rumour.player, rumour.kind, rumour.to.as_ref())
                    && same_story(o, &rumour)
            })
            .min_by_key(|o| first_key(o))
            .map(|o| o.id.clone());
        let Some(twin) = twin.and_then(|t| world.remove_rumour(&t)) else {
            alone.insert(rumour.id.clone());
            world.put_rumour(rumour);
            continue;
        };
        let (mut keep, gone) = if first_key(&twin) <= first_key(&rumour) {
            (twin, rumour)
        } else {
            (rumour, twin)
        };
        united.push(United {
            rumour: gone.id.to_string(),
            into: keep.id.to_string(),
        });
        if keep.from.is_none() {
            keep.from.clone_from(&gone.from);
        }
        keep.absorb(gone);
        world.put_rumour(keep);
    }
    united
}

/// A duplicate with open merge conflicts cannot be merged away: one of the
/// values it still holds would be dropped without anyone choosing.
fn refuse_conflicted(kind: &str, id: &str, conflicts: &crate::model::Conflicts) -> Result<()> {
    if conflicts.is_empty() {
        return Ok(());
    }
    let fields: Vec<&str> = conflicts.0.keys().map(String::as_str).collect();
    Err(Error::Conflict(format!(
        "{kind} {id} has open merge conflicts ({}); resolve them first (`mercato conflicts`, `mercato resolve {id} FIELD --take ours|theirs`)",
        fields.join(", ")
    )))
}

fn refuse_self_merge(kind: &str, name: &str, id: &str) -> Error {
    Error::rule(
        Rule::Merge,
        format!("both names are {kind} {name} ({id}); a record cannot be merged into itself"),
    )
}

/// Merges a duplicate player into the one kept: his rumours (both shards
/// must be read in full), depth-order places and the contracts the kept
/// player lacks move over; details the kept player lacks are filled in; the
/// duplicate's name becomes an alias; two rumours of the same move become one.
pub fn merge_players(world: &mut World, keep: &str, duplicate: &str) -> Result<Merged> {
    let keep = world.find_player(keep)?;
    let dup = world.find_player(duplicate)?;
    refuse_conflicted("player", dup.as_str(), &world.players[&dup].conflicts)?;
    if keep == dup {
        return Err(refuse_self_merge(
            "player",
            world.player_name(&keep),
            keep.as_str(),
        ));
    }
    let moved_ids: Vec<RumourId> = world.summaries_of(&dup).map(|s| s.id.clone()).collect();
    let kept_ids: Vec<RumourId> = world.summaries_of(&keep).map(|s| s.id.clone()).collect();
    require_read(world, moved_ids.iter().chain(&kept_ids))?;
    let mut kept = world.players[&keep].clone();
    let gone = world.players[&dup].clone();

    fill(&mut kept.born, &gone.born);
    if kept.born.is_none() {
        fill(&mut kept.reported_age, &gone.reported_age);
    }
    fill(&mut kept.nationality, &gone.nationality);
    fill(&mut kept.caps, &gone.caps);
    fill(&mut kept.foot, &gone.foot);
    fill(&mut kept.market_value, &gone.market_value);
    fill(&mut kept.notes, &gone.notes);
    for (system, external) in &gone.external_ids {
        kept.external_ids
            .entry(system.clone())
            .or_insert_with(|| external.clone());
    }
    let new_aliases = take_names(&mut kept.aliases, &kept.name, &gone.name, &gone.aliases);
    let mut contracts = 0;
    for contract in &gone.contracts {
        match kept
            .contracts
            .iter_mut()
            .find(|c| same_contract(c, contract))
        {
            Some(known) => complete_contract(known, contract),
            None => {
                insert_contract(&mut kept, contract.clone());
                contracts += 1;
            }
        }
    }
    reorder_contracts(&mut kept);
    for contract in &kept.contracts {
        if let Some(problem) = contract.problem(kept.born) {
            return Err(Error::rule(
                Rule::Merge,
                format!(
                    "cannot merge: {} ({}) would have an impossible contract ({}): {problem}",
                    kept.name,
                    kept.id,
                    describe_contract(world, contract)
                ),
            ));
        }
    }

    let mut depth_orders = 0;
    let clubs: Vec<ClubId> = world
        .clubs
        .values()
        .filter(|c| c.depth.values().any(|order| order.contains(&dup)))
        .map(|c| c.id.clone())
        .collect();
    for club in clubs {
        let mut record = world.clubs[&club].clone();
        for order in record.depth.values_mut() {
            if order.contains(&dup) {
                depth_orders += 1;
                let mut seen = BTreeSet::new();
                *order = order
                    .iter()
                    .map(|p| if *p == dup { keep.clone() } else { p.clone() })
                    .filter(|p| seen.insert(p.clone()))
                    .collect();
            }
        }
        world.put_club(record);
    }

    let moved: Vec<Rumour> = moved_ids
        .iter()
        .filter_map(|id| world.remove_rumour(id))
        .map(|mut r| {
            r.player = keep.clone();
            r
        })
        .collect();
    let rumours = moved.len();
    let united = settle(world, moved);
    world.remove_player(&dup);
    let merged = Merged {
        kept: keep.to_string(),
        kept_name: kept.name.clone(),
        removed: dup.to_string(),
        removed_name: gone.name.clone(),
        moved: BTreeMap::from([
            ("rumours", rumours),
            ("contracts", contracts),
            ("depth orders", depth_orders),
        ]),
        new_aliases,
        united,
    };
    world.put_player(kept);
    Ok(merged)
}

/// Merges a duplicate club into the one kept: contracts (as the club or the
/// club signed from) and rumours (from or to) move over, as do depth orders
/// for slots the kept club has none for; the duplicate's name and aliases
/// become aliases; two rumours of the same move become one. The rumours
/// about the duplicate must be read in full.
pub fn merge_clubs(world: &mut World, keep: &str, duplicate: &str) -> Result<Merged> {
    let keep = world.find_club(keep)?;
    let dup = world.find_club(duplicate)?;
    refuse_conflicted("club", dup.as_str(), &world.clubs[&dup].conflicts)?;
    if keep == dup {
        return Err(refuse_self_merge(
            "club",
            world.club_name(&keep),
            keep.as_str(),
        ));
    }
    let about: Vec<RumourId> = world
        .summaries()
        .filter(|s| s.is_about_club(&dup))
        .map(|s| s.id.clone())
        .collect();
    require_read(world, &about)?;
    let swap = |club: &Option<ClubId>| match club {
        Some(c) if *c == dup => Some(keep.clone()),
        other => other.clone(),
    };
    for id in &about {
        let r = &world.rumours[id];
        if r.kind == MoveKind::Transfer && swap(&r.from) == swap(&r.to) {
            return Err(Error::rule(
                Rule::Merge,
                format!(
                    "cannot merge: rumour {id} ({}, {}) would become a transfer from {} to itself; remove it first with `mercato rumour remove {id}`",
                    world.player_name(&r.player),
                    r.kind.describe(
                        r.from.as_ref().map(|c| world.club_name(c)),
                        r.to.as_ref().map(|c| world.club_name(c))
                    ),
                    world.club_name(&keep)
                ),
            ));
        }
    }

    let mut contracts = 0;
    let players: Vec<PlayerId> = world
        .players
        .values()
        .filter(|p| {
            p.contracts
                .iter()
                .any(|c| c.club == dup || c.signed_from.as_ref() == Some(&dup))
        })
        .map(|p| p.id.clone())
        .collect();
    for id in players {
        let mut player = world.players[&id].clone();
        for c in &mut player.contracts {
            if c.club == dup || c.signed_from.as_ref() == Some(&dup) {
                contracts += 1;
            }
            if c.club == dup {
                c.club = keep.clone();
            }
            c.signed_from = swap(&c.signed_from).filter(|from| *from != c.club);
        }
        // The same contract entered at both clubs is one contract.
        let mut distinct: Vec<Contract> = Vec::with_capacity(player.contracts.len());
        for c in player.contracts.drain(..) {
            match distinct.iter_mut().find(|d| same_contract(d, &c)) {
                Some(first) => complete_contract(first, &c),
                None => distinct.push(c),
            }
        }
        player.contracts = distinct;
        reorder_contracts(&mut player);
        world.put_player(player);
    }

    let mut moved = Vec::new();
    for id in &about {
        let Some(mut rumour) = world.rumours.get(id).cloned() else {
            continue;
        };
        let new_destination = rumour.to.as_ref() == Some(&dup);
        rumour.from = swap(&rumour.from);
        rumour.to = swap(&rumour.to);
        if new_destination {
            // A new destination may make it the same move as another rumour.
            world.remove_rumour(id);
            moved.push(rumour);
        } else {
            world.put_rumour(rumour);
        }
    }
    let united = settle(world, moved);

    let gone = world.clubs[&dup].clone();
    let mut kept = world.clubs[&keep].clone();
    let new_aliases = take_names(&mut kept.aliases, &kept.name, &gone.name, &gone.aliases);
    fill(&mut kept.country, &gone.country);
    fill(&mut kept.league, &gone.league);
    fill(&mut kept.coach, &gone.coach);
    for (system, external) in &gone.external_ids {
        kept.external_ids
            .entry(system.clone())
            .or_insert_with(|| external.clone());
    }
    let mut depth_orders = 0;
    for (slot, order) in &gone.depth {
        if !kept.depth.contains_key(slot) {
            kept.depth.insert(*slot, order.clone());
            depth_orders += 1;
        }
    }
    let merged = Merged {
        kept: keep.to_string(),
        kept_name: kept.name.clone(),
        removed: dup.to_string(),
        removed_name: gone.name.clone(),
        moved: BTreeMap::from([
            ("contracts", contracts),
            ("rumours", about.len()),
            ("depth orders", depth_orders),
        ]),
        new_aliases,
        united,
    };
    world.remove_club(&dup);
    world.put_club(kept);
    Ok(merged)
}

/// Merges a duplicate source into the one kept: its reports (and the reports
/// that repeat it) and the status changes it announced move over, so its
/// track record does too; the kept source's missing tier and country are
/// filled in; its name and aliases become aliases. Every rumour must be
/// read in full.
pub fn merge_sources(world: &mut World, keep: &str, duplicate: &str) -> Result<Merged> {
    let keep = world.find_source(keep)?;
    let dup = world.find_source(duplicate)?;
    refuse_conflicted("source", dup.as_str(), &world.sources[&dup].conflicts)?;
    if keep == dup {
        return Err(refuse_self_merge(
            "source",
            world.source_name(&keep),
            keep.as_str(),
        ));
    }
    let all: Vec<RumourId> = world.summaries().map(|s| s.id.clone()).collect();
    require_read(world, &all)?;
    let citing: Vec<RumourId> = world
        .rumours
        .values()
        .filter(|r| {
            r.reports
                .iter()
                .any(|x| x.source == dup || x.via.as_ref() == Some(&dup))
                || r.history.iter().any(|h| h.source.as_ref() == Some(&dup))
        })
        .map(|r| r.id.clone())
        .collect();
    let (mut reports, mut changes) = (0, 0);
    for id in &citing {
        let mut rumour = world.rumours[id].clone();
        for report in &mut rumour.reports {
            let repeats_dup = report.via.as_ref() == Some(&dup);
            if report.source == dup || repeats_dup {
                reports += 1;
            }
            if report.source == dup {
                report.source = keep.clone();
            }
            if repeats_dup {
                report.via = Some(keep.clone());
            }
            // An outlet repeating itself is simply its own report.
            if report.via.as_ref() == Some(&report.source) {
                report.via = None;
            }
        }
        crate::model::rumour::dedup_unordered(&mut rumour.reports);
        for change in &mut rumour.history {
            if change.source.as_ref() == Some(&dup) {
                change.source = Some(keep.clone());
                changes += 1;
            }
        }
        crate::model::rumour::dedup_unordered(&mut rumour.history);
        world.put_rumour(rumour);
    }
    let gone = world.sources[&dup].clone();
    let mut kept = world.sources[&keep].clone();
    let new_aliases = take_names(&mut kept.aliases, &kept.name, &gone.name, &gone.aliases);
    fill(&mut kept.tier, &gone.tier);
    fill(&mut kept.country, &gone.country);
    let merged = Merged {
        kept: keep.to_string(),
        kept_name: kept.name.clone(),
        removed: dup.to_string(),
        removed_name: gone.name.clone(),
        moved: BTreeMap::from([("reports", reports), ("status changes", changes)]),
        new_aliases,
        united: Vec::new(),
    };
    world.remove_source(&dup);
    world.put_source(kept);
    Ok(merged)
}
