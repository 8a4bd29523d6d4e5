//! `mercato undo`: the latest change reverted.

use super::context::{Context, Output};
use clap::Args;
use mercato::Result;

/// Revert the latest change to the data directory (see `mercato log`).
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato source add "The Athletic" --tier 1
  mercato undo                  # takes the new source back"#)]
pub struct UndoArgs {}

pub fn run(ctx: &Context) -> Result<Output> {
    let undone = ctx.store()?.undo()?;
    Ok(ctx.show(&undone, || {
        format!(
            "Undid change {}: {} ({} file{})\n",
            undone.seq,
            undone.command,
            undone.files.len(),
            if undone.files.len() == 1 { "" } else { "s" }
        )
    }))
}
