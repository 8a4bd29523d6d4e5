//! `mercato rumour remove`: a rumour entered by mistake, or one of its reports.

use crate::commands::context::{Context, Output};
use crate::values::number;
use clap::Args;
use mercato::correct;
use mercato::query::rumours::{self, Assessor};
use mercato::{Result, World};

/// Remove a rumour entered by mistake, or one of its reports (--report N).
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato rumour remove 10dc --report 2    # the 2nd, as `rumour show` numbers
  mercato rumour remove d43cc212
  mercato rumour remove upamecano          # his one open rumour, else his one"#)]
pub struct RemoveArgs {
    /// The rumour id, an unambiguous prefix of it, or a player (his one open rumour, else his one rumour).
    pub id: String,
    /// Remove only this report: 1 is the oldest, numbered as `rumour show` lists them.
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = number::<usize>("a report number", 1))]
    pub report: Option<usize>,
}

pub fn run(ctx: &Context, args: RemoveArgs) -> Result<Output> {
    let report = args.report;
    let (world, (id, gone, what)) = ctx.write(|store, w| {
        let id = w.find_rumour_or_player(&args.id)?;
        if let Some(player) = w.summary(&id).map(|s| s.player.clone()) {
            store.load_rumours_of(w, &player)?;
        }
        Ok(match report {
            Some(n) => {
                let r = correct::remove_report(w, &id, n)?;
                let what = format!("report {n} ({}, {})", r.date, w.source_name(&r.source));
                (id, None, what)
            }
            None => (
                id.clone(),
                Some(correct::remove_rumour(w, &id)?),
                String::new(),
            ),
        })
    })?;
    confirm(ctx, &world, &id, gone, &what)
}

/// The whole rumour removed (JSON: as it was), or one report (the rumour as it is now).
fn confirm(
    ctx: &Context,
    world: &World,
    id: &mercato::model::RumourId,
    gone: Option<mercato::model::Rumour>,
    what: &str,
) -> Result<Output> {
    let assessor = Assessor::new(world, ctx.as_of);
    match (gone, world.rumours.get(id)) {
        (Some(rumour), _) => {
            let view = rumours::view(world, &assessor, &rumour);
            Ok(ctx.show(&view, || {
                format!(
                    "Removed rumour {}: {}, {} ({}, {} report{})\n",
                    view.id,
                    view.player,
                    view.describe_move(),
                    view.status,
                    view.reports.len(),
                    if view.reports.len() == 1 { "" } else { "s" }
                )
            }))
        }
        (None, Some(rumour)) => {
            let view = rumours::view(world, &assessor, rumour);
            Ok(ctx.show(&view, || {
                format!(
                    "Removed {what} from rumour {}: {}, {} ({} left)\n",
                    view.id,
                    view.player,
                    view.describe_move(),
                    mercato::english::count(view.reports.len(), "report")
                )
            }))
        }
        (None, None) => Err(mercato::Error::Internal(format!(
            "rumour {id} vanished while writing"
        ))),
    }
}
