//! Rumours: possible moves, carried by dated reports from sources.

use super::conflict::Conflicts;
use super::fee::Fee;
use super::ids::{ClubId, PlayerId, RumourId, SourceId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What kind of move a rumour is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MoveKind {
    /// The player moves from one club to another.
    Transfer,
    /// The player stays and signs a new contract.
    Renewal,
    /// The player leaves; where to is not known.
    Departure,
}

impl MoveKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MoveKind::Transfer => "transfer",
            MoveKind::Renewal => "renewal",
            MoveKind::Departure => "departure",
        }
    }
}

impl MoveKind {
    /// "Bayern Munich → Real Madrid", "renewal at Liverpool", "leaving Real
    /// Madrid", given the names of the clubs the move is from and to.
    pub fn describe(self, from: Option<&str>, to: Option<&str>) -> String {
        let from_name = from.unwrap_or("(no club)");
        match self {
            MoveKind::Transfer => format!("{from_name} → {}", to.unwrap_or("?")),
            MoveKind::Renewal => format!("renewal at {}", to.unwrap_or(from_name)),
            MoveKind::Departure => format!("leaving {from_name}"),
        }
    }
}

impl fmt::Display for MoveKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a rumoured move stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Reported, nothing more.
    Rumour,
    /// The parties are negotiating.
    Talks,
    /// Terms agreed, not yet official.
    Agreed,
    /// Official.
    Done,
    /// Talks broke down or interest cooled.
    Off,
    /// A party denied it.
    Denied,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Rumour,
        Status::Talks,
        Status::Agreed,
        Status::Done,
        Status::Off,
        Status::Denied,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Rumour => "rumour",
            Status::Talks => "talks",
            Status::Agreed => "agreed",
            Status::Done => "done",
            Status::Off => "off",
            Status::Denied => "denied",
        }
    }

    /// Whether the story can still move: new reports append to an open rumour.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Rumour | Status::Talks | Status::Agreed)
    }

    /// Whether the move is settled as happening.
    pub fn is_settled(self) -> bool {
        matches!(self, Status::Agreed | Status::Done)
    }

    /// Whether the move fell through.
    pub fn fell_through(self) -> bool {
        matches!(self, Status::Off | Status::Denied)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == wanted)
            .ok_or_else(|| {
                format!(
                    "unknown status '{s}' (expected rumour, talks, agreed, done, off or denied)"
                )
            })
    }
}

/// Whether a report says the move will happen or will not.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    #[default]
    For,
    Against,
}

impl Stance {
    pub fn is_for(&self) -> bool {
        *self == Stance::For
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::For => "for",
            Stance::Against => "against",
        }
    }
}

/// One dated claim by one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub date: NaiveDate,
    pub source: SourceId,
    #[serde(default, skip_serializing_if = "Stance::is_for")]
    pub stance: Stance,
    /// The outlet this report only repeats: it is not independent evidence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<SourceId>,
    /// The fee quoted, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Fee>,
    /// The move is quoted as a loan.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub loan: bool,
    /// The loan is quoted with an option to buy.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub option_to_buy: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A change of a rumour's status, kept so the story can be told in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub date: NaiveDate,
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Who said so, when a source announced the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceId>,
    /// The fee announced with a done deal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee: Option<Fee>,
}

/// One possible move of one player.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rumour {
    pub id: RumourId,
    pub player: PlayerId,
    pub kind: MoveKind,
    /// The player's club when the rumour started (for a renewal, the club he stays at).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<ClubId>,
    /// The destination; the same club for a renewal, none for a departure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<ClubId>,
    pub status: Status,
    /// Reports, oldest first.
    pub reports: Vec<Report>,
    /// Status changes, oldest first; the first is the status the rumour started with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<StatusChange>,
    /// Fields two clones changed differently, kept until someone chooses
    /// (see `model::conflict`).
    #[serde(default, skip_serializing_if = "Conflicts::is_empty")]
    pub conflicts: Conflicts,
}

impl Rumour {
    /// The id a new rumour gets: a hash of what defines it, so that the same
    /// story entered in two clones gets the same id, and different ones do not
    /// collide by construction (a collision is resolved by `salt`).
    pub fn make_id(
        player: &PlayerId,
        kind: MoveKind,
        to: Option<&ClubId>,
        first: &Report,
        salt: u32,
    ) -> RumourId {
        let key = format!(
            "{player}|{kind}|{}|{}|{}|{salt}",
            to.map_or("", |c| c.as_str()),
            first.date,
            first.source
        );
        RumourId(format!("{:08x}", super::ids::fnv1a(key.as_bytes()) >> 32))
    }

    /// The date of the first report.
    pub fn first_reported(&self) -> Option<NaiveDate> {
        self.reports.iter().map(|r| r.date).min()
    }

    /// The status on `day`: the last change dated on or before it; a plain
    /// rumour before the first change. From the latest change on (and when
    /// there is no history at all) it is the stored status, which a hand
    /// edit may have changed.
    pub fn status_on(&self, day: NaiveDate) -> Status {
        if self.last_changed().is_none_or(|last| last <= day) {
            return self.status;
        }
        self.history
            .iter()
            .rfind(|h| h.date <= day)
            .map_or(Status::Rumour, |h| h.status)
    }

    /// The day of the latest status change.
    pub fn last_changed(&self) -> Option<NaiveDate> {
        self.history.iter().map(|h| h.date).max()
    }

