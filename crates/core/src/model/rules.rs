//! Matching rules: the matchers of spec V2..V4, rule lists with AND / OR logic, and the rule
//! sets of a request or response keyed by category (`path`, `query`, `header`, `body`,
//! `status`, `metadata`) and by path expression within a category.
//!
//! Reading accepts V2's flat layout (`$.body.a`, `$.headers.X`, `$.query.q`, `$.path`) and the
//! V3/V4 layout (`{"body": {"$.a": {"matchers": [...], "combine": "AND"}}}`); writing produces
//! either. Regexes are checked when a rule is read, so a bad one fails at load with its path.

use crate::error::{ErrorCode, PactError, Result};
use indexmap::IndexMap;
use serde_json::{json, Map, Value};

use super::pattern::check_regex;
use super::Generators;

/// One matcher.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchingRule {
    Equality,
    Regex(String),
    Type,
    MinType(usize),
    MaxType(usize),
    MinMaxType(usize, usize),
    Include(String),
    Integer,
    Decimal,
    Number,
    Timestamp(String),
    Date(String),
    Time(String),
    Null,
    Boolean,
    ContentType(String),
    Values,
    /// Each variant must match some element of the actual list.
    ArrayContains(Vec<ArrayContainsVariant>),
    StatusCode(StatusClass),
    NotEmpty,
    Semver,
    /// Rules for every key of a map, and the example map as JSON text (written back as the
    /// rule's `value`, as the reference does).
    EachKey(Vec<MatchingRule>, Option<String>),
    /// Rules for every value of a map, and the example map as JSON text.
    EachValue(Vec<MatchingRule>, Option<String>),
}

/// One variant of an `arrayContains` matcher: the example element's index, with rules and
/// generators relative to that element (`$` is the element).
#[derive(Debug, Clone, PartialEq)]
pub struct ArrayContainsVariant {
    pub index: usize,
    pub rules: IndexMap<String, RuleList>,
    pub generators: Generators,
}

/// The status codes a `statusCode` matcher accepts.
#[derive(Debug, Clone, PartialEq)]
pub enum StatusClass {
    Information,
    Success,
    Redirect,
    ClientError,
    ServerError,
    NonError,
    Error,
    Codes(Vec<u16>),
}

impl StatusClass {
    fn parse(value: Option<&Value>) -> Result<StatusClass> {
        match value {
            None => Ok(StatusClass::Success),
            Some(Value::String(s)) => match s.as_str() {
                "info" | "information" => Ok(StatusClass::Information),
                "success" => Ok(StatusClass::Success),
                "redirect" => Ok(StatusClass::Redirect),
                "clientError" => Ok(StatusClass::ClientError),
                "serverError" => Ok(StatusClass::ServerError),
                "nonError" => Ok(StatusClass::NonError),
                "error" => Ok(StatusClass::Error),
                other => Err(PactError::invalid_json(format!(
                    "Unknown status class '{other}': use info, success, redirect, clientError, serverError, nonError, error or a list of codes"
                ))),
            },
            Some(Value::Array(codes)) => codes
                .iter()
                .map(|c| {
                    c.as_u64()
                        .and_then(|c| u16::try_from(c).ok())
                        .ok_or_else(|| PactError::invalid_json(format!("Invalid status code {c}")))
                })
                .collect::<Result<Vec<u16>>>()
                .map(StatusClass::Codes),
            Some(other) => Err(PactError::invalid_json(format!(
                "Invalid status for a statusCode matcher: {other}"
            ))),
        }
    }

    fn to_json(&self) -> Value {
        match self {
            StatusClass::Information => json!("info"),
            StatusClass::Success => json!("success"),
            StatusClass::Redirect => json!("redirect"),
            StatusClass::ClientError => json!("clientError"),
            StatusClass::ServerError => json!("serverError"),
            StatusClass::NonError => json!("nonError"),
            StatusClass::Error => json!("error"),
            StatusClass::Codes(codes) => json!(codes),
        }
    }

