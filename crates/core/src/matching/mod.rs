//! Request and response matching per spec version: method, path, query, headers, bodies
//! (JSON, XML, text, form, multipart, binary, chosen by content type), every matcher of V1..V4,
//! and mismatches with the reference implementation's types and messages.
//!
//! A `RequestMatcher` is compiled once per interaction (rule paths parsed, regexes compiled,
//! expected JSON body parsed) and is then cheap to run per request.

mod body;
mod http;
mod json;
mod mismatch;
pub(crate) mod path;
mod rules;
mod xml;

#[cfg(test)]
mod tests;

pub(crate) use body::{looks_binary, summary as binary_summary};
pub use mismatch::Mismatch;

use crate::error::Result;
use crate::model::{Body, ContentType, MatchingRules, Request, Response, SpecVersion};
use rules::Category;
use serde_json::Value;

/// The compiled rules of one request or response, per category.
#[derive(Debug, Clone, Default)]
struct CompiledRules {
    path: Category,
    query: Category,
    header: Category,
    body: Category,
    status: Category,
}

impl CompiledRules {
    fn compile(rules: &MatchingRules, spec: SpecVersion, context: &str) -> Result<CompiledRules> {
        let get = |name: &str| -> Result<Category> {
            match rules.category(name) {
                Some(map) => Category::compile(map, name, spec, context),
                None => Ok(Category::default()),
            }
        };
        Ok(CompiledRules {
            path: get("path")?,
            query: get("query")?,
            header: get("header")?,
            body: get("body")?,
            status: get("status")?,
        })
    }
}

/// Checks that matching rules compile as a server start compiles them (path expressions
/// parse, regexes compile), so a mistake shows at the call that made it. `context` starts
/// the location in a message ("request matchingRules.").
pub(crate) fn check_rules(rules: &MatchingRules, context: &str) -> Result<()> {
    for (name, map) in &rules.categories {
        Category::compile(map, name, SpecVersion::V4, context)?;
    }
    Ok(())
}

/// The expected JSON body, parsed once (when the content type is JSON and it parses).
fn pre_parse_json(body: &Body, content_type: Option<&ContentType>) -> Option<Value> {
    match body {
        Body::Present { bytes, .. } if content_type.is_some_and(ContentType::is_json) => {
            serde_json::from_slice(bytes).ok()
        }
        _ => None,
    }
}

/// An expected request compiled for repeated matching.
#[derive(Debug, Clone)]
pub struct RequestMatcher {
    expected: Request,
    spec: SpecVersion,
    rules: CompiledRules,
    content_type: Option<ContentType>,
    json: Option<Value>,
}

impl RequestMatcher {
    /// Compiles the expected request; fails on an invalid regex (`InvalidRegex`, naming the
    /// regex and the rule's path) or an unreadable rule path.
    pub fn new(expected: &Request, spec: SpecVersion) -> Result<RequestMatcher> {
        let rules =
            CompiledRules::compile(&expected.matching_rules, spec, "request matchingRules.")?;
        let content_type = expected.content_type();
        let json = pre_parse_json(&expected.body, content_type.as_ref());
        Ok(RequestMatcher {
            expected: expected.clone(),
            spec,
            rules,
            content_type,
            json,
        })
    }

    pub fn expected(&self) -> &Request {
        &self.expected
    }

    /// The spec version the rules were compiled for.
    pub fn spec(&self) -> SpecVersion {
        self.spec
    }

    /// Every mismatch between the expected request and `actual` (empty when they match).
    pub fn mismatches(&self, actual: &Request) -> Vec<Mismatch> {
        self.mismatches_prepared(&PreparedRequest::new(actual))
    }

