//! Property tests: every record survives a write and a read unchanged, and
//! random sequences of changes never break an invariant that `check` tests.

use chrono::NaiveDate;
use mercato::check::check_world;
use mercato::edit::{self, Move, NewClub, NewContract, NewPlayer, NewReport, NewSource, NewStatus};
use mercato::model::{Position, Stance, Status};
use mercato::{Store, World};
use proptest::prelude::*;

const CLUBS: [&str; 4] = ["Real Madrid", "Liverpool", "Bayern Munich", "Ajax"];
const PLAYERS: [&str; 5] = [
    "Ibrahima Konaté",
    "Dayot Upamecano",
    "Jürgen Müller",
    "Zoë O'Neil",
    "Ana Ruiz",
];
const SOURCES: [&str; 3] = ["L'Equipe", "Marca", "The Athletic"];

fn day(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(u64::from(offset))
}

fn as_of() -> NaiveDate {
    day(2500)
}

#[derive(Debug, Clone)]
enum Op {
    Club(usize),
    Source(usize, Option<u8>),
    Player {
        who: usize,
        born: u32,
        position: usize,
        club: Option<(usize, u32, u32, bool)>,
    },
    Contract {
        who: usize,
        club: usize,
        start: u32,
        length: u32,
        loan: bool,
    },
    Report {
        who: usize,
        target: u8,
        club: usize,
        source: usize,
        date: u32,
        status: Option<usize>,
        against: bool,
        note: Option<String>,
    },
    Status {
        pick: usize,
        status: usize,
        date: u32,
    },
    Depth {
        club: usize,
        who: Vec<usize>,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..CLUBS.len()).prop_map(Op::Club),
        (0..SOURCES.len(), proptest::option::of(0u8..7)).prop_map(|(s, t)| Op::Source(s, t)),
        (
            0..PLAYERS.len(),
            0u32..20000,
            0..Position::ALL.len(),
            proptest::option::of((0..CLUBS.len(), 0u32..3000, 1u32..2000, any::<bool>()))
        )
            .prop_map(|(who, born, position, club)| Op::Player {
                who,
                born,
                position,
                club
            }),
        (
            0..PLAYERS.len(),
            0..CLUBS.len(),
            0u32..3000,
            0u32..2000,
            any::<bool>()
        )
            .prop_map(|(who, club, start, length, loan)| Op::Contract {
                who,
                club,
                start,
                length,
                loan
            }),
        (
            0..PLAYERS.len(),
            0u8..3,
            0..CLUBS.len(),
            0..SOURCES.len(),
            0u32..3000,
            proptest::option::of(0..6usize),
            any::<bool>(),
            proptest::option::of("[a-zA-Zé \n]{0,20}")
        )
            .prop_map(|(who, target, club, source, date, status, against, note)| {
                Op::Report {
                    who,
                    target,
                    club,
                    source,
                    date,
                    status,
                    against,
                    note,
                }
            }),
        (0usize..10, 0..6usize, 0u32..3000).prop_map(|(pick, status, date)| Op::Status {
            pick,
            status,
            date
        }),
        (
            0..CLUBS.len(),
            proptest::collection::vec(0..PLAYERS.len(), 0..3)
        )
            .prop_map(|(club, who)| Op::Depth { club, who }),
    ]
}

