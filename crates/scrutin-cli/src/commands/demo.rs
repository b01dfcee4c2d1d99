//! `scrutin demo`: a whole election in one process, written as a public record and verified.

use super::workload;
use crate::cli::{DemoArgs, GroupChoice};
use crate::exit::Exit;
use rand_core::{OsRng, RngCore, SeedableRng};
use scrutin_core::ceremony::{guardian_record_hash, joint_keys, run_ceremony};
use scrutin_core::election::ElectionContext;
use scrutin_core::group::{ParameterSet, Standard, Toy256};
use scrutin_core::parameters::{parameter_base_hash, GuardianCounts, SPEC_VERSION};
use scrutin_record::hexfield::encode;
use scrutin_record::json_file;
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::layout::{self, RecordDir};
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::v21::wire::{ElectionConfigJson, ElectionInitializedJson};
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
        let hg = guardian_record_hash(
            &context.base_hash,
            &context.vote_key,
            &context.data_key,
            &guardians,
        );
        self.say("key ceremony done: guardian keys and proofs, shares exchanged and verified");

        let write_err = |e: scrutin_record::RecordError| e.to_string();
        json_file::write(&self.record.path(layout::CONSTANTS), &enc::constants::<P>())
            .map_err(write_err)?;
        json_file::write_bytes(&self.record.path(layout::MANIFEST), &manifest.bytes)
            .map_err(write_err)?;
        json_file::write(
            &self.record.path(layout::ELECTION_CONFIG),
            &ElectionConfigJson {
                config_version: SPEC_VERSION.into(),
                number_of_guardians: counts.n,
                quorum: counts.k,
                parameter_base_hash: context.parameter_hash.to_hex(),
                election_base_hash: context.base_hash.to_hex(),
                metadata: Default::default(),
            },
        )
        .map_err(write_err)?;
        json_file::write(
            &self.record.path(layout::ELECTION_INITIALIZED),
            &ElectionInitializedJson {
                joint_public_key: enc::element(&context.vote_key),
                joint_data_key: enc::element(&context.data_key),
                guardian_record_hash: hg.to_hex(),
                extended_base_hash: context.extended_hash.to_hex(),
                guardians: guardians
                    .iter()
                    .map(|g| enc::guardian(&format!("guardian-{}", g.index), g))
                    .collect(),
            },
        )
        .map_err(write_err)?;
        let _ = (&key_shares, encode(&[]));
        self.finish(&manifest, &context, &guardians, &key_shares)
    }
}
