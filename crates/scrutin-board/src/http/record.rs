//! The election record for download: as a tar archive of the directory layout of
//! docs/record-format.md, or as a JSON listing of its files, each fetched from
//! `/api/elections/{id}/items/{path}`. Both hold every item on the board — the record itself
//! and the working files of the roles beside it, which `scrutin verify` ignores.

use super::api::{entry_info, EntryInfo};
use super::blocking;
use super::errors::ApiError;
use crate::board::Board;
use crate::BoardError;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use std::sync::Arc;

type Shared = State<Arc<Board>>;

/// The record routes.
pub fn routes() -> Router<Arc<Board>> {
    Router::new()
        .route("/api/elections/{id}/record", get(listing))
        .route("/api/elections/{id}/record.tar", get(archive))
}

/// Every entry of an election, in log order.
fn all_entries(board: &Board, id: &str) -> Result<Vec<crate::store::Entry>, BoardError> {
    board.election(id)?;
    board.read(|s| s.entries(id, 0, u64::MAX))
}

#[derive(serde::Serialize)]
struct Listing {
    election: String,
    files: Vec<EntryInfo>,
}

async fn listing(State(board): Shared, Path(id): Path<String>) -> Result<Json<Listing>, ApiError> {
    blocking(move || {
        let files = all_entries(&board, &id)?.iter().map(entry_info).collect();
        Ok(Listing {
            election: id,
            files,
        })
    })
    .await
    .map(Json)
}

/// The tar archive: every item under `<election id>/<key>`, mode 0644, with the time it was
/// appended.
pub fn tar_of(board: &Board, id: &str) -> Result<Vec<u8>, BoardError> {
    let mut archive = tar::Builder::new(Vec::new());
    for entry in all_entries(board, id)? {
        let e = &entry.entry;
        if !crate::items::is_safe_key(&e.key) {
            return Err(BoardError::Internal(format!("unsafe key {:?}", e.key)));
        }
        let mut header = tar::Header::new_gnu();
        header.set_size(e.body.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(u64::try_from(entry.created_at).unwrap_or(0));
        header.set_entry_type(tar::EntryType::Regular);
        archive
            .append_data(&mut header, format!("{id}/{}", e.key), e.body.as_slice())
            .map_err(|err| BoardError::Internal(format!("tar: {err}")))?;
    }
    archive
        .into_inner()
        .map_err(|err| BoardError::Internal(format!("tar: {err}")))
}

async fn archive(State(board): Shared, Path(id): Path<String>) -> Result<Response, ApiError> {
    let name = id.clone();
    let bytes = blocking(move || tar_of(&board, &id)).await?;
    let disposition = format!("attachment; filename=\"{name}-record.tar\"");
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-tar".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
