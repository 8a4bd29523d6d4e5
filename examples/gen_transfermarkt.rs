//! Writes Transfermarkt-shaped files (clubs.csv, players.csv, transfers.csv,
//! in the dataset's exact headers and line ends) of the full dataset's size,
//! to time `mercato import transfermarkt` on:
//!
//! ```sh
//! cargo run --release --example gen_transfermarkt -- --players 35000 --transfers 80000 --out /tmp/tm
//! ```
//!
//! About 450 clubs in the files' leagues plus 1,500 only transfers name;
//! last seasons 2012–2025 (a third at the newest); 1–6 moves per player, the
//! newest ones after the as-of day (future moves), some to Retired (123) or
//! Without Club (515).

use std::fmt::Write as _;
use std::io::Write as _;

/// A small reproducible generator (no dependency for a benchmark's data).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const LEAGUES: &[&str] = &[
    "GB1", "ES1", "L1", "IT1", "FR1", "NL1", "PO1", "BE1", "TR1", "GR1", "RU1", "UKR1", "DK1",
    "SC1",
];
const SUBS: &[(&str, &str)] = &[
    ("Goalkeeper", "Goalkeeper"),
    ("Centre-Back", "Defender"),
    ("Right-Back", "Defender"),
    ("Left-Back", "Defender"),
    ("Defensive Midfield", "Midfield"),
    ("Central Midfield", "Midfield"),
    ("Attacking Midfield", "Midfield"),
    ("Right Winger", "Attack"),
    ("Left Winger", "Attack"),
    ("Centre-Forward", "Attack"),
];
const FIRST: &[&str] = &[
    "Ibrahima", "Dayot", "Antonio", "David", "Éder", "Álvaro", "Dean", "Virgil", "Trent", "Jules",
    "Kylian", "João", "Søren", "Łukasz", "Mehmet", "Nikola", "Pablo", "Luca", "Hans", "Sérgio",
];
const LAST: &[&str] = &[
    "Konaté",
    "Upamecano",
    "Rüdiger",
    "Alaba",
    "Militão",
    "Carreras",
    "Huijsen",
    "Dijk",
    "Koundé",
    "Félix",
    "Jørgensen",
    "Piątek",
    "Yılmaz",
    "Vlašić",
    "Gavi",
    "Bianchi",
    "Müller",
    "Gonçalves",
    "Smith",
    "O'Neil",
];

struct Args {
    players: u64,
    transfers: u64,
    out: std::path::PathBuf,
}

fn args() -> Args {
    let mut a = Args {
        players: 35_000,
        transfers: 80_000,
        out: "tm".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--players" => a.players = value.parse().unwrap_or(a.players),
            "--transfers" => a.transfers = value.parse().unwrap_or(a.transfers),
            "--out" => a.out = value.into(),
            _ => eprintln!("unknown flag {flag}"),
        }
    }
    a
}

const COVERED: u64 = 450;
const OTHER: u64 = 1_500;

fn clubs(out: &mut String) {
    out.push_str("club_id,club_code,name,domestic_competition_id,total_market_value,squad_size,average_age,foreigners_number,foreigners_percentage,national_team_players,stadium_name,stadium_seats,net_transfer_record,coach_name,last_season,filename,url\r\n");
    for c in 0..COVERED {
        let league = LEAGUES[(c % LEAGUES.len() as u64) as usize];
        let _ = write!(
            out,
            "{id},club-{c},Football Club Number {c} S.A.D.,{league},,25,26.1,10,40.0,5,\"Stadium {c}, Town\",30000,+€1.50m,,2025,,\r\n",
            id = 10_000 + c
        );
    }
}

