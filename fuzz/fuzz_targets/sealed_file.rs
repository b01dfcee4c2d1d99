//! Passphrase-encrypted secret files from untrusted bytes: the header parser returns an error
//! or a header that re-encodes to exactly the bytes it read, and decryption (run only when the
//! header asks for a small Argon2id cost, so that the fuzzer stays fast) returns an error —
//! the fuzzer cannot forge a Poly1305 tag — never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutin_record::sealed::{open, Header};

fuzz_target!(|data: &[u8]| {
    let Ok((header, bytes, body)) = Header::parse(data) else {
        return;
    };
    assert_eq!(header.encode().as_slice(), bytes);
    assert_eq!(bytes.len() + body.len(), data.len());
    if header.cost.memory_kib <= 64 && header.cost.iterations <= 2 {
        assert!(open(b"fuzz", data).is_err());
    }
});
