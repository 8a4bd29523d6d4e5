//! Rumours as people read them: names instead of ids, first and last report
//! dates, likelihood, reheated stories and quoted fees.

use super::likelihood::{DEFAULT_COLD_DAYS, Likelihood, TrackRecord, likelihood, track_records};
use crate::model::Conflicts;
use crate::model::{
    ClubId, Fee, MoveKind, PlayerId, Report, Rumour, RumourSummary, Source, SourceId, Stance,
    Status, StatusChange,
};
use crate::names::{fold, surname_key};
use crate::world::World;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Days without a report after which a new report "reheats" a story.
pub const DEFAULT_REHEAT_DAYS: i64 = 60;

/// Everything needed to judge rumours on a day: computed once per command.
pub struct Assessor {
    pub as_of: NaiveDate,
    pub reheat_days: i64,
    /// Days without a report after which an open rumour is cold.
    pub cold_days: i64,
    pub track: BTreeMap<SourceId, TrackRecord>,
}

impl Assessor {
    pub fn new(world: &World, as_of: NaiveDate) -> Assessor {
        Assessor {
            as_of,
            reheat_days: DEFAULT_REHEAT_DAYS,
            cold_days: DEFAULT_COLD_DAYS,
            track: track_records(world),
        }
    }

    /// The rumour's likelihood on the as-of date.
    pub fn likelihood(&self, world: &World, rumour: &Rumour) -> Likelihood {
        likelihood(world, &self.track, rumour, self.as_of, self.cold_days)
    }
}

/// How rumours are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortBy {
    /// Most recently reported first.
    #[default]
    Recent,
    /// Most likely first.
    Likelihood,
    /// By player name.
    Player,
}

/// Which rumours to list.
#[derive(Debug, Clone, Default)]
pub struct RumourFilter {
    pub player: Option<PlayerId>,
    /// A club the move is from or to.
    pub club: Option<ClubId>,
    pub status: Option<Status>,
    /// Only rumours with a report on or after this date.
    pub since: Option<NaiveDate>,
    /// Only rumours this source reported.
    pub source: Option<SourceId>,
    /// Only rumours with a report from a source of this tier or better (1 is best).
    pub min_tier: Option<u8>,
    /// Only rumours still open (rumour, talks, agreed).
    pub open: bool,
    /// Only rumours with a quoted fee (fee plus add-ons) of at least this many euros.
    pub min_fee_eur: Option<f64>,
    pub sort: SortBy,
}

impl RumourFilter {
    /// Whether the filter looks at reports (sources, tiers): every rumour
    /// must then be read in full.
    pub fn needs_reports(&self) -> bool {
        self.source.is_some() || self.min_tier.is_some()
    }
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
    /// The outlet this report only repeats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee: Option<FeeView>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub loan: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub option_to_buy: bool,
    /// The move had gone quiet for the reheat period before this report.
    pub reheated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A fee as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeeView {
    /// As quoted: "€45m+5m".
    pub text: String,
    pub amount: u64,
    pub add_ons: u64,
    pub currency: crate::model::Currency,
    /// Amount plus add-ons in euros (fixed approximate rates).
    pub total_eur: u64,
}

impl From<&Fee> for FeeView {
    fn from(fee: &Fee) -> FeeView {
        FeeView {
            text: fee.to_string(),
            amount: fee.amount,
            add_ons: fee.add_ons,
            currency: fee.currency,
            total_eur: fee.total_eur().round() as u64,
        }
    }
}

/// The fees quoted over a rumour's life.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeeRange {
    pub quotes: usize,
    pub low_eur: u64,
    pub high_eur: u64,
    /// The first and the latest quote, as quoted.
    pub first: String,
    pub latest: String,
    /// The player's market value in euros, where known.
    pub market_value: Option<u64>,
    /// low and high as a share of the market value (1.0 = at value).
    pub low_vs_market: Option<f64>,
    pub high_vs_market: Option<f64>,
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
    /// 0–100: how likely the move is, see `likelihood_explained`.
    pub likelihood: u8,
    pub likelihood_explained: String,
    /// Still open, but no report for the cold period (see `Assessor::cold_days`).
    pub cold: bool,
    /// Different sources reporting on their own account (reports `via`
    /// another outlet do not count), whichever way they report.
    pub independent_sources: usize,
    /// A report came after the reheat period of silence.
    pub reheated: bool,
    pub fees: Option<FeeRange>,
    pub reports: Vec<ReportView>,
    pub history: Vec<HistoryView>,
    /// Fields left conflicted by a git merge (see `mercato conflicts`); the
    /// values above are the current branch's meanwhile.
    #[serde(skip_serializing_if = "Conflicts::is_empty")]
    pub conflicts: Conflicts,
}

