//! The consumer DSL: integration JSON turned into example values, matching rules and
//! generators at the right category and path; the builder functions; the Matchers builders;
//! the round trip of what they build through pact files of every version.

use pact_mock_server_core::dsl::{self, matchers as m, BodyInput, Part};
use pact_mock_server_core::model::{
    Generator, Interaction, MatchingRule, Pact, RuleList, SpecVersion, StatusClass,
};
use pact_mock_server_core::ErrorCode;
use serde_json::{json, Value};

fn interaction() -> Interaction {
    Interaction::new("a request")
}

fn response_body(i: &Interaction) -> Value {
    i.response.body.json().expect("JSON body")
}

fn body_rules(i: &Interaction, part: Part, path: &str) -> Vec<MatchingRule> {
    let rules = match part {
        Part::Request => &i.request.matching_rules,
        Part::Response => &i.response.matching_rules,
    };
    rules
        .category("body")
        .and_then(|c| c.get(path))
        .map(|l| l.rules.clone())
        .unwrap_or_default()
}

fn body_generator(i: &Interaction, path: &str) -> Option<Generator> {
    i.response
        .generators
        .category("body")
        .and_then(|c| c.get(path))
        .cloned()
}

fn with_response_json(body: Value) -> Interaction {
    let mut i = interaction();
    dsl::with_body(&mut i, Part::Response, BodyInput::Json(body), None).unwrap();
    i
}

#[test]
fn every_matcher_id_gives_its_rule_and_example() {
    let cases: Vec<(Value, MatchingRule, Value)> = vec![
        (
            json!({"pact:matcher:type": "equality", "value": "a"}),
            MatchingRule::Equality,
            json!("a"),
        ),
        (
            json!({"pact:matcher:type": "regex", "regex": "\\d+", "value": "12"}),
            MatchingRule::Regex("\\d+".into()),
            json!("12"),
        ),
        (
            json!({"pact:matcher:type": "type", "value": 5}),
            MatchingRule::Type,
            json!(5),
        ),
        (
            json!({"pact:matcher:type": "type", "min": 2, "value": 5}),
            MatchingRule::MinType(2),
            json!(5),
        ),
        (
            json!({"pact:matcher:type": "type", "max": 3, "value": 5}),
            MatchingRule::MaxType(3),
            json!(5),
        ),
        (
            json!({"pact:matcher:type": "type", "min": 1, "max": 3, "value": 5}),
            MatchingRule::MinMaxType(1, 3),
            json!(5),
        ),
        (
            json!({"pact:matcher:type": "include", "value": "ell"}),
            MatchingRule::Include("ell".into()),
            json!("ell"),
        ),
        (
            json!({"pact:matcher:type": "integer", "value": 1}),
            MatchingRule::Integer,
            json!(1),
        ),
        (
            json!({"pact:matcher:type": "decimal", "value": 1.5}),
            MatchingRule::Decimal,
            json!(1.5),
        ),
        (
            json!({"pact:matcher:type": "number", "value": 2}),
            MatchingRule::Number,
            json!(2),
        ),
        (
            json!({"pact:matcher:type": "datetime", "format": "yyyy-MM-dd HH:mm", "value": "2020-01-01 10:00"}),
            MatchingRule::Timestamp("yyyy-MM-dd HH:mm".into()),
            json!("2020-01-01 10:00"),
        ),
        (
            json!({"pact:matcher:type": "timestamp", "format": "yyyy", "value": "2020"}),
            MatchingRule::Timestamp("yyyy".into()),
            json!("2020"),
        ),
        (
            json!({"pact:matcher:type": "date", "format": "yyyy-MM-dd", "value": "2020-01-01"}),
            MatchingRule::Date("yyyy-MM-dd".into()),
            json!("2020-01-01"),
        ),
        (
            json!({"pact:matcher:type": "time", "time": "HH:mm", "value": "10:00"}),
            MatchingRule::Time("HH:mm".into()),
            json!("10:00"),
        ),
        (
            json!({"pact:matcher:type": "null", "value": null}),
            MatchingRule::Null,
            json!(null),
        ),
        (
            json!({"pact:matcher:type": "boolean", "value": true}),
            MatchingRule::Boolean,
            json!(true),
        ),
        (
            json!({"pact:matcher:type": "contentType", "value": "image/png"}),
            MatchingRule::ContentType("image/png".into()),
            json!("image/png"),
        ),
        (
            json!({"pact:matcher:type": "values", "value": {"a": 1}}),
            MatchingRule::Values,
            json!({"a": 1}),
        ),
        (
            json!({"pact:matcher:type": "statusCode", "status": "clientError", "value": 404}),
            MatchingRule::StatusCode(StatusClass::ClientError),
            json!(404),
        ),
        (
            json!({"pact:matcher:type": "notEmpty", "value": "x"}),
            MatchingRule::NotEmpty,
            json!("x"),
        ),
        (
            json!({"pact:matcher:type": "semver", "value": "1.2.3"}),
            MatchingRule::Semver,
            json!("1.2.3"),
        ),
    ];
    for (matcher, rule, example) in cases {
        let i = with_response_json(json!({"x": matcher.clone()}));
        assert_eq!(
            response_body(&i),
            json!({"x": example}),
            "example of {matcher}"
        );
        assert_eq!(
            body_rules(&i, Part::Response, "$.x"),
            vec![rule],
            "rule of {matcher}"
        );
    }
}

#[test]
fn each_like_puts_the_size_rule_on_the_array_and_element_rules_under_star() {
    let body = json!({
        "items": m::each_like(json!({"id": m::integer(Some(json!(1))).unwrap(), "name": "x"}), Some(2))
    });
    let i = with_response_json(body);
    assert_eq!(
        response_body(&i),
        json!({"items": [{"id": 1, "name": "x"}, {"id": 1, "name": "x"}]})
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.items"),
        vec![MatchingRule::MinType(2)]
    );
    // Each example element adds its rules at `[*]`, as libpact_ffi does.
    assert_eq!(
        body_rules(&i, Part::Response, "$.items[*].id"),
        vec![MatchingRule::Integer, MatchingRule::Integer]
    );
    assert!(body_rules(&i, Part::Response, "$.items[0].id").is_empty());
}

