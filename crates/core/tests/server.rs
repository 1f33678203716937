//! The mock server over real HTTP on 127.0.0.1: responses, recorded results and their JSON,
//! CORS, TLS, start errors, cleanup, generators and robustness against bad clients.

use pact_mock_server_core::model::Pact;
use pact_mock_server_core::server::{self, MatchResult, MockServer, ServerOptions};
use pact_mock_server_core::ErrorCode;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Duration;

// ---------------------------------------------------------------- helpers

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn parse_reply(raw: &[u8]) -> Reply {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

/// Sends one request on a fresh connection (Connection: close) and reads the whole reply.
fn send(port: u16, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut req =
        format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    if !body.is_empty() {
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read reply");
    parse_reply(&raw)
}

fn get(port: u16, target: &str) -> Reply {
    send(port, "GET", target, &[], b"")
}

fn pact(interactions: Value) -> Pact {
    Pact::from_json(&json!({
        "consumer": {"name": "server-test-consumer"},
        "provider": {"name": "server-test-provider"},
        "interactions": interactions,
        "metadata": {"pactSpecification": {"version": "3.0.0"}}
    }))
    .expect("test pact parses")
}

fn start(interactions: Value) -> Arc<MockServer> {
    server::start(pact(interactions), ServerOptions::default()).expect("server starts")
}

fn hello() -> Value {
    json!([{
        "description": "a hello",
        "request": {"method": "GET", "path": "/hello", "query": {"name": ["Mary"]}},
        "response": {
            "status": 201,
            "headers": {"X-Thing": "yes"},
            "body": {"greeting": "hello Mary", "n": 1}
        }
    }])
}

// ---------------------------------------------------------------- behaviour

#[test]
fn matched_request_gets_the_interaction_response() {
    let s = start(hello());
    assert!(s.port() > 0);
    assert_eq!(s.url(), format!("http://127.0.0.1:{}", s.port()));
    assert!(
        !s.matched(),
        "nothing received yet: the interaction is missing"
    );

    let r = get(s.port(), "/hello?name=Mary");
    assert_eq!(r.status, 201);
    assert_eq!(r.header("x-thing"), Some("yes"));
    assert!(
        r.header("content-type")
            .unwrap_or_default()
            .starts_with("application/json"),
        "content type derived from the JSON body: {:?}",
        r.headers
    );
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    assert_eq!(r.json(), json!({"greeting": "hello Mary", "n": 1}));

    assert!(
        s.matched(),
        "matched right after the reply: {}",
        s.mismatches_json()
    );
    assert_eq!(s.mismatches_json(), "[]");
    assert!(s.logs().contains("/hello?name=Mary"), "logs: {}", s.logs());
    assert!(s.logs().contains("matched"), "logs: {}", s.logs());
    s.shutdown();
}

#[test]
fn same_interaction_may_be_requested_again() {
    let s = start(hello());
    for _ in 0..3 {
        assert_eq!(get(s.port(), "/hello?name=Mary").status, 201);
    }
    assert!(s.matched());
    s.shutdown();
}

#[test]
fn unexpected_request_gets_500_and_is_recorded_as_not_found() {
    let s = start(hello());
    let r = send(
        s.port(),
        "DELETE",
        "/nothing/here?x=1",
        &[("X-Custom", "abc")],
        b"",
    );
    assert_eq!(r.status, 500);
    assert_eq!(r.header("x-pact"), Some("Unexpected-Request"));
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let error = r.json()["error"].as_str().unwrap_or_default().to_string();
    assert!(error.starts_with("Unexpected-Request"), "{error}");
    assert!(error.contains("/nothing/here"), "{error}");
    assert!(error.contains("closest interaction 'a hello'"), "{error}");

    assert!(!s.matched());
    let logs = s.logs();
    assert!(
        logs.contains("DELETE /nothing/here?x=1 -> unexpected request"),
        "{logs}"
    );
    let list = s.mismatches();
    assert_eq!(list.len(), 2, "{list:?}");
    assert!(
        matches!(&list[0], MatchResult::RequestNotFound { request } if request.method == "DELETE")
    );
    assert!(
        matches!(&list[1], MatchResult::MissingRequest { request } if request.path == "/hello")
    );

    let json: Value = serde_json::from_str(&s.mismatches_json()).unwrap();
    let nf = &json[0];
    assert_eq!(nf["type"], "request-not-found");
    assert_eq!(nf["method"], "DELETE");
    assert_eq!(nf["path"], "/nothing/here");
    assert_eq!(nf["request"]["method"], "DELETE");
    assert_eq!(nf["request"]["path"], "/nothing/here");
    assert_eq!(nf["request"]["query"], json!({"x": ["1"]}));
    assert_eq!(nf["request"]["headers"]["x-custom"], "abc");

    let missing = &json[1];
    assert_eq!(missing["type"], "missing-request");
    assert_eq!(missing["method"], "GET");
    assert_eq!(missing["path"], "/hello");
    assert_eq!(missing["request"]["query"], json!({"name": ["Mary"]}));
    s.shutdown();
}

#[test]
fn each_unexpected_request_names_its_own_closest_interaction_even_when_repeated() {
    let s = start(json!([
        {"description": "list users", "request": {"method": "GET", "path": "/users"},
         "response": {"status": 200}},
        {"description": "create order", "request": {"method": "POST", "path": "/orders"},
         "response": {"status": 201}}
    ]));
    let hint = |method: &str, target: &str| {
        let r = send(s.port(), method, target, &[], b"");
        assert_eq!(r.status, 500);
        r.json()["error"].as_str().unwrap_or_default().to_string()
    };
    // The second of two equal requests is answered from the remembered hint; a different
    // request in between or after gets its own.
    for _ in 0..2 {
        let error = hint("GET", "/user");
        assert!(
            error.contains("closest interaction 'list users'"),
            "{error}"
        );
    }
    let error = hint("POST", "/order");
    assert!(
        error.contains("closest interaction 'create order'"),
        "{error}"
    );
    let error = hint("GET", "/user");
    assert!(
        error.contains("closest interaction 'list users'"),
        "{error}"
    );
    assert_eq!(
        s.mismatches().len(),
        4 + 2,
        "every request recorded, both interactions missing"
    );
    s.shutdown();
}

#[test]
fn partial_match_is_a_request_mismatch_with_its_mismatches() {
    let s = start(json!([{
        "description": "create foo",
        "request": {
            "method": "POST", "path": "/path",
            "headers": {"Content-Type": "application/json"},
            "body": {"foo": "bar"}
        },
        "response": {"status": 200}
    }]));
    let r = send(
        s.port(),
        "POST",
        "/path",
        &[("Content-Type", "application/json")],
        br#"{"foo":"no-very-bar"}"#,
    );
    assert_eq!(r.status, 500);
    assert_eq!(r.header("x-pact"), Some("Request-Mismatch"));
    assert!(r.text().contains("no-very-bar"), "{}", r.text());

    let json: Value = serde_json::from_str(&s.mismatches_json()).unwrap();
    assert_eq!(
        json.as_array().unwrap().len(),
        1,
        "no missing-request: {json}"
    );
    let entry = &json[0];
    assert_eq!(entry["type"], "request-mismatch");
    assert_eq!(entry["method"], "POST");
    assert_eq!(entry["path"], "/path");
    let m = &entry["mismatches"][0];
    assert_eq!(m["type"], "BodyMismatch");
    assert_eq!(m["path"], "$.foo");
    assert_eq!(m["expected"], "\"bar\"");
    assert_eq!(m["actual"], "\"no-very-bar\"");
    assert!(m["mismatch"].as_str().unwrap().contains("no-very-bar"));
    assert!(!s.matched());
    s.shutdown();
}

#[test]
fn full_match_wins_over_earlier_partial_match_and_fewest_mismatches_decide() {
    let s = start(json!([
        {
            "description": "first",
            "request": {"method": "GET", "path": "/items", "query": {"x": ["1"], "y": ["2"]}},
            "response": {"status": 200, "body": "first"}
        },
        {
            "description": "second",
            "request": {"method": "GET", "path": "/items", "query": {"x": ["1"], "y": ["3"]}},
            "response": {"status": 200, "body": "second"}
        }
    ]));
    let r = get(s.port(), "/items?x=1&y=3");
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "second");

    // x wrong, y right for "second" only: one mismatch against "second", two against "first".
    let r = get(s.port(), "/items?x=9&y=3");
    assert_eq!(r.status, 500);
    let json: Value = serde_json::from_str(&s.mismatches_json()).unwrap();
    let entry = &json[0];
    assert_eq!(entry["type"], "request-mismatch");
    let mismatches = entry["mismatches"].as_array().unwrap();
    assert_eq!(mismatches.len(), 1, "{entry}");
    assert_eq!(mismatches[0]["type"], "QueryMismatch");
    assert_eq!(mismatches[0]["parameter"], "x");
    // "first" was never requested.
    assert_eq!(json[1]["type"], "missing-request");
    assert_eq!(json[1]["request"]["query"], json!({"x": ["1"], "y": ["2"]}));
    assert_eq!(json.as_array().unwrap().len(), 2);
    s.shutdown();
}

/// Reads one response from a keep-alive connection (Content-Length framed).
fn read_one(stream: &mut TcpStream) -> Reply {
    let mut raw = Vec::new();
    let mut byte = [0u8; 1];
    while !raw.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).expect("response head");
        raw.push(byte[0]);
    }
    let head = parse_reply(&raw);
    let len: usize = head
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0u8; len];
    stream.read_exact(&mut body).expect("response body");
    Reply { body, ..head }
}

