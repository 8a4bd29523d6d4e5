//! The command line: clap types only. `commands.rs` turns them into library calls.

use chrono::NaiveDate;
use clap::{ArgGroup, Args, Parser, Subcommand, ValueEnum};
use mercato::dates::DateSpec;
use mercato::model::{Position, Slot, Status};
use mercato::query::likelihood::DEFAULT_COLD_DAYS;
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  mercato club depth \"Real Madrid\" --as-of 2025-10-20
  mercato contract expiring --year 2026
  mercato rumour add upamecano --to \"real madrid\" --source Marca --date 2025-10-21
  mercato rumour list --player konate
  mercato --json rumour show 3f9a

Exit codes: 0 ok, 1 error (bad data, unknown name, refused change), 2 usage error.";

/// Track football transfer rumours, contracts and depth charts in plain JSON files.
///
/// mercato keeps players, clubs, contracts, sources and rumours under a data
/// directory (default ./data) that a team can share with git. Names are found
/// accent- and case-insensitively: "konate" finds "Ibrahima Konaté".
#[derive(Debug, Parser)]
#[command(name = "mercato", version, after_help = EXAMPLES, propagate_version = true)]
pub struct Cli {
    /// The data directory.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "MERCATO_DATA_DIR",
        default_value = "data",
        value_name = "DIR"
    )]
    pub data_dir: PathBuf,

    /// The day to see the world as of: the world as it stood that day (statuses, reports,
    /// contracts), and ages, expiry windows and "latest" computed from it. Defaults to today.
    /// Every date option takes YYYY-MM-DD, today, yesterday, or a span before the as-of
    /// date: 3d, 2w, 6m, 1y.
    #[arg(long, global = true, help_heading = "Global options", env = "MERCATO_AS_OF", value_name = "DATE", value_parser = parse_day)]
    pub as_of: Option<DateSpec>,

    /// Print machine-readable JSON on stdout instead of tables (same as --format json).
    #[arg(long, global = true, help_heading = "Global options")]
    pub json: bool,

    /// How to print: table (default), json, or csv / tsv (lists only: one header
    /// row, one record per line, for spreadsheets and scripts).
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "MERCATO_FORMAT",
        value_enum,
        value_name = "FORMAT"
    )]
    pub format: Option<FormatArg>,

    /// Print at most N items of a list (after sorting).
    #[arg(long, global = true, help_heading = "Global options", value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: Option<u32>,

    /// How long to wait for another mercato writing to the same data directory.
    #[arg(
        long,
        global = true,
        help_heading = "Global options",
        env = "MERCATO_LOCK_TIMEOUT",
        default_value_t = 5.0,
        value_name = "SECONDS"
    )]
    pub lock_timeout: f64,

    /// When to use colour: auto (a terminal, and NO_COLOR unset), always or never.
    #[arg(long, global = true, help_heading = "Global options", value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rumours: add reports, list, show, update status, remove.
    #[command(subcommand, visible_alias = "rumours")]
    Rumour(RumourCommand),
    /// Contracts: who is expiring, record a signing or renewal, remove a mistaken one.
    #[command(subcommand, visible_alias = "contracts")]
    Contract(ContractCommand),
    /// Clubs: add, list, show, the defensive depth chart; edit, remove, merge.
    #[command(subcommand, visible_alias = "clubs")]
    Club(ClubCommand),
    /// Players: add, list, show, edit, remove, merge.
    #[command(subcommand, visible_alias = "players")]
    Player(PlayerCommand),
    /// Sources: the outlets that carry rumours, with their reliability tier; edit, remove, merge.
    #[command(subcommand, visible_alias = "sources")]
    Source(SourceCommand),
    /// Write the whole store as one JSON bundle (stdout, or --out FILE).
    #[command(after_help = "Example:\n  mercato export --out backup.json")]
    Export {
        /// Where to write it (default: stdout).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Import data: a mercato bundle, or Transfermarkt / Wyscout exports.
    #[command(subcommand)]
    Import(ImportCommand),
    /// What changed since a date: new rumours, reports, status changes and contract
    /// signings, by club (a move is listed out under the seller and in under the buyer).
    #[command(after_help = "Examples:\n  mercato digest\n  mercato digest --since 2025-10-01")]
    Digest {
        /// The first day to include (default: 7 days before the as-of date).
        #[arg(long, value_parser = parse_day, value_name = "DATE")]
        since: Option<DateSpec>,
    },
    /// Validate the whole data directory; exit 1 if anything is wrong.
    Check,
    /// Revert the latest change to the data directory (see `mercato log`).
    Undo,
    /// List the recent changes that `undo` can revert, newest first.
    Log,
    /// Print a shell completion script: bash, zsh, fish, powershell or elvish.
    #[command(
        after_help = "Example:\n  mercato completions bash > ~/.local/share/bash-completion/completions/mercato"
    )]
    Completions { shell: clap_complete::Shell },
    /// Merge three versions of a data file record by record (a git merge driver).
    #[command(
        after_help = "Enable it once per clone (data/.gitattributes already routes data files to it):
  git config merge.mercato.driver \"mercato merge-driver %O %A %B %P\""
    )]
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
    /// Print the man page (roff) on stdout.
    #[command(after_help = "Example:\n  mercato man > mercato.1 && man ./mercato.1")]
    Man,
    /// Create an empty data directory (default: the --data-dir); inside a git work
    /// tree, also set up the clone's merge driver.
    #[command(after_help = "Examples:
  mercato init scouting
  git init shared && cd shared && mercato init data    # a data directory to share through git")]
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
    Git(GitCommand),
}

