//! Transfermarkt's `transfers.csv`: one row per move of a player between two
//! clubs, newest first. Each player's moves, taken in date order, make his
//! contract history: a move starts a contract at the club he joins on the
//! move's day and cuts short the one at the club he leaves.
//!
//! Loans are not flagged in the file (a loan and its return are two moves),
//! so every move is read as a permanent one: a loan out and back reads as
//! three contracts (parent, borrower, parent again), which says where he
//! played on every day, the thing squads and depth charts ask.

use super::importer::{Importer, SYSTEM};
use super::{CsvFile, RowProblem, link_club};
use crate::error::Result;
use crate::model::fee::{Currency, format_amount};
use crate::model::{Club, ClubId, Contract, Player};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashSet};

/// Transfermarkt's pseudo-clubs that stand for no club: 123 "Retired" and
/// 515 "Without Club". A move to one ends the player's time at his club with
/// no new contract.
const NO_CLUB: &[&str] = &["123", "515"];

/// One row of the file, its clubs found in the world.
struct Move {
    line: u64,
    /// The row's place in the file: rows are newest first, so of two moves on
    /// one day the later row happened first.
    order: usize,
    day: NaiveDate,
    from: Option<ClubId>,
    to: Option<ClubId>,
    /// The file's short names, for the note of a fee.
    from_name: String,
    to_name: String,
    /// In euros; none when unknown.
    fee: Option<u64>,
}

struct Columns {
    player: usize,
    day: usize,
    from: usize,
    to: usize,
    from_name: usize,
    to_name: usize,
    fee: usize,
    name: usize,
}

/// Reads the moves, then writes each player's history.
pub(super) fn import(run: &mut Importer, csv: &CsvFile) -> Result<()> {
    let col = |name| csv.column(name);
    let cols = Columns {
        player: col("player_id")?,
        day: col("transfer_date")?,
        from: col("from_club_id")?,
        to: col("to_club_id")?,
        from_name: col("from_club_name")?,
        to_name: col("to_club_name")?,
        fee: col("transfer_fee")?,
        name: col("player_name")?,
    };
    // Player id → his name in the file, and his moves.
    let mut by_player: BTreeMap<String, (String, Vec<Move>)> = BTreeMap::new();
    let mut named: HashSet<String> = HashSet::new();
    for (order, (line, record)) in csv.rows().enumerate() {
        run.tick();
        let read = record
            .map_err(|e| e.to_string())
            .and_then(|r| read_move(run, &mut named, csv, &cols, (line, order), &r));
        match read {
            Ok((player, name, m)) => by_player
                .entry(player)
                .or_insert((name, Vec::new()))
                .1
                .push(m),
            Err(message) => skip(run, &csv.name, line, message),
        }
    }
    for (player, (name, moves)) in by_player {
        apply_moves(run, &csv.name, &player, &name, moves);
    }
    Ok(())
}

fn skip(run: &mut Importer, file: &str, line: u64, message: String) {
    run.report.transfers.skipped += 1;
    run.report.problems.push(RowProblem {
        file: file.to_string(),
        line,
        message,
    });
}

