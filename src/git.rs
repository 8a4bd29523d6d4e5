//! The one piece of git set-up a clone needs: the merge driver.
//!
//! `data/.gitattributes` is committed and routes the data files to a merge
//! driver named `mercato`, but what that driver runs lives in the clone's
//! own `.git/config`, which git never copies between clones (a repository
//! that could set commands to run would be a security hole). So each clone
//! must be told once. mercato does it for the user: `mercato init` and
//! `mercato git setup` say so explicitly, and every command that writes to a
//! data directory inside a git work tree does it quietly when it is missing
//! (with a note), so that two clones of a shared `data/` merge record by
//! record without anyone reading the README first.
//!
//! The driver is configured with the absolute path of the running binary,
//! so it works whatever the `PATH` of the shell git runs it from.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The git config key of the driver's command.
pub const DRIVER_KEY: &str = "merge.mercato.driver";

/// What git runs, with the binary's path quoted for the shell git uses.
pub fn driver_command(binary: &Path) -> String {
    format!(
        "{} merge-driver %O %A %B %P",
        shell_quote(&binary.to_string_lossy())
    )
}

/// Single quotes, with any single quote inside closed, escaped and reopened.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

fn git(dir: &Path, args: &[&str]) -> Option<std::process::Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()
}

/// The top of the git work tree `dir` is in, if it is in one (and git is
/// installed).
pub fn work_tree(dir: &Path) -> Option<PathBuf> {
    let out = git(dir, &["rev-parse", "--show-toplevel"])?;
    if !out.status.success() {
        return None;
    }
    let top = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!top.is_empty()).then(|| PathBuf::from(top))
}

/// Stages `file` (inside the data directory `dir`) if git lists it as
/// unmerged: once mercato has resolved its last conflict, the merge can be
/// committed. Returns whether it staged it.
pub fn stage_if_unmerged(dir: &Path, file: &str) -> bool {
    let unmerged = git(dir, &["ls-files", "--unmerged", "--", file])
        .is_some_and(|out| out.status.success() && !out.stdout.is_empty());
    unmerged && git(dir, &["add", "--", file]).is_some_and(|out| out.status.success())
}

/// The driver command configured for the clone `dir` is in, if any.
pub fn configured_driver(dir: &Path) -> Option<String> {
    let out = git(dir, &["config", "--get", DRIVER_KEY])?;
    if !out.status.success() {
        return None;
    }
    let value = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!value.is_empty()).then_some(value)
}

/// The nearest directory at or above `dir` that holds a `.git`: a cheap
/// guess at the work tree, with no process started (writes ask it first).
pub fn nearest_git_dir(dir: &Path) -> Option<PathBuf> {
    let dir = std::path::absolute(dir).ok()?;
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

/// Whether the clone at `top` plainly has the driver configured in its
/// `.git/config` (no process started). False when unsure: the caller then
/// asks git.
pub fn driver_in_config_file(top: &Path) -> bool {
    let Ok(config) = std::fs::read_to_string(top.join(".git").join("config")) else {
        return false;
    };
    let mut in_section = false;
    for line in config.lines().map(str::trim) {
        if line.starts_with('[') {
            in_section = line.replace(' ', "") == "[merge\"mercato\"]";
        } else if in_section && line.split('=').next().is_some_and(|k| k.trim() == "driver") {
            return true;
        }
    }
    false
}

/// What [`set_up`] did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SetUp {
    /// The work tree's top directory.
    pub work_tree: PathBuf,
    /// The command now configured.
    pub driver: String,
    /// Whether it was already configured so (nothing written).
    pub unchanged: bool,
}

/// Configures the merge driver in the clone that holds `dir`, pointing at
/// `binary`. Refused outside a git work tree.
pub fn set_up(dir: &Path, binary: &Path) -> Result<SetUp> {
    let work_tree = work_tree(dir).ok_or_else(|| {
        Error::External(format!(
            "{} is not inside a git work tree (run `git init` first, or clone the shared repository)",
            dir.display()
        ))
    })?;
    let driver = driver_command(binary);
    if configured_driver(dir).as_deref() == Some(driver.as_str()) {
        return Ok(SetUp {
            work_tree,
            driver,
            unchanged: true,
        });
    }
    let name = "mercato record-by-record merge of data files";
    for (key, value) in [(DRIVER_KEY, driver.as_str()), ("merge.mercato.name", name)] {
        let ok = git(dir, &["config", key, value]).is_some_and(|o| o.status.success());
        if !ok {
            return Err(Error::External(format!(
                "could not set {key} with `git config` in {}",
                work_tree.display()
            )));
        }
    }
    Ok(SetUp {
        work_tree,
        driver,
        unchanged: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_driver_command_quotes_the_binary_for_the_shell() {
        assert_eq!(
            driver_command(Path::new("/opt/my tools/mercato")),
            "'/opt/my tools/mercato' merge-driver %O %A %B %P"
        );
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }

    #[test]
    fn a_configured_driver_is_seen_in_the_config_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        let config = dir.path().join(".git").join("config");
        std::fs::write(
            &config,
            "[core]\n\tbare = false\n[merge \"other\"]\n\tdriver = x\n",
        )
        .unwrap();
        assert!(!driver_in_config_file(dir.path()));
        std::fs::write(
            &config,
            "[merge \"mercato\"]\n\tname = m\n\tdriver = 'mercato' merge-driver %O %A %B %P\n",
        )
        .unwrap();
        assert!(driver_in_config_file(dir.path()));
        let inner = dir.path().join("data").join("players");
        std::fs::create_dir_all(&inner).unwrap();
        assert_eq!(nearest_git_dir(&inner).as_deref(), Some(dir.path()));
    }
}
