//! Corrections from the outside: each form works, is undone by `undo`, and
//! every refusal leaves the data directory byte for byte as it was.

use crate::common::TestEnv;

#[test]
fn every_refused_correction_leaves_the_data_alone() {
    let env = TestEnv::shipped();
    let cases: [(&[&str], i32, &str); 11] = [
        (
            &["player", "remove", "konate"],
            1,
            "while other records refer to him",
        ),
        (
            &["club", "remove", "liverpool"],
            1,
            "while other records refer to it",
        ),
        (
            &["source", "remove", "fichajes"],
            1,
            "while rumours cite it",
        ),
        (
            &["player", "merge", "konate", "ibrahima konate"],
            1,
            "cannot be merged into itself",
        ),
        (
            &["club", "merge", "liverpool", "lfc"],
            1,
            "cannot be merged into itself",
        ),
        (
            &["rumour", "remove", "5036", "--report", "3"],
            1,
            "there is no report 3",
        ),
        (&["rumour", "remove", "5036", "--report", "0"], 2, "report"),
        (
            &["contract", "remove", "konate", "--club", "real madrid"],
            1,
            "has no contract with Real Madrid",
        ),
        (
            &["player", "edit", "konate", "--born", "2030-01-01"],
            1,
            "after the as-of date",
        ),
        (
            &["club", "edit", "real", "--alias", "Liverpool"],
            1,
            "already exists",
        ),
        (
            &["player", "edit", "nobody-at-all", "--caps", "3"],
            1,
            "no player matches",
        ),
    ];
    for (args, code, message) in cases {
        env.refused(args, code, message);
    }
}

#[test]
fn a_rename_keeps_the_id_and_answers_to_the_old_name() {
    let env = TestEnv::shipped();
    env.ok(&["player", "edit", "konate", "--name", "Ibrahima Konate Jr"]);
    let player = env.json(&["player", "show", "ibrahima konaté"]);
    assert_eq!(player["player"]["id"], "ibrahima-konate");
    assert_eq!(player["player"]["name"], "Ibrahima Konate Jr");
    // His rumours follow him: they refer to the id.
    assert_eq!(player["rumours"].as_array().unwrap().len(), 2);
    env.ok(&["undo"]);
    let player = env.json(&["player", "show", "konate"]);
    assert_eq!(player["player"]["name"], "Ibrahima Konaté");
}

#[test]
fn a_duplicate_player_is_merged_and_his_rumour_becomes_one() {
    let env = TestEnv::shipped();
    // A second Upamecano, entered with a wrong birth date, and a report about him.
    env.ok(&[
        "player",
        "add",
        "Dayot Upamecano",
        "--born",
        "1998-10-28",
        "--position",
        "CB",
    ]);
    let twins = env.run(&[
        "rumour",
        "add",
        "upamecano",
        "--to",
        "real madrid",
        "--source",
        "Marca",
    ]);
    assert_eq!(twins.code, 1, "ambiguous: {}", twins.stderr);
    env.ok(&[
        "rumour",
        "add",
        "dayot-upamecano-1998",
        "--to",
        "real madrid",
        "--source",
        "Marca",
        "--new-source",
    ]);
    env.ok(&["player", "merge", "dayot-upamecano", "dayot-upamecano-1998"]);
    // One player again, one open rumour of the move, with the three reports.
    let player = env.json(&["player", "show", "upamecano"]);
    assert_eq!(player["player"]["born"], "1998-10-27");
    let open: Vec<_> = player["rumours"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["to"] == "Real Madrid")
        .collect();
    assert_eq!(open.len(), 1, "{player}");
    assert_eq!(open[0]["reports"].as_array().unwrap().len(), 3);
    assert_eq!(env.run(&["check"]).code, 0);
}

#[test]
fn a_wrong_report_and_a_wrong_contract_are_removed() {
    let env = TestEnv::shipped();
    let before = env.json(&["rumour", "show", "konate"]);
    assert_eq!(before["id"], "50369ebf", "his one open rumour");
    env.ok(&["rumour", "remove", "konate", "--report", "2"]);
    let after = env.json(&["rumour", "show", "50369ebf"]);
    assert_eq!(after["reports"].as_array().unwrap().len(), 1);
    assert_eq!(after["reports"][0]["source"], "L'Equipe");
    env.ok(&[
        "contract",
        "set",
        "konate",
        "--club",
        "liverpool",
        "--until",
        "2029-06-30",
    ]);
    env.ok(&[
        "contract",
        "remove",
        "konate",
        "--club",
        "liverpool",
        "--until",
        "2029-06-30",
    ]);
    let rows = env.json(&[
        "contract",
        "expiring",
        "--year",
        "2026",
        "--club",
        "liverpool",
    ]);
    assert_eq!(
        rows.as_array().unwrap().len(),
        1,
        "his 2026 contract is current again"
    );
    env.ok(&["rumour", "remove", "110df7be"]);
    let run = env.run(&["rumour", "show", "110df7be"]);
    assert_eq!(run.code, 1);
}

#[test]
fn a_player_with_two_open_rumours_names_them_both() {
    let env = TestEnv::shipped();
    env.ok(&[
        "rumour",
        "add",
        "upamecano",
        "--to",
        "liverpool",
        "--source",
        "Fichajes",
    ]);
    let run = env.run(&["rumour", "update", "upamecano", "--status", "talks"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("10dcabc2"), "{}", run.stderr);
    assert!(run.stderr.contains("Liverpool"), "{}", run.stderr);
}
