//! Reading the dates people type, with errors that say what is wrong.

use chrono::{Days, Months, NaiveDate};
use std::fmt;

/// Parses `YYYY-MM-DD`. An impossible day ("2025-02-30") is refused with the
/// number of days that month has.
pub fn parse(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let numbers: Option<Vec<u32>> = match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            parts.iter().map(|p| p.parse::<u32>().ok()).collect()
        }
        _ => None,
    };
    let Some([year, month, day]) = numbers
        .as_deref()
        .and_then(|n| <[u32; 3]>::try_from(n).ok())
    else {
        return Err(format!(
            "'{text}' is not a date; expected YYYY-MM-DD, e.g. 2025-10-20"
        ));
    };
    let year = i32::try_from(year).map_err(|_| format!("'{text}': year out of range"))?;
    if !(1..=12).contains(&month) {
        return Err(format!("'{text}' is not a date: there is no month {month}"));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let days = days_in_month(year, month);
        let name = NaiveDate::from_ymd_opt(year, month, 1)
            .map(|d| d.format("%B %Y").to_string())
            .unwrap_or_default();
        format!("'{text}' is not a date: {name} has {days} days")
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(year, month, *d).is_some())
        .unwrap_or(28)
}

/// A date as people type it: exact, or counted back from an as-of date that
/// is not known yet when the text is read (clap parses arguments before the
/// command knows its as-of date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSpec {
    /// `YYYY-MM-DD`.
    Exact(NaiveDate),
    /// `today`: the as-of date itself.
    Today,
    /// `Nd`, or `yesterday` (one day).
    DaysAgo(u32),
    /// `Nw`.
    WeeksAgo(u32),
    /// `Nm`: calendar months, clamped to the end of a shorter month.
    MonthsAgo(u32),
    /// `Ny`: calendar years (29 February becomes 28 February).
    YearsAgo(u32),
}

/// What [`parse_spec`] accepts, for the end of error messages.
const DATE_FORMS: &str = "YYYY-MM-DD (e.g. 2025-10-20), today, yesterday, \
     or how long ago: 3d, 2w, 6m or 1y (days, weeks, months, years)";

/// The longest span counted back is 1000 years, in each unit: longer is a
/// typo, and refusing it keeps [`DateSpec::resolve`] in the calendar.
const TOO_FAR_BACK: &str = "is too far back (at most 1000 years: 365250d, 52179w, 12000m or 1000y)";

impl DateSpec {
    /// The date this names, counted back from `as_of`. A span reaching
    /// before the earliest date chrono knows stops there; a parsed one never
    /// does from a real as-of date, as [`parse_spec`] refuses spans over
    /// 1000 years.
    pub fn resolve(self, as_of: NaiveDate) -> NaiveDate {
        let back = match self {
            DateSpec::Exact(date) => return date,
            DateSpec::Today => return as_of,
            DateSpec::DaysAgo(n) => as_of.checked_sub_days(Days::new(n.into())),
            DateSpec::WeeksAgo(n) => as_of.checked_sub_days(Days::new(u64::from(n) * 7)),
            DateSpec::MonthsAgo(n) => as_of.checked_sub_months(Months::new(n)),
            DateSpec::YearsAgo(n) => n
                .checked_mul(12)
                .and_then(|months| as_of.checked_sub_months(Months::new(months))),
        };
        back.unwrap_or(NaiveDate::MIN)
    }
}

impl fmt::Display for DateSpec {
    /// The canonical text, which [`parse_spec`] reads back ("yesterday" is `1d`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateSpec::Exact(date) => write!(f, "{date}"),
            DateSpec::Today => write!(f, "today"),
            DateSpec::DaysAgo(n) => write!(f, "{n}d"),
            DateSpec::WeeksAgo(n) => write!(f, "{n}w"),
            DateSpec::MonthsAgo(n) => write!(f, "{n}m"),
            DateSpec::YearsAgo(n) => write!(f, "{n}y"),
        }
    }
}

