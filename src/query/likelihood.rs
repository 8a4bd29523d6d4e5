//! How likely an open rumour is to happen, as a 0–100 score with its reasons,
//! and how reliable each source has turned out to be.
//!
//! The formula (documented in the README):
//! 1. Each source's *weight* starts from its tier (1: 0.90, 2: 0.70, 3: 0.50,
//!    4: 0.30, 5: 0.15, unknown: 0.25) and learns from outcomes: with `h` hits
//!    and `m` misses, weight = (4 × tier weight + h) / (4 + h + m).
//! 2. Only *independent* reports count: a report that repeats another outlet
//!    (`--via`) adds nothing. Each independent source counts once, with its
//!    latest report, decayed by age: × 0.5^(days / 30).
//! 3. Evidence for = 1 − Π(1 − weight) over the sources reporting for the
//!    move; evidence against likewise over the sources reporting against it.
//! 4. The stage sets the base: rumour 10, talks 35, agreed 70.
//!    score = base + (95 − base) × for × (1 − against) − base × against / 2,
//!    rounded and kept within 1..99. Done is 100; off and denied are 0.

use crate::model::{Report, Rumour, SourceId, Stance, Status};
use crate::world::World;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The prior weight of a tier.
pub fn tier_weight(tier: Option<u8>) -> f64 {
    match tier {
        Some(1) => 0.90,
        Some(2) => 0.70,
        Some(3) => 0.50,
        Some(4) => 0.30,
        Some(5) => 0.15,
        _ => 0.25,
    }
}

/// How strongly the tier prior holds against observed outcomes, in reports.
const PRIOR_STRENGTH: f64 = 4.0;
/// Days for a report's weight to halve.
const HALF_LIFE_DAYS: f64 = 30.0;

pub use crate::model::TrackRecord;

/// Every source's track record, over every rumour (see [`crate::model::summary::tally`]).
pub fn track_records(world: &World) -> BTreeMap<SourceId, TrackRecord> {
    let mut records: BTreeMap<SourceId, TrackRecord> = world
        .sources
        .keys()
        .map(|id| (id.clone(), TrackRecord::default()))
        .collect();
    for (source, record) in world.track_records() {
        records.entry(source).or_default().add(&record);
    }
    records
}

/// A score with what went into it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Likelihood {
    /// 0 (fell through) to 100 (done).
    pub score: u8,
    /// Different sources reporting for the move on their own account.
    pub independent_sources: usize,
    /// The best (lowest) tier among them.
    pub best_tier: Option<u8>,
    /// Days from the latest report to the as-of date.
    pub days_since_last_report: Option<i64>,
    /// Reports saying the move will not happen.
    pub against: usize,
    /// Reports that only repeat another outlet.
    pub repeated: usize,
    /// The score in words.
    pub explanation: String,
}

/// Scores a rumour as of `as_of`; reports dated later are not known yet.
pub fn likelihood(
    world: &World,
    track: &BTreeMap<SourceId, TrackRecord>,
    rumour: &Rumour,
    as_of: NaiveDate,
) -> Likelihood {
    let known: Vec<&Report> = rumour.reports.iter().filter(|r| r.date <= as_of).collect();
    let weight = |source: &SourceId| {
        let tier = world.sources.get(source).and_then(|s| s.tier);
        let record = track.get(source).cloned().unwrap_or_default();
        (PRIOR_STRENGTH * tier_weight(tier) + record.hits as f64)
            / (PRIOR_STRENGTH + (record.hits + record.misses) as f64)
    };
    // Each independent source once, with its latest report.
    let mut latest: BTreeMap<(&SourceId, Stance), NaiveDate> = BTreeMap::new();
    for r in known.iter().filter(|r| r.via.is_none()) {
        let day = latest.entry((&r.source, r.stance)).or_insert(r.date);
        *day = (*day).max(r.date);
    }
    let evidence = |stance: Stance| {
        1.0 - latest
            .iter()
            .filter(|((_, s), _)| *s == stance)
            .map(|((source, _), day)| {
                let age = (as_of - *day).num_days().max(0) as f64;
                1.0 - weight(source) * 0.5_f64.powf(age / HALF_LIFE_DAYS)
            })
            .product::<f64>()
    };
    let for_sources: BTreeSet<&SourceId> = latest
        .keys()
        .filter(|(_, s)| *s == Stance::For)
        .map(|(id, _)| *id)
        .collect();
    let best_tier = for_sources
        .iter()
        .filter_map(|id| world.sources.get(*id).and_then(|s| s.tier))
        .min();
    let against = known.iter().filter(|r| r.stance == Stance::Against).count();
    let repeated = known.iter().filter(|r| r.via.is_some()).count();
    let last = known.iter().map(|r| r.date).max();
    let days_since_last_report = last.map(|d| (as_of - d).num_days());
    let (p_for, p_against) = (evidence(Stance::For), evidence(Stance::Against));
    let score = match rumour.status {
        Status::Done => 100,
        Status::Off | Status::Denied => 0,
        stage => {
            let base = match stage {
                Status::Agreed => 70.0,
                Status::Talks => 35.0,
                _ => 10.0,
            };
            let raw = base + (95.0 - base) * p_for * (1.0 - p_against) - base * p_against / 2.0;
            raw.round().clamp(1.0, 99.0) as u8
        }
    };
    let mut facts = Vec::new();
    match rumour.status {
        Status::Done => facts.push("done: the move is official".to_string()),
        Status::Off => facts.push("off: the move fell through".to_string()),
        Status::Denied => facts.push("denied by a party to the move".to_string()),
        stage => {
            facts.push(format!("{stage} stage"));
            let names: Vec<String> = for_sources
                .iter()
                .map(|id| {
                    let source = world.sources.get(*id);
                    let tier = source
                        .and_then(|s| s.tier)
                        .map_or("tier unknown".to_string(), |t| format!("tier {t}"));
                    let rate = track
                        .get(*id)
                        .and_then(TrackRecord::hit_rate)
                        .map(|r| format!(", {:.0}% right", r * 100.0))
                        .unwrap_or_default();
                    format!("{} ({tier}{rate})", world.source_name(id))
                })
                .collect();
            facts.push(match names.len() {
                0 => "no independent source".to_string(),
                1 => format!("1 independent source: {}", names[0]),
                n => format!("{n} independent sources: {}", names.join(", ")),
            });
            if let Some(tier) = best_tier {
                facts.push(format!("best tier {tier}"));
            }
            if let Some(days) = days_since_last_report {
                facts.push(match days {
                    0 => "last report today".to_string(),
                    1 => "last report 1 day ago".to_string(),
                    d => format!("last report {d} days ago"),
                });
            }
            if against > 0 {
                facts.push(format!("{against} against"));
            }
            if repeated > 0 {
                facts.push(format!(
                    "{repeated} repeated via another outlet (not counted)"
                ));
            }
        }
    }
    Likelihood {
        score,
        independent_sources: for_sources.len(),
        best_tier,
        days_since_last_report,
        against,
        repeated,
        explanation: format!("{} → {score}", facts.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_order_weights() {
        let weights: Vec<f64> = [1, 2, 3, 4, 5]
            .iter()
            .map(|t| tier_weight(Some(*t)))
            .collect();
        assert!(weights.windows(2).all(|w| w[0] > w[1]));
        assert!(tier_weight(None) > tier_weight(Some(5)));
    }

    #[test]
    fn hit_rate_needs_settled_rumours() {
        let mut r = TrackRecord::default();
        assert_eq!(r.hit_rate(), None);
        r.hits = 3;
        r.misses = 1;
        assert_eq!(r.hit_rate(), Some(0.75));
    }
}
