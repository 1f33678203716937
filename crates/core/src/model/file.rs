//! Pact files in and out: read any V1..V4 file into the model (HTTP interactions, V3
//! `messages`, V4 message interactions), write each version's exact layout, and write
//! `<consumer>-<provider>.json` into a directory, merging with what is there.
//!
//! Writing is safe under concurrency (parallel Jest workers, threads, processes): an
//! inter-process lock serialises read-merge-write, and the new content replaces the old by an
//! atomic rename. Nothing but the pact file is left in the directory.

use super::body::ContentType;
use super::http::content_type_of;
use super::message::{ASYNCHRONOUS_MESSAGE, SYNCHRONOUS_MESSAGE};
use super::{
    AsynchronousMessage, Body, Generators, Headers, Interaction, MatchingRules, Message, Pact,
    ProviderState, Query, Request, Response, SpecVersion,
};
use crate::error::{ErrorCode, PactError, Result};
use base64::Engine;
use serde_json::{json, Map, Value};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

// ---------------------------------------------------------------- reading

impl Pact {
    /// Parses pact JSON text of any spec version.
    pub fn from_json_str(text: &str) -> Result<Pact> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            PactError::invalid_json(format!(
                "Pact JSON is not valid JSON (line {}, column {}): {e}",
                e.line(),
                e.column()
            ))
        })?;
        Pact::from_json(&value)
    }

    /// Reads a pact file's JSON of any spec version.
    pub fn from_json(value: &Value) -> Result<Pact> {
        let root = value
            .as_object()
            .ok_or_else(|| PactError::invalid_json("A pact must be a JSON object"))?;
        let name_of = |key: &str| -> Result<String> {
            match root.get(key) {
                Some(Value::Object(o)) => match o.get("name") {
                    Some(Value::String(s)) => Ok(s.clone()),
                    _ => Err(PactError::invalid_json(format!(
                        "$.{key}.name must be a string"
                    ))),
                },
                None => Ok(if key == "consumer" {
                    "Consumer"
                } else {
                    "Provider"
                }
                .to_string()),
                Some(_) => Err(PactError::invalid_json(format!(
                    "$.{key} must be an object with a name"
                ))),
            }
        };
        let mut metadata = match root.get("metadata") {
            Some(Value::Object(m)) => m.clone(),
            None | Some(Value::Null) => Map::new(),
            Some(_) => return Err(PactError::invalid_json("$.metadata must be an object")),
        };
        let declared = [
            "pactSpecification",
            "pact-specification",
            "pactSpecificationVersion",
        ]
        .iter()
        .find_map(|k| metadata.get(*k))
        .and_then(|v| match v {
            Value::Object(o) => o.get("version").and_then(Value::as_str).map(str::to_string),
            Value::String(s) => Some(s.clone()),
            _ => None,
        });
        let interactions_json = match root.get("interactions") {
            Some(Value::Array(a)) => a.as_slice(),
            None => &[],
            Some(_) => return Err(PactError::invalid_json("$.interactions must be a list")),
        };
        let messages_json = match root.get("messages") {
            Some(Value::Array(a)) => a.as_slice(),
            None | Some(Value::Null) => &[],
            Some(_) => return Err(PactError::invalid_json("$.messages must be a list")),
        };
        let spec = match declared {
            Some(v) => SpecVersion::from_file_version(&v).ok_or_else(|| {
                PactError::new(
                    ErrorCode::InvalidSpecVersion,
                    format!("$.metadata.pactSpecification.version '{v}' is not a known Pact specification version (1.0.0 to 4.0)"),
                )
            })?,
            None if interactions_json.iter().any(|i| i.get("type").is_some()) => SpecVersion::V4,
            None => SpecVersion::V3,
        };
        for key in [
            "pactSpecification",
            "pact-specification",
            "pactSpecificationVersion",
        ] {
            metadata.remove(key);
        }
        if spec < SpecVersion::V3 && !messages_json.is_empty() {
            return Err(PactError::invalid_json(format!(
                "$.messages: the file declares a {spec} pact, but messages start at V3: \
                 declare metadata.pactSpecification.version 3.0.0 (or 4.0)"
            )));
        }
        let mut pact = Pact {
            consumer: name_of("consumer")?,
            provider: name_of("provider")?,
            interactions: Vec::new(),
            messages: Vec::new(),
            metadata,
            spec,
        };
        for (i, json) in interactions_json.iter().enumerate() {
            let located = |e: PactError| {
                PactError::new(e.code, format!("$.interactions[{i}]: {}", e.message))
            };
            match json.get("type").and_then(Value::as_str) {
                None | Some("Synchronous/HTTP") => {
                    let interaction = interaction_from_json(json, spec).map_err(located)?;
                    pact.interactions.push(interaction);
                }
                Some(ASYNCHRONOUS_MESSAGE | SYNCHRONOUS_MESSAGE) => {
                    pact.messages
                        .push(Message::from_v4_json(json).map_err(located)?);
                }
                Some(other) => {
                    return Err(located(PactError::invalid_json(format!(
                        "unknown interaction type '{other}': expected Synchronous/HTTP, \
                         {ASYNCHRONOUS_MESSAGE} or {SYNCHRONOUS_MESSAGE}"
                    ))))
                }
            }
        }
        for (i, json) in messages_json.iter().enumerate() {
            let message = AsynchronousMessage::from_v3_json(json)
                .map_err(|e| PactError::new(e.code, format!("$.messages[{i}]: {}", e.message)))?;
            pact.messages.push(Message::Asynchronous(message));
        }
        Ok(pact)
    }
}

