//! The JSON API: creating elections, posting items, reading entries (docs/board-api.md).
//! Every write that adds a party's items carries their signatures in the
//! `Scrutin-Signature` header, which the board checks (`crate::authorship`).

use super::blocking;
use super::errors::ApiError;
use crate::board::{Board, CreateElection, Receipt};
use crate::election::Summary;
use crate::intake;
use crate::BoardError;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use scrutin_client::signing::{parse_header, SIGNATURE_HEADER};
use scrutin_client::BoardInfo;
use scrutin_record::authorship::Signature;
use scrutin_record::v21::working_layout::Round;
use std::sync::Arc;

type Shared = State<Arc<Board>>;

/// The API routes.
pub fn routes() -> Router<Arc<Board>> {
    Router::new()
        .route("/api/board", get(board_info))
        .route("/api/elections", get(list).post(create))
        .route("/api/elections/{id}", get(show))
        .route("/api/elections/{id}/{collection}", post(post_item))
        .route("/api/elections/{id}/ballots", post(post_ballot))
        .route(
            "/api/elections/{id}/enrolments/{which}",
            post(post_enrolment),
        )
        .route("/api/elections/{id}/close", post(close))
        .route("/api/elections/{id}/cosignatures", post(post_cosignature))
        .route(
            "/api/elections/{id}/decryption/restart",
            post(post_decryption_restart),
        )
        .route(
            "/api/elections/{id}/decryption/{round}",
            post(post_decryption),
        )
        .route("/api/elections/{id}/results", post(post_results))
        .route("/api/elections/{id}/entries", get(entries))
        .route("/api/elections/{id}/entries/{seq}", get(entry))
        .route("/api/elections/{id}/items/{*key}", get(item))
}

/// The body, or the extractor's rejection as a JSON error (413 for an oversized body).
pub fn body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|r| ApiError::rejection(r.status(), r.body_text()))
}

/// The query, or a 400 naming what is wrong with it.
pub fn query<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    query
        .map(|Query(q)| q)
        .map_err(|r| ApiError::rejection(StatusCode::BAD_REQUEST, r.body_text()))
}

/// The signatures of the `Scrutin-Signature` header (`scrutin_client::signing`); `None`
/// without the header, 400 for a malformed one.
fn signatures(headers: &HeaderMap) -> Result<Option<Vec<Signature>>, ApiError> {
    let Some(value) = headers.get(SIGNATURE_HEADER) else {
        return Ok(None);
    };
    let text = value.to_str().map_err(|_| {
        ApiError::bad_request("the Scrutin-Signature header is not ASCII text".to_string())
    })?;
    parse_header(text)
        .map(Some)
        .map_err(|e| ApiError::bad_request(e.to_string()))
}

/// 201 for a new entry, 200 for a retry.
fn receipt(receipt: Receipt) -> Response {
    let status = if receipt.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    (status, Json(receipt)).into_response()
}

#[derive(serde::Serialize)]
struct ElectionInfo {
    id: String,
    origin: String,
    vkey: String,
    label: String,
    tree_size: u64,
    root: String,
    checkpoint: String,
    /// How many witnesses cosigned the latest checkpoint.
    cosignatures: usize,
    summary: Summary,
}

fn info(board: &Board, id: &str) -> Result<ElectionInfo, BoardError> {
    let mut info = board.with(id, |e| {
        Ok(ElectionInfo {
            id: e.row.id.clone(),
            origin: e.row.origin.clone(),
            vkey: e.vkey(),
            label: e.manifest().label.clone(),
            tree_size: e.latest().size,
            root: scrutin_log::Hash(e.latest().root).to_hex(),
            checkpoint: e.latest().note.clone(),
            cosignatures: 0,
            summary: e.summary(),
        })
    })?;
    info.cosignatures = board
        .cosigned_checkpoint(id, info.tree_size)?
        .map_or(0, |(_, count)| count);
    Ok(info)
}

