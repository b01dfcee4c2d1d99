//! The four-lane product and squaring of each kernel, for the criterion benchmark
//! `benches/lanes.rs` (built only with the `kernel-bench` feature): both kernels in one
//! process, on the same operands.

use super::super::digits::{self, LIMBS};
use super::ifma::Ifma;
use super::kernel::{mont_mul, mont_square, Modulus, Operand, PADDED};
use super::Avx2;
use core::arch::x86_64::{_mm256_set1_epi64x, _mm256_setzero_si256};

/// Which kernel a [`FourLanes`] runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kernel {
    /// 27-bit digits, `vpmuludq` (AVX2).
    Avx2,
    /// 52-bit digits, `vpmadd52luq`/`vpmadd52huq` (AVX-512 IFMA).
    Ifma,
}

/// One kernel's constants for p and two four-lane operands in its form.
pub struct FourLanes {
    avx2: Avx2,
    modulus: Modulus,
    x: Operand,
    y: Operand,
    out: Operand,
}

impl FourLanes {
    /// The kernel for p (64 little-endian limbs) with operands x and y in every lane, or `None`
    /// where the processor lacks the kernel's instructions.
    pub fn new(kernel: Kernel, p: &[u64; LIMBS], x: &[u64], y: &[u64]) -> Option<FourLanes> {
        let avx2 = Avx2::detect()?;
        if kernel == Kernel::Ifma {
            Ifma::detect()?;
        }
        // SAFETY: AVX2 was detected above.
        unsafe {
            let mut modulus = Modulus::new(p);
            if kernel == Kernel::Avx2 {
                modulus.wide = None;
            } else if modulus.wide.is_none() {
                // SCRUTIN_NO_IFMA is set: the IFMA kernel is not to run.
                return None;
            }
            let operand = |value: &[u64]| {
                let mut out = [_mm256_setzero_si256(); PADDED];
                for (v, d) in out.iter_mut().zip(digits::digits_of(value)) {
                    *v = _mm256_set1_epi64x(i64::from(d));
                }
                modulus.enter(&mut out);
                out
            };
            let (x, y) = (operand(x), operand(y));
            Some(FourLanes {
                avx2,
                modulus,
                x,
                y,
                out: x,
            })
        }
    }

    /// Four products x·y at once.
    pub fn mul(&mut self) {
        let Avx2 { .. } = self.avx2;
        // SAFETY: `self.avx2` proves AVX2; `self.modulus.wide` carries the IFMA proof.
        unsafe { mont_mul(&self.x, &self.y, &self.modulus, &mut self.out) }
    }

    /// Four squarings x² at once.
    pub fn square(&mut self) {
        let Avx2 { .. } = self.avx2;
        // SAFETY: as in `mul`.
        unsafe { mont_square(&self.x, &self.modulus, &mut self.out) }
    }
}
