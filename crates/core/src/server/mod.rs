//! The hyper 1.x mock server on the core's own tokio runtime: start and stop, a registry of
//! running servers by port, matching each request against the pact, recording results,
//! generated responses, CORS, TLS, per-server logs and pact-file writing; and the parking of
//! a finished test's server, so that the next test's server takes over its port and the
//! client's open keep-alive connections (see [`MockServer::release`]).
//!
//! Both front ends (Node, C) call these functions from threads that are not runtime threads;
//! every call returns without waiting on JS; the only blocking part is binding the listener.

mod compiled;
mod handler;
mod report;
mod state;
mod tls;

use crate::error::{ErrorCode, PactError, Result};
use crate::matching::Mismatch;
use crate::model::{Pact, Request};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use state::State;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::Poll;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinSet;
use tokio_rustls::TlsAcceptor;

pub use handler::MAX_BODY_BYTES;
pub use report::failure_report;
pub use state::{results_json, UnansweredPreflight};

/// A TLS client that does not finish its handshake in this time is dropped.
const TLS_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// Pending connections the kernel queues for the accept loop.
const LISTEN_BACKLOG: u32 = 1024;
/// A client that does not send its request headers in this time is dropped.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// A released server that no test takes over in this time is stopped.
const PARKED_FOR: Duration = Duration::from_secs(2);
/// At most this many released servers wait to be taken over; beyond it the oldest stops.
const MAX_PARKED: usize = 8;

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

// ---------------------------------------------------------------- runtime and registry

static RUNTIME: LazyLock<std::result::Result<tokio::runtime::Runtime, String>> =
    LazyLock::new(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("pact-mock-server")
            .enable_all()
            .build()
            .map_err(|e| e.to_string())
    });

/// The runtime every mock server runs on (created on first use).
pub fn runtime() -> Result<&'static tokio::runtime::Runtime> {
    RUNTIME.as_ref().map_err(|e| {
        PactError::io(format!(
            "Could not start the mock server runtime (threads or I/O driver): {e}"
        ))
    })
}

static REGISTRY: LazyLock<Mutex<HashMap<u16, Arc<MockServer>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A poisoned lock only means another thread panicked mid-update of plain data; the data
/// is still usable and refusing it would turn one failure into many.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

// ---------------------------------------------------------------- the server

/// What the connection tasks share with the `MockServer` handles: the listening end and the
/// session it serves now.
pub(crate) struct Shared {
    port: u16,
    url: String,
    cors: bool,
    session: Mutex<Arc<Session>>,
}

impl Shared {
    /// The session that answers a request arriving now.
    fn session(&self) -> Arc<Session> {
        lock(&self.session).clone()
    }

    fn serves(&self, session: &Session) -> bool {
        lock(&self.session).id == session.id
    }
}

/// One test's server as its handle sees it: the pact it serves, compiled, and what arrived
/// for it. A server serves one session; a released server's next session is another test's.
pub(crate) struct Session {
    id: u64,
    port: u16,
    pact: Pact,
    compiled: compiled::Compiled,
    /// Set once the log has reached its limit, so requests stop formatting log lines.
    log_full: std::sync::atomic::AtomicBool,
    state: Mutex<State>,
}

impl Session {
    fn new(pact: Pact, compiled: compiled::Compiled, port: u16) -> Session {
        Session {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            port,
            compiled,
            log_full: std::sync::atomic::AtomicBool::new(false),
            state: Mutex::new(State::new(pact.interactions.len())),
            pact,
        }
    }

    /// What a released server serves until a test takes it over: no interactions.
    fn idle(port: u16) -> Result<Session> {
        let pact = Pact::default();
        let compiled = compile(&pact)?;
        Ok(Session::new(pact, compiled, port))
    }

    fn lock_state(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }

    fn log(&self, line: &str) {
        tracing::debug!(server = self.port, "{line}");
        self.lock_state().log_line(&stamped(line));
    }
}

