//! `mercato club edit`: a club's details corrected.

use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::Result;
use mercato::correct::{self, ClubChanges};
use mercato::query::records;

/// Correct a club's details. A new name keeps the id; the old name becomes an alias.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato club edit bayern --name "FC Bayern München"
  mercato club edit "RB Leipzig" --coach "Ole Werner" --alias RBL"#)]
pub struct EditArgs {
    /// The club to correct.
    pub club: String,
    /// A new full name (the id stays; the old name becomes an alias).
    #[arg(long)]
    pub name: Option<String>,
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

pub fn run(ctx: &Context, args: EditArgs) -> Result<Output> {
    let changes = ClubChanges {
        name: args.name,
        country: args.country,
        league: args.league,
        coach: args.coach,
        aliases: args.aliases,
    };
    let (world, id) = ctx.write(|_, w| correct::edit_club(w, &args.club, changes))?;
    let view = records::clubs(&world, ctx.as_of)
        .into_iter()
        .find(|c| c.id == id.as_str());
    Ok(ctx.show(&view, || {
        format!("Updated club {} ({id})\n", world.club_name(&id))
    }))
}
