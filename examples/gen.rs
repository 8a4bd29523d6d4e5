//! Writes a realistic, reproducible mercato bundle for benchmarks:
//!
//! ```sh
//! cargo run --release --example gen -- --players 100000 --reports 500000 --seed 1 --out world.json
//! ```
//!
//! Names with accents from several football nations, clubs in leagues,
//! contracts ending 2025–2031 (most on 30 June), sources of every tier, and
//! rumours with 1 to 12 reports each.

use chrono::{Datelike, NaiveDate};
use mercato::model::{
    Club, ClubId, Contract, Foot, MoveKind, Player, Position, Report, Rumour, Source, SourceId,
    Stance, Status, StatusChange,
};
use mercato::world::World;
use std::collections::BTreeMap;

const FIRST: &[&str] = &[
    "Ibrahima",
    "Dayot",
    "Antonio",
    "David",
    "Éder",
    "Álvaro",
    "Dean",
    "Virgil",
    "Trent",
    "Jules",
    "Kylian",
    "Aurélien",
    "Eduardo",
    "Raphaël",
    "Théo",
    "Lucas",
    "Benjamin",
    "Jérôme",
    "Joško",
    "Luka",
    "Mateo",
    "Iñigo",
    "Iñaki",
    "Nicolás",
    "Sebastián",
    "Joaquín",
    "Andrés",
    "Martín",
    "João",
    "Rúben",
    "Gonçalo",
    "Bernardo",
    "Diogo",
    "Vitória",
    "Thiago",
    "Gabriel",
    "Vinícius",
    "Rodrygo",
    "Endrick",
    "Müller",
    "Jürgen",
    "Jörg",
    "Leroy",
    "Joshua",
    "Florian",
    "Kai",
    "Niclas",
    "Mats",
    "Serge",
    "Federico",
    "Alessandro",
    "Nicolò",
    "Giacomo",
    "Lorenzo",
    "Gianluigi",
    "Kenan",
    "Çağlar",
    "Hakan",
    "Arda",
    "Ferdi",
    "Mesut",
    "İlkay",
    "Søren",
    "Kasper",
    "Mikkel",
    "Rasmus",
    "Pierre-Emile",
    "Björn",
    "Åke",
    "Zlatan",
    "Dejan",
    "Dušan",
    "Nemanja",
    "Aleksandar",
    "Wojciech",
    "Łukasz",
    "Kamil",
    "Piotr",
    "Jakub",
    "Tomáš",
    "Patrik",
    "Ondřej",
    "Marek",
    "Bukayo",
    "Declan",
    "Harry",
    "Phil",
    "Jude",
    "Cole",
    "Marcus",
    "Jordan",
    "Kieran",
    "Reece",
    "Achraf",
    "Hakim",
    "Sofyan",
    "Yassine",
    "Sadio",
    "Kalidou",
    "Idrissa",
    "Victor",
    "Wilfred",
];
const LAST: &[&str] = &[
    "Konaté",
    "Upamecano",
    "Rüdiger",
    "Alaba",
    "Militão",
    "Carreras",
    "Huijsen",
    "van Dijk",
    "Koundé",
    "Mbappé",
    "Tchouaméni",
    "Camavinga",
    "Varane",
    "Hernández",
    "Pavard",
    "Gvardiol",
    "Modrić",
    "Kovačić",
    "Martínez",
    "Fernández",
    "García",
    "López",
    "González",
    "Rodríguez",
    "Pérez",
    "Sánchez",
    "Gómez",
    "Díaz",
    "Muñoz",
    "Álvarez",
    "Núñez",
    "Silva",
    "Santos",
    "Gonçalves",
    "Ramos",
    "Dias",
    "Félix",
    "Cancelo",
    "Leão",
    "Vitinha",
    "Neves",
    "Müller",
    "Kimmich",
    "Gnabry",
    "Sané",
    "Wirtz",
    "Musiala",
    "Havertz",
    "Füllkrug",
    "Schlotterbeck",
    "Hummels",
    "Gündoğan",
    "Çalhanoğlu",
    "Güler",
    "Kökçü",
    "Yıldız",
    "Højbjerg",
    "Eriksen",
    "Schmeichel",
    "Kjær",
    "Ødegaard",
    "Haaland",
    "Sørloth",
    "Isak",
    "Kulusevski",
    "Ibrahimović",
    "Vlahović",
    "Milinković-Savić",
    "Tadić",
    "Mitrović",
    "Szczęsny",
    "Lewandowski",
    "Zieliński",
    "Kiwior",
    "Souček",
    "Schick",
    "Škriniar",
    "Hamšík",
    "Saka",
    "Rice",
    "Kane",
    "Foden",
    "Bellingham",
    "Palmer",
    "Rashford",
    "Pickford",
    "Trippier",
    "James",
    "Hakimi",
    "Ziyech",
    "Amrabat",
    "Bounou",
    "Mané",
    "Koulibaly",
    "Gueye",
    "Osimhen",
    "Ndidi",
    "Zaha",
    "Lukaku",
    "De Bruyne",
    "Courtois",
    "Doku",
    "Tielemans",
    "Onana",
    "Mendy",
    "Diallo",
    "Traoré",
    "Camara",
];
const NATIONS: &[&str] = &[
    "France",
    "Spain",
    "Portugal",
    "Germany",
    "Italy",
    "England",
    "Netherlands",
    "Belgium",
    "Brazil",
    "Argentina",
    "Croatia",
    "Serbia",
    "Poland",
    "Czech Republic",
    "Turkey",
    "Denmark",
    "Norway",
    "Sweden",
    "Morocco",
    "Senegal",
    "Nigeria",
];
const LEAGUES: &[(&str, &str, &[&str])] = &[
    (
        "Premier League",
        "England",
        &[
            "Arsenal",
            "Aston Villa",
            "Bournemouth",
            "Brentford",
            "Brighton",
            "Chelsea",
            "Crystal Palace",
            "Everton",
            "Fulham",
            "Liverpool",
            "Manchester City",
            "Manchester United",
            "Newcastle United",
            "Nottingham Forest",
            "Tottenham Hotspur",
            "West Ham United",
            "Wolverhampton",
            "Burnley",
            "Leeds United",
            "Sunderland",
        ],
    ),
    (
        "La Liga",
        "Spain",
        &[
            "Real Madrid",
            "Barcelona",
            "Atlético Madrid",
            "Athletic Club",
            "Real Sociedad",
            "Real Betis",
            "Villarreal",
            "Valencia",
            "Sevilla",
            "Girona",
            "Celta Vigo",
            "Osasuna",
            "Getafe",
            "Rayo Vallecano",
            "Mallorca",
            "Alavés",
            "Espanyol",
            "Elche",
            "Levante",
            "Real Oviedo",
        ],
    ),
    (
        "Bundesliga",
        "Germany",
        &[
            "Bayern München",
            "Borussia Dortmund",
            "RB Leipzig",
            "Bayer Leverkusen",
            "Eintracht Frankfurt",
            "VfB Stuttgart",
            "SC Freiburg",
            "VfL Wolfsburg",
            "Borussia Mönchengladbach",
            "Werder Bremen",
            "Union Berlin",
            "Mainz 05",
            "Augsburg",
            "Hoffenheim",
            "Heidenheim",
            "St. Pauli",
            "Köln",
            "Hamburger SV",
        ],
    ),
    (
        "Serie A",
        "Italy",
        &[
            "Inter",
            "Milan",
            "Juventus",
            "Napoli",
            "Roma",
            "Lazio",
            "Atalanta",
            "Fiorentina",
            "Bologna",
            "Torino",
            "Genoa",
            "Udinese",
            "Cagliari",
            "Lecce",
            "Parma",
            "Como",
            "Verona",
            "Sassuolo",
            "Cremonese",
            "Pisa",
        ],
    ),
    (
        "Ligue 1",
        "France",
        &[
            "Paris Saint-Germain",
            "Olympique de Marseille",
            "AS Monaco",
            "Lille",
            "Olympique Lyonnais",
            "OGC Nice",
            "RC Lens",
            "Stade Rennais",
            "Stade Brestois",
            "RC Strasbourg",
            "Toulouse",
            "FC Nantes",
            "AJ Auxerre",
            "Angers",
            "Le Havre",
            "Lorient",
            "Metz",
            "Paris FC",
        ],
    ),
];
const OUTLETS: &[&str] = &[
    "L'Équipe",
    "Marca",
    "AS",
    "Mundo Deportivo",
    "Sport",
    "Relevo",
    "Fichajes",
    "Bild",
    "Kicker",
    "Sky Germany",
    "La Gazzetta dello Sport",
    "Corriere dello Sport",
    "Tuttosport",
    "Calciomercato",
    "The Athletic",
    "Sky Sports",
    "BBC Sport",
    "The Guardian",
    "The Sun",
    "Daily Mail",
    "Record",
    "A Bola",
    "O Jogo",
    "RMC Sport",
    "Foot Mercato",
    "Le Parisien",
    "Globo Esporte",
    "Olé",
    "Fanatik",
    "Voetbal International",
];

