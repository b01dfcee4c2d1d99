//! Verification 7.D–7.G of spec 2.0 (§3.4.3, eq. 59–61): ballot chaining per encrypting
//! device, in the order of `ballot_chain.json` and with egk's byte strings (notes §2.12).

use super::ballots::BallotOutcome;
use super::decode;
use super::findings::check;
use super::hashing;
use super::steps::{V7_D, V7_E, V7_F, V7_G};
use crate::report::StepRecorder;
use scrutin_core::{HValue, Location, Reason, Step, VerifyError};
use scrutin_record::egk::EgkDevice;
use scrutin_record::RecordError;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Without chaining (`chain_confirmation_codes` false) a device's `ballot_chain.json`, if any,
/// must not claim chaining (7.D).
pub fn verify_unchained_device(device: &EgkDevice, step: &mut StepRecorder) {
    if let Some(chain) = &device.chain {
        step.record(check(!chain.value.chaining, || {
            VerifyError::new(
                V7_D,
                Location::Device(device.name.clone()),
                Reason::Malformed(
                    "ballot_chain.json says chaining is on, election_config.json says off".into(),
                ),
            )
        }));
    }
}

/// Checks the chain of one device: H_0 (7.D), every B_aux,j (7.E), the last code (7.F) and the
/// closing hash (7.G). `outcomes` holds the checked ballots by file.
pub fn verify_device(
    device: &EgkDevice,
    extended_hash: &HValue,
    baux0: &[u8],
    outcomes: &BTreeMap<&Path, &BallotOutcome>,
    step: &mut StepRecorder,
) -> Result<(), RecordError> {
    let location = Location::Device(device.name.clone());
    let malformed = |label: Step, what: String| {
        VerifyError::new(label, location.clone(), Reason::Malformed(what))
    };
    let Some(chain) = &device.chain else {
        step.record(Err(malformed(
            V7_D,
            "codes are chained but the device has no ballot_chain.json".into(),
        )));
        return Ok(());
    };
    let file = chain.path.as_path();
    let json = &chain.value;
    step.record(check(json.chaining, || {
        malformed(V7_D, "ballot_chain.json says chaining is off".into())
    }));

    // 7.D: H_0 = H(H_E; 0x24, B_aux,0), which egk stores as the chain's `baux0`.
    let h0 = hashing::chain_initial_hash(extended_hash, baux0);
    let stored_h0 = json.baux0.decode(file, "baux0")?;
    step.record(check(stored_h0 == h0.0, || {
        VerifyError::new(
            V7_D,
            location.clone(),
            Reason::Mismatch("the initial hash H_0"),
        )
    }));

    // 7.E: every ballot of the device once, each with B_aux,j from its predecessor.
    let mut listed = BTreeSet::new();
    let mut previous = h0;
    let mut first = true;
    for (index, id) in json.ballot_ids.iter().enumerate() {
        let ballot = device.ballot(id);
        let outcome = ballot.and_then(|b| outcomes.get(b.path.as_path()));
        let Some(outcome) = outcome else {
            step.record(Err(malformed(
                V7_E,
                format!("ballot_ids[{index}] `{id}` has no ballot file on this device"),
            )));
            continue;
        };
        step.record(check(listed.insert(id.as_str()), || {
            malformed(V7_E, format!("ballot `{id}` is listed twice"))
        }));
        let expected = hashing::chain_baux(&previous, baux0, first);
        step.record(check(outcome.code_baux == expected, || {
            VerifyError::new(
                V7_E,
                Location::Ballot(id.clone()),
                Reason::Mismatch("the chained B_aux,j"),
            )
        }));
        previous = outcome.confirmation_code;
        first = false;
    }
    for ballot in &device.ballots {
        let id = &ballot.value.ballot_id;
        step.record(check(listed.contains(id.as_str()), || {
            malformed(V7_E, format!("ballot `{id}` is not in the device's chain"))
        }));
    }

    // 7.F and 7.G: the last code and the closing hash.
    let stored_last = decode::hash(
        file,
        "last_confirmation_code",
        json.last_confirmation_code.as_str(),
    )?;
    step.record(check(first || stored_last == previous, || {
        VerifyError::new(
            V7_F,
            location.clone(),
            Reason::Mismatch("the last confirmation code H(B_ℓ)"),
        )
    }));
    let closing = hashing::chain_closing_hash(extended_hash, &previous, baux0);
    let stored_closing = match &json.closing_hash {
        Some(text) => Some(decode::hash(file, "closing_hash", text.as_str())?),
        None => None,
    };
    step.record(check(stored_closing == Some(closing), || {
        VerifyError::new(
            V7_G,
            location.clone(),
            Reason::Mismatch("the closing hash H̄"),
        )
    }));
    Ok(())
}
