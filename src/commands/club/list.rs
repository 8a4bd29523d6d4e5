//! `mercato club list`.

use crate::commands::{Context, Output};
use clap::Args;
use mercato::query::records;
use mercato::{Result, render};

/// List clubs.
#[derive(Debug, Args)]
#[command(visible_alias = "ls")]
#[command(after_help = r#"Examples:
  mercato club list
  mercato club list --json"#)]
pub struct ListArgs {}

pub fn run(ctx: &Context) -> Result<Output> {
    let world = ctx.read_brief()?;
    let list = records::clubs(&world, ctx.as_of);
    Ok(ctx.show_list(&list, |list| render::records::clubs(list, ctx.style)))
}
