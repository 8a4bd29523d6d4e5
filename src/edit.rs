//! Changes to the world, each validated before anything is touched: a change
//! that is refused leaves the world (and so `data/`) as it was.

use crate::error::{Error, Result, Rule};
use crate::model::{
    Club, ClubId, Contract, Fee, Foot, MoveKind, Player, PlayerId, Position, Report, Rumour,
    RumourId, Slot, Source, SourceId, Stance, Status,
};
use crate::names::fold;
use crate::rules::{
    check_birth, check_tier, clean_aliases, refuse_after_as_of, refuse_before_birth, refuse_taken,
};
use crate::text;
use crate::world::World;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A club to add.
#[derive(Debug, Clone, Default)]
pub struct NewClub {
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub league: Option<String>,
    pub coach: Option<String>,
}

/// A source to add.
#[derive(Debug, Clone, Default)]
pub struct NewSource {
    pub name: String,
    pub aliases: Vec<String>,
    pub country: Option<String>,
    pub tier: Option<u8>,
}

/// A contract to record; clubs are given by name.
#[derive(Debug, Clone)]
pub struct NewContract {
    pub club: String,
    /// The day it became known; unknown: always known.
    pub signed: Option<NaiveDate>,
    /// First day, when known.
    pub start: Option<NaiveDate>,
    /// Last day; unknown when the length was not reported.
    pub end: Option<NaiveDate>,
    pub loan: bool,
    pub signed_from: Option<String>,
}

/// A player to add.
#[derive(Debug, Clone)]
pub struct NewPlayer {
    pub name: String,
    pub born: NaiveDate,
    pub position: Position,
    pub also: Vec<Position>,
    pub nationality: Option<String>,
    pub caps: Option<u32>,
    pub foot: Option<Foot>,
    /// Market value in euros.
    pub market_value: Option<u64>,
    pub notes: Option<String>,
    pub contract: Option<NewContract>,
}

/// Which move a report is about.
#[derive(Debug, Clone)]
pub enum Move {
    /// To another club, given by name.
    To(String),
    /// Staying, with a new contract.
    Renewal,
    /// Leaving, destination unknown.
    Leaving,
}

/// One report to add.
#[derive(Debug, Clone)]
pub struct NewReport {
    pub player: String,
    pub target: Move,
    pub source: String,
    /// Defaults to the as-of date.
    pub date: Option<NaiveDate>,
    pub status: Option<Status>,
    pub stance: Stance,
    /// The outlet this report only repeats.
    pub via: Option<String>,
    pub fee: Option<Fee>,
    pub loan: bool,
    pub option_to_buy: bool,
    pub note: Option<String>,
    pub url: Option<String>,
    /// Create the source (and `via`) even if its name resembles a known one.
    pub new_source: bool,
}

/// What adding a report did.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportAdded {
    pub rumour: RumourId,
    /// Whether the report started a new rumour (else it was appended).
    pub new_rumour: bool,
    /// Sources that did not exist and were created with an unknown tier.
    pub new_sources: Vec<SourceId>,
    /// The source credited with the report, and the one it came through.
    pub credited: (SourceId, Option<SourceId>),
    /// When the report declared the move done: what the deal did.
    pub settled: Option<crate::deal::Settled>,
}

fn slug_for(kind: &str, name: &str) -> Result<String> {
    crate::model::ids::slug(name).ok_or_else(|| {
        Error::invalid(
            format!("{kind} name"),
            format!("{kind} name '{name}' must contain a letter or a digit"),
        )
    })
}

/// Adds a club. Its id is the slug of its name.
pub fn add_club(world: &mut World, new: NewClub) -> Result<ClubId> {
    let name = text::name("club name", &new.name)?;
    let aliases = clean_aliases(&new.aliases)?;
    refuse_taken(
        "club",
        std::iter::once(&name).chain(&aliases),
        world.clubs.values().map(|c| {
            (
                c.name.as_str(),
                c.aliases.iter().map(String::as_str).collect(),
            )
        }),
    )?;
    let id = ClubId(slug_for("club", &name)?);
    if world.clubs.contains_key(&id) {
        return Err(Error::duplicate(
            "club",
            format!(
                "a club with id '{id}' already exists ({})",
                world.club_name(&id)
            ),
        ));
    }
    let mut club = Club::new(id.clone(), &name);
    club.aliases = aliases;
    club.country = text::optional_name("country", new.country.as_deref())?;
    club.league = text::optional_name("league", new.league.as_deref())?;
    club.coach = text::optional_name("coach", new.coach.as_deref())?;
    world.put_club(club);
    Ok(id)
}

