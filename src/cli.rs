//! The command line's top: `Cli` (the global options around the top-level
//! `Command`, which lives with its dispatch in `commands/`) and how it is
//! parsed (defaults from `mercato.toml`, the environment). Each command's own
//! arguments live beside its code; the value parsers they share, in
//! `values.rs`.

use crate::commands::{Command, club};
use crate::values::{number, parse_day, parse_seconds};
use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, ValueEnum};
use mercato::dates::DateSpec;
use mercato::model::Slot;
use std::path::PathBuf;

/// The examples under `mercato --help` and `mercato -h`.
const EXAMPLES: &str = r#"Examples:
  mercato club depth "Real Madrid" --as-of 2025-10-20
  mercato contract expiring --year 2026
  mercato rumour add upamecano --to "real madrid" --source Marca
  mercato rumour list --player konate
  mercato rumour show 5036 --json
  mercato help rumour add       # every command has examples

Exit codes: 0 ok, 1 the data says no, 2 the command line is wrong."#;

/// `mercato --help` also states the rule for exit codes and the global
/// options in full (subcommands list them in one line each).
const LONG_EXAMPLES: &str = r#"Examples:
  mercato club depth "Real Madrid" --as-of 2025-10-20
  mercato contract expiring --year 2026
  mercato rumour add upamecano --to "real madrid" --source Marca
  mercato rumour list --player konate
  mercato rumour show 5036 --json
  mercato help rumour add       # every command has examples

Exit codes:
  0  success
  1  the data says no: an unknown or ambiguous name, a refused change (a
     duplicate, an impossible contract, a date after the as-of date, a record
     still referred to), an unreadable data file, problems found by `check`
  2  the command line is wrong, whatever the data: an unknown command or
     option, a missing argument, or a value that can never be valid (a date,
     year, tier, position, slot, status, fee or currency that does not exist,
     a negative number)

Global options in full (every command takes them; each also from the
environment variable named):
  --data-dir DIR       The data directory. Default: data. MERCATO_DATA_DIR.
  --as-of DATE         The day to see the world as of: the world as it stood
                       that day (statuses, reports, contracts known then), and
                       ages, expiry windows and "latest" computed from it.
                       Default: today. Every date option takes YYYY-MM-DD,
                       today, yesterday, or a span before the as-of date: 3d,
                       2w, 6m, 1y. MERCATO_AS_OF.
  --json               Machine-readable JSON on stdout (same as --format json).
  --format FORMAT      table (default), json, or csv / tsv (lists only: one
                       header row, one record per line). MERCATO_FORMAT.
  --width COLUMNS      Draw tables for a terminal this many columns wide
                       (default: the terminal's width; piped output is not
                       wrapped unless this is given). MERCATO_WIDTH.
  --limit N            At most N items of a list (after sorting).
  --lock-timeout SECS  How long to wait for another mercato writing to the same
                       data directory. Default: 5. MERCATO_LOCK_TIMEOUT.
  --color WHEN         auto (a terminal, and NO_COLOR unset), always or never.

From the environment only:
  MERCATO_NO_INDEX=1   Answer from the JSON files alone, without the index
                       mercato keeps in DIR/.mercato/ (same answers, slower)."#;

/// Track football transfer rumours, contracts and depth charts in plain JSON files.
///
/// mercato keeps players, clubs, contracts, sources and rumours under a data
/// directory (default ./data) that a team can share with git. Names are found
/// accent- and case-insensitively: "konate" finds "Ibrahima Konaté".
#[derive(Debug, Parser)]
#[command(
    name = "mercato",
    version,
    after_help = EXAMPLES,
    after_long_help = LONG_EXAMPLES,
    propagate_version = true
)]
pub struct Cli {
    /// The data directory (default: data).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        hide_env = true,
        hide_default_value = true,
        env = "MERCATO_DATA_DIR",
        default_value = "data",
        value_name = "DIR"
    )]
    pub data_dir: PathBuf,

    /// See the world as it stood on this day (default: today).
    #[arg(long, global = true, help_heading = "Global options", hide_env = true, env = "MERCATO_AS_OF", value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<DateSpec>,

    /// JSON on stdout instead of tables (same as --format json).
    #[arg(long, global = true, help_heading = "Global options")]
    pub json: bool,

    /// How to print: table, json, csv or tsv.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        hide_env = true,
        hide_possible_values = true,
        env = "MERCATO_FORMAT",
        value_enum,
        value_name = "FORMAT"
    )]
    pub format: Option<FormatArg>,

    /// Draw tables this many columns wide.
    #[arg(long, global = true, help_heading = "Global options", hide_env = true, env = "MERCATO_WIDTH", value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(20..))]
    pub width: Option<u16>,

    /// At most N items of a list.
    #[arg(long, global = true, help_heading = "Global options", value_name = "N", allow_negative_numbers = true, value_parser = number::<u32>("the limit", 1))]
    pub limit: Option<u32>,

    /// Wait this long for another mercato writing (default: 5).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        hide_env = true,
        hide_default_value = true,
        env = "MERCATO_LOCK_TIMEOUT",
        default_value_t = 5.0,
        value_name = "SECONDS",
        allow_negative_numbers = true,
        value_parser = parse_seconds
    )]
    pub lock_timeout: f64,

    /// Colour: auto, always or never.
    #[arg(long, global = true, help_heading = "Global options", hide_default_value = true, hide_possible_values = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

