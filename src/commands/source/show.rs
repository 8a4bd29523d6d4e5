//! `mercato source show`: a source, its track record and its reports.

use super::view::view;
use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::query::records;
use mercato::query::rumours::Assessor;
use mercato::{Result, World, render};

/// Show a source, its track record and its reports.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato source show fichajes
  mercato source show "l'equipe" --json"#)]
pub struct ShowArgs {
    pub source: String,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Output> {
    // Every shard is read, one at a time; only this source's
    // rumours are kept.
    let (world, id) = ctx.read_rumours_where(|people| {
        let id = people.find_source(&args.source)?;
        let cited = id.clone();
        let keep = move |_: &World, r: &mercato::model::Rumour| {
            r.reports.iter().any(|x| x.source == cited)
        };
        Ok((keep, id))
    })?;
    let view = view(&world, &id);
    let assessor = Assessor::new(&world, ctx.as_of);
    let reports = records::source_reports(&world, &assessor, &id);
    Ok(ctx.show(
        &serde_json::json!({ "source": &view, "reports": &reports }),
        || render::records::source(&view, &reports, ctx.style),
    ))
}
