//! The floor for `contract expiring`: a bare serde_json parse of the same
//! records (every player with his contracts, from `DATA/players/*.json`),
//! with no lookup, filter or output. Used by `bench/run`.
//!
//! ```sh
//! cargo run --release --example bare -- data
//! ```

use mercato::model::Player;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    records: Vec<Player>,
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "data".into());
    let mut players = 0;
    let mut paths: Vec<_> = std::fs::read_dir(format!("{dir}/players"))
        .map(|r| r.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.sort();
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        if let Ok(file) = serde_json::from_slice::<File>(&bytes) {
            players += file.records.len();
        }
    }
    println!("{players}");
}
