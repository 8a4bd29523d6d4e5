//! Players named in a text: by full name, alias or surname, accent- and
//! case-insensitively (as [`crate::names`] folds them), never by a guess.
//! A surname two players share names neither, unless one of them is also
//! named in full or plays for a club the text names.

use super::clubs::ClubMention;
use super::words::Words;
use crate::model::PlayerId;
use crate::names::{fold, surname};
use crate::world::World;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// A player named in the text: words `start..end`.
#[derive(Debug, Clone)]
pub struct PlayerMention {
    pub player: PlayerId,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
}

/// A name in the text that looks like a person's and is nobody the world knows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Unknown {
    pub text: String,
    pub kind: &'static str,
    /// Where it was named.
    #[serde(skip)]
    pub sentence: usize,
}

/// The folded names of the world's players.
pub struct PlayerIndex {
    full: HashMap<String, Vec<PlayerId>>,
    last: HashMap<String, Vec<PlayerId>>,
}

impl PlayerIndex {
    /// Indexes every player under his name, his aliases and their surnames.
    pub fn new(world: &World) -> PlayerIndex {
        let mut full: HashMap<String, Vec<PlayerId>> = HashMap::new();
        let mut last: HashMap<String, Vec<PlayerId>> = HashMap::new();
        for p in world.players.values() {
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                push(&mut full, fold(name), &p.id);
                let s = fold(&surname(name));
                if s.len() >= 3 {
                    push(&mut last, s, &p.id);
                }
            }
        }
        PlayerIndex { full, last }
    }

    /// The players named, in the order of the text; words inside a club's
    /// name ("Diego" of a club, "Werder") are not players.
    pub fn find(
        &self,
        world: &World,
        words: &Words,
        clubs: &[ClubMention],
        day: NaiveDate,
    ) -> Vec<PlayerMention> {
        let in_club = |i: usize| clubs.iter().any(|c| (c.start..c.end).contains(&i));
        let mut found = Vec::new();
        // Surnames seen on somebody else ("Lamini Fati"): later alone, still his.
        let mut others: HashSet<String> = HashSet::new();
        let mut i = 0;
        while i < words.words.len() {
            if in_club(i) || words.words[i].handle {
                i += 1;
                continue;
            }
            match self.match_at(words, i) {
                Some((ids, end, false)) => {
                    let phrase = words.phrase(i, end);
                    if other_first_name(world, &ids, words, clubs, i)
                        || other_surname(words, clubs, end)
                    {
                        others.insert(phrase);
                    } else if !others.contains(&phrase) {
                        found.push((ids, i, end, false));
                    }
                    i = end;
                }
                Some((ids, end, true)) => {
                    found.push((ids, i, end, true));
                    i = end;
                }
                None => i += 1,
            }
        }
        let named_in_full: HashSet<PlayerId> = found
            .iter()
            .filter(|f| f.3 && f.0.len() == 1)
            .map(|f| f.0[0].clone())
            .collect();
        let club_named = |id: &PlayerId| {
            world
                .players
                .get(id)
                .and_then(|p| p.club_on(day))
                .is_some_and(|c| clubs.iter().any(|m| &m.club == c))
        };
        found
            .into_iter()
            .filter_map(|(ids, start, end, _)| {
                let player = pick(&ids, &named_in_full, &club_named)?;
                Some(PlayerMention {
                    player,
                    start,
                    end,
                    sentence: words.words[start].sentence,
                })
            })
            .collect()
    }

    /// The longest name starting at word `i` whose last word has a capital:
    /// the players it may be, where it ends, and whether it is a full name.
    fn match_at(&self, words: &Words, i: usize) -> Option<(Vec<PlayerId>, usize, bool)> {
        let max = 5.min(words.words.len() - i);
        (1..=max).rev().find_map(|n| {
            let end = i + n;
            let span = &words.words[i..end];
            if span
                .iter()
                .any(|w| w.sentence != span[0].sentence || w.handle)
                || !span[n - 1].capital
            {
                return None;
            }
            let phrase = words.phrase(i, end);
            if let Some(ids) = self.full.get(&phrase) {
                return Some((ids.clone(), end, true));
            }
            self.last.get(&phrase).map(|ids| (ids.clone(), end, false))
        })
    }
}

/// Whether a surname follows a first name that is not his ("Xabi" before
/// "Alonso" when the world knows Marcos Alonso): another person. A first
/// name with his initial is his, spelt otherwise ("Wilfred", "Mo").
fn other_first_name(
    world: &World,
    ids: &[PlayerId],
    words: &Words,
    clubs: &[ClubMention],
    i: usize,
) -> bool {
    let Some(prev) = i.checked_sub(1).map(|j| &words.words[j]) else {
        return false;
    };
    prev.capital
        && !words.words[i].after_punct
        && !prev.handle
        && !prev.hashtag
        && prev.sentence == words.words[i].sentence
        && prev.folded.chars().all(|c| c.is_ascii_alphabetic())
        && !NOT_NAMES.contains(&prev.folded.as_str())
        && !clubs.iter().any(|c| c.end == i)
        && !ids.iter().filter_map(|id| world.players.get(id)).any(|p| {
            let name = fold(&p.name);
            name.chars().next() == prev.folded.chars().next()
                || name.split(' ').any(|w| w == prev.folded)
        })
}

