//! Merge conflicts kept as data.
//!
//! When two clones change one field of one record differently, or one removes
//! a record the other changed, the merge driver cannot choose without losing
//! someone's work. It keeps the current branch's value in the field and both
//! values (and the base) here, in the record itself, so the file stays valid
//! JSON, every command keeps working, and nothing is dropped until a person
//! chooses (`mercato resolve`, or an edit that sets the field).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The field name of a conflict about the whole record: removed on one side,
/// changed on the other.
pub const RECORD: &str = "record";

/// One conflicted field: its value in the common ancestor and on each side.
/// `None` is a field that is not there (or, for [`RECORD`], a record removed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    #[serde(default)]
    pub base: Option<Value>,
    /// The current branch's value: the one the record holds meanwhile.
    #[serde(default)]
    pub ours: Option<Value>,
    /// The merged branch's value.
    #[serde(default)]
    pub theirs: Option<Value>,
}

/// The open conflicts of one record, by field name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Conflicts(pub BTreeMap<String, Conflict>);

impl Conflicts {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Setting a field by hand is a choice: its conflict is over.
    pub fn settle(&mut self, field: &str) {
        self.0.remove(field);
    }

    /// Adds `other`'s conflicts; where both have one field, keeps this one's.
    pub fn absorb(&mut self, other: Conflicts) {
        for (field, conflict) in other.0 {
            self.0.entry(field).or_insert(conflict);
        }
    }
}

/// Which side a resolution takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

impl Conflict {
    /// The value on `side`.
    pub fn side(&self, side: Side) -> Option<&Value> {
        match side {
            Side::Ours => self.ours.as_ref(),
            Side::Theirs => self.theirs.as_ref(),
        }
    }
}

/// A value as one short line: `3`, `"2025-01-01"`, `(none)`, `(removed)`.
pub fn describe(field: &str, value: Option<&Value>) -> String {
    match value {
        None if field == RECORD => "(removed)".to_string(),
        None | Some(Value::Null) => "(none)".to_string(),
        Some(_) if field == RECORD => "(changed)".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_conflict_round_trips_and_absent_sides_stay_absent() {
        let text = r#"{"tier":{"base":1,"ours":2,"theirs":null}}"#;
        let c: Conflicts = serde_json::from_str(text).unwrap();
        assert_eq!(c.0["tier"].ours, Some(json!(2)));
        assert_eq!(c.0["tier"].theirs, None);
        assert_eq!(describe("tier", c.0["tier"].side(Side::Theirs)), "(none)");
        assert_eq!(describe(RECORD, None), "(removed)");
    }

    #[test]
    fn settling_a_field_ends_its_conflict_only() {
        let mut c: Conflicts = serde_json::from_value(json!({
            "tier": {"base": 1, "ours": 2, "theirs": 3},
            "name": {"base": "A", "ours": "B", "theirs": "C"}
        }))
        .unwrap();
        c.settle("tier");
        assert_eq!(c.0.keys().collect::<Vec<_>>(), ["name"]);
    }
}
