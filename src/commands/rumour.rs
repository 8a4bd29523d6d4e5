//! `mercato rumour ...`.

use super::{Context, Output, parse_fee, plausible_fee, settled_notes};
use crate::cli::{RumourCommand, SortArg};
use mercato::correct;
use mercato::deal::Terms;
use mercato::edit::{self, Move, NewReport, NewStatus};
use mercato::model::Stance;
use mercato::query::rumours::{self, Assessor, SortBy};
use mercato::render;
use mercato::store::scoped::{RumourQuery, Scope};
use mercato::{Error, Result};

pub fn run(ctx: &Context, command: RumourCommand) -> Result<Output> {
    match command {
        RumourCommand::Add(a) => {
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
            let mut new = NewReport {
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
            };
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
            let day = ctx.day(a.date).unwrap_or(ctx.as_of);
            let view = view_on(ctx, &world, &added.rumour, day)?;
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
                    credit(&world, &added.credited.0, added.credited.1.as_ref()),
                )
            });
            for source in &added.new_sources {
                out.notes.push(format!(
                    "'{}' was not a known source; added it with an unknown tier (set one with `mercato source set {source} --tier N`)",
                    world.source_name(source)
                ));
            }
            if let Some(settled) = &added.settled {
                out.notes.extend(settled_notes(&world, settled));
            }
            Ok(out)
        }
        RumourCommand::Extract(a) => super::extract::run(ctx, a),
        RumourCommand::List(l) => {
            let min_fee_eur = l
                .min_fee
                .as_deref()
                .map(|f| parse_fee(f, None).map(|fee| fee.total_eur()))
                .transpose()?;
            let sort = match l.sort {
                SortArg::Recent => SortBy::Recent,
                SortArg::Likelihood => SortBy::Likelihood,
                SortArg::Player => SortBy::Player,
            };
            if let Some(player) = &l.player {
                // One player's stories: his rumour shard is all there is to read.
                let (world, filter) = ctx.read_scoped(|look| {
                    let player = look.find_player(player)?;
                    let world = look.world();
                    let filter = rumours::RumourFilter {
                        player: Some(player.clone()),
                        club: l.club.as_ref().map(|c| look.find_club(c)).transpose()?,
                        status: l.status.map(Into::into),
                        since: ctx.day(l.since),
                        source: l
                            .source
                            .as_ref()
                            .map(|s| world.find_source(s))
                            .transpose()?,
                        min_tier: l.min_tier,
                        open: l.open,
                        min_fee_eur,
                        sort,
                    };
                    Ok((Scope::player(&player), filter))
                })?;
                let mut assessor = Assessor::new(&world, ctx.as_of);
                assessor.reheat_days = l.reheat_days;
                assessor.cold_days = l.cold_days;
                let list = rumours::list(&world, &assessor, &filter);
                return Ok(ctx.show_list(&list, |list| render::rumours::list(list, ctx.style)));
            }
            // The club is found by `club` (in the index, or the world).
            let find_with = |world: &mercato::World,
                             club: &dyn Fn(&str) -> Result<mercato::model::ClubId>|
             -> Result<rumours::RumourFilter> {
                Ok(rumours::RumourFilter {
                    player: None,
                    club: l.club.as_deref().map(club).transpose()?,
                    status: l.status.map(Into::into),
                    since: ctx.day(l.since),
                    source: l
                        .source
                        .as_ref()
                        .map(|s| world.find_source(s))
                        .transpose()?,
                    min_tier: l.min_tier,
                    open: l.open,
                    min_fee_eur,
                    sort,
                })
            };
            let find = |world: &mercato::World| find_with(world, &|c| world.find_club(c));
            let query = RumourQuery {
                club: None,
                status: l.status.map(Into::into),
                open: l.open,
                since: ctx.day(l.since),
            };
            let mut total = None;
            let (world, filter) = if l.source.is_some() || l.min_tier.is_some() {
                // The filter looks at reports: every shard is read, one at
                // a time, keeping only what passes.
                ctx.read_rumours_where(|people| {
                    let filter = find(people)?;
                    let keep = filter.clone();
                    let keep = move |w: &mercato::World, r: &mercato::model::Rumour| {
                        keep.accepts(r, &w.sources)
                    };
                    Ok((keep, filter))
                })?
            } else if query.narrows() || l.club.is_some() {
                // The index finds the players concerned; only theirs are
                // read (only the page's, when it can tell them).
                let paged = l.club.is_none() && min_fee_eur.is_none() && sort == SortBy::Recent;
                let (world, (filter, page)) = ctx.read_scoped(|look| {
                    let filter = find_with(look.world(), &|c| look.find_club(c))?;
                    let wanted = RumourQuery {
                        club: filter.club.clone(),
                        ..query.clone()
                    };
                    let page = match ctx.limit {
                        Some(limit) if paged => look.recent_page(&wanted, limit)?,
                        _ => None,
                    };
                    let players = match &page {
                        Some((players, _)) => players.clone(),
                        None => look.players_with_rumours(&wanted)?,
                    };
                    let scope = Scope {
                        players: players.clone(),
                        rumours_of: players,
                        ..Scope::default()
                    };
                    Ok((scope, (filter, page.map(|(_, total)| total))))
                })?;
                total = page;
                (world, filter)
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
                })?
            };
            let mut assessor = Assessor::new(&world, ctx.as_of);
            assessor.reheat_days = l.reheat_days;
            assessor.cold_days = l.cold_days;
            let list = rumours::list(&world, &assessor, &filter);
            let total = total.unwrap_or(list.len());
            Ok(ctx.show_page(&list, total, |list| render::rumours::list(list, ctx.style)))
        }
        RumourCommand::Show {
            id,
            reheat_days,
            cold_days,
        } => {
            let (world, id) = ctx.read_scoped(|look| {
                let (id, player) = look.find_rumour_or_player(&id)?;
                Ok((Scope::player(&player), id))
            })?;
            let mut assessor = Assessor::new(&world, ctx.as_of);
            assessor.reheat_days = reheat_days;
            assessor.cold_days = cold_days;
            // A rumour first reported after the as-of date is not there yet.
            let rumour = world.rumours.get(&id).ok_or_else(|| Error::NotFound {
                kind: "rumour",
                query: id.to_string(),
                suggestions: Vec::new(),
            })?;
            let view = rumours::view(&world, &assessor, rumour);
            Ok(ctx.show(&view, || render::rumours::detail(&view, ctx.style)))
        }
        RumourCommand::Update {
            id,
            status,
            date,
            note,
            source,
            until,
            since,
            fee,
            force,
            currency,
            loan,
            to,
        } => {
            let fee = fee
                .as_deref()
                .map(|f| plausible_fee(f, currency.as_deref(), force))
                .transpose()?;
            let mut change = NewStatus {
                status: status.into(),
                date: ctx.day(date),
                note,
                source,
                terms: Terms {
                    until: ctx.day(until),
                    since: ctx.day(since),
                    fee,
                    loan,
                    to: None,
                },
                to,
            };
            let to_club = change.to.clone();
            let (world, updated) = ctx.write_scoped(
                |look| {
                    let (found, player) = look.find_rumour_or_player(&id)?;
                    let mut scope = Scope::player(&player);
                    let to = to_club.as_deref().map(|c| look.find_club(c)).transpose()?;
                    scope.clubs.extend(to.clone());
                    Ok((scope, (found, to)))
                },
                |w, (found, to)| {
                    if let Some(to) = to {
                        change.to = Some(to.as_str().to_string());
                    }
                    edit::update_rumour(w, &found, change, ctx.as_of)
                },
            )?;
            let view = view_on(
                ctx,
                &world,
                &updated.rumour,
                ctx.day(date).unwrap_or(ctx.as_of),
            )?;
            let mut out = ctx.show(&view, || {
                let by = updated
                    .credited
                    .as_ref()
                    .map(|s| format!("; credited to {}", credit(&world, s, None)))
                    .unwrap_or_default();
                format!(
                    "Rumour {}: {}, {} is now '{}'{by}\n",
                    view.id,
                    view.player,
                    view.describe_move(),
                    view.status
                )
            });
            if let Some(settled) = &updated.settled {
                out.notes.extend(settled_notes(&world, settled));
            }
            Ok(out)
        }
        RumourCommand::Remove { id, report } => {
            let (world, (id, gone, what)) = ctx.write(|store, w| {
                let id = w.find_rumour_or_player(&id)?;
                if let Some(player) = w.summary(&id).map(|s| s.player.clone()) {
                    store.load_rumours_of(w, &player)?;
                }
                Ok(match report {
                    Some(n) => {
                        let r = correct::remove_report(w, &id, n)?;
                        let what = format!("report {n} ({}, {})", r.date, w.source_name(&r.source));
                        (id, None, what)
                    }
                    None => (
                        id.clone(),
                        Some(correct::remove_rumour(w, &id)?),
                        String::new(),
                    ),
                })
            })?;
            let assessor = Assessor::new(&world, ctx.as_of);
            match (gone, world.rumours.get(&id)) {
                // The whole rumour: JSON shows it as it was.
                (Some(rumour), _) => {
                    let view = rumours::view(&world, &assessor, &rumour);
                    Ok(ctx.show(&view, || {
                        format!(
                            "Removed rumour {}: {}, {} ({}, {} report{})\n",
                            view.id,
                            view.player,
                            view.describe_move(),
                            view.status,
                            view.reports.len(),
                            if view.reports.len() == 1 { "" } else { "s" }
                        )
                    }))
                }
                // One report: the rumour as it is now.
                (None, Some(rumour)) => {
                    let view = rumours::view(&world, &assessor, rumour);
                    Ok(ctx.show(&view, || {
                        format!(
                            "Removed {what} from rumour {}: {}, {} ({} report{} left)\n",
                            view.id,
                            view.player,
                            view.describe_move(),
                            view.reports.len(),
                            if view.reports.len() == 1 { "" } else { "s" }
                        )
                    }))
                }
                (None, None) => Err(mercato::Error::Refused(format!(
                    "rumour {id} vanished while writing"
                ))),
            }
        }
    }
}

