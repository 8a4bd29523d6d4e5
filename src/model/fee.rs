//! Transfer fees as reports quote them: "€45m+5m", "£40m", "50m".

use serde::{Deserialize, Serialize};
use std::fmt;

/// The currencies fees are quoted in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub enum Currency {
    #[default]
    EUR,
    GBP,
    USD,
}

impl Currency {
    pub fn symbol(self) -> &'static str {
        match self {
            Currency::EUR => "€",
            Currency::GBP => "£",
            Currency::USD => "$",
        }
    }

    /// Approximate euros per unit, fixed so results are reproducible; only
    /// used to compare fees quoted in different currencies.
    pub fn in_euros(self) -> f64 {
        match self {
            Currency::EUR => 1.0,
            Currency::GBP => 1.17,
            Currency::USD => 0.92,
        }
    }

    /// Parses "EUR", "gbp", "€", "£", "$".
    pub fn parse(s: &str) -> Option<Currency> {
        match s.trim().to_ascii_uppercase().as_str() {
            "EUR" | "€" | "EURO" | "EUROS" => Some(Currency::EUR),
            "GBP" | "£" => Some(Currency::GBP),
            "USD" | "$" => Some(Currency::USD),
            _ => None,
        }
    }
}

/// A quoted fee: a guaranteed amount plus add-ons, in whole currency units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub amount: u64,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub add_ons: u64,
    #[serde(default)]
    pub currency: Currency,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Fee {
    /// The whole package (amount plus add-ons) in approximate euros.
    pub fn total_eur(&self) -> f64 {
        (self.amount + self.add_ons) as f64 * self.currency.in_euros()
    }

    /// Parses "50m", "€45m+5m", "£40.5m", "500k", "USD 30m", "45000000".
    /// `default` is the currency when the text names none.
    pub fn parse(text: &str, default: Currency) -> Result<Fee, String> {
        let bad = || format!("'{text}' is not a fee; write it like 50m, €45m+5m, £40.5m or 500k");
        let mut rest = text.trim().replace([' ', ','], "");
        let mut currency = None;
        for (token, cur) in [
            ("EUR", Currency::EUR),
            ("GBP", Currency::GBP),
            ("USD", Currency::USD),
            ("€", Currency::EUR),
            ("£", Currency::GBP),
            ("$", Currency::USD),
        ] {
            let upper = rest.to_ascii_uppercase();
            if upper.starts_with(token) {
                rest = rest[token.len()..].to_string();
                currency = Some(cur);
                break;
            }
            if upper.ends_with(token) {
                rest.truncate(rest.len() - token.len());
                currency = Some(cur);
                break;
            }
        }
        let mut parts = rest.splitn(2, '+');
        let amount = parse_amount(parts.next().unwrap_or(""), &mut currency).ok_or_else(bad)?;
        let add_ons = match parts.next() {
            Some(p) => parse_amount(p, &mut currency).ok_or_else(bad)?,
            None => 0,
        };
        if amount == 0 && add_ons == 0 {
            return Err(format!("'{text}': a fee of nothing is no fee"));
        }
        Ok(Fee {
            amount,
            add_ons,
            currency: currency.unwrap_or(default),
        })
    }
}

/// "45m", "€5m", "500k", "1.2bn", "45000000" → units. A currency symbol may
/// lead each part ("€45m+€5m").
fn parse_amount(text: &str, currency: &mut Option<Currency>) -> Option<u64> {
    let mut text = text;
    for symbol in ["€", "£", "$"] {
        if let Some(stripped) = text.strip_prefix(symbol) {
            let cur = Currency::parse(symbol)?;
            if currency.is_some_and(|c| c != cur) {
                return None;
            }
            *currency = Some(cur);
            text = stripped;
        }
    }
    let lower = text.to_ascii_lowercase();
    let (number, scale) = if let Some(n) = lower.strip_suffix("bn") {
        (n, 1e9)
    } else if let Some(n) = lower.strip_suffix('m') {
        (n, 1e6)
    } else if let Some(n) = lower.strip_suffix('k') {
        (n, 1e3)
    } else {
        (lower.as_str(), 1.0)
    };
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    let units = (value * scale).round();
    // Above ten billion is a typo, not a fee.
    (units.is_finite() && (0.0..=1e10).contains(&units)).then_some(units as u64)
}

/// "€45m", "£500k", "€45.5m".
pub fn format_amount(units: u64, currency: Currency) -> String {
    let symbol = currency.symbol();
    if units >= 1_000_000 {
        let m = units as f64 / 1e6;
        let text = format!("{m:.1}");
        format!("{symbol}{}m", text.trim_end_matches(".0"))
    } else if units >= 1_000 {
        format!("{symbol}{}k", units / 1_000)
    } else {
        format!("{symbol}{units}")
    }
}

impl fmt::Display for Fee {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", format_amount(self.amount, self.currency))?;
        if self.add_ons > 0 {
            let add = format_amount(self.add_ons, self.currency);
            write!(f, "+{}", add.trim_start_matches(self.currency.symbol()))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fee(s: &str) -> Fee {
        Fee::parse(s, Currency::EUR).unwrap()
    }

    #[test]
    fn parses_the_ways_fees_are_written() {
        assert_eq!(
            fee("50m"),
            Fee {
                amount: 50_000_000,
                add_ons: 0,
                currency: Currency::EUR
            }
        );
        assert_eq!(
            fee("€45m+5m"),
            Fee {
                amount: 45_000_000,
                add_ons: 5_000_000,
                currency: Currency::EUR
            }
        );
        assert_eq!(fee("€45m + €5m").add_ons, 5_000_000);
        assert_eq!(
            fee("£40.5m"),
            Fee {
                amount: 40_500_000,
                add_ons: 0,
                currency: Currency::GBP
            }
        );
        assert_eq!(fee("USD 30m").currency, Currency::USD);
        assert_eq!(fee("30m gbp").currency, Currency::GBP);
        assert_eq!(fee("500k").amount, 500_000);
        assert_eq!(fee("45000000").amount, 45_000_000);
        assert_eq!(
            Fee::parse("40m", Currency::GBP).unwrap().currency,
            Currency::GBP
        );
    }

    #[test]
    fn refuses_what_is_not_a_fee() {
        for bad in ["", "m", "lots", "€45m+£5m", "0", "-5m", "99999bn"] {
            assert!(Fee::parse(bad, Currency::EUR).is_err(), "{bad}");
        }
    }

    #[test]
    fn displays_compactly() {
        assert_eq!(fee("€45m+5m").to_string(), "€45m+5m");
        assert_eq!(fee("£40.5m").to_string(), "£40.5m");
        assert_eq!(fee("750k").to_string(), "€750k");
        assert!((fee("£10m").total_eur() - 11_700_000.0).abs() < 1.0);
    }
}
