//! Commands about the data directory as a whole: export and import of
//! bundles, digest, check, undo and log, init, and the git merge driver.

use super::{Context, Output};
use crate::cli::TakeSide;
use chrono::NaiveDate;
use mercato::english::count;
use mercato::model::conflict::Side;
use mercato::query::digest as digest_query;
use mercato::query::rumours::Assessor;
use mercato::store::scoped::Scope;
use mercato::{Error, Result, Store, World, render};
use std::io::Write;
use std::path::{Path, PathBuf};

/// `mercato export [--out FILE]`: streamed to the file (atomically) or to
/// stdout, a few shards at a time.
pub fn export(ctx: &Context, out: Option<PathBuf>) -> Result<Output> {
    let store = ctx.store()?;
    if let Some(path) = &out {
        refuse_inside_data(store.dir(), path)?;
    }
    refuse_unless_checked(ctx, &store)?;
    match out {
        Some(path) => {
            let mut exported = None;
            mercato::store::atomic::write_atomic_with(&path, |w| {
                exported = Some(mercato::bundle::write(&store, w, &path)?);
                Ok(())
            })?;
            let e = exported.unwrap_or_default();
            let mut o = Output::default();
            o.notes.push(format!(
                "exported {}, {}, {}, {} to {}",
                count(e.clubs, "club"),
                count(e.sources, "source"),
                count(e.players, "player"),
                count(e.rumours, "rumour"),
                path.display()
            ));
            Ok(o)
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
            let written = mercato::bundle::write(&store, &mut w, Path::new("standard output"))
                .and_then(|_| w.flush().map_err(|e| Error::io("standard output", e)));
            match written {
                // `mercato export | head`: the reader has seen enough.
                Err(Error::Io { source, .. })
                    if source.kind() == std::io::ErrorKind::BrokenPipe =>
                {
                    Ok(Output::default())
                }
                done => done.map(|()| Output::default()),
            }
        }
    }
}

/// A bundle written into the data directory would replace or sit among
/// the data files, where `undo` cannot take it back.
fn refuse_inside_data(data: &Path, out: &Path) -> Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (Ok(data), Ok(parent)) = (data.canonicalize(), parent.canonicalize()) else {
        return Ok(());
    };
    if parent.starts_with(&data) {
        return Err(Error::Refused(format!(
            "--out {} is inside the data directory {}; write the bundle somewhere else (nothing was written)",
            mercato::text::shown(&out.display().to_string()),
            data.display()
        )));
    }
    Ok(())
}

/// A store that `check` fails would export its problems (an id twice
/// becomes a bundle that loses a copy on import): refused, naming the first.
fn refuse_unless_checked(ctx: &Context, store: &mercato::store::Store) -> Result<()> {
    store.recover_if_needed()?;
    let _lock = store.lock_for_reading()?;
    let problems = mercato::check::check(store, ctx.as_of);
    match problems.first() {
        None => Ok(()),
        Some(first) => Err(Error::Refused(format!(
            "{}: {}; `mercato check` lists {}; fix them, then export (nothing was written)",
            first.file,
            first.message,
            count(problems.len(), "problem")
        ))),
    }
}

/// `import transfermarkt --download [--url BASE]`: the dataset's files,
/// fetched into the cache before anything is imported.
pub fn download_transfermarkt(url: Option<&str>) -> Result<mercato::import::download::Downloaded> {
    use mercato::import::download;
    let dir = download::cache_dir().ok_or_else(|| {
        Error::Refused("no folder to download into: set XDG_CACHE_HOME or HOME".into())
    })?;
    download::fetch_all(url.unwrap_or(download::DEFAULT_BASE_URL), &dir)
}

/// `mercato import bundle FILE [--dry-run]`.
pub fn import_bundle(ctx: &Context, file: PathBuf, dry_run: bool) -> Result<Output> {
    let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
    let bundle = mercato::bundle::parse(&bytes, &file)?;
    let apply = |w: &mut World| -> Result<mercato::bundle::ImportCounts> {
        let counts = mercato::bundle::import(w, bundle)?;
        let problems = mercato::check::check_world(&ctx.store()?, w, ctx.as_of);
        if let Some(p) = problems.first() {
            return Err(Error::Refused(format!(
                "the bundle would leave {}, e.g. {}: {}; nothing imported",
                count(problems.len(), "problem"),
                p.file,
                p.message
            )));
        }
        Ok(counts)
    };
    let counts = if dry_run {
        let mut world = ctx.read_everything()?;
        apply(&mut world)?
    } else {
        ctx.write(|store, w| {
            store.load_all_rumours(w)?;
            apply(w)
        })?
        .1
    };
    Ok(ctx.show(&counts, || {
        format!(
            "{}{} new, {} updated, {} unchanged, {} skipped\n",
            if dry_run { "dry run: " } else { "" },
            counts.new,
            counts.updated,
            counts.unchanged,
            counts.skipped
        )
    }))
}

