//! Fees as the text writes them: "€23m plus €3m add-ons", "£34m", "$4m",
//! "€100k", "60 million euros", "release clause worth €60m". The number is
//! read by [`Fee::parse`], so the text and the `--fee` flag agree.

use crate::model::fee::{Currency, Fee};

/// A fee found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundFee {
    /// As written ("€12.5m plus €2.5m").
    pub text: String,
    pub fee: Fee,
}

/// One amount: where it was written, and its value.
struct Amount {
    start: usize,
    end: usize,
    fee: Fee,
}

/// The first fee of a sentence, with the add-ons that follow it ("plus
/// €3m", "+ €2m"); wages ("per season", "salary") are not fees.
pub fn find(sentence: &str) -> Option<FoundFee> {
    let amounts = amounts(sentence);
    let mut iter = amounts.iter().enumerate();
    let (i, base) = iter.find(|(_, a)| !is_wage(&sentence[a.end..]))?;
    let mut fee = base.fee;
    let mut end = base.end;
    // Add-ons follow with "plus" or "and": "$4m plus $1m add-ons and over $3.5m".
    for next in &amounts[i + 1..] {
        let between = sentence[end..next.start].to_lowercase();
        let joined = ["plus", "+", " and ", " y ", " et ", " e ", " und "]
            .iter()
            .any(|w| between.contains(w));
        if !joined || between.chars().count() > 30 || next.fee.currency != fee.currency {
            break;
        }
        fee.add_ons += next.fee.amount + next.fee.add_ons;
        end = next.end;
    }
    Some(FoundFee {
        text: sentence[base.start..end].trim().to_string(),
        fee,
    })
}

/// "per season", "salary", "a year" after an amount: wages, not a fee.
fn is_wage(after: &str) -> bool {
    let after: String = after.chars().take(24).collect::<String>().to_lowercase();
    [
        "per season",
        "per year",
        "a year",
        "salary",
        "wage",
        "net",
        "per week",
        "a week",
    ]
    .iter()
    .any(|w| after.contains(w))
}

