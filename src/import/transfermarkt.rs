//! The public Transfermarkt dataset (`players.csv`, `clubs.csv`,
//! `transfers.csv` as published by dcaribou/transfermarkt-datasets): dates as
//! `YYYY-MM-DD HH:MM:SS`, sub-positions such as "Centre-Back", competition
//! codes such as "GB1".

use super::importer::Importer;
pub use super::importer::SYSTEM;
use super::{
    Counts, CsvFile, ImportReport, Matcher, Progress, RowProblem, link_club, new_player_id,
    parse_day, upsert_player,
};
use crate::error::Result;
use crate::model::{Club, ClubId, Contract, Foot, Player, Position};
use crate::text;
use crate::world::World;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// A Transfermarkt sub-position (or, failing that, position) as one of ours.
pub fn position(sub_position: &str, position: &str) -> Option<Position> {
    Some(match sub_position.trim() {
        "Goalkeeper" => Position::GK,
        "Right-Back" => Position::RB,
        "Centre-Back" => Position::CB,
        "Left-Back" => Position::LB,
        "Defensive Midfield" => Position::DM,
        "Central Midfield" => Position::CM,
        "Attacking Midfield" => Position::AM,
        "Right Midfield" | "Right Winger" => Position::RW,
        "Left Midfield" | "Left Winger" => Position::LW,
        "Centre-Forward" | "Second Striker" => Position::ST,
        _ => match position.trim() {
            "Goalkeeper" => Position::GK,
            "Defender" => Position::CB,
            "Midfield" => Position::CM,
            "Attack" => Position::ST,
            _ => return None,
        },
    })
}

/// League name and country of a Transfermarkt competition code.
pub fn competition(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "GB1" => ("Premier League", "England"),
        "ES1" => ("La Liga", "Spain"),
        "L1" => ("Bundesliga", "Germany"),
        "IT1" => ("Serie A", "Italy"),
        "FR1" => ("Ligue 1", "France"),
        "NL1" => ("Eredivisie", "Netherlands"),
        "PO1" => ("Liga Portugal", "Portugal"),
        "BE1" => ("Jupiler Pro League", "Belgium"),
        "TR1" => ("Süper Lig", "Turkey"),
        "GR1" => ("Super League Greece", "Greece"),
        "RU1" => ("Russian Premier League", "Russia"),
        "UKR1" => ("Ukrainian Premier League", "Ukraine"),
        "DK1" => ("Danish Superliga", "Denmark"),
        "SC1" => ("Scottish Premiership", "Scotland"),
        _ => return None,
    })
}

/// The files of one Transfermarkt import; any may be left out.
#[derive(Debug, Clone, Copy, Default)]
pub struct Files<'a> {
    pub clubs: Option<&'a Path>,
    pub players: Option<&'a Path>,
    pub transfers: Option<&'a Path>,
}

/// Imports clubs, then players, then transfers (the moves that make each
/// player's contract history).
pub fn import(
    world: &mut World,
    files: Files,
    as_of: NaiveDate,
    progress: Progress,
) -> Result<ImportReport> {
    let mut run = Importer::new(world, progress);
    if let Some(path) = files.clubs {
        import_clubs(&mut run, &CsvFile::open(path)?)?;
    }
    if let Some(path) = files.players {
        import_players(&mut run, &CsvFile::open(path)?, as_of)?;
    }
    if let Some(path) = files.transfers {
        super::transfers::import(&mut run, &CsvFile::open(path)?)?;
    }
    Ok(run.report)
}

