//! Files the roles write: public JSON files that must not be replaced, and the private files
//! that hold a guardian's encrypted secrets (created with permissions 0600, never
//! overwritten, never printed; `secret_files.rs` encrypts and decrypts them).

use super::failure::Failure;
use scrutin_record::{json_file, FileKind};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use zeroize::Zeroizing;

/// Writes a public JSON file that must not exist yet (exit 2 if it does).
pub fn write_new<T: Serialize>(file: &Path, value: &T) -> Result<(), Failure> {
    if file.exists() {
        return Err(Failure::bad_input(format!(
            "{} exists already; it is not replaced",
            file.display()
        )));
    }
    json_file::write(file, value).map_err(Failure::write)
}

/// Writes a public JSON file, replacing any earlier one.
pub fn write<T: Serialize>(file: &Path, value: &T) -> Result<(), Failure> {
    json_file::write(file, value).map_err(Failure::write)
}

/// The failure of creating a private file that exists already.
pub fn exists_already(file: &Path) -> Failure {
    Failure::bad_input(format!(
        "{} exists already; a secret file is never overwritten",
        file.display()
    ))
}

/// Creates a file readable by its owner only, refusing to replace an existing file. A partly
/// written file is removed.
pub fn create_private(file: &Path, bytes: &[u8]) -> Result<(), Failure> {
    if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| Failure::failed(format!("cannot create {}: {e}", parent.display())))?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut handle = options.open(file).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            exists_already(file)
        } else {
            Failure::failed(format!("cannot create {}: {e}", file.display()))
        }
    })?;
    let written = handle.write_all(bytes).and_then(|()| handle.sync_all());
    if let Err(e) = written {
        drop(handle);
        let _ = std::fs::remove_file(file);
        return Err(Failure::failed(format!(
            "cannot write {}: {e}",
            file.display()
        )));
    }
    Ok(())
}

/// Reads a private file into a buffer that is zeroized when dropped, never through a symbolic
/// link or from a special file and never beyond the cap for secret files. Warns when others
/// may read it.
pub fn read_private(file: &Path) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let bytes = Zeroizing::new(scrutin_record::capped::read(file, FileKind::Secret)?);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(file) {
            if meta.permissions().mode() & 0o077 != 0 {
                eprintln!(
                    "warning: {} is readable by other users; it holds secrets (chmod 600)",
                    file.display()
                );
            }
        }
    }
    Ok(bytes)
}

/// Deletes a secret file that must not be used again.
pub fn delete_secret(file: &Path) -> Result<(), Failure> {
    std::fs::remove_file(file)
        .map_err(|e| Failure::failed(format!("cannot delete {}: {e}", file.display())))
}
