//! Command-line arguments.

mod roles;

pub use roles::*;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// scrutin: end-to-end verifiable elections (ElectionGuard 2.1).
#[derive(Debug, Parser)]
#[command(
    name = "scrutin",
    version,
    about,
    after_help = "A real election runs role by role: election create, guardian keygen, guardian \
                  send-shares, guardian receive-shares, election initialize, encrypt, tally, \
                  decrypt commit/reveal/respond, decrypt combine (docs/walkthrough.md).\n\n\
                  Exit codes: 0 success (verify: every step passed); 1 the record is invalid \
                  (a verification step failed); 2 unreadable input or bad arguments (missing \
                  file, malformed JSON, wrong field width); 3 any other failure."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a whole election with random ballots, write its public record, verify it and print
    /// the tally.
    Demo(DemoArgs),
    /// Verify an election record (ElectionGuard 2.1 made by scrutin, or 2.0 made by egk) and
    /// print every verification step with pass or fail.
    Verify(VerifyArgs),
    /// Election administrator: create an election from a manifest; initialize it once the
    /// guardians' key ceremony is done.
    #[command(subcommand)]
    Election(ElectionCommand),
    /// Guardian: generate your keys and exchange shares with the other guardians (§3.2).
    #[command(subcommand)]
    Guardian(GuardianCommand),
    /// Voting device: encrypt plaintext ballots into the record (§3.3–3.4).
    Encrypt(EncryptArgs),
    /// Election administrator: verify every ballot and aggregate the cast ones into
    /// encrypted_tally.json (§3.5).
    Tally(TallyArgs),
    /// Guardians, then the administrator: decrypt the tally and the challenged ballots in
    /// three rounds, and combine the result (§3.6).
    #[command(subcommand)]
    Decrypt(DecryptCommand),
    /// Run the bulletin board: an HTTP service hosting elections on signed, append-only logs,
    /// with the JSON API and web pages of docs/board-api.md.
    #[cfg(feature = "server")]
    Serve(ServeArgs),
    /// Take part in an election through a bulletin board: create it, pull its files, push
    /// yours, accept the guardian record, register a device, close, post the results.
    #[command(subcommand)]
    Board(BoardCommand),
    /// Witness a board: cosign its checkpoints after checking each is consistent with the
    /// last one cosigned, and compare cosigned checkpoints to catch a fork.
    #[command(subcommand)]
    Witness(WitnessCommand),
    /// Time a whole election in memory — key ceremony, encryption, verification, tally and
    /// decryption — and the independent verifier on its record; print median and spread of
    /// each figure beside its count of modular exponentiations.
    Bench(BenchArgs),
}

/// Arguments of `scrutin serve`.
#[cfg(feature = "server")]
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: std::net::SocketAddr,
    /// The data directory: the board's signing key (created on first start, mode 0600) and,
    /// unless --database is given, its SQLite database.
    #[arg(long, default_value = "scrutin-data")]
    pub data_dir: PathBuf,
    /// A PostgreSQL database (postgres://user:password@host/db) instead of SQLite.
    #[arg(long)]
    pub database: Option<String>,
    /// The host name in every log's origin line, `<host>/scrutin/<election id>`.
    #[arg(long, default_value = "localhost")]
    pub host: String,
    /// The largest request body in bytes.
    #[arg(long, default_value_t = 4 << 20)]
    pub body_limit: usize,
    /// How many requests are served at once, over all routes; more wait. A request takes its
    /// place only once its whole body has arrived.
    #[arg(long, default_value_t = 64)]
    pub concurrency: usize,
    /// Seconds a client has to send a request's headers: on a new connection from when it
    /// opens, on a kept-alive one from the end of the previous answer. Later, the connection
    /// is closed.
    #[arg(long, default_value_t = 10)]
    pub header_timeout: u64,
    /// Seconds a client has to send a request's whole body once its headers are in. Later,
    /// the request is answered 408 and the connection closed.
    #[arg(long, default_value_t = 30)]
    pub body_timeout: u64,
    /// Seconds a connection that has served a request stays open without a new one.
    #[arg(long, default_value_t = 5)]
    pub idle_timeout: u64,
    /// Seconds a request may take to be answered once its body is in; longer, it is answered
    /// 503. Posting the results verifies the whole record first (about 0.1 s of CPU per
    /// ballot on the standard group): raise this for large elections.
    #[arg(long, default_value_t = 600)]
    pub request_timeout: u64,
    /// Connections one client address (IPv6: one /64) may hold open; more are closed at once.
    #[arg(long, default_value_t = 64)]
    pub connections_per_client: usize,
    /// Connections open in all; more are closed at once.
    #[arg(long, default_value_t = 4096)]
    pub connections: usize,
    /// Writes (POST) a second per client address (IPv6: per /64); reads get ten times as
    /// many. A client over the limit is answered 429 with Retry-After. 0 turns the limits off.
    #[arg(long, default_value_t = scrutin_board::http::DEFAULT_WRITES_PER_SECOND)]
    pub rate_limit_per_second: f64,
    /// How many writes a client may make at once after being idle (reads: ten times as
    /// many).
    #[arg(long, default_value_t = scrutin_board::http::DEFAULT_WRITE_BURST)]
    pub rate_burst: u32,
    /// Serve HTTPS with this PEM certificate chain (the board's certificate first); needs
    /// --tls-key. Without both, the board serves plain HTTP.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Let new elections use the insecure toy group (`--group toy`), for tests and
    /// demonstrations; its ballots are not secret and its proofs prove nothing. Without it the
    /// board hosts only elections on the standard group.
    #[arg(long)]
    pub allow_test_groups: bool,
    /// The administrators who may create elections: one `<64-hex public key> <name>` a line
    /// (`#` comments). Default: `<data-dir>/administrators`; without it, no election can be
    /// created.
    #[arg(long, value_name = "FILE")]
    pub administrators: Option<PathBuf>,
}

