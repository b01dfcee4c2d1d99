//! Arguments of the commands for each role of a real election, run step by step through the
//! files of one record directory (docs/walkthrough.md).

use super::{GroupChoice, SignAs};
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// `scrutin election …`: the election administrator's steps.
#[derive(Debug, Subcommand)]
pub enum ElectionCommand {
    /// Start a record: check the manifest and write constants.json, manifest.json (its exact
    /// bytes, which H_B hashes) and election_config.json (n, k, H_P, H_B).
    Create(ElectionCreateArgs),
    /// After the key ceremony: verify every guardian's public key (Verification 2) and every
    /// share's proof, compute K, K̂, H_G and H_E, and write election_initialized.json.
    Initialize(RecordArgs),
}

/// Arguments of `scrutin election create`.
#[derive(Debug, Args)]
pub struct ElectionCreateArgs {
    /// The election manifest (scrutin's 2.1 manifest JSON, docs/record-format.md).
    #[arg(long)]
    pub manifest: PathBuf,
    /// Number of guardians n.
    #[arg(long)]
    pub guardians: u32,
    /// Quorum k: how many guardians are needed to decrypt.
    #[arg(long)]
    pub quorum: u32,
    /// The record directory to create (it must not hold an election yet).
    #[arg(long)]
    pub record: PathBuf,
    /// The group.
    #[arg(long, value_enum, default_value_t = GroupChoice::Standard)]
    pub group: GroupChoice,
}

/// Arguments of the commands that only need the record.
#[derive(Debug, Args)]
pub struct RecordArgs {
    /// The record directory.
    #[arg(long)]
    pub record: PathBuf,
}

/// `scrutin guardian …`: one guardian's steps in the key ceremony (§3.2).
#[derive(Debug, Subcommand)]
pub enum GuardianCommand {
    /// Generate your secret polynomials and communication key: the secrets go to your own
    /// file (never share it), your public key to ceremony/guardian-<i>.json.
    Keygen(KeygenArgs),
    /// Once every guardian's public key is in ceremony/: check them all and encrypt your
    /// share for each other guardian into ceremony/shares/share-<i>-to-<l>.json.
    SendShares(SendSharesArgs),
    /// Once every other guardian has sent its share: decrypt and check each share addressed
    /// to you, and write your key share (the secret you keep for decryption).
    ReceiveShares(ReceiveSharesArgs),
    /// Encrypt with a passphrase a plain secret file (secrets, key share, decryption state or
    /// witness key) written by a scrutin from before secret files were encrypted; then delete
    /// the plain file.
    EncryptSecret(EncryptSecretArgs),
}

/// Where the passphrase that encrypts a secret file comes from (docs/record-format.md,
/// "Secret files"): this option, else the environment variable `SCRUTIN_PASSPHRASE`, else a
/// prompt on the terminal.
#[derive(Debug, Args)]
pub struct PassphraseArgs {
    /// Read the passphrase of your secret files from the first line of this file (keep it
    /// private). Without it: the environment variable SCRUTIN_PASSPHRASE, else you are asked
    /// on the terminal.
    #[arg(long, value_name = "PATH")]
    pub passphrase_file: Option<PathBuf>,
}

/// Arguments of `scrutin guardian keygen`.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// The record directory.
    #[arg(long)]
    pub record: PathBuf,
    /// Your guardian index i, from 1 to n.
    #[arg(long)]
    pub index: u32,
    /// Your name in the guardian record (default: guardian-<i>).
    #[arg(long)]
    pub name: Option<String>,
    /// Where to write your secrets, encrypted with your passphrase (created with permissions
    /// 0600; never overwritten).
    #[arg(long)]
    pub secret: PathBuf,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

