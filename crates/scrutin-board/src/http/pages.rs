//! The web pages: the list of elections, an election's board, "find my ballot", and the
//! results. Server-rendered HTML with real headings, labelled forms and tables; every value
//! from the board is escaped.

use super::blocking;
use super::errors::ApiError;
use super::html::{esc, page, url};
use super::proofs::{inclusion_of, InclusionProof};
use crate::board::Board;
use crate::election::Summary;
use crate::items::Kind;
use crate::BoardError;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use scrutin_core::{ParameterSet, Standard};
use scrutin_log::{verify_inclusion, Hash};
use scrutin_record::v21::wire::{DecryptedTallyJson, EncryptedBallotJson};
use std::fmt::Write;
use std::sync::Arc;

type Shared = State<Arc<Board>>;

/// The page routes.
pub fn routes() -> Router<Arc<Board>> {
    Router::new()
        .route("/", get(index))
        .route("/elections/{id}", get(election))
        .route("/elections/{id}/ballot", get(find_ballot))
        .route("/elections/{id}/results", get(results))
}

/// How many ballots the board page lists.
const BALLOTS_SHOWN: u64 = 1000;

async fn index(State(board): Shared) -> Result<Response, ApiError> {
    let rows = blocking(move || {
        let mut rows = Vec::new();
        for id in board.election_ids() {
            rows.push(board.with(&id, |e| {
                Ok((
                    id.clone(),
                    e.manifest().label.clone(),
                    e.summary(),
                    e.latest().size,
                ))
            })?);
        }
        Ok(rows)
    })
    .await?;
    let mut body = String::from("<h1>Elections on this board</h1>\n");
    if rows.is_empty() {
        body.push_str("<p>No election has been created on this board yet.</p>\n");
    } else {
        body.push_str(
            "<table>\n<caption>Every election, with its stage and the size of its log</caption>\n\
             <thead><tr><th scope=\"col\">Election</th><th scope=\"col\">Id</th>\
             <th scope=\"col\">Stage</th><th scope=\"col\">Cast ballots</th>\
             <th scope=\"col\">Log entries</th></tr></thead>\n<tbody>\n",
        );
        for (id, label, summary, size) in &rows {
            let _ = writeln!(
                body,
                "<tr><td><a href=\"/elections/{}\">{}</a>{}</td><td><code>{}</code></td>\
                 <td>{}</td><td>{}</td><td>{size}</td></tr>",
                url(id),
                esc(label),
                if summary.group == Standard::NAME {
                    ""
                } else {
                    " <strong class=\"bad\">(test election, insecure toy group)</strong>"
                },
                esc(id),
                summary.phase,
                summary.cast
            );
        }
        body.push_str("</tbody>\n</table>\n");
    }
    Ok(page("Elections", &body))
}

/// What an election page shows of the election.
struct Overview {
    label: String,
    origin: String,
    vkey: String,
    summary: Summary,
    size: u64,
    root: String,
    note: String,
    cosignatures: usize,
    authors: crate::election::Authors,
}

fn overview(board: &Board, id: &str) -> Result<Overview, BoardError> {
    let mut o = board.with(id, |e| {
        Ok(Overview {
            label: e.manifest().label.clone(),
            origin: e.row.origin.clone(),
            vkey: e.vkey(),
            summary: e.summary(),
            size: e.latest().size,
            root: Hash(e.latest().root).to_hex(),
            note: e.latest().note.clone(),
            cosignatures: 0,
            authors: e.authors().clone(),
        })
    })?;
    if let Some((note, count)) = board.cosigned_checkpoint(id, o.size)? {
        o.note = note;
        o.cosignatures = count;
    }
    Ok(o)
}

/// The warning shown on every page of an election that does not use the standard parameters:
/// the toy groups of the spec's Appendix ("Toy Parameters for Testing Purposes Only") keep no
/// ballot secret and make every proof forgeable. Empty for the standard group.
fn test_group_warning(group: &str) -> String {
    if group == Standard::NAME {
        return String::new();
    }
    format!(
        "<p class=\"warning\" role=\"alert\"><strong>Test election.</strong> It uses the \
         insecure toy group <code>{}</code>, for tests and demonstrations only: its ballots are \
         not secret and its proofs prove nothing.</p>\n",
        esc(group)
    )
}

fn witnesses(count: usize) -> String {
    match count {
        0 => "No witness has cosigned this checkpoint yet.".to_string(),
        1 => "1 witness cosigned this checkpoint.".to_string(),
        n => format!("{n} witnesses cosigned this checkpoint."),
    }
}

fn nav(id: &str) -> String {
    let id = url(id);
    format!(
        "<nav aria-label=\"election\"><a href=\"/elections/{id}\">Board</a>\
         <a href=\"/elections/{id}/ballot\">Find my ballot</a>\
         <a href=\"/elections/{id}/results\">Results</a>\
         <a href=\"/api/elections/{id}/record.tar\">Download the record (tar)</a></nav>\n"
    )
}