/// A log line with its UTC time.
fn stamped(line: &str) -> String {
    format!(
        "{} {line}",
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ")
    )
}

/// The server's sockets, shared by the accept loop, the connection tasks and the handle, so
/// that `shutdown` closes them all on the spot, on the caller's thread (no round trip to the
/// runtime to wait for): when it returns, a client's pooled keep-alive connection has seen the
/// server go, and cannot carry its next request to a stopped server while a new one listens
/// on the same port.
type SharedSockets = Arc<Mutex<Sockets>>;

struct Sockets {
    /// `None` once `shutdown` has taken it.
    listener: Option<TcpListener>,
    /// A second handle on each accepted connection's socket, by connection number; a
    /// connection task removes its own when it ends.
    connections: HashMap<u64, std::net::TcpStream>,
    next_connection: u64,
}

impl Sockets {
    /// Closes the listener and shuts every accepted connection down (both directions: the
    /// client reads end-of-stream; the connection's task then ends on its own).
    fn close(&mut self) {
        drop(self.listener.take());
        for (_, connection) in self.connections.drain() {
            let _ = connection.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// Removes a connection's handle from [`Sockets`] when its task ends or is aborted.
struct ConnectionGuard {
    sockets: SharedSockets,
    id: u64,
}

impl Drop for ConnectionGuard {
    fn drop(&mut self) {
        lock(&self.sockets).connections.remove(&self.id);
    }
}

/// The listening end of a server: its sockets, shared by every session it serves.
struct Endpoint {
    shared: Arc<Shared>,
    /// What it was started with, for a released endpoint to be taken over by the same kind.
    options: ServerOptions,
    certificate_pem: Option<String>,
    sockets: SharedSockets,
    /// Tells the accept loop to stop (its connection tasks are then dropped as well).
    stop: Mutex<Option<oneshot::Sender<()>>>,
}

impl Endpoint {
    /// Closes the sockets (the port is free and clients see the close when this returns) and
    /// stops the accept loop. Harmless when repeated.
    fn close(&self) {
        lock(&self.sockets).close();
        if let Some(stop) = lock(&self.stop).take() {
            let _ = stop.send(());
        }
    }

    fn is_open(&self) -> bool {
        lock(&self.sockets).listener.is_some()
    }
}

/// A released endpoint waiting for the next test's server, with the number that tells its
/// stop timer whether it was taken over in the meantime.
struct Parked {
    ticket: u64,
    endpoint: Arc<Endpoint>,
}

/// The released endpoints, oldest first.
static PARKED: LazyLock<Mutex<Vec<Parked>>> = LazyLock::new(|| Mutex::new(Vec::new()));

/// A running mock server.
pub struct MockServer {
    port: u16,
    session: Arc<Session>,
    endpoint: Arc<Endpoint>,
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("port", &self.port)
            .field("url", &self.endpoint.shared.url)
            .field("consumer", &self.session.pact.consumer)
            .field("provider", &self.session.pact.provider)
            .finish()
    }
}

impl MockServer {
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:<port>` (or `https://...` with TLS).
    pub fn url(&self) -> String {
        self.endpoint.shared.url.clone()
    }

    /// True when every interaction was requested and nothing unexpected arrived.
    pub fn matched(&self) -> bool {
        self.session.lock_state().all_matched()
    }

    /// Mismatches in arrival order, then the expected requests that never arrived.
    pub fn mismatches(&self) -> Vec<MatchResult> {
        let expected = self.session.pact.interactions.iter().map(|i| &i.request);
        self.session.lock_state().mismatches(expected)
    }

    /// The mismatches as libpact_ffi's JSON text.
    pub fn mismatches_json(&self) -> String {
        results_json(&self.mismatches())
    }

    /// CORS pre-flights that arrived while `cors` was off (they are not mismatches: the
    /// browser sends them on its own, but then never sends the request the test expects).
    pub fn unanswered_preflights(&self) -> Vec<UnansweredPreflight> {
        self.session.lock_state().unanswered_preflights()
    }

    /// The text of a failed test: every mismatch, numbered, saying where it is and what was
    /// expected and found, then the pre-flights that were left unanswered.
    pub fn failure_report(&self) -> String {
        failure_report(&self.mismatches(), &self.unanswered_preflights())
    }

    /// What this server logged: one line per request, saying how it was answered.
    pub fn logs(&self) -> String {
        self.session.lock_state().logs()
    }

    /// The pact this server serves.
    pub fn pact(&self) -> &Pact {
        &self.session.pact
    }

    /// With TLS: the server's self-signed certificate as PEM, for clients to trust.
    pub fn certificate_pem(&self) -> Option<&str> {
        self.endpoint.certificate_pem.as_deref()
    }

    /// Writes the pact file into `dir` (default: current directory), merging unless `overwrite`.
    pub fn write_pact_file(&self, dir: Option<&Path>, overwrite: bool) -> Result<PathBuf> {
        let dir = match dir {
            Some(d) => d.to_path_buf(),
            None => std::env::current_dir().map_err(|e| {
                PactError::io(format!(
                    "Could not find the current directory to write the pact file into ({e}); \
                     pass a directory explicitly"
                ))
            })?,
        };
        let pact = &self.session.pact;
        crate::model::file::write_pact_file(pact, &dir, pact.spec, overwrite)
    }

    /// Stops the server; the port is free when this returns. Harmless when repeated. True
    /// when the port was still registered to this server (a later server may have reused the
    /// port once this one stopped: that one is left alone).
    pub fn shutdown(&self) -> bool {
        let registered = self.unregister();
        // Closed here, so the port is free and no client holds an open connection to this
        // server when this returns; unless a later test's server has taken the port over.
        if self.endpoint.shared.serves(&self.session) {
            self.endpoint.close();
        }
        registered
    }

    /// Ends this server's test like [`shutdown`](Self::shutdown), except that a server on a
    /// port the OS chose keeps its port open for a while, for [`start_reusing`] to give the
    /// next test's server: the client's pooled keep-alive connections then carry on to it
    /// instead of connecting again. Meanwhile requests are answered as unexpected (a pact with
    /// no interactions) and recorded nowhere; a port not taken over is closed after
    /// `PARKED_FOR`.
    pub fn release(&self) -> bool {
        let registered = self.unregister();
        let endpoint = &self.endpoint;
        // A fixed port is the user's: it closes, as with shutdown.
        let idle = if endpoint.options.port == 0 {
            Session::idle(self.port).ok()
        } else {
            None
        };
        let Some(idle) = idle.map(Arc::new) else {
            self.shutdown();
            return registered;
        };
        {
            let mut current = lock(&endpoint.shared.session);
            if current.id != self.session.id || !endpoint.is_open() {
                return registered;
            }
            *current = idle;
        }
        park(endpoint);
        registered
    }

    /// Removes this server from the registry if the port is still registered to it.
    fn unregister(&self) -> bool {
        let mut registry = lock(&REGISTRY);
        let mine = registry
            .get(&self.port)
            .is_some_and(|s| s.session.id == self.session.id);
        if mine {
            registry.remove(&self.port);
        }
        mine
    }
}

/// Puts a released endpoint (now serving an idle session) among the parked ones, and arranges
/// for it to stop unless taken over in time.
fn park(endpoint: &Arc<Endpoint>) {
    let ticket = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let evicted = {
        let mut parked = lock(&PARKED);
        parked.push(Parked {
            ticket,
            endpoint: endpoint.clone(),
        });
        let excess = parked.len().saturating_sub(MAX_PARKED);
        parked.drain(..excess).collect::<Vec<_>>()
    };
    for oldest in evicted {
        oldest.endpoint.close();
    }
    let Ok(rt) = runtime() else {
        return endpoint.close();
    };
    rt.spawn(async move {
        tokio::time::sleep(PARKED_FOR).await;
        let expired = {
            let mut parked = lock(&PARKED);
            let at = parked.iter().position(|p| p.ticket == ticket);
            at.map(|at| parked.remove(at).endpoint)
        };
        if let Some(endpoint) = expired {
            endpoint.close();
        }
    });
}

/// Takes a parked endpoint started with the same host, TLS and CORS as `options` (and a port
/// the OS chose), if one is open.
fn take_parked(options: &ServerOptions) -> Option<Arc<Endpoint>> {
    let mut parked = lock(&PARKED);
    let at = parked.iter().rposition(|p| {
        let o = &p.endpoint.options;
        o.host == options.host && o.tls == options.tls && o.cors == options.cors
    })?;
    let endpoint = parked.remove(at).endpoint;
    endpoint.is_open().then_some(endpoint)
}

// ---------------------------------------------------------------- start / find / cleanup

/// The address to bind for `host`: an IP literal, `localhost` (IPv4 loopback) or a name
/// resolved by the system (IPv4 preferred).
fn resolve_host(host: &str, port: u16) -> Result<SocketAddr> {
    let trimmed = host.trim();
    let host = if trimmed.is_empty() {
        "127.0.0.1"
    } else {
        trimmed
    };
    let bad = |why: &str| {
        PactError::new(
            ErrorCode::InvalidAddress,
            format!(
                "Cannot start a mock server on host '{host}': {why}. Use an IP address of this \
                 machine such as 127.0.0.1 or ::1, or 'localhost'"
            ),
        )
    };
    let literal = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = literal.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, port));
    }
    if host.eq_ignore_ascii_case("localhost") {
        return Ok(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port));
    }
    let valid_name = host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
        && !host
            .split('.')
            .all(|l| l.chars().all(|c| c.is_ascii_digit()));
    if !valid_name {
        return Err(bad("it is neither an IP address nor a host name"));
    }
    let addrs: Vec<SocketAddr> = (host, port)
        .to_socket_addrs()
        .map_err(|e| bad(&format!("it does not resolve ({e})")))?
        .collect();
    addrs
        .iter()
        .find(|a| a.is_ipv4())
        .or_else(|| addrs.first())
        .copied()
        .ok_or_else(|| bad("it resolves to no address"))
}

