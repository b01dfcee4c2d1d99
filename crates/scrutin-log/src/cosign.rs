//! Witness cosignatures, Ed25519 cosignature/v1 (c2sp.org/tlog-cosignature).
//!
//! A cosignature is a note signature of type 0x04 whose signed bytes are
//! `timestamp (u64, big-endian) || Ed25519 signature` over the message
//! `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint's note text.

use crate::checkpoint::{open_note, Checkpoint};
use crate::keys::{Signer, Verifier};
use crate::note::{signature_line, NoteError, SignatureLineProblem};

/// The largest timestamp a cosignature may carry, 2^63 - 1 (c2sp.org/tlog-cosignature,
/// "Format").
pub const MAX_TIMESTAMP: u64 = i64::MAX as u64;

/// The message an Ed25519 cosignature signs (c2sp.org/tlog-cosignature, "Ed25519 signed
/// message"): the header line, the time line (decimal, no leading zeros), then the whole note
/// text of the checkpoint including its final newline.
pub fn cosigned_message(timestamp: u64, checkpoint_text: &str) -> String {
    format!("cosignature/v1\ntime {timestamp}\n{checkpoint_text}")
}

/// The cosignature line `— <name> <base64(key ID || timestamp || signature)>\n` of `signer`
/// on `checkpoint` at `timestamp` (POSIX seconds). Append it to the signed checkpoint note.
pub fn cosign_checkpoint(
    checkpoint: &Checkpoint,
    signer: &Signer,
    timestamp: u64,
) -> Result<String, NoteError> {
    if timestamp > MAX_TIMESTAMP {
        return Err(NoteError::TimestampOutOfRange {
            name: signer.name().to_owned(),
        });
    }
    let text = checkpoint.text()?;
    let sig = signer.sign_ed25519(cosigned_message(timestamp, &text).as_bytes());
    let mut raw = Vec::with_capacity(72);
    raw.extend_from_slice(&timestamp.to_be_bytes());
    raw.extend_from_slice(&sig);
    Ok(signature_line(
        signer.name(),
        signer.cosignature_verifier().key_id(),
        &raw,
    ))
}

/// Appends a witness's cosignature `line` to a log-signed checkpoint `note`, after checking
/// that the result opens with the `log`'s signature and a valid cosignature by `cosigner` (a
/// type 0x04 verifier): what a log does with a cosignature a witness sends back.
pub fn add_cosignature(
    note: &str,
    line: &str,
    log: &Verifier,
    cosigner: &Verifier,
) -> Result<String, NoteError> {
    // Exactly one line, so that nothing else can be slipped into the note.
    if !line.ends_with('\n') || line.matches('\n').count() != 1 {
        return Err(NoteError::SignatureLine {
            line: 1,
            problem: SignatureLineProblem::NotOneLine,
        });
    }
    let combined = format!("{note}{line}");
    let (_, sigs) = open_note(&combined, &[log.clone(), cosigner.clone()])?;
    for (index, v) in [log, cosigner].into_iter().enumerate() {
        if !sigs.iter().any(|s| s.verifier == index) {
            return Err(NoteError::NotSignedBy {
                name: v.name().to_owned(),
            });
        }
    }
    Ok(combined)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Hash;

    #[test]
    fn message_is_as_in_the_spec_example() {
        // The example message of c2sp.org/tlog-cosignature ("Ed25519 signed message").
        let cp = Checkpoint::new(
            "example.com/behind-the-sofa",
            20852163,
            Hash::from_base64("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=").unwrap(),
        );
        assert_eq!(
            cosigned_message(1679315147, &cp.text().unwrap()),
            "cosignature/v1\ntime 1679315147\nexample.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
        );
    }

    #[test]
    fn cosignatures_are_added_only_when_valid() {
        let log = Signer::from_seed("log", &[1; 32]).unwrap();
        let w = Signer::from_seed("w", &[2; 32]).unwrap();
        let cp = Checkpoint::new("log", 3, crate::leaf_hash(b"x"));
        let note = crate::sign_checkpoint(&cp, &log).unwrap();
        let line = cosign_checkpoint(&cp, &w, 5).unwrap();
        let (lv, wv) = (log.verifier(), w.cosignature_verifier());
        let both = add_cosignature(&note, &line, &lv, &wv).unwrap();
        assert_eq!(both, format!("{note}{line}"));
        // A cosignature of another checkpoint.
        let other = cosign_checkpoint(&Checkpoint::new("log", 4, cp.root), &w, 5).unwrap();
        assert!(matches!(
            add_cosignature(&note, &other, &lv, &wv),
            Err(NoteError::BadSignature { .. })
        ));
        // Someone else's line, or two lines.
        let stranger = Signer::from_seed("s", &[3; 32]).unwrap();
        let line_s = cosign_checkpoint(&cp, &stranger, 5).unwrap();
        assert_eq!(
            add_cosignature(&note, &line_s, &lv, &wv),
            Err(NoteError::NotSignedBy { name: "w".into() })
        );
        assert!(matches!(
            add_cosignature(&note, &format!("{line}{line_s}"), &lv, &wv),
            Err(NoteError::SignatureLine { .. })
        ));
        assert!(matches!(
            add_cosignature(&note, line.trim_end(), &lv, &wv),
            Err(NoteError::SignatureLine { .. })
        ));
        // A note the log did not sign.
        let forged = crate::sign_checkpoint(&cp, &stranger).unwrap();
        assert_eq!(
            add_cosignature(&forged, &line, &lv, &wv),
            Err(NoteError::NotSignedBy { name: "log".into() })
        );
    }

    #[test]
    fn timestamp_above_2_63_is_refused() {
        let s = Signer::from_seed("w", &[1; 32]).unwrap();
        let cp = Checkpoint::new("log", 0, Hash::empty_root());
        assert!(cosign_checkpoint(&cp, &s, MAX_TIMESTAMP).is_ok());
        assert_eq!(
            cosign_checkpoint(&cp, &s, MAX_TIMESTAMP + 1),
            Err(NoteError::TimestampOutOfRange { name: "w".into() })
        );
    }
}