#[derive(Debug, Subcommand)]
pub enum GitCommand {
    /// Configure this clone's merge driver (record-by-record merges of data files),
    /// pointing at this binary. Commands that write do it by themselves when it is missing.
    #[command(after_help = "Example:
  git clone git@example.com:desk/transfers.git && cd transfers && mercato git setup")]
    Setup,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Transfermarkt's public dataset (players.csv, clubs.csv): re-importing updates, never duplicates.
    #[command(after_help = "Example:
  mercato import transfermarkt --clubs clubs.csv --players players.csv --dry-run")]
    #[command(group(ArgGroup::new("files").required(true).multiple(true).args(["players", "clubs"])))]
    Transfermarkt {
        #[arg(long, value_name = "FILE")]
        players: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        clubs: Option<PathBuf>,
        /// Report what would change, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// A Wyscout-style league export (Player, League, Team, Position, Age, ...).
    #[command(after_help = "Example:\n  mercato import wyscout EFLSCOTFEB26.csv")]
    Wyscout {
        file: PathBuf,
        /// Report what would change, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Load a bundle written by `mercato export` (records are added or replaced by id).
    Bundle {
        file: PathBuf,
        /// Report what would change, change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RumourCommand {
    /// Add a report of a move. It joins the open rumour of the same move, or starts one.
    #[command(after_help = "Examples:
  mercato rumour add upamecano --to \"real madrid\" --source Fichajes --date 2025-10-20
  mercato rumour add konate --renewal --source \"L'Equipe\" --status talks
  mercato rumour add alaba --leaving --source Marca --note \"free agent next summer\"")]
    Add(RumourAdd),
    /// List rumours, most recently reported first.
    #[command(visible_alias = "ls")]
    List(RumourList),
    /// Show one rumour: its likelihood explained, fees, reports and status changes in date order.
    #[command(after_help = "Examples:
  mercato rumour show 5036
  mercato rumour show konate        # his one open rumour, else his one rumour")]
    Show {
        /// The rumour id, an unambiguous prefix of it, or a player (his one open rumour, else his one rumour).
        id: String,
        /// Days without a report after which a new report counts as reheated.
        #[arg(long, default_value_t = 60, value_name = "DAYS")]
        reheat_days: i64,
        /// Days without a report after which an open rumour is cold (scored at its stage's floor).
        #[arg(long, default_value_t = DEFAULT_COLD_DAYS, value_name = "DAYS", value_parser = clap::value_parser!(i64).range(1..))]
        cold_days: i64,
    },
    /// Change a rumour's status (talks, agreed, done, off...). `done` moves the player.
    #[command(after_help = "Examples:
  mercato rumour update 50369ebf --status talks --source \"L'Equipe\"
  mercato rumour update upamecano --status done --date 2026-07-01 --until 2031-06-30 --fee 60m
  mercato rumour update konate --status done --until 2030-06-30 --note \"signed until 2030\"
  mercato rumour update alaba --status done --to \"Inter Miami\" --until 2027-12-31

A done transfer ends the player's contract at his club on the day (a loan keeps
it) and starts one at the destination (--since, else the day) until --until
(unknown if not given); a done renewal signs a new contract at his club; a done
departure ends his contract (--to CLUB makes it a transfer). Other open rumours
the move rules out are listed, not closed.")]
    Update {
        /// The rumour id, an unambiguous prefix of it, or a player (his one open rumour, else his one rumour).
        id: String,
        /// The new status.
        #[arg(long, value_enum)]
        status: StatusArg,
        /// When it changed (default: the as-of date; never after it).
        #[arg(long, value_parser = parse_day, value_name = "DATE")]
        date: Option<DateSpec>,
        /// Why.
        #[arg(long)]
        note: Option<String>,
        /// Who announced it (a known source).
        #[arg(long)]
        source: Option<String>,
        /// For done: the last day of the new contract (unknown if omitted).
        #[arg(long, value_parser = parse_day, value_name = "DATE")]
        until: Option<DateSpec>,
        /// For done: the first day at the new club, if not the day of the deal.
        #[arg(long, value_parser = parse_day, value_name = "DATE")]
        since: Option<DateSpec>,
        /// For done: the fee announced (50m, "€45,5m", "£40m+5m").
        #[arg(long, value_name = "FEE")]
        fee: Option<String>,
        /// The currency of --fee when it names none (default EUR).
        #[arg(long, value_name = "EUR|GBP|USD")]
        currency: Option<String>,
        /// For done: the move is a loan (his contract at his club goes on).
        #[arg(long)]
        loan: bool,
        /// For a done departure: the club he joined (it becomes a transfer).
        #[arg(long, value_name = "CLUB")]
        to: Option<String>,
    },
    // Corrections (see the "Corrections" section at the end of this file).
    /// Remove a rumour entered by mistake, or one of its reports (--report N).
    #[command(after_help = "Examples:
  mercato rumour remove 10dcabc2
  mercato rumour remove 10dc --report 2     # its 2nd report, as `rumour show` numbers them
  mercato rumour remove upamecano           # his one open rumour, else his one rumour")]
    Remove {
        /// The rumour id, an unambiguous prefix of it, or a player (his one open rumour, else his one rumour).
        id: String,
        /// Remove only this report: 1 is the oldest, numbered as `rumour show` lists them.
        #[arg(long, value_name = "N")]
        report: Option<usize>,
    },
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("move").required(true).args(["to", "renewal", "leaving"])))]
pub struct RumourAdd {
    /// The player, by name ("konate", "Van Dijk").
    pub player: String,
    /// A transfer to this club.
    #[arg(long, value_name = "CLUB")]
    pub to: Option<String>,
    /// The player stays and signs a new contract at his club.
    #[arg(long)]
    pub renewal: bool,
    /// The player leaves his club, destination unknown.
    #[arg(long, visible_alias = "departure")]
    pub leaving: bool,
    /// Who reports it. An unknown source is created with an unknown tier,
    /// unless its name resembles a known one (a typo): see --new-source.
    #[arg(long)]
    pub source: String,
    /// Create --source (and --via) even if the name resembles a known source.
    #[arg(long)]
    pub new_source: bool,
    /// The day of the report (default: the as-of date; never after it).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub date: Option<DateSpec>,
    /// Set the rumour's status (default for a new rumour: rumour); done moves the player.
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// The report says the move will NOT happen.
    #[arg(long)]
    pub against: bool,
    /// The report only repeats this outlet: it is not independent evidence.
    #[arg(long, value_name = "SOURCE")]
    pub via: Option<String>,
    /// The fee quoted: 50m, "€45m+5m", £40m, 500k.
    #[arg(long, value_name = "FEE")]
    pub fee: Option<String>,
    /// The currency of --fee when it names none (default EUR).
    #[arg(long, value_name = "EUR|GBP|USD")]
    pub currency: Option<String>,
    /// The move is quoted as a loan.
    #[arg(long)]
    pub loan: bool,
    /// The loan comes with an option to buy.
    #[arg(long, requires = "loan")]
    pub option_to_buy: bool,
    /// What the source said.
    #[arg(long)]
    pub note: Option<String>,
    /// Where it was said.
    #[arg(long)]
    pub url: Option<String>,
}

