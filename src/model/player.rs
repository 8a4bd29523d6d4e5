//! Players and their contracts.

use super::conflict::Conflicts;
use super::ids::{ClubId, PlayerId};
use super::position::{Foot, Position, Slot};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A player, with the history of his contracts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Player {
    pub id: PlayerId,
    pub name: String,
    /// Other names he answers to: former spellings kept by a rename, and the
    /// names of duplicates merged into him.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub born: Option<NaiveDate>,
    /// The age a source gave, when the date of birth is unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_age: Option<ReportedAge>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nationality: Option<String>,
    /// The primary position.
    pub position: Position,
    /// Secondary positions, where the player is cover.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Position>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caps: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub foot: Option<Foot>,
    /// Market value in euros, where known (e.g. from Transfermarkt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_value: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Every contract the player has signed, oldest first. A renewal is a new
    /// contract, so history is never overwritten.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contracts: Vec<Contract>,
    /// Ids in other databases (e.g. "transfermarkt"), so re-imports update.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub external_ids: BTreeMap<String, String>,
    /// Fields two clones changed differently, kept until someone chooses
    /// (see `model::conflict`).
    #[serde(default, skip_serializing_if = "Conflicts::is_empty")]
    pub conflicts: Conflicts,
}

/// One contract between a player and a club.
///
/// A contract exists in the world from the day it was `signed` (seen at an
/// earlier `--as-of`, it is not there yet), binds the player from its `start`
/// (the signing day when the start is unknown) and ends on its `end`, unless
/// a later move `terminated` it early.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    pub club: ClubId,
    /// The day it was signed (recorded). Unknown in data written before
    /// signing dates existed: such a contract counts from its start, or
    /// always when the start is unknown too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<NaiveDate>,
    /// First day; unknown for some historical or imported contracts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// Last day (contracts usually end on 30 June); unknown when a source
    /// gave no length (an import without an expiry, a done deal unreported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub loan: bool,
    /// The club the player joined from, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_from: Option<ClubId>,
    /// The day a move cut the contract short (a transfer or a departure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terminated: Option<NaiveDate>,
}

impl Contract {
    /// A contract with only a club and an end, the rest unknown.
    pub fn new(club: ClubId, end: Option<NaiveDate>) -> Contract {
        Contract {
            club,
            signed: None,
            start: None,
            end,
            loan: false,
            signed_from: None,
            terminated: None,
        }
    }

    /// Whether the contract had been signed (recorded) by `day`.
    pub fn known_on(&self, day: NaiveDate) -> bool {
        self.signed.or(self.start).is_none_or(|d| d <= day)
    }

    /// The first day it binds the player: its start, else its signing day.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.start.or(self.signed)
    }

    /// Whether the contract had started by `day` (an unknown start counts as started).
    pub fn started_by(&self, day: NaiveDate) -> bool {
        self.first_day().is_none_or(|start| start <= day)
    }

    /// The last day it binds the player: its end, or the day a move cut it
    /// short; none when the end is unknown.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match (self.end, self.terminated) {
            (Some(end), Some(cut)) => Some(end.min(cut)),
            (end, cut) => cut.or(end),
        }
    }

    /// Whether it binds the player on `day`.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.started_by(day) && self.last_day().is_none_or(|end| end >= day)
    }

    /// Whether the contract looks different on `day` than with everything known.
    pub fn changes_after(&self, day: NaiveDate) -> bool {
        !self.known_on(day) || self.terminated.is_some_and(|t| t > day)
    }

    /// The contract as it stood on `day`: none before it was signed, and a
    /// termination dated later is not known yet.
    pub fn as_of(&self, day: NaiveDate) -> Option<Contract> {
        if !self.known_on(day) {
            return None;
        }
        let mut c = self.clone();
        if c.terminated.is_some_and(|t| t > day) {
            c.terminated = None;
        }
        Some(c)
    }

    /// Whether two contracts are the same one entered twice (the signing day aside).
    pub fn same_terms(&self, other: &Contract) -> bool {
        self.club == other.club
            && self.start == other.start
            && self.end == other.end
            && self.loan == other.loan
    }

    /// "until 2030-06-30", or "until unknown".
    pub fn end_text(&self) -> String {
        self.end.map_or("unknown".to_string(), |e| e.to_string())
    }

    /// Why this contract is impossible, if it is.
    pub fn problem(&self, born: Option<NaiveDate>) -> Option<String> {
        if let (Some(start), Some(end)) = (self.start, self.end)
            && end <= start
        {
            return Some(format!("contract ends ({end}) before it starts ({start})"));
        }
        if let (Some(signed), Some(end)) = (self.signed, self.end)
            && end < signed
        {
            return Some(format!(
                "contract ends ({end}) before it was signed ({signed})"
            ));
        }
        if let Some(born) = born {
            if let Some(start) = self.start
                && start <= born
            {
                return Some(format!(
                    "contract starts ({start}) before the player was born ({born})"
                ));
            }
            if let Some(end) = self.end
                && end <= born
            {
                return Some(format!(
                    "contract ends ({end}) before the player was born ({born})"
                ));
            }
        }
        None
    }
}

