//! `mercato club list`.

use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::query::records;
use mercato::store::scoped::Scope;
use mercato::{Result, render};
use std::collections::BTreeSet;

/// List clubs.
#[derive(Debug, Args)]
#[command(visible_alias = "ls")]
#[command(after_help = r#"Examples:
  mercato club list
  mercato club list --json"#)]
pub struct ListArgs {}

pub fn run(ctx: &Context) -> Result<Output> {
    let table = |list: &[records::ClubView]| render::records::clubs(list, ctx.style);
    let Some(limit) = ctx.limit else {
        let world = ctx.read_brief()?;
        return Ok(ctx.show_list(&records::clubs(&world, ctx.as_of), table));
    };
    // A page: its clubs, and the players who were ever theirs.
    let (world, (page, total)) = ctx.read_scoped(|look| {
        let (page, total) = look.clubs_page(limit)?;
        let mut players = BTreeSet::new();
        for club in &page {
            players.extend(look.players_contracted_with(club)?);
        }
        let clubs = page.iter().cloned().collect();
        let scope = Scope {
            players,
            clubs,
            without_rumours: true,
            ..Scope::default()
        };
        Ok((scope, (page, total)))
    })?;
    let list = records::clubs_among(&world, &page, ctx.as_of);
    Ok(ctx.show_page(&list, total, table))
}
