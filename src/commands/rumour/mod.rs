//! `mercato rumour ...`: one file per verb, each holding its arguments and
//! its `run`; this file dispatches. What several verbs share: the status
//! values (status.rs), the confirmations of a report (confirm.rs).

mod add;
mod confirm;
mod extract;
mod list;
mod remove;
mod show;
mod status;
mod update;

use super::context::{Context, Output};
use clap::Subcommand;
use mercato::Result;

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
