//! A growable byte buffer for secret bytes that leaves no copy behind.
//!
//! A `Vec` that grows moves its contents to a new allocation and frees the old one as it is:
//! a `Zeroizing<Vec<u8>>` wipes only its last allocation, so every earlier one keeps a copy of
//! the secret. This buffer wipes the old allocation itself whenever it grows, and its last one
//! when dropped.

use zeroize::{Zeroize, Zeroizing};

/// Secret bytes built up piece by piece (a secret file, a hash input holding a nonce).
pub(crate) struct WipingBuffer {
    bytes: Vec<u8>,
}

impl Drop for WipingBuffer {
    /// Wipes the current allocation; earlier ones were wiped when the buffer grew.
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

impl WipingBuffer {
    /// An empty buffer with room for `capacity` bytes before it first grows.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        WipingBuffer {
            bytes: Vec::with_capacity(capacity),
        }
    }

    /// Appends `data`, first moving to a larger allocation (and wiping the old one) when the
    /// current one has no room for it.
    pub(crate) fn extend(&mut self, data: &[u8]) {
        if self.bytes.capacity() - self.bytes.len() < data.len() {
            drop(self.grow(data.len()));
        }
        self.bytes.extend_from_slice(data);
    }

    /// Appends one byte.
    pub(crate) fn push(&mut self, byte: u8) {
        self.extend(&[byte]);
    }

    /// The bytes written so far.
    pub(crate) fn as_slice(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes, handed over to a buffer that is zeroized when dropped.
    pub(crate) fn into_zeroizing(mut self) -> Zeroizing<Vec<u8>> {
        Zeroizing::new(std::mem::take(&mut self.bytes))
    }

    /// Moves the contents to an allocation with room for `additional` more bytes (at least
    /// double the old one, so that appending stays linear overall) and returns the old
    /// allocation with its bytes overwritten by zeros. The bytes beyond its length were never
    /// written, since the buffer never shrinks.
    fn grow(&mut self, additional: usize) -> Vec<u8> {
        let needed = self.bytes.len().saturating_add(additional);
        let capacity = needed.max(self.bytes.capacity().saturating_mul(2));
        let mut grown = Vec::with_capacity(capacity);
        grown.extend_from_slice(&self.bytes);
        let mut old = std::mem::replace(&mut self.bytes, grown);
        old.as_mut_slice().zeroize();
        old
    }
}

#[cfg(test)]
mod tests {
    use super::WipingBuffer;

    #[test]
    fn growing_keeps_the_bytes_and_wipes_the_old_allocation() {
        let mut buffer = WipingBuffer::with_capacity(4);
        buffer.extend(&[1, 2, 3]);
        let old_capacity = buffer.bytes.capacity();
        let old = buffer.grow(10);
        assert_eq!(old.len(), 3);
        assert!(old.iter().all(|b| *b == 0), "old allocation not wiped");
        assert!(buffer.bytes.capacity() >= 13);
        assert!(buffer.bytes.capacity() >= 2 * old_capacity);
        assert_eq!(buffer.as_slice(), &[1, 2, 3]);
    }

    #[test]
    fn appending_past_the_capacity_keeps_every_byte_in_order() {
        let mut buffer = WipingBuffer::with_capacity(1);
        let expected: Vec<u8> = (0..=200).collect();
        for b in &expected {
            buffer.push(*b);
        }
        buffer.extend(&expected);
        let bytes = buffer.into_zeroizing();
        assert_eq!(&bytes[..201], expected.as_slice());
        assert_eq!(&bytes[201..], expected.as_slice());
    }
}
