//! # scrutin-verify
//!
//! The independent verifier. It reads an election record, recomputes everything from the
//! public data — never trusting a stored hash or total — and reports every verification box of
//! the specification with pass or fail. Failures name the step label of the specification
//! (e.g. `V6.D`) and the place in the record.
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod report;

pub use report::{Outcome, Report, StepReport};
