//! A blocking HTTP client of the board (docs/board-api.md). The board's JSON errors become
//! failures with the exit codes of `scrutin`: a refused check (422) is exit 1, the client's
//! mistakes and wrong stages (4xx) exit 2, anything else exit 3.

use crate::commands::failure::Failure;
use scrutin_board::Receipt;
use serde::de::DeserializeOwned;

/// The board's error body.
#[derive(serde::Deserialize)]
struct ErrorBody {
    error: String,
    message: String,
}

/// The board of one election.
pub struct Client {
    base: String,
    election: String,
    agent: ureq::Agent,
}

/// A successful answer.
pub struct Answer {
    /// The HTTP status (200 or 201 for writes).
    pub status: u16,
    /// The body.
    pub body: Vec<u8>,
}

impl Answer {
    /// The body as JSON of type `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, Failure> {
        serde_json::from_slice(&self.body)
            .map_err(|e| Failure::failed(format!("the board's answer is not JSON: {e}")))
    }
}

/// The largest answer the client reads (a whole record's file).
const MAX_ANSWER: u64 = 256 << 20;

/// How many times the client waits out a `429 Too Many Requests` before it gives up.
const RATE_RETRIES: u32 = 10;

/// The longest wait the client accepts from a `Retry-After` (seconds).
const MAX_RETRY_AFTER: u64 = 60;

/// The seconds a 429 answer asks the client to wait (RFC 9110 §10.2.3, delay-seconds form;
/// the HTTP-date form, which the board never sends, counts as one second).
fn retry_after(response: &ureq::http::Response<ureq::Body>) -> std::time::Duration {
    let seconds = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1);
    std::time::Duration::from_secs(seconds.clamp(1, MAX_RETRY_AFTER))
}

impl Client {
    /// A client of election `election` on the board at `base` (`http://host:port`).
    pub fn new(base: &str, election: &str) -> Client {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(std::time::Duration::from_secs(600)))
            .build()
            .into();
        Client {
            base: base.trim_end_matches('/').to_string(),
            election: election.to_string(),
            agent,
        }
    }

    /// The election id.
    pub fn election(&self) -> &str {
        &self.election
    }

    /// The URL of `path` under the election's API (`/api/elections/<id><path>`).
    pub fn url(&self, path: &str) -> String {
        format!("{}/api/elections/{}{path}", self.base, self.election)
    }

    /// The URL of `path` at the root of the API.
    pub fn root_url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn finish(
        &self,
        url: &str,
        result: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Answer, Failure> {
        let mut response =
            result.map_err(|e| Failure::failed(format!("cannot reach the board at {url}: {e}")))?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .read_to_vec()
            .map_err(|e| Failure::failed(format!("{url}: cannot read the answer: {e}")))?;
        if (200..300).contains(&status) {
            return Ok(Answer { status, body });
        }
        let text = match serde_json::from_slice::<ErrorBody>(&body) {
            Ok(e) => format!("the board refused ({status} {}): {}", e.error, e.message),
            Err(_) => format!(
                "the board refused ({status}): {}",
                String::from_utf8_lossy(&body)
            ),
        };
        Err(match status {
            422 => Failure::invalid(text),
            400..=499 => Failure::bad_input(text),
            _ => Failure::failed(text),
        })
    }

    /// Sends the request `attempt` makes, waiting out the board's rate limit (429 with
    /// `Retry-After`) up to [`RATE_RETRIES`] times: every write is idempotent, so a retry
    /// is safe.
    fn send(
        &self,
        url: &str,
        attempt: impl Fn() -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Answer, Failure> {
        for _ in 0..RATE_RETRIES {
            let result = attempt();
            match &result {
                Ok(response) if response.status().as_u16() == 429 => {
                    std::thread::sleep(retry_after(response));
                }
                _ => return self.finish(url, result),
            }
        }
        self.finish(url, attempt())
    }

    /// GET a URL.
    pub fn get(&self, url: &str) -> Result<Answer, Failure> {
        self.send(url, || self.agent.get(url).call())
    }

    /// POST a body to a URL, with the administrator's token if given.
    pub fn post(&self, url: &str, body: &[u8], token: Option<&str>) -> Result<Answer, Failure> {
        self.send(url, || {
            let mut request = self
                .agent
                .post(url)
                .header("Content-Type", "application/json");
            if let Some(token) = token {
                request = request.header("Authorization", format!("Bearer {token}"));
            }
            request.send(body)
        })
    }

    /// POST to the election's route `path` and describe the receipt, one line per entry.
    pub fn post_item(
        &self,
        path: &str,
        body: &[u8],
        token: Option<&str>,
    ) -> Result<String, Failure> {
        let answer = self.post(&self.url(path), body, token)?;
        describe(&answer)
    }
}

/// One line per entry of a receipt: appended, or already on the board (a retry).
pub fn describe(answer: &Answer) -> Result<String, Failure> {
    let receipt: Receipt = answer.json()?;
    let how = if answer.status == 201 {
        "appended"
    } else {
        "already on the board"
    };
    let lines: Vec<String> = receipt
        .entries
        .iter()
        .map(|e| {
            format!(
                "  {} {how} as entry {} (checkpoint of {} entries)",
                e.key, e.seq, receipt.tree_size
            )
        })
        .collect();
    Ok(lines.join("\n"))
}
