//! A board hosts elections on the insecure toy groups only when its operator allows them
//! (`scrutin serve --allow-test-groups`); elections already stored stay served either way.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{create_request, creation_signatures, list_the_administrator};
use scrutin_board::server::{open_board, BoardConfig};
use scrutin_board::{Board, BoardError, CreateElection, Receipt};
use scrutin_record::authorship::Signature;

fn config(dir: &std::path::Path, allow_test_groups: bool) -> BoardConfig {
    list_the_administrator(dir);
    BoardConfig {
        data_dir: dir.to_path_buf(),
        database: None,
        host: "board.test".into(),
        allow_test_groups,
        administrators: None,
    }
}

/// The signed request that creates election `id` on `group`.
fn request(id: &str, group: &str) -> (CreateElection, Vec<Signature>) {
    let mut request = create_request(id);
    request["roster"]["group"] = serde_json::json!(group);
    let signatures = creation_signatures(&request);
    (serde_json::from_value(request).unwrap(), signatures)
}

fn create(board: &Board, id: &str, group: &str) -> Result<Receipt, BoardError> {
    let (request, signatures) = request(id, group);
    board.create(&request, Some(&signatures))
}

#[test]
fn toy_group_elections_need_the_operators_permission() {
    let dir = tempfile::tempdir().unwrap();
    let board = open_board(&config(dir.path(), false)).unwrap();
    let refused = create(&board, "toy", "toy-256").unwrap_err();
    assert!(matches!(refused, BoardError::BadInput(_)), "{refused}");
    assert!(
        refused.to_string().contains("--allow-test-groups"),
        "{refused}"
    );
    assert!(board.election_ids().is_empty());
    create(&board, "real", "standard-4096").unwrap();
    drop(board);

    let board = open_board(&config(dir.path(), true)).unwrap();
    create(&board, "toy", "toy-256").unwrap();
    drop(board);

    // Without the permission, the stored toy election is still served.
    let board = open_board(&config(dir.path(), false)).unwrap();
    assert_eq!(board.election_ids(), ["real", "toy"]);
    assert!(create(&board, "toy-2", "toy-256").is_err());
}
