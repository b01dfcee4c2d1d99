//! scrutin's own checks: conditions the verifier or the guardians check where the
//! specification has no lettered condition. Each is displayed `S<box>.<name>` (e.g.
//! `S3.guardian-record-hash`): the `S` and the lower-case name keep it apart from the
//! specification's `V<box>.<letter>`, and the box number says where the report lists it.
//! docs/record-format.md, "Verification step labels", has the table.

use super::Step;

/// One of scrutin's own checks; the constants of this module name them as [`Step`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum OwnCheck {
    /// [`SHARE_PROOF_CHECK`].
    ShareProof,
    /// [`SHARE_VALUE_CHECK`].
    ShareValue,
    /// [`GUARDIAN_RECORD_HASH`].
    GuardianRecordHash,
    /// [`BALLOT_NONCE_PROOF_CHECK`].
    BallotNonceProof,
    /// [`CONTEST_DATA_PROOF_CHECK`].
    ContestDataProof,
    /// [`OPTION_LIST_CHECK`].
    OptionList,
    /// [`CONTEST_LIST_CHECK`].
    ContestList,
    /// [`ELECTION_ID`].
    ElectionId,
    /// [`BALLOT_STRUCTURE`].
    BallotStructure,
    /// [`BALLOT_ID_UNIQUE`].
    BallotIdUnique,
    /// [`CAST_BALLOT_IDS`].
    CastBallotIds,
    /// [`TALLY_CIPHERTEXT`].
    TallyCiphertext,
    /// [`TALLY_CONTEST_DATA_MAC`].
    TallyContestDataMac,
    /// [`CHALLENGED_MATCH`].
    ChallengedMatch,
    /// [`CONTEST_DATA_MATCH`].
    ContestDataMatch,
    /// [`CONTEST_DATA_MAC`].
    ContestDataMac,
    /// [`SELECTED_PRODUCT`].
    SelectedProduct,
    /// [`AUTHORSHIP_ROSTER`].
    AuthorshipRoster,
    /// [`AUTHORSHIP_ITEM_SIGNATURE`].
    AuthorshipItemSignature,
    /// [`AUTHORSHIP_SIGNATURE_FILE`].
    AuthorshipSignatureFile,
    /// [`AUTHORSHIP_ENROLMENT`].
    AuthorshipEnrolment,
}

/// The box of scrutin's authorship checks in 2.1 reports, "Authorship (scrutin extension)".
/// ElectionGuard 2.1 §6.2 numbers its boxes 1–19, and 15–19 concern pre-encrypted ballots,
/// which scrutin's 2.1 records never hold; the 2.0 verifier's box 15 is egk's and never
/// carries these checks, so the number cannot be confused within one report.
pub const AUTHORSHIP_BOX: u8 = 15;

impl OwnCheck {
    /// The Verification box the check is reported under (0: the guardians' ceremony checks,
    /// which have no box in §6; [`AUTHORSHIP_BOX`]: scrutin's authorship extension).
    pub const fn verification(self) -> u8 {
        match self {
            OwnCheck::ShareProof | OwnCheck::ShareValue => 0,
            OwnCheck::GuardianRecordHash => 3,
            OwnCheck::ElectionId => 4,
            OwnCheck::BallotNonceProof | OwnCheck::ContestDataProof | OwnCheck::BallotStructure => {
                6
            }
            OwnCheck::OptionList | OwnCheck::BallotIdUnique => 7,
            OwnCheck::ContestList | OwnCheck::CastBallotIds => 8,
            OwnCheck::TallyCiphertext => 9,
            OwnCheck::TallyContestDataMac => 11,
            OwnCheck::ChallengedMatch => 12,
            OwnCheck::ContestDataMatch | OwnCheck::ContestDataMac => 14,
            OwnCheck::SelectedProduct => 18,
            OwnCheck::AuthorshipRoster
            | OwnCheck::AuthorshipItemSignature
            | OwnCheck::AuthorshipSignatureFile
            | OwnCheck::AuthorshipEnrolment => AUTHORSHIP_BOX,
        }
    }

