//! Behaviour of the matching engine as a user of the mock server sees it: which requests
//! match, and the path and message of each mismatch.

use super::*;
use crate::error::ErrorCode;
use crate::model::file::parse_query_string;
use crate::model::{Headers, MatchingRule, MatchingRules, RuleList};
use serde_json::json;

fn headers(pairs: &[(&str, &str)]) -> Option<Headers> {
    Some(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
            .collect(),
    )
}

fn json_request(body: Value, rules: Value) -> Request {
    let mut r = Request::new("POST", "/items");
    r.headers = headers(&[("Content-Type", "application/json")]);
    r.body = Body::from_json(&body);
    r.matching_rules = MatchingRules::from_json(&json!({ "body": rules })).unwrap();
    r
}

fn json_actual(body: Value) -> Request {
    json_request(body, json!({}))
}

/// Mismatches of a JSON request body under V4 rules.
fn check(expected: Value, rules: Value, actual: Value) -> Vec<Mismatch> {
    check_spec(expected, rules, actual, SpecVersion::V4)
}

fn check_spec(expected: Value, rules: Value, actual: Value, spec: SpecVersion) -> Vec<Mismatch> {
    match_request(&json_request(expected, rules), &json_actual(actual), spec).unwrap()
}

fn only(mismatches: &[Mismatch]) -> (&str, &str) {
    assert_eq!(
        mismatches.len(),
        1,
        "expected one mismatch, got {mismatches:#?}"
    );
    match &mismatches[0] {
        Mismatch::Body { path, mismatch, .. } => (path.as_str(), mismatch.as_str()),
        other => ("", other.message()),
    }
}

fn rule(m: Value) -> Value {
    json!({ "matchers": [m] })
}

// ------------------------------------------------------------------ method, path, query

#[test]
fn method_is_case_insensitive_and_reported() {
    let expected = Request::new("get", "/");
    assert!(
        match_request(&expected, &Request::new("GET", "/"), SpecVersion::V3)
            .unwrap()
            .is_empty()
    );
    let m = match_request(&expected, &Request::new("POST", "/"), SpecVersion::V3).unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].type_name(), "MethodMismatch");
    assert_eq!(m[0].description(), "expected GET but was POST");
    assert!(is_request_not_found(&m));
}

#[test]
fn path_equality_and_regex_rule() {
    let expected = Request::new("GET", "/users/1");
    let m = match_request(&expected, &Request::new("GET", "/users/2"), SpecVersion::V3).unwrap();
    assert_eq!(
        m[0].message(),
        "Expected '/users/2' to be equal to '/users/1'"
    );
    assert!(is_request_not_found(&m));
    // Percent-encoding alone does not make paths differ.
    let spaced = Request::new("GET", "/a b");
    assert!(
        match_request(&spaced, &Request::new("GET", "/a%20b"), SpecVersion::V3)
            .unwrap()
            .is_empty()
    );

    let mut with_rule = expected.clone();
    with_rule.matching_rules = MatchingRules::from_json(
        &json!({"path": {"matchers": [{"match": "regex", "regex": "/users/\\d+"}]}}),
    )
    .unwrap();
    let matcher = RequestMatcher::new(&with_rule, SpecVersion::V3).unwrap();
    assert!(matcher.matches(&Request::new("GET", "/users/42")));
    let m = matcher.mismatches(&Request::new("GET", "/users/abc"));
    assert_eq!(
        m[0].message(),
        "Expected '/users/abc' to match '/users/\\d+'"
    );
    // The regex must match the whole path, not a part of it.
    assert!(!matcher.matches(&Request::new("GET", "/x/users/42/y")));
}

fn with_query(q: &str) -> Request {
    let mut r = Request::new("GET", "/");
    r.query = Some(parse_query_string(q));
    r
}

#[test]
fn query_missing_unexpected_and_values() {
    let expected = with_query("a=1&b=2");
    let m = match_request(&expected, &with_query("a=1"), SpecVersion::V3).unwrap();
    assert_eq!(m[0].type_name(), "QueryMismatch");
    assert_eq!(
        m[0].message(),
        "Expected query parameter 'b' but was missing"
    );
    assert!(!is_request_not_found(&m));

    let m = match_request(&expected, &with_query("b=2&a=1&c=3"), SpecVersion::V3).unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].message(), "Unexpected query parameter 'c' received");

    let m = match_request(&expected, &with_query("a=1&b=3"), SpecVersion::V3).unwrap();
    assert_eq!(
        m[0].message(),
        "Expected query parameter 'b' with value '2' but was '3'"
    );
}