#[derive(Debug, Args)]
pub struct RumourList {
    /// Only rumours about this player.
    #[arg(long)]
    pub player: Option<String>,
    /// Only moves from or to this club.
    #[arg(long)]
    pub club: Option<String>,
    /// Only rumours with this status.
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
    /// Only rumours reported on or after this day.
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub since: Option<DateSpec>,
    /// Only rumours this source reported.
    #[arg(long)]
    pub source: Option<String>,
    /// Only rumours with a report from a source of this tier or better (1 is best).
    #[arg(long, value_name = "TIER", value_parser = clap::value_parser!(u8).range(1..=5))]
    pub min_tier: Option<u8>,
    /// Only open rumours (rumour, talks, agreed).
    #[arg(long)]
    pub open: bool,
    /// Only rumours with a quoted fee of at least this much (e.g. 40m; fee plus add-ons, in euros).
    #[arg(long, value_name = "FEE")]
    pub min_fee: Option<String>,
    /// Order: recent (latest report first), likelihood or player.
    #[arg(long, value_enum, default_value_t = SortArg::Recent)]
    pub sort: SortArg,
    /// Days without a report after which a new report counts as reheated.
    #[arg(long, default_value_t = 60, value_name = "DAYS")]
    pub reheat_days: i64,
    /// Days without a report after which an open rumour is cold (scored at its stage's floor).
    #[arg(long, default_value_t = DEFAULT_COLD_DAYS, value_name = "DAYS", value_parser = clap::value_parser!(i64).range(1..))]
    pub cold_days: i64,
}

