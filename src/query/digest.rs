//! What changed since a date: new rumours, new reports, status changes,
//! grouped by the club each move concerns.

use super::rumours::{Assessor, view};
use crate::model::{MoveKind, Rumour};
use crate::names::fold;
use crate::world::World;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// What kind of change an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    NewRumour,
    Report,
    Status,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DigestItem {
    pub date: NaiveDate,
    pub change: Change,
    pub rumour: String,
    pub player: String,
    /// "Bayern Munich → Real Madrid", "renewal at Liverpool"...
    #[serde(rename = "move")]
    pub move_text: String,
    /// The source of a report, or the new status.
    pub detail: String,
    pub likelihood: u8,
}

/// The changes about one club.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DigestClub {
    pub club: String,
    pub items: Vec<DigestItem>,
}

/// The digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Digest {
    pub since: NaiveDate,
    pub as_of: NaiveDate,
    pub new_rumours: usize,
    pub new_reports: usize,
    pub status_changes: usize,
    pub clubs: Vec<DigestClub>,
}

/// The club a move is filed under: where a transfer goes, else the player's club.
fn home_club<'a>(world: &'a World, rumour: &'a Rumour) -> &'a str {
    let club = match rumour.kind {
        MoveKind::Transfer => rumour.to.as_ref(),
        MoveKind::Renewal | MoveKind::Departure => rumour.from.as_ref().or(rumour.to.as_ref()),
    };
    club.map_or("(no club)", |c| world.club_name(c))
}

/// Every change dated from `since` to `as_of`, both included.
pub fn digest(world: &World, assessor: &Assessor, since: NaiveDate) -> Digest {
    let as_of = assessor.as_of;
    let within = |d: NaiveDate| d >= since && d <= as_of;
    let mut by_club: BTreeMap<String, (String, Vec<DigestItem>)> = BTreeMap::new();
    let (mut new_rumours, mut new_reports, mut status_changes) = (0, 0, 0);
    for rumour in world.rumours.values() {
        let touched = rumour.reports.iter().any(|r| within(r.date))
            || rumour.history.iter().skip(1).any(|h| within(h.date));
        if !touched {
            continue;
        }
        let v = view(world, assessor, rumour);
        let item = |date, change, detail: String| DigestItem {
            date,
            change,
            rumour: v.id.clone(),
            player: v.player.clone(),
            move_text: v.describe_move(),
            detail,
            likelihood: v.likelihood,
        };
        let mut items = Vec::new();
        let is_new = rumour.first_reported().is_some_and(within);
        for (i, report) in rumour
            .reports
            .iter()
            .enumerate()
            .filter(|(_, r)| within(r.date))
        {
            let source = world.source_name(&report.source).to_string();
            if i == 0 && is_new {
                new_rumours += 1;
                items.push(item(report.date, Change::NewRumour, source));
            } else {
                new_reports += 1;
                items.push(item(report.date, Change::Report, source));
            }
        }
        for change in rumour.history.iter().skip(1).filter(|h| within(h.date)) {
            status_changes += 1;
            items.push(item(change.date, Change::Status, change.status.to_string()));
        }
        let club = home_club(world, rumour).to_string();
        by_club
            .entry(fold(&club))
            .or_insert_with(|| (club, Vec::new()))
            .1
            .extend(items);
    }
    let clubs = by_club
        .into_values()
        .map(|(club, mut items)| {
            items.sort_by(|a, b| {
                (a.date, fold(&a.player), a.change).cmp(&(b.date, fold(&b.player), b.change))
            });
            DigestClub { club, items }
        })
        .collect();
    Digest {
        since,
        as_of,
        new_rumours,
        new_reports,
        status_changes,
        clubs,
    }
}