/// Binds and listens synchronously (so a busy port fails `start` itself), with a backlog
/// large enough that a burst of connections is not throttled by SYN retries.
fn bind(addr: SocketAddr, host: &str, rt: &tokio::runtime::Runtime) -> Result<TcpListener> {
    let _guard = rt.enter();
    let socket = if addr.is_ipv4() {
        TcpSocket::new_v4()
    } else {
        TcpSocket::new_v6()
    }
    .map_err(|e| PactError::io(format!("Could not create a socket for {addr}: {e}")))?;
    // As std does on Unix: a stopped server's port can be bound again at once even while
    // its old connections linger in TIME_WAIT. (On Windows this would allow port stealing.)
    #[cfg(not(windows))]
    socket
        .set_reuseaddr(true)
        .map_err(|e| PactError::io(format!("Could not configure the socket for {addr}: {e}")))?;
    let classify = |e: std::io::Error| {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::AddrInUse => PactError::new(
                ErrorCode::PortInUse,
                format!(
                    "Port {} on {host} is already in use: stop the process (or mock server) \
                     listening there, or pass port 0 to let the system choose a free port",
                    addr.port()
                ),
            ),
            ErrorKind::AddrNotAvailable => PactError::new(
                ErrorCode::InvalidAddress,
                format!(
                    "Cannot bind {addr}: '{host}' is not an address of this machine; use \
                     127.0.0.1, ::1 or 'localhost'"
                ),
            ),
            ErrorKind::PermissionDenied => PactError::new(
                ErrorCode::InvalidAddress,
                format!(
                    "Not allowed to bind {addr} ({e}); ports below 1024 need privileges, use \
                     a higher port or port 0"
                ),
            ),
            _ => PactError::io(format!("Could not bind the mock server to {addr}: {e}")),
        }
    };
    socket.bind(addr).map_err(classify)?;
    socket.listen(LISTEN_BACKLOG).map_err(classify)
}

