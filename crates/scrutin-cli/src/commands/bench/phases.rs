//! One run of the benchmarked election, every phase timed on the current rayon pool: the key
//! ceremony, each ballot's encryption and verification, the tally, its decryption by a quorum,
//! and the independent verifier on the record the run writes.

use super::super::ceremony::NamedKey;
use super::super::device::Device;
use super::super::election;
use super::super::failure::Failure;
use super::super::workload;
use rand_core::{OsRng, SeedableRng};
use rayon::prelude::*;
use scrutin_core::ballot::{DeviceInfo, EncryptedBallot, PlaintextBallot, PlaintextContest};
use scrutin_core::ceremony::{joint_keys, run_ceremony};
use scrutin_core::decryption::{decrypt_tally, DecryptedTally};
use scrutin_core::dlog::DiscreteLog;
use scrutin_core::election::{ContestSpec, ElectionContext};
use scrutin_core::parameters::{parameter_base_hash, GuardianCounts};
use scrutin_core::tally::EncryptedTally;
use scrutin_core::{ParameterSet, SecretScalar};
use scrutin_record::json_file;
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::layout::{self, RecordDir};
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::v21::wire::EncryptedBallotJson;
use std::collections::BTreeMap;
use std::time::Instant;

/// The `tally_id` of the benchmark's tallies.
const TALLY_ID: &str = "bench-tally";

/// What is benchmarked.
pub struct Workload {
    /// The election manifest.
    pub manifest: Manifest,
    /// n and k; the first k guardians decrypt.
    pub counts: GuardianCounts,
    /// Ballots per run, all cast.
    pub ballots: u32,
    /// Seed of the voters' choices (the same ballots in every run).
    pub seed: u64,
    /// Whether the group is a toy one (the verifier must be told).
    pub toy: bool,
}

/// The wall-clock and CPU time of one phase, in milliseconds. CPU time is the whole process's,
/// every thread: with one thread on a quiet machine it equals the wall time, and a smaller
/// value shows the phase waited for a core.
#[derive(Clone, Copy, Debug, Default)]
pub struct Phase {
    /// Wall-clock time.
    pub wall: f64,
    /// CPU time of the process.
    pub cpu: f64,
}

/// A running phase.
struct Clock {
    wall: Instant,
    cpu: cpu_time::ProcessTime,
}

impl Clock {
    fn start() -> Self {
        Clock {
            wall: Instant::now(),
            cpu: cpu_time::ProcessTime::now(),
        }
    }

    fn stop(&self) -> Phase {
        Phase {
            wall: ms(self.wall),
            cpu: self.cpu.elapsed().as_secs_f64() * 1000.0,
        }
    }
}

