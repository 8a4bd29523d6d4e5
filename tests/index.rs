//! The index (`.mercato/index.sqlite`) is derived and disposable: every way a data
//! file can change behind mercato's back is seen by the next query, and an
//! index that is corrupt or was half-written by a killed process is rebuilt,
//! never trusted.

use crate::common::{ARTICLE_DAY, TestEnv};
use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn caps(env: &TestEnv) -> serde_json::Value {
    env.json(&["player", "show", "konate"])["player"]["caps"].clone()
}

/// Rewrites a file's bytes in place (same inode), then puts its old
/// modification time back, as `touch -d` after an edit would.
fn edit_in_place_keeping_mtime(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len(), "a same-size edit");
    let old = std::fs::metadata(path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    let file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.set_modified(old).unwrap();
    drop(file);
    assert_eq!(std::fs::metadata(path).unwrap().modified().unwrap(), old);
}

fn index_file(env: &TestEnv) -> PathBuf {
    let file = env.index_file();
    assert!(file.exists(), "an index was built");
    file
}

#[test]
fn every_kind_of_change_behind_mercatos_back_is_seen() {
    let env = TestEnv::shipped();
    let file = env.data.join("players/4f.json");
    assert_eq!(caps(&env), 25, "the index is built here");

    // Same size, same inode, old mtime put back: only the ctime moved.
    edit_in_place_keeping_mtime(&file, "\"caps\": 25", "\"caps\": 26");
    assert_eq!(caps(&env), 26);

    // Replaced by another file, as git checkout and other clones do.
    let text = std::fs::read_to_string(&file).unwrap();
    let other = env.data.join("players/.incoming");
    std::fs::write(&other, text.replace("\"caps\": 26", "\"caps\": 27")).unwrap();
    std::fs::rename(&other, &file).unwrap();
    assert_eq!(caps(&env), 27);

    // A contract end moved into 2027 by hand: the window query sees it.
    let listed = |env: &TestEnv| {
        let rows = env.json(&["contract", "expiring", "--year", "2027"]);
        rows.as_array()
            .unwrap()
            .iter()
            .any(|r| r["player_id"] == "ibrahima-konate")
    };
    assert!(!listed(&env));
    edit_in_place_keeping_mtime(
        &file,
        "\"end\": \"2026-06-30\",\n          \"signed_from\"",
        "\"end\": \"2027-06-30\",\n          \"signed_from\"",
    );
    assert!(listed(&env), "a hand edit of a contract end");
    let depth = env.json(&["club", "depth", "liverpool"]);
    assert!(depth.to_string().contains("2027-06-30"), "{depth}");

    // A shard file removed (a git checkout of an older state): gone.
    let rumours = env.data.join("rumours/4f.json");
    let before = env.json(&["rumour", "list", "--player", "konate"]);
    assert!(!before.as_array().unwrap().is_empty());
    std::fs::rename(&rumours, env.data.parent().unwrap().join("kept.json")).unwrap();
    let after = env.json(&["rumour", "list", "--player", "konate"]);
    assert_eq!(after.as_array().unwrap().len(), 0, "{after}");
    std::fs::rename(env.data.parent().unwrap().join("kept.json"), &rumours).unwrap();
    assert_eq!(env.json(&["rumour", "list", "--player", "konate"]), before);
}

#[test]
fn a_corrupt_index_is_rebuilt_not_trusted() {
    let env = TestEnv::shipped();
    let want = env.ok(&["club", "depth", "real madrid"]);
    let index = index_file(&env);
    for garbage in [&b"not a database at all"[..], &[0u8; 4096][..]] {
        std::fs::write(&index, garbage).unwrap();
        assert_eq!(env.ok(&["club", "depth", "real madrid"]), want);
        assert_eq!(caps(&env), 25);
    }
    // Half a database: cut after its first pages.
    let whole = std::fs::read(&index).unwrap();
    std::fs::write(&index, &whole[..whole.len() / 2]).unwrap();
    assert_eq!(env.ok(&["club", "depth", "real madrid"]), want);
}

