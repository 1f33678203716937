//! The text of a failed test, built from the typed results: every mismatch, numbered, saying
//! where it is (method, path, query parameter, header, body path) and what was expected and
//! found, in the layout pact-js users know; then the CORS pre-flights left unanswered, which
//! explain a browser test whose real request never arrived.

use super::state::UnansweredPreflight;
use super::MatchResult;
use crate::matching::{binary_summary, looks_binary, Mismatch};
use crate::model::{Body, Request};
use std::fmt::Write;

/// How much of a text body the report shows.
const SHOWN_BODY_CHARS: usize = 120;

/// The readable report of `results` (in the order `mismatches()` gives them) and `preflights`.
pub fn failure_report(results: &[MatchResult], preflights: &[UnansweredPreflight]) -> String {
    let mut out = String::from("Test failed for the following reasons:\n\n");
    if !results.is_empty() {
        out.push_str("  Mock server failed with the following mismatches:\n");
    }
    for (i, result) in results.iter().enumerate() {
        out.push('\n');
        match result {
            MatchResult::RequestMismatch {
                method,
                path,
                mismatches,
            } => {
                let _ = writeln!(
                    out,
                    "\t{i}) The following request was incorrect:\n\t        {method} {path}"
                );
                for (j, mismatch) in mismatches.iter().enumerate() {
                    let _ = writeln!(out, "\t\t\t {i}.{j} {}", describe(mismatch));
                }
            }
            MatchResult::MissingRequest { request } => {
                let _ = writeln!(
                    out,
                    "\t{i}) The following request was expected but not received:"
                );
                describe_request(&mut out, request);
            }
            MatchResult::RequestNotFound { request } => {
                let _ = writeln!(out, "\t{i}) The following request was not expected:");
                describe_request(&mut out, request);
            }
        }
    }
    if !preflights.is_empty() {
        out.push_str(
            "\n  CORS pre-flight requests arrived but the mock server does not answer them \
             (cors is off), so the browser never sent the real requests:\n",
        );
        for p in preflights {
            let _ = writeln!(
                out,
                "\t- OPTIONS {} from origin {}{}",
                p.path,
                p.origin.as_deref().unwrap_or("(none)"),
                p.requested_method
                    .as_deref()
                    .map(|m| format!(", asking to send {m}"))
                    .unwrap_or_default()
            );
        }
        out.push_str(
            "\t  Start the mock server with `cors: true` to answer pre-flight requests.\n",
        );
    }
    out
}

/// One inner mismatch: where it is, and what was expected and found.
fn describe(mismatch: &Mismatch) -> String {
    let message = mismatch.description();
    match mismatch {
        Mismatch::Method { .. } => format!("Method: {message}"),
        Mismatch::Path { .. } => format!("Path: {message}"),
        Mismatch::Query { parameter, .. } => format!("Query parameter '{parameter}': {message}"),
        Mismatch::Header { key, .. } => format!("Header '{key}': {message}"),
        Mismatch::BodyType { .. } => format!("Body type: {message}"),
        Mismatch::Body {
            path,
            expected,
            actual,
            ..
        } => {
            let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "(nothing)".into());
            format!(
                "Body at {}: {message} (expected {}, actual {})",
                if path.is_empty() { "$" } else { path },
                shown(expected),
                shown(actual)
            )
        }
        Mismatch::Status { .. } => format!("Status: {message}"),
        Mismatch::Metadata { key, .. } => format!("Metadata '{key}': {message}"),
    }
}

fn describe_request(out: &mut String, request: &Request) {
    let _ = writeln!(
        out,
        "\t    Method: {}\n\t    Path: {}",
        request.method, request.path
    );
    if let Some(query) = &request.query {
        let rendered: Vec<String> = query
            .iter()
            .flat_map(|(name, values)| {
                values.iter().map(move |v| match v {
                    Some(v) => format!("{name}={v}"),
                    None => name.clone(),
                })
            })
            .collect();
        let _ = writeln!(out, "\t    Query: {}", rendered.join("&"));
    }
    if let Some(headers) = request.headers.as_ref().filter(|h| !h.is_empty()) {
        out.push_str("\t    Headers:\n");
        for (name, values) in headers {
            let _ = writeln!(out, "\t      {name}: {}", values.join(", "));
        }
    }
    match &request.body {
        Body::Missing => {}
        Body::Empty => out.push_str("\t    Body: (empty)\n"),
        Body::Null => out.push_str("\t    Body: null\n"),
        body @ Body::Present { .. } => {
            let _ = writeln!(out, "\t    Body: {}", shown_body(body));
        }
    }
}

