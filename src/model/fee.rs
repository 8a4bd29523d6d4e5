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

    /// Parses a fee as papers quote it: "50m", "€45m+5m", "£40.5m", "45,5m",
    /// "€45.5 million", "45,5 Mio. €", "1.2 billion", "500k", "USD 30m",
    /// "1.200.000". `default` is the currency when the text names none.
    ///
    /// The text is an amount and at most one add-on, joined by `+`. Each part
    /// is a number and a unit, with a currency (`€`, `£`, `$`, `EUR`, `GBP`,
    /// `USD`, `euros`) before or after it; every currency named must agree.
    /// Units: none, `k`/`thousand`, `m`/`mn`/`mln`/`mio`/`million`,
    /// `bn`/`billion` (plurals and a trailing dot allowed, any case).
    ///
    /// Commas and dots are read by one rule, the same for English papers
    /// ("1,200.5") and continental ones ("1.200,5"), and a number that rule
    /// cannot read for certain is refused rather than guessed:
    ///
    /// - A single `,` or `.` followed by 1–2 digits, or by 4 or more, is a
    ///   decimal separator: "45,5m" and "45.5m" are both €45.5m.
    /// - A single `,` or `.` followed by exactly 3 digits is refused, with or
    ///   without a unit: "1,500m" is 1.5m in Madrid and 1500m in London, and
    ///   "1.234" is 1234 or 1.234. The error suggests both readings.
    /// - The same separator used twice or more separates thousands, and then
    ///   every group after the first must have exactly 3 digits (and the first
    ///   1–3): "1,200,000" and "45.000.000" are accepted, "45,5,5m" is not.
    /// - Two different separators: the last one is the decimal separator and
    ///   may appear only once; the other separates thousands, grouped as above:
    ///   "1.200,5m" and "1,200.5m" are both 1200.5m.
    /// - A space (or no-break space) only ever separates thousands: "1 200 000".
    ///
    /// Every error starts with the quoted text and shows how to write it.
    pub fn parse(text: &str, default: Currency) -> Result<Fee, String> {
        let mut currency = None;
        let mut parts = text.split('+');
        let amount = parse_part(text, parts.next().unwrap_or(""), &mut currency)?;
        let add_ons = match parts.next() {
            Some(part) => parse_part(text, part, &mut currency)?,
            None => 0,
        };
        if parts.next().is_some() {
            return Err(format!(
                "'{text}' has more than one add-on; write the fee and the add-ons together, like €45m+5m"
            ));
        }
        if amount == 0 && add_ons == 0 {
            return Err(format!("'{text}': a fee of nothing is no fee"));
        }
        // Each part is capped; so is their sum, or two typos pass as one fee.
        if amount.saturating_add(add_ons) > 10_000_000_000 {
            return Err(format!(
                "'{text}' adds up to more than 10bn, which is a typo rather than a fee; write it like {FEE_EXAMPLES}"
            ));
        }
        Ok(Fee {
            amount,
            add_ons,
            currency: currency.unwrap_or(default),
        })
    }
}

/// How to write a fee, for the end of error messages.
const FEE_EXAMPLES: &str = "50m, €45.5m, 45,5m, €45m+5m, £40m, 500k or 45000000";

/// Currency names a part of a fee may start or end with, longest first so
/// that "EUROS" is not read as "EUR" followed by "OS".
const CURRENCY_TOKENS: [(&str, Currency); 8] = [
    ("EUROS", Currency::EUR),
    ("EURO", Currency::EUR),
    ("EUR", Currency::EUR),
    ("GBP", Currency::GBP),
    ("USD", Currency::USD),
    ("€", Currency::EUR),
    ("£", Currency::GBP),
    ("$", Currency::USD),
];

/// What a number is multiplied by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    Units,
    Thousands,
    Millions,
    Billions,
}

impl Scale {
    /// "m", "Million", "mln.", "bn"...; `None` for a word that is not a unit.
    fn parse(word: &str) -> Option<Scale> {
        let lower = word.to_lowercase();
        let word = lower.strip_suffix('.').unwrap_or(&lower);
        match word {
            "" => Some(Scale::Units),
            "k" | "thousand" | "thousands" => Some(Scale::Thousands),
            "m" | "mn" | "mln" | "mio" | "million" | "millions" => Some(Scale::Millions),
            "bn" | "billion" | "billions" => Some(Scale::Billions),
            _ => None,
        }
    }

