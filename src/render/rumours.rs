//! Rumours as a table and as a dated story.

use super::{finish, table};
use crate::model::Stance;
use crate::model::source::tier_label;
use crate::query::rumours::RumourView;
use std::fmt::Write;

/// `rumour list`.
pub fn list(views: &[RumourView], width: Option<u16>) -> String {
    if views.is_empty() {
        return "No rumours match.\n".to_string();
    }
    let mut t = table(
        [
            "ID",
            "Player",
            "Move",
            "Status",
            "Reports",
            "Sources",
            "Last report",
        ],
        width,
    );
    for v in views {
        t.add_row([
            v.id.clone(),
            v.player.clone(),
            v.describe_move(),
            v.status.to_string(),
            v.reports.len().to_string(),
            v.sources.to_string(),
            v.last_reported.map(|d| d.to_string()).unwrap_or_default(),
        ]);
    }
    finish(&t)
}

/// `rumour show`: what, where it stands, then reports and status changes in date order.
pub fn detail(v: &RumourView) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Rumour {}: {}, {}", v.id, v.player, v.describe_move());
    let _ = writeln!(out, "  kind     {}", v.kind);
    let _ = writeln!(out, "  status   {}", v.status);
    let plural = if v.sources == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "  reports  {} from {} source{plural}, {} to {}",
        v.reports.len(),
        v.sources,
        v.first_reported.map(|d| d.to_string()).unwrap_or_default(),
        v.last_reported.map(|d| d.to_string()).unwrap_or_default()
    );
    out.push_str("\nTimeline\n");
    // Merge reports and status changes by date; on the same day the status
    // change is told after the reports that led to it.
    let mut lines: Vec<(chrono::NaiveDate, u8, String)> = Vec::new();
    for r in &v.reports {
        let stance = if r.stance == Stance::Against {
            " (against)"
        } else {
            ""
        };
        let mut line = format!("{} (tier {}){stance}", r.source, tier_label(r.tier));
        if let Some(note) = &r.note {
            let _ = write!(line, ": {}", note.replace('\n', " "));
        }
        if let Some(url) = &r.url {
            let _ = write!(line, " <{url}>");
        }
        lines.push((r.date, 0, line));
    }
    for h in &v.history {
        let mut line = format!("status → {}", h.status);
        if let Some(note) = &h.note {
            let _ = write!(line, ": {}", note.replace('\n', " "));
        }
        lines.push((h.date, 1, line));
    }
    lines.sort_by_key(|(date, order, _)| (*date, *order));
    for (date, _, line) in lines {
        let _ = writeln!(out, "  {date}  {line}");
    }
    out
}

/// A short table of a player's rumours, for `player show`.
pub fn brief(views: &[RumourView], width: Option<u16>) -> String {
    if views.is_empty() {
        return String::new();
    }
    let mut t = table(["ID", "Move", "Status", "Sources", "Last report"], width);
    for v in views {
        t.add_row([
            v.id.clone(),
            v.describe_move(),
            v.status.to_string(),
            v.sources.to_string(),
            v.last_reported.map(|d| d.to_string()).unwrap_or_default(),
        ]);
    }
    finish(&t)
}
