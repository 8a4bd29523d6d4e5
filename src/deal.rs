//! What a done deal does to the world: the move a rumour told of becomes
//! contracts. A transfer ends the player's contract and starts one at the
//! destination (a loan keeps the parent contract), a renewal signs a new
//! contract at his club, a departure ends his contract. The other open
//! rumours the move rules out are named, never closed silently.

use crate::error::{Error, Result};
use crate::model::{ClubId, Contract, Fee, MoveKind, PlayerId, Rumour, RumourId, SourceId, Status};
use crate::world::World;
use chrono::NaiveDate;
use serde::Serialize;

/// The terms a done deal was announced with.
#[derive(Debug, Clone, Default)]
pub struct Terms {
    /// The last day of the new contract; unknown when not reported.
    pub until: Option<NaiveDate>,
    /// The first day at the new club, when it is not the day of the deal.
    pub since: Option<NaiveDate>,
    pub fee: Option<Fee>,
    /// The move is a loan: the parent contract goes on.
    pub loan: bool,
    /// The club a departure turned out to be to (it becomes a transfer).
    pub to: Option<ClubId>,
}

/// What a done deal did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Settled {
    pub rumour: RumourId,
    pub player: PlayerId,
    pub kind: MoveKind,
    /// The day the deal was done.
    pub date: NaiveDate,
    /// The contract it started, if any (not for a departure).
    pub signed: Option<Contract>,
    /// The clubs whose contracts it cut short, and from when.
    pub ended: Vec<(ClubId, NaiveDate)>,
    /// Other open rumours of the player that this move rules out: they are
    /// left as they are, for the user to close (`rumour update ID --status off`).
    pub ruled_out: Vec<RumourId>,
}

/// Marks `rumour` done on `date` and moves the player as the deal says.
/// The rumour must be read in full and still open.
pub fn complete(
    world: &mut World,
    mut rumour: Rumour,
    date: NaiveDate,
    terms: Terms,
    note: Option<String>,
    source: Option<SourceId>,
) -> Result<Settled> {
    if rumour.status_on(date) == Status::Done {
        return Err(Error::Refused(format!(
            "rumour {} is already done",
            rumour.id
        )));
    }
    if let Some(to) = &terms.to {
        if rumour.kind != MoveKind::Departure {
            return Err(Error::Refused(format!(
                "--to only turns a departure into a transfer; rumour {} is a {}",
                rumour.id, rumour.kind
            )));
        }
        if rumour.from.as_ref() == Some(to) {
            return Err(Error::Refused(format!(
                "{} is the club he leaves; --to names where he goes",
                world.club_name(to)
            )));
        }
        rumour.kind = MoveKind::Transfer;
        rumour.to = Some(to.clone());
    }
    let contract = match rumour.kind {
        MoveKind::Departure => {
            if terms.until.is_some() || terms.since.is_some() || terms.loan {
                return Err(Error::Refused(
                    "a departure has no new contract: --until, --since and --loan need a destination (add --to CLUB)".into(),
                ));
            }
            None
        }
        MoveKind::Renewal if terms.loan => {
            return Err(Error::Refused(
                "a renewal is not a loan; drop --loan".into(),
            ));
        }
        MoveKind::Transfer | MoveKind::Renewal => {
            let club = rumour.to.clone().ok_or_else(|| {
                Error::Refused(format!("rumour {} names no club to sign for", rumour.id))
            })?;
            let start = match rumour.kind {
                // A renewal signed today may run on from the old contract's end.
                MoveKind::Renewal => terms.since,
                _ => Some(terms.since.unwrap_or(date)),
            };
            let contract = Contract {
                signed: Some(date),
                start,
                loan: terms.loan,
                signed_from: match rumour.kind {
                    MoveKind::Transfer => rumour.from.clone(),
                    _ => None,
                },
                ..Contract::new(club, terms.until)
            };
            let born = world.players.get(&rumour.player).and_then(|p| p.born);
            if let Some(problem) = contract.problem(born) {
                return Err(Error::Refused(problem));
            }
            Some(contract)
        }
    };
    rumour.set_status(Status::Done, date, note, source);
    if let Some(last) = rumour.history.iter_mut().rfind(|h| h.date == date) {
        last.fee = terms.fee;
    }
    let kind = rumour.kind;
    let id = rumour.id.clone();
    let player = rumour.player.clone();
    world.put_rumour(rumour);
    let mut settled = move_player(world, &player, kind, contract, date)?;
    settled.rumour = id;
    settled.ruled_out = ruled_out(world, &settled);
    Ok(settled)
}

