//! How long the client waits when the board answers `429 Too Many Requests`
//! (docs/board-api.md, "Limits"). Every write is idempotent — a retry of the same item gets
//! the original receipt — so waiting and sending again is safe.

use std::time::Duration;

/// How many times the client waits out a `429 Too Many Requests` before it gives up.
pub const RATE_RETRIES: u32 = 10;

/// The longest wait the client accepts from a `Retry-After` (seconds): a board asking for
/// more is not waited for longer than this at a time.
pub const MAX_RETRY_AFTER: u64 = 60;

/// The wait a `Retry-After` header value asks for (RFC 9110 §10.2.3, delay-seconds form),
/// between 1 and [`MAX_RETRY_AFTER`] seconds. The HTTP-date form, which the board never
/// sends, a missing header and an unreadable one count as one second.
pub fn retry_after(header: Option<&str>) -> Duration {
    let seconds = header
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1);
    Duration::from_secs(seconds.clamp(1, MAX_RETRY_AFTER))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delay_seconds_are_taken_as_given() {
        assert_eq!(retry_after(Some("3")), Duration::from_secs(3));
        assert_eq!(retry_after(Some(" 7 ")), Duration::from_secs(7));
    }

    #[test]
    fn waits_are_at_least_one_second_and_at_most_the_cap() {
        assert_eq!(retry_after(Some("0")), Duration::from_secs(1));
        assert_eq!(
            retry_after(Some("86400")),
            Duration::from_secs(MAX_RETRY_AFTER)
        );
    }

    #[test]
    fn missing_dates_and_garbage_count_as_one_second() {
        for value in [
            None,
            Some("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some("-5"),
            Some("1.5"),
            Some(""),
            Some("99999999999999999999999"),
        ] {
            assert_eq!(retry_after(value), Duration::from_secs(1), "{value:?}");
        }
    }
}
