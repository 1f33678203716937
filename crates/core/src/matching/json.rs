//! JSON bodies: maps, lists and values compared under the body rules, with the reference's
//! semantics (strict keys for requests, lenient for responses and messages; type rules compare
//! every actual element against the example; `arrayContains`, `eachKey`, `eachValue`,
//! `values`).

use super::mismatch::Mismatch;
use super::path::{render, Seg};
use super::rules::{
    equality_message, json_equal, json_text, show, type_name, Category, Rule, Selected,
};
use serde_json::{Map, Value};

/// Compares JSON documents under one category of rules.
pub(crate) struct JsonMatcher<'r> {
    pub rules: &'r Category,
    pub allow_unexpected_keys: bool,
}

fn body_mismatch(path: &[Seg], expected: &Value, actual: &Value, mismatch: String) -> Mismatch {
    Mismatch::Body {
        path: render(path),
        expected: Some(json_text(expected)),
        actual: Some(json_text(actual)),
        mismatch,
    }
}

impl JsonMatcher<'_> {
    /// Compares `actual` with `expected` at `path`, appending mismatches to `out`.
    pub(crate) fn compare<'v>(
        &self,
        path: &mut Vec<Seg<'v>>,
        expected: &'v Value,
        actual: &'v Value,
        out: &mut Vec<Mismatch>,
    ) {
        match (expected, actual) {
            (Value::Object(e), Value::Object(a)) => {
                self.compare_maps(path, expected, e, actual, a, out)
            }
            (Value::Array(e), Value::Array(a)) => {
                self.compare_lists(path, expected, e, a, actual, out)
            }
            (Value::Object(_) | Value::Array(_), _) if !self.rules.defined(path) => {
                out.push(body_mismatch(
                    path,
                    expected,
                    actual,
                    format!(
                        "Type mismatch: Expected {} ({}) to be the same type as {} ({})",
                        show(actual),
                        type_name(actual),
                        show(expected),
                        type_name(expected)
                    ),
                ));
            }
            _ => self.compare_values(path, expected, actual, out),
        }
    }

    fn compare_values(
        &self,
        path: &[Seg],
        expected: &Value,
        actual: &Value,
        out: &mut Vec<Mismatch>,
    ) {
        match self.rules.select(path) {
            Some(sel) => {
                if let Err(messages) = sel
                    .set
                    .apply(|r| r.match_json(expected, actual, sel.cascaded))
                {
                    for m in messages {
                        out.push(body_mismatch(path, expected, actual, m));
                    }
                }
            }
            None => {
                if !json_equal(expected, actual) {
                    out.push(body_mismatch(
                        path,
                        expected,
                        actual,
                        equality_message(expected, actual),
                    ));
                }
            }
        }
    }

    /// Value-level checks of a container (type, size, notEmpty...). Structural rules and
    /// equality are left to the element-wise comparison.
    fn container_checks(
        &self,
        selected: Option<Selected>,
        path: &[Seg],
        expected: &Value,
        actual: &Value,
        out: &mut Vec<Mismatch>,
    ) {
        if let Some(sel) = selected {
            let result = sel.set.apply(|r| match r {
                Rule::Equality
                | Rule::Values
                | Rule::EachKey(..)
                | Rule::EachValue(..)
                | Rule::ArrayContains(_) => Ok(()),
                other => other.match_json(expected, actual, sel.cascaded),
            });
            if let Err(messages) = result {
                for m in messages {
                    out.push(body_mismatch(path, expected, actual, m));
                }
            }
        }
    }

    fn compare_maps<'v>(
        &self,
        path: &mut Vec<Seg<'v>>,
        expected_value: &'v Value,
        expected: &'v Map<String, Value>,
        actual_value: &'v Value,
        actual: &'v Map<String, Value>,
        out: &mut Vec<Mismatch>,
    ) {
        let selected = self.rules.select(path);
        let direct = selected.filter(|s| !s.cascaded).map(|s| s.set);
        let values_like = direct.is_some_and(|s| {
            s.has(|r| matches!(r, Rule::Values | Rule::EachKey(..) | Rule::EachValue(..)))
        });
        if expected.is_empty() && !self.allow_unexpected_keys && !actual.is_empty() && !values_like
        {
            out.push(body_mismatch(
                path,
                expected_value,
                actual_value,
                format!(
                    "Expected an empty Map but received {}",
                    json_text(actual_value)
                ),
            ));
            return;
        }
        self.container_checks(selected, path, expected_value, actual_value, out);
        if let Some(set) = direct.filter(|_| values_like) {
            let example = expected.values().next();
            for rule in &set.rules {
                if let Rule::EachKey(inner) = rule {
                    for key in actual.keys() {
                        if let Err(messages) = inner.apply(|r| r.match_str("", key, false)) {
                            path.push(Seg::Field(key));
                            for m in messages {
                                out.push(Mismatch::Body {
                                    path: render(path),
                                    expected: Some(String::new()),
                                    actual: Some(key.clone()),
                                    mismatch: m,
                                });
                            }
                            path.pop();
                        }
                    }
                }
            }
            let each_value = set.rules.iter().find_map(|r| match r {
                Rule::EachValue(inner) => Some(inner),
                _ => None,
            });
            // `eachKey` alone constrains the keys only: the values are not compared with the
            // example (as the reference); `values` or `eachValue` are what constrain them.
            if each_value.is_none() && !set.has(|r| matches!(r, Rule::Values)) {
                return;
            }
            for (key, value) in actual {
                path.push(Seg::Field(key));
                let expected_item = expected.get(key).or(example);
                if let Some(inner) = each_value {
                    let e = expected_item.unwrap_or(value);
                    if let Err(messages) = inner.apply(|r| r.match_json(e, value, false)) {
                        for m in messages {
                            out.push(body_mismatch(path, e, value, m));
                        }
                    }
                }
                if let Some(e) = expected_item {
                    if each_value.is_none() || e.is_object() || e.is_array() {
                        self.compare(path, e, value, out);
                    }
                }
                path.pop();
            }
            return;
        }
        self.check_keys(path, expected_value, expected, actual, out);
        for (key, e) in expected {
            if let Some(a) = actual.get(key) {
                path.push(Seg::Field(key));
                self.compare(path, e, a, out);
                path.pop();
            }
        }
    }

    fn check_keys(
        &self,
        path: &[Seg],
        expected_value: &Value,
        expected: &Map<String, Value>,
        actual: &Map<String, Value>,
        out: &mut Vec<Mismatch>,
    ) {
        if self.allow_unexpected_keys {
            let missing: Vec<&str> = expected
                .keys()
                .filter(|k| !actual.contains_key(*k))
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                out.push(body_mismatch(
                    path,
                    expected_value,
                    &Value::Object(actual.clone()),
                    format!(
                        "Actual map is missing the following keys: {}",
                        missing.join(", ")
                    ),
                ));
            }
        } else if expected.len() != actual.len() || !expected.keys().all(|k| actual.contains_key(k))
        {
            let mut e: Vec<&str> = expected.keys().map(String::as_str).collect();
            let mut a: Vec<&str> = actual.keys().map(String::as_str).collect();
            e.sort_unstable();
            a.sort_unstable();
            out.push(body_mismatch(
                path,
                expected_value,
                &Value::Object(actual.clone()),
                format!(
                    "Expected a Map with keys [{}] but received one with keys [{}]",
                    e.join(", "),
                    a.join(", ")
                ),
            ));
        }
    }

    fn compare_lists<'v>(
        &self,
        path: &mut Vec<Seg<'v>>,
        expected_value: &'v Value,
        expected: &'v [Value],
        actual: &'v [Value],
        actual_value: &'v Value,
        out: &mut Vec<Mismatch>,
    ) {
        let selected = self.rules.select(path);
        let Some(sel) = selected else {
            self.compare_list_content(path, expected_value, expected, actual, actual_value, out);
            return;
        };
        let set = sel.set;
        let cascaded = sel.cascaded;
        self.container_checks(Some(sel), path, expected_value, actual_value, out);

        if !cascaded {
            let variants = set.rules.iter().find_map(|r| match r {
                Rule::ArrayContains(v) => Some(v),
                _ => None,
            });
            if let Some(variants) = variants {
                for variant in variants {
                    let Some(example) = expected.get(variant.index) else {
                        out.push(body_mismatch(
                            path,
                            expected_value,
                            actual_value,
                            format!(
                                "arrayContains variant {} refers to expected element {} which does not exist",
                                variant.index, variant.index
                            ),
                        ));
                        continue;
                    };
                    let sub = JsonMatcher {
                        rules: &variant.rules,
                        allow_unexpected_keys: self.allow_unexpected_keys,
                    };
                    let found = actual.iter().any(|item| {
                        let mut scratch = Vec::new();
                        sub.compare(&mut vec![Seg::Root], example, item, &mut scratch);
                        scratch.is_empty()
                    });
                    if !found {
                        out.push(body_mismatch(
                            path,
                            expected_value,
                            actual_value,
                            format!(
                                "Variant at index {} ({}) was not found in the actual list",
                                variant.index,
                                json_text(example)
                            ),
                        ));
                    }
                }
                return;
            }
            let each_value = set.rules.iter().find_map(|r| match r {
                Rule::EachValue(inner) => Some(inner),
                _ => None,
            });
            if let Some(inner) = each_value {
                for (i, item) in actual.iter().enumerate() {
                    path.push(Seg::Index(i));
                    let e = expected.get(i).or(expected.first()).unwrap_or(item);
                    if let Err(messages) = inner.apply(|r| r.match_json(e, item, false)) {
                        for m in messages {
                            out.push(body_mismatch(path, e, item, m));
                        }
                    }
                    if e.is_object() || e.is_array() {
                        self.compare(path, e, item, out);
                    }
                    path.pop();
                }
                return;
            }
        }

        let equality_only = set.rules.iter().all(|r| matches!(r, Rule::Equality));
        if equality_only {
            self.compare_list_content(path, expected_value, expected, actual, actual_value, out);
            return;
        }
        // Every actual element is checked against the example at its index, or the first
        // example: `eachLike` gives one example for a list of any length.
        if let Some(first) = expected.first() {
            for (i, item) in actual.iter().enumerate() {
                path.push(Seg::Index(i));
                self.compare(path, expected.get(i).unwrap_or(first), item, out);
                path.pop();
            }
        }
    }

    fn compare_list_content<'v>(
        &self,
        path: &mut Vec<Seg<'v>>,
        expected_value: &'v Value,
        expected: &'v [Value],
        actual: &'v [Value],
        actual_value: &'v Value,
        out: &mut Vec<Mismatch>,
    ) {
        if expected.is_empty() && !actual.is_empty() {
            out.push(body_mismatch(
                path,
                expected_value,
                actual_value,
                format!(
                    "Expected an empty List but received {}",
                    json_text(actual_value)
                ),
            ));
            return;
        }
        for (i, e) in expected.iter().enumerate() {
            path.push(Seg::Index(i));
            if let Some(a) = actual.get(i) {
                self.compare(path, e, a, out);
            } else if !self.rules.defined(path) {
                path.pop();
                out.push(body_mismatch(
                    path,
                    expected_value,
                    actual_value,
                    format!("Expected {} ({i}) but was missing", json_text(e)),
                ));
                continue;
            }
            path.pop();
        }
        if expected.len() != actual.len() {
            out.push(body_mismatch(
                path,
                expected_value,
                actual_value,
                format!(
                    "Expected a List with {} elements but received {} elements",
                    expected.len(),
                    actual.len()
                ),
            ));
        }
    }
}
