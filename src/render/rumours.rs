//! Rumours as a table, as a dated story, and the digest of what changed.

use super::{Style, Tone, cell, finish, paint, table};
use crate::model::Stance;
use crate::model::Status;
use crate::model::fee::{Currency, format_amount};
use crate::model::source::tier_label;
use crate::query::digest::{Change, Digest, Side};
use crate::query::rumours::RumourView;
use std::fmt::Write;

/// The colour of a status.
pub fn status_tone(status: Status) -> Tone {
    match status {
        Status::Done => Tone::Good,
        Status::Agreed | Status::Talks => Tone::Warn,
        Status::Off | Status::Denied => Tone::Bad,
        Status::Rumour => Tone::Note,
    }
}

/// The status as shown in tables: "rumour", or "rumour (cold)" once the
/// story has gone quiet.
fn status_text(v: &RumourView) -> String {
    if v.cold {
        format!("{} (cold)", v.status)
    } else {
        v.status.to_string()
    }
}

/// `rumour list`.
pub fn list(views: &[RumourView], style: Style) -> String {
    if views.is_empty() {
        return "No rumours match.\n".to_string();
    }
    let mut t = table(
        [
            "ID",
            "Player",
            "Move",
            "Status",
            "Likely",
            "Sources",
            "Last report",
            "Note",
        ],
        style,
    );
    for v in views {
        let sources = if v.independent_sources == v.sources {
            v.sources.to_string()
        } else {
            format!("{} ({} indep.)", v.sources, v.independent_sources)
        };
        t.add_row(vec![
            cell(&v.id, None, style),
            cell(&v.player, None, style),
            cell(v.describe_move(), None, style),
            cell(status_text(v), Some(status_tone(v.status)), style),
            cell(format!("{}%", v.likelihood), None, style),
            cell(sources, None, style),
            cell(
                v.last_reported.map(|d| d.to_string()).unwrap_or_default(),
                None,
                style,
            ),
            cell(
                if v.reheated { "reheated" } else { "" },
                Some(Tone::Warn),
                style,
            ),
        ]);
    }
    finish(&t)
}

