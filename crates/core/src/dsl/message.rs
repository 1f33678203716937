//! The message DSL: new asynchronous and synchronous messages (checked against the pact's
//! specification version), their description, provider states, contents, metadata and matching
//! rules given as rules (`with_matching_rules`).
//! Contents and metadata may hold matchers and generators anywhere, as HTTP bodies do: body
//! rules and generators go to the `body` category by JSON path, metadata ones to `metadata`
//! under the metadata key (`ID`, or `TagData.ID` inside an object value), as libpact_ffi keys
//! them.

use super::integration::Processor;
use super::{append_rules, encode_body, given_rules, BodyInput};
use crate::error::{ErrorCode, PactError, Result};
use crate::model::message::{content_rules_as_body, metadata_content_type};
use crate::model::{
    AsynchronousMessage, Body, ContentType, MessageContents, ProviderState, SpecVersion,
    SynchronousMessage,
};
use serde_json::{Map, Value};

/// Checks a message description: it names the message in the pact file and tells messages
/// apart when files merge, so it cannot be blank.
pub fn check_description(description: &str) -> Result<()> {
    if description.trim().is_empty() {
        return Err(PactError::invalid_argument(
            "A message needs a description saying what the consumer expects to receive, e.g. \
             'an order created event' (got an empty string)",
        ));
    }
    Ok(())
}

/// A new asynchronous message for a pact of version `spec`: messages start at V3.
pub fn new_message(spec: SpecVersion, description: &str) -> Result<AsynchronousMessage> {
    if spec < SpecVersion::V3 {
        return Err(PactError::new(
            ErrorCode::NotInSpecVersion,
            format!(
                "A {spec} pact cannot hold messages: message pacts start at V3. Create the pact \
                 with {{ specification: 'V3' }} or 'V4' (the default), or call \
                 withSpecification('V4') before newMessage()"
            ),
        ));
    }
    check_description(description)?;
    Ok(AsynchronousMessage::new(description))
}

/// A new synchronous (request/response) message for a pact of version `spec`: V4 only.
pub fn new_synchronous_message(spec: SpecVersion, description: &str) -> Result<SynchronousMessage> {
    if spec < SpecVersion::V4 {
        return Err(PactError::new(
            ErrorCode::NotInSpecVersion,
            format!(
                "A {spec} pact cannot hold synchronous messages: they need specification V4. \
                 Create the pact with {{ specification: 'V4' }} (the default) or call \
                 withSpecification('V4') before newSynchronousMessage()"
            ),
        ));
    }
    check_description(description)?;
    Ok(SynchronousMessage::new(description))
}

/// Adds a provider state with optional parameters.
pub fn given(states: &mut Vec<ProviderState>, state: &str, params: Option<Map<String, Value>>) {
    states.push(ProviderState {
        name: state.to_string(),
        params: params.filter(|p| !p.is_empty()),
    });
}

/// Which contents a call sets, for messages that name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessagePart {
    /// The contents of an asynchronous message.
    Message,
    /// The request of a synchronous message.
    Request,
    /// A response of a synchronous message.
    Response,
}

impl MessagePart {
    fn name(self) -> &'static str {
        match self {
            MessagePart::Message => "message contents",
            MessagePart::Request => "request contents",
            MessagePart::Response => "response contents",
        }
    }
}

/// Sets the contents: a Buffer (bytes) is binary, a string is text, anything else JSON. The
/// content type is `content_type`, else the metadata's `contentType`, else detected as the
/// reference does (JSON, XML, HTML, text; bytes are `application/octet-stream`). JSON is
/// processed for matchers and generators, XML builder documents are built, raw XML stays as
/// given. The parts of a synchronous message also record the content type in their metadata
/// when it has none (as libpact_ffi's `pactffi_with_body` does); an asynchronous message keeps
/// it with its contents only (as `pactffi_message_with_contents` does). Earlier body rules and
/// generators are replaced.
pub fn with_contents(
    contents: &mut MessageContents,
    part: MessagePart,
    input: BodyInput,
    content_type: Option<&str>,
) -> Result<()> {
    let what = part.name();
    let ct = match content_type.map(str::trim).filter(|c| !c.is_empty()) {
        Some(raw) => ContentType::parse(raw).ok_or_else(|| {
            PactError::invalid_argument(format!(
                "Invalid content type '{raw}' for the {what}: use type/subtype, e.g. application/json"
            ))
        })?,
        None => match metadata_content_type(&contents.metadata) {
            Some(ct) => ct,
            None => match &input {
                BodyInput::Json(Value::String(s)) | BodyInput::Text(s) => {
                    ContentType::detect(s.as_bytes())
                }
                BodyInput::Json(_) => ContentType::json(),
                BodyInput::Bytes(_) => ContentType::octet_stream(),
            },
        },
    };
    let binary_input = matches!(input, BodyInput::Bytes(_));
    // As libpact_ffi: the bytes of a synchronous message's part get a contentType rule (as
    // binary HTTP bodies do, `pactffi_with_binary_file`); those of an asynchronous message do
    // not (`pactffi_message_with_binary_contents`).
    let (bytes, processor) = encode_body(input, &ct, what, part != MessagePart::Message)?;
    processor.replace_category(
        "body",
        &mut contents.matching_rules,
        &mut contents.generators,
    );
    // Bytes given with a text type stay bytes (written as base64, handed over as a Buffer);
    // multipart contents are bytes anyway (see `MessageContents::is_binary`).
    contents.content_type_hint =
        (binary_input && !ct.is_binary() && !ct.is_multipart()).then(|| "BINARY".to_string());
    if part != MessagePart::Message && !contents.metadata.contains_key("contentType") {
        contents
            .metadata
            .insert("contentType".into(), Value::String(ct.to_string()));
    }
    // Zero bytes keep their content type (the reference writes it for empty text).
    contents.body = Body::Present {
        bytes,
        content_type: Some(ct),
    };
    Ok(())
}

