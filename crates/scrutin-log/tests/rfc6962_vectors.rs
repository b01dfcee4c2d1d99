//! Known answers for the 8-leaf reference tree of Certificate Transparency.
//!
//! Provenance: github.com/transparency-dev/merkle (the Merkle code split out of Trillian, where
//! the same tree and values appeared earlier), commit 417fb0c314750d94e53942e9f92e79b6d35915db:
//! - the leaf inputs, the hash of every complete subtree and the root of every size are in
//!   `testonly/constants.go` (`LeafInputs`, `NodeHashes`, `RootHashes`);
//! - the five inclusion proofs and five consistency proofs are the `happy-path.json` cases of
//!   `testdata/inclusion/{0..4}` and `testdata/consistency/{0..4}` (their base64 decoded to hex
//!   here).
//!
//! The tampered variants below are this crate's own, built from those facts.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use scrutin_log::{
    leaf_hash, node_hash, verify_consistency, verify_inclusion, Hash, ProofError, Tree,
};

const LEAF_INPUTS: [&str; 8] = [
    "",
    "00",
    "10",
    "2021",
    "3031",
    "40414243",
    "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
];

/// `NODES[level][i]`: MTH of leaves `[i * 2^level, (i + 1) * 2^level)`.
const NODES: [&[&str]; 4] = [
    &[
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
        "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
        "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
        "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
    ],
    &[
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
    ],
    &[
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    &["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
];

/// `ROOTS[n]`: the root of the tree of the first n leaves.
const ROOTS: [&str; 9] = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

/// (leaf index, tree size, proof).
const INCLUSION: [(u64, u64, &[&str]); 5] = [
    (0, 1, &[]),
    (
        0,
        8,
        &[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        &[
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        3,
        &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
    ),
    (
        1,
        5,
        &[
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
];

/// (old size, new size, proof).
const CONSISTENCY: [(u64, u64, &[&str]); 5] = [
    (1, 1, &[]),
    (
        1,
        8,
        &[
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        &[
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        &[
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
    (
        6,
        7,
        &[
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
];

fn h(hex_str: &str) -> Hash {
    Hash::from_slice(&hex::decode(hex_str).unwrap()).unwrap()
}

fn hs(list: &[&str]) -> Vec<Hash> {
    list.iter().map(|s| h(s)).collect()
}

fn reference_tree() -> Tree {
    Tree::from_leaf_hashes(
        LEAF_INPUTS
            .iter()
            .map(|d| leaf_hash(&hex::decode(d).unwrap())),
    )
}

fn root(n: u64) -> Hash {
    h(ROOTS[n as usize])
}

#[test]
fn leaf_and_node_hashes_match() {
    for (i, d) in LEAF_INPUTS.iter().enumerate() {
        assert_eq!(
            leaf_hash(&hex::decode(d).unwrap()),
            h(NODES[0][i]),
            "leaf {i}"
        );
    }
    for level in 1..NODES.len() {
        for (i, want) in NODES[level].iter().enumerate() {
            let got = node_hash(&h(NODES[level - 1][2 * i]), &h(NODES[level - 1][2 * i + 1]));
            assert_eq!(got, h(want), "level {level} node {i}");
        }
    }
}

#[test]
fn roots_of_every_size_match() {
    let tree = reference_tree();
    for n in 0..=8u64 {
        assert_eq!(tree.root_at(n).unwrap(), root(n), "size {n}");
    }
    assert_eq!(tree.root(), root(8));
    assert_eq!(Hash::empty_root(), root(0));
}

#[test]
fn published_inclusion_proofs_are_produced_and_verify() {
    let tree = reference_tree();
    for (index, size, proof) in INCLUSION {
        let proof = hs(proof);
        assert_eq!(
            tree.inclusion_proof(index, size).unwrap(),
            proof,
            "{index} in {size}"
        );
        let leaf = tree.leaf(index).unwrap();
        verify_inclusion(&leaf, index, size, &proof, &root(size)).unwrap();
    }
}

#[test]
fn published_consistency_proofs_are_produced_and_verify() {
    let tree = reference_tree();
    for (old, new, proof) in CONSISTENCY {
        let proof = hs(proof);
        assert_eq!(
            tree.consistency_proof(old, new).unwrap(),
            proof,
            "{old} to {new}"
        );
        verify_consistency(old, &root(old), new, &root(new), &proof).unwrap();
    }
}

#[test]
fn tampered_inclusion_vectors_are_rejected() {
    for (index, size, proof) in INCLUSION {
        let proof = hs(proof);
        let leaf = h(NODES[0][index as usize]);
        let r = root(size);
        let other = leaf_hash(b"not in the tree");
        // Another leaf, another root, the empty root.
        assert!(matches!(
            verify_inclusion(&other, index, size, &proof, &r),
            Err(ProofError::RootMismatch { .. })
        ));
        assert!(matches!(
            verify_inclusion(&leaf, index, size, &proof, &other),
            Err(ProofError::RootMismatch { .. })
        ));
        assert!(verify_inclusion(&leaf, index, size, &proof, &Hash::empty_root()).is_err());
        // Index and size moved. The root is taken for the claimed size (as from a checkpoint,
        // which signs the two together): RFC 9162 proofs bind the size only through the root.
        // For example the proof of leaf 1 in 5 leaves also "verifies" leaf 1 in 6 leaves
        // against the 5-leaf root, a root no 6-leaf tree has.
        for (i, s) in [
            (index + 1, size),
            (index ^ 2, size),
            (index.wrapping_sub(1), size),
            (index, size * 2),
            (index, size / 2),
            (index, size + 1),
        ] {
            if (i, s) != (index, size) {
                let claimed_root = if s <= 8 { root(s) } else { r };
                assert!(
                    verify_inclusion(&leaf, i, s, &proof, &claimed_root).is_err(),
                    "accepted {index} in {size} as {i} in {s}"
                );
            }
        }
        // A hash added before or after, or the last one removed.
        for extra in [leaf, r, Hash([0; 32])] {
            let mut longer = vec![extra];
            longer.extend_from_slice(&proof);
            assert!(matches!(
                verify_inclusion(&leaf, index, size, &longer, &r),
                Err(ProofError::WrongLength { .. })
            ));
            let mut longer = proof.clone();
            longer.push(extra);
            assert!(matches!(
                verify_inclusion(&leaf, index, size, &longer, &r),
                Err(ProofError::WrongLength { .. })
            ));
        }
        if let Some((_, shorter)) = proof.split_last() {
            assert!(matches!(
                verify_inclusion(&leaf, index, size, shorter, &r),
                Err(ProofError::WrongLength { .. })
            ));
        }
    }
}

#[test]
fn tampered_consistency_vectors_are_rejected() {
    for (old, new, proof) in CONSISTENCY {
        let proof = hs(proof);
        let (r1, r2) = (root(old), root(new));
        let other = leaf_hash(b"elsewhere");
        assert!(verify_consistency(old, &other, new, &r2, &proof).is_err());
        assert!(verify_consistency(old, &r1, new, &other, &proof).is_err());
        if old != new {
            assert!(verify_consistency(old, &r2, new, &r1, &proof).is_err());
        }
        for (o, n) in [
            (old + 1, new),
            (old.wrapping_sub(1), new),
            (old ^ 2, new),
            (old, new * 2),
            (old, new / 2),
        ] {
            // (An empty old tree is a prefix of every tree: 0 -> n is a true statement.)
            if (o, n) != (old, new) && o != 0 {
                let r1 = if o <= 8 { root(o) } else { r1 };
                let r2 = if n <= 8 { root(n) } else { r2 };
                assert!(
                    verify_consistency(o, &r1, n, &r2, &proof).is_err(),
                    "accepted {old}->{new} as {o}->{n}"
                );
            }
        }
        let mut longer = vec![r1];
        longer.extend_from_slice(&proof);
        assert!(matches!(
            verify_consistency(old, &r1, new, &r2, &longer),
            Err(ProofError::WrongLength { .. })
        ));
        let mut longer = proof.clone();
        longer.push(r2);
        assert!(matches!(
            verify_consistency(old, &r1, new, &r2, &longer),
            Err(ProofError::WrongLength { .. })
        ));
        if let Some((_, shorter)) = proof.split_last() {
            assert!(matches!(
                verify_consistency(old, &r1, new, &r2, shorter),
                Err(ProofError::WrongLength { .. })
            ));
        }
    }
}

#[test]
fn edge_cases_of_consistency() {
    let empty = Hash::empty_root();
    let one = root(1);
    // Sizes out of order.
    assert_eq!(
        verify_consistency(2, &one, 1, &one, &[]),
        Err(ProofError::SizesOutOfOrder {
            old_size: 2,
            new_size: 1
        })
    );
    // Equal sizes: equal roots and an empty proof.
    verify_consistency(1, &one, 1, &one, &[]).unwrap();
    verify_consistency(0, &empty, 0, &empty, &[]).unwrap();
    assert!(matches!(
        verify_consistency(1, &one, 1, &root(2), &[]),
        Err(ProofError::NewRootMismatch { .. })
    ));
    assert!(matches!(
        verify_consistency(1, &one, 1, &one, &[one]),
        Err(ProofError::WrongLength {
            expected: 0,
            found: 1
        })
    ));
    // The empty tree is a prefix of every tree, with an empty proof; its root must be the
    // empty root.
    verify_consistency(0, &empty, 8, &root(8), &[]).unwrap();
    assert!(matches!(
        verify_consistency(0, &one, 8, &root(8), &[]),
        Err(ProofError::OldRootMismatch { .. })
    ));
    assert!(matches!(
        verify_consistency(0, &empty, 1, &one, &[empty]),
        Err(ProofError::WrongLength { .. })
    ));
    // RFC 9162 §2.1.4.2 step 1: an empty path between different sizes fails.
    assert_eq!(
        verify_consistency(1, &one, 2, &root(2), &[]),
        Err(ProofError::WrongLength {
            expected: 1,
            found: 0
        })
    );
}

#[test]
fn edge_cases_of_inclusion() {
    let leaf = h(NODES[0][0]);
    assert_eq!(
        verify_inclusion(&leaf, 0, 0, &[], &Hash::empty_root()),
        Err(ProofError::IndexOutOfRange { index: 0, size: 0 })
    );
    assert_eq!(
        verify_inclusion(&leaf, u64::MAX, 1, &[], &leaf),
        Err(ProofError::IndexOutOfRange {
            index: u64::MAX,
            size: 1
        })
    );
    // A one-leaf tree's root is its leaf hash.
    verify_inclusion(&leaf, 0, 1, &[], &leaf).unwrap();
    // Largest sizes: the index arithmetic neither overflows nor panics.
    for len in [0, 1, 3, 63, 64, 65] {
        let proof = vec![leaf; len];
        assert!(verify_inclusion(&leaf, u64::MAX - 1, u64::MAX, &proof, &leaf).is_err());
        assert!(verify_inclusion(&leaf, 1 << 63, u64::MAX, &proof, &leaf).is_err());
        assert!(verify_consistency(u64::MAX - 1, &leaf, u64::MAX, &leaf, &proof).is_err());
        assert!(verify_consistency(1 << 63, &leaf, u64::MAX, &leaf, &proof).is_err());
    }
}
