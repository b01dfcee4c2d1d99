//! The board's data directory and every file in it are private to the board's user: the
//! directory 0700 (an existing one is narrowed), the signing key and the SQLite database with
//! its write-ahead log 0600.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
#![cfg(unix)]

mod common;

use common::{create_request, creation_signatures, list_the_administrator};
use scrutin_board::server::{open_board, BoardConfig, DATABASE_FILE};
use scrutin_board::CreateElection;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_data_directory_and_its_files_are_private() {
    let parent = tempfile::tempdir().unwrap();
    let data = parent.path().join("board-data");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    // The operator's list lives outside the data directory here, so that every file in it
    // is one the board wrote.
    let listed = parent.path().join("operator");
    list_the_administrator(&listed);
    let config = BoardConfig {
        data_dir: data.clone(),
        database: None,
        host: "board.test".into(),
        allow_test_groups: true,
        administrators: Some(listed.join("administrators")),
    };
    let board = open_board(&config).unwrap();
    let request: CreateElection = serde_json::from_value(create_request("e")).unwrap();
    board
        .create(&request, Some(&creation_signatures(&create_request("e"))))
        .unwrap();
    assert_eq!(mode(&data), 0o700);
    let mut files = vec![];
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
        files.push(path.file_name().unwrap().to_string_lossy().into_owned());
    }
    assert!(files.contains(&DATABASE_FILE.to_string()), "{files:?}");
    assert!(
        files.contains(&"board-signing-key".to_string()),
        "{files:?}"
    );
    assert!(
        files.iter().any(|f| f.ends_with("-wal")),
        "the write-ahead log is checked too: {files:?}"
    );
}
