//! Verifications 11 and 14 of spec 2.0 (§6.2.6, §6.2.7): decryptions of contest data, with
//! egk's hash layout and KDF (notes §2.9, §2.15).

use super::decode::{self, At};
use super::findings::{check, malformed, Boxes};
use super::hashing::{self, ContestDataCiphertext};
use super::steps::{V11_A, V11_B, V14_A, V14_B};
use super::tally::DecryptionContext;
use super::{Group, CONTEST_DATA_MAC, CONTEST_DATA_MATCH, TALLY_CONTEST_DATA_MAC};
use scrutin_core::proofs::Check;
use scrutin_core::{Location, Reason, Step, VerifyError};
use scrutin_record::egk::tally::{DecryptedContestDataJson, DecryptedContestJson};
use scrutin_record::egk::{EgkRecord, EncryptedContestJson, HashedElGamalCiphertextJson};
use scrutin_record::RecordError;
use std::path::Path;

/// The labels of a contest-data decryption check: Verification 11 or 14.
#[derive(Clone, Copy, Debug)]
struct DataLabels {
    /// 11.A / 14.A: the response v is in Z_q.
    response: Step,
    /// 11.B / 14.B: the challenge c.
    challenge: Step,
    /// The MAC C_2 recomputed from β.
    mac: Step,
}

/// The labels of Verification 11 (contest data decrypted in the tally).
const TALLY_DATA_LABELS: DataLabels = DataLabels {
    response: V11_A,
    challenge: V11_B,
    mac: TALLY_CONTEST_DATA_MAC,
};

/// The labels of Verification 14 (contest data of challenged ballots).
const CHALLENGED_DATA_LABELS: DataLabels = DataLabels {
    response: V14_A,
    challenge: V14_B,
    mac: CONTEST_DATA_MAC,
};

/// The proof of a contest-data decryption (11.1–11.2 / 14.1–14.2, 11.A–11.B / 14.A–14.B,
/// eq. 84): a = g^v·K^c, b = C_0^v·β^c, c = H(H_E; 0x31, K, C_0, C_1, C_2, a, b, β); then the
/// MAC C_2 recomputed from β ([`CONTEST_DATA_MAC`]).
#[allow(clippy::too_many_arguments)]
fn check_contest_data(
    context: &DecryptionContext<'_>,
    at: At<'_>,
    field: &str,
    json: &DecryptedContestDataJson,
    contest_label: &str,
    labels: DataLabels,
    boxes: &mut Boxes,
) -> Result<(), RecordError> {
    let n = labels.response.verification();
    let data = &json.encrypted_contest_data;
    let c1 = data
        .c1
        .decode(at.file, &format!("{field}.encrypted_contest_data.c1"))?;
    let c2 = decode::hash(
        at.file,
        &format!("{field}.encrypted_contest_data.c2"),
        data.c2.as_str(),
    )?;
    let check_c = at.check(labels.challenge);
    let values = (|| {
        let c0 = check_c.element::<Group>(
            &format!("{field}.encrypted_contest_data.c0"),
            data.c0.as_str(),
            "C_0",
        )?;
        let beta = check_c.element::<Group>(&format!("{field}.beta"), json.beta.as_str(), "β")?;
        let proof =
            decode::chaum_pedersen(at, &format!("{field}.proof"), &json.proof, labels.response)?;
        Ok((c0, beta, proof))
    })();
    let Some((c0, beta, proof)) = boxes.settle(n, values)? else {
        return Ok(());
    };
    let ciphertext = ContestDataCiphertext {
        c0,
        c1: &c1,
        c1_hex: data.c1.as_str(),
        c2,
    };
    let result = proof.verify(
        &context.joint_key,
        &ciphertext.c0,
        &beta,
        |a, b| {
            hashing::contest_data_challenge(
                &context.extended_hash,
                &context.joint_key,
                &ciphertext,
                a,
                b,
                &beta,
            )
        },
        &Check::new(labels.challenge, at.location.clone()),
    );
    boxes.get(n).record(result);
    {
        let mac = hashing::contest_data_mac(
            &context.extended_hash,
            &context.joint_key,
            &ciphertext,
            &beta,
            contest_label,
            data.num_bytes,
        );
        boxes.get(n).record(check(mac == c2, || {
            VerifyError::new(
                labels.mac,
                at.location.clone(),
                Reason::Mismatch("the contest data MAC C_2 under the decryption β"),
            )
        }));
    }
    Ok(())
}

