//! Where the decryption's attempts keep their messages (docs/record-format.md, "Restarting
//! the decryption"). Attempt 1 is the decryption as it starts, its messages in
//! `decryption/`. When a guardian of its set U stalls, the administrator restarts the
//! decryption with another U as attempt n ≥ 2 (`decryption/restart-<n>.json`); the
//! messages of attempt n live in `decryption/attempt-<n>/`, so that no message of an
//! earlier attempt is overwritten or mistaken for one of the current attempt.

use super::layout::RecordDir;
use super::working_layout::{Round, DECRYPTION};
use crate::error::RecordError;
use std::path::PathBuf;

/// The attempt a decryption starts with, whose messages are in `decryption/` itself.
pub const FIRST_ATTEMPT: u32 = 1;

/// The prefix of a restart's file name, `restart-<n>.json`.
const RESTART_PREFIX: &str = "restart-";

/// The prefix of an attempt's folder name, `attempt-<n>`.
const ATTEMPT_PREFIX: &str = "attempt-";

/// The folder of attempt `attempt`'s messages, relative to the record:
/// `decryption` for the first, `decryption/attempt-<n>` for the others.
pub fn attempt_folder(attempt: u32) -> String {
    if attempt <= FIRST_ATTEMPT {
        DECRYPTION.to_string()
    } else {
        format!("{DECRYPTION}/{ATTEMPT_PREFIX}{attempt}")
    }
}

/// The attempt whose messages lie in `folder` (a record path such as
/// `decryption/attempt-2`); `None` for any other folder. `attempt-1` is not a folder
/// of the layout: the first attempt's messages are in `decryption/`.
pub fn attempt_of_folder(folder: &str) -> Option<u32> {
    if folder == DECRYPTION {
        return Some(FIRST_ATTEMPT);
    }
    let digits = folder
        .strip_prefix(DECRYPTION)?
        .strip_prefix('/')?
        .strip_prefix(ATTEMPT_PREFIX)?;
    plain_number(digits).filter(|n| *n > FIRST_ATTEMPT)
}

/// `decryption/restart-<n>.json`, relative to the record.
pub fn restart_key(attempt: u32) -> String {
    format!("{DECRYPTION}/{RESTART_PREFIX}{attempt}.json")
}

/// The attempt a restart's file name `restart-<n>.json` begins; `None` for another name.
pub fn attempt_of_restart_file(name: &str) -> Option<u32> {
    let digits = name.strip_prefix(RESTART_PREFIX)?.strip_suffix(".json")?;
    plain_number(digits).filter(|n| *n > FIRST_ATTEMPT)
}

/// A decimal number written without sign or leading zero, as the layout writes them.
fn plain_number(digits: &str) -> Option<u32> {
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !(digits.len() > 1 && digits.starts_with('0'));
    plain.then(|| digits.parse().ok()).flatten()
}

impl RecordDir {
    /// The folder of attempt `attempt`'s messages.
    pub fn attempt_dir(&self, attempt: u32) -> PathBuf {
        self.path(&attempt_folder(attempt))
    }

    /// `<attempt folder>/<round>-<guardian>.json`.
    pub fn attempt_message_path(&self, attempt: u32, round: Round, guardian: u32) -> PathBuf {
        self.attempt_dir(attempt)
            .join(format!("{}-{guardian}.json", round.prefix()))
    }

    /// `decryption/restart-<n>.json`.
    pub fn restart_path(&self, attempt: u32) -> PathBuf {
        self.path(&restart_key(attempt))
    }

    /// The guardians that have a message of `round` in attempt `attempt`'s folder,
    /// increasing. Other files are ignored.
    pub fn attempt_message_senders(
        &self,
        attempt: u32,
        round: Round,
    ) -> Result<Vec<u32>, RecordError> {
        let prefix = format!("{}-", round.prefix());
        let mut senders: Vec<u32> = self
            .names_in(&self.attempt_dir(attempt))?
            .iter()
            .filter_map(|name| {
                let digits = name.strip_prefix(&prefix)?.strip_suffix(".json")?;
                digits.parse().ok()
            })
            .collect();
        senders.sort_unstable();
        senders.dedup();
        Ok(senders)
    }

    /// The latest attempt of the decryption: the highest n of the restarts in
    /// `decryption/`, or the first attempt when there is none.
    pub fn latest_attempt(&self) -> Result<u32, RecordError> {
        let latest = self
            .names_in(&self.path(DECRYPTION))?
            .iter()
            .filter_map(|name| attempt_of_restart_file(name))
            .max();
        Ok(latest.unwrap_or(FIRST_ATTEMPT))
    }

    /// The names of the entries of `dir`; none when it does not exist.
    fn names_in(&self, dir: &std::path::Path) -> Result<Vec<String>, RecordError> {
        if !dir.exists() {
            return Ok(Vec::new());
        }
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| RecordError::io(dir, e))? {
            let entry = entry.map_err(|e| RecordError::io(dir, e))?;
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempt_folders_round_trip() {
        assert_eq!(attempt_folder(1), "decryption");
        assert_eq!(attempt_folder(3), "decryption/attempt-3");
        for attempt in [1, 2, 17] {
            assert_eq!(attempt_of_folder(&attempt_folder(attempt)), Some(attempt));
        }
        for other in [
            "decryption/attempt-1",
            "decryption/attempt-02",
            "decryption/attempt-",
            "decryption/attempt-2/x",
            "ceremony",
        ] {
            assert_eq!(attempt_of_folder(other), None, "{other}");
        }
        assert_eq!(restart_key(2), "decryption/restart-2.json");
        assert_eq!(attempt_of_restart_file("restart-2.json"), Some(2));
        assert_eq!(attempt_of_restart_file("restart-1.json"), None);
        assert_eq!(attempt_of_restart_file("restart-x.json"), None);
    }

    #[test]
    fn the_latest_attempt_is_the_last_restart() {
        let dir = tempfile::tempdir().unwrap();
        let record = RecordDir::new(dir.path());
        assert_eq!(record.latest_attempt().unwrap(), 1);
        std::fs::create_dir_all(record.attempt_dir(3)).unwrap();
        for name in ["restart-2.json", "restart-3.json", "commit-1.json"] {
            std::fs::write(record.path(DECRYPTION).join(name), b"{}").unwrap();
        }
        assert_eq!(record.latest_attempt().unwrap(), 3);
        std::fs::write(record.attempt_message_path(3, Round::Commit, 2), b"{}").unwrap();
        assert_eq!(
            record.attempt_message_senders(3, Round::Commit).unwrap(),
            vec![2]
        );
        assert!(record
            .attempt_message_path(3, Round::Reveal, 1)
            .ends_with("decryption/attempt-3/reveal-1.json"));
        assert_eq!(
            record.attempt_message_senders(1, Round::Commit).unwrap(),
            vec![1]
        );
    }
}