/// `mercato digest --since DATE`.
pub fn digest(ctx: &Context, since: Option<NaiveDate>) -> Result<Output> {
    let since = since.unwrap_or_else(|| digest_query::default_since(ctx.as_of));
    // Only the players with news in those days, and their rumours.
    let (world, ()) = ctx.read_scoped(|look| {
        let players = look.players_with_news(since)?;
        let scope = Scope {
            players: players.clone(),
            rumours_of: players,
            ..Scope::default()
        };
        Ok((scope, ()))
    })?;
    let assessor = Assessor::new(&world, ctx.as_of);
    let d = digest_query::digest(&world, &assessor, since);
    Ok(ctx.show(&d, || render::rumours::digest(&d, ctx.style)))
}

/// `mercato undo`.
pub fn undo(ctx: &Context) -> Result<Output> {
    let undone = ctx.store()?.undo()?;
    Ok(ctx.show(&undone, || {
        format!(
            "Undid change {}: {} ({} file{})\n",
            undone.seq,
            undone.command,
            undone.files.len(),
            if undone.files.len() == 1 { "" } else { "s" }
        )
    }))
}

/// `mercato log`.
pub fn log(ctx: &Context) -> Result<Output> {
    let lines = ctx.store()?.log()?;
    Ok(ctx.show(&lines, || render::records::log(&lines, ctx.style)))
}

/// `mercato init [DIR]`: the directory, and inside a git work tree the
/// clone's merge driver.
pub fn init(ctx: &Context, dir: Option<PathBuf>) -> Result<Output> {
    let dir = dir.unwrap_or_else(|| ctx.data_dir.clone());
    let store = Store::init(&dir)?;
    let path = store.dir().display().to_string();
    let git = match mercato::git::work_tree(store.dir()) {
        Some(_) => Some(mercato::git::set_up(store.dir(), &this_binary()?)?),
        None => None,
    };
    Ok(
        ctx.show(&serde_json::json!({ "data_dir": path, "git": git }), || {
            let mut text = format!("Initialised a mercato data directory in {path}\n");
            if let Some(git) = &git {
                text.push_str(&git_set_up_text(git));
            }
            text
        }),
    )
}

/// `mercato git setup`.
pub fn git_setup(ctx: &Context) -> Result<Output> {
    let set_up = mercato::git::set_up(&ctx.data_dir, &this_binary()?)?;
    Ok(ctx.show(&set_up, || git_set_up_text(&set_up)))
}

fn git_set_up_text(set_up: &mercato::git::SetUp) -> String {
    let clone = set_up.work_tree.display();
    if set_up.unchanged {
        format!("The merge driver of the git clone {clone} was already set up\n")
    } else {
        format!(
            "Set up the git clone {clone} to merge data files record by record ({} = {})\n",
            mercato::git::DRIVER_KEY,
            set_up.driver
        )
    }
}

/// Whether the clone holding `dir` lacks the merge driver (false outside git).
fn git_driver_missing(dir: &std::path::Path) -> bool {
    // Most runs are outside git, or in a clone already set up: both are told
    // from the file system alone, with no process started.
    mercato::git::nearest_git_dir(dir).is_some_and(|top| {
        !mercato::git::driver_in_config_file(&top)
            && mercato::git::work_tree(dir).is_some()
            && mercato::git::configured_driver(dir).is_none()
    })
}

/// After a write: inside a git clone with no merge driver, configure it and
/// say so; nothing otherwise (and never an error: the write is done).
pub(crate) fn git_set_up_quietly(ctx: &Context) -> Option<String> {
    if !git_driver_missing(&ctx.data_dir) {
        return None;
    }
    let set_up = mercato::git::set_up(&ctx.data_dir, &this_binary().ok()?).ok()?;
    Some(format!(
        "set up this git clone to merge data files record by record (`mercato git setup`; {} = {})",
        mercato::git::DRIVER_KEY,
        set_up.driver
    ))
}

