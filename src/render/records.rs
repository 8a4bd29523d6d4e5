//! Tables of contracts, players, clubs, sources and check problems.

use super::{finish, or_dash, table};
use crate::check::Problem;
use crate::model::source::tier_label;
use crate::query::expiring::ExpiringRow;
use crate::query::records::{ClubView, PlayerView, SourceView};
use chrono::NaiveDate;
use std::fmt::Write;

/// `contract expiring`: a title line, then one row per contract.
pub fn expiring(rows: &[ExpiringRow], year: i32, as_of: NaiveDate, width: Option<u16>) -> String {
    if rows.is_empty() {
        return format!("No current contract ends in {year} (as of {as_of}).\n");
    }
    let mut t = table(
        [
            "Player",
            "Club",
            "Pos",
            "Age",
            "Born",
            "Contract ends",
            "Loan",
        ],
        width,
    );
    for r in rows {
        t.add_row([
            r.player.clone(),
            r.club.clone(),
            r.position.to_string(),
            or_dash(r.age),
            or_dash(r.born),
            r.contract_end.to_string(),
            if r.loan { "loan" } else { "" }.to_string(),
        ]);
    }
    let noun = if rows.len() == 1 {
        "contract"
    } else {
        "contracts"
    };
    format!(
        "{} {noun} ending in {year} (as of {as_of}):\n\n{}",
        rows.len(),
        finish(&t)
    )
}

/// `player list`.
pub fn players(list: &[PlayerView], width: Option<u16>) -> String {
    if list.is_empty() {
        return "No players.\n".to_string();
    }
    let mut t = table(
        [
            "Player",
            "Pos",
            "Also",
            "Age",
            "Club",
            "Contract ends",
            "Nationality",
        ],
        width,
    );
    for p in list {
        t.add_row([
            p.name.clone(),
            p.position.to_string(),
            p.also
                .iter()
                .map(|x| x.code())
                .collect::<Vec<_>>()
                .join(","),
            or_dash(p.age),
            match (&p.club, p.loan) {
                (Some(c), true) => format!("{c} (loan)"),
                (Some(c), false) => c.clone(),
                (None, _) => "-".to_string(),
            },
            or_dash(p.contract_end),
            or_dash(p.nationality.as_deref()),
        ]);
    }
    finish(&t)
}

/// `player show`.
pub fn player(p: &PlayerView, rumours: &str, width: Option<u16>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", p.name, p.id);
    let also = if p.also.is_empty() {
        String::new()
    } else {
        format!(
            ", also {}",
            p.also
                .iter()
                .map(|x| x.code())
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    let _ = writeln!(out, "  position     {}{also}", p.position);
    let born = match (p.born, p.age) {
        (Some(b), Some(a)) => format!("{b} (age {a})"),
        (Some(b), None) => b.to_string(),
        _ => "-".to_string(),
    };
    let _ = writeln!(out, "  born         {born}");
    let _ = writeln!(out, "  nationality  {}", or_dash(p.nationality.as_deref()));
    if let Some(caps) = p.caps {
        let _ = writeln!(out, "  caps         {caps}");
    }
    if let Some(foot) = p.foot {
        let _ = writeln!(
            out,
            "  foot         {}",
            serde_json::to_value(foot)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(out, "  club         {}", or_dash(p.club.as_deref()));
    if let Some(notes) = &p.notes {
        let _ = writeln!(out, "  notes        {notes}");
    }
    if !p.contracts.is_empty() {
        let mut t = table(["Club", "From", "Until", "Loan", "Signed from", ""], width);
        for c in &p.contracts {
            t.add_row([
                c.club.clone(),
                or_dash(c.start),
                c.end.to_string(),
                if c.loan { "loan" } else { "" }.to_string(),
                or_dash(c.signed_from.as_deref()),
                if c.current { "current" } else { "" }.to_string(),
            ]);
        }
        let _ = write!(out, "\nContracts\n{}", finish(&t));
    }
    if !rumours.is_empty() {
        let _ = write!(out, "\nRumours\n{rumours}");
    }
    out
}

/// `club list`.
pub fn clubs(list: &[ClubView], width: Option<u16>) -> String {
    if list.is_empty() {
        return "No clubs.\n".to_string();
    }
    let mut t = table(
        [
            "Club",
            "Also known as",
            "Country",
            "League",
            "Coach",
            "Squad",
        ],
        width,
    );
    for c in list {
        t.add_row([
            c.name.clone(),
            c.aliases.join(", "),
            or_dash(c.country.as_deref()),
            or_dash(c.league.as_deref()),
            or_dash(c.coach.as_deref()),
            c.squad.to_string(),
        ]);
    }
    finish(&t)
}

/// `club show`: the club's facts, then its squad.
pub fn club(c: &ClubView, squad: &[PlayerView], width: Option<u16>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", c.name, c.id);
    if !c.aliases.is_empty() {
        let _ = writeln!(out, "  also known as  {}", c.aliases.join(", "));
    }
    let _ = writeln!(out, "  country        {}", or_dash(c.country.as_deref()));
    let _ = writeln!(out, "  league         {}", or_dash(c.league.as_deref()));
    let _ = writeln!(out, "  coach          {}", or_dash(c.coach.as_deref()));
    let _ = write!(out, "\nSquad ({})\n{}", squad.len(), players(squad, width));
    out
}

/// `source list`.
pub fn sources(list: &[SourceView], width: Option<u16>) -> String {
    if list.is_empty() {
        return "No sources.\n".to_string();
    }
    let mut t = table(
        ["Source", "Tier", "Country", "Reports", "Also known as"],
        width,
    );
    for s in list {
        t.add_row([
            s.name.clone(),
            tier_label(s.tier),
            or_dash(s.country.as_deref()),
            s.reports.to_string(),
            s.aliases.join(", "),
        ]);
    }
    finish(&t)
}

/// `check`: one line per problem, `file: message`.
pub fn problems(list: &[Problem]) -> String {
    list.iter()
        .map(|p| format!("{}: {}\n", p.file, p.message))
        .collect()
}
