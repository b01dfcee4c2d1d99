//! The decryption on the board (§3.6.5): the available guardians' three rounds of messages,
//! each checked for its attempt (the current one: 1, or that of the latest restart,
//! `super::restart`), for its shape against the closed election (the set U, the challenged
//! ballots, one item per option), for its round's order, and for the membership of its
//! values (M_i and a_i, b_i in Z_p^r, v_i in Z_q, d_i a hash: §5.1, decoded by
//! `scrutin_record::v21::working_decode`). The proofs the messages make up are checked
//! where they are combined (`scrutin decrypt combine`, Note 3.7), and the combined result
//! by the verifier before the board accepts it.

use super::rules::{parse, Item, Phase, State};
use crate::error::BoardError;
use crate::items::Kind;
use scrutin_core::ParameterSet;
use scrutin_record::v21::working::{
    DecryptionCommitmentJson, DecryptionResponseJson, DecryptionRevealJson,
};
use scrutin_record::v21::working_attempts::{attempt_of_folder, restart_key};
use scrutin_record::v21::working_decode;

/// The fields every decryption message shares, with its item counts.
struct Shape {
    guardian: u32,
    available: Vec<u32>,
    challenged: Vec<String>,
    tally_items: usize,
    nonce_items: usize,
}

fn shape(item: &Item) -> Result<Shape, BoardError> {
    Ok(match item.kind {
        Kind::DecryptionCommit => {
            let m: DecryptionCommitmentJson = parse(&item.key, &item.bytes)?;
            Shape {
                guardian: m.guardian,
                available: m.available_guardians,
                challenged: m.challenged_ballot_ids,
                tally_items: m.tally.len(),
                nonce_items: m.ballot_nonces.len(),
            }
        }
        Kind::DecryptionReveal => {
            let m: DecryptionRevealJson = parse(&item.key, &item.bytes)?;
            Shape {
                guardian: m.guardian,
                available: m.available_guardians,
                challenged: m.challenged_ballot_ids,
                tally_items: m.tally.len(),
                nonce_items: m.ballot_nonces.len(),
            }
        }
        _ => {
            let m: DecryptionResponseJson = parse(&item.key, &item.bytes)?;
            Shape {
                guardian: m.guardian,
                available: m.available_guardians,
                challenged: m.challenged_ballot_ids,
                tally_items: m.tally.len(),
                nonce_items: m.ballot_nonces.len(),
            }
        }
    })
}

/// Decodes a message's values, refusing one outside its group or of the wrong width (the
/// membership checks of §5.1 that a guardian's message must pass before anyone combines it).
fn members<P: ParameterSet>(item: &Item) -> Result<(), BoardError> {
    let file = std::path::Path::new(&item.key);
    match item.kind {
        Kind::DecryptionCommit => {
            let m: DecryptionCommitmentJson = parse(&item.key, &item.bytes)?;
            working_decode::commitments::<P>(file, &m)?;
        }
        Kind::DecryptionReveal => {
            let m: DecryptionRevealJson = parse(&item.key, &item.bytes)?;
            working_decode::reveals::<P>(file, &m)?;
        }
        _ => {
            let m: DecryptionResponseJson = parse(&item.key, &item.bytes)?;
            working_decode::responses::<P>(file, &m)?;
        }
    }
    Ok(())
}

