//! The depth chart as text: one block per slot, players then targets, then the verdict.

use super::{finish, or_dash, table};
use crate::query::depth::DepthChart;
use std::fmt::Write;

/// `club depth`.
pub fn chart(chart: &DepthChart, width: Option<u16>) -> String {
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
                width,
            );
            for (i, p) in slot.players.iter().enumerate() {
                let mut flags: Vec<&str> = p.flags.iter().map(|f| f.as_str()).collect();
                if p.cover {
                    flags.insert(0, "cover");
                }
                t.add_row([
                    (i + 1).to_string(),
                    p.player.clone(),
                    p.position.to_string(),
                    or_dash(p.age),
                    or_dash(p.contract_end),
                    flags.join(", "),
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
                "  target: {} ({}, {}) — {}, {} {plural} [rumour {}]",
                target.player,
                target.from.as_deref().unwrap_or("no club"),
                or_dash(target.age),
                target.status,
                target.sources,
                target.rumour
            );
        }
        let _ = writeln!(out, "  {}", slot.verdict);
    }
    out
}
