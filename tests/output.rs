//! Output that pipes: `--format csv|tsv|json` on every list and `--limit`.

use crate::common::TestEnv;

/// Every list command, with the header its CSV must have (the README's contract).
const LISTS: [(&[&str], &str); 5] = [
    (
        &["contract", "expiring", "--year", "2026"],
        "player_id,player,club_id,club,position,born,age,contract_end,loan,pre_contract,open_rumours,ended",
    ),
    (
        &["rumour", "list"],
        "id,player_id,player,kind,from,to,status,likelihood,cold,sources,independent_sources,first_reported,last_reported,fee_low_eur,fee_high_eur",
    ),
    (
        &["player", "list"],
        "id,name,position,also,born,age,nationality,caps,foot,club,contract_end,loan,aliases",
    ),
    (
        &["club", "list"],
        "id,name,country,league,coach,squad,aliases",
    ),
    (
        &["source", "list"],
        "id,name,tier,country,reports,hits,misses,hit_rate,aliases",
    ),
];

fn with(args: &[&str], extra: &[&str]) -> Vec<String> {
    args.iter().chain(extra).map(|s| s.to_string()).collect()
}

fn run(env: &TestEnv, args: &[String]) -> String {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.ok(&args)
}

#[test]
fn every_list_is_csv_with_its_header_and_the_same_records_as_json() {
    let env = TestEnv::shipped();
    for (args, header) in LISTS {
        let json = env.json(args);
        let records = json.as_array().unwrap();
        let csv_text = run(&env, &with(args, &["--format", "csv"]));
        let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
        let columns: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(columns.join(","), header, "{args:?}");
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), records.len(), "{args:?}:\n{csv_text}");
        assert!(!rows.is_empty(), "{args:?}");
        // The same records in the same order: the first column is the id.
        let id_key = if args[0] == "contract" {
            "player_id"
        } else {
            "id"
        };
        for (row, record) in rows.iter().zip(records) {
            assert_eq!(
                row[0],
                record[id_key].as_str().unwrap().to_string(),
                "{args:?}"
            );
        }
        // TSV: the same rows, tab-separated.
        let tsv = run(&env, &with(args, &["--format", "tsv"]));
        assert_eq!(tsv.lines().next().unwrap(), header.replace(',', "\t"));
        assert_eq!(tsv.lines().count(), records.len() + 1);
    }
}

#[test]
fn format_json_is_json_and_limit_cuts_every_list() {
    let env = TestEnv::shipped();
    for (args, _) in LISTS {
        let json = env.json(args);
        let format_json = run(&env, &with(args, &["--format", "json"]));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&format_json).unwrap(),
            json
        );
        let limited = run(&env, &with(args, &["--json", "--limit", "2"]));
        let limited: serde_json::Value = serde_json::from_str(&limited).unwrap();
        let all = json.as_array().unwrap();
        assert_eq!(
            limited.as_array().unwrap().len(),
            all.len().min(2),
            "{args:?}"
        );
        assert_eq!(limited[0], all[0], "{args:?}: the first after sorting");
    }
    let run = env.run(&["contract", "expiring", "--year", "2026", "--limit", "1"]);
    assert!(
        run.stdout
            .starts_with("4 contracts ending in 2026 (as of 2025-10-20), the first 1:"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("showing 1 of 4"), "{}", run.stderr);
    let zero = env.run(&["club", "list", "--limit", "0"]);
    assert_eq!(zero.code, 2, "{}", zero.stderr);
}

#[test]
fn csv_of_one_record_says_it_is_for_lists() {
    let env = TestEnv::shipped();
    let run = env.run(&["rumour", "show", "5036", "--format", "csv"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.starts_with("Rumour 50369ebf"), "{}", run.stdout);
    assert!(run.stderr.contains("applies to lists"), "{}", run.stderr);
}

#[test]
fn mercato_toml_sets_defaults_that_env_and_flags_override() {
    let env = TestEnv::shipped();
    std::fs::write(
        env.data.join("mercato.toml"),
        "# desk defaults\nsort = \"likelihood\"\nformat = \"csv\"\n",
    )
    .unwrap();
    // From the file: sorted by likelihood, as CSV.
    let csv = env.ok(&["rumour", "list"]);
    assert!(csv.starts_with("id,player_id"), "{csv}");
    assert_eq!(
        csv.lines().nth(1).unwrap().split(',').next(),
        Some("50369ebf")
    );
    // A flag wins over the file.
    let recent = env.ok(&["rumour", "list", "--sort", "player", "--format", "table"]);
    assert!(recent.contains("David Alaba"), "{recent}");
    assert!(
        recent.lines().nth(2).unwrap().contains("David Alaba"),
        "{recent}"
    );
    // A mistake in the file is an error naming the file and line, data untouched.
    std::fs::write(
        env.data.join("mercato.toml"),
        "sort = \"likelihood\"\ncolddays = 3\n",
    )
    .unwrap();
    env.refused(
        &["club", "list"],
        1,
        "mercato.toml:2: unknown setting 'colddays'",
    );
}
