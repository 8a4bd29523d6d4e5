//! How a data file is written and read: `{"version": N, "kind": K,
//! "records": [...]}`, pretty-printed with a trailing newline; older
//! versions are migrated on read, newer ones refused with a clear error.

use super::migrate;
use crate::error::{Error, Result};
use crate::model::PlayerId;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The format version this mercato writes and the newest it reads.
pub const FORMAT_VERSION: u32 = migrate::CURRENT;

#[derive(Deserialize)]
struct FileIn<T> {
    version: u32,
    #[serde(default)]
    kind: Option<String>,
    records: Vec<T>,
}

#[derive(Serialize)]
struct FileOut<'a, T> {
    version: u32,
    kind: &'a str,
    records: &'a [&'a T],
}

/// Just the version, read when a file does not parse, to tell a newer format
/// from a broken file.
#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// Serializes records the way every data file is written.
pub fn encode<T: Serialize>(kind: &str, records: &[&T]) -> Result<Vec<u8>> {
    let file = FileOut {
        version: FORMAT_VERSION,
        kind,
        records,
    };
    let mut bytes = serde_json::to_vec_pretty(&file)
        .map_err(|e| Error::Internal(format!("cannot encode records: {e}")))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// A record as its file holds it: an id, and for the sharded kinds the
/// player whose shard is its place. Reading checks both, because a record
/// out of place or twice is lost by the next rewrite of either file.
pub trait Placed {
    /// "player", "rumour", ... as an error names it.
    const KIND: &'static str;
    fn record_id(&self) -> &str;
    /// The player whose shard the record belongs in; `None` for unsharded kinds.
    fn owner(&self) -> Option<&PlayerId> {
        None
    }
}

impl Placed for crate::model::Club {
    const KIND: &'static str = "club";
    fn record_id(&self) -> &str {
        self.id.as_str()
    }
}

impl Placed for crate::model::Source {
    const KIND: &'static str = "source";
    fn record_id(&self) -> &str {
        self.id.as_str()
    }
}

impl Placed for crate::model::Player {
    const KIND: &'static str = "player";
    fn record_id(&self) -> &str {
        self.id.as_str()
    }
    fn owner(&self) -> Option<&PlayerId> {
        Some(&self.id)
    }
}

impl Placed for crate::model::Rumour {
    const KIND: &'static str = "rumour";
    fn record_id(&self) -> &str {
        self.id.as_str()
    }
    fn owner(&self) -> Option<&PlayerId> {
        Some(&self.player)
    }
}

/// Refuses a file holding a record of another shard or an id twice, as a
/// parse error is refused: the first such record, with the file it belongs in.
pub fn check_places<'a, T: Placed + 'a>(
    path: &Path,
    records: impl IntoIterator<Item = &'a T>,
) -> Result<()> {
    let pairs = records.into_iter().map(|r| (r.record_id(), r.owner()));
    check_ids_placed(path, T::KIND, pairs)
}

/// Every record of a shard file that belongs in another shard's file, for
/// `check` (which finds ids twice itself, across files too).
pub fn misplaced<T: Placed>(path: &Path, records: &[T]) -> Vec<Error> {
    records
        .iter()
        .filter_map(|r| check_ids_placed(path, T::KIND, [(r.record_id(), r.owner())]).err())
        .collect()
}

/// [`check_places`] over (id, owner) pairs, for readers that scan records
/// without building them.
fn check_ids_placed<'a>(
    path: &Path,
    kind: &'static str,
    pairs: impl IntoIterator<Item = (&'a str, Option<&'a PlayerId>)>,
) -> Result<()> {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let sub = if kind == "player" {
        "players"
    } else {
        "rumours"
    };
    let mut seen = std::collections::HashSet::new();
    for (id, owner) in pairs {
        let belongs = owner
            .map(super::files::shard_of)
            .filter(|shard| stem.as_deref() != Some(shard.as_str()))
            .map(|shard| format!("{sub}/{shard}.json"));
        if belongs.is_some() || !seen.insert(id) {
            return Err(Error::OutOfPlace {
                path: path.to_path_buf(),
                kind,
                id: id.to_string(),
                belongs,
            });
        }
    }
    Ok(())
}

