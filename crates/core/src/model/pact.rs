//! A pact: consumer, provider, HTTP interactions, metadata and the spec version it is written in.

use super::{Request, Response, SpecVersion};
use crate::error::{PactError, Result};
use serde_json::{Map, Value};

/// A provider state with its parameters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProviderState {
    pub name: String,
    pub params: Option<Map<String, Value>>,
}

impl ProviderState {
    pub fn new(name: impl Into<String>) -> ProviderState {
        ProviderState {
            name: name.into(),
            params: None,
        }
    }
}

/// An HTTP interaction: what the consumer sends and what the provider answers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Interaction {
    pub description: String,
    pub provider_states: Vec<ProviderState>,
    pub request: Request,
    pub response: Response,
    /// V4: a key that identifies the interaction across versions of the pact.
    pub key: Option<String>,
    /// V4: a pending interaction does not fail provider verification.
    pub pending: bool,
    /// V4: free-form comments (`text`, `testname`, ...).
    pub comments: Map<String, Value>,
}

impl Interaction {
    pub fn new(description: impl Into<String>) -> Interaction {
        Interaction {
            description: description.into(),
            request: Request::new("GET", "/"),
            ..Interaction::default()
        }
    }

    /// Adds a V4 text comment (`comments.text`, a list; a single text read from a file becomes
    /// the first of the list).
    pub fn add_comment(&mut self, text: impl Into<String>) {
        let slot = self
            .comments
            .entry("text")
            .or_insert_with(|| Value::Array(Vec::new()));
        if !slot.is_array() {
            let previous = slot.take();
            *slot = Value::Array(vec![previous]);
        }
        if let Value::Array(texts) = slot {
            texts.push(Value::String(text.into()));
        }
    }

    /// Whether two interactions describe the same thing for merging: the same key, or the same
    /// description and provider states.
    pub fn same_as(&self, other: &Interaction) -> bool {
        match (&self.key, &other.key) {
            (Some(a), Some(b)) => a == b,
            _ => {
                self.description == other.description
                    && self.provider_states.len() == other.provider_states.len()
                    && self
                        .provider_states
                        .iter()
                        .zip(&other.provider_states)
                        .all(|(a, b)| a.name == b.name)
            }
        }
    }
}

/// A pact between one consumer and one provider.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pact {
    pub consumer: String,
    pub provider: String,
    pub interactions: Vec<Interaction>,
    /// V4 interactions of other kinds (messages), kept as read so that nothing is lost.
    pub other_interactions: Vec<Value>,
    /// Metadata namespaces other than `pactSpecification`.
    pub metadata: Map<String, Value>,
    pub spec: SpecVersion,
}

impl Pact {
    pub fn new(consumer: impl Into<String>, provider: impl Into<String>) -> Pact {
        Pact {
            consumer: consumer.into(),
            provider: provider.into(),
            ..Pact::default()
        }
    }

    /// A pact for the names a user gave: both must be non-blank, as a pact file names them.
    pub fn named(consumer: &str, provider: &str) -> Result<Pact> {
        if consumer.trim().is_empty() || provider.trim().is_empty() {
            return Err(PactError::invalid_argument(
                "A pact needs a consumer and a provider name (both non-empty strings)",
            ));
        }
        Ok(Pact::new(consumer, provider))
    }

    /// Sets `metadata[namespace][name] = value`. `pactSpecification` is written by the library
    /// from the pact's version, so it cannot be set this way.
    pub fn set_metadata(&mut self, namespace: &str, name: &str, value: Value) -> Result<()> {
        if namespace == "pactSpecification" {
            return Err(PactError::invalid_argument(
                "The metadata namespace 'pactSpecification' is written by the library: choose \
                 the version with the pact's specification instead",
            ));
        }
        let entry = self
            .metadata
            .entry(namespace.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !entry.is_object() {
            *entry = Value::Object(Map::new());
        }
        if let Value::Object(map) = entry {
            map.insert(name.to_string(), value);
        }
        Ok(())
    }
}