/// The running binary, by absolute path: what git will run to merge.
fn this_binary() -> Result<PathBuf> {
    std::env::current_exe().map_err(|e| {
        mercato::Error::Refused(format!("cannot tell where the mercato binary is: {e}"))
    })
}

/// `mercato merge-driver BASE OURS THEIRS [PATH]`: the merged file replaces OURS.
pub fn merge_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: Option<String>,
) -> Result<Output> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| Error::io(p, e));
    let name = path.unwrap_or_else(|| ours.display().to_string());
    let merged = mercato::merge::merge_files(&read(base)?, &read(ours)?, &read(theirs)?, &name)?;
    mercato::store::atomic::write_atomic(ours, &merged.bytes)?;
    let mut out = Output::default();
    if !merged.conflicts.is_empty() {
        // Exit 1: git then reports the file as conflicted, and keeps this
        // merged file (valid JSON, both values kept) in the work tree.
        out.failed = true;
        let fields: Vec<String> = merged
            .conflicts
            .iter()
            .map(|(id, field)| format!("{id} {field}"))
            .collect();
        out.notes.push(format!(
            "{name}: {} kept in the file ({}); see `mercato conflicts`, then `mercato resolve RECORD FIELD --take ours|theirs`",
            count(merged.conflicts.len(), "conflict"),
            fields.join(", ")
        ));
    }
    Ok(out)
}

/// `mercato conflicts`: every open merge conflict (`check` is the gate that fails).
pub fn conflicts(ctx: &Context) -> Result<Output> {
    let world = ctx.read_everything()?;
    let open = mercato::conflicts::list(&world);
    Ok(ctx.show(&open, || render::conflicts::list(&open, ctx.style)))
}

/// `mercato resolve RECORD FIELD --take ours|theirs`.
pub fn resolve(ctx: &Context, record: &str, field: &str, take: TakeSide) -> Result<Output> {
    let side = match take {
        TakeSide::Ours => Side::Ours,
        TakeSide::Theirs => Side::Theirs,
    };
    let (_, done) = ctx.write(|store, w| {
        store.load_all_rumours(w)?;
        mercato::conflicts::resolve(w, record, field, side)
    })?;
    let mut out = ctx.show(&done, || render::conflicts::resolved(&done));
    if done.left_in_file == 0 && mercato::git::stage_if_unmerged(&ctx.data_dir, &done.file) {
        out.notes.push(format!(
            "{} has no conflict left: staged it (git add); commit the merge when you are done",
            done.file
        ));
    }
    Ok(out)
}

pub fn check(ctx: &Context, fix: bool) -> Result<Output> {
    let store = ctx.store()?;
    let fixed = if fix {
        Some(store.fix_places(ctx.as_of)?)
    } else {
        None
    };
    let mut out = check_only(ctx, &store)?;
    if let Some(fixed) = fixed {
        out.notes.splice(0..0, fixed_notes(&fixed));
    }
    Ok(out)
}

/// What `check --fix` did and left, one note each; a record found twice
/// shows every copy, for the person who must choose.
fn fixed_notes(fixed: &mercato::store::Fixed) -> Vec<String> {
    let mut notes: Vec<String> = fixed
        .moved
        .iter()
        .map(|m| format!("moved {} '{}' from {} to {}", m.kind, m.id, m.from, m.to))
        .collect();
    for twice in &fixed.twice {
        let mut note = format!(
            "left for you: {} '{}' is there {} times; keep one (merge what differs), then run `mercato check`:",
            twice.kind,
            twice.id,
            twice.copies.len()
        );
        for (file, copy) in &twice.copies {
            note.push_str(&format!("\n  {file}: {copy}"));
        }
        notes.push(note);
    }
    if !fixed.moved.is_empty() {
        notes.push("`mercato undo` puts them back".to_string());
    }
    notes
}

fn check_only(ctx: &Context, store: &mercato::store::Store) -> Result<Output> {
    store.recover_if_needed()?;
    let _lock = store.lock_for_reading()?;
    let problems = mercato::check::check(store, ctx.as_of);
    let mut out = ctx.show(&problems, || {
        if problems.is_empty() {
            format!("{}: ok\n", store.dir().display())
        } else {
            render::records::problems(&problems)
        }
    });
    if git_driver_missing(store.dir()) {
        out.notes.push(
            "warning: this git clone has no merge driver for data files; run `mercato git setup` (the next write does it too)".to_string(),
        );
    }
    if !problems.is_empty() {
        out.failed = true;
        out.notes
            .push(format!("{} found", count(problems.len(), "problem")));
    }
    Ok(out)
}
