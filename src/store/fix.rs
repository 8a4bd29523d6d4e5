//! `check --fix`: records a hand edit left in another shard's file go back
//! to their own, as one journaled change (`undo` reverts it). An id twice is
//! left for a person, both copies shown: which one is right is not
//! mercato's to guess, and dropping either would lose what only it holds.

use super::dir::Store;
use super::files::{shard_name, shard_of};
use super::format::{Placed, encode, read_records_as_found};
use super::journal;
use crate::error::Result;
use crate::model::{Player, Rumour};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

/// What `check --fix` did and left.
#[derive(Debug, Default, Serialize)]
pub struct Fixed {
    pub moved: Vec<Moved>,
    pub twice: Vec<Twice>,
}

/// A record moved to the file of its shard.
#[derive(Debug, Serialize)]
pub struct Moved {
    pub kind: &'static str,
    pub id: String,
    pub from: String,
    pub to: String,
}

/// An id held by more than one record: each copy, with its file.
#[derive(Debug, Serialize)]
pub struct Twice {
    pub kind: &'static str,
    pub id: String,
    pub copies: Vec<(String, serde_json::Value)>,
}

/// Each shard file's records, by relative path, as found.
type Files<T> = BTreeMap<String, Vec<T>>;

impl Store {
    /// Moves every misplaced player and rumour to its shard's file, as one
    /// change, and lists the ids found twice (left as they are).
    pub fn fix_places(&self, as_of: chrono::NaiveDate) -> Result<Fixed> {
        self.refuse_read_only()?;
        let _lock = self.lock_for_writing()?;
        journal::recover(&self.dir)?;
        let mut fixed = Fixed::default();
        let mut files = self.fix_shards::<Player>("players", &mut fixed)?;
        files.extend(self.fix_shards::<Rumour>("rumours", &mut fixed)?);
        fixed
            .twice
            .extend(self.twice_in::<crate::model::Club>("clubs.json", "clubs")?);
        fixed
            .twice
            .extend(self.twice_in::<crate::model::Source>("sources.json", "sources")?);
        if !files.is_empty() {
            journal::apply(&self.dir, "check --fix", as_of, &files)?;
        }
        Ok(fixed)
    }

    /// The ids found twice in one unsharded file (clubs, sources).
    fn twice_in<T>(&self, name: &str, kind: &str) -> Result<Vec<Twice>>
    where
        T: DeserializeOwned + Serialize + Placed,
    {
        let records = read_records_as_found::<T>(&self.dir.join(name), kind)?;
        Ok(twice(&as_values(name, records), T::KIND))
    }

    /// The new content of the `sub` files that moving records changes.
    fn fix_shards<T>(&self, sub: &str, fixed: &mut Fixed) -> Result<Vec<(String, Vec<u8>)>>
    where
        T: DeserializeOwned + Serialize + Placed + Send,
    {
        let mut problems = Vec::new();
        let paths = self.shard_files(sub, &mut problems);
        if let Some(first) = problems.into_iter().next() {
            return Err(first);
        }
        let mut found: Files<T> = BTreeMap::new();
        for path in &paths {
            let records = read_records_as_found::<T>(path, sub)?;
            found.insert(format!("{sub}/{}.json", shard_name(path)), records);
        }
        let changed = move_home(sub, &mut found, &mut fixed.moved);
        let values: Files<serde_json::Value> = found
            .iter()
            .map(|(file, records)| (file.clone(), records.iter().map(to_value).collect()))
            .collect();
        fixed.twice.extend(twice(&values, T::KIND));
        let mut out = Vec::new();
        for file in changed {
            let mut records: Vec<&T> = found
                .get(&file)
                .map(|r| r.iter().collect())
                .unwrap_or_default();
            records.sort_by(|a, b| a.record_id().cmp(b.record_id()));
            out.push((file, encode(sub, &records)?));
        }
        Ok(out)
    }
}

/// Moves each record whose shard is another file's to that file, unless
/// that file holds its id already (then both stay: a duplicate). Returns
/// the files changed.
fn move_home<T: Placed>(sub: &str, found: &mut Files<T>, moved: &mut Vec<Moved>) -> Vec<String> {
    let mut going = Vec::new();
    for (file, records) in found.iter_mut() {
        let mut kept = Vec::with_capacity(records.len());
        for record in std::mem::take(records) {
            let home = record
                .owner()
                .map(|p| format!("{sub}/{}.json", shard_of(p)));
            match home {
                Some(home) if &home != file => going.push((file.clone(), home, record)),
                _ => kept.push(record),
            }
        }
        *records = kept;
    }
    let mut changed = std::collections::BTreeSet::new();
    for (from, home, record) in going {
        let at_home = found.entry(home.clone()).or_default();
        let taken = at_home.iter().any(|r| r.record_id() == record.record_id());
        let to = if taken { from.clone() } else { home };
        if !taken {
            changed.insert(from.clone());
            changed.insert(to.clone());
            moved.push(Moved {
                kind: T::KIND,
                id: record.record_id().to_string(),
                from: from.clone(),
                to: to.clone(),
            });
        }
        found.entry(to).or_default().push(record);
    }
    changed.into_iter().collect()
}

/// Every id held by more than one record, over all files, with each copy.
fn twice(found: &Files<serde_json::Value>, kind: &'static str) -> Vec<Twice> {
    let mut by_id: BTreeMap<String, Vec<(String, serde_json::Value)>> = BTreeMap::new();
    for (file, records) in found {
        for record in records {
            let id = record["id"].as_str().unwrap_or_default().to_string();
            by_id
                .entry(id)
                .or_default()
                .push((file.clone(), record.clone()));
        }
    }
    by_id
        .into_iter()
        .filter(|(_, copies)| copies.len() > 1)
        .map(|(id, copies)| Twice { kind, id, copies })
        .collect()
}

fn to_value<T: Serialize>(record: &T) -> serde_json::Value {
    serde_json::to_value(record).unwrap_or(serde_json::Value::Null)
}

fn as_values<T: Serialize>(file: &str, records: Vec<T>) -> Files<serde_json::Value> {
    BTreeMap::from([(file.to_string(), records.iter().map(to_value).collect())])
}