/// Adds a source. Tier 1 is the most reliable, 5 the least; none is unknown.
pub fn add_source(world: &mut World, new: NewSource) -> Result<SourceId> {
    let name = text::name("source name", &new.name)?;
    let aliases = clean_aliases(&new.aliases)?;
    if let Some(tier) = new.tier {
        check_tier(tier)?;
    }
    refuse_taken(
        "source",
        std::iter::once(&name).chain(&aliases),
        world.sources.values().map(|s| {
            (
                s.name.as_str(),
                s.aliases.iter().map(String::as_str).collect(),
            )
        }),
    )?;
    let id = SourceId(slug_for("source", &name)?);
    if world.sources.contains_key(&id) {
        return Err(Error::duplicate(
            "source",
            format!("a source with id '{id}' already exists"),
        ));
    }
    let mut source = Source::new(id.clone(), &name);
    source.aliases = aliases;
    source.country = text::optional_name("country", new.country.as_deref())?;
    source.tier = new.tier;
    world.put_source(source);
    Ok(id)
}

/// Changes a source's tier, country or aliases (see
/// [`crate::correct::edit_source`], which can also rename it).
pub fn set_source(
    world: &mut World,
    query: &str,
    tier: Option<u8>,
    country: Option<&str>,
    aliases: &[String],
) -> Result<SourceId> {
    crate::correct::edit_source(
        world,
        query,
        crate::correct::SourceChanges {
            name: None,
            tier,
            country: country.map(String::from),
            aliases: aliases.to_vec(),
        },
    )
}

