//! Checkpoints (c2sp.org/tlog-checkpoint): a signed note whose text is the log's origin, its
//! tree size and its root hash, one per line, then optional extension lines.

use crate::hash::Hash;
use crate::keys::{Signer, Verifier};
use crate::note::{open_signed_text, sign_text, NoteError, VerifiedSignature};
use std::fmt;

/// A log's signed statement of its tree size and root (c2sp.org/tlog-checkpoint, "Note text").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    /// The log's identity, e.g. `scrutin.example/election/42`.
    pub origin: String,
    /// The number of leaves.
    pub size: u64,
    /// MTH of those leaves (RFC 9162 §2.1.1).
    pub root: Hash,
    /// Opaque extension lines, each non-empty; the spec discourages them and scrutin's board
    /// writes none.
    pub extensions: Vec<String>,
}

/// What is wrong with the size line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizeProblem {
    /// Empty line.
    Empty,
    /// Not only ASCII digits.
    NotDecimal,
    /// A leading zero in a non-zero size.
    LeadingZero,
    /// Larger than 2^64 - 1.
    TooLarge,
}

/// Why a checkpoint's text is malformed.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckpointError {
    /// The text does not end in a newline.
    MissingFinalNewline,
    /// Fewer than the three lines origin, size, root.
    TooFewLines {
        /// The number of lines found.
        found: usize,
    },
    /// The origin line is empty.
    EmptyOrigin,
    /// A line contains a newline or another control character (1-based line number).
    ControlCharacter {
        /// The line.
        line: usize,
    },
    /// The size line is not a canonical decimal number.
    Size(SizeProblem),
    /// The root line is not the canonical base64 of 32 bytes.
    Root,
    /// An extension line is empty (1-based line number of the whole text).
    EmptyExtension {
        /// The line.
        line: usize,
    },
}

impl fmt::Display for CheckpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckpointError::MissingFinalNewline => f.write_str("text does not end in a newline"),
            CheckpointError::TooFewLines { found } => {
                write!(f, "{found} lines, not at least origin, size and root")
            }
            CheckpointError::EmptyOrigin => f.write_str("origin line is empty"),
            CheckpointError::ControlCharacter { line } => {
                write!(f, "line {line} contains a control character")
            }
            CheckpointError::Size(p) => write!(
                f,
                "size line {}",
                match p {
                    SizeProblem::Empty => "is empty",
                    SizeProblem::NotDecimal => "is not a decimal number",
                    SizeProblem::LeadingZero => "has a leading zero",
                    SizeProblem::TooLarge => "exceeds 2^64 - 1",
                }
            ),
            CheckpointError::Root => {
                f.write_str("root line is not the canonical base64 of a 32-byte hash")
            }
            CheckpointError::EmptyExtension { line } => write!(f, "extension line {line} is empty"),
        }
    }
}

impl std::error::Error for CheckpointError {}

fn has_control(line: &str) -> bool {
    line.chars().any(|c| c.is_control())
}

fn parse_size(line: &str) -> Result<u64, SizeProblem> {
    if line.is_empty() {
        return Err(SizeProblem::Empty);
    }
    if !line.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SizeProblem::NotDecimal);
    }
    if line.len() > 1 && line.starts_with('0') {
        return Err(SizeProblem::LeadingZero);
    }
    line.parse().map_err(|_| SizeProblem::TooLarge)
}

impl Checkpoint {
    /// A checkpoint without extension lines.
    pub fn new(origin: impl Into<String>, size: u64, root: Hash) -> Checkpoint {
        Checkpoint {
            origin: origin.into(),
            size,
            root,
            extensions: Vec::new(),
        }
    }

    /// The note text: origin, decimal size and base64 root, each followed by a newline, then the
    /// extension lines (c2sp.org/tlog-checkpoint, "Note text"). Refuses an empty origin, an
    /// empty extension line, and control characters (newlines included) in any of them.
    pub fn text(&self) -> Result<String, CheckpointError> {
        if self.origin.is_empty() {
            return Err(CheckpointError::EmptyOrigin);
        }
        if has_control(&self.origin) {
            return Err(CheckpointError::ControlCharacter { line: 1 });
        }
        let mut text = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            self.root.to_base64()
        );
        for (i, ext) in self.extensions.iter().enumerate() {
            if ext.is_empty() {
                return Err(CheckpointError::EmptyExtension { line: i + 4 });
            }
            if has_control(ext) {
                return Err(CheckpointError::ControlCharacter { line: i + 4 });
            }
            text.push_str(ext);
            text.push('\n');
        }
        Ok(text)
    }

    /// Parses a checkpoint's note text strictly: only the exact text [`Checkpoint::text`] would
    /// write is accepted, so a parsed checkpoint re-encodes to the same bytes.
    pub fn parse_text(text: &str) -> Result<Checkpoint, CheckpointError> {
        let body = text
            .strip_suffix('\n')
            .ok_or(CheckpointError::MissingFinalNewline)?;
        let lines: Vec<&str> = body.split('\n').collect();
        for (i, line) in lines.iter().enumerate() {
            if has_control(line) {
                return Err(CheckpointError::ControlCharacter { line: i + 1 });
            }
        }
        let [origin, size, root, extensions @ ..] = lines.as_slice() else {
            return Err(CheckpointError::TooFewLines { found: lines.len() });
        };
        if origin.is_empty() {
            return Err(CheckpointError::EmptyOrigin);
        }
        let size = parse_size(size).map_err(CheckpointError::Size)?;
        let root = Hash::from_base64(root).ok_or(CheckpointError::Root)?;
        let mut ext = Vec::with_capacity(extensions.len());
        for (i, line) in extensions.iter().enumerate() {
            if line.is_empty() {
                return Err(CheckpointError::EmptyExtension { line: i + 4 });
            }
            ext.push((*line).to_owned());
        }
        Ok(Checkpoint {
            origin: (*origin).to_owned(),
            size,
            root,
            extensions: ext,
        })
    }
}

