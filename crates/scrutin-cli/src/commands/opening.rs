//! Opening a challenged ballot once the guardians have decrypted its ballot nonce (§3.6.7):
//! shared by `scrutin decrypt combine` and `scrutin demo`.

use scrutin_core::ballot::{decrypt_ballot_nonce, EncryptedBallot};
use scrutin_core::election::ElectionContext;
use scrutin_core::{Element, ParameterSet};
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::v21::wire::ChallengedBallotJson;

/// The `dballot-<id>.json` of `ballot`, from β = C0^ŝ as the guardians decrypted it
/// (equations 107–108): ξ_B = C1 ⊕ k, then every selection nonce and value (equation 33,
/// 109–111). Fails if ξ_B does not reproduce the ballot's encryptions.
pub fn open_challenged<P: ParameterSet>(
    manifest: &Manifest,
    ctx: &ElectionContext<P>,
    ballot: &EncryptedBallot<P>,
    beta: &Element<P>,
) -> Result<ChallengedBallotJson, String> {
    let style = manifest.style(&ballot.style).ok_or_else(|| {
        format!(
            "ballot {}: unknown ballot style {:?}",
            ballot.name, ballot.style
        )
    })?;
    let specs = manifest.style_contests(style);
    let nonce = decrypt_ballot_nonce(&ballot.identifier_hash, &ballot.encrypted_nonce, beta)
        .ok_or_else(|| format!("the ballot nonce of {} does not decrypt", ballot.name))?;
    let opened = ballot
        .open_with_nonce(ctx, &specs, &nonce)
        .map_err(|e| format!("ballot {}: {e}", ballot.name))?;
    Ok(enc::opened_ballot(manifest, &ballot.name, &opened))
}
