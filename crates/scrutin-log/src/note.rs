//! Signed notes (c2sp.org/signed-note): text, a blank line, then signature lines
//! `— <key name> <base64(key ID || signature)>`.
//!
//! Parsing is strict and bounded: the whole note is at most [`MAX_NOTE_LEN`] bytes with at most
//! [`MAX_SIGNATURES`] signature lines, every line ends in exactly one `\n`, and no other control
//! character may appear.

use crate::cosign::cosigned_message;
use crate::keys::{check_name, NameProblem, SignatureType, Signer, Verifier};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use std::fmt;

/// The largest note accepted, in bytes.
pub const MAX_NOTE_LEN: usize = 64 * 1024;

/// The most signature lines accepted in one note (the spec requires at least 16).
pub const MAX_SIGNATURES: usize = 100;

/// The prefix of a signature line: em dash (U+2014) and a space.
const SIG_PREFIX: &str = "\u{2014} ";

/// What is wrong with one signature line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureLineProblem {
    /// The line does not start with an em dash and a space.
    NoDashPrefix,
    /// There is no space between the key name and the signature.
    NoSignature,
    /// The key name is not valid.
    Name(NameProblem),
    /// The signature is not canonical standard base64.
    NotBase64,
    /// The signature decodes to fewer than the 5 bytes of a key ID and a signature.
    TooShort,
    /// A signature line to add is not exactly one newline-terminated line.
    NotOneLine,
}

impl fmt::Display for SignatureLineProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignatureLineProblem::NoDashPrefix => {
                f.write_str("does not start with an em dash and a space")
            }
            SignatureLineProblem::NoSignature => f.write_str("has no signature after the key name"),
            SignatureLineProblem::Name(p) => write!(f, "has a key name that {p}"),
            SignatureLineProblem::NotBase64 => {
                f.write_str("has a signature that is not canonical base64")
            }
            SignatureLineProblem::TooShort => f.write_str("has a signature shorter than 5 bytes"),
            SignatureLineProblem::NotOneLine => f.write_str("is not exactly one line"),
        }
    }
}

/// Why a signed note was refused.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteError {
    /// The note is longer than [`MAX_NOTE_LEN`] bytes.
    TooLong {
        /// Its length in bytes.
        len: usize,
    },
    /// A control character other than `\n` (including `\r`) at this byte offset.
    ControlCharacter {
        /// The byte offset in the note.
        offset: usize,
    },
    /// No blank line separates the text from the signatures, or nothing follows it.
    NoSignatures,
    /// The last signature line does not end in a newline.
    MissingFinalNewline,
    /// More than [`MAX_SIGNATURES`] signature lines.
    TooManySignatures,
    /// A signature line is malformed.
    SignatureLine {
        /// 1-based line number within the signature block.
        line: usize,
        /// What is wrong.
        problem: SignatureLineProblem,
    },
    /// A known key signed twice.
    DuplicateSignature {
        /// The key name.
        name: String,
        /// The key ID.
        key_id: u32,
    },
    /// A signature by a known key does not verify: the note must be rejected as a whole
    /// (c2sp.org/signed-note, "Signatures").
    BadSignature {
        /// The key name.
        name: String,
        /// The key ID.
        key_id: u32,
    },
    /// A cosignature's timestamp exceeds 2^63 - 1 (c2sp.org/tlog-cosignature, "Format").
    TimestampOutOfRange {
        /// The key name.
        name: String,
    },
    /// None of the given keys signed the note.
    NoKnownSignature,
    /// The note is not signed by a key that must sign it (the log's, or a cosigner's being
    /// added).
    NotSignedBy {
        /// The key name.
        name: String,
    },
    /// The text is signed but is not a well-formed checkpoint.
    Checkpoint(crate::CheckpointError),
}

impl fmt::Display for NoteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NoteError::TooLong { len } => {
                write!(
                    f,
                    "note is {len} bytes, more than the {MAX_NOTE_LEN} accepted"
                )
            }
            NoteError::ControlCharacter { offset } => {
                write!(f, "control character at byte {offset} of the note")
            }
            NoteError::NoSignatures => {
                f.write_str("note has no blank line followed by signature lines")
            }
            NoteError::MissingFinalNewline => f.write_str("note does not end in a newline"),
            NoteError::TooManySignatures => {
                write!(f, "note has more than {MAX_SIGNATURES} signatures")
            }
            NoteError::SignatureLine { line, problem } => {
                write!(f, "signature line {line} {problem}")
            }
            NoteError::DuplicateSignature { name, key_id } => {
                write!(f, "key {name} ({key_id:08x}) signed the note twice")
            }
            NoteError::BadSignature { name, key_id } => {
                write!(f, "signature by key {name} ({key_id:08x}) does not verify")
            }
            NoteError::TimestampOutOfRange { name } => {
                write!(f, "cosignature by {name} has a timestamp above 2^63 - 1")
            }
            NoteError::NoKnownSignature => f.write_str("note is not signed by any known key"),
            NoteError::NotSignedBy { name } => write!(f, "note is not signed by {name}"),
            NoteError::Checkpoint(e) => write!(f, "note is not a checkpoint: {e}"),
        }
    }
}

