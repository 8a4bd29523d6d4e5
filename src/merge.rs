//! The git merge driver for data files (`mercato merge-driver %O %A %B %P`).
//!
//! Git's line merge conflicts whenever two clones insert records, or append
//! reports to the same rumour, at the same place in a file. mercato merges
//! records instead:
//!
//! - records are matched by id; a record added on one side is kept, one
//!   deleted on one side and untouched on the other is deleted;
//! - a record changed on both sides is merged field by field: a field changed
//!   on one side only takes that change; lists (reports, history, contracts,
//!   aliases) keep the entries added on either side; a single value changed
//!   differently on both sides takes the larger of the two, so that merging
//!   A into B and B into A give the same file;
//! - then the model's rules are restored: reports and status changes in date
//!   order with duplicates removed, a rumour's status is its latest status
//!   change, and two open rumours of the same move (started in two clones)
//!   become one.

use crate::error::{Error, Result};
use crate::model::rumour::dedup_unordered;
use crate::model::{Club, Player, Rumour, Source};
use crate::store::{encode, migrate};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Merges three versions of one data file; `path` (as git names it) tells
/// what it holds when the files do not say.
pub fn merge_files(base: &[u8], ours: &[u8], theirs: &[u8], path: &str) -> Result<Vec<u8>> {
    let kind = kind_of(&[ours, theirs, base], path)?;
    let records = |bytes: &[u8], side: &str| -> Result<BTreeMap<String, Value>> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(BTreeMap::new());
        }
        let value: Value = serde_json::from_slice(bytes)
            .map_err(|e| Error::Refused(format!("{path} ({side}): {e}")))?;
        let value = migrate::upgrade(value, &kind)
            .map_err(|e| Error::Refused(format!("{path} ({side}): {e}")))?;
        let list = value
            .get("records")
            .and_then(Value::as_array)
            .ok_or_else(|| Error::Refused(format!("{path} ({side}): no records")))?;
        let mut map = BTreeMap::new();
        for record in list {
            let id = record
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| Error::Refused(format!("{path} ({side}): a record has no id")))?;
            map.insert(id.to_string(), record.clone());
        }
        Ok(map)
    };
    let (base, ours, theirs) = (
        records(base, "base")?,
        records(ours, "ours")?,
        records(theirs, "theirs")?,
    );
    let merged = merge_records(&base, &ours, &theirs);
    match kind.as_str() {
        "clubs" => finish::<Club>(&kind, merged, |_| {}),
        "sources" => finish::<Source>(&kind, merged, |_| {}),
        "players" => finish::<Player>(&kind, merged, |players| {
            for p in players.iter_mut() {
                p.contracts.sort_by_key(|c| (c.start, c.end));
                p.contracts.dedup();
            }
        }),
        "rumours" => finish::<Rumour>(&kind, merged, normalize_rumours),
        other => Err(Error::Refused(format!(
            "{path}: unknown kind of file '{other}'"
        ))),
    }
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
        _ => return Err(Error::Refused(format!("{path}: not a mercato data file"))),
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
        .map_err(|e| Error::Refused(format!("the merged {kind} do not make valid records: {e}")))?;
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

fn merge_records(
    base: &BTreeMap<String, Value>,
    ours: &BTreeMap<String, Value>,
    theirs: &BTreeMap<String, Value>,
) -> Vec<Value> {
    let ids: std::collections::BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    ids.into_iter()
        .filter_map(|id| match (base.get(id), ours.get(id), theirs.get(id)) {
            (_, Some(o), Some(t)) => Some(merge_value(base.get(id), o, t)),
            // Deleted on one side: gone, unless the other side changed it.
            (Some(b), Some(o), None) => (o != b).then(|| o.clone()),
            (Some(b), None, Some(t)) => (t != b).then(|| t.clone()),
            (None, Some(o), None) => Some(o.clone()),
            (None, None, Some(t)) => Some(t.clone()),
            (_, None, None) => None,
        })
        .collect()
}

fn merge_value(base: Option<&Value>, ours: &Value, theirs: &Value) -> Value {
    if ours == theirs || base == Some(theirs) {
        return ours.clone();
    }
    if base == Some(ours) {
        return theirs.clone();
    }
    match (ours, theirs) {
        (Value::Object(o), Value::Object(t)) => {
            let b = base.and_then(Value::as_object);
            let keys: std::collections::BTreeSet<&String> = o.keys().chain(t.keys()).collect();
            let mut out = Map::new();
            for key in keys {
                let bv = b.and_then(|b| b.get(key));
                let merged = match (o.get(key), t.get(key)) {
                    (Some(ov), Some(tv)) => Some(merge_value(bv, ov, tv)),
                    (Some(ov), None) => (bv != Some(ov)).then(|| ov.clone()),
                    (None, Some(tv)) => (bv != Some(tv)).then(|| tv.clone()),
                    (None, None) => None,
                };
                if let Some(v) = merged {
                    out.insert(key.clone(), v);
                }
            }
            Value::Object(out)
        }
        (Value::Array(o), Value::Array(t)) => {
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
            Value::Array(out)
        }
        // Changed differently on both sides: a choice that does not depend
        // on which side merges which.
        _ => {
            if serde_json::to_string(ours).ok() >= serde_json::to_string(theirs).ok() {
                ours.clone()
            } else {
                theirs.clone()
            }
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

    fn records(bytes: &[u8]) -> Vec<Value> {
        let v: Value = serde_json::from_slice(bytes).unwrap();
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
    fn a_deletion_beats_no_change_but_not_a_change() {
        let base = file(
            "sources",
            json!([{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]),
        );
        let ours = file("sources", json!([{"id": "b", "name": "B"}]));
        let theirs = file(
            "sources",
            json!([{"id": "a", "name": "A", "tier": 2}, {"id": "b", "name": "B"}]),
        );
        let merged = records(&merge_files(&base, &ours, &theirs, "sources.json").unwrap());
        assert_eq!(merged.len(), 2, "a was changed on one side: kept");
        let theirs = file(
            "sources",
            json!([{"id": "a", "name": "A"}, {"id": "b", "name": "B", "tier": 1}]),
        );
        let merged = records(&merge_files(&base, &ours, &theirs, "sources.json").unwrap());
        assert_eq!(merged, vec![json!({"id": "b", "name": "B", "tier": 1})]);
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
