//! `mercato import ...`: one file per format, each holding its arguments
//! and its `run`; the importer run they share is in rows.rs.

mod bundle;
mod rows;
mod transfermarkt;
mod wyscout;

use super::context::{Context, Output};
use clap::Subcommand;
use mercato::Result;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    Transfermarkt(transfermarkt::TransfermarktArgs),
    Wyscout(wyscout::WyscoutArgs),
    Bundle(bundle::BundleArgs),
}

pub fn run(ctx: &Context, command: ImportCommand) -> Result<Output> {
    match command {
        ImportCommand::Transfermarkt(args) => transfermarkt::run(ctx, args),
        ImportCommand::Wyscout(args) => wyscout::run(ctx, args),
        ImportCommand::Bundle(args) => bundle::run(ctx, args),
    }
}
