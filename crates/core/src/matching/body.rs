//! Bodies: presence (missing, empty, null, present) and the matcher chosen by content type:
//! JSON, XML, x-www-form-urlencoded, multipart/form-data (each part by its own content type),
//! plain text, and binary (bytes, or the `contentType` rule checked with `infer`).

use super::json::JsonMatcher;
use super::mismatch::Mismatch;
use super::path::Seg;
use super::rules::{detect_mime, Category, Rule};
use super::xml::XmlMatcher;
use crate::model::{Body, ContentType};
use indexmap::IndexMap;
use serde_json::Value;

/// What the body matcher needs to know about one side.
pub(crate) struct Side<'a> {
    pub body: &'a Body,
    pub content_type: Option<ContentType>,
    /// The side's JSON, parsed once (when the matcher is compiled, or when a request is
    /// prepared for matching against many interactions).
    pub json: Option<&'a Value>,
}

fn text_for_message(body: &Body) -> String {
    match body {
        Body::Null => "null".into(),
        _ => String::from_utf8_lossy(body.bytes()).into_owned(),
    }
}

fn body_text(body: &Body) -> Option<String> {
    match body {
        Body::Present { bytes, .. } => Some(String::from_utf8_lossy(bytes).into_owned()),
        Body::Null => Some("null".into()),
        _ => None,
    }
}

/// Content types that are the same for matching (same essence, or both JSON, or both XML).
fn compatible(expected: &ContentType, actual: &ContentType) -> bool {
    expected.essence() == actual.essence()
        || (expected.is_json() && actual.is_json())
        || (expected.is_xml() && actual.is_xml())
}

/// Matches bodies; `allow_unexpected_keys` is false for requests, true for responses and
/// messages.
pub(crate) fn match_body(
    expected: &Side,
    actual: &Side,
    rules: &Category,
    allow_unexpected_keys: bool,
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    match (expected.body, actual.body) {
        (Body::Missing, _) => {}
        (Body::Empty | Body::Null, Body::Missing | Body::Empty | Body::Null) => {}
        (Body::Null, Body::Present { bytes, .. })
            if serde_json::from_slice::<Value>(bytes).is_ok_and(|v| v.is_null()) => {}
        (Body::Empty | Body::Null, Body::Present { .. }) => out.push(Mismatch::Body {
            path: "$".into(),
            expected: None,
            actual: body_text(actual.body),
            mismatch: format!(
                "Expected empty body but received '{}'",
                text_for_message(actual.body)
            ),
        }),
        (Body::Present { .. }, Body::Missing) => out.push(Mismatch::Body {
            path: "$".into(),
            expected: body_text(expected.body),
            actual: None,
            mismatch: format!(
                "Expected body '{}' but was missing",
                text_for_message(expected.body)
            ),
        }),
        (Body::Present { .. }, Body::Empty) => out.push(Mismatch::Body {
            path: "$".into(),
            expected: body_text(expected.body),
            actual: Some(String::new()),
            mismatch: format!(
                "Expected body '{}' but was empty",
                text_for_message(expected.body)
            ),
        }),
        (Body::Present { bytes: eb, .. }, _) => {
            let ect = expected
                .content_type
                .clone()
                .unwrap_or_else(|| ContentType::detect(eb));
            let ab = actual.body.bytes();
            let act = actual.content_type.clone().unwrap_or_else(|| {
                if matches!(actual.body, Body::Null) {
                    ContentType::json()
                } else {
                    ContentType::detect(ab)
                }
            });
            if !compatible(&ect, &act) && !content_type_rule_at_root(rules) {
                out.push(Mismatch::BodyType {
                    expected: ect.essence(),
                    actual: act.essence(),
                    mismatch: format!(
                        "Expected a body of '{}' but the actual content type was '{}'",
                        ect.essence(),
                        act.essence()
                    ),
                    expected_body: body_text(expected.body),
                    actual_body: body_text(actual.body),
                });
                return out;
            }
            let actual_bytes: &[u8] = if matches!(actual.body, Body::Null) {
                b"null"
            } else {
                ab
            };
            match_present(
                eb,
                expected.json,
                &ect,
                actual_bytes,
                actual.json,
                &act,
                rules,
                allow_unexpected_keys,
                &mut out,
            );
        }
    }
    out
}

fn content_type_rule_at_root(rules: &Category) -> bool {
    rules
        .direct(&[Seg::Root])
        .is_some_and(|s| s.has(|r| matches!(r, Rule::ContentType(_))))
}

