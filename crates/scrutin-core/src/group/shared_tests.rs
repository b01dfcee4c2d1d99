//! Differential tests of [`SharedBase`] and its table against the plain constant-time
//! [`Element::pow`] (`ct_pow`), for every shape, on edge-case and random exponents.

use super::base_table::SharedTable;
use super::*;
use proptest::prelude::*;

fn scalar<P: ParameterSet>(bytes: &[u8]) -> Scalar<P> {
    Scalar::from_bytes_reduced(bytes)
}

/// 0, 1, q − 1, and 2^k − 1, 2^k, 2^k + 1 around word, window and piece borders.
fn edge_exponents<P: ParameterSet>() -> Vec<Scalar<P>> {
    let minus = |k: u64| Scalar::<P>::zero().sub(&Scalar::from_u64(k));
    let mut out = vec![Scalar::zero(), Scalar::one(), minus(1), minus(2)];
    for k in [
        3u32, 4, 5, 15, 16, 17, 31, 32, 33, 63, 64, 65, 85, 128, 171, 255,
    ] {
        if k < P::group().q_bits() {
            let mut bytes = vec![0u8; 40];
            bytes[39 - (k / 8) as usize] = 1 << (k % 8);
            let power = scalar::<P>(&bytes);
            out.push(power.sub(&Scalar::one()));
            out.push(power.add(&Scalar::one()));
            out.push(power);
        }
    }
    out
}

/// Every shape (h pieces, w-bit windows) against `Element::pow` on `exponents`.
fn every_shape<P: ParameterSet>(x: &Element<P>, exponents: &[Scalar<P>], pieces: &[u32]) {
    let group = P::group();
    for &h in pieces {
        for w in 1..=5 {
            let table =
                SharedTable::with_pieces(group.field(), x.as_residue(), group.q_bits(), h, w);
            assert_eq!(table.shape(), (h, w));
            for e in exponents {
                let got = table.pow_ct(group.field(), e.as_uint().as_words());
                assert_eq!(&got, x.pow(e).as_residue(), "h {h} w {w} e {e:?}");
            }
        }
    }
}

#[test]
fn every_shape_matches_pow_toy256() {
    let x = Element::<Toy256>::g_pow(&scalar(b"shared toy"));
    let pieces: Vec<u32> = (1..=16).collect();
    every_shape(&x, &edge_exponents(), &pieces);
}

#[test]
fn small_groups_match_pow() {
    every_shape(
        &Element::<Toy16>::g_pow(&scalar(b"a")),
        &edge_exponents(),
        &[1, 2, 3, 16],
    );
    every_shape(
        &Element::<Toy64>::g_pow(&scalar(b"b")),
        &edge_exponents(),
        &[1, 3, 7, 16],
    );
}

#[test]
fn standard_matches_pow_for_chosen_shapes() {
    let x = Element::<Standard>::g_pow(&scalar(b"shared standard"));
    let exponents = [
        Scalar::zero(),
        Scalar::one(),
        Scalar::zero().sub(&Scalar::one()),
        scalar(b"an exponent"),
    ];
    for uses in [1, 2, 6, 12] {
        let base = SharedBase::new(&x, uses);
        for e in &exponents {
            assert_eq!(base.pow(e), x.pow(e), "uses {uses}");
            let secret = SecretScalar::<Standard>::from_bytes_reduced(&e.to_bytes());
            assert_eq!(secret.pow_shared(&base), secret.pow_of(&x));
            assert_eq!(base.pow_secret(&secret), x.pow(e));
        }
    }
}

/// Each digit of each piece as the wanted entry of its scan: e = d·2^(j·L + i·w).
#[test]
fn every_entry_is_selected() {
    type P = Toy256;
    let group = P::group();
    let x = Element::<P>::g_pow(&scalar(b"entries"));
    for (h, w) in [(2u32, 4u32), (4, 3), (8, 4)] {
        let table = SharedTable::with_pieces(group.field(), x.as_residue(), group.q_bits(), h, w);
        for shift in (0..group.q_bits()).step_by(w as usize) {
            for digit in 0..(1u64 << w) {
                let mut bytes = [0u8; 40];
                let value = primitive_shift(digit, shift);
                bytes.copy_from_slice(&value);
                let e = scalar::<P>(&bytes);
                let got = table.pow_ct(group.field(), e.as_uint().as_words());
                assert_eq!(
                    &got,
                    x.pow(&e).as_residue(),
                    "h {h} w {w} shift {shift} d {digit}"
                );
            }
        }
    }
}

