//! The Pact model and pact files: every version read and written back unchanged, layouts of
//! each version, merging, concurrent writers, unsafe names, and errors on bad input.

use pact_mock_server_core::matching::{match_request, match_response};
use pact_mock_server_core::model::file::write_pact_file;
use pact_mock_server_core::model::{
    Body, Interaction, MatchingRule, Pact, Request, Response, SpecVersion,
};
use pact_mock_server_core::ErrorCode;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pacts")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pact-model-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn every_version_reads_and_writes_back_the_same_json() {
    for (file, spec) in [
        ("v1.json", SpecVersion::V1),
        ("v1_1.json", SpecVersion::V1_1),
        ("v2.json", SpecVersion::V2),
        ("v3.json", SpecVersion::V3),
        ("v4.json", SpecVersion::V4),
    ] {
        let original = fixture(file);
        let pact = Pact::from_json(&original).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(pact.spec, spec, "{file}");
        let written = pact.to_json().unwrap();
        assert_eq!(
            written,
            original,
            "{file} changed on a round trip:\n{}",
            serde_json::to_string_pretty(&written).unwrap()
        );
    }
}

#[test]
fn the_model_holds_what_the_file_says() {
    let v3 = Pact::from_json(&fixture("v3.json")).unwrap();
    let i = &v3.interactions[0];
    assert_eq!(
        i.provider_states[0].params.as_ref().unwrap()["id"],
        json!(42)
    );
    let query = i.request.query.as_ref().unwrap();
    assert_eq!(
        query["expand"],
        vec![Some("items".to_string()), Some("customer".to_string())]
    );
    assert_eq!(query["flag"], vec![None]);
    let items = &i.request.matching_rules.categories["body"]["$.items"];
    assert_eq!(items.rules, vec![MatchingRule::MinMaxType(1, 10)]);
    assert_eq!(
        i.request.body.json().unwrap()["note"],
        json!("leave at door")
    );

    let v2 = Pact::from_json(&fixture("v2.json")).unwrap();
    let rules = &v2.interactions[0].request.matching_rules;
    assert!(
        rules.categories["path"].contains_key(""),
        "V2 $.path becomes the path category"
    );
    assert!(rules.categories["header"].contains_key("X-Id"));
    assert_eq!(
        v2.interactions[0].response.matching_rules.categories["body"]["$.animals"].rules,
        vec![MatchingRule::MinType(1)]
    );

    let v4 = Pact::from_json(&fixture("v4.json")).unwrap();
    assert_eq!(v4.interactions.len(), 2);
    assert_eq!(v4.messages.len(), 1, "messages are kept");
    assert_eq!(v4.interactions[0].response.body.bytes(), &[0, 1, 2, 3, 255]);
    assert!(v4.interactions[0].pending);
}

#[test]
fn a_v2_query_string_is_written_as_pact_reference_writes_it_and_reads_back() {
    let v3 = json!({
        "consumer": {"name": "c"}, "provider": {"name": "p"},
        "interactions": [{"description": "d", "request": {"method": "GET", "path": "/", "query": {
            "size": ["10"], "catId[]": ["1", "2"], "q": ["a b.c"], "name": ["Jos\u{e9}"], "a&b": ["x=y"]
        }}, "response": {"status": 200}}],
        "metadata": {"pactSpecification": {"version": "3.0.0"}}
    });
    let pact = Pact::from_json(&v3).unwrap();
    let v2 = pact.to_json_as(SpecVersion::V2).unwrap();
    // By name; names raw; values with `+` for a space and lower-case `%xx`.
    assert_eq!(
        v2["interactions"][0]["request"]["query"],
        "a%26b=x%3dy&catId[]=1&catId[]=2&name=Jos%c3%a9&q=a+b%2ec&size=10"
    );
    let back = Pact::from_json(&v2).unwrap();
    let params = |p: &Pact| {
        let mut q: Vec<_> = p.interactions[0]
            .request
            .query
            .clone()
            .unwrap()
            .into_iter()
            .collect();
        q.sort();
        q
    };
    assert_eq!(params(&back), params(&pact));
}

