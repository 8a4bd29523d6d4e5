//! The defensive depth chart of a club: who plays GK, RB, CB and LB, in what
//! order, how secure each one is, and who the club is chasing for each slot.
//!
//! Default order within a slot (when the user has not set one with
//! `club depth --set`): natural players (primary position in the slot)
//! before cover (a secondary position in the slot); within each group,
//! players who stay before players who are leaving, then the older (more
//! experienced) first, then by name. Players the user ordered come first, in
//! the user's order.

use super::expiry_horizon;
use super::likelihood::is_cold;
use crate::model::{Club, ClubId, MoveKind, Player, Position, RumourSummary, Slot, Status};
use crate::names::fold;
use crate::world::World;
use chrono::NaiveDate;
use serde::Serialize;

/// A flag on a player in the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Flag {
    /// The contract ends within 12 months of the as-of date.
    Expiring,
    /// An outgoing move is agreed or done, a contract elsewhere is signed, or
    /// the contract is expiring with no renewal in sight (a departure is
    /// reported, or renewal talks are off).
    Leaving,
    /// On loan from another club.
    Loan,
    /// Put in the slot by the user (`club depth --set`) though none of his
    /// positions plays there: counted as cover only.
    OutOfPosition,
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::Expiring => "expiring",
            Flag::Leaving => "leaving",
            Flag::Loan => "loan",
            Flag::OutOfPosition => "out-of-position",
        }
    }
}

/// One player in a slot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepthPlayer {
    pub player: String,
    pub player_id: String,
    /// The position he plays in this slot.
    pub position: Position,
    /// Whether he covers the slot from a secondary position (or out of
    /// position): he does not count as a starter for it.
    pub cover: bool,
    pub age: Option<u32>,
    /// The last day of his contract; null when it is not known (he counts
    /// as staying).
    pub contract_end: Option<NaiveDate>,
    pub flags: Vec<Flag>,
}

/// A player the club is chasing for a slot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepthTarget {
    pub player: String,
    pub player_id: String,
    /// His club now.
    pub from: Option<String>,
    pub status: Status,
    /// How many different sources reported the move.
    pub sources: usize,
    pub rumour: String,
    pub age: Option<u32>,
    pub contract_end: Option<NaiveDate>,
}

/// How well a slot is covered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Cover {
    /// Nobody plays there.
    Empty,
    /// Fewer players staying than the slot needs.
    Thin,
    /// Enough players staying, but some of them only until their contract runs out.
    AtRisk,
    /// Enough players on secure contracts.
    Solid,
}

impl Cover {
    pub fn as_str(self) -> &'static str {
        match self {
            Cover::Empty => "empty",
            Cover::Thin => "thin",
            Cover::AtRisk => "at risk",
            Cover::Solid => "solid",
        }
    }
}

/// One slot of the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepthSlot {
    pub slot: Slot,
    pub players: Vec<DepthPlayer>,
    pub targets: Vec<DepthTarget>,
    /// The verdict's class. Kept under `cover` too, for the scripts written
    /// before `rating` existed (a player's `cover` is a different thing: he
    /// plays the slot as a secondary position).
    pub rating: Cover,
    pub cover: Cover,
    /// One line: "CB: 4 players, 2 expiring, 2 leaving → thin".
    pub verdict: String,
}

/// The chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepthChart {
    pub club: String,
    pub club_id: String,
    pub as_of: NaiveDate,
    pub slots: Vec<DepthSlot>,
}

/// Draws up the defensive depth chart of `club` on `as_of`; rumours with no
/// report for `cold_days` are cold and not counted as targets.
pub fn depth_chart(world: &World, club: &Club, as_of: NaiveDate, cold_days: i64) -> DepthChart {
    let squad: Vec<&Player> = world.squad(&club.id, as_of).collect();
    let slots = Slot::ALL
        .into_iter()
        .map(|slot| depth_slot(world, club, &squad, slot, as_of, cold_days))
        .collect();
    DepthChart {
        club: club.name.clone(),
        club_id: club.id.to_string(),
        as_of,
        slots,
    }
}

