//! HTML for the board's pages: escaping, and the page frame. Every piece of data on a page
//! goes through [`esc`]; the pages need no script.

use axum::http::header;
use axum::response::{IntoResponse, Response};

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
.chart{width:20rem}.bar{display:inline-block;height:1rem;background:#1f5fa8}.ok{color:#0a6a0a;font-weight:bold}\
.bad{color:#a00;font-weight:bold}nav a{margin-right:1rem}label{display:block;margin:.5rem 0}\
input[type=text]{width:100%;max-width:40rem;font-family:ui-monospace,monospace}\
.warning{border:2px solid #a00;background:#fff4f4;padding:.5rem 1rem}";

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
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
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