    /// Whether a status code is in this class.
    pub fn contains(&self, status: u16) -> bool {
        match self {
            StatusClass::Information => (100..200).contains(&status),
            StatusClass::Success => (200..300).contains(&status),
            StatusClass::Redirect => (300..400).contains(&status),
            StatusClass::ClientError => (400..500).contains(&status),
            StatusClass::ServerError => (500..600).contains(&status),
            StatusClass::NonError => status < 400,
            StatusClass::Error => status >= 400,
            StatusClass::Codes(codes) => codes.contains(&status),
        }
    }

    /// How the class reads in a message ("a success (2xx) status").
    pub fn describe(&self) -> String {
        match self {
            StatusClass::Information => "an information (1xx) status".into(),
            StatusClass::Success => "a success (2xx) status".into(),
            StatusClass::Redirect => "a redirect (3xx) status".into(),
            StatusClass::ClientError => "a client error (4xx) status".into(),
            StatusClass::ServerError => "a server error (5xx) status".into(),
            StatusClass::NonError => "a non-error (< 400) status".into(),
            StatusClass::Error => "an error (>= 400) status".into(),
            StatusClass::Codes(codes) => format!("one of {codes:?}"),
        }
    }
}

fn usize_field(map: &Map<String, Value>, key: &str) -> Result<Option<usize>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .or_else(|| {
                v.as_f64()
                    .filter(|f| *f >= 0.0 && f.fract() == 0.0)
                    .map(|f| f as u64)
            })
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            .map(|n| Some(n as usize))
            .ok_or_else(|| {
                PactError::invalid_json(format!("'{key}' must be a non-negative integer, got {v}"))
            }),
    }
}

fn str_field<'a>(map: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a str> {
    keys.iter()
        .find_map(|k| map.get(*k).and_then(Value::as_str))
}

impl MatchingRule {
    /// Reads one matcher from its pact-file JSON (`{"match": "regex", "regex": "\\d+"}`).
    pub fn from_json(value: &Value) -> Result<MatchingRule> {
        let map = value.as_object().ok_or_else(|| {
            PactError::invalid_json(format!("A matcher must be an object, got {value}"))
        })?;
        let name = match map.get("match").or_else(|| map.get("pact:matcher:type")) {
            Some(Value::String(s)) => s.as_str(),
            Some(other) => {
                return Err(PactError::invalid_json(format!(
                    "A matcher's 'match' must be a string, got {other}"
                )))
            }
            // V2 files may leave out "match": infer it from the attributes.
            None if map.contains_key("regex") => "regex",
            None if map.contains_key("min") || map.contains_key("max") => "type",
            None if map.contains_key("timestamp") => "timestamp",
            None if map.contains_key("date") => "date",
            None if map.contains_key("time") => "time",
            None => {
                return Err(PactError::invalid_json(format!(
                    "A matcher needs a 'match' attribute: {value}"
                )))
            }
        };
        MatchingRule::from_name_and_attributes(name, map)
    }