/// Reads `YYYY-MM-DD`, `today`, `yesterday` or `Nd`/`Nw`/`Nm`/`Ny` (that
/// many days, weeks, calendar months or years before the as-of date), any
/// case, surrounding spaces ignored. Only the syntax is checked, so this can
/// be a clap `value_parser`; [`DateSpec::resolve`] supplies the as-of date.
pub fn parse_spec(text: &str) -> Result<DateSpec, String> {
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    match lower.as_str() {
        "today" => return Ok(DateSpec::Today),
        "yesterday" => return Ok(DateSpec::DaysAgo(1)),
        _ => {}
    }
    if trimmed.starts_with(|c: char| c.is_ascii_digit()) && trimmed.contains('-') {
        // Meant as a calendar date: `parse` explains what is wrong with it.
        return parse(trimmed).map(DateSpec::Exact);
    }
    let not_a_date = || format!("'{text}' is not a date; write {DATE_FORMS}");
    if let Some(unsigned) = lower.strip_prefix(['-', '+'])
        && span(unsigned).is_some()
    {
        return Err(format!(
            "'{text}': a span counts back from the as-of date and takes no sign; write {unsigned}"
        ));
    }
    let (count, unit) = span(&lower).ok_or_else(not_a_date)?;
    let too_far = || format!("'{text}' {TOO_FAR_BACK}");
    let count: u32 = count.parse().map_err(|_| too_far())?;
    let (spec, most) = match unit {
        'd' => (DateSpec::DaysAgo(count), 365_250),
        'w' => (DateSpec::WeeksAgo(count), 52_179),
        'm' => (DateSpec::MonthsAgo(count), 12_000),
        'y' => (DateSpec::YearsAgo(count), 1_000),
        _ => return Err(not_a_date()),
    };
    if count > most {
        return Err(too_far());
    }
    Ok(spec)
}

/// "12d" → ("12", 'd'): digits then one letter, nothing else.
fn span(text: &str) -> Option<(&str, char)> {
    let unit = text.chars().last()?;
    let count = &text[..text.len() - unit.len_utf8()];
    let is_count = !count.is_empty() && count.chars().all(|c| c.is_ascii_digit());
    (is_count && matches!(unit, 'd' | 'w' | 'm' | 'y')).then_some((count, unit))
}

/// [`parse_spec`], resolved against `as_of`: "3d" on 2025-10-20 is 2025-10-17.
pub fn parse_relative(text: &str, as_of: NaiveDate) -> Result<NaiveDate, String> {
    parse_spec(text).map(|spec| spec.resolve(as_of))
}

