//! The binary layout of a guardian's secret files: its ceremony secrets
//! ([`super::GuardianSecrets`]), its key share ([`super::GuardianKeyShare`]) and its
//! decryption session between rounds ([`crate::decryption::DecryptionSession`]).
//!
//! The specification leaves secret storage to implementations. The layout is deliberately
//! plain, so that it can be read back without a parser library and checked completely:
//!
//! | bytes   | field                                                              |
//! |---------|--------------------------------------------------------------------|
//! | 4       | kind tag: `SGCS` ceremony secrets, `SGKS` key share, `SGDS` session |
//! | 1       | layout version, currently 1                                        |
//! | 1 + m   | length m and ASCII name of the parameter set (`ParameterSet::NAME`) |
//! | …       | the fields of the kind: integers as b(n, 4), secrets as b(x, l_q)   |
//!
//! Reading checks the tag, version and parameter set, every scalar's range (0 ≤ x < q), and
//! that nothing is missing or left over. The bytes are held in buffers that are wiped when
//! dropped, and every allocation the writer outgrows is wiped too.

use crate::group::{GroupError, ParameterSet, SecretScalar};
use crate::wiping_buffer::WipingBuffer;
use std::fmt;
use zeroize::Zeroizing;

/// The layout version written by this crate.
const VERSION: u8 = 1;

/// Why a secret file could not be read.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretFileError {
    /// The kind tag is not the one expected (for example a key share read as ceremony secrets).
    WrongKind {
        /// The tag expected.
        expected: [u8; 4],
    },
    /// The layout version is not one this crate reads.
    UnsupportedVersion(u8),
    /// The file belongs to another parameter set.
    WrongParameterSet {
        /// The parameter set it is read for.
        expected: &'static str,
        /// The name in the file.
        found: String,
    },
    /// The file ends before all fields are read.
    Truncated,
    /// Bytes remain after the last field.
    TrailingBytes(usize),
    /// A field has a value outside its range (named).
    InvalidValue(&'static str),
}

impl fmt::Display for SecretFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretFileError::WrongKind { expected } => {
                write!(
                    f,
                    "not a file of the expected kind ({})",
                    String::from_utf8_lossy(expected)
                )
            }
            SecretFileError::UnsupportedVersion(v) => write!(f, "unsupported layout version {v}"),
            SecretFileError::WrongParameterSet { expected, found } => {
                write!(
                    f,
                    "written for parameter set {found:?}, read for {expected:?}"
                )
            }
            SecretFileError::Truncated => f.write_str("the file is truncated"),
            SecretFileError::TrailingBytes(n) => write!(f, "{n} unexpected bytes at the end"),
            SecretFileError::InvalidValue(what) => write!(f, "invalid {what}"),
        }
    }
}

impl std::error::Error for SecretFileError {}

/// Writes the header and fields of a secret file into a buffer that wipes every allocation it
/// leaves, when it grows and when it is dropped.
pub(crate) struct SecretWriter {
    bytes: WipingBuffer,
}

impl SecretWriter {
    /// Starts a file of the kind `tag` for the parameter set `P`.
    pub(crate) fn new<P: ParameterSet>(tag: &[u8; 4]) -> Self {
        let mut bytes = WipingBuffer::with_capacity(256);
        bytes.extend(tag);
        bytes.push(VERSION);
        // Names of parameter sets are short constants; clamping keeps this total.
        let name = P::NAME.as_bytes();
        let name = name.get(..name.len().min(255)).unwrap_or_default();
        bytes.push(u8::try_from(name.len()).unwrap_or(u8::MAX));
        bytes.extend(name);
        SecretWriter { bytes }
    }

    /// Appends b(n, 4).
    pub(crate) fn u32(mut self, n: u32) -> Self {
        self.bytes.extend(&n.to_be_bytes());
        self
    }

    /// Appends b(x, l_q).
    pub(crate) fn scalar<P: ParameterSet>(mut self, x: &SecretScalar<P>) -> Self {
        self.bytes.extend(&x.to_secret_bytes());
        self
    }

    /// The finished file.
    pub(crate) fn finish(self) -> Zeroizing<Vec<u8>> {
        self.bytes.into_zeroizing()
    }
}

/// Reads the fields of a secret file in order, after checking its header.
pub(crate) struct SecretReader<'a> {
    rest: &'a [u8],
}

impl<'a> SecretReader<'a> {
    /// Checks the tag, version and parameter-set name, and positions at the first field.
    pub(crate) fn open<P: ParameterSet>(
        bytes: &'a [u8],
        tag: &[u8; 4],
    ) -> Result<Self, SecretFileError> {
        let mut reader = SecretReader { rest: bytes };
        if reader.take(4)? != tag {
            return Err(SecretFileError::WrongKind { expected: *tag });
        }
        let version = reader.byte()?;
        if version != VERSION {
            return Err(SecretFileError::UnsupportedVersion(version));
        }
        let name_len = usize::from(reader.byte()?);
        let name = reader.take(name_len)?;
        if name != P::NAME.as_bytes() {
            return Err(SecretFileError::WrongParameterSet {
                expected: P::NAME,
                found: String::from_utf8_lossy(name).into_owned(),
            });
        }
        Ok(reader)
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], SecretFileError> {
        if self.rest.len() < n {
            return Err(SecretFileError::Truncated);
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Ok(head)
    }

    fn byte(&mut self) -> Result<u8, SecretFileError> {
        self.take(1)?
            .first()
            .copied()
            .ok_or(SecretFileError::Truncated)
    }

    /// Reads b(n, 4).
    pub(crate) fn u32(&mut self) -> Result<u32, SecretFileError> {
        let bytes = <[u8; 4]>::try_from(self.take(4)?).map_err(|_| SecretFileError::Truncated)?;
        Ok(u32::from_be_bytes(bytes))
    }

    /// Reads b(x, l_q), checking 0 ≤ x < q; `what` names the field in errors.
    pub(crate) fn scalar<P: ParameterSet>(
        &mut self,
        what: &'static str,
    ) -> Result<SecretScalar<P>, SecretFileError> {
        let bytes = self.take(P::group().q_bytes())?;
        SecretScalar::decode_ct(bytes).map_err(|e| match e {
            GroupError::WrongLength { .. } => SecretFileError::Truncated,
            GroupError::OutOfRange | GroupError::NotInSubgroup => {
                SecretFileError::InvalidValue(what)
            }
        })
    }

    /// Checks that every byte has been read.
    pub(crate) fn finish(self) -> Result<(), SecretFileError> {
        match self.rest.len() {
            0 => Ok(()),
            n => Err(SecretFileError::TrailingBytes(n)),
        }
    }
}
