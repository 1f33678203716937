//! Matching rules compiled for repeated use: paths parsed, regexes compiled (anchored so they
//! match the whole value), date patterns converted; and the value-level checks of every
//! matcher, for JSON values and for strings (path, query, headers, XML, text, forms).

use super::path::{self, Seg, Token};
use crate::error::{ErrorCode, PactError, Result};
use crate::model::datetime::{JavaDateFormat, DEFAULT_DATE_FORMAT, DEFAULT_TIME_FORMAT};
use crate::model::PactRegex;
use crate::model::{MatchingRule, RuleList, RuleLogic, SpecVersion, StatusClass};
use indexmap::IndexMap;
use serde_json::Value;

/// Which date-like matcher a `DateTime` rule is (for messages and defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateKind {
    DateTime,
    Date,
    Time,
}

impl DateKind {
    fn word(self) -> &'static str {
        match self {
            DateKind::DateTime => "datetime",
            DateKind::Date => "date",
            DateKind::Time => "time",
        }
    }
}

/// A compiled matcher.
#[derive(Debug, Clone)]
pub(crate) enum Rule {
    Equality,
    Regex {
        re: PactRegex,
        source: String,
    },
    Type,
    MinType(usize),
    MaxType(usize),
    MinMaxType(usize, usize),
    Include(String),
    Integer,
    Decimal,
    Number,
    /// `format` is `None` for a datetime without a format: any ISO-8601 timestamp passes.
    DateTime {
        kind: DateKind,
        java: String,
        format: Option<JavaDateFormat>,
    },
    Null,
    Boolean,
    ContentType(String),
    Values,
    ArrayContains(Vec<Variant>),
    StatusCode(StatusClass),
    NotEmpty,
    Semver,
    EachKey(RuleSet),
    EachValue(RuleSet),
}

/// A compiled `arrayContains` variant: the expected element's index and rules relative to it.
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    pub index: usize,
    pub rules: Category,
}

/// The rules at one path with their AND / OR logic.
#[derive(Debug, Clone)]
pub(crate) struct RuleSet {
    pub rules: Vec<Rule>,
    pub logic: RuleLogic,
}

/// The rules of one category (body, header, query, path, status, metadata) with parsed paths.
#[derive(Debug, Clone, Default)]
pub(crate) struct Category {
    entries: Vec<(Vec<Token>, RuleSet)>,
}

/// The best rule set for a location, and whether it was inherited from a parent path.
#[derive(Clone, Copy)]
pub(crate) struct Selected<'a> {
    pub set: &'a RuleSet,
    pub cascaded: bool,
}

fn spec_allows(rule: &MatchingRule, spec: SpecVersion) -> bool {
    use MatchingRule as M;
    match rule {
        M::Equality | M::Regex(_) | M::Type | M::MinType(_) | M::MaxType(_) | M::MinMaxType(..) => {
            spec >= SpecVersion::V2
        }
        M::ArrayContains(_)
        | M::StatusCode(_)
        | M::NotEmpty
        | M::Semver
        | M::EachKey(..)
        | M::EachValue(..) => spec >= SpecVersion::V4,
        _ => spec >= SpecVersion::V3,
    }
}

/// Compiles a regex to match the whole value, as pact requires.
pub(crate) fn compile_regex(source: &str, location: &str) -> Result<PactRegex> {
    crate::model::cached_regex(&format!("^(?:{source})$")).map_err(|e| {
        PactError::new(
            ErrorCode::InvalidRegex,
            format!(
                "Invalid regular expression '{source}' in the matching rule at {location}: {e}"
            ),
        )
    })
}

