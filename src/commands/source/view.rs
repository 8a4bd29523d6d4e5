//! One source as the confirmations of `source add`, `edit` and `show` print it.

use mercato::World;
use mercato::model::SourceId;
use mercato::query::records::{self, SourceView};

/// One source as its confirmation shows it, with its track record.
pub(super) fn view(world: &World, id: &SourceId) -> SourceView {
    let track = mercato::query::likelihood::track_records(world);
    records::source_view(&world.sources[id], &track)
}
