//! The `Message` and `SynchronousMessage` classes: messages being built in a `Pact` (its
//! drafts), edited through the core's `dsl::message`, reified by the core's `generate`, and
//! merged into the pact file or dropped by `executeTest` (index.js), which runs the handler.

use crate::error::{invalid_argument, Code, IntoJs};
use crate::pact::{lock, SharedPact};
use crate::values::{body_input, comment_value, provider_state_params, required_json};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use pact_mock_server_core::dsl::comments;
use pact_mock_server_core::dsl::message::{self as dsl, MessagePart};
use pact_mock_server_core::generate::{self, GeneratorContext, ReifiedBody, ReifiedContents};
use pact_mock_server_core::model;
use pact_mock_server_core::model::file::{provider_states_to_json, write_pact_file};
use pact_mock_server_core::model::message::MessageFieldsMut;
use pact_mock_server_core::PactError;
use serde_json::Value;
use std::path::Path;

const STALE: &str = "This message was already used by executeTest() (merged into its pact \
    file, or dropped because its handler failed): describe the next one with \
    pact.newMessage() or pact.newSynchronousMessage()";

/// The contents of a reified message (or of one part of a synchronous message).
#[napi(object, object_from_js = false)]
pub struct MessageContents {
    /// The contents: a JSON value, a string for text, a Buffer for binary; null if none.
    #[napi(ts_type = "unknown")]
    pub contents: Either<Buffer, Value>,
    /// The content type of the contents; null if there are none.
    #[napi(ts_type = "string | null")]
    pub content_type: Value,
    /// The metadata, with `contentType` when the contents have one.
    #[napi(ts_type = "Record<string, unknown>")]
    pub metadata: Value,
}

/// The message an asynchronous message's handler is handed: example values with the
/// generators applied.
#[napi(object, object_from_js = false)]
pub struct ReifiedMessage {
    pub description: String,
    #[napi(ts_type = "{ name: string; params?: Record<string, unknown> }[]")]
    pub provider_states: Value,
    /// The contents: a JSON value, a string for text, a Buffer for binary; null if none.
    #[napi(ts_type = "unknown")]
    pub contents: Either<Buffer, Value>,
    /// The content type of the contents; null if there are none.
    #[napi(ts_type = "string | null")]
    pub content_type: Value,
    /// The metadata, with `contentType` when the contents have one.
    #[napi(ts_type = "Record<string, unknown>")]
    pub metadata: Value,
}

/// What a synchronous message's handler is handed: the request and every response, each with
/// its own generators applied.
#[napi(object, object_from_js = false)]
pub struct ReifiedSynchronousMessage {
    pub description: String,
    #[napi(ts_type = "{ name: string; params?: Record<string, unknown> }[]")]
    pub provider_states: Value,
    pub request: MessageContents,
    pub responses: Vec<MessageContents>,
}

fn contents_js(body: ReifiedBody) -> Either<Buffer, Value> {
    match body {
        ReifiedBody::None => Either::B(Value::Null),
        ReifiedBody::Json(v) => Either::B(v),
        ReifiedBody::Text(s) => Either::B(Value::String(s)),
        ReifiedBody::Bytes(b) => Either::A(Buffer::from(b)),
    }
}

fn message_contents_js(c: ReifiedContents) -> MessageContents {
    MessageContents {
        contents: contents_js(c.contents),
        content_type: c.content_type.map(Value::String).unwrap_or(Value::Null),
        metadata: Value::Object(c.metadata),
    }
}

/// A message being built in a pact, found by its id.
struct Draft {
    shared: SharedPact,
    id: u64,
}

impl Draft {
    fn edit<T>(
        &self,
        f: impl FnOnce(&mut model::Message) -> std::result::Result<T, PactError>,
    ) -> Result<T, Code> {
        let mut state = lock(&self.shared);
        let (_, message) = state
            .drafts
            .iter_mut()
            .find(|(id, _)| *id == self.id)
            .ok_or_else(|| invalid_argument(STALE))?;
        f(message).js()
    }

