//! Reading a whole input file safely: never through a symbolic link, never from anything but
//! a regular file, and never more than a cap chosen for the kind of file.
//!
//! Every file scrutin reads may come from someone else: a record to verify, a guardian's
//! message, a secret file on shared storage. A ballot file replaced by a link to `/dev/zero`,
//! a FIFO or a huge file must give an error that names it, not exhaust memory or block. The
//! caps and their reasons are documented in `docs/record-format.md`, "Size limits".

use crate::error::{RecordError, RecordErrorKind};
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// One mebibyte.
const MIB: u64 = 1 << 20;

/// The kinds of input file, each with its own size cap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// One encrypted ballot or one opened challenged ballot.
    Ballot,
    /// An election manifest.
    Manifest,
    /// Any other file of an election record (2.1 or egk 2.0) or of a ceremony: constants,
    /// configuration, guardian messages, ballot chains, tallies, plaintext ballot lists.
    Record,
    /// A secret file (sealed guardian secrets, key share, decryption state) or a passphrase.
    Secret,
}

impl FileKind {
    /// The largest size in bytes accepted for this kind (reasons in `docs/record-format.md`).
    pub const fn cap(self) -> u64 {
        match self {
            FileKind::Ballot => 64 * MIB,
            FileKind::Manifest => 64 * MIB,
            FileKind::Record => 1024 * MIB,
            FileKind::Secret => 64 * MIB,
        }
    }

    /// What the kind is called in error messages.
    pub const fn name(self) -> &'static str {
        match self {
            FileKind::Ballot => "ballot",
            FileKind::Manifest => "manifest",
            FileKind::Record => "record",
            FileKind::Secret => "secret",
        }
    }
}

/// Reads the whole of `file`, which must be a regular file that is not a symbolic link and
/// holds at most `kind.cap()` bytes.
///
/// The file is opened without following a final symbolic link and without blocking (so a FIFO
/// opens at once), and the type and size are taken from the opened handle, so nothing can be
/// swapped in between the check and the read. At most cap + 1 bytes are read, so a file that
/// grows while it is read is still caught.
pub fn read(file: &Path, kind: FileKind) -> Result<Vec<u8>, RecordError> {
    read_within(file, kind.name(), kind.cap())
}

/// [`read`] with the cap given directly, so that tests can use small ones.
/// Refuses bytes held in memory (not read from a file) that exceed `kind`'s cap, as
/// [`read`] refuses such a file.
pub fn check_len(file: &Path, kind: FileKind, len: usize) -> Result<(), RecordError> {
    if u64::try_from(len).map_or(true, |len| len > kind.cap()) {
        return Err(RecordError {
            file: file.to_path_buf(),
            kind: RecordErrorKind::TooLarge {
                kind: kind.name(),
                cap: kind.cap(),
            },
        });
    }
    Ok(())
}

fn read_within(file: &Path, kind: &'static str, cap: u64) -> Result<Vec<u8>, RecordError> {
    let handle = open_no_follow(file)?;
    let metadata = handle.metadata().map_err(|e| RecordError::io(file, e))?;
    if !metadata.is_file() {
        return Err(not_regular(file, describe(&metadata.file_type())));
    }
    let too_large = || RecordError {
        file: file.to_path_buf(),
        kind: RecordErrorKind::TooLarge { kind, cap },
    };
    if metadata.len() > cap {
        return Err(too_large());
    }
    // The declared size, so that a file that does not change is read without reallocating.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    handle
        .take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| RecordError::io(file, e))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > cap {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Opens `file` for reading with `O_NOFOLLOW | O_NONBLOCK`: a final symbolic link fails with
/// `ELOOP`, reported as not a regular file; a FIFO opens without waiting for a writer.
#[cfg(unix)]
fn open_no_follow(file: &Path) -> Result<File, RecordError> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(file)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => not_regular(file, "a symbolic link"),
            _ => RecordError::io(file, e),
        })
}

