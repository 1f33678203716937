//! The `Matchers` namespace: one export per builder of the core's `dsl::matchers`, returning
//! the same integration JSON as pact-js `MatchersV3`, so matchers from either library mix.

use crate::error::{invalid_argument, Code, IntoJs};
use crate::values::{required_json, to_json};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use pact_mock_server_core::dsl::matchers as m;
use serde_json::Value;

fn value(env: &Env, v: Unknown<'_>, what: &str) -> Result<Value, Code> {
    required_json(env, v, what)
}

/// A list argument that may also be a single item or absent.
fn list(env: &Env, v: Option<Unknown<'_>>, what: &str) -> Result<Vec<Value>, Code> {
    Ok(match v {
        None => Vec::new(),
        Some(v) => match to_json(env, v, what)? {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items,
            Some(one) => vec![one],
        },
    })
}

/// A regex given as a JS `RegExp` (its `source`) or a string.
fn pattern(v: Unknown<'_>) -> Result<String, Code> {
    match v.get_type().js()? {
        // SAFETY: the match arm has just checked that the value is a string.
        ValueType::String => unsafe { v.cast::<String>() }.js(),
        ValueType::Object => {
            // SAFETY: the match arm has just checked that the value is an object.
            let object: Object = unsafe { v.cast() }.js()?;
            match object
                .get_named_property::<Unknown>("source")
                .js()?
                .get_type()
                .js()?
            {
                ValueType::String => object.get_named_property::<String>("source").js(),
                _ => Err(invalid_argument(
                    "regex: the pattern must be a RegExp or a string",
                )),
            }
        }
        _ => Err(invalid_argument(
            "regex: the pattern must be a RegExp or a string",
        )),
    }
}

/// Matches by type: any value of the same type (cascades into objects and arrays).
#[napi(
    namespace = "Matchers",
    ts_generic_types = "T",
    ts_args_type = "value: T",
    ts_return_type = "Matcher<T>"
)]
pub fn like(env: &Env, v: Unknown<'_>) -> Result<Value, Code> {
    Ok(m::like(value(env, v, "like: the example")?))
}

/// An array whose elements all match `value` by type, with at least `min` (default 1) of them.
#[napi(
    namespace = "Matchers",
    ts_generic_types = "T",
    ts_args_type = "value: T, min?: number",
    ts_return_type = "Matcher<T[]>"
)]
pub fn each_like(env: &Env, v: Unknown<'_>, min: Option<u32>) -> Result<Value, Code> {
    Ok(m::each_like(value(env, v, "eachLike: the example")?, min))
}

/// An array with at least one element matching `value` by type; the example has `count`.
#[napi(
    namespace = "Matchers",
    ts_generic_types = "T",
    ts_args_type = "value: T, count?: number",
    ts_return_type = "Matcher<T[]>"
)]
pub fn at_least_one_like(env: &Env, v: Unknown<'_>, count: Option<u32>) -> Result<Value, Code> {
    Ok(m::at_least_one_like(
        value(env, v, "atLeastOneLike: the example")?,
        count,
    ))
}

/// An array with at least `min` elements matching `value` by type.
#[napi(
    namespace = "Matchers",
    ts_generic_types = "T",
    ts_args_type = "value: T, min: number, count?: number",
    ts_return_type = "Matcher<T[]>"
)]
pub fn at_least_like(
    env: &Env,
    v: Unknown<'_>,
    min: u32,
    count: Option<u32>,
) -> Result<Value, Code> {
    m::at_least_like(value(env, v, "atLeastLike: the example")?, min, count).js()
}

/// An array with at most `max` elements matching `value` by type.
#[napi(
    namespace = "Matchers",
    ts_generic_types = "T",
    ts_args_type = "value: T, max: number, count?: number",
    ts_return_type = "Matcher<T[]>"
)]
pub fn at_most_like(
    env: &Env,
    v: Unknown<'_>,
    max: u32,
    count: Option<u32>,
) -> Result<Value, Code> {
    m::at_most_like(value(env, v, "atMostLike: the example")?, max, count).js()
}

/// An array with between `min` and `max` elements matching `value` by type.
#[napi(
    namespace = "Matchers",
    ts_generic_types = "T",
    ts_args_type = "value: T, min: number, max: number, count?: number",
    ts_return_type = "Matcher<T[]>"
)]
pub fn constrained_array_like(
    env: &Env,
    v: Unknown<'_>,
    min: u32,
    max: u32,
    count: Option<u32>,
) -> Result<Value, Code> {
    m::constrained_array_like(
        value(env, v, "constrainedArrayLike: the example")?,
        min,
        max,
        count,
    )
    .js()
}

/// An integer; without an example a random one is generated.
#[napi(
    namespace = "Matchers",
    ts_args_type = "value?: number",
    ts_return_type = "Matcher<number>"
)]
pub fn integer(env: &Env, v: Option<Unknown<'_>>) -> Result<Value, Code> {
    let v = match v {
        Some(v) => to_json(env, v, "integer: the example")?,
        None => None,
    };
    m::integer(v).js()
}