/// Orders contracts by when they were signed: by signing day when both are
/// known, else by first day, else by end (an imported contract often has
/// neither a start nor a signing day).
pub(crate) fn later_signed(a: &Contract, b: &Contract) -> std::cmp::Ordering {
    let key = |c: &Contract| (c.signed.or(c.start), c.first_day(), c.end);
    match (a.signed.or(a.start), b.signed.or(b.start)) {
        (Some(_), Some(_)) => key(a).cmp(&key(b)),
        _ => (a.end, a.first_day()).cmp(&(b.end, b.first_day())),
    }
}

/// An age as a source gave it, when the date of birth is unknown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportedAge {
    pub age: u32,
    /// The day it was true.
    pub on: NaiveDate,
}

impl Player {
    /// The player's age in whole years on `day`.
    pub fn age_on(&self, day: NaiveDate) -> Option<u32> {
        let Some(born) = self.born else {
            // Only an age was given (some exports): add the whole years since.
            let reported = self.reported_age.as_ref()?;
            let years = day.years_since(reported.on)?;
            return Some(reported.age + years);
        };
        if day < born {
            return None;
        }
        let mut age = day.year() - born.year();
        if (day.month(), day.day()) < (born.month(), born.day()) {
            age -= 1;
        }
        u32::try_from(age).ok()
    }

    /// The permanent contract that governs the player on `day`: the latest one
    /// signed by then (renewals replace what they extend). It may already have
    /// ended, for a player who is out of contract.
    pub fn permanent_contract(&self, day: NaiveDate) -> Option<&Contract> {
        self.contracts
            .iter()
            .filter(|c| !c.loan && c.started_by(day))
            .max_by(|a, b| later_signed(a, b))
    }

    /// The loan the player is on, on `day`.
    pub fn loan_contract(&self, day: NaiveDate) -> Option<&Contract> {
        self.contracts
            .iter()
            .filter(|c| c.loan && c.in_force_on(day))
            .max_by_key(|c| (c.signed.or(c.start), c.start, c.end))
    }

    /// The contract under which the player plays on `day`: a loan if he is on
    /// one, else his permanent contract if it is still in force.
    pub fn playing_contract(&self, day: NaiveDate) -> Option<&Contract> {
        self.loan_contract(day)
            .or_else(|| self.permanent_contract(day).filter(|c| c.in_force_on(day)))
    }

    /// The club the player plays for on `day`.
    pub fn club_on(&self, day: NaiveDate) -> Option<&ClubId> {
        self.playing_contract(day).map(|c| &c.club)
    }

    /// The player's contracts that are current on `day`: the permanent one and
    /// the loan, if any.
    pub fn current_contracts(&self, day: NaiveDate) -> impl Iterator<Item = &Contract> {
        self.permanent_contract(day)
            .into_iter()
            .chain(self.loan_contract(day))
    }

