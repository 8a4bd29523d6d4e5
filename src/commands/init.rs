//! `mercato init [DIR]`: an empty data directory, and inside a git work
//! tree the clone's merge driver.

use super::context::{Context, Output};
use super::git::{set_up_text, this_binary};
use clap::Args;
use mercato::{Result, Store};
use std::path::PathBuf;

/// Create an empty data directory (default: the --data-dir); inside a git work
/// tree, also set up the clone's merge driver.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato init scouting
  git init shared && cd shared && mercato init data    # to share through git"#)]
pub struct InitArgs {
    /// Where to create it.
    pub dir: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: InitArgs) -> Result<Output> {
    let dir = args.dir.unwrap_or_else(|| ctx.data_dir.clone());
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
                text.push_str(&set_up_text(git));
            }
            text
        }),
    )
}