    /// The check's name in its label (lower case, words joined by `-`).
    pub const fn name(self) -> &'static str {
        match self {
            OwnCheck::ShareProof => "share-proof",
            OwnCheck::ShareValue => "share-value",
            OwnCheck::GuardianRecordHash => "guardian-record-hash",
            OwnCheck::BallotNonceProof => "ballot-nonce-proof",
            OwnCheck::ContestDataProof => "contest-data-proof",
            OwnCheck::OptionList => "option-list",
            OwnCheck::ContestList => "contest-list",
            OwnCheck::ElectionId => "election-id",
            OwnCheck::BallotStructure => "ballot-structure",
            OwnCheck::BallotIdUnique => "ballot-id-unique",
            OwnCheck::CastBallotIds => "cast-ballot-ids",
            OwnCheck::TallyCiphertext => "tally-ciphertext",
            OwnCheck::TallyContestDataMac => "tally-contest-data-mac",
            OwnCheck::ChallengedMatch => "challenged-match",
            OwnCheck::ContestDataMatch => "contest-data-match",
            OwnCheck::ContestDataMac => "contest-data-mac",
            OwnCheck::SelectedProduct => "selected-product",
            OwnCheck::AuthorshipRoster => "roster",
            OwnCheck::AuthorshipItemSignature => "item-signature",
            OwnCheck::AuthorshipSignatureFile => "signature-file",
            OwnCheck::AuthorshipEnrolment => "enrolment",
        }
    }
}

/// `S0.share-proof`: the recipient's check of a share's Schnorr proof (2.1 §3.2.2, "Share
/// decryption", equation 22). The guardians' own checks during key generation have no
/// Verification box in §6 (the shares are not part of the election record), so they are
/// reported under box 0.
pub const SHARE_PROOF_CHECK: Step = Step::Own(OwnCheck::ShareProof);

/// `S0.share-value`: the recipient's check of a decrypted share against the sender's
/// commitments (2.1 §3.2.2, "Share verification", item 4, equations 28 and 29).
pub const SHARE_VALUE_CHECK: Step = Step::Own(OwnCheck::ShareValue);

/// `S3.guardian-record-hash`: the stored guardian record hash H_G (2.1 equation 27).
/// Guardians compare it during the ceremony (§3.2.2); the record stores it, and the verifier
/// checks every stored hash.
pub const GUARDIAN_RECORD_HASH: Step = Step::Own(OwnCheck::GuardianRecordHash);

/// `S6.ballot-nonce-proof`: the Schnorr proof of an encrypted ballot nonce (2.1 §3.3.4,
/// equation 38). The guardians check it before decrypting (§3.6.7); it attests that the
/// ballot is well formed, so it is reported under Verification 6.
pub const BALLOT_NONCE_PROOF_CHECK: Step = Step::Own(OwnCheck::BallotNonceProof);

/// `S6.contest-data-proof`: encrypted contest data has length 32·b_Λ, is present exactly
/// when b_Λ > 0, and its Schnorr proof holds (2.1 §3.3.10, equation 69); reported under
/// Verification 6 as [`BALLOT_NONCE_PROOF_CHECK`].
pub const CONTEST_DATA_PROOF_CHECK: Step = Step::Own(OwnCheck::ContestDataProof);

/// `S7.option-list`: a contest has one selection per option of the manifest, indices 1 … m
/// in order. The aggregate of 2.1 equations 7.1–7.2 ranges over all options of the contest,
/// so this is reported under Verification 7.
pub const OPTION_LIST_CHECK: Step = Step::Own(OwnCheck::OptionList);

/// `S8.contest-list`: a ballot has each contest of its ballot style exactly once, in index
/// order. 2.1 conditions 8.A and 8.B presuppose one contest hash χ_l per contest of the style
/// (1 ≤ l ≤ m_B), so this is reported under Verification 8.
pub const CONTEST_LIST_CHECK: Step = Step::Own(OwnCheck::ContestList);

/// `S4.election-id` (egk 2.0 records): every ballot, tally and decrypted ballot carries H_E
/// (2.0 §3.2.3) as its `election_id`; egk's verifier rejects any other (notes §2.4).
pub const ELECTION_ID: Step = Step::Own(OwnCheck::ElectionId);

/// `S6.ballot-structure` (egk 2.0 records): a ballot's contests and options are those of the
/// manifest and its ballot style, each once, in increasing `sequence_order`, with the
/// manifest's index and limit L (notes §2.8, §2.10); the limit proof of 2.0 Verification 6
/// and the contest hash are only meaningful then.
pub const BALLOT_STRUCTURE: Step = Step::Own(OwnCheck::BallotStructure);

