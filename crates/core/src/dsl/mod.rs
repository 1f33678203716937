//! The consumer DSL of the core, shared by the Node binding and the C ABI: building
//! interactions from values that may carry matchers and generators in the "integration JSON"
//! form (`{"pact:matcher:type": "type", "value": ...}`), and the `Matchers` builders that
//! produce exactly the JSON of pact-js `MatchersV3`.
//!
//! Where rules and generators land, as libpact_ffi puts them (checked against pact-core's
//! output): body rules by JSON path (`$.items[*].id`, `$['odd key']`; XML bodies
//! `$.root.child`, `$.root['@attr']`, `$.root.child.#text`); header and query rules by name
//! (the plain name for the first value or for a whole list, `name[i]` for a later value);
//! path and status rules under `""`.

pub mod comments;
mod expression;
mod integration;
pub mod matchers;
pub mod message;
mod xml;

pub use expression::{parse as parse_matcher_expression, Definition as MatcherDefinition};
pub use integration::{is_matcher_object, join_field, join_index};

use crate::error::{PactError, Result};
use crate::model::{
    Body, ContentType, Generator, Generators, Headers, Interaction, MatchingRule, MatchingRules,
    ProviderState, RuleList,
};
use integration::{process_single, Processor};
use serde_json::{Map, Value};

/// Which half of an interaction a call changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Request,
    Response,
}

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::Request => "request",
            Part::Response => "response",
        }
    }
}

impl std::str::FromStr for Part {
    type Err = PactError;

    /// `request` or `response`.
    fn from_str(s: &str) -> Result<Part> {
        match s {
            "request" => Ok(Part::Request),
            "response" => Ok(Part::Response),
            other => Err(PactError::invalid_argument(format!(
                "The part of an interaction is 'request' or 'response', got '{other}'"
            ))),
        }
    }
}

/// A body as a front end hands it over.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyInput {
    /// Any JSON value (may hold matchers anywhere).
    Json(Value),
    /// Text, sent as is (or parsed for matchers when the content type is JSON).
    Text(String),
    /// Raw bytes (binary).
    Bytes(Vec<u8>),
}

/// The example JSON of integration JSON, with every matcher replaced by its example value,
/// plus the body rules and generators it defines (keyed by JSON path). Useful to front ends
/// that need the plain value (pact-js `reify`).
pub fn process_body_json(value: &Value) -> Result<(Value, MatchingRules, Generators)> {
    let mut p = Processor::new("body");
    let example = p.process(value, "$")?;
    let mut rules = MatchingRules::default();
    for (path, list) in p.rules {
        rules.add("body", &path, list);
    }
    let mut generators = Generators::default();
    for (path, g) in p.generators {
        generators.add("body", &path, g);
    }
    Ok((example, rules, generators))
}

/// For the C ABI: a string holding a JSON object with `pact:matcher:type` or
/// `pact:generator:type` becomes that object; anything else stays a plain string.
pub fn value_from_c_string(s: &str) -> Value {
    let trimmed = s.trim_start();
    if trimmed.starts_with('{') {
        if let Ok(v @ Value::Object(_)) = serde_json::from_str::<Value>(s) {
            if is_matcher_object(&v) {
                return v;
            }
        }
    }
    Value::String(s.to_string())
}

/// A single example value as the string a path, query or header holds.
fn example_to_string(value: &Value, what: &str) -> Result<String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(PactError::invalid_argument(format!(
            "{what} must be a string (or a matcher whose example is a string), got {other}"
        ))),
    }
}

fn set_single_rules(
    rules: &mut MatchingRules,
    generators: &mut Generators,
    category: &str,
    key: &str,
    found: Vec<MatchingRule>,
    generator: Option<Generator>,
) {
    if let Some(c) = rules.categories.get_mut(category) {
        c.shift_remove(key);
    }
    if let Some(c) = generators.categories.get_mut(category) {
        c.shift_remove(key);
    }
    if !found.is_empty() {
        rules.set(category, key, RuleList::new(found));
    }
    if let Some(g) = generator {
        generators.add(category, key, g);
    }
}