fn interaction_from_json(json: &Value, spec: SpecVersion) -> Result<Interaction> {
    let obj = json
        .as_object()
        .ok_or_else(|| PactError::invalid_json("an interaction must be an object"))?;
    let description = obj
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let provider_states = provider_states_from_json(obj)?;
    let request = match obj.get("request") {
        Some(r) => request_from_json(r, spec)
            .map_err(|e| PactError::new(e.code, format!("request: {}", e.message)))?,
        None => Request::new("GET", "/"),
    };
    let response = match obj.get("response") {
        Some(r) => response_from_json(r, spec)
            .map_err(|e| PactError::new(e.code, format!("response: {}", e.message)))?,
        None => Response::default(),
    };
    Ok(Interaction {
        description,
        provider_states,
        request,
        response,
        key: obj.get("key").and_then(Value::as_str).map(str::to_string),
        pending: obj.get("pending").and_then(Value::as_bool).unwrap_or(false),
        comments: match obj.get("comments") {
            Some(Value::Object(c)) => c.clone(),
            _ => Map::new(),
        },
    })
}

/// The provider states of an interaction or message: `providerStates` (a list of `{name,
/// params?}`), else the legacy single `providerState` (or `provider_state`) string.
pub(crate) fn provider_states_from_json(obj: &Map<String, Value>) -> Result<Vec<ProviderState>> {
    let mut provider_states = Vec::new();
    match obj.get("providerStates") {
        Some(Value::Array(states)) => {
            for state in states {
                let name = state.get("name").and_then(Value::as_str).ok_or_else(|| {
                    PactError::invalid_json("providerStates[].name must be a string")
                })?;
                let params = match state.get("params") {
                    Some(Value::Object(p)) => Some(p.clone()),
                    _ => None,
                };
                provider_states.push(ProviderState {
                    name: name.to_string(),
                    params,
                });
            }
        }
        Some(Value::Null) | None => {
            if let Some(Value::String(s)) = obj
                .get("providerState")
                .or_else(|| obj.get("provider_state"))
            {
                provider_states.push(ProviderState::new(s.clone()));
            }
        }
        Some(_) => return Err(PactError::invalid_json("providerStates must be a list")),
    }
    Ok(provider_states)
}

/// The V3/V4 `providerStates` list (`params` only when there are some).
pub fn provider_states_to_json(states: &[ProviderState]) -> Value {
    Value::Array(
        states
            .iter()
            .map(|s| {
                let mut st = Map::new();
                st.insert("name".into(), json!(s.name));
                if let Some(p) = &s.params {
                    st.insert("params".into(), Value::Object(p.clone()));
                }
                Value::Object(st)
            })
            .collect(),
    )
}

/// Reads a request in the layout of a pact file (or a spec test case) of the given version.
pub fn request_from_json(json: &Value, spec: SpecVersion) -> Result<Request> {
    let obj = json
        .as_object()
        .ok_or_else(|| PactError::invalid_json("must be an object"))?;
    let method = match obj.get("method") {
        Some(Value::String(m)) => m.to_uppercase(),
        None => "GET".to_string(),
        Some(other) => {
            return Err(PactError::invalid_json(format!(
                "method must be a string, got {other}"
            )))
        }
    };
    let path = match obj.get("path") {
        Some(Value::String(p)) => p.clone(),
        None => "/".to_string(),
        Some(other) => {
            return Err(PactError::invalid_json(format!(
                "path must be a string, got {other}"
            )))
        }
    };
    let query = match obj.get("query") {
        None | Some(Value::Null) => None,
        Some(Value::String(q)) => Some(parse_query_string_for(q, spec)),
        Some(q) => Some(query_from_json(q)?),
    };
    let headers = headers_from_json(obj.get("headers"))?;
    let matching_rules = rules_from(obj, spec)?;
    let generators = Generators::from_category_json(obj.get("generators").unwrap_or(&Value::Null))?;
    let body = body_from_json(obj, headers.as_ref(), spec)?;
    Ok(Request {
        method,
        path,
        query,
        headers,
        body,
        matching_rules,
        generators,
    })
}

