//! `scrutin witness watch | compare`: a witness of a board's election log (C2SP
//! tlog-witness model). `watch` cosigns the board's latest checkpoint only if the board proves
//! it consistent with the last checkpoint this witness cosigned (RFC 9162 §2.1.4); `compare`
//! checks two cosigned checkpoints — of two witnesses, or two guardians — against each other,
//! so that a board that shows two parties two different histories is caught. `watch` posts
//! its cosignature to the board, which collects them and serves them with the checkpoint.

use super::board::client::{self, Client};
use super::failure::{finish, Failure};
use super::files;
use super::secret_files::SecretFiles;
use crate::cli::{
    PassphraseArgs, WitnessCommand, WitnessCompareArgs, WitnessKeyArgs, WitnessWatchArgs,
};
use crate::exit::Exit;
use scrutin_client::cosign::{CosignatureReceipt, CosignatureRequest};
use scrutin_client::ClientError;
use scrutin_log::{detect_fork, open_note, ForkCheck, Hash, Signer, Verifier, WitnessState};
use std::path::{Path, PathBuf};

/// Runs a `scrutin witness` command.
pub fn run(command: &WitnessCommand) -> Exit {
    finish(match command {
        WitnessCommand::Watch(args) => watch(args),
        WitnessCommand::Compare(args) => compare(args),
        WitnessCommand::Key(args) => key(args),
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
pub struct Consistency {
    /// The proof's hashes, in hex.
    pub proof: Vec<String>,
    /// The signed checkpoint of the larger size.
    pub to_checkpoint: String,
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

/// The witness's signer: its key from its folder's key file (encrypted with the passphrase,
/// made on first use), under `name` or, by default, `scrutin-witness-<the first 6 bytes of its
/// public key in hex>`.
fn signer(
    state: &Path,
    name: Option<&str>,
    passphrase: &PassphraseArgs,
) -> Result<Signer, Failure> {
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
    let name = match name {
        Some(name) => name.to_string(),
        None => {
            let probe = Signer::from_seed("scrutin-witness", seed)
                .map_err(|e| Failure::failed(format!("the witness key: {e}")))?;
            let key = probe.verifier().public_key();
            let prefix = key.get(..6).unwrap_or_default();
            format!("scrutin-witness-{}", hex::encode(prefix))
        }
    };
    Signer::from_seed(&name, seed).map_err(|e| Failure::bad_input(format!("--name {name:?}: {e}")))
}

/// `witness key`: the name and verifier key the administrator enrols.
fn key(args: &WitnessKeyArgs) -> Result<(), Failure> {
    let witness = signer(&args.state, args.name.as_deref(), &args.passphrase)?;
    println!(
        "name: {}\nvkey: {}",
        witness.name(),
        witness.cosignature_verifier().vkey()
    );
    Ok(())
}

/// The hashes of a proof the board gave in hex; a bad one is the board's fault (exit 1).
pub fn hashes(proof: &[String]) -> Result<Vec<Hash>, Failure> {
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

/// The board's consistency proof from `from` to `to` entries (`from` ≤ `to`). The board
/// signed a checkpoint of `from` entries before; if it now refuses the proof (a 4xx), it
/// cannot show that its log extends that checkpoint: exit 1.
pub fn consistency(client: &Client, from: u64, to: u64) -> Result<Consistency, Failure> {
    let url = client.url(&format!("/proof/consistency?from={from}&to={to}"));
    match client.get(&url) {
        Ok(answer) => Ok(answer.json()?),
        Err(e @ (ClientError::Client(_) | ClientError::Rejected(_))) => {
            Err(Failure::invalid(format!(
                "board misbehaviour: it gives no consistency proof from the {from} entries it \
                 signed before to its {to} entries now: {e}"
            )))
        }
        Err(e) => Err(e.into()),
    }
}

fn watch(args: &WitnessWatchArgs) -> Result<(), Failure> {
    let client = client::connect(&args.at)?;
    let who = Witness {
        state: &args.state,
        name: args.name.as_deref(),
        passphrase: &args.passphrase,
    };
    witness(&client, &who, !args.no_post)
}

/// A witness: its folder, its key name (None: derived from its key) and the passphrase of its
/// signing key.
pub struct Witness<'a> {
    /// The witness's folder.
    pub state: &'a Path,
    /// Its key name in cosignatures; `None` for the default derived from its key.
    pub name: Option<&'a str>,
    /// Where the passphrase of its signing key comes from.
    pub passphrase: &'a PassphraseArgs,
}

/// Cosigns the board's latest checkpoint of the client's election as `who`, after checking it
/// extends the last one cosigned, and if `post` posts the cosignature to the board
/// (docs/board-api.md, "Cosignatures"); prints what it did.
pub fn witness(client: &Client, who: &Witness<'_>, post: bool) -> Result<(), Failure> {
    let election = client.election().to_string();
    let state_dir = who.state;
    let witness = signer(state_dir, who.name, who.passphrase)?;
    let name = witness.name().to_string();
    let state_file = state_dir.join(format!("{election}.json"));
    let remembered: Option<Remembered> = if state_file.exists() {
        Some(scrutin_record::json_file::read(
            &state_file,
            scrutin_record::FileKind::Record,
        )?)
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
            if latest.size < r.size {
                let before = state_dir
                    .join(&election)
                    .join(format!("checkpoint-{}.txt", r.size));
                return Err(Failure::invalid(format!(
                    "board misbehaviour: the witness refuses to cosign: the board's log has {} \
                     entries, fewer than the {} it cosigned before ({}); the checkpoint \
                     shown now:\n{}",
                    latest.size,
                    r.size,
                    before.display(),
                    info.checkpoint
                )));
            }
            let answer = consistency(client, r.size, latest.size)?;
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
    if post {
        post_cosignature(client, &witness, note, line)?;
    }
    Ok(())
}

/// Posts a cosignature to the board, which checks it and serves it with the checkpoint.
fn post_cosignature(
    client: &Client,
    witness: &Signer,
    checkpoint: String,
    cosignature: String,
) -> Result<(), Failure> {
    let request = CosignatureRequest {
        vkey: witness.cosignature_verifier().vkey(),
        checkpoint,
        cosignature,
    };
    let body = serde_json::to_vec(&request).map_err(|e| Failure::failed(e.to_string()))?;
    let receipt: CosignatureReceipt = client
        .post(&client.url("/cosignatures"), &body, None)?
        .json()?;
    let how = if receipt.created {
        "posted to the board"
    } else {
        "already on the board"
    };
    println!(
        "  the cosignature is {how}: {} witness(es) cosigned the checkpoint of {} entries",
        receipt.cosignatures, receipt.tree_size
    );
    Ok(())
}

fn compare(args: &WitnessCompareArgs) -> Result<(), Failure> {
    let client = client::connect(&args.at)?;
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
        let bytes = scrutin_record::capped::read(file, scrutin_record::FileKind::Record)?;
        String::from_utf8(bytes).map_err(|e| Failure::bad_input(format!("{}: {e}", file.display())))
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
        let answer = consistency(&client, sa.min(sb), sa.max(sb))?;
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
