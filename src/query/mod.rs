//! Questions asked of the world. Pure functions of the world and an as-of
//! date; their answers are plain serializable views that renderers draw.

pub mod depth;
pub mod digest;
pub mod expiring;
pub mod likelihood;
pub mod records;
pub mod rumours;
pub mod timeline;

use chrono::{Months, NaiveDate};

/// The last day of the "expiring" window: twelve months after `as_of`.
pub fn expiry_horizon(as_of: NaiveDate) -> NaiveDate {
    as_of
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX)
}
