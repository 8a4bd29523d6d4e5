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
//! Clubs and sources are sorted by id; players and rumours come shard by
//! shard (the files of `data/`), by id within a shard, and contracts follow
//! the players' order. So export → import → export gives the same bytes, and
//! an export streams: it holds a few shards in memory, never the world.
//!
//! Version 1 had no signing dates: its contracts are imported with the
//! signing day unknown (always known), as any contract without one.

use crate::error::{Error, Result};
use crate::model::{Club, Contract, Player, PlayerId, Rumour, Source};
use crate::store::Store;
use crate::world::World;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

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

/// How many records an export wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Exported {
    pub clubs: usize,
    pub sources: usize,
    pub players: usize,
    pub contracts: usize,
    pub rumours: usize,
}

/// Writes the store as a bundle to `out` (named `target` in errors), under
/// the shared lock, reading the shards a few at a time. The bytes are those
/// of `serde_json`'s pretty printer, as everywhere in mercato.
pub fn write(store: &Store, out: &mut dyn Write, target: &Path) -> Result<Exported> {
    store.recover_if_needed()?;
    let _lock = store.lock_for_reading()?;
    let (people, mut problems) = store.load_clubs_and_sources_lenient();
    if !problems.is_empty() {
        return Err(problems.swap_remove(0));
    }
    let mut exported = Exported::default();
    let mut w = Arrays::new(out, target);
    w.raw(&format!(
        "{{\n  \"format\": \"{FORMAT}\",\n  \"version\": {VERSION}"
    ))?;
    w.begin("clubs")?;
    for club in people.clubs.values() {
        w.item(club)?;
        exported.clubs += 1;
    }
    w.begin("sources")?;
    for source in people.sources.values() {
        w.item(source)?;
        exported.sources += 1;
    }
    w.begin("players")?;
    store.try_each_shard::<Player>("players", |_, players| {
        for mut p in players {
            p.contracts.clear();
            w.item(&p)?;
            exported.players += 1;
        }
        Ok(())
    })?;
    // Contracts come after every player: the player shards are read again.
    w.begin("contracts")?;
    store.try_each_shard::<Player>("players", |_, players| {
        for p in players {
            for contract in p.contracts {
                let player = p.id.clone();
                w.item(&BundleContract { player, contract })?;
                exported.contracts += 1;
            }
        }
        Ok(())
    })?;
    w.begin("rumours")?;
    store.try_each_shard::<Rumour>("rumours", |_, rumours| {
        for r in &rumours {
            w.item(r)?;
            exported.rumours += 1;
        }
        Ok(())
    })?;
    w.end()?;
    w.raw("\n}\n")?;
    Ok(exported)
}

/// Writes the arrays of a pretty-printed JSON object one item at a time.
struct Arrays<'a> {
    out: &'a mut dyn Write,
    target: &'a Path,
    /// Whether an array is open, and whether it has items yet.
    open: Option<bool>,
}

impl<'a> Arrays<'a> {
    fn new(out: &'a mut dyn Write, target: &'a Path) -> Self {
        Arrays {
            out,
            target,
            open: None,
        }
    }

    fn raw(&mut self, text: &str) -> Result<()> {
        self.out
            .write_all(text.as_bytes())
            .map_err(|e| Error::io(self.target, e))
    }

    fn begin(&mut self, key: &str) -> Result<()> {
        self.end()?;
        self.open = Some(false);
        self.raw(&format!(",\n  \"{key}\": ["))
    }

    fn item<T: Serialize>(&mut self, item: &T) -> Result<()> {
        let pretty = serde_json::to_string_pretty(item)
            .map_err(|e| Error::Internal(format!("cannot encode the bundle: {e}")))?;
        let first = self.open.replace(true) == Some(false);
        // One level deeper than on its own: every line moves in by 4 (a
        // JSON string holds no raw newline, so only layout lines move).
        let text = pretty.replace('\n', "\n    ");
        self.raw(if first { "\n    " } else { ",\n    " })?;
        self.raw(&text)
    }

