//! Players whose current contract ends in a given year.

use crate::model::{ClubId, Position};
use crate::names::fold;
use crate::world::World;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Which contracts to list.
#[derive(Debug, Clone, Default)]
pub struct ExpiringFilter {
    pub club: Option<ClubId>,
    pub position: Option<Position>,
    /// Matched against the club's league, accent- and case-insensitively.
    pub league: Option<String>,
}

/// One current contract ending in the year asked about.
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
}

/// The current contracts (permanent, and loans) that end in `year`, sorted by
/// end date, then player name. A player out of contract whose last contract
/// ended that year is listed too: he is a free agent of that year.
pub fn contracts_expiring_in(
    world: &World,
    year: i32,
    filter: &ExpiringFilter,
    as_of: NaiveDate,
) -> Vec<ExpiringRow> {
    let league = filter.league.as_deref().map(fold);
    let mut rows: Vec<ExpiringRow> = world
        .players
        .values()
        .filter(|p| filter.position.is_none_or(|pos| p.position == pos))
        .flat_map(|p| p.current_contracts(as_of).map(move |c| (p, c)))
        .filter(|(_, c)| c.end.year() == year)
        .filter(|(_, c)| filter.club.as_ref().is_none_or(|club| &c.club == club))
        .filter(|(_, c)| {
            league.as_ref().is_none_or(|wanted| {
                world
                    .clubs
                    .get(&c.club)
                    .and_then(|club| club.league.as_deref())
                    .is_some_and(|l| fold(l) == *wanted)
            })
        })
        .map(|(p, c)| ExpiringRow {
            player: p.name.clone(),
            player_id: p.id.to_string(),
            club: world.club_name(&c.club).to_string(),
            club_id: c.club.to_string(),
            position: p.position,
            born: p.born,
            age: p.age_on(as_of),
            contract_end: c.end,
            loan: c.loan,
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.contract_end, fold(&a.player), &a.player_id).cmp(&(
            b.contract_end,
            fold(&b.player),
            &b.player_id,
        ))
    });
    rows
}
