//! Why a request to the board failed, one variant per way: the board unreachable, its answer
//! unreadable or not the JSON expected, or an error status with the board's error body
//! (docs/board-api.md, "Errors"). A refused check (422) keeps the failed step as its own
//! field, so that callers need not read it out of the message.

use crate::error_body::ErrorBody;

/// An error answer of the board: its status and what its body says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status.
    pub status: u16,
    /// The body's machine-readable code (`error`); `None` when the body is not the board's
    /// JSON error (e.g. a proxy's page).
    pub code: Option<String>,
    /// The body's `message`, or the whole body as text when it is not the board's JSON error.
    pub message: String,
    /// The failed verification step's label (`step`, e.g. `V6.D`), when the board names one.
    pub step: Option<String>,
}

impl Refusal {
    /// The refusal that `body`, answered with `status`, describes.
    pub fn from_answer(status: u16, body: &[u8]) -> Refusal {
        match serde_json::from_slice::<ErrorBody>(body) {
            Ok(error) => Refusal {
                status,
                code: Some(error.error),
                message: error.message,
                step: error.step,
            },
            Err(_) => Refusal {
                status,
                code: None,
                message: String::from_utf8_lossy(body).into_owned(),
                step: None,
            },
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.code {
            Some(code) => write!(
                f,
                "the board refused ({} {code}): {}",
                self.status, self.message
            ),
            None => write!(f, "the board refused ({}): {}", self.status, self.message),
        }
    }
}

/// A failed request to the board.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The board could not be reached, or the connection failed before an answer came.
    #[error("cannot reach the board at {url}: {reason}")]
    Transport {
        /// The URL asked for.
        url: String,
        /// What the HTTP library reported.
        reason: String,
    },
    /// The board's TLS handshake failed: most often its certificate does not chain to a
    /// trusted root or is not for the host asked for.
    #[error("the TLS connection to {url} failed: {reason}")]
    Tls {
        /// The URL asked for.
        url: String,
        /// What rustls reported.
        reason: String,
    },
    /// The board's URL cannot be used: not a URL, no host, or not `http(s)://`.
    #[error("the board's URL {url:?}: {reason}")]
    BadUrl {
        /// The URL given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A plain `http://` URL to a host that is not this machine, not allowed.
    #[error(
        "refusing plain http:// to {url}: it is not this machine, and without TLS the \
         administrator's token and every item cross the network readable and alterable"
    )]
    PlainHttp {
        /// The URL given.
        url: String,
    },
    /// The CA file could not be read or holds no PEM certificate.
    #[error("the CA file {}: {reason}", file.display())]
    CaFile {
        /// The file.
        file: std::path::PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The answer's body could not be read: cut short, or over the client's size cap.
    #[error("{url}: cannot read the answer: {reason}")]
    UnreadableAnswer {
        /// The URL asked for.
        url: String,
        /// What went wrong.
        reason: String,
    },
    /// A successful answer that is not the JSON the caller expected.
    #[error("the board's answer is not JSON: {0}")]
    NotJson(String),
    /// The board refused the request because a check failed (422 Unprocessable Entity): the
    /// item is readable but wrong. [`Refusal::step`] names the failed step when the board
    /// gives one.
    #[error("{0}")]
    Rejected(Refusal),
    /// Any other 4xx: the request is the client's mistake (bad input, wrong phase, a
    /// conflict, no such election, an unsigned post or a signature the board refuses, …).
    #[error("{0}")]
    Client(Refusal),
    /// A 5xx or an unexpected status: the board failed.
    #[error("{0}")]
    Server(Refusal),
}

impl ClientError {
    /// The error for an answer with an error status: 422 is a refused check, other 4xx the
    /// client's mistake, anything else the board's failure.
    pub fn from_status(status: u16, body: &[u8]) -> ClientError {
        let refusal = Refusal::from_answer(status, body);
        match status {
            422 => ClientError::Rejected(refusal),
            400..=499 => ClientError::Client(refusal),
            _ => ClientError::Server(refusal),
        }
    }

    /// The board's refusal, when the board answered with an error status.
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            ClientError::Rejected(r) | ClientError::Client(r) | ClientError::Server(r) => Some(r),
            ClientError::Transport { .. }
            | ClientError::Tls { .. }
            | ClientError::BadUrl { .. }
            | ClientError::PlainHttp { .. }
            | ClientError::CaFile { .. }
            | ClientError::UnreadableAnswer { .. }
            | ClientError::NotJson(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_check_keeps_its_step_apart_from_the_message() {
        let body = br#"{"error":"rejected","message":"V6.B failed: bad proof","step":"V6.B"}"#;
        let error = ClientError::from_status(422, body);
        let ClientError::Rejected(refusal) = &error else {
            panic!("not a rejection: {error:?}");
        };
        assert_eq!(refusal.step.as_deref(), Some("V6.B"));
        assert_eq!(refusal.code.as_deref(), Some("rejected"));
        assert_eq!(refusal.message, "V6.B failed: bad proof");
        assert_eq!(
            error.to_string(),
            "the board refused (422 rejected): V6.B failed: bad proof"
        );
    }

    #[test]
    fn a_rejection_without_a_step_has_none() {
        let body = br#"{"error":"bad_cosignature","message":"does not verify"}"#;
        let error = ClientError::from_status(422, body);
        assert!(matches!(&error, ClientError::Rejected(r) if r.step.is_none()));
    }

    #[test]
    fn other_client_errors_carry_status_and_code() {
        let body = br#"{"error":"wrong_phase","message":"the vote is closed"}"#;
        let error = ClientError::from_status(409, body);
        let Some(refusal) = error.refusal() else {
            panic!("no refusal");
        };
        assert!(matches!(error, ClientError::Client(_)));
        assert_eq!(refusal.status, 409);
        assert_eq!(refusal.code.as_deref(), Some("wrong_phase"));
        assert_eq!(
            error.to_string(),
            "the board refused (409 wrong_phase): the vote is closed"
        );
    }

    #[test]
    fn server_errors_and_odd_statuses_are_the_boards_failure() {
        for status in [500, 503, 302, 100] {
            let error = ClientError::from_status(status, b"{}");
            assert!(matches!(error, ClientError::Server(_)), "{status}");
        }
    }

    #[test]
    fn a_body_that_is_not_the_boards_error_is_quoted() {
        let error = ClientError::from_status(502, b"<html>Bad Gateway</html>");
        let Some(refusal) = error.refusal() else {
            panic!("no refusal");
        };
        assert_eq!(refusal.code, None);
        assert_eq!(
            error.to_string(),
            "the board refused (502): <html>Bad Gateway</html>"
        );
    }

    #[test]
    fn errors_before_an_answer_have_no_refusal() {
        let error = ClientError::NotJson("eof".into());
        assert!(error.refusal().is_none());
        assert_eq!(error.to_string(), "the board's answer is not JSON: eof");
    }
}
