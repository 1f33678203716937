//! The `MockServer` class and the port-keyed functions over the core's `server`, plus the
//! per-environment bookkeeping that stops a worker thread's servers when the worker exits.

use crate::error::{invalid_argument, pact_error, Code, IntoJs};
use crate::logging;
use crate::pact::Pact;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use pact_mock_server_core::error::{ErrorCode, PactError, Result as CoreResult};
use pact_mock_server_core::model;
use pact_mock_server_core::server::{self, ServerOptions};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, Weak};

/// How to start a mock server.
#[napi(object)]
#[derive(Default)]
pub struct MockServerOptions {
    /// 0 or absent: the OS picks a free port.
    pub port: Option<u32>,
    /// Default "127.0.0.1".
    pub host: Option<String>,
    /// HTTPS with a self-signed certificate.
    pub tls: Option<bool>,
    /// Answer CORS pre-flight requests automatically.
    pub cors: Option<bool>,
}

/// Options of `MockServer.writePactFile`.
#[napi(object)]
pub struct WritePactOptions {
    /// Replace the file instead of merging into it.
    pub overwrite: Option<bool>,
}

pub fn server_options(
    options: Option<MockServerOptions>,
    port: Option<u32>,
) -> Result<ServerOptions, Code> {
    let options = options.unwrap_or_default();
    let mut out = ServerOptions::default();
    let port = port.or(options.port).unwrap_or(0);
    out.port = u16::try_from(port).map_err(|_| {
        invalid_argument(format!(
            "Port {port} is out of range: use 0 (any free port) or 1..65535"
        ))
    })?;
    if let Some(host) = options.host {
        out.host = host;
    }
    out.tls = options.tls.unwrap_or(false);
    out.cors = options.cors.unwrap_or(false);
    Ok(out)
}

/// The servers started from one Node environment (main thread or a worker), stopped when the
/// environment is torn down so that an exiting worker does not leave ports bound.
struct EnvServers(Mutex<Vec<Weak<server::MockServer>>>);

fn track(env: &Env, started: &Arc<server::MockServer>) -> Result<(), Code> {
    let weak = Arc::downgrade(started);
    if let Some(servers) = env.get_instance_data::<EnvServers>().js()? {
        let mut list = servers.0.lock().unwrap_or_else(|e| e.into_inner());
        list.retain(|w| w.strong_count() > 0);
        list.push(weak);
        return Ok(());
    }
    env.set_instance_data(EnvServers(Mutex::new(vec![weak])), (), |ctx| {
        let list = ctx.value.0.into_inner().unwrap_or_else(|e| e.into_inner());
        for server in list.iter().filter_map(Weak::upgrade) {
            server.shutdown();
        }
    })
    .js()
}

/// Starts a server for `pact` and tracks it in this environment.
pub fn start_server(
    env: &Env,
    pact: model::Pact,
    options: Option<MockServerOptions>,
    port: Option<u32>,
) -> Result<MockServer, Code> {
    start_server_with(env, pact, server_options(options, port)?, server::start)
}

/// Starts a server for `pact` with the core's `start` (or `start_reusing`) and tracks it.
pub fn start_server_with(
    env: &Env,
    pact: model::Pact,
    options: ServerOptions,
    start: fn(model::Pact, ServerOptions) -> CoreResult<Arc<server::MockServer>>,
) -> Result<MockServer, Code> {
    logging::ensure();
    let started = start(pact, options).js()?;
    track(env, &started)?;
    Ok(MockServer { inner: started })
}

fn no_server(port: u32) -> napi::Error<crate::error::Code> {
    pact_error(PactError::new(
        ErrorCode::NoSuchServer,
        format!("No mock server is running on port {port} (it was never started here or has been cleaned up)"),
    ))
}

fn find(port: u32) -> Option<Arc<server::MockServer>> {
    u16::try_from(port).ok().and_then(server::find)
}

/// A running mock server.
#[napi]
pub struct MockServer {
    pub(crate) inner: Arc<server::MockServer>,
}

#[napi]
impl MockServer {
    /// The port the server listens on.
    #[napi(getter)]
    pub fn port(&self) -> u32 {
        self.inner.port() as u32
    }