/// A world big enough that building its index takes a while: 12,800
/// players over the 256 shards, a third of them with contracts ending 2027.
fn big_world(env: &TestEnv) {
    let mut shards: std::collections::BTreeMap<String, Vec<serde_json::Value>> = Default::default();
    for i in 0..12_800 {
        let id = format!("player-{i:05}");
        let shard = mercato::store::shard_of(&mercato::model::PlayerId(id.clone()));
        shards.entry(shard).or_default().push(serde_json::json!({
            "id": id,
            "name": format!("Player Number{i}"),
            "born": "1998-01-01",
            "position": "CB",
            "contracts": [{"club": "liverpool", "signed": "2024-07-01", "start": "2024-07-01",
                            "end": format!("{}-06-30", 2026 + i % 3)}]
        }));
    }
    for (shard, mut records) in shards {
        let path = env.data.join(format!("players/{shard}.json"));
        if let Ok(text) = std::fs::read_to_string(&path) {
            let file: serde_json::Value = serde_json::from_str(&text).unwrap();
            records.extend(file["records"].as_array().unwrap().iter().cloned());
        }
        records.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
        let file = serde_json::json!({"version": 2, "kind": "players", "records": records});
        std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    }
}

#[test]
fn a_process_killed_while_building_the_index_leaves_the_next_command_right() {
    let env = TestEnv::shipped();
    big_world(&env);
    let cache = env.data.parent().unwrap().join("cache");
    let args = ["contract", "expiring", "--year", "2027", "--json"];
    let forget_index = || {
        let dir = env.index_file().parent().unwrap().to_path_buf();
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if entry
                .file_name()
                .to_string_lossy()
                .starts_with("index.sqlite")
            {
                std::fs::remove_file(entry.path()).unwrap();
            }
        }
    };
    let spawn = || {
        Command::cargo_bin("mercato")
            .unwrap()
            .get_program()
            .to_owned()
    };
    let program = spawn();
    let start = || {
        std::process::Command::new(&program)
            .env_remove("MERCATO_NO_INDEX")
            .env_remove("MERCATO_NO_CACHE")
            .env("XDG_CONFIG_HOME", cache.join("config"))
            .arg("--data-dir")
            .arg(&env.data)
            .args(["--as-of", ARTICLE_DAY])
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // The answer read from the JSON alone, with no index.
    let truth = Command::new(&program)
        .env("MERCATO_NO_INDEX", "1")
        .arg("--data-dir")
        .arg(&env.data)
        .args(["--as-of", ARTICLE_DAY])
        .args(args)
        .output()
        .unwrap();
    assert!(truth.status.success());
    let rows: serde_json::Value = serde_json::from_slice(&truth.stdout).unwrap();
    assert!(rows.as_array().unwrap().len() > 4000, "the window has rows");
    // How long a build from nothing takes, to kill inside it.
    let timed = Instant::now();
    let whole = start().wait_with_output().unwrap();
    assert_eq!(
        whole.stdout, truth.stdout,
        "the index answers as the JSON does"
    );
    let build = timed.elapsed().as_micros() as u64;
    forget_index();
    let mut seed = 7u64;
    for round in 0..12 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let mut child = start();
        std::thread::sleep(Duration::from_micros((seed >> 33) % build.max(1)));
        let _ = child.kill();
        let _ = child.wait();
        let next = start().wait_with_output().unwrap();
        assert!(next.status.success(), "round {round}");
        assert_eq!(
            next.stdout, truth.stdout,
            "round {round}: the next command answers right"
        );
    }
}

#[test]
fn clubs_read_from_the_index_follow_the_clubs_file() {
    let env = TestEnv::shipped();
    let club_of_konate =
        |env: &TestEnv| env.json(&["player", "show", "konate"])["player"]["club"].clone();
    assert_eq!(club_of_konate(&env), "Liverpool", "the index is built here");
    let depth = env.json(&["club", "depth", "liverpool"]);
    assert_eq!(depth["club"], "Liverpool");

    // Renamed by hand, same size, old mtime put back.
    let clubs = env.data.join("clubs.json");
    edit_in_place_keeping_mtime(&clubs, "\"name\": \"Liverpool\"", "\"name\": \"Liverpaal\"");
    assert_eq!(club_of_konate(&env), "Liverpaal");
    // Found by its new name, suggested for a near miss.
    assert_eq!(
        env.json(&["club", "depth", "liverpaal"])["club"],
        "Liverpaal"
    );
    env.refused(&["club", "depth", "liverpol"], 1, "Liverpaal");
    // A question about a league sees every club.
    let rows = env.json(&[
        "contract", "expiring", "--year", "2026", "--league", "laliga",
    ]);
    let rows = rows.as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["club"] == "Real Madrid"), "{rows:?}");
}

