//! The three rounds run by hand, with a misbehaving guardian or administrator.

use super::{guardians, random_tally, Guardians};
use crate::decryption::DecryptedValue;
use crate::decryption::{
    share_public_key, Combiner, CommitmentMessage, DecryptionError, DecryptionSession, Quorum,
    ResponseMessage, RevealMessage, RevealedSession, Statement, TallyTarget,
};
use crate::dlog::DiscreteLog;
use crate::election::ElectionContext;
use crate::group::{Element, Scalar, SecretScalar, Toy256};
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

type P = Toy256;
type Session = DecryptionSession<P, TallyTarget<P>>;
type Revealed = RevealedSession<P, TallyTarget<P>>;

struct Batch {
    g: Guardians<P>,
    rng: ChaCha20Rng,
    quorum: Quorum<P>,
    targets: Vec<TallyTarget<P>>,
}

fn batch(available: &[u32]) -> Batch {
    let g = guardians::<P>(21, 5, 3);
    let mut rng = ChaCha20Rng::seed_from_u64(22);
    let (tally, _) = random_tally(&mut rng, &g.ctx, 4);
    let quorum = Quorum::new(g.ctx.counts, available).unwrap();
    Batch {
        targets: TallyTarget::all(&tally),
        g,
        rng,
        quorum,
    }
}

impl Batch {
    fn start_with(
        &mut self,
        ctx: &ElectionContext<P>,
    ) -> (Vec<Session>, Vec<CommitmentMessage<P>>) {
        let members = self.quorum.members().to_vec();
        members
            .iter()
            .map(|i| {
                let share = &self.g.vote_shares[*i as usize - 1];
                Session::start(
                    &mut self.rng,
                    ctx,
                    *i,
                    share,
                    &self.quorum,
                    self.targets.clone(),
                )
                .unwrap()
            })
            .unzip()
    }

    fn start(&mut self) -> (Vec<Session>, Vec<CommitmentMessage<P>>) {
        let ctx = self.g.ctx.clone();
        self.start_with(&ctx)
    }

    fn combiner(&self) -> Combiner<P, TallyTarget<P>> {
        Combiner::new(
            &self.g.ctx,
            &self.quorum,
            self.targets.clone(),
            &self.g.vote_commitments,
        )
        .unwrap()
    }
}

fn reveal_all(
    sessions: Vec<Session>,
    commitments: &[CommitmentMessage<P>],
) -> (Vec<Revealed>, Vec<RevealMessage<P>>) {
    sessions
        .into_iter()
        .map(|s| s.reveal(commitments).unwrap())
        .unzip()
}

fn respond_all(revealed: Vec<Revealed>, reveals: &[RevealMessage<P>]) -> Vec<ResponseMessage<P>> {
    revealed
        .into_iter()
        .map(|s| s.respond(reveals).unwrap())
        .collect()
}

#[test]
fn honest_rounds_combine_with_published_commitments() {
    let mut b = batch(&[1, 3, 4, 5]);
    let (sessions, commitments) = b.start();
    // Messages may arrive in any order.
    let mut shuffled = commitments.clone();
    shuffled.reverse();
    let (revealed, reveals) = reveal_all(sessions, &shuffled);
    let responses = respond_all(revealed, &reveals);
    let joint = b
        .combiner()
        .combine(&commitments, &reveals, &responses)
        .unwrap();
    assert_eq!(joint.len(), b.targets.len());
    let dlog = DiscreteLog::new_vartime(&b.g.ctx.vote_key, 100);
    for (target, joint) in b.targets.iter().zip(joint) {
        let value = DecryptedValue::from_joint(target, joint, &dlog).unwrap();
        value
            .verify(&b.g.ctx, target.contest, target.option, &target.ciphertext)
            .unwrap();
    }
}

#[test]
fn share_public_keys_match_the_shares() {
    let g = guardians::<P>(23, 5, 3);
    for i in 1..=5u32 {
        let expected = g.vote_shares[i as usize - 1].g_pow();
        assert_eq!(share_public_key(i, &g.vote_commitments), expected);
        let slices: Vec<&[Element<P>]> = g.data_commitments.iter().map(Vec::as_slice).collect();
        assert_eq!(
            share_public_key(i, &slices),
            g.data_shares[i as usize - 1].g_pow()
        );
    }
}

#[test]
fn a_cheating_response_is_named() {
    let mut b = batch(&[2, 3, 5]);
    let (sessions, commitments) = b.start();
    let (revealed, reveals) = reveal_all(sessions, &commitments);
    let mut responses = respond_all(revealed, &reveals);
    responses[1].responses[3] = responses[1].responses[3].add(&Scalar::one());
    let err = b
        .combiner()
        .combine(&commitments, &reveals, &responses)
        .unwrap_err();
    assert_eq!(
        err,
        DecryptionError::BadResponse {
            guardian: 3,
            item: 3,
            location: b.targets[3].location()
        }
    );
}

