//! A guardian's state file between the decryption rounds: its two stored sessions (the tally
//! and the ballot nonces of the challenged ballots), each in the layout of
//! `scrutin_core::decryption::DecryptionSession::to_secret_bytes`.
//!
//! | bytes | field                                         |
//! |-------|-----------------------------------------------|
//! | 4     | `SDST`                                        |
//! | 1     | layout version, currently 1                   |
//! | 4     | the number of sessions m, big-endian          |
//! | …     | m times: its length (4 bytes, big-endian), then its bytes |
//!
//! The buffers are zeroized when dropped; the file is created with permissions 0600 and
//! deleted by `decrypt respond`.

use zeroize::Zeroizing;

const TAG: &[u8; 4] = b"SDST";
const VERSION: u8 = 1;

/// The state file holding `sessions`, in a buffer allocated at its exact size up front: a
/// buffer that grew would leave unwiped copies of the sessions' secrets behind.
pub fn join(sessions: &[Zeroizing<Vec<u8>>]) -> Zeroizing<Vec<u8>> {
    let size = sessions.iter().fold(TAG.len() + 1 + 4, |size, session| {
        size.saturating_add(4).saturating_add(session.len())
    });
    let mut bytes = Zeroizing::new(Vec::with_capacity(size));
    bytes.extend_from_slice(TAG);
    bytes.push(VERSION);
    let count = u32::try_from(sessions.len()).unwrap_or(u32::MAX);
    bytes.extend_from_slice(&count.to_be_bytes());
    for session in sessions {
        let length = u32::try_from(session.len()).unwrap_or(u32::MAX);
        bytes.extend_from_slice(&length.to_be_bytes());
        bytes.extend_from_slice(session);
    }
    bytes
}

/// The sessions of a state file, borrowed from its bytes.
pub fn split(bytes: &[u8]) -> Result<Vec<&[u8]>, &'static str> {
    let rest = bytes
        .strip_prefix(TAG.as_slice())
        .ok_or("not a scrutin decryption state file")?;
    let (version, rest) = rest.split_first().ok_or("truncated")?;
    if *version != VERSION {
        return Err("unsupported layout version");
    }
    let (count, mut rest) = take_u32(rest)?;
    let mut sessions = Vec::new();
    for _ in 0..count {
        let (length, tail) = take_u32(rest)?;
        let length = usize::try_from(length).map_err(|_| "truncated")?;
        let (session, tail) = tail.split_at_checked(length).ok_or("truncated")?;
        sessions.push(session);
        rest = tail;
    }
    if !rest.is_empty() {
        return Err("unexpected bytes at the end");
    }
    Ok(sessions)
}

fn take_u32(bytes: &[u8]) -> Result<(u32, &[u8]), &'static str> {
    let (head, tail) = bytes.split_first_chunk::<4>().ok_or("truncated")?;
    Ok((u32::from_be_bytes(*head), tail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_round_trip_and_damage_is_detected() {
        let sessions = [
            Zeroizing::new(vec![1u8, 2, 3]),
            Zeroizing::new(Vec::new()),
            Zeroizing::new(vec![9u8; 70]),
        ];
        let bytes = join(&sessions);
        // Allocated at its exact size, so it never grew and left no copy behind.
        assert_eq!(bytes.capacity(), bytes.len());
        let parts = split(&bytes).unwrap();
        assert_eq!(parts.len(), 3);
        for (part, session) in parts.iter().zip(&sessions) {
            assert_eq!(*part, session.as_slice());
        }
        assert!(split(&bytes[..bytes.len() - 1]).is_err());
        let mut long = bytes.to_vec();
        long.push(0);
        assert!(split(&long).is_err());
        assert!(split(b"SGDS\x01").is_err());
    }
}