    /// Builds a matcher from its name (`type`, `regex`, ... as in pact files and integration
    /// JSON) and the object carrying its attributes.
    pub fn from_name_and_attributes(name: &str, map: &Map<String, Value>) -> Result<MatchingRule> {
        let min = usize_field(map, "min")?;
        let max = usize_field(map, "max")?;
        let rule = match name {
            "equality" => MatchingRule::Equality,
            "regex" => {
                let regex = str_field(map, &["regex"]).ok_or_else(|| {
                    PactError::invalid_json("A regex matcher needs a 'regex' attribute")
                })?;
                check_regex(regex)?;
                MatchingRule::Regex(regex.to_string())
            }
            "type" | "min" | "max" | "min-type" | "max-type" => match (min, max) {
                (Some(min), Some(max)) => MatchingRule::MinMaxType(min, max),
                (Some(min), None) => MatchingRule::MinType(min),
                (None, Some(max)) => MatchingRule::MaxType(max),
                (None, None) => MatchingRule::Type,
            },
            "include" => MatchingRule::Include(
                map.get("value")
                    .map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))
                    .ok_or_else(|| PactError::invalid_json("An include matcher needs a 'value'"))?,
            ),
            "integer" => MatchingRule::Integer,
            "decimal" | "real" => MatchingRule::Decimal,
            "number" => MatchingRule::Number,
            "timestamp" | "datetime" => MatchingRule::Timestamp(
                str_field(map, &["format", "timestamp", "datetime"])
                    .unwrap_or("")
                    .to_string(),
            ),
            "date" => MatchingRule::Date(str_field(map, &["format", "date"]).unwrap_or("").to_string()),
            "time" => MatchingRule::Time(str_field(map, &["format", "time"]).unwrap_or("").to_string()),
            "null" => MatchingRule::Null,
            "boolean" => MatchingRule::Boolean,
            "contentType" | "content-type" => MatchingRule::ContentType(
                str_field(map, &["value"])
                    .ok_or_else(|| PactError::invalid_json("A contentType matcher needs a 'value'"))?
                    .to_string(),
            ),
            "values" => MatchingRule::Values,
            "arrayContains" | "array-contains" => {
                let variants = map.get("variants").and_then(Value::as_array).ok_or_else(|| {
                    PactError::invalid_json("An arrayContains matcher needs a 'variants' list")
                })?;
                let variants = variants
                    .iter()
                    .enumerate()
                    .map(|(i, v)| ArrayContainsVariant::from_json(i, v))
                    .collect::<Result<Vec<_>>>()?;
                MatchingRule::ArrayContains(variants)
            }
            "statusCode" | "status-code" => MatchingRule::StatusCode(StatusClass::parse(map.get("status"))?),
            "notEmpty" | "not-empty" => MatchingRule::NotEmpty,
            "semver" => MatchingRule::Semver,
            "eachKey" | "each-key" | "eachValue" | "each-value" => {
                let rules = match map.get("rules") {
                    Some(Value::Array(rules)) => rules
                        .iter()
                        .map(MatchingRule::from_json)
                        .collect::<Result<Vec<_>>>()?,
                    None => Vec::new(),
                    Some(other) => {
                        return Err(PactError::invalid_json(format!(
                            "'rules' of an {name} matcher must be a list, got {other}"
                        )))
                    }
                };
                let example = map
                    .get("value")
                    .map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()));
                if name.starts_with("eachKey") || name == "each-key" {
                    MatchingRule::EachKey(rules, example)
                } else {
                    MatchingRule::EachValue(rules, example)
                }
            }
            other => {
                return Err(PactError::new(
                    ErrorCode::UnknownMatcher,
                    format!(
                        "Unknown matcher type '{other}': expected one of equality, regex, type, include, integer, decimal, number, timestamp, date, time, null, boolean, contentType, values, arrayContains, statusCode, notEmpty, semver, eachKey, eachValue"
                    ),
                ))
            }
        };
        Ok(rule)
    }

    /// The matcher's pact-file JSON.
    pub fn to_json(&self) -> Value {
        match self {
            MatchingRule::Equality => json!({"match": "equality"}),
            MatchingRule::Regex(r) => json!({"match": "regex", "regex": r}),
            MatchingRule::Type => json!({"match": "type"}),
            MatchingRule::MinType(min) => json!({"match": "type", "min": min}),
            MatchingRule::MaxType(max) => json!({"match": "type", "max": max}),
            MatchingRule::MinMaxType(min, max) => json!({"match": "type", "min": min, "max": max}),
            MatchingRule::Include(v) => json!({"match": "include", "value": v}),
            MatchingRule::Integer => json!({"match": "integer"}),
            MatchingRule::Decimal => json!({"match": "decimal"}),
            MatchingRule::Number => json!({"match": "number"}),
            MatchingRule::Timestamp(f) => json!({"match": "datetime", "format": f}),
            MatchingRule::Date(f) => json!({"match": "date", "format": f}),
            MatchingRule::Time(f) => json!({"match": "time", "format": f}),
            MatchingRule::Null => json!({"match": "null"}),
            MatchingRule::Boolean => json!({"match": "boolean"}),
            MatchingRule::ContentType(v) => json!({"match": "contentType", "value": v}),
            MatchingRule::Values => json!({"match": "values"}),
            MatchingRule::ArrayContains(variants) => json!({
                "match": "arrayContains",
                "variants": variants.iter().map(ArrayContainsVariant::to_json).collect::<Vec<_>>()
            }),
            MatchingRule::StatusCode(s) => json!({"match": "statusCode", "status": s.to_json()}),
            MatchingRule::NotEmpty => json!({"match": "notEmpty"}),
            MatchingRule::Semver => json!({"match": "semver"}),
            MatchingRule::EachKey(rules, example) => each_rule_json("eachKey", rules, example),
            MatchingRule::EachValue(rules, example) => each_rule_json("eachValue", rules, example),
        }
    }

    /// The matcher name used in messages.
    pub fn name(&self) -> &'static str {
        match self {
            MatchingRule::Equality => "equality",
            MatchingRule::Regex(_) => "regex",
            MatchingRule::Type
            | MatchingRule::MinType(_)
            | MatchingRule::MaxType(_)
            | MatchingRule::MinMaxType(..) => "type",
            MatchingRule::Include(_) => "include",
            MatchingRule::Integer => "integer",
            MatchingRule::Decimal => "decimal",
            MatchingRule::Number => "number",
            MatchingRule::Timestamp(_) => "datetime",
            MatchingRule::Date(_) => "date",
            MatchingRule::Time(_) => "time",
            MatchingRule::Null => "null",
            MatchingRule::Boolean => "boolean",
            MatchingRule::ContentType(_) => "contentType",
            MatchingRule::Values => "values",
            MatchingRule::ArrayContains(_) => "arrayContains",
            MatchingRule::StatusCode(_) => "statusCode",
            MatchingRule::NotEmpty => "notEmpty",
            MatchingRule::Semver => "semver",
            MatchingRule::EachKey(..) => "eachKey",
            MatchingRule::EachValue(..) => "eachValue",
        }
    }
}

