//! The `mercato` binary: parse the command line, run it, print, map errors to exit codes.
//! Exit codes: 0 ok, 1 error, 2 usage (from clap).

mod cli;
mod commands;

use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        // Prints help/version (exit 0) or the usage error (exit 2).
        Err(e) => e.exit(),
    };
    // "Today" is read once, here; the library only ever sees this date.
    let as_of = cli
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let width = std::io::stdout()
        .is_terminal()
        .then(|| comfy_table::Table::new().width())
        .flatten();
    let ctx = commands::Context::new(cli.data_dir.clone(), as_of, cli.json, width);
    match commands::run(&ctx, cli.command) {
        Ok(output) => {
            print(&output.stdout);
            for note in output.notes {
                eprintln!("note: {note}");
            }
            if output.failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            if let Some(hint) = e.hint() {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(1)
        }
    }
}

/// Writes to stdout, ignoring a closed pipe (`mercato rumour list | head`).
fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}