/// `rumour show`: what, where it stands, how likely and why, fees, then
/// reports and status changes in date order.
pub fn detail(v: &RumourView, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Rumour {}: {}, {}", v.id, v.player, v.describe_move());
    out.push_str(&super::conflicts::block(&v.id, &v.conflicts));
    let _ = writeln!(out, "  kind        {}", v.kind);
    let _ = writeln!(
        out,
        "  status      {}",
        paint(&status_text(v), Some(status_tone(v.status)), style)
    );
    let _ = writeln!(
        out,
        "  likelihood  {}%: {}",
        v.likelihood, v.likelihood_explained
    );
    let plural = if v.sources == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "  reports     {} from {} source{plural} ({} independent), {} to {}{}",
        v.reports.len(),
        v.sources,
        v.independent_sources,
        v.first_reported.map(|d| d.to_string()).unwrap_or_default(),
        v.last_reported.map(|d| d.to_string()).unwrap_or_default(),
        if v.reheated { ", reheated" } else { "" }
    );
    if let Some(fees) = &v.fees {
        let mut line = format!(
            "  fees        {} quote{}: first {}, latest {}; range {}–{}",
            fees.quotes,
            if fees.quotes == 1 { "" } else { "s" },
            fees.first,
            fees.latest,
            format_amount(fees.low_eur, Currency::EUR),
            format_amount(fees.high_eur, Currency::EUR)
        );
        if let (Some(value), Some(low), Some(high)) =
            (fees.market_value, fees.low_vs_market, fees.high_vs_market)
        {
            let _ = write!(
                line,
                "; market value {} ({:.0}%–{:.0}% of it)",
                format_amount(value, Currency::EUR),
                low * 100.0,
                high * 100.0
            );
        }
        let _ = writeln!(out, "{line}");
    }
    out.push_str("\nTimeline\n");
    // Reports and status changes by date; on the same day a status change
    // is told after the reports that led to it.
    let mut lines: Vec<(chrono::NaiveDate, u8, String)> = Vec::new();
    // Reports are numbered oldest first, as `rumour remove --report N` takes them.
    for (n, r) in v.reports.iter().enumerate() {
        let mut line = format!("{} (tier {})", r.source, tier_label(r.tier));
        if let Some(via) = &r.via {
            let _ = write!(line, " via {via}");
        }
        if r.stance == Stance::Against {
            line.push_str(&paint(" against", Some(Tone::Bad), style));
        }
        if let Some(fee) = &r.fee {
            let _ = write!(line, " fee {}", fee.text);
        }
        if r.loan {
            line.push_str(if r.option_to_buy {
                " loan with option to buy"
            } else {
                " loan"
            });
        }
        if let Some(note) = &r.note {
            let _ = write!(line, ": {}", note.replace('\n', " "));
        }
        if let Some(url) = &r.url {
            let _ = write!(line, " <{url}>");
        }
        if r.reheated {
            line = format!("{} {line}", paint("[reheated]", Some(Tone::Warn), style));
        }
        lines.push((r.date, 0, format!("#{} {line}", n + 1)));
    }
    for h in &v.history {
        let mut line = format!(
            "status → {}",
            paint(h.status.as_str(), Some(status_tone(h.status)), style)
        );
        if let Some(source) = &h.source {
            let _ = write!(line, " ({source})");
        }
        if let Some(fee) = &h.fee {
            let _ = write!(line, ", fee {}", fee.text);
        }
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
pub fn brief(views: &[RumourView], style: Style) -> String {
    if views.is_empty() {
        return String::new();
    }
    let mut t = table(["ID", "Move", "Status", "Likely", "Last report"], style);
    for v in views {
        t.add_row(vec![
            cell(&v.id, None, style),
            cell(v.describe_move(), None, style),
            cell(status_text(v), Some(status_tone(v.status)), style),
            cell(format!("{}%", v.likelihood), None, style),
            cell(
                v.last_reported.map(|d| d.to_string()).unwrap_or_default(),
                None,
                style,
            ),
        ]);
    }
    finish(&t)
}

/// `digest`: per club, each change on a line.
pub fn digest(d: &Digest, style: Style) -> String {
    let mut out = format!(
        "Since {} (as of {}): {} new rumour{}, {} new report{}, {} status change{}, {} contract{} signed\n",
        d.since,
        d.as_of,
        d.new_rumours,
        if d.new_rumours == 1 { "" } else { "s" },
        d.new_reports,
        if d.new_reports == 1 { "" } else { "s" },
        d.status_changes,
        if d.status_changes == 1 { "" } else { "s" },
        d.signings,
        if d.signings == 1 { "" } else { "s" },
    );
    for club in &d.clubs {
        let _ = write!(out, "\n{}\n", club.club);
        for item in &club.items {
            let what = match item.change {
                Change::NewRumour => format!("new rumour from {}", item.detail),
                Change::Report => format!("report from {}", item.detail),
                Change::Status => format!("status → {}", item.detail),
                Change::Signing => format!("contract signed, {}", item.detail),
            };
            let side = match item.side {
                Side::In => "in ",
                Side::Out => "out",
                Side::Stays => "   ",
            };
            let rumour = match (&item.rumour, item.likelihood) {
                (Some(id), Some(l)) => format!(" [{id}, {l}%]"),
                (Some(id), None) => format!(" [{id}]"),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "  {}  {side}  {}, {}: {}{rumour}",
                item.date,
                item.player,
                item.move_text,
                paint(
                    &what,
                    matches!(item.change, Change::NewRumour | Change::Signing)
                        .then_some(Tone::Note),
                    style
                ),
            );
        }
    }
    out
}
