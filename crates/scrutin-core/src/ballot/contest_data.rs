//! scrutin's encoding of a contest's data field D_Λ (§3.3.10, "Fixed-length encoding").
//!
//! The specification leaves the content of D_Λ to the implementation but requires a fixed
//! length of 32·b_Λ bytes filled unambiguously. scrutin writes:
//!
//! ```text
//! D = flags ∥ [count ∥ σ_1 ∥ … ∥ σ_count] ∥ b(len(w), 4) ∥ w ∥ 0x00 … 0x00
//! ```
//!
//! - `flags`, one byte: 0x01 = the contest was overvoted and the voter's selections follow;
//!   0x02 = the contest was overvoted but the selections did not fit and are omitted;
//!   0x04 = the write-in text was truncated to fit. 0x01 and 0x02 exclude each other; other
//!   bits are zero.
//! - `count` and the σ_j: present exactly when flag 0x01 is set; the number of options and the
//!   voter's value for each option in option order, each an unsigned LEB128 integer in its
//!   shortest form.
//! - `w`: the write-in text, UTF-8, after its 4-byte big-endian length (as strings are
//!   encoded for hashing, §5.1.4). Empty when there is none.
//! - Zero bytes up to 32·b_Λ. Because the text's length is explicit, padding can never be
//!   confused with text, and decoding requires it to be zero.
//!
//! When the content does not fit, the overvote record takes precedence over the text: if the
//! selections do not fit they are omitted (flag 0x02), and the text is cut at the last UTF-8
//! character boundary that fits (flag 0x04). One block (32 bytes) always holds the flags and
//! the length field.

use zeroize::Zeroizing;

/// Flag: overvote, selections recorded.
const OVERVOTE_RECORDED: u8 = 0x01;
/// Flag: overvote, selections omitted for lack of space.
const OVERVOTE_UNRECORDED: u8 = 0x02;
/// Flag: the write-in text was truncated.
const WRITE_IN_TRUNCATED: u8 = 0x04;
/// The width of the text length field.
const LENGTH_WIDTH: usize = 4;

/// Whether, and how, an overvote is recorded in the contest data (§3.3.5, "Overvotes").
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Overvote {
    /// The contest was not overvoted.
    #[default]
    None,
    /// The contest was overvoted; the voter's selections, one value per option.
    Recorded(Vec<u64>),
    /// The contest was overvoted, but the selections did not fit in the data field.
    Unrecorded,
}

/// The plaintext of a contest's data field: the overvote record and the write-in text.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ContestData {
    /// The overvote record.
    pub overvote: Overvote,
    /// The write-in text.
    pub write_in: String,
    /// Whether the text was cut to fit.
    pub write_in_truncated: bool,
}

/// Why bytes are not a valid contest data field in scrutin's encoding.
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContestDataError {
    /// The length is zero or not a multiple of 32.
    WrongLength(usize),
    /// The flags byte has unknown bits, or both overvote flags.
    BadFlags(u8),
    /// A LEB128 integer is truncated, too large or not in its shortest form.
    BadInteger,
    /// The text length runs past the end of the field.
    Overrun,
    /// The text is not UTF-8.
    NotUtf8,
    /// A padding byte is not zero.
    NonZeroPadding,
}

impl std::fmt::Display for ContestDataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ContestDataError::WrongLength(n) => {
                write!(
                    f,
                    "contest data has {n} bytes, not a positive multiple of 32"
                )
            }
            ContestDataError::BadFlags(b) => write!(f, "contest data flags 0x{b:02X} are invalid"),
            ContestDataError::BadInteger => f.write_str("contest data holds an invalid integer"),
            ContestDataError::Overrun => f.write_str("contest data text runs past the field"),
            ContestDataError::NotUtf8 => f.write_str("contest data text is not UTF-8"),
            ContestDataError::NonZeroPadding => f.write_str("contest data padding is not zero"),
        }
    }
}

impl std::error::Error for ContestDataError {}

impl ContestData {
    /// The data recorded for a contest: the overvote record (if `overvote` is given) and the
    /// write-in text.
    pub fn new(overvote: Option<&[u64]>, write_in: &str) -> Self {
        ContestData {
            overvote: overvote.map_or(Overvote::None, |s| Overvote::Recorded(s.to_vec())),
            write_in: write_in.to_string(),
            write_in_truncated: false,
        }
    }

