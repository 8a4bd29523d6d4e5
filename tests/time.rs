//! Time in mercato: a contract's two times (in force, known), a world typed
//! today with its past back-filled, and the shipped article's past.

use crate::common::TestEnv;
use serde_json::Value;

const TODAY: &str = "2026-12-06";

/// The Wirtz story of issue 20: the world entered today, last summer's
/// story back-filled with dated commands.
fn wirtz_world() -> TestEnv {
    let env = TestEnv::empty();
    let today = |args: &[&str]| env.ok_as_of(TODAY, args);
    today(&["init"]);
    today(&["club", "add", "Bayer Leverkusen", "--league", "Bundesliga"]);
    today(&["club", "add", "Liverpool", "--league", "Premier League"]);
    for (source, tier) in [
        ("Sky Germany", "2"),
        ("Fabrizio Romano", "1"),
        ("The Athletic", "1"),
    ] {
        today(&["source", "add", source, "--tier", tier]);
    }
    today(&[
        "player",
        "add",
        "Florian Wirtz",
        "--born",
        "2003-05-03",
        "--position",
        "AM",
        "--club",
        "leverkusen",
        "--until",
        "2027-06-30",
    ]);
    let report = |date: &str, source: &str, extra: &[&str]| {
        let args = [
            &[
                "rumour",
                "add",
                "wirtz",
                "--to",
                "liverpool",
                "--source",
                source,
                "--date",
                date,
            ][..],
            extra,
        ]
        .concat();
        env.ok_as_of(TODAY, &args)
    };
    let first = report("2025-05-20", "Sky Germany", &[]);
    assert!(first.contains("Bayer Leverkusen → Liverpool"), "{first}");
    report("2025-05-23", "Fabrizio Romano", &["--status", "talks"]);
    report("2025-05-28", "The Athletic", &[]);
    env.ok_as_of(
        TODAY,
        &[
            "rumour",
            "update",
            "wirtz",
            "--status",
            "agreed",
            "--date",
            "2025-06-06",
        ],
    );
    env.ok_as_of(
        TODAY,
        &[
            "rumour",
            "update",
            "wirtz",
            "--status",
            "done",
            "--date",
            "2025-06-20",
            "--until",
            "2030-06-30",
        ],
    );
    env
}

