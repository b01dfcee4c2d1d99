//! A guardian command leaves none of its secrets in its memory when it ends: `scrutin guardian
//! receive-shares` on the standard group is stopped by gdb at its `exit_group` system call, its
//! whole memory is written to a core file (`gcore`), and the core is searched for every
//! 16-byte run of the guardian's secrets, in big-endian (file and hash form) and little-endian
//! (crypto-bigint limb) order. The secrets searched for are the ones the command reads
//! (a_{1,j}, â_{1,j}, ζ_1 from the secret file) and the ones it computes (z_1, ẑ_1, which it
//! writes to the key-share file).
//!
//! The test needs gdb (Debian: `apt-get install gdb`). Without it the test prints SKIPPED,
//! unless `SCRUTIN_REQUIRE_GDB` is set, as `.ci/run` does, and then it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use scrutin_record::sealed;
use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};

const PASSPHRASE: &str = "a passphrase for the memory test";

/// l_q of the standard group: secrets are stored as b(x, 32) (spec 2.1 §5.1.2).
const SCALAR_BYTES: usize = 32;

/// The length of a searched run: long enough that a chance match in a 30 MB core is
/// negligible (2^-128 per position), short enough to find a half-wiped limb array.
const RUN: usize = 16;

fn scrutin(dir: &Path, args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_scrutin"))
        .current_dir(dir)
        .args(args)
        .env("SCRUTIN_PASSPHRASE", PASSPHRASE)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "scrutin {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The last `count` scalars of a sealed secret file (both kinds end with their scalars, see
/// scrutin-core's `ceremony/secret_file.rs`).
fn trailing_scalars(path: &Path, count: usize) -> Vec<Vec<u8>> {
    let sealed_bytes = std::fs::read(path).unwrap();
    let plaintext = sealed::open(PASSPHRASE.as_bytes(), &sealed_bytes).unwrap();
    let start = plaintext.len() - count * SCALAR_BYTES;
    plaintext[start..]
        .chunks(SCALAR_BYTES)
        .map(<[u8]>::to_vec)
        .collect()
}

fn gdb_available() -> bool {
    Command::new("gdb")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs `scrutin args` under gdb and writes its memory at `exit_group` to `core`.
fn dump_at_exit(dir: &Path, core: &Path, args: &[&str]) {
    let out = Command::new("gdb")
        .current_dir(dir)
        .args(["-nx", "-batch", "-ex", "set pagination off"])
        .args(["-ex", "catch syscall exit_group", "-ex", "run"])
        .args(["-ex", &format!("gcore {}", core.display()), "-ex", "kill"])
        .arg("--args")
        .arg(env!("CARGO_BIN_EXE_scrutin"))
        .args(args)
        .env("SCRUTIN_PASSPHRASE", PASSPHRASE)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        core.exists(),
        "gdb wrote no core file:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every 16-byte run of each secret, in both byte orders, with the secret's number and order.
fn runs_of(secrets: &[Vec<u8>]) -> HashMap<[u8; RUN], (usize, &'static str)> {
    let mut runs = HashMap::new();
    for (i, secret) in secrets.iter().enumerate() {
        let reversed: Vec<u8> = secret.iter().rev().copied().collect();
        for (form, order) in [
            (&secret[..], "big-endian"),
            (&reversed[..], "little-endian"),
        ] {
            for run in form.windows(RUN) {
                runs.insert(<[u8; RUN]>::try_from(run).unwrap(), (i, order));
            }
        }
    }
    runs
}

/// The first place in `memory` where one of `runs` occurs: core offset, secret, byte order.
fn find_run(
    memory: &[u8],
    runs: &HashMap<[u8; RUN], (usize, &'static str)>,
) -> Option<(usize, usize, &'static str)> {
    memory.windows(RUN).enumerate().find_map(|(at, window)| {
        let (secret, order) = runs.get(window)?;
        Some((at, *secret, *order))
    })
}

#[test]
fn receive_shares_leaves_no_secret_in_memory() {
    if !gdb_available() {
        assert!(
            std::env::var_os("SCRUTIN_REQUIRE_GDB").is_none(),
            "SCRUTIN_REQUIRE_GDB is set but gdb is not installed"
        );
        eprintln!("SKIPPED: gdb is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples/springfield/manifest.json")
        .display()
        .to_string();
    let (n, k) = ("3", "2");
    scrutin(
        dir.path(),
        &[
            "election",
            "create",
            "--manifest",
            &manifest,
            "--guardians",
            n,
            "--quorum",
            k,
            "--record",
            "rec",
        ],
    );
    for i in ["1", "2", "3"] {
        let secret = format!("g{i}.secret");
        scrutin(
            dir.path(),
            &[
                "guardian", "keygen", "--record", "rec", "--index", i, "--secret", &secret,
            ],
        );
    }
    for i in ["1", "2", "3"] {
        let secret = format!("g{i}.secret");
        scrutin(
            dir.path(),
            &[
                "guardian",
                "send-shares",
                "--record",
                "rec",
                "--secret",
                &secret,
            ],
        );
    }
    let core = dir.path().join("core");
    dump_at_exit(
        dir.path(),
        &core,
        &[
            "guardian",
            "receive-shares",
            "--record",
            "rec",
            "--secret",
            "g1.secret",
            "--key-share",
            "g1.share",
        ],
    );

    // k vote coefficients, k data coefficients, then ζ_1; the key share ends with z_1, ẑ_1.
    let mut secrets = trailing_scalars(&dir.path().join("g1.secret"), 2 * 2 + 1);
    secrets.extend(trailing_scalars(&dir.path().join("g1.share"), 2));
    let memory = std::fs::read(&core).unwrap();
    assert!(memory.len() > 1 << 20, "the core is too small to be real");
    // The search sees freed memory too: the sealed key share the command wrote last (public
    // bytes, in a buffer freed before exit) is still in the core.
    let sealed_share = std::fs::read(dir.path().join("g1.share")).unwrap();
    let written = runs_of(&[sealed_share[sealed_share.len() - SCALAR_BYTES..].to_vec()]);
    assert!(
        find_run(&memory, &written).is_some(),
        "the search does not find the bytes the command wrote"
    );
    if let Some((at, secret, order)) = find_run(&memory, &runs_of(&secrets)) {
        panic!("secret {secret} of guardian 1 is in memory at exit ({order}, core offset {at})");
    }
}
