//! The voting-device information hash and ballot chaining (§3.4.3–3.4.4, equations 72–78;
//! Verification 8.C–8.G).
//!
//! The chaining field B_C is 36 bytes: a 4-byte chaining-mode identifier and a 32-byte hash.
//! Every value is a pure function of public data, so a verifier recomputes the chain from the
//! device information and the confirmation codes in the device's order; [`ChainState`] is the
//! device's running view of the same functions.

use super::encrypted::EncryptedBallot;
use crate::group::ParameterSet;
use crate::hash::{domain, h, HValue, HashInput};
use crate::step::v2_1::{V8_C, V8_D, V8_E, V8_F, V8_G};
use crate::verify_error::{Location, Reason, VerifyError};

/// The chaining field B_C of equation 71: mode identifier ∥ hash, 36 bytes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ChainingField(pub [u8; 36]);

impl ChainingField {
    /// b(mode, 4) ∥ hash.
    pub fn new(mode: ChainingMode, hash: &HValue) -> Self {
        let mut bytes = [0u8; 36];
        let (id, rest) = bytes.split_at_mut(4);
        id.copy_from_slice(&mode.id().to_be_bytes());
        rest.copy_from_slice(hash.as_bytes());
        ChainingField(bytes)
    }

    /// Parses exactly 36 bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<Self> {
        <[u8; 36]>::try_from(bytes).ok().map(ChainingField)
    }

    /// The bytes, as they enter equation 71.
    pub fn as_bytes(&self) -> &[u8; 36] {
        &self.0
    }

    /// The chaining-mode identifier in the first four bytes.
    pub fn mode_id(&self) -> u32 {
        let (id, _) = self.0.split_first_chunk::<4>().unwrap_or((&[0; 4], &[]));
        u32::from_be_bytes(*id)
    }

    /// The hash in the last 32 bytes (H_DI or a confirmation code).
    pub fn hash(&self) -> HValue {
        let (_, tail) = self.0.split_last_chunk::<32>().unwrap_or((&[], &[0; 32]));
        HValue(*tail)
    }

    /// Upper-case hexadecimal, 72 digits.
    pub fn to_hex(&self) -> String {
        crate::group::hex_of(&self.0)
    }
}

impl std::fmt::Debug for ChainingField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ChainingField({})", self.to_hex())
    }
}

/// The chaining modes of §3.4.4 that scrutin supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChainingMode {
    /// No chaining, identifier 0x00000000: B_C = 0x00000000 ∥ H_DI (equation 73).
    NoChaining,
    /// Simple chaining, identifier 0x00000001 (equations 74–78).
    Simple,
}

impl ChainingMode {
    /// The 4-byte identifier.
    pub fn id(self) -> u32 {
        match self {
            ChainingMode::NoChaining => 0,
            ChainingMode::Simple => 1,
        }
    }

    /// The mode with identifier `id`, if scrutin supports it.
    pub fn from_id(id: u32) -> Option<Self> {
        match id {
            0 => Some(ChainingMode::NoChaining),
            1 => Some(ChainingMode::Simple),
            _ => None,
        }
    }
}

/// A voting device as the confirmation codes see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceInfo {
    /// The device's name in the record, for error locations.
    pub device: String,
    /// S_device, the string hashed into H_DI (§3.4.3).
    pub info: String,
}

impl DeviceInfo {
    /// H_DI for this device, equation 72.
    pub fn hash(&self, extended_hash: &HValue) -> HValue {
        device_hash(extended_hash, &self.info)
    }
}

/// H_DI = H(H_E; 0x2A, S_device), equation 72: the string as b(len, 4) ∥ UTF-8 (§5.1.4).
pub fn device_hash(extended_hash: &HValue, device_info: &str) -> HValue {
    h(
        extended_hash,
        &HashInput::new(domain::DEVICE_INFO).var_bytes(device_info.as_bytes()),
    )
}

/// B_C = 0x00000000 ∥ H_DI, the chaining field of every ballot without chaining, equation 73.
pub fn no_chaining_field(device_hash: &HValue) -> ChainingField {
    ChainingField::new(ChainingMode::NoChaining, device_hash)
}

