//! The demo's authorship (docs/record-format.md, "Authorship"): throw-away identities for
//! the administrator, the guardians and the voting devices, the roster and the device
//! enrolments they imply, and the signature of every item that has an author, so that the
//! demo's record carries what a board's record carries and the verifier checks it (box 15).
//! The identities live only in memory: nothing the demo writes can be signed again.

use rand_core::{OsRng, RngCore};
use scrutin_core::group::ParameterSet;
use scrutin_core::parameters::GuardianCounts;
use scrutin_record::authorship::wire::{
    DeviceEnrolmentJson, GuardianPartyJson, PartyJson, RosterJson,
};
use scrutin_record::authorship::{paths, sign_record, Identity, Place, Signers};
use scrutin_record::json_file;
use scrutin_record::v21::layout::RecordDir;
use scrutin_record::v21::source::RecordSource;
use std::collections::BTreeMap;

/// The board host of the demo's origin: `.invalid` (RFC 2606) names no board anywhere.
const DEMO_HOST: &str = "demo.invalid";

/// What the demo signed.
pub struct Signed {
    /// The election id of the roster.
    pub election_id: String,
    /// How many items were signed.
    pub items: usize,
}

/// Writes the roster and an enrolment for every device with ballots in the finished
/// `record` of the parameter set `P`, then signs every item that has an author.
pub fn sign_demo_record<P: ParameterSet>(
    record: &RecordDir,
    counts: GuardianCounts,
) -> Result<Signed, String> {
    let election_id = format!("demo-{:016x}", OsRng.next_u64());
    let origin = format!("{DEMO_HOST}/scrutin/{election_id}");
    let generate = || Identity::generate(&mut OsRng);
    let signers = Signers {
        administrator: generate(),
        guardians: (0..counts.n).map(|_| generate()).collect(),
        devices: record
            .devices()
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|device| (device, generate()))
            .collect::<BTreeMap<_, _>>(),
    };
    let roster = RosterJson {
        election_id: election_id.clone(),
        origin: origin.clone(),
        group: P::NAME.into(),
        number_of_guardians: counts.n,
        quorum: counts.k,
        administrator: PartyJson {
            name: "demo administrator".into(),
            public_key: signers.administrator.public_key().to_hex(),
        },
        guardians: (1..)
            .zip(&signers.guardians)
            .map(|(index, identity)| GuardianPartyJson {
                index,
                name: format!("guardian-{index}"),
                public_key: identity.public_key().to_hex(),
            })
            .collect(),
    };
    let write_err = |e: scrutin_record::RecordError| e.to_string();
    json_file::write(&record.path(&paths::roster()), &roster).map_err(write_err)?;
    for (device, identity) in &signers.devices {
        let enrolment = DeviceEnrolmentJson {
            voting_device: device.clone(),
            public_key: identity.public_key().to_hex(),
        };
        json_file::write(&record.path(&paths::device_enrolment(device)), &enrolment)
            .map_err(write_err)?;
    }
    let place = Place {
        origin: &origin,
        election: &election_id,
    };
    let items = sign_record(record, place, &signers).map_err(|e| e.to_string())?;
    Ok(Signed { election_id, items })
}
