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
/// A contract has two times, either of which may be unknown: when it was in
/// force (`start` to `end`, or to the day a move `terminated` it) and when the
/// world learned of it (`signed`). Seen at an earlier `--as-of`, a contract not
/// signed yet is not there; one with no signing day was always known. An
/// unknown start means "from the end of the player's previous contract" (see
/// [`Player::start_of`]). The day a command ran is neither time, and is never
/// stored as one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    pub club: ClubId,
    /// The day it became known (signed or announced); unknown: always known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<NaiveDate>,
    /// First day in force; unknown: from the end of the previous contract.
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

    /// Whether the world knew of the contract on `day`: from its signing
    /// day on, or always when that is unknown.
    pub fn known_on(&self, day: NaiveDate) -> bool {
        self.signed.is_none_or(|d| d <= day)
    }

    /// The last day it binds the player: its end, or the day a move cut it
    /// short; none when the end is unknown.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match (self.end, self.terminated) {
            (Some(end), Some(cut)) => Some(end.min(cut)),
            (end, cut) => cut.or(end),
        }
    }

    /// Whether it had not ended by `day` (an unknown end never comes).
    pub fn runs_on(&self, day: NaiveDate) -> bool {
        self.last_day().is_none_or(|end| end >= day)
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
        if let (Some(start), Some(cut)) = (self.start, self.terminated)
            && cut < start
        {
            return Some(format!(
                "contract was cut short ({cut}) before it started ({start})"
            ));
        }
        if let Some(born) = born {
            for (what, day) in [
                ("starts", self.start),
                ("ends", self.end),
                ("was signed", self.signed),
            ] {
                if let Some(day) = day
                    && day <= born
                {
                    return Some(format!(
                        "contract {what} ({day}) before the player was born ({born})"
                    ));
                }
            }
        }
        None
    }
}

