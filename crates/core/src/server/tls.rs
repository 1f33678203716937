//! HTTPS for the mock server: a fresh self-signed certificate (rcgen) for `localhost` and the
//! loopback addresses, served with rustls on the ring provider.

use crate::error::{ErrorCode, PactError, Result};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::sync::Arc;
use tokio_rustls::TlsAcceptor;

/// The acceptor plus the certificate, which clients need to trust the server.
pub(crate) struct TlsSetup {
    pub(crate) acceptor: TlsAcceptor,
    pub(crate) certificate_pem: String,
}

fn tls_error(what: &str, e: impl std::fmt::Display) -> PactError {
    PactError::new(
        ErrorCode::Tls,
        format!("Could not set up TLS for the mock server ({what}): {e}"),
    )
}

pub(crate) fn setup(host: &str) -> Result<TlsSetup> {
    let mut names = vec![
        "localhost".to_string(),
        "127.0.0.1".to_string(),
        "::1".to_string(),
    ];
    if !names.iter().any(|n| n == host) && !host.is_empty() {
        names.push(host.to_string());
    }
    let certified = rcgen::generate_simple_self_signed(names)
        .map_err(|e| tls_error("generating the self-signed certificate", e))?;
    let cert_der: CertificateDer<'static> = certified.cert.der().clone();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.key_pair.serialize_der()));
    // An explicit provider: the process-wide default may be unset or another one.
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| tls_error("choosing protocol versions", e))?
        .with_no_client_auth()
        .with_single_cert(vec![cert_der], key)
        .map_err(|e| tls_error("loading the certificate", e))?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(TlsSetup {
        acceptor: TlsAcceptor::from(Arc::new(config)),
        certificate_pem: certified.cert.pem(),
    })
}
