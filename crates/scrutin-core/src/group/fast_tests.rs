//! Differential tests: every fast exponentiation path against the plain constant-time
//! `pow_bounded_exp` of crypto-bigint, on random and on edge-case exponents.

use super::fixed_base::FixedTable;
use super::*;
use crypto_bigint::modular::BoxedMontyForm;
use crypto_bigint::BoxedUint;
use proptest::prelude::*;

/// x as crypto-bigint's Montgomery form, through its integer value.
fn boxed<P: ParameterSet>(x: &Element<P>) -> BoxedMontyForm {
    let field = P::group().field();
    BoxedMontyForm::new(field.to_uint(x.as_residue()), field.params())
}

/// The reference: x^e by crypto-bigint's constant-time fixed-window exponentiation.
fn reference<P: ParameterSet>(x: &Element<P>, e: &Scalar<P>) -> Element<P> {
    let group = P::group();
    let power = boxed(x).pow_bounded_exp(e.as_uint(), group.q_bits());
    Element::from_residue(group.field().residue(&power.retrieve()))
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
    let secret = SecretScalar::<P>::from_bytes_reduced(&e.to_bytes());
    assert_eq!(secret.pow_fixed(table), expected, "SecretScalar::pow_fixed");
}

fn edge_cases<P: ParameterSet>(seed: &[u8]) {
    let x = Element::<P>::g_pow(&scalar(seed));
    let table = x.fixed_base();
    let exponents = edge_exponents::<P>();
    for e in &exponents {
        check_all(&x, &table, e);
    }
    let refs: Vec<&Scalar<P>> = exponents.iter().collect();
    let singles: Vec<Element<P>> = exponents.iter().map(|e| reference(&x, e)).collect();
    assert_eq!(x.pow_many_vartime(&refs), singles);
    assert_eq!(x.pow_many_vartime(&refs[..2]), singles[..2]);
    assert_eq!(x.pow_many_vartime(&[]), Vec::<Element<P>>::new());
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
    let field = group.field();
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
        let x = BoxedMontyForm::new(value.clone(), field.params());
        let x_residue = field.residue(&value);
        // Long leading runs of ones (q, p, 2^k − 1, runs followed by zeros) take the addition
        // chain of `pow_leading_run`; the others the sliding window.
        let ones = |k: u32| {
            BoxedUint::one_with_precision(320)
                .wrapping_shl(k)
                .wrapping_sub(BoxedUint::one_with_precision(320))
        };
        for exponent in [
            group.q().clone(),
            group.r().clone(),
            group.p().clone(),
            ones(300),
            ones(248).wrapping_shl(8),
            ones(248)
                .wrapping_shl(8)
                .wrapping_add(BoxedUint::one_with_precision(320)),
            ones(32),
            ones(31),
            ones(33).wrapping_shl(200),
            ones(1),
        ] {
            let expected = x.pow(&exponent).retrieve();
            let fast = vartime::pow_vartime(field, &x_residue, exponent.as_words());
            assert_eq!(field.to_uint(&fast), expected);
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
    let table = FixedTable::new(group.g_residue(), group.field(), group.q_bits(), 6);
    let base = FixedBase::<Standard>::new(&Element::generator());
    assert_eq!(base.window(), 6);
    let e = scalar::<Standard>(b"shape");
    assert_eq!(
        &table.pow_ct(group.field(), e.as_uint().as_words()),
        base.pow(&e).as_residue()
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
    // The same base to all of these exponents, with a shared chain of squarings.
    let refs: Vec<&Scalar<P>> = exponents.iter().collect();
    let many = x.pow_many_vartime(&refs);
    let singles: Vec<Element<P>> = exponents.iter().map(|e| reference(&x, e)).collect();
    assert_eq!(many, singles);
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

/// Encodings of members, of non-members of every kind and of malformed strings.
fn mixed_encodings<P: ParameterSet>(seed: &[u8]) -> Vec<Vec<u8>> {
    let group = P::group();
    let member = |i: u8| Element::<P>::g_pow(&scalar(&[seed, &[i]].concat()));
    let p_bytes = {
        let full = group.p().to_be_bytes();
        full[full.len() - group.p_bytes()..].to_vec()
    };
    let minus = |x: &Element<P>| {
        // p − x: Legendre symbol −1, since p ≡ 3 mod 4 makes −1 a non-residue.
        let value = group
            .p()
            .wrapping_sub(group.field().to_uint(x.as_residue()));
        let full = value.to_be_bytes();
        full[full.len() - group.p_bytes()..].to_vec()
    };
    let square_of_arbitrary = {
        // A quadratic residue that is almost surely outside the subgroup (it has a component of
        // order s), so only the batched ^q test can reject it.
        let mut bytes = vec![0x5Au8; group.p_bytes()];
        bytes[0] = 0x01;
        let value = BoxedUint::from_be_slice(&bytes, group.p().bits_precision()).unwrap();
        let z = BoxedMontyForm::new(value, group.field().params())
            .square()
            .retrieve();
        let full = z.to_be_bytes();
        full[full.len() - group.p_bytes()..].to_vec()
    };
    let mut one = vec![0u8; group.p_bytes()];
    *one.last_mut().unwrap() = 1;
    vec![
        member(1).to_bytes(),
        member(2).to_bytes(),
        minus(&member(3)),
        square_of_arbitrary,
        member(4).to_bytes(),
        p_bytes.clone(),
        vec![0u8; group.p_bytes()],
        one,
        vec![1u8; group.p_bytes() - 1],
        member(5).to_bytes(),
    ]
}

fn batch_matches_single<P: ParameterSet>(encodings: &[Vec<u8>], rng_seed: u64) {
    use rand_chacha::rand_core::SeedableRng;
    let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(rng_seed);
    let slices: Vec<&[u8]> = encodings.iter().map(Vec::as_slice).collect();
    let batch = Element::<P>::decode_batch(&mut rng, &slices);
    let single: Vec<_> = slices.iter().map(|b| Element::<P>::decode(b)).collect();
    assert_eq!(batch, single);
}

#[test]
fn decode_batch_matches_decode_toy256() {
    let encodings = mixed_encodings::<Toy256>(b"batch");
    // The expected verdicts, so that a change in `decode` cannot hide one in `decode_batch`.
    let verdicts: Vec<bool> = encodings
        .iter()
        .map(|b| Element::<Toy256>::decode(b).is_ok())
        .collect();
    assert_eq!(
        verdicts,
        [true, true, false, false, true, false, false, true, false, true]
    );
    batch_matches_single::<Toy256>(&encodings, 1);
    // Members only: the batched path accepts them all.
    let members: Vec<Vec<u8>> = [0usize, 1, 4, 7, 9]
        .iter()
        .map(|i| encodings[*i].clone())
        .collect();
    batch_matches_single::<Toy256>(&members, 2);
    // Each kind of non-member alone among members.
    for bad in [2usize, 3, 5, 6, 8] {
        let mut set = members.clone();
        set.insert(2, encodings[bad].clone());
        batch_matches_single::<Toy256>(&set, 3);
    }
    batch_matches_single::<Toy256>(&[], 4);
    batch_matches_single::<Toy256>(&encodings[3..4], 5);
}

#[test]
fn decode_batch_matches_decode_standard() {
    let encodings = mixed_encodings::<Standard>(b"batch");
    batch_matches_single::<Standard>(&encodings, 6);
    let members: Vec<Vec<u8>> = [0usize, 1, 4]
        .iter()
        .map(|i| encodings[*i].clone())
        .collect();
    batch_matches_single::<Standard>(&members, 7);
}

#[test]
fn legendre_symbol_agrees_with_euler() {
    type P = Toy256;
    let group = P::group();
    for bytes in mixed_encodings::<P>(b"legendre") {
        if bytes.len() != group.p_bytes() {
            continue;
        }
        let value = BoxedUint::from_be_slice(&bytes, group.p().bits_precision()).unwrap();
        if value.cmp_vartime(group.p()) != std::cmp::Ordering::Less {
            continue;
        }
        let half = group.p().wrapping_sub(BoxedUint::one()).wrapping_shr(1);
        let euler = BoxedMontyForm::new(value.clone(), group.field().params()).pow(&half);
        let expected = if bool::from(euler.is_zero()) {
            0
        } else if euler.retrieve() == BoxedUint::one_with_precision(group.p().bits_precision()) {
            1
        } else {
            -1
        };
        assert_eq!(batch::legendre(&value, group), expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn decode_batch_matches_decode_on_random_strings(
        members in proptest::collection::vec(any::<u64>(), 0..6),
        strings in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 32), 0..4),
        seed in any::<u64>(),
    ) {
        let mut encodings: Vec<Vec<u8>> = members
            .iter()
            .map(|m| Element::<Toy256>::g_pow(&Scalar::from_u64(*m)).to_bytes())
            .collect();
        encodings.extend(strings);
        batch_matches_single::<Toy256>(&encodings, seed);
    }
}

/// a^e mod m for small m, by square and multiply on u128.
fn small_pow(a: u64, mut e: u64, m: u64) -> u64 {
    let (mut base, mut acc) = (u128::from(a % m), 1u128);
    while e > 0 {
        if e & 1 == 1 {
            acc = acc * base % u128::from(m);
        }
        base = base * base % u128::from(m);
        e >>= 1;
    }
    acc as u64
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The binary Jacobi symbol against Euler's criterion a^((n−1)/2) for primes n, including
    /// a ≥ n and a multiple of n.
    #[test]
    fn jacobi_matches_euler_for_small_primes(a in any::<u64>(), pick in 0usize..6) {
        let n = [3u64, 5, 7, 1_000_003, 4_294_967_291, 18_446_744_073_709_551_557][pick];
        let euler = small_pow(a, (n - 1) / 2, n);
        let expected = if a % n == 0 { 0 } else if euler == 1 { 1 } else { -1 };
        prop_assert_eq!(jacobi::jacobi_vartime(&[a as crypto_bigint::Word], &[n as crypto_bigint::Word]), expected);
        prop_assert_eq!(jacobi::jacobi_vartime(&[a as crypto_bigint::Word, 0], &[n as crypto_bigint::Word]), expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// The Legendre symbol modulo the standard p against Euler's criterion.
    #[test]
    fn legendre_matches_euler_standard(bytes in proptest::collection::vec(any::<u8>(), 1..512)) {
        let group = Standard::group();
        let value = BoxedUint::from_be_slice_truncated(&bytes, group.p().bits_precision());
        let half = group.p().wrapping_sub(BoxedUint::one()).wrapping_shr(1);
        let euler = BoxedMontyForm::new(value.clone(), group.field().params()).pow(&half);
        let expected = if bool::from(euler.is_zero()) {
            0
        } else if euler.retrieve() == BoxedUint::one_with_precision(group.p().bits_precision()) {
            1
        } else {
            -1
        };
        prop_assert_eq!(batch::legendre(&value, group), expected);
    }
}