#[derive(Debug, Subcommand)]
pub enum ContractCommand {
    /// Players whose current contract ends in a given year or window, with their open rumours.
    #[command(after_help = "Examples:
  mercato contract expiring --year 2026 --position CB
  mercato contract expiring --within 12 --age-max 25
  mercato contract expiring --pre-contract")]
    #[command(group(ArgGroup::new("window").required(true).multiple(true).args(["year", "within", "pre_contract"])))]
    Expiring {
        /// The calendar year.
        #[arg(long, value_parser = mercato::dates::parse_year)]
        year: Option<i32>,
        /// Ending within this many months of the as-of date.
        #[arg(long, value_name = "MONTHS")]
        within: Option<u32>,
        /// In the last six months of the contract: free to agree a move elsewhere (FIFA RSTP art. 18.3).
        #[arg(long)]
        pre_contract: bool,
        /// Only players this old or younger.
        #[arg(long, value_name = "AGE")]
        age_max: Option<u32>,
        /// Only this club's players.
        #[arg(long)]
        club: Option<String>,
        /// Only players whose primary position is this (GK, RB, CB, ...).
        #[arg(long, value_parser = parse_position)]
        position: Option<Position>,
        /// Only clubs of this league.
        #[arg(long)]
        league: Option<String>,
    },
    /// Contracts on a time axis, one bar per player: today marked, final years
    /// highlighted, open rumours on the bars.
    #[command(after_help = "Examples:
  mercato contract timeline --club \"Real Madrid\"
  mercato contract timeline --position CB --svg centre-backs.svg")]
    Timeline {
        /// Only this club's players.
        #[arg(long)]
        club: Option<String>,
        /// Only players who can play this position.
        #[arg(long, value_parser = parse_position)]
        position: Option<Position>,
        /// Also write the timeline as a standalone SVG picture to this file.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
    },
    /// Record a contract: a signing, a loan or a renewal. Earlier contracts stay as history.
    #[command(after_help = "Examples:
  mercato contract set konate --club liverpool --until 2030-06-30
  mercato contract set huijsen --club \"Real Madrid\" --since 2025-07-01 --until 2030-06-30 --signed 2025-05-20
  mercato contract set tierney --club celtic

The contract exists from --signed (default: --since, else the as-of date): seen
at an earlier --as-of, it is not there yet. Without --until its end is unknown.
A contract that is the move an open rumour told of (a transfer to that club, a
renewal there) marks that rumour done, and says so.")]
    Set(ContractArgs),
    // Corrections.
    /// Remove a contract entered by mistake: the player's latest contract with the club,
    /// or the one ending on --until.
    #[command(after_help = "Examples:
  mercato contract remove huijsen --club \"Real Madrid\"
  mercato contract remove huijsen --club real --until 2031-06-30")]
    Remove {
        /// The player.
        player: String,
        /// The club of the contract.
        #[arg(long)]
        club: String,
        /// Pick the contract ending on this day (default: his latest contract with the club).
        #[arg(long, value_parser = parse_day, value_name = "DATE")]
        until: Option<DateSpec>,
    },
}

