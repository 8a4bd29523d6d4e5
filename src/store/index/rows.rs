//! What a shard file becomes in the index, and how its rows are brought up
//! to date when the file changes.
//!
//! A changed file is compared with its rows record by record: only the
//! records that differ are written. After `rumour add` one rumour of a
//! 400-rumour shard changed, and rewriting all of them (six b-trees each)
//! made the next command pay 15 ms of index writes for one report. When
//! most of a players shard changed (an import), its rows are replaced
//! wholesale instead: deleting player by player would scan the shard's rows
//! once per player.

use crate::model::{Club, Player, Rumour, RumourSummary, TrackRecord, summary::tally};
use crate::names::fold;
use crate::store::format::Span;
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Above this many changed players in one shard, its rows are replaced
/// wholesale (see the module doc).
const WHOLESALE: usize = 32;

/// Puts the clubs file's clubs in the index, writing only those that changed.
pub(super) fn put_clubs(tx: &Transaction, clubs: &[Club]) -> rusqlite::Result<()> {
    let mut old = keyed(tx, "SELECT id, json FROM clubs", [])?;
    let mut put = tx.prepare_cached("INSERT OR REPLACE INTO clubs VALUES (?1, ?2, ?3, ?4)")?;
    let mut put_word = tx.prepare_cached("INSERT INTO club_words VALUES (?1, ?2)")?;
    let mut forget_words = tx.prepare_cached("DELETE FROM club_words WHERE club = ?1")?;
    for c in clubs {
        let json = serde_json::to_string(c).unwrap_or_default();
        let before = old.remove(c.id.as_str());
        if before.as_ref() == Some(&json) {
            continue;
        }
        let aliases = serde_json::to_string(&c.aliases).unwrap_or_else(|_| "[]".into());
        put.execute(params![c.id.as_str(), c.name, aliases, json])?;
        if before.is_some() {
            forget_words.execute([c.id.as_str()])?;
        }
        for w in &words(&c.name, &c.aliases, c.id.as_str()) {
            put_word.execute([w, c.id.as_str()])?;
        }
    }
    let mut gone = tx.prepare_cached("DELETE FROM clubs WHERE id = ?1")?;
    for id in old.keys() {
        gone.execute([id])?;
        forget_words.execute([id])?;
    }
    Ok(())
}

