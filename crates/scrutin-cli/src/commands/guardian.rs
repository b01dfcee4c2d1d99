//! `scrutin guardian keygen | send-shares | receive-shares`: one guardian's steps of the key
//! ceremony (§3.2.2), through the files of `ceremony/`.

use super::ceremony::{self, ceremony_failure, key_of};
use super::context::{self, in_group, GroupTask};
use super::failure::{finish, Failure};
use super::files;
use super::secret_files::SecretFiles;
use crate::cli::{
    EncryptSecretArgs, GuardianCommand, KeygenArgs, ReceiveSharesArgs, SendSharesArgs,
};
use crate::exit::Exit;
use rand_core::OsRng;
use scrutin_core::ceremony::GuardianSecrets;
use scrutin_core::ParameterSet;
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::layout::RecordDir;
use scrutin_record::v21::working_encode;

/// Runs a `scrutin guardian` command.
pub fn run(command: &GuardianCommand) -> Exit {
    finish(match command {
        GuardianCommand::Keygen(args) => in_group(&RecordDir::new(&args.record), args),
        GuardianCommand::SendShares(args) => in_group(&RecordDir::new(&args.record), args),
        GuardianCommand::ReceiveShares(args) => in_group(&RecordDir::new(&args.record), args),
        GuardianCommand::EncryptSecret(args) => encrypt_secret(args),
    })
}

/// `keygen`: the secrets of equations 7 and 9 to the guardian's own file, the public key of
/// equations 8–13 to `ceremony/guardian-<i>.json`.
impl GroupTask for &KeygenArgs {
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure> {
        let parameters = context::parameters::<P>(record)?;
        let (index, n) = (self.index, parameters.counts.n);
        if !(1..=n).contains(&index) {
            return Err(Failure::bad_input(format!(
                "--index {index}: guardian indices run from 1 to {n}"
            )));
        }
        let key_file = record.guardian_key_path(index);
        if key_file.exists() {
            return Err(Failure::bad_input(format!(
                "guardian {index} has a public key already: {}",
                key_file.display()
            )));
        }
        let name = self
            .name
            .clone()
            .unwrap_or_else(|| format!("guardian-{index}"));
        let secrets = GuardianSecrets::<P>::generate(&mut OsRng, index, parameters.counts)
            .map_err(|e| Failure::bad_input(e.to_string()))?;
        let key = secrets.public_key(&mut OsRng, &parameters.parameter_hash);
        SecretFiles::new(&self.passphrase).write(&self.secret, &secrets.to_secret_bytes())?;
        files::write_new(&key_file, &enc::guardian(&name, &key))?;
        println!("guardian {index} ({name}):");
        println!(
            "  secrets        {} (encrypted with your passphrase; keep it private; needed until \
             receive-shares)",
            self.secret.display()
        );
        println!("  public key     {}", key_file.display());
        println!(
            "next: when all {n} guardians have their public keys in the record, run \
             `scrutin guardian send-shares`"
        );
        Ok(())
    }
}

/// `send-shares`: checks every public key (Verification 2), then encrypts P_i(ℓ) and P̂_i(ℓ)
/// for every other guardian ℓ (equations 15–22).
impl GroupTask for &SendSharesArgs {
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure> {
        let parameters = context::parameters::<P>(record)?;
        let secret_files = SecretFiles::new(&self.passphrase);
        // The keys first: no passphrase is asked for before the ceremony is that far.
        let keys = ceremony::read_public_keys::<P>(record, &parameters)?;
        let secrets = ceremony::read_secrets::<P>(&secret_files, &self.secret, &parameters)?;
        ceremony::check_own_key(&secrets, &self.secret, &keys, &parameters)?;
        let index = secrets.index();
        for recipient in keys.iter().filter(|k| k.key.index != index) {
            let share = secrets
                .encrypt_share_for(&mut OsRng, &parameters.parameter_hash, &recipient.key)
                .map_err(|e| ceremony_failure(e, &self.secret))?;
            let file = record.share_path(index, recipient.key.index);
            files::write(&file, &working_encode::share(&share))?;
            println!(
                "share for guardian {} ({}): {}",
                recipient.key.index,
                recipient.name,
                file.display()
            );
        }
        println!(
            "guardian {index} checked all {} public keys (Verification 2) and sent its shares",
            keys.len()
        );
        Ok(())
    }
}

/// `receive-shares`: decrypts and checks every share addressed to this guardian (equations
/// 22–23, 28–29) and computes its key share (equation 24). Every bad share is reported with
/// its sender: that is the guardian's complaint of §3.2.2.
impl GroupTask for &ReceiveSharesArgs {
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure> {
        let parameters = context::parameters::<P>(record)?;
        if self.key_share.exists() {
            return Err(files::exists_already(&self.key_share));
        }
        let secret_files = SecretFiles::new(&self.passphrase);
        // The keys first: no passphrase is asked for before the ceremony is that far.
        let keys = ceremony::read_public_keys::<P>(record, &parameters)?;
        let secrets = ceremony::read_secrets::<P>(&secret_files, &self.secret, &parameters)?;
        ceremony::check_own_key(&secrets, &self.secret, &keys, &parameters)?;
        let index = secrets.index();
        let mut received = Vec::new();
        let mut complaints = Vec::new();
        for sender in keys.iter().filter(|k| k.key.index != index) {
            let from = sender.key.index;
            let share = match ceremony::read_share::<P>(record, from, index) {
                Ok(share) => share,
                Err(failure) if failure.exit == Exit::Invalid => {
                    complaints.push(failure.message);
                    continue;
                }
                Err(failure) => return Err(failure),
            };
            match secrets.decrypt_share(&parameters.parameter_hash, key_of(&keys, from)?, &share) {
                Ok(value) => received.push(value),
                Err(e) => {
                    complaints.push(ceremony_failure(e, &record.share_path(from, index)).message)
                }
            }
        }
        if !complaints.is_empty() {
            return Err(Failure::invalid(format!(
                "guardian {index} rejects {} share(s); the ceremony cannot go on until their \
                 senders are dealt with (§3.2.2):\n  - {}",
                complaints.len(),
                complaints.join("\n  - ")
            )));
        }
        let key_share = secrets
            .key_share(&received)
            .map_err(|e| ceremony_failure(e, &self.secret))?;
        secret_files.write(&self.key_share, &key_share.to_secret_bytes())?;
        println!(
            "guardian {index} checked the {} shares it received and computed its key share:",
            received.len()
        );
        println!(
            "  key share      {} (encrypted with the same passphrase; keep it private; needed \
             to decrypt)",
            self.key_share.display()
        );
        println!(
            "  the secrets file {} may be destroyed once the election is initialized",
            self.secret.display()
        );
        Ok(())
    }
}

/// `encrypt-secret`: encrypts a plain secret file of the format scrutin wrote before secret
/// files were encrypted into a new encrypted one (docs/record-format.md, "Secret files").
fn encrypt_secret(args: &EncryptSecretArgs) -> Result<(), Failure> {
    let plain = files::read_private(&args.plain)?;
    if plain.starts_with(scrutin_record::sealed::MAGIC) {
        return Err(Failure::bad_input(format!(
            "{} is encrypted already",
            args.plain.display()
        )));
    }
    SecretFiles::new(&args.passphrase).write(&args.secret, &plain)?;
    println!(
        "encrypted {} into {}",
        args.plain.display(),
        args.secret.display()
    );
    println!(
        "next: use {} from now on, and delete {} (e.g. shred -u)",
        args.secret.display(),
        args.plain.display()
    );
    Ok(())
}