/// Before a rule goes to `name[i]` (i > 0), a rule at plain `name` (which would cover every
/// value) moves to `name[0]`, where the earlier call meant it.
fn rekey_first_value_rule(rules: &mut MatchingRules, category: &str, name: &str) {
    if let Some(c) = rules.categories.get_mut(category) {
        if let Some(list) = c.shift_remove(name) {
            c.insert(format!("{name}[0]"), list);
        }
    }
}

/// Drops the rules and generators of every value of a header or query parameter.
fn remove_value_rules(
    rules: &mut MatchingRules,
    generators: &mut Generators,
    category: &str,
    name: &str,
) {
    let indexed = format!("{name}[");
    let keep = |k: &String| k != name && !k.starts_with(&indexed);
    if let Some(c) = rules.categories.get_mut(category) {
        c.retain(|k, _| keep(k));
    }
    if let Some(c) = generators.categories.get_mut(category) {
        c.retain(|k, _| keep(k));
    }
}

/// Sets the request method and path; the path may be a matcher.
pub fn with_request(i: &mut Interaction, method: &str, path: &Value) -> Result<()> {
    let method = method.trim();
    i.request.method = if method.is_empty() {
        "GET".to_string()
    } else {
        method.to_ascii_uppercase()
    };
    let (example, rules, generator) = match path {
        Value::Null => (Value::String("/".into()), Vec::new(), None),
        other => process_single(other, "request path")?,
    };
    let path = example_to_string(&example, "The request path")?;
    i.request.path = if path.is_empty() { "/".into() } else { path };
    let r = &mut i.request;
    set_single_rules(
        &mut r.matching_rules,
        &mut r.generators,
        "path",
        "",
        rules,
        generator,
    );
    Ok(())
}

/// Highest value index of a query parameter or header: more values than this is a mistake
/// (a garbage index from C), not a request anyone sends.
const MAX_VALUE_INDEX: usize = 1000;

fn check_index(index: usize, what: &str) -> Result<()> {
    if index > MAX_VALUE_INDEX {
        Err(PactError::invalid_argument(format!(
            "The index {index} of {what} is too large: values are numbered from 0 and at most {MAX_VALUE_INDEX} is accepted"
        )))
    } else {
        Ok(())
    }
}

/// The rule key of a value at `index` of a multi-valued query parameter or header: the name
/// itself for the first value, `name[i]` for later ones.
fn indexed_key(name: &str, index: usize) -> String {
    if index == 0 {
        name.to_string()
    } else {
        format!("{name}[{index}]")
    }
}

/// Sets query parameter `name` at `index` (values may be matchers). A matcher whose example
/// is a list, given at index 0, sets all values of the parameter and applies to all of them;
/// `null` makes a flag parameter (`?name`).
pub fn with_query_parameter(
    i: &mut Interaction,
    name: &str,
    value: &Value,
    index: usize,
) -> Result<()> {
    if name.is_empty() {
        return Err(PactError::invalid_argument(
            "A query parameter needs a name",
        ));
    }
    let context = format!("query parameter '{name}'");
    check_index(index, &context)?;
    let (example, rules, generator) = process_single(value, &context)?;
    let r = &mut i.request;
    let query = r.query.get_or_insert_with(Default::default);
    let values = query.entry(name.to_string()).or_default();
    let key = match example {
        Value::Array(items) if index == 0 => {
            remove_value_rules(&mut r.matching_rules, &mut r.generators, "query", name);
            *values = items
                .iter()
                .map(|v| match v {
                    Value::Null => Ok(None),
                    v => example_to_string(v, &format!("A value of {context}")).map(Some),
                })
                .collect::<Result<Vec<_>>>()?;
            name.to_string()
        }
        example => {
            let v = match example {
                Value::Null => None,
                v => Some(example_to_string(&v, &format!("The value of {context}"))?),
            };
            if values.len() <= index {
                values.resize(index + 1, Some(String::new()));
            }
            values[index] = v;
            if index > 0 && !rules.is_empty() {
                rekey_first_value_rule(&mut r.matching_rules, "query", name);
            }
            indexed_key(name, index)
        }
    };
    set_single_rules(
        &mut r.matching_rules,
        &mut r.generators,
        "query",
        &key,
        rules,
        generator,
    );
    Ok(())
}

