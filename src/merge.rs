//! The git merge driver for data files (`mercato merge-driver %O %A %B %P`).
//!
//! Git's line merge conflicts whenever two clones insert records, or append
//! reports to the same rumour, at the same place in a file. mercato merges
//! records instead:
//!
//! - records are matched by id; a record added on one side is kept, one
//!   removed on one side and untouched on the other is removed;
//! - a record changed on both sides is merged field by field: a field changed
//!   on one side only takes that change; lists (reports, history, contracts,
//!   aliases) keep the entries added on either side;
//! - a single value changed differently on both sides, or a record removed on
//!   one side and changed on the other, is a *conflict*: the record keeps our
//!   value (or the changed record) and records base, ours and theirs in its
//!   `conflicts`, so the file stays valid JSON and nothing is lost; the driver
//!   then exits 1 so that git reports the file as conflicted until someone
//!   chooses (`mercato conflicts`, `mercato resolve`);
//! - then the model's rules are restored: reports and status changes in date
//!   order with duplicates removed, a rumour's status is its latest status
//!   change, and two open rumours of the same move (started in two clones)
//!   become one.

use crate::error::{Error, Result};
use crate::model::conflict::{Conflict, Conflicts, RECORD};
use crate::model::rumour::dedup_unordered;
use crate::model::{Club, Player, Rumour, Source};
use crate::store::{encode, migrate};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The key under which a record keeps its conflicts.
const CONFLICTS: &str = "conflicts";

/// A merged file, and the conflicts it keeps.
#[derive(Debug)]
pub struct Merged {
    pub bytes: Vec<u8>,
    /// `(record id, field)` of every open conflict in the file.
    pub conflicts: Vec<(String, String)>,
}

/// Merges three versions of one data file; `path` (as git names it) tells
/// what it holds when the files do not say.
pub fn merge_files(base: &[u8], ours: &[u8], theirs: &[u8], path: &str) -> Result<Merged> {
    let kind = kind_of(&[ours, theirs, base], path)?;
    refuse_blank_side(base, &[(ours, "ours"), (theirs, "theirs")], path)?;
    let records = |bytes: &[u8], side: &str| -> Result<BTreeMap<String, Value>> {
        if is_blank(bytes) {
            return Ok(BTreeMap::new());
        }
        let value: Value = serde_json::from_slice(bytes)
            .map_err(|e| Error::Corrupt(format!("{path} ({side}): {e}")))?;
        let value = migrate::upgrade(value, &kind)
            .map_err(|e| Error::Corrupt(format!("{path} ({side}): {e}")))?;
        let list = value
            .get("records")
            .and_then(Value::as_array)
            .ok_or_else(|| Error::Corrupt(format!("{path} ({side}): no records")))?;
        let mut map = BTreeMap::new();
        for record in list {
            let id = record
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| Error::Corrupt(format!("{path} ({side}): a record has no id")))?;
            if map.insert(id.to_string(), record.clone()).is_some() {
                // Merging would keep one copy and lose the other's edits.
                return Err(Error::Corrupt(format!(
                    "{path} ({side}): record '{}' appears more than once; keep one copy by hand, then merge again (nothing was merged)",
                    crate::text::shown(id)
                )));
            }
        }
        Ok(map)
    };
    let (base, ours, theirs) = (
        records(base, "base")?,
        records(ours, "ours")?,
        records(theirs, "theirs")?,
    );
    let merged = merge_records(&base, &ours, &theirs);
    let bytes = match kind.as_str() {
        "clubs" => finish::<Club>(&kind, merged, |_| {}),
        "sources" => finish::<Source>(&kind, merged, |_| {}),
        "players" => finish::<Player>(&kind, merged, |players| {
            for p in players.iter_mut() {
                p.contracts.sort_by_key(|c| (c.start, c.end));
                p.contracts.dedup();
            }
        }),
        "rumours" => finish::<Rumour>(&kind, merged, normalize_rumours),
        other => Err(Error::invalid(
            "path",
            format!("{path}: unknown kind of file '{other}'"),
        )),
    }?;
    let conflicts = open_conflicts(&bytes);
    Ok(Merged { bytes, conflicts })
}

