//! Every page of the board carries its security headers: a Content-Security-Policy that lets
//! nothing run and nothing load but the page's own stylesheet (by the SHA-256 of the exact
//! `<style>` text on the page), forbids framing, and sends forms only to the board; no MIME
//! sniffing; no referrer.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use base64::Engine;
use common::{create_request, post_json, Backend, Server};
use sha2::{Digest, Sha256};

/// The page at `path`: its headers by name, and its body.
fn page(server: &Server, path: &str) -> (ureq::http::HeaderMap, String) {
    let mut response = ureq::get(&server.url(path)).call().unwrap();
    let headers = response.headers().clone();
    (headers, response.body_mut().read_to_string().unwrap())
}

fn header<'a>(headers: &'a ureq::http::HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

#[test]
fn every_page_carries_the_security_headers() {
    let dir = tempfile::tempdir().unwrap();
    let server = Server::start_on(dir.path(), &Backend::Sqlite);
    let created = post_json(&server.url("/api/elections"), &create_request("e"), true);
    assert_eq!(created.status, 201, "{}", created.text());
    for path in [
        "/",
        "/elections/e",
        "/elections/e/ballot?code=00",
        "/elections/e/results",
    ] {
        let (headers, body) = page(&server, path);
        let policy = header(&headers, "content-security-policy");
        for directive in [
            "default-src 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
            "base-uri 'none'",
        ] {
            assert!(policy.contains(directive), "{path}: {policy}");
        }
        // The stylesheet the policy allows is the one on the page, byte for byte.
        let style = body
            .split_once("<style>")
            .and_then(|(_, rest)| rest.split_once("</style>"))
            .map(|(style, _)| style)
            .unwrap();
        let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style));
        assert!(
            policy.contains(&format!("style-src 'sha256-{hash}'")),
            "{path}: {policy}"
        );
        assert!(
            !body.contains(" style=\""),
            "{path}: an inline style attribute"
        );
        assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
        assert_eq!(header(&headers, "x-frame-options"), "DENY");
        assert_eq!(header(&headers, "referrer-policy"), "no-referrer");
    }
}
