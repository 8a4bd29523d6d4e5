//! Playing positions and the depth-chart slots they fill.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A position on the pitch, from the closed set scouts use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Position {
    GK,
    RB,
    RWB,
    CB,
    LB,
    LWB,
    DM,
    CM,
    AM,
    RW,
    LW,
    ST,
}

impl Position {
    /// Every position, in the order of a team sheet.
    pub const ALL: [Position; 12] = [
        Position::GK,
        Position::RB,
        Position::RWB,
        Position::CB,
        Position::LB,
        Position::LWB,
        Position::DM,
        Position::CM,
        Position::AM,
        Position::RW,
        Position::LW,
        Position::ST,
    ];

    /// The code as written in files and tables.
    pub fn code(self) -> &'static str {
        match self {
            Position::GK => "GK",
            Position::RB => "RB",
            Position::RWB => "RWB",
            Position::CB => "CB",
            Position::LB => "LB",
            Position::LWB => "LWB",
            Position::DM => "DM",
            Position::CM => "CM",
            Position::AM => "AM",
            Position::RW => "RW",
            Position::LW => "LW",
            Position::ST => "ST",
        }
    }

    /// The defensive depth-chart slot this position plays in, if any.
    /// Wing-backs count toward the full-back slot on their side.
    pub fn slot(self) -> Option<Slot> {
        match self {
            Position::GK => Some(Slot::GK),
            Position::RB | Position::RWB => Some(Slot::RB),
            Position::CB => Some(Slot::CB),
            Position::LB | Position::LWB => Some(Slot::LB),
            _ => None,
        }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Position {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_uppercase();
        Position::ALL
            .into_iter()
            .find(|p| p.code() == wanted)
            .ok_or_else(|| {
                let codes: Vec<&str> = Position::ALL.iter().map(|p| p.code()).collect();
                format!(
                    "unknown position '{s}' (expected one of {})",
                    codes.join(", ")
                )
            })
    }
}

/// A slot of the defensive depth chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Slot {
    GK,
    RB,
    CB,
    LB,
}

impl Slot {
    /// The slots in the order the chart prints them (goal outwards, right to left as seen on TV).
    pub const ALL: [Slot; 4] = [Slot::GK, Slot::RB, Slot::CB, Slot::LB];

    /// The code as written in files and tables.
    pub fn code(self) -> &'static str {
        match self {
            Slot::GK => "GK",
            Slot::RB => "RB",
            Slot::CB => "CB",
            Slot::LB => "LB",
        }
    }

    /// How many players a squad needs in this slot to cope with an injury or
    /// a suspension: the starters plus one.
    pub fn players_needed(self) -> usize {
        match self {
            Slot::CB => 3,
            Slot::GK | Slot::RB | Slot::LB => 2,
        }
    }
}

impl fmt::Display for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Slot {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_uppercase();
        Slot::ALL
            .into_iter()
            .find(|p| p.code() == wanted)
            .ok_or_else(|| format!("unknown slot '{s}' (expected one of GK, RB, CB, LB)"))
    }
}

/// The foot a player prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Foot {
    Left,
    Right,
    Both,
}

impl Foot {
    /// The word used in files and output: left, right, both.
    pub fn as_str(self) -> &'static str {
        match self {
            Foot::Left => "left",
            Foot::Right => "right",
            Foot::Both => "both",
        }
    }
}

impl FromStr for Foot {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "left" | "l" => Ok(Foot::Left),
            "right" | "r" => Ok(Foot::Right),
            "both" | "either" => Ok(Foot::Both),
            _ => Err(format!("unknown foot '{s}' (expected left, right or both)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_parse_case_insensitively() {
        assert_eq!("cb".parse::<Position>(), Ok(Position::CB));
        assert_eq!(" LWB ".parse::<Position>(), Ok(Position::LWB));
        let err = "XB".parse::<Position>().unwrap_err();
        assert!(err.contains("unknown position 'XB'"), "{err}");
    }

    #[test]
    fn wing_backs_fill_full_back_slots() {
        assert_eq!(Position::RWB.slot(), Some(Slot::RB));
        assert_eq!(Position::LWB.slot(), Some(Slot::LB));
        assert_eq!(Position::DM.slot(), None);
    }
}