/// Arguments of `scrutin guardian send-shares`.
#[derive(Debug, Args)]
pub struct SendSharesArgs {
    /// The record directory.
    #[arg(long)]
    pub record: PathBuf,
    /// Your secret file from `guardian keygen`.
    #[arg(long)]
    pub secret: PathBuf,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

/// Arguments of `scrutin guardian receive-shares`.
#[derive(Debug, Args)]
pub struct ReceiveSharesArgs {
    /// The record directory.
    #[arg(long)]
    pub record: PathBuf,
    /// Your secret file from `guardian keygen`.
    #[arg(long)]
    pub secret: PathBuf,
    /// Where to write your key share, encrypted with the passphrase of --secret (created with
    /// permissions 0600; never overwritten).
    #[arg(long)]
    pub key_share: PathBuf,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

/// Arguments of `scrutin guardian encrypt-secret`.
#[derive(Debug, Args)]
pub struct EncryptSecretArgs {
    /// The plain secret file, as scrutin wrote it before secret files were encrypted.
    #[arg(long)]
    pub plain: PathBuf,
    /// Where to write the encrypted secret file (created with permissions 0600; never
    /// overwritten).
    #[arg(long)]
    pub secret: PathBuf,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

/// Arguments of `scrutin encrypt`.
#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// The record directory (initialized).
    #[arg(long)]
    pub record: PathBuf,
    /// The device's name: its ballots go to encrypted_ballots/<device>/. Letters, digits,
    /// '-', '_' and '.'.
    #[arg(long)]
    pub device: String,
    /// S_device, the device information hashed into every confirmation code (§3.4.3).
    /// Default: "scrutin voting device <device>"; a device that already has a chain keeps
    /// the one it started with.
    #[arg(long)]
    pub device_info: Option<String>,
    /// The plaintext ballots: a JSON list of {"ballot_id", "style", "choices": {contest
    /// label: [option labels] or {option label: value}}, "write_ins": {contest label: text},
    /// "challenge": bool} (docs/walkthrough.md).
    #[arg(long)]
    pub ballots: PathBuf,
}

/// Arguments of `scrutin tally`.
#[derive(Debug, Args)]
pub struct TallyArgs {
    /// The record directory.
    #[arg(long)]
    pub record: PathBuf,
}

/// `scrutin decrypt …`: the three rounds of §3.6.5, run by every available guardian, then
/// the administrator's combination. Each round decrypts the whole tally and the ballot nonce
/// of every challenged ballot at once.
#[derive(Debug, Subcommand)]
pub enum DecryptCommand {
    /// Round 1: verify the record up to the tally (Verifications 1–9), then publish your
    /// partial decryptions with commitment hashes to decryption/commit-<i>.json. Your
    /// one-time secrets go to the state file.
    Commit(GuardianRoundArgs),
    /// Round 2, once every guardian of --guardians has committed: publish the commitments
    /// your hashes bound you to, to decryption/reveal-<i>.json.
    Reveal(GuardianRoundArgs),
    /// Round 3, once every guardian has revealed: check everyone's commitments, publish your
    /// responses to decryption/response-<i>.json, and delete the state file.
    Respond(GuardianRoundArgs),
    /// Once every guardian has responded: combine the messages into tally.json and the
    /// opened challenged ballots, then verify the whole record. In a record pulled from a
    /// board (it has authorship/roster.json), the administrator signs the results with
    /// --identity, as `board results` will post them.
    Combine(CombineArgs),
}

/// Arguments of `scrutin decrypt combine`.
#[derive(Debug, Args)]
pub struct CombineArgs {
    /// The record directory.
    #[arg(long)]
    pub record: PathBuf,
    /// The administrator's sealed identity: it signs tally.json and each opened challenged
    /// ballot into authorship/signatures/, as the record's roster requires. Needed for a
    /// record with a roster; refused for one without.
    #[arg(long, value_name = "FILE")]
    pub identity: Option<PathBuf>,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

/// Arguments of one guardian's decryption round.
#[derive(Debug, Args)]
pub struct GuardianRoundArgs {
    /// The record directory.
    #[arg(long)]
    pub record: PathBuf,
    /// Your key share from `guardian receive-shares`.
    #[arg(long)]
    pub key_share: PathBuf,
    /// Your one-time secrets between the rounds, encrypted with the passphrase of
    /// --key-share: written by `commit` (0600), read by `reveal` and `respond`, deleted by
    /// `respond`.
    #[arg(long)]
    pub state: PathBuf,
    /// The available guardians U taking part, e.g. 1,2,4: at least the quorum, the same list
    /// for every guardian and every round.
    #[arg(long, value_delimiter = ',', required = true)]
    pub guardians: Vec<u32>,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

/// Where the board is, which election, and how to reach it: the arguments of every
/// `scrutin board` and `scrutin witness` command.
#[derive(Debug, Args)]
pub struct BoardAt {
    /// The board's URL, e.g. https://board.example.org or, on this machine,
    /// http://127.0.0.1:8080.
    #[arg(long, env = "SCRUTIN_BOARD")]
    pub board: String,
    /// The election id on the board.
    #[arg(long)]
    pub election: String,
    /// A PEM file of the CA certificates to trust for the board's TLS certificate (e.g. the
    /// board's own self-signed certificate); then the built-in web roots are not trusted.
    #[arg(long, env = "SCRUTIN_BOARD_CA_FILE", value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Allow a plain http:// URL to a board that is not on this machine: the administrator's
    /// token and every item then cross the network unencrypted and unauthenticated.
    #[arg(long)]
    pub allow_http: bool,
}

/// `scrutin board …`: take part in an election through a bulletin board (`scrutin serve`).
/// Each role pulls the election's files into a local record directory, runs its usual
/// command there, and pushes what it produced, signed with its identity
/// (docs/network-election.md). A post the board refuses as unsigned or signed by a key it
/// does not know for the item's author exits 2, like any other refused request of the
/// client's; a refused check of the item itself exits 1.
#[derive(Debug, Subcommand)]
pub enum BoardCommand {
    /// Administrator: create the election on the board: sign its roster (your key and the
    /// guardians', in index order) and the manifest. Your key must be on the board
    /// operator's list of administrators.
    Create(BoardCreateArgs),
    /// Anyone: download every file of the election into a record directory, checking each
    /// file's inclusion in the board's signed checkpoint.
    Pull(BoardPullArgs),
    /// Guardian or voting device: post files of a record directory to the board (guardian
    /// keys, shares, device registrations, ballots, decryption messages), each to its route
    /// by its path, each signed with your identity.
    Push(BoardPushArgs),
    /// Guardian: after `guardian receive-shares` succeeded, accept the guardian record: post
    /// H_G as computed from the public keys in the record directory, signed.
    Accept(BoardAcceptArgs),
    /// Voting device: register the device's S_device before its first ballot, signed with
    /// the device's enrolled identity.
    RegisterDevice(BoardDeviceArgs),
    /// Administrator: enrol a voting device's public key, so that the board accepts its
    /// registration and ballots.
    EnrolDevice(BoardEnrolDeviceArgs),
    /// Administrator: enrol a witness, so that the board accepts and counts its
    /// cosignatures.
    EnrolWitness(BoardEnrolWitnessArgs),
    /// Administrator: close the vote (the board writes the chains and the encrypted tally).
    Close(BoardAdminArgs),
    /// Administrator: post tally.json and the opened challenged ballots written by
    /// `decrypt combine`.
    Results(BoardResultsArgs),
    /// Administrator: restart a stalled decryption with another set of available guardians
    /// (the board begins the next attempt; the guardians run the three rounds again).
    RestartDecryption(BoardRestartArgs),
}

/// Arguments of `scrutin board create`.
#[derive(Debug, Args)]
pub struct BoardCreateArgs {
    #[command(flatten)]
    pub at: BoardAt,
    /// The administrator's identity; its name is the file's (`<NAME>.identity`).
    #[command(flatten)]
    pub sign: SignAs,
    /// The manifest file; its exact bytes are posted.
    #[arg(long)]
    pub manifest: PathBuf,
    /// Number of guardians n.
    #[arg(long)]
    pub guardians: u32,
    /// Quorum k.
    #[arg(long)]
    pub quorum: u32,
    /// The group.
    #[arg(long, value_enum, default_value_t = GroupChoice::Standard)]
    pub group: GroupChoice,
    /// A guardian's public identity file (`<NAME>.identity.json`), once per guardian, in
    /// index order: the first is guardian 1. Compare each fingerprint with its guardian out
    /// of band before you create the election: the roster is fixed once signed.
    #[arg(long = "guardian", value_name = "FILE", required = true)]
    pub guardian_files: Vec<PathBuf>,
}

/// Arguments of `scrutin board pull`.
#[derive(Debug, Args)]
pub struct BoardPullArgs {
    #[command(flatten)]
    pub at: BoardAt,
    /// The local record directory.
    #[arg(long)]
    pub record: PathBuf,
    /// Also witness the board (as `scrutin witness watch --state DIR`): cosign its checkpoint
    /// only if it extends the last one this folder's witness cosigned, and post the
    /// cosignature to the board, which accepts it only from an enrolled witness. Its signing
    /// key is encrypted with your passphrase.
    #[arg(long)]
    pub witness: Option<PathBuf>,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

/// Arguments of `scrutin board push`.
#[derive(Debug, Args)]
pub struct BoardPushArgs {
    #[command(flatten)]
    pub at: BoardAt,
    /// The guardian's or device's identity.
    #[command(flatten)]
    pub sign: SignAs,
    /// The local record directory the files are in.
    #[arg(long)]
    pub record: PathBuf,
    /// The files to post, relative to the record directory (e.g.
    /// ceremony/guardian-1.json), in order.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Arguments of `scrutin board accept`.
#[derive(Debug, Args)]
pub struct BoardAcceptArgs {
    #[command(flatten)]
    pub at: BoardAt,
    /// The guardian's identity.
    #[command(flatten)]
    pub sign: SignAs,
    /// The local record directory, pulled after every key and share was posted.
    #[arg(long)]
    pub record: PathBuf,
    /// Your guardian index.
    #[arg(long)]
    pub index: u32,
}

/// Arguments of `scrutin board register-device`.
#[derive(Debug, Args)]
pub struct BoardDeviceArgs {
    #[command(flatten)]
    pub at: BoardAt,
    /// The device's identity, as enrolled by the administrator.
    #[command(flatten)]
    pub sign: SignAs,
    /// The device's name.
    #[arg(long)]
    pub device: String,
    /// S_device (default "scrutin voting device <device>", as `scrutin encrypt` uses).
    #[arg(long)]
    pub device_info: Option<String>,
}

/// Arguments of `scrutin board enrol-device`.
#[derive(Debug, Args)]
pub struct BoardEnrolDeviceArgs {
    #[command(flatten)]
    pub at: BoardAt,
    /// The administrator's identity.
    #[command(flatten)]
    pub sign: SignAs,
    /// The device's name, as its ballots' voting_device.
    #[arg(long)]
    pub device: String,
    /// The device's public identity file (`<NAME>.identity.json`); compare its fingerprint
    /// with the device's operator out of band first.
    #[arg(long, value_name = "FILE")]
    pub key: PathBuf,
}

/// Arguments of `scrutin board enrol-witness`.
#[derive(Debug, Args)]
pub struct BoardEnrolWitnessArgs {
    #[command(flatten)]
    pub at: BoardAt,
    /// The administrator's identity.
    #[command(flatten)]
    pub sign: SignAs,
    /// The witness's key name, as in its cosignatures.
    #[arg(long)]
    pub name: String,
    /// The witness's verifier key (`name+id+key`, as `scrutin witness key` prints it).
    #[arg(long)]
    pub vkey: String,
}

/// Arguments of the administrator's actions.
#[derive(Debug, Args)]
pub struct BoardAdminArgs {
    #[command(flatten)]
    pub at: BoardAt,
    /// The administrator's identity.
    #[command(flatten)]
    pub sign: SignAs,
}

/// Arguments of `scrutin board restart-decryption`.
#[derive(Debug, Args)]
pub struct BoardRestartArgs {
    #[command(flatten)]
    pub at: BoardAt,
    /// The new set U of available guardians, e.g. 1,3: at least the quorum.
    #[arg(long, value_delimiter = ',', required = true)]
    pub guardians: Vec<u32>,
    /// Why the decryption restarts, for the record (at most 1024 bytes).
    #[arg(long, default_value = "")]
    pub reason: String,
    /// The administrator's identity, which signs the restart.
    #[command(flatten)]
    pub sign: SignAs,
}

/// Arguments of `scrutin board results`.
#[derive(Debug, Args)]
pub struct BoardResultsArgs {
    /// The board, the election and the administrator's identity.
    #[command(flatten)]
    pub admin: BoardAdminArgs,
    /// The record directory where `decrypt combine` wrote tally.json and challenged_ballots/.
    #[arg(long)]
    pub record: PathBuf,
}

/// `scrutin witness …`: watch an election's log on a board, cosign only checkpoints
/// consistent with the last one cosigned, and compare cosigned checkpoints to catch a board
/// that shows two histories.
#[derive(Debug, Subcommand)]
pub enum WitnessCommand {
    /// Fetch the board's latest checkpoint, check it is consistent with the last one this
    /// witness cosigned (RFC 9162 consistency proof), and cosign it.
    Watch(WitnessWatchArgs),
    /// Compare two cosigned checkpoints of one election (e.g. two witnesses'): exit 1 if they
    /// show that the board forked its log.
    Compare(WitnessCompareArgs),
    /// Print the witness's name and verifier key (making its signing key on first use), for
    /// the administrator to enrol it (`scrutin board enrol-witness`).
    Key(WitnessKeyArgs),
}

/// Arguments of `scrutin witness key`.
#[derive(Debug, Args)]
pub struct WitnessKeyArgs {
    /// The witness's folder, as for `scrutin witness watch`.
    #[arg(long)]
    pub state: PathBuf,
    /// The witness's key name, as for `scrutin witness watch`.
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

/// Arguments of `scrutin witness watch`.
#[derive(Debug, Args)]
pub struct WitnessWatchArgs {
    #[command(flatten)]
    pub at: BoardAt,
    /// The witness's folder: its signing key (created on first use, 0600, encrypted with the
    /// passphrase), the state of each election it watches, and the checkpoints it cosigned.
    #[arg(long)]
    pub state: PathBuf,
    /// The witness's key name in its cosignatures; by default `scrutin-witness-<12 hex
    /// digits of its public key>`, so that two witnesses never share a name. The board
    /// accepts cosignatures only from a witness enrolled under this name and key.
    #[arg(long)]
    pub name: Option<String>,
    /// Keep the cosignature here: do not post it to the board (by default the board
    /// collects it and serves it with the checkpoint).
    #[arg(long)]
    pub no_post: bool,
    #[command(flatten)]
    pub passphrase: PassphraseArgs,
}

/// Arguments of `scrutin witness compare`.
#[derive(Debug, Args)]
pub struct WitnessCompareArgs {
    #[command(flatten)]
    pub at: BoardAt,
    /// The board's verifier key (vkey); by default the one the board gives now.
    #[arg(long)]
    pub vkey: Option<String>,
    /// Two cosigned checkpoint files.
    #[arg(required = true, num_args = 2)]
    pub checkpoints: Vec<PathBuf>,
}
