//! TLS for the board's listener (rustls, through tokio-rustls, with the `ring` provider): the
//! certificate chain and private key are read once from PEM files at start, and every
//! accepted connection completes its handshake within the header timeout before hyper reads
//! a byte of HTTP from it (docs/board-api.md, "TLS").

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

/// The largest certificate chain or key file read: far above any real chain, so that a
/// wrong path (a device, a huge file) fails instead of filling memory.
const MAX_PEM_FILE: u64 = 1 << 20;

/// Why the TLS configuration could not be loaded; each names the file concerned.
#[non_exhaustive]
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// The file could not be opened or read, or is larger than any PEM file of a chain.
    #[error("{}: cannot read: {reason}", file.display())]
    Unreadable {
        /// The file.
        file: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// The file is not valid PEM, or holds no item of the kind needed.
    #[error("{}: {reason}", file.display())]
    Invalid {
        /// The file.
        file: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// rustls refused the pair, e.g. a key that does not match the certificate or of an
    /// unsupported type.
    #[error("the certificate {} and the key {} cannot be used together: {reason}",
        cert.display(), key.display())]
    Refused {
        /// The certificate chain file.
        cert: PathBuf,
        /// The key file.
        key: PathBuf,
        /// What rustls reported.
        reason: String,
    },
}

/// The board's TLS server side: accepts the handshake of each connection.
pub struct Tls {
    acceptor: TlsAcceptor,
}

impl Tls {
    /// The TLS configuration of a certificate chain (`cert`: PEM certificates, the board's
    /// own first) and its private key (`key`: one PEM key, PKCS#8, PKCS#1 or SEC1). Offers
    /// TLS 1.3 and 1.2 with rustls's safe defaults, and HTTP/1.1 by ALPN.
    pub fn from_pem_files(cert: &Path, key: &Path) -> Result<Tls, TlsError> {
        let chain = certificates(cert)?;
        let private = private_key(key)?;
        // ring rather than aws-lc-rs: no C library and CMake to build, and the same provider
        // as the board's clients (ureq's rustls). rustls deprecates it for lacking the
        // post-quantum key exchange X25519MLKEM768; its classical suites are still safe.
        #[allow(deprecated)]
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let refused = |e: rustls::Error| TlsError::Refused {
            cert: cert.to_path_buf(),
            key: key.to_path_buf(),
            reason: e.to_string(),
        };
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(refused)?
            .with_no_client_auth()
            .with_single_cert(chain, private)
            .map_err(refused)?;
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Tls {
            acceptor: TlsAcceptor::from(Arc::new(config)),
        })
    }

    /// The TLS stream of `stream` once its handshake completes, or `None` if it fails or
    /// takes longer than `within` (a client that opens a connection and stalls holds its
    /// slot no longer than the header timeout).
    pub(super) async fn handshake(
        &self,
        stream: TcpStream,
        within: Duration,
    ) -> Option<TlsStream<TcpStream>> {
        match tokio::time::timeout(within, self.acceptor.accept(stream)).await {
            Ok(Ok(stream)) => Some(stream),
            Ok(Err(_)) | Err(_) => None,
        }
    }
}

/// The bytes of `file`, at most [`MAX_PEM_FILE`].
fn read_pem_file(file: &Path) -> Result<Vec<u8>, TlsError> {
    let unreadable = |reason: String| TlsError::Unreadable {
        file: file.to_path_buf(),
        reason,
    };
    let opened = std::fs::File::open(file).map_err(|e| unreadable(e.to_string()))?;
    let mut bytes = Vec::new();
    opened
        .take(MAX_PEM_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_PEM_FILE {
        return Err(unreadable(format!(
            "larger than {MAX_PEM_FILE} bytes, not a PEM certificate or key"
        )));
    }
    Ok(bytes)
}

/// Every certificate of the PEM file `file`; at least one.
fn certificates(file: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let invalid = |reason: String| TlsError::Invalid {
        file: file.to_path_buf(),
        reason,
    };
    let bytes = read_pem_file(file)?;
    let chain = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| invalid(format!("not a PEM certificate chain: {e}")))?;
    if chain.is_empty() {
        return Err(invalid(
            "holds no PEM certificate (BEGIN CERTIFICATE)".into(),
        ));
    }
    Ok(chain)
}

/// The first private key of the PEM file `file`.
fn private_key(file: &Path) -> Result<PrivateKeyDer<'static>, TlsError> {
    let bytes = read_pem_file(file)?;
    PrivateKeyDer::from_pem_slice(&bytes).map_err(|e| TlsError::Invalid {
        file: file.to_path_buf(),
        reason: format!("holds no PEM private key: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_and_non_pem_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.pem");
        let error = Tls::from_pem_files(&missing, &missing).err().unwrap();
        assert!(matches!(error, TlsError::Unreadable { .. }));
        assert!(error.to_string().contains("missing.pem"), "{error}");

        let text = dir.path().join("text.pem");
        std::fs::write(&text, "not a certificate\n").unwrap();
        let error = Tls::from_pem_files(&text, &text).err().unwrap();
        assert!(matches!(error, TlsError::Invalid { .. }), "{error}");
        assert!(error.to_string().contains("text.pem"), "{error}");
    }
}
