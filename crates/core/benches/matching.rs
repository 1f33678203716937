//! Matching throughput: a ~100 KB JSON body with an eachLike of 500 objects, and one request
//! matched against all 100 interactions of a pact (as the mock server does per request).
//! Run with `cargo bench --bench matching`; prints nanoseconds per match.

use pact_mock_server_core::matching::{PreparedRequest, RequestMatcher};
use pact_mock_server_core::model::{Body, Headers, MatchingRules, Request, SpecVersion};
use serde_json::{json, Value};
use std::hint::black_box;
use std::time::Instant;

fn json_headers() -> Option<Headers> {
    let mut h = Headers::new();
    h.insert("Content-Type".into(), vec!["application/json".into()]);
    Some(h)
}

fn item(i: usize) -> Value {
    json!({
        "id": i,
        "name": format!("item number {i}"),
        "price": 10.5 + i as f64,
        "tags": ["alpha", "beta", "gamma"],
        "description": "a plain item used to fill the body",
        "created": "2024-02-29T12:30:00+01:00",
        "owner": {"email": format!("user{i}@example.com"), "active": true}
    })
}

fn each_like_rules() -> MatchingRules {
    MatchingRules::from_json(&json!({"body": {
        "$.items": {"matchers": [{"match": "type", "min": 1}]},
        "$.items[*].id": {"matchers": [{"match": "integer"}]},
        "$.items[*].price": {"matchers": [{"match": "decimal"}]},
        "$.items[*].created": {"matchers": [{"match": "datetime", "format": "yyyy-MM-dd'T'HH:mm:ssXXX"}]},
        "$.items[*].owner.email": {"matchers": [{"match": "regex", "regex": "[^@]+@[^@]+"}]}
    }}))
    .expect("static rules")
}

fn time<F: FnMut()>(name: &str, iterations: u32, mut f: F) {
    for _ in 0..iterations.min(10) {
        f();
    }
    let start = Instant::now();
    for _ in 0..iterations {
        f();
    }
    let per = start.elapsed().as_nanos() / u128::from(iterations);
    println!("{name}: {per} ns per match ({iterations} iterations)");
}

fn main() {
    // 1. A large body against an eachLike.
    let mut expected = Request::new("POST", "/items");
    expected.headers = json_headers();
    expected.body = Body::from_json(&json!({"items": [item(0)]}));
    expected.matching_rules = each_like_rules();
    let matcher = RequestMatcher::new(&expected, SpecVersion::V4).expect("compiles");
    let mut actual = Request::new("POST", "/items");
    actual.headers = json_headers();
    actual.body = Body::from_json(&json!({"items": (0..500).map(item).collect::<Vec<_>>()}));
    println!("eachLike body: {} bytes", actual.body.bytes().len());
    assert!(
        matcher.mismatches(&actual).is_empty(),
        "the large body should match"
    );
    time("eachLike of 500 objects (~100 KB)", 200, || {
        black_box(matcher.mismatches(black_box(&actual)));
    });
    time("  of which parsing the actual JSON body", 200, || {
        black_box(serde_json::from_slice::<Value>(black_box(actual.body.bytes())).ok());
    });

    // 2. One request against 100 interactions.
    let matchers: Vec<RequestMatcher> = (0..100)
        .map(|i| {
            let mut r = Request::new(
                if i % 2 == 0 { "GET" } else { "POST" },
                &format!("/resource/{i}"),
            );
            r.headers = json_headers();
            r.body = Body::from_json(&json!({"items": [item(i)]}));
            r.matching_rules = each_like_rules();
            RequestMatcher::new(&r, SpecVersion::V4).expect("compiles")
        })
        .collect();
    let mut request = Request::new("POST", "/resource/57");
    request.headers = json_headers();
    request.body = Body::from_json(&json!({"items": [item(1), item(2)]}));
    let matched = matchers
        .iter()
        .filter(|m| m.mismatches(&request).is_empty())
        .count();
    assert_eq!(matched, 1, "exactly one interaction should match");
    time("one request against 100 interactions", 2_000, || {
        for m in &matchers {
            black_box(m.mismatches(black_box(&request)));
        }
    });
    time(
        "one request against 100 interactions, body parsed once (PreparedRequest)",
        2_000,
        || {
            let prepared = PreparedRequest::new(black_box(&request));
            for m in &matchers {
                black_box(m.mismatches_prepared(&prepared));
            }
        },
    );
}
