//! Every proof of every small tree verifies and matches the RFC 9162 recursions written out
//! directly; any single bit changed in a proof, a root, a leaf, an index or a size is rejected.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use proptest::prelude::*;
use scrutin_log::{leaf_hash, node_hash, verify_consistency, verify_inclusion, Hash, Tree};

const MAX: u64 = 70;

fn leaves(n: u64) -> Vec<Hash> {
    (0..n)
        .map(|i| leaf_hash(format!("leaf {i}").as_bytes()))
        .collect()
}

fn k_of(n: usize) -> usize {
    let mut k = 1;
    while k * 2 < n {
        k *= 2;
    }
    k
}

/// MTH(D[n]) (RFC 9162 §2.1.1), straight from the definition.
fn mth(d: &[Hash]) -> Hash {
    match d.len() {
        0 => Hash::empty_root(),
        1 => d[0],
        n => {
            let k = k_of(n);
            node_hash(&mth(&d[..k]), &mth(&d[k..]))
        }
    }
}

/// PATH(m, D[n]) (RFC 9162 §2.1.3.1), straight from the definition.
fn path(m: usize, d: &[Hash]) -> Vec<Hash> {
    if d.len() <= 1 {
        return vec![];
    }
    let k = k_of(d.len());
    if m < k {
        let mut p = path(m, &d[..k]);
        p.push(mth(&d[k..]));
        p
    } else {
        let mut p = path(m - k, &d[k..]);
        p.push(mth(&d[..k]));
        p
    }
}

/// SUBPROOF(m, D[n], b) (RFC 9162 §2.1.4.1), straight from the definition.
fn subproof(m: usize, d: &[Hash], b: bool) -> Vec<Hash> {
    let n = d.len();
    if m == n {
        return if b { vec![] } else { vec![mth(d)] };
    }
    let k = k_of(n);
    if m <= k {
        let mut p = subproof(m, &d[..k], b);
        p.push(mth(&d[k..]));
        p
    } else {
        let mut p = subproof(m - k, &d[k..], false);
        p.push(mth(&d[..k]));
        p
    }
}

fn flip(h: &Hash, bit: usize) -> Hash {
    let mut b = h.0;
    b[bit / 8] ^= 1 << (bit % 8);
    Hash(b)
}

#[test]
fn every_inclusion_proof_up_to_70_leaves() {
    let ls = leaves(MAX);
    let tree = Tree::from_leaf_hashes(ls.iter().copied());
    for size in 1..=MAX {
        let d = &ls[..size as usize];
        let root = tree.root_at(size).unwrap();
        assert_eq!(root, mth(d));
        for index in 0..size {
            let proof = tree.inclusion_proof(index, size).unwrap();
            assert_eq!(proof, path(index as usize, d), "{index} in {size}");
            verify_inclusion(&ls[index as usize], index, size, &proof, &root).unwrap();
        }
    }
}

#[test]
fn every_consistency_proof_up_to_70_leaves() {
    let ls = leaves(MAX);
    let tree = Tree::from_leaf_hashes(ls.iter().copied());
    for new in 0..=MAX {
        let d = &ls[..new as usize];
        let new_root = tree.root_at(new).unwrap();
        for old in 0..=new {
            let proof = tree.consistency_proof(old, new).unwrap();
            let want = if old == 0 || old == new {
                vec![]
            } else {
                subproof(old as usize, d, true)
            };
            assert_eq!(proof, want, "{old} to {new}");
            let old_root = tree.root_at(old).unwrap();
            verify_consistency(old, &old_root, new, &new_root, &proof).unwrap();
        }
    }
}

/// Leaves for the roots of changed sizes: flipping one of the low 8 bits of a size up to 70
/// stays below 256.
const WIDE: u64 = 256;

/// The root a checkpoint for `size` carries. A checkpoint signs size and root together, and an
/// RFC 9162 proof binds the size only through that root: against the root of another size a
/// proof can "verify" (leaf 0 of 67 leaves verifies as leaf 0 of 83 against the 67-leaf root,
/// a root no 83-leaf tree has). So a changed size is checked against its own root.
fn claimed_root(tree: &Tree, size: u64) -> Hash {
    tree.root_at(size).unwrap()
}