/// The timings of one run, in milliseconds.
#[derive(Debug, Default)]
pub struct Timings {
    /// The key ceremony, the joint keys and the election context with its tables.
    pub key_ceremony: Phase,
    /// Each ballot's encryption (wall time).
    pub encrypt: Vec<f64>,
    /// The encryption phase, every device.
    pub encrypt_phase: Phase,
    /// Each ballot's decoding from its wire form and verification (5.B, 6, 7, 8.A–B; wall
    /// time).
    pub verify: Vec<f64>,
    /// The verification phase, every ballot.
    pub verify_phase: Phase,
    /// The homomorphic tally of every ballot.
    pub tally: Phase,
    /// The decryption of the tally with proofs by k guardians, and the discrete logarithms.
    pub decrypt: Phase,
    /// `scrutin verify` on the whole record, as a library call.
    pub verifier: Phase,
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Reports progress on standard error.
pub fn say(what: &str) {
    eprintln!("bench: {what}");
}

/// The voters' ballots: ballot i uses the manifest's ballot styles in turn and random valid
/// choices within each contest's limits.
pub fn plaintexts(work: &Workload) -> Vec<PlaintextBallot> {
    let mut voters = rand_chacha::ChaCha20Rng::seed_from_u64(work.seed);
    let styles = &work.manifest.ballot_styles;
    (0..work.ballots)
        .filter_map(|i| {
            let style = styles.get(i as usize % styles.len().max(1))?;
            let contests = work
                .manifest
                .style_contests(style)
                .iter()
                .map(|spec| {
                    let votes = workload::random_votes(&mut voters, spec);
                    (spec.index, PlaintextContest::new(votes))
                })
                .collect();
            Some(PlaintextBallot {
                name: format!("ballot-{i:06}"),
                style: style.label.clone(),
                contests,
            })
        })
        .collect()
}

/// The contests of every option of the tally.
pub fn all_contests(manifest: &Manifest) -> Vec<ContestSpec> {
    manifest.contests.iter().map(|c| c.spec.clone()).collect()
}

/// One ballot as a device sealed it.
struct Sealed<P: ParameterSet> {
    device: String,
    ballot: EncryptedBallot<P>,
}

/// Runs the whole election once, writing its record into `record` (an empty directory).
pub fn run_once<P: ParameterSet>(
    work: &Workload,
    plaintexts: &[PlaintextBallot],
    record: &RecordDir,
) -> Result<Timings, Failure> {
    let manifest = &work.manifest;
    let counts = work.counts;
    let mut timings = Timings::default();

    let clock = Clock::start();
    let hp = parameter_base_hash::<P>(counts);
    let (guardians, key_shares) = run_ceremony::<P, _>(&mut OsRng, counts, &hp)
        .map_err(|e| Failure::failed(format!("key ceremony: {e}")))?;
    let (vote_key, data_key) =
        joint_keys(&guardians).map_err(|e| Failure::failed(format!("joint keys: {e}")))?;
    let ctx = ElectionContext::new(counts, &manifest.bytes, vote_key, data_key);
    timings.key_ceremony = clock.stop();
    say(&format!(
        "key ceremony: {:.1} ms",
        timings.key_ceremony.wall
    ));

    let (devices, sealed) = encrypt(work, plaintexts, record, &ctx, &mut timings)?;
    write_ballots(manifest, devices, &sealed)?;
    verify_ballots(manifest, record, &ctx, &sealed, &mut timings)?;

    let all = all_contests(manifest);
    let clock = Clock::start();
    let tally = tally(&all, &sealed)?;
    timings.tally = clock.stop();

    let quorum: Vec<(u32, &SecretScalar<P>)> = key_shares
        .iter()
        .take(counts.k as usize)
        .map(|s| (s.index(), s.vote_share()))
        .collect();
    let clock = Clock::start();
    let dlog = DiscreteLog::new_vartime(&ctx.vote_key, u64::from(work.ballots));
    let decrypted = decrypt_tally(&mut OsRng, &ctx, &tally, &quorum, &dlog)
        .map_err(|e| Failure::failed(format!("decryption: {e}")))?;
    timings.decrypt = clock.stop();
    say(&format!(
        "tally: {:.1} ms; decryption by {} guardians: {:.1} ms",
        timings.tally.wall,
        quorum.len(),
        timings.decrypt.wall
    ));
    check_counts(plaintexts, &decrypted)?;

    election::write_election::<P>(record, manifest, counts).map_err(Failure::write)?;
    let named: Vec<NamedKey<P>> = guardians
        .into_iter()
        .map(|key| NamedKey {
            name: format!("guardian-{}", key.index),
            key,
        })
        .collect();
    election::write_initialized(record, &ctx, &named).map_err(Failure::write)?;
    let cast: Vec<String> = sealed.iter().map(|s| s.ballot.name.clone()).collect();
    let available: Vec<u32> = quorum.iter().map(|(i, _)| *i).collect();
    json_file::write(
        &record.path(layout::ENCRYPTED_TALLY),
        &enc::encrypted_tally(manifest, TALLY_ID, &tally, cast),
    )
    .map_err(Failure::write)?;
    json_file::write(
        &record.path(layout::TALLY),
        &enc::decrypted_tally(manifest, TALLY_ID, &available, &tally, &decrypted),
    )
    .map_err(Failure::write)?;

    let options = scrutin_verify::Options {
        allow_test_parameters: work.toy,
        require_authorship: false,
    };
    let clock = Clock::start();
    let report = scrutin_verify::verify_directory(record.root(), &options)?;
    timings.verifier = clock.stop();
    if !report.is_valid() {
        return Err(Failure::failed(format!(
            "the benchmark's own record {} fails verification",
            record.root().display()
        )));
    }
    say(&format!(
        "verifier on the record: {:.1} ms",
        timings.verifier.wall
    ));
    Ok(timings)
}

/// Encrypts the ballots on one voting device per thread, each with its own chain, timing each
/// ballot; nothing is written yet.
fn encrypt<'r, P: ParameterSet>(
    work: &Workload,
    plaintexts: &[PlaintextBallot],
    record: &'r RecordDir,
    ctx: &ElectionContext<P>,
    timings: &mut Timings,
) -> Result<(Vec<Device<'r>>, Vec<Sealed<P>>), Failure> {
    let manifest = &work.manifest;
    let devices = rayon::current_num_threads().clamp(1, plaintexts.len().max(1));
    let chunk = plaintexts.len().div_ceil(devices).max(1);
    say(&format!(
        "encrypting {} ballots on {devices} devices",
        plaintexts.len()
    ));
    let clock = Clock::start();
    type DeviceRun<'r, P> = (Device<'r>, Vec<(Sealed<P>, f64)>);
    let runs: Vec<Result<DeviceRun<'r, P>, String>> = plaintexts
        .par_chunks(chunk)
        .enumerate()
        .map(|(d, batch)| {
            let name = format!("device-{}", d + 1);
            let info = DeviceInfo {
                device: name.clone(),
                info: format!("scrutin bench voting device {}", d + 1),
            };
            let mut device = Device::new(record, manifest, ctx, info);
            let mut out = Vec::with_capacity(batch.len());
            for plaintext in batch {
                let one = Instant::now();
                let ballot = device.seal(manifest, ctx, plaintext)?;
                let elapsed = ms(one);
                let device = name.clone();
                out.push((Sealed { device, ballot }, elapsed));
            }
            Ok((device, out))
        })
        .collect();
    timings.encrypt_phase = clock.stop();
    let mut all_devices = Vec::with_capacity(runs.len());
    let mut sealed = Vec::with_capacity(plaintexts.len());
    for run in runs {
        let (device, ballots) = run.map_err(Failure::failed)?;
        all_devices.push(device);
        for (ballot, elapsed) in ballots {
            timings.encrypt.push(elapsed);
            sealed.push(ballot);
        }
    }
    say(&format!(
        "encrypted: {:.1} ms for all, {:.1} ms per ballot",
        timings.encrypt_phase.wall,
        timings.encrypt_phase.wall / sealed.len().max(1) as f64
    ));
    Ok((all_devices, sealed))
}