/// Headers whose values are comma-separated lists; others (dates, user agents, custom
/// headers) keep commas inside their single value.
const MULTI_VALUE_HEADERS: [&str; 18] = [
    "accept",
    "accept-charset",
    "accept-encoding",
    "accept-language",
    "accept-patch",
    "accept-ranges",
    "access-control-allow-headers",
    "access-control-allow-methods",
    "access-control-expose-headers",
    "access-control-request-headers",
    "allow",
    "cache-control",
    "connection",
    "content-encoding",
    "content-language",
    "if-match",
    "if-none-match",
    "vary",
];

fn split_header(name: &str, value: &str) -> Vec<String> {
    if MULTI_VALUE_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
        value.split(',').map(|v| v.trim().to_string()).collect()
    } else {
        vec![value.trim().to_string()]
    }
}

struct PartMut<'a> {
    headers: &'a mut Option<Headers>,
    body: &'a mut Body,
    rules: &'a mut MatchingRules,
    generators: &'a mut Generators,
}

fn part_mut(i: &mut Interaction, part: Part) -> PartMut<'_> {
    match part {
        Part::Request => PartMut {
            headers: &mut i.request.headers,
            body: &mut i.request.body,
            rules: &mut i.request.matching_rules,
            generators: &mut i.request.generators,
        },
        Part::Response => PartMut {
            headers: &mut i.response.headers,
            body: &mut i.response.body,
            rules: &mut i.response.matching_rules,
            generators: &mut i.response.generators,
        },
    }
}

/// Sets header `name` at `index` of the request or response (values may be matchers). An
/// existing header of the same name in another case is reused; a JSON list replaces all
/// values; a plain value at index 0 of a list-valued header (`Accept: a, b`) is split.
pub fn with_header(
    i: &mut Interaction,
    part: Part,
    name: &str,
    value: &Value,
    index: usize,
) -> Result<()> {
    if name.trim().is_empty() {
        return Err(PactError::invalid_argument(format!(
            "A {} header needs a name",
            part.name()
        )));
    }
    let context = format!("{} header '{name}'", part.name());
    check_index(index, &context)?;
    // No value (a C NULL) is an empty header value, as libpact_ffi takes it.
    let empty = Value::String(String::new());
    let value = if value.is_null() { &empty } else { value };
    let p = part_mut(i, part);
    let headers = p.headers.get_or_insert_with(Headers::new);
    let key = headers
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .cloned()
        .unwrap_or_else(|| name.to_string());
    let mut set_rules: Vec<(usize, Vec<MatchingRule>, Option<Generator>)> = Vec::new();
    let new_values: Vec<String> = match value {
        Value::Array(items) => {
            remove_value_rules(p.rules, p.generators, "header", &key);
            let mut out = Vec::new();
            for (n, item) in items.iter().enumerate() {
                let (example, rules, generator) = process_single(item, &context)?;
                out.push(example_to_string(
                    &example,
                    &format!("A value of {context}"),
                )?);
                set_rules.push((n, rules, generator));
            }
            out
        }
        value => {
            let (example, rules, generator) = process_single(value, &context)?;
            let mut values = headers.get(&key).cloned().unwrap_or_default();
            match example {
                Value::Array(items) if index == 0 => {
                    values = items
                        .iter()
                        .map(|v| example_to_string(v, &format!("A value of {context}")))
                        .collect::<Result<Vec<_>>>()?;
                }
                Value::String(s) if index == 0 && rules.is_empty() && generator.is_none() => {
                    // As libpact_ffi: one value replaces the first, a list replaces all.
                    let parsed = split_header(&key, &s);
                    if values.is_empty() || parsed.len() > 1 {
                        values = parsed;
                    } else {
                        values[0] = s;
                    }
                }
                example => {
                    let s = example_to_string(&example, &format!("The value of {context}"))?;
                    if values.len() <= index {
                        values.resize(index + 1, String::new());
                    }
                    values[index] = s;
                }
            }
            set_rules.push((index, rules, generator));
            values
        }
    };
    headers.insert(key.clone(), new_values);
    let single = set_rules.len() == 1;
    for (n, rules, generator) in set_rules {
        // A list of values given at once: only the values with matchers get rules.
        if !single && rules.is_empty() && generator.is_none() {
            continue;
        }
        if n > 0 && !rules.is_empty() {
            rekey_first_value_rule(p.rules, "header", &key);
        }
        set_single_rules(
            p.rules,
            p.generators,
            "header",
            &indexed_key(&key, n),
            rules,
            generator,
        );
    }
    Ok(())
}