#[test]
fn keep_alive_connection_serves_several_requests() {
    let s = start(hello());
    let mut c = TcpStream::connect(("127.0.0.1", s.port())).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    for target in ["/hello?name=Mary", "/nope", "/hello?name=Mary"] {
        c.write_all(format!("GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").as_bytes())
            .unwrap();
        let r = read_one(&mut c);
        assert_eq!(r.status, if target == "/nope" { 500 } else { 201 });
    }
    let list = s.mismatches();
    assert_eq!(list.len(), 1, "{list:?}");
    assert!(
        matches!(&list[0], MatchResult::RequestNotFound { request } if request.path == "/nope")
    );
    s.shutdown();
}

#[test]
fn regexes_with_look_around_and_backreferences_match() {
    // pact-js's ISO8601_DATE_FORMAT (a look-ahead and the backreference `\3`).
    let iso_date = "^([\\+-]?\\d{4}(?!\\d{2}\\b))((-?)((0[1-9]|1[0-2])(\\3([12]\\d|0[1-9]|3[01]))?|W([0-4]\\d|5[0-2])(-?[1-7])?|(00[1-9]|0[1-9]\\d|[12]\\d{2}|3([0-5]\\d|6[1-6])))?)$";
    let s = start(json!([{
        "description": "by date",
        "request": {
            "method": "GET", "path": "/events", "query": {"on": ["2013-02-01"]},
            "matchingRules": {"query": {"on": {"matchers": [{"match": "regex", "regex": iso_date}]}}}
        },
        "response": {"status": 200}
    }]));
    for on in ["2024-12-31", "20241231", "2024-W05-3", "2024"] {
        assert_eq!(
            get(s.port(), &format!("/events?on={on}")).status,
            200,
            "{on}"
        );
    }
    // `\3` ties the separators together; the look-ahead refuses six digits.
    for on in ["2024-1231", "202412", "2024-13-01"] {
        assert_eq!(
            get(s.port(), &format!("/events?on={on}")).status,
            500,
            "{on}"
        );
    }
    assert!(!s.matched());
    s.shutdown();
}

