//! The depth chart as text: one block per slot, players then targets, then the verdict.

use super::{Style, Tone, cell, finish, or_dash, paint, table};
use crate::query::depth::{Cover, DepthChart, Flag};
use std::fmt::Write;

fn flag_tone(flags: &[Flag]) -> Option<Tone> {
    if flags.contains(&Flag::Leaving) {
        Some(Tone::Bad)
    } else if flags.contains(&Flag::Expiring) {
        Some(Tone::Warn)
    } else if flags.contains(&Flag::Loan) {
        Some(Tone::Note)
    } else {
        None
    }
}

fn cover_tone(cover: Cover) -> Tone {
    match cover {
        Cover::Solid => Tone::Good,
        Cover::AtRisk => Tone::Warn,
        Cover::Thin | Cover::Empty => Tone::Bad,
    }
}

/// `club depth`.
pub fn chart(chart: &DepthChart, style: Style) -> String {
    let mut out = format!(
        "{} — defensive depth chart, as of {}\n",
        chart.club, chart.as_of
    );
    for slot in &chart.slots {
        let _ = write!(out, "\n{}\n", slot.slot);
        if slot.players.is_empty() {
            out.push_str("  (nobody)\n");
        } else {
            let mut t = table(
                ["#", "Player", "Pos", "Age", "Contract ends", "Flags"],
                style,
            );
            for (i, p) in slot.players.iter().enumerate() {
                let mut flags: Vec<&str> = p.flags.iter().map(|f| f.as_str()).collect();
                if p.cover {
                    flags.insert(0, "cover");
                }
                let tone = flag_tone(&p.flags);
                t.add_row(vec![
                    cell(i + 1, None, style),
                    cell(&p.player, tone, style),
                    cell(p.position, None, style),
                    cell(or_dash(p.age), None, style),
                    cell(
                        p.contract_end
                            .map_or("unknown".to_string(), |e| e.to_string()),
                        tone,
                        style,
                    ),
                    cell(flags.join(", "), tone, style),
                ]);
            }
            out.push_str(&finish(&t));
        }
        for target in &slot.targets {
            let plural = if target.sources == 1 {
                "source"
            } else {
                "sources"
            };
            let _ = writeln!(
                out,
                "  {} {} ({}, {}) — {}, {} {plural} [rumour {}]",
                paint("target:", Some(Tone::Note), style),
                target.player,
                target.from.as_deref().unwrap_or("no club"),
                or_dash(target.age),
                target.status,
                target.sources,
                target.rumour
            );
        }
        let _ = writeln!(
            out,
            "  {}",
            paint(&slot.verdict, Some(cover_tone(slot.cover)), style)
        );
    }
    out
}
