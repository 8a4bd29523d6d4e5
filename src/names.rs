//! Finding records by the names people type: accent- and case-insensitive,
//! by full name, alias, id or surname, with "did you mean" when nothing fits.

use crate::error::{Error, Result};

/// Folds a name for comparison: ASCII, lower case, words separated by one space.
/// "Ibrahima Konaté" → "ibrahima konate", "L'Équipe" → "l equipe".
pub fn fold(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Composed first: "e" + a combining acute folds as "é" does.
    let composed: String = name.nfc().collect();
    let ascii = deunicode::deunicode(&composed).to_lowercase();
    ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words that follow a surname rather than being one ("Vinícius Júnior").
const SUFFIXES: [&str; 8] = ["jr", "junior", "sr", "filho", "neto", "ii", "iii", "iv"];

/// Words that belong to the surname that follows them ("van Dijk", "de Ligt").
const PARTICLES: [&str; 12] = [
    "van", "von", "de", "der", "den", "da", "das", "do", "dos", "di", "del", "le",
];

/// [`surname_key`] as one string, then the id: what `player list` sorts by,
/// in the index (as text, byte by byte) and in memory alike. The parts are
/// joined by U+0001, below every character a folded name holds, so the
/// text sorts as the tuple does.
pub fn list_key(name: &str, id: &str) -> String {
    let (surname, given) = surname_key(name);
    format!("{surname}\u{1}{given}\u{1}{id}")
}

/// The key that sorts people the way a squad list or an index does: by
/// surname, then given names. The surname is the last word (before a
/// suffix such as "Júnior"), with the particles before it ("van Dijk" sorts
/// under D, as "Dijk", then "van"); a single name is its own surname.
/// Folded, so accents and case do not change the order; a hyphenated word
/// stays one ("Alexander-Arnold" sorts under A).
pub fn surname_key(name: &str) -> (String, String) {
    let kept: Vec<String> = name
        .split_whitespace()
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect();
    let words: Vec<&str> = kept.iter().map(String::as_str).collect();
    let mut last = words.len();
    while last > 1 && SUFFIXES.contains(&words[last - 1]) {
        last -= 1;
    }
    let Some(surname_at) = last.checked_sub(1) else {
        return (String::new(), String::new());
    };
    let mut given_end = surname_at;
    while given_end > 0 && PARTICLES.contains(&words[given_end - 1]) {
        given_end -= 1;
    }
    let surname = words[surname_at];
    let rest: Vec<&str> = words[..given_end]
        .iter()
        .chain(&words[given_end..surname_at])
        .chain(&words[last..])
        .copied()
        .collect();
    (surname.to_string(), rest.join(" "))
}

/// The surname as written, with its particles ("Van Buyten" of "Daniel Van
/// Buyten", "van Dijk"); the name itself when it is one word.
pub fn surname(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is = |w: &str, list: &[&str]| list.contains(&fold(w).as_str());
    let mut last = words.len();
    while last > 1 && is(words[last - 1], &SUFFIXES) {
        last -= 1;
    }
    let Some(mut first) = last.checked_sub(1) else {
        return String::new();
    };
    while first > 1 && is(words[first - 1], &PARTICLES) {
        first -= 1;
    }
    words[first..last].join(" ")
}

/// A name in at most `width` characters: whole if it fits, else the first
/// initial and the surname ("T. Alexander-Arnold"), else the surname, else
/// cut with an ellipsis.
pub fn fit_name(name: &str, width: usize) -> String {
    let len = |s: &str| s.chars().count();
    if len(name) <= width {
        return name.to_string();
    }
    let last = surname(name);
    let initial = name.chars().next().filter(|_| last != name.trim());
    if let Some(i) = initial {
        let short = format!("{i}. {last}");
        if len(&short) <= width {
            return short;
        }
    }
    if len(&last) <= width {
        return last;
    }
    let mut cut: String = last.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A folded name without its spaces: "lequipe" is "l equipe", "vandijk" is "van dijk".
fn compact(folded: &str) -> String {
    folded.replace(' ', "")
}

/// Whether two names are the same name: equal once folded (case, accents,
/// punctuation), spaces aside. Never a prefix: "Radio 1" is not "Radio 10".
pub fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    !a.is_empty() && (a == b || compact(&a) == compact(&b))
}

/// Something that can be found by name.
pub struct Candidate<'a, K> {
    pub key: K,
    /// The id, shown beside the name when two candidates share a name.
    pub id: &'a str,
    /// The name shown to the user.
    pub name: &'a str,
    /// Other names it answers to (aliases, the id).
    pub aliases: Vec<&'a str>,
}

