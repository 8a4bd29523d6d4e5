//! Building a world from an empty data directory with the commands alone.

use crate::common::TestEnv;

#[test]
fn a_world_built_from_nothing_answers_the_headline_questions() {
    let env = TestEnv::empty();
    env.ok(&[
        "club",
        "add",
        "Arsenal",
        "--country",
        "England",
        "--league",
        "Premier League",
        "--alias",
        "Gunners",
    ]);
    env.ok(&[
        "club",
        "add",
        "Atlético Madrid",
        "--country",
        "Spain",
        "--league",
        "La Liga",
        "--alias",
        "Atleti",
    ]);
    env.ok(&["source", "add", "The Athletic", "--tier", "1"]);
    env.ok(&[
        "player",
        "add",
        "William Saliba",
        "--born",
        "2001-03-24",
        "--position",
        "CB",
        "--nationality",
        "France",
        "--club",
        "Gunners",
        "--until",
        "2029-06-30",
        "--since",
        "2019-07-25",
    ]);
    env.ok(&[
        "player",
        "add",
        "Gabriel Magalhães",
        "--born",
        "1997-12-19",
        "--position",
        "CB",
        "--also",
        "LB",
        "--club",
        "arsenal",
        "--until",
        "2029-06-30",
    ]);
    env.ok(&[
        "player",
        "add",
        "Ben White",
        "--born",
        "1997-10-08",
        "--position",
        "RB",
        "--also",
        "CB",
        "--club",
        "arsenal",
        "--until",
        "2026-06-30",
    ]);
    env.ok(&[
        "player",
        "add",
        "José María Giménez",
        "--born",
        "1995-01-20",
        "--position",
        "CB",
        "--club",
        "atleti",
        "--until",
        "2026-06-30",
    ]);
    env.ok(&[
        "player",
        "add",
        "Jakub Kiwior",
        "--born",
        "2000-02-15",
        "--position",
        "CB",
        "--also",
        "LB",
        "--club",
        "arsenal",
        "--until",
        "2026-06-30",
        "--loan",
    ]);
    env.ok(&[
        "rumour",
        "add",
        "gimenez",
        "--to",
        "gunners",
        "--source",
        "The Athletic",
        "--status",
        "talks",
    ]);
    env.ok(&[
        "rumour",
        "add",
        "gimenez",
        "--to",
        "arsenal",
        "--source",
        "Relevo",
        "--date",
        "2025-10-19",
    ]);
    env.ok(&[
        "rumour",
        "add",
        "ben white",
        "--leaving",
        "--source",
        "The Athletic",
        "--status",
        "agreed",
    ]);

    let rows = env.json(&["contract", "expiring", "--year", "2026"]);
    let players: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["player"].as_str().unwrap())
        .collect();
    assert_eq!(players, ["José María Giménez", "Jakub Kiwior", "Ben White"]);
    let kiwior = &rows[1];
    assert_eq!(kiwior["loan"], true);
    assert_eq!(kiwior["age"], 25);

    let chart = env.json(&["club", "depth", "arsenal"]);
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
    let cb_names: Vec<&str> = cb["players"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["player"].as_str().unwrap())
        .collect();
    assert_eq!(
        cb_names,
        [
            "Gabriel Magalhães",
            "Jakub Kiwior",
            "William Saliba",
            "Ben White"
        ]
    );
    assert_eq!(
        cb["players"][1]["flags"],
        serde_json::json!(["expiring", "loan"])
    );
    assert_eq!(
        cb["players"][3]["flags"],
        serde_json::json!(["expiring", "leaving"])
    );
    assert_eq!(cb["targets"][0]["player"], "José María Giménez");
    assert_eq!(cb["targets"][0]["status"], "talks");
    assert_eq!(cb["targets"][0]["sources"], 2);
    assert_eq!(cb["targets"][0]["from"], "Atlético Madrid");
    let lb = slot("LB");
    assert_eq!(
        lb["players"].as_array().unwrap().len(),
        2,
        "two CBs cover LB"
    );
    let rb = slot("RB");
    assert_eq!(
        rb["players"][0]["flags"],
        serde_json::json!(["expiring", "leaving"])
    );

    let rumours = env.json(&["rumour", "list", "--club", "arsenal"]);
    assert_eq!(rumours.as_array().unwrap().len(), 2);
    let sources = env.json(&["source", "list"]);
    assert_eq!(sources.as_array().unwrap().len(), 2);
    assert!(
        sources[1]["tier"].is_null(),
        "Relevo was created with an unknown tier"
    );
    assert!(env.ok(&["check"]).contains("ok"));
}

#[test]
fn init_creates_a_directory_with_a_gitignore() {
    let env = TestEnv::empty();
    let dir = env.data.join("fresh");
    env.ok(&["init", dir.to_str().unwrap()]);
    let ignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(ignore.contains(".tmp-*"));
}

#[test]
fn written_files_are_sorted_pretty_and_end_with_a_newline() {
    let env = TestEnv::empty();
    env.ok(&["club", "add", "Zenit"]);
    env.ok(&["club", "add", "Ajax"]);
    let text = std::fs::read_to_string(env.data.join("clubs.json")).unwrap();
    assert!(text.ends_with("}\n"));
    assert!(text.find("Ajax").unwrap() < text.find("Zenit").unwrap());
    assert!(text.contains("\n  \"version\": 2,\n  \"kind\": \"clubs\""));
}

#[test]
fn the_index_never_gives_a_stale_answer() {
    let env = TestEnv::shipped();
    let targets = |env: &TestEnv| {
        let chart = env.json(&["club", "depth", "real madrid"]);
        chart["slots"][2]["targets"].as_array().unwrap().len()
    };
    assert_eq!(targets(&env), 1);
    assert_eq!(targets(&env), 1, "from the index");
    // Edit a rumour file by hand: Upamecano's move to Madrid is off.
    let list = env.json(&[
        "rumour",
        "list",
        "--player",
        "upamecano",
        "--status",
        "rumour",
    ]);
    let id = list[0]["id"].as_str().unwrap();
    for entry in std::fs::read_dir(env.data.join("rumours"))
        .unwrap()
        .flatten()
    {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        if text.contains(id) {
            let edited = text.replacen("\"status\": \"rumour\",", "\"status\": \"off\",", 1);
            assert_ne!(edited, text);
            std::fs::write(entry.path(), edited).unwrap();
        }
    }
    assert_eq!(targets(&env), 0, "the next query sees the hand edit");
    assert!(
        env.data.join(".mercato").join("index.sqlite").exists(),
        "the index lives in .mercato/, out of git with the undo journal"
    );
}