#[test]
fn a_change_finds_its_club_by_name_in_the_index_and_writes_only_what_it_changed() {
    let env = TestEnv::shipped();
    env.ok(&["player", "show", "konate"]); // the index is built
    let clubs = env.data.join("clubs.json");
    let before = std::fs::read(&clubs).unwrap();
    // By name, accents and case aside: the change holds a few clubs only,
    // and never writes the clubs file.
    let added = env.json(&[
        "rumour",
        "add",
        "konate",
        "--to",
        "REAL madrid",
        "--source",
        "L'Equipe",
        "--date",
        "2025-10-20",
        "--note",
        "medical booked",
    ]);
    assert_eq!(added["to"], "Real Madrid", "{added}");
    assert_eq!(std::fs::read(&clubs).unwrap(), before);
    // A near miss is suggested from every club, an ambiguity lists them.
    env.refused(
        &[
            "rumour",
            "add",
            "konate",
            "--to",
            "real madird",
            "--source",
            "L'Equipe",
        ],
        1,
        "Real Madrid",
    );
    env.ok(&["club", "add", "Real Sociedad"]);
    let run = env.run(&[
        "rumour", "add", "konate", "--to", "rea", "--source", "L'Equipe",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("Real Madrid") && run.stderr.contains("Real Sociedad"));
    // A club renamed by hand is found by its new name at once.
    let text = std::fs::read_to_string(&clubs).unwrap();
    std::fs::write(&clubs, text.replace("\"Real Sociedad\"", "\"La Real\"")).unwrap();
    let renamed = std::fs::read(&clubs).unwrap();
    let added = env.json(&[
        "rumour",
        "add",
        "konate",
        "--to",
        "la real",
        "--source",
        "L'Equipe",
        "--date",
        "2025-10-20",
    ]);
    assert_eq!(added["to"], "La Real", "{added}");
    assert_eq!(std::fs::read(&clubs).unwrap(), renamed);
}

#[test]
fn a_scoped_change_that_moves_a_player_keeps_the_others_of_his_shard() {
    let env = TestEnv::shipped();
    env.ok(&["player", "show", "konate"]); // the index is built
    let alaba = env.json(&["player", "show", "alaba"]);
    let shard = env.data.join("players/4f.json");
    let holds = |id: &str| std::fs::read_to_string(&shard).unwrap().contains(id);
    assert!(holds("\"david-alaba\"") && holds("\"ibrahima-konate\""));
    // Konaté's renewal is done: his shard, read in part, is written whole.
    env.ok(&[
        "rumour",
        "update",
        "50369ebf",
        "--status",
        "done",
        "--date",
        "2025-10-20",
        "--until",
        "2030-06-30",
    ]);
    let konate = env.json(&["player", "show", "konate"]);
    assert_eq!(konate["player"]["contract_end"], "2030-06-30", "{konate}");
    assert!(holds("\"david-alaba\""), "Alaba is still in the file");
    assert_eq!(env.json(&["player", "show", "alaba"]), alaba);
    env.ok(&["check"]);
}

#[test]
fn a_past_day_lists_a_players_open_rumours_as_the_json_does() {
    let env = TestEnv::shipped();
    let add = |club: &str| {
        let added = env.json_as_of(
            "2025-10-21",
            &[
                "rumour", "add", "alaba", "--to", club, "--source", "L'Equipe",
            ],
        );
        added["id"].as_str().expect("an id").to_string()
    };
    let (a, b) = (add("bayern munich"), add("liverpool"));
    // The one first in id order falls through later: a read as of an
    // earlier day finds it open, after the others were read.
    let first = a.min(b);
    env.ok_as_of(
        "2025-11-01",
        &["rumour", "update", &first, "--status", "off"],
    );
    let args = ["contract", "expiring", "--year", "2026"];
    for day in ["2025-10-25", "2025-11-05"] {
        let rows = env.json_as_of(day, &args);
        assert_eq!(rows, env.json_without_index(day, &args), "as of {day}");
    }
    let alaba = |day: &str| {
        env.json_as_of(day, &args)
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["player_id"] == "david-alaba")
            .map(|r| r["open_rumours"].as_array().unwrap().len())
    };
    assert_eq!(alaba("2025-10-25"), Some(3));
    assert_eq!(alaba("2025-11-05"), Some(2));
}

