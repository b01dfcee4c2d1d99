//! Errors of reading a record: always the file, and where possible the field.

use std::path::PathBuf;

/// A record that cannot be read: which file, and what is wrong with it.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", file.display())]
pub struct RecordError {
    /// The file (or directory) concerned.
    pub file: PathBuf,
    /// What is wrong.
    pub kind: RecordErrorKind,
}

/// What is wrong with a record file.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum RecordErrorKind {
    /// The file is missing or unreadable.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The JSON is malformed, truncated, or does not have the expected shape.
    #[error("invalid JSON at `{path}` (line {line}, column {column}): {message}")]
    Json {
        /// The field path, e.g. `contests[2].selections[0].proof`.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde's message.
        message: String,
    },
    /// The path is not a regular file: a symbolic link, a directory, a FIFO or a device. Input
    /// files are never read through links or from special files.
    #[error("not a regular file ({found}); refusing to read it")]
    NotRegularFile {
        /// What was found instead, e.g. "a symbolic link".
        found: &'static str,
    },
    /// The file is larger than the cap for its kind (`docs/record-format.md`, "Size limits").
    #[error("larger than the {cap}-byte limit for a {kind} file")]
    TooLarge {
        /// The kind of file, e.g. "ballot".
        kind: &'static str,
        /// The cap in bytes.
        cap: u64,
    },
    /// A field has the right JSON type but an invalid value (wrong hex width, not in the
    /// group, an unknown label).
    #[error("field `{field}`: {problem}")]
    Field {
        /// The field path.
        field: String,
        /// What is wrong.
        problem: String,
    },
}

impl RecordError {
    /// An error about `field` of `file`.
    pub fn field(
        file: impl Into<PathBuf>,
        field: impl Into<String>,
        problem: impl Into<String>,
    ) -> Self {
        RecordError {
            file: file.into(),
            kind: RecordErrorKind::Field {
                field: field.into(),
                problem: problem.into(),
            },
        }
    }

    /// An I/O error on `file`.
    pub fn io(file: impl Into<PathBuf>, error: std::io::Error) -> Self {
        RecordError {
            file: file.into(),
            kind: RecordErrorKind::Io(error),
        }
    }
}
