//! `mercato import wyscout`: a Wyscout-style league export.

use super::rows::import_rows;
use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::Result;
use std::path::PathBuf;

/// A Wyscout-style league export (Player, League, Team, Position, Age, ...).
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato import wyscout EFLSCOTFEB26.csv --dry-run
  mercato import wyscout EFLSCOTFEB26.csv"#)]
pub struct WyscoutArgs {
    pub file: PathBuf,
    /// Report what would change, change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Context, args: WyscoutArgs) -> Result<Output> {
    import_rows(ctx, args.dry_run, |w, progress| {
        mercato::import::wyscout::import(w, &args.file, ctx.as_of, progress)
    })
}
