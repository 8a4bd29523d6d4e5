//! What each command does, in terms of the library: resolve names, ask or
//! change, render. One file per noun; no logic beyond choosing text or JSON.

mod club;
pub mod complete;
mod contract;
mod data;
mod extract;
mod player;
mod rumour;
mod source;

use crate::cli::{Command, GitCommand, ImportCommand};
use chrono::NaiveDate;
use mercato::model::{Currency, Fee};
use mercato::render::Style;
use mercato::store::Snapshot;
use mercato::store::scoped::{Lookup, Scope};
use mercato::{Error, Result, Store, World, render};
use std::mem::ManuallyDrop;
use std::path::PathBuf;

/// A world that is not freed (see `Context::read`).
type Kept = ManuallyDrop<World>;

/// What every command needs: where the data is, the day, how to print.
pub struct Context {
    pub data_dir: PathBuf,
    pub as_of: NaiveDate,
    pub json: bool,
    /// Table, JSON, or CSV/TSV for lists.
    pub format: Format,
    /// At most this many items of a list (`--limit`).
    pub limit: Option<usize>,
    /// Set when a command wrote to the data directory.
    pub wrote: std::cell::Cell<bool>,
    pub style: Style,
    /// The command line, as recorded in the change log.
    pub command_line: String,
    pub lock_timeout: std::time::Duration,
}

/// How to print (`--format`; `--json` is `Format::Json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Tsv,
}

/// What a command printed.
#[derive(Default)]
pub struct Output {
    pub stdout: String,
    /// Side remarks for stderr ("created source X").
    pub notes: Vec<String>,
    /// The command ran but found a problem (`check`): exit 1.
    pub failed: bool,
}

impl Output {
    fn text(stdout: String) -> Output {
        Output {
            stdout,
            ..Output::default()
        }
    }
}

impl Context {
    fn store(&self) -> Result<Store> {
        Ok(Store::open(&self.data_dir)?.with_lock_timeout(self.lock_timeout))
    }

    // Worlds are handed out as `ManuallyDrop`: the process ends right after
    // the command, and freeing a hundred thousand records one by one would
    // cost a tenth of the run for nothing.

    /// Every record, every rumour in full, whatever its date (export, check).
    fn read_everything(&self) -> Result<Kept> {
        Ok(ManuallyDrop::new(self.store()?.read()?))
    }

    /// The world as of the as-of date, rumours in brief: enough for most
    /// questions, and fast.
    fn read_brief(&self) -> Result<Kept> {
        self.read_with(|_, _| Ok(())).map(|(w, ())| w)
    }

    /// The world as of the as-of date, rumours in brief; then `then` reads
    /// in full the shards it needs.
    fn read_with<T>(
        &self,
        then: impl FnOnce(&Store, &mut Snapshot) -> Result<T>,
    ) -> Result<(Kept, T)> {
        let (world, t) = self.store()?.read_as_of(self.as_of, then)?;
        Ok((ManuallyDrop::new(world), t))
    }

    /// A read-modify-write; nothing is written unless `change` succeeds.
    /// `change` reads in full the rumour shards it changes.
    fn write<T>(
        &self,
        change: impl FnOnce(&Store, &mut Snapshot) -> Result<T>,
    ) -> Result<(Kept, T)> {
        let store = self.store()?;
        let (world, t) = store.change(&self.command_line, self.as_of, |w| change(&store, w))?;
        self.wrote.set(true);
        Ok((ManuallyDrop::new(world), t))
    }

    /// The world as of the as-of date, holding only what `plan` says the
    /// command is about (see `mercato::store::scoped`).
    fn read_scoped<T>(&self, plan: impl Fn(&Lookup) -> Result<(Scope, T)>) -> Result<(Kept, T)> {
        let (world, t) = self.store()?.read_scoped(self.as_of, plan)?;
        Ok((ManuallyDrop::new(world), t))
    }

