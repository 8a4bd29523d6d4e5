//! `mercato complete --index N -- WORDS...`: what the shell may complete.
//!
//! The bash script `mercato completions bash` prints calls this on every
//! <TAB> with the words typed so far. It walks the clap definition to see
//! where the cursor is (which subcommand, after which option), then offers
//! subcommands, options, the values of an option (positions, statuses,
//! slots...), or names from the data directory in use (players, clubs,
//! sources, rumour ids). One candidate per line; nothing for a file name,
//! so the shell falls back to its own file completion.

use super::context::{Context, Output};
use clap::Args;
use mercato::Result;
use mercato::complete::{NameKind, names};
use mercato::model::{Position, Slot, Status};

/// What an option's value is, by the option's name.
fn value_kind(option: &str) -> Option<Values> {
    Some(match option {
        "club" | "to" | "from" | "signed-from" => Values::Names(NameKind::Club),
        "source" | "via" => Values::Names(NameKind::Source),
        "league" => Values::Names(NameKind::League),
        "player" => Values::Names(NameKind::Player),
        "position" | "also" => Values::Fixed(Position::ALL.iter().map(|p| p.code()).collect()),
        "set" | "reset" => Values::Fixed(Slot::ALL.iter().map(|s| s.code()).collect()),
        "status" => Values::Fixed(Status::ALL.iter().map(|s| s.as_str()).collect()),
        _ => return None,
    })
}

enum Values {
    Names(NameKind),
    Fixed(Vec<&'static str>),
}

/// What a positional argument of a command is, by the command's path.
fn positional_kind(path: &[String]) -> Option<NameKind> {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    Some(match path.as_slice() {
        ["rumour" | "rumours", "show" | "update" | "remove"] => NameKind::Rumour,
        ["rumour" | "rumours", "add"] => NameKind::Player,
        ["player" | "players", _] | ["contract" | "contracts", "set" | "remove"] => {
            NameKind::Player
        }
        ["club" | "clubs", _] => NameKind::Club,
        ["source" | "sources", _] => NameKind::Source,
        _ => return None,
    })
}

/// What the shell may complete at word INDEX of WORDS (used by `mercato completions bash`).
#[derive(Debug, Args)]
#[command(hide = true)]
pub struct CompleteArgs {
    /// The position of the word being completed (bash's COMP_CWORD).
    #[arg(long)]
    pub index: usize,
    /// The words typed so far, `mercato` first.
    #[arg(last = true)]
    pub words: Vec<String>,
}

/// The candidates for the word at `index` of `words` (words[0] is `mercato`).
pub fn run(ctx: &Context, args: CompleteArgs) -> Result<Output> {
    let (index, words) = (args.index, &args.words);
    let root = (ctx.app)();
    // A word the user opened a quote for ("Real Ma) is matched without it.
    let current = words
        .get(index)
        .map(|w| w.trim_start_matches(['"', '\'']))
        .unwrap_or("");
    let (cmd, path, expects_value) = locate(&root, words, index);
    let out = if let Some(option) = expects_value {
        option_values(ctx, &root, cmd, &option, current)
    } else if current.starts_with('-') {
        let mut options: Vec<String> = cmd
            .get_arguments()
            .chain(root.get_arguments())
            .filter(|a| !a.is_hide_set())
            .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
            .filter(|l| l.starts_with(current))
            .collect();
        options.sort();
        options.dedup();
        options
    } else if cmd.has_subcommands() {
        cmd.get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(|s| s.get_name().to_string())
            .filter(|n| n.starts_with(current))
            .collect()
    } else if let Some(kind) = positional_kind(&path) {
        world_names(ctx, kind, current)
    } else {
        Vec::new()
    };
    let mut text = out.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Ok(Output::text(text))
}

/// The subcommand the cursor is in, the names of the subcommands leading
/// to it, and the option whose value the cursor is at (if it is), found by
/// walking the words before it, skipping option values.
fn locate<'c>(
    root: &'c clap::Command,
    words: &[String],
    index: usize,
) -> (&'c clap::Command, Vec<String>, Option<String>) {
    let mut cmd = root;
    let mut path: Vec<String> = Vec::new();
    let mut expects_value: Option<String> = None;
    let mut i = 1;
    while i < index.min(words.len()) {
        let word = &words[i];
        if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, _)) => (n, true),
                None => (long, false),
            };
            let takes_value = cmd
                .get_arguments()
                .chain(root.get_arguments())
                .find(|a| a.get_long() == Some(name))
                .is_some_and(|a| a.get_action().takes_values());
            if takes_value && !inline {
                if i + 1 == index {
                    expects_value = Some(name.to_string());
                }
                i += 1;
            }
        } else if let Some(sub) = cmd.find_subcommand(word) {
            path.push(sub.get_name().to_string());
            cmd = sub;
        }
        i += 1;
    }
    (cmd, path, expects_value)
}

/// The values `--option` may take that start with `current`: clap's
/// possible values, a fixed set, or names from the data.
fn option_values(
    ctx: &Context,
    root: &clap::Command,
    cmd: &clap::Command,
    option: &str,
    current: &str,
) -> Vec<String> {
    let arg = cmd
        .get_arguments()
        .chain(root.get_arguments())
        .find(|a| a.get_long() == Some(option));
    let possible: Vec<String> = arg
        .map(|a| {
            a.get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect()
        })
        .unwrap_or_default();
    let fixed = |values: Vec<String>| -> Vec<String> {
        let typed = current.to_lowercase();
        values
            .into_iter()
            .filter(|v| v.to_lowercase().starts_with(&typed))
            .collect()
    };
    match value_kind(option) {
        _ if !possible.is_empty() => fixed(possible),
        Some(Values::Fixed(values)) => fixed(values.into_iter().map(String::from).collect()),
        Some(Values::Names(kind)) => world_names(ctx, kind, current),
        None => Vec::new(),
    }
}

/// Names from the data directory; none if it cannot be read (completion
/// never prints an error in the middle of a command line).
fn world_names(ctx: &Context, kind: NameKind, partial: &str) -> Vec<String> {
    match ctx.read_brief() {
        Ok(world) => names(&world, kind, partial),
        Err(_) => Vec::new(),
    }
}

/// The bash completion script: every <TAB> asks `mercato complete`, and
/// the candidates are quoted for the shell (names have spaces and accents).
pub const BASH: &str = r#"# bash completion for mercato (mercato completions bash)
_mercato() {
    local IFS=$'\n' candidate
    local -a found
    found=($(mercato complete --index "$COMP_CWORD" -- "${COMP_WORDS[@]}" 2>/dev/null))
    COMPREPLY=()
    for candidate in "${found[@]}"; do
        COMPREPLY+=("$(printf '%q' "$candidate")")
    done
    if [ ${#COMPREPLY[@]} -eq 0 ]; then
        compopt -o default 2>/dev/null
    fi
}
complete -F _mercato mercato
"#;
