//! Tables that fit: the headline tables drawn for 60-, 80- and 120-column
//! terminals never split an id, a date or a number across lines.

use crate::common::TestEnv;
use chrono::NaiveDate;
use mercato::query::{depth, expiring, likelihood, rumours};
use mercato::render::{self, Style};
use mercato::{Store, World};

fn world(env: &TestEnv) -> (World, NaiveDate) {
    let day = NaiveDate::from_ymd_opt(2025, 10, 20).unwrap();
    let store = Store::open(&env.data).unwrap().without_index();
    let (world, ()) = store
        .read_as_of(day, |store, w| store.load_all_rumours(w))
        .unwrap();
    (world, day)
}

/// The headline tables at one width (None: piped, never wrapped).
fn tables(world: &World, day: NaiveDate, width: Option<u16>) -> Vec<(&'static str, String)> {
    let style = Style {
        width,
        color: false,
    };
    let madrid = &world.clubs[&mercato::model::ClubId::from("real-madrid")];
    let chart = depth::depth_chart(world, madrid, day, likelihood::DEFAULT_COLD_DAYS);
    let rows = expiring::contracts_expiring(
        world,
        &expiring::ExpiringFilter {
            year: Some(2026),
            ..Default::default()
        },
        day,
    );
    let assessor = rumours::Assessor::new(world, day);
    let list = rumours::list(world, &assessor, &rumours::RumourFilter::default());
    vec![
        ("depth", render::depth::chart(&chart, style)),
        ("pitch", render::pitch::pitch(&chart, style)),
        (
            "expiring",
            render::records::expiring(&rows, rows.len(), "in 2026", day, style),
        ),
        ("rumours", render::rumours::list(&list, style)),
    ]
}

/// Words with a digit in them: ids, dates, ages, percentages, fees.
fn numeric_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| w.contains(|c: char| c.is_ascii_digit()))
        .map(String::from)
        .collect()
}

#[test]
fn no_id_date_or_number_is_split_at_any_width() {
    let env = TestEnv::shipped();
    let (world, day) = world(&env);
    // Columns may be dropped, never cut: every number printed at a width is
    // one the unwrapped tables print (a pitch too narrow is stacked as the
    // depth table, after a line saying how wide the pitch is).
    let whole: Vec<String> = tables(&world, day, None)
        .iter()
        .flat_map(|(_, text)| numeric_words(text))
        .collect();
    for width in [60, 80, 120] {
        for (name, narrow) in tables(&world, day, Some(width)) {
            let body = match narrow.strip_prefix("(the pitch needs") {
                Some(rest) => rest.split_once('\n').map_or("", |(_, b)| b),
                None => narrow.as_str(),
            };
            for word in numeric_words(body) {
                assert!(
                    whole.contains(&word),
                    "{name} at {width} columns split a number ({word}):\n{narrow}"
                );
            }
            insta::assert_snapshot!(format!("{name}_{width}"), narrow);
        }
    }
}

#[test]
fn a_table_wider_than_the_terminal_wraps_its_text_not_its_ids() {
    let env = TestEnv::shipped();
    let (world, day) = world(&env);
    let rumours = &tables(&world, day, Some(60))[3].1;
    // The ids column is whole on every row.
    for id in ["50369ebf", "10dcabc2", "1083f5eb"] {
        assert!(rumours.contains(id), "{rumours}");
    }
    // The move (text) wrapped to fit instead.
    assert!(rumours.lines().count() > 8, "{rumours}");
}
