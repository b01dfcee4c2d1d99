use super::own::{CONTEST_LIST_CHECK, GUARDIAN_RECORD_HASH, SHARE_PROOF_CHECK};
use super::v2_1::{V3_B, V6_D, V8_A};
use super::*;

#[test]
fn spec_labels_print_as_the_specification_writes_them() {
    assert_eq!(V6_D.to_string(), "V6.D");
    assert_eq!(V6_D.verification(), 6);
    let spec = V6_D.spec().unwrap();
    assert_eq!((spec.version(), spec.check()), (SpecVersion::V2_1, 'D'));
}

#[test]
fn own_labels_cannot_be_read_as_spec_labels() {
    assert_eq!(SHARE_PROOF_CHECK.to_string(), "S0.share-proof");
    assert_eq!(GUARDIAN_RECORD_HASH.to_string(), "S3.guardian-record-hash");
    assert_eq!(CONTEST_LIST_CHECK.verification(), 8);
    assert_ne!(CONTEST_LIST_CHECK, V8_A);
    assert!(CONTEST_LIST_CHECK.spec().is_none());
}

#[test]
fn steps_sort_by_box_with_the_specification_letters_first() {
    let mut steps = vec![
        V8_A,
        CONTEST_LIST_CHECK,
        GUARDIAN_RECORD_HASH,
        V3_B,
        SHARE_PROOF_CHECK,
    ];
    steps.sort();
    assert_eq!(
        steps,
        vec![
            SHARE_PROOF_CHECK,
            V3_B,
            GUARDIAN_RECORD_HASH,
            V8_A,
            CONTEST_LIST_CHECK
        ]
    );
}