/// The value of a header, case-insensitively.
fn header_value(headers: &Option<Headers>, name: &str) -> Option<String> {
    headers
        .as_ref()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .and_then(|(_, v)| v.first().cloned())
}

/// A form-urlencoded body from a JSON object of fields (values may be matchers, rules at
/// `$.field`); lists give repeated fields.
fn form_body(value: &Value, p: &mut Processor) -> Result<String> {
    let example = p.process(value, "$")?;
    let Value::Object(fields) = example else {
        return Err(PactError::invalid_argument(
            "A form-urlencoded body must be an object of field names to values",
        ));
    };
    let mut out = form_urlencoded::Serializer::new(String::new());
    // Fields in name order, as libpact_ffi's form builder writes them.
    let mut fields: Vec<(&String, &Value)> = fields.iter().collect();
    fields.sort_by(|a, b| a.0.cmp(b.0));
    for (k, v) in fields {
        let values = match v {
            Value::Array(items) => items.clone(),
            v => vec![v.clone()],
        };
        for v in values {
            out.append_pair(k, &example_to_string(&v, &format!("Form field '{k}'"))?);
        }
    }
    Ok(out.finish())
}

/// Sets the body of the request or response. The content type is the argument, else an
/// existing `Content-Type` header, else JSON for JSON input, `text/plain` for text and
/// `application/octet-stream` for bytes; the `Content-Type` header is set when absent. JSON
/// content (also given as text) is processed for matchers, as are XML builder documents and
/// form fields given as JSON; bytes of a specific type get a `contentType` rule (as pact-js
/// binary bodies do); earlier body rules are replaced.
pub fn with_body(
    i: &mut Interaction,
    part: Part,
    body: BodyInput,
    content_type: Option<&str>,
) -> Result<()> {
    let context = format!("{} body", part.name());
    let p = part_mut(i, part);
    let given = content_type
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .or_else(|| header_value(p.headers, "content-type"));
    let ct = match given {
        Some(raw) => ContentType::parse(&raw).ok_or_else(|| {
            PactError::invalid_argument(format!(
                "Invalid content type '{raw}' for the {context}: use type/subtype, e.g. application/json"
            ))
        })?,
        None => match &body {
            BodyInput::Json(_) => ContentType::json(),
            BodyInput::Text(_) => ContentType::text(),
            BodyInput::Bytes(_) => ContentType::octet_stream(),
        },
    };
    let (bytes, processor) = encode_body(body, &ct, &context, true)?;
    processor.replace_category("body", p.rules, p.generators);
    // An empty body has no content type to announce (libpact_ffi leaves the header out too).
    if !bytes.is_empty() && header_value(p.headers, "content-type").is_none() {
        p.headers
            .get_or_insert_with(Headers::new)
            .insert("Content-Type".to_string(), vec![ct.to_string()]);
    }
    *p.body = Body::from_bytes(bytes, Some(ct));
    Ok(())
}

/// The categories of rules `with_matching_rules` takes (those of V3 and V4 pact files).
const RULE_CATEGORIES: [&str; 6] = ["path", "query", "header", "body", "status", "metadata"];

