//! `mercato import bundle FILE [--dry-run]`: a bundle written by `mercato export`.

use crate::commands::context::{Context, Output};
use clap::Args;
use mercato::english::count;
use mercato::{Error, Result, World};
use std::path::PathBuf;

/// Load a bundle written by `mercato export` (records are added or replaced by id).
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato export --out world.json
  mercato import bundle world.json --dry-run
  mercato init copy
  mercato --data-dir copy import bundle world.json"#)]
pub struct BundleArgs {
    pub file: PathBuf,
    /// Report what would change, change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Context, args: BundleArgs) -> Result<Output> {
    let BundleArgs { file, dry_run } = args;
    let bytes = std::fs::read(&file).map_err(|e| Error::io(&file, e))?;
    let bundle = mercato::bundle::parse(&bytes, &file)?;
    let apply = |w: &mut World| -> Result<mercato::bundle::ImportCounts> {
        let counts = mercato::bundle::import(w, bundle)?;
        let problems = mercato::check::check_world(&ctx.store()?, w, ctx.as_of);
        if let Some(p) = problems.first() {
            return Err(Error::Corrupt(format!(
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
