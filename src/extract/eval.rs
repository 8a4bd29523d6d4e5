//! The extraction measured on labelled tweets (the format of
//! `../shared/datasets/tweets/README.md`): a world is built from the labels,
//! each tweet is read, and each field of the main move is scored as that
//! README's protocol says. Pure: the caller reads the file.

use super::{Kind, Reader};
use crate::model::ids::slug;
use crate::model::{Club, ClubId, Contract, Player, PlayerId, Status};
use crate::world::World;
use chrono::NaiveDate;
use serde::Deserialize;

/// One labelled tweet.
#[derive(Debug, Clone, Deserialize)]
pub struct Labelled {
    pub n: u32,
    pub date: NaiveDate,
    pub source: String,
    pub text: String,
    pub moves: Vec<LabelledMove>,
}

/// One move as labelled.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledMove {
    pub person: String,
    pub role: String,
    pub kind: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub stage: String,
    pub fee: Option<LabelledFee>,
    pub confidence: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct LabelledFee {
    pub amount: f64,
    pub currency: String,
}

/// Right answers out of tries, per field.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub right: usize,
    pub of: usize,
}

impl Tally {
    fn count(&mut self, right: bool) {
        self.of += 1;
        self.right += usize::from(right);
    }

    /// The share right, in percent (100 when there was nothing to try).
    pub fn percent(&self) -> f64 {
        if self.of == 0 {
            100.0
        } else {
            100.0 * self.right as f64 / self.of as f64
        }
    }
}

/// The figures of one run.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub player_and_destination: Tally,
    pub kind: Tally,
    pub stage: Tally,
    pub fee: Tally,
    pub no_move_no_proposal: Tally,
    pub precision: Tally,
    /// Tweets scored wrong, for reading: (n, field).
    pub misses: Vec<(u32, &'static str)>,
}

impl Scores {
    /// The figures as a small table.
    pub fn report(&self) -> String {
        let rows = [
            ("player and destination", self.player_and_destination),
            ("kind", self.kind),
            ("stage (high-confidence labels)", self.stage),
            ("fee (tweets stating one)", self.fee),
            ("no move → no proposal", self.no_move_no_proposal),
            (
                "precision (proposals about a labelled player)",
                self.precision,
            ),
        ];
        rows.iter()
            .map(|(name, t)| format!("{name:<48} {:>5.1}%  ({}/{})\n", t.percent(), t.right, t.of))
            .collect()
    }
}

/// Players left out of the world on purpose, as the judging world does:
/// one labelled player in seven, chosen by name so runs agree.
fn left_out(name: &str) -> bool {
    crate::model::ids::fnv1a(name.as_bytes()).is_multiple_of(7)
}

fn club_id(name: &str) -> ClubId {
    ClubId(slug(name).unwrap_or_else(|| name.to_string()))
}

fn player_id(name: &str) -> PlayerId {
    PlayerId(slug(name).unwrap_or_else(|| name.to_string()))
}

/// The world the labels describe: each labelled player at his `from` club,
/// every club under its labelled name only.
pub fn world_of(tweets: &[Labelled]) -> World {
    let mut world = World::default();
    for m in tweets.iter().flat_map(|t| &t.moves) {
        for club in [&m.from, &m.to].into_iter().flatten() {
            world.put_club(Club::new(club_id(club), club));
        }
        let id = player_id(&m.person);
        if m.role != "player" || left_out(&m.person) || world.players.contains_key(&id) {
            continue;
        }
        if let Ok(mut player) = serde_json::from_value::<Player>(serde_json::json!({
            "id": id.as_str(), "name": m.person, "position": "CM"
        })) {
            player.contracts = m
                .from
                .iter()
                .map(|c| Contract::new(club_id(c), None))
                .collect();
            world.put_player(player);
        }
    }
    world
}

/// Reads every tweet and scores it.
pub fn score(tweets: &[Labelled]) -> Scores {
    let world = world_of(tweets);
    let reader = Reader::new(&world);
    let mut scores = Scores::default();
    for t in tweets {
        let got = reader.read(&t.text, t.date, &t.source);
        let labelled: Vec<PlayerId> = t.moves.iter().map(|m| player_id(&m.person)).collect();
        for p in &got.proposals {
            scores
                .precision
                .count(labelled.iter().any(|id| id.as_str() == p.player.id));
        }
        let main = t
            .moves
            .first()
            .filter(|m| m.role == "player" && world.players.contains_key(&player_id(&m.person)));
        let Some(main) = main else {
            let none_known = !t
                .moves
                .iter()
                .any(|m| m.role == "player" && world.players.contains_key(&player_id(&m.person)));
            if none_known {
                scores.no_move_no_proposal.count(got.proposals.is_empty());
                if !got.proposals.is_empty() {
                    scores.misses.push((t.n, "no move"));
                }
            }
            continue;
        };
        score_main(&mut scores, t.n, main, &got);
    }
    scores
}

fn score_main(scores: &mut Scores, n: u32, main: &LabelledMove, got: &super::Extraction) {
    let id = player_id(&main.person);
    let p = got.proposals.iter().find(|p| p.player.id == id.as_str());
    let wanted_to = match main.kind.as_str() {
        "renewal" | "departure" => None,
        _ => main.to.as_deref().map(club_id),
    };
    let mut field = |tally: fn(&mut Scores) -> &mut Tally, name: &'static str, right: bool| {
        tally(scores).count(right);
        if !right {
            scores.misses.push((n, name));
        }
    };
    let to_right = p.is_some_and(|p| {
        p.to.as_ref().map(|c| c.id.as_str()) == wanted_to.as_ref().map(ClubId::as_str)
    });
    field(
        |s| &mut s.player_and_destination,
        "player+destination",
        to_right,
    );
    let kind_right = p.is_some_and(|p| match main.kind.as_str() {
        "return" => matches!(p.kind, Kind::Loan | Kind::Transfer),
        k => p.kind.as_str() == k,
    });
    field(|s| &mut s.kind, "kind", kind_right);
    if main.confidence == "high" {
        let stage_right = p.is_some_and(|p| stage_name(p.status) == main.stage);
        field(|s| &mut s.stage, "stage", stage_right);
    }
    if let Some(fee) = &main.fee {
        let fee_right = p.and_then(|p| p.fee.as_ref()).is_some_and(|f| {
            let base = f.fee.amount as f64 / 1e6;
            let close = |x: f64| (x - fee.amount).abs() < 0.051;
            format!("{:?}", f.currency) == fee.currency && (close(f.amount) || close(base))
        });
        field(|s| &mut s.fee, "fee", fee_right);
    }
}

/// The stage's name as labels write it (a denial is "off").
fn stage_name(status: Status) -> &'static str {
    match status {
        Status::Denied => "off",
        s => s.as_str(),
    }
}

/// Parses a labelled file, one tweet a line.
pub fn parse(jsonl: &str) -> Result<Vec<Labelled>, String> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}