#[test]
fn a_guardian_with_a_wrong_share_is_named() {
    let mut b = batch(&[1, 2, 4]);
    let ctx = b.g.ctx.clone();
    let (mut sessions, mut commitments) = b.start();
    // Guardian 4 runs with z_4 + 1: its d_4, M_4 and responses are consistent with each
    // other, so round 3 goes through, but its M_4 is not A^(z_4).
    let wrong = b.g.vote_shares[3].add_public(&Scalar::one());
    let (session, message) =
        Session::start(&mut b.rng, &ctx, 4, &wrong, &b.quorum, b.targets.clone()).unwrap();
    sessions[2] = session;
    commitments[2] = message;
    let (revealed, reveals) = reveal_all(sessions, &commitments);
    let responses = respond_all(revealed, &reveals);
    let err = b
        .combiner()
        .combine(&commitments, &reveals, &responses)
        .unwrap_err();
    assert_eq!(
        err,
        DecryptionError::BadResponse {
            guardian: 4,
            item: 0,
            location: b.targets[0].location()
        }
    );
}

#[test]
fn a_bad_commitment_is_named() {
    let mut b = batch(&[1, 3, 5]);
    let (sessions, commitments) = b.start();
    let [s1, s3, s5]: [Session; 3] = sessions.try_into().ok().unwrap();
    // Guardian 3 committed to d_3 with one pair and reveals another for item 2: simulated by
    // altering d_3 before the others see it, while guardian 3 saw its own message unaltered.
    let mut altered = commitments.clone();
    altered[1].items[2].commitment.0[0] ^= 1;
    let (s1, r1) = s1.reveal(&altered).unwrap();
    let (s3, r3) = s3.reveal(&commitments).unwrap();
    let (s5, r5) = s5.reveal(&altered).unwrap();
    let reveals = vec![r1, r3, r5];
    let bad = DecryptionError::BadCommitment {
        guardian: 3,
        item: 2,
        location: b.targets[2].location(),
    };
    assert_eq!(s1.respond(&reveals).err(), Some(bad.clone()));
    assert_eq!(s5.respond(&reveals).err(), Some(bad.clone()));
    // Guardian 3 saw the true d_3 and finds nothing wrong; the combiner, shown the altered
    // d_3, names guardian 3 like the others, before it needs any response.
    let r = s3.respond(&reveals).unwrap();
    assert_eq!(r.guardian, 3);
    let err = b.combiner().combine(&altered, &reveals, &[]).unwrap_err();
    assert_eq!(err, bad);
}

#[test]
fn a_bad_reveal_or_partial_decryption_is_named() {
    let mut b = batch(&[1, 3, 5]);
    let (sessions, commitments) = b.start();
    let (revealed, mut reveals) = reveal_all(sessions, &commitments);
    // Guardian 5 reveals a pair other than the one it committed to.
    reveals[2].pairs[0].a = reveals[2].pairs[0].a.mul(&Element::generator());
    let [r1, _, _]: [Revealed; 3] = revealed.try_into().ok().unwrap();
    let err = r1.respond(&reveals).unwrap_err();
    assert_eq!(
        err,
        DecryptionError::BadCommitment {
            guardian: 5,
            item: 0,
            location: b.targets[0].location()
        }
    );

    // Guardian 1's partial decryption M_1 is replaced in transit after d_1 was computed.
    let (sessions, commitments) = b.start();
    let mut altered = commitments.clone();
    altered[0].items[4].partial = altered[0].items[4].partial.mul(&Element::generator());
    let [s1, s3, s5]: [Session; 3] = sessions.try_into().ok().unwrap();
    let (_, r1) = s1.reveal(&commitments).unwrap();
    let (s3, r3) = s3.reveal(&altered).unwrap();
    let (_, r5) = s5.reveal(&altered).unwrap();
    let err = s3.respond(&[r1, r3, r5]).unwrap_err();
    assert_eq!(
        err,
        DecryptionError::BadCommitment {
            guardian: 1,
            item: 4,
            location: b.targets[4].location()
        }
    );
}