/// Like [`start`], but on a port the OS chooses a released server's port is taken over (with
/// its client connections) when one was started with the same host, TLS and CORS.
pub fn start_reusing(pact: Pact, options: ServerOptions) -> Result<Arc<MockServer>> {
    let compiled = compile(&pact)?;
    let parked = if options.port == 0 {
        take_parked(&options)
    } else {
        None
    };
    let Some(endpoint) = parked else {
        return launch(pact, compiled, options);
    };
    let session = Arc::new(Session::new(pact, compiled, endpoint.shared.port));
    *lock(&endpoint.shared.session) = session.clone();
    Ok(register_server(endpoint, session))
}

/// The handle of `session` served on `endpoint`, registered under its port.
fn register_server(endpoint: Arc<Endpoint>, session: Arc<Session>) -> Arc<MockServer> {
    announce(&endpoint.shared, &session);
    let port = endpoint.shared.port;
    let server = Arc::new(MockServer {
        port,
        session,
        endpoint,
    });
    lock(&REGISTRY).insert(port, server.clone());
    server
}

fn announce(shared: &Shared, session: &Session) {
    let pact = &session.pact;
    session.log(&format!(
        "mock server started at {} for the pact between '{}' and '{}' ({} interactions, spec {})",
        shared.url,
        pact.consumer,
        pact.provider,
        pact.interactions.len(),
        pact.spec
    ));
}