fn checkpoint_section(o: &Overview) -> String {
    format!(
        "<section aria-labelledby=\"checkpoint\">\n<h2 id=\"checkpoint\">Latest signed \
         checkpoint</h2>\n<dl>\n<dt>Log</dt><dd><code>{}</code></dd>\n<dt>Entries</dt><dd>{}</dd>\n\
         <dt>Root hash</dt><dd><code>{}</code></dd>\n<dt>Board's verifier key</dt>\
         <dd><code>{}</code></dd>\n<dt>Witnesses</dt><dd>{}</dd>\n</dl>\n\
         <p>The signed note with its witnesses' cosignatures, as voters check it:</p>\n\
         <pre>{}</pre>\n</section>\n",
        esc(&o.origin),
        o.size,
        esc(&o.root),
        esc(&o.vkey),
        witnesses(o.cosignatures),
        esc(&o.note)
    )
}

async fn election(State(board): Shared, Path(id): Path<String>) -> Result<Response, ApiError> {
    let key = id.clone();
    let (o, ballots) = blocking(move || {
        let o = overview(&board, &key)?;
        let mut ballots = Vec::new();
        let mut from = 0;
        while (ballots.len() as u64) < BALLOTS_SHOWN {
            let page = board.read(|s| s.entries(&key, from, 1000))?;
            let Some(last) = page.last() else { break };
            from = last.entry.seq.saturating_add(1);
            for entry in page
                .into_iter()
                .filter(|e| e.entry.kind == Kind::Ballot.name())
            {
                let json: EncryptedBallotJson = serde_json::from_slice(&entry.entry.body)
                    .map_err(|e| BoardError::Internal(format!("entry {}: {e}", entry.entry.seq)))?;
                ballots.push((entry.entry.seq, json));
            }
        }
        Ok((o, ballots))
    })
    .await?;
    let s = &o.summary;
    let mut body = format!(
        "<h1>{}</h1>\n{}{}<p>Election <code>{}</code>, stage: <strong>{}</strong>.</p>\n",
        esc(&o.label),
        nav(&id),
        test_group_warning(s.group),
        esc(&id),
        s.phase
    );
    body.push_str(&checkpoint_section(&o));
    let _ = write!(
        body,
        "<section aria-labelledby=\"counts\">\n<h2 id=\"counts\">What is on the board</h2>\n\
         <table>\n<caption>Items on the board by kind</caption>\n<tbody>\n\
         <tr><th scope=\"row\">Parameters</th><td>{}; {} guardians, quorum {}</td></tr>\n\
         <tr><th scope=\"row\">Guardian public keys</th><td>{} of {}</td></tr>\n\
         <tr><th scope=\"row\">Encrypted shares</th><td>{}</td></tr>\n\
         <tr><th scope=\"row\">Acceptances of the guardian record</th><td>{} of {}</td></tr>\n\
         <tr><th scope=\"row\">Voting devices</th><td>{}</td></tr>\n\
         <tr><th scope=\"row\">Cast ballots</th><td>{}</td></tr>\n\
         <tr><th scope=\"row\">Challenged ballots</th><td>{}</td></tr>\n</tbody>\n</table>\n</section>\n",
        esc(s.group),
        s.guardians,
        s.quorum,
        s.guardian_keys,
        s.guardians,
        s.shares,
        s.acceptances,
        s.guardians,
        s.devices,
        s.cast,
        s.challenged
    );
    body.push_str(&super::authors_page::section(&o.authors));
    body.push_str(
        "<section aria-labelledby=\"ballots\">\n<h2 id=\"ballots\">Ballots by confirmation code</h2>\n",
    );
    if ballots.is_empty() {
        body.push_str("<p>No ballot yet.</p>\n");
    } else {
        body.push_str(
            "<table>\n<caption>Every ballot on the board, in the order it was posted</caption>\n\
             <thead><tr><th scope=\"col\">Confirmation code</th><th scope=\"col\">Ballot</th>\
             <th scope=\"col\">Device</th><th scope=\"col\">State</th>\
             <th scope=\"col\">Log entry</th></tr></thead>\n<tbody>\n",
        );
        for (seq, b) in &ballots {
            let _ = writeln!(
                body,
                "<tr><td><a href=\"/elections/{}/ballot?code={}\"><code>{}</code></a></td>\
                 <td>{}</td><td>{}</td><td>{}</td><td>{seq}</td></tr>",
                url(&id),
                url(&b.confirmation_code),
                esc(&b.confirmation_code),
                esc(&b.ballot_id),
                esc(&b.voting_device),
                esc(&b.state)
            );
        }
        body.push_str("</tbody>\n</table>\n");
        if ballots.len() as u64 >= BALLOTS_SHOWN {
            let _ = writeln!(
                body,
                "<p>The first {BALLOTS_SHOWN} ballots are listed; find any ballot by its code.</p>"
            );
        }
    }
    body.push_str("</section>\n");
    Ok(page(&o.label, &body))
}

