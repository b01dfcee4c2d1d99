//! Differential tests: the kernels against crypto-bigint's `BoxedMontyForm`, on random and edge
//! residues of every parameter set (one limb for the small toys, 64 for the standard group).

use super::*;
use crate::group::{
    ParameterSet, Standard, Toy128, Toy16, Toy192, Toy256, Toy32, Toy48, Toy64, Toy96,
};
use crypto_bigint::NonZero;
use proptest::prelude::*;

fn field<P: ParameterSet>() -> &'static Field {
    P::group().field()
}

/// Big-endian bytes of any length reduced modulo p, at the precision of p.
fn residue_integer<P: ParameterSet>(bytes: &[u8]) -> BoxedUint {
    let group = P::group();
    let precision = group.p().bits_precision();
    let wide_bits = (bytes.len() as u32 * 8).max(precision).next_multiple_of(64);
    let wide = BoxedUint::from_be_slice_truncated(bytes, wide_bits);
    let p_wide = group.p().resize_unchecked(wide_bits);
    let p_nz = Option::<NonZero<BoxedUint>>::from(p_wide.to_nz()).unwrap();
    wide.rem_vartime(&p_nz).resize_unchecked(precision)
}

use crypto_bigint::Resize;

/// The reference: crypto-bigint's Montgomery form of the same integer.
fn reference(x: &BoxedUint, field: &Field) -> BoxedMontyForm {
    BoxedMontyForm::new(x.clone(), field.params())
}

/// Integers that stress the carries: 0, 1, 2, p − 1, p − 2, (p − 1)/2, and 2^k.
fn edge_integers<P: ParameterSet>() -> Vec<BoxedUint> {
    let group = P::group();
    let precision = group.p().bits_precision();
    let one = BoxedUint::one_with_precision(precision);
    let p = group.p().clone();
    let mut out = vec![
        BoxedUint::zero_with_precision(precision),
        one.clone(),
        one.wrapping_add(&one),
        p.wrapping_sub(&one),
        p.wrapping_sub(&one).wrapping_sub(&one),
        p.wrapping_sub(&one).wrapping_shr(1),
    ];
    for k in [1u32, 63, 64, 65, 127, 2047, 4000, 4094] {
        if k + 1 < group.p_bits() {
            out.push(one.wrapping_shl(k));
        }
    }
    out
}

fn check_pair<P: ParameterSet>(a: &BoxedUint, b: &BoxedUint) {
    let field = field::<P>();
    let (ra, rb) = (field.residue(a), field.residue(b));
    assert_eq!(field.to_uint(&ra), *a, "round trip of {a}");
    let expected_mul = reference(a, field).mul(&reference(b, field)).retrieve();
    assert_eq!(
        field.to_uint(&field.mul(&ra, &rb)),
        expected_mul,
        "{a} · {b}"
    );
    let expected_square = reference(a, field).square().retrieve();
    assert_eq!(field.to_uint(&field.square(&ra)), expected_square, "{a}²");
    // The limbs agree with crypto-bigint's Montgomery form where the radices agree (64-bit
    // words), so the fully reduced representatives are the same.
    if Word::BITS == 64 {
        let monty = reference(a, field);
        assert_eq!(
            ra.limbs(),
            &*limbs_of(monty.as_montgomery().as_words(), field.limbs())
        );
    }
}

fn edge_cases<P: ParameterSet>() {
    let edges = edge_integers::<P>();
    for a in &edges {
        for b in &edges {
            check_pair::<P>(a, b);
        }
    }
}

#[test]
fn edge_residues_every_parameter_set() {
    edge_cases::<Toy16>();
    edge_cases::<Toy32>();
    edge_cases::<Toy48>();
    edge_cases::<Toy64>();
    edge_cases::<Toy96>();
    edge_cases::<Toy128>();
    edge_cases::<Toy192>();
    edge_cases::<Toy256>();
    edge_cases::<Standard>();
}

#[test]
fn the_standard_kernels_are_the_64_limb_ones() {
    assert_eq!(field::<Standard>().limbs(), WIDE);
    assert_eq!(field::<Toy16>().limbs(), 1);
    assert_eq!(field::<Toy256>().limbs(), 4);
}

