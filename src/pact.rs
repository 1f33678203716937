//! The `Pact` and `Interaction` classes: a pact model behind `Arc<Mutex<..>>`, edited in place
//! by `Interaction` through the core's `dsl`, then handed to the server as a snapshot.

use crate::error::{invalid_argument, pact_error, Code, IntoJs};
use crate::message::{Message, SynchronousMessage};
use crate::server::{
    server_options, start_server, start_server_with, MockServer, MockServerOptions,
};
use crate::values::{body_input, comment_value, provider_state_params, required_json, to_json};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use pact_mock_server_core::dsl::{self, Part};
use pact_mock_server_core::model::{self, SpecVersion};
use pact_mock_server_core::server;
use serde_json::Value;
use std::str::FromStr;
use std::sync::{Arc, Mutex, MutexGuard};

/// The pact being built. `generation` changes whenever `executeTest` hands the interactions
/// to a server and starts afresh, so stale `Interaction` objects are caught instead of editing
/// a newer test's interaction.
///
/// Messages being built (`newMessage`, `newSynchronousMessage`) are `drafts`, by id: they are
/// part of the pact's JSON and of a server started with `startMockServer`, but only their own
/// `executeTest` writes them to a pact file (or drops them when the handler fails), so an HTTP
/// test never writes a message whose test has not passed.
#[derive(Debug)]
pub struct PactState {
    pub pact: model::Pact,
    pub generation: u64,
    pub drafts: Vec<(u64, model::Message)>,
    pub next_draft: u64,
}

impl PactState {
    pub fn new(pact: model::Pact) -> PactState {
        PactState {
            pact,
            generation: 0,
            drafts: Vec::new(),
            next_draft: 0,
        }
    }

    /// The pact with the messages being built.
    pub fn with_drafts(&self) -> model::Pact {
        let mut pact = self.pact.clone();
        pact.messages
            .extend(self.drafts.iter().map(|(_, m)| m.clone()));
        pact
    }

    /// Adds a message being built; returns its id.
    pub fn add_draft(&mut self, message: model::Message) -> u64 {
        let id = self.next_draft;
        self.next_draft += 1;
        self.drafts.push((id, message));
        id
    }
}

pub type SharedPact = Arc<Mutex<PactState>>;

pub fn lock(shared: &SharedPact) -> MutexGuard<'_, PactState> {
    // A panic while the lock was held cannot leave the model half-edited in a way that
    // matters more than losing the whole pact, so keep going with what is there.
    shared.lock().unwrap_or_else(|e| e.into_inner())
}

/// Options of `new Pact(...)`.
#[napi(object)]
pub struct PactOptions {
    /// The specification version the pact file is written in (default `V4`).
    #[napi(ts_type = "Specification")]
    pub specification: Option<String>,
}

/// A pact between a consumer and a provider, built interaction by interaction.
#[napi]
pub struct Pact {
    pub(crate) shared: SharedPact,
}

impl Pact {
    /// What a server started for this pact serves (and writes): everything, messages being
    /// built included.
    pub(crate) fn snapshot(&self) -> model::Pact {
        lock(&self.shared).with_drafts()
    }
}

fn spec_from(name: &str) -> Result<SpecVersion, Code> {
    SpecVersion::from_str(name).js()
}

#[napi]
impl Pact {
    #[napi(constructor)]
    pub fn new(
        consumer: String,
        provider: String,
        options: Option<PactOptions>,
    ) -> Result<Pact, Code> {
        let mut pact = model::Pact::named(&consumer, &provider).js()?;
        if let Some(spec) = options.and_then(|o| o.specification) {
            pact.spec = spec_from(&spec)?;
        }
        Ok(Pact {
            shared: Arc::new(Mutex::new(PactState::new(pact))),
        })
    }