/// Drops the metadata rules and generators of `key` and of everything inside its value.
fn remove_metadata_rules(contents: &mut MessageContents, key: &str) {
    let inside_dot = format!("{key}.");
    let inside_bracket = format!("{key}[");
    let keep =
        |k: &String| k != key && !k.starts_with(&inside_dot) && !k.starts_with(&inside_bracket);
    if let Some(c) = contents.matching_rules.categories.get_mut("metadata") {
        c.retain(|k, _| keep(k));
    }
    if let Some(c) = contents.generators.categories.get_mut("metadata") {
        c.retain(|k, _| keep(k));
    }
}

/// Merges `metadata` (a JSON object) into the contents' metadata: each key's value replaces
/// the one before, with its matchers and generators, which may sit anywhere inside it.
pub fn with_metadata(
    contents: &mut MessageContents,
    part: MessagePart,
    metadata: &Value,
) -> Result<()> {
    let Value::Object(entries) = metadata else {
        return Err(PactError::invalid_argument(format!(
            "The metadata of the {} must be an object of keys to values (values may be \
             matchers), e.g. {{ topic: 'orders', contentType: 'application/json' }}; got {metadata}",
            part.name().trim_end_matches(" contents")
        )));
    };
    for (key, value) in entries {
        if key.is_empty() {
            return Err(PactError::invalid_argument(
                "A metadata key cannot be empty: name each value, e.g. { topic: 'orders' }",
            ));
        }
        let mut processor = Processor::new(format!("metadata '{key}'"));
        let example = processor.process(value, key)?;
        remove_metadata_rules(contents, key);
        for (path, list) in processor.rules {
            contents.matching_rules.add("metadata", &path, list);
        }
        for (path, g) in processor.generators {
            contents.generators.add("metadata", &path, g);
        }
        contents.metadata.insert(key.clone(), example);
    }
    Ok(())
}

/// The categories of rules a message's contents take: `body` (also as the V4 specification's
/// `content`) and `metadata`.
const MESSAGE_RULE_CATEGORIES: [&str; 3] = ["body", "content", "metadata"];

/// The categories of HTTP interactions, which a message does not have.
const HTTP_ONLY_CATEGORIES: [&str; 4] = ["path", "query", "header", "status"];

/// Adds matching rules given in the pact-file layout (`{body: {"$.a": {matchers: [...],
/// combine?}}, metadata: {key: {...}}}`) to the contents of a message or of one part of a
/// synchronous message, after the rules already at the same paths, as
/// `pactffi_with_matching_rules` does. Body rules are keyed by JSON path (`content`, the V4
/// specification's name, is taken as `body`, as the reader takes it); metadata rules by the
/// metadata key (`ID`, or `TagData.ID` inside an object value, as the matchers in metadata are
/// keyed). The rules are checked as a server start checks an interaction's (an unknown matcher,
/// a bad regex or path expression is an error); the categories of HTTP interactions (`path`,
/// `query`, `header`, `status`) are refused, as no verifier reads them on a message (libpact_ffi
/// writes them). Nothing is added when a rule is wrong.
pub fn with_matching_rules(
    contents: &mut MessageContents,
    part: MessagePart,
    rules: &Value,
) -> Result<()> {
    let owner = part.name().trim_end_matches(" contents");
    let context = format!("The {owner} matching rules");
    if let Some(http) = rules.as_object().and_then(|m| {
        m.keys()
            .find(|k| HTTP_ONLY_CATEGORIES.contains(&k.as_str()))
    }) {
        return Err(PactError::invalid_argument(format!(
            "{context}: a message has no '{http}' rules (that category is of HTTP interactions, and \
             no verifier reads it on a message): use body (or content) for the contents and \
             metadata for the metadata, e.g. {{ metadata: {{ topic: {{ matchers: [{{ match: \
             'regex', regex: 'orders\\..*' }}] }} }} }}"
        )));
    }
    let given = given_rules(
        rules,
        &MESSAGE_RULE_CATEGORIES,
        &context,
        &format!("{owner} matchingRules."),
        content_rules_as_body,
    )?;
    append_rules(&mut contents.matching_rules, given);
    Ok(())
}

/// The last response of a synchronous message, for the calls that change it (`call` names the
/// call in the error when there is none yet).
pub fn last_response<'a>(
    message: &'a mut SynchronousMessage,
    call: &str,
) -> Result<&'a mut MessageContents> {
    message.responses.last_mut().ok_or_else(|| {
        PactError::invalid_argument(format!(
            "This synchronous message has no response yet: call withResponse(contents) before \
             {call}(...)"
        ))
    })
}
