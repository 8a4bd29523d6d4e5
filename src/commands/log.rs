//! `mercato log`: the changes `undo` can revert.

use super::context::{Context, Output};
use clap::Args;
use mercato::{Result, render};

/// List the recent changes that `undo` can revert, newest first.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato source add "The Athletic" --tier 1
  mercato log
  mercato log --json"#)]
pub struct LogArgs {}

pub fn run(ctx: &Context) -> Result<Output> {
    let lines = ctx.store()?.log()?;
    Ok(ctx.show_first(&lines, |lines| render::records::log(lines, ctx.style)))
}