/// A decimal number; without an example a random one is generated.
#[napi(namespace = "Matchers", ts_return_type = "Matcher<number>")]
pub fn decimal(value: Option<f64>) -> Value {
    m::decimal(value)
}

/// Any number; without an example a random one is generated.
#[napi(namespace = "Matchers", ts_return_type = "Matcher<number>")]
pub fn number(value: Option<f64>) -> Value {
    m::number(value)
}

/// A boolean (default example `true`).
#[napi(namespace = "Matchers", ts_return_type = "Matcher<boolean>")]
pub fn boolean(value: Option<bool>) -> Value {
    m::boolean(value)
}

/// A string (default example "some string").
#[napi(namespace = "Matchers", ts_return_type = "Matcher<string>")]
pub fn string(value: Option<String>) -> Value {
    m::string(value)
}

/// A string matching `pattern` (a RegExp or its source), with `example` sent by the server.
#[napi(
    namespace = "Matchers",
    ts_args_type = "pattern: RegExp | string, example: string",
    ts_return_type = "Matcher<string>"
)]
pub fn regex(pattern_arg: Unknown<'_>, example: String) -> Result<Value, Code> {
    m::regex(&pattern(pattern_arg)?, &example).js()
}

/// Exactly this value (stops a cascading type match).
#[napi(
    namespace = "Matchers",
    ts_generic_types = "T",
    ts_args_type = "value: T",
    ts_return_type = "Matcher<T>"
)]
pub fn equal(env: &Env, v: Unknown<'_>) -> Result<Value, Code> {
    Ok(m::equal(value(env, v, "equal: the value")?))
}

/// A string containing `value`.
#[napi(namespace = "Matchers", ts_return_type = "Matcher<string>")]
pub fn includes(value: String) -> Value {
    m::includes(&value)
}

/// `null`.
#[napi(namespace = "Matchers", ts_return_type = "Matcher<null>")]
pub fn null_value() -> Value {
    m::null_value()
}

/// A date-time in `format` (Java SimpleDateFormat); without an example one is generated.
#[napi(namespace = "Matchers", ts_return_type = "Matcher<string>")]
pub fn datetime(format: String, example: Option<String>) -> Result<Value, Code> {
    m::datetime(&format, example.as_deref()).js()
}

/// A date in `format`; without an example one is generated.
#[napi(namespace = "Matchers", ts_return_type = "Matcher<string>")]
pub fn date(format: String, example: Option<String>) -> Result<Value, Code> {
    m::date(&format, example.as_deref()).js()
}

/// A time in `format`; without an example one is generated.
#[napi(namespace = "Matchers", ts_return_type = "Matcher<string>")]
pub fn time(format: String, example: Option<String>) -> Result<Value, Code> {
    m::time(&format, example.as_deref()).js()
}

/// A timestamp in `format` (the same as `datetime`).
#[napi(namespace = "Matchers", ts_return_type = "Matcher<string>")]
pub fn timestamp(format: String, example: Option<String>) -> Result<Value, Code> {
    m::timestamp(&format, example.as_deref()).js()
}

/// A lower-case hyphenated UUID; without an example a random one is generated.
#[napi(namespace = "Matchers", ts_return_type = "Matcher<string>")]
pub fn uuid(example: Option<String>) -> Result<Value, Code> {
    m::uuid(example.as_deref()).js()
}

/// A URL ending in the given path fragments (strings or `Matchers.regex(...)`). Without a
/// base URL (`url(fragments)` or `url(null, fragments)`), the mock server puts its own address.
#[napi(
    namespace = "Matchers",
    ts_args_type = "baseOrFragments: string | null | Array<string | number | Matcher<string>>, fragments?: Array<string | number | Matcher<string>>",
    ts_return_type = "Matcher<string>"
)]
pub fn url(
    env: &Env,
    base_or_fragments: Unknown<'_>,
    fragments: Option<Unknown<'_>>,
) -> Result<Value, Code> {
    let first = to_json(env, base_or_fragments, "url: the base URL or fragments")?;
    let (base, fragments) = match first {
        Some(Value::Array(items)) => (None, items),
        Some(Value::String(base)) => (Some(base), list(env, fragments, "url: the fragments")?),
        None | Some(Value::Null) => (None, list(env, fragments, "url: the fragments")?),
        Some(other) => {
            return Err(invalid_argument(format!(
            "url: the first argument must be a base URL, null or the path fragments, got {other}"
        )))
        }
    };
    m::url(base.as_deref(), fragments).js()
}

