//! `mercato contract ...`: one file per verb, each holding its arguments
//! and its `run`.

mod edit;
mod expiring;
mod remove;
mod set;
mod timeline;

use super::context::{Context, Output};
use clap::Subcommand;
use mercato::Result;

#[derive(Debug, Subcommand)]
pub enum ContractCommand {
    Expiring(expiring::ExpiringArgs),
    Timeline(timeline::TimelineArgs),
    Set(set::SetArgs),
    // Corrections.
    Remove(remove::RemoveArgs),
    Edit(edit::EditArgs),
}

pub fn run(ctx: &Context, command: ContractCommand) -> Result<Output> {
    match command {
        ContractCommand::Expiring(args) => expiring::run(ctx, args),
        ContractCommand::Timeline(args) => timeline::run(ctx, args),
        ContractCommand::Set(args) => set::run(ctx, args),
        ContractCommand::Remove(args) => remove::run(ctx, args),
        ContractCommand::Edit(args) => edit::run(ctx, args),
    }
}