#[test]
fn a_world_typed_today_has_the_past_back_filled_into_it() {
    let env = wirtz_world();
    let wirtz = env.json_as_of(TODAY, &["player", "show", "wirtz"])["player"].clone();
    assert_eq!(wirtz["club"], "Liverpool", "{wirtz}");
    let current: Vec<&Value> = wirtz["contracts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["current"] == true)
        .collect();
    assert_eq!(current.len(), 1, "{wirtz}");
    assert_eq!(current[0]["club"], "Liverpool");
    assert_eq!(current[0]["start"], "2025-06-20");
    let leverkusen = &wirtz["contracts"][0];
    assert_eq!(leverkusen["club"], "Bayer Leverkusen");
    assert_eq!(
        leverkusen["end"], "2027-06-30",
        "the old end stays in history"
    );
    assert_eq!(leverkusen["terminated"], "2025-06-20");
    // Every report reads from the club he was at.
    let rumour = env.json_as_of(TODAY, &["rumour", "show", "wirtz"]);
    assert_eq!(rumour["from"], "Bayer Leverkusen", "{rumour}");
    assert_eq!(rumour["reports"].as_array().unwrap().len(), 3);
    let expiring = env.json_as_of(TODAY, &["contract", "expiring", "--year", "2027"]);
    assert!(!expiring.to_string().contains("Wirtz"), "{expiring}");
    let then = env.json_as_of("2025-06-01", &["player", "show", "wirtz"])["player"].clone();
    assert_eq!(then["club"], "Bayer Leverkusen", "{then}");
    assert_eq!(then["contract_end"], "2027-06-30");
    let squad = env.ok_as_of("2025-06-01", &["club", "show", "leverkusen"]);
    assert!(squad.contains("Florian Wirtz"), "{squad}");
    let squad = env.ok_as_of(TODAY, &["club", "show", "leverkusen"]);
    assert!(!squad.contains("Florian Wirtz"), "{squad}");
}

#[test]
fn a_back_dated_write_confirms_as_that_day_shows_it() {
    let env = wirtz_world();
    // A fourth report, typed today, dated in the story: its confirmation is
    // what `rumour show --as-of` that day says.
    let shown = env.json_as_of("2025-05-28", &["rumour", "show", "wirtz"]);
    let update = env.run_as_of(
        TODAY,
        &[
            "rumour",
            "add",
            "wirtz",
            "--to",
            "liverpool",
            "--source",
            "Sky Germany",
            "--date",
            "2025-05-29",
            "--json",
        ],
    );
    assert_eq!(update.code, 0, "{}", update.stderr);
    let confirmed: Value = serde_json::from_str(&update.stdout).unwrap();
    let after = env.json_as_of("2025-05-29", &["rumour", "show", "wirtz"]);
    assert_eq!(confirmed["likelihood"], after["likelihood"], "{confirmed}");
    assert_eq!(confirmed["status"], "talks");
    assert_ne!(confirmed["status"], "done", "not today's status");
    assert_eq!(
        shown["reports"].as_array().unwrap().len() + 1,
        after["reports"].as_array().unwrap().len()
    );
}

#[test]
fn the_article_world_has_its_past() {
    let env = TestEnv::shipped();
    let chart = env.json_as_of("2025-06-01", &["club", "depth", "real madrid"]);
    let slot = |name: &str| {
        chart["slots"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["slot"] == name)
            .unwrap()
            .to_string()
    };
    assert!(slot("CB").contains("Éder Militão"), "{chart}");
    assert!(slot("RB").contains("Trent Alexander-Arnold"), "{chart}");
    assert!(
        !slot("LB").contains("Carreras"),
        "Carreras was announced in July: {chart}"
    );
    let digest = env.json_as_of("2025-10-20", &["digest", "--since", "2025-10-01"]);
    assert_eq!(digest["signings"], 0, "{digest}");
    let huijsen = env.run_as_of(
        "2025-10-20",
        &[
            "rumour",
            "add",
            "huijsen",
            "--to",
            "liverpool",
            "--source",
            "Fichajes",
            "--date",
            "2025-10-01",
        ],
    );
    assert!(
        huijsen.stdout.contains("Real Madrid → Liverpool"),
        "{}",
        huijsen.stdout
    );
}

#[test]
fn a_free_transfer_starts_when_the_old_contract_ends() {
    let env = TestEnv::empty();
    let today = |args: &[&str]| env.ok_as_of(TODAY, args);
    today(&["init"]);
    today(&["club", "add", "Bayer Leverkusen"]);
    today(&["club", "add", "Bayern Munich"]);
    today(&["source", "add", "Sky Germany", "--tier", "2"]);
    today(&[
        "player",
        "add",
        "Jonathan Tah",
        "--born",
        "1996-02-11",
        "--position",
        "CB",
        "--club",
        "leverkusen",
        "--until",
        "2025-06-30",
    ]);
    today(&[
        "rumour",
        "add",
        "tah",
        "--to",
        "bayern",
        "--source",
        "Sky Germany",
        "--date",
        "2025-05-01",
    ]);
    today(&[
        "rumour",
        "update",
        "tah",
        "--status",
        "done",
        "--date",
        "2025-06-13",
    ]);
    let tah = env.json_as_of(TODAY, &["player", "show", "tah"])["player"].clone();
    assert_eq!(tah["contracts"][0]["terminated"], Value::Null, "{tah}");
    assert_eq!(tah["contracts"][1]["start"], "2025-07-01", "{tah}");
    let june = env.json_as_of("2025-06-20", &["player", "show", "tah"])["player"].clone();
    assert_eq!(june["club"], "Bayer Leverkusen", "{june}");
}

#[test]
fn contract_edit_changes_one_contracts_dates() {
    let env = TestEnv::shipped();
    let out = env.ok_as_of(
        "2025-10-20",
        &[
            "contract",
            "edit",
            "carreras",
            "--club",
            "real",
            "--start",
            "2025-07-15",
        ],
    );
    assert!(
        out.contains("from unknown") && out.contains("from 2025-07-15"),
        "{out}"
    );
    let p = env.json_as_of("2025-10-20", &["player", "show", "carreras"])["player"].clone();
    assert_eq!(p["contracts"][0]["start"], "2025-07-15");
    assert_eq!(
        p["contracts"][0]["signed"], "2025-07-14",
        "other dates stay"
    );
    // Two contracts at one club: which one must be said.
    env.refused(
        &[
            "contract",
            "edit",
            "van dijk",
            "--club",
            "liverpool",
            "--signed",
            "2025-04-18",
        ],
        1,
        "say which with --until",
    );
    env.ok_as_of(
        "2025-10-20",
        &[
            "contract",
            "edit",
            "van dijk",
            "--club",
            "liverpool",
            "--until",
            "2027-06-30",
            "--signed",
            "2025-04-18",
        ],
    );
    let bad = env.run_as_of(
        "2025-10-20",
        &[
            "contract",
            "edit",
            "huijsen",
            "--club",
            "real",
            "--end",
            "2024-01-01",
        ],
    );
    assert_eq!(bad.code, 1, "{}", bad.stderr);
    assert!(bad.stderr.contains("before it starts"), "{}", bad.stderr);
}

#[test]
fn check_sees_impossible_timelines() {
    let env = TestEnv::shipped();
    let on = "2025-10-20";
    assert_eq!(env.run_as_of(on, &["check"]).code, 0);
    // Two clubs at once, by a hand edit (commands cut the earlier contract
    // where a later one starts).
    let file = env.data.join("players/94.json");
    let mut players: Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    players["records"][0]["contracts"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"club": "bayern-munich", "start": "2024-07-01", "end": "2027-06-30"}));
    std::fs::write(&file, serde_json::to_string_pretty(&players).unwrap()).unwrap();
    let run = env.run_as_of(on, &["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("two contracts in force at once"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("mercato contract remove eder-militao"),
        "{}",
        run.stdout
    );
    env.ok_as_of(on, &["contract", "remove", "militao", "--club", "bayern"]);
    assert_eq!(env.run_as_of(on, &["check"]).code, 0);
    // The same club twice, undated.
    env.ok_as_of(
        on,
        &[
            "contract",
            "set",
            "huijsen",
            "--club",
            "real",
            "--until",
            "2031-06-30",
        ],
    );
    let run = env.run_as_of(on, &["check"]);
    assert!(
        run.stdout.contains("two contracts with Real Madrid"),
        "{}",
        run.stdout
    );
    env.ok_as_of(
        on,
        &[
            "contract",
            "remove",
            "huijsen",
            "--club",
            "real",
            "--until",
            "2031-06-30",
        ],
    );
    assert_eq!(env.run_as_of(on, &["check"]).code, 0);
    // A done rumour whose contract was removed.
    env.ok_as_of(
        on,
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
    env.ok_as_of(on, &["contract", "remove", "upamecano", "--club", "real"]);
    let run = env.run_as_of(on, &["check"]);
    assert!(
        run.stdout
            .contains("is done but dayot-upamecano has no contract"),
        "{}",
        run.stdout
    );
}

/// A contract back-filled into the past does not cut the current one short;
/// a move re-dated moves the end it cut; a signing day changed cuts nothing.
#[test]
fn corrections_keep_the_timeline() {
    let env = TestEnv::empty();
    let today = |args: &[&str]| env.ok_as_of(TODAY, args);
    today(&["init"]);
    for club in ["Liverpool", "Bournemouth", "Bayern Munich", "Real Madrid"] {
        today(&["club", "add", club]);
    }
    today(&["source", "add", "Marca", "--tier", "3"]);
    today(&[
        "player",
        "add",
        "Milos Kerkez",
        "--born",
        "2003-11-07",
        "--position",
        "LB",
        "--club",
        "liverpool",
        "--until",
        "2030-06-30",
    ]);
    today(&[
        "contract",
        "set",
        "kerkez",
        "--club",
        "bournemouth",
        "--since",
        "2023-07-01",
        "--until",
        "2028-06-30",
    ]);
    // His Liverpool contract (no start) is not cut: it reads as the one
    // after Bournemouth's, until a start says when it began.
    let kerkez = env.json_as_of(TODAY, &["player", "show", "kerkez"])["player"].clone();
    let liverpool = &kerkez["contracts"][1];
    assert_eq!(liverpool["club"], "Liverpool", "{kerkez}");
    assert_eq!(liverpool["end"], "2030-06-30", "{kerkez}");
    assert_eq!(liverpool["terminated"], Value::Null, "{kerkez}");
    assert_eq!(kerkez["joins"]["on"], "2028-07-01", "{kerkez}");
    today(&[
        "contract",
        "edit",
        "kerkez",
        "--club",
        "liverpool",
        "--start",
        "2025-07-01",
    ]);
    let kerkez = env.json_as_of(TODAY, &["player", "show", "kerkez"])["player"].clone();
    assert_eq!(kerkez["club"], "Liverpool", "{kerkez}");
    assert_eq!(kerkez["contract_end"], "2030-06-30", "{kerkez}");
    let then = env.json_as_of("2024-01-01", &["player", "show", "kerkez"])["player"].clone();
    assert_eq!(then["club"], "Bournemouth", "{then}");

    // A done move dated wrong, re-dated later with contract edit.
    today(&[
        "player",
        "add",
        "Dayot Upamecano",
        "--born",
        "1998-10-27",
        "--position",
        "CB",
        "--club",
        "bayern",
        "--since",
        "2021-07-01",
        "--until",
        "2026-06-30",
    ]);
    today(&[
        "rumour",
        "add",
        "upamecano",
        "--to",
        "real",
        "--source",
        "Marca",
        "--date",
        "2026-01-02",
    ]);
    today(&[
        "rumour",
        "update",
        "upamecano",
        "--status",
        "done",
        "--date",
        "2026-01-15",
        "--until",
        "2031-06-30",
    ]);
    today(&[
        "contract",
        "edit",
        "upamecano",
        "--club",
        "real",
        "--start",
        "2026-02-15",
    ]);
    let club_on =
        |day: &str| env.json_as_of(day, &["player", "show", "upamecano"])["player"]["club"].clone();
    assert_eq!(club_on("2026-01-20"), "Bayern Munich");
    assert_eq!(club_on("2026-02-16"), "Real Madrid");
    // Changing only the signing day cuts nothing.
    today(&[
        "contract",
        "edit",
        "upamecano",
        "--club",
        "real",
        "--signed",
        "2026-01-10",
    ]);
    assert_eq!(club_on(TODAY), "Real Madrid");
    let out = env.ok_as_of(TODAY, &["check"]);
    assert!(out.contains("ok"), "{out}");
}

/// A rumour's "from" is what the contracts say of its first report's day,
/// whichever command changed them: `contract remove` and `contract edit`
/// re-read it as `contract set` does.
#[test]
fn correcting_a_contract_re_reads_where_his_rumours_start() {
    let env = TestEnv::shipped();
    let from = |env: &TestEnv| {
        let list = env.json_as_of("2025-10-20", &["rumour", "list", "--player", "upamecano"]);
        let madrid = list
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["to"] == "Real Madrid")
            .expect("the move to Madrid")
            .clone();
        madrid["from"].clone()
    };
    assert_eq!(from(&env), "Bayern Munich");
    // His Bayern contract starts after the first report: then he had no club.
    env.ok_as_of(
        "2025-10-20",
        &[
            "contract",
            "edit",
            "upamecano",
            "--club",
            "bayern",
            "--start",
            "2025-11-01",
        ],
    );
    assert_eq!(from(&env), Value::Null);
    env.ok_as_of("2025-10-20", &["undo"]);
    assert_eq!(from(&env), "Bayern Munich");
    env.ok_as_of(
        "2025-10-20",
        &["contract", "remove", "upamecano", "--club", "bayern"],
    );
    assert_eq!(from(&env), Value::Null);
    let check = env.ok_as_of("2025-10-20", &["check"]);
    assert!(check.contains("ok"), "{check}");
}

