//! Ballot chaining on one device (§3.4.4, Verification 8.C–8.G).

use super::*;
use crate::hash::HValue;
use crate::step::v2_1::{V8_C, V8_D, V8_E, V8_F, V8_G};
use crate::verify_error::{Location, Reason};

/// Five ballots on one device in `mode`, with the closing hash the device publishes.
fn device_run(
    seed: u64,
    mode: ChainingMode,
) -> (
    Election<Toy256>,
    Vec<EncryptedBallot<Toy256>>,
    Option<HValue>,
) {
    let mut rng = rng(seed);
    let election = election::<Toy256>(&mut rng);
    let mut chain = ChainState::new(&election.ctx.extended_hash, &device(), mode);
    let ballots: Vec<_> = (1..=5)
        .map(|n| {
            let plaintext = random_plaintext(&mut rng, &format!("ballot-{n}"), &specs());
            encrypt_ballot(&mut rng, &election.ctx, &specs(), &plaintext, &mut chain)
                .unwrap()
                .0
        })
        .collect();
    assert_eq!(chain.ballots(), 5);
    (election, ballots, chain.close())
}

fn check(
    election: &Election<Toy256>,
    ballots: &[&EncryptedBallot<Toy256>],
    mode: ChainingMode,
    closing: Option<&HValue>,
) -> Result<(), crate::verify_error::VerifyError> {
    verify_device_chain(
        &election.ctx.extended_hash,
        &device(),
        &links(ballots),
        mode,
        closing,
    )
}

fn links(ballots: &[&EncryptedBallot<Toy256>]) -> Vec<ChainLink> {
    ballots.iter().map(|b| ChainLink::from(*b)).collect()
}

#[test]
fn simple_chain_verifies() {
    let (election, ballots, closing) = device_run(50, ChainingMode::Simple);
    let refs: Vec<_> = ballots.iter().collect();
    check(&election, &refs, ChainingMode::Simple, closing.as_ref()).unwrap();
    for ballot in &ballots {
        ballot.verify(&election.ctx, &specs()).unwrap();
        assert_eq!(ballot.chaining_field.mode_id(), 1);
    }
    // Each field carries the previous code; the first carries H_0 (equations 74–76).
    let hdi = device().hash(&election.ctx.extended_hash);
    let (h0, initial) = chain_init(&election.ctx.extended_hash, &hdi);
    assert_eq!(initial.hash(), hdi);
    assert_eq!(ballots[0].chaining_field, chain_field(&h0));
    for pair in ballots.windows(2) {
        assert_eq!(pair[1].chaining_field.hash(), pair[0].confirmation_code);
    }
    assert_eq!(
        closing,
        Some(chain_close(
            &election.ctx.extended_hash,
            &ballots[4].confirmation_code,
            &initial
        ))
    );
}

#[test]
fn removing_or_reordering_a_ballot_breaks_the_chain() {
    let (election, ballots, closing) = device_run(51, ChainingMode::Simple);
    let closing = closing.as_ref();
    let all: Vec<_> = ballots.iter().collect();
    let at = |n: usize| Location::Ballot(format!("ballot-{n}"));

    let mut middle = all.clone();
    middle.remove(2);
    let e = check(&election, &middle, ChainingMode::Simple, closing).unwrap_err();
    assert_eq!((e.step, e.location), (V8_E, at(4)));

    let e = check(&election, &all[1..], ChainingMode::Simple, closing).unwrap_err();
    assert_eq!((e.step, e.location), (V8_F, at(2)));

    let e = check(&election, &all[..4], ChainingMode::Simple, closing).unwrap_err();
    assert_eq!(
        (e.step, e.location, e.reason),
        (
            V8_G,
            Location::Device("device-1".into()),
            Reason::Mismatch("closing hash H")
        )
    );

    let mut swapped = all.clone();
    swapped.swap(1, 2);
    let e = check(&election, &swapped, ChainingMode::Simple, closing).unwrap_err();
    assert_eq!((e.step, e.location), (V8_E, at(3)));

    let e = check(&election, &all, ChainingMode::Simple, None).unwrap_err();
    assert_eq!(e.step, V8_G);
    assert!(matches!(e.reason, Reason::Malformed(_)));

    let mut wrong = *closing.unwrap();
    wrong.0[0] ^= 1;
    let e = check(&election, &all, ChainingMode::Simple, Some(&wrong)).unwrap_err();
    assert_eq!(e.step, V8_G);

    // Another device's information: H_0 differs, so the first link fails.
    let stranger = DeviceInfo {
        device: "device-1".into(),
        info: "precinct 8".into(),
    };
    let e = verify_device_chain(
        &election.ctx.extended_hash,
        &stranger,
        &links(&all),
        ChainingMode::Simple,
        closing,
    )
    .unwrap_err();
    assert_eq!(e.step, V8_F);
}

