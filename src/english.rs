//! Counts as English reads them: "1 report", "2 reports", "1 match",
//! "3 misses". One place, so no message says "1 hits".

/// `n` and the noun, plural unless `n` is 1 (regular English plurals: a
/// noun ending in s, x, z, ch or sh takes "es"; multi-word nouns pluralize
/// their last word, "status changes").
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        return format!("1 {noun}");
    }
    let es = ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| noun.ends_with(end));
    format!("{n} {noun}{}", if es { "es" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn counts_read_as_english() {
        assert_eq!(count(1, "hit"), "1 hit");
        assert_eq!(count(0, "hit"), "0 hits");
        assert_eq!(count(2, "miss"), "2 misses");
        assert_eq!(count(1, "miss"), "1 miss");
        assert_eq!(count(3, "status change"), "3 status changes");
        assert_eq!(count(12, "month"), "12 months");
    }
}