/// One row: the player's id and name, and the move.
fn read_move(
    run: &mut Importer,
    named: &mut HashSet<String>,
    csv: &CsvFile,
    cols: &Columns,
    (line, order): (u64, usize),
    record: &csv::StringRecord,
) -> std::result::Result<(String, String, Move), String> {
    let field = |i: usize| record.get(i).unwrap_or("").trim();
    let player = field(cols.player);
    if player.is_empty() {
        return Err("no player_id".into());
    }
    let name = field(cols.name);
    // Checked first: the clubs of a row that is skipped are not created.
    if run.matcher.player(SYSTEM, player, name, None).is_none() {
        return Err(format!(
            "player {player} ({name}) is neither in the data nor in players.csv: import his players.csv row first (a player needs a position)"
        ));
    }
    let day = super::parse_day(field(cols.day))?.ok_or("no transfer_date")?;
    let fee = match field(cols.fee) {
        "" => None,
        text => Some(
            text.parse::<f64>()
                .ok()
                .filter(|f| f.is_finite() && *f >= 0.0)
                .map(|f| f.round() as u64)
                .ok_or_else(|| format!("transfer_fee '{text}' is not an amount"))?,
        ),
    };
    let mut club =
        |id: usize, name: usize| club_of(run, named, (&csv.name, line), field(id), field(name));
    let from = club(cols.from, cols.from_name)?;
    let to = club(cols.to, cols.to_name)?;
    let m = Move {
        line,
        order,
        day,
        from,
        to,
        from_name: field(cols.from_name).to_string(),
        to_name: field(cols.to_name).to_string(),
        fee,
    };
    Ok((player.to_string(), name.to_string(), m))
}

/// The club of a Transfermarkt id, none for "no club". A club met for the
/// first time in this file is linked once: found by id, name, alias or
/// well-known name (its short name becomes an alias), else created under
/// its short name (or the usual name of a well-known club).
fn club_of(
    run: &mut Importer,
    named: &mut HashSet<String>,
    at: super::At,
    external: &str,
    short: &str,
) -> std::result::Result<Option<ClubId>, String> {
    if NO_CLUB.contains(&external) {
        return Ok(None);
    }
    if external.is_empty() {
        return Err("a club id is missing".into());
    }
    if named.contains(external)
        && let Some(id) = run.club_ids.get(external)
    {
        return Ok(Some(id.clone()));
    }
    let short = crate::text::name("club name", short).map_err(|e| e.to_string())?;
    let name = crate::clubnames::usual_name(&short).unwrap_or(&short);
    let slug = crate::model::ids::slug(name).unwrap_or_else(|| format!("club-{external}"));
    let mut club = Club::new(ClubId(slug), name);
    if name != short {
        club.aliases.push(short.clone());
    }
    club.external_ids
        .insert(SYSTEM.to_string(), external.to_string());
    let id = link_club(
        run.world,
        &mut run.matcher,
        &mut run.report,
        (SYSTEM, external),
        &[&short],
        at,
        club,
    );
    named.insert(external.to_string());
    run.club_ids.insert(external.to_string(), id.clone());
    Ok(Some(id))
}

/// Writes one player's moves into his history, oldest first; a player in
/// neither the world nor players.csv is skipped (he would have no position).
fn apply_moves(run: &mut Importer, file: &str, external: &str, name: &str, mut moves: Vec<Move>) {
    let existing = run
        .matcher
        .player(SYSTEM, external, name, None)
        .and_then(|id| run.world.players.get(&id).cloned());
    let Some(old) = existing else {
        for m in moves {
            let message = format!(
                "player {external} ({name}) is neither in the data nor in players.csv: import his players.csv row first (a player needs a position)"
            );
            skip(run, file, m.line, message);
        }
        return;
    };
    moves.sort_by_key(|m| (m.day, std::cmp::Reverse(m.order)));
    let mut player = old.clone();
    let anchored = anchor(&mut player, &moves);
    for (i, m) in moves.iter().enumerate() {
        let changed = apply(&mut player, m) | note_fee(&mut player, m);
        if changed || anchored.contains(&i) {
            run.report.transfers.new += 1;
        } else {
            run.report.transfers.unchanged += 1;
        }
    }
    if let Some(day) = run.gone.get(external) {
        leave_by(&mut player, *day);
    }
    crate::deal::sort_contracts(&mut player.contracts);
    if player != old {
        run.world.put_player(player);
    }
}

