//! `mercato rumour show`.

use crate::commands::context::{Context, Output};
use crate::values::number;
use clap::Args;
use mercato::query::likelihood::DEFAULT_COLD_DAYS;
use mercato::query::rumours::{self, Assessor};
use mercato::store::scoped::Scope;
use mercato::{Error, Result, render};

/// Show one rumour: its likelihood explained, fees, reports and status changes in date order.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato rumour show 5036
  mercato rumour show konate        # his one open rumour, else his one rumour
  mercato rumour show 10dcabc2 --json"#)]
pub struct ShowArgs {
    /// The rumour id, an unambiguous prefix of it, or a player (his one open rumour, else his one rumour).
    pub id: String,
    /// Days without a report after which a new report counts as reheated.
    #[arg(long, env = "MERCATO_REHEAT_DAYS", default_value_t = 60, value_name = "DAYS", allow_negative_numbers = true, value_parser = number::<i64>("days", 1))]
    pub reheat_days: i64,
    /// Days without a report after which an open rumour is cold (scored at its stage's floor).
    #[arg(long, env = "MERCATO_COLD_DAYS", default_value_t = DEFAULT_COLD_DAYS, value_name = "DAYS", allow_negative_numbers = true, value_parser = number::<i64>("days", 1))]
    pub cold_days: i64,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Output> {
    let (world, id) = ctx.read_scoped(|look| {
        let (id, player) = look.find_rumour_or_player(&args.id)?;
        Ok((Scope::player(&player), id))
    })?;
    let mut assessor = Assessor::new(&world, ctx.as_of);
    assessor.reheat_days = args.reheat_days;
    assessor.cold_days = args.cold_days;
    // A rumour first reported after the as-of date is not there yet.
    let rumour = world.rumours.get(&id).ok_or_else(|| Error::NotFound {
        kind: "rumour",
        query: id.to_string(),
        suggestions: Vec::new(),
    })?;
    let view = rumours::view(&world, &assessor, rumour);
    Ok(ctx.show(&view, || render::rumours::detail(&view, ctx.style)))
}