fn each_rule_json(name: &str, rules: &[MatchingRule], example: &Option<String>) -> Value {
    let mut obj = Map::new();
    obj.insert("match".into(), json!(name));
    obj.insert(
        "rules".into(),
        Value::Array(rules.iter().map(MatchingRule::to_json).collect()),
    );
    if let Some(example) = example {
        obj.insert("value".into(), json!(example));
    }
    Value::Object(obj)
}

impl ArrayContainsVariant {
    fn from_json(position: usize, value: &Value) -> Result<ArrayContainsVariant> {
        let map = value.as_object().ok_or_else(|| {
            PactError::invalid_json(format!(
                "arrayContains variant {position} must be an object"
            ))
        })?;
        let index = usize_field(map, "index")?.unwrap_or(position);
        let rules = match map.get("rules") {
            Some(Value::Object(rules)) => parse_rule_paths(rules, "arrayContains variant")?,
            None | Some(Value::Null) => IndexMap::new(),
            Some(other) => {
                return Err(PactError::invalid_json(format!(
                    "arrayContains variant {position}: 'rules' must be an object, got {other}"
                )))
            }
        };
        let generators = match map.get("generators") {
            Some(Value::Object(g)) => Generators::from_category_json(&Value::Object({
                let mut m = Map::new();
                m.insert("body".into(), Value::Object(g.clone()));
                m
            }))?,
            _ => Generators::default(),
        };
        Ok(ArrayContainsVariant {
            index,
            rules,
            generators,
        })
    }