async fn list(State(board): Shared) -> Result<Json<Vec<ElectionInfo>>, ApiError> {
    blocking(move || {
        board
            .election_ids()
            .iter()
            .map(|id| info(&board, id))
            .collect::<Result<Vec<_>, _>>()
    })
    .await
    .map(Json)
}

async fn show(
    State(board): Shared,
    Path(id): Path<String>,
) -> Result<Json<ElectionInfo>, ApiError> {
    blocking(move || info(&board, &id)).await.map(Json)
}

async fn board_info(State(board): Shared) -> Json<BoardInfo> {
    Json(BoardInfo {
        host: board.host().to_string(),
        origin_prefix: board.origin_of(""),
    })
}

async fn create(
    State(board): Shared,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw = body(raw)?;
    let signatures = signatures(&headers)?;
    let request: CreateElection = serde_json::from_slice(&raw)
        .map_err(|e| ApiError::bad_request(format!("the election request: {e}")))?;
    blocking(move || board.create(&request, signatures.as_deref()))
        .await
        .map(receipt)
}

/// How a posted body becomes an item.
type Intake = fn(&[u8]) -> Result<crate::election::Item, BoardError>;

/// The routes `POST /api/elections/{id}/<collection>` of one item each, by collection
/// (the enrolments' under `enrolments/`).
const COLLECTIONS: [(&str, Intake); 6] = [
    ("guardians", intake::guardian),
    ("shares", intake::share),
    ("acceptances", intake::acceptance),
    ("devices", intake::device),
    ("enrolments/devices", intake::device_enrolment),
    ("enrolments/witnesses", intake::witness_enrolment),
];

async fn post_items(
    board: Arc<Board>,
    id: String,
    parse: impl FnOnce(&[u8]) -> Result<crate::election::Item, BoardError> + Send + 'static,
    headers: &HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw = body(raw)?;
    let signatures = signatures(headers)?;
    blocking(move || {
        let item = parse(&raw)?;
        board.post(&id, vec![item], None, signatures.as_deref())
    })
    .await
    .map(receipt)
}

async fn post_item(
    State(board): Shared,
    Path((id, collection)): Path<(String, String)>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    post_to_collection(board, id, &collection, &headers, raw).await
}

async fn post_enrolment(
    State(board): Shared,
    Path((id, which)): Path<(String, String)>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    post_to_collection(board, id, &format!("enrolments/{which}"), &headers, raw).await
}

/// Posts one item to the collection of [`COLLECTIONS`] named `collection`.
async fn post_to_collection(
    board: Arc<Board>,
    id: String,
    collection: &str,
    headers: &HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Some((_, parse)) = COLLECTIONS.iter().find(|(name, _)| *name == collection) else {
        return Err(
            BoardError::NotFound(format!("no collection {collection:?} to post to")).into(),
        );
    };
    post_items(board, id, *parse, headers, raw).await
}

async fn post_ballot(
    State(board): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw = body(raw)?;
    let signatures = signatures(&headers)?;
    blocking(move || {
        let (item, json) = intake::ballot(&raw)?;
        board.post(&id, vec![item], Some(&json), signatures.as_deref())
    })
    .await
    .map(receipt)
}

/// The query of a decryption message: the attempt it belongs to, 1 unless a restart began
/// another.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AttemptQuery {
    attempt: Option<u32>,
}

async fn post_decryption(
    State(board): Shared,
    Path((id, round)): Path<(String, String)>,
    attempt: Result<Query<AttemptQuery>, QueryRejection>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let attempt = query(attempt)?
        .attempt
        .unwrap_or(scrutin_record::v21::working_attempts::FIRST_ATTEMPT);
    let round = match round.as_str() {
        "commit" => Round::Commit,
        "reveal" => Round::Reveal,
        "response" => Round::Respond,
        other => {
            return Err(ApiError::bad_request(format!(
                "unknown round {other:?} (commit, reveal or response)"
            )))
        }
    };
    let parse = move |raw: &[u8]| intake::decryption(round, attempt, raw);
    post_items(board, id, parse, &headers, raw).await
}

