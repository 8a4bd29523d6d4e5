//! `rumour extract`: the proposals a text gave, numbered for `--pick`, each
//! with the words that decided it, then the names nobody knows.

use super::rumours::status_tone;
use super::{Style, cell, finish, table};
use crate::extract::{Extraction, Kind, Proposal};
use std::fmt::Write;

/// The move in a few words: "Bayern Munich → Real Madrid (loan)".
fn describe(p: &Proposal) -> String {
    let from = p.from.as_ref().map_or("(no club)", |c| c.name.as_str());
    match p.kind {
        Kind::Transfer => format!(
            "{from} → {}",
            p.to.as_ref().map_or("?", |c| c.name.as_str())
        ),
        Kind::Loan => format!(
            "{from} → {} (loan{})",
            p.to.as_ref().map_or("?", |c| c.name.as_str()),
            if p.option_to_buy {
                ", option to buy"
            } else {
                ""
            }
        ),
        Kind::Renewal => format!("renewal at {from}"),
        Kind::Departure => format!("leaving {from}"),
    }
}

/// The proposals as a table, then the unknown names and what to do next.
pub fn proposals(x: &Extraction, applied: bool, style: Style) -> String {
    let mut out = String::new();
    if x.proposals.is_empty() {
        out.push_str("No move of a known player in this text.\n");
    } else {
        let mut t = table(
            [
                "#", "Player", "Move", "Status", "Fee", "Via", "Evidence", "Conf.", "Action",
            ],
            style,
        );
        for (i, p) in x.proposals.iter().enumerate() {
            let action = match &p.rumour {
                Some(id) => format!("{} {}", p.action.as_str(), id),
                None => p.action.as_str().to_string(),
            };
            t.add_row(vec![
                cell(i + 1, None, style),
                cell(&p.player.name, None, style),
                cell(describe(p), None, style),
                cell(p.status, Some(status_tone(p.status)), style),
                cell(p.fee.as_ref().map_or("", |f| f.text.as_str()), None, style),
                cell(p.via.as_deref().unwrap_or(""), None, style),
                cell(p.evidence.join(", "), None, style),
                cell(format!("{:?}", p.confidence).to_lowercase(), None, style),
                cell(action, None, style),
            ]);
        }
        out.push_str(&finish(&t));
    }
    for u in &x.unknown {
        let _ = writeln!(
            out,
            "'{}' is not a known player — add him with `mercato player add`",
            u.text
        );
    }
    if !applied && !x.proposals.is_empty() {
        out.push_str(
            "Dry run: nothing recorded. Record them with --apply (or some with --pick 1,3).\n",
        );
    }
    out
}
