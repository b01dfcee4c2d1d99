//! `scrutin demo`: a whole election in one process, written as a public record, signed by
//! throw-away identities of its parties (`demo_authorship.rs`) and verified.

use super::ceremony::NamedKey;
use super::device::Device;
use super::opening::open_challenged;
use super::{demo_authorship, election, progress, workload};
use crate::cli::{DemoArgs, GroupChoice};
use crate::exit::Exit;
use rand_core::{OsRng, RngCore, SeedableRng};
use rayon::prelude::*;
use scrutin_core::ballot::{DeviceInfo, EncryptedBallot, PlaintextBallot, PlaintextContest};
use scrutin_core::ceremony::GuardianKeyShare;
use scrutin_core::ceremony::{joint_keys, run_ceremony};
use scrutin_core::decryption::{decrypt_data, decrypt_tally, DataKind, DataTarget};
use scrutin_core::dlog::DiscreteLog;
use scrutin_core::election::ElectionContext;
use scrutin_core::group::{ParameterSet, Standard, Toy256};
use scrutin_core::parameters::{parameter_base_hash, GuardianCounts};
use scrutin_core::tally::EncryptedTally;
use scrutin_core::SecretScalar;
use scrutin_record::json_file;
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::layout::{self, RecordDir};
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::v21::source::RecordSource;
use std::path::PathBuf;
use std::time::Instant;

/// Runs the demo.
pub fn run(args: &DemoArgs) -> Exit {
    if let Err(message) = check_args(args) {
        eprintln!("error: {message}");
        return Exit::BadInput;
    }
    let out = args.out.clone().unwrap_or_else(default_out);
    if out.exists() {
        if !args.force {
            eprintln!(
                "error: {} exists; choose another --out or pass --force to replace it",
                out.display()
            );
            return Exit::BadInput;
        }
        if let Err(e) = std::fs::remove_dir_all(&out) {
            eprintln!("error: cannot remove {}: {e}", out.display());
            return Exit::Failed;
        }
    }
    let result = match args.group {
        GroupChoice::Standard => Demo::<Standard>::new(args, out.clone()).run(),
        GroupChoice::Toy => Demo::<Toy256>::new(args, out.clone()).run(),
    };
    match result {
        Ok(exit) => exit,
        Err(message) => {
            eprintln!("error: {message}");
            Exit::Failed
        }
    }
}

fn check_args(args: &DemoArgs) -> Result<(), String> {
    if GuardianCounts::new(args.guardians, args.quorum).is_none() {
        return Err(format!(
            "need 1 ≤ quorum ≤ guardians (got quorum {} of {})",
            args.quorum, args.guardians
        ));
    }
    if args.missing > args.guardians - args.quorum {
        return Err(format!(
            "with {} guardians and quorum {}, at most {} may be missing (got {})",
            args.guardians,
            args.quorum,
            args.guardians - args.quorum,
            args.missing
        ));
    }
    if args.challenged > args.ballots {
        return Err("more challenged ballots than ballots".into());
    }
    Ok(())
}

fn default_out() -> PathBuf {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    PathBuf::from(format!("scrutin-demo-{secs}"))
}

/// The demo's state: arguments, output record, and the voters' random generator.
struct Demo<'a, P: ParameterSet> {
    args: &'a DemoArgs,
    record: RecordDir,
    voters: rand_chacha::ChaCha20Rng,
    started: Instant,
    _set: std::marker::PhantomData<P>,
}

impl<'a, P: ParameterSet> Demo<'a, P> {
    fn new(args: &'a DemoArgs, out: PathBuf) -> Self {
        let seed = args.seed.unwrap_or_else(|| OsRng.next_u64());
        Demo {
            args,
            record: RecordDir::new(out),
            voters: rand_chacha::ChaCha20Rng::seed_from_u64(seed),
            started: Instant::now(),
            _set: std::marker::PhantomData,
        }
    }

    fn say(&self, what: &str) {
        eprintln!("[{:>7.2}s] {what}", self.started.elapsed().as_secs_f64());
    }

