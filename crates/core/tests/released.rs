//! Released servers (`MockServer::release`, `server::start_reusing`): the next test's server
//! takes over the port and the client's open connection; each server keeps its own results;
//! a fixed port, other options or no taker within the time limit close the port.
//!
//! The parked servers are process-wide, so these tests run one at a time (in their own test
//! binary, away from the other server tests).

use pact_mock_server_core::model::{MatchingRule, Pact, RuleList};
use pact_mock_server_core::server::{self, MatchResult, MockServer, ServerOptions};
use serde_json::json;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

fn pact(path: &str) -> Pact {
    Pact::from_json(&json!({
        "consumer": {"name": "released-consumer"},
        "provider": {"name": "released-provider"},
        "interactions": [{
            "description": format!("a request for {path}"),
            "request": {"method": "GET", "path": path},
            "response": {"status": 200, "body": {"path": path}}
        }],
        "metadata": {"pactSpecification": {"version": "3.0.0"}}
    }))
    .expect("test pact parses")
}

fn start(path: &str, options: ServerOptions) -> Arc<MockServer> {
    server::start_reusing(pact(path), options).expect("server starts")
}

/// Sends a GET on an open connection and reads the reply: status and body.
fn get(c: &mut TcpStream, path: &str) -> (u16, String) {
    c.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
        .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        c.read_exact(&mut byte).expect("response head");
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_lowercase();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map(|v| v.trim().parse().unwrap())
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    c.read_exact(&mut body).expect("response body");
    (status, String::from_utf8_lossy(&body).into_owned())
}

fn connect(port: u16) -> TcpStream {
    let c = TcpStream::connect(("127.0.0.1", port)).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    c
}

/// True when the port accepts no connection.
fn closed(port: u16) -> bool {
    TcpStream::connect(("127.0.0.1", port)).is_err()
}

#[test]
fn the_next_server_takes_over_the_port_and_the_open_connection() {
    let _one = serial();
    let first = start("/first", ServerOptions::default());
    let port = first.port();
    let mut c = connect(port);
    assert_eq!(get(&mut c, "/first"), (200, r#"{"path":"/first"}"#.into()));
    assert!(first.release(), "the released server was registered");
    assert!(
        server::find(port).is_none(),
        "a released server is not running"
    );

    // Between tests the port answers, but nothing is expected and nothing is recorded.
    let (status, body) = get(&mut c, "/first");
    assert_eq!(status, 500, "{body}");

    let second = start("/second", ServerOptions::default());
    assert_eq!(second.port(), port, "the port was taken over");
    assert!(Arc::ptr_eq(&server::find(port).unwrap(), &second));
    // The same connection reaches the second server.
    assert_eq!(
        get(&mut c, "/second"),
        (200, r#"{"path":"/second"}"#.into())
    );
    assert!(second.matched(), "{:?}", second.mismatches());
    assert!(second.logs().contains("/second -> matched"));
    assert!(!second.logs().contains("/first"), "{}", second.logs());

    // Each server keeps its own results; the first's handle cannot stop the second.
    assert!(first.matched());
    assert!(first.logs().contains("/first -> matched"));
    assert!(!first.shutdown(), "the port belongs to the second server");
    assert_eq!(get(&mut c, "/second").0, 200);

    // A request the second did not expect is its mismatch.
    let (status, _) = get(&mut c, "/first");
    assert_eq!(status, 500);
    assert!(matches!(
        second.mismatches().as_slice(),
        [MatchResult::RequestNotFound { request }] if request.path == "/first"
    ));
    assert!(second.shutdown());
    assert!(closed(port), "shutdown stops a taken-over server");
}

#[test]
fn a_fixed_port_is_closed_on_release_and_never_taken_over() {
    let _one = serial();
    let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = free.local_addr().unwrap().port();
    drop(free);
    let fixed = start(
        "/fixed",
        ServerOptions {
            port,
            ..ServerOptions::default()
        },
    );
    assert_eq!(fixed.port(), port);
    fixed.release();
    assert!(closed(port), "a fixed port is free once released");
    let next = start("/next", ServerOptions::default());
    assert_ne!(next.port(), port);
    next.shutdown();
}

#[test]
fn only_a_server_started_alike_takes_over_a_port() {
    let _one = serial();
    let plain = start("/plain", ServerOptions::default());
    let port = plain.port();
    plain.release();
    let with_cors = start(
        "/cors",
        ServerOptions {
            cors: true,
            ..ServerOptions::default()
        },
    );
    assert_ne!(
        with_cors.port(),
        port,
        "other options start a server of their own"
    );
    with_cors.shutdown();
    let alike = start("/alike", ServerOptions::default());
    assert_eq!(alike.port(), port);
    alike.shutdown();
}

#[test]
fn a_released_port_no_server_takes_over_is_closed_soon() {
    let _one = serial();
    let s = start("/alone", ServerOptions::default());
    let port = s.port();
    let mut c = connect(port);
    assert_eq!(get(&mut c, "/alone").0, 200);
    s.release();
    assert!(!closed(port), "still open right after the release");
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !closed(port) {
        assert!(
            std::time::Instant::now() < deadline,
            "the released port is still open after 10 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    // The open connection was closed too (not left open until the read timed out).
    let mut rest = Vec::new();
    match c.read_to_end(&mut rest) {
        Ok(n) => assert_eq!(n, 0, "{:?}", String::from_utf8_lossy(&rest)),
        Err(e) => assert_eq!(e.kind(), std::io::ErrorKind::ConnectionReset, "{e}"),
    }
    // And it is not taken over any more.
    let next = start("/next", ServerOptions::default());
    assert_ne!(next.port(), port);
    next.shutdown();
}

#[test]
fn a_pact_that_cannot_be_served_is_refused_and_the_released_port_waits_for_the_next() {
    let _one = serial();
    let s = start("/ok", ServerOptions::default());
    let port = s.port();
    s.release();
    // A rule the pact-file reader would refuse, set on the model directly.
    let mut bad = pact("/bad");
    bad.interactions[0].description = "a bad regex".into();
    bad.interactions[0].request.matching_rules.set(
        "path",
        "",
        RuleList::new(vec![MatchingRule::Regex("(".into())]),
    );
    let e = server::start_reusing(bad, ServerOptions::default()).expect_err("bad regex");
    assert!(e.message.contains("a bad regex"), "{}", e.message);
    let next = start("/next", ServerOptions::default());
    assert_eq!(
        next.port(),
        port,
        "the released port was kept for the next server"
    );
    next.shutdown();
}
