//! The README's console examples, run against a fresh copy of the shipped
//! data: what the README shows is what a new user gets.
//!
//! Every `$ mercato ...` line in a ```console block is run on its own copy
//! of `data/` and its output (stdout, then stderr) must be the lines that
//! follow it in the block. An example whose output depends on the date must
//! say which date, so every one carries `--as-of`.

use crate::common::copy_dir;
use assert_cmd::Command;
use std::path::Path;

/// One example: the command line and the output the README shows for it.
struct Example {
    line: usize,
    command: String,
    output: String,
}

fn examples(readme: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut in_console = false;
    for (n, text) in readme.lines().enumerate() {
        if text.starts_with("```") {
            in_console = text.trim() == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = text.strip_prefix("$ ") {
            out.push(Example {
                line: n + 1,
                command: command.to_string(),
                output: String::new(),
            });
        } else if let Some(example) = out.last_mut() {
            example.output.push_str(text);
            example.output.push('\n');
        }
    }
    out
}

/// Splits a command line as a shell would for the quoting the README uses
/// ("..." and '...').
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// Trailing spaces are not part of what a reader sees.
fn tidy(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end().to_string()
}

#[test]
fn shell_words_keep_quoted_spaces() {
    assert_eq!(
        shell_words(r#"mercato club depth "Real Madrid" --note 'a b' x"#),
        [
            "mercato",
            "club",
            "depth",
            "Real Madrid",
            "--note",
            "a b",
            "x"
        ]
    );
}

#[test]
fn every_console_example_prints_what_the_readme_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let examples = examples(&readme);
    assert!(examples.len() >= 6, "found {} examples", examples.len());
    let mut failures = Vec::new();
    for example in &examples {
        let words = shell_words(&example.command);
        assert_eq!(words[0], "mercato", "README line {}", example.line);
        assert!(
            words.iter().any(|w| w == "--as-of"),
            "README line {}: `{}` must say its date with --as-of",
            example.line,
            example.command
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        copy_dir(&root.join("data"), &data);
        let run = Command::cargo_bin("mercato")
            .expect("binary")
            .env_remove("MERCATO_DATA_DIR")
            .env_remove("MERCATO_AS_OF")
            .env("XDG_CACHE_HOME", dir.path().join("cache"))
            .env("NO_COLOR", "1")
            .arg("--data-dir")
            .arg(&data)
            .args(&words[1..])
            .output()
            .expect("run mercato");
        let got = format!(
            "{}{}",
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        );
        if tidy(&got) != tidy(&example.output) {
            failures.push(format!(
                "README line {}: $ {}\n--- README shows:\n{}\n--- mercato prints:\n{}",
                example.line,
                example.command,
                tidy(&example.output),
                tidy(&got)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
