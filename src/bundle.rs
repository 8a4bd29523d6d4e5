//! The whole store as one versioned JSON document, for backups, exchange and
//! benchmarks: `mercato export` writes it, `mercato import bundle` reads it.
//!
//! Schema (version 2):
//! ```text
//! {"format": "mercato-bundle", "version": 2,
//!  "clubs":     [Club, ...],
//!  "sources":   [Source, ...],
//!  "players":   [Player without "contracts", ...],
//!  "contracts": [{"player": PLAYER_ID, "club", "signed"?, "start"?, "end"?, "loan"?,
//!                 "signed_from"?, "terminated"?}, ...],
//!  "rumours":   [Rumour with "reports" and "history", ...]}
//! ```
//! Records are sorted by id (contracts by player, then in the player's
//! order), so export → import → export gives the same bytes.
//!
//! Version 1 had no signing dates: its contracts are imported as signed on
//! their start, else on the import's as-of date.

use crate::error::{Error, Result};
use crate::model::{Club, Contract, Player, PlayerId, Rumour, Source};
use crate::world::World;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const FORMAT: &str = "mercato-bundle";
pub const VERSION: u32 = 2;

/// A contract with the player it belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleContract {
    pub player: PlayerId,
    #[serde(flatten)]
    pub contract: Contract,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Bundle {
    pub format: String,
    pub version: u32,
    pub clubs: Vec<Club>,
    pub sources: Vec<Source>,
    pub players: Vec<Player>,
    pub contracts: Vec<BundleContract>,
    pub rumours: Vec<Rumour>,
}

/// The world as a bundle.
pub fn export(world: &World) -> Bundle {
    let mut contracts = Vec::new();
    let players = world
        .players
        .values()
        .map(|p| {
            let mut p = p.clone();
            for c in std::mem::take(&mut p.contracts) {
                contracts.push(BundleContract {
                    player: p.id.clone(),
                    contract: c,
                });
            }
            p
        })
        .collect();
    Bundle {
        format: FORMAT.to_string(),
        version: VERSION,
        clubs: world.clubs.values().cloned().collect(),
        sources: world.sources.values().cloned().collect(),
        players,
        contracts,
        rumours: world.rumours.values().cloned().collect(),
    }
}

/// Parses a bundle, refusing other formats and newer versions.
pub fn parse(bytes: &[u8], path: &std::path::Path) -> Result<Bundle> {
    #[derive(Deserialize)]
    struct Header {
        format: String,
        version: u32,
    }
    let parse_error = |e: serde_json::Error| Error::Parse {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    };
    let header: Header = serde_json::from_slice(bytes).map_err(parse_error)?;
    if header.format != FORMAT {
        return Err(Error::Refused(format!(
            "{}: not a mercato bundle (format '{}')",
            path.display(),
            header.format
        )));
    }
    if header.version > VERSION {
        return Err(Error::NewerFormat {
            path: path.to_path_buf(),
            found: header.version,
            supported: VERSION,
        });
    }
    serde_json::from_slice(bytes).map_err(parse_error)
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    pub new: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub skipped: usize,
}

/// Puts a bundle's records into the world (adding or replacing by id).
/// Contracts without a signing date count from their start, else from
/// `as_of` (a version-1 bundle has none).
pub fn import(world: &mut World, bundle: Bundle, as_of: NaiveDate) -> Result<ImportCounts> {
    let mut counts = ImportCounts::default();
    let mut contracts: BTreeMap<PlayerId, Vec<Contract>> = BTreeMap::new();
    for mut c in bundle.contracts {
        if c.contract.signed.is_none() {
            c.contract.signed = Some(c.contract.start.unwrap_or(as_of));
        }
        contracts.entry(c.player).or_default().push(c.contract);
    }
    fn tally<T: PartialEq>(counts: &mut ImportCounts, old: Option<&T>, new: &T) -> bool {
        match old {
            None => {
                counts.new += 1;
                true
            }
            Some(o) if o == new => {
                counts.unchanged += 1;
                false
            }
            Some(_) => {
                counts.updated += 1;
                true
            }
        }
    }
    for club in bundle.clubs {
        if tally(&mut counts, world.clubs.get(&club.id), &club) {
            world.put_club(club);
        }
    }
    for source in bundle.sources {
        if tally(&mut counts, world.sources.get(&source.id), &source) {
            world.put_source(source);
        }
    }
    for mut player in bundle.players {
        player.contracts = contracts.remove(&player.id).unwrap_or_default();
        if tally(&mut counts, world.players.get(&player.id), &player) {
            world.put_player(player);
        }
    }
    if let Some((orphan, _)) = contracts.into_iter().next() {
        return Err(Error::Refused(format!(
            "the bundle has contracts for unknown player '{orphan}'"
        )));
    }
    for rumour in bundle.rumours {
        if tally(&mut counts, world.rumours.get(&rumour.id), &rumour) {
            world.put_rumour(rumour);
        }
    }
    Ok(counts)
}
