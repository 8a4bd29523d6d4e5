//! `mercato club merge`: a club entered twice becomes one.

use crate::commands::confirm::merged;
use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::Result;
use mercato::correct;

/// Merge a club entered twice: every contract and rumour moves to KEEP, DUPLICATE's
/// name becomes an alias of KEEP, two rumours of the same move become one.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato club add "FC Bayern Munchen"    # entered twice
  mercato club merge "Bayern Munich" "FC Bayern Munchen""#)]
pub struct MergeArgs {
    /// The club to keep.
    pub keep: String,
    /// The club to merge into it and remove.
    pub duplicate: String,
}

pub fn run(ctx: &Context, args: MergeArgs) -> Result<Output> {
    let (_, m) = ctx.write(|store, w| {
        // Read in full the rumours of the players whose rumours
        // concern the duplicate (their shards hold any twin too).
        let dup = w.find_club(&args.duplicate)?;
        let shards: std::collections::BTreeSet<String> = w
            .summaries()
            .filter(|s| s.is_about_club(&dup))
            .map(|s| mercato::store::shard_of(&s.player))
            .collect();
        store.load_rumour_shards(w, shards.iter().map(String::as_str))?;
        correct::merge_clubs(w, &args.keep, dup.as_str())
    })?;
    Ok(merged(ctx, "club", &m))
}
