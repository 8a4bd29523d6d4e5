//! `mercato check [--fix]`: the whole data directory validated.

use super::context::{Context, Output};
use super::git::driver_missing;
use clap::Args;
use mercato::english::count;
use mercato::{Result, render};

/// Validate the whole data directory; exit 1 if anything is wrong.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato check
  mercato check --fix      # records in another shard's file go home
  mercato check --json"#)]
pub struct CheckArgs {
    /// Move players and rumours found in another shard's file to their own
    /// (one change; `mercato undo` reverts it). An id found twice is left
    /// for you, each copy shown.
    #[arg(long)]
    pub fix: bool,
}

pub fn run(ctx: &Context, args: CheckArgs) -> Result<Output> {
    let store = ctx.store()?;
    let fixed = if args.fix {
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
    if driver_missing(store.dir()) {
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
