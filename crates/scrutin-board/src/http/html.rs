//! HTML for the board's pages: escaping, the page frame, and the headers every page carries.
//! Every piece of data on a page goes through [`esc`]; the pages need no script, and their
//! Content-Security-Policy allows none: only the page's own stylesheet (by its hash), forms
//! sent to the board itself, and no framing by other sites.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// Escapes text for an HTML element or a quoted attribute (the five characters of the HTML
/// standard's "escaping a string", plus the single quote).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes a path segment or query value (RFC 3986 unreserved characters pass).
pub fn url(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;\
padding:0 1rem;line-height:1.5;color:#111}table{border-collapse:collapse;margin:1rem 0}\
th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}\
code,pre{font-family:ui-monospace,monospace;word-break:break-all;white-space:pre-wrap}\
.chart{width:20rem}.ok{color:#0a6a0a;font-weight:bold}\
.bad{color:#a00;font-weight:bold}meter.bar{width:100%;height:1rem}nav a{margin-right:1rem}label{display:block;margin:.5rem 0}\
input[type=text]{width:100%;max-width:40rem;font-family:ui-monospace,monospace}\
.warning{border:2px solid #a00;background:#fff4f4;padding:.5rem 1rem}";

/// The Content-Security-Policy of every page (W3C CSP Level 3): nothing may load or run
/// but the inline stylesheet [`STYLE`], allowed by its SHA-256 hash (and images from the board
/// itself, for a browser's favicon request); forms go only to the board; no other site may frame
/// a page (against clickjacking of "find my ballot").
fn content_security_policy() -> &'static str {
    static POLICY: OnceLock<String> = OnceLock::new();
    POLICY.get_or_init(|| {
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE));
        format!(
            "default-src 'none'; style-src 'sha256-{hash}'; img-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'"
        )
    })
}

/// The headers of every page: the policy above, no MIME sniffing, no framing for browsers
/// that predate `frame-ancestors`, and no referrer (a page's address may hold a confirmation
/// code).
fn security_headers() -> [(header::HeaderName, &'static str); 5] {
    [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CONTENT_SECURITY_POLICY, content_security_policy()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
    ]
}

/// A whole page: `title` (escaped here) and `body` (already HTML).
pub fn page(title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} — scrutin board</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <header><nav aria-label=\"site\"><a href=\"/\">All elections</a></nav></header>\n\
         <main>\n{body}\n</main>\n</body>\n</html>\n",
        esc(title)
    );
    (security_headers(), html).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }

    #[test]
    fn url_encodes_reserved_characters() {
        assert_eq!(url("a b/<c>"), "a%20b%2F%3Cc%3E");
        assert_eq!(url("e-1_x.y~"), "e-1_x.y~");
    }
}
