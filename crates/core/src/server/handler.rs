//! One HTTP request: turned into the model's `Request`, matched against every interaction,
//! recorded (before the reply leaves), and answered with the interaction's generated response,
//! a 500 naming the mismatch, or a CORS pre-flight reply.

use super::compiled::{FixedResponse, Responder};
use super::state::UnansweredPreflight;
use super::{stamped, Session, Shared};
use crate::generate::GeneratorContext;
use crate::matching::{Mismatch, PreparedRequest};
use crate::model::{
    file::parse_query_string_for, Body, ContentType, Headers, Request, SpecVersion,
};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::{Response, StatusCode};
use std::convert::Infallible;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Bodies larger than this are refused with 413 rather than buffered.
pub const MAX_BODY_BYTES: usize = 256 * 1024 * 1024;

const ALLOW_METHODS: &str = "GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH";

/// How a request relates to the interactions of the pact.
#[derive(Debug)]
enum Outcome {
    Matched(usize),
    Mismatch(usize, Vec<Mismatch>),
    /// With the hint naming the closest interaction (`None`: the pact has no interactions).
    NotFound(Option<String>),
}

pub(crate) async fn handle(
    shared: Arc<Shared>,
    req: hyper::Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    // The session of the test running when the request arrived answers it, from start to end.
    let session = shared.session();
    let (parts, body) = req.into_parts();
    // A content type announces a body: without framing headers it is an empty one, not none.
    let has_body = parts.headers.contains_key(CONTENT_LENGTH)
        || parts.headers.contains_key(hyper::header::TRANSFER_ENCODING)
        || parts.headers.contains_key(CONTENT_TYPE);
    let bytes = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) => {
            let too_large = e
                .downcast_ref::<http_body_util::LengthLimitError>()
                .is_some();
            let line = format!(
                "{} {} -> could not read the request body: {}",
                parts.method,
                parts.uri,
                if too_large {
                    format!("it is larger than {MAX_BODY_BYTES} bytes")
                } else {
                    e.to_string()
                }
            );
            session.log(&line);
            let status = if too_large {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::BAD_REQUEST
            };
            return Ok(text_response(status, "Could not process request body"));
        }
    };

    let actual = to_pact_request(&parts, bytes, has_body, session.pact.spec);
    let origin = header_text(&parts.headers, "origin");
    // A bug in the matching engine must cost one request, not the connection or the server.
    let outcome = match std::panic::catch_unwind(AssertUnwindSafe(|| find_match(&session, &actual)))
    {
        Ok(outcome) => outcome,
        Err(panic) => {
            let line = format!(
                "{} {} -> internal error while matching: {}",
                parts.method,
                parts.uri,
                panic_text(&panic)
            );
            session.log(&line);
            return Ok(text_response(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Internal error of the mock server while matching the request (see its logs)",
            ));
        }
    };
    let target = parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| actual.path.clone());

    let is_preflight =
        matches!(outcome, Outcome::NotFound(_)) && actual.method.eq_ignore_ascii_case("OPTIONS");
    // Once the log is full nothing more is written to it: skip formatting the line.
    let line =
        if session.log_full.load(Ordering::Relaxed) && !tracing::enabled!(tracing::Level::DEBUG) {
            None
        } else {
            let line = stamped(&log_line(
                &shared,
                &session,
                &actual,
                &target,
                &outcome,
                is_preflight,
            ));
            tracing::debug!(server = shared.port, "{line}");
            Some(line)
        };
    // The failure replies are built first so that the request can be moved into the record.
    let reply = match &outcome {
        Outcome::Matched(_) => None,
        Outcome::NotFound(_) if is_preflight && shared.cors => {
            Some(preflight_response(&parts.headers, origin.as_deref()))
        }
        Outcome::Mismatch(_, mismatches) => Some(mismatch_response(
            "Request-Mismatch",
            &actual,
            mismatches,
            None,
        )),
        Outcome::NotFound(hint) => Some(mismatch_response(
            "Unexpected-Request",
            &actual,
            &[],
            hint.as_deref(),
        )),
    };
    let matched = match &outcome {
        Outcome::Matched(i) => Some(*i),
        _ => None,
    };
    let preflight = (is_preflight && !shared.cors).then(|| UnansweredPreflight {
        path: actual.path.clone(),
        origin: origin.clone(),
        requested_method: header_text(&parts.headers, "access-control-request-method"),
    });
    // Recorded before replying: a client that has its answer must see it in matched().
    {
        let mut state = session.lock_state();
        match outcome {
            Outcome::Matched(i) => state.record_match(i),
            Outcome::Mismatch(i, mismatches) => {
                state.record_mismatch(i, &actual.method, &actual.path, mismatches)
            }
            // Browsers send pre-flights on their own; they never count against the test, but
            // one left unanswered explains why the real request never came.
            Outcome::NotFound(_) if is_preflight => {
                if let Some(preflight) = preflight {
                    state.record_unanswered_preflight(preflight);
                }
            }
            Outcome::NotFound(_) => state.record_not_found(actual),
        }
        if let Some(line) = line {
            state.log_line(&line);
            if state.log_full() {
                session.log_full.store(true, Ordering::Relaxed);
            }
        }
    }

    Ok(match (matched, reply) {
        (Some(i), _) => matched_response(&shared, &session, i, origin.as_deref()),
        (None, Some(reply)) => reply,
        // Unreachable: every outcome but a match has a reply.
        (None, None) => text_response(StatusCode::INTERNAL_SERVER_ERROR, "No reply"),
    })
}

