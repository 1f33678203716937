//! The hyper 1.x mock server on the core's own tokio runtime: start and stop, a registry of
//! running servers by port, matching each request against the pact, recording results,
//! generated responses, CORS, TLS, per-server logs and pact-file writing.

use crate::error::{PactError, Result};
use crate::matching::Mismatch;
use crate::model::{Pact, Request};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How to start a server.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// Default `127.0.0.1`.
    pub host: String,
    /// 0 lets the OS choose.
    pub port: u16,
    pub tls: bool,
    pub cors: bool,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions {
            host: "127.0.0.1".into(),
            port: 0,
            tls: false,
            cors: false,
        }
    }
}

/// One entry of `mismatches()`.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchResult {
    /// A request that matched an interaction only in part.
    RequestMismatch {
        method: String,
        path: String,
        mismatches: Vec<Mismatch>,
    },
    /// A request that matched no interaction.
    RequestNotFound { request: Request },
    /// An expected request that never arrived.
    MissingRequest { request: Request },
}

/// A running mock server.
#[derive(Debug)]
pub struct MockServer {
    port: u16,
}

impl MockServer {
    pub fn port(&self) -> u16 {
        self.port
    }
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
    pub fn matched(&self) -> bool {
        false
    }
    pub fn mismatches(&self) -> Vec<MatchResult> {
        Vec::new()
    }
    /// The mismatches as libpact_ffi's JSON text.
    pub fn mismatches_json(&self) -> String {
        "[]".into()
    }
    pub fn logs(&self) -> String {
        String::new()
    }
    /// Writes the pact file into `dir` (default: current directory), merging unless `overwrite`.
    pub fn write_pact_file(&self, _dir: Option<&Path>, _overwrite: bool) -> Result<PathBuf> {
        Err(PactError::invalid_argument("not implemented yet"))
    }
    /// Stops the server; the port is free when this returns. Harmless when repeated.
    pub fn shutdown(&self) {}
}

/// Starts a mock server for the pact and registers it under its port.
pub fn start(_pact: Pact, _options: ServerOptions) -> Result<Arc<MockServer>> {
    Err(PactError::invalid_argument("not implemented yet"))
}

/// The running server on `port`, if any.
pub fn find(_port: u16) -> Option<Arc<MockServer>> {
    None
}

/// Stops and unregisters the server on `port`; false when there is none.
pub fn cleanup(_port: u16) -> bool {
    false
}
