//! `mercato contract remove`: a contract entered by mistake.

use crate::commands::context::{Context, Output};
use crate::values::parse_day;
use clap::Args;
use mercato::Result;
use mercato::correct;
use mercato::dates::DateSpec;
use mercato::query::records;

/// Remove a contract entered by mistake: the player's latest contract with the club,
/// or the one ending on --until.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato contract set huijsen --club real --until 2031-06-30   # a mistake
  mercato contract remove huijsen --club real --until 2031-06-30"#)]
pub struct RemoveArgs {
    /// The player.
    pub player: String,
    /// The club of the contract.
    #[arg(long)]
    pub club: String,
    /// Pick the contract ending on this day (needed when he has several there).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub until: Option<DateSpec>,
}

pub fn run(ctx: &Context, args: RemoveArgs) -> Result<Output> {
    let until = ctx.day(args.until);
    let (world, (id, contract)) = ctx.write(|store, w| {
        // His rumours, read in full: each one's "from" is re-read from
        // the contracts left.
        store.load_rumours_of(w, &w.find_player(&args.player)?)?;
        correct::remove_contract(w, &args.player, &args.club, until)
    })?;
    let view = records::player_view(&world, &world.players[&id], ctx.as_of);
    Ok(ctx.show(&view, || {
        format!(
            "Removed {}'s contract with {}\n",
            view.name,
            correct::describe_contract(&world, &contract)
        )
    }))
}