/// Writes every ballot file and each device's chain (not timed).
fn write_ballots<P: ParameterSet>(
    manifest: &Manifest,
    mut devices: Vec<Device<'_>>,
    sealed: &[Sealed<P>],
) -> Result<(), Failure> {
    for device in &mut devices {
        // `sealed` keeps each device's ballots in the order the device sealed them.
        let own: Vec<&EncryptedBallot<P>> = sealed
            .iter()
            .filter(|s| s.device == device.name())
            .map(|s| &s.ballot)
            .collect();
        for ballot in own {
            device
                .write(manifest, ballot, false)
                .map_err(Failure::failed)?;
        }
        device.write_chain(manifest).map_err(Failure::write)?;
    }
    Ok(())
}

/// Decodes each ballot from its wire form (membership of every element, 6.A and 7.A) and
/// verifies it (5.B, 6, 7, 8.A–B), timing each: the per-ballot work of the verifier's
/// Verifications 5–8, without reading the file or parsing its JSON text.
fn verify_ballots<P: ParameterSet>(
    manifest: &Manifest,
    record: &RecordDir,
    ctx: &ElectionContext<P>,
    sealed: &[Sealed<P>],
    timings: &mut Timings,
) -> Result<(), Failure> {
    let wire: Vec<(EncryptedBallotJson, Vec<ContestSpec>)> = sealed
        .par_iter()
        .map(|s| {
            let json = enc::encrypted_ballot(manifest, &s.ballot, &s.device, 0, false);
            let specs = manifest
                .style(&s.ballot.style)
                .map(|style| manifest.style_contests(style))
                .unwrap_or_default();
            (json, specs)
        })
        .collect();
    let clock = Clock::start();
    let results: Vec<Result<f64, Failure>> = wire
        .par_iter()
        .zip(sealed)
        .map(|((json, specs), s)| {
            let path = record.ballot_path(&s.device, &s.ballot.name);
            let one = Instant::now();
            let ballot = scrutin_record::v21::decode::ballot::<P>(&path, json)?;
            let errors = ballot.verify_all(ctx, specs);
            let elapsed = ms(one);
            match errors.into_iter().next() {
                Some(error) => Err(error.into()),
                None => Ok(elapsed),
            }
        })
        .collect();
    timings.verify_phase = clock.stop();
    for result in results {
        timings.verify.push(result?);
    }
    say(&format!(
        "verified each ballot: {:.1} ms for all, {:.1} ms per ballot",
        timings.verify_phase.wall,
        timings.verify_phase.wall / sealed.len().max(1) as f64
    ));
    Ok(())
}

/// The aggregate of every ballot (equation 79), folded in parallel and merged.
fn tally<P: ParameterSet>(
    all: &[ContestSpec],
    sealed: &[Sealed<P>],
) -> Result<EncryptedTally<P>, Failure> {
    let fail = |e: scrutin_core::tally::TallyError| Failure::failed(format!("tally: {e}"));
    let empty = EncryptedTally::new(all).map_err(fail)?;
    sealed
        .par_iter()
        .try_fold(
            || empty.clone(),
            |mut tally, s| {
                let entries = s.ballot.contests.iter().flat_map(|contest| {
                    contest
                        .selections
                        .iter()
                        .map(move |sel| (contest.index, sel.index, &sel.ciphertext, 1))
                });
                tally.add_all(entries)?;
                Ok(tally)
            },
        )
        .try_reduce(
            || empty.clone(),
            |mut left, right| {
                left.add_all(right.iter().map(|(c, o, ct)| (c, o, ct, 1)))?;
                Ok(left)
            },
        )
        .map_err(fail)
}

/// The decrypted tally must be the sum of the voters' choices.
fn check_counts<P: ParameterSet>(
    plaintexts: &[PlaintextBallot],
    decrypted: &DecryptedTally<P>,
) -> Result<(), Failure> {
    let mut expected: BTreeMap<(u32, u32), u64> = BTreeMap::new();
    for ballot in plaintexts {
        for (contest, choice) in &ballot.contests {
            for (option, votes) in (1u32..).zip(&choice.selections) {
                *expected.entry((*contest, option)).or_default() += votes;
            }
        }
    }
    for (contest, option, value) in decrypted.iter() {
        let want = expected.get(&(contest, option)).copied().unwrap_or(0);
        if value.tally != want {
            return Err(Failure::failed(format!(
                "contest {contest} option {option}: decrypted {} votes, the voters cast {want}",
                value.tally
            )));
        }
    }
    Ok(())
}
