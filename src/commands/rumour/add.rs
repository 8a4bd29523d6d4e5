//! `mercato rumour add`: a report of a move, joining the open rumour of the
//! same move or starting one.

use super::confirm::{credit, view_on};
use super::status::StatusArg;
use crate::commands::confirm::settled_notes;
use crate::commands::context::{Context, Output};
use crate::commands::fee::plausible_fee;
use crate::values::{parse_currency, parse_day, parse_fee};
use clap::{ArgGroup, Args};
use mercato::Result;
use mercato::dates::DateSpec;
use mercato::edit::{self, Move, NewReport, ReportAdded};
use mercato::model::Stance;
use mercato::store::scoped::Scope;

/// Add a report of a move. It joins the open rumour of the same move, or starts one.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("move").required(true).args(["to", "renewal", "leaving"])))]
#[command(after_help = r#"Examples:
  mercato rumour add upamecano --to "real madrid" --source Marca --fee 60m
  mercato rumour add konate --renewal --source "The Athletic" --status agreed
  mercato rumour add alaba --leaving --source Marca --note "free in June"
  mercato rumour add konate --renewal --source "Spanish media" --via "L'Equipe"
  mercato rumour add huijsen --to liverpool --source Fichajes --against"#)]
pub struct AddArgs {
    /// The player, by name ("konate", "Van Dijk").
    pub player: String,
    /// A transfer to this club.
    #[arg(long, value_name = "CLUB")]
    pub to: Option<String>,
    /// The player stays and signs a new contract at his club.
    #[arg(long)]
    pub renewal: bool,
    /// The player leaves his club, destination unknown.
    #[arg(long, visible_alias = "departure")]
    pub leaving: bool,
    /// Who reports it. An unknown source is created with an unknown tier,
    /// unless its name resembles a known one (a typo): see --new-source.
    #[arg(long)]
    pub source: String,
    /// Create --source (and --via) even if the name resembles a known source.
    #[arg(long)]
    pub new_source: bool,
    /// The day of the report (default: the as-of date; never after it).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub date: Option<DateSpec>,
    /// Set the rumour's status (default for a new rumour: rumour); done moves the player.
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// The report says the move will NOT happen.
    #[arg(long)]
    pub against: bool,
    /// The report only repeats this outlet: it is not independent evidence.
    #[arg(long, value_name = "SOURCE")]
    pub via: Option<String>,
    /// The fee quoted: 50m, "€45m+5m", £40m, 500k.
    #[arg(long, value_name = "FEE", value_parser = parse_fee)]
    pub fee: Option<String>,
    /// The currency of --fee when it names none (default EUR).
    #[arg(long, env = "MERCATO_CURRENCY", value_name = "EUR|GBP|USD", value_parser = parse_currency)]
    pub currency: Option<String>,
    /// Record a fee above the largest ever paid (refused without it, as a likely typo).
    #[arg(long)]
    pub force: bool,
    /// The move is quoted as a loan.
    #[arg(long)]
    pub loan: bool,
    /// The loan comes with an option to buy.
    #[arg(long, requires = "loan")]
    pub option_to_buy: bool,
    /// What the source said.
    #[arg(long)]
    pub note: Option<String>,
    /// Where it was said.
    #[arg(long)]
    pub url: Option<String>,
}

pub fn run(ctx: &Context, args: AddArgs) -> Result<Output> {
    let day = ctx.day(args.date).unwrap_or(ctx.as_of);
    let mut new = new_report(ctx, args)?;
    let who = new.player.clone();
    let to_club = match &new.target {
        Move::To(club) => Some(club.clone()),
        _ => None,
    };
    let (world, added) = ctx.write_scoped(
        |look| {
            let mut scope = Scope::player(&look.find_player(&who)?);
            // Found among every club; the change holds only those
            // it names.
            let to = to_club.as_deref().map(|c| look.find_club(c)).transpose()?;
            scope.clubs.extend(to.clone());
            Ok((scope, to))
        },
        |w, to| {
            if let Some(to) = to {
                new.target = Move::To(to.as_str().to_string());
            }
            edit::add_report(w, new, ctx.as_of)
        },
    )?;
    confirm(ctx, &world, &added, day)
}

/// The report as the arguments describe it (the fee checked, names not yet found).
fn new_report(ctx: &Context, a: AddArgs) -> Result<NewReport> {
    let target = match (a.to, a.renewal) {
        (Some(club), _) => Move::To(club),
        (None, true) => Move::Renewal,
        (None, false) => Move::Leaving,
    };
    let fee = a
        .fee
        .as_deref()
        .map(|f| plausible_fee(f, a.currency.as_deref(), a.force))
        .transpose()?;
    Ok(NewReport {
        player: a.player,
        target,
        source: a.source,
        date: ctx.day(a.date),
        status: a.status.map(Into::into),
        stance: if a.against {
            Stance::Against
        } else {
            Stance::For
        },
        via: a.via,
        fee,
        loan: a.loan,
        option_to_buy: a.option_to_buy,
        note: a.note,
        url: a.url,
        new_source: a.new_source,
    })
}

/// The rumour as of the report's day, with notes on new sources and on
/// what a done deal did.
fn confirm(
    ctx: &Context,
    world: &mercato::World,
    added: &ReportAdded,
    day: chrono::NaiveDate,
) -> Result<Output> {
    let view = view_on(ctx, world, &added.rumour, day)?;
    let mut out = ctx.show(&view, || {
        let verb = if added.new_rumour {
            "New rumour"
        } else {
            "Added a report to rumour"
        };
        format!(
            "{verb} {}: {}, {} ({}, {} report{} from {} source{}, likelihood {}%); credited to {}\n",
            view.id,
            view.player,
            view.describe_move(),
            view.status,
            view.reports.len(),
            if view.reports.len() == 1 { "" } else { "s" },
            view.sources,
            if view.sources == 1 { "" } else { "s" },
            view.likelihood,
            credit(world, &added.credited.0, added.credited.1.as_ref()),
        )
    });
    for source in &added.new_sources {
        out.notes.push(format!(
            "'{}' was not a known source; added it with an unknown tier (set one with `mercato source set {source} --tier N`)",
            world.source_name(source)
        ));
    }
    if let Some(settled) = &added.settled {
        out.notes.extend(settled_notes(world, settled));
    }
    Ok(out)
}
