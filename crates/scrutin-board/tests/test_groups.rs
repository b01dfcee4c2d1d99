//! A board hosts elections on the insecure toy groups only when its operator allows them
//! (`scrutin serve --allow-test-groups`); elections already stored stay served either way.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{create_request, TOKEN};
use scrutin_board::server::{open_board, BoardConfig};
use scrutin_board::{BoardError, CreateElection};

fn config(dir: &std::path::Path, allow_test_groups: bool) -> BoardConfig {
    BoardConfig {
        data_dir: dir.to_path_buf(),
        database: None,
        host: "board.test".into(),
        allow_test_groups,
    }
}

fn request(id: &str, group: &str) -> CreateElection {
    let mut request = create_request(id);
    request["group"] = serde_json::json!(group);
    serde_json::from_value(request).unwrap()
}

#[test]
fn toy_group_elections_need_the_operators_permission() {
    let dir = tempfile::tempdir().unwrap();
    let board = open_board(&config(dir.path(), false)).unwrap();
    let refused = board.create(&request("toy", "toy-256"), TOKEN).unwrap_err();
    assert!(matches!(refused, BoardError::BadInput(_)), "{refused}");
    assert!(
        refused.to_string().contains("--allow-test-groups"),
        "{refused}"
    );
    assert!(board.election_ids().is_empty());
    board
        .create(&request("real", "standard-4096"), TOKEN)
        .unwrap();
    drop(board);

    let board = open_board(&config(dir.path(), true)).unwrap();
    board.create(&request("toy", "toy-256"), TOKEN).unwrap();
    drop(board);

    // Without the permission, the stored toy election is still served.
    let board = open_board(&config(dir.path(), false)).unwrap();
    assert_eq!(board.election_ids(), ["real", "toy"]);
    assert!(board.create(&request("toy-2", "toy-256"), TOKEN).is_err());
}