    fn run(mut self) -> Result<Exit, String> {
        let args = self.args;
        let counts =
            GuardianCounts::new(args.guardians, args.quorum).ok_or("invalid guardian counts")?;
        let manifest = Manifest::from_json(workload::w1_manifest("scrutin demo election (W1)"))
            .map_err(|e| e.to_string())?;
        self.say(&format!(
            "election: {} contests, {} guardians, quorum {}, parameters {}",
            manifest.contests.len(),
            counts.n,
            counts.k,
            P::NAME
        ));

        // Key ceremony (§3.2): every guardian step, in memory.
        let hp = parameter_base_hash::<P>(counts);
        let (guardians, key_shares) =
            run_ceremony::<P, _>(&mut OsRng, counts, &hp).map_err(|e| e.to_string())?;
        let (vote_key, data_key) = joint_keys(&guardians).map_err(|e| e.to_string())?;
        let context = ElectionContext::new(counts, &manifest.bytes, vote_key, data_key);
        self.say("key ceremony done: guardian keys and proofs, shares exchanged and verified");

        let write_err = |e: scrutin_record::RecordError| e.to_string();
        election::write_election::<P>(&self.record, &manifest, counts).map_err(write_err)?;
        let named: Vec<NamedKey<P>> = guardians
            .into_iter()
            .map(|key| NamedKey {
                name: format!("guardian-{}", key.index),
                key,
            })
            .collect();
        election::write_initialized(&self.record, &context, &named).map_err(write_err)?;
        self.write_guardian_keys(&named)?;
        let ballots = self.encrypt_ballots(&manifest, &context)?;
        let (tally, cast_ids) = self.tally(&manifest, &ballots)?;
        let available: Vec<u32> = (1..=counts.n - args.missing).collect();
        self.decrypt(
            &manifest,
            &context,
            &key_shares,
            &available,
            &tally,
            cast_ids.len() as u64,
        )?;
        self.open_challenged(&manifest, &context, &key_shares, &available, &ballots)?;
        let signed = demo_authorship::sign_demo_record::<P>(&self.record, counts)?;
        self.say(&format!(
            "signed {} items for election {}: the administrator, each guardian and each device \
             its own",
            signed.items, signed.election_id
        ));
        self.verify_and_report()
    }

