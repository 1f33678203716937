//! "Integration JSON": values that carry matchers and generators inline
//! (`{"pact:matcher:type": "type", "value": 1}`), as pact-js and libpact_ffi send them.
//! A `Processor` walks such a value, returns the plain example and collects the matching
//! rules and generators it found, keyed by JSON path (`$`, `$.a[*].b`, `$['key with space']`).

use super::expression;
use crate::error::{ErrorCode, PactError, Result};
use crate::model::{Generator, Generators, MatchingRule, MatchingRules, RuleList, RuleLogic};
use indexmap::IndexMap;
use serde_json::{Map, Value};

pub(crate) const MATCHER_KEY: &str = "pact:matcher:type";
pub(crate) const GENERATOR_KEY: &str = "pact:generator:type";
const LOCATED: &str = "Invalid matcher in";

/// Whether a value is an integration-JSON matcher or generator object.
pub fn is_matcher_object(value: &Value) -> bool {
    value
        .as_object()
        .map(|o| o.contains_key(MATCHER_KEY) || o.contains_key(GENERATOR_KEY))
        .unwrap_or(false)
}

/// `path` joined with a property name: `.name` for plain identifiers, `['name']` otherwise
/// (with `\\` and `'` escaped), as libpact_ffi writes them.
pub fn join_field(path: &str, name: &str) -> String {
    let mut chars = name.chars();
    let plain = chars
        .next()
        .map(|c| c.is_ascii_alphabetic() || c == '_')
        .unwrap_or(false)
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        format!("{path}.{name}")
    } else {
        format!(
            "{path}['{}']",
            name.replace('\\', "\\\\").replace('\'', "\\'")
        )
    }
}