/// Long chains of squarings and multiplications, as in an exponentiation, stay equal to
/// crypto-bigint's at every step.
#[test]
fn chains_match_crypto_bigint() {
    fn chain<P: ParameterSet>(seed: &[u8]) {
        let field = field::<P>();
        let x = residue_integer::<P>(seed);
        let (mut ours, mut theirs) = (field.residue(&x), reference(&x, field));
        let base = (ours.clone(), theirs.clone());
        for step in 0..300 {
            if step % 3 == 2 {
                field.mul_assign(&mut ours, &base.0);
                theirs = theirs.mul(&base.1);
            } else {
                field.square_assign(&mut ours);
                theirs = theirs.square();
            }
            assert_eq!(field.to_uint(&ours), theirs.retrieve(), "step {step}");
        }
    }
    chain::<Toy16>(b"toy16 chain");
    chain::<Toy96>(b"toy96 chain");
    chain::<Toy256>(b"toy256 chain");
    chain::<Standard>(b"standard chain");
}

#[test]
fn inversion_gives_the_inverse() {
    fn check<P: ParameterSet>(seed: &[u8]) {
        let field = field::<P>();
        let x = field.residue(&residue_integer::<P>(seed));
        let inverse = field.invert(&x).unwrap();
        assert_eq!(field.mul(&x, &inverse), *field.one());
        let zero = field.residue(&BoxedUint::zero_with_precision(
            P::group().p().bits_precision(),
        ));
        assert!(field.invert(&zero).is_none());
    }
    check::<Toy16>(b"inv");
    check::<Toy192>(b"inv");
    check::<Standard>(b"inv");
}

#[test]
fn select_ct_picks_each_entry_and_nothing_else() {
    // Widths below, at and past the 8-word blocks of the scan, and the standard group's 64.
    for limbs in [1usize, 3, 8, 11, 64] {
        let entries: Vec<u64> = (0..5 * limbs as u64)
            .map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        for wanted in 0..7u64 {
            let mut out = vec![99u64; limbs];
            select_ct(&entries, 1, wanted as Word, &mut out);
            if (1..=5).contains(&wanted) {
                let start = (wanted as usize - 1) * limbs;
                assert_eq!(
                    out,
                    entries[start..start + limbs],
                    "{limbs} limbs, {wanted}"
                );
            } else {
                assert_eq!(out, vec![99; limbs], "no entry is numbered {wanted}");
            }
        }
    }
}

#[test]
fn word_conversions_round_trip() {
    let limbs = [0x0123_4567_89AB_CDEFu64, u64::MAX, 0, 1];
    assert_eq!(&*limbs_of(&words_of(&limbs), 4), &limbs);
    // Truncation and zero extension.
    assert_eq!(&*limbs_of(&words_of(&limbs), 2), &limbs[..2]);
    assert_eq!(&*limbs_of(&words_of(&limbs[..1]), 2), &[limbs[0], 0]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_residues_small_sets(
        a in proptest::collection::vec(any::<u8>(), 1..40),
        b in proptest::collection::vec(any::<u8>(), 1..40),
    ) {
        check_pair::<Toy16>(&residue_integer::<Toy16>(&a), &residue_integer::<Toy16>(&b));
        check_pair::<Toy48>(&residue_integer::<Toy48>(&a), &residue_integer::<Toy48>(&b));
        check_pair::<Toy64>(&residue_integer::<Toy64>(&a), &residue_integer::<Toy64>(&b));
        check_pair::<Toy128>(&residue_integer::<Toy128>(&a), &residue_integer::<Toy128>(&b));
        check_pair::<Toy192>(&residue_integer::<Toy192>(&a), &residue_integer::<Toy192>(&b));
        check_pair::<Toy256>(&residue_integer::<Toy256>(&a), &residue_integer::<Toy256>(&b));
    }

    #[test]
    fn random_residues_standard(
        a in proptest::collection::vec(any::<u8>(), 500..520),
        b in proptest::collection::vec(any::<u8>(), 1..520),
    ) {
        check_pair::<Standard>(
            &residue_integer::<Standard>(&a),
            &residue_integer::<Standard>(&b),
        );
    }
}
