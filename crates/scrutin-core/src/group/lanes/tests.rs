//! The four-lane fixed-base path against the one-lane one (itself checked against
//! crypto-bigint in `fast_tests.rs`): every entry of every window, and random exponents.

#[cfg(target_arch = "x86_64")]
use super::ONE_LANE_ONLY;
use super::{LaneEngine, LaneTable};
use crate::group::fixed_base::FixedTable;
use crate::group::montgomery::Residue;
use crate::group::{Element, ParameterSet, Scalar, Standard, Toy256};
use crypto_bigint::Word;
use proptest::prelude::*;
#[cfg(target_arch = "x86_64")]
use std::sync::atomic::Ordering;

/// `built`, a lane table or engine, after checking that it is missing only where it should be
/// (no AVX2, or the one-lane path forced); `None` then, with a note that the test is skipped.
fn available<T>(built: Option<T>) -> Option<T> {
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") && !ONE_LANE_ONLY.load(Ordering::Relaxed) {
        assert!(
            built.is_some(),
            "AVX2 is present but the four-lane path was not built"
        );
    }
    if built.is_none() {
        eprintln!("four-lane path not available on this machine: lane test skipped");
    }
    built
}

/// The lane table of a base of the standard group, and the one-lane table to compare with;
/// `None` where the lane path does not apply, after checking that this is why.
fn tables(seed: &[u8]) -> Option<(LaneTable, FixedTable, Element<Standard>)> {
    let group = Standard::group();
    let x = Element::<Standard>::g_pow(&Scalar::from_bytes_reduced(seed));
    let field = group.field();
    let lanes = available(LaneTable::new(x.as_residue(), field, group.q_bits()))?;
    let one_lane = FixedTable::new(x.as_residue(), field, group.q_bits(), 6);
    Some((lanes, one_lane, x))
}

#[test]
fn every_entry_of_every_window_is_selected() {
    let Some((lanes, one_lane, _)) = tables(b"lane entries") else {
        return;
    };
    let field = Standard::group().field();
    // e = d·2^(6i): the wanted entry is d in window i and 0 in all the others; windows past
    // bit 256 are never reached by a scalar below q.
    for window in 0..43u32 {
        for digit in 0..64u64 {
            let e = single_digit(window, digit);
            let words = e.as_uint().as_words();
            assert_eq!(
                lanes.pow_ct(field, words),
                one_lane.pow_ct(field, words),
                "window {window}, digit {digit}"
            );
        }
    }
}

/// The exponent d·2^(6i): digit d in window i, zero in the others.
fn single_digit(window: u32, digit: u64) -> Scalar<Standard> {
    let mut bytes = [0u8; 40];
    let value = u128::from(digit) << ((6 * window) % 64);
    let start = 40 - 16 - (6 * window / 64) as usize * 8;
    bytes[start..start + 16].copy_from_slice(&value.to_be_bytes());
    Scalar::from_bytes_reduced(&bytes)
}

#[test]
fn every_entry_of_every_window_is_selected_in_lockstep() {
    let Some((lanes, one_lane, _)) = tables(b"lane lockstep entries") else {
        return;
    };
    let field = Standard::group().field();
    // Four exponents at a time, each lane wanting a different digit of the same window (and,
    // through the lane's other windows being zero, entry 0 of every other row).
    for window in 0..43u32 {
        for digit in 0..64u64 {
            let exponents: Vec<Scalar<Standard>> = (0..4u64)
                .map(|lane| single_digit(window, (digit + 17 * lane) % 64))
                .collect();
            let words: Vec<&[crypto_bigint::Word]> =
                exponents.iter().map(|e| e.as_uint().as_words()).collect();
            let together = lanes.pow_ct_many(field, &words);
            assert_eq!(together.len(), 4);
            for (lane, (got, e)) in together.iter().zip(&words).enumerate() {
                assert_eq!(
                    *got,
                    one_lane.pow_ct(field, e),
                    "window {window}, digit {digit}, lane {lane}"
                );
            }
        }
    }
}