pub fn join_index(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// What one matcher object contributes at its own path.
#[derive(Debug, Default)]
pub(crate) struct MatcherParts {
    pub rules: Vec<MatchingRule>,
    pub generator: Option<Generator>,
    /// The example, when the definition itself carries one (expressions, arrayContains).
    pub value: Option<Value>,
}

/// Walks integration JSON, collecting rules and generators by JSON path.
#[derive(Debug)]
pub(crate) struct Processor {
    /// Where the value sits, for error messages ("request body", "header 'Accept'").
    context: String,
    pub rules: IndexMap<String, RuleList>,
    pub generators: IndexMap<String, Generator>,
}

impl Processor {
    pub fn new(context: impl Into<String>) -> Processor {
        Processor {
            context: context.into(),
            rules: IndexMap::new(),
            generators: IndexMap::new(),
        }
    }

    /// Makes what this processor found the whole `category` of `rules` and `generators` (a
    /// body set again replaces the rules and generators of the one before).
    pub fn replace_category(
        self,
        category: &str,
        rules: &mut MatchingRules,
        generators: &mut Generators,
    ) {
        rules.categories.shift_remove(category);
        generators.categories.shift_remove(category);
        for (path, list) in self.rules {
            rules.add(category, &path, list);
        }
        for (path, g) in self.generators {
            generators.add(category, &path, g);
        }
    }

    /// Records what one matcher object defines at `path` (rules and generator), for callers
    /// that build the example themselves (the XML builder).
    pub fn record_matcher(&mut self, obj: &Map<String, Value>, path: &str) -> Result<MatcherParts> {
        let mut parts = self
            .matcher_parts(obj, path)
            .map_err(|e| self.locate(path, e))?;
        self.add_rules(path, std::mem::take(&mut parts.rules));
        if let Some(g) = parts.generator.take() {
            self.generators.insert(path.to_string(), g);
        }
        Ok(parts)
    }

    pub fn locate(&self, path: &str, e: PactError) -> PactError {
        // Errors from a nested processor (arrayContains variants) already say where they are.
        if e.message.starts_with(LOCATED) {
            return e;
        }
        PactError::new(
            e.code,
            format!("{LOCATED} {} path '{}': {}", self.context, path, e.message),
        )
    }

    /// The example value of `value` with every matcher replaced by its example; rules and
    /// generators are recorded at `path` and below.
    pub fn process(&mut self, value: &Value, path: &str) -> Result<Value> {
        match value {
            Value::Object(obj)
                if obj.contains_key(MATCHER_KEY) || obj.contains_key(GENERATOR_KEY) =>
            {
                self.process_matcher(obj, path)
            }
            Value::Object(obj) => {
                let mut out = Map::new();
                for (k, v) in obj {
                    if k.starts_with("pact:") {
                        continue;
                    }
                    out.insert(k.clone(), self.process(v, &join_field(path, k))?);
                }
                Ok(Value::Object(out))
            }
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| self.process(v, &join_index(path, i)))
                .collect::<Result<Vec<_>>>()
                .map(Value::Array),
            other => Ok(other.clone()),
        }
    }

    fn process_matcher(&mut self, obj: &Map<String, Value>, path: &str) -> Result<Value> {
        let parts = self
            .matcher_parts(obj, path)
            .map_err(|e| self.locate(path, e))?;
        let wildcard_keys = parts
            .rules
            .iter()
            .any(|r| matches!(r, MatchingRule::Values | MatchingRule::EachValue(..)));
        let is_array_contains = parts
            .rules
            .iter()
            .any(|r| matches!(r, MatchingRule::ArrayContains(_)));
        let example_given = obj.get("value").or(parts.value.as_ref());
        if let Some(example) = example_given {
            check_example(&parts.rules, example, &self.context, path);
        }
        self.add_rules(path, parts.rules);
        if let Some(g) = parts.generator {
            self.generators.insert(path.to_string(), g);
        }
        let example = match (obj.get("value"), parts.value) {
            // arrayContains examples were processed variant by variant already.
            (_, Some(v)) if is_array_contains => return Ok(v),
            (Some(v), _) => v.clone(),
            (None, Some(v)) => v,
            (None, None) => Value::Null,
        };
        match &example {
            // Elements under a matcher share the rules of `[*]`, as each-like needs.
            Value::Array(items) => {
                let star = format!("{path}[*]");
                items
                    .iter()
                    .map(|v| self.process(v, &star))
                    .collect::<Result<Vec<_>>>()
                    .map(Value::Array)
            }
            Value::Object(map) if wildcard_keys && !is_matcher_object(&example) => {
                let star = format!("{path}.*");
                let mut out = Map::new();
                for (k, v) in map {
                    if !k.starts_with("pact:") {
                        out.insert(k.clone(), self.process(v, &star)?);
                    }
                }
                Ok(Value::Object(out))
            }
            _ => self.process(&example, path),
        }
    }

    /// Adds rules at a path. Like libpact_ffi, every element of an each-like example adds its
    /// `[*]` rules again; the repeats are harmless and keep the pact file identical to the
    /// reference's.
    pub fn add_rules(&mut self, path: &str, rules: Vec<MatchingRule>) {
        if rules.is_empty() {
            return;
        }
        self.rules
            .entry(path.to_string())
            .or_insert_with(|| RuleList {
                rules: Vec::new(),
                logic: RuleLogic::And,
            })
            .rules
            .extend(rules);
    }

    /// The rules, generator and example one matcher object defines (without recursing into
    /// its `value`, except for arrayContains variants).
    pub fn matcher_parts(&mut self, obj: &Map<String, Value>, path: &str) -> Result<MatcherParts> {
        let mut parts = match obj.get(MATCHER_KEY) {
            None | Some(Value::Null) => MatcherParts::default(),
            // Some pact-js versions send `fromProviderState` with an empty matcher type.
            Some(Value::String(name)) if name.trim().is_empty() => MatcherParts::default(),
            Some(Value::String(name)) => self.named_matcher(name.trim(), obj, path)?,
            Some(Value::Array(list)) => {
                // Several matchers at one path, all of which must match.
                let mut parts = MatcherParts::default();
                for item in list {
                    let item_obj = match item {
                        Value::Object(o) => o.clone(),
                        Value::String(s) => {
                            let mut o = Map::new();
                            o.insert(MATCHER_KEY.into(), Value::String(s.clone()));
                            o
                        }
                        other => {
                            return Err(PactError::new(
                                ErrorCode::UnknownMatcher,
                                format!("a list of matchers must hold matcher objects, got {other}"),
                            ))
                        }
                    };
                    let sub = self.matcher_parts(&item_obj, path)?;
                    parts.rules.extend(sub.rules);
                    if parts.generator.is_none() {
                        parts.generator = sub.generator;
                    }
                    if parts.value.is_none() {
                        parts.value = sub.value.or_else(|| item_obj.get("value").cloned());
                    }
                }
                parts
            }
            Some(other) => {
                return Err(PactError::new(
                    ErrorCode::UnknownMatcher,
                    format!("'{MATCHER_KEY}' must be a matcher name, an expression or a list of matchers, got {other}"),
                ))
            }
        };
        // A date pattern that cannot be read fails here, not when the mock server starts.
        for rule in &parts.rules {
            if let MatchingRule::Timestamp(f) | MatchingRule::Date(f) | MatchingRule::Time(f) = rule
            {
                if !f.is_empty() {
                    crate::model::datetime::JavaDateFormat::new(f).map_err(|e| {
                        PactError::invalid_argument(format!("Invalid date format: {}", e.message))
                    })?;
                }
            }
        }
        match obj.get(GENERATOR_KEY) {
            None | Some(Value::Null) => {}
            Some(Value::String(kind)) => parts.generator = Some(generator_from(kind, obj)?),
            Some(other) => {
                return Err(PactError::new(
                    ErrorCode::UnknownGenerator,
                    format!("'{GENERATOR_KEY}' must be a generator name, got {other}"),
                ))
            }
        }
        Ok(parts)
    }

    fn named_matcher(
        &mut self,
        name: &str,
        obj: &Map<String, Value>,
        path: &str,
    ) -> Result<MatcherParts> {
        let mut parts = MatcherParts::default();
        match name {
            "arrayContains" | "array-contains" => {
                let variants = obj
                    .get("variants")
                    .and_then(Value::as_array)
                    .ok_or_else(|| {
                        PactError::invalid_argument(
                            "an arrayContains matcher needs a 'variants' list",
                        )
                    })?;
                let mut examples = Vec::new();
                let mut built = Vec::new();
                for (index, variant) in variants.iter().enumerate() {
                    // Rules of a variant are relative to the element it describes.
                    let mut sub = Processor::new(format!(
                        "arrayContains variant {index} at {} path '{path}', variant",
                        self.context
                    ));
                    let example = sub.process(variant, "$")?;
                    let mut generators = Generators::default();
                    for (p, g) in sub.generators {
                        generators.add("body", &p, g);
                    }
                    built.push(crate::model::ArrayContainsVariant {
                        index,
                        rules: sub.rules,
                        generators,
                    });
                    examples.push(example);
                }
                parts.rules.push(MatchingRule::ArrayContains(built));
                parts.value = Some(Value::Array(examples));
            }
            "eachKey" | "each-key" | "eachValue" | "each-value" => {
                let mut inner = Vec::new();
                match obj.get("rules") {
                    None | Some(Value::Null) => {}
                    Some(Value::Array(list)) => {
                        for r in list {
                            inner.extend(self.rule_definition(r, path)?);
                        }
                    }
                    Some(other) => {
                        return Err(PactError::invalid_argument(format!(
                            "'rules' of an {name} matcher must be a list, got {other}"
                        )))
                    }
                }
                let example = obj.get("value").map(Value::to_string);
                parts
                    .rules
                    .push(if name.starts_with("eachKey") || name == "each-key" {
                        MatchingRule::EachKey(inner, example)
                    } else {
                        MatchingRule::EachValue(inner, example)
                    });
            }
            _ if name.contains('(') => {
                let def = expression::parse(name)?;
                parts.rules = def.rules;
                parts.generator = def.generator;
                parts.value = def.value;
            }
            _ => {
                let rule = MatchingRule::from_name_and_attributes(name, obj)?;
                parts.rules.push(rule);
            }
        }
        Ok(parts)
    }

    /// One entry of an eachKey/eachValue `rules` list: integration JSON, an expression or a
    /// pact-file matcher (`{"match": "regex", ...}`).
    fn rule_definition(&mut self, def: &Value, path: &str) -> Result<Vec<MatchingRule>> {
        match def {
            Value::Object(o) if o.contains_key(MATCHER_KEY) => {
                Ok(self.matcher_parts(o, path)?.rules)
            }
            Value::Object(_) => Ok(vec![MatchingRule::from_json(def)?]),
            Value::String(s) => Ok(expression::parse(s)?.rules),
            other => Err(PactError::invalid_argument(format!(
                "a rule must be a matcher object, got {other}"
            ))),
        }
    }
}

