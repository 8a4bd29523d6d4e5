//! `mercato source add`.

use super::view::view;
use crate::commands::context::{Context, Output};
use crate::values::parse_tier;
use clap::Args;
use mercato::Result;
use mercato::edit::{self, NewSource};

/// Add a source.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato source add "The Athletic" --tier 1 --country England
  mercato source add "Diario AS" --tier 3 --country Spain --alias AS"#)]
pub struct AddArgs {
    pub name: String,
    /// Reliability: 1 (official, most reliable) to 5 (gossip). Unknown if omitted.
    #[arg(long, allow_negative_numbers = true, value_parser = parse_tier)]
    pub tier: Option<u8>,
    #[arg(long)]
    pub country: Option<String>,
    /// Another name it goes by (repeatable).
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Output> {
    let new = NewSource {
        name: args.name,
        aliases: args.aliases,
        country: args.country,
        tier: args.tier,
    };
    let (world, id) = ctx.write(|_, w| edit::add_source(w, new))?;
    let view = view(&world, &id);
    Ok(ctx.show(&view, || format!("Added source {} ({id})\n", view.name)))
}
