//! Completion of names: the bash script asks `mercato complete`, which
//! offers players, clubs, sources and rumour ids from the data directory,
//! and the values of options.

use crate::common::TestEnv;

/// Runs the real bash completion for `words` (the last one being completed).
fn bash_complete(env: &TestEnv, words: &[&str]) -> Vec<String> {
    let binary = assert_cmd::cargo::cargo_bin("mercato");
    let dir = binary.parent().unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let script = format!(
        "source <(mercato completions bash)\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_mercato\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        quoted.join(" "),
        words.len() - 1
    );
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&script)
        .env("PATH", path)
        .env("MERCATO_DATA_DIR", &env.data)
        .env("XDG_CACHE_HOME", env.data.join("..").join("cache"))
        .output()
        .expect("bash is installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn bash_completes_names_from_the_data() {
    let env = TestEnv::shipped();
    assert_eq!(
        bash_complete(&env, &["mercato", "rumour", "add", "kon"]),
        [r"Ibrahima\ Konaté"]
    );
    assert_eq!(
        bash_complete(
            &env,
            &["mercato", "rumour", "add", "upamecano", "--to", "los"]
        ),
        [r"Real\ Madrid"]
    );
    assert_eq!(
        bash_complete(&env, &["mercato", "rumour", "show", "5036"]),
        ["50369ebf"]
    );
    assert!(
        bash_complete(&env, &["mercato", "rumour", "add", "x", "--source", "l"])
            .contains(&"L\\'Equipe".to_string())
    );
}

#[test]
fn bash_completes_values_subcommands_and_options() {
    let env = TestEnv::shipped();
    let positions = bash_complete(&env, &["mercato", "contract", "expiring", "--position", ""]);
    assert_eq!(positions.len(), 12, "{positions:?}");
    assert!(positions.contains(&"CB".to_string()));
    assert_eq!(
        bash_complete(
            &env,
            &["mercato", "rumour", "update", "x", "--status", "ag"]
        ),
        ["agreed"]
    );
    assert_eq!(bash_complete(&env, &["mercato", "rum"]), ["rumour"]);
    assert!(
        bash_complete(&env, &["mercato", "club", "depth", "--v"]).contains(&"--view".to_string())
    );
}