#[test]
fn pact_without_interactions_is_matched_until_a_request_arrives() {
    let s = start(json!([]));
    assert!(s.matched());
    assert_eq!(get(s.port(), "/x").status, 500);
    assert!(!s.matched());
    s.shutdown();
}

#[test]
fn cors_preflight_is_answered_and_never_counts() {
    let s = server::start(
        pact(hello()),
        ServerOptions {
            cors: true,
            ..ServerOptions::default()
        },
    )
    .unwrap();
    let r = send(
        s.port(),
        "OPTIONS",
        "/hello",
        &[
            ("Origin", "http://example.test"),
            ("Access-Control-Request-Method", "GET"),
            ("Access-Control-Request-Headers", "x-token"),
        ],
        b"",
    );
    assert_eq!(r.status, 204);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("http://example.test")
    );
    assert!(r
        .header("access-control-allow-methods")
        .unwrap_or_default()
        .contains("GET"));
    assert!(r
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .contains("x-token"));
    assert_eq!(r.header("access-control-allow-credentials"), Some("true"));
    assert_eq!(get(s.port(), "/hello?name=Mary").status, 201);
    assert!(s.matched(), "{}", s.mismatches_json());
    s.shutdown();
}

#[test]
fn unexpected_options_without_cors_is_500_but_not_a_mismatch() {
    let s = start(hello());
    let r = send(s.port(), "OPTIONS", "/hello", &[], b"");
    assert_eq!(r.status, 500);
    assert_eq!(get(s.port(), "/hello?name=Mary").status, 201);
    assert!(s.matched(), "{}", s.mismatches_json());
    s.shutdown();
}