impl std::error::Error for NoteError {}

impl From<crate::CheckpointError> for NoteError {
    fn from(e: crate::CheckpointError) -> NoteError {
        NoteError::Checkpoint(e)
    }
}

/// A signature from one of the given verifiers that verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerifiedSignature {
    /// Its position in the slice of verifiers given.
    pub verifier: usize,
    /// For a cosignature, the time the cosigner signed at (POSIX seconds).
    pub timestamp: Option<u64>,
}

/// One parsed, not yet verified, signature line.
struct SignatureLine<'a> {
    name: &'a str,
    key_id: u32,
    signature: Vec<u8>,
}

/// Splits a note into its text (with its final newline) and its parsed signature lines
/// (c2sp.org/signed-note, "Format"): the text ends at the last blank line.
fn split(note: &str) -> Result<(&str, Vec<SignatureLine<'_>>), NoteError> {
    if note.len() > MAX_NOTE_LEN {
        return Err(NoteError::TooLong { len: note.len() });
    }
    if let Some(offset) = note.bytes().position(|b| b < 0x20 && b != b'\n') {
        return Err(NoteError::ControlCharacter { offset });
    }
    let blank = note.rfind("\n\n").ok_or(NoteError::NoSignatures)?;
    let (text, block) = (note.get(..=blank), note.get(blank + 2..));
    let (Some(text), Some(block)) = (text, block) else {
        return Err(NoteError::NoSignatures);
    };
    if block.is_empty() {
        return Err(NoteError::NoSignatures);
    }
    let Some(block) = block.strip_suffix('\n') else {
        return Err(NoteError::MissingFinalNewline);
    };
    let mut lines = Vec::new();
    for (i, line) in block.split('\n').enumerate() {
        if i >= MAX_SIGNATURES {
            return Err(NoteError::TooManySignatures);
        }
        let bad = |problem| NoteError::SignatureLine {
            line: i + 1,
            problem,
        };
        let rest = line
            .strip_prefix(SIG_PREFIX)
            .ok_or(bad(SignatureLineProblem::NoDashPrefix))?;
        let (name, b64) = rest
            .split_once(' ')
            .ok_or(bad(SignatureLineProblem::NoSignature))?;
        check_name(name).map_err(|p| bad(SignatureLineProblem::Name(p)))?;
        let raw = STANDARD
            .decode(b64)
            .map_err(|_| bad(SignatureLineProblem::NotBase64))?;
        let (Some(id), Some(signature)) = (raw.get(..4), raw.get(4..)) else {
            return Err(bad(SignatureLineProblem::TooShort));
        };
        if signature.is_empty() {
            return Err(bad(SignatureLineProblem::TooShort));
        }
        let mut id_bytes = [0u8; 4];
        id_bytes.copy_from_slice(id);
        lines.push(SignatureLine {
            name,
            key_id: u32::from_be_bytes(id_bytes),
            signature: signature.to_vec(),
        });
    }
    Ok((text, lines))
}

/// Verifies one signature by a known key; `Ok(Some(t))` for a cosignature made at time `t`.
fn verify_line(
    v: &Verifier,
    text: &str,
    line: &SignatureLine<'_>,
) -> Result<Option<u64>, NoteError> {
    let bad = || NoteError::BadSignature {
        name: v.name().to_owned(),
        key_id: v.key_id(),
    };
    match v.kind() {
        SignatureType::Ed25519 => {
            if v.verify_ed25519(text.as_bytes(), &line.signature) {
                Ok(None)
            } else {
                Err(bad())
            }
        }
        SignatureType::CosignatureV1 => {
            // timestamped_signature: u64 big-endian timestamp || 64-byte Ed25519 signature.
            let (Some(ts), Some(sig)) = (line.signature.get(..8), line.signature.get(8..)) else {
                return Err(bad());
            };
            let mut ts_bytes = [0u8; 8];
            ts_bytes.copy_from_slice(ts);
            let timestamp = u64::from_be_bytes(ts_bytes);
            if timestamp > crate::cosign::MAX_TIMESTAMP {
                return Err(NoteError::TimestampOutOfRange {
                    name: v.name().to_owned(),
                });
            }
            let message = cosigned_message(timestamp, text);
            if v.verify_ed25519(message.as_bytes(), sig) {
                Ok(Some(timestamp))
            } else {
                Err(bad())
            }
        }
    }
}

