//! `mercato contract expiring`: who is out of contract in a year or window.

use crate::commands::context::{Context, Output};
use crate::values::{number, parse_position};
use clap::{ArgGroup, Args};
use mercato::model::Position;
use mercato::query::expiring;
use mercato::store::scoped::Scope;
use mercato::{Result, render};

/// Players whose current contract ends in a given year or window (default: the next 12 months), with their open rumours.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("window").multiple(true).args(["year", "within", "pre_contract"])))]
#[command(after_help = r#"Examples:
  mercato contract expiring                 # the next 12 months
  mercato contract expiring --year 2026 --position CB
  mercato contract expiring --within 12 --age-max 30
  mercato contract expiring --pre-contract
  mercato contract expiring --year 2026 --league "La Liga" --json"#)]
pub struct ExpiringArgs {
    /// The calendar year.
    #[arg(long, allow_negative_numbers = true, value_parser = mercato::dates::parse_year)]
    pub year: Option<i32>,
    /// Ending within this many months of the as-of date (12 when no window is given).
    #[arg(long, value_name = "MONTHS", allow_negative_numbers = true, value_parser = number::<u32>("months", 1))]
    pub within: Option<u32>,
    /// In the last six months of the contract: free to agree a move elsewhere (FIFA RSTP art. 18.3).
    #[arg(long)]
    pub pre_contract: bool,
    /// Only players this old or younger.
    #[arg(long, value_name = "AGE", allow_negative_numbers = true, value_parser = number::<u32>("an age", 0))]
    pub age_max: Option<u32>,
    /// Only this club's players.
    #[arg(long)]
    pub club: Option<String>,
    /// Only players whose primary position is this (GK, RB, CB, ...).
    #[arg(long, value_parser = parse_position)]
    pub position: Option<Position>,
    /// Only clubs of this league.
    #[arg(long)]
    pub league: Option<String>,
}

pub fn run(ctx: &Context, args: ExpiringArgs) -> Result<Output> {
    let ExpiringArgs {
        year,
        within,
        pre_contract,
        age_max,
        club,
        position,
        league,
    } = args;
    // No window asked for: the next 12 months, said in the title.
    let defaulted = year.is_none() && within.is_none() && !pre_contract;
    let within = within.or(defaulted.then_some(expiring::DEFAULT_WITHIN_MONTHS));
    let window = expiring::window(year, within, pre_contract, ctx.as_of);
    let (world, club) = match window {
        // Only the players with a contract ending in the window
        // (and every club when the question is about a league).
        Some((from, to)) => ctx.read_scoped(|look| {
            let scope = Scope {
                ending: Some((from, to)),
                all_clubs: league.is_some(),
                ..Scope::default()
            };
            Ok((scope, club.as_ref().map(|c| look.find_club(c)).transpose()?))
        })?,
        None => {
            let world = ctx.read_brief()?;
            let club = club.map(|c| world.find_club(&c)).transpose()?;
            (world, club)
        }
    };
    let filter = expiring::ExpiringFilter {
        year,
        within_months: within,
        pre_contract,
        club,
        position,
        league: league.map(|l| world.find_league(&l)).transpose()?,
        age_max,
    };
    let rows = expiring::contracts_expiring(&world, &filter, ctx.as_of);
    let title = window_title(year, within, pre_contract, defaulted);
    let total = rows.len();
    Ok(ctx.show_list(&rows, |rows| {
        render::records::expiring(rows, total, &title, ctx.as_of, ctx.style)
    }))
}

/// The window asked for, as the table's title says it ("in 2026 and within 6 months").
fn window_title(
    year: Option<i32>,
    within: Option<u32>,
    pre_contract: bool,
    defaulted: bool,
) -> String {
    let mut window = Vec::new();
    if let Some(y) = year {
        window.push(format!("in {y}"));
    }
    if let Some(m) = within {
        window.push(format!(
            "within {}{}",
            mercato::english::count(m as usize, "month"),
            if defaulted { " by default" } else { "" }
        ));
    }
    if pre_contract {
        window.push("within 6 months (pre-contract)".to_string());
    }
    window.join(" and ")
}
