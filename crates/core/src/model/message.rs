//! Message interactions: V3 messages (`messages[]` of a V3 file), V4 `Asynchronous/Messages`
//! and V4 `Synchronous/Messages` (a request and its responses). Each part is `MessageContents`:
//! a body, metadata, and matching rules and generators in the `body` and `metadata` categories.
//!
//! Reading accepts what the reference and the specification write (`metaData` or `metadata`,
//! the `content` rule category of the V4 specification as `body`, legacy `providerState`);
//! writing gives the reference's layouts with their keys in alphabetical order, as the reference
//! writes them, so that a file written by either comes back unchanged.

use super::file::{provider_states_from_json, provider_states_to_json};
use super::pact::{add_text_comment, same_state_names};
use super::{Body, ContentType, Generators, MatchingRules, ProviderState};
use crate::error::{PactError, Result};
use base64::Engine;
use serde_json::{json, Map, Value};

/// The `type` of a V4 asynchronous message interaction.
pub const ASYNCHRONOUS_MESSAGE: &str = "Asynchronous/Messages";
/// The `type` of a V4 synchronous (request/response) message interaction.
pub const SYNCHRONOUS_MESSAGE: &str = "Synchronous/Messages";

/// What one message carries: its body (the contents), metadata, and the matching rules and
/// generators of both (categories `body`, keyed by JSON path, and `metadata`, keyed by the
/// metadata key: `ID`, or `TagData.ID` inside an object value).
#[derive(Debug, Clone, PartialEq)]
pub struct MessageContents {
    /// The contents; `Body::Missing` when the message has none. The body's content type is the
    /// one the contents were given with (`None` when a V3 file gives none).
    pub body: Body,
    /// The V4 body object's `contentTypeHint` (`BINARY`, `TEXT`, `DEFAULT`), when it has one.
    pub content_type_hint: Option<String>,
    /// Metadata values: any JSON.
    pub metadata: Map<String, Value>,
    pub matching_rules: MatchingRules,
    pub generators: Generators,
    /// Whether the V3 layout adds the body's content type to the metadata as `contentType`
    /// when the metadata has none (as the reference writes the messages it builds). False for
    /// contents read from a V3 file, so that they are written back as they were read.
    pub v3_metadata_content_type: bool,
}

impl Default for MessageContents {
    fn default() -> Self {
        MessageContents {
            body: Body::Missing,
            content_type_hint: None,
            metadata: Map::new(),
            matching_rules: MatchingRules::default(),
            generators: Generators::default(),
            v3_metadata_content_type: true,
        }
    }
}

/// An asynchronous message: what a provider publishes (to a queue, topic, socket) and the
/// consumer's handler receives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AsynchronousMessage {
    pub description: String,
    pub provider_states: Vec<ProviderState>,
    pub contents: MessageContents,
    /// V4: a key that identifies the message across versions of the pact.
    pub key: Option<String>,
    /// V4: a pending message does not fail provider verification.
    pub pending: bool,
    /// V4: free-form comments (`text`, `testname`, ...).
    pub comments: Map<String, Value>,
    /// V4 fields this model does not interpret (`pluginConfiguration`, `interactionMarkup`,
    /// `transport`, ...), written back as they were read.
    pub extra: Map<String, Value>,
}

/// A synchronous message (V4): a request message and the response messages that answer it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SynchronousMessage {
    pub description: String,
    pub provider_states: Vec<ProviderState>,
    pub request: MessageContents,
    pub responses: Vec<MessageContents>,
    pub key: Option<String>,
    pub pending: bool,
    pub comments: Map<String, Value>,
    /// V4 fields this model does not interpret, written back as they were read.
    pub extra: Map<String, Value>,
}

/// The fields every kind of message has, borrowed for editing.
pub struct MessageFieldsMut<'a> {
    pub description: &'a mut String,
    pub provider_states: &'a mut Vec<ProviderState>,
    pub key: &'a mut Option<String>,
    pub pending: &'a mut bool,
    pub comments: &'a mut Map<String, Value>,
}

impl MessageFieldsMut<'_> {
    /// Adds a V4 text comment (`comments.text`).
    pub fn add_comment(&mut self, text: impl Into<String>) {
        add_text_comment(self.comments, text);
    }
}

/// A message interaction of a pact.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Asynchronous(AsynchronousMessage),
    Synchronous(SynchronousMessage),
}

