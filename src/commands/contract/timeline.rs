//! `mercato contract timeline`: contracts on a time axis.

use crate::commands::confirm::write_picture;
use crate::commands::context::{Context, Output};
use crate::values::parse_position;
use clap::Args;
use mercato::model::Position;
use mercato::query::timeline;
use mercato::{Result, render};
use std::path::PathBuf;

/// Contracts on a time axis, one bar per player: today marked, final years
/// highlighted, open rumours on the bars.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato contract timeline --club "Real Madrid"
  mercato contract timeline --position CB --svg centre-backs.svg"#)]
pub struct TimelineArgs {
    /// Only this club's players.
    #[arg(long)]
    pub club: Option<String>,
    /// Only players who can play this position.
    #[arg(long, value_parser = parse_position)]
    pub position: Option<Position>,
    /// Also write the timeline as a standalone SVG picture to this file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: TimelineArgs) -> Result<Output> {
    // One club's timeline reads only the players who were ever its own.
    let (world, club) = match args.club {
        Some(club) => {
            let (world, id) = ctx.read_squad(&club, true)?;
            (world, Some(id))
        }
        None => (ctx.read_brief()?, None),
    };
    let t = timeline::timeline(&world, club.as_ref(), args.position, ctx.as_of);
    let mut out = ctx.show(&t, || render::timeline::timeline(&t, ctx.style));
    if let Some(path) = args.svg {
        write_picture(&path, &render::svg::timeline(&t), &mut out)?;
    }
    Ok(out)
}