/// Checks a contract and resolves its clubs. Its dates are the ones given:
/// an unknown start runs from the end of the previous contract, an unknown
/// signing day is always known.
fn build_contract(
    world: &World,
    new: &NewContract,
    born: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Result<Contract> {
    let club = world.find_club(&new.club)?;
    let signed_from = new
        .signed_from
        .as_deref()
        .map(|c| world.find_club(c))
        .transpose()?;
    if signed_from.as_ref() == Some(&club) {
        return Err(Error::rule(
            Rule::Contract,
            format!(
                "a contract cannot be signed from the same club ({})",
                world.club_name(&club)
            ),
        ));
    }
    // Only the dates given are stored: the day of typing is neither the
    // start nor the signing day (unknown: always known).
    // (A signing before his birth is one of `Contract::problem`'s, below.)
    if let Some(signed) = new.signed {
        refuse_after_as_of("signing date", signed, as_of)?;
    }
    let contract = Contract {
        club,
        signed: new.signed,
        // An unknown start is left unknown rather than guessed: a contract
        // "until 2026-06-30" entered today must not be refused for ending
        // before it started.
        start: new.start,
        end: new.end,
        loan: new.loan,
        signed_from,
        terminated: None,
    };
    if let Some(problem) = contract.problem(born) {
        return Err(Error::rule(Rule::Contract, problem));
    }
    Ok(contract)
}

/// Adds a player, with a first contract if one is given.
pub fn add_player(world: &mut World, new: NewPlayer, as_of: NaiveDate) -> Result<PlayerId> {
    let name = text::name("player name", &new.name)?;
    check_birth(new.born, as_of)?;
    let folded = fold(&name);
    if let Some(twin) = world
        .players
        .values()
        .find(|p| fold(&p.name) == folded && p.born == Some(new.born))
    {
        return Err(Error::duplicate(
            "player",
            format!(
                "{} (born {}) already exists, with id '{}'",
                twin.name, new.born, twin.id
            ),
        ));
    }
    let mut also: Vec<Position> = Vec::new();
    for p in new.also {
        if p != new.position && !also.contains(&p) {
            also.push(p);
        }
    }
    let contracts = match &new.contract {
        Some(c) => vec![build_contract(world, c, Some(new.born), as_of)?],
        None => Vec::new(),
    };
    let id = unique_player_id(world, &name, new.born)?;
    let player = Player {
        id: id.clone(),
        name,
        aliases: Vec::new(),
        born: Some(new.born),
        reported_age: None,
        nationality: text::optional_name("nationality", new.nationality.as_deref())?,
        position: new.position,
        also,
        caps: new.caps,
        foot: new.foot,
        market_value: new.market_value,
        notes: text::optional_note("notes", new.notes.as_deref())?,
        contracts,
        external_ids: BTreeMap::new(),
        conflicts: Default::default(),
    };
    world.put_player(player);
    Ok(id)
}

/// The slug of the name; namesakes get their birth year, then a counter.
pub fn unique_player_id(world: &World, name: &str, born: NaiveDate) -> Result<PlayerId> {
    use chrono::Datelike;
    let base = slug_for("player", name)?;
    let mut candidates = vec![base.clone(), format!("{base}-{}", born.year())];
    candidates.extend(
        (2..)
            .take(1000)
            .map(|n| format!("{base}-{}-{n}", born.year())),
    );
    candidates
        .into_iter()
        .map(PlayerId)
        .find(|id| !world.players.contains_key(id))
        .ok_or_else(|| Error::duplicate("player", format!("too many players called '{name}'")))
}

/// What recording a contract did.
#[derive(Debug, Clone)]
pub struct ContractSet {
    pub player: PlayerId,
    /// The open rumour this contract completed, with what that did.
    pub completed: Option<crate::deal::Settled>,
}

/// Records a new contract (a signing, a loan or a renewal). Earlier
/// contracts stay as history. A contract that is the move an open rumour
/// told of (a transfer to that club, a renewal there) marks it done, with
/// the effects of a done deal (see [`crate::deal`]).
pub fn set_contract(
    world: &mut World,
    player: &str,
    new: NewContract,
    as_of: NaiveDate,
) -> Result<ContractSet> {
    let id = world.find_player(player)?;
    let record = world.players[&id].clone();
    let contract = build_contract(world, &new, record.born, as_of)?;
    refuse_contract_conflicts(world, &record, &contract, as_of)?;
    let completed = crate::deal::sign(world, &id, contract, as_of)?;
    crate::deal::recut(world, &id);
    Ok(ContractSet {
        player: id,
        completed,
    })
}

/// A contract that repeats one he has, loans him to his own club, or ends
/// before his current contract began is a mistake: refused with the reason.
fn refuse_contract_conflicts(
    world: &World,
    player: &Player,
    contract: &Contract,
    as_of: NaiveDate,
) -> Result<()> {
    let club = world.club_name(&contract.club);
    if let Some(twin) = player.contracts.iter().find(|c| c.same_terms(contract)) {
        return Err(Error::duplicate(
            "contract",
            format!(
                "{} already has this contract with {club} (until {}{})",
                player.name,
                twin.end_text(),
                if twin.loan { ", loan" } else { "" }
            ),
        ));
    }
    let day = contract.start.unwrap_or(as_of);
    let parent = player
        .permanent_contract(day)
        .filter(|c| player.in_force_on(c, day));
    if contract.loan
        && let Some(parent) = parent
        && parent.club == contract.club
    {
        return Err(Error::rule(
            Rule::Contract,
            format!(
                "{} is under contract with {club} already; a loan goes to another club",
                player.name
            ),
        ));
    }
    let current = player.permanent_contract(as_of);
    if let (Some(current), Some(end)) = (current, contract.end)
        && let Some(current_start) = player.start_of(current)
        && end < current_start
    {
        return Err(Error::rule(
            Rule::Dates,
            format!(
                "this contract ends ({end}) before {}'s current contract with {} began ({current_start}); check the dates",
                player.name,
                world.club_name(&current.club)
            ),
        ));
    }
    Ok(())
}

/// Adds a report: appended to the open rumour of the same move, or starting a
/// new rumour. An unknown source is created with an unknown tier; a refused
/// report leaves no source behind.
pub fn add_report(world: &mut World, new: NewReport, as_of: NaiveDate) -> Result<ReportAdded> {
    let sources_before: std::collections::BTreeSet<_> = world.sources.keys().cloned().collect();
    let added = report_into(world, new, as_of);
    if added.is_err() {
        let created: Vec<_> = world
            .sources
            .keys()
            .filter(|id| !sources_before.contains(*id))
            .cloned()
            .collect();
        for id in created {
            world.remove_source(&id);
        }
    }
    added
}

fn report_into(world: &mut World, new: NewReport, as_of: NaiveDate) -> Result<ReportAdded> {
    let player_id = world.find_player(&new.player)?;
    let date = new.date.unwrap_or(as_of);
    refuse_after_as_of("report date", date, as_of)?;
    let player = &world.players[&player_id];
    // His club that day, as the contracts known that day say.
    let then = player.as_of(date);
    let current = then.club_on(date).cloned();
    let (kind, from, to) = match &new.target {
        Move::To(club) => {
            let to = world.find_club(club)?;
            if current.as_ref() == Some(&to) {
                return Err(Error::rule(
                    Rule::Report,
                    format!(
                        "{} already plays for {}; use --renewal for a new contract there",
                        player.name,
                        world.club_name(&to)
                    ),
                ));
            }
            let from = then.club_on_apart_from(date, &to).cloned();
            (MoveKind::Transfer, from, Some(to))
        }
        Move::Renewal => {
            let club = current.ok_or_else(|| {
                Error::rule(Rule::Report, format!(
                    "{} has no club on {date}, so there is nothing to renew; record a contract with `mercato contract set`",
                    player.name
                ))
            })?;
            (MoveKind::Renewal, Some(club.clone()), Some(club))
        }
        Move::Leaving => {
            let club = current.ok_or_else(|| {
                Error::rule(
                    Rule::Report,
                    format!("{} has no club on {date} to leave", player.name),
                )
            })?;
            (MoveKind::Departure, Some(club), None)
        }
    };
    let note = text::optional_note("note", new.note.as_deref())?;
    let url = new.url.as_deref().map(text::url).transpose()?;
    if new.option_to_buy && !new.loan {
        return Err(Error::rule(
            Rule::Report,
            "an option to buy only goes with a loan (add --loan)",
        ));
    }
    let mut new_sources = Vec::new();
    let source = source_or_new(world, &new.source, new.new_source, &mut new_sources)?;
    let via = match new.via.as_deref() {
        // --new-source is about the outlet reporting; a known via is credited.
        Some(v) => {
            let force = new.new_source && world.find_source(v).is_err();
            Some(source_or_new(world, v, force, &mut new_sources)?)
        }
        None => None,
    };
    if via.as_ref() == Some(&source) {
        return Err(Error::rule(
            Rule::Report,
            format!(
                "a source cannot repeat itself (--via {})",
                world.source_name(&source)
            ),
        ));
    }
    let credited = (source.clone(), via.clone());
    let report = Report {
        date,
        source,
        stance: new.stance,
        via,
        fee: new.fee,
        loan: new.loan,
        option_to_buy: new.option_to_buy,
        note,
        url,
    };
    let story = story_on(world, &player_id, kind, to.as_ref(), date);
    let done = new.status == Some(Status::Done);
    // A done deal is recorded by `deal::complete` below, with its effects.
    let status = new.status.filter(|s| *s != Status::Done);
    let (mut rumour, new_rumour) = match story {
        Some(mut rumour) => {
            if rumour.reports.contains(&report) {
                return Err(Error::duplicate(
                    "report",
                    format!("this report is already recorded in rumour {}", rumour.id),
                ));
            }
            if let Some(status) = status.filter(|s| *s != rumour.status_on(date)) {
                refuse_backdated_status(&rumour, date)?;
                rumour.set_status(status, date, None, Some(report.source.clone()));
            }
            rumour.add_report(report);
            (rumour, false)
        }
        None => {
            let status = status.unwrap_or(Status::Rumour);
            let id = (0..)
                .map(|salt| Rumour::make_id(&player_id, kind, to.as_ref(), &report, salt))
                .find(|id| world.summary(id).is_none())
                .unwrap_or_else(|| RumourId(String::new()));
            let mut rumour = Rumour {
                id,
                player: player_id,
                kind,
                from,
                to,
                status,
                reports: vec![report],
                history: Vec::new(),
                conflicts: Default::default(),
            };
            rumour.set_status(status, date, None, Some(rumour.reports[0].source.clone()));
            (rumour, true)
        }
    };
    let id = rumour.id.clone();
    let settled = if done {
        refuse_backdated_status(&rumour, date)?;
        let last = rumour.reports.iter().rfind(|r| r.date == date);
        let terms = crate::deal::Terms {
            fee: last.and_then(|r| r.fee),
            loan: last.is_some_and(|r| r.loan),
            ..crate::deal::Terms::default()
        };
        let source = last.map(|r| r.source.clone());
        rumour.history.retain(|h| !(h.date == date && new_rumour));
        Some(crate::deal::complete(
            world, rumour, date, terms, None, source,
        )?)
    } else {
        world.put_rumour(rumour);
        None
    };
    Ok(ReportAdded {
        rumour: id,
        new_rumour,
        new_sources,
        credited,
        settled,
    })
}

/// The rumour a report dated `date` about this move belongs to: the story
/// that was open on that day, else one that starts later (an earlier report
/// of it, entered late). A report after a story closed starts a new one.
fn story_on(
    world: &World,
    player: &PlayerId,
    kind: MoveKind,
    to: Option<&ClubId>,
    date: NaiveDate,
) -> Option<Rumour> {
    let same: Vec<&Rumour> = world
        .rumours_of(player)
        .filter(|r| r.is_same_move(player, kind, to))
        .collect();
    let open_then = same
        .iter()
        .filter(|r| r.first_reported().is_some_and(|f| f <= date) && r.status_on(date).is_open())
        .max_by_key(|r| r.first_reported());
    let starts_later = || {
        same.iter()
            .filter(|r| r.first_reported().is_some_and(|f| f > date))
            .min_by_key(|r| r.first_reported())
    };
    open_then.or_else(starts_later).map(|r| (*r).clone())
}

/// A source by name. An unknown one is created with an unknown tier, unless
/// its name resembles a known source: that is likely a typo, and a typo would
/// count as a second, independent confirmation. `force` creates it anyway.
fn source_or_new(
    world: &mut World,
    name: &str,
    force: bool,
    created: &mut Vec<SourceId>,
) -> Result<SourceId> {
    match world.find_source(name) {
        // Asked to create it, he must not find his report credited elsewhere.
        Ok(id) if force => Err(Error::duplicate(
            "source",
            format!(
                "a source named '{}' exists already (id {id}); without --new-source the report is credited to it",
                text::shown(name)
            ),
        )),
        Ok(id) => Ok(id),
        Err(Error::Ambiguous { candidates, .. }) if force => Err(Error::duplicate(
            "source",
            format!(
                "sources named '{}' exist already: {}",
                text::shown(name),
                candidates.join(", ")
            ),
        )),
        Err(Error::NotFound { suggestions, .. }) if force || suggestions.is_empty() => {
            let id = add_source(
                world,
                NewSource {
                    name: name.to_string(),
                    ..NewSource::default()
                },
            )?;
            created.push(id.clone());
            Ok(id)
        }
        Err(Error::NotFound { suggestions, .. }) => Err(Error::SourceTypo {
            query: name.to_string(),
            suggestions,
        }),
        Err(e) => Err(e),
    }
}

/// A status change to record.
#[derive(Debug, Clone)]
pub struct NewStatus {
    pub status: Status,
    /// Defaults to the as-of date.
    pub date: Option<NaiveDate>,
    pub note: Option<String>,
    /// Who announced it (an existing source).
    pub source: Option<String>,
    /// For `done`: the terms of the deal (new contract, fee, loan).
    pub terms: crate::deal::Terms,
    /// For `done` on a departure: where he went, by name.
    pub to: Option<String>,
}

/// What a status change did.
#[derive(Debug, Clone)]
pub struct StatusUpdated {
    pub rumour: RumourId,
    /// The source credited with announcing the change, if one was named.
    pub credited: Option<SourceId>,
    /// For `done`: the contracts it ended and signed, the rumours it rules out.
    pub settled: Option<crate::deal::Settled>,
}

/// Changes a rumour's status, keeping the change in its history. `done`
/// closes the loop: the player moves (see [`crate::deal`]).
pub fn update_rumour(
    world: &mut World,
    id: &RumourId,
    change: NewStatus,
    as_of: NaiveDate,
) -> Result<StatusUpdated> {
    let NewStatus {
        status,
        date,
        note,
        source,
        mut terms,
        to,
    } = change;
    let source = source
        .as_deref()
        .map(|s| world.find_source(s))
        .transpose()?;
    terms.to = to.as_deref().map(|c| world.find_club(c)).transpose()?;
    let has_terms = terms.until.is_some()
        || terms.since.is_some()
        || terms.fee.is_some()
        || terms.loan
        || terms.to.is_some();
    if has_terms && status != Status::Done {
        return Err(Error::rule(
            Rule::Deal,
            format!(
                "--until, --since, --fee, --loan and --to are the terms of a done deal; they go with --status done, not {status}"
            ),
        ));
    }
    let note = note.as_deref();
    let date = date.unwrap_or(as_of);
    refuse_after_as_of("status change", date, as_of)?;
    let mut rumour = world
        .rumours
        .get(id)
        .cloned()
        .ok_or_else(|| Error::Internal(format!("rumour {id} was not read")))?;
    if let Some(first) = rumour.first_reported()
        && date < first
    {
        return Err(Error::rule(
            Rule::Dates,
            format!("date {date} is before the rumour was first reported ({first})"),
        ));
    }
    if rumour.status == status && note.is_none() {
        return Err(Error::rule(
            Rule::Status,
            format!("rumour {id} is already '{status}'"),
        ));
    }
    let note = text::optional_note("note", note)?;
    refuse_backdated_status(&rumour, date)?;
    if status == Status::Done {
        if rumour.status == Status::Done {
            return Err(Error::rule(
                Rule::Status,
                format!("rumour {id} is already 'done'"),
            ));
        }
        let born = world.players.get(&rumour.player).and_then(|p| p.born);
        refuse_before_birth("signing date", date, born)?;
        let credited = source.clone();
        let settled = crate::deal::complete(world, rumour, date, terms, note, source)?;
        return Ok(StatusUpdated {
            rumour: id.clone(),
            credited,
            settled: Some(settled),
        });
    }
    refuse_calling_off_a_signed_move(world, &rumour, status)?;
    let credited = source.clone();
    rumour.set_status(status, date, note, source);
    world.put_rumour(rumour);
    Ok(StatusUpdated {
        rumour: id.clone(),
        credited,
        settled: None,
    })
}

/// A move done, then called off or denied, while the contract its done
/// signed still stands would leave the player at the club of a move that
/// did not happen: refused until that contract is removed.
fn refuse_calling_off_a_signed_move(world: &World, rumour: &Rumour, status: Status) -> Result<()> {
    let (Some(to), Some(player)) = (rumour.to.as_ref(), world.players.get(&rumour.player)) else {
        return Ok(());
    };
    let after = Rumour {
        status,
        ..rumour.clone()
    };
    match crate::deal::undone_signing(&after, &player.signings_with(to)) {
        None => Ok(()),
        Some(day) => Err(Error::rule(
            Rule::Status,
            format!(
                "rumour {} was done on {day}, and the contract with {} it signed stands: {} would stay there; remove it first (`mercato contract remove {} --club {}`), then call the move {status}",
                rumour.id,
                world.club_name(to),
                player.name,
                player.id,
                to
            ),
        )),
    }
}

/// A status change dated before the latest one would rewrite the story's
/// order; it is refused rather than silently leaving the status unchanged.
fn refuse_backdated_status(rumour: &Rumour, date: NaiveDate) -> Result<()> {
    match rumour.history.last() {
        Some(last) if date < last.date => Err(Error::rule(
            Rule::Dates,
            format!(
                "rumour {} last changed status on {} ({}); a change dated {date} would come before it",
                rumour.id, last.date, last.status
            ),
        )),
        _ => Ok(()),
    }
}

/// Sets the starting order of a depth-chart slot. The players must be in the
/// club's squad on the as-of date; an empty list restores the default order.
pub fn set_depth_order(
    world: &mut World,
    club: &ClubId,
    slot: Slot,
    players: &[String],
    as_of: NaiveDate,
) -> Result<()> {
    let mut order: Vec<PlayerId> = Vec::new();
    for query in players {
        let id = world.find_player(query)?;
        let player = &world.players[&id];
        if player.club_on(as_of) != Some(club) {
            return Err(Error::rule(
                Rule::Squad,
                format!(
                    "{} is not in the {} squad on {as_of}",
                    player.name,
                    world.club_name(club)
                ),
            ));
        }
        if !order.contains(&id) {
            order.push(id);
        }
    }
    let mut record = world.clubs[club].clone();
    record.conflicts.settle("depth");
    if order.is_empty() {
        record.depth.remove(&slot);
    } else {
        record.depth.insert(slot, order);
    }
    world.put_club(record);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn world() -> World {
        let mut w = World::default();
        add_club(
            &mut w,
            NewClub {
                name: "Real Madrid".into(),
                aliases: vec!["Real".into()],
                ..NewClub::default()
            },
        )
        .unwrap();
        add_club(
            &mut w,
            NewClub {
                name: "Bayern Munich".into(),
                ..NewClub::default()
            },
        )
        .unwrap();
        add_player(
            &mut w,
            NewPlayer {
                name: "Dayot Upamecano".into(),
                born: date("1998-10-27"),
                position: Position::CB,
                also: vec![Position::CB, Position::RB],
                nationality: Some("France".into()),
                caps: None,
                foot: None,
                market_value: None,
                notes: None,
                contract: Some(NewContract {
                    signed: None,
                    club: "bayern".into(),
                    start: Some(date("2021-07-01")),
                    end: Some(date("2026-06-30")),
                    loan: false,
                    signed_from: None,
                }),
            },
            date("2025-10-20"),
        )
        .unwrap();
        w
    }

    /// A caller tells refusals apart by their kind, not by their message.
    #[test]
    fn refusals_carry_their_kind() {
        use crate::error::ErrorKind;
        let mut w = world();
        let taken = add_club(
            &mut w,
            NewClub {
                name: "real".into(),
                ..NewClub::default()
            },
        )
        .unwrap_err();
        assert!(
            matches!(taken, Error::Duplicate { kind: "club", .. }),
            "{taken:?}"
        );
        assert_eq!(taken.kind(), ErrorKind::Duplicate);

        let empty = add_club(&mut w, NewClub::default()).unwrap_err();
        assert!(matches!(&empty, Error::Invalid { what, .. } if what == "club name"));
        assert_eq!(empty.kind().name(), "invalid");

        let late = add_report(&mut w, report("Marca", "2025-10-22"), date("2025-10-21"));
        let late = late.unwrap_err();
        assert!(
            matches!(
                late,
                Error::Rule {
                    rule: Rule::Dates,
                    ..
                }
            ),
            "{late:?}"
        );
        assert_eq!((late.kind().name(), late.exit_code()), ("rule", 1));
        assert!(late.is_refusal());

        let same = set_contract(
            &mut w,
            "upamecano",
            NewContract {
                club: "real madrid".into(),
                signed: None,
                start: None,
                end: None,
                loan: false,
                signed_from: Some("real".into()),
            },
            date("2025-10-21"),
        )
        .unwrap_err();
        assert!(
            matches!(
                same,
                Error::Rule {
                    rule: Rule::Contract,
                    ..
                }
            ),
            "{same:?}"
        );

        let unknown = add_report(&mut w, report("Marca", "2025-10-20"), date("2025-10-21"));
        let mut unknown_player = report("Marca", "2025-10-20");
        unknown_player.player = "nobody at all".into();
        let missing = add_report(&mut w, unknown_player, date("2025-10-21")).unwrap_err();
        assert!(unknown.is_ok());
        assert_eq!(missing.kind(), ErrorKind::NotFound);
        assert!(!missing.is_refusal());
    }

    fn report(source: &str, day: &str) -> NewReport {
        NewReport {
            player: "upamecano".into(),
            target: Move::To("real madrid".into()),
            source: source.into(),
            date: Some(date(day)),
            status: None,
            stance: Stance::For,
            via: None,
            fee: None,
            loan: false,
            option_to_buy: false,
            note: None,
            url: None,
            new_source: false,
        }
    }

    #[test]
    fn secondary_positions_drop_the_primary() {
        let w = world();
        let p = &w.players[&PlayerId::from("dayot-upamecano")];
        assert_eq!(p.also, vec![Position::RB]);
    }

    #[test]
    fn reports_of_the_same_move_share_a_rumour() {
        let mut w = world();
        let as_of = date("2025-10-22");
        let first = add_report(&mut w, report("Fichajes", "2025-10-20"), as_of).unwrap();
        assert!(first.new_rumour);
        assert_eq!(first.new_sources, [SourceId::from("fichajes")]);
        let second = add_report(&mut w, report("Marca", "2025-10-21"), as_of).unwrap();
        assert!(!second.new_rumour);
        assert_eq!(first.rumour, second.rumour);
        assert_eq!(w.rumours.len(), 1);
        assert_eq!(w.rumours[&first.rumour].reports.len(), 2);
        assert_eq!(
            w.rumours[&first.rumour].from,
            Some(ClubId::from("bayern-munich"))
        );
    }

    #[test]
    fn a_closed_rumour_is_not_reopened() {
        let mut w = world();
        let as_of = date("2025-12-01");
        let first = add_report(&mut w, report("Fichajes", "2025-10-20"), as_of).unwrap();
        let off = NewStatus {
            status: Status::Off,
            date: Some(date("2025-10-25")),
            note: None,
            source: None,
            terms: crate::deal::Terms::default(),
            to: None,
        };
        update_rumour(&mut w, &first.rumour, off, as_of).unwrap();
        let again = add_report(&mut w, report("Fichajes", "2025-11-20"), as_of).unwrap();
        assert!(again.new_rumour);
        assert_ne!(again.rumour, first.rumour);
    }

    #[test]
    fn refusals_change_nothing() {
        let mut w = world();
        let before = format!("{:?}", (&w.clubs, &w.players, &w.rumours, &w.sources));
        let as_of = date("2025-10-20");
        let mut bad = report("Marca", "2025-10-20");
        bad.url = Some("not a url".into());
        assert!(
            add_report(&mut w, bad, as_of)
                .unwrap_err()
                .to_string()
                .contains("URL")
        );
        let mut bad = report("Marca", "2025-10-20");
        bad.player = "upamecanno".into();
        let err = add_report(&mut w, bad, as_of).unwrap_err().to_string();
        assert!(err.contains("did you mean 'Dayot Upamecano'"), "{err}");
        let mut bad = report("Marca", "2025-10-20");
        bad.target = Move::To("bayern".into());
        assert!(
            add_report(&mut w, bad, as_of)
                .unwrap_err()
                .to_string()
                .contains("already plays for")
        );
        assert_eq!(
            before,
            format!("{:?}", (&w.clubs, &w.players, &w.rumours, &w.sources))
        );
    }

    #[test]
    fn impossible_players_and_contracts_are_refused() {
        let mut w = world();
        let mut new = NewPlayer {
            name: "Future Kid".into(),
            born: date("2030-01-01"),
            position: Position::CB,
            also: vec![],
            nationality: None,
            caps: None,
            foot: None,
            market_value: None,
            notes: None,
            contract: None,
        };
        let err = add_player(&mut w, new.clone(), date("2025-10-20"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("after the as-of date"), "{err}");
        new.born = date("2000-01-01");
        new.contract = Some(NewContract {
            signed: None,
            club: "real".into(),
            start: Some(date("2025-07-01")),
            end: Some(date("2024-06-30")),
            loan: false,
            signed_from: None,
        });
        let err = add_player(&mut w, new, date("2025-10-20"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("before it starts"), "{err}");
    }

    #[test]
    fn duplicate_names_are_refused_but_namesakes_allowed() {
        let mut w = world();
        let err = add_club(
            &mut w,
            NewClub {
                name: "real".into(),
                ..NewClub::default()
            },
        )
        .unwrap_err();
        assert!(err.to_string().contains("already exists"), "{err}");
        let namesake = NewPlayer {
            name: "Dayot Upamecano".into(),
            born: date("2010-01-01"),
            position: Position::ST,
            also: vec![],
            nationality: None,
            caps: None,
            foot: None,
            market_value: None,
            notes: None,
            contract: None,
        };
        let id = add_player(&mut w, namesake, date("2025-10-20")).unwrap();
        assert_eq!(id.as_str(), "dayot-upamecano-2010");
    }

    #[test]
    fn renewals_keep_history() {
        let mut w = world();
        let set = set_contract(
            &mut w,
            "upamecano",
            NewContract {
                signed: Some(date("2025-11-01")),
                club: "bayern".into(),
                start: None,
                end: Some(date("2030-06-30")),
                loan: false,
                signed_from: None,
            },
            date("2025-11-01"),
        )
        .unwrap();
        let p = &w.players[&set.player];
        assert_eq!(p.contracts.len(), 2);
        // Before its signing day the old contract governs; from it, the
        // renewal carries his contract on.
        let end_on = |day: &str| {
            let day = date(day);
            p.as_of(day).permanent_contract(day).unwrap().end
        };
        assert_eq!(end_on("2025-10-31"), Some(date("2026-06-30")));
        assert_eq!(end_on("2025-11-02"), Some(date("2030-06-30")));
        // It is in force from the end of the old one: he plays for Bayern throughout.
        assert_eq!(p.start_of(&p.contracts[1]), Some(date("2026-07-01")));
        assert_eq!(
            p.club_on(date("2026-01-01")).map(|c| c.as_str()),
            Some("bayern-munich")
        );
    }

    #[test]
    fn a_contract_stores_only_the_dates_given() {
        let mut w = world();
        let set = set_contract(
            &mut w,
            "upamecano",
            NewContract {
                signed: None,
                club: "real".into(),
                start: None,
                end: Some(date("2031-06-30")),
                loan: false,
                signed_from: None,
            },
            date("2026-12-06"),
        )
        .unwrap();
        let p = &w.players[&set.player];
        let c = p
            .contracts
            .iter()
            .find(|c| c.club.as_str() == "real-madrid")
            .unwrap();
        assert_eq!(
            (c.start, c.signed),
            (None, None),
            "the typing day is no date of the contract"
        );
    }
}
