//! `mercato source ...`.

use super::{Context, Output, merged, removed};
use crate::cli::SourceCommand;
use mercato::correct::{self, SourceChanges};
use mercato::edit::{self, NewSource};
use mercato::query::records;
use mercato::query::rumours::Assessor;
use mercato::store::scoped::Scope;
use mercato::{Result, World, render};

pub fn run(ctx: &Context, command: SourceCommand) -> Result<Output> {
    let one = |world: &World, id: &mercato::model::SourceId| {
        let track = mercato::query::likelihood::track_records(world);
        records::source_view(&world.sources[id], &track)
    };
    match command {
        SourceCommand::Add {
            name,
            tier,
            country,
            aliases,
        } => {
            let new = NewSource {
                name,
                aliases,
                country,
                tier,
            };
            let (world, id) = ctx.write(|_, w| edit::add_source(w, new))?;
            let view = one(&world, &id);
            Ok(ctx.show(&view, || format!("Added source {} ({id})\n", view.name)))
        }
        SourceCommand::List => {
            // Sources and every shard's track records: no player is read.
            let (world, ()) = ctx.read_scoped(|_| Ok((Scope::default(), ())))?;
            let list = records::sources(&world);
            Ok(ctx.show_list(&list, |list| render::records::sources(list, ctx.style)))
        }
        SourceCommand::Show { source } => {
            // Every shard is read, one at a time; only this source's
            // rumours are kept.
            let (world, id) = ctx.read_rumours_where(|people| {
                let id = people.find_source(&source)?;
                let cited = id.clone();
                let keep = move |_: &World, r: &mercato::model::Rumour| {
                    r.reports.iter().any(|x| x.source == cited)
                };
                Ok((keep, id))
            })?;
            let view = one(&world, &id);
            let assessor = Assessor::new(&world, ctx.as_of);
            let reports = records::source_reports(&world, &assessor, &id);
            Ok(ctx.show(
                &serde_json::json!({ "source": &view, "reports": &reports }),
                || render::records::source(&view, &reports, ctx.style),
            ))
        }
        SourceCommand::Set(e) | SourceCommand::Edit(e) => {
            let changes = SourceChanges {
                name: e.name,
                tier: e.tier,
                country: e.country,
                aliases: e.aliases,
            };
            let (world, id) = ctx.write(|_, w| correct::edit_source(w, &e.source, changes))?;
            let view = one(&world, &id);
            Ok(ctx.show(&view, || format!("Updated source {} ({id})\n", view.name)))
        }
        SourceCommand::Remove { source } => {
            // Only reports say who cites a source: every rumour is read.
            let (_, gone) = ctx.write(|store, w| {
                store.load_all_rumours(w)?;
                correct::remove_source(w, &source)
            })?;
            Ok(removed(ctx, "source", &gone))
        }
        SourceCommand::Merge { keep, duplicate } => {
            let (_, m) = ctx.write(|store, w| {
                store.load_all_rumours(w)?;
                correct::merge_sources(w, &keep, &duplicate)
            })?;
            Ok(merged(ctx, "source", &m))
        }
    }
}