    /// The player as he stood on `day`: only the contracts signed by then.
    pub fn as_of(&self, day: NaiveDate) -> Player {
        let mut p = self.clone();
        p.contracts = self.contracts.iter().filter_map(|c| c.as_of(day)).collect();
        p
    }

    /// All positions, primary first.
    pub fn positions(&self) -> impl Iterator<Item = Position> + '_ {
        std::iter::once(self.position).chain(self.also.iter().copied())
    }

    /// Whether the player's primary position plays in `slot`.
    pub fn natural_in(&self, slot: Slot) -> bool {
        self.position.slot() == Some(slot)
    }

    /// Whether one of the secondary positions plays in `slot`.
    pub fn covers(&self, slot: Slot) -> bool {
        self.also.iter().any(|p| p.slot() == Some(slot))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn player(born: &str, contracts: Vec<Contract>) -> Player {
        Player {
            id: "p".into(),
            name: "P".into(),
            aliases: Vec::new(),
            born: Some(date(born)),
            reported_age: None,
            nationality: None,
            position: Position::CB,
            also: vec![Position::LB],
            caps: None,
            foot: None,
            market_value: None,
            notes: None,
            contracts,
            external_ids: BTreeMap::new(),
            conflicts: Default::default(),
        }
    }

    fn contract(club: &str, start: Option<&str>, end: &str, loan: bool) -> Contract {
        Contract {
            club: club.into(),
            signed: None,
            start: start.map(date),
            end: Some(date(end)),
            loan,
            signed_from: None,
            terminated: None,
        }
    }

    #[test]
    fn age_counts_whole_years() {
        let p = player("1998-10-27", vec![]);
        assert_eq!(p.age_on(date("2025-10-20")), Some(26));
        assert_eq!(p.age_on(date("2025-10-27")), Some(27));
        assert_eq!(p.age_on(date("1990-01-01")), None);
    }

    #[test]
    fn age_on_leap_day_birthdays() {
        let p = player("2004-02-29", vec![]);
        assert_eq!(p.age_on(date("2025-02-28")), Some(20));
        assert_eq!(p.age_on(date("2025-03-01")), Some(21));
    }

    #[test]
    fn a_renewal_replaces_the_contract_it_extends() {
        let p = player(
            "1999-05-25",
            vec![
                contract("liverpool", Some("2021-07-01"), "2026-06-30", false),
                contract("liverpool", Some("2025-11-01"), "2030-06-30", false),
            ],
        );
        assert_eq!(
            p.permanent_contract(date("2025-10-20")).unwrap().end,
            Some(date("2026-06-30"))
        );
        assert_eq!(
            p.permanent_contract(date("2025-11-02")).unwrap().end,
            Some(date("2030-06-30"))
        );
    }

    #[test]
    fn a_loan_decides_where_he_plays() {
        let p = player(
            "2000-01-01",
            vec![
                contract("parent", Some("2020-07-01"), "2027-06-30", false),
                contract("borrower", Some("2025-08-01"), "2026-06-30", true),
            ],
        );
        let today = date("2025-10-20");
        assert_eq!(p.club_on(today), Some(&ClubId::from("borrower")));
        assert_eq!(p.current_contracts(today).count(), 2);
        assert_eq!(p.club_on(date("2026-07-01")), Some(&ClubId::from("parent")));
        assert_eq!(p.club_on(date("2027-07-01")), None);
    }

    #[test]
    fn impossible_contracts_are_explained() {
        let c = contract("x", Some("2025-07-01"), "2024-06-30", false);
        assert!(
            c.problem(None)
                .unwrap()
                .contains("ends (2024-06-30) before it starts")
        );
        let c = contract("x", Some("1990-07-01"), "2024-06-30", false);
        assert!(
            c.problem(Some(date("1999-01-01")))
                .unwrap()
                .contains("before the player was born")
        );
        let c = contract("x", None, "2024-06-30", false);
        assert_eq!(c.problem(Some(date("1999-01-01"))), None);
    }
}
