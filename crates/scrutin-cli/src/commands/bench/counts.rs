//! How many costly group operations each figure of `scrutin bench` stands for, derived from the
//! shape of the workload (contests, options, limits R and L, data blocks, ballots, quorum), not
//! counted at run time. Each formula follows the equations of spec 2.1 that scrutin's code
//! computes one for one; docs/benchmarks.md sets them beside the kernels' measured costs to
//! show how close each figure is to its count-based limit.
//!
//! Counted: exponentiations modulo p with a fixed base (g, K or K̂, from precomputed tables;
//! spec Note 3.5) and with any other base; membership tests x ∈ Z_p^r; and the multiplications
//! modulo p done outside exponentiations where they dominate a figure (the tally). Hashing,
//! scalar arithmetic mod q and the few multiplications around each exponentiation are left out.

use scrutin_core::election::ContestSpec;
use serde::Serialize;

/// Operation counts of one figure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Ops {
    /// Exponentiations whose base is g, K or K̂ (fixed-base tables).
    pub fixed_base: u64,
    /// Exponentiations with another base. Exponents applied to one base along a shared chain of
    /// squarings, or together in one multi-exponentiation, count one each.
    pub variable_base: u64,
    /// Group elements tested for membership in Z_p^r (the verifier batches a ballot's tests into
    /// one exponentiation by q after a Legendre symbol per element).
    pub subgroup_checks: u64,
    /// Multiplications modulo p outside exponentiations.
    pub multiplications: u64,
}

impl Ops {
    /// Both counts together.
    pub fn add(self, other: Ops) -> Ops {
        Ops {
            fixed_base: self.fixed_base + other.fixed_base,
            variable_base: self.variable_base + other.variable_base,
            subgroup_checks: self.subgroup_checks + other.subgroup_checks,
            multiplications: self.multiplications + other.multiplications,
        }
    }

    fn times(self, n: u64) -> Ops {
        Ops {
            fixed_base: self.fixed_base * n,
            variable_base: self.variable_base * n,
            subgroup_checks: self.subgroup_checks * n,
            multiplications: self.multiplications * n,
        }
    }

    fn divided(self, n: u64) -> Ops {
        let n = n.max(1);
        Ops {
            fixed_base: self.fixed_base / n,
            variable_base: self.variable_base / n,
            subgroup_checks: self.subgroup_checks / n,
            multiplications: self.multiplications / n,
        }
    }

    /// Exponentiations of both kinds.
    pub fn exponentiations(&self) -> u64 {
        self.fixed_base + self.variable_base
    }
}

fn sum(specs: &[ContestSpec], per_contest: impl Fn(&ContestSpec) -> Ops) -> Ops {
    specs
        .iter()
        .fold(Ops::default(), |acc, spec| acc.add(per_contest(spec)))
}

/// Encrypting one ballot of the style whose contests are `style` (§3.3):
/// per option, (α, β) = (g^ξ, K^(σ+ξ)) (equation 24) and a range proof 0 … R with one pair
/// (g^(u_j), K^(u_j or t_j)) per j (equations 57–58): 2 + 2(R + 1);
/// per contest, the limit proof 0 … L on the product: 2(L + 1); contest data when b_Λ > 0:
/// g^ξ, K̂^ξ and the Schnorr commitment g^u (equations 63–69): 3;
/// per ballot, the encrypted ballot nonce: g^ξ, K̂^ξ, g^u (equations 34–38): 3.
/// Every base is g, K or K̂. W1: 50·(2 + 4) + 10·4 + 3 = 343.
pub fn encrypt_ballot(style: &[ContestSpec]) -> Ops {
    let contests = sum(style, |spec| {
        let options = u64::from(spec.options);
        let data = if spec.data_blocks > 0 { 3 } else { 0 };
        Ops {
            fixed_base: options * (2 + 2 * (spec.option_limit + 1))
                + 2 * (spec.contest_limit + 1)
                + data,
            ..Ops::default()
        }
    });
    contests.add(Ops {
        fixed_base: 3,
        ..Ops::default()
    })
}

