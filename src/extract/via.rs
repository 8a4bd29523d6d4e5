//! The outlet a text credits: "as @David_Ornstein reports", "tells
//! @GiveMeSport", "according to L'Equipe", "as per RMC Sport", "selon
//! L'Équipe", "según Marca". Recorded as the report's `via`.

/// Verbs after a handle that credit it ("@relevo reported").
const CREDITED_BY: &[&str] = &[
    "reports",
    "reported",
    "reveals",
    "revealed",
    "says",
    "said",
    "confirms",
    "confirmed",
    "understands",
    "called",
    "has",
    "claims",
    "claimed",
    "adds",
    "added",
    "writes",
];

/// Words before a handle that credit it ("as @relevo", "tells @GiveMeSport").
const CREDITS: &[&str] = &["as", "tells", "told", "via", "per", "by", "to", "from"];

/// Words before an outlet's name that credit it ("according to Marca").
const LEADS: &[&[&str]] = &[
    &["according", "to"],
    &["revealed", "by"],
    &["reported", "by"],
    &["confirmed", "by"],
    &["as", "per"],
    &["via"],
    &["selon"],
    &["según"],
    &["segun"],
    &["secondo"],
    &["laut"],
    &["segundo"],
];

/// The first outlet credited, handles as written ("@Plettigoal @SkySportDE").
pub fn find(sentences: &[String]) -> Option<String> {
    sentences.iter().find_map(|s| in_sentence(s))
}

fn in_sentence(sentence: &str) -> Option<String> {
    let toks: Vec<&str> = sentence
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric() && !"@_'’".contains(c)))
        .filter(|t| !t.is_empty())
        .collect();
    let lower: Vec<String> = toks.iter().map(|t| t.to_lowercase()).collect();
    for (j, tok) in toks.iter().enumerate() {
        if tok.starts_with('@') {
            let run: Vec<&str> = toks[j..]
                .iter()
                .take_while(|t| t.starts_with('@'))
                .copied()
                .collect();
            let before = j.checked_sub(1).map(|k| lower[k].as_str()).unwrap_or("");
            let after = lower.get(j + run.len()).map(String::as_str).unwrap_or("");
            if CREDITS.contains(&before) || CREDITED_BY.contains(&after) {
                return Some(run.join(" "));
            }
        }
        for lead in LEADS {
            let end = j + lead.len();
            if end <= toks.len() && lead.iter().zip(&lower[j..end]).all(|(a, b)| a == b) {
                let name: Vec<&str> = toks[end..]
                    .iter()
                    .take(4)
                    .take_while(|t| t.starts_with(|c: char| c.is_uppercase() || c == '@'))
                    .copied()
                    .collect();
                if !name.is_empty() {
                    return Some(name.join(" "));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_credited() {
        let f = |s: &str| find(&[s.to_string()]);
        assert_eq!(
            f("Deal done, as @David_Ornstein reported."),
            Some("@David_Ornstein".into())
        );
        assert_eq!(
            f("Fee in excess of €70m, as per RMC Sport."),
            Some("RMC Sport".into())
        );
        assert_eq!(
            f("Talks ongoing, according to L'Equipe."),
            Some("L'Equipe".into())
        );
        assert_eq!(f("Follow @ManUtd fans!"), None);
    }
}
