//! Checkpoints and proofs: the latest signed checkpoint, inclusion proofs by leaf index or
//! by a ballot's confirmation code, and consistency proofs between two tree sizes (RFC 9162
//! §2.1.3–2.1.4), each with the signed checkpoints it is checked against. The checkpoint
//! routes serve each checkpoint with its witnesses' cosignatures appended; the proofs carry
//! the board's signature only.

use super::api::{entry_info, query, EntryInfo};
use super::blocking;
use super::errors::ApiError;
use crate::board::Board;
use crate::store::Entry;
use crate::BoardError;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use scrutin_log::Hash;
use std::sync::Arc;

type Shared = State<Arc<Board>>;

/// The proof routes.
pub fn routes() -> Router<Arc<Board>> {
    Router::new()
        .route("/api/elections/{id}/checkpoint", get(latest))
        .route("/api/elections/{id}/checkpoint/{size}", get(at_size))
        .route("/api/elections/{id}/proof/inclusion", get(inclusion))
        .route("/api/elections/{id}/proof/consistency", get(consistency))
        .route("/api/elections/{id}/ballots/{code}", get(ballot))
}

fn note(text: String) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// The checkpoint of `size` with its cosignatures, or not found.
fn cosigned(board: &Board, id: &str, size: u64) -> Result<String, BoardError> {
    board
        .cosigned_checkpoint(id, size)?
        .map(|(text, _)| text)
        .ok_or_else(|| {
            BoardError::NotFound(format!("election {id} has no checkpoint of size {size}"))
        })
}

async fn latest(State(board): Shared, Path(id): Path<String>) -> Result<Response, ApiError> {
    blocking(move || {
        let size = board.with(&id, |e| Ok(e.latest().size))?;
        cosigned(&board, &id, size)
    })
    .await
    .map(note)
}

fn size_of(text: &str) -> Result<u64, ApiError> {
    super::position::parse(text, "tree size")
}

/// The signed checkpoint of tree size `size`, if the board issued one.
fn checkpoint_note(board: &Board, id: &str, size: u64) -> Result<String, BoardError> {
    board
        .read(|s| s.checkpoint(id, size))?
        .map(|c| c.note)
        .ok_or_else(|| {
            BoardError::NotFound(format!("election {id} has no checkpoint of size {size}"))
        })
}

async fn at_size(
    State(board): Shared,
    Path((id, size)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let size = size_of(&size)?;
    blocking(move || {
        board.election(&id)?;
        cosigned(&board, &id, size)
    })
    .await
    .map(note)
}

/// An inclusion proof with its entry and checkpoint.
#[derive(serde::Serialize)]
pub struct InclusionProof {
    /// The entry.
    pub entry: EntryInfo,
    /// The tree size of the checkpoint.
    pub tree_size: u64,
    /// The audit path, lower-case hex hashes.
    pub proof: Vec<String>,
    /// The signed checkpoint of `tree_size`.
    pub checkpoint: String,
}

/// The inclusion proof of `entry` in the checkpoint of `size` (default: the latest).
pub fn inclusion_of(
    board: &Board,
    id: &str,
    entry: &Entry,
    size: Option<u64>,
) -> Result<InclusionProof, BoardError> {
    let (size, proof) = board.with(id, |e| {
        let size = size.unwrap_or(e.latest().size);
        let proof = e
            .tree()
            .inclusion_proof(entry.entry.seq, size)
            .map_err(|err| BoardError::NotFound(format!("an inclusion proof: {err}")))?;
        Ok((size, proof))
    })?;
    Ok(InclusionProof {
        entry: entry_info(entry),
        tree_size: size,
        proof: proof.iter().map(Hash::to_hex).collect(),
        checkpoint: checkpoint_note(board, id, size)?,
    })
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct InclusionQuery {
    #[serde(default, deserialize_with = "super::position::optional")]
    seq: Option<u64>,
    code: Option<String>,
    #[serde(default, deserialize_with = "super::position::optional")]
    size: Option<u64>,
}

async fn inclusion(
    State(board): Shared,
    Path(id): Path<String>,
    q: Result<Query<InclusionQuery>, QueryRejection>,
) -> Result<Json<InclusionProof>, ApiError> {
    let q = query(q)?;
    blocking(move || {
        board.election(&id)?;
        let entry = match (q.seq, &q.code) {
            (Some(seq), None) => board.read(|s| s.entry(&id, seq))?,
            (None, Some(code)) => board.read(|s| s.entry_by_code(&id, &code.to_uppercase()))?,
            _ => {
                return Err(BoardError::BadInput(
                    "give either seq (a leaf index) or code (a confirmation code)".into(),
                ))
            }
        }
        .ok_or_else(|| BoardError::NotFound("no such entry".into()))?;
        inclusion_of(&board, &id, &entry, q.size)
    })
    .await
    .map(Json)
}

async fn ballot(
    State(board): Shared,
    Path((id, code)): Path<(String, String)>,
) -> Result<Json<InclusionProof>, ApiError> {
    blocking(move || {
        board.election(&id)?;
        let entry = board
            .read(|s| s.entry_by_code(&id, &code.to_uppercase()))?
            .ok_or_else(|| {
                BoardError::NotFound(format!("no ballot with confirmation code {code}"))
            })?;
        inclusion_of(&board, &id, &entry, None)
    })
    .await
    .map(Json)
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsistencyQuery {
    #[serde(deserialize_with = "super::position::field")]
    from: u64,
    #[serde(default, deserialize_with = "super::position::optional")]
    to: Option<u64>,
}

/// A consistency proof between two signed checkpoints.
#[derive(serde::Serialize)]
pub struct ConsistencyProof {
    /// The older size.
    pub from: u64,
    /// The newer size.
    pub to: u64,
    /// The proof, lower-case hex hashes.
    pub proof: Vec<String>,
    /// The signed checkpoint of `from`.
    pub from_checkpoint: String,
    /// The signed checkpoint of `to`.
    pub to_checkpoint: String,
}

async fn consistency(
    State(board): Shared,
    Path(id): Path<String>,
    q: Result<Query<ConsistencyQuery>, QueryRejection>,
) -> Result<Json<ConsistencyProof>, ApiError> {
    let q = query(q)?;
    blocking(move || {
        let (to, proof) = board.with(&id, |e| {
            let to = q.to.unwrap_or(e.latest().size);
            let proof = e
                .tree()
                .consistency_proof(q.from, to)
                .map_err(|err| BoardError::BadInput(format!("a consistency proof: {err}")))?;
            Ok((to, proof))
        })?;
        Ok(ConsistencyProof {
            from: q.from,
            to,
            proof: proof.iter().map(Hash::to_hex).collect(),
            from_checkpoint: checkpoint_note(&board, &id, q.from)?,
            to_checkpoint: checkpoint_note(&board, &id, to)?,
        })
    })
    .await
    .map(Json)
}
