//! `mercato contract set`: a signing, a loan or a renewal.

use crate::commands::confirm::settled_notes;
use crate::commands::context::{Context, Output};
use crate::values::parse_day;
use clap::Args;
use mercato::dates::DateSpec;
use mercato::edit::{self, NewContract};
use mercato::query::records;
use mercato::{Result, render};

/// Record a contract: a signing, a loan or a renewal. Earlier contracts stay as history.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato contract set konate --club liverpool --until 2030-06-30
  mercato contract set huijsen --club "Real Madrid" --since 2025-07-01 \
      --until 2030-06-30 --signed 2025-05-20
  mercato contract set upamecano --club "RB Leipzig" --loan --until 2026-06-30
  mercato contract set alaba --club bournemouth       # the end is not known yet

Two times: --since is the first day in force (unknown: from the end of his
previous contract), --signed the day it became known (unknown: always known;
seen at an earlier --as-of, a contract signed later is not there yet). The day
you type it is neither. Without --until its end is unknown.
A contract that is the move an open rumour told of (a transfer to that club, a
renewal there) marks that rumour done, and says so."#)]
pub struct SetArgs {
    /// The player.
    pub player: String,
    /// The club.
    #[arg(long)]
    pub club: String,
    /// The last day of the contract (unknown if omitted).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub until: Option<DateSpec>,
    /// The first day in force (unknown if omitted: from the end of his previous contract).
    #[arg(long, visible_alias = "start", value_parser = parse_day, value_name = "DATE")]
    pub since: Option<DateSpec>,
    /// The day it was signed or announced (unknown if omitted: always known).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub signed: Option<DateSpec>,
    /// A loan (the permanent contract elsewhere goes on).
    #[arg(long)]
    pub loan: bool,
    /// The club he joins from.
    #[arg(long, value_name = "CLUB")]
    pub from: Option<String>,
}

pub fn run(ctx: &Context, args: SetArgs) -> Result<Output> {
    let new = NewContract {
        club: args.club,
        signed: ctx.day(args.signed),
        start: ctx.day(args.since),
        end: ctx.day(args.until),
        loan: args.loan,
        signed_from: args.from,
    };
    let (world, set) = ctx.write(|store, w| {
        // His rumours, read in full: the contract may complete one.
        let player = w.find_player(&args.player)?;
        store.load_rumours_of(w, &player)?;
        edit::set_contract(w, &args.player, new, ctx.as_of)
    })?;
    let view = records::player_view(&world, &world.players[&set.player], ctx.as_of);
    let mut out = ctx.show(&view, || render::records::player(&view, "", ctx.style));
    if let Some(settled) = &set.completed {
        out.notes.extend(settled_notes(&world, settled));
    }
    Ok(out)
}
