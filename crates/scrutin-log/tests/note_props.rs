//! Checkpoint notes round-trip; any change to a signed note is refused; arbitrary text never
//! panics the parser.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use scrutin_log::{
    cosign_checkpoint, open_note, open_signed_text, sign_checkpoint, Checkpoint, Hash, Signer,
    Verifier,
};

fn origin() -> impl Strategy<Value = String> {
    // Printable text without control characters, including non-ASCII and spaces.
    "[a-z0-9./:é ]{1,40}"
}

fn checkpoint() -> impl Strategy<Value = Checkpoint> {
    (
        origin(),
        any::<u64>(),
        any::<[u8; 32]>(),
        prop::collection::vec("[ -~]{1,20}", 0..3),
    )
        .prop_map(|(origin, size, root, extensions)| Checkpoint {
            origin,
            size,
            root: Hash(root),
            extensions,
        })
}

fn keys() -> (Signer, Signer, Vec<Verifier>) {
    let log = Signer::from_seed("scrutin.example/log", &[5; 32]).unwrap();
    let w = Signer::from_seed("witness.example/w", &[6; 32]).unwrap();
    let vs = vec![log.verifier(), w.cosignature_verifier()];
    (log, w, vs)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn sign_then_open_round_trips(cp in checkpoint(), t in any::<u32>()) {
        let (log, w, vs) = keys();
        let note = sign_checkpoint(&cp, &log).unwrap();
        let line = cosign_checkpoint(&cp, &w, u64::from(t)).unwrap();
        let note = format!("{note}{line}");
        let (got, sigs) = open_note(&note, &vs).unwrap();
        prop_assert_eq!(&got, &cp);
        prop_assert_eq!(sigs.len(), 2);
        prop_assert_eq!(sigs[1].timestamp, Some(u64::from(t)));
        prop_assert_eq!(Checkpoint::parse_text(&cp.text().unwrap()).unwrap(), cp);
    }

    #[test]
    fn any_changed_character_is_refused(
        cp in checkpoint(),
        pos in any::<prop::sample::Index>(),
        c in any::<char>(),
    ) {
        let (log, w, vs) = keys();
        let note = sign_checkpoint(&cp, &log).unwrap();
        let note = format!("{note}{}", cosign_checkpoint(&cp, &w, 7).unwrap());
        let chars: Vec<char> = note.chars().collect();
        let i = pos.index(chars.len());
        prop_assume!(chars[i] != c);
        let mut changed = chars.clone();
        changed[i] = c;
        let changed: String = changed.into_iter().collect();
        // A change in the witness's line alone leaves the log's signature intact: then the
        // witness's signature must fail, or the line must no longer name a known key.
        match open_note(&changed, &vs) {
            Err(_) => {}
            Ok((got, sigs)) => {
                prop_assert_eq!(&got, &cp);
                prop_assert_eq!(sigs.len(), 1, "changed note kept both signatures: {:?}", changed);
            }
        }
        // The log's signature alone never survives a change before the signature block.
        let text_len = cp.text().unwrap().chars().count();
        if i < text_len + 1 {
            prop_assert!(open_note(&changed, &vs[..1]).is_err());
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,300}") {
        let (_, _, vs) = keys();
        let _ = open_note(&s, &vs);
        let _ = open_signed_text(&s, &vs);
        let _ = Checkpoint::parse_text(&s);
        let _ = Verifier::parse(&s);
    }

    #[test]
    fn structured_garbage_never_panics(
        lines in prop::collection::vec("(\u{2014} )?[ -~\u{2014}é]{0,60}", 0..8),
        blank in any::<bool>(),
    ) {
        let (_, _, vs) = keys();
        let mut s = lines.join("\n");
        if blank { s.push_str("\n\n\u{2014} scrutin.example/log AAAAAAAAAA==\n"); }
        let _ = open_note(&s, &vs);
    }
}
