//! How likely an open rumour is to happen, as a 0–100 score with its reasons,
//! and how reliable each source has turned out to be.
//!
//! The rule (documented in the README; every constant is below, with where it
//! comes from):
//! 1. Each source's *weight* starts from its tier ([`tier_weight`]) and learns
//!    from outcomes: with `h` hits and `m` misses,
//!    weight = (4 × tier weight + h) / (4 + h + m).
//! 2. Only *independent* reports count: a report that repeats another outlet
//!    (`--via`) adds nothing. Each independent source counts once, with its
//!    latest report, decayed by age: × 0.5^(days / 30).
//! 3. Evidence for = 1 − Π(1 − weight) over the sources reporting for the
//!    move; evidence against likewise over the sources reporting against it.
//! 4. The stage sets a band ([`band`]): rumour 1–50, talks 10–75, agreed
//!    60–95; done is 100, off and denied 0. Within the band,
//!    score = low + (high − low) × for × (1 − against), rounded: no source
//!    can lift a rumour above its stage's ceiling or sink it below its floor.
//! 5. An open rumour with no report for [`DEFAULT_COLD_DAYS`] (or the
//!    command's `--cold-days`) is *cold*: it scores its band's floor.

use crate::model::{Report, Rumour, SourceId, Stance, Status};
use crate::world::World;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

// Where the constants come from. They are editorial judgments, not fitted
// parameters: mercato has no outcome data of its own to fit them to. What
// they were checked against is published conversion rates of newspaper
// transfer rumours (the share of reported moves that happened):
// - BBC Sport, "How accurate is transfer gossip?"
//   (https://www.bbc.co.uk/sport/football/37975118): of almost 800 rumours in
//   its gossip column over one summer window, just over one in three
//   happened.
// - Football Transfer League's tallies of resolved rumours since the 2006
//   summer window (https://www.footballtransferleague.co.uk/sources/newspapers):
//   the Guardian 445 of 1,151 (39%), the Times 30%, the Daily Mail 24%, the
//   Daily Mirror 22%, the Daily Star 20%.
// The tiers themselves follow the fan-made "tier 1–5" reliability lists
// (tier 1: the club or a journalist it briefs; tier 5: aggregators and
// gossip), which rank outlets but publish no hit rates; which tier an outlet
// gets is the user's call (`source set --tier`).

/// The prior weight of a tier: how much one fresh, independent report from a
/// source of that tier counts, before its own track record is known.
/// Judgment calls, ordered by tier. On the rumour band they give a single
/// fresh report 45 (tier 1), 35 (tier 2), 26 (tier 3), 16 (tier 4) and 8
/// (tier 5): a broadsheet-grade tier 2 near the 30–40% published for the
/// Guardian and the Times, tabloid-grade tiers 3–4 near their 20–24%.
/// An unknown tier is treated as slightly better than gossip.
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

/// How strongly the tier prior holds against observed outcomes, in settled
/// rumours: a judgment call, so that one lucky or unlucky call moves a
/// source's weight by at most a fifth of the way and about four settled
/// rumours weigh as much as the tier.
const PRIOR_STRENGTH: f64 = 4.0;

/// Days for a report's weight to halve. A judgment call: a month without news
/// is a long time inside a transfer window (the summer window of the big
/// leagues runs two to three months, the winter one a month).
const HALF_LIFE_DAYS: f64 = 30.0;

/// Days without a report after which an open rumour is *cold*: it scores its
/// band's floor and is no longer a target in `club depth`. A judgment call:
/// about four months, longer than a whole summer window, by which time a
/// report has decayed to a sixteenth of its weight. `--cold-days` changes it.
pub const DEFAULT_COLD_DAYS: i64 = 120;

/// The lowest and highest score a rumour can get at one stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Band {
    pub low: u8,
    pub high: u8,
}

/// Rumour: 1–50. The ceiling sits above the best published conversion rates
/// of newspaper rumours (a third overall, at most about 40% for the most
/// reliable paper; see above): however many sources repeat a rumour, it is at
/// best a coin toss until the clubs are known to talk. The floor is 1, not 0,
/// because 0 means the move fell through.
pub const RUMOUR_BAND: Band = Band { low: 1, high: 50 };

/// Talks: 10–75. A judgment call; we know of no published rate at which
/// reported negotiations end in a transfer. Negotiations make a move more
/// likely than a bare rumour, but they break down often enough (fee, wages,
/// a rival bid) that even well-sourced talks stay below a well-sourced
/// agreement (and may pass a thinly sourced one).
pub const TALKS_BAND: Band = Band { low: 10, high: 75 };

/// Agreed: 60–95. A judgment call: agreed deals usually happen, so an
/// agreement starts above every rumour, but some still collapse at the
/// medical or over personal terms, so only `done` reaches 100.
pub const AGREED_BAND: Band = Band { low: 60, high: 95 };

/// The band of a stage; settled stages are a single point.
pub fn band(status: Status) -> Band {
    match status {
        Status::Rumour => RUMOUR_BAND,
        Status::Talks => TALKS_BAND,
        Status::Agreed => AGREED_BAND,
        Status::Done => Band {
            low: 100,
            high: 100,
        },
        Status::Off | Status::Denied => Band { low: 0, high: 0 },
    }
}

