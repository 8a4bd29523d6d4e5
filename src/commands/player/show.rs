//! `mercato player show`: a player, his contracts and rumours.

use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::query::records;
use mercato::query::rumours::{self, Assessor};
use mercato::store::scoped::Scope;
use mercato::{Result, render};

/// Show a player, his contracts and rumours.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato player show konate
  mercato player show "van dijk" --json"#)]
pub struct ShowArgs {
    pub player: String,
}

pub fn run(ctx: &Context, args: ShowArgs) -> Result<Output> {
    let (world, id) = ctx.read_scoped(|look| {
        let id = look.find_player(&args.player)?;
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
