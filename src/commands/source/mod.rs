//! `mercato source ...`: one file per verb, each holding its arguments and
//! its `run`.

mod add;
mod edit;
mod list;
mod merge;
mod remove;
mod set;
mod show;

use super::{Context, Output};
use clap::Subcommand;
use mercato::Result;
use mercato::World;
use mercato::model::SourceId;
use mercato::query::records::{self, SourceView};

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    // Corrections.
    Edit(edit::EditArgs),
    Remove(remove::RemoveArgs),
    Merge(merge::MergeArgs),
}

pub fn run(ctx: &Context, command: SourceCommand) -> Result<Output> {
    match command {
        SourceCommand::Add(args) => add::run(ctx, args),
        SourceCommand::List(_) => list::run(ctx),
        SourceCommand::Show(args) => show::run(ctx, args),
        SourceCommand::Set(args) => set::run(ctx, args),
        SourceCommand::Edit(args) => edit::run(ctx, args),
        SourceCommand::Remove(args) => remove::run(ctx, args),
        SourceCommand::Merge(args) => merge::run(ctx, args),
    }
}

/// One source as its confirmation shows it, with its track record.
fn view(world: &World, id: &SourceId) -> SourceView {
    let track = mercato::query::likelihood::track_records(world);
    records::source_view(&world.sources[id], &track)
}
