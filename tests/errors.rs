//! Bad input: a clear message, the right exit code, and data/ untouched.

use crate::common::TestEnv;

#[test]
fn a_misspelt_player_gets_a_suggestion() {
    let env = TestEnv::shipped();
    env.refused(
        &[
            "rumour",
            "add",
            "upamecanno",
            "--to",
            "real madrid",
            "--source",
            "Marca",
            "--date",
            "2025-10-21",
        ],
        1,
        "did you mean 'Dayot Upamecano'?",
    );
}

#[test]
fn a_misspelt_club_gets_a_suggestion() {
    let env = TestEnv::shipped();
    env.refused(
        &[
            "rumour",
            "add",
            "upamecano",
            "--to",
            "real madird",
            "--source",
            "Marca",
        ],
        1,
        "did you mean 'Real Madrid'?",
    );
    env.refused(
        &["club", "depth", "liverpol"],
        1,
        "did you mean 'Liverpool'?",
    );
}

#[test]
fn impossible_dates_are_usage_errors() {
    let env = TestEnv::shipped();
    env.refused(
        &[
            "rumour",
            "add",
            "upamecano",
            "--to",
            "real madrid",
            "--source",
            "Marca",
            "--date",
            "2025-02-30",
        ],
        2,
        "February 2025 has 28 days",
    );
    env.refused(&["contract", "expiring", "--year", "20x6"], 2, "not a year");
    env.refused(
        &[
            "player",
            "add",
            "X Y",
            "--born",
            "2001-13-01",
            "--position",
            "CB",
        ],
        2,
        "no month 13",
    );
}

#[test]
fn impossible_facts_are_refused_with_the_reason() {
    let env = TestEnv::shipped();
    env.refused(
        &[
            "player",
            "add",
            "Future Kid",
            "--born",
            "2030-01-01",
            "--position",
            "CB",
        ],
        1,
        "after the as-of date",
    );
    env.refused(
        &[
            "contract",
            "set",
            "konate",
            "--club",
            "liverpool",
            "--since",
            "2026-07-01",
            "--until",
            "2025-06-30",
        ],
        1,
        "before it starts",
    );
    env.refused(
        &[
            "player",
            "add",
            "X Y",
            "--born",
            "2001-01-01",
            "--position",
            "XB",
        ],
        2,
        "unknown position 'XB'",
    );
    // A tier that does not exist is wrong whatever the data: a usage error.
    env.refused(
        &["source", "add", "Somebody", "--tier", "9"],
        2,
        "tier 9 does not exist",
    );
    env.refused(&["club", "add", "real madrid"], 1, "already exists");
    env.refused(
        &[
            "player",
            "add",
            "Ibrahima Konate",
            "--born",
            "1999-05-25",
            "--position",
            "CB",
        ],
        1,
        "already exists",
    );
    env.refused(
        &[
            "rumour",
            "add",
            "konate",
            "--to",
            "liverpool",
            "--source",
            "Marca",
        ],
        1,
        "already plays for Liverpool",
    );
}

