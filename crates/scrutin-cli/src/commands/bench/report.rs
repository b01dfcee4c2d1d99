//! The figures of `scrutin bench`, as a table for people or one JSON object.

use super::counts::{Counts, Ops};
use super::phases::Timings;
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
}

/// One figure: what it times, per what, its samples' summary and the operations it stands for.
pub struct Figure {
    /// The JSON key.
    pub key: &'static str,
    /// The table label.
    pub label: String,
    /// "ballot" or "election".
    pub per: &'static str,
    /// Median and spread.
    pub summary: Summary,
    /// For the per-ballot phases: the phase's wall time divided by the ballots (median over
    /// runs), which is what parallel threads bring down.
    pub wall_per_ballot: Option<f64>,
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
    let all = |f: fn(&Timings) -> &[f64]| -> Vec<f64> {
        runs.iter().flat_map(|t| f(t).iter().copied()).collect()
    };
    let each = |f: fn(&Timings) -> f64| -> Vec<f64> { runs.iter().map(f).collect() };
    let per_ballot =
        |f: fn(&Timings) -> f64| median(runs.iter().map(|t| f(t) / f64::from(ballots)));
    vec![
        Figure {
            key: "key_ceremony",
            label: "key ceremony".into(),
            per: "election",
            summary: summary(&each(|t| t.key_ceremony)),
            wall_per_ballot: None,
            ops: None,
        },
        Figure {
            key: "encrypt",
            label: "encrypt one ballot".into(),
            per: "ballot",
            summary: summary(&all(|t| &t.encrypt)),
            wall_per_ballot: per_ballot(|t| t.encrypt_wall),
            ops: Some(counts.encrypt),
        },
        Figure {
            key: "verify",
            label: "verify one ballot".into(),
            per: "ballot",
            summary: summary(&all(|t| &t.verify)),
            wall_per_ballot: per_ballot(|t| t.verify_wall),
            ops: Some(counts.verify),
        },
        Figure {
            key: "tally",
            label: format!("tally {ballots} ballots"),
            per: "election",
            summary: summary(&each(|t| t.tally)),
            wall_per_ballot: None,
            ops: Some(counts.tally),
        },
        Figure {
            key: "decrypt",
            label: format!("decrypt the tally, {quorum} guardians"),
            per: "election",
            summary: summary(&each(|t| t.decrypt)),
            wall_per_ballot: None,
            ops: Some(counts.decrypt),
        },
        Figure {
            key: "tally_decrypt",
            label: "tally + decrypt".into(),
            per: "election",
            summary: summary(&each(|t| t.tally + t.decrypt)),
            wall_per_ballot: None,
            ops: Some(counts.tally.add(counts.decrypt)),
        },
        Figure {
            key: "verifier",
            label: "verifier, whole record".into(),
            per: "election",
            summary: summary(&each(|t| t.verifier)),
            wall_per_ballot: per_ballot(|t| t.verifier),
            ops: Some(counts.verifier),
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
            if let (Some(wall), Some(map)) = (f.wall_per_ballot, entry.as_object_mut()) {
                map.insert("wall_ms_per_ballot".into(), json!(wall));
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
        "machine: {}, {} cores; {} thread(s)",
        context.cpu, context.cores, context.threads
    );
    println!();
    println!(
        "{:<32} {:>10} {:>22} {:>22} {:>12}  operations (per figure, from the workload's shape)",
        "figure", "median", "p10 – p90", "min – max", "wall/ballot"
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
            "{:<32} {:>10} {:>22} {:>22} {:>12}  {}",
            f.label,
            ms(s.median),
            inner,
            outer,
            f.wall_per_ballot.map(ms).unwrap_or_default(),
            f.ops.as_ref().map(describe).unwrap_or_default()
        );
    }
    println!();
    println!(
        "Per-ballot figures time each ballot on its own ({} samples per run); wall/ballot is the \
         whole phase's wall time over the ballots, on {} thread(s). \"members\": elements tested \
         for membership in the group.",
        context.ballots, context.threads
    );
}
