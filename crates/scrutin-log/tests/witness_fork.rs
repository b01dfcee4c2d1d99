//! A board that forks its log is refused by witnesses and caught by comparing checkpoints.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use scrutin_log::{
    detect_fork, leaf_hash, open_note, sign_checkpoint, Checkpoint, Fork, ForkCheck, ForkError,
    NoteError, ProofError, Signer, Tree, VerifiedSignature, Which, WitnessError, WitnessState,
    MAX_TIMESTAMP,
};

const ORIGIN: &str = "scrutin.example/election/1";
const T0: u64 = 1_760_000_000;

fn board() -> Signer {
    Signer::from_seed(ORIGIN, &[1; 32]).unwrap()
}

fn witness(n: u8) -> Signer {
    Signer::from_seed(&format!("witness.example/w{n}"), &[10 + n; 32]).unwrap()
}

/// A log whose first `shared` leaves are common to every history and the rest tagged.
fn history(tag: &str, shared: u64, size: u64) -> Tree {
    Tree::from_leaf_hashes((0..size).map(|i| {
        if i < shared {
            leaf_hash(format!("ballot {i}").as_bytes())
        } else {
            leaf_hash(format!("ballot {i} of history {tag}").as_bytes())
        }
    }))
}

fn signed(tree: &Tree, size: u64) -> String {
    let cp = Checkpoint::new(ORIGIN, size, tree.root_at(size).unwrap());
    sign_checkpoint(&cp, &board()).unwrap()
}

#[test]
fn honest_log_is_cosigned_and_cosignatures_verify() {
    let tree = history("a", 10, 10);
    let (b, w) = (board(), witness(1));
    let mut state = WitnessState::new(ORIGIN);

    let n3 = signed(&tree, 3);
    let line = state.cosign(&n3, &[], &b.verifier(), &w, T0).unwrap();
    assert_eq!(state.last, Some((3, tree.root_at(3).unwrap())));

    // The cosigned note opens with both keys; the cosignature reports its time.
    let cosigned = format!("{n3}{line}");
    let (cp, sigs) = open_note(&cosigned, &[b.verifier(), w.cosignature_verifier()]).unwrap();
    assert_eq!(cp.size, 3);
    assert_eq!(
        sigs,
        vec![
            VerifiedSignature {
                verifier: 0,
                timestamp: None
            },
            VerifiedSignature {
                verifier: 1,
                timestamp: Some(T0)
            },
        ]
    );
    // The witness key under the plain Ed25519 type has another key ID: the line is ignored.
    let (_, sigs) = open_note(&cosigned, &[b.verifier(), w.verifier()]).unwrap();
    assert_eq!(sigs.len(), 1);

    // Growth with a proof, then the same checkpoint again with an empty proof.
    let n10 = signed(&tree, 10);
    let proof = tree.consistency_proof(3, 10).unwrap();
    state
        .cosign(&n10, &proof, &b.verifier(), &w, T0 + 60)
        .unwrap();
    state
        .cosign(&n10, &[], &b.verifier(), &w, T0 + 120)
        .unwrap();
    assert_eq!(state.last, Some((10, tree.root())));
}

#[test]
fn witness_refusals_leave_its_state_unchanged() {
    let a = history("a", 5, 9);
    let forked = history("b", 5, 9);
    let (b, w) = (board(), witness(1));
    let mut state = WitnessState::new(ORIGIN);
    state
        .cosign(&signed(&a, 7), &[], &b.verifier(), &w, T0)
        .unwrap();
    let before = state.clone();
    let v = b.verifier();

    // Smaller tree.
    let r = state.cosign(&signed(&a, 6), &[], &v, &w, T0);
    assert_eq!(
        r,
        Err(WitnessError::SizeDecreased {
            last_size: 7,
            new_size: 6
        })
    );
    // Another root at the same size.
    let r = state.cosign(&signed(&forked, 7), &[], &v, &w, T0);
    assert_eq!(
        r,
        Err(WitnessError::RootChanged {
            size: 7,
            last_root: a.root_at(7).unwrap(),
            new_root: forked.root_at(7).unwrap()
        })
    );
    // A larger tree of the other history, with that history's proof.
    let proof = forked.consistency_proof(7, 9).unwrap();
    let r = state.cosign(&signed(&forked, 9), &proof, &v, &w, T0);
    assert!(matches!(
        r,
        Err(WitnessError::Inconsistent {
            last_size: 7,
            new_size: 9,
            error: ProofError::OldRootMismatch { .. }
        })
    ));
    // The right history with a damaged or missing proof.
    let mut proof = a.consistency_proof(7, 9).unwrap();
    let r = state.cosign(&signed(&a, 9), &[], &v, &w, T0);
    assert!(matches!(
        r,
        Err(WitnessError::Inconsistent {
            error: ProofError::WrongLength { .. },
            ..
        })
    ));
    proof[0].0[5] ^= 0x20;
    assert!(matches!(
        state.cosign(&signed(&a, 9), &proof, &v, &w, T0),
        Err(WitnessError::Inconsistent { .. })
    ));
    // Another log, another signer, a tampered note, an impossible time.
    let other = sign_checkpoint(&Checkpoint::new("elsewhere", 9, a.root()), &b).unwrap();
    assert!(matches!(
        state.cosign(&other, &[], &v, &w, T0),
        Err(WitnessError::WrongOrigin { .. })
    ));
    let impostor = Signer::from_seed(ORIGIN, &[2; 32]).unwrap();
    let cp9 = Checkpoint::new(ORIGIN, 9, a.root());
    let forged = sign_checkpoint(&cp9, &impostor).unwrap();
    assert_eq!(
        state.cosign(&forged, &[], &v, &w, T0),
        Err(WitnessError::Note(NoteError::NoKnownSignature))
    );
    let tampered = signed(&a, 9).replacen("\n9\n", "\n8\n", 1);
    assert!(matches!(
        state.cosign(&tampered, &[], &v, &w, T0),
        Err(WitnessError::Note(NoteError::BadSignature { .. }))
    ));
    let good_proof = a.consistency_proof(7, 9).unwrap();
    assert!(matches!(
        state.cosign(&signed(&a, 9), &good_proof, &v, &w, MAX_TIMESTAMP + 1),
        Err(WitnessError::Note(NoteError::TimestampOutOfRange { .. }))
    ));
    assert_eq!(state, before);

    // And the honest continuation still works.
    state
        .cosign(&signed(&a, 9), &good_proof, &v, &w, T0)
        .unwrap();
    assert_eq!(state.last, Some((9, a.root())));
}

