//! Where the passphrase of a guardian's secret files comes from, in this order:
//! `--passphrase-file PATH` (its first line), the environment variable `SCRUTIN_PASSPHRASE`,
//! else a prompt on the terminal — asked twice before a new file is encrypted with it. The
//! passphrase is never printed, and every copy scrutin makes is zeroized when dropped.

use super::failure::Failure;
use crate::cli::PassphraseArgs;
use std::path::Path;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// The environment variable read when `--passphrase-file` is not given.
pub const PASSPHRASE_ENV: &str = "SCRUTIN_PASSPHRASE";

/// How often a prompt on the terminal asks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Once: an existing file is about to be opened with it, which checks it.
    Once,
    /// Twice: a new file is about to be encrypted with it and nothing has checked it, so a
    /// typing error would lock the secret away.
    Twice,
}

/// A passphrase, zeroized when dropped; never Debug, Clone or printed.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// The passphrase for `file`, from the first source given; a prompt asks as `ask` says.
    pub fn obtain(args: &PassphraseArgs, file: &Path, ask: Ask) -> Result<Self, Failure> {
        let (text, source) = if let Some(path) = &args.passphrase_file {
            (
                first_line(path)?,
                format!("--passphrase-file {}", path.display()),
            )
        } else if let Some(value) = std::env::var_os(PASSPHRASE_ENV) {
            let text = value
                .into_string()
                .map(Zeroizing::new)
                .map_err(|_| Failure::bad_input(format!("{PASSPHRASE_ENV} is not valid UTF-8")))?;
            (text, PASSPHRASE_ENV.to_string())
        } else {
            (prompt(file, ask)?, "the terminal".to_string())
        };
        if text.is_empty() {
            return Err(Failure::bad_input(format!(
                "the passphrase from {source} is empty"
            )));
        }
        Ok(Passphrase(text))
    }

    /// The passphrase's UTF-8 bytes, as typed (no normalization), the input of Argon2id.
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

/// The first line of a passphrase file, without its line ending. The file is read like a
/// secret file: not through a symbolic link, not from a special file, and within the cap.
fn first_line(path: &Path) -> Result<Zeroizing<String>, Failure> {
    let bytes = Zeroizing::new(
        scrutin_record::capped::read(path, scrutin_record::FileKind::Secret)
            .map_err(|e| Failure::bad_input(format!("--passphrase-file {e}")))?,
    );
    let text = std::str::from_utf8(&bytes)
        .map_err(|e| Failure::bad_input(format!("--passphrase-file {}: {e}", path.display())))?;
    Ok(Zeroizing::new(
        text.lines().next().unwrap_or("").to_string(),
    ))
}

/// Asks on the terminal (rpassword reads the controlling terminal, without echo).
fn prompt(file: &Path, ask_for: Ask) -> Result<Zeroizing<String>, Failure> {
    let ask = |question: String| {
        rpassword::prompt_password(question)
            .map(Zeroizing::new)
            .map_err(|e| {
                Failure::bad_input(format!(
                    "no passphrase for {}: give --passphrase-file PATH or set {PASSPHRASE_ENV}, \
                     or run the command in a terminal to be asked (cannot read the terminal: {e})",
                    file.display()
                ))
            })
    };
    if ask_for == Ask::Once {
        return ask(format!("Passphrase of {}: ", file.display()));
    }
    let first = ask(format!("New passphrase to encrypt {}: ", file.display()))?;
    let again = ask("Repeat the passphrase: ".to_string())?;
    if !bool::from(first.as_bytes().ct_eq(again.as_bytes())) {
        return Err(Failure::bad_input(format!(
            "the two passphrases differ; {} was not written",
            file.display()
        )));
    }
    Ok(first)
}
