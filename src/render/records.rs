//! Tables of contracts, players, clubs, sources and check problems.

use super::{Style, Tone, cell, finish, or_dash, table};
use crate::check::Problem;
use crate::model::MoveKind;
use crate::model::source::tier_label;
use crate::query::expiring::ExpiringRow;
use crate::query::records::{ClubView, PlayerView, SourceReport, SourceView};
use chrono::NaiveDate;
use std::fmt::Write;

/// `contract expiring`: a title line, then one row per contract. `total`
/// is how many there are when `rows` is only the first of them (`--limit`).
pub fn expiring(
    rows: &[ExpiringRow],
    total: usize,
    window: &str,
    as_of: NaiveDate,
    style: Style,
) -> String {
    if total == 0 {
        return format!("No current contract ends {window} (as of {as_of}).\n");
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
            "Open rumours",
        ],
        style,
    );
    for r in rows {
        let rumours: Vec<String> = r
            .open_rumours
            .iter()
            .map(|b| match (b.kind, &b.to) {
                (MoveKind::Transfer, Some(to)) => format!("→ {to} ({})", b.status),
                (MoveKind::Renewal, _) => format!("renewal ({})", b.status),
                _ => format!("leaving ({})", b.status),
            })
            .collect();
        let tone = if r.ended {
            None
        } else if r.pre_contract {
            Some(Tone::Bad)
        } else {
            Some(Tone::Warn)
        };
        // A contract that ran out before the day: he is a free agent, last there.
        let ends = if r.ended {
            format!("{} (ended)", r.contract_end)
        } else {
            r.contract_end.to_string()
        };
        t.add_row(vec![
            cell(&r.player, None, style),
            cell(&r.club, None, style),
            cell(r.position, None, style),
            cell(or_dash(r.age), None, style),
            cell(or_dash(r.born), None, style),
            cell(ends, tone, style),
            cell(if r.loan { "loan" } else { "" }, None, style),
            cell(rumours.join("; "), None, style),
        ]);
    }
    let noun = if total == 1 { "contract" } else { "contracts" };
    let first = if rows.len() < total {
        format!(", the first {}", rows.len())
    } else {
        String::new()
    };
    format!(
        "{total} {noun} ending {window} (as of {as_of}){first}:\n\n{}",
        finish(&t)
    )
}

/// `player list`.
pub fn players(list: &[PlayerView], style: Style) -> String {
    player_table(list, style, true)
}

/// The players of a list, with their club (`player list`) or, in a club's
/// own squad, with only whether each is there on loan.
fn player_table(list: &[PlayerView], style: Style, with_club: bool) -> String {
    if list.is_empty() {
        return "No players.\n".to_string();
    }
    let club_header = if with_club { "Club" } else { "Loan" };
    let mut t = table(
        [
            "Player",
            "Pos",
            "Also",
            "Age",
            club_header,
            "Contract ends",
            "Nationality",
        ],
        style,
    );
    for p in list {
        let club = match (&p.club, p.loan, with_club) {
            (_, true, false) => "loan".to_string(),
            (_, false, false) => String::new(),
            (Some(c), true, true) => format!("{c} (loan)"),
            (Some(c), false, true) => c.clone(),
            (None, _, true) => "-".to_string(),
        };
        t.add_row([
            p.name.clone(),
            p.position.to_string(),
            p.also
                .iter()
                .map(|x| x.code())
                .collect::<Vec<_>>()
                .join(","),
            or_dash(p.age),
            club,
            match (&p.club, p.contract_end) {
                (_, Some(end)) => end.to_string(),
                (Some(_), None) => "unknown".to_string(),
                (None, None) => "-".to_string(),
            },
            or_dash(p.nationality.as_deref()),
        ]);
    }
    finish(&t)
}