/// Whether a version of a file is empty or only whitespace (git hands an
/// absent file over as an empty one).
fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// A blank side is an add/add when the ancestor is blank too; otherwise it is
/// a file that lost its content (a truncation, a bad checkout), not the
/// removal of every record, which a file saying `"records": []` would be.
fn refuse_blank_side(base: &[u8], sides: &[(&[u8], &str)], path: &str) -> Result<()> {
    if is_blank(base) {
        return Ok(());
    }
    match sides.iter().find(|(bytes, _)| is_blank(bytes)) {
        Some((_, side)) => Err(Error::Conflict(format!(
            "{path} ({side}): the file is empty while the common ancestor holds records; an empty file is not the removal of every record (nothing was merged)"
        ))),
        None => Ok(()),
    }
}

/// `(record id, field)` of every conflict a merged file keeps.
fn open_conflicts(bytes: &[u8]) -> Vec<(String, String)> {
    let Ok(value) = serde_json::from_slice::<Value>(bytes) else {
        return Vec::new();
    };
    let records = value.get("records").and_then(Value::as_array);
    records
        .into_iter()
        .flatten()
        .flat_map(|r| {
            let id = r
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let fields = r.get(CONFLICTS).and_then(Value::as_object);
            fields
                .into_iter()
                .flat_map(|f| f.keys())
                .map(move |field| (id.clone(), field.clone()))
        })
        .collect()
}

fn kind_of(sides: &[&[u8]], path: &str) -> Result<String> {
    for bytes in sides {
        if let Ok(v) = serde_json::from_slice::<Value>(bytes)
            && let Some(kind) = v.get("kind").and_then(Value::as_str)
        {
            return Ok(kind.to_string());
        }
    }
    let path = path.replace('\\', "/");
    let name = path.rsplit('/').next().unwrap_or("");
    let parent = path.rsplit('/').nth(1).unwrap_or("");
    Ok(match (parent, name) {
        (_, "clubs.json") => "clubs",
        (_, "sources.json") => "sources",
        ("players", _) => "players",
        ("rumours", _) => "rumours",
        _ => {
            return Err(Error::Corrupt(format!("{path}: not a mercato data file")));
        }
    }
    .to_string())
}

fn finish<T: Serialize + DeserializeOwned>(
    kind: &str,
    merged: Vec<Value>,
    fix: impl FnOnce(&mut Vec<T>),
) -> Result<Vec<u8>> {
    let mut records: Vec<T> = merged
        .into_iter()
        .map(serde_json::from_value)
        .collect::<Result<_, _>>()
        .map_err(|e| {
            Error::Conflict(format!("the merged {kind} do not make valid records: {e}"))
        })?;
    fix(&mut records);
    encode(kind, &records.iter().collect::<Vec<_>>())
}

/// Restores a rumour file's rules after a merge.
fn normalize_rumours(rumours: &mut Vec<Rumour>) {
    for r in rumours.iter_mut() {
        r.reports.sort_by_key(|x| x.date);
        dedup_unordered(&mut r.reports);
        r.history.sort_by_key(|h| h.date);
        dedup_unordered(&mut r.history);
        if let Some(last) = r.history.last() {
            r.status = last.status;
            // The status follows the merged history: no choice to make.
            r.conflicts.settle("status");
        }
    }
    // Two clones that each started a rumour of the same move: keep one, the
    // one first reported (then the smaller id), with every report of both.
    let mut i = 0;
    while i < rumours.len() {
        let twin = (0..rumours.len()).find(|&j| {
            j != i
                && rumours[i].status.is_open()
                && rumours[j].status.is_open()
                && rumours[j].is_same_move(
                    &rumours[i].player,
                    rumours[i].kind,
                    rumours[i].to.as_ref(),
                )
        });
        match twin {
            Some(j) => {
                let key = |r: &Rumour| (r.first_reported(), r.id.clone());
                let (keep, drop) = if key(&rumours[i]) <= key(&rumours[j]) {
                    (i, j)
                } else {
                    (j, i)
                };
                let gone = rumours.remove(drop);
                let keep = if drop < keep { keep - 1 } else { keep };
                rumours[keep].absorb(gone);
                i = 0;
            }
            None => i += 1,
        }
    }
    rumours.sort_by(|a, b| a.id.cmp(&b.id));
}

