//! Clubs as people write them: full names, the world's aliases, the
//! well-known names of [`crate::clubnames`] ("Man United", "Barça", "BVB"),
//! hashtags (#MUFC) and the short forms of English names ("Leeds" for
//! Leeds United). A short form two clubs share names neither.

use super::words::Words;
use crate::clubnames::{self, KNOWN_CLUBS};
use crate::model::ClubId;
use crate::names::fold;
use crate::world::World;
use std::collections::HashMap;

/// Hashtags and nicknames of the press, each with the usual name of its
/// club (as [`KNOWN_CLUBS`] or the world spells it).
const EXTRA: &[(&str, &str)] = &[
    ("mufc", "Manchester United"),
    ("manutd", "Manchester United"),
    ("mcfc", "Manchester City"),
    ("cfc", "Chelsea"),
    ("lfc", "Liverpool"),
    ("afc", "Arsenal"),
    ("thfc", "Tottenham Hotspur"),
    ("coys", "Tottenham Hotspur"),
    ("whufc", "West Ham United"),
    ("nufc", "Newcastle United"),
    ("avfc", "Aston Villa"),
    ("villa", "Aston Villa"),
    ("efc", "Everton"),
    ("lufc", "Leeds United"),
    ("lcfc", "Leicester City"),
    ("cpfc", "Crystal Palace"),
    ("palace", "Crystal Palace"),
    ("forest", "Nottingham Forest"),
    ("nffc", "Nottingham Forest"),
    ("bhafc", "Brighton & Hove Albion"),
    ("seagulls", "Brighton & Hove Albion"),
    ("wwfc", "Wolverhampton Wanderers"),
    ("itfc", "Ipswich Town"),
    ("ffc", "Fulham"),
    ("safc", "Sunderland"),
    ("brentfordfc", "Brentford"),
    ("halamadrid", "Real Madrid"),
    ("realmadrid", "Real Madrid"),
    ("real", "Real Madrid"),
    ("merengues", "Real Madrid"),
    ("fcbarcelona", "Barcelona"),
    ("blaugrana", "Barcelona"),
    ("culers", "Barcelona"),
    ("colchoneros", "Atlético Madrid"),
    ("fcbayern", "Bayern Munich"),
    ("psg", "Paris Saint-Germain"),
    ("acmilan", "AC Milan"),
    ("rossoneri", "AC Milan"),
    ("nerazzurri", "Inter"),
    ("bianconeri", "Juventus"),
    ("juve", "Juventus"),
    ("gunners", "Arsenal"),
    ("reds", "Liverpool"),
    ("blues", "Chelsea"),
    ("hammers", "West Ham United"),
    ("toffees", "Everton"),
    ("magpies", "Newcastle United"),
    ("saints", "Southampton"),
    ("om", "Marseille"),
];

/// Last words of English club names that the press leaves out ("Leeds").
const DROPPED_SUFFIXES: &[&str] = &[
    "united",
    "city",
    "town",
    "wanderers",
    "albion",
    "rovers",
    "athletic",
    "hotspur",
    "county",
    "fc",
    "argyle",
    "villa",
];

/// First words of club names the press leaves out ("RC Lens" is "Lens").
const DROPPED_PREFIXES: &[&str] = &[
    "rc", "as", "fk", "sv", "vfl", "vfb", "tsg", "ogc", "ud", "cd", "rcd", "sd", "ca", "sl", "fc",
    "ac", "ss", "ssc", "afc", "ssd", "us", "sc", "nk", "hnk", "gnk", "kv", "krc", "rsc",
];

/// Short forms too common to name one club.
const TOO_COMMON: &[&str] = &[
    "city",
    "united",
    "real",
    "sporting",
    "athletic",
    "inter",
    "club",
    "town",
    "stade",
    "olympique",
    "racing",
    "al",
    "san",
    "st",
    "saint",
    "royal",
    "young",
    "new",
    "the",
];

/// A club mentioned in the text: words `start..end`.
#[derive(Debug, Clone)]
pub struct ClubMention {
    pub club: ClubId,
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
}

/// The names of the world's clubs, folded, each with the clubs it can mean.
pub struct ClubIndex {
    names: HashMap<String, Vec<ClubId>>,
    longest: usize,
    /// Each club's names without legal words or dropped prefixes, to tell
    /// when two records are one club ("Lens" and "RC Lens").
    cores: HashMap<ClubId, Vec<String>>,
}

