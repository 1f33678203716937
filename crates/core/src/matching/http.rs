//! The HTTP parts besides bodies: method, path, query parameters (multiple values, order of
//! values), headers (case-insensitive names, comma-separated values, media-type parameters),
//! and status.

use super::mismatch::Mismatch;
use super::path::Seg;
use super::rules::{Category, RuleSet};
use crate::model::{ContentType, Headers, Query, RuleLogic, StatusClass};

fn combine(
    set: &RuleSet,
    mut check: impl FnMut(&super::rules::Rule) -> Result<(), Vec<String>>,
) -> Vec<String> {
    let mut errors = Vec::new();
    for rule in &set.rules {
        match check(rule) {
            Ok(()) if set.logic == RuleLogic::Or => return Vec::new(),
            Ok(()) => {}
            Err(e) => errors.extend(e),
        }
    }
    errors
}

/// Compares the values of one query parameter, form field or header: a rule at `$.name`
/// applies to the whole list, a rule at `$.name[i]` to one value, else values compare equal
/// index by index.
pub(crate) fn compare_value_lists(
    rules: &Category,
    key: &str,
    expected: &[&str],
    actual: &[&str],
    value_message: &dyn Fn(usize, &str, &str) -> String,
    count_message: &dyn Fn(usize, usize) -> String,
) -> Vec<String> {
    let name_path = [Seg::Root, Seg::Field(key)];
    if let Some(set) = rules.direct(&name_path) {
        return combine(set, |r| r.match_str_list(expected, actual));
    }
    let mut out = Vec::new();
    for (i, a) in actual.iter().enumerate() {
        let index_path = [Seg::Root, Seg::Field(key), Seg::Index(i)];
        let e = expected.get(i).copied();
        if let Some(set) = rules.direct(&index_path) {
            out.extend(combine(set, |r| {
                r.match_str(e.unwrap_or(""), a, false).map_err(|m| vec![m])
            }));
        } else if let Some(e) = e {
            if e != *a {
                out.push(value_message(i, e, a));
            }
        }
    }
    if expected.len() != actual.len() {
        out.push(count_message(expected.len(), actual.len()));
    }
    out
}

fn values_of(values: &[Option<String>]) -> Vec<&str> {
    values.iter().map(|v| v.as_deref().unwrap_or("")).collect()
}

pub(crate) fn match_query(
    expected: Option<&Query>,
    actual: Option<&Query>,
    rules: &Category,
    ordered: bool,
    out: &mut Vec<Mismatch>,
) {
    let empty = Query::new();
    let expected = expected.unwrap_or(&empty);
    let actual = actual.unwrap_or(&empty);
    // V1 compares query strings as written, so the order of parameters counts.
    if ordered {
        let e: Vec<&String> = expected.keys().collect();
        let a: Vec<&String> = actual.keys().collect();
        let mut es = e.clone();
        let mut as_ = a.clone();
        es.sort();
        as_.sort();
        if e != a && es == as_ {
            out.push(Mismatch::Query {
                parameter: String::new(),
                expected: format!("{e:?}"),
                actual: format!("{a:?}"),
                mismatch: format!(
                    "Expected query parameters in the order {e:?} (V1 compares query strings as written) but received {a:?}"
                ),
            });
        }
    }
    for (key, evs) in expected {
        let ev = values_of(evs);
        let Some(avs) = actual.get(key) else {
            out.push(Mismatch::Query {
                parameter: key.clone(),
                expected: format!("{ev:?}"),
                actual: String::new(),
                mismatch: format!("Expected query parameter '{key}' but was missing"),
            });
            continue;
        };
        let av = values_of(avs);
        if ev.is_empty() && !av.is_empty() {
            out.push(Mismatch::Query {
                parameter: key.clone(),
                expected: String::new(),
                actual: format!("{av:?}"),
                mismatch: format!(
                    "Expected an empty parameter list for '{key}' but received {av:?}"
                ),
            });
            continue;
        }
        let messages = compare_value_lists(
            rules,
            key,
            &ev,
            &av,
            &|_, e, a| format!("Expected query parameter '{key}' with value '{e}' but was '{a}'"),
            &|n, m| {
                format!(
                    "Expected query parameter '{key}' with {n} value(s) but received {m} value(s)"
                )
            },
        );
        for m in messages {
            out.push(Mismatch::Query {
                parameter: key.clone(),
                expected: format!("{ev:?}"),
                actual: format!("{av:?}"),
                mismatch: m,
            });
        }
    }
    for (key, avs) in actual {
        if !expected.contains_key(key) {
            out.push(Mismatch::Query {
                parameter: key.clone(),
                expected: String::new(),
                actual: format!("{:?}", values_of(avs)),
                mismatch: format!("Unexpected query parameter '{key}' received"),
            });
        }
    }
}

/// Headers whose single values contain commas (dates, cookies), so they are never split.
const SINGLE_VALUE_HEADERS: [&str; 9] = [
    "date",
    "expires",
    "last-modified",
    "if-modified-since",
    "if-unmodified-since",
    "set-cookie",
    "cookie",
    "retry-after",
    "user-agent",
];

fn split_values<'a>(name: &str, values: &'a [String]) -> Vec<&'a str> {
    if SINGLE_VALUE_HEADERS.contains(&name) {
        return values.iter().map(|v| v.trim()).collect();
    }
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect()
}

