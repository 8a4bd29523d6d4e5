//! What changed since a date: new rumours, new reports, status changes (done
//! deals among them) and contract signings, filed under every club a move
//! concerns: out under the club he leaves, in under the club he joins.

use super::rumours::{Assessor, view};
use crate::model::summary::recount_on;
use crate::model::{ClubId, MoveKind, Rumour, SourceId, TrackRecord};
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
    /// A contract signed (a transfer, a loan, a renewal).
    Signing,
}

/// Which way a move goes for the club it is filed under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The player would join (or joined) this club.
    In,
    /// The player would leave (or left) this club.
    Out,
    /// The player stays: a renewal.
    Stays,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DigestItem {
    pub date: NaiveDate,
    pub change: Change,
    pub side: Side,
    /// The rumour, or null for a contract signed without one.
    pub rumour: Option<String>,
    pub player: String,
    /// "Bayern Munich → Real Madrid", "renewal at Liverpool"...
    #[serde(rename = "move")]
    pub move_text: String,
    /// The source of a report, the new status, or the contract's terms.
    pub detail: String,
    /// The rumour's likelihood; null for a signing without a rumour.
    pub likelihood: Option<u8>,
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
    pub signings: usize,
    pub clubs: Vec<DigestClub>,
}

/// The clubs a move is filed under, with the side it is on for each.
fn sides(rumour: &Rumour) -> Vec<(Option<&ClubId>, Side)> {
    match rumour.kind {
        MoveKind::Transfer => vec![
            (rumour.to.as_ref(), Side::In),
            (rumour.from.as_ref(), Side::Out),
        ],
        MoveKind::Renewal => vec![(rumour.to.as_ref().or(rumour.from.as_ref()), Side::Stays)],
        MoveKind::Departure => vec![(rumour.from.as_ref(), Side::Out)],
    }
}

/// The default start of a digest: a week before the as-of date.
pub fn default_since(as_of: NaiveDate) -> NaiveDate {
    as_of - chrono::Days::new(7)
}

/// The sources' track records as they stood on `day`, from those of the
/// as-of date (`now`): each rumour with something dated after `day` counts as
/// it stood then instead. Those are all in `world` in full: a digest reads
/// every rumour with news since its first day.
fn track_records_on(
    world: &World,
    now: &BTreeMap<SourceId, TrackRecord>,
    day: NaiveDate,
) -> BTreeMap<SourceId, TrackRecord> {
    let later: Vec<&Rumour> = world
        .rumours
        .values()
        .filter(|r| !r.is_final_on(day))
        .collect();
    let mut track = now.clone();
    recount_on(&mut track, &later, day);
    track
}

/// Every change dated from `since` to the as-of date, both included.
pub fn digest(world: &World, assessor: &Assessor, since: NaiveDate) -> Digest {
    let as_of = assessor.as_of;
    let within = |d: NaiveDate| d >= since && d <= as_of;
    let mut tracks: BTreeMap<NaiveDate, BTreeMap<SourceId, TrackRecord>> = BTreeMap::new();
    let mut by_club: BTreeMap<String, (String, Vec<DigestItem>)> = BTreeMap::new();
    let mut file = |club: Option<&ClubId>, item: DigestItem| {
        let name = club.map_or("(no club)", |c| world.club_name(c)).to_string();
        by_club
            .entry(fold(&name))
            .or_insert_with(|| (name, Vec::new()))
            .1
            .push(item);
    };
    let (mut new_rumours, mut new_reports, mut status_changes, mut signings) = (0, 0, 0, 0);
    for rumour in world.rumours.values() {
        let touched = rumour.reports.iter().any(|r| within(r.date))
            || rumour.history.iter().skip(1).any(|h| within(h.date));
        if !touched {
            continue;
        }
        let v = view(world, assessor, rumour);
        let mut items: Vec<(NaiveDate, Change, String)> = Vec::new();
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
                items.push((report.date, Change::NewRumour, source));
            } else {
                new_reports += 1;
                items.push((report.date, Change::Report, source));
            }
        }
        for change in rumour.history.iter().skip(1).filter(|h| within(h.date)) {
            status_changes += 1;
            let fee = change.fee.map_or(String::new(), |f| format!(" ({f})"));
            items.push((
                change.date,
                Change::Status,
                format!("{}{fee}", change.status),
            ));
        }
        // Each item with the likelihood of its own day (its status and
        // reports then, and the sources' track records then), not of the
        // digest's last day: no hindsight.
        let mut on_day = |day: NaiveDate| {
            let track = tracks
                .entry(day)
                .or_insert_with(|| track_records_on(world, &assessor.track, day));
            rumour.as_of(day).map(|r| {
                super::likelihood::likelihood(world, track, &r, day, assessor.cold_days).score
            })
        };
        let likelihoods: Vec<Option<u8>> = items.iter().map(|(d, _, _)| on_day(*d)).collect();
        for (club, side) in sides(rumour) {
            for ((date, change, detail), likelihood) in items.iter().zip(&likelihoods) {
                file(
                    club,
                    DigestItem {
                        date: *date,
                        change: *change,
                        side,
                        rumour: Some(v.id.clone()),
                        player: v.player.clone(),
                        move_text: v.describe_move(),
                        detail: detail.clone(),
                        likelihood: likelihood.or(Some(v.likelihood)),
                    },
                );
            }
        }
    }
    for player in world.players.values() {
        for (i, c) in player.contracts.iter().enumerate() {
            let Some(signed) = c.signed.filter(|d| within(*d)) else {
                continue;
            };
            signings += 1;
            // The club he came from: the one he was at when he signed.
            let before = player.contracts[..i]
                .iter()
                .chain(&player.contracts[i + 1..])
                .find(|o| o.club != c.club && player.in_force_on(o, signed) && o.loan == c.loan)
                .map(|o| o.club.clone())
                .or_else(|| c.signed_from.clone());
            let move_text = match &before {
                Some(from) => format!("{} → {}", world.club_name(from), world.club_name(&c.club)),
                None if player.contracts[..i].iter().any(|o| o.club == c.club) => {
                    format!("renewal at {}", world.club_name(&c.club))
                }
                None => format!("signs for {}", world.club_name(&c.club)),
            };
            let detail = format!(
                "{}until {}{}",
                if c.loan { "loan " } else { "" },
                c.end_text(),
                c.start.map_or(String::new(), |s| format!(", from {s}"))
            );
            let item = |side| DigestItem {
                date: signed,
                change: Change::Signing,
                side,
                rumour: None,
                player: player.name.clone(),
                move_text: move_text.clone(),
                detail: detail.clone(),
                likelihood: None,
            };
            let stays = before.is_none() && move_text.starts_with("renewal");
            file(
                Some(&c.club),
                item(if stays { Side::Stays } else { Side::In }),
            );
            if let Some(from) = &before {
                file(Some(from), item(Side::Out));
            }
        }
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
        signings,
        clubs,
    }
}