    fn factor(self) -> f64 {
        match self {
            Scale::Units => 1.0,
            Scale::Thousands => 1e3,
            Scale::Millions => 1e6,
            Scale::Billions => 1e9,
        }
    }

    /// The short suffix suggestions are written with.
    fn suffix(self) -> &'static str {
        match self {
            Scale::Units => "",
            Scale::Thousands => "k",
            Scale::Millions => "m",
            Scale::Billions => "bn",
        }
    }

    /// The next scale down, to write a number with three decimals whole.
    fn smaller(self) -> Option<Scale> {
        match self {
            Scale::Units => None,
            Scale::Thousands => Some(Scale::Units),
            Scale::Millions => Some(Scale::Thousands),
            Scale::Billions => Some(Scale::Millions),
        }
    }
}

/// Takes a currency name off the start or the end of `part`.
fn strip_currency<'a>(
    part: &'a str,
    from_end: bool,
    currency: &mut Option<Currency>,
    text: &str,
) -> Result<&'a str, String> {
    // ASCII upper-casing keeps byte offsets, so `upper` indexes `part`.
    let upper = part.to_ascii_uppercase();
    for (token, cur) in CURRENCY_TOKENS {
        let found = if from_end {
            upper.ends_with(token)
        } else {
            upper.starts_with(token)
        };
        if !found {
            continue;
        }
        if let Some(earlier) = *currency
            && earlier != cur
        {
            return Err(format!(
                "'{text}' mixes currencies ({} and {}); write the whole fee in one, like €45m+5m",
                earlier.symbol(),
                cur.symbol()
            ));
        }
        *currency = Some(cur);
        let rest = if from_end {
            &part[..part.len() - token.len()]
        } else {
            &part[token.len()..]
        };
        return Ok(rest.trim());
    }
    Ok(part)
}

/// One part of a fee ("€45.5m", " 5 million") → whole currency units.
fn parse_part(text: &str, part: &str, currency: &mut Option<Currency>) -> Result<u64, String> {
    let not_a_fee = || format!("'{text}' is not a fee; write it like {FEE_EXAMPLES}");
    let part = strip_currency(part.trim(), false, currency, text)?;
    let part = strip_currency(part, true, currency, text)?;
    let number_len = part
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.') || is_space(c)))
        .unwrap_or(part.len());
    let (number, unit) = part.split_at(number_len);
    let number = number.trim_matches(is_space);
    let scale = Scale::parse(unit.trim()).ok_or_else(not_a_fee)?;
    let first_is_digit = number.chars().next().is_some_and(|c| c.is_ascii_digit());
    let last_is_digit = number.chars().last().is_some_and(|c| c.is_ascii_digit());
    if !first_is_digit || !last_is_digit {
        return Err(not_a_fee());
    }
    let (whole, fraction) = read_number(text, number, scale)?;
    let value: f64 = format!("{whole}.{fraction}0")
        .parse()
        .map_err(|_| not_a_fee())?;
    let units = (value * scale.factor()).round();
    // Above ten billion is a typo, not a fee.
    if !(units.is_finite() && (0.0..=1e10).contains(&units)) {
        return Err(format!(
            "'{text}' is more than 10bn, which is a typo rather than a fee; write it like {FEE_EXAMPLES}"
        ));
    }
    Ok(units as u64)
}

