//! The `mercato` binary: parse the command line, run it, print, map errors to exit codes.
//! Exit codes: 0 ok; 1 for what depends on the data (an unknown name, a refused
//! change, a bad file); 2 for what is wrong whatever the data (clap's usage errors
//! and values that can never be valid: `cli::parse`).

mod cli;
mod commands;
mod values;

use mercato::render::visible_output;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let settings = match config_settings() {
        Ok(settings) => settings,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(e.exit_code());
        }
    };
    let cli = match cli::parse(&settings) {
        Ok(cli) => cli,
        // Prints help/version (exit 0) or the usage error (exit 2).
        Err(e) => exit_usage(e),
    };
    if let Some(code) = print_without_data(&cli.command) {
        return code;
    }
    let ctx = context(&cli);
    // Only the questions asked of the world get the old-data note (not
    // completion, set-up or the merge driver).
    let note_old_data = cli.as_of.is_none()
        && matches!(
            cli.command,
            commands::Command::Rumour(_)
                | commands::Command::Contract(_)
                | commands::Command::Club(_)
                | commands::Command::Player(_)
                | commands::Command::Source(_)
                | commands::Command::Digest(_)
        );
    let result = commands::run(&ctx, cli.command);
    report(&ctx, result, note_old_data)
}

/// `completions` and `man`: what clap knows, printed with no data directory
/// and no context.
fn print_without_data(command: &commands::Command) -> Option<ExitCode> {
    let printed = match command {
        commands::Command::Completions(args) => Ok(commands::completions::script(
            args,
            <cli::Cli as clap::CommandFactory>::command(),
        )),
        commands::Command::Man(args) => {
            commands::man::run(args, <cli::Cli as clap::CommandFactory>::command())
        }
        _ => return None,
    };
    Some(match printed {
        Ok(text) => {
            print(&text);
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    })
}

/// What every command is given: the global options resolved against the
/// day and the terminal.
fn context(cli: &cli::Cli) -> commands::Context {
    // "Today" is read once, here; the library only ever sees this date.
    let today = chrono::Local::now().date_naive();
    let as_of = cli.as_of.map_or(today, |d| d.resolve(today));
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match cli.color {
        cli::ColorChoice::Always => true,
        cli::ColorChoice::Never => false,
        cli::ColorChoice::Auto => stdout_is_terminal && !no_color,
    };
    let width = cli.width.or_else(|| {
        stdout_is_terminal
            .then(|| comfy_table::Table::new().width())
            .flatten()
    });
    let format = match (cli.json, cli.format) {
        (true, _) | (false, Some(cli::FormatArg::Json)) => commands::Format::Json,
        (false, Some(cli::FormatArg::Csv)) => commands::Format::Csv,
        (false, Some(cli::FormatArg::Tsv)) => commands::Format::Tsv,
        (false, Some(cli::FormatArg::Table) | None) => commands::Format::Table,
    };
    commands::Context {
        data_dir: cli.data_dir.clone(),
        as_of,
        json: format == commands::Format::Json,
        format,
        limit: cli.limit.map(|n| n as usize),
        wrote: std::cell::Cell::new(false),
        style: mercato::render::Style { width, color },
        command_line: command_line(),
        lock_timeout: std::time::Duration::try_from_secs_f64(cli.lock_timeout.max(0.0))
            .unwrap_or(std::time::Duration::from_secs(5)),
        app: <cli::Cli as clap::CommandFactory>::command,
    }
}

/// Prints what the command printed and its notes (with the old-data note
/// when asked for and nothing was written), or its error and hint; returns
/// the exit code.
fn report(
    ctx: &commands::Context,
    result: mercato::Result<commands::Output>,
    note_old_data: bool,
) -> ExitCode {
    match result {
        Ok(mut output) => {
            // Text for the terminal never carries a hidden character from
            // the data (render::visible); JSON and CSV are data for
            // programs, escaped by their own rules.
            match ctx.format {
                commands::Format::Table => print(&visible_output(&output.stdout, ctx.style.color)),
                _ => print(&output.stdout),
            }
            if note_old_data
                && !ctx.wrote.get()
                && let Some(note) = commands::stale_note(ctx)
            {
                output.notes.push(note);
            }
            for note in output.notes {
                eprintln!("note: {}", visible_output(&note, false));
            }
            if output.failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            if ctx.format == commands::Format::Json {
                print(&mercato::render::error_json(&e));
            }
            eprintln!("error: {}", visible_output(&e.to_string(), false));
            if let Some(hint) = e.hint() {
                eprintln!("hint: {}", visible_output(&hint, false));
            }
            ExitCode::from(e.exit_code())
        }
    }
}

/// The settings of `mercato.toml` in the data directory, then of the user's
/// `$XDG_CONFIG_HOME/mercato/config.toml` (or `~/.config/...`) for what the
/// first leaves unset. The data directory is found as clap will find it:
/// `--data-dir`, else `MERCATO_DATA_DIR`, else `data`.
fn config_settings() -> mercato::Result<Vec<mercato::config::Setting>> {
    // (args_os: an argument that is not UTF-8 is clap's to refuse, not a panic here.)
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let data_dir = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--data-dir") {
            Some("") => args.get(i + 1).cloned(),
            Some(rest) => rest.strip_prefix('=').map(String::from),
            None => None,
        })
        .or_else(|| std::env::var("MERCATO_DATA_DIR").ok())
        .unwrap_or_else(|| "data".to_string());
    let user = std::env::var_os("XDG_CONFIG_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".config")))
        .map(|dir| dir.join("mercato").join("config.toml"));
    let files = [
        Some(std::path::Path::new(&data_dir).join("mercato.toml")),
        user,
    ];
    let mut settings: Vec<mercato::config::Setting> = Vec::new();
    // Only a file that is there is read: a data directory that is missing or
    // not a directory is the store's to explain.
    for path in files.into_iter().flatten().filter(|p| p.is_file()) {
        let text = std::fs::read_to_string(&path).map_err(|e| mercato::Error::io(&path, e))?;
        for setting in mercato::config::parse(&text, &path)? {
            if !settings.iter().any(|s| s.key == setting.key) {
                settings.push(setting);
            }
        }
    }
    Ok(settings)
}

