//! Reading a tweet or an article against the world: which known players it
//! is about, where they would go, how far the move has gone, for how much,
//! and on whose word. Offline and explainable: every proposal carries the
//! words that decided it. `mercato rumour extract` shows or records them.
//!
//! How a text is read:
//! 1. cut into sentences and folded words ([`words`]);
//! 2. clubs found by name, alias, well-known name or hashtag ([`clubs`]),
//!    then players by full name, alias or surname ([`people`]);
//! 3. each sentence belongs to the players it names, or else to the last
//!    player named (the headline to the first): a player's move is read in
//!    his sentences only;
//! 4. the vocabulary ([`vocab`]) gives the stage (done, then agreed, then
//!    off, then talks, else rumour) and the kind; the destination is the
//!    club the move points at ("X to CLUB", "join CLUB", "CLUB agree…").

pub mod clubs;
pub mod eval;
pub mod fee;
pub mod people;
pub mod via;
pub mod vocab;
pub mod words;

use crate::model::fee::Currency;
use crate::model::{ClubId, MoveKind, PlayerId, RumourId, Status};
use crate::world::World;
use chrono::NaiveDate;
use clubs::{ClubIndex, ClubMention};
use people::{PlayerIndex, PlayerMention, Unknown};
use serde::Serialize;
use vocab::{Cue, Hit};
use words::Words;

/// A record named in a proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// The kind of move, as the text tells it (a loan is a transfer with a flag
/// in the store).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Transfer,
    Loan,
    Renewal,
    Departure,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Transfer => "transfer",
            Kind::Loan => "loan",
            Kind::Renewal => "renewal",
            Kind::Departure => "departure",
        }
    }

    /// The kind of rumour the store keeps it as.
    pub fn move_kind(self) -> MoveKind {
        match self {
            Kind::Transfer | Kind::Loan => MoveKind::Transfer,
            Kind::Renewal => MoveKind::Renewal,
            Kind::Departure => MoveKind::Departure,
        }
    }
}

/// A fee as the text wrote it; amounts in millions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeeQuoted {
    pub text: String,
    pub amount: f64,
    pub currency: Currency,
    pub amount_eur: f64,
    #[serde(skip)]
    pub fee: crate::model::fee::Fee,
}

/// What recording a proposal would do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Action {
    #[serde(rename = "new rumour")]
    NewRumour,
    #[serde(rename = "add report")]
    AddReport,
    #[serde(rename = "already recorded")]
    AlreadyRecorded,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::NewRumour => "new rumour",
            Action::AddReport => "add report",
            Action::AlreadyRecorded => "already recorded",
        }
    }
}

/// How sure the reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// One move the text reports, ready to be recorded as a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub player: Named,
    pub from: Option<Named>,
    pub to: Option<Named>,
    pub kind: Kind,
    pub status: Status,
    pub fee: Option<FeeQuoted>,
    pub loan: bool,
    /// A loan with an option (or obligation) to buy.
    #[serde(skip)]
    pub option_to_buy: bool,
    pub via: Option<String>,
    pub evidence: Vec<String>,
    pub confidence: Confidence,
    pub rumour: Option<RumourId>,
    pub action: Action,
}

/// What a text gave: proposals, main move first, and names nobody knows.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    pub proposals: Vec<Proposal>,
    pub unknown: Vec<Unknown>,
}

/// The world's names, indexed once for many texts.
pub struct Reader<'w> {
    world: &'w World,
    clubs: ClubIndex,
    players: PlayerIndex,
}

/// A reader's indexes without the world: kept while the world takes
/// reports (which add no player nor club), to read the next text against
/// it without indexing every name again.
pub struct Names {
    clubs: ClubIndex,
    players: PlayerIndex,
}

/// What one text offers, found once and shared by its proposals.
struct Seen {
    words: Words,
    clubs: Vec<ClubMention>,
    players: Vec<PlayerMention>,
    hits: Vec<Hit>,
    via: Option<String>,
    unknown: Vec<Unknown>,
    /// The publisher, folded: a text does not credit itself.
    source: String,
}