/// Reads a response in the layout of a pact file (or a spec test case) of the given version.
pub fn response_from_json(json: &Value, spec: SpecVersion) -> Result<Response> {
    let obj = json
        .as_object()
        .ok_or_else(|| PactError::invalid_json("must be an object"))?;
    let status = match obj.get("status") {
        None | Some(Value::Null) => 200,
        Some(v) => v
            .as_u64()
            .and_then(|s| u16::try_from(s).ok())
            .ok_or_else(|| PactError::invalid_json(format!("status must be a number, got {v}")))?,
    };
    let headers = headers_from_json(obj.get("headers"))?;
    let matching_rules = rules_from(obj, spec)?;
    let generators = Generators::from_category_json(obj.get("generators").unwrap_or(&Value::Null))?;
    let body = body_from_json(obj, headers.as_ref(), spec)?;
    Ok(Response {
        status,
        headers,
        body,
        matching_rules,
        generators,
    })
}

fn rules_from(obj: &Map<String, Value>, spec: SpecVersion) -> Result<MatchingRules> {
    match obj.get("matchingRules") {
        Some(rules) if spec.has_rules() => MatchingRules::from_json(rules),
        Some(rules) => {
            // V1 files carry no rules; read them anyway so nothing is lost on upgrade.
            MatchingRules::from_json(rules)
        }
        None => Ok(MatchingRules::default()),
    }
}

/// Parses a query string `a=1&b=2&flag` (percent-decoded) into the model.
pub fn parse_query_string(query: &str) -> Query {
    let mut out = Query::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = match part.split_once('=') {
            Some((n, v)) => (n, Some(decode_query_component(v))),
            None => (part, None),
        };
        out.entry(decode_query_component(name))
            .or_default()
            .push(value);
    }
    out
}

/// Parses a query string as the given spec version reads it. V1 compares query strings as
/// written, so an empty segment (`a=1&`) is kept as a parameter with an empty name and a stray
/// `&` still counts; later versions ignore it.
pub fn parse_query_string_for(query: &str, spec: SpecVersion) -> Query {
    let mut parsed = parse_query_string(query);
    if spec == SpecVersion::V1 && !query.is_empty() && query.split('&').any(str::is_empty) {
        parsed.entry(String::new()).or_default().push(None);
    }
    parsed
}

fn decode_query_component(s: &str) -> String {
    let plus_decoded = s.replace('+', " ");
    percent_encoding::percent_decode_str(&plus_decoded)
        .decode_utf8_lossy()
        .into_owned()
}

fn query_from_json(value: &Value) -> Result<Query> {
    match value {
        Value::String(s) => Ok(parse_query_string(s)),
        Value::Object(map) => {
            let mut out = Query::new();
            for (k, v) in map {
                let values = match v {
                    Value::Array(items) => items
                        .iter()
                        .map(|i| match i {
                            Value::Null => Ok(None),
                            Value::String(s) => Ok(Some(s.clone())),
                            other => Ok(Some(other.to_string())),
                        })
                        .collect::<Result<Vec<_>>>()?,
                    Value::String(s) => vec![Some(s.clone())],
                    Value::Null => vec![None],
                    other => vec![Some(other.to_string())],
                };
                out.insert(k.clone(), values);
            }
            Ok(out)
        }
        other => Err(PactError::invalid_json(format!(
            "query must be a string or an object, got {other}"
        ))),
    }
}

fn headers_from_json(value: Option<&Value>) -> Result<Option<Headers>> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => {
            let mut out = Headers::new();
            for (k, v) in map {
                let values = match v {
                    Value::String(s) => vec![s.clone()],
                    Value::Array(items) => items
                        .iter()
                        .map(|i| {
                            i.as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| i.to_string())
                        })
                        .collect(),
                    other => vec![other.to_string()],
                };
                out.insert(k.clone(), values);
            }
            Ok(Some(out))
        }
        Some(other) => Err(PactError::invalid_json(format!(
            "headers must be an object, got {other}"
        ))),
    }
}

