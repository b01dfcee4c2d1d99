//! Where the authorship items live in a record (and so their keys on the board).

/// The folder of every authorship item.
pub const FOLDER: &str = "authorship";

/// `authorship/roster.json`.
pub fn roster() -> String {
    format!("{FOLDER}/roster.json")
}

/// `authorship/close.json`.
pub fn close() -> String {
    format!("{FOLDER}/close.json")
}

/// `authorship/devices/<device>.json`.
pub fn device_enrolment(device: &str) -> String {
    format!("{FOLDER}/devices/{device}.json")
}

/// `authorship/witnesses/<name>.json`.
pub fn witness_enrolment(name: &str) -> String {
    format!("{FOLDER}/witnesses/{name}.json")
}

/// The folder of the items' signatures.
pub const SIGNATURES: &str = "authorship/signatures";

/// `authorship/signatures/<key>`: the signature of the item at `key`.
pub fn signature_of(key: &str) -> String {
    format!("{SIGNATURES}/{key}")
}

/// The key of the item whose signature is at `signature_key`, if it is one.
pub fn signed_key(signature_key: &str) -> Option<&str> {
    signature_key
        .strip_prefix(SIGNATURES)?
        .strip_prefix('/')
        .filter(|rest| !rest.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_keys_round_trip() {
        let key = "encrypted_ballots/d/eballot-1.json";
        assert_eq!(
            signature_of(key),
            "authorship/signatures/encrypted_ballots/d/eballot-1.json"
        );
        assert_eq!(signed_key(&signature_of(key)), Some(key));
        assert_eq!(signed_key("authorship/signatures/"), None);
        assert_eq!(signed_key("authorship/roster.json"), None);
    }
}