/// A calendar year between 1900 and 2200, for `--year`.
pub fn parse_year(text: &str) -> Result<i32, String> {
    let year: i32 = text
        .trim()
        .parse()
        .map_err(|_| format!("'{text}' is not a year; expected e.g. 2026"))?;
    if !(1900..=2200).contains(&year) {
        return Err(format!("year {year} is out of range (1900 to 2200)"));
    }
    Ok(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_calendar_dates() {
        assert_eq!(parse("2025-10-20").unwrap().to_string(), "2025-10-20");
        assert_eq!(parse("2024-02-29").unwrap().to_string(), "2024-02-29");
    }

    #[test]
    fn explains_impossible_dates() {
        assert_eq!(
            parse("2025-02-30").unwrap_err(),
            "'2025-02-30' is not a date: February 2025 has 28 days"
        );
        assert!(parse("2025-13-01").unwrap_err().contains("no month 13"));
        assert!(
            parse("20/10/2025")
                .unwrap_err()
                .contains("expected YYYY-MM-DD")
        );
        assert!(parse("2025-1-1").is_err());
        assert!(parse("").is_err());
    }

    fn day(text: &str) -> NaiveDate {
        parse(text).unwrap()
    }

    #[test]
    fn relative_dates_count_back_from_the_as_of_date() {
        let as_of = day("2025-10-20");
        for (text, expected) in [
            ("2025-10-01", "2025-10-01"),
            ("2030-01-01", "2030-01-01"),
            ("today", "2025-10-20"),
            ("yesterday", "2025-10-19"),
            ("0d", "2025-10-20"),
            ("1d", "2025-10-19"),
            ("20d", "2025-09-30"),
            ("1w", "2025-10-13"),
            ("2w", "2025-10-06"),
            ("1m", "2025-09-20"),
            ("10m", "2024-12-20"),
            ("1y", "2024-10-20"),
            ("3y", "2022-10-20"),
            // Any case, surrounding spaces ignored.
            ("  TODAY ", "2025-10-20"),
            ("Yesterday", "2025-10-19"),
            ("3D", "2025-10-17"),
            (" 2W", "2025-10-06"),
            ("007d", "2025-10-13"),
        ] {
            assert_eq!(parse_relative(text, as_of), Ok(day(expected)), "{text:?}");
        }
    }

    #[test]
    fn months_and_years_clamp_to_the_end_of_a_shorter_month() {
        for (as_of, text, expected) in [
            ("2025-03-31", "1m", "2025-02-28"),
            ("2024-03-31", "1m", "2024-02-29"),
            ("2025-05-31", "1m", "2025-04-30"),
            ("2025-01-31", "2m", "2024-11-30"),
            ("2025-03-15", "1m", "2025-02-15"),
            ("2024-02-29", "1y", "2023-02-28"),
            ("2024-02-29", "4y", "2020-02-29"),
            ("2025-01-01", "1d", "2024-12-31"),
        ] {
            assert_eq!(
                parse_relative(text, day(as_of)),
                Ok(day(expected)),
                "{as_of} minus {text}"
            );
        }
    }

    #[test]
    fn specs_are_read_without_an_as_of_date() {
        assert_eq!(
            parse_spec("2025-10-20"),
            Ok(DateSpec::Exact(day("2025-10-20")))
        );
        assert_eq!(parse_spec("today"), Ok(DateSpec::Today));
        assert_eq!(parse_spec("yesterday"), Ok(DateSpec::DaysAgo(1)));
        assert_eq!(parse_spec("3d"), Ok(DateSpec::DaysAgo(3)));
        assert_eq!(parse_spec("2w"), Ok(DateSpec::WeeksAgo(2)));
        assert_eq!(parse_spec("6M"), Ok(DateSpec::MonthsAgo(6)));
        assert_eq!(parse_spec("1y"), Ok(DateSpec::YearsAgo(1)));
        for text in ["2025-10-20", "today", "1d", "2w", "6m", "1y", "1000y"] {
            let spec = parse_spec(text).unwrap();
            assert_eq!(parse_spec(&spec.to_string()), Ok(spec), "{text}");
        }
    }

    #[test]
    fn refused_relative_dates_list_the_accepted_forms() {
        for text in [
            "", "   ", "7x", "d", "3", "tomorrow", "now", "3 d", "3dd", "1.5m", "3days", "d3",
            "½d", "3é",
        ] {
            let err = parse_spec(text).unwrap_err();
            assert_eq!(
                err,
                format!(
                    "'{text}' is not a date; write YYYY-MM-DD (e.g. 2025-10-20), today, \
                     yesterday, or how long ago: 3d, 2w, 6m or 1y (days, weeks, months, years)"
                )
            );
            assert_eq!(parse_relative(text, day("2025-10-20")), Err(err));
        }
    }

    #[test]
    fn refused_relative_dates_say_what_is_wrong() {
        for (text, expected) in [
            (
                "-3d",
                "'-3d': a span counts back from the as-of date and takes no sign; write 3d",
            ),
            (
                "+2W",
                "'+2W': a span counts back from the as-of date and takes no sign; write 2w",
            ),
            (
                "1001y",
                "'1001y' is too far back (at most 1000 years: 365250d, 52179w, 12000m or 1000y)",
            ),
            (
                "2025-02-30",
                "'2025-02-30' is not a date: February 2025 has 28 days",
            ),
            (
                "2025-1-1",
                "'2025-1-1' is not a date; expected YYYY-MM-DD, e.g. 2025-10-20",
            ),
        ] {
            assert_eq!(parse_spec(text), Err(expected.to_string()), "{text:?}");
        }
    }

    #[test]
    fn the_longest_spans_stay_in_the_calendar() {
        let as_of = day("2025-10-20");
        assert_eq!(parse_relative("1000y", as_of), Ok(day("1025-10-20")));
        for (most, beyond) in [
            ("365250d", "365251d"),
            ("52179w", "52180w"),
            ("12000m", "12001m"),
            ("1000y", "1001y"),
        ] {
            assert!(parse_relative(most, as_of).is_ok(), "{most}");
            assert!(parse_spec(beyond).unwrap_err().contains("too far back"));
        }
        assert!(
            parse_spec("99999999999d")
                .unwrap_err()
                .contains("too far back")
        );
        assert_eq!(
            DateSpec::YearsAgo(u32::MAX).resolve(as_of),
            NaiveDate::MIN,
            "a span built by hand past the calendar's start stops there"
        );
    }

    #[test]
    fn years_are_bounded() {
        assert_eq!(parse_year("2026"), Ok(2026));
        assert!(parse_year("26").is_err());
        assert!(parse_year("abc").is_err());
    }
}