    /// Runs `f` on the fields every kind of message has.
    fn edit_fields(&self, f: impl FnOnce(MessageFieldsMut<'_>)) -> Result<(), Code> {
        self.edit(|m| {
            f(m.fields_mut());
            Ok(())
        })
    }

    fn given(&self, env: &Env, state: &str, params: Option<Unknown<'_>>) -> Result<(), Code> {
        let params = provider_state_params(env, params)?;
        self.edit_fields(|m| dsl::given(m.provider_states, state, params))
    }

    fn expects_to_receive(&self, description: String) -> Result<(), Code> {
        self.edit(|m| {
            dsl::check_description(&description)?;
            *m.fields_mut().description = description;
            Ok(())
        })
    }

    fn set_comment(&self, env: &Env, key: &str, value: Unknown<'_>) -> Result<(), Code> {
        let value = comment_value(env, value, &format!("The value of comment '{key}'"))?;
        self.edit(|m| comments::set_comment(m.fields_mut().comments, key, value))
    }

    fn reference(
        &self,
        env: &Env,
        group: &str,
        name: &str,
        value: Unknown<'_>,
    ) -> Result<(), Code> {
        let what = format!("The value of reference '{group}.{name}'");
        let value = comment_value(env, value, &what)?;
        self.edit(|m| comments::add_reference(m.fields_mut().comments, group, name, value))
    }

    /// Removes the message from the pact; the pact of just that message, or `None` when it was
    /// already taken.
    fn take(&self) -> Option<model::Pact> {
        let mut state = lock(&self.shared);
        let at = state.drafts.iter().position(|(id, _)| *id == self.id)?;
        let (_, message) = state.drafts.remove(at);
        Some(state.pact.with_only_message(message))
    }

    /// Merges the message into `<dir>/<consumer>-<provider>.json` (or overwrites the file) and
    /// removes it from the pact being built.
    fn take_into_pact_file(&self, dir: String, overwrite: Option<bool>) -> Result<(), Code> {
        let pact = self.take().ok_or_else(|| invalid_argument(STALE))?;
        write_pact_file(
            &pact,
            Path::new(&dir),
            pact.spec,
            overwrite.unwrap_or(false),
        )
        .js()?;
        Ok(())
    }
}

/// Runs `f` on the asynchronous message behind `draft`.
fn edit_async<T>(
    draft: &Draft,
    f: impl FnOnce(&mut model::AsynchronousMessage) -> std::result::Result<T, PactError>,
) -> Result<T, Code> {
    draft.edit(|m| match m {
        model::Message::Asynchronous(m) => f(m),
        model::Message::Synchronous(_) => {
            Err(PactError::invalid_argument("not an asynchronous message"))
        }
    })
}

fn edit_sync<T>(
    draft: &Draft,
    f: impl FnOnce(&mut model::SynchronousMessage) -> std::result::Result<T, PactError>,
) -> Result<T, Code> {
    draft.edit(|m| match m {
        model::Message::Synchronous(m) => f(m),
        model::Message::Asynchronous(_) => {
            Err(PactError::invalid_argument("not a synchronous message"))
        }
    })
}

/// An asynchronous message of a `Pact` (V3 `messages`, V4 `Asynchronous/Messages`). Every
/// builder method returns the message itself, for chaining.
#[napi]
pub struct Message {
    draft: Draft,
}

impl Message {
    pub(crate) fn new(shared: SharedPact, id: u64) -> Message {
        Message {
            draft: Draft { shared, id },
        }
    }
}

#[napi]
impl Message {
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
        self.draft.given(env, &state, params)?;
        Ok(this)
    }