fn depth_slot(
    world: &World,
    club: &Club,
    squad: &[&Player],
    slot: Slot,
    as_of: NaiveDate,
    cold_days: i64,
) -> DepthSlot {
    let user_order = club.depth.get(&slot).map(Vec::as_slice).unwrap_or(&[]);
    let mut entries: Vec<(Option<usize>, DepthPlayer)> = squad
        .iter()
        .filter(|p| p.natural_in(slot) || p.covers(slot) || user_order.contains(&p.id))
        .map(|p| {
            let rank = user_order.iter().position(|id| id == &p.id);
            (rank, depth_player(world, &club.id, p, slot, as_of))
        })
        .collect();
    entries.sort_by(|(rank_a, a), (rank_b, b)| {
        let key = |rank: &Option<usize>, d: &DepthPlayer| {
            (
                rank.unwrap_or(usize::MAX),
                d.cover,
                d.flags.contains(&Flag::Leaving),
                std::cmp::Reverse(d.age),
                fold(&d.player),
            )
        };
        key(rank_a, a).cmp(&key(rank_b, b))
    });
    let players: Vec<DepthPlayer> = entries.into_iter().map(|(_, d)| d).collect();
    let targets = targets_for(world, &club.id, slot, as_of, cold_days);
    let (cover, verdict) = verdict(slot, &players, targets.len());
    DepthSlot {
        slot,
        players,
        targets,
        rating: cover,
        cover,
        verdict,
    }
}

fn depth_player(
    world: &World,
    club: &ClubId,
    player: &Player,
    slot: Slot,
    as_of: NaiveDate,
) -> DepthPlayer {
    let contract = player.playing_contract(as_of);
    let contract_end = player.contract_end_on(as_of);
    let expiring = contract_end.is_some_and(|end| end <= expiry_horizon(as_of));
    let mut flags = Vec::new();
    if expiring {
        flags.push(Flag::Expiring);
    }
    if is_leaving(world, club, player, expiring, as_of) {
        flags.push(Flag::Leaving);
    }
    if contract.is_some_and(|c| c.loan) {
        flags.push(Flag::Loan);
    }
    let natural = player.natural_in(slot);
    let out_of_position = !natural && !player.covers(slot);
    if out_of_position {
        flags.push(Flag::OutOfPosition);
    }
    let position = if natural {
        player.position
    } else {
        player
            .also
            .iter()
            .copied()
            .find(|p| p.slot() == Some(slot))
            .unwrap_or(player.position)
    };
    DepthPlayer {
        player: player.name.clone(),
        player_id: player.id.to_string(),
        position,
        cover: !natural,
        age: player.age_on(as_of),
        contract_end,
        flags,
    }
}

/// Whether the player is on his way out of `club` (see [`Flag::Leaving`]).
fn is_leaving(
    world: &World,
    club: &ClubId,
    player: &Player,
    expiring: bool,
    as_of: NaiveDate,
) -> bool {
    // A contract elsewhere (a loan too) that has not started yet.
    let signed_elsewhere = player
        .contracts
        .iter()
        .any(|c| &c.club != club && player.start_of(c).is_some_and(|s| s > as_of));
    if signed_elsewhere {
        return true;
    }
    let rumours: Vec<&RumourSummary> = world
        .summaries_of(&player.id)
        .filter(|r| r.first.is_none_or(|d| d <= as_of))
        .collect();
    // A done move he is still here after has either not started (above) or
    // already happened and ended (a loan he is back from); only a done move
    // with no contract at the destination (recorded before done moved
    // players) still says he is going.
    let went = |to: Option<&ClubId>| {
        to.is_some_and(|to| {
            player
                .contracts
                .iter()
                .any(|c| &c.club == to && player.started_by(c, as_of))
        })
    };
    let outgoing_settled = rumours.iter().any(|r| {
        r.from.as_ref() == Some(club)
            && matches!(r.kind, MoveKind::Transfer | MoveKind::Departure)
            && (r.status == Status::Agreed || (r.status == Status::Done && !went(r.to.as_ref())))
    });
    if outgoing_settled {
        return true;
    }
    if !expiring {
        return false;
    }
    let departure_reported = rumours.iter().any(|r| {
        r.kind == MoveKind::Departure && r.from.as_ref() == Some(club) && r.status.is_open()
    });
    let renewals: Vec<&&RumourSummary> = rumours
        .iter()
        .filter(|r| r.kind == MoveKind::Renewal && r.to.as_ref() == Some(club))
        .collect();
    let renewal_alive = renewals
        .iter()
        .any(|r| r.status.is_open() || r.status == Status::Done);
    let renewal_off = renewals.iter().any(|r| r.status.fell_through());
    !renewal_alive && (departure_reported || renewal_off)
}