impl AsynchronousMessage {
    pub fn new(description: impl Into<String>) -> AsynchronousMessage {
        AsynchronousMessage {
            description: description.into(),
            ..AsynchronousMessage::default()
        }
    }

    /// Adds a V4 text comment (`comments.text`).
    pub fn add_comment(&mut self, text: impl Into<String>) {
        add_text_comment(&mut self.comments, text);
    }
}

impl SynchronousMessage {
    pub fn new(description: impl Into<String>) -> SynchronousMessage {
        SynchronousMessage {
            description: description.into(),
            ..SynchronousMessage::default()
        }
    }

    /// Adds a V4 text comment (`comments.text`).
    pub fn add_comment(&mut self, text: impl Into<String>) {
        add_text_comment(&mut self.comments, text);
    }
}

impl Message {
    pub fn description(&self) -> &str {
        match self {
            Message::Asynchronous(m) => &m.description,
            Message::Synchronous(m) => &m.description,
        }
    }

    pub fn provider_states(&self) -> &[ProviderState] {
        match self {
            Message::Asynchronous(m) => &m.provider_states,
            Message::Synchronous(m) => &m.provider_states,
        }
    }

    pub fn key(&self) -> Option<&str> {
        match self {
            Message::Asynchronous(m) => m.key.as_deref(),
            Message::Synchronous(m) => m.key.as_deref(),
        }
    }

    pub fn is_synchronous(&self) -> bool {
        matches!(self, Message::Synchronous(_))
    }

    /// The fields every kind has, for editing them whatever the kind.
    pub fn fields_mut(&mut self) -> MessageFieldsMut<'_> {
        match self {
            Message::Asynchronous(m) => MessageFieldsMut {
                description: &mut m.description,
                provider_states: &mut m.provider_states,
                key: &mut m.key,
                pending: &mut m.pending,
                comments: &mut m.comments,
            },
            Message::Synchronous(m) => MessageFieldsMut {
                description: &mut m.description,
                provider_states: &mut m.provider_states,
                key: &mut m.key,
                pending: &mut m.pending,
                comments: &mut m.comments,
            },
        }
    }

    /// The V4 interaction `type`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Message::Asynchronous(_) => ASYNCHRONOUS_MESSAGE,
            Message::Synchronous(_) => SYNCHRONOUS_MESSAGE,
        }
    }

    /// Whether two messages describe the same thing for merging: the same kind and the same
    /// key when both have one, else the same description and provider states.
    pub fn same_as(&self, other: &Message) -> bool {
        if self.is_synchronous() != other.is_synchronous() {
            return false;
        }
        match (self.key(), other.key()) {
            (Some(a), Some(b)) => a == b,
            _ => {
                self.description() == other.description()
                    && same_state_names(self.provider_states(), other.provider_states())
            }
        }
    }

    /// Reads a V4 message interaction (`Asynchronous/Messages` or `Synchronous/Messages`).
    pub fn from_v4_json(json: &Value) -> Result<Message> {
        let obj = json
            .as_object()
            .ok_or_else(|| PactError::invalid_json("an interaction must be an object"))?;
        match obj.get("type").and_then(Value::as_str) {
            Some(ASYNCHRONOUS_MESSAGE) => {
                AsynchronousMessage::from_v4_json(obj).map(Message::Asynchronous)
            }
            Some(SYNCHRONOUS_MESSAGE) => {
                SynchronousMessage::from_v4_json(obj).map(Message::Synchronous)
            }
            other => Err(PactError::invalid_json(format!(
                "type {} is not a message interaction type ({ASYNCHRONOUS_MESSAGE} or {SYNCHRONOUS_MESSAGE})",
                other.map(|t| format!("'{t}'")).unwrap_or_else(|| "(none)".into())
            ))),
        }
    }

    /// The V4 interaction JSON.
    pub fn to_v4_json(&self) -> Value {
        match self {
            Message::Asynchronous(m) => m.to_v4_json(),
            Message::Synchronous(m) => m.to_v4_json(),
        }
    }
}

// ---------------------------------------------------------------- reading

/// A rule set read from a message, with the V4 specification's `content` category as `body`
/// (what the reference does with it).
fn message_rules(obj: &Map<String, Value>) -> Result<MatchingRules> {
    let mut rules = match obj.get("matchingRules") {
        Some(v) => MatchingRules::from_json(v)?,
        None => MatchingRules::default(),
    };
    content_rules_as_body(&mut rules);
    Ok(rules)
}

