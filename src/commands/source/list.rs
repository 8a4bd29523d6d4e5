//! `mercato source list`.

use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::query::records;
use mercato::store::scoped::Scope;
use mercato::{Result, render};

/// List sources by tier, with their track record (reports, hits, misses, hit rate).
#[derive(Debug, Args)]
#[command(visible_alias = "ls")]
#[command(after_help = r#"Examples:
  mercato source list
  mercato source list --json"#)]
pub struct ListArgs {}

pub fn run(ctx: &Context) -> Result<Output> {
    // Sources and every shard's track records: no player is read.
    let (world, ()) = ctx.read_scoped(|_| Ok((Scope::default(), ())))?;
    let list = records::sources(&world);
    Ok(ctx.show_list(&list, |list| render::records::sources(list, ctx.style)))
}
