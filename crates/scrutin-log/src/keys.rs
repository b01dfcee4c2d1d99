//! Ed25519 signing keys and verifier keys of signed notes (c2sp.org/signed-note, "Signatures"
//! and "Verifier keys"; c2sp.org/tlog-cosignature, "Format").

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use ed25519_dalek::{Signature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use std::fmt;

/// The longest key name accepted, in bytes (the spec sets no limit; this bounds parsing work).
pub const MAX_NAME_LEN: usize = 256;

/// The signature types this crate uses (c2sp.org/signed-note, "Signature types").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatureType {
    /// 0x01: Ed25519 over the note text; what a log signs its checkpoints with.
    Ed25519,
    /// 0x04: timestamped Ed25519 cosignature/v1 (c2sp.org/tlog-cosignature); what witnesses
    /// sign with.
    CosignatureV1,
}

impl SignatureType {
    /// The identifier byte, used in key IDs and vkeys.
    pub fn id(self) -> u8 {
        match self {
            SignatureType::Ed25519 => 0x01,
            SignatureType::CosignatureV1 => 0x04,
        }
    }

    fn from_id(byte: u8) -> Option<SignatureType> {
        match byte {
            0x01 => Some(SignatureType::Ed25519),
            0x04 => Some(SignatureType::CosignatureV1),
            _ => None,
        }
    }
}

/// What is wrong with a key name (c2sp.org/signed-note, "Format").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameProblem {
    /// Names must be non-empty.
    Empty,
    /// Longer than [`MAX_NAME_LEN`] bytes.
    TooLong,
    /// Names must not contain Unicode spaces.
    Space,
    /// Names must not contain `+`.
    Plus,
    /// Notes must not contain control characters.
    ControlCharacter,
}

impl fmt::Display for NameProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NameProblem::Empty => "is empty",
            NameProblem::TooLong => "is longer than 256 bytes",
            NameProblem::Space => "contains a space",
            NameProblem::Plus => "contains '+'",
            NameProblem::ControlCharacter => "contains a control character",
        })
    }
}

/// Checks a key name: non-empty, no Unicode space, no `+` (c2sp.org/signed-note, "Format"), no
/// control character, at most [`MAX_NAME_LEN`] bytes.
pub fn check_name(name: &str) -> Result<(), NameProblem> {
    if name.is_empty() {
        return Err(NameProblem::Empty);
    }
    if name.len() > MAX_NAME_LEN {
        return Err(NameProblem::TooLong);
    }
    for c in name.chars() {
        if c.is_whitespace() {
            return Err(NameProblem::Space);
        }
        if c == '+' {
            return Err(NameProblem::Plus);
        }
        if c.is_control() {
            return Err(NameProblem::ControlCharacter);
        }
    }
    Ok(())
}

/// Why a key or a verifier key string was refused.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyError {
    /// The key name is not valid.
    Name(NameProblem),
    /// A vkey is `<name>+<key ID>+<key>`; a part is missing.
    MissingPart,
    /// The key ID is not 8 lowercase hex digits.
    KeyIdNotHex,
    /// The key part is not canonical standard base64.
    KeyNotBase64,
    /// The signature type byte is not one this crate verifies (0x01 or 0x04).
    UnknownSignatureType(u8),
    /// The public key is not 32 bytes.
    KeyLength(usize),
    /// The public key is not a valid Ed25519 point, or is of small order.
    InvalidPublicKey,
    /// The key ID does not match the one computed from the name, type and key.
    KeyIdMismatch {
        /// The key ID in the vkey.
        given: u32,
        /// `SHA-256(name || 0x0A || type || key)[:4]`.
        computed: u32,
    },
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Name(p) => write!(f, "key name {p}"),
            KeyError::MissingPart => f.write_str("verifier key is not <name>+<key id>+<key>"),
            KeyError::KeyIdNotHex => f.write_str("key ID is not 8 lowercase hex digits"),
            KeyError::KeyNotBase64 => f.write_str("key is not canonical base64"),
            KeyError::UnknownSignatureType(b) => write!(f, "unknown signature type 0x{b:02x}"),
            KeyError::KeyLength(n) => write!(f, "public key is {n} bytes, not 32"),
            KeyError::InvalidPublicKey => f.write_str("public key is not a valid Ed25519 key"),
            KeyError::KeyIdMismatch { given, computed } => write!(
                f,
                "key ID {given:08x} does not match {computed:08x} computed from name and key"
            ),
        }
    }
}

impl std::error::Error for KeyError {}

/// The key ID `SHA-256(name || 0x0A || type || public key)[:4]` as a big-endian integer
/// (c2sp.org/signed-note, "Signatures"; c2sp.org/tlog-cosignature, "Format").
pub fn key_id(name: &str, kind: SignatureType, public_key: &[u8; 32]) -> u32 {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([0x0A, kind.id()]);
    h.update(public_key);
    let d = h.finalize();
    let mut id = [0u8; 4];
    id.copy_from_slice(d.get(..4).unwrap_or(&[0; 4]));
    u32::from_be_bytes(id)
}

