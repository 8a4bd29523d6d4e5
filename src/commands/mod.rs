//! What each command does, in terms of the library: resolve names, ask or
//! change, render. The files follow the command line: `mercato undo` is
//! `undo.rs`, `mercato rumour add` is `rumour/add.rs`. Each holds its clap
//! arguments (with their help and examples) beside its `run`; a noun's
//! `mod.rs` holds its subcommand enum and dispatch, one line per verb. Adding
//! a subcommand is its own file plus a `mod` line, an enum line and a match
//! arm in the noun's `mod.rs`. What several commands share: [`Context`] and
//! [`Output`] (context.rs), the confirmations (confirm.rs), fees (fee.rs).

pub mod check;
pub mod club;
pub mod complete;
pub mod completions;
mod confirm;
pub mod conflicts;
mod context;
pub mod contract;
pub mod digest;
pub mod export;
mod fee;
pub mod git;
pub mod import;
pub mod init;
pub mod log;
pub mod man;
pub mod merge_driver;
pub mod player;
pub mod resolve;
pub mod rumour;
pub mod source;
pub mod undo;

pub use context::{Context, Format, Output};

use clap::Subcommand;
use mercato::Result;

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

/// Runs one command, then, after a write into a git clone whose merge
/// driver is not configured, configures it (see [`mercato::git`]).
pub fn run(ctx: &Context, command: Command) -> Result<Output> {
    let mut out = run_command(ctx, command)?;
    if ctx.wrote.get() {
        out.notes.extend(git::set_up_quietly(ctx));
    }
    Ok(out)
}

/// Runs one command. `completions` and `man` are handled by the caller.
fn run_command(ctx: &Context, command: Command) -> Result<Output> {
    match command {
        Command::Rumour(c) => rumour::run(ctx, c),
        Command::Contract(c) => contract::run(ctx, c),
        Command::Club(c) => club::run(ctx, c),
        Command::Player(c) => player::run(ctx, c),
        Command::Source(c) => source::run(ctx, c),
        Command::Export(args) => export::run(ctx, args),
        Command::Import(c) => import::run(ctx, c),
        Command::Digest(args) => digest::run(ctx, args),
        Command::Check(args) => check::run(ctx, args),
        Command::Conflicts(_) => conflicts::run(ctx),
        Command::Resolve(args) => resolve::run(ctx, args),
        Command::Undo(_) => undo::run(ctx),
        Command::Log(_) => log::run(ctx),
        Command::Init(args) => init::run(ctx, args),
        Command::Git(c) => git::run(ctx, c),
        Command::Complete(args) => complete::run(ctx, args),
        Command::MergeDriver(args) => merge_driver::run(args),
        Command::Completions(_) | Command::Man(_) => Ok(Output::default()),
    }
}

/// How long before the as-of day the newest fact may be before a reader who
/// gave no `--as-of` is told the data is old.
const STALE_MONTHS: u32 = 6;

/// A note for a read without `--as-of` on data whose newest dated fact is
/// more than six months old: everything would read as cold and ended.
pub fn stale_note(ctx: &Context) -> Option<String> {
    let newest = ctx.store().ok()?.newest_fact()?;
    let horizon = newest.checked_add_months(chrono::Months::new(STALE_MONTHS))?;
    (horizon < ctx.as_of).then(|| {
        format!("the newest fact here is from {newest}; add --as-of {newest} to see that day")
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The functions of `dir` (recursively) and of `main.rs` longer than
    /// `max` lines, counted from `fn` to the closing brace at its indent.
    fn longer_than(max: usize) -> Vec<String> {
        fn walk(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir)
                .expect("a source directory")
                .flatten()
            {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, files);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    files.push(path);
                }
            }
        }
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![src.join("main.rs")];
        walk(&src.join("commands"), &mut files);
        let mut long = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).expect("a source file");
            let lines: Vec<&str> = text.lines().collect();
            for (start, line) in lines.iter().enumerate() {
                let code = line.trim_start();
                let indent = &line[..line.len() - code.len()];
                let code = ["pub ", "pub(crate) ", "pub(super) ", "const "]
                    .iter()
                    .fold(code, |c, prefix| c.strip_prefix(prefix).unwrap_or(c));
                if !code.starts_with("fn ") || line.trim_end().ends_with('}') {
                    continue;
                }
                let close = format!("{indent}}}");
                let end = (start..lines.len())
                    .find(|&i| lines[i].trim_end() == close)
                    .unwrap_or(start);
                if end - start + 1 > max {
                    long.push(format!(
                        "{}:{}: {} lines",
                        file.display(),
                        start + 1,
                        end - start + 1
                    ));
                }
            }
        }
        long
    }

    /// One function per subcommand, each short enough to read at once (#23):
    /// a long one is a sign that two commands, or two steps, share a body.
    #[test]
    fn no_command_function_is_longer_than_80_lines() {
        let long = longer_than(80);
        assert!(long.is_empty(), "{long:#?}");
    }
}
