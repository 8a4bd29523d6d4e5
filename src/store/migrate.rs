//! Older data files are brought up to the current format on reading, by
//! ordered migrations; the next save writes them in the current format.
//!
//! History of the format:
//! - 1: `{"version": 1, "records": [...]}`.
//! - 2: adds `"kind"` ("clubs", "sources", "players", "rumours"), so a file
//!   copied to the wrong place is caught instead of misread.

use serde_json::Value;

/// One step: turns a file of version `n` into version `n + 1`. `kind` is
/// what the file's location says it holds.
type Migration = fn(&mut Value, &str) -> Result<(), String>;

/// `MIGRATIONS[i]` upgrades version `i + 1` to `i + 2`.
const MIGRATIONS: &[Migration] = &[v1_to_v2];

/// The version this mercato writes.
pub const CURRENT: u32 = MIGRATIONS.len() as u32 + 1;

fn v1_to_v2(file: &mut Value, kind: &str) -> Result<(), String> {
    let map = file
        .as_object_mut()
        .ok_or("the file is not a JSON object")?;
    map.insert("kind".into(), Value::String(kind.to_string()));
    Ok(())
}

/// Runs every migration from the file's version to the current one.
pub fn upgrade(mut file: Value, kind: &str) -> Result<Value, String> {
    let version = file
        .get("version")
        .and_then(Value::as_u64)
        .ok_or("no \"version\" field")?;
    if version == 0 || version > u64::from(CURRENT) {
        return Err(format!("cannot migrate from version {version}"));
    }
    for step in &MIGRATIONS[(version - 1) as usize..] {
        step(&mut file, kind)?;
    }
    file["version"] = Value::from(CURRENT);
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn version_1_gains_its_kind() {
        let v1 = json!({"version": 1, "records": [{"id": "x", "name": "X"}]});
        let up = upgrade(v1, "clubs").unwrap();
        assert_eq!(
            up,
            json!({"version": 2, "kind": "clubs", "records": [{"id": "x", "name": "X"}]})
        );
    }

    #[test]
    fn current_files_are_left_alone() {
        let v2 = json!({"version": CURRENT, "kind": "players", "records": []});
        assert_eq!(upgrade(v2.clone(), "players").unwrap(), v2);
    }

    #[test]
    fn impossible_versions_are_refused() {
        assert!(upgrade(json!({"version": 0, "records": []}), "clubs").is_err());
        assert!(upgrade(json!({"records": []}), "clubs").is_err());
    }
}
