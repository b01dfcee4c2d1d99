//! How the client reaches the board: over HTTPS, trusting either the built-in web roots
//! (Mozilla's, from `webpki-roots`) or only the CAs of a PEM file; plain `http://` only to
//! this machine (a loopback address or `localhost`) unless the caller allows it, since in the
//! clear the administrator's token and every item cross the network readable and alterable
//! (docs/board-api.md, "TLS").

use crate::error::ClientError;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use ureq::tls::{Certificate, PemItem, RootCerts, TlsConfig, TlsProvider};

/// The largest CA file read: a full bundle of public roots is about 200 KiB.
const MAX_CA_FILE: u64 = 4 << 20;

/// How a [`Client`](crate::Client) connects.
#[derive(Clone, Debug, Default)]
pub struct ClientOptions {
    /// A PEM file of CA certificates: the board's certificate must chain to one of them,
    /// and the built-in web roots are not trusted. `None`: the built-in web roots.
    pub ca_file: Option<PathBuf>,
    /// Allow `http://` to a board that is not on this machine.
    pub allow_http: bool,
}

/// Whether the board's URL `base` may be used under `options`: `https://`, or `http://` to a
/// loopback host or with [`ClientOptions::allow_http`].
pub fn check_url(base: &str, options: &ClientOptions) -> Result<(), ClientError> {
    let bad = |reason: &str| ClientError::BadUrl {
        url: base.to_string(),
        reason: reason.to_string(),
    };
    let uri: ureq::http::Uri = base.parse().map_err(|_| bad("not a URL"))?;
    let host = uri.host().ok_or_else(|| bad("no host"))?;
    match uri.scheme_str() {
        Some("https") => Ok(()),
        Some("http") if options.allow_http || is_loopback(host) => Ok(()),
        Some("http") => Err(ClientError::PlainHttp {
            url: base.to_string(),
        }),
        _ => Err(bad(
            "the scheme must be https:// (or http:// on this machine)",
        )),
    }
}

/// Whether `host` (as in a URL; an IPv6 address in brackets) is this machine: `localhost`,
/// 127.0.0.0/8 or ::1 (also as an IPv4-mapped address).
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    match bare.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.is_loopback(),
        Ok(IpAddr::V6(v6)) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => false,
    }
}

/// The TLS configuration of `options`: rustls (with ring), the CA file's certificates as
/// the only roots, or the built-in web roots.
pub fn tls_config(options: &ClientOptions) -> Result<TlsConfig, ClientError> {
    let roots = match &options.ca_file {
        Some(file) => RootCerts::Specific(Arc::new(ca_certificates(file)?)),
        None => RootCerts::WebPki,
    };
    Ok(TlsConfig::builder()
        .provider(TlsProvider::Rustls)
        .root_certs(roots)
        .build())
}

/// The certificates of the PEM file `file`; at least one.
fn ca_certificates(file: &Path) -> Result<Vec<Certificate<'static>>, ClientError> {
    let error = |reason: String| ClientError::CaFile {
        file: file.to_path_buf(),
        reason,
    };
    let bytes = read_bounded(file).map_err(error)?;
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(&bytes) {
        match item {
            Ok(PemItem::Certificate(certificate)) => certificates.push(certificate),
            Ok(_) => {}
            Err(e) => return Err(error(format!("not a PEM file: {e}"))),
        }
    }
    if certificates.is_empty() {
        return Err(error("holds no PEM certificate (BEGIN CERTIFICATE)".into()));
    }
    Ok(certificates)
}

/// The bytes of `file`, at most [`MAX_CA_FILE`].
fn read_bounded(file: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let opened = std::fs::File::open(file).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    opened
        .take(MAX_CA_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_CA_FILE {
        return Err(format!("larger than {MAX_CA_FILE} bytes"));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_are_this_machine() {
        for host in [
            "localhost",
            "LocalHost",
            "localhost.",
            "127.0.0.1",
            "127.1.2.3",
            "[::1]",
            "[::ffff:127.0.0.1]",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "example.org",
            "localhost.example.org",
            "128.0.0.1",
            "10.0.0.1",
            "0.0.0.0",
            "[::]",
            "[2001:db8::1]",
            "127.0.0.1.example.org",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    #[test]
    fn plain_http_is_refused_off_this_machine_unless_allowed() {
        let strict = ClientOptions::default();
        let loose = ClientOptions {
            allow_http: true,
            ..ClientOptions::default()
        };
        for url in [
            "http://127.0.0.1:8080",
            "http://localhost:8080/",
            "http://[::1]:80",
            "https://board.example.org",
            "https://192.0.2.7:8443",
        ] {
            check_url(url, &strict).unwrap();
        }
        for url in ["http://board.example.org", "http://192.0.2.7:8080"] {
            let error = check_url(url, &strict).unwrap_err();
            assert!(matches!(error, ClientError::PlainHttp { .. }), "{url}");
            check_url(url, &loose).unwrap();
        }
        for url in [
            "ftp://board.example.org",
            "board.example.org:80",
            "https://",
        ] {
            let error = check_url(url, &loose).unwrap_err();
            assert!(
                matches!(error, ClientError::BadUrl { .. }),
                "{url}: {error}"
            );
        }
    }

    #[test]
    fn a_ca_file_without_certificates_is_refused_by_name() {
        let dir = std::env::temp_dir().join(format!("scrutin-ca-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("empty.pem");
        std::fs::write(&file, "nothing here\n").unwrap();
        let options = ClientOptions {
            ca_file: Some(file.clone()),
            allow_http: false,
        };
        let error = tls_config(&options).unwrap_err();
        assert!(error.to_string().contains("empty.pem"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
        let missing = ClientOptions {
            ca_file: Some(file),
            allow_http: false,
        };
        assert!(matches!(
            tls_config(&missing).unwrap_err(),
            ClientError::CaFile { .. }
        ));
    }
}