fn body_from_json(
    obj: &Map<String, Value>,
    headers: Option<&Headers>,
    spec: SpecVersion,
) -> Result<Body> {
    let header_ct = super::http::find_header(headers, "content-type")
        .and_then(|v| v.first())
        .and_then(|v| ContentType::parse(v));
    let Some(body) = obj.get("body").or_else(|| obj.get("contents")) else {
        return Ok(Body::Missing);
    };
    // V4 body object: {content, contentType, encoded}.
    if let Value::Object(b) = body {
        // V4 bodies are always body objects; in older files an object only looks like one.
        let is_body_object = b.contains_key("content")
            && (spec == SpecVersion::V4
                || b.contains_key("contentType")
                || b.contains_key("encoded"));
        if is_body_object {
            let ct = b
                .get("contentType")
                .and_then(Value::as_str)
                .and_then(ContentType::parse)
                .or(header_ct);
            let encoded = match b.get("encoded") {
                Some(Value::Bool(e)) => *e,
                Some(Value::String(s)) => s.eq_ignore_ascii_case("base64"),
                _ => false,
            };
            return Ok(match b.get("content") {
                Some(Value::String(s)) if encoded => {
                    let bytes = base64::engine::general_purpose::STANDARD
                        .decode(s)
                        .map_err(|e| {
                            PactError::invalid_json(format!(
                                "body.content is not valid base64: {e}"
                            ))
                        })?;
                    Body::from_bytes(bytes, ct)
                }
                Some(Value::String(s))
                    if !ct.as_ref().map(ContentType::is_json).unwrap_or(false) =>
                {
                    Body::from_text(s.clone(), ct)
                }
                Some(Value::Null) => Body::Null,
                Some(v) => Body::from_bytes(
                    match v {
                        // A JSON body given as text stays the text.
                        Value::String(s) => s.clone().into_bytes(),
                        other => other.to_string().into_bytes(),
                    },
                    ct.or_else(|| Some(ContentType::json())),
                ),
                None => Body::Missing,
            });
        }
    }
    Ok(match body {
        Value::Null => Body::Null,
        Value::String(s) => Body::from_text(s.clone(), header_ct),
        other => Body::Present {
            bytes: other.to_string().into_bytes(),
            content_type: header_ct.or_else(|| Some(ContentType::json())),
        },
    })
}

// ---------------------------------------------------------------- writing

impl Pact {
    /// The pact file content in the pact's own spec version.
    pub fn to_json(&self) -> Result<Value> {
        self.to_json_as(self.spec)
    }

    /// The pact file content in the layout of the given spec version; an error when that
    /// version cannot hold what the pact holds (see [`Pact::check_spec`]).
    ///
    /// V4 has one `interactions` list: HTTP interactions and messages each keep their order,
    /// and the two are interleaved by description, so a file sorted by description (as the
    /// reference writes every V4 file) is written back as it was read. A V3 file has
    /// `interactions` (HTTP) or `messages`.
    pub fn to_json_as(&self, spec: SpecVersion) -> Result<Value> {
        self.check_spec(spec)?;
        let mut metadata = self.metadata.clone();
        metadata.insert(
            "pactSpecification".into(),
            json!({"version": spec.file_version()}),
        );
        let http = self
            .interactions
            .iter()
            .map(|i| interaction_to_json(i, spec));
        let (key, list) = match spec {
            SpecVersion::V4 => {
                let mut http = self
                    .interactions
                    .iter()
                    .map(|i| i.description.as_str())
                    .zip(http)
                    .peekable();
                let mut messages = self
                    .messages
                    .iter()
                    .map(|m| (m.description(), m.to_v4_json()))
                    .peekable();
                let mut out = Vec::with_capacity(self.interactions.len() + self.messages.len());
                loop {
                    let take_message = match (http.peek(), messages.peek()) {
                        (Some((h, _)), Some((m, _))) => m < h,
                        (None, Some(_)) => true,
                        (Some(_), None) => false,
                        (None, None) => break,
                    };
                    let next = if take_message {
                        messages.next()
                    } else {
                        http.next()
                    };
                    out.extend(next.map(|(_, json)| json));
                }
                ("interactions", out)
            }
            SpecVersion::V3 if !self.messages.is_empty() => (
                "messages",
                self.messages
                    .iter()
                    .filter_map(|m| match m {
                        Message::Asynchronous(m) => Some(m.to_v3_json()),
                        // check_spec refused these.
                        Message::Synchronous(_) => None,
                    })
                    .collect(),
            ),
            _ => ("interactions", http.collect()),
        };
        let mut root = Map::new();
        root.insert("consumer".into(), json!({"name": self.consumer}));
        root.insert(key.into(), Value::Array(list));
        root.insert("metadata".into(), Value::Object(metadata));
        root.insert("provider".into(), json!({"name": self.provider}));
        Ok(Value::Object(root))
    }
}