    /// As `read_scoped`, as of another day (a change confirmed as of its own).
    fn read_scoped_on<T>(
        &self,
        day: NaiveDate,
        plan: impl Fn(&Lookup) -> Result<(Scope, T)>,
    ) -> Result<(Kept, T)> {
        let (world, t) = self.store()?.read_scoped(day, plan)?;
        Ok((ManuallyDrop::new(world), t))
    }

    /// The rumours a filter keeps, as of the as-of date, read shard by shard
    /// (see `Store::read_rumours_where`): `plan` returns the filter.
    fn read_rumours_where<F, T>(
        &self,
        plan: impl FnOnce(&World) -> Result<(F, T)>,
    ) -> Result<(Kept, T)>
    where
        F: Fn(&World, &mercato::model::Rumour) -> bool,
    {
        let (world, t) = self.store()?.read_rumours_where(self.as_of, plan)?;
        Ok((ManuallyDrop::new(world), t))
    }

    /// A scoped read-modify-write: `plan` says what to load, `change` edits.
    fn write_scoped<P, T>(
        &self,
        plan: impl Fn(&Lookup) -> Result<(Scope, P)>,
        change: impl FnOnce(&mut World, P) -> Result<T>,
    ) -> Result<(Kept, T)> {
        let store = self.store()?;
        let (world, t) = store.change_scoped(&self.command_line, self.as_of, plan, change)?;
        self.wrote.set(true);
        Ok((ManuallyDrop::new(world), t))
    }

    /// A day typed on the command line, resolved against the as-of date.
    fn day(&self, day: Option<mercato::dates::DateSpec>) -> Option<NaiveDate> {
        day.map(|d| d.resolve(self.as_of))
    }

    /// JSON or text. CSV and TSV are for lists: a command that prints one
    /// record prints its text, and says so.
    fn show<T: serde::Serialize + ?Sized>(
        &self,
        value: &T,
        text: impl FnOnce() -> String,
    ) -> Output {
        let mut out = Output::text(if self.json {
            render::json(value)
        } else {
            text()
        });
        if matches!(self.format, Format::Csv | Format::Tsv) {
            out.notes.push(
                "--format csv/tsv applies to lists (contract expiring, rumour list, player list, club list, source list); use --json for this command".to_string(),
            );
        }
        out
    }

    /// A list as a table, JSON, CSV or TSV, cut to `--limit` (with a note
    /// on stderr saying how many were left out).
    fn show_list<T: serde::Serialize + render::delimited::Tabular>(
        &self,
        list: &[T],
        table: impl FnOnce(&[T]) -> String,
    ) -> Output {
        self.show_page(list, list.len(), table)
    }

    /// As `show_list`, for the first items of a list of `total` (a page
    /// read without the rest).
    fn show_page<T: serde::Serialize + render::delimited::Tabular>(
        &self,
        list: &[T],
        total: usize,
        table: impl FnOnce(&[T]) -> String,
    ) -> Output {
        let shown = &list[..self.limit.map_or(list.len(), |n| n.min(list.len()))];
        let mut out = Output::text(match self.format {
            Format::Json => render::json(shown),
            Format::Csv => render::delimited::write(shown, render::delimited::Delimiter::Comma),
            Format::Tsv => render::delimited::write(shown, render::delimited::Delimiter::Tab),
            Format::Table => table(shown),
        });
        if shown.len() < total {
            out.notes.push(format!(
                "showing {} of {} (--limit {})",
                shown.len(),
                total,
                shown.len()
            ));
        }
        out
    }
}

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