/// Whether a surname is followed by another name ("Mario Hermoso" when the
/// world knows João Mário): it was somebody's first name.
fn other_surname(words: &Words, clubs: &[ClubMention], end: usize) -> bool {
    let Some(next) = words.words.get(end) else {
        return false;
    };
    next.capital
        && !next.after_punct
        && !next.handle
        && !next.hashtag
        && next.sentence == words.words[end - 1].sentence
        && next.folded.chars().all(|c| c.is_ascii_alphabetic())
        && !NOT_NAMES.contains(&next.folded.as_str())
        && !clubs.iter().any(|c| c.start == end)
}

/// One player among namesakes: the one named in full elsewhere, else the
/// one whose club the text names; none when that does not decide.
fn pick(
    ids: &[PlayerId],
    named_in_full: &HashSet<PlayerId>,
    club_named: &dyn Fn(&PlayerId) -> bool,
) -> Option<PlayerId> {
    if ids.len() == 1 {
        return Some(ids[0].clone());
    }
    let full: Vec<&PlayerId> = ids
        .iter()
        .filter(|id| named_in_full.contains(*id))
        .collect();
    if full.len() == 1 {
        return Some(full[0].clone());
    }
    let by_club: Vec<&PlayerId> = ids.iter().filter(|id| club_named(id)).collect();
    (by_club.len() == 1).then(|| by_club[0].clone())
}

fn push(map: &mut HashMap<String, Vec<PlayerId>>, key: String, id: &PlayerId) {
    let ids = map.entry(key).or_default();
    if !ids.contains(id) {
        ids.push(id.clone());
    }
}

/// Capitalised words that start a sentence or a clause without being a name.
const NOT_NAMES: &[&str] = &[
    "the",
    "here",
    "understand",
    "excl",
    "exclusive",
    "deal",
    "more",
    "medical",
    "total",
    "agreement",
    "verbal",
    "official",
    "paperwork",
    "breaking",
    "done",
    "but",
    "and",
    "as",
    "he",
    "his",
    "she",
    "it",
    "they",
    "now",
    "after",
    "while",
    "despite",
    "talks",
    "negotiations",
    "full",
    "story",
    "contract",
    "fee",
    "loan",
    "per",
    "via",
    "new",
    "green",
    "former",
    "main",
    "source",
    "sources",
    "head",
    "coach",
    "manager",
    "club",
    "clubs",
    "player",
    "players",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "no",
    "not",
    "yes",
    "also",
    "one",
    "two",
    "three",
    "premier",
    "league",
    "serie",
    "liga",
    "bundesliga",
    "ligue",
    "champions",
    "world",
    "cup",
    "europa",
    "mls",
    "saudi",
    "pro",
    "fifa",
    "uefa",
    "u21",
    "u19",
    "u17",
    "u16",
    "england",
    "france",
    "spain",
    "italy",
    "germany",
    "portugal",
    "brazil",
    "argentina",
    "netherlands",
    "belgium",
    "bid",
    "offer",
    "its",
    "their",
    "what",
    "who",
    "why",
    "when",
    "there",
    "this",
    "that",
    "these",
    "those",
    "l",
    "el",
    "la",
    "le",
    "les",
    "los",
    "il",
    "der",
    "die",
    "das",
    "o",
    "a",
    "um",
    "un",
    "une",
    "i",
];

/// Runs of two or three capitalised words that are neither a club nor a
/// known player nor common words: people the world may be missing.
pub fn unknown(words: &Words, clubs: &[ClubMention], players: &[PlayerMention]) -> Vec<Unknown> {
    let taken = |i: usize| {
        clubs.iter().any(|c| (c.start..c.end).contains(&i))
            || players.iter().any(|p| (p.start..p.end).contains(&i))
    };
    let candidate = |i: usize| {
        let w = &words.words[i];
        w.capital
            && !w.handle
            && !w.hashtag
            && !taken(i)
            && w.folded.len() > 1
            && w.folded.chars().all(|c| c.is_ascii_alphabetic())
            && !NOT_NAMES.contains(&w.folded.as_str())
    };
    let mut out: Vec<Unknown> = Vec::new();
    let mut i = 0;
    while i < words.words.len() {
        let mut end = i;
        while end < words.words.len()
            && end - i < 3
            && candidate(end)
            && words.words[end].sentence == words.words[i].sentence
        {
            end += 1;
        }
        if end - i >= 2 {
            let text = title_case(words, i, end);
            if !out.iter().any(|u| u.text == text) {
                out.push(Unknown {
                    text,
                    kind: "player",
                    sentence: words.words[i].sentence,
                });
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// The words as written ("Mathis Eboué").
fn title_case(words: &Words, start: usize, end: usize) -> String {
    let parts: Vec<&str> = words.words[start..end]
        .iter()
        .map(|w| w.raw.as_str())
        .collect();
    parts.join(" ")
}
