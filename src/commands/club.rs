//! `mercato club ...`.

use super::{Context, Output, merged, removed, write_picture};
use crate::cli::{ClubCommand, DepthView};
use mercato::correct::{self, ClubChanges};
use mercato::edit::{self, NewClub};
use mercato::model::Slot;
use mercato::query::{depth, records};
use mercato::store::scoped::Scope;
use mercato::{Error, Result, render};
use std::collections::BTreeSet;

pub fn run(ctx: &Context, command: ClubCommand) -> Result<Output> {
    match command {
        ClubCommand::Add {
            name,
            country,
            league,
            coach,
            aliases,
        } => {
            let new = NewClub {
                name,
                aliases,
                country,
                league,
                coach,
            };
            let (world, id) = ctx.write(|_, w| edit::add_club(w, new))?;
            let view = records::clubs(&world, ctx.as_of)
                .into_iter()
                .find(|c| c.id == id.as_str());
            Ok(ctx.show(&view, || {
                format!("Added club {} ({id})\n", world.club_name(&id))
            }))
        }
        ClubCommand::List => {
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
                    players.extend(look.players_of_club(club)?);
                }
                let clubs = page.iter().cloned().collect();
                Ok((
                    Scope {
                        players,
                        clubs,
                        ..Scope::default()
                    },
                    (page, total),
                ))
            })?;
            let list = records::clubs_among(&world, &page, ctx.as_of);
            Ok(ctx.show_page(&list, total, table))
        }
        ClubCommand::Show { club } => {
            let (world, id) = ctx.read_scoped(|look| {
                let id = look.find_club(&club)?;
                let players = look.players_of_club(&id)?;
                let clubs = BTreeSet::from([id.clone()]);
                Ok((
                    Scope {
                        players,
                        clubs,
                        ..Scope::default()
                    },
                    id,
                ))
            })?;
            let view = records::clubs(&world, ctx.as_of)
                .into_iter()
                .find(|c| c.id == id.as_str())
                .ok_or_else(|| Error::Refused(format!("club '{id}' vanished while reading")))?;
            let squad = records::players(&world, Some(&id), None, ctx.as_of);
            Ok(ctx.show(
                &serde_json::json!({ "club": &view, "squad": &squad }),
                || render::records::club(&view, &squad, ctx.style),
            ))
        }
        ClubCommand::Depth {
            club,
            set,
            reset,
            view,
            svg,
            cold_days,
        } => {
            let mut changes: Vec<(Slot, Vec<String>)> = Vec::new();
            if let Some(pair) = set {
                let slot: Slot = pair[0].parse().map_err(Error::Refused)?;
                let players: Vec<String> = pair[1]
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(String::from)
                    .collect();
                // An empty list would silently clear the order: that is --reset.
                if players.is_empty() {
                    return Err(Error::Refused(format!(
                        "--set {slot} names no player; list them (\"huijsen,militao\"), or clear the order with --reset {slot}"
                    )));
                }
                changes.push((slot, players));
            }
            if let Some(slot) = reset {
                changes.push((slot, Vec::new()));
            }
            let (world, id) = if changes.is_empty() {
                // The club's players, the players its rumours are about,
                // and those its depth orders name: nothing else is read.
                ctx.read_scoped(|look| {
                    let id = look.find_club(&club)?;
                    let scope = Scope {
                        players: look.players_of_club(&id)?,
                        clubs: [id.clone()].into(),
                        ..Scope::default()
                    };
                    Ok((scope, id))
                })?
            } else {
                ctx.write(|_, w| {
                    let id = w.find_club(&club)?;
                    for (slot, players) in &changes {
                        edit::set_depth_order(w, &id, *slot, players, ctx.as_of)?;
                    }
                    Ok(id)
                })?
            };
            let chart = depth::depth_chart(&world, &world.clubs[&id], ctx.as_of, cold_days);
            let mut out = ctx.show(&chart, || match view {
                DepthView::Table => render::depth::chart(&chart, ctx.style),
                DepthView::Pitch => render::pitch::pitch(&chart, ctx.style),
            });
            if let Some(path) = svg {
                write_picture(&path, &render::svg::depth(&chart), &mut out)?;
            }
            Ok(out)
        }
        ClubCommand::Edit(e) => {
            let changes = ClubChanges {
                name: e.name,
                country: e.country,
                league: e.league,
                coach: e.coach,
                aliases: e.aliases,
            };
            let (world, id) = ctx.write(|_, w| correct::edit_club(w, &e.club, changes))?;
            let view = records::clubs(&world, ctx.as_of)
                .into_iter()
                .find(|c| c.id == id.as_str());
            Ok(ctx.show(&view, || {
                format!("Updated club {} ({id})\n", world.club_name(&id))
            }))
        }
        ClubCommand::Remove { club } => {
            // Contracts and rumour summaries say what refers to a club: no
            // rumour needs reading in full.
            let (_, gone) = ctx.write(|_, w| correct::remove_club(w, &club))?;
            Ok(removed(ctx, "club", &gone))
        }
        ClubCommand::Merge { keep, duplicate } => {
            let (_, m) = ctx.write(|store, w| {
                // Read in full the rumours of the players whose rumours
                // concern the duplicate (their shards hold any twin too).
                let dup = w.find_club(&duplicate)?;
                let shards: std::collections::BTreeSet<String> = w
                    .summaries()
                    .filter(|s| s.is_about_club(&dup))
                    .map(|s| mercato::store::shard_of(&s.player))
                    .collect();
                store.load_rumour_shards(w, shards.iter().map(String::as_str))?;
                correct::merge_clubs(w, &keep, dup.as_str())
            })?;
            Ok(merged(ctx, "club", &m))
        }
    }
}
