//! How a role command fails: an exit code of `exit.rs` and a message that names the file, the
//! field or the guardian concerned.

use crate::exit::Exit;
use scrutin_client::ClientError;
use scrutin_core::VerifyError;
use scrutin_record::RecordError;
use scrutin_verify::Problem;

/// A command that could not complete.
#[derive(Debug)]
pub struct Failure {
    /// The exit code.
    pub exit: Exit,
    /// What went wrong, for people.
    pub message: String,
}

impl Failure {
    /// Exit 2: unreadable input, a missing file, bad arguments.
    pub fn bad_input(message: impl Into<String>) -> Self {
        Failure {
            exit: Exit::BadInput,
            message: message.into(),
        }
    }

    /// Exit 1: the record or a message in it fails a check.
    pub fn invalid(message: impl Into<String>) -> Self {
        Failure {
            exit: Exit::Invalid,
            message: message.into(),
        }
    }

    /// Exit 3: anything else, e.g. a file that cannot be written.
    pub fn failed(message: impl Into<String>) -> Self {
        Failure {
            exit: Exit::Failed,
            message: message.into(),
        }
    }

    /// A file that could not be written (exit 3).
    pub fn write(error: RecordError) -> Self {
        Failure::failed(format!("cannot write {error}"))
    }
}

/// Reading errors are unreadable input.
impl From<RecordError> for Failure {
    fn from(error: RecordError) -> Self {
        Failure::bad_input(error.to_string())
    }
}

/// A failed check is an invalid record.
impl From<VerifyError> for Failure {
    fn from(error: VerifyError) -> Self {
        Failure::invalid(error.to_string())
    }
}

/// The verifier's decoding: syntax errors are unreadable input, values outside the group
/// fail the check that requires them.
impl From<Problem> for Failure {
    fn from(problem: Problem) -> Self {
        match problem {
            Problem::Unreadable(e) => e.into(),
            Problem::Invalid(e) => e.into(),
        }
    }
}

/// The board's answers: a refused check (422) is an invalid item (exit 1), the client's
/// other mistakes and wrong stages (4xx) are bad input (exit 2), as are a board URL or CA
/// file that cannot be used; an unreachable or failing board, a failed TLS handshake, or an
/// unreadable answer, is a failure (exit 3).
impl From<ClientError> for Failure {
    fn from(error: ClientError) -> Self {
        let message = error.to_string();
        match error {
            ClientError::Rejected(_) => Failure::invalid(message),
            ClientError::Client(_) | ClientError::BadUrl { .. } | ClientError::CaFile { .. } => {
                Failure::bad_input(message)
            }
            ClientError::PlainHttp { .. } => Failure::bad_input(format!(
                "{message}; use the board's https:// URL, or pass --allow-http to send in the \
                 clear anyway"
            )),
            ClientError::Tls { .. } => Failure::failed(format!(
                "{message} (if the board's certificate is signed by a private CA, or is \
                 self-signed, give that certificate with --ca-file)"
            )),
            // A server error, an unreachable board, an unreadable answer, or a failure this
            // command does not know yet.
            _ => Failure::failed(message),
        }
    }
}

/// Prints the failure, if any, and returns the exit code.
pub fn finish(result: Result<(), Failure>) -> Exit {
    match result {
        Ok(()) => Exit::Ok,
        Err(failure) => {
            eprintln!("error: {}", failure.message);
            failure.exit
        }
    }
}
