//! Small things a newcomer tripped on (issue 24).

use crate::common::TestEnv;

const DAY: &str = "2025-10-20";

#[test]
fn contract_expiring_with_no_window_means_the_next_twelve_months() {
    let env = TestEnv::shipped();
    let text = env.ok_as_of(DAY, &["contract", "expiring"]);
    assert!(text.contains("within 12 months by default"), "{text}");
    assert_eq!(
        env.json_as_of(DAY, &["contract", "expiring"]),
        env.json_as_of(DAY, &["contract", "expiring", "--within", "12"])
    );
}

#[test]
fn us_spelling_is_understood() {
    let env = TestEnv::shipped();
    let rumours = env.json_as_of(DAY, &["rumours", "list"]);
    for spelling in ["rumor", "rumors"] {
        assert_eq!(env.json_as_of(DAY, &[spelling, "list"]), rumours);
    }
}

#[test]
fn every_rumour_list_column_has_a_header() {
    let env = TestEnv::shipped();
    let text = env.ok_as_of(DAY, &["--width", "200", "rumour", "list"]);
    let header = text.lines().next().unwrap();
    assert!(header.trim_end().ends_with("Note"), "{text}");
}

#[test]
fn club_show_does_not_repeat_the_club_on_every_row() {
    let env = TestEnv::shipped();
    let text = env.ok_as_of(DAY, &["club", "show", "real madrid"]);
    let squad: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Squad"))
        .collect();
    assert!(!squad[1].contains("Club"), "{text}");
    assert!(squad[1].contains("Loan"), "{text}");
    assert_eq!(
        squad.iter().filter(|l| l.contains("Real Madrid")).count(),
        0,
        "{text}"
    );
}

