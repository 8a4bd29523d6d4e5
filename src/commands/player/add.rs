//! `mercato player add`: a player, optionally with his current contract.

use crate::commands::context::{Context, Output};
use crate::commands::fee::market_value;
use crate::values::{number, parse_date, parse_day, parse_fee, parse_foot, parse_position};
use chrono::NaiveDate;
use clap::Args;
use mercato::Result;
use mercato::dates::DateSpec;
use mercato::edit::{self, NewContract, NewPlayer};
use mercato::model::{Foot, Position};
use mercato::query::records;

/// Add a player, optionally with his current contract.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato player add "Jarell Quansah" --born 2003-01-29 --position CB
  mercato player add "Marc Guéhi" --born 2000-07-13 --position CB \
      --nationality England --foot right --value 50m
  mercato player add "Marcos Senesi" --born 1997-05-10 --position CB --also LB \
      --nationality Argentina --club Bournemouth --until 2026-06-30"#)]
pub struct AddArgs {
    /// Full name.
    pub name: String,
    /// Date of birth.
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub born: NaiveDate,
    /// Primary position: GK, RB, RWB, CB, LB, LWB, DM, CM, AM, RW, LW, ST.
    #[arg(long, value_parser = parse_position)]
    pub position: Position,
    /// Secondary positions, comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = parse_position, value_name = "POS,...")]
    pub also: Vec<Position>,
    #[arg(long)]
    pub nationality: Option<String>,
    /// International caps.
    #[arg(long, allow_negative_numbers = true, value_parser = number::<u32>("caps", 0))]
    pub caps: Option<u32>,
    /// Preferred foot: left, right or both.
    #[arg(long, value_parser = parse_foot)]
    pub foot: Option<Foot>,
    #[arg(long)]
    pub notes: Option<String>,
    /// Market value in euros: 50m, 750k.
    #[arg(long, value_name = "VALUE", value_parser = parse_fee)]
    pub value: Option<String>,
    /// His club.
    #[arg(long)]
    pub club: Option<String>,
    /// Last day of his contract at --club (unknown if omitted).
    #[arg(long, requires = "club", value_parser = parse_day, value_name = "DATE")]
    pub until: Option<DateSpec>,
    /// First day of that contract, if known.
    #[arg(long, requires = "club", value_parser = parse_day, value_name = "DATE")]
    pub since: Option<DateSpec>,
    /// The day that contract was signed or announced (unknown if omitted: always known).
    #[arg(long, requires = "club", value_parser = parse_day, value_name = "DATE")]
    pub signed: Option<DateSpec>,
    /// The contract is a loan.
    #[arg(long, requires = "club")]
    pub loan: bool,
    /// The club he joined --club from.
    #[arg(long, requires = "club", value_name = "CLUB")]
    pub from: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Output> {
    let contract = args.club.map(|club| NewContract {
        club,
        signed: ctx.day(args.signed),
        start: ctx.day(args.since),
        end: ctx.day(args.until),
        loan: args.loan,
        signed_from: args.from,
    });
    let market_value = market_value(args.value.as_deref())?;
    let new = NewPlayer {
        name: args.name,
        born: args.born,
        position: args.position,
        also: args.also,
        nationality: args.nationality,
        caps: args.caps,
        foot: args.foot,
        market_value,
        notes: args.notes,
        contract,
    };
    let (world, id) = ctx.write(|_, w| edit::add_player(w, new, ctx.as_of))?;
    let view = records::player_view(&world, &world.players[&id], ctx.as_of);
    Ok(ctx.show(&view, || format!("Added player {} ({id})\n", view.name)))
}