/// Merges the records of three versions by id; a record whose sides could
/// not be merged carries its conflicts (see `model::conflict`).
fn merge_records(
    base: &BTreeMap<String, Value>,
    ours: &BTreeMap<String, Value>,
    theirs: &BTreeMap<String, Value>,
) -> Vec<Value> {
    let ids: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    ids.into_iter()
        .filter_map(|id| match (base.get(id), ours.get(id), theirs.get(id)) {
            (b, Some(o), Some(t)) => Some(merge_record(b, o, t)),
            // Removed on one side: gone if the other side left it as it
            // was; kept, with the removal as a conflict, if it changed it.
            (Some(b), Some(o), None) => (o != b).then(|| removed_vs_changed(b, o, Some(o), None)),
            (Some(b), None, Some(t)) => (t != b).then(|| removed_vs_changed(b, t, None, Some(t))),
            (None, Some(o), None) => Some(o.clone()),
            (None, None, Some(t)) => Some(t.clone()),
            (_, None, None) => None,
        })
        .collect()
}

/// The conflicts a record already carries (from an earlier merge), and the
/// record without them.
fn split_conflicts(record: &Value) -> (Value, Conflicts) {
    let mut record = record.clone();
    let conflicts = record
        .as_object_mut()
        .and_then(|o| o.remove(CONFLICTS))
        .and_then(|c| serde_json::from_value(c).ok())
        .unwrap_or_default();
    (record, conflicts)
}

fn with_conflicts(mut record: Value, conflicts: Conflicts) -> Value {
    if let (Some(object), false) = (record.as_object_mut(), conflicts.is_empty()) {
        object.insert(
            CONFLICTS.to_string(),
            serde_json::to_value(conflicts).unwrap_or_default(),
        );
    }
    record
}

/// A record one side removed and the other changed: the changed record stays
/// (so nothing is lost) with a conflict on the whole record.
fn removed_vs_changed(
    base: &Value,
    kept: &Value,
    ours: Option<&Value>,
    theirs: Option<&Value>,
) -> Value {
    let (base, _) = split_conflicts(base);
    let (record, mut conflicts) = split_conflicts(kept);
    let strip = |v: Option<&Value>| v.map(|v| split_conflicts(v).0);
    conflicts.0.insert(
        RECORD.to_string(),
        Conflict {
            base: Some(base),
            ours: strip(ours),
            theirs: strip(theirs),
        },
    );
    with_conflicts(record, conflicts)
}

/// Merges one record field by field; a field both sides changed differently
/// keeps our value and becomes a conflict.
fn merge_record(base: Option<&Value>, ours: &Value, theirs: &Value) -> Value {
    let split = |v: Option<&Value>| v.map(split_conflicts);
    let (b, _) = split(base).unzip();
    let (o, mut conflicts) = split_conflicts(ours);
    let (t, their_conflicts) = split_conflicts(theirs);
    conflicts.absorb(their_conflicts);
    let (Some(om), Some(tm)) = (o.as_object(), t.as_object()) else {
        return ours.clone();
    };
    let bm = b.as_ref().and_then(Value::as_object);
    let keys: BTreeSet<&String> = om.keys().chain(tm.keys()).collect();
    let mut out = Map::new();
    for key in keys {
        let bv = bm.and_then(|b| b.get(key));
        let (ov, tv) = (om.get(key), tm.get(key));
        let mut conflicted = false;
        if let Some(v) = merge_value(bv, ov, tv, &mut conflicted) {
            out.insert(key.clone(), v);
        }
        if conflicted {
            conflicts.0.insert(
                key.clone(),
                Conflict {
                    base: bv.cloned(),
                    ours: ov.cloned(),
                    theirs: tv.cloned(),
                },
            );
        }
    }
    with_conflicts(Value::Object(out), conflicts)
}

