//! `mercato player list`.

use crate::commands::context::{Context, Output};
use crate::values::parse_position;
use clap::Args;
use mercato::model::Position;
use mercato::query::records;
use mercato::store::scoped::Scope;
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
    // Only the club's players are read, or only a page; else everyone.
    let (world, club, total) = match (args.club, args.position, ctx.limit) {
        (Some(club), _, _) => {
            let (world, id) = ctx.read_squad(&club, false)?;
            (world, Some(id), None)
        }
        (None, None, Some(limit)) => {
            let (world, total) = ctx.read_scoped(|look| {
                let (players, total) = look.players_page(limit)?;
                Ok((
                    Scope {
                        players,
                        without_rumours: true,
                        ..Scope::default()
                    },
                    total,
                ))
            })?;
            (world, None, Some(total))
        }
        (None, _, _) => (ctx.read_brief()?, None, None),
    };
    let list = records::players(&world, club.as_ref(), args.position, ctx.as_of);
    let total = total.unwrap_or(list.len());
    Ok(ctx.show_page(&list, total, |list| {
        render::records::players(list, ctx.style)
    }))
}
