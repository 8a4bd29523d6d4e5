//! Contracts on a time axis: one bar per player, for `contract timeline`.

use super::expiry_horizon;
use crate::model::{ClubId, MoveKind, Position, Status};
use crate::names::{fold, surname_key};
use crate::world::World;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// An open rumour about a player on the timeline, at its latest report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineRumour {
    pub id: String,
    pub date: NaiveDate,
    pub kind: MoveKind,
    pub to: Option<String>,
    pub status: Status,
}

/// One player's current contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineRow {
    pub player: String,
    pub player_id: String,
    pub club: String,
    pub position: Position,
    pub start: Option<NaiveDate>,
    pub end: NaiveDate,
    pub loan: bool,
    /// The contract ends within 12 months of the as-of date.
    pub expiring: bool,
    pub rumours: Vec<TimelineRumour>,
}

/// The timeline: rows and the years the axis spans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timeline {
    pub title: String,
    pub as_of: NaiveDate,
    pub first_year: i32,
    pub last_year: i32,
    pub rows: Vec<TimelineRow>,
    /// Players under a contract whose end is not known: no bar can be drawn.
    pub unknown_end: Vec<String>,
}

/// The contracts players are under on `as_of`, of one club and/or position,
/// by end date then name.
pub fn timeline(
    world: &World,
    club: Option<&ClubId>,
    position: Option<Position>,
    as_of: NaiveDate,
) -> Timeline {
    let horizon = expiry_horizon(as_of);
    let mut unknown_end = Vec::new();
    let mut rows: Vec<TimelineRow> = world
        .players
        .values()
        .filter(|p| position.is_none_or(|pos| p.positions().any(|x| x == pos)))
        .filter_map(|p| {
            let c = p.playing_contract(as_of)?;
            if club.is_some_and(|club| &c.club != club) {
                return None;
            }
            let Some(end) = c.last_day() else {
                unknown_end.push(p.name.clone());
                return None;
            };
            Some(TimelineRow {
                player: p.name.clone(),
                player_id: p.id.to_string(),
                club: world.club_name(&c.club).to_string(),
                position: p.position,
                start: p.start_of(c),
                end,
                loan: c.loan,
                expiring: end <= horizon,
                rumours: world
                    .summaries_of(&p.id)
                    .filter(|r| r.status.is_open())
                    .filter_map(|r| {
                        Some(TimelineRumour {
                            id: r.id.to_string(),
                            date: r.last?,
                            kind: r.kind,
                            to: r.to.as_ref().map(|t| world.club_name(t).to_string()),
                            status: r.status,
                        })
                    })
                    .collect(),
            })
        })
        .collect();
    rows.sort_by_cached_key(|r| (r.end, surname_key(&r.player), r.player_id.clone()));
    let earliest = rows
        .iter()
        .filter_map(|r| r.start)
        .map(|d| d.year())
        .min()
        .unwrap_or(as_of.year() - 2)
        .min(as_of.year() - 1);
    let latest = rows
        .iter()
        .map(|r| r.end.year())
        .max()
        .unwrap_or(as_of.year() + 2)
        .max(as_of.year() + 1);
    let mut title = match club {
        Some(c) => world.club_name(c).to_string(),
        None => "All clubs".to_string(),
    };
    if let Some(pos) = position {
        title.push_str(&format!(", {pos}"));
    }
    Timeline {
        title,
        as_of,
        first_year: earliest,
        last_year: latest,
        rows,
        unknown_end: {
            unknown_end.sort_by_cached_key(|n| fold(n));
            unknown_end
        },
    }
}