/// Records a contract; if it is the move an open rumour told of (a transfer
/// to that club, a renewal there), that rumour is done on the signing day,
/// with the same effects as `rumour update --status done`.
pub fn sign(
    world: &mut World,
    player: &PlayerId,
    contract: Contract,
    _as_of: NaiveDate,
) -> Result<Option<Settled>> {
    let date = contract.signed.or(contract.start);
    let p = &world.players[player];
    let home = date.and_then(|d| p.club_on(d)).cloned();
    let matching = date.and_then(|date| {
        world
            .rumours_of(player)
            .filter(|r| r.status.is_open() && r.to.as_ref() == Some(&contract.club))
            .filter(|r| match r.kind {
                MoveKind::Transfer => home.as_ref() != Some(&contract.club),
                MoveKind::Renewal => !contract.loan,
                MoveKind::Departure => false,
            })
            .filter(|r| r.first_reported().is_none_or(|f| f <= date))
            .filter(|r| r.last_changed().is_none_or(|c| c <= date))
            .max_by_key(|r| r.last_reported())
            .cloned()
    });
    let Some((mut rumour, date)) = matching.zip(date) else {
        let mut record = world.players[player].clone();
        record.contracts.push(contract);
        sort_contracts(&mut record.contracts);
        world.put_player(record);
        return Ok(None);
    };
    rumour.set_status(
        Status::Done,
        date,
        Some("contract recorded".to_string()),
        None,
    );
    let kind = rumour.kind;
    let id = rumour.id.clone();
    world.put_rumour(rumour);
    let mut settled = move_player(world, player, kind, Some(contract), date)?;
    settled.rumour = id;
    settled.ruled_out = ruled_out(world, &settled);
    Ok(Some(settled))
}

/// Ends the contracts the move ends and adds the new one.
fn move_player(
    world: &mut World,
    player: &PlayerId,
    kind: MoveKind,
    contract: Option<Contract>,
    date: NaiveDate,
) -> Result<Settled> {
    let mut record = world
        .players
        .get(player)
        .cloned()
        .ok_or_else(|| Error::Refused(format!("player '{player}' does not exist")))?;
    // The day he stops playing for the old club: the first day at the new
    // one, or the day of the deal (never before it: a contract is not cut
    // short before the deal that cuts it was done).
    let cut = contract
        .as_ref()
        .and_then(Contract::first_day)
        .map_or(date, |d| d.max(date));
    let mut ended = Vec::new();
    let ends_permanent = match kind {
        MoveKind::Renewal => None,
        MoveKind::Departure => Some(true),
        MoveKind::Transfer => Some(!contract.as_ref().is_some_and(|c| c.loan)),
    };
    if let Some(permanent) = ends_permanent {
        for c in record.contracts.iter_mut() {
            // A permanent move ends every contract he is under; a loan
            // elsewhere ends only the loan he is on.
            let ends = (permanent || c.loan)
                && c.known_on(date)
                && c.started_by(cut)
                && c.last_day().is_none_or(|last| last > cut);
            if ends {
                c.terminated = Some(cut);
                ended.push((c.club.clone(), cut));
            }
        }
    }
    if let Some(c) = &contract {
        record.contracts.push(c.clone());
        sort_contracts(&mut record.contracts);
    }
    world.put_player(record);
    Ok(Settled {
        rumour: RumourId(String::new()),
        player: player.clone(),
        kind,
        date,
        signed: contract,
        ended,
        ruled_out: Vec::new(),
    })
}

/// Contracts in the order they were signed (stable, so a file diff shows
/// one inserted block).
pub(crate) fn sort_contracts(contracts: &mut [Contract]) {
    contracts.sort_by_key(|c| (c.signed.or(c.start), c.first_day(), c.end));
}

/// The player's other open rumours that a done move rules out: after a
/// permanent transfer, every other one; after a loan, the other transfers;
/// after a renewal, transfers and departures from that club; after a
/// departure, renewals at the club he left.
fn ruled_out(world: &World, settled: &Settled) -> Vec<RumourId> {
    let loan = settled.signed.as_ref().is_some_and(|c| c.loan);
    world
        .rumours_of(&settled.player)
        .filter(|r| r.id != settled.rumour && r.status.is_open())
        .filter(|r| match (settled.kind, r.kind) {
            (MoveKind::Transfer, MoveKind::Transfer) => true,
            (MoveKind::Transfer, _) => !loan,
            (MoveKind::Renewal, other) => other != MoveKind::Renewal,
            (MoveKind::Departure, other) => other == MoveKind::Renewal,
        })
        .map(|r| r.id.clone())
        .collect()
}