#[test]
fn no_chaining() {
    let (election, ballots, closing) = device_run(52, ChainingMode::NoChaining);
    assert_eq!(closing, None);
    let all: Vec<_> = ballots.iter().collect();
    check(&election, &all, ChainingMode::NoChaining, None).unwrap();
    let hdi = device_hash(&election.ctx.extended_hash, "precinct 7, device 1");
    for ballot in &ballots {
        assert_eq!(ballot.chaining_field, no_chaining_field(&hdi));
        assert_eq!(&ballot.chaining_field.0[..4], &[0, 0, 0, 0]);
    }
    // Order does not matter without chaining.
    let reversed: Vec<_> = ballots.iter().rev().collect();
    check(&election, &reversed, ChainingMode::NoChaining, None).unwrap();

    let stranger = DeviceInfo {
        device: "device-1".into(),
        info: "precinct 8".into(),
    };
    let e = verify_device_chain(
        &election.ctx.extended_hash,
        &stranger,
        &links(&all),
        ChainingMode::NoChaining,
        None,
    )
    .unwrap_err();
    assert_eq!(
        (e.step, e.location),
        (V8_C, Location::Ballot("ballot-1".into()))
    );

    let e = check(
        &election,
        &all,
        ChainingMode::NoChaining,
        Some(&HValue([0; 32])),
    )
    .unwrap_err();
    assert_eq!(e.step, V8_D);

    // Simply chained ballots presented as unchained: wrong mode identifier.
    let (election, chained, _) = device_run(53, ChainingMode::Simple);
    let chained: Vec<_> = chained.iter().collect();
    let e = check(&election, &chained, ChainingMode::NoChaining, None).unwrap_err();
    assert_eq!(e.step, V8_D);
}

#[test]
fn an_empty_chain_closes_on_h0() {
    let mut rng = rng(54);
    let election = election::<Toy256>(&mut rng);
    let chain = ChainState::new(&election.ctx.extended_hash, &device(), ChainingMode::Simple);
    let (h0, initial) = chain_init(&election.ctx.extended_hash, &chain.device_hash());
    let closing = chain.close().unwrap();
    assert_eq!(
        closing,
        chain_close(&election.ctx.extended_hash, &h0, &initial)
    );
    check(&election, &[], ChainingMode::Simple, Some(&closing)).unwrap();
}

#[test]
fn chaining_field_layout() {
    let hash = HValue([0xAB; 32]);
    let field = ChainingField::new(ChainingMode::Simple, &hash);
    assert_eq!(&field.0[..4], &[0, 0, 0, 1]);
    assert_eq!(field.mode_id(), 1);
    assert_eq!(field.hash(), hash);
    assert_eq!(ChainingField::from_slice(&field.0), Some(field));
    assert_eq!(ChainingField::from_slice(&field.0[1..]), None);
    assert_eq!(ChainingMode::from_id(1), Some(ChainingMode::Simple));
    assert_eq!(ChainingMode::from_id(2), None);
    // Equation 72 hashes S_device as a length-prefixed string (§5.1.4).
    let he = HValue([1; 32]);
    let input = crate::hash::HashInput::new(0x2A).var_bytes(b"abc");
    assert_eq!(input.as_bytes().len(), 5 + 3);
    assert_eq!(device_hash(&he, "abc"), crate::hash::h(&he, &input));
}

/// A device that stops after two ballots and resumes from the last confirmation code produces
/// the same chain as one that never stopped.
#[test]
fn a_resumed_chain_continues_the_chain() {
    for mode in [ChainingMode::Simple, ChainingMode::NoChaining] {
        let mut rng = rng(55);
        let election = election::<Toy256>(&mut rng);
        let he = &election.ctx.extended_hash;
        let mut first = ChainState::new(he, &device(), mode);
        let mut ballots = Vec::new();
        for n in 1..=2 {
            let plaintext = random_plaintext(&mut rng, &format!("ballot-{n}"), &specs());
            let (ballot, _) =
                encrypt_ballot(&mut rng, &election.ctx, &specs(), &plaintext, &mut first).unwrap();
            ballots.push(ballot);
        }
        let last = ballots.last().unwrap().confirmation_code;
        let mut resumed = ChainState::resume(he, &device(), mode, &last, 2);
        assert_eq!(resumed, first);
        for n in 3..=4 {
            let plaintext = random_plaintext(&mut rng, &format!("ballot-{n}"), &specs());
            let (ballot, _) =
                encrypt_ballot(&mut rng, &election.ctx, &specs(), &plaintext, &mut resumed)
                    .unwrap();
            ballots.push(ballot);
        }
        let refs: Vec<_> = ballots.iter().collect();
        check(&election, &refs, mode, resumed.close().as_ref()).unwrap();
        // With no ballot yet, resuming is starting afresh.
        assert_eq!(
            ChainState::resume(he, &device(), mode, &last, 0),
            ChainState::new(he, &device(), mode)
        );
    }
}