    fn end(&mut self) -> Result<()> {
        match self.open.take() {
            Some(true) => self.raw("\n  ]"),
            Some(false) => self.raw("]"),
            None => Ok(()),
        }
    }
}

/// A world held in memory as a bundle, records by id (the benchmark's
/// generator builds its worlds this way; `mercato export` streams instead).
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
        return Err(Error::Corrupt(format!(
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

/// A bundle holding a record twice would import one copy and drop the
/// other's details (a player twice even drops his contracts): refused
/// whole, naming every id found twice, so nothing is imported.
fn refuse_twice(bundle: &Bundle) -> Result<()> {
    let mut twice = Vec::new();
    twice.extend(ids_twice(
        "club",
        bundle.clubs.iter().map(|c| c.id.as_str()),
    ));
    twice.extend(ids_twice(
        "source",
        bundle.sources.iter().map(|s| s.id.as_str()),
    ));
    twice.extend(ids_twice(
        "player",
        bundle.players.iter().map(|p| p.id.as_str()),
    ));
    twice.extend(ids_twice(
        "rumour",
        bundle.rumours.iter().map(|r| r.id.as_str()),
    ));
    let mut by_player: BTreeMap<&PlayerId, Vec<&Contract>> = BTreeMap::new();
    for c in &bundle.contracts {
        let theirs = by_player.entry(&c.player).or_default();
        if theirs.contains(&&c.contract) {
            twice.push(format!(
                "a contract of player '{}' with '{}'",
                c.player, c.contract.club
            ));
        }
        theirs.push(&c.contract);
    }
    if twice.is_empty() {
        return Ok(());
    }
    twice.dedup();
    Err(Error::Corrupt(format!(
        "the bundle holds records twice, so importing it would lose one copy: {}; nothing was imported",
        twice.join(", ")
    )))
}

/// "player 'x'" for each id that comes more than once.
fn ids_twice<'a>(kind: &str, ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut twice: Vec<String> = ids
        .filter(|id| !seen.insert(*id))
        .map(|id| format!("{kind} '{id}'"))
        .collect();
    twice.sort();
    twice.dedup();
    twice
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
/// Contracts without a signing date keep it unknown (always known): the
/// import's day is not when they became known.
pub fn import(world: &mut World, bundle: Bundle) -> Result<ImportCounts> {
    refuse_twice(&bundle)?;
    let mut counts = ImportCounts::default();
    let mut contracts: BTreeMap<PlayerId, Vec<Contract>> = BTreeMap::new();
    for c in bundle.contracts {
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
        return Err(Error::Corrupt(format!(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_export_is_the_pretty_bundle_and_imports_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::init(dir.path()).unwrap().without_index();
        let day = chrono::NaiveDate::from_ymd_opt(2025, 10, 20).unwrap();
        let bundle: Bundle = serde_json::from_value(serde_json::json!({
            "format": FORMAT, "version": VERSION,
            "clubs": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "sources": [],
            "players": (0..30).map(|i| serde_json::json!(
                {"id": format!("p{i}"), "name": format!("Player {i}"), "position": "CB"}))
                .collect::<Vec<_>>(),
            "contracts": [{"player": "p3", "club": "a", "end": "2027-06-30", "signed": "2024-01-01"}],
            "rumours": [],
        }))
        .unwrap();
        store
            .change("import", day, |w| import(w, bundle).map(|_| ()))
            .unwrap();
        let mut bytes = Vec::new();
        let exported = write(&store, &mut bytes, Path::new("out")).unwrap();
        assert_eq!(
            (exported.clubs, exported.players, exported.contracts),
            (2, 30, 1)
        );
        let parsed = parse(&bytes, Path::new("out")).unwrap();
        // Byte for byte what serde_json's pretty printer makes of it,
        // empty arrays included.
        let mut pretty = serde_json::to_vec_pretty(&parsed).unwrap();
        pretty.push(b'\n');
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            String::from_utf8(pretty).unwrap()
        );
        let mut back = World::default();
        import(&mut back, parsed).unwrap();
        assert_eq!(back.players, store.load().unwrap().players);
    }
}