/// Moves the rules of the V4 specification's `content` category to `body` (after those
/// already there), as the reference reads them.
pub(crate) fn content_rules_as_body(rules: &mut MatchingRules) {
    if let Some(content) = rules.categories.shift_remove("content") {
        for (path, list) in content {
            rules.add("body", &path, list);
        }
    }
}

fn message_generators(obj: &Map<String, Value>) -> Result<Generators> {
    let mut generators =
        Generators::from_category_json(obj.get("generators").unwrap_or(&Value::Null))?;
    if let Some(content) = generators.categories.shift_remove("content") {
        for (path, g) in content {
            generators.add("body", &path, g);
        }
    }
    Ok(generators)
}

fn metadata_from(obj: &Map<String, Value>) -> Result<Map<String, Value>> {
    match obj.get("metadata").or_else(|| obj.get("metaData")) {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m.clone()),
        Some(other) => Err(PactError::invalid_json(format!(
            "metadata must be an object, got {other}"
        ))),
    }
}

/// The `contentType` of message metadata: the key `contentType`, else any spelling of
/// `content-type` / `contentType`.
pub(crate) fn metadata_content_type(metadata: &Map<String, Value>) -> Option<ContentType> {
    metadata
        .get("contentType")
        .or_else(|| {
            metadata
                .iter()
                .find(|(k, _)| {
                    k.eq_ignore_ascii_case("contentType") || k.eq_ignore_ascii_case("content-type")
                })
                .map(|(_, v)| v)
        })
        .and_then(Value::as_str)
        .and_then(ContentType::parse)
}

fn base64_decode(s: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD.decode(s).ok()
}

/// V3 `contents`: JSON, a string (text, or base64 when the metadata gives a binary content
/// type), `""` (empty) or absent.
fn v3_body(contents: Option<&Value>, metadata_ct: Option<ContentType>) -> Body {
    match contents {
        None => Body::Missing,
        Some(Value::Null) => Body::Null,
        Some(Value::String(s)) if s.is_empty() => Body::Empty,
        Some(Value::String(s)) => {
            let bytes = match &metadata_ct {
                Some(ct) if ct.is_binary() => {
                    base64_decode(s).unwrap_or_else(|| s.clone().into_bytes())
                }
                _ => s.clone().into_bytes(),
            };
            Body::Present {
                bytes,
                content_type: metadata_ct,
            }
        }
        Some(other) => Body::Present {
            bytes: other.to_string().into_bytes(),
            content_type: metadata_ct.or_else(|| Some(ContentType::json())),
        },
    }
}

/// A V4 body object `{content, contentType, encoded, contentTypeHint?}` and its hint.
fn v4_body(
    value: Option<&Value>,
    metadata_ct: Option<ContentType>,
) -> Result<(Body, Option<String>)> {
    let Some(Value::Object(b)) = value else {
        // Not a body object: contents as a V3 file gives them.
        return Ok((v3_body(value, metadata_ct), None));
    };
    let ct = match b.get("contentType") {
        Some(Value::String(s)) => Some(ContentType::parse(s).ok_or_else(|| {
            PactError::invalid_json(format!(
                "contents.contentType '{s}' is not a content type (type/subtype)"
            ))
        })?),
        _ => metadata_ct,
    };
    let hint = b
        .get("contentTypeHint")
        .and_then(Value::as_str)
        .map(str::to_string);
    let encoded = match b.get("encoded") {
        Some(Value::Bool(e)) => *e,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("base64"),
        _ => false,
    };
    let body = match b.get("content") {
        None => Body::Missing,
        // JSON `null` contents keep their content type; without one it is the null body.
        Some(Value::Null) if ct.is_none() => Body::Null,
        Some(Value::String(s)) if encoded => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(s)
                .map_err(|e| {
                    PactError::invalid_json(format!("contents.content is not valid base64: {e}"))
                })?;
            Body::Present {
                bytes,
                content_type: ct,
            }
        }
        Some(Value::String(s)) if s.is_empty() && ct.is_none() => Body::Empty,
        Some(Value::String(s)) => Body::Present {
            bytes: s.clone().into_bytes(),
            content_type: ct,
        },
        Some(other) => Body::Present {
            bytes: other.to_string().into_bytes(),
            content_type: ct.or_else(|| Some(ContentType::json())),
        },
    };
    Ok((body, hint))
}