#[test]
fn message_sets_are_checked() {
    let mut b = batch(&[2, 3, 4]);
    let (sessions, commitments) = b.start();
    let [s2, s3, s4]: [Session; 3] = sessions.try_into().ok().unwrap();
    assert_eq!(
        s2.reveal(&commitments[..2]).err(),
        Some(DecryptionError::MissingMessage { guardian: 4 })
    );
    let mut extra = commitments.clone();
    extra.push(CommitmentMessage {
        guardian: 1,
        items: commitments[0].items.clone(),
    });
    assert_eq!(
        s3.reveal(&extra).err(),
        Some(DecryptionError::NotInQuorum(1))
    );
    let mut twice = commitments.clone();
    twice.push(commitments[1].clone());
    assert_eq!(
        s4.reveal(&twice).err(),
        Some(DecryptionError::DuplicateGuardian(3))
    );
    let mut short = commitments.clone();
    short[2].items.pop();
    let (s2, _) = b.start();
    let s2 = s2.into_iter().next().unwrap();
    assert_eq!(
        s2.reveal(&short).err(),
        Some(DecryptionError::WrongItemCount {
            guardian: 4,
            expected: 5,
            found: 4
        })
    );
    let ctx = b.g.ctx.clone();
    let outsider = Session::start(
        &mut b.rng,
        &ctx,
        1,
        &b.g.vote_shares[0],
        &b.quorum,
        b.targets.clone(),
    );
    assert_eq!(
        outsider.err().map(|e| e.to_string()),
        Some(DecryptionError::NotInQuorum(1).to_string())
    );
}

#[test]
fn combiner_checks_the_commitments_it_is_given() {
    let b = batch(&[1, 2, 3]);
    let short: Vec<Vec<Element<P>>> = b.g.vote_commitments[..4].to_vec();
    let err = Combiner::new(&b.g.ctx, &b.quorum, b.targets.clone(), &short).err();
    assert_eq!(
        err.map(|e| e.to_string()),
        Some(DecryptionError::MalformedCoefficientCommitments.to_string())
    );
    let mut low_degree = b.g.vote_commitments.clone();
    low_degree[2].pop();
    let err = Combiner::new(&b.g.ctx, &b.quorum, b.targets.clone(), &low_degree).err();
    assert!(matches!(
        err,
        Some(DecryptionError::MalformedCoefficientCommitments)
    ));
    let keys = vec![
        (1, b.g.vote_shares[0].g_pow()),
        (2, b.g.vote_shares[1].g_pow()),
    ];
    let err = Combiner::with_share_keys(&b.g.ctx, &b.quorum, b.targets.clone(), &keys).err();
    assert!(matches!(
        err,
        Some(DecryptionError::MalformedCoefficientCommitments)
    ));
}

/// Commitments that do not belong to the joint key: every guardian passes Note 3.7, yet the
/// joint proof fails.
#[test]
fn commitments_of_another_key_are_reported() {
    let mut b = batch(&[1, 2, 5]);
    let mut rng = ChaCha20Rng::seed_from_u64(24);
    let other_key = SecretScalar::<P>::random(&mut rng).g_pow();
    let ctx = ElectionContext::new(
        b.g.ctx.counts,
        b"test manifest",
        other_key,
        b.g.ctx.data_key.clone(),
    );
    let (sessions, commitments) = b.start_with(&ctx);
    let (revealed, reveals) = reveal_all(sessions, &commitments);
    let responses = respond_all(revealed, &reveals);
    let combiner =
        Combiner::new(&ctx, &b.quorum, b.targets.clone(), &b.g.vote_commitments).unwrap();
    let err = combiner
        .combine(&commitments, &reveals, &responses)
        .unwrap_err();
    assert_eq!(
        err,
        DecryptionError::InconsistentKeys {
            item: 0,
            location: b.targets[0].location()
        }
    );
}

/// decrypt_in_memory shares tables and round-3 work across guardians; with the same random
/// source it must give exactly what the separate sessions and the combiner give.
#[test]
fn in_memory_equals_separate_rounds() {
    for available in [&[1u32, 3, 4, 5][..], &[2, 3, 5][..]] {
        let mut b = batch(available);
        let seeded = b.rng.clone();
        let (sessions, commitments) = b.start();
        let (revealed, reveals) = reveal_all(sessions, &commitments);
        let responses = respond_all(revealed, &reveals);
        let by_hand = b
            .combiner()
            .combine(&commitments, &reveals, &responses)
            .unwrap();
        let mut rng = seeded;
        let shares: Vec<(u32, &SecretScalar<P>)> = available
            .iter()
            .map(|i| (*i, &b.g.vote_shares[*i as usize - 1]))
            .collect();
        let in_memory =
            crate::decryption::decrypt_in_memory(&mut rng, &b.g.ctx, b.targets.clone(), &shares)
                .unwrap();
        assert_eq!(in_memory, by_hand);
    }
}
