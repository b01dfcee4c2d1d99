//! One module per command.

mod bench;
mod board;
mod ceremony;
mod context;
mod decrypt;
mod demo;
mod demo_authorship;
mod device;
mod election;
mod encrypt;
mod failure;
mod files;
mod guardian;
mod identity;
mod opening;
mod passphrase;
mod plaintext;
mod progress;
mod results;
mod secret_files;
#[cfg(feature = "server")]
mod serve;
mod tally;
mod verify;
mod witness;
mod workload;

use crate::cli::{Cli, Command};
use crate::exit::Exit;

/// Runs the command and returns how it ended.
pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Demo(args) => demo::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Election(command) => election::run(&command),
        Command::Guardian(command) => guardian::run(&command),
        Command::Encrypt(args) => encrypt::run(&args),
        Command::Tally(args) => tally::run(&args),
        Command::Decrypt(command) => decrypt::run(&command),
        #[cfg(feature = "server")]
        Command::Serve(args) => serve::run(&args),
        Command::Identity(command) => identity::run(&command),
        Command::Board(command) => board::run(&command),
        Command::Witness(command) => witness::run(&command),
        Command::Bench(args) => bench::run(&args),
    }
}
