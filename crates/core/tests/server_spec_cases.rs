//! Every request case of the official pact-specification suite (V1..V4, vendored in
//! `tests/pact-spec`), sent over real HTTP to a mock server whose only interaction is the
//! case's expected request: `matched()` must equal the case's `match`.

use pact_mock_server_core::model::file::request_from_json;
use pact_mock_server_core::model::{Body, Interaction, Pact, Request, SpecVersion};
use pact_mock_server_core::server::{self, ServerOptions};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::Value;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Characters that cannot appear raw in a request target's path.
const PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'%');

/// Cases whose actual request HTTP cannot carry: skipped (suffix of the case path, why).
const NOT_EXPRESSIBLE_OVER_HTTP: &[(&str, &str)] = &[(
    "request/path/empty path found when forward slash expected.json",
    "an HTTP/1.1 request target cannot have an empty path, so '/' is what arrives",
)];

/// The specification suite vendored in `tests/pact-spec` (see its README.md); its absence
/// fails the test, saying where it was looked for.
fn spec_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pact-spec");
    assert!(
        root.is_dir(),
        "pact-specification test cases not found at {}: they are vendored in the repository \
         (tests/pact-spec, see its README.md for how to restore or refresh them)",
        root.display()
    );
    root
}

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read the spec cases in {}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            cases(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

fn encode_component(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The query string as the case gives it: V1/V2 as raw text, V3+ as a map to encode.
fn query_string(actual: &Value) -> String {
    match actual.get("query") {
        Some(Value::String(s)) => s.replace(' ', "%20"),
        Some(Value::Object(map)) => {
            let mut parts = Vec::new();
            for (name, values) in map {
                let values: Vec<Value> = match values {
                    Value::Array(v) => v.clone(),
                    other => vec![other.clone()],
                };
                for v in values {
                    match v {
                        Value::Null => parts.push(encode_component(name)),
                        Value::String(s) => parts.push(format!(
                            "{}={}",
                            encode_component(name),
                            encode_component(&s)
                        )),
                        other => parts.push(format!(
                            "{}={}",
                            encode_component(name),
                            encode_component(&other.to_string())
                        )),
                    }
                }
            }
            parts.join("&")
        }
        _ => String::new(),
    }
}

/// The raw HTTP/1.1 request for the case's actual request.
fn raw_request(actual_json: &Value, actual: &Request, port: u16) -> Vec<u8> {
    let method = actual_json
        .get("method")
        .and_then(Value::as_str)
        .unwrap_or("GET");
    let mut target = utf8_percent_encode(&actual.path, PATH).to_string();
    if target.is_empty() {
        target.push('/');
    }
    let query = query_string(actual_json);
    if !query.is_empty() {
        target.push('?');
        target.push_str(&query);
    }
    let mut head =
        format!("{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n");
    for (name, values) in actual.headers.iter().flatten() {
        for v in values {
            // A line break inside a value is an obsolete line folding; HTTP sends it unfolded.
            let unfolded = v
                .split(['\r', '\n'])
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ");
            head.push_str(&format!("{name}: {unfolded}\r\n"));
        }
    }
    let body: &[u8] = match &actual.body {
        Body::Missing => b"",
        Body::Null => b"null",
        other => other.bytes(),
    };
    if !matches!(actual.body, Body::Missing) {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    out
}

fn run_case(path: &Path, spec: SpecVersion) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let case: Value = serde_json::from_str(&text).map_err(|e| format!("bad case JSON: {e}"))?;
    let should_match = case["match"].as_bool().ok_or("case has no 'match'")?;
    let expected =
        request_from_json(&case["expected"], spec).map_err(|e| format!("expected request: {e}"))?;
    let actual =
        request_from_json(&case["actual"], spec).map_err(|e| format!("actual request: {e}"))?;

    let mut pact = Pact::new("spec-consumer", "spec-provider");
    pact.spec = spec;
    let mut interaction = Interaction::new("the case's expected request");
    interaction.request = expected;
    pact.interactions.push(interaction);
    let server = server::start(pact, ServerOptions::default())
        .map_err(|e| format!("server did not start: {e}"))?;

    let raw = raw_request(&case["actual"], &actual, server.port());
    let sent = (|| -> std::io::Result<Vec<u8>> {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port()))?;
        stream.set_read_timeout(Some(Duration::from_secs(20)))?;
        stream.write_all(&raw)?;
        let mut reply = Vec::new();
        stream.read_to_end(&mut reply)?;
        Ok(reply)
    })();
    let matched = server.matched();
    let details = server.mismatches_json();
    server.shutdown();
    let reply = sent.map_err(|e| format!("HTTP exchange failed: {e}"))?;
    if reply.is_empty() {
        return Err("the server sent no reply".into());
    }
    if matched != should_match {
        return Err(format!(
            "matched() = {matched}, case says {should_match}; sent {:?}; mismatches {details}",
            String::from_utf8_lossy(&raw[..raw.len().min(400)])
        ));
    }
    Ok(())
}

#[test]
fn every_request_case_of_the_spec_suite_over_http() {
    let root = spec_dir();
    let versions = [
        ("v1", SpecVersion::V1),
        ("v1.1", SpecVersion::V1_1),
        ("v2", SpecVersion::V2),
        ("v3", SpecVersion::V3),
        ("v4", SpecVersion::V4),
    ];
    let mut total = 0;
    let mut failures = Vec::new();
    let mut skipped = Vec::new();
    for (dir, spec) in versions {
        let mut files = Vec::new();
        let cases_dir = root.join(dir).join("testcases/request");
        cases(&cases_dir, &mut files);
        assert!(
            !files.is_empty(),
            "no request cases under {}: the vendored suite is incomplete",
            cases_dir.display()
        );
        files.sort();
        for file in files {
            total += 1;
            let name = file
                .strip_prefix(&root)
                .unwrap_or(&file)
                .display()
                .to_string();
            if let Some((_, why)) = NOT_EXPRESSIBLE_OVER_HTTP
                .iter()
                .find(|(suffix, _)| name.ends_with(suffix))
            {
                skipped.push(format!("{name}: {why}"));
                continue;
            }
            if let Err(e) = run_case(&file, spec) {
                failures.push(format!("{name}: {e}"));
            }
        }
    }
    assert!(
        total > 300,
        "expected the spec suite under {} (found {total} request cases)",
        root.display()
    );
    eprintln!(
        "{total} request cases: {} passed, {} not expressible over HTTP (the matching engine's \
         own spec runner covers them), {} failed",
        total - skipped.len() - failures.len(),
        skipped.len(),
        failures.len()
    );
    for line in &skipped {
        eprintln!("  {line}");
    }
    assert!(
        failures.is_empty(),
        "{} of {total} request cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
