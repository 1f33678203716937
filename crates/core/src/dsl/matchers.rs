//! The `Matchers` builders: each returns exactly the integration JSON that pact-js
//! `MatchersV3` returns for the same call (`{"pact:matcher:type": ..., "value": ...}`), so
//! bodies built with either library work with both. Where pact-js throws, these return
//! `ErrorCode::InvalidArgument` with pact-js's reason.
//!
//! One deliberate extension: `datetime`, `date`, `time` and `timestamp` accept no example
//! (pact-js requires one); the example is then generated from the format for the current
//! time and a `DateTime`/`Date`/`Time` generator is added, so the mock server sends a fresh
//! value on each response.

use crate::error::{ErrorCode, PactError, Result};
use crate::model::StatusClass;
use serde_json::{json, Map, Value};

const MT: &str = "pact:matcher:type";
const GT: &str = "pact:generator:type";

/// The regex pact-js uses for UUIDs (lower-case, hyphenated).
pub const UUID_REGEX: &str = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

fn obj(entries: Vec<(&str, Value)>) -> Value {
    let mut m = Map::new();
    for (k, v) in entries {
        m.insert(k.to_string(), v);
    }
    Value::Object(m)
}

/// Most example elements an array matcher writes out; pact-js has no limit, but a
/// mistyped count must not exhaust memory.
pub const MAX_EXAMPLES: u32 = 10_000;

fn times(v: &Value, n: u32) -> Value {
    if n > MAX_EXAMPLES {
        tracing::warn!("An array matcher asked for {n} example elements; writing {MAX_EXAMPLES}");
    }
    Value::Array((0..n.min(MAX_EXAMPLES)).map(|_| v.clone()).collect())
}

/// Matches by type: `{mt: "type", value}`.
pub fn like(v: Value) -> Value {
    obj(vec![(MT, json!("type")), ("value", v)])
}

/// An array whose elements all match `v` by type, with at least `min` (default 1) of them.
pub fn each_like(v: Value, min: Option<u32>) -> Value {
    let min = min.unwrap_or(1);
    obj(vec![
        ("min", json!(min)),
        (MT, json!("type")),
        ("value", times(&v, min)),
    ])
}

/// An array of at least one element like `v`; the example holds `count` (default 1).
pub fn at_least_one_like(v: Value, count: Option<u32>) -> Value {
    let count = count.unwrap_or(1);
    obj(vec![
        ("min", json!(1)),
        (MT, json!("type")),
        ("value", times(&v, count)),
    ])
}

/// An array of at least `min` elements like `v`; the example holds `count` (default `min`).
pub fn at_least_like(v: Value, min: u32, count: Option<u32>) -> Result<Value> {
    // pact-js treats a count of 0 as not given (`count || min`).
    let count = count.filter(|c| *c > 0);
    if let Some(c) = count {
        if c < min {
            return Err(PactError::invalid_argument(format!(
                "atLeastLike has a minimum of {min} but {c} elements were requested. Make sure the count is greater than or equal to the min."
            )));
        }
    }
    Ok(obj(vec![
        ("min", json!(min)),
        (MT, json!("type")),
        ("value", times(&v, count.unwrap_or(min))),
    ]))
}

/// An array of at most `max` elements like `v`; the example holds `count` (default 1).
pub fn at_most_like(v: Value, max: u32, count: Option<u32>) -> Result<Value> {
    let count = count.filter(|c| *c > 0);
    if let Some(c) = count {
        if c > max {
            return Err(PactError::invalid_argument(format!(
                "atMostLike has a maximum of {max} but {c} elements where requested. Make sure the count is less than or equal to the max."
            )));
        }
    }
    Ok(obj(vec![
        ("max", json!(max)),
        (MT, json!("type")),
        ("value", times(&v, count.unwrap_or(1))),
    ]))
}

