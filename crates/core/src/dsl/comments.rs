//! V4 comments of an interaction or message, as libpact_ffi sets them
//! (`pactffi_set_comment`, `pactffi_interaction_test_name`, `pactffi_add_interaction_reference`):
//! `comments[key]`, `comments.testname`, `comments.references[group][name]`.
//!
//! Values are JSON. A string is read as libpact_ffi reads the text it is handed: as the JSON
//! it spells when it is JSON text (`"42"` is 42, `"{\"a\":1}"` an object), else as the text;
//! so a pact-js call passed through gives the same pact file. JSON `null` removes the comment.

use crate::error::{PactError, Result};
use serde_json::{Map, Value};

/// A comment value as libpact_ffi reads it (see the module comment).
fn comment_value(value: Value) -> Value {
    match value {
        Value::String(text) => serde_json::from_str(&text).unwrap_or(Value::String(text)),
        other => other,
    }
}

fn non_empty<'a>(what: &str, value: &'a str) -> Result<&'a str> {
    if value.is_empty() {
        Err(PactError::invalid_argument(format!(
            "A comment's {what} must not be empty"
        )))
    } else {
        Ok(value)
    }
}

/// `comments[key] = value`; a `null` value removes the comment.
pub fn set_comment(comments: &mut Map<String, Value>, key: &str, value: Value) -> Result<()> {
    let key = non_empty("key", key)?;
    match comment_value(value) {
        Value::Null => {
            comments.shift_remove(key);
        }
        value => {
            comments.insert(key.to_string(), value);
        }
    }
    Ok(())
}

/// `comments.testname = name` (the name of the test that defined the interaction).
pub fn set_test_name(comments: &mut Map<String, Value>, name: &str) {
    comments.insert("testname".into(), Value::String(name.to_string()));
}

/// `comments.references[group][name] = value` (a reference to something outside the pact,
/// such as an issue or a specification section); a `null` value removes it.
pub fn add_reference(
    comments: &mut Map<String, Value>,
    group: &str,
    name: &str,
    value: Value,
) -> Result<()> {
    let group = non_empty("reference group", group)?;
    let name = non_empty("reference name", name)?;
    let references = object_at(comments, "references");
    let entries = object_at(references, group);
    match comment_value(value) {
        Value::Null => {
            entries.shift_remove(name);
        }
        value => {
            entries.insert(name.to_string(), value);
        }
    }
    Ok(())
}

/// The object at `map[key]`, made one if it is missing or something else.
fn object_at<'a>(map: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let slot = map
        .entry(key.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    match slot {
        Value::Object(m) => m,
        _ => unreachable!("made an object just above"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_read_as_libpact_ffi_reads_them() {
        let mut c = Map::new();
        for (key, given) in [
            ("num", json!("42")),
            ("obj", json!("{\"a\":1}")),
            ("text", json!("plain text")),
            ("broken", json!("{\"a\":")),
            ("native", json!({"b": [1]})),
        ] {
            set_comment(&mut c, key, given).unwrap();
        }
        assert_eq!(
            Value::Object(c.clone()),
            json!({"num": 42, "obj": {"a": 1}, "text": "plain text", "broken": "{\"a\":", "native": {"b": [1]}})
        );
        set_comment(&mut c, "num", json!("null")).unwrap();
        set_comment(&mut c, "obj", Value::Null).unwrap();
        assert!(!c.contains_key("num") && !c.contains_key("obj"));
        assert!(set_comment(&mut c, "", json!(1)).is_err());
    }

    #[test]
    fn references_and_test_name() {
        let mut c = Map::new();
        add_reference(&mut c, "issues", "a", json!("1")).unwrap();
        add_reference(&mut c, "issues", "b", json!("PROJ-2")).unwrap();
        add_reference(&mut c, "spec", "a", json!("3")).unwrap();
        set_test_name(&mut c, "t1");
        set_test_name(&mut c, "42");
        assert_eq!(
            Value::Object(c),
            json!({"references": {"issues": {"a": 1, "b": "PROJ-2"}, "spec": {"a": 3}}, "testname": "42"})
        );
    }
}
