//! `scrutin witness watch | compare`: a witness of a board's election log (C2SP
//! tlog-witness model). `watch` cosigns the board's latest checkpoint only if the board proves
//! it consistent with the last checkpoint this witness cosigned (RFC 9162 §2.1.4); `compare`
//! checks two cosigned checkpoints — of two witnesses, or two guardians — against each other,
//! so that a board that shows two parties two different histories is caught.

use super::board::client::Client;
use super::failure::{finish, Failure};
use super::files;
use super::secret_files::SecretFiles;
use crate::cli::{PassphraseArgs, WitnessCommand, WitnessCompareArgs, WitnessWatchArgs};
use crate::exit::Exit;
use scrutin_log::{detect_fork, open_note, ForkCheck, Hash, Signer, Verifier, WitnessState};
use std::path::{Path, PathBuf};

/// Runs a `scrutin witness` command.
pub fn run(command: &WitnessCommand) -> Exit {
    finish(match command {
        WitnessCommand::Watch(args) => watch(args),
        WitnessCommand::Compare(args) => compare(args),
    })
}

/// The board's description of an election, as far as a witness reads it.
#[derive(serde::Deserialize)]
struct Info {
    vkey: String,
    checkpoint: String,
}

/// The board's consistency proof answer.
#[derive(serde::Deserialize)]
struct Consistency {
    proof: Vec<String>,
    to_checkpoint: String,
}

/// What a witness remembers of an election: the board's key it first saw, and the last
/// checkpoint it cosigned.
#[derive(serde::Serialize, serde::Deserialize)]
struct Remembered {
    vkey: String,
    origin: String,
    size: u64,
    root: String,
}

/// The witness's signing key file in its folder.
const KEY_FILE: &str = "witness-key";

/// The witness's signing key, from its folder's key file (encrypted with the passphrase),
/// made on first use.
fn signer(state: &Path, name: &str, passphrase: &PassphraseArgs) -> Result<Signer, Failure> {
    let file = state.join(KEY_FILE);
    let secret_files = SecretFiles::new(passphrase);
    if !file.exists() {
        let mut seed = zeroize::Zeroizing::new([0u8; 32]);
        rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, seed.as_mut());
        secret_files.write(&file, seed.as_ref())?;
    }
    let bytes = secret_files.read(&file)?;
    let seed: &[u8; 32] = bytes.as_slice().try_into().map_err(|_| {
        Failure::bad_input(format!("{}: not a 32-byte witness key", file.display()))
    })?;
    Signer::from_seed(name, seed).map_err(|e| Failure::bad_input(format!("--name {name:?}: {e}")))
}

fn hashes(proof: &[String]) -> Result<Vec<Hash>, Failure> {
    proof
        .iter()
        .map(|h| {
            hex::decode(h)
                .ok()
                .and_then(|b| Hash::from_slice(&b))
                .ok_or_else(|| Failure::invalid(format!("the board's proof has a bad hash {h:?}")))
        })
        .collect()
}

fn watch(args: &WitnessWatchArgs) -> Result<(), Failure> {
    let client = Client::new(&args.at.board, &args.at.election);
    witness(&client, &args.state, &args.name, &args.passphrase)
}