fn import_clubs(run: &mut Importer, csv: &CsvFile) -> Result<()> {
    let file = &csv.name;
    let col = |name| csv.column(name);
    let (c_id, c_code, c_name, c_comp, c_coach) = (
        col("club_id")?,
        col("club_code")?,
        col("name")?,
        col("domestic_competition_id")?,
        col("coach_name")?,
    );
    for (line, record) in csv.rows() {
        run.tick();
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                run.report.skip(false, file, line, e.to_string());
                continue;
            }
        };
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let external = field(c_id).to_string();
        let name = match text::name("club name", field(c_name)) {
            Ok(n) => n,
            Err(e) => {
                run.report.skip(false, file, line, e.to_string());
                continue;
            }
        };
        if external.is_empty() {
            run.report.skip(false, file, line, "no club_id".into());
            continue;
        }
        let code = field(c_code);
        let id = crate::model::ids::slug(code)
            .or_else(|| crate::model::ids::slug(&name))
            .unwrap_or_else(|| format!("club-{external}"));
        let mut club = Club::new(ClubId(id), &name);
        // A big club's registered name is not the one people search for.
        if let Some(usual) = crate::clubnames::usual_name(&name).filter(|u| *u != name) {
            club.aliases.push(usual.to_string());
        }
        if let Some((league, country)) = competition(field(c_comp)) {
            club.league = Some(league.to_string());
            club.country = Some(country.to_string());
        }
        club.coach = text::optional_name("coach", Some(field(c_coach)).filter(|c| !c.is_empty()))
            .ok()
            .flatten();
        club.external_ids
            .insert(SYSTEM.to_string(), external.clone());
        let code_name = code.replace('-', " ");
        let id = link_club(
            run.world,
            &mut run.matcher,
            &mut run.report,
            (SYSTEM, &external),
            &[&name, &code_name],
            (file, line),
            club,
        );
        run.club_ids.insert(external, id);
    }
    Ok(())
}

/// The newest season of a players file: its greatest `last_season`.
fn newest_season(csv: &CsvFile, column: usize) -> Option<i32> {
    csv.rows()
        .filter_map(|(_, r)| r.ok()?.get(column)?.trim().parse::<i32>().ok())
        .max()
}

/// The last day of a season: 2015 (season 2015-16) ends on 30 June 2016.
pub fn season_end(season: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(season.checked_add(1)?, 6, 30)
}

fn import_players(run: &mut Importer, csv: &CsvFile, as_of: NaiveDate) -> Result<()> {
    let file = &csv.name;
    let col = |name| csv.column(name);
    let cols = PlayerColumns {
        id: col("player_id")?,
        name: col("name")?,
        born: col("date_of_birth")?,
        sub_position: col("sub_position")?,
        position: col("position")?,
        foot: col("foot")?,
        nationality: col("country_of_citizenship")?,
        caps: col("international_caps")?,
        contract_end: col("contract_expiration_date")?,
        club: col("current_club_id")?,
        value: col("market_value_in_eur")?,
        last_season: col("last_season")?,
    };
    let newest = newest_season(csv, cols.last_season);
    for (line, record) in csv.rows() {
        run.tick();
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                run.report.skip(true, file, line, e.to_string());
                continue;
            }
        };
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let (club, end) = (field(cols.club), field(cols.contract_end));
        if !end.is_empty() && !run.club_ids.contains_key(club) {
            run.report.warnings.push(problem(
                file,
                line,
                format!("club {club} is not among the clubs imported: the contract ending {end} was not recorded"),
            ));
        }
        // He has left the leagues the file covers (retired, gone abroad, a
        // coach now): his last club is history, not his squad.
        let gone = field(cols.last_season)
            .parse::<i32>()
            .ok()
            .filter(|season| newest.is_some_and(|n| *season < n))
            .and_then(season_end);
        match player_row(
            run.world,
            &run.matcher,
            &cols,
            &record,
            &run.club_ids,
            as_of,
        ) {
            Ok((existing, player, contract)) => {
                if let Some(day) = gone {
                    run.gone.insert(field(cols.id).to_string(), day);
                }
                let contract = contract.map(|c| left_by(c, gone));
                upsert_player(
                    run.world,
                    &mut run.matcher,
                    &mut run.report.players,
                    existing,
                    player,
                    contract,
                );
            }
            Err(message) => run.report.skip(true, file, line, message),
        }
    }
    Ok(())
}

