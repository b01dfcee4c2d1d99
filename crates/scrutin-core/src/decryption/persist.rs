//! A guardian's decryption session kept between rounds when each round runs in its own process
//! (§3.6.5): the one-time secrets u_i go to the guardian's own secret storage after round 1 and
//! come back for rounds 2 and 3.
//!
//! Only what cannot be recomputed is stored: the guardian index, the set U and the u_i. The key
//! share is in the guardian's key-share file; the targets and the messages are public and are
//! read again from the election record. Restoring recomputes M_i, (a_i, b_i) and d_i, so a
//! restored session sends exactly the round-1 message it sent before. A revealed session needs
//! no state of its own: revealing is deterministic, so a guardian restores the round-1 session
//! and reveals again, with the same commitments, before it responds.
//!
//! The layout is that of [`crate::ceremony::secret_file`] with the kind tag `SGDS`: i, #U, the
//! members of U in increasing order and the number m of items as b(n, 4), then u_1 … u_m as
//! b(u, l_q).

use super::quorum::Quorum;
use super::session::DecryptionSession;
use super::statement::Statement;
use super::DecryptionError;
use crate::ceremony::secret_file::{SecretFileError, SecretReader, SecretWriter};
use crate::election::ElectionContext;
use crate::group::{ParameterSet, SecretScalar};
use zeroize::Zeroizing;

/// The kind tag of a decryption-session file.
const TAG: [u8; 4] = *b"SGDS";

impl<P: ParameterSet, S: Statement<P>> DecryptionSession<P, S> {
    /// The session's state for its guardian's own secret storage (layout in the module
    /// documentation), so that rounds 2 and 3 can run in another process (§3.6.5).
    ///
    /// The bytes hold the one-time secrets u_i. Whoever stores them takes over the rule that a
    /// session answers one challenge only: two responses v_i = u_i − c·w_i·z_i to different
    /// challenges with the same u_i reveal z_i. The stored bytes must therefore be destroyed
    /// before the responses of [`super::RevealedSession::respond`] are published, and never
    /// restored from a copy afterwards.
    pub fn to_secret_bytes(&self) -> Zeroizing<Vec<u8>> {
        let members = self.quorum().members();
        let writer = SecretWriter::new::<P>(&TAG)
            .u32(self.guardian())
            .u32(u32::try_from(members.len()).unwrap_or(u32::MAX));
        let writer = members.iter().fold(writer, |w, j| w.u32(*j));
        let writer = writer.u32(u32::try_from(self.nonces().len()).unwrap_or(u32::MAX));
        self.nonces()
            .iter()
            .fold(writer, |w, u| w.scalar(u))
            .finish()
    }

    /// Restores a session written by [`Self::to_secret_bytes`] for guardian `guardian` with key
    /// share `share` (z_i or ẑ_i, as at [`Self::start`]), the same set U and the same targets,
    /// recomputing its round-1 message.
    ///
    /// Fails with `SecretFile` for bytes that are not a session file of this parameter set,
    /// and with `StateMismatch` when the stored guardian index, U or number of items differ
    /// from the ones given. Targets that differ otherwise give a different round-1 message,
    /// which [`Self::reveal`] reports as `OwnMessageAltered`.
    pub fn from_secret_bytes(
        bytes: &[u8],
        ctx: &ElectionContext<P>,
        guardian: u32,
        share: &SecretScalar<P>,
        quorum: &Quorum<P>,
        targets: Vec<S>,
    ) -> Result<Self, DecryptionError> {
        let mut reader = SecretReader::open::<P>(bytes, &TAG)?;
        if reader.u32()? != guardian {
            return Err(DecryptionError::StateMismatch("the guardian index"));
        }
        let count = reader.u32()?;
        // Read one member at a time, without trusting `count` for an allocation.
        let mut members = Vec::new();
        for _ in 0..count {
            members.push(reader.u32()?);
        }
        if members != quorum.members() {
            return Err(DecryptionError::StateMismatch(
                "the set U of available guardians",
            ));
        }
        let items = reader.u32()?;
        if usize::try_from(items).ok() != Some(targets.len()) {
            return Err(DecryptionError::StateMismatch("the number of items"));
        }
        let mut nonces = Vec::with_capacity(targets.len());
        for _ in 0..items {
            nonces.push(reader.scalar("one-time secret u_i")?);
        }
        reader.finish()?;
        Self::assemble(ctx, guardian, share, quorum, targets, nonces)
    }
}

impl From<SecretFileError> for DecryptionError {
    fn from(error: SecretFileError) -> Self {
        DecryptionError::SecretFile(error)
    }
}
