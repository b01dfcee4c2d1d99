//! The shares a guardian receives and the key shares z_i = P(i), ẑ_i = P̂(i) it computes from
//! them (§3.2.2, "Secret key share computation", equation 24).

use super::secret_file::{SecretFileError, SecretReader, SecretWriter};
use super::{CeremonyError, GuardianSecrets, KeyKind};
use crate::group::{ParameterSet, SecretScalar};
use zeroize::Zeroizing;

/// The kind tag of a key-share file (see [`super::secret_file`]).
const TAG: [u8; 4] = *b"SGKS";

/// The decrypted and verified shares P_i(ℓ) and P̂_i(ℓ) that guardian ℓ = `to` received from
/// guardian i = `from`, as returned by [`GuardianSecrets::decrypt_share`].
///
/// Secret: no `Debug`, `Clone` or comparison; zeroized when dropped.
pub struct ReceivedShare<P: ParameterSet> {
    from: u32,
    to: u32,
    vote: SecretScalar<P>,
    data: SecretScalar<P>,
}

impl<P: ParameterSet> ReceivedShare<P> {
    pub(super) fn new(from: u32, to: u32, vote: SecretScalar<P>, data: SecretScalar<P>) -> Self {
        ReceivedShare {
            from,
            to,
            vote,
            data,
        }
    }

    /// The sender i.
    pub fn from(&self) -> u32 {
        self.from
    }

    /// The recipient ℓ.
    pub fn to(&self) -> u32 {
        self.to
    }
}

/// Guardian G_i's shares of the two joint secret keys: z_i = P(i) (equation 24) and
/// ẑ_i = P̂(i). They are all a guardian keeps after the ceremony, for decryption (§3.6).
///
/// Secret: no `Debug`, `Clone` or comparison; zeroized when dropped.
pub struct GuardianKeyShare<P: ParameterSet> {
    index: u32,
    vote: SecretScalar<P>,
    data: SecretScalar<P>,
}

impl<P: ParameterSet> GuardianKeyShare<P> {
    /// The guardian index i.
    pub fn index(&self) -> u32 {
        self.index
    }

    /// z_i = P(i), the share of the vote encryption secret key (equation 24).
    pub fn vote_share(&self) -> &SecretScalar<P> {
        &self.vote
    }

    /// ẑ_i = P̂(i), the share of the ballot data encryption secret key (§3.2.2).
    pub fn data_share(&self) -> &SecretScalar<P> {
        &self.data
    }

    /// The share z_i or ẑ_i.
    pub fn share(&self, kind: KeyKind) -> &SecretScalar<P> {
        match kind {
            KeyKind::Vote => &self.vote,
            KeyKind::Data => &self.data,
        }
    }

    /// The guardian's key-share file (layout in [`super::secret_file`]): i, then z_i and ẑ_i
    /// as b(x, l_q). For its owner's storage only.
    pub fn to_secret_bytes(&self) -> Zeroizing<Vec<u8>> {
        SecretWriter::new::<P>(&TAG)
            .u32(self.index)
            .scalar(&self.vote)
            .scalar(&self.data)
            .finish()
    }

    /// Reads a file written by [`GuardianKeyShare::to_secret_bytes`], checking its header, that
    /// i ≥ 1, both values' range and its length.
    pub fn from_secret_bytes(bytes: &[u8]) -> Result<Self, CeremonyError> {
        let mut reader = SecretReader::open::<P>(bytes, &TAG)?;
        let index = reader.u32()?;
        if index == 0 {
            return Err(SecretFileError::InvalidValue("guardian index").into());
        }
        let vote = reader.scalar("key share z_i")?;
        let data = reader.scalar("key share ẑ_i")?;
        reader.finish()?;
        Ok(GuardianKeyShare { index, vote, data })
    }
}

impl<P: ParameterSet> GuardianSecrets<P> {
    /// Computes z_i = (P_1(i) + … + P_n(i)) mod q (equation 24) and ẑ_i likewise, from this
    /// guardian's own P_i(i), P̂_i(i) and the n − 1 shares `received` from the others.
    ///
    /// Each received share must be addressed to this guardian, come from a guardian in 1..=n
    /// other than itself, and appear once; every other guardian must be represented.
    pub fn key_share(
        &self,
        received: &[ReceivedShare<P>],
    ) -> Result<GuardianKeyShare<P>, CeremonyError> {
        let (index, n) = (self.index(), self.counts().n);
        let mut senders = Vec::with_capacity(received.len());
        for share in received {
            if share.to != index {
                return Err(CeremonyError::Misaddressed {
                    from: share.from,
                    to: share.to,
                    expected_from: share.from,
                    expected_to: index,
                });
            }
            if share.from == index || !(1..=n).contains(&share.from) {
                return Err(CeremonyError::InvalidIndex {
                    index: share.from,
                    n,
                });
            }
            senders.push(share.from);
        }
        // Sorting rather than a table of n flags keeps the work proportional to the shares
        // given, whatever n the secret file claims.
        senders.sort_unstable();
        if let Some(pair) = senders.windows(2).find(|pair| pair.first() == pair.get(1)) {
            let from = pair.first().copied().unwrap_or_default();
            return Err(CeremonyError::DuplicateShare { from });
        }
        // The senders are distinct and in range; find the first index they skip, if any.
        let mut expected = 1u32;
        for &from in &senders {
            if expected == index {
                expected = expected.saturating_add(1);
            }
            if from != expected {
                return Err(CeremonyError::MissingShare { from: expected });
            }
            expected = from.saturating_add(1);
        }
        if expected == index {
            expected = expected.saturating_add(1);
        }
        if expected <= n {
            return Err(CeremonyError::MissingShare { from: expected });
        }
        let vote = received
            .iter()
            .fold(self.evaluate(KeyKind::Vote, index), |acc, share| {
                acc.add(&share.vote)
            });
        let data = received
            .iter()
            .fold(self.evaluate(KeyKind::Data, index), |acc, share| {
                acc.add(&share.data)
            });
        Ok(GuardianKeyShare { index, vote, data })
    }
}
