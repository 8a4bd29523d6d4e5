//! `mercato source remove`: a source entered by mistake.

use crate::commands::confirm::removed;
use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::Result;
use mercato::correct;

/// Remove a source entered by mistake; refused while a report or status change cites it.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato source add "The Athltic"        # a typo
  mercato source remove "The Athltic""#)]
pub struct RemoveArgs {
    /// The source to remove.
    pub source: String,
}

pub fn run(ctx: &Context, args: RemoveArgs) -> Result<Output> {
    // Only reports say who cites a source: every rumour is read.
    let (_, gone) = ctx.write(|store, w| {
        store.load_all_rumours(w)?;
        correct::remove_source(w, &args.source)
    })?;
    Ok(removed(ctx, "source", &gone))
}