#[derive(Debug, Args)]
pub struct ContractArgs {
    /// The player.
    pub player: String,
    /// The club.
    #[arg(long)]
    pub club: String,
    /// The last day of the contract (unknown if omitted).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub until: Option<DateSpec>,
    /// The first day, if known.
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub since: Option<DateSpec>,
    /// The day it was signed (default: --since, else the as-of date).
    #[arg(long, value_parser = parse_day, value_name = "DATE")]
    pub signed: Option<DateSpec>,
    /// A loan (the permanent contract elsewhere goes on).
    #[arg(long)]
    pub loan: bool,
    /// The club he joins from.
    #[arg(long, value_name = "CLUB")]
    pub from: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ClubCommand {
    /// Add a club.
    #[command(
        after_help = "Example:\n  mercato club add \"Real Madrid\" --country Spain --league \"La Liga\" --alias Real"
    )]
    Add {
        /// Its full name.
        name: String,
        #[arg(long)]
        country: Option<String>,
        #[arg(long)]
        league: Option<String>,
        #[arg(long)]
        coach: Option<String>,
        /// A short name it is known by (repeatable).
        #[arg(long = "alias", value_name = "ALIAS")]
        aliases: Vec<String>,
    },
    /// List clubs.
    #[command(visible_alias = "ls")]
    List,
    /// Show a club and its squad.
    Show { club: String },
    /// The defensive depth chart: GK, RB, CB, LB, who is expiring or leaving, and targets.
    #[command(after_help = "Examples:
  mercato club depth \"Real Madrid\"
  mercato club depth liverpool --set CB \"van dijk,konate\"
  mercato club depth liverpool --reset CB
  mercato club depth \"Real Madrid\" --view pitch
  mercato club depth \"Real Madrid\" --svg real-madrid.svg

Default order in a slot: natural players before cover, players staying before
players leaving, then the older first. --set puts the named players first.")]
    Depth {
        club: String,
        /// Set a slot's starting order: SLOT then comma-separated players.
        #[arg(long, num_args = 2, value_names = ["SLOT", "PLAYERS"])]
        set: Option<Vec<String>>,
        /// Go back to the default order for a slot.
        #[arg(long, value_name = "SLOT", value_parser = parse_slot)]
        reset: Option<Slot>,
        /// table (one block per slot) or pitch (the back line drawn in formation).
        #[arg(long, value_enum, default_value_t = DepthView::Table)]
        view: DepthView,
        /// Also write the chart as a standalone SVG picture to this file.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
        /// Days without a report after which a rumour is cold and no longer a target.
        #[arg(long, default_value_t = DEFAULT_COLD_DAYS, value_name = "DAYS", value_parser = clap::value_parser!(i64).range(1..))]
        cold_days: i64,
    },
    // Corrections.
    /// Correct a club's details. A new name keeps the id; the old name becomes an alias.
    #[command(after_help = "Examples:
  mercato club edit bayern --name \"FC Bayern München\" --alias Bayern
  mercato club edit liverpool --coach \"Arne Slot\"")]
    Edit(ClubEdit),
    /// Remove a club entered by mistake; refused while a contract or rumour refers to it.
    #[command(after_help = "Example:\n  mercato club remove \"Real Madrd\"")]
    Remove {
        /// The club to remove.
        club: String,
    },
    /// Merge a club entered twice: every contract and rumour moves to KEEP, DUPLICATE's
    /// name becomes an alias of KEEP, two rumours of the same move become one.
    #[command(after_help = "Example:\n  mercato club merge \"Bayern Munich\" \"FC Bayern\"")]
    Merge {
        /// The club to keep.
        keep: String,
        /// The club to merge into it and remove.
        duplicate: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlayerCommand {
    /// Add a player, optionally with his current contract.
    #[command(after_help = "Example:
  mercato player add \"Dean Huijsen\" --born 2005-04-14 --position CB --nationality Spain \\
      --club \"Real Madrid\" --until 2030-06-30")]
    Add(PlayerAdd),
    /// List players.
    #[command(visible_alias = "ls")]
    List {
        /// Only players of this club.
        #[arg(long)]
        club: Option<String>,
        /// Only players who can play this position.
        #[arg(long, value_parser = parse_position)]
        position: Option<Position>,
    },
    /// Show a player, his contracts and rumours.
    Show { player: String },
    // Corrections.
    /// Correct a player's details. A new name keeps the id; the old name becomes an alias.
    #[command(after_help = "Examples:
  mercato player edit upamecano --born 1998-10-27 --caps 25
  mercato player edit \"Ibrahima Konate\" --name \"Ibrahima Konaté\"
  mercato player edit alaba --position CB --also LB,DM")]
    Edit(PlayerEdit),
    /// Remove a player entered by mistake; refused while rumours or depth orders refer to him.
    #[command(after_help = "Examples:
  mercato player remove \"Dayot Upamecanno\"
  mercato player remove dayot-upamecano-1998 --with-rumours")]
    Remove {
        /// The player to remove.
        player: String,
        /// Remove his rumours with him.
        #[arg(long)]
        with_rumours: bool,
    },
    /// Merge a player entered twice: his rumours, depth-order places and contracts move to
    /// KEEP, details KEEP lacks are filled in, DUPLICATE's name becomes an alias of KEEP,
    /// two rumours of the same move become one.
    #[command(
        after_help = "Example (the duplicate was entered with a wrong date of birth):
  mercato player merge dayot-upamecano dayot-upamecano-1998"
    )]
    Merge {
        /// The player to keep.
        keep: String,
        /// The player to merge into him and remove.
        duplicate: String,
    },
}