    fn to_json(&self) -> Value {
        let mut obj = Map::new();
        obj.insert("index".into(), json!(self.index));
        let rules: Map<String, Value> = self
            .rules
            .iter()
            .map(|(path, list)| (path.clone(), list.to_v3_json()))
            .collect();
        obj.insert("rules".into(), Value::Object(rules));
        let generators = self.generators.category_json("body");
        if let Some(g) = generators {
            obj.insert("generators".into(), g);
        }
        Value::Object(obj)
    }
}

/// How the rules of one path combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RuleLogic {
    #[default]
    And,
    Or,
}

/// The rules at one path, combined with AND or OR.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RuleList {
    pub rules: Vec<MatchingRule>,
    pub logic: RuleLogic,
}

impl RuleList {
    pub fn new(rules: Vec<MatchingRule>) -> RuleList {
        RuleList {
            rules,
            logic: RuleLogic::And,
        }
    }

    /// Reads `{"matchers": [...], "combine": "AND"}` or a bare V2 matcher object.
    pub fn from_json(value: &Value) -> Result<RuleList> {
        let map = value.as_object().ok_or_else(|| {
            PactError::invalid_json(format!("Rules must be an object, got {value}"))
        })?;
        match map.get("matchers") {
            Some(Value::Array(matchers)) => {
                let logic = match map.get("combine").and_then(Value::as_str) {
                    Some("OR") | Some("or") => RuleLogic::Or,
                    Some("AND") | Some("and") | None => RuleLogic::And,
                    Some(other) => {
                        return Err(PactError::invalid_json(format!(
                            "'combine' must be AND or OR, got '{other}'"
                        )))
                    }
                };
                Ok(RuleList {
                    rules: matchers
                        .iter()
                        .map(MatchingRule::from_json)
                        .collect::<Result<Vec<_>>>()?,
                    logic,
                })
            }
            Some(other) => Err(PactError::invalid_json(format!(
                "'matchers' must be a list, got {other}"
            ))),
            None => Ok(RuleList::new(vec![MatchingRule::from_json(value)?])),
        }
    }

    pub fn to_v3_json(&self) -> Value {
        let mut obj = Map::new();
        let combine = match self.logic {
            RuleLogic::And => "AND",
            RuleLogic::Or => "OR",
        };
        obj.insert("combine".into(), json!(combine));
        obj.insert(
            "matchers".into(),
            Value::Array(self.rules.iter().map(MatchingRule::to_json).collect()),
        );
        Value::Object(obj)
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

fn parse_rule_paths(map: &Map<String, Value>, context: &str) -> Result<IndexMap<String, RuleList>> {
    map.iter()
        .map(|(path, v)| {
            RuleList::from_json(v)
                .map(|list| (path.clone(), list))
                .map_err(|e| {
                    PactError::new(e.code, format!("{context} rule '{path}': {}", e.message))
                })
        })
        .collect()
}

/// A header or query name in a V2 rule key: `.name` when it is a plain identifier, else
/// `['name']`, as the reference writes them.
fn v2_name_segment(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        format!(".{name}")
    } else {
        format!("['{}']", name.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

/// A header or query rule key in a V2 rule key: the name, then the value index if the rule
/// is for one value (`name[1]` is the second value of `name`): `.name[1]`, `['q b'][0]`.
fn v2_value_segment(key: &str) -> String {
    match indexed_name(key) {
        Some((name, index)) => format!("{}[{index}]", v2_name_segment(name)),
        None => v2_name_segment(key),
    }
}

/// Splits a header or query rule key `name[3]` (a rule for the value at index 3 of `name`,
/// as the DSL, libpact_ffi's V2 files and our V3 files key it) into `("name", 3)`.
pub(crate) fn indexed_name(key: &str) -> Option<(&str, usize)> {
    let (name, rest) = key.strip_suffix(']')?.rsplit_once('[')?;
    let index = rest.parse().ok()?;
    (!name.is_empty()).then_some((name, index))
}

/// The name in a V2 rule key such as `$.headers.Accept`, `$.headers['X-A']` or
/// `$.query['q b'][0]` (an index addresses one value, written `name[0]` in the V3 layout).
fn v2_name(key: &str, prefixes: &[&str]) -> Option<String> {
    let rest = prefixes.iter().find_map(|p| key.strip_prefix(p))?;
    if let Some(dotted) = rest.strip_prefix('.') {
        return Some(dotted.to_string());
    }
    let quoted = rest.strip_prefix("['")?;
    let mut name = String::new();
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => name.push(chars.next()?),
            '\'' => break,
            c => name.push(c),
        }
    }
    let tail: String = chars.collect();
    let index = tail.strip_prefix(']')?;
    Some(format!("{name}{index}"))
}

/// All matching rules of a request or response: category, then path within it, then rules.
/// Path rules live under the key `""`, and so do status rules given bare; status rules keep
/// the key they were given (`"$"` from pact-js), as the reference does. Header rule keys keep
/// their spelling.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MatchingRules {
    pub categories: IndexMap<String, IndexMap<String, RuleList>>,
}

impl MatchingRules {
    pub fn is_empty(&self) -> bool {
        self.categories
            .values()
            .all(|c| c.values().all(RuleList::is_empty))
    }