#[test]
fn query_value_order_count_and_decoding() {
    let expected = with_query("animal=cat&animal=dog");
    assert!(match_request(
        &expected,
        &with_query("animal=cat&animal=dog"),
        SpecVersion::V3
    )
    .unwrap()
    .is_empty());
    let m = match_request(
        &expected,
        &with_query("animal=dog&animal=cat"),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(m.len(), 2, "{m:#?}");
    let m = match_request(&expected, &with_query("animal=cat"), SpecVersion::V3).unwrap();
    assert_eq!(
        m[0].message(),
        "Expected query parameter 'animal' with 2 value(s) but received 1 value(s)"
    );
    // Percent-encoded and plus-encoded values decode before comparing.
    let expected = with_query("q=a b&r=x/y");
    assert!(
        match_request(&expected, &with_query("q=a%20b&r=x%2Fy"), SpecVersion::V3)
            .unwrap()
            .is_empty()
    );
    assert!(
        match_request(&expected, &with_query("q=a+b&r=x%2fy"), SpecVersion::V3)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn query_rules_on_the_list_and_on_one_value() {
    let mut expected = with_query("id=1&id=2");
    expected.matching_rules = MatchingRules::from_json(&json!({"query": {
        "id": {"matchers": [{"match": "regex", "regex": "\\d+"}]}
    }}))
    .unwrap();
    let matcher = RequestMatcher::new(&expected, SpecVersion::V3).unwrap();
    assert!(matcher.matches(&with_query("id=10&id=20&id=30")));
    let m = matcher.mismatches(&with_query("id=10&id=x"));
    assert_eq!(m[0].message(), "Expected 'x' to match '\\d+'");

    let mut expected = with_query("id=1");
    expected.matching_rules = MatchingRules::from_json(&json!({"query": {
        "id": {"matchers": [{"match": "type", "min": 2}]}
    }}))
    .unwrap();
    let m = match_request(&expected, &with_query("id=5"), SpecVersion::V3).unwrap();
    assert_eq!(
        m[0].message(),
        "Expected [\"5\"] (size 1) to have minimum size of 2"
    );
}

#[test]
fn query_and_header_rules_keyed_by_value_index() {
    // The DSL writes a matcher on a later value as `name[i]`.
    let mut expected = with_query("id=1&id=abc");
    expected.headers = headers(&[("X-Tag", "a, 7")]);
    expected.matching_rules = MatchingRules::from_json(&json!({
        "query": {"id[1]": {"matchers": [{"match": "regex", "regex": "[a-z]+"}]}},
        "header": {"X-Tag[1]": {"matchers": [{"match": "regex", "regex": "\\d+"}]}}
    }))
    .unwrap();
    let matcher = RequestMatcher::new(&expected, SpecVersion::V3).unwrap();
    let mut actual = with_query("id=1&id=xyz");
    actual.headers = headers(&[("x-tag", "a, 42")]);
    assert!(
        matcher.matches(&actual),
        "{:?}",
        matcher.mismatches(&actual)
    );
    actual.query = Some(parse_query_string("id=1&id=XYZ"));
    let m = matcher.mismatches(&actual);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].message().contains("to match '[a-z]+'"),
        "{}",
        m[0].message()
    );
}

// ------------------------------------------------------------------ headers

fn with_headers(pairs: &[(&str, &str)]) -> Request {
    let mut r = Request::new("GET", "/");
    r.headers = headers(pairs);
    r
}

#[test]
fn headers_names_case_insensitive_and_extra_allowed() {
    let expected = with_headers(&[("X-Test", "a")]);
    assert!(match_request(
        &expected,
        &with_headers(&[("x-test", "a"), ("Other", "z")]),
        SpecVersion::V3
    )
    .unwrap()
    .is_empty());
    let m = match_request(&expected, &with_headers(&[("Other", "z")]), SpecVersion::V3).unwrap();
    assert_eq!(m[0].type_name(), "HeaderMismatch");
    assert_eq!(m[0].message(), "Expected a header 'X-Test' but was missing");
    let m = match_request(
        &expected,
        &with_headers(&[("X-TEST", "b")]),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(
        m[0].message(),
        "Mismatch with header 'X-Test': Expected 'b' to be equal to 'a'"
    );
}

#[test]
fn header_comma_values_and_media_type_parameters() {
    let expected = with_headers(&[("Accept", "a,b")]);
    assert!(match_request(
        &expected,
        &with_headers(&[("Accept", "a, b")]),
        SpecVersion::V3
    )
    .unwrap()
    .is_empty());
    let m = match_request(
        &expected,
        &with_headers(&[("Accept", "b, a")]),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(
        m[0].message(),
        "Mismatch with header 'Accept': Expected 'b' to be equal to 'a' for value at index 0"
    );

    let expected = with_headers(&[("Content-Type", "application/json;charset=utf-8")]);
    let ok = with_headers(&[("content-type", "application/json; charset=UTF-8; x=y")]);
    let bad = with_headers(&[("content-type", "application/json; charset=UTF-16")]);
    assert!(match_request(&expected, &ok, SpecVersion::V3)
        .unwrap()
        .is_empty());
    let m = match_request(&expected, &bad, SpecVersion::V3).unwrap();
    assert_eq!(
        m[0].message(),
        "Expected header 'Content-Type' to have value 'application/json;charset=utf-8' but was 'application/json; charset=UTF-16'"
    );
}

#[test]
fn header_rule_keys_are_case_insensitive() {
    let mut expected = with_headers(&[("X-Id", "123")]);
    expected.matching_rules =
        MatchingRules::from_json(&json!({"header": {"x-id": rule(json!({"match": "integer"}))}}))
            .unwrap();
    let matcher = RequestMatcher::new(&expected, SpecVersion::V3).unwrap();
    assert!(matcher.matches(&with_headers(&[("X-ID", "999")])));
    let m = matcher.mismatches(&with_headers(&[("X-ID", "abc")]));
    assert_eq!(
        m[0].message(),
        "Mismatch with header 'X-Id': Expected 'abc' to match an integer number"
    );
}

// ------------------------------------------------------------------ JSON bodies

#[test]
fn json_equality_message_path_and_fields() {
    let m = check(
        json!({"foo": "bar"}),
        json!({}),
        json!({"foo": "no-very-bar"}),
    );
    assert_eq!(
        m[0].to_json(),
        json!({"type": "BodyMismatch", "path": "$.foo", "expected": "\"bar\"", "actual": "\"no-very-bar\"",
               "mismatch": "Expected 'no-very-bar' (String) to be equal to 'bar' (String)"})
    );
    let m = check(json!({"n": 100}), json!({}), json!({"n": 200}));
    assert_eq!(
        only(&m).1,
        "Expected 200 (Integer) to be equal to 100 (Integer)"
    );
}

#[test]
fn request_bodies_refuse_unexpected_keys_responses_allow_them() {
    let m = check(json!({"a": 1}), json!({}), json!({"a": 1, "b": 2}));
    assert_eq!(
        only(&m),
        (
            "$",
            "Expected a Map with keys [a] but received one with keys [a, b]"
        )
    );
    let expected = Response {
        body: Body::from_json(&json!({"a": 1, "c": 3})),
        headers: headers(&[("Content-Type", "application/json")]),
        ..Response::default()
    };
    let actual = Response {
        body: Body::from_json(&json!({"a": 1, "b": 2})),
        headers: headers(&[("Content-Type", "application/json")]),
        ..Response::default()
    };
    let m = match_response(&expected, &actual, SpecVersion::V3).unwrap();
    assert_eq!(
        only(&m),
        ("$", "Actual map is missing the following keys: c")
    );
}

#[test]
fn json_lists_sizes_and_missing_elements() {
    let m = check(json!([1, 2]), json!({}), json!([1]));
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].message(), "Expected 2 (1) but was missing");
    assert_eq!(
        m[1].message(),
        "Expected a List with 2 elements but received 1 elements"
    );
    let m = check(json!([]), json!({}), json!([1]));
    assert_eq!(only(&m).1, "Expected an empty List but received [1]");
    let m = check(json!({"a": [1]}), json!({}), json!({"a": {}}));
    assert_eq!(
        only(&m),
        (
            "$.a",
            "Type mismatch: Expected {} (Object) to be the same type as [1] (Array)"
        )
    );
}

#[test]
fn type_and_min_max_rules() {
    let each_like = json!({"$.items": rule(json!({"match": "type", "min": 1})), "$.items[*].id": rule(json!({"match": "integer"}))});
    let expected = json!({"items": [{"id": 1, "name": "x"}]});
    assert!(check(
        expected.clone(),
        each_like.clone(),
        json!({"items": [{"id": 2, "name": "y"}, {"id": 3, "name": "z"}]})
    )
    .is_empty());
    let m = check(expected.clone(), each_like.clone(), json!({"items": []}));
    assert_eq!(
        only(&m),
        ("$.items", "Expected [] (size 0) to have minimum size of 1")
    );
    let m = check(
        expected.clone(),
        each_like.clone(),
        json!({"items": [{"id": "1", "name": "y"}]}),
    );
    assert_eq!(
        only(&m),
        ("$.items[0].id", "Expected '1' (String) to be an integer")
    );
    let m = check(
        expected,
        each_like,
        json!({"items": [{"id": 1, "name": 5}]}),
    );
    assert_eq!(
        only(&m),
        (
            "$.items[0].name",
            "Expected 5 (Integer) to be the same type as 'x' (String)"
        )
    );
    let m = check(
        json!({"l": [1]}),
        json!({"$.l": rule(json!({"match": "type", "max": 2}))}),
        json!({"l": [1, 2, 3]}),
    );
    assert_eq!(
        only(&m).1,
        "Expected [1, 2, 3] (size 3) to have maximum size of 2"
    );
}

#[test]
fn most_specific_rule_wins_and_equality_resets_cascade() {
    let rules = json!({
        "$.a": rule(json!({"match": "type"})),
        "$.a.b": rule(json!({"match": "equality"})),
        "$['key with space']": rule(json!({"match": "regex", "regex": "x+"})),
        "$.list[1]": rule(json!({"match": "regex", "regex": "\\d+"})),
    });
    let expected =
        json!({"a": {"b": "fixed", "c": "any"}, "key with space": "x", "list": ["keep", "1"]});
    assert!(check(
        expected.clone(),
        rules.clone(),
        json!({"a": {"b": "fixed", "c": "other"}, "key with space": "xxx", "list": ["keep", "77"]})
    )
    .is_empty());
    let m = check(
        expected.clone(),
        rules.clone(),
        json!({"a": {"b": "changed", "c": "other"}, "key with space": "xxx", "list": ["keep", "1"]}),
    );
    assert_eq!(
        only(&m),
        (
            "$.a.b",
            "Expected 'changed' (String) to be equal to 'fixed' (String)"
        )
    );
    let m = check(
        expected.clone(),
        rules.clone(),
        json!({"a": {"b": "fixed", "c": "o"}, "key with space": "y", "list": ["keep", "1"]}),
    );
    assert_eq!(
        only(&m),
        ("$['key with space']", "Expected 'y' to match 'x+'")
    );
    let m = check(
        expected,
        rules,
        json!({"a": {"b": "fixed", "c": "o"}, "key with space": "x", "list": ["changed", "z"]}),
    );
    assert_eq!(m.len(), 2, "{m:#?}");
    assert_eq!(
        m[0].message(),
        "Expected 'changed' (String) to be equal to 'keep' (String)"
    );
    assert_eq!(m[1].message(), "Expected 'z' to match '\\d+'");
}

#[test]
fn wildcard_field_rule() {
    let rules = json!({"$.m.*": rule(json!({"match": "type"}))});
    assert!(check(
        json!({"m": {"a": 1, "b": "s"}}),
        rules.clone(),
        json!({"m": {"a": 2, "b": "t"}})
    )
    .is_empty());
    let m = check(json!({"m": {"a": 1}}), rules, json!({"m": {"a": "2"}}));
    assert_eq!(only(&m).0, "$.m.a");
}

#[test]
fn v3_value_matchers() {
    let cases: Vec<(Value, Value, Value, Option<&str>)> = vec![
        (
            json!({"match": "include", "value": "ell"}),
            json!("hello"),
            json!("yellow"),
            None,
        ),
        (
            json!({"match": "include", "value": "ell"}),
            json!("hello"),
            json!("hola"),
            Some("Expected 'hola' to include 'ell'"),
        ),
        (json!({"match": "integer"}), json!(1), json!(-7), None),
        (
            json!({"match": "integer"}),
            json!(1),
            json!(1.5),
            Some("Expected 1.5 (Decimal) to be an integer"),
        ),
        (json!({"match": "decimal"}), json!(1.5), json!(2.25), None),
        (
            json!({"match": "decimal"}),
            json!(1.5),
            json!(2),
            Some("Expected 2 (Integer) to be a decimal number"),
        ),
        (json!({"match": "number"}), json!(1), json!(2.5), None),
        (
            json!({"match": "number"}),
            json!(1),
            json!("2"),
            Some("Expected '2' (String) to be a number"),
        ),
        (json!({"match": "null"}), json!(null), json!(null), None),
        (
            json!({"match": "null"}),
            json!(null),
            json!(0),
            Some("Expected 0 (Integer) to be a null value"),
        ),
        (json!({"match": "boolean"}), json!(true), json!(false), None),
        (
            json!({"match": "boolean"}),
            json!(true),
            json!("yes"),
            Some("Expected 'yes' (String) to match a boolean"),
        ),
        (
            json!({"match": "date", "format": "yyyy-MM-dd"}),
            json!("2020-01-01"),
            json!("2024-02-29"),
            None,
        ),
        (
            json!({"match": "date", "format": "yyyy-MM-dd"}),
            json!("2020-01-01"),
            json!("29/02/2024"),
            None,
        ),
        (
            json!({"match": "time", "format": "HH:mm"}),
            json!("10:00"),
            json!("23:59"),
            None,
        ),
        (
            json!({"match": "datetime", "format": "yyyy-MM-dd'T'HH:mm:ss"}),
            json!("2020-01-01T00:00:00"),
            json!("2024-02-29T12:30:00"),
            None,
        ),
        (
            json!({"match": "timestamp"}),
            json!("2020-01-01T00:00:00Z"),
            json!("2024-02-29T12:30:00+01:00"),
            None,
        ),
        (
            json!({"match": "regex", "regex": "\\d{3}"}),
            json!("123"),
            json!("1234"),
            Some("Expected '1234' to match '\\d{3}'"),
        ),
    ];
    for (matcher, example, actual, message) in cases {
        let m = check(
            json!({"v": example}),
            json!({"$.v": rule(matcher.clone())}),
            json!({"v": actual}),
        );
        match message {
            None if matcher["format"] == json!("yyyy-MM-dd") && actual == json!("29/02/2024") => {
                assert!(
                    only(&m).1.starts_with(
                        "Expected '29/02/2024' to match a date pattern of 'yyyy-MM-dd'"
                    ),
                    "{m:?}"
                )
            }
            None => assert!(m.is_empty(), "{matcher} with {actual}: {m:#?}"),
            Some(msg) => assert_eq!(only(&m), ("$.v", msg), "{matcher} with {actual}"),
        }
    }
}

#[test]
fn v4_matchers() {
    let not_empty = json!({"$.v": rule(json!({"match": "notEmpty"}))});
    assert!(check(json!({"v": "x"}), not_empty.clone(), json!({"v": "y"})).is_empty());
    assert_eq!(
        only(&check(json!({"v": "x"}), not_empty, json!({"v": ""}))).1,
        "Expected '' (String) to not be empty"
    );
    let semver = json!({"$.v": rule(json!({"match": "semver"}))});
    assert!(check(
        json!({"v": "1.0.0"}),
        semver.clone(),
        json!({"v": "2.10.3-beta.1"})
    )
    .is_empty());
    assert!(
        only(&check(json!({"v": "1.0.0"}), semver, json!({"v": "1.0"})))
            .1
            .starts_with("'1.0' is not a valid semantic version - ")
    );

    let each_key = json!({"$.m": rule(json!({"match": "eachKey", "rules": [{"match": "regex", "regex": "[a-z]+"}]}))});
    assert!(check(
        json!({"m": {"a": 1}}),
        each_key.clone(),
        json!({"m": {"a": 1, "b": 1}})
    )
    .is_empty());
    let m = check(
        json!({"m": {"a": 1}}),
        each_key,
        json!({"m": {"a": 1, "B1": 1}}),
    );
    assert_eq!(only(&m), ("$.m.B1", "Expected 'B1' to match '[a-z]+'"));

    let each_value =
        json!({"$.m": rule(json!({"match": "eachValue", "rules": [{"match": "type"}]}))});
    assert!(check(
        json!({"m": {"a": "x"}}),
        each_value.clone(),
        json!({"m": {"p": "y", "q": "z"}})
    )
    .is_empty());
    let m = check(
        json!({"m": {"a": "x"}}),
        each_value,
        json!({"m": {"p": "y", "q": 3}}),
    );
    assert_eq!(
        only(&m),
        (
            "$.m.q",
            "Expected 3 (Integer) to be the same type as 'x' (String)"
        )
    );

    let values = json!({"$.m": rule(json!({"match": "values"}))});
    assert!(check(
        json!({"m": {"a": "x"}}),
        values.clone(),
        json!({"m": {"a": "x", "b": "x"}})
    )
    .is_empty());
    assert_eq!(
        only(&check(
            json!({"m": {"a": "x"}}),
            values,
            json!({"m": {"b": "y"}})
        ))
        .0,
        "$.m.b"
    );
}

#[test]
fn array_contains_variants() {
    let rules = json!({"$.list": rule(json!({"match": "arrayContains", "variants": [
        {"index": 0, "rules": {"$.id": rule(json!({"match": "integer"}))}},
        {"index": 1, "rules": {}}
    ]}))});
    let expected = json!({"list": [{"id": 1, "kind": "a"}, {"kind": "b"}]});
    assert!(check(
        expected.clone(),
        rules.clone(),
        json!({"list": [{"kind": "z"}, {"kind": "b"}, {"id": 99, "kind": "a"}]})
    )
    .is_empty());
    let m = check(expected, rules, json!({"list": [{"id": 1, "kind": "a"}]}));
    assert_eq!(
        only(&m),
        (
            "$.list",
            "Variant at index 1 ({\"kind\":\"b\"}) was not found in the actual list"
        )
    );
}

#[test]
fn and_or_combination() {
    let or = json!({"$.v": {"combine": "OR", "matchers": [{"match": "regex", "regex": "a+"}, {"match": "regex", "regex": "b+"}]}});
    assert!(check(json!({"v": "a"}), or.clone(), json!({"v": "bbb"})).is_empty());
    assert_eq!(check(json!({"v": "a"}), or, json!({"v": "c"})).len(), 2);
    let and = json!({"$.v": {"combine": "AND", "matchers": [{"match": "regex", "regex": "a.*"}, {"match": "include", "value": "z"}]}});
    assert!(check(json!({"v": "az"}), and.clone(), json!({"v": "abz"})).is_empty());
    assert_eq!(
        only(&check(json!({"v": "az"}), and, json!({"v": "ab"}))).1,
        "Expected 'ab' to include 'z'"
    );
}

#[test]
fn spec_version_decides_which_rules_apply() {
    let rules = json!({"$.v": rule(json!({"match": "type"}))});
    assert!(check_spec(
        json!({"v": 1}),
        rules.clone(),
        json!({"v": 2}),
        SpecVersion::V2
    )
    .is_empty());
    assert_eq!(
        check_spec(json!({"v": 1}), rules, json!({"v": 2}), SpecVersion::V1_1).len(),
        1
    );
    let v3_rule = json!({"$.v": rule(json!({"match": "integer"}))});
    assert!(check_spec(
        json!({"v": 1}),
        v3_rule.clone(),
        json!({"v": 2}),
        SpecVersion::V3
    )
    .is_empty());
    // V2 knows no integer matcher: the value must be equal.
    assert_eq!(
        check_spec(json!({"v": 1}), v3_rule, json!({"v": 2}), SpecVersion::V2).len(),
        1
    );
}

#[test]
fn invalid_regex_fails_compilation_naming_regex_and_path() {
    let mut expected = json_request(json!({"v": "x"}), json!({}));
    expected.matching_rules.set(
        "body",
        "$.v",
        RuleList::new(vec![MatchingRule::Regex("(unclosed".into())]),
    );
    let err = RequestMatcher::new(&expected, SpecVersion::V3).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidRegex);
    assert!(err.message.contains("(unclosed"), "{}", err.message);
    assert!(err.message.contains("$.v"), "{}", err.message);
}