    /// Writes each guardian's public key where the ceremony posts it
    /// (`ceremony/guardian-<i>.json`, §3.2.2), as the guardian's own signed item.
    fn write_guardian_keys(&self, named: &[NamedKey<P>]) -> Result<(), String> {
        for guardian in named {
            json_file::write(
                &self.record.guardian_key_path(guardian.key.index),
                &enc::guardian(&guardian.name, &guardian.key),
            )
            .map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

/// One encrypted ballot and whether the voter challenged it.
struct Cast<P: ParameterSet> {
    ballot: EncryptedBallot<P>,
    challenged: bool,
}

/// The demo's devices: one per core, so that devices encrypt in parallel while each keeps
/// its own hash chain.
fn device_count() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

impl<P: ParameterSet> Demo<'_, P> {
    /// Encrypts the voters' ballots on several devices with simple chaining (§3.3–3.4), writing
    /// each ballot file and each device's chain file.
    fn encrypt_ballots(
        &mut self,
        manifest: &Manifest,
        ctx: &ElectionContext<P>,
    ) -> Result<Vec<Cast<P>>, String> {
        let args = self.args;
        let style = manifest
            .ballot_styles
            .first()
            .ok_or("the manifest has no ballot style")?;
        let specs = manifest.style_contests(style);
        // The voters' choices come from the seeded generator so a run can be repeated; the
        // encryption randomness never does.
        let plaintexts: Vec<(PlaintextBallot, bool)> = (0..args.ballots)
            .map(|i| {
                let contests = specs
                    .iter()
                    .map(|spec| {
                        (
                            spec.index,
                            PlaintextContest::new(workload::random_choice(
                                &mut self.voters,
                                spec.options,
                            )),
                        )
                    })
                    .collect();
                let ballot = PlaintextBallot {
                    name: format!("ballot-{i:06}"),
                    style: style.label.clone(),
                    contests,
                };
                (ballot, i < args.challenged)
            })
            .collect();
        let devices = device_count().min(plaintexts.len().max(1));
        self.say(&format!(
            "encrypting {} ballots on {devices} devices ({} to be challenged)",
            args.ballots, args.challenged
        ));
        let progress = progress::bar(u64::from(args.ballots), "encrypting");
        let chunk = plaintexts.len().div_ceil(devices).max(1);
        let record = &self.record;
        let results: Vec<Result<Vec<Cast<P>>, String>> = plaintexts
            .par_chunks(chunk)
            .enumerate()
            .map(|(d, batch)| {
                let info = DeviceInfo {
                    device: format!("device-{}", d + 1),
                    info: format!("scrutin demo voting device {}", d + 1),
                };
                let mut device = Device::new(record, manifest, ctx, info);
                let mut out = Vec::with_capacity(batch.len());
                for (plaintext, challenged) in batch {
                    let ballot = device.encrypt(manifest, ctx, plaintext, *challenged)?;
                    out.push(Cast {
                        ballot,
                        challenged: *challenged,
                    });
                    progress.inc(1);
                }
                device.write_chain(manifest).map_err(|e| e.to_string())?;
                Ok(out)
            })
            .collect();
        progress.finish_and_clear();
        let mut all = Vec::new();
        for result in results {
            all.extend(result?);
        }
        self.say(&format!("encrypted {} ballots", all.len()));
        Ok(all)
    }

    /// Aggregates the cast ballots (§3.5) and writes `encrypted_tally.json`.
    fn tally(
        &self,
        manifest: &Manifest,
        ballots: &[Cast<P>],
    ) -> Result<(EncryptedTally<P>, Vec<String>), String> {
        let specs: Vec<_> = manifest.contests.iter().map(|c| c.spec.clone()).collect();
        let mut tally = EncryptedTally::new(&specs).map_err(|e| e.to_string())?;
        let mut cast_ids = Vec::new();
        for cast in ballots.iter().filter(|c| !c.challenged) {
            for contest in &cast.ballot.contests {
                for selection in &contest.selections {
                    tally
                        .add(
                            contest.index,
                            selection.index,
                            &selection.ciphertext,
                            cast.ballot.weight,
                        )
                        .map_err(|e| e.to_string())?;
                }
            }
            cast_ids.push(cast.ballot.name.clone());
        }
        let json = enc::encrypted_tally(manifest, "demo-tally", &tally, cast_ids.clone());
        json_file::write(&self.record.path(layout::ENCRYPTED_TALLY), &json)
            .map_err(|e| e.to_string())?;
        self.say(&format!(
            "tallied {} cast ballots homomorphically",
            cast_ids.len()
        ));
        Ok((tally, cast_ids))
    }

    /// The available guardians decrypt the tally with proofs (§3.6) and `tally.json` is written.
    fn decrypt(
        &self,
        manifest: &Manifest,
        ctx: &ElectionContext<P>,
        key_shares: &[GuardianKeyShare<P>],
        available: &[u32],
        tally: &EncryptedTally<P>,
        cast: u64,
    ) -> Result<(), String> {
        let shares: Vec<(u32, &SecretScalar<P>)> = key_shares
            .iter()
            .filter(|s| available.contains(&s.index()))
            .map(|s| (s.index(), s.vote_share()))
            .collect();
        let dlog = DiscreteLog::new_vartime(&ctx.vote_key, cast);
        let decrypted =
            decrypt_tally(&mut OsRng, ctx, tally, &shares, &dlog).map_err(|e| e.to_string())?;
        let json = enc::decrypted_tally(manifest, "demo-tally", available, tally, &decrypted);
        json_file::write(&self.record.path(layout::TALLY), &json).map_err(|e| e.to_string())?;
        self.say(&format!(
            "guardians {available:?} decrypted the tally with proofs ({} missing)",
            self.args.missing
        ));
        Ok(())
    }

    /// The available guardians decrypt the ballot nonce of every challenged ballot with their
    /// data-key shares; the selection nonces are published (§3.6.7).
    fn open_challenged(
        &self,
        manifest: &Manifest,
        ctx: &ElectionContext<P>,
        key_shares: &[GuardianKeyShare<P>],
        available: &[u32],
        ballots: &[Cast<P>],
    ) -> Result<(), String> {
        let challenged: Vec<&EncryptedBallot<P>> = ballots
            .iter()
            .filter(|c| c.challenged)
            .map(|c| &c.ballot)
            .collect();
        if challenged.is_empty() {
            return Ok(());
        }
        let targets: Vec<DataTarget<P>> = challenged
            .iter()
            .map(|b| DataTarget {
                ballot: b.name.clone(),
                identifier_hash: b.identifier_hash,
                kind: DataKind::BallotNonce,
                ciphertext: b.encrypted_nonce.clone(),
            })
            .collect();
        let shares: Vec<(u32, &SecretScalar<P>)> = key_shares
            .iter()
            .filter(|s| available.contains(&s.index()))
            .map(|s| (s.index(), s.data_share()))
            .collect();
        let decryptions =
            decrypt_data(&mut OsRng, ctx, &targets, &shares).map_err(|e| e.to_string())?;
        for (ballot, decryption) in challenged.iter().zip(decryptions) {
            let json = open_challenged(manifest, ctx, ballot, &decryption.beta)?;
            json_file::write(&self.record.challenged_path(&ballot.name), &json)
                .map_err(|e| e.to_string())?;
        }
        self.say(&format!(
            "opened {} challenged ballots with their decrypted nonces",
            challenged.len()
        ));
        Ok(())
    }

    /// Verifies the written record with the independent verifier and prints the results.
    fn verify_and_report(&self) -> Result<Exit, String> {
        self.say("verifying the record");
        let options = scrutin_verify::Options {
            allow_test_parameters: self.args.group == GroupChoice::Toy,
            require_authorship: true,
        };
        let report = scrutin_verify::verify_directory(self.record.root(), &options)
            .map_err(|e| e.to_string())?;
        super::verify::print_table(&report);
        let tally = self.record.tally().map_err(|e| e.to_string())?;
        println!();
        super::verify::print_tally(&tally);
        println!();
        println!("Election record: {}", self.record.root().display());
        self.say("done");
        Ok(if report.is_valid() {
            Exit::Ok
        } else {
            Exit::Invalid
        })
    }
}