/// Orders contracts in history: by the first known of start and signing day,
/// else by end (an imported contract often has neither a start nor a
/// signing day, and then its end places it).
pub(crate) fn history_key(
    c: &Contract,
) -> (Option<NaiveDate>, Option<NaiveDate>, Option<NaiveDate>) {
    (c.start.or(c.signed).or(c.last_day()), c.start, c.end)
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
    /// The signing days of his contracts with `club` (unknown ones too):
    /// what tells whether a done move's contract is still there.
    pub fn signings_with(&self, club: &ClubId) -> Vec<Option<NaiveDate>> {
        self.contracts
            .iter()
            .filter(|c| &c.club == club)
            .map(|c| c.signed)
            .collect()
    }

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

    /// The first day `contract` (one of his) binds the player: its start, else
    /// the day after the end of his previous contract of the same kind
    /// (permanent or loan): of those before it in his history, the one that
    /// ends last before it does; `None` when it has no start and nothing came
    /// before it (in force from always). History order (see
    /// [`history_key`]) decides "before", so that a contract whose end is
    /// not known yet on a day is not read as coming after all the others.
    pub fn start_of(&self, contract: &Contract) -> Option<NaiveDate> {
        if contract.start.is_some() {
            return contract.start;
        }
        let at = self
            .contracts
            .iter()
            .position(|c| std::ptr::eq(c, contract))
            .or_else(|| self.contracts.iter().position(|c| c == contract))
            .unwrap_or(self.contracts.len());
        let own_end = contract.last_day();
        let ends_before = |c: &&Contract| {
            c.loan == contract.loan
                && c.last_day()
                    .is_some_and(|end| own_end.is_none_or(|own| end < own))
        };
        let mut begins = self.contracts[..at]
            .iter()
            .filter(ends_before)
            .filter_map(Contract::last_day)
            .max()
            .and_then(|end| end.succ_opt());
        // A contract known to have begun by then and still running (a move
        // already agreed elsewhere) comes before it too.
        while let Some(end) = self
            .contracts
            .iter()
            .filter(ends_before)
            .filter(|c| c.start.is_some_and(|s| begins.is_some_and(|b| s <= b)))
            .filter_map(Contract::last_day)
            .filter(|end| begins.is_some_and(|b| *end >= b))
            .max()
        {
            begins = end.succ_opt();
        }
        begins
    }

    /// Whether `contract` (one of his) had started by `day`.
    pub fn started_by(&self, contract: &Contract, day: NaiveDate) -> bool {
        self.start_of(contract).is_none_or(|start| start <= day)
    }

    /// Whether `contract` (one of his) binds him on `day`.
    pub fn in_force_on(&self, contract: &Contract, day: NaiveDate) -> bool {
        self.started_by(contract, day) && contract.runs_on(day)
    }

    /// Orders two of his contracts by when they began (then by signing day,
    /// then by history order): the later one is the one that took over.
    fn later_start(&self, a: &Contract, b: &Contract) -> std::cmp::Ordering {
        let at = |c: &Contract| self.contracts.iter().position(|k| std::ptr::eq(k, c));
        let key = |c: &Contract| (self.start_of(c), c.signed, at(c));
        key(a).cmp(&key(b))
    }

    /// Of his contracts that `keep` keeps, the one in force on `day` that
    /// began last (the one that took over).
    fn latest_in_force(
        &self,
        day: NaiveDate,
        keep: impl Fn(&Contract) -> bool,
    ) -> Option<&Contract> {
        self.contracts
            .iter()
            .filter(|c| keep(c) && self.in_force_on(c, day))
            .max_by(|a, b| self.later_start(a, b))
    }

    /// The permanent contract that governs the player on `day`: the latest to
    /// have begun of those in force, else (out of contract) the last one to
    /// have ended; followed by the renewals that continue it at the same club
    /// (a renewal replaces what it extends, from the day it is known).
    pub fn permanent_contract(&self, day: NaiveDate) -> Option<&Contract> {
        let mut current = self.latest_in_force(day, |c| !c.loan).or_else(|| {
            self.contracts
                .iter()
                .filter(|c| !c.loan && self.started_by(c, day))
                .max_by(|a, b| self.later_start(a, b))
        })?;
        while let Some(next) = self.renewal_of(current) {
            current = next;
        }
        Some(current)
    }

    /// A later contract at the same club that begins where `contract` ends.
    fn renewal_of(&self, contract: &Contract) -> Option<&Contract> {
        let end = contract.last_day()?;
        if contract
            .terminated
            .is_some_and(|t| Some(t) == contract.last_day())
        {
            return None;
        }
        self.contracts
            .iter()
            .filter(|c| !c.loan && c.club == contract.club && !std::ptr::eq(*c, contract))
            .filter(|c| c.last_day().is_none_or(|e| e > end))
            .filter(|c| {
                self.start_of(c)
                    .is_some_and(|s| s <= end.succ_opt().unwrap_or(end))
            })
            .max_by(|a, b| self.later_start(a, b))
    }

    /// The loan the player is on, on `day`.
    pub fn loan_contract(&self, day: NaiveDate) -> Option<&Contract> {
        self.latest_in_force(day, |c| c.loan)
    }

    /// The contract under which the player plays on `day`: a loan if he is on
    /// one, else the permanent contract in force.
    pub fn playing_contract(&self, day: NaiveDate) -> Option<&Contract> {
        self.loan_contract(day)
            .or_else(|| self.latest_in_force(day, |c| !c.loan))
    }

    /// The last day of the contract he plays under on `day`, carried on by
    /// the renewals he has signed there; none when unknown or out of contract.
    pub fn contract_end_on(&self, day: NaiveDate) -> Option<NaiveDate> {
        let playing = self.playing_contract(day)?;
        let governing = match playing.loan {
            true => playing,
            false => self.permanent_contract(day).unwrap_or(playing),
        };
        governing.last_day()
    }

    /// The club he plays for on `day` leaving aside his contracts with
    /// `club`: where a move to `club` takes him from, even on the day he
    /// joins it.
    pub fn club_on_apart_from(&self, day: NaiveDate, club: &ClubId) -> Option<&ClubId> {
        self.latest_in_force(day, |c| c.loan && &c.club != club)
            .or_else(|| self.latest_in_force(day, |c| !c.loan && &c.club != club))
            .map(|c| &c.club)
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

    /// The next move he is known to make after `day`: the first contract
    /// elsewhere (or a loan) that has not begun yet, with the day it begins.
    pub fn next_move(&self, day: NaiveDate) -> Option<(&Contract, NaiveDate)> {
        let here = self.club_on(day);
        self.contracts
            .iter()
            .filter(|c| Some(&c.club) != here || c.loan)
            .filter_map(|c| Some((c, self.start_of(c)?)))
            .filter(|(_, start)| *start > day)
            .min_by_key(|(_, start)| *start)
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
                Contract {
                    signed: Some(date("2025-11-01")),
                    ..contract("liverpool", None, "2030-06-30", false)
                },
            ],
        );
        let end_on = |day: &str| {
            let day = date(day);
            p.as_of(day).permanent_contract(day).unwrap().end
        };
        assert_eq!(end_on("2025-10-20"), Some(date("2026-06-30")));
        assert_eq!(end_on("2025-11-02"), Some(date("2030-06-30")));
        // Unknown start: in force from the end of the one it extends.
        assert_eq!(p.start_of(&p.contracts[1]), Some(date("2026-07-01")));
        assert!(!p.in_force_on(&p.contracts[0], date("2026-07-01")));
        assert!(p.in_force_on(&p.contracts[1], date("2026-07-01")));
    }

    #[test]
    fn an_unknown_start_follows_the_previous_contract_or_always() {
        let p = player(
            "1990-01-01",
            vec![
                contract("a", Some("2015-07-01"), "2019-06-30", false),
                contract("b", None, "2023-06-30", false),
            ],
        );
        assert_eq!(p.start_of(&p.contracts[1]), Some(date("2019-07-01")));
        assert_eq!(p.start_of(&p.contracts[0]), Some(date("2015-07-01")));
        assert_eq!(p.club_on(date("2016-01-01")).map(|c| c.as_str()), Some("a"));
        assert_eq!(p.club_on(date("2020-01-01")).map(|c| c.as_str()), Some("b"));
        let alone = player("1990-01-01", vec![contract("c", None, "2027-06-30", false)]);
        assert_eq!(alone.start_of(&alone.contracts[0]), None);
        assert_eq!(
            alone.club_on(date("2001-01-01")).map(|c| c.as_str()),
            Some("c")
        );
    }

    #[test]
    fn a_move_cuts_the_contract_it_ends_whatever_was_typed_first() {
        // Typed today: at Leverkusen until 2027, no dates; back-filled: a
        // move to Liverpool on 2025-06-20 that cut it short.
        let p = player(
            "2003-05-03",
            vec![
                Contract {
                    terminated: Some(date("2025-06-20")),
                    ..contract("leverkusen", None, "2027-06-30", false)
                },
                Contract {
                    signed: Some(date("2025-06-20")),
                    ..contract("liverpool", Some("2025-06-20"), "2030-06-30", false)
                },
            ],
        );
        let club_on = |day: &str| {
            let day = date(day);
            p.as_of(day).club_on(day).map(|c| c.to_string())
        };
        assert_eq!(club_on("2025-06-01").as_deref(), Some("leverkusen"));
        assert_eq!(club_on("2025-06-20").as_deref(), Some("liverpool"));
        assert_eq!(club_on("2026-12-06").as_deref(), Some("liverpool"));
        assert_eq!(p.current_contracts(date("2026-12-06")).count(), 1);
        let next = p
            .next_move(date("2025-01-01"))
            .map(|(c, d)| (c.club.to_string(), d));
        assert_eq!(next, Some(("liverpool".into(), date("2025-06-20"))));
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
