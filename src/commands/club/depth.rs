//! `mercato club depth`: the defensive depth chart, and its starting orders.

use crate::commands::confirm::write_picture;
use crate::commands::context::{Context, Output};
use crate::values::{number, parse_slot};
use clap::{Args, ValueEnum};
use mercato::edit;
use mercato::model::Slot;
use mercato::query::depth;
use mercato::query::likelihood::DEFAULT_COLD_DAYS;
use mercato::store::scoped::Scope;
use mercato::{Error, Result, render};
use std::path::PathBuf;

/// The defensive depth chart: GK, RB, CB, LB, who is expiring or leaving, and targets.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato club depth "Real Madrid"
  mercato club depth liverpool --set CB "van dijk,konate"
  mercato club depth liverpool --reset CB
  mercato club depth "Real Madrid" --view pitch
  mercato club depth "Real Madrid" --svg real-madrid.svg

Default order in a slot: natural players before cover, players staying before
players leaving, then the older first. --set puts the named players first."#)]
pub struct DepthArgs {
    pub club: String,
    /// Set a slot's starting order: SLOT then comma-separated players.
    #[arg(long, num_args = 2, value_names = ["SLOT", "PLAYERS"])]
    pub set: Option<Vec<String>>,
    /// Go back to the default order for a slot.
    #[arg(long, value_name = "SLOT", value_parser = parse_slot)]
    pub reset: Option<Slot>,
    /// table (one block per slot) or pitch (the back line drawn in formation).
    #[arg(long, value_enum, default_value_t = DepthView::Table)]
    pub view: DepthView,
    /// Also write the chart as a standalone SVG picture to this file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Days without a report after which a rumour is cold and no longer a target.
    #[arg(long, env = "MERCATO_COLD_DAYS", default_value_t = DEFAULT_COLD_DAYS, value_name = "DAYS", allow_negative_numbers = true, value_parser = number::<i64>("days", 1))]
    pub cold_days: i64,
}

/// How `club depth` draws the chart in the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DepthView {
    Table,
    Pitch,
}

pub fn run(ctx: &Context, args: DepthArgs) -> Result<Output> {
    let changes = order_changes(args.set, args.reset)?;
    let club = &args.club;
    let (world, id) = if changes.is_empty() {
        // The club's players, the players its rumours are about,
        // and those its depth orders name: nothing else is read.
        ctx.read_scoped(|look| {
            let id = look.find_club(club)?;
            let scope = Scope {
                players: look.players_of_club(&id)?,
                clubs: [id.clone()].into(),
                ..Scope::default()
            };
            Ok((scope, id))
        })?
    } else {
        ctx.write(|_, w| {
            let id = w.find_club(club)?;
            for (slot, players) in &changes {
                edit::set_depth_order(w, &id, *slot, players, ctx.as_of)?;
            }
            Ok(id)
        })?
    };
    let chart = depth::depth_chart(&world, &world.clubs[&id], ctx.as_of, args.cold_days);
    let mut out = ctx.show(&chart, || match args.view {
        DepthView::Table => render::depth::chart(&chart, ctx.style),
        DepthView::Pitch => render::pitch::pitch(&chart, ctx.style),
    });
    if let Some(path) = args.svg {
        write_picture(&path, &render::svg::depth(&chart), &mut out)?;
    }
    Ok(out)
}

/// The starting orders `--set` and `--reset` ask for (an empty list resets a slot).
fn order_changes(
    set: Option<Vec<String>>,
    reset: Option<Slot>,
) -> Result<Vec<(Slot, Vec<String>)>> {
    let mut changes: Vec<(Slot, Vec<String>)> = Vec::new();
    if let Some(pair) = set {
        let slot: Slot = pair[0].parse().map_err(|why| Error::invalid("slot", why))?;
        let players: Vec<String> = pair[1]
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        // An empty list would silently clear the order: that is --reset.
        if players.is_empty() {
            return Err(Error::invalid(
                "--set",
                format!(
                    "--set {slot} names no player; list them (\"huijsen,militao\"), or clear the order with --reset {slot}"
                ),
            ));
        }
        changes.push((slot, players));
    }
    if let Some(slot) = reset {
        changes.push((slot, Vec::new()));
    }
    Ok(changes)
}
