//! The index: a derived, disposable SQLite file (`.mercato/index.sqlite`,
//! beside the undo journal and like it out of git) that answers "which
//! players, which rumours" without parsing the whole world. It is the one
//! derived store: scoped reads and the lists that read every player in brief
//! both take their rumour summaries and track records from it.
//!
//! The JSON files stay the truth. The index holds, per player and rumour
//! shard file, what the scoped reads need: each player's record (as JSON),
//! the words of his names, his contracts' clubs and end dates, each rumour's
//! summary with its player and clubs, and each shard's track records. It is
//! refreshed *incrementally* at the start of every indexed command: a shard
//! whose file changed — edited by hand, by `git pull`, by another clone — is
//! read again, and only that one.
//!
//! A file counts as changed unless its size, modification time, *change*
//! time and inode are all as recorded. The ctime is the part that cannot be
//! faked: `touch -d` can put an old mtime back after an in-place edit of the
//! same size, but setting the mtime itself moves the ctime.
//!
//! Why SQLite (through rusqlite, built from source): it measured fastest of
//! what we tried for "rows by key or range", it updates a shard's rows in one
//! transaction, and a process killed while it writes leaves the last
//! committed state (its journal rolls the rest back). An index that cannot be
//! opened, has another schema or fails a query is deleted and rebuilt from
//! the JSON: never trusted, never fatal.

mod rows;

use super::dir::{Store, is_read_only};
use super::files::shard_name;
use super::format::read_records;
use super::format::{Span, decode_rumours_with_spans, read_data_file};
use super::parallel::on_all_cores;
use crate::error::{Error, Result};
use crate::model::{Club, ClubId, Player, Rumour, RumourSummary, SourceId, TrackRecord};
use crate::names::fold;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Bumped whenever what the index holds changes; another value rebuilds it.
const SCHEMA: i64 = 13;

/// The clubs file, indexed beside the shards: a read that needs three
/// clubs need not parse 2,500 (a third of a point command's time).
const CLUBS: &str = "clubs.json";

/// The page cache of a reading command (negative: KiB, as SQLite counts).
const READ_CACHE_KIB: i64 = -512;

const TABLES: &str = "
CREATE TABLE files(path TEXT PRIMARY KEY, len INT, mtime INT, ctime INT, inode INT);
CREATE TABLE players(id TEXT PRIMARY KEY, shard TEXT NOT NULL, json TEXT NOT NULL, sort TEXT NOT NULL);
CREATE TABLE words(word TEXT NOT NULL, player TEXT NOT NULL, shard TEXT NOT NULL);
CREATE TABLE contracts(player TEXT NOT NULL, shard TEXT NOT NULL, club TEXT NOT NULL, ends TEXT,
                       signed TEXT);
CREATE TABLE ending(ends TEXT NOT NULL, player TEXT NOT NULL, shard TEXT NOT NULL,
                    json TEXT NOT NULL, PRIMARY KEY(ends, player)) WITHOUT ROWID;
CREATE TABLE rumours(player TEXT NOT NULL, id TEXT NOT NULL, shard TEXT NOT NULL,
                     from_club TEXT, to_club TEXT, first TEXT, news TEXT, summary TEXT NOT NULL,
                     open INT NOT NULL, status TEXT NOT NULL,
                     PRIMARY KEY(player, id)) WITHOUT ROWID;
CREATE TABLE tallies(shard TEXT NOT NULL, source TEXT NOT NULL,
                     reports INT NOT NULL, hits INT NOT NULL, misses INT NOT NULL);
CREATE TABLE clubs(id TEXT PRIMARY KEY, name TEXT NOT NULL, aliases TEXT NOT NULL,
                   json TEXT NOT NULL);