#[test]
fn a_board_fork_is_caught_by_comparing_cosigned_checkpoints() {
    // The board shows witness 1 history "a" and witness 2 history "b"; they agree on the first
    // 5 leaves (say, the ballots cast before the board turned).
    let a = history("a", 5, 12);
    let forked = history("b", 5, 12);
    let (b, w1, w2) = (board(), witness(1), witness(2));
    let log = b.verifier();
    let cosigners = [w1.cosignature_verifier(), w2.cosignature_verifier()];

    let mut s1 = WitnessState::new(ORIGIN);
    let mut s2 = WitnessState::new(ORIGIN);
    let a8 = signed(&a, 8);
    let b8 = signed(&forked, 8);
    let a8 = format!("{a8}{}", s1.cosign(&a8, &[], &log, &w1, T0).unwrap());
    let b8 = format!("{b8}{}", s2.cosign(&b8, &[], &log, &w2, T0).unwrap());

    // Each witness is content; comparing the two cosigned checkpoints shows the fork and who
    // was shown what.
    let ForkCheck::Forked(evidence) = detect_fork(&a8, &b8, &log, &cosigners, None).unwrap() else {
        panic!("fork not detected");
    };
    assert_eq!(evidence.fork, Fork::SameSizeDifferentRoots { size: 8 });
    assert_eq!(evidence.first.cosigned_by, vec![0]);
    assert_eq!(evidence.second.cosigned_by, vec![1]);
    assert_ne!(
        evidence.first.checkpoint.root,
        evidence.second.checkpoint.root
    );

    // At different sizes: the board cannot prove history "b" at 12 extends "a" at 8; the best
    // it can hand over (a proof within "b") fails.
    let b12 = signed(&forked, 12);
    let proof = forked.consistency_proof(8, 12).unwrap();
    let ForkCheck::Forked(evidence) =
        detect_fork(&a8, &b12, &log, &cosigners, Some(&proof)).unwrap()
    else {
        panic!("fork not detected");
    };
    assert!(matches!(
        evidence.fork,
        // 8 is a power of two, so the proof starts from the claimed old root and the
        // mismatch shows at the new root.
        Fork::ProofFails {
            old_size: 8,
            new_size: 12,
            error: ProofError::NewRootMismatch { .. }
        }
    ));
    assert!(evidence.second.cosigned_by.is_empty());

    // Checkpoints from before the fork are consistent with either history.
    let a4 = signed(&a, 4);
    let proof = forked.consistency_proof(4, 12).unwrap();
    assert_eq!(
        detect_fork(&a4, &b12, &log, &cosigners, Some(&proof)),
        Ok(ForkCheck::Consistent)
    );
    assert_eq!(
        detect_fork(&a8, &a8, &log, &cosigners, None),
        Ok(ForkCheck::Consistent)
    );
}

#[test]
fn fork_check_needs_two_log_signed_checkpoints_of_one_log() {
    let a = history("a", 4, 4);
    let (b, w) = (board(), witness(1));
    let log = b.verifier();
    let cosigners = [w.cosignature_verifier()];
    let n4 = signed(&a, 4);
    let n2 = signed(&a, 2);

    assert_eq!(
        detect_fork(&n2, &n4, &log, &cosigners, None),
        Err(ForkError::ProofNeeded {
            old_size: 2,
            new_size: 4
        })
    );
    // A note carrying only a witness's cosignature is not the log's statement.
    let cp = Checkpoint::new(ORIGIN, 4, a.root());
    let text = cp.text().unwrap();
    let only_witness = format!(
        "{text}\n{}",
        scrutin_log::cosign_checkpoint(&cp, &w, T0).unwrap()
    );
    assert_eq!(
        detect_fork(&n4, &only_witness, &log, &cosigners, None),
        Err(ForkError::Note(
            Which::Second,
            NoteError::NotSignedBy {
                name: ORIGIN.into()
            }
        ))
    );
    let other = sign_checkpoint(&Checkpoint::new("other/log", 4, a.root()), &b).unwrap();
    assert!(matches!(
        detect_fork(&n4, &other, &log, &cosigners, None),
        Err(ForkError::DifferentOrigins { .. })
    ));
    assert!(matches!(
        detect_fork("garbage", &n4, &log, &cosigners, None),
        Err(ForkError::Note(Which::First, NoteError::NoSignatures))
    ));
}