    /// `mismatches` for a request prepared once for all interactions (its body parsed once).
    pub fn mismatches_prepared(&self, prepared: &PreparedRequest) -> Vec<Mismatch> {
        let actual = prepared.request;
        let e = &self.expected;
        let mut out = Vec::new();
        if !e.method.eq_ignore_ascii_case(&actual.method) {
            out.push(Mismatch::Method {
                expected: e.method.to_ascii_uppercase(),
                actual: actual.method.to_ascii_uppercase(),
                mismatch: format!(
                    "expected {} but was {}",
                    e.method.to_ascii_uppercase(),
                    actual.method.to_ascii_uppercase()
                ),
            });
        }
        self.match_path(actual, &mut out);
        http::match_query(
            e.query.as_ref(),
            actual.query.as_ref(),
            &self.rules.query,
            self.spec < SpecVersion::V1_1,
            &mut out,
        );
        http::match_headers(
            e.headers.as_ref(),
            actual.headers.as_ref(),
            &self.rules.header,
            &mut out,
        );
        out.extend(body::match_body(
            &body::Side {
                body: &e.body,
                content_type: self.content_type.clone(),
                json: self.json.as_ref(),
            },
            &body::Side {
                body: &actual.body,
                content_type: prepared.content_type.clone(),
                json: prepared.json.as_ref(),
            },
            &self.rules.body,
            false,
        ));
        out
    }

    /// Whether `actual` matches (no mismatches).
    pub fn matches(&self, actual: &Request) -> bool {
        self.mismatches(actual).is_empty()
    }

    fn match_path(&self, actual: &Request, out: &mut Vec<Mismatch>) {
        let expected = &self.expected.path;
        let messages = match self.rules.path.select(&[path::Seg::Root]) {
            Some(sel) => sel
                .set
                .apply(|r| r.match_str(expected, &actual.path, false))
                .err()
                .unwrap_or_default(),
            None if !same_path(expected, &actual.path) => vec![format!(
                "Expected '{}' to be equal to '{}'",
                actual.path, expected
            )],
            None => Vec::new(),
        };
        for mismatch in messages {
            out.push(Mismatch::Path {
                expected: expected.clone(),
                actual: actual.path.clone(),
                mismatch,
            });
        }
    }
}

/// Paths are equal as written or once percent-decoded (`/a%20b` is `/a b`).
fn same_path(expected: &str, actual: &str) -> bool {
    expected == actual || {
        let decode = |p: &str| {
            percent_encoding::percent_decode_str(p)
                .decode_utf8_lossy()
                .into_owned()
        };
        decode(expected) == decode(actual)
    }
}

/// An actual request prepared for matching against many interactions: its content type
/// resolved and a JSON body parsed once.
#[derive(Debug)]
pub struct PreparedRequest<'a> {
    request: &'a Request,
    content_type: Option<ContentType>,
    json: Option<Value>,
}

