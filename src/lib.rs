//! mercato: a transfer-rumour tracker for football.
//!
//! The library holds everything: the [`model`], the [`store`] of JSON files
//! under `data/`, the [`edit`]s that change the world and the [`correct`]ions
//! that fix it, the [`query`]s that answer questions, and the [`render`]ers
//! that draw answers as text. The binary only parses arguments and prints.
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod bundle;
pub mod check;
pub mod clubnames;
pub mod complete;
pub mod config;
pub mod conflicts;
pub mod correct;
pub mod dates;
pub mod deal;
pub mod edit;
pub mod english;
pub mod error;
pub mod extract;
pub mod git;
pub mod import;
pub mod merge;
pub mod model;
pub mod names;
pub mod query;
pub mod render;
pub mod rules;
pub mod store;
pub mod text;
pub mod visible;
pub mod world;

pub use error::{Error, ErrorKind, Result};
pub use store::Store;
pub use world::World;