/// Cosigns the board's latest checkpoint of the client's election with the witness whose
/// folder is `state`, after checking it extends the last one cosigned; prints what it did.
pub fn witness(
    client: &Client,
    state_dir: &Path,
    name: &str,
    passphrase: &PassphraseArgs,
) -> Result<(), Failure> {
    let election = client.election().to_string();
    let witness = signer(state_dir, name, passphrase)?;
    let state_file = state_dir.join(format!("{election}.json"));
    let remembered: Option<Remembered> = if state_file.exists() {
        Some(scrutin_record::json_file::read(&state_file)?)
    } else {
        None
    };
    let info: Info = client.get(&client.url(""))?.json()?;
    let vkey = match &remembered {
        // The board's key is pinned at first sight: a board that changes it is refused.
        Some(r) if r.vkey != info.vkey => {
            return Err(Failure::invalid(format!(
                "the board's key changed: {} now, {} when this witness first saw it",
                info.vkey, r.vkey
            )))
        }
        _ => info.vkey.clone(),
    };
    let log = Verifier::parse(&vkey)
        .map_err(|e| Failure::invalid(format!("the board's key {vkey:?}: {e}")))?;
    let (latest, _) = open_note(&info.checkpoint, std::slice::from_ref(&log))
        .map_err(|e| Failure::invalid(format!("the board's checkpoint: {e}")))?;
    let mut state = WitnessState::new(latest.origin.clone());
    let (note, proof) = match &remembered {
        None => (info.checkpoint.clone(), Vec::new()),
        Some(r) => {
            let root = Hash::from_base64(&r.root)
                .ok_or_else(|| Failure::bad_input(format!("{}: bad root", state_file.display())))?;
            state.origin = r.origin.clone();
            state.last = Some((r.size, root));
            let answer: Consistency = client
                .get(&client.url(&format!(
                    "/proof/consistency?from={}&to={}",
                    r.size, latest.size
                )))?
                .json()?;
            (answer.to_checkpoint, hashes(&answer.proof)?)
        }
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let line = state
        .cosign(&note, &proof, &log, &witness, now)
        .map_err(|e| Failure::invalid(format!("the witness refuses to cosign: {e}")))?;
    let Some((size, root)) = state.last else {
        return Err(Failure::failed(
            "the witness state has no checkpoint after cosigning",
        ));
    };
    let cosigned = format!("{note}{line}");
    let out: PathBuf = state_dir
        .join(&election)
        .join(format!("checkpoint-{size}.txt"));
    scrutin_record::json_file::write_bytes(&out, cosigned.as_bytes()).map_err(Failure::write)?;
    files::write(
        &state_file,
        &Remembered {
            vkey,
            origin: state.origin.clone(),
            size,
            root: root.to_base64(),
        },
    )?;
    let since = remembered.map_or_else(
        || "first checkpoint seen".to_string(),
        |r| {
            format!(
                "consistent with the checkpoint of {} entries it cosigned before",
                r.size
            )
        },
    );
    println!(
        "witness {name} cosigned the checkpoint of {size} entries of {} ({since}): {}",
        state.origin,
        out.display()
    );
    Ok(())
}

fn compare(args: &WitnessCompareArgs) -> Result<(), Failure> {
    let client = Client::new(&args.at.board, &args.at.election);
    let vkey = match &args.vkey {
        Some(v) => v.clone(),
        None => client.get(&client.url(""))?.json::<Info>()?.vkey,
    };
    let log = Verifier::parse(&vkey)
        .map_err(|e| Failure::bad_input(format!("the board's key {vkey:?}: {e}")))?;
    let [first, second] = args.checkpoints.as_slice() else {
        return Err(Failure::bad_input("give exactly two checkpoint files"));
    };
    let read = |file: &Path| {
        std::fs::read_to_string(file)
            .map_err(|e| Failure::bad_input(format!("{}: {e}", file.display())))
    };
    let (a, b) = (read(first)?, read(second)?);
    let size = |note: &str| {
        open_note(note, std::slice::from_ref(&log))
            .map(|(c, _)| c.size)
            .map_err(|e| Failure::invalid(format!("a checkpoint is not the board's: {e}")))
    };
    let (sa, sb) = (size(&a)?, size(&b)?);
    let proof = if sa == sb {
        None
    } else {
        let answer: Consistency = client
            .get(&client.url(&format!(
                "/proof/consistency?from={}&to={}",
                sa.min(sb),
                sa.max(sb)
            )))?
            .json()?;
        Some(hashes(&answer.proof)?)
    };
    match detect_fork(&a, &b, &log, &[], proof.as_deref())
        .map_err(|e| Failure::invalid(format!("the checkpoints cannot be compared: {e:?}")))?
    {
        ForkCheck::Consistent => {
            println!("consistent: the checkpoints of {sa} and {sb} entries are of one history");
            Ok(())
        }
        ForkCheck::Forked(evidence) => Err(Failure::invalid(format!(
            "the board forked its log: {:?} — both checkpoints carry its signature, so this \
             is proof that it showed two histories",
            evidence.fork
        ))),
    }
}