/// A depth chart's target is shown at the club he plays for on the day, not
/// the one the story began at: after his contract ran out, at no club.
#[test]
fn a_target_is_shown_at_his_club_of_the_day() {
    let env = TestEnv::shipped();
    let target_from = |day: &str| {
        let chart = env.json_as_of(day, &["club", "depth", "real madrid"]);
        let targets: Vec<Value> = chart["slots"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|s| s["targets"].as_array().cloned().unwrap_or_default())
            .collect();
        let upamecano = targets
            .iter()
            .find(|t| t["player"] == "Dayot Upamecano")
            .expect("Upamecano is a target");
        upamecano["from"].clone()
    };
    assert_eq!(target_from("2025-10-20"), "Bayern Munich");
    // His Bayern contract ended on 2026-06-30; the story goes on after it.
    env.ok_as_of(
        "2026-12-06",
        &[
            "rumour",
            "add",
            "upamecano",
            "--to",
            "real madrid",
            "--source",
            "Marca",
        ],
    );
    assert_eq!(target_from("2026-12-06"), Value::Null);
    let text = env.ok_as_of("2026-12-06", &["club", "depth", "real madrid"]);
    assert!(text.contains("Dayot Upamecano (no club"), "{text}");
}

/// A year's expiries asked after some have run out: those are listed (free
/// agents of that year, last at their club) and say they ended.
#[test]
fn an_expiry_already_past_says_it_ended() {
    let env = TestEnv::shipped();
    let ended = |day: &str| -> Vec<bool> {
        let rows = env.json_as_of(day, &["contract", "expiring", "--year", "2026"]);
        rows["rows"]
            .as_array()
            .or(rows.as_array())
            .expect("rows")
            .iter()
            .map(|r| r["ended"].as_bool().expect("ended"))
            .collect()
    };
    assert!(ended("2025-10-20").iter().all(|e| !e));
    assert!(!ended("2026-12-06").is_empty() && ended("2026-12-06").iter().all(|e| *e));
    let text = env.ok_as_of("2026-12-06", &["contract", "expiring", "--year", "2026"]);
    assert!(text.contains("2026-06-30 (ended)"), "{text}");
}