#[derive(Debug, Args)]
pub struct PlayerAdd {
    /// Full name.
    pub name: String,
    /// Date of birth.
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub born: NaiveDate,
    /// Primary position: GK, RB, RWB, CB, LB, LWB, DM, CM, AM, RW, LW, ST.
    #[arg(long, value_parser = parse_position)]
    pub position: Position,
    /// Secondary positions, comma-separated.
    #[arg(long, value_delimiter = ',', value_parser = parse_position, value_name = "POS,...")]
    pub also: Vec<Position>,
    #[arg(long)]
    pub nationality: Option<String>,
    /// International caps.
    #[arg(long)]
    pub caps: Option<u32>,
    /// Preferred foot: left, right or both.
    #[arg(long, value_parser = parse_foot)]
    pub foot: Option<mercato::model::Foot>,
    #[arg(long)]
    pub notes: Option<String>,
    /// Market value in euros: 50m, 750k.
    #[arg(long, value_name = "VALUE")]
    pub value: Option<String>,
    /// His club.
    #[arg(long)]
    pub club: Option<String>,
    /// Last day of his contract at --club (unknown if omitted).
    #[arg(long, requires = "club", value_parser = parse_day, value_name = "DATE")]
    pub until: Option<DateSpec>,
    /// First day of that contract, if known.
    #[arg(long, requires = "club", value_parser = parse_day, value_name = "DATE")]
    pub since: Option<DateSpec>,
    /// The day that contract was signed (default: --since, else the as-of date).
    #[arg(long, requires = "club", value_parser = parse_day, value_name = "DATE")]
    pub signed: Option<DateSpec>,
    /// The contract is a loan.
    #[arg(long, requires = "club")]
    pub loan: bool,
    /// The club he joined --club from.
    #[arg(long, requires = "club", value_name = "CLUB")]
    pub from: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum SourceCommand {
    /// Add a source.
    #[command(after_help = "Example:\n  mercato source add \"L'Equipe\" --tier 2 --country France")]
    Add {
        name: String,
        /// Reliability: 1 (official, most reliable) to 5 (gossip). Unknown if omitted.
        #[arg(long)]
        tier: Option<u8>,
        #[arg(long)]
        country: Option<String>,
        /// Another name it goes by (repeatable).
        #[arg(long = "alias", value_name = "ALIAS")]
        aliases: Vec<String>,
    },
    /// List sources by tier, with their track record (reports, hits, misses, hit rate).
    #[command(visible_alias = "ls")]
    List,
    /// Show a source, its track record and its reports.
    Show { source: String },
    /// Change a source's tier, country, aliases or name (the same as `source edit`).
    #[command(
        after_help = "Example:\n  mercato source set marca --tier 3 --alias \"Diario Marca\""
    )]
    Set(SourceEdit),
    // Corrections.
    /// Correct a source's details (the same as `source set`). A new name keeps the id; the
    /// old name becomes an alias.
    #[command(
        after_help = "Example:\n  mercato source edit \"Spanish media\" --name \"Spanish press\" --tier 4"
    )]
    Edit(SourceEdit),
    /// Remove a source entered by mistake; refused while a report or status change cites it.
    #[command(after_help = "Example:\n  mercato source remove \"Fichajes.net\"")]
    Remove {
        /// The source to remove.
        source: String,
    },
    /// Merge a source entered twice: its reports, the reports repeating it and the status
    /// changes it announced move to KEEP (and so does its track record); DUPLICATE's name
    /// becomes an alias of KEEP.
    #[command(after_help = "Example:\n  mercato source merge Fichajes \"Fichajes.net\"")]
    Merge {
        /// The source to keep.
        keep: String,
        /// The source to merge into it and remove.
        duplicate: String,
    },
}

