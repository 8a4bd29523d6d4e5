//! `mercato club remove`: a club entered by mistake.

use crate::commands::confirm::removed;
use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::Result;
use mercato::correct;

/// Remove a club entered by mistake; refused while a contract or rumour refers to it.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato club add "Real Madird"          # a typo
  mercato club remove "Real Madird""#)]
pub struct RemoveArgs {
    /// The club to remove.
    pub club: String,
}

pub fn run(ctx: &Context, args: RemoveArgs) -> Result<Output> {
    // Contracts and rumour summaries say what refers to a club: no
    // rumour needs reading in full.
    let (_, gone) = ctx.write(|_, w| correct::remove_club(w, &args.club))?;
    Ok(removed(ctx, "club", &gone))
}