#[derive(serde::Deserialize)]
struct CodeQuery {
    code: Option<String>,
}

/// The outcome of a look-up, with the proof checked against the signed checkpoint.
struct Found {
    proof: InclusionProof,
    ballot: EncryptedBallotJson,
    checked: Result<(), String>,
}

fn look_up(board: &Board, id: &str, code: &str) -> Result<Option<Found>, BoardError> {
    let code = code.trim().to_uppercase();
    let Some(entry) = board.read(|s| s.entry_by_code(id, &code))? else {
        return Ok(None);
    };
    let proof = inclusion_of(board, id, &entry, None)?;
    let ballot: EncryptedBallotJson = serde_json::from_slice(&entry.entry.body)
        .map_err(|e| BoardError::Internal(format!("entry {}: {e}", entry.entry.seq)))?;
    let verifier = board.with(id, |e| {
        scrutin_log::Verifier::parse(&e.vkey()).map_err(|err| BoardError::Internal(err.to_string()))
    })?;
    let checked = check_proof(&proof, &entry.entry, &verifier);
    Ok(Some(Found {
        proof,
        ballot,
        checked,
    }))
}

/// Opens the signed checkpoint with the board's key and checks the inclusion proof of the
/// leaf recomputed from the entry's bytes against it (RFC 9162 §2.1.3.2).
fn check_proof(
    proof: &InclusionProof,
    entry: &crate::store::NewEntry,
    verifier: &scrutin_log::Verifier,
) -> Result<(), String> {
    let (checkpoint, _) = scrutin_log::open_note(&proof.checkpoint, std::slice::from_ref(verifier))
        .map_err(|e| format!("the checkpoint's signature does not verify: {e}"))?;
    let leaf = crate::leaf::item_leaf_hash(&entry.kind, &entry.key, &entry.body);
    let path: Option<Vec<Hash>> = proof
        .proof
        .iter()
        .map(|h| hex::decode(h).ok().and_then(|b| Hash::from_slice(&b)))
        .collect();
    let path = path.ok_or("the proof is not a list of hashes")?;
    verify_inclusion(&leaf, entry.seq, checkpoint.size, &path, &checkpoint.root)
        .map_err(|e| format!("the inclusion proof does not verify: {e}"))
}

async fn find_ballot(
    State(board): Shared,
    Path(id): Path<String>,
    q: Result<Query<CodeQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let code = super::api::query(q)?.code.filter(|c| !c.trim().is_empty());
    let key = id.clone();
    let lookup = code.clone();
    let (o, found) = blocking(move || {
        let o = overview(&board, &key)?;
        let found = match &lookup {
            Some(code) => look_up(&board, &key, code)?,
            None => None,
        };
        Ok((o, found))
    })
    .await?;
    let mut body = format!(
        "<h1>Find my ballot</h1>\n{}{}<p>{}</p>\n",
        nav(&id),
        test_group_warning(o.summary.group),
        esc(&o.label)
    );
    let _ = write!(
        body,
        "<form method=\"get\" action=\"/elections/{}/ballot\">\n\
         <label for=\"code\">Your confirmation code (64 hexadecimal digits)</label>\n\
         <input type=\"text\" id=\"code\" name=\"code\" value=\"{}\" autocomplete=\"off\" \
         spellcheck=\"false\">\n<button type=\"submit\">Find</button>\n</form>\n",
        url(&id),
        esc(code.as_deref().unwrap_or(""))
    );
    match (&code, found) {
        (None, _) => {}
        (Some(code), None) => {
            let _ = write!(
                body,
                "<h2>Not found</h2>\n<p class=\"bad\">No ballot on this board has the \
                 confirmation code <code>{}</code>.</p>\n",
                esc(code)
            );
        }
        (Some(_), Some(found)) => body.push_str(&found_section(&found)),
    }
    Ok(page("Find my ballot", &body))
}