#[test]
fn plain_arrays_address_elements_by_index_and_odd_names_use_brackets() {
    let i = with_response_json(json!({
        "list": [1, m::like(json!("a"))],
        "key with space": m::like(json!(1)),
        "it's": m::like(json!(2)),
        "a.b": m::like(json!(3)),
    }));
    assert_eq!(
        body_rules(&i, Part::Response, "$.list[1]"),
        vec![MatchingRule::Type]
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$['key with space']"),
        vec![MatchingRule::Type]
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$['it\\'s']"),
        vec![MatchingRule::Type]
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$['a.b']"),
        vec![MatchingRule::Type]
    );
    assert_eq!(
        response_body(&i),
        json!({"list": [1, "a"], "key with space": 1, "it's": 2, "a.b": 3})
    );
}

#[test]
fn root_matcher_and_nested_matchers_inside_a_matcher_value() {
    let i = with_response_json(m::like(json!({"id": m::integer(Some(json!(7))).unwrap()})));
    assert_eq!(response_body(&i), json!({"id": 7}));
    assert_eq!(
        body_rules(&i, Part::Response, "$"),
        vec![MatchingRule::Type]
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.id"),
        vec![MatchingRule::Integer]
    );
}

#[test]
fn array_contains_variants_get_rules_relative_to_the_element() {
    let i = with_response_json(json!({
        "actions": m::array_containing(vec![
            json!({"name": "update", "href": m::regex("http.*", "http://a/b").unwrap()}),
            json!({"name": "delete", "id": m::integer(None).unwrap()}),
        ])
    }));
    assert_eq!(
        response_body(&i),
        json!({"actions": [
            {"name": "update", "href": "http://a/b"},
            {"name": "delete", "id": 101}
        ]})
    );
    let rules = body_rules(&i, Part::Response, "$.actions");
    let [MatchingRule::ArrayContains(variants)] = rules.as_slice() else {
        panic!("expected one arrayContains rule, got {rules:?}");
    };
    assert_eq!(variants.len(), 2);
    assert_eq!(variants[0].index, 0);
    assert_eq!(
        variants[0].rules.get("$.href"),
        Some(&RuleList::new(vec![MatchingRule::Regex("http.*".into())]))
    );
    assert_eq!(variants[1].index, 1);
    assert_eq!(
        variants[1].rules.get("$.id"),
        Some(&RuleList::new(vec![MatchingRule::Integer]))
    );
    assert_eq!(
        variants[1]
            .generators
            .category("body")
            .and_then(|c| c.get("$.id")),
        Some(&Generator::RandomInt {
            min: Some(0),
            max: Some(10)
        })
    );
    // Nothing of the variants leaks to the outer paths.
    assert!(body_rules(&i, Part::Response, "$.actions[*].href").is_empty());
}

#[test]
fn each_key_and_each_value_carry_their_rules() {
    let i = with_response_json(json!({
        "byKey": m::each_key_matches(json!({"abc": 1}), vec![m::regex("[a-z]+", "abc").unwrap()]),
        "byValue": m::each_value_matches(json!({"a": "x"}), vec![m::like(json!("x"))]),
        "defaultKey": m::each_key_matches(json!({"k": 1}), vec![]),
    }));
    assert_eq!(
        response_body(&i),
        json!({"byKey": {"abc": 1}, "byValue": {"a": "x"}, "defaultKey": {"k": 1}})
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.byKey"),
        vec![MatchingRule::EachKey(
            vec![MatchingRule::Regex("[a-z]+".into())],
            Some(r#"{"abc":1}"#.into())
        )]
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.byValue"),
        vec![MatchingRule::EachValue(
            vec![MatchingRule::Type],
            Some(r#"{"a":"x"}"#.into())
        )]
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.defaultKey"),
        vec![MatchingRule::EachKey(
            vec![MatchingRule::Type],
            Some(r#"{"k":1}"#.into())
        )]
    );
}

#[test]
fn a_list_of_matchers_combines_with_and() {
    let i = with_response_json(json!({"v": {
        "pact:matcher:type": [
            {"pact:matcher:type": "regex", "regex": "\\d+"},
            {"pact:matcher:type": "notEmpty"}
        ],
        "value": "12"
    }}));
    assert_eq!(response_body(&i), json!({"v": "12"}));
    assert_eq!(
        body_rules(&i, Part::Response, "$.v"),
        vec![MatchingRule::Regex("\\d+".into()), MatchingRule::NotEmpty]
    );
}

#[test]
fn matcher_expressions_define_rules_and_examples() {
    let i = with_response_json(json!({
        "a": {"pact:matcher:type": "matching(type,'x')"},
        "b": {"pact:matcher:type": "matching(regex,'\\d+','1')"},
        "c": {"pact:matcher:type": "notEmpty('y')"},
        "d": {"pact:matcher:type": "eachKey(matching(regex, '[a-z]+', 'k'))", "value": {"k": 1}},
        "e": {"pact:matcher:type": "atLeast(1)", "value": [1]},
        "f": {"pact:matcher:type": "fromProviderState('${id}', 42)"},
        "g": {"pact:matcher:type": "matching(datetime, 'yyyy-MM-dd', '2000-01-02')"},
    }));
    assert_eq!(
        response_body(&i),
        json!({"a": "x", "b": "1", "c": "y", "d": {"k": 1}, "e": [1], "f": 42, "g": "2000-01-02"})
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.a"),
        vec![MatchingRule::Type]
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.b"),
        vec![MatchingRule::Regex("\\d+".into())]
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.c"),
        vec![MatchingRule::NotEmpty]
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.d"),
        vec![MatchingRule::EachKey(
            vec![MatchingRule::Regex("[a-z]+".into())],
            None
        )]
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.e"),
        vec![MatchingRule::MinType(1)]
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.f"),
        vec![MatchingRule::Type]
    );
    assert!(matches!(
        body_generator(&i, "$.f"),
        Some(Generator::ProviderState { expression, .. }) if expression == "${id}"
    ));
    assert_eq!(
        body_rules(&i, Part::Response, "$.g"),
        vec![MatchingRule::Timestamp("yyyy-MM-dd".into())]
    );
}

#[test]
fn every_generator_is_recorded_with_its_attributes() {
    let i = with_response_json(json!({
        "int": {"pact:generator:type": "RandomInt", "min": 1, "max": 5, "pact:matcher:type": "integer", "value": 3},
        "dec": {"pact:generator:type": "RandomDecimal", "digits": 4, "value": 1.5},
        "hex": {"pact:generator:type": "RandomHexadecimal", "digits": 8, "value": "ab"},
        "str": {"pact:generator:type": "RandomString", "size": 3, "value": "abc"},
        "re": {"pact:generator:type": "Regex", "regex": "[a-z]{3}", "value": "abc"},
        "uuid": {"pact:generator:type": "Uuid", "format": "simple", "value": "x"},
        "date": {"pact:generator:type": "Date", "format": "yyyy-MM-dd", "expression": "today + 1 day", "value": "x"},
        "time": {"pact:generator:type": "Time", "format": "HH:mm", "value": "x"},
        "dt": m::datetime("yyyy-MM-dd'T'HH:mm:ss", None).unwrap(),
        "bool": {"pact:generator:type": "RandomBoolean", "value": true},
        "ps": m::from_provider_state("${name}", json!("Bob")),
        "url": m::url(None, vec![json!("orders"), m::regex("\\d+", "1").unwrap()]).unwrap(),
    }));
    let g = |p: &str| body_generator(&i, p).unwrap_or_else(|| panic!("no generator at {p}"));
    assert_eq!(
        g("$.int"),
        Generator::RandomInt {
            min: Some(1),
            max: Some(5)
        }
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.int"),
        vec![MatchingRule::Integer]
    );
    assert_eq!(g("$.dec"), Generator::RandomDecimal { digits: Some(4) });
    // A generator alone adds no rule.
    assert!(body_rules(&i, Part::Response, "$.dec").is_empty());
    assert_eq!(g("$.hex"), Generator::RandomHexadecimal { digits: Some(8) });
    assert_eq!(g("$.str"), Generator::RandomString { size: Some(3) });
    assert_eq!(
        g("$.re"),
        Generator::Regex {
            regex: "[a-z]{3}".into()
        }
    );
    assert_eq!(
        g("$.uuid"),
        Generator::Uuid {
            format: Some("simple".into())
        }
    );
    assert_eq!(
        g("$.date"),
        Generator::Date {
            format: Some("yyyy-MM-dd".into()),
            expression: Some("today + 1 day".into())
        }
    );
    assert_eq!(
        g("$.time"),
        Generator::Time {
            format: Some("HH:mm".into()),
            expression: None
        }
    );
    assert_eq!(
        g("$.dt"),
        Generator::DateTime {
            format: Some("yyyy-MM-dd'T'HH:mm:ss".into()),
            expression: None
        }
    );
    assert_eq!(g("$.bool"), Generator::RandomBoolean);
    assert_eq!(
        g("$.ps"),
        Generator::ProviderState {
            expression: "${name}".into(),
            data_type: None
        }
    );
    assert_eq!(
        g("$.url"),
        Generator::MockServerURL {
            example: "http://localhost:8080/orders/1".into(),
            regex: ".*(\\/orders\\/\\d+)$".into()
        }
    );
    assert_eq!(
        response_body(&i)["url"],
        json!("http://localhost:8080/orders/1")
    );
    assert_eq!(response_body(&i)["ps"], json!("Bob"));
}

#[test]
fn other_pact_keys_are_stripped() {
    let i = with_response_json(json!({"a": 1, "pact:something": 2, "b": {"pact:x": 1, "c": 2}}));
    assert_eq!(response_body(&i), json!({"a": 1, "b": {"c": 2}}));
}

#[test]
fn unknown_matchers_and_bad_regexes_name_the_path() {
    let mut i = interaction();
    let e = dsl::with_body(
        &mut i,
        Part::Response,
        BodyInput::Json(json!({"a": {"b": [1, {"pact:matcher:type": "bogus", "value": 1}]}})),
        None,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownMatcher);
    assert!(e.message.contains("$.a.b[1]"), "{}", e.message);
    assert!(e.message.contains("bogus"), "{}", e.message);

    let e = dsl::with_body(
        &mut i,
        Part::Request,
        BodyInput::Json(
            json!({"x": {"pact:matcher:type": "regex", "regex": "([a-z", "value": "a"}}),
        ),
        None,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidRegex);
    assert!(e.message.contains("$.x"), "{}", e.message);
    assert!(e.message.contains("request body"), "{}", e.message);

    let e = dsl::with_header(
        &mut i,
        Part::Request,
        "X-Id",
        &json!({"pact:matcher:type": "matching(regex, '(', 'x')"}),
        0,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidRegex);
    assert!(e.message.contains("X-Id"), "{}", e.message);

    let e = dsl::with_body(
        &mut i,
        Part::Response,
        BodyInput::Json(json!({"g": {"pact:generator:type": "Nope", "value": 1}})),
        None,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownGenerator);
    assert!(e.message.contains("$.g"), "{}", e.message);
}

#[test]
fn request_path_may_be_a_matcher() {
    let mut i = interaction();
    dsl::with_request(
        &mut i,
        "post",
        &json!(m::regex("/users/\\d+", "/users/12").unwrap()),
    )
    .unwrap();
    assert_eq!(i.request.method, "POST");
    assert_eq!(i.request.path, "/users/12");
    assert_eq!(
        i.request
            .matching_rules
            .category("path")
            .and_then(|c| c.get("")),
        Some(&RuleList::new(vec![MatchingRule::Regex(
            "/users/\\d+".into()
        )]))
    );
    // A plain path replaces the earlier rule.
    dsl::with_request(&mut i, "", &json!("/plain")).unwrap();
    assert_eq!(i.request.method, "GET");
    assert_eq!(i.request.path, "/plain");
    assert!(i.request.matching_rules.category("path").is_none());
    assert!(dsl::with_request(&mut i, "GET", &json!({"a": 1})).is_err());
}

#[test]
fn query_parameters_by_index_with_matchers() {
    let mut i = interaction();
    dsl::with_query_parameter(&mut i, "q", &json!("b"), 1).unwrap();
    assert_eq!(
        i.request.query.as_ref().unwrap()["q"],
        vec![Some(String::new()), Some("b".into())]
    );
    dsl::with_query_parameter(&mut i, "q", &json!("a"), 0).unwrap();
    assert_eq!(
        i.request.query.as_ref().unwrap()["q"],
        vec![Some("a".into()), Some("b".into())]
    );
    dsl::with_query_parameter(&mut i, "id", &m::integer(Some(json!(5))).unwrap(), 0).unwrap();
    assert_eq!(
        i.request.query.as_ref().unwrap()["id"],
        vec![Some("5".into())]
    );
    let query_rules = i.request.matching_rules.category("query").unwrap();
    assert_eq!(query_rules["id"].rules, vec![MatchingRule::Integer]);

    // A matcher whose example is a list sets every value; the rule covers the whole list.
    dsl::with_query_parameter(&mut i, "tag", &m::each_like(json!("x"), Some(2)), 0).unwrap();
    assert_eq!(
        i.request.query.as_ref().unwrap()["tag"],
        vec![Some("x".into()), Some("x".into())]
    );
    assert_eq!(
        i.request.matching_rules.category("query").unwrap()["tag"].rules,
        vec![MatchingRule::MinType(2)]
    );
    // A matcher at a later index is keyed by that index.
    dsl::with_query_parameter(&mut i, "q", &m::regex("[a-z]", "c").unwrap(), 1).unwrap();
    assert_eq!(
        i.request.matching_rules.category("query").unwrap()["q[1]"].rules,
        vec![MatchingRule::Regex("[a-z]".into())]
    );
    // null is a flag parameter.
    dsl::with_query_parameter(&mut i, "flag", &Value::Null, 0).unwrap();
    assert_eq!(i.request.query.as_ref().unwrap()["flag"], vec![None]);
}

#[test]
fn headers_case_insensitive_lists_and_matchers() {
    let mut i = interaction();
    dsl::with_header(
        &mut i,
        Part::Request,
        "Accept",
        &json!("application/json, text/plain"),
        0,
    )
    .unwrap();
    assert_eq!(
        i.request.headers.as_ref().unwrap()["Accept"],
        vec!["application/json".to_string(), "text/plain".to_string()]
    );
    // A custom header keeps its commas.
    dsl::with_header(&mut i, Part::Request, "X-List", &json!("a, b"), 0).unwrap();
    assert_eq!(
        i.request.headers.as_ref().unwrap()["X-List"],
        vec!["a, b".to_string()]
    );
    // Same header in another case: the existing key is reused.
    dsl::with_header(&mut i, Part::Request, "x-list", &json!("c"), 1).unwrap();
    assert_eq!(
        i.request.headers.as_ref().unwrap()["X-List"],
        vec!["a, b".to_string(), "c".to_string()]
    );
    assert!(!i.request.headers.as_ref().unwrap().contains_key("x-list"));
    // A JSON list replaces all values.
    dsl::with_header(
        &mut i,
        Part::Response,
        "Vary",
        &json!(["Accept", "Origin"]),
        0,
    )
    .unwrap();
    assert_eq!(
        i.response.headers.as_ref().unwrap()["Vary"],
        vec!["Accept".to_string(), "Origin".to_string()]
    );
    // A matcher: example value plus a header rule keyed by name.
    dsl::with_header(
        &mut i,
        Part::Response,
        "Content-Type",
        &m::regex("application/json.*", "application/json; charset=utf-8").unwrap(),
        0,
    )
    .unwrap();
    assert_eq!(
        i.response.headers.as_ref().unwrap()["Content-Type"],
        vec!["application/json; charset=utf-8".to_string()]
    );
    assert_eq!(
        i.response.matching_rules.category("header").unwrap()["Content-Type"].rules,
        vec![MatchingRule::Regex("application/json.*".into())]
    );
    dsl::with_header(&mut i, Part::Response, "X-Id", &m::uuid(None).unwrap(), 0).unwrap();
    assert_eq!(
        i.response.generators.category("header").unwrap()["X-Id"],
        Generator::Uuid { format: None }
    );
}

#[test]
fn body_content_type_resolution() {
    // JSON input: application/json, header added.
    let mut i = interaction();
    dsl::with_body(
        &mut i,
        Part::Request,
        BodyInput::Json(json!({"a": 1})),
        None,
    )
    .unwrap();
    assert_eq!(
        i.request.headers.as_ref().unwrap()["Content-Type"],
        vec!["application/json".to_string()]
    );
    assert_eq!(i.request.body.json(), Some(json!({"a": 1})));

    // Text input: text/plain, sent as is (even if it looks like JSON with matchers).
    let mut i = interaction();
    let text = r#"{"a": {"pact:matcher:type": "type", "value": 1}}"#;
    dsl::with_body(&mut i, Part::Request, BodyInput::Text(text.into()), None).unwrap();
    assert_eq!(
        i.request.headers.as_ref().unwrap()["Content-Type"],
        vec!["text/plain".to_string()]
    );
    assert_eq!(i.request.body.text(), Some(text));

    // Text with a JSON content type is parsed and processed.
    let mut i = interaction();
    dsl::with_body(
        &mut i,
        Part::Response,
        BodyInput::Text(text.into()),
        Some("application/vnd.api+json"),
    )
    .unwrap();
    assert_eq!(i.response.body.json(), Some(json!({"a": 1})));
    assert_eq!(
        body_rules(&i, Part::Response, "$.a"),
        vec![MatchingRule::Type]
    );
    assert_eq!(
        i.response.headers.as_ref().unwrap()["Content-Type"],
        vec!["application/vnd.api+json".to_string()]
    );

    // An existing Content-Type header decides and is kept.
    let mut i = interaction();
    dsl::with_header(
        &mut i,
        Part::Response,
        "content-type",
        &json!("application/hal+json"),
        0,
    )
    .unwrap();
    dsl::with_body(
        &mut i,
        Part::Response,
        BodyInput::Text(r#"{"b": 2}"#.into()),
        None,
    )
    .unwrap();
    assert_eq!(
        i.response.content_type().unwrap().essence(),
        "application/hal+json"
    );
    assert_eq!(i.response.headers.as_ref().unwrap().len(), 1);

    // Bytes: application/octet-stream, no processing.
    let mut i = interaction();
    dsl::with_body(
        &mut i,
        Part::Response,
        BodyInput::Bytes(vec![0, 159, 146, 150]),
        None,
    )
    .unwrap();
    assert_eq!(i.response.body.bytes(), &[0, 159, 146, 150]);
    assert_eq!(
        i.response.headers.as_ref().unwrap()["Content-Type"],
        vec!["application/octet-stream".to_string()]
    );

    assert!(i.response.matching_rules.is_empty());
    // Bytes of a specific type are matched by their detected content type.
    let png = vec![0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1];
    dsl::with_body(
        &mut i,
        Part::Request,
        BodyInput::Bytes(png.clone()),
        Some("image/png"),
    )
    .unwrap();
    assert_eq!(i.request.body.bytes(), png.as_slice());
    assert_eq!(
        body_rules(&i, Part::Request, "$"),
        vec![MatchingRule::ContentType("image/png".into())]
    );

    // An empty body sets no Content-Type.
    let mut e = interaction();
    dsl::with_body(
        &mut e,
        Part::Request,
        BodyInput::Text(String::new()),
        Some("text/plain"),
    )
    .unwrap();
    assert_eq!(e.request.body, pact_mock_server_core::model::Body::Empty);
    assert!(e.request.headers.is_none());

    // Form bodies from a JSON object, with matchers per field.
    let mut i = interaction();
    dsl::with_body(
        &mut i,
        Part::Request,
        BodyInput::Json(json!({"name": "a b", "age": m::integer(Some(json!(3))).unwrap()})),
        Some("application/x-www-form-urlencoded"),
    )
    .unwrap();
    assert_eq!(i.request.body.text(), Some("age=3&name=a+b"));
    assert_eq!(
        body_rules(&i, Part::Request, "$.age"),
        vec![MatchingRule::Integer]
    );

    // A new body replaces the rules of the old one.
    let mut i = with_response_json(json!({"a": m::like(json!(1))}));
    dsl::with_body(
        &mut i,
        Part::Response,
        BodyInput::Json(json!({"b": 1})),
        None,
    )
    .unwrap();
    assert!(i.response.matching_rules.category("body").is_none());

    let e = dsl::with_body(
        &mut i,
        Part::Response,
        BodyInput::Json(json!(1)),
        Some("nonsense"),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidArgument);
}

#[test]
fn response_status_number_string_or_matcher() {
    let mut i = interaction();
    dsl::response_status(&mut i, &json!(201)).unwrap();
    assert_eq!(i.response.status, 201);
    dsl::response_status(&mut i, &json!("404")).unwrap();
    assert_eq!(i.response.status, 404);
    dsl::response_status(&mut i, &m::status_code(json!("serverError"), None).unwrap()).unwrap();
    assert_eq!(i.response.status, 500);
    assert_eq!(
        i.response.matching_rules.category("status").unwrap()[""].rules,
        vec![MatchingRule::StatusCode(StatusClass::ServerError)]
    );
    // The C ABI hands the matcher over as text.
    dsl::response_status(
        &mut i,
        &json!(r#"{"pact:matcher:type":"statusCode","status":[200,204],"value":204}"#),
    )
    .unwrap();
    assert_eq!(i.response.status, 204);
    dsl::response_status(&mut i, &json!(200)).unwrap();
    assert!(i.response.matching_rules.category("status").is_none());

    for bad in [json!(99), json!(600), json!("abc"), json!(true), json!(-1)] {
        let e = dsl::response_status(&mut i, &bad).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument, "{bad}");
    }
    let e = dsl::response_status(
        &mut i,
        &json!({"pact:matcher:type": "statusCode", "status": "success", "value": 404}),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidArgument);
}

#[test]
fn provider_states_with_and_without_params() {
    let mut i = interaction();
    dsl::given(&mut i, "user exists", None);
    let mut params = serde_json::Map::new();
    params.insert("id".into(), json!(42));
    dsl::given(&mut i, "order exists", Some(params.clone()));
    assert_eq!(i.provider_states.len(), 2);
    assert_eq!(i.provider_states[0].name, "user exists");
    assert_eq!(i.provider_states[0].params, None);
    assert_eq!(i.provider_states[1].params, Some(params));
}

#[test]
fn c_strings_become_matchers_only_when_they_are_matcher_json() {
    assert_eq!(
        dsl::value_from_c_string(r#"{"pact:matcher:type":"type","value":"x"}"#),
        json!({"pact:matcher:type": "type", "value": "x"})
    );
    assert_eq!(
        dsl::value_from_c_string(r#"{"pact:generator:type":"Uuid"}"#),
        json!({"pact:generator:type": "Uuid"})
    );
    assert_eq!(dsl::value_from_c_string(r#"{"a":1}"#), json!(r#"{"a":1}"#));
    assert_eq!(dsl::value_from_c_string("/users/1"), json!("/users/1"));
    assert_eq!(dsl::value_from_c_string("{not json"), json!("{not json"));
}

#[test]
fn matchers_json_is_what_pact_js_returns() {
    let mt = "pact:matcher:type";
    let gt = "pact:generator:type";
    assert_eq!(m::like(json!(1)), json!({mt: "type", "value": 1}));
    assert_eq!(
        m::each_like(json!(1), None),
        json!({"min": 1, mt: "type", "value": [1]})
    );
    assert_eq!(
        m::each_like(json!(1), Some(3)),
        json!({"min": 3, mt: "type", "value": [1, 1, 1]})
    );
    assert_eq!(
        m::at_least_one_like(json!("a"), Some(2)),
        json!({"min": 1, mt: "type", "value": ["a", "a"]})
    );
    assert_eq!(
        m::at_least_like(json!(1), 2, None).unwrap(),
        json!({"min": 2, mt: "type", "value": [1, 1]})
    );
    assert_eq!(
        m::at_most_like(json!(1), 5, None).unwrap(),
        json!({"max": 5, mt: "type", "value": [1]})
    );
    assert_eq!(
        m::constrained_array_like(json!(1), 1, 3, Some(2)).unwrap(),
        json!({"min": 1, "max": 3, mt: "type", "value": [1, 1]})
    );
    assert_eq!(
        m::integer(Some(json!(5))).unwrap(),
        json!({mt: "integer", "value": 5})
    );
    assert_eq!(
        m::integer(Some(json!(5.0))).unwrap(),
        json!({mt: "integer", "value": 5})
    );
    assert_eq!(
        m::integer(None).unwrap(),
        json!({gt: "RandomInt", mt: "integer", "value": 101})
    );
    assert_eq!(m::decimal(Some(1.5)), json!({mt: "decimal", "value": 1.5}));
    assert_eq!(m::decimal(Some(2.0)), json!({mt: "decimal", "value": 2}));
    assert_eq!(
        m::decimal(None),
        json!({gt: "RandomDecimal", mt: "decimal", "value": 12.34})
    );
    assert_eq!(m::number(Some(3.0)), json!({mt: "number", "value": 3}));
    assert_eq!(
        m::number(None),
        json!({gt: "RandomInt", mt: "number", "value": 1234})
    );
    assert_eq!(m::boolean(None), json!({mt: "type", "value": true}));
    assert_eq!(m::string(None), json!({mt: "type", "value": "some string"}));
    assert_eq!(
        m::string(Some("x".into())),
        json!({mt: "type", "value": "x"})
    );
    assert_eq!(
        m::regex("\\d+", "1").unwrap(),
        json!({mt: "regex", "regex": "\\d+", "value": "1"})
    );
    assert_eq!(m::equal(json!([1])), json!({mt: "equality", "value": [1]}));
    assert_eq!(m::includes("ab"), json!({mt: "include", "value": "ab"}));
    assert_eq!(m::null_value(), json!({mt: "null", "value": null}));
    assert_eq!(
        m::datetime("yyyy-MM-dd", Some("2020-01-01")).unwrap(),
        json!({mt: "timestamp", "format": "yyyy-MM-dd", "value": "2020-01-01"})
    );
    assert_eq!(
        m::timestamp("yyyy", Some("2020")).unwrap(),
        json!({mt: "timestamp", "format": "yyyy", "value": "2020"})
    );
    assert_eq!(
        m::date("yyyy", Some("2020")).unwrap(),
        json!({mt: "date", "format": "yyyy", "value": "2020"})
    );
    assert_eq!(
        m::time("HH", Some("10")).unwrap(),
        json!({mt: "time", "format": "HH", "value": "10"})
    );
    assert_eq!(
        m::uuid(Some("e2490de5-5bd3-43d5-b7c4-526e33f71304")).unwrap(),
        json!({mt: "regex", "regex": m::UUID_REGEX, "value": "e2490de5-5bd3-43d5-b7c4-526e33f71304"})
    );
    assert_eq!(
        m::uuid(None).unwrap(),
        json!({mt: "regex", "regex": m::UUID_REGEX, gt: "Uuid", "value": "e2490de5-5bd3-43d5-b7c4-526e33f71304"})
    );
    assert_eq!(
        m::url(
            Some("http://api"),
            vec![json!("a"), m::regex("\\d+", "7").unwrap()]
        )
        .unwrap(),
        json!({mt: "regex", "regex": ".*(\\/a\\/\\d+)$", "value": "http://api/a/7"})
    );
    assert_eq!(
        m::array_containing(vec![json!(1)]),
        json!({mt: "arrayContains", "variants": [1]})
    );
    assert_eq!(
        m::each_value_matches(json!({"a": 1}), vec![m::integer(Some(json!(1))).unwrap()]),
        json!({mt: "eachValue", "rules": [{mt: "integer", "value": 1}], "value": {"a": 1}})
    );
    assert_eq!(
        m::each_key_matches(json!({"a": 1}), vec![]),
        json!({mt: "eachKey", "rules": [{mt: "type", "value": "key"}], "value": {"a": 1}})
    );
    assert_eq!(
        m::not_empty(json!("x")),
        json!({mt: "notEmpty", "value": "x"})
    );
    assert_eq!(
        m::semver("1.2.3").unwrap(),
        json!({mt: "semver", "value": "1.2.3"})
    );
    assert_eq!(
        m::content_type("image/png"),
        json!({mt: "contentType", "value": "image/png"})
    );
    assert_eq!(
        m::status_code(json!("clientError"), Some(404)).unwrap(),
        json!({mt: "statusCode", "status": "clientError", "value": 404})
    );
    assert_eq!(
        m::status_code(json!([201, 202]), None).unwrap(),
        json!({mt: "statusCode", "status": [201, 202], "value": 201})
    );
    assert_eq!(
        m::from_provider_state("${id}", json!(1)),
        json!({mt: "type", gt: "ProviderState", "expression": "${id}", "value": 1})
    );
}

#[test]
fn matchers_reject_what_pact_js_rejects() {
    let invalid = ErrorCode::InvalidArgument;
    let e = m::at_least_like(json!(1), 3, Some(2)).unwrap_err();
    assert_eq!(e.code, invalid);
    assert!(e.message.contains("minimum of 3 but 2"), "{}", e.message);
    assert_eq!(
        m::at_most_like(json!(1), 2, Some(3)).unwrap_err().code,
        invalid
    );
    assert_eq!(
        m::constrained_array_like(json!(1), 2, 4, Some(1))
            .unwrap_err()
            .code,
        invalid
    );
    assert_eq!(
        m::constrained_array_like(json!(1), 2, 4, Some(5))
            .unwrap_err()
            .code,
        invalid
    );
    let e = m::integer(Some(json!(1.5))).unwrap_err();
    assert_eq!(e.code, invalid);
    assert!(e.message.contains("not an integer"), "{}", e.message);
    assert_eq!(m::integer(Some(json!("x"))).unwrap_err().code, invalid);
    let e = m::uuid(Some("not-a-uuid")).unwrap_err();
    assert_eq!(e.code, invalid);
    assert!(
        e.message.contains("does not match the UUID"),
        "{}",
        e.message
    );
    assert_eq!(
        m::regex("(", "x").unwrap_err().code,
        ErrorCode::InvalidRegex
    );
    assert_eq!(m::semver("1.2").unwrap_err().code, invalid);
    assert_eq!(
        m::status_code(json!("weird"), None).unwrap_err().code,
        invalid
    );
    assert_eq!(
        m::status_code(json!("success"), Some(404))
            .unwrap_err()
            .code,
        invalid
    );
    assert_eq!(m::url(None, vec![json!(true)]).unwrap_err().code, invalid);
    assert_eq!(m::datetime("yyyy-qq", None).unwrap_err().code, invalid);
}

#[test]
fn dates_without_example_get_a_generated_one_and_a_generator() {
    use pact_mock_server_core::model::datetime::JavaDateFormat;
    for (v, format, kind) in [
        (
            m::datetime("yyyy-MM-dd'T'HH:mm:ss", None).unwrap(),
            "yyyy-MM-dd'T'HH:mm:ss",
            "DateTime",
        ),
        (m::date("dd/MM/yyyy", None).unwrap(), "dd/MM/yyyy", "Date"),
        (m::time("HH:mm", None).unwrap(), "HH:mm", "Time"),
    ] {
        assert_eq!(v["pact:generator:type"], json!(kind));
        let example = v["value"].as_str().unwrap();
        assert!(
            JavaDateFormat::new(format).unwrap().check(example).is_ok(),
            "{example} is not in {format}"
        );
    }
}

fn pact_with(i: Interaction) -> Pact {
    let mut p = Pact::new("consumer", "provider");
    p.interactions.push(i);
    p
}

#[test]
fn built_interactions_round_trip_through_pact_files() {
    let mut i = interaction();
    dsl::given(&mut i, "state", None);
    dsl::with_request(&mut i, "GET", &m::regex("/items/\\d+", "/items/1").unwrap()).unwrap();
    dsl::with_query_parameter(&mut i, "page", &m::integer(Some(json!(1))).unwrap(), 0).unwrap();
    dsl::with_header(&mut i, Part::Request, "Accept", &m::includes("json"), 0).unwrap();
    dsl::response_status(
        &mut i,
        &m::status_code(json!("success"), Some(200)).unwrap(),
    )
    .unwrap();
    dsl::with_body(
        &mut i,
        Part::Response,
        BodyInput::Json(json!({
            "items": m::each_like(json!({"id": m::integer(None).unwrap(), "name with space": m::string(None)}), None),
            "when": m::datetime("yyyy-MM-dd", Some("2020-01-01")).unwrap(),
        })),
        None,
    )
    .unwrap();
    let pact = pact_with(i.clone());

    for spec in [SpecVersion::V3, SpecVersion::V4] {
        let json = pact.to_json_as(spec).unwrap();
        let back = Pact::from_json(&json).unwrap();
        let bi = &back.interactions[0];
        assert_eq!(
            bi.request.matching_rules, i.request.matching_rules,
            "{spec} request rules"
        );
        assert_eq!(
            bi.response.matching_rules, i.response.matching_rules,
            "{spec} response rules"
        );
        assert_eq!(
            bi.response.generators, i.response.generators,
            "{spec} generators"
        );
        assert_eq!(
            bi.response.body.json(),
            i.response.body.json(),
            "{spec} body"
        );
        assert_eq!(bi.request.path, "/items/1");
    }
    let v3 = pact.to_json_as(SpecVersion::V3).unwrap();
    let resp = &v3["interactions"][0]["response"];
    assert_eq!(
        resp["matchingRules"]["body"]["$.items[*].id"],
        json!({"combine": "AND", "matchers": [{"match": "integer"}]})
    );
    assert_eq!(
        resp["matchingRules"]["body"]["$.items[*]['name with space']"],
        json!({"combine": "AND", "matchers": [{"match": "type"}]})
    );
    assert_eq!(
        resp["generators"]["body"]["$.items[*].id"],
        json!({"type": "RandomInt", "min": 0, "max": 10})
    );
    assert_eq!(
        v3["interactions"][0]["request"]["matchingRules"]["path"],
        json!({"combine": "AND", "matchers": [{"match": "regex", "regex": "/items/\\d+"}]})
    );
    // V2: flat keys, first matcher per path, no generators.
    let v2 = pact.to_json_as(SpecVersion::V2).unwrap();
    let resp = &v2["interactions"][0]["response"];
    assert_eq!(
        resp["matchingRules"]["$.body.items"],
        json!({"match": "type", "min": 1})
    );
    assert_eq!(
        resp["matchingRules"]["$.body.items[*].id"],
        json!({"match": "integer"})
    );
    assert!(resp.get("generators").is_none());
    assert_eq!(
        v2["interactions"][0]["request"]["matchingRules"]["$.path"],
        json!({"match": "regex", "regex": "/items/\\d+"})
    );
}

#[test]
fn later_indexes_move_a_whole_list_rule_to_the_first_value() {
    let mut i = interaction();
    dsl::with_header(
        &mut i,
        Part::Request,
        "X-Id",
        &m::regex("\\d+", "1").unwrap(),
        0,
    )
    .unwrap();
    let header = |i: &Interaction| {
        i.request
            .matching_rules
            .category("header")
            .cloned()
            .unwrap()
    };
    assert!(header(&i).contains_key("X-Id"));
    dsl::with_header(
        &mut i,
        Part::Request,
        "x-id",
        &m::regex("[a-z]+", "a").unwrap(),
        1,
    )
    .unwrap();
    let rules = header(&i);
    assert_eq!(rules.keys().collect::<Vec<_>>(), vec!["X-Id[0]", "X-Id[1]"]);
    assert_eq!(
        rules["X-Id[0]"].rules,
        vec![MatchingRule::Regex("\\d+".into())]
    );
    assert_eq!(
        i.request.headers.as_ref().unwrap()["X-Id"],
        vec!["1".to_string(), "a".to_string()]
    );

    dsl::with_query_parameter(&mut i, "q", &m::integer(Some(json!(1))).unwrap(), 0).unwrap();
    dsl::with_query_parameter(&mut i, "q", &m::includes("b"), 1).unwrap();
    let q = i.request.matching_rules.category("query").unwrap();
    assert_eq!(q["q[0]"].rules, vec![MatchingRule::Integer]);
    assert_eq!(q["q[1]"].rules, vec![MatchingRule::Include("b".into())]);
}

#[test]
fn a_plain_first_header_value_replaces_only_the_first_and_value_objects_unwrap() {
    let mut i = interaction();
    dsl::with_header(&mut i, Part::Request, "X-A", &json!(["1", "2"]), 0).unwrap();
    dsl::with_header(&mut i, Part::Request, "X-A", &json!("0"), 0).unwrap();
    assert_eq!(
        i.request.headers.as_ref().unwrap()["X-A"],
        vec!["0".to_string(), "2".to_string()]
    );
    // `{"value": [...]}` without a matcher (libpact_ffi's multi-value form).
    dsl::with_header(
        &mut i,
        Part::Request,
        "X-B",
        &json!({"value": ["a", "b"]}),
        0,
    )
    .unwrap();
    assert_eq!(
        i.request.headers.as_ref().unwrap()["X-B"],
        vec!["a".to_string(), "b".to_string()]
    );
    dsl::with_query_parameter(&mut i, "id", &json!({"value": ["2", "3"]}), 0).unwrap();
    assert_eq!(
        i.request.query.as_ref().unwrap()["id"],
        vec![Some("2".to_string()), Some("3".to_string())]
    );
    assert!(i.request.matching_rules.is_empty());
    assert_eq!(
        dsl::with_query_parameter(&mut i, "", &json!("x"), 0)
            .unwrap_err()
            .code,
        ErrorCode::InvalidArgument
    );
    for bad in [usize::MAX, 1 << 40] {
        let e = dsl::with_query_parameter(&mut i, "q", &json!("x"), bad).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument);
        let e = dsl::with_header(&mut i, Part::Request, "X-A", &json!("x"), bad).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument);
    }
    dsl::with_header(&mut i, Part::Request, "X-Empty", &Value::Null, 0).unwrap();
    assert_eq!(
        i.request.headers.as_ref().unwrap()["X-Empty"],
        vec![String::new()]
    );
    assert_eq!(
        dsl::with_header(&mut i, Part::Request, " ", &json!("x"), 0)
            .unwrap_err()
            .code,
        ErrorCode::InvalidArgument
    );
}

#[test]
fn provider_state_values_with_an_empty_matcher_type_only_add_the_generator() {
    // The shape some pact-js versions send for fromProviderState.
    let i = with_response_json(json!({"id": {
        "pact:matcher:type": "",
        "pact:generator:type": "ProviderState",
        "expression": "${id}",
        "value": 7
    }}));
    assert_eq!(response_body(&i), json!({"id": 7}));
    assert!(body_rules(&i, Part::Response, "$.id").is_empty());
    assert_eq!(
        body_generator(&i, "$.id"),
        Some(Generator::ProviderState {
            expression: "${id}".into(),
            data_type: None
        })
    );
}

#[test]
fn v4_only_matchers_round_trip_through_v4_files() {
    let mut i = interaction();
    dsl::with_header(
        &mut i,
        Part::Response,
        "X-Trace",
        &m::uuid(None).unwrap(),
        0,
    )
    .unwrap();
    dsl::with_body(
        &mut i,
        Part::Response,
        BodyInput::Json(json!({
            "actions": m::array_containing(vec![json!({"id": m::integer(None).unwrap()}), json!("plain")]),
            "tags": m::each_value_matches(json!({"a": "x"}), vec![m::regex("[a-z]", "x").unwrap()]),
            "keys": m::each_key_matches(json!({"k1": 1}), vec![m::regex("k\\d", "k1").unwrap()]),
            "name": m::not_empty(json!("n")),
            "version": m::semver("1.0.0").unwrap(),
            "both": {"pact:matcher:type": [{"pact:matcher:type": "type"}, {"pact:matcher:type": "include", "value": "b"}], "value": "abc"},
        })),
        None,
    )
    .unwrap();
    let pact = pact_with(i.clone());
    let back = Pact::from_json(&pact.to_json_as(SpecVersion::V4).unwrap()).unwrap();
    let bi = &back.interactions[0];
    assert_eq!(bi.response.matching_rules, i.response.matching_rules);
    assert_eq!(bi.response.generators, i.response.generators);
    assert_eq!(
        bi.response.body.json(),
        Some(json!({
            "actions": [{"id": 101}, "plain"],
            "tags": {"a": "x"},
            "keys": {"k1": 1},
            "name": "n",
            "version": "1.0.0",
            "both": "abc"
        }))
    );
    let v4 = pact.to_json_as(SpecVersion::V4).unwrap();
    let variants = &v4["interactions"][0]["response"]["matchingRules"]["body"]["$.actions"]
        ["matchers"][0]["variants"];
    assert_eq!(
        variants[0]["rules"]["$.id"]["matchers"][0],
        json!({"match": "integer"})
    );
    assert_eq!(
        variants[0]["generators"]["$.id"],
        json!({"type": "RandomInt", "min": 0, "max": 10})
    );
    assert_eq!(variants[1]["index"], json!(1));
}

#[test]
fn xml_builder_documents_become_xml_with_rules() {
    // The shape pact-js XmlBuilder produces.
    let doc = json!({
        "version": "1.0",
        "charset": "UTF-8",
        "root": {
            "name": "ns1:projects",
            "attributes": {"id": "1234", "xmlns:ns1": "http://some.namespace/and/more/stuff"},
            "children": [{
                "pact:matcher:type": "type",
                "min": 1,
                "examples": 2,
                "value": {
                    "name": "ns1:project",
                    "attributes": {"id": m::integer(Some(json!(1))).unwrap(), "type": "activity"},
                    "children": [
                        {"name": "ns1:name", "children": [{"content": "Project 1", "matcher": m::string(Some("Project 1".into()))}]},
                        {"name": "ns1:empty"}
                    ]
                }
            }]
        }
    });
    let mut i = interaction();
    dsl::with_body(
        &mut i,
        Part::Response,
        BodyInput::Json(doc.clone()),
        Some("application/xml"),
    )
    .unwrap();
    let text = i.response.body.text().unwrap().to_string();
    let project = r#"<ns1:project id='1' type='activity'><ns1:name>Project 1</ns1:name><ns1:empty/></ns1:project>"#;
    assert_eq!(
        text,
        format!(
            r#"<?xml version='1.0'?><ns1:projects id='1234' xmlns:ns1='http://some.namespace/and/more/stuff'>{project}{project}</ns1:projects>"#
        )
    );
    assert!(roxmltree::Document::parse(&text).is_ok());
    assert_eq!(
        body_rules(&i, Part::Response, "$.ns1:projects.ns1:project"),
        vec![MatchingRule::MinType(1)]
    );
    assert_eq!(
        body_rules(&i, Part::Response, "$.ns1:projects.ns1:project['@id']"),
        vec![MatchingRule::Integer]
    );
    assert_eq!(
        body_rules(
            &i,
            Part::Response,
            "$.ns1:projects.ns1:project.ns1:name.#text"
        ),
        vec![MatchingRule::Type]
    );
    // The C ABI sends the same document as text.
    let mut j = interaction();
    dsl::with_body(
        &mut j,
        Part::Response,
        BodyInput::Text(doc.to_string()),
        Some("application/xml"),
    )
    .unwrap();
    assert_eq!(j.response.body.text().unwrap(), text);
    assert_eq!(j.response.matching_rules, i.response.matching_rules);

    let e = dsl::with_body(
        &mut j,
        Part::Response,
        BodyInput::Json(json!({"root": {"children": []}})),
        Some("application/xml"),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidArgument);
    assert!(e.message.contains("name"), "{}", e.message);
}

#[test]
fn huge_example_counts_are_capped_not_fatal() {
    let v = m::each_like(json!(1), Some(u32::MAX));
    assert_eq!(v["min"], json!(u32::MAX));
    assert_eq!(
        v["value"].as_array().unwrap().len(),
        m::MAX_EXAMPLES as usize
    );
    let e = dsl::with_body(
        &mut interaction(),
        Part::Response,
        BodyInput::Json(
            json!({"root": {"name": "a", "children": [{"name": "b", "examples": 1u64 << 40}]}}),
        ),
        Some("application/xml"),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidArgument);
}

#[test]
fn matcher_id_aliases_are_understood() {
    let i = with_response_json(json!({
        "real": {"pact:matcher:type": "real", "value": 1.5},
        "ct": {"pact:matcher:type": "content-type", "value": "text/plain"},
        "ac": {"pact:matcher:type": "array-contains", "variants": [1]},
        "sc": {"pact:matcher:type": "status-code", "status": [200], "value": 200},
        "ne": {"pact:matcher:type": "not-empty", "value": "x"},
        "ek": {"pact:matcher:type": "each-key", "rules": [{"pact:matcher:type": "regex", "regex": "a"}], "value": {"a": 1}},
        "ev": {"pact:matcher:type": "each-value", "rules": [{"match": "integer"}], "value": {"a": 1}},
        "min": {"pact:matcher:type": "min", "min": 1, "value": [1]},
        "maxType": {"pact:matcher:type": "max-type", "max": 2, "value": [1]},
    }));
    let r = |p: &str| body_rules(&i, Part::Response, p);
    assert_eq!(r("$.real"), vec![MatchingRule::Decimal]);
    assert_eq!(
        r("$.ct"),
        vec![MatchingRule::ContentType("text/plain".into())]
    );
    assert!(matches!(r("$.ac").as_slice(), [MatchingRule::ArrayContains(v)] if v.len() == 1));
    assert_eq!(
        r("$.sc"),
        vec![MatchingRule::StatusCode(StatusClass::Codes(vec![200]))]
    );
    assert_eq!(r("$.ne"), vec![MatchingRule::NotEmpty]);
    assert_eq!(
        r("$.ek"),
        vec![MatchingRule::EachKey(
            vec![MatchingRule::Regex("a".into())],
            Some(r#"{"a":1}"#.into())
        )]
    );
    assert_eq!(
        r("$.ev"),
        vec![MatchingRule::EachValue(
            vec![MatchingRule::Integer],
            Some(r#"{"a":1}"#.into())
        )]
    );
    assert_eq!(r("$.min"), vec![MatchingRule::MinType(1)]);
    assert_eq!(r("$.maxType"), vec![MatchingRule::MaxType(2)]);
    assert_eq!(response_body(&i)["ac"], json!([1]));
}

#[test]
fn property_paths_are_written_as_libpact_ffi_writes_them() {
    assert_eq!(dsl::join_field("$", "name_1"), "$.name_1");
    assert_eq!(dsl::join_field("$", "_x"), "$._x");
    assert_eq!(dsl::join_field("$", "x-y"), "$['x-y']");
    assert_eq!(dsl::join_field("$", "1st"), "$['1st']");
    assert_eq!(dsl::join_field("$", "a\\b"), "$['a\\\\b']");
    assert_eq!(dsl::join_field("$", ""), "$['']");
    assert_eq!(dsl::join_field("$.a", "é"), "$.a['é']");
}

#[test]
fn generator_settings_are_checked_when_defined() {
    for (g, needle) in [
        (
            json!({"pact:generator:type": "Date", "format": "yyyy-qq", "value": "x"}),
            "'q'",
        ),
        (
            json!({"pact:generator:type": "DateTime", "expression": "next blue moon", "value": "x"}),
            "blue",
        ),
        (
            json!({"pact:generator:type": "Uuid", "format": "weird", "value": "x"}),
            "weird",
        ),
        (
            json!({"pact:generator:type": "RandomInt", "min": 5, "max": 1, "value": 3}),
            "greater",
        ),
    ] {
        let e = dsl::with_body(
            &mut interaction(),
            Part::Response,
            BodyInput::Json(json!({"v": g})),
            None,
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument, "{}", e.message);
        assert!(
            e.message.contains(needle) && e.message.contains("$.v"),
            "{}",
            e.message
        );
    }
    // A regex the generator cannot produce from is accepted (the example is then sent).
    let i = with_response_json(
        json!({"v": {"pact:generator:type": "Regex", "regex": "a\\bb", "value": "x"}}),
    );
    assert_eq!(response_body(&i), json!({"v": "x"}));
}

#[test]
fn unreadable_date_formats_fail_at_the_dsl_call() {
    let e = dsl::with_body(
        &mut interaction(),
        Part::Response,
        BodyInput::Json(
            json!({"d": {"pact:matcher:type": "date", "format": "yyyy-qq", "value": "x"}}),
        ),
        None,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidArgument);
    assert!(
        e.message.contains("$.d") && e.message.contains("'q'"),
        "{}",
        e.message
    );
    // An example outside its own format is accepted (and logged).
    let i = with_response_json(json!({"d": m::date("yyyy-MM-dd", Some("01/02/2020")).unwrap()}));
    assert_eq!(response_body(&i), json!({"d": "01/02/2020"}));
}

// ---------------------------------------------------------------- comments, rules, multipart

/// The interaction as a V4 pact file writes it.
fn v4_json(i: &Interaction) -> Value {
    let mut pact = Pact::new("c", "p");
    pact.interactions.push(i.clone());
    pact.to_json().unwrap()["interactions"][0].clone()
}

#[test]
fn comments_test_name_and_references_as_libpact_ffi_writes_them() {
    use dsl::comments;
    let mut i = interaction();
    i.add_comment("first");
    comments::set_comment(&mut i.comments, "num", json!("42")).unwrap();
    comments::set_comment(&mut i.comments, "obj", json!({"a": 1})).unwrap();
    comments::set_comment(&mut i.comments, "txt", json!("plain text")).unwrap();
    comments::set_comment(&mut i.comments, "gone", json!(1)).unwrap();
    comments::set_comment(&mut i.comments, "gone", Value::Null).unwrap();
    comments::set_test_name(&mut i.comments, "t1");
    comments::set_test_name(&mut i.comments, "t2");
    comments::add_reference(&mut i.comments, "issues", "a", json!("1")).unwrap();
    comments::add_reference(&mut i.comments, "issues", "b", json!("PROJ-2")).unwrap();
    assert_eq!(
        v4_json(&i)["comments"],
        json!({
            "text": ["first"], "num": 42, "obj": {"a": 1}, "txt": "plain text",
            "testname": "t2", "references": {"issues": {"a": 1, "b": "PROJ-2"}}
        })
    );
    let e = comments::set_comment(&mut i.comments, "", json!(1)).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidArgument);
}

#[test]
fn matching_rules_in_the_pact_file_layout_are_added_after_existing_ones() {
    let mut i = interaction();
    dsl::with_body(
        &mut i,
        Part::Request,
        BodyInput::Json(json!({"a": m::like(json!("1")), "b": 2})),
        None,
    )
    .unwrap();
    dsl::with_matching_rules(
        &mut i,
        Part::Request,
        &json!({
            "body": {
                "$.a": {"matchers": [{"match": "regex", "regex": "\\d+"}]},
                "$.b": {"matchers": [{"match": "type"}, {"match": "integer"}], "combine": "OR"}
            },
            "header": {"X-A": {"matchers": [{"match": "regex", "regex": "a"}]}},
            "query": {"q": {"matchers": [{"pact:matcher:type": "type"}]}},
            "path": {"$": {"matchers": [{"match": "regex", "regex": "/x/\\d+"}]}}
        }),
    )
    .unwrap();
    dsl::with_matching_rules(
        &mut i,
        Part::Response,
        &json!({"status": {"$": {"matchers": [{"match": "statusCode", "status": "success"}]}}}),
    )
    .unwrap();
    let written = v4_json(&i);
    assert_eq!(
        written["request"]["matchingRules"],
        json!({
            "body": {
                "$.a": {"combine": "AND", "matchers": [{"match": "type"}, {"match": "regex", "regex": "\\d+"}]},
                "$.b": {"combine": "OR", "matchers": [{"match": "type"}, {"match": "integer"}]}
            },
            "header": {"X-A": {"combine": "AND", "matchers": [{"match": "regex", "regex": "a"}]}},
            "query": {"q": {"combine": "AND", "matchers": [{"match": "type"}]}},
            "path": {"combine": "AND", "matchers": [{"match": "regex", "regex": "/x/\\d+"}]}
        })
    );
    assert_eq!(
        written["response"]["matchingRules"],
        json!({"status": {"$": {"combine": "AND", "matchers": [{"match": "statusCode", "status": "success"}]}}})
    );
}

#[test]
fn matching_rules_that_are_wrong_are_refused_whole() {
    let before = interaction();
    for (rules, code, needle) in [
        (
            json!({"body": {"$.a": {"matchers": [{"match": "bogus"}]}}}),
            ErrorCode::UnknownMatcher,
            "bogus",
        ),
        (
            json!({"header": {"X": {"matchers": [{"match": "type"}]}}, "body": {"$.a": {"matchers": [{"match": "regex", "regex": "("}]}}}),
            ErrorCode::InvalidRegex,
            "(",
        ),
        (
            json!({"nope": {"$.a": {"matchers": [{"match": "type"}]}}}),
            ErrorCode::InvalidArgument,
            "nope",
        ),
        (
            json!({"body": {"$.a[": {"matchers": [{"match": "type"}]}}}),
            ErrorCode::InvalidArgument,
            "$.a[",
        ),
        (
            json!({"body": {"$.a": {"matchers": "type"}}}),
            ErrorCode::InvalidArgument,
            "matchers",
        ),
        (json!([1]), ErrorCode::InvalidArgument, "object"),
    ] {
        let mut i = before.clone();
        let e = dsl::with_matching_rules(&mut i, Part::Request, &rules).unwrap_err();
        assert_eq!(e.code, code, "{rules}: {}", e.message);
        assert!(e.message.contains(needle), "{rules}: {}", e.message);
        assert_eq!(i, before, "nothing added for {rules}");
    }
}

#[test]
fn a_multipart_body_is_built_as_libpact_ffi_builds_it() {
    let png = vec![0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 255];
    let mut i = interaction();
    dsl::with_header(
        &mut i,
        Part::Request,
        "Content-Type",
        &json!("text/plain"),
        0,
    )
    .unwrap();
    dsl::with_body(&mut i, Part::Request, BodyInput::Text("x".into()), None).unwrap();
    dsl::with_multipart_body(
        &mut i,
        Part::Request,
        "image/png",
        png.clone(),
        "file",
        Some("upload.png"),
        Some("XYZboundary"),
    )
    .unwrap();
    let mut expected = b"--XYZboundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload.png\"\r\nContent-Type: image/png\r\n\r\n".to_vec();
    expected.extend_from_slice(&png);
    expected.extend_from_slice(b"\r\n--XYZboundary--\r\n");
    assert_eq!(i.request.body.bytes(), &expected[..]);
    let written = v4_json(&i);
    assert_eq!(
        written["request"]["headers"],
        json!({"Content-Type": ["multipart/form-data; boundary=XYZboundary"]})
    );
    assert_eq!(
        written["request"]["matchingRules"],
        json!({
            "header": {"Content-Type": {"combine": "AND", "matchers": [{"match": "regex", "regex": "multipart/form-data;(\\s*charset=[^;]*;)?\\s*boundary=.*"}]}},
            "body": {"$.file": {"combine": "AND", "matchers": [{"match": "contentType", "value": "image/png"}]}}
        })
    );

    // A request with another boundary and other PNG bytes matches; another type does not.
    let upload = |ct: &str, bytes: &[u8]| {
        let mut body = format!("--other\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: {ct}\r\n\r\n").into_bytes();
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n--other--\r\n");
        let mut r = i.request.clone();
        r.headers = Some(
            [(
                "Content-Type".to_string(),
                vec!["multipart/form-data; boundary=other".to_string()],
            )]
            .into_iter()
            .collect(),
        );
        r.body = pact_mock_server_core::model::Body::from_bytes(body, None);
        pact_mock_server_core::matching::match_request(&i.request, &r, SpecVersion::V4).unwrap()
    };
    let other_png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9];
    assert_eq!(upload("image/png", &other_png), vec![]);
    assert!(!upload("text/plain", b"hello").is_empty());
}

#[test]
fn multipart_names_boundaries_and_content_types() {
    let mut i = interaction();
    dsl::with_multipart_body(
        &mut i,
        Part::Response,
        "text/plain",
        b"hi".to_vec(),
        "my \"file\"",
        None,
        None,
    )
    .unwrap();
    let ct = i.response.headers.as_ref().unwrap()["Content-Type"][0].clone();
    let boundary = ct.strip_prefix("multipart/form-data; boundary=").unwrap();
    assert!(
        boundary.len() == 16 && boundary.chars().all(|c| c.is_ascii_alphanumeric()),
        "{boundary}"
    );
    let body = String::from_utf8(i.response.body.bytes().to_vec()).unwrap();
    assert!(
        body.contains("Content-Disposition: form-data; name=\"my %22file%22\"\r\n"),
        "{body}"
    );
    assert!(i.response.matching_rules.categories["body"].contains_key("$['my \"file\"']"));
    for (ct, name, boundary, needle) in [
        ("nope", "f", None, "content type"),
        ("text/plain", "", None, "part name"),
        ("text/plain", "f", Some("bad\"boundary"), "boundary"),
        ("text/plain", "f", Some("ends in space "), "boundary"),
    ] {
        let e = dsl::with_multipart_body(
            &mut interaction(),
            Part::Request,
            ct,
            vec![],
            name,
            None,
            boundary,
        )
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument);
        assert!(e.message.contains(needle), "{}", e.message);
    }
}
