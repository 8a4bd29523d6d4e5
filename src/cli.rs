//! The command line's top: `Cli` (the global options and the top-level
//! `Command` enum), how it is parsed (defaults from `mercato.toml`, the
//! environment), and the value parsers every command's arguments share. Each
//! command's own arguments live beside its code, in `commands/`.

use crate::commands::{
    check, club, complete, completions, conflicts, contract, digest, export, git, import, init,
    log, man, merge_driver, player, resolve, rumour, source, undo,
};
use chrono::NaiveDate;
use clap::error::ErrorKind;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use mercato::dates::DateSpec;
use mercato::model::{Position, Slot};
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
  --color WHEN         auto (a terminal, and NO_COLOR unset), always or never."#;

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
    Ok(cli)
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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rumours: add reports, list, show, update status, remove.
    #[command(subcommand, visible_aliases = ["rumours", "rumor", "rumors"])]
    #[command(after_help = r#"Examples:
  mercato rumour list --open --sort likelihood
  mercato rumour show konate
  mercato rumour add upamecano --to "real madrid" --source Marca
  mercato rumour update 50369ebf --status agreed --source "L'Equipe"
  mercato rumour remove 10dc --report 2"#)]
    Rumour(rumour::RumourCommand),
    /// Contracts: who is expiring, record a signing or renewal, remove a mistaken one.
    #[command(subcommand, visible_alias = "contracts")]
    #[command(after_help = r#"Examples:
  mercato contract expiring --year 2026
  mercato contract timeline --club "Real Madrid"
  mercato contract set konate --club liverpool --until 2030-06-30
  mercato contract remove konate --club liverpool --until 2030-06-30"#)]
    Contract(contract::ContractCommand),
    /// Clubs: add, list, show, the defensive depth chart; edit, remove, merge.
    #[command(subcommand, visible_alias = "clubs")]
    #[command(after_help = r#"Examples:
  mercato club depth "Real Madrid"
  mercato club show liverpool
  mercato club list
  mercato club add "Crystal Palace" --country England --league "Premier League""#)]
    Club(club::ClubCommand),
    /// Players: add, list, show, edit, remove, merge.
    #[command(subcommand, visible_alias = "players")]
    #[command(after_help = r#"Examples:
  mercato player list --club "Real Madrid"
  mercato player show konate
  mercato player add "Jarell Quansah" --born 2003-01-29 --position CB
  mercato player edit upamecano --caps 25"#)]
    Player(player::PlayerCommand),
    /// Sources: the outlets that carry rumours, with their reliability tier; edit, remove, merge.
    #[command(subcommand, visible_alias = "sources")]
    #[command(after_help = r#"Examples:
  mercato source list
  mercato source show fichajes
  mercato source add "The Athletic" --tier 1 --country England
  mercato source set "Spanish media" --tier 4"#)]
    Source(source::SourceCommand),
    Export(export::ExportArgs),
    /// Import data: a mercato bundle, or Transfermarkt / Wyscout exports.
    #[command(subcommand)]
    #[command(after_help = r#"Examples:
  mercato import transfermarkt --clubs clubs.csv --players players.csv
  mercato import wyscout EFLSCOTFEB26.csv --dry-run
  mercato export --out world.json
  mercato import bundle world.json"#)]
    Import(import::ImportCommand),
    Digest(digest::DigestArgs),
    Check(check::CheckArgs),
    Conflicts(conflicts::ConflictsArgs),
    Resolve(resolve::ResolveArgs),
    Undo(undo::UndoArgs),
    Log(log::LogArgs),
    Completions(completions::CompletionsArgs),
    MergeDriver(merge_driver::MergeDriverArgs),
    Man(man::ManArgs),
    Init(init::InitArgs),
    Complete(complete::CompleteArgs),
    /// Git set-up for the clone the data directory is in.
    #[command(subcommand)]
    #[command(after_help = r#"Examples:
  mercato git setup"#)]
    Git(git::GitCommand),
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

pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    mercato::dates::parse(s)
}

