//! Generators: how a value is produced afresh (random numbers, dates, UUIDs, the mock
//! server's URL, ...), keyed like matching rules by category and path. Applying them to a
//! response is `crate::generate`'s job; this module owns their model and JSON.

use crate::error::{ErrorCode, PactError, Result};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// One generator, in the JSON form of pact files (`{"type": "RandomInt", "min": 0, "max": 10}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Generator {
    RandomInt {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<i64>,
    },
    RandomDecimal {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        digits: Option<usize>,
    },
    RandomHexadecimal {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        digits: Option<usize>,
    },
    RandomString {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size: Option<usize>,
    },
    Regex {
        regex: String,
    },
    Uuid {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    Date {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expression: Option<String>,
    },
    Time {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expression: Option<String>,
    },
    DateTime {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        expression: Option<String>,
    },
    RandomBoolean,
    ProviderState {
        expression: String,
        #[serde(default, rename = "dataType", skip_serializing_if = "Option::is_none")]
        data_type: Option<String>,
    },
    MockServerURL {
        example: String,
        regex: String,
    },
}

impl Generator {
    /// Reads a generator from its JSON, with an error naming the problem.
    pub fn from_json(value: &Value) -> Result<Generator> {
        let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
        const KNOWN: [&str; 12] = [
            "RandomInt",
            "RandomDecimal",
            "RandomHexadecimal",
            "RandomString",
            "Regex",
            "Uuid",
            "Date",
            "Time",
            "DateTime",
            "RandomBoolean",
            "ProviderState",
            "MockServerURL",
        ];
        if !KNOWN.contains(&kind) {
            return Err(PactError::new(
                ErrorCode::UnknownGenerator,
                format!(
                    "Unknown generator type '{kind}': expected one of {}",
                    KNOWN.join(", ")
                ),
            ));
        }
        let generator: Generator = serde_json::from_value(value.clone()).map_err(|e| {
            PactError::invalid_json(format!("Invalid {kind} generator {value}: {e}"))
        })?;
        if let Generator::Regex { regex } = &generator {
            super::check_regex(regex)?;
        }
        Ok(generator)
    }

    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).expect("generators serialise")
    }
}

const SINGLE_VALUE_CATEGORIES: [&str; 2] = ["path", "status"];

/// The generators of a request or response: category, then path (`""` for path and status).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Generators {
    pub categories: IndexMap<String, IndexMap<String, Generator>>,
}

impl Generators {
    pub fn is_empty(&self) -> bool {
        self.categories.values().all(IndexMap::is_empty)
    }

    pub fn add(&mut self, category: &str, path: &str, generator: Generator) {
        self.categories
            .entry(category.to_string())
            .or_default()
            .insert(path.to_string(), generator);
    }

    pub fn category(&self, name: &str) -> Option<&IndexMap<String, Generator>> {
        self.categories.get(name).filter(|c| !c.is_empty())
    }

    /// Reads a pact file's `generators` object.
    pub fn from_category_json(value: &Value) -> Result<Generators> {
        let map = match value {
            Value::Object(m) => m,
            Value::Null => return Ok(Generators::default()),
            other => {
                return Err(PactError::invalid_json(format!(
                    "generators must be an object, got {other}"
                )))
            }
        };
        let mut out = Generators::default();
        for (category, entries) in map {
            if SINGLE_VALUE_CATEGORIES.contains(&category.as_str()) {
                let g = Generator::from_json(entries).map_err(|e| {
                    PactError::new(e.code, format!("generators.{category}: {}", e.message))
                })?;
                out.add(category, "", g);
                continue;
            }
            let paths = entries.as_object().ok_or_else(|| {
                PactError::invalid_json(format!("generators.{category} must be an object"))
            })?;
            for (path, g) in paths {
                let g = Generator::from_json(g).map_err(|e| {
                    PactError::new(
                        e.code,
                        format!("generators.{category} '{path}': {}", e.message),
                    )
                })?;
                out.add(category, path, g);
            }
        }
        Ok(out)
    }

    /// The JSON of one category, if it has generators.
    pub fn category_json(&self, category: &str) -> Option<Value> {
        let paths = self.category(category)?;
        if SINGLE_VALUE_CATEGORIES.contains(&category) {
            return paths.get("").map(Generator::to_json);
        }
        Some(Value::Object(
            paths
                .iter()
                .map(|(p, g)| (p.clone(), g.to_json()))
                .collect::<Map<_, _>>(),
        ))
    }

    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        for category in self.categories.keys() {
            if let Some(v) = self.category_json(category) {
                out.insert(category.clone(), v);
            }
        }
        Value::Object(out)
    }
}
