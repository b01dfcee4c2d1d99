//! Errors as HTTP responses: a status and a JSON body `{error, message, step?}`
//! (docs/board-api.md, "Errors").

use crate::cosign::CosignError;
use crate::BoardError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use scrutin_client::ErrorBody;

/// An error answered to a client.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    step: Option<String>,
    retry_after: Option<u64>,
}

impl ApiError {
    /// A request the client must fix (400), e.g. a bad query string.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_input",
            message: message.into(),
            step: None,
            retry_after: None,
        }
    }

    /// A client over its rate limit (429), told to wait `wait` (RFC 6585 §4; `Retry-After`
    /// in whole seconds, RFC 9110 §10.2.3, rounded up).
    pub fn rate_limited(message: String, wait: std::time::Duration) -> Self {
        let seconds = wait
            .as_secs()
            .saturating_add(u64::from(wait.subsec_nanos() > 0));
        ApiError {
            status: StatusCode::TOO_MANY_REQUESTS,
            code: "rate_limited",
            message: format!("{message}; retry after {} s", seconds.max(1)),
            step: None,
            retry_after: Some(seconds.max(1)),
        }
    }

    /// A refusal before or outside the board's handlers — an extractor's rejection, a wrong
    /// method, a body over the limit or too slow — with its own status (400, 404, 405, 408, 413, 415, …).
    pub fn rejection(status: StatusCode, message: String) -> Self {
        let code = match status {
            StatusCode::PAYLOAD_TOO_LARGE => "too_large",
            StatusCode::NOT_FOUND => "not_found",
            StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
            StatusCode::TOO_MANY_REQUESTS => "rate_limited",
            StatusCode::REQUEST_TIMEOUT => "timeout",
            StatusCode::SERVICE_UNAVAILABLE => "unavailable",
            s if s.is_server_error() => "internal",
            _ => "bad_input",
        };
        ApiError {
            status,
            code,
            message,
            step: None,
            retry_after: None,
        }
    }
}

impl From<BoardError> for ApiError {
    fn from(error: BoardError) -> Self {
        let status = match &error {
            BoardError::NoElection(_) | BoardError::NotFound(_) => StatusCode::NOT_FOUND,
            BoardError::BadInput(_) => StatusCode::BAD_REQUEST,
            BoardError::Rejected { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            BoardError::Conflict { .. } | BoardError::WrongPhase(_) => StatusCode::CONFLICT,
            BoardError::Unsigned(_) => StatusCode::UNAUTHORIZED,
            BoardError::NotAuthor(_) => StatusCode::FORBIDDEN,
            BoardError::Cosignature(e) => match e {
                CosignError::BadKey { .. } | CosignError::NotCosignatureKey { .. } => {
                    StatusCode::BAD_REQUEST
                }
                CosignError::NotBoardsCheckpoint(_)
                | CosignError::NeverIssued { .. }
                | CosignError::BadSignature { .. } => StatusCode::UNPROCESSABLE_ENTITY,
                CosignError::KeyChanged { .. } | CosignError::TooManyWitnesses => {
                    StatusCode::CONFLICT
                }
                CosignError::NotEnrolled { .. } => StatusCode::FORBIDDEN,
            },
            BoardError::Store(_) | BoardError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError {
            status,
            code: error.code(),
            step: error.step().map(ToString::to_string),
            message: error.to_string(),
            retry_after: None,
        }
    }
}

/// The longest message the board answers: a message quoting hostile input (a huge key, a
/// field of a megabyte) is cut here.
const MAX_MESSAGE_CHARS: usize = 8192;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let message = match self.message.char_indices().nth(MAX_MESSAGE_CHARS) {
            Some((cut, _)) => format!("{}…", self.message.get(..cut).unwrap_or_default()),
            None => self.message,
        };
        let body = ErrorBody {
            error: self.code.to_string(),
            message,
            step: self.step,
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

/// The answer to a path the board does not serve.
pub async fn not_found() -> ApiError {
    ApiError::from(BoardError::NotFound("no such page or route".into()))
}