/// Every amount with a currency in a sentence, in order.
fn amounts(s: &str) -> Vec<Amount> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let found = symbol_first(rest).or_else(|| number_first(rest, i == 0 || boundary(s, i)));
        match found {
            Some((len, fee)) => {
                out.push(Amount {
                    start: i,
                    end: i + len,
                    fee,
                });
                i += len;
            }
            None => i += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

/// Whether a number may start at byte `i` (not inside a word or number).
fn boundary(s: &str, i: usize) -> bool {
    s[..i]
        .chars()
        .last()
        .is_none_or(|c| !c.is_alphanumeric() && c != '.' && c != ',')
}

/// "€23m", "£34.5 million", "$4m", "€100k".
fn symbol_first(rest: &str) -> Option<(usize, Fee)> {
    let symbol = rest.chars().next()?;
    let currency = Currency::parse(&symbol.to_string()).filter(|_| "€£$".contains(symbol))?;
    let after = &rest[symbol.len_utf8()..];
    let after_space = after.trim_start();
    let skipped = after.len() - after_space.len();
    let (mut number, mut unit, mut len) = number_and_unit(after_space)?;
    // A range ("€1/1.5m", "€25-28m"): the upper bound, with its unit.
    if let Some(upper) = after_space[len..].strip_prefix(['/', '-'])
        && let Some((n, u, l)) = number_and_unit(upper).filter(|(_, u, _)| !u.is_empty())
    {
        (number, unit, len) = (n, u, len + 1 + l);
    }
    if unit.is_empty() && number.len() < 4 {
        return None; // "$4" is no transfer fee; "€1" is the start of a range
    }
    let fee = Fee::parse(&format!("{number}{unit}"), currency).ok()?;
    Some((symbol.len_utf8() + skipped + len, fee))
}

/// "60 million euros", "45m euros", "60 millones de euros", "30 Mio. Euro".
fn number_first(rest: &str, at_boundary: bool) -> Option<(usize, Fee)> {
    if !at_boundary {
        return None;
    }
    let (number, unit, len) = number_and_unit(rest)?;
    if unit.is_empty() {
        return None;
    }
    let tail: String = rest[len..]
        .chars()
        .take(16)
        .collect::<String>()
        .to_lowercase();
    let words: Vec<&str> = tail
        .split(|c: char| !c.is_alphanumeric() && c != '€' && c != '£' && c != '$')
        .filter(|w| !w.is_empty())
        .take(2)
        .collect();
    let currency = words.iter().find_map(|w| currency_word(w))?;
    let fee = Fee::parse(&format!("{number}{unit}"), currency).ok()?;
    let cur_end = tail
        .find(|c: char| "€£$".contains(c) || c.is_alphabetic())
        .unwrap_or(0);
    let word_len = tail[cur_end..]
        .find(|c: char| !c.is_alphanumeric() && !"€£$".contains(c))
        .unwrap_or(tail.len() - cur_end);
    let extra: usize = rest[len..]
        .chars()
        .take(cur_end + word_len)
        .map(char::len_utf8)
        .sum();
    Some((len + extra.min(rest.len() - len), fee))
}

fn currency_word(w: &str) -> Option<Currency> {
    match w {
        "euros" | "euro" | "eur" | "€" => Some(Currency::EUR),
        "pounds" | "gbp" | "£" | "sterling" => Some(Currency::GBP),
        "dollars" | "usd" | "$" => Some(Currency::USD),
        "de" | "di" | "d" => None,
        _ => None,
    }
}

/// A number and its unit at the start of a text: ("12.5", "m", bytes used).
fn number_and_unit(s: &str) -> Option<(String, &'static str, usize)> {
    let digits: usize = s
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.' || *c == ',')
        .map(|(_, c)| c.len_utf8())
        .sum();
    let number = s[..digits].trim_end_matches(['.', ',']);
    if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let used = number.len();
    let after = &s[used..];
    let trimmed = after.trim_start();
    let word: String = trimmed
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>();
    let unit = match word.to_lowercase().as_str() {
        "m" | "mn" | "mln" | "mio" | "million" | "millions" | "millones" | "millon" | "milioni"
        | "milione" | "millionen" | "milhoes" | "milhões" => "m",
        "k" | "thousand" => "k",
        "bn" | "billion" => "bn",
        _ => "",
    };
    let len = if unit.is_empty() {
        used
    } else {
        used + (after.len() - trimmed.len()) + word.len()
    };
    Some((number.to_string(), unit, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn millions(s: &str) -> Option<(f64, Currency, String)> {
        find(s).map(|f| {
            let m = (f.fee.amount + f.fee.add_ons) as f64 / 1e6;
            (m, f.fee.currency, f.text)
        })
    }

    #[test]
    fn fees_as_written() {
        assert_eq!(
            millions("Agreement reached for €23m plus €3m add-ons fee."),
            Some((26.0, Currency::EUR, "€23m plus €3m".into()))
        );
        assert_eq!(millions("a fee of £34m").map(|f| f.0), Some(34.0));
        assert_eq!(
            millions("fee will be $4m plus $1m easy add-ons and over $3.5m based on").map(|f| f.0),
            Some(8.5)
        );
        assert_eq!(millions("loan around €1/1.5m and").map(|f| f.0), Some(1.5));
        assert_eq!(
            millions("Initial fee $4m plus").map(|f| f.1),
            Some(Currency::USD)
        );
        assert_eq!(millions("for €100k fee").map(|f| f.0), Some(0.1));
        assert_eq!(millions("up to €12.5m").map(|f| f.0), Some(12.5));
        assert_eq!(
            millions("pagará 60 millones de euros").map(|f| f.0),
            Some(60.0)
        );
        assert_eq!(
            millions("release clause worth €60m").map(|f| f.0),
            Some(60.0)
        );
        assert_eq!(millions("earning €10m per season"), None);
        assert_eq!(millions("20% sell-on clause"), None);
        assert_eq!(millions("until June 2027"), None);
    }
}
