use super::*;
use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::{BoxedUint, Resize};
use proptest::prelude::*;

/// Miller–Rabin with fixed bases; enough to confirm the published constants.
fn is_probable_prime(n: &BoxedUint) -> bool {
    let bits = n.bits_vartime();
    if bits <= 1 {
        return false;
    }
    let n = n.resize_unchecked(bits.max(64));
    let Some(n_odd) = Option::<crypto_bigint::Odd<BoxedUint>>::from(n.to_odd()) else {
        return n == BoxedUint::from(2u64).resize_unchecked(n.bits_precision());
    };
    let params = BoxedMontyParams::new_vartime(n_odd);
    let one = BoxedUint::one_with_precision(n.bits_precision());
    let n_minus_1 = n.wrapping_sub(&one);
    let s = n_minus_1.trailing_zeros();
    let d = n_minus_1.wrapping_shr(s);
    let minus_one = BoxedMontyForm::new(n_minus_1.clone(), &params);
    let one_m = BoxedMontyForm::one(&params);
    'bases: for base in [2u64, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] {
        let b = BoxedUint::from(base).resize_unchecked(n.bits_precision());
        if b.cmp_vartime(&n_minus_1) != std::cmp::Ordering::Less {
            continue;
        }
        let mut x = BoxedMontyForm::new(b, &params).pow(&d);
        if x == one_m || x == minus_one {
            continue;
        }
        for _ in 1..s {
            x = x.square();
            if x == minus_one {
                continue 'bases;
            }
        }
        return false;
    }
    true
}

fn check_parameter_set<P: ParameterSet>() {
    let group = P::group();
    assert!(is_probable_prime(group.p()), "{}: p is not prime", P::NAME);
    assert!(is_probable_prime(group.q()), "{}: q is not prime", P::NAME);
    // p − 1 = q·r
    let width = group.p().bits_precision() * 2;
    let qr = group
        .q()
        .resize_unchecked(width)
        .wrapping_mul(group.r().resize_unchecked(width));
    let p_minus_1 = group
        .p()
        .resize_unchecked(width)
        .wrapping_sub(BoxedUint::one_with_precision(width));
    assert_eq!(qr, p_minus_1, "{}: p − 1 ≠ q·r", P::NAME);
    // 1 < g < p and g^q = 1
    assert!(group.g().bits_vartime() > 1, "{}: g ≤ 1", P::NAME);
    assert_eq!(group.g().cmp_vartime(group.p()), std::cmp::Ordering::Less);
    assert!(Element::<P>::generator() != Element::one());
    let g_bytes = Element::<P>::generator().to_bytes();
    assert_eq!(
        Element::<P>::decode(&g_bytes).unwrap(),
        Element::generator()
    );
}

#[test]
fn standard_parameters_are_consistent() {
    check_parameter_set::<Standard>();
    let group = Standard::group();
    assert_eq!(group.p_bytes(), 512);
    assert_eq!(group.q_bytes(), 32);
    assert_eq!(group.p_bits(), 4096);
    assert_eq!(group.q_bits(), 256);
}

#[test]
fn standard_r_over_two_is_prime() {
    // §3.1: r/2 must be prime.
    let r = Standard::group().r();
    assert!(is_probable_prime(&r.wrapping_shr(1)));
}

/// The batched membership test (`batch.rs`) relies on r = 2·s with s prime for every set.
#[test]
fn every_cofactor_is_twice_a_prime() {
    fn check<P: ParameterSet>() {
        let r = P::group().r();
        assert_eq!(r.as_words()[0] & 1, 0, "{}: r is odd", P::NAME);
        assert!(
            is_probable_prime(&r.wrapping_shr(1)),
            "{}: r/2 is not prime",
            P::NAME
        );
    }
    check::<Toy16>();
    check::<Toy32>();
    check::<Toy48>();
    check::<Toy64>();
    check::<Toy96>();
    check::<Toy128>();
    check::<Toy192>();
    check::<Toy256>();
}

#[test]
fn toy_parameters_are_consistent() {
    check_parameter_set::<Toy16>();
    check_parameter_set::<Toy32>();
    check_parameter_set::<Toy48>();
    check_parameter_set::<Toy64>();
    check_parameter_set::<Toy96>();
    check_parameter_set::<Toy128>();
    check_parameter_set::<Toy192>();
    check_parameter_set::<Toy256>();
}

