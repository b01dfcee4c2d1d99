//! Sequence numbers and tree sizes read from requests. The stores keep them as BIGINT, so a
//! log never reaches 2^63 entries; a larger number is the client's mistake (400), not a store
//! failure (500).

use super::errors::ApiError;
use serde::{Deserialize, Deserializer};

/// The largest position a log can have: i64::MAX.
const MAX_POSITION: u64 = i64::MAX as u64;

/// `text` as a position, or a 400 naming it and `what` it should be.
pub fn parse(text: &str, what: &str) -> Result<u64, ApiError> {
    text.parse::<u64>()
        .ok()
        .filter(|value| *value <= MAX_POSITION)
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "{text:?} is not a {what} (an integer from 0 to 2^63 − 1)"
            ))
        })
}

/// A query field that is a position (`deserialize_with`).
pub fn field<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let value = u64::deserialize(deserializer)?;
    match value <= MAX_POSITION {
        true => Ok(value),
        false => Err(serde::de::Error::custom(format!(
            "{value} is beyond any log position (at most 2^63 − 1)"
        ))),
    }
}

/// An optional query field that is a position (`deserialize_with`, with `default`).
pub fn optional<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    field(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Query {
        #[serde(deserialize_with = "field")]
        from: u64,
        #[serde(default, deserialize_with = "optional")]
        to: Option<u64>,
    }

    #[test]
    fn positions_stop_below_two_to_the_63() {
        assert_eq!(parse("0", "tree size").ok(), Some(0));
        assert_eq!(
            parse("9223372036854775807", "tree size").ok(),
            Some(MAX_POSITION)
        );
        assert!(parse("9223372036854775808", "tree size").is_err());
        assert!(parse("18446744073709551616", "tree size").is_err());
        assert!(parse("-1", "tree size").is_err());
        let ok: Query = serde_json::from_str(r#"{"from": 5}"#).unwrap();
        assert_eq!((ok.from, ok.to), (5, None));
        assert!(serde_json::from_str::<Query>(r#"{"from": 9223372036854775808}"#).is_err());
        assert!(
            serde_json::from_str::<Query>(r#"{"from": 1, "to": 9223372036854775808}"#).is_err()
        );
    }
}