impl<P: ParameterSet> State<P> {
    /// A decryption message: from a guardian of U, with the U of every other message (at
    /// least k guardians, increasing), the board's challenged ballots, one item per option
    /// and per challenged ballot, and after every guardian of U sent the previous round.
    pub(super) fn check_decryption(&self, item: &Item) -> Result<(), BoardError> {
        self.require(Phase::Decryption, "a decryption message")?;
        let closed = self
            .closed
            .as_ref()
            .ok_or_else(|| BoardError::Internal("decrypting an election not closed".into()))?;
        let m = shape(item)?;
        self.check_attempt(item)?;
        self.check_available(&m.available)?;
        if !m.available.contains(&m.guardian) {
            return Err(BoardError::BadInput(format!(
                "guardian {} is not in available_guardians {:?}",
                m.guardian, m.available
            )));
        }
        if let Some(fixed) = &self.decrypting.available {
            if *fixed != m.available {
                return Err(BoardError::rejected_plain(format!(
                    "the decryption on the board is by guardians {fixed:?}; this message is \
                     for {:?}",
                    m.available
                )));
            }
        }
        if m.challenged != closed.challenged {
            return Err(BoardError::rejected_plain(format!(
                "the message decrypts the nonces of challenged ballots {:?}; the challenged \
                 ballots on the board are {:?}",
                m.challenged, closed.challenged
            )));
        }
        if m.tally_items != closed.options || m.nonce_items != closed.challenged.len() {
            return Err(BoardError::rejected_plain(format!(
                "the message has {} tally items and {} ballot nonces; the board has {} \
                 options and {} challenged ballots",
                m.tally_items,
                m.nonce_items,
                closed.options,
                closed.challenged.len()
            )));
        }
        members::<P>(item)?;
        let previous = match item.kind {
            Kind::DecryptionReveal => Some(("committed", &self.decrypting.committed)),
            Kind::DecryptionResponse => Some(("revealed", &self.decrypting.revealed)),
            _ => None,
        };
        if let Some((done, senders)) = previous {
            if let Some(missing) = m.available.iter().find(|i| !senders.contains(i)) {
                return Err(BoardError::WrongPhase(format!(
                    "guardian {missing} has not {done} yet: every guardian of {:?} must have \
                     {done} before this round",
                    m.available
                )));
            }
        }
        Ok(())
    }

    /// U as a message or a restart names it: at least k increasing indices from 1 to n
    /// (§3.6.5: any k guardians can decrypt).
    pub(super) fn check_available(&self, available: &[u32]) -> Result<(), BoardError> {
        let (n, k) = (self.counts.n, self.counts.k);
        let increasing = available.windows(2).all(|w| matches!(w, [a, b] if a < b));
        let in_range = available.iter().all(|i| (1..=n).contains(i));
        if !increasing || !in_range || available.len() < k as usize {
            return Err(BoardError::BadInput(format!(
                "available_guardians {available:?}: need at least {k} increasing indices from \
                 1 to {n}"
            )));
        }
        Ok(())
    }

    /// A message must be of the current attempt: once the administrator restarted the
    /// decryption, the messages of earlier attempts can no longer complete it.
    fn check_attempt(&self, item: &Item) -> Result<(), BoardError> {
        let attempt = item
            .key
            .rsplit_once('/')
            .and_then(|(folder, _)| attempt_of_folder(folder))
            .ok_or_else(|| {
                BoardError::Internal(format!("{}: not a decryption message's key", item.key))
            })?;
        let current = self.decrypting.attempt;
        if attempt < current {
            return Err(BoardError::WrongPhase(format!(
                "attempt {attempt} of the decryption was replaced by attempt {current} \
                 ({}): post the messages of attempt {current} (?attempt={current})",
                restart_key(current)
            )));
        }
        if attempt > current {
            return Err(BoardError::WrongPhase(format!(
                "the decryption is at attempt {current}: no restart has begun attempt \
                 {attempt}"
            )));
        }
        Ok(())
    }

    pub(super) fn absorb_decryption(&mut self, item: &Item) -> Result<(), BoardError> {
        let m = shape(item)?;
        if self.decrypting.available.is_none() {
            self.decrypting.available = Some(m.available);
        }
        let senders = match item.kind {
            Kind::DecryptionCommit => &mut self.decrypting.committed,
            Kind::DecryptionReveal => &mut self.decrypting.revealed,
            _ => &mut self.decrypting.responded,
        };
        senders.insert(m.guardian);
        Ok(())
    }

    /// The results can be posted once every guardian of U has responded.
    pub(super) fn check_results_phase(&self) -> Result<(), BoardError> {
        self.require(Phase::Decryption, "the results")?;
        let Some(available) = &self.decrypting.available else {
            return Err(BoardError::WrongPhase(
                "no guardian has started decrypting yet".into(),
            ));
        };
        if let Some(missing) = available
            .iter()
            .find(|i| !self.decrypting.responded.contains(i))
        {
            return Err(BoardError::WrongPhase(format!(
                "guardian {missing} has not responded yet"
            )));
        }
        Ok(())
    }
}
