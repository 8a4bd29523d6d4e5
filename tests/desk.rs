//! The rumour desk: likelihood, track records, independence, reheating,
//! fees, digest, undo and a terminal-friendly CLI.

use crate::common::TestEnv;
use serde_json::Value;

fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|v| v[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value} in {list}"))
}

fn rumour_id(env: &TestEnv, player: &str, kind: &str) -> String {
    let list = env.json(&["rumour", "list", "--player", player]);
    find(&list, "kind", kind)["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn likelihood_ranks_konate_renewal_above_madrid_interest() {
    let env = TestEnv::shipped();
    let list = env.json(&["rumour", "list", "--sort", "likelihood"]);
    let rows = list.as_array().unwrap();
    let renewal = rows
        .iter()
        .position(|r| r["player"] == "Ibrahima Konaté" && r["kind"] == "renewal")
        .unwrap();
    let madrid = rows
        .iter()
        .position(|r| r["player"] == "Ibrahima Konaté" && r["kind"] == "transfer")
        .unwrap();
    assert!(renewal < madrid, "{list}");
    assert_eq!(rows[madrid]["likelihood"], 0);
    let scores: Vec<u64> = rows
        .iter()
        .map(|r| r["likelihood"].as_u64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    for r in rows {
        let words = r["likelihood_explained"].as_str().unwrap();
        assert!(
            words.ends_with(&format!("→ {}", r["likelihood"])),
            "{words}"
        );
    }
}

#[test]
fn rumour_show_explains_the_score_in_words() {
    let env = TestEnv::shipped();
    let id = rumour_id(&env, "konate", "renewal");
    let text = env.ok(&["rumour", "show", &id]);
    assert!(text.contains("talks stage"), "{text}");
    assert!(text.contains("2 independent sources"), "{text}");
    assert!(text.contains("best tier 2"), "{text}");
    assert!(text.contains("last report today"), "{text}");
    let later = env.run_as_of("2025-10-24", &["rumour", "show", &id]);
    assert!(
        later.stdout.contains("last report 4 days ago"),
        "{}",
        later.stdout
    );
}

#[test]
fn outcomes_change_hit_rates() {
    let env = TestEnv::shipped();
    let before = env.json(&["source", "list"]);
    let lequipe = find(&before, "name", "L'Equipe");
    for key in ["tier", "reports", "hits", "misses", "hit_rate"] {
        assert!(lequipe.get(key).is_some(), "missing {key}");
    }
    assert_eq!(lequipe["hits"], 0);
    assert!(lequipe["hit_rate"].is_null());
    // The shipped rumours were settled by the very reports that called them
    // off: recording an outcome is not predicting it.
    let fichajes = find(&before, "name", "Fichajes");
    assert_eq!(
        (&fichajes["hits"], &fichajes["misses"]),
        (&0.into(), &0.into())
    );
    assert!(fichajes["hit_rate"].is_null());

    // L'Equipe reported talks on the 19th; the renewal is done on the 20th.
    let renewal = rumour_id(&env, "konate", "renewal");
    env.ok(&["rumour", "update", &renewal, "--status", "done"]);
    // Fichajes backed Upamecano to Madrid on the 20th; it is off on the 25th.
    let upamecano = rumour_id(&env, "upamecano", "transfer");
    env.ok_as_of(
        "2025-10-25",
        &["rumour", "update", &upamecano, "--status", "off"],
    );
    // Fichajes reported Alaba leaving on the 20th; Marca reports it done on
    // the 25th, in the report that records it.
    env.ok_as_of(
        "2025-10-25",
        &[
            "rumour",
            "add",
            "alaba",
            "--leaving",
            "--source",
            "Marca",
            "--status",
            "done",
        ],
    );

    let after = env.json_as_of("2025-10-25", &["source", "list"]);
    let lequipe = find(&after, "name", "L'Equipe");
    assert_eq!(lequipe["hits"], 1);
    assert_eq!(lequipe["misses"], 0);
    assert_eq!(lequipe["hit_rate"], 1.0);
    let fichajes = find(&after, "name", "Fichajes");
    assert_eq!(
        fichajes["hits"], 1,
        "Alaba left, as Fichajes said before it happened"
    );
    assert_eq!(fichajes["misses"], 1, "Upamecano to Madrid is off");
    assert_eq!(fichajes["hit_rate"], 0.5);
    let marca = find(&after, "name", "Marca");
    assert_eq!(marca["reports"], 1);
    assert_eq!(
        (&marca["hits"], &marca["misses"]),
        (&0.into(), &0.into()),
        "the report that recorded the outcome earns nothing"
    );
    let spanish = find(&after, "name", "Spanish media");
    assert_eq!(
        spanish["hits"], 0,
        "it backed the renewal on the day it was done"
    );
}

#[test]
fn a_rumour_without_reports_for_120_days_is_cold_and_no_target() {
    let env = TestEnv::shipped();
    let id = rumour_id(&env, "upamecano", "transfer");
    let cb_targets = |chart: &Value| -> Vec<String> {
        let cb = chart["slots"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["slot"] == "CB")
            .unwrap();
        cb["targets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["rumour"].as_str().unwrap().to_string())
            .collect()
    };
    let fresh = env.json(&["rumour", "show", &id]);
    assert_eq!(fresh["cold"], false);
    assert_eq!(
        cb_targets(&env.json(&["club", "depth", "real"])),
        [id.as_str()]
    );

    // The last report was on 2025-10-20: 130 days before 2026-02-27.
    let later = "2026-02-27";
    let shown = env.json_as_of(later, &["rumour", "show", &id]);
    assert_eq!(shown["cold"], true);
    assert_eq!(shown["status"], "rumour");
    assert_eq!(shown["likelihood"], 1, "{}", shown["likelihood_explained"]);
    let words = shown["likelihood_explained"].as_str().unwrap();
    assert!(words.contains("last report 130 days ago"), "{words}");
    assert!(words.contains("cold"), "{words}");
    assert!(
        env.ok_as_of(later, &["rumour", "list", "--player", "upamecano"])
            .contains("rumour (cold)")
    );
    assert!(
        env.ok_as_of(later, &["rumour", "show", &id])
            .contains("status      rumour (cold)")
    );
    let chart = env.json_as_of(later, &["club", "depth", "real"]);
    assert!(cb_targets(&chart).is_empty(), "{chart}");

    // A longer cold period makes it a live story, and a target, again.
    let patient = env.json_as_of(later, &["rumour", "show", &id, "--cold-days", "200"]);
    assert_eq!(patient["cold"], false);
    assert!(patient["likelihood"].as_u64().unwrap() > 1);
    let chart = env.json_as_of(later, &["club", "depth", "real", "--cold-days", "200"]);
    assert_eq!(cb_targets(&chart), [id.as_str()]);
    let listed = env.json_as_of(later, &["rumour", "list", "--cold-days", "200"]);
    assert_eq!(find(&listed, "id", &id)["cold"], false);
}

#[test]
fn a_report_via_another_outlet_is_not_independent() {
    let env = TestEnv::shipped();
    let id = rumour_id(&env, "upamecano", "transfer");
    let before = env.json(&["rumour", "show", &id]);
    let added = env.json(&[
        "rumour",
        "add",
        "upamecano",
        "--to",
        "real",
        "--source",
        "Marca",
        "--via",
        "Fichajes",
    ]);
    assert_eq!(added["id"], before["id"]);
    assert_eq!(added["sources"], before["sources"].as_u64().unwrap() + 1);
    assert_eq!(added["independent_sources"], before["independent_sources"]);
    assert_eq!(
        added["likelihood"], before["likelihood"],
        "a copy adds no evidence"
    );
    let via = added["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["source"] == "Marca")
        .unwrap();
    assert_eq!(via["via"], "Fichajes");
    assert!(
        env.ok(&["rumour", "show", &id])
            .contains("repeated via another outlet")
    );
    // An independent report does raise it.
    let more = env.json(&[
        "rumour",
        "add",
        "upamecano",
        "--to",
        "real",
        "--source",
        "AS",
    ]);
    assert_eq!(
        more["independent_sources"],
        before["independent_sources"].as_u64().unwrap() + 1
    );
    assert!(more["likelihood"].as_u64() > before["likelihood"].as_u64());
}

#[test]
fn a_report_after_sixty_days_of_silence_is_reheated() {
    let env = TestEnv::shipped();
    let run = env.run_as_of(
        "2026-01-10",
        &[
            "--json",
            "rumour",
            "add",
            "upamecano",
            "--to",
            "real",
            "--source",
            "Fichajes",
            "--date",
            "2025-12-19",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let added: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(added["reheated"], true, "60 days after 2025-10-20");
    assert_eq!(
        added["reports"].as_array().unwrap().last().unwrap()["reheated"],
        true
    );
    let list = env.run_as_of("2026-01-10", &["rumour", "list", "--player", "upamecano"]);
    assert!(list.stdout.contains("reheated"), "{}", list.stdout);
    let shown = env.run_as_of(
        "2026-01-10",
        &["rumour", "show", added["id"].as_str().unwrap()],
    );
    assert!(shown.stdout.contains("[reheated]"), "{}", shown.stdout);

    let fresh = TestEnv::shipped();
    let run = fresh.run_as_of(
        "2026-01-10",
        &[
            "--json",
            "rumour",
            "add",
            "upamecano",
            "--to",
            "real",
            "--source",
            "Fichajes",
            "--date",
            "2025-12-18",
        ],
    );
    let added: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(added["reheated"], false, "59 days is not yet silence");
}

#[test]
fn fees_are_quoted_compared_and_filtered() {
    let env = TestEnv::empty();
    env.ok(&["club", "add", "Bayern Munich", "--alias", "Bayern"]);
    env.ok(&["club", "add", "Real Madrid"]);
    env.ok(&[
        "player",
        "add",
        "Dayot Upamecano",
        "--born",
        "1998-10-27",
        "--position",
        "CB",
        "--value",
        "60m",
        "--club",
        "bayern",
        "--until",
        "2026-06-30",
    ]);
    env.ok(&[
        "rumour",
        "add",
        "upamecano",
        "--to",
        "real madrid",
        "--source",
        "Marca",
        "--fee",
        "40m",
        "--date",
        "2025-10-01",
    ]);
    let v = env.json(&[
        "rumour",
        "add",
        "upamecano",
        "--to",
        "real madrid",
        "--source",
        "AS",
        "--fee",
        "€45m+5m",
    ]);
    let fees = &v["fees"];
    assert_eq!(fees["quotes"], 2);
    assert_eq!(fees["low_eur"], 40_000_000);
    assert_eq!(fees["high_eur"], 50_000_000);
    assert_eq!(fees["first"], "€40m");
    assert_eq!(fees["latest"], "€45m+5m");
    assert_eq!(fees["market_value"], 60_000_000);
    let text = env.ok(&["rumour", "show", v["id"].as_str().unwrap()]);
    assert!(text.contains("range €40m–€50m"), "{text}");
    assert!(text.contains("market value €60m"), "{text}");
    let gbp = env.json(&[
        "rumour",
        "add",
        "upamecano",
        "--to",
        "real madrid",
        "--source",
        "Sky",
        "--fee",
        "£50m",
    ]);
    assert_eq!(gbp["fees"]["high_eur"], 58_500_000);
    assert_eq!(
        env.json(&["rumour", "list", "--min-fee", "55m"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert!(
        env.json(&["rumour", "list", "--min-fee", "70m"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let loan = env.json(&[
        "rumour",
        "add",
        "upamecano",
        "--leaving",
        "--source",
        "Sky",
        "--loan",
        "--option-to-buy",
    ]);
    assert_eq!(loan["reports"][0]["option_to_buy"], true);
    let bad = env.run(&[
        "rumour",
        "add",
        "upamecano",
        "--to",
        "real",
        "--source",
        "AS",
        "--fee",
        "lots",
    ]);
    // A fee that can never be read is a usage error, whatever the data.
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("is not a fee"), "{}", bad.stderr);
}

#[test]
fn status_changes_are_dated_and_sourced() {
    let env = TestEnv::shipped();
    let id = rumour_id(&env, "upamecano", "transfer");
    let v = env.json_as_of(
        "2025-10-26",
        &[
            "rumour",
            "update",
            &id,
            "--status",
            "talks",
            "--date",
            "2025-10-25",
            "--source",
            "L'Equipe",
            "--note",
            "first meeting",
        ],
    );
    let last = v["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["status"], "talks");
    assert_eq!(last["date"], "2025-10-25");
    assert_eq!(last["source"], "L'Equipe");
    let text = env.ok_as_of("2025-10-26", &["rumour", "show", &id]);
    assert!(
        text.contains("2025-10-25  status → talks (L'Equipe): first meeting"),
        "{text}"
    );
    // Seen as of the day before, the change had not happened.
    let before = env.json(&["rumour", "show", &id]);
    assert_eq!(before["status"], "rumour");
    let back = env.run_as_of(
        "2025-10-26",
        &[
            "rumour",
            "update",
            &id,
            "--status",
            "agreed",
            "--date",
            "2025-10-22",
        ],
    );
    assert_eq!(
        back.code, 1,
        "a change dated before the last one is refused"
    );
}

#[test]
fn list_filters_answer_questions() {
    let env = TestEnv::shipped();
    let count = |args: &[&str]| {
        let mut all = vec!["rumour", "list"];
        all.extend_from_slice(args);
        env.json(&all).as_array().unwrap().len()
    };
    assert_eq!(count(&[]), 6);
    assert_eq!(count(&["--open"]), 4);
    assert_eq!(count(&["--source", "l'equipe"]), 1);
    assert_eq!(count(&["--min-tier", "2"]), 1);
    assert_eq!(count(&["--min-tier", "5"]), 5);
    assert_eq!(count(&["--club", "bayern"]), 2);
    assert_eq!(count(&["--since", "2025-10-21"]), 0);
    let by_player = env.json(&["rumour", "list", "--sort", "player"]);
    assert_eq!(by_player[0]["player"], "David Alaba", "by surname");
}

#[test]
fn digest_groups_what_changed_by_club() {
    let env = TestEnv::shipped();
    let d = env.json(&["digest", "--since", "2025-10-20"]);
    assert_eq!(d["new_rumours"], 5);
    assert_eq!(d["new_reports"], 3);
    assert_eq!(d["status_changes"], 1);
    let clubs: Vec<&str> = d["clubs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["club"].as_str().unwrap())
        .collect();
    assert_eq!(clubs, ["Bayern Munich", "Liverpool", "Real Madrid"]);
    let text = env.ok(&["digest", "--since", "2025-10-20"]);
    assert!(text.contains("status → off"), "{text}");
}

#[test]
fn expiring_windows_and_pre_contracts() {
    let env = TestEnv::shipped();
    let rows = env.json(&["contract", "expiring", "--within", "12"]);
    assert_eq!(rows.as_array().unwrap().len(), 4);
    let rows = env.json(&["contract", "expiring", "--within", "12", "--age-max", "30"]);
    let names: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["player"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ibrahima Konaté", "Dayot Upamecano"], "by surname");
    assert_eq!(rows[0]["open_rumours"][0]["kind"], "renewal");
    assert!(
        env.json(&["contract", "expiring", "--pre-contract"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let later = env.run_as_of(
        "2026-01-05",
        &["--json", "contract", "expiring", "--pre-contract"],
    );
    let rows: Value = serde_json::from_str(&later.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 4);
    assert_eq!(rows[0]["pre_contract"], true);
    // No window: the next 12 months (tests/papercuts.rs).
    let none = env.run(&["contract", "expiring"]);
    assert_eq!(none.code, 0, "{}", none.stderr);
}

#[test]
fn undo_after_rumour_add_restores_every_byte() {
    let env = TestEnv::shipped();
    let before = env.snapshot();
    env.ok_as_of(
        "2025-10-21",
        &[
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
    assert_ne!(before, env.snapshot());
    let log = env.json(&["log"]);
    assert!(
        log[0]["command"]
            .as_str()
            .unwrap()
            .contains("rumour add upamecano"),
        "{log}"
    );
    let out = env.ok(&["undo"]);
    assert!(out.contains("Undid change"), "{out}");
    assert_eq!(before, env.snapshot());
    let again = env.run(&["undo"]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("nothing to undo"), "{}", again.stderr);
}

#[test]
fn undo_steps_back_one_change_at_a_time() {
    let env = TestEnv::shipped();
    let start = env.snapshot();
    env.ok(&["source", "add", "Relevo", "--tier", "2"]);
    let middle = env.snapshot();
    env.ok(&["rumour", "add", "alaba", "--leaving", "--source", "Relevo"]);
    env.ok(&["undo"]);
    assert_eq!(middle, env.snapshot());
    env.ok(&["undo"]);
    assert_eq!(start, env.snapshot());
}

#[test]
fn piped_and_no_color_output_has_no_escape_codes() {
    let env = TestEnv::shipped();
    for args in [
        vec!["club", "depth", "real"],
        vec!["rumour", "list"],
        vec!["--color", "auto", "contract", "expiring", "--year", "2026"],
    ] {
        let out = env.ok(&args);
        assert!(!out.contains('\u{1b}'), "{args:?}: {out}");
    }
    let forced = env.ok(&["--color", "always", "club", "depth", "real"]);
    assert!(
        forced.contains('\u{1b}'),
        "--color always colours even when piped"
    );
    let never = env.ok(&["--color", "never", "club", "depth", "real"]);
    assert!(!never.contains('\u{1b}'));
}

#[test]
fn completions_and_man_page_generate() {
    let env = TestEnv::shipped();
    for shell in ["zsh", "fish", "powershell"] {
        let out = env.ok(&["completions", shell]);
        assert!(out.contains("rumour"), "{shell}");
    }
    // Bash asks mercato itself (see tests/complete.rs).
    assert!(
        env.ok(&["completions", "bash"])
            .contains("mercato complete --index")
    );
    let man = env.ok(&["man"]);
    assert!(
        man.contains(".TH mercato"),
        "{}",
        &man[..200.min(man.len())]
    );
}

#[test]
fn misspelt_sources_and_subcommands_get_suggestions() {
    let env = TestEnv::shipped();
    let run = env.run(&["source", "show", "fichajez"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("did you mean 'Fichajes'"),
        "{}",
        run.stderr
    );
    let run = env.run(&["rumour", "lst"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("list"), "{}", run.stderr);
}

#[test]
fn source_show_lists_its_reports() {
    let env = TestEnv::shipped();
    let v = env.json(&["source", "show", "fichajes"]);
    assert_eq!(v["source"]["name"], "Fichajes");
    assert_eq!(v["reports"].as_array().unwrap().len(), 4);
    env.ok(&[
        "source",
        "set",
        "spanish media",
        "--tier",
        "3",
        "--alias",
        "prensa",
    ]);
    let s = env.json(&["source", "show", "prensa"]);
    assert_eq!(s["source"]["tier"], 3);
}