#[allow(clippy::too_many_arguments)]
fn match_present(
    expected: &[u8],
    expected_json: Option<&Value>,
    ect: &ContentType,
    actual: &[u8],
    actual_json: Option<&Value>,
    act: &ContentType,
    rules: &Category,
    allow_unexpected_keys: bool,
    out: &mut Vec<Mismatch>,
) {
    // An expected "JSON" body that is not JSON (a pact file may give `"body": "text"` with a
    // JSON content type) is compared as text rather than reported as unparseable.
    let expected_is_json = expected_json.is_some()
        || (ect.is_json() && serde_json::from_slice::<serde::de::IgnoredAny>(expected).is_ok());
    if ect.is_json() && !expected_is_json {
        match_text(expected, actual, rules, out);
    } else if ect.is_json() {
        let parsed;
        let e = match expected_json {
            Some(v) => Ok(v),
            None => {
                parsed = serde_json::from_slice::<Value>(expected);
                parsed.as_ref().map_err(|e| e.to_string())
            }
        };
        let actual_parsed;
        let a = match actual_json {
            Some(v) => Ok(v),
            None => {
                actual_parsed = serde_json::from_slice::<Value>(actual);
                actual_parsed.as_ref().map_err(|e| e.to_string())
            }
        };
        match (e, a) {
            (Ok(e), Ok(a)) => {
                let m = JsonMatcher {
                    rules,
                    allow_unexpected_keys,
                };
                m.compare(&mut vec![Seg::Root], e, a, out);
            }
            (e, a) => {
                for (which, err) in [("expected", e.err()), ("actual", a.err())] {
                    if let Some(err) = err {
                        out.push(Mismatch::Body {
                            path: "$".into(),
                            expected: Some(String::from_utf8_lossy(expected).into_owned()),
                            actual: Some(String::from_utf8_lossy(actual).into_owned()),
                            mismatch: format!("Failed to parse the {which} body: '{err}'"),
                        });
                    }
                }
            }
        }
    } else if ect.is_xml() {
        let m = XmlMatcher {
            rules,
            allow_unexpected_keys,
        };
        m.compare_text(
            &String::from_utf8_lossy(expected),
            &String::from_utf8_lossy(actual),
            out,
        );
    } else if ect.is_form() {
        match_form(expected, actual, rules, allow_unexpected_keys, out);
    } else if ect.is_multipart() {
        match_multipart(
            expected,
            ect,
            actual,
            act,
            rules,
            allow_unexpected_keys,
            out,
        );
    } else if ect.is_text() && std::str::from_utf8(expected).is_ok() {
        match_text(expected, actual, rules, out);
    } else {
        match_binary(expected, ect, actual, act, rules, out);
    }
}

fn match_text(expected: &[u8], actual: &[u8], rules: &Category, out: &mut Vec<Mismatch>) {
    let e = String::from_utf8_lossy(expected);
    let a = String::from_utf8_lossy(actual);
    let result = match rules.select(&[Seg::Root]) {
        Some(sel) => sel.set.apply(|r| match r {
            Rule::ContentType(ct) => super::rules::content_type_check(actual, ct),
            other => other.match_str(&e, &a, sel.cascaded),
        }),
        None if e != a => Err(vec![format!(
            "Expected body '{e}' to match '{a}' using equality but did not match"
        )]),
        None => Ok(()),
    };
    if let Err(messages) = result {
        for m in messages {
            out.push(Mismatch::Body {
                path: "$".into(),
                expected: Some(e.to_string()),
                actual: Some(a.to_string()),
                mismatch: m,
            });
        }
    }
}

fn describe_bytes(ct: &ContentType, bytes: &[u8]) -> String {
    let hex: String = bytes.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!(
        "{}, {} bytes, starting with {}",
        ct.essence(),
        bytes.len(),
        hex
    )
}

fn match_binary(
    expected: &[u8],
    ect: &ContentType,
    actual: &[u8],
    act: &ContentType,
    rules: &Category,
    out: &mut Vec<Mismatch>,
) {
    let result = match rules.select(&[Seg::Root]) {
        Some(sel) => sel.set.apply(|r| match r {
            Rule::ContentType(ct) => super::rules::content_type_check(actual, ct),
            Rule::Type | Rule::MinType(_) | Rule::MaxType(_) | Rule::MinMaxType(..) => Ok(()),
            Rule::Equality if expected != actual => Err(format!(
                "Actual body [{}] is not equal to the expected body [{}]",
                describe_bytes(act, actual),
                describe_bytes(ect, expected)
            )),
            Rule::Equality => Ok(()),
            other => other.match_str(
                &String::from_utf8_lossy(expected),
                &String::from_utf8_lossy(actual),
                sel.cascaded,
            ),
        }),
        None if expected != actual => Err(vec![format!(
            "Actual body [{}] is not equal to the expected body [{}]",
            describe_bytes(act, actual),
            describe_bytes(ect, expected)
        )]),
        None => Ok(()),
    };
    if let Err(messages) = result {
        for m in messages {
            out.push(Mismatch::Body {
                path: "$".into(),
                expected: Some(describe_bytes(ect, expected)),
                actual: Some(describe_bytes(act, actual)),
                mismatch: m,
            });
        }
    }
}

