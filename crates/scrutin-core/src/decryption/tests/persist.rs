//! A session stored after round 1 and restored for rounds 2 and 3, as separate processes run
//! them.

use super::{guardians, random_tally};
use crate::ceremony::SecretFileError;
use crate::decryption::{
    Combiner, CommitmentMessage, DecryptedTally, DecryptionError, DecryptionSession, Quorum,
    TallyTarget,
};
use crate::dlog::DiscreteLog;
use crate::group::Toy256;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

type P = Toy256;
type Session = DecryptionSession<P, TallyTarget<P>>;

#[test]
fn a_restored_session_completes_the_protocol() {
    let g = guardians::<P>(31, 5, 3);
    let mut rng = ChaCha20Rng::seed_from_u64(32);
    let (tally, expected) = random_tally(&mut rng, &g.ctx, 5);
    let targets = TallyTarget::all(&tally);
    let quorum = Quorum::new(g.ctx.counts, &[1, 3, 4]).unwrap();
    let share = |i: u32| &g.vote_shares[i as usize - 1];

    // Round 1: each guardian keeps only its stored bytes.
    let mut stored = Vec::new();
    let mut commitments = Vec::new();
    for i in quorum.members().to_vec() {
        let (session, message) =
            Session::start(&mut rng, &g.ctx, i, share(i), &quorum, targets.clone()).unwrap();
        stored.push((i, session.to_secret_bytes()));
        commitments.push(message);
    }
    let restore = |i: u32, bytes: &[u8]| {
        Session::from_secret_bytes(bytes, &g.ctx, i, share(i), &quorum, targets.clone()).unwrap()
    };
    // Round 2 in a new process: restore and reveal.
    let reveals: Vec<_> = stored
        .iter()
        .map(|(i, bytes)| restore(*i, bytes).reveal(&commitments).unwrap().1)
        .collect();
    // Round 3 in yet another: restore, reveal again (the same message), respond.
    let mut responses = Vec::new();
    for (i, bytes) in &stored {
        let (revealed, again) = restore(*i, bytes).reveal(&commitments).unwrap();
        assert!(reveals.contains(&again));
        responses.push(revealed.respond(&reveals).unwrap());
    }
    let joint = Combiner::new(&g.ctx, &quorum, targets.clone(), &g.vote_commitments)
        .unwrap()
        .combine(&commitments, &reveals, &responses)
        .unwrap();
    let dlog = DiscreteLog::new_vartime(&g.ctx.vote_key, 100);
    let decrypted = DecryptedTally::from_joint(&targets, joint, &dlog).unwrap();
    decrypted.verify(&g.ctx, &tally).unwrap();
    for (contest, option, value) in decrypted.iter() {
        assert_eq!(value.tally, expected[&(contest, option)]);
    }
}

#[test]
fn a_session_restores_only_for_what_it_was_saved_for() {
    let g = guardians::<P>(33, 5, 3);
    let mut rng = ChaCha20Rng::seed_from_u64(34);
    let (tally, _) = random_tally(&mut rng, &g.ctx, 2);
    let targets = TallyTarget::all(&tally);
    let quorum = Quorum::new(g.ctx.counts, &[2, 3, 5]).unwrap();
    let z2 = &g.vote_shares[1];
    let (session, message) =
        Session::start(&mut rng, &g.ctx, 2, z2, &quorum, targets.clone()).unwrap();
    let bytes = session.to_secret_bytes();
    let restore = |guardian: u32, quorum: &Quorum<P>, targets: Vec<TallyTarget<P>>| {
        Session::from_secret_bytes(&bytes, &g.ctx, guardian, z2, quorum, targets).err()
    };
    assert_eq!(
        restore(3, &quorum, targets.clone()),
        Some(DecryptionError::StateMismatch("the guardian index"))
    );
    let other = Quorum::new(g.ctx.counts, &[1, 2, 3]).unwrap();
    assert_eq!(
        restore(2, &other, targets.clone()),
        Some(DecryptionError::StateMismatch(
            "the set U of available guardians"
        ))
    );
    assert_eq!(
        restore(2, &quorum, targets[1..].to_vec()),
        Some(DecryptionError::StateMismatch("the number of items"))
    );
    // Other targets of the same number: the recomputed round-1 message is not the one sent.
    let mut swapped = targets.clone();
    swapped.swap(0, 1);
    let restored = Session::from_secret_bytes(&bytes, &g.ctx, 2, z2, &quorum, swapped).unwrap();
    let others: Vec<CommitmentMessage<P>> = [3u32, 5]
        .iter()
        .map(|i| {
            Session::start(
                &mut rng,
                &g.ctx,
                *i,
                &g.vote_shares[*i as usize - 1],
                &quorum,
                targets.clone(),
            )
            .unwrap()
            .1
        })
        .chain([message])
        .collect();
    assert_eq!(
        restored.reveal(&others).err(),
        Some(DecryptionError::OwnMessageAltered)
    );
    // Damaged bytes.
    let mut wrong_tag = bytes.to_vec();
    wrong_tag[3] ^= 1;
    assert_eq!(
        Session::from_secret_bytes(&wrong_tag, &g.ctx, 2, z2, &quorum, targets.clone()).err(),
        Some(DecryptionError::SecretFile(SecretFileError::WrongKind {
            expected: *b"SGDS"
        }))
    );
    let short = &bytes[..bytes.len() - 1];
    assert_eq!(
        Session::from_secret_bytes(short, &g.ctx, 2, z2, &quorum, targets.clone()).err(),
        Some(DecryptionError::SecretFile(SecretFileError::Truncated))
    );
    let mut long = bytes.to_vec();
    long.push(0);
    assert_eq!(
        Session::from_secret_bytes(&long, &g.ctx, 2, z2, &quorum, targets).err(),
        Some(DecryptionError::SecretFile(SecretFileError::TrailingBytes(
            1
        )))
    );
}