/// An array of `min` to `max` elements like `v`; the example holds `count` (default `min`).
pub fn constrained_array_like(v: Value, min: u32, max: u32, count: Option<u32>) -> Result<Value> {
    if min > max {
        return Err(PactError::invalid_argument(format!(
            "constrainedArrayLike has a minimum of {min} greater than its maximum of {max}. Make sure min <= max."
        )));
    }
    let count = count.filter(|c| *c > 0);
    if let Some(c) = count {
        if c < min {
            return Err(PactError::invalid_argument(format!(
                "constrainedArrayLike has a minimum of {min} but {c} elements where requested. Make sure the count is greater than or equal to the min."
            )));
        }
        if c > max {
            return Err(PactError::invalid_argument(format!(
                "constrainedArrayLike has a maximum of {max} but {c} elements where requested. Make sure the count is less than or equal to the max."
            )));
        }
    }
    Ok(obj(vec![
        ("min", json!(min)),
        ("max", json!(max)),
        (MT, json!("type")),
        ("value", times(&v, count.unwrap_or(min))),
    ]))
}

/// An integer; without an example, 101 with a RandomInt generator.
pub fn integer(v: Option<Value>) -> Result<Value> {
    match v {
        None | Some(Value::Null) => Ok(obj(vec![
            (GT, json!("RandomInt")),
            (MT, json!("integer")),
            ("value", json!(101)),
        ])),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(obj(vec![
            (MT, json!("integer")),
            ("value", Value::Number(n)),
        ])),
        // JavaScript numbers arrive as floats: 3.0 is an integer there.
        Some(Value::Number(n))
            if n.as_f64()
                .map(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                .unwrap_or(false) =>
        {
            let i = n.as_f64().unwrap_or_default() as i64;
            Ok(obj(vec![(MT, json!("integer")), ("value", json!(i))]))
        }
        Some(other) => Err(PactError::invalid_argument(format!(
            "The integer matcher was passed '{}' which is not an integer.",
            other
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| other.to_string())
        ))),
    }
}

/// A JavaScript number as `JSON.stringify` writes it: whole numbers without a fraction.
fn js_number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.0e15 {
        json!(n as i64)
    } else {
        serde_json::Number::from_f64(n)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }
}

/// A decimal number; without an example, 12.34 with a RandomDecimal generator.
pub fn decimal(v: Option<f64>) -> Value {
    match v.filter(|n| n.is_finite()) {
        Some(n) => obj(vec![(MT, json!("decimal")), ("value", js_number(n))]),
        None => obj(vec![
            (GT, json!("RandomDecimal")),
            (MT, json!("decimal")),
            ("value", json!(12.34)),
        ]),
    }
}

/// Any number; without an example, 1234 with a RandomInt generator.
pub fn number(v: Option<f64>) -> Value {
    match v.filter(|n| n.is_finite()) {
        Some(n) => obj(vec![(MT, json!("number")), ("value", js_number(n))]),
        None => obj(vec![
            (GT, json!("RandomInt")),
            (MT, json!("number")),
            ("value", json!(1234)),
        ]),
    }
}

/// A boolean, matched by type (as pact-js does); default `true`.
pub fn boolean(v: Option<bool>) -> Value {
    obj(vec![
        (MT, json!("type")),
        ("value", json!(v.unwrap_or(true))),
    ])
}

/// A string, matched by type; default `"some string"`.
pub fn string(v: Option<String>) -> Value {
    obj(vec![
        (MT, json!("type")),
        ("value", json!(v.unwrap_or_else(|| "some string".into()))),
    ])
}

/// A string matching `pattern` (whole string); `example` is the value sent.
pub fn regex(pattern: &str, example: &str) -> Result<Value> {
    crate::model::check_regex(pattern)?;
    Ok(obj(vec![
        (MT, json!("regex")),
        ("regex", json!(pattern)),
        ("value", json!(example)),
    ]))
}

/// Exactly this value (resets a cascading type match).
pub fn equal(v: Value) -> Value {
    obj(vec![(MT, json!("equality")), ("value", v)])
}

/// A string containing `v`.
pub fn includes(v: &str) -> Value {
    obj(vec![(MT, json!("include")), ("value", json!(v))])
}

/// JSON `null`.
pub fn null_value() -> Value {
    obj(vec![(MT, json!("null")), ("value", Value::Null)])
}

