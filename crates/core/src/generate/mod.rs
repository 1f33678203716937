//! Generators applied to what the consumer side hands out: the response the mock server sends
//! (status, headers, body) and the messages a consumer's handler receives (`message`: contents
//! and metadata). Random values, dates and times, UUIDs, regex-generated strings, the mock
//! server's URL, provider-state examples; in JSON, XML and form-urlencoded bodies.
//!
//! Runs in consumer mode, as the mock server needs: `ProviderState` keeps the example (the
//! provider fills it in during verification), `MockServerURL` swaps the example's base for the
//! running server's. A generator that cannot run never fails the response: the example stays
//! and a warning is logged.

mod json_path;
mod message;
mod regex_value;
mod values;
mod xml;

pub use message::{
    reify_message, reify_synchronous_message, ReifiedBody, ReifiedContents, ReifiedMessage,
    ReifiedSynchronousMessage,
};
pub use values::{
    format_now, generate_value, parse_date_expression, regex_value, validate_generator,
};

use crate::model::{Body, ContentType, Generator, Headers, Response};
use json_path::JsonPath;
use serde_json::Value;

/// What generators may draw on when producing values.
#[derive(Debug, Clone, Default)]
pub struct GeneratorContext {
    /// The running mock server's base URL (`http://127.0.0.1:1234`), for MockServerURL.
    pub mock_server_url: Option<String>,
}

impl GeneratorContext {
    /// A context for a mock server reachable at `url`.
    pub fn for_mock_server(url: impl Into<String>) -> GeneratorContext {
        GeneratorContext {
            mock_server_url: Some(url.into()),
        }
    }
}

/// The response with every generator applied (status, headers, body).
pub fn generate_response(response: &Response, context: &GeneratorContext) -> Response {
    ResponseGenerator::new(response).generate(context)
}

/// A response prepared once for repeated generation: the JSON body parsed and the generator
/// paths compiled, so each request only clones, generates and serialises.
#[derive(Debug, Clone)]
pub struct ResponseGenerator {
    response: Response,
    /// The parsed JSON body with its compiled generator paths (JSON bodies only).
    json_body: Option<(Value, Vec<(JsonPath, Generator)>)>,
}

impl ResponseGenerator {
    pub fn new(response: &Response) -> ResponseGenerator {
        let json_body = response.generators.category("body").and_then(|generators| {
            let ct = response.content_type();
            if ct
                .as_ref()
                .map(|c| c.is_xml() || c.is_form())
                .unwrap_or(false)
            {
                return None;
            }
            let Body::Present { bytes, .. } = &response.body else {
                return None;
            };
            let json = serde_json::from_slice::<Value>(bytes).ok()?;
            let paths = generators
                .iter()
                .filter_map(|(path, g)| parse_path(path).map(|p| (p, g.clone())))
                .collect();
            Some((json, paths))
        });
        ResponseGenerator {
            response: response.clone(),
            json_body,
        }
    }

    /// Whether generating can change anything (otherwise the response can be sent as is).
    pub fn has_generators(&self) -> bool {
        !self.response.generators.is_empty()
    }

    /// The response as it was given, before generators.
    pub fn response(&self) -> &Response {
        &self.response
    }

    /// A fresh response with every generator applied.
    pub fn generate(&self, context: &GeneratorContext) -> Response {
        let response = &self.response;
        let mut out = response.clone();
        if !self.has_generators() {
            return out;
        }
        if let Some(status) = response.generators.category("status") {
            for generator in status.values() {
                apply_status(&mut out, generator, context);
            }
        }
        if let Some(headers) = response.generators.category("header") {
            for (key, generator) in headers {
                apply_header(&mut out.headers, key, generator, context);
            }
        }
        if let Some((json, paths)) = &self.json_body {
            let mut json = json.clone();
            apply_at_paths(&mut json, paths.iter().map(|(p, g)| (p, g)), context);
            out.body = Body::Present {
                bytes: json.to_string().into_bytes(),
                content_type: response.body.content_type().cloned(),
            };
        } else if let Some(body) = response.generators.category("body") {
            let content_type = response.content_type();
            out.body = apply_body(&response.body, content_type.as_ref(), body, context);
        }
        out
    }
}

/// A body with its generators applied (JSON by path, XML, form fields; other bodies as given,
/// with a warning), for callers without a prepared `ResponseGenerator`.
pub(crate) fn generate_body(
    body: &Body,
    content_type: Option<&ContentType>,
    generators: &indexmap::IndexMap<String, Generator>,
    context: &GeneratorContext,
) -> Body {
    let Body::Present {
        bytes,
        content_type: body_ct,
    } = body
    else {
        return body.clone();
    };
    let structured = content_type.is_some_and(|c| c.is_xml() || c.is_form());
    if !structured {
        if let Ok(mut json) = serde_json::from_slice::<Value>(bytes) {
            let paths: Vec<(JsonPath, &Generator)> = generators
                .iter()
                .filter_map(|(path, generator)| Some((parse_path(path)?, generator)))
                .collect();
            apply_at_paths(&mut json, paths.iter().map(|(p, g)| (p, *g)), context);
            return Body::Present {
                bytes: json.to_string().into_bytes(),
                content_type: body_ct.clone(),
            };
        }
    }
    apply_body(body, content_type, generators, context)
}