/// Parses one data file and checks each record's place; a missing file
/// holds no records.
pub fn read_records<T: DeserializeOwned + Placed>(path: &Path, kind: &str) -> Result<Vec<T>> {
    let records = read_records_as_found::<T>(path, kind)?;
    check_places(path, &records)?;
    Ok(records)
}

/// Parses one data file without checking places: for `check --fix`, which
/// must see the records out of place to move them.
pub fn read_records_as_found<T: DeserializeOwned>(path: &Path, kind: &str) -> Result<Vec<T>> {
    match read_data_file(path)? {
        Some(bytes) => decode(path, kind, &bytes),
        None => Ok(Vec::new()),
    }
}

/// A data file's bytes, `None` when there is none. Anything but a regular
/// file is refused before it is opened: a FIFO would block every command
/// forever, waiting for a writer that never comes.
pub fn read_data_file(path: &Path) -> Result<Option<Vec<u8>>> {
    let missing = |e: &std::io::Error| e.kind() == std::io::ErrorKind::NotFound;
    match std::fs::metadata(path) {
        Err(e) if missing(&e) => return Ok(None),
        Err(e) => return Err(Error::io(path, e)),
        Ok(meta) if !meta.is_file() => {
            return Err(Error::io(
                path,
                std::io::Error::other(
                    "not a regular file (a FIFO, device or directory where a data file belongs); remove it or put the file back",
                ),
            ));
        }
        Ok(_) => {}
    }
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if missing(&e) => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// Parses the bytes of a data file that should hold `kind` records, telling a
/// newer format from a broken file and migrating older formats.
pub fn decode<T: DeserializeOwned>(path: &Path, kind: &str, bytes: &[u8]) -> Result<Vec<T>> {
    let newer = |found: u32| Error::NewerFormat {
        path: path.to_path_buf(),
        found,
        supported: FORMAT_VERSION,
    };
    let invalid = |message: String| Error::Parse {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message,
    };
    match serde_json::from_slice::<FileIn<T>>(bytes) {
        Ok(file) if file.version > FORMAT_VERSION => Err(newer(file.version)),
        Ok(file) if file.version == FORMAT_VERSION => match file.kind.as_deref() {
            Some(found) if found == kind => Ok(file.records),
            Some(found) => Err(invalid(format!(
                "this file holds {found}, but its place is for {kind}"
            ))),
            None => Err(invalid(format!(
                "format version {FORMAT_VERSION} needs a \"kind\""
            ))),
        },
        Ok(_) => {
            let value: serde_json::Value =
                serde_json::from_slice(bytes).map_err(|e| invalid(e.to_string()))?;
            let upgraded = migrate::upgrade(value, kind).map_err(invalid)?;
            serde_json::from_value::<FileIn<T>>(upgraded)
                .map(|f| f.records)
                .map_err(|e| invalid(format!("after migration: {e}")))
        }
        Err(e) => match serde_json::from_slice::<VersionOnly>(bytes) {
            Ok(v) if v.version > FORMAT_VERSION => Err(newer(v.version)),
            _ => Err(Error::Parse {
                path: path.to_path_buf(),
                line: e.line(),
                column: e.column(),
                message: e.to_string(),
            }),
        },
    }
}

/// Parses only the rumours about `players` from a rumour file: every record
/// is scanned, but only theirs are built (a shard holds hundreds of
/// rumours; a point command wants a handful). A file in an older format,
/// or one that does not parse, is read whole, with its errors.
pub fn read_rumours_of(
    path: &Path,
    players: &std::collections::HashSet<crate::model::PlayerId>,
) -> Result<Vec<crate::model::Rumour>> {
    read_rumours_where(path, |player, _| players.contains(player))
}

/// As [`read_rumours_of`], for the rumours `keep` accepts by player and id.
pub fn read_rumours_where(
    path: &Path,
    keep: impl Fn(&crate::model::PlayerId, &crate::model::RumourId) -> bool,
) -> Result<Vec<crate::model::Rumour>> {
    use serde_json::value::RawValue;
    #[derive(Deserialize)]
    struct About {
        id: crate::model::RumourId,
        player: crate::model::PlayerId,
    }
    let Some(bytes) = read_data_file(path)? else {
        return Ok(Vec::new());
    };
    let whole = || {
        let all = decode::<crate::model::Rumour>(path, "rumours", &bytes)?;
        check_places(path, &all)?;
        Ok(all.into_iter().filter(|r| keep(&r.player, &r.id)).collect())
    };
    let Ok(file) = serde_json::from_slice::<FileIn<&RawValue>>(&bytes) else {
        return whole();
    };
    if file.version != FORMAT_VERSION || file.kind.as_deref() != Some("rumours") {
        return whole();
    }
    let mut abouts = Vec::with_capacity(file.records.len());
    for raw in &file.records {
        match serde_json::from_str::<About>(raw.get()) {
            Ok(about) => abouts.push(about),
            Err(_) => return whole(),
        }
    }
    let pairs = abouts.iter().map(|a| (a.id.as_str(), Some(&a.player)));
    check_ids_placed(path, "rumour", pairs)?;
    let mut out = Vec::new();
    for (raw, about) in file.records.iter().zip(&abouts) {
        if keep(&about.player, &about.id) {
            match serde_json::from_str(raw.get()) {
                Ok(rumour) => out.push(rumour),
                Err(_) => return whole(),
            }
        }
    }
    Ok(out)
}

/// Where one record lies in its file: byte offset and length.
pub type Span = (usize, usize);

/// Parses a rumour file as [`decode`] does, also telling where each record
/// lies in `bytes` (so a point read can later parse just its own). A file
/// in an older format is decoded whole, without spans.
pub fn decode_rumours_with_spans(
    path: &Path,
    bytes: &[u8],
) -> Result<(Vec<crate::model::Rumour>, Option<Vec<Span>>)> {
    use serde_json::value::RawValue;
    let whole = || {
        let all: Vec<crate::model::Rumour> = decode(path, "rumours", bytes)?;
        check_places(path, &all)?;
        Ok((all, None))
    };
    let Ok(file) = serde_json::from_slice::<FileIn<&RawValue>>(bytes) else {
        return whole();
    };
    if file.version != FORMAT_VERSION || file.kind.as_deref() != Some("rumours") {
        return whole();
    }
    let start = bytes.as_ptr() as usize;
    let mut rumours = Vec::with_capacity(file.records.len());
    let mut spans = Vec::with_capacity(file.records.len());
    for raw in file.records {
        match serde_json::from_str(raw.get()) {
            Ok(rumour) => rumours.push(rumour),
            Err(_) => return whole(),
        }
        spans.push((raw.get().as_ptr() as usize - start, raw.get().len()));
    }
    check_places(path, &rumours)?;
    Ok((rumours, Some(spans)))
}

/// The rumours at these spans of a rumour file, if each is there, whole,
/// with the id expected: `None` when the file is not as the spans were
/// taken (edited since), and the caller reads it the slow way.
pub fn read_rumour_spans(
    path: &Path,
    wanted: &[(crate::model::RumourId, Span)],
) -> Option<Vec<crate::model::Rumour>> {
    let bytes = read_data_file(path).ok()??;
    wanted
        .iter()
        .map(|(id, (at, len))| {
            let slice = bytes.get(*at..at.checked_add(*len)?)?;
            let rumour: crate::model::Rumour = serde_json::from_slice(slice).ok()?;
            (rumour.id == *id).then_some(rumour)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PlayerId, Rumour};
    use std::collections::HashSet;

    fn rumour(id: &str, player: &str) -> Rumour {
        serde_json::from_value(serde_json::json!({
            "id": id, "player": player, "kind": "departure", "from": "x", "status": "rumour",
            "reports": [{"date": "2025-10-20", "source": "s"}],
            "history": [{"date": "2025-10-20", "status": "rumour", "source": "s"}]
        }))
        .unwrap()
    }

    /// The file of anna's shard: records read elsewhere are out of place.
    fn anna_shard(dir: &Path) -> std::path::PathBuf {
        dir.join(format!(
            "{}.json",
            crate::store::shard_of(&PlayerId("anna".into()))
        ))
    }

    /// A player of anna's shard.
    fn bob() -> String {
        let anna = crate::store::shard_of(&PlayerId("anna".into()));
        (0..)
            .map(|k| format!("bob-{k}"))
            .find(|id| crate::store::shard_of(&PlayerId(id.clone())) == anna)
            .unwrap()
    }

    #[test]
    fn a_record_of_another_shard_or_twice_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = anna_shard(dir.path());
        let write = |all: &[Rumour]| {
            let refs: Vec<&Rumour> = all.iter().collect();
            std::fs::write(&path, encode("rumours", &refs).unwrap()).unwrap();
        };
        let anna = HashSet::from([PlayerId("anna".into())]);
        write(&[rumour("a1", "anna"), rumour("c1", "carl")]);
        for err in [
            read_records::<Rumour>(&path, "rumours").unwrap_err(),
            read_rumours_of(&path, &anna).unwrap_err(),
            decode_rumours_with_spans(&path, &std::fs::read(&path).unwrap()).unwrap_err(),
        ] {
            assert!(
                err.to_string().contains("rumour 'c1' is out of place"),
                "{err}"
            );
        }
        write(&[rumour("a1", "anna"), rumour("a1", "anna")]);
        let err = read_rumours_of(&path, &anna).unwrap_err();
        assert!(
            err.to_string().contains("'a1' appears more than once"),
            "{err}"
        );
        assert_eq!(
            read_records_as_found::<Rumour>(&path, "rumours")
                .unwrap()
                .len(),
            2
        );
    }

    #[test]
    fn spans_find_each_record_and_refuse_a_file_that_moved() {
        let dir = tempfile::tempdir().unwrap();
        let path = anna_shard(dir.path());
        let all = [rumour("a1", "anna"), rumour("b1", &bob())];
        let refs: Vec<&Rumour> = all.iter().collect();
        let bytes = encode("rumours", &refs).unwrap();
        std::fs::write(&path, &bytes).unwrap();
        let (read, spans) = decode_rumours_with_spans(&path, &bytes).unwrap();
        assert_eq!(read, all);
        let spans = spans.unwrap();
        let wanted = |i: usize| (all[i].id.clone(), spans[i]);
        assert_eq!(
            read_rumour_spans(&path, &[wanted(1)]).unwrap(),
            vec![all[1].clone()]
        );
        // Another id at the span, or a span past the end: not trusted.
        assert!(read_rumour_spans(&path, &[(all[0].id.clone(), spans[1])]).is_none());
        assert!(read_rumour_spans(&path, &[(all[1].id.clone(), (bytes.len(), 2))]).is_none());
        // The file grew in front of the record: its old span no longer holds it.
        let more = [rumour("a0", "anna"), all[0].clone(), all[1].clone()];
        let refs: Vec<&Rumour> = more.iter().collect();
        std::fs::write(&path, encode("rumours", &refs).unwrap()).unwrap();
        assert!(read_rumour_spans(&path, &[wanted(1)]).is_none());
    }

    #[test]
    fn only_the_players_rumours_are_built_and_errors_are_the_whole_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = anna_shard(dir.path());
        let all = [
            rumour("a1", "anna"),
            rumour("b1", &bob()),
            rumour("a2", "anna"),
        ];
        let refs: Vec<&Rumour> = all.iter().collect();
        std::fs::write(&path, encode("rumours", &refs).unwrap()).unwrap();
        let anna = HashSet::from([PlayerId("anna".into())]);
        let read = read_rumours_of(&path, &anna).unwrap();
        assert_eq!(read, vec![all[0].clone(), all[2].clone()]);
        // A broken file fails as reading it whole does, with its position.
        std::fs::write(
            &path,
            "{\"version\": 2, \"kind\": \"rumours\", \"records\": [}",
        )
        .unwrap();
        let whole = read_records::<Rumour>(&path, "rumours")
            .unwrap_err()
            .to_string();
        let scanned = read_rumours_of(&path, &anna).unwrap_err().to_string();
        assert_eq!(scanned, whole);
        assert!(
            read_rumours_of(&dir.path().join("none.json"), &anna)
                .unwrap()
                .is_empty()
        );
    }
}