    /// D_Λ in scrutin's encoding (module documentation), exactly 32·`blocks` bytes, omitting
    /// the selections and cutting the text where they do not fit. `None` if `blocks` is 0 or
    /// 32·`blocks` does not fit in memory.
    pub fn encode(&self, blocks: u32) -> Option<Zeroizing<Vec<u8>>> {
        let capacity = usize::try_from(blocks).ok()?.checked_mul(32)?;
        if capacity == 0 {
            return None;
        }
        let mut out = Zeroizing::new(Vec::with_capacity(capacity));
        let mut flags = 0u8;
        out.push(0);
        match &self.overvote {
            Overvote::None => {}
            Overvote::Unrecorded => flags |= OVERVOTE_UNRECORDED,
            Overvote::Recorded(selections) => {
                // Room for the longest encoding up front: a reallocation would leave an unwiped
                // copy of the voter's selections behind.
                let longest = selections
                    .len()
                    .saturating_add(1)
                    .saturating_mul(LEB128_MAX_LEN);
                let mut record = Zeroizing::new(Vec::with_capacity(longest));
                write_leb128(&mut record, selections.len() as u64);
                for value in selections {
                    write_leb128(&mut record, *value);
                }
                if out.len() + record.len() + LENGTH_WIDTH <= capacity {
                    flags |= OVERVOTE_RECORDED;
                    out.extend_from_slice(&record);
                } else {
                    flags |= OVERVOTE_UNRECORDED;
                }
            }
        }
        let room = capacity.saturating_sub(out.len() + LENGTH_WIDTH);
        let text = self.write_in.as_str();
        let cut = utf8_prefix(text, room);
        if cut.len() < text.len() || self.write_in_truncated {
            flags |= WRITE_IN_TRUNCATED;
        }
        let length = u32::try_from(cut.len()).ok()?;
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(cut.as_bytes());
        out.resize(capacity, 0);
        if let Some(first) = out.first_mut() {
            *first = flags;
        }
        Some(out)
    }

    /// Parses D_Λ written by [`ContestData::encode`], rejecting anything that encoding could
    /// not have produced (unknown flags, non-shortest integers, invalid UTF-8, non-zero
    /// padding).
    pub fn decode(bytes: &[u8]) -> Result<Self, ContestDataError> {
        if bytes.is_empty() || !bytes.len().is_multiple_of(32) {
            return Err(ContestDataError::WrongLength(bytes.len()));
        }
        let (&flags, mut rest) = bytes
            .split_first()
            .ok_or(ContestDataError::WrongLength(0))?;
        let known = OVERVOTE_RECORDED | OVERVOTE_UNRECORDED | WRITE_IN_TRUNCATED;
        let both = OVERVOTE_RECORDED | OVERVOTE_UNRECORDED;
        if flags & !known != 0 || flags & both == both {
            return Err(ContestDataError::BadFlags(flags));
        }
        let overvote = if flags & OVERVOTE_RECORDED != 0 {
            let count = read_leb128(&mut rest)?;
            // Each value takes at least one byte, which bounds the allocation by the input.
            if count > rest.len() as u64 {
                return Err(ContestDataError::BadInteger);
            }
            let selections = (0..count)
                .map(|_| read_leb128(&mut rest))
                .collect::<Result<Vec<u64>, _>>()?;
            Overvote::Recorded(selections)
        } else if flags & OVERVOTE_UNRECORDED != 0 {
            Overvote::Unrecorded
        } else {
            Overvote::None
        };
        let (length, rest) = rest
            .split_first_chunk::<LENGTH_WIDTH>()
            .ok_or(ContestDataError::Overrun)?;
        let length =
            usize::try_from(u32::from_be_bytes(*length)).map_err(|_| ContestDataError::Overrun)?;
        let (text, padding) = rest
            .split_at_checked(length)
            .ok_or(ContestDataError::Overrun)?;
        let write_in = std::str::from_utf8(text)
            .map_err(|_| ContestDataError::NotUtf8)?
            .to_string();
        if padding.iter().any(|b| *b != 0) {
            return Err(ContestDataError::NonZeroPadding);
        }
        Ok(ContestData {
            overvote,
            write_in,
            write_in_truncated: flags & WRITE_IN_TRUNCATED != 0,
        })
    }
}

/// The longest prefix of `text` of at most `limit` bytes that ends on a character boundary.
fn utf8_prefix(text: &str, limit: usize) -> &str {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}

/// Appends `value` as unsigned LEB128: 7 bits per byte, least significant first, the high bit
/// set on every byte but the last.
/// The longest unsigned LEB128 encoding of a u64: ⌈64 / 7⌉ bytes.
const LEB128_MAX_LEN: usize = 10;

fn write_leb128(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let low = (value & 0x7F) as u8;
        value >>= 7;
        if value == 0 {
            out.push(low);
            return;
        }
        out.push(low | 0x80);
    }
}

/// Reads one shortest-form unsigned LEB128 integer from the front of `input`.
fn read_leb128(input: &mut &[u8]) -> Result<u64, ContestDataError> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = input.split_first().ok_or(ContestDataError::BadInteger)?;
        *input = rest;
        let bits = u64::from(byte & 0x7F);
        // The tenth byte may carry only the top bit of a u64.
        if shift == 63 && bits > 1 {
            return Err(ContestDataError::BadInteger);
        }
        value |= bits << shift;
        if byte & 0x80 == 0 {
            // A zero final byte after others is a longer-than-needed form.
            if byte == 0 && shift > 0 {
                return Err(ContestDataError::BadInteger);
            }
            return Ok(value);
        }
    }
    Err(ContestDataError::BadInteger)
}