/// An array that contains, in any order, an element matching each variant (up to 10).
#[napi(
    namespace = "Matchers",
    ts_args_type = "...variants: unknown[]",
    ts_return_type = "Matcher<unknown[]>"
)]
#[allow(clippy::too_many_arguments)]
pub fn array_containing(
    env: &Env,
    v0: Option<Unknown<'_>>,
    v1: Option<Unknown<'_>>,
    v2: Option<Unknown<'_>>,
    v3: Option<Unknown<'_>>,
    v4: Option<Unknown<'_>>,
    v5: Option<Unknown<'_>>,
    v6: Option<Unknown<'_>>,
    v7: Option<Unknown<'_>>,
    v8: Option<Unknown<'_>>,
    v9: Option<Unknown<'_>>,
) -> Result<Value, Code> {
    // napi-rs has no rest parameters: the variadic pact-js signature is read as ten optional
    // arguments, and trailing `undefined`s are not variants.
    let mut variants = Vec::new();
    for (i, v) in [v0, v1, v2, v3, v4, v5, v6, v7, v8, v9]
        .into_iter()
        .enumerate()
    {
        if let Some(v) = v {
            if let Some(json) = to_json(env, v, &format!("arrayContaining: variant {i}"))? {
                variants.push(json);
            }
        }
    }
    Ok(m::array_containing(variants))
}

/// An object whose every key matches the given matchers (default: any string key).
#[napi(
    namespace = "Matchers",
    ts_generic_types = "T",
    ts_args_type = "example: T, matchers?: Matcher<string> | Matcher<string>[]",
    ts_return_type = "Matcher<T>"
)]
pub fn each_key_matches(
    env: &Env,
    example: Unknown<'_>,
    matchers: Option<Unknown<'_>>,
) -> Result<Value, Code> {
    Ok(m::each_key_matches(
        value(env, example, "eachKeyMatches: the example")?,
        list(env, matchers, "eachKeyMatches: the matchers")?,
    ))
}

/// An object whose every value matches the given matchers.
#[napi(
    namespace = "Matchers",
    ts_generic_types = "T",
    ts_args_type = "example: T, matchers: Matcher | Matcher[]",
    ts_return_type = "Matcher<T>"
)]
pub fn each_value_matches(
    env: &Env,
    example: Unknown<'_>,
    matchers: Option<Unknown<'_>>,
) -> Result<Value, Code> {
    Ok(m::each_value_matches(
        value(env, example, "eachValueMatches: the example")?,
        list(env, matchers, "eachValueMatches: the matchers")?,
    ))
}

/// A value that is not empty (not null, no empty string, array or object).
#[napi(
    namespace = "Matchers",
    ts_generic_types = "T",
    ts_args_type = "value: T",
    ts_return_type = "Matcher<T>"
)]
pub fn not_empty(env: &Env, v: Unknown<'_>) -> Result<Value, Code> {
    Ok(m::not_empty(value(env, v, "notEmpty: the example")?))
}

/// A semantic version string.
#[napi(namespace = "Matchers", ts_return_type = "Matcher<string>")]
pub fn semver(example: String) -> Result<Value, Code> {
    m::semver(&example).js()
}

/// A body whose detected content type is `contentType` (binary and multipart bodies).
#[napi(namespace = "Matchers", ts_return_type = "Matcher<string>")]
pub fn content_type(content_type: String) -> Value {
    m::content_type(&content_type)
}

/// A response status in a class ('success', 'clientError', ...) or one of a list of codes.
/// Takes pact-js `matchStatus` order `(example, status)` as well as `(status, example?)`.
#[napi(
    namespace = "Matchers",
    ts_args_type = "...args: [example: number, status: StatusClass | number[]] | [status: StatusClass | number[], example?: number]",
    ts_return_type = "Matcher<number>"
)]
pub fn status_code(
    env: &Env,
    first: Unknown<'_>,
    second: Option<Unknown<'_>>,
) -> Result<Value, Code> {
    let first = value(env, first, "statusCode: the status class or codes")?;
    let second = match second {
        Some(v) => to_json(env, v, "statusCode: the example")?,
        None => None,
    };
    let (status, example) = match (first, second) {
        // pact-js matchStatus(example, status)
        (Value::Number(example), Some(status)) => (status, Some(Value::Number(example))),
        (status, example) => (status, example.filter(|e| !e.is_null())),
    };
    let example = match example {
        None => None,
        Some(code) => Some(
            code.as_u64()
                .and_then(|c| u16::try_from(c).ok())
                .ok_or_else(|| {
                    invalid_argument(format!("statusCode: {code} is not an HTTP status code"))
                })?,
        ),
    };
    m::status_code(status, example).js()
}

/// A value the provider fills in from its provider state (`expression` like "${id}").
#[napi(
    namespace = "Matchers",
    ts_generic_types = "T",
    ts_args_type = "expression: string, example: T",
    ts_return_type = "Matcher<T>"
)]
pub fn from_provider_state(
    env: &Env,
    expression: String,
    example: Unknown<'_>,
) -> Result<Value, Code> {
    Ok(m::from_provider_state(
        &expression,
        value(env, example, "fromProviderState: the example")?,
    ))
}

/// A value matching `pattern`, made as the `Regex` generator makes one (`null` for a pattern
/// with look-around or backreferences). Internal: the pact-js drop-in's `url()` takes it as
/// the example of a RegExp path fragment, where pact-js uses the randexp package.
#[napi(js_name = "__regexValue", skip_typescript)]
pub fn regex_value(pattern: String) -> Result<Option<String>, Code> {
    pact_mock_server_core::generate::regex_value(&pattern).map_err(invalid_argument)
}