CREATE TABLE club_words(word TEXT NOT NULL, club TEXT NOT NULL);
CREATE TABLE spans(shard TEXT PRIMARY KEY, list TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE totals(source TEXT PRIMARY KEY, reports INT NOT NULL, hits INT NOT NULL, misses INT NOT NULL);
";

/// The secondary indexes, dropped while a whole index is built (rows go in
/// faster without them) and created after, sorted in one pass each.
const INDEXES: &[&str] = &[
    "CREATE INDEX players_shard ON players(shard);",
    "CREATE INDEX players_sort ON players(sort);",
    "CREATE INDEX words_word ON words(word);",
    "CREATE INDEX words_shard ON words(shard);",
    "CREATE INDEX contracts_ends ON contracts(ends);",
    "CREATE INDEX contracts_club ON contracts(club);",
    "CREATE INDEX contracts_shard ON contracts(shard);",
    "CREATE INDEX contracts_signed ON contracts(signed);",
    "CREATE INDEX ending_shard ON ending(shard);",
    "CREATE UNIQUE INDEX rumours_id ON rumours(id);",
    "CREATE INDEX rumours_news ON rumours(news, shard);",
    "CREATE INDEX rumours_to ON rumours(to_club);",
    "CREATE INDEX rumours_from ON rumours(from_club);",
    "CREATE INDEX rumours_shard ON rumours(shard);",
    "CREATE INDEX tallies_shard ON tallies(shard);",
    "CREATE INDEX club_words_word ON club_words(word);",
    "CREATE INDEX club_words_club ON club_words(club);",
];

/// A shard file read for the index: its path, shard, stamp (`None`: gone)
/// and records.
type ParsedFile = (String, String, Option<Stamp>, Result<Parsed>);

/// Reads and parses a chunk of changed files, on every core.
fn parse_files(store: &Store, stale: &[(String, Option<Stamp>)]) -> Vec<ParsedFile> {
    on_all_cores(stale, |(path, stamp)| {
        let kind = if path.starts_with("players/") {
            "players"
        } else {
            "rumours"
        };
        let file = store.dir().join(path);
        let shard = shard_name(&file);
        let content = match stamp {
            None => Ok(Parsed::Gone),
            Some(_) if path == CLUBS => read_records::<Club>(&file, "clubs").map(Parsed::Clubs),
            Some(_) if kind == "players" => {
                read_records::<Player>(&file, kind).map(Parsed::Players)
            }
            Some(_) => match read_data_file(&file) {
                Ok(Some(bytes)) => decode_rumours_with_spans(&file, &bytes)
                    .map(|(rumours, spans)| Parsed::Rumours(rumours, spans)),
                Ok(None) => Ok(Parsed::Rumours(Vec::new(), None)),
                Err(e) => Err(e),
            },
        };
        (path.clone(), shard, *stamp, content)
    })
}

/// A rumour row replaced by one of the same id from another shard is a move
/// (a merge rewrote both files) only if the other file no longer holds it;
/// if it does, one id is in two files and the index would answer from one.
fn refuse_one_id_in_two_files(
    store: &Store,
    stale: &[(String, Option<Stamp>)],
    displaced: &[(String, String)],
) -> Result<()> {
    for (id, other) in displaced {
        let path = store.dir().join(format!("rumours/{other}.json"));
        let reread = stale
            .iter()
            .any(|(p, _)| *p == format!("rumours/{other}.json"));
        let still_there = !reread
            || !super::format::read_rumours_where(&path, |_, r| r.as_str() == id)?.is_empty();
        if still_there {
            return Err(Error::OutOfPlace {
                path,
                kind: "rumour",
                id: id.clone(),
                belongs: None,
            });
        }
    }
    Ok(())
}

/// What identifies one state of a file (see the module doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: i64,
    mtime: i64,
    ctime: i64,
    inode: i64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                len: meta.len() as i64,
                mtime: meta.mtime() * 1_000_000_000 + meta.mtime_nsec(),
                ctime: meta.ctime() * 1_000_000_000 + meta.ctime_nsec(),
                inode: meta.ino() as i64,
            }
        }
        #[cfg(not(unix))]
        {
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i64);
            Stamp {
                len: meta.len() as i64,
                mtime,
                ctime: 0,
                inode: 0,
            }
        }
    }
}

/// Which rumours a list is about, as far as the index can tell: their club,
/// status, whether open, and news since a day. A superset is found (see
/// `scoped::Lookup::players_with_rumours`); the command's filter decides.
#[derive(Debug, Default, Clone)]
pub struct RumourQuery {
    pub club: Option<ClubId>,
    pub status: Option<crate::model::Status>,
    pub open: bool,
    pub since: Option<NaiveDate>,
}

impl RumourQuery {
    /// Whether it narrows anything (else every player is concerned).
    pub fn narrows(&self) -> bool {
        self.club.is_some() || self.status.is_some() || self.open || self.since.is_some()
    }
}

/// An open, up-to-date index.
pub struct Index {
    conn: Connection,
}

impl Index {
    /// Opens the index of `store` and brings it up to date with the files.
    /// `None` when there is none to use (the caller reads the JSON): turned
    /// off, a read-only data directory (read-only is a choice: a read must
    /// not write there, even as root, who could), or one without data.
    pub fn open(store: &Store) -> Result<Option<Index>> {
        let Some(path) = store.index_path() else {
            return Ok(None);
        };
        if is_read_only(store.dir()) {
            return Ok(None);
        }
        // A directory without data (every store written has a clubs file)
        // has nothing to index, and a read there leaves it as it was.
        if !store.dir().join(CLUBS).exists() {
            return Ok(None);
        }
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        // A broken index is rebuilt once; a second failure is the data's.
        match Index::open_at(path).and_then(|index| index.refresh(store).map(|()| index)) {
            Ok(index) => Ok(Some(index)),
            Err(IndexError::Data(e)) => Err(e),
            Err(IndexError::Sql) => {
                forget(path);
                match Index::open_at(path).and_then(|i| i.refresh(store).map(|()| i)) {
                    Ok(index) => Ok(Some(index)),
                    Err(IndexError::Data(e)) => Err(e),
                    // `.mercato/` is unusable: answer from the JSON.
                    Err(IndexError::Sql) => Ok(None),
                }
            }
        }
    }

    /// Opens the index of `store` as the last command left it, without
    /// bringing it up to date: for a hint read after a command that has
    /// just refreshed it, where a second pass over every file's stamps would
    /// cost more than the question. `None` when there is none.
    pub fn open_as_left(store: &Store) -> Option<Index> {
        let path = store.index_path().filter(|p| p.is_file())?;
        if is_read_only(store.dir()) {
            return None;
        }
        Index::open_at(path).ok()
    }