/// Dates the contracts the player's current club gave with no start
/// (players.csv's current contract): each starts with the last move to its
/// club. Done before the moves are replayed, so that an earlier stint at the
/// same club does not end it. Returns the moves that dated one.
fn anchor(player: &mut Player, moves: &[Move]) -> Vec<usize> {
    let mut anchored = Vec::new();
    for c in player
        .contracts
        .iter_mut()
        .filter(|c| c.start.is_none() && !c.loan)
    {
        let last_in = moves
            .iter()
            .enumerate()
            .rev()
            .find(|(_, m)| m.to.as_ref() == Some(&c.club) && m.from != m.to);
        if let Some((i, m)) = last_in
            && c.last_day().is_none_or(|last| last > m.day)
        {
            c.start = Some(m.day);
            c.signed_from = c.signed_from.take().or_else(|| m.from.clone());
            anchored.push(i);
        }
    }
    anchored
}

/// Replays one move: his contracts at the club he leaves end on the move's
/// day (the day before, when he joins no club), as a done deal ends them;
/// a contract at the club he joins starts that day. A move from a club to
/// itself changes nothing. Whether it changed anything (a re-import changes
/// nothing).
fn apply(player: &mut Player, m: &Move) -> bool {
    if m.from.is_some() && m.from == m.to {
        return false;
    }
    let cut = match m.to {
        Some(_) => m.day,
        None => m.day.pred_opt().unwrap_or(m.day),
    };
    let mut changed = false;
    if let Some(from) = &m.from {
        let mut was_there = false;
        // Contracts that began before the move (never one a move of that
        // same day began).
        let before = |c: &Contract| c.start.is_none_or(|first| first < m.day && first <= cut);
        for c in player
            .contracts
            .iter_mut()
            .filter(|c| &c.club == from && before(c))
        {
            was_there = true;
            if c.last_day().is_none_or(|last| last > cut) {
                c.terminated = Some(cut);
                changed = true;
            }
        }
        if !was_there {
            // The first the file says of his time there is that it ended.
            player.contracts.push(Contract {
                terminated: Some(cut),
                ..Contract::new(from.clone(), None)
            });
            changed = true;
        }
    }
    if let Some(to) = &m.to
        && !player
            .contracts
            .iter()
            .any(|c| &c.club == to && c.start == Some(m.day))
    {
        player.contracts.push(Contract {
            start: Some(m.day),
            signed_from: m.from.clone(),
            ..Contract::new(to.clone(), None)
        });
        changed = true;
    }
    changed
}

/// Keeps a known fee in the player's notes, one line per move (the model
/// has no place for a fee on a contract). Fees of 0 (a free move, or a
/// loan's end: the file does not tell them apart) and unknown fees are not
/// noted.
fn note_fee(player: &mut Player, m: &Move) -> bool {
    let Some(fee) = m.fee.filter(|f| *f > 0) else {
        return false;
    };
    let to = if m.to_name.is_empty() {
        "?"
    } else {
        &m.to_name
    };
    let line = format!(
        "{}: {} → {to}, fee {} (Transfermarkt)",
        m.day,
        m.from_name,
        format_amount(fee, Currency::EUR)
    );
    let old = player.notes.as_deref().unwrap_or("");
    if old.lines().any(|l| l == line) || old.len() + line.len() >= crate::text::MAX_NOTE {
        return false;
    }
    let notes = player.notes.get_or_insert_with(String::new);
    if !notes.is_empty() {
        notes.push('\n');
    }
    notes.push_str(&line);
    true
}

/// A player last seen in the season that ended on `gone` is in no squad
/// after it: his contracts still open then end that day, and one that began
/// later (a club outside the covered leagues) at the end of the season it
/// began in.
fn leave_by(player: &mut Player, gone: NaiveDate) {
    for c in &mut player.contracts {
        let cut = match c.start {
            Some(first) if first > gone => {
                let year = if first.month() >= 7 {
                    first.year() + 1
                } else {
                    first.year()
                };
                NaiveDate::from_ymd_opt(year, 6, 30).unwrap_or(first)
            }
            _ => gone,
        };
        if c.last_day().is_none_or(|last| last > cut) {
            c.terminated = Some(cut);
        }
    }
}
