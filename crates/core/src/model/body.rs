//! Bodies of requests and responses, and content types.

use base64::Engine;
use serde_json::Value;

/// A body: absent, explicitly empty, a JSON `null`, or bytes with a content type.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Body {
    /// No body was given.
    #[default]
    Missing,
    /// A body of zero bytes.
    Empty,
    /// A JSON `null` body (`"body": null` in a pact file).
    Null,
    /// Bytes, with the content type they were given with (if any).
    Present {
        bytes: Vec<u8>,
        content_type: Option<ContentType>,
    },
}

impl Body {
    pub fn from_text(text: impl Into<String>, content_type: Option<ContentType>) -> Body {
        let bytes = text.into().into_bytes();
        if bytes.is_empty() {
            Body::Empty
        } else {
            Body::Present {
                bytes,
                content_type,
            }
        }
    }

    pub fn from_bytes(bytes: Vec<u8>, content_type: Option<ContentType>) -> Body {
        if bytes.is_empty() {
            Body::Empty
        } else {
            Body::Present {
                bytes,
                content_type,
            }
        }
    }

    /// A JSON body with content type `application/json`.
    pub fn from_json(value: &Value) -> Body {
        Body::Present {
            bytes: value.to_string().into_bytes(),
            content_type: Some(ContentType::json()),
        }
    }

    pub fn bytes(&self) -> &[u8] {
        match self {
            Body::Present { bytes, .. } => bytes,
            _ => &[],
        }
    }

    pub fn is_present(&self) -> bool {
        matches!(self, Body::Present { .. })
    }

    pub fn content_type(&self) -> Option<&ContentType> {
        match self {
            Body::Present { content_type, .. } => content_type.as_ref(),
            _ => None,
        }
    }

    /// The body as text, if it is UTF-8.
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(self.bytes()).ok()
    }

    /// The body parsed as JSON, if it parses.
    pub fn json(&self) -> Option<Value> {
        match self {
            Body::Null => Some(Value::Null),
            Body::Present { bytes, .. } => serde_json::from_slice(bytes).ok(),
            _ => None,
        }
    }

    /// The body as it appears in a V1..V3 pact file: JSON for JSON content, a string for text,
    /// base64 for bytes that are not UTF-8.
    pub fn to_v3_json(&self, content_type: Option<&ContentType>) -> Option<Value> {
        match self {
            Body::Missing => None,
            Body::Empty => Some(Value::String(String::new())),
            Body::Null => Some(Value::Null),
            Body::Present { bytes, .. } => {
                let is_json = content_type.map(|c| c.is_json()).unwrap_or(false);
                if is_json {
                    if let Ok(v) = serde_json::from_slice::<Value>(bytes) {
                        return Some(v);
                    }
                }
                Some(match std::str::from_utf8(bytes) {
                    Ok(s) => Value::String(s.to_string()),
                    Err(_) => {
                        Value::String(base64::engine::general_purpose::STANDARD.encode(bytes))
                    }
                })
            }
        }
    }

    /// The body as a V4 body object `{content, contentType, encoded}`.
    pub fn to_v4_json(&self, content_type: Option<&ContentType>) -> Option<Value> {
        match self {
            Body::Missing => None,
            Body::Null => Some(Value::Null),
            // The reference writes an empty body as `{"content": ""}` alone.
            Body::Empty => Some(serde_json::json!({"content": ""})),
            Body::Present { bytes, .. } => {
                let ct = content_type
                    .cloned()
                    .unwrap_or_else(|| ContentType::detect(bytes));
                let mut obj = serde_json::Map::new();
                let json = if ct.is_json() {
                    serde_json::from_slice::<Value>(bytes).ok()
                } else {
                    None
                };
                match (json, std::str::from_utf8(bytes)) {
                    (Some(v), _) => {
                        obj.insert("content".into(), v);
                        obj.insert("contentType".into(), Value::String(ct.pact_form()));
                        obj.insert("encoded".into(), Value::Bool(false));
                    }
                    (None, Ok(s)) if !ct.is_binary() => {
                        obj.insert("content".into(), Value::String(s.to_string()));
                        obj.insert("contentType".into(), Value::String(ct.pact_form()));
                        obj.insert("encoded".into(), Value::Bool(false));
                    }
                    _ => {
                        obj.insert(
                            "content".into(),
                            Value::String(base64::engine::general_purpose::STANDARD.encode(bytes)),
                        );
                        obj.insert("contentType".into(), Value::String(ct.pact_form()));
                        obj.insert("encoded".into(), Value::String("base64".into()));
                    }
                }
                Some(Value::Object(obj))
            }
        }
    }
}

