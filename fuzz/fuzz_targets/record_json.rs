//! Every 2.1 record file type, parsed from arbitrary bytes: the parser and the manifest
//! validation must return errors, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutin_record::json_file::parse;
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::v21::wire::*;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("fuzz.json");
    let _ = Manifest::from_bytes(file, data.to_vec());
    let _ = parse::<ConstantsJson>(file, data);
    let _ = parse::<ElectionConfigJson>(file, data);
    let _ = parse::<ElectionInitializedJson>(file, data);
    let _ = parse::<EncryptedBallotJson>(file, data);
    let _ = parse::<BallotChainJson>(file, data);
    let _ = parse::<EncryptedTallyJson>(file, data);
    let _ = parse::<DecryptedTallyJson>(file, data);
    let _ = parse::<ChallengedBallotJson>(file, data);
});