/// The words of a name, its aliases and id, as lookups by name search them.
fn words(name: &str, aliases: &[String], id: &str) -> BTreeSet<String> {
    std::iter::once(name)
        .chain(aliases.iter().map(String::as_str))
        .chain([id])
        .flat_map(|n| {
            fold(n)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Puts a players shard's players in the index: the player's record, the
/// words of his names, his contracts and the days they end.
pub(super) fn put_players(
    tx: &Transaction,
    shard: &str,
    players: &[Player],
    fresh: bool,
) -> rusqlite::Result<()> {
    let records: Vec<(&Player, String)> = players
        .iter()
        .map(|p| (p, serde_json::to_string(p).unwrap_or_default()))
        .collect();
    if fresh {
        // Nothing there yet (and no indexes to find it by).
        for (p, json) in &records {
            insert_player(tx, shard, p, json)?;
        }
        return Ok(());
    }
    let mut old = keyed(tx, "SELECT id, json FROM players WHERE shard = ?1", [shard])?;
    let changed: Vec<&(&Player, String)> = records
        .iter()
        .filter(|(p, json)| old.remove(p.id.as_str()).as_ref() != Some(json))
        .collect();
    // What is left of `old` is gone from the file.
    if changed.len() + old.len() > WHOLESALE {
        for table in ["players", "words", "contracts", "ending"] {
            tx.execute(&format!("DELETE FROM {table} WHERE shard = ?1"), [shard])?;
        }
        for (p, json) in &records {
            insert_player(tx, shard, p, json)?;
        }
        return Ok(());
    }
    for id in changed
        .iter()
        .map(|(p, _)| p.id.as_str())
        .chain(old.keys().map(String::as_str))
    {
        tx.prepare_cached("DELETE FROM players WHERE id = ?1")?
            .execute([id])?;
        for table in ["words", "contracts", "ending"] {
            tx.prepare_cached(&format!(
                "DELETE FROM {table} WHERE shard = ?1 AND player = ?2"
            ))?
            .execute([shard, id])?;
        }
    }
    for (p, json) in changed {
        insert_player(tx, shard, p, json)?;
    }
    Ok(())
}

fn insert_player(tx: &Transaction, shard: &str, p: &Player, json: &str) -> rusqlite::Result<()> {
    let mut player = tx.prepare_cached("INSERT OR REPLACE INTO players VALUES (?1, ?2, ?3, ?4)")?;
    let mut word = tx.prepare_cached("INSERT INTO words VALUES (?1, ?2, ?3)")?;
    let mut contract = tx.prepare_cached("INSERT INTO contracts VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let mut ending = tx.prepare_cached("INSERT OR IGNORE INTO ending VALUES (?1, ?2, ?3, ?4)")?;
    let sort = crate::names::list_key(&p.name, p.id.as_str());
    player.execute(params![p.id.as_str(), shard, json, sort])?;
    for w in &words(&p.name, &p.aliases, p.id.as_str()) {
        word.execute(params![w, p.id.as_str(), shard])?;
    }
    for c in &p.contracts {
        let ends = c.end.map(|d| d.to_string());
        if let Some(day) = &ends {
            ending.execute(params![day, p.id.as_str(), shard, json])?;
        }
        let signed = c.signed.map(|d| d.to_string());
        contract.execute(params![p.id.as_str(), shard, c.club.as_str(), ends, signed])?;
        if let Some(from) = &c.signed_from {
            contract.execute(params![
                p.id.as_str(),
                shard,
                from.as_str(),
                None::<String>,
                None::<String>
            ])?;
        }
    }
    Ok(())
}

/// One rumour as the index holds it.
#[derive(PartialEq)]
struct RumourRow {
    player: String,
    from: Option<String>,
    to: Option<String>,
    first: Option<String>,
    /// The last day anything in it is dated: seen as of an earlier day, the
    /// rumour looks different and is read from its file.
    news: Option<String>,
    summary: String,
    /// Whether its status now is open (rumour, talks, agreed).
    open: bool,
    status: String,
}

impl RumourRow {
    fn of(r: &Rumour) -> RumourRow {
        let summary = RumourSummary::of(r);
        RumourRow {
            player: r.player.as_str().to_string(),
            from: r.from.as_ref().map(|c| c.as_str().to_string()),
            to: r.to.as_ref().map(|c| c.as_str().to_string()),
            first: summary.first.map(|d| d.to_string()),
            news: summary.last.max(summary.changed).map(|d| d.to_string()),
            summary: serde_json::to_string(&summary).unwrap_or_default(),
            open: r.status.is_open(),
            status: r.status.as_str().to_string(),
        }
    }
}

/// Puts a rumours shard's rumours in the index, with the shard's track
/// records and their share of the totals over every shard.
pub(super) fn put_rumours(
    tx: &Transaction,
    shard: &str,
    rumours: &[Rumour],
    spans: Option<&[Span]>,
    fresh: bool,
    displaced: &mut Vec<(String, String)>,
) -> rusqlite::Result<()> {
    // Where each rumour lies in the file: one row for the shard, since a
    // report added early in the file moves every later record.
    match spans {
        Some(spans) => {
            let list: String = rumours
                .iter()
                .zip(spans)
                .map(|(r, (at, len))| format!("{} {at} {len}\n", r.id.as_str()))
                .collect();
            tx.prepare_cached("INSERT OR REPLACE INTO spans VALUES (?1, ?2)")?
                .execute([shard, list.as_str()])?;
        }
        None => {
            tx.prepare_cached("DELETE FROM spans WHERE shard = ?1")?
                .execute([shard])?;
        }
    }
    let mut old: HashMap<String, RumourRow> = HashMap::new();
    if !fresh {
        let mut stmt = tx.prepare_cached(
            "SELECT id, player, from_club, to_club, first, news, summary, open, status FROM rumours
             WHERE shard = ?1",
        )?;
        old = stmt
            .query_map([shard], |r| {
                let row = RumourRow {
                    player: r.get(1)?,
                    from: r.get(2)?,
                    to: r.get(3)?,
                    first: r.get(4)?,
                    news: r.get(5)?,
                    summary: r.get(6)?,
                    open: r.get(7)?,
                    status: r.get(8)?,
                };
                Ok((r.get(0)?, row))
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    // REPLACE also removes a row of the same id under another player (the
    // unique index on id).
    let mut put = tx.prepare_cached(
        "INSERT OR REPLACE INTO rumours VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    // The shard another row of the same id is in: REPLACE would drop it,
    // so the caller must know (a move, or one id in two files).
    let mut elsewhere =
        tx.prepare_cached("SELECT shard FROM rumours WHERE id = ?1 AND shard != ?2")?;
    for r in rumours {
        let row = RumourRow::of(r);
        if old.remove(r.id.as_str()).as_ref() == Some(&row) {
            continue;
        }
        if !fresh
            && let Some(other) = elsewhere
                .query_row([r.id.as_str(), shard], |x| x.get::<_, String>(0))
                .optional()?
        {
            displaced.push((r.id.as_str().to_string(), other));
        }
        put.execute(params![
            row.player,
            r.id.as_str(),
            shard,
            row.from,
            row.to,
            row.first,
            row.news,
            row.summary,
            row.open,
            row.status
        ])?;
    }
    let mut gone = tx.prepare_cached("DELETE FROM rumours WHERE id = ?1 AND shard = ?2")?;
    for id in old.keys() {
        gone.execute([id.as_str(), shard])?;
    }
    put_tallies(tx, shard, rumours, fresh)
}

/// The shard's track records per source, and the totals over every shard
/// moved by the difference, so that a command sums 300 rows, not 256 × 300.
fn put_tallies(
    tx: &Transaction,
    shard: &str,
    rumours: &[Rumour],
    fresh: bool,
) -> rusqlite::Result<()> {
    let mut old: BTreeMap<String, [i64; 3]> = BTreeMap::new();
    if !fresh {
        let mut stmt = tx
            .prepare_cached("SELECT source, reports, hits, misses FROM tallies WHERE shard = ?1")?;
        old = stmt
            .query_map([shard], |r| {
                Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?]))
            })?
            .collect::<rusqlite::Result<_>>()?;
    }
    let counts = |t: &TrackRecord| [t.reports as i64, t.hits as i64, t.misses as i64];
    let mut new: BTreeMap<String, [i64; 3]> = tally(rumours)
        .iter()
        .map(|(s, t)| (s.as_str().to_string(), counts(t)))
        .collect();
    let sources: BTreeSet<String> = old.keys().chain(new.keys()).cloned().collect();
    let mut forget = tx.prepare_cached("DELETE FROM tallies WHERE shard = ?1 AND source = ?2")?;
    let mut put = tx.prepare_cached("INSERT INTO tallies VALUES (?1, ?2, ?3, ?4, ?5)")?;
    let mut total = tx.prepare_cached(
        "INSERT INTO totals VALUES (?1, ?2, ?3, ?4) ON CONFLICT(source) DO UPDATE SET
         reports = reports + excluded.reports, hits = hits + excluded.hits,
         misses = misses + excluded.misses",
    )?;
    for source in sources {
        let before = old.remove(&source).unwrap_or_default();
        let after = new.remove(&source).unwrap_or_default();
        if before == after {
            continue;
        }
        if before != [0; 3] {
            forget.execute([shard, source.as_str()])?;
        }
        if after != [0; 3] {
            put.execute(params![shard, source, after[0], after[1], after[2]])?;
        }
        let delta: Vec<i64> = (0..3).map(|i| after[i] - before[i]).collect();
        total.execute(params![source, delta[0], delta[1], delta[2]])?;
    }
    Ok(())
}

/// `key → value` of a two-column query.
fn keyed<P: rusqlite::Params>(
    tx: &Transaction,
    sql: &str,
    args: P,
) -> rusqlite::Result<HashMap<String, String>> {
    let mut stmt = tx.prepare_cached(sql)?;
    let rows = stmt.query_map(args, |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::super::Index;
    use crate::store::Store;
    use serde_json::{Value, json};
    use std::path::Path;

    /// Every row of every table, as text, sorted: two indexes that hold the
    /// same compare equal.
    fn dump(index: &Index) -> Vec<String> {
        let conn = &index.conn;
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'files'")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut out = Vec::new();
        for table in tables {
            let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect();
                    Ok(format!("{table}: {}", cells.join(" | ")))
                })
                .unwrap();
            out.extend(rows.map(Result::unwrap));
        }
        out.sort();
        out
    }

    fn edit(path: &Path, change: impl FnOnce(&mut Vec<Value>)) {
        let mut file: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        change(file["records"].as_array_mut().unwrap());
        std::fs::write(path, serde_json::to_vec_pretty(&file).unwrap()).unwrap();
    }

    /// A copy of the shipped data, with one players shard grown to `n`
    /// players (clones of its first, under other ids).
    fn world(dir: &Path, n: usize) -> std::path::PathBuf {
        let data = dir.join("data");
        for sub in ["", "players", "rumours"] {
            std::fs::create_dir_all(data.join(sub)).unwrap();
            let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(sub);
            for entry in std::fs::read_dir(&shipped).unwrap().flatten() {
                if entry.path().is_file() {
                    std::fs::copy(entry.path(), data.join(sub).join(entry.file_name())).unwrap();
                }
            }
        }
        edit(&data.join("players/2c.json"), |players| {
            let first = players[0].clone();
            // Ids of this shard: a record elsewhere is refused on reading.
            let ids = (0..)
                .map(|k| format!("clone-{k}"))
                .filter(|id| crate::store::shard_of(&crate::model::PlayerId(id.clone())) == "2c");
            for (i, id) in ids.take(n).enumerate() {
                let mut p = first.clone();
                p["id"] = json!(id);
                p["name"] = json!(format!("Clone Number{i}"));
                players.push(p);
            }
        });
        data
    }

    /// Brings an index up to date after `change`, and builds another from
    /// nothing on the changed files: both must hold the same rows.
    fn same_as_from_nothing(change: impl FnOnce(&Path)) {
        let dir = tempfile::tempdir().unwrap();
        let data = world(dir.path(), 40);
        let store = Store::open(&data).unwrap();
        let kept = Index::open_at(&dir.path().join("kept.sqlite"))
            .ok()
            .unwrap();
        assert!(kept.refresh(&store).is_ok());
        let before = dump(&kept);
        change(&data);
        assert!(kept.refresh(&store).is_ok());
        let fresh = Index::open_at(&dir.path().join("fresh.sqlite"))
            .ok()
            .unwrap();
        assert!(fresh.refresh(&store).is_ok());
        let after = dump(&kept);
        assert_ne!(before, after, "the change must show in the index");
        assert_eq!(after, dump(&fresh));
    }

    #[test]
    fn a_report_added_and_a_rumour_removed() {
        same_as_from_nothing(|data| {
            edit(&data.join("rumours/4f.json"), |rumours| {
                let reports = rumours[0]["reports"].as_array_mut().unwrap();
                let mut report = reports[0].clone();
                report["date"] = json!("2025-10-21");
                report["note"] = json!("one more");
                reports.push(report);
                assert!(rumours.len() > 1, "a rumour stays, changed");
                rumours.pop();
            })
        });
    }

    #[test]
    fn a_rumours_file_removed() {
        same_as_from_nothing(|data| std::fs::remove_file(data.join("rumours/d2.json")).unwrap());
    }

    #[test]
    fn a_few_players_changed_and_one_removed() {
        same_as_from_nothing(|data| {
            edit(&data.join("players/2c.json"), |players| {
                players[1]["name"] = json!("Renamed Clone");
                players[2]["contracts"][0]["end"] = json!("2031-06-30");
                players.remove(3);
            })
        });
    }

    #[test]
    fn most_of_a_players_shard_changed() {
        same_as_from_nothing(|data| {
            edit(&data.join("players/2c.json"), |players| {
                for p in players.iter_mut() {
                    p["aliases"] = json!(["Imported"]);
                }
            })
        });
    }

    #[test]
    fn a_club_renamed_and_one_removed() {
        same_as_from_nothing(|data| {
            edit(&data.join("clubs.json"), |clubs| {
                clubs[0]["name"] = json!("Renamed FC");
                clubs.pop();
            })
        });
    }
}
