//! Message pacts: every layout (V3 `messages`, V4 `Asynchronous/Messages` and
//! `Synchronous/Messages`, mixed with HTTP) read, written exactly as the reference writes it,
//! round-tripped and merged; the message DSL; reified messages (generators applied on the
//! consumer side for every kind of message).

use pact_mock_server_core::dsl::message::{self as dsl, MessagePart};
use pact_mock_server_core::dsl::BodyInput;
use pact_mock_server_core::generate::{
    reify_message, reify_synchronous_message, GeneratorContext, ReifiedBody,
};
use pact_mock_server_core::model::file::write_pact_file;
use pact_mock_server_core::model::{
    AsynchronousMessage, Body, Interaction, Message, MessageContents, Pact, SpecVersion,
    SynchronousMessage,
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
    let dir = std::env::temp_dir().join(format!("pact-messages-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn read_file(dir: &Path, pact: &Pact) -> Value {
    let path = dir.join(format!("{}-{}.json", pact.consumer, pact.provider));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Drops the library versions (each writer has its own) from a pact file's metadata.
fn without_versions(mut pact: Value) -> Value {
    pact["metadata"].as_object_mut().unwrap().remove("pactRust");
    pact
}

fn matcher(kind: &str, value: Value) -> Value {
    json!({"pact:matcher:type": kind, "value": value})
}

/// The message of the reference's exact V3 and V4 files (`shared/reference/messages.md`),
/// built with the DSL as pact-js users build it.
fn reference_message(spec: SpecVersion) -> AsynchronousMessage {
    let mut m = dsl::new_message(spec, "a message").unwrap();
    dsl::given(&mut m.provider_states, "state one", None);
    let params = json!({"username": "Test", "age": 66});
    dsl::given(
        &mut m.provider_states,
        "a user exists",
        params.as_object().cloned(),
    );
    dsl::with_contents(
        &mut m.contents,
        MessagePart::Message,
        BodyInput::Json(json!({
            "one": matcher("type", json!("a")),
            "n": {"pact:matcher:type": "integer", "pact:generator:type": "RandomInt", "value": 101}
        })),
        Some("application/json"),
    )
    .unwrap();
    dsl::with_metadata(
        &mut m.contents,
        MessagePart::Message,
        &json!({
            "Origin": "Some Text",
            "TagData": {"ID": "sjhdjkshsdjh", "weight": 100.5},
            "queue": {"pact:matcher:type": "regex", "regex": "orders\\..*", "value": "orders.placed"},
            "ID": {"pact:matcher:type": "integer", "pact:generator:type": "RandomInt", "value": 7}
        }),
    )
    .unwrap();
    m
}

#[test]
fn v3_message_files_round_trip_unchanged() {
    let original = fixture("v3-messages.json");
    let pact = Pact::from_json(&original).unwrap();
    assert_eq!(pact.spec, SpecVersion::V3);
    assert!(pact.interactions.is_empty());
    assert_eq!(pact.messages.len(), 5);
    let written = pact.to_json().unwrap();
    assert_eq!(
        written,
        original,
        "changed on a round trip:\n{}",
        serde_json::to_string_pretty(&written).unwrap()
    );
    assert!(
        written.get("interactions").is_none(),
        "a V3 message pact has `messages` only"
    );
}

#[test]
fn v4_files_mixing_http_and_messages_round_trip_unchanged() {
    let original = fixture("v4-messages.json");
    let pact = Pact::from_json(&original).unwrap();
    assert_eq!(pact.spec, SpecVersion::V4);
    assert_eq!(pact.interactions.len(), 1);
    assert_eq!(pact.messages.len(), 6);
    let written = pact.to_json().unwrap();
    assert_eq!(
        written,
        original,
        "changed on a round trip:\n{}",
        serde_json::to_string_pretty(&written).unwrap()
    );
    // Read, merged and written again: still the same.
    let again = Pact::from_json(&written).unwrap();
    assert_eq!(again, pact);
}

#[test]
fn the_model_holds_what_message_files_say() {
    let v3 = Pact::from_json(&fixture("v3-messages.json")).unwrap();
    let Message::Asynchronous(first) = &v3.messages[0] else {
        panic!("V3 messages are asynchronous")
    };
    assert_eq!(first.provider_states[1].params.as_ref().unwrap()["age"], 66);
    assert_eq!(
        first.contents.body.json().unwrap(),
        json!({"n": 101, "one": "a"})
    );
    assert!(
        first
            .contents
            .generators
            .category("metadata")
            .unwrap()
            .contains_key("ID"),
        "generators of messages are read (the reference drops them)"
    );
    assert!(first.contents.matching_rules.categories["metadata"].contains_key("queue"));
    let Message::Asynchronous(bin) = &v3.messages[2] else {
        panic!()
    };
    assert_eq!(
        bin.contents.body.bytes(),
        &[0xff, 0xd8, 1, 2],
        "V3 binary contents are base64"
    );
    let Message::Asynchronous(empty) = &v3.messages[3] else {
        panic!()
    };
    assert_eq!(empty.contents.body, Body::Empty);
    let Message::Asynchronous(none) = &v3.messages[4] else {
        panic!()
    };
    assert_eq!(none.contents.body, Body::Missing);

    let v4 = Pact::from_json(&fixture("v4-messages.json")).unwrap();
    let Message::Asynchronous(keyed) = &v4.messages[0] else {
        panic!()
    };
    assert_eq!(keyed.key.as_deref(), Some("123ABC"));
    assert!(keyed.pending);
    assert_eq!(keyed.comments["text"], json!(["this is a comment"]));
    let Message::Asynchronous(picture) = &v4.messages[1] else {
        panic!()
    };
    assert_eq!(picture.contents.body.bytes(), &[0xff, 0xd8, 0xff, 0, 1, 2]);
    let Message::Synchronous(sync) = &v4.messages[2] else {
        panic!()
    };
    assert_eq!(sync.responses.len(), 2);
    assert!(sync.request.matching_rules.categories["body"].contains_key("$.n"));
    assert!(
        sync.responses[0].matching_rules.is_empty(),
        "each part has its own rules"
    );
    assert_eq!(
        sync.responses[1].content_type().unwrap().essence(),
        "application/xml"
    );
    assert_eq!(v4.interactions[0].description, "an http request");
}

#[test]
fn dsl_messages_are_written_exactly_as_the_reference_writes_them() {
    // The reference's V3 file (shared/reference/messages.md, observed with libpact_ffi 0.5.8).
    let mut v3 = Pact::new("MC", "MP");
    v3.spec = SpecVersion::V3;
    v3.messages
        .push(Message::Asynchronous(reference_message(SpecVersion::V3)));
    let expected_v3 = json!({
        "consumer": {"name": "MC"},
        "messages": [{
            "contents": {"n": 101, "one": "a"},
            "description": "a message",
            "generators": {"body": {"$.n": {"max": 10, "min": 0, "type": "RandomInt"}},
                           "metadata": {"ID": {"max": 10, "min": 0, "type": "RandomInt"}}},
            "matchingRules": {"body": {"$.n": {"combine": "AND", "matchers": [{"match": "integer"}]},
                                       "$.one": {"combine": "AND", "matchers": [{"match": "type"}]}},
                              "metadata": {"ID": {"combine": "AND", "matchers": [{"match": "integer"}]},
                                           "queue": {"combine": "AND", "matchers": [{"match": "regex", "regex": "orders\\..*"}]}}},
            "metadata": {"ID": 7, "Origin": "Some Text", "TagData": {"ID": "sjhdjkshsdjh", "weight": 100.5},
                         "contentType": "application/json", "queue": "orders.placed"},
            "providerStates": [{"name": "state one"}, {"name": "a user exists", "params": {"age": 66, "username": "Test"}}]
        }],
        "metadata": {"pactSpecification": {"version": "3.0.0"}},
        "provider": {"name": "MP"}
    });
    assert_eq!(v3.to_json().unwrap(), expected_v3);

    // The reference's V4 file: the same message with key, pending and a comment, a sync
    // message with two responses (JSON, raw XML) and an HTTP interaction.
    let mut v4 = Pact::new("C", "P");
    let mut message = reference_message(SpecVersion::V4);
    message.key = Some("123ABC".into());
    message.pending = true;
    message.add_comment("this is a comment");
    let mut sync = dsl::new_synchronous_message(SpecVersion::V4, "a sync message").unwrap();
    dsl::given(&mut sync.provider_states, "state one", None);
    dsl::with_contents(
        &mut sync.request,
        MessagePart::Request,
        BodyInput::Json(json!({"n": matcher("integer", json!(5)), "one": "a"})),
        None,
    )
    .unwrap();
    for (contents, ct) in [
        (BodyInput::Json(json!({"one": "a"})), None),
        (
            BodyInput::Text(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<values><one>A</one></values>".into(),
            ),
            Some("application/xml"),
        ),
    ] {
        let mut response = MessageContents::default();
        dsl::with_contents(&mut response, MessagePart::Response, contents, ct).unwrap();
        sync.responses.push(response);
    }
    let mut http = Interaction::new("an http request");
    http.request.path = "/x".into();
    // Added in another order than the file's: written by description.
    v4.messages.push(Message::Synchronous(sync));
    v4.interactions.push(http);
    v4.messages.insert(0, Message::Asynchronous(message));
    let mut expected_v4 = fixture("v4-messages.json");
    expected_v4["interactions"]
        .as_array_mut()
        .unwrap()
        .retain(|i| {
            ["a message", "a sync message", "an http request"]
                .contains(&i["description"].as_str().unwrap())
        });
    assert_eq!(v4.to_json().unwrap(), without_versions(expected_v4));
}

#[test]
fn every_content_kind_is_written_in_each_layout() {
    let mut pact = Pact::new("C", "P");
    let cases: Vec<(&str, BodyInput, Option<&str>)> = vec![
        ("text", BodyInput::Text("hello".into()), None),
        (
            "binary",
            BodyInput::Bytes(vec![0xff, 0xd8, 1, 2]),
            Some("image/jpeg"),
        ),
        ("xml", BodyInput::Text("<a><b>1</b></a>".into()), None),
        (
            "vendor json",
            BodyInput::Json(json!({"a": 1})),
            Some("application/vnd.orders+json"),
        ),
        (
            "empty text",
            BodyInput::Text(String::new()),
            Some("text/plain"),
        ),
        (
            "bytes as text type",
            BodyInput::Bytes(b"plain".to_vec()),
            Some("text/plain"),
        ),
        ("json null", BodyInput::Json(Value::Null), None),
    ];
    for (description, input, ct) in cases {
        let mut m = AsynchronousMessage::new(description);
        dsl::with_contents(&mut m.contents, MessagePart::Message, input, ct).unwrap();
        pact.messages.push(Message::Asynchronous(m));
    }
    let v4 = pact.to_json_as(SpecVersion::V4).unwrap();
    let contents = |json: &Value, d: &str, key: &str| -> Value {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["description"] == d)
            .unwrap()
            .clone()
    };
    assert_eq!(
        contents(&v4, "text", "interactions")["contents"],
        json!({"content": "hello", "contentType": "text/plain", "encoded": false})
    );
    assert_eq!(
        contents(&v4, "binary", "interactions")["contents"],
        json!({"content": "/9gBAg==", "contentType": "image/jpeg", "encoded": "base64"})
    );
    assert_eq!(
        contents(&v4, "xml", "interactions")["contents"],
        json!({"content": "<a><b>1</b></a>", "contentType": "application/xml", "encoded": false}),
        "raw XML stays raw XML (the reference empties it)"
    );
    assert_eq!(
        contents(&v4, "vendor json", "interactions")["contents"]["content"],
        json!({"a": 1})
    );
    assert_eq!(
        contents(&v4, "empty text", "interactions")["contents"],
        json!({"content": "", "contentType": "text/plain", "encoded": false})
    );
    assert_eq!(
        contents(&v4, "bytes as text type", "interactions")["contents"],
        json!({"content": "cGxhaW4=", "contentType": "text/plain", "contentTypeHint": "BINARY", "encoded": "base64"}),
        "a Buffer is binary whatever its content type"
    );
    assert_eq!(
        contents(&v4, "json null", "interactions")["contents"],
        json!({"content": null, "contentType": "application/json", "encoded": false})
    );
    let v3 = pact.to_json_as(SpecVersion::V3).unwrap();
    assert_eq!(
        contents(&v3, "text", "messages"),
        json!({"contents": "hello", "description": "text", "metadata": {"contentType": "text/plain"}})
    );
    assert_eq!(
        contents(&v3, "binary", "messages"),
        json!({"contents": "/9gBAg==", "description": "binary", "metadata": {"contentType": "image/jpeg"}})
    );
    assert_eq!(
        contents(&v3, "xml", "messages")["contents"],
        "<a><b>1</b></a>"
    );
    assert_eq!(
        contents(&v3, "vendor json", "messages")["contents"],
        json!({"a": 1})
    );
    assert_eq!(contents(&v3, "empty text", "messages")["contents"], "");
    // Every V4 file written reads back to the same model.
    assert_eq!(
        Pact::from_json(&v4)
            .unwrap()
            .to_json_as(SpecVersion::V4)
            .unwrap(),
        v4
    );
    let back = Pact::from_json(&v3).unwrap();
    assert_eq!(back.to_json_as(SpecVersion::V3).unwrap(), v3);
    let Message::Asynchronous(bin) = &back.messages[1] else {
        panic!()
    };
    assert_eq!(bin.contents.body.bytes(), &[0xff, 0xd8, 1, 2]);
}

#[test]
fn a_v4_message_written_as_v3_gets_the_v3_layout() {
    let mut pact = Pact::new("C", "P");
    let mut m = reference_message(SpecVersion::V4);
    m.key = Some("k".into());
    m.pending = true;
    pact.messages.push(Message::Asynchronous(m));
    let v3 = pact.to_json_as(SpecVersion::V3).unwrap();
    let message = &v3["messages"][0];
    assert_eq!(message["metadata"]["contentType"], "application/json");
    assert!(message.get("key").is_none() && message.get("pending").is_none());
    assert_eq!(v3["metadata"]["pactSpecification"]["version"], "3.0.0");
}

#[test]
fn versions_that_cannot_hold_a_pact_refuse_it_with_a_reason() {
    let mut mixed = Pact::new("C", "P");
    mixed.interactions.push(Interaction::new("http"));
    mixed
        .messages
        .push(Message::Asynchronous(AsynchronousMessage::new("event")));
    let e = mixed.to_json_as(SpecVersion::V3).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotInSpecVersion);
    assert!(
        e.message.contains("either HTTP interactions or messages"),
        "{}",
        e.message
    );
    assert!(e.message.contains("V4"), "{}", e.message);
    assert!(mixed.to_json_as(SpecVersion::V4).is_ok());

    let e = mixed.to_json_as(SpecVersion::V2).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotInSpecVersion);
    assert!(e.message.contains("start at V3"), "{}", e.message);

    let mut sync = Pact::new("C", "P");
    sync.messages
        .push(Message::Synchronous(SynchronousMessage::new("rpc")));
    let e = sync.to_json_as(SpecVersion::V3).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotInSpecVersion);
    assert!(
        e.message.contains("'rpc'") && e.message.contains("V4"),
        "{}",
        e.message
    );

    // At the call that is wrong, in the DSL.
    let e = dsl::new_message(SpecVersion::V2, "event").unwrap_err();
    assert_eq!(e.code, ErrorCode::NotInSpecVersion);
    assert!(e.message.contains("withSpecification"), "{}", e.message);
    let e = dsl::new_synchronous_message(SpecVersion::V3, "rpc").unwrap_err();
    assert_eq!(e.code, ErrorCode::NotInSpecVersion);
    let e = dsl::new_message(SpecVersion::V4, " ").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidArgument);
    assert!(e.message.contains("description"), "{}", e.message);
    let mut m = AsynchronousMessage::new("event");
    for bad in [json!(5), json!("topic"), json!(["a"]), json!(null)] {
        let e = dsl::with_metadata(&mut m.contents, MessagePart::Message, &bad).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidArgument);
        assert!(e.message.contains("must be an object"), "{}", e.message);
    }
    let e = dsl::with_contents(
        &mut m.contents,
        MessagePart::Message,
        BodyInput::Text("x".into()),
        Some("not a type"),
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidArgument);

    // A file that declares V2 and has messages.
    let e = Pact::from_json(&json!({
        "consumer": {"name": "C"}, "provider": {"name": "P"},
        "messages": [{"description": "x", "contents": "a"}],
        "metadata": {"pactSpecification": {"version": "2.0.0"}}
    }))
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidPactJson);
    // An interaction of an unknown type.
    let e = Pact::from_json(&json!({
        "consumer": {"name": "C"}, "provider": {"name": "P"},
        "interactions": [{"type": "Synchronous/Carrier-Pigeon", "description": "x"}],
        "metadata": {"pactSpecification": {"version": "4.0"}}
    }))
    .unwrap_err();
    assert!(e.message.contains("$.interactions[0]") && e.message.contains("Carrier-Pigeon"));
}

