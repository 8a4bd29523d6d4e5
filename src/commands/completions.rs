//! `mercato completions SHELL`: a shell completion script.

use clap::Args;
use clap_complete::Shell;

/// Print a shell completion script: bash, zsh, fish, powershell or elvish.
#[derive(Debug, Args)]
#[command(after_help = r#"Examples:
  mercato completions bash > ~/.local/share/bash-completion/completions/mercato
  mercato completions zsh > ~/.zfunc/_mercato
  mercato completions fish > ~/.config/fish/completions/mercato.fish

To turn it on: in bash, `source <(mercato completions bash)` (add that line to
~/.bashrc to keep it), or write the file above once; in zsh, write the file
above and put `fpath+=(~/.zfunc); autoload -U compinit; compinit` in ~/.zshrc;
in fish, the file above is enough. The bash script completes players, clubs,
sources and rumour ids from your data."#)]
pub struct CompletionsArgs {
    pub shell: Shell,
}

/// The script for the command line `app` (given by the caller, which
/// parses it). Bash's asks `mercato complete`, which knows the names in the
/// data; the others are clap's.
pub fn script(args: &CompletionsArgs, mut app: clap::Command) -> String {
    match args.shell {
        Shell::Bash => super::complete::BASH.to_string(),
        shell => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut app, "mercato", &mut out);
            String::from_utf8_lossy(&out).into_owned()
        }
    }
}
