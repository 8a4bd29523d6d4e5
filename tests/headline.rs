//! The three headline jobs on a copy of the shipped article data.

use crate::common::TestEnv;
use serde_json::Value;

fn names(rows: &Value, key: &str) -> Vec<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn expiring_2026_lists_the_four_with_the_articles_ages() {
    let env = TestEnv::shipped();
    let rows = env.json(&["contract", "expiring", "--year", "2026"]);
    let mut got: Vec<(String, u64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["player"].as_str().unwrap().to_string(),
                r["age"].as_u64().unwrap(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("Antonio Rüdiger".to_string(), 32),
            ("David Alaba".to_string(), 33),
            ("Dayot Upamecano".to_string(), 26),
            ("Ibrahima Konaté".to_string(), 26),
        ]
    );
    for row in rows.as_array().unwrap() {
        for key in [
            "player",
            "club",
            "position",
            "born",
            "age",
            "contract_end",
            "loan",
        ] {
            assert!(row.get(key).is_some(), "missing {key} in {row}");
        }
        assert_eq!(row["contract_end"], "2026-06-30");
        assert_eq!(row["loan"], false);
    }
}

#[test]
fn expiring_lists_nobody_from_another_year_and_filters() {
    let env = TestEnv::shipped();
    let rows = env.json(&["contract", "expiring", "--year", "2027"]);
    assert_eq!(names(&rows, "player"), ["Virgil van Dijk"]);
    let rows = env.json(&["contracts", "expiring", "--year", "2026", "--club", "real"]);
    assert_eq!(names(&rows, "player"), ["David Alaba", "Antonio Rüdiger"]);
    let rows = env.json(&["contract", "expiring", "--year", "2031", "--position", "LB"]);
    assert_eq!(names(&rows, "player"), ["Álvaro Carreras"]);
    let rows = env.json(&[
        "contract",
        "expiring",
        "--year",
        "2026",
        "--league",
        "bundesliga",
    ]);
    assert_eq!(names(&rows, "player"), ["Dayot Upamecano"]);
}

#[test]
fn expiring_table_snapshot() {
    let env = TestEnv::shipped();
    insta::assert_snapshot!(env.ok(&["contract", "expiring", "--year", "2026"]));
}