/// How well a query matched a name; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Quality {
    /// The whole name or an alias.
    Exact,
    /// Every word of the query is a word of the name ("konate", "van dijk").
    Words,
    /// Every word of the query starts a word of the name ("upa").
    Prefixes,
}

fn quality(query: &[&str], folded_name: &str) -> Option<Quality> {
    let words: Vec<&str> = folded_name.split(' ').collect();
    if query == words.as_slice() {
        return Some(Quality::Exact);
    }
    // "vandijk", "alexanderarnold": one typed word for a run of name words.
    if let [single] = query {
        let joined_run = (0..words.len())
            .any(|i| (i + 2..=words.len()).any(|j| words[i..j].concat() == *single));
        if joined_run {
            return Some(Quality::Words);
        }
    }
    let mut used = vec![false; words.len()];
    let mut all_whole = true;
    for q in query {
        let whole = words
            .iter()
            .enumerate()
            .find(|(i, w)| !used[*i] && *w == q)
            .map(|(i, _)| i);
        let found = whole.or_else(|| {
            all_whole = false;
            words
                .iter()
                .enumerate()
                .find(|(i, w)| !used[*i] && w.starts_with(q))
                .map(|(i, _)| i)
        });
        used[found?] = true;
    }
    Some(if all_whole {
        Quality::Words
    } else {
        Quality::Prefixes
    })
}