/// Media types compare by essence and parameters (values case-insensitive); the actual may
/// carry extra parameters.
fn media_type_matches(expected: &str, actual: &str) -> bool {
    // The usual case (the client sends what the pact says) needs no parsing.
    if expected == actual {
        return true;
    }
    match (ContentType::parse(expected), ContentType::parse(actual)) {
        (Some(e), Some(a)) => {
            e.essence() == a.essence()
                && e.params.iter().all(|(k, v)| {
                    a.params
                        .iter()
                        .any(|(ak, av)| ak == k && av.eq_ignore_ascii_case(v))
                })
        }
        _ => expected == actual,
    }
}

pub(crate) fn match_headers(
    expected: Option<&Headers>,
    actual: Option<&Headers>,
    rules: &Category,
    out: &mut Vec<Mismatch>,
) {
    let Some(expected) = expected else { return };
    for (key, evs) in expected {
        let lower = key.to_ascii_lowercase();
        let found = actual.and_then(|h| h.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)));
        let Some((_, avs)) = found else {
            out.push(Mismatch::Header {
                key: key.clone(),
                expected: evs.join(", "),
                actual: String::new(),
                mismatch: format!("Expected a header '{key}' but was missing"),
            });
            continue;
        };
        let joined_e = evs.join(", ");
        let joined_a = avs.join(", ");
        let name_path = [Seg::Root, Seg::Field(&lower)];
        if let Some(set) = rules.direct(&name_path) {
            // A rule on the header applies to each of its values (repeated header lines, or
            // comma-separated values in one line); a regex written for the whole value, commas
            // included, still matches that.
            let check =
                |e: &str, a: &str| combine(set, |r| r.match_str(e, a, false).map_err(|m| vec![m]));
            let whole = check(&joined_e, &joined_a);
            if whole.is_empty() {
                continue;
            }
            let av = split_values(&lower, avs);
            if av.len() < 2 {
                for m in whole {
                    out.push(Mismatch::Header {
                        key: key.clone(),
                        expected: joined_e.clone(),
                        actual: joined_a.clone(),
                        mismatch: format!("Mismatch with header '{key}': {m}"),
                    });
                }
                continue;
            }
            let ev = split_values(&lower, evs);
            for (i, a) in av.iter().enumerate() {
                let e = ev.get(i).or(ev.first()).copied().unwrap_or("");
                for m in check(e, a) {
                    out.push(Mismatch::Header {
                        key: key.clone(),
                        expected: joined_e.clone(),
                        actual: a.to_string(),
                        mismatch: format!(
                            "Mismatch with header '{key}': {m} for value at index {i}"
                        ),
                    });
                }
            }
            continue;
        }
        let mut push = |mismatch: String| {
            out.push(Mismatch::Header {
                key: key.clone(),
                expected: joined_e.clone(),
                actual: joined_a.clone(),
                mismatch,
            })
        };
        let parameterised = lower == "content-type" || lower == "accept";
        if parameterised && evs.len() == 1 && avs.len() == 1 && lower == "content-type" {
            if !media_type_matches(evs[0].trim(), avs[0].trim()) {
                push(format!(
                    "Expected header '{key}' to have value '{}' but was '{}'",
                    evs[0], avs[0]
                ));
            }
            continue;
        }
        let ev = split_values(&lower, evs);
        let av = split_values(&lower, avs);
        if ev.len() == 1 && ev[0].is_empty() && !joined_a.trim().is_empty() {
            push(format!(
                "Expected an empty header '{key}' but actual value was '{joined_a}'"
            ));
            continue;
        }
        let multi = ev.len() > 1 || av.len() > 1;
        for (i, e) in ev.iter().enumerate() {
            let index_path = [Seg::Root, Seg::Field(&lower), Seg::Index(i)];
            match av.get(i) {
                Some(a) => {
                    let result = match rules.direct(&index_path) {
                        Some(set) => combine(set, |r| r.match_str(e, a, false).map_err(|m| vec![m])),
                        None if parameterised && media_type_matches(e, a) => Vec::new(),
                        None if e == a => Vec::new(),
                        None => vec![format!("Expected '{a}' to be equal to '{e}'")],
                    };
                    for m in result {
                        if multi {
                            push(format!(
                                "Mismatch with header '{key}': {m} for value at index {i}"
                            ));
                        } else {
                            push(format!("Mismatch with header '{key}': {m}"));
                        }
                    }
                }
                None => push(format!(
                    "Mismatch with header '{key}': Expected value '{e}' at index {i} but was missing (actual has {} value(s))",
                    av.len()
                )),
            }
        }
        for (i, a) in av.iter().enumerate().skip(ev.len()) {
            push(format!(
                "Mismatch with header '{key}': Unexpected value '{a}' at index {i} (expected has {} value(s))",
                ev.len()
            ));
        }
    }
}

pub(crate) fn match_status(expected: u16, actual: u16, rules: &Category, out: &mut Vec<Mismatch>) {
    let messages = match rules.select(&[Seg::Root]) {
        Some(sel) => combine(sel.set, |r| match r {
            super::rules::Rule::StatusCode(class) => check_class(class, actual),
            other => other
                .match_str(&expected.to_string(), &actual.to_string(), false)
                .map_err(|m| vec![m]),
        }),
        None if expected != actual => vec![format!("expected {expected} but was {actual}")],
        None => Vec::new(),
    };
    for mismatch in messages {
        out.push(Mismatch::Status {
            expected,
            actual,
            mismatch,
        });
    }
}

fn check_class(class: &StatusClass, actual: u16) -> Result<(), Vec<String>> {
    if class.contains(actual) {
        Ok(())
    } else {
        Err(vec![format!(
            "Expected status code {actual} to be {}",
            class.describe()
        )])
    }
}