/// Elsewhere: refuses a symbolic link seen before opening. The link could be created between
/// the check and the open; the type and size checks on the opened handle still apply.
#[cfg(not(unix))]
fn open_no_follow(file: &Path) -> Result<File, RecordError> {
    let metadata = std::fs::symlink_metadata(file).map_err(|e| RecordError::io(file, e))?;
    if metadata.file_type().is_symlink() {
        return Err(not_regular(file, "a symbolic link"));
    }
    File::open(file).map_err(|e| RecordError::io(file, e))
}

/// What a file that is not regular is, for the error message.
fn describe(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

fn not_regular(file: &Path, found: &'static str) -> RecordError {
    RecordError {
        file: file.to_path_buf(),
        kind: RecordErrorKind::NotRegularFile { found },
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn found(error: RecordError) -> &'static str {
        match error.kind {
            RecordErrorKind::NotRegularFile { found } => found,
            other => panic!("expected NotRegularFile, got {other:?}"),
        }
    }

    fn assert_too_large(error: RecordError, expected_cap: u64) {
        match error.kind {
            RecordErrorKind::TooLarge { cap, .. } => assert_eq!(cap, expected_cap),
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("eballot-1.json");
        std::fs::write(&file, b"{}\n").unwrap();
        assert_eq!(read(&file, FileKind::Ballot).unwrap(), b"{}\n");
        assert_eq!(read_within(&file, "test", 3).unwrap(), b"{}\n");
    }

    #[test]
    fn a_symbolic_link_is_refused_even_to_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let ballot = dir.path().join("eballot-1.json");
        symlink("/dev/zero", &ballot).unwrap();
        let error = read(&ballot, FileKind::Ballot).unwrap_err();
        assert_eq!(error.file, ballot);
        assert_eq!(found(error), "a symbolic link");
        let real = dir.path().join("real.json");
        std::fs::write(&real, b"{}").unwrap();
        let link = dir.path().join("link.json");
        symlink(&real, &link).unwrap();
        assert_eq!(
            found(read(&link, FileKind::Record).unwrap_err()),
            "a symbolic link"
        );
    }

    #[test]
    fn a_device_a_directory_and_a_fifo_are_refused() {
        assert_eq!(
            found(read(Path::new("/dev/zero"), FileKind::Ballot).unwrap_err()),
            "a device"
        );
        let dir = tempfile::tempdir().unwrap();
        let ballot = dir.path().join("eballot-1.json");
        std::fs::create_dir(&ballot).unwrap();
        assert_eq!(
            found(read(&ballot, FileKind::Ballot).unwrap_err()),
            "a directory"
        );
        // Opening a FIFO must neither block waiting for a writer nor read from it.
        let fifo = dir.path().join("eballot-2.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert_eq!(found(read(&fifo, FileKind::Ballot).unwrap_err()), "a FIFO");
    }

    #[test]
    fn a_file_over_its_cap_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let ballot = dir.path().join("eballot-1.json");
        // A sparse file one byte over the ballot cap: refused from its size, without reading.
        let file = File::create(&ballot).unwrap();
        file.set_len(FileKind::Ballot.cap() + 1).unwrap();
        let error = read(&ballot, FileKind::Ballot).unwrap_err();
        assert_eq!(error.file, ballot);
        assert!(error.to_string().contains("ballot"), "{error}");
        assert_too_large(error, FileKind::Ballot.cap());
        std::fs::write(&ballot, b"1234").unwrap();
        assert_too_large(read_within(&ballot, "test", 3).unwrap_err(), 3);
    }

    /// A file whose declared size is below the cap but whose contents are not is still caught:
    /// files under /proc declare size 0.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_larger_than_it_declares_is_caught_while_read() {
        let status = Path::new("/proc/self/status");
        assert_eq!(std::fs::metadata(status).unwrap().len(), 0);
        assert_too_large(read_within(status, "test", 16).unwrap_err(), 16);
    }
}
