//! Sources: the outlets and people whose reports carry rumours.

use super::conflict::Conflicts;
use super::ids::SourceId;
use serde::{Deserialize, Serialize};

/// An outlet, journalist or club channel that reports on transfers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: SourceId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Reliability: 1 (official, most reliable) to 5 (gossip); `None` when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<u8>,
    /// Fields two clones changed differently, kept until someone chooses
    /// (see `model::conflict`).
    #[serde(default, skip_serializing_if = "Conflicts::is_empty")]
    pub conflicts: Conflicts,
}

impl Source {
    /// A source with only a name and an unknown tier.
    pub fn new(id: SourceId, name: &str) -> Source {
        Source {
            id,
            name: name.to_string(),
            aliases: Vec::new(),
            country: None,
            tier: None,
            conflicts: Default::default(),
        }
    }
}

/// The tiers a source can have.
pub const TIERS: std::ops::RangeInclusive<u8> = 1..=5;

/// The tier as printed in tables: "1".."5" or "?".
pub fn tier_label(tier: Option<u8>) -> String {
    tier.map_or_else(|| "?".to_string(), |t| t.to_string())
}
