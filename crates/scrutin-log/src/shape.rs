//! Which subtrees make up an inclusion or consistency proof: index arithmetic only, no hashing.
//!
//! Both the tree that builds proofs and the verifiers that check their length use these
//! decompositions, so the two cannot disagree about a proof's shape.

/// A run of leaves `[start, start + len)` whose Merkle Tree Hash is one entry of a proof.
///
/// Every range produced here is a subtree of the RFC 9162 §2.1.1 recursion: `start` is a
/// multiple of the largest power of two not exceeding `len`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Range {
    pub start: u64,
    pub len: u64,
}

/// The largest power of two smaller than `n`, the `k` of RFC 9162 §2.1.1. Requires `n >= 2`.
pub(crate) fn split(n: u64) -> u64 {
    1u64 << (u64::BITS - 1 - (n - 1).leading_zeros())
}

/// The subtrees whose hashes form `PATH(index, D[0:size])` (RFC 9162 §2.1.3.1), in proof order
/// (leaf level first). Requires `index < size`.
pub(crate) fn inclusion_ranges(index: u64, size: u64) -> Vec<Range> {
    let mut out = Vec::new();
    let (mut start, mut n, mut m) = (0u64, size, index);
    while n > 1 {
        let k = split(n);
        if m < k {
            out.push(Range {
                start: start + k,
                len: n - k,
            });
            n = k;
        } else {
            out.push(Range { start, len: k });
            start += k;
            m -= k;
            n -= k;
        }
    }
    // The recursion emits the sibling nearest the root first; a proof lists it last.
    out.reverse();
    out
}

/// The subtrees whose hashes form `PROOF(old, D[0:new]) = SUBPROOF(old, D[0:new], true)`
/// (RFC 9162 §2.1.4.1), in proof order. Requires `0 < old < new`; other sizes have empty proofs.
pub(crate) fn consistency_ranges(old: u64, new: u64) -> Vec<Range> {
    let mut out = Vec::new();
    let (mut start, mut n, mut m, mut whole_old_tree) = (0u64, new, old, true);
    loop {
        if m == n {
            // SUBPROOF(m, D[m], b): nothing when D[m] is the whole old tree (the verifier has
            // its root), otherwise the hash of this subtree.
            if !whole_old_tree {
                out.push(Range { start, len: n });
            }
            break;
        }
        let k = split(n);
        if m <= k {
            out.push(Range {
                start: start + k,
                len: n - k,
            });
            n = k;
        } else {
            out.push(Range { start, len: k });
            start += k;
            m -= k;
            n -= k;
            whole_old_tree = false;
        }
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_largest_power_of_two_below() {
        assert_eq!(split(2), 1);
        assert_eq!(split(3), 2);
        assert_eq!(split(4), 2);
        assert_eq!(split(5), 4);
        assert_eq!(split(8), 4);
        assert_eq!(split(9), 8);
        assert_eq!(split(u64::MAX), 1 << 63);
    }

    // The worked example of RFC 9162 §2.1.5 (RFC 6962 §2.1.3): seven leaves d0..d6, where the
    // RFC's node names are a..f = leaves 0..5, g = 0..2, h = 2..4, i = 4..6, j = leaf 6,
    // k = 0..4 and l = 4..7.
    #[test]
    fn rfc9162_examples() {
        let r = |start, len| Range { start, len };
        // Inclusion of d0 is [b, h, l].
        assert_eq!(inclusion_ranges(0, 7), vec![r(1, 1), r(2, 2), r(4, 3)]);
        // Inclusion of d3 is [c, g, l].
        assert_eq!(inclusion_ranges(3, 7), vec![r(2, 1), r(0, 2), r(4, 3)]);
        // Inclusion of d4 is [f, j, k].
        assert_eq!(inclusion_ranges(4, 7), vec![r(5, 1), r(6, 1), r(0, 4)]);
        // Inclusion of d6 is [i, k].
        assert_eq!(inclusion_ranges(6, 7), vec![r(4, 2), r(0, 4)]);
        // Consistency of the 3-leaf tree with the 7-leaf tree is [c, d, g, l].
        assert_eq!(
            consistency_ranges(3, 7),
            vec![r(2, 1), r(3, 1), r(0, 2), r(4, 3)]
        );
        // From 4 leaves: [l].
        assert_eq!(consistency_ranges(4, 7), vec![r(4, 3)]);
        // From 6 leaves: [i, j, k].
        assert_eq!(consistency_ranges(6, 7), vec![r(4, 2), r(6, 1), r(0, 4)]);
    }
}