/// Replaces the value at each path of `json` with its generator's value.
fn apply_at_paths<'a>(
    json: &mut Value,
    paths: impl IntoIterator<Item = (&'a JsonPath, &'a Generator)>,
    context: &GeneratorContext,
) {
    for (path, generator) in paths {
        path.apply(json, &mut |v: &mut Value| {
            if let Some(new) = generate_value(generator, v, context) {
                *v = new;
            }
        });
    }
}

fn apply_status(out: &mut Response, generator: &Generator, context: &GeneratorContext) {
    let current = Value::from(out.status);
    let Some(v) = generate_value(generator, &current, context) else {
        return;
    };
    let status = v
        .as_u64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .filter(|s| (100..=599).contains(s));
    match status {
        Some(s) => out.status = s as u16,
        None => tracing::warn!(
            "Status generator {generator:?} produced {v}, which is not an HTTP status; keeping {}",
            out.status
        ),
    }
}

/// A header key with an optional value index (`X-Id[1]`).
fn split_index(key: &str) -> (&str, Option<usize>) {
    if let Some(open) = key.rfind('[') {
        if key.ends_with(']') {
            if let Ok(i) = key[open + 1..key.len() - 1].parse() {
                return (&key[..open], Some(i));
            }
        }
    }
    (key, None)
}

fn value_as_string(v: Value) -> String {
    match v {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

fn apply_header(
    headers: &mut Option<Headers>,
    key: &str,
    generator: &Generator,
    context: &GeneratorContext,
) {
    let (name, index) = split_index(key);
    let map = headers.get_or_insert_with(Headers::new);
    let existing = map.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned();
    let name = existing.unwrap_or_else(|| name.to_string());
    let values = map.entry(name).or_default();
    let indexes: Vec<usize> = match index {
        Some(i) => vec![i],
        None if values.is_empty() => vec![0],
        None => (0..values.len()).collect(),
    };
    for i in indexes {
        let current = values
            .get(i)
            .map(|s| Value::String(s.clone()))
            .unwrap_or(Value::Null);
        if let Some(v) = generate_value(generator, &current, context) {
            if values.len() <= i {
                values.resize(i + 1, String::new());
            }
            values[i] = value_as_string(v);
        }
    }
}

fn apply_body(
    body: &Body,
    content_type: Option<&crate::model::ContentType>,
    generators: &indexmap::IndexMap<String, Generator>,
    context: &GeneratorContext,
) -> Body {
    let Body::Present {
        bytes,
        content_type: body_ct,
    } = body
    else {
        return body.clone();
    };
    // JSON bodies are handled by `ResponseGenerator` with pre-parsed paths.
    let is_form = content_type.map(|c| c.is_form()).unwrap_or(false);
    let is_xml = content_type.map(|c| c.is_xml()).unwrap_or(false);
    if is_form {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return Body::Present {
                bytes: apply_form(text, generators, context).into_bytes(),
                content_type: body_ct.clone(),
            };
        }
    }
    if is_xml {
        if let Some(out) = std::str::from_utf8(bytes)
            .ok()
            .and_then(|text| xml::apply(text, generators, context))
        {
            return Body::Present {
                bytes: out.into_bytes(),
                content_type: body_ct.clone(),
            };
        }
        return body.clone();
    }
    tracing::warn!(
        "Body generators support JSON, XML and form-urlencoded bodies only; the {} body is sent as given",
        content_type
            .map(|c| c.essence())
            .unwrap_or_else(|| "unknown".into())
    );
    body.clone()
}

fn parse_path(path: &str) -> Option<JsonPath> {
    match JsonPath::parse(path) {
        Ok(p) => Some(p),
        Err(e) => {
            tracing::warn!("Skipping a generator at invalid body path '{path}': {e}");
            None
        }
    }
}

/// Form fields by `$.name` (every value of the field) or `$.name[i]` (one value).
fn apply_form(
    text: &str,
    generators: &indexmap::IndexMap<String, Generator>,
    context: &GeneratorContext,
) -> String {
    let mut fields: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    for (path, generator) in generators {
        let Some(p) = parse_path(path) else { continue };
        let Some((name, index)) = p.form_field() else {
            tracing::warn!("Skipping a form body generator at '{path}': use $.field or $.field[i]");
            continue;
        };
        for (n, (_, value)) in fields.iter_mut().filter(|(k, _)| *k == name).enumerate() {
            if index.map(|i| i == n).unwrap_or(true) {
                if let Some(v) = generate_value(generator, &Value::String(value.clone()), context) {
                    *value = value_as_string(v);
                }
            }
        }
    }
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in &fields {
        out.append_pair(k, v);
    }
    out.finish()
}
