//! The merge conflicts open in a world (`mercato conflicts`), and choosing a
//! side for one (`mercato resolve`). How they arise: see [`crate::merge`].

use crate::correct;
use crate::error::{Error, Result};
use crate::model::conflict::{Conflicts, RECORD, Side};
use crate::model::{ClubId, PlayerId, RumourId, SourceId};
use crate::store::relative_path;
use crate::store::{FileKey, shard_of};
use crate::world::World;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// One open conflict, located.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenConflict {
    /// The file inside the data directory: `sources.json`, `players/2c.json`.
    pub file: String,
    /// player, club, source or rumour.
    pub kind: &'static str,
    /// The record's id, as `mercato resolve` takes it.
    pub record: String,
    /// The record's name (a rumour: its player and move).
    pub name: String,
    /// The field, or `record` when one side removed the record.
    pub field: String,
    pub base: Option<Value>,
    /// The current branch's value: what the record holds meanwhile.
    pub ours: Option<Value>,
    pub theirs: Option<Value>,
}

/// Every open conflict of a world read in full, by file, record and field.
pub fn list(world: &World) -> Vec<OpenConflict> {
    let mut out = Vec::new();
    let mut add = |file: FileKey, kind, record: &str, name: String, conflicts: &Conflicts| {
        for (field, c) in &conflicts.0 {
            out.push(OpenConflict {
                file: relative_path(&file),
                kind,
                record: record.to_string(),
                name: name.clone(),
                field: field.clone(),
                base: c.base.clone(),
                ours: c.ours.clone(),
                theirs: c.theirs.clone(),
            });
        }
    };
    for c in world.clubs.values() {
        add(
            FileKey::Clubs,
            "club",
            c.id.as_str(),
            c.name.clone(),
            &c.conflicts,
        );
    }
    for s in world.sources.values() {
        add(
            FileKey::Sources,
            "source",
            s.id.as_str(),
            s.name.clone(),
            &s.conflicts,
        );
    }
    for p in world.players.values() {
        let file = FileKey::Players(shard_of(&p.id));
        add(file, "player", p.id.as_str(), p.name.clone(), &p.conflicts);
    }
    for r in world.rumours.values() {
        let name = match world.summary(&r.id) {
            Some(s) => format!(
                "{}, {}",
                world.player_name(&r.player),
                world.describe_move(s)
            ),
            None => world.player_name(&r.player).to_string(),
        };
        let file = FileKey::Rumours(shard_of(&r.player));
        add(file, "rumour", r.id.as_str(), name, &r.conflicts);
    }
    out.sort_by(|a, b| (&a.file, &a.record, &a.field).cmp(&(&b.file, &b.record, &b.field)));
    out
}

/// What `resolve` did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolved {
    pub file: String,
    pub kind: &'static str,
    pub record: String,
    pub name: String,
    pub field: String,
    /// The value taken (`None`: the field is now empty, or the record removed).
    pub value: Option<Value>,
    /// Whether taking the side removed the whole record.
    pub removed: bool,
    /// Conflicts still open in the same file.
    pub left_in_file: usize,
}

/// Ends one conflict by taking one side's value. `record` is an id or a
/// name among the records that have open conflicts; `field` one of its
/// conflicted fields. Taking the side that removed a record removes it, with
/// the same refusals as `remove` (nothing may still refer to it).
pub fn resolve(world: &mut World, record: &str, field: &str, side: Side) -> Result<Resolved> {
    let open = list(world);
    let found = find_record(world, &open, record)?;
    let (kind, id, name, file) = (
        found.kind,
        found.record.clone(),
        found.name.clone(),
        found.file.clone(),
    );
    if !open
        .iter()
        .any(|c| c.record == id && c.kind == kind && c.field == field)
    {
        let fields: Vec<&str> = open
            .iter()
            .filter(|c| c.record == id && c.kind == kind)
            .map(|c| c.field.as_str())
            .collect();
        return Err(Error::missing(
            "conflict",
            format!(
                "{kind} {id} ({name}) has no open conflict on '{field}'; its conflicts: {}",
                fields.join(", ")
            ),
        ));
    }
    let mut removed = false;
    let value = match kind {
        "club" => {
            let key = ClubId(id.clone());
            let chosen = choose(&world.clubs[&key], field, side)?;
            apply(world, chosen, field, &mut removed, World::put_club, |w| {
                correct::remove_club(w, &id).map(drop)
            })?
        }
        "source" => {
            let key = SourceId(id.clone());
            let chosen = choose(&world.sources[&key], field, side)?;
            apply(world, chosen, field, &mut removed, World::put_source, |w| {
                correct::remove_source(w, &id).map(drop)
            })?
        }
        "player" => {
            let key = PlayerId(id.clone());
            let chosen = choose(&world.players[&key], field, side)?;
            apply(world, chosen, field, &mut removed, World::put_player, |w| {
                correct::remove_player(w, &id, false).map(drop)
            })?
        }
        _ => {
            let key = RumourId(id.clone());
            let chosen = choose(&world.rumours[&key], field, side)?;
            apply(world, chosen, field, &mut removed, World::put_rumour, |w| {
                correct::remove_rumour(w, &key).map(drop)
            })?
        }
    };
    let left_in_file = list(world).iter().filter(|c| c.file == file).count();
    Ok(Resolved {
        file,
        kind,
        record: id,
        name,
        field: field.to_string(),
        value,
        removed,
        left_in_file,
    })
}