// ------------------------------------------------------------------ other bodies

fn typed(method: &str, ct: &str, body: &[u8]) -> Request {
    let mut r = Request::new(method, "/");
    r.headers = headers(&[("Content-Type", ct)]);
    r.body = Body::from_bytes(body.to_vec(), ContentType::parse(ct));
    r
}

#[test]
fn body_presence_is_told_apart() {
    let expected = json_request(json!({"a": 1}), json!({}));
    let mut missing = Request::new("POST", "/items");
    missing.headers = headers(&[("Content-Type", "application/json")]);
    let m = match_request(&expected, &missing, SpecVersion::V3).unwrap();
    assert_eq!(only(&m).1, "Expected body '{\"a\":1}' but was missing");
    let mut empty = missing.clone();
    empty.body = Body::Empty;
    let m = match_request(&expected, &empty, SpecVersion::V3).unwrap();
    assert_eq!(only(&m).1, "Expected body '{\"a\":1}' but was empty");

    let mut expects_empty = missing.clone();
    expects_empty.body = Body::Empty;
    let m = match_request(
        &expects_empty,
        &json_actual(json!({"a": 1})),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(only(&m).1, "Expected empty body but received '{\"a\":1}'");
    // No expected body: anything goes.
    assert!(match_request(
        &Request::new("POST", "/items"),
        &json_actual(json!({"a": 1})),
        SpecVersion::V3
    )
    .unwrap()
    .is_empty());
}

#[test]
fn content_type_mismatch_is_a_body_type_mismatch() {
    let expected = json_request(json!({"a": 1}), json!({}));
    let actual = typed("POST", "text/plain", b"a=1");
    let mut actual = actual;
    actual.path = "/items".into();
    let m = match_request(&expected, &actual, SpecVersion::V3).unwrap();
    let m: Vec<_> = m
        .into_iter()
        .filter(|m| m.type_name() != "HeaderMismatch")
        .collect();
    assert_eq!(m.len(), 1, "{m:#?}");
    assert_eq!(m[0].type_name(), "BodyTypeMismatch");
    assert_eq!(
        m[0].message(),
        "Expected a body of 'application/json' but the actual content type was 'text/plain'"
    );
    // JSON flavours are compatible.
    let vendor = typed("POST", "application/vnd.api+json", b"{\"a\":1}");
    let mut vendor = vendor;
    vendor.path = "/items".into();
    let m = match_request(&expected, &vendor, SpecVersion::V3).unwrap();
    // Only the Content-Type header differs; the bodies match.
    assert!(
        m.iter().all(|m| m.type_name() == "HeaderMismatch"),
        "{m:#?}"
    );
}

#[test]
fn xml_elements_attributes_text_and_rules() {
    let ct = "application/xml";
    let expected = typed(
        "POST",
        ct,
        br#"<root><item id="1">a</item><item id="2">b</item></root>"#,
    );
    let same = typed(
        "POST",
        ct,
        br#"<?xml version="1.0"?><root><item id="1">a</item><item id="2">b</item></root>"#,
    );
    assert!(match_request(&expected, &same, SpecVersion::V3)
        .unwrap()
        .is_empty());

    let m = match_request(
        &expected,
        &typed(
            "POST",
            ct,
            br#"<root><item id="1">a</item><item id="3">c</item></root>"#,
        ),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(m.len(), 2, "{m:#?}");
    assert_eq!(m[0].to_json()["path"], json!("$.root.item.@id"));
    assert_eq!(m[0].message(), "Expected '3' to be equal to '2'");
    assert_eq!(m[1].to_json()["path"], json!("$.root.item.#text"));

    let m = match_request(
        &expected,
        &typed("POST", ct, br#"<root><item id="1">a</item></root>"#),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(only(&m).1, "Expected child <item/> but was missing");
    let m = match_request(
        &expected,
        &typed(
            "POST",
            ct,
            br#"<root><item id="1">a</item><item id="2">b</item><extra/></root>"#,
        ),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(only(&m).1, "Unexpected child <extra/>");

    let mut with_rules = expected.clone();
    with_rules.matching_rules = MatchingRules::from_json(&json!({"body": {
        "$.root": rule(json!({"match": "type", "min": 2})),
        "$.root.item": rule(json!({"match": "type"})),
        "$.root.item['@id']": rule(json!({"match": "integer"})),
        "$.root.item['#text']": rule(json!({"match": "regex", "regex": "[a-z]"}))
    }}))
    .unwrap();
    let matcher = RequestMatcher::new(&with_rules, SpecVersion::V3).unwrap();
    let m = matcher.mismatches(&typed(
        "POST",
        ct,
        br#"<root><item id="7">x</item><item id="8">y</item><item id="9">z</item></root>"#,
    ));
    assert!(m.is_empty(), "{m:#?}");
    let m = matcher.mismatches(&typed(
        "POST",
        ct,
        br#"<root><item id="x">x</item><item id="2">y</item></root>"#,
    ));
    assert_eq!(
        only(&m),
        ("$.root.item.@id", "Expected 'x' to match an integer number")
    );
    // The min rule on the parent counts its child elements.
    let m = matcher.mismatches(&typed("POST", ct, br#"<root><item id="1">x</item></root>"#));
    assert_eq!(
        only(&m),
        (
            "$.root",
            "Expected <root> with 1 child node(s) to have minimum size of 2"
        )
    );
}

#[test]
fn xml_namespaces_compare_by_uri() {
    let ct = "application/xml";
    let expected = typed(
        "POST",
        ct,
        br#"<a:root xmlns:a="urn:x"><a:v>1</a:v></a:root>"#,
    );
    let other_prefix = typed(
        "POST",
        ct,
        br#"<b:root xmlns:b="urn:x"><b:v>1</b:v></b:root>"#,
    );
    assert!(match_request(&expected, &other_prefix, SpecVersion::V3)
        .unwrap()
        .is_empty());
    let other_ns = typed(
        "POST",
        ct,
        br#"<a:root xmlns:a="urn:y"><a:v>1</a:v></a:root>"#,
    );
    assert!(!match_request(&expected, &other_ns, SpecVersion::V3)
        .unwrap()
        .is_empty());
    let broken = typed("POST", ct, b"<root>");
    let m = match_request(&expected, &broken, SpecVersion::V3).unwrap();
    assert!(only(&m).1.starts_with("Failed to parse the actual body"));
}

#[test]
fn plain_text_equality_and_regex() {
    let expected = typed("POST", "text/plain", b"hello");
    assert!(match_request(
        &expected,
        &typed("POST", "text/plain", b"hello"),
        SpecVersion::V3
    )
    .unwrap()
    .is_empty());
    let m = match_request(
        &expected,
        &typed("POST", "text/plain", b"bye"),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(
        only(&m).1,
        "Expected body 'hello' to match 'bye' using equality but did not match"
    );
    let mut with_rule = expected.clone();
    with_rule.matching_rules = MatchingRules::from_json(
        &json!({"body": {"$": rule(json!({"match": "regex", "regex": "h.*o"}))}}),
    )
    .unwrap();
    assert!(match_request(
        &with_rule,
        &typed("POST", "text/plain", b"hippo"),
        SpecVersion::V3
    )
    .unwrap()
    .is_empty());
}

#[test]
fn form_urlencoded_bodies() {
    let ct = "application/x-www-form-urlencoded";
    let expected = typed("POST", ct, b"a=1&b=x+y");
    assert!(match_request(
        &expected,
        &typed("POST", ct, b"b=x%20y&a=1"),
        SpecVersion::V3
    )
    .unwrap()
    .is_empty());
    let m = match_request(&expected, &typed("POST", ct, b"a=1"), SpecVersion::V3).unwrap();
    assert_eq!(
        only(&m),
        ("$.b", "Expected form post parameter 'b' but was missing")
    );
    let m = match_request(
        &expected,
        &typed("POST", ct, b"a=1&b=x+y&c=2"),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(
        only(&m),
        ("$.c", "Unexpected form post parameter 'c' received")
    );
    let mut with_rule = expected.clone();
    with_rule.matching_rules =
        MatchingRules::from_json(&json!({"body": {"$.a": rule(json!({"match": "integer"}))}}))
            .unwrap();
    assert!(match_request(
        &with_rule,
        &typed("POST", ct, b"a=42&b=x+y"),
        SpecVersion::V3
    )
    .unwrap()
    .is_empty());
    let m = match_request(
        &with_rule,
        &typed("POST", ct, b"a=z&b=x+y"),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(only(&m), ("$.a", "Expected 'z' to match an integer number"));
}

const PNG: &[u8] = &[
    0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, b'I', b'H', b'D', b'R',
];

fn multipart(parts: &[(&str, &str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, ct, body) in parts {
        out.extend_from_slice(b"--XyZ\r\n");
        out.extend_from_slice(
            format!(
                "Content-Disposition: form-data; name=\"{name}\"\r\nContent-Type: {ct}\r\n\r\n"
            )
            .as_bytes(),
        );
        out.extend_from_slice(body);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"--XyZ--\r\n");
    out
}

#[test]
fn multipart_parts_by_their_own_content_type() {
    let ct = "multipart/form-data; boundary=XyZ";
    let expected = typed(
        "POST",
        ct,
        &multipart(&[
            ("meta", "application/json", b"{\"a\":1}"),
            ("note", "text/plain", b"hi"),
        ]),
    );
    let same = typed(
        "POST",
        ct,
        &multipart(&[
            ("note", "text/plain", b"hi"),
            ("meta", "application/json", b"{ \"a\" : 1 }"),
        ]),
    );
    assert!(match_request(&expected, &same, SpecVersion::V3)
        .unwrap()
        .is_empty());
    let m = match_request(
        &expected,
        &typed(
            "POST",
            ct,
            &multipart(&[
                ("meta", "application/json", b"{\"a\":2}"),
                ("note", "text/plain", b"hi"),
            ]),
        ),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(
        only(&m),
        (
            "$.meta.a",
            "MIME part 'meta': Expected 2 (Integer) to be equal to 1 (Integer)"
        )
    );
    let m = match_request(
        &expected,
        &typed(
            "POST",
            ct,
            &multipart(&[("meta", "application/json", b"{\"a\":1}")]),
        ),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(
        only(&m),
        ("$.note", "Expected a MIME part 'note' but was missing")
    );

    // A file part checked by content type only, as pact's multipart DSL writes it.
    let mut file_expected = typed("POST", ct, &multipart(&[("file", "image/png", PNG)]));
    file_expected.matching_rules = MatchingRules::from_json(
        &json!({"body": {"$.file": rule(json!({"match": "contentType", "value": "image/png"}))}}),
    )
    .unwrap();
    let mut other_png = PNG.to_vec();
    other_png.extend_from_slice(b"more");
    assert!(match_request(
        &file_expected,
        &typed("POST", ct, &multipart(&[("file", "image/png", &other_png)])),
        SpecVersion::V3
    )
    .unwrap()
    .is_empty());
    let m = match_request(
        &file_expected,
        &typed(
            "POST",
            ct,
            &multipart(&[("file", "image/png", b"GIF89a......")]),
        ),
        SpecVersion::V3,
    )
    .unwrap();
    assert!(only(&m).1.contains("'image/png'"), "{m:#?}");
}

#[test]
fn binary_bodies_bytes_or_content_type_rule() {
    let ct = "application/octet-stream";
    let expected = typed("POST", ct, &[1, 2, 3]);
    assert!(
        match_request(&expected, &typed("POST", ct, &[1, 2, 3]), SpecVersion::V3)
            .unwrap()
            .is_empty()
    );
    let m = match_request(&expected, &typed("POST", ct, &[1, 2, 4]), SpecVersion::V3).unwrap();
    assert_eq!(
        only(&m).1,
        "Actual body [application/octet-stream, 3 bytes, starting with 010204] is not equal to the expected body [application/octet-stream, 3 bytes, starting with 010203]"
    );
    let mut png = typed("POST", "image/png", PNG);
    png.matching_rules = MatchingRules::from_json(
        &json!({"body": {"$": rule(json!({"match": "contentType", "value": "image/png"}))}}),
    )
    .unwrap();
    let mut other = PNG.to_vec();
    other.push(7);
    assert!(
        match_request(&png, &typed("POST", "image/png", &other), SpecVersion::V3)
            .unwrap()
            .is_empty()
    );
    let m = match_request(
        &png,
        &typed("POST", "image/png", b"%PDF-1.4 not a png"),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(
        only(&m).1,
        "Expected binary contents to have content type 'image/png' but detected contents was 'application/pdf'"
    );
}

#[test]
fn content_type_rule_takes_any_utf8_text_as_text() {
    let expected = |ct: &str| {
        let mut r = typed("POST", ct, b"expected");
        r.matching_rules = MatchingRules::from_json(
            &json!({"body": {"$": rule(json!({"match": "contentType", "value": ct}))}}),
        )
        .unwrap();
        r
    };
    // Markdown that opens with an HTML tag (pact-js's README does) looks like XML to sniffing.
    let markdown = b"<span align=\"center\">\n\n# Pact JS\n\n</span>\n";
    for ct in ["text/plain", "text/markdown"] {
        assert!(
            match_request(&expected(ct), &typed("POST", ct, markdown), SpecVersion::V3)
                .unwrap()
                .is_empty(),
            "{ct}"
        );
    }
    // Bytes with a binary signature are not text.
    let m = match_request(
        &expected("text/plain"),
        &typed("POST", "text/plain", PNG),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(
        only(&m).1,
        "Expected binary contents to have content type 'text/plain' but detected contents was 'image/png'"
    );
}

#[test]
fn status_equality_and_status_code_rule() {
    let expected = Response {
        status: 200,
        ..Response::default()
    };
    let m = match_response(
        &expected,
        &Response {
            status: 404,
            ..Response::default()
        },
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(m[0].type_name(), "StatusMismatch");
    assert_eq!(m[0].message(), "expected 200 but was 404");
    let mut with_rule = expected.clone();
    with_rule.matching_rules = MatchingRules::from_json(
        &json!({"status": {"matchers": [{"match": "statusCode", "status": "success"}]}}),
    )
    .unwrap();
    assert!(match_response(
        &with_rule,
        &Response {
            status: 204,
            ..Response::default()
        },
        SpecVersion::V4
    )
    .unwrap()
    .is_empty());
    let m = match_response(
        &with_rule,
        &Response {
            status: 500,
            ..Response::default()
        },
        SpecVersion::V4,
    )
    .unwrap();
    assert_eq!(
        m[0].message(),
        "Expected status code 500 to be a success (2xx) status"
    );
}

#[test]
fn message_bodies_through_match_body() {
    let rules =
        MatchingRules::from_json(&json!({"body": {"$.id": rule(json!({"match": "type"}))}}))
            .unwrap();
    let expected = Body::from_json(&json!({"id": 1}));
    let ok = Body::from_json(&json!({"id": 5, "extra": true}));
    assert!(
        match_body(&expected, None, &ok, None, &rules, SpecVersion::V3, true)
            .unwrap()
            .is_empty()
    );
    let bad = Body::from_json(&json!({"id": "5"}));
    let m = match_body(&expected, None, &bad, None, &rules, SpecVersion::V3, true).unwrap();
    assert_eq!(only(&m).0, "$.id");
}

#[test]
fn matcher_compiles_once_and_is_reusable() {
    let matcher = RequestMatcher::new(
        &json_request(
            json!({"id": 1}),
            json!({"$.id": rule(json!({"match": "integer"}))}),
        ),
        SpecVersion::V4,
    )
    .unwrap();
    for i in 0..3 {
        assert!(matcher.matches(&json_actual(json!({"id": i}))));
    }
    assert!(!matcher.matches(&json_actual(json!({"id": "x"}))));
    assert_eq!(matcher.expected().path, "/items");
}

#[test]
fn message_metadata() {
    let expected = json!({"contentType": "application/json", "topic": "orders", "seq": 1});
    let rules =
        MatchingRules::from_json(&json!({"metadata": {"seq": rule(json!({"match": "integer"}))}}))
            .unwrap();
    let ok = json!({"contentType": "application/json; charset=utf-8", "topic": "orders", "seq": 7, "extra": 1});
    let m = match_metadata(
        expected.as_object().unwrap(),
        ok.as_object().unwrap(),
        &rules,
        SpecVersion::V3,
    )
    .unwrap();
    assert!(m.is_empty(), "{m:#?}");
    let bad = json!({"contentType": "application/json", "seq": "x"});
    let m = match_metadata(
        expected.as_object().unwrap(),
        bad.as_object().unwrap(),
        &rules,
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(m.len(), 2, "{m:#?}");
    assert_eq!(m[0].type_name(), "MetadataMismatch");
    assert_eq!(
        m[0].message(),
        "Expected message metadata 'topic' but was missing"
    );
    assert_eq!(m[1].message(), "Expected 'x' (String) to be an integer");
}

#[test]
fn json_body_that_is_not_json_compares_as_text() {
    let mut expected = typed("POST", "application/json", b"not json");
    expected.path = "/".into();
    assert!(match_request(
        &expected,
        &typed("POST", "application/json", b"not json"),
        SpecVersion::V3
    )
    .unwrap()
    .is_empty());
    let m = match_request(
        &expected,
        &typed("POST", "application/json", b"{\"a\":1}"),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(
        only(&m).1,
        "Expected body 'not json' to match '{\"a\":1}' using equality but did not match"
    );
    // An unparseable actual body against a JSON expectation says so.
    let expected = typed("POST", "application/json", b"{\"a\":1}");
    let m = match_request(
        &expected,
        &typed("POST", "application/json", b"{oops"),
        SpecVersion::V3,
    )
    .unwrap();
    assert!(
        only(&m).1.starts_with("Failed to parse the actual body: '"),
        "{m:#?}"
    );
}

#[test]
fn xml_with_doctype_is_accepted() {
    let ct = "application/xml";
    let expected = typed("POST", ct, b"<!DOCTYPE note><note>hi</note>");
    assert!(match_request(
        &expected,
        &typed("POST", ct, b"<note>hi</note>"),
        SpecVersion::V3
    )
    .unwrap()
    .is_empty());
    let m = match_request(
        &expected,
        &typed("POST", ct, b"<note>ho</note>"),
        SpecVersion::V3,
    )
    .unwrap();
    assert_eq!(
        only(&m),
        ("$.note.#text", "Expected 'ho' to be equal to 'hi'")
    );
}

#[test]
fn malformed_bodies_are_mismatches_not_panics() {
    let cases: Vec<(&str, &[u8], &[u8])> = vec![
        (
            "multipart/form-data; boundary=B",
            b"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--",
            b"--B",
        ),
        (
            "multipart/form-data; boundary=B",
            b"--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--B--",
            b"garbage",
        ),
        (
            "multipart/form-data",
            b"--B\r\n\r\n--B--",
            b"--B\r\n\r\n--B--",
        ),
        ("application/xml", b"<a/>", &[0xff, 0xfe, b'<']),
        ("application/xml", b"<a/>", b"<a><b></a>"),
        ("application/json", b"{\"a\":1}", &[0xff, 0x00]),
        ("text/plain", b"hello", &[0xff, 0xfe]),
        ("application/x-www-form-urlencoded", b"a=1", b"%%%&&==&a"),
        ("image/png", PNG, b""),
    ];
    for (ct, expected, actual) in cases {
        let e = typed("POST", ct, expected);
        let a = typed("POST", ct, actual);
        let m = match_request(&e, &a, SpecVersion::V4).unwrap();
        assert!(
            !m.is_empty(),
            "{ct}: {:?} should not match",
            String::from_utf8_lossy(actual)
        );
    }
}

// ------------------------------------------------------------------ verdicts a user can trust

fn rules_of(json: Value) -> MatchingRules {
    MatchingRules::from_json(&json).unwrap()
}

fn with_header_lines(name: &str, lines: &[&str]) -> Request {
    let mut r = Request::new("GET", "/");
    let mut h = Headers::new();
    h.insert(name.into(), lines.iter().map(|v| v.to_string()).collect());
    r.headers = Some(h);
    r
}

#[test]
fn repeated_header_values_are_each_checked_by_the_rule() {
    let mut expected = with_headers(&[("X-Test", "1000")]);
    expected.matching_rules = rules_of(
        json!({"header": {"X-Test": rule(json!({"match": "regex", "regex": "\\d{1,4}"}))}}),
    );
    let matcher = RequestMatcher::new(&expected, SpecVersion::V4).unwrap();
    // Three header lines, and the same values in one line.
    assert!(matcher.matches(&with_header_lines("X-Test", &["1000", "1234", "9999"])));
    assert!(matcher.matches(&with_header_lines("x-test", &["1000, 1234, 9999"])));
    for lines in [
        &["1000", "1234", "9999ABC"][..],
        &["1000, 1234, 9999ABC"][..],
    ] {
        let m = matcher.mismatches(&with_header_lines("X-Test", lines));
        assert_eq!(m.len(), 1, "{m:#?}");
        assert_eq!(
            m[0].message(),
            "Mismatch with header 'X-Test': Expected '9999ABC' to match '\\d{1,4}' for value at index 2"
        );
        assert_eq!(m[0].to_json()["actual"], "9999ABC");
    }
    // One value: the message is about that value, without an index.
    let m = matcher.mismatches(&with_header_lines("X-Test", &["12345"]));
    assert_eq!(
        m[0].message(),
        "Mismatch with header 'X-Test': Expected '12345' to match '\\d{1,4}'"
    );
    // A regex written for the whole value, commas included, still matches it.
    let mut whole = with_headers(&[("X-List", "a, b")]);
    whole.matching_rules =
        rules_of(json!({"header": {"X-List": rule(json!({"match": "regex", "regex": "a, b"}))}}));
    let matcher = RequestMatcher::new(&whole, SpecVersion::V4).unwrap();
    assert!(matcher.matches(&with_header_lines("X-List", &["a, b"])));
    assert!(matcher.matches(&with_header_lines("X-List", &["a", "b"])));
}

#[test]
fn each_key_alone_constrains_keys_only() {
    let each_key = json!({"$": rule(json!({"match": "eachKey", "rules": [{"match": "regex", "regex": "[a-z]+"}], "value": ""}))});
    let expected = json!({"one": "a", "two": "b"});
    assert!(check(
        expected.clone(),
        each_key.clone(),
        json!({"one": "a", "two": "b", "three": "c", "four": "d"})
    )
    .is_empty());
    // Values are not compared with the example, whatever their type.
    assert!(check(
        expected.clone(),
        each_key.clone(),
        json!({"one": {"x": 1}, "three": [1]})
    )
    .is_empty());
    let m = check(expected, each_key, json!({"one": "a", "100": "c"}));
    assert_eq!(only(&m), ("$['100']", "Expected '100' to match '[a-z]+'"));
    assert_eq!(m[0].to_json()["actual"], "100");
    assert_eq!(m[0].to_json()["expected"], "");
}

#[test]
fn not_empty_checks_the_container_type() {
    let rules = json!({"$.two": rule(json!({"match": "notEmpty"}))});
    let m = check(
        json!({"one": "a", "two": ["b"]}),
        rules.clone(),
        json!({"one": "a", "two": "b"}),
    );
    assert_eq!(
        only(&m),
        (
            "$.two",
            "Type mismatch: Expected 'b' (String) to be the same type as [\"b\"] (Array)"
        )
    );
    let m = check(
        json!({"two": {"a": 1}}),
        rules.clone(),
        json!({"two": null}),
    );
    assert_eq!(
        only(&m).1,
        "Type mismatch: Expected null (Null) to be the same type as {\"a\":1} (Object)"
    );
    assert_eq!(
        only(&check(
            json!({"two": ["b"]}),
            rules.clone(),
            json!({"two": []})
        ))
        .1,
        "Expected [] (Array) to not be empty"
    );
    // A scalar's type is not checked (as the reference), only its emptiness.
    assert!(check(json!({"two": "x"}), rules.clone(), json!({"two": 5})).is_empty());
    assert!(check(json!({"two": ["b"]}), rules, json!({"two": ["c", "d"]})).is_empty());
}

#[test]
fn an_empty_body_is_present_and_judged_by_the_rules() {
    let ct = "application/octet-stream";
    let mut expected = typed("POST", ct, &[1, 2, 3, 0xff]);
    expected.matching_rules = rules_of(json!({"body": {"$": rule(json!({"match": "notEmpty"}))}}));
    let matcher = RequestMatcher::new(&expected, SpecVersion::V4).unwrap();
    let mut empty = typed("POST", ct, b"");
    assert_eq!(empty.body, Body::Empty);
    let m = matcher.mismatches(&empty);
    assert_eq!(only(&m), ("$", "Expected [] (0 bytes) to not be empty"));
    assert!(matcher.matches(&typed("POST", ct, &[9])));
    // Without a rule, an empty body is reported as empty (and a binary one is summarised).
    let plain = typed("POST", ct, &[1, 2, 3, 0xff]);
    let m = match_request(&plain, &empty, SpecVersion::V4).unwrap();
    assert_eq!(
        only(&m).1,
        "Expected body [application/octet-stream, 4 bytes, starting with 010203ff] but was empty"
    );
    // A text body with notEmpty says so too.
    let mut text = typed("POST", "text/plain", b"hi");
    text.matching_rules = expected.matching_rules.clone();
    empty.headers = headers(&[("Content-Type", "text/plain")]);
    let m = match_request(&text, &empty, SpecVersion::V4).unwrap();
    assert_eq!(only(&m).1, "Expected '' (String) to not be empty");
}

fn mixed(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (head, body) in parts {
        out.extend_from_slice(b"--Mix\r\n");
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(b"\r\n\r\n");
        out.extend_from_slice(body);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"--Mix--\r\n");
    out
}

#[test]
fn multipart_parts_pair_by_name_else_position_and_are_decoded() {
    let ct = "multipart/mixed; boundary=Mix";
    let body = mixed(&[
        ("Content-Type: text/plain", b"hello"),
        (
            "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64",
            b"AAEC/w==",
        ),
    ]);
    let expected = typed("POST", ct, &body);
    assert!(
        match_request(&expected, &typed("POST", ct, &body), SpecVersion::V4)
            .unwrap()
            .is_empty()
    );
    // The same bytes, sent raw or in other encodings, are the same part.
    let other = mixed(&[
        (
            "Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable",
            b"hel=\r\nl=6F",
        ),
        ("Content-Type: application/octet-stream", &[0, 1, 2, 0xff]),
    ]);
    assert!(
        match_request(&expected, &typed("POST", ct, &other), SpecVersion::V4)
            .unwrap()
            .is_empty()
    );
    // Unnamed parts pair by position: another second part is a mismatch of that part.
    let changed = mixed(&[
        ("Content-Type: text/plain", b"hello"),
        ("Content-Type: application/octet-stream", &[0, 1, 2, 0xfe]),
    ]);
    let m = match_request(&expected, &typed("POST", ct, &changed), SpecVersion::V4).unwrap();
    assert_eq!(
        only(&m),
        (
            "$[1]",
            "MIME part at index 1: Actual body [application/octet-stream, 4 bytes, starting with 000102fe] is not equal to the expected body [application/octet-stream, 4 bytes, starting with 000102ff]"
        )
    );
    let m = match_request(
        &expected,
        &typed(
            "POST",
            ct,
            &mixed(&[("Content-Type: text/plain", b"hello")]),
        ),
        SpecVersion::V4,
    )
    .unwrap();
    assert_eq!(
        only(&m),
        ("$[1]", "Expected a MIME part at index 1 but was missing")
    );
    // Named parts pair by name, whatever their order.
    let form = "multipart/form-data; boundary=Mix";
    let named = mixed(&[
        (
            "Content-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: base64",
            b"eA==",
        ),
        ("Content-Disposition: form-data; name=\"b\"", b"y"),
    ]);
    let swapped = mixed(&[
        ("Content-Disposition: form-data; name=\"b\"", b"y"),
        ("Content-Disposition: form-data; name=\"a\"", b"x"),
    ]);
    assert!(match_request(
        &typed("POST", form, &named),
        &typed("POST", form, &swapped),
        SpecVersion::V4
    )
    .unwrap()
    .is_empty());
}

#[test]
fn null_body_without_content_type_matches_absent_empty_or_null() {
    use crate::model::file::request_from_json;
    for spec in [
        SpecVersion::V1_1,
        SpecVersion::V2,
        SpecVersion::V3,
        SpecVersion::V4,
    ] {
        let body = if spec == SpecVersion::V4 {
            json!({"content": null})
        } else {
            Value::Null
        };
        let expected =
            request_from_json(&json!({"method": "POST", "path": "/", "body": body}), spec).unwrap();
        let matcher = RequestMatcher::new(&expected, spec).unwrap();
        let mut actual = Request::new("POST", "/");
        assert!(matcher.matches(&actual), "{spec:?}: absent");
        actual.body = Body::Empty;
        assert!(matcher.matches(&actual), "{spec:?}: empty");
        for ct in ["application/json", "text/plain"] {
            let a = typed("POST", ct, b"null");
            assert!(matcher.matches(&a), "{spec:?}: null as {ct}");
        }
        let m = matcher.mismatches(&typed("POST", "application/json", b"{}"));
        assert_eq!(only(&m).1, "Expected empty body but received '{}'");
    }
}

#[test]
fn messages_word_for_word_as_the_reference() {
    let form = "application/x-www-form-urlencoded";
    let m = match_request(
        &typed("POST", form, b"a=1&c=3"),
        &typed("POST", form, b"a=1&c=33"),
        SpecVersion::V4,
    )
    .unwrap();
    assert_eq!(
        only(&m),
        (
            "$.c",
            "Expected form post parameter 'c' with value '3' but was '33'"
        )
    );
    assert_eq!(m[0].to_json()["expected"], "3");
    assert_eq!(m[0].to_json()["actual"], "33");
    let m = match_request(
        &typed("POST", form, b"c=3&c=4"),
        &typed("POST", form, b"c=3&c=44"),
        SpecVersion::V4,
    )
    .unwrap();
    assert_eq!(
        only(&m).1,
        "Expected form post parameter 'c' with value '4' at index 1 but was '44'"
    );

    // Lists in size messages: ", " between items, each compact JSON.
    let m = check(
        json!({"l": [[0]]}),
        json!({"$.l": rule(json!({"match": "type", "max": 1}))}),
        json!({"l": [[1, 2], [3]]}),
    );
    assert_eq!(
        only(&m).1,
        "Expected [[1,2], [3]] (size 2) to have maximum size of 1"
    );
    // Objects in messages and fields have their keys sorted.
    let rules = json!({"$.list": rule(json!({"match": "arrayContains", "variants": [{"index": 0, "rules": {}}]}))});
    let m = check(
        json!({"list": [{"zeta": 1, "alpha": "b", "mid": [1, 2]}]}),
        rules,
        json!({"list": [{"zeta": 2}]}),
    );
    assert_eq!(
        only(&m).1,
        "Variant at index 0 ({\"alpha\":\"b\",\"mid\":[1,2],\"zeta\":1}) was not found in the actual list"
    );
    let m = check(
        json!({"a": {}}),
        json!({}),
        json!({"a": {"z": 1, "b": [1, 2]}}),
    );
    assert_eq!(
        only(&m).1,
        "Expected an empty Map but received {\"b\":[1,2],\"z\":1}"
    );
    assert_eq!(m[0].to_json()["actual"], "{\"b\":[1,2],\"z\":1}");

    // Binary bodies: type (with its parameters), size and the first 32 bytes in hex.
    let e = jpeg(28058, 31);
    let a = jpeg(30922, 17);
    let m = match_request(
        &typed("POST", "image/jpeg", &e),
        &typed("POST", "image/jpeg; x=y", &a),
        SpecVersion::V4,
    )
    .unwrap();
    let m: Vec<_> = m
        .into_iter()
        .filter(|m| m.type_name() == "BodyMismatch")
        .collect();
    assert_eq!(
        only(&m).1,
        "Actual body [image/jpeg;x=y, 30922 bytes, starting with ffd8ffe04b5c6d7e8fa0b1c2d3e4f5061728394a5b6c7d8e9fb0c1d2e3f40516] is not equal to the expected body [image/jpeg, 28058 bytes, starting with ffd8ffe083a2c1e0ff1e3d5c7b9ab9d8f71635547392b1d0ef0e2d4c6b8aa9c8]"
    );
}

/// Bytes that start like a JPEG (the same as the reference check used).
fn jpeg(n: usize, seed: usize) -> Vec<u8> {
    let mut b: Vec<u8> = (0..n).map(|i| ((i * seed + 7) & 0xff) as u8).collect();
    b[..4].copy_from_slice(&[0xff, 0xd8, 0xff, 0xe0]);
    b
}

/// Every text of a mismatch as users get it (message, fields of the JSON).
fn texts(m: &Mismatch) -> String {
    m.to_json().to_string()
}

#[test]
fn binary_bodies_are_summarised_never_written_as_text() {
    let image = jpeg(28058, 31);
    let expected = typed("POST", "image/jpeg", &image);
    let summary = "[image/jpeg, 28058 bytes, starting with ffd8ffe083a2c1e0ff1e3d5c7b9ab9d8f71635547392b1d0ef0e2d4c6b8aa9c8]";
    let mut empty = typed("POST", "image/jpeg", b"");
    empty.body = Body::Empty;
    let missing = Request::new("POST", "/");
    let mut cases = vec![
        (expected.clone(), empty.clone()),
        (expected.clone(), missing),
        // An unexpected image, a JSON or text body that is an image, an image in XML's place.
        (empty.clone(), typed("POST", "image/jpeg", &image)),
        (
            json_actual(json!({"a": 1})),
            typed("POST", "image/jpeg", &image),
        ),
        (
            json_actual(json!({"a": 1})),
            typed("POST", "application/json", &image),
        ),
        (
            typed("POST", "text/plain", b"hi"),
            typed("POST", "text/plain", &image),
        ),
        (
            typed("POST", "application/xml", b"<a/>"),
            typed("POST", "application/xml", &image),
        ),
        (
            typed("POST", "image/jpeg", b"x"),
            typed("POST", "image/jpeg", &image),
        ),
    ];
    let mut regex = expected.clone();
    regex.matching_rules =
        rules_of(json!({"body": {"$": rule(json!({"match": "regex", "regex": "x+"}))}}));
    cases.push((regex, typed("POST", "image/jpeg", &image)));
    for (case, (e, a)) in cases.into_iter().enumerate() {
        let mut e = e;
        e.path = "/".into();
        let mut a = a;
        a.path = "/".into();
        let m = match_request(&e, &a, SpecVersion::V4).unwrap();
        let body: Vec<_> = m
            .iter()
            .filter(|m| m.type_name().starts_with("Body"))
            .collect();
        assert!(!body.is_empty(), "case {case}: {m:?}");
        for m in body {
            let text = texts(m);
            assert!(
                text.len() < 1000,
                "case {case}: {} bytes: {}",
                text.len(),
                &text[..300]
            );
            assert!(!text.contains('\u{fffd}'), "case {case}: {text}");
            assert!(text.contains("28058 bytes"), "case {case}: {text}");
        }
    }
    let m = match_request(&expected, &empty, SpecVersion::V4).unwrap();
    assert_eq!(only(&m).1, format!("Expected body {summary} but was empty"));
    assert_eq!(m[0].to_json()["expected"], summary);
    let m = match_request(
        &json_actual(json!({"a": 1})),
        &{
            let mut a = typed("POST", "image/jpeg", &image);
            a.path = "/items".into();
            a
        },
        SpecVersion::V4,
    )
    .unwrap();
    let body_type = m
        .iter()
        .find(|m| m.type_name() == "BodyTypeMismatch")
        .unwrap();
    assert_eq!(body_type.to_json()["actualBody"], summary);
}
