//! Differential tests: every fast exponentiation path against the plain constant-time
//! `pow_bounded_exp` of crypto-bigint, on random and on edge-case exponents.

use super::fixed_base::FixedTable;
use super::*;
use crypto_bigint::modular::BoxedMontyForm;
use crypto_bigint::BoxedUint;
use proptest::prelude::*;

/// The reference: x^e by crypto-bigint's constant-time fixed-window exponentiation.
fn reference<P: ParameterSet>(x: &Element<P>, e: &Scalar<P>) -> Element<P> {
    let group = P::group();
    Element::from_monty(x.as_monty().pow_bounded_exp(e.as_uint(), group.q_bits()))
}

/// A scalar from arbitrary bytes (reduced modulo q).
fn scalar<P: ParameterSet>(bytes: &[u8]) -> Scalar<P> {
    Scalar::from_bytes_reduced(bytes)
}

/// q − k as a scalar.
fn q_minus<P: ParameterSet>(k: u64) -> Scalar<P> {
    Scalar::zero().sub(&Scalar::from_u64(k))
}

/// Exponents at the edges: 0, 1, 2, small values, 2^k ± 1 around word and window borders,
/// q − 1, q − 2, and all-ones patterns below q.
fn edge_exponents<P: ParameterSet>() -> Vec<Scalar<P>> {
    let mut out = vec![
        Scalar::zero(),
        Scalar::one(),
        Scalar::from_u64(2),
        Scalar::from_u64(3),
        Scalar::from_u64(63),
        Scalar::from_u64(64),
        Scalar::from_u64(65),
        Scalar::from_u64(u64::MAX),
        q_minus(1),
        q_minus(2),
        q_minus(64),
    ];
    let q_bits = P::group().q_bits();
    for k in [5u32, 6, 7, 12, 31, 32, 33, 63, 64, 65, 127, 128, 192, 255] {
        if k < q_bits {
            let mut bytes = vec![0u8; 40];
            let byte = bytes.len() - 1 - (k / 8) as usize;
            bytes[byte] = 1 << (k % 8);
            let power = scalar::<P>(&bytes);
            out.push(power.sub(&Scalar::one()));
            out.push(power.clone());
            out.push(power.add(&Scalar::one()));
        }
    }
    out
}

/// Checks every fast path for one base and exponent.
fn check_all<P: ParameterSet>(x: &Element<P>, table: &FixedBase<P>, e: &Scalar<P>) {
    let expected = reference(x, e);
    assert_eq!(table.pow(e), expected, "FixedBase::pow, e = {e:?}");
    assert_eq!(table.pow_vartime(e), expected, "FixedBase::pow_vartime");
    assert_eq!(x.pow_vartime(e), expected, "pow_vartime, e = {e:?}");
    assert_eq!(
        Element::multi_pow_vartime(&[(x, e)]),
        expected,
        "multi_pow_vartime of one pair"
    );
    let g = Element::<P>::generator();
    let g_expected = reference(&g, e);
    assert_eq!(Element::g_pow(e), g_expected, "g_pow, e = {e:?}");
    assert_eq!(Element::g_pow_vartime(e), g_expected, "g_pow_vartime");
}

fn edge_cases<P: ParameterSet>(seed: &[u8]) {
    let x = Element::<P>::g_pow(&scalar(seed));
    let table = x.fixed_base();
    for e in edge_exponents::<P>() {
        check_all(&x, &table, &e);
    }
}

#[test]
fn edge_exponents_toy256() {
    edge_cases::<Toy256>(b"toy base");
}

#[test]
fn edge_exponents_standard() {
    edge_cases::<Standard>(b"standard base");
}

#[test]
fn edge_exponents_small_toys() {
    edge_cases::<Toy16>(b"a");
    edge_cases::<Toy64>(b"b");
    edge_cases::<Toy192>(b"c");
}

/// Every digit value in every row of the table, for several widths: e = d·2^(w·i). This walks
/// each entry of the masked scan once as the wanted one.
#[test]
fn every_table_entry_is_selected_correctly() {
    type P = Toy256;
    let x = Element::<P>::g_pow(&scalar(b"entries"));
    for window in [1u32, 3, 6, 8] {
        let table = FixedBase::with_window(&x, window);
        let rows = P::group().q_bits().div_ceil(window);
        for row in 0..rows {
            for digit in 0..(1u64 << window) {
                // Rows past the width of q reduce modulo q; those digits are unreachable.
                let e = Scalar::<P>::from_bytes_reduced(
                    &(u128::from(digit) << (window * row)).to_be_bytes(),
                );
                let expected = reference(&x, &e);
                assert_eq!(
                    table.pow(&e),
                    expected,
                    "w {window} row {row} digit {digit}"
                );
                assert_eq!(table.pow_vartime(&e), expected);
            }
        }
    }
}

