//! `import transfermarkt --download`: the dataset's published files, fetched
//! into a cache so that one command gives a new user the whole real world.
//!
//! Every file is written to a temporary file beside its place and renamed
//! only once it is whole: a download cut short leaves no half file, and the
//! import starts only once all four are there.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where dcaribou/transfermarkt-datasets publishes its prepared files (the
/// public bucket behind the Kaggle dataset `davidcariboo/player-scores`).
pub const DEFAULT_BASE_URL: &str = "https://pub-e682421888d945d684bcae8890b0ec20.r2.dev/data";

/// The published files this import reads, gzipped as published.
pub const FILES: [&str; 4] = [
    "competitions.csv.gz",
    "clubs.csv.gz",
    "players.csv.gz",
    "transfers.csv.gz",
];

/// The downloaded files, in the cache.
#[derive(Debug, Clone)]
pub struct Downloaded {
    pub competitions: PathBuf,
    pub clubs: PathBuf,
    pub players: PathBuf,
    pub transfers: PathBuf,
}

/// The cache folder for downloads: `$XDG_CACHE_HOME/mercato/transfermarkt`,
/// else `~/.cache/mercato/transfermarkt`. Downloads are the user's, not one
/// data directory's, so they live in the user's cache, not in `.mercato/`.
pub fn cache_dir() -> Option<PathBuf> {
    let env = |name| std::env::var_os(name).filter(|v| !v.is_empty());
    let base = env("XDG_CACHE_HOME")
        .map(|d| PathBuf::from(d).join("mercato"))
        .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".cache/mercato")))?;
    Some(base.join("transfermarkt"))
}

/// Fetches the four files from `base` (a URL without the file names) into
/// `dir`. Any failure stops before the import, with the URL and the reason.
pub fn fetch_all(base: &str, dir: &Path) -> Result<Downloaded> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(Duration::from_secs(20)))
        .timeout_global(Some(Duration::from_secs(600)))
        .user_agent(concat!("mercato/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let base = base.trim_end_matches('/');
    for name in FILES {
        fetch(&agent, &format!("{base}/{name}"), &dir.join(name))?;
    }
    Ok(Downloaded {
        competitions: dir.join(FILES[0]),
        clubs: dir.join(FILES[1]),
        players: dir.join(FILES[2]),
        transfers: dir.join(FILES[3]),
    })
}

/// One file: downloaded whole into a temporary file, checked to be gzip,
/// then renamed into place.
fn fetch(agent: &ureq::Agent, url: &str, dest: &Path) -> Result<()> {
    let failed = |why: String| {
        Error::External(format!(
            "could not download {url}: {why}; nothing was imported (is there a network? `--url BASE` fetches from a mirror)"
        ))
    };
    let mut response = agent.get(url).call().map_err(|e| failed(e.to_string()))?;
    let dir = dest.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(dir, e))?;
    let mut body = response.body_mut().as_reader();
    let mut head = [0u8; 2];
    std::io::Read::read_exact(&mut body, &mut head).map_err(|e| failed(e.to_string()))?;
    if head != [0x1f, 0x8b] {
        return Err(failed("the server did not send a gzip file".into()));
    }
    tmp.write_all(&head).map_err(|e| Error::io(tmp.path(), e))?;
    std::io::copy(&mut body, &mut tmp).map_err(|e| failed(e.to_string()))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(tmp.path(), e))?;
    tmp.persist(dest).map_err(|e| Error::io(dest, e.error))?;
    Ok(())
}
