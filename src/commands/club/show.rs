//! `mercato club show`: a club and its squad.

use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::query::records;
use mercato::{Error, Result, render};

/// Show a club and its squad.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato club show "Real Madrid"
  mercato club show lfc --json"#)]
pub struct ShowArgs {
    pub club: String,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Output> {
    // The club and everyone who was ever its player.
    let (world, id) = ctx.read_squad(&args.club, false)?;
    let view = records::clubs(&world, ctx.as_of)
        .into_iter()
        .find(|c| c.id == id.as_str())
        .ok_or_else(|| Error::Internal(format!("club '{id}' vanished while reading")))?;
    let squad = records::players(&world, Some(&id), None, ctx.as_of);
    Ok(ctx.show(
        &serde_json::json!({ "club": &view, "squad": &squad }),
        || render::records::club(&view, &squad, ctx.style),
    ))
}