/// Adds matching rules given in the pact-file layout (`{category: {path: {matchers: [...],
/// combine?}}}`; path and status rules also as one rule list, or keyed `$`) to the request or
/// response, after the rules already at the same paths, as `pactffi_with_matching_rules`
/// does. The rules are checked as a server start checks them (an unknown matcher, a bad regex
/// or path expression is an error); nothing is added when one is wrong.
pub fn with_matching_rules(i: &mut Interaction, part: Part, rules: &Value) -> Result<()> {
    let context = format!("The {} matching rules", part.name());
    let given = given_rules(
        rules,
        &RULE_CATEGORIES,
        &context,
        &format!("{} matchingRules.", part.name()),
        |_| {},
    )?;
    append_rules(part_mut(i, part).rules, given);
    Ok(())
}

/// Reads matching rules given in the pact-file layout (`{category: {path: {matchers: [...],
/// combine?}}}`) to be added to a part: only `categories` are taken, and the rules are checked
/// as a server start checks them (an unknown matcher, a bad regex or path expression is an
/// error), after `normalize` (which may move a category's rules to another). `context` starts
/// the error messages, `location` the place of a rule in them.
pub(crate) fn given_rules(
    rules: &Value,
    categories: &[&str],
    context: &str,
    location: &str,
    normalize: impl FnOnce(&mut MatchingRules),
) -> Result<MatchingRules> {
    let map = rules.as_object().ok_or_else(|| {
        PactError::invalid_argument(format!(
            "{context} must be an object of categories ({}), each holding rule lists by path, got {rules}",
            categories.join(", ")
        ))
    })?;
    if let Some(other) = map.keys().find(|k| !categories.contains(&k.as_str())) {
        return Err(PactError::invalid_argument(format!(
            "{context}: unknown category '{other}': use {}",
            categories.join(", ")
        )));
    }
    // A shape error is a wrong argument here, not a broken pact file.
    let as_argument = |e: PactError| {
        let code = match e.code {
            crate::ErrorCode::InvalidPactJson => crate::ErrorCode::InvalidArgument,
            code => code,
        };
        PactError::new(code, format!("{context}: {}", e.message))
    };
    let mut given = MatchingRules::from_json(rules).map_err(as_argument)?;
    normalize(&mut given);
    crate::matching::check_rules(&given, location).map_err(as_argument)?;
    Ok(given)
}

/// Adds `given` to `rules`, each list after the rules already at its path (as
/// `pactffi_with_matching_rules` merges them).
pub(crate) fn append_rules(rules: &mut MatchingRules, given: MatchingRules) {
    for (category, paths) in given.categories {
        for (path, list) in paths {
            rules.add(&category, &path, list);
        }
    }
}

/// The Content-Type header rule of a multipart body, as libpact_ffi writes it: any boundary.
const MULTIPART_HEADER_REGEX: &str = r"multipart/form-data;(\s*charset=[^;]*;)?\s*boundary=.*";

