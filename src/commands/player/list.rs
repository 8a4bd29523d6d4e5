//! `mercato player list`.

use crate::cli::parse_position;
use crate::commands::{Context, Output};
use clap::Args;
use mercato::model::Position;
use mercato::query::records;
use mercato::{Result, render};

/// List players.
#[derive(Debug, Args)]
#[command(visible_alias = "ls")]
#[command(after_help = r#"Examples:
  mercato player list --club "Real Madrid"
  mercato player list --position LB
  mercato player list --json"#)]
pub struct ListArgs {
    /// Only players of this club.
    #[arg(long)]
    pub club: Option<String>,
    /// Only players who can play this position.
    #[arg(long, value_parser = parse_position)]
    pub position: Option<Position>,
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Output> {
    let world = ctx.read_brief()?;
    let club = args.club.map(|c| world.find_club(&c)).transpose()?;
    let list = records::players(&world, club.as_ref(), args.position, ctx.as_of);
    Ok(ctx.show_list(&list, |list| render::records::players(list, ctx.style)))
}
