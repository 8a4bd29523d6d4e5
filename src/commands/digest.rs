//! `mercato digest [--since DATE]`: what changed since a date, by club.

use super::context::{Context, Output};
use crate::values::parse_day;
use clap::Args;
use mercato::dates::DateSpec;
use mercato::query::digest;
use mercato::query::rumours::Assessor;
use mercato::store::scoped::Scope;
use mercato::{Result, render};

/// What changed since a date: new rumours, reports, status changes and contract
/// signings, by club (a move is listed out under the seller and in under the buyer).
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato digest
  mercato digest --since 2025-10-01
  mercato digest --since 2w --json"#)]
pub struct DigestArgs {
    /// The first day to include (default: 7 days before the as-of date).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub since: Option<DateSpec>,
}

pub fn run(ctx: &Context, args: DigestArgs) -> Result<Output> {
    let since = ctx
        .day(args.since)
        .unwrap_or_else(|| digest::default_since(ctx.as_of));
    if since > ctx.as_of {
        // Days after the as-of date have no news yet: an empty digest
        // would read as a quiet week.
        return Err(mercato::Error::rule(
            mercato::error::Rule::Dates,
            format!(
                "--since {since} is after the as-of date {}; a digest looks back from it (pass --as-of {since} or later)",
                ctx.as_of
            ),
        ));
    }
    // Only the players with news in those days, and their rumours.
    let (world, ()) = ctx.read_scoped(|look| {
        let players = look.players_with_news(since)?;
        let scope = Scope {
            players: players.clone(),
            rumours_of: players,
            ..Scope::default()
        };
        Ok((scope, ()))
    })?;
    let assessor = Assessor::new(&world, ctx.as_of);
    let d = digest::digest(&world, &assessor, since);
    Ok(ctx.show(&d, || render::rumours::digest(&d, ctx.style)))
}
