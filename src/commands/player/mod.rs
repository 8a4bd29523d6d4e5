//! `mercato player ...`: one file per verb, each holding its arguments and
//! its `run`.

mod add;
mod edit;
mod list;
mod merge;
mod remove;
mod show;

use super::context::{Context, Output};
use clap::Subcommand;
use mercato::Result;

#[derive(Debug, Subcommand)]
pub enum PlayerCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    // Corrections.
    Edit(edit::EditArgs),
    Remove(remove::RemoveArgs),
    Merge(merge::MergeArgs),
}

pub fn run(ctx: &Context, command: PlayerCommand) -> Result<Output> {
    match command {
        PlayerCommand::Add(args) => add::run(ctx, args),
        PlayerCommand::List(args) => list::run(ctx, args),
        PlayerCommand::Show(args) => show::run(ctx, args),
        PlayerCommand::Edit(args) => edit::run(ctx, args),
        PlayerCommand::Remove(args) => remove::run(ctx, args),
        PlayerCommand::Merge(args) => merge::run(ctx, args),
    }
}
