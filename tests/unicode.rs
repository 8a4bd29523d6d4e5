//! Unicode hygiene: names in NFC, invisible format characters refused in
//! names, hidden characters planted in a file shown escaped and flagged.

use crate::common::TestEnv;

#[test]
fn a_decomposed_name_finds_and_deduplicates_against_the_composed_one() {
    let env = TestEnv::shipped();
    // "Konate" + COMBINING ACUTE ACCENT, as some keyboards and files send it.
    let nfd = "Ibrahima Konate\u{301}";
    let player = env.json(&["player", "show", nfd]);
    assert_eq!(player["player"]["id"], "ibrahima-konate");
    env.refused(
        &[
            "player",
            "add",
            nfd,
            "--born",
            "1999-05-25",
            "--position",
            "CB",
        ],
        1,
        "already",
    );
    // A new name typed decomposed is stored composed.
    env.ok(&["source", "add", "Le Parisie\u{301}n"]);
    let sources = std::fs::read_to_string(env.data.join("sources.json")).unwrap();
    assert!(sources.contains("Le Parisién"), "{sources}");
    assert!(!sources.contains("e\u{301}"), "{sources}");
}

#[test]
fn bidi_and_zero_width_characters_are_refused_in_names() {
    let env = TestEnv::shipped();
    env.refused(&["source", "add", "Sky\u{202E}Sports"], 1, "U+202E");
    env.refused(&["club", "add", "Real\u{200D}Madrid II"], 1, "U+200D");
    env.refused(
        &["player", "edit", "konate", "--alias", "Ibou\u{2066}"],
        1,
        "U+2066",
    );
}

#[test]
fn an_escape_sequence_planted_in_a_file_is_shown_escaped_and_flagged() {
    let env = TestEnv::shipped();
    let shard = env.data.join("players").join("4f.json");
    let text = std::fs::read_to_string(&shard).unwrap();
    assert!(text.contains("\"Ibrahima Konaté\""));
    let planted = text.replace(
        "\"Ibrahima Konaté\"",
        "\"Ibrahima \\u001b[31mKonaté\\u202e\"",
    );
    std::fs::write(&shard, planted).unwrap();
    for args in [
        &["player", "show", "ibrahima-konate"][..],
        &["club", "show", "liverpool"],
        &["club", "depth", "liverpool"],
        &["club", "depth", "liverpool", "--view", "pitch"],
        &["rumour", "list"],
        &["contract", "expiring", "--year", "2026"],
        &["contract", "timeline", "--club", "liverpool"],
        &["player", "list"],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            !run.stdout.contains('\u{1b}'),
            "{args:?} printed a raw ESC:\n{}",
            run.stdout
        );
        assert!(
            !run.stdout.contains('\u{202e}'),
            "{args:?} printed a raw RLO"
        );
        assert!(
            run.stdout.contains("\\u{1b}"),
            "{args:?} hid the name:\n{}",
            run.stdout
        );
    }
    let check = env.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stdout);
    assert!(
        check.stdout.contains("player 'ibrahima-konate'"),
        "{}",
        check.stdout
    );
    assert!(!check.stdout.contains('\u{1b}'));
}