/// A status change as shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryView {
    pub date: NaiveDate,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The fee announced with a done deal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee: Option<FeeView>,
}

impl RumourView {
    /// "Bayern Munich → Real Madrid", "renewal at Liverpool", "leaving Real Madrid".
    pub fn describe_move(&self) -> String {
        self.kind.describe(self.from.as_deref(), self.to.as_deref())
    }
}

/// For each report of the rumour, whether it broke a silence of at least
/// `days` on this move (counting earlier, closed rumours of the same move).
pub fn reheated_reports(world: &World, rumour: &Rumour, days: i64) -> Vec<bool> {
    let earlier_last = world
        .rumours_of(&rumour.player)
        .filter(|r| {
            r.id != rumour.id && r.is_same_move(&rumour.player, rumour.kind, rumour.to.as_ref())
        })
        .flat_map(|r| r.reports.iter().map(|x| x.date))
        .collect::<Vec<_>>();
    let mut previous: Option<NaiveDate> = None;
    rumour
        .reports
        .iter()
        .map(|r| {
            let before =
                previous.or_else(|| earlier_last.iter().copied().filter(|d| *d < r.date).max());
            previous = Some(r.date);
            before.is_some_and(|b| (r.date - b).num_days() >= days)
        })
        .collect()
}

fn fee_range(world: &World, rumour: &Rumour, as_of: NaiveDate) -> Option<FeeRange> {
    let quotes: Vec<(&Report, &Fee)> = rumour
        .reports
        .iter()
        .filter(|r| r.date <= as_of)
        .filter_map(|r| r.fee.as_ref().map(|f| (r, f)))
        .collect();
    let (first, latest) = (quotes.first()?, quotes.last()?);
    let totals: Vec<f64> = quotes.iter().map(|(_, f)| f.total_eur()).collect();
    let low = totals.iter().copied().fold(f64::INFINITY, f64::min);
    let high = totals.iter().copied().fold(0.0, f64::max);
    let market_value = world
        .players
        .get(&rumour.player)
        .and_then(|p| p.market_value);
    let share = |x: f64| {
        market_value
            .filter(|v| *v > 0)
            .map(|v| (x / v as f64 * 100.0).round() / 100.0)
    };
    Some(FeeRange {
        quotes: quotes.len(),
        low_eur: low.round() as u64,
        high_eur: high.round() as u64,
        first: first.1.to_string(),
        latest: latest.1.to_string(),
        market_value,
        low_vs_market: share(low),
        high_vs_market: share(high),
    })
}

/// Different sources among the reports that do not repeat another outlet.
pub fn independent_sources(rumour: &Rumour) -> usize {
    let sources: std::collections::BTreeSet<&SourceId> = rumour
        .reports
        .iter()
        .filter(|r| r.via.is_none())
        .map(|r| &r.source)
        .collect();
    sources.len()
}