fn interaction_to_json(i: &Interaction, spec: SpecVersion) -> Value {
    let mut obj = Map::new();
    if spec == SpecVersion::V4 {
        obj.insert("type".into(), json!("Synchronous/HTTP"));
        if let Some(key) = &i.key {
            obj.insert("key".into(), json!(key));
        }
    }
    obj.insert("description".into(), json!(i.description));
    match spec {
        SpecVersion::V1 | SpecVersion::V1_1 | SpecVersion::V2 => {
            if let Some(state) = i.provider_states.first() {
                obj.insert("providerState".into(), json!(state.name));
            }
        }
        SpecVersion::V3 | SpecVersion::V4 => {
            if !i.provider_states.is_empty() {
                obj.insert(
                    "providerStates".into(),
                    provider_states_to_json(&i.provider_states),
                );
            }
        }
    }
    obj.insert("request".into(), request_to_json(&i.request, spec));
    obj.insert("response".into(), response_to_json(&i.response, spec));
    if spec == SpecVersion::V4 {
        // The reference writes `pending` on every V4 interaction.
        obj.insert("pending".into(), json!(i.pending));
        if !i.comments.is_empty() {
            obj.insert("comments".into(), Value::Object(i.comments.clone()));
        }
    }
    Value::Object(obj)
}

fn headers_to_json(headers: &Headers, spec: SpecVersion) -> Value {
    Value::Object(
        headers
            .iter()
            .map(|(k, v)| {
                let value = if spec == SpecVersion::V4 {
                    json!(v)
                } else {
                    json!(v.join(", "))
                };
                (k.clone(), value)
            })
            .collect(),
    )
}

