//! The text of a failed `executeTest`: every mismatch, numbered, saying where it is (method,
//! path, query parameter, header, body path) and what was expected and found, in the layout
//! pact-js users know.

use serde_json::Value;

/// The readable list of mismatches, in the layout pact-js users know.
pub fn render_mismatches(results: &[Value]) -> String {
    let mut out = String::from(
        "Test failed for the following reasons:\n\n  Mock server failed with the following mismatches:\n",
    );
    for (i, result) in results.iter().enumerate() {
        let text = |key: &str| result.get(key).and_then(Value::as_str).unwrap_or("");
        out.push('\n');
        match text("type") {
            "request-mismatch" => {
                out.push_str(&format!(
                    "\t{i}) The following request was incorrect:\n\t        {} {}\n",
                    text("method"),
                    text("path")
                ));
                let inner = result
                    .get("mismatches")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                for (j, mismatch) in inner.iter().enumerate() {
                    out.push_str(&format!("\t\t\t {i}.{j} {}\n", describe(mismatch)));
                }
            }
            "missing-request" => {
                out.push_str(&format!(
                    "\t{i}) The following request was expected but not received:\n"
                ));
                out.push_str(&describe_request(
                    result.get("request"),
                    text("method"),
                    text("path"),
                ));
            }
            "request-not-found" => {
                out.push_str(&format!("\t{i}) The following request was not expected:\n"));
                out.push_str(&describe_request(
                    result.get("request"),
                    text("method"),
                    text("path"),
                ));
            }
            other => {
                out.push_str(&format!("\t{i}) {other}: {result}\n"));
            }
        }
    }
    out
}

fn as_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "(nothing)".to_string(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// One inner mismatch: where it is, and what was expected and found.
fn describe(mismatch: &Value) -> String {
    let field = |key: &str| mismatch.get(key).and_then(Value::as_str).unwrap_or("");
    let message = field("mismatch");
    let expected = as_text(mismatch.get("expected"));
    let actual = as_text(mismatch.get("actual"));
    let fallback = || format!("expected {expected} but was {actual}");
    let message = if message.is_empty() {
        fallback()
    } else {
        message.to_string()
    };
    match field("type") {
        "MethodMismatch" => format!("Method: {message}"),
        "PathMismatch" => format!("Path: {message}"),
        "QueryMismatch" => format!("Query parameter '{}': {message}", field("parameter")),
        "HeaderMismatch" => format!("Header '{}': {message}", field("key")),
        "BodyTypeMismatch" => format!("Body type: {message}"),
        "BodyMismatch" => {
            let path = field("path");
            format!(
                "Body at {}: {message} (expected {expected}, actual {actual})",
                if path.is_empty() { "$" } else { path }
            )
        }
        "StatusMismatch" => format!("Status: {message}"),
        other => format!("{other}: {message}"),
    }
}

fn describe_request(request: Option<&Value>, method: &str, path: &str) -> String {
    let mut out = format!("\t    Method: {method}\n\t    Path: {path}\n");
    let Some(request) = request else {
        return out;
    };
    if let Some(query) = request.get("query").filter(|q| !q.is_null()) {
        let rendered = match query {
            Value::String(s) => s.clone(),
            Value::Object(map) => map
                .iter()
                .flat_map(|(k, v)| match v {
                    Value::Array(values) => values
                        .iter()
                        .map(|x| format!("{k}={}", as_text(Some(x))))
                        .collect::<Vec<_>>(),
                    other => vec![format!("{k}={}", as_text(Some(other)))],
                })
                .collect::<Vec<_>>()
                .join("&"),
            other => other.to_string(),
        };
        out.push_str(&format!("\t    Query: {rendered}\n"));
    }
    if let Some(Value::Object(headers)) = request.get("headers") {
        if !headers.is_empty() {
            out.push_str("\t    Headers:\n");
            for (name, value) in headers {
                let value = match value {
                    Value::Array(values) => values
                        .iter()
                        .map(|v| as_text(Some(v)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    other => as_text(Some(other)),
                };
                out.push_str(&format!("\t      {name}: {value}\n"));
            }
        }
    }
    if let Some(body) = request.get("body").filter(|b| !b.is_null()) {
        let text = match body {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let shown: String = text.chars().take(120).collect();
        let suffix = if shown.len() < text.len() {
            format!("... ({} length)", text.len())
        } else {
            String::new()
        };
        out.push_str(&format!("\t    Body: {shown}{suffix}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::render_mismatches;
    use serde_json::json;

    #[test]
    fn lists_every_mismatch_with_where_it_is() {
        let text = render_mismatches(&[
            json!({"type": "request-mismatch", "method": "POST", "path": "/dogs/1", "mismatches": [
                {"type": "QueryMismatch", "parameter": "q", "expected": "a", "actual": "b",
                 "mismatch": "Expected 'b' to be equal to 'a'"},
                {"type": "BodyMismatch", "path": "$.name", "expected": "\"Rex\"", "actual": "\"Max\"",
                 "mismatch": "Expected 'Max' (String) to be equal to 'Rex' (String)"}
            ]}),
            json!({"type": "missing-request", "method": "GET", "path": "/users",
                   "request": {"method": "GET", "path": "/users", "headers": {"Accept": "application/json"}}}),
            json!({"type": "request-not-found", "method": "DELETE", "path": "/users/1",
                   "request": {"method": "DELETE", "path": "/users/1", "body": {"id": 1}}}),
        ]);
        assert!(
            text.contains("0) The following request was incorrect:"),
            "{text}"
        );
        assert!(text.contains("POST /dogs/1"), "{text}");
        assert!(
            text.contains("0.0 Query parameter 'q': Expected 'b' to be equal to 'a'"),
            "{text}"
        );
        assert!(
            text.contains("0.1 Body at $.name: Expected 'Max'"),
            "{text}"
        );
        assert!(
            text.contains("1) The following request was expected but not received:"),
            "{text}"
        );
        assert!(text.contains("Accept: application/json"), "{text}");
        assert!(
            text.contains("2) The following request was not expected:"),
            "{text}"
        );
        assert!(text.contains("Body: {\"id\":1}"), "{text}");
    }
}
