//! `scrutin election create | initialize`: the administrator's steps before and after the key
//! ceremony, and the writing of the files they produce (shared with `scrutin demo`).

use super::ceremony::{self, NamedKey};
use super::context::{self, in_group, GroupTask};
use super::failure::{finish, Failure};
use crate::cli::{ElectionCommand, ElectionCreateArgs, GroupChoice};
use crate::exit::Exit;
use scrutin_core::ceremony::{guardian_record_hash, joint_keys};
use scrutin_core::election::ElectionContext;
use scrutin_core::group::{ParameterSet, Standard, Toy256};
use scrutin_core::parameters::{election_base_hash, parameter_base_hash, GuardianCounts};
use scrutin_core::HValue;
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::layout::{self, RecordDir};
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::RecordError;
use scrutin_record::{json_file, FileKind};

/// Runs a `scrutin election` command.
pub fn run(command: &ElectionCommand) -> Exit {
    finish(match command {
        ElectionCommand::Create(args) => match args.group {
            GroupChoice::Standard => create::<Standard>(args),
            GroupChoice::Toy => create::<Toy256>(args),
        },
        ElectionCommand::Initialize(args) => in_group(&RecordDir::new(&args.record), Initialize),
    })
}

/// Writes `constants.json`, `manifest.json` (the manifest's exact bytes) and
/// `election_config.json` for a new election (§3.1); returns H_P and H_B (equations 4–5).
pub fn write_election<P: ParameterSet>(
    record: &RecordDir,
    manifest: &Manifest,
    counts: GuardianCounts,
) -> Result<(HValue, HValue), RecordError> {
    let hp = parameter_base_hash::<P>(counts);
    let hb = election_base_hash(&hp, &manifest.bytes);
    json_file::write(&record.path(layout::CONSTANTS), &enc::constants::<P>())?;
    json_file::write_bytes(&record.path(layout::MANIFEST), &manifest.bytes)?;
    json_file::write(
        &record.path(layout::ELECTION_CONFIG),
        &enc::election_config(counts, &hp, &hb),
    )?;
    Ok((hp, hb))
}

/// Writes `election_initialized.json`: K, K̂, H_G (equation 27), H_E and the guardian record,
/// in index order; returns H_G.
pub fn write_initialized<P: ParameterSet>(
    record: &RecordDir,
    context: &ElectionContext<P>,
    guardians: &[NamedKey<P>],
) -> Result<HValue, RecordError> {
    let mut ordered: Vec<&NamedKey<P>> = guardians.iter().collect();
    ordered.sort_by_key(|g| g.key.index);
    let keys: Vec<_> = ordered.iter().map(|g| g.key.clone()).collect();
    let hg = guardian_record_hash(
        &context.base_hash,
        &context.vote_key,
        &context.data_key,
        &keys,
    );
    let named: Vec<_> = ordered.iter().map(|g| (g.name.as_str(), &g.key)).collect();
    json_file::write(
        &record.path(layout::ELECTION_INITIALIZED),
        &enc::election_initialized(context, &hg, &named),
    )?;
    Ok(hg)
}

/// `election create`.
fn create<P: ParameterSet>(args: &ElectionCreateArgs) -> Result<(), Failure> {
    let counts = GuardianCounts::new(args.guardians, args.quorum).ok_or_else(|| {
        Failure::bad_input(format!(
            "need 1 ≤ quorum ≤ guardians < 2^31 (got --quorum {} of --guardians {})",
            args.quorum, args.guardians
        ))
    })?;
    let bytes = json_file::read_bytes(&args.manifest, FileKind::Manifest)?;
    let manifest = Manifest::from_bytes(&args.manifest, bytes)?;
    let record = RecordDir::new(&args.record);
    for name in [layout::CONSTANTS, layout::MANIFEST, layout::ELECTION_CONFIG] {
        if record.has(name) {
            return Err(Failure::bad_input(format!(
                "{} holds an election already ({name} exists)",
                record.root().display()
            )));
        }
    }
    let (hp, hb) = write_election::<P>(&record, &manifest, counts).map_err(Failure::write)?;
    println!(
        "election {:?} created in {}",
        manifest.label,
        record.root().display()
    );
    println!(
        "  {} contests, {} ballot styles, chaining {}",
        manifest.contests.len(),
        manifest.ballot_styles.len(),
        manifest.json.chaining
    );
    println!(
        "  {} guardians, quorum {}, parameters {}",
        counts.n,
        counts.k,
        P::NAME
    );
    println!("  H_P = {}", hp.to_hex());
    println!("  H_B = {}", hb.to_hex());
    println!(
        "next: each guardian i runs `scrutin guardian keygen --record {} --index i --secret FILE`",
        record.root().display()
    );
    Ok(())
}

/// `election initialize`: checks every public key and every share's proof, then computes and
/// writes the joint keys and hashes (§3.2.2–3.2.3).
struct Initialize;

impl GroupTask for Initialize {
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure> {
        if record.has(layout::ELECTION_INITIALIZED) {
            return Err(Failure::bad_input(format!(
                "{} is initialized already ({} exists)",
                record.root().display(),
                layout::ELECTION_INITIALIZED
            )));
        }
        let parameters = context::parameters::<P>(record)?;
        let keys = ceremony::read_public_keys::<P>(record, &parameters)?;
        // Every share must have been sent, with a valid proof; the recipients check the
        // values themselves (receive-shares) and complain if one is wrong.
        for from in 1..=parameters.counts.n {
            for to in (1..=parameters.counts.n).filter(|to| *to != from) {
                let share = ceremony::read_share::<P>(record, from, to)?;
                share
                    .verify_proof(&parameters.parameter_hash)
                    .map_err(|e| {
                        Failure::invalid(format!("{}: {e}", record.share_path(from, to).display()))
                    })?;
            }
        }
        let public: Vec<_> = keys.iter().map(|k| k.key.clone()).collect();
        let (vote_key, data_key) = joint_keys(&public)?;
        let context = ElectionContext::<P>::new(
            parameters.counts,
            &parameters.manifest.bytes,
            vote_key,
            data_key,
        );
        let hg = write_initialized(record, &context, &keys).map_err(Failure::write)?;
        println!(
            "election initialized: {}",
            record.path(layout::ELECTION_INITIALIZED).display()
        );
        println!(
            "  H_G = {} (each guardian compares it, §3.2.2)",
            hg.to_hex()
        );
        println!("  H_E = {}", context.extended_hash.to_hex());
        println!(
            "next: voting devices run `scrutin encrypt --record {} --device NAME --ballots FILE`",
            record.root().display()
        );
        Ok(())
    }
}