fn found_section(found: &Found) -> String {
    let p = &found.proof;
    let b = &found.ballot;
    let verdict = match &found.checked {
        Ok(()) => format!(
            "<p class=\"ok\">Your ballot is in the board's log: its inclusion proof verifies \
             against the checkpoint of {} entries signed by the board.</p>",
            p.tree_size
        ),
        Err(why) => format!(
            "<p class=\"bad\">The proof does not check: {}</p>",
            esc(why)
        ),
    };
    let mut proof_items = String::new();
    for h in &p.proof {
        let _ = write!(proof_items, "<li><code>{}</code></li>", esc(h));
    }
    format!(
        "<h2>Your ballot</h2>\n{verdict}\n<table>\n<caption>The ballot's entry in the log</caption>\n\
         <tbody>\n<tr><th scope=\"row\">Ballot</th><td>{}</td></tr>\n\
         <tr><th scope=\"row\">State</th><td>{}</td></tr>\n\
         <tr><th scope=\"row\">Device</th><td>{}</td></tr>\n\
         <tr><th scope=\"row\">Confirmation code</th><td><code>{}</code></td></tr>\n\
         <tr><th scope=\"row\">Log entry (leaf index)</th><td>{}</td></tr>\n\
         <tr><th scope=\"row\">Leaf hash</th><td><code>{}</code></td></tr>\n</tbody>\n</table>\n\
         <h3>Inclusion proof</h3>\n<ol>{proof_items}</ol>\n<h3>Signed checkpoint</h3>\n<pre>{}</pre>\n",
        esc(&b.ballot_id),
        esc(&b.state),
        esc(&b.voting_device),
        esc(&b.confirmation_code),
        p.entry.seq,
        esc(&p.entry.leaf_hash),
        esc(&p.checkpoint)
    )
}

async fn results(State(board): Shared, Path(id): Path<String>) -> Result<Response, ApiError> {
    let key = id.clone();
    let (o, tally, report) = blocking(move || {
        let o = overview(&board, &key)?;
        let tally = board.read(|s| s.entry_by_key(&key, &crate::items::key::tally()))?;
        let Some(tally) = tally else {
            return Ok((o, None, None));
        };
        let json: DecryptedTallyJson = serde_json::from_slice(&tally.entry.body)
            .map_err(|e| BoardError::Internal(format!("tally.json: {e}")))?;
        let report = board.verification(&key)?;
        Ok((o, Some(json), Some(report)))
    })
    .await?;
    let mut body = format!(
        "<h1>Results: {}</h1>\n{}{}",
        esc(&o.label),
        nav(&id),
        test_group_warning(o.summary.group)
    );
    let (Some(tally), Some(report)) = (tally, report) else {
        body.push_str("<p>The results are not on the board yet.</p>\n");
        return Ok(page("Results", &body));
    };
    for contest in &tally.contests {
        let max = contest
            .selections
            .iter()
            .map(|s| s.tally)
            .max()
            .unwrap_or(0)
            .max(1);
        let _ = write!(
            body,
            "<section>\n<h2>{}</h2>\n<table>\n<caption>Votes for each option of {}</caption>\n\
             <thead><tr><th scope=\"col\">Option</th><th scope=\"col\">Votes</th>\
             <th scope=\"col\">Chart</th></tr></thead>\n<tbody>\n",
            esc(&contest.contest_id),
            esc(&contest.contest_id)
        );
        for option in &contest.selections {
            let _ = writeln!(
                body,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"chart\"><meter class=\"bar\" \
                 min=\"0\" max=\"{max}\" value=\"{}\" aria-hidden=\"true\"></meter></td></tr>",
                esc(&option.selection_id),
                option.tally,
                option.tally
            );
        }
        body.push_str("</tbody>\n</table>\n</section>\n");
    }
    let verdict = if report.is_valid() {
        "<p class=\"ok\">The record is valid: every verification step passed.</p>"
    } else {
        "<p class=\"bad\">The record fails verification.</p>"
    };
    let _ = write!(
        body,
        "<section aria-labelledby=\"verification\">\n<h2 id=\"verification\">Verification</h2>\n\
         {verdict}\n<p>The board ran the verifier (ElectionGuard {}, parameters {}) on the \
         record it holds. Check it yourself: download the record and run \
         <code>scrutin verify</code>.</p>\n<table>\n<caption>Every verification step of the \
         specification</caption>\n<thead><tr><th scope=\"col\">Step</th><th scope=\"col\">\
         Title</th><th scope=\"col\">Outcome</th></tr></thead>\n<tbody>\n",
        esc(&report.spec_version),
        esc(&report.parameters)
    );
    for step in &report.steps {
        let outcome = match &step.outcome {
            scrutin_verify::Outcome::Passed { checked } => format!("pass ({checked} checks)"),
            scrutin_verify::Outcome::Failed {
                failures, omitted, ..
            } => {
                let listed: Vec<String> = failures.iter().map(|f| f.to_string()).collect();
                match omitted {
                    0 => format!("FAIL: {}", listed.join("; ")),
                    n => format!("FAIL: {}; and {n} more", listed.join("; ")),
                }
            }
            scrutin_verify::Outcome::Skipped { reason } => format!("skipped: {reason}"),
        };
        let _ = writeln!(
            body,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&step.label),
            esc(&step.title),
            esc(&outcome)
        );
    }
    body.push_str("</tbody>\n</table>\n</section>\n");
    Ok(page("Results", &body))
}