/// A three-way merge of one value (`None`: not there). Objects merge key by
/// key, lists keep what either side added and drop what either removed; two
/// different changes to one value keep ours and set `conflicted`.
fn merge_value(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    conflicted: &mut bool,
) -> Option<Value> {
    if ours == theirs || base == theirs {
        return ours.cloned();
    }
    if base == ours {
        return theirs.cloned();
    }
    match (ours, theirs) {
        (Some(Value::Object(o)), Some(Value::Object(t))) => {
            let b = base.and_then(Value::as_object);
            let keys: BTreeSet<&String> = o.keys().chain(t.keys()).collect();
            let mut out = Map::new();
            for key in keys {
                let bv = b.and_then(|b| b.get(key));
                if let Some(v) = merge_value(bv, o.get(key), t.get(key), conflicted) {
                    out.insert(key.clone(), v);
                }
            }
            Some(Value::Object(out))
        }
        (Some(Value::Array(o)), Some(Value::Array(t))) => {
            let b: &[Value] = base.and_then(Value::as_array).map_or(&[], Vec::as_slice);
            let mut out: Vec<Value> = o
                .iter()
                .filter(|x| !b.contains(x) || t.contains(x))
                .cloned()
                .collect();
            for x in t {
                if !o.contains(x) && !b.contains(x) {
                    out.push(x.clone());
                }
            }
            Some(Value::Array(out))
        }
        _ => {
            *conflicted = true;
            ours.cloned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn file(kind: &str, records: Value) -> Vec<u8> {
        serde_json::to_vec(&json!({"version": 2, "kind": kind, "records": records})).unwrap()
    }

    fn records(merged: &Merged) -> Vec<Value> {
        let v: Value = serde_json::from_slice(&merged.bytes).unwrap();
        v["records"].as_array().unwrap().clone()
    }

    #[test]
    fn additions_on_both_sides_are_kept() {
        let base = file("clubs", json!([{"id": "a", "name": "A"}]));
        let ours = file(
            "clubs",
            json!([{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]),
        );
        let theirs = file(
            "clubs",
            json!([{"id": "a", "name": "A"}, {"id": "c", "name": "C"}]),
        );
        let merged = records(&merge_files(&base, &ours, &theirs, "data/clubs.json").unwrap());
        let ids: Vec<&str> = merged.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn reports_added_to_one_rumour_on_both_sides_are_all_kept() {
        let rumour = |reports: Value, status: &str| {
            json!({"id": "r1", "player": "p", "kind": "transfer", "from": "x", "to": "y",
                   "status": status, "reports": reports,
                   "history": [{"date": "2025-10-01", "status": "rumour"}]})
        };
        let r = |d: &str, s: &str| json!({"date": d, "source": s});
        let base = file(
            "rumours",
            json!([rumour(json!([r("2025-10-01", "a")]), "rumour")]),
        );
        let ours = file(
            "rumours",
            json!([rumour(
                json!([r("2025-10-01", "a"), r("2025-10-03", "b")]),
                "rumour"
            )]),
        );
        let theirs = file(
            "rumours",
            json!([rumour(
                json!([r("2025-10-01", "a"), r("2025-10-02", "c")]),
                "rumour"
            )]),
        );
        let merged = records(&merge_files(&base, &ours, &theirs, "data/rumours/ab.json").unwrap());
        let sources: Vec<&str> = merged[0]["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["source"].as_str().unwrap())
            .collect();
        assert_eq!(sources, ["a", "c", "b"], "all reports, in date order");
        let again = records(&merge_files(&base, &theirs, &ours, "data/rumours/ab.json").unwrap());
        assert_eq!(merged, again, "the merge does not depend on the direction");
    }

    #[test]
    fn twin_rumours_of_one_move_become_one() {
        let rumour = |id: &str, date: &str, source: &str| {
            json!({"id": id, "player": "p", "kind": "transfer", "from": "x", "to": "y",
                   "status": "rumour", "reports": [{"date": date, "source": source}],
                   "history": [{"date": date, "status": "rumour"}]})
        };
        let base = file("rumours", json!([]));
        let ours = file("rumours", json!([rumour("aaaa0001", "2025-10-02", "a")]));
        let theirs = file("rumours", json!([rumour("bbbb0002", "2025-10-01", "b")]));
        let merged = records(&merge_files(&base, &ours, &theirs, "rumours/00.json").unwrap());
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0]["id"], "bbbb0002", "the first reported stays");
        assert_eq!(merged[0]["reports"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn a_removal_beats_no_change_and_conflicts_with_a_change() {
        let base = file(
            "sources",
            json!([{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]),
        );
        let ours = file("sources", json!([{"id": "b", "name": "B"}]));
        let theirs = file(
            "sources",
            json!([{"id": "a", "name": "A", "tier": 2}, {"id": "b", "name": "B"}]),
        );
        let merged = merge_files(&base, &ours, &theirs, "sources.json").unwrap();
        let a = &records(&merged)[0];
        assert_eq!(a["tier"], 2, "the changed record is kept");
        assert_eq!(a["conflicts"]["record"]["ours"], Value::Null);
        assert_eq!(a["conflicts"]["record"]["theirs"]["tier"], 2);
        assert_eq!(a["conflicts"]["record"]["base"]["name"], "A");
        assert_eq!(merged.conflicts, [("a".to_string(), "record".to_string())]);
        let theirs = file(
            "sources",
            json!([{"id": "a", "name": "A"}, {"id": "b", "name": "B", "tier": 1}]),
        );
        let merged = merge_files(&base, &ours, &theirs, "sources.json").unwrap();
        assert_eq!(
            records(&merged),
            vec![json!({"id": "b", "name": "B", "tier": 1})]
        );
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn one_field_changed_differently_keeps_ours_and_both_values() {
        let base = file("sources", json!([{"id": "a", "name": "A", "tier": 3}]));
        let ours = file("sources", json!([{"id": "a", "name": "A", "tier": 2}]));
        let theirs = file(
            "sources",
            json!([{"id": "a", "name": "A", "tier": 4, "country": "Spain"}]),
        );
        let merged = merge_files(&base, &ours, &theirs, "sources.json").unwrap();
        let a = &records(&merged)[0];
        assert_eq!(a["tier"], 2, "the current branch's value meanwhile");
        assert_eq!(a["country"], "Spain", "a change on one side only is taken");
        assert_eq!(
            a["conflicts"],
            json!({"tier": {"base": 3, "ours": 2, "theirs": 4}})
        );
        assert_eq!(merged.conflicts, [("a".to_string(), "tier".to_string())]);
        // Merging again with a further change keeps the open conflict.
        let later = file(
            "sources",
            json!([{"id": "a", "name": "A2", "tier": 4, "country": "Spain"}]),
        );
        let again = merge_files(&merged.bytes, &merged.bytes, &later, "sources.json").unwrap();
        let a = &records(&again)[0];
        assert_eq!(a["name"], "A2");
        assert_eq!(a["conflicts"]["tier"]["theirs"], 4);
    }

    #[test]
    fn a_value_removed_on_one_side_and_changed_on_the_other_conflicts() {
        let base = file("sources", json!([{"id": "a", "name": "A", "tier": 3}]));
        let ours = file("sources", json!([{"id": "a", "name": "A"}]));
        let theirs = file("sources", json!([{"id": "a", "name": "A", "tier": 1}]));
        let a = &records(&merge_files(&base, &ours, &theirs, "sources.json").unwrap())[0];
        assert_eq!(a.get("tier"), None);
        assert_eq!(
            a["conflicts"]["tier"],
            json!({"base": 3, "ours": null, "theirs": 1})
        );
    }

    #[test]
    fn status_changes_on_both_sides_are_history_not_a_conflict() {
        let rumour = |status: &str, history: Value| {
            json!({"id": "r1", "player": "p", "kind": "transfer", "to": "y",
                   "status": status, "reports": [{"date": "2025-10-01", "source": "a"}],
                   "history": history})
        };
        let h = |d: &str, s: &str| json!({"date": d, "status": s});
        let base = file(
            "rumours",
            json!([rumour("rumour", json!([h("2025-10-01", "rumour")]))]),
        );
        let ours = file(
            "rumours",
            json!([rumour(
                "talks",
                json!([h("2025-10-01", "rumour"), h("2025-10-05", "talks")])
            )]),
        );
        let theirs = file(
            "rumours",
            json!([rumour(
                "denied",
                json!([h("2025-10-01", "rumour"), h("2025-10-07", "denied")])
            )]),
        );
        let merged = merge_files(&base, &ours, &theirs, "rumours/ab.json").unwrap();
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert_eq!(records(&merged)[0]["status"], "denied", "the latest change");
    }

    #[test]
    fn version_1_sides_are_migrated() {
        let v1 = serde_json::to_vec(&json!({"version": 1, "records": [{"id": "a", "name": "A"}]}))
            .unwrap();
        let ours = file(
            "clubs",
            json!([{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]),
        );
        let merged = merge_files(&v1, &ours, &v1, "data/clubs.json").unwrap();
        assert_eq!(records(&merged).len(), 2);
    }
}
