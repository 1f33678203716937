//! The seed's port-keyed mock server functions for C: start (from pact JSON or a handle),
//! matched, mismatches, logs, pact file, cleanup. Servers live in `pact_mock_server_core::server`'s registry;
//! this module only keeps the C strings it handed out, per port, until `cleanup_mock_server`.

use super::handles::{pact_snapshot, PactHandle};
use super::{guard, lock, optional_str, record};
use pact_mock_server_core::error::{ErrorCode, PactError};
use pact_mock_server_core::model::Pact;
use pact_mock_server_core::server::{self, MockServer, ServerOptions};
use std::collections::HashMap;
use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::path::PathBuf;
use std::sync::LazyLock;
use std::sync::{Arc, Mutex};

/// Strings returned to C, kept alive until the port's server is cleaned up.
static RETURNED_STRINGS: LazyLock<Mutex<HashMap<u16, Vec<CString>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

const NULL_POINTER: i32 = -1;
const BAD_PACT: i32 = -2;
const START_FAILED: i32 = -3;
const PANICKED: i32 = -4;
const BAD_ADDRESS: i32 = -5;
const TLS_FAILED: i32 = -6;

/// Splits `"host:port"` (host: an IP address, IPv6 in brackets, or a name such as `localhost`;
/// port 0 lets the OS choose). The server resolves and checks the host.
fn parse_address(addr: &str) -> Result<(String, u16), PactError> {
    let bad = || {
        PactError::new(
            ErrorCode::InvalidAddress,
            format!("'{addr}' is not an address: use \"host:port\", e.g. \"127.0.0.1:0\" (port 0 lets the OS pick; IPv6 as \"[::1]:0\")"),
        )
    };
    let (host, port) = addr.trim().rsplit_once(':').ok_or_else(bad)?;
    let port = port.parse::<u16>().map_err(|_| bad())?;
    let host = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => v6,
        // An IPv6 address without brackets cannot be told apart from its port.
        None if host.contains(':') || host.contains('[') || host.contains(']') => return Err(bad()),
        None => host,
    };
    if host.is_empty() {
        return Err(bad());
    }
    Ok((host.to_string(), port))
}

/// Starts `pact` on `addr` and maps the outcome to the seed's return codes.
fn start(function: &'static str, pact: Pact, addr: (String, u16), tls: bool, cors: bool) -> i32 {
    let (host, port) = addr;
    let options = ServerOptions {
        host,
        port,
        tls,
        cors,
    };
    match server::start(pact, options) {
        Ok(server) => i32::from(server.port()),
        Err(e) => {
            record(function, &e);
            start_error_code(e.code)
        }
    }
}

/// The seed's code for a core error from starting a server.
fn start_error_code(code: ErrorCode) -> i32 {
    match code {
        ErrorCode::Tls => TLS_FAILED,
        ErrorCode::InvalidAddress => BAD_ADDRESS,
        ErrorCode::InvalidPactJson
        | ErrorCode::UnknownMatcher
        | ErrorCode::UnknownGenerator
        | ErrorCode::InvalidRegex
        | ErrorCode::InvalidSpecVersion => BAD_PACT,
        _ => START_FAILED,
    }
}

/// Starts a mock server for the pact JSON `pact_str` (any spec version) on `addr_str`
/// (`"host:port"`: an IP address, `[IPv6]` or `localhost`; port 0 = any free port). Returns
/// the port, or -1 (NULL argument), -2 (bad pact JSON), -3 (could not start, e.g. port in use),
/// -4 (panic), -5 (bad address), -6 (TLS).
///
/// # Safety
/// `pact_str` and `addr_str` are NULL or NUL-terminated strings.
#[no_mangle]
pub unsafe extern "C" fn create_mock_server(
    pact_str: *const c_char,
    addr_str: *const c_char,
    tls: bool,
) -> i32 {
    const F: &str = "create_mock_server";
    guard(F, PANICKED, || {
        if pact_str.is_null() || addr_str.is_null() {
            record(
                F,
                &PactError::invalid_argument("pact_str and addr_str must not be NULL"),
            );
            return NULL_POINTER;
        }
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let pact = match unsafe { optional_str(pact_str, "pact_str") }
            .and_then(|s| Pact::from_json_str(s.unwrap_or_default()))
        {
            Ok(pact) => pact,
            Err(e) => {
                record(F, &e);
                return BAD_PACT;
            }
        };
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let addr = match unsafe { address_arg(F, addr_str) } {
            Ok(addr) => addr,
            Err(code) => return code,
        };
        start(F, pact, addr, tls, false)
    })
}

