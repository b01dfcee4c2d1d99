//! The board operator's list of administrators: the Ed25519 keys that may create elections
//! (docs/board-api.md, "The administrators file"). One administrator a line,
//! `<64 hex digits of the public key> <name…>`; `#` starts a comment and blank lines are
//! ignored. The operator keeps it in `<data-dir>/administrators` or names it with
//! `scrutin serve --administrators FILE`; the board reads it when it starts.
//!
//! Why a list the operator keeps rather than invitations: it is one file the operator
//! controls and can audit, with nothing to expire or replay. An empty list hosts nothing
//! new: every creation is refused.

use scrutin_record::authorship::roster::MAX_NAME;
use scrutin_record::authorship::PublicKey;
use scrutin_record::capped::{self, FileKind};
use std::path::Path;

/// The file's name in the data directory.
pub const ADMINISTRATORS_FILE: &str = "administrators";

/// The administrators who may create elections on this board, in the file's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Administrators {
    listed: Vec<(PublicKey, String)>,
}

/// Why the administrators file is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AdministratorsError {
    /// The file cannot be read.
    #[error("{file}: {reason}")]
    Unreadable {
        /// The file.
        file: String,
        /// Why.
        reason: String,
    },
    /// A line is not `<64 hex digits> <name>`.
    #[error("line {line} of the administrators file: {reason}")]
    Line {
        /// The 1-based line number.
        line: usize,
        /// What is wrong with it.
        reason: String,
    },
}

impl Administrators {
    /// Reads the list from `text` (see the module documentation); the error names the
    /// first bad line.
    pub fn parse(text: &str) -> Result<Administrators, AdministratorsError> {
        let mut listed: Vec<(PublicKey, String)> = Vec::new();
        for (number, raw) in (1..).zip(text.lines()) {
            let line = raw.split_once('#').map_or(raw, |(before, _)| before).trim();
            if line.is_empty() {
                continue;
            }
            let bad = |reason: String| AdministratorsError::Line {
                line: number,
                reason,
            };
            let (key_text, name) = line
                .split_once(char::is_whitespace)
                .map(|(k, n)| (k, n.trim()))
                .ok_or_else(|| bad("a public key needs a name after it".into()))?;
            let key = PublicKey::from_hex(key_text).ok_or_else(|| {
                bad(format!(
                    "{:?} is not a public key (64 hex digits)",
                    key_text.chars().take(80).collect::<String>()
                ))
            })?;
            if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
                return Err(bad(format!(
                    "the name must be 1 to {MAX_NAME} characters without control characters"
                )));
            }
            if let Some((_, first)) = listed.iter().find(|(k, _)| *k == key) {
                return Err(bad(format!(
                    "the key of {name:?} is listed already, as {first:?}"
                )));
            }
            listed.push((key, name.to_string()));
        }
        Ok(Administrators { listed })
    }

    /// Reads the list from `file` (a regular file, at most the cap of record files).
    pub fn load(file: &Path) -> Result<Administrators, AdministratorsError> {
        let unreadable = |reason: String| AdministratorsError::Unreadable {
            file: file.display().to_string(),
            reason,
        };
        let bytes = capped::read(file, FileKind::Record).map_err(|e| unreadable(e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|_| unreadable("not UTF-8 text".into()))?;
        Administrators::parse(&text)
    }

    /// The name the operator gave `key`, if it is listed.
    pub fn name_of(&self, key: &PublicKey) -> Option<&str> {
        self.listed
            .iter()
            .find(|(listed, _)| listed == key)
            .map(|(_, name)| name.as_str())
    }

    /// The listed administrators, in the file's order.
    pub fn iter(&self) -> impl Iterator<Item = (&PublicKey, &str)> {
        self.listed.iter().map(|(key, name)| (key, name.as_str()))
    }

    /// Whether no administrator is listed.
    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(byte: u8) -> String {
        PublicKey([byte; 32]).to_hex()
    }

    #[test]
    fn comments_and_blank_lines_are_ignored() {
        let text = format!(
            "# election office keys\n\n{}  Springfield office  # since 2026\n{} Shelbyville\n",
            key(1),
            key(2).to_uppercase()
        );
        let list = Administrators::parse(&text).unwrap();
        assert_eq!(
            list.name_of(&PublicKey([1; 32])),
            Some("Springfield office")
        );
        assert_eq!(list.name_of(&PublicKey([2; 32])), Some("Shelbyville"));
        assert_eq!(list.name_of(&PublicKey([3; 32])), None);
        assert_eq!(list.iter().count(), 2);
        assert!(Administrators::parse("# none yet\n").unwrap().is_empty());
    }

    #[test]
    fn bad_lines_are_named_by_number() {
        let cases = [
            (format!("# ok\n{}\n", key(1)), 2, "name"),
            ("\n\nxyz office\n".to_string(), 3, "not a public key"),
            (format!("{} a\n{} b\n", key(1), key(1)), 2, "listed already"),
            (format!("{} a\u{7}b\n", key(1)), 1, "control"),
        ];
        for (text, line, words) in cases {
            match Administrators::parse(&text) {
                Err(AdministratorsError::Line { line: at, reason }) => {
                    assert_eq!(at, line, "{text:?}");
                    assert!(reason.contains(words), "{reason}");
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }
}
