//! Clubs.

use super::conflict::Conflicts;
use super::ids::{ClubId, PlayerId};
use super::position::Slot;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A football club.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Club {
    pub id: ClubId,
    pub name: String,
    /// Short names people use: "Real", "LFC".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub league: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coach: Option<String>,
    /// The user's own starting order per depth-chart slot (`club depth --set`);
    /// players not named here follow in the default order.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub depth: BTreeMap<Slot, Vec<PlayerId>>,
    /// Ids in other databases (e.g. "transfermarkt"), so re-imports update.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub external_ids: BTreeMap<String, String>,
    /// Fields two clones changed differently, kept until someone chooses
    /// (see `model::conflict`).
    #[serde(default, skip_serializing_if = "Conflicts::is_empty")]
    pub conflicts: Conflicts,
}

impl Club {
    /// A club with only a name.
    pub fn new(id: ClubId, name: &str) -> Club {
        Club {
            id,
            name: name.to_string(),
            aliases: Vec::new(),
            country: None,
            league: None,
            coach: None,
            depth: BTreeMap::new(),
            external_ids: BTreeMap::new(),
            conflicts: Default::default(),
        }
    }
}
