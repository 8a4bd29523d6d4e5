//! Fees as typed after `--fee`, `--value` and `--min-fee`, read with the
//! currency of `--currency`.

use mercato::model::{Currency, Fee};
use mercato::{Error, Result};

pub(super) fn parse_fee(text: &str, currency: Option<&str>) -> Result<Fee> {
    let default = match currency {
        Some(c) => Currency::parse(c).ok_or_else(|| {
            Error::invalid(
                "currency",
                format!("unknown currency '{c}' (EUR, GBP or USD)"),
            )
        })?,
        None => Currency::EUR,
    };
    let fee = Fee::parse(text, default).map_err(|why| Error::invalid("fee", why))?;
    // A fee that names its currency ("£5m") keeps it whatever the default:
    // a --currency that says otherwise is a contradiction, not a default.
    let other = [Currency::EUR, Currency::GBP]
        .into_iter()
        .find(|c| *c != default);
    let named = other
        .and_then(|o| Fee::parse(text, o).ok())
        .map(|f| f.currency)
        == Some(fee.currency);
    if currency.is_some() && named && fee.currency != default {
        return Err(Error::invalid(
            "fee",
            format!(
                "the fee '{}' is in {:?} but --currency says {default:?}; drop one",
                mercato::text::shown(text),
                fee.currency
            ),
        ));
    }
    Ok(fee)
}

/// A fee as `rumour add/update --fee` records it: one above the largest ever
/// paid is taken for a typo unless `--force` says it is meant.
pub(super) fn plausible_fee(text: &str, currency: Option<&str>, force: bool) -> Result<Fee> {
    let fee = parse_fee(text, currency)?;
    match fee.implausible() {
        Some(why) if !force => Err(Error::invalid(
            "fee",
            format!("{why}; if that is what was reported, add --force"),
        )),
        _ => Ok(fee),
    }
}

/// `--value` of a player, in whole euros.
pub(super) fn market_value(text: Option<&str>) -> Result<Option<u64>> {
    text.map(|v| parse_fee(v, None).map(|f| f.total_eur().round() as u64))
        .transpose()
}
