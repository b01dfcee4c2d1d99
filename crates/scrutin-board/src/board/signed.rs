//! Who may post what to an election: each party item a request adds must be signed by its
//! author with the key the election enrolled (`crate::authorship`). The enrolled keys are
//! read under the election's lock, which is then released: the Ed25519 verifications run
//! without it. An enrolled key never changes once on the log (the roster is fixed at
//! creation, and an enrolment's key is its item's, which no later item can replace), so a
//! key read before the lock is taken again is still the author's when the items are
//! appended. Invariant: every party item is appended with its author's signature item right
//! after it.

use super::{lock, Election};
use crate::authorship;
use crate::election::Item;
use crate::error::BoardError;
use scrutin_record::authorship::{Place, Signature};
use std::sync::Mutex;

/// The items a request adds, each followed by its signature item.
pub(super) fn signed_items(
    handle: &Mutex<Election>,
    items: Vec<Item>,
    signatures: Option<&[Signature]>,
) -> Result<Vec<Item>, BoardError> {
    let authors = authorship::authors_of(&items)?;
    let signatures = authorship::one_per_item(&items, &authors, signatures)?;
    let (origin, election, enrolled) = {
        let election = lock(handle);
        let enrolled = authors
            .into_iter()
            .map(|author| election.authors.key_of(&author).map(|key| (author, key)))
            .collect::<Result<Vec<_>, BoardError>>()?;
        (
            election.row.origin.clone(),
            election.row.id.clone(),
            enrolled,
        )
    };
    let place = Place {
        origin: &origin,
        election: &election,
    };
    let signed = authorship::verify(place, &items, &enrolled, signatures)?;
    Ok(authorship::interleave(items, signed))
}

/// The party items of `all` (those that are not signature items), for the rules.
pub(super) fn party_items(all: &[Item]) -> Vec<Item> {
    all.iter()
        .filter(|item| item.kind != crate::items::Kind::Signature)
        .cloned()
        .collect()
}
