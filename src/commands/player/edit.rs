//! `mercato player edit`: a player's details corrected.

use crate::commands::context::{Context, Output};
use crate::commands::fee::market_value;
use crate::values::{number, parse_date, parse_fee, parse_foot, parse_position};
use chrono::NaiveDate;
use clap::Args;
use mercato::Result;
use mercato::correct::{self, PlayerChanges};
use mercato::model::{Foot, Position};
use mercato::query::records;

/// Correct a player's details. A new name keeps the id; the old name becomes an alias.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato player edit upamecano --caps 25 --foot right
  mercato player edit konate --alias Ibou
  mercato player edit alaba --position CB --also LB,DM"#)]
pub struct EditArgs {
    /// The player to correct.
    pub player: String,
    /// A new full name (the id stays; the old name becomes an alias).
    #[arg(long)]
    pub name: Option<String>,
    /// Date of birth.
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub born: Option<NaiveDate>,
    /// Primary position: GK, RB, RWB, CB, LB, LWB, DM, CM, AM, RW, LW, ST.
    #[arg(long, value_parser = parse_position)]
    pub position: Option<Position>,
    /// Secondary positions, comma-separated (replaces the current ones).
    #[arg(long, value_delimiter = ',', value_parser = parse_position, value_name = "POS,...")]
    pub also: Option<Vec<Position>>,
    #[arg(long)]
    pub nationality: Option<String>,
    /// International caps.
    #[arg(long, allow_negative_numbers = true, value_parser = number::<u32>("caps", 0))]
    pub caps: Option<u32>,
    /// Preferred foot: left, right or both.
    #[arg(long, value_parser = parse_foot)]
    pub foot: Option<Foot>,
    /// Market value in euros: 50m, 750k.
    #[arg(long, value_name = "VALUE", value_parser = parse_fee)]
    pub value: Option<String>,
    /// Notes (replace the current ones; "" removes them).
    #[arg(long)]
    pub notes: Option<String>,
    /// Another name he is known by (repeatable).
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
}

pub fn run(ctx: &Context, args: EditArgs) -> Result<Output> {
    let market_value = market_value(args.value.as_deref())?;
    let changes = PlayerChanges {
        name: args.name,
        born: args.born,
        position: args.position,
        also: args.also,
        nationality: args.nationality,
        caps: args.caps,
        foot: args.foot,
        market_value,
        notes: args.notes,
        aliases: args.aliases,
    };
    let (world, id) =
        ctx.write(|_, w| correct::edit_player(w, &args.player, changes, ctx.as_of))?;
    let view = records::player_view(&world, &world.players[&id], ctx.as_of);
    Ok(ctx.show(&view, || format!("Updated player {} ({id})\n", view.name)))
}