/// Starts a mock server for the pact built with the handle DSL (a snapshot: later changes to
/// the handle do not reach this server). It answers CORS pre-flight requests, as in pact_ffi.
/// Same return codes as `create_mock_server`; -1 also for an unknown handle.
///
/// # Safety
/// `addr_str` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn create_mock_server_for_pact(
    pact: PactHandle,
    addr_str: *const c_char,
    tls: bool,
) -> i32 {
    const F: &str = "create_mock_server_for_pact";
    guard(F, PANICKED, || {
        if addr_str.is_null() {
            record(F, &PactError::invalid_argument("addr_str must not be NULL"));
            return NULL_POINTER;
        }
        let pact = match pact_snapshot(pact) {
            Ok(pact) => pact,
            Err(e) => {
                record(F, &e);
                return NULL_POINTER;
            }
        };
        // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
        let addr = match unsafe { address_arg(F, addr_str) } {
            Ok(addr) => addr,
            Err(code) => return code,
        };
        start(F, pact, addr, tls, true)
    })
}

/// The `host:port` argument of the create functions; on failure the error is recorded and
/// `BAD_ADDRESS` returned.
///
/// # Safety
/// `addr_str` is a NUL-terminated string.
unsafe fn address_arg(function: &str, addr_str: *const c_char) -> Result<(String, u16), i32> {
    // SAFETY: by this function's contract, NULL or a NUL-terminated string alive for the call.
    unsafe { optional_str(addr_str, "addr_str") }
        .and_then(|s| parse_address(s.unwrap_or_default()))
        .map_err(|e| {
            record(function, &e);
            BAD_ADDRESS
        })
}

fn find(function: &str, port: i32) -> Option<Arc<MockServer>> {
    let server = u16::try_from(port).ok().and_then(server::find);
    if server.is_none() {
        record(
            function,
            &PactError::new(
                ErrorCode::NoSuchServer,
                format!("no mock server runs on port {port}"),
            ),
        );
    }
    server
}

/// Keeps `text` alive for C until `server` is cleaned up and returns its address. Repeated
/// identical answers share one string, so polling does not grow memory. NULL when the server
/// was cleaned up meanwhile (its strings are gone with it).
fn hand_out(server: &Arc<MockServer>, text: String) -> *const c_char {
    let Ok(text) = CString::new(text) else {
        // Serialised JSON and our logs never contain NUL; refuse rather than truncate.
        return std::ptr::null();
    };
    let port = server.port();
    let mut strings = lock(&RETURNED_STRINGS);
    // `cleanup_mock_server` unregisters the server before it takes this lock to free the
    // port's strings, so checking here cannot leave a string behind for a stopped server.
    if !server::find(port).is_some_and(|current| Arc::ptr_eq(&current, server)) {
        return std::ptr::null();
    }
    let kept = strings.entry(port).or_default();
    if let Some(same) = kept.iter().find(|s| **s == text) {
        return same.as_ptr();
    }
    kept.push(text);
    kept.last().map_or(std::ptr::null(), |s| s.as_ptr())
}

/// True when the server on `port` received exactly the expected requests (no mismatches, no
/// unexpected or missing requests). False otherwise, for an unknown port, or on panic.
#[no_mangle]
pub extern "C" fn mock_server_matched(mock_server_port: i32) -> bool {
    guard("mock_server_matched", false, || {
        find("mock_server_matched", mock_server_port).is_some_and(|s| s.matched())
    })
}

/// The mismatches of the server on `port` as a JSON array (libpact_ffi's shapes). The string is
/// owned by the library and stays valid until `cleanup_mock_server(port)`; do not free it.
/// NULL for an unknown port or on panic.
#[no_mangle]
pub extern "C" fn mock_server_mismatches(mock_server_port: i32) -> *mut c_char {
    guard(
        "mock_server_mismatches",
        std::ptr::null_mut(),
        || match find("mock_server_mismatches", mock_server_port) {
            Some(s) => hand_out(&s, s.mismatches_json()).cast_mut(),
            None => std::ptr::null_mut(),
        },
    )
}

/// What the server on `port` logged, owned like `mock_server_mismatches`' string. NULL for an
/// unknown port or on panic.
#[no_mangle]
pub extern "C" fn mock_server_logs(mock_server_port: i32) -> *const c_char {
    guard("mock_server_logs", std::ptr::null(), || {
        match find("mock_server_logs", mock_server_port) {
            Some(s) => hand_out(&s, s.logs()),
            None => std::ptr::null(),
        }
    })
}