    /// Sets the description: what the consumer expects to receive.
    #[napi(ts_return_type = "this")]
    pub fn expects_to_receive<'a>(
        &self,
        this: This<'a>,
        description: String,
    ) -> Result<This<'a>, Code> {
        self.draft.expects_to_receive(description)?;
        Ok(this)
    }

    /// Sets the contents: a Buffer is binary, a string is text, anything else JSON (matchers
    /// and generators allowed anywhere inside).
    #[napi(
        catch_unwind,
        ts_args_type = "contents: unknown, contentType?: string",
        ts_return_type = "this"
    )]
    pub fn with_contents<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        contents: Unknown<'_>,
        content_type: Option<String>,
    ) -> Result<This<'a>, Code> {
        let input = body_input(env, contents)?;
        edit_async(&self.draft, |m| {
            dsl::with_contents(
                &mut m.contents,
                MessagePart::Message,
                input,
                content_type.as_deref(),
            )
        })?;
        Ok(this)
    }

    /// Merges keys into the metadata; values may be matchers and generators.
    #[napi(
        catch_unwind,
        ts_args_type = "metadata: Record<string, unknown>",
        ts_return_type = "this"
    )]
    pub fn with_metadata<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        metadata: Unknown<'_>,
    ) -> Result<This<'a>, Code> {
        let metadata = required_json(env, metadata, "The message metadata")?;
        edit_async(&self.draft, |m| {
            dsl::with_metadata(&mut m.contents, MessagePart::Message, &metadata)
        })?;
        Ok(this)
    }

    /// Adds matching rules in the pact-file layout (`{ body: { '$.sku': { matchers: [{ match:
    /// 'regex', regex: '[A-Z]-\\d+' }] } }, metadata: { topic: { ... } } }`; `content` is taken
    /// as `body`) to the message's rules, after those already at the same paths. Body rules are
    /// keyed by JSON path, metadata rules by the metadata key. An unknown matcher, a bad regex or
    /// path, or a category of HTTP interactions (path, query, header, status) throws, and then
    /// nothing is added. Setting the contents (or a metadata key) again replaces the body (or that
    /// key's) rules, these included: add them after the contents.
    #[napi(
        catch_unwind,
        ts_args_type = "rules: MessageMatchingRulesJson",
        ts_return_type = "this"
    )]
    pub fn with_matching_rules<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        rules: Unknown<'_>,
    ) -> Result<This<'a>, Code> {
        let rules = required_json(env, rules, "The matching rules")?;
        edit_async(&self.draft, |m| {
            dsl::with_matching_rules(&mut m.contents, MessagePart::Message, &rules)
        })?;
        Ok(this)
    }

    /// V4: a key that identifies the message across versions of the pact.
    #[napi(ts_return_type = "this")]
    pub fn key<'a>(&self, this: This<'a>, key: String) -> Result<This<'a>, Code> {
        self.draft.edit_fields(|m| *m.key = Some(key))?;
        Ok(this)
    }

    /// V4: marks the message as pending (default true).
    #[napi(ts_return_type = "this")]
    pub fn pending<'a>(&self, this: This<'a>, pending: Option<bool>) -> Result<This<'a>, Code> {
        self.draft
            .edit_fields(|m| *m.pending = pending.unwrap_or(true))?;
        Ok(this)
    }

    /// V4: adds a text comment.
    #[napi(ts_return_type = "this")]
    pub fn comment<'a>(&self, this: This<'a>, text: String) -> Result<This<'a>, Code> {
        self.draft.edit_fields(|mut m| m.add_comment(text))?;
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
        self.draft.set_comment(env, &key, value)?;
        Ok(this)
    }

    /// V4: the name of the test that defines the message (`comments.testname`).
    #[napi(ts_return_type = "this")]
    pub fn test_name<'a>(&self, this: This<'a>, name: String) -> Result<This<'a>, Code> {
        self.draft
            .edit_fields(|m| comments::set_test_name(m.comments, &name))?;
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
        self.draft.reference(env, &group, &name, value)?;
        Ok(this)
    }

    /// The message the consumer's handler is handed: example values with the generators
    /// applied (consumer side); the pact file keeps the examples.
    #[napi(catch_unwind)]
    pub fn reify(&self) -> Result<ReifiedMessage, Code> {
        let reified = edit_async(&self.draft, |m| {
            Ok(generate::reify_message(m, &GeneratorContext::default()))
        })?;
        let contents = message_contents_js(reified.contents);
        Ok(ReifiedMessage {
            description: reified.description,
            provider_states: provider_states_to_json(&reified.provider_states),
            contents: contents.contents,
            content_type: contents.content_type,
            metadata: contents.metadata,
        })
    }

    /// What `executeTest` does once the handler succeeded: merges the message into
    /// `<dir>/<consumer>-<provider>.json` (or replaces the file with `overwrite`) and removes
    /// it from the pact being built.
    #[napi(catch_unwind, skip_typescript)]
    pub fn take_into_pact_file(&self, dir: String, overwrite: Option<bool>) -> Result<(), Code> {
        self.draft.take_into_pact_file(dir, overwrite)
    }

    /// What `executeTest` does when the handler failed: drops the message (it is never
    /// written). False when it was already taken.
    #[napi(skip_typescript)]
    pub fn discard(&self) -> bool {
        self.draft.take().is_some()
    }
}