/// Open transfer rumours to `club` of players whose primary position is in
/// `slot`, except cold ones (no report for `cold_days`).
fn targets_for(
    world: &World,
    club: &ClubId,
    slot: Slot,
    as_of: NaiveDate,
    cold_days: i64,
) -> Vec<DepthTarget> {
    let mut targets: Vec<DepthTarget> = world
        .summaries()
        .filter(|r| {
            r.kind == MoveKind::Transfer && r.to.as_ref() == Some(club) && r.status.is_open()
        })
        .filter(|r| r.first.is_none_or(|d| d <= as_of))
        .filter(|r| !is_cold(r.status, r.last.max(r.changed), as_of, cold_days))
        .filter_map(|r| {
            let p = world.players.get(&r.player)?;
            (p.position.slot() == Some(slot)).then(|| DepthTarget {
                player: p.name.clone(),
                player_id: p.id.to_string(),
                // Where he plays on the day, not where the story began:
                // a player whose contract ran out since is at no club.
                from: p.club_on(as_of).map(|c| world.club_name(c).to_string()),
                status: r.status,
                sources: r.sources as usize,
                rumour: r.id.to_string(),
                age: p.age_on(as_of),
                contract_end: p.contract_end_on(as_of),
            })
        })
        .collect();
    targets.sort_by(|a, b| {
        (
            std::cmp::Reverse(a.status),
            std::cmp::Reverse(a.sources),
            fold(&a.player),
        )
            .cmp(&(
                std::cmp::Reverse(b.status),
                std::cmp::Reverse(b.sources),
                fold(&b.player),
            ))
    });
    targets
}

/// "CB: 4 players, 2 expiring, 2 leaving → thin (1 target)".
fn verdict(slot: Slot, players: &[DepthPlayer], targets: usize) -> (Cover, String) {
    let count = |flag: Flag| players.iter().filter(|p| p.flags.contains(&flag)).count();
    let expiring = count(Flag::Expiring);
    let leaving = count(Flag::Leaving);
    let staying = players.len() - leaving;
    let secure = players
        .iter()
        .filter(|p| !p.flags.contains(&Flag::Leaving) && !p.flags.contains(&Flag::Expiring))
        .count();
    let needed = slot.players_needed();
    let cover = if players.is_empty() {
        Cover::Empty
    } else if staying < needed {
        Cover::Thin
    } else if secure < needed {
        Cover::AtRisk
    } else {
        Cover::Solid
    };
    let covering = players.iter().filter(|p| p.cover).count();
    let mut text = format!("{slot}: {}", crate::english::count(players.len(), "player"));
    if covering > 0 {
        text.push_str(&format!(" ({covering} as cover)"));
    }
    text.push_str(&format!(
        ", {expiring} expiring, {leaving} leaving → {}",
        cover.as_str()
    ));
    if targets > 0 {
        text.push_str(&format!(" ({})", crate::english::count(targets, "target")));
    }
    (cover, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dp(flags: Vec<Flag>, cover: bool) -> DepthPlayer {
        DepthPlayer {
            player: "x".into(),
            player_id: "x".into(),
            position: Position::CB,
            cover,
            age: Some(25),
            contract_end: None,
            flags,
        }
    }

    #[test]
    fn verdicts_follow_the_rules() {
        let thin = vec![
            dp(vec![], false),
            dp(vec![], false),
            dp(vec![Flag::Expiring, Flag::Leaving], false),
            dp(vec![Flag::Expiring, Flag::Leaving], false),
        ];
        let (cover, text) = verdict(Slot::CB, &thin, 1);
        assert_eq!(cover, Cover::Thin);
        assert_eq!(
            text,
            "CB: 4 players, 2 expiring, 2 leaving → thin (1 target)"
        );
        let at_risk = vec![dp(vec![], false), dp(vec![Flag::Expiring], true)];
        let (cover, text) = verdict(Slot::LB, &at_risk, 0);
        assert_eq!(cover, Cover::AtRisk);
        assert_eq!(
            text,
            "LB: 2 players (1 as cover), 1 expiring, 0 leaving → at risk"
        );
        assert_eq!(verdict(Slot::GK, &[], 0).0, Cover::Empty);
        assert_eq!(
            verdict(Slot::RB, &[dp(vec![], false), dp(vec![], false)], 0).0,
            Cover::Solid
        );
    }
}