/// The one record with open conflicts that `query` names: its id, or a name
/// the usual lookups find ("konate" finds Ibrahima Konaté; a player's name
/// also finds his conflicted rumour).
fn find_record<'a>(
    world: &World,
    open: &'a [OpenConflict],
    query: &str,
) -> Result<&'a OpenConflict> {
    if open.is_empty() {
        return Err(Error::invalid(
            "conflict",
            "there are no open conflicts to resolve".to_string(),
        ));
    }
    let is = |c: &&OpenConflict, kind: &str, id: &str| c.kind == kind && c.record == id;
    let mut matches: Vec<&OpenConflict> =
        open.iter().filter(|c| c.record == query.trim()).collect();
    if matches.is_empty() {
        let player = world.find_player(query).ok();
        let club = world.find_club(query).ok();
        let source = world.find_source(query).ok();
        let rumour = world.find_rumour(query).ok();
        matches = open
            .iter()
            .filter(|c| {
                player.as_ref().is_some_and(|p| {
                    is(c, "player", p.as_str())
                        || c.kind == "rumour"
                            && world
                                .rumours
                                .get(&RumourId(c.record.clone()))
                                .is_some_and(|r| &r.player == p)
                }) || club.as_ref().is_some_and(|id| is(c, "club", id.as_str()))
                    || source
                        .as_ref()
                        .is_some_and(|id| is(c, "source", id.as_str()))
                    || rumour
                        .as_ref()
                        .is_some_and(|id| is(c, "rumour", id.as_str()))
            })
            .collect();
    }
    matches.dedup_by(|a, b| a.kind == b.kind && a.record == b.record);
    let records = |list: &[&OpenConflict]| {
        let mut names: Vec<String> = list
            .iter()
            .map(|c| format!("{} {} ({})", c.kind, c.record, c.name))
            .collect();
        names.dedup();
        names.join(", ")
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::missing(
            "conflict",
            format!(
                "'{query}' names no record with an open conflict; records with conflicts: {}",
                records(&open.iter().collect::<Vec<_>>())
            ),
        )),
        several => Err(Error::unclear(
            "record",
            format!("'{query}' could be {}; give the id", records(several)),
        )),
    }
}

/// The record with `side`'s value in `field` and that conflict gone, or
/// `None` when that side removed the record.
fn choose<T: Serialize + DeserializeOwned>(
    record: &T,
    field: &str,
    side: Side,
) -> Result<Option<T>> {
    let invalid = |e: serde_json::Error| {
        Error::Corrupt(format!(
            "the {} value of '{field}' is not valid: {e}",
            side_name(side)
        ))
    };
    let mut value = serde_json::to_value(record).map_err(invalid)?;
    let Some(object) = value.as_object_mut() else {
        return Ok(None);
    };
    let mut conflicts: Conflicts = object
        .remove("conflicts")
        .map(serde_json::from_value)
        .transpose()
        .map_err(invalid)?
        .unwrap_or_default();
    let Some(conflict) = conflicts.0.remove(field) else {
        return Err(Error::missing(
            "conflict",
            format!("no open conflict on '{field}'"),
        ));
    };
    let taken = conflict.side(side).cloned();
    if field == RECORD {
        if taken.is_none() {
            return Ok(None);
        }
    } else {
        match taken {
            Some(v) if !v.is_null() => {
                object.insert(field.to_string(), v);
            }
            _ => {
                object.remove(field);
            }
        }
    }
    if !conflicts.is_empty() {
        object.insert(
            "conflicts".to_string(),
            serde_json::to_value(conflicts).map_err(invalid)?,
        );
    }
    serde_json::from_value(value).map(Some).map_err(invalid)
}