/// Signs a checkpoint with the log's key: the checkpoint note, text then one signature line
/// (c2sp.org/tlog-checkpoint, "Signatures"). The key name should be the origin.
pub fn sign_checkpoint(checkpoint: &Checkpoint, signer: &Signer) -> Result<String, NoteError> {
    Ok(sign_text(&checkpoint.text()?, signer))
}

/// Opens a checkpoint note from untrusted text: the signatures by `known` keys must all verify
/// and at least one must be present (see [`open_signed_text`]), and the text must be a
/// well-formed checkpoint. Returns the checkpoint and which of `known` signed it.
pub fn open_note(
    note: &str,
    known: &[Verifier],
) -> Result<(Checkpoint, Vec<VerifiedSignature>), NoteError> {
    let (text, sigs) = open_signed_text(note, known)?;
    Ok((Checkpoint::parse_text(text)?, sigs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leaf_hash;

    #[test]
    fn spec_example_text_parses_and_re_encodes() {
        // The checkpoint text of c2sp.org/tlog-checkpoint's example.
        let text =
            "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        let cp = Checkpoint::parse_text(text).unwrap();
        assert_eq!(cp.origin, "example.com/behind-the-sofa");
        assert_eq!(cp.size, 20852163);
        assert_eq!(cp.text().unwrap(), text);
        let with_ext = format!("{text}ext one\next two\n");
        let cp = Checkpoint::parse_text(&with_ext).unwrap();
        assert_eq!(cp.extensions, vec!["ext one", "ext two"]);
        assert_eq!(cp.text().unwrap(), with_ext);
    }

    #[test]
    fn malformed_texts_name_the_problem() {
        let root = leaf_hash(b"r").to_base64();
        let cases: Vec<(String, CheckpointError)> = vec![
            (
                format!("o\n1\n{root}"),
                CheckpointError::MissingFinalNewline,
            ),
            ("o\n1\n".into(), CheckpointError::TooFewLines { found: 2 }),
            (format!("\n1\n{root}\n"), CheckpointError::EmptyOrigin),
            (
                format!("o\n\n{root}\n"),
                CheckpointError::Size(SizeProblem::Empty),
            ),
            (
                format!("o\n01\n{root}\n"),
                CheckpointError::Size(SizeProblem::LeadingZero),
            ),
            (
                format!("o\n00\n{root}\n"),
                CheckpointError::Size(SizeProblem::LeadingZero),
            ),
            (
                format!("o\n+1\n{root}\n"),
                CheckpointError::Size(SizeProblem::NotDecimal),
            ),
            (
                format!("o\n1 \n{root}\n"),
                CheckpointError::Size(SizeProblem::NotDecimal),
            ),
            (
                format!("o\n18446744073709551616\n{root}\n"),
                CheckpointError::Size(SizeProblem::TooLarge),
            ),
            ("o\n1\nAAAA\n".into(), CheckpointError::Root),
            (format!("o\n1\n{root} \n"), CheckpointError::Root),
            (
                format!("o\n1\n{root}\n\n"),
                CheckpointError::EmptyExtension { line: 4 },
            ),
            (
                format!("o\n1\n{root}\nx\n\n"),
                CheckpointError::EmptyExtension { line: 5 },
            ),
            (
                format!("o\r\n1\n{root}\n"),
                CheckpointError::ControlCharacter { line: 1 },
            ),
        ];
        for (text, want) in cases {
            assert_eq!(Checkpoint::parse_text(&text), Err(want), "{text:?}");
        }
        assert_eq!(
            Checkpoint::parse_text(&format!("o\n18446744073709551615\n{root}\n"))
                .unwrap()
                .size,
            u64::MAX
        );
        assert_eq!(
            Checkpoint::parse_text(&format!("o\n0\n{root}\n"))
                .unwrap()
                .size,
            0
        );
    }

    #[test]
    fn invalid_checkpoints_are_not_signed() {
        let s = Signer::from_seed("log", &[3; 32]).unwrap();
        let mut cp = Checkpoint::new("", 1, Hash::empty_root());
        assert_eq!(
            sign_checkpoint(&cp, &s),
            Err(NoteError::Checkpoint(CheckpointError::EmptyOrigin))
        );
        cp.origin = "a\nb".into();
        assert_eq!(
            sign_checkpoint(&cp, &s),
            Err(NoteError::Checkpoint(CheckpointError::ControlCharacter {
                line: 1
            }))
        );
        cp.origin = "log".into();
        cp.extensions = vec![String::new()];
        assert_eq!(
            sign_checkpoint(&cp, &s),
            Err(NoteError::Checkpoint(CheckpointError::EmptyExtension {
                line: 4
            }))
        );
    }

    #[test]
    fn sign_and_open() {
        let s = Signer::from_seed("scrutin.example/e1", &[9; 32]).unwrap();
        let cp = Checkpoint::new("scrutin.example/e1", 42, leaf_hash(b"x"));
        let note = sign_checkpoint(&cp, &s).unwrap();
        assert!(note.starts_with(&cp.text().unwrap()));
        let (got, sigs) = open_note(&note, &[s.verifier()]).unwrap();
        assert_eq!(got, cp);
        assert_eq!(
            sigs,
            vec![VerifiedSignature {
                verifier: 0,
                timestamp: None
            }]
        );
        // Signed text that is not a checkpoint.
        let other = sign_text("hello\n", &s);
        assert_eq!(
            open_note(&other, &[s.verifier()]),
            Err(NoteError::Checkpoint(CheckpointError::TooFewLines {
                found: 1
            }))
        );
    }
}
