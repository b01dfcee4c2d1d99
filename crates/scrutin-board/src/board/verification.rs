//! The verifier's view of an election: its report on the record as it stands, cached per
//! tree size, and the results, accepted only if the whole record with them passes every step
//! of spec §6.2. The verifier reads the record straight from the store
//! ([`crate::record_source::StoredRecord`]). Invariant: results that fail verification are
//! never appended.

use super::signed::{party_items, signed_items};
use super::{lock, Board, Receipt};
use crate::election::Item;
use crate::error::BoardError;
use crate::record_source::StoredRecord;
use scrutin_core::ParameterSet;
use scrutin_record::authorship::Signature;
use std::sync::Arc;

impl Board {
    /// The verifier's report on the election's record as it stands (every step of spec
    /// §6.2 that the record allows), computed once per tree size.
    pub fn verification(&self, id: &str) -> Result<Arc<scrutin_verify::Report>, BoardError> {
        let (size, group) = self.with(id, |e| Ok((e.latest.size, e.row.group.clone())))?;
        if let Some((at, report)) = lock(&self.verified).get(id) {
            if *at == size {
                return Ok(Arc::clone(report));
            }
        }
        // The keys and the size they make up, taken together; stored items never change.
        let (size, keys) = self.with(id, |e| {
            let keys: Vec<String> = e.keys.keys().cloned().collect();
            Ok((e.latest.size, keys))
        })?;
        let record = StoredRecord::new(self, id, keys, &[]);
        let options = scrutin_verify::Options {
            allow_test_parameters: group != scrutin_core::group::Standard::NAME,
            // Every election on this board has a roster.
            require_authorship: true,
        };
        let verified = scrutin_verify::verify_source(&record, &options);
        record.check_store()?;
        let report = Arc::new(verified?);
        lock(&self.verified).insert(id.to_string(), (size, Arc::clone(&report)));
        Ok(report)
    }

    /// Posts the results, signed by the administrator in `signatures` (one per item, in
    /// order), after verifying the whole record with them and their signatures
    /// (Verifications 1–14): results that fail a step are refused with that step.
    pub fn post_results(
        &self,
        id: &str,
        items: Vec<Item>,
        signatures: Option<&[Signature]>,
    ) -> Result<Receipt, BoardError> {
        let handle = self.election(id)?;
        let items = signed_items(&handle, items, signatures)?;
        let mut election = lock(&handle);
        if let Some(receipt) = election.existing(&items)? {
            return Ok(receipt);
        }
        election.rules.plan(&party_items(&items))?;
        let keys = election.keys.keys().cloned();
        let record = StoredRecord::new(self, id, keys, &items);
        let options = scrutin_verify::Options {
            allow_test_parameters: election.row.group != scrutin_core::group::Standard::NAME,
            require_authorship: true,
        };
        let verified = scrutin_verify::verify_source(&record, &options);
        record.check_store()?;
        let report = verified?;
        if let Some(first) = report.failures().next() {
            let step = Some(first.step.to_owned());
            let all: Vec<String> = report.failures().map(|f| f.to_string()).collect();
            return Err(BoardError::Rejected {
                step,
                message: format!(
                    "the record with these results fails verification: {}",
                    all.join("; ")
                ),
            });
        }
        self.append(&mut election, items)
    }
}
