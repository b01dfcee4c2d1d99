//! The AVX2 implementation of the four-lane arithmetic, and the one place in this crate with
//! `unsafe` code: calling a function compiled for AVX2 is only sound on a processor that has
//! it, and the compiler cannot see the check made at run time. [`Avx2`] carries that check:
//! it exists only where `is_x86_feature_detected!("avx2")` said yes, and every `unsafe`
//! block below calls an AVX2 function while holding one.
#![allow(unsafe_code)]

mod ifma;
mod kernel;
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