fn parse_form(bytes: &[u8]) -> IndexMap<String, Vec<String>> {
    let mut out: IndexMap<String, Vec<String>> = IndexMap::new();
    for (k, v) in form_urlencoded::parse(bytes) {
        out.entry(k.into_owned()).or_default().push(v.into_owned());
    }
    out
}

fn match_form(
    expected: &[u8],
    actual: &[u8],
    rules: &Category,
    allow_unexpected_keys: bool,
    out: &mut Vec<Mismatch>,
) {
    let e = parse_form(expected);
    let a = parse_form(actual);
    for (key, evs) in &e {
        let path_str = super::path::render(&[Seg::Root, Seg::Field(key)]);
        let Some(avs) = a.get(key) else {
            out.push(Mismatch::Body {
                path: path_str,
                expected: Some(format!("{evs:?}")),
                actual: None,
                mismatch: format!("Expected form post parameter '{key}' but was missing"),
            });
            continue;
        };
        let ev: Vec<&str> = evs.iter().map(String::as_str).collect();
        let av: Vec<&str> = avs.iter().map(String::as_str).collect();
        let messages = super::http::compare_value_lists(
            rules,
            key,
            &ev,
            &av,
            &|i, e, a| {
                format!("Expected form post parameter '{key}' with value '{e}' at index {i} but was '{a}'")
            },
            &|n, m| {
                format!("Expected form post parameter '{key}' with {n} value(s) but received {m} value(s)")
            },
        );
        for m in messages {
            out.push(Mismatch::Body {
                path: path_str.clone(),
                expected: Some(format!("{evs:?}")),
                actual: Some(format!("{avs:?}")),
                mismatch: m,
            });
        }
    }
    if !allow_unexpected_keys {
        for (key, avs) in &a {
            if !e.contains_key(key) {
                out.push(Mismatch::Body {
                    path: super::path::render(&[Seg::Root, Seg::Field(key)]),
                    expected: None,
                    actual: Some(format!("{avs:?}")),
                    mismatch: format!("Unexpected form post parameter '{key}' received"),
                });
            }
        }
    }
}

/// One part of a multipart body.
#[derive(Debug)]
pub(crate) struct Part {
    pub name: String,
    pub content_type: Option<ContentType>,
    pub body: Vec<u8>,
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || from > haystack.len() {
        return None;
    }
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn disposition_param(value: &str, param: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        if k.trim().eq_ignore_ascii_case(param) {
            Some(v.trim().trim_matches('"').to_string())
        } else {
            None
        }
    })
}

/// Parses a multipart body with the given boundary.
pub(crate) fn parse_multipart(body: &[u8], boundary: &str) -> Result<Vec<Part>, String> {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut pos = find(body, &delimiter, 0)
        .ok_or_else(|| format!("no multipart boundary '{boundary}' found in the body"))?;
    let mut parts = Vec::new();
    loop {
        pos += delimiter.len();
        if body[pos..].starts_with(b"--") {
            break;
        }
        // Skip the rest of the delimiter line.
        match find(body, b"\n", pos) {
            Some(nl) => pos = nl + 1,
            None => return Err("multipart body ends after a boundary".into()),
        }
        let next = find(body, &delimiter, pos)
            .ok_or_else(|| "multipart body is missing its closing boundary".to_string())?;
        let mut end = next;
        if end > pos && body[end - 1] == b'\n' {
            end -= 1;
            if end > pos && body[end - 1] == b'\r' {
                end -= 1;
            }
        }
        let raw = &body[pos..end.max(pos)];
        let (head, content) = match find(raw, b"\r\n\r\n", 0) {
            Some(i) => (&raw[..i], &raw[i + 4..]),
            None => match find(raw, b"\n\n", 0) {
                Some(i) => (&raw[..i], &raw[i + 2..]),
                None => (raw, &raw[raw.len()..]),
            },
        };
        let head = String::from_utf8_lossy(head);
        let mut name = None;
        let mut content_type = None;
        for line in head.lines() {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            if k.trim().eq_ignore_ascii_case("content-disposition") {
                name = disposition_param(v, "name");
            } else if k.trim().eq_ignore_ascii_case("content-type") {
                content_type = ContentType::parse(v.trim());
            }
        }
        parts.push(Part {
            name: name.unwrap_or_default(),
            content_type,
            body: content.to_vec(),
        });
        pos = next;
    }
    Ok(parts)
}

