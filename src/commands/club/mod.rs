//! `mercato club ...`: one file per verb, each holding its arguments and
//! its `run`.

mod add;
pub mod depth;
mod edit;
mod list;
mod merge;
mod remove;
mod show;

use super::context::{Context, Output};
use clap::Subcommand;
use mercato::Result;

#[derive(Debug, Subcommand)]
pub enum ClubCommand {
    Add(add::AddArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Depth(depth::DepthArgs),
    // Corrections.
    Edit(edit::EditArgs),
    Remove(remove::RemoveArgs),
    Merge(merge::MergeArgs),
}

pub fn run(ctx: &Context, command: ClubCommand) -> Result<Output> {
    match command {
        ClubCommand::Add(args) => add::run(ctx, args),
        ClubCommand::List(_) => list::run(ctx),
        ClubCommand::Show(args) => show::run(ctx, args),
        ClubCommand::Depth(args) => depth::run(ctx, args),
        ClubCommand::Edit(args) => edit::run(ctx, args),
        ClubCommand::Remove(args) => remove::run(ctx, args),
        ClubCommand::Merge(args) => merge::run(ctx, args),
    }
}
