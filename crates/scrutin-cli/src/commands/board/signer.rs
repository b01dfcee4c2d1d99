//! Posting as a party: every item a party adds to the board carries the party's signature of
//! the statement that binds the election's log origin, the election, the item's kind and key,
//! and the SHA-256 of the bytes the board will store (docs/board-api.md, "Authorship";
//! `scrutin_client::signing`). The board refuses a post signed by any key but the author's
//! enrolled one, and the signatures become items of the log that the verifier checks.

use super::client::{self, Client};
use crate::cli::SignAs;
use crate::commands::failure::Failure;
use crate::commands::identity;
use scrutin_client::posted::{self, Route};
use scrutin_client::signing::{header_value, SignedItem};
use scrutin_record::authorship::{Identity, Place};

/// A party's identity, ready to sign items of one election on one board.
pub struct Signer {
    identity: Identity,
    origin: String,
    election: String,
}

/// The board's description of an election, as far as a signer reads it.
#[derive(serde::Deserialize)]
struct ElectionOrigin {
    origin: String,
}

impl Signer {
    /// Opens the identity of `sign_as` (asking for its passphrase as for secret files) to
    /// sign items of the client's election, whose log origin the board gives.
    pub fn open(client: &Client, sign_as: &SignAs) -> Result<Signer, Failure> {
        let identity = identity::open(&sign_as.identity, &sign_as.passphrase)?;
        let origin = client
            .get(&client.url(""))?
            .json::<ElectionOrigin>()?
            .origin;
        Ok(Signer::with_origin(identity, origin, client.election()))
    }

    /// A signer of items of `election` whose log origin is `origin`.
    pub fn with_origin(identity: Identity, origin: String, election: &str) -> Signer {
        Signer {
            identity,
            origin,
            election: election.to_string(),
        }
    }

    /// Where the signed items live.
    pub fn place(&self) -> Place<'_> {
        Place {
            origin: &self.origin,
            election: &self.election,
        }
    }

    /// The `Scrutin-Signature` value of `items`, in order.
    pub fn header(&self, items: &[SignedItem<'_>]) -> String {
        header_value(&self.identity, self.place(), items)
    }

    /// Posts `body` to `route`, signing each item it adds as the board will store it, and
    /// describes the receipt. A body that is one item is posted in its canonical form.
    pub fn post(&self, client: &Client, route: Route, body: &[u8]) -> Result<String, Failure> {
        let items = posted::items(route, body)?;
        let signed: Vec<_> = items.iter().map(posted::PostedItem::signed).collect();
        let header = self.header(&signed);
        let body = match items.as_slice() {
            [one] if route.body_is_item() => one.bytes.as_slice(),
            _ => body,
        };
        client::post_item(client, &route.path(), body, Some(&header))
    }
}
