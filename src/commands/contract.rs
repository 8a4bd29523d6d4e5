//! `mercato contract ...`.

use super::{Context, Output, settled_notes, write_picture};
use crate::cli::ContractCommand;
use mercato::Result;
use mercato::correct;
use mercato::edit::{self, NewContract};
use mercato::query::{expiring, records, timeline};
use mercato::render;
use mercato::store::scoped::Scope;

pub fn run(ctx: &Context, command: ContractCommand) -> Result<Output> {
    match command {
        ContractCommand::Expiring {
            year,
            within,
            pre_contract,
            age_max,
            club,
            position,
            league,
        } => {
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
            let total = rows.len();
            Ok(ctx.show_list(&rows, |rows| {
                render::records::expiring(rows, total, &window.join(" and "), ctx.as_of, ctx.style)
            }))
        }
        ContractCommand::Timeline {
            club,
            position,
            svg,
        } => {
            let world = ctx.read_brief()?;
            let club = club.map(|c| world.find_club(&c)).transpose()?;
            let t = timeline::timeline(&world, club.as_ref(), position, ctx.as_of);
            let mut out = ctx.show(&t, || render::timeline::timeline(&t, ctx.style));
            if let Some(path) = svg {
                write_picture(&path, &render::svg::timeline(&t), &mut out)?;
            }
            Ok(out)
        }
        ContractCommand::Set(c) => {
            let new = NewContract {
                club: c.club,
                signed: ctx.day(c.signed),
                start: ctx.day(c.since),
                end: ctx.day(c.until),
                loan: c.loan,
                signed_from: c.from,
            };
            let (world, set) = ctx.write(|store, w| {
                // His rumours, read in full: the contract may complete one.
                let player = w.find_player(&c.player)?;
                store.load_rumours_of(w, &player)?;
                edit::set_contract(w, &c.player, new, ctx.as_of)
            })?;
            let view = records::player_view(&world, &world.players[&set.player], ctx.as_of);
            let mut out = ctx.show(&view, || render::records::player(&view, "", ctx.style));
            if let Some(settled) = &set.completed {
                out.notes.extend(settled_notes(&world, settled));
            }
            Ok(out)
        }
        ContractCommand::Edit {
            player,
            club,
            until,
            start,
            signed,
            end,
        } => {
            let dates = correct::ContractDates {
                start: ctx.day(start),
                signed: ctx.day(signed),
                end: ctx.day(end),
            };
            let (world, (id, before, after)) = ctx.write(|_, w| {
                correct::edit_contract(w, &player, &club, ctx.day(until), dates, ctx.as_of)
            })?;
            let view = records::player_view(&world, &world.players[&id], ctx.as_of);
            Ok(ctx.show(&view, || {
                format!(
                    "Changed {}'s contract with {}: {} -> {}\n",
                    view.name,
                    world.club_name(&after.club),
                    correct::describe_dates(&before),
                    correct::describe_dates(&after)
                )
            }))
        }
        ContractCommand::Remove {
            player,
            club,
            until,
        } => {
            let (world, (id, contract)) =
                ctx.write(|_, w| correct::remove_contract(w, &player, &club, ctx.day(until)))?;
            let view = records::player_view(&world, &world.players[&id], ctx.as_of);
            Ok(ctx.show(&view, || {
                format!(
                    "Removed {}'s contract with {}\n",
                    view.name,
                    correct::describe_contract(&world, &contract)
                )
            }))
        }
    }
}