// ---------------------------------------------------------------- Corrections
// The arguments of `player edit`, `club edit` and `source edit|set`. Every
// option is optional; what is not given stays as it is.

#[derive(Debug, Args)]
pub struct PlayerEdit {
    /// The player to correct.
    pub player: String,
    /// A new full name (the id stays; the old name becomes an alias).
    #[arg(long)]
    pub name: Option<String>,
    /// Date of birth.
    #[arg(long, value_parser = parse_date, value_name = "YYYY-MM-DD")]
    pub born: Option<NaiveDate>,
    /// Primary position: GK, RB, RWB, CB, LB, LWB, DM, CM, AM, RW, LW, ST.
    #[arg(long, value_parser = parse_position)]
    pub position: Option<Position>,
    /// Secondary positions, comma-separated (replaces the current ones).
    #[arg(long, value_delimiter = ',', value_parser = parse_position, value_name = "POS,...")]
    pub also: Option<Vec<Position>>,
    #[arg(long)]
    pub nationality: Option<String>,
    /// International caps.
    #[arg(long)]
    pub caps: Option<u32>,
    /// Preferred foot: left, right or both.
    #[arg(long, value_parser = parse_foot)]
    pub foot: Option<mercato::model::Foot>,
    /// Market value in euros: 50m, 750k.
    #[arg(long, value_name = "VALUE")]
    pub value: Option<String>,
    /// Notes (replace the current ones; "" removes them).
    #[arg(long)]
    pub notes: Option<String>,
    /// Another name he is known by (repeatable).
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ClubEdit {
    /// The club to correct.
    pub club: String,
    /// A new full name (the id stays; the old name becomes an alias).
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub country: Option<String>,
    #[arg(long)]
    pub league: Option<String>,
    #[arg(long)]
    pub coach: Option<String>,
    /// A short name it is known by (repeatable).
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SourceEdit {
    /// The source to correct.
    pub source: String,
    /// A new name (the id stays; the old name becomes an alias).
    #[arg(long)]
    pub name: Option<String>,
    /// Reliability: 1 (official, most reliable) to 5 (gossip).
    #[arg(long)]
    pub tier: Option<u8>,
    #[arg(long)]
    pub country: Option<String>,
    /// Another name it goes by (repeatable).
    #[arg(long = "alias", value_name = "ALIAS")]
    pub aliases: Vec<String>,
}

/// How `club depth` draws the chart in the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DepthView {
    Table,
    Pitch,
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Orders of `rumour list`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Recent,
    Likelihood,
    Player,
}

/// Rumour statuses as command-line values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Rumour,
    Talks,
    Agreed,
    Done,
    Off,
    Denied,
}

impl From<StatusArg> for Status {
    fn from(s: StatusArg) -> Status {
        match s {
            StatusArg::Rumour => Status::Rumour,
            StatusArg::Talks => Status::Talks,
            StatusArg::Agreed => Status::Agreed,
            StatusArg::Done => Status::Done,
            StatusArg::Off => Status::Off,
            StatusArg::Denied => Status::Denied,
        }
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    mercato::dates::parse(s)
}

/// A day as typed: YYYY-MM-DD, today, yesterday, or a span before the as-of
/// date (3d, 2w, 6m, 1y), resolved once the as-of date is known.
fn parse_day(s: &str) -> Result<DateSpec, String> {
    mercato::dates::parse_spec(s)
}

fn parse_position(s: &str) -> Result<Position, String> {
    s.parse()
}

fn parse_slot(s: &str) -> Result<Slot, String> {
    s.parse()
}

fn parse_foot(s: &str) -> Result<mercato::model::Foot, String> {
    s.parse()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
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
