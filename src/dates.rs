//! Reading the dates people type, with errors that say what is wrong.

use chrono::NaiveDate;

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

    #[test]
    fn years_are_bounded() {
        assert_eq!(parse_year("2026"), Ok(2026));
        assert!(parse_year("26").is_err());
        assert!(parse_year("abc").is_err());
    }
}
