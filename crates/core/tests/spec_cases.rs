//! Runs every case of the official pact-specification test suites (V1..V4: requests,
//! responses, message bodies; vendored in `tests/pact-spec`) through the matching engine and
//! asserts each verdict.

use pact_mock_server_core::matching::{match_body, match_response, Mismatch, RequestMatcher};
use pact_mock_server_core::model::file::{request_from_json, response_from_json};
use pact_mock_server_core::model::{Body, ContentType, MessageContents, SpecVersion};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The specification suite vendored in `tests/pact-spec` (see its README.md); its absence
/// fails every test that needs it, saying where it was looked for.
fn spec_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pact-spec");
    assert!(
        root.is_dir(),
        "pact-specification test cases not found at {}: they are vendored in the repository \
         (tests/pact-spec, see its README.md for how to restore or refresh them)",
        root.display()
    );
    root
}

/// The case directories of each version: every one must exist and hold cases.
const SUITES: &[(&str, &[&str])] = &[
    ("v1", &["request", "response"]),
    ("v1.1", &["request", "response"]),
    ("v2", &["request", "response"]),
    ("v3", &["request", "response", "message"]),
    ("v4", &["request", "response", "message"]),
];

/// The case files of `version`'s `kind` cases, sorted; fails if there are none.
fn case_files(root: &Path, version: &str, kind: &str) -> Vec<PathBuf> {
    let dir = root.join(version).join("testcases").join(kind);
    let mut files = Vec::new();
    collect(&dir, &mut files);
    assert!(
        !files.is_empty(),
        "no spec cases under {}: the vendored suite is incomplete",
        dir.display()
    );
    files
}

fn version_of(dir: &str) -> SpecVersion {
    match dir {
        "v1" => SpecVersion::V1,
        "v1.1" => SpecVersion::V1_1,
        "v2" => SpecVersion::V2,
        "v3" => SpecVersion::V3,
        _ => SpecVersion::V4,
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read the spec cases in {}: {e}", dir.display()));
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

/// A message of a case, read as the pact file model reads messages (V3 `contents` and
/// `metaData`, V4 body objects and the `content` rule category).
fn message_of(json: &Value, spec: SpecVersion) -> Result<MessageContents, String> {
    let obj = json.as_object().ok_or("a message case must be an object")?;
    let read = if spec >= SpecVersion::V4 {
        MessageContents::from_v4_json(obj)
    } else {
        MessageContents::from_v3_json(obj)
    };
    read.map_err(|e| e.message)
}

/// A message's contents as a body, with their content type (the contents' own, else the
/// metadata's, else detected).
fn message_body(json: &Value, spec: SpecVersion) -> Result<(Body, Option<ContentType>), String> {
    let message = message_of(json, spec)?;
    let ct = message.content_type();
    Ok((message.body, ct))
}

fn run_case(file: &Path, spec: SpecVersion, kind: &str) -> Result<(bool, Vec<Mismatch>), String> {
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    // Some case files start with a byte-order mark.
    let case: Value =
        serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| e.to_string())?;
    let expected_match = case
        .get("match")
        .and_then(Value::as_bool)
        .ok_or("case has no boolean 'match'")?;
    let expected = case.get("expected").ok_or("case has no 'expected'")?;
    let actual = case.get("actual").ok_or("case has no 'actual'")?;
    let mismatches = match kind {
        "request" => {
            let e = request_from_json(expected, spec)
                .map_err(|e| format!("expected: {}", e.message))?;
            let a =
                request_from_json(actual, spec).map_err(|e| format!("actual: {}", e.message))?;
            RequestMatcher::new(&e, spec)
                .map_err(|e| e.message)?
                .mismatches(&a)
        }
        "response" => {
            let e = response_from_json(expected, spec)
                .map_err(|e| format!("expected: {}", e.message))?;
            let a =
                response_from_json(actual, spec).map_err(|e| format!("actual: {}", e.message))?;
            match_response(&e, &a, spec).map_err(|e| e.message)?
        }
        "message" => {
            let (eb, ect) = message_body(expected, spec)?;
            let (ab, act) = message_body(actual, spec)?;
            let rules = message_of(expected, spec)?.matching_rules;
            match_body(&eb, ect.as_ref(), &ab, act.as_ref(), &rules, spec, true)
                .map_err(|e| e.message)?
        }
        other => return Err(format!("unknown case kind '{other}'")),
    };
    Ok((expected_match == mismatches.is_empty(), mismatches))
}

#[test]
fn all_spec_cases() {
    let root = spec_root();
    let mut passed = 0;
    let mut failures = Vec::new();
    for &(version, kinds) in SUITES {
        let spec = version_of(version);
        for &kind in kinds {
            for file in case_files(&root, version, kind) {
                let name = file
                    .strip_prefix(&root)
                    .unwrap_or(&file)
                    .display()
                    .to_string();
                match run_case(&file, spec, kind) {
                    Ok((true, _)) => passed += 1,
                    Ok((false, mismatches)) => failures.push(format!(
                        "{name}: verdict wrong; mismatches: {:?}",
                        mismatches
                            .iter()
                            .map(|m| m.to_json().to_string())
                            .collect::<Vec<_>>()
                    )),
                    Err(e) => failures.push(format!("{name}: error: {e}")),
                }
            }
        }
    }
    println!("spec cases: {passed} passed, {} failed", failures.len());
    for f in &failures {
        println!("  FAIL {f}");
    }
    assert!(passed > 0, "no spec cases found under {}", root.display());
    assert!(
        failures.is_empty(),
        "{} spec case(s) failed",
        failures.len()
    );
}

/// Every case with expected and actual swapped: verdicts are not asserted, but matching must
/// not panic whatever it is given.
#[test]
fn swapped_cases_never_panic() {
    let root = spec_root();
    let mut runs = 0;
    for &(version, kinds) in SUITES {
        let spec = version_of(version);
        for &kind in kinds {
            for file in case_files(&root, version, kind) {
                let Ok(text) = std::fs::read_to_string(&file) else {
                    continue;
                };
                let Ok(case) = serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}'))
                else {
                    continue;
                };
                let (Some(e), Some(a)) = (case.get("actual"), case.get("expected")) else {
                    continue;
                };
                match kind {
                    "request" => {
                        if let (Ok(e), Ok(a)) =
                            (request_from_json(e, spec), request_from_json(a, spec))
                        {
                            if let Ok(m) = RequestMatcher::new(&e, spec) {
                                let _ = m.mismatches(&a);
                                runs += 1;
                            }
                        }
                    }
                    "response" => {
                        if let (Ok(e), Ok(a)) =
                            (response_from_json(e, spec), response_from_json(a, spec))
                        {
                            let _ = match_response(&e, &a, spec);
                            runs += 1;
                        }
                    }
                    _ => {
                        if let (Ok((eb, ect)), Ok((ab, act))) =
                            (message_body(e, spec), message_body(a, spec))
                        {
                            let _ = match_body(
                                &eb,
                                ect.as_ref(),
                                &ab,
                                act.as_ref(),
                                &Default::default(),
                                spec,
                                false,
                            );
                            runs += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(runs > 700, "only {runs} swapped cases ran");
}