#[test]
fn tls_server_completes_a_handshake_and_serves() {
    use rustls::pki_types::{CertificateDer, ServerName};
    let s = server::start(
        pact(hello()),
        ServerOptions {
            tls: true,
            ..ServerOptions::default()
        },
    )
    .unwrap();
    assert!(s.url().starts_with("https://127.0.0.1:"), "{}", s.url());
    let pem = s.certificate_pem().expect("a TLS server has a certificate");
    let b64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    use base64::Engine;
    let der = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    let mut roots = rustls::RootCertStore::empty();
    roots.add(CertificateDer::from(der)).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    let conn =
        rustls::ClientConnection::new(Arc::new(config), ServerName::try_from("localhost").unwrap())
            .unwrap();
    let sock = TcpStream::connect(("127.0.0.1", s.port())).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut tls = rustls::StreamOwned::new(conn, sock);
    tls.write_all(b"GET /hello?name=Mary HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut raw = Vec::new();
    // A peer that closes without close_notify is fine for this check.
    let _ = tls.read_to_end(&mut raw);
    let r = parse_reply(&raw);
    assert_eq!(r.status, 201);
    assert_eq!(r.json()["greeting"], "hello Mary");
    assert!(s.matched());

    // Plain HTTP on a TLS port gets no HTTP answer.
    let mut plain = TcpStream::connect(("127.0.0.1", s.port())).unwrap();
    plain
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let _ = plain.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    let mut buf = Vec::new();
    let _ = plain.read_to_end(&mut buf);
    assert!(!buf.starts_with(b"HTTP/1.1 2"));
    s.shutdown();
}

#[test]
fn busy_port_is_a_port_in_use_error_naming_the_port() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let err = server::start(
        pact(hello()),
        ServerOptions {
            port,
            ..ServerOptions::default()
        },
    )
    .unwrap_err();
    assert_eq!(err.code, ErrorCode::PortInUse);
    assert!(err.message.contains(&port.to_string()), "{}", err.message);
    assert!(server::find(port).is_none());
}

#[test]
fn bad_host_is_an_invalid_address_error() {
    for host in ["not a host!", "999.1.1.1", "10.254.253.252"] {
        let err = server::start(
            pact(hello()),
            ServerOptions {
                host: host.into(),
                ..ServerOptions::default()
            },
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidAddress, "{host}: {err}");
        assert!(err.message.contains(host), "{}", err.message);
    }
}