/// A text body's start (with its length when cut), or a binary body's summary: never the
/// bytes of a binary body as text.
fn shown_body(body: &Body) -> String {
    let bytes = body.bytes();
    let binary = body.content_type().is_some_and(|ct| ct.is_binary());
    match std::str::from_utf8(bytes) {
        Ok(text) if !binary && !looks_binary(bytes) => {
            let shown: String = text.chars().take(SHOWN_BODY_CHARS).collect();
            if shown.len() < text.len() {
                format!("{shown}... ({} bytes)", text.len())
            } else {
                shown
            }
        }
        _ => binary_summary(body.content_type(), bytes),
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ContentType, Headers};

    #[test]
    fn lists_every_mismatch_with_where_it_is() {
        let mut headers = Headers::new();
        headers.insert("Accept".into(), vec!["application/json".into()]);
        let text = failure_report(
            &[
                MatchResult::RequestMismatch {
                    method: "POST".into(),
                    path: "/dogs/1".into(),
                    mismatches: vec![
                        Mismatch::Query {
                            parameter: "q".into(),
                            expected: "a".into(),
                            actual: "b".into(),
                            mismatch: "Expected 'b' to be equal to 'a'".into(),
                        },
                        Mismatch::Body {
                            path: "$.name".into(),
                            expected: Some("\"Rex\"".into()),
                            actual: Some("\"Max\"".into()),
                            mismatch: "Expected 'Max' (String) to be equal to 'Rex' (String)"
                                .into(),
                        },
                    ],
                },
                MatchResult::MissingRequest {
                    request: Request {
                        method: "GET".into(),
                        path: "/users".into(),
                        headers: Some(headers),
                        ..Request::default()
                    },
                },
                MatchResult::RequestNotFound {
                    request: Request {
                        method: "DELETE".into(),
                        path: "/users/1".into(),
                        body: Body::from_json(&serde_json::json!({"id": 1})),
                        ..Request::default()
                    },
                },
            ],
            &[],
        );
        for expected in [
            "0) The following request was incorrect:",
            "POST /dogs/1",
            "0.0 Query parameter 'q': Expected 'b' to be equal to 'a'",
            "0.1 Body at $.name: Expected 'Max'",
            "1) The following request was expected but not received:",
            "Accept: application/json",
            "2) The following request was not expected:",
            "Body: {\"id\":1}",
        ] {
            assert!(text.contains(expected), "{expected:?} not in {text}");
        }
        assert!(!text.contains("pre-flight"), "{text}");
    }

    #[test]
    fn a_binary_body_is_summarised_not_shown() {
        let jpeg = [
            0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x80, 0x81,
        ];
        let text = failure_report(
            &[MatchResult::RequestNotFound {
                request: Request {
                    method: "PUT".into(),
                    path: "/photo".into(),
                    body: Body::from_bytes(jpeg.to_vec(), ContentType::parse("image/jpeg")),
                    ..Request::default()
                },
            }],
            &[],
        );
        assert!(text.contains("image/jpeg, 12 bytes"), "{text}");
        assert!(text.contains("ffd8ffe0"), "{text}");
        assert!(!text.contains("JFIF"), "{text}");
    }

    #[test]
    fn unanswered_preflights_say_what_to_do() {
        let text = failure_report(
            &[MatchResult::MissingRequest {
                request: Request {
                    method: "POST".into(),
                    path: "/users".into(),
                    ..Request::default()
                },
            }],
            &[UnansweredPreflight {
                path: "/users".into(),
                origin: Some("http://localhost:3000".into()),
                requested_method: Some("POST".into()),
            }],
        );
        assert!(
            text.contains("OPTIONS /users from origin http://localhost:3000, asking to send POST"),
            "{text}"
        );
        assert!(text.contains("`cors: true`"), "{text}");
    }
}
