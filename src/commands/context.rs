//! What every command is handed ([`Context`]: where the data is, the day, how
//! to print) and hands back ([`Output`]), with the ways a command reads and
//! writes the store and shows a record or a list.

use chrono::NaiveDate;
use mercato::render::Style;
use mercato::store::Snapshot;
use mercato::store::scoped::{Lookup, Scope};
use mercato::{Result, Store, World, render};
use std::mem::ManuallyDrop;
use std::path::PathBuf;

/// A world that is not freed (see the note above `read_everything`).
pub(super) type Kept = ManuallyDrop<World>;

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
    /// The whole command line's definition, for the commands that walk it
    /// (`complete`): handed down by `main`, so that the commands need not
    /// import the parser that dispatches to them.
    pub app: fn() -> clap::Command,
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
    pub(super) fn text(stdout: String) -> Output {
        Output {
            stdout,
            ..Output::default()
        }
    }
}

impl Context {
    pub(super) fn store(&self) -> Result<Store> {
        Ok(Store::open(&self.data_dir)?.with_lock_timeout(self.lock_timeout))
    }

    // Worlds are handed out as `ManuallyDrop`: the process ends right after
    // the command, and freeing a hundred thousand records one by one would
    // cost a tenth of the run for nothing.

    /// Every record, every rumour in full, whatever its date (export, check).
    pub(super) fn read_everything(&self) -> Result<Kept> {
        Ok(ManuallyDrop::new(self.store()?.read()?))
    }

    /// The world as of the as-of date, rumours in brief: enough for most
    /// questions, and fast with the index (without one, every rumour shard
    /// is read to make the summaries).
    pub(super) fn read_brief(&self) -> Result<Kept> {
        self.read_with(|_, _| Ok(())).map(|(w, ())| w)
    }

    /// The world as of the as-of date, rumours in brief; then `then` reads
    /// in full the shards it needs.
    pub(super) fn read_with<T>(
        &self,
        then: impl FnOnce(&Store, &mut Snapshot) -> Result<T>,
    ) -> Result<(Kept, T)> {
        let (world, t) = self.store()?.read_as_of(self.as_of, then)?;
        Ok((ManuallyDrop::new(world), t))
    }

    /// A read-modify-write; nothing is written unless `change` succeeds.
    /// `change` reads in full the rumour shards it changes.
    pub(super) fn write<T>(
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
    pub(super) fn read_scoped<T>(
        &self,
        plan: impl Fn(&Lookup) -> Result<(Scope, T)>,
    ) -> Result<(Kept, T)> {
        let (world, t) = self.store()?.read_scoped(self.as_of, plan)?;
        Ok((ManuallyDrop::new(world), t))
    }

    /// The club a name finds, with everyone who can be in its squad on some
    /// day (the players contracted with it): all a squad needs; their
    /// rumours in brief too when the view shows them.
    pub(super) fn read_squad(
        &self,
        club: &str,
        with_rumours: bool,
    ) -> Result<(Kept, mercato::model::ClubId)> {
        self.read_scoped(|look| {
            let id = look.find_club(club)?;
            let scope = Scope {
                players: look.players_contracted_with(&id)?,
                clubs: [id.clone()].into(),
                without_rumours: !with_rumours,
                ..Scope::default()
            };
            Ok((scope, id))
        })
    }

    /// As `read_scoped`, as of another day (a change confirmed as of its own).
    pub(super) fn read_scoped_on<T>(
        &self,
        day: NaiveDate,
        plan: impl Fn(&Lookup) -> Result<(Scope, T)>,
    ) -> Result<(Kept, T)> {
        let (world, t) = self.store()?.read_scoped(day, plan)?;
        Ok((ManuallyDrop::new(world), t))
    }

    /// The rumours a filter keeps, as of the as-of date, read shard by shard
    /// (see `Store::read_rumours_where`): `plan` returns the filter.
    pub(super) fn read_rumours_where<F, T>(
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
    pub(super) fn write_scoped<P, T>(
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
    pub(super) fn day(&self, day: Option<mercato::dates::DateSpec>) -> Option<NaiveDate> {
        day.map(|d| d.resolve(self.as_of))
    }

    /// JSON or text. CSV and TSV are for lists: a command that prints one
    /// record prints its text, and says so.
    pub(super) fn show<T: serde::Serialize + ?Sized>(
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
        if self.limit.is_some() {
            out.notes.push(
                "--limit applies to lists (contract expiring, rumour list, player list, club list, source list); nothing was left out here".to_string(),
            );
        }
        out
    }

    /// A list that has no CSV form (the change log), as text or JSON, cut
    /// to `--limit` as the lists are.
    pub(super) fn show_first<T: serde::Serialize>(
        &self,
        list: &[T],
        text: impl FnOnce(&[T]) -> String,
    ) -> Output {
        let shown = self.first(list);
        let mut out = Output::text(if self.json {
            render::json(shown)
        } else {
            text(shown)
        });
        out.notes.extend(cut_note(shown.len(), list.len()));
        out
    }

    /// A list as a table, JSON, CSV or TSV, cut to `--limit` (with a note
    /// on stderr saying how many were left out).
    pub(super) fn show_list<T: serde::Serialize + render::delimited::Tabular>(
        &self,
        list: &[T],
        table: impl FnOnce(&[T]) -> String,
    ) -> Output {
        self.show_page(list, list.len(), table)
    }

    /// As `show_list`, for the first items of a list of `total` (a page
    /// read without the rest).
    pub(super) fn show_page<T: serde::Serialize + render::delimited::Tabular>(
        &self,
        list: &[T],
        total: usize,
        table: impl FnOnce(&[T]) -> String,
    ) -> Output {
        let shown = self.first(list);
        let mut out = Output::text(match self.format {
            Format::Json => render::json(shown),
            Format::Csv => render::delimited::write(shown, render::delimited::Delimiter::Comma),
            Format::Tsv => render::delimited::write(shown, render::delimited::Delimiter::Tab),
            Format::Table => table(shown),
        });
        out.notes.extend(cut_note(shown.len(), total));
        out
    }

    /// The first `--limit` items of a list (all without a limit).
    fn first<'a, T>(&self, list: &'a [T]) -> &'a [T] {
        &list[..self.limit.map_or(list.len(), |n| n.min(list.len()))]
    }
}

/// The note saying a list was cut to `--limit`, when it was.
fn cut_note(shown: usize, total: usize) -> Option<String> {
    (shown < total).then(|| format!("showing {shown} of {total} (--limit {shown})"))
}