#[test]
fn misprinted_toy_prime_is_rejected() {
    // The Appendix prints the 32-bit toy p as 0xFB2B475F; that value does not satisfy p − 1 = q·r.
    let printed = Group::from_hex(&ParameterHex {
        p: "FB2B475F",
        q: "FFF1",
        r: "FB3E",
        g: "1D973E8E",
    })
    .unwrap();
    let width = 128;
    let qr = printed
        .q()
        .resize_unchecked(width)
        .wrapping_mul(printed.r().resize_unchecked(width));
    let p_minus_1 = printed
        .p()
        .resize_unchecked(width)
        .wrapping_sub(BoxedUint::one_with_precision(width));
    assert_ne!(qr, p_minus_1);
}

#[test]
fn decode_rejects_out_of_range_and_non_members() {
    let group = Toy256::group();
    let p_bytes = {
        let full = group.p().to_be_bytes();
        full[full.len() - group.p_bytes()..].to_vec()
    };
    assert_eq!(
        Element::<Toy256>::decode(&p_bytes),
        Err(GroupError::OutOfRange)
    );
    // p − 1 ≡ −1 is in Z_p^* but not in the subgroup, since q is odd.
    let mut minus_one = p_bytes.clone();
    *minus_one.last_mut().unwrap() -= 1;
    assert_eq!(
        Element::<Toy256>::decode(&minus_one),
        Err(GroupError::NotInSubgroup)
    );
    assert_eq!(
        Element::<Toy256>::decode(&[0u8; 32]),
        Err(GroupError::NotInSubgroup)
    );
    assert_eq!(
        Element::<Toy256>::decode(&[1u8; 31]),
        Err(GroupError::WrongLength {
            expected: 32,
            found: 31
        })
    );
    let mut one = vec![0u8; 32];
    one[31] = 1;
    assert_eq!(Element::<Toy256>::decode(&one).unwrap(), Element::one());
}

#[test]
fn scalar_decode_checks_range() {
    let q = Scalar::<Toy256>::zero().sub(&Scalar::one()).to_bytes();
    assert!(Scalar::<Toy256>::decode(&q).is_ok());
    let mut over = q.clone();
    *over.last_mut().unwrap() += 1; // q itself
    assert_eq!(Scalar::<Toy256>::decode(&over), Err(GroupError::OutOfRange));
    assert_eq!(
        Scalar::<Toy256>::decode(&[0xFF; 8]),
        Err(GroupError::OutOfRange)
    );
}

fn scalar<P: ParameterSet>(seed: u64) -> Scalar<P> {
    Scalar::from_bytes_reduced(&seed.to_be_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn exponent_laws(a in any::<u64>(), b in any::<u64>()) {
        let (a, b) = (scalar::<Toy256>(a), scalar::<Toy256>(b));
        let ga = Element::<Toy256>::g_pow(&a);
        let gb = Element::<Toy256>::g_pow(&b);
        prop_assert_eq!(ga.mul(&gb), Element::g_pow(&a.add(&b)));
        prop_assert_eq!(ga.pow(&b), Element::g_pow(&a.mul(&b)));
        prop_assert_eq!(ga.div(&gb), Element::g_pow(&a.sub(&b)));
        prop_assert!(ga.mul(&ga.invert()).is_one());
    }

    #[test]
    fn batch_inversion_inverts_each(seeds in proptest::collection::vec(any::<u64>(), 0..7)) {
        let items: Vec<Element<Toy256>> =
            seeds.iter().map(|s| Element::g_pow(&scalar(*s))).collect();
        let singles: Vec<Element<Toy256>> = items.iter().map(Element::invert).collect();
        prop_assert_eq!(Element::invert_batch(&items), singles);
    }

    #[test]
    fn scalar_field_laws(a in any::<u64>(), b in any::<u64>()) {
        let (a, b) = (scalar::<Toy64>(a), scalar::<Toy64>(b));
        prop_assert_eq!(a.add(&b).sub(&b), a.clone());
        prop_assert_eq!(a.add(&a.neg()), Scalar::zero());
        if let Some(inv) = b.invert() {
            prop_assert_eq!(a.mul(&b).mul(&inv), a.clone());
        } else {
            prop_assert!(b.is_zero());
        }
    }

    #[test]
    fn element_encoding_round_trips(a in any::<u64>()) {
        let x = Element::<Toy256>::g_pow(&scalar(a));
        let bytes = x.to_bytes();
        prop_assert_eq!(bytes.len(), 32);
        prop_assert_eq!(Element::<Toy256>::decode(&bytes).unwrap(), x);
    }

    #[test]
    fn scalar_encoding_round_trips(a in any::<u64>()) {
        let x = scalar::<Toy256>(a);
        prop_assert_eq!(Scalar::<Toy256>::decode(&x.to_bytes()).unwrap(), x);
    }
}
