//! `mercato player merge`: a player entered twice becomes one.

use crate::commands::confirm::merged;
use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::Result;
use mercato::correct;

/// Merge a player entered twice: his rumours, depth-order places and contracts move to
/// KEEP, details KEEP lacks are filled in, DUPLICATE's name becomes an alias of KEEP,
/// two rumours of the same move become one.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato player add "Dayot Upamecano" --born 1998-10-28 --position CB   # twice
  mercato player merge dayot-upamecano dayot-upamecano-1998"#)]
pub struct MergeArgs {
    /// The player to keep.
    pub keep: String,
    /// The player to merge into him and remove.
    pub duplicate: String,
}

pub fn run(ctx: &Context, args: MergeArgs) -> Result<Output> {
    let (_, m) = ctx.write(|store, w| {
        let (keep, duplicate) = (w.find_player(&args.keep)?, w.find_player(&args.duplicate)?);
        for id in [&keep, &duplicate] {
            store.load_rumours_of(w, id)?;
        }
        correct::merge_players(w, keep.as_str(), duplicate.as_str())
    })?;
    Ok(merged(ctx, "player", &m))
}
