//! The XML builder form of a body (what pact-js `XmlBuilder` produces and libpact_ffi
//! accepts with an XML content type): `{"version", "charset", "root": element}` where an element
//! is `{"name", "attributes", "children"}`, a text node `{"content", "matcher"?}`, and a
//! matcher object wraps an element in `value` (repeated `examples` times). Written out as XML,
//! with rules at `$.root.child`, `$.root['@attr']` and `$.root.child['#text']`.

use super::integration::{is_matcher_object, Processor};
use crate::error::{PactError, Result};
use crate::model::escape_xml;
use serde_json::{Map, Value};

/// An element (or `#text`) path step as libpact_ffi writes it: dotted while the name is made
/// of identifier characters (`$.ns1:projects.ns1:project.#text`), bracketed otherwise.
fn xml_join(parent: &str, name: &str) -> String {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '#' | '@'));
    if plain {
        format!("{parent}.{name}")
    } else {
        format!(
            "{parent}['{}']",
            name.replace('\\', "\\\\").replace('\'', "\\'")
        )
    }
}

/// An attribute path step: always bracketed (`$.a['@id']`).
fn attribute_path(element: &str, name: &str) -> String {
    format!(
        "{element}['@{}']",
        name.replace('\\', "\\\\").replace('\'', "\\'")
    )
}

/// Whether a JSON body is in the XML builder form.
pub(crate) fn is_builder_document(value: &Value) -> bool {
    value.get("root").map(Value::is_object).unwrap_or(false)
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn bad(what: String) -> PactError {
    PactError::invalid_argument(format!("Invalid XML builder body: {what}"))
}

/// The XML text of a builder document; rules and generators go to `p`.
pub(crate) fn build(doc: &Value, p: &mut Processor) -> Result<String> {
    let root = doc
        .get("root")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("'root' must be an element object".into()))?;
    // libpact_ffi writes the declaration with the version only, in single quotes.
    let version = doc.get("version").and_then(Value::as_str).unwrap_or("1.0");
    let mut out = format!("<?xml version='{}'?>", escape_xml(version));
    node(root, "$", &mut out, p)?;
    Ok(out)
}

fn node(obj: &Map<String, Value>, parent: &str, out: &mut String, p: &mut Processor) -> Result<()> {
    let examples = obj.get("examples").and_then(Value::as_u64).unwrap_or(1);
    if examples > u64::from(super::matchers::MAX_EXAMPLES) {
        return Err(bad(format!(
            "'examples' under {parent} is {examples}; at most {} are written",
            super::matchers::MAX_EXAMPLES
        )));
    }
    let examples = examples as usize;
    if is_matcher_object(&Value::Object(obj.clone())) {
        let element = obj.get("value").and_then(Value::as_object).ok_or_else(|| {
            bad(format!(
                "a matcher under {parent} must have an element as its 'value'"
            ))
        })?;
        let name = element_name(element, parent)?;
        p.record_matcher(obj, &xml_join(parent, &name))?;
        let mut one = String::new();
        write_element(element, &name, parent, &mut one, p)?;
        out.push_str(&one.repeat(examples.max(1)));
        return Ok(());
    }
    if let Some(content) = obj.get("content") {
        if let Some(Value::Object(m)) = obj.get("matcher") {
            p.record_matcher(m, &xml_join(parent, "#text"))?;
        }
        out.push_str(&escape_xml(&scalar(content)));
        return Ok(());
    }
    let name = element_name(obj, parent)?;
    let mut one = String::new();
    write_element(obj, &name, parent, &mut one, p)?;
    out.push_str(&one.repeat(examples.max(1)));
    Ok(())
}

fn element_name(obj: &Map<String, Value>, parent: &str) -> Result<String> {
    match obj.get("name") {
        Some(Value::String(n)) if !n.is_empty() => Ok(n.clone()),
        _ => Err(bad(format!(
            "an element under {parent} needs a 'name' (or 'content' for text)"
        ))),
    }
}

fn write_element(
    obj: &Map<String, Value>,
    name: &str,
    parent: &str,
    out: &mut String,
    p: &mut Processor,
) -> Result<()> {
    let path = xml_join(parent, name);
    out.push('<');
    out.push_str(name);
    match obj.get("attributes") {
        None | Some(Value::Null) => {}
        Some(Value::Object(attrs)) => {
            // Sorted by name, as libpact_ffi's writer orders them.
            let mut sorted: Vec<(&String, &Value)> = attrs.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            for (k, v) in sorted {
                let value = match v {
                    Value::Object(m) if is_matcher_object(v) => {
                        p.record_matcher(m, &attribute_path(&path, k))?;
                        scalar(m.get("value").unwrap_or(&Value::Null))
                    }
                    other => scalar(other),
                };
                out.push_str(&format!(" {k}='{}'", escape_xml(&value)));
            }
        }
        Some(other) => {
            return Err(bad(format!(
                "'attributes' of {path} must be an object, got {other}"
            )))
        }
    }
    let children = match obj.get("children") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(c)) => c.clone(),
        Some(other) => {
            return Err(bad(format!(
                "'children' of {path} must be a list, got {other}"
            )))
        }
    };
    if children.is_empty() {
        out.push_str("/>");
        return Ok(());
    }
    out.push('>');
    for child in &children {
        let child = child
            .as_object()
            .ok_or_else(|| bad(format!("a child of {path} must be an object, got {child}")))?;
        node(child, &path, out, p)?;
    }
    out.push_str(&format!("</{name}>"));
    Ok(())
}