fn inclusion_case() -> impl Strategy<Value = (u64, u64)> {
    (1..=MAX).prop_flat_map(|size| (0..size, Just(size)))
}

fn consistency_case() -> impl Strategy<Value = (u64, u64)> {
    (2..=MAX).prop_flat_map(|new| (1..new, Just(new)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn inclusion_rejects_any_bit_flip(
        (index, size) in inclusion_case(),
        bit in 0usize..256,
        which in any::<prop::sample::Index>(),
        int_bit in 0u32..64,
        size_bit in 0u32..8,
    ) {
        let ls = leaves(WIDE);
        let tree = Tree::from_leaf_hashes(ls.iter().copied());
        let root = tree.root_at(size).unwrap();
        let leaf = ls[index as usize];
        let proof = tree.inclusion_proof(index, size).unwrap();

        if !proof.is_empty() {
            let mut bad = proof.clone();
            let i = which.index(bad.len());
            bad[i] = flip(&bad[i], bit);
            prop_assert!(verify_inclusion(&leaf, index, size, &bad, &root).is_err());
        }
        prop_assert!(verify_inclusion(&leaf, index, size, &proof, &flip(&root, bit)).is_err());
        prop_assert!(verify_inclusion(&flip(&leaf, bit), index, size, &proof, &root).is_err());
        let bad_index = index ^ (1 << int_bit);
        prop_assert!(verify_inclusion(&leaf, bad_index, size, &proof, &root).is_err());
        let bad_size = size ^ (1 << size_bit);
        let r = claimed_root(&tree, bad_size);
        prop_assert!(verify_inclusion(&leaf, index, bad_size, &proof, &r).is_err(),
            "{} in {} accepted as in {}", index, size, bad_size);
    }

    #[test]
    fn consistency_rejects_any_bit_flip(
        (old, new) in consistency_case(),
        bit in 0usize..256,
        which in any::<prop::sample::Index>(),
        int_bit in 0u32..64,
        size_bit in 0u32..8,
    ) {
        let ls = leaves(WIDE);
        let tree = Tree::from_leaf_hashes(ls.iter().copied());
        let (r1, r2) = (tree.root_at(old).unwrap(), tree.root_at(new).unwrap());
        let proof = tree.consistency_proof(old, new).unwrap();

        let mut bad = proof.clone();
        let i = which.index(bad.len());
        bad[i] = flip(&bad[i], bit);
        prop_assert!(verify_consistency(old, &r1, new, &r2, &bad).is_err());
        prop_assert!(verify_consistency(old, &flip(&r1, bit), new, &r2, &proof).is_err());
        prop_assert!(verify_consistency(old, &r1, new, &flip(&r2, bit), &proof).is_err());
        if int_bit >= 8 {
            // An old size above the new one is refused before any hashing.
            prop_assert!(verify_consistency(old ^ (1 << int_bit), &r1, new, &r2, &proof).is_err());
        }

        let bad_old = old ^ (1 << size_bit);
        if bad_old != 0 {
            let r = claimed_root(&tree, bad_old);
            prop_assert!(verify_consistency(bad_old, &r, new, &r2, &proof).is_err(),
                "{} to {} accepted as {} to {}", old, new, bad_old, new);
        }
        let bad_new = new ^ (1 << size_bit);
        let r = claimed_root(&tree, bad_new);
        prop_assert!(verify_consistency(old, &r1, bad_new, &r, &proof).is_err(),
            "{} to {} accepted as {} to {}", old, new, old, bad_new);
    }

    #[test]
    fn proofs_for_earlier_sizes_survive_appends(size in 1..=MAX, extra in 0..=MAX) {
        let ls = leaves(size + extra);
        let small = Tree::from_leaf_hashes(ls[..size as usize].iter().copied());
        let big = Tree::from_leaf_hashes(ls.iter().copied());
        prop_assert_eq!(small.root(), big.root_at(size).unwrap());
        for index in [0, size / 2, size - 1] {
            prop_assert_eq!(small.inclusion_proof(index, size).unwrap(),
                big.inclusion_proof(index, size).unwrap());
        }
    }
}
