//! Records out of place or twice (#21): a hand edit that moves a record to
//! another shard, or copies it, is a data error every command refuses, the
//! data left byte for byte, `check` naming it and `check --fix` moving it.

use crate::common::TestEnv;
use serde_json::Value;

fn read(env: &TestEnv, file: &str) -> Value {
    serde_json::from_slice(&std::fs::read(env.data.join(file)).unwrap()).unwrap()
}

fn write(env: &TestEnv, file: &str, value: &Value) {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap();
    bytes.push(b'\n');
    std::fs::write(env.data.join(file), bytes).unwrap();
}

/// Moves the record `id` from one file to another, as a hand edit would.
fn move_record(env: &TestEnv, id: &str, from: &str, to: &str) {
    let mut source = read(env, from);
    let records = source["records"].as_array_mut().unwrap();
    let at = records.iter().position(|r| r["id"] == id).unwrap();
    let record = records.remove(at);
    write(env, from, &source);
    let mut target = if env.data.join(to).exists() {
        read(env, to)
    } else {
        serde_json::json!({"version": 2, "kind": source["kind"], "records": []})
    };
    target["records"].as_array_mut().unwrap().push(record);
    write(env, to, &target);
}

/// Copies the record `id` within its file, `change` made to the copy.
fn duplicate_record(env: &TestEnv, id: &str, file: &str, change: impl Fn(&mut Value)) {
    let mut value = read(env, file);
    let records = value["records"].as_array_mut().unwrap();
    let mut copy = records.iter().find(|r| r["id"] == id).unwrap().clone();
    change(&mut copy);
    records.push(copy);
    write(env, file, &value);
}