/// The subgroup check now runs x^q through the variable-time path; it must agree with the
/// reference on members and non-members alike, including exponents wider than q.
#[test]
fn vartime_agrees_on_arbitrary_residues_and_wide_exponents() {
    let group = Standard::group();
    let one = group.one_monty();
    let mut seed = 1u64;
    for _ in 0..4 {
        // An arbitrary residue, almost surely outside the subgroup.
        let mut bytes = vec![0u8; group.p_bytes()];
        for chunk in bytes.chunks_mut(8) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            chunk.copy_from_slice(&seed.to_be_bytes());
        }
        bytes[0] &= 0x7F;
        let value = BoxedUint::from_be_slice(&bytes, group.p().bits_precision()).unwrap();
        let x = BoxedMontyForm::new(value, group.monty());
        for exponent in [group.q().clone(), group.r().clone(), group.p().clone()] {
            let expected = x.pow(&exponent);
            let fast = vartime::pow_vartime(&x, exponent.as_words(), one);
            assert_eq!(fast.as_montgomery(), expected.as_montgomery());
        }
    }
}

#[test]
fn multi_pow_mixes_generator_and_other_bases() {
    type P = Toy256;
    let g = Element::<P>::generator();
    let k = Element::<P>::g_pow(&scalar(b"k"));
    let a = Element::<P>::g_pow(&scalar(b"a"));
    let (v, c, w) = (scalar::<P>(b"v"), scalar::<P>(b"c"), scalar::<P>(b"w"));
    let expected = reference(&g, &v)
        .mul(&reference(&k, &c))
        .mul(&reference(&a, &w))
        .mul(&reference(&g, &c));
    let got = Element::multi_pow_vartime(&[(&g, &v), (&k, &c), (&a, &w), (&g, &c)]);
    assert_eq!(got, expected);
    assert_eq!(Element::<P>::multi_pow_vartime(&[]), Element::one());
    let zero = Scalar::zero();
    assert_eq!(
        Element::multi_pow_vartime(&[(&k, &zero), (&g, &zero)]),
        Element::one()
    );
}

#[test]
fn fixed_table_has_the_expected_shape() {
    let group = Standard::group();
    let table = FixedTable::new(group.g_monty(), group.monty(), group.q_bits(), 6);
    let base = FixedBase::<Standard>::new(&Element::generator());
    assert_eq!(base.window(), 6);
    let e = scalar::<Standard>(b"shape");
    assert_eq!(
        table.pow_ct(e.as_uint().as_words()).as_montgomery(),
        base.pow(&e).as_monty().as_montgomery()
    );
}

fn differential<P: ParameterSet>(base_seed: &[u8], bytes: &[Vec<u8>]) {
    let x = Element::<P>::g_pow(&scalar(base_seed));
    let table = x.fixed_base();
    let exponents: Vec<Scalar<P>> = bytes.iter().map(|b| scalar(b)).collect();
    for e in &exponents {
        check_all(&x, &table, e);
    }
    // A product over several bases with these exponents.
    let bases: Vec<Element<P>> = (0..exponents.len())
        .map(|i| Element::g_pow(&scalar(&[base_seed, &[i as u8]].concat())))
        .collect();
    let pairs: Vec<(&Element<P>, &Scalar<P>)> = bases.iter().zip(&exponents).collect();
    let expected = Element::product(
        pairs
            .iter()
            .map(|(b, e)| reference(b, e))
            .collect::<Vec<_>>()
            .iter(),
    );
    assert_eq!(Element::multi_pow_vartime(&pairs), expected);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn fast_paths_match_reference_toy256(
        base in proptest::collection::vec(any::<u8>(), 1..40),
        exps in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 1..5),
    ) {
        differential::<Toy256>(&base, &exps);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4))]

    #[test]
    fn fast_paths_match_reference_standard(
        base in proptest::collection::vec(any::<u8>(), 1..40),
        exps in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 1..3),
    ) {
        differential::<Standard>(&base, &exps);
    }
}
