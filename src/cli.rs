//! The command line: clap types only. `commands.rs` turns them into library calls.

use crate::commands::{club, contract, player, rumour, source};
use chrono::NaiveDate;
use clap::error::ErrorKind;
use clap::{ArgGroup, CommandFactory, Parser, Subcommand, ValueEnum};
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

/// The man pages as (file name, roff): `mercato.1` first, then one per command
/// (`mercato-rumour-add.1`...), each with its examples.
pub fn man_pages() -> std::io::Result<Vec<(String, String)>> {
    fn render(cmd: &clap::Command, pages: &mut Vec<(String, String)>) -> std::io::Result<()> {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut roff = Vec::new();
        man.render(&mut roff)?;
        let roff = examples_one_per_line(&String::from_utf8_lossy(&roff));
        pages.push((man.get_filename(), roff));
        for sub in cmd.get_subcommands().filter(|sub| !sub.is_hide_set()) {
            render(sub, pages)?;
        }
        Ok(())
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    render(&cmd, &mut pages)?;
    Ok(pages)
}

/// clap_mangen puts the text after the help in a section called EXTRA, filled and
/// justified like prose, which runs the example lines together. This calls it
/// EXAMPLES and sets its indented lines (the commands) one per line, unfilled.
fn examples_one_per_line(page: &str) -> String {
    const EXTRA: &str = ".SH EXTRA\n";
    let Some(start) = page.find(EXTRA) else {
        return page.to_string();
    };
    let body = start + EXTRA.len();
    let end = page[body..]
        .find("\n.SH ")
        .map_or(page.len(), |at| body + at + 1);
    let mut out = format!("{}.SH EXAMPLES\n", &page[..start]);
    let mut unfilled = false;
    for line in page[body..end].lines().filter(|line| *line != "Examples:") {
        let indented = line.starts_with(' ');
        if indented != unfilled {
            out.push_str(if indented { ".nf\n" } else { ".fi\n" });
            unfilled = indented;
        }
        out.push_str(line);
        out.push('\n');
    }
    if unfilled {
        out.push_str(".fi\n");
    }
    out.push_str(&page[end..]);
    out
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
    /// Write the whole store as one JSON bundle (stdout, or --out FILE).
    #[command(after_help = r#"Examples:
  mercato export --out backup.json
  mercato export > world.json"#)]
    Export {
        /// Where to write it (default: stdout).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Import data: a mercato bundle, or Transfermarkt / Wyscout exports.
    #[command(subcommand)]
    #[command(after_help = r#"Examples:
  mercato import transfermarkt --clubs clubs.csv --players players.csv
  mercato import wyscout EFLSCOTFEB26.csv --dry-run
  mercato export --out world.json
  mercato import bundle world.json"#)]
    Import(ImportCommand),
    /// What changed since a date: new rumours, reports, status changes and contract
    /// signings, by club (a move is listed out under the seller and in under the buyer).
    #[command(after_help = r#"Examples:
  mercato digest
  mercato digest --since 2025-10-01
  mercato digest --since 2w --json"#)]
    Digest {
        /// The first day to include (default: 7 days before the as-of date).
        #[arg(long, value_parser = parse_day, value_name = "DATE")]
        since: Option<DateSpec>,
    },
    /// Validate the whole data directory; exit 1 if anything is wrong.
    #[command(after_help = r#"Examples:
  mercato check
  mercato check --fix      # records in another shard's file go home
  mercato check --json"#)]
    Check {
        /// Move players and rumours found in another shard's file to their own
        /// (one change; `mercato undo` reverts it). An id found twice is left
        /// for you, each copy shown.
        #[arg(long)]
        fix: bool,
    },
    /// List the merge conflicts git left in the data directory: fields two clones
    /// changed differently, records removed on one side and changed on the other.
    ///
    /// Each record keeps the current branch's value meanwhile (reads work), with
    /// both values and the common ancestor's; `check` fails until every conflict
    /// is resolved.
    #[command(after_help = r#"Examples:
  mercato conflicts
  mercato conflicts --json

A conflict ends when someone chooses: `mercato resolve RECORD FIELD --take
ours|theirs`, or an edit that sets the field (`mercato source edit X --tier 2`)."#)]
    Conflicts,
    /// End one merge conflict by taking one side's value (see `mercato conflicts`).
    ///
    /// RECORD is the id `conflicts` prints (or the record's name); FIELD the
    /// conflicted field, or `record` when one side removed the record (taking
    /// that side removes it). When the file has no conflict left, it is staged
    /// with `git add` so the merge can be committed.
    #[command(after_help = r#"Examples:
  mercato conflicts
  mercato resolve l-equipe tier --take theirs
  mercato resolve konate born --take ours
  mercato resolve fichajes record --take theirs  # keep their edited record"#)]
    Resolve {
        /// The record: its id as `mercato conflicts` prints it, or its name.
        record: String,
        /// The conflicted field (`record` for removed-versus-changed).
        field: String,
        /// Which value to keep: ours (the current branch's) or theirs (the merged branch's).
        #[arg(long, value_enum, value_name = "SIDE")]
        take: TakeSide,
    },
    /// Revert the latest change to the data directory (see `mercato log`).
    #[command(after_help = r#"Examples:
  mercato source add "The Athletic" --tier 1
  mercato undo                  # takes the new source back"#)]
    Undo,
    /// List the recent changes that `undo` can revert, newest first.
    #[command(after_help = r#"Examples:
  mercato source add "The Athletic" --tier 1
  mercato log
  mercato log --json"#)]
    Log,
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    #[command(after_help = r#"Examples:
  mercato completions bash > ~/.local/share/bash-completion/completions/mercato
  mercato completions zsh > ~/.zfunc/_mercato
  mercato completions fish > ~/.config/fish/completions/mercato.fish

To turn it on: in bash, `source <(mercato completions bash)` (add that line to
~/.bashrc to keep it), or write the file above once; in zsh, write the file
above and put `fpath+=(~/.zfunc); autoload -U compinit; compinit` in ~/.zshrc;
in fish, the file above is enough. The bash script completes players, clubs,
sources and rumour ids from your data."#)]
    Completions { shell: clap_complete::Shell },
    /// Merge three versions of a data file record by record (a git merge driver).
    #[command(after_help = r#"Examples:
  git config merge.mercato.driver "mercato merge-driver %O %A %B %P"
  mercato git setup             # the same, with the path of this binary

Enable it once per clone (data/.gitattributes already routes data files to it);
git then runs it on every merge that touches a data file."#)]
    MergeDriver {
        /// The common ancestor (%O).
        base: PathBuf,
        /// Our version (%A); the merged result is written here.
        ours: PathBuf,
        /// Their version (%B).
        theirs: PathBuf,
        /// The file's path in the repository (%P).
        path: Option<String>,
    },
    /// Print the man page (roff) on stdout, or write one page per command (--out DIR).
    #[command(after_help = r#"Examples:
  mercato man > mercato.1 && man ./mercato.1
  mercato man --out ~/.local/share/man/man1 && man mercato-rumour-add"#)]
    Man {
        /// Write one page per command into this directory (mercato.1, mercato-rumour-add.1, ...)
        /// instead of printing the top-level page.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Create an empty data directory (default: the --data-dir); inside a git work
    /// tree, also set up the clone's merge driver.
    #[command(after_help = r#"Examples:
  mercato init scouting
  git init shared && cd shared && mercato init data    # to share through git"#)]
    Init {
        /// Where to create it.
        dir: Option<PathBuf>,
    },
    /// What the shell may complete at word INDEX of WORDS (used by `mercato completions bash`).
    #[command(hide = true)]
    Complete {
        /// The position of the word being completed (bash's COMP_CWORD).
        #[arg(long)]
        index: usize,
        /// The words typed so far, `mercato` first.
        #[arg(last = true)]
        words: Vec<String>,
    },
    /// Git set-up for the clone the data directory is in.
    #[command(subcommand)]
    #[command(after_help = r#"Examples:
  mercato git setup"#)]
    Git(GitCommand),
}

#[derive(Debug, Subcommand)]
pub enum GitCommand {
    /// Configure this clone's merge driver (record-by-record merges of data files),
    /// pointing at this binary. Commands that write do it by themselves when it is missing.
    #[command(after_help = r#"Examples:
  mercato git setup
  git clone https://example.com/desk.git && cd desk && mercato git setup"#)]
    Setup,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Transfermarkt's public dataset (clubs.csv, players.csv, transfers.csv): re-importing updates, never duplicates.
    ///
    /// Clubs are matched to the clubs already there (by id, name, alias, or a
    /// well-known name: "RasenBallsport Leipzig" is RB Leipzig) before any is
    /// created; `--dry-run` lists the matches. A player whose last season is
    /// older than the file's newest has left (retired, gone abroad, a coach
    /// now): his last club is history and he is in no squad. Transfers make
    /// each player's contract history; a move dated after the as-of day is
    /// an agreed future move.
    #[command(group(ArgGroup::new("files").required(true).multiple(true).args(["players", "clubs", "transfers", "download"])))]
    #[command(after_help = r#"Examples:
  mercato import transfermarkt --clubs clubs.csv --players players.csv --dry-run
  mercato import transfermarkt --players players.csv --transfers transfers.csv
  mercato import transfermarkt --players players.csv --json
  # the whole published dataset (needs a network):
  #   mercato import transfermarkt --download
  #   mercato import transfermarkt --download --url https://example.org/tm"#)]
    Transfermarkt {
        /// players.csv (or players.csv.gz).
        #[arg(long, value_name = "FILE")]
        players: Option<PathBuf>,
        /// clubs.csv (or clubs.csv.gz).
        #[arg(long, value_name = "FILE")]
        clubs: Option<PathBuf>,
        /// transfers.csv (or .gz): the moves that make each player's contract history.
        #[arg(long, value_name = "FILE")]
        transfers: Option<PathBuf>,
        /// Fetch the dataset's published files (clubs, players, competitions,
        /// transfers) into the cache ($XDG_CACHE_HOME/mercato/transfermarkt) and import them.
        #[arg(long, conflicts_with_all = ["players", "clubs", "transfers"])]
        download: bool,
        /// Where --download fetches from: a base URL holding players.csv.gz,
        /// clubs.csv.gz, competitions.csv.gz and transfers.csv.gz (a mirror).
        #[arg(long, value_name = "BASE", requires = "download")]
        url: Option<String>,
        /// Report what would change, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// A Wyscout-style league export (Player, League, Team, Position, Age, ...).
    #[command(after_help = r#"Examples:
  mercato import wyscout EFLSCOTFEB26.csv --dry-run
  mercato import wyscout EFLSCOTFEB26.csv"#)]
    Wyscout {
        file: PathBuf,
        /// Report what would change, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Load a bundle written by `mercato export` (records are added or replaced by id).
    #[command(after_help = r#"Examples:
  mercato export --out world.json
  mercato import bundle world.json --dry-run
  mercato init copy
  mercato --data-dir copy import bundle world.json"#)]
    Bundle {
        file: PathBuf,
        /// Report what would change, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

/// A side of a merge, for `resolve --take`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TakeSide {
    /// The current branch's value (the one shown meanwhile).
    Ours,
    /// The merged branch's value.
    Theirs,
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
pub(crate) fn parse_seconds(s: &str) -> Result<f64, String> {
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

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Csv,
    Tsv,
}
