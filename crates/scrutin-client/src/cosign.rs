//! The bodies of a witness's cosignature (docs/board-api.md, "Cosignatures";
//! c2sp.org/tlog-cosignature): what a witness posts, and what the board answers once it has
//! checked and kept the cosignature.

/// What a witness posts: its key, the checkpoint it cosigned, and its cosignature line.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CosignatureRequest {
    /// The witness's verifier key, `<name>+<key id>+<base64(0x04 || public key)>`.
    pub vkey: String,
    /// The checkpoint cosigned, as the board signed it (further signature lines are ignored).
    pub checkpoint: String,
    /// The cosignature line `— <name> <base64(key id || timestamp || signature)>\n`.
    pub cosignature: String,
}

/// What the board answers to a cosignature.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct CosignatureReceipt {
    /// The election.
    pub election: String,
    /// The witness's name.
    pub witness: String,
    /// The tree size of the checkpoint cosigned.
    pub tree_size: u64,
    /// Whether this request stored the cosignature (false: the witness had cosigned this
    /// checkpoint before; the first cosignature is kept).
    pub created: bool,
    /// How many witnesses have cosigned this checkpoint.
    pub cosignatures: usize,
    /// The checkpoint with every cosignature the board holds for it.
    pub checkpoint: String,
}