impl Rule {
    fn compile(rule: &MatchingRule, spec: SpecVersion, location: &str) -> Result<Option<Rule>> {
        use MatchingRule as M;
        if !spec_allows(rule, spec) {
            return Ok(None);
        }
        let date = |kind: DateKind, java: &str| -> Result<Rule> {
            let java = if java.is_empty() {
                match kind {
                    DateKind::DateTime => {
                        return Ok(Rule::DateTime {
                            kind,
                            java: String::new(),
                            format: None,
                        })
                    }
                    DateKind::Date => DEFAULT_DATE_FORMAT,
                    DateKind::Time => DEFAULT_TIME_FORMAT,
                }
            } else {
                java
            };
            let format = JavaDateFormat::new(java).map_err(|e| {
                PactError::new(
                    e.code,
                    format!("The matching rule at {location}: {}", e.message),
                )
            })?;
            Ok(Rule::DateTime {
                kind,
                java: java.to_string(),
                format: Some(format),
            })
        };
        Ok(Some(match rule {
            M::Equality => Rule::Equality,
            M::Regex(r) => Rule::Regex {
                re: compile_regex(r, location)?,
                source: r.clone(),
            },
            M::Type => Rule::Type,
            M::MinType(n) => Rule::MinType(*n),
            M::MaxType(n) => Rule::MaxType(*n),
            M::MinMaxType(a, b) => Rule::MinMaxType(*a, *b),
            M::Include(s) => Rule::Include(s.clone()),
            M::Integer => Rule::Integer,
            M::Decimal => Rule::Decimal,
            M::Number => Rule::Number,
            M::Timestamp(f) => date(DateKind::DateTime, f)?,
            M::Date(f) => date(DateKind::Date, f)?,
            M::Time(f) => date(DateKind::Time, f)?,
            M::Null => Rule::Null,
            M::Boolean => Rule::Boolean,
            M::ContentType(c) => Rule::ContentType(c.clone()),
            M::Values => Rule::Values,
            M::ArrayContains(variants) => Rule::ArrayContains(
                variants
                    .iter()
                    .map(|v| {
                        Ok(Variant {
                            index: v.index,
                            rules: Category::compile(
                                &v.rules,
                                "body",
                                spec,
                                &format!("{location} (arrayContains variant {})", v.index),
                            )?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?,
            ),
            M::StatusCode(s) => Rule::StatusCode(s.clone()),
            M::NotEmpty => Rule::NotEmpty,
            M::Semver => Rule::Semver,
            M::EachKey(rules, _) => Rule::EachKey(RuleSet::compile_rules(rules, spec, location)?),
            M::EachValue(rules, _) => {
                Rule::EachValue(RuleSet::compile_rules(rules, spec, location)?)
            }
        }))
    }

    /// Rules that compare a collection's elements by type against the expected example.
    pub(crate) fn is_type_like(&self) -> bool {
        matches!(
            self,
            Rule::Type | Rule::MinType(_) | Rule::MaxType(_) | Rule::MinMaxType(..)
        )
    }

    /// Checks a JSON value. Collection sizes are skipped when the rule is inherited.
    pub(crate) fn match_json(
        &self,
        expected: &Value,
        actual: &Value,
        cascaded: bool,
    ) -> std::result::Result<(), String> {
        let ok = |b: bool, msg: &dyn Fn() -> String| if b { Ok(()) } else { Err(msg()) };
        match self {
            Rule::Equality | Rule::Values | Rule::EachKey(..) => {
                ok(json_equal(expected, actual), &|| {
                    equality_message(expected, actual)
                })
            }
            Rule::Regex { re, source } => {
                let s = plain(actual);
                ok(re.is_match(&s), &|| {
                    format!("Expected '{s}' to match '{source}'")
                })
            }
            Rule::Type => same_type(expected, actual),
            Rule::MinType(min) => {
                same_type(expected, actual)?;
                size_check(actual, Some(*min), None, cascaded)
            }
            Rule::MaxType(max) => {
                same_type(expected, actual)?;
                size_check(actual, None, Some(*max), cascaded)
            }
            Rule::MinMaxType(min, max) => {
                same_type(expected, actual)?;
                size_check(actual, Some(*min), Some(*max), cascaded)
            }
            Rule::Include(sub) => {
                let s = plain(actual);
                ok(s.contains(sub.as_str()), &|| {
                    format!("Expected '{s}' to include '{sub}'")
                })
            }
            Rule::Integer => ok(actual.is_i64() || actual.is_u64(), &|| {
                format!(
                    "Expected {} ({}) to be an integer",
                    show(actual),
                    type_name(actual)
                )
            }),
            Rule::Decimal => ok(actual.is_f64(), &|| {
                format!(
                    "Expected {} ({}) to be a decimal number",
                    show(actual),
                    type_name(actual)
                )
            }),
            Rule::Number => ok(actual.is_number(), &|| {
                format!(
                    "Expected {} ({}) to be a number",
                    show(actual),
                    type_name(actual)
                )
            }),
            Rule::DateTime { .. } => match actual {
                Value::String(s) => self.match_str(&plain(expected), s, cascaded),
                other => Err(format!(
                    "Expected {} ({}) to be a {} string",
                    show(other),
                    type_name(other),
                    self.date_kind_word()
                )),
            },
            Rule::Null => ok(actual.is_null(), &|| {
                format!(
                    "Expected {} ({}) to be a null value",
                    show(actual),
                    type_name(actual)
                )
            }),
            Rule::Boolean => ok(
                actual.is_boolean() || matches!(actual.as_str(), Some("true" | "false")),
                &|| {
                    format!(
                        "Expected {} ({}) to match a boolean",
                        show(actual),
                        type_name(actual)
                    )
                },
            ),
            Rule::ContentType(ct) => content_type_check(plain(actual).as_bytes(), ct),
            Rule::ArrayContains(_) | Rule::EachValue(..) => Ok(()),
            Rule::StatusCode(class) => match actual.as_u64().and_then(|s| u16::try_from(s).ok()) {
                Some(status) => ok(class.contains(status), &|| {
                    format!("Expected status code {status} to be {}", class.describe())
                }),
                None => Err(format!("Expected {} to be a status code", show(actual))),
            },
            Rule::NotEmpty => {
                // An object or a list is expected to stay one: notEmpty does not loosen the
                // type of a container (a scalar's type is not checked, as the reference).
                let container_kind_differs = match expected {
                    Value::Array(_) => !actual.is_array(),
                    Value::Object(_) => !actual.is_object(),
                    _ => false,
                };
                if container_kind_differs {
                    return Err(format!(
                        "Type mismatch: Expected {} ({}) to be the same type as {} ({})",
                        show(actual),
                        type_name(actual),
                        show(expected),
                        type_name(expected)
                    ));
                }
                let empty = match actual {
                    Value::Null => true,
                    Value::String(s) => s.is_empty(),
                    Value::Array(a) => a.is_empty(),
                    Value::Object(o) => o.is_empty(),
                    _ => false,
                };
                ok(!empty, &|| {
                    format!(
                        "Expected {} ({}) to not be empty",
                        show(actual),
                        type_name(actual)
                    )
                })
            }
            Rule::Semver => semver_check(&plain(actual)),
        }
    }

    fn date_kind_word(&self) -> &'static str {
        match self {
            Rule::DateTime { kind, .. } => kind.word(),
            _ => "date",
        }
    }

    /// Checks a string value (path, query or header value, XML text or attribute, text body).
    pub(crate) fn match_str(
        &self,
        expected: &str,
        actual: &str,
        _cascaded: bool,
    ) -> std::result::Result<(), String> {
        let ok = |b: bool, msg: &dyn Fn() -> String| if b { Ok(()) } else { Err(msg()) };
        match self {
            Rule::Equality | Rule::Values | Rule::EachKey(..) | Rule::ArrayContains(_) => {
                ok(expected == actual, &|| {
                    format!("Expected '{actual}' to be equal to '{expected}'")
                })
            }
            Rule::Regex { re, source } => ok(re.is_match(actual), &|| {
                format!("Expected '{actual}' to match '{source}'")
            }),
            Rule::Type | Rule::MinType(_) | Rule::MaxType(_) | Rule::MinMaxType(..) => Ok(()),
            Rule::Include(sub) => ok(actual.contains(sub.as_str()), &|| {
                format!("Expected '{actual}' to include '{sub}'")
            }),
            Rule::Integer => ok(
                actual.parse::<i64>().is_ok() || actual.parse::<u64>().is_ok(),
                &|| format!("Expected '{actual}' to match an integer number"),
            ),
            Rule::Decimal => ok(
                actual.contains('.') && actual.parse::<f64>().is_ok_and(f64::is_finite),
                &|| format!("Expected '{actual}' to match a decimal number"),
            ),
            Rule::Number => ok(actual.parse::<f64>().is_ok_and(f64::is_finite), &|| {
                format!("Expected '{actual}' to match a number")
            }),
            Rule::DateTime { kind, java, format } => {
                let result = match format {
                    Some(fmt) => fmt.check(actual),
                    None => validate_iso_datetime(actual),
                };
                result.map_err(|e| {
                    let pattern = if java.is_empty() { "ISO-8601" } else { java };
                    format!(
                        "Expected '{actual}' to match a {} pattern of '{pattern}': {e}",
                        kind.word()
                    )
                })
            }
            Rule::Null => ok(actual.is_empty() || actual == "null", &|| {
                format!("Expected '{actual}' to be a null value")
            }),
            Rule::Boolean => ok(actual == "true" || actual == "false", &|| {
                format!("Expected '{actual}' to match a boolean")
            }),
            Rule::ContentType(ct) => content_type_check(actual.as_bytes(), ct),
            Rule::StatusCode(class) => match actual.trim().parse::<u16>() {
                Ok(status) => ok(class.contains(status), &|| {
                    format!("Expected status code {status} to be {}", class.describe())
                }),
                Err(_) => Err(format!("Expected '{actual}' to be a status code")),
            },
            Rule::NotEmpty => ok(!actual.is_empty(), &|| {
                format!("Expected '{actual}' (String) to not be empty")
            }),
            Rule::Semver => semver_check(actual),
            Rule::EachValue(inner) => inner
                .apply(|r| r.match_str(expected, actual, false))
                .map_err(|m| m.join(", ")),
        }
    }

    /// Checks a list of string values (a query parameter's or header's values) as a whole:
    /// sizes for min/max rules, else every value.
    pub(crate) fn match_str_list(
        &self,
        expected: &[&str],
        actual: &[&str],
    ) -> std::result::Result<(), Vec<String>> {
        let size =
            |min: Option<usize>, max: Option<usize>| -> std::result::Result<(), Vec<String>> {
                let list = format!("{actual:?}");
                let n = actual.len();
                let mut errs = Vec::new();
                if let Some(min) = min.filter(|m| n < *m) {
                    errs.push(format!(
                        "Expected {list} (size {n}) to have minimum size of {min}"
                    ));
                }
                if let Some(max) = max.filter(|m| n > *m) {
                    errs.push(format!(
                        "Expected {list} (size {n}) to have maximum size of {max}"
                    ));
                }
                if errs.is_empty() {
                    Ok(())
                } else {
                    Err(errs)
                }
            };
        match self {
            Rule::MinType(min) => size(Some(*min), None),
            Rule::MaxType(max) => size(None, Some(*max)),
            Rule::MinMaxType(min, max) => size(Some(*min), Some(*max)),
            Rule::Type => Ok(()),
            Rule::NotEmpty if actual.is_empty() => {
                Err(vec!["Expected [] (size 0) to not be empty".to_string()])
            }
            Rule::Equality => {
                if expected == actual {
                    Ok(())
                } else {
                    Err(vec![format!(
                        "Expected {actual:?} to be equal to {expected:?}"
                    )])
                }
            }
            _ => {
                let errs: Vec<String> = actual
                    .iter()
                    .enumerate()
                    .filter_map(|(i, a)| {
                        let e = expected.get(i).or(expected.first()).copied().unwrap_or("");
                        self.match_str(e, a, false).err()
                    })
                    .collect();
                if errs.is_empty() {
                    Ok(())
                } else {
                    Err(errs)
                }
            }
        }
    }
}

/// Any ISO-8601 timestamp, with or without offset and fraction (a datetime matcher without
/// a format).
fn validate_iso_datetime(value: &str) -> std::result::Result<(), String> {
    chrono::DateTime::parse_from_rfc3339(value)
        .map(|_| ())
        .or_else(|_| {
            chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f").map(|_| ())
        })
        .map_err(|e| e.to_string())
}

fn same_type(expected: &Value, actual: &Value) -> std::result::Result<(), String> {
    let same = matches!(
        (expected, actual),
        (Value::Array(_), Value::Array(_))
            | (Value::Bool(_), Value::Bool(_))
            | (Value::Number(_), Value::Number(_))
            | (Value::Null, Value::Null)
            | (Value::Object(_), Value::Object(_))
            | (Value::String(_), Value::String(_))
    );
    if same {
        Ok(())
    } else {
        Err(format!(
            "Expected {} ({}) to be the same type as {} ({})",
            show(actual),
            type_name(actual),
            show(expected),
            type_name(expected)
        ))
    }
}

fn size_check(
    actual: &Value,
    min: Option<usize>,
    max: Option<usize>,
    cascaded: bool,
) -> std::result::Result<(), String> {
    if cascaded {
        return Ok(());
    }
    let n = match actual {
        Value::Array(a) => a.len(),
        _ => return Ok(()),
    };
    if let Some(min) = min.filter(|m| n < *m) {
        return Err(format!(
            "Expected {} (size {n}) to have minimum size of {min}",
            list_text(actual)
        ));
    }
    if let Some(max) = max.filter(|m| n > *m) {
        return Err(format!(
            "Expected {} (size {n}) to have maximum size of {max}",
            list_text(actual)
        ));
    }
    Ok(())
}

fn semver_check(s: &str) -> std::result::Result<(), String> {
    semver::Version::parse(s)
        .map(|_| ())
        .map_err(|e| format!("'{s}' is not a valid semantic version - {e}"))
}

/// Checks bytes against an expected content type by their magic bytes.
pub(crate) fn content_type_check(bytes: &[u8], expected: &str) -> std::result::Result<(), String> {
    let expected_essence = expected
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let detected = detect_mime(bytes);
    // UTF-8 text with no binary signature is text, whatever it looks like (a Markdown file that
    // opens with an HTML tag is still text/markdown or text/plain).
    let text_as_text = expected_essence.starts_with("text/")
        && infer::get(bytes).is_none()
        && std::str::from_utf8(bytes).is_ok();
    if detected == expected_essence || text_as_text {
        Ok(())
    } else {
        Err(format!(
            "Expected binary contents to have content type '{expected}' but detected contents was '{detected}'"
        ))
    }
}

/// The content type of bytes by magic numbers, else text/plain for UTF-8, else octet-stream.
pub(crate) fn detect_mime(bytes: &[u8]) -> String {
    if let Some(kind) = infer::get(bytes) {
        return kind.mime_type().to_string();
    }
    match std::str::from_utf8(bytes) {
        Ok(_) => {
            let ct = crate::model::ContentType::detect(bytes);
            ct.essence()
        }
        Err(_) => "application/octet-stream".to_string(),
    }
}

/// JSON equality where numbers compare by value (`1` equals `1.0`).
pub(crate) fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            if let (Some(x), Some(y)) = (x.as_i64(), y.as_i64()) {
                x == y
            } else if let (Some(x), Some(y)) = (x.as_u64(), y.as_u64()) {
                x == y
            } else {
                x.as_f64() == y.as_f64()
            }
        }
        _ => a == b,
    }
}