/// Spaces that may separate thousands: the ordinary one and the no-break
/// spaces French typesetting uses.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Splits a number made of digits and separators ("1.200,5") into its whole
/// digits and its decimal digits ("1200", "5") by the rule in [`Fee::parse`].
fn read_number(text: &str, number: &str, scale: Scale) -> Result<(String, String), String> {
    let groups: Vec<&str> = number.split(|c: char| !c.is_ascii_digit()).collect();
    let separators: Vec<char> = number
        .chars()
        .filter(|c| !c.is_ascii_digit())
        .map(|c| if is_space(c) { ' ' } else { c })
        .collect();
    let bad_grouping = || {
        format!(
            "'{text}' is not a fee: in {number} the separators are neither one decimal \
             separator nor thousands in groups of three (1,200,000 or 1.200.000); \
             write it like {FEE_EXAMPLES}"
        )
    };
    if groups.iter().any(|g| g.is_empty()) {
        return Err(bad_grouping());
    }
    let Some(&last) = separators.last() else {
        return Ok((number.to_string(), String::new()));
    };
    let thousands_ok = |groups: &[&str]| {
        groups.first().is_some_and(|g| g.len() <= 3) && groups[1..].iter().all(|g| g.len() == 3)
    };
    let same = separators.iter().all(|&s| s == last);
    if same && (separators.len() > 1 || last == ' ') {
        // Thousands only.
        return if thousands_ok(&groups) {
            Ok((groups.concat(), String::new()))
        } else {
            Err(bad_grouping())
        };
    }
    let (whole_groups, fraction) = groups.split_at(groups.len() - 1);
    let fraction = fraction.concat();
    if same {
        // One comma or dot: a decimal separator, unless three digits follow.
        if fraction.len() == 3 {
            return Err(ambiguous(
                text,
                whole_groups.concat(),
                last,
                &fraction,
                scale,
            ));
        }
        return Ok((whole_groups.concat(), fraction));
    }
    // Two kinds: thousands in the whole part, then one decimal separator.
    let thousands = separators[0];
    let (before_last, _) = separators.split_at(separators.len() - 1);
    let consistent = before_last.iter().all(|&s| s == thousands) && last != ' ';
    if !consistent || !thousands_ok(whole_groups) {
        return Err(bad_grouping());
    }
    Ok((whole_groups.concat(), fraction))
}

/// The error for "1,500m": both readings, written so that they are not
/// ambiguous themselves.
fn ambiguous(text: &str, whole: String, separator: char, fraction: &str, scale: Scale) -> String {
    let name = if separator == ',' { "comma" } else { "dot" };
    let whole = without_leading_zeros(&whole);
    let as_thousands = format!(
        "{}{}",
        without_leading_zeros(&format!("{whole}{fraction}")),
        scale.suffix()
    );
    let significant = fraction.trim_end_matches('0');
    let as_decimal = match (scale, significant.len()) {
        (Scale::Units, _) => None,
        (_, 0) => Some(format!("{whole}{}", scale.suffix())),
        (_, 1 | 2) => Some(format!("{whole}.{significant}{}", scale.suffix())),
        // Three decimals: write it whole in the next unit down (1.234m = 1234k).
        _ => scale.smaller().map(|smaller| {
            format!(
                "{}{}",
                without_leading_zeros(&format!("{whole}{fraction}")),
                smaller.suffix()
            )
        }),
    };
    match as_decimal {
        Some(decimal) => format!(
            "'{text}' is ambiguous: the {name} in {whole}{separator}{fraction} could mark decimals \
             ({decimal}) or thousands ({as_thousands}); write {decimal} or {as_thousands}"
        ),
        None => format!(
            "'{text}' is ambiguous: the {name} in {whole}{separator}{fraction} could mark decimals \
             or thousands; write {as_thousands} without a separator, or use a unit, like 45.5m or 500k"
        ),
    }
}

/// "0500" → "500", "000" → "0".
fn without_leading_zeros(digits: &str) -> String {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_string()
    } else {
        trimmed.to_string()
    }
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

/// The largest transfer fee ever paid, in euros (Neymar, Barcelona to Paris
/// Saint-Germain, August 2017): a fee above it is more likely a typo.
pub const RECORD_FEE_EUR: f64 = 222_000_000.0;

