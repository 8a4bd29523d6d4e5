//! `mercato resolve RECORD FIELD --take ours|theirs`: one merge conflict ended.

use super::context::{Context, Output};
use clap::{Args, ValueEnum};
use mercato::model::conflict::Side;
use mercato::{Result, render};

/// End one merge conflict by taking one side's value (see `mercato conflicts`).
///
/// RECORD is the id `conflicts` prints (or the record's name); FIELD the
/// conflicted field, or `record` when one side removed the record (taking
/// that side removes it). When the file has no conflict left, it is staged
/// with `git add` so the merge can be committed.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato conflicts
  mercato resolve l-equipe tier --take theirs
  mercato resolve konate born --take ours
  mercato resolve fichajes record --take theirs  # keep their edited record"#)]
pub struct ResolveArgs {
    /// The record: its id as `mercato conflicts` prints it, or its name.
    pub record: String,
    /// The conflicted field (`record` for removed-versus-changed).
    pub field: String,
    /// Which value to keep: ours (the current branch's) or theirs (the merged branch's).
    #[arg(long, value_enum, value_name = "SIDE")]
    pub take: TakeSide,
}

/// A side of a merge, for `resolve --take`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TakeSide {
    /// The current branch's value (the one shown meanwhile).
    Ours,
    /// The merged branch's value.
    Theirs,
}

pub fn run(ctx: &Context, args: ResolveArgs) -> Result<Output> {
    let side = match args.take {
        TakeSide::Ours => Side::Ours,
        TakeSide::Theirs => Side::Theirs,
    };
    let (_, done) = ctx.write(|store, w| {
        store.load_all_rumours(w)?;
        mercato::conflicts::resolve(w, &args.record, &args.field, side)
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
