//! The x86-64 implementation of the four-lane arithmetic, on AVX2 (`kernel.rs`) or, where the
//! processor has it, AVX-512 IFMA (`ifma.rs`), and the one place in this crate with `unsafe`
//! code: calling a function compiled for an instruction set extension is only sound on a
//! processor that has it, and the compiler cannot see the check made at run time. [`Avx2`] and
//! `ifma::Ifma` carry those checks: each exists only where `is_x86_feature_detected!` said yes,
//! and every `unsafe` block below calls such a function while holding the token for it.
#![allow(unsafe_code)]

mod ifma;
mod kernel;
#[cfg(feature = "kernel-bench")]
pub mod kernel_bench;
mod power;
mod select;
mod shared;
mod table;

pub(super) use power::Engine;
pub(super) use table::Table;

/// Proof that the running processor has AVX2: constructed only by [`Avx2::detect`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Avx2 {
    _detected: (),
}

impl Avx2 {
    /// `Some` when the processor supports AVX2 (checked once by the standard library's CPUID
    /// probe, which caches its answer).
    pub(super) fn detect() -> Option<Avx2> {
        std::is_x86_feature_detected!("avx2").then_some(Avx2 { _detected: () })
    }
}
#[cfg(test)]
mod kernel_tests;
