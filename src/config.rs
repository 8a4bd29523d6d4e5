//! `mercato.toml`: defaults a user would otherwise repeat on every command.
//!
//! The file is flat TOML — `key = value` lines, `#` comments, strings in
//! double quotes, whole numbers bare — so a few lines of parsing do, with no
//! TOML crate to build. Each key is the default of one option, and reaches
//! it through that option's environment variable: the CLI sets the variable
//! from the file only when the user has not set it, so a flag beats the
//! environment, which beats the file, which beats the built-in default.
//! Unknown keys and bad values are refused with the file, the line and what
//! is allowed: a typo in a config file must not be silently ignored.

use crate::error::{Error, Result};
use std::path::Path;

/// The keys, the environment variable each one sets, and what it takes.
pub const KEYS: [(&str, &str, &str); 6] = [
    ("sort", "MERCATO_SORT", "recent, likelihood or player"),
    (
        "reheat_days",
        "MERCATO_REHEAT_DAYS",
        "a whole number of days",
    ),
    ("cold_days", "MERCATO_COLD_DAYS", "a whole number of days"),
    ("currency", "MERCATO_CURRENCY", "EUR, GBP or USD"),
    ("width", "MERCATO_WIDTH", "a whole number of columns"),
    ("format", "MERCATO_FORMAT", "table, json, csv or tsv"),
];

/// A setting read from the file: the environment variable it sets and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub key: &'static str,
    pub env: &'static str,
    pub value: String,
}

/// Reads the settings of a `mercato.toml`; `path` is only for messages.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Setting>> {
    let refuse =
        |line: usize, why: String| Error::Refused(format!("{}:{line}: {why}", path.display()));
    let mut settings: Vec<Setting> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n + 1;
        let text = raw.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        let Some((key, value)) = text.split_once('=') else {
            return Err(refuse(
                line,
                format!("expected `key = value`, found `{text}`"),
            ));
        };
        let key = key.trim();
        let Some(&(key, env, allowed)) = KEYS.iter().find(|(k, _, _)| *k == key) else {
            let known: Vec<&str> = KEYS.iter().map(|(k, _, _)| *k).collect();
            return Err(refuse(
                line,
                format!("unknown setting '{key}' (known: {})", known.join(", ")),
            ));
        };
        let value = value.trim();
        let value = match value.strip_prefix('"') {
            Some(rest) => rest
                .strip_suffix('"')
                .filter(|v| !v.contains('"'))
                .ok_or_else(|| refuse(line, format!("unclosed string for '{key}'")))?
                .to_string(),
            // A bare value may carry a comment after it.
            None => value.split('#').next().unwrap_or("").trim().to_string(),
        };
        let numeric = allowed.starts_with("a whole number");
        if numeric && !value.parse::<u32>().is_ok_and(|v| v > 0) {
            return Err(refuse(
                line,
                format!("'{key}' takes {allowed}, not '{value}'"),
            ));
        }
        if settings.iter().any(|s| s.key == key) {
            return Err(refuse(line, format!("'{key}' is set twice")));
        }
        settings.push(Setting { key, env, value });
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_with_comments_and_quotes() {
        let text = "# desk defaults\nsort = \"likelihood\"\ncold_days = 90  # a shorter window\n\ncurrency = \"GBP\"\n";
        let settings = parse(text, Path::new("mercato.toml")).unwrap();
        let pairs: Vec<(&str, &str)> = settings.iter().map(|s| (s.env, s.value.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("MERCATO_SORT", "likelihood"),
                ("MERCATO_COLD_DAYS", "90"),
                ("MERCATO_CURRENCY", "GBP")
            ]
        );
    }

    #[test]
    fn mistakes_are_refused_with_the_line() {
        let err = |text: &str| parse(text, Path::new("m.toml")).unwrap_err().to_string();
        assert!(err("colddays = 3").contains("m.toml:1: unknown setting 'colddays'"));
        assert!(err("\ncold_days = soon").contains("m.toml:2: 'cold_days' takes a whole number"));
        assert!(err("sort").contains("expected `key = value`"));
        assert!(err("sort = \"recent").contains("unclosed string"));
        assert!(err("width = 80\nwidth = 90").contains("set twice"));
    }
}
