//! One writer at a time per data directory, and readers that never see a
//! change half-applied: an advisory lock on `.mercato.lock` in the directory.
//! The OS releases it when the process ends, even when it is killed.

use crate::error::{Error, Result};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

/// The lock file's name inside the data directory (git-ignored).
pub const LOCK_FILE: &str = ".mercato.lock";

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct Lock {
    _file: Option<File>,
}

/// Whether a lock excludes everyone (writers) or only writers (readers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Shared,
    Exclusive,
}

/// Takes the lock, waiting up to `timeout` for another process to release it.
pub fn acquire(dir: &Path, mode: Mode, timeout: Duration) -> Result<Lock> {
    let path = dir.join(LOCK_FILE);
    let file = match OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
    {
        Ok(file) => file,
        // A reader of a read-only directory (a mounted archive, another
        // user's checkout) cannot create the lock file; there can be no
        // writer there either, so reading without it is safe.
        Err(e) if mode == Mode::Shared && e.kind() == std::io::ErrorKind::PermissionDenied => {
            return Ok(Lock { _file: None });
        }
        Err(e) if mode == Mode::Shared && e.raw_os_error() == Some(30) => {
            return Ok(Lock { _file: None });
        }
        Err(e) => {
            return Err(Error::DataDir {
                path: dir.to_path_buf(),
                reason: format!("cannot be written ({e})"),
            });
        }
    };
    let started = Instant::now();
    loop {
        let attempt = match mode {
            Mode::Shared => file.try_lock_shared(),
            Mode::Exclusive => file.try_lock(),
        };
        match attempt {
            Ok(()) => return Ok(Lock { _file: Some(file) }),
            Err(TryLockError::WouldBlock) if started.elapsed() < timeout => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Busy {
                    path: dir.to_path_buf(),
                    waited_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                });
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_times_out() {
        let dir = tempfile::tempdir().unwrap();
        let _held = acquire(dir.path(), Mode::Exclusive, Duration::ZERO).unwrap();
        let err = acquire(dir.path(), Mode::Exclusive, Duration::from_millis(30)).unwrap_err();
        assert!(err.to_string().contains("busy"), "{err}");
    }

    #[test]
    fn readers_share() {
        let dir = tempfile::tempdir().unwrap();
        let _a = acquire(dir.path(), Mode::Shared, Duration::ZERO).unwrap();
        let _b = acquire(dir.path(), Mode::Shared, Duration::ZERO).unwrap();
        assert!(acquire(dir.path(), Mode::Exclusive, Duration::ZERO).is_err());
    }
}
