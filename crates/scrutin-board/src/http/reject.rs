//! Requests refused before a handler runs — a wrong method, a body announced over the limit,
//! a body that is not JSON — and the net under every error: whatever answers an error
//! without the board's JSON body (an extractor's rejection, a layer of tower-http) is
//! rewritten into it, keeping its status, so that a client always reads
//! `{error, message}` (docs/board-api.md, "Errors").

use super::errors::ApiError;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// At most `max` characters of untrusted text (a path, a header) for a message.
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut out: String = text.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// The answer to a method a route does not serve (405; axum adds the `Allow` header).
pub async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::rejection(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("{method} is not allowed on {}", shortened(uri.path(), 200)),
    )
}

/// Whether the headers announce a body: a non-zero `Content-Length`, or a
/// `Transfer-Encoding` (RFC 9112 §6.3).
fn has_body(headers: &HeaderMap) -> bool {
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() != "0")
}

/// Refuses, before reading it, a body whose `Content-Length` is over `limit` (413), and a
/// `POST` body that is not declared `application/json` (415): every body the board reads is
/// JSON, and a declared type keeps a browser's simple cross-site form posts out.
pub async fn check_body(State(limit): State<usize>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    let announced = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(length) = announced.filter(|l| *l > limit as u64) {
        return ApiError::rejection(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body of {length} bytes is over the limit of {limit} bytes"),
        )
        .into_response();
    }
    if request.method() == Method::POST && has_body(headers) {
        let declared = headers
            .get(header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let essence = declared
            .as_deref()
            .and_then(|t| t.split(';').next())
            .map(str::trim);
        if !essence.is_some_and(|e| e.eq_ignore_ascii_case("application/json")) {
            let found = declared.map_or_else(
                || "no Content-Type".to_string(),
                |t| format!("Content-Type {:?}", shortened(&t, 100)),
            );
            return ApiError::rejection(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("a request body must be Content-Type: application/json, not {found}"),
            )
            .into_response();
        }
    }
    next.run(request).await
}

/// How much of a foreign error body the board reads to quote it.
const QUOTED_BYTES: usize = 4096;

/// Rewrites an error answer that is not the board's JSON into it, with the same status, the
/// original text as the message, and the `Allow` and `Retry-After` headers kept.
pub async fn uniform(request: Request, next: Next) -> Response {
    let path = shortened(request.uri().path(), 200);
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = match axum::body::to_bytes(body, QUOTED_BYTES).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).trim().to_string(),
        Err(_) => String::new(),
    };
    let message = if text.is_empty() {
        format!(
            "{} ({path})",
            status.canonical_reason().unwrap_or("refused")
        )
    } else {
        shortened(&text, 500)
    };
    let mut rewritten = ApiError::rejection(status, message).into_response();
    for name in [header::ALLOW, header::RETRY_AFTER] {
        if let Some(value) = parts.headers.get(&name) {
            rewritten.headers_mut().insert(name, value.clone());
        }
    }
    rewritten
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_shortened_on_a_character_boundary() {
        assert_eq!(shortened("abc", 3), "abc");
        assert_eq!(shortened("ééééé", 2), "éé…");
    }

    #[test]
    fn a_body_is_announced_by_length_or_encoding() {
        let mut headers = HeaderMap::new();
        assert!(!has_body(&headers));
        headers.insert(header::CONTENT_LENGTH, "0".parse().unwrap());
        assert!(!has_body(&headers));
        headers.insert(header::CONTENT_LENGTH, "12".parse().unwrap());
        assert!(has_body(&headers));
        let mut chunked = HeaderMap::new();
        chunked.insert(header::TRANSFER_ENCODING, "chunked".parse().unwrap());
        assert!(has_body(&chunked));
    }
}
