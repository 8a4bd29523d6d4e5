//! What a done deal does to the world: the move a rumour told of becomes
//! contracts. A transfer ends the player's contract and starts one at the
//! destination (a loan keeps the parent contract), a renewal signs a new
//! contract at his club, a departure ends his contract. The other open
//! rumours the move rules out are named, never closed silently.

use crate::error::{Error, Result, Rule};
use crate::model::{
    ClubId, Contract, Fee, MoveKind, Player, PlayerId, Rumour, RumourId, SourceId, Status,
};
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
        return Err(Error::rule(
            Rule::Status,
            format!("rumour {} is already done", rumour.id),
        ));
    }
    if let Some(to) = &terms.to {
        if rumour.kind != MoveKind::Departure {
            return Err(Error::rule(
                Rule::Deal,
                format!(
                    "--to only turns a departure into a transfer; rumour {} is a {}",
                    rumour.id, rumour.kind
                ),
            ));
        }
        if rumour.from.as_ref() == Some(to) {
            return Err(Error::rule(
                Rule::Deal,
                format!(
                    "{} is the club he leaves; --to names where he goes",
                    world.club_name(to)
                ),
            ));
        }
        rumour.kind = MoveKind::Transfer;
        rumour.to = Some(to.clone());
    }
    let contract = match rumour.kind {
        MoveKind::Departure => {
            if terms.until.is_some() || terms.since.is_some() || terms.loan {
                return Err(Error::rule(
                    Rule::Deal,
                    "a departure has no new contract: --until, --since and --loan need a destination (add --to CLUB)",
                ));
            }
            None
        }
        MoveKind::Renewal if terms.loan => {
            return Err(Error::rule(
                Rule::Deal,
                "a renewal is not a loan; drop --loan",
            ));
        }
        MoveKind::Transfer | MoveKind::Renewal => {
            let club = rumour.to.clone().ok_or_else(|| {
                Error::rule(
                    Rule::Deal,
                    format!("rumour {} names no club to sign for", rumour.id),
                )
            })?;
            let start = match rumour.kind {
                // A renewal may run on from the old contract's end.
                MoveKind::Renewal => terms.since,
                // A free move (no fee) on a pre-contract begins when the
                // old contract ends.
                _ => Some(terms.since.unwrap_or_else(|| {
                    terms
                        .fee
                        .is_none()
                        .then(|| free_transfer_start(world, &rumour.player, date, terms.loan))
                        .flatten()
                        .unwrap_or(date)
                })),
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
                return Err(Error::rule(Rule::Contract, problem));
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
    refuse_clash(world, &player, kind, contract.as_ref(), date)?;
    world.put_rumour(rumour);
    let mut settled = move_player(world, &player, kind, contract, date)?;
    settled.rumour = id;
    settled.ruled_out = ruled_out(world, &settled);
    Ok(settled)
}

/// Records a contract; if it is the move an open rumour told of (a transfer
/// to that club, a renewal there), that rumour is done on the signing day
/// (else its start, if past, else the as-of day, as a status change with no
/// --date is), with the same effects as `rumour update --status done`.
pub fn sign(
    world: &mut World,
    player: &PlayerId,
    contract: Contract,
    as_of: NaiveDate,
) -> Result<Option<Settled>> {
    // The day the move it completes was done: its signing day, else its
    // start if past, else the as-of day (as `rumour update --status done`
    // dates it when no --date is given).
    let date = contract
        .signed
        .or(contract.start.filter(|s| *s <= as_of))
        .unwrap_or(as_of);
    let p = &world.players[player];
    let home = p.as_of(date).club_on(date).cloned();
    let matching = world
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
        .cloned();
    let Some(mut rumour) = matching else {
        let mut record = world.players[player].clone();
        fit_contract(&mut record, contract);
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
    // Signed when the move was done, as a done deal's contract is.
    let contract = Contract {
        signed: Some(date),
        ..contract
    };
    refuse_clash(world, player, kind, Some(&contract), date)?;
    world.put_rumour(rumour);
    let mut settled = move_player(world, player, kind, Some(contract), date)?;
    settled.rumour = id;
    settled.ruled_out = ruled_out(world, &settled);
    Ok(Some(settled))
}

/// A contract elsewhere that starts on the very day a move takes him away
/// can be neither ended before it starts nor kept beside the new one: the
/// story and the contracts disagree, and the user says which. Checked before
/// anything is changed.
fn refuse_clash(
    world: &World,
    player: &PlayerId,
    kind: MoveKind,
    contract: Option<&Contract>,
    date: NaiveDate,
) -> Result<()> {
    let Some(record) = world.players.get(player) else {
        return Ok(());
    };
    let (cut, ends) = reach(kind, contract, date);
    let Some(permanent) = ends else {
        return Ok(());
    };
    let to = contract.map(|c| &c.club);
    let clash = record.contracts.iter().find(|c| {
        Some(&c.club) != to
            && (permanent || c.loan)
            && c.known_on(date)
            && c.start == Some(cut)
            && c.last_day().is_none_or(|last| last > cut)
    });
    match clash {
        None => Ok(()),
        Some(clash) => Err(Error::rule(
            crate::error::Rule::Deal,
            format!(
                "{}'s contract with {} starts on {cut}, the day this move takes him away; correct it first (`mercato contract edit {} --club {} --start DAY`) or date the move otherwise",
                record.name,
                world.club_name(&clash.club),
                record.id,
                clash.club
            ),
        )),
    }
}

/// The day a move now off or denied was done, when a contract with its
/// destination signed that day (among `signed`, the signing days of the
/// player's contracts there) still stands: the player would stay at the
/// club of a move that did not happen.
pub fn undone_signing(rumour: &Rumour, signed: &[Option<NaiveDate>]) -> Option<NaiveDate> {
    if !matches!(rumour.status, Status::Off | Status::Denied) {
        return None;
    }
    rumour
        .history
        .iter()
        .filter(|h| h.status == Status::Done)
        .map(|h| h.date)
        .find(|day| signed.contains(&Some(*day)))
}

/// How far a move done on `date` reaches back into his contracts: the day he
/// stops playing for the old club (the first day at the new one, or the day
/// of the deal, never before it: a contract is not cut short before the deal
/// that cuts it was done; one that ends before that day, a free transfer, is
/// left as it is), and whether it ends every contract (`Some(true)`), only
/// the loan he is on (`Some(false)`) or none (a renewal).
fn reach(
    kind: MoveKind,
    contract: Option<&Contract>,
    date: NaiveDate,
) -> (NaiveDate, Option<bool>) {
    let cut = contract.and_then(|c| c.start).map_or(date, |d| d.max(date));
    let ends_permanent = match kind {
        MoveKind::Renewal => None,
        MoveKind::Departure => Some(true),
        MoveKind::Transfer => Some(!contract.is_some_and(|c| c.loan)),
    };
    (cut, ends_permanent)
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
        .ok_or_else(|| Error::Internal(format!("player '{player}' does not exist")))?;
    let (cut, ends_permanent) = reach(kind, contract.as_ref(), date);
    let mut ended = Vec::new();
    if let Some(permanent) = ends_permanent {
        for at in contracts_cut(&record, permanent, date, cut) {
            let c = &mut record.contracts[at];
            c.terminated = Some(cut);
            ended.push((c.club.clone(), cut));
        }
    }
    if let Some(c) = &contract {
        // The contract the move signed may be recorded already (entered
        // before the story was): it is the same one, not a second. It is
        // left as it was known (a later change does not rewrite the past).
        let twin = record.contracts.iter().any(|k| {
            k.club == c.club
                && k.loan == c.loan
                && c.start.is_some()
                && record.start_of(k) == c.start
        });
        if twin {
            sort_contracts(&mut record.contracts);
        } else {
            fit_contract(&mut record, c.clone());
        }
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

/// The contracts a move done on `date` that takes the player away on `cut`
/// ends: those known that day, not starting on or after the cut (an unknown
/// start counts as before it, so the answer does not depend on what else
/// was typed first) and running past it. A permanent move ends every
/// contract he is under; a loan elsewhere ends only the loan he is on.
fn contracts_cut(record: &Player, permanent: bool, date: NaiveDate, cut: NaiveDate) -> Vec<usize> {
    record
        .contracts
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            (permanent || c.loan)
                && c.known_on(date)
                && c.start.is_none_or(|start| start < cut)
                && c.last_day().is_none_or(|last| last > cut)
        })
        .map(|(at, _)| at)
        .collect()
}

/// Adds a contract to a player's history, in its place, and fits it in
/// (see [`settle_move`]); the history is then sorted again, since a cut
/// can move a contract whose end placed it.
fn fit_contract(record: &mut Player, contract: Contract) {
    record.contracts.push(contract.clone());
    sort_contracts(&mut record.contracts);
    settle_move(record, &contract);
    sort_contracts(&mut record.contracts);
}

/// Fits a contract just entered (or re-dated) with a known start into the
/// player's history: it is a move, so what he was under at other clubs
/// before it ends on its start (a loan ends only the loan he is on); and a
/// contract elsewhere that is known to start later ends it there. A contract
/// with an unknown start counts as before it only if it ends no later than
/// it (else it is what came after: a contract back-filled into the past does
/// not cut the current one short). Nothing else in his history is touched.
pub(crate) fn settle_move(record: &mut Player, mover: &Contract) {
    if let Some(start) = mover.start {
        let known = mover.signed.unwrap_or(start);
        let ends_by = |c: &Contract| match (c.last_day(), mover.last_day()) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some(a), Some(b)) => a <= b,
        };
        let earlier: Vec<usize> = contracts_cut(record, !mover.loan, known, start)
            .into_iter()
            .filter(|at| {
                let c = &record.contracts[*at];
                c.club != mover.club && (c.start.is_some() || ends_by(c))
            })
            .collect();
        for at in earlier {
            record.contracts[at].terminated = Some(start);
        }
    }
    // Where it begins (an unknown start follows the previous contract): a
    // contract elsewhere known to start later ends it there.
    let begins = record.start_of(mover);
    let later = record
        .contracts
        .iter()
        .filter(|c| c.club != mover.club && (c.loan == mover.loan || !c.loan))
        .filter_map(|c| c.start.filter(|s| begins.is_none_or(|b| *s > b)))
        .filter(|s| mover.last_day().is_none_or(|last| last > *s))
        .min();
    if let Some(cut) = later
        && let Some(c) = record.contracts.iter_mut().find(|c| *c == mover)
    {
        c.terminated = Some(cut);
    }
}

/// Applies the player's done moves to his contracts again, after one was
/// entered or changed: whatever order things were typed in, a contract in
/// force on the day a move took him away ends on that day. The cut is the
/// start of the contract the move signed (at its destination, signed on the
/// done day), else the done day; a done departure ends everything.
pub fn recut(world: &mut World, player: &PlayerId) {
    let Some(mut record) = world.players.get(player).cloned() else {
        return;
    };
    let moves: Vec<(NaiveDate, NaiveDate, bool)> = world
        .rumours_of(player)
        .filter(|r| r.kind != MoveKind::Renewal)
        .flat_map(|r| {
            let done = r.history.iter().filter(|h| h.status == Status::Done);
            done.filter_map(|h| {
                let date = h.date;
                let signed = r.to.as_ref().and_then(|to| {
                    record
                        .contracts
                        .iter()
                        .find(|c| &c.club == to && c.signed == Some(date))
                });
                match (r.kind, signed) {
                    (MoveKind::Departure, _) => Some((date, date, true)),
                    (_, Some(c)) => Some((date, c.start.map_or(date, |s| s.max(date)), !c.loan)),
                    (_, None) => None,
                }
            })
            .collect::<Vec<_>>()
        })
        .collect();
    let mut changed = false;
    for (date, cut, permanent) in moves {
        for at in contracts_cut(&record, permanent, date, cut) {
            record.contracts[at].terminated = Some(cut);
            changed = true;
        }
    }
    if changed {
        sort_contracts(&mut record.contracts);
        world.put_player(record);
    }
}

/// Contracts in the order they were signed (stable, so a file diff shows
/// one inserted block).
pub(crate) fn sort_contracts(contracts: &mut [Contract]) {
    contracts.sort_by_key(crate::model::player::history_key);
}

/// How long before its end a contract leaves the player free to sign
/// elsewhere (a pre-contract), in months.
pub const PRE_CONTRACT_MONTHS: u32 = 6;

/// The first day at the new club of a permanent transfer done on `date`
/// while the player's contract ends within six months: the day after it
/// ends (a free transfer on a pre-contract). `None` otherwise.
fn free_transfer_start(
    world: &World,
    player: &PlayerId,
    date: NaiveDate,
    loan: bool,
) -> Option<NaiveDate> {
    if loan {
        return None;
    }
    let p = world.players.get(player)?;
    let current = p
        .contracts
        .iter()
        .filter(|c| !c.loan && c.known_on(date) && p.in_force_on(c, date))
        .filter_map(Contract::last_day)
        .max()?;
    let horizon = date.checked_add_months(chrono::Months::new(PRE_CONTRACT_MONTHS))?;
    (current > date && current <= horizon).then(|| current.succ_opt())?
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

/// Adds a contract to a player's history, which is kept in the order the
/// contracts were signed.
pub(crate) fn insert_contract(player: &mut Player, contract: Contract) {
    player.contracts.push(contract);
    sort_contracts(&mut player.contracts);
}