/// xorshift64*: small, fast, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn arg(args: &[String], name: &str, default: u64) -> u64 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n_players = arg(&args, "--players", 100_000) as usize;
    let n_reports = arg(&args, "--reports", 500_000) as usize;
    let mut rng = Rng(arg(&args, "--seed", 1)
        .max(1)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        | 1);
    let out = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1).cloned());

    let mut world = World::default();
    // Clubs: the real top five leagues, then invented lower divisions so that
    // squads stay realistic (about 40 players per club).
    let mut clubs: Vec<ClubId> = Vec::new();
    fn add_club(
        world: &mut World,
        clubs: &mut Vec<ClubId>,
        name: String,
        league: &str,
        country: &str,
    ) {
        let id = ClubId(mercato::model::ids::slug(&name).unwrap_or_default());
        if world.clubs.contains_key(&id) {
            return;
        }
        let mut club = Club::new(id.clone(), &name);
        club.league = Some(league.to_string());
        club.country = Some(country.to_string());
        world.put_club(club);
        clubs.push(id);
    }
    for (league, country, names) in LEAGUES {
        for name in *names {
            add_club(&mut world, &mut clubs, name.to_string(), league, country);
        }
    }
    let wanted_clubs = (n_players / 40).max(clubs.len());
    let mut division = 2;
    while clubs.len() < wanted_clubs {
        for (league, country, names) in LEAGUES {
            for name in *names {
                if clubs.len() >= wanted_clubs {
                    break;
                }
                let name = format!("{name} {}", roman(division));
                add_club(
                    &mut world,
                    &mut clubs,
                    name,
                    &format!("{league} {division}"),
                    country,
                );
            }
        }
        division += 1;
    }

    let mut sources: Vec<SourceId> = Vec::new();
    for (i, outlet) in OUTLETS.iter().enumerate() {
        for region in 0..10 {
            let name = if region == 0 {
                outlet.to_string()
            } else {
                format!("{outlet} {region}")
            };
            let id = SourceId(mercato::model::ids::slug(&name).unwrap_or_default());
            let mut s = Source::new(id.clone(), &name);
            s.tier = match (i + region) % 6 {
                5 => None,
                t => Some(t as u8 + 1),
            };
            world.put_source(s);
            sources.push(id);
        }
    }

    let mut players = Vec::with_capacity(n_players);
    for _ in 0..n_players {
        let name = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
        let born = date(
            1985 + rng.below(24) as i32,
            1 + rng.below(12) as u32,
            1 + rng.below(28) as u32,
        );
        let id = mercato::edit::unique_player_id(&world, &name, born).expect("an id");
        let position = *rng.pick(&Position::ALL);
        let mut also = Vec::new();
        if rng.below(3) == 0 {
            let other = *rng.pick(&Position::ALL);
            if other != position {
                also.push(other);
            }
        }
        let club = rng.pick(&clubs).clone();
        let end_year = 2025 + rng.below(7) as i32;
        let end = if rng.below(10) == 0 {
            date(end_year, 12, 31)
        } else {
            date(end_year, 6, 30)
        };
        let start = date(end_year - 1 - rng.below(4) as i32, 7, 1);
        let start = start.max(date(born.year() + 16, 7, 1));
        let contract = Contract {
            signed: Some(start),
            start: Some(start),
            loan: rng.below(15) == 0,
            ..Contract::new(club, Some(end))
        };
        let player = Player {
            id: id.clone(),
            name,
            aliases: Vec::new(),
            born: Some(born),
            reported_age: None,
            nationality: Some(rng.pick(NATIONS).to_string()),
            position,
            also,
            caps: (rng.below(4) == 0).then(|| rng.below(120) as u32),
            foot: Some(*rng.pick(&[Foot::Right, Foot::Right, Foot::Left, Foot::Both])),
            market_value: Some(100_000 * (1 + rng.below(800) as u64)),
            notes: None,
            contracts: vec![contract],
            external_ids: BTreeMap::new(),
            conflicts: Default::default(),
        };
        world.put_player(player);
        players.push(id);
    }

    let mut open_moves: std::collections::HashSet<(
        mercato::model::PlayerId,
        MoveKind,
        Option<ClubId>,
    )> = std::collections::HashSet::new();
    let mut written = 0;
    while written < n_reports && !players.is_empty() {
        let player = rng.pick(&players).clone();
        let from = world.players[&player].contracts[0].club.clone();
        let (kind, to) = match rng.below(10) {
            0 => (MoveKind::Renewal, Some(from.clone())),
            1 => (MoveKind::Departure, None),
            _ => {
                let mut to = rng.pick(&clubs).clone();
                if to == from {
                    to = clubs
                        [(clubs.iter().position(|c| *c == to).unwrap_or(0) + 1) % clubs.len()]
                    .clone();
                }
                (MoveKind::Transfer, Some(to))
            }
        };
        let count = (1 + rng.below(12)).min(n_reports - written);
        let mut day = date(2024, 1, 1) + chrono::Days::new(rng.below(600) as u64);
        let mut reports = Vec::with_capacity(count);
        for _ in 0..count {
            reports.push(Report {
                date: day,
                source: rng.pick(&sources).clone(),
                stance: if rng.below(8) == 0 {
                    Stance::Against
                } else {
                    Stance::For
                },
                via: None,
                fee: None,
                loan: false,
                option_to_buy: false,
                note: (rng.below(3) == 0).then(|| "claims a deal is close".to_string()),
                url: None,
            });
            day = day + chrono::Days::new(rng.below(20) as u64);
        }
        written += count;
        let status = *rng.pick(&[
            Status::Rumour,
            Status::Rumour,
            Status::Talks,
            Status::Agreed,
            Status::Done,
            Status::Off,
            Status::Denied,
        ]);
        let first = reports[0].clone();
        let id = (0..)
            .map(|salt| Rumour::make_id(&player, kind, to.as_ref(), &first, salt))
            .find(|id| !world.rumours.contains_key(id))
            .expect("an id");
        // One open rumour per move: a second story of the same move is closed.
        let key = (player.clone(), kind, to.clone());
        let status = if status.is_open() && !open_moves.insert(key) {
            Status::Off
        } else {
            status
        };
        // A done move signs a contract, which this world does not write:
        // one to a club is left agreed, so that the world is a possible one
        // (`check`, and so `import bundle`, refuse a done move with no contract).
        let status = if status == Status::Done && to.is_some() {
            Status::Agreed
        } else {
            status
        };
        let last_day = reports.last().map_or(first.date, |r| r.date);
        world.put_rumour(Rumour {
            id,
            player,
            kind,
            from: Some(from),
            to,
            status,
            reports,
            history: vec![StatusChange {
                date: last_day,
                status,
                note: None,
                source: None,
                fee: None,
            }],
            conflicts: Default::default(),
        });
    }

    let bundle = mercato::bundle::export(&world);
    let json = serde_json::to_vec(&bundle).expect("serializable");
    match out {
        Some(path) => std::fs::write(&path, json).expect("write the bundle"),
        None => {
            use std::io::Write;
            let _ = std::io::stdout().write_all(&json);
        }
    }
    eprintln!(
        "{} clubs, {} sources, {} players, {} rumours, {written} reports",
        world.clubs.len(),
        world.sources.len(),
        world.players.len(),
        world.rumours.len()
    );
}

fn roman(n: usize) -> String {
    [
        "", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
    ]
    .get(n)
    .map_or_else(|| n.to_string(), |s| s.to_string())
}