/// `player show`.
pub fn player(p: &PlayerView, rumours: &str, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", p.name, p.id);
    out.push_str(&super::conflicts::block(&p.id, &p.conflicts));
    if !p.aliases.is_empty() {
        let _ = writeln!(out, "  aliases      {}", p.aliases.join(", "));
    }
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
        let _ = writeln!(out, "  foot         {}", foot.as_str());
    }
    let club = match (&p.club, &p.last_seen) {
        (Some(club), _) => club.clone(),
        (None, Some(seen)) => format!(
            "- (last seen at {}, {}, until {})",
            seen.club, seen.season, seen.until
        ),
        (None, None) => "-".to_string(),
    };
    let _ = writeln!(out, "  club         {club}");
    if let Some(next) = &p.joins {
        let _ = writeln!(
            out,
            "  next         joins {}{} on {}",
            next.club,
            if next.loan { " on loan" } else { "" },
            next.on
        );
    }
    if let Some(notes) = &p.notes {
        let _ = writeln!(out, "  notes        {notes}");
    }
    if !p.contracts.is_empty() {
        let mut t = table(
            ["Club", "Signed", "From", "Until", "Loan", "Signed from", ""],
            style,
        );
        for c in &p.contracts {
            let until = match (c.end, c.terminated) {
                // Cut short before its end; with no end known, just left.
                (Some(_), Some(cut)) => format!("{cut} (left early)"),
                (None, Some(cut)) => format!("{cut} (left)"),
                (Some(end), None) => end.to_string(),
                (None, None) => "unknown".to_string(),
            };
            t.add_row([
                c.club.clone(),
                or_dash(c.signed),
                or_dash(c.start),
                until,
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
pub fn clubs(list: &[ClubView], style: Style) -> String {
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
        style,
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
pub fn club(c: &ClubView, squad: &[PlayerView], style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", c.name, c.id);
    out.push_str(&super::conflicts::block(&c.id, &c.conflicts));
    if !c.aliases.is_empty() {
        let _ = writeln!(out, "  also known as  {}", c.aliases.join(", "));
    }
    let _ = writeln!(out, "  country        {}", or_dash(c.country.as_deref()));
    let _ = writeln!(out, "  league         {}", or_dash(c.league.as_deref()));
    let _ = writeln!(out, "  coach          {}", or_dash(c.coach.as_deref()));
    let _ = write!(
        out,
        "\nSquad ({})\n{}",
        squad.len(),
        player_table(squad, style, false)
    );
    out
}

/// `source list`.
pub fn sources(list: &[SourceView], style: Style) -> String {
    if list.is_empty() {
        return "No sources.\n".to_string();
    }
    let mut t = table(
        [
            "Source",
            "Tier",
            "Reports",
            "Hits",
            "Misses",
            "Hit rate",
            "Country",
            "Also known as",
        ],
        style,
    );
    for s in list {
        t.add_row([
            s.name.clone(),
            tier_label(s.tier),
            s.reports.to_string(),
            s.hits.to_string(),
            s.misses.to_string(),
            s.hit_rate
                .map_or_else(|| "-".to_string(), |r| format!("{:.0}%", r * 100.0)),
            or_dash(s.country.as_deref()),
            s.aliases.join(", "),
        ]);
    }
    finish(&t)
}

/// `source show`: the source, then its reports.
pub fn source(s: &SourceView, reports: &[SourceReport], style: Style) -> String {
    let mut out = format!("{} ({})\n", s.name, s.id);
    out.push_str(&super::conflicts::block(&s.id, &s.conflicts));
    let _ = writeln!(out, "  tier      {}", tier_label(s.tier));
    let _ = writeln!(out, "  country   {}", or_dash(s.country.as_deref()));
    if !s.aliases.is_empty() {
        let _ = writeln!(out, "  aliases   {}", s.aliases.join(", "));
    }
    let rate = s.hit_rate.map_or_else(
        || "no settled rumour yet".to_string(),
        |r| format!("{:.0}%", r * 100.0),
    );
    let _ = writeln!(
        out,
        "  record    {}, {}, {}, hit rate {rate}",
        crate::english::count(s.reports, "report"),
        crate::english::count(s.hits, "hit"),
        crate::english::count(s.misses, "miss")
    );
    if !reports.is_empty() {
        let mut t = table(
            ["Date", "Rumour", "Player", "Move", "Stance", "Note"],
            style,
        );
        for r in reports {
            t.add_row([
                r.date.to_string(),
                r.rumour.clone(),
                r.player.clone(),
                r.move_text.clone(),
                r.stance.as_str().to_string(),
                r.note.clone().unwrap_or_default().replace('\n', " "),
            ]);
        }
        let _ = write!(out, "\nReports\n{}", finish(&t));
    }
    out
}

/// `check`: one line per problem, `file: message`.
pub fn problems(list: &[Problem]) -> String {
    list.iter()
        .map(|p| format!("{}: {}\n", p.file, p.message))
        .collect()
}

/// `log`: the changes `undo` can revert, newest first.
pub fn log(lines: &[crate::store::journal::LogLine], style: Style) -> String {
    if lines.is_empty() {
        return "No changes to undo.\n".to_string();
    }
    let mut t = table(["#", "As of", "Command", "Files"], style);
    for l in lines {
        t.add_row([
            l.seq.to_string(),
            l.as_of.to_string(),
            l.command.clone(),
            l.files.join(", "),
        ]);
    }
    finish(&t)
}