/// Applies one change; a refused change must leave the world as it was.
fn apply(world: &mut World, op: &Op) {
    let before = format!(
        "{:?}",
        (&world.clubs, &world.sources, &world.players, &world.rumours)
    );
    let result = match op.clone() {
        Op::Club(i) => edit::add_club(
            world,
            NewClub {
                name: CLUBS[i].into(),
                ..NewClub::default()
            },
        )
        .map(drop),
        Op::Source(i, tier) => edit::add_source(
            world,
            NewSource {
                name: SOURCES[i].into(),
                tier,
                ..NewSource::default()
            },
        )
        .map(drop),
        Op::Player {
            who,
            born,
            position,
            club,
        } => edit::add_player(
            world,
            NewPlayer {
                name: PLAYERS[who].into(),
                born: day(0) - chrono::Days::new(u64::from(born)),
                position: Position::ALL[position],
                also: vec![Position::ALL[(position + 3) % Position::ALL.len()]],
                nationality: None,
                caps: None,
                foot: None,
                market_value: None,
                notes: None,
                contract: club.map(|(c, start, length, loan)| NewContract {
                    club: CLUBS[c].into(),
                    signed: None,
                    start: Some(day(start)),
                    end: Some(day(start + length)),
                    loan,
                    signed_from: None,
                }),
            },
            as_of(),
        )
        .map(drop),
        Op::Contract {
            who,
            club,
            start,
            length,
            loan,
        } => edit::set_contract(
            world,
            PLAYERS[who],
            NewContract {
                club: CLUBS[club].into(),
                signed: None,
                start: Some(day(start)),
                end: Some(day(start + length)),
                loan,
                signed_from: None,
            },
            as_of(),
        )
        .map(drop),
        Op::Report {
            who,
            target,
            club,
            source,
            date,
            status,
            against,
            note,
        } => edit::add_report(
            world,
            NewReport {
                player: PLAYERS[who].into(),
                target: match target {
                    0 => Move::To(CLUBS[club].into()),
                    1 => Move::Renewal,
                    _ => Move::Leaving,
                },
                source: SOURCES[source].into(),
                date: Some(day(date)),
                status: status.map(|s| Status::ALL[s]),
                stance: if against {
                    Stance::Against
                } else {
                    Stance::For
                },
                via: None,
                fee: None,
                loan: false,
                option_to_buy: false,
                note,
                url: None,
                new_source: true,
            },
            as_of(),
        )
        .map(drop),
        Op::Status { pick, status, date } => {
            let ids: Vec<mercato::model::RumourId> = world.rumours.keys().cloned().collect();
            if ids.is_empty() {
                Ok(())
            } else {
                let change = NewStatus {
                    status: Status::ALL[status],
                    date: Some(day(date)),
                    note: None,
                    source: None,
                    terms: Default::default(),
                    to: None,
                };
                edit::update_rumour(world, &ids[pick % ids.len()], change, as_of()).map(drop)
            }
        }
        Op::Depth { club, who } => match world.find_club(CLUBS[club]) {
            Ok(id) => {
                let names: Vec<String> = who.iter().map(|w| PLAYERS[*w].to_string()).collect();
                edit::set_depth_order(world, &id, mercato::model::Slot::CB, &names, as_of())
            }
            Err(e) => Err(e),
        },
    };
    if result.is_err() {
        let after = format!(
            "{:?}",
            (&world.clubs, &world.sources, &world.players, &world.rumours)
        );
        assert_eq!(before, after, "a refused {op:?} changed the world");
    }
}

/// The ops applied in one change to a new data directory (kept alive by
/// the directory handle returned with it).
fn applied(ops: &[Op]) -> (tempfile::TempDir, Store, mercato::World) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap().without_index();
    let (world, ()) = store
        .change("props", as_of(), |world| {
            for op in ops {
                apply(world, op);
            }
            Ok(())
        })
        .unwrap();
    (dir, store, world)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_changes_keep_every_invariant(ops in proptest::collection::vec(op(), 1..40)) {
        let (_dir, store, world) = applied(&ops);
        let problems = check_world(&store, &world, as_of());
        prop_assert!(problems.is_empty(), "{problems:?}");
        let problems = mercato::check::check(&store, as_of());
        prop_assert!(problems.is_empty(), "{problems:?}");
        // Every record reads back exactly as it was written.
        let back = store.load().unwrap();
        prop_assert_eq!(&back.clubs, &world.clubs);
        prop_assert_eq!(&back.sources, &world.sources);
        prop_assert_eq!(&back.players, &world.players);
        prop_assert_eq!(&back.rumours, &world.rumours);
        for rumour in world.rumours.values() {
            prop_assert!(!rumour.reports.is_empty());
            prop_assert!(rumour.reports.windows(2).all(|w| w[0].date <= w[1].date));
            // At most one open rumour per move.
            let twins = world.rumours.values().filter(|r| {
                r.status.is_open() && rumour.status.is_open()
                    && r.is_same_move(&rumour.player, rumour.kind, rumour.to.as_ref())
            }).count();
            prop_assert!(!rumour.status.is_open() || twins == 1);
        }
    }

    #[test]
    fn text_never_panics_and_never_escapes(name in "\\PC{0,300}", raw in proptest::collection::vec(any::<u8>(), 0..64)) {
        let mut world = World::default();
        let text = String::from_utf8_lossy(&raw).into_owned() + &name;
        let _ = edit::add_club(&mut world, NewClub { name: text.clone(), ..NewClub::default() });
        let _ = world.find_player(&text);
        let _ = mercato::dates::parse(&text);
        let _ = mercato::model::Fee::parse(&text, mercato::model::Currency::EUR);
        for club in world.clubs.values() {
            prop_assert!(club.id.as_str().chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
            prop_assert!(!club.name.chars().any(char::is_control));
        }
    }
}

/// Found by the property below: a move done on the very day a contract
/// elsewhere starts left two contracts in force at once. It is refused now,
/// and refused whole.
#[test]
fn a_move_on_the_day_a_contract_elsewhere_starts_is_refused() {
    let ops = vec![
        Op::Club(0),
        Op::Player {
            who: 3,
            born: 0,
            position: 0,
            club: None,
        },
        Op::Club(1),
        Op::Contract {
            who: 3,
            club: 0,
            start: 1,
            length: 1309,
            loan: false,
        },
        Op::Report {
            who: 3,
            target: 0,
            club: 1,
            source: 0,
            date: 1,
            status: Some(3),
            against: false,
            note: None,
        },
        Op::Club(0),
    ];
    let (_dir, store, world) = applied(&ops);
    let problems = check_world(&store, &world, as_of());
    assert!(problems.is_empty(), "{problems:?}");
}
