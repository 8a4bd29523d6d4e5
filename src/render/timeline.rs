//! The contract timeline in the terminal: one bar per player over the years.

use super::{Style, Tone, paint};
use crate::query::timeline::Timeline;
use chrono::NaiveDate;
use std::fmt::Write;

const NAME: usize = 24;
/// At most this many names in the "contract end unknown" line.
const UNKNOWN_SHOWN: usize = 20;
const CHARS_PER_YEAR: i32 = 5;

/// `contract timeline`: `=` under contract, `#` final 12 months, `|` today,
/// `*` an open rumour's latest report; a bar starting with `<` has no known start.
pub fn timeline(t: &Timeline, style: Style) -> String {
    let years = t.last_year - t.first_year + 1;
    let width = (years * CHARS_PER_YEAR) as usize;
    let col = |day: NaiveDate| -> usize {
        let start = NaiveDate::from_ymd_opt(t.first_year, 1, 1).unwrap_or(day);
        let end = NaiveDate::from_ymd_opt(t.last_year + 1, 1, 1).unwrap_or(day);
        let span = (end - start).num_days().max(1);
        let at = (day - start).num_days().clamp(0, span - 1);
        (at * width as i64 / span) as usize
    };
    let mut out = format!("{} — contracts, as of {}\n\n", t.title, t.as_of);
    let mut axis = String::new();
    for year in t.first_year..=t.last_year {
        let _ = write!(axis, "{:<width$}", year, width = CHARS_PER_YEAR as usize);
    }
    let _ = writeln!(out, "{:NAME$} {}", "", axis.trim_end());
    if t.rows.is_empty() {
        out.push_str("(no current contracts)\n");
    }
    let today = col(t.as_of);
    for row in &t.rows {
        let mut cells: Vec<(char, Option<Tone>)> = vec![(' ', None); width];
        let from = row.start.map_or(0, col);
        let to = col(row.end);
        let final_year = col(final_twelve_months(row.end));
        for (i, cell) in cells.iter_mut().enumerate().take(to + 1).skip(from) {
            *cell = if i >= final_year {
                ('#', Some(Tone::Warn))
            } else {
                ('=', Some(Tone::Good))
            };
        }
        if row.start.is_none() {
            cells[0] = ('<', cells[0].1);
        }
        if today < width {
            cells[today] = ('|', Some(Tone::Bad));
        }
        for r in &row.rumours {
            let c = col(r.date).min(width - 1);
            cells[c] = ('*', Some(Tone::Note));
        }
        let mut bar = String::new();
        for (ch, tone) in cells {
            bar.push_str(&paint(&ch.to_string(), tone, style));
        }
        let mut label = crate::names::fit_name(&row.player, NAME - 5);
        let _ = write!(label, " {}", row.position);
        let end = format!(" {}{}", row.end, if row.loan { " loan" } else { "" });
        let _ = writeln!(out, "{label:NAME$} {}{end}", bar.trim_end());
    }
    out.push_str("\n= under contract   # final 12 months   | today   * open rumour (latest report)   < start unknown\n");
    if !t.unknown_end.is_empty() {
        // A whole league imported without expiries would be a wall of names.
        let shown: Vec<&str> = t
            .unknown_end
            .iter()
            .take(UNKNOWN_SHOWN)
            .map(String::as_str)
            .collect();
        let more = t.unknown_end.len() - shown.len();
        let _ = writeln!(
            out,
            "Contract end unknown (no bar): {}{}",
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more (--club or --position to narrow, --json for all)")
            } else {
                String::new()
            }
        );
    }
    out
}

/// The first day of a contract's final twelve months.
pub fn final_twelve_months(end: NaiveDate) -> NaiveDate {
    end.checked_sub_months(chrono::Months::new(12))
        .unwrap_or(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_unknown_ends_is_cut_with_a_count() {
        let t = Timeline {
            title: "contracts".into(),
            as_of: "2026-02-20".parse().unwrap(),
            first_year: 2026,
            last_year: 2027,
            rows: Vec::new(),
            unknown_end: (0..900).map(|i| format!("Player {i}")).collect(),
        };
        let text = timeline(&t, Style::default());
        assert!(
            text.contains("Player 19,") || text.contains("Player 19 and"),
            "{text}"
        );
        assert!(!text.contains("Player 20,"), "{text}");
        assert!(text.contains("and 880 more"), "{text}");
    }
}
