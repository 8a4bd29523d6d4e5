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
