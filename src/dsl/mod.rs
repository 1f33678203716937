//! The consumer DSL of the core, shared by the Node binding and the C ABI: building
//! interactions from values that may carry matchers and generators in the "integration JSON"
//! form (`{"pact:matcher:type": "type", "value": ...}`), and the `Matchers` builders that
//! produce exactly the JSON of pact-js `MatchersV3`.

use crate::error::{PactError, Result};
use crate::model::Interaction;
use serde_json::{Map, Value};

/// Which half of an interaction a call changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Request,
    Response,
}

/// A body as a front end hands it over.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyInput {
    /// Any JSON value (may hold matchers anywhere).
    Json(Value),
    /// Text, sent as is (or parsed for matchers when the content type is JSON).
    Text(String),
    /// Raw bytes (binary).
    Bytes(Vec<u8>),
}

fn not_yet() -> PactError {
    PactError::invalid_argument("not implemented yet")
}

/// Sets the request method and path; the path may be a matcher.
pub fn with_request(_i: &mut Interaction, _method: &str, _path: &Value) -> Result<()> {
    Err(not_yet())
}

/// Sets query parameter `name` at `index` (values may be matchers).
pub fn with_query_parameter(
    _i: &mut Interaction,
    _name: &str,
    _value: &Value,
    _index: usize,
) -> Result<()> {
    Err(not_yet())
}

/// Sets header `name` at `index` of the request or response (values may be matchers).
pub fn with_header(
    _i: &mut Interaction,
    _part: Part,
    _name: &str,
    _value: &Value,
    _index: usize,
) -> Result<()> {
    Err(not_yet())
}

/// Sets the body of the request or response.
pub fn with_body(
    _i: &mut Interaction,
    _part: Part,
    _body: BodyInput,
    _content_type: Option<&str>,
) -> Result<()> {
    Err(not_yet())
}

/// Sets the response status: a number or a matcher (statusCode).
pub fn response_status(_i: &mut Interaction, _status: &Value) -> Result<()> {
    Err(not_yet())
}

/// Adds a provider state with optional parameters.
pub fn given(_i: &mut Interaction, _state: &str, _params: Option<Map<String, Value>>) {}