/// A rumour just written, as `rumour show --as-of DAY` shows it: a change
/// back-dated to DAY confirms with that day's status, reports and
/// likelihood (and track records), not with what came after it.
fn view_on(
    ctx: &Context,
    world: &mercato::World,
    id: &mercato::model::RumourId,
    day: chrono::NaiveDate,
) -> Result<rumours::RumourView> {
    if day >= ctx.as_of {
        let assessor = Assessor::new(world, ctx.as_of);
        return Ok(rumours::view(world, &assessor, &world.rumours[id]));
    }
    let player = world.rumours[id].player.clone();
    let (then, ()) = ctx.read_scoped_on(day, |_| Ok((Scope::player(&player), ())))?;
    let assessor = Assessor::new(&then, day);
    let rumour = then.rumours.get(id).unwrap_or(&world.rumours[id]);
    Ok(rumours::view(&then, &assessor, rumour))
}

/// The source a write credited, as its confirmation names it (with its id,
/// so a namesake cannot hide which record got the report).
fn credit(
    world: &mercato::world::World,
    source: &mercato::model::SourceId,
    via: Option<&mercato::model::SourceId>,
) -> String {
    let named = |id: &mercato::model::SourceId| format!("{} ({id})", world.source_name(id));
    match via {
        Some(via) => format!("{} via {}", named(source), named(via)),
        None => named(source),
    }
}