/// Opens a signed note (c2sp.org/signed-note, "Signatures"): returns its text and the
/// signatures by `known` keys, all of which must verify. Signature lines of unknown keys (name
/// and key ID not both matching a known key) are ignored; at least one known key must have
/// signed; a known key may sign only once.
pub fn open_signed_text<'a>(
    note: &'a str,
    known: &[Verifier],
) -> Result<(&'a str, Vec<VerifiedSignature>), NoteError> {
    let (text, lines) = split(note)?;
    let mut verified: Vec<VerifiedSignature> = Vec::new();
    for line in &lines {
        let Some(index) = known
            .iter()
            .position(|v| v.name() == line.name && v.key_id() == line.key_id)
        else {
            continue;
        };
        if verified.iter().any(|s| s.verifier == index) {
            return Err(NoteError::DuplicateSignature {
                name: line.name.to_owned(),
                key_id: line.key_id,
            });
        }
        let v = known.get(index).ok_or(NoteError::NoKnownSignature)?;
        let timestamp = verify_line(v, text, line)?;
        verified.push(VerifiedSignature {
            verifier: index,
            timestamp,
        });
    }
    if verified.is_empty() {
        return Err(NoteError::NoKnownSignature);
    }
    Ok((text, verified))
}

/// The signature line `— <name> <base64(key ID || signature)>\n` for raw signature bytes.
pub(crate) fn signature_line(name: &str, key_id: u32, signature: &[u8]) -> String {
    let mut raw = Vec::with_capacity(4 + signature.len());
    raw.extend_from_slice(&key_id.to_be_bytes());
    raw.extend_from_slice(signature);
    format!("{SIG_PREFIX}{name} {}\n", STANDARD.encode(raw))
}

/// Signs `text` (which must end in a newline) with an Ed25519 note signature and returns the
/// signed note: text, blank line, signature line (c2sp.org/signed-note, "Ed25519 signatures").
pub fn sign_text(text: &str, signer: &Signer) -> String {
    let v = signer.verifier();
    let sig = signer.sign_ed25519(text.as_bytes());
    format!("{text}\n{}", signature_line(v.name(), v.key_id(), &sig))
}

#[cfg(test)]
mod tests {
    use super::*;

    // The example of c2sp.org/signed-note ("Verifier keys", "Example").
    const SPEC_VKEY: &str = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";
    const SPEC_NOTE: &str = "This is an example message.\n\n\u{2014} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n";