/// The command as typed (for `mercato log`), arguments with spaces quoted.
fn command_line() -> String {
    std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .map(|a| {
            if a.is_empty() || a.contains(char::is_whitespace) {
                format!("\"{}\"", a.replace('"', "\\\""))
            } else {
                a
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Writes to stdout, ignoring a closed pipe (`mercato rumour list | head`).
fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// mimalloc: loading a whole football world makes millions of small
/// allocations, where it is measurably faster than the system allocator.
/// Built without transparent huge pages (`no_thp`): each 2 MiB page it
/// touched was a 2 MiB page resident, doubling a point command's memory
/// (25 -> 13 MiB) and taking `contract expiring` over 10,000 rows past 64 MiB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exits with clap's usage error, except that a bad value is echoed as
/// every error echoes input (`text::shown`): clap would print a pasted page
/// whole, and a control character raw to the terminal.
fn exit_usage(e: clap::Error) -> ! {
    use clap::error::{ContextKind, ContextValue};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(v)) => Some(v.clone()),
        _ => None,
    };
    let Some(value) = context(ContextKind::InvalidValue) else {
        e.exit()
    };
    let shown = mercato::text::shown(&value);
    if shown == value {
        e.exit()
    }
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let why = std::error::Error::source(&e)
        .map(|s| {
            s.to_string()
                .replace(&value, &shown)
                .replace(value.trim(), &shown)
        })
        .unwrap_or_default();
    eprintln!("error: invalid value '{shown}' for '{arg}': {why}");
    std::process::exit(2)
}
