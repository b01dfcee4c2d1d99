//! The exit codes of `scrutin`, documented in `scrutin --help`.

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Success; for `verify`, every step passed.
    Ok,
    /// The record is invalid: a verification step failed.
    Invalid,
    /// The input cannot be read: a missing file, malformed JSON, a field of the wrong width,
    /// or bad command-line arguments.
    BadInput,
    /// Anything else went wrong (writing files, an inconsistent protocol state).
    Failed,
}

impl From<Exit> for i32 {
    fn from(exit: Exit) -> i32 {
        match exit {
            Exit::Ok => 0,
            Exit::Invalid => 1,
            Exit::BadInput => 2,
            Exit::Failed => 3,
        }
    }
}
