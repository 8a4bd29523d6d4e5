//! The text cut into sentences and words. Each word is kept folded (for
//! matching names and vocabulary in any language, accents and case aside)
//! and as written (capitals tell a name from a common word).

use crate::names::fold;

/// One word of the text.
#[derive(Debug, Clone)]
pub struct Word {
    /// As written, for showing a name the world does not know.
    pub raw: String,
    /// Folded: ASCII, lower case ("Schär" → "schar").
    pub folded: String,
    /// Whether it was written with a capital (names are).
    pub capital: bool,
    /// Written as a hashtag ("#MUFC").
    pub hashtag: bool,
    /// Part of an @handle: an outlet's name, never a player or a club.
    pub handle: bool,
    /// The sentence it belongs to (0 is the headline).
    pub sentence: usize,
    /// Punctuation stands between it and the word before ("Salah: “Salah").
    pub after_punct: bool,
}

/// The words of a text, and each sentence's text as written.
#[derive(Debug, Clone, Default)]
pub struct Words {
    pub words: Vec<Word>,
    pub sentences: Vec<String>,
    /// Sentences that open a bulleted item ("◉ Nkunku exit"): a new story.
    pub items: Vec<bool>,
    /// Sentences that advertise (a podcast, a video): no news in them.
    pub noise: Vec<bool>,
}

/// Characters that open an item of a list.
const BULLETS: &[char] = &['◉', '•', '▪', '●', '◦', '‣', '➡', '-', '*', '–', '—', '→'];

/// Words of adverts and promotions.
const NOISE: &[&str] = &[
    "podcast",
    "episode",
    "video",
    "livestream",
    "subscribe",
    "adv",
    "sponsored",
    "giveaway",
    "youtube",
    "twitch",
];

impl Words {
    /// The folded words from `start` to `end`, joined by spaces.
    pub fn phrase(&self, start: usize, end: usize) -> String {
        let parts: Vec<&str> = self.words[start..end]
            .iter()
            .map(|w| w.folded.as_str())
            .collect();
        parts.join(" ")
    }
}

/// Cuts a text into sentences, then words. Emoji, links and punctuation go;
/// a sentence ends at a line break, `!`, `?`, `…`, `;` or a full stop before a space.
pub fn split(text: &str) -> Words {
    let mut out = Words::default();
    // Links first: their dots and slashes would cut words and sentences.
    let text: String = text
        .split_inclusive(char::is_whitespace)
        .filter(|t| !t.contains("://"))
        .collect();
    for sentence in sentences(&text) {
        let index = out.sentences.len();
        let mut chunk = String::new();
        let mut punct = false;
        for c in sentence.chars().chain([' ']) {
            if keeps(c) {
                chunk.push(c);
                continue;
            }
            if !chunk.is_empty() {
                push_chunk(&mut out.words, &chunk, index, punct);
                punct = false;
                chunk.clear();
            }
            punct |= !c.is_whitespace();
        }
        out.items.push(sentence.starts_with(BULLETS));
        out.noise.push(
            out.words
                .iter()
                .any(|w| w.sentence == index && NOISE.contains(&w.folded.as_str())),
        );
        out.sentences.push(sentence);
    }
    out
}

/// Characters a word is made of (apostrophes and hyphens join name parts).
fn keeps(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '#' | '@' | '_' | '/' | ':')
}

fn push_chunk(words: &mut Vec<Word>, chunk: &str, sentence: usize, after_punct: bool) {
    if chunk.is_empty() || chunk.contains("://") || chunk.contains('/') && chunk.contains('.') {
        return;
    }
    let hashtag = chunk.starts_with('#');
    let handle = chunk.starts_with('@');
    let capital = chunk
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    let folded = fold(chunk);
    let single = !folded.contains(' ');
    let bare = chunk.trim_matches(|c: char| !c.is_alphanumeric());
    // "Slot’s" is "Slot" and "s": the parts as written, when they line up.
    let mut raw_parts: Vec<&str> = chunk
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect();
    if raw_parts.len() != folded.split(' ').filter(|p| !p.is_empty()).count() {
        raw_parts.clear();
    }
    for (k, part) in folded.split(' ').filter(|p| !p.is_empty()).enumerate() {
        words.push(Word {
            after_punct: after_punct && k == 0,
            raw: if single {
                bare.to_string()
            } else {
                raw_parts
                    .get(k)
                    .map_or_else(|| part.to_string(), |r| r.to_string())
            },
            folded: part.to_string(),
            capital,
            hashtag,
            handle,
            sentence,
        });
    }
}

/// The sentences of a text, as written, without empty ones.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let ends = match c {
            '\n' | '!' | '?' | '…' | ';' => true,
            '.' => chars.peek().is_none_or(|n| n.is_whitespace()) && !after_initial(&current),
            _ => false,
        };
        if ends {
            if c != '\n' {
                current.push(c);
            }
            flush(&mut out, &mut current);
        } else {
            current.push(c);
        }
    }
    flush(&mut out, &mut current);
    out
}

/// "St." and "T." do not end a sentence.
fn after_initial(current: &str) -> bool {
    let last = current.split_whitespace().last().unwrap_or("");
    last.chars().count() <= 2 && last.chars().next().is_some_and(char::is_uppercase)
}

fn flush(out: &mut Vec<String>, current: &mut String) {
    if current.chars().any(char::is_alphanumeric) {
        out.push(current.trim().to_string());
    }
    current.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_and_words() {
        let w = split(
            "🚨 Schär to St. Pauli, here we go! Paperwork done. #MUFC @David_Ornstein https://t.co/x",
        );
        assert_eq!(w.sentences.len(), 3);
        let folded: Vec<&str> = w.words.iter().map(|w| w.folded.as_str()).collect();
        assert_eq!(
            folded,
            [
                "schar",
                "to",
                "st",
                "pauli",
                "here",
                "we",
                "go",
                "paperwork",
                "done",
                "mufc",
                "david",
                "ornstein"
            ]
        );
        assert!(w.words[0].capital && !w.words[1].capital);
        assert!(w.words[9].hashtag && w.words[10].handle);
    }
}
