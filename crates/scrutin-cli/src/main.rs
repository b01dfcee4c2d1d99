//! `scrutin`: run, verify and take part in end-to-end verifiable elections (ElectionGuard 2.1).
//!
//! Exit codes: 0 success (for `verify`: every step passed); 1 the record is invalid (a
//! verification step failed); 2 unreadable input or a usage error (missing file, malformed
//! JSON, wrong field width); 3 an operation failed for another reason (I/O while writing).
#![forbid(unsafe_code)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod cli;
mod commands;
mod exit;

use clap::Parser;

fn main() {
    if std::env::var_os("SCRUTIN_NO_SIMD").is_some() {
        // For comparisons: the portable arithmetic instead of the four-lane one.
        scrutin_core::group::use_one_lane_only();
    }
    if std::env::var_os("SCRUTIN_NO_IFMA").is_some() {
        // For comparisons: the four-lane AVX2 kernel even where AVX-512 IFMA is present.
        scrutin_core::group::use_avx2_kernel();
    }
    let args = cli::Cli::parse();
    let code = commands::run(args);
    std::process::exit(code.into());
}
