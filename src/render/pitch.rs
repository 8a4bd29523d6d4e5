//! The depth chart as a half pitch in the terminal: GK at the top, then RB,
//! CB, CB, LB across, depth below each slot, targets pencilled in. Markers
//! carry the meaning, colour only repeats it, so the picture reads the same
//! piped or with `NO_COLOR`.

use super::{Style, Tone, paint};
use crate::query::depth::{DepthChart, DepthPlayer, DepthTarget, Flag};
use chrono::{Datelike, Months, NaiveDate};
use std::fmt::Write;

/// Width of one column of the back line.
const COLUMN: usize = 20;
const INNER: usize = COLUMN * 4;

/// How secure a player is, for colour and marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Leaving, or the contract ends within 6 months.
    Red,
    /// In the final 12 months of the contract.
    Amber,
    Green,
}

/// A player's standing on `as_of`.
pub fn standing(p: &DepthPlayer, as_of: NaiveDate) -> Standing {
    let six_months = as_of
        .checked_add_months(Months::new(6))
        .unwrap_or(NaiveDate::MAX);
    if p.flags.contains(&Flag::Leaving) || p.contract_end.is_some_and(|e| e <= six_months) {
        Standing::Red
    } else if p.flags.contains(&Flag::Expiring) {
        Standing::Amber
    } else {
        Standing::Green
    }
}

/// "Alexander-Arnold", "van Dijk", "Van Buyten": what a scout writes on a
/// team sheet.
pub fn short_name(name: &str) -> String {
    crate::names::surname(name)
}

/// Two lines per player: marker and name, then age, contract end and flags.
fn player_lines(p: &DepthPlayer, as_of: NaiveDate) -> ([String; 2], Standing) {
    let s = standing(p, as_of);
    let marker = match s {
        Standing::Red => "!",
        Standing::Amber => "~",
        Standing::Green => " ",
    };
    let name = format!("{marker}{}", short_name(&p.player));
    let mut detail = String::from(" ");
    if let Some(age) = p.age {
        let _ = write!(detail, " {age}");
    }
    if let Some(end) = p.contract_end {
        let _ = write!(detail, " until {}", end.year());
    }
    if p.flags.contains(&Flag::Loan) {
        detail.push_str(" L");
    }
    if p.cover {
        detail.push_str(" c");
    }
    ([name, detail], s)
}

fn target_line(t: &DepthTarget) -> String {
    format!("+{} ({})", short_name(&t.player), t.status)
}

fn fit(text: &str, width: usize) -> String {
    let count = text.chars().count();
    if count <= width {
        format!("{text}{}", " ".repeat(width - count))
    } else {
        let cut: String = text.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

fn centered(text: &str, width: usize) -> String {
    let count = text.chars().count().min(width);
    let left = (width - count) / 2;
    fit(&format!("{}{text}", " ".repeat(left)), width)
}

fn tone(s: Standing) -> Option<Tone> {
    match s {
        Standing::Red => Some(Tone::Bad),
        Standing::Amber => Some(Tone::Warn),
        Standing::Green => Some(Tone::Good),
    }
}

/// One cell of a column, padded, then coloured (padding first, so colour
/// codes never upset the alignment).
type Cell = (String, Option<Tone>);

/// How wide the pitch is drawn, borders included.
pub const PITCH_WIDTH: usize = INNER + 4;

/// `club depth --view pitch`. In a terminal narrower than the pitch, the
/// chart is stacked instead (one block per slot, as `--view table`), with a
/// line saying so: a pitch cut by the terminal's edge reads as nonsense.
pub fn pitch(chart: &DepthChart, style: Style) -> String {
    if style.width.is_some_and(|w| usize::from(w) < PITCH_WIDTH) {
        return format!(
            "(the pitch needs {PITCH_WIDTH} columns; stacked instead)\n{}",
            super::depth::chart(chart, style)
        );
    }
    let as_of = chart.as_of;
    let slot = |code: &str| chart.slots.iter().find(|s| s.slot.code() == code);
    let mut out = format!(
        "{} — defensive depth chart, as of {}\n",
        chart.club, chart.as_of
    );
    let border = "─".repeat(INNER + 2);
    let _ = writeln!(out, "┌{border}┐");
    let line = |out: &mut String, cells: &[Cell]| {
        let mut row = String::new();
        for (text, t) in cells {
            row.push_str(&paint(text, *t, style));
        }
        let _ = writeln!(out, "│ {row} │");
    };
    // The goal and the goalkeepers.
    line(&mut out, &[(centered("┌────────────┐", INNER), None)]);
    line(&mut out, &[(centered("│     GK     │", INNER), None)]);
    line(&mut out, &[(centered("└────────────┘", INNER), None)]);
    if let Some(gk) = slot("GK") {
        if gk.players.is_empty() && gk.targets.is_empty() {
            line(&mut out, &[(centered("(nobody)", INNER), None)]);
        }
        for p in &gk.players {
            let (texts, s) = player_lines(p, as_of);
            line(&mut out, &[(centered(&texts.join(""), INNER), tone(s))]);
        }
        for t in &gk.targets {
            line(
                &mut out,
                &[(centered(&target_line(t), INNER), Some(Tone::Note))],
            );
        }
    }
    line(&mut out, &[(" ".repeat(INNER), None)]);
    // The back line: RB, CB, CB, LB; centre-backs alternate between the two CB columns.
    let mut columns: Vec<Vec<Cell>> = vec![Vec::new(); 4];
    let titles = ["RB", "CB", "CB", "LB"];
    for (i, title) in titles.iter().enumerate() {
        columns[i].push((centered(title, COLUMN), None));
    }
    let mut fill = |code: &str, targets: &[usize]| {
        let Some(s) = slot(code) else { return };
        for (n, p) in s.players.iter().enumerate() {
            let col = targets[n % targets.len()];
            let (texts, st) = player_lines(p, as_of);
            for text in texts {
                columns[col].push((fit(&text, COLUMN), tone(st)));
            }
        }
        for (n, t) in s.targets.iter().enumerate() {
            let col = targets[n % targets.len()];
            columns[col].push((fit(&target_line(t), COLUMN), Some(Tone::Note)));
        }
        if s.players.is_empty() && s.targets.is_empty() {
            for col in targets {
                columns[*col].push((fit(" (nobody)", COLUMN), None));
            }
        }
    };
    fill("RB", &[0]);
    fill("CB", &[1, 2]);
    fill("LB", &[3]);
    let height = columns.iter().map(Vec::len).max().unwrap_or(0);
    for row in 0..height {
        let cells: Vec<Cell> = columns
            .iter()
            .map(|c| {
                c.get(row)
                    .cloned()
                    .unwrap_or_else(|| (" ".repeat(COLUMN), None))
            })
            .collect();
        line(&mut out, &cells);
    }
    line(&mut out, &[(" ".repeat(INNER), None)]);
    let _ = writeln!(out, "└{border}┘");
    for s in &chart.slots {
        let _ = writeln!(out, "  {}", paint(&s.verdict, None, style));
    }
    out.push_str("  ! leaving or contract ends within 6 months   ~ final 12 months   L loan   c cover   + target\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_keep_particles() {
        assert_eq!(short_name("Virgil van Dijk"), "van Dijk");
        assert_eq!(short_name("Trent Alexander-Arnold"), "Alexander-Arnold");
        assert_eq!(short_name("Militão"), "Militão");
        assert_eq!(short_name("Daniel Van Buyten"), "Van Buyten");
    }

    #[test]
    fn cells_are_cut_to_fit() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(centered("ab", 6), "  ab  ");
    }
}
