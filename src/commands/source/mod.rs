//! `mercato source ...`: one file per verb, each holding its arguments and
//! its `run`.

mod add;
mod edit;
mod list;
mod merge;
mod remove;
mod set;
mod show;
mod view;

use super::context::{Context, Output};
use clap::Subcommand;
use mercato::Result;

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
