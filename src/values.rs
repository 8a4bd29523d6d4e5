//! The value parsers the command line's arguments share (days, dates,
//! positions, tiers, fees, whole numbers): a value that can never be read is
//! a usage error (exit 2), caught by clap before any command runs. A leaf:
//! `cli.rs` and every command's arguments use it, it uses neither.

use chrono::NaiveDate;
use mercato::dates::DateSpec;
use mercato::model::{Position, Slot};

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    mercato::dates::parse(s)
}

/// A day as typed: YYYY-MM-DD, today, yesterday, or a span before the as-of
/// date (3d, 2w, 6m, 1y), resolved once the as-of date is known.
pub(crate) fn parse_day(s: &str) -> Result<DateSpec, String> {
    mercato::dates::parse_spec(s)
}

pub(crate) fn parse_position(s: &str) -> Result<Position, String> {
    s.parse()
}

pub(crate) fn parse_slot(s: &str) -> Result<Slot, String> {
    s.parse()
}

pub(crate) fn parse_foot(s: &str) -> Result<mercato::model::Foot, String> {
    s.parse()
}

/// A source tier, 1 to 5: any other number can never be a tier, so it is a
/// usage error (exit 2) like a misspelt option, not a refused change.
pub(crate) fn parse_tier(s: &str) -> Result<u8, String> {
    let tier: i64 = s.trim().parse().map_err(|_| {
        format!("'{s}' is not a tier: 1 is the most reliable (official), 5 the least")
    })?;
    u8::try_from(tier)
        .ok()
        .filter(|t| (1..=5).contains(t))
        .ok_or_else(|| {
            format!("tier {tier} does not exist: 1 is the most reliable (official), 5 the least")
        })
}

/// A whole number of at least `min`; `what` names it in errors ("caps"). Numeric options
/// accept "-3" as a value (`allow_negative_numbers`) so that it is refused for
/// what it is, "caps cannot be negative", rather than taken for an unknown
/// option with a hint to write `-- -3`.
pub(crate) fn number<T>(what: &'static str, min: i64) -> impl Fn(&str) -> Result<T, String> + Clone
where
    T: TryFrom<i64>,
{
    move |s: &str| {
        let n: i64 = s
            .trim()
            .parse()
            .map_err(|_| format!("'{s}' is not a whole number"))?;
        if n < 0 {
            return Err(format!("{what} cannot be negative"));
        }
        if n < min {
            return Err(format!("{what} must be at least {min}"));
        }
        T::try_from(n).map_err(|_| format!("{what} {n} is too large"))
    }
}

/// Seconds, as for `--lock-timeout`: a fraction is fine, a negative is not.
pub(crate) fn parse_seconds(s: &str) -> Result<f64, String> {
    let seconds: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a number of seconds"))?;
    if !seconds.is_finite() {
        return Err(format!("'{s}' is not a number of seconds"));
    }
    if seconds < 0.0 {
        return Err("the lock timeout cannot be negative".into());
    }
    Ok(seconds)
}

/// A fee or an amount as typed (`50m`, `"€45,5m"`): checked here, so that a
/// fee that can never be read is a usage error, and kept as text for the
/// command, which reads it with the currency of `--currency`.
pub(crate) fn parse_fee(s: &str) -> Result<String, String> {
    mercato::model::Fee::parse(s, mercato::model::Currency::EUR).map(|_| s.to_string())
}

/// `--currency`: EUR, GBP or USD (or €, £, $), kept as typed.
pub(crate) fn parse_currency(s: &str) -> Result<String, String> {
    mercato::model::Currency::parse(s)
        .map(|_| s.to_string())
        .ok_or_else(|| "expected EUR, GBP or USD".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_refused_for_what_they_are() {
        let caps = number::<u32>("caps", 0);
        assert_eq!(caps("25"), Ok(25));
        assert_eq!(caps("-3"), Err("caps cannot be negative".to_string()));
        assert_eq!(caps("x"), Err("'x' is not a whole number".to_string()));
        assert_eq!(
            caps("99999999999"),
            Err("caps 99999999999 is too large".to_string())
        );
        assert_eq!(
            number::<i64>("days", 1)("0"),
            Err("days must be at least 1".to_string())
        );
        assert_eq!(parse_tier("5"), Ok(5));
        assert!(parse_tier("6").is_err_and(|e| e.starts_with("tier 6 does not exist")));
        assert!(parse_tier("300").is_err_and(|e| e.starts_with("tier 300 does not exist")));
        assert_eq!(parse_seconds("0.5"), Ok(0.5));
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("inf").is_err());
    }
}