#[test]
fn each_version_has_its_own_layout() {
    let pact = Pact::from_json(&fixture("v3.json")).unwrap();
    let v2 = pact.to_json_as(SpecVersion::V2).unwrap();
    let i = &v2["interactions"][0];
    assert_eq!(v2["metadata"]["pactSpecification"]["version"], "2.0.0");
    assert_eq!(i["providerState"], "a user exists");
    assert!(i.get("providerStates").is_none());
    assert_eq!(i["request"]["query"], "expand=items&expand=customer&flag");
    assert_eq!(
        i["request"]["matchingRules"]["$.body.items"],
        json!({"match": "type", "min": 1, "max": 10})
    );
    assert_eq!(
        i["request"]["matchingRules"]["$.path"]["regex"],
        "/users/\\d+/orders"
    );
    assert!(
        i["request"].get("generators").is_none(),
        "V2 has no generators"
    );

    let v4 = pact.to_json_as(SpecVersion::V4).unwrap();
    let i = &v4["interactions"][0];
    assert_eq!(v4["metadata"]["pactSpecification"]["version"], "4.0");
    assert_eq!(i["type"], "Synchronous/HTTP");
    assert_eq!(
        i["request"]["headers"]["Authorization"],
        json!(["Bearer token"])
    );
    assert_eq!(i["request"]["body"]["contentType"], "application/json");
    assert_eq!(i["request"]["body"]["encoded"], false);
    assert_eq!(i["request"]["body"]["content"]["items"][0]["sku"], "A-1");

    let v1 = pact.to_json_as(SpecVersion::V1).unwrap();
    assert!(
        v1["interactions"][0]["request"]
            .get("matchingRules")
            .is_none(),
        "V1 has no rules"
    );
    assert_eq!(v1["metadata"]["pactSpecification"]["version"], "1.0.0");
}

fn interaction(description: &str, state: Option<&str>, status: u16) -> Interaction {
    let mut i = Interaction::new(description);
    if let Some(s) = state {
        i.provider_states
            .push(pact_mock_server_core::model::ProviderState::new(s));
    }
    i.response.status = status;
    i
}