    fn open_at(path: &Path) -> std::result::Result<Index, IndexError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // WAL lets readers go on while a command refreshes the index. It is
        // a choice of speed, not of safety: if SQLite cannot switch now
        // (another process holds the index), the journal it has will do.
        let _ = conn.pragma_update(None, "journal_mode", "WAL");
        conn.pragma_update(None, "synchronous", "OFF")?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        // Reads touch each page about once: a small page cache is recycled
        // instead of growing (a scan of 10,000 rows ran 15% faster). A
        // refresh of many files raises it (see `refresh`).
        conn.pragma_update(None, "cache_size", READ_CACHE_KIB)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version != SCHEMA {
            let tables: i64 =
                conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            if tables > 0 {
                // Another schema (or a stranger's file): start again.
                drop(conn);
                forget(path);
                return Index::open_at_fresh(path);
            }
            conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {TABLES} {} PRAGMA user_version = {SCHEMA}; COMMIT;",
                INDEXES.join("\n")
            ))?;
        }
        Ok(Index { conn })
    }

    fn open_at_fresh(path: &Path) -> std::result::Result<Index, IndexError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // WAL lets readers go on while a command refreshes the index. It is
        // a choice of speed, not of safety: if SQLite cannot switch now
        // (another process holds the index), the journal it has will do.
        let _ = conn.pragma_update(None, "journal_mode", "WAL");
        conn.pragma_update(None, "synchronous", "OFF")?;
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; {TABLES} {} PRAGMA user_version = {SCHEMA}; COMMIT;",
            INDEXES.join("\n")
        ))?;
        Ok(Index { conn })
    }

    /// Reads again the shard files whose stamp changed, and forgets those
    /// that are gone, in one transaction.
    fn refresh(&self, store: &Store) -> std::result::Result<(), IndexError> {
        let now = current_stamps(store.dir()).map_err(IndexError::Data)?;
        if self.stale(&now)?.is_empty() {
            return Ok(());
        }
        // Writing many rows goes faster with a large page cache.
        self.conn.pragma_update(None, "cache_size", -65536)?;
        // An index built from nothing is written once, through a rollback
        // journal (nearly empty: there were no pages to save), instead of
        // into the WAL and then copied again by a checkpoint. SQLite only
        // switches when no other process has the index open; else the WAL
        // it is. Either way a killed build rolls back.
        let from_nothing = self.is_empty()?;
        if from_nothing {
            // Best effort: refused while another process has it open.
            let _ = self.conn.pragma_update(None, "journal_mode", "DELETE");
        }
        // Another process may have refreshed meanwhile: look again, inside
        // a transaction that holds the write lock from its start.
        let tx = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        let stale = self.stale(&now)?;
        // From nothing: no rows to delete, and the indexes are built once at
        // the end instead of row by row.
        let fresh = stale.len() == now.len()
            && tx.query_row("SELECT count(*) FROM files", [], |r| r.get::<_, i64>(0))? == 0;
        if fresh {
            for sql in INDEXES {
                let name = sql
                    .split_whitespace()
                    .nth(if sql.contains("UNIQUE") { 3 } else { 2 });
                tx.execute_batch(&format!("DROP INDEX IF EXISTS {}", name.unwrap_or("")))?;
            }
        }
        // A chunk of files at a time: memory stays bounded by the chunk.
        // The next chunk is parsed (on every core) while this one's rows go
        // in: SQLite writes on one thread.
        let mut displaced = Vec::new();
        std::thread::scope(|scope| {
            let (send, parsed) = std::sync::mpsc::sync_channel(1);
            let stale = &stale;
            scope.spawn(move || {
                for chunk in stale.chunks(32) {
                    if send.send(parse_files(store, chunk)).is_err() {
                        break; // The writer stopped at an error.
                    }
                }
            });
            for chunk in parsed {
                self.insert_files(&tx, chunk, fresh, &mut displaced)?;
            }
            Ok::<(), IndexError>(())
        })?;
        refuse_one_id_in_two_files(store, &stale, &displaced).map_err(IndexError::Data)?;
        if fresh {
            tx.execute_batch(&INDEXES.join("\n"))?;
        }
        tx.commit()?;
        if from_nothing {
            let _ = self.conn.pragma_update(None, "journal_mode", "WAL");
        }
        self.conn
            .pragma_update(None, "cache_size", READ_CACHE_KIB)?;
        Ok(())
    }

    /// Whether no file has been indexed yet.
    fn is_empty(&self) -> std::result::Result<bool, IndexError> {
        let files: i64 = self
            .conn
            .query_row("SELECT count(*) FROM files", [], |r| r.get(0))?;
        Ok(files == 0)
    }

    /// Puts a parsed chunk of files into the index. A file's rows are
    /// brought up to date one record at a time (see `rows`), except while
    /// the whole index is built from nothing.
    fn insert_files(
        &self,
        tx: &rusqlite::Transaction,
        parsed: Vec<ParsedFile>,
        fresh: bool,
        displaced: &mut Vec<(String, String)>,
    ) -> std::result::Result<(), IndexError> {
        for (path, shard, stamp, content) in parsed {
            let content = content.map_err(IndexError::Data)?;
            let is_players = path.starts_with("players/");
            match content {
                Parsed::Clubs(clubs) => rows::put_clubs(tx, &clubs)?,
                Parsed::Gone if path == CLUBS => rows::put_clubs(tx, &[])?,
                Parsed::Players(players) => rows::put_players(tx, &shard, &players, fresh)?,
                Parsed::Gone if is_players => rows::put_players(tx, &shard, &[], fresh)?,
                Parsed::Rumours(rumours, spans) => {
                    rows::put_rumours(tx, &shard, &rumours, spans.as_deref(), fresh, displaced)?
                }
                Parsed::Gone => rows::put_rumours(tx, &shard, &[], None, fresh, displaced)?,
            }
            match stamp {
                Some(s) => tx.execute(
                    "INSERT OR REPLACE INTO files VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![path, s.len, s.mtime, s.ctime, s.inode],
                )?,
                None => tx.execute("DELETE FROM files WHERE path = ?1", [&path])?,
            };
        }
        Ok(())
    }

    /// The shard files whose stamp differs from the one recorded (`None`:
    /// the file is gone).
    fn stale(
        &self,
        now: &BTreeMap<String, Stamp>,
    ) -> std::result::Result<Vec<(String, Option<Stamp>)>, IndexError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT path, len, mtime, ctime, inode FROM files")?;
        let known: BTreeMap<String, Stamp> = stmt
            .query_map([], |r| {
                let stamp = Stamp {
                    len: r.get(1)?,
                    mtime: r.get(2)?,
                    ctime: r.get(3)?,
                    inode: r.get(4)?,
                };
                Ok((r.get(0)?, stamp))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stale: Vec<(String, Option<Stamp>)> = now
            .iter()
            .filter(|(path, stamp)| known.get(*path) != Some(stamp))
            .map(|(path, stamp)| (path.clone(), Some(*stamp)))
            .collect();
        stale.extend(
            known
                .keys()
                .filter(|path| !now.contains_key(*path))
                .map(|path| (path.clone(), None)),
        );
        Ok(stale)
    }

    /// Players whose names (or aliases, or id) could match `query` as
    /// [`crate::names::resolve`] matches (see [`Index::named`]).
    pub fn name_candidates(&self, query: &str) -> Result<Vec<Player>> {
        let ids = self.named("SELECT player FROM words", query)?;
        self.players(ids.iter().map(String::as_str))
    }

    /// Clubs whose names (or aliases, or id) could match `query`, as
    /// [`Index::name_candidates`].
    pub fn club_candidates(&self, query: &str) -> Result<Vec<Club>> {
        let ids = self.named("SELECT club FROM club_words", query)?;
        self.clubs(ids.iter().map(String::as_str))
    }

    /// The ids `select` (over a table of words) finds for the words `query`
    /// could match: a word starting with the query's first word, or a word
    /// the query (without spaces) starts with. That covers every way
    /// [`crate::names::resolve`] matches a name.
    fn named(&self, select: &str, query: &str) -> Result<BTreeSet<String>> {
        let folded = fold(query);
        let Some(first) = folded.split(' ').next().filter(|w| !w.is_empty()) else {
            return Ok(BTreeSet::new());
        };
        let compact: String = folded.split(' ').collect();
        let prefixes: Vec<String> = (1..=compact.len())
            .filter(|n| compact.is_char_boundary(*n))
            .map(|n| compact[..n].to_string())
            .collect();
        let mut ids: BTreeSet<String> = BTreeSet::new();
        let mut by_prefix = self.sql(
            self.conn
                .prepare_cached(&format!("{select} WHERE word >= ?1 AND word < ?2")),
        )?;
        let upper = format!("{first}\u{10FFFF}");
        for id in self.sql(by_prefix.query_map(params![first, upper], |r| r.get::<_, String>(0)))? {
            ids.insert(self.sql(id)?);
        }
        let mut exact = self.sql(
            self.conn
                .prepare_cached(&format!("{select} WHERE word = ?1")),
        )?;
        for p in &prefixes {
            for id in self.sql(exact.query_map([p], |r| r.get::<_, String>(0)))? {
                ids.insert(self.sql(id)?);
            }
        }
        Ok(ids)
    }

    /// The players with one of these folded words in a name, an alias or
    /// the id: every player a text naming them could mean.
    pub fn players_with_words(&self, words: &[String]) -> Result<BTreeSet<String>> {
        let mut ids = BTreeSet::new();
        let mut stmt = self.sql(
            self.conn
                .prepare_cached("SELECT player FROM words WHERE word = ?1"),
        )?;
        for w in words {
            for id in self.sql(stmt.query_map([w], |r| r.get::<_, String>(0)))? {
                ids.insert(self.sql(id)?);
            }
        }
        Ok(ids)
    }

    /// The players with a rumour that can pass `wanted` on `day` (a
    /// superset: the caller's filter decides on the rumours as of the day).
    /// A rumour with news after the day may have had another status then.
    pub fn players_with_rumours(
        &self,
        wanted: &RumourQuery,
        day: &str,
    ) -> Result<BTreeSet<String>> {
        let status = wanted.status.map(|s| s.as_str());
        let mut stmt = self.sql(self.conn.prepare_cached(
            "SELECT DISTINCT player FROM rumours WHERE (first IS NULL OR first <= ?1)
               AND (?2 IS NULL OR from_club = ?2 OR to_club = ?2)
               AND (?3 IS NULL OR status = ?3 OR news > ?1)
               AND (?4 = 0 OR open OR news > ?1)
               AND (?5 IS NULL OR news >= ?5)",
        ))?;
        let since = wanted.since.map(|d| d.to_string());
        let rows = self.sql(stmt.query_map(
            params![
                day,
                wanted.club.as_ref().map(ClubId::as_str),
                status,
                wanted.open,
                since
            ],
            |r| r.get::<_, String>(0),
        ))?;
        rows.map(|r| self.sql(r)).collect()
    }

    /// The first page of `rumour list` in its default order (last report,
    /// newest first), `limit` long, filtered by status or openness only:
    /// the players whose rumours can be on it, and how many rumours pass.
    /// `None` when the index cannot tell: another filter, or news after
    /// `day` (a past day, when statuses were other than the index's).
    ///
    /// Rows are read newest news first, and the reading stops once a row's
    /// news is older than the `limit`-th last report found: a rumour's last
    /// report is never after its news, so no later row can be on the page.
    /// Ties with the last one on the page are read too.
    pub fn recent_page(
        &self,
        wanted: &RumourQuery,
        day: &str,
        limit: usize,
    ) -> Result<Option<(BTreeSet<String>, usize)>> {
        if wanted.club.is_some() || wanted.since.is_some() || limit == 0 {
            return Ok(None);
        }
        if self.exists("SELECT 1 FROM rumours WHERE news > ?1", day)? {
            return Ok(None);
        }
        let status = wanted.status.map(|s| s.as_str());
        const PASSING: &str = "FROM rumours WHERE (first IS NULL OR first <= ?1)
               AND (?2 IS NULL OR status = ?2) AND (?3 = 0 OR open)";
        let total: i64 = self.sql(self.conn.query_row(
            &format!("SELECT count(*) {PASSING}"),
            params![day, status, wanted.open],
            |r| r.get(0),
        ))?;
        let mut stmt = self.sql(self.conn.prepare_cached(&format!(
            "SELECT player, summary, news {PASSING} ORDER BY news DESC"
        )))?;
        let mut rows = self.sql(stmt.query(params![day, status, wanted.open]))?;
        // The last reports found, newest first, with their players.
        let mut found: Vec<(Option<NaiveDate>, String)> = Vec::new();
        let mut lasts: Vec<NaiveDate> = Vec::new();
        while let Some(row) = self.sql(rows.next())? {
            let news: Option<String> = self.sql(row.get(2))?;
            if lasts.len() >= limit {
                let threshold = lasts[limit - 1].to_string();
                if news.is_none_or(|n| n < threshold) {
                    break;
                }
            }
            let summary: RumourSummary = parse_json(&self.sql(row.get::<_, String>(1))?)?;
            if let Some(last) = summary.last {
                let at = lasts.partition_point(|d| *d >= last);
                lasts.insert(at, last);
                lasts.truncate(limit);
            }
            found.push((summary.last, self.sql(row.get(0))?));
        }
        let threshold = lasts.get(limit - 1).copied();
        let players = found
            .into_iter()
            .filter(|(last, _)| threshold.is_none() || *last >= threshold)
            .map(|(_, player)| player)
            .collect();
        Ok(Some((players, total as usize)))
    }

    /// The players with news between `since` and `day`: a rumour reported
    /// or changed then (or later: it may have been touched then too), or a
    /// contract signed then. What a digest of those days is about.
    pub fn players_with_news(&self, since: &str, day: &str) -> Result<BTreeSet<String>> {
        self.ids(
            "SELECT player FROM rumours WHERE news >= ?1 AND first <= ?2
             UNION SELECT player FROM contracts WHERE signed >= ?1 AND signed <= ?2",
            &[since, day],
        )
    }

    /// Where each rumour of a shard lies in its file, as of its last
    /// indexing (empty when not known).
    pub fn spans(&self, shard: &str) -> Result<HashMap<String, Span>> {
        let mut stmt = self.sql(
            self.conn
                .prepare_cached("SELECT list FROM spans WHERE shard = ?1"),
        )?;
        let list: Option<String> = self.sql(stmt.query_row([shard], |r| r.get(0)).optional())?;
        let mut out = HashMap::new();
        for line in list.as_deref().unwrap_or("").lines() {
            let mut parts = line.split(' ');
            if let (Some(id), Some(at), Some(len)) = (parts.next(), parts.next(), parts.next())
                && let (Ok(at), Ok(len)) = (at.parse(), len.parse())
            {
                out.insert(id.to_string(), (at, len));
            }
        }
        Ok(out)
    }

    /// Every player's id, name and aliases: for "did you mean" when a name
    /// matched nothing (a slow path, taken only on a miss).
    pub fn all_players(&self) -> Result<Vec<Player>> {
        self.every("SELECT json FROM players")
    }

    /// The records of these players (those that exist).
    pub fn players<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Result<Vec<Player>> {
        self.by_id("SELECT json FROM players WHERE id = ?1", ids)
    }

    /// The first `limit` players in list order (see [`crate::names::list_key`])
    /// and how many players there are: a page of `player list`.
    pub fn players_page(&self, limit: usize) -> Result<(Vec<String>, usize)> {
        let mut stmt = self.sql(
            self.conn
                .prepare_cached("SELECT id FROM players ORDER BY sort LIMIT ?1"),
        )?;
        let rows = self.sql(stmt.query_map([limit as i64], |r| r.get::<_, String>(0)))?;
        let mut ids = Vec::new();
        for row in rows {
            ids.push(self.sql(row)?);
        }
        let total: i64 = self.sql(self.conn.query_row(
            "SELECT count(*) FROM players",
            [],
            |r| r.get(0),
        ))?;
        Ok((ids, total as usize))
    }

    /// Whether a club has this exact id.
    pub fn has_club(&self, id: &str) -> Result<bool> {
        self.exists("SELECT 1 FROM clubs WHERE id = ?1", id)
    }

    /// Every club's id, name and aliases (all a name lookup looks at), as
    /// clubs with nothing else.
    pub fn club_names(&self) -> Result<Vec<Club>> {
        let mut stmt = self.sql(
            self.conn
                .prepare_cached("SELECT id, name, aliases FROM clubs"),
        )?;
        let rows = self.sql(stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        }))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, aliases) = self.sql(row)?;
            let mut club = Club::new(ClubId(id), &name);
            club.aliases = parse_json(&aliases)?;
            out.push(club);
        }
        Ok(out)
    }

    /// These clubs, in full (those that exist).
    pub fn clubs<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Result<Vec<Club>> {
        self.by_id("SELECT json FROM clubs WHERE id = ?1", ids)
    }

    /// Every club, in full.
    pub fn all_clubs(&self) -> Result<Vec<Club>> {
        self.every("SELECT json FROM clubs")
    }

    /// The records a one-parameter JSON query finds for each id.
    fn by_id<'a, T: serde::de::DeserializeOwned>(
        &self,
        sql: &str,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.sql(self.conn.prepare_cached(sql))?;
        let mut out = Vec::new();
        for id in ids {
            let json: Option<String> = self.sql(stmt.query_row([id], |r| r.get(0)).optional())?;
            if let Some(json) = json {
                out.push(parse_json(&json)?);
            }
        }
        Ok(out)
    }

    /// Every record a JSON query finds.
    fn every<T: serde::de::DeserializeOwned>(&self, sql: &str) -> Result<Vec<T>> {
        let mut stmt = self.sql(self.conn.prepare_cached(sql))?;
        let rows = self.sql(stmt.query_map([], |r| r.get::<_, String>(0)))?;
        let mut out = Vec::new();
        for json in rows {
            out.push(parse_json(&self.sql(json)?)?);
        }
        Ok(out)
    }

    /// Whether a one-parameter query finds a row.
    fn exists(&self, sql: &str, id: &str) -> Result<bool> {
        let mut stmt = self.sql(self.conn.prepare_cached(sql))?;
        self.sql(stmt.exists([id]))
    }

    /// Whether a player has this exact id.
    pub fn has_player(&self, id: &str) -> Result<bool> {
        self.exists("SELECT 1 FROM players WHERE id = ?1", id)
    }

    /// The players with a contract ending between `from` and `to`
    /// (inclusive, `YYYY-MM-DD`), and their rumours in brief. The `ending`
    /// table is clustered by end date and holds the player's record, so
    /// this is one range scan plus one clustered lookup per player.
    ///
    /// With `only_open` (a read), only the summaries of the rumours open now:
    /// closed stories are half of them, and an expiring list shows only open
    /// ones. One closed now but open on the day has news after it (its
    /// closing), so a read as of the day reads it from its shard anyway
    /// (see `Store::back_to`).
    pub fn ending(
        &self,
        from: &str,
        to: &str,
        only_open: bool,
    ) -> Result<(Vec<Player>, Vec<RumourSummary>)> {
        let mut stmt = self
            .sql(self.conn.prepare_cached(
                "SELECT player, json FROM ending WHERE ends >= ?1 AND ends <= ?2",
            ))?;
        let mut rows = self.sql(stmt.query(params![from, to]))?;
        let mut seen = std::collections::HashSet::new();
        let mut texts: Vec<Vec<u8>> = Vec::new();
        while let Some(row) = self.sql(rows.next())? {
            let id: String = self.sql(row.get(0))?;
            if seen.insert(id) {
                let text = self.sql(row.get_ref(1))?;
                texts.push(
                    self.sql(text.as_bytes().map_err(rusqlite::Error::from))?
                        .to_vec(),
                );
            }
        }
        // One statement, the players' rumours looked up in id order.
        let mut stmt = self.sql(self.conn.prepare_cached(
            "SELECT summary FROM rumours WHERE player IN
               (SELECT player FROM ending WHERE ends >= ?1 AND ends <= ?2)
               AND (?3 IS NULL OR open)",
        ))?;
        let mut rows = self.sql(stmt.query(params![from, to, only_open.then_some(1)]))?;
        let mut summary_texts: Vec<Vec<u8>> = Vec::new();
        while let Some(row) = self.sql(rows.next())? {
            let text = self.sql(row.get_ref(0))?;
            summary_texts.push(
                self.sql(text.as_bytes().map_err(rusqlite::Error::from))?
                    .to_vec(),
            );
        }
        // Thousands of records: parsed on every core.
        let players = on_all_cores(&texts, |t| parse_bytes::<Player>(t))
            .into_iter()
            .collect::<Result<Vec<_>>>()?;
        let summaries = on_all_cores(&summary_texts, |t| parse_bytes::<RumourSummary>(t))
            .into_iter()
            .collect::<Result<Vec<_>>>()?;
        Ok((players, summaries))
    }

    /// Reads from here on see one state of the index (and take its lock once).
    pub fn begin_reading(&self) -> Result<()> {
        self.sql(self.conn.execute_batch("BEGIN"))
    }

    /// Ids of the players with any contract with `club` (or signed from it):
    /// everyone who can be in its squad on some day.
    pub fn players_contracted_with(&self, club: &str) -> Result<BTreeSet<String>> {
        self.ids(
            "SELECT DISTINCT player FROM contracts WHERE club = ?1",
            &[club],
        )
    }

    /// Ids of the players with a rumour from or to `club`.
    pub fn players_in_rumours_about(&self, club: &str) -> Result<BTreeSet<String>> {
        self.ids(
            "SELECT player FROM rumours WHERE to_club = ?1
             UNION SELECT player FROM rumours WHERE from_club = ?1",
            &[club],
        )
    }

    /// The rumours whose id starts with `prefix` and that exist on `day`
    /// (first reported by then), with their players; at most 11.
    pub fn rumours_starting(&self, prefix: &str, day: &str) -> Result<Vec<(String, String)>> {
        let upper = format!("{prefix}\u{10FFFF}");
        let mut stmt = self.sql(self.conn.prepare_cached(
            "SELECT id, player FROM rumours WHERE id >= ?1 AND id < ?2 AND first <= ?3 LIMIT 11",
        ))?;
        let rows =
            self.sql(stmt.query_map(params![prefix, upper, day], |r| Ok((r.get(0)?, r.get(1)?))))?;
        rows.map(|r| self.sql(r)).collect()
    }

    /// The day of the newest dated fact: a report, a status change or a
    /// contract's signing; `None` in an empty world.
    pub fn newest_fact(&self) -> Result<Option<String>> {
        let mut stmt = self.sql(self.conn.prepare_cached(
            "SELECT max(d) FROM (SELECT max(news) AS d FROM rumours
                                 UNION ALL SELECT max(signed) FROM contracts)",
        ))?;
        self.sql(stmt.query_row([], |r| r.get(0)))
    }

    /// The rumours with something dated after `day`: (id, shard).
    pub fn rumours_with_news_after(&self, day: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self.sql(self.conn.prepare_cached(
            "SELECT id, shard FROM rumours INDEXED BY rumours_news WHERE news > ?1",
        ))?;
        let rows = self.sql(stmt.query_map([day], |r| Ok((r.get(0)?, r.get(1)?))))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(self.sql(row)?);
        }
        Ok(out)
    }

    /// The summaries of these players' rumours.
    pub fn summaries_of<'a>(
        &self,
        players: impl IntoIterator<Item = &'a str>,
    ) -> Result<Vec<RumourSummary>> {
        let mut stmt = self.sql(
            self.conn
                .prepare_cached("SELECT summary FROM rumours WHERE player = ?1"),
        )?;
        let mut out = Vec::new();
        for p in players {
            for json in self.sql(stmt.query_map([p], |r| r.get::<_, String>(0)))? {
                out.push(parse_json(&self.sql(json)?)?);
            }
        }
        Ok(out)
    }

    /// Every rumour in brief (thousands of rows: parsed on every core).
    pub fn all_summaries(&self) -> Result<Vec<RumourSummary>> {
        let mut stmt = self.sql(self.conn.prepare_cached("SELECT summary FROM rumours"))?;
        let mut rows = self.sql(stmt.query([]))?;
        let mut texts: Vec<Vec<u8>> = Vec::new();
        while let Some(row) = self.sql(rows.next())? {
            let text = self.sql(row.get_ref(0))?;
            texts.push(
                self.sql(text.as_bytes().map_err(rusqlite::Error::from))?
                    .to_vec(),
            );
        }
        on_all_cores(&texts, |t| parse_bytes::<RumourSummary>(t))
            .into_iter()
            .collect()
    }

    /// The track records each rumour shard earns each source: a shard read
    /// in full later counts its own instead.
    pub fn tallies_by_shard(&self) -> Result<BTreeMap<String, BTreeMap<SourceId, TrackRecord>>> {
        let mut stmt = self.sql(
            self.conn
                .prepare_cached("SELECT shard, source, reports, hits, misses FROM tallies"),
        )?;
        let rows = self.sql(stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                TrackRecord {
                    reports: r.get::<_, i64>(2)? as usize,
                    hits: r.get::<_, i64>(3)? as usize,
                    misses: r.get::<_, i64>(4)? as usize,
                },
            ))
        }))?;
        let mut out: BTreeMap<String, BTreeMap<SourceId, TrackRecord>> = BTreeMap::new();
        for row in rows {
            let (shard, source, record) = self.sql(row)?;
            out.entry(shard)
                .or_default()
                .insert(SourceId(source), record);
        }
        Ok(out)
    }

    /// Every source's track record over the rumour shards other than
    /// `except` (those are read in full and counted from their rumours).
    pub fn track_records_except(
        &self,
        except: &BTreeSet<String>,
    ) -> Result<BTreeMap<SourceId, TrackRecord>> {
        let mut out: BTreeMap<SourceId, TrackRecord> = BTreeMap::new();
        let mut all = self.sql(
            self.conn
                .prepare_cached("SELECT source, reports, hits, misses FROM totals"),
        )?;
        let row = |r: &rusqlite::Row| -> rusqlite::Result<(String, TrackRecord)> {
            Ok((
                r.get(0)?,
                TrackRecord {
                    reports: r.get::<_, i64>(1)? as usize,
                    hits: r.get::<_, i64>(2)? as usize,
                    misses: r.get::<_, i64>(3)? as usize,
                },
            ))
        };
        for r in self.sql(all.query_map([], row))? {
            let (source, t) = self.sql(r)?;
            out.insert(SourceId(source), t);
        }
        let mut one = self.sql(self.conn.prepare_cached(
            "SELECT source, reports, hits, misses FROM tallies WHERE shard = ?1",
        ))?;
        for shard in except {
            for r in self.sql(one.query_map([shard], row))? {
                let (source, t) = self.sql(r)?;
                if let Some(total) = out.get_mut(&SourceId(source)) {
                    total.reports -= t.reports.min(total.reports);
                    total.hits -= t.hits.min(total.hits);
                    total.misses -= t.misses.min(total.misses);
                }
            }
        }
        Ok(out)
    }

    fn ids(&self, sql: &str, args: &[&str]) -> Result<BTreeSet<String>> {
        let mut stmt = self.sql(self.conn.prepare_cached(sql))?;
        let rows =
            self.sql(stmt.query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(0)))?;
        rows.map(|r| self.sql(r)).collect()
    }

    fn sql<T>(&self, r: rusqlite::Result<T>) -> Result<T> {
        r.map_err(|e| {
            // Caught where the index is used: it is dropped and the
            // command answers from the JSON.
            Error::Index(e.to_string())
        })
    }
}