/// The start of a simple chain: B_{C,0} = 0x00000001 ∥ H_DI (equation 75) and
/// H_0 = H(H_E; 0x29, B_{C,0}) (equation 74). Returns (H_0, B_{C,0}).
pub fn chain_init(extended_hash: &HValue, device_hash: &HValue) -> (HValue, ChainingField) {
    let initial = ChainingField::new(ChainingMode::Simple, device_hash);
    (chain_hash(extended_hash, &initial), initial)
}

/// B_{C,j} = 0x00000001 ∥ H_{j−1}, the chaining field of the j-th ballot of a simple chain,
/// from the previous confirmation code (H_0 for the first ballot), equation 76.
pub fn chain_field(previous: &HValue) -> ChainingField {
    ChainingField::new(ChainingMode::Simple, previous)
}

/// The closing field B_C = 0x00000001 ∥ H(H_E; 0x2B, H_ℓ, B_{C,0}), equation 78.
pub fn closing_field(
    extended_hash: &HValue,
    last: &HValue,
    initial: &ChainingField,
) -> ChainingField {
    let input = HashInput::new(domain::CHAIN_CLOSE)
        .hash(last)
        .fixed(initial.as_bytes());
    ChainingField::new(ChainingMode::Simple, &h(extended_hash, &input))
}

/// The closing hash H = H(H_E; 0x29, B_C) with B_C from [`closing_field`], equation 77, where
/// `last` is the final confirmation code H_ℓ (H_0 for a device that produced no ballot).
pub fn chain_close(extended_hash: &HValue, last: &HValue, initial: &ChainingField) -> HValue {
    chain_hash(extended_hash, &closing_field(extended_hash, last, initial))
}

/// H(H_E; 0x29, B_C), the form shared by equations 74 and 77.
fn chain_hash(extended_hash: &HValue, field: &ChainingField) -> HValue {
    h(
        extended_hash,
        &HashInput::new(domain::CONFIRMATION_CODE).fixed(field.as_bytes()),
    )
}

/// What the chain check (8.C–8.G) needs of one ballot: its name for error locations, its
/// chaining field B_C and its confirmation code H_C. A verifier keeps only this of each ballot
/// until the device's chain is checked, so that the ballots themselves need not stay in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainLink {
    /// The ballot's name in the record.
    pub name: String,
    /// B_C (§3.4.2).
    pub chaining_field: ChainingField,
    /// H_C (equation 71).
    pub confirmation_code: HValue,
}

impl<P: ParameterSet> From<&EncryptedBallot<P>> for ChainLink {
    fn from(ballot: &EncryptedBallot<P>) -> Self {
        ChainLink {
            name: ballot.name.clone(),
            chaining_field: ballot.chaining_field,
            confirmation_code: ballot.confirmation_code,
        }
    }
}

/// A device's chaining state: which field the next ballot gets, and the closing hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChainState {
    extended_hash: HValue,
    mode: ChainingMode,
    device_hash: HValue,
    initial: ChainingField,
    previous: HValue,
    ballots: u64,
}

impl ChainState {
    /// A fresh chain for `device` in `mode` (equations 72–75).
    pub fn new(extended_hash: &HValue, device: &DeviceInfo, mode: ChainingMode) -> Self {
        let device_hash = device.hash(extended_hash);
        let (h0, initial) = chain_init(extended_hash, &device_hash);
        ChainState {
            extended_hash: *extended_hash,
            mode,
            device_hash,
            initial,
            previous: h0,
            ballots: 0,
        }
    }

    /// The chain of `device` in `mode` as it stands after `ballots` ballots whose last
    /// confirmation code is `last` (equations 72–76), so that a device can continue its chain
    /// in a later session: the next ballot gets B_C = 0x00000001 ∥ `last` with simple
    /// chaining (equation 76), and the closing hash covers `last` (equation 77). `last` is
    /// ignored without chaining, and with `ballots` = 0 (the chain starts at H_0).
    pub fn resume(
        extended_hash: &HValue,
        device: &DeviceInfo,
        mode: ChainingMode,
        last: &HValue,
        ballots: u64,
    ) -> Self {
        let mut state = Self::new(extended_hash, device, mode);
        if ballots > 0 {
            state.previous = *last;
            state.ballots = ballots;
        }
        state
    }

    /// The chaining mode.
    pub fn mode(&self) -> ChainingMode {
        self.mode
    }

    /// H_DI.
    pub fn device_hash(&self) -> HValue {
        self.device_hash
    }

