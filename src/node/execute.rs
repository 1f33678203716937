//! `Pact.executeTest`: start a server, run the test function (sync or async), then either
//! write the pact file (all matched) or reject with every mismatch spelled out; always stop
//! the server. Also the text rendering of mismatches that users read in failed tests.

use super::error::{pact_error, Code, IntoJs};
use super::pact::{lock, Pact};
use super::server::{parse_mismatches, start_server, stop, MockServer, MockServerOptions};
use crate::server;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

/// Options of `executeTest`: the server's plus where and how to write the pact file.
#[napi(object)]
#[derive(Default)]
pub struct ExecuteTestOptions {
    /// 0 or absent: the OS picks a free port.
    pub port: Option<u32>,
    /// Default "127.0.0.1".
    pub host: Option<String>,
    /// HTTPS with a self-signed certificate.
    pub tls: Option<bool>,
    /// Answer CORS pre-flight requests automatically.
    pub cors: Option<bool>,
    /// Directory of the pact file (default "./pacts").
    pub dir: Option<String>,
    /// Replace the pact file instead of merging into it (default false).
    pub overwrite: Option<bool>,
}

/// Where the pact file goes and how, once the test passed.
#[derive(Clone)]
struct Outcome {
    server: Arc<server::MockServer>,
    dir: PathBuf,
    overwrite: bool,
}

impl Outcome {
    /// On success: write the pact file, then stop. On mismatches: stop and describe them.
    fn finish(&self) -> std::result::Result<(), Failure> {
        let mismatches = parse_mismatches(&self.server);
        let result = if mismatches.is_empty() && self.server.matched() {
            self.server
                .write_pact_file(Some(&self.dir), self.overwrite)
                .map(|_| ())
                .map_err(Failure::Core)
        } else {
            Err(Failure::Mismatches(mismatches))
        };
        stop(&self.server);
        result
    }
}

enum Failure {
    Core(crate::PactError),
    Mismatches(Vec<Value>),
}

/// A JS `Error` carrying `code` and `mismatches`.
fn mismatch_error<'e>(env: &'e Env, mismatches: Vec<Value>) -> napi::Result<Object<'e>> {
    let message = render_mismatches(&mismatches);
    let mut error = env.create_error(napi::Error::new(Status::GenericFailure, message))?;
    error.set_named_property("code", "PACT_MISMATCH")?;
    error.set_named_property("mismatches", Value::Array(mismatches))?;
    Ok(error)
}

/// Adds `.mismatches` to what the test function threw, when it is an object.
fn attach_mismatches(value: Unknown<'_>, mismatches: Vec<Value>) -> napi::Result<()> {
    if matches!(value.get_type()?, ValueType::Object | ValueType::Function) {
        let mut object: Object = unsafe { value.cast() }?;
        // A frozen error cannot take the property; the original error matters more.
        let _ = object.set_named_property("mismatches", Value::Array(mismatches));
    }
    Ok(())
}

#[napi]
impl Pact {
    /// Starts a mock server, runs `fn` with it and then: when every expected request arrived
    /// and nothing else did, writes the pact file into `dir` (default "./pacts") and resolves
    /// with `fn`'s value; otherwise rejects with an Error listing every mismatch (objects in
    /// `.mismatches`). When `fn` throws or rejects, rejects with that error (mismatches
    /// attached) and writes nothing. The server is always stopped, and the pact starts the
    /// next test with no interactions (as in pact-js).
    #[napi(
        catch_unwind,
        ts_generic_types = "T",
        ts_args_type = "fn: (server: MockServer) => T | Promise<T>, options?: ExecuteTestOptions",
        ts_return_type = "Promise<Awaited<T>>"
    )]
    pub fn execute_test<'env>(
        &self,
        env: &'env Env,
        test: Function<'env, Unknown<'env>, Unknown<'env>>,
        options: Option<ExecuteTestOptions>,
    ) -> Result<PromiseRaw<'env, Unknown<'env>>, Code> {
        let options = options.unwrap_or_default();
        let snapshot = {
            let mut state = lock(&self.shared);
            let snapshot = state.pact.clone();
            state.pact.interactions.clear();
            state.generation += 1;
            snapshot
        };
        let server_options = MockServerOptions {
            port: options.port,
            host: options.host,
            tls: options.tls,
            cors: options.cors,
        };
        let started = match start_server(env, snapshot, Some(server_options), None) {
            Ok(s) => s,
            Err(e) => return reject_with(env, e),
        };
        let outcome = Outcome {
            server: started.inner.clone(),
            dir: PathBuf::from(options.dir.unwrap_or_else(|| "./pacts".to_string())),
            overwrite: options.overwrite.unwrap_or(false),
        };
        let instance = MockServer {
            inner: started.inner.clone(),
        }
        .into_instance(env)
        .js()?;
        let returned = match test.call(instance.to_unknown()) {
            Ok(v) => v,
            Err(thrown) => {
                let value = JsError::from(thrown).into_unknown(*env);
                return failed(env, &outcome, value);
            }
        };
        settle(env, returned, outcome)
    }
}