#[test]
fn ambiguity_lists_the_candidates() {
    let env = TestEnv::shipped();
    let run = env.run(&["player", "show", "d"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("matches several players"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("David Alaba") && run.stderr.contains("Dean Huijsen"),
        "{}",
        run.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    let env = TestEnv::shipped();
    env.refused(&["rumour", "add", "konate", "--source", "Marca"], 2, "--to");
    env.refused(
        &[
            "rumour",
            "add",
            "konate",
            "--renewal",
            "--leaving",
            "--source",
            "X",
        ],
        2,
        "cannot be used with",
    );
    env.refused(&["rumor"], 2, "rumour");
}

#[test]
fn hostile_text_is_refused() {
    let env = TestEnv::shipped();
    env.refused(
        &["club", "add", "Evil\u{1b}[31mClub"],
        1,
        "control characters",
    );
    env.refused(&["club", "add", "../.."], 1, "path separators");
    let long = "x".repeat(100_000);
    env.refused(&["source", "add", &long], 1, "too long");
    env.refused(
        &[
            "rumour",
            "add",
            "konate",
            "--renewal",
            "--source",
            "L'Equipe",
            "--url",
            "javascript:alert(1)",
        ],
        1,
        "must start with http",
    );
}

#[test]
fn a_broken_file_is_reported_and_never_overwritten() {
    let env = TestEnv::shipped();
    let clubs = env.data.join("clubs.json");
    std::fs::write(
        &clubs,
        "{\n  \"version\": 1,\n  \"records\": [\n    {\"id\": \"x\",}\n  ]\n}\n",
    )
    .unwrap();
    env.refused(&["club", "add", "Arsenal"], 1, "clubs.json:4:");
    env.refused(&["club", "depth", "real"], 1, "clubs.json:4:");
    let run = env.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stdout.contains("clubs.json: 4:") || run.stdout.contains("clubs.json:"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_newer_format_is_refused() {
    let env = TestEnv::shipped();
    std::fs::write(
        env.data.join("sources.json"),
        "{\"version\": 7, \"records\": [], \"future\": true}\n",
    )
    .unwrap();
    env.refused(&["source", "list"], 1, "written by a newer mercato");
}

#[test]
fn check_lists_every_problem() {
    let env = TestEnv::shipped();
    std::fs::write(env.data.join("sources.json"), "not json").unwrap();
    std::fs::write(
        env.data.join("clubs.json"),
        "{\"version\": 1, \"records\": []}\n",
    )
    .unwrap();
    let run = env.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("sources.json"), "{}", run.stdout);
    assert!(
        run.stdout.contains("unknown club 'real-madrid'"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("problems found") || run.stderr.contains("1 problem found"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_data_directory_is_explained() {
    let env = TestEnv::empty();
    let missing = env.data.join("nope");
    let run = env.run_in(&missing, &["club", "list"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("does not exist"), "{}", run.stderr);
    assert!(run.stderr.contains("mercato init"), "{}", run.stderr);
    assert!(!missing.exists());
}

#[test]
fn a_file_as_data_directory_is_explained() {
    let env = TestEnv::empty();
    let file = env.data.join("file");
    std::fs::write(&file, "x").unwrap();
    let run = env.run_in(&file, &["club", "add", "X"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("is not a directory"), "{}", run.stderr);
}

#[test]
fn a_broken_file_is_one_problem_with_one_path() {
    let env = TestEnv::shipped();
    let clubs = env.data.join("clubs.json");
    std::fs::write(
        &clubs,
        "{\"version\": 2, \"kind\": \"clubs\", \"records\": [ {\n",
    )
    .unwrap();
    let run = env.run(&["check"]);
    assert_eq!(run.code, 1);
    let path = clubs.display().to_string();
    assert_eq!(run.stdout.matches(&path).count(), 1, "{}", run.stdout);
    assert!(run.stdout.contains("line 2, column 0"), "{}", run.stdout);
    // The contracts and rumours naming clubs are not reported one by one.
    assert!(!run.stdout.contains("unknown club"), "{}", run.stdout);
    let read = env.run(&["club", "list"]);
    assert_eq!(read.stderr.matches(&path).count(), 1, "{}", read.stderr);
    assert!(
        !read.stderr.contains("at line 2 column 0"),
        "{}",
        read.stderr
    );
}

/// With `--json`, a failure also prints its kind on stdout (#23): a script
/// tells a name that matches nothing from a duplicate from a broken date
/// rule without reading the message.
#[test]
fn json_errors_say_their_kind() {
    let env = TestEnv::shipped();
    let error = |args: &[&str]| {
        let mut all = vec!["--json"];
        all.extend(args);
        let run = env.run_as_of("2025-10-20", &all);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
        json["error"].clone()
    };
    let unknown = error(&["player", "show", "zidane"]);
    assert_eq!(unknown["kind"], "not_found");
    assert!(
        unknown["hint"]
            .as_str()
            .unwrap()
            .contains("mercato player list")
    );
    let twice = error(&[
        "player",
        "add",
        "Ibrahima Konaté",
        "--born",
        "1999-05-25",
        "--position",
        "CB",
    ]);
    assert_eq!(twice["kind"], "duplicate");
    assert!(
        twice["message"]
            .as_str()
            .unwrap()
            .contains("already exists")
    );
    let late = error(&[
        "rumour",
        "add",
        "konate",
        "--to",
        "real madrid",
        "--source",
        "Marca",
        "--date",
        "2025-11-01",
    ]);
    assert_eq!(
        (late["kind"].as_str(), late["rule"].as_str()),
        (Some("rule"), Some("dates")),
        "{late}"
    );
    assert_eq!(late["exit_code"], 1);
    // Not there, in words: still a not-found kind.
    let no_contract = error(&[
        "contract",
        "edit",
        "konate",
        "--club",
        "bayern",
        "--end",
        "2030-06-30",
    ]);
    assert_eq!(no_contract["kind"], "not_found", "{no_contract}");
    assert!(
        no_contract["message"]
            .as_str()
            .unwrap()
            .contains("has no contract with")
    );
}

/// `--json` and another `--format` typed together ask for two things: a
/// usage error. A format from the environment (or mercato.toml) is only a
/// default that `--json` overrides.
#[test]
fn json_with_another_format_typed_is_a_usage_error() {
    let env = TestEnv::shipped();
    env.refused(
        &["player", "list", "--json", "--format", "csv"],
        2,
        "'--json' cannot be used with '--format <FORMAT>'",
    );
    let both = env.run(&["player", "list", "--json", "--format", "json"]);
    assert_eq!(both.code, 0, "{}", both.stderr);
}
