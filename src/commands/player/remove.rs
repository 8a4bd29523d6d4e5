//! `mercato player remove`: a player entered by mistake.

use crate::commands::confirm::removed;
use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::Result;
use mercato::correct;

/// Remove a player entered by mistake; refused while rumours or depth orders refer to him.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato player add "Dayot Upamecanno" --born 1998-10-27 --position CB  # typo
  mercato player remove "Dayot Upamecanno""#)]
pub struct RemoveArgs {
    /// The player to remove.
    pub player: String,
    /// Remove his rumours with him.
    #[arg(long)]
    pub with_rumours: bool,
}

pub fn run(ctx: &Context, args: RemoveArgs) -> Result<Output> {
    let (_, gone) = ctx.write(|store, w| {
        let id = w.find_player(&args.player)?;
        if args.with_rumours {
            store.load_rumours_of(w, &id)?;
        }
        correct::remove_player(w, id.as_str(), args.with_rumours)
    })?;
    Ok(removed(ctx, "player", &gone))
}
