//! The board's client (crate `scrutin-client`) as the commands use it: connected as the
//! board arguments say (`--ca-file`, `--allow-http`), its errors become failures with the
//! exit codes of `scrutin` (`From<ClientError> for Failure` in `commands/failure.rs`), and
//! receipts are printed one line per entry.

use crate::cli::BoardAt;
use crate::commands::failure::Failure;
pub use scrutin_client::{Answer, Client};
use scrutin_client::{ClientOptions, Receipt};

/// A client of the election and board of `at`, over TLS with the roots of `--ca-file` (or
/// the built-in web roots), refusing plain HTTP off this machine without `--allow-http`.
pub fn connect(at: &BoardAt) -> Result<Client, Failure> {
    let options = ClientOptions {
        ca_file: at.ca_file.clone(),
        allow_http: at.allow_http,
    };
    Ok(Client::connect(&at.board, &at.election, &options)?)
}

/// POSTs `body` to the election's route `path`, with the `Scrutin-Signature` value
/// `signatures` if given, and describes the receipt, one line per entry.
pub fn post_item(
    client: &Client,
    path: &str,
    body: &[u8],
    signatures: Option<&str>,
) -> Result<String, Failure> {
    let answer = client.post(&client.url(path), body, signatures)?;
    describe(&answer)
}

/// One line per entry of a receipt: appended, or already on the board (a retry).
pub fn describe(answer: &Answer) -> Result<String, Failure> {
    let receipt: Receipt = answer.json()?;
    let how = if answer.status == 201 {
        "appended"
    } else {
        "already on the board"
    };
    let lines: Vec<String> = receipt
        .entries
        .iter()
        .map(|e| {
            format!(
                "  {} {how} as entry {} (checkpoint of {} entries)",
                e.key, e.seq, receipt.tree_size
            )
        })
        .collect();
    Ok(lines.join("\n"))
}