/// A parsed content type: `type/subtype` plus parameters (`charset=utf-8`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentType {
    /// The content type as it was given, written back unchanged.
    pub raw: String,
    pub main: String,
    pub sub: String,
    pub params: Vec<(String, String)>,
}

impl ContentType {
    pub fn parse(s: &str) -> Option<ContentType> {
        let mut parts = s.split(';');
        let essence = parts.next()?.trim().to_ascii_lowercase();
        let (main, sub) = essence.split_once('/')?;
        if main.is_empty() || sub.is_empty() {
            return None;
        }
        let params = parts
            .filter_map(|p| {
                let (k, v) = p.split_once('=')?;
                Some((
                    k.trim().to_ascii_lowercase(),
                    v.trim().trim_matches('"').to_string(),
                ))
            })
            .collect();
        Some(ContentType {
            raw: s.trim().to_string(),
            main: main.trim().to_string(),
            sub: sub.trim().to_string(),
            params,
        })
    }

    pub fn json() -> ContentType {
        ContentType::parse("application/json").expect("static content type")
    }

    pub fn text() -> ContentType {
        ContentType::parse("text/plain").expect("static content type")
    }

    pub fn octet_stream() -> ContentType {
        ContentType::parse("application/octet-stream").expect("static content type")
    }

    /// `type/subtype` without parameters.
    pub fn essence(&self) -> String {
        format!("{}/{}", self.main, self.sub)
    }

    /// The form pact-reference writes a body's `contentType` in: `type/subtype`, then the
    /// parameters sorted by name as `;name=value` (no spaces, a charset in lower case), so
    /// `multipart/form-data; boundary=X` is `multipart/form-data;boundary=X`.
    pub fn pact_form(&self) -> String {
        let mut params = self.params.clone();
        params.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = self.essence();
        for (name, value) in params {
            let value = if name == "charset" {
                value.to_ascii_lowercase()
            } else {
                value
            };
            out.push_str(&format!(";{name}={value}"));
        }
        out
    }

    pub fn is_json(&self) -> bool {
        (self.main == "application" || self.main == "text")
            && (self.sub == "json"
                || self.sub.ends_with("+json")
                || self.sub == "json-rpc"
                || self.sub == "jsonrequest"
                || self.sub == "x-javascript"
                || self.sub == "hal+json")
    }

    pub fn is_xml(&self) -> bool {
        (self.main == "application" || self.main == "text")
            && (self.sub == "xml" || self.sub.ends_with("+xml"))
    }

    pub fn is_form(&self) -> bool {
        self.main == "application" && self.sub == "x-www-form-urlencoded"
    }

    pub fn is_multipart(&self) -> bool {
        self.main == "multipart"
    }

    pub fn is_text(&self) -> bool {
        self.main == "text" || self.is_json() || self.is_xml() || self.is_form()
    }

    pub fn is_binary(&self) -> bool {
        !self.is_text() && !self.is_multipart()
    }

    /// Guesses a content type from the first bytes of a body.
    pub fn detect(bytes: &[u8]) -> ContentType {
        let Ok(text) = std::str::from_utf8(bytes) else {
            return ContentType::octet_stream();
        };
        let t = text.trim_start();
        let lower_start: String = t.chars().take(9).collect::<String>().to_ascii_lowercase();
        if t.starts_with("<?xml") {
            ContentType::parse("application/xml").expect("static")
        } else if lower_start.starts_with("<!doctype") || lower_start.starts_with("<html") {
            ContentType::parse("text/html").expect("static")
        } else if t.starts_with('<') {
            ContentType::parse("application/xml").expect("static")
        } else if (t.starts_with('{') || t.starts_with('['))
            && serde_json::from_str::<Value>(t).is_ok()
        {
            ContentType::json()
        } else {
            ContentType::text()
        }
    }
}

impl std::fmt::Display for ContentType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.raw)
    }
}

/// Text escaped for XML content and attribute values.
pub(crate) fn escape_xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}
