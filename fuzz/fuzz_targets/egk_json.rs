//! egk 2.0 record files parsed from arbitrary bytes: errors, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutin_record::egk;
use scrutin_record::json_file::parse;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let file = Path::new("fuzz.json");
    let _ = parse::<egk::ConstantsJson>(file, data);
    let _ = parse::<egk::ElectionConfigJson>(file, data);
    let _ = parse::<egk::ElectionInitializedJson>(file, data);
    let _ = parse::<egk::ManifestJson>(file, data);
    let _ = parse::<egk::EncryptedBallotJson>(file, data);
    let _ = parse::<egk::EncryptedBallotChainJson>(file, data);
    let _ = parse::<egk::EncryptedTallyJson>(file, data);
    let _ = parse::<egk::DecryptedTallyOrBallotJson>(file, data);
});
