//! `scrutin encrypt`: a voting device encrypts plaintext ballots into the record (§3.3–3.4),
//! continuing its chain of confirmation codes across sessions.

use super::context::{self, in_group, GroupTask};
use super::device::Device;
use super::failure::{finish, Failure};
use super::{plaintext, progress};
use crate::cli::EncryptArgs;
use crate::exit::Exit;
use scrutin_core::ballot::DeviceInfo;
use scrutin_core::{HValue, ParameterSet};
use scrutin_record::v21::layout::{self, check_file_id, RecordDir};
use scrutin_record::v21::source::RecordSource;
use scrutin_record::v21::wire::EncryptedBallotJson;
use scrutin_record::{hexfield, json_file, FileKind};
use scrutin_verify::v21::Setup;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Runs `scrutin encrypt`.
pub fn run(args: &EncryptArgs) -> Exit {
    finish(in_group(&RecordDir::new(&args.record), args))
}

impl GroupTask for &EncryptArgs {
    fn run<P: ParameterSet>(self, record: &RecordDir) -> Result<(), Failure> {
        check_file_id(&self.device)
            .map_err(|p| Failure::bad_input(format!("--device {:?}: {p}", self.device)))?;
        if record.has(layout::ENCRYPTED_TALLY) {
            return Err(Failure::bad_input(format!(
                "{} is tallied already ({} exists): no more ballots can be added",
                record.root().display(),
                layout::ENCRYPTED_TALLY
            )));
        }
        let setup = context::setup::<P>(record)?;
        let voters = plaintext::read(&self.ballots, setup.manifest())?;
        let existing = ballot_ids(record)?;
        if let Some(voter) = voters.iter().find(|v| existing.contains(&v.ballot.name)) {
            return Err(Failure::bad_input(format!(
                "{}: ballot id {:?} is in the record already",
                self.ballots.display(),
                voter.ballot.name
            )));
        }
        let _lock = DeviceLock::acquire(record, &self.device)?;
        let mut device = self.open_device(record, &setup)?;
        let manifest = setup.manifest();
        let bar = progress::bar(voters.len() as u64, "encrypting");
        let mut done = Vec::with_capacity(voters.len());
        for voter in &voters {
            match device.encrypt(manifest, setup.context(), &voter.ballot, voter.challenge) {
                Ok(ballot) => done.push((ballot.name, voter.challenge, ballot.confirmation_code)),
                Err(message) => {
                    bar.finish_and_clear();
                    // The ballots written so far stay in the chain.
                    device.write_chain(manifest).map_err(Failure::write)?;
                    return Err(Failure::failed(message));
                }
            }
            bar.inc(1);
        }
        bar.finish_and_clear();
        device.write_chain(manifest).map_err(Failure::write)?;
        println!(
            "device {}: {} ballots encrypted into {}",
            self.device,
            done.len(),
            record
                .path(layout::ENCRYPTED_BALLOTS)
                .join(&self.device)
                .display()
        );
        println!("  {:<24} {:<10} confirmation code", "ballot", "state");
        for (id, challenged, code) in &done {
            let state = if *challenged { "CHALLENGED" } else { "CAST" };
            println!("  {id:<24} {state:<10} {}", code.to_hex());
        }
        Ok(())
    }
}

impl EncryptArgs {
    /// The device, fresh or continuing the chain of its `ballot_chain.json`.
    fn open_device<'r, P: ParameterSet>(
        &self,
        record: &'r RecordDir,
        setup: &Setup<P>,
    ) -> Result<Device<'r>, Failure> {
        let (manifest, ctx) = (setup.manifest(), setup.context());
        let chain_file = record.chain_path(&self.device);
        if !chain_file.exists() {
            let dir = record.path(layout::ENCRYPTED_BALLOTS).join(&self.device);
            if record
                .ballot_files()?
                .iter()
                .any(|f| f.device == self.device)
            {
                return Err(Failure::bad_input(format!(
                    "{} has ballots but no {}: the device's chain is lost",
                    dir.display(),
                    layout::BALLOT_CHAIN
                )));
            }
            let info = self
                .device_info
                .clone()
                .unwrap_or_else(|| format!("scrutin voting device {}", self.device));
            let info = DeviceInfo {
                device: self.device.clone(),
                info,
            };
            return Ok(Device::new(record, manifest, ctx, info));
        }
        let chain = record.chain(&self.device)?;
        if chain.voting_device != self.device || chain.chaining != manifest.json.chaining {
            return Err(Failure::invalid(format!(
                "{}: the chain is for device {:?} with chaining {:?}, expected {:?} and {:?}",
                chain_file.display(),
                chain.voting_device,
                chain.chaining,
                self.device,
                manifest.json.chaining
            )));
        }
        if let Some(given) = self
            .device_info
            .as_ref()
            .filter(|i| **i != chain.device_info)
        {
            return Err(Failure::bad_input(format!(
                "--device-info {given:?} differs from the device information {:?} its chain \
                 started with ({})",
                chain.device_info,
                chain_file.display()
            )));
        }
        let last = match chain.ballot_ids.last() {
            None => HValue([0; 32]),
            Some(id) => {
                let file = record.ballot_path(&self.device, id);
                let json: EncryptedBallotJson = json_file::read(&file, FileKind::Ballot)?;
                hexfield::hash(&file, "confirmation_code", &json.confirmation_code)?
            }
        };
        let info = DeviceInfo {
            device: self.device.clone(),
            info: chain.device_info,
        };
        Ok(Device::resume(
            record,
            manifest,
            ctx,
            info,
            chain.ballot_ids,
            &last,
        ))
    }
}

/// The ids of the ballots in the record, from their file names.
fn ballot_ids(record: &RecordDir) -> Result<BTreeSet<String>, Failure> {
    Ok(record
        .ballot_files()?
        .iter()
        .filter_map(|f| f.path.file_name()?.to_str())
        .filter_map(|name| name.strip_prefix("eballot-")?.strip_suffix(".json"))
        .map(str::to_string)
        .collect())
}

/// One `scrutin encrypt` at a time per device: two would fork its chain. The lock file sits in
/// the device's directory and is removed when the command ends.
struct DeviceLock {
    path: PathBuf,
}

impl DeviceLock {
    fn acquire(record: &RecordDir, device: &str) -> Result<Self, Failure> {
        let dir = record.path(layout::ENCRYPTED_BALLOTS).join(device);
        std::fs::create_dir_all(&dir)
            .map_err(|e| Failure::failed(format!("cannot create {}: {e}", dir.display())))?;
        let path = dir.join(".encrypt.lock");
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Failure::bad_input(format!(
                        "device {device} is busy: {} exists (another `scrutin encrypt` is \
                         running for it, or one was interrupted: then remove the file)",
                        path.display()
                    ))
                } else {
                    Failure::failed(format!("cannot create {}: {e}", path.display()))
                }
            })?;
        Ok(DeviceLock { path })
    }
}

impl Drop for DeviceLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
