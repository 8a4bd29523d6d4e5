//! `mercato rumour list`: the rumours a filter keeps, read as narrowly as
//! the filter allows.

use super::status::StatusArg;
use crate::commands::context::Kept;
use crate::commands::context::{Context, Output};
use crate::commands::fee::parse_fee as read_fee;
use crate::values::{number, parse_day, parse_fee, parse_tier};
use clap::{Args, ValueEnum};
use mercato::dates::DateSpec;
use mercato::model::{ClubId, PlayerId};
use mercato::query::likelihood::DEFAULT_COLD_DAYS;
use mercato::query::rumours::{self, Assessor, RumourFilter, SortBy};
use mercato::render;
use mercato::store::scoped::{RumourQuery, Scope};
use mercato::{Result, World};

/// List rumours, most recently reported first.
#[derive(Debug, Args)]
#[command(visible_alias = "ls")]
#[command(after_help = r#"Examples:
  mercato rumour list --open --sort likelihood
  mercato rumour list --player konate
  mercato rumour list --club "real madrid" --since 2025-10-01
  mercato rumour list --min-tier 2 --status talks
  mercato rumour list --source fichajes --json"#)]
pub struct ListArgs {
    /// Only rumours about this player.
    #[arg(long)]
    pub player: Option<String>,
    /// Only moves from or to this club.
    #[arg(long)]
    pub club: Option<String>,
    /// Only rumours with this status.
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// Only rumours reported on or after this day.
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub since: Option<DateSpec>,
    /// Only rumours this source reported.
    #[arg(long)]
    pub source: Option<String>,
    /// Only rumours with a report from a source of this tier or better (1 is best).
    #[arg(long, value_name = "TIER", allow_negative_numbers = true, value_parser = parse_tier)]
    pub min_tier: Option<u8>,
    /// Only open rumours (rumour, talks, agreed).
    #[arg(long)]
    pub open: bool,
    /// Only rumours with a quoted fee of at least this much (e.g. 40m; fee plus add-ons, in euros).
    #[arg(long, value_name = "FEE", value_parser = parse_fee)]
    pub min_fee: Option<String>,
    /// Order: recent (latest report first), likelihood or player.
    #[arg(long, env = "MERCATO_SORT", value_enum, default_value_t = SortArg::Recent)]
    pub sort: SortArg,
    /// Days without a report after which a new report counts as reheated.
    #[arg(long, env = "MERCATO_REHEAT_DAYS", default_value_t = 60, value_name = "DAYS", allow_negative_numbers = true, value_parser = number::<i64>("days", 1))]
    pub reheat_days: i64,
    /// Days without a report after which an open rumour is cold (scored at its stage's floor).
    #[arg(long, env = "MERCATO_COLD_DAYS", default_value_t = DEFAULT_COLD_DAYS, value_name = "DAYS", allow_negative_numbers = true, value_parser = number::<i64>("days", 1))]
    pub cold_days: i64,
}

/// Orders of `rumour list`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Recent,
    Likelihood,
    Player,
}

pub fn run(ctx: &Context, args: ListArgs) -> Result<Output> {
    let min_fee_eur = args
        .min_fee
        .as_deref()
        .map(|f| read_fee(f, None).map(|fee| fee.total_eur()))
        .transpose()?;
    let (world, filter, total) = match &args.player {
        Some(player) => {
            let (world, filter) = read_of_player(ctx, &args, player, min_fee_eur)?;
            (world, filter, None)
        }
        None => read_filtered(ctx, &args, min_fee_eur)?,
    };
    let mut assessor = Assessor::new(&world, ctx.as_of);
    assessor.reheat_days = args.reheat_days;
    assessor.cold_days = args.cold_days;
    let list = rumours::list(&world, &assessor, &filter);
    let total = total.unwrap_or(list.len());
    Ok(ctx.show_page(&list, total, |list| render::rumours::list(list, ctx.style)))
}

