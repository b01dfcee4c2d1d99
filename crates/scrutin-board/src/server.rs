//! Opening a board from its configuration: the data directory (signing key, the operator's
//! list of administrators, and the SQLite database unless PostgreSQL is named), then
//! serving it.

use crate::administrators::{Administrators, ADMINISTRATORS_FILE};
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
    /// The operator's list of administrators who may create elections
    /// (`crate::administrators`); `None`: `<data-dir>/administrators` if it exists, and an
    /// empty list (no creation allowed) if not.
    pub administrators: Option<PathBuf>,
}

/// Opens the board: creates the data directory (0700) and the signing key if needed, reads
/// the list of administrators, opens the store, and replays every election.
pub fn open_board(config: &BoardConfig) -> Result<Board, BoardError> {
    create_private_dir(&config.data_dir)?;
    let administrators = administrators(config)?;
    let seed = crate::key_file::load_or_create(&config.data_dir)
        .map_err(|e| BoardError::Internal(e.to_string()))?;
    let store: Box<dyn Store> = match &config.database {
        Some(url) => Box::new(PostgresStore::connect(url)?),
        None => Box::new(SqliteStore::open(&config.data_dir.join(DATABASE_FILE))?),
    };
    Ok(Board::open(store, seed, &config.host)?
        .allow_test_groups(config.allow_test_groups)
        .administrators(administrators))
}

/// The operator's list of administrators: the file the configuration names (which must
/// exist), or `<data-dir>/administrators` when there is one; none otherwise.
fn administrators(config: &BoardConfig) -> Result<Administrators, BoardError> {
    let default = config.data_dir.join(ADMINISTRATORS_FILE);
    let file = match &config.administrators {
        Some(file) => file.clone(),
        None if default.exists() => default,
        None => return Ok(Administrators::default()),
    };
    Administrators::load(&file).map_err(|e| BoardError::BadInput(e.to_string()))
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
