//! HTTP requests and responses as a pact describes them (and as the mock server receives them).

use super::{Body, ContentType, Generators, MatchingRules};
use indexmap::IndexMap;

/// Query parameters in order of first appearance: name to values. A `None` value is a flag
/// parameter without `=` (`?flag`).
pub type Query = IndexMap<String, Vec<Option<String>>>;

/// Headers in order: name (as given) to values.
pub type Headers = IndexMap<String, Vec<String>>;

/// An HTTP request: the expected one of an interaction, or an actual one received.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// `None` when the pact gives no query at all.
    pub query: Option<Query>,
    /// `None` when the pact gives no headers at all.
    pub headers: Option<Headers>,
    pub body: Body,
    pub matching_rules: MatchingRules,
    pub generators: Generators,
}

/// An HTTP response: the one an interaction promises, or one actually sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    pub headers: Option<Headers>,
    pub body: Body,
    pub matching_rules: MatchingRules,
    pub generators: Generators,
}

impl Default for Response {
    fn default() -> Self {
        Response {
            status: 200,
            headers: None,
            body: Body::Missing,
            matching_rules: MatchingRules::default(),
            generators: Generators::default(),
        }
    }
}

impl Request {
    pub fn new(method: &str, path: &str) -> Request {
        Request {
            method: method.to_string(),
            path: path.to_string(),
            ..Request::default()
        }
    }

    /// The values of a header, found case-insensitively.
    pub fn header(&self, name: &str) -> Option<&Vec<String>> {
        find_header(self.headers.as_ref(), name)
    }

    /// The content type: the `Content-Type` header, else the body's own, else sniffed.
    pub fn content_type(&self) -> Option<ContentType> {
        content_type_of(self.headers.as_ref(), &self.body)
    }
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&Vec<String>> {
        find_header(self.headers.as_ref(), name)
    }

    pub fn content_type(&self) -> Option<ContentType> {
        content_type_of(self.headers.as_ref(), &self.body)
    }
}

pub(crate) fn find_header<'a>(headers: Option<&'a Headers>, name: &str) -> Option<&'a Vec<String>> {
    headers?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// Content type of a request or response: the body's own (what a test gave with the body, or
/// a V4 file's `contentType`), then the header, then sniffed from the bytes; pact-reference
/// decides in this order too, so `jsonBody` under a `Content-Type: application/json;
/// charset=utf-8` header is still written as `application/json`.
pub(crate) fn content_type_of(headers: Option<&Headers>, body: &Body) -> Option<ContentType> {
    if let Body::Present {
        content_type: Some(ct),
        ..
    } = body
    {
        return Some(ct.clone());
    }
    if let Some(values) = find_header(headers, "content-type") {
        if let Some(ct) = values.first().and_then(|v| ContentType::parse(v)) {
            return Some(ct);
        }
    }
    match body {
        Body::Present { bytes, .. } => Some(ContentType::detect(bytes)),
        _ => None,
    }
}
