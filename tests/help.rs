//! Help and exit codes: every command's help has examples, every example runs on
//! the shipped data, `man --out` writes a page per command, and exit codes follow
//! one rule (2: the command line is wrong whatever the data; 1: the data says no).

use crate::common::{ARTICLE_DAY, TestEnv, copy_dir};
use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::Path;

/// The binary with none of mercato's environment: help must not depend on it.
fn mercato() -> Command {
    let mut cmd = Command::cargo_bin("mercato").expect("binary");
    for var in [
        "MERCATO_DATA_DIR",
        "MERCATO_AS_OF",
        "MERCATO_FORMAT",
        "MERCATO_LOCK_TIMEOUT",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("NO_COLOR", "1").env_remove("COLUMNS");
    cmd
}

/// `mercato PATH... --help`.
fn long_help(path: &[String]) -> String {
    let out = mercato().args(path).arg("--help").output().expect("run");
    assert!(out.status.success(), "mercato {path:?} --help failed");
    String::from_utf8(out.stdout).expect("UTF-8 help")
}

/// The subcommands a help page lists under "Commands:" (clap's own `help` aside).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| !line.is_empty())
        // An entry is indented by two spaces; its wrapped description, by more.
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect()
}

/// Every command, as the words that name it: [], ["rumour"], ["rumour", "add"]...,
/// found by walking the help pages of the real binary.
fn every_command() -> Vec<Vec<String>> {
    let mut found = vec![Vec::new()];
    let mut next = 0;
    while next < found.len() {
        let path = found[next].clone();
        for sub in subcommands(&long_help(&path)) {
            let mut child = path.clone();
            child.push(sub);
            found.push(child);
        }
        next += 1;
    }
    found
}

/// The lines of the "Examples:" section: the indented lines after it, up to the
/// first blank or unindented line.
fn examples(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|line| *line != "Examples:")
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .map(|line| line.trim().to_string())
        .collect()
}

/// The example lines that run mercato, continuation lines (`\`) joined.
fn mercato_examples(help: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut pending = String::new();
    for line in examples(help) {
        match line.strip_suffix('\\') {
            Some(start) => pending.push_str(start),
            None => {
                pending.push_str(&line);
                if pending.starts_with("mercato ") {
                    commands.push(std::mem::take(&mut pending));
                }
                pending.clear();
            }
        }
    }
    commands
}

/// The words of the first command of a shell line: quotes and backslashes as a
/// shell reads them; a comment, a redirection or a second command ends it.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let w = word.get_or_insert_with(String::new);
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => w.extend(chars.next()),
                        c => w.push(c),
                    }
                }
            }
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                w.extend(chars.by_ref().take_while(|c| *c != '\''));
            }
            '\\' => word.get_or_insert_with(String::new).extend(chars.next()),
            c if c.is_whitespace() => words.extend(word.take()),
            '#' | '>' | '|' | '&' | ';' if word.is_none() => return words,
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
}

