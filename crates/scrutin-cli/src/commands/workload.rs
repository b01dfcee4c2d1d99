//! The standard workload W1 (issue 2): 10 contests × 5 options, vote limit 1, one ballot style,
//! and random valid voters for it.

use rand_core::RngCore;
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
