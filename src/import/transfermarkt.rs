//! The public Transfermarkt dataset (`players.csv`, `clubs.csv` as published
//! by dcaribou/transfermarkt-datasets): dates as `YYYY-MM-DD HH:MM:SS`,
//! sub-positions such as "Centre-Back", competition codes such as "GB1".

use super::{
    Counts, CsvFile, ImportReport, Matcher, Progress, RowProblem, new_player_id, parse_day,
    upsert_club, upsert_player,
};
use crate::error::Result;
use crate::model::{Club, ClubId, Contract, Foot, Player, Position};
use crate::text;
use crate::world::World;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The system name under which Transfermarkt ids are kept.
pub const SYSTEM: &str = "transfermarkt";

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

/// Imports clubs, then players (either file may be left out).
pub fn import(
    world: &mut World,
    clubs: Option<&Path>,
    players: Option<&Path>,
    as_of: NaiveDate,
    progress: Progress,
) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let mut matcher = Matcher::new(world);
    let mut rows = 0;
    // Transfermarkt club id → our club, for the players' contracts.
    let mut club_ids: HashMap<String, ClubId> = world
        .clubs
        .values()
        .filter_map(|c| {
            c.external_ids
                .get(SYSTEM)
                .map(|e| (e.clone(), c.id.clone()))
        })
        .collect();
    if let Some(path) = clubs {
        let csv = CsvFile::open(path)?;
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
            rows += 1;
            progress(rows);
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    report.skip(false, file, line, e.to_string());
                    continue;
                }
            };
            let field = |i: usize| record.get(i).unwrap_or("").trim();
            let external = field(c_id).to_string();
            let name = match text::name("club name", field(c_name)) {
                Ok(n) => n,
                Err(e) => {
                    report.skip(false, file, line, e.to_string());
                    continue;
                }
            };
            if external.is_empty() {
                report.skip(false, file, line, "no club_id".into());
                continue;
            }
            let code = field(c_code);
            let id = crate::model::ids::slug(code)
                .or_else(|| crate::model::ids::slug(&name))
                .unwrap_or_else(|| format!("club-{external}"));
            let mut club = Club::new(ClubId(id), &name);
            if let Some((league, country)) = competition(field(c_comp)) {
                club.league = Some(league.to_string());
                club.country = Some(country.to_string());
            }
            club.coach =
                text::optional_name("coach", Some(field(c_coach)).filter(|c| !c.is_empty()))
                    .ok()
                    .flatten();
            club.external_ids
                .insert(SYSTEM.to_string(), external.clone());
            let code_name = code.replace('-', " ");
            let existing = matcher.club(SYSTEM, &external, &[&name, &code_name]);
            let id = upsert_club(world, &mut matcher, &mut report.clubs, existing, club);
            club_ids.insert(external, id);
        }
    }
    if let Some(path) = players {
        let csv = CsvFile::open(path)?;
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
        };
        for (line, record) in csv.rows() {
            rows += 1;
            progress(rows);
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    report.skip(true, file, line, e.to_string());
                    continue;
                }
            };
            let club = record.get(cols.club).unwrap_or("").trim();
            let end = record.get(cols.contract_end).unwrap_or("").trim();
            if !end.is_empty() && !club_ids.contains_key(club) {
                report.warnings.push(problem(
                    file,
                    line,
                    format!("club {club} is not among the clubs imported: the contract ending {end} was not recorded"),
                ));
            }
            match player_row(world, &matcher, &cols, &record, &club_ids, as_of) {
                Ok((existing, player, contract)) => upsert_player(
                    world,
                    &mut matcher,
                    &mut report.players,
                    existing,
                    player,
                    contract,
                ),
                Err(message) => {
                    report.skip(true, file, line, message);
                }
            }
        }
    }
    Ok(report)
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
        (end, Some(club)) => {
            let c = Contract {
                signed: super::signed_on_import(end, as_of),
                ..Contract::new(club.clone(), end)
            };
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
    format!(
        "{}; {}",
        part("clubs", &report.clubs),
        part("players", &report.players)
    )
}