    /// The rumour as it stood on `day`: none before its first report; the
    /// reports and status changes dated after it are not known yet.
    pub fn as_of(&self, day: NaiveDate) -> Option<Rumour> {
        if self.first_reported().is_none_or(|first| first > day) {
            return None;
        }
        let mut r = self.clone();
        r.reports.retain(|x| x.date <= day);
        r.history.retain(|h| h.date <= day);
        r.status = self.status_on(day);
        Some(r)
    }

    /// Whether the rumour looks the same on `day` as it does with everything
    /// known: nothing is dated after it.
    pub fn is_final_on(&self, day: NaiveDate) -> bool {
        self.last_reported().is_none_or(|d| d <= day)
            && self.last_changed().is_none_or(|d| d <= day)
    }

    /// The date of the latest report.
    pub fn last_reported(&self) -> Option<NaiveDate> {
        self.reports.iter().map(|r| r.date).max()
    }

    /// How many different sources reported it.
    pub fn source_count(&self) -> usize {
        let mut sources: Vec<&SourceId> = self.reports.iter().map(|r| &r.source).collect();
        sources.sort();
        sources.dedup();
        sources.len()
    }

    /// The club this rumour concerns: where the player goes, or the club he leaves.
    pub fn is_about_club(&self, club: &ClubId) -> bool {
        self.from.as_ref() == Some(club) || self.to.as_ref() == Some(club)
    }

    /// Whether this rumour is the same move: new reports of it append here.
    pub fn is_same_move(&self, player: &PlayerId, kind: MoveKind, to: Option<&ClubId>) -> bool {
        &self.player == player && self.kind == kind && self.to.as_ref() == to
    }

    /// Adds a report in date order (stable for equal dates, so the order of
    /// entry is kept and a file diff shows one inserted block).
    pub fn add_report(&mut self, report: Report) {
        let at = self.reports.partition_point(|r| r.date <= report.date);
        self.reports.insert(at, report);
    }

    /// Takes in the reports and status changes of another telling of the same
    /// move: both in date order (this rumour's first on the same day),
    /// identical entries once, and the status is the latest status change.
    pub fn absorb(&mut self, other: Rumour) {
        self.conflicts.absorb(other.conflicts);
        self.reports.extend(other.reports);
        self.reports.sort_by_key(|r| r.date);
        dedup_unordered(&mut self.reports);
        self.history.extend(other.history);
        self.history.sort_by_key(|h| h.date);
        dedup_unordered(&mut self.history);
        if let Some(last) = self.history.last() {
            self.status = last.status;
        }
    }

    /// Sets a new status and records the change.
    pub fn set_status(
        &mut self,
        status: Status,
        date: NaiveDate,
        note: Option<String>,
        source: Option<SourceId>,
    ) {
        self.status = status;
        self.conflicts.settle("status");
        let at = self.history.partition_point(|h| h.date <= date);
        self.history.insert(
            at,
            StatusChange {
                date,
                status,
                note,
                source,
                fee: None,
            },
        );
    }
}

/// Removes repeated entries, keeping the first of each (in place, in order).
pub(crate) fn dedup_unordered<T: PartialEq + Clone>(list: &mut Vec<T>) {
    let mut seen: Vec<T> = Vec::with_capacity(list.len());
    list.retain(|x| {
        if seen.contains(x) {
            false
        } else {
            seen.push(x.clone());
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(date: &str, source: &str) -> Report {
        Report {
            date: date.parse().unwrap(),
            source: source.into(),
            stance: Stance::For,
            via: None,
            fee: None,
            loan: false,
            option_to_buy: false,
            note: None,
            url: None,
        }
    }

    #[test]
    fn reports_stay_in_date_order() {
        let first = report("2025-10-19", "lequipe");
        let mut r = Rumour {
            id: Rumour::make_id(&"konate".into(), MoveKind::Renewal, None, &first, 0),
            player: "konate".into(),
            kind: MoveKind::Renewal,
            from: Some("liverpool".into()),
            to: Some("liverpool".into()),
            status: Status::Talks,
            reports: vec![first],
            history: vec![],
            conflicts: Default::default(),
        };
        r.add_report(report("2025-10-21", "marca"));
        r.add_report(report("2025-10-20", "as"));
        let dates: Vec<String> = r.reports.iter().map(|r| r.date.to_string()).collect();
        assert_eq!(dates, ["2025-10-19", "2025-10-20", "2025-10-21"]);
        assert_eq!(r.first_reported().unwrap().to_string(), "2025-10-19");
        assert_eq!(r.last_reported().unwrap().to_string(), "2025-10-21");
        assert_eq!(r.source_count(), 3);
        assert_eq!(r.id.as_str().len(), 8);
    }

    #[test]
    fn ids_differ_by_salt() {
        let first = report("2025-10-19", "lequipe");
        let a = Rumour::make_id(&"x".into(), MoveKind::Departure, None, &first, 0);
        let b = Rumour::make_id(&"x".into(), MoveKind::Departure, None, &first, 1);
        assert_ne!(a, b);
    }

    #[test]
    fn statuses_know_whether_open() {
        assert!(Status::Talks.is_open());
        assert!(!Status::Off.is_open());
        assert_eq!("AGREED".parse::<Status>(), Ok(Status::Agreed));
        assert!("maybe".parse::<Status>().is_err());
    }
}
