//! Writing a file so that a reader or a crash sees either the old content or
//! the new one, never half of each.
//!
//! Every file mercato writes goes through [`write_atomic`], which also decides
//! its permissions (on Unix) the way a shared checkout needs them:
//!
//! - **A new file** gets what the user's umask allows, as `File::create`,
//!   `git checkout` or an editor would give it: `0o666 & !umask` (0644 under
//!   the usual umask 022, 0664 under 002). Not 0600, the temporary file's
//!   default, which would lock the other users of a shared data directory out.
//! - **A file being replaced** keeps its permission bits, so a `chmod g+w`
//!   someone made on purpose survives the next change. (Its owner becomes the
//!   writer: a rename puts a new file in place.)

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// The prefix of temporary files; `load` skips them and `save` removes leftovers.
pub const TEMP_PREFIX: &str = ".tmp-";

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory, fsync, rename over the target, fsync of the directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |out| {
        out.write_all(bytes).map_err(|e| Error::io(path, e))
    })
}

/// As [`write_atomic`], with the content streamed by `write` (an export of
/// a whole world need not be held in memory). If `write` fails, the
/// temporary file is removed and `path` is left as it was.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    // A bare file name ("x.json", as git hands the merge driver) has an
    // empty parent: that is the current directory.
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX);
    #[cfg(unix)]
    {
        // tempfile passes this mode to open(2), which applies the umask; its
        // own default is 0600.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    #[cfg(unix)]
    if let Some(mode) = existing_mode(path) {
        // fchmod, unlike open(2), is not filtered by the umask.
        use std::os::unix::fs::PermissionsExt;
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(temp.path(), e))?;
    }
    {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, temp.as_file_mut());
        write(&mut out)?;
        out.flush().map_err(|e| Error::io(path, e))?;
    }
    temp.as_file()
        .sync_all()
        .map_err(|e| Error::io(temp.path(), e))?;
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(dir)
}

/// The permission bits of the regular file at `path`, if there is one.
#[cfg(unix)]
fn existing_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).ok()?;
    meta.is_file().then(|| meta.permissions().mode() & 0o777)
}

/// Makes a rename in `dir` durable.
fn sync_dir(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        let handle = std::fs::File::open(dir).map_err(|e| Error::io(dir, e))?;
        handle.sync_all().map_err(|e| Error::io(dir, e))?;
    }
    Ok(())
}

/// Removes temporary files a killed writer left in `dir`. Only called while
/// holding the write lock, so no live writer owns them.
pub fn remove_leftovers(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(TEMP_PREFIX) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
    }

    /// The permission bits `File::create` gives a new file under the current
    /// umask, found without changing the umask (it is process-wide).
    #[cfg(unix)]
    fn umask_default_mode(dir: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        let probe = dir.join("probe");
        std::fs::File::create(&probe).unwrap();
        let mode = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
        std::fs::remove_file(&probe).unwrap();
        mode
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_what_the_umask_allows() {
        let dir = tempfile::tempdir().unwrap();
        let expected = umask_default_mode(dir.path());
        let path = dir.path().join("new.json");
        write_atomic(&path, b"{}").unwrap();
        assert_eq!(mode(&path), expected, "{:o} vs {expected:o}", mode(&path));
        let nested = dir.path().join("a/b/new.json");
        write_atomic(&nested, b"{}").unwrap();
        assert_eq!(mode(&nested), expected);
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        // 0640 differs from what umask 022 or 002 gives, 0666 from 077.
        for chosen in [0o640, 0o666, 0o600] {
            std::fs::write(&path, b"old").unwrap();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(chosen)).unwrap();
            write_atomic(&path, b"new").unwrap();
            assert_eq!(std::fs::read(&path).unwrap(), b"new");
            assert_eq!(mode(&path), chosen, "{:o} vs {chosen:o}", mode(&path));
        }
    }

    #[test]
    fn leftovers_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".tmp-abc"), b"half").unwrap();
        std::fs::write(dir.path().join("keep.json"), b"{}").unwrap();
        remove_leftovers(dir.path());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, ["keep.json"]);
    }
}