/// A synchronous (request/response) message of a V4 `Pact`. Every builder method returns the
/// message itself, for chaining.
#[napi]
pub struct SynchronousMessage {
    draft: Draft,
}

impl SynchronousMessage {
    pub(crate) fn new(shared: SharedPact, id: u64) -> SynchronousMessage {
        SynchronousMessage {
            draft: Draft { shared, id },
        }
    }
}

#[napi]
impl SynchronousMessage {
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
        self.draft.given(env, &state, params)?;
        Ok(this)
    }

    /// Sets the description.
    #[napi(ts_return_type = "this")]
    pub fn expects_to_receive<'a>(
        &self,
        this: This<'a>,
        description: String,
    ) -> Result<This<'a>, Code> {
        self.draft.expects_to_receive(description)?;
        Ok(this)
    }

    /// V4: a key that identifies the message across versions of the pact.
    #[napi(ts_return_type = "this")]
    pub fn key<'a>(&self, this: This<'a>, key: String) -> Result<This<'a>, Code> {
        self.draft.edit_fields(|m| *m.key = Some(key))?;
        Ok(this)
    }

    /// V4: marks the message as pending (default true).
    #[napi(ts_return_type = "this")]
    pub fn pending<'a>(&self, this: This<'a>, pending: Option<bool>) -> Result<This<'a>, Code> {
        self.draft
            .edit_fields(|m| *m.pending = pending.unwrap_or(true))?;
        Ok(this)
    }

    /// V4: adds a text comment.
    #[napi(ts_return_type = "this")]
    pub fn comment<'a>(&self, this: This<'a>, text: String) -> Result<This<'a>, Code> {
        self.draft.edit_fields(|mut m| m.add_comment(text))?;
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
        self.draft.set_comment(env, &key, value)?;
        Ok(this)
    }

    /// V4: the name of the test that defines the message (`comments.testname`).
    #[napi(ts_return_type = "this")]
    pub fn test_name<'a>(&self, this: This<'a>, name: String) -> Result<This<'a>, Code> {
        self.draft
            .edit_fields(|m| comments::set_test_name(m.comments, &name))?;
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
        self.draft.reference(env, &group, &name, value)?;
        Ok(this)
    }

    /// Sets the request contents: a Buffer is binary, a string is text, anything else JSON.
    #[napi(
        catch_unwind,
        ts_args_type = "contents: unknown, contentType?: string",
        ts_return_type = "this"
    )]
    pub fn with_request<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        contents: Unknown<'_>,
        content_type: Option<String>,
    ) -> Result<This<'a>, Code> {
        let input = body_input(env, contents)?;
        edit_sync(&self.draft, |m| {
            dsl::with_contents(
                &mut m.request,
                MessagePart::Request,
                input,
                content_type.as_deref(),
            )
        })?;
        Ok(this)
    }

    /// Merges keys into the request metadata; values may be matchers and generators.
    #[napi(
        catch_unwind,
        ts_args_type = "metadata: Record<string, unknown>",
        ts_return_type = "this"
    )]
    pub fn with_request_metadata<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        metadata: Unknown<'_>,
    ) -> Result<This<'a>, Code> {
        let metadata = required_json(env, metadata, "The request metadata")?;
        edit_sync(&self.draft, |m| {
            dsl::with_metadata(&mut m.request, MessagePart::Request, &metadata)
        })?;
        Ok(this)
    }

    /// Adds matching rules to the request's rules (as `Message.withMatchingRules`).
    #[napi(
        catch_unwind,
        ts_args_type = "rules: MessageMatchingRulesJson",
        ts_return_type = "this"
    )]
    pub fn with_request_matching_rules<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        rules: Unknown<'_>,
    ) -> Result<This<'a>, Code> {
        let rules = required_json(env, rules, "The request matching rules")?;
        edit_sync(&self.draft, |m| {
            dsl::with_matching_rules(&mut m.request, MessagePart::Request, &rules)
        })?;
        Ok(this)
    }

    /// Adds a response with these contents (each call adds one).
    #[napi(
        catch_unwind,
        ts_args_type = "contents: unknown, contentType?: string",
        ts_return_type = "this"
    )]
    pub fn with_response<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        contents: Unknown<'_>,
        content_type: Option<String>,
    ) -> Result<This<'a>, Code> {
        let input = body_input(env, contents)?;
        edit_sync(&self.draft, |m| {
            let mut response = model::MessageContents::default();
            dsl::with_contents(
                &mut response,
                MessagePart::Response,
                input,
                content_type.as_deref(),
            )?;
            m.responses.push(response);
            Ok(())
        })?;
        Ok(this)
    }

    /// Merges keys into the metadata of the last response added.
    #[napi(
        catch_unwind,
        ts_args_type = "metadata: Record<string, unknown>",
        ts_return_type = "this"
    )]
    pub fn with_response_metadata<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        metadata: Unknown<'_>,
    ) -> Result<This<'a>, Code> {
        let metadata = required_json(env, metadata, "The response metadata")?;
        edit_sync(&self.draft, |m| {
            let response = dsl::last_response(m, "withResponseMetadata")?;
            dsl::with_metadata(response, MessagePart::Response, &metadata)
        })?;
        Ok(this)
    }

    /// Adds matching rules to the rules of the last response added (as
    /// `Message.withMatchingRules`).
    #[napi(
        catch_unwind,
        ts_args_type = "rules: MessageMatchingRulesJson",
        ts_return_type = "this"
    )]
    pub fn with_response_matching_rules<'a>(
        &self,
        env: &Env,
        this: This<'a>,
        rules: Unknown<'_>,
    ) -> Result<This<'a>, Code> {
        let rules = required_json(env, rules, "The response matching rules")?;
        edit_sync(&self.draft, |m| {
            let response = dsl::last_response(m, "withResponseMatchingRules")?;
            dsl::with_matching_rules(response, MessagePart::Response, &rules)
        })?;
        Ok(this)
    }

    /// The request and responses the consumer's handler is handed, each with its own
    /// generators applied (consumer side).
    #[napi(catch_unwind)]
    pub fn reify(&self) -> Result<ReifiedSynchronousMessage, Code> {
        let reified = edit_sync(&self.draft, |m| {
            Ok(generate::reify_synchronous_message(
                m,
                &GeneratorContext::default(),
            ))
        })?;
        Ok(ReifiedSynchronousMessage {
            description: reified.description,
            provider_states: provider_states_to_json(&reified.provider_states),
            request: message_contents_js(reified.request),
            responses: reified
                .responses
                .into_iter()
                .map(message_contents_js)
                .collect(),
        })
    }

    /// See `Message.takeIntoPactFile`.
    #[napi(catch_unwind, skip_typescript)]
    pub fn take_into_pact_file(&self, dir: String, overwrite: Option<bool>) -> Result<(), Code> {
        self.draft.take_into_pact_file(dir, overwrite)
    }

    /// See `Message.discard`.
    #[napi(skip_typescript)]
    pub fn discard(&self) -> bool {
        self.draft.take().is_some()
    }
}
