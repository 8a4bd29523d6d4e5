//! A rumour without its reports: what list filters, depth charts, expiring
//! contracts and track records need. Kept for every rumour in memory (and
//! cached on disk), while full rumours are read only for the players a
//! command is about.

use super::ids::{ClubId, PlayerId, RumourId, SourceId};
use super::rumour::{MoveKind, Rumour, Status};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One source's part in a rumour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vote {
    pub source: SourceId,
    /// How many reports it made.
    pub reports: u32,
    /// Whether its latest report was for the move.
    pub latest_for: bool,
    /// Whether all its reports only repeat another outlet (`--via`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub only_via: bool,
}

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
    pub reports: u32,
    pub votes: Vec<Vote>,
    /// The highest fee quoted (fee plus add-ons, euros).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_fee_eur: Option<f64>,
}

impl RumourSummary {
    /// Summarizes a rumour.
    pub fn of(rumour: &Rumour) -> RumourSummary {
        let mut votes: Vec<Vote> = Vec::new();
        for r in &rumour.reports {
            match votes.iter_mut().find(|v| v.source == r.source) {
                Some(v) => {
                    v.reports += 1;
                    v.latest_for = r.stance.is_for();
                    v.only_via &= r.via.is_some();
                }
                None => votes.push(Vote {
                    source: r.source.clone(),
                    reports: 1,
                    latest_for: r.stance.is_for(),
                    only_via: r.via.is_some(),
                }),
            }
        }
        RumourSummary {
            id: rumour.id.clone(),
            player: rumour.player.clone(),
            kind: rumour.kind,
            from: rumour.from.clone(),
            to: rumour.to.clone(),
            status: rumour.status,
            first: rumour.first_reported(),
            last: rumour.last_reported(),
            reports: u32::try_from(rumour.reports.len()).unwrap_or(u32::MAX),
            votes,
            max_fee_eur: rumour
                .reports
                .iter()
                .filter_map(|r| r.fee.as_ref().map(|f| f.total_eur()))
                .reduce(f64::max),
        }
    }

    /// How many different sources reported it.
    pub fn source_count(&self) -> usize {
        self.votes.len()
    }

    /// Whether the move concerns this club (from or to).
    pub fn is_about_club(&self, club: &ClubId) -> bool {
        self.from.as_ref() == Some(club) || self.to.as_ref() == Some(club)
    }
}