/// A V2 query string as pact-reference (libpact_ffi 0.5) writes one: parameters ordered by
/// name, each name's values in their order; names as they are; in values letters, digits and
/// `-` as they are, a space as `+` and any other character as `%xx` (lower-case hex). Where
/// pact-reference's form would not read back, the core departs from it: a non-ASCII character
/// is written as its UTF-8 bytes (pact-reference writes the hex digits of its code point, which
/// decode to other bytes), and a name holding `&`, `=`, `%`, `+`, `#` or a space is encoded as
/// a value is.
fn query_to_string(query: &Query) -> String {
    fn encode(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for ch in s.chars() {
            match ch {
                ' ' => out.push('+'),
                '-' | 'a'..='z' | 'A'..='Z' | '0'..='9' => out.push(ch),
                _ => {
                    let mut utf8 = [0; 4];
                    for byte in ch.encode_utf8(&mut utf8).bytes() {
                        out.push_str(&format!("%{byte:02x}"));
                    }
                }
            }
        }
        out
    }
    let name = |k: &str| {
        if k.contains(['&', '=', '%', '+', '#', ' ']) {
            encode(k)
        } else {
            k.to_string()
        }
    };
    let mut entries: Vec<(usize, &String, &Option<String>)> = query
        .iter()
        .flat_map(|(k, values)| values.iter().enumerate().map(move |(i, v)| (i, k, v)))
        .collect();
    entries.sort_by(|a, b| a.1.cmp(b.1).then_with(|| a.0.cmp(&b.0)));
    entries
        .into_iter()
        .map(|(_, k, v)| match v {
            Some(v) => format!("{}={}", name(k), encode(v)),
            None => name(k),
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn query_to_json(query: &Query, spec: SpecVersion) -> Value {
    if spec <= SpecVersion::V2 {
        return json!(query_to_string(query));
    }
    Value::Object(query.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
}

fn body_into(
    obj: &mut Map<String, Value>,
    body: &Body,
    headers: Option<&Headers>,
    spec: SpecVersion,
) {
    let ct = content_type_of(headers, body);
    let json = if spec == SpecVersion::V4 {
        body.to_v4_json(ct.as_ref())
    } else {
        body.to_v3_json(ct.as_ref())
    };
    if let Some(v) = json {
        obj.insert("body".into(), v);
    }
}

fn rules_into(
    obj: &mut Map<String, Value>,
    rules: &MatchingRules,
    generators: &Generators,
    spec: SpecVersion,
) {
    if spec >= SpecVersion::V2 && !rules.is_empty() {
        let json = if spec == SpecVersion::V2 {
            rules.to_v2_json()
        } else {
            rules.to_v3_json()
        };
        if json.as_object().map(|o| !o.is_empty()).unwrap_or(false) {
            obj.insert("matchingRules".into(), json);
        }
    }
    if spec >= SpecVersion::V3 && !generators.is_empty() {
        obj.insert("generators".into(), generators.to_json());
    }
}

/// A request in the layout of the given spec version.
pub fn request_to_json(r: &Request, spec: SpecVersion) -> Value {
    let mut obj = Map::new();
    obj.insert("method".into(), json!(r.method));
    obj.insert("path".into(), json!(r.path));
    if let Some(q) = &r.query {
        if !q.is_empty() || spec >= SpecVersion::V3 {
            obj.insert("query".into(), query_to_json(q, spec));
        }
    }
    if let Some(h) = &r.headers {
        obj.insert("headers".into(), headers_to_json(h, spec));
    }
    body_into(&mut obj, &r.body, r.headers.as_ref(), spec);
    rules_into(&mut obj, &r.matching_rules, &r.generators, spec);
    Value::Object(obj)
}

/// A response in the layout of the given spec version.
pub fn response_to_json(r: &Response, spec: SpecVersion) -> Value {
    let mut obj = Map::new();
    obj.insert("status".into(), json!(r.status));
    if let Some(h) = &r.headers {
        obj.insert("headers".into(), headers_to_json(h, spec));
    }
    body_into(&mut obj, &r.body, r.headers.as_ref(), spec);
    rules_into(&mut obj, &r.matching_rules, &r.generators, spec);
    Value::Object(obj)
}

// ---------------------------------------------------------------- files

/// Replaces characters that could leave the directory or are invalid in file names.
fn file_name_part(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    if cleaned.is_empty() || cleaned.chars().all(|c| c == '.') {
        cleaned.replace('.', "_") + "_"
    } else {
        cleaned
    }
}

/// The file a pact is written to inside `dir`: `<consumer>-<provider>.json`.
pub fn pact_file_path(pact: &Pact, dir: &Path) -> PathBuf {
    dir.join(format!(
        "{}-{}.json",
        file_name_part(&pact.consumer),
        file_name_part(&pact.provider)
    ))
}

/// Merges `new` into `existing`: interactions of the same kind (HTTP, asynchronous message,
/// synchronous message) with the same key (when both have one), else the same description and
/// provider states, are replaced by the new ones; the others are kept, and so is everything
/// they hold (generators included). Different consumer or provider names are a
/// `MERGE_CONFLICT`.
pub fn merge(existing: &Pact, new: &Pact) -> Result<Pact> {
    if existing.consumer != new.consumer || existing.provider != new.provider {
        return Err(PactError::new(
            ErrorCode::MergeConflict,
            format!(
                "Cannot merge: the existing file is a pact between '{}' and '{}', not '{}' and '{}'",
                existing.consumer, existing.provider, new.consumer, new.provider
            ),
        ));
    }
    let mut merged = existing.clone();
    merged.spec = new.spec;
    for (k, v) in &new.metadata {
        merged.metadata.insert(k.clone(), v.clone());
    }
    for interaction in &new.interactions {
        match merged
            .interactions
            .iter_mut()
            .find(|i| i.same_as(interaction))
        {
            Some(slot) => *slot = interaction.clone(),
            None => merged.interactions.push(interaction.clone()),
        }
    }
    for message in &new.messages {
        match merged.messages.iter_mut().find(|m| m.same_as(message)) {
            Some(slot) => *slot = message.clone(),
            None => merged.messages.push(message.clone()),
        }
    }
    Ok(merged)
}

/// Writes the pact as `<consumer>-<provider>.json` into `dir` in the given spec version,
/// creating the directory, merging with an existing file unless `overwrite`. Returns the path.
///
/// Read, merge and write happen under an inter-process lock on the file (see
/// [`PactFileLock`]), so parallel writers (threads, Jest workers, processes) lose nothing;
/// readers never see a partial file (it is replaced by a rename). Once the call returns, the
/// directory holds nothing but pact files. A file that already says exactly what would be
/// written is left alone (every test of a run writes its pact again); that is decided by
/// comparing the text, so no memory of earlier writes is kept.
pub fn write_pact_file(
    pact: &Pact,
    dir: &Path,
    spec: SpecVersion,
    overwrite: bool,
) -> Result<PathBuf> {
    let io_err = |what: &str, path: &Path, e: std::io::Error| {
        PactError::io(format!("Could not {what} '{}': {e}", path.display()))
    };
    fs::create_dir_all(dir).map_err(|e| io_err("create the pact directory", dir, e))?;
    let path = pact_file_path(pact, dir);
    let _lock = PactFileLock::acquire(&path)?;

    let existing_text = match fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) if overwrite => {
            tracing::debug!("not reading the pact file to overwrite: {e}");
            None
        }
        Err(e) => return Err(io_err("read the existing pact file", &path, e)),
    };

    let mut new = pact.clone();
    new.spec = spec;
    let to_write = match (&existing_text, overwrite) {
        (Some(text), false) => {
            let existing = Pact::from_json_str(text).map_err(|e| {
                PactError::new(
                    e.code,
                    format!(
                        "The existing pact file '{}' cannot be merged: {}",
                        path.display(),
                        e.message
                    ),
                )
            })?;
            merge(&existing, &new)?
        }
        _ => new,
    };
    let json = to_write.to_json_as(spec).map_err(|e| {
        PactError::new(
            e.code,
            format!(
                "Cannot write the pact file '{}': {}",
                path.display(),
                e.message
            ),
        )
    })?;
    let mut text = serde_json::to_string_pretty(&json).expect("pact JSON serialises");
    text.push('\n');
    if existing_text.as_deref() == Some(text.as_str()) {
        // The file already says exactly this.
        return Ok(path);
    }
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let tmp = path.with_extension(format!(
        "json.{}.{}.tmp",
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ));
    // No fsync: the rename already keeps readers from seeing a partial file, and a pact file
    // is rewritten by the next test run anyway; syncing cost ~1 ms per test.
    let result = fs::write(&tmp, &text).and_then(|()| replace_file(&tmp, &path));
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(io_err("write the pact file", &path, e));
    }
    Ok(path)
}

/// Puts `new` in the place of `path` atomically: a reader sees the old file or the new one.
///
/// On Linux an existing file is swapped with `new` (`renameat2` with `RENAME_EXCHANGE`), and
/// the old one, now named `new`, removed: ext4 makes a plain rename over an existing file
/// start writing the new file's data to disk on the spot (its `auto_da_alloc` guard against
/// empty files after a crash), which cost ~0.1-0.3 ms of every test's pact-file write. Where the
/// swap is not possible (no file yet, a file system without it) this is a plain rename.
fn replace_file(new: &Path, path: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    if exchange(new, path).is_ok() {
        if let Err(e) = fs::remove_file(new) {
            tracing::debug!(
                "could not remove the replaced pact file {}: {e}",
                new.display()
            );
        }
        return Ok(());
    }
    fs::rename(new, path)
}

/// Swaps the files at `a` and `b` (both must exist).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both paths are NUL-terminated strings that outlive the call; renameat2 reads
    // them and touches no other memory of ours.
    let status = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// The exclusive lock writers of one pact file take around read-merge-write: an OS file lock
/// (`flock` on Unix, `LockFileEx` on Windows, through `File::lock`), which the OS releases
/// when its holder exits, however it exits, so a crashed writer never blocks the next one.
///
/// On Unix the locked file is `<file>.json.lock` beside the pact file, and it exists only
/// while the lock is held: the holder removes it before unlocking. A writer that was waiting
/// then holds a lock on a file that no longer has a name (or whose name now belongs to a new
/// lock file), so after locking it checks that the path still names the file it locked (same
/// device and inode) and otherwise starts again with whatever is at the path now. Whoever
/// passes the check holds the lock on the file the path names, and the name changes only when
/// a holder removes it as its last step: two writers are never inside at once. Several
/// machines or containers sharing the directory are serialised too, as far as the file system
/// carries `flock`. A lock file left by a killed process is simply locked, checked and
/// removed by the next writer.
///
/// Windows has no stable way in std to ask which file a path names (the file index is
/// unstable API), and a removed file that is still open may keep or lose its name depending
/// on the Windows version, so the check above cannot be made there. Instead the lock file
/// lives in the temp directory (`pact-mock-server-ffi-locks/<hash of the pact file's
/// canonical, lowercased path>.lock`) and is never removed, so every writer of a given pact
/// file locks the same file and nothing is ever added to the pact directory. (This one needs
/// the writers to share a temp directory, which processes of one user and test run do.)
struct PactFileLock {
    /// The locked file; closing it (after `Drop` ran) releases the lock.
    _held: fs::File,
    /// The lock file to remove before unlocking (Unix), if any.
    remove: Option<PathBuf>,
}

impl PactFileLock {
    #[cfg(unix)]
    fn acquire(pact_path: &Path) -> Result<PactFileLock> {
        use std::os::unix::fs::MetadataExt;
        let lock_path = pact_path.with_extension("json.lock");
        let lock_err = |what: &str, e: std::io::Error| {
            PactError::io(format!("Could not {what} '{}': {e}", lock_path.display()))
        };
        // Each failed check means another writer finished; the bound only guards against a
        // file system whose inode numbers do not identify files.
        for _ in 0..10_000 {
            let file = open_lock_file(&lock_path).map_err(|e| lock_err("open the lock file", e))?;
            file.lock().map_err(|e| lock_err("lock", e))?;
            let held = file
                .metadata()
                .map_err(|e| lock_err("inspect the lock file", e))?;
            match fs::metadata(&lock_path) {
                Ok(named) if named.dev() == held.dev() && named.ino() == held.ino() => {
                    return Ok(PactFileLock {
                        _held: file,
                        remove: Some(lock_path),
                    })
                }
                // Removed or replaced by the writer we waited for: start again.
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(lock_err("inspect the lock file", e)),
            }
        }
        Err(PactError::io(format!(
            "Could not lock '{}': it kept being replaced",
            lock_path.display()
        )))
    }

    #[cfg(not(unix))]
    fn acquire(pact_path: &Path) -> Result<PactFileLock> {
        let lock_path = shared_lock_path(pact_path)?;
        let file = open_lock_file(&lock_path).map_err(|e| {
            PactError::io(format!(
                "Could not open the lock file '{}': {e}",
                lock_path.display()
            ))
        })?;
        file.lock()
            .map_err(|e| PactError::io(format!("Could not lock '{}': {e}", lock_path.display())))?;
        Ok(PactFileLock {
            _held: file,
            remove: None,
        })
    }
}

impl Drop for PactFileLock {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes when `_held` is closed, after this.
        if let Some(path) = &self.remove {
            if let Err(e) = fs::remove_file(path) {
                tracing::debug!("could not remove the lock file '{}': {e}", path.display());
            }
        }
    }
}