    /// Reads a pact file's content (a JSON string or an already parsed object) of any
    /// specification version.
    #[napi(factory, catch_unwind, ts_args_type = "pact: string | object")]
    pub fn from_json(env: &Env, pact: Unknown<'_>) -> Result<Pact, Code> {
        let parsed = if pact.get_type().js()? == ValueType::String {
            // SAFETY: the `if` has just checked that the value is a string.
            let text = unsafe { pact.cast::<String>() }.js()?;
            model::Pact::from_json_str(&text).js()?
        } else {
            let value = to_json(env, pact, "The pact")?.ok_or_else(|| {
                pact_error(pact_mock_server_core::PactError::invalid_json(
                    "Pact.fromJson needs the pact file's JSON text or object, got undefined",
                ))
            })?;
            model::Pact::from_json(&value).js()?
        };
        Ok(Pact {
            shared: Arc::new(Mutex::new(PactState::new(parsed))),
        })
    }

    /// Sets the specification version the pact file is written in; an error when that version
    /// cannot hold what the pact holds (messages below V3, synchronous messages below V4, HTTP
    /// interactions and messages in V3).
    #[napi(ts_args_type = "spec: Specification", ts_return_type = "this")]
    pub fn with_specification<'a>(&self, this: This<'a>, spec: String) -> Result<This<'a>, Code> {
        let spec = spec_from(&spec)?;
        let mut state = lock(&self.shared);
        state.with_drafts().check_spec(spec).js()?;
        state.pact.spec = spec;
        Ok(this)
    }

    /// Adds `metadata[namespace][name] = value` to the pact file.
    #[napi(ts_return_type = "this")]
    pub fn with_metadata<'a>(
        &self,
        this: This<'a>,
        namespace: String,
        name: String,
        value: String,
    ) -> Result<This<'a>, Code> {
        lock(&self.shared)
            .pact
            .set_metadata(&namespace, &name, Value::String(value))
            .js()?;
        Ok(this)
    }

    /// Starts describing a new interaction (an HTTP request and the response to it).
    #[napi]
    pub fn new_interaction(&self, description: String) -> Interaction {
        let mut state = lock(&self.shared);
        state
            .pact
            .interactions
            .push(model::Interaction::new(description));
        Interaction {
            shared: self.shared.clone(),
            generation: state.generation,
            index: state.pact.interactions.len() - 1,
        }
    }

    /// How many interactions the pact holds (HTTP interactions and messages).
    #[napi(getter)]
    pub fn interactions(&self) -> u32 {
        let state = lock(&self.shared);
        (state.pact.interactions.len() + state.pact.messages.len() + state.drafts.len()) as u32
    }

    /// The pact file as it would be written, in the pact's specification version (messages
    /// being built included).
    #[napi(catch_unwind, ts_return_type = "PactJson")]
    pub fn to_json(&self) -> Result<Value, Code> {
        lock(&self.shared).with_drafts().to_json().js()
    }

    /// Starts describing an asynchronous message (V3 or V4).
    #[napi(catch_unwind)]
    pub fn new_message(&self, description: String) -> Result<Message, Code> {
        let mut state = lock(&self.shared);
        let message = dsl::message::new_message(state.pact.spec, &description).js()?;
        let id = state.add_draft(model::Message::Asynchronous(message));
        Ok(Message::new(self.shared.clone(), id))
    }

    /// Starts describing a synchronous (request/response) message (V4).
    #[napi(catch_unwind)]
    pub fn new_synchronous_message(&self, description: String) -> Result<SynchronousMessage, Code> {
        let mut state = lock(&self.shared);
        let message = dsl::message::new_synchronous_message(state.pact.spec, &description).js()?;
        let id = state.add_draft(model::Message::Synchronous(message));
        Ok(SynchronousMessage::new(self.shared.clone(), id))
    }

    /// Starts a mock server for the interactions defined so far.
    #[napi(catch_unwind)]
    pub fn start_mock_server(
        &self,
        env: &Env,
        options: Option<MockServerOptions>,
    ) -> Result<MockServer, Code> {
        start_server(env, self.snapshot(), options, None)
    }

    /// What the pact-js drop-in's `executeTest` starts: like `startMockServer`, but on a port
    /// the OS chooses, a server released by `MockServer.release` (same host, TLS and CORS)
    /// serves this pact instead, so that the client's keep-alive connections carry on.
    #[napi(catch_unwind, skip_typescript)]
    pub fn start_mock_server_reusing(
        &self,
        env: &Env,
        options: Option<MockServerOptions>,
    ) -> Result<MockServer, Code> {
        start_server_with(
            env,
            self.snapshot(),
            server_options(options, None)?,
            server::start_reusing,
        )
    }

    /// What `executeTest` starts with: a mock server for the interactions defined so far,
    /// which the pact then forgets, so that the next test starts afresh (as in pact-js).
    #[napi(catch_unwind, skip_typescript)]
    pub fn start_test_server(
        &self,
        env: &Env,
        options: Option<MockServerOptions>,
    ) -> Result<MockServer, Code> {
        let snapshot = {
            let mut state = lock(&self.shared);
            // Messages being built are written by their own executeTest.
            let snapshot = state.pact.clone();
            state.pact.interactions.clear();
            state.generation += 1;
            snapshot
        };
        start_server(env, snapshot, options, None)
    }
}

