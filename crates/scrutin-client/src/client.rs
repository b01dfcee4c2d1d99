//! A blocking HTTP client of one election on the board (docs/board-api.md). It reads answers
//! up to a size cap, waits out the board's rate limit, and turns error statuses into
//! [`ClientError`]s that keep the board's code, message and failed step apart.

use crate::error::ClientError;
use crate::retry::{retry_after, RATE_RETRIES};
use crate::transport::{self, ClientOptions};
use serde::de::DeserializeOwned;

/// The largest answer the client reads (a whole record's file).
const MAX_ANSWER: u64 = 256 << 20;

/// How long one request may take in all, reading the answer included.
const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(600);

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
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ClientError> {
        serde_json::from_slice(&self.body).map_err(|e| ClientError::NotJson(e.to_string()))
    }
}

type HttpResult = Result<ureq::http::Response<ureq::Body>, ureq::Error>;

impl Client {
    /// A client of election `election` on the board at `base` (`https://host:port`, or
    /// `http://` as given: no check of the URL), trusting the built-in web roots. For a board
    /// on this machine, e.g. in tests; parties use [`Client::connect`].
    pub fn new(base: &str, election: &str) -> Client {
        Client::with_tls(base, election, ureq::tls::TlsConfig::default())
    }

    /// A client of election `election` on the board at `base`, connecting as `options` say:
    /// `https://` with the roots they give, `http://` only to this machine unless they allow
    /// it (docs/board-api.md, "TLS").
    pub fn connect(
        base: &str,
        election: &str,
        options: &ClientOptions,
    ) -> Result<Client, ClientError> {
        transport::check_url(base, options)?;
        let tls = transport::tls_config(options)?;
        Ok(Client::with_tls(base, election, tls))
    }

    fn with_tls(base: &str, election: &str, tls: ureq::tls::TlsConfig) -> Client {
        // No redirects: the board never answers one, and following one could leave TLS.
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(TIMEOUT))
            .max_redirects(0)
            .tls_config(tls)
            .build()
            .into();
        Client {
            base: base.trim_end_matches('/').to_string(),
            election: election.to_string(),
            agent,
        }
    }

    /// The board's URL, without a trailing `/`.
    pub fn base(&self) -> &str {
        &self.base
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

    /// GET a URL.
    pub fn get(&self, url: &str) -> Result<Answer, ClientError> {
        self.send(url, || self.agent.get(url).call())
    }

    /// POST a JSON body to a URL, with the administrator's bearer token if given.
    pub fn post(&self, url: &str, body: &[u8], token: Option<&str>) -> Result<Answer, ClientError> {
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

    /// POST a JSON body to a URL with the author's signatures of the items it adds as the
    /// `Scrutin-Signature` header ([`crate::signing::header_value`]).
    pub fn post_signed(
        &self,
        url: &str,
        body: &[u8],
        signatures: &str,
    ) -> Result<Answer, ClientError> {
        self.send(url, || {
            self.agent
                .post(url)
                .header("Content-Type", "application/json")
                .header(crate::signing::SIGNATURE_HEADER, signatures)
                .send(body)
        })
    }

    /// Sends the request `attempt` makes, waiting out the board's rate limit (429 with
    /// `Retry-After`) up to [`RATE_RETRIES`] times: every write is idempotent, so a retry
    /// is safe.
    fn send(&self, url: &str, attempt: impl Fn() -> HttpResult) -> Result<Answer, ClientError> {
        for _ in 0..RATE_RETRIES {
            let result = attempt();
            match &result {
                Ok(response) if response.status().as_u16() == 429 => {
                    let header = response
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok());
                    std::thread::sleep(retry_after(header));
                }
                _ => return finish(url, result),
            }
        }
        finish(url, attempt())
    }
}

/// The answer to a request, read up to [`MAX_ANSWER`] bytes; an error status becomes the
/// [`ClientError`] its status and body describe.
fn finish(url: &str, result: HttpResult) -> Result<Answer, ClientError> {
    let mut response = result.map_err(|e| transport_error(url, e))?;
    let status = response.status().as_u16();
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_ANSWER)
        .read_to_vec()
        .map_err(|e| ClientError::UnreadableAnswer {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
    if (200..300).contains(&status) {
        return Ok(Answer { status, body });
    }
    Err(ClientError::from_status(status, &body))
}

/// A request that got no answer: a failed TLS handshake, or any other transport failure.
fn transport_error(url: &str, error: ureq::Error) -> ClientError {
    let tls = match &error {
        ureq::Error::Rustls(e) => Some(e.to_string()),
        ureq::Error::Io(e) => e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
            .map(ToString::to_string),
        _ => None,
    };
    match tls {
        Some(reason) => ClientError::Tls {
            url: url.to_string(),
            reason,
        },
        None => ClientError::Transport {
            url: url.to_string(),
            reason: error.to_string(),
        },
    }
}
