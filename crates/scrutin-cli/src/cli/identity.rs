//! Arguments of `scrutin identity …` and of signing as a party: every party of a networked
//! election (administrator, guardian, voting device) has an Ed25519 identity whose public
//! key others enrol and whose secret key signs what the party posts (docs/network-election.md).

use super::PassphraseArgs;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `scrutin identity …`: make and inspect a party's signing identity.
#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Make a new identity: its secret key sealed with your passphrase in `<NAME>.identity`
    /// (permissions 0600; keep it, never share it) and its public file
    /// `<NAME>.identity.json` (name, key, fingerprint) to hand to whoever enrols you. Prints
    /// the fingerprint: read it to them out of band, so that they can check the key they
    /// enrol is yours.
    New(IdentityNewArgs),
    /// Print an identity's name, public key and fingerprint, from its public file
    /// (`<NAME>.identity.json`) or its sealed file (`<NAME>.identity`, asks for the
    /// passphrase). A public file whose fingerprint is not its key's is refused.
    Show(IdentityShowArgs),
}

/// Arguments of `scrutin identity new`.
#[derive(Debug, Args)]
pub struct IdentityNewArgs {
    /// Your name as others will see it (letters, digits, `-`, `_`, `.`; it names the files).
    #[arg(long)]
    pub name: String,
    /// The folder to write the two files in.
    #[arg(long, default_value = ".")]
    pub out: PathBuf,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

/// Arguments of `scrutin identity show`.
#[derive(Debug, Args)]
pub struct IdentityShowArgs {
    /// The identity's public file (`<NAME>.identity.json`) or sealed file
    /// (`<NAME>.identity`).
    pub file: PathBuf,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

/// Who signs a post to the board: the party's sealed identity and its passphrase.
#[derive(Debug, Args)]
pub struct SignAs {
    /// Your sealed identity file (`scrutin identity new`), whose key the board knows: the
    /// administrator's from the operator's list, a guardian's from the roster, a device's
    /// from its enrolment. The board refuses a post signed by any other key (exit 2).
    #[arg(long, value_name = "FILE")]
    pub identity: PathBuf,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}
