//! `mercato source edit` (and `source set`, the same): a source's details corrected.

use super::view::view;
use crate::commands::context::{Context, Output};
use crate::values::parse_tier;
use clap::Args;
use mercato::Result;
use mercato::correct::{self, SourceChanges};

/// Correct a source's details (the same as `source set`). A new name keeps the id; the
/// old name becomes an alias.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato source edit "Spanish media" --name "Spanish press" --tier 4
  mercato source edit fichajes --country Spain --alias "Fichajes.com""#)]
pub struct EditArgs {
    #[command(flatten)]
    pub change: ChangeArgs,
}

// The options of `source edit` and `source set`. Every option is optional;
// what is not given stays as it is. (No doc comment: a flattened struct's
// would replace the command's own.)
#[derive(Debug, Args)]
pub struct ChangeArgs {
    /// The source to correct.
    pub source: String,
    /// A new name (the id stays; the old name becomes an alias).
    #[arg(long)]
    pub name: Option<String>,
    /// Reliability: 1 (official, most reliable) to 5 (gossip).
    #[arg(long, allow_negative_numbers = true, value_parser = parse_tier)]
    pub tier: Option<u8>,
    #[arg(long)]
    pub country: Option<String>,
    /// Another name it goes by (repeatable).
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
}

pub fn run(ctx: &Context, args: EditArgs) -> Result<Output> {
    apply(ctx, args.change)
}

/// Records the change and confirms it (`source set` too).
pub(super) fn apply(ctx: &Context, args: ChangeArgs) -> Result<Output> {
    let changes = SourceChanges {
        name: args.name,
        tier: args.tier,
        country: args.country,
        aliases: args.aliases,
    };
    let (world, id) = ctx.write(|_, w| correct::edit_source(w, &args.source, changes))?;
    let view = view(&world, &id);
    Ok(ctx.show(&view, || format!("Updated source {} ({id})\n", view.name)))
}
