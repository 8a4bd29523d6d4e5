//! `mercato conflicts`: every open merge conflict (`check` is the gate that fails).

use super::context::{Context, Output};
use clap::Args;
use mercato::{Result, render};

/// List the merge conflicts git left in the data directory: fields two clones
/// changed differently, records removed on one side and changed on the other.
///
/// Each record keeps the current branch's value meanwhile (reads work), with
/// both values and the common ancestor's; `check` fails until every conflict
/// is resolved.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato conflicts
  mercato conflicts --json

A conflict ends when someone chooses: `mercato resolve RECORD FIELD --take
ours|theirs`, or an edit that sets the field (`mercato source edit X --tier 2`)."#)]
pub struct ConflictsArgs {}

pub fn run(ctx: &Context) -> Result<Output> {
    let world = ctx.read_everything()?;
    let open = mercato::conflicts::list(&world);
    Ok(ctx.show(&open, || render::conflicts::list(&open, ctx.style)))
}
