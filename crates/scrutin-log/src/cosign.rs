//! Witness cosignatures, Ed25519 cosignature/v1 (c2sp.org/tlog-cosignature).
//!
//! A cosignature is a note signature of type 0x04 whose signed bytes are
//! `timestamp (u64, big-endian) || Ed25519 signature` over the message
//! `cosignature/v1\ntime <timestamp>\n` followed by the checkpoint's note text.

use crate::checkpoint::Checkpoint;
use crate::keys::Signer;
use crate::note::{signature_line, NoteError};

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
