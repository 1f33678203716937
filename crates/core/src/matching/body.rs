//! Bodies: presence (missing, empty, null, present) and the matcher chosen by content type:
//! JSON, XML, x-www-form-urlencoded, multipart (parts paired by name, else by position, each
//! decoded and matched by its own content type), plain text, and binary (bytes, or the
//! `contentType` rule checked with `infer`). A binary body is never written into a mismatch
//! as text: its type, size and first bytes in hex stand for it.

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

/// Whether bytes are not text a person could read in a message: not UTF-8, or holding
/// control characters other than white space.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    match std::str::from_utf8(bytes) {
        Ok(text) => text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')),
        Err(_) => true,
    }
}

/// A content type as the reference writes it in messages: `image/jpeg`, `text/plain;charset=utf-8`.
fn ct_text(ct: &ContentType) -> String {
    let mut out = ct.essence();
    for (k, v) in &ct.params {
        out.push(';');
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// `image/jpeg, 28058 bytes, starting with ffd8ffe0...`: type, size and the first 32 bytes in
/// hex, as the reference describes a binary body.
fn describe_bytes(ct: &ContentType, bytes: &[u8]) -> String {
    let hex: String = bytes.iter().take(32).map(|b| format!("{b:02x}")).collect();
    format!(
        "{}, {} bytes, starting with {hex}",
        ct_text(ct),
        bytes.len()
    )
}

/// A binary body in mismatches: `[image/jpeg, 28058 bytes, starting with ffd8ffe0...]`.
pub(crate) fn summary(ct: Option<&ContentType>, bytes: &[u8]) -> String {
    let ct = ct.cloned().unwrap_or_else(ContentType::octet_stream);
    format!("[{}]", describe_bytes(&ct, bytes))
}

/// Bytes as mismatches show them: the text, or the summary of a binary body.
fn shown_bytes(ct: Option<&ContentType>, bytes: &[u8]) -> String {
    if looks_binary(bytes) {
        summary(ct, bytes)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// A body as messages quote it: `'text'`, or the summary of a binary body.
fn quoted_body(side: &Side) -> String {
    match side.body {
        Body::Null => "'null'".into(),
        body if looks_binary(body.bytes()) => summary(side.content_type.as_ref(), body.bytes()),
        body => format!("'{}'", String::from_utf8_lossy(body.bytes())),
    }
}

/// A body in the `expected` / `actual` fields of a mismatch.
fn body_text(side: &Side) -> Option<String> {
    match side.body {
        Body::Present { bytes, .. } => Some(shown_bytes(side.content_type.as_ref(), bytes)),
        Body::Null => Some("null".into()),
        _ => None,
    }
}

/// The last line of defence for "never the bytes themselves": any text of `out` that holds
/// a binary body of one side, as text, gets that body's summary instead.
fn scrub_binary(out: &mut [Mismatch], side: &Side) {
    let bytes = side.body.bytes();
    if out.is_empty() || bytes.is_empty() || !looks_binary(bytes) {
        return;
    }
    let lossy = String::from_utf8_lossy(bytes);
    let replacement = summary(side.content_type.as_ref(), bytes);
    for m in out.iter_mut() {
        m.replace_text(&lossy, &replacement);
    }
}

/// The expected content type: given, else guessed from the bytes.
fn expected_type(side: &Side, bytes: &[u8]) -> ContentType {
    side.content_type
        .clone()
        .unwrap_or_else(|| ContentType::detect(bytes))
}

/// Whether an empty actual body is checked by the rules rather than reported as empty: a
/// rule at `$` (`notEmpty`, `contentType`...) on a text or binary body says what an empty body
/// is worth; documents (JSON, XML, forms, multipart) need content to be compared at all.
fn rules_judge_empty(ect: &ContentType, rules: &Category) -> bool {
    !(ect.is_json() || ect.is_xml() || ect.is_form() || ect.is_multipart())
        && rules.direct(&[Seg::Root]).is_some()
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
    let mut out = match_body_inner(expected, actual, rules, allow_unexpected_keys);
    scrub_binary(&mut out, expected);
    scrub_binary(&mut out, actual);
    out
}

fn match_body_inner(
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
            actual: body_text(actual),
            mismatch: format!("Expected empty body but received {}", quoted_body(actual)),
        }),
        (Body::Present { .. }, Body::Missing) => out.push(Mismatch::Body {
            path: "$".into(),
            expected: body_text(expected),
            actual: None,
            mismatch: format!("Expected body {} but was missing", quoted_body(expected)),
        }),
        (Body::Present { bytes: eb, .. }, Body::Empty)
            if !rules_judge_empty(&expected_type(expected, eb), rules) =>
        {
            out.push(Mismatch::Body {
                path: "$".into(),
                expected: body_text(expected),
                actual: Some(String::new()),
                mismatch: format!("Expected body {} but was empty", quoted_body(expected)),
            })
        }
        (Body::Present { bytes: eb, .. }, _) => {
            let ect = expected_type(expected, eb);
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
                    expected_body: body_text(expected),
                    actual_body: body_text(actual),
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
                            expected: Some(shown_bytes(Some(ect), expected)),
                            actual: Some(shown_bytes(Some(act), actual)),
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
            Rule::NotEmpty if actual.is_empty() => {
                Err("Expected [] (0 bytes) to not be empty".to_string())
            }
            Rule::NotEmpty => Ok(()),
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
                expected: Some(summary(Some(ect), expected)),
                actual: Some(summary(Some(act), actual)),
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
        // The index is only worth saying when the parameter has several values.
        let several = ev.len() > 1 || av.len() > 1;
        let messages = super::http::compare_value_lists(
            rules,
            key,
            &ev,
            &av,
            &|i, e, a| {
                if several {
                    format!("Expected form post parameter '{key}' with value '{e}' at index {i} but was '{a}'")
                } else {
                    format!("Expected form post parameter '{key}' with value '{e}' but was '{a}'")
                }
            },
            &|n, m| {
                format!("Expected form post parameter '{key}' with {n} value(s) but received {m} value(s)")
            },
        );
        // One value each side: the fields hold the values, as the reference gives them.
        let (e_field, a_field) = if several {
            (format!("{evs:?}"), format!("{avs:?}"))
        } else {
            (ev.join(""), av.join(""))
        };
        for m in messages {
            out.push(Mismatch::Body {
                path: path_str.clone(),
                expected: Some(e_field.clone()),
                actual: Some(a_field.clone()),
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

/// One part of a multipart body, its content decoded (`Content-Transfer-Encoding`).
#[derive(Debug)]
pub(crate) struct Part {
    /// The `name` of its `Content-Disposition`, if it has one.
    pub name: Option<String>,
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

/// Quoted-printable (RFC 2045): `=XX` is a byte, `=` at the end of a line a soft line break.
fn decode_quoted_printable(data: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        if data[i] != b'=' {
            out.push(data[i]);
            i += 1;
            continue;
        }
        match (data.get(i + 1), data.get(i + 2)) {
            (Some(b'\r'), Some(b'\n')) => i += 3,
            (Some(b'\n'), _) => i += 2,
            (Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push(hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0));
                i += 3;
            }
            _ => {
                out.push(b'=');
                i += 1;
            }
        }
    }
    out
}

/// A part's content as sent before its transfer encoding; undecodable content stays as it is.
fn decode_part(encoding: Option<&str>, data: &[u8]) -> Vec<u8> {
    use base64::Engine;
    match encoding.map(|e| e.trim().to_ascii_lowercase()).as_deref() {
        Some("base64") => {
            let compact: Vec<u8> = data
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            base64::engine::general_purpose::STANDARD
                .decode(&compact)
                .unwrap_or_else(|_| data.to_vec())
        }
        Some("quoted-printable") => decode_quoted_printable(data),
        _ => data.to_vec(),
    }
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
        let mut encoding = None;
        for line in head.lines() {
            let Some((k, v)) = line.split_once(':') else {
                continue;
            };
            let k = k.trim();
            if k.eq_ignore_ascii_case("content-disposition") {
                name = disposition_param(v, "name");
            } else if k.eq_ignore_ascii_case("content-type") {
                content_type = ContentType::parse(v.trim());
            } else if k.eq_ignore_ascii_case("content-transfer-encoding") {
                encoding = Some(v.trim().to_string());
            }
        }
        parts.push(Part {
            name,
            content_type,
            body: decode_part(encoding.as_deref(), content),
        });
        pos = next;
    }
    Ok(parts)
}

/// Where a part is in mismatches: `$.name` for a named part, `$[i]` for one by position.
fn part_path<'a>(name: Option<&'a str>, index: usize) -> [Seg<'a>; 2] {
    match name {
        Some(name) => [Seg::Root, Seg::Field(name)],
        None => [Seg::Root, Seg::Index(index)],
    }
}

/// How messages name a part: `'name'`, or `at index 1` for a part without a name.
fn part_label(name: Option<&str>, index: usize) -> String {
    match name {
        Some(name) => format!("'{name}'"),
        None => format!("at index {index}"),
    }
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
    for (index, ep) in e_parts.iter().enumerate() {
        let name = ep.name.as_deref();
        let path = part_path(name, index);
        let label = part_label(name, index);
        // Parts pair by name when they have one, else by position.
        let found = match name {
            Some(name) => a_parts.iter().find(|p| p.name.as_deref() == Some(name)),
            None => a_parts.get(index).filter(|p| p.name.is_none()),
        };
        let Some(ap) = found else {
            out.push(Mismatch::Body {
                path: super::path::render(&path),
                expected: Some(name.map_or_else(|| index.to_string(), str::to_string)),
                actual: None,
                mismatch: format!("Expected a MIME part {label} but was missing"),
            });
            continue;
        };
        let e_ct = ep
            .content_type
            .clone()
            .unwrap_or_else(|| part_type(&ep.body));
        let a_ct = ap
            .content_type
            .clone()
            .unwrap_or_else(|| part_type(&ap.body));
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
            let actual_side = Side {
                body: &Body::from_bytes(ap.body.clone(), Some(a_ct.clone())),
                content_type: Some(a_ct),
                json: None,
            };
            scrub_binary(&mut part_out, &actual_side);
        } else {
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
            out.push(prefix_part(&path, &label, m));
        }
    }
}

fn part_type(bytes: &[u8]) -> ContentType {
    ContentType::parse(&detect_mime(bytes)).unwrap_or_else(ContentType::text)
}

fn prefix_part(part: &[Seg], label: &str, m: Mismatch) -> Mismatch {
    let part_path = super::path::render(part);
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
            mismatch: format!("MIME part {label}: {mismatch}"),
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
            mismatch: format!("MIME part {label}: {mismatch}"),
            expected_body,
            actual_body,
        },
        other => other,
    }
}
