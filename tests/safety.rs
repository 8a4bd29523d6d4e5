//! Never lose a rumour: concurrent writers, killed writers, hostile input,
//! old formats, and git merges between clones.

use crate::common::{ARTICLE_DAY, TestEnv};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};

fn mercato() -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("mercato"));
    cmd.env_remove("MERCATO_DATA_DIR")
        .env_remove("MERCATO_AS_OF")
        .env("MERCATO_NO_INDEX", "1")
        .env("NO_COLOR", "1");
    cmd
}

/// The notes of every report of every rumour.
fn all_notes(env: &TestEnv) -> Vec<String> {
    let list = env.json(&["rumour", "list"]);
    list.as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["reports"].as_array().unwrap().clone())
        .filter_map(|r| r["note"].as_str().map(String::from))
        .collect()
}

#[test]
fn sixteen_concurrent_writers_lose_nothing() {
    let env = TestEnv::shipped();
    let players = ["konate", "upamecano", "alaba", "rudiger"];
    std::thread::scope(|scope| {
        for writer in 0..16 {
            let data = env.data.clone();
            let player = players[writer % players.len()];
            scope.spawn(move || {
                for i in 0..50 {
                    let out = mercato()
                        .args(["--data-dir"])
                        .arg(&data)
                        .args(["--as-of", ARTICLE_DAY, "--lock-timeout", "60"])
                        .args([
                            "rumour",
                            "add",
                            player,
                            "--to",
                            "Bournemouth",
                            "--source",
                            "Marca",
                        ])
                        .args(["--note", &format!("w{writer}-{i}")])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            });
        }
    });
    let notes = all_notes(&env);
    for writer in 0..16 {
        for i in 0..50 {
            let note = format!("w{writer}-{i}");
            assert!(notes.contains(&note), "{note} is missing");
        }
    }
    assert_eq!(notes.iter().filter(|n| n.starts_with('w')).count(), 800);
    let run = env.run(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

/// A small deterministic generator, so a failing run can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[test]
fn killed_writers_leave_a_valid_store_with_every_acknowledged_write() {
    let env = TestEnv::shipped();
    let mut rng = Lcg(20251020);
    let mut acknowledged = Vec::new();
    let mut kills = 0;
    let mut killed_mid_change = 0;
    let mut i = 0;
    // Kill anywhere in a whole run: time one first (the index and the
    // journal make a run longer or shorter as the code changes).
    let started = std::time::Instant::now();
    env.ok(&[
        "rumour",
        "add",
        "alaba",
        "--to",
        "Bournemouth",
        "--source",
        "S0",
    ]);
    let whole_run = started.elapsed().as_micros().max(2000) as u64;
    while kills < 200 {
        i += 1;
        assert!(i < 5000, "could not kill enough writers mid-run");
        let note = format!("k{i}");
        let player = ["konate", "upamecano", "alaba"][(i % 3) as usize];
        let mut child = mercato()
            .arg("--data-dir")
            .arg(&env.data)
            .args(["--as-of", ARTICLE_DAY])
            .args([
                "rumour",
                "add",
                player,
                "--to",
                "Bournemouth",
                "--source",
                &format!("S{}", i % 7),
            ])
            .args(["--note", &note])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(rng.next(whole_run)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            acknowledged.push(note);
        } else {
            kills += 1;
            if env
                .snapshot()
                .keys()
                .any(|p| p.to_string_lossy().contains(".pending."))
            {
                killed_mid_change += 1;
            }
        }
        if i % 25 == 0 {
            let run = env.run(&["check"]);
            assert_eq!(run.code, 0, "after write {i}: {}{}", run.stdout, run.stderr);
        }
    }
    assert!(killed_mid_change > 0, "no kill landed inside a change");
    let run = env.run(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let notes = all_notes(&env);
    for note in &acknowledged {
        assert!(notes.contains(note), "acknowledged write {note} was lost");
    }
    // The next write cleans up what killed writers left behind.
    env.ok(&["source", "add", "Cleaner"]);
    let leftovers: Vec<_> = env
        .snapshot()
        .into_keys()
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            name.contains(".pending.") || name.starts_with(".tmp-")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn hostile_names_notes_and_lengths() {
    let env = TestEnv::shipped();
    env.refused(
        &[
            "player",
            "add",
            "Bad\u{7}Bell",
            "--born",
            "2000-01-01",
            "--position",
            "CB",
        ],
        1,
        "control characters",
    );
    env.refused(
        &[
            "rumour",
            "add",
            "konate",
            "--renewal",
            "--source",
            "X",
            "--note",
            "ring\u{7}",
        ],
        1,
        "control characters",
    );
    env.refused(
        &["rumour", "add", "konate", "--renewal", "--source", "X\tY"],
        1,
        "control characters",
    );
    let huge = "é".repeat(60 * 1024); // 120 KiB of UTF-8: about as long as an argument can be
    env.refused(
        &[
            "rumour",
            "add",
            "konate",
            "--renewal",
            "--source",
            "X",
            "--note",
            &huge,
        ],
        1,
        "too long",
    );
    env.refused(
        &[
            "player",
            "add",
            &huge,
            "--born",
            "2000-01-01",
            "--position",
            "CB",
        ],
        1,
        "too long",
    );
    env.refused(&["club", "add", "../../etc/passwd"], 1, "path separators");
    env.refused(&["source", "add", "a\\b"], 1, "path separators");
    env.refused(&["player", "show", ".."], 1, "no player");
    env.refused(&["rumour", "show", "../../x"], 1, "no rumour");
}

#[test]
fn hostile_dates_and_arguments() {
    let env = TestEnv::shipped();
    env.refused(
        &[
            "rumour",
            "add",
            "konate",
            "--renewal",
            "--source",
            "X",
            "--date",
            "2025-02-30",
        ],
        2,
        "February 2025 has 28 days",
    );
    env.refused(
        &[
            "rumour",
            "add",
            "konate",
            "--renewal",
            "--source",
            "X",
            "--date",
            "2025-02-29",
        ],
        2,
        "28 days",
    );
    env.refused(
        &[
            "player",
            "add",
            "A B",
            "--born",
            "1899-12-31",
            "--position",
            "CB",
        ],
        1,
        "before 1900",
    );
    let before = env.snapshot();
    let out = mercato()
        .arg("--data-dir")
        .arg(&env.data)
        .args(["--as-of", "tomorrow", "club", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a date"));
    assert_eq!(before, env.snapshot());
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let before = env.snapshot();
        let out = mercato()
            .arg("--data-dir")
            .arg(&env.data)
            .args(["club", "add"])
            .arg(std::ffi::OsStr::from_bytes(b"Bad\xff\xfeClub"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("invalid UTF-8"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(before, env.snapshot());
    }
}

#[test]
fn hostile_data_directories() {
    let env = TestEnv::shipped();
    let missing = env.data.join("nope");
    let run = env.run_in(
        &missing,
        &["rumour", "add", "konate", "--renewal", "--source", "X"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(!missing.exists());

    let file = env.data.join("clubs.json");
    let run = env.run_in(&file, &["club", "list"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("is not a directory"), "{}", run.stderr);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let before = env.snapshot();
        std::fs::set_permissions(&env.data, std::fs::Permissions::from_mode(0o555)).unwrap();
        let run = env.run(&["rumour", "add", "konate", "--renewal", "--source", "X"]);
        let read = env.run(&["club", "list"]);
        std::fs::set_permissions(&env.data, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains("read-only"), "{}", run.stderr);
        assert_eq!(
            read.code, 0,
            "a read-only directory can still be read: {}",
            read.stderr
        );
        assert_eq!(before, env.snapshot());
    }
}

#[test]
fn a_busy_directory_times_out_cleanly() {
    let env = TestEnv::shipped();
    let before = env.snapshot();
    let dir = std::fs::File::open(&env.data).unwrap();
    dir.lock().unwrap();
    let started = std::time::Instant::now();
    let run = env.run(&["--lock-timeout", "0.3", "source", "add", "Relevo"]);
    assert!(started.elapsed() >= std::time::Duration::from_millis(300));
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("busy"), "{}", run.stderr);
    dir.unlock().unwrap();
    assert_eq!(before, env.snapshot());
    env.ok(&["source", "add", "Relevo"]);
}

#[test]
fn leftover_temp_files_are_ignored_and_cleaned() {
    let env = TestEnv::shipped();
    std::fs::write(env.data.join("players").join(".tmp-dead"), "half a file").unwrap();
    assert!(env.ok(&["check"]).contains("ok"));
    env.ok(&[
        "player",
        "add",
        "New Guy",
        "--born",
        "2000-01-01",
        "--position",
        "CB",
    ]);
    assert!(!env.data.join("players").join(".tmp-dead").exists());
}

#[test]
fn version_1_data_is_read_and_upgraded_on_write() {
    let env = TestEnv::shipped();
    // Turn the shipped data back into format version 1.
    let files = env.snapshot().into_keys();
    let json =
        files.filter(|p| p.extension().is_some_and(|e| e == "json") && !p.starts_with(".mercato"));
    for path in json.map(|p| env.data.join(p)) {
        let mut v: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        v.as_object_mut().unwrap().remove("kind");
        v["version"] = Value::from(1);
        std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    }
    let rows = env.json(&["contract", "expiring", "--year", "2026"]);
    assert_eq!(rows.as_array().unwrap().len(), 4);
    assert!(env.ok(&["check"]).contains("ok"));
    env.ok(&["source", "add", "Relevo"]);
    let sources = std::fs::read_to_string(env.data.join("sources.json")).unwrap();
    assert!(sources.contains("\"version\": 2"), "{sources}");
}

mod git {
    use super::*;

    use crate::common::git;

    /// An origin repository holding the shipped data, and two clones with
    /// the merge driver enabled.
    struct Team {
        _root: tempfile::TempDir,
        a: std::path::PathBuf,
        b: std::path::PathBuf,
    }

    impl Team {
        fn new() -> Team {
            let root = tempfile::tempdir().unwrap();
            let seed = root.path().join("seed");
            let shipped = TestEnv::shipped();
            std::fs::create_dir(&seed).unwrap();
            git(&seed, &["init", "-q"]);
            crate::common::copy_dir(&shipped.data, &seed.join("data"));
            git(&seed, &["add", "-A"]);
            git(&seed, &["commit", "-qm", "article data"]);
            git(root.path(), &["clone", "-q", "--bare", "seed", "origin"]);
            let driver = format!(
                "'{}' merge-driver %O %A %B %P",
                assert_cmd::cargo::cargo_bin!("mercato").display()
            );
            let mut clones = Vec::new();
            for name in ["a", "b"] {
                git(root.path(), &["clone", "-q", "origin", name]);
                let clone = root.path().join(name);
                git(&clone, &["config", "merge.mercato.driver", &driver]);
                clones.push(clone);
            }
            let b = clones.pop().unwrap();
            let a = clones.pop().unwrap();
            Team { _root: root, a, b }
        }

        fn mercato(&self, clone: &Path, args: &[&str]) {
            let out = mercato()
                .arg("--data-dir")
                .arg(clone.join("data"))
                .args(["--as-of", "2025-10-22"])
                .args(args)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            git(clone, &["add", "-A"]);
            git(clone, &["commit", "-qm", &args.join(" ")]);
        }

        /// A pushes, B pulls (a real merge), B pushes, A pulls.
        fn sync(&self) {
            git(&self.a, &["push", "-q", "origin", "HEAD:main"]);
            git(&self.b, &["pull", "-q", "--no-rebase", "origin", "main"]);
            git(&self.b, &["push", "-q", "origin", "HEAD:main"]);
            git(&self.a, &["pull", "-q", "--no-rebase", "origin", "main"]);
        }

        fn json(&self, clone: &Path, args: &[&str]) -> Value {
            let out = mercato()
                .arg("--data-dir")
                .arg(clone.join("data"))
                .args(["--as-of", "2025-10-22", "--json"])
                .args(args)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            serde_json::from_slice(&out.stdout).unwrap()
        }

        fn assert_clean(&self) {
            for clone in [&self.a, &self.b] {
                let out = mercato()
                    .arg("--data-dir")
                    .arg(clone.join("data"))
                    .arg("check")
                    .output()
                    .unwrap();
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stdout)
                );
                let status = git(clone, &["status", "--porcelain"]);
                assert!(
                    status.stdout.is_empty(),
                    "{}",
                    String::from_utf8_lossy(&status.stdout)
                );
            }
            let a = std::fs::read_dir(self.a.join("data/rumours"))
                .unwrap()
                .count();
            let b = std::fs::read_dir(self.b.join("data/rumours"))
                .unwrap()
                .count();
            assert_eq!(a, b);
        }
    }

    #[test]
    fn rumours_about_different_players_merge() {
        let team = Team::new();
        team.mercato(
            &team.a,
            &[
                "rumour",
                "add",
                "alaba",
                "--to",
                "bayern",
                "--source",
                "Sky Germany",
            ],
        );
        team.mercato(
            &team.b,
            &[
                "rumour",
                "add",
                "militao",
                "--to",
                "liverpool",
                "--source",
                "Globo",
            ],
        );
        team.sync();
        team.assert_clean();
        for clone in [&team.a, &team.b] {
            assert_eq!(
                team.json(clone, &["rumour", "list", "--player", "alaba"])
                    .as_array()
                    .unwrap()
                    .len(),
                2
            );
            assert_eq!(
                team.json(clone, &["rumour", "list", "--player", "militao"])
                    .as_array()
                    .unwrap()
                    .len(),
                1
            );
            let sources = team.json(clone, &["source", "list"]);
            assert_eq!(sources.as_array().unwrap().len(), 5, "both new sources");
        }
    }

    #[test]
    fn different_players_added_to_one_club_merge() {
        let team = Team::new();
        team.mercato(
            &team.a,
            &[
                "player",
                "add",
                "Raúl Asencio",
                "--born",
                "2003-02-13",
                "--position",
                "CB",
                "--club",
                "real",
                "--until",
                "2031-06-30",
            ],
        );
        team.mercato(
            &team.b,
            &[
                "player",
                "add",
                "Fran García",
                "--born",
                "1999-08-14",
                "--position",
                "LB",
                "--club",
                "real",
                "--until",
                "2027-06-30",
            ],
        );
        team.mercato(
            &team.b,
            &[
                "player",
                "add",
                "Jacobo Ramón",
                "--born",
                "2005-01-06",
                "--position",
                "CB",
                "--club",
                "real",
                "--until",
                "2029-06-30",
            ],
        );
        team.sync();
        team.assert_clean();
        for clone in [&team.a, &team.b] {
            let squad = team.json(clone, &["player", "list", "--club", "real"]);
            assert_eq!(squad.as_array().unwrap().len(), 9);
        }
    }

    #[test]
    fn reports_on_the_same_rumour_merge() {
        let team = Team::new();
        team.mercato(
            &team.a,
            &[
                "rumour",
                "add",
                "upamecano",
                "--to",
                "real",
                "--source",
                "Marca",
                "--note",
                "from A",
            ],
        );
        team.mercato(
            &team.b,
            &[
                "rumour",
                "add",
                "upamecano",
                "--to",
                "real",
                "--source",
                "AS",
                "--note",
                "from B",
            ],
        );
        team.mercato(
            &team.b,
            &[
                "rumour",
                "add",
                "upamecano",
                "--to",
                "real",
                "--source",
                "Relevo",
                "--note",
                "from B again",
            ],
        );
        team.sync();
        team.assert_clean();
        for clone in [&team.a, &team.b] {
            let list = team.json(
                clone,
                &["rumour", "list", "--player", "upamecano", "--open"],
            );
            assert_eq!(list.as_array().unwrap().len(), 1, "one rumour, not two");
            let notes: Vec<&str> = list[0]["reports"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|r| r["note"].as_str())
                .collect();
            for note in ["from A", "from B", "from B again"] {
                assert!(notes.contains(&note), "{note} missing: {notes:?}");
            }
            assert_eq!(list[0]["reports"].as_array().unwrap().len(), 5);
        }
    }

    #[test]
    fn a_new_rumour_started_in_both_clones_becomes_one() {
        let team = Team::new();
        team.mercato(
            &team.a,
            &[
                "rumour",
                "add",
                "huijsen",
                "--to",
                "liverpool",
                "--source",
                "Marca",
                "--date",
                "2025-10-21",
            ],
        );
        team.mercato(
            &team.b,
            &[
                "rumour",
                "add",
                "huijsen",
                "--to",
                "liverpool",
                "--source",
                "AS",
                "--date",
                "2025-10-22",
            ],
        );
        team.sync();
        team.assert_clean();
        let list = team.json(&team.a, &["rumour", "list", "--player", "huijsen"]);
        assert_eq!(list.as_array().unwrap().len(), 1);
        assert_eq!(list[0]["reports"].as_array().unwrap().len(), 2);
    }
}

/// Runs mercato under umask 022, whatever the test process's own umask is.
#[cfg(unix)]
fn mercato_under_umask_022(data: &Path, args: &[&str]) {
    let out = Command::new("sh")
        .arg("-c")
        .arg(r#"umask 022 && exec "$0" "$@""#)
        .arg(assert_cmd::cargo::cargo_bin!("mercato"))
        .arg("--data-dir")
        .arg(data)
        .args(["--as-of", ARTICLE_DAY])
        .args(args)
        .env_remove("MERCATO_DATA_DIR")
        .env_remove("MERCATO_AS_OF")
        .env("MERCATO_NO_INDEX", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mercato {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every file and directory under `dir` with its permission bits.
#[cfg(unix)]
fn modes(dir: &Path) -> Vec<(String, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
        out.push((path.display().to_string(), mode));
        if path.is_dir() {
            out.extend(modes(&path));
        }
    }
    out
}

#[cfg(unix)]
#[test]
fn written_files_follow_the_umask_and_replaced_ones_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::empty();
    let run = |args: &[&str]| mercato_under_umask_022(&env.data, args);
    run(&["club", "add", "Liverpool"]);
    run(&["club", "add", "Real Madrid"]);
    let written = modes(&env.data);
    assert!(
        written.iter().any(|(p, _)| p.ends_with("clubs.json"))
            && written.iter().any(|(p, _)| p.contains("undo")),
        "{written:?}"
    );
    for (path, mode) in &written {
        let expected = if Path::new(path).is_dir() {
            0o755
        } else {
            0o644
        };
        assert_eq!(*mode, expected, "{path} is {mode:o}, not {expected:o}");
    }

    // A mode chosen for a shared checkout survives the next change.
    let clubs = env.data.join("clubs.json");
    std::fs::set_permissions(&clubs, std::fs::Permissions::from_mode(0o664)).unwrap();
    run(&["club", "add", "Bayern Munich"]);
    assert!(std::fs::read_to_string(&clubs).unwrap().contains("Bayern"));
    let mode = std::fs::metadata(&clubs).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o664, "clubs.json is {mode:o}");
}