/// The filter the arguments describe, the club found by `club` (in the
/// index, or the world).
fn filter(
    ctx: &Context,
    args: &ListArgs,
    min_fee_eur: Option<f64>,
    world: &World,
    player: Option<PlayerId>,
    club: &dyn Fn(&str) -> Result<ClubId>,
) -> Result<RumourFilter> {
    Ok(RumourFilter {
        player,
        club: args.club.as_deref().map(club).transpose()?,
        status: args.status.map(Into::into),
        since: ctx.day(args.since),
        source: args
            .source
            .as_ref()
            .map(|s| world.find_source(s))
            .transpose()?,
        min_tier: args.min_tier,
        open: args.open,
        min_fee_eur,
        sort: match args.sort {
            SortArg::Recent => SortBy::Recent,
            SortArg::Likelihood => SortBy::Likelihood,
            SortArg::Player => SortBy::Player,
        },
    })
}

/// One player's stories: his rumour shard is all there is to read.
fn read_of_player(
    ctx: &Context,
    args: &ListArgs,
    player: &str,
    min_fee_eur: Option<f64>,
) -> Result<(Kept, RumourFilter)> {
    ctx.read_scoped(|look| {
        let player = look.find_player(player)?;
        let club = |c: &str| look.find_club(c);
        let filter = filter(
            ctx,
            args,
            min_fee_eur,
            look.world(),
            Some(player.clone()),
            &club,
        )?;
        Ok((Scope::player(&player), filter))
    })
}

/// Every player's stories that pass the filter, read as narrowly as it allows.
fn read_filtered(
    ctx: &Context,
    args: &ListArgs,
    min_fee_eur: Option<f64>,
) -> Result<(Kept, RumourFilter, Option<usize>)> {
    let find = |world: &World| filter(ctx, args, min_fee_eur, world, None, &|c| world.find_club(c));
    let query = RumourQuery {
        club: None,
        status: args.status.map(Into::into),
        open: args.open,
        since: ctx.day(args.since),
    };
    if args.source.is_some() || args.min_tier.is_some() {
        // The filter looks at reports: every shard is read, one at
        // a time, keeping only what passes.
        ctx.read_rumours_where(|people| {
            let filter = find(people)?;
            let keep = filter.clone();
            let keep = move |w: &World, r: &mercato::model::Rumour| keep.accepts(r, &w.sources);
            Ok((keep, filter))
        })
        .map(|(world, filter)| (world, filter, None))
    } else if query.narrows() || args.club.is_some() {
        read_concerned(ctx, args, min_fee_eur, &query)
    } else {
        ctx.read_with(|store, world| {
            let filter = find(world)?;
            // Read in full only the rumours of the players concerned
            // (all of a player's rumours, so reheated stories are seen).
            let players: std::collections::HashSet<_> = rumours::matching(world, &filter)
                .into_iter()
                .map(|s| s.player)
                .collect();
            store.load_rumours_of_players(world, &players)?;
            Ok(filter)
        })
        .map(|(world, filter)| (world, filter, None))
    }
}

/// The players concerned, found in the index; only theirs are read, and
/// only the page's when the index can tell them (a limit, the default
/// order, no filter on club or fee: see `Lookup::recent_page`). With the
/// page comes how many rumours pass in all.
fn read_concerned(
    ctx: &Context,
    args: &ListArgs,
    min_fee_eur: Option<f64>,
    query: &RumourQuery,
) -> Result<(Kept, RumourFilter, Option<usize>)> {
    let (world, (filter, total)) = ctx.read_scoped(|look| {
        let club = |c: &str| look.find_club(c);
        let filter = filter(ctx, args, min_fee_eur, look.world(), None, &club)?;
        let wanted = RumourQuery {
            club: filter.club.clone(),
            ..query.clone()
        };
        let page = match ctx.limit {
            Some(limit) => look.recent_page(&filter, limit)?,
            None => None,
        };
        let (players, total) = match page {
            Some((players, total)) => (players, Some(total)),
            None => (look.players_with_rumours(&wanted)?, None),
        };
        let scope = Scope {
            players: players.clone(),
            rumours_of: players,
            ..Scope::default()
        };
        Ok((scope, (filter, total)))
    })?;
    Ok((world, filter, total))
}
