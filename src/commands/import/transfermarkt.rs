//! `mercato import transfermarkt`: Transfermarkt's public dataset, from
//! files or downloaded.

use super::rows::import_rows;
use crate::commands::context::{Context, Output};
use clap::{ArgGroup, Args};
use mercato::import::transfermarkt::{self, Files};
use mercato::{Error, Result};
use std::path::PathBuf;

/// Transfermarkt's public dataset (clubs.csv, players.csv, transfers.csv): re-importing updates, never duplicates.
///
/// Clubs are matched to the clubs already there (by id, name, alias, or a
/// well-known name: "RasenBallsport Leipzig" is RB Leipzig) before any is
/// created; `--dry-run` lists the matches. A player whose last season is
/// older than the file's newest has left (retired, gone abroad, a coach
/// now): his last club is history and he is in no squad. Transfers make
/// each player's contract history; a move dated after the as-of day is
/// an agreed future move.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("files").required(true).multiple(true).args(["players", "clubs", "transfers", "download"])))]
#[command(after_help = r#"Examples:
  mercato import transfermarkt --clubs clubs.csv --players players.csv --dry-run
  mercato import transfermarkt --players players.csv --transfers transfers.csv
  mercato import transfermarkt --players players.csv --json
  # the whole published dataset (needs a network):
  #   mercato import transfermarkt --download
  #   mercato import transfermarkt --download --url https://example.org/tm"#)]
pub struct TransfermarktArgs {
    /// players.csv (or players.csv.gz).
    #[arg(long, value_name = "FILE")]
    pub players: Option<PathBuf>,
    /// clubs.csv (or clubs.csv.gz).
    #[arg(long, value_name = "FILE")]
    pub clubs: Option<PathBuf>,
    /// transfers.csv (or .gz): the moves that make each player's contract history.
    #[arg(long, value_name = "FILE")]
    pub transfers: Option<PathBuf>,
    /// Fetch the dataset's published files (clubs, players, competitions,
    /// transfers) into the cache ($XDG_CACHE_HOME/mercato/transfermarkt) and import them.
    #[arg(long, conflicts_with_all = ["players", "clubs", "transfers"])]
    pub download: bool,
    /// Where --download fetches from: a base URL holding players.csv.gz,
    /// clubs.csv.gz, competitions.csv.gz and transfers.csv.gz (a mirror).
    #[arg(long, value_name = "BASE", requires = "download")]
    pub url: Option<String>,
    /// Report what would change, change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Context, args: TransfermarktArgs) -> Result<Output> {
    let fetched = if args.download {
        Some(download(args.url.as_deref())?)
    } else {
        None
    };
    let note = fetched.as_ref().map(|d| {
        format!(
            "downloaded the dataset into {}",
            d.clubs.parent().unwrap_or(&d.clubs).display()
        )
    });
    let files = match &fetched {
        Some(d) => Files {
            clubs: Some(&d.clubs),
            players: Some(&d.players),
            transfers: Some(&d.transfers),
        },
        None => Files {
            clubs: args.clubs.as_deref(),
            players: args.players.as_deref(),
            transfers: args.transfers.as_deref(),
        },
    };
    let mut out = import_rows(ctx, args.dry_run, |w, progress| {
        transfermarkt::import(w, files, ctx.as_of, progress)
    })?;
    out.notes.splice(0..0, note);
    Ok(out)
}

/// `--download [--url BASE]`: the dataset's files, fetched into the cache
/// before anything is imported.
fn download(url: Option<&str>) -> Result<mercato::import::download::Downloaded> {
    use mercato::import::download;
    let dir = download::cache_dir().ok_or_else(|| {
        Error::External("no folder to download into: set XDG_CACHE_HOME or HOME".into())
    })?;
    download::fetch_all(url.unwrap_or(download::DEFAULT_BASE_URL), &dir)
}
