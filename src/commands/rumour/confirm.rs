//! How `rumour add` and `rumour update` confirm what they wrote: the rumour
//! as of the day written, and the source credited.

use crate::commands::context::Context;
use mercato::Result;
use mercato::query::rumours::{self, Assessor};
use mercato::store::scoped::Scope;

/// A rumour just written, as `rumour show --as-of DAY` shows it: a change
/// back-dated to DAY confirms with that day's status, reports and
/// likelihood (and track records), not with what came after it.
pub(super) fn view_on(
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
pub(super) fn credit(
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
