//! Overvotes are encrypted as all zeros, with the voter's selections in the contest data
//! (§3.3.5).

use super::*;

fn overvoted(
    seed: u64,
    contest: u32,
    selections: Vec<u64>,
    write_in: Option<&str>,
) -> (Election<Toy256>, EncryptedBallot<Toy256>) {
    let mut rng = rng(seed);
    let election = election::<Toy256>(&mut rng);
    let mut plaintext = random_plaintext(&mut rng, "ballot-1", &specs());
    let choice = plaintext.contests.get_mut(&contest).unwrap();
    choice.selections = selections;
    choice.write_in = write_in.map(str::to_string);
    let (ballot, _) = encrypt_one(&mut rng, &election, &specs(), &plaintext);
    ballot.verify(&election.ctx, &specs()).unwrap();
    (election, ballot)
}

fn decrypted_data(
    election: &Election<Toy256>,
    ballot: &EncryptedBallot<Toy256>,
    index: u32,
) -> ContestData {
    let contest = ballot.contests.iter().find(|c| c.index == index).unwrap();
    let data = contest.contest_data.as_ref().unwrap();
    let bytes = decrypt_contest_data(
        &ballot.identifier_hash,
        index,
        data,
        &election.data_beta(&data.c0),
    )
    .unwrap();
    ContestData::decode(&bytes).unwrap()
}

fn decrypted_votes(
    election: &Election<Toy256>,
    ballot: &EncryptedBallot<Toy256>,
    index: u32,
) -> Vec<u64> {
    let contest = ballot.contests.iter().find(|c| c.index == index).unwrap();
    contest
        .selections
        .iter()
        .map(|s| election.decrypt(&s.ciphertext, 5))
        .collect()
}

#[test]
fn too_many_selections_are_zeroed_and_recorded() {
    // Contest 3: 1 of 2, with two blocks of data.
    let (election, ballot) = overvoted(60, 3, vec![1, 1], Some("Ada"));
    assert_eq!(decrypted_votes(&election, &ballot, 3), vec![0, 0]);
    let data = decrypted_data(&election, &ballot, 3);
    assert_eq!(data.overvote, Overvote::Recorded(vec![1, 1]));
    assert_eq!(data.write_in, "Ada");
    assert!(!data.write_in_truncated);
}

#[test]
fn an_option_above_its_limit_is_an_overvote() {
    // Contest 3 has R = 1; 2 on one option overvotes it even though L = 1 is not exceeded
    // by the count of options selected.
    let (election, ballot) = overvoted(61, 3, vec![2, 0], None);
    assert_eq!(decrypted_votes(&election, &ballot, 3), vec![0, 0]);
    assert_eq!(
        decrypted_data(&election, &ballot, 3).overvote,
        Overvote::Recorded(vec![2, 0])
    );
}

#[test]
fn an_overvote_without_a_data_field_is_only_zeroed() {
    // Contest 2 (R = 3, L = 5) has no data field: 3 + 3 > 5.
    let (election, ballot) = overvoted(62, 2, vec![3, 3, 0, 0], None);
    assert_eq!(decrypted_votes(&election, &ballot, 2), vec![0, 0, 0, 0]);
    let contest = ballot.contests.iter().find(|c| c.index == 2).unwrap();
    assert!(contest.contest_data.is_none());
    // Huge values do not overflow the sum.
    let (election, ballot) = overvoted(63, 2, vec![u64::MAX, u64::MAX, 0, 0], None);
    assert_eq!(decrypted_votes(&election, &ballot, 2), vec![0, 0, 0, 0]);
}

#[test]
fn a_long_write_in_is_truncated_in_the_field() {
    let text = "é".repeat(40); // 80 bytes; the field holds 64 − 5 − 3 for the record.
    let (election, ballot) = overvoted(64, 3, vec![1, 1], Some(&text));
    let data = decrypted_data(&election, &ballot, 3);
    assert_eq!(data.overvote, Overvote::Recorded(vec![1, 1]));
    assert!(data.write_in_truncated);
    assert!(text.starts_with(&data.write_in));
    // 64 − 1 (flags) − 3 (record) − 4 (length) = 56 bytes, i.e. 28 two-byte characters.
    assert_eq!(data.write_in.len(), 56);
}

#[test]
fn a_valid_vote_records_no_overvote() {
    let (election, ballot) = overvoted(65, 3, vec![0, 1], Some(""));
    assert_eq!(decrypted_votes(&election, &ballot, 3), vec![0, 1]);
    let data = decrypted_data(&election, &ballot, 3);
    assert_eq!(data, ContestData::default());
}