#[test]
fn an_old_world_read_today_says_which_day_to_ask() {
    let env = TestEnv::shipped();
    // No --as-of: "today" is the machine's, long after the shipped data.
    let run = env.run_today(&["club", "depth", "real madrid"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the newest fact here is from 2025-10-20; add --as-of 2025-10-20"),
        "{}",
        run.stderr
    );
    // With --as-of, no note.
    let run = env.run_as_of(DAY, &["club", "depth", "real madrid"]);
    assert!(!run.stderr.contains("newest fact"), "{}", run.stderr);
}

#[test]
fn completion_help_says_how_to_turn_it_on() {
    let env = TestEnv::shipped();
    let help = env.ok(&["help", "completions"]);
    assert!(
        help.contains("source <(mercato completions bash)"),
        "{help}"
    );
}

#[test]
fn a_fee_above_the_record_needs_force() {
    let env = TestEnv::shipped();
    let before = env.snapshot();
    let args = [
        "rumour",
        "add",
        "upamecano",
        "--to",
        "real",
        "--source",
        "Fichajes",
        "--fee",
        "£350m",
    ];
    let run = env.run_as_of(DAY, &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("largest ever paid") && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    assert_eq!(env.snapshot(), before, "a refused fee writes nothing");
    env.ok_as_of(DAY, &[&args[..], &["--force"]].concat());
    // A record-sized fee is no typo.
    env.ok_as_of(
        DAY,
        &[
            "rumour", "add", "konate", "--to", "real", "--source", "Fichajes", "--fee", "€100m",
        ],
    );
}

#[test]
fn a_digest_item_shows_the_likelihood_of_its_day() {
    let env = TestEnv::shipped();
    env.ok_as_of(
        "2025-11-01",
        &[
            "rumour",
            "update",
            "10dcabc2",
            "--status",
            "done",
            "--until",
            "2031-06-30",
        ],
    );
    let digest = env.json_as_of("2025-11-05", &["digest", "--since", "2025-10-19"]);
    let items: Vec<&serde_json::Value> = digest["clubs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["items"].as_array().unwrap())
        .filter(|i| i["rumour"] == "10dcabc2")
        .collect();
    let on = |date: &str, change: &str| {
        items
            .iter()
            .find(|i| i["date"] == date && i["change"] == change)
            .map(|i| i["likelihood"].clone())
            .unwrap()
    };
    // A rumour then, not today's done deal (track records are today's).
    let then = on("2025-10-20", "new-rumour").as_u64().unwrap();
    assert!(then < 50, "{digest}");
    assert_eq!(on("2025-11-01", "status"), 100, "{digest}");
}

#[test]
fn club_depth_json_gives_the_verdict_its_own_key() {
    let env = TestEnv::shipped();
    let chart = env.json_as_of(DAY, &["club", "depth", "real madrid"]);
    let cb = &chart["slots"][2];
    assert_eq!(cb["slot"], "CB");
    assert_eq!(cb["rating"], "thin", "{chart}");
    assert_eq!(cb["rating"], cb["cover"], "the old key stays for scripts");
    assert_eq!(cb["players"][0]["cover"], false);
}

#[test]
fn subcommand_help_keeps_global_options_to_one_line_each() {
    let env = TestEnv::shipped();
    let help = env.ok(&["rumour", "show", "--help"]);
    let global: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Global options"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(global.len(), 8, "{help}");
    assert!(
        global.iter().all(|l| l.trim_start().starts_with("--")),
        "{help}"
    );
    let full = env.ok(&["help"]);
    assert!(full.contains("Global options in full"), "{full}");
    assert!(full.contains("MERCATO_AS_OF"), "{full}");
}

#[test]
fn rumour_show_gives_the_fee_a_done_deal_was_announced_with() {
    let env = TestEnv::shipped();
    env.ok_as_of(
        "2026-01-15",
        &[
            "rumour",
            "update",
            "10dcabc2",
            "--status",
            "done",
            "--fee",
            "45,5m",
            "--until",
            "2031-06-30",
        ],
    );
    let text = env.ok_as_of("2026-01-15", &["rumour", "show", "10dcabc2"]);
    assert!(text.contains("status → done, fee €45.5m"), "{text}");
    let json = env.json_as_of("2026-01-15", &["rumour", "show", "10dcabc2"]);
    let done = json["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(done["fee"]["total_eur"], 45_500_000, "{json}");
}

/// `mercato.toml` is TOML (#23): comments after values, quoted keys and
/// 'literal' strings are read; a bad value names the file and line.
#[test]
fn mercato_toml_is_read_as_toml() {
    let env = TestEnv::shipped();
    let file = env.data.join("mercato.toml");
    std::fs::write(
        &file,
        "format = \"json\"   # for scripts\n\"sort\" = 'likelihood'\n",
    )
    .unwrap();
    let out = env.ok_as_of(DAY, &["rumour", "list"]);
    let list: serde_json::Value = serde_json::from_str(&out).expect("JSON by the file's format");
    assert_eq!(list[0]["id"], "50369ebf", "sorted by likelihood: {out}");
    std::fs::write(&file, "# desk\ncold_days = soon\n").unwrap();
    let run = env.run_as_of(DAY, &["rumour", "list"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("mercato.toml:2: 'cold_days' takes a whole number"),
        "{}",
        run.stderr
    );
}

/// `--limit` on a command that is not a list says it cut nothing, and a
/// digest from after the as-of day is refused rather than shown empty.
#[test]
fn a_limit_that_cuts_nothing_and_a_digest_of_the_future_say_so() {
    let env = TestEnv::shipped();
    let run = env.run_as_of("2025-10-20", &["--limit", "2", "club", "show", "liverpool"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.contains("--limit applies to lists"),
        "{}",
        run.stderr
    );
    let list = env.run_as_of("2025-10-20", &["--limit", "2", "player", "list"]);
    assert!(!list.stderr.contains("applies to lists"), "{}", list.stderr);
    env.refused(
        &["digest", "--since", "2099-01-01"],
        1,
        "--since 2099-01-01 is after the as-of date",
    );
}

/// `log` is a list of changes, newest first: `--limit` cuts it as it cuts
/// the others.
#[test]
fn log_takes_a_limit() {
    let env = TestEnv::shipped();
    for source in ["Marca", "AS"] {
        env.ok_as_of(
            DAY,
            &[
                "rumour",
                "add",
                "konate",
                "--to",
                "real madrid",
                "--source",
                source,
            ],
        );
    }
    let all = env.json_as_of(DAY, &["log"]);
    assert_eq!(all.as_array().unwrap().len(), 2, "{all}");
    let run = env.run_as_of(DAY, &["--json", "--limit", "1", "log"]);
    let one: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(one.as_array().unwrap(), &all.as_array().unwrap()[..1]);
    assert!(
        run.stderr.contains("showing 1 of 2 (--limit 1)"),
        "{}",
        run.stderr
    );
}
