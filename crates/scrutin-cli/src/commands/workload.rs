//! The standard workload W1: 10 contests × 5 options, vote limit 1, one ballot style,
//! and random valid voters for it.

use rand_core::RngCore;
use scrutin_core::election::ContestSpec;
use scrutin_record::v21::wire::{BallotStyleJson, ContestJson, ManifestJson, OptionJson};

/// The W1 manifest: 10 contests of 5 options each, R = L = 1, no chaining, no contest data.
pub fn w1_manifest(label: &str) -> ManifestJson {
    let contests = (1..=10)
        .map(|c| ContestJson {
            label: format!("contest-{c:02}"),
            options: (1..=5)
                .map(|o| OptionJson {
                    label: format!("candidate-{c:02}-{o}"),
                })
                .collect(),
            option_limit: 1,
            selection_limit: 1,
            data_blocks: 0,
        })
        .collect();
    ManifestJson {
        label: label.to_string(),
        spec_version: scrutin_core::parameters::SPEC_VERSION.to_string(),
        contests,
        ballot_styles: vec![BallotStyleJson {
            label: "all-contests".into(),
            contests: (1..=10).collect(),
        }],
        chaining: "simple".into(),
        info: [(
            "workload".to_string(),
            "W1: 10 contests x 5 options, limit 1".to_string(),
        )]
        .into(),
    }
}

/// A voter's random choice in a contest of `options` options with limit 1: one option in six
/// cases out of seven, an undervote (no option) otherwise.
pub fn random_choice(rng: &mut impl RngCore, options: u32) -> Vec<u64> {
    let mut votes = vec![0u64; options as usize];
    let draw = rng.next_u32() % (options * 7 / 6 + 1).max(1);
    if let Some(slot) = votes.get_mut(draw as usize) {
        *slot = 1;
    }
    votes
}

/// A voter's random valid choice in a contest of any limits: W1's [`random_choice`] when
/// R = L = 1; otherwise a total drawn from 0 … L (at most m·R), given one vote at a time to an
/// option still below R.
pub fn random_votes(rng: &mut impl RngCore, spec: &ContestSpec) -> Vec<u64> {
    if spec.option_limit == 1 && spec.contest_limit == 1 {
        return random_choice(rng, spec.options);
    }
    let mut votes = vec![0u64; spec.options as usize];
    let capacity = u64::from(spec.options).saturating_mul(spec.option_limit);
    let most = spec.contest_limit.min(capacity);
    let total = rng.next_u64() % most.saturating_add(1);
    for _ in 0..total {
        let open: Vec<usize> = (0..votes.len())
            .filter(|&j| votes.get(j).is_some_and(|v| *v < spec.option_limit))
            .collect();
        let pick = rng.next_u64() as usize % open.len().max(1);
        if let Some(slot) = open.get(pick).and_then(|&j| votes.get_mut(j)) {
            *slot += 1;
        }
    }
    votes
}

#[cfg(test)]
mod tests {
    use super::random_votes;
    use rand_core::SeedableRng;
    use scrutin_core::election::ContestSpec;

    #[test]
    fn random_votes_respect_the_limits() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(3);
        for (options, r, l) in [(5, 1, 1), (4, 2, 3), (3, 3, 20), (6, 1, 2)] {
            let spec = ContestSpec {
                index: 1,
                options,
                option_limit: r,
                contest_limit: l,
                data_blocks: 0,
            };
            let mut totals = std::collections::BTreeSet::new();
            for _ in 0..200 {
                let votes = random_votes(&mut rng, &spec);
                assert_eq!(votes.len(), options as usize);
                assert!(votes.iter().all(|v| *v <= r));
                let total: u64 = votes.iter().sum();
                assert!(total <= l);
                totals.insert(total);
            }
            // Undervotes and full votes both occur.
            assert!(totals.contains(&0) && totals.contains(&l.min(u64::from(options) * r)));
        }
    }
}
