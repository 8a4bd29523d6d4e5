//! A temporary data directory and the real `mercato` binary run against it.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The article's date: ages printed must be the article's ages.
pub const ARTICLE_DAY: &str = "2025-10-20";

pub struct TestEnv {
    _dir: tempfile::TempDir,
    pub data: PathBuf,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl TestEnv {
    /// A copy of the shipped `data/` (never the shipped directory itself).
    pub fn shipped() -> TestEnv {
        let env = TestEnv::empty();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
            &env.data,
        );
        env
    }

    /// An empty, existing data directory.
    pub fn empty() -> TestEnv {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        std::fs::create_dir(&data).expect("data dir");
        TestEnv { _dir: dir, data }
    }

    /// Runs `mercato --data-dir DATA ARGS...` as of the article's day.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_as_of(ARTICLE_DAY, args)
    }

    pub fn run_as_of(&self, as_of: &str, args: &[&str]) -> Run {
        run_mercato(&self.data, Some(as_of), args)
    }

    /// A run with no --as-of: "today" is the machine's.
    pub fn run_today(&self, args: &[&str]) -> Run {
        run_mercato(&self.data, None, args)
    }

    /// Runs against another data directory (one that may not exist).
    pub fn run_in(&self, data: &Path, args: &[&str]) -> Run {
        run_mercato(data, Some(ARTICLE_DAY), args)
    }

    /// Runs and insists on success.
    pub fn ok(&self, args: &[&str]) -> String {
        self.ok_as_of(ARTICLE_DAY, args)
    }

    pub fn ok_as_of(&self, as_of: &str, args: &[&str]) -> String {
        let run = self.run_as_of(as_of, args);
        assert_eq!(run.code, 0, "mercato {args:?} failed:\n{}", run.stderr);
        run.stdout
    }

    /// Runs with `--json` and parses stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        self.json_as_of(ARTICLE_DAY, args)
    }

    pub fn json_as_of(&self, as_of: &str, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.ok_as_of(as_of, &all);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
    }

    /// Runs a command that must fail with `code`, print `message` on stderr,
    /// and leave every byte of the data directory as it was.
    pub fn refused(&self, args: &[&str], code: i32, message: &str) {
        let before = self.snapshot();
        let run = self.run(args);
        assert_eq!(
            run.code, code,
            "mercato {args:?}\nstdout: {}\nstderr: {}",
            run.stdout, run.stderr
        );
        assert!(
            run.stderr.contains(message),
            "mercato {args:?}: expected {message:?} in stderr:\n{}",
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert_eq!(
            before,
            self.snapshot(),
            "mercato {args:?} changed the data directory"
        );
    }

    /// `--json` output as of `as_of` read from the JSON alone (no index): the
    /// answer the index must give.
    pub fn json_without_index(&self, as_of: &str, args: &[&str]) -> serde_json::Value {
        let output = Command::cargo_bin("mercato")
            .expect("binary")
            .env("MERCATO_NO_INDEX", "1")
            .env("NO_COLOR", "1")
            .arg("--data-dir")
            .arg(&self.data)
            .args(["--as-of", as_of, "--json"])
            .args(args)
            .output()
            .expect("run mercato");
        assert!(output.status.success(), "{output:?}");
        serde_json::from_slice(&output.stdout).expect("JSON")
    }

    /// Every file under the data directory with its bytes.
    /// (The journal's `last-seq`, the highest change number ever given, is
    /// left out: an undo restores the data, not the count of changes. So is
    /// the index, derived from the data and refreshed by any read.)
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut files = BTreeMap::new();
        walk(&self.data, &self.data, &mut files);
        files.retain(|path, _| !path.ends_with("last-seq") && !is_index(path));
        files
    }

    /// The index of the data directory (see `mercato::store::index`).
    pub fn index_file(&self) -> PathBuf {
        self.data.join(mercato::store::files::INDEX_FILE)
    }
}

/// Whether a path (relative to the data directory) is the index or one of
/// SQLite's side files.
fn is_index(path: &Path) -> bool {
    path.to_string_lossy()
        .starts_with(mercato::store::files::INDEX_FILE)
}

fn run_mercato(data: &Path, as_of: Option<&str>, args: &[&str]) -> Run {
    // Each test's downloads live beside its data, never in the user's home.
    let cache = data.parent().unwrap_or(data).join("cache");
    let output = Command::cargo_bin("mercato")
        .expect("binary")
        .env_remove("MERCATO_DATA_DIR")
        .env_remove("MERCATO_AS_OF")
        .env_remove("MERCATO_NO_INDEX")
        .env_remove("MERCATO_NO_CACHE")
        .env("XDG_CACHE_HOME", &cache)
        // A developer's own ~/.config/mercato must not change what tests see.
        .env("XDG_CONFIG_HOME", cache.join("config"))
        .env("NO_COLOR", "1")
        .arg("--data-dir")
        .arg(data)
        .args(as_of.iter().flat_map(|d| ["--as-of", d]))
        .args(args)
        .output()
        .expect("run mercato");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).expect("under root").to_path_buf();
            out.insert(rel, std::fs::read(&path).expect("read file"));
        }
    }
}

/// Runs mercato in a clone's work tree on its `data/` as of the article's
/// day, with the user's cache beside the clone (for the real-git tests).
pub fn run_in_clone(clone: &Path, args: &[&str]) -> Run {
    let out = Command::cargo_bin("mercato")
        .expect("binary")
        .current_dir(clone)
        .env_remove("MERCATO_DATA_DIR")
        .env("XDG_CACHE_HOME", clone.join("..").join("cache"))
        .env("NO_COLOR", "1")
        .args(["--data-dir", "data", "--as-of", ARTICLE_DAY])
        .args(args)
        .output()
        .expect("run mercato");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from)
        .expect("read shipped data")
        .flatten()
    {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            copy_dir(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).expect("copy");
        }
    }
}

/// Runs git in `dir` as a scout with a fixed name and default branch, and
/// insists on success (the merge tests drive real git).
pub fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=Scout",
            "-c",
            "user.email=scout@example.com",
        ])
        .args(["-c", "init.defaultBranch=main"])
        .args(args)
        .output()
        .expect("git is installed");
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
