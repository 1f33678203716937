//! JS values into the core's JSON: bodies, matcher arguments and provider-state parameters
//! are turned into JSON exactly as `JSON.stringify` does it (pact-js semantics: `toJSON`,
//! dates, `undefined` properties dropped), so a body means the same here as in pact-js.

use crate::error::{invalid_argument, Code, IntoJs};
use napi::bindgen_prelude::*;
use pact_mock_server_core::dsl::BodyInput;
use serde_json::{Map, Value};

/// `JSON.stringify(value)` parsed back; `None` for `undefined` (and functions/symbols,
/// which `JSON.stringify` drops too).
pub fn to_json(env: &Env, value: Unknown<'_>, what: &str) -> Result<Option<Value>, Code> {
    match value.get_type().js()? {
        ValueType::Undefined => return Ok(None),
        ValueType::Null => return Ok(Some(Value::Null)),
        // SAFETY: the match arm has just checked that the value is a boolean.
        ValueType::Boolean => return Ok(Some(Value::Bool(unsafe { value.cast::<bool>() }.js()?))),
        ValueType::String => {
            // SAFETY: the match arm has just checked that the value is a string.
            return Ok(Some(Value::String(unsafe { value.cast::<String>() }.js()?)));
        }
        _ => {}
    }
    let global = env.get_global().js()?;
    let json: Object = global.get_named_property("JSON").js()?;
    let stringify: Function<Unknown, Unknown> = json.get_named_property("stringify").js()?;
    let text = stringify.apply(json, value).js()?;
    if text.get_type().js()? != ValueType::String {
        return Ok(None);
    }
    // SAFETY: the `if` above returned unless the value is a string.
    let text = unsafe { text.cast::<String>() }.js()?;
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|e| invalid_argument(format!("{what} could not be read as JSON: {e}")))
}

/// Like `to_json` but `undefined` is an error naming the argument.
pub fn required_json(env: &Env, value: Unknown<'_>, what: &str) -> Result<Value, Code> {
    to_json(env, value, what)?
        .ok_or_else(|| invalid_argument(format!("{what} is missing (got undefined)")))
}

/// A body as the API describes it: a Buffer (or any Uint8Array) is binary, a string is text,
/// anything else is JSON.
pub fn body_input(env: &Env, value: Unknown<'_>) -> Result<BodyInput, Code> {
    if value.get_type().js()? == ValueType::Object
        && (value.is_buffer().js()? || value.is_typedarray().js()?)
    {
        // SAFETY: the `if` has just checked that the value is a Buffer or a typed array.
        let bytes: Uint8Array = unsafe { value.cast() }.js()?;
        return Ok(BodyInput::Bytes(bytes.to_vec()));
    }
    match to_json(env, value, "The body")? {
        Some(Value::String(text)) => Ok(BodyInput::Text(text)),
        Some(json) => Ok(BodyInput::Json(json)),
        None => Err(invalid_argument(
            "The body is undefined: pass a string, a Buffer or a JSON value (null for an empty JSON body)",
        )),
    }
}

/// Provider state parameters: an object, or nothing (`undefined`, `null`).
pub fn provider_state_params(
    env: &Env,
    params: Option<Unknown<'_>>,
) -> Result<Option<Map<String, Value>>, Code> {
    let Some(params) = params else {
        return Ok(None);
    };
    match to_json(env, params, "The provider state parameters")? {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(other) => Err(invalid_argument(format!(
            "Provider state parameters must be an object like {{ id: 42 }}, got {other}"
        ))),
    }
}

/// A V4 comment's value as the user gave it (`undefined` is `null`, which removes it).
pub fn comment_value(env: &Env, value: Unknown<'_>, what: &str) -> Result<Value, Code> {
    Ok(to_json(env, value, what)?.unwrap_or(Value::Null))
}
