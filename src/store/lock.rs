//! One writer at a time per data directory, and readers that never see a
//! change half-applied: an advisory lock (flock) on the data directory
//! itself. Locking the directory, rather than a lock file in it, means a
//! command that fails leaves no trace at all, and a read-only directory can
//! still be read. The OS releases the lock when the process ends, even when
//! it is killed.

use crate::error::{Error, Result};
use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

/// A held lock; dropping it releases the lock.
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// Whether a lock excludes everyone (writers) or only writers (readers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Shared,
    Exclusive,
}

/// Takes the lock, waiting up to `timeout` for another process to release it.
pub fn acquire(dir: &Path, mode: Mode, timeout: Duration) -> Result<Lock> {
    let file = File::open(dir).map_err(|e| Error::DataDir {
        path: dir.to_path_buf(),
        reason: format!("cannot be opened ({e})"),
    })?;
    let started = Instant::now();
    loop {
        let attempt = match mode {
            Mode::Shared => file.try_lock_shared(),
            Mode::Exclusive => file.try_lock(),
        };
        match attempt {
            Ok(()) => return Ok(Lock { _file: file }),
            Err(TryLockError::WouldBlock) if started.elapsed() < timeout => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Busy {
                    path: dir.to_path_buf(),
                    waited_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
                });
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(dir, e)),
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
    fn readers_share_and_leave_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let _a = acquire(dir.path(), Mode::Shared, Duration::ZERO).unwrap();
        let _b = acquire(dir.path(), Mode::Shared, Duration::ZERO).unwrap();
        assert!(acquire(dir.path(), Mode::Exclusive, Duration::ZERO).is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