    /// The number of ballots recorded so far.
    pub fn ballots(&self) -> u64 {
        self.ballots
    }

    /// B_C for the next ballot: equation 73 without chaining, equation 76 with simple chaining.
    pub fn next_field(&self) -> ChainingField {
        match self.mode {
            ChainingMode::NoChaining => no_chaining_field(&self.device_hash),
            ChainingMode::Simple => chain_field(&self.previous),
        }
    }

    /// Records the confirmation code of the ballot just produced with [`Self::next_field`].
    pub fn record(&mut self, confirmation_code: HValue) {
        self.previous = confirmation_code;
        self.ballots = self.ballots.saturating_add(1);
    }

    /// The closing hash H of equation 77 for simple chaining; `None` without chaining, which
    /// has no closing hash.
    pub fn close(&self) -> Option<HValue> {
        match self.mode {
            ChainingMode::NoChaining => None,
            ChainingMode::Simple => Some(chain_close(
                &self.extended_hash,
                &self.previous,
                &self.initial,
            )),
        }
    }
}

/// Verification 8.C–8.G for one device: `ballots` are the links of all the ballots the device
/// produced ([`ChainLink`]), in its order, and `closing` the published closing hash (simple
/// chaining only).
///
/// Without chaining every B_C must be 0x00000000 ∥ H_DI: a wrong identifier fails 8.D, a
/// wrong hash 8.C (the recorded H_DI is not the hash of S_device). With simple chaining the
/// first ballot's B_C must be 0x00000001 ∥ H_0 (8.F), the j-th's 0x00000001 ∥ H_{j−1} (8.E),
/// and the closing hash must be present and equal H of equation 77 (8.G). Per-ballot failures
/// are located at the ballot, closing failures at the device. A ballot removed from or
/// reordered within the chain breaks 8.E, 8.F or 8.G.
///
/// Each ballot's own code (8.A, 8.B) is checked by [`EncryptedBallot::verify`].
pub fn verify_device_chain(
    extended_hash: &HValue,
    device: &DeviceInfo,
    ballots: &[ChainLink],
    mode: ChainingMode,
    closing: Option<&HValue>,
) -> Result<(), VerifyError> {
    let device_hash = device.hash(extended_hash);
    let at_device = || Location::Device(device.device.clone());
    match mode {
        ChainingMode::NoChaining => {
            if closing.is_some() {
                return Err(VerifyError::new(
                    V8_D,
                    at_device(),
                    Reason::Malformed(
                        "a closing hash is given for a device without chaining".into(),
                    ),
                ));
            }
            for ballot in ballots {
                let field = &ballot.chaining_field;
                let at = || Location::Ballot(ballot.name.clone());
                if field.mode_id() != ChainingMode::NoChaining.id() {
                    return Err(VerifyError::new(
                        V8_D,
                        at(),
                        Reason::Malformed(format!(
                            "the chaining field has mode identifier 0x{:08X}, expected 0x00000000",
                            field.mode_id()
                        )),
                    ));
                }
                if field.hash() != device_hash {
                    return Err(VerifyError::new(
                        V8_C,
                        at(),
                        Reason::Mismatch("H_DI in the chaining field"),
                    ));
                }
            }
            Ok(())
        }
        ChainingMode::Simple => {
            let (h0, initial) = chain_init(extended_hash, &device_hash);
            let mut previous = h0;
            for (position, ballot) in ballots.iter().enumerate() {
                if ballot.chaining_field != chain_field(&previous) {
                    let (step, what) = if position == 0 {
                        (V8_F, "B_C,1 = 0x00000001 ∥ H_0")
                    } else {
                        (V8_E, "B_C,j = 0x00000001 ∥ H_j−1")
                    };
                    return Err(VerifyError::new(
                        step,
                        Location::Ballot(ballot.name.clone()),
                        Reason::Mismatch(what),
                    ));
                }
                previous = ballot.confirmation_code;
            }
            let expected = chain_close(extended_hash, &previous, &initial);
            match closing {
                None => Err(VerifyError::new(
                    V8_G,
                    at_device(),
                    Reason::Malformed("the chain has no closing hash".into()),
                )),
                Some(found) if *found != expected => Err(VerifyError::new(
                    V8_G,
                    at_device(),
                    Reason::Mismatch("closing hash H"),
                )),
                Some(_) => Ok(()),
            }
        }
    }
}
