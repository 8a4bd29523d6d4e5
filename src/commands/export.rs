//! `mercato export [--out FILE]`: the whole store as one JSON bundle.

use super::context::{Context, Output};
use clap::Args;
use mercato::english::count;
use mercato::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Write the whole store as one JSON bundle (stdout, or --out FILE).
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato export --out backup.json
  mercato export > world.json"#)]
pub struct ExportArgs {
    /// Where to write it (default: stdout).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Streamed to the file (atomically) or to stdout, a few shards at a time.
pub fn run(ctx: &Context, args: ExportArgs) -> Result<Output> {
    let store = ctx.store()?;
    if let Some(path) = &args.out {
        refuse_inside_data(store.dir(), path)?;
    }
    refuse_unless_checked(ctx, &store)?;
    match args.out {
        Some(path) => to_file(&store, &path),
        None => to_stdout(&store),
    }
}

/// The bundle written atomically to `path`, said in a note.
fn to_file(store: &mercato::Store, path: &Path) -> Result<Output> {
    let mut exported = None;
    mercato::store::atomic::write_atomic_with(path, |w| {
        exported = Some(mercato::bundle::write(store, w, path)?);
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

/// The bundle streamed to stdout (not through `Output`: it may be large).
fn to_stdout(store: &mercato::Store) -> Result<Output> {
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let written = mercato::bundle::write(store, &mut w, Path::new("standard output"))
        .and_then(|_| w.flush().map_err(|e| Error::io("standard output", e)));
    match written {
        // `mercato export | head`: the reader has seen enough.
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(Output::default())
        }
        done => done.map(|()| Output::default()),
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
        return Err(Error::invalid(
            "--out",
            format!(
                "--out {} is inside the data directory {}; write the bundle somewhere else (nothing was written)",
                mercato::text::shown(&out.display().to_string()),
                data.display()
            ),
        ));
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
        Some(first) => Err(Error::Corrupt(format!(
            "{}: {}; `mercato check` lists {}; fix them, then export (nothing was written)",
            first.file,
            first.message,
            count(problems.len(), "problem")
        ))),
    }
}
