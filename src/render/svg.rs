//! Standalone SVG pictures: the depth chart on a half pitch, and the
//! contract timeline. Plain templated SVG (no dependency), every text escaped.

use super::pitch::{Standing, short_name, standing};
use crate::query::depth::{DepthChart, Flag};
use crate::query::timeline::Timeline;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;

const RED: &str = "#d32f2f";
const AMBER: &str = "#f9a825";
const GREEN: &str = "#2e7d32";
/// "Secure" on the pitch: bright enough to stand out from the grass.
const SECURE: &str = "#b9f6ca";
const TARGET: &str = "#1565c0";
const FONT: &str = "DejaVu Sans, Helvetica, Arial, sans-serif";

/// Escapes text for SVG content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn colour(s: Standing) -> &'static str {
    match s {
        Standing::Red => RED,
        Standing::Amber => AMBER,
        Standing::Green => SECURE,
    }
}

/// `club depth --svg`: a half pitch with GK, RB, CB, CB, LB in formation.
pub fn depth(chart: &DepthChart) -> String {
    let (w, h) = (900, 740);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}">"##
    );
    let _ = writeln!(s, r##"<rect width="{w}" height="{h}" fill="#f5f5f0"/>"##);
    let _ = writeln!(
        s,
        r##"<text x="30" y="40" font-size="24" font-weight="bold" fill="#222">{} — defensive depth chart</text>"##,
        escape(&chart.club)
    );
    let _ = writeln!(
        s,
        r##"<text x="30" y="64" font-size="14" fill="#555">as of {}</text>"##,
        chart.as_of
    );
    // The pitch: stripes, touchlines, penalty area, goal area, arc, halfway line.
    let (px, py, pw, ph) = (30, 80, 840, 520);
    for i in 0..8 {
        let fill = if i % 2 == 0 { "#3a8f3e" } else { "#43a047" };
        let _ = writeln!(
            s,
            r#"<rect x="{px}" y="{}" width="{pw}" height="{}" fill="{fill}"/>"#,
            py + i * ph / 8,
            ph / 8
        );
    }
    let line = r##"fill="none" stroke="#ffffff" stroke-width="3" stroke-opacity="0.85""##;
    let _ = writeln!(
        s,
        r#"<rect x="{px}" y="{py}" width="{pw}" height="{ph}" {line}/>"#
    );
    let _ = writeln!(
        s,
        r#"<rect x="{}" y="{py}" width="440" height="140" {line}/>"#,
        px + pw / 2 - 220
    );
    let _ = writeln!(
        s,
        r#"<rect x="{}" y="{py}" width="200" height="50" {line}/>"#,
        px + pw / 2 - 100
    );
    let _ = writeln!(
        s,
        r#"<path d="M {} {} A 80 80 0 0 0 {} {}" {line}/>"#,
        px + pw / 2 - 64,
        py + 140,
        px + pw / 2 + 64,
        py + 140
    );
    let _ = writeln!(
        s,
        r#"<path d="M {} {} A 90 90 0 0 1 {} {}" {line}/>"#,
        px + pw / 2 - 90,
        py + ph,
        px + pw / 2 + 90,
        py + ph
    );
    let _ = writeln!(
        s,
        r##"<rect x="{}" y="{}" width="120" height="10" fill="#ffffff"/>"##,
        px + pw / 2 - 60,
        py - 10
    );
    // Slots in formation: (label, x, y, players and targets).
    let find = |code: &str| chart.slots.iter().find(|x| x.slot.code() == code);
    let mut columns: Vec<(&str, i32, i32, Vec<String>)> = vec![
        ("GK", 450, 150, Vec::new()),
        ("RB", 140, 300, Vec::new()),
        ("CB", 345, 280, Vec::new()),
        ("CB", 555, 280, Vec::new()),
        ("LB", 760, 300, Vec::new()),
    ];
    let mut place = |code: &str, targets: &[usize]| {
        let Some(slot) = find(code) else { return };
        for (n, p) in slot.players.iter().enumerate() {
            let st = standing(p, chart.as_of);
            let mut label = short_name(&p.player);
            if p.flags.contains(&Flag::Loan) {
                label.push_str(" (loan)");
            }
            let detail = format!(
                "{}{}{}",
                p.age.map(|a| format!("{a} yrs")).unwrap_or_default(),
                p.contract_end
                    .map(|e| format!(" · until {}", e.year()))
                    .unwrap_or_default(),
                if p.cover { " · cover" } else { "" }
            );
            columns[targets[n % targets.len()]].3.push(format!(
                r##"<circle cx="-66" cy="-5" r="7" fill="{}" stroke="#fff" stroke-width="1.5"/><text x="-54" y="0" font-size="15" font-weight="bold" fill="#fff">{}</text><text x="-54" y="16" font-size="12" fill="#e8f5e9">{}</text>"##,
                colour(st),
                escape(&label),
                escape(&detail)
            ));
        }
        for (n, t) in slot.targets.iter().enumerate() {
            columns[targets[n % targets.len()]].3.push(format!(
                r##"<rect x="-72" y="-18" width="150" height="38" rx="6" fill="none" stroke="#bbdefb" stroke-width="1.5" stroke-dasharray="5 4"/><text x="-64" y="0" font-size="14" font-style="italic" fill="#e3f2fd">→ {}</text><text x="-64" y="15" font-size="11" font-style="italic" fill="#e3f2fd">target: {}, {} src</text>"##,
                escape(&short_name(&t.player)),
                t.status,
                t.sources
            ));
        }
    };
    place("GK", &[0]);
    place("RB", &[1]);
    place("CB", &[2, 3]);
    place("LB", &[4]);
    for (label, x, y, entries) in &columns {
        let _ = writeln!(
            s,
            r##"<text x="{x}" y="{}" font-size="16" font-weight="bold" fill="#ffffff" text-anchor="middle" opacity="0.9">{label}</text>"##,
            y - 28
        );
        if entries.is_empty() {
            let _ = writeln!(
                s,
                r##"<text x="{x}" y="{y}" font-size="13" fill="#e8f5e9" text-anchor="middle" font-style="italic">nobody</text>"##
            );
        }
        for (i, entry) in entries.iter().enumerate() {
            let _ = writeln!(
                s,
                r#"<g transform="translate({} {})">{entry}</g>"#,
                x,
                y + i as i32 * 44
            );
        }
    }
    // Legend and verdicts.
    let mut ly = 625;
    for (fill, text) in [
        (RED, "leaving, or contract ends within 6 months"),
        (AMBER, "final 12 months of contract"),
        (SECURE, "secure"),
    ] {
        let _ = writeln!(
            s,
            r##"<circle cx="40" cy="{}" r="7" fill="{fill}" stroke="#555" stroke-width="1"/><text x="54" y="{ly}" font-size="13" fill="#333">{text}</text>"##,
            ly - 5
        );
        ly += 22;
    }
    let _ = writeln!(
        s,
        r##"<rect x="30" y="{}" width="22" height="14" rx="3" fill="none" stroke="{TARGET}" stroke-dasharray="4 3"/><text x="60" y="{ly}" font-size="13" fill="#333">target (open rumour of a move here)</text>"##,
        ly - 12
    );
    for (i, slot) in chart.slots.iter().enumerate() {
        let _ = writeln!(
            s,
            r##"<text x="460" y="{}" font-size="13" fill="#333">{}</text>"##,
            625 + i * 22,
            escape(&slot.verdict)
        );
    }
    s.push_str("</svg>\n");
    s
}