/// The log line for one request: what arrived and how it was answered.
fn log_line(
    shared: &Shared,
    session: &Session,
    actual: &Request,
    target: &str,
    outcome: &Outcome,
    is_preflight: bool,
) -> String {
    let method = &actual.method;
    let description = |i: usize| &session.pact.interactions[i].description;
    match outcome {
        Outcome::Matched(i) => format!(
            "{method} {target} -> matched interaction '{}'",
            description(*i)
        ),
        Outcome::Mismatch(i, mismatches) => format!(
            "{method} {target} -> request mismatch against interaction '{}': {}",
            description(*i),
            describe(mismatches)
        ),
        Outcome::NotFound(_) if is_preflight => format!(
            "{method} {target} -> unexpected OPTIONS request ({})",
            if shared.cors {
                "answered as a CORS pre-flight"
            } else {
                "ignored in the results; start with cors to answer it"
            }
        ),
        Outcome::NotFound(hint) => format!(
            "{method} {target} -> unexpected request, no interaction matches ({})",
            hint.as_deref().unwrap_or("the pact has no interactions")
        ),
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

fn describe(mismatches: &[Mismatch]) -> String {
    mismatches
        .iter()
        .map(Mismatch::description)
        .collect::<Vec<_>>()
        .join("; ")
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// The request as the pact model sees it (the query read as the pact's spec version reads it).
fn to_pact_request(
    parts: &hyper::http::request::Parts,
    bytes: Bytes,
    has_body: bool,
    spec: SpecVersion,
) -> Request {
    let path = percent_encoding::percent_decode_str(parts.uri.path())
        .decode_utf8_lossy()
        .into_owned();
    let query = parts.uri.query().map(|q| parse_query_string_for(q, spec));
    let mut headers = Headers::new();
    for name in parts.headers.keys() {
        let values = parts
            .headers
            .get_all(name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string())
            .collect();
        headers.insert(name.as_str().to_string(), values);
    }
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(ContentType::parse);
    let body = if bytes.is_empty() {
        if has_body {
            Body::Empty
        } else {
            Body::Missing
        }
    } else {
        Body::Present {
            bytes: bytes.to_vec(),
            content_type,
        }
    };
    Request {
        method: parts.method.as_str().to_string(),
        path,
        query,
        headers: Some(headers),
        body,
        ..Request::default()
    }
}

/// Matches against the interactions: the first full match wins. Otherwise a request whose
/// method and path equal an interaction's is reported against that interaction (the one with
/// the fewest mismatches among such, earliest on a tie), whatever others share the path, so the
/// report says what differs; a request that no interaction's method and path fit is "not found",
/// with a hint naming the closest interaction. Only the interactions indexed under the request's
/// method and path can match fully, so those are tried first; the rest are looked at only to
/// explain a request that matched nothing.
fn find_match(session: &Session, actual: &Request) -> Outcome {
    let compiled = &session.compiled;
    let prepared = PreparedRequest::new(actual);
    let mut tried: Vec<(usize, Vec<Mismatch>)> = Vec::new();
    let candidates = compiled.candidates(&actual.method, &actual.path);
    for &i in candidates.iter().flatten() {
        let mismatches = compiled.matchers[i].mismatches_prepared(&prepared);
        if mismatches.is_empty() {
            return Outcome::Matched(i);
        }
        tried.push((i, mismatches));
    }
    let mut tried = tried.into_iter().peekable();
    let mut all: Vec<(usize, Vec<Mismatch>)> = Vec::with_capacity(compiled.matchers.len());
    for (i, matcher) in compiled.matchers.iter().enumerate() {
        let mismatches = match tried.peek() {
            Some((t, _)) if *t == i => tried.next().map(|(_, m)| m).unwrap_or_default(),
            _ => {
                let m = matcher.mismatches_prepared(&prepared);
                if m.is_empty() {
                    return Outcome::Matched(i);
                }
                m
            }
        };
        all.push((i, mismatches));
    }
    // `min_by_key` keeps the first of equals: the earliest interaction wins a tie.
    let fits_route = |m: &[Mismatch]| !m.iter().any(Mismatch::is_method_or_path);
    if let Some(best) = (0..all.len())
        .filter(|&n| fits_route(&all[n].1))
        .min_by_key(|&n| all[n].1.len())
    {
        let (i, mismatches) = all.swap_remove(best);
        return Outcome::Mismatch(i, mismatches);
    }
    Outcome::NotFound(all.iter().min_by_key(|(_, m)| m.len()).map(|(i, m)| {
        format!(
            "closest interaction '{}': {}",
            session.pact.interactions[*i].description,
            describe(m)
        )
    }))
}

fn cors_headers(headers: &mut HeaderMap, origin: Option<&str>) {
    let origin = origin
        .and_then(|o| HeaderValue::from_str(o).ok())
        .unwrap_or_else(|| HeaderValue::from_static("*"));
    headers.insert("access-control-allow-origin", origin);
    headers.insert(
        "access-control-allow-headers",
        HeaderValue::from_static("*"),
    );
    headers.insert(
        "access-control-allow-methods",
        HeaderValue::from_static(ALLOW_METHODS),
    );
    headers.insert(
        "access-control-expose-headers",
        HeaderValue::from_static("Location, Link"),
    );
    headers.insert(
        "access-control-allow-credentials",
        HeaderValue::from_static("true"),
    );
}

/// The response of a matched interaction: built once at start when it never changes, else
/// generated for this request.
fn matched_response(
    shared: &Shared,
    session: &Session,
    index: usize,
    origin: Option<&str>,
) -> Response<Full<Bytes>> {
    let interaction = &session.pact.interactions[index];
    let generated;
    let fixed = match &session.compiled.responders[index] {
        Responder::Fixed(fixed) => fixed,
        Responder::Generated(generator) => {
            let context = GeneratorContext {
                mock_server_url: Some(shared.url.clone()),
            };
            let response =
                match std::panic::catch_unwind(AssertUnwindSafe(|| generator.generate(&context))) {
                    Ok(r) => r,
                    Err(panic) => {
                        session.log(&format!(
                            "interaction '{}': internal error while generating the response: {}",
                            interaction.description,
                            panic_text(&panic)
                        ));
                        return text_response(
                            StatusCode::INTERNAL_SERVER_ERROR,
                            "Could not process response body",
                        );
                    }
                };
            let mut warnings = Vec::new();
            let built = response_parts(&interaction.description, &response, &mut warnings);
            for warning in &warnings {
                session.log(warning);
            }
            match built {
                Some(b) => {
                    generated = b;
                    &generated
                }
                None => {
                    return text_response(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "Could not process response: invalid status code",
                    )
                }
            }
        }
    };
    let mut out = Response::new(Full::new(fixed.body.clone()));
    *out.status_mut() = fixed.status;
    let mut headers = fixed.headers.clone();
    if !fixed.own_origin {
        if let Some(v) = origin.and_then(|o| HeaderValue::from_str(o).ok()) {
            headers.insert("access-control-allow-origin", v);
        }
    }
    *out.headers_mut() = headers;
    out
}

/// The response to send once built for interaction `description`, every header checked
/// (CORS headers with origin `*` first, then the interaction's); what had to be left out is
/// described in `warnings`. `None` when the status is not a valid HTTP status.
pub(crate) fn response_parts(
    description: &str,
    response: &crate::model::Response,
    warnings: &mut Vec<String>,
) -> Option<FixedResponse> {
    let Ok(status) = StatusCode::from_u16(response.status) else {
        warnings.push(format!(
            "interaction '{description}' has status {}, which is not a valid HTTP status (100-999)",
            response.status
        ));
        return None;
    };
    let mut headers = HeaderMap::new();
    cors_headers(&mut headers, None);
    let mut has_content_type = false;
    let mut own_origin = false;
    for (name, values) in response.headers.iter().flatten() {
        let Ok(header) = HeaderName::from_bytes(name.as_bytes()) else {
            warnings.push(format!(
                "interaction '{description}': response header name '{name}' is not valid in HTTP; left out"
            ));
            continue;
        };
        headers.remove(&header);
        for value in values {
            match HeaderValue::from_str(value) {
                Ok(v) => {
                    headers.append(header.clone(), v);
                }
                Err(_) => warnings.push(format!(
                    "interaction '{description}': value '{value}' of response header '{name}' is \
                     not valid in HTTP; left out"
                )),
            }
        }
        has_content_type |= header == CONTENT_TYPE;
        own_origin |= header == hyper::header::ACCESS_CONTROL_ALLOW_ORIGIN;
    }
    let body: Bytes = match &response.body {
        Body::Present { bytes, .. } => Bytes::from(bytes.clone()),
        Body::Null => Bytes::from_static(b"null"),
        Body::Missing | Body::Empty => Bytes::new(),
    };
    if !has_content_type {
        let derived = match &response.body {
            Body::Present {
                content_type: Some(ct),
                ..
            } => Some(ct.to_string()),
            Body::Present { bytes, .. } => Some(ContentType::detect(bytes).to_string()),
            Body::Null => Some("application/json".to_string()),
            _ => None,
        };
        if let Some(v) = derived.and_then(|d| HeaderValue::from_str(&d).ok()) {
            headers.insert(CONTENT_TYPE, v);
        }
    }
    Some(FixedResponse {
        status,
        headers,
        body,
        own_origin,
    })
}

/// The prepared response of an interaction without generators, when nothing about it needs
/// a warning (warnings are logged per request, so those responses are built per request).
pub(crate) fn fixed_response(interaction: &crate::model::Interaction) -> Option<FixedResponse> {
    if !interaction.response.generators.is_empty() {
        return None;
    }
    let mut warnings = Vec::new();
    let built = response_parts(
        &interaction.description,
        &interaction.response,
        &mut warnings,
    )?;
    warnings.is_empty().then_some(built)
}

fn preflight_response(request: &HeaderMap, origin: Option<&str>) -> Response<Full<Bytes>> {
    let mut headers = HeaderMap::new();
    cors_headers(&mut headers, origin);
    let asked = request
        .get("access-control-request-headers")
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.trim().is_empty())
        .and_then(|v| HeaderValue::from_str(&format!("{}, *", v.trim())).ok());
    if let Some(asked) = asked {
        headers.insert("access-control-allow-headers", asked);
    }
    let mut out = Response::new(Full::new(Bytes::new()));
    *out.status_mut() = StatusCode::NO_CONTENT;
    *out.headers_mut() = headers;
    out
}

fn mismatch_response(
    kind: &'static str,
    actual: &Request,
    mismatches: &[Mismatch],
    closest: Option<&str>,
) -> Response<Full<Bytes>> {
    let problem = if mismatches.is_empty() {
        format!(
            "no interaction in the pact expects {} {}{}",
            actual.method,
            actual.path,
            closest.map(|c| format!(" ({c})")).unwrap_or_default()
        )
    } else {
        format!(
            "{} {} does not match the expected request: {}",
            actual.method,
            actual.path,
            describe(mismatches)
        )
    };
    let text = serde_json::json!({
        "error": format!("{kind} : {problem}"),
        "method": actual.method,
        "path": actual.path,
        "mismatches": mismatches.iter().map(Mismatch::to_json).collect::<Vec<_>>(),
    })
    .to_string();
    let mut out = Response::new(Full::new(Bytes::from(text)));
    *out.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    let headers = out.headers_mut();
    headers.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    headers.insert("x-pact", HeaderValue::from_static(kind));
    out
}

fn text_response(status: StatusCode, text: &'static str) -> Response<Full<Bytes>> {
    let mut out = Response::new(Full::new(Bytes::from_static(text.as_bytes())));
    *out.status_mut() = status;
    out.headers_mut().insert(
        CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    out
}
