//! A rumour without its reports: what list filters, depth charts and
//! expiring contracts need; and the track record of sources over a set of
//! rumours. The SQLite index keeps every rumour's summary (without an index
//! they are made from the shards as read), while full rumours are read only
//! for the players a command is about.

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

    /// Takes away what `other` counted (a part of what this one counted).
    pub fn subtract(&mut self, other: &TrackRecord) {
        self.reports = self.reports.saturating_sub(other.reports);
        self.hits = self.hits.saturating_sub(other.hits);
        self.misses = self.misses.saturating_sub(other.misses);
    }
}

/// The track records earned over some rumours. A rumour is settled by the
/// latest change of its status to done, off or denied, and a source is judged
/// once per settled rumour, by its latest report dated strictly before that
/// change: a report for a move that was done is a hit, for one that fell
/// through a miss (a report against, the reverse). Reports made on the day of
/// the outcome or later — the report that recorded it among them
/// (`rumour add --status off` writes both on one day) — count only in
/// `reports`: a source earns nothing for announcing what had just happened.
/// A settled rumour without a dated settling change earns no hits or misses.
pub fn tally<'a>(rumours: impl IntoIterator<Item = &'a Rumour>) -> BTreeMap<SourceId, TrackRecord> {
    let mut records: BTreeMap<SourceId, TrackRecord> = BTreeMap::new();
    for rumour in rumours {
        for report in &rumour.reports {
            records.entry(report.source.clone()).or_default().reports += 1;
        }
        let happened = match rumour.status {
            Status::Done => true,
            Status::Off | Status::Denied => false,
            Status::Rumour | Status::Talks | Status::Agreed => continue,
        };
        let Some(settled_on) = settled_on(rumour) else {
            continue;
        };
        let mut latest: BTreeMap<&SourceId, &Report> = BTreeMap::new();
        for report in rumour.reports.iter().filter(|r| r.date < settled_on) {
            let kept = latest.entry(&report.source).or_insert(report);
            // Reports are kept oldest first; on one day the later entry wins.
            if report.date >= kept.date {
                *kept = report;
            }
        }
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

/// Moves track records back to `day`: what `rumours` (those with something
/// dated after it) count now comes out, and what they counted on `day` goes
/// in. Every other rumour counts the same then and now.
pub fn recount_on(
    track: &mut BTreeMap<SourceId, TrackRecord>,
    rumours: &[&Rumour],
    day: NaiveDate,
) {
    let then: Vec<Rumour> = rumours.iter().filter_map(|r| r.as_of(day)).collect();
    for (source, now) in tally(rumours.iter().copied()) {
        track.entry(source).or_default().subtract(&now);
    }
    for (source, was) in tally(&then) {
        track.entry(source).or_default().add(&was);
    }
}

/// The day the outcome was recorded: the latest change to done, off or denied.
fn settled_on(rumour: &Rumour) -> Option<NaiveDate> {
    rumour
        .history
        .iter()
        .filter(|change| match change.status {
            Status::Done | Status::Off | Status::Denied => true,
            Status::Rumour | Status::Talks | Status::Agreed => false,
        })
        .map(|change| change.date)
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MoveKind, Stance, StatusChange};

    fn day(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    fn report(date: &str, source: &str, stance: Stance) -> Report {
        Report {
            date: day(date),
            source: SourceId::from(source),
            stance,
            via: None,
            fee: None,
            loan: false,
            option_to_buy: false,
            note: None,
            url: None,
        }
    }

    fn change(date: &str, status: Status, source: Option<&str>) -> StatusChange {
        StatusChange {
            date: day(date),
            status,
            note: None,
            source: source.map(SourceId::from),
            fee: None,
        }
    }

    fn rumour(status: Status, reports: Vec<Report>, history: Vec<StatusChange>) -> Rumour {
        Rumour {
            id: "r1".into(),
            player: "p".into(),
            kind: MoveKind::Transfer,
            from: None,
            to: Some("club".into()),
            status,
            reports,
            history,
            conflicts: Default::default(),
        }
    }

    fn record(tally: &BTreeMap<SourceId, TrackRecord>, source: &str) -> (usize, usize, usize) {
        let r = tally.get(source).copied().unwrap_or_default();
        (r.reports, r.hits, r.misses)
    }

    #[test]
    fn the_report_that_records_the_outcome_earns_nothing() {
        // `rumour add --status off --source fichajes`: a report and the
        // settling change on the same day, by the same source.
        let off = rumour(
            Status::Off,
            vec![report("2025-10-20", "fichajes", Stance::Against)],
            vec![change("2025-10-20", Status::Off, Some("fichajes"))],
        );
        assert_eq!(record(&tally([&off]), "fichajes"), (1, 0, 0));
    }

    #[test]
    fn reports_before_the_outcome_are_judged_by_the_latest() {
        let done = rumour(
            Status::Done,
            vec![
                report("2025-06-01", "marca", Stance::Against),
                report("2025-06-10", "marca", Stance::For),
                report("2025-06-12", "fichajes", Stance::Against),
                report("2025-06-20", "club", Stance::For),
                report("2025-06-25", "fichajes", Stance::For),
            ],
            vec![
                change("2025-06-01", Status::Rumour, Some("marca")),
                change("2025-06-20", Status::Done, Some("club")),
            ],
        );
        let t = tally([&done]);
        assert_eq!(record(&t, "marca"), (2, 1, 0), "latest before: for");
        assert_eq!(
            record(&t, "fichajes"),
            (2, 0, 1),
            "the late report is not judged"
        );
        assert_eq!(
            record(&t, "club"),
            (1, 0, 0),
            "the announcement is no prediction"
        );
    }

    #[test]
    fn the_latest_settling_change_dates_the_outcome() {
        // Off, reopened, then done: reports before the final change count.
        let done = rumour(
            Status::Done,
            vec![
                report("2025-01-05", "a", Stance::For),
                report("2025-03-01", "b", Stance::For),
            ],
            vec![
                change("2025-01-05", Status::Rumour, Some("a")),
                change("2025-02-01", Status::Off, None),
                change("2025-02-20", Status::Talks, None),
                change("2025-03-10", Status::Done, None),
            ],
        );
        let t = tally([&done]);
        assert_eq!(record(&t, "a"), (1, 1, 0));
        assert_eq!(record(&t, "b"), (1, 1, 0));
    }

    #[test]
    fn open_rumours_and_rumours_without_history_earn_nothing() {
        let open = rumour(
            Status::Talks,
            vec![report("2025-01-05", "a", Stance::For)],
            vec![change("2025-01-05", Status::Talks, Some("a"))],
        );
        let undated = rumour(
            Status::Done,
            vec![report("2025-01-05", "a", Stance::For)],
            Vec::new(),
        );
        assert_eq!(record(&tally([&open, &undated]), "a"), (2, 0, 0));
    }
}