/// Puts the chosen record back, or removes it; returns the value now in
/// `field`.
fn apply<T: Serialize>(
    world: &mut World,
    chosen: Option<T>,
    field: &str,
    removed: &mut bool,
    put: fn(&mut World, T),
    remove: impl FnOnce(&mut World) -> Result<()>,
) -> Result<Option<Value>> {
    match chosen {
        None => {
            remove(world)?;
            *removed = true;
            Ok(None)
        }
        Some(record) => {
            let value = serde_json::to_value(&record).ok();
            let now = if field == RECORD {
                value
            } else {
                value.and_then(|v| v.get(field).cloned())
            };
            put(world, record);
            Ok(now)
        }
    }
}

pub fn side_name(side: Side) -> &'static str {
    match side {
        Side::Ours => "ours",
        Side::Theirs => "theirs",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Source;
    use crate::model::conflict::Conflict;
    use serde_json::json;

    fn world_with_conflict(field: &str, conflict: Conflict) -> World {
        let mut world = World::default();
        let mut source = Source::new(SourceId("sky".into()), "Sky Sports");
        source.tier = Some(2);
        source.conflicts.0.insert(field.to_string(), conflict);
        world.put_source(source);
        world.forget_changes();
        world
    }

    fn tier_conflict() -> Conflict {
        Conflict {
            base: Some(json!(3)),
            ours: Some(json!(2)),
            theirs: Some(json!(4)),
        }
    }

    #[test]
    fn taking_theirs_sets_the_value_and_ends_the_conflict() {
        let mut world = world_with_conflict("tier", tier_conflict());
        assert_eq!(list(&world).len(), 1);
        let done = resolve(&mut world, "sky sports", "tier", Side::Theirs).unwrap();
        assert_eq!(done.value, Some(json!(4)));
        let sky = &world.sources[&SourceId("sky".into())];
        assert_eq!(sky.tier, Some(4));
        assert!(sky.conflicts.is_empty());
        assert!(list(&world).is_empty());
        assert!(world.has_changes(), "the change is to be written");
    }

    #[test]
    fn taking_an_absent_value_empties_the_field() {
        let mut c = tier_conflict();
        c.theirs = None;
        let mut world = world_with_conflict("tier", c);
        resolve(&mut world, "sky", "tier", Side::Theirs).unwrap();
        assert_eq!(world.sources[&SourceId("sky".into())].tier, None);
    }

    #[test]
    fn taking_the_removal_removes_the_record() {
        let c = Conflict {
            base: Some(json!({"id": "sky", "name": "Sky Sports"})),
            ours: None,
            theirs: Some(json!({"id": "sky", "name": "Sky Sports", "tier": 2})),
        };
        let mut world = world_with_conflict(RECORD, c.clone());
        let done = resolve(&mut world, "sky", RECORD, Side::Ours).unwrap();
        assert!(done.removed);
        assert!(world.sources.is_empty());
        let mut world = world_with_conflict(RECORD, c);
        resolve(&mut world, "sky", RECORD, Side::Theirs).unwrap();
        assert_eq!(world.sources[&SourceId("sky".into())].tier, Some(2));
    }

    #[test]
    fn a_wrong_record_or_field_is_refused_with_what_is_open() {
        let mut world = world_with_conflict("tier", tier_conflict());
        let e = resolve(&mut world, "bbc", "tier", Side::Ours)
            .unwrap_err()
            .to_string();
        assert!(e.contains("source sky (Sky Sports)"), "{e}");
        assert!(e.contains("'bbc' names no record"), "{e}");
        let e = resolve(&mut world, "sky", "country", Side::Ours)
            .unwrap_err()
            .to_string();
        assert!(e.contains("its conflicts: tier"), "{e}");
        assert_eq!(
            world.sources[&SourceId("sky".into())].tier,
            Some(2),
            "unchanged"
        );
    }
}
