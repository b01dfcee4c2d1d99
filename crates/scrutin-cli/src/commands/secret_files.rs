//! A command's secret files, encrypted with one passphrase (docs/record-format.md, "Secret
//! files"): each is sealed by `scrutin_record::sealed` before it is written and opened
//! after it is read, and every secret the CLI keeps goes through here.

use super::failure::Failure;
use super::files;
use super::passphrase::{Ask, Passphrase};
use crate::cli::PassphraseArgs;
use rand_core::OsRng;
use scrutin_record::sealed::{self, KdfCost, SealedFileError, MAGIC};
use std::cell::OnceCell;
use std::path::Path;
use zeroize::Zeroizing;

/// The secret files of one command. The passphrase is asked for once, when first needed, and
/// kept for the command's other files once a file has been opened with it or a new one
/// encrypted with it.
pub struct SecretFiles<'a> {
    args: &'a PassphraseArgs,
    passphrase: OnceCell<Passphrase>,
}

impl<'a> SecretFiles<'a> {
    /// The secret files of a command given these passphrase options.
    pub fn new(args: &'a PassphraseArgs) -> Self {
        SecretFiles {
            args,
            passphrase: OnceCell::new(),
        }
    }

    /// Reads and decrypts a secret file. A plain file of the old format, a damaged one or a
    /// wrong passphrase is an error that says which (exit 2).
    pub fn read(&self, file: &Path) -> Result<Zeroizing<Vec<u8>>, Failure> {
        self.open_with(file, |passphrase, bytes| {
            sealed::open(passphrase, bytes).map_err(|e| read_failure(file, e))
        })
    }

    /// Reads a secret file and opens it with `open`, given the passphrase's bytes and the
    /// file's: [`Self::read`] for any sealed plaintext, an identity for a sealed identity.
    pub fn open_with<T>(
        &self,
        file: &Path,
        open: impl Fn(&[u8], &[u8]) -> Result<T, Failure>,
    ) -> Result<T, Failure> {
        let bytes = files::read_private(file)?;
        if let Some(passphrase) = self.passphrase.get() {
            return open(passphrase.as_bytes(), &bytes);
        }
        // Only the header is read before the passphrase is asked for, so that a plain file
        // is named as such without a prompt.
        sealed::Header::parse(&bytes).map_err(|e| read_failure(file, e))?;
        let passphrase = Passphrase::obtain(self.args, file, Ask::Once)?;
        let opened = open(passphrase.as_bytes(), &bytes)?;
        let _ = self.passphrase.set(passphrase);
        Ok(opened)
    }

    /// Encrypts `plaintext` into a new secret file (permissions 0600, never overwritten),
    /// with Argon2id at scrutin's default cost ([`KdfCost::DEFAULT`]).
    pub fn write(&self, file: &Path, plaintext: &[u8]) -> Result<(), Failure> {
        self.write_with(file, |passphrase| {
            sealed::seal(&mut OsRng, passphrase, KdfCost::DEFAULT, plaintext)
        })
    }

    /// Writes the new secret file (permissions 0600, never overwritten) that `seal` makes
    /// from the passphrase's bytes.
    pub fn write_with(
        &self,
        file: &Path,
        seal: impl FnOnce(&[u8]) -> Result<Vec<u8>, SealedFileError>,
    ) -> Result<(), Failure> {
        if file.exists() {
            return Err(files::exists_already(file));
        }
        let passphrase = match self.passphrase.get() {
            Some(passphrase) => passphrase,
            None => {
                let passphrase = Passphrase::obtain(self.args, file, Ask::Twice)?;
                self.passphrase.get_or_init(|| passphrase)
            }
        };
        let encrypted = seal(passphrase.as_bytes())
            .map_err(|e| Failure::failed(format!("cannot encrypt {}: {e}", file.display())))?;
        files::create_private(file, &encrypted)
    }
}

/// The failure of reading a secret file, with what to do about it.
pub fn read_failure(file: &Path, error: SealedFileError) -> Failure {
    match error {
        SealedFileError::NotEncrypted => Failure::bad_input(format!(
            "{}: not an encrypted secret file (no {:?} header). A secret file written by a \
             scrutin from before secret files were encrypted holds its secret in the clear: \
             encrypt it with `scrutin guardian encrypt-secret --plain {} --secret NEW_FILE`, \
             use NEW_FILE instead, and delete the plain file",
            file.display(),
            String::from_utf8_lossy(MAGIC),
            file.display()
        )),
        error => Failure::bad_input(format!("{}: {error}", file.display())),
    }
}
