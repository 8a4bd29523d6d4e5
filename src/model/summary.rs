//! A rumour without its reports: what list filters, depth charts and
//! expiring contracts need; and the track record of sources over a set of
//! rumours. Summaries of every rumour are kept in memory (and cached on
//! disk), while full rumours are read only for the players a command is about.

use super::ids::{ClubId, PlayerId, RumourId, SourceId};
use super::rumour::MoveKind;
use super::rumour::{Report, Rumour, Status};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A rumour in brief.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RumourSummary {
    pub id: RumourId,
    pub player: PlayerId,
    pub kind: MoveKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<ClubId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<ClubId>,
    pub status: Status,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
    /// The day of the latest status change: with `last`, it tells whether
    /// the summary holds for an earlier as-of date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<NaiveDate>,
    pub reports: u32,
    /// How many different sources reported it.
    pub sources: u32,
    /// The highest fee quoted (fee plus add-ons, euros).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_fee_eur: Option<f64>,
}

impl RumourSummary {
    /// Summarizes a rumour.
    pub fn of(rumour: &Rumour) -> RumourSummary {
        RumourSummary {
            id: rumour.id.clone(),
            player: rumour.player.clone(),
            kind: rumour.kind,
            from: rumour.from.clone(),
            to: rumour.to.clone(),
            status: rumour.status,
            first: rumour.first_reported(),
            last: rumour.last_reported(),
            changed: rumour.last_changed(),
            reports: u32::try_from(rumour.reports.len()).unwrap_or(u32::MAX),
            sources: u32::try_from(rumour.source_count()).unwrap_or(u32::MAX),
            max_fee_eur: rumour
                .reports
                .iter()
                .filter_map(|r| r.fee.as_ref().map(|f| f.total_eur()))
                .reduce(f64::max),
        }
    }

    /// Whether the rumour looks on `day` as it does now (nothing dated later):
    /// if not, it must be read in full to be seen as of that day.
    pub fn is_final_on(&self, day: NaiveDate) -> bool {
        self.last.is_none_or(|d| d <= day) && self.changed.is_none_or(|d| d <= day)
    }

    /// Whether the move concerns this club (from or to).
    pub fn is_about_club(&self, club: &ClubId) -> bool {
        self.from.as_ref() == Some(club) || self.to.as_ref() == Some(club)
    }
}

/// What a source's reports turned into.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackRecord {
    /// Every report it made.
    pub reports: usize,
    /// Settled rumours it called right (for a move that was done, against one that fell through).
    pub hits: usize,
    /// Settled rumours it called wrong.
    pub misses: usize,
}

impl TrackRecord {
    /// hits / (hits + misses); none before any rumour it reported was settled.
    pub fn hit_rate(&self) -> Option<f64> {
        let settled = self.hits + self.misses;
        (settled > 0).then(|| self.hits as f64 / settled as f64)
    }

    /// Adds another record to this one.
    pub fn add(&mut self, other: &TrackRecord) {
        self.reports += other.reports;
        self.hits += other.hits;
        self.misses += other.misses;
    }
}

/// The track records earned over some rumours. A source is judged once per
/// rumour, by its latest report on it: a report for a move that was done is
/// a hit, for one that fell through a miss (a report against, the reverse).
pub fn tally<'a>(rumours: impl IntoIterator<Item = &'a Rumour>) -> BTreeMap<SourceId, TrackRecord> {
    let mut records: BTreeMap<SourceId, TrackRecord> = BTreeMap::new();
    for rumour in rumours {
        let mut latest: BTreeMap<&SourceId, &Report> = BTreeMap::new();
        for report in &rumour.reports {
            records.entry(report.source.clone()).or_default().reports += 1;
            latest.insert(&report.source, report);
        }
        let happened = match rumour.status {
            Status::Done => true,
            Status::Off | Status::Denied => false,
            _ => continue,
        };
        for (source, report) in latest {
            let record = records.entry(source.clone()).or_default();
            if report.stance.is_for() == happened {
                record.hits += 1;
            } else {
                record.misses += 1;
            }
        }
    }
    records
}