fn date_like(
    matcher: &str,
    generator: &str,
    format: &str,
    example: Option<&str>,
    what: &str,
) -> Result<Value> {
    match example {
        // pact-js puts `format` first for dates only; kept so the JSON reads the same.
        Some(ex) if !ex.is_empty() && matcher == "date" => Ok(obj(vec![
            ("format", json!(format)),
            (MT, json!(matcher)),
            ("value", json!(ex)),
        ])),
        Some(ex) if !ex.is_empty() => Ok(obj(vec![
            (MT, json!(matcher)),
            ("format", json!(format)),
            ("value", json!(ex)),
        ])),
        _ => {
            let generated = crate::generate::format_now(format, generator).map_err(|e| {
                PactError::invalid_argument(format!(
                    "Cannot make an example {what} from the format '{format}': {}",
                    e.message
                ))
            })?;
            Ok(obj(vec![
                (GT, json!(generator)),
                (MT, json!(matcher)),
                ("format", json!(format)),
                ("value", json!(generated)),
            ]))
        }
    }
}

/// A date-time in `format` (Java `DateTimeFormatter` pattern). Without an example, one is
/// generated for now and a DateTime generator is added (pact-js requires the example).
pub fn datetime(format: &str, example: Option<&str>) -> Result<Value> {
    date_like("timestamp", "DateTime", format, example, "datetime")
}

/// Same as `datetime`.
pub fn timestamp(format: &str, example: Option<&str>) -> Result<Value> {
    datetime(format, example)
}

/// A date in `format`; see `datetime` for a missing example.
pub fn date(format: &str, example: Option<&str>) -> Result<Value> {
    date_like("date", "Date", format, example, "date")
}

/// A time in `format`; see `datetime` for a missing example.
pub fn time(format: &str, example: Option<&str>) -> Result<Value> {
    date_like("time", "Time", format, example, "time")
}

/// A lower-case hyphenated UUID; without an example, a fixed one with a Uuid generator.
pub fn uuid(example: Option<&str>) -> Result<Value> {
    match example {
        Some(ex) if !ex.is_empty() => {
            let re = crate::model::cached_regex(&format!("^{UUID_REGEX}$"))
                .map_err(|e| PactError::new(ErrorCode::InvalidRegex, format!("UUID regex: {e}")))?;
            if !re.is_match(ex) {
                return Err(PactError::invalid_argument(format!(
                    "regex: Example value '{ex}' does not match the UUID regular expression '{UUID_REGEX}'"
                )));
            }
            Ok(obj(vec![
                (MT, json!("regex")),
                ("regex", json!(UUID_REGEX)),
                ("value", json!(ex)),
            ]))
        }
        _ => Ok(obj(vec![
            (MT, json!("regex")),
            ("regex", json!(UUID_REGEX)),
            (GT, json!("Uuid")),
            ("value", json!("e2490de5-5bd3-43d5-b7c4-526e33f71304")),
        ])),
    }
}

/// A URL ending in the given path fragments (pact-js `url2`): each fragment is a literal
/// string or a regex matcher. Without a base, the example uses `http://localhost:8080` and a
/// MockServerURL generator swaps in the running mock server's address.
pub fn url(base: Option<&str>, fragments: Vec<Value>) -> Result<Value> {
    let mut regex_str = String::from(".*(");
    let mut example = base.unwrap_or("http://localhost:8080").to_string();
    for (i, f) in fragments.iter().enumerate() {
        match f {
            Value::String(s) => {
                regex_str.push_str(&format!("\\/{s}"));
                example.push_str(&format!("/{s}"));
            }
            Value::Number(n) => {
                regex_str.push_str(&format!("\\/{n}"));
                example.push_str(&format!("/{n}"));
            }
            Value::Object(o) if o.get(MT).and_then(Value::as_str) == Some("regex") => {
                let re = o.get("regex").and_then(Value::as_str).unwrap_or_default();
                let value = o.get("value").map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                });
                regex_str.push_str(&format!("\\/{re}"));
                example.push_str(&format!("/{}", value.unwrap_or_default()));
            }
            other => {
                return Err(PactError::invalid_argument(format!(
                    "url: path fragment {i} must be a string or a regex matcher, got {other}"
                )))
            }
        }
    }
    regex_str.push_str(")$");
    crate::model::check_regex(&regex_str)?;
    Ok(match base {
        None => obj(vec![
            (MT, json!("regex")),
            (GT, json!("MockServerURL")),
            ("regex", json!(regex_str)),
            ("value", json!(example.clone())),
            ("example", json!(example)),
        ]),
        Some(_) => obj(vec![
            (MT, json!("regex")),
            ("regex", json!(regex_str)),
            ("value", json!(example)),
        ]),
    })
}