impl Fee {
    /// Why this fee is hard to believe, if it is: more than the record.
    pub fn implausible(&self) -> Option<String> {
        let eur = self.total_eur();
        (eur > RECORD_FEE_EUR).then(|| {
            format!(
                "a fee of {self} (about €{:.0}m) is more than the largest ever paid (€222m, Neymar in 2017)",
                eur / 1e6
            )
        })
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

    /// Text, amount, add-ons, currency (the default is EUR).
    const ACCEPTED: &[(&str, u64, u64, Currency)] = &[
        // Decimal comma, as Spanish, Italian and Portuguese papers write it.
        ("45,5m", 45_500_000, 0, Currency::EUR),
        ("45,50m", 45_500_000, 0, Currency::EUR),
        ("€45,5m+2,5m", 45_500_000, 2_500_000, Currency::EUR),
        ("1,25bn", 1_250_000_000, 0, Currency::EUR),
        ("0,5m", 500_000, 0, Currency::EUR),
        // Decimal dot.
        ("45.5m", 45_500_000, 0, Currency::EUR),
        ("€45.5m", 45_500_000, 0, Currency::EUR),
        ("€45.5 m", 45_500_000, 0, Currency::EUR),
        ("£40.5m", 40_500_000, 0, Currency::GBP),
        // Four or more decimals cannot be thousands.
        ("1.2345m", 1_234_500, 0, Currency::EUR),
        ("1,2345m", 1_234_500, 0, Currency::EUR),
        // Units in words, any case, plurals, abbreviations.
        ("45.5 million", 45_500_000, 0, Currency::EUR),
        ("45.5 millions", 45_500_000, 0, Currency::EUR),
        ("45,5 Millions", 45_500_000, 0, Currency::EUR),
        ("45.5 mln", 45_500_000, 0, Currency::EUR),
        ("45.5 mio", 45_500_000, 0, Currency::EUR),
        ("45,5 Mio. Euro", 45_500_000, 0, Currency::EUR),
        ("45.5mn", 45_500_000, 0, Currency::EUR),
        ("45M", 45_000_000, 0, Currency::EUR),
        ("1.2 billion", 1_200_000_000, 0, Currency::EUR),
        ("1.2bn", 1_200_000_000, 0, Currency::EUR),
        ("2 billions", 2_000_000_000, 0, Currency::EUR),
        ("500 thousand", 500_000, 0, Currency::EUR),
        ("500k", 500_000, 0, Currency::EUR),
        ("500K", 500_000, 0, Currency::EUR),
        // Currencies before or after, as symbols or codes.
        ("£40m+5m", 40_000_000, 5_000_000, Currency::GBP),
        ("€45m + €5m", 45_000_000, 5_000_000, Currency::EUR),
        ("45 M€", 45_000_000, 0, Currency::EUR),
        ("45m euros", 45_000_000, 0, Currency::EUR),
        ("USD 30m", 30_000_000, 0, Currency::USD),
        ("$30m", 30_000_000, 0, Currency::USD),
        ("30m gbp", 30_000_000, 0, Currency::GBP),
        ("40m+5m GBP", 40_000_000, 5_000_000, Currency::GBP),
        ("  €45m  ", 45_000_000, 0, Currency::EUR),
        // Thousands separators: used twice or more, or spaces.
        ("45000000", 45_000_000, 0, Currency::EUR),
        ("1,200,000", 1_200_000, 0, Currency::EUR),
        ("1.200.000", 1_200_000, 0, Currency::EUR),
        ("45.000.000", 45_000_000, 0, Currency::EUR),
        ("€45,000,000", 45_000_000, 0, Currency::EUR),
        ("1 200 000", 1_200_000, 0, Currency::EUR),
        ("1\u{a0}200\u{a0}000 €", 1_200_000, 0, Currency::EUR),
        ("1 200", 1_200, 0, Currency::EUR),
        ("1,200,000k", 1_200_000_000, 0, Currency::EUR),
        // Both separators: the last one is the decimal separator.
        ("1.200,5m", 1_200_500_000, 0, Currency::EUR),
        ("1,200.5m", 1_200_500_000, 0, Currency::EUR),
        ("1.200,500m", 1_200_500_000, 0, Currency::EUR),
        ("1 200,5k", 1_200_500, 0, Currency::EUR),
        ("12.345.678,9", 12_345_679, 0, Currency::EUR),
        // A fee of nothing plus add-ons is still a fee.
        ("0m+5m", 0, 5_000_000, Currency::EUR),
    ];

    #[test]
    fn accepts_every_way_papers_write_fees() {
        for &(text, amount, add_ons, currency) in ACCEPTED {
            assert_eq!(
                Fee::parse(text, Currency::EUR),
                Ok(Fee {
                    amount,
                    add_ons,
                    currency
                }),
                "{text:?}"
            );
        }
    }

    /// Text, and what the error must contain besides the quoted text.
    const REFUSED: &[(&str, &str)] = &[
        // One separator before exactly three digits: thousands or decimals?
        ("1,500m", "write 1.5m or 1500m"),
        ("1.500m", "write 1.5m or 1500m"),
        ("1,234m", "write 1234k or 1234m"),
        ("2,000bn", "write 2bn or 2000bn"),
        ("0,500m", "write 0.5m or 500m"),
        ("1,500 million", "write 1.5m or 1500m"),
        ("1.234", "write 1234 without a separator"),
        ("450,000", "write 450000 without a separator"),
        ("€45m+1,500k", "write 1.5k or 1500k"),
        // Separators that are neither one decimal nor groups of three.
        ("45,5,5m", "groups of three"),
        ("1.2.3", "groups of three"),
        ("1,20,000", "groups of three"),
        ("1234,567,000", "groups of three"),
        ("1.200,5,5m", "groups of three"),
        ("1,5.000", "groups of three"),
        ("1.2,5m", "groups of three"),
        ("1 200.000,5", "groups of three"),
        ("45 5m", "groups of three"),
        ("1.200 5", "groups of three"),
        ("1,,5m", "groups of three"),
        // Not numbers, not units.
        ("", "is not a fee"),
        ("m", "is not a fee"),
        ("€", "is not a fee"),
        ("lots", "is not a fee"),
        ("-5m", "is not a fee"),
        (".5m", "is not a fee"),
        ("5.m", "is not a fee"),
        ("45,m", "is not a fee"),
        ("45mil", "is not a fee"),
        ("45 mega", "is not a fee"),
        ("45m+", "is not a fee"),
        ("45m+5m+1m", "more than one add-on"),
        ("€45m+£5m", "mixes currencies (€ and £)"),
        ("USD 45m euros", "mixes currencies ($ and €)"),
        ("0", "a fee of nothing"),
        ("99999bn", "more than 10bn"),
        ("20,000,000m", "more than 10bn"),
    ];

    #[test]
    fn refuses_what_cannot_be_read_for_certain_and_says_how_to_write_it() {
        for &(text, expected) in REFUSED {
            let err = Fee::parse(text, Currency::EUR).expect_err(text);
            assert!(err.starts_with(&format!("'{text}'")), "{text:?}: {err}");
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }

    #[test]
    fn errors_show_valid_forms() {
        assert_eq!(
            Fee::parse("1,500m", Currency::EUR).unwrap_err(),
            "'1,500m' is ambiguous: the comma in 1,500 could mark decimals (1.5m) \
             or thousands (1500m); write 1.5m or 1500m"
        );
        assert_eq!(
            Fee::parse("1.234", Currency::EUR).unwrap_err(),
            "'1.234' is ambiguous: the dot in 1.234 could mark decimals or thousands; \
             write 1234 without a separator, or use a unit, like 45.5m or 500k"
        );
        assert_eq!(
            Fee::parse("45,5,5m", Currency::EUR).unwrap_err(),
            "'45,5,5m' is not a fee: in 45,5,5 the separators are neither one decimal \
             separator nor thousands in groups of three (1,200,000 or 1.200.000); \
             write it like 50m, €45.5m, 45,5m, €45m+5m, £40m, 500k or 45000000"
        );
        assert_eq!(
            Fee::parse("lots", Currency::EUR).unwrap_err(),
            "'lots' is not a fee; write it like 50m, €45.5m, 45,5m, €45m+5m, £40m, 500k or 45000000"
        );
    }

    #[test]
    fn the_suggested_forms_parse_to_the_reading_they_name() {
        assert_eq!(fee("1.5m").amount, 1_500_000);
        assert_eq!(fee("1500m").amount, 1_500_000_000);
        assert_eq!(fee("1234k").amount, 1_234_000);
    }

    #[test]
    fn serialization_is_unchanged() {
        let json = serde_json::to_string(&fee("45,5m+2m")).unwrap();
        assert_eq!(
            json,
            r#"{"amount":45500000,"add_ons":2000000,"currency":"EUR"}"#
        );
        assert_eq!(
            serde_json::to_string(&fee("£40m")).unwrap(),
            r#"{"amount":40000000,"currency":"GBP"}"#
        );
    }

    #[test]
    fn displays_compactly() {
        assert_eq!(fee("€45m+5m").to_string(), "€45m+5m");
        assert_eq!(fee("£40.5m").to_string(), "£40.5m");
        assert_eq!(fee("750k").to_string(), "€750k");
        assert_eq!(fee("45,5m+2,5m").to_string(), "€45.5m+2.5m");
        assert!((fee("£10m").total_eur() - 11_700_000.0).abs() < 1.0);
    }
}