impl<'w> Reader<'w> {
    pub fn new(world: &'w World) -> Reader<'w> {
        Reader {
            world,
            clubs: ClubIndex::new(world),
            players: PlayerIndex::new(world),
        }
    }

    /// A reader with indexes made before (of the same players and clubs).
    pub fn with_names(world: &'w World, names: Names) -> Reader<'w> {
        Reader {
            world,
            clubs: names.clubs,
            players: names.players,
        }
    }

    /// The indexes, for [`Reader::with_names`].
    pub fn into_names(self) -> Names {
        Names {
            clubs: self.clubs,
            players: self.players,
        }
    }

    /// Reads a text published by `source` on `day`.
    pub fn read(&self, text: &str, day: NaiveDate, source: &str) -> Extraction {
        let words = words::split(text);
        let clubs = self.clubs.find(&words);
        let players = self.players.find(self.world, &words, &clubs, day);
        let unknown = people::unknown(&words, &clubs, &players);
        let via = via::find(&words.sentences);
        let hits = vocab::scan(&words);
        let seen = Seen {
            words,
            clubs,
            players,
            hits,
            via,
            unknown,
            source: crate::names::fold(source),
        };
        let mut proposals = Vec::new();
        for (rank, player) in first_mentions(&seen.players).into_iter().enumerate() {
            for (k, (p, strong)) in self
                .moves(&seen, &player, day, rank == 0)
                .into_iter()
                .enumerate()
            {
                if rank == 0 && k == 0 || strong {
                    proposals.push(p);
                }
            }
        }
        Extraction {
            proposals,
            unknown: seen.unknown,
        }
    }

    /// The moves of one player, his main one first: a renewal told in
    /// sentences of its own beside a move elsewhere is a move of its own,
    /// and so is a club named with a refusal ("Real Madrid have abandoned
    /// plans to sign him"), which is off.
    fn moves(
        &self,
        seen: &Seen,
        player: &PlayerId,
        day: NaiveDate,
        main: bool,
    ) -> Vec<(Proposal, bool)> {
        let scope = owned_sentences(seen, player);
        let Some(first) = self.propose(seen, player, day, main, &scope, None) else {
            return self.arrived(seen, player, day).into_iter().collect();
        };
        let mut out = vec![first];
        let own = self
            .world
            .players
            .get(player)
            .and_then(|p| p.club_on(day).cloned());
        let renewing: Vec<usize> = scope
            .iter()
            .copied()
            .filter(|s| {
                seen.hits
                    .iter()
                    .any(|h| h.sentence == *s && h.cue == Cue::Renewal && belongs(seen, h, player))
            })
            .collect();
        // Sentences telling no renewal, whoever's.
        let elsewhere: Vec<usize> = scope
            .iter()
            .copied()
            .filter(|s| {
                !seen
                    .hits
                    .iter()
                    .any(|h| h.sentence == *s && h.cue == Cue::Renewal)
            })
            .collect();
        let named_in = |club: &ClubId, sentences: &[usize]| {
            seen.clubs
                .iter()
                .any(|c| sentences.contains(&c.sentence) && self.clubs.same(club, &c.club))
        };
        let first_kind = out[0].0.kind;
        let going = match (&out[0].0.to, first_kind) {
            (Some(to), Kind::Transfer | Kind::Loan) => {
                Some(ClubId(to.id.clone())).filter(|to| named_in(to, &elsewhere))
            }
            _ => destination(seen, &self.clubs, player, own.as_ref(), &elsewhere)
                .filter(|d| d.1 >= 30)
                .map(|d| d.0),
        };
        if let Some(to) = going.as_ref()
            && !renewing.is_empty()
        {
            let kind = if first_kind == Kind::Loan {
                Kind::Loan
            } else {
                Kind::Transfer
            };
            let main_move = main && first_kind != Kind::Renewal;
            let moving = self.propose(
                seen,
                player,
                day,
                main_move,
                &elsewhere,
                Some((kind, Some(to))),
            );
            let renewal = self.propose(
                seen,
                player,
                day,
                main && !main_move,
                &renewing,
                Some((Kind::Renewal, None)),
            );
            if let (Some(m), Some(r)) = (moving, renewal) {
                out = if main_move {
                    vec![m, (r.0, true)]
                } else {
                    vec![r, (m.0, true)]
                };
            }
        }
        // A club named with a refusal, in sentences telling no renewal.
        let mut refused: Vec<ClubId> = Vec::new();
        for c in &seen.clubs {
            let taken = own.as_ref().is_some_and(|o| self.clubs.same(o, &c.club))
                || out
                    .iter()
                    .any(|(p, _)| p.to.as_ref().is_some_and(|t| t.id == c.club.as_str()))
                || refused.iter().any(|r| self.clubs.same(r, &c.club));
            let off_here = seen.hits.iter().any(|h| {
                h.sentence == c.sentence && h.stage == Some(Status::Off) && belongs(seen, h, player)
            });
            // "Bayern Munich star Dayot Upamecano": another's club.
            let anothers = seen.players.iter().any(|m| {
                m.sentence == c.sentence
                    && &m.player != player
                    && self
                        .world
                        .players
                        .get(&m.player)
                        .and_then(|p| p.club_on(day))
                        .is_some_and(|o| self.clubs.same(o, &c.club))
            });
            if taken || anothers || !off_here || !elsewhere.contains(&c.sentence) {
                continue;
            }
            refused.push(c.club.clone());
            let told: Vec<usize> = elsewhere
                .iter()
                .copied()
                .filter(|s| named_in(&c.club, &[*s]))
                .collect();
            let want = Some((Kind::Transfer, Some(&c.club)));
            if let Some((p, _)) = self.propose(seen, player, day, false, &told, want)
                && p.status == Status::Off
            {
                out.push((p, true));
            }
        }
        out
    }

    /// A signing of the last year told again ("the club brought in Trent
    /// Alexander-Arnold"), in a text naming the club he joined: the
    /// store has it already.
    fn arrived(&self, seen: &Seen, player: &PlayerId, day: NaiveDate) -> Option<(Proposal, bool)> {
        let p = self.world.players.get(player)?;
        let contract = p.playing_contract(day)?;
        let began = p.start_of(contract).or(contract.signed)?;
        if began > day || (day - began).num_days() > 365 {
            return None;
        }
        let club = &contract.club;
        if !seen.clubs.iter().any(|c| self.clubs.same(club, &c.club)) {
            return None;
        }
        let named: Vec<usize> = seen
            .players
            .iter()
            .filter(|m| &m.player == player)
            .map(|m| m.sentence)
            .collect();
        let w = &seen.words.words;
        let said = ARRIVALS.iter().find(|a| {
            let a: Vec<&str> = a.split(' ').collect();
            (0..w.len()).any(|i| {
                named.contains(&w[i].sentence)
                    && i + a.len() <= w.len()
                    && a.iter().zip(&w[i..]).all(|(x, y)| *x == y.folded)
            })
        })?;
        let before = began.pred_opt().and_then(|d| p.club_on(d).cloned());
        let from = contract
            .signed_from
            .clone()
            .or(before)
            .filter(|f| f != club);
        let (rumour, _) = self.action(
            player,
            Kind::Transfer,
            from.as_ref(),
            Some(club),
            Status::Done,
        );
        let proposal = Proposal {
            player: Named {
                id: p.id.to_string(),
                name: p.name.clone(),
            },
            from: from.as_ref().map(|c| self.named(c)),
            to: Some(self.named(club)),
            kind: Kind::Transfer,
            status: Status::Done,
            fee: None,
            loan: contract.loan,
            option_to_buy: false,
            via: None,
            evidence: vec![said.to_string()],
            confidence: Confidence::Medium,
            rumour,
            action: Action::AlreadyRecorded,
        };
        Some((proposal, true))
    }

    /// The move of one player, read in the sentences `scope`, of the kind
    /// and to the club `want` says if it says; with whether it is told
    /// plainly enough to stand beside the main move.
    fn propose(
        &self,
        seen: &Seen,
        player: &PlayerId,
        day: NaiveDate,
        main: bool,
        scope: &[usize],
        want: Option<(Kind, Option<&ClubId>)>,
    ) -> Option<(Proposal, bool)> {
        let p = self.world.players.get(player)?;
        let from = p.club_on(day).cloned();
        let hits: Vec<&Hit> = seen
            .hits
            .iter()
            .filter(|h| scope.contains(&h.sentence) && belongs(seen, h, player))
            .collect();
        let has = |cue: Cue| hits.iter().any(|h| h.cue == cue);
        let dest = match want {
            Some((_, Some(club))) => Some((club.clone(), 100)),
            _ => destination(seen, &self.clubs, player, from.as_ref(), scope),
        };
        let stage_hits: Vec<&Hit> = hits.iter().copied().filter(|h| h.stage.is_some()).collect();
        let own_named = from.as_ref().is_some_and(|f| {
            let mut own = seen.clubs.iter().filter(|c| scope.contains(&c.sentence));
            own.any(|c| self.clubs.same(f, &c.club))
        });
        let score = dest.as_ref().map(|d| d.1);
        let strong_dest = score.is_some_and(|s| s >= 30);
        let moving = stage_hits.iter().any(|h| h.stage != Some(Status::Rumour));
        let first_of = |cue: Cue| hits.iter().find(|h| h.cue == cue).map(|h| h.start);
        let leaving_first = match (first_of(Cue::Departure), first_of(Cue::Renewal)) {
            (Some(d), Some(r)) => d < r,
            (d, _) => d.is_some(),
        };
        let kind = match (&from, score) {
            _ if want.is_some() => want?.0,
            (Some(_), s) if leaving_first && s.is_none_or(|s| s < 20 && !has(Cue::Loan)) => {
                Kind::Departure
            }
            (Some(_), _) if has(Cue::Renewal) && (score.is_none() || own_named && !strong_dest) => {
                Kind::Renewal
            }
            (Some(_), s) if has(Cue::Departure) && s.is_none_or(|s| s < 20 && !has(Cue::Loan)) => {
                Kind::Departure
            }
            (_, Some(_)) if has(Cue::Loan) && !has(Cue::Permanent) => Kind::Loan,
            (_, Some(_)) => Kind::Transfer,
            (Some(_), None) if moving => Kind::Departure,
            _ => return None,
        };
        if stage_hits.is_empty()
            && want.is_none()
            && !matches!(kind, Kind::Loan | Kind::Renewal | Kind::Departure)
        {
            return None;
        }
        let (status, mut evidence) = stage(&hits);
        evidence.extend(kind_evidence(&hits, kind));
        let to = match kind {
            Kind::Transfer | Kind::Loan => dest.as_ref().map(|d| d.0.clone()),
            Kind::Renewal | Kind::Departure => None,
        };
        let full_name = seen
            .players
            .iter()
            .any(|m| &m.player == player && m.end - m.start >= 2);
        let confidence = confidence(
            full_name,
            status,
            strong_dest || kind != Kind::Transfer,
            has(Cue::Hedge),
        );
        let (rumour, action) = self.action(player, kind, from.as_ref(), to.as_ref(), status);
        // The main move may take a fee its sentences do not hold.
        let everywhere: Vec<usize> = (0..seen.words.sentences.len()).collect();
        let fee_scope = if main && !scope.is_empty() {
            &everywhere[..]
        } else {
            scope
        };
        let fee = scope
            .iter()
            .chain(fee_scope.iter())
            .find_map(|s| fee::find(&seen.words.sentences[*s]))
            .map(|f| quoted(&f));
        // A renewal or departure said in a sentence naming him stands on its own.
        let named_in: Vec<usize> = seen
            .players
            .iter()
            .filter(|m| &m.player == player)
            .map(|m| m.sentence)
            .collect();
        let cue_named = hits.iter().any(|h| {
            named_in.contains(&h.sentence)
                && matches!(
                    (h.cue, kind),
                    (Cue::Renewal, Kind::Renewal) | (Cue::Departure, Kind::Departure)
                )
        });
        let strong =
            cue_named || status != Status::Rumour && (strong_dest || kind != Kind::Transfer);
        let proposal = Proposal {
            player: Named {
                id: p.id.to_string(),
                name: p.name.clone(),
            },
            from: from.as_ref().map(|c| self.named(c)),
            to: to.as_ref().map(|c| self.named(c)),
            kind,
            status,
            fee,
            loan: kind == Kind::Loan,
            option_to_buy: kind == Kind::Loan && has(Cue::BuyOption),
            via: self.via(seen, scope, main),
            evidence,
            confidence,
            rumour,
            action,
        };
        Some((proposal, strong))
    }

    /// The outlet credited in the player's sentences; the main move may
    /// take the one credited anywhere.
    fn via(&self, seen: &Seen, scope: &[usize], main: bool) -> Option<String> {
        let own: Vec<String> = scope
            .iter()
            .map(|s| seen.words.sentences[*s].clone())
            .collect();
        let found = via::find(&own).or_else(|| seen.via.clone().filter(|_| main));
        found.filter(|v| crate::names::fold(v) != seen.source)
    }

    fn named(&self, club: &ClubId) -> Named {
        Named {
            id: club.to_string(),
            name: self.world.club_name(club).to_string(),
        }
    }

    /// Whether the move joins an open rumour, is already recorded (a done
    /// rumour of it, or he already plays there), or starts a rumour.
    fn action(
        &self,
        player: &PlayerId,
        kind: Kind,
        from: Option<&ClubId>,
        to: Option<&ClubId>,
        status: Status,
    ) -> (Option<RumourId>, Action) {
        let target = if kind == Kind::Renewal { from } else { to };
        let same = |s: &&crate::model::RumourSummary| {
            s.kind == kind.move_kind() && (kind == Kind::Departure || s.to.as_ref() == target)
        };
        let stories: Vec<_> = self.world.summaries_of(player).filter(same).collect();
        if let Some(open) = stories.iter().find(|s| s.status.is_open()) {
            return (Some(open.id.clone()), Action::AddReport);
        }
        let done = stories.iter().find(|s| s.status == Status::Done);
        let arrived = matches!(kind, Kind::Transfer | Kind::Loan) && to.is_some() && to == from;
        if arrived || (done.is_some() && status.is_settled()) {
            return (done.map(|s| s.id.clone()), Action::AlreadyRecorded);
        }
        (None, Action::NewRumour)
    }
}

/// The words of a text that may be part of a player's name (written with
/// a capital: a name's last word always is), folded: a world holding the
/// players with one of them reads the text as the whole world would.
pub fn name_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = words::split(text)
        .words
        .into_iter()
        .filter(|w| w.capital && !w.handle)
        .flat_map(|w| {
            crate::names::fold(&w.folded)
                .split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Reads one text against the world (see [`Reader`] for many).
pub fn extract(world: &World, text: &str, day: NaiveDate, source: &str) -> Extraction {
    Reader::new(world).read(text, day, source)
}

/// Words telling a signing that has happened.
const ARRIVALS: &[&str] = &[
    "brought in",
    "was signed",
    "were signed",
    "also signed",
    "signed",
    "new signing",
    "summer signing",
    "joined",
    "arrived",
    "summer move",
    "fichado",
    "fichaje",
    "recrue",
    "arrive",
    "acquisto",
    "neuzugang",
    "contratacao",
];

/// Whether a hit speaks of a player. In a sentence naming several, a cue
/// just before one of them, nearer him than anybody named before it, is
/// his ("… Upamecano, and having decided to abandon plans to sign
/// Konate"), and a
/// renewal is the subject's, the first named ("Upamecano, like Konate, …
/// talks over a new deal"); other cues are everybody's there.
fn belongs(seen: &Seen, hit: &Hit, player: &PlayerId) -> bool {
    let here: Vec<&PlayerMention> = seen
        .players
        .iter()
        .filter(|m| m.sentence == hit.sentence)
        .collect();
    if here.iter().all(|m| &m.player == player) || !here.iter().any(|m| &m.player == player) {
        return true;
    }
    // Words between, punctuation counting as one.
    let w = &seen.words.words;
    let gap = |a: usize, b: usize| b - a + usize::from((a..=b).any(|j| w[j].after_punct));
    let before = here
        .iter()
        .filter(|m| m.end <= hit.start)
        .map(|m| gap(m.end, hit.start))
        .min();
    let object = here
        .iter()
        .find(|m| m.start >= hit.end && m.start - hit.end <= 4)
        .filter(|m| before.is_none_or(|b| gap(hit.end, m.start) <= b));
    if let Some(object) = object {
        return &object.player == player;
    }
    hit.cue != Cue::Renewal || &here[0].player == player
}

/// The players in the order the text first names them.
fn first_mentions(mentions: &[PlayerMention]) -> Vec<PlayerId> {
    let mut out: Vec<PlayerId> = Vec::new();
    for m in mentions {
        if !out.contains(&m.player) {
            out.push(m.player.clone());
        }
    }
    out
}

/// The sentences that speak of a player: those naming him, those after
/// them naming nobody (the story goes on, until a bulleted item starts
/// another), and the opening ones before anybody is named when he is named
/// first. Adverts (a podcast, a video) speak of nobody.
fn owned_sentences(seen: &Seen, player: &PlayerId) -> Vec<usize> {
    let first = seen.players.first().map(|m| &m.player);
    // Before the first known name, a sentence naming somebody unknown is his.
    let opening = first.map_or(0, |_| seen.players[0].sentence);
    let stranger = seen
        .unknown
        .iter()
        .map(|u| u.sentence)
        .filter(|s| *s < opening)
        .min();
    let mut owners: Vec<&PlayerId> = first.into_iter().filter(|_| stranger.is_none()).collect();
    let mut out = Vec::new();
    for s in 0..seen.words.sentences.len() {
        let named: Vec<&PlayerId> = seen
            .players
            .iter()
            .filter(|m| m.sentence == s)
            .map(|m| &m.player)
            .collect();
        if !named.is_empty() {
            owners = named;
        } else if seen.words.items[s] {
            owners.clear();
        }
        if owners.contains(&player) && !seen.words.noise[s] {
            out.push(s);
        }
    }
    out
}

/// Words before a club that send the player there.
const TOWARDS: &[&str] = &[
    "to", "for", "a", "al", "all", "alla", "zum", "zur", "nach", "para", "pelo", "au", "vers",
    "rumbo",
];

/// Words before a club that he is joining: surer than "to", which may be
/// a trip ("travels to Sevilla to join Real Betis").
const JOINING: &[&str] = &[
    "join",
    "joins",
    "joined",
    "joining",
    "rejoin",
    "sign for",
    "signs for",
    "fichar por",
    "rejoindre",
];

/// Words before a club that say where he comes from or plays now.
const AWAY_FROM: &[&str] = &[
    "from", "de", "da", "von", "dal", "del", "ex", "former", "at", "leave", "leaving", "left",
    "du", "vom", "do",
];

/// Words after a club that make it the one acting ("Chelsea agree…").
const ACTS: &[&str] = &[
    "are",
    "have",
    "has",
    "agree",
    "agreed",
    "will",
    "reach",
    "reached",
    "want",
    "wants",
    "set",
    "is",
    "keen",
    "make",
    "made",
    "complete",
    "completed",
    "sign",
    "signed",
    "close",
    "closing",
    "remain",
    "also",
    "now",
    "submit",
    "submitted",
    "open",
    "opened",
    "consider",
    "considering",
    "prepare",
    "prepared",
    "start",
    "started",
    "plan",
    "offer",
    "offered",
    "bid",
    "send",
    "sent",
    "working",
    "already",
    "among",
    "amongst",
    "entre",
    "tra",
    "unter",
    "quieren",
    "veulent",
    "vogliono",
    "wollen",
    "querem",
    "insist",
    "insists",
];

/// The club the move points at, with its score: "X to CLUB" is certain
/// (100), "join CLUB" and "CLUB agree" are clear (30 and more); a club
/// named after "from" or "at" is where he comes from.
fn destination(
    seen: &Seen,
    index: &ClubIndex,
    player: &PlayerId,
    from: Option<&ClubId>,
    scope: &[usize],
) -> Option<(ClubId, i32)> {
    let w = &seen.words.words;
    let named: Vec<&PlayerMention> = seen
        .players
        .iter()
        .filter(|m| &m.player == player)
        .collect();
    let mut best: Option<(ClubId, i32)> = None;
    for (k, c) in seen.clubs.iter().enumerate() {
        if !scope.contains(&c.sentence) || from.is_some_and(|f| index.same(f, &c.club)) {
            continue;
        }
        let prev = c
            .start
            .checked_sub(1)
            .map(|j| w[j].folded.as_str())
            .unwrap_or("");
        let mut score = 0;
        if named.iter().any(|m| m.sentence == c.sentence) {
            score += 10;
        }
        if named.iter().any(|m| m.end + 1 == c.start) && TOWARDS.contains(&prev) {
            score += 100; // "Kolo Muani to Juventus"
        }
        if JOINING.contains(&prev) {
            score += 50;
        } else if TOWARDS.contains(&prev) {
            score += 40;
        }
        if AWAY_FROM.contains(&prev) {
            score -= 50;
        }
        if ACTS.contains(&after_list(seen, k)) {
            score += 30;
        }
        let next = w.get(c.end).map(|n| n.folded.as_str()).unwrap_or("");
        if next == "s" && named.iter().any(|m| m.start == c.end + 1) {
            score -= 40; // "Chelsea's Harvey Vale": his club
        }
        if best.as_ref().is_none_or(|b| score > b.1) {
            best = Some((c.club.clone(), score));
        }
    }
    best.filter(|b| b.1 > -50 || from.is_some())
}

/// The word after a club, or after the list it opens ("Anderlecht,
/// Heerenveen and Sunderland are"): the list acts together.
fn after_list(seen: &Seen, k: usize) -> &str {
    let w = &seen.words.words;
    let listed = |j: usize| {
        w[j].capital
            || matches!(
                w[j].folded.as_str(),
                "and" | "or" | "y" | "et" | "e" | "und"
            )
    };
    let mut end = seen.clubs[k].end;
    while end < w.len() && end < seen.clubs[k].end + 8 && listed(end) {
        end += 1;
    }
    w.get(end).map(|n| n.folded.as_str()).unwrap_or("")
}

/// The stage and the words that decided it: done, then agreed, then off,
/// then talks, else rumour. "Close to an agreement" makes its sentence's
/// agreement words mean talks.
fn stage(hits: &[&Hit]) -> (Status, Vec<String>) {
    let near: Vec<usize> = hits
        .iter()
        .filter(|h| h.cue == Cue::Near)
        .map(|h| h.sentence)
        .collect();
    let said = |h: &Hit| match h.stage {
        Some(Status::Agreed) if near.contains(&h.sentence) => Some(Status::Talks),
        s => s,
    };
    for wanted in [
        Status::Done,
        Status::Agreed,
        Status::Off,
        Status::Talks,
        Status::Rumour,
    ] {
        let words: Vec<String> = hits
            .iter()
            .filter(|h| said(h) == Some(wanted))
            .map(|h| h.text.clone())
            .collect();
        if !words.is_empty() {
            let mut words = dedup(words);
            words.truncate(3);
            return (wanted, words);
        }
    }
    (Status::Rumour, Vec::new())
}

/// The words that told the kind ("loan", "new deal").
fn kind_evidence(hits: &[&Hit], kind: Kind) -> Vec<String> {
    let cue = match kind {
        Kind::Loan => Cue::Loan,
        Kind::Renewal => Cue::Renewal,
        Kind::Departure => Cue::Departure,
        Kind::Transfer => Cue::Permanent,
    };
    dedup(
        hits.iter()
            .filter(|h| h.cue == cue)
            .map(|h| h.text.clone())
            .collect(),
    )
    .into_iter()
    .take(2)
    .collect()
}

fn dedup(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// High when the player is named in full, the stage has words beyond mere
/// interest and the destination is plain; lower for each doubt and a hedge.
fn confidence(full_name: bool, status: Status, plain_move: bool, hedged: bool) -> Confidence {
    let score = i32::from(full_name) + i32::from(status != Status::Rumour) + i32::from(plain_move)
        - i32::from(hedged);
    match score {
        3.. => Confidence::High,
        2 => Confidence::Medium,
        _ => Confidence::Low,
    }
}

fn quoted(found: &fee::FoundFee) -> FeeQuoted {
    let units = (found.fee.amount + found.fee.add_ons) as f64;
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    FeeQuoted {
        text: found.text.clone(),
        amount: round(units / 1e6),
        currency: found.fee.currency,
        amount_eur: round(found.fee.total_eur() / 1e6),
        fee: found.fee,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Club, Contract, Player};

    /// Two clubs and Marcos Alonso, a defender at Chelsea.
    fn world() -> World {
        let mut w = World::default();
        for name in ["Chelsea", "Real Madrid"] {
            w.put_club(Club::new(
                ClubId(crate::model::ids::slug(name).unwrap()),
                name,
            ));
        }
        let mut p: Player = serde_json::from_value(serde_json::json!({
            "id": "marcos-alonso", "name": "Marcos Alonso", "position": "LB"
        }))
        .unwrap();
        p.contracts = vec![Contract::new(ClubId("chelsea".into()), None)];
        w.put_player(p);
        w
    }

    fn read(text: &str) -> Extraction {
        let day = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap();
        extract(&world(), text, day, "Marca")
    }

    #[test]
    fn a_namesake_is_somebody_else() {
        assert!(
            read("Xabi Alonso wants a new left back at Real Madrid, talks ongoing.")
                .proposals
                .is_empty()
        );
        let x = read("Real Madrid in talks to sign Alonso from Chelsea.");
        assert_eq!(x.proposals[0].player.id, "marcos-alonso");
        assert_eq!(x.proposals[0].to.as_ref().unwrap().id, "real-madrid");
    }

    #[test]
    fn negations_and_conditions_turn_the_stage() {
        let stage = |t: &str| read(t).proposals[0].status;
        assert_eq!(
            stage("No talks between Real Madrid and Chelsea for Alonso."),
            Status::Off
        );
        assert_eq!(
            stage("Real Madrid: no agreement yet for Alonso, talks go on."),
            Status::Talks
        );
        assert_eq!(
            stage("Alonso could join Real Madrid in case of a good proposal."),
            Status::Rumour
        );
        assert_eq!(
            stage("Alonso to Real Madrid, here we go! Medical booked."),
            Status::Agreed
        );
        assert_eq!(
            stage("Alonso to Real Madrid is now official."),
            Status::Done
        );
    }
}
