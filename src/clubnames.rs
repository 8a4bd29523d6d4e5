//! The names people use for clubs, and a key that ignores legal forms.
//!
//! Data sources name clubs by their registered names ("Bayer 04 Leverkusen
//! Fußball", "RasenBallsport Leipzig"), their short names ("Leverkusen",
//! "Man Utd") or the names of the press ("Bayern Munich", "Spurs"). Imports
//! match all of them to one club before creating another; other readers of
//! free text (a future `rumour extract`) can use the same list.

use crate::names::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Well-known names of big clubs, one group per club, the usual English name
/// first. Every name of a group is one club: a key (see [`key`]) may appear
/// in one group only (a test checks).
pub const KNOWN_CLUBS: &[&[&str]] = &[
    // England
    &["Arsenal", "Arsenal Football Club", "The Gunners"],
    &["Aston Villa", "Aston Villa Football Club"],
    &["Chelsea", "Chelsea Football Club"],
    &["Everton", "The Toffees"],
    &["Liverpool", "Liverpool Football Club", "LFC"],
    &[
        "Manchester City",
        "Man City",
        "Manchester City Football Club",
    ],
    &[
        "Manchester United",
        "Man Utd",
        "Man United",
        "Manchester United Football Club",
        "Man U",
    ],
    &["Newcastle United", "Newcastle", "Newcastle Utd"],
    &[
        "Tottenham Hotspur",
        "Tottenham",
        "Spurs",
        "Tottenham Hotspur Football Club",
    ],
    &["West Ham United", "West Ham"],
    &[
        "Brighton & Hove Albion",
        "Brighton",
        "Brighton and Hove Albion",
    ],
    &["Wolverhampton Wanderers", "Wolves"],
    &["Nottingham Forest", "Nottm Forest"],
    // Spain
    &["Real Madrid", "Real Madrid Club de Fútbol", "Los Blancos"],
    &[
        "Barcelona",
        "FC Barcelona",
        "Futbol Club Barcelona",
        "Barça",
    ],
    &[
        "Atlético Madrid",
        "Atlético de Madrid",
        "Club Atlético de Madrid S.A.D.",
        "Atleti",
    ],
    &["Sevilla", "Sevilla Fútbol Club S.A.D.", "Sevilla FC"],
    &["Real Betis", "Betis", "Real Betis Balompié S.A.D."],
    &["Real Sociedad", "Real Sociedad de Fútbol S.A.D."],
    &["Athletic Bilbao", "Athletic Club", "Athletic Club Bilbao"],
    &["Valencia", "Valencia Club de Fútbol S. A. D."],
    &["Villarreal", "Villarreal Club de Fútbol S.A.D."],
    // Germany
    &[
        "Bayern Munich",
        "FC Bayern München",
        "Bayern München",
        "Bayern",
        "FC Bayern",
    ],
    &["Borussia Dortmund", "Dortmund", "BVB"],
    &[
        "Bayer Leverkusen",
        "Bayer 04 Leverkusen Fußball",
        "Bayer 04 Leverkusen",
        "Leverkusen",
    ],
    &["RB Leipzig", "RasenBallsport Leipzig", "Leipzig"],
    &[
        "Eintracht Frankfurt",
        "Eintracht Frankfurt Fußball AG",
        "Frankfurt",
    ],
    &[
        "Borussia Mönchengladbach",
        "Mönchengladbach",
        "Gladbach",
        "Borussia Verein für Leibesübungen 1900 Mönchengladbach",
        "Bor. M'gladbach",
    ],
    &[
        "VfB Stuttgart",
        "Stuttgart",
        "Verein für Bewegungsspiele Stuttgart 1893",
    ],
    &[
        "VfL Wolfsburg",
        "Wolfsburg",
        "Verein für Leibesübungen Wolfsburg",
    ],
    &["Schalke 04", "FC Schalke 04", "Schalke"],
    &["Werder Bremen", "SV Werder Bremen"],
    // Italy
    &[
        "Inter",
        "Inter Milan",
        "Internazionale",
        "FC Internazionale Milano",
        "Football Club Internazionale Milano S.p.A.",
    ],
    &["AC Milan", "Milan", "Associazione Calcio Milan"],
    &["Juventus", "Juventus Football Club", "Juve"],
    &["Napoli", "SSC Napoli", "Società Sportiva Calcio Napoli"],
    &["Roma", "AS Roma", "Associazione Sportiva Roma"],
    &["Lazio", "SS Lazio", "Società Sportiva Lazio S.p.A."],
    &[
        "Atalanta",
        "Atalanta Bergamasca Calcio S.p.a.",
        "Atalanta BC",
    ],
    &[
        "Fiorentina",
        "Associazione Calcio Fiorentina",
        "ACF Fiorentina",
    ],
    // France
    &[
        "Paris Saint-Germain",
        "PSG",
        "Paris SG",
        "Paris Saint-Germain Football Club",
    ],
    &["Marseille", "Olympique de Marseille", "OM"],
    &["Lyon", "Olympique Lyonnais", "OL"],
    &[
        "Monaco",
        "AS Monaco",
        "Association sportive de Monaco Football Club",
    ],
    &[
        "Lille",
        "LOSC Lille",
        "Lille Olympique Sporting Club",
        "LOSC",
    ],
    // Portugal, Netherlands, Scotland, Turkey
    &["Benfica", "SL Benfica", "Sport Lisboa e Benfica"],
    &["Porto", "FC Porto", "Futebol Clube do Porto"],
    &[
        "Sporting CP",
        "Sporting Lisbon",
        "Sporting Clube de Portugal",
        "Sporting",
    ],
    &["Ajax", "AFC Ajax", "Ajax Amsterdam", "AFC Ajax Amsterdam"],
    &["PSV Eindhoven", "PSV"],
    &["Feyenoord", "Feyenoord Rotterdam"],
    &["Celtic", "The Celtic Football Club", "Celtic Glasgow"],
    &["Rangers", "Rangers Football Club", "Glasgow Rangers"],
    &[
        "Galatasaray",
        "Galatasaray Spor Kulübü",
        "Galatasaray Istanbul",
    ],
    &[
        "Fenerbahçe",
        "Fenerbahçe Spor Kulübü",
        "Fenerbahce Istanbul",
    ],
    &[
        "Beşiktaş",
        "Besiktas",
        "Beşiktaş Jimnastik Kulübü",
        "Besiktas Istanbul",
    ],
];