/// The view of one rumour.
pub fn view(world: &World, assessor: &Assessor, rumour: &Rumour) -> RumourView {
    let club = |id: &Option<ClubId>| id.as_ref().map(|c| world.club_name(c).to_string());
    let reheated = reheated_reports(world, rumour, assessor.reheat_days);
    let likelihood = assessor.likelihood(world, rumour);
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
        likelihood: likelihood.score,
        likelihood_explained: likelihood.explanation,
        cold: likelihood.cold,
        independent_sources: independent_sources(rumour),
        reheated: reheated.iter().any(|r| *r),
        fees: fee_range(world, rumour, assessor.as_of),
        conflicts: rumour.conflicts.clone(),
        reports: rumour
            .reports
            .iter()
            .zip(&reheated)
            .map(|(r, reheated)| ReportView {
                date: r.date,
                source: world.source_name(&r.source).to_string(),
                source_id: r.source.to_string(),
                tier: world.sources.get(&r.source).and_then(|s| s.tier),
                stance: r.stance,
                via: r.via.as_ref().map(|v| world.source_name(v).to_string()),
                fee: r.fee.as_ref().map(FeeView::from),
                loan: r.loan,
                option_to_buy: r.option_to_buy,
                reheated: *reheated,
                note: r.note.clone(),
                url: r.url.clone(),
            })
            .collect(),
        history: rumour
            .history
            .iter()
            .map(|h: &StatusChange| HistoryView {
                date: h.date,
                status: h.status,
                note: h.note.clone(),
                source: h.source.as_ref().map(|s| world.source_name(s).to_string()),
                fee: h.fee.as_ref().map(FeeView::from),
            })
            .collect(),
    }
}

/// The rumours that pass the filter, judged on their summaries: the command
/// then reads these rumours in full before [`list`] draws them.
pub fn matching(world: &World, filter: &RumourFilter) -> Vec<RumourSummary> {
    // Sources are not in the summaries: the filters on them look at the
    // reports, so the command reads the shards in full first when they are used.
    world
        .summaries()
        .filter(|r| {
            let reports = world.rumours.get(&r.id).map(|full| &full.reports[..]);
            filter.passes(r, reports, &world.sources)
        })
        .cloned()
        .collect()
}

impl RumourFilter {
    /// Whether a rumour read in full passes, as [`matching`] judges it (for
    /// a command that goes through the shards one at a time).
    pub fn accepts(&self, rumour: &Rumour, sources: &BTreeMap<SourceId, Source>) -> bool {
        self.passes(&RumourSummary::of(rumour), Some(&rumour.reports), sources)
    }

    /// The filter, on a summary and (if read) the reports.
    fn passes(
        &self,
        r: &RumourSummary,
        reports: Option<&[Report]>,
        sources: &BTreeMap<SourceId, Source>,
    ) -> bool {
        let tier_ok = || {
            self.min_tier.is_none_or(|wanted| {
                reports.is_some_and(|reports| {
                    reports.iter().any(|rep| {
                        sources
                            .get(&rep.source)
                            .and_then(|s| s.tier)
                            .is_some_and(|t| t <= wanted)
                    })
                })
            })
        };
        self.player.as_ref().is_none_or(|p| &r.player == p)
            && self.club.as_ref().is_none_or(|c| r.is_about_club(c))
            && self.status.is_none_or(|s| r.status == s)
            && (!self.open || r.status.is_open())
            && self
                .since
                .is_none_or(|since| r.last.is_some_and(|d| d >= since))
            && self
                .source
                .as_ref()
                .is_none_or(|s| reports.is_some_and(|reps| reps.iter().any(|rep| &rep.source == s)))
            && tier_ok()
            && self
                .min_fee_eur
                .is_none_or(|min| r.max_fee_eur.is_some_and(|f| f >= min))
    }
}

/// The rumours that pass the filter, in the order asked for. They must have
/// been read in full (see [`matching`]).
pub fn list(world: &World, assessor: &Assessor, filter: &RumourFilter) -> Vec<RumourView> {
    let rumours: Vec<&Rumour> = matching(world, filter)
        .iter()
        .filter_map(|s| world.rumours.get(&s.id))
        .collect();
    let mut views: Vec<RumourView> = rumours
        .into_iter()
        .map(|r| view(world, assessor, r))
        .collect();
    match filter.sort {
        SortBy::Recent => views.sort_by_cached_key(|v| {
            (
                std::cmp::Reverse(v.last_reported),
                fold(&v.player),
                v.id.clone(),
            )
        }),
        SortBy::Likelihood => views.sort_by_cached_key(|v| {
            (
                std::cmp::Reverse(v.likelihood),
                std::cmp::Reverse(v.last_reported),
                fold(&v.player),
                v.id.clone(),
            )
        }),
        SortBy::Player => views.sort_by_cached_key(|v| {
            (
                surname_key(&v.player),
                std::cmp::Reverse(v.last_reported),
                v.id.clone(),
            )
        }),
    }
    views
}