#[test]
fn writing_merges_by_default_and_overwrites_when_asked() {
    let dir = temp_dir("merge");
    let mut first = Pact::new("web", "api");
    first.interactions.push(interaction("get a", None, 200));
    first
        .interactions
        .push(interaction("get b", Some("b exists"), 200));
    let path = write_pact_file(&first, &dir, SpecVersion::V3, false).unwrap();
    assert_eq!(path, dir.join("web-api.json"));

    let mut second = Pact::new("web", "api");
    second
        .interactions
        .push(interaction("get b", Some("b exists"), 404));
    second
        .interactions
        .push(interaction("get b", Some("another state"), 500));
    second.interactions.push(interaction("get c", None, 201));
    write_pact_file(&second, &dir, SpecVersion::V3, false).unwrap();
    let merged = Pact::from_json_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let summary: Vec<(String, u16)> = merged
        .interactions
        .iter()
        .map(|i| (i.description.clone(), i.response.status))
        .collect();
    let expected = [
        ("get a", 200),
        ("get b", 404),
        ("get b", 500),
        ("get c", 201),
    ];
    let expected: Vec<(String, u16)> = expected.iter().map(|(d, s)| (d.to_string(), *s)).collect();
    assert_eq!(
        summary, expected,
        "same description and states replaced, others kept"
    );

    write_pact_file(&second, &dir, SpecVersion::V3, true).unwrap();
    let overwritten = Pact::from_json_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(overwritten.interactions.len(), 3);
    assert!(overwritten
        .interactions
        .iter()
        .all(|i| i.description != "get a"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
#[cfg(unix)] // the inode shows the file was not replaced
fn writing_the_same_pact_again_leaves_the_file_alone_but_never_misses_other_writers() {
    use std::os::unix::fs::MetadataExt;
    let dir = temp_dir("rewrite");
    let mut pact = Pact::new("web", "api");
    pact.interactions.push(interaction("get a", None, 200));
    let path = write_pact_file(&pact, &dir, SpecVersion::V4, false).unwrap();
    let inode = std::fs::metadata(&path).unwrap().ino();
    let text = std::fs::read_to_string(&path).unwrap();

    // Nothing changed: the file is the same file (not replaced by a rename), same text.
    write_pact_file(&pact, &dir, SpecVersion::V4, false).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().ino(), inode);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    // Another process adds an interaction: the next write reads the file again and keeps it.
    let mut other = Pact::from_json_str(&text).unwrap();
    other.interactions.push(interaction("get b", None, 200));
    std::fs::write(
        &path,
        serde_json::to_string(&other.to_json_as(SpecVersion::V4).unwrap()).unwrap(),
    )
    .unwrap();
    write_pact_file(&pact, &dir, SpecVersion::V4, false).unwrap();
    let merged = Pact::from_json_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let names: Vec<&str> = merged
        .interactions
        .iter()
        .map(|i| i.description.as_str())
        .collect();
    assert_eq!(names, ["get a", "get b"]);

    // A change of our own is written.
    pact.interactions[0].response.status = 201;
    write_pact_file(&pact, &dir, SpecVersion::V4, false).unwrap();
    let merged = Pact::from_json_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(merged.interactions[0].response.status, 201);
    assert_eq!(merged.interactions.len(), 2);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_file_of_another_pact_is_not_merged_into() {
    let dir = temp_dir("conflict");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("web-api.json"), "{ not json").unwrap();
    let mut pact = Pact::new("web", "api");
    pact.interactions.push(interaction("x", None, 200));
    let err = write_pact_file(&pact, &dir, SpecVersion::V4, false).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidPactJson);
    assert!(err.message.contains("web-api.json"), "{}", err.message);
    // Nothing was lost: the unreadable file is still there, untouched.
    assert_eq!(
        std::fs::read_to_string(dir.join("web-api.json")).unwrap(),
        "{ not json"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn concurrent_writers_lose_no_interaction() {
    let dir = temp_dir("concurrent");
    let handles: Vec<_> = (0..8)
        .map(|n| {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let mut pact = Pact::new("web", "api");
                pact.interactions
                    .push(interaction(&format!("request {n}"), None, 200));
                write_pact_file(&pact, &dir, SpecVersion::V4, false).unwrap();
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let text = std::fs::read_to_string(dir.join("web-api.json")).unwrap();
    let pact = Pact::from_json_str(&text).unwrap();
    let mut names: Vec<String> = pact
        .interactions
        .iter()
        .map(|i| i.description.clone())
        .collect();
    names.sort();
    assert_eq!(
        names,
        (0..8).map(|n| format!("request {n}")).collect::<Vec<_>>()
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn names_with_separators_never_write_outside_the_directory() {
    let dir = temp_dir("names").join("pacts");
    for (consumer, provider) in [
        ("../../evil", "api"),
        ("web", "../x/../../y"),
        ("..", ".."),
        ("a\\b", "c:d"),
    ] {
        let pact = Pact::new(consumer, provider);
        let path = write_pact_file(&pact, &dir, SpecVersion::V3, true).unwrap();
        assert_eq!(
            path.parent().unwrap(),
            dir,
            "{consumer} / {provider} -> {}",
            path.display()
        );
        assert!(path.exists());
    }
    std::fs::remove_dir_all(dir.parent().unwrap()).unwrap();
}

#[test]
fn an_unwritable_directory_is_an_io_error_that_names_it() {
    let blocker = temp_dir("blocker");
    std::fs::write(&blocker, "a file, not a directory").unwrap();
    let pact = Pact::new("web", "api");
    let err = write_pact_file(&pact, &blocker.join("sub"), SpecVersion::V3, false).unwrap_err();
    assert_eq!(err.code, ErrorCode::Io);
    assert!(err.message.contains("sub"), "{}", err.message);
    std::fs::remove_file(blocker).unwrap();
}

#[test]
fn bad_pact_json_says_what_and_where() {
    let err = Pact::from_json_str("{\"consumer\": {\"name\": \"a\"},\n  \"interactions\": [}")
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidPactJson);
    assert!(err.message.contains("line 2"), "{}", err.message);

    let err = Pact::from_json(&json!({"interactions": {}})).unwrap_err();
    assert!(err.message.contains("$.interactions"), "{}", err.message);

    let err = Pact::from_json(&json!({"metadata": {"pactSpecification": {"version": "9.1"}}}))
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidSpecVersion);
    assert!(err.message.contains("9.1"), "{}", err.message);

    let bad_matcher = json!({"interactions": [{}, {"description": "d", "request": {"method": "GET", "path": "/",
        "matchingRules": {"body": {"$.a": {"matchers": [{"match": "fuzzy"}]}}}}}]});
    let err = Pact::from_json(&bad_matcher).unwrap_err();
    assert_eq!(err.code, ErrorCode::UnknownMatcher);
    assert!(
        err.message.contains("$.interactions[1]") && err.message.contains("fuzzy"),
        "{}",
        err.message
    );
    assert!(err.message.contains("$.a"), "{}", err.message);

    let bad_regex = json!({"interactions": [{"description": "d", "response": {"status": 200,
        "matchingRules": {"header": {"X": {"matchers": [{"match": "regex", "regex": "a(b"}]}}}}}]});
    let err = Pact::from_json(&bad_regex).unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidRegex);
    assert!(
        err.message.contains("a(b") && err.message.contains("response"),
        "{}",
        err.message
    );
}

#[test]
fn v2_rule_keys_are_read_in_both_spellings() {
    for key in ["$.headers.X-Id", "$.headers['X-Id']"] {
        let pact = Pact::from_json(&json!({
            "metadata": {"pactSpecification": {"version": "2.0.0"}},
            "interactions": [{"description": "d", "request": {"method": "GET", "path": "/",
                "matchingRules": {key: {"match": "regex", "regex": "a+"}, "$.query['q b']": {"match": "type"}}}}]
        }))
        .unwrap();
        let rules = &pact.interactions[0].request.matching_rules;
        assert!(rules.categories["header"].contains_key("X-Id"), "{key}");
        assert!(rules.categories["query"].contains_key("q b"), "{key}");
        let written = pact.to_json().unwrap();
        let keys = written["interactions"][0]["request"]["matchingRules"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<Vec<_>>();
        assert_eq!(
            keys,
            vec![
                "$.headers['X-Id']".to_string(),
                "$.query['q b']".to_string()
            ]
        );
    }
}

/// A response whose only rule is a statusCode one, in a pact of `version`.
fn status_rule_pact(version: &str, rules: Value) -> Pact {
    Pact::from_json(&json!({
        "consumer": {"name": "c"}, "provider": {"name": "p"},
        "metadata": {"pactSpecification": {"version": version}},
        "interactions": [{"description": "d", "request": {"method": "GET", "path": "/"},
            "response": {"status": 200, "matchingRules": rules}}]
    }))
    .unwrap_or_else(|e| panic!("{version} {rules}: {e}"))
}

fn written_status_rules(pact: &Pact) -> Value {
    pact.to_json().unwrap()["interactions"][0]["response"]["matchingRules"].clone()
}

#[test]
fn status_rules_are_read_in_every_layout_and_written_as_the_reference_does() {
    let success =
        json!({"combine": "AND", "matchers": [{"match": "statusCode", "status": "success"}]});
    for version in ["3.0.0", "4.0"] {
        // pact-js (through libpact_ffi), then the reference's own key, then our earlier files.
        for (given, written) in [
            (
                json!({"status": {"$": success}}),
                json!({"status": {"$": success}}),
            ),
            (
                json!({"status": {"": success}}),
                json!({"status": {"": success}}),
            ),
            (json!({"status": success}), json!({"status": {"": success}})),
        ] {
            let pact = status_rule_pact(version, given.clone());
            assert_eq!(written_status_rules(&pact), written, "{version} {given}");
            if pact.spec < SpecVersion::V4 {
                continue; // statusCode is a V4 matcher: V3 matching leaves it out
            }
            let expected = &pact.interactions[0].response;
            for (status, matches) in [(204, true), (404, false)] {
                let actual = Response {
                    status,
                    ..Response::default()
                };
                let mismatches = match_response(expected, &actual, pact.spec).unwrap();
                assert_eq!(
                    mismatches.is_empty(),
                    matches,
                    "{version} {given} {status}: {mismatches:?}"
                );
            }
        }
    }
    // V2 has no status rules, but the reference writes them (`$.status.`) and reads them back.
    for (key, written) in [
        ("$.status.", "$.status."),
        ("$.status.$", "$.status.$"),
        ("$.status", "$.status."),
    ] {
        let pact = status_rule_pact(
            "2.0.0",
            json!({key: {"match": "statusCode", "status": "success"}}),
        );
        assert_eq!(
            written_status_rules(&pact),
            json!({written: {"match": "statusCode", "status": "success"}}),
            "{key}"
        );
    }
}

#[test]
fn v2_query_rules_with_a_value_index_name_the_parameter() {
    // What libpact_ffi writes for withQuery(name, index, matcher) in a V2 pact.
    let pact = Pact::from_json(&json!({
        "consumer": {"name": "c"}, "provider": {"name": "p"},
        "metadata": {"pactSpecification": {"version": "2.0.0"}},
        "interactions": [{"description": "d", "request": {
            "method": "GET", "path": "/x", "query": "name=abc&name=12&plain=v&q%20b=7",
            "matchingRules": {
                "$.query.name[0]": {"match": "regex", "regex": "[a-z]+"},
                "$.query.name[1]": {"match": "regex", "regex": "\\d+"},
                "$.query['q b'][0]": {"match": "regex", "regex": "\\d+"}
            }}, "response": {"status": 200}}]
    }))
    .unwrap();
    let expected = &pact.interactions[0].request;
    let query = &expected.matching_rules.categories["query"];
    // `name[i]` is the rule for the value at index i of parameter `name` (as the DSL keys it).
    assert_eq!(
        query.keys().collect::<Vec<_>>(),
        ["name[0]", "name[1]", "q b[0]"]
    );
    let request = |q: &str| Request {
        query: Some(pact_mock_server_core::model::file::parse_query_string(q)),
        ..expected.clone()
    };
    for (q, matches) in [
        ("name=xyz&name=345&plain=v&q%20b=0", true),
        ("name=XYZ&name=345&plain=v&q%20b=0", false),
        ("name=xyz&name=abc&plain=v&q%20b=0", false),
        ("name=xyz&name=345&plain=v&q%20b=z", false),
    ] {
        let mismatches = match_request(expected, &request(q), pact.spec).unwrap();
        assert_eq!(mismatches.is_empty(), matches, "{q}: {mismatches:?}");
    }
    // Written back as the reference wrote them (a parameter and a value index, not a
    // parameter named `name[0]`), and in V3 as the DSL writes rules for single values.
    let written = pact.to_json().unwrap();
    let keys: Vec<String> = written["interactions"][0]["request"]["matchingRules"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        ["$.query.name[0]", "$.query.name[1]", "$.query['q b'][0]"]
    );
    let v3 = pact.to_json_as(SpecVersion::V3).unwrap();
    let v3_keys: Vec<String> = v3["interactions"][0]["request"]["matchingRules"]["query"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(v3_keys, ["name[0]", "name[1]", "q b[0]"]);
}

#[test]
fn an_empty_v4_body_is_written_as_the_reference_does() {
    let mut pact = Pact::new("a", "b");
    let mut i = Interaction::new("empty");
    i.response.body = Body::Empty;
    pact.interactions.push(i);
    let json = pact.to_json_as(SpecVersion::V4).unwrap();
    assert_eq!(
        json["interactions"][0]["response"]["body"],
        json!({"content": ""})
    );
    assert_eq!(
        Pact::from_json(&json).unwrap().interactions[0]
            .response
            .body,
        Body::Empty
    );
}

#[test]
fn bodies_keep_their_kind() {
    let pact = Pact::from_json(&fixture("v1_1.json")).unwrap();
    assert_eq!(
        pact.interactions[0].request.body.text(),
        Some("hello there")
    );
    assert_eq!(pact.interactions[0].response.body, Body::Empty);
    let spec: SpecVersion = "v1_1".parse().unwrap();
    assert_eq!(spec, SpecVersion::V1_1);
    assert_eq!(
        "V5".parse::<SpecVersion>().unwrap_err().code,
        ErrorCode::InvalidSpecVersion
    );
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn writing_leaves_nothing_but_pact_files_in_the_directory() {
    let dir = temp_dir("only-pacts");
    let mut pact = Pact::new("web", "api");
    pact.interactions.push(interaction("get a", None, 200));
    write_pact_file(&pact, &dir, SpecVersion::V4, false).unwrap();
    assert_eq!(listing(&dir), ["web-api.json"]);
    // Unchanged, merged, overwritten, in another version.
    write_pact_file(&pact, &dir, SpecVersion::V4, false).unwrap();
    let before = std::fs::read_to_string(dir.join("web-api.json")).unwrap();
    let mut reader = std::fs::File::open(dir.join("web-api.json")).unwrap();
    pact.interactions.push(interaction("get b", None, 200));
    write_pact_file(&pact, &dir, SpecVersion::V4, false).unwrap();
    // The file was replaced, not rewritten: a reader that had it open reads the old text whole.
    let mut old = String::new();
    std::io::Read::read_to_string(&mut reader, &mut old).unwrap();
    assert_eq!(old, before);
    let after = std::fs::read_to_string(dir.join("web-api.json")).unwrap();
    assert!(after.contains("get b") && !old.contains("get b"));
    write_pact_file(&pact, &dir, SpecVersion::V3, true).unwrap();
    write_pact_file(&pact, &dir, SpecVersion::V2, false).unwrap();
    assert_eq!(listing(&dir), ["web-api.json"]);
    // Another pact beside it.
    write_pact_file(&Pact::new("web", "billing"), &dir, SpecVersion::V4, false).unwrap();
    assert_eq!(listing(&dir), ["web-api.json", "web-billing.json"]);
    // A write that fails (the file is not a pact) leaves nothing behind either.
    std::fs::write(dir.join("web-api.json"), "{ not json").unwrap();
    write_pact_file(&pact, &dir, SpecVersion::V4, false).unwrap_err();
    assert_eq!(listing(&dir), ["web-api.json", "web-billing.json"]);
    // A lock file an older version (or a killed writer) left is cleared by the next write.
    std::fs::write(dir.join("web-billing.json.lock"), "").unwrap();
    write_pact_file(&Pact::new("web", "billing"), &dir, SpecVersion::V4, false).unwrap();
    assert_eq!(listing(&dir), ["web-api.json", "web-billing.json"]);
    std::fs::remove_dir_all(dir).unwrap();
}

/// Set in a child process of `parallel_writers_in_several_processes_...`: `<dir>|<process>`.
const WRITER_CHILD: &str = "PACT_MODEL_TEST_WRITER_CHILD";
const WRITER_THREADS: usize = 4;
const WRITES_PER_THREAD: usize = 10;

/// Threads that each write `WRITES_PER_THREAD` pacts of one new interaction into `dir`.
fn write_in_threads(dir: &Path, process: usize) {
    let threads: Vec<_> = (0..WRITER_THREADS)
        .map(|thread| {
            let dir = dir.to_path_buf();
            std::thread::spawn(move || {
                for k in 0..WRITES_PER_THREAD {
                    let mut pact = Pact::new("web", "api");
                    pact.interactions.push(interaction(
                        &format!("process {process} thread {thread} write {k}"),
                        None,
                        200,
                    ));
                    write_pact_file(&pact, &dir, SpecVersion::V4, false).unwrap();
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
}

/// Not a test of its own: the body of a child process of the test below (a no-op otherwise).
#[test]
fn parallel_writer_child_process() {
    let Ok(task) = std::env::var(WRITER_CHILD) else {
        return;
    };
    let (dir, process) = task.split_once('|').unwrap();
    write_in_threads(Path::new(dir), process.parse().unwrap());
}

#[test]
fn parallel_writers_in_several_processes_lose_nothing_and_leave_only_the_pact_file() {
    let dir = temp_dir("processes");
    std::fs::create_dir_all(&dir).unwrap();
    let processes = 4;
    let children: Vec<_> = (1..=processes)
        .map(|process| {
            std::process::Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "parallel_writer_child_process",
                    "--test-threads=1",
                ])
                .env(WRITER_CHILD, format!("{}|{process}", dir.display()))
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    // This process writes at the same time, as process 0.
    write_in_threads(&dir, 0);
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a writer process failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(listing(&dir), ["web-api.json"]);
    let pact =
        Pact::from_json_str(&std::fs::read_to_string(dir.join("web-api.json")).unwrap()).unwrap();
    let mut names: Vec<String> = pact
        .interactions
        .iter()
        .map(|i| i.description.clone())
        .collect();
    names.sort();
    let mut expected: Vec<String> = (0..=processes)
        .flat_map(|p| {
            (0..WRITER_THREADS).flat_map(move |t| {
                (0..WRITES_PER_THREAD).map(move |k| format!("process {p} thread {t} write {k}"))
            })
        })
        .collect();
    expected.sort();
    assert_eq!(
        names, expected,
        "every interaction of every writer is there"
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// What a merge starts from is the file as it is, not what this process remembers writing:
/// a pact written as V1 (which has no matching rules) and merged into as V3 has no rules for
/// the interactions the V1 file held.
#[test]
fn merging_reads_the_file_not_a_memory_of_earlier_writes() {
    let dir = temp_dir("file-is-truth");
    let mut with_rules = Pact::from_json(&fixture("v3.json")).unwrap();
    with_rules.consumer = "web".into();
    with_rules.provider = "api".into();
    assert!(!with_rules.interactions[0].request.matching_rules.is_empty());
    let path = write_pact_file(&with_rules, &dir, SpecVersion::V1, false).unwrap();
    let mut more = Pact::new("web", "api");
    more.interactions.push(interaction("another", None, 200));
    write_pact_file(&more, &dir, SpecVersion::V3, false).unwrap();
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let first = &written["interactions"][0];
    assert_eq!(
        first["description"],
        json!(with_rules.interactions[0].description)
    );
    assert!(
        first["request"].get("matchingRules").is_none(),
        "rules the V1 file did not hold came back: {}",
        first["request"]
    );
    assert_eq!(
        written["interactions"].as_array().unwrap().len(),
        with_rules.interactions.len() + 1
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// Set in the child process of the test below.
const MEMORY_CHILD: &str = "PACT_MODEL_TEST_MEMORY_CHILD";

/// Resident memory of this process in bytes (Linux).
#[cfg(target_os = "linux")]
fn resident_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: u64 = statm.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4096
}

/// Not a test of its own: the body of the child process of the test below (a no-op otherwise).
#[test]
#[cfg(target_os = "linux")]
fn pact_file_memory_child_process() {
    let Ok(dir) = std::env::var(MEMORY_CHILD) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let big = "x".repeat(256 * 1024);
    let pact_for = |n: usize| {
        let mut pact = Pact::new("web", format!("api-{n}"));
        let mut i = interaction("get big", None, 200);
        i.response.body = Body::from_text(big.clone(), None);
        pact.interactions.push(i);
        pact
    };
    write_pact_file(&pact_for(0), &dir, SpecVersion::V4, false).unwrap();
    let before = resident_bytes();
    for n in 1..=200 {
        write_pact_file(&pact_for(n), &dir, SpecVersion::V4, false).unwrap();
    }
    let grown = resident_bytes().saturating_sub(before);
    // Remembering each file (text and model, ~0.5 MB each) would be ~100 MB.
    assert!(
        grown < 32 << 20,
        "memory grew by {} MB over 200 pact files",
        grown >> 20
    );
}

/// Writing many distinct pact files does not make the process hold on to them: no cache
/// grows with the number of paths written (measured in a process of its own, Linux only).
#[test]
#[cfg(target_os = "linux")]
fn memory_does_not_grow_with_the_number_of_pact_files_written() {
    let dir = temp_dir("memory");
    std::fs::create_dir_all(&dir).unwrap();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "pact_file_memory_child_process",
            "--test-threads=1",
        ])
        .env(MEMORY_CHILD, &dir)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rules_both_front_ends_share_live_in_the_model() {
    use pact_mock_server_core::model::{Interaction, Pact};
    use pact_mock_server_core::ErrorCode;

    for (consumer, provider) in [("", "p"), ("c", "  ")] {
        let e = Pact::named(consumer, provider).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument);
    }
    let mut pact = Pact::named("c", "p").unwrap();
    let e = pact
        .set_metadata("pactSpecification", "version", "1".into())
        .unwrap_err();
    assert!(
        e.message.contains("written by the library"),
        "{}",
        e.message
    );
    pact.set_metadata("tool", "name", "x".into()).unwrap();
    assert_eq!(pact.metadata["tool"]["name"], "x");

    let mut interaction = Interaction::new("i");
    interaction
        .comments
        .insert("text".into(), "read from a file".into());
    interaction.add_comment("added");
    assert_eq!(
        interaction.comments["text"],
        serde_json::json!(["read from a file", "added"])
    );
}
