//! Reified messages: what a consumer's handler is handed. The example contents and metadata
//! with the generators applied in consumer mode (for V3 messages, V4 asynchronous and V4
//! synchronous messages alike), metadata generators applied even to keys the example lacks,
//! and `contentType` in the metadata when the contents have one. The pact file keeps the
//! examples.

use super::json_path::JsonPath;
use super::{generate_body, generate_value, GeneratorContext};
use crate::model::{
    AsynchronousMessage, Body, Generator, MessageContents, ProviderState, SynchronousMessage,
};
use serde_json::{Map, Value};

/// The contents as the handler gets them.
#[derive(Debug, Clone, PartialEq)]
pub enum ReifiedBody {
    /// No contents (handed over as `null`).
    None,
    /// JSON contents, parsed.
    Json(Value),
    /// Text contents.
    Text(String),
    /// Binary contents.
    Bytes(Vec<u8>),
}

/// One reified message (or part of a synchronous message).
#[derive(Debug, Clone, PartialEq)]
pub struct ReifiedContents {
    pub contents: ReifiedBody,
    /// The content type of the contents; `None` when there are none.
    pub content_type: Option<String>,
    pub metadata: Map<String, Value>,
}

/// A reified asynchronous message.
#[derive(Debug, Clone, PartialEq)]
pub struct ReifiedMessage {
    pub description: String,
    pub provider_states: Vec<ProviderState>,
    pub contents: ReifiedContents,
}

/// A reified synchronous message: its request and every response, each generated with its
/// own generators.
#[derive(Debug, Clone, PartialEq)]
pub struct ReifiedSynchronousMessage {
    pub description: String,
    pub provider_states: Vec<ProviderState>,
    pub request: ReifiedContents,
    pub responses: Vec<ReifiedContents>,
}

pub fn reify_message(message: &AsynchronousMessage, context: &GeneratorContext) -> ReifiedMessage {
    ReifiedMessage {
        description: message.description.clone(),
        provider_states: message.provider_states.clone(),
        contents: reify_contents(&message.contents, context),
    }
}

pub fn reify_synchronous_message(
    message: &SynchronousMessage,
    context: &GeneratorContext,
) -> ReifiedSynchronousMessage {
    ReifiedSynchronousMessage {
        description: message.description.clone(),
        provider_states: message.provider_states.clone(),
        request: reify_contents(&message.request, context),
        responses: message
            .responses
            .iter()
            .map(|r| reify_contents(r, context))
            .collect(),
    }
}

/// The metadata key a metadata generator key belongs to, and the JSON path inside its value
/// (`ID` -> (`ID`, none); `TagData.ID` -> (`TagData`, `$.ID`) when `TagData` is a key). A key
/// the metadata lacks is taken whole (it is generated from nothing).
fn split_metadata_key<'a>(
    metadata: &Map<String, Value>,
    key: &'a str,
) -> (&'a str, Option<&'a str>) {
    if metadata.contains_key(key) {
        return (key, None);
    }
    let inner = metadata
        .keys()
        .filter(|k| {
            key.len() > k.len()
                && key.starts_with(k.as_str())
                && matches!(key.as_bytes()[k.len()], b'.' | b'[')
        })
        .max_by_key(|k| k.len());
    match inner {
        Some(k) => (&key[..k.len()], Some(&key[k.len()..])),
        None => (key, None),
    }
}

fn apply_metadata_generator(
    metadata: &mut Map<String, Value>,
    key: &str,
    generator: &Generator,
    context: &GeneratorContext,
) {
    match split_metadata_key(metadata, key) {
        (key, None) => {
            let current = metadata.get(key).cloned().unwrap_or(Value::Null);
            if let Some(v) = generate_value(generator, &current, context) {
                metadata.insert(key.to_string(), v);
            }
        }
        (key, Some(rest)) => {
            let Ok(path) = JsonPath::parse(&format!("${rest}")) else {
                tracing::warn!("Skipping a metadata generator at invalid path '{key}{rest}'");
                return;
            };
            if let Some(value) = metadata.get_mut(key) {
                path.apply(value, &mut |v: &mut Value| {
                    if let Some(new) = generate_value(generator, v, context) {
                        *v = new;
                    }
                });
            }
        }
    }
}

/// The contents and metadata of one message with their generators applied.
pub(crate) fn reify_contents(
    contents: &MessageContents,
    context: &GeneratorContext,
) -> ReifiedContents {
    let mut metadata = contents.metadata.clone();
    if let Some(generators) = contents.generators.category("metadata") {
        for (key, generator) in generators {
            apply_metadata_generator(&mut metadata, key, generator, context);
        }
    }
    let content_type = contents.content_type();
    let body = match contents.generators.category("body") {
        Some(generators) if !contents.is_binary() => {
            generate_body(&contents.body, content_type.as_ref(), generators, context)
        }
        _ => contents.body.clone(),
    };
    let has_contents = matches!(body, Body::Present { .. } | Body::Empty);
    let content_type = content_type.filter(|_| has_contents).map(|c| c.to_string());
    if let Some(ct) = &content_type {
        if !metadata.contains_key("contentType") {
            metadata.insert("contentType".into(), Value::String(ct.clone()));
        }
    }
    let json = contents.content_type().is_some_and(|c| c.is_json());
    let reified = match body {
        Body::Missing | Body::Null => ReifiedBody::None,
        Body::Empty => ReifiedBody::Text(String::new()),
        Body::Present { bytes, .. } if contents.is_binary() => ReifiedBody::Bytes(bytes),
        Body::Present { bytes, .. } => {
            let parsed = if json {
                serde_json::from_slice::<Value>(&bytes).ok()
            } else {
                None
            };
            match parsed {
                Some(v) => ReifiedBody::Json(v),
                None => match String::from_utf8(bytes) {
                    Ok(s) => ReifiedBody::Text(s),
                    Err(e) => ReifiedBody::Bytes(e.into_bytes()),
                },
            }
        }
    };
    ReifiedContents {
        contents: reified,
        content_type,
        metadata,
    }
}
