//! `mercato club add`.

use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::Result;
use mercato::edit::{self, NewClub};
use mercato::query::records;

/// Add a club.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato club add "Crystal Palace" --country England --league "Premier League"
  mercato club add "Inter Miami" --country USA --league MLS --alias Miami"#)]
pub struct AddArgs {
    /// Its full name.
    pub name: String,
    #[arg(long)]
    pub country: Option<String>,
    #[arg(long)]
    pub league: Option<String>,
    #[arg(long)]
    pub coach: Option<String>,
    /// A short name it is known by (repeatable).
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Output> {
    let new = NewClub {
        name: args.name,
        aliases: args.aliases,
        country: args.country,
        league: args.league,
        coach: args.coach,
    };
    let (world, id) = ctx.write(|_, w| edit::add_club(w, new))?;
    let view = records::clubs(&world, ctx.as_of)
        .into_iter()
        .find(|c| c.id == id.as_str());
    Ok(ctx.show(&view, || {
        format!("Added club {} ({id})\n", world.club_name(&id))
    }))
}
