//! Posting items to an election and closing its vote. Each write first checks that every
//! item it adds is signed by its author (`super::signed`), then looks for a retry (the same
//! items already on the board get their original receipt), runs the checks of the
//! election's rules for its phase, and appends the items, each followed by its signature,
//! with those the rules derive (`super::log`). Invariant: nothing is appended that its
//! author has not signed and the rules have not accepted.

use super::signed::{party_items, signed_items};
use super::{lock, Board, Receipt};
use crate::election::Item;
use crate::error::BoardError;
use crate::items::Kind;
use scrutin_record::authorship::Signature;
use std::path::Path;

impl Board {
    /// Posts items, each signed by its author in `signatures` (the `Scrutin-Signature`
    /// header, `None` without it); `ballot` carries a ballot's parsed form, whose proofs are
    /// checked, like the signatures, before the election's lock is taken.
    pub fn post(
        &self,
        id: &str,
        items: Vec<Item>,
        ballot: Option<&scrutin_record::v21::wire::EncryptedBallotJson>,
        signatures: Option<&[Signature]>,
    ) -> Result<Receipt, BoardError> {
        let handle = self.election(id)?;
        let all = signed_items(&handle, items, signatures)?;
        let precheck = {
            let election = lock(&handle);
            if let Some(receipt) = election.existing(&all)? {
                return Ok(receipt);
            }
            election.rules.ballot_precheck()
        };
        if let (Some(json), Some(check), Some(item)) = (ballot, precheck, all.first()) {
            check.check(&item.key, &json.voting_device, json)?;
        }
        let mut election = lock(&handle);
        if let Some(receipt) = election.existing(&all)? {
            return Ok(receipt);
        }
        let items = party_items(&all);
        election.authors.plan(&items)?;
        let derived = election.rules.plan(&items)?;
        let mut all = all;
        all.extend(derived);
        self.append(&mut election, all)
    }

    /// Closes the vote on the administrator's signed order `close` (`authorship/close.json`):
    /// the order and its signature are appended, then every device's chain and the
    /// encrypted tally. Closing a closed election with the same order returns the original
    /// receipt.
    pub fn close(
        &self,
        id: &str,
        close: Item,
        signatures: Option<&[Signature]>,
    ) -> Result<Receipt, BoardError> {
        let handle = self.election(id)?;
        let all = signed_items(&handle, vec![close], signatures)?;
        let mut election = lock(&handle);
        if election.existing(&all)?.is_some() {
            return self.close_receipt(&election, &all);
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
        let derived = election.rules.plan_close(&cast)?;
        let mut all = all;
        all.extend(derived);
        self.append(&mut election, all)
    }

    /// The receipt of a closing already on the board: the order, its signature, the
    /// chains and the encrypted tally.
    fn close_receipt(
        &self,
        election: &super::Election,
        order: &[Item],
    ) -> Result<Receipt, BoardError> {
        let tally = election
            .keys
            .get(&crate::items::key::encrypted_tally())
            .copied();
        let mut entries = Vec::new();
        for entry in self.read(|s| s.entries(&election.row.id, 0, u64::MAX))? {
            let e = entry.entry;
            let ordered = order.iter().any(|item| item.key == e.key);
            if ordered || e.kind == Kind::BallotChain.name() || Some(e.seq) == tally {
                entries.push(e);
            }
        }
        election.receipt(&entries, false)
    }
}