/// Finds the one candidate the query means. Several equally good matches are
/// an error listing them; none is an error with the closest names.
pub fn resolve<'a, K: Clone>(
    kind: &'static str,
    query: &str,
    candidates: impl IntoIterator<Item = Candidate<'a, K>>,
) -> Result<K> {
    // No record's name is longer than this: a longer query (a paste gone
    // wrong) matches nothing, and comparing it with every name is slow.
    if query.chars().count() > crate::text::MAX_NAME {
        return Err(Error::NotFound {
            kind,
            query: query.to_string(),
            suggestions: Vec::new(),
        });
    }
    let folded_query = fold(query);
    let query_words: Vec<&str> = folded_query.split(' ').filter(|w| !w.is_empty()).collect();
    let mut best: Option<Quality> = None;
    let mut matches: Vec<(K, &'a str, &'a str)> = Vec::new();
    let mut near: Vec<(f64, &'a str)> = Vec::new();
    for cand in candidates {
        let q = std::iter::once(cand.name)
            .chain(cand.aliases.iter().copied())
            .filter_map(|n| {
                if query_words.is_empty() {
                    return None;
                }
                let folded = fold(n);
                if folded == folded_query || compact(&folded) == compact(&folded_query) {
                    Some(Quality::Exact)
                } else {
                    quality(&query_words, &folded)
                }
            })
            .min();
        match (q, best) {
            (Some(q), Some(b)) if q > b => {}
            (Some(q), Some(b)) if q == b => matches.push((cand.key, cand.name, cand.id)),
            (Some(q), _) => {
                best = Some(q);
                matches.clear();
                matches.push((cand.key, cand.name, cand.id));
            }
            (None, _) if best.is_none() => {
                let score = similarity(&folded_query, cand.name, &cand.aliases);
                if score > 0.75 {
                    near.push((score, cand.name));
                }
            }
            (None, _) => {}
        }
    }
    match matches.len() {
        1 => Ok(matches.swap_remove(0).0),
        0 => {
            near.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            let mut suggestions: Vec<String> =
                near.into_iter().map(|(_, n)| n.to_string()).collect();
            suggestions.dedup();
            suggestions.truncate(3);
            Err(Error::NotFound {
                kind,
                query: query.to_string(),
                suggestions,
            })
        }
        _ => {
            // Namesakes are told apart by their ids, which always resolve.
            let shared = |name: &str| matches.iter().filter(|(_, n, _)| *n == name).count() > 1;
            let mut candidates: Vec<String> = matches
                .iter()
                .map(|(_, n, id)| {
                    if shared(n) {
                        format!("{n} ({id})")
                    } else {
                        n.to_string()
                    }
                })
                .collect();
            candidates.sort();
            candidates.dedup();
            let shown = candidates.len();
            candidates.truncate(10);
            if shown > 10 {
                candidates.push(format!("and {} more", shown - 10));
            }
            Err(Error::Ambiguous {
                kind,
                query: query.to_string(),
                candidates,
            })
        }
    }
}

/// How close a mistyped query is to a name: the best Jaro-Winkler score
/// against the whole name, its aliases and each of its words.
fn similarity(folded_query: &str, name: &str, aliases: &[&str]) -> f64 {
    std::iter::once(name)
        .chain(aliases.iter().copied())
        .flat_map(|n| {
            let folded = fold(n);
            let words: Vec<String> = folded.split(' ').map(str::to_string).collect();
            std::iter::once(folded).chain(words)
        })
        .map(|n| strsim::jaro_winkler(folded_query, &n))
        .fold(0.0, f64::max)
}

/// The closest of a few fixed words (subcommand values, statuses) to `word`.
pub fn closest<'a>(word: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    options
        .into_iter()
        .map(|o| (strsim::jaro_winkler(&word.to_lowercase(), o), o))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, o)| o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surnames_keep_their_particles_and_names_fit() {
        assert_eq!(surname("Daniel Van Buyten"), "Van Buyten");
        assert_eq!(surname("Virgil van Dijk"), "van Dijk");
        assert_eq!(surname("Rafael van der Vaart"), "van der Vaart");
        assert_eq!(surname("Vinícius Júnior"), "Vinícius");
        assert_eq!(surname("Militão"), "Militão");
        assert_eq!(
            fit_name("Trent Alexander-Arnold", 19),
            "T. Alexander-Arnold"
        );
        assert_eq!(fit_name("Ibrahima Konaté", 19), "Ibrahima Konaté");
        assert_eq!(fit_name("Trent Alexander-Arnold", 16), "Alexander-Arnold");
        assert_eq!(fit_name("Trent Alexander-Arnold", 8), "Alexand…");
    }

    #[test]
    fn people_sort_by_surname_then_given_names() {
        let mut names = vec![
            "Trent Alexander-Arnold",
            "Ibrahima Konaté",
            "Virgil van Dijk",
            "Antonio Rüdiger",
            "Ben Doak",
            "Vinícius Júnior",
            "Casemiro",
            "Éder Militão",
            "António Silva",
            "Bernardo Silva",
        ];
        names.sort_by_key(|n| surname_key(n));
        assert_eq!(
            names,
            [
                "Trent Alexander-Arnold",
                "Casemiro",
                "Virgil van Dijk",
                "Ben Doak",
                "Ibrahima Konaté",
                "Éder Militão",
                "Antonio Rüdiger",
                "António Silva",
                "Bernardo Silva",
                "Vinícius Júnior",
            ]
        );
        assert_eq!(
            surname_key("Virgil van Dijk"),
            ("dijk".into(), "virgil van".into())
        );
        assert_eq!(surname_key(""), (String::new(), String::new()));
        // A hyphenated surname is one: Alexander-Arnold before Anz.
        assert!(surname_key("Trent Alexander-Arnold") < surname_key("Zed Anz"));
    }

    fn people() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
        vec![
            ("konate", "Ibrahima Konaté", vec![]),
            ("rudiger", "Antonio Rüdiger", vec![]),
            ("vvd", "Virgil van Dijk", vec![]),
            ("real", "Real Madrid", vec!["Real", "Los Blancos"]),
            ("sociedad", "Real Sociedad", vec![]),
        ]
    }

    fn find(query: &str) -> Result<&'static str> {
        resolve(
            "player",
            query,
            people().into_iter().map(|(k, n, a)| Candidate {
                key: k,
                id: k,
                name: n,
                aliases: a,
            }),
        )
    }

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(fold("  Ibrahima KONATÉ "), "ibrahima konate");
        assert_eq!(fold("L'Équipe"), "l equipe");
        assert_eq!(fold("Alexander-Arnold"), "alexander arnold");
    }

    #[test]
    fn finds_by_surname_accent_free() {
        assert_eq!(find("konate").unwrap(), "konate");
        assert_eq!(find("rudiger").unwrap(), "rudiger");
        assert_eq!(find("Van Dijk").unwrap(), "vvd");
        assert_eq!(find("virg").unwrap(), "vvd");
        assert_eq!(find("vandijk").unwrap(), "vvd");
    }

    #[test]
    fn an_alias_beats_a_partial_name() {
        assert_eq!(find("real").unwrap(), "real");
        assert_eq!(find("real madrid").unwrap(), "real");
        assert_eq!(find("los blancos").unwrap(), "real");
    }

    #[test]
    fn ambiguity_lists_the_candidates() {
        let err = find("r").unwrap_err().to_string();
        assert!(err.contains("matches several"), "{err}");
        assert!(
            err.contains("Real Madrid") && err.contains("Antonio Rüdiger"),
            "{err}"
        );
    }

    #[test]
    fn misspellings_get_suggestions() {
        let err = find("konatte").unwrap_err().to_string();
        assert!(err.contains("did you mean 'Ibrahima Konaté'"), "{err}");
        let err = find("zzzz").unwrap_err().to_string();
        assert!(!err.contains("did you mean"), "{err}");
    }

    #[test]
    fn empty_query_finds_nothing() {
        assert!(find("  ").is_err());
        assert!(find("!!").is_err());
    }
}