    /// The rules of a category, if any.
    pub fn category(&self, name: &str) -> Option<&IndexMap<String, RuleList>> {
        self.categories.get(name).filter(|c| !c.is_empty())
    }

    /// Adds rules at a path of a category (appending to any rules already there).
    pub fn add(&mut self, category: &str, path: &str, list: RuleList) {
        let entry = self
            .categories
            .entry(category.to_string())
            .or_default()
            .entry(path.to_string())
            .or_default();
        if entry.rules.is_empty() {
            entry.logic = list.logic;
        }
        entry.rules.extend(list.rules);
    }

    /// Replaces the rules at a path of a category.
    pub fn set(&mut self, category: &str, path: &str, list: RuleList) {
        self.categories
            .entry(category.to_string())
            .or_default()
            .insert(path.to_string(), list);
    }

    /// Reads a pact file's `matchingRules`: V2 flat keys or V3/V4 categories.
    pub fn from_json(value: &Value) -> Result<MatchingRules> {
        let map = match value {
            Value::Object(map) => map,
            Value::Null => return Ok(MatchingRules::default()),
            other => {
                return Err(PactError::invalid_json(format!(
                    "matchingRules must be an object, got {other}"
                )))
            }
        };
        if map.keys().any(|k| k.starts_with('$')) {
            Self::from_v2_json(map)
        } else {
            Self::from_v3_json(map)
        }
    }

    fn from_v2_json(map: &Map<String, Value>) -> Result<MatchingRules> {
        let mut rules = MatchingRules::default();
        for (key, value) in map {
            let list = RuleList::from_json(value).map_err(|e| {
                PactError::new(e.code, format!("matchingRules '{key}': {}", e.message))
            })?;
            let (category, path) = if key == "$.path" {
                ("path", String::new())
            } else if key == "$.body" {
                ("body", "$".to_string())
            } else if let Some(rest) = key.strip_prefix("$.body") {
                ("body", format!("${rest}"))
            } else if let Some(name) = v2_name(key, &["$.headers", "$.header"]) {
                ("header", name)
            } else if let Some(name) = v2_name(key, &["$.query"]) {
                ("query", name)
            } else if let Some(rest) = key.strip_prefix("$.status") {
                // The reference writes `$.status.` (and `$.status.$` for a rule it was given
                // under `$`).
                match rest {
                    "" | "." => ("status", String::new()),
                    ".$" => ("status", "$".to_string()),
                    _ => {
                        return Err(PactError::invalid_json(format!(
                            "matchingRules key '{key}': a status rule is keyed $.status"
                        )))
                    }
                }
            } else {
                return Err(PactError::invalid_json(format!(
                    "matchingRules key '{key}' must start with $.body, $.headers., $.query. or be $.path"
                )));
            };
            rules.add(category, &path, list);
        }
        Ok(rules)
    }

