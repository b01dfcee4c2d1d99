//! One module per command.

mod demo;
mod verify;
mod workload;

use crate::cli::{Cli, Command};
use crate::exit::Exit;

/// Runs the command and returns how it ended.
pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Demo(args) => demo::run(&args),
        Command::Verify(args) => verify::run(&args),
    }
}
