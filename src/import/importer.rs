//! What one Transfermarkt import holds while it reads its files: filled by
//! the clubs and players files (`transfermarkt`), then read by the
//! transfers file (`transfers`), which is why it lives apart from both.

use super::{ImportReport, Matcher, Progress};
use crate::model::ClubId;
use crate::world::World;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The system name under which Transfermarkt ids are kept.
pub const SYSTEM: &str = "transfermarkt";

/// What one import holds while it reads its files.
pub(super) struct Importer<'w, 'p> {
    pub(super) world: &'w mut World,
    pub(super) matcher: Matcher,
    pub(super) report: ImportReport,
    /// Transfermarkt club id → our club, for contracts and moves.
    pub(super) club_ids: HashMap<String, ClubId>,
    /// Transfermarkt player id → the last day of his last season, for the
    /// players whose last season is older than the file's newest.
    pub(super) gone: HashMap<String, NaiveDate>,
    rows: u64,
    progress: Progress<'p>,
}

impl<'w, 'p> Importer<'w, 'p> {
    /// An import into `world`, knowing the clubs it already linked.
    pub(super) fn new(world: &'w mut World, progress: Progress<'p>) -> Self {
        let club_ids = world
            .clubs
            .values()
            .filter_map(|c| {
                c.external_ids
                    .get(SYSTEM)
                    .map(|e| (e.clone(), c.id.clone()))
            })
            .collect();
        Importer {
            matcher: Matcher::new(world),
            world,
            report: ImportReport::default(),
            club_ids,
            gone: HashMap::new(),
            rows: 0,
            progress,
        }
    }

    /// Counts one more row read, for the progress bar.
    pub(super) fn tick(&mut self) {
        self.rows += 1;
        (self.progress)(self.rows);
    }
}
