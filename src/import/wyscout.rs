//! Wyscout-style league exports: abbreviated names ("J. Cumming"), ages
//! instead of dates of birth, position codes such as "RCB, RB", leagues such
//! as "England 2.". Rows have no id, so a player is known by name, team,
//! birth country and foot; two rows with the same key are one player, and
//! the second adds what it knows (a contract) to the first.

use super::{
    CsvFile, ImportReport, Matcher, Progress, link_club, new_player_id, parse_day, upsert_player,
};
use crate::error::Result;
use crate::model::player::ReportedAge;
use crate::model::{Club, ClubId, Contract, Foot, Player, Position};
use crate::names::fold;
use crate::text;
use crate::world::World;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// The system name under which Wyscout keys are kept.
pub const SYSTEM: &str = "wyscout";

/// A Wyscout position code as one of ours.
pub fn position(code: &str) -> Option<Position> {
    Some(match code.trim() {
        "GK" => Position::GK,
        "RB" => Position::RB,
        "RWB" => Position::RWB,
        "CB" | "RCB" | "LCB" => Position::CB,
        "LB" => Position::LB,
        "LWB" => Position::LWB,
        "DMF" | "RDMF" | "LDMF" => Position::DM,
        "CMF" | "RCMF" | "LCMF" => Position::CM,
        "AMF" => Position::AM,
        "RAMF" | "RW" | "RWF" => Position::RW,
        "LAMF" | "LW" | "LWF" => Position::LW,
        "CF" | "SS" => Position::ST,
        _ => return None,
    })
}

/// Imports one export file.
pub fn import(
    world: &mut World,
    path: &Path,
    as_of: NaiveDate,
    progress: Progress,
) -> Result<ImportReport> {
    let csv = CsvFile::open(path)?;
    let file = &csv.name;
    let col = |name| csv.column(name);
    let (c_player, c_league, c_team, c_position, c_age, c_value, c_contract, c_country, c_foot) = (
        col("Player")?,
        col("League")?,
        col("Team")?,
        col("Position")?,
        col("Age")?,
        col("Market value")?,
        col("Contract expires")?,
        col("Birth country")?,
        col("Foot")?,
    );
    let mut report = ImportReport::default();
    let mut matcher = Matcher::new(world);
    let mut teams: HashMap<String, ClubId> = HashMap::new();
    for (n, (line, record)) in csv.rows().enumerate() {
        progress(n as u64 + 1);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                report.skip(true, file, line, e.to_string());
                continue;
            }
        };
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let bad = |message: String, report: &mut ImportReport| {
            report.skip(true, file, line, message);
        };
        let (name, team) = match (
            text::name("player name", field(c_player)),
            text::name("team", field(c_team)),
        ) {
            (Ok(n), Ok(t)) => (n, t),
            (Err(e), _) | (_, Err(e)) => {
                bad(e.to_string(), &mut report);
                continue;
            }
        };
        let codes: Vec<&str> = field(c_position)
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let positions: Vec<Position> = codes.iter().filter_map(|c| position(c)).collect();
        let Some(primary) = positions.first().copied() else {
            bad(
                format!("no known position in '{}'", field(c_position)),
                &mut report,
            );
            continue;
        };
        let contract_end = match parse_day(field(c_contract)) {
            Ok(d) => d,
            Err(e) => {
                bad(e, &mut report);
                continue;
            }
        };
        let foot = field(c_foot).parse::<Foot>().ok();
        let country = field(c_country);
        let key = format!(
            "{}|{}|{}|{}",
            fold(&name),
            fold(&team),
            fold(country),
            field(c_foot).to_lowercase()
        );
        let club = match teams.get(&team) {
            Some(id) => id.clone(),
            None => {
                let league = field(c_league).trim_end_matches('.').to_string();
                let mut club = Club::new(
                    ClubId(crate::model::ids::slug(&team).unwrap_or_else(|| "club".into())),
                    &team,
                );
                club.country = league
                    .rsplit_once(' ')
                    .map(|(country, _)| country.to_string())
                    .filter(|c| !c.is_empty());
                club.league = Some(field(c_league).to_string()).filter(|l| !l.is_empty());
                club.external_ids.insert(SYSTEM.to_string(), fold(&team));
                let id = link_club(
                    world,
                    &mut matcher,
                    &mut report,
                    (SYSTEM, &fold(&team)),
                    &[&team],
                    (file, line),
                    club,
                );
                teams.insert(team.clone(), id.clone());
                id
            }
        };
        // A player with no expiry in the export is still at his club: his
        // contract's end is unknown. The export gives no start or signing
        // day, and the import's day is neither: both stay unknown.
        let contract = Some(Contract::new(club, contract_end));
        let existing = matcher.player(SYSTEM, &key, &name, None);
        let Some(id) = existing
            .clone()
            .or_else(|| new_player_id(world, &name, None))
        else {
            bad("no id can be made from the name".into(), &mut report);
            continue;
        };
        let mut external_ids = BTreeMap::new();
        external_ids.insert(SYSTEM.to_string(), key);
        let mut also: Vec<Position> = Vec::new();
        for p in positions.iter().skip(1) {
            if *p != primary && !also.contains(p) {
                also.push(*p);
            }
        }
        let player = Player {
            id,
            name,
            aliases: Vec::new(),
            born: None,
            reported_age: field(c_age)
                .parse::<u32>()
                .ok()
                .map(|age| ReportedAge { age, on: as_of }),
            nationality: None,
            position: primary,
            also,
            caps: None,
            foot,
            market_value: field(c_value).parse::<u64>().ok().filter(|v| *v > 0),
            notes: None,
            contracts: Vec::new(),
            external_ids,
            conflicts: Default::default(),
        };
        upsert_player(
            world,
            &mut matcher,
            &mut report.players,
            existing,
            player,
            contract,
        );
    }
    Ok(report)
}