impl MessageContents {
    /// The contents of a V3 message (`contents`, `metadata` or `metaData`, `matchingRules`,
    /// `generators`).
    pub fn from_v3_json(obj: &Map<String, Value>) -> Result<MessageContents> {
        let metadata = metadata_from(obj)?;
        let body = v3_body(obj.get("contents"), metadata_content_type(&metadata));
        Ok(MessageContents {
            body,
            content_type_hint: None,
            metadata,
            matching_rules: message_rules(obj)?,
            generators: message_generators(obj)?,
            v3_metadata_content_type: false,
        })
    }

    /// The contents of a V4 message or message part (`contents` body object, `metadata`,
    /// `matchingRules`, `generators`).
    pub fn from_v4_json(obj: &Map<String, Value>) -> Result<MessageContents> {
        let metadata = metadata_from(obj)?;
        let (body, content_type_hint) =
            v4_body(obj.get("contents"), metadata_content_type(&metadata))?;
        Ok(MessageContents {
            body,
            content_type_hint,
            metadata,
            matching_rules: message_rules(obj)?,
            generators: message_generators(obj)?,
            v3_metadata_content_type: true,
        })
    }

    /// The content type of the contents: the one they were given with, else the metadata's
    /// `contentType`, else detected from the bytes (JSON, XML, HTML, text).
    pub fn content_type(&self) -> Option<ContentType> {
        match &self.body {
            Body::Present {
                content_type: Some(ct),
                ..
            } => Some(ct.clone()),
            Body::Present { bytes, .. } => {
                metadata_content_type(&self.metadata).or_else(|| Some(ContentType::detect(bytes)))
            }
            _ => metadata_content_type(&self.metadata),
        }
    }

    /// Whether the contents are bytes rather than text or JSON: a binary or multipart content
    /// type (pact-reference writes both as base64), or the `BINARY` hint.
    pub fn is_binary(&self) -> bool {
        self.body.is_present()
            && (self
                .content_type_hint
                .as_deref()
                .is_some_and(|h| h.eq_ignore_ascii_case("BINARY"))
                || self
                    .content_type()
                    .is_some_and(|ct| ct.is_binary() || ct.is_multipart()))
    }

    /// How the contents are written: JSON, text or base64 (`None`: no contents).
    fn encoded(&self) -> Option<(Value, Option<ContentType>, bool)> {
        let ct = self.content_type();
        match &self.body {
            Body::Missing => None,
            Body::Null => Some((Value::Null, ct, false)),
            Body::Empty => Some((Value::String(String::new()), ct, false)),
            Body::Present { bytes, .. } => {
                if !self.is_binary() && ct.as_ref().is_some_and(ContentType::is_json) {
                    if let Ok(v) = serde_json::from_slice::<Value>(bytes) {
                        return Some((v, ct, false));
                    }
                }
                if !self.is_binary() {
                    if let Ok(s) = std::str::from_utf8(bytes) {
                        return Some((Value::String(s.to_string()), ct, false));
                    }
                }
                let b64 = base64::engine::general_purpose::STANDARD.encode(bytes);
                Some((Value::String(b64), ct, true))
            }
        }
    }

    /// The V4 body object of the contents (`{"content": ""}` when empty).
    fn v4_body_json(&self) -> Option<Value> {
        match self.body {
            Body::Missing => return None,
            Body::Null => return Some(Value::Null),
            // The reference writes empty contents as `{"content": ""}` alone.
            Body::Empty => return Some(json!({"content": ""})),
            Body::Present { .. } => {}
        }
        let (content, ct, base64) = self.encoded()?;
        let mut obj = Map::new();
        obj.insert("content".into(), content);
        // The reference's content type for contents without one.
        let ct = ct.map(|c| c.pact_form()).unwrap_or_else(|| "*/*".into());
        obj.insert("contentType".into(), Value::String(ct));
        if let Some(hint) = &self.content_type_hint {
            obj.insert("contentTypeHint".into(), Value::String(hint.clone()));
        }
        obj.insert(
            "encoded".into(),
            if base64 {
                json!("base64")
            } else {
                json!(false)
            },
        );
        Some(Value::Object(obj))
    }

