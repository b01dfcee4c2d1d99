//! The key ceremony's working files as the guardians and the administrator read them: the
//! guardians' public keys in `ceremony/guardian-<i>.json`, their encrypted shares in
//! `ceremony/shares/`, and a guardian's own secret file (§3.2.2).

use super::failure::Failure;
use super::secret_files::SecretFiles;
use rand_core::OsRng;
use scrutin_core::ceremony::{
    CeremonyError, EncryptedShare, GuardianPublicKey, GuardianSecrets, SHARE_PROOF_CHECK,
};
use scrutin_core::{Location, ParameterSet};
use scrutin_record::v21::decode;
use scrutin_record::v21::layout::RecordDir;
use scrutin_record::v21::wire::GuardianJson;
use scrutin_record::v21::working::EncryptedShareJson;
use scrutin_record::{json_file, FileKind};
use scrutin_verify::v21::Parameters;
use std::path::Path;

/// A guardian's public key with the name it gave itself.
pub struct NamedKey<P: ParameterSet> {
    /// The name, for people.
    pub name: String,
    /// The key.
    pub key: GuardianPublicKey<P>,
}

/// A failure of a ceremony step: failed checks are an invalid record (exit 1), bad secret
/// files and missing shares bad input (exit 2).
pub fn ceremony_failure(error: CeremonyError, file: &Path) -> Failure {
    match error {
        CeremonyError::Verify(e) => Failure::invalid(format!("{}: {e}", file.display())),
        CeremonyError::Misaddressed { .. } => {
            Failure::invalid(format!("{}: {error}", file.display()))
        }
        CeremonyError::SecretFile(e) => Failure::bad_input(format!(
            "{}: not a valid secret file of this election ({e})",
            file.display()
        )),
        CeremonyError::InvalidIndex { .. }
        | CeremonyError::MissingShare { .. }
        | CeremonyError::DuplicateShare { .. } => {
            Failure::bad_input(format!("{}: {error}", file.display()))
        }
        // An unsupported group, or a failure this command does not know yet, is its own
        // failure, not the user's.
        _ => Failure::failed(error.to_string()),
    }
}

/// Reads every guardian's public key, 1 to n, and checks each (Verification 2). A missing key
/// means the ceremony is not that far yet (exit 2); an invalid one fails (exit 1).
pub fn read_public_keys<P: ParameterSet>(
    record: &RecordDir,
    parameters: &Parameters,
) -> Result<Vec<NamedKey<P>>, Failure> {
    let mut keys = Vec::new();
    for index in 1..=parameters.counts.n {
        let file = record.guardian_key_path(index);
        if !file.exists() {
            return Err(Failure::bad_input(format!(
                "the public key of guardian {index} is missing: {} does not exist (guardian \
                 {index} runs `scrutin guardian keygen`)",
                file.display()
            )));
        }
        let json: GuardianJson = json_file::read(&file, FileKind::Record)?;
        if json.x_coordinate != index {
            return Err(Failure::invalid(format!(
                "{}: the key is guardian {}'s, not guardian {index}'s",
                file.display(),
                json.x_coordinate
            )));
        }
        let key = decode::guardian::<P>(&file, "", &json)?;
        key.verify(&parameters.parameter_hash, parameters.counts)
            .map_err(|e| Failure::invalid(format!("{}: {e}", file.display())))?;
        keys.push(NamedKey {
            name: json.guardian_id,
            key,
        });
    }
    Ok(keys)
}

/// The public key of guardian `index` among `keys`.
pub fn key_of<P: ParameterSet>(
    keys: &[NamedKey<P>],
    index: u32,
) -> Result<&GuardianPublicKey<P>, Failure> {
    keys.iter()
        .map(|k| &k.key)
        .find(|k| k.index == index)
        .ok_or_else(|| Failure::bad_input(format!("there is no guardian {index}")))
}

/// Reads and decrypts a guardian's secret file, which must be for this election's n and k.
pub fn read_secrets<P: ParameterSet>(
    secret_files: &SecretFiles,
    file: &Path,
    parameters: &Parameters,
) -> Result<GuardianSecrets<P>, Failure> {
    let bytes = secret_files.read(file)?;
    let secrets =
        GuardianSecrets::<P>::from_secret_bytes(&bytes).map_err(|e| ceremony_failure(e, file))?;
    if secrets.counts() != parameters.counts {
        return Err(Failure::bad_input(format!(
            "{}: the secrets are for {} guardians with quorum {}, the election has {} and {}",
            file.display(),
            secrets.counts().n,
            secrets.counts().k,
            parameters.counts.n,
            parameters.counts.k
        )));
    }
    Ok(secrets)
}

/// Checks that the record's public key of the secrets' guardian is the one the secrets
/// produce (same commitments and communication key), so that a guardian never sends or
/// decrypts shares with secrets of another election or another guardian.
pub fn check_own_key<P: ParameterSet>(
    secrets: &GuardianSecrets<P>,
    file: &Path,
    keys: &[NamedKey<P>],
    parameters: &Parameters,
) -> Result<(), Failure> {
    let published = key_of(keys, secrets.index())?;
    let own = secrets.public_key(&mut OsRng, &parameters.parameter_hash);
    if own.vote_commitments != published.vote_commitments
        || own.data_commitments != published.data_commitments
        || own.communication_key != published.communication_key
    {
        return Err(Failure::bad_input(format!(
            "{}: these secrets do not produce the public key of guardian {} in the record",
            file.display(),
            secrets.index()
        )));
    }
    Ok(())
}

/// Reads the share from guardian `from` to guardian `to`. A share that is missing is exit 2;
/// one whose values are outside the group, or addressed otherwise than its file name says,
/// fails the recipient's check `S0.share-proof` (exit 1), naming the sender.
pub fn read_share<P: ParameterSet>(
    record: &RecordDir,
    from: u32,
    to: u32,
) -> Result<EncryptedShare<P>, Failure> {
    let file = record.share_path(from, to);
    if !file.exists() {
        return Err(Failure::bad_input(format!(
            "the share from guardian {from} to guardian {to} is missing: {} does not exist \
             (guardian {from} runs `scrutin guardian send-shares`)",
            file.display()
        )));
    }
    let json: EncryptedShareJson = json_file::read(&file, FileKind::Record)?;
    let location = Location::Share { from, to };
    if json.from != from || json.to != to {
        return Err(Failure::invalid(format!(
            "{}: {SHARE_PROOF_CHECK} failed ({location}): the file holds the share from \
             guardian {} to guardian {}",
            file.display(),
            json.from,
            json.to
        )));
    }
    let decode = || decode::share::<P>(&file, &json);
    decode().map_err(|problem| match problem {
        scrutin_verify::Problem::Invalid(e) => Failure::invalid(format!("{}: {e}", file.display())),
        scrutin_verify::Problem::Unreadable(e) => e.into(),
    })
}