fn open_lock_file(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

/// The lock file in the temp directory that stands for the pact file at `pact_path` (its
/// directory exists): named by a hash of the canonical path, lowercased as the file systems
/// of Windows and macOS ignore case, so every spelling of one file gets the same lock.
#[cfg(any(not(unix), test))]
fn shared_lock_path(pact_path: &Path) -> Result<PathBuf> {
    let io_err = |what: &str, path: &Path, e: std::io::Error| {
        PactError::io(format!("Could not {what} '{}': {e}", path.display()))
    };
    let dir = pact_path.parent().unwrap_or(Path::new("."));
    let canonical = fs::canonicalize(dir)
        .map_err(|e| io_err("resolve the pact directory", dir, e))?
        .join(pact_path.file_name().unwrap_or_default());
    // FNV-1a: stable across processes, builds and Rust versions, unlike `DefaultHasher`.
    let hash = canonical
        .to_string_lossy()
        .to_lowercase()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    let locks = std::env::temp_dir().join("pact-mock-server-ffi-locks");
    fs::create_dir_all(&locks).map_err(|e| io_err("create the lock directory", &locks, e))?;
    Ok(locks.join(format!("{hash:016x}.lock")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The temp-directory lock (Windows) excludes threads as the Unix one does.
    #[test]
    fn the_shared_lock_path_serialises_writers_of_one_file() {
        let dir = std::env::temp_dir().join(format!("pact-shared-lock-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let pact_path = dir.join("a-b.json");
        let same = shared_lock_path(&dir.join(".").join("a-b.json")).unwrap();
        assert_eq!(shared_lock_path(&pact_path).unwrap(), same);
        assert_ne!(shared_lock_path(&dir.join("a-c.json")).unwrap(), same);
        assert!(
            !same.starts_with(&dir),
            "the lock is not in the pact directory"
        );

        let inside = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let threads: Vec<_> = (0..8)
            .map(|_| {
                let (path, inside) = (same.clone(), inside.clone());
                std::thread::spawn(move || {
                    for _ in 0..20 {
                        let file = open_lock_file(&path).unwrap();
                        file.lock().unwrap();
                        assert_eq!(inside.fetch_add(1, Ordering::SeqCst), 0, "two holders");
                        std::thread::yield_now();
                        inside.fetch_sub(1, Ordering::SeqCst);
                        drop(file);
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let entries: Vec<_> = fs::read_dir(&dir).unwrap().collect();
        assert!(
            entries.is_empty(),
            "nothing was added to the pact directory"
        );
        fs::remove_dir_all(&dir).unwrap();
        // Only this test makes a lock file for a pact directory that is then deleted.
        fs::remove_file(&same).unwrap();
    }
}