/// `check` fails naming the file, the id and what to do.
fn check_names(env: &TestEnv, file: &str, id: &str, what: &str) {
    let run = env.run(&["check"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    for part in [file, id, what] {
        assert!(all.contains(part), "check should name {part:?}:\n{all}");
    }
}

const READS: &[&[&str]] = &[
    &["player", "list"],
    &["rumour", "list"],
    &["club", "list"],
    &["club", "depth", "Real Madrid"],
    &["contract", "expiring", "--year", "2026"],
    &["digest"],
];

#[test]
fn a_player_in_another_shard_is_refused_by_reads_and_writes() {
    let env = TestEnv::shipped();
    move_record(
        &env,
        "ibrahima-konate",
        "players/4f.json",
        "players/2c.json",
    );
    let said = "players/2c.json: player 'ibrahima-konate' is out of place";
    for args in READS.iter().copied().chain([
        &["player", "show", "konate"][..],
        &["player", "show", "upamecano"],
        &["player", "edit", "upamecano", "--caps", "10"],
        &["player", "edit", "konate", "--caps", "10"],
        &["rumour", "show", "110df7be"],
        &[
            "rumour",
            "add",
            "upamecano",
            "--to",
            "liverpool",
            "--source",
            "Marca",
        ],
    ]) {
        env.refused(args, 1, said);
    }
    check_names(&env, "players/2c.json", "ibrahima-konate", "check --fix");
}

#[test]
fn a_rumour_in_another_shard_is_refused_never_not_found() {
    let env = TestEnv::shipped();
    move_record(&env, "110df7be", "rumours/4f.json", "rumours/2c.json");
    let said = "rumours/2c.json: rumour '110df7be' is out of place";
    for args in READS.iter().copied().chain([
        &["rumour", "show", "110df7be"][..],
        &["rumour", "show", "konate"],
        &[
            "rumour",
            "add",
            "upamecano",
            "--to",
            "liverpool",
            "--source",
            "Marca",
        ],
        &["rumour", "update", "10dcabc2", "--status", "talks"],
    ]) {
        env.refused(args, 1, said);
    }
    check_names(&env, "rumours/2c.json", "110df7be", "rumours/4f.json");
}

#[test]
fn an_id_twice_in_a_shard_is_refused_by_reads_and_writes() {
    let env = TestEnv::shipped();
    duplicate_record(&env, "ibrahima-konate", "players/4f.json", |p| {
        p["caps"] = 99.into();
    });
    duplicate_record(&env, "d43cc212", "rumours/4f.json", |r| {
        r["reports"].as_array_mut().unwrap().push(serde_json::json!(
            {"date": "2025-10-19", "source": "marca"}
        ));
    });
    for args in READS.iter().copied().chain([
        &["player", "show", "konate"][..],
        &[
            "rumour",
            "update",
            "110df7be",
            "--status",
            "done",
            "--until",
            "2030-06-30",
        ],
        &[
            "rumour",
            "add",
            "alaba",
            "--to",
            "liverpool",
            "--source",
            "Marca",
        ],
        &["export"],
    ]) {
        env.refused(args, 1, "appears more than once");
    }
    check_names(&env, "players/4f.json", "ibrahima-konate", "more than once");
}

#[test]
fn check_fix_moves_records_home_undo_puts_them_back_and_duplicates_stay() {
    let env = TestEnv::shipped();
    let shipped = env.snapshot();
    move_record(
        &env,
        "ibrahima-konate",
        "players/4f.json",
        "players/2c.json",
    );
    move_record(&env, "110df7be", "rumours/4f.json", "rumours/2c.json");
    let misplaced = env.snapshot();
    let run = env.run(&["check", "--fix"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    for moved in [
        "moved player 'ibrahima-konate' from players/2c.json to players/4f.json",
        "moved rumour '110df7be' from rumours/2c.json to rumours/4f.json",
    ] {
        assert!(run.stderr.contains(moved), "{}", run.stderr);
    }
    let mut fixed = env.snapshot();
    fixed.retain(|path, _| !path.starts_with(".mercato"));
    assert_eq!(fixed, shipped, "every record back in its file, as shipped");
    env.ok(&["undo"]);
    let mut undone = env.snapshot();
    undone.retain(|path, _| !path.starts_with(".mercato"));
    let mut misplaced = misplaced;
    misplaced.retain(|path, _| !path.starts_with(".mercato"));
    assert_eq!(undone, misplaced, "undo puts the hand edit back");

    // A copy in the right file already: both stay, both shown.
    duplicate_record(&env, "dayot-upamecano", "players/2c.json", |p| {
        p["caps"] = 99.into();
    });
    let before = env.snapshot();
    let run = env.run(&["check", "--fix"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("left for you: player 'dayot-upamecano' is there 2 times"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("\"caps\":99"), "{}", run.stderr);
    // The misplaced ones moved; the two copies are still there.
    let after = read(&env, "players/2c.json");
    let copies = after["records"].as_array().unwrap();
    assert_eq!(copies.len(), 2, "{after}");
    assert_ne!(before, env.snapshot());
    check_names(&env, "players/2c.json", "dayot-upamecano", "more than once");
}

/// A bundle of the shipped store, outside the data directory, with `change` made.
fn bundle(env: &TestEnv, change: impl Fn(&mut Value)) -> String {
    let path = env.data.parent().unwrap().join("bundle.json");
    let path = path.to_str().unwrap().to_string();
    env.ok(&["export", "--out", &path]);
    let mut value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    change(&mut value);
    std::fs::write(&path, serde_json::to_vec_pretty(&value).unwrap()).unwrap();
    path
}

/// Pushes a copy of `key`'s record `id` (changed by `change`) into the bundle.
fn twice(value: &mut Value, key: &str, id: &str, change: impl Fn(&mut Value)) {
    let list = value[key].as_array_mut().unwrap();
    let mut copy = list.iter().find(|r| r["id"] == id).unwrap().clone();
    change(&mut copy);
    list.push(copy);
}

/// A hand edit of a bundle.
type Edit = dyn Fn(&mut Value);

#[test]
fn a_bundle_with_a_record_twice_is_refused_whole() {
    let env = TestEnv::shipped();
    let cases: Vec<(Box<Edit>, &str)> = vec![
        (
            Box::new(|b| twice(b, "players", "ibrahima-konate", |_| {})),
            "player 'ibrahima-konate'",
        ),
        (
            Box::new(|b| twice(b, "sources", "fichajes", |s| s["tier"] = 1.into())),
            "source 'fichajes'",
        ),
        (
            Box::new(|b| twice(b, "clubs", "liverpool", |_| {})),
            "club 'liverpool'",
        ),
        (
            Box::new(|b| twice(b, "rumours", "110df7be", |_| {})),
            "rumour '110df7be'",
        ),
        (
            Box::new(|b| {
                let contracts = b["contracts"].as_array_mut().unwrap();
                let first = contracts[0].clone();
                contracts.push(first);
            }),
            "a contract of player",
        ),
    ];
    for (change, named) in cases {
        let path = bundle(&env, change);
        env.refused(&["import", "bundle", &path], 1, named);
        env.refused(&["import", "bundle", &path], 1, "nothing was imported");
    }
}

#[test]
fn export_refuses_the_data_directory_and_a_store_check_fails() {
    let env = TestEnv::shipped();
    for inside in ["players/2c.json", "bundle.json", "players/new.json"] {
        let out = env.data.join(inside);
        env.refused(
            &["export", "--out", out.to_str().unwrap()],
            1,
            "is inside the data directory",
        );
    }
    move_record(&env, "110df7be", "rumours/4f.json", "rumours/2c.json");
    let out = env.data.parent().unwrap().join("out.json");
    env.refused(
        &["export", "--out", out.to_str().unwrap()],
        1,
        "is out of place",
    );
    assert!(!out.exists());
}

/// Runs the merge driver on three versions of players/4f.json; returns the
/// run and what OURS holds after.
fn merge(env: &TestEnv, base: &[u8], ours: &[u8], theirs: &[u8]) -> (crate::common::Run, Vec<u8>) {
    let dir = env.data.parent().unwrap();
    let [b, o, t] = ["base", "ours", "theirs"].map(|n| dir.join(n));
    for (path, bytes) in [(&b, base), (&o, ours), (&t, theirs)] {
        std::fs::write(path, bytes).unwrap();
    }
    let args = [
        b.to_str().unwrap(),
        o.to_str().unwrap(),
        t.to_str().unwrap(),
    ];
    let run = env.run(&[
        "merge-driver",
        args[0],
        args[1],
        args[2],
        "data/players/4f.json",
    ]);
    (run, std::fs::read(&o).unwrap())
}

#[test]
fn the_merge_driver_refuses_a_blank_side_and_an_id_twice() {
    let env = TestEnv::shipped();
    let file = std::fs::read(env.data.join("players/4f.json")).unwrap();
    for blank in [&b""[..], b"  \n"] {
        for (ours, theirs) in [(blank, &file[..]), (&file[..], blank)] {
            let (run, after) = merge(&env, &file, ours, theirs);
            assert_eq!(run.code, 1, "{}", run.stderr);
            assert!(run.stderr.contains("the file is empty"), "{}", run.stderr);
            assert_eq!(after, ours, "OURS untouched");
        }
    }
    // Blank on every side but one: an add/add, merged.
    let (run, after) = merge(&env, b"", b"", &file);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(after, file);

    duplicate_record(&env, "ibrahima-konate", "players/4f.json", |p| {
        p["caps"] = 99.into();
    });
    let twice = std::fs::read(env.data.join("players/4f.json")).unwrap();
    for (ours, theirs) in [(&file, &twice), (&twice, &file)] {
        let (run, after) = merge(&env, &file, ours, theirs);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr
                .contains("record 'ibrahima-konate' appears more than once"),
            "{}",
            run.stderr
        );
        assert_eq!(&after, ours, "OURS untouched");
    }
}

#[test]
fn sources_are_matched_by_whole_name_and_new_source_creates_the_one_named() {
    let env = TestEnv::shipped();
    env.ok(&["source", "add", "Radio 10"]);
    env.ok(&["source", "add", "The Athletic Sports", "--tier", "1"]);
    // Not by prefix: "Radio 1" is a typo-looking name, never Radio 10.
    env.refused(
        &[
            "rumour",
            "add",
            "konate",
            "--to",
            "real madrid",
            "--source",
            "Radio 1",
        ],
        1,
        "not a known source",
    );
    let run = env.run(&[
        "rumour",
        "add",
        "konate",
        "--to",
        "real madrid",
        "--source",
        "Radio 1",
        "--new-source",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("credited to Radio 1 (radio-1)"),
        "{}",
        run.stdout
    );
    let run = env.run(&[
        "rumour",
        "add",
        "alaba",
        "--to",
        "liverpool",
        "--source",
        "The Athletic",
        "--new-source",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("credited to The Athletic (the-athletic)"),
        "{}",
        run.stdout
    );
    let sources = env.json(&["source", "list"]);
    let names: Vec<&str> = sources
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    for name in ["Radio 1", "Radio 10", "The Athletic", "The Athletic Sports"] {
        assert!(names.contains(&name), "{names:?}");
    }
    // --new-source with a name that exists: refused, not credited elsewhere.
    env.refused(
        &[
            "rumour",
            "add",
            "konate",
            "--to",
            "real madrid",
            "--source",
            "radio 10",
            "--new-source",
        ],
        1,
        "a source named 'radio 10' exists already",
    );
    // Without it, the whole name credits the source, and says so.
    let run = env.run(&[
        "rumour",
        "add",
        "konate",
        "--to",
        "real madrid",
        "--source",
        "radio 10",
    ]);
    assert!(
        run.stdout.contains("credited to Radio 10 (radio-10)"),
        "{}",
        run.stdout
    );
    let run = env.run(&[
        "rumour",
        "update",
        "9cddfc5a",
        "--status",
        "talks",
        "--source",
        "the athletic",
    ]);
    assert!(
        run.stdout
            .contains("credited to The Athletic (the-athletic)"),
        "{}{}",
        run.stdout,
        run.stderr
    );
}

#[test]
fn smaller_hand_edits_and_inputs_are_refused_with_the_data_kept() {
    let env = TestEnv::shipped();
    let add = |extra: &[&str]| -> Vec<String> {
        let mut args: Vec<String> = [
            "rumour",
            "add",
            "konate",
            "--to",
            "real madrid",
            "--source",
            "Marca",
        ]
        .map(String::from)
        .to_vec();
        args.extend(extra.iter().map(|s| s.to_string()));
        args
    };
    let refused_with = |code: i32, args: Vec<String>, said: &str| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        env.refused(&args, code, said);
    };
    let refused = |args: Vec<String>, said: &str| refused_with(1, args, said);
    refused(add(&["--date", "0000-06-01"]), "is before 1850");
    refused(
        vec![
            "contract",
            "set",
            "konate",
            "--club",
            "liverpool",
            "--signed",
            "1990-01-01",
            "--until",
            "2030-06-30",
        ]
        .into_iter()
        .map(String::from)
        .collect(),
        "before the player was born",
    );
    refused(
        ["club", "depth", "Real Madrid", "--set", "CB", ""]
            .map(String::from)
            .to_vec(),
        "names no player",
    );
    // A fee clap reads is a usage error (exit 2), as one part over 10bn is.
    refused_with(
        2,
        add(&["--fee", "9999m+9999m"]),
        "adds up to more than 10bn",
    );
    refused(
        add(&["--fee", "£5m", "--currency", "USD"]),
        "is in GBP but --currency says USD",
    );
    let long = format!("Kon\n{}", "a".repeat(100_000));
    let run = env.run(&["player", "show", &long]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("Kon\\naaa"),
        "{}",
        &run.stderr[..300.min(run.stderr.len())]
    );
    assert!(
        run.stderr.len() < 1_000,
        "echoed {} bytes",
        run.stderr.len()
    );
    // A value clap refuses is echoed the same way.
    let date = format!("2025\n{}", "a".repeat(100_000));
    let args = add(&["--date", &date]);
    let run = env.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("'2025\\naaa"),
        "{}",
        &run.stderr[..300.min(run.stderr.len())]
    );
    assert!(
        run.stderr.len() < 1_000,
        "echoed {} bytes",
        run.stderr.len()
    );
}

#[test]
fn a_damaged_data_directory_is_refused_without_blocking() {
    let env = TestEnv::shipped();
    std::fs::rename(env.data.join("clubs.json"), env.data.join("../clubs.json")).unwrap();
    env.refused(&["club", "list"], 1, "no clubs.json");
    env.refused(
        &[
            "player",
            "add",
            "Someone New",
            "--position",
            "CB",
            "--born",
            "2001-01-01",
        ],
        1,
        "no clubs.json",
    );
    std::fs::rename(env.data.join("../clubs.json"), env.data.join("clubs.json")).unwrap();

    let shard = env.data.join("players/2c.json");
    std::fs::remove_file(&shard).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&shard)
        .status()
        .unwrap();
    assert!(made.success());
    for args in [
        &["player", "list"][..],
        &["player", "show", "konate"],
        &["check"],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
        assert!(
            run.stdout.contains("not a regular file") || run.stderr.contains("not a regular file"),
            "{args:?}: {}{}",
            run.stdout,
            run.stderr
        );
    }
    std::fs::remove_file(&shard).unwrap();

    // init: an empty or new directory, or a data directory; nothing else.
    let other = env.data.parent().unwrap().join("notes");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("todo.txt"), "mine").unwrap();
    let run = env.run(&["init", other.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("not a mercato data directory"),
        "{}",
        run.stderr
    );
    let left: Vec<_> = std::fs::read_dir(&other)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, ["todo.txt"]);
    let fresh = env.data.parent().unwrap().join("fresh");
    assert_eq!(env.run(&["init", fresh.to_str().unwrap()]).code, 0);
    assert_eq!(env.run(&["init", env.data.to_str().unwrap()]).code, 0);
}

#[test]
fn one_rumour_id_in_two_files_is_refused_with_or_without_an_index() {
    for indexed_first in [false, true] {
        let env = TestEnv::shipped();
        if indexed_first {
            env.ok(&["rumour", "show", "110df7be"]);
            env.ok(&["rumour", "list"]);
        }
        // Both copies in their own player's shard: only the id repeats.
        let mut copy = read(&env, "rumours/4f.json")["records"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == "110df7be")
            .unwrap()
            .clone();
        copy["player"] = "dayot-upamecano".into();
        let mut shard = read(&env, "rumours/2c.json");
        shard["records"].as_array_mut().unwrap().push(copy);
        write(&env, "rumours/2c.json", &shard);
        for args in READS.iter().copied().chain([
            &["rumour", "show", "110df7be"][..],
            &["player", "show", "upamecano"],
            &[
                "rumour",
                "add",
                "upamecano",
                "--to",
                "liverpool",
                "--source",
                "Fichajes",
            ],
        ]) {
            env.refused(args, 1, "rumour '110df7be' appears more than once");
        }
        check_names(&env, "rumours/", "110df7be", "more than once");
    }
}

/// Commands a scout might run on the shipped store, none of which removes
/// a record: on a damaged store each must refuse or keep every copy whole.
const OPS: &[&[&str]] = &[
    &["player", "edit", "upamecano", "--caps", "11"],
    &["player", "edit", "konate", "--caps", "12"],
    &["player", "edit", "alaba", "--alias", "DA"],
    &[
        "rumour",
        "add",
        "upamecano",
        "--to",
        "liverpool",
        "--source",
        "Fichajes",
    ],
    &[
        "rumour",
        "add",
        "alaba",
        "--to",
        "liverpool",
        "--source",
        "Fichajes",
    ],
    &["rumour", "update", "110df7be", "--status", "talks"],
    &["rumour", "update", "d43cc212", "--status", "talks"],
    &["rumour", "update", "10dcabc2", "--status", "talks"],
    &[
        "contract",
        "set",
        "konate",
        "--club",
        "liverpool",
        "--until",
        "2031-06-30",
    ],
    &["club", "depth", "Liverpool", "--set", "CB", "konate"],
    &["check", "--fix"],
    &["undo"],
];

/// The hand edits: a record moved to another shard, or copied with a change.
fn damage(env: &TestEnv, which: usize) -> &'static str {
    match which {
        0 => {
            move_record(env, "ibrahima-konate", "players/4f.json", "players/2c.json");
            "ibrahima-konate"
        }
        1 => {
            move_record(env, "110df7be", "rumours/4f.json", "rumours/2c.json");
            "110df7be"
        }
        2 => {
            duplicate_record(env, "ibrahima-konate", "players/4f.json", |p| {
                p["caps"] = 99.into();
            });
            "ibrahima-konate"
        }
        _ => {
            duplicate_record(env, "d43cc212", "rumours/4f.json", |r| {
                let report = serde_json::json!({"date": "2025-10-19", "source": "fichajes"});
                r["reports"].as_array_mut().unwrap().push(report);
            });
            "d43cc212"
        }
    }
}

/// Every (field, value) of every copy of record `id` in the shard files,
/// wherever it lies.
fn triples(env: &TestEnv, id: &str) -> std::collections::BTreeSet<(String, String)> {
    let mut out = std::collections::BTreeSet::new();
    for sub in ["players", "rumours"] {
        for entry in std::fs::read_dir(env.data.join(sub)).unwrap().flatten() {
            let file = format!("{sub}/{}", entry.file_name().to_string_lossy());
            for record in read(env, &file)["records"].as_array().unwrap() {
                if record["id"] == id {
                    for (field, value) in record.as_object().unwrap() {
                        out.insert((field.clone(), value.to_string()));
                    }
                }
            }
        }
    }
    out
}

/// Whether a record lies outside its shard's file or an id is there twice,
/// seen from the files themselves (not through mercato's own check).
fn out_of_place(env: &TestEnv) -> bool {
    let mut seen = std::collections::HashSet::new();
    for sub in ["players", "rumours"] {
        for entry in std::fs::read_dir(env.data.join(sub)).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let shard = name.trim_end_matches(".json");
            for record in read(env, &format!("{sub}/{name}"))["records"]
                .as_array()
                .unwrap()
            {
                let owner = if sub == "players" {
                    &record["id"]
                } else {
                    &record["player"]
                };
                let owner = mercato::model::PlayerId(owner.as_str().unwrap().to_string());
                let id = format!("{sub}/{}", record["id"]);
                if mercato::store::shard_of(&owner) != shard || !seen.insert(id) {
                    return true;
                }
            }
        }
    }
    false
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 24, ..Default::default() })]

    /// #21's property: on a store with a record out of place or twice, no
    /// sequence of commands loses any (id, field, value) of that record
    /// while the damage is there.
    #[test]
    fn a_damaged_record_loses_nothing(
        which in 0..4usize,
        ops in proptest::collection::vec(0..OPS.len(), 1..6),
    ) {
        let env = TestEnv::shipped();
        let id = damage(&env, which);
        for op in ops {
            let damaged = out_of_place(&env);
            let before = triples(&env, id);
            let run = env.run(OPS[op]);
            proptest::prop_assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
            let after = triples(&env, id);
            proptest::prop_assert!(
                !damaged || before.is_subset(&after),
                "{:?} lost {:?}",
                OPS[op],
                before.difference(&after).collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn check_names_every_record_out_of_place_and_checks_the_rest() {
    let env = TestEnv::shipped();
    move_record(
        &env,
        "ibrahima-konate",
        "players/4f.json",
        "players/2c.json",
    );
    move_record(&env, "david-alaba", "players/4f.json", "players/2c.json");
    duplicate_record(&env, "liverpool", "clubs.json", |_| {});
    let run = env.run(&["check"]);
    assert_eq!(run.code, 1);
    for said in [
        "players/2c.json: player 'ibrahima-konate' is out of place: its shard is players/4f.json",
        "players/2c.json: player 'david-alaba' is out of place: its shard is players/4f.json",
        "clubs.json: club 'liverpool' appears more than once",
    ] {
        assert!(run.stdout.contains(said), "{}", run.stdout);
    }
    // Their rumours still find them: no "unknown player" for a misplaced one.
    assert!(!run.stdout.contains("unknown player"), "{}", run.stdout);
    assert!(run.stderr.contains("3 problems found"), "{}", run.stderr);
}