/// `S7.ballot-id-unique` (egk 2.0 records): no two ballots share a `ballot_id`; the tally's
/// ballot list and the challenged ballots are matched by it (as 2.0 condition 7.C for
/// confirmation codes).
pub const BALLOT_ID_UNIQUE: Step = Step::Own(OwnCheck::BallotIdUnique);

/// `S8.cast-ballot-ids` (egk 2.0 records): `encrypted_tally.json`'s `cast_ballot_ids` is
/// exactly the set of CAST ballots whose product 2.0 Verification 8 checks (notes §2.13).
pub const CAST_BALLOT_IDS: Step = Step::Own(OwnCheck::CastBallotIds);

/// `S9.tally-ciphertext` (egk 2.0 records): the (A, B) that `tally.json` decrypts is the
/// aggregate recomputed by 2.0 Verification 8 (notes §2.14; egk does not check this).
pub const TALLY_CIPHERTEXT: Step = Step::Own(OwnCheck::TallyCiphertext);

/// `S11.tally-contest-data-mac` (egk 2.0 records): the MAC C_2 of contest data decrypted in
/// `tally.json` verifies under β (2.0 §3.3.7).
pub const TALLY_CONTEST_DATA_MAC: Step = Step::Own(OwnCheck::TallyContestDataMac);

/// `S12.challenged-match` (egk 2.0 records): each decrypted challenged ballot is that of a
/// SPOILED ballot with the same id and decrypts its very encryptions; every SPOILED ballot
/// has one (notes §2.16; 2.0 §3.6.5).
pub const CHALLENGED_MATCH: Step = Step::Own(OwnCheck::ChallengedMatch);

/// `S14.contest-data-match` (egk 2.0 records): the decrypted contest data of a challenged
/// ballot is the SPOILED ballot's (notes §2.15; 2.0 §3.6.5).
pub const CONTEST_DATA_MATCH: Step = Step::Own(OwnCheck::ContestDataMatch);

/// `S14.contest-data-mac` (egk 2.0 records): the MAC C_2 of a challenged ballot's contest
/// data verifies under the decryption β with egk's KDF (notes §2.9; 2.0 §3.3.7).
pub const CONTEST_DATA_MAC: Step = Step::Own(OwnCheck::ContestDataMac);

/// `S18.selected-product` (egk 2.0 records): the recorded selections of a pre-encrypted
/// ballot are the product of the selected selection vectors, the condition of the second
/// paragraph of 2.0 Verification 18, which has no letter (2.0 §4.5).
pub const SELECTED_PRODUCT: Step = Step::Own(OwnCheck::SelectedProduct);

/// `S15.roster` (scrutin extension, docs/record-format.md, "Authorship"): the record's
/// `authorship/roster.json` is present whenever it carries authorship items, decodes (the
/// guardians 1..n in order, 1 ≤ k ≤ n, no key twice), is signed by the administrator it
/// names, its origin is `<host>/scrutin/<election id>` (and `authorship/close.json` names the
/// same election), and its group, n and k are those of `constants.json` and
/// `election_config.json` (2.1 §3.1.1–3.1.2).
pub const AUTHORSHIP_ROSTER: Step = Step::Own(OwnCheck::AuthorshipRoster);

/// `S15.item-signature` (scrutin extension): every item of the record whose authorship rule
/// names an author has a signature file at `authorship/signatures/<key>` that checks: it
/// signs this item's kind, key and exact bytes in this election on this board, names the
/// author, and verifies (Ed25519, RFC 8032) under the author's enrolled key — the roster's
/// for the administrator and the guardians, the device's enrolment for a device.
pub const AUTHORSHIP_ITEM_SIGNATURE: Step = Step::Own(OwnCheck::AuthorshipItemSignature);

/// `S15.signature-file` (scrutin extension): every file under `authorship/signatures/` is
/// readable, decodes, and is the signature of an item of the record that has an author (not
/// of a file the board derives, nor of another signature).
pub const AUTHORSHIP_SIGNATURE_FILE: Step = Step::Own(OwnCheck::AuthorshipSignatureFile);

/// `S15.enrolment` (scrutin extension): every device and witness enrolment names the device
/// or witness of its file name, carries a well-formed key, and is signed by the
/// administrator; every item a device signs (its registration, its ballots) comes from an
/// enrolled device.
pub const AUTHORSHIP_ENROLMENT: Step = Step::Own(OwnCheck::AuthorshipEnrolment);
