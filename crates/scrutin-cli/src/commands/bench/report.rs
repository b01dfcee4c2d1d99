//! The figures of `scrutin bench`, as a table for people or one JSON object.

use super::counts::{Counts, Ops};
use super::phases::{Phase, Timings};
use super::stats::Summary;
use serde_json::{json, Value};

/// What the figures were measured on and for.
pub struct Context {
    /// The workload's name: "W1" or the manifest file.
    pub workload: String,
    /// Ballot styles, used by the ballots in turn.
    pub styles: usize,
    /// Contests on a ballot (the first ballot style).
    pub contests: usize,
    /// Options on a ballot (the first ballot style).
    pub options: u64,
    /// Ballots per run.
    pub ballots: u32,
    /// n and k.
    pub guardians: (u32, u32),
    /// The parameter set's name.
    pub group: &'static str,
    /// Runs.
    pub runs: u32,
    /// The voters' seed.
    pub seed: u64,
    /// Threads of the pool.
    pub threads: usize,
    /// Logical cores of the machine.
    pub cores: usize,
    /// The CPU model, as the operating system names it.
    pub cpu: String,
    /// Which Montgomery arithmetic runs (`scrutin_core::group::arithmetic`).
    pub arithmetic: &'static str,
}

/// One figure: what it times, per what, its samples' summary and the operations it stands for.
pub struct Figure {
    /// The JSON key.
    pub key: &'static str,
    /// The table label.
    pub label: String,
    /// "ballot" or "election".
    pub per: &'static str,
    /// Median and spread (wall-clock time).
    pub summary: Summary,
    /// For the per-ballot phases: the phase's wall time divided by the ballots (median over
    /// runs), which is what parallel threads bring down.
    pub wall_per_ballot: Option<f64>,
    /// The process's CPU time over the phase's wall time (median over runs): about the number
    /// of busy threads, below 1 when the phase waited for a core.
    pub cpu_over_wall: Option<f64>,
    /// The process's CPU time of the phase (median over runs), per ballot for the per-ballot
    /// phases.
    pub cpu: Option<f64>,
    /// The operations behind one sample (derived from the workload, see `counts`).
    pub ops: Option<Ops>,
}

fn summary(samples: &[f64]) -> Summary {
    Summary::of(samples).unwrap_or(Summary {
        median: 0.0,
        p10: 0.0,
        p90: 0.0,
        min: 0.0,
        max: 0.0,
        samples: 0,
    })
}

fn median(samples: impl Iterator<Item = f64>) -> Option<f64> {
    Summary::of(&samples.collect::<Vec<_>>()).map(|s| s.median)
}

/// The figures of all runs.
pub fn figures(runs: &[Timings], ballots: u32, quorum: u32, counts: &Counts) -> Vec<Figure> {
    let n = f64::from(ballots);
    let all = |f: fn(&Timings) -> &[f64]| -> Vec<f64> {
        runs.iter().flat_map(|t| f(t).iter().copied()).collect()
    };
    let phase = |f: fn(&Timings) -> Phase| -> Vec<Phase> { runs.iter().map(f).collect() };
    let once = |key, label, phase: Vec<Phase>, ops| Figure {
        key,
        label,
        per: "election",
        summary: summary(&phase.iter().map(|p| p.wall).collect::<Vec<_>>()),
        wall_per_ballot: None,
        cpu_over_wall: median(phase.iter().map(|p| p.cpu / p.wall)),
        cpu: median(phase.iter().map(|p| p.cpu)),
        ops,
    };
    let per_ballot = |key, label, samples: Vec<f64>, phase: Vec<Phase>, ops| Figure {
        key,
        label,
        per: "ballot",
        summary: summary(&samples),
        wall_per_ballot: median(phase.iter().map(|p| p.wall / n)),
        cpu_over_wall: median(phase.iter().map(|p| p.cpu / p.wall)),
        cpu: median(phase.iter().map(|p| p.cpu / n)),
        ops,
    };
    let verifier = phase(|t| t.verifier);
    vec![
        once(
            "key_ceremony",
            "key ceremony".to_string(),
            phase(|t| t.key_ceremony),
            None,
        ),
        per_ballot(
            "encrypt",
            "encrypt one ballot".to_string(),
            all(|t| &t.encrypt),
            phase(|t| t.encrypt_phase),
            Some(counts.encrypt),
        ),
        per_ballot(
            "verify",
            "verify one ballot".to_string(),
            all(|t| &t.verify),
            phase(|t| t.verify_phase),
            Some(counts.verify),
        ),
        once(
            "tally",
            format!("tally {ballots} ballots"),
            phase(|t| t.tally),
            Some(counts.tally),
        ),
        once(
            "decrypt",
            format!("decrypt the tally, {quorum} guardians"),
            phase(|t| t.decrypt),
            Some(counts.decrypt),
        ),
        once(
            "tally_decrypt",
            "tally + decrypt".to_string(),
            phase(|t| Phase {
                wall: t.tally.wall + t.decrypt.wall,
                cpu: t.tally.cpu + t.decrypt.cpu,
            }),
            Some(counts.tally.add(counts.decrypt)),
        ),
        Figure {
            wall_per_ballot: median(verifier.iter().map(|p| p.wall / n)),
            ..once(
                "verifier",
                "verifier, whole record".to_string(),
                verifier,
                Some(counts.verifier),
            )
        },
    ]
}

