//! `mercato contract edit`: one contract's dates corrected.

use crate::commands::context::{Context, Output};
use crate::values::parse_day;
use clap::Args;
use mercato::Result;
use mercato::correct;
use mercato::dates::DateSpec;
use mercato::query::records;

/// Change the dates of one contract: its start, signing day or end.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato contract edit militao --club real --start 2019-07-01
  mercato contract edit konate --club liverpool --until 2026-06-30 \
      --signed 2021-05-28
  mercato contract edit alaba --club real --end 2026-06-30

--until picks the contract (the one ending on that day) when he has several
with the club; --end sets a new last day. Dates not given stay as they are."#)]
pub struct EditArgs {
    /// The player.
    pub player: String,
    /// The club of the contract.
    #[arg(long)]
    pub club: String,
    /// Pick the contract ending on this day (needed when he has several there).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub until: Option<DateSpec>,
    /// New first day in force.
    #[arg(long, visible_alias = "since", value_parser = parse_day, value_name = "DATE")]
    pub start: Option<DateSpec>,
    /// New signing day (the day it became known).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub signed: Option<DateSpec>,
    /// New last day.
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub end: Option<DateSpec>,
}

pub fn run(ctx: &Context, args: EditArgs) -> Result<Output> {
    let dates = correct::ContractDates {
        start: ctx.day(args.start),
        signed: ctx.day(args.signed),
        end: ctx.day(args.end),
    };
    let until = ctx.day(args.until);
    let (world, (id, before, after)) = ctx.write(|store, w| {
        // His rumours, read in full: each one's "from" is re-read from
        // the contracts as they become.
        store.load_rumours_of(w, &w.find_player(&args.player)?)?;
        correct::edit_contract(w, &args.player, &args.club, until, dates, ctx.as_of)
    })?;
    let view = records::player_view(&world, &world.players[&id], ctx.as_of);
    Ok(ctx.show(&view, || {
        format!(
            "Changed {}'s contract with {}: {} -> {}\n",
            view.name,
            world.club_name(&after.club),
            correct::describe_dates(&before),
            correct::describe_dates(&after)
        )
    }))
}