/// Sets a `multipart/form-data` body of one part, `part_name`, holding `contents` of
/// `content_type` (a file named `file_name`, if given), as `pactffi_with_multipart_file_v2`
/// builds it: the `Content-Type` header with the boundary (a random one unless given), matched
/// by a regex whatever the boundary, and the part matched by its content type (a rule at
/// `$.<part_name>`), not byte for byte. Earlier body rules are replaced, unless the body is
/// already a multipart/form-data body: then this part is added to it, with its boundary.
pub fn with_multipart_body(
    i: &mut Interaction,
    part: Part,
    content_type: &str,
    contents: Vec<u8>,
    part_name: &str,
    file_name: Option<&str>,
    boundary: Option<&str>,
) -> Result<()> {
    let context = format!("The {} multipart body", part.name());
    let ct = ContentType::parse(content_type.trim()).ok_or_else(|| {
        PactError::invalid_argument(format!(
            "{context}: invalid content type '{content_type}' for part '{part_name}': use type/subtype, e.g. image/png"
        ))
    })?;
    if part_name.is_empty() {
        return Err(PactError::invalid_argument(format!(
            "{context} needs a part name (the form field the file is sent as)"
        )));
    }
    let given = boundary
        .filter(|b| !b.is_empty())
        .map(|b| check_boundary(b, &context))
        .transpose()?;
    // A second part is added to the multipart body the first one made, with its boundary (as
    // libpact_ffi adds one per call); otherwise the body starts afresh.
    let earlier = earlier_multipart(part_mut(i, part).body);
    let adding = earlier.is_some();
    let (boundary, mut bytes) = earlier.unwrap_or_else(|| {
        let boundary = given.map(str::to_string).unwrap_or_else(|| {
            use rand::distributions::{Alphanumeric, DistString};
            Alphanumeric.sample_string(&mut rand::thread_rng(), 16)
        });
        (boundary, Vec::new())
    });
    let mut disposition = format!("form-data; name=\"{}\"", form_data_quoted(part_name));
    if let Some(file_name) = file_name.filter(|f| !f.is_empty()) {
        disposition.push_str(&format!("; filename=\"{}\"", form_data_quoted(file_name)));
    }
    bytes.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: {}\r\n\r\n",
            content_type.trim()
        )
        .as_bytes(),
    );
    bytes.extend_from_slice(&contents);
    bytes.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());

    let header = format!("multipart/form-data; boundary={boundary}");
    let header_ct = ContentType::parse(&header).ok_or_else(|| {
        PactError::invalid_argument(format!("{context}: invalid boundary '{boundary}'"))
    })?;
    with_header(
        i,
        part,
        "Content-Type",
        &serde_json::json!([{
            "pact:matcher:type": "regex",
            "regex": MULTIPART_HEADER_REGEX,
            "value": header
        }]),
        0,
    )?;
    let p = part_mut(i, part);
    if !adding {
        p.rules.categories.shift_remove("body");
        p.generators.categories.shift_remove("body");
    }
    p.rules.add(
        "body",
        &join_field("$", part_name),
        RuleList::new(vec![MatchingRule::ContentType(ct.essence())]),
    );
    *p.body = Body::from_bytes(bytes, Some(header_ct));
    Ok(())
}

/// The boundary of a multipart/form-data body and its parts up to (not including) the closing
/// delimiter, when the body is one.
fn earlier_multipart(body: &Body) -> Option<(String, Vec<u8>)> {
    let Body::Present {
        bytes,
        content_type: Some(ct),
    } = body
    else {
        return None;
    };
    if ct.essence() != "multipart/form-data" {
        return None;
    }
    let boundary = ct.params.iter().find(|(k, _)| k == "boundary")?.1.clone();
    let closing = format!("--{boundary}--\r\n");
    let parts = bytes.strip_suffix(closing.as_bytes())?;
    Some((boundary, parts.to_vec()))
}

/// A boundary as RFC 2046 allows it: 1 to 70 of its characters, not ending in a space.
fn check_boundary<'a>(boundary: &'a str, context: &str) -> Result<&'a str> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "'()+_,-./:=? ".contains(c);
    if boundary.len() <= 70 && boundary.chars().all(allowed) && !boundary.ends_with(' ') {
        Ok(boundary)
    } else {
        Err(PactError::invalid_argument(format!(
            "{context}: invalid boundary '{boundary}': use 1 to 70 letters, digits or '()+_,-./:=? (not ending in a space)"
        )))
    }
}

