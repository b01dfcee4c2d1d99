//! `scrutin bench`: a whole election in memory, timed phase by phase. The workload is
//! W1 — 10 contests × 5 options, limit 1, one ballot style — or a given manifest; the key
//! ceremony, each ballot's encryption and verification, the tally, its decryption by a quorum
//! and the independent verifier on the written record are timed over `--runs` runs on a rayon
//! pool of `--threads` threads. Beside each figure stands the number of exponentiations it
//! stands for, derived from the workload's shape ([`counts`]).

mod counts;
mod phases;
mod report;
mod stats;

use super::failure::{finish, Failure};
use super::workload;
use crate::cli::{BenchArgs, GroupChoice};
use crate::exit::Exit;
use phases::{say, Timings, Workload};
use report::Context;
use scrutin_core::election::ContestSpec;
use scrutin_core::group::{ParameterSet, Standard, Toy256};
use scrutin_core::parameters::GuardianCounts;
use scrutin_record::v21::layout::RecordDir;
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::{json_file, FileKind};

/// Runs `scrutin bench`.
pub fn run(args: &BenchArgs) -> Exit {
    finish(bench(args))
}

fn bench(args: &BenchArgs) -> Result<(), Failure> {
    let counts = GuardianCounts::new(args.guardians, args.quorum).ok_or_else(|| {
        Failure::bad_input(format!(
            "need 1 ≤ quorum ≤ guardians (got quorum {} of {})",
            args.quorum, args.guardians
        ))
    })?;
    if args.ballots == 0 || args.runs == 0 || args.threads == Some(0) {
        return Err(Failure::bad_input(
            "--ballots, --runs and --threads must be at least 1",
        ));
    }
    let (name, manifest) = match &args.manifest {
        Some(path) => {
            let bytes = json_file::read_bytes(path, FileKind::Manifest)?;
            (
                path.display().to_string(),
                Manifest::from_bytes(path, bytes)?,
            )
        }
        None => (
            "W1".to_string(),
            Manifest::from_json(workload::w1_manifest("scrutin bench election (W1)"))?,
        ),
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = args.threads.unwrap_or(cores);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| Failure::failed(format!("cannot start {threads} threads: {e}")))?;
    let work = Workload {
        manifest,
        counts,
        ballots: args.ballots,
        seed: args.seed,
        toy: args.group == GroupChoice::Toy,
    };
    let machine = Machine {
        name,
        threads,
        cores,
    };
    pool.install(|| match args.group {
        GroupChoice::Standard => measure::<Standard>(args, &work, &machine),
        GroupChoice::Toy => measure::<Toy256>(args, &work, &machine),
    })
}

/// Where and on what the benchmark runs.
struct Machine {
    name: String,
    threads: usize,
    cores: usize,
}

fn measure<P: ParameterSet>(
    args: &BenchArgs,
    work: &Workload,
    machine: &Machine,
) -> Result<(), Failure> {
    let plaintexts = phases::plaintexts(work);
    let mut runs: Vec<Timings> = Vec::new();
    for run in 1..=args.runs {
        say(&format!(
            "run {run} of {}: {} ballots, group {}, {} thread(s)",
            args.runs,
            plaintexts.len(),
            P::NAME,
            machine.threads
        ));
        let dir = tempfile::Builder::new()
            .prefix("scrutin-bench-")
            .tempdir()
            .map_err(|e| Failure::failed(format!("cannot make a temporary record folder: {e}")))?;
        let record = RecordDir::new(dir.path());
        runs.push(phases::run_once::<P>(work, &plaintexts, &record)?);
    }

    // Ballot i has the manifest's style i mod (number of styles), as the voters were made.
    let styles: Vec<Vec<ContestSpec>> = work
        .manifest
        .ballot_styles
        .iter()
        .map(|style| work.manifest.style_contests(style))
        .collect();
    let ballot_styles: Vec<&[ContestSpec]> = (0..work.ballots as usize)
        .filter_map(|i| styles.get(i % styles.len().max(1)).map(Vec::as_slice))
        .collect();
    let first_style = styles.first().cloned().unwrap_or_default();
    let all = phases::all_contests(&work.manifest);
    let counts = counts::for_ballots(&ballot_styles, &all, u64::from(work.counts.k));
    let context = Context {
        workload: machine.name.clone(),
        styles: styles.len(),
        contests: first_style.len(),
        options: first_style.iter().map(|s| u64::from(s.options)).sum(),
        ballots: work.ballots,
        guardians: (work.counts.n, work.counts.k),
        group: P::NAME,
        runs: args.runs,
        seed: work.seed,
        threads: machine.threads,
        cores: machine.cores,
        cpu: cpu_model(),
        arithmetic: scrutin_core::group::arithmetic::<P>(),
    };
    let figures = report::figures(&runs, work.ballots, work.counts.k, &counts);
    if args.json {
        println!("{}", report::json(&context, &figures));
    } else {
        report::print_table(&context, &figures);
    }
    Ok(())
}

/// The CPU model from `/proc/cpuinfo` (Linux), or "unknown CPU".
fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string())
}
