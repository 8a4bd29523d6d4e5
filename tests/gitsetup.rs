//! Set-up in one command: `mercato init` inside a git work tree configures
//! the clone's merge driver, and in a fresh clone the first write does, so
//! two clones merge record by record with no other set-up step.

use crate::common::{git, run_in_clone};
use assert_cmd::Command;
use std::path::Path;

/// Runs mercato on `clone/data`; returns (stdout, stderr).
fn mercato(clone: &Path, args: &[&str]) -> (String, String) {
    let run = run_in_clone(clone, args);
    assert_eq!(run.code, 0, "mercato {args:?}:\n{}", run.stderr);
    (run.stdout, run.stderr)
}

fn driver(clone: &Path) -> String {
    let out = std::process::Command::new("git")
        .current_dir(clone)
        .args(["config", "--get", "merge.mercato.driver"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn init_then_two_clones_merge_records_with_no_other_step() {
    let root = tempfile::tempdir().unwrap();
    let desk = root.path().join("desk");
    std::fs::create_dir(&desk).unwrap();
    git(&desk, &["init", "-q"]);
    let (said, _) = mercato(&desk, &["init"]);
    assert!(said.contains("merge data files record by record"), "{said}");
    let binary = assert_cmd::cargo::cargo_bin("mercato");
    assert!(
        driver(&desk).contains(&*binary.to_string_lossy()),
        "{}",
        driver(&desk)
    );
    mercato(&desk, &["source", "add", "Marca", "--tier", "3"]);
    git(&desk, &["add", "-A"]);
    git(&desk, &["commit", "-qm", "a desk"]);
    git(
        root.path(),
        &["clone", "-q", "--bare", "desk", "origin.git"],
    );

    let clone = |name: &str| {
        git(root.path(), &["clone", "-q", "origin.git", name]);
        let dir = root.path().join(name);
        assert_eq!(driver(&dir), "", "git does not copy the driver config");
        dir
    };
    let (a, b) = (clone("a"), clone("b"));
    // Both scouts add a source: the same file, the same place in it.
    let (_, note) = mercato(&a, &["source", "add", "Relevo", "--tier", "2"]);
    assert!(note.contains("set up this git clone"), "{note}");
    assert!(!driver(&a).is_empty());
    let (_, note) = mercato(&a, &["source", "add", "Relevante"]);
    assert!(!note.contains("set up this git clone"), "only once: {note}");
    git(&a, &["commit", "-qam", "Relevo"]);
    git(&a, &["push", "-q", "origin", "main"]);
    mercato(&b, &["source", "add", "Relevance Daily", "--tier", "4"]);
    git(&b, &["commit", "-qam", "Relevance"]);
    git(&b, &["pull", "-q", "--no-rebase", "origin", "main"]);
    let (list, _) = mercato(&b, &["--json", "source", "list"]);
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    for name in ["Marca", "Relevo", "Relevante", "Relevance Daily"] {
        assert!(
            names.contains(&name),
            "{name} missing after the merge: {names:?}"
        );
    }
    mercato(&b, &["check"]);
}

#[test]
fn git_setup_outside_a_work_tree_is_refused_and_check_warns_in_one_without_driver() {
    let root = tempfile::tempdir().unwrap();
    let plain = root.path().join("plain");
    std::fs::create_dir(&plain).unwrap();
    mercato(&plain, &["init"]);
    let out = Command::cargo_bin("mercato")
        .unwrap()
        .current_dir(&plain)
        .env("XDG_CACHE_HOME", root.path().join("cache"))
        .args(["--data-dir", "data", "git", "setup"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not inside a git work tree"));
    // A clone where the driver was never configured: check says so.
    git(&plain, &["init", "-q"]);
    let (_, warned) = mercato(&plain, &["check"]);
    assert!(warned.contains("mercato git setup"), "{warned}");
    let (said, _) = mercato(&plain, &["git", "setup"]);
    assert!(said.contains("record by record"), "{said}");
    let (_, quiet) = mercato(&plain, &["check"]);
    assert!(!quiet.contains("mercato git setup"), "{quiet}");
}
