//! `mercato rumour ...`: one file per verb, each holding its arguments and
//! its `run`; this file dispatches, and holds what several verbs share.

mod add;
mod extract;
mod list;
mod remove;
mod show;
mod update;

use super::{Context, Output};
use clap::{Subcommand, ValueEnum};
use mercato::Result;
use mercato::model::Status;
use mercato::query::rumours::{self, Assessor};
use mercato::store::scoped::Scope;

#[derive(Debug, Subcommand)]
pub enum RumourCommand {
    Add(add::AddArgs),
    Extract(extract::ExtractArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Update(update::UpdateArgs),
    // Corrections.
    Remove(remove::RemoveArgs),
}

pub fn run(ctx: &Context, command: RumourCommand) -> Result<Output> {
    match command {
        RumourCommand::Add(args) => add::run(ctx, args),
        RumourCommand::Extract(args) => extract::run(ctx, args),
        RumourCommand::List(args) => list::run(ctx, args),
        RumourCommand::Show(args) => show::run(ctx, args),
        RumourCommand::Update(args) => update::run(ctx, args),
        RumourCommand::Remove(args) => remove::run(ctx, args),
    }
}

/// Rumour statuses as command-line values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Rumour,
    Talks,
    Agreed,
    Done,
    Off,
    Denied,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Rumour => Status::Rumour,
            StatusArg::Talks => Status::Talks,
            StatusArg::Agreed => Status::Agreed,
            StatusArg::Done => Status::Done,
            StatusArg::Off => Status::Off,
            StatusArg::Denied => Status::Denied,
        }
    }
}

/// A rumour just written, as `rumour show --as-of DAY` shows it: a change
/// back-dated to DAY confirms with that day's status, reports and
/// likelihood (and track records), not with what came after it.
fn view_on(
    ctx: &Context,
    world: &mercato::World,
    id: &mercato::model::RumourId,
    day: chrono::NaiveDate,
) -> Result<rumours::RumourView> {
    if day >= ctx.as_of {
        let assessor = Assessor::new(world, ctx.as_of);
        return Ok(rumours::view(world, &assessor, &world.rumours[id]));
    }
    let player = world.rumours[id].player.clone();
    let (then, ()) = ctx.read_scoped_on(day, |_| Ok((Scope::player(&player), ())))?;
    let assessor = Assessor::new(&then, day);
    let rumour = then.rumours.get(id).unwrap_or(&world.rumours[id]);
    Ok(rumours::view(&then, &assessor, rumour))
}

/// The source a write credited, as its confirmation names it (with its id,
/// so a namesake cannot hide which record got the report).
fn credit(
    world: &mercato::world::World,
    source: &mercato::model::SourceId,
    via: Option<&mercato::model::SourceId>,
) -> String {
    let named = |id: &mercato::model::SourceId| format!("{} ({id})", world.source_name(id));
    match via {
        Some(via) => format!("{} via {}", named(source), named(via)),
        None => named(source),
    }
}
