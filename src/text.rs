//! Checks on the free text users type: names, notes, URLs. Control
//! characters and absurd lengths are refused with the reason, so nothing
//! odd reaches the files or the terminal.

use crate::error::{Error, Result};

// Re-exported: the checks below and every echo of input share them, and
// error.rs needs `shown` without needing these checks.
pub use crate::visible::{has_hidden, is_format, shown};

/// The longest name accepted (player, club, source, alias): real names are far shorter.
pub const MAX_NAME: usize = 200;
/// The longest note or URL accepted.
pub const MAX_NOTE: usize = 10_000;

/// A trimmed single-line name in NFC (so "Konate" + a combining accent and
/// "Konaté" are the same stored text), or the reason it cannot be one.
pub fn name(field: &str, value: &str) -> Result<String> {
    use unicode_normalization::UnicodeNormalization;
    let value: String = value.trim().nfc().collect();
    let value = value.as_str();
    if value.is_empty() {
        return Err(Error::invalid(field, format!("{field} must not be empty")));
    }
    if value.chars().any(char::is_control) {
        return Err(Error::invalid(
            field,
            format!("{field} must not contain control characters (newlines, tabs, NUL…)"),
        ));
    }
    if let Some(c) = value.chars().find(|c| is_format(*c)) {
        return Err(Error::invalid(
            field,
            format!(
                "{field} must not contain invisible format characters (here U+{:04X}: bidi controls and zero-width characters make a name print as something it is not)",
                c as u32
            ),
        ));
    }
    if value.chars().count() > MAX_NAME {
        return Err(Error::invalid(
            field,
            format!(
                "{field} is too long ({} characters; at most {MAX_NAME})",
                value.chars().count()
            ),
        ));
    }
    // Names never become file names here, but a name that looks like a path
    // is a mistake or an attack either way.
    if value.contains(['/', '\\']) || value.contains("..") {
        return Err(Error::invalid(
            field,
            format!("{field} must not contain path separators or '..'"),
        ));
    }
    if !value.chars().any(char::is_alphanumeric) {
        return Err(Error::invalid(
            field,
            format!("{field} '{value}' must contain a letter or a digit"),
        ));
    }
    Ok(value.to_string())
}

/// A free-text note: may span lines, but no other control characters.
pub fn note(field: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.chars().any(|c| c.is_control() && c != '\n') {
        return Err(Error::invalid(
            field,
            format!("{field} must not contain control characters other than newlines"),
        ));
    }
    if value.chars().count() > MAX_NOTE {
        return Err(Error::invalid(
            field,
            format!(
                "{field} is too long ({} characters; at most {MAX_NOTE})",
                value.chars().count()
            ),
        ));
    }
    Ok(value.to_string())
}

/// An optional note: an empty one is no note.
pub fn optional_note(field: &str, value: Option<&str>) -> Result<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) => Ok(Some(note(field, v)?).filter(|n| !n.is_empty())),
    }
}

/// An optional short line (country, league, nationality).
pub fn optional_name(field: &str, value: Option<&str>) -> Result<Option<String>> {
    value.map(|v| name(field, v)).transpose()
}

/// A web address: http(s), no spaces.
pub fn url(value: &str) -> Result<String> {
    let value = value.trim();
    let ok_scheme = value.starts_with("https://") || value.starts_with("http://");
    if !ok_scheme || value.len() <= "https://".len() {
        return Err(Error::invalid(
            "URL",
            format!("URL '{value}' must start with http:// or https://"),
        ));
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::invalid(
            "URL",
            "URL must not contain spaces or control characters",
        ));
    }
    if value.len() > MAX_NOTE {
        return Err(Error::invalid(
            "URL",
            format!("URL is too long (at most {MAX_NOTE} bytes)"),
        ));
    }
    Ok(value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(name("name", "  Konaté ").unwrap(), "Konaté");
        assert!(name("name", "").is_err());
        assert!(
            name("name", "a\0b")
                .unwrap_err()
                .to_string()
                .contains("control")
        );
        assert!(name("name", "a\nb").is_err());
        assert!(
            name("name", &"x".repeat(MAX_NAME + 1))
                .unwrap_err()
                .to_string()
                .contains("too long")
        );
        assert!(name("name", "../").is_err());
        assert!(
            name("name", "a/b")
                .unwrap_err()
                .to_string()
                .contains("path separators")
        );
        assert!(name("name", "x..y").is_err());
        assert_eq!(
            name("name", "Brighton & Hove Albion").unwrap(),
            "Brighton & Hove Albion"
        );
    }

    #[test]
    fn a_name_too_long_is_echoed_whole() {
        assert_eq!(MAX_NAME, crate::visible::ECHO_MAX);
    }

    #[test]
    fn notes_may_span_lines() {
        assert_eq!(note("note", "a\nb").unwrap(), "a\nb");
        assert!(note("note", "a\u{1b}[31m").is_err());
        assert_eq!(optional_note("note", Some("  ")).unwrap(), None);
    }

    #[test]
    fn urls_need_a_scheme() {
        assert!(url("https://lequipe.fr/x").is_ok());
        assert!(url("lequipe.fr").is_err());
        assert!(url("https://a b").is_err());
    }
}

#[cfg(test)]
mod hidden_tests {
    use super::*;

    #[test]
    fn format_characters_are_known_and_names_are_composed() {
        assert!(is_format('\u{202e}') && is_format('\u{200b}') && is_format('\u{feff}'));
        assert!(!is_format('é') && !is_format(' '));
        assert!(has_hidden("a\u{1b}[31m", true));
        assert!(!has_hidden("two\nlines", true));
        assert_eq!(name("name", "Konate\u{301}").unwrap(), "Konaté");
        assert!(
            name("name", "Sky\u{202e}Sports")
                .unwrap_err()
                .to_string()
                .contains("U+202E")
        );
    }
}
