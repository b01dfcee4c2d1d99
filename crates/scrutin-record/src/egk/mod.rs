//! Election records of ElectionGuard **2.0** as written by egk (the Kotlin implementation,
//! `electionguard-kotlin-multiplatform`): raw wire types for every public JSON file, and a
//! loader for a record directory.
//!
//! Sources: the serialization notes `egk-json-serialization.md` and
//! `egk-election-record-layout.md` shipped with the conformance data, checked field by field
//! against the two sample records. Where the notes (a July 2023 draft) and the records
//! disagree, the types follow the records and the module documentation says so. The hashes
//! and proofs these fields enter are described in `docs/egk-2.0-notes.md`.
//!
//! These types are raw: group elements, Z_q values and hashes stay hex text
//! ([`hex::ElementModPHex`], [`hex::ElementModQHex`], [`hex::UInt256Hex`]) whose `decode`
//! checks the width and names the file and field. [`decode`] turns them into core values,
//! checking membership in Z_p^r and Z_q.

pub mod ballot;
pub mod chain;
pub mod crypto_json;
pub mod decode;
pub mod election;
pub mod hex;
pub mod layout;
pub mod manifest;
pub mod private;
pub mod record;
pub mod tally;

pub use ballot::{BallotState, EncryptedBallotJson, EncryptedContestJson, EncryptedSelectionJson};
pub use chain::EncryptedBallotChainJson;
pub use crypto_json::{
    ChaumPedersenJson, ElGamalCiphertextJson, HashedElGamalCiphertextJson, RangeProofJson,
    SchnorrProofJson,
};
pub use election::{ConstantsJson, ElectionConfigJson, ElectionInitializedJson, GuardianJson};
pub use hex::{ElementModPHex, ElementModQHex, FixedHex, HexString, UInt256Hex};
pub use manifest::ManifestJson;
pub use record::{EgkDevice, EgkRecord, RecordFile};
pub use tally::{DecryptedTallyOrBallotJson, EncryptedTallyJson};