/// One interaction of a `Pact`. Every method returns the interaction itself, for chaining.
#[napi]
pub struct Interaction {
    shared: SharedPact,
    generation: u64,
    index: usize,
}

impl Interaction {
    /// Runs `f` on the model interaction, mapping core errors to JS errors.
    fn edit<T>(
        &self,
        f: impl FnOnce(
            &mut model::Interaction,
        ) -> std::result::Result<T, pact_mock_server_core::PactError>,
    ) -> Result<T, Code> {
        let mut state = lock(&self.shared);
        if state.generation != self.generation {
            return Err(invalid_argument(
                "This interaction was already used by executeTest(), which starts every test with a fresh set of interactions: create a new one with pact.newInteraction()",
            ));
        }
        let interaction =
            state.pact.interactions.get_mut(self.index).ok_or_else(|| {
                invalid_argument("This interaction is no longer part of its pact")
            })?;
        f(interaction).js()
    }
}

fn index_of(index: Option<u32>) -> usize {
    index.unwrap_or(0) as usize
}

#[napi]
impl Interaction {
    /// Sets the description of the interaction.
    #[napi(ts_return_type = "this")]
    pub fn upon_receiving<'a>(
        &self,
        this: This<'a>,
        description: String,
    ) -> Result<This<'a>, Code> {
        self.edit(|i| {
            i.description = description;
            Ok(())
        })?;
        Ok(this)
    }

    /// Adds a provider state, optionally with parameters.
    #[napi(
        catch_unwind,
        ts_args_type = "state: string, params?: Record<string, unknown>",
        ts_return_type = "this"
    )]
    pub fn given<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        state: String,
        params: Option<Unknown<'_>>,
    ) -> Result<This<'a>, Code> {
        let params = provider_state_params(env, params)?;
        self.edit(|i| {
            dsl::given(i, &state, params);
            Ok(())
        })?;
        Ok(this)
    }

    /// Sets the request method and path (the path may be a matcher).
    #[napi(
        catch_unwind,
        ts_args_type = "method: string, path: string | Matcher<string>",
        ts_return_type = "this"
    )]
    pub fn with_request<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        method: String,
        path: Unknown<'_>,
    ) -> Result<This<'a>, Code> {
        let path = required_json(env, path, "The request path")?;
        self.edit(|i| dsl::with_request(i, &method, &path))?;
        Ok(this)
    }

    /// Sets the value at `index` (default 0) of query parameter `name`.
    #[napi(
        catch_unwind,
        ts_args_type = "name: string, value: string | Matcher<string | string[]>, index?: number",
        ts_return_type = "this"
    )]
    pub fn with_query_parameter<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        name: String,
        value: Unknown<'_>,
        index: Option<u32>,
    ) -> Result<This<'a>, Code> {
        let value = required_json(
            env,
            value,
            &format!("The value of query parameter '{name}'"),
        )?;
        self.edit(|i| dsl::with_query_parameter(i, &name, &value, index_of(index)))?;
        Ok(this)
    }

    /// Sets the value at `index` (default 0) of request header `name`.
    #[napi(
        catch_unwind,
        ts_args_type = "name: string, value: string | string[] | Matcher<string>, index?: number",
        ts_return_type = "this"
    )]
    pub fn with_header<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        name: String,
        value: Unknown<'_>,
        index: Option<u32>,
    ) -> Result<This<'a>, Code> {
        let value = required_json(env, value, &format!("The value of header '{name}'"))?;
        self.edit(|i| dsl::with_header(i, Part::Request, &name, &value, index_of(index)))?;
        Ok(this)
    }

    /// Sets the request body: a Buffer is binary, a string is text, anything else JSON
    /// (matchers allowed anywhere inside).
    #[napi(
        catch_unwind,
        ts_args_type = "body: unknown, contentType?: string",
        ts_return_type = "this"
    )]
    pub fn with_body<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        body: Unknown<'_>,
        content_type: Option<String>,
    ) -> Result<This<'a>, Code> {
        let body = body_input(env, body)?;
        self.edit(|i| dsl::with_body(i, Part::Request, body, content_type.as_deref()))?;
        Ok(this)
    }

    /// Sets the response status: a number or a `Matchers.statusCode(...)` matcher.
    #[napi(
        catch_unwind,
        ts_args_type = "status: number | Matcher<number>",
        ts_return_type = "this"
    )]
    pub fn response_status<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        status: Unknown<'_>,
    ) -> Result<This<'a>, Code> {
        let status = required_json(env, status, "The response status")?;
        self.edit(|i| dsl::response_status(i, &status))?;
        Ok(this)
    }

    /// The same as `responseStatus`, named as in pact-js.
    #[napi(
        catch_unwind,
        ts_args_type = "status: number | Matcher<number>",
        ts_return_type = "this"
    )]
    pub fn will_respond_with<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        status: Unknown<'_>,
    ) -> Result<This<'a>, Code> {
        self.response_status(env, this, status)
    }

    /// Sets the value at `index` (default 0) of response header `name`.
    #[napi(
        catch_unwind,
        ts_args_type = "name: string, value: string | string[] | Matcher<string>, index?: number",
        ts_return_type = "this"
    )]
    pub fn with_response_header<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        name: String,
        value: Unknown<'_>,
        index: Option<u32>,
    ) -> Result<This<'a>, Code> {
        let value = required_json(
            env,
            value,
            &format!("The value of response header '{name}'"),
        )?;
        self.edit(|i| dsl::with_header(i, Part::Response, &name, &value, index_of(index)))?;
        Ok(this)
    }

    /// Sets the response body: a Buffer is binary, a string is text, anything else JSON
    /// (matchers and generators allowed anywhere inside).
    #[napi(
        catch_unwind,
        ts_args_type = "body: unknown, contentType?: string",
        ts_return_type = "this"
    )]
    pub fn with_response_body<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        body: Unknown<'_>,
        content_type: Option<String>,
    ) -> Result<This<'a>, Code> {
        let body = body_input(env, body)?;
        self.edit(|i| dsl::with_body(i, Part::Response, body, content_type.as_deref()))?;
        Ok(this)
    }

    /// V4: a key that identifies the interaction across versions of the pact.
    #[napi(ts_return_type = "this")]
    pub fn key<'a>(&self, this: This<'a>, key: String) -> Result<This<'a>, Code> {
        self.edit(|i| {
            i.key = Some(key);
            Ok(())
        })?;
        Ok(this)
    }

    /// V4: marks the interaction as pending (default true).
    #[napi(ts_return_type = "this")]
    pub fn pending<'a>(&self, this: This<'a>, pending: Option<bool>) -> Result<This<'a>, Code> {
        self.edit(|i| {
            i.pending = pending.unwrap_or(true);
            Ok(())
        })?;
        Ok(this)
    }

    /// V4: adds a text comment.
    #[napi(ts_return_type = "this")]
    pub fn comment<'a>(&self, this: This<'a>, text: String) -> Result<This<'a>, Code> {
        self.edit(|i| {
            i.add_comment(text);
            Ok(())
        })?;
        Ok(this)
    }

    /// V4: sets `comments[key] = value` (any JSON value; a string that is JSON text is that
    /// JSON, as libpact_ffi reads it; `null` or `undefined` removes the comment).
    #[napi(
        catch_unwind,
        ts_args_type = "key: string, value: unknown",
        ts_return_type = "this"
    )]
    pub fn set_comment<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        key: String,
        value: Unknown<'_>,
    ) -> Result<This<'a>, Code> {
        let value = comment_value(env, value, &format!("The value of comment '{key}'"))?;
        self.edit(|i| dsl::comments::set_comment(&mut i.comments, &key, value))?;
        Ok(this)
    }

    /// V4: the name of the test that defines the interaction (`comments.testname`).
    #[napi(ts_return_type = "this")]
    pub fn test_name<'a>(&self, this: This<'a>, name: String) -> Result<This<'a>, Code> {
        self.edit(|i| {
            dsl::comments::set_test_name(&mut i.comments, &name);
            Ok(())
        })?;
        Ok(this)
    }

    /// V4: a reference to something outside the pact, `comments.references[group][name] =
    /// value` (values as in `setComment`).
    #[napi(
        catch_unwind,
        ts_args_type = "group: string, name: string, value: unknown",
        ts_return_type = "this"
    )]
    pub fn reference<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        group: String,
        name: String,
        value: Unknown<'_>,
    ) -> Result<This<'a>, Code> {
        let what = format!("The value of reference '{group}.{name}'");
        let value = comment_value(env, value, &what)?;
        self.edit(|i| dsl::comments::add_reference(&mut i.comments, &group, &name, value))?;
        Ok(this)
    }

    /// Adds matching rules in the pact-file layout (`{ body: { '$.a': { matchers: [{ match:
    /// 'type' }] } } }`; categories path, query, header, body, status, metadata) to the
    /// request's or response's rules, after those already at the same paths. An unknown
    /// matcher or a bad regex throws, and then nothing is added.
    #[napi(
        catch_unwind,
        ts_args_type = "part: InteractionPart, rules: MatchingRulesJson",
        ts_return_type = "this"
    )]
    pub fn with_matching_rules<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        part: String,
        rules: Unknown<'_>,
    ) -> Result<This<'a>, Code> {
        let part = Part::from_str(&part).js()?;
        let rules = required_json(env, rules, "The matching rules")?;
        self.edit(|i| dsl::with_matching_rules(i, part, &rules))?;
        Ok(this)
    }

    /// A `multipart/form-data` body of one part, `partName`, holding `body` of `contentType`
    /// (sent as file `fileName`, if given), as libpact_ffi's `pactffi_with_multipart_file`
    /// builds it: the Content-Type header with the boundary (random unless given) and a regex
    /// rule for any boundary; the part is matched by its content type. Called again for the
    /// same part of the interaction, it adds another part (with the first call's boundary).
    #[napi(
        catch_unwind,
        ts_args_type = "part: InteractionPart, contentType: string, body: Uint8Array, partName: string, boundary?: string | undefined | null, fileName?: string | undefined | null",
        ts_return_type = "this"
    )]
    #[allow(clippy::too_many_arguments)]
    pub fn with_multipart_body<'a>(
        &self,
        this: This<'a>,
        part: String,
        content_type: String,
        body: Uint8Array,
        part_name: String,
        boundary: Option<String>,
        file_name: Option<String>,
    ) -> Result<This<'a>, Code> {
        let part = Part::from_str(&part).js()?;
        let contents = body.to_vec();
        self.edit(|i| {
            dsl::with_multipart_body(
                i,
                part,
                &content_type,
                contents,
                &part_name,
                file_name.as_deref(),
                boundary.as_deref(),
            )
        })?;
        Ok(this)
    }
}