/// A name inside a quoted `Content-Disposition` parameter, with `"`, CR and LF
/// percent-encoded as browsers send them (libpact_ffi writes them raw, which ends the quote).
fn form_data_quoted(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The bytes of a body given with content type `ct`, and the processor holding the rules and
/// generators found in it. JSON content (also given as text) is processed for matchers, as are
/// XML builder documents and form fields given as JSON; raw XML and other text stay as given.
/// With `content_type_rule`, bytes of a specific type get a `contentType` rule (as pact-js
/// binary bodies do). Shared by HTTP bodies and message contents.
pub(crate) fn encode_body(
    body: BodyInput,
    ct: &ContentType,
    context: &str,
    content_type_rule: bool,
) -> Result<(Vec<u8>, Processor)> {
    let mut processor = Processor::new(context.to_string());
    let bytes: Vec<u8> = match body {
        BodyInput::Json(v) if ct.is_form() && v.is_object() => {
            form_body(&v, &mut processor)?.into_bytes()
        }
        BodyInput::Json(v) if ct.is_xml() && xml::is_builder_document(&v) => {
            xml::build(&v, &mut processor)?.into_bytes()
        }
        BodyInput::Json(Value::String(s)) if !ct.is_json() => s.into_bytes(),
        BodyInput::Json(v) => processor.process(&v, "$")?.to_string().into_bytes(),
        BodyInput::Text(s) if ct.is_json() => match serde_json::from_str::<Value>(&s) {
            Ok(v) => processor.process(&v, "$")?.to_string().into_bytes(),
            // Text that is not JSON is sent as given; the content type is the user's call.
            Err(_) => s.into_bytes(),
        },
        // The C ABI hands XML builder documents over as text.
        BodyInput::Text(s) if ct.is_xml() && s.trim_start().starts_with('{') => {
            match serde_json::from_str::<Value>(&s) {
                Ok(v) if xml::is_builder_document(&v) => {
                    xml::build(&v, &mut processor)?.into_bytes()
                }
                _ => s.into_bytes(),
            }
        }
        BodyInput::Text(s) if ct.is_form() => match serde_json::from_str::<Value>(&s) {
            Ok(v @ Value::Object(_)) => form_body(&v, &mut processor)?.into_bytes(),
            _ => s.into_bytes(),
        },
        BodyInput::Text(s) => s.into_bytes(),
        BodyInput::Bytes(b) => {
            // As pact-js binary bodies: matched by the detected content type, not byte for
            // byte. Plain octet-stream stays exact, as nothing more specific can be detected.
            if content_type_rule && ct.essence() != "application/octet-stream" && !b.is_empty() {
                processor.add_rules("$", vec![MatchingRule::ContentType(ct.to_string())]);
            }
            b
        }
    };
    Ok((bytes, processor))
}

fn status_from_number(n: &Value) -> Result<u16> {
    n.as_u64()
        .or_else(|| n.as_str().and_then(|s| s.trim().parse().ok()))
        .filter(|s| (100..=599).contains(s))
        .map(|s| s as u16)
        .ok_or_else(|| {
            PactError::invalid_argument(format!(
                "The response status must be a number from 100 to 599 (or a statusCode matcher), got {n}"
            ))
        })
}

/// Sets the response status: a number, a numeric string, or a matcher (statusCode, with an
/// optional generator) whose example is the status.
pub fn response_status(i: &mut Interaction, status: &Value) -> Result<()> {
    let status = match status {
        Value::String(s) if s.trim_start().starts_with('{') => value_from_c_string(s),
        other => other.clone(),
    };
    let (example, rules, generator) = if is_matcher_object(&status) {
        let (mut example, rules, generator) = process_single(&status, "response status")?;
        if example.is_null() {
            // A statusCode matcher without an example: a code of its class.
            example = rules
                .iter()
                .find_map(|r| match r {
                    MatchingRule::StatusCode(class) => Some(matchers::example_status(class)),
                    _ => None,
                })
                .map(Value::from)
                .unwrap_or(Value::Null);
        }
        (example, rules, generator)
    } else {
        (status, Vec::new(), None)
    };
    let code = status_from_number(&example)?;
    if let Some(MatchingRule::StatusCode(class)) = rules
        .iter()
        .find(|r| matches!(r, MatchingRule::StatusCode(_)))
    {
        if !class.contains(code) {
            return Err(PactError::invalid_argument(format!(
                "The example status {code} is not {}: pick an example the statusCode matcher accepts",
                class.describe()
            )));
        }
    }
    i.response.status = code;
    let r = &mut i.response;
    set_single_rules(
        &mut r.matching_rules,
        &mut r.generators,
        "status",
        "",
        rules,
        generator,
    );
    Ok(())
}

/// Adds a provider state with optional parameters.
pub fn given(i: &mut Interaction, state: &str, params: Option<Map<String, Value>>) {
    i.provider_states.push(ProviderState {
        name: state.to_string(),
        params: params.filter(|p| !p.is_empty()),
    });
}