impl ClubIndex {
    /// Indexes every club of the world under each of its names.
    pub fn new(world: &World) -> ClubIndex {
        let mut exact: HashMap<String, Vec<ClubId>> = HashMap::new();
        let mut short: HashMap<String, Vec<ClubId>> = HashMap::new();
        let mut cores: HashMap<ClubId, Vec<String>> = HashMap::new();
        for club in world.clubs.values() {
            let core = cores.entry(club.id.clone()).or_default();
            core.push(clubnames::key(&club.name));
            core.extend(without_prefix(&club.name));
            for name in std::iter::once(&club.name).chain(&club.aliases) {
                for n in full_names(name) {
                    add(&mut exact, n, &club.id);
                }
                for n in short_forms(name) {
                    add(&mut short, n, &club.id);
                }
            }
        }
        // Nicknames and hashtags go to whichever clubs bear the usual name.
        for (nick, usual) in EXTRA {
            if let Some(ids) = exact.get(&fold(usual)).cloned() {
                for id in ids {
                    add(&mut short, nick.to_string(), &id);
                }
            }
        }
        for (name, ids) in short {
            if ids.len() == 1 && !exact.contains_key(&name) {
                exact.insert(name, ids);
            }
        }
        let longest = exact
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        ClubIndex {
            names: exact,
            longest,
            cores,
        }
    }

    /// Whether two club records are one club under two names.
    pub fn same(&self, a: &ClubId, b: &ClubId) -> bool {
        if a == b {
            return true;
        }
        let (Some(x), Some(y)) = (self.cores.get(a), self.cores.get(b)) else {
            return false;
        };
        x.iter().any(|n| !n.is_empty() && y.contains(n))
    }

    /// Every club named in the text, longest name first at each word
    /// ("Inter Miami" is not Inter). A name starts with a capital, or is a hashtag.
    pub fn find(&self, words: &Words) -> Vec<ClubMention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.words.len() {
            match self.match_at(words, i) {
                Some((club, end)) => {
                    out.push(ClubMention {
                        club,
                        start: i,
                        end,
                        sentence: words.words[i].sentence,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    fn match_at(&self, words: &Words, i: usize) -> Option<(ClubId, usize)> {
        let first = &words.words[i];
        if first.handle || !(first.capital || first.hashtag) {
            return None;
        }
        let max = self.longest.min(words.words.len() - i);
        (1..=max).rev().find_map(|n| {
            let end = i + n;
            if words.words[i..end]
                .iter()
                .any(|w| w.sentence != first.sentence)
            {
                return None;
            }
            let ids = self.names.get(&words.phrase(i, end))?;
            (ids.len() == 1).then(|| (ids[0].clone(), end))
        })
    }
}

fn add(map: &mut HashMap<String, Vec<ClubId>>, name: String, id: &ClubId) {
    if name.is_empty() {
        return;
    }
    let ids = map.entry(name).or_default();
    if !ids.contains(id) {
        ids.push(id.clone());
    }
}

/// A name folded, its key without legal words, and every name of its
/// well-known group ("Man Utd" for Manchester United).
fn full_names(name: &str) -> Vec<String> {
    let mut out = vec![fold(name), clubnames::key(name)];
    if let Some(group) = clubnames::known(name) {
        for other in KNOWN_CLUBS[group] {
            out.push(fold(other));
            out.push(clubnames::key(other));
        }
    }
    out.retain(|n| !n.is_empty());
    out
}

/// "Lens" of "RC Lens".
fn without_prefix(name: &str) -> Option<String> {
    let folded = fold(name);
    let (first, rest) = folded.split_once(' ')?;
    DROPPED_PREFIXES.contains(&first).then(|| rest.to_string())
}

/// "Leeds" of Leeds United, "Lens" of RC Lens: kept only if one club has it.
fn short_forms(name: &str) -> Vec<String> {
    let folded = fold(name);
    let words: Vec<&str> = folded.split(' ').collect();
    let mut out = Vec::new();
    if words.len() >= 2 {
        if DROPPED_SUFFIXES.contains(&words[words.len() - 1]) {
            out.push(words[..words.len() - 1].join(" "));
        }
        if DROPPED_PREFIXES.contains(&words[0]) {
            out.push(words[1..].join(" "));
        }
    }
    out.retain(|n| !n.is_empty() && !TOO_COMMON.contains(&n.as_str()));
    out
}
