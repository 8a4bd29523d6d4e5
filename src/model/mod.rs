//! The plain data mercato keeps: players, clubs, contracts, sources, rumours.
//! Nothing here reads files or the clock.

pub mod club;
pub mod conflict;
pub mod fee;
pub mod ids;
pub mod player;
pub mod position;
pub mod rumour;
pub mod source;
pub mod summary;

pub use club::Club;
pub use conflict::{Conflict, Conflicts};
pub use fee::{Currency, Fee};
pub use ids::{ClubId, PlayerId, RumourId, SourceId};
pub use player::{Contract, Player};
pub use position::{Foot, Position, Slot};
pub use rumour::{MoveKind, Report, Rumour, Stance, Status, StatusChange};
pub use source::Source;
pub use summary::{RumourSummary, TrackRecord};