/// Starts the story both scoped-read tests tell: Alaba to Liverpool, reported
/// on 2025-10-21. Returns the rumour's id.
fn alaba_to_liverpool(env: &TestEnv) -> String {
    let added = env.json_as_of(
        "2025-10-21",
        &[
            "rumour",
            "add",
            "alaba",
            "--to",
            "liverpool",
            "--source",
            "L'Equipe",
        ],
    );
    added["id"].as_str().expect("an id").to_string()
}

#[test]
fn rumour_list_filters_read_only_the_players_concerned_and_answer_as_the_json_does() {
    let env = TestEnv::shipped();
    // A story that changes status after the days asked about.
    let id = alaba_to_liverpool(&env);
    env.ok_as_of(
        "2025-11-01",
        &[
            "rumour", "update", &id, "--status", "talks", "--source", "L'Equipe",
        ],
    );
    env.ok_as_of("2025-11-20", &["rumour", "update", &id, "--status", "off"]);
    let filters: [&[&str]; 6] = [
        &["--club", "liverpool"],
        &["--club", "real madrid", "--open"],
        &["--status", "talks"],
        &["--status", "off", "--sort", "likelihood"],
        &["--open"],
        &["--since", "2025-10-20", "--club", "LFC"],
    ];
    for day in ["2025-10-19", "2025-10-25", "2025-11-05", "2025-12-01"] {
        for filter in filters {
            let args: Vec<&str> = ["rumour", "list"].iter().chain(filter).copied().collect();
            assert_eq!(
                env.json_as_of(day, &args),
                env.json_without_index(day, &args),
                "{args:?} as of {day}"
            );
        }
    }
    let talks = env.json_as_of("2025-11-05", &["rumour", "list", "--status", "talks"]);
    assert!(
        talks
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["player"] == "David Alaba"),
        "{talks}"
    );
    let later = env.json_as_of("2025-12-01", &["rumour", "list", "--status", "talks"]);
    assert!(
        !later
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["player"] == "David Alaba")
    );
}

#[test]
fn a_digest_reads_only_the_players_with_news_and_answers_as_the_json_does() {
    let env = TestEnv::shipped();
    let id = alaba_to_liverpool(&env);
    env.ok_as_of(
        "2025-11-01",
        &["rumour", "update", &id, "--status", "talks"],
    );
    // A signing: Konaté's renewal is done.
    env.ok_as_of(
        "2025-11-10",
        &[
            "rumour",
            "update",
            "50369ebf",
            "--status",
            "done",
            "--until",
            "2030-06-30",
        ],
    );
    // A signing with no rumour behind it.
    env.ok_as_of(
        "2025-11-08",
        &[
            "contract",
            "set",
            "huijsen",
            "--club",
            "real madrid",
            "--until",
            "2031-06-30",
            "--signed",
            "2025-11-08",
        ],
    );
    for (day, since) in [
        ("2025-10-20", None),
        ("2025-10-25", Some("2025-10-01")),
        ("2025-11-12", None),
        ("2025-11-12", Some("2025-11-05")),
        ("2026-01-01", Some("2025-10-01")),
    ] {
        let mut args = vec!["digest"];
        args.extend(since.iter().flat_map(|s| ["--since", *s]));
        assert_eq!(
            env.json_as_of(day, &args),
            env.json_without_index(day, &args),
            "{args:?} as of {day}"
        );
    }
    let text = env.ok_as_of("2025-11-12", &["digest"]);
    assert!(
        text.contains("Konaté") && text.contains("Huijsen"),
        "{text}"
    );
}

