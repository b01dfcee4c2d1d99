//! Reading and writing one JSON file, with errors that name the file and the field path.

use crate::capped::{self, FileKind};
use crate::error::{RecordError, RecordErrorKind};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;

/// Parses JSON bytes as `T`, reporting the field path of any mismatch.
pub fn parse<T: DeserializeOwned>(file: &Path, bytes: &[u8]) -> Result<T, RecordError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        RecordError {
            file: file.to_path_buf(),
            kind: RecordErrorKind::Json {
                path,
                line: inner.line(),
                column: inner.column(),
                message: inner.to_string(),
            },
        }
    })?;
    deserializer.end().map_err(|inner| RecordError {
        file: file.to_path_buf(),
        kind: RecordErrorKind::Json {
            path: ".".to_string(),
            line: inner.line(),
            column: inner.column(),
            message: inner.to_string(),
        },
    })?;
    Ok(value)
}

/// Reads and parses a JSON file of the given kind, through [`capped::read`]: never through a
/// symbolic link or from a special file, and never more than the kind's cap.
pub fn read<T: DeserializeOwned>(file: &Path, kind: FileKind) -> Result<T, RecordError> {
    let bytes = capped::read(file, kind)?;
    parse(file, &bytes)
}

/// Reads a file's exact bytes (a manifest, whose bytes enter H_B), through [`capped::read`].
pub fn read_bytes(file: &Path, kind: FileKind) -> Result<Vec<u8>, RecordError> {
    capped::read(file, kind)
}

/// The bytes scrutin writes for a value: pretty JSON with a final newline. Deterministic for a
/// given value, since every record type has a fixed field order and uses ordered maps.
pub fn to_bytes<T: Serialize>(value: &T) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes a value to a file, creating parent directories, through a temporary file and a
/// rename so that a crash never leaves a half-written record file.
pub fn write<T: Serialize>(file: &Path, value: &T) -> Result<(), RecordError> {
    let bytes = to_bytes(value).map_err(|e| RecordError::field(file, ".", e.to_string()))?;
    write_bytes(file, &bytes)
}

/// Writes bytes atomically (temporary file, fsync, rename).
pub fn write_bytes(file: &Path, bytes: &[u8]) -> Result<(), RecordError> {
    use std::io::Write;
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| RecordError::io(parent, e))?;
    }
    let tmp = file.with_extension("tmp");
    let mut handle = std::fs::File::create(&tmp).map_err(|e| RecordError::io(&tmp, e))?;
    handle
        .write_all(bytes)
        .map_err(|e| RecordError::io(&tmp, e))?;
    handle.sync_all().map_err(|e| RecordError::io(&tmp, e))?;
    std::fs::rename(&tmp, file).map_err(|e| RecordError::io(file, e))
}