/// The group to compute in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GroupChoice {
    /// The standard 4096-bit parameters of ElectionGuard (§3.1.1). The only secure choice.
    Standard,
    /// The 256-bit toy group of the specification's Appendix: fast, insecure, for testing.
    Toy,
}

/// Arguments of `scrutin demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Number of ballots to encrypt.
    #[arg(long, default_value_t = 100)]
    pub ballots: u32,
    /// Number of guardians n.
    #[arg(long, default_value_t = 5)]
    pub guardians: u32,
    /// Quorum k: guardians needed to decrypt.
    #[arg(long, default_value_t = 3)]
    pub quorum: u32,
    /// Guardians absent at decryption (at most n − k).
    #[arg(long, default_value_t = 1)]
    pub missing: u32,
    /// Ballots challenged (Benaloh challenge) and opened instead of cast.
    #[arg(long, default_value_t = 2)]
    pub challenged: u32,
    /// Where to write the record (default: a new folder `scrutin-demo-<time>`).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Replace the output folder if it exists.
    #[arg(long)]
    pub force: bool,
    /// The group.
    #[arg(long, value_enum, default_value_t = GroupChoice::Standard)]
    pub group: GroupChoice,
    /// Seed for the random choices of the simulated voters (not for the cryptography, which
    /// always uses the operating system's generator).
    #[arg(long)]
    pub seed: Option<u64>,
}

/// Arguments of `scrutin verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The record directory.
    pub record: PathBuf,
    /// Print the report as one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Accept a record made with a toy parameter set (for tests); without this flag such a
    /// record fails Verification 1.B.
    #[arg(long)]
    pub allow_test_parameters: bool,
    /// Fail box S15 when the record carries no authorship (no `authorship/roster.json`),
    /// instead of skipping it: use it for every record pulled from a board, where each item
    /// must be signed by its author, so that a record stripped of its signatures is not
    /// taken for an unsigned one.
    #[arg(long)]
    pub require_authorship: bool,
}

/// Arguments of `scrutin bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Number of ballots to encrypt, verify and tally in each run (all cast).
    #[arg(long, default_value_t = 100)]
    pub ballots: u32,
    /// Worker threads (one rayon pool for every phase; encryption uses one voting device per
    /// thread). Default: every core of the machine.
    #[arg(long)]
    pub threads: Option<usize>,
    /// How many times to run the whole election; medians and spreads are taken over every
    /// sample of every run.
    #[arg(long, default_value_t = 1)]
    pub runs: u32,
    /// The election manifest (a 2.1 `manifest.json`) instead of workload W1 (10 contests × 5
    /// options, limit 1, one ballot style). Voters choose at random within each contest's
    /// limits, on the manifest's ballot styles in turn.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// The group: `standard` for real figures, `toy` to check the harness quickly.
    #[arg(long, value_enum, default_value_t = GroupChoice::Standard)]
    pub group: GroupChoice,
    /// Number of guardians n.
    #[arg(long, default_value_t = 5)]
    pub guardians: u32,
    /// Quorum k: the guardians that decrypt the tally (the others are absent).
    #[arg(long, default_value_t = 3)]
    pub quorum: u32,
    /// Seed for the simulated voters' choices (the cryptography always uses the operating
    /// system's generator).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Print one JSON object on standard output instead of the table (progress still goes to
    /// standard error).
    #[arg(long)]
    pub json: bool,
}