enum Parsed {
    Gone,
    Clubs(Vec<Club>),
    Players(Vec<Player>),
    /// With where each lies in the file, if known.
    Rumours(Vec<Rumour>, Option<Vec<Span>>),
}

enum IndexError {
    /// A data file cannot be read: the command's error, not the index's.
    Data(Error),
    /// The index itself failed: rebuild it.
    Sql,
}

impl From<rusqlite::Error> for IndexError {
    fn from(_: rusqlite::Error) -> Self {
        IndexError::Sql
    }
}

fn parse_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T> {
    parse_bytes(json.as_bytes())
}

/// A row's JSON; a broken one is the index's failure (it is rebuilt).
fn parse_bytes<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    serde_json::from_slice(bytes).map_err(|e| Error::Index(format!("a broken row: {e}")))
}

/// Deletes an index file (and SQLite's side files).
pub fn forget(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// The stamps of every player and rumour shard file, by relative path.
fn current_stamps(dir: &Path) -> Result<BTreeMap<String, Stamp>> {
    let mut out = BTreeMap::new();
    if let Ok(meta) = std::fs::metadata(dir.join(CLUBS)) {
        out.insert(CLUBS.to_string(), Stamp::of(&meta));
    }
    for sub in ["players", "rumours"] {
        let entries = match std::fs::read_dir(dir.join(sub)) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(Error::io(dir.join(sub), e)),
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".json") || name.starts_with(super::atomic::TEMP_PREFIX) {
                continue;
            }
            // Follows symlinks as reading does.
            if let Ok(meta) = std::fs::metadata(entry.path()) {
                out.insert(format!("{sub}/{name}"), Stamp::of(&meta));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every query the scoped reads make runs on a fresh index: a typo in
    /// SQL would otherwise only show as a silent fall back to the JSON.
    #[test]
    fn every_query_runs_on_a_fresh_index() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        for sub in ["", "players", "rumours"] {
            std::fs::create_dir_all(data.join(sub)).unwrap();
            let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(sub);
            for entry in std::fs::read_dir(&shipped).unwrap().flatten() {
                if entry.path().is_file() {
                    std::fs::copy(entry.path(), data.join(sub).join(entry.file_name())).unwrap();
                }
            }
        }
        let store = Store::open(&data).unwrap();
        let index = Index::open_at(&dir.path().join("index.sqlite"))
            .ok()
            .unwrap();
        assert!(index.refresh(&store).is_ok());
        assert!(
            index.refresh(&store).is_ok(),
            "a second refresh finds nothing to do"
        );
        let konate = index.name_candidates("konate").unwrap();
        assert!(konate.iter().any(|p| p.id.as_str() == "ibrahima-konate"));
        assert_eq!(index.all_players().unwrap().len(), 9, "the shipped players");
        let (players, summaries) = index.ending("2026-01-01", "2026-12-31", false).unwrap();
        assert!(!players.is_empty() && !summaries.is_empty());
        // A read: only the open stories.
        let (_, open) = index.ending("2026-01-01", "2026-12-31", true).unwrap();
        assert!(!open.is_empty() && open.len() < summaries.len());
        assert!(open.iter().all(|s| s.status.is_open()));
        assert!(
            !index
                .players_contracted_with("real-madrid")
                .unwrap()
                .is_empty()
        );
        assert!(index.has_club("real-madrid").unwrap());
        assert!(!index.has_club("real").unwrap());
        let names = index.club_names().unwrap();
        let clubs = index.all_clubs().unwrap();
        assert_eq!(names.len(), clubs.len());
        assert!(names.iter().any(|c| c.aliases.iter().any(|a| a == "LFC")));
        let two = index
            .clubs(["liverpool", "nowhere", "real-madrid"])
            .unwrap();
        assert_eq!(two.len(), 2);
        assert_eq!(two[0].name, "Liverpool");
        let found = index.rumours_starting("10dc", "2025-10-20").unwrap();
        assert_eq!(found.len(), 1);
        assert!(
            index
                .rumours_starting("10dc", "2025-01-01")
                .unwrap()
                .is_empty()
        );
        let later = index.rumours_with_news_after("2025-01-01").unwrap();
        assert!(later.len() >= 3);
        assert!(
            index
                .rumours_with_news_after("2099-01-01")
                .unwrap()
                .is_empty()
        );
        let records = index.track_records_except(&BTreeSet::new()).unwrap();
        let fewer = index
            .track_records_except(&BTreeSet::from(["4f".to_string()]))
            .unwrap();
        let reports =
            |r: &BTreeMap<SourceId, TrackRecord>| r.values().map(|t| t.reports).sum::<usize>();
        assert!(reports(&fewer) < reports(&records));
        index.begin_reading().unwrap();
    }
}