    // The example of golang.org/x/mod/sumdb/note (package documentation, commit
    // fe2ec04f7c3c3aa6fad97631aafcff6e49e2d1db): the signer key
    // PRIVATE+KEY+PeterNeumann+c74f20a3+<base64(0x01 || seed)>, its vkey, and the note it signs.
    // Ed25519 is deterministic, so signing must reproduce the signature exactly.
    const GO_SEED_B64: &str = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    const GO_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    const GO_TEXT: &str = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    const GO_SIG: &str = "\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    fn go_signer() -> Signer {
        let raw = STANDARD.decode(GO_SEED_B64).unwrap();
        assert_eq!(raw[0], 0x01);
        Signer::from_seed("PeterNeumann", raw[1..].try_into().unwrap()).unwrap()
    }

    #[test]
    fn spec_example_opens() {
        let v = Verifier::parse(SPEC_VKEY).unwrap();
        let (text, sigs) = open_signed_text(SPEC_NOTE, &[v]).unwrap();
        assert_eq!(text, "This is an example message.\n");
        assert_eq!(
            sigs,
            vec![VerifiedSignature {
                verifier: 0,
                timestamp: None
            }]
        );
    }

    #[test]
    fn go_example_signs_byte_for_byte_and_opens() {
        let s = go_signer();
        assert_eq!(s.vkey(), GO_VKEY);
        let note = sign_text(GO_TEXT, &s);
        assert_eq!(note, format!("{GO_TEXT}\n{GO_SIG}"));
        let v = Verifier::parse(GO_VKEY).unwrap();
        let other = Verifier::parse(SPEC_VKEY).unwrap();
        let (text, sigs) = open_signed_text(&note, &[other, v]).unwrap();
        assert_eq!(text, GO_TEXT);
        assert_eq!(sigs[0].verifier, 1);
    }

    #[test]
    fn unknown_signers_are_ignored_but_one_known_is_required() {
        let v = Verifier::parse(SPEC_VKEY).unwrap();
        let go = Verifier::parse(GO_VKEY).unwrap();
        // A second, unknown signature after the known one.
        let note = format!("{SPEC_NOTE}{GO_SIG}");
        let (_, sigs) = open_signed_text(&note, std::slice::from_ref(&v)).unwrap();
        assert_eq!(sigs.len(), 1);
        // Only unknown signatures.
        assert_eq!(
            open_signed_text(SPEC_NOTE, &[go]),
            Err(NoteError::NoKnownSignature)
        );
        assert_eq!(
            open_signed_text(SPEC_NOTE, &[]),
            Err(NoteError::NoKnownSignature)
        );
    }

    #[test]
    fn a_known_key_with_a_bad_signature_rejects_the_note() {
        let v = Verifier::parse(SPEC_VKEY).unwrap();
        let tampered = SPEC_NOTE.replace("example message", "exemplary message");
        assert_eq!(
            open_signed_text(&tampered, std::slice::from_ref(&v)),
            Err(NoteError::BadSignature {
                name: "example.com/foo".into(),
                key_id: 0x530d903a
            })
        );
        // The same key signing twice.
        let twice = format!("{SPEC_NOTE}{}", SPEC_NOTE.split_once("\n\n").unwrap().1);
        assert_eq!(
            open_signed_text(&twice, std::slice::from_ref(&v)),
            Err(NoteError::DuplicateSignature {
                name: "example.com/foo".into(),
                key_id: 0x530d903a
            })
        );
    }

    #[test]
    fn malformed_notes_name_the_problem() {
        let v = [Verifier::parse(SPEC_VKEY).unwrap()];
        let sig = SPEC_NOTE.split_once("\n\n").unwrap().1;
        let sig_body = sig
            .strip_prefix("\u{2014} example.com/foo ")
            .unwrap()
            .trim_end();
        let cases: Vec<(String, NoteError)> = vec![
            ("no signatures\n".into(), NoteError::NoSignatures),
            ("text\n\n".into(), NoteError::NoSignatures),
            (SPEC_NOTE.trim_end().into(), NoteError::MissingFinalNewline),
            (
                SPEC_NOTE.replace('\n', "\r\n"),
                NoteError::ControlCharacter { offset: 27 },
            ),
            (
                format!("a\tb\n\n{sig}"),
                NoteError::ControlCharacter { offset: 1 },
            ),
            (
                format!("text\n\n- example.com/foo {sig_body}\n"),
                NoteError::SignatureLine {
                    line: 1,
                    problem: SignatureLineProblem::NoDashPrefix,
                },
            ),
            (
                format!("text\n\n{sig}\u{2014} example.com/foo\n"),
                NoteError::SignatureLine {
                    line: 2,
                    problem: SignatureLineProblem::NoSignature,
                },
            ),
            (
                format!("text\n\n\u{2014} a+b {sig_body}\n"),
                NoteError::SignatureLine {
                    line: 1,
                    problem: SignatureLineProblem::Name(NameProblem::Plus),
                },
            ),
            (
                format!("text\n\n\u{2014}  {sig_body}\n"),
                NoteError::SignatureLine {
                    line: 1,
                    problem: SignatureLineProblem::Name(NameProblem::Empty),
                },
            ),
            (
                format!("text\n\n\u{2014} example.com/foo {sig_body} \n"),
                NoteError::SignatureLine {
                    line: 1,
                    problem: SignatureLineProblem::NotBase64,
                },
            ),
            (
                "text\n\n\u{2014} example.com/foo AAAAAA==\n".into(),
                NoteError::SignatureLine {
                    line: 1,
                    problem: SignatureLineProblem::TooShort,
                },
            ),
            // A trailing blank line: the last blank line is the separator, with nothing after.
            (format!("text\n\n{sig}\n"), NoteError::NoSignatures),
            (
                format!("text\n\n{sig}junk\n"),
                NoteError::SignatureLine {
                    line: 2,
                    problem: SignatureLineProblem::NoDashPrefix,
                },
            ),
            (
                format!(
                    "text\n\n{}",
                    "\u{2014} other AAAAAAA=\n".repeat(MAX_SIGNATURES + 1)
                ),
                NoteError::TooManySignatures,
            ),
            (
                "x".repeat(MAX_NOTE_LEN + 1),
                NoteError::TooLong {
                    len: MAX_NOTE_LEN + 1,
                },
            ),
        ];
        for (note, want) in cases {
            assert_eq!(
                open_signed_text(&note, &v).map(|_| ()),
                Err(want),
                "{note:?}"
            );
        }
        // Exactly the limit of signatures is fine (all unknown, so: no known signature).
        let many = format!(
            "text\n\n{}",
            "\u{2014} other AAAAAAA=\n".repeat(MAX_SIGNATURES)
        );
        assert_eq!(
            open_signed_text(&many, &v).map(|_| ()),
            Err(NoteError::NoKnownSignature)
        );
    }

    #[test]
    fn the_text_ends_at_the_last_blank_line() {
        let s = go_signer();
        let text = "para one\n\npara two\n";
        let note = sign_text(text, &s);
        let (got, _) = open_signed_text(&note, &[s.verifier()]).unwrap();
        assert_eq!(got, text);
    }
}
