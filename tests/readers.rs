//! Readers during writes: 8 writers and 8 readers on one data directory at
//! once. Every reader sees a whole store state (never half a change), every
//! acknowledged write is there at the end, and `check` is green.

use crate::common::{ARTICLE_DAY, TestEnv};
use assert_cmd::Command;
use std::path::Path;

fn mercato(data: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("mercato")
        .unwrap()
        .env_remove("MERCATO_DATA_DIR")
        .env("XDG_CACHE_HOME", data.join("..").join("cache"))
        .args(["--data-dir"])
        .arg(data)
        .args(["--as-of", ARTICLE_DAY, "--lock-timeout", "60"])
        .args(args)
        .output()
        .unwrap()
}

/// How many reports each rumour has, and whether every rumour's player is known.
fn read_state(data: &Path) -> (usize, bool) {
    let out = mercato(data, &["--json", "rumour", "list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("reader got broken JSON ({e})"));
    let rumours = list.as_array().unwrap();
    let reports = rumours
        .iter()
        .map(|r| r["reports"].as_array().unwrap().len())
        .sum();
    // A rumour whose player record is missing shows the bare id as his name.
    let whole = rumours.iter().all(|r| r["player"] != r["player_id"]);
    (reports, whole)
}

#[test]
fn readers_see_whole_states_while_eight_writers_write() {
    let env = TestEnv::shipped();
    let data = env.data.clone();
    let (start, _) = read_state(&data);
    let players = ["konate", "upamecano", "alaba", "rudiger"];
    const WRITES: usize = 6;
    std::thread::scope(|scope| {
        for writer in 0..8 {
            let data = data.clone();
            scope.spawn(move || {
                let player = players[writer % players.len()];
                for i in 0..WRITES {
                    let note = format!("w{writer}-{i}");
                    let out = match (writer + i) % 3 {
                        0 | 1 => mercato(
                            &data,
                            &[
                                "rumour",
                                "add",
                                player,
                                "--to",
                                "Bournemouth",
                                "--source",
                                "Fichajes",
                                "--note",
                                &note,
                            ],
                        ),
                        _ => mercato(&data, &["player", "edit", player, "--notes", &note]),
                    };
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            });
        }
        for _ in 0..8 {
            let data = data.clone();
            scope.spawn(move || {
                let mut seen = 0;
                for _ in 0..WRITES {
                    let (reports, whole) = read_state(&data);
                    assert!(whole, "a rumour without its player");
                    assert!(reports >= seen, "reports went from {seen} to {reports}");
                    seen = reports;
                    let depth = mercato(&data, &["--json", "club", "depth", "real madrid"]);
                    assert!(depth.status.success());
                    let chart: serde_json::Value = serde_json::from_slice(&depth.stdout)
                        .unwrap_or_else(|e| panic!("reader got broken JSON ({e})"));
                    assert_eq!(chart["slots"].as_array().unwrap().len(), 4);
                }
            });
        }
    });
    // Every acknowledged report is there: two writes in three were reports.
    let added: usize = (0..8)
        .map(|w| (0..WRITES).filter(|i| (w + i) % 3 != 2).count())
        .sum();
    let (end, whole) = read_state(&data);
    assert!(whole);
    assert_eq!(end, start + added);
    let check = mercato(&data, &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}
