//! `scrutin identity new | show`, and opening a party's identity to sign with it
//! (docs/network-election.md, "Identities"). The secret key is sealed like a guardian's
//! secret files (`secret_files.rs`: Argon2id and XChaCha20-Poly1305 under the passphrase,
//! with the kind tag `SGID`, `scrutin_record::authorship::identity_file`); the public file
//! is plain JSON.

use super::failure::{finish, Failure};
use super::files;
use super::secret_files::{read_failure, SecretFiles};
use crate::cli::{IdentityCommand, IdentityNewArgs, IdentityShowArgs, PassphraseArgs};
use crate::exit::Exit;
use rand_core::OsRng;
use scrutin_record::authorship::identity_file::{self, IdentityFileError, IdentityJson};
use scrutin_record::authorship::{Identity, PublicKey};
use scrutin_record::sealed::{KdfCost, MAGIC};
use scrutin_record::v21::layout::check_file_id;
use scrutin_record::{json_file, FileKind};
use std::path::Path;

/// The suffix of a sealed identity file.
pub const SEALED_SUFFIX: &str = ".identity";
/// The suffix of an identity's public file.
pub const PUBLIC_SUFFIX: &str = ".identity.json";

/// Runs a `scrutin identity` command.
pub fn run(command: &IdentityCommand) -> Exit {
    finish(match command {
        IdentityCommand::New(args) => new(args),
        IdentityCommand::Show(args) => show(args),
    })
}

fn new(args: &IdentityNewArgs) -> Result<(), Failure> {
    check_file_id(&args.name)
        .map_err(|e| Failure::bad_input(format!("--name {:?}: {e}", args.name)))?;
    let sealed = args.out.join(format!("{}{SEALED_SUFFIX}", args.name));
    let public = args.out.join(format!("{}{PUBLIC_SUFFIX}", args.name));
    if public.exists() {
        return Err(Failure::bad_input(format!(
            "{} exists already; an identity is never replaced",
            public.display()
        )));
    }
    let identity = Identity::generate(&mut OsRng);
    SecretFiles::new(&args.passphrase).write_with(&sealed, |passphrase| {
        identity_file::seal(&mut OsRng, passphrase, KdfCost::DEFAULT, &identity)
    })?;
    let json = identity_file::public_file(&args.name, &identity);
    files::write_new(&public, &json)?;
    println!(
        "identity {} made:\n  secret key (keep it): {}\n  public file (hand it over): {}\n  \
         fingerprint: {}",
        args.name,
        sealed.display(),
        public.display(),
        json.fingerprint
    );
    Ok(())
}

fn show(args: &IdentityShowArgs) -> Result<(), Failure> {
    let bytes = scrutin_record::capped::read(&args.file, FileKind::Secret)?;
    let (name, key) = if bytes.starts_with(MAGIC) {
        let identity = open(&args.file, &args.passphrase)?;
        (name_of(&args.file), identity.public_key())
    } else {
        let party = read_public(&args.file)?;
        (party.name, party.key)
    };
    println!(
        "name: {name}\npublic key: {}\nfingerprint: {}",
        key.to_hex(),
        key.fingerprint()
    );
    Ok(())
}

/// A party as its public identity file describes it.
pub struct Party {
    /// Its name.
    pub name: String,
    /// Its public key.
    pub key: PublicKey,
}

/// Reads a public identity file, refusing one whose key is malformed or whose fingerprint is
/// not its key's (people compare the fingerprint: it must be the key's).
pub fn read_public(file: &Path) -> Result<Party, Failure> {
    let json: IdentityJson = json_file::read(file, FileKind::Record)?;
    let key = PublicKey::from_hex(&json.public_key).ok_or_else(|| {
        Failure::bad_input(format!(
            "{}: public_key is not 64 hex digits",
            file.display()
        ))
    })?;
    if key.fingerprint() != json.fingerprint {
        return Err(Failure::bad_input(format!(
            "{}: the fingerprint {} is not that of the key, {}",
            file.display(),
            json.fingerprint,
            key.fingerprint()
        )));
    }
    Ok(Party {
        name: json.name,
        key,
    })
}

/// Opens a sealed identity with the passphrase `passphrase` gives.
pub fn open(file: &Path, passphrase: &PassphraseArgs) -> Result<Identity, Failure> {
    SecretFiles::new(passphrase).open_with(file, |passphrase, bytes| {
        identity_file::open(passphrase, bytes).map_err(|e| match e {
            IdentityFileError::Sealed(e) => read_failure(file, e),
            e => Failure::bad_input(format!("{}: {e}", file.display())),
        })
    })
}

/// The party's name in a sealed identity's file name (`<name>.identity`), else the whole
/// file name.
pub fn name_of(file: &Path) -> String {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.strip_suffix(SEALED_SUFFIX)
        .map_or(name.clone(), str::to_string)
}
