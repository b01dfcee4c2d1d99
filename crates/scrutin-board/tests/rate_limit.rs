//! The per-client rate limits over real HTTP: a burst over the write limit is answered 429
//! with `Retry-After` and the board's JSON error naming the limit, a write after the refill
//! passes, and reads have their own, looser bucket.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;

#[test]
fn a_burst_over_the_limit_is_refused_until_the_bucket_refills() {
    let dir = tempfile::tempdir().unwrap();
    // Half a write a second with bursts of 3; reads 5 a second with bursts of 30.
    let server = Server::start_limited(dir.path(), Some((0.5, 3)));
    let create = server.url("/api/elections");
    let request = serde_json::to_vec(&create_request("limited")).unwrap();

    // The burst: three writes pass (the first creates, the retries are idempotent).
    for i in 0..3 {
        let answer = post(&create, &request, true);
        assert!(
            answer.status == 201 || answer.status == 200,
            "write {i}: {}",
            answer.text()
        );
    }
    let refused = post(&create, &request, true);
    assert_eq!(refused.status, 429, "{}", refused.text());
    let body = refused.json();
    assert_eq!(body["error"], "rate_limited");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("too many write requests from 127.0.0.1")
            && message.contains("0.5 a second with bursts of 3"),
        "{message}"
    );
    let wait: u64 = refused.retry_after.as_deref().unwrap().parse().unwrap();
    assert!((1..=2).contains(&wait), "Retry-After {wait}");

    // Reads are not writes: their bucket is full.
    let info = get(&server.url("/api/elections/limited"));
    assert_eq!(info.status, 200, "{}", info.text());

    // After the wait the bucket has a token again.
    std::thread::sleep(std::time::Duration::from_secs(wait));
    let again = post(&create, &request, true);
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.json()["created"], false);

    // Reads run out too, at their own limit.
    let statuses: Vec<u16> = (0..80)
        .map(|_| get(&server.url("/api/elections/limited/checkpoint")).status)
        .collect();
    assert!(statuses.iter().take(25).all(|s| *s == 200), "{statuses:?}");
    let first_refused = statuses.iter().position(|s| *s == 429);
    assert!(first_refused.is_some(), "{statuses:?}");
    let refused = get(&server.url("/api/elections/limited"));
    if refused.status == 429 {
        assert!(refused.text().contains("too many read requests"));
        assert!(refused.retry_after.is_some());
    }
}

#[test]
fn without_limits_a_burst_passes() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_limited(dir.path(), Some((0.0, 3)));
    let create = server.url("/api/elections");
    let request = serde_json::to_vec(&create_request("unlimited")).unwrap();
    for _ in 0..20 {
        let answer = post(&create, &request, true);
        assert!(
            answer.status == 201 || answer.status == 200,
            "{}",
            answer.text()
        );
    }
}
