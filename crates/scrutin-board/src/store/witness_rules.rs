//! The witness rules of [`super::Store::add_cosignature`], written once for both backends: a
//! known witness must keep its key; a new one is registered while the election has fewer than
//! its maximum of witnesses; a witness's first cosignature of a checkpoint is the one kept.
//! Each backend supplies its statements ([`WitnessTx`]) inside one transaction that keeps the
//! reads true until it commits, and commits only when the rules return `Added` or `Existing`.

use super::{from_db, CosignatureRow, Cosigned, StoreError};

// The statements, in the `$n` placeholders that both backends accept (as `COSIGNATURES_OF`).

/// The key of a registered witness: (election, name).
pub(crate) const REGISTERED_KEY: &str =
    "SELECT vkey FROM witnesses WHERE election_id = $1 AND name = $2";
/// The election's number of witnesses: (election).
pub(crate) const WITNESS_COUNT: &str = "SELECT COUNT(*) FROM witnesses WHERE election_id = $1";
/// Registers a witness: (election, name, vkey, created_at).
pub(crate) const REGISTER_WITNESS: &str =
    "INSERT INTO witnesses (election_id, name, vkey, created_at) VALUES ($1, $2, $3, $4)";
/// Stores a cosignature unless the witness has one for that size: (election, size, witness,
/// line, created_at).
pub(crate) const INSERT_COSIGNATURE: &str = "INSERT INTO cosignatures \
     (election_id, size, witness, line, created_at) VALUES ($1, $2, $3, $4, $5) \
     ON CONFLICT DO NOTHING";

/// The statements the rules need, run inside the caller's transaction.
pub(crate) trait WitnessTx {
    /// The verifier key registered for the witness `name`, if it is registered.
    fn registered_key(&mut self, election: &str, name: &str) -> Result<Option<String>, StoreError>;
    /// How many witnesses the election has registered.
    fn witness_count(&mut self, election: &str) -> Result<i64, StoreError>;
    /// Registers the cosignature's witness with its key.
    fn register_witness(
        &mut self,
        election: &str,
        cosignature: &CosignatureRow,
    ) -> Result<(), StoreError>;
    /// Stores the cosignature unless the witness has one for that checkpoint; whether it did.
    fn insert_cosignature(
        &mut self,
        election: &str,
        cosignature: &CosignatureRow,
    ) -> Result<bool, StoreError>;
}

/// Applies the rules; the caller commits when this returns `Added` or `Existing` and drops
/// (rolls back) the transaction otherwise.
pub(crate) fn add_cosignature(
    tx: &mut impl WitnessTx,
    election: &str,
    cosignature: &CosignatureRow,
    max_witnesses: u64,
) -> Result<Cosigned, StoreError> {
    match tx.registered_key(election, &cosignature.witness)? {
        Some(vkey) if vkey != cosignature.vkey => return Ok(Cosigned::KeyChanged(vkey)),
        Some(_) => {}
        None => {
            if from_db(election, tx.witness_count(election)?)? >= max_witnesses {
                return Ok(Cosigned::TooManyWitnesses);
            }
            tx.register_witness(election, cosignature)?;
        }
    }
    Ok(match tx.insert_cosignature(election, cosignature)? {
        true => Cosigned::Added,
        false => Cosigned::Existing,
    })
}

/// Whether the transaction holding these rules' writes should be committed.
pub(crate) fn commits(outcome: &Cosigned) -> bool {
    matches!(outcome, Cosigned::Added | Cosigned::Existing)
}
