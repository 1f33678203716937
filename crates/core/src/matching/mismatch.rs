//! Mismatches: a closed set of types with the JSON fields and messages of the reference
//! implementation (`mock_server_mismatches`), so clients that parse them keep working.

use serde_json::{json, Value};

/// Why an actual request (or response) does not match the expected one.
#[derive(Debug, Clone, PartialEq)]
pub enum Mismatch {
    Method {
        expected: String,
        actual: String,
        mismatch: String,
    },
    Path {
        expected: String,
        actual: String,
        mismatch: String,
    },
    Query {
        parameter: String,
        expected: String,
        actual: String,
        mismatch: String,
    },
    Header {
        key: String,
        expected: String,
        actual: String,
        mismatch: String,
    },
    BodyType {
        expected: String,
        actual: String,
        mismatch: String,
        expected_body: Option<String>,
        actual_body: Option<String>,
    },
    Body {
        path: String,
        expected: Option<String>,
        actual: Option<String>,
        mismatch: String,
    },
    Status {
        expected: u16,
        actual: u16,
        mismatch: String,
    },
    Metadata {
        key: String,
        expected: String,
        actual: String,
        mismatch: String,
    },
}

impl Mismatch {
    /// The `type` of the mismatch in JSON (`BodyMismatch`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Mismatch::Method { .. } => "MethodMismatch",
            Mismatch::Path { .. } => "PathMismatch",
            Mismatch::Query { .. } => "QueryMismatch",
            Mismatch::Header { .. } => "HeaderMismatch",
            Mismatch::BodyType { .. } => "BodyTypeMismatch",
            Mismatch::Body { .. } => "BodyMismatch",
            Mismatch::Status { .. } => "StatusMismatch",
            Mismatch::Metadata { .. } => "MetadataMismatch",
        }
    }

    /// Whether this mismatch is on the method or the path: a request with such a mismatch
    /// is "not found" (`request-not-found`), not a mismatch of a found interaction.
    pub fn is_method_or_path(&self) -> bool {
        matches!(self, Mismatch::Method { .. } | Mismatch::Path { .. })
    }

    /// Replaces `from` with `to` in the message and the body texts (a binary body that found
    /// its way into them as text gets its summary instead).
    pub(crate) fn replace_text(&mut self, from: &str, to: &str) {
        if from.is_empty() {
            return;
        }
        let fix = |s: &mut String| {
            if s.contains(from) {
                *s = s.replace(from, to);
            }
        };
        match self {
            Mismatch::Body {
                expected,
                actual,
                mismatch,
                ..
            } => {
                fix(mismatch);
                expected.iter_mut().chain(actual.iter_mut()).for_each(fix);
            }
            Mismatch::BodyType {
                mismatch,
                expected_body,
                actual_body,
                ..
            } => {
                fix(mismatch);
                expected_body
                    .iter_mut()
                    .chain(actual_body.iter_mut())
                    .for_each(fix);
            }
            _ => {}
        }
    }

    /// The human-readable message.
    pub fn message(&self) -> &str {
        match self {
            Mismatch::Method { mismatch, .. }
            | Mismatch::Path { mismatch, .. }
            | Mismatch::Query { mismatch, .. }
            | Mismatch::Header { mismatch, .. }
            | Mismatch::BodyType { mismatch, .. }
            | Mismatch::Body { mismatch, .. }
            | Mismatch::Status { mismatch, .. }
            | Mismatch::Metadata { mismatch, .. } => mismatch,
        }
    }

    /// A one-line description for people: the message, or a fallback where it is empty.
    pub fn description(&self) -> String {
        match self {
            Mismatch::Method {
                expected,
                actual,
                mismatch,
            } if mismatch.is_empty() => {
                format!("expected {expected} but was {actual}")
            }
            Mismatch::Status {
                expected,
                actual,
                mismatch,
            } if mismatch.is_empty() => {
                format!("expected {expected} but was {actual}")
            }
            other => other.message().to_string(),
        }
    }

    /// The JSON object as `mock_server_mismatches` gives it.
    pub fn to_json(&self) -> Value {
        let t = self.type_name();
        match self {
            Mismatch::Method {
                expected,
                actual,
                mismatch,
            }
            | Mismatch::Path {
                expected,
                actual,
                mismatch,
            } => {
                json!({"type": t, "expected": expected, "actual": actual, "mismatch": mismatch})
            }
            Mismatch::Query {
                parameter,
                expected,
                actual,
                mismatch,
            } => json!({
                "type": t, "parameter": parameter, "expected": expected, "actual": actual, "mismatch": mismatch
            }),
            Mismatch::Header {
                key,
                expected,
                actual,
                mismatch,
            }
            | Mismatch::Metadata {
                key,
                expected,
                actual,
                mismatch,
            } => json!({
                "type": t, "key": key, "expected": expected, "actual": actual, "mismatch": mismatch
            }),
            Mismatch::BodyType {
                expected,
                actual,
                mismatch,
                expected_body,
                actual_body,
            } => json!({
                "type": t, "expected": expected, "actual": actual, "mismatch": mismatch,
                "expectedBody": expected_body, "actualBody": actual_body
            }),
            Mismatch::Body {
                path,
                expected,
                actual,
                mismatch,
            } => json!({
                "type": t, "path": path, "expected": expected, "actual": actual, "mismatch": mismatch
            }),
            Mismatch::Status {
                expected,
                actual,
                mismatch,
            } => json!({
                "type": t, "expected": expected, "actual": actual, "mismatch": mismatch
            }),
        }
    }
}
