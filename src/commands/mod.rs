//! What each command does, in terms of the library: resolve names, ask or
//! change, render. One file per noun; no logic beyond choosing text or JSON.

pub mod club;
pub mod complete;
mod confirm;
mod context;
pub mod contract;
mod data;
mod fee;
pub mod player;
pub mod rumour;
pub mod source;

pub use context::{Context, Format, Output};

use crate::cli::{Command, GitCommand, ImportCommand};
use confirm::{merged, removed, settled_notes, write_picture};
use fee::{parse_fee, plausible_fee};
use mercato::{Result, World};
use std::mem::ManuallyDrop;

/// Runs one command, then, after a write into a git clone whose merge
/// driver is not configured, configures it (see [`mercato::git`]).
pub fn run(ctx: &Context, command: Command) -> Result<Output> {
    let mut out = run_command(ctx, command)?;
    if ctx.wrote.get() {
        out.notes.extend(data::git_set_up_quietly(ctx));
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
        Command::Export { out } => data::export(ctx, out),
        Command::Import(ImportCommand::Bundle { file, dry_run }) => {
            data::import_bundle(ctx, file, dry_run)
        }
        Command::Import(ImportCommand::Transfermarkt {
            players,
            clubs,
            transfers,
            download,
            url,
            dry_run,
        }) => {
            let fetched = if download {
                Some(data::download_transfermarkt(url.as_deref())?)
            } else {
                None
            };
            let note = fetched.as_ref().map(|d| {
                format!(
                    "downloaded the dataset into {}",
                    d.clubs.parent().unwrap_or(&d.clubs).display()
                )
            });
            let files = match &fetched {
                Some(d) => mercato::import::transfermarkt::Files {
                    clubs: Some(&d.clubs),
                    players: Some(&d.players),
                    transfers: Some(&d.transfers),
                },
                None => mercato::import::transfermarkt::Files {
                    clubs: clubs.as_deref(),
                    players: players.as_deref(),
                    transfers: transfers.as_deref(),
                },
            };
            let mut out = import_rows(ctx, dry_run, |w, progress| {
                mercato::import::transfermarkt::import(w, files, ctx.as_of, progress)
            })?;
            out.notes.splice(0..0, note);
            Ok(out)
        }
        Command::Import(ImportCommand::Wyscout { file, dry_run }) => {
            import_rows(ctx, dry_run, |w, progress| {
                mercato::import::wyscout::import(w, &file, ctx.as_of, progress)
            })
        }
        Command::Digest { since } => data::digest(ctx, ctx.day(since)),
        Command::Check { fix } => data::check(ctx, fix),
        Command::Conflicts => data::conflicts(ctx),
        Command::Resolve {
            record,
            field,
            take,
        } => data::resolve(ctx, &record, &field, take),
        Command::Undo => data::undo(ctx),
        Command::Log => data::log(ctx),
        Command::Init { dir } => data::init(ctx, dir),
        Command::Git(GitCommand::Setup) => data::git_setup(ctx),
        Command::Complete { index, words } => complete::run(ctx, index, &words),
        Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
        } => data::merge_driver(&base, &ours, &theirs, path),
        Command::Completions { .. } | Command::Man { .. } => Ok(Output::default()),
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

/// Runs an importer (on a copy, for a dry run), with a progress bar on a
/// terminal, and reports counts and bad rows.
pub(crate) fn import_rows(
    ctx: &Context,
    dry_run: bool,
    import: impl FnOnce(&mut World, mercato::import::Progress) -> Result<mercato::import::ImportReport>,
) -> Result<Output> {
    use std::io::IsTerminal;
    let bar = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message("rows read");
        bar
    });
    let progress = |rows: u64| {
        if let Some(bar) = &bar
            && rows.is_multiple_of(256)
        {
            bar.set_position(rows);
        }
    };
    let report = if dry_run {
        // The whole world, not one cut to the as-of date: this is a write
        // rehearsed on a copy.
        let mut world = ManuallyDrop::new(ctx.store()?.read_index(|_, _| Ok(()))?.0);
        import(&mut world, &progress)?
    } else {
        ctx.write(|_, w| import(w, &progress))?.1
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut out = ctx.show(&report, || {
        format!(
            "{}{}\n{}",
            if dry_run {
                "dry run, nothing written: "
            } else {
                ""
            },
            mercato::import::transfermarkt::summary(&report),
            mercato::render::import::matches(&report.matches, ctx.style)
        )
    });
    for p in report.problems.iter().take(20) {
        out.notes
            .push(format!("skipped {}:{}: {}", p.file, p.line, p.message));
    }
    if !report.warnings.is_empty() {
        out.notes.push(format!(
            "{} imported in part, e.g. {}:{}: {}",
            mercato::english::count(report.warnings.len(), "row"),
            report.warnings[0].file,
            report.warnings[0].line,
            report.warnings[0].message
        ));
    }
    if report.problems.len() > 20 {
        out.notes.push(format!(
            "... and {} more skipped rows (see --json)",
            report.problems.len() - 20
        ));
    }
    Ok(out)
}
