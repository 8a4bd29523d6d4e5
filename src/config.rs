//! `mercato.toml`: defaults a user would otherwise repeat on every command.
//!
//! The file is TOML, read by the `toml` crate: comments, quoted keys, basic
//! and 'literal' strings all work. Each key is the default of one option, and
//! reaches it through that option's environment variable: the CLI sets the
//! variable from the file only when the user has not set it, so a flag beats
//! the environment, which beats the file, which beats the built-in default.
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
    (
        "width",
        "MERCATO_WIDTH",
        "a whole number of columns, at least 20",
    ),
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
    let refuse = |line: usize, why: String| {
        Error::invalid("setting", format!("{}:{line}: {why}", path.display()))
    };
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(1, |span| line_of(text, span.start));
        let said = e.message().trim().to_string();
        // A known key with a value TOML cannot read (`cold_days = soon`):
        // say what the key takes.
        let why = text
            .lines()
            .nth(line - 1)
            .and_then(|l| l.split_once('='))
            .and_then(|(k, v)| {
                let k = k.trim().trim_matches(|c| c == '"' || c == '\'');
                let (_, _, allowed) = KEYS.iter().find(|(key, _, _)| *key == k)?;
                Some(format!(
                    "'{k}' takes {allowed}, not `{}` ({said})",
                    v.trim()
                ))
            })
            .unwrap_or(said);
        refuse(line, why)
    })?;
    let mut settings: Vec<Setting> = Vec::new();
    for (key, value) in &table {
        let line = line_of_key(text, key);
        let Some(&(key, env, allowed)) = KEYS.iter().find(|(k, _, _)| k == key) else {
            let known: Vec<&str> = KEYS.iter().map(|(k, _, _)| *k).collect();
            return Err(refuse(
                line,
                format!("unknown setting '{key}' (known: {})", known.join(", ")),
            ));
        };
        let numeric = allowed.starts_with("a whole number");
        let value = match value {
            toml::Value::String(s) if !numeric && takes(key, s) => s.clone(),
            toml::Value::Integer(n) if numeric && *n >= least(key) => n.to_string(),
            other => {
                return Err(refuse(
                    line,
                    format!("'{key}' takes {allowed}, not {other}"),
                ));
            }
        };
        settings.push(Setting { key, env, value });
    }
    // In the file's order, as a reader of it expects messages.
    settings.sort_by_key(|s| line_of_key(text, s.key));
    Ok(settings)
}

/// Whether a text setting holds one of the values its option takes: a bad
/// one is the file's mistake, said with its line here, not later as if the
/// user had typed a bad flag (and only by the commands that have it).
fn takes(key: &str, value: &str) -> bool {
    match key {
        "sort" => ["recent", "likelihood", "player"].contains(&value),
        "format" => ["table", "json", "csv", "tsv"].contains(&value),
        "currency" => crate::model::Currency::parse(value).is_some(),
        _ => true,
    }
}

/// The least whole number a numeric setting takes (a table narrower than
/// 20 columns cannot be drawn).
fn least(key: &str) -> i64 {
    match key {
        "width" => 20,
        _ => 1,
    }
}

/// The line (from 1) of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// The line a top-level key is set on, quoted or bare (1 when not found).
fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.split_once('=')
                .is_some_and(|(k, _)| k.trim().trim_matches(|c| c == '"' || c == '\'') == key)
        })
        .map_or(1, |at| at + 1)
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
        assert!(
            err("# x\nsort = \"likelyhood\"")
                .contains("m.toml:2: 'sort' takes recent, likelihood or player")
        );
        assert!(err("format = \"xml\"").contains("m.toml:1: 'format' takes table, json"));
        assert!(err("currency = 'CHF'").contains("m.toml:1: 'currency' takes EUR, GBP or USD"));
        assert!(
            err("width = 5")
                .contains("m.toml:1: 'width' takes a whole number of columns, at least 20")
        );
        assert!(err("\ncold_days = soon").contains("m.toml:2: 'cold_days' takes a whole number"));
        assert!(err("sort").contains("m.toml:1:"));
        assert!(err("sort = \"recent").contains("m.toml:1:"));
        assert!(err("width = 80\nwidth = 90").contains("m.toml:2:"));
    }

    #[test]
    fn any_valid_toml_is_read() {
        let text = "format = \"json\"   # for scripts\n\"currency\" = 'GBP'\n'sort' = \"player\"\n";
        let settings = parse(text, Path::new("mercato.toml")).unwrap();
        let pairs: Vec<(&str, &str)> = settings.iter().map(|s| (s.key, s.value.as_str())).collect();
        assert_eq!(
            pairs,
            [("format", "json"), ("currency", "GBP"), ("sort", "player")]
        );
    }
}
