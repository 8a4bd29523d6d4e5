//! `mercato git setup`, and the merge driver every write sets up when the
//! clone lacks it.

use super::context::{Context, Output};
use clap::{Args, Subcommand};
use mercato::Result;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum GitCommand {
    Setup(SetupArgs),
}

/// Configure this clone's merge driver (record-by-record merges of data files),
/// pointing at this binary. Commands that write do it by themselves when it is missing.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato git setup
  git clone https://example.com/desk.git && cd desk && mercato git setup"#)]
pub struct SetupArgs {}

pub fn run(ctx: &Context, command: GitCommand) -> Result<Output> {
    match command {
        GitCommand::Setup(_) => setup(ctx),
    }
}

/// `mercato git setup`.
fn setup(ctx: &Context) -> Result<Output> {
    let set_up = mercato::git::set_up(&ctx.data_dir, &this_binary()?)?;
    Ok(ctx.show(&set_up, || set_up_text(&set_up)))
}

/// The confirmation of a set-up (or of one found done).
pub(super) fn set_up_text(set_up: &mercato::git::SetUp) -> String {
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
pub(super) fn driver_missing(dir: &std::path::Path) -> bool {
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
pub(super) fn set_up_quietly(ctx: &Context) -> Option<String> {
    if !driver_missing(&ctx.data_dir) {
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
pub(super) fn this_binary() -> Result<PathBuf> {
    std::env::current_exe().map_err(|e| {
        mercato::Error::External(format!("cannot tell where the mercato binary is: {e}"))
    })
}
