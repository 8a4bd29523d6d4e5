//! `rumour extract`: a text in, proposed reports out, on the shipped world.

use crate::common::TestEnv;
use assert_cmd::Command;
use serde::Deserialize;

const TWEET: &str = "🚨 Dayot Upamecano to Real Madrid, here we go! Fee €60m plus €5m add-ons, as @David_Ornstein reports.";

/// The documented JSON shape, and nothing else.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Extraction {
    proposals: Vec<Proposal>,
    unknown: Vec<Unknown>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Proposal {
    player: Named,
    from: Option<Named>,
    to: Option<Named>,
    kind: String,
    status: String,
    fee: Option<Fee>,
    loan: bool,
    via: Option<String>,
    evidence: Vec<String>,
    confidence: String,
    rumour: Option<String>,
    action: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Named {
    id: String,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Fee {
    text: String,
    amount: f64,
    currency: String,
    amount_eur: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Unknown {
    text: String,
    kind: String,
}

/// Writes the text beside the data directory and extracts from it.
fn extract(env: &TestEnv, text: &str, extra: &[&str]) -> Extraction {
    let file = env.data.with_file_name("text.txt");
    std::fs::write(&file, text).unwrap();
    let path = file.to_str().unwrap();
    let mut args = vec!["rumour", "extract", path];
    if !extra.contains(&"--source") {
        args.extend(["--source", "Fabrizio Romano"]);
    }
    args.extend_from_slice(extra);
    serde_json::from_value(env.json(&args)).unwrap()
}

#[test]
fn a_dry_run_proposes_and_changes_nothing() {
    let env = TestEnv::shipped();
    let before = env.snapshot();
    let x = extract(&env, TWEET, &[]);
    assert_eq!(
        before,
        env.snapshot(),
        "a dry run wrote to the data directory"
    );
    let p = &x.proposals[0];
    assert_eq!(p.player.id, "dayot-upamecano");
    assert_eq!(p.from.as_ref().unwrap().name, "Bayern Munich");
    assert_eq!(p.to.as_ref().unwrap().id, "real-madrid");
    assert_eq!((p.kind.as_str(), p.status.as_str()), ("transfer", "agreed"));
    let fee = p.fee.as_ref().unwrap();
    assert_eq!((fee.amount, fee.currency.as_str()), (65.0, "EUR"));
    assert_eq!(p.via.as_deref(), Some("@David_Ornstein"));
    assert!(p.evidence.contains(&"here we go".to_string()));
    // The shipped world has this story open: the report would join it.
    assert_eq!(
        (p.action.as_str(), p.rumour.as_deref()),
        ("add report", Some("10dcabc2"))
    );
    let table = env.ok(&[
        "rumour",
        "extract",
        env.data.with_file_name("text.txt").to_str().unwrap(),
        "--source",
        "Fabrizio Romano",
    ]);
    assert!(table.contains("Dry run: nothing recorded"), "{table}");
    assert_eq!(before, env.snapshot());
}

#[test]
fn standard_input_is_read() {
    let env = TestEnv::shipped();
    let out = Command::cargo_bin("mercato")
        .unwrap()
        .env("NO_COLOR", "1")
        .arg("--data-dir")
        .arg(&env.data)
        .args([
            "--as-of",
            "2025-10-20",
            "--json",
            "rumour",
            "extract",
            "-",
            "--source",
            "Marca",
        ])
        .write_stdin(TWEET)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let x: Extraction = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(x.proposals.len(), 1);
}

#[test]
fn apply_adds_a_report_to_the_open_rumour_and_one_undo_reverts_it() {
    let env = TestEnv::shipped();
    let before = env.snapshot();
    let reports = |env: &TestEnv| {
        env.json(&["rumour", "show", "10dcabc2"])["reports"]
            .as_array()
            .unwrap()
            .len()
    };
    let had = reports(&env);
    extract(&env, TWEET, &["--apply"]);
    let story = env.json(&["rumour", "show", "10dcabc2"]);
    assert_eq!(reports(&env), had + 1, "{story:#}");
    assert_eq!(story["status"], "agreed", "the status moves forward");
    // A weaker report later is a report, not a downgrade.
    extract(
        &env,
        "Real Madrid keen on Dayot Upamecano, per Marca.",
        &["--apply"],
    );
    let story = env.json(&["rumour", "show", "10dcabc2"]);
    assert_eq!(story["status"], "agreed");
    assert_eq!(reports(&env), had + 2);
    env.ok(&["undo"]);
    env.ok(&["undo"]);
    assert_eq!(before, env.snapshot(), "two applies, two undos");
}

#[test]
fn pick_records_only_the_chosen_proposals() {
    let env = TestEnv::shipped();
    let text = "Dayot Upamecano to Real Madrid, here we go!\nLiverpool in advanced talks with Ibrahima Konaté over a new contract.";
    let all = extract(&env, text, &[]);
    assert_eq!(all.proposals.len(), 2, "{all:#?}");
    let picked = extract(&env, text, &["--pick", "2"]);
    assert_eq!(picked.proposals.len(), 1);
    assert_eq!(picked.proposals[0].player.id, all.proposals[1].player.id);
    env.refused(
        &[
            "rumour",
            "extract",
            env.data.with_file_name("text.txt").to_str().unwrap(),
            "--source",
            "X",
            "--apply",
            "--pick",
            "3",
        ],
        1,
        "--pick 3",
    );
}

#[test]
fn an_unknown_player_is_listed_not_invented() {
    let env = TestEnv::shipped();
    let before = env.snapshot();
    let text =
        "🚨 Charalampos Kostoulas to Brighton, here we go! Deal done with Olympiacos for €35m.";
    let x = extract(&env, text, &["--apply"]);
    assert!(x.proposals.is_empty(), "{x:#?}");
    assert!(
        x.unknown
            .iter()
            .any(|u| u.text == "Charalampos Kostoulas" && u.kind == "player"),
        "{x:#?}"
    );
    assert_eq!(before, env.snapshot(), "nobody was invented");
}

#[test]
fn spanish_and_french_texts_give_their_stage() {
    let env = TestEnv::shipped();
    let es = extract(
        &env,
        "Acuerdo total entre el Real Madrid y Dayot Upamecano, según Marca.",
        &[],
    );
    let p = &es.proposals[0];
    assert_eq!(
        (p.player.id.as_str(), p.status.as_str()),
        ("dayot-upamecano", "agreed")
    );
    assert_eq!(p.via.as_deref(), Some("Marca"));
    let fr = extract(
        &env,
        "Ibrahima Konaté : pas de négociations avec le Real Madrid, selon L'Équipe.",
        &[],
    );
    let p = &fr.proposals[0];
    assert_eq!(p.to.as_ref().unwrap().id, "real-madrid");
    assert_eq!(p.status, "off");
    let fr = extract(
        &env,
        "Officiel : Antonio Rüdiger prolonge au Real Madrid jusqu'en 2027.",
        &[],
    );
    let p = &fr.proposals[0];
    assert_eq!((p.kind.as_str(), p.status.as_str()), ("renewal", "done"));
}

#[test]
fn a_text_about_a_coach_or_an_advert_gives_no_proposal() {
    let env = TestEnv::shipped();
    let x = extract(
        &env,
        "🚨 Here we go! Want to play at Anfield? Enter now! #adv",
        &[],
    );
    assert!(x.proposals.is_empty(), "{x:#?}");
    let x = extract(
        &env,
        "Xabi Alonso praised the fans after the win against Liverpool.",
        &[],
    );
    assert!(x.proposals.is_empty(), "{x:#?}");
}

/// One line per proposal: "player from→to kind status action".
fn moves(x: &Extraction) -> Vec<String> {
    x.proposals
        .iter()
        .map(|p| {
            let club = |c: &Option<Named>| c.as_ref().map_or("-", |c| c.id.as_str()).to_string();
            format!(
                "{} {}→{} {} {} {}",
                p.player.id,
                club(&p.from),
                club(&p.to),
                p.kind,
                p.status,
                p.action
            )
        })
        .collect()
}

#[test]
fn a_renewal_and_a_refused_move_of_one_player_are_two_proposals() {
    let env = TestEnv::shipped();
    let x = extract(
        &env,
        "Konaté will sign a new deal at Liverpool, here we go! Real Madrid have abandoned plans to sign him.",
        &["--source", "TEAMtalk"],
    );
    let got = moves(&x);
    let konate = |s: &str| {
        got.iter()
            .any(|g| g.starts_with(&format!("ibrahima-konate {s}")))
    };
    assert!(konate("liverpool→- renewal agreed"), "{got:#?}");
    assert!(konate("liverpool→real-madrid transfer off"), "{got:#?}");
    assert_eq!(got.len(), 2, "{got:#?}");
}

/// The seed article, on the shipped world without its rumours.
#[test]
fn the_seed_article_gives_each_move_it_tells() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/seeds/000_15b46ed091c86433.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} is absent (a fresh clone has no ../shared)");
        return;
    };
    let env = TestEnv::shipped();
    for f in std::fs::read_dir(env.data.join("rumours")).unwrap() {
        std::fs::remove_file(f.unwrap().path()).unwrap();
    }
    let x = extract(
        &env,
        &text,
        &["--source", "TEAMtalk", "--date", "2025-10-20"],
    );
    let got = moves(&x);
    for want in [
        "ibrahima-konate liverpool→- renewal talks new rumour",
        "ibrahima-konate liverpool→real-madrid transfer off new rumour",
        "dayot-upamecano bayern-munich→real-madrid transfer rumour new rumour",
        "dayot-upamecano bayern-munich→- renewal off new rumour",
        "david-alaba real-madrid→- departure",
        "antonio-rudiger real-madrid→- departure",
    ] {
        assert!(got.iter().any(|g| g.starts_with(want)), "{want}: {got:#?}");
    }
    for player in ["dean-huijsen", "trent-alexander-arnold", "alvaro-carreras"] {
        let p = x.proposals.iter().find(|p| p.player.id == player);
        let p = p.unwrap_or_else(|| panic!("{player}: {got:#?}"));
        assert_eq!(p.to.as_ref().map(|c| c.id.as_str()), Some("real-madrid"));
        assert_eq!(p.action, "already recorded", "{player}");
    }
    let upamecano = x
        .proposals
        .iter()
        .find(|p| p.player.id == "dayot-upamecano" && p.kind == "transfer");
    assert_eq!(upamecano.unwrap().via.as_deref(), Some("Fichajes"));
}