fn reject_with<'env>(
    env: &'env Env,
    error: napi::Error<super::error::Code>,
) -> Result<PromiseRaw<'env, Unknown<'env>>, Code> {
    let value = JsError::from(error).into_unknown(*env);
    PromiseRaw::reject(env, value).js()
}

/// The test function threw synchronously: stop, attach mismatches, reject with its error.
fn failed<'env>(
    env: &'env Env,
    outcome: &Outcome,
    thrown: Unknown<'env>,
) -> Result<PromiseRaw<'env, Unknown<'env>>, Code> {
    let mismatches = parse_mismatches(&outcome.server);
    stop(&outcome.server);
    attach_mismatches(thrown, mismatches).js()?;
    PromiseRaw::reject(env, thrown).js()
}

/// `Promise.resolve(returned).then(onDone, onThrown)`, so sync and async test functions
/// take the same path and the server is checked only after the test settled.
fn settle<'env>(
    env: &'env Env,
    returned: Unknown<'env>,
    outcome: Outcome,
) -> Result<PromiseRaw<'env, Unknown<'env>>, Code> {
    let global = env.get_global().js()?;
    // `Promise` is a function; coercing keeps the same value but lets us read `resolve`.
    let promise_class: Object = global
        .get_named_property::<Unknown>("Promise")
        .js()?
        .coerce_to_object()
        .js()?;
    let resolve: Function<Unknown, Unknown> = promise_class.get_named_property("resolve").js()?;
    let promise: Object = unsafe { resolve.apply(promise_class, returned).js()?.cast() }.js()?;
    let then: Function<FnArgs<(Unknown, Unknown)>, Unknown> =
        promise.get_named_property("then").js()?;

    let done = outcome.clone();
    let on_done = env
        .create_function_from_closure::<Unknown, Unknown, _>("onTestDone", move |ctx| {
            let value: Unknown<'static> = ctx.get(0)?;
            match done.finish() {
                Ok(()) => Ok(value),
                Err(Failure::Core(e)) => {
                    let error = JsError::from(pact_error(e)).into_unknown(*ctx.env);
                    rejected(ctx.env, error)
                }
                Err(Failure::Mismatches(mismatches)) => {
                    let error = mismatch_error(ctx.env, mismatches)?;
                    rejected(ctx.env, error.to_unknown())
                }
            }
        })
        .js()?;
    let thrown_outcome = outcome;
    let on_thrown = env
        .create_function_from_closure::<Unknown, Unknown, _>("onTestThrew", move |ctx| {
            let reason: Unknown<'static> = ctx.get(0)?;
            let mismatches = parse_mismatches(&thrown_outcome.server);
            stop(&thrown_outcome.server);
            attach_mismatches(reason, mismatches)?;
            rejected(ctx.env, reason)
        })
        .js()?;
    let chained = then
        .apply(
            promise,
            (on_done.to_unknown(), on_thrown.to_unknown()).into(),
        )
        .js()?;
    Ok(PromiseRaw::new(env.raw(), chained.raw()))
}

/// A promise rejected with exactly `reason`: returned from a `then` handler it rejects the
/// chain with that value, whatever it is (throwing would turn non-Errors into Errors).
fn rejected(env: &Env, reason: Unknown<'_>) -> napi::Result<Unknown<'static>> {
    let promise = PromiseRaw::<Unknown>::reject(env, reason)?;
    // The handle is only used as this callback's return value, within the same scope.
    Ok(unsafe { Unknown::from_raw_unchecked(env.raw(), promise.raw()) })
}

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
