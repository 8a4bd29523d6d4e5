//! `mercato rumour update`: a new status; `done` moves the player.

use super::confirm::{credit, view_on};
use super::status::StatusArg;
use crate::commands::confirm::settled_notes;
use crate::commands::context::{Context, Output};
use crate::commands::fee::plausible_fee;
use crate::values::{parse_currency, parse_day, parse_fee};
use clap::Args;
use mercato::Result;
use mercato::dates::DateSpec;
use mercato::deal::Terms;
use mercato::edit::{self, NewStatus, StatusUpdated};
use mercato::store::scoped::Scope;

/// Change a rumour's status (talks, agreed, done, off...). `done` moves the player.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato rumour update 50369ebf --status agreed --source "L'Equipe"
  mercato rumour update konate --status done --until 2030-06-30 --note "5 years"
  mercato rumour update upamecano --status done --until 2031-06-30 --fee 60m
  mercato rumour update alaba --status done --to Bournemouth --until 2027-06-30

A done transfer ends the player's contract at his club on the day (a loan keeps
it) and starts one at the destination (--since, else the day) until --until
(unknown if not given); a done renewal signs a new contract at his club; a done
departure ends his contract (--to CLUB makes it a transfer). Other open rumours
the move rules out are listed, not closed."#)]
pub struct UpdateArgs {
    /// The rumour id, an unambiguous prefix of it, or a player (his one open rumour, else his one rumour).
    pub id: String,
    /// The new status.
    #[arg(long, value_enum)]
    pub status: StatusArg,
    /// When it changed (default: the as-of date; never after it).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub date: Option<DateSpec>,
    /// Why.
    #[arg(long)]
    pub note: Option<String>,
    /// Who announced it (a known source).
    #[arg(long)]
    pub source: Option<String>,
    /// For done: the last day of the new contract (unknown if omitted).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub until: Option<DateSpec>,
    /// For done: the first day at the new club, if not the day of the deal.
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub since: Option<DateSpec>,
    /// For done: the fee announced (50m, "€45,5m", "£40m+5m").
    #[arg(long, value_name = "FEE", value_parser = parse_fee)]
    pub fee: Option<String>,
    /// Record a fee above the largest ever paid (refused without it, as a likely typo).
    #[arg(long)]
    pub force: bool,
    /// The currency of --fee when it names none (default EUR).
    #[arg(long, env = "MERCATO_CURRENCY", value_name = "EUR|GBP|USD", value_parser = parse_currency)]
    pub currency: Option<String>,
    /// For done: the move is a loan (his contract at his club goes on).
    #[arg(long)]
    pub loan: bool,
    /// For a done departure: the club he joined (it becomes a transfer).
    #[arg(long, value_name = "CLUB")]
    pub to: Option<String>,
}

pub fn run(ctx: &Context, args: UpdateArgs) -> Result<Output> {
    let id = args.id.clone();
    let day = ctx.day(args.date).unwrap_or(ctx.as_of);
    let mut change = new_status(ctx, args)?;
    let to_club = change.to.clone();
    let (world, updated) = ctx.write_scoped(
        |look| {
            let (found, player) = look.find_rumour_or_player(&id)?;
            let mut scope = Scope::player(&player);
            let to = to_club.as_deref().map(|c| look.find_club(c)).transpose()?;
            scope.clubs.extend(to.clone());
            Ok((scope, (found, to)))
        },
        |w, (found, to)| {
            if let Some(to) = to {
                change.to = Some(to.as_str().to_string());
            }
            edit::update_rumour(w, &found, change, ctx.as_of)
        },
    )?;
    confirm(ctx, &world, &updated, day)
}

/// The change as the arguments describe it (the fee checked, names not yet found).
fn new_status(ctx: &Context, a: UpdateArgs) -> Result<NewStatus> {
    let fee = a
        .fee
        .as_deref()
        .map(|f| plausible_fee(f, a.currency.as_deref(), a.force))
        .transpose()?;
    Ok(NewStatus {
        status: a.status.into(),
        date: ctx.day(a.date),
        note: a.note,
        source: a.source,
        terms: Terms {
            until: ctx.day(a.until),
            since: ctx.day(a.since),
            fee,
            loan: a.loan,
            to: None,
        },
        to: a.to,
    })
}

/// The rumour as of the change's day, with notes on what a done deal did.
fn confirm(
    ctx: &Context,
    world: &mercato::World,
    updated: &StatusUpdated,
    day: chrono::NaiveDate,
) -> Result<Output> {
    let view = view_on(ctx, world, &updated.rumour, day)?;
    let mut out = ctx.show(&view, || {
        let by = updated
            .credited
            .as_ref()
            .map(|s| format!("; credited to {}", credit(world, s, None)))
            .unwrap_or_default();
        format!(
            "Rumour {}: {}, {} is now '{}'{by}\n",
            view.id,
            view.player,
            view.describe_move(),
            view.status
        )
    });
    if let Some(settled) = &updated.settled {
        out.notes.extend(settled_notes(world, settled));
    }
    Ok(out)
}