/// Warns when an example does not satisfy its own regex or date format: the mock server
/// would send it, but a consumer sending the same value would not match.
fn check_example(rules: &[MatchingRule], example: &Value, context: &str, path: &str) {
    let Some(text) = example.as_str() else {
        return;
    };
    for rule in rules {
        let problem = match rule {
            MatchingRule::Regex(re) => crate::model::cached_regex(&format!("^(?:{re})$"))
                .ok()
                .filter(|r| !r.is_match(text))
                .map(|_| format!("does not match the regex '{re}'")),
            MatchingRule::Timestamp(f) | MatchingRule::Date(f) | MatchingRule::Time(f)
                if !f.is_empty() =>
            {
                crate::model::datetime::JavaDateFormat::new(f)
                    .ok()
                    .and_then(|fmt| fmt.check(text).err())
                    .map(|e| format!("is not in the format '{f}': {e}"))
            }
            _ => None,
        };
        if let Some(problem) = problem {
            tracing::warn!("The example '{text}' at {context} path '{path}' {problem}");
        }
    }
}

/// A generator from its name and the attributes on the same object.
pub(crate) fn generator_from(kind: &str, obj: &Map<String, Value>) -> Result<Generator> {
    let mut attrs = Map::new();
    attrs.insert("type".into(), Value::String(kind.to_string()));
    for (k, v) in obj {
        if k.starts_with("pact:") || k == "value" || k == "type" {
            continue;
        }
        attrs.insert(k.clone(), v.clone());
    }
    // pact-js names the ProviderState expression the same way; a DateTime generator may
    // carry its format under the matcher's attribute name.
    if matches!(kind, "DateTime" | "Date" | "Time") && !attrs.contains_key("format") {
        for key in ["datetime", "timestamp", "date", "time"] {
            if let Some(f) = obj.get(key).filter(|v| v.is_string()) {
                attrs.insert("format".into(), f.clone());
                break;
            }
        }
    }
    // Matcher attributes that share a name with generator fields but not their type would
    // make the generator unreadable; keep only what the generator can use.
    if kind == "RandomInt" {
        for key in ["min", "max"] {
            if attrs.get(key).map(|v| !v.is_i64()).unwrap_or(false) {
                attrs.remove(key);
            }
        }
    }
    // Sizes left out get their defaults written down, as libpact_ffi does, so the pact file
    // says what the provider side will generate.
    let generator = Generator::from_json(&Value::Object(attrs))?;
    crate::generate::validate_generator(&generator)?;
    Ok(match generator {
        Generator::RandomInt { min, max } => Generator::RandomInt {
            min: Some(min.unwrap_or(0)),
            max: Some(max.unwrap_or(10)),
        },
        Generator::RandomDecimal { digits } => Generator::RandomDecimal {
            digits: Some(digits.unwrap_or(10)),
        },
        Generator::RandomHexadecimal { digits } => Generator::RandomHexadecimal {
            digits: Some(digits.unwrap_or(10)),
        },
        Generator::RandomString { size } => Generator::RandomString {
            size: Some(size.unwrap_or(10)),
        },
        other => other,
    })
}

/// The rules and generators an integration value defines at its root, plus its example;
/// used for single values (path, query value, header value, status).
pub(crate) fn process_single(
    value: &Value,
    context: &str,
) -> Result<(Value, Vec<MatchingRule>, Option<Generator>)> {
    // libpact_ffi also takes `{"value": ...}` without a matcher for these values.
    let value = match value {
        Value::Object(o) if !is_matcher_object(value) && o.contains_key("value") => &o["value"],
        v => v,
    };
    let mut p = Processor::new(context.to_string());
    let example = p.process(value, "$")?;
    let rules = p
        .rules
        .shift_remove("$")
        .map(|l| l.rules)
        .unwrap_or_default();
    let generator = p.generators.shift_remove("$");
    Ok((example, rules, generator))
}
