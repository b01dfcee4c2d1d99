//! Posting items to an election and closing its vote. Each write first looks for a retry
//! (the same items already on the board get their original receipt), then runs the checks of
//! the election's rules for its phase, and appends the items with those the rules derive
//! (`super::log`). Invariant: nothing is appended that the rules have not accepted.

use super::{lock, Board, Receipt};
use crate::election::Item;
use crate::error::BoardError;
use crate::items::Kind;
use std::path::Path;

impl Board {
    /// Posts items (one, or the results' several); `ballot` carries a ballot's parsed form,
    /// whose proofs are checked before the election's lock is taken.
    pub fn post(
        &self,
        id: &str,
        items: Vec<Item>,
        ballot: Option<&scrutin_record::v21::wire::EncryptedBallotJson>,
    ) -> Result<Receipt, BoardError> {
        let handle = self.election(id)?;
        let precheck = {
            let election = lock(&handle);
            if let Some(receipt) = election.existing(&items)? {
                return Ok(receipt);
            }
            election.rules.ballot_precheck()
        };
        if let (Some(json), Some(check), Some(item)) = (ballot, precheck, items.first()) {
            check.check(&item.key, &json.voting_device, json)?;
        }
        let mut election = lock(&handle);
        if let Some(receipt) = election.existing(&items)? {
            return Ok(receipt);
        }
        let derived = election.rules.plan(&items)?;
        let mut all = items;
        all.extend(derived);
        self.append(&mut election, all)
    }

    /// Closes the vote: every device's chain and the encrypted tally are appended. Closing
    /// a closed election returns the original receipt.
    pub fn close(&self, id: &str) -> Result<Receipt, BoardError> {
        let handle = self.election(id)?;
        let mut election = lock(&handle);
        if let Some(seq) = election
            .keys
            .get(&crate::items::key::encrypted_tally())
            .copied()
        {
            let mut entries = Vec::new();
            for entry in self.read(|s| s.entries(id, 0, u64::MAX))? {
                if entry.entry.kind == Kind::BallotChain.name() || entry.entry.seq == seq {
                    entries.push(entry.entry);
                }
            }
            return election.receipt(&entries, false);
        }
        let mut cast = Vec::new();
        for entry in self.read(|s| s.entries(id, 0, u64::MAX))? {
            if entry.entry.kind == Kind::Ballot.name() {
                let json: scrutin_record::v21::wire::EncryptedBallotJson =
                    scrutin_record::json_file::parse(
                        Path::new(&entry.entry.key),
                        &entry.entry.body,
                    )?;
                if json.state == "CAST" {
                    cast.push(entry.entry.body);
                }
            }
        }
        let items = election.rules.plan_close(&cast)?;
        self.append(&mut election, items)
    }
}
