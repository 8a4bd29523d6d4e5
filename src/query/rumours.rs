//! Rumours as people read them: names instead of ids, first and last report dates.

use crate::model::{ClubId, MoveKind, PlayerId, Rumour, Stance, Status, StatusChange};
use crate::names::fold;
use crate::world::World;
use chrono::NaiveDate;
use serde::Serialize;

/// Which rumours to list.
#[derive(Debug, Clone, Default)]
pub struct RumourFilter {
    pub player: Option<PlayerId>,
    /// A club the move is from or to.
    pub club: Option<ClubId>,
    pub status: Option<Status>,
    /// Only rumours with a report on or after this date.
    pub since: Option<NaiveDate>,
}

/// A report as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportView {
    pub date: NaiveDate,
    pub source: String,
    pub source_id: String,
    /// The source's tier, 1 (official) to 5 (gossip); null when unknown.
    pub tier: Option<u8>,
    pub stance: Stance,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A rumour as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RumourView {
    pub id: String,
    pub player: String,
    pub player_id: String,
    pub kind: MoveKind,
    pub from: Option<String>,
    pub from_id: Option<String>,
    /// The destination: the same club for a renewal, null for a departure.
    pub to: Option<String>,
    pub to_id: Option<String>,
    pub status: Status,
    pub first_reported: Option<NaiveDate>,
    pub last_reported: Option<NaiveDate>,
    /// How many different sources reported it.
    pub sources: usize,
    pub reports: Vec<ReportView>,
    pub history: Vec<StatusChange>,
}

impl RumourView {
    /// "Bayern Munich → Real Madrid", "renewal at Liverpool", "leaving Real Madrid".
    pub fn describe_move(&self) -> String {
        let from = self.from.as_deref().unwrap_or("(no club)");
        match self.kind {
            MoveKind::Transfer => format!("{from} → {}", self.to.as_deref().unwrap_or("?")),
            MoveKind::Renewal => format!("renewal at {}", self.to.as_deref().unwrap_or(from)),
            MoveKind::Departure => format!("leaving {from}"),
        }
    }
}

/// The view of one rumour.
pub fn view(world: &World, rumour: &Rumour) -> RumourView {
    let club = |id: &Option<ClubId>| id.as_ref().map(|c| world.club_name(c).to_string());
    RumourView {
        id: rumour.id.to_string(),
        player: world.player_name(&rumour.player).to_string(),
        player_id: rumour.player.to_string(),
        kind: rumour.kind,
        from: club(&rumour.from),
        from_id: rumour.from.as_ref().map(ToString::to_string),
        to: club(&rumour.to),
        to_id: rumour.to.as_ref().map(ToString::to_string),
        status: rumour.status,
        first_reported: rumour.first_reported(),
        last_reported: rumour.last_reported(),
        sources: rumour.source_count(),
        reports: rumour
            .reports
            .iter()
            .map(|r| ReportView {
                date: r.date,
                source: world.source_name(&r.source).to_string(),
                source_id: r.source.to_string(),
                tier: world.sources.get(&r.source).and_then(|s| s.tier),
                stance: r.stance,
                note: r.note.clone(),
                url: r.url.clone(),
            })
            .collect(),
        history: rumour.history.clone(),
    }
}

/// The rumours that pass the filter, most recently reported first.
pub fn list(world: &World, filter: &RumourFilter) -> Vec<RumourView> {
    let mut rumours: Vec<&Rumour> = world
        .rumours
        .values()
        .filter(|r| filter.player.as_ref().is_none_or(|p| &r.player == p))
        .filter(|r| filter.club.as_ref().is_none_or(|c| r.is_about_club(c)))
        .filter(|r| filter.status.is_none_or(|s| r.status == s))
        .filter(|r| {
            filter
                .since
                .is_none_or(|since| r.last_reported().is_some_and(|d| d >= since))
        })
        .collect();
    rumours.sort_by_cached_key(|r| {
        (
            std::cmp::Reverse(r.last_reported()),
            fold(world.player_name(&r.player)),
            r.id.clone(),
        )
    });
    rumours.into_iter().map(|r| view(world, r)).collect()
}