#[test]
fn real_madrid_depth_chart() {
    let env = TestEnv::shipped();
    let chart = env.json(&["club", "depth", "Real Madrid"]);
    assert_eq!(chart["club"], "Real Madrid");
    assert_eq!(chart["as_of"], "2025-10-20");
    let slot = |code: &str| {
        chart["slots"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["slot"] == code)
            .unwrap()
            .clone()
    };
    let cb = slot("CB");
    assert_eq!(
        names(&cb["players"], "player"),
        [
            "Éder Militão",
            "Dean Huijsen",
            "David Alaba",
            "Antonio Rüdiger"
        ]
    );
    for p in cb["players"].as_array().unwrap() {
        let flags: Vec<&str> = p["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        let leaving = ["David Alaba", "Antonio Rüdiger"].contains(&p["player"].as_str().unwrap());
        if leaving {
            assert_eq!(flags, ["expiring", "leaving"], "{p}");
        } else {
            assert!(flags.is_empty(), "{p}");
        }
        for key in ["player", "position", "age", "contract_end", "flags"] {
            assert!(p.get(key).is_some(), "missing {key}");
        }
    }
    assert_eq!(names(&cb["targets"], "player"), ["Dayot Upamecano"]);
    let target = &cb["targets"][0];
    assert_eq!(target["from"], "Bayern Munich");
    assert_eq!(target["status"], "rumour");
    assert_eq!(target["sources"], 2);
    assert_eq!(
        cb["verdict"],
        "CB: 4 players, 2 expiring, 2 leaving → thin (1 target)"
    );
    assert_eq!(
        names(&slot("RB")["players"], "player")[0],
        "Trent Alexander-Arnold"
    );
    assert_eq!(
        names(&slot("LB")["players"], "player")[0],
        "Álvaro Carreras"
    );
    assert!(slot("GK")["players"].as_array().unwrap().is_empty());
}

#[test]
fn real_madrid_depth_table_snapshot() {
    let env = TestEnv::shipped();
    insta::assert_snapshot!(env.ok(&["club", "depth", "Real Madrid"]));
}

#[test]
fn liverpool_depth_chart() {
    let env = TestEnv::shipped();
    let chart = env.json(&["club", "depth", "liverpool"]);
    let cb = chart["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["slot"] == "CB")
        .unwrap();
    assert_eq!(
        names(&cb["players"], "player"),
        ["Virgil van Dijk", "Ibrahima Konaté"]
    );
    // Konaté's contract is expiring but renewal talks are alive: not leaving.
    assert_eq!(cb["players"][1]["flags"], serde_json::json!(["expiring"]));
    insta::assert_snapshot!(env.ok(&["club", "depth", "LFC"]));
}

#[test]
fn bayern_sees_upamecano_leaving() {
    let env = TestEnv::shipped();
    let chart = env.json(&["club", "depth", "bayern"]);
    let cb = chart["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["slot"] == "CB")
        .unwrap();
    assert_eq!(
        cb["players"][0]["flags"],
        serde_json::json!(["expiring", "leaving"])
    );
}

#[test]
fn adding_a_report_appends_to_the_open_rumour() {
    let env = TestEnv::shipped();
    let before = env.json(&["rumour", "list", "--player", "upamecano"]);
    assert_eq!(before.as_array().unwrap().len(), 2);
    let run = env.run_as_of(
        "2025-10-21",
        &[
            "--json",
            "rumour",
            "add",
            "upamecano",
            "--to",
            "real madrid",
            "--source",
            "Marca",
            "--date",
            "2025-10-21",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("'Marca' was not a known source"),
        "{}",
        run.stderr
    );
    let added: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(added["kind"], "transfer");
    assert_eq!(added["player"], "Dayot Upamecano");
    assert_eq!(added["to"], "Real Madrid");
    assert_eq!(added["reports"].as_array().unwrap().len(), 3);
    assert_eq!(added["last_reported"], "2025-10-21");
    let after = env.json_as_of("2025-10-21", &["rumour", "list", "--player", "upamecano"]);
    assert_eq!(after.as_array().unwrap().len(), 2, "no duplicate rumour");
    let transfer = after
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == "transfer")
        .unwrap();
    assert_eq!(transfer["id"], added["id"]);
    let sources: Vec<&str> = transfer["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert!(sources.contains(&"Marca"), "{sources:?}");
    let text = env.ok_as_of("2025-10-21", &["rumour", "list", "--player", "upamecano"]);
    assert!(text.contains("2025-10-21"), "{text}");
    // The day before, Marca had not said it yet.
    let earlier = env.json(&["rumour", "show", added["id"].as_str().unwrap()]);
    assert_eq!(earlier["reports"].as_array().unwrap().len(), 2);
    assert!(env.ok(&["check"]).contains("ok"));
}

#[test]
fn rumour_json_has_the_documented_keys() {
    let env = TestEnv::shipped();
    let list = env.json(&["rumour", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 6);
    for r in list.as_array().unwrap() {
        for key in [
            "id",
            "player",
            "from",
            "to",
            "kind",
            "status",
            "first_reported",
            "last_reported",
            "reports",
        ] {
            assert!(r.get(key).is_some(), "missing {key} in {r}");
        }
        for report in r["reports"].as_array().unwrap() {
            assert!(report["source"].is_string() && report["date"].is_string());
        }
        if r["kind"] == "departure" {
            assert!(r["to"].is_null());
        }
    }
    let off: Vec<&Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "off")
        .collect();
    assert_eq!(off.len(), 2);
    let id = list[0]["id"].as_str().unwrap();
    let shown = env.json(&["rumour", "show", &id[..5]]);
    assert_eq!(shown["id"], id);
}

#[test]
fn rumour_show_tells_the_story_in_order() {
    let env = TestEnv::shipped();
    let list = env.json(&["rumour", "list", "--player", "konate", "--status", "talks"]);
    let id = list[0]["id"].as_str().unwrap().to_string();
    let text = env.ok(&["rumour", "show", &id]);
    let lequipe = text.find("L'Equipe").unwrap();
    let spanish = text.find("Spanish media").unwrap();
    assert!(lequipe < spanish, "{text}");
    assert!(text.contains("status → talks"), "{text}");
}

#[test]
fn rumour_update_changes_status_and_keeps_history() {
    let env = TestEnv::shipped();
    let list = env.json(&["rumour", "list", "--player", "konate", "--status", "talks"]);
    let id = list[0]["id"].as_str().unwrap().to_string();
    let updated = env.json_as_of(
        "2025-11-01",
        &[
            "rumour",
            "update",
            &id,
            "--status",
            "done",
            "--date",
            "2025-11-01",
            "--until",
            "2030-06-30",
            "--note",
            "signed until 2030",
        ],
    );
    assert_eq!(updated["status"], "done");
    let history = updated["history"].as_array().unwrap();
    assert_eq!(history.last().unwrap()["status"], "done");
    assert_eq!(history.last().unwrap()["note"], "signed until 2030");
    let done = env.json_as_of("2025-11-01", &["rumour", "list", "--status", "done"]);
    assert_eq!(done.as_array().unwrap().len(), 1);
    // The renewal is signed: Konaté is no longer expiring in 2026...
    let expiring = env.json_as_of("2025-11-01", &["contract", "expiring", "--year", "2026"]);
    assert!(!expiring.to_string().contains("Konaté"), "{expiring}");
    // ...but he was on the article's day, when the talks were still talks.
    let then = env.json(&["contract", "expiring", "--year", "2026"]);
    assert!(then.to_string().contains("Konaté"), "{then}");
    let talks = env.json(&["rumour", "list", "--status", "talks"]);
    assert_eq!(talks[0]["id"], id.as_str());
}

#[test]
fn names_are_found_without_accents() {
    let env = TestEnv::shipped();
    let p = env.json(&["player", "show", "rudiger"]);
    assert_eq!(p["player"]["name"], "Antonio Rüdiger");
    let p = env.json(&["player", "show", "MILITAO"]);
    assert_eq!(p["player"]["name"], "Éder Militão");
    let c = env.json(&["club", "show", "los blancos"]);
    assert_eq!(c["club"]["name"], "Real Madrid");
    assert_eq!(c["squad"].as_array().unwrap().len(), 6);
}

#[test]
fn the_depth_order_can_be_set_and_reset() {
    let env = TestEnv::shipped();
    let chart = env.json(&[
        "club",
        "depth",
        "real madrid",
        "--set",
        "CB",
        "rudiger, huijsen",
    ]);
    let cb = chart["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["slot"] == "CB")
        .unwrap();
    assert_eq!(
        names(&cb["players"], "player"),
        [
            "Antonio Rüdiger",
            "Dean Huijsen",
            "Éder Militão",
            "David Alaba"
        ]
    );
    let again = env.json(&["club", "depth", "real madrid"]);
    assert_eq!(
        again["slots"][2]["players"][0]["player"], "Antonio Rüdiger",
        "the order is stored"
    );
    let reset = env.json(&["club", "depth", "real madrid", "--reset", "CB"]);
    assert_eq!(reset["slots"][2]["players"][0]["player"], "Éder Militão");
}

#[test]
fn the_shipped_data_passes_check() {
    let env = TestEnv::shipped();
    let run = env.run(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}
