//! Opening a board from its configuration: the data directory (signing key, and the SQLite
//! database unless PostgreSQL is named), then serving it.

use crate::board::Board;
use crate::store::{PostgresStore, SqliteStore, Store};
use crate::BoardError;
use std::path::{Path, PathBuf};

/// The SQLite database's file name in the data directory.
pub const DATABASE_FILE: &str = "board.sqlite";

/// Where and how a board keeps its data.
#[derive(Clone, Debug)]
pub struct BoardConfig {
    /// The data directory: the signing key, and the SQLite database by default.
    pub data_dir: PathBuf,
    /// A `postgres://…` URL to use PostgreSQL instead of SQLite.
    pub database: Option<String>,
    /// The host name that starts every log's origin (`<host>/scrutin/<election>`).
    pub host: String,
    /// Whether new elections may use the insecure toy groups (tests and demonstrations).
    pub allow_test_groups: bool,
}

/// Opens the board: creates the data directory (0700) and the signing key if needed, opens
/// the store, and replays every election.
pub fn open_board(config: &BoardConfig) -> Result<Board, BoardError> {
    create_private_dir(&config.data_dir)?;
    let seed = crate::key_file::load_or_create(&config.data_dir)
        .map_err(|e| BoardError::Internal(e.to_string()))?;
    let store: Box<dyn Store> = match &config.database {
        Some(url) => Box::new(PostgresStore::connect(url)?),
        None => Box::new(SqliteStore::open(&config.data_dir.join(DATABASE_FILE))?),
    };
    Ok(Board::open(store, seed, &config.host)?.allow_test_groups(config.allow_test_groups))
}

/// Creates the data directory with mode 0700, or narrows an existing one to it: it holds the
/// board's signing key and database, which no other user of the machine should read.
fn create_private_dir(dir: &Path) -> Result<(), BoardError> {
    let failed = |e: std::io::Error| BoardError::Internal(format!("{}: {e}", dir.display()));
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(failed)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir).map_err(failed)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
                .map_err(failed)?;
            eprintln!(
                "note: {} was readable by other users (mode {:o}); it is now 0700",
                dir.display(),
                mode & 0o777
            );
        }
    }
    Ok(())
}
