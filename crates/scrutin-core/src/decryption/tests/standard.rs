//! One decryption on the standard 4096-bit group.

use super::{guardians, random_tally};
use crate::decryption::decrypt_tally;
use crate::dlog::DiscreteLog;
use crate::group::Standard;
use rand_chacha::ChaCha20Rng;
use rand_core::SeedableRng;

#[test]
fn standard_group_tally_decryption() {
    let g = guardians::<Standard>(41, 3, 2);
    let mut rng = ChaCha20Rng::seed_from_u64(42);
    let (tally, expected) = random_tally(&mut rng, &g.ctx, 2);
    let dlog = DiscreteLog::new_vartime(&g.ctx.vote_key, 12);
    let decrypted = decrypt_tally(&mut rng, &g.ctx, &tally, &g.vote(&[1, 3]), &dlog).unwrap();
    for (contest, option, value) in decrypted.iter() {
        assert_eq!(value.tally, expected[&(contest, option)]);
    }
    decrypted.verify(&g.ctx, &tally).unwrap();
}