async fn post_decryption_restart(
    State(board): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let restart_id = id.clone();
    let parse = move |raw: &[u8]| intake::decryption_restart(&restart_id, raw);
    post_items(board, id, parse, &headers, raw).await
}

async fn post_cosignature(
    State(board): Shared,
    Path(id): Path<String>,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw = body(raw)?;
    let request: crate::cosign::CosignatureRequest = serde_json::from_slice(&raw)
        .map_err(|e| ApiError::bad_request(format!("the cosignature request: {e}")))?;
    let receipt = blocking(move || board.cosign(&id, &request)).await?;
    let status = if receipt.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(receipt)).into_response())
}

async fn close(
    State(board): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw = body(raw)?;
    let signatures = signatures(&headers)?;
    blocking(move || {
        let order = intake::close(&id, &raw)?;
        board.close(&id, order, signatures.as_deref())
    })
    .await
    .map(receipt)
}

async fn post_results(
    State(board): Shared,
    Path(id): Path<String>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let raw = body(raw)?;
    let signatures = signatures(&headers)?;
    blocking(move || {
        let items = intake::results(&raw)?;
        board.post_results(&id, items, signatures.as_deref())
    })
    .await
    .map(receipt)
}

/// The largest page of entries.
const MAX_PAGE: u64 = 1000;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct EntriesQuery {
    #[serde(default, deserialize_with = "super::position::field")]
    from: u64,
    limit: Option<u64>,
    kind: Option<String>,
}

/// An entry without its bytes.
#[derive(serde::Serialize)]
pub struct EntryInfo {
    /// The leaf index.
    pub seq: u64,
    /// The kind.
    pub kind: String,
    /// The key.
    pub key: String,
    /// The leaf hash, hex.
    pub leaf_hash: String,
    /// The number of bytes.
    pub size: usize,
    /// A ballot's confirmation code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// When it was appended (seconds since the Unix epoch).
    pub created_at: i64,
}

/// The description of an entry.
pub fn entry_info(entry: &crate::store::Entry) -> EntryInfo {
    let e = &entry.entry;
    EntryInfo {
        seq: e.seq,
        kind: e.kind.clone(),
        key: e.key.clone(),
        leaf_hash: scrutin_log::Hash(e.leaf_hash).to_hex(),
        size: e.body.len(),
        code: e.code.clone(),
        created_at: entry.created_at,
    }
}

async fn entries(
    State(board): Shared,
    Path(id): Path<String>,
    q: Result<Query<EntriesQuery>, QueryRejection>,
) -> Result<Json<Vec<EntryInfo>>, ApiError> {
    let q = query(q)?;
    let limit = q.limit.unwrap_or(100).min(MAX_PAGE);
    blocking(move || {
        board.election(&id)?;
        let page = board.read(|s| s.entries(&id, q.from, limit))?;
        Ok(page
            .iter()
            .filter(|e| q.kind.as_ref().is_none_or(|k| *k == e.entry.kind))
            .map(entry_info)
            .collect())
    })
    .await
    .map(Json)
}

async fn entry(
    State(board): Shared,
    Path((id, seq)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let seq = super::position::parse(&seq, "sequence number")?;
    let found = blocking(move || {
        board.election(&id)?;
        board
            .read(|s| s.entry(&id, seq))?
            .ok_or_else(|| BoardError::NotFound(format!("entry {seq} of election {id}")))
    })
    .await?;
    Ok(raw_item(found.entry.body))
}

async fn item(
    State(board): Shared,
    Path((id, key)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let found = blocking(move || {
        board.election(&id)?;
        board
            .read(|s| s.entry_by_key(&id, &key))?
            .ok_or_else(|| BoardError::NotFound(format!("item {key} of election {id}")))
    })
    .await?;
    Ok(raw_item(found.entry.body))
}

/// An item's exact bytes; every item is a JSON file.
fn raw_item(bytes: Vec<u8>) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}
