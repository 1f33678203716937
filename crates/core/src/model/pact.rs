//! A pact: consumer, provider, HTTP interactions, message interactions, metadata and the spec
//! version it is written in, and which versions can hold what it holds.

use super::{Message, Request, Response, SpecVersion};
use crate::error::{ErrorCode, PactError, Result};
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
        add_text_comment(&mut self.comments, text);
    }

    /// Whether two interactions describe the same thing for merging: the same key, or the same
    /// description and provider states.
    pub fn same_as(&self, other: &Interaction) -> bool {
        match (&self.key, &other.key) {
            (Some(a), Some(b)) => a == b,
            _ => {
                self.description == other.description
                    && same_state_names(&self.provider_states, &other.provider_states)
            }
        }
    }
}

/// Adds a text to V4 `comments.text` (a list; a single text read from a file becomes the
/// first of the list).
pub(crate) fn add_text_comment(comments: &mut Map<String, Value>, text: impl Into<String>) {
    let slot = comments
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

/// Whether two lists of provider states name the same states in the same order (parameters
/// aside), which is how merging tells interactions apart.
pub(crate) fn same_state_names(a: &[ProviderState], b: &[ProviderState]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(a, b)| a.name == b.name)
}

/// A pact between one consumer and one provider.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pact {
    pub consumer: String,
    pub provider: String,
    /// The HTTP interactions (the only ones a mock server serves).
    pub interactions: Vec<Interaction>,
    /// The message interactions: V3 `messages[]`, V4 `Asynchronous/Messages` and
    /// `Synchronous/Messages`.
    pub messages: Vec<Message>,
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

    /// This pact's names, metadata and version with `message` as its only interaction: what a
    /// message's test merges into the pact file once its handler passed.
    pub fn with_only_message(&self, message: Message) -> Pact {
        Pact {
            consumer: self.consumer.clone(),
            provider: self.provider.clone(),
            interactions: Vec::new(),
            messages: vec![message],
            metadata: self.metadata.clone(),
            spec: self.spec,
        }
    }

    /// Checks that the pact can be written in `spec`: messages need V3, synchronous messages
    /// need V4, and a V3 file holds HTTP interactions or messages but not both (the V3 layout
    /// has no place for a pact that mixes them; the reference refuses it too).
    pub fn check_spec(&self, spec: SpecVersion) -> Result<()> {
        let not_in = |message: String| Err(PactError::new(ErrorCode::NotInSpecVersion, message));
        if spec < SpecVersion::V3 && !self.messages.is_empty() {
            return not_in(format!(
                "A {spec} pact cannot hold messages ({} here, e.g. '{}'): message pacts start \
                 at V3; use specification V3 or V4",
                self.messages.len(),
                self.messages[0].description()
            ));
        }
        if spec < SpecVersion::V4 {
            if let Some(sync) = self.messages.iter().find(|m| m.is_synchronous()) {
                return not_in(format!(
                    "A {spec} pact cannot hold the synchronous message '{}': synchronous \
                     (request/response) messages need specification V4",
                    sync.description()
                ));
            }
        }
        if spec == SpecVersion::V3 && !self.messages.is_empty() && !self.interactions.is_empty() {
            return not_in(format!(
                "A V3 pact file holds either HTTP interactions or messages, not both (this one \
                 has {} HTTP interaction(s) and {} message(s)): a pact that mixes them has no \
                 V3 form. Use specification V4, or write the messages to a pact with another \
                 consumer or provider name",
                self.interactions.len(),
                self.messages.len()
            ));
        }
        Ok(())
    }
}
