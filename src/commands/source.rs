//! `mercato source ...`.

use super::{Context, Output};
use crate::cli::SourceCommand;
use mercato::edit::{self, NewSource};
use mercato::query::records;
use mercato::query::rumours::Assessor;
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
            let world = ctx.read_brief()?;
            let list = records::sources(&world);
            Ok(ctx.show(&list, || render::records::sources(&list, ctx.style)))
        }
        SourceCommand::Show { source } => {
            let world = ctx.read()?;
            let id = world.find_source(&source)?;
            let view = one(&world, &id);
            let assessor = Assessor::new(&world, ctx.as_of);
            let reports = records::source_reports(&world, &assessor, &id);
            Ok(ctx.show(
                &serde_json::json!({ "source": &view, "reports": &reports }),
                || render::records::source(&view, &reports, ctx.style),
            ))
        }
        SourceCommand::Set {
            source,
            tier,
            country,
            aliases,
        } => {
            let (world, id) =
                ctx.write(|_, w| edit::set_source(w, &source, tier, country.as_deref(), &aliases))?;
            let view = one(&world, &id);
            Ok(ctx.show(&view, || format!("Updated source {} ({id})\n", view.name)))
        }
    }
}
