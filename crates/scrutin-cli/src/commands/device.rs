//! A voting device writing into a record: it encrypts ballots with its own chain of
//! confirmation codes (§3.3–3.4), writes each `eballot-<id>.json`, and keeps its
//! `ballot_chain.json` in the device's order. Used by `scrutin encrypt` and `scrutin demo`.

use rand_core::OsRng;
use scrutin_core::ballot::{
    encrypt_ballot, ChainState, DeviceInfo, EncryptedBallot, PlaintextBallot,
};
use scrutin_core::election::ElectionContext;
use scrutin_core::{HValue, ParameterSet};
use scrutin_record::json_file;
use scrutin_record::v21::encode as enc;
use scrutin_record::v21::layout::RecordDir;
use scrutin_record::v21::manifest::Manifest;
use scrutin_record::v21::wire::BallotChainJson;
use scrutin_record::RecordError;

/// One device's session of encryption.
pub struct Device<'r> {
    record: &'r RecordDir,
    info: DeviceInfo,
    chain: ChainState,
    ids: Vec<String>,
}

impl<'r> Device<'r> {
    /// A device that has not encrypted anything yet.
    pub fn new<P: ParameterSet>(
        record: &'r RecordDir,
        manifest: &Manifest,
        ctx: &ElectionContext<P>,
        info: DeviceInfo,
    ) -> Self {
        let chain = ChainState::new(&ctx.extended_hash, &info, manifest.chaining);
        Device {
            record,
            info,
            chain,
            ids: Vec::new(),
        }
    }

    /// A device continuing the chain it published: `ids` are its ballots so far, in order,
    /// and `last` the confirmation code of the last one (equation 76).
    pub fn resume<P: ParameterSet>(
        record: &'r RecordDir,
        manifest: &Manifest,
        ctx: &ElectionContext<P>,
        info: DeviceInfo,
        ids: Vec<String>,
        last: &HValue,
    ) -> Self {
        let count = u64::try_from(ids.len()).unwrap_or(u64::MAX);
        let chain = ChainState::resume(&ctx.extended_hash, &info, manifest.chaining, last, count);
        Device {
            record,
            info,
            chain,
            ids,
        }
    }

    /// The device's name in the record.
    pub fn name(&self) -> &str {
        &self.info.device
    }

    /// Encrypts one ballot with the next chaining field, writes its file, and records it in
    /// the chain (cast or challenged). Fails if the plaintext does not fit its style or the
    /// file cannot be written.
    pub fn encrypt<P: ParameterSet>(
        &mut self,
        manifest: &Manifest,
        ctx: &ElectionContext<P>,
        plaintext: &PlaintextBallot,
        challenged: bool,
    ) -> Result<EncryptedBallot<P>, String> {
        let ballot = self.seal(manifest, ctx, plaintext)?;
        self.write(manifest, &ballot, challenged)?;
        Ok(ballot)
    }

    /// Encrypts one ballot with the next chaining field and advances the chain, without
    /// writing anything: the ballot must then be given to [`Self::write`], in the order sealed,
    /// before the next one is sealed or the chain written. (`scrutin bench` times this alone.)
    pub fn seal<P: ParameterSet>(
        &mut self,
        manifest: &Manifest,
        ctx: &ElectionContext<P>,
        plaintext: &PlaintextBallot,
    ) -> Result<EncryptedBallot<P>, String> {
        let style = manifest
            .style(&plaintext.style)
            .ok_or_else(|| format!("unknown ballot style {:?}", plaintext.style))?;
        let specs = manifest.style_contests(style);
        // The ballot nonce ξ_B is dropped here: a challenged ballot is opened by the guardians
        // decrypting its encrypted copy (§3.6.7), so the device keeps no secret.
        let (ballot, _secrets) =
            encrypt_ballot(&mut OsRng, ctx, &specs, plaintext, &mut self.chain)
                .map_err(|e| format!("ballot {}: {e}", plaintext.name))?;
        Ok(ballot)
    }

    /// Writes the file of a ballot this device sealed and lists it in the chain (cast or
    /// challenged); ballots are written in the order they were sealed.
    pub fn write<P: ParameterSet>(
        &mut self,
        manifest: &Manifest,
        ballot: &EncryptedBallot<P>,
        challenged: bool,
    ) -> Result<(), String> {
        let timestamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let json =
            enc::encrypted_ballot(manifest, ballot, &self.info.device, timestamp, challenged);
        json_file::write(
            &self.record.ballot_path(&self.info.device, &ballot.name),
            &json,
        )
        .map_err(|e| format!("cannot write {e}"))?;
        self.ids.push(ballot.name.clone());
        Ok(())
    }

    /// Writes `ballot_chain.json`: the ballots in order and, with simple chaining, the closing
    /// hash of the chain as it stands (equation 77), recomputed at every write.
    pub fn write_chain(&self, manifest: &Manifest) -> Result<(), RecordError> {
        let json = BallotChainJson {
            voting_device: self.info.device.clone(),
            device_info: self.info.info.clone(),
            chaining: manifest.json.chaining.clone(),
            ballot_ids: self.ids.clone(),
            closing_hash: self.chain.close().map(|h| h.to_hex()),
        };
        json_file::write(&self.record.chain_path(&self.info.device), &json)
    }
}
