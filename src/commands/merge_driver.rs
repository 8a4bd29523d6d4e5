//! `mercato merge-driver BASE OURS THEIRS [PATH]`: git's merge of a data
//! file, record by record.

use super::context::Output;
use clap::Args;
use mercato::english::count;
use mercato::{Error, Result};
use std::path::{Path, PathBuf};

/// Merge three versions of a data file record by record (a git merge driver).
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  git config merge.mercato.driver "mercato merge-driver %O %A %B %P"
  mercato git setup             # the same, with the path of this binary

Enable it once per clone (data/.gitattributes already routes data files to it);
git then runs it on every merge that touches a data file."#)]
pub struct MergeDriverArgs {
    /// The common ancestor (%O).
    pub base: PathBuf,
    /// Our version (%A); the merged result is written here.
    pub ours: PathBuf,
    /// Their version (%B).
    pub theirs: PathBuf,
    /// The file's path in the repository (%P).
    pub path: Option<String>,
}

/// The merged file replaces OURS; a conflict kept in it exits 1.
pub fn run(args: MergeDriverArgs) -> Result<Output> {
    let MergeDriverArgs {
        base,
        ours,
        theirs,
        path,
    } = args;
    let read = |p: &Path| std::fs::read(p).map_err(|e| Error::io(p, e));
    let name = path.unwrap_or_else(|| ours.display().to_string());
    let merged = mercato::merge::merge_files(&read(&base)?, &read(&ours)?, &read(&theirs)?, &name)?;
    mercato::store::atomic::write_atomic(&ours, &merged.bytes)?;
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
