//! The board's signing key: a 32-byte Ed25519 seed (RFC 8032 §5.1.5) in a file of the data
//! directory, created on the first start with permissions 0600 and never replaced.

use rand_core::{OsRng, RngCore};
use std::io::Write;
use std::path::Path;
use zeroize::Zeroizing;

/// The key file's name in the data directory.
pub const KEY_FILE: &str = "board-signing-key";

/// Why the key cannot be loaded.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum KeyFileError {
    /// The file cannot be read or created.
    #[error("{file}: {error}")]
    Io {
        /// The file.
        file: String,
        /// The error.
        error: std::io::Error,
    },
    /// The file cannot be read: a symbolic link, not a regular file, too large, unreadable.
    #[error("{0}")]
    Read(#[from] scrutin_record::RecordError),
    /// The file does not hold exactly 32 bytes.
    #[error("{file}: holds {len} bytes, a board signing key is a 32-byte Ed25519 seed")]
    Length {
        /// The file.
        file: String,
        /// Its length.
        len: usize,
    },
}

/// Loads the seed from `dir/board-signing-key`, creating it from the operating system's
/// generator if the file does not exist. Warns when others may read an existing file.
pub fn load_or_create(dir: &Path) -> Result<Zeroizing<[u8; 32]>, KeyFileError> {
    let file = dir.join(KEY_FILE);
    let io = |error| KeyFileError::Io {
        file: file.display().to_string(),
        error,
    };
    if !file.exists() {
        let mut seed = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(seed.as_mut());
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut handle = options.open(&file).map_err(io)?;
        handle.write_all(seed.as_ref()).map_err(io)?;
        handle.sync_all().map_err(io)?;
        return Ok(seed);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).map_err(io)?.permissions().mode();
        if mode & 0o077 != 0 {
            eprintln!(
                "warning: {} is readable by other users; it is the board's signing key (chmod 600)",
                file.display()
            );
        }
    }
    // Read as any secret file is: never through a symbolic link or from a special file, and
    // with a size cap, so that a planted link cannot make the board read another file.
    let bytes = Zeroizing::new(scrutin_record::capped::read(
        &file,
        scrutin_record::FileKind::Secret,
    )?);
    let seed: [u8; 32] = bytes
        .as_slice()
        .try_into()
        .map_err(|_| KeyFileError::Length {
            file: file.display().to_string(),
            len: bytes.len(),
        })?;
    Ok(Zeroizing::new(seed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_once_with_mode_0600_then_reloaded() {
        let dir = tempfile::tempdir().unwrap();
        let first = load_or_create(dir.path()).unwrap();
        let again = load_or_create(dir.path()).unwrap();
        assert_eq!(*first, *again);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_file_of_the_wrong_length_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(KEY_FILE), b"short").unwrap();
        assert!(matches!(
            load_or_create(dir.path()),
            Err(KeyFileError::Length { len: 5, .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_key_file_that_is_a_symbolic_link_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::write(&elsewhere, [7u8; 32]).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.path().join(KEY_FILE)).unwrap();
        let error = load_or_create(dir.path()).map(|_| ()).unwrap_err();
        assert!(matches!(error, KeyFileError::Read(_)), "{error}");
        assert!(error.to_string().contains(KEY_FILE), "{error}");
    }
}