/// The JSON type name used in messages.
/// "Expected 'c' (String) to be equal to 'b' (String)", the reference's equality message.
pub(crate) fn equality_message(expected: &Value, actual: &Value) -> String {
    format!(
        "Expected {} ({}) to be equal to {} ({})",
        show(actual),
        type_name(actual),
        show(expected),
        type_name(expected)
    )
}

pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "String",
        Value::Number(n) if n.is_f64() => "Decimal",
        Value::Number(_) => "Integer",
        Value::Bool(_) => "Boolean",
        Value::Null => "Null",
        Value::Object(_) => "Object",
        Value::Array(_) => "Array",
    }
}

/// A value as messages show it: strings quoted, others as JSON (object keys sorted).
pub(crate) fn show(v: &Value) -> String {
    match v {
        Value::String(s) => format!("'{s}'"),
        other => json_text(other),
    }
}

/// A value's plain string form: strings unquoted, others as JSON (object keys sorted).
pub(crate) fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => json_text(other),
    }
}

fn holds_object(v: &Value) -> bool {
    match v {
        Value::Object(_) => true,
        Value::Array(items) => items.iter().any(holds_object),
        _ => false,
    }
}

fn write_sorted(v: &Value, out: &mut String) {
    match v {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_sorted(v, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_sorted(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Compact JSON with object keys sorted, as the reference writes values in mismatches
/// (its JSON maps are ordered by key whatever order the document gave).
pub(crate) fn json_text(v: &Value) -> String {
    if !holds_object(v) {
        return v.to_string();
    }
    let mut out = String::new();
    write_sorted(v, &mut out);
    out
}

/// A list as size messages show it: `[1, 2, "x"]` (items as `json_text`, `, ` between them).
pub(crate) fn list_text(v: &Value) -> String {
    match v {
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(json_text).collect::<Vec<_>>().join(", ")
        ),
        other => json_text(other),
    }
}

impl RuleSet {
    fn compile(list: &RuleList, spec: SpecVersion, location: &str) -> Result<RuleSet> {
        let mut rules = Vec::with_capacity(list.rules.len());
        for r in &list.rules {
            if let Some(r) = Rule::compile(r, spec, location)? {
                rules.push(r);
            }
        }
        Ok(RuleSet {
            rules,
            logic: list.logic,
        })
    }

    fn compile_rules(rules: &[MatchingRule], spec: SpecVersion, location: &str) -> Result<RuleSet> {
        RuleSet::compile(&RuleList::new(rules.to_vec()), spec, location)
    }

    /// Runs `check` for each rule, combining with AND (all must pass; all failures reported)
    /// or OR (one must pass).
    pub(crate) fn apply<F>(&self, mut check: F) -> std::result::Result<(), Vec<String>>
    where
        F: FnMut(&Rule) -> std::result::Result<(), String>,
    {
        let mut errors = Vec::new();
        for rule in &self.rules {
            match check(rule) {
                Ok(()) if self.logic == RuleLogic::Or => return Ok(()),
                Ok(()) => {}
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() || (self.logic == RuleLogic::Or && self.rules.is_empty()) {
            Ok(())
        } else {
            Err(errors)
        }
    }

    pub(crate) fn has(&self, pred: impl Fn(&Rule) -> bool) -> bool {
        self.rules.iter().any(pred)
    }
}

impl Category {
    /// Compiles the rules of one category. Header names are compared case-insensitively, so
    /// they are lower-cased here; header and query keys may be bare names or `$.name`.
    pub(crate) fn compile(
        map: &IndexMap<String, RuleList>,
        category: &str,
        spec: SpecVersion,
        context: &str,
    ) -> Result<Category> {
        let mut entries = Vec::new();
        if !spec.has_rules() {
            return Ok(Category { entries });
        }
        for (key, list) in map {
            let location = if key.is_empty() {
                format!("{context}{category}")
            } else {
                format!("{context}{category} '{key}'")
            };
            let mut tokens = if key.is_empty() {
                vec![Token::Root]
            } else if key.starts_with('$') {
                path::parse(key).map_err(|e| {
                    PactError::invalid_json(format!("The matching rule at {location}: {e}"))
                })?
            } else if category == "body" || category == "metadata" && key.contains('.') {
                path::parse(&format!("$.{key}")).map_err(|e| {
                    PactError::invalid_json(format!("The matching rule at {location}: {e}"))
                })?
            } else {
                // `name[i]` addresses one value of a query parameter or header, as the DSL
                // (and libpact_ffi) write rules for values after the first.
                match crate::model::indexed_name(key) {
                    Some((name, index)) if category == "query" || category == "header" => {
                        vec![
                            Token::Root,
                            Token::Field(name.to_string()),
                            Token::Index(index),
                        ]
                    }
                    _ => vec![Token::Root, Token::Field(key.clone())],
                }
            };
            if category == "header" {
                for t in tokens.iter_mut() {
                    if let Token::Field(f) = t {
                        *f = f.to_ascii_lowercase();
                    }
                }
            }
            let set = RuleSet::compile(list, spec, &location)?;
            if !set.rules.is_empty() {
                entries.push((tokens, set));
            }
        }
        Ok(Category { entries })
    }

    /// The most specific rule set for `path` (highest weight, then most tokens).
    pub(crate) fn select(&self, path: &[Seg]) -> Option<Selected<'_>> {
        self.select_with(path, false)
    }

    /// `select` for XML documents (index tokens in rule paths are skipped).
    pub(crate) fn select_xml(&self, path: &[Seg]) -> Option<Selected<'_>> {
        self.select_with(path, true)
    }

    fn select_with(&self, path: &[Seg], xml: bool) -> Option<Selected<'_>> {
        let mut best: Option<(usize, usize, &Vec<Token>, &RuleSet)> = None;
        for (tokens, set) in &self.entries {
            let w = if xml {
                path::weight_xml(tokens, path)
            } else {
                path::weight(tokens, path)
            };
            if w == 0 {
                continue;
            }
            let better = match best {
                None => true,
                Some((bw, bl, _, _)) => (w, tokens.len()) > (bw, bl),
            };
            if better {
                best = Some((w, tokens.len(), tokens, set));
            }
        }
        best.map(|(_, _, tokens, set)| {
            let named = if !xml {
                tokens.len()
            } else {
                tokens
                    .iter()
                    .filter(|t| !matches!(t, Token::Index(_) | Token::StarIndex))
                    .count()
            };
            Selected {
                set,
                cascaded: named < path.len(),
            }
        })
    }

    /// Whether some rule applies to `path` (directly or by cascading).
    pub(crate) fn defined(&self, path: &[Seg]) -> bool {
        !self.entries.is_empty() && self.entries.iter().any(|(t, _)| path::weight(t, path) > 0)
    }

    /// Whether a rule is given for exactly this path (not inherited).
    pub(crate) fn direct(&self, path: &[Seg]) -> Option<&RuleSet> {
        self.select(path).filter(|s| !s.cascaded).map(|s| s.set)
    }
}