/// Words of a club's legal form or filler that do not tell clubs apart:
/// "Liverpool Football Club", "FC Liverpool" and "Liverpool" are one club.
const FILLER: &[&str] = &[
    "fc", "afc", "cf", "sc", "ac", "as", "ss", "ssc", "us", "club", "clube", "football",
    "fussball", "futbol", "futebol", "calcio", "de", "del", "do", "da", "di", "the", "and", "s",
    "a", "d", "e", "v", "ev", "ag", "gmbh", "kgaa", "spa", "sad", "srl", "ltd", "plc", "co",
];

/// A club's name folded (accents, case, punctuation) without its legal and
/// filler words and numbers ("1.", "04", "1909"): "Bayer 04 Leverkusen
/// Fußball" → "bayer leverkusen". Empty when nothing is left.
pub fn key(name: &str) -> String {
    fold(name)
        .split(' ')
        .filter(|w| !w.is_empty() && !FILLER.contains(w) && !w.bytes().all(|b| b.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The well-known club a name stands for: the index of its group in
/// [`KNOWN_CLUBS`].
pub fn known(name: &str) -> Option<usize> {
    static INDEX: OnceLock<HashMap<String, usize>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = HashMap::new();
        for (i, group) in KNOWN_CLUBS.iter().enumerate() {
            for name in *group {
                let k = key(name);
                if !k.is_empty() {
                    index.entry(k).or_insert(i);
                }
            }
        }
        index
    });
    index.get(&key(name)).copied()
}

/// The usual name of a well-known club ("Man Utd" → "Manchester United").
pub fn usual_name(name: &str) -> Option<&'static str> {
    known(name).map(|i| KNOWN_CLUBS[i][0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_words_do_not_count() {
        assert_eq!(key("Bayer 04 Leverkusen Fußball"), "bayer leverkusen");
        assert_eq!(key("Liverpool Football Club"), "liverpool");
        assert_eq!(key("Valencia Club de Fútbol S. A. D."), "valencia");
        assert_eq!(key("1. FC Köln"), "koln");
        assert_eq!(key("FC"), "");
    }

    #[test]
    fn known_names_find_their_club() {
        assert_eq!(usual_name("RasenBallsport Leipzig"), Some("RB Leipzig"));
        assert_eq!(usual_name("Man Utd"), Some("Manchester United"));
        assert_eq!(usual_name("barca"), Some("Barcelona"));
        assert_eq!(usual_name("FC Bayern München"), Some("Bayern Munich"));
        assert_eq!(usual_name("Arsenal Tula"), None);
        assert_eq!(usual_name("Inter Miami"), None);
    }

    #[test]
    fn no_key_belongs_to_two_clubs() {
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, group) in KNOWN_CLUBS.iter().enumerate() {
            for name in *group {
                let k = key(name);
                assert!(!k.is_empty(), "{name} has no key");
                if let Some(other) = seen.insert(k.clone(), i) {
                    assert_eq!(other, i, "{name} ({k}) is in two groups");
                }
            }
        }
        assert!(KNOWN_CLUBS.len() >= 40);
    }
}
