//! How core errors reach JavaScript: an `Error` whose `code` is the stable
//! `ErrorCode` string (`PORT_IN_USE`, `INVALID_PACT_JSON`, ...) and whose message is the core's.

use napi::Status;
use pact_mock_server_core::error::PactError;

/// The `code` of errors thrown to JS. napi-rs puts `status.as_ref()` into `error.code`, so a
/// string status gives JS the core's stable codes instead of napi's `GenericFailure`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code(pub String);

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<Status> for Code {
    fn from(status: Status) -> Self {
        Code(status.as_ref().to_string())
    }
}

/// Result of every export that can fail.
pub type JsResult<T> = napi::Result<T, Code>;

/// A core error as a JS error.
pub fn pact_error(e: PactError) -> napi::Error<Code> {
    napi::Error::new(Code(e.code.as_str().to_string()), e.message)
}

/// A napi error (bad argument type, pending exception, ...) with its status kept as the code,
/// so that a pending JS exception is re-thrown untouched.
pub fn napi_error(e: napi::Error) -> napi::Error<Code> {
    napi::Error::new(Code(e.status.as_ref().to_string()), e.reason.clone())
}

/// Extension to map results of core and napi calls in one `?`.
pub trait IntoJs<T> {
    fn js(self) -> JsResult<T>;
}

impl<T> IntoJs<T> for Result<T, PactError> {
    fn js(self) -> JsResult<T> {
        self.map_err(pact_error)
    }
}

impl<T> IntoJs<T> for napi::Result<T> {
    fn js(self) -> JsResult<T> {
        self.map_err(napi_error)
    }
}

/// An `INVALID_ARGUMENT` error for misuse detected in the binding itself.
pub fn invalid_argument(message: impl Into<String>) -> napi::Error<Code> {
    pact_error(PactError::invalid_argument(message))
}
