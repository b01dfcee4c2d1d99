//! The one place where the board checks who posted an item (docs/board-api.md,
//! "Authorship"). Every party item a request adds must carry, in the request's
//! `Scrutin-Signature` header, its author's Ed25519 signature of the statement that binds
//! the election's log origin, the election, the item's kind and key and the SHA-256 of its
//! canonical bytes (`scrutin_record::authorship::statement`). The author is the one the
//! authorship rule names for the item ([`scrutin_record::authorship::rule`]: guardian i for
//! guardian i's items, the enrolled device for its registration and ballots, the
//! administrator for the rest), and its key is the one the election enrolled
//! ([`crate::election::Authors`]).
//!
//! Each checked signature becomes an item of the log itself, `authorship/signatures/<key>`,
//! appended in the same transaction right after the item it signs, so that the record
//! carries the proof of authorship and the verifier can check it again. Invariant: every
//! party item on the board is followed by its author's signature.

use crate::election::Item;
use crate::error::BoardError;
use crate::items::Kind;
use scrutin_record::authorship::{paths, rule, Author, Place, PublicKey, Rule, Signature};
use scrutin_record::authorship::{AuthorshipError, SignatureFile};

/// The author who must sign each of `items`; an item no party posts is bad input.
pub fn authors_of(items: &[Item]) -> Result<Vec<Author>, BoardError> {
    items
        .iter()
        .map(|item| match rule(item.kind, &item.key) {
            Some(Rule::SignedBy(author)) => Ok(author),
            Some(Rule::Derived | Rule::Signature) => Err(BoardError::BadInput(format!(
                "{} is written by the board, not posted",
                item.key
            ))),
            None => Err(BoardError::BadInput(format!(
                "{} is not where an item of kind {} can be filed",
                item.key,
                item.kind.name()
            ))),
        })
        .collect()
}

/// The header's signatures, one per item: without the header the request is unsigned
/// (401, naming the first item's author); another count is bad input.
pub fn one_per_item<'a>(
    items: &[Item],
    authors: &[Author],
    signatures: Option<&'a [Signature]>,
) -> Result<&'a [Signature], BoardError> {
    let Some(signatures) = signatures else {
        let (key, author) = items
            .first()
            .zip(authors.first())
            .map(|(item, author)| (item.key.as_str(), author.to_string()))
            .unwrap_or(("the request", "its author".into()));
        return Err(BoardError::Unsigned(format!(
            "{key} must be signed by {author} (Scrutin-Signature header)"
        )));
    };
    if signatures.len() != items.len() {
        return Err(BoardError::BadInput(format!(
            "the request adds {} item(s) and its Scrutin-Signature header has {} signature(s); \
             it needs one per item, in order",
            items.len(),
            signatures.len()
        )));
    }
    Ok(signatures)
}

/// Verifies each item's signature under its author's enrolled key, in `place`, and returns
/// the signature items, in the items' order (statement of `statement.rs`, RFC 8032
/// verification). A signature that does not verify is refused naming the author and the
/// fingerprint of its enrolled key.
pub fn verify(
    place: Place<'_>,
    items: &[Item],
    enrolled: &[(Author, PublicKey)],
    signatures: &[Signature],
) -> Result<Vec<Item>, BoardError> {
    let mut signed = Vec::with_capacity(items.len());
    for ((item, (author, key)), signature) in items.iter().zip(enrolled).zip(signatures) {
        let file = SignatureFile {
            kind: item.kind,
            key: item.key.clone(),
            digest: scrutin_record::authorship::digest(&item.bytes),
            signer: author.to_string(),
            public_key: *key,
            signature: *signature,
        };
        file.check(place, (item.kind, &item.key, &item.bytes), author, key)
            .map_err(|e| not_signed_by(item, author, key, &e))?;
        signed.push(Item {
            kind: Kind::Signature,
            key: paths::signature_of(&item.key),
            bytes: crate::intake::canonical(&file.to_json())?,
            code: None,
        });
    }
    Ok(signed)
}

fn not_signed_by(
    item: &Item,
    author: &Author,
    key: &PublicKey,
    why: &AuthorshipError,
) -> BoardError {
    BoardError::NotAuthor(format!(
        "{} must be signed by {author}, whose enrolled key has fingerprint {}: {why}",
        item.key,
        key.fingerprint()
    ))
}

/// The items with each one's signature right after it.
pub fn interleave(items: Vec<Item>, signatures: Vec<Item>) -> Vec<Item> {
    let mut all = Vec::with_capacity(items.len() * 2);
    for (item, signature) in items.into_iter().zip(signatures) {
        all.push(item);
        all.push(signature);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use scrutin_record::authorship::Identity;

    const PLACE: Place<'static> = Place {
        origin: "board.test/scrutin/e",
        election: "e",
    };

    fn acceptance(guardian: u32) -> Item {
        Item {
            kind: Kind::Acceptance,
            key: format!("ceremony/acceptance-{guardian}.json"),
            bytes: b"{}\n".to_vec(),
            code: None,
        }
    }

    fn signature(identity: &Identity, item: &Item) -> Signature {
        let digest = scrutin_record::authorship::digest(&item.bytes);
        identity.sign(&scrutin_record::authorship::statement(
            PLACE, item.kind, &item.key, &digest,
        ))
    }

    #[test]
    fn a_signed_item_gets_its_signature_item() {
        let guardian = Identity::from_secret_bytes(&[2; 32]);
        let items = [acceptance(2)];
        let authors = authors_of(&items).unwrap();
        assert_eq!(authors, [Author::Guardian(2)]);
        let signatures = [signature(&guardian, &items[0])];
        let enrolled = [(Author::Guardian(2), guardian.public_key())];
        let signed = verify(PLACE, &items, &enrolled, &signatures).unwrap();
        assert_eq!(
            signed[0].key,
            "authorship/signatures/ceremony/acceptance-2.json"
        );
        let all = interleave(items.to_vec(), signed);
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].kind, Kind::Signature);
    }

    #[test]
    fn unsigned_miscounted_and_foreign_signatures_are_refused() {
        let items = [acceptance(2)];
        let authors = authors_of(&items).unwrap();
        let refused = one_per_item(&items, &authors, None).unwrap_err();
        assert!(matches!(refused, BoardError::Unsigned(_)));
        assert!(refused.to_string().contains("guardian-2"), "{refused}");
        assert!(matches!(
            one_per_item(&items, &authors, Some(&[])),
            Err(BoardError::BadInput(_))
        ));
        let other = Identity::from_secret_bytes(&[3; 32]);
        let enrolled = Identity::from_secret_bytes(&[2; 32]).public_key();
        let refused = verify(
            PLACE,
            &items,
            &[(Author::Guardian(2), enrolled)],
            &[signature(&other, &items[0])],
        )
        .unwrap_err();
        assert!(matches!(refused, BoardError::NotAuthor(_)));
        assert!(refused.to_string().contains(&enrolled.fingerprint()));
    }

    #[test]
    fn items_the_board_writes_cannot_be_posted() {
        let derived = Item {
            kind: Kind::EncryptedTally,
            key: "encrypted_tally.json".into(),
            bytes: Vec::new(),
            code: None,
        };
        assert!(matches!(
            authors_of(&[derived]),
            Err(BoardError::BadInput(_))
        ));
    }
}
