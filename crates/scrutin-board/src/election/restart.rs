//! The administrator restarts a stalled decryption (`decryption/restart-<n>.json`): when a
//! guardian of U stalls or misbehaves, the three rounds of §3.6.5 cannot complete, but any
//! k guardians can decrypt, so the decryption begins again as attempt n with another set
//! U. The messages of the attempt it replaces stay on the log; only those of attempt n can
//! complete the decryption (`super::decryption`).

use super::rules::{parse, Item, Phase, State};
use crate::error::BoardError;
use scrutin_core::ParameterSet;
use scrutin_record::v21::working::DecryptionRestartJson;
use std::collections::BTreeSet;

impl<P: ParameterSet> State<P> {
    /// A restart: during the decryption, before its current attempt completed (then the
    /// results are due instead), beginning the next attempt, with a U of at least k
    /// guardians (§3.6.5).
    pub(super) fn check_restart(&self, item: &Item) -> Result<(), BoardError> {
        self.require(Phase::Decryption, "a restart of the decryption")?;
        let restart: DecryptionRestartJson = parse(&item.key, &item.bytes)?;
        let current = self.decrypting.attempt;
        let next = current.saturating_add(1);
        if restart.attempt <= current {
            return Err(BoardError::WrongPhase(format!(
                "the decryption is at attempt {current} already: the next restart begins \
                 attempt {next}"
            )));
        }
        if restart.attempt != next {
            return Err(BoardError::BadInput(format!(
                "the decryption is at attempt {current}: a restart begins attempt {next}, \
                 not {}",
                restart.attempt
            )));
        }
        if let Some(available) = &self.decrypting.available {
            if available
                .iter()
                .all(|i| self.decrypting.responded.contains(i))
            {
                return Err(BoardError::WrongPhase(format!(
                    "attempt {current} of the decryption is complete (every guardian of \
                     {available:?} responded): post the results instead of restarting"
                )));
            }
        }
        self.check_available(&restart.available_guardians)
    }

    /// Begins the restart's attempt: its U is fixed, and no guardian has sent a message of
    /// it yet.
    pub(super) fn absorb_restart(&mut self, item: &Item) -> Result<(), BoardError> {
        let restart: DecryptionRestartJson = parse(&item.key, &item.bytes)?;
        let decrypting = &mut self.decrypting;
        decrypting.attempt = restart.attempt;
        decrypting.available = Some(restart.available_guardians);
        decrypting.committed = BTreeSet::new();
        decrypting.revealed = BTreeSet::new();
        decrypting.responded = BTreeSet::new();
        Ok(())
    }
}
