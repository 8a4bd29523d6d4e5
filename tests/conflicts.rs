//! First-class merge conflicts, with real git: two clones change one field
//! differently (or one removes a record the other changed); the pull reports
//! the file as conflicted, the file still parses, both values are kept,
//! `conflicts` lists them, `check` fails, and `resolve` (or an edit) ends
//! them so the merge commits.

use crate::common::{copy_dir, git, run_in_clone};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Runs mercato on `clone/data`; returns (exit code, stdout, stderr).
fn run(clone: &Path, args: &[&str]) -> (i32, String, String) {
    let run = run_in_clone(clone, args);
    (run.code, run.stdout, run.stderr)
}

fn ok(clone: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = run(clone, args);
    assert_eq!(code, 0, "mercato {args:?}:\n{stdout}{stderr}");
    stdout
}

/// An origin holding the shipped data plus a source nobody cites (so it can
/// be removed), and two clones of it with the merge driver set up.
struct Team {
    _root: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
}

impl Team {
    fn new() -> Team {
        let root = tempfile::tempdir().unwrap();
        let desk = root.path().join("desk");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
            &desk.join("data"),
        );
        git(&desk, &["init", "-q"]);
        ok(&desk, &["source", "add", "BBC Sport", "--tier", "2"]);
        git(&desk, &["add", "-A"]);
        git(&desk, &["commit", "-qm", "the desk"]);
        git(
            root.path(),
            &["clone", "-q", "--bare", "desk", "origin.git"],
        );
        let clone = |name: &str| {
            git(root.path(), &["clone", "-q", "origin.git", name]);
            let dir = root.path().join(name);
            ok(&dir, &["git", "setup"]);
            dir
        };
        let (a, b) = (clone("a"), clone("b"));
        Team { a, b, _root: root }
    }

    /// `a` commits and pushes; `b` commits and pulls. Returns whether the
    /// pull merged cleanly.
    fn a_then_b(&self, a: &[&[&str]], b: &[&[&str]]) -> bool {
        for args in a {
            ok(&self.a, args);
        }
        git(&self.a, &["commit", "-qam", "a"]);
        git(&self.a, &["push", "-q", "origin", "HEAD"]);
        for args in b {
            ok(&self.b, args);
        }
        git(&self.b, &["commit", "-qam", "b"]);
        std::process::Command::new("git")
            .current_dir(&self.b)
            .args(["-c", "user.name=B", "-c", "user.email=b@example.com"])
            .args(["pull", "-q", "--no-rebase", "origin", "HEAD"])
            .output()
            .unwrap()
            .status
            .success()
    }

    fn unmerged(&self) -> Vec<String> {
        let out = git(&self.b, &["diff", "--name-only", "--diff-filter=U"]);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(String::from)
            .collect()
    }

    fn conflicts(&self) -> Vec<Value> {
        let (code, stdout, stderr) = run(&self.b, &["conflicts", "--json"]);
        let list: Vec<Value> = serde_json::from_str(&stdout).unwrap();
        assert_eq!(code, 0, "{stderr}");
        list
    }

    fn commit_merge(&self) {
        git(&self.b, &["commit", "-qm", "merge"]);
        assert_eq!(self.unmerged(), Vec::<String>::new());
        ok(&self.b, &["check"]);
    }
}