    /// The base URL, e.g. "http://127.0.0.1:40123".
    #[napi(getter)]
    pub fn url(&self) -> String {
        self.inner.url()
    }

    /// True when every expected request arrived and nothing unexpected did.
    #[napi(catch_unwind)]
    pub fn matched(&self) -> bool {
        self.inner.matched()
    }

    /// What went wrong, as libpact_ffi's JSON text (`mismatches()` parses it).
    #[napi(catch_unwind)]
    pub fn mismatches_json(&self) -> String {
        self.inner.mismatches_json()
    }

    /// The readable text of what went wrong (what a failed `executeTest` rejects with):
    /// every mismatch, numbered, and the CORS pre-flights left unanswered.
    #[napi(catch_unwind)]
    pub fn failure_report(&self) -> String {
        self.inner.failure_report()
    }

    /// What this server logged (one line per request).
    #[napi]
    pub fn logs(&self) -> String {
        self.inner.logs()
    }

    /// Writes `<consumer>-<provider>.json` into `dir` (default: the current directory),
    /// merging with an existing file unless `overwrite` is set.
    #[napi(catch_unwind)]
    pub fn write_pact_file(
        &self,
        dir: Option<String>,
        options: Option<WritePactOptions>,
    ) -> Result<(), Code> {
        let overwrite = options.and_then(|o| o.overwrite).unwrap_or(false);
        self.inner
            .write_pact_file(dir.map(PathBuf::from).as_deref(), overwrite)
            .js()?;
        Ok(())
    }

    /// Stops the server; the port is free when this returns. False when it was already stopped.
    #[napi(catch_unwind)]
    pub fn cleanup(&self) -> bool {
        self.inner.shutdown()
    }

    /// How the pact-js drop-in's `executeTest` ends: like `cleanup`, but a server on a port the
    /// OS chose keeps listening for a short while, for `Pact.startMockServerReusing` to serve
    /// the next test's pact on it.
    #[napi(catch_unwind, skip_typescript)]
    pub fn release(&self) -> bool {
        self.inner.release()
    }
}

/// Starts a mock server for pact JSON (any specification version); returns its port.
#[napi(catch_unwind)]
pub fn create_mock_server(
    env: &Env,
    pact_json: String,
    port: Option<u32>,
    options: Option<MockServerOptions>,
) -> Result<u32, Code> {
    let pact = model::Pact::from_json_str(&pact_json).js()?;
    Ok(start_server(env, pact, options, port)?.port())
}

/// Starts a mock server for a `Pact` built with the DSL; returns its port.
#[napi(catch_unwind)]
pub fn create_mock_server_for_pact(
    env: &Env,
    pact: &Pact,
    port: Option<u32>,
    options: Option<MockServerOptions>,
) -> Result<u32, Code> {
    Ok(start_server(env, pact.snapshot(), options, port)?.port())
}

/// True when the server on `port` got every expected request and nothing else; false also
/// when no server runs there (as libpact_ffi does).
#[napi(catch_unwind)]
pub fn mock_server_matched(port: u32) -> bool {
    find(port).is_some_and(|s| s.matched())
}

/// The mismatches of the server on `port` as libpact_ffi's JSON text.
#[napi(catch_unwind)]
pub fn mock_server_mismatches(port: u32) -> Result<String, Code> {
    find(port)
        .map(|s| s.mismatches_json())
        .ok_or_else(|| no_server(port))
}

/// Stops the server on `port`; false when none runs there.
#[napi(catch_unwind)]
pub fn cleanup_mock_server(port: u32) -> bool {
    u16::try_from(port).is_ok_and(server::cleanup)
}

/// Writes the pact of the server on `port` into `dir` (default: the current directory),
/// merging unless `overwrite`.
#[napi(catch_unwind)]
pub fn write_pact_file(
    port: u32,
    dir: Option<String>,
    overwrite: Option<bool>,
) -> Result<(), Code> {
    let server = find(port).ok_or_else(|| no_server(port))?;
    server
        .write_pact_file(
            dir.map(PathBuf::from).as_deref(),
            overwrite.unwrap_or(false),
        )
        .js()?;
    Ok(())
}