fn message_with(description: &str, state: Option<&str>, text: &str) -> Message {
    let mut m = AsynchronousMessage::new(description);
    if let Some(s) = state {
        dsl::given(&mut m.provider_states, s, None);
    }
    dsl::with_contents(
        &mut m.contents,
        MessagePart::Message,
        BodyInput::Text(text.into()),
        None,
    )
    .unwrap();
    Message::Asynchronous(m)
}

fn texts(file: &Value, key: &str) -> Vec<String> {
    file[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let c = &m["contents"];
            format!(
                "{}: {}",
                m["description"].as_str().unwrap(),
                c.get("content").unwrap_or(c).as_str().unwrap_or("?")
            )
        })
        .collect()
}

#[test]
fn merging_replaces_the_same_message_and_keeps_the_others() {
    for spec in [SpecVersion::V3, SpecVersion::V4] {
        let dir = temp_dir(&format!("merge-{spec}"));
        let key = if spec == SpecVersion::V3 {
            "messages"
        } else {
            "interactions"
        };
        let mut pact = Pact::new("C", "P");
        pact.spec = spec;
        let write = |m: Message| {
            let one = pact.with_only_message(m);
            write_pact_file(&one, &dir, spec, false).unwrap();
        };
        write(message_with("created", None, "v1"));
        write(message_with("created", None, "v2"));
        write(message_with("created", Some("an order exists"), "v3"));
        write(message_with("deleted", None, "v4"));
        let file = read_file(&dir, &pact);
        let mut got = texts(&file, key);
        got.sort();
        assert_eq!(
            got,
            ["created: v2", "created: v3", "deleted: v4"],
            "{spec}: same description and states replaced, another state kept"
        );

        // The generators of messages already in the file are kept (the reference drops them).
        let Message::Asynchronous(mut with_generator) = message_with("generated", None, "x") else {
            panic!()
        };
        dsl::with_metadata(
            &mut with_generator.contents,
            MessagePart::Message,
            &json!({"id": {"pact:generator:type": "Uuid"}}),
        )
        .unwrap();
        write(Message::Asynchronous(with_generator));
        write(message_with("another", None, "y"));
        let file = read_file(&dir, &pact);
        let generated = file[key]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["description"] == "generated")
            .unwrap();
        assert_eq!(
            generated["generators"]["metadata"]["id"]["type"], "Uuid",
            "{spec}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn merging_tells_messages_apart_by_key_and_by_kind() {
    let dir = temp_dir("merge-keys");
    let pact = Pact::new("C", "P");
    let keyed = |key: &str, text: &str| {
        let Message::Asynchronous(mut m) = message_with("event", None, text) else {
            panic!()
        };
        m.key = Some(key.into());
        Message::Asynchronous(m)
    };
    for m in [keyed("K1", "a"), keyed("K2", "b"), keyed("K1", "c")] {
        write_pact_file(&pact.with_only_message(m), &dir, SpecVersion::V4, false).unwrap();
    }
    let mut sync = SynchronousMessage::new("event");
    sync.key = Some("K1".into());
    write_pact_file(
        &pact.with_only_message(Message::Synchronous(sync)),
        &dir,
        SpecVersion::V4,
        false,
    )
    .unwrap();
    let mut http = Pact::new("C", "P");
    http.interactions.push(Interaction::new("event"));
    write_pact_file(&http, &dir, SpecVersion::V4, false).unwrap();
    let file = read_file(&dir, &pact);
    let kinds: Vec<(String, String)> = file["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["type"].as_str().unwrap().to_string(),
                i["contents"]["content"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("Synchronous/HTTP".to_string(), String::new()),
            ("Asynchronous/Messages".to_string(), "c".to_string()),
            ("Asynchronous/Messages".to_string(), "b".to_string()),
            ("Synchronous/Messages".to_string(), String::new()),
        ],
        "K1 replaced K1, K2 kept; the sync message and the HTTP interaction are other kinds"
    );

    // A file of another consumer at that path is a conflict.
    let other = Pact::new("Someone", "Else").with_only_message(keyed("K9", "z"));
    let json = other.to_json().unwrap();
    std::fs::write(
        dir.join("C-P.json"),
        serde_json::to_string_pretty(&json).unwrap(),
    )
    .unwrap();
    let e = write_pact_file(
        &pact.with_only_message(keyed("K1", "d")),
        &dir,
        SpecVersion::V4,
        false,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::MergeConflict);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_message_merged_into_a_v3_file_of_http_interactions_is_refused() {
    let dir = temp_dir("v3-mixed");
    let mut http = Pact::new("C", "P");
    http.spec = SpecVersion::V3;
    http.interactions.push(Interaction::new("get"));
    write_pact_file(&http, &dir, SpecVersion::V3, false).unwrap();
    let e = write_pact_file(
        &http.with_only_message(message_with("event", None, "x")),
        &dir,
        SpecVersion::V3,
        false,
    )
    .unwrap_err();
    assert_eq!(e.code, ErrorCode::NotInSpecVersion);
    assert!(e.message.contains("C-P.json"), "{}", e.message);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn v4_specification_content_rules_are_read_as_body_rules() {
    let pact = Pact::from_json(&json!({
        "consumer": {"name": "C"}, "provider": {"name": "P"},
        "interactions": [{
            "type": "Asynchronous/Messages", "description": "x",
            "contents": {"content": {"a": 1}, "contentType": "application/json", "encoded": false},
            "matchingRules": {"content": {"$.a": {"matchers": [{"match": "type"}]}}},
            "generators": {"content": {"$.a": {"type": "RandomInt"}}}
        }],
        "metadata": {"pactSpecification": {"version": "4.0"}}
    }))
    .unwrap();
    let Message::Asynchronous(m) = &pact.messages[0] else {
        panic!()
    };
    assert!(m.contents.matching_rules.categories["body"].contains_key("$.a"));
    assert!(m
        .contents
        .generators
        .category("body")
        .unwrap()
        .contains_key("$.a"));
    let written = pact.to_json().unwrap();
    assert!(written["interactions"][0]["matchingRules"]
        .get("body")
        .is_some());
}

#[test]
fn reify_applies_generators_for_every_kind_of_message() {
    let ctx = GeneratorContext::default();
    for spec in [SpecVersion::V3, SpecVersion::V4] {
        let m = reference_message(spec);
        let generated_differently = (0..30).any(|_| {
            let r = reify_message(&m, &ctx);
            let ReifiedBody::Json(body) = &r.contents.contents else {
                panic!("JSON contents are handed over as JSON")
            };
            assert_eq!(body["one"], "a");
            assert!(body["n"].as_i64().unwrap() <= 10, "RandomInt 0..10");
            assert!(r.contents.metadata["ID"].as_i64().unwrap() <= 10);
            assert_eq!(r.contents.metadata["contentType"], "application/json");
            assert_eq!(r.contents.content_type.as_deref(), Some("application/json"));
            body["n"] != 101
        });
        assert!(generated_differently, "{spec}: body generators are applied");
        // The model keeps the example.
        assert_eq!(m.contents.body.json().unwrap()["n"], 101);
    }

    // Metadata generators apply even to keys the example lacks, and inside object values.
    let mut m = AsynchronousMessage::new("event");
    dsl::with_metadata(
        &mut m.contents,
        MessagePart::Message,
        &json!({
            "id": {"pact:generator:type": "Uuid"},
            "nested": {"at": {"pact:matcher:type": "type", "pact:generator:type": "DateTime", "format": "yyyy", "value": "1999"}}
        }),
    )
    .unwrap();
    assert_eq!(m.contents.metadata["id"], Value::Null);
    assert!(m.contents.matching_rules.categories["metadata"].contains_key("nested.at"));
    let r = reify_message(&m, &ctx);
    assert_eq!(r.contents.contents, ReifiedBody::None, "no contents: none");
    assert_eq!(r.contents.content_type, None);
    assert_eq!(r.contents.metadata["id"].as_str().unwrap().len(), 36);
    assert!(r.contents.metadata.get("contentType").is_none());
    let year = r.contents.metadata["nested"]["at"].as_str().unwrap();
    assert_eq!(year.len(), 4);
    assert_ne!(year, "1999");

    // Binary and text contents.
    let mut bin = AsynchronousMessage::new("bin");
    dsl::with_contents(
        &mut bin.contents,
        MessagePart::Message,
        BodyInput::Bytes(vec![0, 1, 255]),
        None,
    )
    .unwrap();
    let r = reify_message(&bin, &ctx);
    assert_eq!(r.contents.contents, ReifiedBody::Bytes(vec![0, 1, 255]));
    assert_eq!(
        r.contents.metadata["contentType"],
        "application/octet-stream"
    );
    let mut text = AsynchronousMessage::new("text");
    dsl::with_metadata(
        &mut text.contents,
        MessagePart::Message,
        &json!({"contentType": "text/csv"}),
    )
    .unwrap();
    dsl::with_contents(
        &mut text.contents,
        MessagePart::Message,
        BodyInput::Text("a,b".into()),
        None,
    )
    .unwrap();
    let r = reify_message(&text, &ctx);
    assert_eq!(r.contents.contents, ReifiedBody::Text("a,b".into()));
    assert_eq!(
        r.contents.content_type.as_deref(),
        Some("text/csv"),
        "metadata contentType"
    );
}

#[test]
fn each_part_of_a_synchronous_message_has_its_own_generators() {
    let ctx = GeneratorContext::default();
    let mut sync = dsl::new_synchronous_message(SpecVersion::V4, "rpc").unwrap();
    let int = |v: i64| json!({"pact:matcher:type": "integer", "pact:generator:type": "RandomInt", "min": 1000, "max": 2000, "value": v});
    dsl::with_contents(
        &mut sync.request,
        MessagePart::Request,
        BodyInput::Json(json!({"n": int(1)})),
        None,
    )
    .unwrap();
    for n in [2, 3] {
        let mut response = MessageContents::default();
        dsl::with_contents(
            &mut response,
            MessagePart::Response,
            BodyInput::Json(json!({"n": if n == 2 { int(2) } else { json!(3) }})),
            None,
        )
        .unwrap();
        dsl::with_metadata(
            &mut response,
            MessagePart::Response,
            &json!({"seq": int(n)}),
        )
        .unwrap();
        sync.responses.push(response);
    }
    let r = reify_synchronous_message(&sync, &ctx);
    let n = |c: &ReifiedBody| match c {
        ReifiedBody::Json(v) => v["n"].as_i64().unwrap(),
        other => panic!("{other:?}"),
    };
    assert!((1000..=2000).contains(&n(&r.request.contents)));
    assert!((1000..=2000).contains(&n(&r.responses[0].contents)));
    assert_eq!(
        n(&r.responses[1].contents),
        3,
        "the request's generators are not copied onto the responses (the reference does)"
    );
    assert!((1000..=2000).contains(&r.responses[1].metadata["seq"].as_i64().unwrap()));
    let json = Message::Synchronous(sync).to_v4_json();
    assert!(json["response"][1].get("generators").unwrap()["body"].is_null());
    assert_eq!(
        json["response"][1]["generators"]["metadata"]["seq"]["type"],
        "RandomInt"
    );
}

#[test]
fn matching_rules_given_as_rules_are_added_to_a_message_and_its_parts() {
    let rule = |matchers: Value| json!({"combine": "AND", "matchers": matchers});
    let mut m = dsl::new_message(SpecVersion::V4, "an event").unwrap();
    dsl::with_contents(
        &mut m.contents,
        MessagePart::Message,
        BodyInput::Json(json!({"sku": matcher("type", json!("A-1")), "n": 1})),
        None,
    )
    .unwrap();
    dsl::with_metadata(
        &mut m.contents,
        MessagePart::Message,
        &json!({"topic": "orders.placed", "TagData": {"ID": "x"}}),
    )
    .unwrap();
    dsl::with_matching_rules(
        &mut m.contents,
        MessagePart::Message,
        &json!({
            "body": {"$.sku": {"matchers": [{"match": "regex", "regex": "[A-Z]-\\d+"}]}},
            "metadata": {
                "topic": {"matchers": [{"match": "regex", "regex": "orders\\..*"}]},
                "TagData.ID": {"matchers": [{"pact:matcher:type": "type"}]}
            }
        }),
    )
    .unwrap();
    // The V4 specification's `content` is taken as `body`, after the rules given before.
    dsl::with_matching_rules(
        &mut m.contents,
        MessagePart::Message,
        &json!({"content": {
            "$.n": {"matchers": [{"match": "integer"}, {"match": "decimal"}], "combine": "OR"},
            "$.sku": {"matchers": [{"match": "type"}]}
        }}),
    )
    .unwrap();
    let expected = json!({
        "body": {
            "$.sku": rule(json!([{"match": "type"}, {"match": "regex", "regex": "[A-Z]-\\d+"}, {"match": "type"}])),
            "$.n": {"combine": "OR", "matchers": [{"match": "integer"}, {"match": "decimal"}]}
        },
        "metadata": {
            "topic": rule(json!([{"match": "regex", "regex": "orders\\..*"}])),
            "TagData.ID": rule(json!([{"match": "type"}]))
        }
    });
    let async_message = Message::Asynchronous(m.clone());
    assert_eq!(async_message.to_v4_json()["matchingRules"], expected);
    let mut v3 = Pact::new("C", "P");
    v3.messages.push(async_message);
    assert_eq!(
        v3.to_json_as(SpecVersion::V3).unwrap()["messages"][0]["matchingRules"],
        expected
    );

    // A synchronous message: the request, and the last response added.
    let mut sync = dsl::new_synchronous_message(SpecVersion::V4, "a query").unwrap();
    dsl::with_contents(
        &mut sync.request,
        MessagePart::Request,
        BodyInput::Json(json!({"q": 1})),
        None,
    )
    .unwrap();
    dsl::with_matching_rules(
        &mut sync.request,
        MessagePart::Request,
        &json!({"body": {"$.q": {"matchers": [{"match": "integer"}]}}}),
    )
    .unwrap();
    assert!(dsl::last_response(&mut sync, "withResponseMatchingRules").is_err());
    for a in [1, 2] {
        let mut response = MessageContents::default();
        dsl::with_contents(
            &mut response,
            MessagePart::Response,
            BodyInput::Json(json!({"a": a})),
            None,
        )
        .unwrap();
        sync.responses.push(response);
    }
    let last = dsl::last_response(&mut sync, "withResponseMatchingRules").unwrap();
    dsl::with_matching_rules(
        last,
        MessagePart::Response,
        &json!({"metadata": {"status": {"matchers": [{"match": "type"}]}}}),
    )
    .unwrap();
    let json = Message::Synchronous(sync.clone()).to_v4_json();
    assert_eq!(
        json["request"]["matchingRules"],
        json!({"body": {"$.q": rule(json!([{"match": "integer"}]))}})
    );
    assert!(json["response"][0].get("matchingRules").is_none());
    assert_eq!(
        json["response"][1]["matchingRules"],
        json!({"metadata": {"status": rule(json!([{"match": "type"}]))}})
    );

    // Setting the contents again replaces the body rules, those given as rules included.
    dsl::with_contents(
        &mut sync.request,
        MessagePart::Request,
        BodyInput::Json(json!({"q": 2})),
        None,
    )
    .unwrap();
    assert!(sync.request.matching_rules.is_empty());
}

#[test]
fn matching_rules_of_a_message_that_are_wrong_are_refused_whole() {
    let mut before = MessageContents::default();
    dsl::with_contents(
        &mut before,
        MessagePart::Message,
        BodyInput::Json(json!({"a": matcher("type", json!(1))})),
        None,
    )
    .unwrap();
    for (part, rules, code, needle) in [
        (
            MessagePart::Message,
            json!({"header": {"x-trace": {"matchers": [{"match": "type"}]}}}),
            ErrorCode::InvalidArgument,
            "The message matching rules: a message has no 'header' rules",
        ),
        (
            MessagePart::Request,
            json!({"body": {}, "status": {"matchers": [{"match": "type"}]}}),
            ErrorCode::InvalidArgument,
            "The request matching rules: a message has no 'status' rules",
        ),
        (
            MessagePart::Response,
            json!({"nope": {}}),
            ErrorCode::InvalidArgument,
            "unknown category 'nope': use body, content, metadata",
        ),
        (
            MessagePart::Message,
            json!({
                "body": {"$.a": {"matchers": [{"match": "type"}]}},
                "metadata": {"t": {"matchers": [{"match": "regex", "regex": "("}]}}
            }),
            ErrorCode::InvalidRegex,
            "metadata rule 't': Invalid regular expression '('",
        ),
        (
            MessagePart::Message,
            json!({"content": {"$.a": {"matchers": [{"match": "bogus"}]}}}),
            ErrorCode::UnknownMatcher,
            "bogus",
        ),
        (
            MessagePart::Message,
            json!({"body": {"$.a[": {"matchers": [{"match": "type"}]}}}),
            ErrorCode::InvalidArgument,
            "$.a[",
        ),
        (
            MessagePart::Message,
            json!([1]),
            ErrorCode::InvalidArgument,
            "must be an object",
        ),
    ] {
        let mut contents = before.clone();
        let e = dsl::with_matching_rules(&mut contents, part, &rules).unwrap_err();
        assert_eq!(e.code, code, "{rules}: {}", e.message);
        assert!(e.message.contains(needle), "{rules}: {}", e.message);
        assert_eq!(contents, before, "nothing added for {rules}");
    }
    let mut sync = SynchronousMessage::new("rpc");
    let e = dsl::last_response(&mut sync, "withResponseMatchingRules").unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidArgument);
    assert!(
        e.message.contains("before withResponseMatchingRules(...)"),
        "{}",
        e.message
    );
}