/// A public key that checks note signatures of one type under one name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verifier {
    name: String,
    kind: SignatureType,
    key_id: u32,
    key: VerifyingKey,
}

impl Verifier {
    /// A verifier for `name`'s Ed25519 `public_key`, for signatures of type `kind`.
    pub fn new(
        name: &str,
        kind: SignatureType,
        public_key: &[u8; 32],
    ) -> Result<Verifier, KeyError> {
        check_name(name).map_err(KeyError::Name)?;
        let key = VerifyingKey::from_bytes(public_key).map_err(|_| KeyError::InvalidPublicKey)?;
        if key.is_weak() {
            return Err(KeyError::InvalidPublicKey);
        }
        Ok(Verifier {
            name: name.to_owned(),
            kind,
            key_id: key_id(name, kind, public_key),
            key,
        })
    }

    /// Parses a vkey `<name>+<hex key ID>+<base64(type || public key)>` (c2sp.org/signed-note,
    /// "Verifier keys"), checking the key ID against the one computed.
    pub fn parse(vkey: &str) -> Result<Verifier, KeyError> {
        let (name, rest) = vkey.split_once('+').ok_or(KeyError::MissingPart)?;
        let (id_hex, key_b64) = rest.split_once('+').ok_or(KeyError::MissingPart)?;
        check_name(name).map_err(KeyError::Name)?;
        if id_hex.len() != 8
            || !id_hex
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        {
            return Err(KeyError::KeyIdNotHex);
        }
        let given = u32::from_str_radix(id_hex, 16).map_err(|_| KeyError::KeyIdNotHex)?;
        // 1 type byte and 32 key bytes are 44 base64 characters; bound the decoder's input.
        if key_b64.len() > 64 {
            return Err(KeyError::KeyLength(key_b64.len() * 3 / 4));
        }
        let raw = STANDARD
            .decode(key_b64)
            .map_err(|_| KeyError::KeyNotBase64)?;
        let (&type_byte, key) = raw.split_first().ok_or(KeyError::KeyLength(0))?;
        let kind =
            SignatureType::from_id(type_byte).ok_or(KeyError::UnknownSignatureType(type_byte))?;
        let key: &[u8; 32] = key.try_into().map_err(|_| KeyError::KeyLength(key.len()))?;
        let v = Verifier::new(name, kind, key)?;
        if v.key_id != given {
            return Err(KeyError::KeyIdMismatch {
                given,
                computed: v.key_id,
            });
        }
        Ok(v)
    }

    /// The key name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The signature type this key checks.
    pub fn kind(&self) -> SignatureType {
        self.kind
    }

    /// The key ID (see [`key_id`]).
    pub fn key_id(&self) -> u32 {
        self.key_id
    }

    /// The 32-byte Ed25519 public key.
    pub fn public_key(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// The vkey string `<name>+<hex key ID>+<base64(type || public key)>`.
    pub fn vkey(&self) -> String {
        let mut raw = Vec::with_capacity(33);
        raw.push(self.kind.id());
        raw.extend_from_slice(self.key.as_bytes());
        format!("{}+{:08x}+{}", self.name, self.key_id, STANDARD.encode(raw))
    }

    /// Ed25519 verification (RFC 8032) in the strict form: non-canonical encodings and
    /// small-order keys or points are refused, so a signature has exactly one valid encoding.
    pub(crate) fn verify_ed25519(&self, message: &[u8], signature: &[u8]) -> bool {
        let Ok(sig) = Signature::from_slice(signature) else {
            return false;
        };
        self.key.verify_strict(message, &sig).is_ok()
    }
}

impl fmt::Display for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.vkey())
    }
}

impl std::str::FromStr for Verifier {
    type Err = KeyError;
    fn from_str(s: &str) -> Result<Verifier, KeyError> {
        Verifier::parse(s)
    }
}