fn match_multipart(
    expected: &[u8],
    ect: &ContentType,
    actual: &[u8],
    act: &ContentType,
    rules: &Category,
    allow_unexpected_keys: bool,
    out: &mut Vec<Mismatch>,
) {
    let boundary = |ct: &ContentType| {
        ct.params
            .iter()
            .find(|(k, _)| k == "boundary")
            .map(|(_, v)| v.clone())
    };
    let parse = |bytes: &[u8], ct: &ContentType, which: &str| -> Result<Vec<Part>, String> {
        let b = boundary(ct).ok_or_else(|| {
            format!("the {which} multipart content type '{ct}' has no boundary parameter")
        })?;
        parse_multipart(bytes, &b).map_err(|e| format!("the {which} multipart body: {e}"))
    };
    let (e_parts, a_parts) = match (
        parse(expected, ect, "expected"),
        parse(actual, act, "actual"),
    ) {
        (Ok(e), Ok(a)) => (e, a),
        (e, a) => {
            for err in [e.err(), a.err()].into_iter().flatten() {
                out.push(Mismatch::Body {
                    path: "$".into(),
                    expected: None,
                    actual: None,
                    mismatch: format!("Failed to parse {err}"),
                });
            }
            return;
        }
    };
    let empty = Category::default();
    for ep in &e_parts {
        let Some(ap) = a_parts.iter().find(|p| p.name == ep.name) else {
            out.push(Mismatch::Body {
                path: super::path::render(&[Seg::Root, Seg::Field(&ep.name)]),
                expected: Some(ep.name.clone()),
                actual: None,
                mismatch: format!("Expected a MIME part '{}' but was missing", ep.name),
            });
            continue;
        };
        let path = [Seg::Root, Seg::Field(&ep.name)];
        let part_rules = rules.direct(&path);
        let mut part_out = Vec::new();
        if let Some(set) = part_rules {
            let result = set.apply(|r| match r {
                Rule::ContentType(ct) => super::rules::content_type_check(&ap.body, ct),
                other => other.match_str(
                    &String::from_utf8_lossy(&ep.body),
                    &String::from_utf8_lossy(&ap.body),
                    false,
                ),
            });
            if let Err(messages) = result {
                for m in messages {
                    part_out.push(Mismatch::Body {
                        path: super::path::render(&path),
                        expected: None,
                        actual: None,
                        mismatch: m,
                    });
                }
            }
        } else {
            let e_ct = ep
                .content_type
                .clone()
                .unwrap_or_else(|| part_type(&ep.body));
            let a_ct = ap
                .content_type
                .clone()
                .unwrap_or_else(|| part_type(&ap.body));
            let eb = Body::from_bytes(ep.body.clone(), Some(e_ct.clone()));
            let ab = Body::from_bytes(ap.body.clone(), Some(a_ct.clone()));
            part_out = match_body(
                &Side {
                    body: &eb,
                    content_type: Some(e_ct),
                    json: None,
                },
                &Side {
                    body: &ab,
                    content_type: Some(a_ct),
                    json: None,
                },
                &empty,
                allow_unexpected_keys,
            );
        }
        for m in part_out {
            out.push(prefix_part(&ep.name, m));
        }
    }
}

fn part_type(bytes: &[u8]) -> ContentType {
    ContentType::parse(&detect_mime(bytes)).unwrap_or_else(ContentType::text)
}

fn prefix_part(name: &str, m: Mismatch) -> Mismatch {
    let part_path = super::path::render(&[Seg::Root, Seg::Field(name)]);
    match m {
        Mismatch::Body {
            path,
            expected,
            actual,
            mismatch,
        } => Mismatch::Body {
            path: if path == "$" || path == part_path {
                part_path
            } else {
                format!("{part_path}{}", path.trim_start_matches('$'))
            },
            expected,
            actual,
            mismatch: format!("MIME part '{name}': {mismatch}"),
        },
        Mismatch::BodyType {
            expected,
            actual,
            mismatch,
            expected_body,
            actual_body,
        } => Mismatch::BodyType {
            expected,
            actual,
            mismatch: format!("MIME part '{name}': {mismatch}"),
            expected_body,
            actual_body,
        },
        other => other,
    }
}
