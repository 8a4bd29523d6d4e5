//! Commands about the data directory as a whole: export and import of
//! bundles, digest, check, undo and log, init, and the git merge driver.

use super::{Context, Output};
use chrono::NaiveDate;
use mercato::query::digest as digest_query;
use mercato::query::rumours::Assessor;
use mercato::{Error, Result, Store, World, render};
use std::path::{Path, PathBuf};

/// `mercato export [--out FILE]`.
pub fn export(ctx: &Context, out: Option<PathBuf>) -> Result<Output> {
    let world = ctx.read_everything()?;
    let bundle = mercato::bundle::export(&world);
    let mut bytes = serde_json::to_vec_pretty(&bundle)
        .map_err(|e| Error::Refused(format!("cannot encode the bundle: {e}")))?;
    bytes.push(b'\n');
    match out {
        Some(path) => {
            mercato::store::atomic::write_atomic(&path, &bytes)?;
            let mut o = Output::default();
            o.notes.push(format!(
                "exported {} clubs, {} sources, {} players, {} rumours to {}",
                bundle.clubs.len(),
                bundle.sources.len(),
                bundle.players.len(),
                bundle.rumours.len(),
                path.display()
            ));
            Ok(o)
        }
        None => Ok(Output::text(String::from_utf8_lossy(&bytes).into_owned())),
    }
}

/// `mercato import bundle FILE [--dry-run]`.
pub fn import_bundle(ctx: &Context, file: PathBuf, dry_run: bool) -> Result<Output> {
    let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
    let bundle = mercato::bundle::parse(&bytes, &file)?;
    let apply = |w: &mut World| -> Result<mercato::bundle::ImportCounts> {
        let counts = mercato::bundle::import(w, bundle, ctx.as_of)?;
        let problems = mercato::check::check_world(&ctx.store()?, w, ctx.as_of);
        if let Some(p) = problems.first() {
            return Err(Error::Refused(format!(
                "the bundle would leave {} problem(s), e.g. {}: {}; nothing imported",
                problems.len(),
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
    let world = ctx.read()?;
    let assessor = Assessor::new(&world, ctx.as_of);
    let since = since.unwrap_or_else(|| digest_query::default_since(ctx.as_of));
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

/// `mercato init [DIR]`.
pub fn init(ctx: &Context, dir: Option<PathBuf>) -> Result<Output> {
    let dir = dir.unwrap_or_else(|| ctx.data_dir.clone());
    let store = Store::init(&dir)?;
    let path = store.dir().display().to_string();
    Ok(ctx.show(&serde_json::json!({ "data_dir": path }), || {
        format!("Initialised a mercato data directory in {path}\n")
    }))
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
    mercato::store::atomic::write_atomic(ours, &merged)?;
    Ok(Output::default())
}

pub fn check(ctx: &Context) -> Result<Output> {
    let store = ctx.store()?;
    store.recover_if_needed()?;
    let _lock = store.lock_for_reading()?;
    let problems = mercato::check::check(&store, ctx.as_of);
    let mut out = ctx.show(&problems, || {
        if problems.is_empty() {
            format!("{}: ok\n", store.dir().display())
        } else {
            render::records::problems(&problems)
        }
    });
    if !problems.is_empty() {
        out.failed = true;
        out.notes
            .push(format!("{} problem(s) found", problems.len()));
    }
    Ok(out)
}
