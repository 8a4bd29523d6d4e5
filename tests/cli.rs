//! Integration tests: the real binary on temporary data directories.
#![allow(clippy::unwrap_used)]

mod asof;
mod common;
mod complete;
mod conflicts;
mod desk;
mod errors;
mod extract;
mod fit;
mod fixes;
mod gitsetup;
mod headline;
mod help;
mod import;
mod import_transfers;
mod index;
mod layout;
mod output;
mod papercuts;
mod pictures;
mod places;
mod props;
mod readers;
mod readme;
mod safety;
mod scratch;
mod time;
mod unicode;