/// Every list reads its brief world from the index: with changes made
/// through mercato and behind its back, on days before, during and after
/// them, each answers exactly as the JSON alone does.
#[test]
fn every_list_answers_as_the_json_does() {
    let env = TestEnv::shipped();
    let id = alaba_to_liverpool(&env);
    env.ok_as_of(
        "2025-11-01",
        &[
            "rumour", "update", &id, "--status", "talks", "--source", "L'Equipe",
        ],
    );
    // The index is built, then files change behind mercato's back: a
    // contract end moved in place with its mtime put back, and a rumour
    // called off by hand in another shard.
    env.ok(&["rumour", "list"]);
    edit_in_place_keeping_mtime(
        &env.data.join("players/4f.json"),
        "\"end\": \"2026-06-30\",\n          \"signed_from\"",
        "\"end\": \"2027-06-30\",\n          \"signed_from\"",
    );
    let list = env.json(&["rumour", "list", "--player", "upamecano"]);
    let upamecano = list[0]["id"].as_str().expect("a rumour").to_string();
    let mut edited = false;
    for entry in std::fs::read_dir(env.data.join("rumours"))
        .unwrap()
        .flatten()
    {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        if text.contains(&upamecano) && text.contains("\"status\": \"rumour\",") {
            let off = text.replacen("\"status\": \"rumour\",", "\"status\": \"off\",", 1);
            std::fs::write(entry.path(), off).unwrap();
            edited = true;
        }
    }
    assert!(edited, "a rumour was called off by hand");
    let lists: &[&[&str]] = &[
        &["rumour", "list"],
        &["rumour", "list", "--sort", "player"],
        &["rumour", "list", "--player", "konate"],
        &["rumour", "list", "--club", "liverpool", "--open"],
        &["rumour", "list", "--status", "talks"],
        &["rumour", "list", "--source", "L'Equipe"],
        &["rumour", "list", "--min-tier", "2", "--sort", "likelihood"],
        &["player", "list"],
        &["player", "list", "--club", "liverpool"],
        &["player", "list", "--position", "CB"],
        &["club", "list"],
        &["source", "list"],
        &["contract", "timeline"],
        &["contract", "timeline", "--club", "real madrid"],
        &["digest"],
        &["digest", "--since", "2025-10-01"],
        &["club", "show", "liverpool"],
    ];
    for day in ["2025-10-19", ARTICLE_DAY, "2025-11-05", "2026-03-01"] {
        for args in lists {
            assert_eq!(
                env.json_as_of(day, args),
                env.json_without_index(day, args),
                "{args:?} as of {day}"
            );
        }
    }
    // Pages read only their rows (the first players in order, the clubs
    // and their players, the rumours last reported latest): each is the
    // head of the whole list, and says how long the whole list is.
    let pages: &[&[&str]] = &[
        &["player", "list"],
        &["club", "list"],
        &["rumour", "list", "--open"],
        &["rumour", "list", "--status", "rumour"],
    ];
    for day in ["2025-10-19", ARTICLE_DAY, "2025-11-05", "2026-03-01"] {
        for args in pages {
            let whole = env.json_as_of(day, args);
            let whole = whole.as_array().expect("a list");
            for limit in [1, 2, 3, 50] {
                let mut paged = args.to_vec();
                let limit_text = limit.to_string();
                paged.extend(["--limit", &limit_text]);
                let page = env.json_as_of(day, &paged);
                let head = &whole[..limit.min(whole.len())];
                assert_eq!(
                    page.as_array().expect("a list"),
                    head,
                    "{paged:?} as of {day}"
                );
                assert_eq!(
                    page,
                    env.json_without_index(day, &paged),
                    "{paged:?} as of {day}"
                );
                let note = env.run_as_of(day, &paged).stderr;
                if limit < whole.len() {
                    let says = format!("showing {limit} of {} (--limit {limit})", whole.len());
                    assert!(note.contains(&says), "{paged:?} as of {day}: {note}");
                } else {
                    assert!(!note.contains("showing"), "{paged:?} as of {day}: {note}");
                }
            }
        }
    }
}