/// An array containing elements matching each variant, in any order.
pub fn array_containing(variants: Vec<Value>) -> Value {
    obj(vec![
        (MT, json!("arrayContains")),
        ("variants", Value::Array(variants)),
    ])
}

/// An object whose every key matches `matchers` (default: by type, like pact-js).
pub fn each_key_matches(example: Value, matchers: Vec<Value>) -> Value {
    let rules = if matchers.is_empty() {
        vec![like(json!("key"))]
    } else {
        matchers
    };
    obj(vec![
        (MT, json!("eachKey")),
        ("rules", Value::Array(rules)),
        ("value", example),
    ])
}

/// An object whose every value matches `matchers`.
pub fn each_value_matches(example: Value, matchers: Vec<Value>) -> Value {
    obj(vec![
        (MT, json!("eachValue")),
        ("rules", Value::Array(matchers)),
        ("value", example),
    ])
}

/// A value that is not empty (non-null, and no empty string, list or object).
pub fn not_empty(v: Value) -> Value {
    obj(vec![(MT, json!("notEmpty")), ("value", v)])
}

/// A semantic version string.
pub fn semver(example: &str) -> Result<Value> {
    semver::Version::parse(example).map_err(|e| {
        PactError::invalid_argument(format!(
            "semver: Example value '{example}' is not a valid semantic version: {e}"
        ))
    })?;
    Ok(obj(vec![(MT, json!("semver")), ("value", json!(example))]))
}

/// A body whose detected content type is `ct` (binary and multipart bodies).
pub fn content_type(ct: &str) -> Value {
    obj(vec![(MT, json!("contentType")), ("value", json!(ct))])
}

/// A code of the given class, used as example when none is given.
pub fn example_status(class: &StatusClass) -> u16 {
    match class {
        StatusClass::Information => 100,
        StatusClass::Success | StatusClass::NonError => 200,
        StatusClass::Redirect => 301,
        StatusClass::ClientError | StatusClass::Error => 400,
        StatusClass::ServerError => 500,
        StatusClass::Codes(codes) => codes.first().copied().unwrap_or(200),
    }
}

/// A response status in a class (`"success"`, `"clientError"`, ...) or one of a list of
/// codes (pact-js `matchStatus`); without an example, a code of the class.
pub fn status_code(status: Value, example: Option<u16>) -> Result<Value> {
    let mut attrs = Map::new();
    attrs.insert("status".into(), status.clone());
    let class = match crate::model::MatchingRule::from_name_and_attributes("statusCode", &attrs) {
        Ok(crate::model::MatchingRule::StatusCode(class)) => class,
        Ok(_) | Err(_) => {
            return Err(PactError::invalid_argument(format!(
                "statusCode: '{status}' is not a status class (information, success, redirect, clientError, serverError, nonError, error) or a list of status codes"
            )))
        }
    };
    if matches!(&class, StatusClass::Codes(c) if c.is_empty()) {
        return Err(PactError::invalid_argument(
            "statusCode: the list of status codes is empty",
        ));
    }
    let example = example.unwrap_or_else(|| example_status(&class));
    if !class.contains(example) {
        return Err(PactError::invalid_argument(format!(
            "statusCode: the example {example} is not {}",
            class.describe()
        )));
    }
    Ok(obj(vec![
        (MT, json!("statusCode")),
        ("status", status),
        ("value", json!(example)),
    ]))
}

/// A value the provider fills in from its provider state (`expression` like `${id}`);
/// the consumer side sees `example`.
pub fn from_provider_state(expression: &str, example: Value) -> Value {
    obj(vec![
        (MT, json!("type")),
        (GT, json!("ProviderState")),
        ("expression", json!(expression)),
        ("value", example),
    ])
}