    /// The V3 `contents` value: JSON for JSON, text, base64 for bytes (without a marker: the
    /// metadata's binary content type says so).
    fn v3_contents(&self) -> Option<Value> {
        self.encoded().map(|(v, _, _)| v)
    }

    /// The metadata as the V3 layout writes it: with the body's content type as `contentType`
    /// when absent (see `v3_metadata_content_type`).
    fn v3_metadata(&self) -> Map<String, Value> {
        let mut metadata = self.metadata.clone();
        if self.v3_metadata_content_type && !metadata.contains_key("contentType") {
            if let Some(ct) = self.body.content_type() {
                metadata.insert("contentType".into(), Value::String(ct.to_string()));
            }
        }
        metadata
    }

    fn rules_into(&self, obj: &mut Map<String, Value>) {
        if !self.matching_rules.is_empty() {
            obj.insert("matchingRules".into(), self.matching_rules.to_v3_json());
        }
        if !self.generators.is_empty() {
            obj.insert("generators".into(), self.generators.to_json());
        }
    }

    /// The fields of a V4 message part or asynchronous message: `contents`, `metadata` (when
    /// not empty), `matchingRules`, `generators`.
    fn v4_into(&self, obj: &mut Map<String, Value>) {
        if let Some(body) = self.v4_body_json() {
            obj.insert("contents".into(), body);
        }
        if !self.metadata.is_empty() {
            obj.insert("metadata".into(), Value::Object(self.metadata.clone()));
        }
        self.rules_into(obj);
    }

    /// A V4 message part (`request`, an element of `response`).
    pub fn to_v4_json(&self) -> Value {
        let mut obj = Map::new();
        self.v4_into(&mut obj);
        sorted(obj)
    }
}

/// An object with its keys in alphabetical order (as the reference writes pact files).
fn sorted(obj: Map<String, Value>) -> Value {
    let mut entries: Vec<(String, Value)> = obj.into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Value::Object(entries.into_iter().collect())
}

fn string_field(obj: &Map<String, Value>, key: &str) -> Result<Option<String>> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(PactError::invalid_json(format!(
            "{key} must be a string, got {other}"
        ))),
    }
}

/// The interaction fields every V4 message has: key, pending, comments, and the others kept.
struct V4Common {
    key: Option<String>,
    pending: bool,
    comments: Map<String, Value>,
    extra: Map<String, Value>,
}

fn v4_common(obj: &Map<String, Value>, known: &[&str]) -> Result<V4Common> {
    Ok(V4Common {
        key: string_field(obj, "key")?,
        pending: obj.get("pending").and_then(Value::as_bool).unwrap_or(false),
        comments: match obj.get("comments") {
            Some(Value::Object(c)) => c.clone(),
            _ => Map::new(),
        },
        extra: obj
            .iter()
            .filter(|(k, _)| !known.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    })
}

/// The interaction fields every V4 message writes, borrowed from either kind.
struct V4CommonRef<'a> {
    kind: &'static str,
    description: &'a str,
    provider_states: &'a [ProviderState],
    key: &'a Option<String>,
    pending: bool,
    comments: &'a Map<String, Value>,
    extra: &'a Map<String, Value>,
}

fn v4_common_into(obj: &mut Map<String, Value>, common: V4CommonRef<'_>) {
    for (k, v) in common.extra {
        obj.insert(k.clone(), v.clone());
    }
    obj.insert("type".into(), json!(common.kind));
    obj.insert("description".into(), json!(common.description));
    if let Some(key) = common.key {
        obj.insert("key".into(), json!(key));
    }
    // The reference writes `pending` on every V4 interaction.
    obj.insert("pending".into(), json!(common.pending));
    if !common.provider_states.is_empty() {
        obj.insert(
            "providerStates".into(),
            provider_states_to_json(common.provider_states),
        );
    }
    if !common.comments.is_empty() {
        obj.insert("comments".into(), Value::Object(common.comments.clone()));
    }
}

const ASYNC_KEYS: [&str; 10] = [
    "type",
    "description",
    "key",
    "pending",
    "providerStates",
    "comments",
    "contents",
    "metadata",
    "matchingRules",
    "generators",
];

const SYNC_KEYS: [&str; 8] = [
    "type",
    "description",
    "key",
    "pending",
    "providerStates",
    "comments",
    "request",
    "response",
];

