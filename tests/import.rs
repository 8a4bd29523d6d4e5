//! Importing real exports and bundles. The tests of the real samples in
//! ../shared/datasets run only where that folder is (`.ci/run` has it; a
//! fresh clone does not): the rules themselves are tested on fixtures kept
//! here (tests/import_transfers.rs).

use crate::common::TestEnv;
use serde_json::Value;
use std::path::PathBuf;

/// A file of the real samples, or none (with a note) where they are absent.
pub fn dataset(rel: &str) -> Option<String> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "shared", "datasets", rel]
        .iter()
        .collect();
    if !path.exists() {
        eprintln!(
            "skipped: {} is not there (the real samples sit beside the repository, in ../shared/datasets)",
            path.display()
        );
        return None;
    }
    Some(path.to_string_lossy().into_owned())
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

const DAY: &str = "2026-02-20";

fn counts(report: &Value, kind: &str) -> (u64, u64, u64, u64) {
    let c = &report[kind];
    let n = |k: &str| c[k].as_u64().unwrap();
    (n("new"), n("updated"), n("unchanged"), n("skipped"))
}

#[test]
fn transfermarkt_imports_once_and_updates_after() {
    let env = TestEnv::empty();
    let (Some(clubs), Some(players)) = (
        dataset("transfermarkt/clubs.csv"),
        dataset("transfermarkt/players.csv"),
    ) else {
        return;
    };
    let args = [
        "import",
        "transfermarkt",
        "--clubs",
        &clubs,
        "--players",
        &players,
    ];
    let dry = env.json_as_of(DAY, &[&args[..], &["--dry-run"]].concat());
    assert_eq!(counts(&dry, "players"), (998, 0, 0, 2));
    assert!(
        std::fs::read_dir(&env.data).unwrap().next().is_none(),
        "a dry run writes nothing"
    );
    let first = env.json_as_of(DAY, &args);
    assert_eq!(counts(&first, "clubs"), (451, 0, 0, 0));
    assert_eq!(counts(&first, "players"), (998, 0, 0, 2));
    let lines: Vec<u64> = first["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [72, 358], "Sonck and Amoah have no position");
    let again = env.json_as_of(DAY, &args);
    assert_eq!(counts(&again, "clubs"), (0, 0, 451, 0));
    assert_eq!(counts(&again, "players"), (0, 0, 998, 2));
    let rows = env.json_as_of(DAY, &["contract", "expiring", "--year", "2027"]);
    // Three rows end on 2027-06-30, but Ronaldo's club (18544) is not in
    // clubs.csv: he is imported without that contract, and the import says so.
    assert_eq!(rows.as_array().unwrap().len(), 2);
    let warned: Vec<u64> = first["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["line"].as_u64().unwrap())
        .collect();
    assert!(warned.contains(&761), "{warned:?}");
    let klose = env.json_as_of(DAY, &["player", "show", "miroslav klose"]);
    assert_eq!(klose["player"]["born"], "1978-06-09");
    assert_eq!(klose["player"]["position"], "ST");
    let selcuk = env.run_as_of(DAY, &["player", "show", "selcuk sahin"]);
    assert_eq!(selcuk.code, 1, "two namesakes: ambiguous");
    assert!(
        selcuk.stderr.contains("Selcuk Sahin (selcuk-sahin)"),
        "{}",
        selcuk.stderr
    );
    let by_id = env.json_as_of(DAY, &["player", "show", "selcuk-sahin"]);
    assert_eq!(
        by_id["player"]["id"], "selcuk-sahin",
        "an exact id always resolves"
    );
    assert!(env.run_as_of(DAY, &["check"]).stdout.contains("ok"));
}

#[test]
fn wyscout_matches_the_datasets_facts() {
    let env = TestEnv::empty();
    let Some(file) = dataset("wyscout/EFLSCOTFEB26.csv") else {
        return;
    };
    let first = env.json_as_of(DAY, &["import", "wyscout", &file]);
    assert_eq!(counts(&first, "clubs"), (84, 0, 0, 0));
    let again = env.json_as_of(DAY, &["import", "wyscout", &file]);
    assert_eq!(counts(&again, "players").0, 0);
    assert_eq!(counts(&again, "players").1, 0);
    let per_year = |y: &str| {
        env.json_as_of(DAY, &["contract", "expiring", "--year", y])
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(
        (per_year("2026"), per_year("2027"), per_year("2028")),
        (566, 513, 325)
    );
    for (league, n) in [
        ("England 2.", 99),
        ("England 3.", 167),
        ("England 4.", 231),
        ("Scotland 1.", 69),
    ] {
        let rows = env.json_as_of(
            DAY,
            &["contract", "expiring", "--year", "2026", "--league", league],
        );
        assert_eq!(rows.as_array().unwrap().len(), n, "{league}");
    }
    let ages: Vec<u64> = env
        .json_as_of(DAY, &["player", "list", "--club", "oxford united"])
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["age"].as_u64())
        .collect();
    assert!(ages.iter().all(|a| (16..=44).contains(a)), "{ages:?}");
    let chart = env.json_as_of(DAY, &["club", "depth", "millwall"]);
    let rb: Vec<&str> = chart["slots"][1]["players"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["player"].as_str().unwrap())
        .collect();
    assert!(
        rb.contains(&"T. Crama"),
        "RB, RCB: a right-back who covers CB: {rb:?}"
    );
}

#[test]
fn sample_players_with_an_old_last_season_are_in_no_squad() {
    let (Some(clubs), Some(players)) = (
        dataset("transfermarkt/clubs.csv"),
        dataset("transfermarkt/players.csv"),
    ) else {
        return;
    };
    let mut reader = csv::Reader::from_path(&players).unwrap();
    let season = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "last_season")
        .unwrap();
    let name = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "name")
        .unwrap();
    let recent: Vec<String> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r[season].parse::<i32>().unwrap() >= 2025)
        .map(|r| r[name].to_string())
        .collect();
    assert_eq!(recent.len(), 8, "the dataset's README: 8 rows at 2025");
    let env = TestEnv::empty();
    let args = [
        "import",
        "transfermarkt",
        "--clubs",
        &clubs,
        "--players",
        &players,
    ];
    env.json_as_of(DAY, &args);
    let placed: Vec<String> = env
        .json_as_of(DAY, &["player", "list"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["club"].is_null())
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert!(!placed.is_empty());
    for p in &placed {
        assert!(recent.contains(p), "{p} (an old last_season) is in a squad");
    }
    let squads: u64 = env
        .json_as_of(DAY, &["club", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["squad"].as_u64().unwrap())
        .sum();
    assert_eq!(squads, placed.len() as u64);
    // Found by name all the same, with his last club as history.
    let mexes = env.json_as_of(DAY, &["player", "show", "philippe mexes"]);
    assert!(mexes["player"]["club"].is_null(), "{mexes}");
    assert!(!mexes["player"]["last_seen"].is_null(), "{mexes}");
}

#[test]
fn bad_rows_are_reported_with_their_line_and_the_rest_imported() {
    let env = TestEnv::empty();
    let report = env.json_as_of(
        DAY,
        &[
            "import",
            "transfermarkt",
            "--clubs",
            &fixture("tm-clubs.csv"),
            "--players",
            &fixture("tm-players-bad.csv"),
        ],
    );
    assert_eq!(counts(&report, "players"), (2, 0, 0, 5));
    let problems: Vec<(u64, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let lines: Vec<u64> = problems.iter().map(|p| p.0).collect();
    assert_eq!(lines, [3, 4, 5, 6, 7], "{problems:?}");
    assert!(
        problems[0].1.contains("February 1999 has 28 days"),
        "{problems:?}"
    );
    assert!(problems[1].1.contains("control characters"), "{problems:?}");
    assert!(problems[3].1.contains("too long"), "{problems:?}");
    assert!(problems[4].1.contains("after"), "{problems:?}");
    let depth = env.json_as_of(DAY, &["club", "depth", "liverpool"]);
    let cb: Vec<&str> = depth["slots"][2]["players"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["player"].as_str().unwrap())
        .collect();
    assert_eq!(cb, ["Virgil van Dijk", "Ibrahima Konaté"]);
}

#[test]
fn importing_links_to_existing_records() {
    let env = TestEnv::shipped();
    let report = env.json_as_of(
        DAY,
        &[
            "import",
            "transfermarkt",
            "--clubs",
            &fixture("tm-clubs.csv"),
            "--players",
            &fixture("tm-players-bad.csv"),
        ],
    );
    assert_eq!(
        counts(&report, "clubs"),
        (0, 1, 0, 0),
        "fc-liverpool is our Liverpool"
    );
    assert_eq!(
        counts(&report, "players").0,
        0,
        "Konaté and Van Dijk exist already"
    );
    let konate = env.json_as_of(DAY, &["player", "show", "konate"]);
    assert_eq!(
        konate["player"]["contracts"].as_array().unwrap().len(),
        1,
        "the same contract, not a copy"
    );
}

#[test]
fn export_import_export_is_identical() {
    let env = TestEnv::shipped();
    let out = env.data.parent().unwrap().join("bundle.json");
    env.ok(&["export", "--out", out.to_str().unwrap()]);
    let first = std::fs::read(&out).unwrap();
    let bundle: Value = serde_json::from_slice(&first).unwrap();
    assert_eq!(bundle["format"], "mercato-bundle");
    for key in ["clubs", "sources", "players", "contracts", "rumours"] {
        assert!(!bundle[key].as_array().unwrap().is_empty(), "{key}");
    }
    let empty = TestEnv::empty();
    let report = empty.json(&["import", "bundle", out.to_str().unwrap()]);
    assert_eq!(report["updated"], 0);
    let again = empty.ok(&["export"]);
    assert_eq!(again.as_bytes(), &first[..]);
    let twice = empty.json(&["import", "bundle", out.to_str().unwrap()]);
    assert_eq!(
        (twice["new"].as_u64(), twice["updated"].as_u64()),
        (Some(0), Some(0))
    );
    assert!(empty.ok(&["check"]).contains("ok"));
}

#[test]
fn a_bundle_that_is_not_one_is_refused() {
    let env = TestEnv::shipped();
    let before = env.snapshot();
    let run = env.run(&["import", "bundle", &fixture("tm-clubs.csv")]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("tm-clubs.csv:1:"), "{}", run.stderr);
    assert_eq!(before, env.snapshot());
}

#[test]
fn a_hostile_bundle_is_refused_whole() {
    let env = TestEnv::shipped();
    let out = env.data.parent().unwrap().join("bundle.json");
    env.ok(&["export", "--out", out.to_str().unwrap()]);
    let mut bundle: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    bundle["clubs"][0]["name"] = Value::from("Evil\u{0}Club");
    bundle["players"][0]["notes"] = Value::from("x".repeat(1_000_000));
    std::fs::write(&out, serde_json::to_vec(&bundle).unwrap()).unwrap();
    let before = env.snapshot();
    let run = env.run(&["import", "bundle", out.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("nothing imported"), "{}", run.stderr);
    assert_eq!(before, env.snapshot());
}