/// Stops the server on `port` (the port is free when this returns) and frees the strings
/// returned for it. False when no server runs there, or on panic.
#[no_mangle]
pub extern "C" fn cleanup_mock_server(mock_server_port: i32) -> bool {
    guard("cleanup_mock_server", false, || {
        let Ok(port) = u16::try_from(mock_server_port) else {
            find("cleanup_mock_server", mock_server_port);
            return false;
        };
        let stopped = server::cleanup(port);
        lock(&RETURNED_STRINGS).remove(&port);
        if !stopped {
            find("cleanup_mock_server", mock_server_port);
        }
        stopped
    })
}

/// A directory argument as a path: NULL means the current directory. On Unix any bytes are
/// accepted, as file names need not be UTF-8.
///
/// # Safety
/// `dir` is NULL or a NUL-terminated string.
unsafe fn directory(dir: *const c_char) -> Result<Option<PathBuf>, PactError> {
    if dir.is_null() {
        return Ok(None);
    }
    // SAFETY: checked non-NULL above; the caller guarantees a NUL-terminated string.
    let bytes = unsafe { CStr::from_ptr(dir) }.to_bytes();
    if bytes.is_empty() {
        return Ok(None);
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Ok(Some(PathBuf::from(std::ffi::OsStr::from_bytes(bytes))))
    }
    #[cfg(not(unix))]
    {
        std::str::from_utf8(bytes)
            .map(|s| Some(PathBuf::from(s)))
            .map_err(|_| PactError::io("directory is not valid UTF-8"))
    }
}

/// Writes the pact of the server on `port` as `<consumer>-<provider>.json` into `directory`
/// (NULL or "": the current directory), merging with an existing file. Returns 0 (written),
/// 1 (panic), 2 (could not write, e.g. I/O error or merge conflict), 3 (no server on the port).
///
/// # Safety
/// `directory` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn write_pact_file(mock_server_port: i32, directory: *const c_char) -> i32 {
    // SAFETY: the same contract as this function's: `directory` is NULL or NUL-terminated.
    unsafe { write_pact_file_with_options(mock_server_port, directory, false) }
}

/// `write_pact_file` with `overwrite`: true replaces an existing file instead of merging.
///
/// # Safety
/// `directory` is NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn write_pact_file_with_options(
    mock_server_port: i32,
    dir: *const c_char,
    overwrite: bool,
) -> i32 {
    const F: &str = "write_pact_file";
    guard(F, 1, || {
        let Some(server) = find(F, mock_server_port) else {
            return 3;
        };
        // SAFETY: the caller passes NULL or a NUL-terminated string, as this function's
        // `# Safety` section requires.
        let result =
            unsafe { directory(dir) }.and_then(|d| server.write_pact_file(d.as_deref(), overwrite));
        match result {
            Ok(path) => {
                tracing::debug!("wrote pact file {}", path.display());
                0
            }
            Err(e) => {
                record(F, &e);
                2
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_need_ip_and_port() {
        assert_eq!(
            parse_address("127.0.0.1:0").unwrap(),
            ("127.0.0.1".into(), 0)
        );
        assert_eq!(parse_address("[::1]:1234").unwrap(), ("::1".into(), 1234));
        assert_eq!(
            parse_address("localhost:80").unwrap(),
            ("localhost".into(), 80)
        );
        for bad in [
            "localhost",
            "127.0.0.1",
            "127.0.0.1:99999",
            "::1:80",
            ":80",
            "[::1:80",
            "h:-1",
        ] {
            assert!(parse_address(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bad_input_codes() {
        let json = CString::new("{not json").unwrap();
        let addr = CString::new("127.0.0.1:0").unwrap();
        let bad_addr = CString::new("nowhere").unwrap();
        let ok_pact =
            CString::new(r#"{"consumer":{"name":"c"},"provider":{"name":"p"},"interactions":[]}"#)
                .unwrap();
        // SAFETY: the pointers are C-string literals or `CString`s alive for the whole call.
        unsafe {
            assert_eq!(
                create_mock_server(std::ptr::null(), addr.as_ptr(), false),
                -1
            );
            assert_eq!(create_mock_server(json.as_ptr(), addr.as_ptr(), false), -2);
            assert_eq!(
                create_mock_server(ok_pact.as_ptr(), bad_addr.as_ptr(), false),
                -5
            );
            assert_eq!(
                create_mock_server_for_pact(PactHandle { pact: 0 }, addr.as_ptr(), false),
                -1
            );
            assert_eq!(write_pact_file(-7, std::ptr::null()), 3);
        }
        assert!(!mock_server_matched(70000));
        assert!(mock_server_mismatches(0).is_null());
        assert!(!cleanup_mock_server(-1));
        assert_eq!(start_error_code(ErrorCode::Tls), -6);
        assert_eq!(start_error_code(ErrorCode::PortInUse), -3);
        assert_eq!(start_error_code(ErrorCode::InvalidRegex), -2);
    }
}