fn description_of(obj: &Map<String, Value>) -> Result<String> {
    Ok(string_field(obj, "description")?.unwrap_or_default())
}

impl AsynchronousMessage {
    /// Reads a message of a V3 file's `messages`.
    pub fn from_v3_json(json: &Value) -> Result<AsynchronousMessage> {
        let obj = json
            .as_object()
            .ok_or_else(|| PactError::invalid_json("a message must be an object"))?;
        Ok(AsynchronousMessage {
            description: description_of(obj)?,
            provider_states: provider_states_from_json(obj)?,
            contents: MessageContents::from_v3_json(obj)?,
            ..AsynchronousMessage::default()
        })
    }

    fn from_v4_json(obj: &Map<String, Value>) -> Result<AsynchronousMessage> {
        let common = v4_common(obj, &ASYNC_KEYS)?;
        Ok(AsynchronousMessage {
            description: description_of(obj)?,
            provider_states: provider_states_from_json(obj)?,
            contents: MessageContents::from_v4_json(obj)?,
            key: common.key,
            pending: common.pending,
            comments: common.comments,
            extra: common.extra,
        })
    }

    /// The message in a V3 file's `messages` (V4's key, pending and comments have no place
    /// there and are left out, as the reference does).
    pub fn to_v3_json(&self) -> Value {
        let mut obj = Map::new();
        obj.insert("description".into(), json!(self.description));
        if !self.provider_states.is_empty() {
            obj.insert(
                "providerStates".into(),
                provider_states_to_json(&self.provider_states),
            );
        }
        if let Some(contents) = self.contents.v3_contents() {
            obj.insert("contents".into(), contents);
        }
        // Always written, even empty, as the reference does.
        obj.insert(
            "metadata".into(),
            Value::Object(self.contents.v3_metadata()),
        );
        self.contents.rules_into(&mut obj);
        sorted(obj)
    }

    /// The V4 `Asynchronous/Messages` interaction.
    pub fn to_v4_json(&self) -> Value {
        let mut obj = Map::new();
        v4_common_into(
            &mut obj,
            V4CommonRef {
                kind: ASYNCHRONOUS_MESSAGE,
                description: &self.description,
                provider_states: &self.provider_states,
                key: &self.key,
                pending: self.pending,
                comments: &self.comments,
                extra: &self.extra,
            },
        );
        self.contents.v4_into(&mut obj);
        sorted(obj)
    }
}

impl SynchronousMessage {
    fn from_v4_json(obj: &Map<String, Value>) -> Result<SynchronousMessage> {
        let common = v4_common(obj, &SYNC_KEYS)?;
        let part = |value: &Value, what: &str| -> Result<MessageContents> {
            let part = value
                .as_object()
                .ok_or_else(|| PactError::invalid_json(format!("{what} must be an object")))?;
            MessageContents::from_v4_json(part)
                .map_err(|e| PactError::new(e.code, format!("{what}: {}", e.message)))
        };
        let request = match obj.get("request") {
            None | Some(Value::Null) => MessageContents::default(),
            Some(r) => part(r, "request")?,
        };
        let responses = match obj.get("response") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, r)| part(r, &format!("response[{i}]")))
                .collect::<Result<Vec<_>>>()?,
            // One response given as an object rather than a list.
            Some(r) => vec![part(r, "response")?],
        };
        Ok(SynchronousMessage {
            description: description_of(obj)?,
            provider_states: provider_states_from_json(obj)?,
            request,
            responses,
            key: common.key,
            pending: common.pending,
            comments: common.comments,
            extra: common.extra,
        })
    }

    /// The V4 `Synchronous/Messages` interaction (`request` and `response` always written).
    pub fn to_v4_json(&self) -> Value {
        let mut obj = Map::new();
        v4_common_into(
            &mut obj,
            V4CommonRef {
                kind: SYNCHRONOUS_MESSAGE,
                description: &self.description,
                provider_states: &self.provider_states,
                key: &self.key,
                pending: self.pending,
                comments: &self.comments,
                extra: &self.extra,
            },
        );
        obj.insert("request".into(), self.request.to_v4_json());
        obj.insert(
            "response".into(),
            Value::Array(
                self.responses
                    .iter()
                    .map(MessageContents::to_v4_json)
                    .collect(),
            ),
        );
        sorted(obj)
    }
}
