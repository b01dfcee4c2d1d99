//! The authorship decoders from untrusted bytes: a roster, device and witness enrolments, a
//! close order and a signature file parsed and decoded, the `Scrutin-Signature` header parsed,
//! and the authorship rule of an arbitrary key of every kind. Each returns a value or an
//! error, never a panic; a decoded signature file re-encodes to an equal wire form, and a
//! signature file's check (with the fuzz input as the item) fails rather than panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutin_record::authorship::wire::{
    CloseJson, DeviceEnrolmentJson, RosterJson, SignatureJson, WitnessEnrolmentJson,
};
use scrutin_record::authorship::{rule, Author, Place, PublicKey, Roster, SignatureFile, KINDS};
use scrutin_record::json_file::parse;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("fuzz.json");
    if let Ok(json) = parse::<RosterJson>(file, data) {
        if let Ok(roster) = Roster::decode(&json) {
            let _ = roster.key_of(&Author::Guardian(roster.guardians));
        }
    }
    let _ = parse::<DeviceEnrolmentJson>(file, data);
    let _ = parse::<WitnessEnrolmentJson>(file, data);
    let _ = parse::<CloseJson>(file, data);
    if let Ok(json) = parse::<SignatureJson>(file, data) {
        if let Ok(decoded) = SignatureFile::decode(&json) {
            assert_eq!(SignatureFile::decode(&decoded.to_json()).as_ref(), Ok(&decoded));
            let place = Place {
                origin: "fuzz/scrutin/e",
                election: "e",
            };
            let item = (decoded.kind, decoded.key.as_str(), data);
            let author = Author::Administrator;
            let _ = decoded.check(place, item, &author, &PublicKey([0; 32]));
        }
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = scrutin_client::signing::parse_header(text);
        for kind in KINDS {
            let _ = rule(kind, text);
        }
    }
});