/// A digest item has the likelihood of its own day, whatever day the digest
/// is read on: the sources' track records of that day too, not those they
/// earned later when the story ended (no hindsight).
#[test]
fn a_digest_item_keeps_the_likelihood_of_its_day() {
    let env = wirtz_world();
    let items = |as_of: &str| -> Vec<(String, Value)> {
        let digest = env.json_as_of(as_of, &["digest", "--since", "2025-05-01"]);
        let mut items = Vec::new();
        for club in digest["clubs"].as_array().unwrap() {
            for item in club["items"].as_array().unwrap() {
                let key = format!(
                    "{} {} {} {}",
                    club["club"], item["date"], item["change"], item["detail"]
                );
                items.push((key, item["likelihood"].clone()));
            }
        }
        items
    };
    let early = items("2025-05-25");
    let late = items("2025-06-30");
    assert!(early.len() >= 4, "{early:?}");
    for (key, likelihood) in &early {
        let later = late.iter().find(|(k, _)| k == key).map(|(_, l)| l);
        assert_eq!(
            later,
            Some(likelihood),
            "{key}: read on 2025-05-25 and on 2025-06-30"
        );
    }
}

/// A move called off after it was done: the contract its done signed would
/// keep him at the new club. Calling it off is refused while that contract
/// stands; removing it gives back the contract the move had cut short, and
/// then the move can be called off.
#[test]
fn a_done_move_is_called_off_only_without_its_contract() {
    let env = TestEnv::shipped();
    let id = {
        let list = env.json_as_of("2025-10-20", &["rumour", "list", "--player", "upamecano"]);
        list.as_array()
            .unwrap()
            .iter()
            .find(|r| r["to"] == "Real Madrid")
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    env.ok_as_of(
        "2025-10-25",
        &[
            "rumour",
            "update",
            &id,
            "--status",
            "done",
            "--until",
            "2030-06-30",
        ],
    );
    let before = env.snapshot();
    let off = env.run_as_of("2025-10-26", &["rumour", "update", &id, "--status", "off"]);
    assert_eq!(off.code, 1, "{}", off.stderr);
    assert!(
        off.stderr
            .contains("and the contract with Real Madrid it signed stands"),
        "{}",
        off.stderr
    );
    assert_eq!(before, env.snapshot(), "a refused change wrote nothing");
    env.ok_as_of(
        "2025-10-26",
        &["contract", "remove", "upamecano", "--club", "real madrid"],
    );
    let player = env.json_as_of("2025-10-26", &["player", "show", "upamecano"]);
    assert_eq!(player["player"]["club"], "Bayern Munich", "{player}");
    env.ok_as_of("2025-10-26", &["rumour", "update", &id, "--status", "off"]);
    let check = env.run_as_of("2025-10-26", &["check"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}