/// Parses the command line. What clap refuses, and the values it cannot check on
/// its own (the slot of `club depth --set`), come back as a clap error: usage, exit 2.
pub fn parse(settings: &[mercato::config::Setting]) -> Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let matches = with_defaults(Cli::command(), settings)
        .try_get_matches()
        .map_err(without_environment)?;
    let cli = Cli::from_arg_matches(&matches)?;
    cli.check_values()?;
    refuse_json_with_another_format(&cli, &matches)?;
    Ok(cli)
}

/// `--json` with `--format csv` typed on the same line asks for two things:
/// a usage error. A format from `mercato.toml` or the environment is only a
/// default, which `--json` overrides.
fn refuse_json_with_another_format(
    cli: &Cli,
    matches: &clap::ArgMatches,
) -> Result<(), clap::Error> {
    let mut typed = false;
    let mut at = Some(matches);
    while let Some(m) = at {
        typed |= m.value_source("format") == Some(clap::parser::ValueSource::CommandLine);
        at = m.subcommand().map(|(_, sub)| sub);
    }
    if cli.json && typed && cli.format != Some(FormatArg::Json) {
        return Err(Cli::command().error(
            ErrorKind::ArgumentConflict,
            "the argument '--json' cannot be used with '--format <FORMAT>' (--json is --format json)",
        ));
    }
    Ok(())
}

/// The command with the defaults of `mercato.toml`: each setting becomes the
/// default of every option read from its environment variable, so a flag
/// and the environment still win over it.
fn with_defaults(cmd: clap::Command, settings: &[mercato::config::Setting]) -> clap::Command {
    if settings.is_empty() {
        return cmd;
    }
    let cmd = cmd.mut_args(|arg| {
        let setting = settings
            .iter()
            .find(|s| arg.get_env().is_some_and(|env| env == s.env));
        match setting {
            // clap keeps defaults for the life of the process, as this one lives.
            Some(s) => arg.default_value(&*String::leak(s.value.clone())),
            None => arg,
        }
    });
    cmd.mut_subcommands(|sub| with_defaults(sub, settings))
}

/// clap writes the options the environment sets (`MERCATO_DATA_DIR`,
/// `MERCATO_AS_OF`...) into the usage line of an error as if they had been typed:
/// `Usage: mercato rumour add --source <SOURCE> --data-dir <DIR> --as-of <DATE> ...`.
/// The same error found from the command line alone reads as the reader expects.
/// An error about a value from the environment is kept as it is.
fn without_environment(error: clap::Error) -> clap::Error {
    if !error.use_stderr() || error.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return error;
    }
    let args_only = Cli::command().mut_args(|arg| arg.env(None::<&str>));
    match args_only.try_get_matches() {
        Err(again) if again.kind() == error.kind() => again,
        _ => error,
    }
}

impl Cli {
    /// Values clap cannot check alone: `--set SLOT PLAYERS` takes two values of two kinds.
    fn check_values(&self) -> Result<(), clap::Error> {
        if let Command::Club(club::ClubCommand::Depth(club::depth::DepthArgs {
            set: Some(pair),
            ..
        })) = &self.command
            && let Some(slot) = pair.first()
            && let Err(why) = slot.parse::<Slot>()
        {
            let mut cli = Cli::command();
            cli.build();
            let depth = cli
                .find_subcommand_mut("club")
                .and_then(|club| club.find_subcommand_mut("depth"));
            let message = format!("invalid value '{slot}' for '--set <SLOT> <PLAYERS>': {why}");
            return Err(match depth {
                Some(depth) => depth.error(ErrorKind::InvalidValue, message),
                None => cli.error(ErrorKind::InvalidValue, message),
            });
        }
        Ok(())
    }
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Csv,
    Tsv,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    /// Every command's help ends with examples (tests/help.rs runs them), in lines
    /// that fit an 80-column terminal: clap would wrap a longer one mid-command.
    #[test]
    fn every_command_has_examples_that_fit_80_columns() {
        fn walk(cmd: &clap::Command, path: &str, problems: &mut Vec<String>) {
            let after = cmd.get_after_long_help().or(cmd.get_after_help());
            match after.map(|text| text.to_string()) {
                Some(text) if text.starts_with("Examples:\n") => {
                    for line in text.lines().filter(|line| line.chars().count() > 80) {
                        problems.push(format!("{path}: longer than 80 columns: {line}"));
                    }
                }
                _ => problems.push(format!("{path}: no examples")),
            }
            // A hidden command (`complete`, for the shell) is not for people.
            for sub in cmd.get_subcommands().filter(|sub| !sub.is_hide_set()) {
                walk(sub, &format!("{path} {}", sub.get_name()), problems);
            }
        }
        let mut problems = Vec::new();
        walk(&Cli::command(), "mercato", &mut problems);
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