fn figure(figures: &[Figure], key: &str) -> f64 {
    figures
        .iter()
        .find(|f| f.key == key)
        .map_or(0.0, |f| f.summary.median)
}

/// The JSON object of `scrutin bench --json`: the three headline medians at the top level,
/// then the machine, the workload and every figure. Times are in milliseconds.
pub fn json(context: &Context, figures: &[Figure]) -> Value {
    let phases: serde_json::Map<String, Value> = figures
        .iter()
        .map(|f| {
            let mut entry = json!({
                "label": f.label,
                "per": f.per,
                "median_ms": f.summary.median,
                "p10_ms": f.summary.p10,
                "p90_ms": f.summary.p90,
                "min_ms": f.summary.min,
                "max_ms": f.summary.max,
                "samples": f.summary.samples,
                "ops": f.ops,
            });
            if let Some(map) = entry.as_object_mut() {
                if let Some(wall) = f.wall_per_ballot {
                    map.insert("wall_ms_per_ballot".into(), json!(wall));
                }
                let cpu_key = if f.per == "ballot" {
                    "cpu_ms_per_ballot"
                } else {
                    "cpu_ms"
                };
                map.insert(cpu_key.into(), json!(f.cpu));
                map.insert("cpu_over_wall".into(), json!(f.cpu_over_wall));
            }
            (f.key.to_string(), entry)
        })
        .collect();
    json!({
        "encrypt_ms_per_ballot": figure(figures, "encrypt"),
        "verify_ms_per_ballot": figure(figures, "verify"),
        "tally_decrypt_ms": figure(figures, "tally_decrypt"),
        "key_ceremony_ms": figure(figures, "key_ceremony"),
        "verifier_ms": figure(figures, "verifier"),
        "machine": {
            "cpu": context.cpu,
            "cores": context.cores,
            "os": std::env::consts::OS,
            "arch": std::env::consts::ARCH,
            "arithmetic": context.arithmetic,
        },
        "threads": context.threads,
        "workload": {
            "name": context.workload,
            "ballot_styles": context.styles,
            "contests": context.contests,
            "options": context.options,
            "ballots": context.ballots,
            "guardians": context.guardians.0,
            "quorum": context.guardians.1,
            "group": context.group,
            "runs": context.runs,
            "seed": context.seed,
        },
        "ops_method": "derived from the workload shape (crates/scrutin-cli/src/commands/bench/counts.rs), not counted at run time",
        "phases": phases,
        "scrutin_version": env!("CARGO_PKG_VERSION"),
    })
}

/// Milliseconds with three significant digits or more.
fn ms(value: f64) -> String {
    if value >= 100.0 {
        format!("{value:.0} ms")
    } else if value >= 10.0 {
        format!("{value:.1} ms")
    } else {
        format!("{value:.2} ms")
    }
}

fn describe(ops: &Ops) -> String {
    let mut parts = Vec::new();
    if ops.exponentiations() > 0 {
        parts.push(format!(
            "{} exp ({} fixed-base + {} other)",
            ops.exponentiations(),
            ops.fixed_base,
            ops.variable_base
        ));
    }
    if ops.subgroup_checks > 0 {
        parts.push(format!("{} members", ops.subgroup_checks));
    }
    if ops.multiplications > 0 {
        parts.push(format!("{} mul", ops.multiplications));
    }
    parts.join(", ")
}

/// The table for people.
pub fn print_table(context: &Context, figures: &[Figure]) {
    let styles = if context.styles > 1 {
        format!(" in the first of {} ballot styles", context.styles)
    } else {
        String::new()
    };
    println!(
        "scrutin bench: {} ({} contests, {} options per ballot{styles}), {} ballots × {} run(s), {} guardians, quorum {}, group {}",
        context.workload,
        context.contests,
        context.options,
        context.ballots,
        context.runs,
        context.guardians.0,
        context.guardians.1,
        context.group
    );
    println!(
        "machine: {}, {} cores; {} thread(s); arithmetic: {}",
        context.cpu, context.cores, context.threads, context.arithmetic
    );
    println!();
    println!(
        "{:<32} {:>10} {:>22} {:>22} {:>12} {:>8}  operations (per figure, from the workload's shape)",
        "figure", "median", "p10 – p90", "min – max", "wall/ballot", "cpu/wall"
    );
    for f in figures {
        let s = &f.summary;
        let (inner, outer) = if s.samples > 1 {
            (
                format!("{} – {}", ms(s.p10), ms(s.p90)),
                format!("{} – {}", ms(s.min), ms(s.max)),
            )
        } else {
            ("(one sample)".to_string(), String::new())
        };
        println!(
            "{:<32} {:>10} {:>22} {:>22} {:>12} {:>8}  {}",
            f.label,
            ms(s.median),
            inner,
            outer,
            f.wall_per_ballot.map(ms).unwrap_or_default(),
            f.cpu_over_wall
                .map(|r| format!("{r:.2}"))
                .unwrap_or_default(),
            f.ops.as_ref().map(describe).unwrap_or_default()
        );
    }
    println!();
    println!(
        "Per-ballot figures time each ballot on its own ({} samples per run); wall/ballot is the \
         whole phase's wall time over the ballots, on {} thread(s); cpu/wall is the process's CPU \
         time over the phase's wall time (below the thread count: the phase waited for a core). \
         \"members\": elements tested for membership in the group.",
        context.ballots, context.threads
    );
}