#[test]
fn shell_words_reads_examples_as_a_shell_would() {
    assert_eq!(
        shell_words(r#"mercato rumour add konate --source "L'Equipe" --note 'a "b"'  # c"#),
        [
            "mercato", "rumour", "add", "konate", "--source", "L'Equipe", "--note", "a \"b\""
        ]
    );
    assert_eq!(
        shell_words("mercato man > mercato.1 && man ./mercato.1"),
        ["mercato", "man"]
    );
    assert_eq!(shell_words(r#"a \"b c"#), ["a", "\"b", "c"]);
}

#[test]
fn every_command_has_examples_in_its_long_help() {
    let commands = every_command();
    assert!(commands.len() > 40, "found only {commands:?}");
    assert!(commands.contains(&vec!["rumour".to_string(), "add".to_string()]));
    let mut without = Vec::new();
    for path in &commands {
        let help = long_help(path);
        if !help.lines().any(|line| line == "Examples:") || examples(&help).is_empty() {
            without.push(path.join(" "));
        }
    }
    assert!(without.is_empty(), "no Examples section: {without:?}");
}

/// Small files for the import examples, named as the examples name them.
const TM_CLUBS: &str = include_str!("fixtures/tm-clubs.csv");
const TM_TRANSFERS: &str = include_str!("fixtures/transfermarkt/transfers.csv");
const TM_PLAYERS: &str = "\
player_id,first_name,last_name,name,last_season,current_club_id,player_code,country_of_birth,city_of_birth,country_of_citizenship,date_of_birth,sub_position,position,foot,height_in_cm,contract_expiration_date,agent_name,image_url,international_caps,international_goals,current_national_team_id,url,current_club_domestic_competition_id,current_club_name,market_value_in_eur,highest_market_value_in_eur
1,Ibrahima,Konaté,Ibrahima Konaté,2025,31,ibrahima-konate,France,Paris,France,1999-05-25 00:00:00,Centre-Back,Defender,right,194,2026-06-30 00:00:00,,,25,1,,,GB1,Liverpool Football Club,60000000,
";
const WYSCOUT: &str = r#""Player","League","Team","Position","Age","Market value","Contract expires","Matches played","Minutes played","Birth country","Foot","Height"
"T. Crama","England 2.","Millwall","RB, RCB","24","175000","2028-06-30","32","3154","France","right","192"
"C. Burgess","England 2.","Swansea City","LCB","30","1500000","2028-06-30","32","3149","Scotland","left","194"
"#;

/// Runs every command's examples, in order, on a fresh copy of the shipped data
/// as of the article's day, in a git work tree with the files they name: each
/// must succeed. An example that stops working fails here, not in a reader's shell.
#[test]
fn every_example_runs_on_the_shipped_data() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut failures = Vec::new();
    let mut ran = 0;
    for path in every_command() {
        let lines = mercato_examples(&long_help(&path));
        if lines.is_empty() {
            continue;
        }
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&shipped, &dir.path().join("data"));
        std::fs::write(dir.path().join("clubs.csv"), TM_CLUBS).expect("write");
        std::fs::write(dir.path().join("players.csv"), TM_PLAYERS).expect("write");
        std::fs::write(dir.path().join("transfers.csv"), TM_TRANSFERS).expect("write");
        std::fs::write(dir.path().join("EFLSCOTFEB26.csv"), WYSCOUT).expect("write");
        std::fs::write(
            dir.path().join("tweet.txt"),
            "Dayot Upamecano to Real Madrid, here we go! As @FabrizioRomano reports.",
        )
        .expect("write");
        let git = std::process::Command::new("git")
            .args(["init", "--quiet"])
            .current_dir(dir.path())
            .status()
            .expect("git");
        assert!(git.success());
        if path == ["resolve"] {
            plant_conflicts(&dir.path().join("data"));
        }
        for line in lines {
            let words = shell_words(&line);
            let out = mercato()
                .args(&words[1..])
                .current_dir(dir.path())
                .env("HOME", dir.path())
                .env("MERCATO_DATA_DIR", "data")
                .env("MERCATO_AS_OF", ARTICLE_DAY)
                .env("XDG_CACHE_HOME", dir.path().join("cache"))
                .output()
                .expect("run");
            ran += 1;
            if !out.status.success() {
                failures.push(format!(
                    "mercato {} --help: `{line}` exited {:?}:\n{}",
                    path.join(" "),
                    out.status.code(),
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
        }
    }
    assert!(ran > 100, "only {ran} examples ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The conflicts `resolve`'s examples end, as a git merge would leave them.
fn plant_conflicts(data: &Path) {
    let edit = |file: &str, id: &str, field: &str, conflict: serde_json::Value| {
        let path = data.join(file);
        let mut doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        let record = doc["records"]
            .as_array_mut()
            .expect("records")
            .iter_mut()
            .find(|r| r["id"] == id)
            .expect("record");
        record["conflicts"][field] = conflict;
        std::fs::write(&path, serde_json::to_string_pretty(&doc).expect("json")).expect("write");
    };
    edit(
        "sources.json",
        "l-equipe",
        "tier",
        serde_json::json!({"base": 2, "ours": 2, "theirs": 1}),
    );
    edit(
        "sources.json",
        "fichajes",
        "record",
        serde_json::json!({"base": {"id": "fichajes", "name": "Fichajes"}, "ours": null, "theirs": {"id": "fichajes", "name": "Fichajes", "tier": 5}}),
    );
    edit(
        "players/4f.json",
        "ibrahima-konate",
        "born",
        serde_json::json!({"base": "1999-05-25", "ours": "1999-05-25", "theirs": "1999-05-26"}),
    );
}

#[test]
fn man_out_writes_one_page_per_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out_dir = dir.path().join("man1");
    let out = mercato()
        .args(["man", "--out"])
        .arg(&out_dir)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let expected: BTreeSet<String> = every_command()
        .iter()
        .map(|path| {
            let mut name = vec!["mercato".to_string()];
            name.extend(path.iter().cloned());
            format!("{}.1", name.join("-"))
        })
        .collect();
    let written: BTreeSet<String> = std::fs::read_dir(&out_dir)
        .expect("man dir")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(written, expected);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "Wrote {} man pages to {}\n",
            expected.len(),
            out_dir.display()
        )
    );
    let page = std::fs::read_to_string(out_dir.join("mercato-rumour-add.1")).expect("page");
    assert!(page.contains(".TH mercato-rumour-add"), "{page}");
    // The examples under their own heading, one per line (not filled as prose).
    assert!(
        page.contains(".SH EXAMPLES\n.nf\n  mercato rumour add upamecano"),
        "{page}"
    );
    for name in &written {
        let page = std::fs::read_to_string(out_dir.join(name)).expect("page");
        assert!(page.contains(".SH EXAMPLES\n"), "{name} has no examples");
    }
    // Without --out, the top-level page on stdout, as before.
    let top = mercato().arg("man").output().expect("run");
    assert!(String::from_utf8_lossy(&top.stdout).starts_with(".ie"));
}

/// Exit 2: the command line is wrong whatever the data — clap's refusals and
/// values that can never be valid. Nothing is changed, and no hint misleads.
#[test]
fn values_that_can_never_be_valid_exit_2() {
    let env = TestEnv::shipped();
    let cases: &[(&[&str], &str)] = &[
        (
            &["source", "add", "Le Parisien", "--tier", "6"],
            "tier 6 does not exist",
        ),
        (
            &["source", "add", "Le Parisien", "--tier", "abc"],
            "'abc' is not a tier",
        ),
        (
            &["source", "add", "Le Parisien", "--tier", "0"],
            "tier 0 does not exist",
        ),
        (
            &["source", "set", "fichajes", "--tier", "-1"],
            "tier -1 does not exist",
        ),
        (
            &["rumour", "list", "--min-tier", "9"],
            "tier 9 does not exist",
        ),
        (
            &["player", "list", "--position", "CBB"],
            "unknown position 'CBB'",
        ),
        (
            &["club", "depth", "liverpool", "--set", "XB", "konate"],
            "invalid value 'XB' for '--set <SLOT> <PLAYERS>': unknown slot 'XB'",
        ),
        (
            &["club", "depth", "liverpool", "--reset", "XB"],
            "unknown slot 'XB'",
        ),
        (
            &[
                "player",
                "add",
                "Jarell Quansah",
                "--born",
                "2003-01-29",
                "--position",
                "CB",
                "--caps",
                "-3",
            ],
            "invalid value '-3' for '--caps <CAPS>': caps cannot be negative",
        ),
        (
            &["player", "edit", "konate", "--caps", "-3"],
            "caps cannot be negative",
        ),
        (
            &["contract", "expiring", "--within", "-6"],
            "months cannot be negative",
        ),
        (
            &["contract", "expiring", "--year", "2026", "--age-max", "-1"],
            "an age cannot be negative",
        ),
        (
            &["rumour", "show", "5036", "--cold-days", "0"],
            "days must be at least 1",
        ),
        (
            &["rumour", "list", "--reheat-days", "-60"],
            "days cannot be negative",
        ),
        (
            &["rumour", "remove", "10dc", "--report", "0"],
            "a report number must be at least 1",
        ),
        (
            &["rumour", "list", "--limit", "-1"],
            "the limit cannot be negative",
        ),
        (
            &["check", "--lock-timeout", "-1"],
            "the lock timeout cannot be negative",
        ),
        (
            &[
                "rumour",
                "add",
                "alaba",
                "--leaving",
                "--source",
                "Marca",
                "--fee",
                "lots",
            ],
            "'lots' is not a fee",
        ),
        (
            &[
                "rumour",
                "add",
                "alaba",
                "--leaving",
                "--source",
                "Marca",
                "--fee",
                "1,500m",
            ],
            "'1,500m' is ambiguous",
        ),
        (
            &[
                "rumour",
                "add",
                "alaba",
                "--leaving",
                "--source",
                "Marca",
                "--fee",
                "5m",
                "--currency",
                "CHF",
            ],
            "expected EUR, GBP or USD",
        ),
        (
            &["rumour", "list", "--min-fee", "lots"],
            "'lots' is not a fee",
        ),
        (
            &["player", "edit", "konate", "--value", "lots"],
            "'lots' is not a fee",
        ),
        (
            &["rumour", "update", "5036", "--status", "rumoured"],
            "invalid value 'rumoured'",
        ),
        (&["contract", "expiring", "--year", "20x6"], "not a year"),
        (&["rumour", "lst"], "unrecognized subcommand"),
    ];
    for (args, message) in cases {
        env.refused(args, 2, message);
        let run = env.run(args);
        assert!(
            !run.stderr.contains("-- -"),
            "{args:?}: a misleading hint:\n{}",
            run.stderr
        );
    }
}

/// Exit 1: what depends on the data — names that match nothing, changes refused.
#[test]
fn what_the_data_refuses_exits_1() {
    let env = TestEnv::shipped();
    let cases: &[(&[&str], &str)] = &[
        (
            &["player", "show", "Zinedine Zidane"],
            "no player matches 'Zinedine Zidane'",
        ),
        (&["club", "depth", "liverpol"], "did you mean 'Liverpool'?"),
        (
            &["club", "depth", "liverpool", "--set", "CB", "zidane"],
            "no player matches 'zidane'",
        ),
        (
            &["source", "set", "Le Parisien", "--tier", "3"],
            "no source matches 'Le Parisien'",
        ),
        (
            &["rumour", "update", "50369ebf", "--status", "talks"],
            "already 'talks'",
        ),
        (
            &["rumour", "remove", "10dc", "--report", "9"],
            "there is no report 9",
        ),
    ];
    for (args, message) in cases {
        env.refused(args, 1, message);
    }
}

/// An option set in the environment is not in the usage line of an error as if
/// it had been typed, and the environment still counts when nothing is wrong.
#[test]
fn usage_errors_leave_out_options_set_by_the_environment() {
    let env = TestEnv::shipped();
    let out = mercato()
        .args(["rumour", "add", "konate"])
        .env("MERCATO_DATA_DIR", &env.data)
        .env("MERCATO_AS_OF", ARTICLE_DAY)
        .env("MERCATO_LOCK_TIMEOUT", "3")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "Usage: mercato rumour add --source <SOURCE> <--to <CLUB>|--renewal|--leaving> <PLAYER>"
        ),
        "{stderr}"
    );
    for option in ["--data-dir", "--as-of", "--lock-timeout"] {
        assert!(!stderr.contains(option), "{option} in:\n{stderr}");
    }
    // A bad value from the environment is still reported as such.
    let out = mercato()
        .args(["rumour", "list"])
        .env("MERCATO_DATA_DIR", &env.data)
        .env("MERCATO_AS_OF", "someday")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("'someday' is not a date"));
    // And the environment is what it was for a command that is right.
    let out = mercato()
        .args(["rumour", "show", "5036", "--json"])
        .env("MERCATO_DATA_DIR", &env.data)
        .env("MERCATO_AS_OF", ARTICLE_DAY)
        .env("XDG_CACHE_HOME", env.data.with_file_name("cache"))
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