/// What a done deal did, as notes for stderr: the contracts it ended and
/// signed, and the open rumours it rules out (never closed silently).
pub(crate) fn settled_notes(world: &World, settled: &mercato::deal::Settled) -> Vec<String> {
    let player = world.player_name(&settled.player);
    let mut notes = vec![format!(
        "rumour {} is done on {}",
        settled.rumour, settled.date
    )];
    for (club, day) in &settled.ended {
        notes.push(format!(
            "{player}'s contract with {} ends on {day}",
            world.club_name(club)
        ));
    }
    if let Some(c) = &settled.signed {
        notes.push(format!(
            "{player} signs for {}{} from {} until {}",
            world.club_name(&c.club),
            if c.loan { " on loan" } else { "" },
            c.start
                .map_or("the end of his current contract".to_string(), |d| d
                    .to_string()),
            c.end_text()
        ));
    }
    for id in &settled.ruled_out {
        let what = world.summary(id).map_or(String::new(), |r| {
            let to =
                r.to.as_ref()
                    .map_or(String::new(), |c| format!(" to {}", world.club_name(c)));
            format!(" ({}{to}, {})", r.kind, r.status)
        });
        notes.push(format!(
            "rumour {id}{what} is still open though this move rules it out; close it with `mercato rumour update {id} --status off`"
        ));
    }
    notes
}

/// Writes an SVG picture (atomically) and says where.
pub(crate) fn write_picture(path: &std::path::Path, svg: &str, out: &mut Output) -> Result<()> {
    mercato::store::atomic::write_atomic(path, svg.as_bytes())?;
    out.notes.push(format!("wrote {}", path.display()));
    Ok(())
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

/// The one-line confirmation of a merge (JSON: the merge in brief).
pub(crate) fn merged(ctx: &Context, kind: &str, m: &mercato::correct::Merged) -> Output {
    ctx.show(m, || {
        let mut line = format!(
            "Merged {kind} {} ({}) into {} ({}): {} moved",
            m.removed_name,
            m.removed,
            m.kept_name,
            m.kept,
            m.moved_text()
        );
        if !m.new_aliases.is_empty() {
            line.push_str(&format!("; also known as {} now", m.new_aliases.join(", ")));
        }
        for u in &m.united {
            line.push_str(&format!("; rumour {} became one with {}", u.rumour, u.into));
        }
        line.push('\n');
        line
    })
}

/// The one-line confirmation of a removal (JSON: what was removed).
pub(crate) fn removed(ctx: &Context, kind: &str, r: &mercato::correct::Removed) -> Output {
    ctx.show(r, || {
        let rumours = match r.rumours.len() {
            0 => String::new(),
            n => format!(
                " and {n} rumour{} about him ({})",
                if n == 1 { "" } else { "s" },
                r.rumours.join(", ")
            ),
        };
        format!("Removed {kind} {} ({}){rumours}\n", r.name, r.id)
    })
}

pub(crate) fn parse_fee(text: &str, currency: Option<&str>) -> Result<Fee> {
    let default = match currency {
        Some(c) => Currency::parse(c)
            .ok_or_else(|| Error::Refused(format!("unknown currency '{c}' (EUR, GBP or USD)")))?,
        None => Currency::EUR,
    };
    let fee = Fee::parse(text, default).map_err(Error::Refused)?;
    // A fee that names its currency ("£5m") keeps it whatever the default:
    // a --currency that says otherwise is a contradiction, not a default.
    let other = [Currency::EUR, Currency::GBP]
        .into_iter()
        .find(|c| *c != default);
    let named = other
        .and_then(|o| Fee::parse(text, o).ok())
        .map(|f| f.currency)
        == Some(fee.currency);
    if currency.is_some() && named && fee.currency != default {
        return Err(Error::Refused(format!(
            "the fee '{}' is in {:?} but --currency says {default:?}; drop one",
            mercato::text::shown(text),
            fee.currency
        )));
    }
    Ok(fee)
}

/// A fee as `rumour add/update --fee` records it: one above the largest ever
/// paid is taken for a typo unless `--force` says it is meant.
pub(crate) fn plausible_fee(text: &str, currency: Option<&str>, force: bool) -> Result<Fee> {
    let fee = parse_fee(text, currency)?;
    match fee.implausible() {
        Some(why) if !force => Err(Error::Refused(format!(
            "{why}; if that is what was reported, add --force"
        ))),
        _ => Ok(fee),
    }
}
