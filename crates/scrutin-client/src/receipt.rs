//! The receipt the board answers to a write (docs/board-api.md, "Receipts"): the entries
//! appended — or, for a retry, the originals — each with its inclusion proof against the
//! signed checkpoint that covers it (RFC 9162 §2.1.3).

/// What the board answers to a write: the entries (new, or the originals of a retry) with
/// their inclusion proofs against the checkpoint that covers them.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Receipt {
    /// The election.
    pub election: String,
    /// Whether this request appended the entries (false: a retry of items on the board).
    pub created: bool,
    /// The entries.
    pub entries: Vec<EntryReceipt>,
    /// The checkpoint's tree size.
    pub tree_size: u64,
    /// The checkpoint's root, hex.
    pub root: String,
    /// The signed checkpoint (C2SP signed note).
    pub checkpoint: String,
}

/// One entry of a receipt.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct EntryReceipt {
    /// The leaf index.
    pub seq: u64,
    /// The kind.
    pub kind: String,
    /// The key.
    pub key: String,
    /// The leaf hash, hex.
    pub leaf_hash: String,
    /// The inclusion proof against the receipt's checkpoint, hex hashes.
    pub inclusion_proof: Vec<String>,
}