/// Verifying one ballot (Verifications 5–8 of one ballot): every α, β, C0 is tested for
/// membership (6.A, 7.A); each range proof 0 … R recomputes a_j = g^(v_j)·α^(c_j) and
/// b_j = K^(w_j)·β^(c_j) (6.1–6.2, 7.3–7.4): 2(R + 1) fixed-base and 2(R + 1) variable-base
/// exponents, the latter along two shared chains (α and β); the limit proof does the same with
/// L on the product of the contest's options; each Schnorr proof (the ballot nonce, contest
/// data) recomputes g^v·C0^c: 1 + 1. W1: 241 fixed-base, 241 variable-base, 101 members.
pub fn verify_ballot(style: &[ContestSpec]) -> Ops {
    let contests = sum(style, |spec| {
        let options = u64::from(spec.options);
        let data = u64::from(spec.data_blocks > 0);
        let proofs = options * 2 * (spec.option_limit + 1) + 2 * (spec.contest_limit + 1) + data;
        Ops {
            fixed_base: proofs,
            variable_base: proofs,
            subgroup_checks: 2 * options + data,
            multiplications: 0,
        }
    });
    contests.add(Ops {
        fixed_base: 1,
        variable_base: 1,
        subgroup_checks: 1,
        multiplications: 0,
    })
}

/// The homomorphic tally of one cast ballot of the style `style` with weight 1: one
/// (A·α, B·β) per option (equation 79), 2 multiplications per option.
pub fn tally_ballot(style: &[ContestSpec]) -> Ops {
    let options: u64 = style.iter().map(|s| u64::from(s.options)).sum();
    Ops {
        multiplications: 2 * options,
        ..Ops::default()
    }
}

/// Decrypting every option of the tally of `all` contests with `quorum` guardians in one
/// process (§3.6.3–3.6.5), as [`scrutin_core::decryption::decrypt_tally`] runs it. Per option
/// and guardian: M_i = A^(z_i) and (a_i, b_i) = (g^(u_i), A^(u_i)) (equations 84, 87): 1 fixed,
/// 2 variable (all 2k secret exponents of A share one constant-time table of A, and run four
/// at a time in lockstep on the four-lane path). Per option, once:
/// M = Π M_i^(w_i) (equation 86), one multi-exponentiation of k public bases, k variable — the
/// guardians' round 3 and the combiner run in the same process and share it, where separate
/// processes would each form it; the combiner checks the joint proof: a = g^v·K^c from the
/// tables of g and K, 2 fixed, and b = A^v·M^c, 2 variable. Once: g^(z_i) per guardian
/// (k fixed) and the table of K^t for 0 ≤ t ≤ ballots (footnote 12): `ballots`
/// multiplications. W1, k = 3, 100 ballots: 50·5 + 3 = 253 fixed-base, 50·11 = 550
/// variable-base (before the shared table, the single M and the K table: 153 and 1100).
pub fn decrypt(all: &[ContestSpec], quorum: u64, ballots: u64) -> Ops {
    let options: u64 = all.iter().map(|s| u64::from(s.options)).sum();
    let per_option = Ops {
        fixed_base: quorum + 2,
        variable_base: 2 * quorum + quorum + 2,
        ..Ops::default()
    };
    per_option.times(options).add(Ops {
        fixed_base: quorum,
        multiplications: ballots,
        ..Ops::default()
    })
}

/// The verifier's Verifications 9–10 per option of the tally, beyond the ballots: A, B
/// (twice: the encrypted tally and its copy in the decrypted one) and M tested for membership,
/// and the Chaum–Pedersen check a = g^v·K^c, b = A^v·M^c (10.2–10.3): 4 variable-base
/// exponents. The setup boxes (V1–V4: the n guardians' coefficient proofs) are not counted;
/// they do not grow with the ballots.
fn verify_tally(all: &[ContestSpec]) -> Ops {
    let options: u64 = all.iter().map(|s| u64::from(s.options)).sum();
    Ops {
        variable_base: 4,
        subgroup_checks: 5,
        ..Ops::default()
    }
    .times(options)
}

