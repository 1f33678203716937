//! `Pact.executeTest`: start a server, run the test function (sync or async), then either
//! write the pact file (all matched) or reject with every mismatch spelled out; always stop
//! the server. The promise plumbing is done with the JS `Promise` itself, so a sync return, a
//! promise and a thenable all take the same path.

use super::error::{invalid_argument, pact_error, Code, IntoJs};
use super::pact::{lock, Pact};
use super::report::render_mismatches;
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
        test: Unknown<'env>,
        options: Option<ExecuteTestOptions>,
    ) -> Result<PromiseRaw<'env, Unknown<'env>>, Code> {
        if test.get_type().js()? != ValueType::Function {
            return reject_with(
                env,
                invalid_argument(
                    "executeTest needs a test function: pact.executeTest(async (server) => { ... })",
                ),
            );
        }
        let test: Function<'env, Unknown<'env>, Unknown<'env>> = unsafe { test.cast() }.js()?;
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