fn compile(pact: &Pact) -> Result<compiled::Compiled> {
    compiled::Compiled::new(pact, handler::fixed_response)
}

/// Starts a mock server for the pact and registers it under its port.
pub fn start(pact: Pact, options: ServerOptions) -> Result<Arc<MockServer>> {
    let compiled = compile(&pact)?;
    launch(pact, compiled, options)
}

/// Binds a new port for the pact and serves it there.
fn launch(
    pact: Pact,
    compiled: compiled::Compiled,
    options: ServerOptions,
) -> Result<Arc<MockServer>> {
    let addr = resolve_host(&options.host, options.port)?;
    let tls = if options.tls {
        Some(tls::setup(options.host.trim())?)
    } else {
        None
    };
    let rt = runtime()?;

    let listener = bind(addr, options.host.trim(), rt)?;
    let local = listener
        .local_addr()
        .map_err(|e| PactError::io(format!("Could not read the bound address: {e}")))?;

    let port = local.port();
    let url_ip = match local.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        ip if ip.is_unspecified() => IpAddr::V6(std::net::Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    let scheme = if tls.is_some() { "https" } else { "http" };
    let url = match url_ip {
        IpAddr::V4(ip) => format!("{scheme}://{ip}:{port}"),
        IpAddr::V6(ip) => format!("{scheme}://[{ip}]:{port}"),
    };

    let session = Arc::new(Session::new(pact, compiled, port));
    let shared = Arc::new(Shared {
        port,
        url,
        cors: options.cors,
        session: Mutex::new(session.clone()),
    });
    let (stop, stop_rx) = oneshot::channel();
    let sockets: SharedSockets = Arc::new(Mutex::new(Sockets {
        listener: Some(listener),
        connections: HashMap::new(),
        next_connection: 0,
    }));
    let (acceptor, certificate_pem) = match tls {
        Some(t) => (Some(t.acceptor), Some(t.certificate_pem)),
        None => (None, None),
    };
    let endpoint = Arc::new(Endpoint {
        shared: shared.clone(),
        options,
        certificate_pem,
        sockets: sockets.clone(),
        stop: Mutex::new(Some(stop)),
    });
    let server = register_server(endpoint, session);
    rt.spawn(accept_loop(sockets, shared, acceptor, stop_rx));
    Ok(server)
}

/// The running server on `port`, if any.
pub fn find(port: u16) -> Option<Arc<MockServer>> {
    lock(&REGISTRY).get(&port).cloned()
}

/// Stops and unregisters the server on `port`; false when there is none.
pub fn cleanup(port: u16) -> bool {
    let server = lock(&REGISTRY).remove(&port);
    match server {
        Some(s) => {
            s.shutdown();
            true
        }
        None => false,
    }
}

// ---------------------------------------------------------------- serving

/// Registers an accepted connection in `sockets` (still under the lock the accept held, so
/// that `shutdown` either sees it or closed the listener before it was accepted).
fn register(
    sockets: &mut Sockets,
    all: &SharedSockets,
    stream: TcpStream,
) -> std::io::Result<(TcpStream, ConnectionGuard)> {
    let stream = stream.into_std()?;
    let handle = stream.try_clone()?;
    let stream = TcpStream::from_std(stream)?;
    let id = sockets.next_connection;
    sockets.next_connection += 1;
    sockets.connections.insert(id, handle);
    let guard = ConnectionGuard {
        sockets: all.clone(),
        id,
    };
    Ok((stream, guard))
}

async fn accept_loop(
    sockets: SharedSockets,
    shared: Arc<Shared>,
    tls: Option<TlsAcceptor>,
    mut stop: oneshot::Receiver<()>,
) {
    // Accepts on the listener while it is there; `None` once `shutdown` has taken it.
    let accept = || {
        std::future::poll_fn(|cx| {
            let mut guard = lock(&sockets);
            let all = &mut *guard;
            match all.listener.as_ref() {
                Some(l) => l.poll_accept(cx).map(|accepted| {
                    Some(accepted.and_then(|(stream, _peer)| register(all, &sockets, stream)))
                }),
                None => Poll::Ready(None),
            }
        })
    };
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            // A dropped sender (the handle is gone) stops the server as well.
            _ = &mut stop => break,
            accepted = accept() => match accepted {
                None => break,
                Some(Ok((stream, guard))) => {
                    let _ = stream.set_nodelay(true);
                    let (shared, tls) = (shared.clone(), tls.clone());
                    connections.spawn(async move {
                        serve_connection(stream, shared, tls).await;
                        drop(guard);
                    });
                }
                Some(Err(e)) => {
                    // Typically out of file descriptors: back off instead of spinning.
                    tracing::debug!(port = shared.port, "accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    // Dropping the set aborts the connections still open.
    drop(connections);
    tracing::debug!(port = shared.port, "mock server stopped");
}

/// A connection's byte stream, plain or TLS. Boxed so that hyper's connection machinery is
/// compiled once rather than once per stream type (~30 KB of the addon).
trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

async fn serve_connection(stream: TcpStream, shared: Arc<Shared>, tls: Option<TlsAcceptor>) {
    match tls {
        None => serve_http(Box::new(stream), shared).await,
        Some(acceptor) => {
            match tokio::time::timeout(TLS_HANDSHAKE_TIMEOUT, acceptor.accept(stream)).await {
                Ok(Ok(tls_stream)) => serve_http(Box::new(tls_stream), shared).await,
                Ok(Err(e)) => shared.session().log(&format!("TLS handshake failed: {e}")),
                Err(_) => shared.session().log("TLS handshake timed out"),
            }
        }
    }
}

async fn serve_http(io: Box<dyn Io>, shared: Arc<Shared>) {
    let service_shared = shared.clone();
    let service = service_fn(move |req| handler::handle(service_shared.clone(), req));
    let result = http1::Builder::new()
        .keep_alive(true)
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT)
        .serve_connection(TokioIo::new(io), service)
        .await;
    if let Err(e) = result {
        // Malformed requests and clients that go away land here; hyper already answered
        // what could be answered.
        tracing::debug!(port = shared.port, "connection ended with an error: {e}");
    }
}