/// Whether a rumour has gone cold on `as_of`: still open, and its latest news
/// known on `as_of` (a report or a status change, which someone recorded
/// because they heard something) is at least `cold_days` old.
pub fn is_cold(
    status: Status,
    last_news: Option<NaiveDate>,
    as_of: NaiveDate,
    cold_days: i64,
) -> bool {
    status.is_open() && last_news.is_some_and(|d| (as_of - d).num_days() >= cold_days)
}

/// The score for a stage, given `support` (0–1: the evidence for the move,
/// discounted by the evidence against it). A cold rumour gets the floor.
fn score_in_band(status: Status, support: f64, cold: bool) -> u8 {
    let Band { low, high } = band(status);
    if cold || support.is_nan() {
        return low;
    }
    let spread = f64::from(high - low) * support.clamp(0.0, 1.0);
    (f64::from(low) + spread).round() as u8
}

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
    /// 0 (fell through) to 100 (done), within the band of the stage.
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
    /// Open, with no report for the cold period.
    pub cold: bool,
    /// The score in words.
    pub explanation: String,
}

/// Scores a rumour as of `as_of`; reports dated later are not known yet. The
/// rumour is cold after `cold_days` without a report.
pub fn likelihood(
    world: &World,
    track: &BTreeMap<SourceId, TrackRecord>,
    rumour: &Rumour,
    as_of: NaiveDate,
    cold_days: i64,
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
    let last_change = rumour
        .history
        .iter()
        .map(|h| h.date)
        .filter(|d| *d <= as_of)
        .max();
    let cold = is_cold(rumour.status, last.max(last_change), as_of, cold_days);
    let (p_for, p_against) = (evidence(Stance::For), evidence(Stance::Against));
    let score = score_in_band(rumour.status, p_for * (1.0 - p_against), cold);
    let mut facts = Vec::new();
    match rumour.status {
        Status::Done => facts.push("done: the move is official".to_string()),
        Status::Off => facts.push("off: the move fell through".to_string()),
        Status::Denied => facts.push("denied by a party to the move".to_string()),
        stage @ (Status::Rumour | Status::Talks | Status::Agreed) => {
            let Band { low, high } = band(stage);
            facts.push(format!("{stage} stage (band {low}–{high})"));
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
            if cold {
                facts.push(format!(
                    "cold (no report or status change for {} or more): the band's floor",
                    crate::english::count(usize::try_from(cold_days).unwrap_or(0), "day")
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
        cold,
        explanation: format!("{} → {score}", facts.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MoveKind, Source, StatusChange};
    use proptest::prelude::*;

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    /// A world with one source per tier: "t1".."t5", and "t0" of unknown tier.
    fn world() -> World {
        let mut world = World::default();
        for tier in 0..=5u8 {
            let id = format!("t{tier}");
            let mut source = Source::new(SourceId::from(id.as_str()), &id);
            source.tier = (tier > 0).then_some(tier);
            world.put_source(source);
        }
        world
    }

    fn report(date: NaiveDate, source: &str, stance: Stance, via: Option<&str>) -> Report {
        Report {
            date,
            source: SourceId::from(source),
            stance,
            via: via.map(SourceId::from),
            fee: None,
            loan: false,
            option_to_buy: false,
            note: None,
            url: None,
        }
    }

    fn rumour(status: Status, reports: Vec<Report>) -> Rumour {
        let history = reports
            .first()
            .map(|r| StatusChange {
                date: r.date,
                status,
                note: None,
                source: Some(r.source.clone()),
                fee: None,
            })
            .into_iter()
            .collect();
        Rumour {
            id: "r1".into(),
            player: "p".into(),
            kind: MoveKind::Transfer,
            from: Some("a".into()),
            to: Some("b".into()),
            status,
            reports,
            history,
            conflicts: Default::default(),
        }
    }

    fn score_of(status: Status, reports: Vec<Report>, as_of: &str) -> Likelihood {
        let world = world();
        let track = track_records(&world);
        likelihood(
            &world,
            &track,
            &rumour(status, reports),
            day(as_of),
            DEFAULT_COLD_DAYS,
        )
    }

    #[test]
    fn one_tier_two_rumour_scores_well_under_an_agreed_deal() {
        let today = day("2025-10-20");
        let rumour = score_of(
            Status::Rumour,
            vec![report(today, "t2", Stance::For, None)],
            "2025-10-20",
        );
        let agreed = score_of(Status::Agreed, Vec::new(), "2025-10-20");
        assert_eq!(rumour.score, 35, "{}", rumour.explanation);
        assert_eq!(agreed.score, AGREED_BAND.low, "{}", agreed.explanation);
        assert!(rumour.score + 20 <= agreed.score);
        // Even every tier-1 source at once keeps a rumour at or under 50.
        let loud = score_of(
            Status::Rumour,
            (0..5)
                .map(|_| report(today, "t1", Stance::For, None))
                .chain([report(today, "t2", Stance::For, None)])
                .collect(),
            "2025-10-20",
        );
        assert!(loud.score <= RUMOUR_BAND.high, "{}", loud.explanation);
    }

    #[test]
    fn a_single_fresh_report_scores_by_tier_as_documented() {
        let scores: Vec<u8> = (1..=5)
            .map(|tier| {
                let source = format!("t{tier}");
                score_of(
                    Status::Rumour,
                    vec![report(day("2025-10-20"), &source, Stance::For, None)],
                    "2025-10-20",
                )
                .score
            })
            .collect();
        assert_eq!(scores, [45, 35, 26, 16, 8]);
    }

    #[test]
    fn evidence_against_pulls_towards_the_floor() {
        let today = day("2025-10-20");
        let talks = |reports| score_of(Status::Talks, reports, "2025-10-20").score;
        let for_only = talks(vec![report(today, "t2", Stance::For, None)]);
        let contested = talks(vec![
            report(today, "t2", Stance::For, None),
            report(today, "t1", Stance::Against, None),
        ]);
        assert!(contested < for_only);
        assert!(contested >= TALKS_BAND.low);
    }

    #[test]
    fn a_rumour_is_cold_after_120_days_without_a_report() {
        let reports = || vec![report(day("2025-01-01"), "t1", Stance::For, None)];
        let warm = score_of(Status::Agreed, reports(), "2025-04-30"); // 119 days
        assert!(!warm.cold);
        assert!(warm.score > AGREED_BAND.low, "{}", warm.explanation);
        let cold = score_of(Status::Agreed, reports(), "2025-05-01"); // 120 days
        assert!(cold.cold);
        assert_eq!(cold.score, AGREED_BAND.low);
        assert!(cold.explanation.contains("cold"), "{}", cold.explanation);
        // Only open rumours go cold; a report after the as-of date is not known.
        assert!(!score_of(Status::Done, reports(), "2026-01-01").cold);
        assert!(!is_cold(
            Status::Rumour,
            Some(day("2025-06-01")),
            day("2025-01-01"),
            120
        ));
    }

    #[test]
    fn a_status_change_is_news_that_keeps_a_rumour_warm() {
        let world = world();
        let track = track_records(&world);
        let mut agreed = rumour(
            Status::Agreed,
            vec![report(day("2025-01-01"), "t1", Stance::For, None)],
        );
        agreed.history.push(StatusChange {
            date: day("2025-04-01"),
            status: Status::Agreed,
            note: None,
            source: None,
            fee: None,
        });
        let on = |d: &str| likelihood(&world, &track, &agreed, day(d), DEFAULT_COLD_DAYS);
        assert!(!on("2025-06-01").cold, "a report 151 days old, a change 61");
        assert!(on("2025-07-30").cold, "the change is 120 days old");
    }

    #[test]
    fn settled_stages_are_fixed() {
        let reports = || vec![report(day("2025-10-20"), "t5", Stance::Against, None)];
        assert_eq!(score_of(Status::Done, reports(), "2025-10-20").score, 100);
        assert_eq!(score_of(Status::Off, reports(), "2025-10-20").score, 0);
        assert_eq!(score_of(Status::Denied, reports(), "2025-10-20").score, 0);
    }

    fn any_report() -> impl Strategy<Value = Report> {
        (
            0i64..500,
            0..=5u8,
            any::<bool>(),
            proptest::option::of(0..=5u8),
        )
            .prop_map(|(days, tier, against, via)| {
                let stance = if against {
                    Stance::Against
                } else {
                    Stance::For
                };
                let via = via.map(|v| format!("t{v}"));
                report(
                    day("2024-06-01") + chrono::Days::new(days as u64),
                    &format!("t{tier}"),
                    stance,
                    via.as_deref(),
                )
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Whatever the sources, their records and the dates, the score stays
        /// within its stage's band, and a cold rumour sits on the floor.
        #[test]
        fn scores_stay_within_the_band_of_their_stage(
            status in proptest::sample::select(Status::ALL.to_vec()),
            mut reports in proptest::collection::vec(any_report(), 0..12),
            records in proptest::collection::vec((0usize..50, 0usize..50), 6),
            as_of_days in 0u64..700,
            cold_days in 1i64..400,
        ) {
            reports.sort_by_key(|r| r.date);
            let world = world();
            let track: BTreeMap<SourceId, TrackRecord> = records
                .iter()
                .enumerate()
                .map(|(tier, (hits, misses))| {
                    let record = TrackRecord { reports: hits + misses, hits: *hits, misses: *misses };
                    (SourceId::from(format!("t{tier}").as_str()), record)
                })
                .collect();
            let as_of = day("2024-06-01") + chrono::Days::new(as_of_days);
            let l = likelihood(&world, &track, &rumour(status, reports), as_of, cold_days);
            let Band { low, high } = band(status);
            prop_assert!((low..=high).contains(&l.score), "{status}: {} not in {low}–{high}", l.score);
            if l.cold {
                prop_assert_eq!(l.score, low);
            }
            let tail = format!("→ {}", l.score);
            prop_assert!(l.explanation.ends_with(&tail), "{}", l.explanation);
        }
    }

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