/// The counts of every figure of a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counts {
    /// Encrypting one ballot (the mean over the ballots' styles, rounded down).
    pub encrypt: Ops,
    /// Verifying one ballot (likewise).
    pub verify: Ops,
    /// The tally of every ballot.
    pub tally: Ops,
    /// Decrypting the tally.
    pub decrypt: Ops,
    /// The verifier on the whole record: every ballot and Verifications 9–10.
    pub verifier: Ops,
}

/// The counts for ballots whose styles are `ballots` (one entry per ballot), a manifest whose
/// contests are `all`, and `quorum` decrypting guardians.
pub fn for_ballots(ballots: &[&[ContestSpec]], all: &[ContestSpec], quorum: u64) -> Counts {
    let total = |per: fn(&[ContestSpec]) -> Ops| {
        ballots
            .iter()
            .fold(Ops::default(), |acc, style| acc.add(per(style)))
    };
    let n = u64::try_from(ballots.len()).unwrap_or(u64::MAX);
    let verify_all = total(verify_ballot);
    Counts {
        encrypt: total(encrypt_ballot).divided(n),
        verify: verify_all.divided(n),
        tally: total(tally_ballot),
        decrypt: decrypt(all, quorum, n),
        verifier: verify_all.add(verify_tally(all)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w1() -> Vec<ContestSpec> {
        (1..=10)
            .map(|index| ContestSpec {
                index,
                options: 5,
                option_limit: 1,
                contest_limit: 1,
                data_blocks: 0,
            })
            .collect()
    }

    #[test]
    fn w1_counts() {
        let w1 = w1();
        assert_eq!(encrypt_ballot(&w1).fixed_base, 343);
        assert_eq!(encrypt_ballot(&w1).variable_base, 0);
        let v = verify_ballot(&w1);
        assert_eq!(
            (v.fixed_base, v.variable_base, v.subgroup_checks),
            (241, 241, 101)
        );
        let d = decrypt(&w1, 3, 100);
        assert_eq!((d.fixed_base, d.variable_base), (253, 550));
        let styles: Vec<&[ContestSpec]> = vec![&w1; 100];
        let counts = for_ballots(&styles, &w1, 3);
        assert_eq!(counts.encrypt.fixed_base, 343);
        assert_eq!(counts.verify, v);
        assert_eq!(counts.tally.multiplications, 10_000);
        assert_eq!(counts.decrypt, d);
        assert_eq!(counts.verifier.variable_base, 24_100 + 200);
    }

    #[test]
    fn limits_and_contest_data_add_terms() {
        let spec = ContestSpec {
            index: 1,
            options: 3,
            option_limit: 2,
            contest_limit: 4,
            data_blocks: 1,
        };
        // 3·(2 + 6) + 10 + 3 per contest, + 3 per ballot.
        assert_eq!(
            encrypt_ballot(std::slice::from_ref(&spec)).fixed_base,
            24 + 10 + 3 + 3
        );
        // 3·6 + 10 + 1 proof exponents, + 1 for the nonce; 3·2 + 1 + 1 members.
        let v = verify_ballot(&[spec]);
        assert_eq!((v.fixed_base, v.subgroup_checks), (30, 8));
    }

    #[test]
    fn mixed_styles_average_per_ballot() {
        let w1 = w1();
        let one = &w1[..1];
        let styles: Vec<&[ContestSpec]> = vec![&w1, one];
        let counts = for_ballots(&styles, &w1, 3);
        // (343 + (5·6 + 4 + 3)) / 2, and the tally adds both ballots' options.
        assert_eq!(counts.encrypt.fixed_base, (343 + 37) / 2);
        assert_eq!(counts.tally.multiplications, 2 * (50 + 5));
    }
}