fn players(rng: &mut Rng, n: u64, out: &mut String) {
    out.push_str("player_id,first_name,last_name,name,last_season,current_club_id,player_code,country_of_birth,city_of_birth,country_of_citizenship,date_of_birth,sub_position,position,foot,height_in_cm,contract_expiration_date,agent_name,image_url,international_caps,international_goals,current_national_team_id,url,current_club_domestic_competition_id,current_club_name,market_value_in_eur,highest_market_value_in_eur\r\n");
    for p in 0..n {
        let (first, last) = (
            FIRST[rng.below(FIRST.len() as u64) as usize],
            LAST[rng.below(LAST.len() as u64) as usize],
        );
        let season = if rng.below(3) == 0 {
            2025
        } else {
            2012 + rng.below(14)
        };
        let club = 10_000 + rng.below(COVERED);
        let (sub, pos) = SUBS[rng.below(SUBS.len() as u64) as usize];
        let born = format!(
            "{}-{:02}-{:02}",
            1975 + rng.below(33),
            1 + rng.below(12),
            1 + rng.below(28)
        );
        let end = if rng.below(2) == 0 {
            format!("{}-06-30 00:00:00", 2026 + rng.below(5))
        } else {
            String::new()
        };
        let _ = write!(
            out,
            "{id},{first},{last},{first} {last},{season},{club},code-{p},Country,\"City, Region\",Country,{born} 00:00:00,{sub},{pos},right,183,{end},,,3,0,,,GB1,Football Club Number {c} S.A.D.,1000000,2000000\r\n",
            id = 100_000 + p,
            c = club - 10_000
        );
    }
}

/// A club id: mostly covered clubs, some only transfers name.
fn any_club(rng: &mut Rng) -> u64 {
    if rng.below(3) == 0 {
        20_000 + rng.below(OTHER)
    } else {
        10_000 + rng.below(COVERED)
    }
}

fn transfers(rng: &mut Rng, players: u64, n: u64, out: &mut String) {
    out.push_str("player_id,transfer_date,transfer_season,from_club_id,to_club_id,from_club_name,to_club_name,transfer_fee,market_value_in_eur,player_name\n");
    let mut rows = Vec::with_capacity(n as usize);
    let mut made = 0;
    let mut p = 0;
    while made < n {
        let moves = 1 + rng.below(4).min(n - made - 1);
        let mut club = any_club(rng);
        let mut year = 2012 + rng.below(6);
        for _ in 0..=moves {
            let next = match rng.below(40) {
                0 => 123,
                1 => 515,
                _ => any_club(rng),
            };
            let day = format!("{year}-{:02}-01", if rng.below(2) == 0 { 7 } else { 1 });
            rows.push((100_000 + p % players, day, club, next));
            made += 1;
            if next == 123 || made >= n {
                break;
            }
            club = if next == 515 { any_club(rng) } else { next };
            year = (year + 1 + rng.below(3)).min(2026);
        }
        p += 1;
    }
    rows.sort_by(|a, b| b.1.cmp(&a.1));
    let name = |id: u64| match id {
        123 => "Retired".to_string(),
        515 => "Without Club".to_string(),
        id if id >= 20_000 => format!("Other {}", id - 20_000),
        id => format!("Club {}", id - 10_000),
    };
    for (player, day, from, to) in rows {
        let _ = writeln!(
            out,
            "{player},{day},25/26,{from},{to},{},{},{}.000,1000000.000,Player {player}",
            name(from),
            name(to),
            rng.below(5) * 1_000_000
        );
    }
}

fn main() -> std::io::Result<()> {
    let a = args();
    std::fs::create_dir_all(&a.out)?;
    let mut rng = Rng(42);
    let mut text = String::new();
    clubs(&mut text);
    std::fs::File::create(a.out.join("clubs.csv"))?.write_all(text.as_bytes())?;
    text.clear();
    players(&mut rng, a.players, &mut text);
    std::fs::File::create(a.out.join("players.csv"))?.write_all(text.as_bytes())?;
    text.clear();
    transfers(&mut rng, a.players, a.transfers, &mut text);
    std::fs::File::create(a.out.join("transfers.csv"))?.write_all(text.as_bytes())?;
    eprintln!(
        "wrote {} clubs, {} players, {} transfers to {}",
        COVERED,
        a.players,
        a.transfers,
        a.out.display()
    );
    Ok(())
}
