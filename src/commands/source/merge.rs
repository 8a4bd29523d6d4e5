//! `mercato source merge`: a source entered twice becomes one.

use crate::commands::confirm::merged;
use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::Result;
use mercato::correct;

/// Merge a source entered twice: its reports, the reports repeating it and the status
/// changes it announced move to KEEP (and so does its track record); DUPLICATE's name
/// becomes an alias of KEEP.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato source add "Fichajes.com"       # entered twice
  mercato source merge Fichajes "Fichajes.com""#)]
pub struct MergeArgs {
    /// The source to keep.
    pub keep: String,
    /// The source to merge into it and remove.
    pub duplicate: String,
}

pub fn run(ctx: &Context, args: MergeArgs) -> Result<Output> {
    let (_, m) = ctx.write(|store, w| {
        store.load_all_rumours(w)?;
        correct::merge_sources(w, &args.keep, &args.duplicate)
    })?;
    Ok(merged(ctx, "source", &m))
}