/// An Ed25519 signing key with its name: a log's checkpoint key or a witness's cosigning key.
///
/// The secret key is zeroized when dropped (ed25519-dalek's `zeroize` feature) and is never
/// cloned, serialized or printed; `Debug` shows only the name.
pub struct Signer {
    name: String,
    key: SigningKey,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl Signer {
    /// The signer whose Ed25519 secret key is the 32-byte `seed` (RFC 8032 §5.1.5). The caller
    /// should zeroize its copy of the seed.
    pub fn from_seed(name: &str, seed: &[u8; 32]) -> Result<Signer, KeyError> {
        check_name(name).map_err(KeyError::Name)?;
        Ok(Signer {
            name: name.to_owned(),
            key: SigningKey::from_bytes(seed),
        })
    }

    /// The key name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The verifier of this key's checkpoint signatures (type 0x01).
    pub fn verifier(&self) -> Verifier {
        self.verifier_for(SignatureType::Ed25519)
    }

    /// The verifier of this key's cosignatures (type 0x04).
    pub fn cosignature_verifier(&self) -> Verifier {
        self.verifier_for(SignatureType::CosignatureV1)
    }

    /// The vkey of [`Signer::verifier`].
    pub fn vkey(&self) -> String {
        self.verifier().vkey()
    }

    fn verifier_for(&self, kind: SignatureType) -> Verifier {
        let key = self.key.verifying_key();
        Verifier {
            name: self.name.clone(),
            kind,
            key_id: key_id(&self.name, kind, key.as_bytes()),
            key,
        }
    }

    /// The 64-byte Ed25519 signature of `message` (RFC 8032 §5.1.6).
    pub(crate) fn sign_ed25519(&self, message: &[u8]) -> [u8; 64] {
        use ed25519_dalek::Signer as _;
        self.key.sign(message).to_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The example vkey of c2sp.org/signed-note ("Verifier keys", "Example").
    const SPEC_VKEY: &str = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k";

    #[test]
    fn spec_vkey_parses_and_round_trips() {
        let v = Verifier::parse(SPEC_VKEY).unwrap();
        assert_eq!(v.name(), "example.com/foo");
        assert_eq!(v.key_id(), 0x530d903a);
        assert_eq!(v.kind(), SignatureType::Ed25519);
        assert_eq!(v.vkey(), SPEC_VKEY);
        assert_eq!(v.to_string().parse::<Verifier>().unwrap(), v);
    }

    #[test]
    fn bad_vkeys_name_the_problem() {
        let cases: &[(&str, KeyError)] = &[
            ("example.com/foo", KeyError::MissingPart),
            ("example.com/foo+530d903a", KeyError::MissingPart),
            (
                "example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
                KeyError::KeyIdMismatch {
                    given: 0x530d903b,
                    computed: 0x530d903a,
                },
            ),
            (
                "example.com/bar+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
                KeyError::KeyIdMismatch {
                    given: 0x530d903a,
                    computed: key_id(
                        "example.com/bar",
                        SignatureType::Ed25519,
                        &Verifier::parse(SPEC_VKEY).unwrap().public_key(),
                    ),
                },
            ),
            (
                "example.com/foo+530D903A+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
                KeyError::KeyIdNotHex,
            ),
            (
                "example.com/foo+530d903+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
                KeyError::KeyIdNotHex,
            ),
            (
                "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2",
                KeyError::KeyNotBase64,
            ),
            (
                "example.com/foo+530d903a+AkyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k=",
                KeyError::UnknownSignatureType(0x02),
            ),
            ("example.com/foo+530d903a+AQ==", KeyError::KeyLength(0)),
            ("example.com/foo+530d903a+", KeyError::KeyLength(0)),
            (
                "+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
                KeyError::Name(NameProblem::Empty),
            ),
            (
                "ex ample+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k",
                KeyError::Name(NameProblem::Space),
            ),
        ];
        for (vkey, want) in cases {
            assert_eq!(Verifier::parse(vkey).as_ref(), Err(want), "{vkey}");
        }
    }

    #[test]
    fn small_order_keys_are_refused() {
        // The identity point (y = 1) has order 1.
        let mut identity = [0u8; 32];
        identity[0] = 1;
        assert_eq!(
            Verifier::new("x", SignatureType::Ed25519, &identity),
            Err(KeyError::InvalidPublicKey)
        );
    }

    #[test]
    fn names_are_checked() {
        assert_eq!(check_name("example.com/log"), Ok(()));
        assert_eq!(check_name(""), Err(NameProblem::Empty));
        assert_eq!(check_name("a\u{2003}b"), Err(NameProblem::Space));
        assert_eq!(check_name("a\nb"), Err(NameProblem::Space));
        assert_eq!(check_name("a+b"), Err(NameProblem::Plus));
        assert_eq!(check_name("a\u{1}b"), Err(NameProblem::ControlCharacter));
        assert_eq!(check_name(&"a".repeat(257)), Err(NameProblem::TooLong));
        assert!(Signer::from_seed("a b", &[0; 32]).is_err());
    }

    #[test]
    fn signer_verifiers_differ_by_type() {
        let s = Signer::from_seed("witness.example/w1", &[7; 32]).unwrap();
        let (a, b) = (s.verifier(), s.cosignature_verifier());
        assert_eq!(a.public_key(), b.public_key());
        assert_ne!(a.key_id(), b.key_id());
        assert_eq!(Verifier::parse(&b.vkey()).unwrap(), b);
        assert!(!format!("{s:?}").contains("key:"));
    }
}
