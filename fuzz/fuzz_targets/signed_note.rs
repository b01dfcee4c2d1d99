//! Signed checkpoint notes, cosignatures and verifier keys from untrusted text: arbitrary input
//! yields an error or a checkpoint that re-encodes to exactly the text that was signed, never
//! a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutin_log::{open_note, open_signed_text, Checkpoint, Signer, Verifier};
use std::sync::OnceLock;

fn verifiers() -> &'static [Verifier] {
    static V: OnceLock<Vec<Verifier>> = OnceLock::new();
    V.get_or_init(|| {
        let log = Signer::from_seed("scrutin.example/log", &[1; 32]).ok();
        let w = Signer::from_seed("witness.example/w", &[2; 32]).ok();
        let mut v = Vec::new();
        if let (Some(log), Some(w)) = (log, w) {
            v.push(log.verifier());
            v.push(w.cosignature_verifier());
        }
        v
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let vs = verifiers();
    if let Ok((body, _)) = open_signed_text(text, vs) {
        if let Ok((cp, _)) = open_note(text, vs) {
            assert_eq!(cp.text().ok().as_deref(), Some(body));
        }
    }
    if let Ok(cp) = Checkpoint::parse_text(text) {
        assert_eq!(cp.text().ok().as_deref(), Some(text));
    }
    if let Ok(v) = Verifier::parse(text) {
        assert_eq!(v.vkey(), text);
    }
});
