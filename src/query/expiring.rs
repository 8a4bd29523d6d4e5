//! Players whose current contract ends in a given year or window.

use crate::model::{ClubId, MoveKind, Position};
use crate::names::{fold, surname_key};
use crate::world::World;
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// Which contracts to list. The windows combine: a contract must be in all given.
#[derive(Debug, Clone, Default)]
pub struct ExpiringFilter {
    /// Ending in this calendar year.
    pub year: Option<i32>,
    /// Ending within this many months of the as-of date.
    pub within_months: Option<u32>,
    /// In the last six months of the contract: free to agree a move with
    /// another club (FIFA RSTP art. 18.3).
    pub pre_contract: bool,
    pub club: Option<ClubId>,
    pub position: Option<Position>,
    /// Matched against the club's league, accent- and case-insensitively.
    pub league: Option<String>,
    /// Only players this old or younger on the as-of date.
    pub age_max: Option<u32>,
}

/// An open rumour about an expiring player, in brief.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RumourBrief {
    pub id: String,
    pub kind: MoveKind,
    /// The destination of a transfer, the club of a renewal, null for a departure.
    pub to: Option<String>,
    pub status: crate::model::Status,
}

/// One current contract ending in the window asked about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExpiringRow {
    pub player: String,
    pub player_id: String,
    pub club: String,
    pub club_id: String,
    pub position: Position,
    pub born: Option<NaiveDate>,
    pub age: Option<u32>,
    pub contract_end: NaiveDate,
    pub loan: bool,
    /// In the last six months of the contract on the as-of date.
    pub pre_contract: bool,
    /// Ended before the as-of date: the player is out of contract, a free
    /// agent of that year, last at `club`.
    pub ended: bool,
    pub open_rumours: Vec<RumourBrief>,
}

fn months_after(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The current contracts (permanent, and loans) that end in the window, sorted
/// by end date, then player name. A player out of contract whose last contract
/// ended that year is listed too: he is a free agent of that year.
pub fn contracts_expiring(
    world: &World,
    filter: &ExpiringFilter,
    as_of: NaiveDate,
) -> Vec<ExpiringRow> {
    let league = filter.league.as_deref().map(fold);
    let in_window = |end: NaiveDate| {
        filter.year.is_none_or(|y| end.year() == y)
            && filter
                .within_months
                .is_none_or(|m| end >= as_of && end <= months_after(as_of, m))
            && (!filter.pre_contract || is_pre_contract(end, as_of))
    };
    let mut rows: Vec<ExpiringRow> = world
        .players
        .values()
        .filter(|p| filter.position.is_none_or(|pos| p.position == pos))
        .filter(|p| {
            filter
                .age_max
                .is_none_or(|max| p.age_on(as_of).is_some_and(|a| a <= max))
        })
        // A contract a move cut short is not expiring: the player left.
        .flat_map(|p| p.current_contracts(as_of).map(move |c| (p, c)))
        .filter(|(_, c)| c.terminated.is_none())
        .filter_map(|(p, c)| c.end.filter(|end| in_window(*end)).map(|end| (p, c, end)))
        .filter(|(_, c, _)| filter.club.as_ref().is_none_or(|club| &c.club == club))
        .filter(|(_, c, _)| {
            league.as_ref().is_none_or(|wanted| {
                world
                    .clubs
                    .get(&c.club)
                    .and_then(|club| club.league.as_deref())
                    .is_some_and(|l| fold(l) == *wanted)
            })
        })
        .map(|(p, c, end)| ExpiringRow {
            player: p.name.clone(),
            player_id: p.id.to_string(),
            club: world.club_name(&c.club).to_string(),
            club_id: c.club.to_string(),
            position: p.position,
            born: p.born,
            age: p.age_on(as_of),
            contract_end: end,
            loan: c.loan,
            pre_contract: is_pre_contract(end, as_of),
            ended: end < as_of,
            open_rumours: world
                .summaries_of(&p.id)
                .filter(|r| r.status.is_open())
                .map(|r| RumourBrief {
                    id: r.id.to_string(),
                    kind: r.kind,
                    to: r.to.as_ref().map(|c| world.club_name(c).to_string()),
                    status: r.status,
                })
                .collect(),
        })
        .collect();
    rows.sort_by_cached_key(|r| (r.contract_end, surname_key(&r.player), r.player_id.clone()));
    rows
}

/// The days a window of expiries can cover (`--year`, `--within`,
/// `--pre-contract` together narrow it), so that only the players with a
/// contract ending then need reading; `None` when no window is given.
pub fn window(
    year: Option<i32>,
    within_months: Option<u32>,
    pre_contract: bool,
    as_of: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    let mut bounds: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    if let Some(y) = year {
        bounds.push((
            NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN),
            NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(NaiveDate::MAX),
        ));
    }
    if let Some(m) = within_months {
        bounds.push((as_of, months_after(as_of, m)));
    }
    if pre_contract {
        bounds.push((as_of, months_after(as_of, 6)));
    }
    let from = bounds.iter().map(|b| b.0).max()?;
    let to = bounds.iter().map(|b| b.1).min()?;
    Some((from, to))
}

/// The window `contract expiring` uses when none is given: the next year.
pub const DEFAULT_WITHIN_MONTHS: u32 = 12;

/// Whether a contract ending on `end` is in its last six months on `as_of`.
pub fn is_pre_contract(end: NaiveDate, as_of: NaiveDate) -> bool {
    end >= as_of && end <= months_after(as_of, 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pre_contract_is_the_last_six_months() {
        let end: NaiveDate = "2026-06-30".parse().unwrap();
        assert!(!is_pre_contract(end, "2025-12-29".parse().unwrap()));
        assert!(is_pre_contract(end, "2025-12-30".parse().unwrap()));
        assert!(is_pre_contract(end, "2026-06-30".parse().unwrap()));
        assert!(!is_pre_contract(end, "2026-07-01".parse().unwrap()));
    }
}
