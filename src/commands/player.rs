//! `mercato player ...`.

use super::{Context, Output, parse_fee};
use crate::cli::PlayerCommand;
use mercato::Result;
use mercato::edit::{self, NewContract, NewPlayer};
use mercato::query::records;
use mercato::query::rumours::{self, Assessor};
use mercato::render;

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
            let world = ctx.read_brief()?;
            let club = club.map(|c| world.find_club(&c)).transpose()?;
            let list = records::players(&world, club.as_ref(), position, ctx.as_of);
            Ok(ctx.show(&list, || render::records::players(&list, ctx.style)))
        }
        PlayerCommand::Show { player } => {
            let (world, id) = ctx.read_with(|store, w| {
                let id = w.find_player(&player)?;
                store.load_rumours_of(w, &id)?;
                Ok(id)
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
    }
}
