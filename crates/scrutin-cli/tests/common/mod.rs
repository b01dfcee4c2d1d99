//! Shared helpers of the CLI integration tests: make a demo record, copy it, edit its JSON.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[cfg(feature = "server")]
pub mod board;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The `scrutin` binary built for these tests.
pub fn scrutin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_scrutin"))
}

/// A finished command's exit code (-1 when killed by a signal) and its standard output then
/// standard error.
pub fn code_and_text(out: &std::process::Output) -> (i32, String) {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

/// Runs `scrutin demo` on the toy group into `out` and checks that it succeeded.
pub fn toy_demo(out: &Path, extra: &[&str]) {
    let status = scrutin()
        .args(["demo", "--group", "toy", "--seed", "7", "--force", "--out"])
        .arg(out)
        .args(extra)
        .output()
        .expect("run scrutin demo");
    assert!(
        status.status.success(),
        "demo failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// Copies a record directory recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every JSON file of a record, relative to its root, sorted.
pub fn json_files(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

/// Reads a JSON file.
pub fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Writes a JSON file the way scrutin does.
pub fn write(path: &Path, value: &Value) {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap();
    bytes.push(b'\n');
    std::fs::write(path, bytes).unwrap();
}

/// Edits one JSON file in place.
pub fn edit(path: &Path, f: impl FnOnce(&mut Value)) {
    let mut value = read(path);
    f(&mut value);
    write(path, &value);
}

/// Whether a string is a hex field of the record (group element, Z_q value, hash, bytes).
pub fn is_hex_field(s: &str) -> bool {
    s.len() >= 16 && s.len().is_multiple_of(2) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The JSON pointers of every hex string field in `value`.
pub fn hex_pointers(value: &Value, prefix: String, out: &mut Vec<String>) {
    match value {
        Value::String(s) if is_hex_field(s) => out.push(prefix),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                hex_pointers(item, format!("{prefix}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                hex_pointers(
                    v,
                    format!("{prefix}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => {}
    }
}

/// Changes the hex digit at `position` of a string to a different hex digit.
pub fn flip_digit(s: &str, position: usize) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let i = position % chars.len();
    chars[i] = if chars[i] == '0' { '1' } else { '0' };
    chars.into_iter().collect()
}