/// Verification 11: contest data decrypted outside challenged ballots. egk writes none; a
/// `decrypted_contest_data` in `tally.json` is checked against its own ciphertext.
pub fn verify_tally_contest_data(
    record: &EgkRecord,
    context: &DecryptionContext<'_>,
    boxes: &mut Boxes,
) -> Result<(), RecordError> {
    let file = record.tally.path.as_path();
    let mut any = false;
    for (c, contest) in record.tally.value.contests.iter().enumerate() {
        let Some(data) = &contest.decrypted_contest_data else {
            continue;
        };
        any = true;
        let location = Location::Contest {
            ballot: None,
            contest: context
                .manifest
                .contest(&contest.contest_id)
                .map_or(0, |i| i.index),
        };
        let at = At {
            file,
            location: &location,
        };
        check_contest_data(
            context,
            at,
            &format!("contests[{c}].decrypted_contest_data"),
            data,
            &contest.contest_id,
            TALLY_DATA_LABELS,
            boxes,
        )?;
    }
    if !any {
        boxes.get(11).skip(
            "the record has no contest data decrypted outside challenged ballots (egk writes none)",
        );
    }
    Ok(())
}

fn same_contest_data(
    file: &Path,
    field: &str,
    a: &HashedElGamalCiphertextJson,
    b: &HashedElGamalCiphertextJson,
) -> Result<bool, RecordError> {
    let c0 = decode::element_bytes(file, &format!("{field}.c0"), a.c0.as_str())?;
    let c0_ballot = decode::element_bytes(file, &format!("{field}.c0"), b.c0.as_str())?;
    Ok(c0 == c0_ballot
        && a.c1.as_str().eq_ignore_ascii_case(b.c1.as_str())
        && a.c2.as_str().eq_ignore_ascii_case(b.c2.as_str())
        && a.num_bytes == b.num_bytes)
}

/// Verification 14 for one contest of a decrypted challenged ballot: its contest data must be
/// the SPOILED ballot's ([`CONTEST_DATA_MATCH`]) and correctly decrypted (14.A, 14.B,
/// [`CONTEST_DATA_MAC`]). `original` is the SPOILED ballot's contest, if found.
pub fn verify_challenged_contest(
    context: &DecryptionContext<'_>,
    file: &Path,
    c: usize,
    contest: &DecryptedContestJson,
    original: Option<&EncryptedContestJson>,
    contest_location: &Location,
    boxes: &mut Boxes,
) -> Result<(), RecordError> {
    let at = At {
        file,
        location: contest_location,
    };
    let field = format!("contests[{c}].decrypted_contest_data");
    let Some(data) = &contest.decrypted_contest_data else {
        boxes.get(14).record(Err(malformed(
            V14_B,
            contest_location,
            "the contest has no decrypted_contest_data",
        )));
        return Ok(());
    };
    let same = match original {
        Some(oc) => same_contest_data(
            file,
            &format!("{field}.encrypted_contest_data"),
            &data.encrypted_contest_data,
            &oc.encrypted_contest_data,
        )?,
        None => false,
    };
    boxes.get(14).record(check(same, || {
        malformed(
            CONTEST_DATA_MATCH,
            contest_location,
            "the decrypted contest data is not the SPOILED ballot's",
        )
    }));
    check_contest_data(
        context,
        at,
        &field,
        data,
        &contest.contest_id,
        CHALLENGED_DATA_LABELS,
        boxes,
    )
}