/// A day as typed: YYYY-MM-DD, today, yesterday, or a span before the as-of
/// date (3d, 2w, 6m, 1y), resolved once the as-of date is known.
pub(crate) fn parse_day(s: &str) -> Result<DateSpec, String> {
    mercato::dates::parse_spec(s)
}

pub(crate) fn parse_position(s: &str) -> Result<Position, String> {
    s.parse()
}

pub(crate) fn parse_slot(s: &str) -> Result<Slot, String> {
    s.parse()
}

pub(crate) fn parse_foot(s: &str) -> Result<mercato::model::Foot, String> {
    s.parse()
}

/// A source tier, 1 to 5: any other number can never be a tier, so it is a
/// usage error (exit 2) like a misspelt option, not a refused change.
pub(crate) fn parse_tier(s: &str) -> Result<u8, String> {
    let tier: i64 = s.trim().parse().map_err(|_| {
        format!("'{s}' is not a tier: 1 is the most reliable (official), 5 the least")
    })?;
    u8::try_from(tier)
        .ok()
        .filter(|t| (1..=5).contains(t))
        .ok_or_else(|| {
            format!("tier {tier} does not exist: 1 is the most reliable (official), 5 the least")
        })
}

/// A whole number of at least `min`; `what` names it in errors ("caps"). Numeric options
/// accept "-3" as a value (`allow_negative_numbers`) so that it is refused for
/// what it is, "caps cannot be negative", rather than taken for an unknown
/// option with a hint to write `-- -3`.
pub(crate) fn number<T>(what: &'static str, min: i64) -> impl Fn(&str) -> Result<T, String> + Clone
where
    T: TryFrom<i64>,
{
    move |s: &str| {
        let n: i64 = s
            .trim()
            .parse()
            .map_err(|_| format!("'{s}' is not a whole number"))?;
        if n < 0 {
            return Err(format!("{what} cannot be negative"));
        }
        if n < min {
            return Err(format!("{what} must be at least {min}"));
        }
        T::try_from(n).map_err(|_| format!("{what} {n} is too large"))
    }
}

/// Seconds, as for `--lock-timeout`: a fraction is fine, a negative is not.
fn parse_seconds(s: &str) -> Result<f64, String> {
    let seconds: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a number of seconds"))?;
    if !seconds.is_finite() {
        return Err(format!("'{s}' is not a number of seconds"));
    }
    if seconds < 0.0 {
        return Err("the lock timeout cannot be negative".into());
    }
    Ok(seconds)
}

/// A fee or an amount as typed (`50m`, `"€45,5m"`): checked here, so that a
/// fee that can never be read is a usage error, and kept as text for the
/// command, which reads it with the currency of `--currency`.
pub(crate) fn parse_fee(s: &str) -> Result<String, String> {
    mercato::model::Fee::parse(s, mercato::model::Currency::EUR).map(|_| s.to_string())
}

/// `--currency`: EUR, GBP or USD (or €, £, $), kept as typed.
pub(crate) fn parse_currency(s: &str) -> Result<String, String> {
    mercato::model::Currency::parse(s)
        .map(|_| s.to_string())
        .ok_or_else(|| "expected EUR, GBP or USD".to_string())
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

    #[test]
    fn numbers_are_refused_for_what_they_are() {
        let caps = number::<u32>("caps", 0);
        assert_eq!(caps("25"), Ok(25));
        assert_eq!(caps("-3"), Err("caps cannot be negative".to_string()));
        assert_eq!(caps("x"), Err("'x' is not a whole number".to_string()));
        assert_eq!(
            caps("99999999999"),
            Err("caps 99999999999 is too large".to_string())
        );
        assert_eq!(
            number::<i64>("days", 1)("0"),
            Err("days must be at least 1".to_string())
        );
        assert_eq!(parse_tier("5"), Ok(5));
        assert!(parse_tier("6").is_err_and(|e| e.starts_with("tier 6 does not exist")));
        assert!(parse_tier("300").is_err_and(|e| e.starts_with("tier 300 does not exist")));
        assert_eq!(parse_seconds("0.5"), Ok(0.5));
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("inf").is_err());
    }
}