fn x_of(day: NaiveDate, first_year: i32, last_year: i32, left: f64, width: f64) -> f64 {
    let start = NaiveDate::from_ymd_opt(first_year, 1, 1).unwrap_or(day);
    let end = NaiveDate::from_ymd_opt(last_year + 1, 1, 1).unwrap_or(day);
    let span = (end - start).num_days().max(1) as f64;
    let at = (day - start).num_days().clamp(0, (end - start).num_days()) as f64;
    left + width * at / span
}

/// `contract timeline --svg`: one bar per contract, today marked, final
/// years highlighted, open rumours as diamonds on the bars.
pub fn timeline(t: &Timeline) -> String {
    let (left, width) = (230.0, 640.0);
    let row_h = 26.0;
    let top = 90.0;
    let h = top + row_h * t.rows.len().max(1) as f64 + 90.0;
    let w = 900.0;
    let x = |d: NaiveDate| x_of(d, t.first_year, t.last_year, left, width);
    let mut s = String::new();
    let _ = writeln!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT}">"##
    );
    let _ = writeln!(s, r##"<rect width="{w}" height="{h}" fill="#ffffff"/>"##);
    let _ = writeln!(
        s,
        r##"<text x="20" y="36" font-size="22" font-weight="bold" fill="#222">{} — contracts</text>"##,
        escape(&t.title)
    );
    let _ = writeln!(
        s,
        r##"<text x="20" y="58" font-size="13" fill="#555">as of {}</text>"##,
        t.as_of
    );
    for year in t.first_year..=t.last_year + 1 {
        let Some(day) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            continue;
        };
        let xx = x(day);
        let _ = writeln!(
            s,
            r##"<line x1="{xx:.1}" y1="{}" x2="{xx:.1}" y2="{}" stroke="#e0e0e0"/>"##,
            top - 10.0,
            h - 80.0
        );
        if year <= t.last_year {
            let _ = writeln!(
                s,
                r##"<text x="{:.1}" y="{}" font-size="12" fill="#666" text-anchor="middle">{year}</text>"##,
                xx + width / f64::from(t.last_year - t.first_year + 1) / 2.0,
                top - 16.0
            );
        }
    }
    for (i, row) in t.rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let start = row
            .start
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(t.first_year, 1, 1).unwrap_or(row.end));
        let (x0, x1) = (x(start), x(row.end));
        let fill = GREEN;
        let _ = writeln!(
            s,
            r##"<text x="20" y="{:.1}" font-size="13" fill="#222">{} <tspan fill="#888">{}{}</tspan></text>"##,
            y + 15.0,
            escape(&row.player),
            row.position,
            if row.loan { " · loan" } else { "" }
        );
        let _ = writeln!(
            s,
            r##"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="16" rx="3" fill="{fill}" opacity="{}"><title>{} until {}</title></rect>"##,
            y + 3.0,
            (x1 - x0).max(2.0),
            if row.start.is_some() { "0.9" } else { "0.55" },
            escape(&row.player),
            row.end
        );
        // The final twelve months, highlighted.
        let xf = x(super::timeline::final_twelve_months(row.end)).max(x0);
        let _ = writeln!(
            s,
            r##"<rect x="{xf:.1}" y="{:.1}" width="{:.1}" height="16" rx="3" fill="{AMBER}"/>"##,
            y + 3.0,
            (x1 - xf).max(1.0)
        );
        for r in &row.rumours {
            let rx = x(r.date);
            let what = match &r.to {
                Some(to) if r.kind == crate::model::MoveKind::Transfer => format!("→ {to}"),
                _ => r.kind.to_string(),
            };
            let _ = writeln!(
                s,
                r##"<path d="M {rx:.1} {:.1} l 7 7 l -7 7 l -7 -7 z" fill="{TARGET}" stroke="#fff"><title>{} ({}, {})</title></path>"##,
                y + 4.0,
                escape(&what),
                r.status,
                r.date
            );
        }
    }
    let today = x(t.as_of);
    let _ = writeln!(
        s,
        r##"<line x1="{today:.1}" y1="{}" x2="{today:.1}" y2="{}" stroke="{RED}" stroke-width="2" stroke-dasharray="6 4"/>"##,
        top - 10.0,
        h - 80.0
    );
    let _ = writeln!(
        s,
        r##"<text x="{today:.1}" y="{}" font-size="12" fill="{RED}" text-anchor="middle">today</text>"##,
        h - 64.0
    );
    let ly = h - 30.0;
    let _ = writeln!(
        s,
        r##"<rect x="20" y="{:.1}" width="22" height="12" fill="{GREEN}"/><text x="48" y="{ly:.1}" font-size="12" fill="#333">contract</text>"##,
        ly - 10.0
    );
    let _ = writeln!(
        s,
        r##"<rect x="130" y="{:.1}" width="22" height="12" fill="{AMBER}"/><text x="158" y="{ly:.1}" font-size="12" fill="#333">final 12 months</text>"##,
        ly - 10.0
    );
    let _ = writeln!(
        s,
        r##"<path d="M 320 {:.1} l 7 7 l -7 7 l -7 -7 z" fill="{TARGET}"/><text x="334" y="{ly:.1}" font-size="12" fill="#333">open rumour (latest report)</text>"##,
        ly - 12.0
    );
    let _ = writeln!(
        s,
        r##"<text x="540" y="{ly:.1}" font-size="12" fill="#333">faded bar: start date unknown</text>"##
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("A&B <x> \"q\" 'a'"),
            "A&amp;B &lt;x&gt; &quot;q&quot; &apos;a&apos;"
        );
        assert_eq!(escape("bell\u{7}"), "bell");
    }
}
