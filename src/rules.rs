//! The checks a change must pass before it is made, shared by the changes
//! that add records (`edit`) and the ones that correct them (`correct`):
//! names not taken, tiers that exist, dates in order.

use crate::error::{Error, Result, Rule};
use crate::model::source::TIERS;
use crate::names::fold;
use crate::text;
use chrono::NaiveDate;

/// Earliest birth date accepted: anything older is a typo.
const EARLIEST_BIRTH: (i32, u32, u32) = (1900, 1, 1);

/// The earliest birth date accepted, as a date.
fn earliest_birth() -> NaiveDate {
    let (y, m, d) = EARLIEST_BIRTH;
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Aliases checked as names, repeats (by folded name) dropped.
pub(crate) fn clean_aliases(aliases: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for alias in aliases {
        let alias = text::name("alias", alias)?;
        if !out.iter().any(|a| fold(a) == fold(&alias)) {
            out.push(alias);
        }
    }
    Ok(out)
}

/// Refuses a name or alias that another record already answers to.
pub(crate) fn refuse_taken<'a>(
    kind: &'static str,
    wanted: impl IntoIterator<Item = &'a String>,
    existing: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>,
) -> Result<()> {
    let wanted: Vec<String> = wanted.into_iter().map(|w| fold(w)).collect();
    for (name, aliases) in existing {
        for taken in std::iter::once(name).chain(aliases) {
            if wanted.contains(&fold(taken)) {
                return Err(Error::duplicate(
                    kind,
                    format!("a {kind} called '{taken}' already exists ({name})"),
                ));
            }
        }
    }
    Ok(())
}

/// Tiers run from 1 (official, most reliable) to 5 (gossip).
pub(crate) fn check_tier(tier: u8) -> Result<()> {
    if TIERS.contains(&tier) {
        Ok(())
    } else {
        Err(Error::invalid(
            "tier",
            format!("tier {tier} does not exist: 1 is the most reliable (official), 5 the least"),
        ))
    }
}

/// A date of birth must be before the as-of date and not before 1900.
pub(crate) fn check_birth(born: NaiveDate, as_of: NaiveDate) -> Result<()> {
    if born > as_of {
        return Err(Error::rule(
            Rule::Dates,
            format!("date of birth {born} is after the as-of date {as_of}"),
        ));
    }
    if born < earliest_birth() {
        return Err(Error::invalid(
            "date of birth",
            format!("date of birth {born} is before 1900; is the year right?"),
        ));
    }
    Ok(())
}

/// A dated change cannot be recorded for a day after the as-of date: it
/// would be a forecast, and would block every later update.
pub(crate) fn refuse_after_as_of(what: &str, date: NaiveDate, as_of: NaiveDate) -> Result<()> {
    refuse_before_football(what, date)?;
    if date > as_of {
        return Err(Error::rule(
            Rule::Dates,
            format!(
                "the {what} {date} is after the as-of date {as_of}; record it on the day (or pass --as-of {date})"
            ),
        ));
    }
    Ok(())
}

/// The first year a transfer can be dated: earlier is a typo (year 0, 25
/// for 2025), which would sort before every real event.
pub const FIRST_YEAR: i32 = 1850;

/// Refuses a date before [`FIRST_YEAR`].
pub(crate) fn refuse_before_football(what: &str, date: NaiveDate) -> Result<()> {
    if chrono::Datelike::year(&date) < FIRST_YEAR {
        return Err(Error::invalid(
            what,
            format!("the {what} {date} is before {FIRST_YEAR}; a typo for the year?"),
        ));
    }
    Ok(())
}

/// A player cannot sign before he is born: the date or the birth is wrong.
pub(crate) fn refuse_before_birth(
    what: &str,
    date: NaiveDate,
    born: Option<NaiveDate>,
) -> Result<()> {
    match born {
        Some(born) if date < born => Err(Error::rule(
            Rule::Dates,
            format!("the {what} {date} is before the player was born ({born})"),
        )),
        _ => Ok(()),
    }
}