#[test]
fn one_field_changed_on_both_sides_is_a_conflict_until_resolved() {
    let team = Team::new();
    let clean = team.a_then_b(
        &[&["source", "edit", "L'Equipe", "--tier", "1"]],
        &[
            &["source", "edit", "L'Equipe", "--tier", "3"],
            &["source", "edit", "L'Equipe", "--country", "Spain"],
        ],
    );
    assert!(!clean, "git must report the file as conflicted");
    assert_eq!(team.unmerged(), ["data/sources.json"]);
    let text = std::fs::read_to_string(team.b.join("data/sources.json")).unwrap();
    let _: Value = serde_json::from_str(&text).expect("the conflicted file is valid JSON");

    let list = team.conflicts();
    assert_eq!(list.len(), 1, "{list:?}");
    let c = &list[0];
    assert_eq!(
        (
            c["file"].as_str(),
            c["kind"].as_str(),
            c["record"].as_str(),
            c["field"].as_str()
        ),
        (
            Some("sources.json"),
            Some("source"),
            Some("l-equipe"),
            Some("tier")
        )
    );
    assert_eq!(
        (&c["base"], &c["ours"], &c["theirs"]),
        (&2.into(), &3.into(), &1.into())
    );

    // Reads work meanwhile, showing our value, marked.
    let shown = ok(&team.b, &["source", "show", "L'Equipe"]);
    assert!(
        shown.contains("CONFLICT  tier: shown 3, theirs 1, base 2"),
        "{shown}"
    );
    assert!(
        shown.contains("country   Spain"),
        "one side's change is taken: {shown}"
    );
    let (code, stdout, _) = run(&team.b, &["check"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("conflict on tier") && stdout.contains("l-equipe"),
        "{stdout}"
    );
    // A wrong field is refused with what is open; nothing changes.
    let (code, _, stderr) = run(
        &team.b,
        &["resolve", "l-equipe", "country", "--take", "theirs"],
    );
    assert_eq!(code, 1);
    assert!(stderr.contains("its conflicts: tier"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(team.b.join("data/sources.json")).unwrap(),
        text
    );

    let said = ok(
        &team.b,
        &["resolve", "l'equipe", "tier", "--take", "theirs"],
    );
    assert!(said.contains("tier is now 1"), "{said}");
    assert_eq!(team.conflicts(), Vec::<Value>::new());
    assert!(team.unmerged().is_empty(), "resolve stages the file");
    team.commit_merge();
    let source: Value =
        serde_json::from_str(&ok(&team.b, &["--json", "source", "show", "L'Equipe"])).unwrap();
    assert_eq!(source["source"]["tier"], 1, "{source}");
    assert_eq!(source["source"]["country"], "Spain");
}

#[test]
fn removed_on_one_side_and_changed_on_the_other_keeps_the_record_until_someone_chooses() {
    let team = Team::new();
    let clean = team.a_then_b(
        &[&["source", "remove", "BBC Sport"]],
        &[&["source", "edit", "BBC Sport", "--country", "England"]],
    );
    assert!(!clean);
    let list = team.conflicts();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["field"], "record");
    assert_eq!(list[0]["ours"]["country"], "England", "our changed record");
    assert_eq!(list[0]["theirs"], Value::Null, "they removed it");
    let shown = ok(&team.b, &["source", "show", "bbc sport"]);
    assert!(
        shown.contains("record: changed here, removed on the other side"),
        "{shown}"
    );
    let said = ok(
        &team.b,
        &["resolve", "bbc-sport", "record", "--take", "theirs"],
    );
    assert!(said.contains("removed"), "{said}");
    team.commit_merge();
    let (code, _, stderr) = run(&team.b, &["source", "show", "BBC Sport"]);
    assert_eq!(code, 1, "the removal was taken: {stderr}");
}

#[test]
fn an_edit_that_sets_the_field_ends_its_conflict() {
    let team = Team::new();
    let clean = team.a_then_b(
        &[&["player", "edit", "konate", "--caps", "30"]],
        &[&["player", "edit", "konate", "--caps", "31"]],
    );
    assert!(!clean);
    let list = team.conflicts();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0]["kind"].as_str(), list[0]["field"].as_str()),
        (Some("player"), Some("caps"))
    );
    let shown = ok(&team.b, &["player", "show", "konate"]);
    assert!(
        shown.contains("CONFLICT  caps: shown 31, theirs 30"),
        "{shown}"
    );
    // Merging the conflicted record away would drop a value: refused.
    let (code, _, stderr) = run(&team.b, &["player", "merge", "upamecano", "konate"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("open merge conflicts (caps)"), "{stderr}");
    // Setting the value the record already shows is still a choice.
    ok(&team.b, &["player", "edit", "konate", "--caps", "31"]);
    assert_eq!(team.conflicts(), Vec::<Value>::new());
    git(&team.b, &["add", "data"]);
    team.commit_merge();
}
