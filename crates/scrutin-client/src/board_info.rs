//! `GET /api/board`: what a party needs to know of a board before it creates an election —
//! the origin every election's log will have, which the administrator writes into the
//! roster and signs (docs/board-api.md, "The board").

use serde::{Deserialize, Serialize};

/// The board's description.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoardInfo {
    /// The host name that starts every log origin.
    pub host: String,
    /// `<host>/scrutin/`: an election's log origin is this followed by its id.
    pub origin_prefix: String,
}

impl BoardInfo {
    /// The origin of the log of election `id` on this board.
    pub fn origin_of(&self, id: &str) -> String {
        format!("{}{id}", self.origin_prefix)
    }
}