/// The figures of the README, measured on the labelled dev set; the issue's
/// targets are the thresholds (the set is fixed, so this is no timing test).
#[test]
fn the_dev_set_meets_the_targets() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/datasets/tweets/dev.jsonl"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipped: {path} is absent (a fresh clone has no ../shared)");
        return;
    };
    let tweets = mercato::extract::eval::parse(&text).unwrap();
    let s = mercato::extract::eval::score(&tweets);
    eprintln!("{}", s.report());
    assert!(s.player_and_destination.percent() >= 90.0, "{}", s.report());
    assert!(s.kind.percent() >= 90.0, "{}", s.report());
    assert!(s.stage.percent() >= 85.0, "{}", s.report());
    assert!(s.fee.percent() >= 90.0, "{}", s.report());
    assert!(s.no_move_no_proposal.percent() >= 90.0, "{}", s.report());
    assert!(s.precision.percent() >= 95.0, "{}", s.report());
}

/// A feed export: read in date order; applied as one change that one undo
/// reverts.
#[test]
fn a_jsonl_feed_is_read_in_date_order_and_applied_as_one_change() {
    let env = TestEnv::shipped();
    for f in std::fs::read_dir(env.data.join("rumours")).unwrap() {
        std::fs::remove_file(f.unwrap().path()).unwrap();
    }
    let feed = env.data.with_file_name("feed.jsonl");
    let lines = [
        serde_json::json!({"text": "Konaté will sign a new deal at Liverpool, here we go!", "date": "2025-10-19", "source": "TEAMtalk", "url": "https://example.com/2"}),
        serde_json::json!({"text": TWEET, "date": "2025-10-18T09:00:00Z", "url": "https://example.com/1"}),
    ];
    let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    std::fs::write(&feed, text.join("\n") + "\n\n").unwrap();
    let path = feed.to_str().unwrap();
    let before = env.snapshot();
    let x: Extraction = serde_json::from_value(
        env.json(&["rumour", "extract", "--jsonl", path, "--source", "Marca"]),
    )
    .unwrap();
    assert_eq!(before, env.snapshot(), "a dry run wrote");
    let got = moves(&x);
    assert!(
        got[0].starts_with("dayot-upamecano bayern-munich→real-madrid transfer agreed"),
        "{got:#?}"
    );
    assert!(
        got[1].starts_with("ibrahima-konate liverpool→- renewal agreed"),
        "{got:#?}"
    );
    env.ok(&[
        "rumour", "extract", "--jsonl", path, "--source", "Marca", "--apply",
    ]);
    let listed = env.json(&["rumour", "list"]);
    assert_eq!(listed.as_array().map(Vec::len), Some(2), "{listed}");
    env.ok(&["undo"]);
    assert_eq!(before, env.snapshot(), "one undo reverts the feed");
    // No source on a line and none given: refused, naming the line.
    env.refused(&["rumour", "extract", "--jsonl", path], 1, "line 2");
}

/// A text reads only the players it may name through the index: the same
/// proposals as on the world read whole.
#[test]
fn the_index_reads_a_text_as_the_whole_world_does() {
    let env = TestEnv::shipped();
    let file = env.data.with_file_name("text.txt");
    let text = format!(
        "{TWEET}\n\nKonaté will sign a new deal at Liverpool, here we go! Real Madrid have abandoned plans to sign him. Alonso wants Camavinga."
    );
    std::fs::write(&file, text).unwrap();
    let args = [
        "rumour",
        "extract",
        file.to_str().unwrap(),
        "--source",
        "TEAMtalk",
    ];
    let indexed = env.json(&args);
    assert_eq!(indexed, env.json_without_index("2025-10-20", &args));
    assert!(
        indexed["proposals"].as_array().unwrap().len() >= 3,
        "{indexed:#}"
    );
}