impl<'a> PreparedRequest<'a> {
    pub fn new(request: &'a Request) -> PreparedRequest<'a> {
        let content_type = request.content_type();
        let json = pre_parse_json(&request.body, content_type.as_ref());
        PreparedRequest {
            request,
            content_type,
            json,
        }
    }

    pub fn request(&self) -> &Request {
        self.request
    }
}

/// Whether a request's mismatches make it "not found" (method or path differ) rather than a
/// mismatch of a found interaction.
pub fn is_request_not_found(mismatches: &[Mismatch]) -> bool {
    mismatches.iter().any(Mismatch::is_method_or_path)
}

/// Matches an actual request against an expected one (compiling the expected side each call;
/// use `RequestMatcher` to compile once).
pub fn match_request(
    expected: &Request,
    actual: &Request,
    spec: SpecVersion,
) -> Result<Vec<Mismatch>> {
    Ok(RequestMatcher::new(expected, spec)?.mismatches(actual))
}

/// Matches an actual response against an expected one (unexpected JSON keys are allowed).
pub fn match_response(
    expected: &Response,
    actual: &Response,
    spec: SpecVersion,
) -> Result<Vec<Mismatch>> {
    let rules = CompiledRules::compile(&expected.matching_rules, spec, "response matchingRules.")?;
    let mut out = Vec::new();
    http::match_status(expected.status, actual.status, &rules.status, &mut out);
    http::match_headers(
        expected.headers.as_ref(),
        actual.headers.as_ref(),
        &rules.header,
        &mut out,
    );
    let ect = expected.content_type();
    let json = pre_parse_json(&expected.body, ect.as_ref());
    out.extend(body::match_body(
        &body::Side {
            body: &expected.body,
            content_type: ect,
            json: json.as_ref(),
        },
        &body::Side {
            body: &actual.body,
            content_type: actual.content_type(),
            json: None,
        },
        &rules.body,
        true,
    ));
    Ok(out)
}

/// Matches a body alone (message contents): `rules` are the body rules (the `body`
/// category of `matching_rules`, or `content` for V4 messages); unexpected keys are allowed
/// when `allow_unexpected_keys` (messages and responses), refused otherwise (requests).
/// Content types default to the body's own, else are sniffed.
pub fn match_body(
    expected: &Body,
    expected_content_type: Option<&ContentType>,
    actual: &Body,
    actual_content_type: Option<&ContentType>,
    matching_rules: &MatchingRules,
    spec: SpecVersion,
    allow_unexpected_keys: bool,
) -> Result<Vec<Mismatch>> {
    let category = ["body", "content"]
        .iter()
        .find_map(|c| matching_rules.category(c).map(|m| (*c, m)));
    let rules = match category {
        Some((name, map)) => {
            Category::compile(map, "body", spec, &format!("matchingRules.{name}"))?
        }
        None => Category::default(),
    };
    let ect = expected_content_type
        .cloned()
        .or_else(|| expected.content_type().cloned())
        .or_else(|| match expected {
            Body::Present { bytes, .. } => Some(ContentType::detect(bytes)),
            _ => None,
        });
    let act = actual_content_type
        .cloned()
        .or_else(|| actual.content_type().cloned())
        .or_else(|| match actual {
            Body::Present { bytes, .. } => Some(ContentType::detect(bytes)),
            _ => None,
        });
    let json = pre_parse_json(expected, ect.as_ref());
    Ok(body::match_body(
        &body::Side {
            body: expected,
            content_type: ect,
            json: json.as_ref(),
        },
        &body::Side {
            body: actual,
            content_type: act,
            json: None,
        },
        &rules,
        allow_unexpected_keys,
    ))
}

/// Matches message metadata: every expected key must be present; values compare equal (JSON
/// values, or media types for `contentType`) unless a rule in the `metadata` category applies
/// to the key. Extra actual keys are allowed.
pub fn match_metadata(
    expected: &serde_json::Map<String, Value>,
    actual: &serde_json::Map<String, Value>,
    matching_rules: &MatchingRules,
    spec: SpecVersion,
) -> Result<Vec<Mismatch>> {
    let rules = match matching_rules.category("metadata") {
        Some(map) => Category::compile(map, "metadata", spec, "matchingRules.")?,
        None => Category::default(),
    };
    let mut out = Vec::new();
    for (key, e) in expected {
        let e_text = rules::plain(e);
        let Some(a) = actual.get(key) else {
            out.push(Mismatch::Metadata {
                key: key.clone(),
                expected: e_text,
                actual: String::new(),
                mismatch: format!("Expected message metadata '{key}' but was missing"),
            });
            continue;
        };
        let a_text = rules::plain(a);
        let messages = match rules.select(&[path::Seg::Root, path::Seg::Field(key)]) {
            Some(sel) => sel
                .set
                .apply(|r| r.match_json(e, a, sel.cascaded))
                .err()
                .unwrap_or_default(),
            None => {
                let same = if key.eq_ignore_ascii_case("contentType")
                    || key.eq_ignore_ascii_case("content-type")
                {
                    match (ContentType::parse(&e_text), ContentType::parse(&a_text)) {
                        (Some(ec), Some(ac)) => {
                            ec.essence() == ac.essence()
                                && ec.params.iter().all(|(k, v)| {
                                    ac.params
                                        .iter()
                                        .any(|(ak, av)| ak == k && av.eq_ignore_ascii_case(v))
                                })
                        }
                        _ => e_text == a_text,
                    }
                } else {
                    rules::json_equal(e, a) || e_text == a_text
                };
                if same {
                    Vec::new()
                } else {
                    vec![format!(
                        "Expected message metadata '{key}' to have value '{e_text}' but was '{a_text}'"
                    )]
                }
            }
        };
        for mismatch in messages {
            out.push(Mismatch::Metadata {
                key: key.clone(),
                expected: e_text.clone(),
                actual: a_text.clone(),
                mismatch,
            });
        }
    }
    Ok(out)
}