/// A contract of a player last seen in the season that ended on `gone`:
/// cut short then, unless it ended before.
fn left_by(mut contract: Contract, gone: Option<NaiveDate>) -> Contract {
    if let Some(day) = gone
        && contract.last_day().is_none_or(|last| last > day)
    {
        contract.terminated = Some(day);
    }
    contract
}

struct PlayerColumns {
    id: usize,
    name: usize,
    born: usize,
    sub_position: usize,
    position: usize,
    foot: usize,
    nationality: usize,
    caps: usize,
    contract_end: usize,
    club: usize,
    value: usize,
    last_season: usize,
}

type Row = (Option<crate::model::PlayerId>, Player, Option<Contract>);

fn player_row(
    world: &World,
    matcher: &Matcher,
    cols: &PlayerColumns,
    record: &csv::StringRecord,
    club_ids: &HashMap<String, ClubId>,
    as_of: NaiveDate,
) -> std::result::Result<Row, String> {
    let field = |i: usize| record.get(i).unwrap_or("").trim();
    let external = field(cols.id);
    if external.is_empty() {
        return Err("no player_id".into());
    }
    let name = text::name("player name", field(cols.name)).map_err(|e| e.to_string())?;
    let born = parse_day(field(cols.born))?;
    if let Some(b) = born
        && b > as_of
    {
        return Err(format!("date of birth {b} is after {as_of}"));
    }
    let position = position(field(cols.sub_position), field(cols.position)).ok_or_else(|| {
        format!(
            "no usable position (sub_position '{}', position '{}')",
            field(cols.sub_position),
            field(cols.position)
        )
    })?;
    let foot = field(cols.foot).parse::<Foot>().ok();
    let caps = field(cols.caps).parse::<u32>().ok();
    let market_value = field(cols.value).parse::<u64>().ok().filter(|v| *v > 0);
    let nationality = Some(field(cols.nationality))
        .filter(|n| !n.is_empty())
        .map(|n| text::name("nationality", n))
        .transpose()
        .map_err(|e| e.to_string())?;
    let contract = match (
        parse_day(field(cols.contract_end))?,
        club_ids.get(field(cols.club)),
    ) {
        // No expiry: he is at the club, until a day nobody reported.
        // The export gives no start or signing day, and the import's day is
        // neither: both stay unknown.
        (end, Some(club)) => {
            let c = Contract::new(club.clone(), end);
            if let Some(problem) = c.problem(born) {
                return Err(problem);
            }
            Some(c)
        }
        _ => None,
    };
    let existing = matcher.player(SYSTEM, external, &name, born);
    let id = match &existing {
        Some(id) => id.clone(),
        None => new_player_id(world, &name, born).ok_or("no id can be made from the name")?,
    };
    let mut external_ids = BTreeMap::new();
    external_ids.insert(SYSTEM.to_string(), external.to_string());
    let player = Player {
        id,
        name,
        aliases: Vec::new(),
        born,
        reported_age: None,
        nationality,
        position,
        also: Vec::new(),
        caps,
        foot,
        market_value,
        notes: None,
        contracts: Vec::new(),
        external_ids,
        conflicts: Default::default(),
    };
    Ok((existing, player, contract))
}

fn problem(file: &str, line: u64, message: String) -> RowProblem {
    RowProblem {
        file: file.to_string(),
        line,
        message,
    }
}

/// Counts for a dry run's summary line.
pub fn summary(report: &ImportReport) -> String {
    let part = |what: &str, c: &Counts| {
        format!(
            "{what}: {} new, {} updated, {} unchanged, {} skipped",
            c.new, c.updated, c.unchanged, c.skipped
        )
    };
    let mut line = format!(
        "{}; {}",
        part("clubs", &report.clubs),
        part("players", &report.players)
    );
    if report.transfers != Counts::default() {
        line.push_str(&format!("; {}", part("transfers", &report.transfers)));
    }
    line
}
