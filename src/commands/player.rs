//! `mercato player ...`.

use super::{Context, Output, merged, parse_fee, removed};
use crate::cli::PlayerCommand;
use mercato::Result;
use mercato::correct::{self, PlayerChanges};
use mercato::edit::{self, NewContract, NewPlayer};
use mercato::query::records;
use mercato::query::rumours::{self, Assessor};
use mercato::render;
use mercato::store::scoped::Scope;

pub fn run(ctx: &Context, command: PlayerCommand) -> Result<Output> {
    match command {
        PlayerCommand::Add(a) => {
            let contract = a.club.map(|club| NewContract {
                club,
                signed: ctx.day(a.signed),
                start: ctx.day(a.since),
                end: ctx.day(a.until),
                loan: a.loan,
                signed_from: a.from,
            });
            let market_value = a
                .value
                .as_deref()
                .map(|v| parse_fee(v, None).map(|f| f.total_eur().round() as u64))
                .transpose()?;
            let new = NewPlayer {
                name: a.name,
                born: a.born,
                position: a.position,
                also: a.also,
                nationality: a.nationality,
                caps: a.caps,
                foot: a.foot,
                market_value,
                notes: a.notes,
                contract,
            };
            let (world, id) = ctx.write(|_, w| edit::add_player(w, new, ctx.as_of))?;
            let view = records::player_view(&world, &world.players[&id], ctx.as_of);
            Ok(ctx.show(&view, || format!("Added player {} ({id})\n", view.name)))
        }
        PlayerCommand::List { club, position } => {
            let table = |list: &[records::PlayerView]| render::records::players(list, ctx.style);
            // Read only the club's players, or only a page.
            let (world, club, total) = match (club, position, ctx.limit) {
                (Some(club), _, _) => {
                    let (world, id) = ctx.read_scoped(|look| {
                        let id = look.find_club(&club)?;
                        let players = look.players_of_club(&id)?;
                        Ok((
                            Scope {
                                players,
                                ..Scope::default()
                            },
                            id,
                        ))
                    })?;
                    (world, Some(id), None)
                }
                (None, None, Some(limit)) => {
                    let (world, total) = ctx.read_scoped(|look| {
                        let (players, total) = look.players_page(limit)?;
                        Ok((
                            Scope {
                                players,
                                ..Scope::default()
                            },
                            total,
                        ))
                    })?;
                    (world, None, Some(total))
                }
                (None, _, _) => (ctx.read_brief()?, None, None),
            };
            let list = records::players(&world, club.as_ref(), position, ctx.as_of);
            Ok(ctx.show_page(&list, total.unwrap_or(list.len()), table))
        }
        PlayerCommand::Show { player } => {
            let (world, id) = ctx.read_scoped(|look| {
                let id = look.find_player(&player)?;
                Ok((Scope::player(&id), id))
            })?;
            let view = records::player_view(&world, &world.players[&id], ctx.as_of);
            let filter = rumours::RumourFilter {
                player: Some(id),
                ..Default::default()
            };
            let assessor = Assessor::new(&world, ctx.as_of);
            let rumour_views = rumours::list(&world, &assessor, &filter);
            Ok(ctx.show(
                &serde_json::json!({ "player": &view, "rumours": &rumour_views }),
                || {
                    let brief = render::rumours::brief(&rumour_views, ctx.style);
                    render::records::player(&view, &brief, ctx.style)
                },
            ))
        }
        PlayerCommand::Edit(e) => {
            let market_value = e
                .value
                .as_deref()
                .map(|v| parse_fee(v, None).map(|f| f.total_eur().round() as u64))
                .transpose()?;
            let changes = PlayerChanges {
                name: e.name,
                born: e.born,
                position: e.position,
                also: e.also,
                nationality: e.nationality,
                caps: e.caps,
                foot: e.foot,
                market_value,
                notes: e.notes,
                aliases: e.aliases,
            };
            let (world, id) =
                ctx.write(|_, w| correct::edit_player(w, &e.player, changes, ctx.as_of))?;
            let view = records::player_view(&world, &world.players[&id], ctx.as_of);
            Ok(ctx.show(&view, || format!("Updated player {} ({id})\n", view.name)))
        }
        PlayerCommand::Remove {
            player,
            with_rumours,
        } => {
            let (_, gone) = ctx.write(|store, w| {
                let id = w.find_player(&player)?;
                if with_rumours {
                    store.load_rumours_of(w, &id)?;
                }
                correct::remove_player(w, id.as_str(), with_rumours)
            })?;
            Ok(removed(ctx, "player", &gone))
        }
        PlayerCommand::Merge { keep, duplicate } => {
            let (_, m) = ctx.write(|store, w| {
                let (keep, duplicate) = (w.find_player(&keep)?, w.find_player(&duplicate)?);
                for id in [&keep, &duplicate] {
                    store.load_rumours_of(w, id)?;
                }
                correct::merge_players(w, keep.as_str(), duplicate.as_str())
            })?;
            Ok(merged(ctx, "player", &m))
        }
    }
}