    fn from_v3_json(map: &Map<String, Value>) -> Result<MatchingRules> {
        let mut rules = MatchingRules::default();
        for (category, value) in map {
            let context = format!("matchingRules.{category}");
            // Path and status rules are one rule list in the reference's files (status ones
            // also in our earlier files), or keyed by path: `""`, or `"$"` as pact-js hands
            // them to libpact_ffi (which writes a status rule with the key it was given).
            let single = (category == "path" || category == "status")
                && value
                    .as_object()
                    .is_some_and(|m| m.contains_key("matchers") || m.contains_key("match"));
            if single {
                let list = RuleList::from_json(value)
                    .map_err(|e| PactError::new(e.code, format!("{context}: {}", e.message)))?;
                rules.set(category, "", list);
                continue;
            }
            let paths = value.as_object().ok_or_else(|| {
                PactError::invalid_json(format!("{context} must be an object, got {value}"))
            })?;
            for (path, list) in parse_rule_paths(paths, &context)? {
                let path = match (category.as_str(), path.as_str()) {
                    ("path", "" | "$") => "",
                    ("status", "" | "$") => path.as_str(),
                    ("path" | "status", other) => {
                        return Err(PactError::invalid_json(format!(
                            "{context}: '{other}' is not a {category} rule key: the {category} \
                             is one value, keyed '$' (or nothing)"
                        )))
                    }
                    _ => path.as_str(),
                };
                rules.add(category, path, list);
            }
        }
        Ok(rules)
    }

    /// The V3/V4 layout: `{"body": {"$.a": {"matchers": [...]}}, "path": {"matchers": [...]}}`.
    pub fn to_v3_json(&self) -> Value {
        let mut out = Map::new();
        for (category, paths) in &self.categories {
            if paths.is_empty() {
                continue;
            }
            if category == "path" {
                if let Some(list) = paths.get("") {
                    out.insert(category.clone(), list.to_v3_json());
                }
                continue;
            }
            let obj: Map<String, Value> = paths
                .iter()
                .map(|(p, l)| (p.clone(), l.to_v3_json()))
                .collect();
            out.insert(category.clone(), Value::Object(obj));
        }
        Value::Object(out)
    }

    /// The V2 flat layout (`$.body.a`, `$.headers.X`, `$.query.q`, `$.path`), first matcher of
    /// each path only, as V2 allows.
    pub fn to_v2_json(&self) -> Value {
        let mut out = Map::new();
        for (category, paths) in &self.categories {
            for (path, list) in paths {
                let Some(rule) = list.rules.first() else {
                    continue;
                };
                let key = match category.as_str() {
                    "path" => "$.path".to_string(),
                    "body" => format!("$.body{}", path.strip_prefix('$').unwrap_or(path)),
                    "header" => format!("$.headers{}", v2_value_segment(path)),
                    "query" => format!("$.query{}", v2_value_segment(path)),
                    // V2 has no status rules; the reference writes them so all the same.
                    "status" => format!("$.status.{path}"),
                    _ => continue,
                };
                let mut rule_json = rule.to_json();
                // V2 knows only regex, type and min/max; `match` stays for readers that need it.
                if let (
                    MatchingRule::Timestamp(_) | MatchingRule::Date(_) | MatchingRule::Time(_),
                    Some(obj),
                ) = (rule, rule_json.as_object_mut())
                {
                    obj.remove("format");
                }
                out.insert(key, rule_json);
            }
        }
        Value::Object(out)
    }
}
