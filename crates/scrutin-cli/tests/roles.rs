//! A whole election run role by role through the `scrutin` binary, as separate people would
//! run it (docs/walkthrough.md uses the same files): 3 guardians with quorum 2 on the toy
//! group, two sessions of one voting device, one challenged ballot, guardian 2 absent at
//! decryption. The finished record must pass `scrutin verify`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use scrutin_core::ceremony::SHARE_PROOF_CHECK;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The example election of docs/walkthrough.md.
fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples/springfield")
        .join(name)
}

/// An election in a temporary directory: `rec/` is the record, `secrets/` the guardians'
/// private files (which in a real election would be on three different machines), each
/// guardian's encrypted with its own passphrase, read from `secrets/guardian-<i>.pass`.
struct Election {
    dir: tempfile::TempDir,
}

impl Election {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("secrets")).unwrap();
        for i in 1..=3 {
            let file = dir.path().join(format!("secrets/guardian-{i}.pass"));
            std::fs::write(file, format!("passphrase of guardian {i}\n")).unwrap();
        }
        Election { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn record(&self) -> PathBuf {
        self.path("rec")
    }

    /// Runs `scrutin` with `args` (`@rec` and `@secrets/…` stand for paths in the election's
    /// directory).
    fn run(&self, args: &[&str]) -> Output {
        let args: Vec<String> = args
            .iter()
            .map(|a| match a.strip_prefix('@') {
                Some(rest) => self.path(rest).display().to_string(),
                None => a.to_string(),
            })
            .collect();
        Command::new(env!("CARGO_BIN_EXE_scrutin"))
            .args(&args)
            .env_remove("SCRUTIN_PASSPHRASE")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    }

    /// Runs `scrutin` and expects exit code `code`; returns standard error.
    fn expect(&self, code: i32, args: &[&str]) -> String {
        let out = self.run(args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(code),
            "scrutin {args:?}\nstdout:\n{stdout}\nstderr:\n{stderr}"
        );
        stderr
    }

    fn ok(&self, args: &[&str]) {
        self.expect(0, args);
    }

    /// `election create` and the whole key ceremony: keygen, send-shares, receive-shares.
    fn ceremony(&self) {
        let manifest = example("manifest.json");
        self.ok(&[
            "election",
            "create",
            "--manifest",
            manifest.to_str().unwrap(),
            "--guardians",
            "3",
            "--quorum",
            "2",
            "--record",
            "@rec",
            "--group",
            "toy",
        ]);
        for i in ["1", "2", "3"] {
            let secret = format!("@secrets/guardian-{i}.secret");
            let pass = format!("@secrets/guardian-{i}.pass");
            self.ok(&[
                "guardian",
                "keygen",
                "--record",
                "@rec",
                "--index",
                i,
                "--secret",
                &secret,
                "--passphrase-file",
                &pass,
            ]);
        }
        for i in ["1", "2", "3"] {
            let secret = format!("@secrets/guardian-{i}.secret");
            let pass = format!("@secrets/guardian-{i}.pass");
            self.ok(&[
                "guardian",
                "send-shares",
                "--record",
                "@rec",
                "--secret",
                &secret,
                "--passphrase-file",
                &pass,
            ]);
        }
    }

    fn receive_shares(&self, i: &str) -> Output {
        let secret = format!("@secrets/guardian-{i}.secret");
        let key_share = format!("@secrets/guardian-{i}.key");
        self.run(&[
            "guardian",
            "receive-shares",
            "--record",
            "@rec",
            "--secret",
            &secret,
            "--key-share",
            &key_share,
            "--passphrase-file",
            &format!("@secrets/guardian-{i}.pass"),
        ])
    }

    /// One guardian's decryption round with U = {1, 3}.
    fn round(&self, round: &str, i: &str) -> Output {
        self.round_of(round, i, "1,3", "state")
    }

    /// One guardian's decryption round with U = `guardians`, its one-time secrets in
    /// `secrets/guardian-<i>.<state>`.
    fn round_of(&self, round: &str, i: &str, guardians: &str, state: &str) -> Output {
        let key_share = format!("@secrets/guardian-{i}.key");
        let state = format!("@secrets/guardian-{i}.{state}");
        self.run(&[
            "decrypt",
            round,
            "--record",
            "@rec",
            "--key-share",
            &key_share,
            "--state",
            &state,
            "--guardians",
            guardians,
            "--passphrase-file",
            &format!("@secrets/guardian-{i}.pass"),
        ])
    }
}

fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

#[test]
fn a_whole_election_role_by_role_verifies() {
    let e = Election::new();
    e.ceremony();
    for i in ["1", "2", "3"] {
        assert_eq!(code(&e.receive_shares(i)), Some(0));
    }
    e.ok(&["election", "initialize", "--record", "@rec"]);
    // Every secret file is encrypted (docs/record-format.md, "Secret files").
    for file in ["guardian-1.secret", "guardian-1.key"] {
        let bytes = std::fs::read(e.path("secrets").join(file)).unwrap();
        assert!(bytes.starts_with(b"SCRUTSEC"), "{file}");
    }

    // One device, two sessions: the second continues the chain of the first.
    for file in ["ballots-1.json", "ballots-2.json"] {
        let ballots = example(file);
        e.ok(&[
            "encrypt",
            "--record",
            "@rec",
            "--device",
            "booth-1",
            "--ballots",
            ballots.to_str().unwrap(),
        ]);
    }
    e.ok(&["tally", "--record", "@rec"]);

    // Guardian 2 is absent. Guardian 1 cannot reveal before guardian 3 has committed.
    assert_eq!(code(&e.round("commit", "1")), Some(0));
    let state = std::fs::read(e.path("secrets/guardian-1.state")).unwrap();
    assert!(state.starts_with(b"SCRUTSEC"));
    let early = e.round("reveal", "1");
    assert_eq!(code(&early), Some(2));
    assert!(String::from_utf8_lossy(&early.stderr).contains("waiting for guardian 3"));
    assert_eq!(code(&e.round("commit", "3")), Some(0));
    for round in ["reveal", "respond"] {
        for i in ["1", "3"] {
            let out = e.round(round, i);
            assert_eq!(
                code(&out),
                Some(0),
                "decrypt {round} by {i}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    // The one-time secrets are gone, so no guardian can respond twice.
    assert!(!e.path("secrets/guardian-1.state").exists());
    assert_eq!(code(&e.round("respond", "1")), Some(2));

    let combine = e.run(&["decrypt", "combine", "--record", "@rec"]);
    let stdout = String::from_utf8_lossy(&combine.stdout);
    assert_eq!(code(&combine), Some(0), "{stdout}");
    assert!(stdout.contains("The record is valid"), "{stdout}");
    assert!(e
        .record()
        .join("challenged_ballots/dballot-b-004.json")
        .exists());

    let verify = e.run(&[
        "verify",
        e.record().to_str().unwrap(),
        "--allow-test-parameters",
    ]);
    assert_eq!(
        code(&verify),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    // The counts of docs/examples/springfield: Mayor Ann 2, Bob 1, Carol 0 (b-004 is
    // challenged); levy Yes 3, No 2.
    let tally: serde_json::Value =
        serde_json::from_slice(&std::fs::read(e.record().join("tally.json")).unwrap()).unwrap();
    let counts: Vec<u64> = tally["contests"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["selections"].as_array().unwrap().iter())
        .map(|s| s["tally"].as_u64().unwrap())
        .collect();
    assert_eq!(counts, vec![2, 1, 0, 3, 2]);
    assert_eq!(tally["available_guardians"], serde_json::json!([1, 3]));

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for file in ["guardian-1.secret", "guardian-1.key"] {
            let mode = std::fs::metadata(e.path("secrets").join(file))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{file}");
        }
    }
}

/// The decryption restarted as attempt 2 (`decryption/restart-2.json`, as a board writes it
/// after the administrator's restart): U = {1, 2, 3} committed, guardian 3 stalled, and
/// guardians 1 and 2 decrypt again in `decryption/attempt-2/` with fresh one-time secrets.
/// The earlier attempt's messages stay; the record verifies with U = {1, 2}.
#[test]
fn a_restarted_decryption_completes_in_its_attempt_folder() {
    let e = Election::new();
    e.ceremony();
    for i in ["1", "2", "3"] {
        assert_eq!(code(&e.receive_shares(i)), Some(0));
    }
    e.ok(&["election", "initialize", "--record", "@rec"]);
    let ballots = example("ballots-1.json");
    e.ok(&[
        "encrypt",
        "--record",
        "@rec",
        "--device",
        "booth-1",
        "--ballots",
        ballots.to_str().unwrap(),
    ]);
    e.ok(&["tally", "--record", "@rec"]);
    for i in ["1", "2", "3"] {
        assert_eq!(code(&e.round_of("commit", i, "1,2,3", "state")), Some(0));
    }
    // Guardian 3 stalls; the administrator restarts with {1, 2}.
    let restart = serde_json::json!({
        "election_id": "e",
        "attempt": 2,
        "available_guardians": [1, 2],
        "reason": "guardian 3 stalled",
    });
    let file = e.record().join("decryption/restart-2.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&restart).unwrap()).unwrap();
    let wrong = e.round_of("commit", "1", "1,3", "state-2");
    assert_eq!(code(&wrong), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("--guardians [1, 2]"));
    for round in ["commit", "reveal", "respond"] {
        for i in ["1", "2"] {
            let out = e.round_of(round, i, "1,2", "state-2");
            assert_eq!(
                code(&out),
                Some(0),
                "decrypt {round} by {i}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let attempt = e.record().join("decryption/attempt-2");
    for name in ["commit-1.json", "reveal-2.json", "response-1.json"] {
        assert!(attempt.join(name).exists(), "{name}");
    }
    assert!(e.record().join("decryption/commit-3.json").exists());
    let combine = e.run(&["decrypt", "combine", "--record", "@rec"]);
    let stdout = String::from_utf8_lossy(&combine.stdout);
    assert_eq!(code(&combine), Some(0), "{stdout}");
    assert!(stdout.contains("The record is valid"), "{stdout}");
    let tally: serde_json::Value =
        serde_json::from_slice(&std::fs::read(e.record().join("tally.json")).unwrap()).unwrap();
    assert_eq!(tally["available_guardians"], serde_json::json!([1, 2]));
}

#[test]
fn a_tampered_share_is_rejected_naming_its_sender() {
    let e = Election::new();
    e.ceremony();
    // One hex digit of C1 of the share guardian 2 sent to guardian 1.
    let file = e.record().join("ceremony/shares/share-2-to-1.json");
    let mut share: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let c1 = share["c1"].as_str().unwrap().to_string();
    let flipped = if c1.starts_with('0') { "1" } else { "0" };
    share["c1"] = serde_json::Value::String(format!("{flipped}{}", &c1[1..]));
    std::fs::write(&file, serde_json::to_vec_pretty(&share).unwrap()).unwrap();

    let out = e.receive_shares("1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), Some(1), "{stderr}");
    assert!(
        stderr.contains("share from guardian 2 to 1")
            && stderr.contains(&SHARE_PROOF_CHECK.to_string()),
        "{stderr}"
    );
    // No key share is written from a bad ceremony.
    assert!(!e.path("secrets/guardian-1.key").exists());
    // Guardian 3 received nothing bad.
    assert_eq!(code(&e.receive_shares("3")), Some(0));
    // The administrator sees the bad proof as well.
    let stderr = e.expect(1, &["election", "initialize", "--record", "@rec"]);
    assert!(stderr.contains("share-2-to-1.json"), "{stderr}");
}