#[test]
fn localhost_binds_ipv4_loopback() {
    let s = server::start(
        pact(hello()),
        ServerOptions {
            host: "localhost".into(),
            ..ServerOptions::default()
        },
    )
    .unwrap();
    assert!(s.url().starts_with("http://127.0.0.1:"));
    assert_eq!(get(s.port(), "/hello?name=Mary").status, 201);
    s.shutdown();
}

#[test]
fn ipv6_loopback_host_gives_a_bracketed_url() {
    let Ok(probe) = std::net::TcpListener::bind("[::1]:0") else {
        eprintln!("no IPv6 loopback on this machine; nothing to check");
        return;
    };
    drop(probe);
    let s = server::start(
        pact(hello()),
        ServerOptions {
            host: "::1".into(),
            ..ServerOptions::default()
        },
    )
    .unwrap();
    assert_eq!(s.url(), format!("http://[::1]:{}", s.port()));
    let mut c = TcpStream::connect(("::1", s.port())).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    c.write_all(b"GET /hello?name=Mary HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut raw = Vec::new();
    c.read_to_end(&mut raw).unwrap();
    assert_eq!(parse_reply(&raw).status, 201);
    s.shutdown();
}

#[test]
fn cleanup_frees_the_port_and_is_harmless_twice() {
    let s = start(hello());
    let port = s.port();
    assert!(server::find(port).is_some());
    // An idle keep-alive connection must not keep the server alive.
    let mut idle = TcpStream::connect(("127.0.0.1", port)).unwrap();
    idle.write_all(b"GET /hello?name=Mary HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut first = [0u8; 12];
    idle.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 201");

    assert!(server::cleanup(port));
    assert!(server::find(port).is_none());
    // The idle connection was closed by the stop, not left open.
    idle.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut rest = Vec::new();
    if let Err(e) = idle.read_to_end(&mut rest) {
        assert!(
            !matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
            "connection still open after cleanup"
        );
    }
    std::net::TcpListener::bind(("127.0.0.1", port)).expect("port is free after cleanup");
    assert!(!server::cleanup(port), "second cleanup finds nothing");
    s.shutdown();
    s.shutdown();
    // The registered results stay readable after the stop.
    assert!(s.matched());
}

#[test]
fn shutdown_closes_kept_alive_connections_before_it_returns() {
    let s = start(hello());
    let mut c = TcpStream::connect(("127.0.0.1", s.port())).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    c.write_all(b"GET /hello?name=Mary HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(read_one(&mut c).status, 201);

    s.shutdown();
    // No waiting: the end of the stream is already there (a keep-alive client pool that
    // reuses this connection right away would otherwise send its next request into a
    // stopped server, while a new one may listen on the same port).
    c.set_nonblocking(true).unwrap();
    let mut buf = [0u8; 64];
    match c.read(&mut buf) {
        Ok(n) => assert_eq!(n, 0, "no end of stream: {:?}", &buf[..n]),
        Err(e) => assert!(
            e.kind() == std::io::ErrorKind::ConnectionReset,
            "connection still open when shutdown returned: {e}"
        ),
    }
}

#[test]
fn fixed_port_can_be_reused_after_shutdown() {
    let s = start(hello());
    let port = s.port();
    s.shutdown();
    let again = server::start(
        pact(hello()),
        ServerOptions {
            port,
            ..ServerOptions::default()
        },
    )
    .expect("same port again");
    assert_eq!(again.port(), port);
    assert_eq!(get(port, "/hello?name=Mary").status, 201);
    assert!(server::cleanup(port));
}

#[test]
fn generator_values_appear_in_the_response() {
    let s = start(json!([{
        "description": "links",
        "request": {"method": "GET", "path": "/links"},
        "response": {
            "status": 200,
            "headers": {"Content-Type": "application/json"},
            "body": {"href": "http://example.test/items/1", "count": 7},
            "generators": {"body": {
                "$.href": {"type": "MockServerURL", "example": "http://example.test/items/1", "regex": ".*(/items/\\d+)$"},
                "$.count": {"type": "RandomInt", "min": 100, "max": 200}
            }}
        }
    }]));
    let r = get(s.port(), "/links");
    assert_eq!(r.status, 200);
    let body = r.json();
    assert_eq!(body["href"], format!("{}/items/1", s.url()), "{body}");
    let count = body["count"].as_i64().unwrap();
    assert!((100..=200).contains(&count), "{body}");
    s.shutdown();
}

#[test]
fn write_pact_file_writes_consumer_provider_json() {
    let s = start(hello());
    let dir = std::env::temp_dir().join(format!("pact-server-test-{}", std::process::id()));
    let path = s.write_pact_file(Some(&dir), true).unwrap();
    assert_eq!(
        path.file_name().unwrap().to_str().unwrap(),
        "server-test-consumer-server-test-provider.json"
    );
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(written["interactions"][0]["description"], "a hello");
    assert_eq!(written["metadata"]["pactSpecification"]["version"], "3.0.0");
    let _ = std::fs::remove_dir_all(&dir);
    s.shutdown();
}

// ---------------------------------------------------------------- robustness

fn upload_pact() -> Value {
    json!([{
        "description": "an upload",
        "request": {"method": "POST", "path": "/upload"},
        "response": {"status": 202}
    }, {
        "description": "a ping",
        "request": {"method": "GET", "path": "/ping"},
        "response": {"status": 200, "body": "pong"}
    }])
}

#[test]
fn garbage_bytes_do_not_stop_the_server() {
    let s = start(upload_pact());
    for junk in [
        &b"\x00\x01\x02garbage\r\n\r\n"[..],
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET /ping HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n",
        b"\r\n\r\n\r\n",
    ] {
        let mut c = TcpStream::connect(("127.0.0.1", s.port())).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let _ = c.write_all(junk);
        // Half-close: some junk leaves hyper waiting for more; EOF must end it cleanly.
        let _ = c.shutdown(std::net::Shutdown::Write);
        let mut buf = Vec::new();
        let _ = c.read_to_end(&mut buf);
        assert!(
            !buf.starts_with(b"HTTP/1.1 2"),
            "{:?}",
            String::from_utf8_lossy(&buf)
        );
    }
    let r = get(s.port(), "/ping");
    assert_eq!(r.status, 200);
    assert_eq!(r.text(), "pong");
    s.shutdown();
}

#[test]
fn a_50_mb_body_is_accepted() {
    let s = start(upload_pact());
    let body = vec![b'a'; 50 * 1024 * 1024];
    let r = send(
        s.port(),
        "POST",
        "/upload",
        &[("Content-Type", "application/octet-stream")],
        &body,
    );
    assert_eq!(r.status, 202);
    assert_eq!(get(s.port(), "/ping").status, 200);
    s.shutdown();
}

#[test]
fn client_leaving_mid_body_does_not_hurt() {
    let s = start(upload_pact());
    {
        let mut c = TcpStream::connect(("127.0.0.1", s.port())).unwrap();
        c.write_all(
            b"POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nonly a bit",
        )
        .unwrap();
    }
    assert_eq!(get(s.port(), "/ping").status, 200);
    s.shutdown();
}

#[test]
fn thousands_of_concurrent_connections_are_served() {
    let s = start(upload_pact());
    let port = s.port();
    // Every connection has its request in flight before any reply is read.
    let mut conns = Vec::new();
    for _ in 0..2000 {
        let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
        c.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        c.write_all(b"GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        conns.push(c);
    }
    let workers: Vec<_> = (0..16)
        .map(|_| {
            std::thread::spawn(move || {
                for _ in 0..20 {
                    assert_eq!(get(port, "/ping").status, 200);
                }
            })
        })
        .collect();
    for mut c in conns {
        let mut raw = Vec::new();
        c.read_to_end(&mut raw).unwrap();
        let r = parse_reply(&raw);
        assert_eq!(r.status, 200);
        assert_eq!(r.text(), "pong");
    }
    for w in workers {
        w.join().unwrap();
    }
    let list = s.mismatches();
    assert_eq!(list.len(), 1, "only the upload is missing: {list:?}");
    s.shutdown();
}