/// digit·2^shift as 40 big-endian bytes.
fn primitive_shift(digit: u64, shift: u32) -> [u8; 40] {
    let mut out = [0u8; 40];
    for bit in 0..64u32 {
        if (digit >> bit) & 1 == 1 {
            let position = shift + bit;
            if position < 320 {
                out[39 - (position / 8) as usize] |= 1 << (position % 8);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn shared_base_matches_pow_toy256(
        base in proptest::collection::vec(any::<u8>(), 1..40),
        exps in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 1..8),
    ) {
        let x = Element::<Toy256>::g_pow(&scalar(&base));
        let shared = SharedBase::new(&x, exps.len());
        for bytes in &exps {
            let e = scalar::<Toy256>(bytes);
            prop_assert_eq!(shared.pow(&e), x.pow(&e));
        }
    }
}

/// [`SecretScalar::pow_sets`] against [`Element::pow`]: 18 bases (more than one batch of the
/// four-lane path), sets of 0 to 7 exponents drawn from the edge cases, so that lanes run
/// out at different places and the tables take different shapes.
fn pow_sets_match_pow<P: ParameterSet>() {
    let edges = edge_exponents::<P>();
    let secrets: Vec<SecretScalar<P>> = edges
        .iter()
        .map(|e| SecretScalar::from_bytes_reduced(&e.to_bytes()))
        .collect();
    let bases: Vec<Element<P>> = (0..18u64)
        .map(|b| Element::g_pow(&Scalar::from_u64(1000 + b)))
        .collect();
    let sizes = [6usize, 2, 0, 1, 7, 6, 3, 2, 5, 6, 6, 1, 4, 2, 6, 0, 7, 2];
    let mut next = 0usize;
    let lists: Vec<Vec<(usize, &SecretScalar<P>)>> = sizes
        .iter()
        .map(|&n| {
            (0..n)
                .map(|_| {
                    let index = next % secrets.len();
                    next += 1;
                    (index, &secrets[index])
                })
                .collect()
        })
        .collect();
    let refs: Vec<Vec<&SecretScalar<P>>> = lists
        .iter()
        .map(|list| list.iter().map(|(_, s)| *s).collect())
        .collect();
    let sets: Vec<(&Element<P>, &[&SecretScalar<P>])> = bases
        .iter()
        .zip(&refs)
        .map(|(x, list)| (x, list.as_slice()))
        .collect();
    let got = SecretScalar::pow_sets(&sets);
    assert_eq!(got.len(), sets.len());
    for (b, ((x, list), got)) in bases.iter().zip(&lists).zip(&got).enumerate() {
        assert_eq!(got.len(), list.len(), "base {b}");
        for ((index, _), value) in list.iter().zip(got) {
            assert_eq!(value, &x.pow(&edges[*index]), "base {b}, edge {index}");
        }
    }
}

#[test]
fn pow_sets_match_pow_toy256() {
    pow_sets_match_pow::<Toy256>();
}

#[test]
fn pow_sets_match_pow_standard() {
    pow_sets_match_pow::<Standard>();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    /// Random bases and exponents on the standard group (the four-lane path where the machine
    /// has it).
    #[test]
    fn pow_sets_match_pow_random(
        shapes in proptest::collection::vec(
            (any::<[u8; 8]>(), proptest::collection::vec(any::<[u8; 32]>(), 0..7)),
            1..6,
        )
    ) {
        let bases: Vec<Element<Standard>> = shapes
            .iter()
            .map(|(seed, _)| Element::g_pow(&scalar(seed)))
            .collect();
        let secrets: Vec<Vec<SecretScalar<Standard>>> = shapes
            .iter()
            .map(|(_, es)| es.iter().map(|e| SecretScalar::from_bytes_reduced(e)).collect())
            .collect();
        let refs: Vec<Vec<&SecretScalar<Standard>>> =
            secrets.iter().map(|list| list.iter().collect()).collect();
        let sets: Vec<(&Element<Standard>, &[&SecretScalar<Standard>])> =
            bases.iter().zip(&refs).map(|(x, list)| (x, list.as_slice())).collect();
        let got = SecretScalar::pow_sets(&sets);
        prop_assert_eq!(got.len(), sets.len());
        for ((x, list), got) in sets.iter().zip(&got) {
            prop_assert_eq!(got.len(), list.len());
            for (secret, value) in list.iter().zip(got) {
                prop_assert_eq!(value, &secret.pow_of(x));
            }
        }
    }
}