#[test]
fn edge_exponents_agree() {
    let Some((lanes, one_lane, x)) = tables(b"lane edges") else {
        return;
    };
    let field = Standard::group().field();
    let q_minus = |k: u64| Scalar::<Standard>::zero().sub(&Scalar::from_u64(k));
    let all_ones = Scalar::<Standard>::from_bytes_reduced(&[0xff; 31]);
    for e in [
        Scalar::zero(),
        Scalar::one(),
        Scalar::from_u64(2),
        q_minus(1),
        q_minus(2),
        all_ones,
    ] {
        let words = e.as_uint().as_words();
        assert_eq!(lanes.pow_ct(field, words), one_lane.pow_ct(field, words));
        assert_eq!(
            Element::<Standard>::from_residue(lanes.pow_ct(field, words)),
            x.pow(&e)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_exponents_agree(bytes in proptest::collection::vec(any::<u8>(), 32)) {
        if let Some((lanes, one_lane, _)) = tables(b"lane random") {
            let field = Standard::group().field();
            let e = Scalar::<Standard>::from_bytes_reduced(&bytes);
            let words = e.as_uint().as_words();
            prop_assert_eq!(lanes.pow_ct(field, words), one_lane.pow_ct(field, words));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// 0 to 9 exponents: whole groups of four in lockstep and the rest one by one, in order.
    #[test]
    fn many_exponents_agree_with_each(
        exponents in proptest::collection::vec(any::<[u8; 32]>(), 0..10)
    ) {
        if let Some((lanes, one_lane, _)) = tables(b"lane many") {
            let field = Standard::group().field();
            let scalars: Vec<Scalar<Standard>> =
                exponents.iter().map(|b| Scalar::from_bytes_reduced(b)).collect();
            let words: Vec<&[crypto_bigint::Word]> =
                scalars.iter().map(|e| e.as_uint().as_words()).collect();
            let together = lanes.pow_ct_many(field, &words);
            prop_assert_eq!(together.len(), words.len());
            for (got, e) in together.iter().zip(&words) {
                prop_assert_eq!(got, &one_lane.pow_ct(field, e));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// 1 to 13 pairs, so that the last slot has one to four lanes in use, with exponents of
    /// different lengths (some zero), against the one-lane Straus.
    #[test]
    fn multi_pow_vartime_agrees(
        pairs in proptest::collection::vec((any::<[u8; 8]>(), any::<[u8; 16]>(), 0usize..17), 1..14)
    ) {
        let Some(engine) = available(LaneEngine::new(Standard::group().field())) else {
            return Ok(());
        };
        let field = Standard::group().field();
        let bases: Vec<Element<Standard>> = pairs
            .iter()
            .map(|(seed, _, _)| Element::g_pow(&Scalar::from_bytes_reduced(seed)))
            .collect();
        let exponents: Vec<Scalar<Standard>> = pairs
            .iter()
            .map(|(_, bytes, len)| Scalar::from_bytes_reduced(&bytes[..*len]))
            .collect();
        let words: Vec<(&crate::group::montgomery::Residue, &[crypto_bigint::Word])> = bases
            .iter()
            .zip(&exponents)
            .map(|(x, e)| (x.as_residue(), e.as_uint().as_words()))
            .collect();
        prop_assert_eq!(
            engine.multi_pow_vartime(field, &words),
            crate::group::vartime::multi_pow_vartime(field, &words)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    /// 0 to 9 sets of 1 to 3 pairs (so that lanes hold sets of different sizes and the last
    /// group of four is partly empty), against `multi_pow_vartime` of each set.
    #[test]
    fn multi_pow_many_vartime_agrees_with_each_set(
        shapes in proptest::collection::vec(
            proptest::collection::vec((any::<[u8; 8]>(), any::<[u8; 32]>()), 1..4),
            0..10,
        )
    ) {
        let bases: Vec<Vec<(Element<Standard>, Scalar<Standard>)>> = shapes
            .iter()
            .map(|set| {
                set.iter()
                    .map(|(seed, e)| {
                        (
                            Element::g_pow(&Scalar::from_bytes_reduced(seed)),
                            Scalar::from_bytes_reduced(e),
                        )
                    })
                    .collect()
            })
            .collect();
        let sets: Vec<Vec<(&Element<Standard>, &Scalar<Standard>)>> = bases
            .iter()
            .map(|set| set.iter().map(|(x, e)| (x, e)).collect())
            .collect();
        let together = Element::multi_pow_many_vartime(&sets);
        prop_assert_eq!(together.len(), sets.len());
        for (got, set) in together.iter().zip(&sets) {
            prop_assert_eq!(got, &Element::multi_pow_vartime(set));
        }
    }
}

#[test]
fn other_groups_keep_the_one_lane_path() {
    let group = Toy256::group();
    let x = Element::<Toy256>::generator();
    assert!(LaneTable::new(x.as_residue(), group.field(), group.q_bits()).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Sets of different sizes (0 to 3 exponents, so that lanes run out at different times),
    /// against the one-lane shared chain of each set.
    #[test]
    fn pow_sets_vartime_agrees_with_each_set(
        shapes in proptest::collection::vec((any::<[u8; 8]>(), proptest::collection::vec(any::<[u8; 32]>(), 0..4)), 1..7)
    ) {
        let bases: Vec<Element<Standard>> = shapes
            .iter()
            .map(|(seed, _)| Element::g_pow(&Scalar::from_bytes_reduced(seed)))
            .collect();
        let exponents: Vec<Vec<Scalar<Standard>>> = shapes
            .iter()
            .map(|(_, es)| es.iter().map(|e| Scalar::from_bytes_reduced(e)).collect())
            .collect();
        let refs: Vec<Vec<&Scalar<Standard>>> =
            exponents.iter().map(|es| es.iter().collect()).collect();
        let sets: Vec<(&Element<Standard>, &[&Scalar<Standard>])> =
            bases.iter().zip(&refs).map(|(x, e)| (x, e.as_slice())).collect();
        let got = Element::pow_sets_vartime(&sets);
        prop_assert_eq!(got.len(), sets.len());
        for ((x, e), got) in sets.iter().zip(&got) {
            prop_assert_eq!(got, &x.pow_many_vartime(e));
        }
    }
}

#[test]
fn pow_sets_vartime_edges() {
    let q_minus = |k: u64| Scalar::<Standard>::zero().sub(&Scalar::from_u64(k));
    let edges = [
        Scalar::zero(),
        Scalar::one(),
        Scalar::from_u64(16),
        q_minus(1),
        Scalar::from_bytes_reduced(&[0xff; 31]),
    ];
    let refs: Vec<&Scalar<Standard>> = edges.iter().collect();
    let x = Element::<Standard>::g_pow(&Scalar::from_u64(12345));
    let y = Element::<Standard>::generator();
    let zeros = [&edges[0], &edges[0]];
    let sets = [
        (&x, refs.as_slice()),
        (&y, &refs[1..3]),
        (&x, &zeros[..]),
        (&y, &[][..]),
        (&x, &refs[3..]),
    ];
    let got = Element::pow_sets_vartime(&sets);
    for ((x, e), got) in sets.iter().zip(&got) {
        assert_eq!(got, &x.pow_many_vartime(e));
    }
}

/// g and a fixed base raised to many public exponents at once (four lanes per product where
/// the machine has them, from 4 exponents on) against one by one.
#[test]
fn fixed_base_many_vartime_agrees() {
    use crate::group::FixedBase;
    let q_minus = |k: u64| Scalar::<Standard>::zero().sub(&Scalar::from_u64(k));
    let mut exponents = vec![
        Scalar::zero(),
        Scalar::one(),
        Scalar::from_u64(255),
        Scalar::from_u64(256),
        q_minus(1),
        Scalar::from_bytes_reduced(&[0xff; 31]),
        Scalar::zero(),
    ];
    exponents.extend((0u8..3).map(|i| Scalar::from_bytes_reduced(&[i; 32])));
    let refs: Vec<&Scalar<Standard>> = exponents.iter().collect();
    let x = Element::<Standard>::g_pow(&Scalar::from_u64(98765));
    let table = FixedBase::new(&x);
    for count in [0, 1, 3, 4, 5, 8, refs.len()] {
        let some = &refs[..count];
        let from_g = Element::<Standard>::g_pow_many_vartime(some);
        let from_x = table.pow_many_vartime(some);
        assert_eq!(from_g.len(), count);
        assert_eq!(from_x.len(), count);
        for ((e, g), y) in some.iter().zip(&from_g).zip(&from_x) {
            assert_eq!(g, &Element::g_pow_vartime(e), "g^e, {count} exponents");
            assert_eq!(y, &x.pow_vartime(e), "x^e, {count} exponents");
        }
    }
}

/// x^(d·2^(4k)) for every 4-bit position k of a 256-bit exponent and every digit d ≥ 1: every
/// entry of every row is selected, whatever the pieces' length (a multiple of 4 bits), for
/// sets of 1, 2, 6, 8 and 12 exponents (tables of 1, 4, 8, 13 and 16 pieces: the shapes the
/// cost count chooses). The expected values come from
/// y_k = x^(2^(4k)) by squaring and y_k^d by multiplying, not from any table.
#[test]
fn pow_secret_sets_selects_every_entry() {
    let group = Standard::group();
    let Some(engine) = available(LaneEngine::new(group.field())) else {
        return;
    };
    let field = group.field();
    let x = Element::<Standard>::g_pow(&Scalar::from_bytes_reduced(b"secret sets entries"));
    let mut exponents: Vec<[Word; 4]> = Vec::new();
    let mut expected: Vec<Element<Standard>> = Vec::new();
    let mut y = x.clone();
    for k in 0..64u32 {
        let mut power = Element::one();
        for d in 1..16u64 {
            power = power.mul(&y);
            let mut words = [0 as Word; 4];
            if let Some(word) = words.get_mut((4 * k / 64) as usize) {
                *word = (d as Word) << (4 * k % 64);
            }
            exponents.push(words);
            expected.push(power.clone());
        }
        for _ in 0..4 {
            y = y.square();
        }
    }
    for uses in [1usize, 2, 6, 8, 12] {
        let words: Vec<&[Word]> = exponents.iter().map(|e| e.as_slice()).collect();
        let sets: Vec<(&Residue, &[&[Word]])> = words
            .chunks(uses)
            .map(|chunk| (x.as_residue(), chunk))
            .collect();
        let got: Vec<Residue> = engine
            .pow_secret_sets(field, &sets, group.q_bits())
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(got.len(), expected.len());
        for (i, (got, want)) in got.iter().zip(&expected).enumerate() {
            assert_eq!(got, want.as_residue(), "{uses} uses, exponent {i}");
        }
    }
}
